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

  // Analyze, and sets (*entries)[i] to the memo entry of (*tokens)[i] or kNoEntry. An
  // entry stands for the same term until memo_generation() changes (the memo starts over
  // when full); the entries of one call all belong to the generation after it.
  virtual Status AnalyzeWithEntries(std::string_view text, std::vector<Token>* tokens,
                                    std::vector<std::uint32_t>* entries) = 0;
  virtual std::uint64_t memo_generation() const = 0;

 protected:
  using Analyzer::Analyzer;
};

// Analyzer::Create's analyzer, with its memo entries.
Result<std::unique_ptr<MemoAnalyzer>> CreateMemoAnalyzer(Language language,
                                                         const AnalyzerOptions& options);

}  // namespace hexaglot::analysis

#endif  // HEXAGLOT_ANALYSIS_MEMO_ANALYZER_H_
