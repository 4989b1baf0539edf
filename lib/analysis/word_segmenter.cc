#include "analysis/word_segmenter.h"

#include <unicode/locid.h>
#include <unicode/ubrk.h>

#include <array>
#include <string>
#include <utility>

namespace hexaglot::analysis {
namespace {

// ASCII classes for UAX #29 word breaking (Word_Break property values of ASCII).
enum AsciiClass : std::uint8_t {
  kOther,       // Punctuation, symbols, controls: always a boundary on both sides.
  kLetter,      // ALetter: A-Z a-z.
  kDigit,       // Numeric: 0-9.
  kUnderscore,  // ExtendNumLet: '_'.
  kMidNumLetQ,  // MidNumLet '.' and Single_Quote '\'': join letter.letter, digit.digit.
  kMidNum,      // MidNum ',' ';': join digit,digit only.
  kSpace,       // ASCII whitespace: chunk separator.
};

constexpr auto kAsciiClasses = [] {
  std::array<AsciiClass, 128> classes{};
  for (int c = 'a'; c <= 'z'; ++c) classes[c] = kLetter;
  for (int c = 'A'; c <= 'Z'; ++c) classes[c] = kLetter;
  for (int c = '0'; c <= '9'; ++c) classes[c] = kDigit;
  classes['_'] = kUnderscore;
  classes['.'] = kMidNumLetQ;
  classes['\''] = kMidNumLetQ;
  classes[','] = kMidNum;
  classes[';'] = kMidNum;
  for (char c : {' ', '\t', '\n', '\v', '\f', '\r'}) {
    classes[static_cast<unsigned char>(c)] = kSpace;
  }
  return classes;
}();

inline AsciiClass ClassOf(char c) { return kAsciiClasses[static_cast<unsigned char>(c)]; }

inline bool IsWordChar(AsciiClass c) { return c == kLetter || c == kDigit || c == kUnderscore; }

inline bool IsAsciiSpace(char c) {
  return static_cast<unsigned char>(c) < 0x80 && ClassOf(c) == kSpace;
}

// The end of the chunk that starts at text[begin] (the next ASCII whitespace or the end of
// the text); sets *ascii to whether the chunk is pure ASCII.
std::size_t ChunkEnd(std::string_view text, std::size_t begin, bool* ascii) {
  *ascii = true;
  std::size_t end = begin;
  for (; end < text.size(); ++end) {
    const unsigned char c = static_cast<unsigned char>(text[end]);
    if (c >= 0x80) {
      *ascii = false;
    } else if (kAsciiClasses[c] == kSpace) {
      break;
    }
  }
  return end;
}

// Segments the pure-ASCII chunk text[begin, end) (no whitespace inside, whitespace or the
// text's ends around it) by UAX #29 WB5-WB13b.
void SegmentAsciiChunk(std::string_view text, std::size_t begin, std::size_t end,
                       std::vector<WordSpan>* spans) {
  std::size_t i = begin;
  while (i < end) {
    AsciiClass current = ClassOf(text[i]);
    if (!IsWordChar(current)) {
      ++i;
      continue;
    }
    const std::size_t start = i++;
    while (i < end) {
      const AsciiClass next = ClassOf(text[i]);
      if (IsWordChar(next)) {  // WB5, WB8, WB9, WB10, WB13a, WB13b.
        current = next;
        ++i;
        continue;
      }
      if (i + 1 < end) {
        const AsciiClass after = ClassOf(text[i + 1]);
        const bool letters = next == kMidNumLetQ && current == kLetter && after == kLetter;
        const bool digits =
            (next == kMidNumLetQ || next == kMidNum) && current == kDigit && after == kDigit;
        if (letters || digits) {  // WB6/WB7, WB11/WB12.
          current = after;
          i += 2;
          continue;
        }
      }
      break;
    }
    // ICU gives a lone ExtendNumLet no word status; any longer segment has one.
    if (!(i - start == 1 && text[start] == '_')) {
      spans->push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(i)});
    }
  }
}

}  // namespace

Result<std::unique_ptr<WordSegmenter>> WordSegmenter::Create() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> iterator(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status) || iterator == nullptr) {
    return Status::Internal(std::string("ICU cannot create a word break iterator: ") +
                            u_errorName(status));
  }
  return std::unique_ptr<WordSegmenter>(new WordSegmenter(std::move(iterator)));
}

WordSegmenter::WordSegmenter(std::unique_ptr<icu::BreakIterator> iterator)
    : iterator_(std::move(iterator)) {}

WordSegmenter::~WordSegmenter() { utext_close(&utext_); }

Status WordSegmenter::SegmentWithIcu(std::string_view text, std::size_t begin, std::size_t end,
                                     std::vector<WordSpan>* spans) {
  UErrorCode status = U_ZERO_ERROR;
  utext_openUTF8(&utext_, text.data() + begin, static_cast<int64_t>(end - begin), &status);
  iterator_->setText(&utext_, status);
  if (U_FAILURE(status)) {
    return Status::Internal(std::string("ICU word break iterator failed on the text at byte ") +
                            std::to_string(begin) + ": " + u_errorName(status));
  }
  // Boundaries are native UText indexes, i.e. UTF-8 byte offsets into the region.
  int32_t previous = iterator_->first();
  for (int32_t next = iterator_->next(); next != icu::BreakIterator::DONE;
       previous = next, next = iterator_->next()) {
    if (iterator_->getRuleStatus() >= UBRK_WORD_NONE_LIMIT) {
      spans->push_back({static_cast<std::uint32_t>(begin + static_cast<std::size_t>(previous)),
                        static_cast<std::uint32_t>(begin + static_cast<std::size_t>(next))});
    }
  }
  return Status::OK();
}

Status WordSegmenter::Segment(std::string_view text, std::vector<WordSpan>* spans, Path path) {
  spans->clear();
  if (path == Path::kIcuOnly) return SegmentWithIcu(text, 0, text.size(), spans);

  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    if (IsAsciiSpace(text[i])) {
      ++i;
      continue;
    }
    bool ascii;
    const std::size_t chunk_end = ChunkEnd(text, i, &ascii);
    if (ascii) {
      SegmentAsciiChunk(text, i, chunk_end, spans);
      i = chunk_end;
      continue;
    }
    // An ICU region: this chunk and the following non-ASCII chunks, with the whitespace
    // between them, starting on the whitespace byte before the chunk (see the header).
    const std::size_t region_begin = i > 0 ? i - 1 : 0;
    std::size_t region_end = chunk_end;
    for (;;) {
      std::size_t next = region_end;
      while (next < size && IsAsciiSpace(text[next])) ++next;
      if (next == size) break;
      bool next_ascii;
      const std::size_t next_end = ChunkEnd(text, next, &next_ascii);
      if (next_ascii) break;
      region_end = next_end;
    }
    Status status = SegmentWithIcu(text, region_begin, region_end, spans);
    if (!status.ok()) return status;
    i = region_end;
  }
  return Status::OK();
}

}  // namespace hexaglot::analysis
