# Per-target build settings. Nothing here touches global flags: every hexaglot target
# opts in through hexaglot_configure_target(), so consumers embedding us keep their own.

# HEXAGLOT_SANITIZE: OFF, ON (AddressSanitizer + UndefinedBehaviorSanitizer) or "thread"
# (ThreadSanitizer, which cannot be combined with ASan). HEXAGLOT_BUILD_FUZZERS adds
# libFuzzer's coverage instrumentation to ASan + UBSan.
if(HEXAGLOT_SANITIZE STREQUAL "thread")
  set(HEXAGLOT_SANITIZER_FLAGS -fsanitize=thread -fno-omit-frame-pointer)
elseif(HEXAGLOT_SANITIZE OR HEXAGLOT_BUILD_FUZZERS)
  set(HEXAGLOT_SANITIZER_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=all
      -fno-omit-frame-pointer)
else()
  set(HEXAGLOT_SANITIZER_FLAGS)
endif()
if(HEXAGLOT_BUILD_FUZZERS)
  list(APPEND HEXAGLOT_SANITIZER_FLAGS -fsanitize=fuzzer-no-link)
endif()

# Settings shared by every target we compile: language level, warnings, sanitizers.
function(hexaglot_configure_target target)
  target_compile_features(${target} PUBLIC cxx_std_20)
  set_target_properties(${target} PROPERTIES CXX_EXTENSIONS OFF)
  set_target_properties(${target} PROPERTIES C_STANDARD 11 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wcast-align -Wformat=2 -Wimplicit-fallthrough
    $<$<COMPILE_LANGUAGE:CXX>:-Wnon-virtual-dtor -Wold-style-cast>)
  # GCC 12 at -O3 reports a false -Wrestrict inside libstdc++'s std::string (GCC bug
  # 105329), which -Werror would turn into a failed Release build of the tests.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:CXX>:-Wno-restrict>)
  endif()
  if(HEXAGLOT_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(HEXAGLOT_SANITIZER_FLAGS)
    target_compile_options(${target} PRIVATE ${HEXAGLOT_SANITIZER_FLAGS})
    target_link_options(${target} PRIVATE ${HEXAGLOT_SANITIZER_FLAGS})
  endif()
endfunction()

# One library module under lib/: an object library whose objects end up in libhexaglot
# (static and shared). Symbols are hidden unless marked HEXAGLOT_EXPORT.
#   hexaglot_add_module(NAME SOURCES ... [DEPENDS external-targets ...])
# DEPENDS names external libraries only: every module sees include/ and lib/ already.
function(hexaglot_add_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS" ${ARGN})
  set(target hexaglot_${name})
  add_library(${target} OBJECT ${ARG_SOURCES})
  hexaglot_configure_target(${target})
  set_target_properties(${target} PROPERTIES
    POSITION_INDEPENDENT_CODE ON
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  target_compile_definitions(${target} PRIVATE HEXAGLOT_COMPILE_LIBRARY)
  target_include_directories(${target} PUBLIC
    "$<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>"
    "$<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/lib>")
  if(ARG_DEPENDS)
    target_link_libraries(${target} PUBLIC ${ARG_DEPENDS})
    set_property(GLOBAL APPEND PROPERTY HEXAGLOT_EXTERNAL_DEPS ${ARG_DEPENDS})
  endif()
  set_property(GLOBAL APPEND PROPERTY HEXAGLOT_MODULES ${target})
endfunction()
