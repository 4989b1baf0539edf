#include "query/term_disjunction.h"

#include <algorithm>
#include <array>
#include <bit>
#include <functional>
#include <memory>
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

// The tables of a window and the lists of its documents, kept from one search to the next
// on a thread (CollectTermDisjunction): allocating and zeroing them for every segment of
// every query cost a few percent of an OR query's time.
struct WindowTables {
  // Per document of the window (offset from its first): the terms seen there (bit i:
  // clause i), all zero between windows; their scores (scores[i * kMaxTermWindow + at]),
  // read only where masks has the bit, so never cleared; and the sum of those in reading
  // order (a bound, not the score), zero between windows.
  std::array<std::uint32_t, kMaxTermWindow> masks{};
  std::array<double, kMaxTermWindow> partial{};
  std::vector<double> scores;
  // The lengths and scores of a run of postings (at most a block).
  std::array<std::uint32_t, kMaxPostingRun> batch_lengths{};
  std::array<double, kMaxPostingRun> batch_scores{};
  // The window's candidates (offsets from its first document; the first
  // candidate_count), each essential term's new documents after the previous term's,
  // and those still competing, in the same order. Only seeking needs doc order (the
  // survivors are sorted then); merging the terms' lists instead cost more.
  std::array<std::uint32_t, kMaxTermWindow> candidates{};
  std::size_t candidate_count = 0;
  std::vector<std::uint32_t> survivors;
  // RaiseFloor's best scores.
  std::vector<double> floor_scores;
};

