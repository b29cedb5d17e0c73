# Checks the include direction of noneq's layers: a header may include headers of its own folder
# and of LOWER layers only. Run as a script:
#   cmake -DINCLUDE_DIR=<dir holding noneq/> -P check_layering.cmake
# Fails (non-zero exit) naming every header line that includes a higher layer, a peer domain,
# or a folder missing from the table below.
#
# The layers, lowest first (the README's "Layout" lists the same order). Folders on one line are
# peers: they may include the layers below, not each other.
cmake_minimum_required(VERSION 3.25)

set(noneq_layers
  "units"                                          # units.hpp, constants.hpp
  "core"                                           # traits, safe math, errors, roots, threads
  "potential"                                      # equilibrium references in closed form
  "flux"                                           # flux laws, and reversal potentials as their zeros
  "integrate"                                      # steppers, odeint adapters, observers
  "kernels"                                        # SIMD evaluation over arrays
  "membrane"                                       # gates, channels, composed membranes
  "cardiac"                                        # cardiac cells and their parts
  "cellml"                                         # support of models imported from CellML
  "population"                                     # SIMD populations of composed models
  "cable|network|tissue"                           # cables; networks of cells; cardiac tissue
  "bioenergetics|devices|materials|softmatter"     # the other domains, peers
  "analysis"                                       # fixed points, spikes, cycle metrics
  "umbrella")                                      # noneq.hpp

if(NOT INCLUDE_DIR)
  message(FATAL_ERROR "check_layering: pass -DINCLUDE_DIR=<directory that holds noneq/>")
endif()
get_filename_component(INCLUDE_DIR "${INCLUDE_DIR}" ABSOLUTE)

# The layer of a header path relative to INCLUDE_DIR (noneq/<folder>/... or noneq/<file>.hpp);
# -1 for a folder that is not in the table.
function(noneq_layer_of rel out_rank out_group)
  if(rel MATCHES "^noneq/([^/]+)/")
    set(group "${CMAKE_MATCH_1}")
  elseif(rel MATCHES "^noneq/(units|constants)\\.hpp$")
    set(group "units")
  elseif(rel MATCHES "^noneq/noneq\\.hpp$")
    set(group "umbrella")
  else()
    set(group "?${rel}")
  endif()
  set(rank -1)
  set(i 0)
  foreach(line IN LISTS noneq_layers)
    string(REPLACE "|" ";" peers "${line}")
    if(group IN_LIST peers)
      set(rank ${i})
    endif()
    math(EXPR i "${i} + 1")
  endforeach()
  set(${out_rank} ${rank} PARENT_SCOPE)
  set(${out_group} "${group}" PARENT_SCOPE)
endfunction()

file(GLOB_RECURSE headers RELATIVE "${INCLUDE_DIR}" "${INCLUDE_DIR}/noneq/*.hpp")
if(NOT headers)
  message(FATAL_ERROR "check_layering: no headers under ${INCLUDE_DIR}/noneq")
endif()
set(problems "")
set(n_includes 0)
foreach(h IN LISTS headers)
  noneq_layer_of("${h}" rank group)
  if(rank LESS 0)
    string(APPEND problems "  ${h}: its folder '${group}' is not in the layer table\n")
    continue()
  endif()
  # Every #include of a noneq header, with <> or "" (comments are not include lines).
  file(STRINGS "${INCLUDE_DIR}/${h}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
  foreach(line IN LISTS lines)
    if(line MATCHES "^[ \t]*#[ \t]*include[ \t]*[<\"](noneq/[^>\"]+)[>\"]")
      set(inc "${CMAKE_MATCH_1}")
    elseif(line MATCHES "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\"")
      string(APPEND problems "  ${h}: '${line}': include noneq headers as <noneq/...>\n")
      continue()
    else()
      continue() # a system or third-party header
    endif()
    math(EXPR n_includes "${n_includes} + 1")
    noneq_layer_of("${inc}" irank igroup)
    if(irank LESS 0)
      string(APPEND problems "  ${h}: includes ${inc}, whose folder is not in the layer table\n")
    elseif(irank GREATER rank)
      string(APPEND problems "  ${h} (layer '${group}') includes ${inc} (higher layer '${igroup}')\n")
    elseif(irank EQUAL rank AND NOT igroup STREQUAL group)
      string(APPEND problems "  ${h} (layer '${group}') includes ${inc} (peer '${igroup}')\n")
    endif()
  endforeach()
endforeach()

list(LENGTH headers n_headers)
if(problems)
  message(FATAL_ERROR "check_layering: lower layers must not include higher ones "
                      "(order in cmake/check_layering.cmake):\n${problems}")
endif()
message(STATUS "check_layering: ${n_headers} headers, ${n_includes} noneq includes, all downward")
