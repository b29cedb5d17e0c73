# Runs EXE with ARGS; passes only if it exits with EXPECT_EXIT (0 unless given) AND its output
# (stdout and stderr together) matches the regex PASS. Used for every example and consumer test:
# CTest's PASS_REGULAR_EXPRESSION alone ignores the exit code.
if(NOT DEFINED EXPECT_EXIT OR EXPECT_EXIT STREQUAL "")
  set(EXPECT_EXIT 0)
endif()
execute_process(COMMAND ${EXE} ${ARGS} RESULT_VARIABLE rv OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rv STREQUAL EXPECT_EXIT)
  message(FATAL_ERROR "exit code '${rv}', expected ${EXPECT_EXIT}. Output:\n${out}")
endif()
if(NOT DEFINED PASS OR PASS STREQUAL "")
  message(FATAL_ERROR "no PASS regex given")
endif()
if(NOT out MATCHES "${PASS}")
  message(FATAL_ERROR "output does not match '${PASS}':\n${out}")
endif()
message(STATUS "exit ${rv} and output matching '${PASS}' as expected")
