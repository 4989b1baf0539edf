// hexaglot search: ranked paragraph queries, one at a time or in a measured batch.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "commands.h"
#include "hexaglot/searcher.h"
#include "output.h"
#include "search_support.h"
#include "terminal.h"

namespace hexaglot::tool {
namespace {

struct SearchArgs {
  std::vector<std::string> positionals;  // [DIR] QUERY, or [DIR] with --batch.
  std::string index;                     // --index DIR.
  std::size_t k = 10;
  std::string lang = "auto";
  std::string show_lang;  // --show-lang L: each hit's version in L.
  double k1 = 0.9;
  double b = 0.4;
  double theme_boost = 0.0;
  double topic_boost = 0.0;
  bool json = false;
  bool parallel = false;
  bool explain = false;
  bool no_snippets = false;
  std::size_t snippet_bytes = 240;
  std::string batch;
  std::string run;
  std::string run_tag = "hexaglot";
  std::string color = "auto";
};

nlohmann::json SpanJson(const TextSpan& span) {
  return nlohmann::json::array({span.start, span.end});
}

nlohmann::json SnippetJson(const Snippet& snippet) {
  nlohmann::json highlights = nlohmann::json::array();
  for (const TextSpan& span : snippet.highlights) highlights.push_back(SpanJson(span));
  return {{"text", snippet.text}, {"window", SpanJson(snippet.window)}, {"highlights", highlights}};
}

nlohmann::json HitJson(std::size_t rank, const Hit& hit) {
  const Paragraph& p = hit.paragraph;
  nlohmann::json out = {{"rank", rank},
                        {"id", p.id},
                        {"score", hit.score},
                        {"doc", p.doc},
                        {"lang", LanguageCode(p.lang)},
                        {"number", p.number},
                        {"theme", p.theme ? nlohmann::json(*p.theme) : nlohmann::json(nullptr)},
                        {"paper", p.paper ? nlohmann::json(*p.paper) : nlohmann::json(nullptr)}};
  if (hit.snippet) out["snippet"] = SnippetJson(*hit.snippet);
  if (!hit.parallel.empty()) {
    nlohmann::json parallel = nlohmann::json::array();
    for (std::size_t i = 0; i < hit.parallel.size(); ++i) {
      const Paragraph& version = hit.parallel[i];
      nlohmann::json one = {
          {"id", version.id}, {"lang", LanguageCode(version.lang)}, {"text", version.text}};
      if (i < hit.parallel_snippets.size()) one["snippet"] = SnippetJson(hit.parallel_snippets[i]);
      parallel.push_back(std::move(one));
    }
    out["parallel"] = parallel;
  }
  if (!hit.explanation.empty()) {
    nlohmann::json terms = nlohmann::json::array();
    for (const TermScore& term : hit.explanation) {
      terms.push_back({{"term", term.term},
                       {"field", term.field},
                       {"lang", LanguageCode(term.language)},
                       {"tf", term.tf},
                       {"df", term.doc_freq},
                       {"docs", term.doc_count},
                       {"length", term.doc_length},
                       {"average_length", term.average_length},
                       {"idf", term.idf},
                       {"boost", term.boost},
                       {"score", term.score}});
    }
    out["explain"] = terms;
  }
  return out;
}

nlohmann::json LanguageCodes(const std::vector<Language>& languages) {
  nlohmann::json codes = nlohmann::json::array();
  for (const Language language : languages) codes.push_back(LanguageCode(language));
  return codes;
}

// "en, fr", or "none".
std::string LanguageList(const std::vector<Language>& languages) {
  std::string list;
  for (const Language language : languages) {
    if (!list.empty()) list += ", ";
    list += LanguageCode(language);
  }
  return list.empty() ? "none" : list;
}

// The snippet's text with its highlights marked up (bold on a terminal) and ellipses
// where the window cuts the paragraph; its pieces pass through Printable.
std::string RenderSnippet(const Snippet& snippet, std::size_t text_size, const Style& style) {
  const std::string_view text = snippet.text;
  std::string out;
  if (snippet.window.start > 0) out += "…";
  std::uint32_t at = snippet.window.start;
  for (const TextSpan& span : snippet.highlights) {
    out += Printable(text.substr(at - snippet.window.start, span.start - at));
    out += style.Highlight(
        Printable(text.substr(span.start - snippet.window.start, span.end - span.start)));
    at = span.end;
  }
  out += Printable(text.substr(at - snippet.window.start));
  if (snippet.window.end < text_size) out += "…";
  return out;
}

// Right-to-left text between Unicode bidi isolates (RLI … PDI), so that a terminal lays
// out its punctuation and ellipses on the right side and the line around it stays as is.
std::string Isolated(std::string text, Language language) {
  if (language != Language::kArabic) return text;
  return "\u2067" + std::move(text) + "\u2069";
}

void PrintHit(std::size_t rank, const Hit& hit, const Style& style) {
  const Paragraph& p = hit.paragraph;
  std::cout << rank << ". " << style.Bold(Printable(p.id)) << "  score " << Fixed(hit.score, 4)
            << '\n';
  // The document is in the id above: "en ¶14", "en pp3", "en annex ¶2".
  std::cout << "   " << LanguageCode(p.lang) << ' ' << NumberLabel(p, /*with_doc=*/false);
  if (p.theme) std::cout << " · " << Printable(*p.theme);
  if (p.paper) std::cout << " · " << Printable(*p.paper);
  if (p.year) std::cout << " (" << *p.year << ')';
  std::cout << '\n';
  if (hit.snippet) {
    std::cout << "   " << Isolated(RenderSnippet(*hit.snippet, p.text.size(), style), p.lang)
              << '\n';
  }
  for (std::size_t i = 0; i < hit.parallel.size(); ++i) {
    const Paragraph& version = hit.parallel[i];
    const std::string text =
        i < hit.parallel_snippets.size()
            ? RenderSnippet(hit.parallel_snippets[i], version.text.size(), style)
            : Printable(version.text);
    std::cout << "   [" << LanguageCode(version.lang) << "] " << Printable(version.id) << ": "
              << Isolated(text, version.lang) << '\n';
  }
  for (const TermScore& term : hit.explanation) {
    std::cout << "   explain: " << LanguageCode(term.language) << ':' << Printable(term.term);
    if (term.field != "text") std::cout << " (" << term.field << " x" << term.boost << ')';
    std::cout << " tf=" << term.tf << " df=" << term.doc_freq << " N=" << term.doc_count
              << " len=" << term.doc_length << " avg=" << term.average_length << " idf=" << term.idf
              << " -> " << Fixed(term.score, 4) << '\n';
  }
}

Result<SearchOptions> MakeOptions(const SearchArgs& args) {
  SearchOptions options;
  options.k = args.k;
  Result<QueryLanguage> language = ParseQueryLanguage(args.lang);
  if (!language.ok()) return language.status();
  options.language = *language;
  options.k1 = args.k1;
  options.b = args.b;
  options.theme_boost = args.theme_boost;
  options.topic_boost = args.topic_boost;
  options.snippets = !args.no_snippets;
  options.snippet_bytes = args.snippet_bytes;
  options.parallel = args.parallel;
  // Versions shown beside a hit stand for their paragraph: one hit per paragraph.
  options.collapse_parallel = args.parallel;
  if (!args.show_lang.empty()) {
    Result<Language> shown = ParseLanguage(args.show_lang);
    if (!shown.ok()) return shown.status();
    options.show_language = *shown;
  }
  options.explain = args.explain;
  return options;
}

int RunOne(const SearchArgs& args, const std::string& index, const std::string& query) {
  Result<SearchOptions> options = MakeOptions(args);
  if (!options.ok()) return ReportError(options.status());
  Result<std::unique_ptr<Searcher>> searcher = OpenSearcher(index);
  if (!searcher.ok()) return ReportError(searcher.status());
  Result<SearchResults> results = (*searcher)->Search(query, *options);
  if (!results.ok()) return ReportError(results.status());
  Result<ColorMode> color = ParseColorMode(args.color);
  if (!color.ok()) return ReportError(color.status());
  const Style style(*color, stdout);
  if (args.explain && !args.json) {
    std::cout << "languages: " << LanguageList(results->languages) << " ("
              << RoutingName(results->routing) << ")\n";
  }
  for (std::size_t i = 0; i < results->hits.size(); ++i) {
    if (args.json) {
      nlohmann::json hit = HitJson(i + 1, results->hits[i]);
      hit["languages"] = LanguageCodes(results->languages);
      hit["routing"] = RoutingName(results->routing);
      std::cout << hit.dump() << '\n';
    } else {
      PrintHit(i + 1, results->hits[i], style);
    }
  }
  if (results->hits.empty() && !args.json) {
    std::cerr << "hexaglot: no results (searched " << LanguageList(results->languages) << ": "
              << RoutingName(results->routing) << ")\n";
  }
  std::cout.flush();
  return results->hits.empty() ? kExitNoResults : kExitOk;
}

struct BatchQuery {
  std::string qid;
  QueryLanguage language;
  std::string text;
};

Result<std::vector<BatchQuery>> ReadBatch(const std::string& path) {
  Result<std::string> contents = ReadInput(path);
  if (!contents.ok()) return contents.status();
  std::vector<BatchQuery> queries;
  std::string_view rest = *contents;
  for (std::size_t line = 1; !rest.empty(); ++line) {
    const std::size_t end = std::min(rest.find('\n'), rest.size());
    std::string_view text = rest.substr(0, end);
    rest.remove_prefix(std::min(end + 1, rest.size()));
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (text.empty()) continue;
    const std::size_t tab1 = text.find('\t');
    const std::size_t tab2 = tab1 == std::string_view::npos ? tab1 : text.find('\t', tab1 + 1);
    const std::string where = path + ":" + std::to_string(line) + ": ";
    if (tab2 == std::string_view::npos || tab1 == 0) {
      return Status::InvalidArgument(where + "expected qid<TAB>lang<TAB>query");
    }
    Result<QueryLanguage> language = ParseQueryLanguage(text.substr(tab1 + 1, tab2 - tab1 - 1));
    if (!language.ok()) return Status::InvalidArgument(where + language.status().message());
    queries.push_back(
        {std::string(text.substr(0, tab1)), *language, std::string(text.substr(tab2 + 1))});
  }
  return queries;
}

double Percentile(std::vector<double> sorted_values, double fraction) {
  // Nearest rank, as the peers' harnesses.
  if (sorted_values.empty()) return 0.0;
  const auto rank =
      static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(sorted_values.size())));
  return sorted_values[std::clamp<std::size_t>(rank, 1, sorted_values.size()) - 1];
}

