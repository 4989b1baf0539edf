// UDHR article 1 (../shared/data/udhr, a UN/OHCHR text) in the six languages: the full
// term lists, and offsets that slice back to the original words.

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analyzer_test_util.h"
#include "hexaglot/analyzer.h"
#include "test_data.h"

namespace hexaglot {
namespace {

using testing::ExpectedToken;
using testing::NewAnalyzer;
using testing::Tokenize;
using Tokens = std::vector<ExpectedToken>;

// Article 1's text per language code.
std::map<std::string, std::string> ReadArticleOne(const std::filesystem::path& path) {
  std::map<std::string, std::string> texts;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    nlohmann::json record = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (record.is_discarded() || record.value("article", -1) != 1) continue;
    texts[record.value("lang", "")] = record.value("text", "");
  }
  return texts;
}

class UdhrArticleOneTest : public ::testing::Test {
 protected:
  void SetUp() override {
    HEXAGLOT_SHARED_DATA_OR_SKIP(path, "udhr/udhr_articles.jsonl");
    texts_ = ReadArticleOne(path);
    ASSERT_EQ(texts_.size(), 6u);
  }

  std::map<std::string, std::string> texts_;
};

TEST_F(UdhrArticleOneTest, Arabic) {
  auto analyzer = NewAnalyzer(Language::kArabic);
  ASSERT_NE(analyzer, nullptr);
  EXPECT_EQ(Tokenize(*analyzer, texts_["ar"]), (Tokens{{"يولد", 0, "يولد"},
                                                       {"ناس", 2, "الناس"},
                                                       {"احرار", 3, "أحرارًا"},
                                                       {"متساو", 4, "متساوين"},
                                                       {"كرامه", 6, "الكرامة"},
                                                       {"والحقوق", 7, "والحقوق"},
                                                       {"وقد", 8, "وقد"},
                                                       {"وهب", 9, "وهبوا"},
                                                       {"عقل", 10, "عقلاً"},
                                                       {"ضمير", 11, "وضميرًا"},
                                                       {"وعل", 12, "وعليهم"},
                                                       {"يعامل", 14, "يعامل"},
                                                       {"بعض", 15, "بعضهم"},
                                                       {"بعض", 16, "بعضًا"},
                                                       {"روح", 17, "بروح"},
                                                       {"اخاء", 18, "الإخاء"}}));
}

TEST_F(UdhrArticleOneTest, ChineseWords) {
  AnalyzerOptions options;
  options.chinese_mode = ChineseMode::kWords;
  options.remove_stop_words = true;
  auto analyzer = NewAnalyzer(Language::kChinese, options);
  ASSERT_NE(analyzer, nullptr);
  EXPECT_EQ(Tokenize(*analyzer, texts_["zh"]), (Tokens{{"人", 0, "人"},
                                                       {"人生", 1, "人生"},
                                                       {"自由", 3, "自由"},
                                                       {"尊严", 5, "尊严"},
                                                       {"权利", 7, "权利"},
                                                       {"上", 8, "上"},
                                                       {"一律", 9, "一律"},
                                                       {"平等", 10, "平等"},
                                                       {"他们", 11, "他们"},
                                                       {"赋", 12, "赋"},
                                                       {"有", 13, "有"},
                                                       {"理性", 14, "理性"},
                                                       {"良心", 16, "良心"},
                                                       {"应", 18, "应"},
                                                       {"兄弟", 20, "兄弟"},
                                                       {"关系", 21, "关系"},
                                                       {"精神", 23, "精神"},
                                                       {"相", 24, "相"},
                                                       {"对待", 25, "对待"}}));
}

TEST_F(UdhrArticleOneTest, ChineseBigrams) {
  AnalyzerOptions options;
  options.chinese_mode = ChineseMode::kBigrams;
  auto analyzer = NewAnalyzer(Language::kChinese, options);
  ASSERT_NE(analyzer, nullptr);
  std::vector<std::string> terms;
  std::vector<std::uint32_t> positions;
  for (const ExpectedToken& token : Tokenize(*analyzer, texts_["zh"])) {
    EXPECT_EQ(token.term, token.surface);
    terms.push_back(token.term);
    positions.push_back(token.position);
  }
  EXPECT_EQ(terms, (std::vector<std::string>{
                       "人人", "人生", "生而", "而自", "自由", "在尊", "尊严", "严和", "和权",
                       "权利", "利上", "上一", "一律", "律平", "平等", "他们", "们赋", "赋有",
                       "有理", "理性", "性和", "和良", "良心", "并应", "应以", "以兄", "兄弟",
                       "弟关", "关系", "系的", "的精", "精神", "神相", "相对", "对待"}));
  for (std::size_t i = 0; i < positions.size(); ++i) EXPECT_EQ(positions[i], i);
}

TEST_F(UdhrArticleOneTest, English) {
  auto analyzer = NewAnalyzer(Language::kEnglish);
  ASSERT_NE(analyzer, nullptr);
  EXPECT_EQ(Tokenize(*analyzer, texts_["en"]), (Tokens{{"human", 1, "human"},
                                                       {"be", 2, "beings"},
                                                       {"born", 4, "born"},
                                                       {"free", 5, "free"},
                                                       {"equal", 7, "equal"},
                                                       {"digniti", 9, "dignity"},
                                                       {"right", 11, "rights"},
                                                       {"endow", 14, "endowed"},
                                                       {"reason", 16, "reason"},
                                                       {"conscienc", 18, "conscience"},
                                                       {"act", 21, "act"},
                                                       {"toward", 22, "towards"},
                                                       {"one", 23, "one"},
                                                       {"anoth", 24, "another"},
                                                       {"spirit", 27, "spirit"},
                                                       {"brotherhood", 29, "brotherhood"}}));
}

TEST_F(UdhrArticleOneTest, French) {
  auto analyzer = NewAnalyzer(Language::kFrench);
  ASSERT_NE(analyzer, nullptr);
  EXPECT_EQ(Tokenize(*analyzer, texts_["fr"]), (Tokens{{"tous", 0, "Tous"},
                                                       {"être", 2, "êtres"},
                                                       {"humain", 3, "humains"},
                                                       {"naissent", 4, "naissent"},
                                                       {"libr", 5, "libres"},
                                                       {"égal", 7, "égaux"},
                                                       {"dignit", 9, "dignité"},
                                                       {"droit", 12, "droits"},
                                                       {"dou", 15, "doués"},
                                                       {"raison", 17, "raison"},
                                                       {"conscienc", 20, "conscience"},
                                                       {"doivent", 22, "doivent"},
                                                       {"agir", 23, "agir"},
                                                       {"un", 25, "uns"},
                                                       {"enver", 26, "envers"},
                                                       {"autr", 28, "autres"},
                                                       {"esprit", 31, "esprit"},
                                                       {"fratern", 33, "fraternité"}}));
}

TEST_F(UdhrArticleOneTest, Russian) {
  auto analyzer = NewAnalyzer(Language::kRussian);
  ASSERT_NE(analyzer, nullptr);
  EXPECT_EQ(Tokenize(*analyzer, texts_["ru"]), (Tokens{{"люд", 1, "люди"},
                                                       {"рожда", 2, "рождаются"},
                                                       {"свободн", 3, "свободными"},
                                                       {"равн", 5, "равными"},
                                                       {"сво", 7, "своем"},
                                                       {"достоинств", 8, "достоинстве"},
                                                       {"прав", 10, "правах"},
                                                       {"надел", 12, "наделены"},
                                                       {"разум", 13, "разумом"},
                                                       {"совест", 15, "совестью"},
                                                       {"должн", 17, "должны"},
                                                       {"поступа", 18, "поступать"},
                                                       {"отношен", 20, "отношении"},
                                                       {"друг", 21, "друг"},
                                                       {"друг", 22, "друга"},
                                                       {"дух", 24, "духе"},
                                                       {"братств", 25, "братства"}}));
}

TEST_F(UdhrArticleOneTest, Spanish) {
  auto analyzer = NewAnalyzer(Language::kSpanish);
  ASSERT_NE(analyzer, nullptr);
  EXPECT_EQ(Tokenize(*analyzer, texts_["es"]), (Tokens{{"ser", 2, "seres"},
                                                       {"human", 3, "humanos"},
                                                       {"nac", 4, "nacen"},
                                                       {"libr", 5, "libres"},
                                                       {"igual", 7, "iguales"},
                                                       {"dignid", 9, "dignidad"},
                                                       {"derech", 11, "derechos"},
                                                       {"dot", 13, "dotados"},
                                                       {"razon", 17, "razón"},
                                                       {"concienci", 19, "conciencia"},
                                                       {"deb", 20, "deben"},
                                                       {"comport", 21, "comportarse"},
                                                       {"fraternal", 22, "fraternalmente"}}));
}

}  // namespace
}  // namespace hexaglot
