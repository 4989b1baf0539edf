// The query language (include/hexaglot/query.h): ParseQuery, a hand-written recursive
// descent over code points (columns are code points), and Query::ToString, its inverse.
//
// Phrases and quoted values take two escapes, \" and \\; any other backslash is itself.
// A clause's occur follows from its syntax and from whether it holds only filters:
//            plain          +x             -x, NOT x
//   list     kShould/kFilter  kMust/kFilter  kMustNot
//   AND      kMust/kFilter    kMust/kFilter  kMustNot
//   OR       kShould          kMust/kFilter  kMustNot
// (the second choice when the clause IsFilterOnly). Query::Validate refuses the trees no
// syntax gives, so ToString can write every valid tree.

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hexaglot/language.h"
#include "hexaglot/query.h"
#include "query/query_syntax.h"
#include "util/status_macros.h"
#include "util/utf8.h"

namespace hexaglot {
namespace {

using query::IsQuerySpace;
using query::IsWordBreak;

constexpr std::array<QueryField, 10> kFields = {
    QueryField::kText,   QueryField::kTheme,   QueryField::kTopic, QueryField::kLang,
    QueryField::kSymbol, QueryField::kPaper,   QueryField::kDoc,   QueryField::kYear,
    QueryField::kId,     QueryField::kParallel};

constexpr std::string_view kFieldList =
    "text, theme, topic, lang, symbol, paper, doc, year, id, parallel";

Status ErrorAt(std::size_t index, std::string_view what) {
  return Status::InvalidArgument("query column " + std::to_string(index + 1) + ": " +
                                 std::string(what));
}

bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

// ---------------------------------------------------------------------------------------
// Tokens.

enum class TokenType : std::uint8_t {
  kEnd,
  kOpen,    // (
  kClose,   // )
  kPlus,    // + at the start of a token
  kMinus,   // - at the start of a token
  kAnd,     // AND
  kOr,      // OR
  kNot,     // NOT
  kWord,    // A run of code points that are not word breaks.
  kPhrase,  // "..." with an optional ~N.
};

struct Lexeme {
  TokenType type = TokenType::kEnd;
  std::size_t start = 0;               // Code point index of the first code point.
  std::size_t end = 0;                 // One past the last.
  std::string phrase;                  // kPhrase: the text between the quotes, unescaped.
  std::optional<std::size_t> slop_at;  // kPhrase: where "~N" starts, when present.
  int slop = 0;
};

std::string_view TokenName(TokenType type) {
  switch (type) {
    case TokenType::kAnd:
      return "AND";
    case TokenType::kOr:
      return "OR";
    case TokenType::kNot:
      return "NOT";
    case TokenType::kPlus:
      return "+";
    case TokenType::kMinus:
      return "-";
    case TokenType::kOpen:
      return "(";
    default:
      return "";
  }
}

// Lexes a phrase whose opening quote is at `start`.
Status LexPhrase(std::u32string_view text, std::size_t start, Lexeme* token) {
  token->type = TokenType::kPhrase;
  token->start = start;
  std::u32string content;
  std::size_t i = start + 1;
  while (i < text.size() && text[i] != U'"') {
    if (text[i] == U'\\' && i + 1 < text.size() && (text[i + 1] == U'"' || text[i + 1] == U'\\')) {
      ++i;
    }
    content += text[i++];
  }
  if (i == text.size()) return ErrorAt(start, "unterminated phrase: no closing '\"'");
  ++i;
  if (std::all_of(content.begin(), content.end(), IsQuerySpace)) {
    return ErrorAt(start, "empty phrase");
  }
  token->phrase = utf8::EncodeAll(content);
  if (i < text.size() && text[i] == U'~') {
    token->slop_at = i++;
    if (i == text.size() || !IsDigit(text[i])) return ErrorAt(i, "expected digits after '~'");
    std::int64_t slop = 0;
    for (; i < text.size() && IsDigit(text[i]); ++i) {
      slop = slop * 10 + (text[i] - U'0');
      if (slop > INT_MAX) return ErrorAt(*token->slop_at, "phrase slop is too large");
    }
    token->slop = static_cast<int>(slop);
  }
  token->end = i;
  return Status::OK();
}

Status Tokenize(std::u32string_view text, std::vector<Lexeme>* tokens) {
  std::size_t i = 0;
  while (true) {
    while (i < text.size() && IsQuerySpace(text[i])) ++i;
    Lexeme token;
    token.start = i;
    if (i == text.size()) {
      token.end = i;
      tokens->push_back(std::move(token));
      return Status::OK();
    }
    const char32_t c = text[i];
    if (c == U'"') {
      HEXAGLOT_RETURN_IF_ERROR(LexPhrase(text, i, &token));
    } else if (c == U'(' || c == U')' || c == U'+' || c == U'-') {
      token.type = c == U'('   ? TokenType::kOpen
                   : c == U')' ? TokenType::kClose
                   : c == U'+' ? TokenType::kPlus
                               : TokenType::kMinus;
      token.end = i + 1;
    } else {
      std::size_t end = i;
      while (end < text.size() && !IsWordBreak(text[end])) ++end;
      const std::u32string_view word = text.substr(i, end - i);
      token.type = word == U"AND"   ? TokenType::kAnd
                   : word == U"OR"  ? TokenType::kOr
                   : word == U"NOT" ? TokenType::kNot
                                    : TokenType::kWord;
      token.end = end;
    }
    i = token.end;
    tokens->push_back(std::move(token));
  }
}

// ---------------------------------------------------------------------------------------
// Parser.

enum class Mark : std::uint8_t { kNone, kPlus, kMinus };
enum class Context : std::uint8_t { kList, kAnd, kOr };

Occur OccurOf(Mark mark, const Query& query, Context context) {
  if (mark == Mark::kMinus) return Occur::kMustNot;
  if (query.IsFilterOnly()) {
    return mark == Mark::kNone && context == Context::kOr ? Occur::kShould : Occur::kFilter;
  }
  if (mark == Mark::kPlus) return Occur::kMust;
  return context == Context::kAnd ? Occur::kMust : Occur::kShould;
}

// A parsed unary: a clause and how it was marked.
struct Item {
  Mark mark = Mark::kNone;
  Query query;
};

// The field whose name is `name`, if any.
std::optional<QueryField> FieldNamed(std::u32string_view name) {
  for (QueryField field : kFields) {
    const std::string_view field_name = QueryFieldName(field);
    if (std::equal(name.begin(), name.end(), field_name.begin(), field_name.end())) {
      return field;
    }
  }
  return std::nullopt;
}

// ASCII letters, then letters, digits or '_': what reads as a field name before ':'.
bool LooksLikeFieldName(std::u32string_view name) {
  const auto letter = [](char32_t c) { return (c | 0x20) >= U'a' && (c | 0x20) <= U'z'; };
  if (name.empty() || !letter(name[0])) return false;
  return std::all_of(name.begin(), name.end(),
                     [&](char32_t c) { return letter(c) || IsDigit(c) || c == U'_'; });
}

class Parser {
 public:
  Parser(std::u32string_view text, std::vector<Lexeme> tokens)
      : text_(text), tokens_(std::move(tokens)) {}

