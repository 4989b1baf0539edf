// The same compendium fragment in the six languages must parse to the same structure.
// The fragments were written for these tests; they imitate the layout of UN language
// versions (translated headings and labels, Arabic-Indic digits, full-width punctuation,
// right-to-left marks, CRLF, a byte order mark) but are not UN text.

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "hexaglot/ingest.h"

namespace hexaglot {
namespace {

struct Fragment {
  Language language;
  const char* text;
  const char* sub_items;     // How paragraph 3 ends: its two sub-items.
  const char* continuation;  // Text after the page break, joined to paragraph 4.
};

const Fragment kFragments[] = {
    {Language::kEnglish, R"(# I. Introduction

1. The present note introduces the examples.

# II. Compendium of background papers

# Border examples

#### **Key topics**

Routes; border control; cooperation.

- 2. In 2016, for the third meeting of the Working Group, the Secretariat drafted a background paper on borders (CTOC/COP/WG.7/2016/2).
- 3. Examples include:
  - (a) Joint patrols;
  - (b) Shared databases.
- 4. The paper also considers the needs of

V.99-12345 2/3

- children travelling alone.

### Sea examples

# Key topics

Rescue at sea; cooperation.

5. Also in 2017, for the fourth meeting of the Working Group, the Secretariat drafted a paper on the sea (CTOC/COP/WG.7/2017/3).
)",
     "(a) Joint patrols; (b) Shared databases.", "needs of children travelling alone."},
    {Language::kFrench,
     "# I. Introduction\n\n"
     "1. La présente note présente les exemples.\n\n"
     "# II. Recueil des documents d’information\n\n"
     "# Exemples aux frontières\n\n"
     "#### **Thèmes clefs**\n\n"
     "Itinéraires\u00A0; contrôle des frontières\u202F; coopération.\n\n"
     "- 2. En 2016, pour la troisième réunion du Groupe de travail, le "
     "Secrétariat a établi un document d’information sur les frontières "
     "(CTOC/COP/WG.7/2016/2).\n"
     "- 3. Parmi les exemples figurent\u00A0:\n"
     "  - a) Les patrouilles conjointes\u00A0;\n"
     "  - b) Les bases de données partagées.\n"
     "- 4. Le document examine aussi les besoins des\n\n"
     "V.99-12346 2/3\n\n"
     "- enfants voyageant seuls.\n\n"
     "### Exemples en mer\n\n"
     "# Thèmes clés\n\n"
     "Sauvetage en mer\u00A0; coopération.\n\n"
     "5. Également en 2017, pour la quatrième réunion du Groupe de travail, "
     "le Secrétariat a établi un document sur la mer (CTOC/COP/WG.7/2017/3).\n",
     "a) Les patrouilles conjointes ; b) Les bases de données partagées.",
     "besoins des enfants voyageant seuls."},
    {Language::kSpanish,
     "# I. Introducción\n\n"
     "1. La presente nota presenta los ejemplos.\n\n"
     "# II. Compendio de documentos de antecedentes\n\n"
     "# Ejemplos de fronteras\n\n"
     "#### **Temas clave**\n\n"
     "Rutas; control de fronteras; cooperación.\n\n"
     "- 2. En 2016, para la tercera reunión del Grupo de Trabajo, la "
     "Secretaría redactó un documento de antecedentes sobre las fronteras "
     "(CTOC/COP/WG.7/2016/2).\n"
     "- 3. Entre los ejemplos cabe citar:\n"
     "  - a) Las patrullas conjuntas;\n"
     "  - b) Las bases de datos compartidas.\n"
     "- 4. El documento examina también las necesidades de los\n\n"
     "V.99-12347 2/3\n\n"
     "- niños que viajan solos.\n\n"
     "### Ejemplos en el mar\n\n"
     "# Temas clave\n\n"
     "Rescate en el mar; cooperación.\n\n"
     "5. También en 2017, para la cuarta reunión del Grupo de Trabajo, la "
     "Secretaría redactó un documento sobre el mar (CTOC/COP/WG.7/2017/3).\n",
     "a) Las patrullas conjuntas; b) Las bases de datos compartidas.",
     "necesidades de los niños que viajan solos."},
    {Language::kRussian,
     "# I. Введение\n\n"
     "1. В настоящей записке представлены примеры.\n\n"
     "# II. Сборник справочных документов\n\n"
     "# Примеры на границах\n\n"
     "#### **Ключевые темы**\n\n"
     "Маршруты; пограничный контроль; сотрудничество.\n\n"
     "- 2. В 2016 году для третьего совещания Рабочей группы Секретариат "
     "подготовил справочный документ о границах (CTOC/COP/WG.7/2016/2).\n"
     "- 3. К числу примеров относятся:\n"
     "  - а) совместное патрулирование;\n"
     "  - б) общие базы данных.\n"
     "- 4. В документе также рассматриваются потребности\n\n"
     "V.99-12348 2/3\n\n"
     "- детей, путешествующих в одиночку.\n\n"
     "### Примеры на море\n\n"
     "# Ключевые темы\n\n"
     "Спасание на море; сотрудничество.\n\n"
     "5. Также в 2017 году для четвертого совещания Рабочей группы "
     "Секретариат подготовил документ о море (CTOC/COP/WG.7/2017/3).\n",
     "а) совместное патрулирование; б) общие базы данных.",
     "потребности детей, путешествующих в одиночку."},
    {Language::kChinese,
     "# 一. 导言\n\n"
     "１．本说明介绍了这些示例。\n\n"
     "# 二、背景文件汇编\n\n"
     "# 边境示例\n\n"
     "#### **关键主题**\n\n"
     "路线；边境管制；合作。\n\n"
     "- 2. 2016年，秘书处为工作组第三次会议编写了一份关于边境的背景文件"
     "（CTOC/COP/WG.7/2016/2）。\n"
     "- 3. 示例包括：\n"
     "  - （a）联合巡逻；\n"
     "  - （b）共享数据库。\n"
     "- 4. 该文件还审议了独自旅行\n\n"
     "V.99-12349 2/3\n\n"
     "- 的儿童的需要。\n\n"
     "### 海上示例\n\n"
     "# 关键主题\n\n"
     "海上救援；合作。\n\n"
     "５．同样在2017年，秘书处为工作组第四次会议编写了一份关于海上的文件"
     "（CTOC/COP/WG.7/2017/3）。\n",
     "（a）联合巡逻；（b）共享数据库。", "独自旅行的儿童的需要。"},
    {Language::kArabic,
     "# أولا - مقدمة\n\n"
     "١ - تعرض هذه المذكرة الأمثلة.\n\n"
     "# ثانيا - خلاصة ورقات المعلومات الأساسية\n\n"
     "# أمثلة الحدود\n\n"
     "#### **المواضيع الرئيسية**\n\n"
     "الطرق؛ مراقبة الحدود؛ التعاون.\n\n"
     "- ٢ - في عام ٢٠١٦، وفي إطار الاجتماع الثالث للفريق العامل، أعدَّت "
     "الأمانة ورقة معلومات أساسية عن الحدود "
     "\u200F(CTOC/COP/WG.7/2016/2)\u200F.\n"
     "- ٣ - تشمل الأمثلة ما يلي:\n"
     "  - (أ) الدوريات المشتركة؛\n"
     "  - (ب) قواعد البيانات المشتركة.\n"
     "- ٤ - وتتناول الورقة أيضا احتياجات\n\n"
     "V.99-12350 2/3\n\n"
     "- الأطفال الذين يسافرون بمفردهم.\n\n"
     "### أمثلة بحرية\n\n"
     "# المواضيع الرئيسية\n\n"
     "الإنقاذ في البحر؛ التعاون.\n\n"
     "۵ - وفي عام ٢٠١٧ أيضا، وفي إطار الاجتماع الرابع للفريق العامل، أعدت "
     "الأمانة ورقة عن البحر (CTOC/COP/WG.7/2017/3).\n",
     "(أ) الدوريات المشتركة؛ (ب) قواعد البيانات المشتركة.",
     "احتياجات الأطفال الذين يسافرون بمفردهم."},
};

// What must be the same in every language version.
struct Shape {
  std::string number;
  std::string parallel;
  bool has_section;
  bool has_theme;
  std::size_t topics;
  std::optional<std::string> paper;
  std::optional<int> year;
  std::optional<int> meeting;
  std::vector<std::string> symbols;

