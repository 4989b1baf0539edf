// Searcher on real text: the embedded compendium (corpus/) and the UDHR in the six
// languages (../shared/data/udhr, a UN/OHCHR text; skipped when absent).

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "api_test_util.h"
#include "hexaglot/index_writer.h"
#include "hexaglot/searcher.h"
#include "test_data.h"
#include "util/utf8.h"

namespace hexaglot {
namespace {

std::unique_ptr<Searcher> IndexAndSearcher(const std::vector<Paragraph>& paragraphs) {
  std::shared_ptr<const IndexReader> reader =
      testing::BuildIndex(IndexStorage::InMemory(), paragraphs);
  if (reader == nullptr) return nullptr;
  Result<std::unique_ptr<Searcher>> searcher = Searcher::Create(std::move(reader));
  EXPECT_TRUE(searcher.ok());
  return searcher.ok() ? *std::move(searcher) : nullptr;
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

class CompendiumSearchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Result<ParseResult> parsed =
        ParseFile(testing::SourcePath("corpus/wg7-compendium-2021.en.md").string());
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    paragraphs_ = new std::vector<Paragraph>(std::move(parsed->paragraphs));
    searcher_ = IndexAndSearcher(*paragraphs_).release();
  }
  static void TearDownTestSuite() {
    delete searcher_;
    delete paragraphs_;
  }

  static SearchResults Search(std::string_view query, std::size_t k = 10) {
    SearchOptions options;
    options.k = k;
    Result<SearchResults> results = searcher_->Search(query, options);
    EXPECT_TRUE(results.ok()) << results.status().ToString();
    return results.ok() ? *std::move(results) : SearchResults();
  }

  static std::vector<Paragraph>* paragraphs_;
  static Searcher* searcher_;
};

std::vector<Paragraph>* CompendiumSearchTest::paragraphs_ = nullptr;
Searcher* CompendiumSearchTest::searcher_ = nullptr;

TEST_F(CompendiumSearchTest, HawalaFindsParagraph12First) {
  const SearchResults results = Search("hawala");
  ASSERT_FALSE(results.hits.empty());
  EXPECT_EQ(results.hits[0].paragraph.number, "12");
  EXPECT_EQ(results.languages, std::vector<Language>{Language::kEnglish});  // Auto: English.
  ASSERT_TRUE(results.hits[0].snippet.has_value());
  bool highlighted = false;
  for (const TextSpan& span : results.hits[0].snippet->highlights) {
    highlighted = highlighted || results.hits[0].paragraph.text.substr(
                                     span.start, span.end - span.start) == "hawala";
  }
  EXPECT_TRUE(highlighted);
}

TEST_F(CompendiumSearchTest, ABadQueryIsInvalidArgumentWithItsColumn) {
  Result<SearchResults> results = searcher_->Search("(hawala OR", SearchOptions());
  ASSERT_TRUE(results.status().IsInvalidArgument());
  EXPECT_NE(results.status().message().find("column"), std::string::npos)
      << results.status().ToString();
}

TEST_F(CompendiumSearchTest, PhraseMatchesOnlyParagraphsWithThePhrase) {
  const std::string phrase = "special investigative techniques";
  const SearchResults results = Search("\"" + phrase + "\"", 1000);
  std::set<std::string> expected;
  for (const Paragraph& p : *paragraphs_) {
    if (Lower(p.text).find(phrase) != std::string::npos) expected.insert(p.id);
  }
  ASSERT_GE(expected.size(), 5u);
  std::set<std::string> found;
  for (const Hit& hit : results.hits) {
    EXPECT_NE(Lower(hit.paragraph.text).find(phrase), std::string::npos) << hit.paragraph.id;
    found.insert(hit.paragraph.id);
  }
  EXPECT_EQ(found, expected);
}

TEST_F(CompendiumSearchTest, ThemeFilterRestrictsToThatTheme) {
  // The filter is required, "rescue" ranks.
  const SearchResults results = Search("theme:\"smuggling by sea\" rescue", 1000);
  std::size_t in_theme = 0;
  for (const Paragraph& p : *paragraphs_) {
    if (p.theme && Lower(*p.theme) == "smuggling by sea") ++in_theme;
  }
  ASSERT_GT(in_theme, 0u);
  EXPECT_EQ(results.hits.size(), in_theme);
  for (const Hit& hit : results.hits) {
    ASSERT_TRUE(hit.paragraph.theme.has_value());
    EXPECT_EQ(Lower(*hit.paragraph.theme), "smuggling by sea");
  }
  // Those with "rescue" come first, with positive scores; the rest score 0.
  ASSERT_FALSE(results.hits.empty());
  EXPECT_GT(results.hits[0].score, 0.0);
  EXPECT_NE(Lower(results.hits[0].paragraph.text).find("rescu"), std::string::npos);
  EXPECT_EQ(results.hits.back().score, 0.0);
}

// The UDHR articles of ../shared/data: doc "UDHR", number = article, parallel by article.
std::vector<Paragraph> UdhrArticles(const std::filesystem::path& path) {
  std::vector<Paragraph> articles;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const nlohmann::json record = nlohmann::json::parse(line, nullptr, false);
    EXPECT_FALSE(record.is_discarded());
    if (record.is_discarded()) continue;
    Paragraph p;
    p.lang = *ParseLanguage(record.value("lang", ""));
    p.doc = "UDHR";
    p.number = std::to_string(record.value("article", -1));
    p.id = "UDHR/" + std::string(LanguageCode(p.lang)) + "/" + p.number;
    p.parallel = "UDHR/" + p.number;
    p.text = record.value("text", "");
    p.source = path.filename().string();
    p.hash = ContentHash(p);
    articles.push_back(std::move(p));
  }
  return articles;
}

