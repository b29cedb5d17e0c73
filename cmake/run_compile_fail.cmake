# Builds one must-not-compile target; succeeds only if the build fails with the expected
# diagnostic (so an unrelated typo in the case does not count as a pass).
# Plain ASCII quotes and unwrapped lines, so that the expected text can be matched.
set(ENV{LC_ALL} C)
set(ENV{LANG} C)
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} --target ${TARGET}
                RESULT_VARIABLE rv OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(rv EQUAL 0)
  message(FATAL_ERROR "${TARGET} compiled, but it must not")
endif()
if(NOT out MATCHES "${EXPECT}")
  message(FATAL_ERROR "${TARGET} failed to compile, but not with the expected diagnostic "
                      "'${EXPECT}'. Compiler said:\n${out}")
endif()
message(STATUS "${TARGET}: rejected as expected ('${EXPECT}')")
