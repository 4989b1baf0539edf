// The memo entries the inverter keys its term ids by (lib/analysis/memo_analyzer.h).

#include "analysis/memo_analyzer.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace hexaglot::analysis {
namespace {

constexpr std::uint32_t kNoEntry = MemoAnalyzer::kNoEntry;

std::unique_ptr<MemoAnalyzer> Create(Language language, const AnalyzerOptions& options = {}) {
  Result<std::unique_ptr<MemoAnalyzer>> analyzer = CreateMemoAnalyzer(language, options);
  EXPECT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  return analyzer.ok() ? std::move(*analyzer) : nullptr;
}

// Letters only, distinct for distinct n: "qa", "qb", ..., "qba", ...
std::string Word(std::size_t n) {
  std::string word = "q";
  do {
    word += static_cast<char>('a' + n % 26);
    n /= 26;
  } while (n > 0);
  return word;
}

TEST(MemoAnalyzerTest, EntriesFollowSurfacesAndTokensMatchAnalyze) {
  const std::string text = "Boats carry migrants; boats and Boats. Migrants, boats!";
  const AnalyzerOptions options{.remove_stop_words = true};
  auto analyzer = Create(Language::kEnglish, options);
  ASSERT_NE(analyzer, nullptr);
  std::vector<Token> tokens;
  std::vector<std::uint32_t> entries;
  ASSERT_TRUE(analyzer->AnalyzeWithEntries(text, &tokens, &entries).ok());
  auto plain = Create(Language::kEnglish, options);
  ASSERT_NE(plain, nullptr);
  Result<std::vector<Token>> expected = plain->Analyze(text);
  ASSERT_TRUE(expected.ok());
  EXPECT_EQ(tokens, *expected);
  ASSERT_EQ(entries.size(), tokens.size());
  // Boats carry migrants boats Boats Migrants boats ("and" is a stop word).
  ASSERT_EQ(tokens.size(), 7u);
  const std::vector<std::string> terms = {"boat", "carri",   "migrant", "boat",
                                          "boat", "migrant", "boat"};
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    EXPECT_EQ(tokens[i].term, terms[i]) << i;
    EXPECT_LT(entries[i], MemoAnalyzer::kMaxMemoEntries) << i;
  }
  // One entry per distinct surface: "boats" twice, "Boats" twice, apart from each other.
  EXPECT_EQ(entries[3], entries[6]);
  EXPECT_EQ(entries[0], entries[4]);
  EXPECT_NE(entries[0], entries[3]);
  EXPECT_NE(entries[2], entries[5]);
  EXPECT_NE(entries[0], entries[1]);
  // A later call keeps the entries while the generation stays.
  const std::uint64_t generation = analyzer->memo_generation();
  const std::uint32_t upper_migrants = entries[5];
  const std::uint32_t boats = entries[3];
  ASSERT_TRUE(analyzer->AnalyzeWithEntries("Migrants boats", &tokens, &entries).ok());
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0], upper_migrants);
  EXPECT_EQ(entries[1], boats);
  EXPECT_EQ(analyzer->memo_generation(), generation);
}

TEST(MemoAnalyzerTest, HanBigramsHaveNoEntry) {
  AnalyzerOptions options;
  options.chinese_mode = ChineseMode::kBigrams;
  auto analyzer = Create(Language::kChinese, options);
  ASSERT_NE(analyzer, nullptr);
  std::vector<Token> tokens;
  std::vector<std::uint32_t> entries;
  // Han bigrams, then a Latin word, which is memoised.
  ASSERT_TRUE(analyzer->AnalyzeWithEntries("人人生而自由 UNODC", &tokens, &entries).ok());
  ASSERT_EQ(entries.size(), tokens.size());
  ASSERT_EQ(tokens.size(), 6u);
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) EXPECT_EQ(entries[i], kNoEntry) << i;
  EXPECT_EQ(tokens.back().term, "unodc");
  EXPECT_LT(entries.back(), MemoAnalyzer::kMaxMemoEntries);
}

TEST(MemoAnalyzerTest, StartingOverMidCallDropsTheCallsEarlierEntries) {
  auto analyzer = Create(Language::kEnglish);
  ASSERT_NE(analyzer, nullptr);
  std::string text;
  const std::size_t words = MemoAnalyzer::kMaxMemoEntries + 100;
  for (std::size_t n = 0; n < words; ++n) text += Word(n) + " ";
  text += Word(0);
  const std::uint64_t generation = analyzer->memo_generation();
  std::vector<Token> tokens;
  std::vector<std::uint32_t> entries;
  ASSERT_TRUE(analyzer->AnalyzeWithEntries(text, &tokens, &entries).ok());
  EXPECT_EQ(analyzer->memo_generation(), generation + 1);
  ASSERT_EQ(tokens.size(), words + 1);
  ASSERT_EQ(entries.size(), tokens.size());
  // The entries before the memo started over are gone; the last 101 words have theirs.
  for (std::size_t i = 0; i < MemoAnalyzer::kMaxMemoEntries; ++i) {
    ASSERT_EQ(entries[i], kNoEntry) << i;
  }
  std::map<std::uint32_t, std::string> term_of;
  for (std::size_t i = MemoAnalyzer::kMaxMemoEntries; i < tokens.size(); ++i) {
    ASSERT_LT(entries[i], MemoAnalyzer::kMaxMemoEntries) << i;
    EXPECT_TRUE(term_of.emplace(entries[i], tokens[i].term).second) << "entry reused at " << i;
  }
  // Word(0) came back after the start: an entry of the new generation, its own term.
  EXPECT_EQ(tokens.back().term, tokens.front().term);
}

