// Snippets (snippet.h): the best window by distinct query terms, cut at UTF-8 character
// boundaries and, where the window cuts text, at nearby word boundaries.

#include "query/snippet.h"

#include <algorithm>

#include "query/query_syntax.h"
#include "util/utf8.h"

namespace hexaglot::query {
namespace {

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Where a cut window may begin (after one) or end (before a space, after punctuation):
// white space and the sentence punctuation of the six languages' scripts.
bool IsBreak(char32_t c) {
  switch (c) {
    case U',':
    case U'.':
    case U';':
    case U':':
    case U'!':
    case U'?':
    case 0x060C:  // Arabic comma.
    case 0x061B:  // Arabic semicolon.
    case 0x061F:  // Arabic question mark.
    case 0x06D4:  // Arabic full stop.
    case 0x3001:  // Ideographic comma.
    case 0x3002:  // Ideographic full stop.
    case 0xFF01:  // Full-width ! , : ; ?
    case 0xFF0C:
    case 0xFF1A:
    case 0xFF1B:
    case 0xFF1F:
      return true;
    default:
      return IsQuerySpace(c);
  }
}

// The code point starting at `pos`. REQUIRES: pos < text.size(), on a boundary.
char32_t At(std::string_view text, std::size_t pos) { return utf8::Next(text, &pos); }

// The boundary before the code point that ends at `pos`. REQUIRES: 0 < pos.
std::size_t Previous(std::string_view text, std::size_t pos) {
  do {
    --pos;
  } while (pos > 0 && IsContinuationByte(text[pos]));
  return pos;
}

// Moves a cut start forward, at most to `limit` (a boundary), to just after the first
// break, then past white space. Keeps `start` when no break is that near.
std::size_t StartAtWord(std::string_view text, std::size_t start, std::size_t limit) {
  std::size_t pos = start;
  if (IsBreak(At(text, Previous(text, pos)))) {
    while (pos < limit && IsQuerySpace(At(text, pos))) utf8::Next(text, &pos);
    return pos;
  }
  while (pos < limit) {
    const char32_t c = utf8::Next(text, &pos);
    if (IsBreak(c)) {
      while (pos < limit && IsQuerySpace(At(text, pos))) utf8::Next(text, &pos);
      return pos;
    }
  }
  return start;
}

// Moves a cut end back, at most to `limit` (a boundary), to before a space or after
// punctuation, then before white space. Keeps `end` when no break is that near.
// REQUIRES: limit <= end < text.size().
std::size_t EndAtWord(std::string_view text, std::size_t end, std::size_t limit) {
  for (std::size_t pos = end; pos >= limit && pos > 0;) {
    if (IsBreak(At(text, pos))) {
      while (pos > limit && IsQuerySpace(At(text, Previous(text, pos)))) pos = Previous(text, pos);
      return pos;
    }
    const std::size_t before = Previous(text, pos);
    if (IsBreak(At(text, before)) && !IsQuerySpace(At(text, before))) return pos;
    pos = before;
  }
  return end;
}

// The byte range of the matches the best window shows: the window of `window_bytes` bytes
// starting at a match with the most distinct terms, then the most matches, then the
// earliest. A match longer than the window is a run of its own.
TextSpan BestRun(std::span<const SnippetMatch> matches, std::size_t window_bytes) {
  // Dense ids for the terms, so distinctness is a stamp per id.
  std::vector<std::uint32_t> terms;
  terms.reserve(matches.size());
  for (const SnippetMatch& match : matches) terms.push_back(match.term);
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  std::vector<std::size_t> ids;
  ids.reserve(matches.size());
  for (const SnippetMatch& match : matches) {
    ids.push_back(static_cast<std::size_t>(
        std::lower_bound(terms.begin(), terms.end(), match.term) - terms.begin()));
  }
  std::vector<std::size_t> stamp(terms.size(), 0);

  TextSpan best;
  std::size_t best_distinct = 0;
  std::size_t best_count = 0;
  for (std::size_t i = 0; i < matches.size(); ++i) {
    const std::uint32_t start = matches[i].span.start;
    TextSpan run = matches[i].span;
    std::size_t distinct = 0;
    std::size_t count = 0;
    // Starts are sorted: nothing starting past the window can end inside it.
    for (std::size_t j = i; j < matches.size() && matches[j].span.start - start <= window_bytes;
         ++j) {
      if (j > i && matches[j].span.end - start > window_bytes) continue;
      run.end = std::max(run.end, matches[j].span.end);
      ++count;
      if (stamp[ids[j]] != i + 1) {
        stamp[ids[j]] = i + 1;
        ++distinct;
      }
    }
    if (distinct > best_distinct || (distinct == best_distinct && count > best_count)) {
      best = run;
      best_distinct = distinct;
      best_count = count;
    }
  }
  return best;
}

}  // namespace

std::vector<SnippetMatch> FindMatches(std::span<const Token> tokens,
                                      std::span<const std::string> query_terms) {
  // (term, index), sorted, the first index kept for a repeated term.
  std::vector<std::pair<std::string_view, std::uint32_t>> lookup;
  lookup.reserve(query_terms.size());
  for (std::size_t i = 0; i < query_terms.size(); ++i) {
    lookup.emplace_back(query_terms[i], static_cast<std::uint32_t>(i));
  }
  std::stable_sort(lookup.begin(), lookup.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<SnippetMatch> matches;
  for (const Token& token : tokens) {
    if (token.term.starts_with(kExactFormMarker)) continue;  // Its stem's span is matched.
    const auto it = std::lower_bound(
        lookup.begin(), lookup.end(), std::string_view(token.term),
        [](const auto& entry, std::string_view term) { return entry.first < term; });
    if (it != lookup.end() && it->first == token.term) {
      matches.push_back({TextSpan{token.start, token.end}, it->second});
    }
  }
  return matches;
}

Snippet BuildSnippet(std::string_view text, std::span<const SnippetMatch> matches,
                     std::size_t window_bytes) {
  std::size_t start = 0;
  std::size_t end = text.size();
  if (text.size() > window_bytes) {
    if (matches.empty()) {
      end = window_bytes;
      while (end > 0 && IsContinuationByte(text[end])) --end;
      std::size_t first_end = 0;
      utf8::Next(text, &first_end);
      // A first character longer than the window is shown whole.
      end = end == 0
                ? first_end
                : EndAtWord(text, end, std::max(first_end, end - std::min(end, window_bytes / 4)));
    } else {
      const TextSpan run = BestRun(matches, window_bytes);
      const std::size_t run_start = run.start;
      const std::size_t run_end = run.end;
      // Centre the run; a run longer than the window is shown whole.
      const std::size_t slack = window_bytes - std::min(window_bytes, run_end - run_start);
      start = run_start - std::min<std::size_t>(run_start, slack / 2);
      end = std::min(text.size(), std::max(run_end, start + window_bytes));
      if (end == text.size()) start = std::min(start, end - std::min(end, window_bytes));
      // Narrow to character boundaries: the run's ends are boundaries, so it stays whole.
      while (start > 0 && IsContinuationByte(text[start])) ++start;
      while (end < text.size() && IsContinuationByte(text[end])) --end;
      // Then to word boundaries, no further than a quarter of the window.
      const std::size_t reach = window_bytes / 4;
      if (start > 0) start = StartAtWord(text, start, std::min(run_start, start + reach));
      if (end < text.size()) end = EndAtWord(text, end, std::max(run_end, end - reach));
    }
  }

  Snippet snippet;
  snippet.window = {static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end)};
  snippet.text = std::string(text.substr(start, end - start));
  for (const SnippetMatch& match : matches) {
    if (match.span.start < start || match.span.end > end) continue;
    // Overlapping matches (Chinese bigrams) become one highlight.
    if (!snippet.highlights.empty() && match.span.start < snippet.highlights.back().end) {
      snippet.highlights.back().end = std::max(snippet.highlights.back().end, match.span.end);
    } else {
      snippet.highlights.push_back(match.span);
    }
  }
  return snippet;
}

}  // namespace hexaglot::query
