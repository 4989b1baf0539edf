// Symbol visibility for the public API.
//
// libhexaglot is compiled with hidden visibility; only declarations marked HEXAGLOT_EXPORT
// are part of its ABI. Internal classes under lib/ stay hidden in the shared library.

#ifndef HEXAGLOT_EXPORT_H_
#define HEXAGLOT_EXPORT_H_

#if defined(_WIN32)
#if defined(HEXAGLOT_COMPILE_LIBRARY)
#define HEXAGLOT_EXPORT __declspec(dllexport)
#else
#define HEXAGLOT_EXPORT
#endif
#elif defined(__cplusplus)
#define HEXAGLOT_EXPORT [[gnu::visibility("default")]]
#else  // The C API (c.h) compiled as C.
#define HEXAGLOT_EXPORT __attribute__((visibility("default")))
#endif

#endif  // HEXAGLOT_EXPORT_H_
