// The same resolution in the six languages must parse to the same paragraphs. The
// documents (tests/ingest/testdata/un/, see its README) were written for these tests in
// the structure of a General Assembly resolution; they are not UN text.

#include <gtest/gtest.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <string>
#include <vector>

#include "hexaglot/ingest.h"
#include "test_data.h"
#include "util/file.h"
#include "util/utf8.h"

namespace hexaglot {
namespace {

struct Version {
  Language language;
  const char* code;
  // What the front matter or heading block says, which no record may hold.
  std::vector<std::string> heading;
};

const Version kVersions[] = {
    {Language::kEnglish,
     "en",
     {"Distr.", "Agenda item", "Resolution adopted", "plenary meeting", "Declaration on",
      "General principles", "Follow-up", "written for"}},
    {Language::kFrench,
     "fr",
     {"Distr.", "Point 74", "Résolution adoptée", "séance plénière", "Déclaration sur",
      "Principes généraux", "Suivi"}},
    {Language::kSpanish,
     "es",
     {"Distr.", "Tema 74", "Resolución aprobada", "sesión plenaria", "Declaración sobre",
      "Principios generales", "Seguimiento"}},
    {Language::kRussian,
     "ru",
     {"Distr.", "Пункт 74", "Резолюция, принятая", "пленарное заседание", "Декларация о",
      "Общие принципы", "Последующая деятельность"}},
    {Language::kArabic,
     "ar",
     {"Distr.", "البند 74", "قرار اتخذته", "الجلسة العامة", "إعلان بشأن", "المبادئ العامة",
      "المتابعة", "A/RES/99/7"}},
    {Language::kChinese,
     "zh",
     {"Distr.", "议程项目", "大会决议", "全体会议", "合作的宣言", "一般原则", "后续行动",
      "A/RES/99/7"}},
};

Result<ParseResult> ParseVersion(const Version& version) {
  return ParseFile(testing::SourcePath(std::string("tests/ingest/testdata/un/A_RES_99_7.") +
                                       version.code + ".md")
                       .string());
}

// The ASCII numbers of `text`, sorted: the same in every language when no footnote
// marker is left and no number of the text was taken for one.
std::vector<std::string> Numbers(const std::string& text) {
  std::vector<std::string> numbers;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] < '0' || text[i] > '9') {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    numbers.push_back(text.substr(start, i - start));
  }
  std::sort(numbers.begin(), numbers.end());
  return numbers;
}

// A digit right after a letter of an alphabet (not a Chinese character: "第12条") or
// after clause punctuation: a footnote marker left glued ("Court,1", "права4", "报告；2").
bool HasGluedDigit(const std::string& text) {
  const std::u32string chars = utf8::DecodeAll(text);
  for (std::size_t i = 1; i < chars.size(); ++i) {
    if (chars[i] < U'0' || chars[i] > U'9') continue;
    const char32_t before = chars[i - 1];
    const bool letter = u_isalpha(static_cast<UChar32>(before)) && before < 0x2E80;
    if (letter || std::u32string_view(U",;:\uFF0C\uFF1B\u060C\u061B\u3002").find(before) !=
                      std::u32string_view::npos) {
      return true;
    }
  }
  return false;
}

TEST(UnDocumentLanguagesTest, EveryVersionGivesTheEnglishNumbersKeysAndSymbols) {
  Result<ParseResult> english = ParseVersion(kVersions[0]);
  ASSERT_TRUE(english.ok()) << english.status().ToString();
  const std::vector<std::string> numbers = {"pp1", "pp2", "pp3",     "1",       "2",
                                            "3",   "4",   "annex/1", "annex/2", "annex/3"};
  ASSERT_EQ(english->paragraphs.size(), numbers.size());
  for (const Version& version : kVersions) {
    SCOPED_TRACE(version.code);
    Result<ParseResult> result = ParseVersion(version);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_TRUE(result->warnings.empty()) << result->warnings[0].ToString();
    ASSERT_EQ(result->paragraphs.size(), numbers.size());
    for (std::size_t i = 0; i < numbers.size(); ++i) {
      const Paragraph& p = result->paragraphs[i];
      const Paragraph& en = english->paragraphs[i];
      EXPECT_EQ(p.number, numbers[i]);
      EXPECT_EQ(p.parallel, "A/RES/99/7/" + numbers[i]);
      EXPECT_EQ(p.id, std::string("A/RES/99/7/") + version.code + "/" + numbers[i]);
      EXPECT_EQ(p.doc, "A/RES/99/7");
      EXPECT_EQ(p.lang, version.language);
      EXPECT_EQ(p.year, 2031);
      EXPECT_TRUE(p.section.has_value() && !p.section->empty());
      EXPECT_EQ(p.symbols, en.symbols) << p.id;
      EXPECT_EQ(Numbers(p.text), Numbers(en.text)) << p.id << ": " << p.text;
    }
  }
}