// Text where a careless cut would change a token or a position: stop words on both sides
// of spaces, elision, "can't" and "1 000", a combining mark and a ZWJ after a space, a
// long Han run with U+3002 and U+FF0C (MidNum) inside, digits around U+FF0C.
std::string TrickyText(std::size_t repeats) {
  std::string text;
  for (std::size_t i = 0; i < repeats; ++i) {
    text += "The boats of the coast can't reach l'île d'Orléans; 1 000 and 3.5 are the ";
    text +=
        "\xCC\x81x \xE2\x80\x8D"
        "a e\xCC\x81t\xC3\xA9 ";
    text +=
        "\xE6\x88\x91\xE4\xBB\xAC\xE7\x9A\x84\xE5\x9B\xBD\xE5\xAE\xB6\xE3\x80\x82";  // 我们的国家。
    text +=
        "\xE8\x81\x94\xE5\x90\x88\xE5\x9B\xBD\xEF\xBC\x8C\xE5\xA4\xA7\xE4\xBC\x9A";  // 联合国，大会
    text +=
        "1\xEF\xBC\x8C"
        "2\xE3\x80\x81\xE4\xB8\x80\xEF\xBC\x81 " +
        Word(i) + " the\n";  // 1，2、一！
  }
  return text;
}

// AnalyzeInWindows gives the tokens, entries' terms and positions of one whole-text call,
// whatever the window size: a cut that changed a token or a position fails this.
TEST(MemoAnalyzerTest, WindowsAnalyseAsTheWholeText) {
  const std::string text = TrickyText(40);
  for (const auto& [language, mode] : {std::pair{Language::kEnglish, ChineseMode::kBigrams},
                                       std::pair{Language::kFrench, ChineseMode::kBigrams},
                                       std::pair{Language::kChinese, ChineseMode::kBigrams},
                                       std::pair{Language::kChinese, ChineseMode::kWords}}) {
    AnalyzerOptions options;
    options.chinese_mode = mode;
    options.remove_stop_words = true;  // For the trailing stop word below.
    auto whole = Create(language, options);
    auto windowed = Create(language, options);
    ASSERT_NE(whole, nullptr);
    ASSERT_NE(windowed, nullptr);
    std::vector<Token> expected;
    std::vector<std::uint32_t> entries;
    ASSERT_TRUE(whole->AnalyzeWithEntries(text, &expected, &entries).ok());
    if (language == Language::kEnglish) {  // A trailing stop word counts.
      ASSERT_GT(whole->positions_used(), expected.back().position + 1);
    }
    for (const std::size_t window : {1, 2, 5, 64, 1000, 1 << 20}) {
      std::vector<Token> tokens;
      std::vector<Token> all;
      Result<std::uint32_t> used =
          AnalyzeInWindows(windowed.get(), text, window, &tokens, &entries, [&] {
            EXPECT_EQ(tokens.size(), entries.size());
            all.insert(all.end(), tokens.begin(), tokens.end());
            return Status::OK();
          });
      ASSERT_TRUE(used.ok()) << used.status().ToString();
      EXPECT_EQ(*used, whole->positions_used()) << "window " << window;
      ASSERT_EQ(all.size(), expected.size()) << "window " << window;
      for (std::size_t i = 0; i < all.size(); ++i) {
        ASSERT_EQ(all[i], expected[i]) << "window " << window << ", token " << i;
      }
    }
  }
}

TEST(MemoAnalyzerTest, SafeCutsFollowSpacesAndStopsOnly) {
  // After the space, not before a combining mark, not inside "a.b", not after U+FF0C.
  EXPECT_EQ(NextSafeCut("ab cd", 0), 3u);
  EXPECT_EQ(NextSafeCut("ab \xCC\x81"
                        "cd ef",
                        0),
            8u);
  EXPECT_EQ(NextSafeCut("a.b,c\xEF\xBC\x8C"
                        "d",
                        0),
            9u);                                                          // None: the text's end.
  EXPECT_EQ(NextSafeCut("\xE4\xB8\x80\xE3\x80\x82\xE4\xB8\x80", 0), 6u);  // 一。一
  EXPECT_EQ(NextSafeCut("ab cd ef", 4), 6u);
}

}  // namespace
}  // namespace hexaglot::analysis
