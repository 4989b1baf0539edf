// Locating test inputs: the project's own files and the shared data sets.

#ifndef HEXAGLOT_TESTS_TEST_DATA_H_
#define HEXAGLOT_TESTS_TEST_DATA_H_

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace hexaglot::testing {

// ../shared/data, or $HEXAGLOT_SHARED_DATA when set.
inline std::filesystem::path SharedDataDir() {
  if (const char* env = std::getenv("HEXAGLOT_SHARED_DATA")) return env;
  return HEXAGLOT_SHARED_DATA_DIR;
}

// A file of this repository, by its path from the repository root.
inline std::filesystem::path SourcePath(const std::string& relative) {
  return std::filesystem::path(HEXAGLOT_SOURCE_DIR) / relative;
}

}  // namespace hexaglot::testing

// Skips the current test, with a message saying what is missing, unless the shared data
// file or folder `relative` (e.g. "udhr/udhr_articles.jsonl") exists. Declares `var` as its
// full path.
#define HEXAGLOT_SHARED_DATA_OR_SKIP(var, relative)                                       \
  const std::filesystem::path var = ::hexaglot::testing::SharedDataDir() / (relative);    \
  if (!std::filesystem::exists(var)) {                                                    \
    GTEST_SKIP() << "shared data not found: " << var.string()                             \
                 << " (set HEXAGLOT_SHARED_DATA or place ../shared beside the checkout)"; \
  }

#endif  // HEXAGLOT_TESTS_TEST_DATA_H_
