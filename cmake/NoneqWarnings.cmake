# Warnings as errors on the project's own targets only; never on users of noneq::noneq.
add_library(noneq_project_options INTERFACE)
target_compile_options(noneq_project_options INTERFACE -Wall -Wextra -Wpedantic -Werror
  # GCC 12 reports "__Y is used uninitialized" inside its own AVX-512 intrinsic headers
  # (avx512fintrin.h's deliberate self-initialised undefined vectors, GCC PR 105593, fixed in
  # GCC 13) whenever xsimd's exp/expm1 are inlined; silenced for GCC < 13 only.
  $<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>:-Wno-uninitialized
    -Wno-maybe-uninitialized>)
target_link_libraries(noneq_project_options INTERFACE noneq::noneq)

# Targets whose speed matters (benchmarks, examples that report timings) get -O3 -march=native.
add_library(noneq_native INTERFACE)
target_compile_options(noneq_native INTERFACE -O3 -march=native)

# noneq_add_example(<name> <source>...): an example executable named noneq-<name>.
function(noneq_add_example name)
  add_executable(noneq-${name} ${ARGN})
  target_link_libraries(noneq-${name} PRIVATE noneq_project_options CLI11::CLI11)
endfunction()
