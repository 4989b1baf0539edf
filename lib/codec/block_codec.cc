// Byte layouts: lib/codec/CODECS.md ("Block", "Varint tail", "Sequence").

#include "codec/block_codec.h"

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <limits>

#include "util/coding.h"
#include "util/status_macros.h"

namespace hexaglot::codec {
namespace {

constexpr std::uint64_t kMaxU32 = std::numeric_limits<std::uint32_t>::max();

bool AllEqual(std::span<const std::uint32_t, kBlockSize> values) {
  std::uint32_t differ = 0;
  for (std::uint32_t v : values) differ |= v ^ values[0];
  return differ == 0;
}

bool IsNonDecreasingFrom(std::uint32_t base, std::span<const std::uint32_t> values) {
  std::uint32_t previous = base;
  for (std::uint32_t v : values) {
    if (v < previous) return false;
    previous = v;
  }
  return true;
}

void EncodeBlockOf(std::span<const std::uint32_t, kBlockSize> values, std::string* out) {
  if (values[0] != 0 && AllEqual(values)) {
    out->push_back(static_cast<char>(kConstantBlock));
    PutVarint32(out, values[0]);
    return;
  }
  const int bit_width = MaxBitWidth(values.data());
  out->push_back(static_cast<char>(bit_width));
  const std::size_t offset = out->size();
  out->resize(offset + PackedBytes(bit_width));
  Pack128(values.data(), bit_width, out->data() + offset);
}

// The parsed header of a block: either a bit width with its packed bytes, or a constant.
struct BlockHeader {
  bool constant = false;
  int bit_width = 0;
  std::uint32_t value = 0;       // The constant, when constant.
  const char* packed = nullptr;  // PackedBytes(bit_width) bytes, when not constant.
};

// The errors of ReadBlockHeader, out of line: the header is read once per block of every
// posting list a query decodes, and with its message building inline it was not inlined
// (its string_view went through the stack, and reading it back stalled).
[[gnu::cold, gnu::noinline]] Status MissingHeader() {
  return Status::Corruption("integer block: missing header byte");
}

[[gnu::cold, gnu::noinline]] Status BadConstant() {
  return Status::Corruption("constant integer block: truncated or malformed varint");
}

[[gnu::cold, gnu::noinline]] Status TruncatedPacked(std::uint8_t bit_width, std::size_t left) {
  return Status::Corruption("packed integer block of bit width " + std::to_string(bit_width) +
                            ": truncated, needs " + std::to_string(PackedBytes(bit_width)) +
                            " bytes, " + std::to_string(left) + " left");
}

[[gnu::cold, gnu::noinline]] Status BadHeader(std::uint8_t byte) {
  return Status::Corruption("integer block: header byte " + std::to_string(byte) +
                            " is neither a bit width 0..32 nor " + std::to_string(kConstantBlock) +
                            " (constant block)");
}

// Parses the header and checks that the block's bytes are there; advances *input past the
// whole block.
inline Status ReadBlockHeader(std::string_view* input, BlockHeader* header) {
  if (input->empty()) return MissingHeader();
  const auto byte = static_cast<std::uint8_t>(input->front());
  if (byte <= kMaxBitWidth) {
    const std::size_t size = PackedBytes(byte);
    if (input->size() - 1 < size) return TruncatedPacked(byte, input->size() - 1);
    header->constant = false;
    header->bit_width = byte;
    header->packed = input->data() + 1;
    input->remove_prefix(1 + size);
    return Status::OK();
  }
  if (byte != kConstantBlock) return BadHeader(byte);
  std::string_view in = input->substr(1);
  if (!GetVarint32(&in, &header->value)) return BadConstant();
  header->constant = true;
  *input = in;
  return Status::OK();
}

Status GapsOverflow(std::string_view codec) {
  return Status::Corruption(std::string(codec) + ": d-gaps overflow 32 bits");
}

Status ValueOverflow(std::string_view codec, std::uint32_t addend) {
  return Status::Corruption(std::string(codec) + ": a value plus " + std::to_string(addend) +
                            " overflows 32 bits");
}

Status EqualNeighbours(std::string_view codec) {
  return Status::Corruption(std::string(codec) +
                            ": a d-gap of 0 after the first, values do not increase");
}

// DecodeDeltaBlock, and with kStrict DecodeStrictDeltaBlock.
template <bool kStrict>
Status DecodeDeltaBlockOf(std::string_view* input, std::uint32_t base,
                          std::span<std::uint32_t, kBlockSize> out) {
  std::string_view in = *input;
  BlockHeader header;
  HEXAGLOT_RETURN_IF_ERROR(ReadBlockHeader(&in, &header));
  if (header.constant) {
    if (kStrict && header.value == 0) return EqualNeighbours("constant delta block");
    if (base + kBlockSize * std::uint64_t{header.value} > kMaxU32) {
      return GapsOverflow("constant delta block");
    }
    std::uint32_t value = base;
    for (std::uint32_t& v : out) v = value += header.value;
  } else {
    if constexpr (kStrict) {
      if (!Unpack128StrictDelta(header.packed, header.bit_width, base, out.data())) {
        return EqualNeighbours("packed delta block");
      }
    } else {
      Unpack128Delta(header.packed, header.bit_width, base, out.data());
    }
    // Only wide gaps can overflow; then a wrapped sum shows as a decrease, because every
    // gap is below 2^32.
    const std::uint64_t max_sum = kBlockSize * ((std::uint64_t{1} << header.bit_width) - 1);
    if (base + max_sum > kMaxU32 && !IsNonDecreasingFrom(base, out)) {
      return GapsOverflow("packed delta block");
    }
  }
  *input = in;
  return Status::OK();
}

}  // namespace

void EncodeBlock(std::span<const std::uint32_t, kBlockSize> values, std::string* out) {
  EncodeBlockOf(values, out);
}

Status DecodeBlock(std::string_view* input, std::span<std::uint32_t, kBlockSize> out) {
  BlockHeader header;
  HEXAGLOT_RETURN_IF_ERROR(ReadBlockHeader(input, &header));
  if (header.constant) {
    std::fill(out.begin(), out.end(), header.value);
  } else {
    Unpack128(header.packed, header.bit_width, out.data());
  }
  return Status::OK();
}

Status DecodeBlockPlus(std::string_view* input, std::uint32_t addend,
                       std::span<std::uint32_t, kBlockSize> out) {
  std::string_view in = *input;
  BlockHeader header;
  HEXAGLOT_RETURN_IF_ERROR(ReadBlockHeader(&in, &header));
  const std::uint32_t largest = kMaxU32 - addend;  // The largest value that may be stored.
  if (header.constant) {
    if (header.value > largest) return ValueOverflow("constant block", addend);
    std::fill(out.begin(), out.end(), header.value + addend);
  } else {
    Unpack128Plus(header.packed, header.bit_width, addend, out.data());
    // Only a width that holds values above `largest` can overflow; then a wrapped sum is
    // below `addend`.
    if ((std::uint64_t{1} << header.bit_width) - 1 > largest &&
        std::any_of(out.begin(), out.end(), [addend](std::uint32_t v) { return v < addend; })) {
      return ValueOverflow("packed block", addend);
    }
  }
  *input = in;
  return Status::OK();
}

void EncodeDeltaBlock(std::uint32_t base, std::span<const std::uint32_t, kBlockSize> values,
                      std::string* out) {
  assert(IsNonDecreasingFrom(base, values));
  std::uint32_t gaps[kBlockSize];
  std::uint32_t previous = base;
  for (std::size_t i = 0; i < kBlockSize; ++i) {
    gaps[i] = values[i] - previous;
    previous = values[i];
  }
  EncodeBlockOf(gaps, out);
}

Status DecodeDeltaBlock(std::string_view* input, std::uint32_t base,
                        std::span<std::uint32_t, kBlockSize> out) {
  return DecodeDeltaBlockOf<false>(input, base, out);
}

Status DecodeStrictDeltaBlock(std::string_view* input, std::uint32_t base,
                              std::span<std::uint32_t, kBlockSize> out) {
  return DecodeDeltaBlockOf<true>(input, base, out);
}

Status SkipBlock(std::string_view* input) {
  BlockHeader header;
  return ReadBlockHeader(input, &header);
}

void EncodeVarintTail(std::span<const std::uint32_t> values, std::string* out) {
  for (std::uint32_t v : values) PutVarint32(out, v);
}

Status DecodeVarintTail(std::string_view* input, std::span<std::uint32_t> out) {
  std::string_view in = *input;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (!GetVarint32(&in, &out[i])) {
      return Status::Corruption("varint tail: value " + std::to_string(i) + " of " +
                                std::to_string(out.size()) + " is truncated or malformed");
    }
  }
  *input = in;
  return Status::OK();
}

