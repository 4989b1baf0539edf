#include "search_support.h"

#include <algorithm>
#include <utility>

#include "hexaglot/index_reader.h"
#include "output.h"
#include "terminal.h"

namespace hexaglot::tool {

Result<QueryLanguage> ParseQueryLanguage(std::string_view name) {
  if (name == "auto") return QueryLanguage::Auto();
  if (name == "all") return QueryLanguage::All();
  Result<Language> language = ParseLanguage(name);
  if (!language.ok()) {
    return Status::InvalidArgument("unknown query language '" + std::string(name) +
                                   "' (expected auto, all, ar, zh, en, fr, ru or es)");
  }
  return QueryLanguage::Given(*language);
}

Result<std::unique_ptr<Searcher>> OpenSearcher(const std::string& path) {
  Result<std::unique_ptr<IndexReader>> reader = OpenIndex(path);
  if (!reader.ok()) return reader.status();
  return Searcher::Create(std::shared_ptr<const IndexReader>(std::move(*reader)));
}

Result<Query> PlainWordsQuery(std::string_view text) {
  // Quotes and parentheses separate words as white space does; a trailing '*' is
  // punctuation here, not a prefix.
  const auto is_separator = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == ')' || c == '"';
  };
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_separator(text[i])) ++i;
    const std::size_t start = i;
    while (i < text.size() && !is_separator(text[i])) ++i;
    std::string_view word = text.substr(start, i - start);
    while (!word.empty() && word.back() == '*') word.remove_suffix(1);
    if (!word.empty() && std::find(words.begin(), words.end(), word) == words.end()) {
      words.emplace_back(word);
    }
  }
  if (words.empty()) return Status::InvalidArgument("query has no words");
  if (words.size() > static_cast<std::size_t>(kMaxQueryClauses)) {
    return Status::InvalidArgument("query has more than " + std::to_string(kMaxQueryClauses) +
                                   " words");
  }
  if (words.size() == 1) return Query::Term(std::move(words[0]));
  std::vector<Query::Clause> clauses;
  clauses.reserve(words.size());
  for (std::string& word : words) {
    clauses.push_back({Occur::kShould, Query::Term(std::move(word))});
  }
  return Query::Boolean(std::move(clauses));
}

void WriteTrecRun(std::ostream& out, std::string_view qid, const std::vector<std::string>& ids,
                  const std::vector<double>& scores, std::string_view tag) {
  for (std::size_t i = 0; i < ids.size(); ++i) {
    out << qid << " Q0 " << ids[i] << ' ' << (i + 1) << ' ' << Fixed(scores[i], 6) << ' ' << tag
        << '\n';
  }
}

}  // namespace hexaglot::tool
