// Query language routing (QueryLanguage::Auto): on a six-language index of paragraphs
// written for this test (not UN text), short queries without language cues find their
// paragraph by default, the languages searched and the reason are reported, and routing
// never empties a result that another language of the index would give.

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "api_test_util.h"
#include "hexaglot/searcher.h"
#include "index/index_test_util.h"

namespace hexaglot {
namespace {

using testing::BuildIndex;
using testing::MakeParagraph;

// Four paragraphs in each of the six languages, the same four numbers (parallel keys).
std::vector<Paragraph> SixLanguages() {
  const struct {
    Language lang;
    const char* texts[4];
  } versions[] = {
      {Language::kArabic,
       {"تكفل الحكومة المساواة بين المرأة والرجل في العمل.",
        "تؤكد الدول الأعضاء من جديد القرارات ذات الصلة بشأن الهجرة.",
        "نظرت اللجنة في التقرير السنوي عن الأمن البحري.",
        "كشفت التحقيقات المالية عن شبكات تحويل غير رسمية."}},
      {Language::kChinese,
       {"政府保障男女在就业方面的平等。", "会员国重申关于移民问题的相关决议。",
        "委员会审议了关于海上安全的年度报告。", "金融调查揭露了非正式转账网络。"}},
      {Language::kEnglish,
       {"The Government guarantees equality between women and men in employment.",
        "Member States reaffirm the relevant resolutions on migration.",
        "The committee examined the annual report on maritime security.",
        "Financial investigations uncovered informal transfer networks."}},
      {Language::kFrench,
       {"Le Gouvernement garantit l'égalité entre les femmes et les hommes dans l'emploi.",
        "Les États Membres réaffirment les résolutions pertinentes sur la migration.",
        "Le comité a examiné le rapport annuel sur la sûreté maritime.",
        "Les enquêtes financières ont révélé des réseaux de transfert informels."}},
      {Language::kRussian,
       {"Правительство гарантирует равенство женщин и мужчин в сфере занятости.",
        "Государства-члены подтверждают соответствующие резолюции о миграции.",
        "Комитет рассмотрел ежегодный доклад о морской безопасности.",
        "Финансовые расследования выявили неформальные сети переводов."}},
      {Language::kSpanish,
       {"El Gobierno garantiza la igualdad entre mujeres y hombres en el empleo.",
        "Los Estados Miembros reafirman las resoluciones pertinentes sobre migración.",
        "El comité examinó el informe anual sobre seguridad marítima.",
        "Las investigaciones financieras descubrieron redes informales de transferencia."}},
  };
  std::vector<Paragraph> corpus;
  for (const auto& version : versions) {
    for (int i = 0; i < 4; ++i) {
      corpus.push_back(MakeParagraph("ROUTE/1", version.lang, i + 1, version.texts[i]));
    }
  }
  return corpus;
}

class LanguageRoutingTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(SixLanguages()); }

  void Open(const std::vector<Paragraph>& corpus) {
    reader_ = BuildIndex(IndexStorage::InMemory(), corpus);
    ASSERT_NE(reader_, nullptr);
    Result<std::unique_ptr<Searcher>> searcher = Searcher::Create(reader_);
    ASSERT_TRUE(searcher.ok()) << searcher.status().ToString();
    searcher_ = *std::move(searcher);
  }

  SearchResults Search(std::string_view query) const {
    Result<SearchResults> results = searcher_->Search(query, SearchOptions{});
    EXPECT_TRUE(results.ok()) << query << ": " << results.status().ToString();
    return results.ok() ? *std::move(results) : SearchResults{};
  }

  std::shared_ptr<const IndexReader> reader_;
  std::unique_ptr<Searcher> searcher_;
};

struct Case {
  std::string_view query;
  Language language;
  std::string_view first;  // The id of the expected first hit.
  Routing routing;
};

// One row per language. The Latin-script queries carry no cue the detector knows (no
// function word, no diacritic), or a misleading one; the vocabulary of the index decides.
TEST_F(LanguageRoutingTest, ShortQueriesFindTheirParagraphInEveryLanguage) {
  const Case cases[] = {
      {"guarantees equality women", Language::kEnglish, "ROUTE/1/en/1", Routing::kVocabulary},
      {"garantit femmes hommes", Language::kFrench, "ROUTE/1/fr/1", Routing::kVocabulary},
      {"garantiza igualdad mujeres", Language::kSpanish, "ROUTE/1/es/1", Routing::kVocabulary},
      // "pertinentes" is French too, and the detector knows none of the words.
      {"reafirman resoluciones pertinentes", Language::kSpanish, "ROUTE/1/es/2",
       Routing::kVocabulary},
      // "é" leans French for the detector; the words are Spanish.
      {"examinó informe anual", Language::kSpanish, "ROUTE/1/es/3", Routing::kVocabulary},
      {"التقرير السنوي", Language::kArabic, "ROUTE/1/ar/3", Routing::kScript},
      {"年度报告", Language::kChinese, "ROUTE/1/zh/3", Routing::kScript},
      {"ежегодный доклад", Language::kRussian, "ROUTE/1/ru/3", Routing::kScript},
  };
  for (const Case& c : cases) {
    const SearchResults results = Search(c.query);
    ASSERT_FALSE(results.hits.empty()) << c.query;
    EXPECT_EQ(results.hits[0].paragraph.id, c.first) << c.query;
    EXPECT_EQ(results.languages, std::vector<Language>{c.language}) << c.query;
    EXPECT_EQ(results.routing, c.routing) << c.query << ": " << RoutingName(results.routing);
  }
}

