#include "scoring/bm25.h"

#include <algorithm>
#include <cmath>

namespace hexaglot::scoring {

double Idf(std::uint64_t doc_count, std::uint64_t doc_freq) {
  const double n = static_cast<double>(doc_count);
  const double df = static_cast<double>(std::min(doc_freq, doc_count));
  return std::log(1.0 + (n - df + 0.5) / (df + 0.5));
}

Bm25Term::Bm25Term(double idf, const Bm25Params& params, double average_length, double boost)
    : idf_(idf),
      boost_(boost),
      weight_(boost * idf * (params.k1 + 1.0)),
      k1_(params.k1),
      one_minus_b_(1.0 - params.b),
      b_over_avg_(params.b / (average_length > 0.0 ? average_length : 1.0)) {}

}  // namespace hexaglot::scoring
