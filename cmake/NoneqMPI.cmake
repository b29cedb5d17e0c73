# noneq::mpi — the optional MPI part of noneq (include/noneq/network/mpi.hpp): noneq::noneq plus
# MPI's C API (plain MPI calls). Defined only when MPI is found (Debian: libopenmpi-dev,
# openmpi-bin; scripts/install-deps.sh --mpi); without it everything else builds unchanged.
# The C API through the C++ compiler (the project enables CXX only); no MPI C++ bindings.
# Installed in its own export set (noneqMPITargets.cmake): the package config loads it only
# where a consumer's MPI is found too, so noneq::noneq never needs MPI (noneqConfig.cmake.in).
set(MPI_CXX_SKIP_MPICXX ON CACHE BOOL "noneq uses MPI's C API only")
find_package(MPI COMPONENTS CXX QUIET)
set(NONEQ_WITH_MPI OFF)
if(MPI_CXX_FOUND)
  set(NONEQ_WITH_MPI ON)
  add_library(noneq_mpi INTERFACE)
  add_library(noneq::mpi ALIAS noneq_mpi)
  target_link_libraries(noneq_mpi INTERFACE noneq MPI::MPI_CXX)
  set_target_properties(noneq_mpi PROPERTIES EXPORT_NAME mpi)
  install(TARGETS noneq_mpi EXPORT noneqMPITargets)
  install(EXPORT noneqMPITargets NAMESPACE noneq::
          DESTINATION ${CMAKE_INSTALL_DATADIR}/cmake/noneq)
  message(STATUS "noneq: MPI found (${MPI_CXX_VERSION}); noneq::mpi is available")
else()
  message(STATUS "noneq: MPI not found; noneq::mpi and the MPI tests are skipped")
endif()
