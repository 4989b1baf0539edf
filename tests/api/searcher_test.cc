// Searcher on small hand-written paragraphs (not UN text): query semantics, languages,
// options, explanations, snippets, parallel versions, threads, snapshot isolation and
// corrupt postings.

#include "hexaglot/searcher.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "api_test_util.h"
#include "format/file_format.h"
#include "hexaglot/index_writer.h"
#include "index/index_test_util.h"
#include "index/storage.h"
#include "query/compiled_query.h"
#include "util/checksum.h"
#include "util/coding.h"
#include "util/directory.h"

namespace hexaglot {
namespace {

using testing::BuildIndex;
using testing::MakeParagraph;

// SmallCorpus (en, fr, ru) plus two Chinese paragraphs of our own.
std::vector<Paragraph> Corpus() {
  std::vector<Paragraph> corpus = testing::SmallCorpus();
  corpus.push_back(
      MakeParagraph("TEST/1", Language::kChinese, 1, "各国加强边境合作，救助海上移民。"));
  corpus.push_back(MakeParagraph("TEST/1", Language::kChinese, 2, "工作组讨论了管理问题。"));
  return corpus;
}

class SearcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    storage_ = IndexStorage::InMemory();
    reader_ = BuildIndex(storage_, Corpus());
    ASSERT_NE(reader_, nullptr);
    Result<std::unique_ptr<Searcher>> searcher = Searcher::Create(reader_);
    ASSERT_TRUE(searcher.ok()) << searcher.status().ToString();
    searcher_ = *std::move(searcher);
  }

  // The ids of the hits of `query` in `language`.
  std::vector<std::string> Ids(const Query& query, QueryLanguage language,
                               std::size_t k = 10) const {
    SearchOptions options;
    options.language = language;
    options.k = k;
    Result<SearchResults> results = searcher_->Search(query, options);
    EXPECT_TRUE(results.ok()) << results.status().ToString();
    std::vector<std::string> ids;
    if (!results.ok()) return ids;
    for (const Hit& hit : results->hits) ids.push_back(hit.paragraph.id);
    return ids;
  }
  std::set<std::string> IdSet(const Query& query, QueryLanguage language) const {
    const std::vector<std::string> ids = Ids(query, language, 100);
    return {ids.begin(), ids.end()};
  }

  std::shared_ptr<IndexStorage> storage_;
  std::shared_ptr<const IndexReader> reader_;
  std::unique_ptr<Searcher> searcher_;
};

const QueryLanguage kEnglish = QueryLanguage::Given(Language::kEnglish);

Query Or(std::vector<Query> queries, Occur occur = Occur::kShould) {
  std::vector<Query::Clause> clauses;
  for (Query& q : queries) clauses.push_back({occur, std::move(q)});
  return Query::Boolean(std::move(clauses));
}

TEST_F(SearcherTest, ScoresAreBm25WithPerLanguageStatisticsAndExplanationsSumToThem) {
  SearchOptions options;
  options.language = kEnglish;
  options.explain = true;
  Result<SearchResults> results = searcher_->Search(Query::Term("migrants"), options);
  ASSERT_TRUE(results.ok()) << results.status().ToString();
  ASSERT_EQ(results->hits.size(), 2u);
  EXPECT_EQ(results->languages, std::vector<Language>{Language::kEnglish});
  // English has 4 paragraphs, 2 with "migrant": idf = ln(1 + 2.5 / 2.5) = ln 2.
  const double idf = std::log(2.0);
  double total_length = 0;
  for (const Paragraph& p : testing::SmallCorpus()) {
    if (p.lang == Language::kEnglish) {
      total_length += static_cast<double>(
          (*(*Analyzer::Create(Language::kEnglish))->Analyze(p.text)).back().position + 1);
    }
  }
  for (const Hit& hit : results->hits) {
    ASSERT_EQ(hit.explanation.size(), 1u);
    const TermScore& term = hit.explanation[0];
    EXPECT_EQ(term.term, "migrant");
    EXPECT_EQ(term.language, Language::kEnglish);
    EXPECT_EQ(term.tf, 1u);
    EXPECT_EQ(term.doc_freq, 2u);
    EXPECT_EQ(term.doc_count, 4u);
    EXPECT_DOUBLE_EQ(term.average_length, total_length / 4);
    EXPECT_NEAR(term.idf, idf, 1e-12);
    const double len = term.doc_length;
    const double expected =
        idf * 1 * (0.9 + 1) / (1 + 0.9 * (1 - 0.4 + 0.4 * len / (total_length / 4)));
    EXPECT_NEAR(hit.score, expected, 1e-12);
    EXPECT_DOUBLE_EQ(term.score, hit.score);
  }
  // The shorter paragraph ranks first (same tf).
  EXPECT_LT(results->hits[0].explanation[0].doc_length, results->hits[1].explanation[0].doc_length);
  EXPECT_GT(results->hits[0].score, results->hits[1].score);

  // Two terms: the explanation has both and sums to the score.
  Result<SearchResults> two =
      searcher_->Search(Or({Query::Term("migrants"), Query::Term("sea")}), options);
  ASSERT_TRUE(two.ok());
  ASSERT_FALSE(two->hits.empty());
  EXPECT_EQ(two->hits[0].paragraph.id, "TEST/1/en/1");
  ASSERT_EQ(two->hits[0].explanation.size(), 2u);
  EXPECT_NEAR(two->hits[0].explanation[0].score + two->hits[0].explanation[1].score,
              two->hits[0].score, 1e-12);
}

