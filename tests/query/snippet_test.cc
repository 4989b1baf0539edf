// Snippets: matched tokens, the best window, character and word boundaries, in English,
// Arabic, Russian and Chinese; UDHR text in all six languages; random text and matches.

#include "query/snippet.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "hexaglot/analyzer.h"
#include "test_data.h"
#include "util/utf8.h"

namespace hexaglot::query {
namespace {

std::unique_ptr<Analyzer> NewAnalyzer(Language language) {
  Result<std::unique_ptr<Analyzer>> analyzer = Analyzer::Create(language);
  EXPECT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  return analyzer.ok() ? std::move(analyzer).value() : nullptr;
}

std::vector<Token> Analyze(Analyzer& analyzer, std::string_view text) {
  Result<std::vector<Token>> tokens = analyzer.Analyze(text);
  EXPECT_TRUE(tokens.ok()) << tokens.status().ToString();
  return tokens.ok() ? std::move(tokens).value() : std::vector<Token>{};
}

// The query's terms as the searcher gets them: the query analysed like the text.
std::vector<std::string> QueryTerms(Analyzer& analyzer, std::string_view query) {
  std::vector<std::string> terms;
  for (const Token& token : Analyze(analyzer, query)) terms.push_back(token.term);
  return terms;
}

std::string Slice(std::string_view text, TextSpan span) {
  return std::string(text.substr(span.start, span.end - span.start));
}

std::vector<std::string> Highlighted(std::string_view text, const Snippet& snippet) {
  std::vector<std::string> words;
  for (const TextSpan& span : snippet.highlights) words.push_back(Slice(text, span));
  return words;
}

bool IsBoundary(std::string_view text, std::size_t pos) {
  return pos == 0 || pos == text.size() ||
         (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80);
}

// The invariants every snippet keeps, whatever the input.
void ExpectWellFormed(std::string_view text, const Snippet& snippet) {
  const TextSpan window = snippet.window;
  ASSERT_LE(window.start, window.end);
  ASSERT_LE(window.end, text.size());
  EXPECT_TRUE(IsBoundary(text, window.start)) << window.start;
  EXPECT_TRUE(IsBoundary(text, window.end)) << window.end;
  EXPECT_EQ(snippet.text, Slice(text, window));
  EXPECT_TRUE(utf8::Validate(snippet.text).ok());
  if (!text.empty()) {
    EXPECT_LT(window.start, window.end);
  }
  std::uint32_t previous_end = 0;
  for (const TextSpan& span : snippet.highlights) {
    EXPECT_LE(window.start, span.start);
    EXPECT_LT(span.start, span.end);
    EXPECT_LE(span.end, window.end);
    EXPECT_LE(previous_end, span.start);
    EXPECT_TRUE(IsBoundary(text, span.start) && IsBoundary(text, span.end));
    previous_end = span.end;
  }
}

TEST(FindMatchesTest, TagsTokensWithTheQueryTermTheyMatch) {
  auto analyzer = NewAnalyzer(Language::kEnglish);
  ASSERT_NE(analyzer, nullptr);
  const std::string text = "Everyone has the right to life, liberty and security of person.";
  const std::vector<std::string> terms = QueryTerms(*analyzer, "liberty life");
  ASSERT_EQ(terms.size(), 2u);
  const std::vector<Token> tokens = Analyze(*analyzer, text);
  const std::vector<SnippetMatch> matches = FindMatches(tokens, terms);
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(Slice(text, matches[0].span), "life");
  EXPECT_EQ(matches[0].term, 1u);
  EXPECT_EQ(Slice(text, matches[1].span), "liberty");
  EXPECT_EQ(matches[1].term, 0u);
}

TEST(FindMatchesTest, RepeatedQueryTermKeepsItsFirstIndex) {
  const std::vector<Token> tokens = {{"peac", 0, 0, 5}, {"secur", 1, 10, 18}, {"peac", 2, 20, 25}};
  const std::vector<std::string> terms = {"war", "peac", "peac"};
  const std::vector<SnippetMatch> matches = FindMatches(tokens, terms);
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[0].span, (TextSpan{0, 5}));
  EXPECT_EQ(matches[0].term, 1u);
  EXPECT_EQ(matches[1].span, (TextSpan{20, 25}));
  EXPECT_EQ(matches[1].term, 1u);
  EXPECT_TRUE(FindMatches(tokens, std::vector<std::string>{}).empty());
}

TEST(BuildSnippetTest, ShortTextIsReturnedWhole) {
  const std::string text = "All are equal before the law.";
  const std::vector<SnippetMatch> matches = {{{8, 13}, 0}, {{25, 28}, 1}};
  const Snippet snippet = BuildSnippet(text, matches, 240);
  EXPECT_EQ(snippet.window, (TextSpan{0, static_cast<std::uint32_t>(text.size())}));
  EXPECT_EQ(snippet.text, text);
  EXPECT_EQ(Highlighted(text, snippet), (std::vector<std::string>{"equal", "law"}));
  // Exactly the window's length is still whole.
  EXPECT_EQ(BuildSnippet(text, matches, text.size()).text, text);
}

TEST(BuildSnippetTest, NoMatchesGivesTheOpeningWindowEndingAtAWord) {
  const std::string text = "The quick brown fox jumps over the lazy dog and keeps running.";
  const Snippet snippet = BuildSnippet(text, {}, 20);
  EXPECT_EQ(snippet.window, (TextSpan{0, 19}));
  EXPECT_EQ(snippet.text, "The quick brown fox");
  EXPECT_TRUE(snippet.highlights.empty());
  // After punctuation the window keeps it.
  EXPECT_EQ(BuildSnippet("One, two, three, four, five, six.", {}, 12).text, "One, two,");
}

TEST(BuildSnippetTest, NoWordBoundaryNearCutsAtACharacter) {
  // Chinese has no spaces: the cut falls on a character boundary. 10 characters of
  // 3 bytes; 16 bytes hold 5 of them.
  const std::string text = "人人生而自由在尊严和权利";
  const Snippet snippet = BuildSnippet(text, {}, 16);
  EXPECT_EQ(snippet.text, "人人生而自");
  ExpectWellFormed(text, snippet);
}

TEST(BuildSnippetTest, FirstCharacterWiderThanTheWindowIsShownWhole) {
  const std::string text = "自由自由";
  const Snippet snippet = BuildSnippet(text, {}, 2);
  EXPECT_EQ(snippet.text, "自");
  ExpectWellFormed(text, snippet);
}

TEST(BuildSnippetTest, PrefersTheWindowWithMoreDistinctTerms) {
  //                 0         1         2         3         4         5         6
  //                 0123456789012345678901234567890123456789012345678901234567890123
  const std::string text =
      "rights rights rights are listed here, and later on the page come rights and "
      "duties together in one place for everyone to read in full.";
  const std::vector<SnippetMatch> matches = {
      {{0, 6}, 0}, {{7, 13}, 0}, {{14, 20}, 0}, {{65, 71}, 0}, {{76, 82}, 1}};
  const Snippet snippet = BuildSnippet(text, matches, 40);
  EXPECT_EQ(Highlighted(text, snippet), (std::vector<std::string>{"rights", "duties"}));
  ExpectWellFormed(text, snippet);
}

TEST(BuildSnippetTest, ThenMoreMatchesThenTheEarliest) {
  const std::string text =
      "peace once here and then a long stretch of words with nothing of note at all, "
      "peace and peace again near the end of this rather long sentence about peace.";
  // One term throughout: the pair at 79 and 89 beats the single matches.
  const std::vector<SnippetMatch> matches = {{{0, 5}, 0}, {{79, 84}, 0}, {{89, 94}, 0}};
  Snippet snippet = BuildSnippet(text, matches, 30);
  EXPECT_EQ(snippet.highlights, (std::vector<TextSpan>{{79, 84}, {89, 94}}));
  ExpectWellFormed(text, snippet);
  // Equal windows: the earliest wins.
  const std::vector<SnippetMatch> singles = {{{0, 5}, 0}, {{79, 84}, 0}};
  snippet = BuildSnippet(text, singles, 30);
  EXPECT_EQ(snippet.highlights, (std::vector<TextSpan>{{0, 5}}));
  EXPECT_EQ(snippet.window.start, 0u);
}

TEST(BuildSnippetTest, CutWindowStartsAndEndsAtWords) {
  const std::string text =
      "Everyone is entitled in full equality to a fair and public hearing by an "
      "independent and impartial tribunal, in the determination of his rights and "
      "obligations and of any criminal charge against him.";
  const std::size_t at = text.find("impartial");
  const std::vector<SnippetMatch> matches = {
      {{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + 9)}, 0}};
  const Snippet snippet = BuildSnippet(text, matches, 60);
  ExpectWellFormed(text, snippet);
  EXPECT_EQ(snippet.text, "by an independent and impartial tribunal, in the");
  EXPECT_EQ(Highlighted(text, snippet), (std::vector<std::string>{"impartial"}));
}

