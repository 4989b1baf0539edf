// Text helpers shared by the ingest parsers: line splitting, inline markdown clean-up,
// joining broken paragraphs, and a folded form for matching headings and cue words in
// any of the six languages. Internal to lib/ingest. All functions take valid UTF-8.

#ifndef HEXAGLOT_INGEST_INLINE_TEXT_H_
#define HEXAGLOT_INGEST_INLINE_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace hexaglot::ingest {

// `text` without a leading UTF-8 byte order mark.
std::string_view StripBom(std::string_view text);

// The lines of `text`, split at "\n", "\r\n" or a lone "\r", without their terminators.
// A final terminator does not start an empty line.
std::vector<std::string_view> SplitLines(std::string_view text);

// The text a reader sees: markdown emphasis ("**", "*", "_" at word edges), bidi controls,
// byte order marks, soft hyphens and zero-width spaces removed; every run of Unicode white
// space (tabs, no-break and ideographic spaces) made one ASCII space; trimmed.
std::string CleanInline(std::string_view text);

// CleanInline without the markdown part: for text that is not markdown (JSON fields).
// REQUIRES: text is valid UTF-8 (as CleanInline's).
std::string NormalizeSpace(std::string_view text);
// The same in place: a huge text is not copied.
void NormalizeSpaceInPlace(std::string* text);

// True when `line` holds nothing but white space and invisible format characters.
bool IsBlank(std::string_view line);

// Appends `next` to `*text` with one space between them, or with none when the boundary
// lies between CJK characters or punctuation (Chinese is written without spaces).
void AppendJoined(std::string* text, std::string_view next);

// True when `text` ends a sentence: its last character, after closing quotes and
// brackets, is a full stop, question or exclamation mark in any of the six languages.
bool EndsSentence(std::string_view text);

// True when the first letter of `text` is lower-case.
bool StartsLowercase(std::string_view text);

// The value of a decimal digit in any script (ASCII, Arabic-Indic, Eastern Arabic-Indic,
// full-width, ...), or -1.
int DigitValue(char32_t c);

// The folded form used to compare labels and find cue words: case folded, Arabic
// diacritics and tatweel removed, alef variants made bare alef, decimal digits made ASCII,
// white space collapsed as CleanInline does.
std::string MatchKey(std::string_view text);

// True for letters and digits of any script: what a word is made of.
bool IsWordChar(char32_t c);

}  // namespace hexaglot::ingest

#endif  // HEXAGLOT_INGEST_INLINE_TEXT_H_
