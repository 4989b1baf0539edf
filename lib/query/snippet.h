// Snippets: the window of a paragraph's text that best shows a hit's matched terms.
//
// The searcher re-analyses a hit's stored text with its language's analyser, keeps the
// tokens whose terms the query matched (SnippetMatch, tagged with the query term's index),
// and BuildSnippet picks the window of about `window_bytes` bytes with the most distinct
// query terms (then the most matches, then the earliest), widened or narrowed to UTF-8
// character boundaries (and to word boundaries where the window cuts text), and returns
// it with the matches inside it as highlights (overlapping matches, as Chinese bigrams
// give, merged into one). Text no longer than the window is returned whole; a paragraph
// without matches gives its opening window. A word boundary is white space or sentence
// punctuation (ASCII, Arabic, CJK) at most a quarter of the window from the cut.
//
// Thread safety: pure functions.

#ifndef HEXAGLOT_QUERY_SNIPPET_H_
#define HEXAGLOT_QUERY_SNIPPET_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hexaglot/analyzer.h"
#include "hexaglot/searcher.h"

namespace hexaglot::query {

struct SnippetMatch {
  TextSpan span;           // Byte range of the matched token in the text.
  std::uint32_t term = 0;  // Which query term it matched (for distinctness).
};

// The tokens of `tokens` whose term is one of `query_terms`, in the tokens' order, tagged
// with the index of that query term (the first, if a term is repeated). Exact-form tokens
// are skipped: the stem before each covers the same bytes, so a word is matched once.
std::vector<SnippetMatch> FindMatches(std::span<const Token> tokens,
                                      std::span<const std::string> query_terms);

// REQUIRES: `text` is valid UTF-8 and shorter than 4 GiB; `matches` are sorted by start
// (they may overlap) and lie inside `text` on character boundaries; window_bytes > 0.
Snippet BuildSnippet(std::string_view text, std::span<const SnippetMatch> matches,
                     std::size_t window_bytes);

}  // namespace hexaglot::query

#endif  // HEXAGLOT_QUERY_SNIPPET_H_
