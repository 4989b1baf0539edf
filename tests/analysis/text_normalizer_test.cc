#include "analysis/text_normalizer.h"

#include <gtest/gtest.h>

#include <string>

namespace hexaglot::analysis {
namespace {

std::string Arabic(std::string text) {
  NormalizeArabic(&text);
  return text;
}

TEST(NormalizeArabicTest, RemovesTashkeelSuperscriptAlefAndTatweel) {
  // Fathatan..sukun U+064B..U+0652 on كتب, superscript alef U+0670, tatweel U+0640.
  EXPECT_EQ(Arabic("كً\u064Cت\u064D\u064E\u064F\u0650\u0651\u0652ب"), "كتب");
  EXPECT_EQ(Arabic("ه\u0670ذا"), "هذا");
  EXPECT_EQ(Arabic("كـــتاب"), "كتاب");
}

TEST(NormalizeArabicTest, FoldsLetterForms) {
  EXPECT_EQ(Arabic("آأإا"), "اااا");
  EXPECT_EQ(Arabic("على"), "علي");
  EXPECT_EQ(Arabic("مدرسة"), "مدرسه");
}

TEST(NormalizeArabicTest, LeavesOtherTextAlone) {
  EXPECT_EQ(Arabic("word 2018 слово 人权"), "word 2018 слово 人权");
  EXPECT_EQ(Arabic(""), "");
}

TEST(FoldApostrophesTest, ReplacesTypographicApostrophes) {
  std::string text = "people\u2019s \u2019tis x\u2019";
  FoldApostrophes(&text);
  EXPECT_EQ(text, "people's 'tis x'");
}

TEST(CaseFolderTest, FoldsAsciiAndUnicode) {
  Result<CaseFolder> folder = CaseFolder::Create();
  ASSERT_TRUE(folder.ok());
  std::string out;
  ASSERT_TRUE(folder->Fold("CTOC/Cop_9", &out).ok());
  EXPECT_EQ(out, "ctoc/cop_9");
  ASSERT_TRUE(folder->Fold("ÉTATS Straße ＡＢ ﬁ", &out).ok());
  EXPECT_EQ(out, "\u00e9tats strasse ab fi");
  ASSERT_TRUE(folder->Fold("ДОКУМЕНТ", &out).ok());
  EXPECT_EQ(out, "документ");
}

}  // namespace
}  // namespace hexaglot::analysis