TEST_F(SearcherTest, LanguagesGivenAutoAndAll) {
  const Query migrants = Query::Term("migrants");
  EXPECT_EQ(IdSet(migrants, kEnglish), (std::set<std::string>{"TEST/1/en/1", "TEST/1/en/4"}));
  EXPECT_EQ(IdSet(migrants, QueryLanguage::Given(Language::kFrench)),
            (std::set<std::string>{"TEST/1/fr/1", "TEST/1/fr/4"}));
  EXPECT_EQ(IdSet(migrants, QueryLanguage::All()),
            (std::set<std::string>{"TEST/1/en/1", "TEST/1/en/4", "TEST/1/fr/1", "TEST/1/fr/4"}));
  // Auto: Cyrillic is Russian; French words; every Latin-script language of the index
  // when none knows the word (language_routing_test.cc tests routing itself).
  SearchOptions options;
  Result<SearchResults> russian = searcher_->Search(Query::Term("мигранты"), options);
  ASSERT_TRUE(russian.ok());
  EXPECT_EQ(russian->languages, std::vector<Language>{Language::kRussian});
  // Мигранты, мигрантов: the paragraph spelling the word as the query does first (Russian
  // indexes exact forms), though the other is shorter.
  ASSERT_EQ(russian->hits.size(), 2u);
  EXPECT_EQ(russian->hits[0].paragraph.id, "TEST/1/ru/1");
  EXPECT_EQ(russian->hits[1].paragraph.id, "TEST/1/ru/4");
  Result<SearchResults> french =
      searcher_->Search(Query::Phrase("les autorités frontalières"), options);
  ASSERT_TRUE(french.ok());
  EXPECT_EQ(french->languages, std::vector<Language>{Language::kFrench});
  ASSERT_EQ(french->hits.size(), 1u);
  EXPECT_EQ(french->hits[0].paragraph.id, "TEST/1/fr/2");
  Result<SearchResults> unsure = searcher_->Search(Query::Term("xq"), options);
  ASSERT_TRUE(unsure.ok());
  EXPECT_EQ(unsure->languages, (std::vector<Language>{Language::kEnglish, Language::kFrench}));
  EXPECT_EQ(unsure->routing, Routing::kVocabulary);
  // A required lang: filter names the language: "migrants lang:fr".
  Result<SearchResults> filtered = searcher_->Search("migrants lang:fr", options);
  ASSERT_TRUE(filtered.ok()) << filtered.status().ToString();
  EXPECT_EQ(filtered->languages, std::vector<Language>{Language::kFrench});
  // Every French paragraph, those with "migrants" first.
  ASSERT_EQ(filtered->hits.size(), 4u);
  for (const Hit& hit : filtered->hits) EXPECT_EQ(hit.paragraph.lang, Language::kFrench);
  EXPECT_GT(filtered->hits[1].score, 0.0);
  EXPECT_EQ(filtered->hits[2].score, 0.0);
  // Filters alone search every language.
  Result<SearchResults> filters = searcher_->Search("year:2019", options);
  ASSERT_TRUE(filters.ok()) << filters.status().ToString();
  EXPECT_EQ(filters->languages.size(), 6u);
  EXPECT_EQ(filters->hits.size(), 6u);  // Paragraphs 1 and 3 in en, fr, ru.
  Result<SearchResults> either = searcher_->Search("lang:fr OR lang:ru", options);
  ASSERT_TRUE(either.ok()) << either.status().ToString();
  EXPECT_EQ(either->hits.size(), 8u);
  // All: the languages in code order.
  options.language = QueryLanguage::All();
  Result<SearchResults> all = searcher_->Search(Query::Term("migrants"), options);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->languages, std::vector<Language>(AllLanguages().begin(), AllLanguages().end()));
}

