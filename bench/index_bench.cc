// Indexing: paragraphs -> committed index (analysis, inversion, segment writing, commit),
// on 1 and 2 threads, in memory; force-merging the resulting segments; Get by id.
// Corpus: the English UN treaties of ../shared/data (1217 articles, 1.2 MB of text).

#include <benchmark/benchmark.h>

#include <algorithm>
#include <random>
#include <span>
#include <string>

#include "hexaglot/index_reader.h"
#include "hexaglot/index_writer.h"
#include "hexaglot/ingest.h"

namespace hexaglot {
namespace {

const std::vector<Paragraph>& Treaties() {
  static const std::vector<Paragraph> paragraphs = [] {
    Result<ParseResult> parsed = ParseFile(std::string(HEXAGLOT_SHARED_DATA_DIR) +
                                           "/un-treaties-en/un_treaties_en_articles.jsonl");
    return parsed.ok() ? std::move(parsed->paragraphs) : std::vector<Paragraph>();
  }();
  return paragraphs;
}

std::uint64_t TextBytes(const std::vector<Paragraph>& paragraphs) {
  std::uint64_t bytes = 0;
  for (const Paragraph& p : paragraphs) bytes += p.text.size();
  return bytes;
}

// Args: threads, memory budget in MiB.
void BM_IndexTreaties(benchmark::State& state) {
  const std::vector<Paragraph>& paragraphs = Treaties();
  if (paragraphs.size() < 1000) {
    state.SkipWithError("../shared/data/un-treaties-en is missing");
    return;
  }
  IndexWriterOptions options;
  options.threads = static_cast<int>(state.range(0));
  options.memory_budget_bytes = static_cast<std::uint64_t>(state.range(1)) << 20;
  for (auto _ : state) {
    auto storage = IndexStorage::InMemory();
    auto writer = IndexWriter::Open(storage, options);
    if (!writer.ok() || !(*writer)->AddAll(paragraphs).ok() || !(*writer)->Commit().ok()) {
      state.SkipWithError("indexing failed");
      return;
    }
    auto reader = IndexReader::Open(storage);
    if (!reader.ok() || (*reader)->doc_count() != paragraphs.size()) {
      state.SkipWithError("the index does not hold every paragraph");
      return;
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * TextBytes(paragraphs)));
  state.counters["paragraphs/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * paragraphs.size()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_IndexTreaties)
    ->Args({1, 256})
    ->Args({2, 256})
    ->Args({1, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// Force-merging ten segments (ten commits of a tenth of the corpus each).
void BM_ForceMergeTreaties(benchmark::State& state) {
  const std::vector<Paragraph>& paragraphs = Treaties();
  if (paragraphs.size() < 1000) {
    state.SkipWithError("../shared/data/un-treaties-en is missing");
    return;
  }
  IndexWriterOptions options;
  options.threads = 1;
  options.merge_on_commit = false;
  constexpr std::size_t kSegments = 10;
  const std::size_t per_segment = (paragraphs.size() + kSegments - 1) / kSegments;
  std::uint64_t segments = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto storage = IndexStorage::InMemory();
    auto writer = IndexWriter::Open(storage, options);
    if (!writer.ok()) {
      state.SkipWithError("indexing failed");
      return;
    }
    for (std::size_t begin = 0; begin < paragraphs.size(); begin += per_segment) {
      const std::size_t count = std::min(per_segment, paragraphs.size() - begin);
      if (!(*writer)->AddAll(std::span(paragraphs).subspan(begin, count)).ok() ||
          !(*writer)->Commit().ok()) {
        state.SkipWithError("indexing failed");
        return;
      }
    }
    segments = (*IndexReader::Open(storage))->Stats()->segments.size();
    state.ResumeTiming();
    if (!(*writer)->ForceMerge().ok()) {
      state.SkipWithError("merge failed");
      return;
    }
    state.PauseTiming();
    auto reader = IndexReader::Open(storage);
    if (!reader.ok() || (*reader)->doc_count() != paragraphs.size() ||
        (*reader)->Stats()->segments.size() != 1) {
      state.SkipWithError("the merged index is not one segment with every paragraph");
      return;
    }
    state.ResumeTiming();
  }
  state.counters["segments_merged"] = static_cast<double>(segments);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * TextBytes(paragraphs)));
}
BENCHMARK(BM_ForceMergeTreaties)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_GetById(benchmark::State& state) {
  const std::vector<Paragraph>& paragraphs = Treaties();
  if (paragraphs.size() < 1000) {
    state.SkipWithError("../shared/data/un-treaties-en is missing");
    return;
  }
  auto storage = IndexStorage::InMemory();
  {
    auto writer = IndexWriter::Open(storage);
    if (!writer.ok() || !(*writer)->AddAll(paragraphs).ok() || !(*writer)->Commit().ok()) {
      state.SkipWithError("indexing failed");
      return;
    }
  }
  auto reader = IndexReader::Open(storage);
  std::mt19937 rng(3);
  for (auto _ : state) {
    const Paragraph& wanted = paragraphs[rng() % paragraphs.size()];
    Result<std::optional<Paragraph>> got = (*reader)->Get(wanted.id);
    if (!got.ok() || !got->has_value() || (*got)->text != wanted.text) {
      state.SkipWithError("Get returned another paragraph");
      return;
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GetById);

}  // namespace
}  // namespace hexaglot

BENCHMARK_MAIN();
