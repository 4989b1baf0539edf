// Segment reading (lib/format): posting-list decoding through the PostingCursor (Next over
// whole lists, with and without frequencies and positions; Seek with skips, as in a
// conjunction), term lookups in the dictionary, and stored-record fetches.
//
// One seeded synthetic segment (kDocs documents; a 50% and a 5% list, 100k rare terms) in
// a memory directory, built once. Every benchmark checks what it reads against the model
// it was built from; a mismatch fails the benchmark and makes the binary exit non-zero, so
// the CTest smoke run catches it.
//
//   build/dev/bench/format_bench
//
// items_per_second: documents (Next), seeks, lookups or records per second.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "format/fields.h"
#include "format/segment.h"
#include "util/directory.h"

namespace hexaglot::format {
namespace {

bool g_failed = false;

void Fail(benchmark::State& state, const std::string& message) {
  g_failed = true;
  state.SkipWithError(message.c_str());
}

constexpr DocId kDocs = 200000;
constexpr int kRareTerms = 100000;

struct List {
  std::string key;
  std::vector<DocId> docs;
  std::vector<std::uint32_t> freqs;
};

struct Fixture {
  std::unique_ptr<Directory> directory;
  std::unique_ptr<SegmentReader> reader;
  List dense;   // Every other document: long runs of small gaps.
  List sparse;  // About one document in 20.
  std::vector<std::string> rare_keys;
  std::vector<std::uint32_t> stored_sizes;
  std::uint64_t dense_bytes = 0;  // Postings bytes of the dense list (skip data included).
  std::uint64_t sparse_bytes = 0;
};

List MakeList(std::string key, double density, std::mt19937* rng) {
  List list{std::move(key), {}, {}};
  std::bernoulli_distribution take(density);
  for (DocId d = 0; d < kDocs; ++d) {
    if (!take(*rng)) continue;
    list.docs.push_back(d);
    list.freqs.push_back((*rng)() % 4 == 0 ? 2 + (*rng)() % 6 : 1);
  }
  return list;
}

const Fixture& GetFixture() {
  static const Fixture* fixture = [] {
    auto* f = new Fixture;
    std::mt19937 rng(2024);
    f->directory = NewMemoryDirectory();
    auto writer = SegmentWriter::Create(f->directory.get(), "bench");
    if (!writer.ok()) std::abort();
    for (DocId d = 0; d < kDocs; ++d) {
      SegmentDocument doc;
      doc.language = Language::kEnglish;
      doc.lengths = {20 + static_cast<std::uint32_t>(rng() % 200), 4, 8};
      std::string stored = "paragraph " + std::to_string(d) + ": ";
      while (stored.size() < 300 + d % 500) stored += "text of the paragraph, more or less ";
      f->stored_sizes.push_back(static_cast<std::uint32_t>(stored.size()));
      doc.stored = std::move(stored);
      if (!(*writer)->AddDocument(doc).ok()) std::abort();
    }
    f->dense = MakeList(TermKey(FieldId::kText, Language::kEnglish, "a-dense"), 0.5, &rng);
    f->sparse = MakeList(TermKey(FieldId::kText, Language::kEnglish, "b-sparse"), 0.05, &rng);
    std::vector<std::uint32_t> positions;
    auto add = [&](const List& list) {
      if (!(*writer)->StartTerm(list.key).ok()) std::abort();
      for (std::size_t i = 0; i < list.docs.size(); ++i) {
        positions.clear();
        for (std::uint32_t p = 0; p < list.freqs[i]; ++p) positions.push_back(p * 3 + 1);
        if (!(*writer)->AddPosting(list.docs[i], list.freqs[i], positions).ok()) std::abort();
      }
      if (!(*writer)->FinishTerm().ok()) std::abort();
    };
    add(f->dense);
    add(f->sparse);
    for (int t = 0; t < kRareTerms; ++t) {
      char term[16];
      std::snprintf(term, sizeof(term), "w%07d", t * 7);
      List rare{TermKey(FieldId::kText, Language::kEnglish, term), {}, {}};
      const DocId first = static_cast<DocId>(rng() % (kDocs - 10));
      for (DocId d = first; d < first + 1 + rng() % 3; ++d) {
        rare.docs.push_back(d);
        rare.freqs.push_back(1);
      }
      f->rare_keys.push_back(rare.key);
      add(rare);
    }
    if (!(*writer)->Finish().ok()) std::abort();
    auto reader = SegmentReader::Open(f->directory.get(), "bench");
    if (!reader.ok()) std::abort();
    f->reader = std::move(*reader);
    // Keys sort as dense, sparse, then the rare terms: each list ends where the next starts.
    std::unique_ptr<TermIterator> it = f->reader->Terms();
    const std::uint64_t dense = it->info().postings_offset;
    it->Next();
    const std::uint64_t sparse = it->info().postings_offset;
    it->Next();
    f->dense_bytes = sparse - dense;
    f->sparse_bytes = it->info().postings_offset - sparse;
    return f;
  }();
  return *fixture;
}

std::unique_ptr<PostingCursor> Open(benchmark::State& state, const List& list, bool positions) {
  const Fixture& f = GetFixture();
  Result<std::optional<TermInfo>> info = f.reader->FindTerm(list.key);
  if (!info.ok() || !info->has_value()) {
    Fail(state, "term not found");
    return nullptr;
  }
  Result<std::unique_ptr<PostingCursor>> cursor = f.reader->OpenCursor(**info, positions);
  if (!cursor.ok()) {
    Fail(state, cursor.status().ToString());
    return nullptr;
  }
  return std::move(*cursor);
}

// Next over the whole list; range(0): 0 dense, 1 sparse; range(1): also read freq().
void BM_CursorNext(benchmark::State& state) {
  const Fixture& f = GetFixture();
  const List& list = state.range(0) == 0 ? f.dense : f.sparse;
  const bool freqs = state.range(1) != 0;
  std::uint64_t expected = 0;
  for (std::size_t i = 0; i < list.docs.size(); ++i) {
    expected += list.docs[i] + (freqs ? list.freqs[i] : 0);
  }
  for (auto _ : state) {
    std::unique_ptr<PostingCursor> cursor = Open(state, list, false);
    if (!cursor) return;
    std::uint64_t sum = 0;
    for (DocId d = cursor->doc(); d != kEndDoc; d = cursor->Next()) {
      sum += d + (freqs ? cursor->freq() : 0);
    }
    if (sum != expected) return Fail(state, "cursor read different postings");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * list.docs.size()));
  state.counters["bits_per_posting"] =
      static_cast<double>((state.range(0) == 0 ? f.dense_bytes : f.sparse_bytes) * 8) /
      static_cast<double>(list.docs.size());
}
BENCHMARK(BM_CursorNext)->ArgsProduct({{0, 1}, {0, 1}});

// Next with the positions of every document, on the dense list.
void BM_CursorPositions(benchmark::State& state) {
  const Fixture& f = GetFixture();
  std::uint64_t expected = 0;
  for (std::uint32_t freq : f.dense.freqs) expected += freq;
  std::vector<std::uint32_t> positions;
  for (auto _ : state) {
    std::unique_ptr<PostingCursor> cursor = Open(state, f.dense, true);
    if (!cursor) return;
    std::uint64_t count = 0;
    for (DocId d = cursor->doc(); d != kEndDoc; d = cursor->Next()) {
      if (!cursor->Positions(&positions).ok()) return Fail(state, "positions");
      count += positions.size();
    }
    if (count != expected) return Fail(state, "wrong number of positions");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * f.dense.docs.size()));
}
BENCHMARK(BM_CursorPositions);

