// Query: the query language's syntax tree, its parser, and builders for applications
// that construct queries in code.
//
// Grammar (README, "Query language"):
//   query    := list EOF
//   list     := or_expr+                      juxtaposed clauses: the default operator
//   or_expr  := and_expr ( "OR" and_expr )*
//   and_expr := unary ( ( "AND" | "NOT" | "AND NOT" ) unary )*      a NOT b = a AND NOT b
//   unary    := "+" primary | "-" primary | "NOT" primary | primary
//   primary  := "(" list ")" | field ":" value | phrase | word | word "*"
//   phrase   := '"' text '"' [ "~" digits ]
//   value    := word | phrase | digits ".." digits (year only)
// Explicit operators bind tighter than juxtaposition: `a OR b c` is `(a OR b) c`.
// Semantics of a clause list (Lucene's BooleanQuery): `+x` is required, `-x` excluded,
// other clauses optional and ranked (the default operator OR); a clause made only of
// filters (any field but text) is required and unscored.
//
// Contract:
// - Ownership: Query is a value type (deep copies); it holds no reference to its input.
// - Thread safety: const methods are safe from any thread; ParseQuery is reentrant.
// - Errors: ParseQuery returns InvalidArgument naming the 1-based column (in characters)
//   and what was expected, e.g. "query column 7: expected ')' to close '(' at column 1".
//   Invalid UTF-8, more than kMaxQueryClauses leaves or nesting deeper than
//   kMaxQueryDepth are InvalidArgument too. Parsing never analyses text: words are
//   analysed per language when the query runs.

#ifndef HEXAGLOT_QUERY_H_
#define HEXAGLOT_QUERY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hexaglot/export.h"
#include "hexaglot/status.h"

namespace hexaglot {

// Leaves beyond this many (terms, phrases, prefixes, filters) are refused.
inline constexpr int kMaxQueryClauses = 1024;
// Parentheses and operator nesting deeper than this are refused.
inline constexpr int kMaxQueryDepth = 64;

// The field a leaf searches. kText is ranked by BM25; every other field is a filter: it
// restricts the matches and adds nothing to the score.
enum class QueryField : std::uint8_t {
  kText = 0,      // Body text (default; `text:`), analysed in the query language.
  kTheme = 1,     // `theme:` words or phrase in the thematic heading, analysed.
  kTopic = 2,     // `topic:` words or phrase in one key topic, analysed.
  kLang = 3,      // `lang:fr`, a language code.
  kSymbol = 4,    // `symbol:CTOC/COP/WG.7/2018/2`, a cited document symbol, exact.
  kPaper = 5,     // `paper:`, the background paper's symbol, exact.
  kDoc = 6,       // `doc:`, the document symbol or name, exact.
  kYear = 7,      // `year:2018` or `year:2015..2019`.
  kId = 8,        // `id:`, a record id, exact.
  kParallel = 9,  // `parallel:`, a parallel key "<doc>/<number>", exact.
};

// "text", "theme", "topic", "lang", "symbol", "paper", "doc", "year", "id", "parallel".
HEXAGLOT_EXPORT std::string_view QueryFieldName(QueryField field);
// True for the fields that are filters (all but kText).
HEXAGLOT_EXPORT bool IsFilterField(QueryField field);

// How a clause of a boolean node takes part (Lucene's BooleanClause.Occur).
enum class Occur : std::uint8_t {
  kShould = 0,   // Optional; ranked when it matches. A node with no kMust/kFilter clause
                 // matches what at least one kShould clause matches.
  kMust = 1,     // Required and ranked.
  kFilter = 2,   // Required, not ranked.
  kMustNot = 3,  // Excluded. A node needs at least one clause that is not kMustNot.
};

class HEXAGLOT_EXPORT Query {
 public:
  enum class Kind : std::uint8_t {
    kTerm = 0,     // `text`: one word (analysed: may yield several terms, or none).
    kPhrase = 1,   // `text`: words in this order, at most `slop` extra positions apart.
    kPrefix = 2,   // `text`: terms starting with this (normalised, not stemmed).
    kExact = 3,    // `text`: the whole value of an exact field (lang, symbol, paper, doc,
                   // year, id, parallel).
    kRange = 4,    // Year range `low..high`, both included.
    kBoolean = 5,  // `clauses`.
  };

  struct Clause;

  // Builders. REQUIRES (checked by Validate, not here): see each kind above.
  static Query Term(std::string text, QueryField field = QueryField::kText);
  static Query Phrase(std::string text, int slop = 0, QueryField field = QueryField::kText);
  static Query Prefix(std::string text, QueryField field = QueryField::kText);
  static Query Exact(QueryField field, std::string value);
  static Query YearRange(int low, int high);
  static Query Boolean(std::vector<Clause> clauses);

  Kind kind() const { return kind_; }
  QueryField field() const { return field_; }
  const std::string& text() const { return text_; }
  int slop() const { return slop_; }
  int low() const { return low_; }
  int high() const { return high_; }
  const std::vector<Clause>& clauses() const { return clauses_; }

  // True when every leaf is on a filter field (the node adds nothing to scores).
  bool IsFilterOnly() const;
  // InvalidArgument for a tree no search can run: an empty text, a field the kind does
  // not allow (kExact on kText, kRange off kYear), low > high, a negative slop, an empty
  // boolean node or one with only kMustNot clauses, too many leaves or too deep a tree.
  // Also for a tree the query language cannot write, so that every valid tree has a text:
  // invalid UTF-8 or only white space in a text; a term or prefix that is not one word
  // (white space, '(', ')' or '"' inside; a term ending in '*'); a lang value that is not
  // a lower-case code; a year that is not 0..9999 in canonical digits; kMust on a clause
  // that IsFilterOnly (use kFilter), kFilter on one that is not (use kMust), and a node
  // of one kShould clause (use the clause).
  Status Validate() const;
  // The query in the query language; for a valid tree ParseQuery(q.ToString()) gives back
  // an equal tree (phrases and quoted values escape '"' and '\' with '\'). For an
  // invalid tree the text is a best effort.
  std::string ToString() const;

  friend bool operator==(const Query&, const Query&) = default;

 private:
  Kind kind_ = Kind::kTerm;
  QueryField field_ = QueryField::kText;
  std::string text_;
  int slop_ = 0;
  int low_ = 0;
  int high_ = 0;
  std::vector<Clause> clauses_;
};

struct Query::Clause {
  Occur occur = Occur::kShould;
  Query query;
  friend bool operator==(const Clause&, const Clause&) = default;
};

// Parses the query language (grammar above). Operators AND, OR, NOT are upper case;
// lower-case "and" is a word. A field name is recognised only directly before ':' at the
// start of a word ("12:30" is a word; "foo:bar" is an unknown field). Occurs: `+x` is
// kMust, `-x` and NOT kMustNot; a clause that IsFilterOnly and is not excluded is
// kFilter, except a plain operand of OR, which stays kShould (`lang:fr OR lang:es`).
// Inside quotes, \" is a quote and \\ a backslash. The result passes Validate.
HEXAGLOT_EXPORT Result<Query> ParseQuery(std::string_view text);

}  // namespace hexaglot

#endif  // HEXAGLOT_QUERY_H_
