#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "hexaglot/analyzer.h"
#include "test_data.h"

namespace hexaglot {
namespace {

std::optional<Language> Detect(std::string_view text) {
  Result<DetectedLanguage> detected = DetectLanguage(text);
  EXPECT_TRUE(detected.ok()) << detected.status().ToString();
  return detected.ok() ? detected->language : std::nullopt;
}

// Sentences written for this test, not UN text.
TEST(LanguageDetectorTest, DecidesByScript) {
  EXPECT_EQ(Detect("مكافحة تهريب المهاجرين عن طريق البر والبحر"), Language::kArabic);
  EXPECT_EQ(Detect("打击陆、海、空偷运移民"), Language::kChinese);
  EXPECT_EQ(Detect("борьба с незаконным ввозом мигрантов"), Language::kRussian);
}

TEST(LanguageDetectorTest, HanOutweighsEmbeddedLatinAcronyms) {
  EXPECT_EQ(Detect("联合国毒品和犯罪问题办公室（UNODC）的报告"), Language::kChinese);
  EXPECT_EQ(Detect("доклад УНП ООН (UNODC) о мигрантах"), Language::kRussian);
}

TEST(LanguageDetectorTest, SeparatesLatinLanguagesByCues) {
  EXPECT_EQ(Detect("the smuggling of migrants by sea"), Language::kEnglish);
  EXPECT_EQ(Detect("le trafic illicite de migrants par mer"), Language::kFrench);
  EXPECT_EQ(Detect("el tráfico ilícito de migrantes por mar"), Language::kSpanish);
  EXPECT_EQ(Detect("l’enquête"), Language::kFrench);     // Elision alone.
  EXPECT_EQ(Detect("¿migración?"), Language::kSpanish);  // Inverted question mark.
  EXPECT_EQ(Detect("coopération judiciaire"), Language::kFrench);
  EXPECT_EQ(Detect("cooperación judicial"), Language::kSpanish);
}

// Short texts written for this test, each with exactly one cue beside words that carry
// none ("hawala", "migrants", "2030"), so that each row fails alone when its cue breaks.
TEST(LanguageDetectorTest, EachLatinCueDecidesAlone) {
  struct Row {
    std::string_view text;
    Language expected;
    std::string_view cue;
  };
  const Row rows[] = {
      {"the hawala", Language::kEnglish, "word the"},
      {"hawala of 2030", Language::kEnglish, "word of"},
      {"hawala and migrants", Language::kEnglish, "word and"},
      {"shall hawala", Language::kEnglish, "word shall"},
      {"hawala without migrants", Language::kEnglish, "word without"},
      {"les hawala", Language::kFrench, "word les"},
      {"hawala dans 2030", Language::kFrench, "word dans"},
      {"hawala pour migrants", Language::kFrench, "word pour"},
      {"hawala avec migrants", Language::kFrench, "word avec"},
      {"l'hawala", Language::kFrench, "elision l'"},
      {"qu’hawala", Language::kFrench, "elision qu’"},
      {"procès", Language::kFrench, "letter è"},
      {"enquête", Language::kFrench, "letter ê"},
      {"reçu", Language::kFrench, "letter ç"},
      {"œuvre", Language::kFrench, "letter œ"},
      {"sécurité", Language::kFrench, "letter é (French-leaning)"},
      {"los hawala", Language::kSpanish, "word los"},
      {"hawala del 2030", Language::kSpanish, "word del"},
      {"hawala para migrants", Language::kSpanish, "word para"},
      {"hawala sin migrants", Language::kSpanish, "word sin"},
      {"hawala y migrants", Language::kSpanish, "word y"},
      {"niño", Language::kSpanish, "letter ñ"},
      {"acción", Language::kSpanish, "letter ó"},
      {"países", Language::kSpanish, "letter í beside é"},
      {"según", Language::kSpanish, "letter ú"},
      {"¿hawala", Language::kSpanish, "mark ¿"},
      {"¡hawala", Language::kSpanish, "mark ¡"},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(Detect(row.text), row.expected) << row.text << " (" << row.cue << ")";
  }
}

TEST(LanguageDetectorTest, NoCueMeansUnknown) {
  for (std::string_view text :
       {"", "   ", "2018 - 2019", "CTOC/COP/WG.7/2018/2", "hawala", "…!?"}) {
    Result<DetectedLanguage> detected = DetectLanguage(text);
    ASSERT_TRUE(detected.ok());
    EXPECT_FALSE(detected->language.has_value()) << text;
    EXPECT_EQ(detected->confidence, 0.0) << text;
  }
}

TEST(LanguageDetectorTest, TieBetweenFrenchAndSpanishIsUnknown) {
  // "de la" is shared by French and Spanish and says nothing more.
  Result<DetectedLanguage> detected = DetectLanguage("de la");
  ASSERT_TRUE(detected.ok());
  EXPECT_FALSE(detected->language.has_value());
}

TEST(LanguageDetectorTest, ConfidenceGrowsWithEvidence) {
  const double one = DetectLanguage("the migrants")->confidence;
  const double many = DetectLanguage(
                          "the smuggling of migrants is a crime that is "
                          "committed by networks with links to the sea")
                          ->confidence;
  EXPECT_GT(one, 0.0);
  EXPECT_LT(one, many);
  EXPECT_LE(many, 1.0);
  EXPECT_NEAR(DetectLanguage("смуглинг")->confidence, 1.0, 1e-9);
}

TEST(LanguageDetectorTest, InvalidUtf8NamesTheOffset) {
  Result<DetectedLanguage> detected = DetectLanguage("the \xC3 migrants");
  ASSERT_FALSE(detected.ok());
  EXPECT_TRUE(detected.status().IsInvalidArgument());
  EXPECT_EQ(detected.status().message(), "invalid UTF-8 at byte offset 4");
}

// Accuracy on real text: every UDHR article must be right for ar, zh, ru, and at least 95%
// of UDHR paragraphs for en, fr, es.
TEST(LanguageDetectorTest, UdhrArticlesByScript) {
  HEXAGLOT_SHARED_DATA_OR_SKIP(path, "udhr/udhr_articles.jsonl");
  std::ifstream in(path);
  int checked = 0;
  for (std::string line; std::getline(in, line);) {
    const auto record = nlohmann::json::parse(line);
    const std::string lang = record.at("lang");
    if (lang != "ar" && lang != "zh" && lang != "ru") continue;
    const std::string text = record.at("text");
    EXPECT_EQ(Detect(text), *ParseLanguage(lang)) << record.at("id");
    ++checked;
  }
  EXPECT_EQ(checked, 3 * 31);
}

TEST(LanguageDetectorTest, UdhrLatinParagraphs) {
  HEXAGLOT_SHARED_DATA_OR_SKIP(path, "udhr/udhr_paragraphs.jsonl");
  std::ifstream in(path);
  std::map<std::string, std::pair<int, int>> right_and_total;
  for (std::string line; std::getline(in, line);) {
    const auto record = nlohmann::json::parse(line);
    const std::string lang = record.at("lang");
    if (lang != "en" && lang != "fr" && lang != "es") continue;
    const std::string text = record.at("text");
    const bool right = Detect(text) == *ParseLanguage(lang);
    if (!right) std::cout << "missed " << record.at("id") << ": " << text << '\n';
    right_and_total[lang].first += right ? 1 : 0;
    right_and_total[lang].second += 1;
  }
  ASSERT_EQ(right_and_total.size(), 3U);
  for (const auto& [lang, counts] : right_and_total) {
    const double accuracy = static_cast<double>(counts.first) / counts.second;
    std::cout << lang << ": " << counts.first << "/" << counts.second << " right\n";
    EXPECT_GE(accuracy, 0.95) << lang;
  }
}

}  // namespace
}  // namespace hexaglot
