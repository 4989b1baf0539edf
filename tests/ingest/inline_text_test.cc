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