int RunBatch(const SearchArgs& args, const std::string& index) {
  Result<SearchOptions> base = MakeOptions(args);
  if (!base.ok()) return ReportError(base.status());
  base->snippets = false;
  base->parallel = false;
  base->show_language.reset();
  base->explain = false;
  base->fetch = false;
  Result<std::vector<BatchQuery>> queries = ReadBatch(args.batch);
  if (!queries.ok()) return ReportInputError(queries.status());
  Result<std::unique_ptr<Searcher>> searcher = OpenSearcher(index);
  if (!searcher.ok()) return ReportError(searcher.status());

  // One untimed pass warms the page cache and the analysers; the second is measured.
  std::vector<SearchResults> results(queries->size());
  std::vector<double> latencies_ms;
  latencies_ms.reserve(queries->size());
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t i = 0; i < queries->size(); ++i) {
      const BatchQuery& query = (*queries)[i];
      SearchOptions options = *base;
      options.language = query.language;
      const auto start = std::chrono::steady_clock::now();
      Result<SearchResults> found = (*searcher)->Search(query.text, options);
      const auto stop = std::chrono::steady_clock::now();
      if (!found.ok()) {
        return ReportError(found.status().WithContext(args.batch + ": query " + query.qid));
      }
      if (pass == 1) {
        latencies_ms.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
        results[i] = std::move(*found);
      }
    }
  }

  std::size_t empty = 0;
  if (!args.run.empty()) {
    std::ofstream run(args.run);
    if (!run) return ReportError(Status::IOError(args.run + ": cannot open for writing"));
    for (std::size_t i = 0; i < queries->size(); ++i) {
      std::vector<std::string> ids;
      std::vector<double> scores;
      for (const Hit& hit : results[i].hits) {
        Result<Paragraph> paragraph = (*searcher)->Fetch(hit.address);
        if (!paragraph.ok()) return ReportError(paragraph.status());
        ids.push_back(paragraph->id);
        scores.push_back(hit.score);
      }
      WriteTrecRun(run, (*queries)[i].qid, ids, scores, args.run_tag);
    }
    run.flush();
    if (!run) return ReportError(Status::IOError(args.run + ": write failed"));
  }
  for (const SearchResults& found : results) empty += found.hits.empty() ? 1 : 0;

  double total = 0.0;
  for (double latency : latencies_ms) total += latency;
  std::sort(latencies_ms.begin(), latencies_ms.end());
  const nlohmann::json summary = {
      {"queries", queries->size()},
      {"empty", empty},
      {"mean_ms", latencies_ms.empty() ? 0.0 : total / static_cast<double>(latencies_ms.size())},
      {"p50_ms", Percentile(latencies_ms, 0.50)},
      {"p99_ms", Percentile(latencies_ms, 0.99)}};
  std::cout << summary.dump() << '\n';
  std::cout.flush();
  return kExitOk;
}

