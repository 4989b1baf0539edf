// ParseQuery and Query::ToString: every construct and its tree, precedence, every error
// with its column, words in four scripts, the limits, and round trips of random trees;
// random bytes and token soups never crash and whatever parses prints back to itself.

#include <gtest/gtest.h>

#include <array>
#include <ostream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "hexaglot/query.h"
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

constexpr QueryField kTheme = QueryField::kTheme;
constexpr QueryField kTopic = QueryField::kTopic;
constexpr QueryField kLang = QueryField::kLang;
constexpr QueryField kYear = QueryField::kYear;

std::size_t Pick(std::mt19937& rng, std::size_t n) {
  return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
}

struct ParseCase {
  std::string name;
  std::string text;
  Query expected;
  friend void PrintTo(const ParseCase& c, std::ostream* out) { *out << c.text; }
};

class ParsesTest : public ::testing::TestWithParam<ParseCase> {};

TEST_P(ParsesTest, ToTheExpectedTreeAndBack) {
  const ParseCase& c = GetParam();
  Result<Query> query = ParseQuery(c.text);
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  EXPECT_EQ(*query, c.expected);
  Result<Query> again = ParseQuery(query->ToString());
  ASSERT_TRUE(again.ok()) << query->ToString() << ": " << again.status().ToString();
  EXPECT_EQ(*again, c.expected) << query->ToString();
}