  Result<Query> Parse() {
    HEXAGLOT_ASSIGN_OR_RETURN(Query query, ParseList(std::nullopt));
    if (Peek().type == TokenType::kClose) return ErrorAt(Peek().start, "unmatched ')'");
    return query;
  }

 private:
  const Lexeme& Peek() const { return tokens_[next_]; }
  const Lexeme& Take() {
    const Lexeme& token = tokens_[next_];
    if (token.type != TokenType::kEnd) ++next_;
    return token;
  }

  static bool StartsPrimary(TokenType type) {
    return type == TokenType::kOpen || type == TokenType::kWord || type == TokenType::kPhrase;
  }

  // At `column`, or at the next token's.
  Status ExpectedClause(std::string_view after, std::optional<std::size_t> column = {}) const {
    return ErrorAt(column.value_or(Peek().start),
                   "expected a word, phrase or '(' after '" + std::string(after) + "'");
  }

  Status CountLeaf(std::size_t column) {
    if (++leaves_ > kMaxQueryClauses) {
      return ErrorAt(column, "more than " + std::to_string(kMaxQueryClauses) + " clauses");
    }
    return Status::OK();
  }

  std::string Text(std::size_t start, std::size_t end) const {
    return utf8::EncodeAll(text_.substr(start, end - start));
  }

  static Result<Query> MakeBoolean(std::vector<Query::Clause> clauses, std::size_t column) {
    if (std::all_of(clauses.begin(), clauses.end(),
                    [](const Query::Clause& c) { return c.occur == Occur::kMustNot; })) {
      return ErrorAt(column, "only excluded clauses: add one that is not excluded");
    }
    return Query::Boolean(std::move(clauses));
  }