TEST(BuildSnippetTest, WindowNearTheEndShiftsBack) {
  const std::string text = "Words at the start and then more words until the last one: freedom.";
  const std::size_t at = text.find("freedom");
  const std::vector<SnippetMatch> matches = {
      {{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + 7)}, 0}};
  const Snippet snippet = BuildSnippet(text, matches, 30);
  EXPECT_EQ(snippet.window.end, text.size());
  EXPECT_EQ(snippet.text, "until the last one: freedom.");
  ExpectWellFormed(text, snippet);
}

TEST(BuildSnippetTest, MatchLongerThanTheWindowIsShownWhole) {
  const std::string text = "a very long compoundwordthatgoesonandon here";
  const std::vector<SnippetMatch> matches = {{{12, 39}, 0}};
  const Snippet snippet = BuildSnippet(text, matches, 10);
  EXPECT_EQ(snippet.window, (TextSpan{12, 39}));
  EXPECT_EQ(snippet.highlights, (std::vector<TextSpan>{{12, 39}}));
}

TEST(BuildSnippetTest, ArabicWindowOnWordsAndCharacters) {
  auto analyzer = NewAnalyzer(Language::kArabic);
  ASSERT_NE(analyzer, nullptr);
  // Written for this test (not UN text): "Education is a right for every person, and
  // education aims at the full development of the human personality and respect."
  const std::string text =
      "التعليم حق لكل شخص، ويهدف التعليم إلى التنمية الكاملة لشخصية الإنسان وإلى تعزيز "
      "احترام حقوق الإنسان والحريات الأساسية في كل مكان من العالم.";
  const std::vector<SnippetMatch> matches =
      FindMatches(Analyze(*analyzer, text), QueryTerms(*analyzer, "الإنسان"));
  ASSERT_EQ(matches.size(), 2u);
  const Snippet snippet = BuildSnippet(text, matches, 100);
  ExpectWellFormed(text, snippet);
  EXPECT_EQ(Highlighted(text, snippet), (std::vector<std::string>{"الإنسان", "الإنسان"}));
  EXPECT_LT(snippet.window.end, text.size());
  EXPECT_EQ(snippet.text, "لشخصية الإنسان وإلى تعزيز احترام حقوق الإنسان");
  EXPECT_EQ(text[snippet.window.end], ' ');
  EXPECT_EQ(text[snippet.window.start - 1], ' ');
}

