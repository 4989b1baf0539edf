// Bad input never crashes: truncated, binary and random inputs give errors or warnings.

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "hexaglot/ingest.h"
#include "test_data.h"
#include "util/file.h"

namespace hexaglot {
namespace {

using Parser = Result<ParseResult> (*)(std::string_view, std::string_view, const ParseOptions&);

const Parser kParsers[] = {&ParseCompendium, &ParseJsonLines,  &ParseBeirCorpus,
                           &ParsePlainText,  &ParseUnDocument, &ParseInput};

ParseOptions English() {
  ParseOptions options;
  options.language = Language::kEnglish;
  return options;
}

// Runs every parser; each must return a value or an error (checked by being called and
// by the sanitizer build), and records must hold valid fields.
void ParseWithEveryParser(const std::string& text, const ParseOptions& options) {
  for (Parser parser : kParsers) {
    Result<ParseResult> result = parser(text, "fuzz.md", options);
    if (!result.ok()) {
      EXPECT_FALSE(result.status().message().empty());
      continue;
    }
    for (const Paragraph& p : result->paragraphs) {
      EXPECT_FALSE(p.text.empty());
      EXPECT_EQ(p.hash, ContentHash(p));
      EXPECT_FALSE(ParagraphToJson(p).empty());
    }
  }
}

TEST(IngestRobustnessTest, EveryTruncationOfTheCompendiumParses) {
  Result<std::string> corpus =
      ReadFileToString(testing::SourcePath("corpus/wg7-compendium-2021.en.md").string());
  ASSERT_TRUE(corpus.ok());
  std::size_t previous = 0;
  for (std::size_t length = 0; length <= corpus->size(); length += 97) {
    Result<ParseResult> result =
        ParseCompendium(std::string_view(*corpus).substr(0, length), "cut.md", English());
    ASSERT_TRUE(result.ok()) << length << ": " << result.status().ToString();
    EXPECT_GE(result->paragraphs.size() + 1, previous) << length;
    previous = result->paragraphs.size();
  }
}

TEST(IngestRobustnessTest, CutInsideAMultiByteCharacterIsAnError) {
  const std::string text = "# I. Intro\n\n1. Le café.";
  const std::string cut = text.substr(0, text.size() - 2);  // Half of "é".
  Result<ParseResult> result = ParseCompendium(cut, "cut.md", English());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(), "cut.md: invalid UTF-8 at byte offset 21 (line 3)");
}

TEST(IngestRobustnessTest, RandomBytesGiveAnErrorNotACrash) {
  std::mt19937 random(20210715);
  std::uniform_int_distribution<int> byte(0, 255);
  std::size_t errors = 0;
  for (int round = 0; round < 200; ++round) {
    std::string text(static_cast<std::size_t>(random() % 400), '\0');
    for (char& c : text) c = static_cast<char>(byte(random));
    for (Parser parser : kParsers) {
      Result<ParseResult> result = parser(text, "random.bin", English());
      if (!result.ok()) {
        ++errors;
        EXPECT_TRUE(result.status().message().starts_with("random.bin: invalid UTF-8"))
            << result.status().message();
      }
    }
  }
  EXPECT_GT(errors, 900u);
}

TEST(IngestRobustnessTest, RandomMarkupFromTheFormatsAlphabetNeverCrashes) {
  // Pieces that steer the parsers into every state: headings, labels, numbers in several
  // scripts, sub-items, footers, JSON, CJK and right-to-left text.
  const std::vector<std::string> pieces = {"# ",
                                           "#### ",
                                           "**",
                                           "_",
                                           "Key topics",
                                           "关键主题",
                                           "I. ",
                                           "二、",
                                           "أولا - ",
                                           "1. ",
                                           "- ",
                                           "  - ",
                                           "١٢ - ",
                                           "１２．",
                                           "(a) ",
                                           "（b）",
                                           "a) ",
                                           "V.21-05340 3/11",
                                           "\n",
                                           "\n\n",
                                           "\r\n",
                                           "In 2018, for the fifth meeting ",
                                           "(CTOC/COP/WG.7/2018/2)",
                                           "; ",
                                           ".",
                                           "。",
                                           "text ",
                                           "lower ",
                                           "Upper ",
                                           "{\"id\": \"1\", \"lang\": \"en\", \"text\": \"x\"}",
                                           "{\"_id\": 1}",
                                           "\"",
                                           "{",
                                           "[",
                                           "\u200F",
                                           "\u00A0",
                                           "\xEF\xBB\xBF",
                                           "第五次会议",
                                           "2019",
                                           "\t",
                                           "999999999999. ",
                                           "0. ",
                                           "/",
                                           "A/"};
  std::mt19937 random(79);
  for (int round = 0; round < 400; ++round) {
    std::string text;
    const std::size_t count = random() % 60;
    for (std::size_t i = 0; i < count; ++i) text += pieces[random() % pieces.size()];
    ParseWithEveryParser(text, English());
    ParseOptions auto_language;
    auto_language.strict = (round % 2) == 0;
    ParseWithEveryParser(text, auto_language);
  }
}

TEST(IngestRobustnessTest, EmptyAndWhitespaceInputsGiveNoRecords) {
  for (const std::string text : {"", "\n\n", "\xEF\xBB\xBF", " \t\r\n"}) {
    for (Parser parser : {&ParseCompendium, &ParseJsonLines, &ParsePlainText}) {
      Result<ParseResult> result = parser(text, "empty", English());
      ASSERT_TRUE(result.ok()) << result.status().ToString();
      EXPECT_TRUE(result->paragraphs.empty());
      EXPECT_TRUE(result->warnings.empty());
    }
  }
}

TEST(IngestRobustnessTest, DeeplyNestedJsonIsAWarning) {
  const std::string nested = std::string(200000, '[') + "\n" + std::string(200000, '{') + "\n";
  Result<ParseResult> result = ParseJsonLines(nested, "deep.jsonl", English());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_TRUE(result->paragraphs.empty());
  ASSERT_EQ(result->warnings.size(), 2u);
  EXPECT_EQ(result->warnings[1].ToString(), "deep.jsonl:2: not a JSON object (line ignored)");
}

// Limits: one 10 MB line is one paragraph (compendium, plain text) or one record (JSON
// Lines), whole; the parsers hold the input and the records, nothing quadratic.
TEST(IngestRobustnessTest, TenMegabyteLinesAreOneRecordEach) {
  std::string words;
  while (words.size() < (std::size_t{10} << 20)) words += "migrants crossing borders at sea ";
  words.pop_back();
  const std::string compendium = "# I. Introduction\n\n1. " + words + "\n\n2. Short.\n";
  Result<ParseResult> parsed = ParseCompendium(compendium, "long.md", English());
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_EQ(parsed->paragraphs.size(), 2u);
  EXPECT_EQ(parsed->paragraphs[0].text, words);
  EXPECT_EQ(parsed->paragraphs[1].line, 5u);

  Result<ParseResult> plain = ParsePlainText(words + "\n", "long.txt", English());
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  ASSERT_EQ(plain->paragraphs.size(), 1u);
  EXPECT_EQ(plain->paragraphs[0].text, words);

  const std::string json = R"({"id": "long", "lang": "en", "text": ")" + words + "\"}\n";
  Result<ParseResult> lines = ParseJsonLines(json, "long.jsonl");
  ASSERT_TRUE(lines.ok()) << lines.status().ToString();
  ASSERT_EQ(lines->paragraphs.size(), 1u);
  EXPECT_EQ(lines->paragraphs[0].text, words);
}