bool Unique(const std::string& phrase, const Paragraph& article,
            const std::vector<Paragraph>& all) {
  for (const Paragraph& other : all) {
    if (other.lang == article.lang && other.id != article.id &&
        other.text.find(phrase) != std::string::npos) {
      return false;
    }
  }
  return true;
}

// A phrase of the article that no other article of the language contains: the first
// window of 8 words, or in Chinese the first run of 4 or more Han characters between
// punctuation (a window cut inside a run would end in a unigram that bigram indexing
// never produces).
std::string DistinctivePhrase(const Paragraph& article, const std::vector<Paragraph>& all) {
  const std::u32string chars = utf8::DecodeAll(article.text);
  if (article.lang == Language::kChinese) {
    std::size_t i = 0;
    while (i < chars.size()) {
      std::size_t end = i;
      while (end < chars.size() && chars[end] >= 0x4E00 && chars[end] <= 0x9FFF) ++end;
      if (end - i >= 4) {
        const std::string phrase = utf8::EncodeAll(chars.substr(i, end - i));
        if (Unique(phrase, article, all)) return phrase;
      }
      i = end + 1;
    }
    return {};
  }
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < chars.size(); ++i) {
    if (chars[i] != U' ' && (i == 0 || chars[i - 1] == U' ')) starts.push_back(i);
  }
  starts.push_back(chars.size());
  if (starts.size() < 2) return {};
  const std::size_t units = std::min<std::size_t>(8, starts.size() - 1);
  for (std::size_t from = 0; from + units < starts.size(); ++from) {
    const std::string phrase =
        utf8::EncodeAll(chars.substr(starts[from], starts[from + units] - starts[from]));
    if (Unique(phrase, article, all)) return phrase;
  }
  return {};
}