  // list := or_expr+, up to ')' or the end. `open`: the column of the group's '('.
  Result<Query> ParseList(std::optional<std::size_t> open) {
    const std::size_t column = Peek().start;
    std::vector<Item> items;
    while (Peek().type != TokenType::kEnd && Peek().type != TokenType::kClose) {
      if (Peek().type == TokenType::kAnd || Peek().type == TokenType::kOr) {
        return ErrorAt(Peek().start,
                       "'" + std::string(TokenName(Peek().type)) + "' needs a clause before it");
      }
      HEXAGLOT_ASSIGN_OR_RETURN(Item item, ParseOr());
      items.push_back(std::move(item));
    }
    if (items.empty()) {
      if (open) return ExpectedClause("(");
      return Peek().type == TokenType::kClose ? ErrorAt(Peek().start, "unmatched ')'")
                                              : ErrorAt(column, "empty query");
    }
    if (items.size() == 1 && items[0].mark == Mark::kNone) return std::move(items[0].query);
    std::vector<Query::Clause> clauses;
    clauses.reserve(items.size());
    for (Item& item : items) {
      clauses.push_back({OccurOf(item.mark, item.query, Context::kList), std::move(item.query)});
    }
    return MakeBoolean(std::move(clauses), column);
  }

  // or_expr := and_expr ( "OR" and_expr )*
  Result<Item> ParseOr() {
    const std::size_t column = Peek().start;
    HEXAGLOT_ASSIGN_OR_RETURN(Item first, ParseAnd(""));
    if (Peek().type != TokenType::kOr) return first;
    std::vector<Query::Clause> clauses;
    clauses.push_back({OccurOf(first.mark, first.query, Context::kOr), std::move(first.query)});
    while (Peek().type == TokenType::kOr) {
      Take();
      HEXAGLOT_ASSIGN_OR_RETURN(Item item, ParseAnd("OR"));
      clauses.push_back({OccurOf(item.mark, item.query, Context::kOr), std::move(item.query)});
    }
    HEXAGLOT_ASSIGN_OR_RETURN(Query query, MakeBoolean(std::move(clauses), column));
    return Item{Mark::kNone, std::move(query)};
  }

  // and_expr := unary ( ( "AND" | "NOT" | "AND NOT" ) unary )*
  Result<Item> ParseAnd(std::string_view after) {
    const std::size_t column = Peek().start;
    HEXAGLOT_ASSIGN_OR_RETURN(Item first, ParseUnary(after));
    if (Peek().type != TokenType::kAnd && Peek().type != TokenType::kNot) return first;
    std::vector<Query::Clause> clauses;
    clauses.push_back({OccurOf(first.mark, first.query, Context::kAnd), std::move(first.query)});
    while (Peek().type == TokenType::kAnd || Peek().type == TokenType::kNot) {
      bool negated = Take().type == TokenType::kNot;
      if (!negated && Peek().type == TokenType::kNot) {  // AND NOT.
        Take();
        negated = true;
      }
      if (!negated) {
        HEXAGLOT_ASSIGN_OR_RETURN(Item item, ParseUnary("AND"));
        clauses.push_back({OccurOf(item.mark, item.query, Context::kAnd), std::move(item.query)});
        continue;
      }
      HEXAGLOT_ASSIGN_OR_RETURN(Query query, ParsePrimary("NOT"));
      clauses.push_back({Occur::kMustNot, std::move(query)});
    }
    HEXAGLOT_ASSIGN_OR_RETURN(Query query, MakeBoolean(std::move(clauses), column));
    return Item{Mark::kNone, std::move(query)};
  }

  // unary := "+" primary | "-" primary | "NOT" primary | primary. A mark sticks to its
  // clause: "- x" is an error, not an exclusion.
  Result<Item> ParseUnary(std::string_view after) {
    const Lexeme& token = Peek();
    if (token.type == TokenType::kPlus || token.type == TokenType::kMinus) {
      Take();
      if (Peek().start != token.end || !StartsPrimary(Peek().type)) {
        return ExpectedClause(TokenName(token.type), token.end);
      }
      HEXAGLOT_ASSIGN_OR_RETURN(Query query, ParsePrimary(TokenName(token.type)));
      return Item{token.type == TokenType::kPlus ? Mark::kPlus : Mark::kMinus, std::move(query)};
    }
    if (token.type == TokenType::kNot) {
      Take();
      HEXAGLOT_ASSIGN_OR_RETURN(Query query, ParsePrimary("NOT"));
      return Item{Mark::kMinus, std::move(query)};
    }
    HEXAGLOT_ASSIGN_OR_RETURN(Query query, ParsePrimary(after));
    return Item{Mark::kNone, std::move(query)};
  }

