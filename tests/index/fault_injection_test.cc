// Storage failures at every step of a commit, a merge and opening a writer reach the
// caller; the last commit stays readable and complete (same documents, Check clean), and
// the next writer leaves no stray file behind. Each kind of call (create, append, sync,
// close, rename, folder sync, remove) is failed in each way (EIO, ENOSPC, short write) at
// each of its calls, besides every call of any kind in turn.

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <set>
#include <utility>

#include "hexaglot/index_reader.h"
#include "hexaglot/index_writer.h"
#include "index/index_files.h"
#include "index/manifest.h"
#include "index/storage.h"
#include "index_test_util.h"
#include "util/fault_injection_directory.h"

namespace hexaglot {
namespace {

constexpr std::uint64_t kBaseDocs = 6;
constexpr std::uint64_t kNextDocs = 11;  // 6 added, 1 deleted, 1 replaced.

// A memory directory holding generation 2: the first six paragraphs of SmallCorpus.
std::shared_ptr<Directory> BaseIndex() {
  std::shared_ptr<Directory> base = NewMemoryDirectory();
  const std::vector<Paragraph> corpus = testing::SmallCorpus();
  auto writer = IndexWriter::Open(index::WrapDirectory(base));
  EXPECT_TRUE(writer.ok());
  EXPECT_TRUE((*writer)->AddAll(std::span(corpus).first(kBaseDocs)).ok());
  EXPECT_TRUE((*writer)->Commit().ok());
  return base;
}

// A FaultInjectingDirectory over `base` that keeps `base` alive.
std::shared_ptr<FaultInjectingDirectory> Faulty(const std::shared_ptr<Directory>& base) {
  return std::shared_ptr<FaultInjectingDirectory>(
      new FaultInjectingDirectory(base.get()),
      [base](FaultInjectingDirectory* directory) { delete directory; });
}

// The changes committed on top of the base.
void MakeChanges(IndexWriter& writer) {
  const std::vector<Paragraph> corpus = testing::SmallCorpus();
  const Status added = writer.AddAll(std::span(corpus).subspan(kBaseDocs));
  ASSERT_TRUE(added.ok()) << added.ToString();
  ASSERT_EQ(*writer.DeleteById(corpus[0].id), 1u);
  Paragraph edited = corpus[1];
  edited.text = "Edited.";
  edited.hash = ContentHash(edited);
  ASSERT_TRUE(writer.Replace(edited).ok());
}

// The index in `base` opens at generation 2 or 3 with that generation's documents, its
// Check is clean, and the next writer leaves no unreferenced file behind.
void ExpectConsistent(const std::shared_ptr<Directory>& base, const std::string& context,
                      std::uint64_t next_docs = kNextDocs) {
  auto reader = IndexReader::Open(index::WrapDirectory(base));
  ASSERT_TRUE(reader.ok()) << context << ": " << reader.status().ToString();
  const std::uint64_t generation = (*reader)->generation();
  ASSERT_TRUE(generation == 2 || generation == 3) << context << ": generation " << generation;
  EXPECT_EQ((*reader)->doc_count(), generation == 2 ? kBaseDocs : next_docs) << context;
  Status check = (*reader)->Check();
  EXPECT_TRUE(check.ok()) << context << ": " << check.ToString();

  auto writer = IndexWriter::Open(index::WrapDirectory(base));
  ASSERT_TRUE(writer.ok()) << context << ": " << writer.status().ToString();
  auto manifest = index::ReadLatestManifest(base.get());
  ASSERT_TRUE(manifest.ok() && manifest->has_value());
  const std::vector<std::string> referenced = index::ReferencedFiles(**manifest);
  const std::set<std::string> expected(referenced.begin(), referenced.end());
  Result<std::vector<std::string>> files = base->ListFiles();
  ASSERT_TRUE(files.ok());
  const std::vector<std::string> names = std::move(*files);
  for (const std::string& name : names) {
    EXPECT_TRUE(expected.contains(name)) << context << ": leftover " << name;
  }
}

// The files of `base` are exactly those its newest commit references.
void ExpectOnlyTheLastCommitsFiles(const std::shared_ptr<Directory>& base,
                                   const std::string& context) {
  auto manifest = index::ReadLatestManifest(base.get());
  ASSERT_TRUE(manifest.ok() && manifest->has_value()) << context;
  std::vector<std::string> expected = index::ReferencedFiles(**manifest);
  std::sort(expected.begin(), expected.end());
  Result<std::vector<std::string>> files = base->ListFiles();
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(*files, expected) << context;
}

TEST(FaultInjectionTest, AFailedCommitRemovesItsFiles) {
  // A full disk during the commit (partial segment files), during a merge, or a failed
  // manifest rename (complete segment and deletion files): no new writer is opened here,
  // the failed one cleans up after itself.
  const std::vector<std::pair<std::string, std::function<void(FaultInjectingDirectory&)>>> faults =
      {{"full disk",
        [](FaultInjectingDirectory& d) { d.FailFrom(FaultOp::kAppend, FaultKind::kShortWrite); }},
       {"failed rename", [](FaultInjectingDirectory& d) { d.FailNth(FaultOp::kRename, 1); }},
       {"failed sync", [](FaultInjectingDirectory& d) { d.FailNth(FaultOp::kSync, 3); }}};
  for (const auto& [name, arm] : faults) {
    for (const bool force_merge : {false, true}) {
      const std::string context = name + (force_merge ? " in ForceMerge" : " in Commit");
      std::shared_ptr<Directory> base = BaseIndex();
      auto faulty = Faulty(base);
      auto writer = IndexWriter::Open(index::WrapDirectory(faulty));
      ASSERT_TRUE(writer.ok());
      MakeChanges(**writer);
      arm(*faulty);
      const Status status = force_merge ? (*writer)->ForceMerge() : (*writer)->Commit();
      ASSERT_TRUE(status.IsIOError()) << context << ": " << status.ToString();
      ExpectOnlyTheLastCommitsFiles(base, context);
      faulty->ClearFaults();
    }
  }
}

TEST(FaultInjectionTest, AWriterThatFailedToFlushRemovesItsFilesWhenClosed) {
  std::shared_ptr<Directory> base = BaseIndex();
  auto faulty = Faulty(base);
  {
    IndexWriterOptions options;
    options.memory_budget_bytes = 1 << 20;  // AddAll writes segments itself.
    options.threads = 1;
    auto writer = IndexWriter::Open(index::WrapDirectory(faulty), options);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->AddAll(testing::GeneratedParagraphs("a", 2000)).ok());
    faulty->FailFrom(FaultOp::kAppend, FaultKind::kShortWrite);
    const Status added = (*writer)->AddAll(testing::GeneratedParagraphs("b", 2000));
    ASSERT_TRUE(added.IsIOError()) << added.ToString();
  }
  ExpectOnlyTheLastCommitsFiles(base, "after the failed AddAll");
  auto reader = IndexReader::Open(index::WrapDirectory(base));
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->doc_count(), kBaseDocs);
}

