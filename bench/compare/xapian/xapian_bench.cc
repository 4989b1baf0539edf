// xapian_bench: the Xapian 1.4 peer of the engine comparison (bench/COMPARE.md).
//
//   xapian_bench --corpus C.jsonl --queries Q.tsv --index DIR --run OUT.trec
//                [--k1 0.9] [--b 0.4] [--k 10] [--lang ar|zh|en|fr|ru|es]
//
// Reads the corpus ({"id","lang","text"} per line) into memory, indexes it (timed: adding
// documents, commit, and compaction into DIR) with each paragraph's id and text stored as
// its document data ("<id>\n<text>"), as hexaglot stores its record, reopens DIR, runs every query
// once untimed and once timed with top-k, writes the timed pass as a TREC run and prints one JSON
// result line (format in COMPARE.md). Terms are Snowball "english" stems with positions
// (TermGenerator STEM_ALL), so phrases match on stems as in the other peers; BM25Weight
// with k2=0 (no document length correction term), k3=1, min_normlen=0.5 (Xapian's default).
//
// --lang L (the quality evaluation, bench/quality_eval.sh): Xapian's own per-language
// defaults instead: the language's Snowball stemmer (arabic, english, french, russian,
// spanish) with STEM_SOME (unstemmed terms plus Z-prefixed stems; the query parser searches
// the stems of lower-case words), and for zh, which has no stemmer, FLAG_CJK_NGRAM (Han
// characters as unigrams and bigrams) in both the term generator and the query parser.

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace {

struct Query {
  std::string qid;
  std::string text;
  std::string kind;  // "or", "and" or "phrase", from the query's shape (COMPARE.md).
};

struct Options {
  std::string corpus, queries, index, run;
  double k1 = 0.9, b = 0.4;
  int k = 10;
  std::string lang;  // Empty: the English speed-mode analysis (STEM_ALL).
};

[[noreturn]] void Fail(const std::string& message) {
  std::cerr << "xapian_bench: error: " << message << "\n";
  std::exit(2);
}

Options ParseOptions(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) Fail("flag " + flag + " needs a value");
    const std::string value = argv[++i];
    if (flag == "--corpus") {
      options.corpus = value;
    } else if (flag == "--queries") {
      options.queries = value;
    } else if (flag == "--index") {
      options.index = value;
    } else if (flag == "--run") {
      options.run = value;
    } else if (flag == "--k1") {
      options.k1 = std::atof(value.c_str());
    } else if (flag == "--b") {
      options.b = std::atof(value.c_str());
    } else if (flag == "--k") {
      options.k = std::atoi(value.c_str());
    } else if (flag == "--lang") {
      options.lang = value;
    } else {
      Fail("unknown flag " + flag);
    }
  }
  if (options.corpus.empty() || options.queries.empty() || options.index.empty() ||
      options.run.empty() || options.k <= 0) {
    Fail(
        "usage: xapian_bench --corpus C --queries Q --index DIR --run OUT [--k1 X --b Y --k N]"
        " [--lang L]");
  }
  if (!options.lang.empty() && options.lang != "ar" && options.lang != "zh" &&
      options.lang != "en" && options.lang != "fr" && options.lang != "ru" &&
      options.lang != "es") {
    Fail("--lang takes ar, zh, en, fr, ru or es, not " + options.lang);
  }
  return options;
}

// The analysis: the speed mode's English STEM_ALL, or --lang's per-language default.
struct Analysis {
  std::string stemmer;  // Snowball name, empty for none.
  bool stem_some = false;
  bool cjk_ngram = false;
};

Analysis AnalysisFor(const std::string& lang) {
  if (lang.empty()) return {"english", false, false};
  if (lang == "zh") return {"", true, true};
  static const std::map<std::string, std::string> kStemmers = {
      {"ar", "arabic"}, {"en", "english"}, {"fr", "french"}, {"ru", "russian"}, {"es", "spanish"}};
  return {kStemmers.at(lang), true, false};
}

std::string KindOf(const std::string& query) {
  if (!query.empty() && query.front() == '"') return "phrase";
  if (query.find(" AND ") != std::string::npos) return "and";
  return "or";
}

std::vector<Query> ReadQueries(const std::string& path) {
  std::ifstream in(path);
  if (!in) Fail("cannot read " + path);
  std::vector<Query> queries;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    const std::size_t tab1 = line.find('\t');
    const std::size_t tab2 = tab1 == std::string::npos ? tab1 : line.find('\t', tab1 + 1);
    if (tab2 == std::string::npos)
      Fail(path + ":" + std::to_string(number) + ": not qid\\tlang\\tquery");
    const std::string text = line.substr(tab2 + 1);
    queries.push_back({line.substr(0, tab1), text, KindOf(text)});
  }
  return queries;
}

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::uint64_t DirectoryBytes(const std::string& dir) {
  std::uint64_t bytes = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) bytes += entry.file_size();
  }
  return bytes;
}

