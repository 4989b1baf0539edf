// End-to-end tests of `hexaglot search`: ranked hits with snippets, JSON output, bad
// queries, no results, the default index, and the measured batch mode.

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

class SearchCommandTest : public testing::ToolTest {
 protected:
  void SetUp() override {
    ToolTest::SetUp();
    IndexCompendium("idx");
  }
};

TEST_F(SearchCommandTest, PrintsRankedHitsWithSnippets) {
  const ToolRun run = Run({"search", "idx", "hawala", "-k", "3"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::vector<std::string> lines = Lines(run.out);
  ASSERT_GE(lines.size(), 3u) << run.out;
  EXPECT_EQ(lines[0].rfind("1. V.21-05340/en/12  score ", 0), 0u) << lines[0];
  EXPECT_NE(lines[1].find("en ¶12 · Criminal justice responses"), std::string::npos) << lines[1];
  EXPECT_NE(lines[2].find("hawala system"), std::string::npos) << lines[2];
  // Piped output has no escape codes.
  EXPECT_EQ(run.out.find('\x1b'), std::string::npos);
}

TEST_F(SearchCommandTest, JsonHitsCarrySnippetOffsetsIntoTheText) {
  const ToolRun run = Run(
      {"search", "idx", "\"special investigative techniques\"", "--json", "-k", "20", "--explain"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::vector<std::string> lines = Lines(run.out);
  ASSERT_FALSE(lines.empty());
  int rank = 0;
  for (const std::string& line : lines) {
    const nlohmann::json hit = nlohmann::json::parse(line);
    EXPECT_EQ(hit["rank"].get<int>(), ++rank);
    EXPECT_EQ(hit["lang"], "en");
    EXPECT_EQ(hit["doc"], "V.21-05340");
    const std::string text = hit["snippet"]["text"];
    const auto window = hit["snippet"]["window"];
    double explained = 0.0;
    for (const auto& term : hit["explain"]) explained += term["score"].get<double>();
    EXPECT_NEAR(explained, hit["score"].get<double>(), 1e-9);
    for (const auto& span : hit["snippet"]["highlights"]) {
      const std::size_t start = span[0].get<std::size_t>() - window[0].get<std::size_t>();
      const std::size_t end = span[1].get<std::size_t>() - window[0].get<std::size_t>();
      ASSERT_LE(end, text.size());
      const std::string word = text.substr(start, end - start);
      EXPECT_TRUE(word.rfind("special", 0) == 0 || word.rfind("investigat", 0) == 0 ||
                  word.rfind("techniqu", 0) == 0)
          << word;
    }
  }
}

TEST_F(SearchCommandTest, ThemeBoostAlsoScoresTheWordInTheParagraphsTheme) {
  const ToolRun plain = Run({"search", "idx", "sea", "-k", "200", "--json"});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  const ToolRun boosted =
      Run({"search", "idx", "sea", "-k", "200", "--json", "--explain", "--theme-boost", "1"});
  ASSERT_EQ(boosted.exit_code, 0) << boosted.err;
  // Paragraphs of the theme "Smuggling by sea" without "sea" in their text join the hits.
  EXPECT_GT(Lines(boosted.out).size(), Lines(plain.out).size());
  int themed = 0;
  for (const std::string& line : Lines(boosted.out)) {
    const nlohmann::json hit = nlohmann::json::parse(line);
    for (const auto& term : hit["explain"]) {
      if (term["field"] != "theme") continue;
      ++themed;
      EXPECT_EQ(hit["theme"], "Smuggling by sea") << line;
      EXPECT_EQ(term["boost"].get<double>(), 1.0);
    }
  }
  EXPECT_GT(themed, 0);
  EXPECT_EQ(Run({"search", "idx", "sea", "--theme-boost", "-1"}).exit_code, 2);
}

TEST_F(SearchCommandTest, BadQueryNamesTheColumnAndNothingMatchingExitsOne) {
  ToolRun run = Run({"search", "idx", "(hawala OR"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("query column"), std::string::npos) << run.err;
  EXPECT_TRUE(run.out.empty());

  run = Run({"search", "idx", "zzyzzyx"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(run.out.empty());
  EXPECT_NE(run.err.find("no results"), std::string::npos);

  run = Run({"search", "missing-index", "hawala"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("missing-index"), std::string::npos) << run.err;

  run = Run({"search", "idx", "hawala", "--lang", "xx"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("'xx'"), std::string::npos) << run.err;
}

// "-hawala smuggling" is "smuggling, not hawala" (README "Query language"), not -h (help)
// nor an unknown option, wherever it stands among the options.
TEST_F(SearchCommandTest, AQueryStartingWithADashIsAQuery) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"search", "idx", "-hawala smuggling", "--no-snippets"},
        std::vector<std::string>{"search", "--no-snippets", "idx", "-hawala smuggling"},
        std::vector<std::string>{"search", "-k", "200", "idx", "-hawala smuggling", "-l", "en"},
        std::vector<std::string>{"search", "-k200", "--index", "idx", "-hawala smuggling"},
        std::vector<std::string>{"search", "idx", "--", "-hawala smuggling"}}) {
    const ToolRun run = Run(args);
    EXPECT_EQ(run.exit_code, 0) << args[2] << ": " << run.err;
    EXPECT_EQ(run.out.find("Usage"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("1. V.21-05340/en/"), std::string::npos) << run.out;
    // Paragraph 12, the one about hawala, is excluded.
    EXPECT_EQ(run.out.find("V.21-05340/en/12 "), std::string::npos) << run.out;
  }
  const ToolRun plain = Run({"search", "idx", "smuggling", "-k", "200", "--no-snippets"});
  EXPECT_NE(plain.out.find("V.21-05340/en/12 "), std::string::npos) << plain.out;

  // Help is still -h alone.
  const ToolRun help = Run({"search", "-h"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("Usage"), std::string::npos) << help.out;
  // A mistyped long option is still an error.
  const ToolRun typo = Run({"search", "idx", "hawala", "--jsn"});
  EXPECT_EQ(typo.exit_code, 2);
}

TEST_F(SearchCommandTest, DefaultIndexComesFromTheEnvironment) {
  SetEnv("HEXAGLOT_INDEX", (dir_ / "idx").string());
  const ToolRun run = Run({"search", "hawala", "-k", "1", "--no-snippets"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out.rfind("1. V.21-05340/en/12", 0), 0u) << run.out;
}

TEST_F(SearchCommandTest, BatchWritesATrecRunAndALatencySummary) {
  WriteFile("queries.tsv",
            "q1\ten\thawala\nq2\tauto\t\"special investigative techniques\"\n"
            "q3\ten\tzzyzzyx\n");
  const ToolRun run = Run({"search", "idx", "--batch", "queries.tsv", "-k", "5", "--run",
                           "run.trec", "--k1", "1.2", "--b", "0.75"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::vector<std::string> out = Lines(run.out);
  ASSERT_FALSE(out.empty());
  const nlohmann::json summary = nlohmann::json::parse(out.back());
  EXPECT_EQ(summary["queries"], 3);
  EXPECT_EQ(summary["empty"], 1);
  EXPECT_GT(summary["mean_ms"].get<double>(), 0.0);
  EXPECT_LE(summary["p50_ms"].get<double>(), summary["p99_ms"].get<double>());

  const std::vector<std::string> trec = Lines(ReadAll(dir_ / "run.trec"));
  ASSERT_GE(trec.size(), 2u);
  EXPECT_EQ(trec[0].rfind("q1 Q0 V.21-05340/en/12 1 ", 0), 0u) << trec[0];
  EXPECT_EQ(trec[0].substr(trec[0].size() - 9), " hexaglot");
  for (const std::string& line : trec) EXPECT_EQ(line.rfind("q3 ", 0), std::string::npos);

  WriteFile("bad.tsv", "q1\ten\thawala\nq2 without tabs\n");
  const ToolRun bad = Run({"search", "idx", "--batch", "bad.tsv"});
  EXPECT_EQ(bad.exit_code, 3);
  EXPECT_NE(bad.err.find("bad.tsv:2: expected qid<TAB>lang<TAB>query"), std::string::npos)
      << bad.err;
}

}  // namespace
}  // namespace hexaglot
