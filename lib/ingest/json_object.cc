#include "ingest/json_object.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <limits>
#include <system_error>

#include "util/utf8.h"

namespace hexaglot::ingest {
namespace {

// Lines longer than this reserve a string with escapes before decoding it.
constexpr std::ptrdiff_t kLongLineBytes = std::ptrdiff_t{1} << 20;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int HexValue(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The value of the four hex digits at `at` (of \uXXXX), or -1.
std::int32_t HexQuad(const unsigned char* at, const unsigned char* end) {
  if (end - at < 4) return -1;
  std::int32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    const int digit = HexValue(at[i]);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

// The length of the well-formed UTF-8 sequence (Unicode Table 3-7: no overlongs, no
// surrogates, nothing above U+10FFFF) that starts at non-ASCII `p`, or 0.
std::size_t Utf8SequenceLength(const unsigned char* p, const unsigned char* end) {
  const unsigned char lead = *p;
  auto continuation = [&](std::size_t i, unsigned char low, unsigned char high) {
    return end - p > static_cast<std::ptrdiff_t>(i) && p[i] >= low && p[i] <= high;
  };
  if (lead >= 0xC2 && lead <= 0xDF) return continuation(1, 0x80, 0xBF) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    const unsigned char low = lead == 0xE0 ? 0xA0 : 0x80;
    const unsigned char high = lead == 0xED ? 0x9F : 0xBF;
    return continuation(1, low, high) && continuation(2, 0x80, 0xBF) ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    const unsigned char low = lead == 0xF0 ? 0x90 : 0x80;
    const unsigned char high = lead == 0xF4 ? 0x8F : 0xBF;
    return continuation(1, low, high) && continuation(2, 0x80, 0xBF) && continuation(3, 0x80, 0xBF)
               ? 4
               : 0;
  }
  return 0;
}

// True when one of the 8 bytes of `word` ends a run of plain string bytes: '"', '\\', a
// control character or a non-ASCII byte (bit tricks from "Bit Twiddling Hacks",
// "Determine if a word has a byte less than n / equal to n").
bool HasSpecialByte(std::uint64_t word) {
  constexpr std::uint64_t kOnes = 0x0101010101010101;
  constexpr std::uint64_t kHighs = 0x8080808080808080;
  const std::uint64_t quote = word ^ (kOnes * '"');
  const std::uint64_t backslash = word ^ (kOnes * '\\');
  const std::uint64_t zero_byte = ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash);
  const std::uint64_t control = word - kOnes * 0x20;  // A byte < 0x20 borrows into bit 7.
  return ((zero_byte | control | word) & kHighs) != 0;
}

// The decimal exponent of the first significant digit of a JSON number token whose
// digits are not all zero ("123" -> 3, "0.05" -> -1, "1e400" -> 401), saturated.
std::int64_t DecimalMagnitude(std::string_view token) {
  std::size_t i = token.starts_with('-') ? 1 : 0;
  std::int64_t magnitude = 0;
  if (token[i] != '0') {
    for (; i < token.size() && IsDigit(token[i]); ++i) ++magnitude;
  } else if (i + 1 < token.size() && token[i + 1] == '.') {
    for (i += 2; i < token.size() && token[i] == '0'; ++i) --magnitude;
  }
  const std::size_t e = token.find_first_of("eE");
  if (e == std::string_view::npos) return magnitude;
  i = e + 1;
  const bool negative = token[i] == '-';
  if (token[i] == '-' || token[i] == '+') ++i;
  std::int64_t exponent = 0;
  constexpr std::int64_t kCap = std::int64_t{1} << 40;
  for (; i < token.size(); ++i) exponent = std::min(exponent * 10 + (token[i] - '0'), kCap);
  return magnitude + (negative ? -exponent : exponent);
}

}  // namespace

bool JsonObject::Parse(std::string_view line) {
  line_ = line;
  pos_ = line.starts_with("\xEF\xBB\xBF") ? 3 : 0;  // nlohmann::json skips one, at the start.
  members_.clear();
  items_.clear();
  buffer_.clear();
  SkipSpace();
  if (!Consume('{')) return Fail();
  SkipSpace();
  if (!Consume('}')) {
    while (true) {
      Member member;
      if (!Consume('"') || !ReadString(&member.key)) return Fail();
      SkipSpace();
      if (!Consume(':')) return Fail();
      SkipSpace();
      if (!ReadValue(&member)) return Fail();
      members_.push_back(member);
      SkipSpace();
      if (Consume('}')) break;
      if (!Consume(',')) return Fail();
      SkipSpace();
    }
  }
  SkipSpace();
  return pos_ == line_.size() || Fail();
}

const JsonObject::Member* JsonObject::Find(std::string_view key) const {
  for (auto it = members_.rbegin(); it != members_.rend(); ++it) {
    if (it->key.size == key.size() && Key(*it) == key) return &*it;
  }
  return nullptr;
}

bool JsonObject::Fail() {
  members_.clear();
  return false;
}

void JsonObject::SkipSpace() {
  while (pos_ < line_.size()) {
    const char c = line_[pos_];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
    ++pos_;
  }
}

bool JsonObject::Consume(char c) {
  if (pos_ >= line_.size() || line_[pos_] != c) return false;
  ++pos_;
  return true;
}

bool JsonObject::ConsumeWord(std::string_view word) {
  if (!line_.substr(pos_).starts_with(word)) return false;
  pos_ += word.size();
  return true;
}

bool JsonObject::ReadValue(Member* member) {
  if (pos_ >= line_.size()) return false;
  switch (line_[pos_]) {
    case '"':
      ++pos_;
      member->kind = Kind::kString;
      return ReadString(&member->string);
    case '[':
      return ReadArray(member);
    case '{':
      member->kind = Kind::kObject;
      return SkipValue();
    case 't':
      member->kind = Kind::kBool;
      member->boolean = true;
      return ConsumeWord("true");
    case 'f':
      member->kind = Kind::kBool;
      return ConsumeWord("false");
    case 'n':
      member->kind = Kind::kNull;
      return ConsumeWord("null");
    default:
      return ReadNumber(member);
  }
}

bool JsonObject::ReadArray(Member* member) {
  ++pos_;  // '['
  member->kind = Kind::kArray;
  member->all_strings = true;
  member->first_item = items_.size();
  SkipSpace();
  if (!Consume(']')) {
    while (true) {
      if (Consume('"')) {
        Text item;
        if (!ReadString(member->all_strings ? &item : nullptr)) return false;
        if (member->all_strings) items_.push_back(item);
      } else {
        if (member->all_strings) {
          member->all_strings = false;
          items_.resize(member->first_item);
        }
        if (!SkipValue()) return false;
      }
      SkipSpace();
      if (Consume(']')) break;
      if (!Consume(',')) return false;
      SkipSpace();
    }
  }
  member->item_count = items_.size() - member->first_item;
  return true;
}

bool JsonObject::ReadNumber(Member* member) {
  const std::size_t start = pos_;
  const bool negative = Consume('-');
  if (Consume('0')) {
  } else if (pos_ < line_.size() && IsDigit(line_[pos_])) {
    while (pos_ < line_.size() && IsDigit(line_[pos_])) ++pos_;
  } else {
    return false;
  }
  const std::size_t integer_end = pos_;
  if (Consume('.')) {
    if (pos_ >= line_.size() || !IsDigit(line_[pos_])) return false;
    while (pos_ < line_.size() && IsDigit(line_[pos_])) ++pos_;
  }
  if (Consume('e') || Consume('E')) {
    if (!Consume('+')) Consume('-');
    if (pos_ >= line_.size() || !IsDigit(line_[pos_])) return false;
    while (pos_ < line_.size() && IsDigit(line_[pos_])) ++pos_;
  }
  const char* const data = line_.data();
  if (integer_end == pos_) {
    std::uint64_t magnitude = 0;
    const std::errc error =
        std::from_chars(data + start + (negative ? 1 : 0), data + integer_end, magnitude).ec;
    constexpr std::uint64_t kMinMagnitude = std::uint64_t{1} << 63;  // Of int64's minimum.
    if (error == std::errc() && !negative) {
      member->kind = Kind::kUnsigned;
      member->unsigned_integer = magnitude;
      return true;
    }
    if (error == std::errc() && magnitude <= kMinMagnitude) {
      member->kind = Kind::kInteger;
      member->integer = magnitude == kMinMagnitude ? std::numeric_limits<std::int64_t>::min()
                                                   : -static_cast<std::int64_t>(magnitude);
      return true;
    }
    // Out of range: a float, as nlohmann::json makes it.
  }
  member->kind = Kind::kFloat;
  const std::errc error = std::from_chars(data + start, data + pos_, member->floating).ec;
  if (error == std::errc()) return true;
  // from_chars says out of range for a value that overflows a double (nlohmann::json
  // rejects the line: "number overflow") and for one that underflows to zero (strtod's
  // result, which nlohmann keeps).
  if (error != std::errc::result_out_of_range) return false;
  if (DecimalMagnitude(line_.substr(start, pos_ - start)) > 0) return false;
  member->floating = negative ? -0.0 : 0.0;
  return true;
}

bool JsonObject::ReadString(Text* text) {
  const auto* const data = reinterpret_cast<const unsigned char*>(line_.data());
  const unsigned char* const end = data + line_.size();
  const std::size_t start = pos_;
  const unsigned char* p = data + pos_;
  // Plain bytes first: a string without escapes stays a view into the line.
  while (true) {
    while (end - p >= 8) {
      std::uint64_t word;
      std::memcpy(&word, p, 8);
      if (HasSpecialByte(word)) break;
      p += 8;
    }
    if (p == end) return false;
    if (*p == '"') {
      if (text != nullptr) *text = {start, static_cast<std::size_t>(p - data) - start, false};
      pos_ = static_cast<std::size_t>(p - data) + 1;
      return true;
    }
    if (*p == '\\') break;
    if (*p < 0x20) return false;
    if (*p < 0x80) {
      ++p;
      continue;
    }
    const std::size_t length = Utf8SequenceLength(p, end);
    if (length == 0) return false;
    p += length;
  }
  // Escapes: the decoded string goes to buffer_, in runs of plain bytes.
  const std::size_t buffer_start = buffer_.size();
  if (text != nullptr && end - p > kLongLineBytes) ReserveForString(data + start, end);
  const unsigned char* run = data + start;
  auto flush = [&] {
    if (text != nullptr) buffer_.append(reinterpret_cast<const char*>(run), p - run);
  };
  while (true) {
    if (p == end) return false;
    const unsigned char c = *p;
    if (c == '"') {
      flush();
      if (text != nullptr) *text = {buffer_start, buffer_.size() - buffer_start, true};
      pos_ = static_cast<std::size_t>(p - data) + 1;
      return true;
    }
    if (c < 0x20) return false;
    if (c < 0x80) {
      if (c != '\\') {
        ++p;
        continue;
      }
    } else {
      const std::size_t length = Utf8SequenceLength(p, end);
      if (length == 0) return false;
      p += length;
      continue;
    }
    flush();
    if (end - p < 2) return false;
    char decoded;
    switch (p[1]) {
      case '"':
      case '\\':
      case '/':
        decoded = static_cast<char>(p[1]);
        break;
      case 'b':
        decoded = '\b';
        break;
      case 'f':
        decoded = '\f';
        break;
      case 'n':
        decoded = '\n';
        break;
      case 'r':
        decoded = '\r';
        break;
      case 't':
        decoded = '\t';
        break;
      case 'u': {
        // \uXXXX, or a surrogate pair \uD8xx\uDCxx; a lone or reversed surrogate is invalid.
        std::int32_t code_point = HexQuad(p + 2, end);
        if (code_point < 0 || (code_point >= 0xDC00 && code_point <= 0xDFFF)) return false;
        p += 6;
        if (code_point >= 0xD800 && code_point <= 0xDBFF) {
          if (end - p < 2 || p[0] != '\\' || p[1] != 'u') return false;
          const std::int32_t low = HexQuad(p + 2, end);
          if (low < 0xDC00 || low > 0xDFFF) return false;
          code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
          p += 6;
        }
        if (text != nullptr) utf8::Append(static_cast<char32_t>(code_point), &buffer_);
        run = p;
        continue;
      }
      default:
        return false;
    }
    if (text != nullptr) buffer_.push_back(decoded);
    p += 2;
    run = p;
  }
}

void JsonObject::ReserveForString(const unsigned char* p, const unsigned char* end) {
  // The string's raw bytes (from `p`, its first) bound its decoded ones (an escape decodes
  // shorter): reserving them spares a huge string the copies of doubling (its size again,
  // for a moment).
  const unsigned char* close = p;
  while (true) {
    close = static_cast<const unsigned char*>(std::memchr(close, '"', end - close));
    if (close == nullptr) return;  // Unterminated: ReadString fails.
    const unsigned char* slash = close;
    while (slash > p && slash[-1] == '\\') --slash;
    if ((close - slash) % 2 == 0) break;  // Not escaped.
    ++close;
  }
  buffer_.reserve(buffer_.size() + static_cast<std::size_t>(close - p));
}

bool JsonObject::SkipKey() {
  if (!Consume('"') || !ReadString(nullptr)) return false;
  SkipSpace();
  if (!Consume(':')) return false;
  SkipSpace();
  return true;
}

bool JsonObject::SkipScalar() {
  if (pos_ >= line_.size()) return false;
  switch (line_[pos_]) {
    case '"':
      ++pos_;
      return ReadString(nullptr);
    case 't':
      return ConsumeWord("true");
    case 'f':
      return ConsumeWord("false");
    case 'n':
      return ConsumeWord("null");
    default: {
      Member number;
      return ReadNumber(&number);
    }
  }
}

bool JsonObject::SkipValue() {
  stack_.clear();
  while (true) {
    // At a value.
    if (pos_ >= line_.size()) return false;
    const char open = line_[pos_];
    if (open == '[' || open == '{') {
      ++pos_;
      SkipSpace();
      if (!Consume(open == '[' ? ']' : '}')) {
        stack_.push_back(open);
        if (open == '{' && !SkipKey()) return false;
        continue;
      }
    } else if (!SkipScalar()) {
      return false;
    }
    // After a value: close containers, then go on to the next element, if any.
    while (true) {
      if (stack_.empty()) return true;
      SkipSpace();
      if (Consume(stack_.back() == '[' ? ']' : '}')) {
        stack_.pop_back();
        continue;
      }
      if (!Consume(',')) return false;
      SkipSpace();
      if (stack_.back() == '{' && !SkipKey()) return false;
      break;
    }
  }
}

}  // namespace hexaglot::ingest
