// Searcher: ranked paragraph search over one IndexReader snapshot.
//
// Ranking is BM25 over the body text with query-time k1 and b, with statistics (document
// count, average length, document frequencies) per language: a French paragraph is scored
// with French statistics whatever else the index holds. Top-k is exact: dynamic pruning
// (MaxScore over per-block (tf, length) bounds) returns the same hits and scores as
// scoring every match. Ties are broken by index order (segment order in the commit, then
// insertion order within a segment).
//
// Words analyse in the query language: a word yielding several terms (Chinese bigrams)
// matches any of them; one yielding none (a stop word) drops out, and a query left with
// nothing to match returns no hits. Filters (every field but text) score 0. README,
// "Ranking", states the rest (phrases, prefixes, statistics).
//
// Query language (SearchOptions::language):
// - a given language: the query is analysed with that language's rules and only
//   paragraphs of that language are searched;
// - auto (the default): the language of a required `lang:` filter at the query's top
//   (`hawala lang:fr`); else all languages when the query has no words (filters only);
//   else routed by the index's own evidence: the index's one language when it holds
//   one; else its languages written in the script of the query's words; else, among
//   those, every language whose vocabulary (document frequencies of the analysed words)
//   explains the words nearly as well as the best, the detector's cues (DetectLanguage)
//   deciding near-ties; several languages are searched in one ranking as in `all`. When
//   the routed languages match nothing, the index's other languages are searched
//   (Routing::kFallback), so routing alone never empties a result;
// - all: the query is analysed once per language; each language's paragraphs are scored
//   with its own statistics against the query analysed in that language; one ranking.
//
// Contract:
// - Ownership: Create returns a uniquely owned searcher sharing ownership of the reader.
// - Thread safety: Search may be called from any number of threads at once (per-thread
//   analysers are created on demand).
// - Errors: a bad query string or an invalid Query is InvalidArgument (with the column);
//   k == 0, k > kMaxTopK or k1/b out of range is InvalidArgument; Corruption when an index
//   file fails while reading (naming the file and offset). Nothing is ever partial: on an
//   error no results are returned.

#ifndef HEXAGLOT_SEARCHER_H_
#define HEXAGLOT_SEARCHER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hexaglot/analyzer.h"
#include "hexaglot/export.h"
#include "hexaglot/index_reader.h"
#include "hexaglot/ingest.h"
#include "hexaglot/query.h"
#include "hexaglot/status.h"

namespace hexaglot {

inline constexpr std::size_t kMaxTopK = 100000;

// Which languages a query is analysed in and searched.
struct QueryLanguage {
  enum class Mode : std::uint8_t { kGiven = 0, kAuto = 1, kAll = 2 };
  Mode mode = Mode::kAuto;
  Language language = Language::kEnglish;  // For kGiven.