TEST(FaultInjectionTest, EveryFailedStepOfACommitKeepsTheLastCommit) {
  // Count the calls a commit makes.
  std::uint64_t commit_calls = 0;
  {
    auto faulty = Faulty(BaseIndex());
    auto writer = IndexWriter::Open(index::WrapDirectory(faulty));
    ASSERT_TRUE(writer.ok());
    MakeChanges(**writer);
    const std::uint64_t before = faulty->Count(FaultOp::kAny);
    ASSERT_TRUE((*writer)->Commit().ok());
    commit_calls = faulty->Count(FaultOp::kAny) - before;
  }
  ASSERT_GT(commit_calls, 10u);
  int failed_commits = 0;
  for (std::uint64_t n = 1; n <= commit_calls; ++n) {
    const std::string context =
        "call " + std::to_string(n) + " of " + std::to_string(commit_calls) + " failed";
    std::shared_ptr<Directory> base = BaseIndex();
    {
      auto faulty = Faulty(base);
      auto writer = IndexWriter::Open(index::WrapDirectory(faulty));
      ASSERT_TRUE(writer.ok());
      MakeChanges(**writer);
      faulty->FailNth(FaultOp::kAny, n, n % 2 == 0 ? FaultKind::kShortWrite : FaultKind::kIOError);
      const Status status = (*writer)->Commit();
      faulty->ClearFaults();
      ASSERT_EQ(faulty->InjectedCount(), 1u) << context;
      if (!status.ok()) {
        ++failed_commits;
        EXPECT_TRUE(status.IsIOError()) << context << ": " << status.ToString();
        // The writer refuses to go on; a new one must be opened.
        EXPECT_EQ((*writer)->Commit().code(), StatusCode::kFailedPrecondition) << context;
        EXPECT_EQ((*writer)->Add(testing::SmallCorpus()[0]).code(),
                  StatusCode::kFailedPrecondition);
      }
    }
    ExpectConsistent(base, context);
  }
  // Only the removal of obsolete files after the rename may fail without failing the commit.
  EXPECT_GT(failed_commits, static_cast<int>(commit_calls) / 2);
}