TEST_F(SearcherTest, FiltersMatchWithScoreZeroInIndexOrderAndOnlyInTheQueryLanguage) {
  const Query symbol = Query::Exact(QueryField::kSymbol, "CTOC/COP/WG.7/2019/2");
  SearchOptions options;
  options.language = QueryLanguage::Given(Language::kRussian);
  Result<SearchResults> russian = searcher_->Search(symbol, options);
  ASSERT_TRUE(russian.ok());
  ASSERT_EQ(russian->hits.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(russian->hits[i].score, 0.0);
    EXPECT_EQ(russian->hits[i].paragraph.id, "TEST/1/ru/" + std::to_string(i + 1));
  }
  // All languages: each paragraph once, in index order.
  EXPECT_EQ(Ids(symbol, QueryLanguage::All(), 100).size(), 12u);
  // A filter beside a text term adds nothing to its score.
  SearchOptions english;
  english.language = kEnglish;
  Result<SearchResults> plain = searcher_->Search(Query::Term("border"), english);
  Result<SearchResults> filtered =
      searcher_->Search(Query::Boolean({{Occur::kShould, Query::Term("border")},
                                        {Occur::kFilter, Query::YearRange(2019, 2019)}}),
                        english);
  ASSERT_TRUE(plain.ok() && filtered.ok());
  ASSERT_EQ(plain->hits.size(), 3u);     // "border" (en/1, en/2) and "borders" (en/3).
  ASSERT_EQ(filtered->hits.size(), 2u);  // Paragraphs 1 and 3 are of 2019.
  std::map<std::string, double> plain_scores;
  for (const Hit& hit : plain->hits) plain_scores[hit.paragraph.id] = hit.score;
  for (const Hit& hit : filtered->hits) {
    EXPECT_TRUE(hit.paragraph.id == "TEST/1/en/1" || hit.paragraph.id == "TEST/1/en/3");
    EXPECT_EQ(hit.score, plain_scores[hit.paragraph.id]);
  }
  // Years from 2020 leave paragraphs 2 and 4, of which 2 has "border".
  EXPECT_EQ(Ids(Query::Boolean({{Occur::kMust, Query::Term("border")},
                                {Occur::kFilter, Query::YearRange(2020, 2030)}}),
                kEnglish),
            std::vector<std::string>{"TEST/1/en/2"});
  // Theme words are filters on the analysed heading.
  EXPECT_EQ(IdSet(Query::Term("management", QueryField::kTheme), kEnglish).size(), 4u);
  EXPECT_TRUE(
      IdSet(Query::Term("management", QueryField::kTheme), QueryLanguage::Given(Language::kFrench))
          .empty());
  // lang: in the query's language, or nothing.
  EXPECT_EQ(IdSet(Query::Exact(QueryField::kLang, "en"), kEnglish).size(), 4u);
  EXPECT_TRUE(IdSet(Query::Exact(QueryField::kLang, "fr"), kEnglish).empty());
  SearchOptions bad;
  EXPECT_TRUE(
      searcher_->Search(Query::Exact(QueryField::kLang, "xx"), bad).status().IsInvalidArgument());
}

TEST_F(SearcherTest, RequiredExcludedAndOptionalClauses) {
  // "migrants -sea": en/4 only.
  EXPECT_EQ(Ids(Query::Boolean({{Occur::kShould, Query::Term("migrants")},
                                {Occur::kMustNot, Query::Term("sea")}}),
                kEnglish),
            std::vector<std::string>{"TEST/1/en/4"});
  // "+border migrants": the border paragraphs, the one with migrants first.
  const std::vector<std::string> border =
      Ids(Query::Boolean(
              {{Occur::kMust, Query::Term("border")}, {Occur::kShould, Query::Term("migrants")}}),
          kEnglish);
  ASSERT_EQ(border.size(), 3u);
  EXPECT_EQ(border[0], "TEST/1/en/1");
  EXPECT_EQ(std::set<std::string>(border.begin(), border.end()),
            (std::set<std::string>{"TEST/1/en/1", "TEST/1/en/2", "TEST/1/en/3"}));
  // "border AND migrants".
  EXPECT_EQ(Ids(Or({Query::Term("border"), Query::Term("migrants")}, Occur::kMust), kEnglish),
            std::vector<std::string>{"TEST/1/en/1"});
}

TEST_F(SearcherTest, StopWordsCountInShortQueriesAndAnEmptyQueryHasNoHits) {
  // "the" alone, and "+the border": few words, so the stop word is searched.
  EXPECT_EQ(IdSet(Query::Term("the"), kEnglish),
            (std::set<std::string>{"TEST/1/en/1", "TEST/1/en/2", "TEST/1/en/4"}));
  EXPECT_EQ(IdSet(Query::Boolean({{Occur::kMust, Query::Term("the")},
                                  {Occur::kShould, Query::Term("border")}}),
                  kEnglish),
            (std::set<std::string>{"TEST/1/en/1", "TEST/1/en/2", "TEST/1/en/4"}));
  // With four other words the required stop word drops out, leaving an OR of them.
  EXPECT_EQ(IdSet(Query::Boolean({{Occur::kMust, Query::Term("the")},
                                  {Occur::kShould, Query::Term("border")},
                                  {Occur::kShould, Query::Term("smugglers")},
                                  {Occur::kShould, Query::Term("rights")},
                                  {Occur::kShould, Query::Term("cooperation")}}),
                  kEnglish),
            (std::set<std::string>{"TEST/1/en/1", "TEST/1/en/2", "TEST/1/en/3", "TEST/1/en/4"}));
  // A word that analyses to nothing.
  SearchOptions options;
  options.language = kEnglish;
  Result<SearchResults> nothing = searcher_->Search(Query::Term("?!"), options);
  ASSERT_TRUE(nothing.ok()) << nothing.status().ToString();
  EXPECT_TRUE(nothing->hits.empty());
}