  friend bool operator==(const Shape&, const Shape&) = default;
};

std::vector<Shape> ShapeOf(const ParseResult& result) {
  std::vector<Shape> shapes;
  for (const Paragraph& p : result.paragraphs) {
    shapes.push_back({p.number, p.parallel, p.section.has_value(), p.theme.has_value(),
                      p.topics.size(), p.paper, p.year, p.meeting, p.symbols});
  }
  return shapes;
}

Result<ParseResult> Parse(const Fragment& fragment, std::string text) {
  ParseOptions options;
  options.language = fragment.language;
  options.doc = "EXAMPLE";
  return ParseCompendium(text, std::string(LanguageCode(fragment.language)) + ".md", options);
}

class CompendiumLanguagesTest : public ::testing::TestWithParam<Fragment> {};

TEST_P(CompendiumLanguagesTest, ParsesToTheStructureOfTheEnglishVersion) {
  const Result<ParseResult> english = Parse(kFragments[0], kFragments[0].text);
  ASSERT_TRUE(english.ok()) << english.status().ToString();
  const Result<ParseResult> result = Parse(GetParam(), GetParam().text);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  for (const ParseWarning& warning : result->warnings) ADD_FAILURE() << warning.ToString();

  ASSERT_EQ(result->paragraphs.size(), 5u);
  EXPECT_EQ(ShapeOf(*result), ShapeOf(*english));
  const Paragraph& p2 = result->paragraphs[1];
  EXPECT_EQ(p2.paper, "CTOC/COP/WG.7/2016/2");
  EXPECT_EQ(p2.year, 2016);
  EXPECT_EQ(p2.meeting, 3);
  EXPECT_EQ(p2.topics.size(), 3u);
  EXPECT_EQ(result->paragraphs[4].meeting, 4);
  EXPECT_EQ(result->paragraphs[4].topics.size(), 2u);
  EXPECT_NE(*result->paragraphs[0].section, *p2.section);
  EXPECT_NE(*p2.theme, *result->paragraphs[4].theme);
  EXPECT_EQ(p2.id, "EXAMPLE/" + std::string(LanguageCode(GetParam().language)) + "/2");

  // Both sub-items inside paragraph 3; paragraph 4 joined across the page break.
  const std::string& p3 = result->paragraphs[2].text;
  EXPECT_TRUE(p3.ends_with(GetParam().sub_items)) << p3;
  const std::string& p4 = result->paragraphs[3].text;
  EXPECT_TRUE(p4.ends_with(GetParam().continuation)) << p4;
  EXPECT_EQ(p4.find("V.99"), std::string::npos);
  for (const Paragraph& p : result->paragraphs) {
    EXPECT_EQ(p.text.find("\u200F"), std::string::npos);
    EXPECT_EQ(p.text.find("\u00A0"), std::string::npos);
    EXPECT_EQ(p.text.find('*'), std::string::npos);
  }
}

TEST_P(CompendiumLanguagesTest, CrlfAndByteOrderMarkGiveTheSameRecords) {
  std::string windows = "\xEF\xBB\xBF";
  for (const char* c = GetParam().text; *c != '\0'; ++c) {
    if (*c == '\n') windows += '\r';
    windows += *c;
  }
  const Result<ParseResult> unix_result = Parse(GetParam(), GetParam().text);
  const Result<ParseResult> windows_result = Parse(GetParam(), windows);
  ASSERT_TRUE(unix_result.ok() && windows_result.ok());
  EXPECT_EQ(unix_result->paragraphs, windows_result->paragraphs);
}

TEST_P(CompendiumLanguagesTest, DetectsTheLanguageOfTheFragment) {
  ParseOptions options;
  options.doc = "EXAMPLE";
  const Result<ParseResult> result = ParseCompendium(GetParam().text, "x.md", options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_FALSE(result->paragraphs.empty());
  EXPECT_EQ(result->paragraphs[0].lang, GetParam().language);
}

INSTANTIATE_TEST_SUITE_P(SixLanguages, CompendiumLanguagesTest, ::testing::ValuesIn(kFragments),
                         [](const ::testing::TestParamInfo<Fragment>& param_info) {
                           return std::string(LanguageCode(param_info.param.language));
                         });

TEST(CompendiumLanguagesTest, ParallelKeysMatchAcrossLanguageVersions) {
  std::vector<std::string> english;
  for (const Fragment& fragment : kFragments) {
    const Result<ParseResult> result = Parse(fragment, fragment.text);
    ASSERT_TRUE(result.ok());
    std::vector<std::string> parallel;
    for (const Paragraph& p : result->paragraphs) parallel.push_back(p.parallel);
    if (english.empty()) english = parallel;
    EXPECT_EQ(parallel, english) << LanguageCode(fragment.language);
  }
  EXPECT_EQ(english, (std::vector<std::string>{"EXAMPLE/1", "EXAMPLE/2", "EXAMPLE/3", "EXAMPLE/4",
                                               "EXAMPLE/5"}));
}

}  // namespace
}  // namespace hexaglot