INSTANTIATE_TEST_SUITE_P(
    Constructs, ParsesTest,
    ::testing::ValuesIn(std::vector<ParseCase>{
        {"Word", "peace", T("peace")},
        {"WordsAreOptional", "peace security", B({Should(T("peace")), Should(T("security"))})},
        {"SpacesAroundWords", " \t peace\n", T("peace")},
        {"IdeographicSpaceSeparates", "a\u3000b", B({Should(T("a")), Should(T("b"))})},
        {"Phrase", "\"human rights\"", P("human rights")},
        {"PhraseKeepsItsSpaces", "\" human  rights \"", P(" human  rights ")},
        {"PhraseWithSlop", "\"human rights\"~3", P("human rights", 3)},
        {"PhraseEscapes", R"("say \"hi\" \\ a\b")", P(R"(say "hi" \ a\b)")},
        {"PhraseThenWord", "\"a b\"c", B({Should(P("a b")), Should(T("c"))})},
        {"Prefix", "migra*", Pre("migra")},
        {"PrefixKeepsInnerStars", "a*b**", Pre("a*b*")},
        {"StarInsideIsAWord", "a*b", T("a*b")},
        {"Required", "+migrants", B({Must(T("migrants"))})},
        {"MarksAndPlain", "+a -b c", B({Must(T("a")), Not(T("b")), Should(T("c"))})},
        {"NotPrefix", "NOT b a", B({Not(T("b")), Should(T("a"))})},
        {"NotBeforeGroup", "NOT(a) b", B({Not(T("a")), Should(T("b"))})},
        {"HyphenInsideAWord", "e-mail a+b", B({Should(T("e-mail")), Should(T("a+b"))})},
        {"LowerCaseOperatorsAreWords", "war and peace Or",
         B({Should(T("war")), Should(T("and")), Should(T("peace")), Should(T("Or"))})},
        {"OperatorAsPrefix", "AND*", Pre("AND")},
        {"And", "a AND b", B({Must(T("a")), Must(T("b"))})},
        {"AndChain", "a AND b AND c", B({Must(T("a")), Must(T("b")), Must(T("c"))})},
        {"Or", "a OR b", B({Should(T("a")), Should(T("b"))})},
        {"BinaryNot", "a NOT b", B({Must(T("a")), Not(T("b"))})},
        {"AndNot", "a AND NOT b", B({Must(T("a")), Not(T("b"))})},
        {"AndMinus", "a AND -b", B({Must(T("a")), Not(T("b"))})},
        {"MinusAnd", "-a AND b", B({Not(T("a")), Must(T("b"))})},
        {"AndNotChain", "a AND b NOT c AND NOT d",
         B({Must(T("a")), Must(T("b")), Not(T("c")), Not(T("d"))})},
        {"OrBindsTighterThanJuxtaposition", "a OR b c",
         B({Should(B({Should(T("a")), Should(T("b"))})), Should(T("c"))})},
        {"AndBindsTighterThanJuxtaposition", "a b AND c",
         B({Should(T("a")), Should(B({Must(T("b")), Must(T("c"))}))})},
        {"AndBindsTighterThanOr", "a AND b OR c",
         B({Should(B({Must(T("a")), Must(T("b"))})), Should(T("c"))})},
        {"OrOfAnds", "a OR b AND c", B({Should(T("a")), Should(B({Must(T("b")), Must(T("c"))}))})},
        {"NotThenOr", "a NOT b OR c", B({Should(B({Must(T("a")), Not(T("b"))})), Should(T("c"))})},
        {"RequiredInOr", "+a OR b", B({Must(T("a")), Should(T("b"))})},
        {"GroupAnd", "(a b) AND c", B({Must(B({Should(T("a")), Should(T("b"))})), Must(T("c"))})},
        {"RedundantParentheses", "((a))", T("a")},
        {"RequiredGroup", "+(a b) -c", B({Must(B({Should(T("a")), Should(T("b"))})), Not(T("c"))})},
        {"Lang", "lang:fr", E(kLang, "fr")},
        {"LangAnyCase", "lang:FR", E(kLang, "fr")},
        {"FilterInAList", "hawala lang:fr", B({Should(T("hawala")), Filter(E(kLang, "fr"))})},
        {"RequiredFilterIsAFilter", "+lang:fr hawala",
         B({Filter(E(kLang, "fr")), Should(T("hawala"))})},
        {"FilterInAnd", "migrants AND lang:fr", B({Must(T("migrants")), Filter(E(kLang, "fr"))})},
        {"FiltersInOrStayOptional", "lang:fr OR lang:es",
         B({Should(E(kLang, "fr")), Should(E(kLang, "es"))})},
        {"GroupOfFiltersIsAFilter", "migrants (lang:fr OR lang:es)",
         B({Should(T("migrants")), Filter(B({Should(E(kLang, "fr")), Should(E(kLang, "es"))}))})},
        {"ThemePhraseFilter", "theme:\"smuggling by sea\" rescue",
         B({Filter(P("smuggling by sea", 0, kTheme)), Should(T("rescue"))})},
        {"ThemeWord", "theme:smuggling", T("smuggling", kTheme)},
        {"TopicPrefix", "topic:traff*", Pre("traff", kTopic)},
        {"TextPhraseWithSlop", "text:\"a b\"~2", P("a b", 2)},
        {"TextFieldKeepsOperatorWords", "text:AND text:-x text:a:b",
         B({Should(T("AND")), Should(T("-x")), Should(T("a:b"))})},
        {"Symbol", "symbol:CTOC/COP/WG.7/2018/2", E(QueryField::kSymbol, "CTOC/COP/WG.7/2018/2")},
        {"Paper", "paper:CTOC/COP/WG.7/2012/2", E(QueryField::kPaper, "CTOC/COP/WG.7/2012/2")},
        {"QuotedDoc", "doc:\"Digest of cases\"", E(QueryField::kDoc, "Digest of cases")},
        {"Id", "id:udhr-en-01", E(QueryField::kId, "udhr-en-01")},
        {"Parallel", "parallel:udhr/01", E(QueryField::kParallel, "udhr/01")},
        {"ExactValueKeepsStarsAndColons", "doc:a*:b", E(QueryField::kDoc, "a*:b")},
        {"Year", "year:2018", E(kYear, "2018")},
        {"YearWithoutLeadingZeros", "year:0099", E(kYear, "99")},
        {"YearRange", "year:2015..2019", Query::YearRange(2015, 2019)},
        {"ColonAfterDigitsKeepsTheWord", "12:30", T("12:30")},
        {"LeadingColonKeepsTheWord", ":x", T(":x")},
        {"Arabic", "حقوق الإنسان", B({Should(T("حقوق")), Should(T("الإنسان"))})},
        {"Chinese", "人权 自由*", B({Should(T("人权")), Should(Pre("自由"))})},
        {"Russian", "права AND человека", B({Must(T("права")), Must(T("человека"))})},
        {"RussianPhrase", "\"права человека\"~1", P("права человека", 1)},
        {"FrenchElision", "l'homme", T("l'homme")},
    }),
    [](const ::testing::TestParamInfo<ParseCase>& param) { return param.param.name; });