TEST_F(SearcherTest, PhrasesHonourPositionsStopWordGapsAndSlop) {
  EXPECT_EQ(Ids(Query::Phrase("coast guard"), kEnglish), std::vector<std::string>{"TEST/1/en/1"});
  EXPECT_TRUE(Ids(Query::Phrase("guard coast"), kEnglish).empty());
  // "rescued at sea": "at" is a stop word, a gap that any word fills.
  EXPECT_EQ(Ids(Query::Phrase("rescued at sea"), kEnglish),
            std::vector<std::string>{"TEST/1/en/1"});
  EXPECT_EQ(Ids(Query::Phrase("rescued by sea"), kEnglish),
            std::vector<std::string>{"TEST/1/en/1"});
  EXPECT_TRUE(Ids(Query::Phrase("rescued sea"), kEnglish).empty());
  EXPECT_EQ(Ids(Query::Phrase("rescued sea", 1), kEnglish),
            std::vector<std::string>{"TEST/1/en/1"});
  // "crossing ... rescued" are 4 positions apart (crossing the border were rescued).
  EXPECT_TRUE(Ids(Query::Phrase("crossing rescued", 2), kEnglish).empty());
  EXPECT_EQ(Ids(Query::Phrase("crossing rescued", 3), kEnglish),
            std::vector<std::string>{"TEST/1/en/1"});
  // A phrase scores as the sum of its terms.
  SearchOptions options;
  options.language = kEnglish;
  Result<SearchResults> phrase = searcher_->Search(Query::Phrase("coast guard"), options);
  Result<SearchResults> terms =
      searcher_->Search(Or({Query::Term("coast"), Query::Term("guard")}, Occur::kMust), options);
  ASSERT_TRUE(phrase.ok() && terms.ok());
  ASSERT_EQ(phrase->hits.size(), 1u);
  EXPECT_DOUBLE_EQ(phrase->hits[0].score, terms->hits[0].score);
}

TEST_F(SearcherTest, AWordOfSeveralTermsIsTheirOr) {
  // Chinese bigrams: 边境管理 -> 边境 境管 管理; each paragraph has one of them.
  EXPECT_EQ(IdSet(Query::Term("边境管理"), QueryLanguage::Given(Language::kChinese)),
            (std::set<std::string>{"TEST/1/zh/1", "TEST/1/zh/2"}));
  // As a phrase it needs them all in order.
  EXPECT_TRUE(IdSet(Query::Phrase("边境管理"), QueryLanguage::Given(Language::kChinese)).empty());
  EXPECT_EQ(IdSet(Query::Phrase("边境合作"), QueryLanguage::Given(Language::kChinese)),
            std::set<std::string>{"TEST/1/zh/1"});
}

TEST_F(SearcherTest, PrefixesExpandOverTheLanguagesTerms) {
  // smuggl* finds "smugglers" and "smuggled".
  EXPECT_EQ(IdSet(Query::Prefix("smuggl"), kEnglish),
            (std::set<std::string>{"TEST/1/en/3", "TEST/1/en/4"}));
  // Prefixes are normalised, not stemmed: "Migra" finds "migrant".
  EXPECT_EQ(IdSet(Query::Prefix("Migra"), kEnglish),
            (std::set<std::string>{"TEST/1/en/1", "TEST/1/en/4"}));
  EXPECT_TRUE(IdSet(Query::Prefix("zzz"), kEnglish).empty());
}

TEST(SearcherPrefixTest, TooManyExpansionsIsInvalidArgumentNamingThePrefix) {
  std::vector<Paragraph> corpus;
  for (int i = 0; i < 1100; ++i) {
    corpus.push_back(MakeParagraph("TEST/2", Language::kEnglish, i + 1,
                                   "qword" + std::to_string(100000 + i) + " filler"));
  }
  std::shared_ptr<const IndexReader> reader = BuildIndex(IndexStorage::InMemory(), corpus);
  ASSERT_NE(reader, nullptr);
  std::unique_ptr<Searcher> searcher = *Searcher::Create(reader);
  SearchOptions options;
  options.language = kEnglish;
  Result<SearchResults> wide = searcher->Search(Query::Prefix("qword"), options);
  ASSERT_TRUE(wide.status().IsInvalidArgument());
  EXPECT_NE(wide.status().message().find("qword*"), std::string::npos) << wide.status().ToString();
  Result<SearchResults> narrow = searcher->Search(Query::Prefix("qword10000"), options);
  ASSERT_TRUE(narrow.ok()) << narrow.status().ToString();
  EXPECT_EQ(narrow->hits.size(), 10u);
}