int RunSearch(const SearchArgs& args) {
  // The last positional is the query (none with --batch); one before it names the index.
  const std::size_t wanted = args.batch.empty() ? 1 : 0;
  const bool has_dir = args.positionals.size() == wanted + 1;
  if (args.positionals.size() < wanted || args.positionals.size() > wanted + 1 ||
      (has_dir && !args.index.empty())) {
    return ReportError(Status::InvalidArgument(
        args.batch.empty() ? "search: expected [DIR] QUERY (or --index DIR QUERY)"
                           : "search: with --batch, expected at most one argument, DIR"));
  }
  Result<std::string> index = ResolveIndexPath(has_dir ? args.positionals[0] : args.index);
  if (!index.ok()) return ReportError(index.status());
  if (!args.batch.empty()) return RunBatch(args, *index);
  if (!args.run.empty()) return ReportError(Status::InvalidArgument("--run needs --batch"));
  return RunOne(args, *index, args.positionals.back());
}

}  // namespace

void AddSearchCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<SearchArgs>();
  CLI::App* command = app.add_subcommand(
      "search",
      "Ranked search: 'hexaglot search [DIR] QUERY' prints the best paragraphs with "
      "highlighted snippets (README \"Query language\"); DIR defaults to $HEXAGLOT_INDEX, "
      "else the default index. '--batch FILE' runs qid<TAB>lang<TAB>query lines for "
      "measurement: one untimed pass, one timed, a TREC run with --run, and a last line of "
      "JSON with the latency.");
  command->add_option("args", args->positionals, "[DIR] QUERY (DIR only, with --batch)");
  command->add_option("--index", args->index, "The index folder (default: see 'hexaglot --help')");
  command->add_option("-k", args->k, "Number of hits")
      ->check(CLI::Range(std::size_t{1}, kMaxTopK))
      ->capture_default_str();
  command
      ->add_option("--lang,-l", args->lang,
                   "Query language: auto (detected), all (every language), or ar zh en fr "
                   "ru es")
      ->capture_default_str();
  command->add_option("--k1", args->k1, "BM25 k1 (term frequency saturation)")
      ->check(CLI::Range(0.0, 100.0))
      ->capture_default_str();
  command->add_option("--b", args->b, "BM25 b (length normalisation)")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  command
      ->add_option("--theme-boost", args->theme_boost,
                   "Also score the query's words in the paragraph's theme, times this (0: off)")
      ->check(CLI::Range(0.0, 100.0))
      ->capture_default_str();
  command
      ->add_option("--topic-boost", args->topic_boost,
                   "Also score the query's words in the paragraph's topics, times this (0: off)")
      ->check(CLI::Range(0.0, 100.0))
      ->capture_default_str();
  command->add_flag("--json", args->json, "One JSON object per hit and line");
  command->add_flag("--parallel", args->parallel,
                    "Show each hit's versions in the other languages of the index, one hit per "
                    "paragraph (its versions collapsed into the best-scoring one)");
  command->add_option("--show-lang", args->show_lang,
                      "Show each hit's version in this language (ar zh en fr ru es) when the "
                      "index has it");
  command->add_flag("--explain", args->explain, "Show the BM25 terms of each hit's score");
  command->add_flag("--no-snippets", args->no_snippets, "Do not compute snippets");
  command->add_option("--snippet-bytes", args->snippet_bytes, "Snippet length in bytes")
      ->check(CLI::Range(std::size_t{16}, std::size_t{1} << 20))
      ->capture_default_str();
  command->add_option("--batch", args->batch, "Run the queries of FILE (qid<TAB>lang<TAB>query)");
  command->add_option("--run", args->run, "With --batch: write a TREC run file");
  command->add_option("--run-tag", args->run_tag, "The run file's tag column")
      ->capture_default_str();
  AddColorOption(command, &args->color);
  command->callback([args, exit_code] { *exit_code = RunSearch(*args); });
}

}  // namespace hexaglot::tool