TEST(FaultInjectionTest, FailuresWhileOpeningAWriterAreReported) {
  std::uint64_t open_calls = 0;
  {
    auto faulty = Faulty(BaseIndex());
    ASSERT_TRUE(IndexWriter::Open(index::WrapDirectory(faulty)).ok());
    open_calls = faulty->Count(FaultOp::kAny);
  }
  for (std::uint64_t n = 1; n <= open_calls; ++n) {
    std::shared_ptr<Directory> base = BaseIndex();
    auto faulty = Faulty(base);
    faulty->FailNth(FaultOp::kAny, n);
    Result<std::unique_ptr<IndexWriter>> writer = IndexWriter::Open(index::WrapDirectory(faulty));
    if (!writer.ok()) {
      EXPECT_TRUE(writer.status().IsIOError()) << writer.status().ToString();
    }
    writer = Status::NotFound("released");  // Drop the writer and its lock.
    ExpectConsistent(base, "open call " + std::to_string(n));
  }
}

// One kind of storage call failing in one way, at each of its calls during a commit.
struct OpFault {
  FaultOp op;
  FaultKind kind;
};

std::string Describe(const OpFault& fault) {
  static const char* kinds[] = {"EIO", "ENOSPC", "short write"};
  return std::string(FaultOpName(fault.op)) + " " + kinds[static_cast<int>(fault.kind)];
}

class FaultInjectionOpTest : public ::testing::TestWithParam<OpFault> {};

// Runs `commit` (which must call the storage) once to count the calls of `op` it makes,
// then once more per call on a fresh base index with that call failing: every failure is
// an IOError with the OS's reason that reaches the caller, and the index stays consistent.
void FailEachCallOf(const OpFault& fault, const std::function<Status(IndexWriter&)>& commit,
                    std::uint64_t changed_docs) {
  std::uint64_t calls = 0;
  {
    auto faulty = Faulty(BaseIndex());
    auto writer = IndexWriter::Open(index::WrapDirectory(faulty));
    ASSERT_TRUE(writer.ok());
    MakeChanges(**writer);
    const std::uint64_t before = faulty->Count(fault.op);
    ASSERT_TRUE(commit(**writer).ok());
    calls = faulty->Count(fault.op) - before;
  }
  const std::string reason =
      fault.kind == FaultKind::kIOError ? "Input/output error" : "No space left on device";
  for (std::uint64_t n = 1; n <= calls; ++n) {
    const std::string context =
        Describe(fault) + " at call " + std::to_string(n) + " of " + std::to_string(calls);
    std::shared_ptr<Directory> base = BaseIndex();
    {
      auto faulty = Faulty(base);
      auto writer = IndexWriter::Open(index::WrapDirectory(faulty));
      ASSERT_TRUE(writer.ok());
      MakeChanges(**writer);
      faulty->FailNth(fault.op, n, fault.kind);
      const Status status = commit(**writer);
      faulty->ClearFaults();
      ASSERT_EQ(faulty->InjectedCount(), 1u) << context;
      // Removing obsolete files after the new manifest is in place, and syncing the
      // folder after that (the commit's last folder sync), are best effort.
      if (fault.op == FaultOp::kRemove || (fault.op == FaultOp::kSyncDirectory && n == calls)) {
        EXPECT_TRUE(status.ok()) << context << ": " << status.ToString();
      } else {
        ASSERT_FALSE(status.ok()) << context << ": the commit succeeded";
        EXPECT_TRUE(status.IsIOError()) << context << ": " << status.ToString();
        EXPECT_NE(status.message().find(reason), std::string::npos)
            << context << ": " << status.message();
        EXPECT_EQ((*writer)->Commit().code(), StatusCode::kFailedPrecondition) << context;
      }
    }
    ExpectConsistent(base, context, changed_docs);
  }
}

