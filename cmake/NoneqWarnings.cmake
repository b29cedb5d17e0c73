# Warnings as errors on the project's own targets only; never on users of noneq::noneq.
add_library(noneq_project_options INTERFACE)
target_compile_options(noneq_project_options INTERFACE -Wall -Wextra -Wpedantic -Werror
  # GCC 12 reports "__Y is used uninitialized" inside its own AVX-512 intrinsic headers
  # (avx512fintrin.h's deliberate self-initialised undefined vectors, GCC PR 105593, fixed in
  # GCC 13) whenever xsimd's exp/expm1 are inlined; silenced for GCC < 13 only.
  $<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>:-Wno-uninitialized
    -Wno-maybe-uninitialized>)
target_link_libraries(noneq_project_options INTERFACE noneq::noneq)

# Targets whose speed matters (benchmarks, examples that report timings) get -O3 -march=native;
# NONEQ_ARCH picks another instruction set (e.g. x86-64-v3 for AVX2 + FMA, to measure the
# kernels' generic path on an AVX-512 machine). The tests use it too.
set(NONEQ_ARCH "native" CACHE STRING "-march= for the tests, benchmarks and examples")
add_library(noneq_native INTERFACE)
target_compile_options(noneq_native INTERFACE -O3 -march=${NONEQ_ARCH})

# noneq_add_example(<name> <source>...): an example executable named noneq-<name>.
function(noneq_add_example name)
  add_executable(noneq-${name} ${ARGN})
  target_link_libraries(noneq-${name} PRIVATE noneq_project_options CLI11::CLI11)
  # examples/common/cli.hpp: the key=value printer, parsing and error reporting they share.
  target_include_directories(noneq-${name} PRIVATE ${PROJECT_SOURCE_DIR}/examples/common)
endfunction()

# noneq_example_test(<test-name> <example> PASS <regex> [ARGS <arg>...] [EXIT <code>]
#                    [FAIL <regex>])
# A CTest (label "example") that runs noneq-<example> with ARGS and requires BOTH its exit code
# (EXIT, 0 unless given) and its output to match PASS. CTest's own PASS_REGULAR_EXPRESSION would
# ignore the exit code (a program that printed the value and then failed would pass), so every
# example test runs through cmake/run_exit_code.cmake. FAIL: a regex the output must not match
# (e.g. results printed by a run that should have been refused). A regex may not contain ';'.
function(noneq_example_test test_name example)
  if(NOT NONEQ_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(T "" "PASS;EXIT;FAIL" "ARGS" ${ARGN})
  if(NOT DEFINED T_EXIT)
    set(T_EXIT 0)
  endif()
  if(NOT DEFINED T_PASS OR T_PASS STREQUAL "")
    message(FATAL_ERROR "example.${test_name}: PASS <regex> is required")
  endif()
  add_test(NAME example.${test_name}
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:noneq-${example}> "-DARGS=${T_ARGS}"
            -DEXPECT_EXIT=${T_EXIT} "-DPASS=${T_PASS}" "-DFAIL=${T_FAIL}"
            -P ${PROJECT_SOURCE_DIR}/cmake/run_exit_code.cmake)
  set_tests_properties(example.${test_name} PROPERTIES LABELS example)
endfunction()
