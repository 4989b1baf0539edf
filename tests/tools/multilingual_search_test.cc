// End-to-end tests of `hexaglot search` on a six-language index of paragraphs written for
// this test (not UN text): the languages searched and why (--explain, --json), reading
// each hit in another language (--show-lang), one hit per paragraph with a snippet per
// version (--parallel), and right-to-left lines isolated for the terminal.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tools/tool_test_util.h"

namespace hexaglot {
namespace {

using testing::Lines;
using testing::ToolRun;

// Paragraph 1 and 2 of one document in six languages, as JSON Lines.
constexpr std::string_view kCorpus =
    R"({"id":"T/ar/1","doc":"T","lang":"ar","number":"1","parallel":"T/1","text":"تكفل الحكومة المساواة بين المرأة والرجل في العمل."}
{"id":"T/zh/1","doc":"T","lang":"zh","number":"1","parallel":"T/1","text":"政府保障男女在就业方面的平等。"}
{"id":"T/en/1","doc":"T","lang":"en","number":"1","parallel":"T/1","text":"The Government guarantees equality between women and men in employment."}
{"id":"T/fr/1","doc":"T","lang":"fr","number":"1","parallel":"T/1","text":"Le Gouvernement garantit l'égalité entre les femmes et les hommes dans l'emploi."}
{"id":"T/ru/1","doc":"T","lang":"ru","number":"1","parallel":"T/1","text":"Правительство гарантирует равенство женщин и мужчин в сфере занятости."}
{"id":"T/es/1","doc":"T","lang":"es","number":"1","parallel":"T/1","text":"El Gobierno garantiza la igualdad entre mujeres y hombres en el empleo."}
{"id":"T/ar/2","doc":"T","lang":"ar","number":"2","parallel":"T/2","text":"تؤكد الدول الأعضاء من جديد القرارات ذات الصلة بشأن الهجرة."}
{"id":"T/zh/2","doc":"T","lang":"zh","number":"2","parallel":"T/2","text":"会员国重申关于移民问题的相关决议。"}
{"id":"T/en/2","doc":"T","lang":"en","number":"2","parallel":"T/2","text":"Member States reaffirm the relevant resolutions on migration."}
{"id":"T/fr/2","doc":"T","lang":"fr","number":"2","parallel":"T/2","text":"Les États Membres réaffirment les résolutions pertinentes sur la migration."}
{"id":"T/ru/2","doc":"T","lang":"ru","number":"2","parallel":"T/2","text":"Государства-члены подтверждают соответствующие резолюции о миграции."}
{"id":"T/es/2","doc":"T","lang":"es","number":"2","parallel":"T/2","text":"Los Estados Miembros reafirman las resoluciones pertinentes sobre migración."}
)";

class MultilingualSearchTest : public testing::ToolTest {
 protected:
  void SetUp() override {
    ToolTest::SetUp();
    WriteFile("six.jsonl", kCorpus);
    const ToolRun run = Run({"index", "-o", "idx", "six.jsonl"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
};

TEST_F(MultilingualSearchTest, JsonAndExplainSayWhichLanguagesWereSearchedAndWhy) {
  ToolRun run = Run({"search", "idx", "garantiza igualdad mujeres", "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 1u) << run.out;
  const nlohmann::json hit = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(hit["id"], "T/es/1");
  EXPECT_EQ(hit["languages"], nlohmann::json::array({"es"}));
  EXPECT_EQ(hit["routing"], "vocabulary");

  run = Run({"search", "idx", "garantiza igualdad mujeres", "--explain"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(Lines(run.out).at(0), "languages: es (vocabulary)");

  run = Run({"search", "idx", "xqzv"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, "hexaglot: no results (searched en, fr, es: vocabulary)\n");
}

TEST_F(MultilingualSearchTest, ShowLangPrintsEachHitsVersionInThatLanguage) {
  const ToolRun run = Run({"search", "idx", "garantiza igualdad mujeres", "--show-lang", "fr"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 4u) << run.out;
  EXPECT_EQ(lines[0].rfind("1. T/es/1  score ", 0), 0u) << lines[0];
  EXPECT_EQ(lines[3],
            "   [fr] T/fr/1: Le Gouvernement garantit l'égalité entre les femmes et les "
            "hommes dans l'emploi.");
  EXPECT_EQ(Run({"search", "idx", "x", "--show-lang", "de"}).exit_code, 2);
}

TEST_F(MultilingualSearchTest, ParallelGroupsTheVersionsOfOneParagraphIntoOneHit) {
  // "migration" is English and French: without grouping, two hits of paragraph 2.
  ToolRun run = Run({"search", "idx", "migration", "--lang", "all", "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(Lines(run.out).size(), 2u) << run.out;

  run = Run({"search", "idx", "migration", "--lang", "all", "--parallel", "--json",
             "--snippet-bytes", "40"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 1u) << run.out;
  const nlohmann::json hit = nlohmann::json::parse(lines[0]);
  const nlohmann::json& versions = hit["parallel"];
  ASSERT_EQ(versions.size(), 5u) << hit.dump();
  for (const nlohmann::json& version : versions) {
    ASSERT_TRUE(version.contains("snippet")) << version.dump();
    const std::string text = version["text"];
    const std::string snippet = version["snippet"]["text"];
    EXPECT_LE(snippet.size(), text.size());
    // The other matched language's version highlights its own word for migration.
    const bool other_match = version["id"] == (hit["id"] == "T/en/2" ? "T/fr/2" : "T/en/2");
    EXPECT_EQ(version["snippet"]["highlights"].size(), other_match ? 1u : 0u) << version.dump();
  }
}

TEST_F(MultilingualSearchTest, ArabicLinesAreBidiIsolated) {
  const ToolRun run = Run({"search", "idx", "المساواة", "--show-lang", "en"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 4u) << run.out;
  // RLI (U+2067) ... PDI (U+2069) around the Arabic snippet; none around English.
  EXPECT_EQ(lines[2].rfind("   \u2067", 0), 0u) << lines[2];
  EXPECT_TRUE(lines[2].ends_with("\u2069")) << lines[2];
  EXPECT_EQ(lines[3].find("\u2067"), std::string::npos) << lines[3];
}

}  // namespace
}  // namespace hexaglot
