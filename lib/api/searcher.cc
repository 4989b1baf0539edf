// Searcher (include/hexaglot/searcher.h): option checks, query languages, top-k over the
// reader's snapshot, then stored records, snippets, parallel versions and explanations
// for the hits.

#include "hexaglot/searcher.h"

#include <algorithm>
#include <array>
#include <mutex>
#include <utility>

#include "format/fields.h"
#include "index/reader_access.h"
#include "index/record_codec.h"
#include "query/compiled_query.h"
#include "query/snippet.h"
#include "query/top_k.h"
#include "util/status_macros.h"

namespace hexaglot {
namespace {

// Analyzers are not thread safe: each search borrows one per language from a pool and
// returns it when done.
class AnalyzerPool {
 public:
  explicit AnalyzerPool(const AnalyzerOptions& options) : options_(options) {}

  class Lease {
   public:
    Lease(AnalyzerPool* pool, Language language, std::unique_ptr<Analyzer> analyzer)
        : pool_(pool), language_(language), analyzer_(std::move(analyzer)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (analyzer_) pool_->Return(language_, std::move(analyzer_));
    }
    Analyzer& operator*() const { return *analyzer_; }

   private:
    AnalyzerPool* pool_;
    Language language_;
    std::unique_ptr<Analyzer> analyzer_;
  };

  Result<Lease> Borrow(Language language) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto& idle = idle_[static_cast<std::size_t>(language)];
      if (!idle.empty()) {
        std::unique_ptr<Analyzer> analyzer = std::move(idle.back());
        idle.pop_back();
        return Lease(this, language, std::move(analyzer));
      }
    }
    HEXAGLOT_ASSIGN_OR_RETURN(std::unique_ptr<Analyzer> analyzer,
                              Analyzer::Create(language, options_));
    return Lease(this, language, std::move(analyzer));
  }

 private:
  void Return(Language language, std::unique_ptr<Analyzer> analyzer) {
    std::lock_guard<std::mutex> lock(mutex_);
    idle_[static_cast<std::size_t>(language)].push_back(std::move(analyzer));
  }

  AnalyzerOptions options_;
  std::mutex mutex_;
  std::array<std::vector<std::unique_ptr<Analyzer>>, kLanguageCount> idle_;
};

// The words of the text, theme and topic clauses, for language detection.
void CollectWords(const Query& query, std::string* words) {
  if (query.kind() == Query::Kind::kBoolean) {
    for (const Query::Clause& clause : query.clauses()) CollectWords(clause.query, words);
    return;
  }
  if (query.kind() == Query::Kind::kExact || query.kind() == Query::Kind::kRange) return;
  if (!words->empty()) words->push_back(' ');
  words->append(query.text());
}

