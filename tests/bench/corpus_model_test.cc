#include "corpus_model.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace hexaglot::bench {
namespace {

// Hand-written sentences in the register of the real sources (not UN text).
std::vector<std::string> SampleParagraphs() {
  return {
      "States Parties shall cooperate in the prevention of the smuggling of migrants by land, "
      "sea and air.",
      "(a) Each State Party shall adopt such legislative measures as may be necessary.",
      "The Working Group recommended that States consider the financial investigation of "
      "smuggling networks and the confiscation of proceeds of crime.",
      "Migrants shall not become liable to criminal prosecution for the fact of having been the "
      "object of conduct set forth in this Protocol.",
      "International cooperation between border authorities, prosecutors and financial "
      "intelligence units was identified as a promising practice.",
  };
}

CorpusModel SampleModel() {
  Result<CorpusModel> model = CorpusModel::Learn(SampleParagraphs(), {5, 12, 30});
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  return std::move(model).value();
}

struct Output {
  std::string corpus;
  std::string queries;
};

Output Generate(const CorpusModel& model, std::uint64_t seed, std::uint64_t paragraphs,
                std::uint32_t queries_per_kind) {
  GenerateOptions options;
  options.seed = seed;
  options.paragraphs = paragraphs;
  options.queries_per_kind = queries_per_kind;
  std::ostringstream corpus;
  std::ostringstream queries;
  Result<GenerateStats> stats = GenerateCorpus(model, options, corpus, queries);
  EXPECT_TRUE(stats.ok()) << stats.status().ToString();
  return {corpus.str(), queries.str()};
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Lower-cased ASCII words of a text, punctuation dropped, as the query cutter sees them.
std::string Normalize(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out.push_back(c);
    } else if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if (!out.empty() && out.back() != ' ') {
      out.push_back(' ');
    }
  }
  return " " + out + " ";
}

TEST(CorpusModelTest, LearnRejectsEmptyInput) {
  EXPECT_TRUE(CorpusModel::Learn({}, {10}).status().IsInvalidArgument());
  EXPECT_TRUE(CorpusModel::Learn({"  "}, {10}).status().IsInvalidArgument());
  EXPECT_TRUE(CorpusModel::Learn(SampleParagraphs(), {0}).status().IsInvalidArgument());
}

TEST(CorpusModelTest, VocabularyIsSortedByFrequency) {
  const CorpusModel model = SampleModel();
  ASSERT_FALSE(model.vocabulary().empty());
  EXPECT_EQ(model.vocabulary()[0], "of");  // 7 times, "the" 6 times.
  EXPECT_EQ(model.vocabulary()[1], "the");
  EXPECT_DOUBLE_EQ(model.mean_length(), (5 + 12 + 30) / 3.0);
}

TEST(CorpusModelTest, FitsTheZipfExponent) {
  // Word i (1-based) occurs 840 / i times: an exact Zipf law with s = 1.
  std::string text;
  for (int i = 1; i <= 8; ++i) {
    for (int n = 0; n < 840 / i; ++n) text += "w" + std::to_string(i) + " ";
  }
  Result<CorpusModel> model = CorpusModel::Learn({text}, {10});
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EXPECT_NEAR(model->zipf_exponent(), 1.0, 1e-9);
}

TEST(CorpusModelTest, CompendiumParagraphsDropNumbersAndKeepSubItems) {
  const std::string markdown =
      "# II. Compendium\n"
      "\n"
      "- 4. In 2018, the Secretariat drafted a paper.\n"
      "- (a) The first practice;\n"
      "#### **Key topics**\n"
      "Organized crime; corruption\n"
      "12. Guidance is offered.\n"
      "V.21-05340 3/11\n";
  EXPECT_EQ(CompendiumParagraphs(markdown),
            (std::vector<std::string>{"In 2018, the Secretariat drafted a paper.",
                                      "(a) The first practice;", "Guidance is offered."}));
}

TEST(CorpusModelTest, SameSeedGivesIdenticalBytesAndAnotherSeedDoesNot) {
  const CorpusModel model = SampleModel();
  const Output a = Generate(model, 42, 300, 20);
  const Output b = Generate(model, 42, 300, 20);
  const Output c = Generate(model, 43, 300, 20);
  EXPECT_EQ(a.corpus, b.corpus);
  EXPECT_EQ(a.queries, b.queries);
  EXPECT_NE(a.corpus, c.corpus);
  EXPECT_NE(a.queries, c.queries);
}

TEST(CorpusModelTest, WritesJsonLinesWithLearntLengths) {
  const CorpusModel model = SampleModel();
  const std::vector<std::string> lines = Lines(Generate(model, 1, 500, 0).corpus);
  ASSERT_EQ(lines.size(), 500u);
  std::set<std::size_t> lengths_seen;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const nlohmann::json record = nlohmann::json::parse(lines[i], nullptr, false);
    ASSERT_FALSE(record.is_discarded()) << lines[i];
    char id[32];
    std::snprintf(id, sizeof(id), "gen-%08zu", i + 1);
    EXPECT_EQ(record["id"], id);
    EXPECT_EQ(record["lang"], "en");
    const std::string text = record["text"];
    EXPECT_EQ(text.back(), '.');
    lengths_seen.insert(SplitTokens(text).size());
  }
  EXPECT_EQ(lengths_seen, (std::set<std::size_t>{5, 12, 30}));
}

