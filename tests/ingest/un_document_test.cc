// ParseUnDocument: the 27 dev resolutions A/RES/80/1-27 (shared data), a golden test on
// A/RES/80/6, and the parser's rules on documents written for the tests.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "hexaglot/ingest.h"
#include "test_data.h"
#include "util/file.h"

namespace hexaglot {
namespace {

constexpr char kDevDir[] = "un-ga-res-80-dev/original";

ParseOptions English() {
  ParseOptions options;
  options.language = Language::kEnglish;
  return options;
}

ParseResult ParseOk(const std::string& text, const ParseOptions& options = English()) {
  Result<ParseResult> result = ParseUnDocument(text, "written.md", options);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return result.ok() ? std::move(*result) : ParseResult{};
}

bool IsOperative(const Paragraph& p) {
  return !p.number.empty() && std::isdigit(static_cast<unsigned char>(p.number[0]));
}

// A footnote digit glued to a word: "Declaration,1", "Court2" (not "UN80", "A.2").
bool HasGluedFootnoteDigit(const std::string& text) {
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    if (text[i] != ',' && text[i] != ';') continue;
    if (std::isalpha(static_cast<unsigned char>(text[i - 1])) &&
        std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
      return true;
    }
  }
  return false;
}

// Written for these tests (not UN text), in the structure of a resolution: front matter,
// heading block, two preambular paragraphs, three operative ones, the second with
// sub-paragraphs and broken by a page mid-sentence before a capital letter, the meeting
// line and footnotes.
constexpr char kWritten[] =
    "---\n"
    "symbol: A/RES/99/1\n"
    "title: \"Test resolution :\"\n"
    "date: \"2031-05-02\"\n"
    "---\n"
    "\n"
    "United Nations\n\n"
    "General Assembly Distr.: General 2 May 2031\n\n"
    "Ninety-ninth session Agenda item 1\n\n"
    "Resolution adopted by the General Assembly on 1 May 2031\n\n"
    "[without reference to a Main Committee (A/99/L.1)]\n\n"
    "99/1. Test resolution\n\n"
    "The General Assembly,\n\n"
    "Recalling the Test Convention,1 and its resolution 98/1,\n\n"
    "Noting the report of the Secretary-General, 2 and the work of the\n\n"
    "committee on tests,\n\n"
    "1. Welcomes the report; 3\n\n"
    "2. Requests the Secretary-General to report on the contacts with the\n\n"
    "International Test Court, 4 including on:\n\n"
    "(a) Its work;\n\n"
    "(b) Its budget;\n\n"
    "3. Decides to remain seized of the matter.\n\n"
    "7th plenary meeting 1 May 2031\n\n"
    "---\n\n"
    "[^1]: United Nations, Treaty Series, vol. 1, No. 1.\n\n"
    "[^2]: A/99/100.\n\n"
    "[^3]: A/99/200 and\n    A/99/201.\n\n"
    "[^4]: A/98/300.\n";

TEST(UnDocumentTest, WrittenResolutionGivesItsParagraphsOnly) {
  const ParseResult result = ParseOk(kWritten);
  EXPECT_TRUE(result.warnings.empty());
  ASSERT_EQ(result.paragraphs.size(), 5u);
  const std::vector<std::string> numbers = {"pp1", "pp2", "1", "2", "3"};
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    const Paragraph& p = result.paragraphs[i];
    EXPECT_EQ(p.number, numbers[i]);
    EXPECT_EQ(p.doc, "A/RES/99/1");
    EXPECT_EQ(p.id, "A/RES/99/1/en/" + numbers[i]);
    EXPECT_EQ(p.parallel, "A/RES/99/1/" + numbers[i]);
    EXPECT_EQ(p.section, "Test resolution");
    EXPECT_EQ(p.year, 2031);
  }
  EXPECT_EQ(result.paragraphs[0].text, "Recalling the Test Convention, and its resolution 98/1,");
  EXPECT_EQ(result.paragraphs[1].text,
            "Noting the report of the Secretary-General, and the work of the committee on tests,");
  EXPECT_EQ(result.paragraphs[1].symbols, std::vector<std::string>{"A/99/100"});
  EXPECT_EQ(result.paragraphs[2].text, "Welcomes the report;");
  EXPECT_EQ(result.paragraphs[2].symbols, (std::vector<std::string>{"A/99/200", "A/99/201"}));
  EXPECT_EQ(result.paragraphs[2].line, 27u);
}

