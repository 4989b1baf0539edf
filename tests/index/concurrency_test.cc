// Readers against a busy writer, the test that `.ci/test --tsan` runs under
// ThreadSanitizer (label "concurrency"). Reader threads open, reopen and read (Get,
// doc_count, Stats, Check, posting cursors through the snapshot) while a writer adds
// batches on two indexing threads, deletes, commits and merges. Every reader must see one
// consistent commit: each batch whole or not at all, and counts that agree with the
// documents it can fetch.

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "format/fields.h"
#include "hexaglot/index_reader.h"
#include "hexaglot/index_writer.h"
#include "hexaglot/searcher.h"
#include "index/reader_access.h"
#include "index/snapshot.h"
#include "index_test_util.h"

namespace hexaglot {
namespace {

constexpr int kBatchSize = 8;
constexpr int kBatches = 120;
constexpr int kReaders = 4;

std::string BatchDoc(int batch) { return "b" + std::to_string(batch); }

// Batch b adds kBatchSize paragraphs of doc "b<b>" (ids "b<b>/en/1" ...) and deletes batch
// b - 2, in one commit: every commit holds exactly the last two batches.
std::vector<Paragraph> Batch(int batch) {
  return testing::GeneratedParagraphs(BatchDoc(batch), kBatchSize);
}

// Collects failures from any thread; gtest assertions are for the main thread.
class Failures {
 public:
  void Add(std::string message) {
    std::lock_guard lock(mu_);
    if (messages_.size() < 20) messages_.push_back(std::move(message));
    ++count_;
  }
  std::string Summary() {
    std::lock_guard lock(mu_);
    std::string out = std::to_string(count_) + " failures";
    for (const std::string& message : messages_) out += "\n  " + message;
    return out;
  }
  int count() {
    std::lock_guard lock(mu_);
    return count_;
  }