TEST(BuildSnippetTest, RussianWindowOnWordsAndCharacters) {
  auto analyzer = NewAnalyzer(Language::kRussian);
  ASSERT_NE(analyzer, nullptr);
  // Written for this test (not UN text).
  const std::string text =
      "Каждый человек имеет право на образование, и образование должно быть бесплатным "
      "по меньшей мере в том, что касается начального и общего образования для всех.";
  const std::vector<SnippetMatch> matches =
      FindMatches(Analyze(*analyzer, text), QueryTerms(*analyzer, "бесплатное образование"));
  ASSERT_GE(matches.size(), 3u);
  const Snippet snippet = BuildSnippet(text, matches, 80);
  ExpectWellFormed(text, snippet);
  const std::vector<std::string> words = Highlighted(text, snippet);
  EXPECT_NE(std::find(words.begin(), words.end(), "бесплатным"), words.end());
  EXPECT_NE(std::find(words.begin(), words.end(), "образование"), words.end());
}

TEST(BuildSnippetTest, ChineseOverlappingBigramsMergeIntoOneHighlight) {
  auto analyzer = NewAnalyzer(Language::kChinese);
  ASSERT_NE(analyzer, nullptr);
  // Written for this test (not UN text).
  const std::string text = "人人都有受教育的权利，教育应当免费，至少在初级和基本阶段应如此。";
  const std::vector<SnippetMatch> matches =
      FindMatches(Analyze(*analyzer, text), QueryTerms(*analyzer, "教育的权利"));
  ASSERT_GE(matches.size(), 4u);  // Four overlapping bigrams, then 教育 again.
  const Snippet snippet = BuildSnippet(text, matches, 240);
  ExpectWellFormed(text, snippet);
  EXPECT_EQ(snippet.text, text);
  EXPECT_EQ(Highlighted(text, snippet), (std::vector<std::string>{"教育的权利", "教育"}));
  // A narrow window keeps the run and ends after punctuation when that is near.
  const Snippet narrow = BuildSnippet(text, matches, 36);
  ExpectWellFormed(text, narrow);
  EXPECT_EQ(Highlighted(text, narrow)[0], "教育的权利");
}

