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

// The lines of a tool's output, without their '\n'.
inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

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
    const std::filesystem::path out = dir_ / ".stdout";
    ToolRun run = Execute(args, input, " >" + Quote(out.string()));
    run.out = ReadAll(out);
    return run;
  }

  // The same with standard output written to `path` (such as /dev/full); run.out is empty.
  ToolRun RunWithStdout(const std::vector<std::string>& args, const std::string& path) {
    return Execute(args, "", " >" + Quote(path));
  }

  // The same with standard output piped into the shell command `reader` (such as "head -c
  // 1"), and SIGPIPE ignored when `ignore_sigpipe` (EPIPE instead, as under some parents).
  ToolRun RunPipedTo(const std::vector<std::string>& args, const std::string& reader,
                     bool ignore_sigpipe) {
    return Execute(args, "", " | " + reader, ignore_sigpipe ? "trap '' PIPE; " : "");
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

  // Runs the tool with `stdout_redirect` (shell text) after its arguments; run.out is left
  // to the caller. The exit code is the tool's (a pipeline's is its last command's: `set -o
  // pipefail` is not POSIX, so the tool's status is saved in a file).
  ToolRun Execute(const std::vector<std::string>& args, std::string_view input,
                  const std::string& stdout_redirect, const std::string& prelude = "") {
    const std::filesystem::path in = WriteFile(".stdin", input);
    const std::filesystem::path err = dir_ / ".stderr";
    const std::filesystem::path code = dir_ / ".exit_code";
    std::string command = prelude + "cd " + Quote(dir_.string()) + " && { env";
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
    command.append(" 2>").append(Quote(err.string()));
    // The shell reports a death by signal N as 128 + N.
    command.append("; echo $? >").append(Quote(code.string())).append("; }");
    command.append(stdout_redirect);
    std::filesystem::remove(code);
    std::system(command.c_str());
    ToolRun run;
    const std::string status = ReadAll(code);
    run.exit_code = status.empty() ? -1 : std::stoi(status);
    if (run.exit_code > 128) run.exit_code = -1;
    run.err = ReadAll(err);
    return run;
  }
};

}  // namespace hexaglot::testing

#endif  // HEXAGLOT_TESTS_TOOLS_TOOL_TEST_UTIL_H_