TEST(UdhrSearchTest, ADistinctivePhraseFindsItsArticleInEveryLanguageAndItsParallels) {
  HEXAGLOT_SHARED_DATA_OR_SKIP(path, "udhr/udhr_articles.jsonl");
  const std::vector<Paragraph> articles = UdhrArticles(path);
  ASSERT_EQ(articles.size(), 186u);
  std::unique_ptr<Searcher> searcher = IndexAndSearcher(articles);
  ASSERT_NE(searcher, nullptr);
  std::set<Language> checked;
  for (const Paragraph& article : articles) {
    if (article.number != "3" && article.number != "9" && article.number != "18" &&
        article.number != "26") {
      continue;
    }
    const std::string phrase = DistinctivePhrase(article, articles);
    ASSERT_FALSE(phrase.empty()) << article.id;
    SCOPED_TRACE(article.id + ": " + phrase);
    SearchOptions options;
    options.language = QueryLanguage::Given(article.lang);
    options.parallel = true;
    Result<SearchResults> results = searcher->Search(Query::Phrase(phrase), options);
    ASSERT_TRUE(results.ok()) << results.status().ToString();
    ASSERT_FALSE(results->hits.empty());
    const Hit& top = results->hits[0];
    EXPECT_EQ(top.paragraph.id, article.id);
    // Its five other versions, in language code order.
    std::vector<std::string> parallel;
    for (const Paragraph& version : top.parallel) parallel.push_back(version.id);
    std::vector<std::string> expected;
    for (const Language language : AllLanguages()) {
      if (language != article.lang) {
        expected.push_back("UDHR/" + std::string(LanguageCode(language)) + "/" + article.number);
      }
    }
    EXPECT_EQ(parallel, expected);
    // Auto detection finds the language of the non-Latin scripts.
    if (article.lang == Language::kArabic || article.lang == Language::kChinese ||
        article.lang == Language::kRussian) {
      Result<SearchResults> detected = searcher->Search(Query::Phrase(phrase), SearchOptions());
      ASSERT_TRUE(detected.ok());
      EXPECT_EQ(detected->languages, std::vector<Language>{article.lang});
      ASSERT_FALSE(detected->hits.empty());
      EXPECT_EQ(detected->hits[0].paragraph.id, article.id);
    }
    checked.insert(article.lang);
  }
  EXPECT_EQ(checked.size(), 6u);
}

TEST(UdhrSearchTest, SnippetsAreValidUtf8InArabicRussianAndChinese) {
  HEXAGLOT_SHARED_DATA_OR_SKIP(path, "udhr/udhr_articles.jsonl");
  const std::vector<Paragraph> articles = UdhrArticles(path);
  std::unique_ptr<Searcher> searcher = IndexAndSearcher(articles);
  ASSERT_NE(searcher, nullptr);
  const std::map<Language, std::string> queries = {{Language::kArabic, "حق التعليم"},
                                                   {Language::kRussian, "право на образование"},
                                                   {Language::kChinese, "受教育的权利"}};
  for (const auto& [language, query] : queries) {
    for (const std::size_t bytes : {std::size_t{40}, std::size_t{97}, std::size_t{240}}) {
      SearchOptions options;
      options.language = QueryLanguage::Given(language);
      options.snippet_bytes = bytes;
      options.k = 20;
      Result<SearchResults> results = searcher->Search(query, options);
      ASSERT_TRUE(results.ok()) << results.status().ToString();
      ASSERT_FALSE(results->hits.empty()) << query;
      // Article 26 is the right to education.
      EXPECT_EQ(results->hits[0].paragraph.number, "26") << query;
      for (const Hit& hit : results->hits) {
        ASSERT_TRUE(hit.snippet.has_value());
        const Snippet& snippet = *hit.snippet;
        EXPECT_TRUE(utf8::Validate(snippet.text).ok()) << hit.paragraph.id;
        EXPECT_EQ(snippet.text,
                  hit.paragraph.text.substr(snippet.window.start,
                                            snippet.window.end - snippet.window.start));
        for (const TextSpan& span : snippet.highlights) {
          EXPECT_GE(span.start, snippet.window.start);
          EXPECT_LE(span.end, snippet.window.end);
          EXPECT_TRUE(
              utf8::Validate(hit.paragraph.text.substr(span.start, span.end - span.start)).ok());
        }
      }
      EXPECT_FALSE(results->hits[0].snippet->highlights.empty()) << query;
    }
  }
}

}  // namespace
}  // namespace hexaglot
