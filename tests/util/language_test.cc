#include "hexaglot/language.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace hexaglot {
namespace {

TEST(LanguageTest, CodesRoundTrip) {
  std::set<std::string_view> codes;
  for (Language language : AllLanguages()) {
    codes.insert(LanguageCode(language));
    Result<Language> parsed = ParseLanguage(LanguageCode(language));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, language);
  }
  EXPECT_EQ(codes, (std::set<std::string_view>{"ar", "zh", "en", "fr", "ru", "es"}));
}

TEST(LanguageTest, ParseIsCaseInsensitive) {
  EXPECT_EQ(*ParseLanguage("FR"), Language::kFrench);
  EXPECT_EQ(*ParseLanguage("Zh"), Language::kChinese);
}

TEST(LanguageTest, UnknownCodeListsTheValidOnes) {
  for (std::string_view bad : {"", "e", "eng", "de", "xx"}) {
    Result<Language> parsed = ParseLanguage(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_TRUE(parsed.status().IsInvalidArgument());
    EXPECT_NE(parsed.status().message().find("ar zh en fr ru es"), std::string::npos);
  }
}

TEST(LanguageTest, NamesAreEnglish) {
  EXPECT_EQ(LanguageName(Language::kArabic), "Arabic");
  EXPECT_EQ(LanguageName(Language::kRussian), "Russian");
}

}  // namespace
}  // namespace hexaglot
