# Installs the build tree into a fresh prefix, builds tests/package/consumer against it
# (MODE "cmake": find_package of the shared library, with the private dependencies' packages
# made unfindable, for its consumers must not need them; "cmake-static": the static library;
# "pkg-config"), runs the consumer on the compendium, and runs the installed tool with no
# LD_LIBRARY_PATH (its RUNPATH must find the library).
# cmake -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK_DIR=... -DMODE=cmake|cmake-static|pkg-config
#   -DLIBDIR=lib
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

if(EXISTS "${BUILD_DIR}/tools/hexaglot")
  run("${CMAKE_COMMAND}" -E env --unset=LD_LIBRARY_PATH "${prefix}/bin/hexaglot" --version)
  if(NOT run_output MATCHES "^hexaglot [0-9]")
    message(FATAL_ERROR "package_test: installed tool's --version: ${run_output}")
  endif()
endif()

set(configure "${CMAKE_COMMAND}" -S "${SOURCE_DIR}/tests/package/consumer" -B "${WORK_DIR}/build"
  "-DCMAKE_PREFIX_PATH=${prefix}")
if(MODE STREQUAL "pkg-config")
  set(ENV{PKG_CONFIG_PATH} "${prefix}/${LIBDIR}/pkgconfig")
  list(APPEND configure -DUSE_PKG_CONFIG=ON)
elseif(MODE STREQUAL "cmake-static")
  list(APPEND configure -DUSE_STATIC=ON)
else()
  foreach(private ICU Stemmer zstd nlohmann_json XXHash)
    list(APPEND configure -DCMAKE_DISABLE_FIND_PACKAGE_${private}=ON)
  endforeach()
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
