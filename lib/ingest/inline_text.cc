#include "ingest/inline_text.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <utility>

#include "util/utf8.h"

namespace hexaglot::ingest {
namespace {

// Invisible characters that PDF conversion leaves in text and that carry no content:
// byte order mark, soft hyphen, zero-width space, and bidi controls (right-to-left
// text comes with LRM/RLM/ALM marks and embeddings around numbers and symbols).
bool IsInvisibleFormat(char32_t c) {
  return c == 0xFEFF || c == 0x00AD || c == 0x200B || c == 0x200E || c == 0x200F || c == 0x061C ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

// ASCII without the ICU call: the White_Space characters below 0x80 are TAB..CR and SPACE.
bool IsSpace(char32_t c) {
  if (c < 0x80) return c == U' ' || (c >= U'\t' && c <= U'\r');
  return u_isUWhiteSpace(static_cast<UChar32>(c)) != 0;
}

bool IsCjk(char32_t c) {
  if ((c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF)) return true;
  UErrorCode error = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &error);
  if (U_FAILURE(error)) return false;
  return script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA ||
         script == USCRIPT_HANGUL;
}

// REQUIRES: !text.empty().
std::size_t LastCharStart(std::string_view text) {
  std::size_t start = text.size() - 1;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  return start;
}

// REQUIRES: !text.empty().
char32_t LastChar(std::string_view text) {
  std::size_t pos = LastCharStart(text);
  return utf8::Next(text, &pos);
}

char32_t FirstChar(std::string_view text) {
  std::size_t pos = 0;
  return utf8::Next(text, &pos);
}

bool IsClosingPunctuation(char32_t c) {
  switch (c) {
    case U'"':
    case U'\'':
    case U')':
    case U']':
    case U'\u201D':  // Right double quotation mark.
    case U'\u2019':  // Right single quotation mark.
    case U'\u00BB':  // Right-pointing guillemet.
    case U'\uFF09':  // Full-width right parenthesis.
    case U'\u300D':  // Right corner bracket.
    case U'\u300F':  // Right white corner bracket.
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string_view StripBom(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  return text;
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  const char* const data = text.data();
  const std::size_t size = text.size();
  std::size_t start = 0;
  // Two memchr scans (libc's are vectorised): the next '\n', found again only once a line
  // passes it (so that text broken by lone '\r's stays linear), then a '\r' before it,
  // which is rare. A byte at a time took 1.5% of `hexaglot index`, half of it in the
  // serial reading of pieces.
  std::size_t end = 0;  // The next '\n' at or after `start`, or `size`; valid once found.
  bool found = false;
  while (start < size) {
    if (!found || end < start) {
      const auto* newline = static_cast<const char*>(std::memchr(data + start, '\n', size - start));
      end = newline == nullptr ? size : static_cast<std::size_t>(newline - data);
      found = true;
    }
    const auto* cr = static_cast<const char*>(std::memchr(data + start, '\r', end - start));
    if (cr != nullptr) {
      const auto at = static_cast<std::size_t>(cr - data);
      lines.push_back(text.substr(start, at - start));
      start = at + 1 < size && data[at + 1] == '\n' ? at + 2 : at + 1;
    } else {
      lines.push_back(text.substr(start, end - start));
      start = end + 1;
    }
  }
  return lines;
}

namespace {

// Decodes as it goes, looking back one character and ahead over an underscore run: a
// decoded copy would take four bytes per character of a huge text.
std::string Clean(std::string_view text, bool remove_emphasis) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  char32_t previous = 0;  // The character before `c`; 0 at the start.
  for (std::size_t pos = 0; pos < text.size();) {
    // Most characters are ASCII letters, digits and punctuation, copied as they are.
    if (const char byte = text[pos]; byte > ' ' && byte < 0x7F && byte != '*' && byte != '_') {
      if (pending_space) out.push_back(' ');
      pending_space = false;
      out.push_back(byte);
      previous = static_cast<char32_t>(byte);
      ++pos;
      continue;
    }
    const std::size_t start = pos;
    const char32_t c = utf8::Next(text, &pos);
    const char32_t before = std::exchange(previous, c);
    if (IsInvisibleFormat(c) || (remove_emphasis && c == U'*')) continue;
    if (remove_emphasis && c == U'_') {
      // Emphasis underscores sit at a word's edge; an underscore inside a word
      // (snake_case, a form's blank line "____") is content.
      std::size_t end = start;
      while (end < text.size() && text[end] == '_') ++end;
      const bool word_before = start > 0 && IsWordChar(before);
      std::size_t after = end;
      const bool word_after = end < text.size() && IsWordChar(utf8::Next(text, &after));
      if (word_before != word_after) {
        pos = end;
        previous = U'_';
        continue;
      }
    }
    if (IsSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    utf8::Append(c, &out);
  }
  return out;
}

}  // namespace

std::string CleanInline(std::string_view text) { return Clean(text, true); }

namespace {

constexpr std::uint64_t kEachByte = 0x0101010101010101;

// Whether some byte of `word` is zero (exact for the word, though not per byte).
constexpr bool HasZeroByte(std::uint64_t word) {
  return ((word - kEachByte) & ~word & (kEachByte * 0x80)) != 0;
}

// Whether the 8 bytes at `p`, and the byte after them, are printable ASCII with no two
// spaces in a row. REQUIRES: p[0..8] readable.
bool IsPlainAscii8(const char* p) {
  std::uint64_t word;
  std::uint64_t next;  // The bytes one further on, lane for lane.
  std::memcpy(&word, p, 8);
  std::memcpy(&next, p + 1, 8);
  const bool high_bit = (word & (kEachByte * 0x80)) != 0;
  // For bytes below 0x80, subtracting 0x20 borrows into the high bit exactly when one is
  // a control character.
  const bool control = ((word - kEachByte * 0x20) & ~word & (kEachByte * 0x80)) != 0;
  const bool del = HasZeroByte(word ^ (kEachByte * 0x7F));
  const bool double_space = HasZeroByte((word ^ (kEachByte * ' ')) | (next ^ (kEachByte * ' ')));
  return !(high_bit || control || del || double_space);
}

}  // namespace

namespace {

// Whether NormalizeSpace would return `text` as it is.
bool IsNormalSpace(std::string_view text) {
  // Most text is already normal: no white space but single inner ASCII spaces, no
  // invisible characters. It is returned as it is after one scan (8 ASCII bytes at a
  // time), without Clean's decoding and re-encoding (a third of the JSON Lines parse for
  // ASCII text, and all non-ASCII text took Clean before this scan decoded it).
  if (text.empty() || text.front() == ' ' || text.back() == ' ') return false;
  for (std::size_t i = 0; i < text.size();) {
    if (i + 9 <= text.size() && IsPlainAscii8(text.data() + i)) {
      i += 8;
      continue;
    }
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x80) {
      const char32_t c = utf8::Next(text, &i);
      if (IsSpace(c) || IsInvisibleFormat(c)) return false;
    } else if (byte < ' ' || byte > '~' || (byte == ' ' && text[i + 1] == ' ')) {
      return false;
    } else {
      ++i;
    }
  }
  return true;
}

}  // namespace

std::string NormalizeSpace(std::string_view text) {
  return IsNormalSpace(text) ? std::string(text) : Clean(text, false);
}

void NormalizeSpaceInPlace(std::string* text) {
  if (IsNormalSpace(*text)) return;
  if (utf8::FindInvalid(*text).has_value()) {
    *text = Clean(*text, false);
    return;
  }
  // As Clean without the markdown part: each kept character keeps its bytes and a run of
  // white space becomes one space, so no byte is written before it is read.
  std::size_t written = 0;
  bool pending_space = false;
  for (std::size_t pos = 0; pos < text->size();) {
    const std::size_t start = pos;
    const char32_t c = utf8::Next(*text, &pos);
    if (IsInvisibleFormat(c)) continue;
    if (IsSpace(c)) {
      pending_space = written > 0;
      continue;
    }
    if (pending_space) (*text)[written++] = ' ';
    pending_space = false;
    std::memmove(text->data() + written, text->data() + start, pos - start);
    written += pos - start;
  }
  text->resize(written);
}

bool IsBlank(std::string_view line) {
  std::size_t pos = 0;
  while (pos < line.size()) {
    const char32_t c = utf8::Next(line, &pos);
    if (!IsSpace(c) && !IsInvisibleFormat(c)) return false;
  }
  return true;
}

void AppendJoined(std::string* text, std::string_view next) {
  if (next.empty()) return;
  if (text->empty()) {
    text->assign(next);
    return;
  }
  if (!IsCjk(LastChar(*text)) || !IsCjk(FirstChar(next))) text->push_back(' ');
  text->append(next);
}

bool EndsSentence(std::string_view text) {
  while (!text.empty()) {
    const std::size_t start = LastCharStart(text);
    std::size_t pos = start;
    const char32_t c = utf8::Next(text, &pos);
    if (IsClosingPunctuation(c) || IsSpace(c)) {
      text = text.substr(0, start);
      continue;
    }
    switch (c) {
      case U'.':
      case U'!':
      case U'?':
      case U'\u2026':  // Ellipsis.
      case U'\u3002':  // Ideographic full stop.
      case U'\uFF0E':  // Full-width full stop.
      case U'\uFF01':  // Full-width exclamation mark.
      case U'\uFF1F':  // Full-width question mark.
      case U'\u061F':  // Arabic question mark.
      case U'\u06D4':  // Arabic full stop.
        return true;
      default:
        return false;
    }
  }
  return false;
}

bool StartsLowercase(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto c = static_cast<UChar32>(utf8::Next(text, &pos));
    if (u_isalpha(c)) return u_isULowercase(c) != 0;
  }
  return false;
}

int DigitValue(char32_t c) { return c < 0x30 ? -1 : u_charDigitValue(static_cast<UChar32>(c)); }

std::string MatchKey(std::string_view text) {
  const std::string clean = CleanInline(text);
  std::string out;
  out.reserve(clean.size());
  std::size_t pos = 0;
  while (pos < clean.size()) {
    char32_t c = utf8::Next(clean, &pos);
    // Arabic harakat, superscript alef and tatweel: optional in writing.
    if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640) continue;
    if (c == 0x0622 || c == 0x0623 || c == 0x0625) c = 0x0627;  // Alef with madda/hamza.
    if (const int digit = DigitValue(c); digit >= 0) {
      out.push_back(static_cast<char>('0' + digit));
      continue;
    }
    utf8::Append(static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT)),
                 &out);
  }
  return out;
}

bool IsWordChar(char32_t c) { return u_isalnum(static_cast<UChar32>(c)) != 0; }

}  // namespace hexaglot::ingest
