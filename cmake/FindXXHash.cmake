# FindXXHash: locates libxxhash (XXH3, the checksum of hexaglot's files and blocks).
#
# libxxhash ships a pkg-config file but no CMake package (Debian: libxxhash-dev), so this
# module finds its header and library by name and reads the version from xxhash.h.
# XXH3_64bits' output is frozen from 0.8.0 on: CMakeLists.txt asks for at least that.
#
# Result: the imported target XXHash::XXHash, and XXHash_FOUND, XXHash_VERSION,
# XXHash_INCLUDE_DIR, XXHash_LIBRARY.

find_path(XXHash_INCLUDE_DIR NAMES xxhash.h)
find_library(XXHash_LIBRARY NAMES xxhash)

if(XXHash_INCLUDE_DIR AND EXISTS "${XXHash_INCLUDE_DIR}/xxhash.h")
  file(STRINGS "${XXHash_INCLUDE_DIR}/xxhash.h" xxhash_version_lines
       REGEX "^#define XXH_VERSION_(MAJOR|MINOR|RELEASE) +[0-9]+")
  foreach(part MAJOR MINOR RELEASE)
    string(REGEX REPLACE ".*#define XXH_VERSION_${part} +([0-9]+).*" "\\1"
           xxhash_version_${part} "${xxhash_version_lines}")
  endforeach()
  set(XXHash_VERSION
      "${xxhash_version_MAJOR}.${xxhash_version_MINOR}.${xxhash_version_RELEASE}")
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(XXHash
  REQUIRED_VARS XXHash_LIBRARY XXHash_INCLUDE_DIR
  VERSION_VAR XXHash_VERSION)

if(XXHash_FOUND AND NOT TARGET XXHash::XXHash)
  add_library(XXHash::XXHash UNKNOWN IMPORTED)
  set_target_properties(XXHash::XXHash PROPERTIES
    IMPORTED_LOCATION "${XXHash_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${XXHash_INCLUDE_DIR}")
endif()

mark_as_advanced(XXHash_INCLUDE_DIR XXHash_LIBRARY)
