// The integer codecs of postings and positions: self-describing blocks of 128 integers
// (bit-packed, one header byte), a varint codec for the last partial block (the tail), and
// sequences made of both. Each has a delta form for non-decreasing values (doc ids,
// positions) that stores d-gaps. Byte layouts: lib/codec/CODECS.md; change neither without
// the other.
//
// Contract:
// - Encoders append to a std::string. Their preconditions (REQUIRES) are the caller's
//   duty and are checked by assert only.
// - Decoders take untrusted bytes: they read from the front of `*input`, advance it past
//   what they consumed, never read past its end, and return Corruption for a bad header,
//   truncated or malformed bytes, or d-gaps whose sum overflows 32 bits. The message says
//   what is wrong; the caller adds where (file, offset) with Status::WithContext. After an
//   error `*input` is unchanged and the output's contents are unspecified.
// - The number of values is not stored: the caller knows it (from a document frequency,
//   for example) and passes an output span of that size.
// - Thread safety: pure functions.

#ifndef HEXAGLOT_CODEC_BLOCK_CODEC_H_
#define HEXAGLOT_CODEC_BLOCK_CODEC_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "codec/bit_packing.h"
#include "hexaglot/status.h"

namespace hexaglot::codec {

// Block header bytes, part of the on-disk format: do not change. 0..32 is the bit width of
// a packed block; kConstantBlock is followed by one varint32, the value of all 128
// integers (or of all 128 d-gaps). Every other header byte is Corruption.
inline constexpr std::uint8_t kConstantBlock = 0x40;

// A block of kBlockSize values. Chooses the smallest encoding: a constant block when all
// values are equal and non-zero, else a packed block at the smallest bit width.
void EncodeBlock(std::span<const std::uint32_t, kBlockSize> values, std::string* out);
Status DecodeBlock(std::string_view* input, std::span<std::uint32_t, kBlockSize> out);

// DecodeBlock plus `addend` in the same pass, for values stored minus a constant (term
// frequencies, stored minus one): out[i] = value[i] + addend. Corruption when that
// passes 2^32 - 1.
Status DecodeBlockPlus(std::string_view* input, std::uint32_t addend,
                       std::span<std::uint32_t, kBlockSize> out);

// A block of non-decreasing values stored as d-gaps from `base` (the value before the
// block, e.g. the previous block's last doc id; 0 for the first block).
// REQUIRES: base <= values[0] <= values[1] <= ... <= values[127].
void EncodeDeltaBlock(std::uint32_t base, std::span<const std::uint32_t, kBlockSize> values,
                      std::string* out);
Status DecodeDeltaBlock(std::string_view* input, std::uint32_t base,
                        std::span<std::uint32_t, kBlockSize> out);

// DecodeDeltaBlock for values that increase strictly after the first (doc ids; the first
// may equal `base`): also Corruption when a d-gap other than the first is 0. Checked in
// the unpacking pass.
Status DecodeStrictDeltaBlock(std::string_view* input, std::uint32_t base,
                              std::span<std::uint32_t, kBlockSize> out);

// Advances `*input` past one encoded block (plain or delta) without decoding it, reading
// only its header (and a constant block's varint). For skipping, e.g., the term
// frequencies of a block whose documents are not needed.
Status SkipBlock(std::string_view* input);

// Any number of values as varints, meant for the < kBlockSize values after the last full
// block. The delta form stores d-gaps from `base`.
// REQUIRES (delta): base <= values[0] <= values[1] <= ...
void EncodeVarintTail(std::span<const std::uint32_t> values, std::string* out);
Status DecodeVarintTail(std::string_view* input, std::span<std::uint32_t> out);
void EncodeDeltaVarintTail(std::uint32_t base, std::span<const std::uint32_t> values,
                           std::string* out);
Status DecodeDeltaVarintTail(std::string_view* input, std::uint32_t base,
                             std::span<std::uint32_t> out);

// A sequence of any length: values.size() / kBlockSize blocks, then a varint tail of the
// rest. The delta form carries the base from block to block (the first block's base is
// `base`).
// REQUIRES (delta): base <= values[0] <= values[1] <= ...
void EncodeSequence(std::span<const std::uint32_t> values, std::string* out);
Status DecodeSequence(std::string_view* input, std::span<std::uint32_t> out);
void EncodeDeltaSequence(std::uint32_t base, std::span<const std::uint32_t> values,
                         std::string* out);
Status DecodeDeltaSequence(std::string_view* input, std::uint32_t base,
                           std::span<std::uint32_t> out);

}  // namespace hexaglot::codec

#endif  // HEXAGLOT_CODEC_BLOCK_CODEC_H_
