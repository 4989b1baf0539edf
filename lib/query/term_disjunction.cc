#include "query/term_disjunction.h"

#include <algorithm>
#include <array>
#include <bit>
#include <functional>
#include <span>
#include <utility>

#include "query/collector.h"
#include "query/term_bound.h"
#include "util/status_macros.h"

namespace hexaglot::query {
namespace {

using scoring::kBoundSlack;

// A non-essential term is looked up by seeking to each surviving candidate when it has
// more than this many times as many postings in the window, else its postings there are
// read: a seek costs a binary search in a block and a virtual call or two, a posting read
// in bulk a compare. On the 200k-paragraph comparison corpus 32 beat 2, 8 and 128 (and
// always seeking, or always reading) by 1-10% in mean OR latency.
constexpr double kSeekRatio = 32.0;

// The longest posting list RaiseFloor reads (2,048 did better than 512 and 16,384 on the
// comparison corpus, within the noise of the first).
constexpr std::size_t kFloorPostings = 2048;

class TermDisjunction {
 public:
  TermDisjunction(std::vector<TermClause> clauses, const index::SegmentView& segment,
                  std::uint32_t segment_index, std::uint32_t query_index, Collector& collector)
      : clauses_(std::move(clauses)),
        segment_(segment),
        segment_index_(segment_index),
        query_index_(query_index),
        collector_(collector),
        scores_(std::make_unique_for_overwrite<double[]>(clauses_.size() * kMaxTermWindow)),
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
    if (!collector_.full()) HEXAGLOT_RETURN_IF_ERROR(RaiseFloor());
    // Cursors that a window left behind (non-essential ones, or all of a skipped window)
    // stay where they are: their next document is at or after `first`, and they are
    // moved only when read, so skipped blocks are never decoded.
    // The segment's last document ends the last window: a list's tail block does not
    // know its own last document (its bound reaches to kEndDoc).
    const DocId doc_count = segment_.reader->doc_count();
    for (DocId first = MinDoc(0); first < doc_count; first = MinDoc(window_last_ + 1)) {
      const DocId last = static_cast<DocId>(
          std::min<std::uint64_t>(std::uint64_t{first} + kMaxTermWindow, doc_count) - 1);
      planned_ = collector_.bounded();
      if (planned_) {
        if (!PlanWindow(first, last)) continue;
      } else {
        window_last_ = last;
        non_essential_ = 0;
        prefix_[0] = 0.0;
      }
      candidates_.clear();
      for (std::size_t j = non_essential_; j < order_.size(); ++j) ReadEssential(order_[j], first);
      ScoreCandidates(first, scored);
    }
    for (const TermClause& clause : clauses_) {
      if (!clause.cursor->status().ok()) return clause.cursor->status();
    }
    return Status::OK();
  }

 private:
  // Before the first window of a search, when the collector is empty, scores the live
  // postings of the term with the highest bound among those with k to kFloorPostings
  // documents here: each of them scores at least that much in the OR (a sum of
  // non-negative scores, and rounding is monotone), so the k-th best of them is a floor
  // for the minimum competitive score from the first window on, instead of whatever the
  // first k documents score.
  Status RaiseFloor() {
    const std::size_t k = collector_.k();
    std::size_t best = clauses_.size();
    for (std::size_t i = 0; i < clauses_.size(); ++i) {
      const std::size_t size = clauses_[i].cursor->size();
      if (k == 0 || size < k || size > kFloorPostings) continue;
      if (best == clauses_.size() || bounds_[i].list_max() > bounds_[best].list_max()) best = i;
    }
    if (best == clauses_.size()) return Status::OK();
    const TermClause& clause = clauses_[best];
    HEXAGLOT_ASSIGN_OR_RETURN(std::unique_ptr<PostingCursor> cursor,
                              segment_.reader->OpenCursor(clause.info, false));
    floor_scores_.clear();
    const DocId last = segment_.reader->doc_count() - 1;
    for (PostingRun run = cursor->NextUpTo(last); !run.docs.empty(); run = cursor->NextUpTo(last)) {
      ScoreRun(clause, run);
      for (std::size_t j = 0; j < run.docs.size(); ++j) {
        if (segment_.IsLive(run.docs[j])) floor_scores_.push_back(batch_scores_[j]);
      }
    }
    HEXAGLOT_RETURN_IF_ERROR(cursor->status());
    if (floor_scores_.size() < k) return Status::OK();
    const auto kth = floor_scores_.begin() + static_cast<std::ptrdiff_t>(k - 1);
    std::nth_element(floor_scores_.begin(), kth, floor_scores_.end(), std::greater<>());
    collector_.RaiseFloor(*kth);
    return Status::OK();
  }

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

