// End-to-end tests of `hexaglot analyze`: text and JSON output, language detection, and
// the errors a user sees (invalid UTF-8, unknown language).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tools/tool_test_util.h"

namespace hexaglot {
namespace {

using AnalyzeCommandTest = testing::ToolTest;

TEST_F(AnalyzeCommandTest, PrintsPositionOffsetsTermAndWord) {
  const testing::ToolRun result = Run({"analyze", "--lang", "en", "Smuggling of migrants"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "0\t0-9\tsmuggl\tSmuggling\n1\t10-12\tof\tof\tstop\n2\t13-21\tmigrant\tmigrants\n");
}

TEST_F(AnalyzeCommandTest, JsonHasOneObjectPerToken) {
  const testing::ToolRun result =
      Run({"analyze", "--lang", "fr", "--json", "L\u2019homme et l'ONU"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::istringstream lines(result.out);
  std::vector<nlohmann::json> tokens;
  for (std::string line; std::getline(lines, line);) tokens.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(tokens.size(), 4u) << result.out;
  const auto token = [](std::string term, int position, int start, int end, bool stop) {
    return nlohmann::json{{"term", std::move(term)},
                          {"position", position},
                          {"start", start},
                          {"end", end},
                          {"stop_word", stop}};
  };
  EXPECT_EQ(tokens[0], token("homm", 0, 4, 9, false));
  // French indexes the exact form too, at the stem's position and offsets.
  EXPECT_EQ(tokens[1], token("=homme", 0, 4, 9, false));
  EXPECT_EQ(tokens[2], token("et", 1, 10, 12, true));
  EXPECT_EQ(tokens[3], token("onu", 2, 15, 18, false));
}

TEST_F(AnalyzeCommandTest, AnalysisFlagsChooseExactFormsAndStemming) {
  testing::ToolRun result = Run(
      {"analyze", "--lang", "fr", "--exact-forms", "none", "--remove-stop-words", "Les hommes"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "1\t4-10\thomm\thommes\n");
  result = Run({"analyze", "--lang", "en", "--exact-forms", "en,fr", "states"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "0\t0-6\tstate\tstates\n0\t0-6\t=states\tstates\n");
  result = Run({"analyze", "--lang", "en", "--exact-forms", "en", "--no-stem", "states"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "0\t0-6\tstates\tstates\n");
  result = Run({"analyze", "--lang", "en", "--exact-forms", "en,xx", "states"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("--exact-forms: unknown language 'xx'"), std::string::npos)
      << result.err;
}

TEST_F(AnalyzeCommandTest, AnalysesEverySixLanguages) {
  struct Case {
    const char* lang;
    const char* text;
    const char* term;
  };
  for (const Case& c :
       {Case{"ar", "مكافحة تهريب المهاجرين", "مهاجر"}, Case{"zh", "打击偷运移民", "移民"},
        Case{"en", "smuggling of migrants", "migrant"},
        Case{"fr", "le trafic illicite de migrants", "migr"},
        Case{"ru", "незаконный ввоз мигрантов", "мигрант"},
        Case{"es", "el tráfico ilícito de migrantes", "migrant"}}) {
    const testing::ToolRun result = Run({"analyze", "--lang", c.lang, "--json", c.text});
    ASSERT_EQ(result.exit_code, 0) << c.lang << ": " << result.err;
    EXPECT_NE(result.out.find(std::string("\"term\":\"") + c.term + "\""), std::string::npos)
        << c.lang << ": " << result.out;
  }
}

TEST_F(AnalyzeCommandTest, ChineseWordsOption) {
  const testing::ToolRun words =
      Run({"analyze", "--lang", "zh", "--chinese", "words", "--json", "人权宣言"});
  ASSERT_EQ(words.exit_code, 0) << words.err;
  EXPECT_NE(words.out.find("\"term\":\"人权\""), std::string::npos) << words.out;
  EXPECT_EQ(words.out.find("\"term\":\"权宣\""), std::string::npos) << words.out;
  const testing::ToolRun bigrams = Run({"analyze", "--lang", "zh", "--json", "人权宣言"});
  ASSERT_EQ(bigrams.exit_code, 0) << bigrams.err;
  EXPECT_NE(bigrams.out.find("\"term\":\"权宣\""), std::string::npos) << bigrams.out;
}

TEST_F(AnalyzeCommandTest, NoStemKeepsTheWordAndStopWordsAreMarked) {
  const testing::ToolRun result =
      Run({"analyze", "--lang", "en", "--no-stem", "Smuggling of migrants"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "0\t0-9\tsmuggling\tSmuggling\n1\t10-12\tof\tof\tstop\n2\t13-21\tmigrants\tmigrants\n");
}

TEST_F(AnalyzeCommandTest, RemoveStopWordsLeavesTheirPositionsEmpty) {
  const testing::ToolRun result =
      Run({"analyze", "--lang", "en", "--no-stem", "--remove-stop-words", "Smuggling of migrants"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "0\t0-9\tsmuggling\tSmuggling\n2\t13-21\tmigrants\tmigrants\n");
}

TEST_F(AnalyzeCommandTest, DetectsTheLanguage) {
  const testing::ToolRun result =
      Run({"analyze", "--lang", "auto", "--json", "Все люди рождаются свободными и равными"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("detected language: ru"), std::string::npos) << result.err;
  EXPECT_NE(result.out.find("\"term\":\"люд\""), std::string::npos) << result.out;
}

TEST_F(AnalyzeCommandTest, ReadsAFileAndSummarises) {
  const std::filesystem::path path =
      WriteFile("text.txt", "Migrants and smuggling; smuggling of migrants, migrant smuggling.");
  const testing::ToolRun result =
      Run({"analyze", "--lang", "en", "--summary", "--file", path.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  // Migrants and smuggling smuggling of migrants migrant smuggling: "and", "of" stop words.
  EXPECT_NE(result.out.find("tokens: 8\n"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("distinct terms: 4\n"), std::string::npos) << result.out;
}

TEST_F(AnalyzeCommandTest, InvalidUtf8NamesTheFileAndByteOffset) {
  const std::filesystem::path path = WriteFile("bad.txt", "valid text \xFF then more");
  const testing::ToolRun result = Run({"analyze", "--lang", "en", "--file", path.string()});
  EXPECT_EQ(result.exit_code, 3);  // Bad data in a file, not bad usage.
  EXPECT_TRUE(result.out.empty()) << result.out;
  EXPECT_NE(result.err.find("byte offset 11"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find(path.string()), std::string::npos) << result.err;
}

TEST_F(AnalyzeCommandTest, InvalidUtf8OnTheCommandLineIsAUsageError) {
  const testing::ToolRun result = Run({"analyze", "--lang", "auto", "valid \xC3 text"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("text: invalid UTF-8 at byte offset 6"), std::string::npos)
      << result.err;
}

TEST_F(AnalyzeCommandTest, UnknownLanguageIsAUsageError) {
  const testing::ToolRun result = Run({"analyze", "--lang", "de", "Guten Tag"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(result.out.empty()) << result.out;
  EXPECT_NE(result.err.find("de"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace hexaglot
