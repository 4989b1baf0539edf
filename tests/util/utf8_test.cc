#include "util/utf8.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace hexaglot::utf8 {
namespace {

TEST(Utf8Test, AcceptsEveryScript) {
  EXPECT_FALSE(FindInvalid("").has_value());
  EXPECT_FALSE(FindInvalid("plain ASCII text, long enough for the 8-byte path").has_value());
  EXPECT_FALSE(FindInvalid("الحق في الحياة").has_value());
  EXPECT_FALSE(FindInvalid("人人生而自由").has_value());
  EXPECT_FALSE(FindInvalid("Все люди рождаются свободными").has_value());
  EXPECT_FALSE(FindInvalid("\xF0\x9F\x98\x80 emoji").has_value());
  EXPECT_FALSE(FindInvalid("\xF4\x8F\xBF\xBF").has_value());  // U+10FFFF
}

TEST(Utf8Test, ReportsOffsetOfFirstBadByte) {
  EXPECT_EQ(FindInvalid("abc\xFF"), 3U);
  EXPECT_EQ(FindInvalid("\x80"), 0U);                      // Lone continuation byte.
  EXPECT_EQ(FindInvalid("ab\xC0\xAF"), 2U);                // Overlong '/'.
  EXPECT_EQ(FindInvalid("\xE0\x80\xAF"), 0U);              // Overlong 3-byte.
  EXPECT_EQ(FindInvalid("x\xED\xA0\x80"), 1U);             // Surrogate U+D800.
  EXPECT_EQ(FindInvalid("\xF4\x90\x80\x80"), 0U);          // Above U+10FFFF.
  EXPECT_EQ(FindInvalid("0123456789\xE4\xBA"), 10U);       // Truncated at the end.
  EXPECT_EQ(FindInvalid("\xE4\xBA\xBA\xE4\x41\xBA"), 3U);  // Bad continuation.
}

// The ASCII fast paths take 32 and 8 bytes at a time: a bad byte or a multi-byte
// character at every offset around their ends is still found, or accepted, exactly.
TEST(Utf8Test, FastPathsFindEveryOffset) {
  for (std::size_t at = 0; at < 80; ++at) {
    std::string text(80, 'a');
    text[at] = '\xFF';
    EXPECT_EQ(FindInvalid(text), at) << at;
    text[at] = '\x80';
    EXPECT_EQ(FindInvalid(text), at) << at;
    std::string valid(80, 'b');
    valid.replace(at, 1, "\xC3\xA9");  // U+00E9
    EXPECT_FALSE(FindInvalid(valid).has_value()) << at;
    valid[at + 1] = 'x';  // A lead byte without its continuation.
    EXPECT_EQ(FindInvalid(valid), at) << at;
  }
}

TEST(Utf8Test, ValidateNamesTheOffset) {
  Status status = Validate("hello\xC3(");
  ASSERT_TRUE(status.IsInvalidArgument());
  EXPECT_EQ(status.message(), "invalid UTF-8 at byte offset 5");
  EXPECT_TRUE(Validate("ok").ok());
}

TEST(Utf8Test, DecodeAndEncodeRoundTripAllPlanes) {
  for (char32_t cp :
       {U'\0', U'A', U'\u00E9', U'\u0627', U'\u4EBA', U'\uFFFD', U'\U0001F600', U'\U0010FFFF'}) {
    std::string encoded;
    Append(cp, &encoded);
    ASSERT_FALSE(FindInvalid(encoded).has_value());
    EXPECT_EQ(SequenceLength(static_cast<unsigned char>(encoded[0])), encoded.size());
    std::size_t pos = 0;
    EXPECT_EQ(Next(encoded, &pos), cp);
    EXPECT_EQ(pos, encoded.size());
  }
}

TEST(Utf8Test, AgreesWithDecoderOnRandomBytes) {
  // Whatever FindInvalid accepts must decode to scalar values and re-encode to the same
  // bytes; that pins the validator to the encoder's definition of well-formed.
  std::mt19937 rng(12345);
  for (int round = 0; round < 20000; ++round) {
    std::string bytes(rng() % 12, '\0');
    for (char& c : bytes) c = static_cast<char>(rng() % 4 == 0 ? rng() % 128 : 0x80 + rng() % 128);
    if (FindInvalid(bytes).has_value()) continue;
    std::string reencoded;
    for (std::size_t pos = 0; pos < bytes.size();) {
      const char32_t cp = Next(bytes, &pos);
      ASSERT_TRUE(cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF));
      Append(cp, &reencoded);
    }
    EXPECT_EQ(reencoded, bytes);
  }
}

}  // namespace
}  // namespace hexaglot::utf8
