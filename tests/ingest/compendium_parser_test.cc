// The golden test on the English compendium, and the parser's rules on small fragments.

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "hexaglot/ingest.h"
#include "test_data.h"

namespace hexaglot {
namespace {

ParseResult ParseCorpus() {
  const std::string path = testing::SourcePath("corpus/wg7-compendium-2021.en.md").string();
  Result<ParseResult> result = ParseFile(path);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return result.ok() ? std::move(*result) : ParseResult{};
}

ParseResult ParseOk(const std::string& text, const ParseOptions& options = {}) {
  ParseOptions with_language = options;
  if (!with_language.language) with_language.language = Language::kEnglish;
  Result<ParseResult> result = ParseCompendium(text, "fragment.md", with_language);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return result.ok() ? std::move(*result) : ParseResult{};
}

TEST(CompendiumGoldenTest, FindsSeventyNineParagraphsInOrderWithoutWarnings) {
  const ParseResult result = ParseCorpus();
  ASSERT_EQ(result.paragraphs.size(), 79u);
  for (std::size_t i = 0; i < result.paragraphs.size(); ++i) {
    const Paragraph& p = result.paragraphs[i];
    EXPECT_EQ(p.number, std::to_string(i + 1));
    EXPECT_EQ(p.doc, "V.21-05340");
    EXPECT_EQ(p.lang, Language::kEnglish);
    EXPECT_EQ(p.id, "V.21-05340/en/" + std::to_string(i + 1));
    EXPECT_EQ(p.parallel, "V.21-05340/" + std::to_string(i + 1));
    EXPECT_EQ(p.hash.size(), 32u);
    EXPECT_FALSE(p.text.empty());
  }
  for (const ParseWarning& warning : result.warnings) ADD_FAILURE() << warning.ToString();
  EXPECT_EQ(result.paragraphs[0].line, 18u);
  EXPECT_EQ(result.paragraphs[78].line, 226u);
  EXPECT_TRUE(result.paragraphs[0].text.starts_with("For each meeting of the Working Group"));
}

TEST(CompendiumGoldenTest, IntroductionHasThreeParagraphsWithoutThemeOrPaper) {
  const ParseResult result = ParseCorpus();
  ASSERT_EQ(result.paragraphs.size(), 79u);
  int introduction = 0;
  for (const Paragraph& p : result.paragraphs) {
    ASSERT_TRUE(p.section.has_value()) << p.number;
    if (*p.section == "I. Introduction") {
      ++introduction;
      EXPECT_FALSE(p.theme.has_value());
      EXPECT_TRUE(p.topics.empty());
      EXPECT_FALSE(p.paper.has_value());
    } else {
      EXPECT_EQ(*p.section, "II. Compendium of background papers") << p.number;
    }
  }
  EXPECT_EQ(introduction, 3);
  EXPECT_EQ(*result.paragraphs[2].section, "I. Introduction");
}

TEST(CompendiumGoldenTest, NineThemesInDocumentOrderWithTheirKeyTopics) {
  struct Theme {
    std::string name;
    int first;
    int last;
    std::size_t topics;
    std::string first_topic;
    std::string last_topic;
  };
  const std::vector<Theme> expected = {
      {"Criminal justice responses", 4, 24, 23, "Financial or other material benefit", "witnesses"},
      {"Impact of crises", 25, 27, 8, "Coronavirus disease (COVID-19) pandemic",
       "international cooperation"},
      {"International cooperation", 28, 37, 14, "Information-sharing", "multi-agency cooperation"},
      {"Smuggling by air", 38, 42, 7, "Smuggling by air", "regular pathways for migration"},
      {"Smuggling by sea", 43, 50, 11, "Smuggling routes", "international cooperation"},
      {"Interpretation and use of the Smuggling of Migrants Protocol and the Organized Crime "
       "Convention",
       51, 62, 19, "Financial and material benefit", "assistance to smuggled migrants"},
      {"Protection of smuggled migrants", 63, 66, 7, "Protection of smuggled migrants",
       "trafficking in persons"},
      {"Prevention", 67, 75, 11, "Unaccompanied and separated children",
       "regular pathways for migration"},
      {"Technology", 76, 79, 9, "Advertising", "privacy and data protection"},
  };
  const ParseResult result = ParseCorpus();
  ASSERT_EQ(result.paragraphs.size(), 79u);
  std::vector<std::string> order;
  for (const Paragraph& p : result.paragraphs) {
    if (p.theme && (order.empty() || order.back() != *p.theme)) order.push_back(*p.theme);
  }
  std::vector<std::string> expected_order;
  for (const Theme& theme : expected) expected_order.push_back(theme.name);
  EXPECT_EQ(order, expected_order);

  for (const Theme& theme : expected) {
    for (int n = theme.first; n <= theme.last; ++n) {
      const Paragraph& p = result.paragraphs[static_cast<std::size_t>(n - 1)];
      ASSERT_TRUE(p.theme.has_value()) << n;
      EXPECT_EQ(*p.theme, theme.name) << n;
      ASSERT_EQ(p.topics.size(), theme.topics) << n;
      EXPECT_EQ(p.topics.front(), theme.first_topic) << n;
      EXPECT_EQ(p.topics.back(), theme.last_topic) << n;
    }
  }
  const std::vector<std::string>& sea = result.paragraphs[42].topics;
  EXPECT_NE(std::find(sea.begin(), sea.end(), "United Nations Convention on the Law of the Sea"),
            sea.end());
}

TEST(CompendiumGoldenTest, SeventeenBackgroundPapersWithYearAndMeeting) {
  // (first paragraph, last paragraph, symbol, year, meeting).
  const std::vector<std::tuple<int, int, std::string, int, int>> papers = {
      {4, 9, "CTOC/COP/WG.7/2018/2", 2018, 5},   {10, 13, "CTOC/COP/WG.7/2015/4", 2015, 3},
      {14, 17, "CTOC/COP/WG.7/2013/3", 2013, 2}, {18, 20, "CTOC/COP/WG.7/2013/2", 2013, 2},
      {21, 24, "CTOC/COP/WG.7/2012/2", 2012, 1}, {25, 27, "CTOC/COP/WG.7/2020/2", 2020, 7},
      {28, 31, "CTOC/COP/WG.7/2019/2", 2019, 6}, {32, 35, "CTOC/COP/WG.7/2013/4", 2013, 2},
      {36, 37, "CTOC/COP/WG.7/2012/5", 2012, 1}, {38, 42, "CTOC/COP/WG.7/2019/3", 2019, 6},
      {43, 50, "CTOC/COP/WG.7/2015/2", 2015, 3}, {51, 57, "CTOC/COP/WG.7/2017/4", 2017, 4},
      {58, 62, "CTOC/COP/WG.7/2017/3", 2017, 4}, {63, 66, "CTOC/COP/WG.7/2012/3", 2012, 1},
      {67, 69, "CTOC/COP/WG.7/2015/3", 2015, 3}, {70, 75, "CTOC/COP/WG.7/2012/4", 2012, 1},
      {76, 79, "CTOC/COP/WG.7/2020/3", 2020, 7},
  };
  const ParseResult result = ParseCorpus();
  ASSERT_EQ(result.paragraphs.size(), 79u);
  std::set<std::string> distinct;
  for (const Paragraph& p : result.paragraphs) {
    if (p.paper) distinct.insert(*p.paper);
  }
  EXPECT_EQ(distinct.size(), 17u);
  for (const auto& [first, last, symbol, year, meeting] : papers) {
    for (int n = first; n <= last; ++n) {
      const Paragraph& p = result.paragraphs[static_cast<std::size_t>(n - 1)];
      ASSERT_TRUE(p.paper.has_value()) << n;
      EXPECT_EQ(*p.paper, symbol) << n;
      EXPECT_EQ(p.year, year) << n;
      EXPECT_EQ(p.meeting, meeting) << n;
    }
    // The paper's own paragraph cites it, often only in the text after a page break.
    EXPECT_EQ(result.paragraphs[static_cast<std::size_t>(first - 1)].symbols,
              std::vector<std::string>{symbol});
  }
}

TEST(CompendiumGoldenTest, EveryCitedSymbolIsFoundAndNoOtherParagraphCitesOne) {
  const ParseResult result = ParseCorpus();
  ASSERT_EQ(result.paragraphs.size(), 79u);
  std::size_t citing = 0;
  for (const Paragraph& p : result.paragraphs) {
    std::size_t expected = 0;
    for (std::size_t at = p.text.find("CTOC/"); at != std::string::npos;
         at = p.text.find("CTOC/", at + 1)) {
      ++expected;
    }
    EXPECT_EQ(p.symbols.size(), expected) << p.number;
    citing += p.symbols.empty() ? 0 : 1;
  }
  EXPECT_EQ(citing, 17u);
}

TEST(CompendiumGoldenTest, SubItemsStayInsideTheirParagraph) {
  const ParseResult result = ParseCorpus();
  ASSERT_EQ(result.paragraphs.size(), 79u);
  const std::string& p16 = result.paragraphs[15].text;
  EXPECT_TRUE(p16.starts_with("Noted examples of good practices include initiatives"));
  std::size_t last = 0;
  for (const char* item :
       {"(a) The European Border Surveillance System", "(b) The multi-agency",
        "(c) The People Smuggling Strike Team", "(d) The Human Smuggling and Trafficking Center"}) {
    const std::size_t at = p16.find(item);
    ASSERT_NE(at, std::string::npos) << item;
    EXPECT_GT(at, last);
    last = at;
  }
  EXPECT_TRUE(p16.ends_with("to address the smuggling of migrants together."));
  // Indented sub-items, and sub-items whose marker style changes mid-list (paragraph 29).
  EXPECT_NE(result.paragraphs[25].text.find("on: (a) Criminal activities"), std::string::npos);
  EXPECT_NE(result.paragraphs[28].text.find("(e) Fatalities resulting"), std::string::npos);
  EXPECT_NE(result.paragraphs[68].text.find("(h) Including the media"), std::string::npos);
}

TEST(CompendiumGoldenTest, NoFooterMarkupOrListMarkerInAnyText) {
  const ParseResult result = ParseCorpus();
  ASSERT_EQ(result.paragraphs.size(), 79u);
  for (const Paragraph& p : result.paragraphs) {
    EXPECT_EQ(p.text.find("V.21-05340"), std::string::npos) << p.number;
    EXPECT_EQ(p.text.find("/11"), std::string::npos) << p.number;
    EXPECT_EQ(p.text.find('*'), std::string::npos) << p.number;
    EXPECT_EQ(p.text.find('#'), std::string::npos) << p.number;
    EXPECT_EQ(p.text.find("  "), std::string::npos) << p.number;
    EXPECT_EQ(p.text.find(" - "), std::string::npos) << p.number;
    EXPECT_FALSE(p.text.starts_with("- ")) << p.number;
  }
}

TEST(CompendiumGoldenTest, JoinsParagraphsBrokenAcrossPages) {
  const ParseResult result = ParseCorpus();
  ASSERT_EQ(result.paragraphs.size(), 79u);
  // Across a footer, continuation behind a list marker.
  EXPECT_NE(result.paragraphs[21].text.find("policymakers and legislators on smuggling of "
                                            "migrants and related issues"),
            std::string::npos);
  EXPECT_TRUE(result.paragraphs[21].text.ends_with("is also addressed."));
  // Across a blank line, no marker, the symbol in the continuation.
  EXPECT_NE(result.paragraphs[27].text.find("information-sharing on the smuggling of migrants"),
            std::string::npos);
  EXPECT_NE(result.paragraphs[66].text.find("such as the issuance of visas on arrival"),
            std::string::npos);
  // A paragraph that ends without a full stop does not swallow the next numbered one.
  EXPECT_TRUE(result.paragraphs[4].text.ends_with("criminalization of the offence"));
}

TEST(CompendiumGoldenTest, HashesAreDistinctAndStable) {
  const ParseResult first = ParseCorpus();
  const ParseResult second = ParseCorpus();
  ASSERT_EQ(first.paragraphs.size(), 79u);
  std::set<std::string> hashes;
  for (const Paragraph& p : first.paragraphs) hashes.insert(p.hash);
  EXPECT_EQ(hashes.size(), 79u);
  EXPECT_EQ(first.paragraphs, second.paragraphs);
}

// The structure of a compendium, written for these tests (not UN text).
constexpr const char* kFragment = R"(Distr.: General

# Working Group on Examples

# I. Introduction

1. The present note introduces the examples.

# II. Compendium

# **Border examples**

### **Key topics**

Routes; border control; cooperation.

- 2. In 2016, for the third meeting of the Working Group, the Secretariat drafted a
background paper on borders (CTOC/COP/WG.7/2016/2).
- 3. Examples include:
  - (a) Joint patrols;
- (b) Shared databases.
- 4. The paper also considers the needs of

V.99-12345 2/3

- children travelling alone.

#### Sea examples

# Key topics

Rescue at sea.

5. Also in 2016, for the third meeting of the Working Group, the Secretariat drafted a
paper on the sea (CTOC/COP/WG.7/2016/3), citing A/RES/70/1.
)";

TEST(CompendiumParserTest, FragmentHasTheStructureOfACompendium) {
  const ParseResult result = ParseOk(kFragment);
  ASSERT_EQ(result.paragraphs.size(), 5u);
  for (const ParseWarning& warning : result.warnings) ADD_FAILURE() << warning.ToString();
  const Paragraph& p1 = result.paragraphs[0];
  EXPECT_EQ(p1.section, "I. Introduction");
  EXPECT_FALSE(p1.theme.has_value());
  EXPECT_EQ(p1.doc, "V.99-12345");

  const Paragraph& p2 = result.paragraphs[1];
  EXPECT_EQ(p2.section, "II. Compendium");
  EXPECT_EQ(p2.theme, "Border examples");
  EXPECT_EQ(p2.topics, (std::vector<std::string>{"Routes", "border control", "cooperation"}));
  EXPECT_EQ(p2.paper, "CTOC/COP/WG.7/2016/2");
  EXPECT_EQ(p2.year, 2016);
  EXPECT_EQ(p2.meeting, 3);
  EXPECT_EQ(p2.text,
            "In 2016, for the third meeting of the Working Group, the Secretariat drafted a "
            "background paper on borders (CTOC/COP/WG.7/2016/2).");

  EXPECT_EQ(result.paragraphs[2].text,
            "Examples include: (a) Joint patrols; (b) Shared databases.");
  EXPECT_EQ(result.paragraphs[2].paper, "CTOC/COP/WG.7/2016/2");
  EXPECT_EQ(result.paragraphs[3].text,
            "The paper also considers the needs of children travelling alone.");

  const Paragraph& p5 = result.paragraphs[4];
  EXPECT_EQ(p5.theme, "Sea examples");
  EXPECT_EQ(p5.topics, std::vector<std::string>{"Rescue at sea"});
  EXPECT_EQ(p5.paper, "CTOC/COP/WG.7/2016/3");
  EXPECT_EQ(p5.symbols, (std::vector<std::string>{"CTOC/COP/WG.7/2016/3", "A/RES/70/1"}));
  EXPECT_EQ(p5.line, 34u);
}

TEST(CompendiumParserTest, EnglishPageBreakMidSentenceBeforeACapitalIsJoined) {
  // Until this test only the Arabic and Chinese fragments (no case) noticed when the join
  // across a footer failed before a capital letter.
  for (const char* marker : {"- ", ""}) {
    const std::string text = std::string(
                                 "# I. Introduction\n\n"
                                 "1. The present note was prepared at the request of the\n\n"
                                 "V.99-12345 2/3\n\n") +
                             marker +
                             "Conference of the Parties to the Convention.\n\n"
                             "2. It summarises the papers.\n";
    const ParseResult result = ParseOk(text);
    ASSERT_EQ(result.paragraphs.size(), 2u) << marker;
    EXPECT_TRUE(result.warnings.empty()) << marker;
    EXPECT_EQ(result.paragraphs[0].text,
              "The present note was prepared at the request of the Conference of the Parties to "
              "the Convention.")
        << marker;
    EXPECT_EQ(result.paragraphs[1].number, "2");
  }
}

TEST(CompendiumParserTest, DocumentNameFromOptionsOverridesFooter) {
  ParseOptions options;
  options.doc = "WG7-compendium";
  const ParseResult result = ParseOk(kFragment, options);
  ASSERT_EQ(result.paragraphs.size(), 5u);
  EXPECT_EQ(result.paragraphs[1].id, "WG7-compendium/en/2");
  EXPECT_EQ(result.paragraphs[1].parallel, "WG7-compendium/2");
}

TEST(CompendiumParserTest, CrlfLineEndsAndByteOrderMarkChangeNothing) {
  std::string crlf = "\xEF\xBB\xBF";
  for (char c : std::string(kFragment)) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  const ParseResult plain = ParseOk(kFragment);
  const ParseResult windows = ParseOk(crlf);
  EXPECT_EQ(plain.paragraphs, windows.paragraphs);
  EXPECT_TRUE(windows.warnings.empty());
}

TEST(CompendiumParserTest, WarnsAboutGapsDuplicatesAndStrayText) {
  const std::string text =
      "# I. Introduction\n\n1. One.\n\n3. Three.\n\n3. Three again.\n\nA stray sentence.\n\n"
      "- (a) A stray sub-item.\n";
  const ParseResult result = ParseOk(text);
  ASSERT_EQ(result.paragraphs.size(), 3u);
  ASSERT_EQ(result.warnings.size(), 3u);
  EXPECT_EQ(result.warnings[0].ToString(),
            "fragment.md:5: numbering gap: paragraph 3 follows paragraph 1; paragraph 2 "
            "missing");
  EXPECT_EQ(result.warnings[1].ToString(),
            "fragment.md:7: duplicate paragraph number 3 (first at line 5)");
  EXPECT_EQ(result.warnings[2].ToString(), "fragment.md:9: text that fits no paragraph (ignored)");
  // The sub-item belongs to paragraph 3 (the second), which ends a sentence: it is
  // appended, as sub-items always are.
  EXPECT_EQ(result.paragraphs[2].text, "Three again. (a) A stray sub-item.");
}

TEST(CompendiumParserTest, StrictModeTurnsTheFirstWarningIntoAnError) {
  ParseOptions options;
  options.language = Language::kEnglish;
  options.strict = true;
  Result<ParseResult> result = ParseCompendium(
      "# I. Intro\n\n1. One.\n\n4. Four.\n\n5. Five.\n\n5. Again.\n", "s.md", options);
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.status().IsInvalidArgument());
  EXPECT_EQ(result.status().message(),
            "s.md:5: numbering gap: paragraph 4 follows paragraph 1; paragraphs 2-3 missing (and "
            "1 more warnings); strict mode makes warnings errors");
}

