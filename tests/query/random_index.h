// Random indexes for the query tests: made-up words (not UN text) in English and French,
// over several segments with deletions, and the analysers that compile queries for them.

#ifndef HEXAGLOT_TESTS_QUERY_RANDOM_INDEX_H_
#define HEXAGLOT_TESTS_QUERY_RANDOM_INDEX_H_

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "hexaglot/index_reader.h"
#include "hexaglot/index_storage.h"
#include "hexaglot/index_writer.h"
#include "index/reader_access.h"
#include "query/compiled_query.h"

namespace hexaglot::testing {

// Made-up words that the English and French analysers keep as they are (no stop words,
// nothing for the stemmers to cut).
inline const std::vector<std::string>& RandomWords() {
  static const std::vector<std::string> words = {
      "zorbat",  "kelvop",  "mirtax",  "dovrin", "quastel", "brimok",  "tulvan",  "hesprak",
      "norvik",  "plendor", "gaxtul",  "fromik", "yostal",  "wembrok", "cradvin", "lusmot",
      "vektor",  "jindral", "poskav",  "rublin", "tazmok",  "ilvrak",  "sodrep",  "ombrik",
      "kalvort", "zintap",  "mosdrel", "fenrok", "gulvash", "parnok"};
  return words;
}

struct RandomIndexOptions {
  int documents = 2400;
  int commits = 4;                // Each commit makes (at least) one segment.
  double delete_fraction = 0.08;  // Of the documents of each commit, deleted afterwards.
  double french_fraction = 0.3;
};

// A Zipf-like draw over the words: the first ones are much more frequent, so that their
// posting lists span several blocks of 128.
inline const std::string& DrawWord(std::mt19937_64& rng) {
  const std::vector<std::string>& words = RandomWords();
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const double u = unit(rng);
  const auto index = static_cast<std::size_t>(std::pow(u, 2.2) * static_cast<double>(words.size()));
  return words[std::min(index, words.size() - 1)];
}

inline Paragraph RandomParagraph(std::mt19937_64& rng, int number, double french_fraction) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Paragraph p;
  p.lang = unit(rng) < french_fraction ? Language::kFrench : Language::kEnglish;
  p.doc = "RAND/" + std::to_string(number % 7);
  p.number = std::to_string(number);
  p.id = p.doc + "/" + std::string(LanguageCode(p.lang)) + "/" + p.number;
  p.parallel = p.doc + "/" + p.number;
  const int length = 1 + static_cast<int>(rng() % 40);
  for (int w = 0; w < length; ++w) {
    if (w > 0) p.text += ' ';
    // One word in eight is the language's commonest stop word: indexed by default.
    if (rng() % 8 == 0) {
      p.text += p.lang == Language::kFrench ? "les" : "the";
    } else {
      p.text += DrawWord(rng);
    }
  }
  if (rng() % 3 != 0) p.theme = "theme " + RandomWords()[rng() % 4];
  if (rng() % 2 == 0) p.topics = {RandomWords()[rng() % 6], RandomWords()[6 + rng() % 3]};
  p.symbols = {"SYM/" + std::to_string(rng() % 5)};
  p.year = 2010 + static_cast<int>(rng() % 10);
  p.source = "random";
  p.line = static_cast<std::uint32_t>(number);
  p.hash = ContentHash(p);
  return p;
}

struct RandomIndex {
  std::shared_ptr<const IndexReader> reader;  // Null when building failed.
  std::vector<Paragraph> paragraphs;          // Every paragraph added, in order.
  std::set<std::string> deleted;              // The ids deleted afterwards.
};

// Builds the index in memory: `commits` segments, each followed by deletions.
inline RandomIndex BuildRandomIndex(std::uint64_t seed, const RandomIndexOptions& options) {
  RandomIndex index;
  std::mt19937_64 rng(seed);
  std::shared_ptr<IndexStorage> storage = IndexStorage::InMemory();
  IndexWriterOptions writer_options;
  writer_options.merge_on_commit = false;
  writer_options.threads = 1;
  Result<std::unique_ptr<IndexWriter>> writer = IndexWriter::Open(storage, writer_options);
  EXPECT_TRUE(writer.ok()) << writer.status().ToString();
  if (!writer.ok()) return index;
  const int per_commit = options.documents / options.commits;
  int number = 0;
  for (int c = 0; c < options.commits; ++c) {
    std::vector<std::string> ids;
    for (int i = 0; i < per_commit; ++i) {
      Paragraph p = RandomParagraph(rng, ++number, options.french_fraction);
      ids.push_back(p.id);
      EXPECT_TRUE((*writer)->Add(p).ok());
      index.paragraphs.push_back(std::move(p));
    }
    EXPECT_TRUE((*writer)->Commit().ok());
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (const std::string& id : ids) {
      if (unit(rng) < options.delete_fraction) {
        EXPECT_TRUE((*writer)->DeleteById(id).ok());
        index.deleted.insert(id);
      }
    }
  }
  EXPECT_TRUE((*writer)->Commit().ok());
  Result<std::unique_ptr<IndexReader>> reader = IndexReader::Open(storage);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  if (reader.ok()) index.reader = std::shared_ptr<const IndexReader>(*std::move(reader));
  return index;
}

// The analysers a query of one language compiles with.
struct QueryAnalyzers {
  std::unique_ptr<Analyzer> words;
  std::unique_ptr<Analyzer> prefixes;

  static QueryAnalyzers For(Language language, const AnalyzerOptions& options) {
    AnalyzerOptions prefix_options = options;
    prefix_options.stem = false;
    prefix_options.remove_stop_words = false;
    QueryAnalyzers analyzers;
    analyzers.words = *Analyzer::Create(language, options);
    analyzers.prefixes = *Analyzer::Create(language, prefix_options);
    return analyzers;
  }
};

}  // namespace hexaglot::testing

#endif  // HEXAGLOT_TESTS_QUERY_RANDOM_INDEX_H_
