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

# The layering check (check_layers.cmake) of `module`, run before `target` compiles: an
# #include that the project's ARCHITECTURE.md does not allow fails the build. It reruns
# when a file it read changes (its depfile lists them) or a file is added to the module.
set(HEXAGLOT_CHECK_LAYERS "${CMAKE_CURRENT_LIST_DIR}/check_layers.cmake")
function(hexaglot_check_layers target module)
  set(stamp "${PROJECT_BINARY_DIR}/layers/${module}.stamp")
  set(depfile "${PROJECT_BINARY_DIR}/layers/${module}.d")
  add_custom_command(OUTPUT "${stamp}"
    COMMAND "${CMAKE_COMMAND}" -DROOT=${PROJECT_SOURCE_DIR} -DMODULE=${module}
      -DSTAMP=${stamp} -DDEPFILE=${depfile} -P "${HEXAGLOT_CHECK_LAYERS}"
    DEPENDS "${HEXAGLOT_CHECK_LAYERS}" "${PROJECT_SOURCE_DIR}/ARCHITECTURE.md"
    DEPFILE "${depfile}"
    COMMENT "Checking the includes of ${module} against ARCHITECTURE.md"
    VERBATIM)
  add_custom_target(${target}_layers DEPENDS "${stamp}")
  add_dependencies(${target} ${target}_layers)
endfunction()

# One library module under lib/: an object library whose objects end up in libhexaglot
# (static and shared). Symbols are hidden unless marked HEXAGLOT_EXPORT.
#   hexaglot_add_module(NAME SOURCES ... [DEPENDS external-targets ...])
# DEPENDS names external libraries only: every module sees include/ and lib/ already, so
# which of them it may include is the layering check's job (ARCHITECTURE.md).
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
  hexaglot_check_layers(${target} ${name})
endfunction()
