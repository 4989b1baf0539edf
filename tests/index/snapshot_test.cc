// Snapshot isolation: a reader keeps the commit it opened; reader threads running during
// a writer's commits each see one consistent generation.

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "hexaglot/index_reader.h"
#include "hexaglot/index_writer.h"
#include "index/reader_access.h"
#include "index_test_util.h"

namespace hexaglot {
namespace {

TEST(SnapshotTest, ReaderKeepsItsCommit) {
  auto storage = IndexStorage::InMemory();
  const std::vector<Paragraph> corpus = testing::SmallCorpus();
  IndexWriterOptions options;
  options.merge_on_commit = false;
  auto writer = IndexWriter::Open(storage, options);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->AddAll(corpus).ok());
  ASSERT_TRUE((*writer)->Commit().ok());
  auto old_reader = IndexReader::Open(storage);
  ASSERT_TRUE(old_reader.ok());

  // Delete, replace, add and force-merge: the old segments' files are removed.
  ASSERT_EQ(*(*writer)->DeleteByTerm("lang", "fr"), 4u);
  Paragraph edited = corpus[0];
  edited.text = "Changed.";
  edited.hash = ContentHash(edited);
  ASSERT_TRUE((*writer)->Replace(edited).ok());
  ASSERT_TRUE((*writer)->ForceMerge().ok());

  EXPECT_EQ((*old_reader)->generation(), 2u);
  EXPECT_EQ((*old_reader)->doc_count(), 12u);
  EXPECT_EQ(**(*old_reader)->Get(corpus[0].id), corpus[0]);
  EXPECT_TRUE((*old_reader)->Get(corpus[4].id)->has_value());
  EXPECT_TRUE((*old_reader)->Check().ok()) << (*old_reader)->Check().ToString();
  Result<IndexStats> old_stats = (*old_reader)->Stats();
  ASSERT_TRUE(old_stats.ok()) << old_stats.status().ToString();
  EXPECT_EQ(old_stats->documents, 12u);

