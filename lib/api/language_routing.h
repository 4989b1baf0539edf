// Which languages a query in QueryLanguage::kAuto mode is analysed in and searched
// (include/hexaglot/searcher.h, "Query language"), decided from the index's own evidence:
// the languages it holds, the scripts of the query's words, and how well each language's
// vocabulary explains them, with the language detector's cues as a tie-breaker.
//
// The vocabulary evidence of a language: how many of the query's word positions it
// explains (a term its paragraphs have, or one of its stop words), then the mean over the
// positions of the word's log-probability under a unigram model of the language's
// paragraphs: ln((df + 1/2) / (N + 1)) for the best term at the position (df over the
// language's text field, N its live paragraphs), ln(kStopWordProbability) for a stop
// word, plus the detector's confidence for its language. The languages that explain the
// most positions are kept, and of those every one within kVocabularyMargin of the best
// mean is searched, so that a query ambiguous between languages searches them all in one
// ranking, each with its own statistics.

#ifndef HEXAGLOT_API_LANGUAGE_ROUTING_H_
#define HEXAGLOT_API_LANGUAGE_ROUTING_H_

#include <string>
#include <vector>

#include "api/analyzer_pool.h"
#include "hexaglot/query.h"
#include "hexaglot/searcher.h"
#include "hexaglot/status.h"
#include "index/snapshot.h"

namespace hexaglot::api {

struct RoutedLanguages {
  std::vector<Language> languages;  // In language code order.
  Routing routing = Routing::kGiven;
};

// The languages of `query` under `mode`. `analyzers` analyse with the index's options,
// `surface_analyzers` the same without stemming or stop words. REQUIRES: query.Validate()
// is OK. InvalidArgument for invalid UTF-8; Corruption from the dictionaries.
Result<RoutedLanguages> RouteQuery(const Query& query, const QueryLanguage& mode,
                                   const index::Snapshot& snapshot, AnalyzerPool& analyzers,
                                   AnalyzerPool& surface_analyzers);

// The languages with live paragraphs in `snapshot`, in code order.
std::vector<Language> IndexLanguages(const index::Snapshot& snapshot);

}  // namespace hexaglot::api

#endif  // HEXAGLOT_API_LANGUAGE_ROUTING_H_
