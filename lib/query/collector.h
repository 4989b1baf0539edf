// Collector: the k best documents offered so far, in RanksBefore order (query/top_k.h).
//
// Thread safety: one thread.

#ifndef HEXAGLOT_QUERY_COLLECTOR_H_
#define HEXAGLOT_QUERY_COLLECTOR_H_

#include <algorithm>
#include <cstddef>
#include <optional>
#include <queue>
#include <vector>

#include "query/top_k.h"

namespace hexaglot::query {

struct RanksBeforeLess {
  bool operator()(const ScoredDoc& a, const ScoredDoc& b) const { return RanksBefore(a, b); }
};

// The k best so far; top() is the worst of them.
class Collector {
 public:
  explicit Collector(std::size_t k) : k_(k) {}

  std::size_t k() const { return k_; }
  bool full() const { return heap_.size() == k_; }
  // Whether there is a minimum competitive score: the collector is full, or a floor
  // was raised.
  bool bounded() const { return full() || floor_.has_value(); }
  // REQUIRES: bounded(). No document scoring below it can be among the k best.
  double minimum() const {
    if (!full()) return *floor_;
    return floor_ ? std::max(heap_.top().score, *floor_) : heap_.top().score;
  }
  // Raises the minimum to `floor`, the score that k documents of the search are known
  // to reach (or pass) before they are offered.
  void RaiseFloor(double floor) { floor_ = floor_ ? std::max(*floor_, floor) : floor; }

  // Returns true when the minimum competitive score may have risen.
  bool Collect(const ScoredDoc& hit) {
    if (!full()) {
      heap_.push(hit);
      return full();
    }
    if (!RanksBefore(hit, heap_.top())) return false;
    heap_.pop();
    heap_.push(hit);
    return true;
  }

  std::vector<ScoredDoc> Take() {
    std::vector<ScoredDoc> hits;
    hits.reserve(heap_.size());
    while (!heap_.empty()) {
      hits.push_back(heap_.top());
      heap_.pop();
    }
    std::reverse(hits.begin(), hits.end());
    return hits;
  }

 private:
  std::size_t k_;
  std::optional<double> floor_;  // Set by RaiseFloor.
  std::priority_queue<ScoredDoc, std::vector<ScoredDoc>, RanksBeforeLess> heap_;
};

}  // namespace hexaglot::query

#endif  // HEXAGLOT_QUERY_COLLECTOR_H_
