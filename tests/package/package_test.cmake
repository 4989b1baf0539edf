# Installs the build tree into a fresh prefix, builds tests/package/consumer against it
# (MODE "cmake": find_package; MODE "pkg-config"), and runs the consumer on the compendium.
# cmake -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK_DIR=... -DMODE=cmake|pkg-config -DLIBDIR=lib
#   -P package_test.cmake
foreach(variable BUILD_DIR SOURCE_DIR WORK_DIR MODE LIBDIR)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "package_test: ${variable} is not set")
  endif()
endforeach()

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "package_test: '${ARGN}' failed (${result}):\n${out}\n${err}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")
run("${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}")

set(configure "${CMAKE_COMMAND}" -S "${SOURCE_DIR}/tests/package/consumer" -B "${WORK_DIR}/build"
  "-DCMAKE_PREFIX_PATH=${prefix}")
if(MODE STREQUAL "pkg-config")
  set(ENV{PKG_CONFIG_PATH} "${prefix}/${LIBDIR}/pkgconfig")
  list(APPEND configure -DUSE_PKG_CONFIG=ON)
endif()
run(${configure})
run("${CMAKE_COMMAND}" --build "${WORK_DIR}/build")

# The installed shared library has no RUNPATH: point the loader at it.
set(ENV{LD_LIBRARY_PATH} "${prefix}/${LIBDIR}")
run("${WORK_DIR}/build/consumer" "${SOURCE_DIR}/corpus/wg7-compendium-2021.en.md"
  "${WORK_DIR}/index")
if(NOT run_output MATCHES "V\\.21-05340/en/12\t")
  message(FATAL_ERROR "package_test: paragraph 12 not among the hits:\n${run_output}")
endif()
message(STATUS "package_test (${MODE}): ok\n${run_output}")
