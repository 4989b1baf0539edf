// Per-language tokenisation on sentences written for these tests (not UN text): terms,
// positions with stop-word gaps, and offsets sliced back out of the original bytes.

#include "hexaglot/analyzer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analyzer_test_util.h"

namespace hexaglot {
namespace {

using testing::ExpectedToken;
using testing::NewAnalyzer;
using testing::Terms;
using testing::Tokenize;
using Tokens = std::vector<ExpectedToken>;

TEST(AnalyzerTest, EnglishPunctuationNumbersSymbolsAndApostrophes) {
  auto analyzer = NewAnalyzer(Language::kEnglish);
  ASSERT_NE(analyzer, nullptr);
  const std::string text =
      "The Working Group (CTOC/COP/WG.7/2018/2) met 3 times in 2018, e.g. on 10.5% of U.N. "
      "cases; it's the people\u2019s right.";
  EXPECT_EQ(Tokenize(*analyzer, text), (Tokens{{"work", 1, "Working"},
                                               {"group", 2, "Group"},
                                               {"ctoc", 3, "CTOC"},
                                               {"cop", 4, "COP"},
                                               {"wg", 5, "WG"},
                                               {"7", 6, "7"},
                                               {"2018", 7, "2018"},
                                               {"2", 8, "2"},
                                               {"met", 9, "met"},
                                               {"3", 10, "3"},
                                               {"time", 11, "times"},
                                               {"2018", 13, "2018"},
                                               {"e.g", 14, "e.g"},
                                               {"10.5", 16, "10.5"},
                                               {"u.n", 18, "U.N"},
                                               {"case", 19, "cases"},
                                               {"peopl", 22, "people\u2019s"},
                                               {"right", 23, "right"}}));
}

TEST(AnalyzerTest, FrenchElisionWithBothApostrophes) {
  auto analyzer = NewAnalyzer(Language::kFrench);
  ASSERT_NE(analyzer, nullptr);
  const std::string text =
      "L\u2019Office a publi\u00e9 l'\u00e9tude d'un groupe qu'il jugeait \u00ab tr\u00e8s "
      "utile \u00bb en 2019 ; aujourd'hui, l'ONU.";
  EXPECT_EQ(Tokenize(*analyzer, text), (Tokens{{"offic", 0, "Office"},
                                               {"a", 1, "a"},
                                               {"publi", 2, "publi\u00e9"},
                                               {"\u00e9tud", 3, "\u00e9tude"},
                                               {"group", 5, "groupe"},
                                               {"jug", 7, "jugeait"},
                                               {"tres", 8, "tr\u00e8s"},
                                               {"util", 9, "utile"},
                                               {"2019", 11, "2019"},
                                               {"aujourd'hui", 12, "aujourd'hui"},
                                               {"onu", 13, "ONU"}}));
}

TEST(AnalyzerTest, SpanishSymbolsAndElision) {
  auto analyzer = NewAnalyzer(Language::kSpanish);
  ASSERT_NE(analyzer, nullptr);
  const std::string text =
      "El Grupo de Trabajo examin\u00f3 el documento CTOC/COP/WG.7/2020/3 y d'Alembert.";
  EXPECT_EQ(Tokenize(*analyzer, text), (Tokens{{"grup", 1, "Grupo"},
                                               {"trabaj", 3, "Trabajo"},
                                               {"examin", 4, "examin\u00f3"},
                                               {"document", 6, "documento"},
                                               {"ctoc", 7, "CTOC"},
                                               {"cop", 8, "COP"},
                                               {"wg", 9, "WG"},
                                               {"7", 10, "7"},
                                               {"2020", 11, "2020"},
                                               {"3", 12, "3"},
                                               {"alembert", 14, "Alembert"}}));
}

TEST(AnalyzerTest, RussianMixedWithLatinSymbols) {
  auto analyzer = NewAnalyzer(Language::kRussian);
  ASSERT_NE(analyzer, nullptr);
  const std::string text = "Рабочая группа рассмотрела документ CTOC/COP/WG.7/2018/2 в 2018 году.";
  EXPECT_EQ(Tokenize(*analyzer, text), (Tokens{{"рабоч", 0, "Рабочая"},
                                               {"групп", 1, "группа"},
                                               {"рассмотрел", 2, "рассмотрела"},
                                               {"документ", 3, "документ"},
                                               {"ctoc", 4, "CTOC"},
                                               {"cop", 5, "COP"},
                                               {"wg", 6, "WG"},
                                               {"7", 7, "7"},
                                               {"2018", 8, "2018"},
                                               {"2", 9, "2"},
                                               {"2018", 11, "2018"},
                                               {"год", 12, "году"}}));
}

TEST(AnalyzerTest, ArabicDiacriticsTatweelAndLetterForms) {
  auto analyzer = NewAnalyzer(Language::kArabic);
  ASSERT_NE(analyzer, nullptr);
  // Diacritics on the first two words, hamza forms, teh marbuta, a tatweel, a number.
  const std::string text = "وَأَكَّدَتِ اللجنةُ على أهمية مكافحة تهريب المهاجرين في عام 2018. ـــكتب";
  EXPECT_EQ(Tokenize(*analyzer, text), (Tokens{{"واكد", 0, "وَأَكَّدَتِ"},
                                               {"لجنه", 1, "اللجنةُ"},
                                               {"اهم", 3, "أهمية"},
                                               {"مكافح", 4, "مكافحة"},
                                               {"تهريب", 5, "تهريب"},
                                               {"مهاجر", 6, "المهاجرين"},
                                               {"عام", 8, "عام"},
                                               {"2018", 9, "2018"},
                                               {"كتب", 10, "ـــكتب"}}));
}

TEST(AnalyzerTest, ArabicNormalisationBeforeStopWords) {
  AnalyzerOptions options;
  options.stem = false;
  options.remove_stop_words = true;
  auto analyzer = NewAnalyzer(Language::kArabic, options);
  ASSERT_NE(analyzer, nullptr);
  // إلى and على are stop words; with diacritics and alef maksura they still are.
  EXPECT_EQ(Tokenize(*analyzer, "ذهبَ إِلَى المدرسةِ عَلى مهلٍ"),
            (Tokens{{"ذهب", 0, "ذهبَ"}, {"المدرسه", 2, "المدرسةِ"}, {"مهل", 4, "مهلٍ"}}));
}

TEST(AnalyzerTest, ChineseWordsWithoutSpacesAndLatinInside) {
  AnalyzerOptions options;
  options.chinese_mode = ChineseMode::kWords;
  options.remove_stop_words = true;
  auto analyzer = NewAnalyzer(Language::kChinese, options);
  ASSERT_NE(analyzer, nullptr);
  const std::string text =
      "联合国毒品和犯罪问题办公室(UNODC)于2018年发布了CTOC/COP/WG.7/2018/2号文件。";
  EXPECT_EQ(Tokenize(*analyzer, text), (Tokens{{"联合", 0, "联合"},
                                               {"国", 1, "国"},
                                               {"毒品", 2, "毒品"},
                                               {"犯罪", 4, "犯罪"},
                                               {"问题", 5, "问题"},
                                               {"办公", 6, "办公"},
                                               {"室", 7, "室"},
                                               {"unodc", 8, "UNODC"},
                                               {"2018", 10, "2018"},
                                               {"年", 11, "年"},
                                               {"发布", 12, "发布"},
                                               {"ctoc", 14, "CTOC"},
                                               {"cop", 15, "COP"},
                                               {"wg", 16, "WG"},
                                               {"7", 17, "7"},
                                               {"2018", 18, "2018"},
                                               {"2", 19, "2"},
                                               {"号", 20, "号"},
                                               {"文件", 21, "文件"}}));
}

TEST(AnalyzerTest, ChineseBigramsOverHanRuns) {
  AnalyzerOptions options;
  options.chinese_mode = ChineseMode::kBigrams;
  auto analyzer = NewAnalyzer(Language::kChinese, options);
  ASSERT_NE(analyzer, nullptr);
  // A run of four, a lone character between Latin words, full-width Latin folded by NFKC.
  const std::string text = "打击偷运，由UNODC和ＷＧ负责。";
  EXPECT_EQ(Tokenize(*analyzer, text), (Tokens{{"打击", 0, "打击"},
                                               {"击偷", 1, "击偷"},
                                               {"偷运", 2, "偷运"},
                                               {"由", 3, "由"},
                                               {"unodc", 4, "UNODC"},
                                               {"和", 5, "和"},
                                               {"wg", 6, "ＷＧ"},
                                               {"负责", 7, "负责"}}));
}

TEST(AnalyzerTest, StopWordsLeavePositionGaps) {
  auto analyzer = NewAnalyzer(Language::kEnglish);
  ASSERT_NE(analyzer, nullptr);
  EXPECT_EQ(Tokenize(*analyzer, "smuggling of the migrants"),
            (Tokens{{"smuggl", 0, "smuggling"}, {"migrant", 3, "migrants"}}));
}

// By default stop words are indexed, marked, stemmed like other words and without exact
// forms; removed, they leave their positions empty.
TEST(AnalyzerTest, StopWordsAreKeptAndMarkedByDefault) {
  auto english = NewAnalyzer(Language::kEnglish, AnalyzerOptions{});
  ASSERT_NE(english, nullptr);
  std::vector<Token> tokens;
  ASSERT_TRUE(english->Analyze("smuggling of the migrants", &tokens).ok());
  ASSERT_EQ(tokens.size(), 4u);
  const std::vector<std::string> terms = {"smuggl", "of", "the", "migrant"};
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    EXPECT_EQ(tokens[i].term, terms[i]);
    EXPECT_EQ(tokens[i].position, i);
    EXPECT_EQ(tokens[i].stop_word, i == 1 || i == 2) << i;
  }
  auto french = NewAnalyzer(Language::kFrench, AnalyzerOptions{});
  ASSERT_NE(french, nullptr);
  ASSERT_TRUE(french->Analyze("des États", &tokens).ok());
  ASSERT_EQ(tokens.size(), 3u);  // No exact form for the stop word "des".
  EXPECT_TRUE(tokens[0].stop_word);
  EXPECT_EQ(tokens[1].term, "état");
  EXPECT_EQ(tokens[2].term, std::string(1, kExactFormMarker) + "états");
  EXPECT_FALSE(tokens[2].stop_word);
  AnalyzerOptions removed;
  removed.remove_stop_words = true;
  english = NewAnalyzer(Language::kEnglish, removed);
  ASSERT_NE(english, nullptr);
  EXPECT_EQ(Tokenize(*english, "smuggling of the migrants"),
            (Tokens{{"smuggl", 0, "smuggling"}, {"migrant", 3, "migrants"}}));
}

TEST(AnalyzerTest, OptionsKeepStopWordsAndSkipStemming) {
  AnalyzerOptions options;
  options.remove_stop_words = false;
  options.stem = false;
  auto analyzer = NewAnalyzer(Language::kEnglish, options);
  ASSERT_NE(analyzer, nullptr);
  EXPECT_EQ(Terms(*analyzer, "Smuggling of the Migrants"),
            (std::vector<std::string>{"smuggling", "of", "the", "migrants"}));
}

TEST(AnalyzerTest, NfkcCaseFoldingOfNonAsciiWords) {
  AnalyzerOptions options;
  options.stem = false;
  auto analyzer = NewAnalyzer(Language::kFrench, options);
  ASSERT_NE(analyzer, nullptr);
  // Upper-case accented letters, a ligature, full-width letters, a decomposed é.
  EXPECT_EQ(Terms(*analyzer, "ÉTATS ﬁnances ＯＮＵ e\u0301lu"),
            (std::vector<std::string>{"\u00e9tats", "finances", "onu", "\u00e9lu"}));
}

TEST(AnalyzerTest, EmptyAndPunctuationOnlyTextGiveNoTokens) {
  for (Language language : AllLanguages()) {
    auto analyzer = NewAnalyzer(language);
    ASSERT_NE(analyzer, nullptr);
    std::vector<Token> tokens = {Token{"stale", 0, 0, 0}};
    ASSERT_TRUE(analyzer->Analyze("", &tokens).ok());
    EXPECT_TRUE(tokens.empty());
    ASSERT_TRUE(analyzer->Analyze(" ,.;:!?()-- \n\t«»。、", &tokens).ok());
    EXPECT_TRUE(tokens.empty()) << LanguageCode(language);
  }
}

TEST(AnalyzerTest, InvalidUtf8NamesTheByteOffset) {
  for (Language language : AllLanguages()) {
    auto analyzer = NewAnalyzer(language);
    ASSERT_NE(analyzer, nullptr);
    std::vector<Token> tokens = {Token{"stale", 0, 0, 0}};
    Status status = analyzer->Analyze(std::string("good words \xC3\x28 here"), &tokens);
    EXPECT_TRUE(status.IsInvalidArgument());
    EXPECT_NE(status.message().find("byte offset 11"), std::string::npos) << status.message();
    EXPECT_TRUE(tokens.empty());
  }
}

// A stemmed word whose stem differs from it also yields its exact form at the same
// position, in the languages the options name; the default names ar, fr, ru, es.
TEST(AnalyzerTest, ExactFormsFollowTheirStemsInTheLanguagesNamed) {
  auto french = NewAnalyzer(Language::kFrench, AnalyzerOptions{});
  ASSERT_NE(french, nullptr);
  std::vector<Token> tokens;
  ASSERT_TRUE(french->Analyze("États étatiques", &tokens).ok());
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[0].term, "état");
  EXPECT_EQ(tokens[1].term, std::string(1, kExactFormMarker) + "états");
  EXPECT_EQ(tokens[1].position, tokens[0].position);
  EXPECT_EQ(tokens[1].start, tokens[0].start);
  EXPECT_EQ(tokens[1].end, tokens[0].end);
  EXPECT_EQ(tokens[2].term, "état");
  EXPECT_EQ(tokens[3].term, std::string(1, kExactFormMarker) + "étatiques");
  // A word that is its own stem has no exact form.
  EXPECT_EQ(Terms(*french, "droit"), (std::vector<std::string>{"droit"}));
  // English is not in the default; named, it is.
  auto english = NewAnalyzer(Language::kEnglish, AnalyzerOptions{});
  ASSERT_NE(english, nullptr);
  EXPECT_EQ(Terms(*english, "states"), (std::vector<std::string>{"state"}));
  AnalyzerOptions options;
  options.exact_forms = LanguageBit(Language::kEnglish);
  english = NewAnalyzer(Language::kEnglish, options);
  ASSERT_NE(english, nullptr);
  EXPECT_EQ(Terms(*english, "states"), (std::vector<std::string>{"state", "=states"}));
  // Without stemming there is nothing to add.
  options.stem = false;
  english = NewAnalyzer(Language::kEnglish, options);
  ASSERT_NE(english, nullptr);
  EXPECT_EQ(Terms(*english, "states"), (std::vector<std::string>{"states"}));
}

