// The index API on an in-memory and an on-disk storage: the same suite for both.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <thread>

#include "hexaglot/analyzer.h"
#include "hexaglot/index_reader.h"
#include "hexaglot/index_storage.h"
#include "hexaglot/index_writer.h"
#include "index/storage.h"
#include "index_test_util.h"

namespace hexaglot {
namespace {

using testing::GeneratedParagraphs;
using testing::MakeParagraph;
using testing::SmallCorpus;

enum class StorageKind { kMemory, kDisk };

class IndexApiTest : public ::testing::TestWithParam<StorageKind> {
 protected:
  void SetUp() override {
    if (GetParam() == StorageKind::kMemory) {
      storage_ = IndexStorage::InMemory();
    } else {
      folder_ = std::make_unique<testing::ScratchFolder>("api");
      Result<std::shared_ptr<IndexStorage>> storage =
          IndexStorage::OpenFolder(folder_->path().string(), true);
      ASSERT_TRUE(storage.ok()) << storage.status().ToString();
      storage_ = *storage;
    }
  }

  std::unique_ptr<IndexWriter> OpenWriter(const IndexWriterOptions& options = {}) {
    Result<std::unique_ptr<IndexWriter>> writer = IndexWriter::Open(storage_, options);
    EXPECT_TRUE(writer.ok()) << writer.status().ToString();
    return writer.ok() ? std::move(*writer) : nullptr;
  }
  std::unique_ptr<IndexReader> OpenReader() {
    Result<std::unique_ptr<IndexReader>> reader = IndexReader::Open(storage_);
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    return reader.ok() ? std::move(*reader) : nullptr;
  }
  Directory* dir() const { return index::DirectoryOf(*storage_); }
  void WriteJunk(const std::string& name) {
    auto file = dir()->NewWritableFile(name, WriteMode::kCreateNew);
    ASSERT_TRUE(file.ok()) << file.status().ToString();
    ASSERT_TRUE((*file)->Append("junk").ok());
    ASSERT_TRUE((*file)->Close().ok());
  }
  std::vector<std::string> Files() const {
    Result<std::vector<std::string>> files = dir()->ListFiles();
    EXPECT_TRUE(files.ok());
    return files.ok() ? *files : std::vector<std::string>();
  }
  void ExpectCheckClean(const IndexReader& reader) {
    Status status = reader.Check();
    EXPECT_TRUE(status.ok()) << status.ToString();
  }

  std::unique_ptr<testing::ScratchFolder> folder_;
  std::shared_ptr<IndexStorage> storage_;
};

TEST_P(IndexApiTest, NoIndexIsNotFound) {
  Result<std::unique_ptr<IndexReader>> reader = IndexReader::Open(storage_);
  ASSERT_FALSE(reader.ok());
  EXPECT_TRUE(reader.status().IsNotFound()) << reader.status().ToString();
}

TEST_P(IndexApiTest, NewIndexIsCommittedEmpty) {
  auto writer = OpenWriter();
  ASSERT_NE(writer, nullptr);
  EXPECT_EQ(writer->generation(), 1u);
  auto reader = OpenReader();
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->generation(), 1u);
  EXPECT_EQ(reader->doc_count(), 0u);
  ExpectCheckClean(*reader);
  Result<IndexStats> stats = reader->Stats();
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->documents, 0u);
  EXPECT_TRUE(stats->segments.empty());
  EXPECT_TRUE(stats->languages.empty());
}

TEST_P(IndexApiTest, CommittedParagraphsReadBackEqual) {
  const std::vector<Paragraph> corpus = SmallCorpus();
  auto writer = OpenWriter();
  ASSERT_NE(writer, nullptr);
  for (const Paragraph& p : corpus) ASSERT_TRUE(writer->Add(p).ok());
  ASSERT_TRUE(writer->Commit().ok());
  EXPECT_EQ(writer->generation(), 2u);
  auto reader = OpenReader();
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->doc_count(), corpus.size());
  for (const Paragraph& p : corpus) {
    Result<std::optional<Paragraph>> got = reader->Get(p.id);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    ASSERT_TRUE(got->has_value()) << p.id;
    EXPECT_EQ(**got, p);
  }
  Result<std::optional<Paragraph>> missing = reader->Get("TEST/1/en/99");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
  ExpectCheckClean(*reader);
}

