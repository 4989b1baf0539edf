// The ASCII fast path of WordSegmenter gives exactly ICU's word-like spans.

#include "analysis/word_segmenter.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "hexaglot/analyzer.h"
#include "test_data.h"

namespace hexaglot::analysis {
namespace {

std::unique_ptr<WordSegmenter> NewSegmenter() {
  Result<std::unique_ptr<WordSegmenter>> segmenter = WordSegmenter::Create();
  EXPECT_TRUE(segmenter.ok()) << segmenter.status().ToString();
  return std::move(segmenter).value();
}

std::vector<std::string> Words(std::string_view text, const std::vector<WordSpan>& spans) {
  std::vector<std::string> words;
  for (const WordSpan& span : spans) {
    words.emplace_back(text.substr(span.start, span.end - span.start));
  }
  return words;
}

// Asserts that both paths agree on `text`.
void ExpectSameAsIcu(WordSegmenter& segmenter, std::string_view text) {
  std::vector<WordSpan> fast;
  std::vector<WordSpan> icu;
  ASSERT_TRUE(segmenter.Segment(text, &fast).ok());
  ASSERT_TRUE(segmenter.Segment(text, &icu, WordSegmenter::Path::kIcuOnly).ok());
  ASSERT_EQ(Words(text, fast), Words(text, icu)) << "text: '" << text << "'";
  ASSERT_EQ(fast, icu) << "text: '" << text << "'";
}

TEST(WordSegmenterTest, KeepsWordLikeSegments) {
  auto segmenter = NewSegmenter();
  const std::string text = "See CTOC/COP/WG.7/2018/2, para. 3.5: l'homme, e.g. a_b _ 1,000;";
  std::vector<WordSpan> spans;
  ASSERT_TRUE(segmenter->Segment(text, &spans).ok());
  EXPECT_EQ(Words(text, spans),
            (std::vector<std::string>{"See", "CTOC", "COP", "WG", "7", "2018", "2", "para", "3.5",
                                      "l'homme", "e.g", "a_b", "1,000"}));
}

TEST(WordSegmenterTest, SegmentsChineseWithTheDictionary) {
  auto segmenter = NewSegmenter();
  const std::string text = "联合国毒品和犯罪问题办公室";
  std::vector<WordSpan> spans;
  ASSERT_TRUE(segmenter->Segment(text, &spans).ok());
  EXPECT_EQ(Words(text, spans),
            (std::vector<std::string>{"联合", "国", "毒品", "和", "犯罪", "问题", "办公", "室"}));
}

TEST(WordSegmenterTest, EmptyAndSpaceOnlyTextHaveNoWords) {
  auto segmenter = NewSegmenter();
  std::vector<WordSpan> spans = {{1, 2}};
  ASSERT_TRUE(segmenter->Segment("", &spans).ok());
  EXPECT_TRUE(spans.empty());
  ASSERT_TRUE(segmenter->Segment(" \t\r\n ", &spans).ok());
  EXPECT_TRUE(spans.empty());
}

// Every ASCII string of up to four characters over an alphabet holding each Word_Break
// class of ASCII (and a letter, digit, underscore twice where order matters).
TEST(WordSegmenterTest, FastPathMatchesIcuOnAllShortAsciiStrings) {
  auto segmenter = NewSegmenter();
  const std::string alphabet = "aZ1_.',;:-/ \n\t\r";
  std::string text;
  for (std::size_t length = 1; length <= 4; ++length) {
    std::vector<std::size_t> digits(length, 0);
    for (;;) {
      text.clear();
      for (std::size_t d : digits) text.push_back(alphabet[d]);
      ExpectSameAsIcu(*segmenter, text);
      if (::testing::Test::HasFatalFailure()) return;
      std::size_t i = 0;
      while (i < length && ++digits[i] == alphabet.size()) digits[i++] = 0;
      if (i == length) break;
    }
  }
}

// Random text mixing ASCII with what could interact with it at chunk edges: combining
// marks and format characters after spaces, non-ASCII spaces, letters and punctuation of
// other scripts, ideographs, emoji with ZWJ.
TEST(WordSegmenterTest, FastPathMatchesIcuOnRandomMixedText) {
  auto segmenter = NewSegmenter();
  const std::vector<std::string> pieces = {
      "a",      "Z",      "q",      "7",          "0",          "_",        ".",      "'",
      ",",      ";",      ":",      "-",          "/",          " ",        " ",      "  ",
      "\n",     "\r\n",   "\t",     "\v",         "\f",         "é",        "\u0301", "\u00AD",
      "\u200B", "\u200D", "\u2060", "\u3000",     "\u2019",     "\u2018",   "\u00B7", "\u2024",
      "ж",      "Я",      "ب",      "\u064E",     "\u0640",     "人",       "权",     "。",
      "、",     "ア",     "ー",     "\U0001F600", "\U0001F1EB", "\u00A0",   "١",      "٫",
      "word",   "WG.7",   "l'ONU",  "3,5",        "e.g.",       "CTOC/COP", "x_y",    "12.30",
  };
  std::mt19937 rng(20240611);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(1, 40);
  for (int trial = 0; trial < 20000; ++trial) {
    std::string text;
    const int n = length(rng);
    for (int i = 0; i < n; ++i) text += pieces[pick(rng)];
    ExpectSameAsIcu(*segmenter, text);
    if (::testing::Test::HasFatalFailure()) return;
  }
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

TEST(WordSegmenterTest, FastPathMatchesIcuOnTheCompendium) {
  auto segmenter = NewSegmenter();
  const std::string text = ReadFile(testing::SourcePath("corpus/wg7-compendium-2021.en.md"));
  ASSERT_GT(text.size(), 10000u);
  ExpectSameAsIcu(*segmenter, text);
}

TEST(WordSegmenterTest, FastPathMatchesIcuOnUdhrInSixLanguages) {
  auto segmenter = NewSegmenter();
  for (std::string_view code : {"ar", "zh", "en", "fr", "ru", "es"}) {
    HEXAGLOT_SHARED_DATA_OR_SKIP(path, "udhr/txt/udhr_" + std::string(code) + ".txt");
    const std::string text = ReadFile(path);
    ASSERT_GT(text.size(), 1000u) << path;
    ExpectSameAsIcu(*segmenter, text);
  }
}

TEST(WordSegmenterTest, FastPathMatchesIcuOnUnTreaties) {
  HEXAGLOT_SHARED_DATA_OR_SKIP(dir, "un-treaties-en");
  auto segmenter = NewSegmenter();
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.path().extension() != ".md") continue;
    ExpectSameAsIcu(*segmenter, ReadFile(entry.path()));
    ++files;
  }
  EXPECT_GT(files, 0u);
}

}  // namespace
}  // namespace hexaglot::analysis