TEST(AnalyzerTest, ChineseDefaultsToBigrams) {
  EXPECT_EQ(AnalyzerOptions().chinese_mode, ChineseMode::kBigrams);
  auto analyzer = NewAnalyzer(Language::kChinese);
  ASSERT_NE(analyzer, nullptr);
  EXPECT_EQ(Terms(*analyzer, "人权宣言"), (std::vector<std::string>{"人权", "权宣", "宣言"}));
}

TEST(AnalyzerTest, ReportsLanguageAndOptions) {
  AnalyzerOptions options;
  options.chinese_mode = ChineseMode::kBigrams;
  auto analyzer = NewAnalyzer(Language::kChinese, options);
  ASSERT_NE(analyzer, nullptr);
  EXPECT_EQ(analyzer->language(), Language::kChinese);
  EXPECT_EQ(analyzer->options().chinese_mode, ChineseMode::kBigrams);
}

TEST(AnalyzerTest, ReusedAnalyzerGivesTheSameTokens) {
  auto analyzer = NewAnalyzer(Language::kEnglish);
  ASSERT_NE(analyzer, nullptr);
  const std::string text = "Migrant smuggling networks adapt; smuggling routes shift.";
  Result<std::vector<Token>> first = analyzer->Analyze(text);
  Result<std::vector<Token>> second = analyzer->Analyze(text);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(*first, *second);
  EXPECT_EQ(first->size(), 7u);
}

