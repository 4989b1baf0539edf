#include "util/checksum.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace hexaglot {
namespace {

// The xorshift buffer and expected XXH3_64bits values of LLVM's
// unittests/Support/xxhashTest.cpp, themselves produced by the reference xxHash. The
// lengths cover each of XXH3's code paths (0, 1-3, 4-8, 9-16, 17-128, 129-240, > 240 bytes
// and the stripe and block boundaries).
std::string ReferenceBuffer() {
  std::string buffer(2243, '\0');
  std::uint64_t x = 1;
  for (char& c : buffer) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    c = static_cast<char>(static_cast<std::uint8_t>(x));
  }
  return buffer;
}

struct Vector {
  std::size_t length;
  std::uint64_t xxh3;
};

constexpr Vector kVectors[] = {
    {0, 0x2d06800538d394c2},    {1, 0xd0d496e05c553485},    {2, 0x84d625edb7055eac},
    {3, 0x6ea2d59aca5c3778},    {4, 0xbf65290914e80242},    {8, 0xabc1413da6cd0209},
    {9, 0x8bc89400bfed51f6},    {16, 0x7e46916754d7c9b8},   {17, 0xed4be912ba5f836d},
    {128, 0x06a146ee9a2da378},  {129, 0xbc7138129bf065da},  {403, 0xcefeb3ffa532ad8c},
    {512, 0xcdfa6b6268e3650f},  {513, 0x4bb5d42742f9765f},  {2048, 0x330ce110cbb79eae},
    {2049, 0x3ba6afa0249fef9a}, {2240, 0xd61d4d2a94e926a8}, {2243, 0x0979f786a24edde7},
};

TEST(ChecksumTest, MatchesReferenceXxh3Vectors) {
  const std::string buffer = ReferenceBuffer();
  for (const Vector& v : kVectors) {
    EXPECT_EQ(Checksum64(std::string_view(buffer).substr(0, v.length)), v.xxh3)
        << "length " << v.length;
  }
  EXPECT_EQ(Checksum64("a"), 0xE6C632B61E964E1FULL);
  EXPECT_EQ(Checksum64("abc"), 0x78AF5F94892F3950ULL);
}

TEST(ChecksumTest, BuilderEqualsOneShotWhateverTheSplit) {
  const std::string buffer = ReferenceBuffer();
  for (std::size_t split : {0UL, 1UL, 63UL, 64UL, 1000UL, 2243UL}) {
    Checksum64Builder builder;
    builder.Update(std::string_view(buffer).substr(0, split));
    builder.Update(std::string_view(buffer).substr(split));
    EXPECT_EQ(builder.Digest(), 0x0979f786a24edde7ULL) << "split at " << split;
  }
}

TEST(ChecksumTest, BuilderDigestsIncrementallyAndResets) {
  Checksum64Builder builder;
  EXPECT_EQ(builder.Digest(), 0x2d06800538d394c2ULL);
  builder.Update("a");
  EXPECT_EQ(builder.Digest(), 0xE6C632B61E964E1FULL);
  builder.Update("bc");
  EXPECT_EQ(builder.Digest(), 0x78AF5F94892F3950ULL);
  builder.Reset();
  EXPECT_EQ(builder.Digest(), 0x2d06800538d394c2ULL);
}

TEST(ChecksumTest, OneFlippedBitChangesTheChecksum) {
  std::string buffer = ReferenceBuffer();
  const std::uint64_t original = Checksum64(buffer);
  for (std::size_t byte : {0UL, 1000UL, 2242UL}) {
    buffer[byte] = static_cast<char>(buffer[byte] ^ 0x10);
    EXPECT_NE(Checksum64(buffer), original) << byte;
    buffer[byte] = static_cast<char>(buffer[byte] ^ 0x10);
  }
  EXPECT_EQ(Checksum64(buffer), original);
}

}  // namespace
}  // namespace hexaglot
