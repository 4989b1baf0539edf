// Shared checks of the fuzz targets: a broken invariant aborts with a message, which
// libFuzzer reports as a crash and saves the input that caused it.

#ifndef HEXAGLOT_TESTS_FUZZ_FUZZ_UTIL_H_
#define HEXAGLOT_TESTS_FUZZ_FUZZ_UTIL_H_

#include <cstdio>
#include <cstdlib>
#include <string>

#include "hexaglot/status.h"

namespace hexaglot::fuzz {

[[noreturn]] inline void Fail(const std::string& what) {
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what.c_str());
  std::abort();
}

inline void Expect(bool condition, const std::string& what) {
  if (!condition) Fail(what);
}

// Bad input must be a clean error of one of these codes, never Internal or Unknown.
inline void ExpectCleanError(const Status& status, const std::string& where) {
  if (status.ok() || status.IsInvalidArgument() || status.IsCorruption() || status.IsNotFound() ||
      status.IsNotSupported()) {
    return;
  }
  Fail(where + ": unexpected error " + status.ToString());
}

}  // namespace hexaglot::fuzz

#endif  // HEXAGLOT_TESTS_FUZZ_FUZZ_UTIL_H_
