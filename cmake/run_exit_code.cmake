# Runs EXE with ARGS; passes only if it exits with EXPECT_EXIT and its output matches PASS.
execute_process(COMMAND ${EXE} ${ARGS} RESULT_VARIABLE rv OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rv EQUAL EXPECT_EXIT)
  message(FATAL_ERROR "exit code ${rv}, expected ${EXPECT_EXIT}. Output:\n${out}")
endif()
if(PASS AND NOT out MATCHES "${PASS}")
  message(FATAL_ERROR "output does not match '${PASS}':\n${out}")
endif()
message(STATUS "exit ${rv} as expected")