  // Ends the window [first, ..] where the first block of the previous window's essential
  // terms ends (Lucene's choice: the non-essential terms' blocks, short for common terms,
  // would make windows small, each with its fixed costs), bounds each term over it (the
  // largest of its blocks' bounds there) and splits the terms (order_[0, non_essential_)
  // non-essential). False when no document of the window can compete.
  bool PlanWindow(DocId first, DocId last) {
    DocId end = kEndDoc;
    for (std::size_t j = non_essential_; j < order_.size(); ++j) {
      PostingCursor& cursor = *clauses_[order_[j]].cursor;
      const DocId doc = cursor.doc();
      if (doc <= last) end = std::min(end, cursor.ShallowSeek(std::max(doc, first)));
    }
    last = std::min(last, end);
    window_last_ = last;
    for (std::size_t i = 0; i < clauses_.size(); ++i) {
      const DocId doc = clauses_[i].cursor->doc();
      window_bounds_[i] = doc <= last ? bounds_[i].BoundOver(std::max(doc, first), last) : 0.0;
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

  // The scores of `run`, a run of `clause`'s postings, into batch_scores_.
  void ScoreRun(const TermClause& clause, const PostingRun& run) {
    clause.lengths.Gather(run.docs, batch_lengths_);
    clause.bm25->ScoreBatch(run.freqs.data(), batch_lengths_.data(), batch_scores_.data(),
                            run.docs.size());
  }

  // Reads the postings of term `i` in the window and scores them a batch at a time into
  // the window's tables; merges the documents new to the window into candidates_.
  void ReadEssential(std::size_t i, DocId first) {
    const TermClause& clause = clauses_[i];
    PostingCursor& cursor = *clause.cursor;
    if (cursor.doc() < first) cursor.Seek(first);
    const std::uint32_t bit = 1u << i;
    double* scores = scores_.get() + i * kMaxTermWindow;
    // The first essential term's documents are the candidates so far, in order.
    std::vector<std::uint32_t>& added = candidates_.empty() ? candidates_ : added_;
    added_.clear();
    for (PostingRun run = cursor.NextUpTo(window_last_); !run.docs.empty();
         run = cursor.NextUpTo(window_last_)) {
      ScoreRun(clause, run);
      for (std::size_t k = 0; k < run.docs.size(); ++k) {
        const auto at = static_cast<std::uint32_t>(run.docs[k] - first);
        if (masks_[at] == 0) added.push_back(at);
        masks_[at] |= bit;
        scores[at] = batch_scores_[k];
        partial_[at] += batch_scores_[k];
      }
    }
    if (&added == &added_ && !added_.empty()) MergeAdded();
  }

  // Merges added_ into candidates_ (both ascending, no document in both), choosing each
  // output without a branch: which list goes next is unpredictable.
  void MergeAdded() {
    merged_.resize(candidates_.size() + added_.size());
    const std::uint32_t* a = candidates_.data();
    const std::uint32_t* const a_end = a + candidates_.size();
    const std::uint32_t* b = added_.data();
    const std::uint32_t* const b_end = b + added_.size();
    std::uint32_t* out = merged_.data();
    while (a != a_end && b != b_end) {
      const bool from_a = *a < *b;
      *out++ = from_a ? *a : *b;
      a += from_a ? 1 : 0;
      b += from_a ? 0 : 1;
    }
    out = std::copy(a, a_end, out);
    std::copy(b, b_end, out);
    candidates_.swap(merged_);
  }

  // Offers the window's candidates in doc order. Once the collector is full, a candidate
  // is dropped as soon as its bound falls below the minimum: its essential terms' scores
  // plus every non-essential bound, then again as each non-essential term, the largest
  // bound first, adds its score (or not) and its bound leaves the rest. The filters
  // compact without branching: whether a candidate stays is unpredictable.
  void ScoreCandidates(DocId first, std::uint64_t& scored) {
    survivors_ = candidates_;
    if (segment_.deletions != nullptr) {
      const index::DeletionBitset& deletions = *segment_.deletions;
      Filter([&](std::uint32_t at) { return !deletions.IsDeleted(first + at); });
    }
    // Only a planned window has non-essential terms, and its collector stays bounded.
    if (planned_) {
      for (std::size_t j = non_essential_;; --j) {
        const double rest = prefix_[j];
        Filter([&](std::uint32_t at) { return CanCompete(at, rest); });
        if (j == 0 || survivors_.empty()) break;
        AddNonEssential(order_[j - 1], first);
      }
    }
    for (const std::uint32_t at : survivors_) {
      // The sum in clause order, as the scorer tree adds it up.
      double score = 0.0;
      for (std::uint32_t m = masks_[at]; m != 0; m &= m - 1) {
        score += scores_[static_cast<std::size_t>(std::countr_zero(m)) * kMaxTermWindow + at];
      }
      ++scored;
      collector_.Collect({score, segment_index_, first + at, query_index_});
    }
    for (const std::uint32_t at : candidates_) {
      masks_[at] = 0;
      partial_[at] = 0.0;
    }
  }

  // Keeps the survivors for which `keep` holds, in order; clears the others' masks, so
  // that a nonzero mask marks a survivor.
  template <typename Keep>
  void Filter(Keep keep) {
    std::size_t kept = 0;
    for (const std::uint32_t at : survivors_) {
      const bool stays = keep(at);
      survivors_[kept] = at;
      kept += stays ? 1 : 0;
      masks_[at] &= stays ? ~0u : 0u;
    }
    survivors_.resize(kept);
  }

  // Whether the candidate at `at` may still reach the minimum with `rest` more.
  bool CanCompete(std::uint32_t at, double rest) const {
    return (partial_[at] + rest) * kBoundSlack >= collector_.minimum();
  }

  // Adds non-essential term `i` to the survivors it matches: by seeking to each when they
  // are few for its postings in the window, else by reading its postings between the
  // first survivor and the last (binary searching none). REQUIRES: survivors.
  void AddNonEssential(std::size_t i, DocId first) {
    const TermClause& clause = clauses_[i];
    PostingCursor& cursor = *clause.cursor;
    const std::uint32_t bit = 1u << i;
    double* scores = scores_.get() + i * kMaxTermWindow;
    const auto add = [&](std::uint32_t at, std::uint32_t tf) {
      scores[at] = clause.bm25->Score(tf, clause.lengths[first + at]);
      masks_[at] |= bit;
      partial_[at] += scores[at];
    };
    const double expected_postings = static_cast<double>(cursor.size()) *
                                     static_cast<double>(window_last_ - first + 1) /
                                     static_cast<double>(segment_.reader->doc_count());
    if (expected_postings > kSeekRatio * static_cast<double>(survivors_.size())) {
      for (const std::uint32_t at : survivors_) {
        const DocId doc = first + at;
        if (cursor.doc() < doc) cursor.Seek(doc);
        if (cursor.doc() == doc) add(at, cursor.freq());
      }
      return;
    }
    // Only the postings from the first survivor to the last can match one.
    const DocId from = first + survivors_.front();
    const DocId to = first + survivors_.back();
    if (cursor.doc() < from) cursor.Seek(from);
    for (PostingRun run = cursor.NextUpTo(to); !run.docs.empty(); run = cursor.NextUpTo(to)) {
      for (std::size_t k = 0; k < run.docs.size(); ++k) {
        const auto at = static_cast<std::uint32_t>(run.docs[k] - first);
        if (masks_[at] != 0) add(at, run.freqs[k]);
      }
    }
  }

  std::vector<TermClause> clauses_;
  const index::SegmentView& segment_;
  std::uint32_t segment_index_;
  std::uint32_t query_index_;
  Collector& collector_;
  std::vector<TermBound> bounds_;

  // The window [first, window_last_]: per document the terms seen there (bit i: clause
  // i), their scores (scores_[i * kMaxTermWindow + doc - first]) and the sum of those in
  // reading order (a bound, not the score), and whether PlanWindow bounded the window.
  DocId window_last_ = 0;
  std::array<std::uint32_t, kMaxTermWindow> masks_{};
  std::array<double, kMaxTermWindow> partial_{};
  std::unique_ptr<double[]> scores_;  // Read only where masks_ has the bit: not zeroed.
  // The lengths and scores of a run of postings (at most a block).
  std::array<std::uint32_t, kMaxPostingRun> batch_lengths_;
  std::array<double, kMaxPostingRun> batch_scores_;
  bool planned_ = false;
  // The window's candidates, and those still competing, in doc order (offsets from its
  // first document).
  std::vector<std::uint32_t> candidates_;
  std::vector<std::uint32_t> survivors_;
  // ReadEssential's documents new to the window after the first term, and the merge.
  std::vector<std::uint32_t> added_;
  std::vector<std::uint32_t> merged_;
  // RaiseFloor's scores.
  std::vector<double> floor_scores_;
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