TEST(UnDocumentTest, PageBreakMidSentenceBeforeACapitalIsJoined) {
  const ParseResult result = ParseOk(kWritten);
  ASSERT_EQ(result.paragraphs.size(), 5u);
  EXPECT_EQ(result.paragraphs[3].text,
            "Requests the Secretary-General to report on the contacts with the International "
            "Test Court, including on: (a) Its work; (b) Its budget;");
  EXPECT_EQ(result.paragraphs[3].symbols, std::vector<std::string>{"A/98/300"});
}

TEST(UnDocumentTest, PageBreakAtAFooterBeforeACapitalIsJoined) {
  // The same break with the page's footer between the two halves, as other conversions
  // leave it.
  for (const char* footer : {"25-18560 3/7", "3/7 25-18560 (E)", "V.99-12345 2/3"}) {
    std::string text = kWritten;
    const std::size_t at = text.find("International Test Court, 4");
    ASSERT_NE(at, std::string::npos);
    text.insert(at, std::string(footer) + "\n\n");
    const ParseResult result = ParseOk(text);
    ASSERT_EQ(result.paragraphs.size(), 5u) << footer;
    EXPECT_TRUE(result.warnings.empty()) << footer;
    EXPECT_EQ(result.paragraphs[3].text,
              "Requests the Secretary-General to report on the contacts with the International "
              "Test Court, including on: (a) Its work; (b) Its budget;")
        << footer;
  }
}

TEST(UnDocumentTest, SymbolFromTheHeadingWithoutFrontMatter) {
  std::string text = kWritten;
  text.erase(0, text.find("United Nations"));
  ParseResult result = ParseOk(text);
  ASSERT_FALSE(result.paragraphs.empty());
  EXPECT_EQ(result.paragraphs[0].doc, "A/RES/99/1");  // From "99/1." under "General Assembly".
  EXPECT_EQ(result.paragraphs[0].year, 2031);         // From "Distr.: General 2 May 2031".

  text.insert(0, "A/RES/99/1\n\n");
  EXPECT_EQ(DetectInputFormat(text, "x.md"), InputFormat::kUnDocument);
}

TEST(UnDocumentTest, TitleFromTheFrontMatterWhenTheHeadingHasNone) {
  std::string text = kWritten;
  text.erase(text.find("99/1. Test resolution\n\n"), 23);
  const ParseResult result = ParseOk(text);
  ASSERT_FALSE(result.paragraphs.empty());
  EXPECT_EQ(result.paragraphs[0].section, "Test resolution");  // Without the " :".
  EXPECT_EQ(result.paragraphs[0].doc, "A/RES/99/1");
}

TEST(UnDocumentTest, WarnsAboutGapsAndStrayTextAndStrictFails) {
  const std::string text =
      "The General Assembly,\n\nNoting the tests,\n\n1. Decides one;\n\n3. Decides three.\n\n"
      "Stray text that has no number.\n\n4th plenary meeting\n\nText after the meeting.\n";
  const ParseResult result = ParseOk(text);
  ASSERT_EQ(result.warnings.size(), 3u);
  EXPECT_EQ(result.warnings[0].ToString(),
            "written.md:7: numbering gap: paragraph 3 follows paragraph 1");
  EXPECT_EQ(result.warnings[1].ToString(),
            "written.md:9: text without a paragraph number joined to paragraph 3");
  EXPECT_EQ(result.warnings[2].ToString(),
            "written.md:13: text after the closing meeting line (ignored)");

  ParseOptions strict = English();
  strict.strict = true;
  Result<ParseResult> failed = ParseUnDocument(text, "written.md", strict);
  ASSERT_FALSE(failed.ok());
  EXPECT_TRUE(failed.status().message().starts_with(
      "written.md:7: numbering gap: paragraph 3 follows paragraph 1"))
      << failed.status().message();
}

