#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "hexaglot/ingest.h"
#include "test_data.h"
#include "util/file.h"

namespace hexaglot {
namespace {

TEST(PlainTextTest, BlankLinesSeparateParagraphsAndHeadingsNameSections) {
  const std::string text =
      "<meta charset='utf-8' />\n\n##Title\n\nFirst paragraph\nwrapped **here**.\n\n"
      "### Article  2\n- Second paragraph.\nStill the second.\n   \n\nThird (A/RES/1/1).\n";
  ParseOptions options;
  options.language = Language::kEnglish;
  Result<ParseResult> result = ParsePlainText(text, "dir/treaty.md", options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result->paragraphs.size(), 3u);
  EXPECT_EQ(result->paragraphs[0].text, "First paragraph wrapped here.");
  EXPECT_EQ(result->paragraphs[0].section, "Title");
  EXPECT_EQ(result->paragraphs[0].line, 5u);
  EXPECT_EQ(result->paragraphs[0].id, "treaty/en/1");
  EXPECT_EQ(result->paragraphs[1].text, "Second paragraph. Still the second.");
  EXPECT_EQ(result->paragraphs[1].section, "Article 2");
  EXPECT_EQ(result->paragraphs[2].number, "3");
  EXPECT_EQ(result->paragraphs[2].symbols, std::vector<std::string>{"A/RES/1/1"});
  EXPECT_TRUE(result->warnings.empty());
}

TEST(PlainTextTest, TreatiesGiveNoEmptyOrHeadingOnlyParagraphs) {
  HEXAGLOT_SHARED_DATA_OR_SKIP(dir, "un-treaties-en/original");
  std::size_t files = 0;
  std::size_t paragraphs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".md") continue;
    ++files;
    Result<std::string> text = ReadFileToString(entry.path().string());
    ASSERT_TRUE(text.ok());
    EXPECT_EQ(DetectInputFormat(*text, entry.path().string()), InputFormat::kText) << entry.path();
    ParseOptions options;
    options.format = InputFormat::kText;
    Result<ParseResult> result = ParseFile(entry.path().string(), options);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    for (const Paragraph& p : result->paragraphs) {
      EXPECT_EQ(p.lang, Language::kEnglish) << p.id;
      EXPECT_FALSE(p.text.empty()) << p.id;
      EXPECT_NE(p.text[0], '#') << p.id;
      EXPECT_NE(p.text[0], '<') << p.id;
      EXPECT_NE(p.text[0], ' ') << p.id;
      EXPECT_EQ(p.text.find("  "), std::string::npos) << p.id;
      ASSERT_TRUE(p.section.has_value()) << p.id;
      EXPECT_NE(p.text, *p.section) << p.id;
    }
    paragraphs += result->paragraphs.size();
  }
  EXPECT_EQ(files, 21u);
  EXPECT_GT(paragraphs, 4000u);
}

}  // namespace
}  // namespace hexaglot