struct ErrorCase {
  std::string name;
  std::string text;
  std::string message;
  friend void PrintTo(const ErrorCase& c, std::ostream* out) { *out << c.text; }
};

class RefusesTest : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(RefusesTest, WithTheColumnAndWhatWasExpected) {
  const ErrorCase& c = GetParam();
  Result<Query> query = ParseQuery(c.text);
  ASSERT_FALSE(query.ok()) << query->ToString();
  EXPECT_EQ(query.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(query.status().message(), c.message);
}

INSTANTIATE_TEST_SUITE_P(
    Errors, RefusesTest,
    ::testing::ValuesIn(std::vector<ErrorCase>{
        {"Empty", "", "query column 1: empty query"},
        {"Blank", "  ", "query column 3: empty query"},
        {"AndAtTheEnd", "a AND", "query column 6: expected a word, phrase or '(' after 'AND'"},
        {"AndFirst", "AND a", "query column 1: 'AND' needs a clause before it"},
        {"OrFirstInGroup", "(OR a)", "query column 2: 'OR' needs a clause before it"},
        {"OrOr", "a OR OR b", "query column 6: expected a word, phrase or '(' after 'OR'"},
        {"AndOr", "a AND OR b", "query column 7: expected a word, phrase or '(' after 'AND'"},
        {"NotAtTheEnd", "a NOT", "query column 6: expected a word, phrase or '(' after 'NOT'"},
        {"AndNotAtTheEnd", "a AND NOT",
         "query column 10: expected a word, phrase or '(' after 'NOT'"},
        {"NotNot", "a NOT NOT b", "query column 7: expected a word, phrase or '(' after 'NOT'"},
        {"NotMinus", "NOT -a", "query column 5: expected a word, phrase or '(' after 'NOT'"},
        {"DetachedMinus", "a - b", "query column 4: expected a word, phrase or '(' after '-'"},
        {"LonePlus", "+", "query column 2: expected a word, phrase or '(' after '+'"},
        {"DoubleMinus", "--a", "query column 2: expected a word, phrase or '(' after '-'"},
        {"PlusOperator", "+AND a", "query column 2: expected a word, phrase or '(' after '+'"},
        {"Unclosed", "(a b", "query column 5: expected ')' to close '(' at column 1"},
        {"UnclosedInner", "(a (b) c", "query column 9: expected ')' to close '(' at column 1"},
        {"Unmatched", "a)", "query column 2: unmatched ')'"},
        {"OnlyClose", ")", "query column 1: unmatched ')'"},
        {"EmptyGroup", "a ()", "query column 4: expected a word, phrase or '(' after '('"},
        {"UnterminatedPhrase", "say \"hello",
         "query column 5: unterminated phrase: no closing '\"'"},
        {"EscapedQuoteDoesNotClose", R"("a\")",
         "query column 1: unterminated phrase: no closing '\"'"},
        {"EmptyPhrase", "a \"\"", "query column 3: empty phrase"},
        {"BlankPhrase", "\"  \"", "query column 1: empty phrase"},
        {"SlopWithoutDigits", "\"a b\"~x", "query column 7: expected digits after '~'"},
        {"SlopTooLarge", "\"a b\"~99999999999", "query column 6: phrase slop is too large"},
        {"UnknownField", "foo:bar",
         "query column 1: unknown field 'foo' (fields: text, theme, topic, lang, symbol, paper, "
         "doc, year, id, parallel)"},
        {"FieldNamesAreLowerCase", "a Lang:fr",
         "query column 3: unknown field 'Lang' (fields: text, theme, topic, lang, symbol, paper, "
         "doc, year, id, parallel)"},
        {"UnknownLanguage", "lang:xx",
         "query column 6: unknown language 'xx' (codes: ar zh en fr ru es)"},
        {"LangWithoutCode",
         "lang:", "query column 6: expected a language code (ar zh en fr ru es) after 'lang:'"},
        {"LangQuoted", "lang:\"fr\"",
         "query column 6: expected a language code (ar zh en fr ru es) after 'lang:'"},
        {"LangSpaced", "lang: fr",
         "query column 6: expected a language code (ar zh en fr ru es) after 'lang:'"},
        {"YearWord", "year:recent",
         "query column 6: expected a year (2018) or a range of years (2015..2019) after 'year:'"},
        {"YearFiveDigits", "year:12345",
         "query column 6: expected a year (2018) or a range of years (2015..2019) after 'year:'"},
        {"YearHalfRange", "year:2015..",
         "query column 6: expected a year (2018) or a range of years (2015..2019) after 'year:'"},
        {"YearEmpty", "year:",
         "query column 6: expected a year (2018) or a range of years (2015..2019) after 'year:'"},
        {"YearRangeBackwards", "year:2019..2015", "query column 6: year range 2019..2015 is empty"},
        {"TextWithoutValue", "text: a",
         "query column 6: expected a word, phrase or prefix after 'text:'"},
        {"SymbolWithoutValue", "symbol:", "query column 8: expected a value after 'symbol:'"},
        {"SlopOnExactValue", "symbol:\"x y\"~2",
         "query column 13: '~' is for phrases of words, not 'symbol:' values"},
        {"LoneStar", "*", "query column 1: expected a word before '*'"},
        {"ThemeStar", "theme:*", "query column 7: expected a word before '*'"},
        {"OnlyExcluded", "-a",
         "query column 1: only excluded clauses: add one that is not excluded"},
        {"OnlyNot", "NOT a -b",
         "query column 1: only excluded clauses: add one that is not excluded"},
        {"ExcludedGroup", "a (-b)",
         "query column 4: only excluded clauses: add one that is not excluded"},
        {"ExcludedOr", "-a OR -b",
         "query column 1: only excluded clauses: add one that is not excluded"},
        {"ColumnsCountCharactersArabic", "حقوق AND",
         "query column 9: expected a word, phrase or '(' after 'AND'"},
        {"ColumnsCountCharactersChinese", "人权 自由)", "query column 6: unmatched ')'"},
        {"ColumnsCountCharactersRussian", "права \"человека",
         "query column 7: unterminated phrase: no closing '\"'"},
        {"InvalidUtf8", "ab\xff", "query: invalid UTF-8 at byte offset 2"},
        {"Surrogate", "a \xED\xA0\x80", "query: invalid UTF-8 at byte offset 2"},
    }),
    [](const ::testing::TestParamInfo<ErrorCase>& param) { return param.param.name; });

std::string Repeat(std::string_view piece, int count) {
  std::string text;
  for (int i = 0; i < count; ++i) text += piece;
  return text;
}

TEST(ParseQueryLimitsTest, ClausesUpToTheLimit) {
  Result<Query> query = ParseQuery(Repeat("w ", kMaxQueryClauses));
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  EXPECT_EQ(query->clauses().size(), static_cast<std::size_t>(kMaxQueryClauses));
  // The next leaf, at column 2 * 1024 + 1, is one too many.
  Result<Query> more = ParseQuery(Repeat("w ", kMaxQueryClauses) + "lang:fr");
  ASSERT_FALSE(more.ok());
  EXPECT_EQ(more.status().message(), "query column 2049: more than 1024 clauses");
}

TEST(ParseQueryLimitsTest, TenThousandTermsIsAClearError) {
  Result<Query> query = ParseQuery(Repeat("peace ", 10000));
  ASSERT_FALSE(query.ok());
  EXPECT_EQ(query.status().message(), "query column 6145: more than 1024 clauses");
}

TEST(ParseQueryLimitsTest, NestingUpToTheLimit) {
  const std::string nested = Repeat("(", kMaxQueryDepth) + "a b" + Repeat(")", kMaxQueryDepth);
  Result<Query> query = ParseQuery(nested);
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  EXPECT_EQ(*query, B({Should(T("a")), Should(T("b"))}));
}

TEST(ParseQueryLimitsTest, HundredThousandParenthesesFailAtDepth65) {
  Result<Query> query = ParseQuery(Repeat("(", 100000));
  ASSERT_FALSE(query.ok());
  EXPECT_EQ(query.status().message(), "query column 65: parentheses nested deeper than 64 levels");
  query = ParseQuery(Repeat("(", 100000) + "a" + Repeat(")", 100000));
  ASSERT_FALSE(query.ok());
  EXPECT_EQ(query.status().message(), "query column 65: parentheses nested deeper than 64 levels");
  query = ParseQuery(Repeat(")", 100000));
  ASSERT_FALSE(query.ok());
  EXPECT_EQ(query.status().message(), "query column 1: unmatched ')'");
}

TEST(ParseQueryLimitsTest, TreeDeeperThanTheLimitThroughMarks) {
  // 64 parentheses around "+a", each group one required clause: 65 boolean levels.
  std::string text = "+a";
  for (int i = 0; i < kMaxQueryDepth; ++i) text = "+(" + text + ")";
  Result<Query> query = ParseQuery(text);
  ASSERT_FALSE(query.ok());
  EXPECT_EQ(query.status().message(), "query: nested deeper than 64 levels");
}

struct PrintCase {
  std::string name;
  Query query;
  std::string text;
  friend void PrintTo(const PrintCase& c, std::ostream* out) { *out << c.text; }
};

class PrintsTest : public ::testing::TestWithParam<PrintCase> {};

TEST_P(PrintsTest, CanonicalText) {
  const PrintCase& c = GetParam();
  ASSERT_TRUE(c.query.Validate().ok()) << c.query.Validate().ToString();
  EXPECT_EQ(c.query.ToString(), c.text);
  Result<Query> parsed = ParseQuery(c.text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, c.query);
}

INSTANTIATE_TEST_SUITE_P(
    Trees, PrintsTest,
    ::testing::ValuesIn(std::vector<PrintCase>{
        {"Term", T("peace"), "peace"},
        {"OperatorWord", T("AND"), "text:AND"},
        {"LeadingMinus", T("-x"), "text:-x"},
        {"Colon", T("a:b"), "text:a:b"},
        {"ThemeTerm", T("sea", kTheme), "theme:sea"},
        {"Prefix", Pre("migra"), "migra*"},
        {"PrefixOfAStar", Pre("a*"), "a**"},
        {"Phrase", P("human rights", 2), "\"human rights\"~2"},
        {"PhraseEscapes", P("say \"hi\" \\"), R"("say \"hi\" \\")"},
        {"TopicPhrase", P("smuggling by sea", 0, kTopic), "topic:\"smuggling by sea\""},
        {"ExactPlain", E(QueryField::kSymbol, "CTOC/COP/WG.7/2018/2"),
         "symbol:CTOC/COP/WG.7/2018/2"},
        {"ExactQuoted", E(QueryField::kDoc, "Digest of (cases)"), "doc:\"Digest of (cases)\""},
        {"Range", Query::YearRange(2015, 2019), "year:2015..2019"},
        {"SameYearRange", Query::YearRange(2018, 2018), "year:2018..2018"},
        {"List", B({Should(T("a")), Must(T("b")), Not(T("c")), Filter(E(kLang, "fr"))}),
         "a +b -c lang:fr"},
        {"OptionalFilterNeedsOr", B({Should(T("a")), Should(E(kLang, "fr"))}), "a OR lang:fr"},
        {"OrWithEveryOccur",
         B({Should(E(kLang, "fr")), Must(T("b")), Not(T("c")), Filter(E(kYear, "2018"))}),
         "lang:fr OR +b OR -c OR +year:2018"},
        {"OneRequiredFilter", B({Filter(E(kLang, "fr"))}), "+lang:fr"},
        {"OneRequired", B({Must(T("a"))}), "+a"},
        {"Nested", B({Must(B({Should(T("a")), Should(T("b"))})), Not(T("c"))}), "+(a b) -c"},
    }),
    [](const ::testing::TestParamInfo<PrintCase>& param) { return param.param.name; });

// Random trees that Validate accepts: ToString parses back to the same tree.
class RandomTrees {
 public:
  explicit RandomTrees(unsigned seed) : rng_(seed) {}

