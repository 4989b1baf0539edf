// What `search` and `eval` share: opening a searcher, query languages, TREC run files.

#ifndef HEXAGLOT_TOOLS_SEARCH_SUPPORT_H_
#define HEXAGLOT_TOOLS_SEARCH_SUPPORT_H_

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "hexaglot/query.h"
#include "hexaglot/searcher.h"
#include "hexaglot/status.h"

namespace hexaglot::tool {

// "auto", "all", or a language code.
Result<QueryLanguage> ParseQueryLanguage(std::string_view name);

// A searcher over the newest commit of the index at `path`.
Result<std::unique_ptr<Searcher>> OpenSearcher(const std::string& path);

// A query of plain words, free of the query language's syntax: every distinct word
// (separated by white space, quotes or parentheses; trailing '*' dropped) as an optional
// term. For test-collection queries, which are
// natural language with stray quotes, colons and parentheses. InvalidArgument when the
// text has no word.
Result<Query> PlainWordsQuery(std::string_view text);

// One TREC run line per hit: "qid Q0 docid rank score tag".
void WriteTrecRun(std::ostream& out, std::string_view qid, const std::vector<std::string>& ids,
                  const std::vector<double>& scores, std::string_view tag);

}  // namespace hexaglot::tool

#endif  // HEXAGLOT_TOOLS_SEARCH_SUPPORT_H_