TEST_P(IndexApiTest, UncommittedChangesAreInvisibleAndDiscarded) {
  {
    auto writer = OpenWriter();
    ASSERT_NE(writer, nullptr);
    for (const Paragraph& p : SmallCorpus()) ASSERT_TRUE(writer->Add(p).ok());
    auto reader = OpenReader();
    EXPECT_EQ(reader->doc_count(), 0u);
  }
  auto writer = OpenWriter();
  ASSERT_NE(writer, nullptr);
  EXPECT_EQ(writer->generation(), 1u);
  EXPECT_EQ(OpenReader()->doc_count(), 0u);
}

TEST_P(IndexApiTest, StatsCountLanguagesTermsAndFiles) {
  const std::vector<Paragraph> corpus = SmallCorpus();
  auto writer = OpenWriter();
  ASSERT_TRUE(writer->AddAll(corpus).ok());
  ASSERT_TRUE(writer->Commit().ok());
  Result<IndexStats> stats = OpenReader()->Stats();
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->documents, 12u);
  EXPECT_EQ(stats->deleted_documents, 0u);
  ASSERT_EQ(stats->languages.size(), 3u);
  // Body text lengths: the analyzer's positions, last + 1, summed per language.
  std::map<Language, std::uint64_t> expected_length;
  for (const Paragraph& p : corpus) {
    auto analyzer = Analyzer::Create(p.lang);
    ASSERT_TRUE(analyzer.ok());
    Result<std::vector<Token>> tokens = (*analyzer)->Analyze(p.text);
    ASSERT_TRUE(tokens.ok());
    expected_length[p.lang] += tokens->empty() ? 0 : tokens->back().position + 1;
  }
  EXPECT_EQ(stats->languages[0].language, Language::kEnglish);
  EXPECT_EQ(stats->languages[1].language, Language::kFrench);
  EXPECT_EQ(stats->languages[2].language, Language::kRussian);
  for (const IndexLanguageStats& language : stats->languages) {
    EXPECT_EQ(language.documents, 4u);
    EXPECT_EQ(language.text_length, expected_length[language.language]);
    EXPECT_GT(language.terms, 20u);
  }
  EXPECT_GT(stats->terms, stats->languages[0].terms);
  EXPECT_GE(stats->postings, stats->terms);
  EXPECT_GT(stats->bits_per_posting, 0.0);
  std::uint64_t bytes = 0;
  bool has_manifest = false;
  bool has_postings = false;
  for (const IndexFileKindStats& kind : stats->files) {
    bytes += kind.bytes;
    has_manifest = has_manifest || kind.kind == "manifest";
    has_postings = has_postings || kind.kind == "postings";
  }
  EXPECT_TRUE(has_manifest);
  EXPECT_TRUE(has_postings);
  EXPECT_EQ(bytes, stats->bytes);
}