  auto new_reader = (*old_reader)->Reopen();
  ASSERT_TRUE(new_reader.ok());
  EXPECT_EQ((*new_reader)->doc_count(), 8u);
  EXPECT_EQ((**(*new_reader)->Get(corpus[0].id)).text, "Changed.");
  EXPECT_FALSE((*new_reader)->Get(corpus[4].id)->has_value());
}

TEST(SnapshotTest, ExposesSegmentsDeletionsAndNetStatistics) {
  auto storage = IndexStorage::InMemory();
  IndexWriterOptions options;
  options.merge_on_commit = false;
  options.threads = 1;
  auto writer = IndexWriter::Open(storage, options);
  ASSERT_TRUE(writer.ok());
  const std::vector<Paragraph> corpus = testing::SmallCorpus();
  ASSERT_TRUE((*writer)->AddAll(corpus).ok());
  ASSERT_TRUE((*writer)->Commit().ok());
  auto before = IndexReader::Open(storage);
  ASSERT_TRUE(before.ok());
  ASSERT_EQ(*(*writer)->DeleteById(corpus[0].id), 1u);
  ASSERT_TRUE((*writer)->Commit().ok());
  auto after = (*before)->Reopen();
  ASSERT_TRUE(after.ok());

  const auto old_snapshot = index::SnapshotOf(**before);
  const auto snapshot = index::SnapshotOf(**after);
  ASSERT_EQ(snapshot->segments().size(), 1u);
  const index::SegmentView& segment = snapshot->segments()[0];
  EXPECT_EQ(segment.reader, old_snapshot->segments()[0].reader) << "Reopen shares the segments";
  ASSERT_NE(segment.deletions, nullptr);
  EXPECT_TRUE(segment.deletions->IsDeleted(0));
  EXPECT_FALSE(segment.IsLive(0));
  EXPECT_TRUE(segment.IsLive(1));
  const auto en = static_cast<std::size_t>(Language::kEnglish);
  EXPECT_EQ(old_snapshot->stats().doc_count[en], 4u);
  EXPECT_EQ(snapshot->stats().doc_count[en], 3u);
  EXPECT_EQ(old_snapshot->stats().total_length[en][0] - snapshot->stats().total_length[en][0],
            segment.reader->length(0, 0))
      << "the deleted document's text length is subtracted";
  // Document frequencies still count the deleted document until a merge.
  auto info =
      segment.reader->FindTerm(format::TermKey(format::FieldId::kId, std::nullopt, corpus[0].id));
  ASSERT_TRUE(info.ok() && info->has_value());
  EXPECT_EQ((*info)->doc_freq, 1u);

  // Paragraph 2's versions (en, fr, ru: docs 1, 5, 9), in language code order; the one
  // given as `except` is left out.
  const auto ids = [](const std::vector<Paragraph>& paragraphs) {
    std::vector<std::string> out;
    for (const Paragraph& p : paragraphs) out.push_back(p.id);
    return out;
  };
  Result<std::vector<Paragraph>> all = snapshot->GetParallel(corpus[1].parallel);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(ids(*all), (std::vector<std::string>{corpus[1].id, corpus[5].id, corpus[9].id}));
  Result<std::vector<Paragraph>> others =
      snapshot->GetParallel(corpus[1].parallel, std::make_pair(std::size_t{0}, DocId{5}));
  ASSERT_TRUE(others.ok()) << others.status().ToString();
  EXPECT_EQ(ids(*others), (std::vector<std::string>{corpus[1].id, corpus[9].id}));
}

TEST(SnapshotTest, ConcurrentReadersSeeWholeCommits) {
  testing::ScratchFolder folder("snapshot");
  auto storage = IndexStorage::OpenFolder(folder.path().string(), true);
  ASSERT_TRUE(storage.ok());
  IndexWriterOptions options;
  options.threads = 1;
  options.merge_policy.segments_per_tier = 2;
  options.merge_policy.max_merge_at_once = 2;
  auto writer = IndexWriter::Open(*storage, options);
  ASSERT_TRUE(writer.ok());

  // Commit c (generation c + 1) adds 10 documents of doc "c<c>" and deletes the 10 of
  // commit c - 3: a generation's document count and ids are known exactly.
  constexpr int kCommits = 40;
  const auto expected_docs = [](std::uint64_t generation) {
    return std::min<std::uint64_t>(generation - 1, 3) * 10;
  };
  std::atomic<bool> done{false};
  std::atomic<int> reads{0};
  std::mutex failures_mu;
  std::vector<std::string> failures;
  const auto fail = [&](std::string message) {
    std::lock_guard lock(failures_mu);
    failures.push_back(std::move(message));
  };
  constexpr int kReaders = 3;
  std::vector<std::thread> readers;
  readers.reserve(kReaders);
  for (int t = 0; t < kReaders; ++t) {
    readers.emplace_back([&, t] {
      std::unique_ptr<IndexReader> reader;
      while (!done.load()) {
        Result<std::unique_ptr<IndexReader>> next =
            reader ? reader->Reopen() : IndexReader::Open(*storage);
        if (!next.ok()) {
          fail("open: " + next.status().ToString());
          return;
        }
        reader = std::move(*next);
        const std::uint64_t generation = reader->generation();
        if (reader->doc_count() != expected_docs(generation)) {
          fail("generation " + std::to_string(generation) + " has " +
               std::to_string(reader->doc_count()) + " documents");
        }
        // The newest commit's documents are there, the deleted ones are not.
        const std::uint64_t last = generation - 1;
        if (last >= 1) {
          const std::string id = "c" + std::to_string(last) + "/en/" + std::to_string(1 + t);
          Result<std::optional<Paragraph>> got = reader->Get(id);
          if (!got.ok() || !got->has_value()) {
            fail("generation " + std::to_string(generation) + " lacks " + id);
          }
        }
        if (last >= 4) {
          const std::string id = "c" + std::to_string(last - 3) + "/en/1";
          Result<std::optional<Paragraph>> got = reader->Get(id);
          if (!got.ok() || got->has_value()) {
            fail("generation " + std::to_string(generation) + " has " + id);
          }
        }
        if (t == 0) {
          Status check = reader->Check();
          if (!check.ok()) fail("check: " + check.ToString());
        }
        ++reads;
      }
    });
  }
  for (int c = 1; c <= kCommits; ++c) {
    ASSERT_TRUE((*writer)->AddAll(testing::GeneratedParagraphs("c" + std::to_string(c), 10)).ok());
    if (c > 3) {
      ASSERT_EQ(*(*writer)->DeleteByTerm("doc", "c" + std::to_string(c - 3)), 10u);
    }
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  done = true;
  for (std::thread& thread : readers) thread.join();
  EXPECT_TRUE(failures.empty()) << failures.size() << " failures, the first: " << failures[0];
  EXPECT_GT(reads.load(), kCommits);
}

}  // namespace
}  // namespace hexaglot
