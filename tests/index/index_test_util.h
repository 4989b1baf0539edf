// Shared helpers of the index tests: small hand-written multilingual paragraphs (not UN
// text) and scratch folders.

#ifndef HEXAGLOT_TESTS_INDEX_INDEX_TEST_UTIL_H_
#define HEXAGLOT_TESTS_INDEX_INDEX_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "hexaglot/ingest.h"

namespace hexaglot::testing {

// A paragraph with its derived fields filled in as the ingestion does.
inline Paragraph MakeParagraph(const std::string& doc, Language lang, int number,
                               const std::string& text,
                               std::optional<std::string> theme = std::nullopt,
                               std::vector<std::string> topics = {},
                               std::vector<std::string> symbols = {},
                               std::optional<int> year = std::nullopt) {
  Paragraph p;
  p.doc = doc;
  p.lang = lang;
  p.number = std::to_string(number);
  p.id = doc + "/" + std::string(LanguageCode(lang)) + "/" + p.number;
  p.parallel = doc + "/" + p.number;
  p.section = "I. Test";
  p.theme = std::move(theme);
  p.topics = std::move(topics);
  p.symbols = std::move(symbols);
  p.year = year;
  if (year) p.paper = "TEST/PAPER/" + std::to_string(*year);
  p.text = text;
  p.source = doc + ".md";
  p.line = static_cast<std::uint32_t>(number * 2);
  p.hash = ContentHash(p);
  return p;
}

// Twelve paragraphs in English, French and Russian: four of each, the same four numbers
// in every language (parallel versions of one made-up document "TEST/1").
inline std::vector<Paragraph> SmallCorpus() {
  std::vector<Paragraph> corpus;
  const char* en[] = {"Migrants crossing the border were rescued at sea by the coast guard.",
                      "The working group discussed cooperation between border authorities.",
                      "Smugglers often use forged documents to move people across borders.",
                      "States should protect the rights of smuggled migrants at all times."};
  const char* fr[] = {
      "Les migrants qui traversaient la frontière ont été secourus en mer.",
      "Le groupe de travail a examiné la coopération entre les autorités frontalières.",
      "Les passeurs utilisent souvent de faux documents pour déplacer des personnes.",
      "Les États devraient protéger les droits des migrants objet d'un trafic."};
  const char* ru[] = {"Мигранты, пересекавшие границу, были спасены в море береговой охраной.",
                      "Рабочая группа обсудила сотрудничество между пограничными органами.",
                      "Контрабандисты часто используют поддельные документы для перемещения людей.",
                      "Государства должны защищать права незаконно ввезенных мигрантов."};
  const struct {
    Language lang;
    const char** texts;
    const char* theme;
  } versions[] = {{Language::kEnglish, en, "Border management"},
                  {Language::kFrench, fr, "Gestion des frontières"},
                  {Language::kRussian, ru, "Управление границами"}};
  for (const auto& version : versions) {
    for (int i = 0; i < 4; ++i) {
      corpus.push_back(MakeParagraph("TEST/1", version.lang, i + 1, version.texts[i], version.theme,
                                     {"Rescue at sea", "Cooperation"}, {"CTOC/COP/WG.7/2019/2"},
                                     2019 + i % 2));
    }
  }
  return corpus;
}

// `count` English paragraphs with distinct ids "<prefix>-<i>" and varied words.
inline std::vector<Paragraph> GeneratedParagraphs(const std::string& prefix, int count) {
  static const char* words[] = {"border", "migrant", "smuggling", "sea",      "rescue",
                                "court",  "visa",    "document",  "police",   "network",
                                "route",  "boat",    "transit",   "evidence", "victim"};
  std::vector<Paragraph> out;
  for (int i = 0; i < count; ++i) {
    std::string text;
    for (int w = 0; w < 12; ++w) {
      if (w > 0) text += ' ';
      text += words[(i * 7 + w * 3 + w * w) % 15];
    }
    Paragraph p =
        MakeParagraph(prefix, Language::kEnglish, i + 1, text + " item " + std::to_string(i));
    out.push_back(std::move(p));
  }
  return out;
}

// A fresh folder under the test temp dir, removed at the end of the test.
class ScratchFolder {
 public:
  // Under `base`, or the test temp dir when empty.
  explicit ScratchFolder(const std::string& tag, const std::string& base = {}) {
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string("index_test_") + info->test_suite_name() + "_" + info->name() +
                       "_" + tag + "_" + std::to_string(::getpid());
    for (char& c : name) {
      if (c == '/') c = '_';
    }
    path_ = std::filesystem::path(base.empty() ? ::testing::TempDir() : base) / name;
    std::error_code error;
    std::filesystem::remove_all(path_, error);
  }
  ~ScratchFolder() {
    std::error_code error;
    std::filesystem::remove_all(path_, error);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace hexaglot::testing

#endif  // HEXAGLOT_TESTS_INDEX_INDEX_TEST_UTIL_H_