TEST_P(IndexApiTest, DeletesByIdAndByTerm) {
  std::vector<Paragraph> corpus = SmallCorpus();
  std::vector<Paragraph> other = {MakeParagraph("TEST/2", Language::kEnglish, 1, "Other text."),
                                  MakeParagraph("TEST/2", Language::kFrench, 1, "Autre texte.")};
  IndexWriterOptions options;
  options.merge_on_commit = false;  // Keep the deleted documents to count them.
  auto writer = OpenWriter(options);
  ASSERT_TRUE(writer->AddAll(corpus).ok());
  ASSERT_TRUE(writer->AddAll(other).ok());
  ASSERT_TRUE(writer->Commit().ok());

  EXPECT_EQ(*writer->DeleteById("TEST/1/en/2"), 1u);
  EXPECT_EQ(*writer->DeleteById("TEST/1/en/2"), 0u);
  EXPECT_EQ(*writer->DeleteById("no such id"), 0u);
  // Exact theme values are compared case-folded, in every language.
  EXPECT_EQ(*writer->DeleteByTerm("theme_exact", "BORDER MANAGEMENT"), 3u);
  EXPECT_EQ(*writer->DeleteByTerm("lang", "RU"), 4u);
  EXPECT_TRUE(writer->DeleteByTerm("lang", "xx").status().IsInvalidArgument());
  EXPECT_TRUE(writer->DeleteByTerm("text", "border").status().IsInvalidArgument());
  EXPECT_TRUE(writer->DeleteByTerm("nonsense", "x").status().IsInvalidArgument());
  // Not visible before the commit.
  EXPECT_EQ(OpenReader()->doc_count(), 14u);
  ASSERT_TRUE(writer->Commit().ok());
  auto reader = OpenReader();
  EXPECT_EQ(reader->doc_count(), 6u);
  EXPECT_FALSE(reader->Get("TEST/1/en/1")->has_value());
  EXPECT_FALSE(reader->Get("TEST/1/ru/3")->has_value());
  EXPECT_TRUE(reader->Get("TEST/1/fr/3")->has_value());
  Result<IndexStats> stats = reader->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->deleted_documents, 8u);
  for (const IndexLanguageStats& language : stats->languages) {
    EXPECT_NE(language.language, Language::kRussian);
    EXPECT_EQ(language.documents, language.language == Language::kEnglish ? 1u : 5u);
  }
  ExpectCheckClean(*reader);

  // A whole document in all its languages.
  EXPECT_EQ(*writer->DeleteByTerm("doc", "TEST/1"), 4u);
  ASSERT_TRUE(writer->Commit().ok());
  reader = OpenReader();
  EXPECT_EQ(reader->doc_count(), 2u);
  ExpectCheckClean(*reader);
}

TEST_P(IndexApiTest, ReplaceKeepsOneLiveDocumentPerId) {
  std::vector<Paragraph> corpus = SmallCorpus();
  auto writer = OpenWriter();
  ASSERT_TRUE(writer->AddAll(corpus).ok());
  ASSERT_TRUE(writer->Commit().ok());
  Paragraph edited = corpus[1];
  edited.text = "An edited paragraph about maritime rescue.";
  edited.hash = ContentHash(edited);
  ASSERT_TRUE(writer->Replace(edited).ok());
  // Replacing a document that is still buffered works too.
  Paragraph again = edited;
  again.text = "Edited twice.";
  ASSERT_TRUE(writer->Replace(again).ok());
  ASSERT_TRUE(writer->Commit().ok());
  auto reader = OpenReader();
  EXPECT_EQ(reader->doc_count(), corpus.size());
  EXPECT_EQ((*reader->Get(edited.id))->text, "Edited twice.");
  ExpectCheckClean(*reader);
}

TEST_P(IndexApiTest, DeleteHidesOnlyEarlierDocuments) {
  const Paragraph p = SmallCorpus()[0];
  auto writer = OpenWriter();
  ASSERT_TRUE(writer->Add(p).ok());
  EXPECT_EQ(*writer->DeleteById(p.id), 1u);
  ASSERT_TRUE(writer->Add(p).ok());
  ASSERT_TRUE(writer->Commit().ok());
  auto reader = OpenReader();
  EXPECT_EQ(reader->doc_count(), 1u);
  EXPECT_EQ(**reader->Get(p.id), p);
  ExpectCheckClean(*reader);
}

TEST_P(IndexApiTest, SmallBudgetFlushesSegmentsAndForceMergeJoinsThem) {
  const std::vector<Paragraph> docs = GeneratedParagraphs("GEN", 6000);
  IndexWriterOptions options;
  options.memory_budget_bytes = 1 << 20;
  options.threads = 1;
  options.merge_on_commit = false;
  auto writer = OpenWriter(options);
  ASSERT_TRUE(writer->AddAll(docs).ok());
  ASSERT_TRUE(writer->Commit().ok());
  auto reader = OpenReader();
  Result<IndexStats> stats = reader->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_GE(stats->segments.size(), 2u) << "a 1 MiB budget must flush more than once";
  EXPECT_EQ(reader->doc_count(), docs.size());

  ASSERT_EQ(*writer->DeleteByTerm("id", docs[10].id), 1u);
  ASSERT_TRUE(writer->ForceMerge().ok());
  reader = OpenReader();
  stats = reader->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->segments.size(), 1u);
  EXPECT_EQ(stats->deleted_documents, 0u);
  EXPECT_EQ(reader->doc_count(), docs.size() - 1);
  EXPECT_FALSE(reader->Get(docs[10].id)->has_value());
  for (std::size_t i : {0u, 11u, 2999u, 5999u}) EXPECT_EQ(**reader->Get(docs[i].id), docs[i]);
  ExpectCheckClean(*reader);
}

