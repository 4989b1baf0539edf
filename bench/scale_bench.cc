// Scale: a million tiny documents (one word each) indexed, committed and read back, to
// show that memory stays within the writer's budget whatever the document count.
// Counters: peak_rss_mib (the process's maximum resident set, getrusage), segments.
// Not a CTest smoke test (minutes under the sanitizers); tests/index/limits_test.cc
// indexes 200,000 in the suite. Run: build/<dir>/bench/scale_bench

#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <string>
#include <vector>

#include "hexaglot/index_reader.h"
#include "hexaglot/index_writer.h"
#include "hexaglot/ingest.h"

namespace hexaglot {
namespace {

double PeakRssMib() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux.
}

// Args: documents, memory budget in MiB.
void BM_IndexTinyDocuments(benchmark::State& state) {
  const auto documents = static_cast<int>(state.range(0));
  static const char* words[] = {"sea", "boat", "court", "visa", "route", "port", "law"};
  std::uint64_t segments = 0;
  for (auto _ : state) {
    IndexWriterOptions options;
    options.threads = 2;
    options.memory_budget_bytes = static_cast<std::uint64_t>(state.range(1)) << 20;
    std::shared_ptr<IndexStorage> storage = IndexStorage::InMemory();
    auto writer = IndexWriter::Open(storage, options);
    if (!writer.ok()) {
      state.SkipWithError("IndexWriter::Open failed");
      return;
    }
    std::vector<Paragraph> batch;
    for (int i = 0; i < documents; ++i) {
      Paragraph p;
      p.id = "t" + std::to_string(i);
      p.doc = "TINY";
      p.number = std::to_string(i);
      p.parallel = p.id;
      p.text = words[i % 7];
      p.hash = ContentHash(p);
      batch.push_back(std::move(p));
      if (batch.size() == 50'000 || i + 1 == documents) {
        if (!(*writer)->AddAll(batch).ok()) {
          state.SkipWithError("AddAll failed");
          return;
        }
        batch.clear();
      }
    }
    if (!(*writer)->Commit().ok()) {
      state.SkipWithError("Commit failed");
      return;
    }
    auto reader = IndexReader::Open(storage);
    Result<IndexStats> stats = reader.ok() ? (*reader)->Stats() : reader.status();
    if (!stats.ok() || stats->documents != static_cast<std::uint64_t>(documents)) {
      state.SkipWithError("the index lost documents");
      return;
    }
    Result<std::optional<Paragraph>> last = (*reader)->Get("t" + std::to_string(documents - 1));
    if (!last.ok() || !last->has_value()) {
      state.SkipWithError("the last document is missing");
      return;
    }
    segments = stats->segments.size();
  }
  state.SetItemsProcessed(state.iterations() * documents);
  state.counters["peak_rss_mib"] = PeakRssMib();
  state.counters["segments"] = static_cast<double>(segments);
}
BENCHMARK(BM_IndexTinyDocuments)
    ->Args({1'000'000, 64})
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

}  // namespace
}  // namespace hexaglot

BENCHMARK_MAIN();