TEST(CompendiumParserTest, InvalidUtf8IsAnErrorNamingFileOffsetAndLine) {
  ParseOptions options;
  options.language = Language::kEnglish;
  Result<ParseResult> result = ParseCompendium("# I. Intro\n\n1. Caf\xC3(\n", "bad.md", options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(), "bad.md: invalid UTF-8 at byte offset 18 (line 3)");
}

TEST(CompendiumParserTest, DetectsTheLanguageWhenNotGiven) {
  Result<ParseResult> result = ParseCompendium(
      "# I. Introduction\n\n1. Le présent document décrit les travaux du Groupe de travail "
      "et les documents qui ont été établis pour ses réunions.\n",
      "f.md");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result->paragraphs.size(), 1u);
  EXPECT_EQ(result->paragraphs[0].lang, Language::kFrench);
  EXPECT_EQ(result->paragraphs[0].id, "f/fr/1");
}

TEST(CompendiumParserTest, ExtraKeyTopicsLabelsAreRecognised) {
  const std::string text =
      "# I. Intro\n\n# Theme\n\n## Topics covered\n\nOne; two.\n\n1. In 2020, the text.\n";
  ParseOptions options;
  EXPECT_TRUE(ParseOk(text, options).paragraphs.at(0).topics.empty());
  options.key_topics_labels = {"topics covered"};
  EXPECT_EQ(ParseOk(text, options).paragraphs.at(0).topics,
            (std::vector<std::string>{"One", "two"}));
}