TEST_P(IndexApiTest, ParallelAddAllIndexesEverything) {
  const std::vector<Paragraph> docs = GeneratedParagraphs("PAR", 1500);
  IndexWriterOptions options;
  options.threads = 3;
  options.merge_on_commit = false;
  auto writer = OpenWriter(options);
  ASSERT_TRUE(writer->AddAll(docs).ok());
  ASSERT_TRUE(writer->Commit().ok());
  auto reader = OpenReader();
  EXPECT_EQ(reader->doc_count(), docs.size());
  EXPECT_EQ(reader->Stats()->segments.size(), 3u) << "one segment per indexing thread";
  for (const Paragraph& p : docs) ASSERT_EQ(**reader->Get(p.id), p);
  ExpectCheckClean(*reader);
}

TEST_P(IndexApiTest, MergeOnCommitBoundsTheSegmentCount) {
  IndexWriterOptions options;
  options.threads = 1;
  options.merge_policy.segments_per_tier = 3;
  options.merge_policy.max_merge_at_once = 3;
  auto writer = OpenWriter(options);
  std::uint64_t expected = 0;
  for (int batch = 0; batch < 12; ++batch) {
    const auto docs = GeneratedParagraphs("B" + std::to_string(batch), 10);
    ASSERT_TRUE(writer->AddAll(docs).ok());
    expected += docs.size();
    if (batch % 3 == 2) {
      ASSERT_EQ(*writer->DeleteByTerm("doc", "B" + std::to_string(batch - 1)), 10u);
      expected -= 10;
    }
    ASSERT_TRUE(writer->Commit().ok());
  }
  auto reader = OpenReader();
  EXPECT_EQ(reader->doc_count(), expected);
  EXPECT_LE(reader->Stats()->segments.size(), 3u);
  ExpectCheckClean(*reader);
}

TEST_P(IndexApiTest, InvalidParagraphsChangeNothing) {
  auto writer = OpenWriter();
  Paragraph no_id = SmallCorpus()[0];
  no_id.id.clear();
  EXPECT_TRUE(writer->Add(no_id).IsInvalidArgument());
  Paragraph bad_utf8 = SmallCorpus()[1];
  bad_utf8.text = "abc\xff";
  Status status = writer->Add(bad_utf8);
  EXPECT_TRUE(status.IsInvalidArgument());
  EXPECT_NE(status.message().find(bad_utf8.id), std::string::npos) << status.message();
  std::vector<Paragraph> batch = SmallCorpus();
  batch.push_back(bad_utf8);
  EXPECT_TRUE(writer->AddAll(batch).IsInvalidArgument());
  // The writer is still usable and nothing was added.
  ASSERT_TRUE(writer->Add(SmallCorpus()[2]).ok());
  ASSERT_TRUE(writer->Commit().ok());
  EXPECT_EQ(OpenReader()->doc_count(), 1u);
}

TEST_P(IndexApiTest, OneWriterAtATime) {
  auto writer = OpenWriter();
  ASSERT_NE(writer, nullptr);
  Result<std::unique_ptr<IndexWriter>> second = IndexWriter::Open(storage_);
  ASSERT_FALSE(second.ok());
  // Busy, not a usage error: the caller may retry.
  EXPECT_EQ(second.status().code(), StatusCode::kUnavailable) << second.status().ToString();
  EXPECT_NE(second.status().message().find("index is locked by another writer"), std::string::npos);
  writer.reset();
  EXPECT_TRUE(IndexWriter::Open(storage_).ok());
}

