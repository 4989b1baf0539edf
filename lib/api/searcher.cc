// Searcher (include/hexaglot/searcher.h): option checks, query languages, top-k over the
// reader's snapshot, then stored records, snippets, parallel versions and explanations
// for the hits.

#include "hexaglot/searcher.h"

#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "api/analyzer_pool.h"
#include "api/language_routing.h"
#include "format/fields.h"
#include "index/reader_access.h"
#include "index/record_codec.h"
#include "query/compiled_query.h"
#include "query/snippet.h"
#include "query/top_k.h"
#include "util/status_macros.h"

namespace hexaglot {
namespace {

using api::AnalyzerPool;

Status CheckOptions(const SearchOptions& options) {
  if (options.k == 0 || options.k > kMaxTopK) {
    return Status::InvalidArgument("search: k must be in 1.." + std::to_string(kMaxTopK) +
                                   ", not " + std::to_string(options.k));
  }
  if (!(options.k1 >= 0.0 && options.k1 <= 100.0)) {
    return Status::InvalidArgument("search: k1 must be in [0, 100], not " +
                                   std::to_string(options.k1));
  }
  if (!(options.b >= 0.0 && options.b <= 1.0)) {
    return Status::InvalidArgument("search: b must be in [0, 1], not " + std::to_string(options.b));
  }
  for (const auto& [name, boost] : {std::pair{"theme_boost", options.theme_boost},
                                    std::pair{"topic_boost", options.topic_boost}}) {
    if (!(boost >= 0.0 && boost <= 100.0)) {
      return Status::InvalidArgument(std::string("search: ") + name + " must be in [0, 100], not " +
                                     std::to_string(boost));
    }
  }
  if (!options.fetch &&
      (options.snippets || options.parallel || options.show_language || options.explain)) {
    return Status::InvalidArgument(
        "search: snippets, parallel versions and explanations need fetch = true");
  }
  if (options.snippets && options.snippet_bytes == 0) {
    return Status::InvalidArgument("search: snippet_bytes must be positive");
  }
  return Status::OK();
}

Result<Paragraph> ReadRecord(const index::SegmentView& segment, DocId doc) {
  HEXAGLOT_ASSIGN_OR_RETURN(std::string record, segment.reader->Stored(doc));
  return index::DecodeRecord(
      record, "segment " + segment.reader->name() + " document " + std::to_string(doc));
}

}  // namespace

class Searcher::Impl {
 public:
  explicit Impl(std::shared_ptr<const IndexReader> reader)
      : reader_(std::move(reader)),
        snapshot_(index::SnapshotOf(*reader_)),
        analyzers_(reader_->analyzer_options()),
        prefix_analyzers_(PrefixOptions(reader_->analyzer_options())) {}

  const IndexReader& reader() const { return *reader_; }

  Result<Paragraph> Fetch(DocAddress address) const {
    const std::vector<index::SegmentView>& segments = snapshot_->segments();
    if (address.segment >= segments.size() ||
        address.doc >= segments[address.segment].reader->doc_count()) {
      return Status::InvalidArgument("Searcher::Fetch: no document " + std::to_string(address.doc) +
                                     " in segment " + std::to_string(address.segment));
    }
    return ReadRecord(segments[address.segment], address.doc);
  }

  Result<SearchResults> Search(const Query& query, const SearchOptions& options) {
    HEXAGLOT_RETURN_IF_ERROR(CheckOptions(options));
    HEXAGLOT_RETURN_IF_ERROR(query.Validate());
    SearchResults results;
    HEXAGLOT_ASSIGN_OR_RETURN(
        api::RoutedLanguages routed,
        api::RouteQuery(query, options.language, *snapshot_, analyzers_, prefix_analyzers_));
    results.languages = std::move(routed.languages);
    results.routing = routed.routing;
    HEXAGLOT_ASSIGN_OR_RETURN(Ranking ranking, Rank(query, results.languages, options));
    if (ranking.top.empty() && IsRouted(results.routing)) {
      // Routing never empties a result: the index's other languages get their turn.
      std::vector<Language> others = api::IndexLanguages(*snapshot_);
      std::erase_if(others, [&](Language language) {
        return std::find(results.languages.begin(), results.languages.end(), language) !=
               results.languages.end();
      });
      if (!others.empty()) {
        HEXAGLOT_ASSIGN_OR_RETURN(ranking, Rank(query, others, options));
        if (!ranking.top.empty()) {
          results.languages = std::move(others);
          results.routing = Routing::kFallback;
        }
      }
    }
    for (std::size_t i = 0; i < ranking.top.size(); ++i) {
      Hit hit;
      hit.score = ranking.top[i].score;
      hit.address = {ranking.top[i].segment, ranking.top[i].doc};
      if (options.fetch) {
        if (i < ranking.records.size()) {
          hit.paragraph = std::move(ranking.records[i]);
        } else {
          HEXAGLOT_ASSIGN_OR_RETURN(
              hit.paragraph,
              ReadRecord(snapshot_->segments()[hit.address.segment], hit.address.doc));
        }
        HEXAGLOT_RETURN_IF_ERROR(Annotate(ranking, ranking.top[i], options, hit));
      }
      results.hits.push_back(std::move(hit));
    }
    return results;
  }

