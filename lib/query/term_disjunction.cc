#include "query/term_disjunction.h"

#include <algorithm>
#include <array>
#include <bit>
#include <utility>

#include "query/collector.h"
#include "query/term_bound.h"

namespace hexaglot::query {
namespace {

using scoring::kBoundSlack;

class TermDisjunction {
 public:
  TermDisjunction(std::vector<TermClause> clauses, const index::SegmentView& segment,
                  std::uint32_t segment_index, std::uint32_t query_index, Collector& collector)
      : clauses_(std::move(clauses)),
        segment_(segment),
        segment_index_(segment_index),
        query_index_(query_index),
        collector_(collector),
        tfs_(clauses_.size() * kMaxTermWindow),
        window_bounds_(clauses_.size(), 0.0),
        prefix_(clauses_.size() + 1, 0.0),
        order_(clauses_.size()) {
    bounds_.reserve(clauses_.size());
    for (const TermClause& clause : clauses_) {
      bounds_.emplace_back(clause.cursor.get(), clause.bm25);
    }
    for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = i;
  }

  Status Run(std::uint64_t& scored) {
    // Cursors that a window left behind (non-essential ones, or all of a skipped window)
    // stay where they are: their next document is at or after `first`, and they are
    // moved only when read, so skipped blocks are never decoded.
    // The segment's last document ends the last window: a list's tail block does not
    // know its own last document (its bound reaches to kEndDoc).
    const DocId doc_count = segment_.reader->doc_count();
    for (DocId first = MinDoc(0); first < doc_count; first = MinDoc(window_last_ + 1)) {
      const DocId last = static_cast<DocId>(
          std::min<std::uint64_t>(std::uint64_t{first} + kMaxTermWindow, doc_count) - 1);
      planned_ = collector_.full();
      if (planned_) {
        if (!PlanWindow(first, last)) continue;
      } else {
        window_last_ = last;
        non_essential_ = 0;
        prefix_[0] = 0.0;
      }
      for (std::size_t j = non_essential_; j < order_.size(); ++j) ReadEssential(order_[j], first);
      ScoreCandidates(first, scored);
    }
    for (const TermClause& clause : clauses_) {
      if (!clause.cursor->status().ok()) return clause.cursor->status();
    }
    return Status::OK();
  }

 private:
  // The first document of the next window: the smallest current document, or `from`
  // for cursors behind it; kEndDoc when every cursor is exhausted.
  DocId MinDoc(DocId from) const {
    DocId first = kEndDoc;
    for (const TermClause& clause : clauses_) {
      const DocId doc = clause.cursor->doc();
      if (doc != kEndDoc) first = std::min(first, std::max(doc, from));
    }
    return first;
  }

  // Ends the window [first, ..] where the first block under it ends, bounds each term
  // over it and splits the terms (order_[0, non_essential_) non-essential). False when
  // no document of the window can compete.
  bool PlanWindow(DocId first, DocId last) {
    for (std::size_t i = 0; i < clauses_.size(); ++i) {
      PostingCursor& cursor = *clauses_[i].cursor;
      const DocId doc = cursor.doc();
      if (doc > last) continue;
      last = std::min(last, cursor.ShallowSeek(std::max(doc, first)));
    }
    window_last_ = last;
    for (std::size_t i = 0; i < clauses_.size(); ++i) {
      window_bounds_[i] = clauses_[i].cursor->doc() <= last ? bounds_[i].Bound(last) : 0.0;
    }
    // Insertion sort: a handful of terms, nearly in order from the previous window.
    for (std::size_t j = 1; j < order_.size(); ++j) {
      const std::size_t moving = order_[j];
      std::size_t k = j;
      for (; k > 0 && window_bounds_[order_[k - 1]] > window_bounds_[moving]; --k) {
        order_[k] = order_[k - 1];
      }
      order_[k] = moving;
    }
    for (std::size_t j = 0; j < order_.size(); ++j) {
      prefix_[j + 1] = prefix_[j] + window_bounds_[order_[j]];
    }
    const double minimum = collector_.minimum();
    non_essential_ = 0;
    while (non_essential_ < order_.size() && prefix_[non_essential_ + 1] * kBoundSlack < minimum) {
      ++non_essential_;
    }
    return non_essential_ < order_.size();
  }

  // Reads the postings of term `i` in the window into the frequency table.
  void ReadEssential(std::size_t i, DocId first) {
    PostingCursor& cursor = *clauses_[i].cursor;
    if (cursor.doc() < first) cursor.Seek(first);
    const std::uint32_t bit = 1u << i;
    std::uint32_t* tfs = tfs_.data() + i * kMaxTermWindow;
    while (const std::size_t n = cursor.NextUpTo(window_last_, batch_docs_, batch_freqs_)) {
      for (std::size_t k = 0; k < n; ++k) {
        const std::size_t at = batch_docs_[k] - first;
        masks_[at] |= bit;
        occupied_[at / 64] |= std::uint64_t{1} << (at % 64);
        tfs[at] = batch_freqs_[k];
      }
    }
  }