TEST_P(IndexApiTest, LockWaitWaitsForTheOtherWriter) {
  auto writer = OpenWriter();
  ASSERT_NE(writer, nullptr);
  IndexWriterOptions options;
  options.lock_wait = std::chrono::milliseconds(120);
  const auto start = std::chrono::steady_clock::now();
  Result<std::unique_ptr<IndexWriter>> second = IndexWriter::Open(storage_, options);
  EXPECT_GE(std::chrono::steady_clock::now() - start, options.lock_wait);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(second.status().message().find("(waited 120 ms)"), std::string::npos)
      << second.status().message();

  std::thread release([&writer] {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    writer.reset();
  });
  options.lock_wait = std::chrono::seconds(60);
  second = IndexWriter::Open(storage_, options);
  release.join();
  EXPECT_TRUE(second.ok()) << second.status().ToString();
}

TEST_P(IndexApiTest, WriterRefusesAFolderThatIsNotAnIndex) {
  for (const char* name : {"manifest-shipping.txt", "seg-3.pdf", "seg-4.meta"}) WriteJunk(name);
  const std::vector<std::string> before = Files();
  Result<std::unique_ptr<IndexWriter>> writer = IndexWriter::Open(storage_);
  ASSERT_FALSE(writer.ok());
  EXPECT_EQ(writer.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(writer.status().message().find(dir()->description() + " is not empty"),
            std::string::npos)
      << writer.status().message();
  EXPECT_NE(writer.status().message().find("manifest-shipping.txt"), std::string::npos)
      << writer.status().message();
  EXPECT_EQ(Files(), before) << "nothing created or removed";
  if (folder_) {
    EXPECT_FALSE(std::filesystem::exists(folder_->path() / "LOCK")) << "not even the lock file";
  }
  // Readers see no index there.
  EXPECT_TRUE(IndexReader::Open(storage_).status().IsCorruption() ||
              IndexReader::Open(storage_).status().IsNotFound());
}

TEST_P(IndexApiTest, WriterLeavesFilesThatOnlyLookLikeIndexFiles) {
  { auto writer = OpenWriter(); }
  const std::vector<std::string> mine = {"manifest-shipping.txt", "manifest-1", "seg-3.pdf",
                                         "seg-03.meta",           "seg-4",      "seg-5.del-0"};
  for (const std::string& name : mine) WriteJunk(name);
  auto writer = OpenWriter();
  ASSERT_TRUE(writer->Add(SmallCorpus()[0]).ok());
  ASSERT_TRUE(writer->Commit().ok());
  for (const std::string& name : mine) EXPECT_TRUE(*dir()->FileExists(name)) << name;
  auto reader = OpenReader();
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->generation(), 2u);
  ExpectCheckClean(*reader);
}

TEST_P(IndexApiTest, InterruptedFirstRunIsTakenOver) {
  // A first run killed before its first commit leaves at most a temporary manifest.
  WriteJunk("manifest-00000000000000000001.tmp");
  auto writer = OpenWriter();
  ASSERT_NE(writer, nullptr);
  EXPECT_EQ(writer->generation(), 1u);
  EXPECT_EQ(Files(), std::vector<std::string>{"manifest-00000000000000000001"});
}

TEST_P(IndexApiTest, LostManifestIsCorruptionAndTheSegmentsStay) {
  {
    auto writer = OpenWriter();
    ASSERT_TRUE(writer->AddAll(SmallCorpus()).ok());
    ASSERT_TRUE(writer->Commit().ok());
    ASSERT_TRUE(writer->DeleteById(SmallCorpus()[0].id).ok());
    ASSERT_TRUE(writer->Commit().ok());
  }
  for (const std::string& name : Files()) {
    if (name.starts_with("manifest-")) {
      ASSERT_TRUE(dir()->Remove(name).ok());
    }
  }
  const std::vector<std::string> segments = Files();
  ASSERT_FALSE(segments.empty());

  Result<std::unique_ptr<IndexReader>> reader = IndexReader::Open(storage_);
  ASSERT_FALSE(reader.ok());
  EXPECT_TRUE(reader.status().IsCorruption()) << reader.status().ToString();
  EXPECT_NE(reader.status().message().find("but no manifest: the index is damaged"),
            std::string::npos)
      << reader.status().message();
  Result<std::unique_ptr<IndexWriter>> writer = IndexWriter::Open(storage_);
  ASSERT_FALSE(writer.ok());
  EXPECT_TRUE(writer.status().IsCorruption()) << writer.status().ToString();
  EXPECT_EQ(Files(), segments) << "the writer must not start over on the segments";
  IndexWriterOptions rebuild;
  rebuild.rebuild = true;
  EXPECT_TRUE(IndexWriter::Open(storage_, rebuild).status().IsCorruption());
  EXPECT_EQ(Files(), segments);
}

