#include "query/top_k.h"

#include "query/collector.h"
#include "query/term_disjunction.h"
#include "util/status_macros.h"

namespace hexaglot::query {
namespace {

// Runs one scorer over its segment into `collector`.
Status Collect(Scorer& scorer, const index::SegmentView& segment, std::uint32_t segment_index,
               std::uint32_t query_index, Pruning pruning, Collector& collector,
               std::uint64_t& scored) {
  const bool prune = pruning == Pruning::kOn;
  if (prune && collector.full()) {
    // Only documents scoring below the minimum are skipped: one equal to it may still
    // come earlier in index order (several languages share a segment).
    if (scorer.MaxScore() < collector.minimum()) return Status::OK();
    scorer.SetMinCompetitiveScore(collector.minimum());
  }
  DocId window_end = 0;
  bool window = false;  // Whether [.., window_end] was checked against the minimum.
  DocId doc = scorer.doc();
  while (doc != kEndDoc) {
    if (prune && collector.full() && (!window || doc > window_end)) {
      window_end = scorer.AdvanceShallow(doc);
      window = true;
      if (scorer.MaxScore(window_end) < collector.minimum()) {
        if (window_end == kEndDoc) break;
        window = false;
        doc = scorer.Advance(window_end + 1);
        continue;
      }
    }
    if (segment.IsLive(doc)) {
      const ScoredDoc hit{scorer.Score(), segment_index, doc, query_index};
      ++scored;
      if (collector.Collect(hit) && prune) {
        scorer.SetMinCompetitiveScore(collector.minimum());
        window = false;
      }
    }
    doc = scorer.Next();
  }
  return scorer.status();
}

}  // namespace

Result<std::vector<ScoredDoc>> TopK(const index::Snapshot& snapshot,
                                    std::span<const CompiledQuery* const> queries, std::size_t k,
                                    Pruning pruning, TopKStats* stats) {
  Collector collector(k);
  std::uint64_t scored = 0;
  const std::vector<index::SegmentView>& segments = snapshot.segments();
  for (std::size_t s = 0; s < segments.size(); ++s) {
    for (std::size_t q = 0; q < queries.size(); ++q) {
      if (pruning == Pruning::kOn) {
        HEXAGLOT_ASSIGN_OR_RETURN(std::optional<std::vector<TermClause>> clauses,
                                  queries[q]->MakeTermClauses(*segments[s].reader));
        if (clauses) {
          if (stats != nullptr) ++stats->term_disjunctions;
          if (clauses->empty()) continue;
          HEXAGLOT_RETURN_IF_ERROR(CollectTermDisjunction(
              *std::move(clauses), segments[s], static_cast<std::uint32_t>(s),
              static_cast<std::uint32_t>(q), collector, scored));
          continue;
        }
      }
      HEXAGLOT_ASSIGN_OR_RETURN(std::unique_ptr<Scorer> scorer,
                                queries[q]->MakeScorer(*segments[s].reader));
      if (!scorer) continue;
      HEXAGLOT_RETURN_IF_ERROR(Collect(*scorer, segments[s], static_cast<std::uint32_t>(s),
                                       static_cast<std::uint32_t>(q), pruning, collector, scored));
    }
  }
  if (stats != nullptr) stats->scored = scored;
  return collector.Take();
}

}  // namespace hexaglot::query
