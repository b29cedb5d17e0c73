# One corpus model: -DMODEL -DFILE -DOUT (result folder) -DCONVERTER, and either -DEXE (the built
# driver: run it, its key=value line is the result) or -DEXPECT_REJECT (a regex the converter's
# message must match). Writes ${OUT}/${MODEL}.txt; fails if a check fails.
file(MAKE_DIRECTORY ${OUT})
if(DEFINED EXPECT_REJECT)
  execute_process(COMMAND ${CONVERTER} ${FILE} -o ${OUT}/${MODEL}.rejected.hpp -q
                  RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
  string(REGEX REPLACE "\n" " " err "${err}")
  file(WRITE ${OUT}/${MODEL}.txt "converts=0 reason=${err}\n")
  if(rc EQUAL 1 AND err MATCHES "${EXPECT_REJECT}")
    message(STATUS "${MODEL}: rejected as expected: ${err}")
  else()
    message(FATAL_ERROR "${MODEL}: expected a rejection matching '${EXPECT_REJECT}', got exit "
                        "${rc}: ${err}")
  endif()
  return()
endif()
if(NOT EXISTS ${EXE})
  execute_process(COMMAND ${CONVERTER} ${FILE} -o ${OUT}/${MODEL}.check.hpp -q
                  RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
  string(REGEX REPLACE "\n" " " err "${err}")
  if(rc EQUAL 0)
    file(WRITE ${OUT}/${MODEL}.txt "converts=1 compiles=0\n")
    message(FATAL_ERROR "${MODEL}: converted but did not compile (see cellml_corpus.build.log)")
  endif()
  file(WRITE ${OUT}/${MODEL}.txt "converts=0 reason=${err}\n")
  message(FATAL_ERROR "${MODEL}: not converted: ${err}")
endif()
execute_process(COMMAND ${EXE} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err
                TIMEOUT 600)
string(STRIP "${out}" out)
file(WRITE ${OUT}/${MODEL}.txt "converts=1 compiles=1 ${out}\n")
message(STATUS "${MODEL}: ${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${MODEL}: a check failed (exit ${rc}): ${out} ${err}")
endif()
