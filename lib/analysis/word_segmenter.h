// Word segmentation: UTF-8 text -> the byte spans of its word-like segments, as ICU's word
// break iterator (Unicode UAX #29 plus ICU's dictionaries, which segment Chinese) finds
// them. Not installed.
//
// Most text in the compendium is ASCII, where ICU's iterator and per-boundary status calls
// cost more than the rest of the pipeline together. So chunks of pure ASCII between ASCII
// whitespace are segmented by a hand-written scanner that implements the UAX #29 rules
// for ASCII (WB5-WB13b, ICU root tailoring: ':' is not MidLetter); all other text goes to
// ICU. Both give the same spans: word_segmenter_test.cc proves it on random and real text
// (Path::kIcuOnly is the reference).
//
// Why splitting at ASCII whitespace is exact: no UAX #29 rule joins a word-like character
// to a following space, tab, CR, LF, VT or FF, nor such whitespace to a following letter or
// digit; the only joins at whitespace (WB3d space runs, WB4 Extend/Format after a space)
// make non-word segments. Each ICU region starts one byte early, on the whitespace, so that
// WB4 sees the same context as in the whole text.
//
// Thread safety: not thread-safe (the break iterator keeps state); one per analyzer.

#ifndef HEXAGLOT_ANALYSIS_WORD_SEGMENTER_H_
#define HEXAGLOT_ANALYSIS_WORD_SEGMENTER_H_

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "hexaglot/status.h"

namespace hexaglot::analysis {

// A word-like segment: text[start, end) in bytes.
struct WordSpan {
  std::uint32_t start;
  std::uint32_t end;

  friend bool operator==(const WordSpan&, const WordSpan&) = default;
};

class WordSegmenter {
 public:
  enum class Path {
    kFast,     // ASCII scanner where exact, ICU elsewhere (the default).
    kIcuOnly,  // ICU everywhere: the reference the fast path is tested against.
  };

  // Fails with Internal when ICU cannot load its break rules (a broken ICU installation).
  static Result<std::unique_ptr<WordSegmenter>> Create();

  WordSegmenter(const WordSegmenter&) = delete;
  WordSegmenter& operator=(const WordSegmenter&) = delete;
  ~WordSegmenter();

  // Replaces *spans with the word-like segments of `text` in text order: segments whose
  // ICU rule status is not UBRK_WORD_NONE (letters, numbers, ideographs, kana).
  // REQUIRES: text is valid UTF-8 and text.size() <= UINT32_MAX.
  // Errors: Internal if ICU reports an error.
  Status Segment(std::string_view text, std::vector<WordSpan>* spans, Path path = Path::kFast);

 private:
  explicit WordSegmenter(std::unique_ptr<icu::BreakIterator> iterator);

  // ICU over text[begin, end), appending spans with offsets relative to `text`.
  Status SegmentWithIcu(std::string_view text, std::size_t begin, std::size_t end,
                        std::vector<WordSpan>* spans);

  std::unique_ptr<icu::BreakIterator> iterator_;
  UText utext_ = UTEXT_INITIALIZER;
};

}  // namespace hexaglot::analysis

#endif  // HEXAGLOT_ANALYSIS_WORD_SEGMENTER_H_