TEST(CompendiumParserTest, KeyTopicsMayBeBulletsOrWrappedOverLines) {
  const ParseResult bullets = ParseOk(
      "# I. Intro\n\n# Theme\n\n## Key topics\n\n- Routes\n- Border\n  control\n\n"
      "1. Text.\n");
  ASSERT_EQ(bullets.paragraphs.size(), 1u);
  EXPECT_EQ(bullets.paragraphs[0].topics, (std::vector<std::string>{"Routes", "Border control"}));
  EXPECT_TRUE(bullets.warnings.empty());

  const ParseResult inline_list =
      ParseOk("# I. Intro\n\n# Theme\n\n**Key topics:** routes; fees.\n\n1. Text.\n");
  ASSERT_EQ(inline_list.paragraphs.size(), 1u);
  EXPECT_EQ(inline_list.paragraphs[0].topics, (std::vector<std::string>{"routes", "fees"}));
}

TEST(CompendiumParserTest, ChangedParagraphsChangeHashUnchangedOnesKeepIt) {
  const ParseResult before = ParseOk(kFragment);
  std::string edited = kFragment;
  edited.replace(edited.find("Joint patrols"), 13, "Joint air patrols");
  edited.insert(0, "\n\n");  // Moves every line: line numbers are not content.
  const ParseResult after = ParseOk(edited);
  ASSERT_EQ(before.paragraphs.size(), after.paragraphs.size());
  for (std::size_t i = 0; i < before.paragraphs.size(); ++i) {
    EXPECT_EQ(before.paragraphs[i].hash == after.paragraphs[i].hash, i != 2) << i;
    EXPECT_EQ(before.paragraphs[i].line + 2, after.paragraphs[i].line);
  }
}

}  // namespace
}  // namespace hexaglot
