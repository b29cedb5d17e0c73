cmake_minimum_required(VERSION 3.20)
# Fails if a test file compares with doctest::Approx: its epsilon is scaled by
# 1 + max(|a|, |b|), i.e. absolute for SI values far below 1. The suite compares with
# tests/support/compare.hpp's rel() instead. ALLOW lists files still awaiting conversion (each
# with a reason in tests/CMakeLists.txt).
string(REPLACE "," ";" ALLOW "${ALLOW}")
file(GLOB_RECURSE sources ${SOURCE_DIR}/tests/*.cpp ${SOURCE_DIR}/tests/*.hpp)
set(bad "")
foreach(src ${sources})
  get_filename_component(name ${src} NAME)
  if(name IN_LIST ALLOW)
    continue()
  endif()
  file(STRINGS ${src} hits REGEX "Approx\\(")
  if(hits)
    string(APPEND bad "\n${src}:\n  ${hits}")
  endif()
endforeach()
if(bad)
  message(FATAL_ERROR "doctest::Approx in the tests (use rel() from tests/support/compare.hpp):${bad}")
endif()
message(STATUS "no doctest::Approx outside: ${ALLOW}")
