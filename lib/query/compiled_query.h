// CompiledQuery: a Query analysed in one language, with that language's BM25 statistics,
// ready to make a Scorer over any segment of one snapshot.
//
// Compilation rules (README, "Ranking"; include/hexaglot/searcher.h):
// - A text, theme or topic word is analysed; the terms it yields are keyed in the
//   language. Several terms from one word (Chinese bigrams, "e-mail", a stem and its
//   exact form) form an OR, each scored by its own statistics; a word
//   yielding none (a removed stop word) drops out of the query, and so does a group left
//   with no positive clause. A query that drops out entirely matches nothing.
// - Stop words kept in the index (Token::stop_word) are searched as words while the query
//   has fewer than kWordsToLeaveOutStopWords other words (a known-item query of a few
//   words: every word typed counts), and left out from that many on (a question in natural
//   language: its function words only add noise).
// - A phrase keeps the analyser's positions and matches stems (exact forms left out); its
//   stop words, removed or indexed, are gaps that any word fills (a phrase of stop words
//   only keeps them); a phrase of one position is a word.
// - A prefix is normalised without stemming, then expanded over the snapshot's terms of
//   the language (InvalidArgument past kMaxQueryClauses terms) and scored as an OR.
// - Only text terms outside kFilter and kMustNot clauses are scored; every other field
//   matches with score 0. With field boosts (Bm25Params), a scored text word is an OR of
//   its text terms and the same terms in the theme and topic fields, each scored by its
//   own field's lengths and statistics times the boost. A year range expands to the years present
//   in the index.
// - Documents of other languages never match: when nothing in the query requires a term
//   keyed in the language (filter-only queries), the language is added as a filter.
//
// Thread safety: immutable after Compile; scorers borrow it and must not outlive it.

#ifndef HEXAGLOT_QUERY_COMPILED_QUERY_H_
#define HEXAGLOT_QUERY_COMPILED_QUERY_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "format/fields.h"
#include "format/segment.h"
#include "hexaglot/analyzer.h"
#include "hexaglot/query.h"
#include "hexaglot/status.h"
#include "index/snapshot.h"
#include "query/scorer.h"
#include "query/term_disjunction.h"
#include "scoring/bm25.h"

namespace hexaglot::query {

// From this many words that are not stop words on, a query leaves its stop words out
// (README "Stop words": below it, known-item queries of UN text ranked better with them;
// from it on, natural-language questions ranked the same as without them in the index).
inline constexpr int kWordsToLeaveOutStopWords = 4;

// One term of a compiled query.
struct QueryTerm {
  std::string key;  // Its dictionary key (format::TermKey).
  format::FieldId field = format::FieldId::kText;
  std::string term;                       // The analysed term or the exact value.
  std::optional<scoring::Bm25Term> bm25;  // Set for scored terms.
  std::uint64_t doc_freq = 0;             // Over the snapshot (scored terms).
  // The scored field whose lengths normalise it (format::kScoredFields): the text, or
  // the theme or topic of a boosted term (Bm25Params' field boosts) with its own average.
  int scored_field = 0;
  double average_length = 0.0;  // Of the field's lengths in the language (scored terms).
  // Scored terms: the dictionary entry in each segment of the snapshot compiled against
  // (in its order; nullopt where absent), found for doc_freq and used again by the
  // scorers instead of a second lookup.
  std::vector<std::optional<format::TermInfo>> segment_infos{};
};

class CompiledQuery {
 public:
  // REQUIRES: query.Validate() is OK; `analyzer` analyses `language` with the index's
  // options and `prefix_analyzer` the same without stemming and stop words.
  // InvalidArgument for invalid UTF-8, an unknown lang: code or too wide a prefix;
  // Corruption from the dictionaries.
  static Result<CompiledQuery> Compile(const Query& query, Language language, Analyzer& analyzer,
                                       Analyzer& prefix_analyzer, const index::Snapshot& snapshot,
                                       const scoring::Bm25Params& params);

  Language language() const { return language_; }
  // True when every clause dropped out: no document matches.
  bool empty() const { return !root_.has_value(); }
  const std::vector<QueryTerm>& terms() const { return terms_; }
  std::uint64_t doc_count() const { return doc_count_; }
  double average_length() const { return average_length_; }

  // The scorer of the query over `segment`, or null when nothing can match there.
  // Corruption from the segment's dictionary or postings.
  Result<std::unique_ptr<Scorer>> MakeScorer(const format::SegmentReader& segment) const;
  // When the query is one scored term or an OR of at most kMaxTermClauses scored terms
  // and nothing else, the cursors of its terms over `segment` in clause order (the terms
  // the segment lacks left out; empty when it has none), for CollectTermDisjunction;
  // nullopt for any other query. Corruption from the segment's dictionary or postings.
  Result<std::optional<std::vector<TermClause>>> MakeTermClauses(
      const format::SegmentReader& segment) const;

  struct Node {
    enum class Kind : std::uint8_t { kNothing, kTerm, kPhrase, kBoolean };
    Kind kind = Kind::kNothing;
    std::vector<int> terms;              // kTerm: one; kPhrase: one per position, in order.
    std::vector<std::uint32_t> offsets;  // kPhrase: positions relative to the first.
    int slop = 0;
    std::vector<Occur> occurs;  // kBoolean: each child's occurrence.
    std::vector<Node> children;
    bool keyed = false;  // Matches only documents of the query's language.
  };

 private:
  CompiledQuery() = default;

  Result<std::unique_ptr<Scorer>> Make(const Node& node,
                                       const format::SegmentReader& segment) const;
  // The term's entry in `segment`: kept from compiling when the segment is one of the
  // snapshot's, else looked up.
  Result<std::optional<format::TermInfo>> FindTerm(const QueryTerm& term,
                                                   const format::SegmentReader& segment) const;

  Language language_ = Language::kEnglish;
  std::vector<QueryTerm> terms_;
  std::optional<Node> root_;
  std::uint64_t doc_count_ = 0;
  double average_length_ = 0.0;
  // The snapshot's segments, in order (QueryTerm::segment_infos).
  std::vector<const format::SegmentReader*> segments_;

  friend class Compiler;
};

}  // namespace hexaglot::query

#endif  // HEXAGLOT_QUERY_COMPILED_QUERY_H_