 private:
  std::mutex mu_;
  std::vector<std::string> messages_;
  int count_ = 0;
};

// Checks one reader: which batches in [low, high] it holds, each whole or absent, and that
// they are two consecutive batches (one at first) that doc_count, Stats and the posting
// lists of "doc" agree with. Returns the newest batch it holds (0: none).
int CheckReader(const IndexReader& reader, int low, int high, Failures* failures) {
  const std::string where = "generation " + std::to_string(reader.generation());
  const std::shared_ptr<const index::Snapshot> snapshot = index::SnapshotOf(reader);
  std::vector<int> present;
  for (int batch = std::max(low, 1); batch <= high; ++batch) {
    int found = 0;
    for (const Paragraph& p : Batch(batch)) {
      Result<std::optional<Paragraph>> got = reader.Get(p.id);
      if (!got.ok()) {
        failures->Add(where + ": Get " + p.id + ": " + got.status().ToString());
        return 0;
      }
      if (got->has_value()) {
        ++found;
        if (**got != p) failures->Add(where + ": " + p.id + " differs");
      }
    }
    // The same through the posting list of the batch's exact "doc" term.
    int posted = 0;
    const Status status = snapshot->ForEachLiveDoc(
        format::TermKey(format::FieldId::kDoc, std::nullopt, BatchDoc(batch)),
        [&](const index::SegmentView&, DocId) {
          ++posted;
          return true;
        });
    if (!status.ok()) failures->Add(where + ": ForEachLiveDoc: " + status.ToString());
    if (found != 0 && found != kBatchSize) {
      failures->Add(where + ": batch " + std::to_string(batch) + " half visible (" +
                    std::to_string(found) + " documents)");
    }
    if (posted != found) {
      failures->Add(where + ": batch " + std::to_string(batch) + ": " + std::to_string(found) +
                    " documents fetched, " + std::to_string(posted) + " posted");
    }
    if (found == kBatchSize) present.push_back(batch);
  }
  const int newest = present.empty() ? 0 : present.back();
  const bool consistent = present.empty() || (newest == 1 && present.size() == 1) ||
                          (present.size() == 2 && present[0] == newest - 1);
  if (!consistent) {
    std::string batches;
    for (int batch : present) batches += " " + std::to_string(batch);
    failures->Add(where + ": holds batches" + batches);
  }
  const std::uint64_t expected = present.size() * kBatchSize;
  if (reader.doc_count() != expected) {
    failures->Add(where + ": doc_count " + std::to_string(reader.doc_count()) + ", expected " +
                  std::to_string(expected));
  }
  Result<IndexStats> stats = reader.Stats();
  if (!stats.ok() || stats->documents != expected) {
    failures->Add(where + ": Stats " +
                  (stats.ok() ? std::to_string(stats->documents) : stats.status().ToString()));
  }
  return newest;
}

// Searches on `reader`, whose newest batch is `newest`, see the same commit: a word every
// paragraph has finds all its live documents, a filter on the newest batch that batch.
void CheckSearches(const std::shared_ptr<const IndexReader>& reader, int newest,
                   Failures* failures) {
  const std::string where = "generation " + std::to_string(reader->generation()) + ": search ";
  Result<std::unique_ptr<Searcher>> searcher = Searcher::Create(reader);
  if (!searcher.ok()) {
    failures->Add(where + searcher.status().ToString());
    return;
  }
  SearchOptions options;
  options.k = 100;
  options.language = QueryLanguage::Given(Language::kEnglish);
  options.snippets = false;
  for (const std::string& query : {std::string("item"), "doc:" + BatchDoc(newest)}) {
    Result<SearchResults> results = (*searcher)->Search(query, options);
    if (!results.ok()) {
      failures->Add(where + query + ": " + results.status().ToString());
      continue;
    }
    const std::size_t expected = query == "item" ? reader->doc_count() : kBatchSize;
    if (results->hits.size() != expected) {
      failures->Add(where + query + ": " + std::to_string(results->hits.size()) +
                    " hits, expected " + std::to_string(expected));
    }
    for (const Hit& hit : results->hits) {
      if (hit.paragraph.doc != BatchDoc(newest) && hit.paragraph.doc != BatchDoc(newest - 1)) {
        failures->Add(where + query + ": hit " + hit.paragraph.id + " of another commit");
      }
    }
  }
}

TEST(ConcurrencyTest, ReadersSeeWholeCommitsWhileTheWriterAddsDeletesAndMerges) {
  std::shared_ptr<IndexStorage> storage = IndexStorage::InMemory();
  IndexWriterOptions options;
  options.threads = 2;
  options.memory_budget_bytes = 1u << 20;
  options.merge_policy.segments_per_tier = 2;
  options.merge_policy.max_merge_at_once = 2;
  auto writer = IndexWriter::Open(storage, options);
  ASSERT_TRUE(writer.ok());

  // The newest batch whose Commit returned: a reader opened after reading it holds at
  // least that batch, and at most one more.
  std::atomic<int> committed{0};
  std::atomic<bool> done{false};
  std::atomic<int> reads{0};
  Failures failures;
  std::vector<std::thread> readers;
  readers.reserve(kReaders);
  for (int t = 0; t < kReaders; ++t) {
    readers.emplace_back([&, t] {
      std::shared_ptr<const IndexReader> reader;
      int newest_seen = 0;
      for (int round = 0; !done.load() && failures.count() == 0; ++round) {
        const int before = committed.load();
        // Alternate fresh opens and reopens (which share unchanged segments).
        Result<std::unique_ptr<IndexReader>> next =
            reader && round % 2 == 0 ? reader->Reopen() : IndexReader::Open(storage);
        if (!next.ok()) {
          failures.Add("open: " + next.status().ToString());
          return;
        }
        reader = std::move(*next);
        const int after = committed.load();
        const int newest = CheckReader(*reader, before - 2, after + 1, &failures);
        if (newest < before || newest > after + 1 || newest < newest_seen) {
          failures.Add("reader " + std::to_string(t) + " holds batch " + std::to_string(newest) +
                       " after " + std::to_string(newest_seen) + ", committed " +
                       std::to_string(before) + ".." + std::to_string(after));
        }
        newest_seen = newest;
        if (newest > 0) CheckSearches(reader, newest, &failures);
        if (t == 0 && round % 4 == 0) {
          const Status check = reader->Check();
          if (!check.ok()) failures.Add("Check: " + check.ToString());
        }
        ++reads;
      }
    });
  }

  for (int batch = 1; batch <= kBatches && failures.count() == 0; ++batch) {
    ASSERT_TRUE((*writer)->AddAll(Batch(batch)).ok());
    if (batch >= 3) {
      Result<std::uint64_t> deleted = (*writer)->DeleteByTerm("doc", BatchDoc(batch - 2));
      ASSERT_TRUE(deleted.ok() && *deleted == kBatchSize) << "batch " << batch;
    }
    ASSERT_TRUE((*writer)->Commit().ok());
    committed.store(batch);
    // Merges commit too, without changing what is visible.
    if (batch % 25 == 0) {
      ASSERT_TRUE((*writer)->ForceMerge().ok());
    }
    if (batch % 25 == 12) {
      ASSERT_TRUE((*writer)->MaybeMerge().ok());
    }
  }
  done = true;
  for (std::thread& thread : readers) thread.join();
  EXPECT_EQ(failures.count(), 0) << failures.Summary();
  EXPECT_GT(reads.load(), kReaders);
  RecordProperty("reads", reads.load());
}

}  // namespace
}  // namespace hexaglot