TEST_F(SearcherTest, FieldBoostsScoreTheWordsInThemeAndTopicsByTheirOwnStatistics) {
  SearchOptions options;
  options.language = kEnglish;
  options.explain = true;
  // "management" is only in the English paragraphs' theme ("Border management").
  Result<SearchResults> plain = searcher_->Search(Query::Term("management"), options);
  ASSERT_TRUE(plain.ok());
  EXPECT_TRUE(plain->hits.empty());
  options.theme_boost = 0.5;
  Result<SearchResults> themed = searcher_->Search(Query::Term("management"), options);
  ASSERT_TRUE(themed.ok()) << themed.status().ToString();
  ASSERT_EQ(themed->hits.size(), 4u);
  // Every theme is two tokens long: length equals the average, so the norm is k1.
  const double idf = std::log(1.0 + 0.5 / 4.5);
  const double expected = 0.5 * idf * (0.9 + 1) / (1 + 0.9);
  for (const Hit& hit : themed->hits) {
    ASSERT_EQ(hit.explanation.size(), 1u);
    const TermScore& term = hit.explanation[0];
    EXPECT_EQ(term.field, "theme");
    EXPECT_EQ(term.boost, 0.5);
    EXPECT_EQ(term.doc_freq, 4u);
    EXPECT_EQ(term.doc_length, 2u);
    EXPECT_DOUBLE_EQ(term.average_length, 2.0);
    EXPECT_NEAR(hit.score, expected, 1e-12);
  }
  // The theme filter stays a filter: score 0 with or without the boost.
  Result<SearchResults> filtered =
      searcher_->Search(Query::Term("management", QueryField::kTheme), options);
  ASSERT_TRUE(filtered.ok());
  ASSERT_EQ(filtered->hits.size(), 4u);
  EXPECT_EQ(filtered->hits[0].score, 0.0);

  // "cooperation": in the text of en/2 and in every English paragraph's topics.
  options = {};
  options.language = kEnglish;
  options.explain = true;
  EXPECT_EQ(Ids(Query::Term("cooperation"), kEnglish), std::vector<std::string>{"TEST/1/en/2"});
  options.topic_boost = 2.0;
  Result<SearchResults> topical = searcher_->Search(Query::Term("cooperation"), options);
  ASSERT_TRUE(topical.ok());
  ASSERT_EQ(topical->hits.size(), 4u);
  EXPECT_EQ(topical->hits[0].paragraph.id, "TEST/1/en/2");
  ASSERT_EQ(topical->hits[0].explanation.size(), 2u);
  EXPECT_EQ(topical->hits[0].explanation[0].field, "text");
  EXPECT_EQ(topical->hits[0].explanation[1].field, "topic");
  EXPECT_NEAR(topical->hits[0].explanation[0].score + topical->hits[0].explanation[1].score,
              topical->hits[0].score, 1e-12);
  // The others match by their topics alone, all with the same score.
  EXPECT_EQ(topical->hits[1].score, topical->hits[3].score);
  EXPECT_EQ(topical->hits[1].explanation.size(), 1u);
  EXPECT_GT(topical->hits[0].score, topical->hits[1].score);

  options.topic_boost = 100.5;
  EXPECT_TRUE(searcher_->Search(Query::Term("cooperation"), options).status().IsInvalidArgument());
  options.topic_boost = -1;
  EXPECT_TRUE(searcher_->Search(Query::Term("cooperation"), options).status().IsInvalidArgument());
}

TEST_F(SearcherTest, BadOptionsAndQueriesAreInvalidArgument) {
  const Query query = Query::Term("migrants");
  SearchOptions options;
  options.k = 0;
  EXPECT_TRUE(searcher_->Search(query, options).status().IsInvalidArgument());
  options.k = kMaxTopK + 1;
  EXPECT_TRUE(searcher_->Search(query, options).status().IsInvalidArgument());
  options = {};
  options.k1 = -0.5;
  EXPECT_TRUE(searcher_->Search(query, options).status().IsInvalidArgument());
  options.k1 = std::nan("");
  EXPECT_TRUE(searcher_->Search(query, options).status().IsInvalidArgument());
  options = {};
  options.b = 1.5;
  EXPECT_TRUE(searcher_->Search(query, options).status().IsInvalidArgument());
  options = {};
  options.snippet_bytes = 0;
  EXPECT_TRUE(searcher_->Search(query, options).status().IsInvalidArgument());
  options = {};
  EXPECT_TRUE(searcher_->Search(Query::Boolean({}), options).status().IsInvalidArgument());
  EXPECT_TRUE(
      searcher_->Search(Query::Term("bad \xff utf8"), options).status().IsInvalidArgument());
  // Extremes of k1 and b are fine.
  options.k1 = 0;
  options.b = 1;
  EXPECT_TRUE(searcher_->Search(query, options).ok());
  EXPECT_EQ(Searcher::Create(nullptr).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(SearcherTest, SnippetsHighlightTheMatchedWords) {
  SearchOptions options;
  options.language = kEnglish;
  Result<SearchResults> results =
      searcher_->Search(Or({Query::Term("rescue"), Query::Term("coast")}), options);
  ASSERT_TRUE(results.ok());
  ASSERT_EQ(results->hits.size(), 1u);
  const Hit& hit = results->hits[0];
  ASSERT_TRUE(hit.snippet.has_value());
  const std::string& text = hit.paragraph.text;
  std::vector<std::string> highlighted;
  for (const TextSpan& span : hit.snippet->highlights) {
    highlighted.push_back(text.substr(span.start, span.end - span.start));
  }
  EXPECT_EQ(highlighted, (std::vector<std::string>{"rescued", "coast"}));
  EXPECT_EQ(hit.snippet->text, text.substr(hit.snippet->window.start,
                                           hit.snippet->window.end - hit.snippet->window.start));
  options.snippets = false;
  Result<SearchResults> bare = searcher_->Search(Query::Term("coast"), options);
  ASSERT_TRUE(bare.ok());
  EXPECT_FALSE(bare->hits[0].snippet.has_value());
}

TEST_F(SearcherTest, ParallelVersionsInLanguageCodeOrder) {
  SearchOptions options;
  options.language = QueryLanguage::Given(Language::kFrench);
  options.parallel = true;
  Result<SearchResults> results = searcher_->Search(Query::Term("passeurs"), options);
  ASSERT_TRUE(results.ok());
  ASSERT_EQ(results->hits.size(), 1u);
  std::vector<std::string> ids;
  for (const Paragraph& p : results->hits[0].parallel) ids.push_back(p.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"TEST/1/en/3", "TEST/1/ru/3"}));
  // Paragraph 1 has a Chinese version too: zh comes before en.
  options.language = kEnglish;
  results = searcher_->Search(Query::Term("coast"), options);
  ASSERT_TRUE(results.ok());
  ids.clear();
  for (const Paragraph& p : results->hits[0].parallel) ids.push_back(p.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"TEST/1/zh/1", "TEST/1/fr/1", "TEST/1/ru/1"}));
}