void EncodeDeltaVarintTail(std::uint32_t base, std::span<const std::uint32_t> values,
                           std::string* out) {
  assert(IsNonDecreasingFrom(base, values));
  std::uint32_t previous = base;
  for (std::uint32_t v : values) {
    PutVarint32(out, v - previous);
    previous = v;
  }
}

Status DecodeDeltaVarintTail(std::string_view* input, std::uint32_t base,
                             std::span<std::uint32_t> out) {
  std::string_view in = *input;
  std::uint64_t value = base;
  for (std::size_t i = 0; i < out.size(); ++i) {
    std::uint32_t gap;
    if (!GetVarint32(&in, &gap)) {
      return Status::Corruption("delta varint tail: value " + std::to_string(i) + " of " +
                                std::to_string(out.size()) + " is truncated or malformed");
    }
    value += gap;
    if (value > kMaxU32) return GapsOverflow("delta varint tail");
    out[i] = static_cast<std::uint32_t>(value);
  }
  *input = in;
  return Status::OK();
}

void EncodeSequence(std::span<const std::uint32_t> values, std::string* out) {
  while (values.size() >= kBlockSize) {
    EncodeBlock(values.first<kBlockSize>(), out);
    values = values.subspan(kBlockSize);
  }
  EncodeVarintTail(values, out);
}

