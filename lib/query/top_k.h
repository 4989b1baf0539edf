// Top-k: the k best documents of compiled queries over a snapshot, exactly.
//
// Order: score descending, then index order (segment order in the manifest, then doc id).
// With Pruning::kOn the k-th best score so far is the minimum competitive score: windows
// of postings whose block bounds cannot reach it are skipped and disjunctions keep only
// their essential lists (MaxScore). A document's score never depends on the mode, so
// kOn and kOff (every match scored) return the same documents and bitwise equal scores;
// kOff is the reference of the differential tests and benchmarks. With kOn, one-term and
// flat-OR queries run window by window (query/term_disjunction.h), the others through
// their scorer tree.
//
// Thread safety: reentrant; the queries and the snapshot are only read.

#ifndef HEXAGLOT_QUERY_TOP_K_H_
#define HEXAGLOT_QUERY_TOP_K_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "format/posting_cursor.h"
#include "hexaglot/status.h"
#include "index/snapshot.h"
#include "query/compiled_query.h"

namespace hexaglot::query {

enum class Pruning : std::uint8_t { kOn = 0, kOff = 1 };

struct ScoredDoc {
  double score = 0.0;
  std::uint32_t segment = 0;  // Index in snapshot.segments().
  DocId doc = 0;
  std::uint32_t query = 0;  // Index in `queries` of the query that matched it.
};

// What a TopK call did, for tests and benchmarks.
struct TopKStats {
  std::uint64_t scored = 0;  // Documents whose score was computed.
  // Segment runs of one-term or flat-OR queries that took CollectTermDisjunction.
  std::uint64_t term_disjunctions = 0;
};

// True when `a` ranks before `b`.
inline bool RanksBefore(const ScoredDoc& a, const ScoredDoc& b) {
  if (a.score != b.score) return a.score > b.score;
  if (a.segment != b.segment) return a.segment < b.segment;
  return a.doc < b.doc;
}

// The best `k` live documents matching any of `queries`, best first. A document is
// matched by at most one of them (each matches only its own language's documents).
// REQUIRES: k >= 1. Corruption when postings fail.
Result<std::vector<ScoredDoc>> TopK(const index::Snapshot& snapshot,
                                    std::span<const CompiledQuery* const> queries, std::size_t k,
                                    Pruning pruning, TopKStats* stats = nullptr);

}  // namespace hexaglot::query

#endif  // HEXAGLOT_QUERY_TOP_K_H_