// The language a required `lang:` filter at the top of the query names, if exactly one.
std::optional<Language> RequiredLanguage(const Query& query) {
  auto language_of = [](const Query& q) -> std::optional<Language> {
    if (q.kind() != Query::Kind::kExact || q.field() != QueryField::kLang) return std::nullopt;
    Result<Language> language = ParseLanguage(q.text());
    return language.ok() ? std::optional<Language>(*language) : std::nullopt;
  };
  if (query.kind() != Query::Kind::kBoolean) return language_of(query);
  std::optional<Language> found;
  for (const Query::Clause& clause : query.clauses()) {
    if (clause.occur != Occur::kMust && clause.occur != Occur::kFilter) continue;
    const std::optional<Language> language = language_of(clause.query);
    if (!language) continue;
    if (found && *found != *language) return std::nullopt;
    found = language;
  }
  return found;
}

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
  if (!options.fetch && (options.snippets || options.parallel || options.explain)) {
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
    HEXAGLOT_ASSIGN_OR_RETURN(results.languages, Languages(query, options.language));

    const scoring::Bm25Params params{options.k1, options.b, options.theme_boost,
                                     options.topic_boost};
    std::vector<query::CompiledQuery> compiled;
    compiled.reserve(results.languages.size());
    for (const Language language : results.languages) {
      HEXAGLOT_ASSIGN_OR_RETURN(AnalyzerPool::Lease analyzer, analyzers_.Borrow(language));
      HEXAGLOT_ASSIGN_OR_RETURN(AnalyzerPool::Lease prefix, prefix_analyzers_.Borrow(language));
      HEXAGLOT_ASSIGN_OR_RETURN(
          query::CompiledQuery one,
          query::CompiledQuery::Compile(query, language, *analyzer, *prefix, *snapshot_, params));
      compiled.push_back(std::move(one));
    }
    std::vector<const query::CompiledQuery*> queries;
    for (const query::CompiledQuery& one : compiled) {
      if (!one.empty()) queries.push_back(&one);
    }
    if (queries.empty()) return results;
    HEXAGLOT_ASSIGN_OR_RETURN(std::vector<query::ScoredDoc> top,
                              query::TopK(*snapshot_, queries, options.k, query::Pruning::kOn));

    for (const query::ScoredDoc& scored : top) {
      const index::SegmentView& segment = snapshot_->segments()[scored.segment];
      const query::CompiledQuery& one = *queries[scored.query];
      Hit hit;
      hit.score = scored.score;
      hit.address = {scored.segment, scored.doc};
      if (!options.fetch) {
        results.hits.push_back(std::move(hit));
        continue;
      }
      HEXAGLOT_ASSIGN_OR_RETURN(hit.paragraph, ReadRecord(segment, scored.doc));
      if (options.snippets) {
        HEXAGLOT_ASSIGN_OR_RETURN(hit.snippet, MakeSnippet(one, hit.paragraph, options));
      }
      if (options.parallel) {
        HEXAGLOT_ASSIGN_OR_RETURN(hit.parallel, Parallel(hit.paragraph, scored));
      }
      if (options.explain) {
        HEXAGLOT_ASSIGN_OR_RETURN(hit.explanation, Explain(one, segment, scored.doc));
      }
      results.hits.push_back(std::move(hit));
    }
    return results;
  }

 private:
  static AnalyzerOptions PrefixOptions(AnalyzerOptions options) {
    options.stem = false;
    options.remove_stop_words = false;
    return options;
  }

  Result<std::vector<Language>> Languages(const Query& query, const QueryLanguage& language) {
    switch (language.mode) {
      case QueryLanguage::Mode::kGiven:
        return std::vector<Language>{language.language};
      case QueryLanguage::Mode::kAll:
        return std::vector<Language>(AllLanguages().begin(), AllLanguages().end());
      case QueryLanguage::Mode::kAuto:
        break;
    }
    if (const std::optional<Language> required = RequiredLanguage(query)) {
      return std::vector<Language>{*required};
    }
    std::string words;
    CollectWords(query, &words);
    // Filters alone need no analysis: every language's paragraphs can match.
    if (words.empty()) return std::vector<Language>(AllLanguages().begin(), AllLanguages().end());
    HEXAGLOT_ASSIGN_OR_RETURN(DetectedLanguage detected, DetectLanguage(words));
    return std::vector<Language>{detected.language.value_or(Language::kEnglish)};
  }

  // The snippet of a hit: its text re-analysed, the tokens of the query's scored terms
  // (text terms outside filters and exclusions).
  Result<Snippet> MakeSnippet(const query::CompiledQuery& compiled, const Paragraph& paragraph,
                              const SearchOptions& options) {
    std::vector<std::string> terms;
    for (const query::QueryTerm& term : compiled.terms()) {
      if (term.bm25) terms.push_back(term.term);
    }
    HEXAGLOT_ASSIGN_OR_RETURN(AnalyzerPool::Lease analyzer, analyzers_.Borrow(paragraph.lang));
    std::vector<Token> tokens;
    HEXAGLOT_RETURN_IF_ERROR((*analyzer).Analyze(paragraph.text, &tokens));
    const std::vector<query::SnippetMatch> matches = query::FindMatches(tokens, terms);
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