Status DecodeSequence(std::string_view* input, std::span<std::uint32_t> out) {
  std::string_view in = *input;
  while (out.size() >= kBlockSize) {
    HEXAGLOT_RETURN_IF_ERROR(DecodeBlock(&in, out.first<kBlockSize>()));
    out = out.subspan(kBlockSize);
  }
  HEXAGLOT_RETURN_IF_ERROR(DecodeVarintTail(&in, out));
  *input = in;
  return Status::OK();
}

void EncodeDeltaSequence(std::uint32_t base, std::span<const std::uint32_t> values,
                         std::string* out) {
  while (values.size() >= kBlockSize) {
    EncodeDeltaBlock(base, values.first<kBlockSize>(), out);
    base = values[kBlockSize - 1];
    values = values.subspan(kBlockSize);
  }
  EncodeDeltaVarintTail(base, values, out);
}

Status DecodeDeltaSequence(std::string_view* input, std::uint32_t base,
                           std::span<std::uint32_t> out) {
  std::string_view in = *input;
  while (out.size() >= kBlockSize) {
    HEXAGLOT_RETURN_IF_ERROR(DecodeDeltaBlock(&in, base, out.first<kBlockSize>()));
    base = out[kBlockSize - 1];
    out = out.subspan(kBlockSize);
  }
  HEXAGLOT_RETURN_IF_ERROR(DecodeDeltaVarintTail(&in, base, out));
  *input = in;
  return Status::OK();
}

}  // namespace hexaglot::codec
