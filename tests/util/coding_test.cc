#include "util/coding.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace hexaglot {
namespace {

using std::string_literals::operator""s;

TEST(FixedTest, WritesLittleEndianBytes) {
  std::string s;
  PutFixed32(&s, 0x04030201);
  PutFixed64(&s, 0x0807060504030201ULL);
  EXPECT_EQ(s, "\x01\x02\x03\x04\x01\x02\x03\x04\x05\x06\x07\x08"s);
  EXPECT_EQ(DecodeFixed32(s.data()), 0x04030201U);
  EXPECT_EQ(DecodeFixed64(s.data() + 4), 0x0807060504030201ULL);
}

TEST(FixedTest, RoundTripsBoundaryValues) {
  const std::uint64_t values[] = {
      0, 1, 0xFF, 0x100, 0xFFFFFFFF, 0x100000000ULL, std::numeric_limits<std::uint64_t>::max()};
  std::string s;
  for (std::uint64_t v : values) {
    PutFixed32(&s, static_cast<std::uint32_t>(v));
    PutFixed64(&s, v);
  }
  std::string_view in = s;
  for (std::uint64_t v : values) {
    std::uint32_t v32;
    std::uint64_t v64;
    ASSERT_TRUE(GetFixed32(&in, &v32));
    ASSERT_TRUE(GetFixed64(&in, &v64));
    EXPECT_EQ(v32, static_cast<std::uint32_t>(v));
    EXPECT_EQ(v64, v);
  }
  EXPECT_TRUE(in.empty());
}

TEST(FixedTest, TruncatedInputFailsAndConsumesNothing) {
  const std::string s = "\x01\x02\x03"s;
  std::string_view in = s;
  std::uint32_t v32 = 7;
  EXPECT_FALSE(GetFixed32(&in, &v32));
  EXPECT_EQ(in.size(), 3U);
  EXPECT_EQ(v32, 7U);
  std::string_view in64 = "1234567";
  std::uint64_t v64;
  EXPECT_FALSE(GetFixed64(&in64, &v64));
  EXPECT_EQ(in64.size(), 7U);
}

TEST(VarintTest, EncodesKnownBytes) {
  std::string s;
  PutVarint32(&s, 0);
  PutVarint32(&s, 127);
  PutVarint32(&s, 128);
  PutVarint32(&s, 300);
  PutVarint32(&s, 0xFFFFFFFF);
  EXPECT_EQ(s, "\x00\x7F\x80\x01\xAC\x02\xFF\xFF\xFF\xFF\x0F"s);
  std::string s64;
  PutVarint64(&s64, std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(s64, "\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x01"s);
}

TEST(VarintTest, RoundTripsBoundaryValues) {
  std::vector<std::uint64_t> values;
  for (int bits = 0; bits <= 64; ++bits) {
    const std::uint64_t power = bits == 64 ? 0 : std::uint64_t{1} << bits;
    values.push_back(power - 1);  // All ones below `bits` (wraps to max for 64).
    if (bits < 64) values.push_back(power);
  }
  std::string s32;
  std::string s64;
  for (std::uint64_t v : values) {
    PutVarint64(&s64, v);
    if (v <= 0xFFFFFFFF) PutVarint32(&s32, static_cast<std::uint32_t>(v));
    EXPECT_EQ(VarintLength(v), [&] {
      std::string one;
      PutVarint64(&one, v);
      return static_cast<int>(one.size());
    }()) << v;
  }
  std::string_view in32 = s32;
  std::string_view in64 = s64;
  for (std::uint64_t v : values) {
    std::uint64_t got64;
    ASSERT_TRUE(GetVarint64(&in64, &got64)) << v;
    EXPECT_EQ(got64, v);
    if (v <= 0xFFFFFFFF) {
      std::uint32_t got32;
      ASSERT_TRUE(GetVarint32(&in32, &got32)) << v;
      EXPECT_EQ(got32, v);
    }
  }
  EXPECT_TRUE(in32.empty());
  EXPECT_TRUE(in64.empty());
}

TEST(VarintTest, RoundTripsRandomValues) {
  std::mt19937_64 rng(42);
  std::vector<std::uint64_t> values(10000);
  for (auto& v : values) v = rng() >> (rng() % 64);
  std::string s;
  for (std::uint64_t v : values) PutVarint64(&s, v);
  std::string_view in = s;
  for (std::uint64_t v : values) {
    std::uint64_t got;
    ASSERT_TRUE(GetVarint64(&in, &got));
    ASSERT_EQ(got, v);
  }
  EXPECT_TRUE(in.empty());
}

TEST(VarintTest, EncodeWritesAtMostMaxLength) {
  char buf[kMaxVarint64Length + 1];
  EXPECT_EQ(EncodeVarint32(buf, 0xFFFFFFFF) - buf, static_cast<long>(kMaxVarint32Length));
  EXPECT_EQ(EncodeVarint64(buf, ~std::uint64_t{0}) - buf, static_cast<long>(kMaxVarint64Length));
  EXPECT_EQ(EncodeVarint32(buf, 5) - buf, 1);
}

TEST(VarintTest, EveryTruncationFailsAndConsumesNothing) {
  std::string s;
  PutVarint64(&s, std::numeric_limits<std::uint64_t>::max());
  for (std::size_t n = 0; n < s.size(); ++n) {
    std::string_view in(s.data(), n);
    std::uint64_t v = 99;
    EXPECT_FALSE(GetVarint64(&in, &v)) << n;
    EXPECT_EQ(in.size(), n);
    EXPECT_EQ(v, 99U);
  }
  std::string s32;
  PutVarint32(&s32, 0xFFFFFFFF);
  for (std::size_t n = 0; n < s32.size(); ++n) {
    std::string_view in(s32.data(), n);
    std::uint32_t v;
    EXPECT_FALSE(GetVarint32(&in, &v)) << n;
  }
}

TEST(VarintTest, RejectsOverlongAndOutOfRangeEncodings) {
  const std::string bad32[] = {
      "\x80\x00"s,                  // Zero in two bytes: not minimal.
      "\xFF\x80\x00"s,              // 127 padded.
      "\xFF\xFF\xFF\xFF\x1F"s,      // 2^33 - 1: a 33rd bit.
      "\xFF\xFF\xFF\xFF\x10"s,      // Only bit 32 set.
      "\x80\x80\x80\x80\x80\x00"s,  // Six bytes.
  };
  for (const std::string& s : bad32) {
    std::string_view in = s;
    std::uint32_t v;
    EXPECT_FALSE(GetVarint32(&in, &v)) << testing::PrintToString(s);
    EXPECT_EQ(in.size(), s.size());
  }
  const std::string bad64[] = {
      "\x80\x00"s,
      "\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x02"s,      // A 65th bit.
      "\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x81\x00"s,  // Eleven bytes.
  };
  for (const std::string& s : bad64) {
    std::string_view in = s;
    std::uint64_t v;
    EXPECT_FALSE(GetVarint64(&in, &v)) << testing::PrintToString(s);
  }
  // The largest values are fine, and bytes after a varint are left alone.
  std::string_view ok = "\xFF\xFF\xFF\xFF\x0F\x2A";
  std::uint32_t v;
  ASSERT_TRUE(GetVarint32(&ok, &v));
  EXPECT_EQ(v, 0xFFFFFFFFU);
  EXPECT_EQ(ok, "\x2A");
}

TEST(LengthPrefixedTest, RoundTripsAndRejectsShortPayload) {
  std::string s;
  PutLengthPrefixed(&s, "");
  PutLengthPrefixed(&s, "hexaglot");
  PutLengthPrefixed(&s, std::string(300, 'x'));
  std::string_view in = s;
  std::string_view got;
  ASSERT_TRUE(GetLengthPrefixed(&in, &got));
  EXPECT_EQ(got, "");
  ASSERT_TRUE(GetLengthPrefixed(&in, &got));
  EXPECT_EQ(got, "hexaglot");
  ASSERT_TRUE(GetLengthPrefixed(&in, &got));
  EXPECT_EQ(got, std::string(300, 'x'));
  EXPECT_TRUE(in.empty());

  std::string_view short_payload =
      "\x05"
      "abcd";
  EXPECT_FALSE(GetLengthPrefixed(&short_payload, &got));
  EXPECT_EQ(short_payload.size(), 5U);
}

TEST(ZigZagTest, MapsSmallMagnitudesToSmallValues) {
  EXPECT_EQ(ZigZagEncode32(0), 0U);
  EXPECT_EQ(ZigZagEncode32(-1), 1U);
  EXPECT_EQ(ZigZagEncode32(1), 2U);
  EXPECT_EQ(ZigZagEncode32(-2), 3U);
  EXPECT_EQ(ZigZagEncode32(std::numeric_limits<std::int32_t>::max()), 0xFFFFFFFEU);
  EXPECT_EQ(ZigZagEncode32(std::numeric_limits<std::int32_t>::min()), 0xFFFFFFFFU);
  EXPECT_EQ(ZigZagEncode64(std::numeric_limits<std::int64_t>::min()),
            std::numeric_limits<std::uint64_t>::max());
  const std::int64_t values[] = {0,
                                 1,
                                 -1,
                                 63,
                                 -64,
                                 1LL << 40,
                                 -(1LL << 40),
                                 std::numeric_limits<std::int64_t>::max(),
                                 std::numeric_limits<std::int64_t>::min()};
  for (std::int64_t v : values) {
    EXPECT_EQ(ZigZagDecode64(ZigZagEncode64(v)), v);
    const auto v32 = static_cast<std::int32_t>(v);
    EXPECT_EQ(ZigZagDecode32(ZigZagEncode32(v32)), v32);
  }
}

}  // namespace
}  // namespace hexaglot