  // Offers the window's candidates in doc order. Once the collector is full, a candidate
  // is dropped as soon as its bound falls below the minimum: first with its essential
  // terms' window bounds, then with their scores, then adding the non-essential terms.
  void ScoreCandidates(DocId first, std::uint64_t& scored) {
    const std::size_t words = (std::size_t{window_last_ - first} + 64) / 64;
    for (std::size_t w = 0; w < words; ++w) {
      std::uint64_t bits = std::exchange(occupied_[w], 0);
      while (bits != 0) {
        const std::size_t at = w * 64 + static_cast<std::size_t>(std::countr_zero(bits));
        bits &= bits - 1;
        std::uint32_t mask = std::exchange(masks_[at], 0);
        const DocId doc = first + static_cast<DocId>(at);
        if (!segment_.IsLive(doc)) continue;
        if (planned_) {
          double bound = prefix_[non_essential_];
          for (std::uint32_t m = mask; m != 0; m &= m - 1) {
            bound += window_bounds_[static_cast<std::size_t>(std::countr_zero(m))];
          }
          if (bound * kBoundSlack < collector_.minimum()) continue;
        }
        double sum = 0.0;
        for (std::uint32_t m = mask; m != 0; m &= m - 1) {
          const auto i = static_cast<std::size_t>(std::countr_zero(m));
          const TermClause& clause = clauses_[i];
          doc_scores_[i] = clause.bm25->Score(tfs_[i * kMaxTermWindow + at], clause.lengths[doc]);
          sum += doc_scores_[i];
        }
        if (collector_.full() && !Complete(doc, mask, sum)) continue;
        // The sum in clause order, as the scorer tree adds it up.
        double score = 0.0;
        for (std::uint32_t m = mask; m != 0; m &= m - 1) {
          score += doc_scores_[static_cast<std::size_t>(std::countr_zero(m))];
        }
        ++scored;
        collector_.Collect({score, segment_index_, doc, query_index_});
      }
    }
  }

  // Adds the non-essential terms matching `doc` to `mask` and doc_scores_, the largest
  // bound first; false as soon as the document cannot reach the minimum. `sum`: the
  // scores of its terms so far.
  bool Complete(DocId doc, std::uint32_t& mask, double sum) {
    const double minimum = collector_.minimum();
    for (std::size_t j = non_essential_; j > 0; --j) {
      if ((sum + prefix_[j]) * kBoundSlack < minimum) return false;
      const std::size_t i = order_[j - 1];
      PostingCursor& cursor = *clauses_[i].cursor;
      if (cursor.doc() < doc) cursor.Seek(doc);
      if (cursor.doc() != doc) continue;
      doc_scores_[i] = clauses_[i].bm25->Score(cursor.freq(), clauses_[i].lengths[doc]);
      mask |= 1u << i;
      sum += doc_scores_[i];
    }
    return sum * kBoundSlack >= minimum;
  }

  std::vector<TermClause> clauses_;
  const index::SegmentView& segment_;
  std::uint32_t segment_index_;
  std::uint32_t query_index_;
  Collector& collector_;
  std::vector<TermBound> bounds_;

  // The window [first, window_last_]: per document the essential terms seen there (bit
  // i: clause i) and their frequencies (tfs_[i * kMaxTermWindow + doc - first]), which
  // documents have a bit set (a bitset), and whether PlanWindow bounded the window.
  DocId window_last_ = 0;
  std::array<std::uint32_t, kMaxTermWindow> masks_{};
  std::array<std::uint64_t, kMaxTermWindow / 64> occupied_{};
  std::vector<std::uint32_t> tfs_;
  std::array<DocId, 128> batch_docs_{};
  std::array<std::uint32_t, 128> batch_freqs_{};
  bool planned_ = false;
  // The scores of the candidate's terms, by clause.
  std::array<double, kMaxTermClauses> doc_scores_{};
  // Per window: each term's bound, the terms by increasing bound, the prefix sums of
  // those bounds in that order, and how many of the first are non-essential.
  std::vector<double> window_bounds_;
  std::vector<double> prefix_;
  std::vector<std::size_t> order_;
  std::size_t non_essential_ = 0;
};

}  // namespace

Status CollectTermDisjunction(std::vector<TermClause> clauses, const index::SegmentView& segment,
                              std::uint32_t segment_index, std::uint32_t query_index,
                              Collector& collector, std::uint64_t& scored) {
  // Heap-allocated: the window's tables are too big for the stack.
  auto run = std::make_unique<TermDisjunction>(std::move(clauses), segment, segment_index,
                                               query_index, collector);
  return run->Run(scored);
}

}  // namespace hexaglot::query
