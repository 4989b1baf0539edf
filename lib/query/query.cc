// The query tree's builders and checks (include/hexaglot/query.h). The parser and
// ToString live in query_parser.cc.

#include "hexaglot/query.h"

#include <algorithm>
#include <array>
#include <span>
#include <string>
#include <utility>

#include "hexaglot/language.h"
#include "query/query_syntax.h"
#include "util/status_macros.h"
#include "util/utf8.h"

namespace hexaglot {
namespace {

constexpr std::array<std::string_view, 10> kFieldNames = {
    "text", "theme", "topic", "lang", "symbol", "paper", "doc", "year", "id", "parallel"};

bool AllowsExact(QueryField field) {
  return field != QueryField::kText && field != QueryField::kTheme && field != QueryField::kTopic;
}

Status Invalid(const std::string& what) { return Status::InvalidArgument("query: " + what); }

// Years are written with at most four digits.
constexpr int kMaxYear = 9999;

// The text of a leaf: valid UTF-8, not only white space, and, for a term or a prefix, one
// word (ToString must write it so that the parser reads the same leaf back).
Status ValidateText(const Query& node, const std::string& field) {
  if (utf8::FindInvalid(node.text())) return Invalid("invalid UTF-8 in a " + field + " clause");
  const std::u32string text = utf8::DecodeAll(node.text());
  if (std::all_of(text.begin(), text.end(), query::IsQuerySpace)) {
    return Invalid("empty text in a " + field + " clause");
  }
  if (node.kind() == Query::Kind::kTerm || node.kind() == Query::Kind::kPrefix) {
    if (std::any_of(text.begin(), text.end(), query::IsWordBreak)) {
      return Invalid(
          "a term or prefix is one word, without spaces, '(', ')' or '\"'"
          " (use a phrase)");
    }
    if (node.kind() == Query::Kind::kTerm && text.back() == U'*') {
      return Invalid("a term cannot end with '*' (that is a prefix)");
    }
  }
  return Status::OK();
}

bool IsLanguageCode(std::string_view code) {
  const std::span<const Language> languages = AllLanguages();
  return std::any_of(languages.begin(), languages.end(),
                     [code](Language language) { return LanguageCode(language) == code; });
}

// The canonical decimal form of a year in [0, kMaxYear], as the parser stores it.
bool IsYear(std::string_view value) {
  if (value.empty() || value.size() > 4 || (value.size() > 1 && value[0] == '0')) return false;
  return std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A clause's occur must be the one the parser gives its syntax, so that every valid tree
// has a text: a required filter is kFilter, a ranked clause is never kFilter.
Status ValidateOccur(const Query::Clause& clause, std::size_t clause_count) {
  const bool filter = clause.query.IsFilterOnly();
  if (clause.occur == Occur::kMust && filter) {
    return Invalid("a required clause of filters is kFilter, not kMust");
  }
  if (clause.occur == Occur::kFilter && !filter) {
    return Invalid("kFilter is for clauses of filters: a text clause is ranked (kMust)");
  }
  if (clause.occur == Occur::kShould && clause_count == 1) {
    return Invalid("a group of one optional clause: use the clause itself");
  }
  return Status::OK();
}

// Counts leaves into `*leaves` and checks every node, `depth` levels down.
Status ValidateNode(const Query& node, int depth, int* leaves) {
  if (depth > kMaxQueryDepth) {
    return Invalid("nested deeper than " + std::to_string(kMaxQueryDepth) + " levels");
  }
  const std::string field(QueryFieldName(node.field()));
  switch (node.kind()) {
    case Query::Kind::kTerm:
    case Query::Kind::kPhrase:
    case Query::Kind::kPrefix:
      HEXAGLOT_RETURN_IF_ERROR(ValidateText(node, field));
      if (AllowsExact(node.field())) {
        return Invalid("field '" + field + "' takes an exact value, not words");
      }
      if (node.kind() == Query::Kind::kPhrase && node.slop() < 0) {
        return Invalid("negative phrase slop");
      }
      break;
    case Query::Kind::kExact:
      HEXAGLOT_RETURN_IF_ERROR(ValidateText(node, field));
      if (!AllowsExact(node.field())) {
        return Invalid("field '" + field + "' is analysed: use a term or a phrase");
      }
      if (node.field() == QueryField::kLang && !IsLanguageCode(node.text())) {
        return Invalid("unknown language '" + node.text() + "' (codes: ar zh en fr ru es)");
      }
      if (node.field() == QueryField::kYear && !IsYear(node.text())) {
        return Invalid("year '" + node.text() +
                       "' is not a year from 0 to 9999 without leading zeros");
      }
      break;
    case Query::Kind::kRange:
      if (node.field() != QueryField::kYear) return Invalid("a range is only for 'year'");
      if (node.low() < 0 || node.high() > kMaxYear) {
        return Invalid("a year range is within 0.." + std::to_string(kMaxYear));
      }
      if (node.low() > node.high()) {
        return Invalid("year range " + std::to_string(node.low()) + ".." +
                       std::to_string(node.high()) + " is empty");
      }
      break;
    case Query::Kind::kBoolean: {
      if (node.clauses().empty()) return Invalid("empty group");
      bool positive = false;
      for (const Query::Clause& clause : node.clauses()) {
        positive = positive || clause.occur != Occur::kMustNot;
        HEXAGLOT_RETURN_IF_ERROR(ValidateNode(clause.query, depth + 1, leaves));
        HEXAGLOT_RETURN_IF_ERROR(ValidateOccur(clause, node.clauses().size()));
      }
      if (!positive) return Invalid("a group needs a clause that is not excluded");
      return Status::OK();
    }
  }
  if (++*leaves > kMaxQueryClauses) {
    return Invalid("more than " + std::to_string(kMaxQueryClauses) + " clauses");
  }
  return Status::OK();
}

}  // namespace

std::string_view QueryFieldName(QueryField field) {
  const auto index = static_cast<std::size_t>(field);
  return index < kFieldNames.size() ? kFieldNames[index] : std::string_view("?");
}

bool IsFilterField(QueryField field) { return field != QueryField::kText; }

Query Query::Term(std::string text, QueryField field) {
  Query query;
  query.kind_ = Kind::kTerm;
  query.field_ = field;
  query.text_ = std::move(text);
  return query;
}

Query Query::Phrase(std::string text, int slop, QueryField field) {
  Query query = Term(std::move(text), field);
  query.kind_ = Kind::kPhrase;
  query.slop_ = slop;
  return query;
}

Query Query::Prefix(std::string text, QueryField field) {
  Query query = Term(std::move(text), field);
  query.kind_ = Kind::kPrefix;
  return query;
}

Query Query::Exact(QueryField field, std::string value) {
  Query query = Term(std::move(value), field);
  query.kind_ = Kind::kExact;
  return query;
}

Query Query::YearRange(int low, int high) {
  Query query;
  query.kind_ = Kind::kRange;
  query.field_ = QueryField::kYear;
  query.low_ = low;
  query.high_ = high;
  return query;
}

Query Query::Boolean(std::vector<Clause> clauses) {
  Query query;
  query.kind_ = Kind::kBoolean;
  query.clauses_ = std::move(clauses);
  return query;
}

bool Query::IsFilterOnly() const {
  if (kind_ != Kind::kBoolean) return IsFilterField(field_);
  for (const Clause& clause : clauses_) {
    if (clause.occur != Occur::kMustNot && !clause.query.IsFilterOnly()) return false;
  }
  return true;
}

Status Query::Validate() const {
  int leaves = 0;
  return ValidateNode(*this, 0, &leaves);
}

}  // namespace hexaglot
