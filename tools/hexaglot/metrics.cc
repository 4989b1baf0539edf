#include "metrics.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>

namespace hexaglot::tool {
namespace {

bool IsRelevant(const Judgments& judgments, const std::string& doc) {
  const auto it = judgments.find(doc);
  return it != judgments.end() && it->second > 0;
}

std::size_t RelevantCount(const Judgments& judgments) {
  return static_cast<std::size_t>(std::count_if(
      judgments.begin(), judgments.end(), [](const auto& entry) { return entry.second > 0; }));
}

std::vector<std::string_view> SplitFields(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
    if (i > start) fields.push_back(line.substr(start, i - start));
  }
  return fields;
}

}  // namespace

Result<Qrels> ParseQrels(std::string_view text, std::string_view source) {
  Qrels qrels;
  std::size_t line_number = 0;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    ++line_number;
    const std::vector<std::string_view> fields = SplitFields(line);
    if (fields.empty()) continue;
    if (line_number == 1 && fields[0] == "query-id") continue;
    int grade = 0;
    const bool numeric =
        fields.size() == 3 &&
        std::from_chars(fields[2].data(), fields[2].data() + fields[2].size(), grade).ptr ==
            fields[2].data() + fields[2].size();
    if (!numeric) {
      return Status::InvalidArgument(std::string(source) + ":" + std::to_string(line_number) +
                                     ": expected 'query-id corpus-id grade'");
    }
    qrels[std::string(fields[0])][std::string(fields[1])] = grade;
  }
  return qrels;
}

double NdcgAt(const Ranking& ranking, const Judgments& judgments, std::size_t k) {
  double dcg = 0.0;
  for (std::size_t rank = 0; rank < std::min(k, ranking.size()); ++rank) {
    const auto it = judgments.find(ranking[rank]);
    if (it != judgments.end()) dcg += it->second / std::log2(static_cast<double>(rank) + 2.0);
  }
  std::vector<int> ideal;
  for (const auto& [doc, grade] : judgments) {
    if (grade > 0) ideal.push_back(grade);
  }
  std::sort(ideal.begin(), ideal.end(), std::greater<>());
  double ideal_dcg = 0.0;
  for (std::size_t rank = 0; rank < std::min(k, ideal.size()); ++rank) {
    ideal_dcg += ideal[rank] / std::log2(static_cast<double>(rank) + 2.0);
  }
  return ideal_dcg > 0.0 ? dcg / ideal_dcg : 0.0;
}

double ReciprocalRankAt(const Ranking& ranking, const Judgments& judgments, std::size_t k) {
  for (std::size_t rank = 0; rank < std::min(k, ranking.size()); ++rank) {
    if (IsRelevant(judgments, ranking[rank])) return 1.0 / static_cast<double>(rank + 1);
  }
  return 0.0;
}

double RecallAt(const Ranking& ranking, const Judgments& judgments, std::size_t k) {
  const std::size_t relevant = RelevantCount(judgments);
  if (relevant == 0) return 0.0;
  std::size_t found = 0;
  for (std::size_t rank = 0; rank < std::min(k, ranking.size()); ++rank) {
    if (IsRelevant(judgments, ranking[rank])) ++found;
  }
  return static_cast<double>(found) / static_cast<double>(relevant);
}

double AveragePrecision(const Ranking& ranking, const Judgments& judgments) {
  const std::size_t relevant = RelevantCount(judgments);
  if (relevant == 0) return 0.0;
  std::size_t found = 0;
  double total = 0.0;
  for (std::size_t rank = 0; rank < ranking.size(); ++rank) {
    if (IsRelevant(judgments, ranking[rank])) {
      ++found;
      total += static_cast<double>(found) / static_cast<double>(rank + 1);
    }
  }
  return total / static_cast<double>(relevant);
}

EvalSummary Evaluate(const Qrels& qrels, const std::map<std::string, Ranking, std::less<>>& runs) {
  EvalSummary summary;
  const Ranking empty;
  for (const auto& [qid, judgments] : qrels) {
    if (RelevantCount(judgments) == 0) continue;
    const auto it = runs.find(qid);
    const Ranking& ranking = it == runs.end() ? empty : it->second;
    ++summary.queries;
    summary.ndcg_at_10 += NdcgAt(ranking, judgments, 10);
    summary.mrr_at_10 += ReciprocalRankAt(ranking, judgments, 10);
    summary.recall_at_100 += RecallAt(ranking, judgments, 100);
    summary.map += AveragePrecision(ranking, judgments);
  }
  if (summary.queries > 0) {
    const auto n = static_cast<double>(summary.queries);
    summary.ndcg_at_10 /= n;
    summary.mrr_at_10 /= n;
    summary.recall_at_100 /= n;
    summary.map /= n;
  }
  return summary;
}

}  // namespace hexaglot::tool
