// FindDocumentSymbols: UN document symbols in running text.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "hexaglot/ingest.h"

namespace hexaglot {
namespace {

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsUpper(c) || IsDigit(c) || (c >= 'a' && c <= 'z'); }

// Characters a symbol is made of: series, body and session parts ("WG.7", "L.2",
// "Add.1", "2018").
bool IsSymbolChar(char c) { return IsAlnum(c) || c == '/' || c == '.' || c == '-'; }

// True when `candidate` (already trimmed of trailing '.' and '-') has the shape of a UN
// document symbol.
bool IsSymbol(std::string_view candidate) {
  const std::size_t slash = candidate.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash > 8) return false;
  for (std::size_t i = 0; i < slash; ++i) {
    if (!IsUpper(candidate[i])) return false;
  }
  bool digit_after_slash = false;
  std::size_t part_start = slash + 1;
  for (std::size_t i = slash + 1; i <= candidate.size(); ++i) {
    if (i == candidate.size() || candidate[i] == '/') {
      if (i == part_start) return false;  // Empty part: "A//B" or a trailing '/'.
      const char first = candidate[part_start];
      if (!IsUpper(first) && !IsDigit(first)) return false;
      part_start = i + 1;
      continue;
    }
    digit_after_slash = digit_after_slash || IsDigit(candidate[i]);
  }
  return digit_after_slash;
}

}  // namespace

std::vector<std::string> FindDocumentSymbols(std::string_view text) {
  std::vector<std::string> symbols;
  // Every symbol has a '/': most paragraphs have none, and a memchr settles them (the
  // scan below took 2% of `hexaglot index` on paragraphs without symbols).
  if (text.find('/') == std::string_view::npos) return symbols;
  std::size_t i = 0;
  while (i < text.size()) {
    const bool at_boundary = i == 0 || !IsSymbolChar(text[i - 1]);
    if (!at_boundary || !IsUpper(text[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && IsSymbolChar(text[end])) ++end;
    std::size_t trimmed = end;
    while (trimmed > i && (text[trimmed - 1] == '.' || text[trimmed - 1] == '-')) --trimmed;
    const std::string_view candidate = text.substr(i, trimmed - i);
    if (IsSymbol(candidate)) {
      bool seen = false;
      for (const std::string& symbol : symbols) seen = seen || symbol == candidate;
      if (!seen) symbols.emplace_back(candidate);
    }
    i = end;
  }
  return symbols;
}

}  // namespace hexaglot
