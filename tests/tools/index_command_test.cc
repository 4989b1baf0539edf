// End-to-end tests of `hexaglot index`: creating and updating an index, its report, bad
// input, the default index path, and the progress bar (on a terminal only).

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tools/tool_test_util.h"

namespace hexaglot {
namespace {

using testing::ToolRun;

class IndexCommandTest : public testing::ToolTest {
 protected:
  // The compendium with paragraph 79 edited, 77 removed (with its sub-items) and a new
  // paragraph 80.
  std::string WriteEdition() {
    std::string text = ReadAll(Compendium());
    const std::string ending = "data protection, are examined.\n";
    const std::size_t end = text.find(ending);
    EXPECT_NE(end, std::string::npos);
    text.replace(end, ending.size(),
                 "data protection, are examined in detail.\n"
                 "- 80. A paragraph that only the test edition has.\n");
    const std::size_t start = text.find("- 77. ");
    const std::size_t next = text.find("- 78. ");
    EXPECT_TRUE(start != std::string::npos && next != std::string::npos);
    text.erase(start, next - start);
    return WriteFile("edition.md", text).string();
  }
};

TEST_F(IndexCommandTest, CreatesAnIndexAndReportsTheCounts) {
  const ToolRun run = Run({"index", "-o", "idx", Compendium()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_TRUE(
      run.out.starts_with("idx: 79 added, 0 changed, 0 removed, 0 unchanged (79 records "
                          "from 1 file)\n79 documents, generation 2; "))
      << run.out;
  EXPECT_TRUE(std::filesystem::exists(dir_ / "idx" / "seg-0.post"));
}

TEST_F(IndexCommandTest, ReindexingAnEditionReportsOnlyTheChanges) {
  IndexCompendium("idx");
  const std::string edition = WriteEdition();
  ToolRun run = Run({"index", "--index", "idx", "--json", edition});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("edition.md:"), std::string::npos) << "the numbering gap's warning";
  EXPECT_NE(run.err.find("warning: numbering gap"), std::string::npos) << run.err;
  const nlohmann::ordered_json report = nlohmann::ordered_json::parse(run.out);
  EXPECT_EQ(report["added"], 1);
  EXPECT_EQ(report["changed"], 1);
  EXPECT_EQ(report["removed"], 1);
  EXPECT_EQ(report["unchanged"], 77);
  EXPECT_EQ(report["records"], 79);
  EXPECT_EQ(report["documents"], 79);
  EXPECT_EQ(report["generation"], 3);
  std::vector<std::string> keys;
  for (const auto& [key, value] : report.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"index", "files", "records", "added", "changed",
                                            "removed", "unchanged", "documents", "generation",
                                            "text_bytes", "seconds", "mb_per_s", "parse_seconds",
                                            "update_seconds", "commit_seconds"}));
  EXPECT_GT(report["seconds"].get<double>(), 0.0);
  EXPECT_GT(report["text_bytes"].get<int>(), 30000);