TEST_F(SearcherTest, ConcurrentSearchesAgree) {
  const std::vector<Query> queries = {Query::Term("migrants"), Query::Phrase("coast guard"),
                                      Query::Prefix("smuggl"), Query::Term("边境管理")};
  SearchOptions options;
  options.language = QueryLanguage::All();
  options.parallel = true;
  std::vector<std::vector<std::string>> expected;
  for (const Query& q : queries) {
    Result<SearchResults> r = searcher_->Search(q, options);
    ASSERT_TRUE(r.ok());
    std::vector<std::string> ids;
    for (const Hit& hit : r->hits) ids.push_back(hit.paragraph.id);
    expected.push_back(ids);
  }
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 50; ++round) {
        const std::size_t q = static_cast<std::size_t>(round + t) % queries.size();
        Result<SearchResults> r = searcher_->Search(queries[q], options);
        std::vector<std::string> ids;
        if (r.ok()) {
          for (const Hit& hit : r->hits) ids.push_back(hit.paragraph.id);
        }
        if (ids != expected[q]) ++failures[static_cast<std::size_t>(t)];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures, std::vector<int>(4, 0));
}

TEST_F(SearcherTest, ASearcherKeepsItsSnapshotWhileAWriterCommits) {
  Result<std::unique_ptr<IndexWriter>> writer = IndexWriter::Open(storage_);
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  ASSERT_EQ(*(*writer)->DeleteById("TEST/1/en/1"), 1u);
  ASSERT_TRUE((*writer)
                  ->Add(MakeParagraph("TEST/3", Language::kEnglish, 1, "More migrants arrived."))
                  .ok());
  ASSERT_TRUE((*writer)->Commit().ok());
  ASSERT_TRUE((*writer)->ForceMerge().ok());
  // The old searcher still sees its commit.
  EXPECT_EQ(IdSet(Query::Term("migrants"), kEnglish),
            (std::set<std::string>{"TEST/1/en/1", "TEST/1/en/4"}));
  // A searcher over a reopened reader sees the new one.
  std::shared_ptr<const IndexReader> reopened(*reader_->Reopen());
  std::unique_ptr<Searcher> fresh = *Searcher::Create(reopened);
  SearchOptions options;
  options.language = kEnglish;
  Result<SearchResults> results = fresh->Search(Query::Term("migrants"), options);
  ASSERT_TRUE(results.ok());
  std::set<std::string> ids;
  for (const Hit& hit : results->hits) ids.insert(hit.paragraph.id);
  EXPECT_EQ(ids, (std::set<std::string>{"TEST/1/en/4", "TEST/3/en/1"}));
}

// Bytes of the postings file changed past its checksum (the footer recomputed): every
// search either succeeds or returns Corruption, and some do return Corruption.
// Arabic letter forms people type interchangeably find each other, both ways: alef
// maksura and yeh, alef with hamza or madda and bare alef, teh marbuta and heh. Sentences
// written for this test (not UN text); the words are not stop words.
TEST(SearcherArabicTest, LetterFormsFindEachOtherBothWays) {
  const std::vector<Paragraph> corpus = {
      MakeParagraph("AR/1", Language::kArabic, 1, "افتتح الوزير مستشفى جديدا"),
      MakeParagraph("AR/1", Language::kArabic, 2, "تعمل اداره الموارد على التخطيط"),
      MakeParagraph("AR/1", Language::kArabic, 3, "ناقشت اللجنة آثار النزاع"),
      MakeParagraph("AR/1", Language::kArabic, 4, "قضت المحكمه في القضيه"),
      MakeParagraph("AR/1", Language::kArabic, 5, "تعزيز الأمن الإقليمي"),
      MakeParagraph("AR/1", Language::kArabic, 6, "تم تجديد مبني البلدية"),
  };
  std::shared_ptr<const IndexReader> reader = BuildIndex(IndexStorage::InMemory(), corpus);
  ASSERT_NE(reader, nullptr);
  Result<std::unique_ptr<Searcher>> searcher = Searcher::Create(reader);
  ASSERT_TRUE(searcher.ok());
  const struct {
    std::string_view query;
    std::string_view id;
  } cases[] = {
      {"مستشفي", "AR/1/ar/1"},    // yeh finds alef maksura
      {"مبنى", "AR/1/ar/6"},      // alef maksura finds yeh
      {"إدارة", "AR/1/ar/2"},     // alef with hamza below and teh marbuta find bare forms
      {"اثار", "AR/1/ar/3"},      // bare alef finds alef with madda
      {"آثار", "AR/1/ar/3"},      // and itself
      {"المحكمة", "AR/1/ar/4"},   // teh marbuta finds heh
      {"القضية", "AR/1/ar/4"},    // teh marbuta finds heh
      {"الامن", "AR/1/ar/5"},     // bare alef finds alef with hamza above
      {"الاقليمي", "AR/1/ar/5"},  // bare alef finds alef with hamza below
      {"اللجنه", "AR/1/ar/3"},    // heh finds teh marbuta
  };
  for (const auto& c : cases) {
    Result<SearchResults> results = (*searcher)->Search(c.query, SearchOptions{});
    ASSERT_TRUE(results.ok()) << c.query << ": " << results.status().ToString();
    ASSERT_EQ(results->hits.size(), 1u) << c.query;
    EXPECT_EQ(results->hits[0].paragraph.id, c.id) << c.query;
  }
}

