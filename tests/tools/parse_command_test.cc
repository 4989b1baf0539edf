// End-to-end tests of `hexaglot parse`: the built tool run on files, as a user runs it.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "test_data.h"
#include "tools/tool_test_util.h"

namespace hexaglot {
namespace {

using testing::Lines;

class ParseCommandTest : public testing::ToolTest {
 protected:
  static std::string Corpus() {
    return testing::SourcePath("corpus/wg7-compendium-2021.en.md").string();
  }
};

constexpr const char* kGapFragment = "# I. Intro\n\n1. One.\n\n3. Three.\n";

TEST_F(ParseCommandTest, JsonGivesOneObjectPerParagraphOfTheCompendium) {
  const testing::ToolRun run = Run({"parse", "--json", Corpus()});
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
  const testing::ToolRun run = Run({"parse", Corpus()});
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
  WriteFile("gap.md", kGapFragment);
  const testing::ToolRun run = Run({"parse", "--lang", "en", "--json", "gap.md"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(Lines(run.out).size(), 2u);
  EXPECT_EQ(run.err,
            "gap.md:5: warning: numbering gap: paragraph 3 follows paragraph 1; paragraph 2 "
            "missing\n");
}

TEST_F(ParseCommandTest, StrictTurnsWarningsIntoADataError) {
  WriteFile("gap.md", kGapFragment);
  const testing::ToolRun run = Run({"parse", "--lang", "en", "--strict", "gap.md"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err,
            "hexaglot: error: gap.md:5: numbering gap: paragraph 3 follows paragraph 1; "
            "paragraph 2 missing; strict mode makes warnings errors\n");
}

TEST_F(ParseCommandTest, InvalidUtf8SkipsThatFileOnlyAndFails) {
  WriteFile("bad.md", "# I. Intro\n\n1. Caf\xC3(\n");
  WriteFile("good.md", "# I. Intro\n\n1. Fine.\n");
  const testing::ToolRun run = Run({"parse", "--lang", "en", "--json", "bad.md", "good.md"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.err, "hexaglot: error: bad.md: invalid UTF-8 at byte offset 18 (line 3)\n");
  const std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(lines[0])["id"], "good/en/1");
}

TEST_F(ParseCommandTest, ReadsStandardInputWithDocAndLanguage) {
  const testing::ToolRun run =
      Run({"parse", "--lang", "fr", "--doc", "WG7", "--format", "compendium", "--json", "-"},
          "# I. Introduction\n\n1. Premier paragraphe.\n\n2. Deuxième paragraphe.\n");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 2u);
  const nlohmann::json second = nlohmann::json::parse(lines[1]);
  EXPECT_EQ(second["id"], "WG7/fr/2");
  EXPECT_EQ(second["source"], "<stdin>");
  EXPECT_EQ(second["text"], "Deuxième paragraphe.");
}

TEST_F(ParseCommandTest, ReadsAUnDocumentKeyedByItsSymbol) {
  // Written for the test in the structure of a resolution (not UN text).
  const testing::ToolRun run =
      Run({"parse", "--lang", "en", "--format", "un", "--json", "-"},
          "---\nsymbol: A/RES/99/2\n---\n\nUnited Nations\n\nThe General Assembly,\n\n"
          "Noting the tests,1\n\n1. Decides to test the\n\nParser.\n\n3rd plenary meeting\n\n"
          "---\n\n[^1]: A/99/1.\n");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 2u);
  const nlohmann::json preambular = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(preambular["id"], "A/RES/99/2/en/pp1");
  EXPECT_EQ(preambular["text"], "Noting the tests,");
  EXPECT_EQ(preambular["symbols"], nlohmann::json::array({"A/99/1"}));
  const nlohmann::json operative = nlohmann::json::parse(lines[1]);
  EXPECT_EQ(operative["parallel"], "A/RES/99/2/1");
  EXPECT_EQ(operative["text"], "Decides to test the Parser.");
}

TEST_F(ParseCommandTest, ReadsJsonLinesAndPlainText) {
  WriteFile("records.jsonl", R"({"id": "a", "lang": "es", "text": "Un texto."})"
                             "\n");
  WriteFile("notes.txt", "First note.\n\nSecond note.\n");
  const testing::ToolRun run =
      Run({"parse", "--json", "records.jsonl", "--lang", "en", "notes.txt"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(nlohmann::json::parse(lines[0])["lang"], "es");
  EXPECT_EQ(nlohmann::json::parse(lines[2])["id"], "notes/en/2");
}

TEST_F(ParseCommandTest, MissingFileAndBadFlagsUseTheirExitCodes) {
  const testing::ToolRun missing = Run({"parse", "no-such-file.md"});
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_NE(missing.err.find("no-such-file.md"), std::string::npos);
  EXPECT_EQ(Run({"parse", "--lang", "de", "x.md"}).exit_code, 2);
  EXPECT_EQ(Run({"parse", "--format", "xml", "x.md"}).exit_code, 2);
  EXPECT_EQ(Run({"parse"}).exit_code, 2);
}

}  // namespace
}  // namespace hexaglot