  // The change is visible, and indexing the same edition again changes nothing.
  run = Run({"dump", "doc", "V.21-05340/en/80", "--index", "idx"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("only the test edition has"), std::string::npos);
  EXPECT_EQ(Run({"dump", "doc", "V.21-05340/en/77", "--index", "idx"}).exit_code, 1);
  run = Run({"index", "--index", "idx", edition});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(run.out.starts_with("idx: 0 added, 0 changed, 0 removed, 79 unchanged")) << run.out;
}

TEST_F(IndexCommandTest, RebuildStartsFromScratch) {
  IndexCompendium("idx");
  WriteFile("other.txt", "A first plain paragraph.\n\nA second plain paragraph.\n");
  const ToolRun run =
      Run({"index", "--index", "idx", "--rebuild", "--lang", "en", "--json", "other.txt"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json report = nlohmann::json::parse(run.out);
  EXPECT_EQ(report["added"], 2);
  EXPECT_EQ(report["documents"], 2);
}

TEST_F(IndexCommandTest, ABadFileLeavesTheIndexUntouched) {
  IndexCompendium("idx");
  WriteFile("bad.md", "# I. Intro\n\n1. Good text, then \xff\xfe bad bytes.\n");
  ToolRun run = Run({"index", "--index", "idx", "--lang", "en", Compendium(), "bad.md"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("hexaglot: error: bad.md: invalid UTF-8 at byte offset"),
            std::string::npos)
      << run.err;
  EXPECT_EQ(run.out, "");
  run = Run({"index", "--index", "idx", "missing.md"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("missing.md: No such file or directory"), std::string::npos) << run.err;

  run = Run({"check", "idx", "--json"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(nlohmann::json::parse(run.out)["generation"], 2) << "no commit happened";
  EXPECT_FALSE(std::filesystem::exists(dir_ / "idx2"));
  EXPECT_EQ(Run({"index", "--index", "idx2", "bad.md"}).exit_code, 3);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "idx2")) << "no index is created either";
}

TEST_F(IndexCommandTest, BadOptionsAreUsageErrors) {
  ToolRun run = Run({"index", "--index", "idx", "--memory-budget", "lots", Compendium()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("invalid size \"lots\""), std::string::npos) << run.err;
  run = Run({"index", "--index", "idx", "--memory-budget", "512K", Compendium()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("below the minimum of 1 MiB"), std::string::npos) << run.err;
  EXPECT_EQ(Run({"index", "--index", "idx", "--threads", "-1", Compendium()}).exit_code, 2);
  EXPECT_EQ(Run({"index", "--index", "idx"}).exit_code, 2);
  // Sizes with suffixes are accepted.
  run = Run({"index", "--index", "idx", "--memory-budget", "2MiB", "--threads", "1", Compendium()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
}

TEST_F(IndexCommandTest, TheDefaultIndexFollowsTheEnvironment) {
  // HEXAGLOT_INDEX first.
  SetEnv("HEXAGLOT_INDEX", (dir_ / "from-env").string());
  SetEnv("XDG_DATA_HOME", (dir_ / "xdg").string());
  ToolRun run = Run({"index", Compendium()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(std::filesystem::exists(dir_ / "from-env" / "seg-0.meta"));
  run = Run({"stats", "--json"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(nlohmann::json::parse(run.out)["index"], (dir_ / "from-env").string());

  // Then $XDG_DATA_HOME/hexaglot/index.
  UnsetEnv("HEXAGLOT_INDEX");
  run = Run({"index", Compendium()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(std::filesystem::exists(dir_ / "xdg" / "hexaglot" / "index" / "seg-0.meta"));

  // Then ~/.local/share/hexaglot/index; a relative XDG_DATA_HOME is ignored (XDG spec).
  SetEnv("XDG_DATA_HOME", "relative");
  run = Run({"index", Compendium()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(std::filesystem::exists(dir_ / "home/.local/share/hexaglot/index/seg-0.meta"));
  EXPECT_EQ(Run({"check"}).exit_code, 0);

  UnsetEnv("XDG_DATA_HOME");
  UnsetEnv("HOME");
  run = Run({"check"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("no index given: use --index DIR, or set HEXAGLOT_INDEX"),
            std::string::npos)
      << run.err;
}

TEST_F(IndexCommandTest, ProgressBarOnlyOnATerminal) {
  // Piped (as here): no progress and no escape codes anywhere.
  ToolRun run = Run({"index", "--index", "idx", Compendium()});
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out.find('\x1b'), std::string::npos);

  // On a pseudo-terminal (util-linux `script`), the bar is drawn on stderr and erased.
  if (std::system("script -qec true /dev/null >/dev/null 2>&1 </dev/null") != 0) {
    GTEST_SKIP() << "no pseudo-terminal: `script` (util-linux) is missing or cannot open one";
  }
  const std::string command =
      std::string(HEXAGLOT_TOOL_PATH) + " index --index idx2 " + Compendium() + " 2>&1 >/dev/null";
  const std::string log = (dir_ / "pty.log").string();
  const std::string script = "cd '" + dir_.string() + "' && script -qec \"" + command + "\" '" +
                             log + "' >/dev/null 2>&1 </dev/null";
  ASSERT_EQ(std::system(script.c_str()), 0);
  const std::string terminal = ReadAll(log);
  EXPECT_NE(terminal.find("] 100% 79/79 documents"), std::string::npos) << terminal;
  EXPECT_NE(terminal.find("\r\x1b[K"), std::string::npos) << "the bar is erased at the end";
}

}  // namespace
}  // namespace hexaglot