// French indexes exact forms by default: a query word matches every form sharing its
// stem, and the paragraph spelling it as the query does scores more; phrases still match
// by stems and positions, and snippets highlight the word once. Text written for the test.
TEST(SearcherExactFormsTest, TheFormTypedScoresAboveItsStemSiblings) {
  const std::vector<Paragraph> corpus = {
      MakeParagraph("FR/1", Language::kFrench, 1, "Les organisations étatiques coopèrent vite"),
      MakeParagraph("FR/1", Language::kFrench, 2, "Les organisations des États coopèrent"),
  };
  for (const bool exact : {true, false}) {
    AnalyzerOptions analysis;
    if (!exact) analysis.exact_forms = 0;
    std::shared_ptr<const IndexReader> reader =
        BuildIndex(IndexStorage::InMemory(), corpus, analysis);
    ASSERT_NE(reader, nullptr);
    Result<std::unique_ptr<Searcher>> searcher = Searcher::Create(reader);
    ASSERT_TRUE(searcher.ok());
    for (const std::string_view query : {"États", "étatiques"}) {
      Result<SearchResults> results = (*searcher)->Search(query, SearchOptions{});
      ASSERT_TRUE(results.ok()) << results.status().ToString();
      ASSERT_EQ(results->hits.size(), 2u) << query;
      if (exact) {
        const std::string_view expected = query == "États" ? "FR/1/fr/2" : "FR/1/fr/1";
        EXPECT_EQ(results->hits[0].paragraph.id, expected) << query;
        EXPECT_GT(results->hits[0].score, results->hits[1].score) << query;
      } else {
        EXPECT_EQ(results->hits[0].score, results->hits[1].score) << query;
      }
      ASSERT_TRUE(results->hits[0].snippet.has_value());
      EXPECT_EQ(results->hits[0].snippet->highlights.size(), 1u) << query;
    }
    Result<SearchResults> phrase = (*searcher)->Search("\"organisations États\"", SearchOptions{});
    ASSERT_TRUE(phrase.ok()) << phrase.status().ToString();
    ASSERT_EQ(phrase->hits.size(), 1u);
    EXPECT_EQ(phrase->hits[0].paragraph.id, "FR/1/fr/1");
  }
}

// Stop words are indexed by default: a query of a few words searches them, so the
// paragraph with the one typed ranks first; from kWordsToLeaveOutStopWords other words on,
// a query ranks as it would without them; in phrases they are gaps, unless the phrase has
// nothing else. With remove_stop_words they are searched nowhere. Text written for the test.
TEST(SearcherStopWordsTest, AShortQuerySearchesThemALongOneLeavesThemOut) {
  const std::vector<Paragraph> corpus = {
      MakeParagraph("EN/1", Language::kEnglish, 1, "Cooperation against the smuggling of migrants"),
      MakeParagraph("EN/1", Language::kEnglish, 2, "Cooperation on the smuggling of migrants"),
  };
  const auto search = [](Searcher& searcher, std::string_view query) {
    Result<SearchResults> results = searcher.Search(query, SearchOptions{});
    EXPECT_TRUE(results.ok()) << query << ": " << results.status().ToString();
    std::vector<std::pair<std::string, double>> hits;
    for (const Hit& hit : results.ok() ? results->hits : std::vector<Hit>{}) {
      hits.emplace_back(hit.paragraph.id, hit.score);
    }
    return hits;
  };
  std::shared_ptr<const IndexReader> reader = BuildIndex(IndexStorage::InMemory(), corpus);
  ASSERT_NE(reader, nullptr);
  Result<std::unique_ptr<Searcher>> searcher = Searcher::Create(reader);
  ASSERT_TRUE(searcher.ok());
  std::vector<std::pair<std::string, double>> hits = search(**searcher, "against smuggling");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].first, "EN/1/en/1");
  EXPECT_GT(hits[0].second, hits[1].second);
  static_assert(query::kWordsToLeaveOutStopWords == 4);
  hits = search(**searcher, "cooperation against the smuggling of migrants");
  ASSERT_EQ(hits.size(), 2u);  // Three other words: "against" still counts.
  EXPECT_GT(hits[0].second, hits[1].second);
  EXPECT_EQ(search(**searcher, "cooperation against the smuggling of migrants today"),
            search(**searcher, "cooperation smuggling migrants today"));
  // Phrases: stop words are gaps, unless there is nothing else.
  EXPECT_EQ(search(**searcher, "\"on the smuggling\"").size(), 2u);
  EXPECT_EQ(search(**searcher, "\"on the\"").size(), 1u);

  AnalyzerOptions removed;
  removed.remove_stop_words = true;
  reader = BuildIndex(IndexStorage::InMemory(), corpus, removed);
  ASSERT_NE(reader, nullptr);
  searcher = Searcher::Create(reader);
  ASSERT_TRUE(searcher.ok());
  hits = search(**searcher, "against smuggling");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].second, hits[1].second);
  EXPECT_EQ(search(**searcher, "\"on the smuggling\"").size(), 2u);
}

