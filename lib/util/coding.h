// Little-endian fixed-width integers, LEB128 varints and zig-zag: the one place in
// hexaglot that turns integers into bytes and back (every on-disk format uses these).
//
// Contract:
// - Encoders append to a std::string (Put*) or write into a caller's buffer (Encode*).
// - Decoders of untrusted bytes (Get*) read from a std::string_view, advance it past what
//   they consumed, and return false without reading past its end when the bytes are
//   truncated or malformed; on failure they leave the input and the output unchanged.
//   Callers turn false into a Corruption Status that says where (file, offset).
// - Varints are canonical: Get* reject encodings longer than the value needs (a final
//   0x00 byte after a continuation byte) and bits beyond the value's width, so that every
//   value has exactly one encoding and a flipped byte is more likely to be noticed.
// - Thread safety: all functions are pure; distinct buffers may be used concurrently.
// - Byte layouts: lib/codec/CODECS.md, "Fixed-width integers" and "Varint".

#ifndef HEXAGLOT_UTIL_CODING_H_
#define HEXAGLOT_UTIL_CODING_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace hexaglot {

// The longest varint encodings: ceil(32 / 7) and ceil(64 / 7) bytes.
inline constexpr std::size_t kMaxVarint32Length = 5;
inline constexpr std::size_t kMaxVarint64Length = 10;

// Fixed-width little-endian. REQUIRES: `dst` / `src` have 4 (or 8) bytes.
inline void EncodeFixed32(char* dst, std::uint32_t value) {
  auto* p = reinterpret_cast<unsigned char*>(dst);
  p[0] = static_cast<unsigned char>(value);
  p[1] = static_cast<unsigned char>(value >> 8);
  p[2] = static_cast<unsigned char>(value >> 16);
  p[3] = static_cast<unsigned char>(value >> 24);
}

inline void EncodeFixed64(char* dst, std::uint64_t value) {
  EncodeFixed32(dst, static_cast<std::uint32_t>(value));
  EncodeFixed32(dst + 4, static_cast<std::uint32_t>(value >> 32));
}

// Byte-wise on purpose: compilers turn this into one load on little-endian machines and it
// stays correct on big-endian ones.
inline std::uint32_t DecodeFixed32(const char* src) {
  const auto* p = reinterpret_cast<const unsigned char*>(src);
  return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
         (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}

inline std::uint64_t DecodeFixed64(const char* src) {
  return static_cast<std::uint64_t>(DecodeFixed32(src)) |
         (static_cast<std::uint64_t>(DecodeFixed32(src + 4)) << 32);
}

void PutFixed32(std::string* dst, std::uint32_t value);
void PutFixed64(std::string* dst, std::uint64_t value);

// LEB128: seven bits per byte, least significant group first, high bit set on every byte
// but the last. Encode* write at most kMaxVarint{32,64}Length bytes at `dst` and return
// the position just past the last byte written.
char* EncodeVarint32(char* dst, std::uint32_t value);
char* EncodeVarint64(char* dst, std::uint64_t value);
// PutVarint32 with its one-byte case inline (the inverter appends a few per token);
// PutVarint32Slow is the rest of it: call PutVarint32.
void PutVarint32Slow(std::string* dst, std::uint32_t value);
inline void PutVarint32(std::string* dst, std::uint32_t value) {
  if (value < 0x80) {
    dst->push_back(static_cast<char>(value));
    return;
  }
  PutVarint32Slow(dst, value);
}
void PutVarint64(std::string* dst, std::uint64_t value);

// The number of bytes the varint encoding of `value` takes (1..10).
int VarintLength(std::uint64_t value);

// Decode one value from the front of `*input` and advance `*input` past it. False when
// `*input` is too short or the encoding is malformed (see the contract above).
bool GetFixed32(std::string_view* input, std::uint32_t* value);
bool GetFixed64(std::string_view* input, std::uint64_t* value);

// GetVarint32 and GetVarint64 with their one- and two-byte cases (values < 2^14: most
// d-gaps, term frequencies and skip entries) inline; the Slow functions are the rest of
// them: call GetVarint32 and GetVarint64.
bool GetVarint32Slow(std::string_view* input, std::uint32_t* value);
bool GetVarint64Slow(std::string_view* input, std::uint64_t* value);

namespace internal {
// A canonical varint of one or two bytes at the front of `*input` into `*value`; false
// (nothing consumed) for anything else, which the Slow functions then decode or reject.
inline bool GetShortVarint(std::string_view* input, std::uint32_t* value) {
  if (input->empty()) return false;
  const auto first = static_cast<unsigned char>((*input)[0]);
  if (first < 0x80) {
    *value = first;
    input->remove_prefix(1);
    return true;
  }
  if (input->size() < 2) return false;
  const auto second = static_cast<unsigned char>((*input)[1]);
  if (second >= 0x80 || second == 0) return false;  // Longer, or over-long.
  *value = (first & 0x7Fu) | (std::uint32_t{second} << 7);
  input->remove_prefix(2);
  return true;
}
}  // namespace internal

inline bool GetVarint32(std::string_view* input, std::uint32_t* value) {
  return internal::GetShortVarint(input, value) || GetVarint32Slow(input, value);
}
inline bool GetVarint64(std::string_view* input, std::uint64_t* value) {
  std::uint32_t short_value = 0;
  if (internal::GetShortVarint(input, &short_value)) {
    *value = short_value;
    return true;
  }
  return GetVarint64Slow(input, value);
}

// A varint length followed by that many bytes. GetLengthPrefixed sets `*value` to a view
// into `*input`'s buffer.
void PutLengthPrefixed(std::string* dst, std::string_view value);
bool GetLengthPrefixed(std::string_view* input, std::string_view* value);

// Zig-zag maps signed to unsigned so that small magnitudes get short varints:
// 0 -> 0, -1 -> 1, 1 -> 2, -2 -> 3, ...
inline constexpr std::uint32_t ZigZagEncode32(std::int32_t value) {
  return (static_cast<std::uint32_t>(value) << 1) ^ static_cast<std::uint32_t>(value >> 31);
}
inline constexpr std::int32_t ZigZagDecode32(std::uint32_t value) {
  return static_cast<std::int32_t>((value >> 1) ^ (~(value & 1) + 1));
}
inline constexpr std::uint64_t ZigZagEncode64(std::int64_t value) {
  return (static_cast<std::uint64_t>(value) << 1) ^ static_cast<std::uint64_t>(value >> 63);
}
inline constexpr std::int64_t ZigZagDecode64(std::uint64_t value) {
  return static_cast<std::int64_t>((value >> 1) ^ (~(value & 1) + 1));
}

}  // namespace hexaglot

#endif  // HEXAGLOT_UTIL_CODING_H_