TEST_P(IndexApiTest, ReopenFollowsCommits) {
  auto writer = OpenWriter();
  auto reader = OpenReader();
  ASSERT_TRUE(writer->AddAll(SmallCorpus()).ok());
  ASSERT_TRUE(writer->Commit().ok());
  EXPECT_EQ(reader->doc_count(), 0u);
  auto reopened = reader->Reopen();
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ((*reopened)->doc_count(), 12u);
  EXPECT_EQ((*reopened)->generation(), 2u);
  auto same = (*reopened)->Reopen();
  ASSERT_TRUE(same.ok());
  EXPECT_EQ((*same)->generation(), 2u);
  // A commit without changes writes no generation.
  ASSERT_TRUE(writer->Commit().ok());
  EXPECT_EQ(writer->generation(), 2u);
}

TEST_P(IndexApiTest, AnalyzerOptionsAreStoredAndEnforced) {
  IndexWriterOptions options;
  options.analyzer = AnalyzerOptions{.remove_stop_words = false, .stem = false};
  {
    auto writer = OpenWriter(options);
    ASSERT_NE(writer, nullptr);
  }
  auto reader = OpenReader();
  EXPECT_FALSE(reader->analyzer_options().stem);
  EXPECT_FALSE(reader->analyzer_options().remove_stop_words);
  // Reopening without options takes the stored ones; other options need a rebuild.
  EXPECT_NE(OpenWriter(), nullptr);
  IndexWriterOptions other;
  other.analyzer = AnalyzerOptions{};
  EXPECT_TRUE(IndexWriter::Open(storage_, other).status().IsInvalidArgument());
  other.rebuild = true;
  auto writer = OpenWriter(other);
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer->Commit().ok());
  EXPECT_TRUE(OpenReader()->analyzer_options().stem);
}

TEST_P(IndexApiTest, RebuildReplacesTheDocuments) {
  auto writer = OpenWriter();
  ASSERT_TRUE(writer->AddAll(SmallCorpus()).ok());
  ASSERT_TRUE(writer->Commit().ok());
  writer.reset();
  IndexWriterOptions options;
  options.rebuild = true;
  writer = OpenWriter(options);
  const Paragraph only = MakeParagraph("NEW", Language::kSpanish, 1, "Un texto nuevo.");
  ASSERT_TRUE(writer->Add(only).ok());
  EXPECT_EQ(OpenReader()->doc_count(), 12u) << "the old commit stays until the new one";
  ASSERT_TRUE(writer->Commit().ok());
  auto reader = OpenReader();
  EXPECT_EQ(reader->doc_count(), 1u);
  EXPECT_EQ(**reader->Get(only.id), only);
  ExpectCheckClean(*reader);
}