  Query Tree(int depth) {
    if (depth >= 4 || Pick(3) == 0) return Leaf();
    const std::size_t count = 1 + Pick(4);
    std::vector<Query::Clause> clauses;
    for (std::size_t i = 0; i < count; ++i) {
      Query child = Tree(depth + 1);
      const bool filter = child.IsFilterOnly();
      const Occur occurs[] = {Occur::kShould, filter ? Occur::kFilter : Occur::kMust,
                              Occur::kMustNot};
      clauses.push_back({occurs[Pick(3)], std::move(child)});
    }
    // Every node needs a clause that is not excluded; one clause alone is not optional.
    if (clauses[0].occur == Occur::kMustNot || (count == 1 && clauses[0].occur == Occur::kShould)) {
      clauses[0].occur = clauses[0].query.IsFilterOnly() ? Occur::kFilter : Occur::kMust;
    }
    return Query::Boolean(std::move(clauses));
  }

 private:
  std::size_t Pick(std::size_t n) { return hexaglot::Pick(rng_, n); }

  template <std::size_t N>
  std::string From(const std::array<std::string_view, N>& pool) {
    return std::string(pool[Pick(N)]);
  }

  Query Leaf() {
    static constexpr std::array<std::string_view, 22> kWords = {
        "a",  "peace",  "AND", "OR", "NOT", "and", "-x",   "+y",   "a:b",   "12:30",   "lang:fr",
        "\\", "e-mail", "~3",  "x~", "*a",  "a*b", "حقوق", "人权", "права", "l'homme", "Ωμέγα"};
    static constexpr std::array<std::string_view, 10> kPhrases = {
        "human rights", " spaced ", "say \"hi\"",     "back\\slash", "(paren)",
        "a:b c",        "AND OR",   "права человека", "人人 生而",   "x\ty"};
    static constexpr std::array<std::string_view, 8> kValues = {
        "CTOC/COP/WG.7/2018/2", "Digest of cases", "a\"b", "-x", "x)", "udhr/01", "\\", "a:b"};
    static constexpr std::array<std::string_view, 6> kCodes = {"ar", "zh", "en", "fr", "ru", "es"};
    static constexpr std::array<QueryField, 3> kAnalysed = {QueryField::kText, kTheme, kTopic};
    static constexpr std::array<QueryField, 5> kExact = {QueryField::kSymbol, QueryField::kPaper,
                                                         QueryField::kDoc, QueryField::kId,
                                                         QueryField::kParallel};
    switch (Pick(7)) {
      case 0:
        return Query::Term(From(kWords), kAnalysed[Pick(3)]);
      case 1:
        return Query::Prefix(From(kWords) + (Pick(4) == 0 ? "*" : ""), kAnalysed[Pick(3)]);
      case 2:
        return Query::Phrase(From(kPhrases), static_cast<int>(Pick(3)), kAnalysed[Pick(3)]);
      case 3:
        return Query::Exact(kExact[Pick(5)], From(kValues));
      case 4:
        return Query::Exact(kLang, From(kCodes));
      case 5:
        return Query::Exact(kYear, std::to_string(Pick(10000)));
      default: {
        const int low = static_cast<int>(Pick(10000));
        return Query::YearRange(low, low + static_cast<int>(Pick(10000 - low)));
      }
    }
  }