TEST_P(FaultInjectionOpTest, EveryCallOfACommitFailingKeepsTheLastCommit) {
  FailEachCallOf(
      GetParam(), [](IndexWriter& writer) { return writer.Commit(); }, kNextDocs);
}

TEST_P(FaultInjectionOpTest, EveryCallOfAForceMergeFailingKeepsTheLastCommit) {
  // ForceMerge flushes the changes and rewrites every segment into one, in one commit.
  FailEachCallOf(
      GetParam(), [](IndexWriter& writer) { return writer.ForceMerge(); }, kNextDocs);
}

INSTANTIATE_TEST_SUITE_P(AllWritingCalls, FaultInjectionOpTest,
                         ::testing::Values(OpFault{FaultOp::kNewWritableFile, FaultKind::kIOError},
                                           OpFault{FaultOp::kNewWritableFile, FaultKind::kNoSpace},
                                           OpFault{FaultOp::kAppend, FaultKind::kIOError},
                                           OpFault{FaultOp::kAppend, FaultKind::kNoSpace},
                                           OpFault{FaultOp::kAppend, FaultKind::kShortWrite},
                                           OpFault{FaultOp::kSync, FaultKind::kIOError},
                                           OpFault{FaultOp::kSync, FaultKind::kNoSpace},
                                           OpFault{FaultOp::kClose, FaultKind::kIOError},
                                           OpFault{FaultOp::kRename, FaultKind::kIOError},
                                           OpFault{FaultOp::kSyncDirectory, FaultKind::kIOError},
                                           OpFault{FaultOp::kRemove, FaultKind::kIOError}),
                         [](const ::testing::TestParamInfo<OpFault>& param) {
                           std::string name = Describe(param.param);
                           for (char& c : name) {
                             if (c == ' ') c = '_';
                           }
                           return name;
                         });

TEST(FaultInjectionTest, FullDiskFailsEveryCommitUntilSpaceIsFreed) {
  std::shared_ptr<Directory> base = BaseIndex();
  auto faulty = Faulty(base);
  {
    auto writer = IndexWriter::Open(index::WrapDirectory(faulty));
    ASSERT_TRUE(writer.ok());
    MakeChanges(**writer);
    faulty->FailFrom(FaultOp::kAppend, FaultKind::kShortWrite);
    const Status status = (*writer)->Commit();
    EXPECT_TRUE(status.IsIOError()) << status.ToString();
    EXPECT_NE(status.message().find("No space left on device"), std::string::npos)
        << status.message();
  }
  // Readers still open the last commit while the disk is full.
  auto reader = IndexReader::Open(index::WrapDirectory(faulty));
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->generation(), 2u);
  EXPECT_EQ((*reader)->doc_count(), kBaseDocs);
  // Still full: a new writer opens (cleaning up needs no space) but cannot write its
  // changes, whether adding writes a segment at once or at the commit.
  {
    auto writer = IndexWriter::Open(index::WrapDirectory(faulty));
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    const std::vector<Paragraph> corpus = testing::SmallCorpus();
    const Status added = (*writer)->AddAll(std::span(corpus).subspan(kBaseDocs));
    const Status status = added.ok() ? (*writer)->Commit() : added;
    EXPECT_TRUE(status.IsIOError()) << status.ToString();
    EXPECT_EQ((*writer)->Commit().code(), StatusCode::kFailedPrecondition);
  }
  // Space freed: the next writer commits the same changes.
  faulty->ClearFaults();
  {
    auto writer = IndexWriter::Open(index::WrapDirectory(faulty));
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    MakeChanges(**writer);
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  ExpectConsistent(base, "after the disk was freed", kNextDocs);
  auto last = IndexReader::Open(index::WrapDirectory(base));
  ASSERT_TRUE(last.ok());
  EXPECT_EQ((*last)->generation(), 3u);
}

}  // namespace
}  // namespace hexaglot