  // primary := "(" list ")" | field ":" value | phrase | word | word "*"
  Result<Query> ParsePrimary(std::string_view after) {
    const Lexeme& token = Peek();
    switch (token.type) {
      case TokenType::kOpen: {
        if (depth_ == kMaxQueryDepth) {
          return ErrorAt(token.start, "parentheses nested deeper than " +
                                          std::to_string(kMaxQueryDepth) + " levels");
        }
        Take();
        ++depth_;
        HEXAGLOT_ASSIGN_OR_RETURN(Query query, ParseList(token.start));
        if (Peek().type != TokenType::kClose) {
          return ErrorAt(Peek().start,
                         "expected ')' to close '(' at column " + std::to_string(token.start + 1));
        }
        Take();
        --depth_;
        return query;
      }
      case TokenType::kPhrase:
        Take();
        HEXAGLOT_RETURN_IF_ERROR(CountLeaf(token.start));
        return Query::Phrase(token.phrase, token.slop);
      case TokenType::kWord:
        Take();
        return ParseWord(token);
      default:
        return ExpectedClause(after);
    }
  }

  Result<Query> ParseWord(const Lexeme& token) {
    const std::u32string_view word = text_.substr(token.start, token.end - token.start);
    const std::size_t colon = word.find(U':');
    if (colon != std::u32string_view::npos && LooksLikeFieldName(word.substr(0, colon))) {
      const std::optional<QueryField> field = FieldNamed(word.substr(0, colon));
      if (!field) {
        return ErrorAt(token.start, "unknown field '" + Text(token.start, token.start + colon) +
                                        "' (fields: " + std::string(kFieldList) + ")");
      }
      return ParseValue(*field, token, token.start + colon + 1);
    }
    return ParseWordValue(QueryField::kText, token.start, token.end);
  }

  // A word on an analysed field: a term, or a prefix when it ends with '*'.
  Result<Query> ParseWordValue(QueryField field, std::size_t start, std::size_t end) {
    HEXAGLOT_RETURN_IF_ERROR(CountLeaf(start));
    if (text_[end - 1] != U'*') return Query::Term(Text(start, end), field);
    if (end - start == 1) return ErrorAt(start, "expected a word before '*'");
    return Query::Prefix(Text(start, end - 1), field);
  }

  // The value of `field:` starting at `start` inside `word`, or the phrase right after it.
  Result<Query> ParseValue(QueryField field, const Lexeme& word, std::size_t start) {
    const std::string name(QueryFieldName(field));
    std::string expected = "a value";
    switch (field) {
      case QueryField::kText:
      case QueryField::kTheme:
      case QueryField::kTopic:
        expected = "a word, phrase or prefix";
        break;
      case QueryField::kLang:
        expected = "a language code (ar zh en fr ru es)";
        break;
      case QueryField::kYear:
        expected = "a year (2018) or a range of years (2015..2019)";
        break;
      default:
        break;
    }
    const bool analysed =
        !IsFilterField(field) || field == QueryField::kTheme || field == QueryField::kTopic;
    if (start == word.end) {  // Nothing after ':' in the word: a quoted value, or an error.
      if (Peek().type != TokenType::kPhrase || Peek().start != word.end ||
          field == QueryField::kLang || field == QueryField::kYear) {
        return ErrorAt(start, "expected " + expected + " after '" + name + ":'");
      }
      const Lexeme& phrase = Take();
      HEXAGLOT_RETURN_IF_ERROR(CountLeaf(word.start));
      if (analysed) return Query::Phrase(phrase.phrase, phrase.slop, field);
      if (phrase.slop_at) {
        return ErrorAt(*phrase.slop_at, "'~' is for phrases of words, not '" + name + ":' values");
      }
      return Query::Exact(field, phrase.phrase);
    }
    if (analysed) return ParseWordValue(field, start, word.end);
    HEXAGLOT_RETURN_IF_ERROR(CountLeaf(word.start));
    const std::string value = Text(start, word.end);
    if (field == QueryField::kLang) {
      Result<Language> language = ParseLanguage(value);
      if (!language.ok()) {
        return ErrorAt(start, "unknown language '" + value + "' (codes: ar zh en fr ru es)");
      }
      return Query::Exact(field, std::string(LanguageCode(*language)));
    }
    if (field == QueryField::kYear) return ParseYears(value, start, expected);
    return Query::Exact(field, value);
  }

