// Query::Validate: what it refuses besides the obvious, so that every valid tree has a
// text in the query language; IsFilterOnly; field names.

#include "hexaglot/query.h"

#include <gtest/gtest.h>

#include <string>

#include "query_test_util.h"

namespace hexaglot {
namespace {

using testing::B;
using testing::E;
using testing::Filter;
using testing::Must;
using testing::Not;
using testing::P;
using testing::Pre;
using testing::Should;
using testing::T;

std::string Refusal(const Query& query) {
  const Status status = query.Validate();
  EXPECT_FALSE(status.ok()) << query.ToString();
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  return std::string(status.message());
}

TEST(QueryValidateTest, AcceptsTheParsersShapes) {
  EXPECT_TRUE(
      B({Should(T("a")), Filter(E(QueryField::kLang, "fr")), Not(P("b c"))}).Validate().ok());
  EXPECT_TRUE(B({Must(T("a"))}).Validate().ok());
  EXPECT_TRUE(B({Filter(E(QueryField::kYear, "2018"))}).Validate().ok());
  EXPECT_TRUE(B({Should(E(QueryField::kLang, "fr")), Should(T("a"))}).Validate().ok());
  EXPECT_TRUE(Query::YearRange(0, 9999).Validate().ok());
}

TEST(QueryValidateTest, RefusesTextsTheLanguageCannotWrite) {
  EXPECT_EQ(Refusal(T("")), "query: empty text in a text clause");
  EXPECT_EQ(Refusal(P(" \t")), "query: empty text in a text clause");
  EXPECT_EQ(Refusal(E(QueryField::kDoc, " ")), "query: empty text in a doc clause");
  EXPECT_EQ(Refusal(T("human rights")),
            "query: a term or prefix is one word, without spaces, '(', ')' or '\"' (use a phrase)");
  EXPECT_EQ(Refusal(Pre("a(b")),
            "query: a term or prefix is one word, without spaces, '(', ')' or '\"' (use a phrase)");
  EXPECT_EQ(Refusal(T("migra*")), "query: a term cannot end with '*' (that is a prefix)");
  EXPECT_EQ(Refusal(T("a\xFF")), "query: invalid UTF-8 in a text clause");
}

TEST(QueryValidateTest, RefusesValuesTheParserWouldNotGive) {
  EXPECT_EQ(Refusal(E(QueryField::kLang, "FR")),
            "query: unknown language 'FR' (codes: ar zh en fr ru es)");
  EXPECT_EQ(Refusal(E(QueryField::kYear, "02018")),
            "query: year '02018' is not a year from 0 to 9999 without leading zeros");
  EXPECT_EQ(Refusal(E(QueryField::kYear, "20180")),
            "query: year '20180' is not a year from 0 to 9999 without leading zeros");
  EXPECT_EQ(Refusal(Query::YearRange(-1, 2000)), "query: a year range is within 0..9999");
  EXPECT_EQ(Refusal(Query::YearRange(2000, 10000)), "query: a year range is within 0..9999");
  EXPECT_EQ(Refusal(Query::YearRange(2019, 2015)), "query: year range 2019..2015 is empty");
}

TEST(QueryValidateTest, RefusesOccursNoSyntaxGives) {
  EXPECT_EQ(Refusal(B({Must(E(QueryField::kLang, "fr")), Should(T("a"))})),
            "query: a required clause of filters is kFilter, not kMust");
  EXPECT_EQ(Refusal(B({Filter(T("a")), Should(T("b"))})),
            "query: kFilter is for clauses of filters: a text clause is ranked (kMust)");
  EXPECT_EQ(Refusal(B({Should(T("a"))})),
            "query: a group of one optional clause: use the clause itself");
  EXPECT_EQ(Refusal(B({Not(T("a"))})), "query: a group needs a clause that is not excluded");
  EXPECT_EQ(Refusal(B({})), "query: empty group");
}

TEST(QueryTest, FilterOnlyAndFieldNames) {
  EXPECT_TRUE(E(QueryField::kLang, "fr").IsFilterOnly());
  EXPECT_TRUE(T("sea", QueryField::kTheme).IsFilterOnly());
  EXPECT_FALSE(T("sea").IsFilterOnly());
  EXPECT_TRUE(B({Filter(E(QueryField::kLang, "fr")), Not(T("a"))}).IsFilterOnly());
  EXPECT_FALSE(B({Filter(E(QueryField::kLang, "fr")), Should(T("a"))}).IsFilterOnly());
  EXPECT_EQ(QueryFieldName(QueryField::kParallel), "parallel");
}

}  // namespace
}  // namespace hexaglot
