// Short builders for query trees in tests, and printing them in failure messages.

#ifndef HEXAGLOT_TESTS_QUERY_QUERY_TEST_UTIL_H_
#define HEXAGLOT_TESTS_QUERY_QUERY_TEST_UTIL_H_

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "hexaglot/query.h"

namespace hexaglot {

// gtest prints a Query as its text and its shape.
inline void PrintTo(const Query& query, std::ostream* out) {
  *out << "`" << query.ToString() << "` kind " << static_cast<int>(query.kind()) << " field "
       << QueryFieldName(query.field());
  if (query.kind() == Query::Kind::kBoolean) {
    *out << " {";
    for (const Query::Clause& clause : query.clauses()) {
      *out << " occur " << static_cast<int>(clause.occur) << ": ";
      PrintTo(clause.query, out);
      *out << ";";
    }
    *out << " }";
  }
}

namespace testing {

inline Query T(std::string text, QueryField field = QueryField::kText) {
  return Query::Term(std::move(text), field);
}
inline Query P(std::string text, int slop = 0, QueryField field = QueryField::kText) {
  return Query::Phrase(std::move(text), slop, field);
}
inline Query Pre(std::string text, QueryField field = QueryField::kText) {
  return Query::Prefix(std::move(text), field);
}
inline Query E(QueryField field, std::string value) {
  return Query::Exact(field, std::move(value));
}
inline Query B(std::vector<Query::Clause> clauses) { return Query::Boolean(std::move(clauses)); }
inline Query::Clause Should(Query query) { return {Occur::kShould, std::move(query)}; }
inline Query::Clause Must(Query query) { return {Occur::kMust, std::move(query)}; }
inline Query::Clause Filter(Query query) { return {Occur::kFilter, std::move(query)}; }
inline Query::Clause Not(Query query) { return {Occur::kMustNot, std::move(query)}; }

}  // namespace testing
}  // namespace hexaglot

#endif  // HEXAGLOT_TESTS_QUERY_QUERY_TEST_UTIL_H_