TEST_P(IndexApiTest, UpdateAddsReplacesAndRemovesWithinScope) {
  std::vector<Paragraph> corpus = SmallCorpus();
  const Paragraph other = MakeParagraph("TEST/2", Language::kEnglish, 1, "Another document.");
  auto writer = OpenWriter();
  ASSERT_TRUE(writer->AddAll(corpus).ok());
  ASSERT_TRUE(writer->Add(other).ok());
  ASSERT_TRUE(writer->Commit().ok());

  // The English version of TEST/1 changes: paragraph 2 edited, 4 removed, 5 added.
  std::vector<Paragraph> english(corpus.begin(), corpus.begin() + 4);
  english[1].text = "Edited.";
  english[1].hash = ContentHash(english[1]);
  english.erase(english.begin() + 3);
  english.push_back(MakeParagraph("TEST/1", Language::kEnglish, 5, "A new paragraph."));
  Result<UpdateCounts> counts = writer->Update(english);
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_EQ(*counts, (UpdateCounts{.added = 1, .changed = 1, .removed = 1, .unchanged = 2}));
  ASSERT_TRUE(writer->Commit().ok());
  auto reader = OpenReader();
  EXPECT_EQ(reader->doc_count(), 13u);
  EXPECT_EQ((*reader->Get("TEST/1/en/2"))->text, "Edited.");
  EXPECT_FALSE(reader->Get("TEST/1/en/4")->has_value());
  EXPECT_TRUE(reader->Get("TEST/1/en/5")->has_value());
  EXPECT_TRUE(reader->Get("TEST/1/fr/4")->has_value()) << "other languages are out of scope";
  EXPECT_TRUE(reader->Get(other.id)->has_value()) << "other documents are out of scope";
  ExpectCheckClean(*reader);

  // The same records again change nothing.
  counts = writer->Update(english);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(*counts, (UpdateCounts{.unchanged = 4}));

  english.push_back(english[0]);
  EXPECT_TRUE(writer->Update(english).status().IsInvalidArgument());

  // An id new to the scope but held by a document outside it moves: one live document.
  Paragraph moved = other;
  moved.doc = "TEST/3";
  moved.text = "Moved.";
  moved.hash = ContentHash(moved);
  counts = writer->Update(std::span(&moved, 1));
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(*counts, (UpdateCounts{.added = 1}));
  ASSERT_TRUE(writer->Commit().ok());
  reader = OpenReader();
  EXPECT_EQ(reader->doc_count(), 13u);
  EXPECT_EQ((*reader->Get(other.id))->text, "Moved.");
}

TEST_P(IndexApiTest, WriterOpenRemovesUnreferencedFiles) {
  { auto writer = OpenWriter(); }
  Directory* dir = index::DirectoryOf(*storage_);
  for (const char* name : {"seg-77.terms", "manifest-00000000000000000009.tmp", "notes.txt"}) {
    auto file = dir->NewWritableFile(name, WriteMode::kCreateNew);
    ASSERT_TRUE(file.ok());
    ASSERT_TRUE((*file)->Append("junk").ok());
    ASSERT_TRUE((*file)->Close().ok());
  }
  auto writer = OpenWriter();
  EXPECT_FALSE(*dir->FileExists("seg-77.terms"));
  EXPECT_FALSE(*dir->FileExists("manifest-00000000000000000009.tmp"));
  EXPECT_TRUE(*dir->FileExists("notes.txt")) << "files that are not the index's stay";
  // New segments are numbered past the leftover's number.
  ASSERT_TRUE(writer->Add(SmallCorpus()[0]).ok());
  ASSERT_TRUE(writer->Commit().ok());
  EXPECT_EQ(OpenReader()->Stats()->segments[0].name, "seg-78");
}

TEST_P(IndexApiTest, WriterCallsFromSeveralThreads) {
  IndexWriterOptions options;
  options.threads = 2;
  auto writer = OpenWriter(options);
  ASSERT_NE(writer, nullptr);
  constexpr int kPerThread = 300;
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      const auto docs = GeneratedParagraphs("T" + std::to_string(t), kPerThread);
      for (int i = 0; i < kPerThread; ++i) {
        EXPECT_TRUE(writer->Add(docs[static_cast<std::size_t>(i)]).ok());
        // Every tenth document is deleted again right away.
        if (i % 10 == 0) {
          EXPECT_EQ(*writer->DeleteById(docs[static_cast<std::size_t>(i)].id), 1u);
        }
      }
    });
  }
  threads.emplace_back([&] {
    for (int c = 0; c < 10; ++c) EXPECT_TRUE(writer->Commit().ok());
  });
  for (std::thread& thread : threads) thread.join();
  ASSERT_TRUE(writer->Commit().ok());
  auto reader = OpenReader();
  EXPECT_EQ(reader->doc_count(), 2u * (kPerThread - kPerThread / 10));
  ExpectCheckClean(*reader);
}

INSTANTIATE_TEST_SUITE_P(Storage, IndexApiTest,
                         ::testing::Values(StorageKind::kMemory, StorageKind::kDisk),
                         [](const ::testing::TestParamInfo<StorageKind>& param_info) {
                           return param_info.param == StorageKind::kMemory ? "Memory" : "Disk";
                         });

}  // namespace
}  // namespace hexaglot
