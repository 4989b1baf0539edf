// Properties of Analyze on random input, in every language and both Chinese modes:
// offsets increase, stay in bounds and on UTF-8 boundaries, positions never decrease;
// random bytes never crash and invalid UTF-8 is reported.

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "analyzer_test_util.h"
#include "hexaglot/analyzer.h"
#include "util/utf8.h"

namespace hexaglot {
namespace {

struct Config {
  Language language;
  ChineseMode chinese_mode;
};

std::vector<Config> AllConfigs() {
  std::vector<Config> configs;
  for (Language language : AllLanguages()) configs.push_back({language, ChineseMode::kWords});
  configs.push_back({Language::kChinese, ChineseMode::kBigrams});
  return configs;
}

std::string ConfigName(const ::testing::TestParamInfo<Config>& info) {
  std::string name(LanguageName(info.param.language));
  if (info.param.language == Language::kChinese) {
    name += info.param.chinese_mode == ChineseMode::kBigrams ? "Bigrams" : "Words";
  }
  return name;
}

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Random valid UTF-8 drawn from every script the analyzers meet, with the characters that
// stress the pipeline: combining marks, tashkeel, tatweel, apostrophes, ligatures, width
// variants, default ignorables, non-BMP ideographs and emoji.
std::string RandomText(std::mt19937& rng) {
  static const std::vector<char32_t> kRanges[] = {
      {U'a', U'z'},       {U'A', U'Z'},     {U'0', U'9'},     {U' ', U'/'},     {U':', U'@'},
      {0x00C0, 0x017F},   {0x0400, 0x045F}, {0x0600, 0x06FF}, {0x4E00, 0x4E80}, {0x3000, 0x303F},
      {0x0300, 0x036F},   {0xFB00, 0xFB06}, {0xFF01, 0xFF5E}, {0x2000, 0x206F}, {0x20000, 0x20010},
      {0x1F600, 0x1F64F}, {0xFE70, 0xFEFC},
  };
  std::uniform_int_distribution<std::size_t> range(0, std::size(kRanges) - 1);
  std::uniform_int_distribution<int> length(0, 60);
  std::string text;
  const int n = length(rng);
  for (int i = 0; i < n; ++i) {
    const std::vector<char32_t>& r = kRanges[range(rng)];
    std::uniform_int_distribution<std::uint32_t> cp(r[0], r[1]);
    char32_t c = static_cast<char32_t>(cp(rng));
    if (c >= 0xD800 && c <= 0xDFFF) c = U'x';
    utf8::Append(c, &text);
    if (i % 7 == 0) text += ' ';
  }
  return text;
}

class AnalyzerPropertyTest : public ::testing::TestWithParam<Config> {
 protected:
  std::unique_ptr<Analyzer> NewConfiguredAnalyzer() {
    AnalyzerOptions options;
    options.chinese_mode = GetParam().chinese_mode;
    return testing::NewAnalyzer(GetParam().language, options);
  }
};

TEST_P(AnalyzerPropertyTest, OffsetsAndPositionsAreWellFormedOnRandomText) {
  auto analyzer = NewConfiguredAnalyzer();
  ASSERT_NE(analyzer, nullptr);
  std::mt19937 rng(1234 + static_cast<int>(GetParam().language));
  std::vector<Token> tokens;
  std::size_t total = 0;
  for (int trial = 0; trial < 1500; ++trial) {
    const std::string text = RandomText(rng);
    ASSERT_TRUE(analyzer->Analyze(text, &tokens).ok()) << text;
    total += tokens.size();
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const Token& token = tokens[i];
      ASSERT_LT(token.start, token.end) << text;
      ASSERT_LE(token.end, text.size()) << text;
      ASSERT_FALSE(IsContinuationByte(text[token.start])) << text;
      ASSERT_TRUE(token.end == text.size() || !IsContinuationByte(text[token.end])) << text;
      ASSERT_FALSE(token.term.empty()) << text;
      ASSERT_TRUE(utf8::Validate(token.term).ok()) << text;
      // An exact form follows its stem at the same position and offsets.
      if (token.term.starts_with(kExactFormMarker)) {
        ASSERT_GT(i, 0u) << text;
        ASSERT_FALSE(tokens[i - 1].term.starts_with(kExactFormMarker)) << text;
        ASSERT_EQ(tokens[i - 1].position, token.position) << text;
        ASSERT_EQ(tokens[i - 1].start, token.start) << text;
        ASSERT_EQ(tokens[i - 1].end, token.end) << text;
        continue;
      }
      if (i > 0) {
        ASSERT_LE(tokens[i - 1].position, token.position) << text;
        ASSERT_LE(tokens[i - 1].start, token.start) << text;
        // Words never overlap; Chinese bigrams overlap by one character.
        if (GetParam().chinese_mode == ChineseMode::kWords) {
          ASSERT_LT(tokens[i - 1].position, token.position) << text;
          ASSERT_LE(tokens[i - 1].end, token.start) << text;
        } else {
          ASSERT_LT(tokens[i - 1].start, token.start) << text;
        }
      }
    }
  }
  EXPECT_GT(total, 1000u);  // The generator makes words, not just noise.
}

TEST_P(AnalyzerPropertyTest, RandomBytesNeverCrash) {
  auto analyzer = NewConfiguredAnalyzer();
  ASSERT_NE(analyzer, nullptr);
  std::mt19937 rng(99 + static_cast<int>(GetParam().language));
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<int> length(0, 64);
  std::vector<Token> tokens;
  int invalid = 0;
  for (int trial = 0; trial < 3000; ++trial) {
    std::string bytes(static_cast<std::size_t>(length(rng)), '\0');
    for (char& c : bytes) c = static_cast<char>(byte(rng));
    Status status = analyzer->Analyze(bytes, &tokens);
    const std::optional<std::size_t> bad = utf8::FindInvalid(bytes);
    if (bad) {
      ++invalid;
      ASSERT_TRUE(status.IsInvalidArgument());
      EXPECT_NE(status.message().find("byte offset " + std::to_string(*bad)), std::string::npos)
          << status.message();
      EXPECT_TRUE(tokens.empty());
    } else {
      ASSERT_TRUE(status.ok()) << status.ToString();
    }
  }
  EXPECT_GT(invalid, 2000);
}

INSTANTIATE_TEST_SUITE_P(AllAnalyzers, AnalyzerPropertyTest, ::testing::ValuesIn(AllConfigs()),
                         ConfigName);

}  // namespace
}  // namespace hexaglot
