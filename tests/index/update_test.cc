// Re-indexing an updated compendium: only what changed is rewritten, and counted.

#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <thread>

#include "hexaglot/index_reader.h"
#include "hexaglot/index_writer.h"
#include "hexaglot/ingest.h"
#include "test_data.h"

namespace hexaglot {
namespace {

TEST(UpdateTest, ReindexingAnEditedCompendiumCountsEachChange) {
  Result<ParseResult> parsed =
      ParseFile(testing::SourcePath("corpus/wg7-compendium-2021.en.md").string());
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  const std::vector<Paragraph> original = parsed->paragraphs;
  // The figures (76 unchanged) assume 78 paragraphs; the parser reads 79, so one
  // edit, one removal and one addition leave 77 unchanged.
  ASSERT_EQ(original.size(), 79u);

  auto storage = IndexStorage::InMemory();
  auto writer = IndexWriter::Open(storage);
  ASSERT_TRUE(writer.ok());
  Result<UpdateCounts> first = (*writer)->Update(original);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(*first, (UpdateCounts{.added = 79}));
  ASSERT_TRUE((*writer)->Commit().ok());

  // The next edition: paragraph 10 edited, paragraph 20 gone, one new paragraph.
  std::vector<Paragraph> edition = original;
  Paragraph& edited = edition[10];
  edited.text += " This sentence was added in the test edition.";
  edited.hash = ContentHash(edited);
  const std::string removed_id = edition[20].id;
  edition.erase(edition.begin() + 20);
  Paragraph added = edition.back();
  added.number = "999";
  added.id = added.doc + "/en/999";
  added.parallel = added.doc + "/999";
  added.text = "A paragraph that only the test edition has.";
  added.hash = ContentHash(added);
  edition.push_back(added);

  Result<UpdateCounts> counts = (*writer)->Update(edition);
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_EQ(*counts, (UpdateCounts{.added = 1, .changed = 1, .removed = 1, .unchanged = 77}));
  ASSERT_TRUE((*writer)->Commit().ok());

  auto reader = IndexReader::Open(storage);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->doc_count(), 79u);
  EXPECT_EQ(**(*reader)->Get(edited.id), edited);
  EXPECT_EQ(**(*reader)->Get(added.id), added);
  EXPECT_FALSE((*reader)->Get(removed_id)->has_value());
  EXPECT_EQ(**(*reader)->Get(original[0].id), original[0]);
  EXPECT_TRUE((*reader)->Check().ok()) << (*reader)->Check().ToString();

  // Once more: nothing to do.
  counts = (*writer)->Update(edition);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(*counts, (UpdateCounts{.unchanged = 79}));
}

// Hands out `records` in batches of `batch` from any thread, as FileRecordSource does.
class VectorSource final : public RecordSource {
 public:
  VectorSource(std::vector<Paragraph> records, std::size_t batch)
      : records_(std::move(records)), batch_(batch) {}

  Status Next(std::vector<Paragraph>* records, std::uint64_t* sequence) override {
    std::lock_guard lock(mu_);
    records->clear();
    const std::size_t end = std::min(records_.size(), next_ + batch_);
    records->assign(records_.begin() + static_cast<std::ptrdiff_t>(next_),
                    records_.begin() + static_cast<std::ptrdiff_t>(end));
    *sequence = next_ / batch_;
    next_ = end;
    return Status::OK();
  }