TEST(AnalyzerTest, WordsOverTheTokenLimitKeepTheirPositionButAreNotIndexed) {
  auto analyzer = NewAnalyzer(Language::kEnglish);
  ASSERT_NE(analyzer, nullptr);
  const std::string longest(kMaxTokenBytes, 'x');
  const std::string one_megabyte(std::size_t{1} << 20, 'y');
  const std::string text = "borders " + longest + " " + longest + "z " + one_megabyte + " boats";
  Result<std::vector<Token>> tokens = analyzer->Analyze(text);
  ASSERT_TRUE(tokens.ok()) << tokens.status().ToString();
  ASSERT_EQ(tokens->size(), 3u);
  EXPECT_EQ((*tokens)[0], (Token{"border", 0, 0, 7}));
  EXPECT_EQ((*tokens)[1].term, longest);  // At the limit: still a term.
  EXPECT_EQ((*tokens)[1].position, 1u);
  const auto boats = static_cast<std::uint32_t>(text.size() - 5);
  EXPECT_EQ((*tokens)[2], (Token{"boat", 4, boats, boats + 5}));
  // Analysing it again (the memo table now warm) gives the same.
  EXPECT_EQ(analyzer->Analyze(text).value(), *tokens);
}

TEST(AnalyzerTest, FullWidthWordsAreMeasuredAfterNormalisation) {
  auto analyzer = NewAnalyzer(Language::kEnglish);
  ASSERT_NE(analyzer, nullptr);
  // 100 full-width letters: 300 bytes as written, 100 once NFKC folds them to ASCII.
  std::string full_width;
  for (int i = 0; i < 100; ++i) full_width += "\uFF41";
  EXPECT_EQ(Terms(*analyzer, full_width), std::vector<std::string>{std::string(100, 'a')});
}

}  // namespace
}  // namespace hexaglot
