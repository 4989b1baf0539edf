// Reproducible builds: the same input, threads and memory budget give the same index
// files, byte for byte, however the indexing threads are scheduled (several mid-run
// flushes included), and so the same rankings, equal scores included.

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "hexaglot/index_reader.h"
#include "hexaglot/index_writer.h"
#include "hexaglot/ingest.h"
#include "hexaglot/searcher.h"
#include "index_test_util.h"
#include "util/file.h"

namespace hexaglot {
namespace {

using testing::ScratchFolder;

constexpr std::uint64_t kSmallBudget = std::uint64_t{1} << 20;

// About `bytes` of generated JSON Lines in 30 documents, English and French: words of
// a made-up vocabulary drawn by a fixed generator, with many repeated short paragraphs so
// that equal scores are common.
std::string GeneratedJsonLines(std::size_t bytes) {
  std::uint64_t state = 0x9E3779B97F4A7C15u;
  const auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  static const char* syllables[] = {"ba", "ko", "ri", "mu", "te", "sa", "lo", "ni",
                                    "pe", "du", "ga", "vi", "ro", "ze", "fa", "hu"};
  std::string out;
  for (int i = 0; out.size() < bytes; ++i) {
    const char* lang = i % 5 == 0 ? "fr" : "en";
    std::string text;
    if (i % 4 == 0) {
      text = "border patrol report";  // Identical paragraphs: ties.
    } else {
      const int words = 8 + static_cast<int>(next() % 40);
      for (int w = 0; w < words; ++w) {
        if (w > 0) text += ' ';
        // Zipf-like: short words often, long rare ones seldom.
        const int length = 1 + static_cast<int>(next() % 2 + (next() % 8 == 0 ? next() % 4 : 0));
        for (int s = 0; s < length; ++s) text += syllables[next() % 16];
      }
    }
    out += "{\"id\": \"p" + std::to_string(i) + "\", \"doc\": \"D" + std::to_string(i % 30) +
           "\", \"lang\": \"" + lang + "\", \"text\": \"" + text + "\"}\n";
  }
  return out;
}

// Every file of an index folder (the writer's LOCK aside), by name.
std::map<std::string, std::string> IndexFiles(const std::filesystem::path& folder) {
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (name == "LOCK") continue;
    Result<std::string> bytes = ReadFileToString(entry.path().string());
    EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
    if (bytes.ok()) files[name] = std::move(*bytes);
  }
  return files;
}

// The segments named by the files (name before the first '.').
std::size_t SegmentCount(const std::map<std::string, std::string>& files) {
  std::map<std::string, int> segments;
  for (const auto& [name, bytes] : files) {
    if (name.find('.') != std::string::npos) ++segments[name.substr(0, name.find('.'))];
  }
  return segments.size();
}

// Ids and scores of the top 40 hits of a few queries, in rank order.
std::vector<std::pair<std::string, double>> Rankings(const std::filesystem::path& folder) {
  std::vector<std::pair<std::string, double>> out;
  Result<std::unique_ptr<IndexReader>> reader = IndexReader::Open(folder.string());
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  if (!reader.ok()) return out;
  Result<std::unique_ptr<Searcher>> searcher =
      Searcher::Create(std::shared_ptr<const IndexReader>(std::move(*reader)));
  EXPECT_TRUE(searcher.ok()) << searcher.status().ToString();
  if (!searcher.ok()) return out;
  SearchOptions options;
  options.k = 40;
  options.snippets = false;
  options.language = QueryLanguage::Given(Language::kEnglish);
  for (const char* query : {"border", "patrol report", "bako", "rimu OR tesa"}) {
    Result<SearchResults> results = (*searcher)->Search(query, options);
    EXPECT_TRUE(results.ok()) << query << ": " << results.status().ToString();
    if (!results.ok()) continue;
    for (const Hit& hit : results->hits) out.emplace_back(hit.paragraph.id, hit.score);
    out.emplace_back("--", 0.0);
  }
  return out;
}

// Builds an index in each of `first` and `second` the same way: `fill` adds to a writer
// with `threads` threads and the small budget, then the build commits. Then both must
// hold the same files byte for byte, several segments (the budget forced flushes during
// the run) and rank alike.
template <typename Fill>
void ExpectIdenticalBuilds(int threads, Fill fill) {
  ScratchFolder first("first");
  ScratchFolder second("second");
  for (const ScratchFolder* folder : {&first, &second}) {
    IndexWriterOptions options;
    options.threads = threads;
    options.memory_budget_bytes = kSmallBudget;
    options.merge_on_commit = false;
    Result<std::unique_ptr<IndexWriter>> writer =
        IndexWriter::Open(folder->path().string(), options);
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    fill(**writer);
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  const std::map<std::string, std::string> a = IndexFiles(first.path());
  const std::map<std::string, std::string> b = IndexFiles(second.path());
  EXPECT_GE(SegmentCount(a), static_cast<std::size_t>(threads) + 2)
      << "the budget forces flushes during the run";
  ASSERT_EQ(a.size(), b.size());
  for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j) {
    EXPECT_EQ(i->first, j->first);
    EXPECT_TRUE(i->second == j->second) << i->first << " differs between the two builds";
  }
  const std::vector<std::pair<std::string, double>> ranked = Rankings(first.path());
  EXPECT_GT(ranked.size(), 100u);
  EXPECT_EQ(ranked, Rankings(second.path()));
}

class ReproducibleBuildTest : public ::testing::TestWithParam<int> {};

TEST_P(ReproducibleBuildTest, StreamedUpdateWithFlushesGivesIdenticalFiles) {
  ScratchFolder input("input");
  std::filesystem::create_directories(input.path());
  const std::string path = (input.path() / "records.jsonl").string();
  std::ofstream(path, std::ios::binary) << GeneratedJsonLines(std::size_t{5} << 19);
  ExpectIdenticalBuilds(GetParam(), [&](IndexWriter& writer) {
    Result<std::unique_ptr<FileRecordSource>> source = FileRecordSource::Open({path});
    ASSERT_TRUE(source.ok()) << source.status().ToString();
    Result<UpdateCounts> counts = writer.Update(**source);
    ASSERT_TRUE(counts.ok()) << counts.status().ToString();
    EXPECT_EQ(counts->added, (*source)->records());
  });
}

TEST_P(ReproducibleBuildTest, AddAllWithFlushesGivesIdenticalFiles) {
  Result<ParseResult> parsed =
      ParseJsonLines(GeneratedJsonLines(std::size_t{3} << 19), "generated.jsonl");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ExpectIdenticalBuilds(GetParam(), [&](IndexWriter& writer) {
    ASSERT_TRUE(writer.AddAll(parsed->paragraphs).ok());
  });
}

INSTANTIATE_TEST_SUITE_P(Threads, ReproducibleBuildTest, ::testing::Values(2, 3));

}  // namespace
}  // namespace hexaglot
