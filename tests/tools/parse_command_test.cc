// End-to-end tests of `hexaglot parse`: the built tool run on files, as a user runs it.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "test_data.h"

namespace hexaglot {
namespace {

struct ToolRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

class ParseCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("parse_command_test_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Writes `contents` to a file named `name` in the test's folder; returns its path.
  std::string Write(const std::string& name, const std::string& contents) {
    const std::filesystem::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << contents;
    return path.string();
  }

  // Runs `hexaglot parse ARGS` in the test's folder, standard input from `input`.
  ToolRun Parse(const std::string& args, const std::string& input = "") {
    const std::string in = Write("stdin.txt", input);
    const std::filesystem::path out = dir_ / "stdout.txt";
    const std::filesystem::path err = dir_ / "stderr.txt";
    const std::string command = "cd '" + dir_.string() + "' && '" HEXAGLOT_TOOL_PATH "' parse " +
                                args + " <'" + in + "' >'" + out.string() + "' 2>'" + err.string() +
                                "'";
    const int status = std::system(command.c_str());
    ToolRun run;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = ReadAll(out);
    run.err = ReadAll(err);
    return run;
  }

  static std::string Corpus() {
    return testing::SourcePath("corpus/wg7-compendium-2021.en.md").string();
  }

  std::filesystem::path dir_;
};

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

constexpr const char* kGapFragment = "# I. Intro\n\n1. One.\n\n3. Three.\n";

TEST_F(ParseCommandTest, JsonGivesOneObjectPerParagraphOfTheCompendium) {
  const ToolRun run = Parse("--json '" + Corpus() + "'");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  const std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 79u);
  const nlohmann::json first = nlohmann::json::parse(lines[3]);
  EXPECT_EQ(first["id"], "V.21-05340/en/4");
  EXPECT_EQ(first["parallel"], "V.21-05340/4");
  EXPECT_EQ(first["theme"], "Criminal justice responses");
  EXPECT_EQ(first["paper"], "CTOC/COP/WG.7/2018/2");
  EXPECT_EQ(first["year"], 2018);
  EXPECT_EQ(first["meeting"], 5);
  EXPECT_EQ(first["line"], 34);
  EXPECT_EQ(first["topics"].size(), 23u);
  std::vector<std::string> keys;
  for (const auto& [key, value] : first.items()) keys.push_back(key);
  EXPECT_EQ(keys.size(), 16u);
  EXPECT_TRUE(lines[0].starts_with(R"({"id":"V.21-05340/en/1","doc":"V.21-05340","lang":"en",)"))
      << lines[0];
}

TEST_F(ParseCommandTest, HumanOutputIsOneReadableBlockPerRecord) {
  const ToolRun run = Parse("'" + Corpus() + "'");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("V.21-05340/en/16  (" + Corpus() +
                         ":47)\n"
                         "  section: II. Compendium of background papers\n"
                         "  theme:   Criminal justice responses\n"
                         "  topics:  Financial or other material benefit; web-based services;"),
            std::string::npos);
  EXPECT_NE(run.out.find("  paper:   CTOC/COP/WG.7/2013/3 (2013, meeting 2)\n"), std::string::npos);
  std::size_t blocks = 0;
  for (std::size_t at = run.out.find("\n\n"); at != std::string::npos;
       at = run.out.find("\n\n", at + 2)) {
    ++blocks;
  }
  EXPECT_EQ(blocks, 79u);
}

TEST_F(ParseCommandTest, WarningsGoToStandardErrorWithFileAndLine) {
  Write("gap.md", kGapFragment);
  const ToolRun run = Parse("--lang en --json gap.md");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(Lines(run.out).size(), 2u);
  EXPECT_EQ(run.err,
            "gap.md:5: warning: numbering gap: paragraph 3 follows paragraph 1; paragraph 2 "
            "missing\n");
}

TEST_F(ParseCommandTest, StrictTurnsWarningsIntoADataError) {
  Write("gap.md", kGapFragment);
  const ToolRun run = Parse("--lang en --strict gap.md");
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err,
            "hexaglot: error: gap.md:5: numbering gap: paragraph 3 follows paragraph 1; "
            "paragraph 2 missing; strict mode makes warnings errors\n");
}

TEST_F(ParseCommandTest, InvalidUtf8SkipsThatFileOnlyAndFails) {
  Write("bad.md", "# I. Intro\n\n1. Caf\xC3(\n");
  Write("good.md", "# I. Intro\n\n1. Fine.\n");
  const ToolRun run = Parse("--lang en --json bad.md good.md");
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.err, "hexaglot: error: bad.md: invalid UTF-8 at byte offset 18 (line 3)\n");
  const std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(lines[0])["id"], "good/en/1");
}

TEST_F(ParseCommandTest, ReadsStandardInputWithDocAndLanguage) {
  const ToolRun run =
      Parse("--lang fr --doc WG7 --format compendium --json -",
            "# I. Introduction\n\n1. Premier paragraphe.\n\n2. Deuxième paragraphe.\n");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 2u);
  const nlohmann::json second = nlohmann::json::parse(lines[1]);
  EXPECT_EQ(second["id"], "WG7/fr/2");
  EXPECT_EQ(second["source"], "<stdin>");
  EXPECT_EQ(second["text"], "Deuxième paragraphe.");
}

TEST_F(ParseCommandTest, ReadsJsonLinesAndPlainText) {
  Write("records.jsonl", R"({"id": "a", "lang": "es", "text": "Un texto."})"
                         "\n");
  Write("notes.txt", "First note.\n\nSecond note.\n");
  const ToolRun run = Parse("--json records.jsonl --lang en notes.txt");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(nlohmann::json::parse(lines[0])["lang"], "es");
  EXPECT_EQ(nlohmann::json::parse(lines[2])["id"], "notes/en/2");
}

TEST_F(ParseCommandTest, MissingFileAndBadFlagsUseTheirExitCodes) {
  const ToolRun missing = Parse("no-such-file.md");
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_NE(missing.err.find("no-such-file.md"), std::string::npos);
  EXPECT_EQ(Parse("--lang de x.md").exit_code, 2);
  EXPECT_EQ(Parse("--format xml x.md").exit_code, 2);
  EXPECT_EQ(Parse("").exit_code, 2);
}

}  // namespace
}  // namespace hexaglot