  // "2018" or "2015..2019": years of one to four digits.
  static Result<Query> ParseYears(std::string_view value, std::size_t column,
                                  const std::string& expected) {
    const auto year = [](std::string_view digits) -> std::optional<int> {
      if (digits.empty() || digits.size() > 4) return std::nullopt;
      int number = 0;
      for (char c : digits) {
        if (c < '0' || c > '9') return std::nullopt;
        number = number * 10 + (c - '0');
      }
      return number;
    };
    const std::size_t dots = value.find("..");
    const std::optional<int> low = year(value.substr(0, dots));
    if (dots == std::string_view::npos) {
      if (!low) return ErrorAt(column, "expected " + expected + " after 'year:'");
      return Query::Exact(QueryField::kYear, std::to_string(*low));
    }
    const std::optional<int> high = year(value.substr(dots + 2));
    if (!low || !high) return ErrorAt(column, "expected " + expected + " after 'year:'");
    if (*low > *high) {
      return ErrorAt(column, "year range " + std::string(value) + " is empty");
    }
    return Query::YearRange(*low, *high);
  }

  std::u32string_view text_;
  std::vector<Lexeme> tokens_;
  std::size_t next_ = 0;
  int depth_ = 0;
  int leaves_ = 0;
};

// ---------------------------------------------------------------------------------------
// Printing.

std::string Quote(std::string_view text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

// Whether a term or prefix on the text field needs no "text:" to read back the same.
bool IsPlainWord(std::string_view word) {
  return word != "AND" && word != "OR" && word != "NOT" && word[0] != '+' && word[0] != '-' &&
         word.find(':') == std::string_view::npos;
}

// Whether an exact value reads back the same unquoted.
bool IsPlainValue(std::string_view value) {
  const std::u32string code_points = utf8::DecodeAll(value);
  return std::none_of(code_points.begin(), code_points.end(), IsWordBreak);
}

void WriteNode(const Query& query, bool top, std::string* out);

void WriteLeaf(const Query& query, std::string* out) {
  const std::string_view name = QueryFieldName(query.field());
  switch (query.kind()) {
    case Query::Kind::kTerm:
    case Query::Kind::kPrefix:
      if (query.field() != QueryField::kText || !IsPlainWord(query.text())) {
        *out += name;
        *out += ':';
      }
      *out += query.text();
      if (query.kind() == Query::Kind::kPrefix) *out += '*';
      break;
    case Query::Kind::kPhrase:
      if (query.field() != QueryField::kText) {
        *out += name;
        *out += ':';
      }
      *out += Quote(query.text());
      if (query.slop() > 0) *out += "~" + std::to_string(query.slop());
      break;
    case Query::Kind::kExact:
      *out += name;
      *out += ':';
      *out += IsPlainValue(query.text()) ? query.text() : Quote(query.text());
      break;
    case Query::Kind::kRange:
      *out += "year:" + std::to_string(query.low()) + ".." + std::to_string(query.high());
      break;
    case Query::Kind::kBoolean:
      WriteNode(query, false, out);
      break;
  }
}

// A boolean node as a clause list; with "OR" between the clauses when an optional clause
// holds only filters (in a plain list it would be a required filter).
void WriteNode(const Query& query, bool top, std::string* out) {
  const std::vector<Query::Clause>& clauses = query.clauses();
  const bool with_or = std::any_of(clauses.begin(), clauses.end(), [](const Query::Clause& c) {
    return c.occur == Occur::kShould && c.query.IsFilterOnly();
  });
  if (!top) *out += '(';
  for (std::size_t i = 0; i < clauses.size(); ++i) {
    if (i > 0) *out += with_or ? " OR " : " ";
    switch (clauses[i].occur) {
      case Occur::kShould:
        break;
      case Occur::kMust:
        *out += '+';
        break;
      case Occur::kFilter:
        if (with_or || clauses.size() == 1) *out += '+';
        break;
      case Occur::kMustNot:
        *out += '-';
        break;
    }
    WriteLeaf(clauses[i].query, out);
  }
  if (!top) *out += ')';
}

}  // namespace

Result<Query> ParseQuery(std::string_view text) {
  if (const std::optional<std::size_t> bad = utf8::FindInvalid(text)) {
    return Status::InvalidArgument("query: invalid UTF-8 at byte offset " + std::to_string(*bad));
  }
  const std::u32string code_points = utf8::DecodeAll(text);
  std::vector<Lexeme> tokens;
  HEXAGLOT_RETURN_IF_ERROR(Tokenize(code_points, &tokens));
  Parser parser(code_points, std::move(tokens));
  HEXAGLOT_ASSIGN_OR_RETURN(Query query, parser.Parse());
  HEXAGLOT_RETURN_IF_ERROR(query.Validate());
  return query;
}

std::string Query::ToString() const {
  std::string out;
  if (kind_ == Kind::kBoolean) {
    WriteNode(*this, true, &out);
  } else {
    WriteLeaf(*this, &out);
  }
  return out;
}

}  // namespace hexaglot
