#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "hexaglot/ingest.h"
#include "test_data.h"

namespace hexaglot {
namespace {

TEST(JsonLinesTest, ReadsRequiredAndOptionalFields) {
  const std::string text =
      R"({"id": "p1", "lang": "fr", "text": "  Premier   paragraphe (A/RES/70/1). "})"
      "\n\n"
      R"({"id": "p2", "lang": "en", "text": "Second.", "doc": "D", "number": 7,)"
      R"( "section": "I. Intro", "theme": "T", "topics": ["a", "b"], "paper": "A/1",)"
      R"( "year": 2019, "meeting": 6, "symbols": [], "source": "orig.md", "line": 40})"
      "\n";
  Result<ParseResult> result = ParseJsonLines(text, "in.jsonl");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_TRUE(result->warnings.empty());
  ASSERT_EQ(result->paragraphs.size(), 2u);

  const Paragraph& p1 = result->paragraphs[0];
  EXPECT_EQ(p1.id, "p1");
  EXPECT_EQ(p1.lang, Language::kFrench);
  EXPECT_EQ(p1.text, "Premier paragraphe (A/RES/70/1).");
  EXPECT_EQ(p1.doc, "in");
  EXPECT_EQ(p1.number, "1");
  EXPECT_EQ(p1.parallel, "in/1");
  EXPECT_EQ(p1.symbols, std::vector<std::string>{"A/RES/70/1"});
  EXPECT_EQ(p1.source, "in.jsonl");
  EXPECT_EQ(p1.line, 1u);
  EXPECT_EQ(p1.hash, ContentHash(p1));

  const Paragraph& p2 = result->paragraphs[1];
  EXPECT_EQ(p2.doc, "D");
  EXPECT_EQ(p2.number, "7");
  EXPECT_EQ(p2.parallel, "D/7");
  EXPECT_EQ(p2.section, "I. Intro");
  EXPECT_EQ(p2.theme, "T");
  EXPECT_EQ(p2.topics, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(p2.paper, "A/1");
  EXPECT_EQ(p2.year, 2019);
  EXPECT_EQ(p2.meeting, 6);
  EXPECT_TRUE(p2.symbols.empty());
  EXPECT_EQ(p2.source, "orig.md");
  EXPECT_EQ(p2.line, 40u);
}

TEST(JsonLinesTest, BadLinesAreWarningsNamingTheLine) {
  const std::string text =
      "not json\n"
      "[1, 2]\n"
      R"({"lang": "en", "text": "No id."})"
      "\n"
      R"({"id": "x", "lang": "xx", "text": "Bad language."})"
      "\n"
      R"({"id": "y", "lang": "en", "text": "Bad year.", "year": "2019"})"
      "\n"
      R"({"id": "z", "lang": "en", "text": "Good."})"
      "\n"
      R"({"id": "z", "lang": "en", "text": "Duplicate."})"
      "\n"
      R"({"id": "w", "lang": "en", "text": "   "})"
      "\n"
      R"({"id": "v", "lang": "en", "text": "Huge.", "meeting": 99999999999})"
      "\n";
  Result<ParseResult> result = ParseJsonLines(text, "bad.jsonl");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result->paragraphs.size(), 1u);
  EXPECT_EQ(result->paragraphs[0].id, "z");
  std::vector<std::string> warnings;
  for (const ParseWarning& warning : result->warnings) warnings.push_back(warning.ToString());
  ASSERT_EQ(warnings.size(), 8u);
  EXPECT_EQ(warnings[0], "bad.jsonl:1: not a JSON object (line ignored)");
  EXPECT_EQ(warnings[1], "bad.jsonl:2: not a JSON object (line ignored)");
  EXPECT_EQ(warnings[2], "bad.jsonl:3: no \"id\" (line ignored)");
  EXPECT_TRUE(warnings[3].starts_with("bad.jsonl:4: ")) << warnings[3];
  EXPECT_EQ(warnings[4],
            "bad.jsonl:5: field \"year\" must be a non-negative integer (line ignored)");
  EXPECT_EQ(warnings[5], "bad.jsonl:7: duplicate id \"z\" (first at line 6; line ignored)");
  EXPECT_EQ(warnings[6], "bad.jsonl:8: empty \"text\" (line ignored)");
  EXPECT_EQ(warnings[7],
            "bad.jsonl:9: field \"meeting\" must be a non-negative integer (line ignored)");

  ParseOptions strict;
  strict.strict = true;
  EXPECT_FALSE(ParseJsonLines(text, "bad.jsonl", strict).ok());
}

// Ids end up in TREC run files ("qid Q0 id rank score tag") and on terminals: white space
// and control characters are refused with the line, and the line is skipped.
TEST(JsonLinesTest, IdsWithWhiteSpaceOrControlCharactersAreWarningsNamingTheLine) {
  const std::string text = R"({"id": "a b", "lang": "en", "text": "Space."})"
                           "\n"
                           R"({"id": "a\tb", "lang": "en", "text": "Tab."})"
                           "\n"
                           R"({"id": "a\nb", "lang": "en", "text": "Newline."})"
                           "\n"
                           R"({"id": "a\u001b[31mb", "lang": "en", "text": "Escape."})"
                           "\n"
                           R"({"id": "a\u009bb", "lang": "en", "text": "C1 control."})"
                           "\n"
                           R"({"id": "a\u007f", "lang": "en", "text": "Delete."})"
                           "\n"
                           R"({"id": "ok/é", "lang": "en", "text": "Good."})"
                           "\n";
  Result<ParseResult> result = ParseJsonLines(text, "ids.jsonl");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result->paragraphs.size(), 1u);
  EXPECT_EQ(result->paragraphs[0].id, "ok/é");
  std::vector<std::string> warnings;
  for (const ParseWarning& warning : result->warnings) warnings.push_back(warning.ToString());
  ASSERT_EQ(warnings.size(), 6u);
  EXPECT_EQ(warnings[0],
            "ids.jsonl:1: id has a space at byte 1 (ids may not contain white space or control "
            "characters) (line ignored)");
  EXPECT_TRUE(warnings[1].starts_with("ids.jsonl:2: id has U+0009 at byte 1")) << warnings[1];
  EXPECT_TRUE(warnings[2].starts_with("ids.jsonl:3: id has U+000A at byte 1")) << warnings[2];
  EXPECT_TRUE(warnings[3].starts_with("ids.jsonl:4: id has U+001B at byte 1")) << warnings[3];
  EXPECT_TRUE(warnings[4].starts_with("ids.jsonl:5: id has U+009B at byte 1")) << warnings[4];
  EXPECT_TRUE(warnings[5].starts_with("ids.jsonl:6: id has U+007F at byte 1")) << warnings[5];
}

TEST(BeirCorpusTest, IdsWithWhiteSpaceAreWarnings) {
  const std::string text = R"({"_id": "1 2", "title": "t", "text": "x"})"
                           "\n";
  ParseOptions options;
  options.language = Language::kEnglish;
  Result<ParseResult> result = ParseBeirCorpus(text, "corpus.jsonl", options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_TRUE(result->paragraphs.empty());
  ASSERT_EQ(result->warnings.size(), 1u);
  EXPECT_TRUE(result->warnings[0].ToString().starts_with("corpus.jsonl:1: id has a space"));
}

// A generated id ("<doc>/<lang>/<number>") takes its doc from the file name, which may
// have spaces: they become '_', so such a file still indexes.
TEST(PlainTextTest, GeneratedIdsReplaceWhiteSpaceOfTheFileName) {
  ParseOptions options;
  options.language = Language::kEnglish;
  Result<ParseResult> result = ParsePlainText("One paragraph.\n", "my notes.txt", options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result->paragraphs.size(), 1u);
  EXPECT_EQ(result->paragraphs[0].doc, "my notes");
  EXPECT_EQ(result->paragraphs[0].id, "my_notes/en/1");
}

// Found by json_lines_fuzzer (its line check once counted LF only): CR, LF and CRLF each
// end one line, and warnings and records count lines that way.
TEST(JsonLinesTest, CrLfAndLoneCarriageReturnsEachEndALine) {
  const std::string text = R"({"id": "a", "lang": "en", "text": "One."})"
                           "\r"
                           "bad\r\n"
                           R"({"id": "b", "lang": "en", "text": "Two."})"
                           "\r\r"
                           "worse\n";
  Result<ParseResult> result = ParseJsonLines(text, "cr.jsonl");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result->paragraphs.size(), 2u);
  EXPECT_EQ(result->paragraphs[0].line, 1u);
  EXPECT_EQ(result->paragraphs[1].line, 3u);
  ASSERT_EQ(result->warnings.size(), 2u);
  EXPECT_EQ(result->warnings[0].ToString(), "cr.jsonl:2: not a JSON object (line ignored)");
  EXPECT_EQ(result->warnings[1].ToString(), "cr.jsonl:5: not a JSON object (line ignored)");
}

TEST(JsonLinesTest, ParagraphToJsonRoundTrips) {
  Paragraph p;
  p.doc = "V.21-05340";
  p.lang = Language::kArabic;
  p.number = "16";
  p.section = "ثانيا - خلاصة";
  p.topics = {"الطرق", "quote \" and \\ backslash"};
  p.paper = "CTOC/COP/WG.7/2013/3";
  p.year = 2013;
  p.meeting = 2;
  p.symbols = {"CTOC/COP/WG.7/2013/3"};
  p.text = "نص الفقرة\twith a tab";
  p.source = "ar.md";
  p.line = 47;
  p.id = "V.21-05340/ar/16";
  p.parallel = "V.21-05340/16";
  p.text = "نص الفقرة with a tab";
  p.hash = ContentHash(p);

  const std::string json = ParagraphToJson(p);
  EXPECT_TRUE(json.starts_with(R"({"id":"V.21-05340/ar/16","doc":"V.21-05340","lang":"ar",)"
                               R"("number":"16","parallel":"V.21-05340/16","section":)"))
      << json;
  EXPECT_NE(json.find(R"("theme":null,)"), std::string::npos);
  EXPECT_EQ(json.find('\n'), std::string::npos);

  Result<ParseResult> back = ParseJsonLines(json + "\n", "other.jsonl");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->paragraphs.size(), 1u);
  EXPECT_EQ(back->paragraphs[0], p);
}

TEST(JsonLinesTest, CompendiumRecordsRoundTripThroughJson) {
  Result<ParseResult> parsed =
      ParseFile(testing::SourcePath("corpus/wg7-compendium-2021.en.md").string());
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  std::string lines;
  for (const Paragraph& p : parsed->paragraphs) lines += ParagraphToJson(p) + "\n";
  Result<ParseResult> back = ParseJsonLines(lines, "records.jsonl");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_TRUE(back->warnings.empty());
  EXPECT_EQ(back->paragraphs, parsed->paragraphs);
}

TEST(BeirCorpusTest, ReadsTitleAndTextAsOneRecord) {
  const std::string text =
      R"({"_id": "1", "title": "wing in a slipstream .", "text": "an experimental study"})"
      "\n"
      R"({"_id": 2, "title": "", "text": "second document"})"
      "\n"
      R"({"title": "no id", "text": "x"})"
      "\n";
  ParseOptions options;
  options.language = Language::kEnglish;
  Result<ParseResult> result = ParseBeirCorpus(text, "data/cran/corpus.jsonl", options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result->paragraphs.size(), 2u);
  EXPECT_EQ(result->paragraphs[0].text, "wing in a slipstream . an experimental study");
  EXPECT_EQ(result->paragraphs[0].id, "cran/en/1");
  EXPECT_EQ(result->paragraphs[1].number, "2");
  EXPECT_EQ(result->paragraphs[1].text, "second document");
  ASSERT_EQ(result->warnings.size(), 1u);
  EXPECT_EQ(result->warnings[0].ToString(), "data/cran/corpus.jsonl:3: no \"_id\" (line ignored)");
}

TEST(BeirCorpusTest, ReadsTheCranfieldCorpus) {
  HEXAGLOT_SHARED_DATA_OR_SKIP(path, "cranfield/corpus.jsonl");
  Result<ParseResult> result = ParseFile(path.string());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  // Cranfield documents 471 and 995 are empty: warnings, not records.
  ASSERT_EQ(result->warnings.size(), 2u);
  EXPECT_EQ(result->warnings[0].line, 471u);
  EXPECT_EQ(result->warnings[1].line, 995u);
  ASSERT_EQ(result->paragraphs.size(), 1398u);
  EXPECT_EQ(result->paragraphs[0].id, "cranfield/en/1");
  EXPECT_EQ(result->paragraphs[1397].number, "1400");
}

TEST(InputFormatTest, DetectsFormatFromNameAndContent) {
  EXPECT_EQ(DetectInputFormat(R"({"_id": "1", "text": "x"})", "c.jsonl"), InputFormat::kBeir);
  EXPECT_EQ(DetectInputFormat(R"({"id": "1", "text": "x"})", "-"), InputFormat::kJsonLines);
  EXPECT_EQ(DetectInputFormat("garbage", "c.ndjson"), InputFormat::kJsonLines);
  EXPECT_EQ(DetectInputFormat("# Title\n\nText.\n", "t.md"), InputFormat::kText);
  EXPECT_EQ(DetectInputFormat("1. Text.\n\nV.21-05340 3/11\n", "c.md"), InputFormat::kCompendium);
  EXPECT_EQ(DetectInputFormat("#### **Key topics**\n\nA; b.\n", "c.md"), InputFormat::kCompendium);
  EXPECT_EQ(DetectInputFormat("\xFF\xFE", "x.md"), InputFormat::kText);
  EXPECT_EQ(DetectInputFormat("# I. Intro\n\n1. One.\n", "c.md"), InputFormat::kCompendium);
  EXPECT_EQ(DetectInputFormat("# Intro\n\n1. One.\n", "c.md"), InputFormat::kText);
}

TEST(InputFormatTest, NamesRoundTrip) {
  for (InputFormat format : {InputFormat::kAuto, InputFormat::kCompendium, InputFormat::kJsonLines,
                             InputFormat::kBeir, InputFormat::kText, InputFormat::kUnDocument}) {
    Result<InputFormat> parsed = ParseInputFormat(InputFormatName(format));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, format);
  }
  EXPECT_TRUE(ParseInputFormat("xml").status().IsInvalidArgument());
}

}  // namespace
}  // namespace hexaglot