// A conjunction's inner loop: the sparse list drives, the dense one Seeks (skipping
// blocks through the skip data); range(0) = 1 adds a ShallowSeek before each Seek, as
// block-max WAND does.
void BM_CursorSeek(benchmark::State& state) {
  const Fixture& f = GetFixture();
  std::size_t expected = 0;
  {
    std::vector<DocId> both;
    std::set_intersection(f.sparse.docs.begin(), f.sparse.docs.end(), f.dense.docs.begin(),
                          f.dense.docs.end(), std::back_inserter(both));
    expected = both.size();
  }
  const bool shallow = state.range(0) != 0;
  for (auto _ : state) {
    std::unique_ptr<PostingCursor> dense = Open(state, f.dense, false);
    if (!dense) return;
    std::size_t matches = 0;
    for (DocId target : f.sparse.docs) {
      if (shallow) benchmark::DoNotOptimize(dense->ShallowSeek(target));
      if (dense->Seek(target) == target) ++matches;
    }
    if (matches != expected) return Fail(state, "Seek found different documents");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * f.sparse.docs.size()));
}
BENCHMARK(BM_CursorSeek)->Arg(0)->Arg(1);

// FindTerm of random present keys among 100k.
void BM_TermLookup(benchmark::State& state) {
  const Fixture& f = GetFixture();
  std::mt19937 rng(3);
  std::vector<std::size_t> order(4096);
  for (auto& i : order) i = rng() % f.rare_keys.size();
  std::size_t next = 0;
  for (auto _ : state) {
    const std::string& key = f.rare_keys[order[next++ % order.size()]];
    Result<std::optional<TermInfo>> found = f.reader->FindTerm(key);
    if (!found.ok() || !found->has_value()) return Fail(state, "term not found");
    benchmark::DoNotOptimize(found->value().doc_freq);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_TermLookup);

// Stored(doc) of random documents: one block decompressed per record.
void BM_StoredFetch(benchmark::State& state) {
  const Fixture& f = GetFixture();
  std::mt19937 rng(4);
  std::uint64_t bytes = 0;
  for (auto _ : state) {
    const DocId doc = static_cast<DocId>(rng() % kDocs);
    Result<std::string> record = f.reader->Stored(doc);
    if (!record.ok() || record->size() != f.stored_sizes[doc]) {
      return Fail(state, "stored record differs");
    }
    bytes += record->size();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_StoredFetch);

}  // namespace
}  // namespace hexaglot::format

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return hexaglot::format::g_failed ? 1 : 0;
}