TEST(UnDocumentTest, SingleUnnumberedOperativeParagraphIsParagraphOne) {
  const ParseResult result = ParseOk(
      "The General Assembly\n\nAdopts the declaration annexed to the present resolution.\n\n"
      "9th plenary meeting\n\nAnnex\n\nThe declaration\n\n1. We declare.\n\n2. We agree.\n");
  ASSERT_EQ(result.paragraphs.size(), 3u);
  EXPECT_EQ(result.paragraphs[0].number, "1");
  EXPECT_EQ(result.paragraphs[1].number, "annex/1");
  EXPECT_EQ(result.paragraphs[2].number, "annex/2");
  EXPECT_TRUE(result.warnings.empty());
}

TEST(UnDocumentTest, NumbersInTheTextAreNotFootnoteMarkers) {
  const ParseResult result = ParseOk(
      "The General Assembly,\n\n1. Recalls article 12, paragraph 3, of the Statute, and "
      "paragraphs 1, 2 and 3 of resolution 58/318 of 13 September 2004, and the Convention 1 "
      "of 19722 signed;\n\n---\n\n[^1]: A/1/1.\n\n[^2]: A/2/2.\n\n[^3]: A/3/3.\n");
  ASSERT_EQ(result.paragraphs.size(), 1u);
  EXPECT_EQ(result.paragraphs[0].text,
            "Recalls article 12, paragraph 3, of the Statute, and paragraphs 1, 2 and 3 of "
            "resolution 58/318 of 13 September 2004, and the Convention of 1972 signed;");
  EXPECT_EQ(result.paragraphs[0].symbols, (std::vector<std::string>{"A/1/1", "A/2/2"}));
}

TEST(UnDocumentTest, LoneMarkerAfterALowerCaseWordOnlyWhenDueAndBeforeAConjunction) {
  const ParseResult result = ParseOk(
      "The General Assembly,\n\n1. Welcomes the adoption of the agenda 1 and the timetable, "
      "recalling paragraph 2 of resolution 79/1, the meetings from 2 to 3 May, paragraphs 2 "
      "and 3, items 2 and 3, and the period between 2 and 4 years;\n\n2. Notes the report 2 "
      "and the plan 3.\n\n---\n\n[^1]: A/1/1.\n\n[^2]: A/2/2.\n\n[^3]: A/3/3.\n");
  ASSERT_EQ(result.paragraphs.size(), 2u);
  EXPECT_EQ(result.paragraphs[0].text,
            "Welcomes the adoption of the agenda and the timetable, recalling paragraph 2 of "
            "resolution 79/1, the meetings from 2 to 3 May, paragraphs 2 and 3, items 2 and 3, "
            "and the period between 2 and 4 years;");
  EXPECT_EQ(result.paragraphs[0].symbols, (std::vector<std::string>{"A/1/1"}));
  EXPECT_EQ(result.paragraphs[1].text, "Notes the report and the plan.");
  EXPECT_EQ(result.paragraphs[1].symbols, (std::vector<std::string>{"A/2/2", "A/3/3"}));
}