// Found by json_lines_fuzzer: text without language cues and no ParseOptions::language is
// an error that says how to fix it, in every parser that detects the language.
TEST(IngestRobustnessTest, UndetectableLanguageAsksToNameIt) {
  const std::string digits = "# 1\n\n1. 12345 67890\n";
  for (Parser parser : {&ParseCompendium, &ParsePlainText}) {
    Result<ParseResult> result = parser(digits, "digits.md", ParseOptions());
    ASSERT_FALSE(result.ok());
    EXPECT_TRUE(result.status().IsInvalidArgument());
    EXPECT_EQ(result.status().message(),
              "digits.md: cannot detect the language of the text; name it (ar zh en fr ru es)");
  }
  Result<ParseResult> beir =
      ParseBeirCorpus(R"({"_id": "d1", "text": "12345"})", "corpus.jsonl", ParseOptions());
  ASSERT_FALSE(beir.ok());
  EXPECT_TRUE(beir.status().IsInvalidArgument()) << beir.status().ToString();
  EXPECT_TRUE(ParseCompendium(digits, "digits.md", English()).ok());
}

TEST(IngestRobustnessTest, MissingFileIsNotFound) {
  Result<ParseResult> result = ParseFile("/nonexistent/compendium.md");
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.status().IsNotFound());
}

}  // namespace
}  // namespace hexaglot
