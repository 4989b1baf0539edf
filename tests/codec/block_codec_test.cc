#include "codec/block_codec.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <ostream>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hexaglot::codec {
namespace {

constexpr std::uint32_t kMax = std::numeric_limits<std::uint32_t>::max();

// The bytes in a heap allocation of exactly their size, so that the sanitizer build
// catches a decoder reading one byte too far (a std::string may have spare capacity).
class ExactBytes {
 public:
  // A vector built from a range allocates exactly its size.
  explicit ExactBytes(std::string_view bytes) : data_(bytes.begin(), bytes.end()) {}
  std::string_view view() const { return {data_.data(), data_.size()}; }

 private:
  std::vector<char> data_;
};

// Every codec of block_codec.h behind one interface, so that the same checks run over all
// of them. Plain codecs ignore `base`; block codecs take exactly kBlockSize values.
struct Codec {
  std::string name;
  bool delta;
  bool block_only;
  std::function<void(std::uint32_t base, std::span<const std::uint32_t>, std::string*)> encode;
  std::function<Status(std::string_view*, std::uint32_t base, std::span<std::uint32_t>)> decode;
};

// Names the codec in failure messages instead of dumping its bytes.
void PrintTo(const Codec& codec, std::ostream* os) { *os << codec.name; }

std::vector<Codec> AllCodecs() {
  return {
      {"Block", false, true,
       [](std::uint32_t, std::span<const std::uint32_t> v, std::string* out) {
         EncodeBlock(v.first<kBlockSize>(), out);
       },
       [](std::string_view* in, std::uint32_t, std::span<std::uint32_t> out) {
         return DecodeBlock(in, out.first<kBlockSize>());
       }},
      {"DeltaBlock", true, true,
       [](std::uint32_t base, std::span<const std::uint32_t> v, std::string* out) {
         EncodeDeltaBlock(base, v.first<kBlockSize>(), out);
       },
       [](std::string_view* in, std::uint32_t base, std::span<std::uint32_t> out) {
         return DecodeDeltaBlock(in, base, out.first<kBlockSize>());
       }},
      {"VarintTail", false, false,
       [](std::uint32_t, std::span<const std::uint32_t> v, std::string* out) {
         EncodeVarintTail(v, out);
       },
       [](std::string_view* in, std::uint32_t, std::span<std::uint32_t> out) {
         return DecodeVarintTail(in, out);
       }},
      {"DeltaVarintTail", true, false, EncodeDeltaVarintTail, DecodeDeltaVarintTail},
      {"Sequence", false, false,
       [](std::uint32_t, std::span<const std::uint32_t> v, std::string* out) {
         EncodeSequence(v, out);
       },
       [](std::string_view* in, std::uint32_t, std::span<std::uint32_t> out) {
         return DecodeSequence(in, out);
       }},
      {"DeltaSequence", true, false, EncodeDeltaSequence, DecodeDeltaSequence},
  };
}

// Value patterns. Plain codecs get them as they are; delta codecs get them as d-gaps
// (turned into non-decreasing values from the base), kept small enough not to overflow.
enum class Pattern { kRandom32, kRandomSmall, kZeros, kMaxValue, kOnes, kMixedWidths };

std::vector<std::uint32_t> MakeValues(Pattern pattern, std::size_t n, bool delta,
                                      std::uint32_t base, std::uint32_t seed) {
  std::mt19937 rng(seed);
  // Delta codecs must stay below 2^32 in total: spread what is left over the values.
  const std::uint32_t gap_limit = n == 0 ? 0 : static_cast<std::uint32_t>((kMax - base) / n);
  std::vector<std::uint32_t> v(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::uint32_t x = 0;
    switch (pattern) {
      case Pattern::kRandom32:
        x = static_cast<std::uint32_t>(rng());
        break;
      case Pattern::kRandomSmall:
        x = static_cast<std::uint32_t>(rng()) % 50;
        break;
      case Pattern::kZeros:
        x = 0;
        break;
      case Pattern::kMaxValue:
        x = kMax;
        break;
      case Pattern::kOnes:
        x = 1;
        break;
      case Pattern::kMixedWidths:
        x = static_cast<std::uint32_t>(rng()) >> (rng() % 32);
        break;
    }
    v[i] = delta ? std::min(x, gap_limit) : x;
  }
  if (delta) {
    std::uint32_t sum = base;
    for (auto& x : v) x = sum += x;
  }
  return v;
}

std::string PatternName(Pattern p) {
  switch (p) {
    case Pattern::kRandom32:
      return "Random32";
    case Pattern::kRandomSmall:
      return "RandomSmall";
    case Pattern::kZeros:
      return "Zeros";
    case Pattern::kMaxValue:
      return "MaxValue";
    case Pattern::kOnes:
      return "Ones";
    case Pattern::kMixedWidths:
      return "MixedWidths";
  }
  return "?";
}

constexpr Pattern kPatterns[] = {Pattern::kRandom32, Pattern::kRandomSmall, Pattern::kZeros,
                                 Pattern::kMaxValue, Pattern::kOnes,        Pattern::kMixedWidths};

// Lengths at and around the block boundaries, and some random ones (seeded).
std::vector<std::size_t> Lengths(const Codec& codec) {
  if (codec.block_only) return {kBlockSize};
  std::vector<std::size_t> lengths = {0, 1, 2, 127, 128, 129, 255, 256, 257, 1000};
  std::mt19937 rng(7);
  for (int i = 0; i < 5; ++i) lengths.push_back(rng() % 2000);
  return lengths;
}

class CodecTest : public testing::TestWithParam<Codec> {};

TEST_P(CodecTest, RoundTripsEveryPatternAndLength) {
  const Codec& codec = GetParam();
  for (std::size_t n : Lengths(codec)) {
    for (Pattern pattern : kPatterns) {
      for (std::uint32_t base : {0U, 1000U}) {
        SCOPED_TRACE(PatternName(pattern) + ", n=" + std::to_string(n) +
                     ", base=" + std::to_string(base));
        const std::vector<std::uint32_t> values = MakeValues(pattern, n, codec.delta, base, 11);
        std::string encoded = "prefix";
        codec.encode(base, values, &encoded);
        encoded += "suffix";
        const ExactBytes bytes(encoded);
        std::string_view in = bytes.view().substr(6);
        std::vector<std::uint32_t> out(n, 0xDEADBEEF);
        const Status status = codec.decode(&in, base, out);
        ASSERT_TRUE(status.ok()) << status.ToString();
        EXPECT_EQ(out, values);
        EXPECT_EQ(in, "suffix");  // Consumed exactly the encoding.
      }
    }
  }
}

TEST_P(CodecTest, EveryTruncationIsCorruptionAndConsumesNothing) {
  const Codec& codec = GetParam();
  for (std::size_t n : {std::size_t{1}, kBlockSize, kBlockSize + 3}) {
    if (codec.block_only && n != kBlockSize) continue;
    for (Pattern pattern : {Pattern::kMixedWidths, Pattern::kOnes, Pattern::kZeros}) {
      const std::vector<std::uint32_t> values = MakeValues(pattern, n, codec.delta, 5, 3);
      std::string encoded;
      codec.encode(5, values, &encoded);
      for (std::size_t cut = 0; cut < encoded.size(); ++cut) {
        const ExactBytes bytes(std::string_view(encoded).substr(0, cut));
        std::string_view in = bytes.view();
        std::vector<std::uint32_t> out(n);
        const Status status = codec.decode(&in, 5, out);
        ASSERT_TRUE(status.IsCorruption())
            << PatternName(pattern) << " n=" << n << " cut at " << cut << ": " << status.ToString();
        EXPECT_EQ(in.size(), cut);
      }
    }
  }
}

TEST_P(CodecTest, RandomByteFlipsNeverCrash) {
  const Codec& codec = GetParam();
  const std::size_t n = codec.block_only ? kBlockSize : 300;
  const std::vector<std::uint32_t> values = MakeValues(Pattern::kMixedWidths, n, codec.delta, 0, 5);
  std::string encoded;
  codec.encode(0, values, &encoded);
  std::mt19937 rng(99);
  int errors = 0;
  for (int trial = 0; trial < 2000; ++trial) {
    std::string corrupt = encoded;
    const int flips = 1 + static_cast<int>(rng() % 3);
    for (int f = 0; f < flips; ++f) {
      corrupt[rng() % corrupt.size()] = static_cast<char>(rng());
    }
    const ExactBytes bytes(corrupt);
    std::string_view in = bytes.view();
    std::vector<std::uint32_t> out(n);
    const Status status = codec.decode(&in, 0, out);
    if (!status.ok()) {
      EXPECT_TRUE(status.IsCorruption()) << status.ToString();
      EXPECT_EQ(in.size(), corrupt.size());
      ++errors;
    } else if (codec.delta) {
      EXPECT_TRUE(std::is_sorted(out.begin(), out.end()));
    }
  }
  // Flipped header bytes and varints must be caught some of the time at least.
  EXPECT_GT(errors, 0);
}

TEST_P(CodecTest, ArbitraryBytesAreDecodedOrRejectedNeverOverread) {
  const Codec& codec = GetParam();
  std::mt19937 rng(2024);
  int decoded = 0;
  int rejected = 0;
  for (int trial = 0; trial < 3000; ++trial) {
    // Mostly small header bytes and short varints, so that some inputs decode.
    std::string bytes(rng() % 700, '\0');
    for (char& c : bytes) c = static_cast<char>(rng() % 3 == 0 ? rng() : rng() % 40);
    const std::size_t n = codec.block_only ? kBlockSize : rng() % 300;
    const ExactBytes exact(bytes);
    std::string_view in = exact.view();
    std::vector<std::uint32_t> out(n);
    const Status status = codec.decode(&in, 0, out);
    if (status.ok()) {
      ++decoded;
      EXPECT_LE(in.size(), bytes.size());
      if (codec.delta) {
        EXPECT_TRUE(std::is_sorted(out.begin(), out.end()));
      }
    } else {
      ++rejected;
      EXPECT_TRUE(status.IsCorruption()) << status.ToString();
      EXPECT_EQ(in.size(), bytes.size());
    }
  }
  // Both outcomes happen, so both paths were exercised.
  EXPECT_GT(decoded, 0);
  EXPECT_GT(rejected, 0);
}

INSTANTIATE_TEST_SUITE_P(AllCodecs, CodecTest, testing::ValuesIn(AllCodecs()),
                         [](const testing::TestParamInfo<Codec>& param_info) {
                           return param_info.param.name;
                         });

// Packed blocks at every bit width: the encoder picks exactly that width and its size.
class PackedBlockTest : public testing::TestWithParam<int> {};

TEST_P(PackedBlockTest, PicksTheSmallestWidthAndRoundTrips) {
  const int width = GetParam();
  std::mt19937 rng(static_cast<std::uint32_t>(width));
  const std::uint32_t max = static_cast<std::uint32_t>((std::uint64_t{1} << width) - 1);
  std::uint32_t values[kBlockSize];
  for (auto& v : values) v = static_cast<std::uint32_t>(rng()) & max;
  values[17] = max;
  values[18] = 0;  // Not all equal, so not a constant block.
  std::string encoded;
  EncodeBlock(values, &encoded);
  ASSERT_EQ(encoded.size(), 1 + PackedBytes(width));
  EXPECT_EQ(static_cast<int>(encoded[0]), width);
  std::uint32_t out[kBlockSize];
  std::string_view in = encoded;
  ASSERT_TRUE(DecodeBlock(&in, out).ok());
  EXPECT_TRUE(std::equal(std::begin(out), std::end(out), std::begin(values)));

  // Non-decreasing values whose d-gaps have this width: one gap of the full width, the
  // others small enough for the sum to fit in 32 bits.
  const std::uint32_t base = width == 32 ? 0 : 12345;
  const std::uint32_t cap = (kMax - base - max) / (kBlockSize - 1);
  std::uint32_t sorted[kBlockSize];
  std::uint32_t sum = base;
  for (std::size_t i = 0; i < kBlockSize; ++i) {
    sum += i == 17 ? max : std::min(values[i] >> 8, cap);
    sorted[i] = sum;
  }
  encoded.clear();
  EncodeDeltaBlock(base, sorted, &encoded);
  EXPECT_EQ(encoded.size(), 1 + PackedBytes(width));
  in = encoded;
  ASSERT_TRUE(DecodeDeltaBlock(&in, base, out).ok());
  EXPECT_TRUE(std::equal(std::begin(out), std::end(out), std::begin(sorted)));
  EXPECT_TRUE(in.empty());
  in = encoded;
  ASSERT_TRUE(SkipBlock(&in).ok());
  EXPECT_TRUE(in.empty());
}

INSTANTIATE_TEST_SUITE_P(AllWidths, PackedBlockTest, testing::Range(0, kMaxBitWidth + 1),
                         [](const testing::TestParamInfo<int>& param_info) {
                           return "Width" + std::to_string(param_info.param);
                         });

TEST(BlockCodecTest, EqualValuesMakeAConstantBlock) {
  std::uint32_t values[kBlockSize];
  std::fill(std::begin(values), std::end(values), 300);
  std::string encoded;
  EncodeBlock(values, &encoded);
  EXPECT_EQ(encoded, std::string("\x40\xAC\x02", 3));

  std::fill(std::begin(values), std::end(values), 0);
  encoded.clear();
  EncodeBlock(values, &encoded);
  EXPECT_EQ(encoded, std::string(1, '\0'));  // Width 0: the header alone.

  // Consecutive doc ids: every d-gap is 1.
  for (std::uint32_t i = 0; i < kBlockSize; ++i) values[i] = 501 + i;
  encoded.clear();
  EncodeDeltaBlock(500, values, &encoded);
  EXPECT_EQ(encoded, std::string("\x40\x01", 2));
  std::uint32_t out[kBlockSize];
  std::string_view in = encoded;
  ASSERT_TRUE(DecodeDeltaBlock(&in, 500, out).ok());
  EXPECT_EQ(out[0], 501U);
  EXPECT_EQ(out[127], 628U);
}

TEST(BlockCodecTest, BadHeaderBytesAreCorruptionNamingTheByte) {
  std::uint32_t out[kBlockSize];
  for (int header = 33; header < 256; ++header) {
    if (header == kConstantBlock) continue;
    std::string encoded(1 + PackedBytes(32), '\0');
    encoded[0] = static_cast<char>(header);
    std::string_view in = encoded;
    const Status status = DecodeBlock(&in, out);
    ASSERT_TRUE(status.IsCorruption()) << header;
    EXPECT_NE(status.message().find("header byte " + std::to_string(header)), std::string::npos)
        << status.message();
    EXPECT_TRUE(SkipBlock(&in).IsCorruption());
    EXPECT_TRUE(DecodeDeltaBlock(&in, 0, out).IsCorruption());
  }
  std::string_view empty;
  EXPECT_TRUE(DecodeBlock(&empty, out).IsCorruption());
}

TEST(BlockCodecTest, TruncatedPackedBlockSaysHowManyBytesAreMissing) {
  std::string encoded(1 + 10, '\0');
  encoded[0] = 9;  // Width 9 needs 144 bytes.
  std::string_view in = encoded;
  std::uint32_t out[kBlockSize];
  const Status status = DecodeBlock(&in, out);
  ASSERT_TRUE(status.IsCorruption());
  EXPECT_NE(status.message().find("needs 144 bytes, 10 left"), std::string::npos)
      << status.message();
}

TEST(BlockCodecTest, OverflowingGapsAreCorruption) {
  std::uint32_t out[kBlockSize];
  // Packed at 32 bits, every gap 2^32 - 1: the sum wraps at once.
  std::string packed(1 + PackedBytes(32), '\xFF');
  packed[0] = 32;
  std::string_view in = packed;
  EXPECT_TRUE(DecodeDeltaBlock(&in, 0, out).IsCorruption());
  EXPECT_EQ(in.size(), packed.size());
  // The same bytes are a fine plain block.
  ASSERT_TRUE(DecodeBlock(&in, out).ok());
  EXPECT_EQ(out[127], kMax);

  // A constant gap of 2^25 from base 0 reaches 2^32 at the last value.
  std::string constant = "\x40";
  constant += std::string("\x80\x80\x80\x10", 4);
  in = constant;
  EXPECT_TRUE(DecodeDeltaBlock(&in, 0, out).IsCorruption());
  // ... but 2^25 - 1 fits.
  constant = "\x40";
  constant += std::string("\xFF\xFF\xFF\x0F", 4);
  in = constant;
  ASSERT_TRUE(DecodeDeltaBlock(&in, 0, out).ok());
  EXPECT_EQ(out[127], 128U * ((1U << 25) - 1));

  // Varint tail: two gaps that together pass 2^32.
  std::string tail;
  tail += std::string("\xFF\xFF\xFF\xFF\x0F", 5);
  tail += std::string("\x01", 1);
  in = tail;
  std::uint32_t two[2];
  EXPECT_TRUE(DecodeDeltaVarintTail(&in, 0, two).IsCorruption());
  in = tail;
  EXPECT_TRUE(DecodeDeltaVarintTail(&in, 0, std::span<std::uint32_t>(two, 1)).ok());
  EXPECT_EQ(two[0], kMax);
}

TEST(BlockCodecTest, PlusDecodingAddsAndRejectsOverflow) {
  std::uint32_t out[kBlockSize];
  // Values 0..127 (width 7) plus one.
  std::uint32_t values[kBlockSize];
  for (std::uint32_t i = 0; i < kBlockSize; ++i) values[i] = i;
  std::string encoded;
  EncodeBlock(values, &encoded);
  std::string_view in = encoded;
  ASSERT_TRUE(DecodeBlockPlus(&in, 1, out).ok());
  EXPECT_TRUE(in.empty());
  for (std::uint32_t i = 0; i < kBlockSize; ++i) ASSERT_EQ(out[i], i + 1);

  // Packed at 32 bits with one value 2^32 - 1: plus one overflows; plus zero does not.
  values[40] = kMax;
  encoded.clear();
  EncodeBlock(values, &encoded);
  ASSERT_EQ(encoded[0], 32);
  in = encoded;
  const Status status = DecodeBlockPlus(&in, 1, out);
  ASSERT_TRUE(status.IsCorruption());
  EXPECT_NE(status.message().find("overflows 32 bits"), std::string::npos) << status.message();
  EXPECT_EQ(in.size(), encoded.size());
  ASSERT_TRUE(DecodeBlockPlus(&in, 0, out).ok());
  EXPECT_EQ(out[40], kMax);

  // A constant block: 2^32 - 2 plus one fits, 2^32 - 1 plus one does not.
  std::fill(std::begin(values), std::end(values), kMax - 1);
  encoded.clear();
  EncodeBlock(values, &encoded);
  in = encoded;
  ASSERT_TRUE(DecodeBlockPlus(&in, 1, out).ok());
  EXPECT_EQ(out[127], kMax);
  std::fill(std::begin(values), std::end(values), kMax);
  encoded.clear();
  EncodeBlock(values, &encoded);
  in = encoded;
  EXPECT_TRUE(DecodeBlockPlus(&in, 1, out).IsCorruption());
  EXPECT_EQ(in.size(), encoded.size());
}

TEST(BlockCodecTest, StrictDeltaDecodingRejectsEqualNeighbours) {
  std::uint32_t out[kBlockSize];
  // Increasing values, the first equal to the base: fine.
  std::uint32_t values[kBlockSize];
  for (std::uint32_t i = 0; i < kBlockSize; ++i) values[i] = 500 + 3 * i + i % 2;
  std::string encoded;
  EncodeDeltaBlock(500, values, &encoded);
  std::string_view in = encoded;
  ASSERT_TRUE(DecodeStrictDeltaBlock(&in, 500, out).ok());
  EXPECT_TRUE(in.empty());
  EXPECT_TRUE(std::equal(std::begin(out), std::end(out), std::begin(values)));

  // Two equal neighbours (a d-gap of 0): DecodeDeltaBlock takes it, the strict form not.
  values[90] = values[89];
  encoded.clear();
  EncodeDeltaBlock(500, values, &encoded);
  in = encoded;
  ASSERT_TRUE(DecodeDeltaBlock(&in, 500, out).ok());
  in = encoded;
  const Status status = DecodeStrictDeltaBlock(&in, 500, out);
  ASSERT_TRUE(status.IsCorruption());
  EXPECT_NE(status.message().find("do not increase"), std::string::npos) << status.message();
  EXPECT_EQ(in.size(), encoded.size());

  // A constant block of gaps 0 (every value the base) and a width-0 block, likewise.
  for (const std::string& zeros : {std::string("\x40\x00", 2), std::string(1, '\0')}) {
    in = zeros;
    ASSERT_TRUE(DecodeDeltaBlock(&in, 7, out).ok());
    in = zeros;
    EXPECT_TRUE(DecodeStrictDeltaBlock(&in, 7, out).IsCorruption());
  }
  // Constant gaps of 1, and gaps that overflow 32 bits, as DecodeDeltaBlock.
  in = std::string_view("\x40\x01", 2);
  ASSERT_TRUE(DecodeStrictDeltaBlock(&in, 7, out).ok());
  EXPECT_EQ(out[127], 135U);
  std::string packed(1 + PackedBytes(32), '\xFF');
  packed[0] = 32;
  in = packed;
  EXPECT_TRUE(DecodeStrictDeltaBlock(&in, 0, out).IsCorruption());
}

TEST(BlockCodecTest, SequenceIsBlocksThenTail) {
  std::vector<std::uint32_t> values(2 * kBlockSize + 5);
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<std::uint32_t>(i % 7);
  std::string sequence;
  EncodeSequence(values, &sequence);
  std::string expected;
  EncodeBlock(std::span<const std::uint32_t>(values).subspan(0).first<kBlockSize>(), &expected);
  EncodeBlock(std::span<const std::uint32_t>(values).subspan(kBlockSize).first<kBlockSize>(),
              &expected);
  EncodeVarintTail(std::span<const std::uint32_t>(values).subspan(2 * kBlockSize), &expected);
  EXPECT_EQ(sequence, expected);
}

}  // namespace
}  // namespace hexaglot::codec