 private:
  // The compiled queries of a search (one per language) and its top k.
  struct Ranking {
    std::vector<query::CompiledQuery> compiled;
    std::vector<const query::CompiledQuery*> queries;  // The non-empty ones, into compiled.
    std::vector<query::ScoredDoc> top;
    // The first hits' records, when collapsing read them.
    std::vector<Paragraph> records;
  };

  // Routings that chose languages for the user, and so may fall back to the others.
  static bool IsRouted(Routing routing) {
    return routing == Routing::kScript || routing == Routing::kVocabulary;
  }

  Result<Ranking> Rank(const Query& query, const std::vector<Language>& languages,
                       const SearchOptions& options) {
    const scoring::Bm25Params params{options.k1, options.b, options.theme_boost,
                                     options.topic_boost};
    Ranking ranking;
    ranking.compiled.reserve(languages.size());
    for (const Language language : languages) {
      HEXAGLOT_ASSIGN_OR_RETURN(AnalyzerPool::Lease analyzer, analyzers_.Borrow(language));
      HEXAGLOT_ASSIGN_OR_RETURN(AnalyzerPool::Lease prefix, prefix_analyzers_.Borrow(language));
      HEXAGLOT_ASSIGN_OR_RETURN(
          query::CompiledQuery one,
          query::CompiledQuery::Compile(query, language, *analyzer, *prefix, *snapshot_, params));
      ranking.compiled.push_back(std::move(one));
    }
    for (const query::CompiledQuery& one : ranking.compiled) {
      if (!one.empty()) ranking.queries.push_back(&one);
    }
    if (ranking.queries.empty()) return ranking;
    if (!options.collapse_parallel) {
      HEXAGLOT_ASSIGN_OR_RETURN(
          ranking.top, query::TopK(*snapshot_, ranking.queries, options.k, query::Pruning::kOn));
      return ranking;
    }
    HEXAGLOT_RETURN_IF_ERROR(RankCollapsed(options.k, ranking));
    return ranking;
  }

  // The top k of ranking.queries with one hit per parallel key (the best version): the top
  // of k times the language count, collapsed, and deeper while fewer than k groups remain
  // of a full top.
  Status RankCollapsed(std::size_t k, Ranking& ranking) {
    std::size_t depth = std::min(k * kLanguageCount, kMaxTopK);
    for (;;) {
      HEXAGLOT_ASSIGN_OR_RETURN(
          std::vector<query::ScoredDoc> top,
          query::TopK(*snapshot_, ranking.queries, depth, query::Pruning::kOn));
      ranking.top.clear();
      ranking.records.clear();
      std::set<std::string, std::less<>> seen;
      for (const query::ScoredDoc& scored : top) {
        HEXAGLOT_ASSIGN_OR_RETURN(Paragraph record,
                                  ReadRecord(snapshot_->segments()[scored.segment], scored.doc));
        if (!record.parallel.empty() && !seen.insert(record.parallel).second) continue;
        ranking.top.push_back(scored);
        ranking.records.push_back(std::move(record));
        if (ranking.top.size() == k) return Status::OK();
      }
      if (top.size() < depth || depth == kMaxTopK) return Status::OK();
      depth = std::min(depth * 2, kMaxTopK);
    }
  }

  // A fetched hit's snippet, other language versions and explanation, as asked.
  Status Annotate(const Ranking& ranking, const query::ScoredDoc& scored,
                  const SearchOptions& options, Hit& hit) {
    const query::CompiledQuery& one = *ranking.queries[scored.query];
    if (options.snippets) {
      HEXAGLOT_ASSIGN_OR_RETURN(hit.snippet, MakeSnippet(&one, hit.paragraph, options));
    }
    if (options.parallel || options.show_language) {
      HEXAGLOT_ASSIGN_OR_RETURN(hit.parallel, Parallel(hit.paragraph, scored));
      if (!options.parallel) {
        std::erase_if(hit.parallel, [&](const Paragraph& version) {
          return version.lang != *options.show_language;
        });
      }
      for (const Paragraph& version : hit.parallel) {
        if (!options.snippets) break;
        HEXAGLOT_ASSIGN_OR_RETURN(Snippet snippet,
                                  MakeSnippet(CompiledIn(ranking, version.lang), version, options));
        hit.parallel_snippets.push_back(std::move(snippet));
      }
    }
    if (options.explain) {
      HEXAGLOT_ASSIGN_OR_RETURN(hit.explanation,
                                Explain(one, snapshot_->segments()[scored.segment], scored.doc));
    }
    return Status::OK();
  }

