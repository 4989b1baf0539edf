// Retrieval-quality measures for `hexaglot eval`: the definitions of trec_eval (and of
// bench/compare/report.py, which computes the peers' figures the same way).

#ifndef HEXAGLOT_TOOLS_METRICS_H_
#define HEXAGLOT_TOOLS_METRICS_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "hexaglot/status.h"

namespace hexaglot::tool {

// Relevance grades of one query: document id -> grade (> 0: relevant).
using Judgments = std::map<std::string, int, std::less<>>;
// Query id -> its judgments.
using Qrels = std::map<std::string, Judgments, std::less<>>;

// BEIR qrels.tsv: an optional header "query-id corpus-id score", then one
// "query-id<TAB>corpus-id<TAB>grade" per line (any whitespace separates). InvalidArgument
// naming `source` and the line for anything else.
Result<Qrels> ParseQrels(std::string_view text, std::string_view source);

// One query's ranked document ids, best first.
using Ranking = std::vector<std::string>;

// nDCG@k with linear gains and log2(rank + 1) discounts (trec_eval ndcg_cut); the ideal
// ranking sorts the judged grades > 0.
double NdcgAt(const Ranking& ranking, const Judgments& judgments, std::size_t k);
// 1 / rank of the first relevant document within the top k, else 0.
double ReciprocalRankAt(const Ranking& ranking, const Judgments& judgments, std::size_t k);
// Relevant documents in the top k / all relevant documents (0 when none is relevant).
double RecallAt(const Ranking& ranking, const Judgments& judgments, std::size_t k);
// Average precision over the whole ranking; relevant documents not retrieved count 0.
double AveragePrecision(const Ranking& ranking, const Judgments& judgments);

struct EvalSummary {
  std::size_t queries = 0;  // Queries with at least one relevant judgment.
  double ndcg_at_10 = 0.0;
  double mrr_at_10 = 0.0;
  double recall_at_100 = 0.0;
  double map = 0.0;
};

// Means over the queries of `qrels` with a relevant judgment; a query missing from
// `runs` scores 0 in every measure.
EvalSummary Evaluate(const Qrels& qrels, const std::map<std::string, Ranking, std::less<>>& runs);

}  // namespace hexaglot::tool

#endif  // HEXAGLOT_TOOLS_METRICS_H_
