// A fixture for end-to-end tests of the hexaglot tool: runs the built binary (path in
// HEXAGLOT_TOOL_PATH) in a fresh folder of its own and captures exit code and output. The
// environment is hermetic for the index path rule: HOME is a folder inside the test's,
// and HEXAGLOT_INDEX, XDG_DATA_HOME and NO_COLOR are unset unless a test sets them.

#ifndef HEXAGLOT_TESTS_TOOLS_TOOL_TEST_UTIL_H_
#define HEXAGLOT_TESTS_TOOLS_TOOL_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "test_data.h"

namespace hexaglot::testing {

struct ToolRun {
  int exit_code = -1;  // -1 when the tool did not exit normally (a crash).
  std::string out;
  std::string err;
};

class ToolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("hexaglot_tool_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    SetEnv("HOME", (dir_ / "home").string());
    UnsetEnv("HEXAGLOT_INDEX");
    UnsetEnv("XDG_DATA_HOME");
    UnsetEnv("NO_COLOR");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Writes `contents` to `name` in the test's folder and returns its path.
  std::filesystem::path WriteFile(const std::string& name, std::string_view contents) {
    const std::filesystem::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << contents;
    return path;
  }

  // The environment of the following runs: `name` set to `value`, or unset.
  void SetEnv(const std::string& name, const std::string& value) { env_[name] = value; }
  void UnsetEnv(const std::string& name) { env_[name] = std::nullopt; }

  // Runs `hexaglot ARGS...` with the test's folder as working directory and `input` on
  // standard input.
  ToolRun Run(const std::vector<std::string>& args, std::string_view input = "") {
    const std::filesystem::path in = WriteFile(".stdin", input);
    const std::filesystem::path out = dir_ / ".stdout";
    const std::filesystem::path err = dir_ / ".stderr";
    std::string command = "cd " + Quote(dir_.string()) + " && env";
    // env takes its -u options before the assignments.
    for (const auto& [name, value] : env_) {
      if (!value) command.append(" -u ").append(Quote(name));
    }
    for (const auto& [name, value] : env_) {
      if (value) command.append(" ").append(Quote(name + "=" + *value));
    }
    // append() rather than `" " + ...`: GCC 12 warns falsely (-Wrestrict) on the latter.
    command.append(" ").append(Quote(HEXAGLOT_TOOL_PATH));
    for (const std::string& arg : args) command.append(" ").append(Quote(arg));
    command.append(" <").append(Quote(in.string()));
    command.append(" >").append(Quote(out.string()));
    command.append(" 2>").append(Quote(err.string()));
    const int status = std::system(command.c_str());
    ToolRun run;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = ReadAll(out);
    run.err = ReadAll(err);
    return run;
  }

  // The embedded compendium (79 paragraphs).
  static std::string Compendium() {
    return SourcePath("corpus/wg7-compendium-2021.en.md").string();
  }

  // Indexes the compendium into `index` (in the test's folder) and returns the index path.
  std::string IndexCompendium(const std::string& index = "index") {
    const ToolRun run = Run({"index", "--index", index, Compendium()});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return (dir_ / index).string();
  }

  static std::string ReadAll(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream contents;
    contents << in.rdbuf();
    return contents.str();
  }

  std::filesystem::path dir_;

 private:
  std::map<std::string, std::optional<std::string>> env_;

  static std::string Quote(const std::string& arg) {
    std::string quoted = "'";
    for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
  }
};

}  // namespace hexaglot::testing

#endif  // HEXAGLOT_TESTS_TOOLS_TOOL_TEST_UTIL_H_
