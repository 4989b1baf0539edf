#include "util/coding.h"

namespace hexaglot {

void PutFixed32(std::string* dst, std::uint32_t value) {
  char buf[4];
  EncodeFixed32(buf, value);
  dst->append(buf, sizeof(buf));
}

void PutFixed64(std::string* dst, std::uint64_t value) {
  char buf[8];
  EncodeFixed64(buf, value);
  dst->append(buf, sizeof(buf));
}

char* EncodeVarint64(char* dst, std::uint64_t value) {
  auto* p = reinterpret_cast<unsigned char*>(dst);
  while (value >= 0x80) {
    *p++ = static_cast<unsigned char>(value | 0x80);
    value >>= 7;
  }
  *p++ = static_cast<unsigned char>(value);
  return reinterpret_cast<char*>(p);
}

char* EncodeVarint32(char* dst, std::uint32_t value) { return EncodeVarint64(dst, value); }

void PutVarint32Slow(std::string* dst, std::uint32_t value) {
  char buf[kMaxVarint32Length];
  char* end = EncodeVarint32(buf, value);
  dst->append(buf, static_cast<std::size_t>(end - buf));
}

void PutVarint64(std::string* dst, std::uint64_t value) {
  char buf[kMaxVarint64Length];
  char* end = EncodeVarint64(buf, value);
  dst->append(buf, static_cast<std::size_t>(end - buf));
}

int VarintLength(std::uint64_t value) {
  int length = 1;
  while (value >= 0x80) {
    value >>= 7;
    ++length;
  }
  return length;
}

bool GetFixed32(std::string_view* input, std::uint32_t* value) {
  if (input->size() < 4) return false;
  *value = DecodeFixed32(input->data());
  input->remove_prefix(4);
  return true;
}

bool GetFixed64(std::string_view* input, std::uint64_t* value) {
  if (input->size() < 8) return false;
  *value = DecodeFixed64(input->data());
  input->remove_prefix(8);
  return true;
}

namespace {

// Decodes a canonical varint of at most kMaxBits bits. The last byte may only carry the
// bits that remain below max_bits, and may be zero only when it is the first byte.
template <int kMaxBits>
bool GetVarint(std::string_view* input, std::uint64_t* value) {
  constexpr std::size_t kMaxBytes = (kMaxBits + 6) / 7;
  const auto* p = reinterpret_cast<const unsigned char*>(input->data());
  const std::size_t limit = input->size() < kMaxBytes ? input->size() : kMaxBytes;
  std::uint64_t result = 0;
  for (std::size_t i = 0; i < limit; ++i) {
    const std::uint64_t byte = p[i];
    const int shift = static_cast<int>(7 * i);
    if ((byte & 0x80) == 0) {
      if (byte == 0 && i > 0) return false;  // Over-long.
      if (shift + 7 > kMaxBits && (byte >> (kMaxBits - shift)) != 0) return false;
      *value = result | (byte << shift);
      input->remove_prefix(i + 1);
      return true;
    }
    result |= (byte & 0x7F) << shift;
  }
  return false;  // Truncated, or a continuation bit on the last allowed byte.
}

}  // namespace

bool GetVarint32Slow(std::string_view* input, std::uint32_t* value) {
  std::uint64_t wide;
  if (!GetVarint<32>(input, &wide)) return false;
  *value = static_cast<std::uint32_t>(wide);
  return true;
}

bool GetVarint64Slow(std::string_view* input, std::uint64_t* value) {
  return GetVarint<64>(input, value);
}

void PutLengthPrefixed(std::string* dst, std::string_view value) {
  PutVarint64(dst, value.size());
  dst->append(value);
}

bool GetLengthPrefixed(std::string_view* input, std::string_view* value) {
  std::string_view in = *input;
  std::uint64_t length;
  if (!GetVarint64(&in, &length) || length > in.size()) return false;
  *value = in.substr(0, static_cast<std::size_t>(length));
  in.remove_prefix(static_cast<std::size_t>(length));
  *input = in;
  return true;
}

}  // namespace hexaglot
