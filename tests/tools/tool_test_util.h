// A fixture for end-to-end tests of the hexaglot tool: runs the built binary (path in
// HEXAGLOT_TOOL_PATH) in a fresh folder of its own and captures exit code and output.

#ifndef HEXAGLOT_TESTS_TOOLS_TOOL_TEST_UTIL_H_
#define HEXAGLOT_TESTS_TOOLS_TOOL_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

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
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Writes `contents` to `name` in the test's folder and returns its path.
  std::filesystem::path WriteFile(const std::string& name, std::string_view contents) {
    const std::filesystem::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << contents;
    return path;
  }

  // Runs `hexaglot ARGS...` with the test's folder as working directory and `input` on
  // standard input.
  ToolRun Run(const std::vector<std::string>& args, std::string_view input = "") {
    const std::filesystem::path in = WriteFile(".stdin", input);
    const std::filesystem::path out = dir_ / ".stdout";
    const std::filesystem::path err = dir_ / ".stderr";
    std::string command = "cd " + Quote(dir_.string()) + " && " + Quote(HEXAGLOT_TOOL_PATH);
    for (const std::string& arg : args) command += " " + Quote(arg);
    command += " <" + Quote(in.string()) + " >" + Quote(out.string()) + " 2>" + Quote(err.string());
    const int status = std::system(command.c_str());
    ToolRun run;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = ReadAll(out);
    run.err = ReadAll(err);
    return run;
  }

  static std::string ReadAll(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream contents;
    contents << in.rdbuf();
    return contents.str();
  }

  std::filesystem::path dir_;

 private:
  static std::string Quote(const std::string& arg) {
    std::string quoted = "'";
    for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
  }
};

}  // namespace hexaglot::testing

#endif  // HEXAGLOT_TESTS_TOOLS_TOOL_TEST_UTIL_H_
