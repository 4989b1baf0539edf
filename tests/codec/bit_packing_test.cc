#include "codec/bit_packing.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace hexaglot::codec {
namespace {

// The byte layout of CODECS.md ("Packed block") written the slow, obvious way, bit by bit:
// value i is lane i % 4, row i / 4; bit k of it is bit row * width + k of its lane's
// stream; word w of lane l is the little-endian 32-bit word at index 4 * w + l.
std::string ReferencePack(const std::vector<std::uint32_t>& values, int width) {
  std::string out(PackedBytes(width), '\0');
  for (std::size_t i = 0; i < kBlockSize; ++i) {
    const std::size_t lane = i % 4;
    const std::size_t row = i / 4;
    for (int k = 0; k < width; ++k) {
      if (((values[i] >> k) & 1) == 0) continue;
      const std::size_t bit = row * static_cast<std::size_t>(width) + static_cast<std::size_t>(k);
      const std::size_t word = bit / 32;
      const std::size_t byte = (word * 4 + lane) * 4 + (bit % 32) / 8;
      out[byte] = static_cast<char>(out[byte] | (1 << (bit % 8)));
    }
  }
  return out;
}

// kBlockSize random values below 2^width, with the largest one present so that the width
// is exactly `width`.
std::vector<std::uint32_t> RandomValues(int width, std::uint32_t seed) {
  std::mt19937 rng(seed);
  const std::uint32_t max = static_cast<std::uint32_t>((std::uint64_t{1} << width) - 1);
  std::vector<std::uint32_t> values(kBlockSize);
  for (auto& v : values) v = static_cast<std::uint32_t>(rng()) & max;
  values[rng() % kBlockSize] = max;
  return values;
}

class BitPackingTest : public testing::TestWithParam<int> {};

TEST_P(BitPackingTest, MatchesTheSpecifiedLayoutAndRoundTrips) {
  const int width = GetParam();
  for (std::uint32_t seed = 1; seed <= 20; ++seed) {
    const std::vector<std::uint32_t> values = RandomValues(width, seed);
    ASSERT_EQ(MaxBitWidth(values.data()), width);
    const std::string expected = ReferencePack(values, width);

    std::string packed(PackedBytes(width), '\x55');
    Pack128(values.data(), width, packed.data());
    ASSERT_EQ(packed, expected) << "seed " << seed;
    std::string scalar(PackedBytes(width), '\x55');
    internal::Pack128Scalar(values.data(), width, scalar.data());
    ASSERT_EQ(scalar, expected) << "seed " << seed;

    std::vector<std::uint32_t> out(kBlockSize, 0xDEADBEEF);
    Unpack128(packed.data(), width, out.data());
    EXPECT_EQ(out, values);
    std::vector<std::uint32_t> out_scalar(kBlockSize, 0xDEADBEEF);
    internal::Unpack128Scalar(packed.data(), width, out_scalar.data());
    EXPECT_EQ(out_scalar, values);
  }
}

TEST_P(BitPackingTest, DeltaUnpackIsThePrefixSumModulo2To32) {
  const int width = GetParam();
  for (std::uint32_t seed = 1; seed <= 20; ++seed) {
    const std::vector<std::uint32_t> gaps = RandomValues(width, seed);
    const std::uint32_t base = seed * 0x9E3779B9U;  // Sums wrap for wide gaps: still exact.
    std::vector<std::uint32_t> expected(kBlockSize);
    std::uint32_t sum = base;
    for (std::size_t i = 0; i < kBlockSize; ++i) expected[i] = sum += gaps[i];

    std::string packed(PackedBytes(width), '\0');
    Pack128(gaps.data(), width, packed.data());
    std::vector<std::uint32_t> out(kBlockSize);
    Unpack128Delta(packed.data(), width, base, out.data());
    EXPECT_EQ(out, expected) << "seed " << seed;
    std::vector<std::uint32_t> out_scalar(kBlockSize);
    internal::Unpack128DeltaScalar(packed.data(), width, base, out_scalar.data());
    EXPECT_EQ(out_scalar, expected) << "seed " << seed;
  }
}

TEST_P(BitPackingTest, PlusUnpackAddsTheAddendModulo2To32) {
  const int width = GetParam();
  for (const std::uint32_t addend : {0U, 1U, 0x9E3779B9U, 0xFFFFFFFFU}) {
    const std::vector<std::uint32_t> values = RandomValues(width, addend % 97 + 1);
    std::vector<std::uint32_t> expected(kBlockSize);
    for (std::size_t i = 0; i < kBlockSize; ++i) expected[i] = values[i] + addend;
    std::string packed(PackedBytes(width), '\0');
    Pack128(values.data(), width, packed.data());
    std::vector<std::uint32_t> out(kBlockSize, 0xDEADBEEF);
    Unpack128Plus(packed.data(), width, addend, out.data());
    EXPECT_EQ(out, expected) << "addend " << addend;
    std::vector<std::uint32_t> out_scalar(kBlockSize, 0xDEADBEEF);
    internal::Unpack128PlusScalar(packed.data(), width, addend, out_scalar.data());
    EXPECT_EQ(out_scalar, expected) << "addend " << addend;
  }
}

// Unpack128StrictDelta gives Unpack128Delta's values, and false exactly when a gap other
// than the first is zero: planted in every position, of every row and lane.
TEST_P(BitPackingTest, StrictDeltaUnpackFlagsAZeroGapAfterTheFirst) {
  const int width = GetParam();
  const std::uint32_t base = 1000;
  std::vector<std::uint32_t> gaps = RandomValues(width, 7);
  for (auto& gap : gaps) gap = gap == 0 ? 1 : gap;  // Width 0 stays all zero below.
  if (width == 0) gaps.assign(kBlockSize, 0);
  const auto check = [&](const std::vector<std::uint32_t>& block, bool strict, std::size_t at) {
    std::string packed(PackedBytes(width), '\0');
    Pack128(block.data(), width, packed.data());
    std::vector<std::uint32_t> expected(kBlockSize);
    Unpack128Delta(packed.data(), width, base, expected.data());
    std::vector<std::uint32_t> out(kBlockSize);
    EXPECT_EQ(Unpack128StrictDelta(packed.data(), width, base, out.data()), strict) << at;
    EXPECT_EQ(out, expected) << at;
    std::vector<std::uint32_t> out_scalar(kBlockSize);
    EXPECT_EQ(internal::Unpack128StrictDeltaScalar(packed.data(), width, base, out_scalar.data()),
              strict)
        << at;
    EXPECT_EQ(out_scalar, expected) << at;
  };
  check(gaps, width > 0, kBlockSize);
  if (width == 0) return;
  for (std::size_t at = 0; at < kBlockSize; ++at) {
    std::vector<std::uint32_t> planted = gaps;
    planted[at] = 0;
    // The first gap may be zero: the first value may equal the base.
    check(planted, at == 0, at);
  }
}

TEST_P(BitPackingTest, AllOnesAndAlternatingPatterns) {
  const int width = GetParam();
  const std::uint32_t max = static_cast<std::uint32_t>((std::uint64_t{1} << width) - 1);
  std::vector<std::uint32_t> values(kBlockSize);
  for (std::size_t i = 0; i < kBlockSize; ++i) values[i] = (i % 2 == 0) ? max : 0;
  std::string packed(PackedBytes(width), '\0');
  Pack128(values.data(), width, packed.data());
  EXPECT_EQ(packed, ReferencePack(values, width));
  std::vector<std::uint32_t> out(kBlockSize);
  Unpack128(packed.data(), width, out.data());
  EXPECT_EQ(out, values);
}

INSTANTIATE_TEST_SUITE_P(AllWidths, BitPackingTest, testing::Range(0, kMaxBitWidth + 1),
                         [](const testing::TestParamInfo<int>& param_info) {
                           return "Width" + std::to_string(param_info.param);
                         });

TEST(BitPackingLayoutTest, OneBitSetLandsInItsLaneWord) {
  // Value 5 = lane 1, row 1: at width 1 that is bit 1 of word 0 of lane 1, i.e. byte 4.
  std::vector<std::uint32_t> values(kBlockSize, 0);
  values[5] = 1;
  std::string packed(PackedBytes(1), '\0');
  Pack128(values.data(), 1, packed.data());
  std::string expected(16, '\0');
  expected[4] = 0x02;
  EXPECT_EQ(packed, expected);
}

TEST(BitPackingLayoutTest, Width32IsTheValuesAsLittleEndianWords) {
  std::vector<std::uint32_t> values(kBlockSize);
  for (std::size_t i = 0; i < kBlockSize; ++i)
    values[i] = static_cast<std::uint32_t>(i) * 0x01010101U;
  std::string packed(PackedBytes(32), '\0');
  Pack128(values.data(), 32, packed.data());
  for (std::size_t i = 0; i < kBlockSize; ++i) {
    EXPECT_EQ(static_cast<unsigned char>(packed[4 * i]), i) << i;
  }
}

TEST(MaxBitWidthTest, IsTheWidthOfTheLargestValue) {
  std::vector<std::uint32_t> values(kBlockSize, 0);
  EXPECT_EQ(MaxBitWidth(values.data()), 0);
  values[127] = 1;
  EXPECT_EQ(MaxBitWidth(values.data()), 1);
  values[0] = 0x80000000U;
  EXPECT_EQ(MaxBitWidth(values.data()), 32);
  values.assign(kBlockSize, 1000);
  EXPECT_EQ(MaxBitWidth(values.data()), 10);
}

}  // namespace
}  // namespace hexaglot::codec