  // The ranking's query compiled in `language`, or null when it was not searched.
  static const query::CompiledQuery* CompiledIn(const Ranking& ranking, Language language) {
    for (const query::CompiledQuery* one : ranking.queries) {
      if (one->language() == language) return one;
    }
    return nullptr;
  }

  static AnalyzerOptions PrefixOptions(AnalyzerOptions options) {
    options.stem = false;
    options.remove_stop_words = false;
    options.exact_forms = 0;
    return options;
  }

  // The snippet of a paragraph: its text re-analysed, the tokens of the query's scored
  // terms (text terms outside filters and exclusions) as compiled in its language; its
  // opening window without highlights when `compiled` is null (a language not searched).
  Result<Snippet> MakeSnippet(const query::CompiledQuery* compiled, const Paragraph& paragraph,
                              const SearchOptions& options) {
    std::vector<query::SnippetMatch> matches;
    if (compiled != nullptr) {
      std::vector<std::string> terms;
      for (const query::QueryTerm& term : compiled->terms()) {
        if (term.bm25) terms.push_back(term.term);
      }
      HEXAGLOT_ASSIGN_OR_RETURN(AnalyzerPool::Lease analyzer, analyzers_.Borrow(paragraph.lang));
      std::vector<Token> tokens;
      HEXAGLOT_RETURN_IF_ERROR((*analyzer).Analyze(paragraph.text, &tokens));
      matches = query::FindMatches(tokens, terms);
    }
    return query::BuildSnippet(paragraph.text, matches, options.snippet_bytes);
  }

  // The live paragraphs with the same parallel key in other languages, in code order.
  Result<std::vector<Paragraph>> Parallel(const Paragraph& paragraph,
                                          const query::ScoredDoc& scored) {
    HEXAGLOT_ASSIGN_OR_RETURN(
        std::vector<Paragraph> versions,
        snapshot_->GetParallel(paragraph.parallel, std::make_pair(scored.segment, scored.doc)));
    std::erase_if(versions,
                  [&](const Paragraph& version) { return version.lang == paragraph.lang; });
    return versions;
  }

  Result<std::vector<TermScore>> Explain(const query::CompiledQuery& compiled,
                                         const index::SegmentView& segment, DocId doc) {
    HEXAGLOT_ASSIGN_OR_RETURN(std::unique_ptr<query::Scorer> scorer,
                              compiled.MakeScorer(*segment.reader));
    std::vector<query::TermMatch> matches;
    if (scorer->doc() < doc) scorer->Advance(doc);
    HEXAGLOT_RETURN_IF_ERROR(scorer->status());
    if (scorer->doc() == doc) scorer->Explain(&matches);
    std::vector<TermScore> explanation;
    for (const query::TermMatch& match : matches) {
      const query::QueryTerm& term = compiled.terms()[static_cast<std::size_t>(match.term)];
      TermScore score;
      score.term = term.term;
      score.field = format::FieldName(term.field);
      score.language = compiled.language();
      score.tf = match.tf;
      score.doc_freq = term.doc_freq;
      score.doc_count = compiled.doc_count();
      score.doc_length = match.length;
      score.average_length = term.average_length;
      score.idf = term.bm25->idf();
      score.boost = term.bm25->boost();
      score.score = match.score;
      explanation.push_back(std::move(score));
    }
    return explanation;
  }

  std::shared_ptr<const IndexReader> reader_;
  std::shared_ptr<const index::Snapshot> snapshot_;
  AnalyzerPool analyzers_;
  AnalyzerPool prefix_analyzers_;
};

std::string_view RoutingName(Routing routing) {
  switch (routing) {
    case Routing::kGiven:
      return "given";
    case Routing::kAll:
      return "all";
    case Routing::kLangFilter:
      return "lang-filter";
    case Routing::kNoWords:
      return "no-words";
    case Routing::kOnlyLanguage:
      return "only-language";
    case Routing::kScript:
      return "script";
    case Routing::kVocabulary:
      return "vocabulary";
    case Routing::kFallback:
      return "fallback";
    case Routing::kDetector:
      return "detector";
  }
  return "unknown";
}

Result<std::unique_ptr<Searcher>> Searcher::Create(std::shared_ptr<const IndexReader> reader) {
  if (!reader) return Status::InvalidArgument("Searcher::Create: null reader");
  return std::unique_ptr<Searcher>(new Searcher(std::make_unique<Impl>(std::move(reader))));
}

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::~Searcher() = default;

const IndexReader& Searcher::reader() const { return impl_->reader(); }

Result<SearchResults> Searcher::Search(std::string_view query, const SearchOptions& options) const {
  HEXAGLOT_ASSIGN_OR_RETURN(Query parsed, ParseQuery(query));
  return impl_->Search(parsed, options);
}

Result<SearchResults> Searcher::Search(const Query& query, const SearchOptions& options) const {
  return impl_->Search(query, options);
}

Result<Paragraph> Searcher::Fetch(DocAddress address) const { return impl_->Fetch(address); }

}  // namespace hexaglot
