// End-to-end tests of what every command shares about its output: a write error on
// standard output is an error (not a success), a reader that goes away ends the tool
// quietly, and the data's control characters never reach the terminal raw.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tools/tool_test_util.h"

namespace hexaglot {
namespace {

using testing::ToolRun;

constexpr char kWriteError[] =
    "hexaglot: error: writing standard output: No space left on device\n";

class OutputTest : public testing::ToolTest {};

// /dev/full takes the output and fails its write with ENOSPC.
TEST_F(OutputTest, AFullDiskOnStandardOutputIsExitThreeForEveryCommand) {
  const std::string index = IndexCompendium("idx");
  const std::vector<std::vector<std::string>> commands = {
      {"search", "idx", "hawala"},
      {"search", "idx", "hawala", "--json"},
      {"show", "V.21-05340/en/12", "--index", "idx"},
      {"parse", Compendium()},
      {"parse", "--json", Compendium()},
      {"analyze", "-l", "en", "smuggling", "of", "migrants"},
      {"stats", "idx"},
      {"stats", "idx", "--json"},
      {"check", "idx"},
      {"dump", "terms", "--index", "idx"},
      {"dump", "postings", "hawala", "--index", "idx"},
      {"dump", "doc", "V.21-05340/en/12", "--index", "idx"},
      {"index", "--index", "idx2", Compendium()},
      {"--help"},
      {"--version"},
      {"search", "--help"},
      {"eval", "qrels.tsv", "run.trec"}};
  WriteFile("qrels.tsv", "q1\td1\t1\n");
  WriteFile("run.trec", "q1 Q0 d1 1 2.5 t\n");
  for (const std::vector<std::string>& args : commands) {
    const ToolRun run = RunWithStdout(args, "/dev/full");
    EXPECT_EQ(run.exit_code, 3) << args[0] << ' ' << args[1] << ": " << run.err;
    EXPECT_TRUE(run.err.ends_with(kWriteError)) << args[0] << ' ' << args[1] << ": " << run.err;
  }
}

// `hexaglot search x | head -1`: the reader exits early. By default SIGPIPE ends the tool
// quietly; with SIGPIPE ignored (EPIPE), it ends the same way, without an error message.
TEST_F(OutputTest, AReaderThatStopsReadingEndsTheToolQuietly) {
  IndexCompendium("idx");
  for (const bool ignore_sigpipe : {false, true}) {
    // 200 hits with snippets: far more than a pipe buffer, so the tool meets the closed pipe.
    const ToolRun run = RunPipedTo({"search", "idx", "migrants", "-k", "200", "--parallel"},
                                   "head -c 1 >/dev/null", ignore_sigpipe);
    EXPECT_EQ(run.err, "") << "ignore_sigpipe " << ignore_sigpipe;
    EXPECT_TRUE(run.exit_code == 0 || run.exit_code == -1) << run.exit_code;
  }
}

// A record whose metadata and text carry terminal control sequences: a window title (OSC),
// screen clearing (CSI), a bell, a C1 CSI (U+009B) and DEL.
constexpr char kHostileRecord[] =
    R"({"id": "evil/en/1", "lang": "en", "doc": "evil", "number": "1",)"
    R"( "theme": "Title\u001b]0;pwned\u0007", "paper": "P\u001b[2J",)"
    R"( "text": "Smuggling of migrants\u001b[2J by sea\u0007 and \u009b31m land\u007f."})"
    "\n";

// True when `text` has a byte that drives a terminal: C0 but tab and newline, DEL, or C1.
bool HasRawControl(const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte < 0x20 && byte != '\t' && byte != '\n') || byte == 0x7f) return true;
    if (byte == 0xc2 && i + 1 < text.size() &&
        (static_cast<unsigned char>(text[i + 1]) & 0xe0) == 0x80) {
      return true;
    }
  }
  return false;
}

TEST_F(OutputTest, ControlCharactersOfTheDataAreEscapedInHumanOutput) {
  WriteFile("evil.jsonl", kHostileRecord);
  ASSERT_EQ(Run({"index", "--index", "idx", "evil.jsonl"}).exit_code, 0);
  const std::vector<std::vector<std::string>> commands = {
      {"search", "idx", "smuggling", "--color", "never"},
      {"search", "idx", "smuggling", "--explain", "--color", "never"},
      {"show", "evil/en/1", "--index", "idx", "--color", "never"},
      {"parse", "evil.jsonl"},
      {"dump", "terms", "--index", "idx", "--field", "paper"}};
  for (const std::vector<std::string>& args : commands) {
    const ToolRun run = Run(args);
    EXPECT_EQ(run.exit_code, 0) << args[0] << ": " << run.err;
    EXPECT_FALSE(HasRawControl(run.out)) << args[0] << ":\n" << run.out;
    if (args[0] != "dump") {
      EXPECT_NE(run.out.find("P\\x1b[2J"), std::string::npos) << args[0] << ":\n" << run.out;
    }
  }
  const ToolRun show = Run({"show", "evil/en/1", "--index", "idx"});
  EXPECT_NE(show.out.find("  theme:   Title\\x1b]0;pwned\\x07\n"), std::string::npos) << show.out;
  EXPECT_NE(
      show.out.find("  Smuggling of migrants\\x1b[2J by sea\\x07 and \\u009b31m land\\x7f.\n"),
      std::string::npos)
      << show.out;
  // JSON output escapes the C0 controls itself (DEL and C1 are valid JSON as they are).
  const ToolRun json = Run({"show", "evil/en/1", "--index", "idx", "--json"});
  EXPECT_EQ(json.out.find('\x1b'), std::string::npos) << json.out;
  EXPECT_EQ(json.out.find('\x07'), std::string::npos) << json.out;
  EXPECT_NE(json.out.find(R"(Title\u001b]0;pwned\u0007)"), std::string::npos) << json.out;
}

// Ids with white space or control characters break TREC run files: refused, with file
// and line, at ingestion.
TEST_F(OutputTest, IdsWithWhiteSpaceAreRefusedWithFileAndLine) {
  WriteFile("ids.jsonl", R"({"id": "a b", "lang": "en", "text": "Smuggling by sea."})"
                         "\n"
                         R"({"id": "ok", "lang": "en", "text": "Smuggling by land."})"
                         "\n");
  const ToolRun run = Run({"parse", "ids.jsonl"});
  EXPECT_NE(run.err.find("ids.jsonl:1: warning: id has a space at byte 1"), std::string::npos)
      << run.err;
  EXPECT_EQ(run.out.find("a b"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("ok  ("), std::string::npos) << run.out;
}

}  // namespace
}  // namespace hexaglot
