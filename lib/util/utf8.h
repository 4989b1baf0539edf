// UTF-8 validation and decoding: the one place that reads UTF-8 by hand.

#ifndef HEXAGLOT_UTIL_UTF8_H_
#define HEXAGLOT_UTIL_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "hexaglot/status.h"

namespace hexaglot::utf8 {

// The byte offset of the first byte that does not start a well-formed UTF-8 sequence
// (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF), or nullopt when the
// whole text is valid.
std::optional<std::size_t> FindInvalid(std::string_view text);

// OK, or InvalidArgument "invalid UTF-8 at byte offset N".
Status Validate(std::string_view text);

// Decodes the code point at `*pos` and advances `*pos` past it.
// REQUIRES: text is valid UTF-8 and *pos < text.size() is at a sequence start.
char32_t Next(std::string_view text, std::size_t* pos);

// Appends the UTF-8 encoding of `cp` to `*out`. REQUIRES: cp is a scalar value.
void Append(char32_t cp, std::string* out);

// All code points of `text`. REQUIRES: text is valid UTF-8.
std::u32string DecodeAll(std::string_view text);

// The UTF-8 encoding of `text`. REQUIRES: every element is a scalar value.
std::string EncodeAll(std::u32string_view text);

// The length of the sequence whose lead byte is `lead` (1..4), for valid UTF-8.
inline std::size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

}  // namespace hexaglot::utf8

#endif  // HEXAGLOT_UTIL_UTF8_H_
