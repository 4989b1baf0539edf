# One test of the layering check (cmake/check_layers.cmake) on a fixture tree.
#   cmake -DTREE=<fixture> -DCMAKE_DIR=<repo>/cmake -DWORK_DIR=<dir> -DMODE=script|build
#         -DEXPECT=pass|fail [-DMESSAGE=<text>] [-DGENERATOR=<name>] -P layers_test.cmake
# MODE=script runs the check itself; MODE=build configures the fixture as a project whose
# targets run the check as hexaglot's do, and builds it. EXPECT=fail also requires MESSAGE
# (a literal substring) in the output.
foreach(var TREE CMAKE_DIR WORK_DIR MODE EXPECT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "layers_test: ${var} is not set")
  endif()
endforeach()
if(NOT GENERATOR)
  set(GENERATOR "Unix Makefiles")
endif()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
if(MODE STREQUAL "script")
  execute_process(
    COMMAND "${CMAKE_COMMAND}" -DROOT=${TREE} -DSTAMP=${WORK_DIR}/stamp
      -DDEPFILE=${WORK_DIR}/stamp.d -P "${CMAKE_DIR}/check_layers.cmake"
    RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
elseif(MODE STREQUAL "build")
  execute_process(
    COMMAND "${CMAKE_COMMAND}" -S "${TREE}" -B "${WORK_DIR}" -G "${GENERATOR}"
      -DHEXAGLOT_CMAKE_DIR=${CMAKE_DIR}
    RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "layers_test: configuring ${TREE} failed:\n${output}")
  endif()
  execute_process(COMMAND "${CMAKE_COMMAND}" --build "${WORK_DIR}"
    RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
else()
  message(FATAL_ERROR "layers_test: MODE must be script or build, not '${MODE}'")
endif()

if(EXPECT STREQUAL "pass")
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "layers_test: the check failed on ${TREE}:\n${output}")
  endif()
  if(MODE STREQUAL "script")
    # The depfile names what the check read, so that the build reruns it on a change.
    file(READ "${WORK_DIR}/stamp.d" deps)
    string(FIND "${deps}" "${TREE}/lib/base/legacy.h" at)
    if(NOT EXISTS "${WORK_DIR}/stamp" OR at EQUAL -1)
      message(FATAL_ERROR "layers_test: no stamp, or a depfile without lib/base/legacy.h:\n${deps}")
    endif()
  endif()
elseif(EXPECT STREQUAL "fail")
  if(result EQUAL 0)
    message(FATAL_ERROR "layers_test: the check passed on ${TREE}, which breaks its rules:\n"
                        "${output}")
  endif()
  string(FIND "${output}" "${MESSAGE}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "layers_test: the output lacks '${MESSAGE}':\n${output}")
  endif()
else()
  message(FATAL_ERROR "layers_test: EXPECT must be pass or fail, not '${EXPECT}'")
endif()
