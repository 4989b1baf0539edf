// A seeded generator of English benchmark paragraphs and query sets, learnt from real text.
//
// CorpusModel learns, from real English paragraphs: a word-bigram model over whitespace
// tokens (punctuation and case kept, so text reads like its source), the unigram
// rank-frequency curve and its fitted Zipf exponent, the words that open paragraphs, and an
// empirical distribution of paragraph lengths (in tokens). GenerateCorpus() then writes
// paragraphs by walking the bigram chain (jumping with probability kBackoff, or where the
// chain ends, to a word drawn by its source frequency). The vocabulary grows with the
// corpus by Heaps' law; the grown ranks past the learnt words are synthetic pronounceable
// words, drawn at the rate the fitted Zipf law gives them, so that the rank-frequency
// curve continues past the learnt vocabulary and large corpora get a realistic long tail
// of rare terms instead of a fixed vocabulary.
//
// Determinism: same model, seed and options => byte-identical output. Random numbers come
// from our own xoshiro256** and integer/inverse-CDF draws, never from std:: distributions
// (whose results differ between standard libraries). The Zipf table uses std::pow, so
// identity across different libm builds is not promised.
//
// Thread safety: a CorpusModel is immutable after Learn() and may be shared.
// Errors: Learn() returns InvalidArgument when it has no text to learn from; GenerateCorpus()
// returns IOError when a stream fails.

#ifndef HEXAGLOT_BENCH_CORPUS_MODEL_H_
#define HEXAGLOT_BENCH_CORPUS_MODEL_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "hexaglot/status.h"

namespace hexaglot::bench {

// The probability of leaving the bigram chain for a fresh draw of a learnt word.
inline constexpr double kBackoff = 0.1;
// Heaps' law exponent used to grow the vocabulary with the number of generated tokens.
inline constexpr double kHeapsBeta = 0.5;

class CorpusModel {
 public:
  // Learns the bigram chain and the Zipf curve from `paragraphs` and the length
  // distribution from `lengths` (token counts; zeros are ignored).
  // REQUIRES: nothing; empty inputs give InvalidArgument.
  static Result<CorpusModel> Learn(const std::vector<std::string>& paragraphs,
                                   const std::vector<std::uint32_t>& lengths);

  // Distinct tokens, most frequent first (ties in byte order).
  const std::vector<std::string>& vocabulary() const { return words_; }
  std::uint64_t token_count() const { return token_count_; }
  // The exponent s of count(rank) ~ rank^-s, fitted by least squares in log-log space over
  // the ranks whose count is at least 2.
  double zipf_exponent() const { return zipf_exponent_; }
  double mean_length() const;

 private:
  friend class CorpusWriter;
  struct Successors {
    std::vector<std::uint32_t> next;        // Word ids.
    std::vector<std::uint64_t> cumulative;  // Running sum of bigram counts.
  };

  std::vector<std::string> words_;
  std::vector<std::uint64_t> counts_;
  std::vector<Successors> successors_;
  std::vector<std::uint32_t> start_words_;
  std::vector<std::uint64_t> start_cumulative_;
  std::vector<std::uint32_t> lengths_;
  std::uint64_t token_count_ = 0;
  double zipf_exponent_ = 1.0;
};

struct GenerateOptions {
  std::uint64_t seed = 1;
  std::uint64_t paragraphs = 1000;
  // Queries of each kind (OR, AND, phrase). Fewer are written when the corpus is too small
  // to supply them; GenerateStats says how many.
  std::uint32_t queries_per_kind = 1000;
  std::string lang = "en";
};

struct GenerateStats {
  std::uint64_t paragraphs = 0;
  std::uint64_t tokens = 0;
  std::uint64_t text_bytes = 0;
  std::uint64_t vocabulary_limit = 0;  // Learnt plus grown (synthetic) word ranks.
  std::uint32_t or_queries = 0;
  std::uint32_t and_queries = 0;
  std::uint32_t phrase_queries = 0;
};

// Writes options.paragraphs lines `{"id":"gen-00000001","lang":"en","text":"..."}` to
// `corpus` and the query set to `queries` as `qid<TAB>lang<TAB>query` lines, OR queries
// first (`or-000001`, 2-5 space-separated terms), then AND (`and-000001`, terms joined by
// " AND "), then phrases (`phrase-000001`, 2-4 words in double quotes). Query terms are
// lower-case ASCII content words (no stop words) taken from one generated paragraph, so
// every AND query and every phrase matches at least that paragraph.
Result<GenerateStats> GenerateCorpus(const CorpusModel& model, const GenerateOptions& options,
                                     std::ostream& corpus, std::ostream& queries);

// Splits on ASCII whitespace.
std::vector<std::string_view> SplitTokens(std::string_view text);

// The paragraphs of the compendium's markdown-like text: lines that, after an optional
// "- " bullet, open with a paragraph number "12." (removed) or a sub-item "(a)" (kept).
// Headings, key-topic lists and page footers are skipped.
std::vector<std::string> CompendiumParagraphs(std::string_view markdown);

}  // namespace hexaglot::bench

#endif  // HEXAGLOT_BENCH_CORPUS_MODEL_H_
