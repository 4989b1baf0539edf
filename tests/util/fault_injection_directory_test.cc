#include "util/fault_injection_directory.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace hexaglot {
namespace {

class FaultInjectionDirectoryTest : public ::testing::Test {
 protected:
  std::unique_ptr<Directory> base_ = NewMemoryDirectory();
  FaultInjectingDirectory dir_{base_.get()};
};

std::string ReadAll(Directory& dir, std::string_view name) {
  Result<ReadableFile> file = dir.OpenReadableFile(name);
  EXPECT_TRUE(file.ok()) << file.status().ToString();
  return file.ok() ? std::string(file->data()) : std::string();
}

// Expects an injected IOError naming `where` and the operating system's reason.
void ExpectInjected(const Status& status, std::string_view where, std::string_view reason) {
  EXPECT_TRUE(status.IsIOError()) << status.ToString();
  EXPECT_NE(status.message().find(where), std::string::npos) << status.ToString();
  EXPECT_NE(status.message().find(reason), std::string::npos) << status.ToString();
  EXPECT_NE(status.message().find("(injected)"), std::string::npos) << status.ToString();
}

TEST_F(FaultInjectionDirectoryTest, PassesCallsThroughWhenNothingIsArmed) {
  Result<std::unique_ptr<WritableFile>> file = dir_.NewWritableFile("a", WriteMode::kCreateNew);
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE((*file)->Append("abc").ok());
  ASSERT_TRUE((*file)->Sync().ok());
  ASSERT_TRUE((*file)->Close().ok());
  ASSERT_TRUE(dir_.Rename("a", "b").ok());
  ASSERT_TRUE(dir_.SyncDirectory().ok());
  EXPECT_EQ(ReadAll(dir_, "b"), "abc");
  EXPECT_EQ(ReadAll(*base_, "b"), "abc");
  Result<std::vector<std::string>> files = dir_.ListFiles();
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(*files, std::vector<std::string>{"b"});
  EXPECT_EQ(dir_.Count(FaultOp::kAppend), 1u);
  EXPECT_EQ(dir_.Count(FaultOp::kAny), 8u);
  EXPECT_EQ(dir_.InjectedCount(), 0u);
  EXPECT_EQ(dir_.description(), base_->description());
}

TEST_F(FaultInjectionDirectoryTest, FailsTheNthAppendOnceAndPoisonsThatFile) {
  dir_.FailNth(FaultOp::kAppend, 3, FaultKind::kIOError);
  Result<std::unique_ptr<WritableFile>> file = dir_.NewWritableFile("seg", WriteMode::kCreateNew);
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE((*file)->Append("1").ok());
  ASSERT_TRUE((*file)->Append("2").ok());
  ExpectInjected((*file)->Append("3"), "<memory>/seg", "Input/output error");
  EXPECT_EQ((*file)->size(), 2u);
  // The file's state is unknown after a failure: it refuses more, and Close repeats it.
  EXPECT_EQ((*file)->Append("4").code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ((*file)->Sync().code(), StatusCode::kFailedPrecondition);
  ExpectInjected((*file)->Close(), "<memory>/seg", "Input/output error");
  EXPECT_EQ(ReadAll(*base_, "seg"), "12");
  EXPECT_EQ(dir_.InjectedCount(), 1u);

  // Once only: the next file writes normally.
  Result<std::unique_ptr<WritableFile>> next = dir_.NewWritableFile("next", WriteMode::kCreateNew);
  ASSERT_TRUE(next.ok());
  ASSERT_TRUE((*next)->Append("ok").ok());
  ASSERT_TRUE((*next)->Close().ok());
}

TEST_F(FaultInjectionDirectoryTest, ShortWriteStoresHalfThenReportsNoSpace) {
  dir_.FailNth(FaultOp::kAppend, 2, FaultKind::kShortWrite);
  Result<std::unique_ptr<WritableFile>> file =
      dir_.NewWritableFile("stored", WriteMode::kCreateNew);
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE((*file)->Append("head|").ok());
  ExpectInjected((*file)->Append("0123456789"), "stored", "No space left on device");
  ExpectInjected((*file)->Close(), "stored", "No space left on device");
  EXPECT_EQ(ReadAll(*base_, "stored"), "head|01234");
}

TEST_F(FaultInjectionDirectoryTest, EachDirectoryCallCanFail) {
  Result<std::unique_ptr<WritableFile>> seed = base_->NewWritableFile("x", WriteMode::kCreateNew);
  ASSERT_TRUE(seed.ok());
  ASSERT_TRUE((*seed)->Close().ok());

  dir_.FailNth(FaultOp::kNewWritableFile, 1, FaultKind::kNoSpace);
  ExpectInjected(dir_.NewWritableFile("y", WriteMode::kCreateNew).status(), "<memory>/y",
                 "No space left on device");
  dir_.FailNth(FaultOp::kOpenReadableFile, 1);
  ExpectInjected(dir_.OpenReadableFile("x").status(), "<memory>/x", "Input/output error");
  dir_.FailNth(FaultOp::kRename, 1);
  ExpectInjected(dir_.Rename("x", "z"), "<memory>/x -> z", "Input/output error");
  dir_.FailNth(FaultOp::kRemove, 1);
  ExpectInjected(dir_.Remove("x"), "<memory>/x", "Input/output error");
  dir_.FailNth(FaultOp::kSyncDirectory, 1);
  ExpectInjected(dir_.SyncDirectory(), "<memory>", "Input/output error");
  dir_.FailNth(FaultOp::kListFiles, 1);
  ExpectInjected(dir_.ListFiles().status(), "<memory>", "Input/output error");
  dir_.FailNth(FaultOp::kFileExists, 1);
  ExpectInjected(dir_.FileExists("x").status(), "<memory>/x", "Input/output error");
  dir_.FailNth(FaultOp::kFileSize, 1);
  ExpectInjected(dir_.FileSize("x").status(), "<memory>/x", "Input/output error");
  dir_.FailNth(FaultOp::kLockExclusive, 1);
  ExpectInjected(dir_.LockExclusive().status(), "<memory>/LOCK", "Input/output error");
  EXPECT_EQ(dir_.InjectedCount(), 9u);

  // A failed call changed nothing: "x" is still there, unrenamed, "y" was never made.
  Result<std::vector<std::string>> files = base_->ListFiles();
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(*files, std::vector<std::string>{"x"});
  // And the lock was not taken.
  EXPECT_TRUE(base_->LockExclusive().ok());
}

TEST_F(FaultInjectionDirectoryTest, FailedSyncAndCloseReachTheCaller) {
  dir_.FailNth(FaultOp::kSync, 1);
  Result<std::unique_ptr<WritableFile>> file = dir_.NewWritableFile("a", WriteMode::kCreateNew);
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE((*file)->Append("abc").ok());
  ExpectInjected((*file)->Sync(), "<memory>/a", "Input/output error");
  EXPECT_EQ((*file)->Append("d").code(), StatusCode::kFailedPrecondition);
  ExpectInjected((*file)->Close(), "<memory>/a", "Input/output error");

  dir_.FailNth(FaultOp::kClose, 1, FaultKind::kNoSpace);
  file = dir_.NewWritableFile("b", WriteMode::kCreateNew);
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE((*file)->Append("abc").ok());
  ASSERT_TRUE((*file)->Sync().ok());
  ExpectInjected((*file)->Close(), "<memory>/b", "No space left on device");
  // The wrapped file was closed all the same: its bytes are published.
  EXPECT_EQ(ReadAll(*base_, "b"), "abc");
}

TEST_F(FaultInjectionDirectoryTest, FailFromFailsEveryCallUntilCleared) {
  dir_.FailFrom(FaultOp::kSync, FaultKind::kNoSpace);
  for (const char* name : {"a", "b", "c"}) {
    Result<std::unique_ptr<WritableFile>> file = dir_.NewWritableFile(name, WriteMode::kCreateNew);
    ASSERT_TRUE(file.ok());
    ExpectInjected((*file)->Sync(), name, "No space left on device");
  }
  dir_.ClearFaults();
  Result<std::unique_ptr<WritableFile>> file = dir_.NewWritableFile("d", WriteMode::kCreateNew);
  ASSERT_TRUE(file.ok());
  EXPECT_TRUE((*file)->Sync().ok());
  EXPECT_EQ(dir_.InjectedCount(), 3u);
  EXPECT_EQ(dir_.Count(FaultOp::kSync), 4u);
}

// The manifest commit protocol the index uses, in miniature.
Status Commit(Directory& dir, const std::string& contents) {
  Result<std::unique_ptr<WritableFile>> file =
      dir.NewWritableFile("MANIFEST.tmp", WriteMode::kOverwrite);
  if (!file.ok()) return file.status();
  for (std::size_t i = 0; i < contents.size(); i += 4) {
    if (Status status = (*file)->Append(std::string_view(contents).substr(i, 4)); !status.ok()) {
      return status;
    }
  }
  if (Status status = (*file)->Sync(); !status.ok()) return status;
  if (Status status = (*file)->Close(); !status.ok()) return status;
  if (Status status = dir.Rename("MANIFEST.tmp", "MANIFEST"); !status.ok()) return status;
  return dir.SyncDirectory();
}

// How a reliability test fails "every step": count the calls of one clean run, then fail
// each in turn. Every failure must surface, and MANIFEST must hold one whole generation.
TEST_F(FaultInjectionDirectoryTest, EveryStepOfACommitCanFailAndLeavesAWholeManifest) {
  const std::string old_manifest = "generation 1: seg_1";
  const std::string new_manifest = "generation 2: seg_1 seg_2 seg_3";
  {
    auto base = NewMemoryDirectory();
    FaultInjectingDirectory counting(base.get());
    ASSERT_TRUE(Commit(counting, new_manifest).ok());
    ASSERT_EQ(counting.Count(FaultOp::kAny), 13u);  // Create, 8 appends, sync, close, ...
  }
  for (const FaultKind kind : {FaultKind::kIOError, FaultKind::kShortWrite}) {
    for (std::uint64_t n = 1; n <= 13; ++n) {
      SCOPED_TRACE("failing call " + std::to_string(n));
      auto base = NewMemoryDirectory();
      ASSERT_TRUE(Commit(*base, old_manifest).ok());
      FaultInjectingDirectory dir(base.get());
      dir.FailNth(FaultOp::kAny, n, kind);
      const Status status = Commit(dir, new_manifest);
      EXPECT_TRUE(status.IsIOError()) << status.ToString();
      EXPECT_EQ(dir.InjectedCount(), 1u);
      const std::string manifest = ReadAll(*base, "MANIFEST");
      // Only the last step, the folder sync, comes after the rename.
      EXPECT_EQ(manifest, n == 13 ? new_manifest : old_manifest);
    }
  }
}

}  // namespace
}  // namespace hexaglot