TEST(UnDocumentLanguagesTest, NoHeadingFootnoteOrGluedMarkerInAnyRecord) {
  for (const Version& version : kVersions) {
    SCOPED_TRACE(version.code);
    Result<ParseResult> result = ParseVersion(version);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    for (const Paragraph& p : result->paragraphs) {
      EXPECT_FALSE(HasGluedDigit(p.text)) << p.id << ": " << p.text;
      for (const std::string& heading : version.heading) {
        EXPECT_EQ(p.text.find(heading), std::string::npos) << p.id << " has " << heading;
      }
      for (const char* footnote : {"[^", "9999", "---"}) {
        EXPECT_EQ(p.text.find(footnote), std::string::npos) << p.id << " has " << footnote;
      }
    }
  }
}

TEST(UnDocumentLanguagesTest, PageBreaksAndSubParagraphsJoinTheirParagraph) {
  // The third preambular paragraph is broken by a page mid-sentence, before a capital
  // letter where the script has case; the second operative paragraph holds (a) and (b).
  const std::vector<std::pair<std::string, std::string>> joins = {
      {"the United Nations and the International Test Court, and", "(b) By providing"},
      {"Nations Unies et la Cour internationale", "b) En fournissant"},
      {"Naciones Unidas y la Corte Internacional", "b) Proporcionando"},
      {"Объединенных Наций и Международным", "б) путем предоставления"},
      {"الأمم المتحدة والمحكمة الدولية", "(ب) بتقديم"},
      {"联合国与国际测试法院之间", "(b) 根据"},
  };
  for (std::size_t i = 0; i < joins.size(); ++i) {
    SCOPED_TRACE(kVersions[i].code);
    Result<ParseResult> result = ParseVersion(kVersions[i]);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    ASSERT_EQ(result->paragraphs.size(), 10u);
    EXPECT_NE(result->paragraphs[2].text.find(joins[i].first), std::string::npos)
        << result->paragraphs[2].text;
    EXPECT_NE(result->paragraphs[4].text.find(joins[i].second), std::string::npos)
        << result->paragraphs[4].text;
  }
}

TEST(UnDocumentLanguagesTest, DetectedAsUnDocumentsInTheirLanguage) {
  for (const Version& version : kVersions) {
    SCOPED_TRACE(version.code);
    const std::string path =
        testing::SourcePath(std::string("tests/ingest/testdata/un/A_RES_99_7.") + version.code +
                            ".md")
            .string();
    Result<std::string> text = ReadFileToString(path);
    ASSERT_TRUE(text.ok());
    EXPECT_EQ(DetectInputFormat(*text, path), InputFormat::kUnDocument);
    // Without front matter (Arabic, Chinese) the symbol and date come from the heading.
    Result<ParseResult> result = ParseVersion(version);
    ASSERT_TRUE(result.ok());
    ASSERT_FALSE(result->paragraphs.empty());
    EXPECT_EQ(result->paragraphs[0].lang, version.language);
  }
}

TEST(UnDocumentLanguagesTest, ArabicIndicAndFullWidthNumbersAreFolded) {
  ParseOptions arabic;
  arabic.language = Language::kArabic;
  Result<ParseResult> result = ParseUnDocument(
      "إن الجمعية العامة،\n\nإذ تشير إلى قرارها ٩٨/٧،\n\n١ - ترحب بالتقرير؛\n\n"
      "٢- تقرر أن تبقي المسألة قيد نظرها.\n",
      "ar.md", arabic);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result->paragraphs.size(), 3u);
  EXPECT_EQ(result->paragraphs[0].text, "إذ تشير إلى قرارها 98/7،");
  EXPECT_EQ(result->paragraphs[1].number, "1");
  EXPECT_EQ(result->paragraphs[2].number, "2");

  ParseOptions chinese;
  chinese.language = Language::kChinese;
  result = ParseUnDocument(
      "大会，\n\n回顾其决议，\n\n１．欢迎报告；\n\n2．决定继续处理这个问题。\n", "zh.md", chinese);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result->paragraphs.size(), 3u);
  EXPECT_EQ(result->paragraphs[1].number, "1");
  EXPECT_EQ(result->paragraphs[1].text, "欢迎报告；");
  EXPECT_EQ(result->paragraphs[2].number, "2");
  EXPECT_TRUE(result->warnings.empty());
}

TEST(UnDocumentLanguagesTest, EveryTruncationOfEveryVersionParsesWithoutACrash) {
  for (const Version& version : kVersions) {
    SCOPED_TRACE(version.code);
    Result<std::string> text =
        ReadFileToString(testing::SourcePath(std::string("tests/ingest/testdata/un/A_RES_99_7.") +
                                             version.code + ".md")
                             .string());
    ASSERT_TRUE(text.ok());
    ParseOptions options;
    options.language = version.language;
    for (std::size_t length = 0; length <= text->size(); ++length) {
      Result<ParseResult> result =
          ParseUnDocument(std::string_view(*text).substr(0, length), "cut.md", options);
      if (!result.ok()) {  // Only a cut inside a multi-byte character.
        EXPECT_TRUE(result.status().message().starts_with("cut.md: invalid UTF-8")) << length;
        continue;
      }
      for (const Paragraph& p : result->paragraphs) EXPECT_FALSE(p.text.empty()) << length;
    }
  }
}

}  // namespace
}  // namespace hexaglot
