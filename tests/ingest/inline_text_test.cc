#include "ingest/inline_text.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace hexaglot::ingest {
namespace {

TEST(InlineTextTest, SplitsLinesAtEveryLineEnd) {
  EXPECT_EQ(SplitLines("a\nb\r\nc\rd\n"), (std::vector<std::string_view>{"a", "b", "c", "d"}));
  EXPECT_EQ(SplitLines("a\n\nb"), (std::vector<std::string_view>{"a", "", "b"}));
  EXPECT_TRUE(SplitLines("").empty());
  EXPECT_EQ(SplitLines("a\r"), (std::vector<std::string_view>{"a"}));
  EXPECT_EQ(SplitLines("\r\n\r\n"), (std::vector<std::string_view>{"", ""}));
  EXPECT_EQ(SplitLines("\n\r"), (std::vector<std::string_view>{"", ""}));
  EXPECT_EQ(SplitLines("x\ry\nz\r\r\nw"), (std::vector<std::string_view>{"x", "y", "z", "", "w"}));
  EXPECT_EQ(SplitLines("no line end"), (std::vector<std::string_view>{"no line end"}));
}

TEST(InlineTextTest, CleanInlineRemovesEmphasisAndCollapsesSpace) {
  EXPECT_EQ(CleanInline("  **Key topics**  "), "Key topics");
  EXPECT_EQ(CleanInline("_Smuggling_ by\tsea,\u00A0a\u3000b"), "Smuggling by sea, a b");
  EXPECT_EQ(CleanInline("snake_case stays"), "snake_case stays");
  EXPECT_EQ(CleanInline("\u200F(A/1)\u200F \xEF\xBB\xBFx\u00ADy"), "(A/1) xy");
}

TEST(InlineTextTest, NormalizeSpaceKeepsAsterisks) {
  EXPECT_EQ(NormalizeSpace(" a *b*\n c "), "a *b* c");
}

TEST(InlineTextTest, NormalizeSpaceFastPathAgreesWithTheFullRules) {
  // Printable ASCII with single inner spaces is kept; anything else takes the full rules.
  EXPECT_EQ(NormalizeSpace("Already normal, (a) text_1 ~!"), "Already normal, (a) text_1 ~!");
  EXPECT_EQ(NormalizeSpace("a  b"), "a b");
  EXPECT_EQ(NormalizeSpace("a\tb"), "a b");
  EXPECT_EQ(NormalizeSpace("a b "), "a b");
  EXPECT_EQ(NormalizeSpace("x\u200By z"), "xy z");
  EXPECT_EQ(NormalizeSpace(""), "");
}

TEST(InlineTextTest, NormalizeSpaceFastPathAgreesWithTheFullRulesBeyondAscii) {
  // Non-ASCII text without Unicode white space or invisible characters is kept as it is.
  EXPECT_EQ(NormalizeSpace("D\u00E9j\u00E0 vu, \u4E2D\u6587 \u043C\u0438\u0440 \U0001F600"),
            "D\u00E9j\u00E0 vu, \u4E2D\u6587 \u043C\u0438\u0440 \U0001F600");
  EXPECT_EQ(NormalizeSpace("\u00E9\u00A0b"), "\u00E9 b");
  EXPECT_EQ(NormalizeSpace("\u4E2D\u3000\u3000\u6587"), "\u4E2D \u6587");
  EXPECT_EQ(NormalizeSpace("\u0645\u200F(A/1)"), "\u0645(A/1)");
  EXPECT_EQ(NormalizeSpace("x\u00ADy \u00E9"), "xy \u00E9");
  EXPECT_EQ(NormalizeSpace("\u00E9\u2028"), "\u00E9");
  EXPECT_EQ(NormalizeSpace("\u00E9 \t\u00E9"), "\u00E9 \u00E9");
}

// In place, as NormalizeSpace: the same text for every rule (invalid UTF-8 included).
TEST(InlineTextTest, NormalizeSpaceInPlaceAgreesWithNormalizeSpace) {
  for (const std::string text : {"Already normal", "a  b", " a *b*\n c ", "x\u200By z", "", " ",
                                 "\u4E2D\u3000\u3000\u6587", "\u00E9 \t\u00E9", "\u0645\u200F(A/1)",
                                 "a\xC3 b  c", "\u00E9\u2028", "  \u00A0lead and trail\t "}) {
    std::string in_place = text;
    NormalizeSpaceInPlace(&in_place);
    EXPECT_EQ(in_place, NormalizeSpace(text)) << text;
  }
}

TEST(InlineTextTest, NormalizeSpaceFastPathChecksEveryByteOfLongText) {
  // The scan takes 8 bytes at a time: a break anywhere in or between them is found.
  const std::string plain = "0123456789 abcdefghij klmnopqrstuv";
  EXPECT_EQ(NormalizeSpace(plain), plain);
  for (std::size_t at = 1; at + 1 < plain.size(); ++at) {
    std::string doubled = plain;
    doubled.insert(at, " ");
    if (plain[at] == ' ' || plain[at - 1] == ' ') {
      EXPECT_EQ(NormalizeSpace(doubled), plain) << at;
    }
    std::string tab = plain;
    tab[at] = '\t';
    std::string expected = plain;
    expected[at] = ' ';
    if (plain[at - 1] != ' ' && plain[at + 1] != ' ') {
      EXPECT_EQ(NormalizeSpace(tab), expected) << at;
    }
    std::string control = plain;
    control[at] = '\x01';
    EXPECT_EQ(NormalizeSpace(control), control) << at;
    std::string nbsp = plain;
    nbsp.replace(at, 1, "\u00A0");
    if (plain[at - 1] != ' ' && plain[at + 1] != ' ') {
      EXPECT_EQ(NormalizeSpace(nbsp), expected) << at;
    }
    std::string soft_hyphen = plain;
    soft_hyphen.insert(at, "\u00AD");
    EXPECT_EQ(NormalizeSpace(soft_hyphen), plain) << at;
  }
  EXPECT_EQ(NormalizeSpace("0123456  89abcdef"), "0123456 89abcdef");
  EXPECT_EQ(NormalizeSpace("01234567\x7F"
                           "9abcdef"),
            "01234567\x7F"
            "9abcdef");
}

TEST(InlineTextTest, BlankLinesMayHoldInvisibleCharacters) {
  EXPECT_TRUE(IsBlank(" \t\u00A0\u200F"));
  EXPECT_FALSE(IsBlank(" x "));
}

TEST(InlineTextTest, JoinsWithASpaceExceptBetweenCjkCharacters) {
  std::string text = "needs of";
  AppendJoined(&text, "children.");
  EXPECT_EQ(text, "needs of children.");
  std::string chinese = "独自旅行";
  AppendJoined(&chinese, "的儿童。");
  EXPECT_EQ(chinese, "独自旅行的儿童。");
  std::string empty;
  AppendJoined(&empty, "x");
  EXPECT_EQ(empty, "x");
}

TEST(InlineTextTest, SentenceEndsInEveryScript) {
  EXPECT_TRUE(EndsSentence("It ends."));
  EXPECT_TRUE(EndsSentence("(CTOC/COP/WG.7/2013/3)."));
  EXPECT_TRUE(EndsSentence("“quoted.”"));
  EXPECT_TRUE(EndsSentence("结束。"));
  EXPECT_TRUE(EndsSentence("سؤال؟"));
  EXPECT_FALSE(EndsSentence("the offence"));
  EXPECT_FALSE(EndsSentence("include:"));
  EXPECT_FALSE(EndsSentence(""));
}

TEST(InlineTextTest, LowercaseStartLooksAtTheFirstLetter) {
  EXPECT_TRUE(StartsLowercase("on smuggling"));
  EXPECT_TRUE(StartsLowercase("(e) fatalities"));
  EXPECT_FALSE(StartsLowercase("On smuggling"));
  EXPECT_FALSE(StartsLowercase("的儿童"));
  EXPECT_FALSE(StartsLowercase("123"));
}

TEST(InlineTextTest, DigitsOfEveryScript) {
  EXPECT_EQ(DigitValue(U'7'), 7);
  EXPECT_EQ(DigitValue(U'\u0667'), 7);  // Arabic-Indic.
  EXPECT_EQ(DigitValue(U'\u06F7'), 7);  // Eastern Arabic-Indic.
  EXPECT_EQ(DigitValue(U'\uFF17'), 7);  // Full-width.
  EXPECT_EQ(DigitValue(U'a'), -1);
  EXPECT_EQ(DigitValue(U'\u4E03'), -1);  // 七 is a numeral, not a decimal digit.
}

TEST(InlineTextTest, MatchKeyFoldsCaseDiacriticsAlefAndDigits) {
  EXPECT_EQ(MatchKey("**KEY  Topics**"), "key topics");
  EXPECT_EQ(MatchKey("أوَّلاً"), "اولا");
  EXPECT_EQ(MatchKey("عام ٢٠١٦"), "عام 2016");
  EXPECT_EQ(MatchKey("ЧЕТВЕРТОГО"), "четвертого");
}

}  // namespace
}  // namespace hexaglot::ingest
