// End-to-end tests of `hexaglot index`: creating and updating an index, its report, bad
// input, inputs that are pipes, the default index path, and the progress bar (on a
// terminal only).

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
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

  // Runs the bash `script` in the test's folder, with $HEXAGLOT naming the tool: for
  // pipes, FIFOs and process substitution. At most a minute.
  ToolRun RunShell(const std::string& script) {
    WriteFile(".script.sh", script);
    const std::string command = "cd '" + dir_.string() + "' && HEXAGLOT='" +
                                std::string(HEXAGLOT_TOOL_PATH) +
                                "' timeout 60 bash .script.sh >.stdout 2>.stderr </dev/null";
    const int status = std::system(command.c_str());
    ToolRun run;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = ReadAll(dir_ / ".stdout");
    run.err = ReadAll(dir_ / ".stderr");
    return run;
  }

  // The documents and generation of the index `index`, from `check --json`.
  std::pair<int, int> DocumentsAndGeneration(const std::string& index) {
    const ToolRun run = Run({"check", index, "--json"});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    const nlohmann::json report = nlohmann::json::parse(run.out, nullptr, false);
    if (!report.is_object()) return {-1, -1};
    return {report.value("documents", -1), report.value("generation", -1)};
  }

  static constexpr std::string_view kTwoRecords =
      "{\"id\": \"a\", \"lang\": \"en\", \"text\": \"Border management.\"}\n"
      "{\"id\": \"b\", \"lang\": \"en\", \"text\": \"Smuggling of migrants.\"}\n";
};