TEST(SearcherCorruptionTest, CorruptPostingsAreCorruption) {
  std::shared_ptr<Directory> directory = NewMemoryDirectory();
  std::vector<Paragraph> corpus;
  std::mt19937 rng(5);
  const char* words[] = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot"};
  for (int i = 0; i < 600; ++i) {
    std::string text;
    for (int w = 0; w < 12; ++w) text += std::string(words[rng() % 6]) + " ";
    corpus.push_back(MakeParagraph("TEST/4", Language::kEnglish, i + 1, text));
  }
  ASSERT_NE(BuildIndex(index::WrapDirectory(directory), corpus), nullptr);
  std::map<std::string, std::string> files;
  Result<std::vector<std::string>> names = directory->ListFiles();
  ASSERT_TRUE(names.ok());
  for (const std::string& name : *names) {
    files[name] = std::string((*directory->OpenReadableFile(name)).data());
  }
  std::string postings_name;
  for (const auto& [name, bytes] : files) {
    if (name.ends_with(".post")) postings_name = name;
  }
  ASSERT_FALSE(postings_name.empty());
  int corruption = 0;
  for (int round = 0; round < 60; ++round) {
    std::shared_ptr<Directory> copy = NewMemoryDirectory();
    for (const auto& [name, original] : files) {
      std::string bytes = original;
      if (name == postings_name) {
        const std::size_t body = bytes.size() - format::kFileHeaderSize - format::kFileFooterSize;
        const std::size_t at = format::kFileHeaderSize + rng() % body;
        bytes[at] = static_cast<char>(bytes[at] ^ (1 + rng() % 255));
        const std::size_t footer = bytes.size() - format::kFileFooterSize;
        EncodeFixed64(bytes.data() + footer + 8,
                      Checksum64(std::string_view(bytes).substr(0, footer + 8)));
      }
      auto file = copy->NewWritableFile(name, WriteMode::kCreateNew);
      ASSERT_TRUE((*file)->Append(bytes).ok());
      ASSERT_TRUE((*file)->Close().ok());
    }
    Result<std::unique_ptr<IndexReader>> reader = IndexReader::Open(index::WrapDirectory(copy));
    if (!reader.ok()) {
      ASSERT_TRUE(reader.status().IsCorruption()) << reader.status().ToString();
      continue;
    }
    std::unique_ptr<Searcher> searcher =
        *Searcher::Create(std::shared_ptr<const IndexReader>(*std::move(reader)));
    SearchOptions options;
    options.language = kEnglish;
    options.k = 5;
    for (const char* word : words) {
      for (const Query& query : {Query::Term(word), Query::Phrase(std::string(word) + " alpha")}) {
        Result<SearchResults> results = searcher->Search(query, options);
        if (!results.ok()) {
          ASSERT_TRUE(results.status().IsCorruption()) << results.status().ToString();
          ++corruption;
        }
      }
    }
  }
  EXPECT_GT(corruption, 0);
}

}  // namespace
// The API adds paragraphs directly, past the parsers: the writer refuses the same ids.
TEST(IndexWriterIdTest, IdsWithWhiteSpaceOrControlCharactersAreInvalidArgument) {
  Result<std::unique_ptr<IndexWriter>> writer = IndexWriter::Open(IndexStorage::InMemory(), {});
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  for (const std::string id : {"a b", "a\tb", "a\nb", "a\x1b]0;x\x07", "a\xc2\x85"}) {
    Paragraph p;
    p.id = id;
    p.doc = "d";
    p.lang = Language::kEnglish;
    p.number = "1";
    p.text = "Some text.";
    p.source = "api";
    p.line = 3;
    p.hash = ContentHash(p);
    const Status status = (*writer)->Add(p);
    EXPECT_TRUE(status.IsInvalidArgument()) << status.ToString();
    EXPECT_NE(status.message().find("api:3"), std::string::npos) << status.message();
  }
  Paragraph good;
  good.id = "d/en/1";
  good.doc = "d";
  good.lang = Language::kEnglish;
  good.number = "1";
  good.text = "Some text.";
  good.hash = ContentHash(good);
  EXPECT_TRUE((*writer)->Add(good).ok());
}

}  // namespace hexaglot
