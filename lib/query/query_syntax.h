// The query language's lexical classes, shared by the parser, Query::ToString and
// Query::Validate (which refuses texts the language cannot write), and by snippets.

#ifndef HEXAGLOT_QUERY_QUERY_SYNTAX_H_
#define HEXAGLOT_QUERY_QUERY_SYNTAX_H_

namespace hexaglot::query {

// Unicode White_Space (PropList.txt): what separates words.
constexpr bool IsQuerySpace(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

// What ends a word: white space, parentheses and the phrase quote.
constexpr bool IsWordBreak(char32_t c) {
  return IsQuerySpace(c) || c == U'(' || c == U')' || c == U'"';
}

}  // namespace hexaglot::query

#endif  // HEXAGLOT_QUERY_QUERY_SYNTAX_H_