TEST_F(IndexCommandTest, CreatesAnIndexAndReportsTheCounts) {
  const ToolRun run = Run({"index", "-o", "idx", Compendium()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_TRUE(
      run.out.starts_with("idx: 79 added, 0 changed, 0 removed, 0 unchanged (79 records "
                          "from 1 file, 0 skipped)\n79 documents, generation 2; "))
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
  EXPECT_EQ(report["skipped"], 0) << "a numbering gap skips nothing";
  EXPECT_EQ(report["warnings"], 1);
  EXPECT_EQ(report["documents"], 79);
  EXPECT_EQ(report["generation"], 3);
  std::vector<std::string> keys;
  for (const auto& [key, value] : report.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"index", "files", "records", "skipped", "warnings",
                                            "added", "changed", "removed", "unchanged", "documents",
                                            "generation", "text_bytes", "seconds", "mb_per_s",
                                            "parse_seconds", "update_seconds", "commit_seconds"}));
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

// Analysis flags are stored with a new index and kept by later runs that give none;
// different ones are refused until --rebuild. Text written for the test.
TEST_F(IndexCommandTest, AnalysisFlagsAreStoredAndChangedOnlyByARebuild) {
  WriteFile("fr.txt", "Les organisations étatiques coopèrent.\n\nLes États coopèrent.\n");
  ToolRun run = Run({"index", "--index", "idx", "--lang", "fr", "--exact-forms", "none", "fr.txt"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto analysis = [&] {
    return nlohmann::json::parse(Run({"stats", "idx", "--json"}).out)["analysis"];
  };
  EXPECT_EQ(analysis(), "--exact-forms none --chinese bigrams");
  EXPECT_EQ(Run({"index", "--index", "idx", "--lang", "fr", "fr.txt"}).exit_code, 0);
  EXPECT_EQ(analysis(), "--exact-forms none --chinese bigrams");
  run = Run({"index", "--index", "idx", "--lang", "fr", "--exact-forms", "fr", "fr.txt"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("rebuild it to change them"), std::string::npos) << run.err;
  run = Run({"index", "--index", "idx", "--lang", "fr", "--exact-forms", "fr",
             "--remove-stop-words", "--rebuild", "fr.txt"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(analysis(), "--exact-forms fr --chinese bigrams --remove-stop-words");
  EXPECT_EQ(Run({"index", "--index", "idx", "--exact-forms", "zz", "fr.txt"}).exit_code, 2);
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

// Issue 16, item 1: pipes, "/dev/stdin", process substitution, "-" and FIFOs are read
// once, so they give their records (they used to read empty, or hang).
TEST_F(IndexCommandTest, PipesAndStandardInputAreReadOnce) {
  WriteFile("two.jsonl", kTwoRecords);
  IndexCompendium("idx");
  ToolRun run = RunShell("\"$HEXAGLOT\" index -o idx --rebuild --json <(cat two.jsonl)");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  nlohmann::json report = nlohmann::json::parse(run.out);
  EXPECT_EQ(report["records"], 2);
  EXPECT_EQ(report["documents"], 2);
  EXPECT_EQ(report["removed"], 79);

  for (const std::string input : {"/dev/stdin", "-"}) {
    run = RunShell("cat two.jsonl | \"$HEXAGLOT\" index -o idx-pipe --rebuild --json " + input);
    ASSERT_EQ(run.exit_code, 0) << input << ": " << run.err;
    EXPECT_EQ(nlohmann::json::parse(run.out)["records"], 2) << input;
  }
  run = RunShell(
      "mkfifo fifo && (cat two.jsonl > fifo &) && \"$HEXAGLOT\" index -o idx-fifo --json fifo");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(nlohmann::json::parse(run.out)["records"], 2);

  // What is neither a file nor a pipe is refused, before any index folder is created.
  std::filesystem::create_directories(dir_ / "folder");
  run = Run({"index", "-o", "idx-dir", "folder"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("folder: is a directory"), std::string::npos) << run.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "idx-dir"));
}

// Issue 16, item 2: --rebuild reports the documents it drops, and an empty input does not
// empty an index unless --allow-empty says so.
TEST_F(IndexCommandTest, RebuildReportsWhatItDropsAndNeverEmptiesByAccident) {
  WriteFile("two.jsonl", kTwoRecords);
  WriteFile("empty.jsonl", "");
  IndexCompendium("idx");
  ToolRun run = Run({"index", "-o", "idx", "--rebuild", "two.jsonl"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(run.out.starts_with("idx: 2 added, 0 changed, 79 removed, 0 unchanged")) << run.out;

  run = Run({"index", "-o", "idx", "--rebuild", "empty.jsonl"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("empty.jsonl: no records (empty input"), std::string::npos) << run.err;
  EXPECT_EQ(DocumentsAndGeneration("idx"), std::make_pair(2, 3)) << "untouched";

  run = Run({"index", "-o", "idx", "--rebuild", "--allow-empty", "--json", "empty.jsonl"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(nlohmann::json::parse(run.out)["removed"], 2);
  EXPECT_EQ(DocumentsAndGeneration("idx").first, 0) << "emptied, as asked";
}

// Issue 16, item 4: skipped lines are counted, a few warnings printed, --strict makes
// them errors, and an input of which nothing could be indexed is an error.
TEST_F(IndexCommandTest, SkippedLinesAreCountedCappedAndStrict) {
  std::string bad;
  for (int i = 1; i <= 30; ++i) bad += "id,lang,text " + std::to_string(i) + "\n";
  WriteFile("bad.jsonl", bad);
  ToolRun run = Run({"index", "-o", "idx", "bad.jsonl"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("bad.jsonl:10: warning: not a JSON object"), std::string::npos);
  EXPECT_EQ(run.err.find("bad.jsonl:11: warning"), std::string::npos) << "at most 10 warnings";
  EXPECT_NE(run.err.find("... and 20 more warnings\n"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("bad.jsonl: no records: all 30 lines or records were skipped"),
            std::string::npos)
      << run.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "idx"));

  WriteFile("part.jsonl", std::string(kTwoRecords) + "not json\n{\"id\": 7}\n");
  run = Run({"index", "-o", "idx", "part.jsonl"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("(2 records from 1 file, 2 skipped)"), std::string::npos) << run.out;
  run = Run({"index", "-o", "idx", "--json", "part.jsonl"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(nlohmann::json::parse(run.out)["skipped"], 2);

  WriteFile("part.jsonl", "{\"id\": \"c\", \"lang\": \"en\", \"text\": \"New.\"}\nnot json\n");
  run = Run({"index", "-o", "idx", "--strict", "part.jsonl"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("part.jsonl:2: not a JSON object"), std::string::npos) << run.err;
  EXPECT_EQ(DocumentsAndGeneration("idx"), std::make_pair(2, 2)) << "untouched";

  WriteFile("two.jsonl", kTwoRecords);
  run = Run({"index", "-o", "idx", "--format", "compendium", "--lang", "en", "two.jsonl"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("two.jsonl: no records found reading it as compendium"), std::string::npos)
      << run.err;
}

// Issue 16, item 5: the counts are those of what was read, even from an input cut short.
TEST_F(IndexCommandTest, CountsAreWhatWasRead) {
  std::string text;
  int lines = 0;
  while (text.size() < 3 * (std::size_t{1} << 20)) {
    text += "{\"id\": \"p" + std::to_string(++lines) +
            "\", \"lang\": \"en\", \"text\": \"Border management and migrant smuggling.\"}\n";
  }
  WriteFile("big.jsonl", text);
  ToolRun run = RunShell("cat big.jsonl | \"$HEXAGLOT\" index -o idx --json -");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  nlohmann::json report = nlohmann::json::parse(run.out);
  EXPECT_EQ(report["records"], lines);
  EXPECT_EQ(report["added"], lines);

  // Cut mid-line: the whole lines read are indexed, the cut one skipped, and the
  // removals are of what the index had beyond them.
  const std::size_t cut = text.find('\n', 1'000'000) + 10;
  const auto whole = static_cast<int>(
      std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(cut), '\n'));
  run = RunShell("head -c " + std::to_string(cut) +
                 " big.jsonl | \"$HEXAGLOT\" index -o idx --json -");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  report = nlohmann::json::parse(run.out);
  EXPECT_EQ(report["records"], whole);
  EXPECT_EQ(report["skipped"], 1);
  EXPECT_EQ(report["unchanged"], whole);
  EXPECT_EQ(report["removed"], lines - whole);
  EXPECT_EQ(report["documents"], whole);
}

// Issue 16, item 6: endless or binary inputs fail quickly, and thread counts the machine
// cannot have are refused, before any index folder is created.
TEST_F(IndexCommandTest, HostileInputsAndThreadCountsFailFast) {
  ToolRun run = RunShell("\"$HEXAGLOT\" index -o idx /dev/zero");
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("/dev/zero: line 1 is longer than 64 MiB"), std::string::npos) << run.err;
  run = RunShell("\"$HEXAGLOT\" index -o idx /dev/urandom");
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("/dev/urandom: invalid UTF-8 at byte offset"), std::string::npos)
      << run.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "idx"));

  WriteFile("two.jsonl", kTwoRecords);
  run = Run({"index", "-o", "idx", "--threads", "100000", "two.jsonl"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--threads must be 0"), std::string::npos) << run.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "idx")) << "no index folder is created";
}

// Issue 16, item 6: a thread the system cannot start (here: each needs a 4 GB stack in
// 3 GB of address space) is an error, not std::terminate on an unjoined thread, and
// leaves no index folder behind.
TEST_F(IndexCommandTest, AThreadThatCannotStartIsAnErrorNotAnAbort) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "sanitizers reserve more address space than the limit allows";
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
  GTEST_SKIP() << "sanitizers reserve more address space than the limit allows";
#endif
#endif
  WriteFile("two.jsonl", kTwoRecords);
  const ToolRun run = RunShell(
      "ulimit -s 4000000 && ulimit -v 3000000 && \"$HEXAGLOT\" index -o idx --threads 2 "
      "two.jsonl");
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_NE(run.err.find("cannot start an indexing thread"), std::string::npos) << run.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "idx"));
}

// Issue 16, item 11: a duplicate id is one rule wherever it is (a warning; the first
// record kept; an error under --strict, before any folder is created), and an empty input
// is one message whatever its format.
TEST_F(IndexCommandTest, DuplicateIdsOneRuleAndEmptyInputsOneMessage) {
  WriteFile("two.jsonl", kTwoRecords);
  WriteFile("more.jsonl",
            "{\"id\": \"c\", \"lang\": \"en\", \"text\": \"Third.\"}\n"
            "{\"id\": \"a\", \"lang\": \"en\", \"text\": \"Again.\"}\n");
  ToolRun run = Run({"index", "-o", "idx", "--json", "two.jsonl", "more.jsonl"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("more.jsonl:2: warning: duplicate id \"a\" (first at two.jsonl:1"),
            std::string::npos)
      << run.err;
  EXPECT_EQ(nlohmann::json::parse(run.out)["skipped"], 1);
  EXPECT_EQ(nlohmann::json::parse(run.out)["documents"], 3);
  run = Run({"index", "-o", "idx2", "--strict", "two.jsonl", "more.jsonl"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "idx2"));

  WriteFile("empty.md", "");
  WriteFile("empty.jsonl", "");
  WriteFile("blank.txt", "\n  \n\n");
  for (const std::string input : {"empty.md", "empty.jsonl", "blank.txt", "-"}) {
    run = Run({"index", "-o", "idx3", input});
    EXPECT_EQ(run.exit_code, 3) << input;
    const std::string name = input == "-" ? "<stdin>" : input;
    EXPECT_NE(run.err.find(name + ": no records (empty input"), std::string::npos) << run.err;
    EXPECT_FALSE(std::filesystem::exists(dir_ / "idx3")) << input;
  }
  EXPECT_EQ(Run({"index", "-o", "new/parent/idx", "empty.md"}).exit_code, 3);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "new")) << "the parents it created go too";
}

// Issue 16, item 6: one record of several MiB on one line, with escapes and runs of white
// space (its text decoded, normalised in place, analysed in windows, its occurrences
// spilled into open postings, its stored block compressed as a stream), indexes, checks
// and reads back whole; a word of it is found.
TEST_F(IndexCommandTest, OneHugeRecordRoundTrips) {
  std::string raw;
  std::string text;
  for (int i = 1; text.size() < 6 * (std::size_t{1} << 20); ++i) {
    const std::string words = "migrants " + std::to_string(i) + " smuggled by sea";
    raw += i % 5 == 0 ? words + R"( \"quoted\"\t\u00e9t\u00e9  )" : words + " ";
    text += i % 5 == 0 ? words + " \"quoted\" \xC3\xA9t\xC3\xA9 " : words + " ";
  }
  text.pop_back();  // The last space goes.
  WriteFile("one.jsonl", R"({"id": "big", "lang": "en", "text": ")" + raw + "\"}\n");
  ToolRun run = Run({"index", "-o", "idx", "--threads", "1", "one.jsonl"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(Run({"check", "idx"}).exit_code, 0);
  run = Run({"show", "--index", "idx", "--json", "big"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(nlohmann::json::parse(run.out)["text"], text);
  run = Run({"search", "idx", "quoted"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("big"), std::string::npos) << run.out.substr(0, 500);
}

// Issue 16, item 13: with the inputs' size known, the bar shows an ETA once a run takes
// over a second.
TEST_F(IndexCommandTest, ProgressBarShowsAnEta) {
  if (std::system("script -qec true /dev/null >/dev/null 2>&1 </dev/null") != 0) {
    GTEST_SKIP() << "no pseudo-terminal: `script` (util-linux) is missing or cannot open one";
  }
  std::string text;
  for (int i = 1; text.size() < 24 * (std::size_t{1} << 20); ++i) {
    text += "{\"id\": \"p" + std::to_string(i) + "\", \"lang\": \"en\", \"text\": \"Paragraph " +
            std::to_string(i) +
            " on border management, the smuggling of migrants and trafficking in persons.\"}\n";
  }
  WriteFile("big.jsonl", text);
  const std::string command =
      std::string(HEXAGLOT_TOOL_PATH) + " index --threads 1 --index idx big.jsonl 2>&1 >/dev/null";
  const std::string log = (dir_ / "pty.log").string();
  const std::string script = "cd '" + dir_.string() + "' && script -qec \"" + command + "\" '" +
                             log + "' >/dev/null 2>&1 </dev/null";
  const auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(std::system(script.c_str()), 0);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (seconds < 2.0) GTEST_SKIP() << "indexed in " << seconds << " s: too fast for an ETA";
  const std::string terminal = ReadAll(log);
  EXPECT_NE(terminal.find("  ETA "), std::string::npos) << terminal;
}

}  // namespace
}  // namespace hexaglot