TEST_F(LanguageRoutingTest, WordsSeveralLanguagesShareSearchThemTogether) {
  // "migration" is an English and a French word (and Spanish writes "migración").
  const SearchResults results = Search("migration");
  EXPECT_EQ(results.routing, Routing::kVocabulary);
  EXPECT_EQ(results.languages, (std::vector<Language>{Language::kEnglish, Language::kFrench}));
  std::vector<std::string> ids;
  for (const Hit& hit : results.hits) ids.push_back(hit.paragraph.id);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"ROUTE/1/en/2", "ROUTE/1/fr/2"}));
}

TEST_F(LanguageRoutingTest, OtherRoutingsAreReported) {
  EXPECT_EQ(Search("informe lang:fr").routing, Routing::kLangFilter);
  EXPECT_EQ(Search("lang:es").routing, Routing::kLangFilter);
  EXPECT_EQ(Search("lang:es OR lang:fr").routing, Routing::kNoWords);
  SearchOptions given;
  given.language = QueryLanguage::Given(Language::kFrench);
  Result<SearchResults> results = searcher_->Search("informe", given);
  ASSERT_TRUE(results.ok());
  EXPECT_EQ(results->routing, Routing::kGiven);
  EXPECT_TRUE(results->hits.empty());
  given.language = QueryLanguage::All();
  results = searcher_->Search("informe", given);
  ASSERT_TRUE(results.ok());
  EXPECT_EQ(results->routing, Routing::kAll);
  // Spanish "informe", and English "informal", whose stem is "inform" too.
  ASSERT_EQ(results->hits.size(), 2u);
  std::set<std::string> ids;
  for (const Hit& hit : results->hits) ids.insert(hit.paragraph.id);
  EXPECT_EQ(ids, (std::set<std::string>{"ROUTE/1/es/3", "ROUTE/1/en/4"}));
  // Words no language knows: every language of their script (nothing matches).
  const SearchResults unknown = Search("xqzv");
  EXPECT_EQ(unknown.routing, Routing::kVocabulary);
  EXPECT_EQ(unknown.languages,
            (std::vector<Language>{Language::kEnglish, Language::kFrench, Language::kSpanish}));
  EXPECT_TRUE(unknown.hits.empty());
  for (const Routing routing : {Routing::kGiven, Routing::kAll, Routing::kLangFilter,
                                Routing::kNoWords, Routing::kOnlyLanguage, Routing::kScript,
                                Routing::kVocabulary, Routing::kFallback, Routing::kDetector}) {
    EXPECT_NE(RoutingName(routing), "unknown");
  }
}

TEST_F(LanguageRoutingTest, ARoutedQueryThatMatchesNothingFallsBackToTheOtherLanguages) {
  // "alpha" and "beta" are frequent English words here and rare French ones, so the
  // vocabulary routes the phrase to English, where it never occurs in this order.
  std::vector<Paragraph> corpus;
  for (int i = 1; i <= 30; ++i) {
    corpus.push_back(MakeParagraph("FALL/1", Language::kEnglish, i, "alpha beta words"));
  }
  corpus.push_back(MakeParagraph("FALL/2", Language::kFrench, 1, "beta alpha mots"));
  for (int i = 2; i <= 30; ++i) {
    corpus.push_back(MakeParagraph("FALL/2", Language::kFrench, i, "autres mots"));
  }
  Open(corpus);
  const SearchResults results = Search("\"beta alpha\"");
  EXPECT_EQ(results.routing, Routing::kFallback);
  EXPECT_EQ(results.languages, std::vector<Language>{Language::kFrench});
  ASSERT_EQ(results.hits.size(), 1u);
  EXPECT_EQ(results.hits[0].paragraph.id, "FALL/2/fr/1");
}

TEST_F(LanguageRoutingTest, AOneLanguageIndexIsSearchedInItsLanguageWithoutAnalysis) {
  Open({MakeParagraph("ONE/1", Language::kFrench, 1, "Les enquêtes financières."),
        MakeParagraph("ONE/1", Language::kFrench, 2, "The financial investigations.")});
  // English words, a French index: its one language, as --lang fr would.
  const SearchResults results = Search("financial");
  EXPECT_EQ(results.routing, Routing::kOnlyLanguage);
  EXPECT_EQ(results.languages, std::vector<Language>{Language::kFrench});
  ASSERT_EQ(results.hits.size(), 1u);
  EXPECT_EQ(results.hits[0].paragraph.id, "ONE/1/fr/2");
}

TEST(LanguageRoutingEmptyIndexTest, AnEmptyIndexNamesTheDetectorsGuess) {
  std::shared_ptr<const IndexReader> reader = BuildIndex(IndexStorage::InMemory(), {});
  ASSERT_NE(reader, nullptr);
  Result<std::unique_ptr<Searcher>> searcher = Searcher::Create(reader);
  ASSERT_TRUE(searcher.ok());
  Result<SearchResults> results = (*searcher)->Search("les migrants", SearchOptions{});
  ASSERT_TRUE(results.ok());
  EXPECT_EQ(results->routing, Routing::kDetector);
  EXPECT_EQ(results->languages, std::vector<Language>{Language::kFrench});
  EXPECT_TRUE(results->hits.empty());
}

}  // namespace
}  // namespace hexaglot
