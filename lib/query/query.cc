// The query tree's builders and checks (include/hexaglot/query.h). The parser and
// ToString live in query_parser.cc.

#include <array>
#include <string>
#include <utility>

#include "hexaglot/query.h"
#include "util/status_macros.h"

namespace hexaglot {
namespace {

constexpr std::array<std::string_view, 10> kFieldNames = {
    "text", "theme", "topic", "lang", "symbol", "paper", "doc", "year", "id", "parallel"};

bool AllowsExact(QueryField field) {
  return field != QueryField::kText && field != QueryField::kTheme && field != QueryField::kTopic;
}

Status Invalid(const std::string& what) { return Status::InvalidArgument("query: " + what); }

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
      if (node.text().empty()) return Invalid("empty text in a " + field + " clause");
      if (AllowsExact(node.field())) {
        return Invalid("field '" + field + "' takes an exact value, not words");
      }
      if (node.kind() == Query::Kind::kPhrase && node.slop() < 0) {
        return Invalid("negative phrase slop");
      }
      break;
    case Query::Kind::kExact:
      if (node.text().empty()) return Invalid("empty value for field '" + field + "'");
      if (!AllowsExact(node.field())) {
        return Invalid("field '" + field + "' is analysed: use a term or a phrase");
      }
      break;
    case Query::Kind::kRange:
      if (node.field() != QueryField::kYear) return Invalid("a range is only for 'year'");
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