TEST(UnDocumentTest, ParagraphsRunIntoTheOneBeforeOrIntoAHeadingAreSplit) {
  // As the conversion left the annex of A/RES/80/3: a numeral alone, a heading run into
  // the next paragraph, a paragraph run into the one before after its footnote marker, a
  // heading alone before a numbered paragraph.
  const ParseResult result = ParseOk(
      "The General Assembly,\n\n1. Endorses the declaration.\n\n9th plenary meeting\n\n"
      "Annex\n\nThe declaration\n\n1. We meet in peace.\n\nI.\n"
      "Global context and commitments 2. We gather at a critical juncture.\n"
      "3. We recall the Pact for the Future. 1 4. We note the interest of all.\n\n"
      "A call to action\n\n5. We act.\n\nII. Implementation of the programme 6. We commit "
      "to it.\n\n---\n\n[^1]: A/1/1.\n");
  ASSERT_EQ(result.paragraphs.size(), 7u);
  for (int n = 1; n <= 6; ++n) {
    EXPECT_EQ(result.paragraphs[n].number, "annex/" + std::to_string(n));
  }
  EXPECT_EQ(result.paragraphs[1].text, "We meet in peace.");
  EXPECT_EQ(result.paragraphs[2].text, "We gather at a critical juncture.");
  EXPECT_EQ(result.paragraphs[3].text, "We recall the Pact for the Future.");
  EXPECT_EQ(result.paragraphs[3].symbols, std::vector<std::string>{"A/1/1"});
  EXPECT_EQ(result.paragraphs[4].text, "We note the interest of all.");
  EXPECT_EQ(result.paragraphs[5].text, "We act.");
  EXPECT_EQ(result.paragraphs[6].text, "We commit to it.");
  EXPECT_TRUE(result.warnings.empty()) << result.warnings[0].ToString();
}

TEST(UnDocumentTest, ReferencesInsideAParagraphAreNotParagraphNumbers) {
  // Only the next number (or the one after) starts a paragraph inside a line, and not
  // after a word that numbers things.
  const ParseResult result = ParseOk(
      "The General Assembly,\n\n1. Recalls its resolution 2. Also paragraph 3. The text, "
      "Goal 2. Ends in 2031. The end.\n\n2. Notes the item 3. Text in 1. Other text.\n");
  ASSERT_EQ(result.paragraphs.size(), 2u);
  EXPECT_EQ(result.paragraphs[0].text,
            "Recalls its resolution 2. Also paragraph 3. The text, Goal 2. Ends in 2031. The end.");
  EXPECT_EQ(result.paragraphs[1].text, "Notes the item 3. Text in 1. Other text.");
  EXPECT_TRUE(result.warnings.empty());
}

TEST(UnDocumentTest, FormatNameAndDetection) {
  EXPECT_EQ(InputFormatName(InputFormat::kUnDocument), "un");
  EXPECT_EQ(*ParseInputFormat("un"), InputFormat::kUnDocument);
  EXPECT_EQ(DetectInputFormat(kWritten, "r.md"), InputFormat::kUnDocument);
  EXPECT_EQ(DetectInputFormat("---\ntitle: x\n---\n\nText.\n", "r.md"), InputFormat::kText);
}

TEST(UnDocumentDevTest, EveryResolutionHasItsParagraphsAndNothingElse) {
  HEXAGLOT_SHARED_DATA_OR_SKIP(dir, kDevDir);
  std::size_t files = 0;
  std::size_t records = 0;
  std::size_t operative = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".md") continue;
    ++files;
    const std::string path = entry.path().string();
    Result<std::string> text = ReadFileToString(path);
    ASSERT_TRUE(text.ok());
    EXPECT_EQ(DetectInputFormat(*text, path), InputFormat::kUnDocument) << path;
    Result<ParseResult> result = ParseFile(path);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    ASSERT_FALSE(result->paragraphs.empty()) << path;
    // "A_RES_80_6.md" -> "A/RES/80/6".
    std::string symbol = entry.path().stem().string();
    std::replace(symbol.begin(), symbol.end(), '_', '/');
    int expected = 0;
    for (const Paragraph& p : result->paragraphs) {
      EXPECT_EQ(p.doc, symbol);
      EXPECT_EQ(p.lang, Language::kEnglish) << p.id;
      EXPECT_EQ(p.year, 2025) << p.id;
      if (IsOperative(p)) {
        EXPECT_EQ(p.number, std::to_string(++expected)) << path;
      }
      ASSERT_FALSE(p.text.empty()) << p.id;
      EXPECT_FALSE(std::islower(static_cast<unsigned char>(p.text[0]))) << p.id << ": " << p.text;
      EXPECT_FALSE(HasGluedFootnoteDigit(p.text)) << p.id << ": " << p.text;
      for (const char* heading : {"Distr.", "Agenda item", "Resolution adopted", "[^", "symbol:",
                                  "United Nations, Treaty Series", "plenary meeting 1"}) {
        EXPECT_EQ(p.text.find(heading), std::string::npos) << p.id << " has " << heading;
      }
    }
    EXPECT_GT(expected, 0) << path;
    records += result->paragraphs.size();
    operative += static_cast<std::size_t>(expected);
  }
  EXPECT_EQ(files, 27u);
  EXPECT_EQ(records, 639u);
  EXPECT_EQ(operative, 232u);
}

