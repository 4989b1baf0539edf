// End-to-end tests of `hexaglot show`, with and without --parallel, and of colour.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tools/tool_test_util.h"

namespace hexaglot {
namespace {

using testing::ToolRun;

class ShowCommandTest : public testing::ToolTest {
 protected:
  void SetUp() override {
    ToolTest::SetUp();
    IndexCompendium("idx");
    // Made-up French and Russian versions of the compendium's first two paragraphs, named
    // as the same document so that their parallel keys match.
    WriteFile("fr.txt", "Premier paragraphe de test.\n\nDeuxième paragraphe de test.\n");
    WriteFile("ru.txt", "Первый тестовый абзац.\n\nВторой тестовый абзац.\n");
    for (const char* lang : {"fr", "ru"}) {
      const ToolRun run = Run({"index", "--index", "idx", "--lang", lang, "--doc", "V.21-05340",
                               "--format", "text", std::string(lang) + ".txt"});
      EXPECT_EQ(run.exit_code, 0) << run.err;
    }
  }
};

std::vector<std::string> Ids(const std::string& json_lines) {
  std::vector<std::string> ids;
  std::istringstream in(json_lines);
  for (std::string line; std::getline(in, line);) {
    ids.push_back(nlohmann::json::parse(line)["id"]);
  }
  return ids;
}

TEST_F(ShowCommandTest, ShowsOneParagraph) {
  const ToolRun run = Run({"show", "V.21-05340/en/16", "--index", "idx"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(run.out.starts_with("V.21-05340/en/16  (" + Compendium() +
                                  ":47)\n"
                                  "  section: II. Compendium of background papers\n"))
      << run.out;
  EXPECT_NE(run.out.find("\n  Noted examples of good practices"), std::string::npos);
  EXPECT_EQ(run.out.find('\x1b'), std::string::npos) << "piped: no escape codes";
}

TEST_F(ShowCommandTest, ParallelAddsTheOtherLanguagesInCodeOrder) {
  ToolRun run = Run({"show", "V.21-05340/en/2", "--parallel", "--index", "idx", "--json"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(Ids(run.out),
            (std::vector<std::string>{"V.21-05340/en/2", "V.21-05340/fr/2", "V.21-05340/ru/2"}));
  run = Run({"show", "V.21-05340/ru/1", "-p", "--index", "idx", "--json"});
  EXPECT_EQ(Ids(run.out),
            (std::vector<std::string>{"V.21-05340/ru/1", "V.21-05340/en/1", "V.21-05340/fr/1"}));
  run = Run({"show", "V.21-05340/fr/2", "--parallel", "--index", "idx"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(run.out.starts_with("V.21-05340/fr/2  (fr.txt:3)\n")) << run.out;
  EXPECT_NE(run.out.find("\n  Deuxième paragraphe de test.\n\nV.21-05340/en/2  ("),
            std::string::npos)
      << run.out;

  run = Run({"show", "V.21-05340/en/3", "--parallel", "--index", "idx"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, "hexaglot: no other language version of V.21-05340/3 is indexed\n");
}

TEST_F(ShowCommandTest, ColourOnlyWhenAskedOrOnATerminalWithoutNoColor) {
  ToolRun run = Run({"show", "V.21-05340/en/16", "--index", "idx", "--color", "always"});
  EXPECT_TRUE(run.out.starts_with("\x1b[1mV.21-05340/en/16\x1b[0m  \x1b[2m(")) << run.out;
  run = Run({"show", "V.21-05340/en/16", "--index", "idx", "--color", "never"});
  EXPECT_EQ(run.out.find('\x1b'), std::string::npos);
  SetEnv("NO_COLOR", "1");
  run = Run({"show", "V.21-05340/en/16", "--index", "idx"});
  EXPECT_EQ(run.out.find('\x1b'), std::string::npos);
}

TEST_F(ShowCommandTest, AnUnknownIdIsExitOne) {
  const ToolRun run = Run({"show", "V.21-05340/en/999", "--index", "idx"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("no paragraph has the id \"V.21-05340/en/999\""), std::string::npos);
  EXPECT_EQ(Run({"show", "x", "--index", "nowhere"}).exit_code, 3);
}

// A UN document's ids hold its symbol's slashes ("A/RES/99/7/en/pp3"); `show` finds them
// and labels the paragraph's kind, `search` too. The resolution was written for the tests
// (tests/ingest/testdata/un/).
class UnDocumentShowTest : public testing::ToolTest {
 protected:
  void SetUp() override {
    ToolTest::SetUp();
    for (const char* lang : {"en", "fr"}) {
      const std::string path =
          testing::SourcePath(std::string("tests/ingest/testdata/un/A_RES_99_7.") + lang + ".md")
              .string();
      const ToolRun run = Run({"index", "--index", "un", path});
      EXPECT_EQ(run.exit_code, 0) << run.err;
    }
  }
};

TEST_F(UnDocumentShowTest, ShowFindsIdsWithTheSymbolAndLabelsTheKind) {
  for (const auto& [id, label] : std::vector<std::pair<std::string, std::string>>{
           {"A/RES/99/7/en/2", "A/RES/99/7 ¶2"},
           {"A/RES/99/7/en/pp3", "A/RES/99/7 pp3"},
           {"A/RES/99/7/fr/annex/2", "A/RES/99/7 annex ¶2"}}) {
    const ToolRun run = Run({"show", id, "--index", "un"});
    EXPECT_EQ(run.exit_code, 0) << id << ": " << run.err;
    EXPECT_TRUE(run.out.starts_with(id + "  (")) << run.out;
    EXPECT_NE(run.out.find("\n  number:  " + label + "\n"), std::string::npos) << run.out;
  }
  const ToolRun parallel = Run({"show", "A/RES/99/7/fr/annex/2", "-p", "--index", "un", "--json"});
  EXPECT_EQ(Ids(parallel.out),
            (std::vector<std::string>{"A/RES/99/7/fr/annex/2", "A/RES/99/7/en/annex/2"}));
}

TEST_F(UnDocumentShowTest, SearchLabelsPreambularAndAnnexParagraphs) {
  ToolRun run = Run({"search", "un", "liaison", "--lang", "en"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("1. A/RES/99/7/en/pp3  score "), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("\n   en pp3 (2031)\n"), std::string::npos) << run.out;
  run = Run({"search", "un", "\"rule of law\"", "--lang", "en"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("\n   en annex ¶2 (2031)\n"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace hexaglot