 private:
  std::mutex mu_;
  const std::vector<Paragraph> records_;
  const std::size_t batch_;
  std::size_t next_ = 0;
};

Paragraph Record(const std::string& doc, int number, const std::string& text) {
  Paragraph p;
  p.doc = doc;
  p.lang = Language::kEnglish;
  p.number = std::to_string(number);
  p.id = doc + "/en/" + p.number;
  p.parallel = doc + "/" + p.number;
  p.text = text;
  p.hash = ContentHash(p);
  return p;
}

// Two documents of 300 records each, with text that tells them apart.
std::vector<Paragraph> TwoDocuments() {
  std::vector<Paragraph> records;
  for (int i = 1; i <= 300; ++i) {
    records.push_back(Record("A", i, "alpha paragraph number " + std::to_string(i)));
    records.push_back(Record("B", i, "beta paragraph number " + std::to_string(i)));
  }
  return records;
}

TEST(StreamingUpdateTest, CountsAndIndexAsUpdateOfAllRecords) {
  std::vector<Paragraph> original = TwoDocuments();
  // The same changes through Update(span) and through Update(RecordSource&), on two
  // threads taking batches of 7: the same counts and the same documents.
  std::vector<Paragraph> edition = original;
  edition[10].text += " amended";
  edition[10].hash = ContentHash(edition[10]);
  edition.erase(edition.begin() + 20);
  edition.push_back(Record("A", 999, "a new alpha paragraph"));
  const UpdateCounts expected{.added = 1, .changed = 1, .removed = 1, .unchanged = 598};

  std::shared_ptr<IndexStorage> storages[2] = {IndexStorage::InMemory(), IndexStorage::InMemory()};
  for (int streamed = 0; streamed < 2; ++streamed) {
    IndexWriterOptions options;
    options.threads = 2;
    auto writer = IndexWriter::Open(storages[streamed], options);
    ASSERT_TRUE(writer.ok());
    VectorSource first(original, 7);
    Result<UpdateCounts> counts =
        streamed ? (*writer)->Update(first) : (*writer)->Update(std::span(original));
    ASSERT_TRUE(counts.ok()) << counts.status().ToString();
    EXPECT_EQ(*counts, (UpdateCounts{.added = 600}));
    ASSERT_TRUE((*writer)->Commit().ok());
    VectorSource second(edition, 7);
    counts = streamed ? (*writer)->Update(second) : (*writer)->Update(std::span(edition));
    ASSERT_TRUE(counts.ok()) << counts.status().ToString();
    EXPECT_EQ(*counts, expected) << "streamed: " << streamed;
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  auto plain = IndexReader::Open(storages[0]);
  auto streamed = IndexReader::Open(storages[1]);
  ASSERT_TRUE(plain.ok() && streamed.ok());
  EXPECT_EQ((*streamed)->doc_count(), 600u);
  EXPECT_EQ((*streamed)->doc_count(), (*plain)->doc_count());
  for (const Paragraph& record : edition) {
    Result<std::optional<Paragraph>> got = (*streamed)->Get(record.id);
    ASSERT_TRUE(got.ok() && got->has_value()) << record.id;
    EXPECT_EQ(**got, record);
  }
  EXPECT_FALSE((*streamed)->Get(original[20].id)->has_value());
  EXPECT_TRUE((*streamed)->Check().ok()) << (*streamed)->Check().ToString();
}

TEST(StreamingUpdateTest, AnIdMovedFromADocumentThatJoinsTheScopeLaterIsAChange) {
  auto storage = IndexStorage::InMemory();
  IndexWriterOptions options;
  options.threads = 1;
  auto writer = IndexWriter::Open(storage, options);
  ASSERT_TRUE(writer.ok());
  std::vector<Paragraph> original = {Record("A", 1, "first"), Record("B", 1, "second")};
  Paragraph shared = Record("B", 2, "shared");
  original.push_back(shared);
  ASSERT_TRUE((*writer)->AddAll(original).ok());
  ASSERT_TRUE((*writer)->Commit().ok());

  // The id of B's paragraph 2 now belongs to document A, read before any record of B:
  // Update(span) sees B in scope and calls it changed; so must the stream.
  Paragraph moved = shared;
  moved.doc = "A";
  moved.text = "moved";
  moved.hash = ContentHash(moved);
  const std::vector<Paragraph> edition = {original[0], moved, original[1]};
  VectorSource source(edition, 1);
  Result<UpdateCounts> counts = (*writer)->Update(source);
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_EQ(*counts, (UpdateCounts{.changed = 1, .unchanged = 2}));
  ASSERT_TRUE((*writer)->Commit().ok());
  auto reader = IndexReader::Open(storage);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->doc_count(), 3u);
  EXPECT_EQ((*(*reader)->Get(shared.id))->text, "moved");
}

TEST(StreamingUpdateTest, ADuplicateIdFailsTheWriterAndKeepsTheLastCommit) {
  auto storage = IndexStorage::InMemory();
  auto writer = IndexWriter::Open(storage);
  ASSERT_TRUE(writer.ok());
  std::vector<Paragraph> records = TwoDocuments();
  ASSERT_TRUE((*writer)->AddAll(std::span(records).first(10)).ok());
  ASSERT_TRUE((*writer)->Commit().ok());
  records.push_back(records[400]);
  VectorSource source(records, 50);
  Result<UpdateCounts> counts = (*writer)->Update(source);
  ASSERT_TRUE(counts.status().IsInvalidArgument()) << counts.status().ToString();
  EXPECT_NE(counts.status().message().find("two records have the id \"" + records[400].id),
            std::string::npos)
      << counts.status().ToString();
  EXPECT_EQ((*writer)->Commit().code(), StatusCode::kFailedPrecondition);
  auto reader = IndexReader::Open(storage);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->doc_count(), 10u);
}

// Issue 16, item 2: a rebuild counts the documents it drops as removed (it reported 0).
TEST(UpdateTest, RebuildCountsTheDocumentsItDrops) {
  auto storage = IndexStorage::InMemory();
  {
    auto writer = IndexWriter::Open(storage);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Update(TwoDocuments()).ok());
    ASSERT_TRUE((*writer)->DeleteById("A/en/1").ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  IndexWriterOptions options;
  options.rebuild = true;
  auto writer = IndexWriter::Open(storage, options);
  ASSERT_TRUE(writer.ok());
  VectorSource source({Record("C", 1, "gamma"), Record("C", 2, "delta")}, 1);
  Result<UpdateCounts> counts = (*writer)->Update(source);
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_EQ(*counts, (UpdateCounts{.added = 2, .removed = 599}));
  ASSERT_TRUE((*writer)->Commit().ok());
  auto reader = IndexReader::Open(storage);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->doc_count(), 2u);
}

// Issue 16, item 6: a thread count far beyond the machine's is clamped (it aborted the
// process: a thread that could not start left the others unjoined).
TEST(UpdateTest, AbsurdThreadCountsAreClamped) {
  IndexWriterOptions options;
  options.threads = 100000;
  options.merge_on_commit = false;
  auto storage = IndexStorage::InMemory();
  auto writer = IndexWriter::Open(storage, options);
  ASSERT_TRUE(writer.ok());
  VectorSource source(TwoDocuments(), 7);
  Result<UpdateCounts> counts = (*writer)->Update(source);
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_EQ(counts->added, 600u);
  ASSERT_TRUE((*writer)->Commit().ok());
  auto reader = IndexReader::Open(storage);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->doc_count(), 600u);
  // One segment per inverter used: at most kMaxThreadsPerCore per hardware thread.
  Result<IndexStats> stats = (*reader)->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_LE(stats->segments.size(),
            std::max(1u, std::thread::hardware_concurrency()) * kMaxThreadsPerCore);
}

}  // namespace
}  // namespace hexaglot
