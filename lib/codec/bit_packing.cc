// Layout (CODECS.md, "Packed block"): value i belongs to lane i % 4 and row i / 4. Each
// lane packs its 32 rows, lowest bits first, into bit_width 32-bit words; word w of lane l
// is stored at word index 4 * w + l. So one 128-bit vector holds word w of all four lanes,
// and one row of four lanes is four consecutive values: packing and unpacking are the same
// shifts and masks applied to four lanes at once, with no shuffles.
//
// The kernels are written once, as templates over a four-lane vector type (Ops), and
// instantiated for SSE2 and for a plain struct; the bit width is a template parameter and
// the 32 rows are unrolled at compile time, so every shift is a constant.

#include "codec/bit_packing.h"

#include <array>
#include <bit>
#include <cassert>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "util/coding.h"

namespace hexaglot::codec {
namespace {

constexpr int kRows = static_cast<int>(kBlockSize / 4);
constexpr std::size_t kVectorBytes = 16;

// Four 32-bit lanes in plain C++. Packed words go through DecodeFixed32/EncodeFixed32 so
// that the bytes are little-endian on any machine.
struct ScalarOps {
  struct V {
    std::uint32_t lane[4];
  };
  static V LoadPacked(const char* p) {
    return {{DecodeFixed32(p), DecodeFixed32(p + 4), DecodeFixed32(p + 8), DecodeFixed32(p + 12)}};
  }
  static void StorePacked(char* p, V v) {
    for (std::size_t l = 0; l < 4; ++l) EncodeFixed32(p + 4 * l, v.lane[l]);
  }
  static V LoadValues(const std::uint32_t* p) { return {{p[0], p[1], p[2], p[3]}}; }
  static void StoreValues(std::uint32_t* p, V v) {
    for (int l = 0; l < 4; ++l) p[l] = v.lane[l];
  }
  static V Broadcast(std::uint32_t x) { return {{x, x, x, x}}; }
  template <int kShift>
  static V ShiftLeft(V v) {
    for (auto& x : v.lane) x <<= kShift;
    return v;
  }
  template <int kShift>
  static V ShiftRight(V v) {
    for (auto& x : v.lane) x >>= kShift;
    return v;
  }
  static V Or(V a, V b) {
    for (int l = 0; l < 4; ++l) a.lane[l] |= b.lane[l];
    return a;
  }
  static V And(V a, V b) {
    for (int l = 0; l < 4; ++l) a.lane[l] &= b.lane[l];
    return a;
  }
  static V Add(V a, V b) {
    for (int l = 0; l < 4; ++l) a.lane[l] += b.lane[l];
    return a;
  }
  static V Lanes(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d) {
    return {{a, b, c, d}};
  }
  // All ones in the lanes that are zero, zero in the others.
  static V ZeroLanes(V v) {
    for (auto& x : v.lane) x = x == 0 ? ~0u : 0u;
    return v;
  }
  static bool AnyBitSet(V v) { return (v.lane[0] | v.lane[1] | v.lane[2] | v.lane[3]) != 0; }
  // Inclusive prefix sum across the lanes plus `*carry` (all lanes equal); `*carry`
  // becomes the last lane, broadcast.
  static V PrefixSum(V v, V* carry) {
    v.lane[0] += carry->lane[0];
    for (int l = 1; l < 4; ++l) v.lane[l] += v.lane[l - 1];
    *carry = Broadcast(v.lane[3]);
    return v;
  }
};

#if defined(__SSE2__)
struct Sse2Ops {
  using V = __m128i;
  static V LoadPacked(const char* p) { return _mm_loadu_si128(reinterpret_cast<const V*>(p)); }
  static void StorePacked(char* p, V v) { _mm_storeu_si128(reinterpret_cast<V*>(p), v); }
  static V LoadValues(const std::uint32_t* p) {
    return _mm_loadu_si128(reinterpret_cast<const V*>(p));
  }
  static void StoreValues(std::uint32_t* p, V v) { _mm_storeu_si128(reinterpret_cast<V*>(p), v); }
  static V Broadcast(std::uint32_t x) { return _mm_set1_epi32(static_cast<int>(x)); }
  template <int kShift>
  static V ShiftLeft(V v) {
    return _mm_slli_epi32(v, kShift);
  }
  template <int kShift>
  static V ShiftRight(V v) {
    return _mm_srli_epi32(v, kShift);
  }
  static V Or(V a, V b) { return _mm_or_si128(a, b); }
  static V And(V a, V b) { return _mm_and_si128(a, b); }
  static V Add(V a, V b) { return _mm_add_epi32(a, b); }
  static V Lanes(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d) {
    return _mm_setr_epi32(static_cast<int>(a), static_cast<int>(b), static_cast<int>(c),
                          static_cast<int>(d));
  }
  static V ZeroLanes(V v) { return _mm_cmpeq_epi32(v, _mm_setzero_si128()); }
  static bool AnyBitSet(V v) { return _mm_movemask_epi8(v) != 0; }
  // The carry is updated from the row's own sum, not from the result, so that the
  // dependency from one row to the next is a single add.
  static V PrefixSum(V v, V* carry) {
    v = _mm_add_epi32(v, _mm_slli_si128(v, 4));
    v = _mm_add_epi32(v, _mm_slli_si128(v, 8));
    const V result = _mm_add_epi32(v, *carry);
    *carry = _mm_add_epi32(*carry, _mm_shuffle_epi32(v, 0xFF));
    return result;
  }
};
using FastOps = Sse2Ops;
#else
using FastOps = ScalarOps;
#endif

// Calls f(std::integral_constant<int, R>) for R = 0 .. kRows - 1, unrolled.
template <typename F>
inline void ForEachRow(F&& f) {
  [&]<int... kR>(std::integer_sequence<int, kR...>) { (f(std::integral_constant<int, kR>{}), ...); }
  (std::make_integer_sequence<int, kRows>{});
}

template <typename Ops, int kBits>
void Pack(const std::uint32_t* values, char* out) {
  if constexpr (kBits > 0) {
    typename Ops::V acc{};
    ForEachRow([&](auto row) {
      constexpr int kBit = decltype(row)::value * kBits;
      constexpr int kWord = kBit / 32;
      constexpr int kShift = kBit % 32;
      const auto v = Ops::LoadValues(values + 4 * decltype(row)::value);
      if constexpr (kShift == 0) {
        acc = v;
      } else {
        acc = Ops::Or(acc, Ops::template ShiftLeft<kShift>(v));
      }
      if constexpr (kShift + kBits >= 32) {
        Ops::StorePacked(out + kVectorBytes * kWord, acc);
        // The row's high bits that did not fit start the next word.
        if constexpr (kShift + kBits > 32) acc = Ops::template ShiftRight<32 - kShift>(v);
      }
    });
  }
}

// Unpacks the rows and hands each to `sink(row_index, vector)`. Reads each packed word
// exactly once, in order.
template <typename Ops, int kBits, typename Sink>
inline void UnpackRows(const char* in, Sink&& sink) {
  static_assert(kBits > 0);
  const auto mask = Ops::Broadcast(static_cast<std::uint32_t>((std::uint64_t{1} << kBits) - 1));
  auto word = Ops::LoadPacked(in);
  ForEachRow([&](auto row) {
    constexpr int kRow = decltype(row)::value;
    constexpr int kBit = kRow * kBits;
    constexpr int kWord = kBit / 32;
    constexpr int kShift = kBit % 32;
    auto v = Ops::template ShiftRight<kShift>(word);
    if constexpr (kShift + kBits > 32) {
      word = Ops::LoadPacked(in + kVectorBytes * (kWord + 1));
      v = Ops::And(Ops::Or(v, Ops::template ShiftLeft<32 - kShift>(word)), mask);
    } else if constexpr (kShift + kBits == 32) {
      if constexpr (kWord + 1 < kBits) word = Ops::LoadPacked(in + kVectorBytes * (kWord + 1));
    } else {
      v = Ops::And(v, mask);
    }
    sink(std::size_t{kRow}, v);
  });
}

template <typename Ops, int kBits>
void Unpack(const char* in, std::uint32_t* out) {
  if constexpr (kBits == 0) {
    const auto zero = Ops::Broadcast(0);
    ForEachRow([&](auto row) { Ops::StoreValues(out + 4 * decltype(row)::value, zero); });
  } else {
    UnpackRows<Ops, kBits>(in,
                           [out](std::size_t row, auto v) { Ops::StoreValues(out + 4 * row, v); });
  }
}

template <typename Ops, int kBits>
void UnpackPlus(const char* in, std::uint32_t addend, std::uint32_t* out) {
  const auto add = Ops::Broadcast(addend);
  if constexpr (kBits == 0) {
    ForEachRow([&](auto row) { Ops::StoreValues(out + 4 * decltype(row)::value, add); });
  } else {
    UnpackRows<Ops, kBits>(in, [out, add](std::size_t row, auto v) {
      Ops::StoreValues(out + 4 * row, Ops::Add(v, add));
    });
  }
}

template <typename Ops, int kBits>
void UnpackDelta(const char* in, std::uint32_t base, std::uint32_t* out) {
  if constexpr (kBits == 0) {
    const auto all_base = Ops::Broadcast(base);
    ForEachRow([&](auto row) { Ops::StoreValues(out + 4 * decltype(row)::value, all_base); });
  } else {
    auto carry = Ops::Broadcast(base);
    UnpackRows<Ops, kBits>(in, [out, &carry](std::size_t row, auto v) {
      Ops::StoreValues(out + 4 * row, Ops::PrefixSum(v, &carry));
    });
  }
}

// UnpackDelta that also tells whether every gap but the first is non-zero: the zero
// lanes of each row are gathered (the first row's first lane left out) and tested once.
template <typename Ops, int kBits>
bool UnpackStrictDelta(const char* in, std::uint32_t base, std::uint32_t* out) {
  if constexpr (kBits == 0) {
    UnpackDelta<Ops, kBits>(in, base, out);
    return false;
  } else {
    auto carry = Ops::Broadcast(base);
    auto zeros = Ops::Broadcast(0);
    UnpackRows<Ops, kBits>(in, [out, &carry, &zeros](std::size_t row, auto v) {
      auto zero_lanes = Ops::ZeroLanes(v);
      if (row == 0) zero_lanes = Ops::And(zero_lanes, Ops::Lanes(0, ~0u, ~0u, ~0u));
      zeros = Ops::Or(zeros, zero_lanes);
      Ops::StoreValues(out + 4 * row, Ops::PrefixSum(v, &carry));
    });
    return !Ops::AnyBitSet(zeros);
  }
}

using PackFn = void (*)(const std::uint32_t*, char*);
using UnpackFn = void (*)(const char*, std::uint32_t*);
using UnpackPlusFn = void (*)(const char*, std::uint32_t, std::uint32_t*);
using UnpackDeltaFn = void (*)(const char*, std::uint32_t, std::uint32_t*);
using UnpackStrictDeltaFn = bool (*)(const char*, std::uint32_t, std::uint32_t*);

// One instantiation per bit width 0..32, indexed by the width.
template <typename Ops>
struct Kernels {
  template <int... kBits>
  static constexpr auto Make(std::integer_sequence<int, kBits...>) {
    struct Tables {
      std::array<PackFn, sizeof...(kBits)> pack;
      std::array<UnpackFn, sizeof...(kBits)> unpack;
      std::array<UnpackPlusFn, sizeof...(kBits)> unpack_plus;
      std::array<UnpackDeltaFn, sizeof...(kBits)> unpack_delta;
      std::array<UnpackStrictDeltaFn, sizeof...(kBits)> unpack_strict_delta;
    };
    return Tables{{&Pack<Ops, kBits>...},
                  {&Unpack<Ops, kBits>...},
                  {&UnpackPlus<Ops, kBits>...},
                  {&UnpackDelta<Ops, kBits>...},
                  {&UnpackStrictDelta<Ops, kBits>...}};
  }
  static constexpr auto kTables = Make(std::make_integer_sequence<int, kMaxBitWidth + 1>{});
};

}  // namespace

int MaxBitWidth(const std::uint32_t* values) {
  std::uint32_t all = 0;
  for (std::size_t i = 0; i < kBlockSize; ++i) all |= values[i];
  return std::bit_width(all);
}

void Pack128(const std::uint32_t* values, int bit_width, char* out) {
  assert(bit_width >= 0 && bit_width <= kMaxBitWidth);
  assert(MaxBitWidth(values) <= bit_width);
  Kernels<FastOps>::kTables.pack[static_cast<std::size_t>(bit_width)](values, out);
}

void Unpack128(const char* in, int bit_width, std::uint32_t* out) {
  assert(bit_width >= 0 && bit_width <= kMaxBitWidth);
  Kernels<FastOps>::kTables.unpack[static_cast<std::size_t>(bit_width)](in, out);
}

void Unpack128Plus(const char* in, int bit_width, std::uint32_t addend, std::uint32_t* out) {
  assert(bit_width >= 0 && bit_width <= kMaxBitWidth);
  Kernels<FastOps>::kTables.unpack_plus[static_cast<std::size_t>(bit_width)](in, addend, out);
}

void Unpack128Delta(const char* in, int bit_width, std::uint32_t base, std::uint32_t* out) {
  assert(bit_width >= 0 && bit_width <= kMaxBitWidth);
  Kernels<FastOps>::kTables.unpack_delta[static_cast<std::size_t>(bit_width)](in, base, out);
}

bool Unpack128StrictDelta(const char* in, int bit_width, std::uint32_t base, std::uint32_t* out) {
  assert(bit_width >= 0 && bit_width <= kMaxBitWidth);
  return Kernels<FastOps>::kTables.unpack_strict_delta[static_cast<std::size_t>(bit_width)](
      in, base, out);
}

namespace internal {

void Pack128Scalar(const std::uint32_t* values, int bit_width, char* out) {
  assert(bit_width >= 0 && bit_width <= kMaxBitWidth);
  assert(MaxBitWidth(values) <= bit_width);
  Kernels<ScalarOps>::kTables.pack[static_cast<std::size_t>(bit_width)](values, out);
}

void Unpack128Scalar(const char* in, int bit_width, std::uint32_t* out) {
  assert(bit_width >= 0 && bit_width <= kMaxBitWidth);
  Kernels<ScalarOps>::kTables.unpack[static_cast<std::size_t>(bit_width)](in, out);
}

void Unpack128PlusScalar(const char* in, int bit_width, std::uint32_t addend, std::uint32_t* out) {
  assert(bit_width >= 0 && bit_width <= kMaxBitWidth);
  Kernels<ScalarOps>::kTables.unpack_plus[static_cast<std::size_t>(bit_width)](in, addend, out);
}

void Unpack128DeltaScalar(const char* in, int bit_width, std::uint32_t base, std::uint32_t* out) {
  assert(bit_width >= 0 && bit_width <= kMaxBitWidth);
  Kernels<ScalarOps>::kTables.unpack_delta[static_cast<std::size_t>(bit_width)](in, base, out);
}

bool Unpack128StrictDeltaScalar(const char* in, int bit_width, std::uint32_t base,
                                std::uint32_t* out) {
  assert(bit_width >= 0 && bit_width <= kMaxBitWidth);
  return Kernels<ScalarOps>::kTables.unpack_strict_delta[static_cast<std::size_t>(bit_width)](
      in, base, out);
}

}  // namespace internal
}  // namespace hexaglot::codec