TEST(UnDocumentDevTest, GoldenReportOfTheInternationalCriminalCourt) {
  HEXAGLOT_SHARED_DATA_OR_SKIP(dir, kDevDir);
  Result<ParseResult> result = ParseFile((dir / "A_RES_80_6.md").string());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_TRUE(result->warnings.empty());
  const std::vector<Paragraph>& ps = result->paragraphs;
  ASSERT_EQ(ps.size(), 46u);
  for (std::size_t i = 0; i < 14; ++i) EXPECT_EQ(ps[i].number, "pp" + std::to_string(i + 1));
  for (std::size_t i = 14; i < ps.size(); ++i) EXPECT_EQ(ps[i].number, std::to_string(i - 13));
  EXPECT_EQ(ps[0].section, "Report of the International Criminal Court");
  EXPECT_TRUE(
      ps[1].text.starts_with("Recalling also that the Rome Statute of the International "
                             "Criminal Court reaffirms the purposes"));
  EXPECT_TRUE(
      ps[7].text.ends_with("other international and regional organizations remain "
                           "essential for the International Criminal Court to carry out "
                           "its activities,"));
  EXPECT_EQ(ps[8].symbols, (std::vector<std::string>{"A/58/874", "A/58/874/Add.1"}));
  EXPECT_EQ(ps[14].id, "A/RES/80/6/en/1");
  EXPECT_EQ(ps[14].text, "Welcomes the report of the International Criminal Court for 2024/25;");
  EXPECT_EQ(ps[14].symbols, std::vector<std::string>{"A/80/342"});
  const Paragraph& fourteen = ps[27];
  EXPECT_EQ(fourteen.id, "A/RES/80/6/en/14");
  EXPECT_EQ(fourteen.text,
            "Recalls the guidance issued by the Secretary-General on contacts with persons who "
            "are the subject of arrest warrants or summonses issued by the International Criminal "
            "Court, and in this regard takes note of the information included in the report of "
            "the Secretary-General on the implementation of article 3 of the Relationship "
            "Agreement;");
  EXPECT_EQ(fourteen.symbols, (std::vector<std::string>{"A/67/828-S/2013/210", "A/80/344"}));
  EXPECT_TRUE(ps.back().text.starts_with("Invites the International Criminal Court to submit"));
}

TEST(UnDocumentDevTest, LoneMarkersAfterLowerCaseWordsAreTakenOut) {
  HEXAGLOT_SHARED_DATA_OR_SKIP(dir, kDevDir);
  // "the adoption by consensus by the group of the agenda 5 and the indicative timetable
  // for 2025–20286": markers 5 and 6, cited in that order.
  for (const auto& [file, number] :
       {std::pair<const char*, const char*>{"A_RES_80_20.md", "pp13"}, {"A_RES_80_21.md", "9"}}) {
    Result<ParseResult> result = ParseFile((dir / file).string());
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    const auto p = std::find_if(result->paragraphs.begin(), result->paragraphs.end(),
                                [&](const Paragraph& r) { return r.number == number; });
    ASSERT_NE(p, result->paragraphs.end()) << file;
    EXPECT_NE(p->text.find("of the agenda and the indicative timetable for 2025–2028 and the "
                           "beginning"),
              std::string::npos)
        << p->text;
    EXPECT_NE(std::find(p->symbols.begin(), p->symbols.end(), "A/AC.297/2025/3"), p->symbols.end())
        << file;
  }
}

