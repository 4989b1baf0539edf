// An analyzer that tells which memo entry each token's term came from (internal).
//
// The analyzer memoises what its pipeline makes of each distinct segment (analyzer.cc).
// The inverter looks every token's term up in its own term table; with the entry of each
// token it keeps the term id per entry instead, and hashes and compares a term's key only
// the first time an entry is seen (lib/index/inverter.cc).

#ifndef HEXAGLOT_ANALYSIS_MEMO_ANALYZER_H_
#define HEXAGLOT_ANALYSIS_MEMO_ANALYZER_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "hexaglot/analyzer.h"
#include "hexaglot/status.h"

namespace hexaglot::analysis {

class MemoAnalyzer : public Analyzer {
 public:
  // Entries are numbered below kMaxMemoEntries.
  static constexpr std::size_t kMaxMemoEntries = std::size_t{1} << 14;
  // The entry of a token that has none (a Han bigram, an overlong word).
  static constexpr std::uint32_t kNoEntry = UINT32_MAX;

  // Analyze, and sets (*entries)[i] to the memo entry of (*tokens)[i] or kNoEntry (an
  // exact-form token's is its stem's entry + kMaxMemoEntries, so below twice that). An
  // entry stands for the same term until memo_generation() changes (the memo starts over
  // when full); the entries of one call all belong to the generation after it.
  virtual Status AnalyzeWithEntries(std::string_view text, std::vector<Token>* tokens,
                                    std::vector<std::uint32_t>* entries) = 0;
  virtual std::uint64_t memo_generation() const = 0;
  // The positions the last call assigned, stop words after its last token included: where
  // the positions of the text that follows go on (AnalyzeInWindows).
  virtual std::uint32_t positions_used() const = 0;

 protected:
  using Analyzer::Analyzer;
};

// Analyzer::Create's analyzer, with its memo entries.
Result<std::unique_ptr<MemoAnalyzer>> CreateMemoAnalyzer(Language language,
                                                         const AnalyzerOptions& options);

// The first offset at or after `from` (and > 0) where `text` may be cut into windows that
// analyse, one after the other, into the tokens of the whole text: after ASCII white space
// or U+3001, U+3002, U+FF01, U+FF1F (UAX #29 breaks after them whatever follows, and no
// Han run or word spans them), and not before a character that UAX #29 attaches to the
// one before it (Extend, Format, ZWJ). text.size() when there is none.
std::size_t NextSafeCut(std::string_view text, std::size_t from);

// AnalyzeWithEntries over `text` in windows of at least `window_bytes` (up to the next
// safe cut; the rest of the text when it has none), so that a huge text never holds more
// than a window's tokens. Calls `sink` after each window with *tokens and *entries as
// AnalyzeWithEntries of the whole text gives them for that window: positions and byte
// offsets count from the start of `text`. Returns the positions used in all (as
// positions_used() of a whole-text call). REQUIRES: window_bytes > 0.
Result<std::uint32_t> AnalyzeInWindows(MemoAnalyzer* analyzer, std::string_view text,
                                       std::size_t window_bytes, std::vector<Token>* tokens,
                                       std::vector<std::uint32_t>* entries,
                                       const std::function<Status()>& sink);

}  // namespace hexaglot::analysis

#endif  // HEXAGLOT_ANALYSIS_MEMO_ANALYZER_H_