// Nearest-rank percentile of sorted values.
double Percentile(const std::vector<double>& sorted, double p) {
  const std::size_t rank = static_cast<std::size_t>(std::ceil(p * sorted.size()));
  return sorted[std::max<std::size_t>(rank, 1) - 1];
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = ParseOptions(argc, argv);

  std::vector<std::string> ids;
  std::vector<std::string> texts;
  std::uint64_t text_bytes = 0;
  {
    std::ifstream in(options.corpus);
    if (!in) Fail("cannot read " + options.corpus);
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
      if (line.empty()) continue;
      const auto record = nlohmann::json::parse(line, nullptr, false);
      if (record.is_discarded() || !record.is_object() || !record.contains("id") ||
          !record["id"].is_string() || !record.contains("text") || !record["text"].is_string()) {
        Fail(options.corpus + ":" + std::to_string(number) + ": not {\"id\",\"text\"} JSON");
      }
      ids.push_back(record["id"].get<std::string>());
      texts.push_back(record["text"].get<std::string>());
      text_bytes += texts.back().size();
    }
  }
  const std::vector<Query> queries = ReadQueries(options.queries);
  const Analysis analysis = AnalysisFor(options.lang);

  const std::string staging = options.index + ".staging";
  std::filesystem::remove_all(options.index);
  std::filesystem::remove_all(staging);
  const auto index_start = std::chrono::steady_clock::now();
  try {
    Xapian::WritableDatabase db(staging, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator generator;
    if (!analysis.stemmer.empty()) generator.set_stemmer(Xapian::Stem(analysis.stemmer));
    generator.set_stemming_strategy(analysis.stem_some ? Xapian::TermGenerator::STEM_SOME
                                                       : Xapian::TermGenerator::STEM_ALL);
    if (analysis.cjk_ngram) generator.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
    for (std::size_t i = 0; i < texts.size(); ++i) {
      Xapian::Document document;
      generator.set_document(document);
      generator.index_text(texts[i]);
      document.set_data(ids[i] + '\n' + texts[i]);
      db.add_document(document);  // Document ids are 1.. in corpus order.
    }
    db.commit();
    db.close();
    // Compaction is Xapian's counterpart of Lucene's forceMerge and FTS5's optimize.
    Xapian::Database(staging).compact(options.index);
  } catch (const Xapian::Error& e) {
    Fail("indexing: " + e.get_description());
  }
  const double index_seconds = Seconds(index_start);
  std::filesystem::remove_all(staging);
  const std::uint64_t index_bytes = DirectoryBytes(options.index);

  struct Hit {
    Xapian::docid doc;
    double score;
  };
  std::vector<std::vector<Hit>> results(queries.size());
  std::map<std::string, std::vector<double>> latencies;
  std::map<std::string, int> empty;  // Queries without hits, per kind.
  try {
    Xapian::Database db(options.index);
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BM25Weight(options.k1, 0, 1, options.b, 0.5));
    Xapian::QueryParser parser;
    if (!analysis.stemmer.empty()) parser.set_stemmer(Xapian::Stem(analysis.stemmer));
    parser.set_stemming_strategy(analysis.stem_some ? Xapian::QueryParser::STEM_SOME
                                                    : Xapian::QueryParser::STEM_ALL);
    parser.set_default_op(Xapian::Query::OP_OR);
    parser.set_database(db);
    unsigned flags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN;
    if (analysis.cjk_ngram) flags |= Xapian::QueryParser::FLAG_CJK_NGRAM;
    for (int pass = 0; pass < 2; ++pass) {  // Pass 0 warms caches and is not timed.
      for (std::size_t i = 0; i < queries.size(); ++i) {
        const auto start = std::chrono::steady_clock::now();
        enquire.set_query(parser.parse_query(queries[i].text, flags));
        const Xapian::MSet mset = enquire.get_mset(0, options.k);
        std::vector<Hit> hits;
        for (auto it = mset.begin(); it != mset.end(); ++it) hits.push_back({*it, it.get_weight()});
        const double ms = Seconds(start) * 1e3;
        if (pass == 1) {
          latencies[queries[i].kind].push_back(ms);
          empty[queries[i].kind] += hits.empty();
          results[i] = std::move(hits);
        }
      }
    }
  } catch (const Xapian::Error& e) {
    Fail("searching: " + e.get_description());
  }

  std::ofstream run(options.run);
  if (!run) Fail("cannot write " + options.run);
  for (std::size_t i = 0; i < queries.size(); ++i) {
    int rank = 1;
    for (const Hit& hit : results[i]) {
      char line[512];
      std::snprintf(line, sizeof(line), "%s Q0 %s %d %.6f xapian\n", queries[i].qid.c_str(),
                    ids[hit.doc - 1].c_str(), rank++, hit.score);
      run << line;
    }
  }
  if (!run.flush()) Fail("cannot write " + options.run);

  nlohmann::ordered_json result;
  result["engine"] = "xapian";
  result["version"] = Xapian::version_string();
  result["k1"] = options.k1;
  result["b"] = options.b;
  result["analysis"] = options.lang.empty() ? std::string("english STEM_ALL")
                       : analysis.cjk_ngram ? std::string("FLAG_CJK_NGRAM")
                                            : analysis.stemmer + " STEM_SOME";
  result["docs"] = ids.size();
  result["text_bytes"] = text_bytes;
  result["index_seconds"] = index_seconds;
  result["index_bytes"] = index_bytes;
  result["kinds"] = nlohmann::ordered_json::object();
  for (auto& [kind, values] : latencies) {
    std::sort(values.begin(), values.end());
    double sum = 0;
    for (const double v : values) sum += v;
    result["kinds"][kind] = {{"queries", values.size()},
                             {"empty", empty[kind]},
                             {"mean_ms", sum / values.size()},
                             {"p50_ms", Percentile(values, 0.5)},
                             {"p99_ms", Percentile(values, 0.99)}};
  }
  std::cout << result.dump() << "\n";
  return 0;
}
