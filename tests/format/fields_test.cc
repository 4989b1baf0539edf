#include "format/fields.h"

#include <gtest/gtest.h>

#include <string>

namespace hexaglot::format {
namespace {

TEST(FieldsTest, NamesRoundTrip) {
  for (int i = 0; i < kFieldCount; ++i) {
    const auto field = static_cast<FieldId>(i);
    EXPECT_EQ(FieldFromName(FieldName(field)), field);
  }
  EXPECT_EQ(FieldFromName("title"), std::nullopt);
  EXPECT_EQ(FieldName(FieldId::kSymbol), "symbol");
}

TEST(FieldsTest, KeysOfTwoLanguagesNeverCollide) {
  EXPECT_NE(TermKey(FieldId::kText, Language::kFrench, "droit"),
            TermKey(FieldId::kText, Language::kEnglish, "droit"));
  EXPECT_EQ(TermKey(FieldId::kText, Language::kFrench, "droit"), std::string("\x00\x03"
                                                                             "droit",
                                                                             7));
  EXPECT_EQ(TermKey(FieldId::kSymbol, std::nullopt, "A/1"), std::string("\x05\xFF"
                                                                        "A/1",
                                                                        5));
}

TEST(FieldsTest, KeysOfAFieldAreContiguous) {
  // Field first, then language: all of a field's keys sort between its first and the next
  // field's first key.
  const std::string low = TermKey(FieldId::kTheme, Language::kArabic, "");
  const std::string high = TermKey(FieldId::kTopic, Language::kArabic, "");
  for (Language language : AllLanguages()) {
    const std::string key = TermKey(FieldId::kTheme, language, "\xFF\xFF");
    EXPECT_LT(low, key);
    EXPECT_LT(key, high);
  }
}

TEST(FieldsTest, DecodesWhatItEncodes) {
  const std::string key = TermKey(FieldId::kText, Language::kChinese, "人权");
  auto decoded = DecodeTermKey(key);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->field, FieldId::kText);
  EXPECT_EQ(decoded->language, Language::kChinese);
  EXPECT_EQ(decoded->term, "人权");
  auto neutral = DecodeTermKey(TermKey(FieldId::kYear, std::nullopt, "2018"));
  ASSERT_TRUE(neutral.has_value());
  EXPECT_EQ(neutral->language, std::nullopt);
}

TEST(FieldsTest, RejectsMalformedKeys) {
  EXPECT_FALSE(DecodeTermKey("").has_value());
  EXPECT_FALSE(DecodeTermKey(std::string(1, '\0')).has_value());
  EXPECT_FALSE(DecodeTermKey(std::string("\x0C\x00x", 3)).has_value());  // Field 12.
  EXPECT_FALSE(DecodeTermKey(std::string("\x00\x06x", 3)).has_value());  // Language 6.
}

}  // namespace
}  // namespace hexaglot::format
