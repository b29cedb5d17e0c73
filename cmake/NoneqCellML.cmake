# noneq_add_cellml_model(<target> <file.cellml> [NAMESPACE <name>])
#
# Converts a CellML model at build time (noneq-cellml) into <binary dir>/cellml/<stem>.hpp and
# makes <target> an INTERFACE library that carries that include directory and noneq::noneq:
#
#   noneq_add_cellml_model(my_cell models/my_cell.cellml)
#   target_link_libraries(my_program PRIVATE my_cell)
#   #include <my_cell.hpp>    // namespace noneq::cellml_models::my_cell, class model
#
# The header is regenerated when the CellML file or the converter changes. A model whose units
# are inconsistent fails the build at conversion, with the converter's message (component,
# variable and both units). NONEQ_CELLML_CONVERTER names the converter: by default the target
# noneq-cellml of this project.
function(noneq_add_cellml_model target file)
  cmake_parse_arguments(A "" "NAMESPACE" "" ${ARGN})
  get_filename_component(file "${file}" ABSOLUTE)
  get_filename_component(stem "${file}" NAME_WE)
  if(NOT A_NAMESPACE)
    set(A_NAMESPACE "${stem}")
  endif()
  if(NONEQ_CELLML_CONVERTER)
    set(converter "${NONEQ_CELLML_CONVERTER}")
    set(converter_dep "${NONEQ_CELLML_CONVERTER}")
  elseif(TARGET noneq-cellml)
    set(converter "$<TARGET_FILE:noneq-cellml>")
    set(converter_dep noneq-cellml)
  else()
    message(FATAL_ERROR "noneq_add_cellml_model: no converter (build noneq's tools/cellml, or "
                        "set NONEQ_CELLML_CONVERTER to the noneq-cellml program)")
  endif()
  set(dir "${CMAKE_CURRENT_BINARY_DIR}/cellml/${target}")
  set(header "${dir}/${stem}.hpp")
  add_custom_command(
    OUTPUT "${header}"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${dir}"
    COMMAND ${converter} "${file}" -o "${header}" --namespace "${A_NAMESPACE}" -q
    DEPENDS "${file}" ${converter_dep}
    COMMENT "noneq-cellml: ${stem}.cellml -> ${stem}.hpp"
    VERBATIM)
  add_custom_target(${target}_header DEPENDS "${header}")
  add_library(${target} INTERFACE)
  add_dependencies(${target} ${target}_header)
  target_include_directories(${target} INTERFACE "${dir}")
  target_link_libraries(${target} INTERFACE noneq::noneq)
endfunction()
