// Snowball conformance: Analyzer::Stem reproduces the reference vocabularies
// (../shared/data/snowball, libstemmer 2.2.0) word for word.

#include "analysis/snowball_stemmer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "hexaglot/analyzer.h"
#include "test_data.h"

namespace hexaglot {
namespace {

struct Vocabulary {
  Language language;
  const char* voc;
  const char* output;
};

class SnowballConformanceTest : public ::testing::TestWithParam<Vocabulary> {};

TEST_P(SnowballConformanceTest, EveryWordStemsToTheReference) {
  const Vocabulary& vocabulary = GetParam();
  HEXAGLOT_SHARED_DATA_OR_SKIP(voc_path, vocabulary.voc);
  HEXAGLOT_SHARED_DATA_OR_SKIP(output_path, vocabulary.output);
  Result<std::unique_ptr<Analyzer>> analyzer = Analyzer::Create(vocabulary.language);
  ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();

  std::ifstream voc(voc_path);
  std::ifstream output(output_path);
  std::string word;
  std::string expected;
  std::size_t lines = 0;
  std::size_t mismatches = 0;
  while (std::getline(voc, word)) {
    ASSERT_TRUE(std::getline(output, expected)) << "output.txt is shorter, line " << lines + 1;
    ++lines;
    const std::string stem = (*analyzer)->Stem(word);
    if (stem != expected && ++mismatches <= 10) {
      ADD_FAILURE() << voc_path.string() << ":" << lines << ": '" << word << "' stems to '" << stem
                    << "', expected '" << expected << "'";
    }
  }
  EXPECT_FALSE(std::getline(output, expected)) << "output.txt is longer than voc.txt";
  EXPECT_EQ(mismatches, 0u) << "of " << lines << " words";
  EXPECT_GT(lines, 900u);  // The smallest list (Arabic sample) has about 920 words.
}

INSTANTIATE_TEST_SUITE_P(
    AllStemmedLanguages, SnowballConformanceTest,
    ::testing::Values(
        Vocabulary{Language::kEnglish, "snowball/english/voc.txt", "snowball/english/output.txt"},
        Vocabulary{Language::kFrench, "snowball/french/voc.txt", "snowball/french/output.txt"},
        Vocabulary{Language::kSpanish, "snowball/spanish/voc.txt", "snowball/spanish/output.txt"},
        Vocabulary{Language::kRussian, "snowball/russian/voc.txt", "snowball/russian/output.txt"},
        Vocabulary{Language::kArabic, "snowball/arabic/voc_every100th.txt",
                   "snowball/arabic/output_every100th.txt"}),
    [](const ::testing::TestParamInfo<Vocabulary>& param_info) {
      return std::string(LanguageName(param_info.param.language));
    });

TEST(SnowballStemmerTest, StemsKnownWords) {
  Result<std::unique_ptr<analysis::SnowballStemmer>> english =
      analysis::SnowballStemmer::Create(Language::kEnglish);
  ASSERT_TRUE(english.ok());
  std::string stem;
  ASSERT_TRUE((*english)->Stem("smuggling", &stem).ok());
  EXPECT_EQ(stem, "smuggl");
  ASSERT_TRUE((*english)->Stem("migrants", &stem).ok());
  EXPECT_EQ(stem, "migrant");
}

TEST(SnowballStemmerTest, ChineseHasNoStemmer) {
  Result<std::unique_ptr<analysis::SnowballStemmer>> chinese =
      analysis::SnowballStemmer::Create(Language::kChinese);
  ASSERT_FALSE(chinese.ok());
  EXPECT_TRUE(chinese.status().IsNotSupported());
}

TEST(SnowballStemmerTest, OverlongWordsStayUnstemmed) {
  Result<std::unique_ptr<analysis::SnowballStemmer>> english =
      analysis::SnowballStemmer::Create(Language::kEnglish);
  ASSERT_TRUE(english.ok());
  const std::string word(analysis::SnowballStemmer::kMaxWordBytes + 1, 's');
  std::string stem;
  ASSERT_TRUE((*english)->Stem(word, &stem).ok());
  EXPECT_EQ(stem, word);
}

TEST(AnalyzerStemTest, ChineseAndStemOffReturnTheWord) {
  Result<std::unique_ptr<Analyzer>> chinese = Analyzer::Create(Language::kChinese);
  ASSERT_TRUE(chinese.ok());
  EXPECT_EQ((*chinese)->Stem("人权"), "人权");
  AnalyzerOptions options;
  options.stem = false;
  Result<std::unique_ptr<Analyzer>> english = Analyzer::Create(Language::kEnglish, options);
  ASSERT_TRUE(english.ok());
  EXPECT_EQ((*english)->Stem("rights"), "rights");
}

}  // namespace
}  // namespace hexaglot
