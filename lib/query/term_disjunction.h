// Top-k of the commonest ranked query, one scored term or an OR of scored terms, over one
// segment: MaxScore (Turtle and Flood, 1995) applied window by window, as Lucene 9's
// MaxScoreBulkScorer does, instead of document by document through a scorer tree.
//
// Each window of at most kMaxTermWindow documents ends where the first current posting
// block of the previous window's essential terms ends (all terms' for the first window),
// and every term is bounded over it by the largest of its block bounds there. The terms
// whose bounds add up to less than the minimum competitive score are non-essential there:
// only documents of the other (essential) terms are candidates. The essential terms are
// read and scored a batch of postings at a time (lengths gathered, BM25 in a loop that
// vectorises) into the window's tables. Candidates whose essential scores plus every
// non-essential bound fall below the minimum are dropped; then each non-essential term,
// the largest bound first, adds its score to the survivors it matches (seeking to each,
// or reading its postings in the window when the survivors are many), and the survivors
// are filtered again with what is left of the bounds. A window whose bounds all add up to
// less is skipped without decoding.
//
// Exactness: a document's score is the sum of its terms' BM25 scores in clause order,
// starting from 0.0, as the scorer tree's disjunction computes it (and a single term's
// score plus nothing is itself), so both paths give bitwise equal scores; only documents
// whose bound (times kBoundSlack) is below the minimum are left out, and a document equal
// to the minimum is still offered (query/top_k.h: it may rank before by index order).
// Before the first window of a search the minimum gets a floor: the k-th best score of
// one term's short list, which k documents of the OR reach at least (their scores add
// non-negative terms, and rounding is monotone).
// The differential tests in tests/query/top_k_test.cc compare it with scoring every match.
//
// Thread safety: one thread per call; the segment is only read. Each thread keeps the
// tables of its last call for the next (at most about 85 KB, plus 32 KB per term of its
// widest OR) until it exits.

#ifndef HEXAGLOT_QUERY_TERM_DISJUNCTION_H_
#define HEXAGLOT_QUERY_TERM_DISJUNCTION_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "format/posting_cursor.h"
#include "format/segment.h"
#include "hexaglot/status.h"
#include "index/snapshot.h"
#include "scoring/bm25.h"

namespace hexaglot::query {

class Collector;  // query/collector.h

// The most terms a flat OR may have to take this path (a bit each in a 32-bit mask);
// wider ORs (a prefix's expansions) go through the scorer tree.
inline constexpr std::size_t kMaxTermClauses = 32;
// The most documents of one window (the size of its tables): 4096 beat 2048 and 8192 on
// the comparison corpus.
inline constexpr DocId kMaxTermWindow = 4096;

// One term of the OR: its cursor over the segment, its BM25 scorer (not null) and the
// document lengths of its field.
struct TermClause {
  std::unique_ptr<PostingCursor> cursor;
  const scoring::Bm25Term* bm25 = nullptr;
  format::LengthColumn lengths;
  format::TermInfo info;  // To open another cursor over the same postings.
};

// Offers `collector` the live documents of `segment` that match any of `clauses` and may
// compete (see above), tagged with `segment_index` and `query_index`, and counts them in
// `scored`. REQUIRES: 1 <= clauses.size() <= kMaxTermClauses, in the query's clause order,
// each cursor fresh (on its first document) and opened over segment.reader.
// Corruption when a cursor fails.
Status CollectTermDisjunction(std::vector<TermClause> clauses, const index::SegmentView& segment,
                              std::uint32_t segment_index, std::uint32_t query_index,
                              Collector& collector, std::uint64_t& scored);

}  // namespace hexaglot::query

#endif  // HEXAGLOT_QUERY_TERM_DISJUNCTION_H_