class TermDisjunction {
 public:
  TermDisjunction(std::vector<TermClause> clauses, const index::SegmentView& segment,
                  std::uint32_t segment_index, std::uint32_t query_index, Collector& collector,
                  WindowTables& tables)
      : clauses_(std::move(clauses)),
        segment_(segment),
        segment_index_(segment_index),
        query_index_(query_index),
        collector_(collector),
        tables_(tables),
        window_bounds_(clauses_.size(), 0.0),
        prefix_(clauses_.size() + 1, 0.0) {
    if (tables_.scores.size() < clauses_.size() * kMaxTermWindow) {
      tables_.scores.resize(clauses_.size() * kMaxTermWindow);
    }
    bounds_.reserve(clauses_.size());
    for (const TermClause& clause : clauses_) {
      bounds_.emplace_back(clause.cursor.get(), clause.bm25);
    }
    for (std::size_t i = 0; i < clauses_.size(); ++i) order_.push_back(i);
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
      tables_.candidate_count = 0;
      survivors_sorted_ = non_essential_ + 1 == order_.size();  // One term's, in order.
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
    // The k best scores, in a min-heap: once it is full, most scores fall below its
    // least, a test that predicts well (std::nth_element's partitioning branches did
    // not: a few hundred mispredictions a query in cachegrind's branch simulation).
    std::vector<double>& best_scores = tables_.floor_scores;
    best_scores.clear();
    const DocId last = segment_.reader->doc_count() - 1;
    for (PostingRun run = cursor->NextUpTo(last); !run.docs.empty(); run = cursor->NextUpTo(last)) {
      ScoreRun(clause, run);
      for (std::size_t j = 0; j < run.docs.size(); ++j) {
        if (!segment_.IsLive(run.docs[j])) continue;
        const double score = tables_.batch_scores[j];
        if (best_scores.size() < k) {
          best_scores.push_back(score);
          std::push_heap(best_scores.begin(), best_scores.end(), std::greater<>());
        } else if (score > best_scores.front()) {
          std::pop_heap(best_scores.begin(), best_scores.end(), std::greater<>());
          best_scores.back() = score;
          std::push_heap(best_scores.begin(), best_scores.end(), std::greater<>());
        }
      }
    }
    HEXAGLOT_RETURN_IF_ERROR(cursor->status());
    if (best_scores.size() < k) return Status::OK();
    collector_.RaiseFloor(best_scores.front());
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

  // The scores of `run`, a run of `clause`'s postings, into tables_.batch_scores.
  void ScoreRun(const TermClause& clause, const PostingRun& run) {
    clause.lengths.Gather(run.docs, tables_.batch_lengths);
    clause.bm25->ScoreBatch(run.freqs.data(), tables_.batch_lengths.data(),
                            tables_.batch_scores.data(), run.docs.size());
  }

  // Reads the postings of term `i` in the window and scores them a batch at a time into
  // the window's tables; appends the documents new to the window to the candidates.
  void ReadEssential(std::size_t i, DocId first) {
    const TermClause& clause = clauses_[i];
    PostingCursor& cursor = *clause.cursor;
    if (cursor.doc() < first) cursor.Seek(first);
    const std::uint32_t bit = 1u << i;
    double* scores = tables_.scores.data() + i * kMaxTermWindow;
    // Each posting is written to the next free candidate slot, which moves on only when
    // its document is new to the window: no branch on that unpredictable test. (A term
    // has at most one posting per document of the window, so the slots suffice.)
    std::uint32_t* const added = tables_.candidates.data();
    std::size_t added_count = tables_.candidate_count;
    for (PostingRun run = cursor.NextUpTo(window_last_); !run.docs.empty();
         run = cursor.NextUpTo(window_last_)) {
      ScoreRun(clause, run);
      for (std::size_t k = 0; k < run.docs.size(); ++k) {
        const auto at = static_cast<std::uint32_t>(run.docs[k] - first);
        added[added_count] = at;
        added_count += tables_.masks[at] == 0 ? 1 : 0;
        tables_.masks[at] |= bit;
        scores[at] = tables_.batch_scores[k];
        tables_.partial[at] += tables_.batch_scores[k];
      }
    }
    tables_.candidate_count = added_count;
  }

  std::span<const std::uint32_t> Candidates() const {
    return {tables_.candidates.data(), tables_.candidate_count};
  }

  // Offers the window's candidates. Once the collector is full, a candidate
  // is dropped as soon as its bound falls below the minimum: its essential terms' scores
  // plus every non-essential bound, then again as each non-essential term, the largest
  // bound first, adds its score (or not) and its bound leaves the rest. The filters
  // compact without branching: whether a candidate stays is unpredictable.
  void ScoreCandidates(DocId first, std::uint64_t& scored) {
    const std::span<const std::uint32_t> candidates = Candidates();
    tables_.survivors.assign(candidates.begin(), candidates.end());
    if (segment_.deletions != nullptr) {
      const index::DeletionBitset& deletions = *segment_.deletions;
      Filter([&](std::uint32_t at) { return !deletions.IsDeleted(first + at); });
    }
    // Only a planned window has non-essential terms, and its collector stays bounded.
    if (planned_) {
      // Read once: it stays until the survivors are collected (the filters' stores might
      // alias the collector's heap, so the compiler would read it per candidate).
      const double minimum = collector_.minimum();
      for (std::size_t j = non_essential_;; --j) {
        const double rest = prefix_[j];
        Filter([&](std::uint32_t at) {
          return (tables_.partial[at] + rest) * kBoundSlack >= minimum;
        });
        if (j == 0 || tables_.survivors.empty()) break;
        AddNonEssential(order_[j - 1], first);
      }
    }
    for (const std::uint32_t at : tables_.survivors) {
      // The sum in clause order, as the scorer tree adds it up.
      double score = 0.0;
      for (std::uint32_t m = tables_.masks[at]; m != 0; m &= m - 1) {
        score +=
            tables_.scores[static_cast<std::size_t>(std::countr_zero(m)) * kMaxTermWindow + at];
      }
      ++scored;
      collector_.Collect({score, segment_index_, first + at, query_index_});
    }
    for (const std::uint32_t at : candidates) {
      tables_.masks[at] = 0;
      tables_.partial[at] = 0.0;
    }
  }

  // Keeps the survivors for which `keep` holds, in their order; clears the others' masks, so
  // that a nonzero mask marks a survivor.
  template <typename Keep>
  void Filter(Keep keep) {
    std::size_t kept = 0;
    for (const std::uint32_t at : tables_.survivors) {
      const bool stays = keep(at);
      tables_.survivors[kept] = at;
      kept += stays ? 1 : 0;
      tables_.masks[at] &= stays ? ~0u : 0u;
    }
    tables_.survivors.resize(kept);
  }

  // Adds non-essential term `i` to the survivors it matches: by seeking to each in doc
  // order when they are few for its postings in the window, else by reading its postings
  // between the first survivor and the last (binary searching none). REQUIRES:
  // survivors.
  void AddNonEssential(std::size_t i, DocId first) {
    const TermClause& clause = clauses_[i];
    PostingCursor& cursor = *clause.cursor;
    const std::uint32_t bit = 1u << i;
    double* scores = tables_.scores.data() + i * kMaxTermWindow;
    const auto add = [&](std::uint32_t at, std::uint32_t tf) {
      scores[at] = clause.bm25->Score(tf, clause.lengths[first + at]);
      tables_.masks[at] |= bit;
      tables_.partial[at] += scores[at];
    };
    const double expected_postings = static_cast<double>(cursor.size()) *
                                     static_cast<double>(window_last_ - first + 1) /
                                     static_cast<double>(segment_.reader->doc_count());
    if (expected_postings > kSeekRatio * static_cast<double>(tables_.survivors.size())) {
      if (!survivors_sorted_) {
        std::sort(tables_.survivors.begin(), tables_.survivors.end());
        survivors_sorted_ = true;
      }
      for (const std::uint32_t at : tables_.survivors) {
        const DocId doc = first + at;
        if (cursor.doc() < doc) cursor.Seek(doc);
        if (cursor.doc() == doc) add(at, cursor.freq());
      }
      return;
    }
    // Only the postings from the first survivor to the last can match one.
    const auto [low, high] =
        std::minmax_element(tables_.survivors.begin(), tables_.survivors.end());
    const DocId from = first + *low;
    const DocId to = first + *high;
    if (cursor.doc() < from) cursor.Seek(from);
    for (PostingRun run = cursor.NextUpTo(to); !run.docs.empty(); run = cursor.NextUpTo(to)) {
      for (std::size_t k = 0; k < run.docs.size(); ++k) {
        const auto at = static_cast<std::uint32_t>(run.docs[k] - first);
        if (tables_.masks[at] != 0) add(at, run.freqs[k]);
      }
    }
  }

  std::vector<TermClause> clauses_;
  const index::SegmentView& segment_;
  std::uint32_t segment_index_;
  std::uint32_t query_index_;
  Collector& collector_;
  std::vector<TermBound> bounds_;

  WindowTables& tables_;
  // The window is [first, window_last_]; whether PlanWindow bounded it.
  DocId window_last_ = 0;
  bool planned_ = false;
  // Per window: each term's bound, the terms by increasing bound, the prefix sums of
  // those bounds in that order, and how many of the first are non-essential.
  std::vector<double> window_bounds_;
  std::vector<double> prefix_;
  std::vector<std::size_t> order_;
  std::size_t non_essential_ = 0;
  // Whether the window's survivors are in doc order (sorted for seeking).
  bool survivors_sorted_ = false;
};

}  // namespace

Status CollectTermDisjunction(std::vector<TermClause> clauses, const index::SegmentView& segment,
                              std::uint32_t segment_index, std::uint32_t query_index,
                              Collector& collector, std::uint64_t& scored) {
  // Per thread (a search runs on one), on the heap: too big for static thread storage.
  thread_local const std::unique_ptr<WindowTables> tables = std::make_unique<WindowTables>();
  TermDisjunction run(std::move(clauses), segment, segment_index, query_index, collector, *tables);
  return run.Run(scored);
}

}  // namespace hexaglot::query