TEST(CorpusModelTest, GrowsTheVocabularyPastTheLearntWords) {
  const CorpusModel model = SampleModel();
  const std::vector<std::string> lines = Lines(Generate(model, 1, 2000, 0).corpus);
  std::set<std::string> vocabulary(model.vocabulary().begin(), model.vocabulary().end());
  std::set<std::string> novel;
  for (const std::string& line : lines) {
    const std::string text = nlohmann::json::parse(line)["text"];
    for (const std::string_view token : SplitTokens(text)) {
      std::string word(token);
      if (word.back() == '.') word.pop_back();
      if (!vocabulary.contains(word) && !vocabulary.contains(word + ".")) novel.insert(word);
    }
  }
  EXPECT_GT(novel.size(), 10u);
}

// Least-squares slope of log(count) against log(rank), negated, over counts >= min_count.
double FittedExponent(const std::vector<std::uint64_t>& counts_descending,
                      std::uint64_t min_count) {
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  double n = 0;
  for (std::size_t i = 0; i < counts_descending.size() && counts_descending[i] >= min_count; ++i) {
    const double x = std::log(static_cast<double>(i + 1));
    const double y = std::log(static_cast<double>(counts_descending[i]));
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
    ++n;
  }
  return -(n * sxy - sx * sy) / (n * sxx - sx * sx);
}

TEST(CorpusModelTest, GeneratedTextKeepsTheZipfLawPastTheLearntWords) {
  // A source whose word i (of 200) occurs 2400 / i times, in a fixed scrambled order.
  std::vector<std::string> tokens;
  for (int i = 1; i <= 200; ++i) {
    for (int n = 0; n < 2400 / i; ++n) tokens.push_back("w" + std::to_string(i));
  }
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    std::swap(tokens[i], tokens[(i * 7919 + 13) % tokens.size()]);
  }
  std::string text;
  for (const std::string& token : tokens) text += token + " ";
  Result<CorpusModel> model = CorpusModel::Learn({text}, {40});
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  ASSERT_NEAR(model->zipf_exponent(), 1.0, 0.05);

  GenerateOptions options;
  options.paragraphs = 4000;  // 160k tokens: the vocabulary grows to about 670 words.
  options.queries_per_kind = 0;
  std::ostringstream corpus, queries;
  ASSERT_TRUE(GenerateCorpus(*model, options, corpus, queries).ok());
  std::map<std::string, std::uint64_t> counts;
  for (const std::string& line : Lines(corpus.str())) {
    const std::string generated = nlohmann::json::parse(line)["text"];
    for (std::string_view token : SplitTokens(generated)) {
      if (token.back() == '.') token.remove_suffix(1);
      ++counts[std::string(token)];
    }
  }
  std::vector<std::uint64_t> ranked;
  std::uint64_t synthetic = 0;
  for (const auto& [word, count] : counts) {
    ranked.push_back(count);
    if (word[0] != 'w') synthetic += count;
  }
  std::sort(ranked.rbegin(), ranked.rend());
  EXPECT_GT(ranked.size(), 400u);
  // Grown words take the share the law gives ranks 201..~670: about 17% for s = 1.
  EXPECT_NEAR(static_cast<double>(synthetic) / 160000.0, 0.17, 0.03);
  EXPECT_NEAR(FittedExponent(ranked, 20), model->zipf_exponent(), 0.15);
}

TEST(CorpusModelTest, QueriesComeFromTheGeneratedText) {
  const CorpusModel model = SampleModel();
  const Output output = Generate(model, 9, 400, 30);
  std::vector<std::string> documents;
  for (const std::string& line : Lines(output.corpus)) {
    documents.push_back(Normalize(nlohmann::json::parse(line)["text"]));
  }
  int counts[3] = {0, 0, 0};
  for (const std::string& line : Lines(output.queries)) {
    const std::size_t tab1 = line.find('\t');
    const std::size_t tab2 = line.find('\t', tab1 + 1);
    ASSERT_NE(tab2, std::string::npos) << line;
    const std::string qid = line.substr(0, tab1);
    EXPECT_EQ(line.substr(tab1 + 1, tab2 - tab1 - 1), "en");
    const std::string query = line.substr(tab2 + 1);
    if (qid.starts_with("phrase-")) {
      ++counts[2];
      ASSERT_TRUE(query.size() > 2 && query.front() == '"' && query.back() == '"') << query;
      const std::string words = " " + query.substr(1, query.size() - 2) + " ";
      const std::size_t n = SplitTokens(words).size();
      EXPECT_TRUE(n >= 2 && n <= 4) << query;
      EXPECT_TRUE(std::any_of(documents.begin(), documents.end(), [&](const std::string& d) {
        return d.find(words) != std::string::npos;
      })) << query;
    } else {
      const bool is_and = qid.starts_with("and-");
      ++counts[is_and ? 1 : 0];
      EXPECT_TRUE(is_and || qid.starts_with("or-")) << qid;
      std::vector<std::string> terms;
      for (const std::string_view token : SplitTokens(query)) {
        if (token != "AND") terms.emplace_back(token);
      }
      EXPECT_TRUE(terms.size() >= 2 && terms.size() <= 5) << query;
      EXPECT_EQ(is_and, query.find(" AND ") != std::string::npos) << query;
      EXPECT_TRUE(std::any_of(documents.begin(), documents.end(), [&](const std::string& d) {
        return std::all_of(terms.begin(), terms.end(), [&](const std::string& t) {
          return d.find(" " + t + " ") != std::string::npos;
        });
      })) << query;
    }
  }
  EXPECT_EQ(counts[0], 30);
  EXPECT_EQ(counts[1], 30);
  EXPECT_EQ(counts[2], 30);
}

}  // namespace
}  // namespace hexaglot::bench
