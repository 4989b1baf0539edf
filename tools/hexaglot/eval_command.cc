// hexaglot eval: retrieval quality on a test collection in BEIR layout (corpus.jsonl,
// queries.jsonl, qrels.tsv): nDCG@10, MRR@10, Recall@100 and MAP, as trec_eval computes
// them; or the same measures of an existing TREC run.

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "commands.h"
#include "hexaglot/index_writer.h"
#include "hexaglot/ingest.h"
#include "hexaglot/searcher.h"
#include "metrics.h"
#include "output.h"
#include "search_support.h"
#include "terminal.h"

namespace hexaglot::tool {
namespace {

struct EvalArgs {
  std::vector<std::string> qrels_and_run;  // QRELS RUN: evaluate an existing run.
  std::string corpus;
  std::string queries;
  std::string qrels;
  std::string index;
  std::string lang = "auto";
  double k1 = 0.9;
  double b = 0.4;
  std::size_t k = 1000;
  std::string run;
  bool json = false;
};

using Runs = std::map<std::string, Ranking, std::less<>>;

struct EvalQuery {
  std::string id;
  std::string text;
};

Result<std::vector<EvalQuery>> ReadQueries(const std::string& path) {
  Result<std::string> contents = ReadInput(path);
  if (!contents.ok()) return contents.status();
  std::vector<EvalQuery> queries;
  std::string_view rest = *contents;
  for (std::size_t line = 1; !rest.empty(); ++line) {
    const std::size_t end = std::min(rest.find('\n'), rest.size());
    const std::string_view text = rest.substr(0, end);
    rest.remove_prefix(std::min(end + 1, rest.size()));
    if (text.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const nlohmann::json record = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    const std::string where = path + ":" + std::to_string(line) + ": ";
    if (!record.is_object() || !record.contains("_id") || !record.contains("text") ||
        !record["text"].is_string() || !(record["_id"].is_string() || record["_id"].is_number())) {
      return Status::InvalidArgument(where + "expected a JSON object with \"_id\" and \"text\"");
    }
    std::string id =
        record["_id"].is_string() ? record["_id"].get<std::string>() : record["_id"].dump();
    queries.push_back({std::move(id), record["text"].get<std::string>()});
  }
  return queries;
}

Result<Runs> ReadRun(const std::string& path) {
  Result<std::string> contents = ReadInput(path);
  if (!contents.ok()) return contents.status();
  std::map<std::string, std::vector<std::pair<std::int64_t, std::string>>, std::less<>> rows;
  std::istringstream in(*contents);
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    std::istringstream fields(line);
    std::string qid, q0, doc, tag;
    std::int64_t rank = 0;
    double score = 0.0;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (!(fields >> qid >> q0 >> doc >> rank >> score >> tag)) {
      return Status::InvalidArgument(path + ":" + std::to_string(number) +
                                     ": expected 'qid Q0 doc rank score tag'");
    }
    rows[qid].emplace_back(rank, doc);
  }
  Runs runs;
  for (auto& [qid, hits] : rows) {
    std::sort(hits.begin(), hits.end());
    Ranking& ranking = runs[qid];
    for (auto& hit : hits) ranking.push_back(std::move(hit.second));
  }
  return runs;
}

void PrintSummary(const EvalSummary& summary, bool json) {
  if (json) {
    std::cout << nlohmann::json{{"queries", summary.queries},
                                {"ndcg@10", summary.ndcg_at_10},
                                {"mrr@10", summary.mrr_at_10},
                                {"recall@100", summary.recall_at_100},
                                {"map", summary.map}}
                     .dump()
              << '\n';
    return;
  }
  std::cout << "queries " << summary.queries << "  nDCG@10 " << Fixed(summary.ndcg_at_10, 4)
            << "  MRR@10 " << Fixed(summary.mrr_at_10, 4) << "  Recall@100 "
            << Fixed(summary.recall_at_100, 4) << "  MAP " << Fixed(summary.map, 4) << '\n';
}

// A folder of its own under the system's temporary folder, removed on destruction.
class TemporaryFolder {
 public:
  TemporaryFolder()
      : path_(std::filesystem::temp_directory_path() /
              ("hexaglot-eval-" + std::to_string(::getpid()))) {}
  ~TemporaryFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// Indexes the corpus into `folder` (an existing index there is updated: unchanged
// paragraphs stay, so a second run reuses it). Returns its format: qrels name a BEIR
// corpus's documents by "_id", which its records keep as their number.
Result<InputFormat> IndexCorpus(const std::string& corpus, const std::string& folder) {
  Result<std::string> text = ReadInput(corpus);
  if (!text.ok()) return text.status();
  ParseOptions parse;
  parse.format = DetectInputFormat(*text, corpus);
  Result<ParseResult> parsed = ParseInput(*text, corpus, parse);
  if (!parsed.ok()) return parsed.status();
  Result<std::unique_ptr<IndexWriter>> writer = IndexWriter::Open(folder);
  if (!writer.ok()) return writer.status();
  Result<UpdateCounts> counts = (*writer)->Update(parsed->paragraphs);
  if (!counts.ok()) return counts.status();
  Status committed = (*writer)->Commit();
  if (!committed.ok()) return committed;
  std::cerr << "hexaglot: indexed " << corpus << ": " << counts->added << " added, "
            << counts->changed << " changed, " << counts->removed << " removed, "
            << counts->unchanged << " unchanged\n";
  return parse.format;
}

int RunEval(const EvalArgs& args) {
  if (!args.qrels_and_run.empty()) {
    if (args.qrels_and_run.size() != 2) {
      return ReportError(Status::InvalidArgument("eval: expected QRELS RUN"));
    }
    Result<std::string> text = ReadInput(args.qrels_and_run[0]);
    if (!text.ok()) return ReportError(text.status());
    Result<Qrels> qrels = ParseQrels(*text, args.qrels_and_run[0]);
    if (!qrels.ok()) return ReportInputError(qrels.status());
    Result<Runs> runs = ReadRun(args.qrels_and_run[1]);
    if (!runs.ok()) return ReportInputError(runs.status());
    PrintSummary(Evaluate(*qrels, *runs), args.json);
    return kExitOk;
  }
  if (args.corpus.empty() || args.queries.empty() || args.qrels.empty()) {
    return ReportError(
        Status::InvalidArgument("eval: expected --corpus, --queries and --qrels (or QRELS RUN)"));
  }
  Result<std::string> qrels_text = ReadInput(args.qrels);
  if (!qrels_text.ok()) return ReportError(qrels_text.status());
  Result<Qrels> qrels = ParseQrels(*qrels_text, args.qrels);
  if (!qrels.ok()) return ReportInputError(qrels.status());
  Result<std::vector<EvalQuery>> queries = ReadQueries(args.queries);
  if (!queries.ok()) return ReportInputError(queries.status());

  std::unique_ptr<TemporaryFolder> temporary;
  std::string folder = args.index;
  if (folder.empty()) {
    temporary = std::make_unique<TemporaryFolder>();
    folder = temporary->path();
  }
  Result<InputFormat> format = IndexCorpus(args.corpus, folder);
  if (!format.ok()) return ReportInputError(format.status());
  const bool beir = *format == InputFormat::kBeir;
  Result<std::unique_ptr<Searcher>> searcher = OpenSearcher(folder);
  if (!searcher.ok()) return ReportError(searcher.status());
  SearchOptions options;
  options.k = args.k;
  Result<QueryLanguage> language = ParseQueryLanguage(args.lang);
  if (!language.ok()) return ReportError(language.status());
  options.language = *language;
  options.k1 = args.k1;
  options.b = args.b;
  options.snippets = false;

  std::ofstream run;
  if (!args.run.empty()) {
    run.open(args.run);
    if (!run) return ReportError(Status::IOError(args.run + ": cannot open for writing"));
  }
  Runs runs;
  for (const EvalQuery& query : *queries) {
    Result<Query> words = PlainWordsQuery(query.text);
    if (!words.ok()) continue;  // No words: the query retrieves nothing and scores 0.
    Result<SearchResults> results = (*searcher)->Search(*words, options);
    if (!results.ok()) {
      return ReportError(results.status().WithContext(args.queries + ": query " + query.id));
    }
    Ranking& ranking = runs[query.id];
    std::vector<double> scores;
    for (const Hit& hit : results->hits) {
      ranking.push_back(beir ? hit.paragraph.number : hit.paragraph.id);
      scores.push_back(hit.score);
    }
    if (run.is_open()) WriteTrecRun(run, query.id, ranking, scores, "hexaglot");
  }
  if (run.is_open()) {
    run.flush();
    if (!run) return ReportError(Status::IOError(args.run + ": write failed"));
  }
  PrintSummary(Evaluate(*qrels, runs), args.json);
  return kExitOk;
}

}  // namespace

void AddEvalCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<EvalArgs>();
  CLI::App* command = app.add_subcommand(
      "eval",
      "Retrieval quality on a BEIR-layout test collection: indexes --corpus (into --index, "
      "reused when it is already there, else a temporary folder), runs every query of "
      "--queries as plain words, and prints nDCG@10, MRR@10, Recall@100 and MAP against "
      "--qrels. 'hexaglot eval QRELS RUN' evaluates an existing TREC run instead.");
  command->add_option("qrels_run", args->qrels_and_run, "QRELS RUN: evaluate a TREC run file");
  command->add_option("--corpus", args->corpus, "corpus.jsonl (BEIR: _id, title, text)");
  command->add_option("--queries", args->queries, "queries.jsonl (BEIR: _id, text)");
  command->add_option("--qrels", args->qrels, "qrels.tsv (query-id, corpus-id, grade)");
  command->add_option("--index", args->index, "Index folder to build or reuse");
  command->add_option("--lang,-l", args->lang, "Query language: auto, all, or a code")
      ->capture_default_str();
  command->add_option("--k1", args->k1, "BM25 k1")
      ->check(CLI::Range(0.0, 100.0))
      ->capture_default_str();
  command->add_option("--b", args->b, "BM25 b")->check(CLI::Range(0.0, 1.0))->capture_default_str();
  command->add_option("-k", args->k, "Hits per query (MAP and Recall@100 use them)")
      ->check(CLI::Range(std::size_t{100}, kMaxTopK))
      ->capture_default_str();
  command->add_option("--run", args->run, "Write the TREC run file");
  command->add_flag("--json", args->json, "The measures as one JSON object");
  command->callback([args, exit_code] { *exit_code = RunEval(*args); });
}

}  // namespace hexaglot::tool