  static QueryLanguage Given(Language language) { return {Mode::kGiven, language}; }
  static QueryLanguage Auto() { return {Mode::kAuto, Language::kEnglish}; }
  static QueryLanguage All() { return {Mode::kAll, Language::kEnglish}; }
};

// Why SearchResults::languages are the ones searched (RoutingName gives its name).
enum class Routing : std::uint8_t {
  kGiven = 0,         // QueryLanguage::Given.
  kAll = 1,           // QueryLanguage::All.
  kLangFilter = 2,    // auto: the query requires one `lang:`.
  kNoWords = 3,       // auto: the query has filters only; every language.
  kOnlyLanguage = 4,  // auto: the index holds paragraphs of one language.
  kScript = 5,        // auto: one language of the index is written in the words' script.
  kVocabulary = 6,    // auto: the languages whose vocabulary explains the words best.
  kFallback = 7,      // auto: the routed languages matched nothing; the others were searched.
  kDetector = 8,      // auto: the index is empty; the detector's guess (English if unsure).
};

// "given", "all", "lang-filter", "no-words", "only-language", "script", "vocabulary",
// "fallback", "detector".
HEXAGLOT_EXPORT std::string_view RoutingName(Routing routing);

struct SearchOptions {
  // Hits to return. REQUIRES: 1 <= k <= kMaxTopK.
  std::size_t k = 10;
  QueryLanguage language;
  // BM25 parameters. REQUIRES: 0 <= k1 <= 100, 0 <= b <= 1. Defaults: Anserini's and
  // PISA's for passages (README, "Ranking", shows the measurements behind them).
  double k1 = 0.9;
  double b = 0.4;
  // Field boosts (README, "Ranking"): > 0 also scores each word of the query's text
  // clauses in the paragraph's theme (topics), by BM25 over that field's own lengths and
  // statistics, times the boost, added to the text's score; a word then also matches
  // paragraphs that have it only there. 0: theme and topics are filters only (theme:,
  // topic:). REQUIRES: 0 <= boost <= 100.
  double theme_boost = 0.0;
  double topic_boost = 0.0;
  // Snippets: a window of about this many bytes of the paragraph around its best match.
  bool snippets = true;
  std::size_t snippet_bytes = 240;
  // Add each hit's other language versions found in the index (same `parallel` key).
  bool parallel = false;
  // Add each hit's version in this language (same `parallel` key), when the index has one
  // and the hit is in another language: a reader of French can query in any language and
  // read French. With `parallel`, every version is added anyway.
  std::optional<Language> show_language;
  // One hit per `parallel` key: the best-scoring version of a paragraph stands for all its
  // language versions (paragraphs without a key are their own group). The k hits are the
  // k best groups, exactly.
  bool collapse_parallel = false;
  // Add each hit's BM25 terms (Hit::explanation).
  bool explain = false;
  // Read each hit's stored paragraph (needed for snippets, parallel versions and
  // explanations). false: hits carry only their score and address, for loops that time
  // the search itself and Fetch what they need afterwards.
  bool fetch = true;
};

// Where a hit's paragraph is in the searcher's snapshot; meaningful only to the Searcher
// that returned it.
struct DocAddress {
  std::uint32_t segment = 0;
  std::uint32_t doc = 0;
  friend bool operator==(const DocAddress&, const DocAddress&) = default;
};

// A byte range [start, end) of a paragraph's text.
struct TextSpan {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  friend bool operator==(const TextSpan&, const TextSpan&) = default;
};

// A window of the paragraph's text with the query's matched terms. Offsets are bytes of
// Paragraph::text and fall on UTF-8 character boundaries.
struct Snippet {
  TextSpan window;                   // The part of the text shown.
  std::vector<TextSpan> highlights;  // Matched tokens inside the window, in order.
  std::string text;                  // The window's bytes.
};

// One term's part of a hit's score: idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len / avg)).
struct TermScore {
  std::string term;  // The analysed (stemmed) term.
  // Where it matched: "text", or "theme" / "topic" for a field boost's terms.
  std::string field = "text";
  Language language = Language::kEnglish;
  std::uint32_t tf = 0;
  std::uint64_t doc_freq = 0;    // In this language and field, over the index.
  std::uint64_t doc_count = 0;   // Documents of this language.
  std::uint32_t doc_length = 0;  // The paragraph's length in the field (tokens).
  double average_length = 0.0;   // Of this language's paragraphs in the field.
  double idf = 0.0;              // ln(1 + (N - df + 0.5) / (df + 0.5)).
  double boost = 1.0;            // The field's boost; 1 for text.
  double score = 0.0;            // Boost included.
};

struct Hit {
  double score = 0.0;
  DocAddress address;
  Paragraph paragraph;  // The stored record (id, doc, lang, ...), when SearchOptions::fetch.
  std::optional<Snippet> snippet;   // When SearchOptions::snippets.
  std::vector<Paragraph> parallel;  // Other language versions, in language code order.
  // With snippets: one per `parallel` version, in the same order, highlighting the query's
  // terms as analysed in the version's language when that language was searched.
  std::vector<Snippet> parallel_snippets;
  std::vector<TermScore> explanation;  // When SearchOptions::explain; sums to `score`.
};

struct SearchResults {
  std::vector<Hit> hits;  // Best first.
  // The languages the query was analysed in and searched, in code order, and why.
  std::vector<Language> languages;
  Routing routing = Routing::kGiven;
};

class HEXAGLOT_EXPORT Searcher {
 public:
  static Result<std::unique_ptr<Searcher>> Create(std::shared_ptr<const IndexReader> reader);

  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;
  ~Searcher();

  const IndexReader& reader() const;

  // Parses `query` (ParseQuery) and runs it.
  Result<SearchResults> Search(std::string_view query, const SearchOptions& options) const;
  // Runs a built query.
  Result<SearchResults> Search(const Query& query, const SearchOptions& options) const;
  // The paragraph at a hit's address. InvalidArgument for an address outside this
  // searcher's snapshot; Corruption when its stored record fails.
  Result<Paragraph> Fetch(DocAddress address) const;

  class Impl;

 private:
  explicit Searcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace hexaglot

#endif  // HEXAGLOT_SEARCHER_H_