TEST(UnDocumentDevTest, AnnexHeadingsAndRunTogetherParagraphsOfTheAwazaDeclaration) {
  HEXAGLOT_SHARED_DATA_OR_SKIP(dir, kDevDir);
  Result<ParseResult> result = ParseFile((dir / "A_RES_80_3.md").string());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  const std::vector<Paragraph>& ps = result->paragraphs;
  // The conversion lost the number of annex paragraph 2 (its text stays in paragraph 1).
  std::vector<std::string> numbers = {"pp1", "1", "annex/1"};
  for (int n = 3; n <= 25; ++n) numbers.push_back("annex/" + std::to_string(n));
  ASSERT_EQ(ps.size(), numbers.size());
  for (std::size_t i = 0; i < ps.size(); ++i) EXPECT_EQ(ps[i].number, numbers[i]);
  ASSERT_EQ(result->warnings.size(), 1u);
  EXPECT_TRUE(result->warnings[0].ToString().ends_with(
      "numbering gap: annex paragraph 3 follows annex paragraph 1"));
  EXPECT_TRUE(ps[3].text.starts_with("We gather at a critical juncture")) << ps[3].text;
  EXPECT_TRUE(ps[9].text.starts_with("We note the interest and commitment")) << ps[9].text;
  EXPECT_TRUE(ps[13].text.starts_with("We strongly commit ourselves")) << ps[13].text;
  EXPECT_TRUE(ps[15].text.starts_with("We emphasize the significance")) << ps[15].text;
  for (const Paragraph& p : ps) {
    for (const char* heading : {"I. Global", "Global context and shared commitments",
                                "II. Implementation", "Partnerships and support mechanisms",
                                "Governance, accountability and monitoring", "III. Conclusion"}) {
      EXPECT_EQ(p.text.find(heading), std::string::npos) << p.id << " has " << heading;
    }
  }
}

TEST(UnDocumentDevTest, EveryTruncationAndRandomBytesParseWithoutACrash) {
  HEXAGLOT_SHARED_DATA_OR_SKIP(dir, kDevDir);
  Result<std::string> text = ReadFileToString((dir / "A_RES_80_6.md").string());
  ASSERT_TRUE(text.ok());
  for (std::size_t length = 0; length <= text->size(); length += 13) {
    Result<ParseResult> result =
        ParseUnDocument(std::string_view(*text).substr(0, length), "cut.md", English());
    if (!result.ok()) {  // Only a cut inside a multi-byte character.
      EXPECT_TRUE(result.status().message().starts_with("cut.md: invalid UTF-8"));
      continue;
    }
    for (const Paragraph& p : result->paragraphs) EXPECT_FALSE(p.text.empty()) << length;
  }
  std::mt19937 random(806);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int round = 0; round < 300; ++round) {
    std::string bytes(static_cast<std::size_t>(random() % 600), '\0');
    for (char& c : bytes) c = static_cast<char>(byte(random));
    // Half the rounds in the format's own alphabet, which is valid UTF-8.
    if (round % 2 == 0) {
      static constexpr char kAlphabet[] = "-[^]:1234 .,;()\nabTheGnrlAsmby/";
      for (char& c : bytes) c = kAlphabet[static_cast<unsigned char>(c) % (sizeof(kAlphabet) - 1)];
    }
    Result<ParseResult> result = ParseUnDocument(bytes, "random.bin", English());
    if (result.ok()) {
      for (const Paragraph& p : result->paragraphs) EXPECT_FALSE(p.text.empty());
    }
  }
}

}  // namespace
}  // namespace hexaglot