  std::mt19937 rng_;
};

TEST(QueryRoundTripPropertyTest, RandomTreesPrintAndParseBack) {
  RandomTrees trees(20261129);
  for (int i = 0; i < 3000; ++i) {
    const Query tree = trees.Tree(0);
    ASSERT_TRUE(tree.Validate().ok()) << tree.Validate().ToString() << " " << tree.ToString();
    const std::string text = tree.ToString();
    Result<Query> parsed = ParseQuery(text);
    ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.status().ToString();
    ASSERT_EQ(*parsed, tree) << text;
  }
}

// Whatever parses is valid and prints back to an equal tree. Returns whether it parsed.
bool ExpectParsesBackIfValid(const std::string& text) {
  Result<Query> query = ParseQuery(text);
  if (!query.ok()) {
    EXPECT_EQ(query.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(query.status().message().rfind("query", 0), 0u) << query.status().message();
    return false;
  }
  EXPECT_TRUE(query->Validate().ok()) << text;
  Result<Query> again = ParseQuery(query->ToString());
  EXPECT_TRUE(again.ok()) << text << " -> " << query->ToString() << ": "
                          << again.status().ToString();
  if (again.ok()) {
    EXPECT_EQ(*again, *query) << text << " -> " << query->ToString();
  }
  return true;
}

// Of 20,000 random inputs, about 1,000 (bytes) and 2,000 (token soups) parse.
constexpr int kMinParsed = 500;

TEST(QueryRobustnessPropertyTest, RandomBytesNeverCrash) {
  static constexpr std::string_view kAlphabet = "ab ()\"+-*:~\\.09AN\xC3\xA9\xE4\xBA\xBA\xFF";
  std::mt19937 rng(7);
  int parsed = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    const int length = std::uniform_int_distribution<int>(0, 24)(rng);
    for (int k = 0; k < length; ++k) {
      text += Pick(rng, 4) == 0 ? static_cast<char>(rng() & 0xFF)
                                : kAlphabet[Pick(rng, kAlphabet.size())];
    }
    parsed += ExpectParsesBackIfValid(text) ? 1 : 0;
  }
  EXPECT_GT(parsed, kMinParsed);  // The property is checked on many queries that parse.
}

TEST(QueryRobustnessPropertyTest, TokenSoupsNeverCrash) {
  static constexpr std::array<std::string_view, 34> kPieces = {
      "a",          "peace", "AND",        "OR",       "NOT",      "(",     ")",
      "+",          "-",     "\"",         "\"x y\"",  "~2",       "*",     "lang:",
      "lang:fr",    "year:", "2015..2019", "foo:",     "theme:",   "text:", "doc:",
      "symbol:a/b", "人权",  "حقوق",       "12:30",    "\\\"",     "\"\"",  "year:2018",
      ":",          "~",     "\u3000",     "topic:x*", "id:\"q\"", "NOT("};
  std::mt19937 rng(11);
  int parsed = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    const int length = std::uniform_int_distribution<int>(0, 12)(rng);
    for (int k = 0; k < length; ++k) {
      text += kPieces[Pick(rng, kPieces.size())];
      if (Pick(rng, 3) != 0) text += ' ';
    }
    parsed += ExpectParsesBackIfValid(text) ? 1 : 0;
  }
  EXPECT_GT(parsed, kMinParsed);  // The property is checked on many queries that parse.
}

}  // namespace
}  // namespace hexaglot
