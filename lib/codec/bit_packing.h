// Bit-packing of blocks of 128 unsigned 32-bit integers at a fixed bit width (0..32), in
// the four-lane interleaved ("vertical") layout of SIMD-BP128 (Lemire and Boytsov 2015)
// and Lucene's ForUtil. The byte layout is specified in lib/codec/CODECS.md, "Packed
// block"; change neither without the other.
//
// These are the raw kernels: no header, no bounds checks. The checked, self-describing
// block format built on them is block_codec.h, which is what file formats should use.
//
// Contract:
// - Pack128 writes exactly PackedBytes(bit_width) bytes; Unpack128* read exactly that many.
// - On x86-64 the kernels use SSE2 (part of the x86-64 baseline, so no -march flag and no
//   run-time dispatch); elsewhere a portable scalar version runs. Both produce and accept
//   the same bytes (tests check this), so files move between machines.
// - Thread safety: pure functions.

#ifndef HEXAGLOT_CODEC_BIT_PACKING_H_
#define HEXAGLOT_CODEC_BIT_PACKING_H_

#include <cstddef>
#include <cstdint>

namespace hexaglot::codec {

// The number of integers in a block. Part of the on-disk format: do not change.
inline constexpr std::size_t kBlockSize = 128;

// The largest bit width, and the bytes a block packed at `bit_width` takes: 128 values of
// bit_width bits, i.e. 4 * bit_width little-endian 32-bit words.
inline constexpr int kMaxBitWidth = 32;
inline constexpr std::size_t PackedBytes(int bit_width) {
  return static_cast<std::size_t>(bit_width) * (kBlockSize / 8);
}

// The smallest bit width that holds every one of the kBlockSize `values` (0 when all are
// zero). REQUIRES: `values` points at kBlockSize integers.
int MaxBitWidth(const std::uint32_t* values);

// Packs kBlockSize `values` at `bit_width` bits each into PackedBytes(bit_width) bytes at
// `out`. REQUIRES: 0 <= bit_width <= 32; every value < 2^bit_width.
void Pack128(const std::uint32_t* values, int bit_width, char* out);

// Unpacks kBlockSize values packed at `bit_width` from `in` into `out`.
// REQUIRES: 0 <= bit_width <= 32; `in` holds PackedBytes(bit_width) bytes.
void Unpack128(const char* in, int bit_width, std::uint32_t* out);

// Unpacks and adds `addend` in the same pass: out[i] = value[i] + addend, modulo 2^32.
// Same REQUIRES as Unpack128.
void Unpack128Plus(const char* in, int bit_width, std::uint32_t addend, std::uint32_t* out);

// Unpacks d-gaps and turns them into values in the same pass (a prefix sum):
// out[i] = base + gap[0] + ... + gap[i], modulo 2^32. Same REQUIRES as Unpack128.
void Unpack128Delta(const char* in, int bit_width, std::uint32_t base, std::uint32_t* out);

// Unpack128Delta that also checks, in the same pass, that every gap but the first is
// non-zero (so that, where the sums do not wrap, the values increase strictly after
// out[0]): returns false when one is zero.
bool Unpack128StrictDelta(const char* in, int bit_width, std::uint32_t base, std::uint32_t* out);

namespace internal {

// The portable scalar kernels, always built: they are the kernels on machines without
// SSE2, and the reference the SSE2 kernels are tested against. Same contracts as above.
void Pack128Scalar(const std::uint32_t* values, int bit_width, char* out);
void Unpack128Scalar(const char* in, int bit_width, std::uint32_t* out);
void Unpack128PlusScalar(const char* in, int bit_width, std::uint32_t addend, std::uint32_t* out);
void Unpack128DeltaScalar(const char* in, int bit_width, std::uint32_t base, std::uint32_t* out);
bool Unpack128StrictDeltaScalar(const char* in, int bit_width, std::uint32_t base,
                                std::uint32_t* out);

}  // namespace internal
}  // namespace hexaglot::codec

#endif  // HEXAGLOT_CODEC_BIT_PACKING_H_