// Every UDHR article in every language, a query of two of its words: well-formed
// snippets that highlight them, in every script.
TEST(BuildSnippetTest, UdhrArticlesInSixLanguages) {
  HEXAGLOT_SHARED_DATA_OR_SKIP(path, "udhr/udhr_articles.jsonl");
  std::ifstream in(path);
  std::string line;
  int checked = 0;
  std::set<std::string> languages;
  while (std::getline(in, line)) {
    const nlohmann::json record = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(record.is_discarded());
    const std::string text = record.value("text", "");
    Result<Language> language = ParseLanguage(record.value("lang", ""));
    ASSERT_TRUE(language.ok());
    auto analyzer = NewAnalyzer(*language);
    ASSERT_NE(analyzer, nullptr);
    const std::vector<Token> tokens = Analyze(*analyzer, text);
    std::vector<Token> stems = tokens;
    std::erase_if(stems, [](const Token& t) { return t.term.starts_with(kExactFormMarker); });
    if (stems.size() < 4) continue;
    const std::vector<std::string> terms = {stems[stems.size() / 2].term, stems.back().term};
    const std::vector<SnippetMatch> matches = FindMatches(tokens, terms);
    for (std::size_t window : {40, 120, 240}) {
      const Snippet snippet = BuildSnippet(text, matches, window);
      SCOPED_TRACE(record.value("id", "") + " window " + std::to_string(window));
      ExpectWellFormed(text, snippet);
      EXPECT_FALSE(snippet.highlights.empty());
    }
    languages.insert(std::string(LanguageCode(*language)));
    ++checked;
  }
  EXPECT_EQ(languages.size(), 6u);
  EXPECT_GT(checked, 150);
}

// Random text of several scripts and random matches: the invariants hold, and no window
// of at most `window` bytes holds more distinct terms than the chosen one.
TEST(BuildSnippetPropertyTest, RandomTextAndMatches) {
  constexpr std::array<std::string_view, 26> kPieces = {
      "a", "bc", "def", " ",  " ",  ", ", ". ", "é",  "ß",  "ж", "щи", "ل",  "سلام",
      "،", "人", "权",  "。", "，", "😀",  "　", "\n", "ab", "x", "y",  "𠀀", "ﻻ"};
  std::mt19937 rng(20261129);
  for (int iteration = 0; iteration < 3000; ++iteration) {
    std::string text;
    std::vector<std::size_t> boundaries = {0};
    const int pieces = std::uniform_int_distribution<int>(0, 80)(rng);
    for (int i = 0; i < pieces; ++i) {
      const std::string_view piece = kPieces[rng() % kPieces.size()];
      std::size_t pos = 0;
      while (pos < piece.size()) {  // Every character boundary.
        utf8::Next(piece, &pos);
        boundaries.push_back(text.size() + pos);
      }
      text += piece;
    }
    // Matches between random boundaries, sorted by start, some overlapping.
    std::vector<SnippetMatch> matches;
    const int count = boundaries.size() < 2 ? 0 : std::uniform_int_distribution<int>(0, 12)(rng);
    for (int i = 0; i < count; ++i) {
      std::size_t a = rng() % boundaries.size();
      std::size_t b = rng() % boundaries.size();
      if (a == b) continue;
      if (a > b) std::swap(a, b);
      b = std::min(b, a + 1 + rng() % 3);
      matches.push_back(
          {{static_cast<std::uint32_t>(boundaries[a]), static_cast<std::uint32_t>(boundaries[b])},
           static_cast<std::uint32_t>(rng() % 4)});
    }
    std::sort(matches.begin(), matches.end(), [](const SnippetMatch& x, const SnippetMatch& y) {
      return x.span.start < y.span.start;
    });
    const std::size_t window = 1 + rng() % 60;
    const Snippet snippet = BuildSnippet(text, matches, window);
    SCOPED_TRACE("iteration " + std::to_string(iteration));
    ExpectWellFormed(text, snippet);
    if (text.size() <= window) {
      EXPECT_EQ(snippet.text, text);
      continue;
    }
    std::size_t longest = 4;  // The widest character.
    for (const SnippetMatch& match : matches) {
      longest = std::max<std::size_t>(longest, match.span.end - match.span.start);
    }
    EXPECT_LE(snippet.window.end - snippet.window.start, std::max(window, longest));
    // Distinct terms inside the chosen window, against the best run that fits.
    std::set<std::uint32_t> shown;
    for (const SnippetMatch& match : matches) {
      if (match.span.start >= snippet.window.start && match.span.end <= snippet.window.end) {
        shown.insert(match.term);
      }
    }
    std::size_t best = 0;
    for (std::size_t i = 0; i < matches.size(); ++i) {
      std::set<std::uint32_t> run;
      for (std::size_t j = i; j < matches.size(); ++j) {
        if (j > i && matches[j].span.end - matches[i].span.start > window) continue;
        run.insert(matches[j].term);
      }
      best = std::max(best, run.size());
    }
    EXPECT_GE(shown.size(), best);
  }
}

}  // namespace
}  // namespace hexaglot::query
