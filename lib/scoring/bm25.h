// BM25 (Robertson and Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond",
// 2009) as Lucene 8+ computes it, without the (k1 + 1) factor dropped:
//   idf(N, df)   = ln(1 + (N - df + 0.5) / (df + 0.5))
//   score(tf, l) = idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * l / avgdl))
// N is the number of live documents of the query's language, avgdl their average text
// length in tokens, df the term's document frequency (deleted documents included until a
// merge drops them, so df may exceed N: it is capped at N, which keeps idf positive and
// every score >= 0, as dynamic pruning requires).
//
// The score increases with tf and decreases with l for any k1 >= 0 and 0 <= b <= 1, so
// the maximum over a block's (tf, length) Pareto frontier bounds every document of the
// block, whatever k1 and b a query picks (lib/format/posting_cursor.h).
//
// Thread safety: value types and pure functions.

#ifndef HEXAGLOT_SCORING_BM25_H_
#define HEXAGLOT_SCORING_BM25_H_

#include <cstddef>
#include <cstdint>

namespace hexaglot::scoring {

// Bounds are multiplied by this before they are compared with actual scores, so that the
// rounding of a sum of scores can never make a bound smaller than the score it bounds
// (a sum of n doubles errs by at most n * 2^-53 relative: far below 1e-9 for any query).
inline constexpr double kBoundSlack = 1.0 + 1e-9;

struct Bm25Params {
  double k1 = 0.9;
  double b = 0.4;
  // Per-field boosts (BM25F's field weights, applied as a sum of per-field BM25 scores
  // rather than to pooled frequencies, so that every field keeps its own length norms):
  // > 0 also scores a text word in the theme and topic fields, each by its own lengths
  // and statistics, times the boost. 0: those fields are filters only.
  double theme_boost = 0.0;
  double topic_boost = 0.0;
};

// ln(1 + (N - df + 0.5) / (df + 0.5)) with df capped at N.
double Idf(std::uint64_t doc_count, std::uint64_t doc_freq);

// A term's scorer in one language: idf and the length normalisation folded in.
class Bm25Term {
 public:
  // REQUIRES: k1 >= 0, 0 <= b <= 1, boost > 0. An average length <= 0 (no live
  // document) is taken as 1. Every score is multiplied by `boost`.
  Bm25Term(double idf, const Bm25Params& params, double average_length, double boost = 1.0);

  double idf() const { return idf_; }
  double boost() const { return boost_; }

  // The document score of a term occurring `tf` times in a document of `length` tokens.
  double Score(std::uint32_t tf, std::uint32_t length) const {
    const double norm = k1_ * (one_minus_b_ + b_over_avg_ * static_cast<double>(length));
    const double t = static_cast<double>(tf);
    return weight_ * t / (t + norm);
  }

  // Score of each (tfs[k], lengths[k]) into scores[k], k < n: the same arithmetic as
  // Score, in a loop that vectorises.
  void ScoreBatch(const std::uint32_t* tfs, const std::uint32_t* lengths, double* scores,
                  std::size_t n) const {
    for (std::size_t k = 0; k < n; ++k) scores[k] = Score(tfs[k], lengths[k]);
  }

  // The largest Score over (tf, length) pairs, times kBoundSlack: >= the score of every
  // document whose (tf, length) is dominated by one of the pairs. `Pairs` is a range of
  // objects with `tf` and `length` members (e.g. a block's TfLength frontier).
  template <typename Pairs>
  double UpperBound(const Pairs& pairs) const {
    double best = 0.0;
    for (const auto& pair : pairs) {
      const double score = Score(pair.tf, pair.length);
      if (score > best) best = score;
    }
    return best * kBoundSlack;
  }

 private:
  double idf_;
  double boost_;
  double weight_;  // boost * idf * (k1 + 1)
  double k1_;
  double one_minus_b_;
  double b_over_avg_;
};

}  // namespace hexaglot::scoring

#endif  // HEXAGLOT_SCORING_BM25_H_
