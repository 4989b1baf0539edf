#include "util/directory.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace hexaglot {
namespace {

namespace fs = std::filesystem;

// A fresh folder under the test temp dir, removed at the end of the test.
class ScratchFolder {
 public:
  explicit ScratchFolder(const std::string& tag) {
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string("directory_test_") + info->name() + "_" + tag + "_" +
                       std::to_string(::getpid());
    for (char& c : name) {
      if (c == '/') c = '_';
    }
    path_ = fs::path(::testing::TempDir()) / name;
    std::error_code error;
    fs::remove_all(path_, error);
  }
  ~ScratchFolder() {
    std::error_code error;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, error);
    fs::remove_all(path_, error);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Deterministic bytes that differ per file and per position, every byte value included.
std::string Pattern(std::size_t size, std::uint32_t seed) {
  std::string bytes(size, '\0');
  std::uint32_t x = seed * 2654435761u + 1;
  for (char& c : bytes) {
    x = x * 1103515245u + 12345u;
    c = static_cast<char>(x >> 24);
  }
  return bytes;
}

Status WriteFile(Directory& dir, std::string_view name, std::string_view contents,
                 WriteMode mode = WriteMode::kCreateNew) {
  Result<std::unique_ptr<WritableFile>> file = dir.NewWritableFile(name, mode);
  if (!file.ok()) return file.status();
  if (Status status = (*file)->Append(contents); !status.ok()) return status;
  if (Status status = (*file)->Sync(); !status.ok()) return status;
  return (*file)->Close();
}

std::string ReadAll(Directory& dir, std::string_view name) {
  Result<ReadableFile> file = dir.OpenReadableFile(name);
  EXPECT_TRUE(file.ok()) << file.status().ToString();
  return file.ok() ? std::string(file->data()) : std::string();
}

struct DirectoryKind {
  std::string name;
  bool on_disk;
};

class DirectoryTest : public ::testing::TestWithParam<DirectoryKind> {
 protected:
  void SetUp() override {
    if (!GetParam().on_disk) {
      dir_ = NewMemoryDirectory();
      return;
    }
    Result<std::unique_ptr<Directory>> dir = NewDiskDirectory(folder_.path().string(), true);
    ASSERT_TRUE(dir.ok()) << dir.status().ToString();
    dir_ = std::move(*dir);
  }

  ScratchFolder folder_{GetParam().name};
  std::unique_ptr<Directory> dir_;
};

TEST_P(DirectoryTest, RoundTripsEmptySmallAndLargeFiles) {
  ASSERT_NE(dir_, nullptr);
  ASSERT_TRUE(WriteFile(*dir_, "empty", "").ok());
  ASSERT_TRUE(WriteFile(*dir_, "small", "paragraph 12").ok());

  // 10 MB in uneven pieces: some smaller than the disk writer's buffer, one larger.
  const std::string large = Pattern(10 * 1024 * 1024, 7);
  Result<std::unique_ptr<WritableFile>> writer =
      dir_->NewWritableFile("large", WriteMode::kCreateNew);
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  std::size_t offset = 0;
  const std::size_t pieces[] = {1, 7919, 65536, 65537, 3 * 1024 * 1024};
  for (int i = 0; offset < large.size(); ++i) {
    const std::size_t n = std::min(pieces[i % 5], large.size() - offset);
    const std::string_view piece = std::string_view(large).substr(offset, n);
    if (i % 2 == 0) {
      ASSERT_TRUE((*writer)->Append(piece).ok());
    } else {
      const std::span<const std::uint8_t> bytes(reinterpret_cast<const std::uint8_t*>(piece.data()),
                                                piece.size());
      ASSERT_TRUE((*writer)->Append(bytes).ok());
    }
    offset += n;
    EXPECT_EQ((*writer)->size(), offset);
  }
  EXPECT_EQ((*writer)->name(), "large");
  ASSERT_TRUE((*writer)->Sync().ok());
  ASSERT_TRUE((*writer)->Close().ok());

  Result<ReadableFile> empty = dir_->OpenReadableFile("empty");
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_EQ(empty->size(), 0u);
  EXPECT_TRUE(empty->data().empty());
  EXPECT_TRUE(empty->bytes().empty());
  EXPECT_EQ(ReadAll(*dir_, "small"), "paragraph 12");
  Result<ReadableFile> read = dir_->OpenReadableFile("large");
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->name(), "large");
  ASSERT_EQ(read->size(), large.size());
  EXPECT_TRUE(read->data() == large);
  EXPECT_EQ(read->bytes()[12345], static_cast<std::uint8_t>(large[12345]));

  Result<std::uint64_t> size = dir_->FileSize("large");
  ASSERT_TRUE(size.ok());
  EXPECT_EQ(*size, large.size());
  size = dir_->FileSize("empty");
  ASSERT_TRUE(size.ok());
  EXPECT_EQ(*size, 0u);
}

TEST_P(DirectoryTest, CreatingAnExistingFileIsAlreadyExistsUnlessOverwriting) {
  ASSERT_TRUE(WriteFile(*dir_, "manifest", "generation 1").ok());
  Result<std::unique_ptr<WritableFile>> again =
      dir_->NewWritableFile("manifest", WriteMode::kCreateNew);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  EXPECT_NE(again.status().message().find("manifest"), std::string::npos);
  EXPECT_EQ(ReadAll(*dir_, "manifest"), "generation 1");

  Result<ReadableFile> old_reader = dir_->OpenReadableFile("manifest");
  ASSERT_TRUE(old_reader.ok());
  ASSERT_TRUE(WriteFile(*dir_, "manifest", "generation 22", WriteMode::kOverwrite).ok());
  EXPECT_EQ(ReadAll(*dir_, "manifest"), "generation 22");
  EXPECT_EQ(old_reader->data(), "generation 1");
  // Overwriting a missing file simply creates it.
  ASSERT_TRUE(WriteFile(*dir_, "fresh", "x", WriteMode::kOverwrite).ok());
  EXPECT_EQ(ReadAll(*dir_, "fresh"), "x");
}

TEST_P(DirectoryTest, MissingFilesAreNotFoundAndNamed) {
  Result<ReadableFile> open = dir_->OpenReadableFile("segment_9");
  ASSERT_FALSE(open.ok());
  EXPECT_TRUE(open.status().IsNotFound());
  EXPECT_NE(open.status().message().find("segment_9"), std::string::npos);
  EXPECT_NE(open.status().message().find(dir_->description()), std::string::npos);

  Result<std::uint64_t> size = dir_->FileSize("segment_9");
  ASSERT_FALSE(size.ok());
  EXPECT_TRUE(size.status().IsNotFound());
  EXPECT_TRUE(dir_->Remove("segment_9").IsNotFound());
  EXPECT_TRUE(dir_->Rename("segment_9", "segment_10").IsNotFound());
  Result<bool> exists = dir_->FileExists("segment_9");
  ASSERT_TRUE(exists.ok());
  EXPECT_FALSE(*exists);
}

TEST_P(DirectoryTest, RenameAtomicallyReplacesTheTarget) {
  ASSERT_TRUE(WriteFile(*dir_, "MANIFEST", "old").ok());
  ASSERT_TRUE(WriteFile(*dir_, "MANIFEST.tmp", "new").ok());
  Result<ReadableFile> old_reader = dir_->OpenReadableFile("MANIFEST");
  ASSERT_TRUE(old_reader.ok());

  ASSERT_TRUE(dir_->Rename("MANIFEST.tmp", "MANIFEST").ok());
  EXPECT_EQ(ReadAll(*dir_, "MANIFEST"), "new");
  Result<bool> exists = dir_->FileExists("MANIFEST.tmp");
  ASSERT_TRUE(exists.ok());
  EXPECT_FALSE(*exists);
  EXPECT_EQ(old_reader->data(), "old");

  // To a fresh name, and onto itself (a no-op).
  ASSERT_TRUE(dir_->Rename("MANIFEST", "MANIFEST.bak").ok());
  ASSERT_TRUE(dir_->Rename("MANIFEST.bak", "MANIFEST.bak").ok());
  EXPECT_EQ(ReadAll(*dir_, "MANIFEST.bak"), "new");
  Result<std::vector<std::string>> files = dir_->ListFiles();
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(*files, std::vector<std::string>{"MANIFEST.bak"});
}

TEST_P(DirectoryTest, RemovedFileStaysReadableThroughAnOpenReader) {
  const std::string contents = Pattern(100000, 3);
  ASSERT_TRUE(WriteFile(*dir_, "seg_1.post", contents).ok());
  Result<ReadableFile> reader = dir_->OpenReadableFile("seg_1.post");
  ASSERT_TRUE(reader.ok());
  auto shared = std::make_shared<ReadableFile>(*reader);

  ASSERT_TRUE(dir_->Remove("seg_1.post").ok());
  Result<bool> exists = dir_->FileExists("seg_1.post");
  ASSERT_TRUE(exists.ok());
  EXPECT_FALSE(*exists);
  EXPECT_TRUE(dir_->OpenReadableFile("seg_1.post").status().IsNotFound());
  // A new file under the same name does not disturb the old bytes either.
  ASSERT_TRUE(WriteFile(*dir_, "seg_1.post", "other").ok());
  reader = Status::Internal("drop the first handle");
  EXPECT_TRUE(shared->data() == contents);
  // The bytes outlive the directory too.
  dir_.reset();
  EXPECT_TRUE(shared->data() == contents);
}

TEST_P(DirectoryTest, ListsFilesSorted) {
  Result<std::vector<std::string>> files = dir_->ListFiles();
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  EXPECT_TRUE(files->empty());
  for (const char* name : {"seg_2.post", "MANIFEST", "seg_10.post", "b"}) {
    ASSERT_TRUE(WriteFile(*dir_, name, name).ok());
  }
  Result<std::unique_ptr<DirectoryLock>> lock = dir_->LockExclusive();
  ASSERT_TRUE(lock.ok());  // The lock file is not listed.
  ASSERT_TRUE(dir_->Remove("b").ok());
  files = dir_->ListFiles();
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(*files, (std::vector<std::string>{"MANIFEST", "seg_10.post", "seg_2.post"}));
}

TEST_P(DirectoryTest, RejectsNamesThatAreNotPlainFileNames) {
  ASSERT_TRUE(WriteFile(*dir_, "ok", "x").ok());
  const std::string too_long(256, 'a');
  const std::string with_nul("a\0b", 3);
  for (const std::string_view bad :
       {std::string_view(""), std::string_view("."), std::string_view(".."),
        std::string_view("../escape"), std::string_view("a/b"), std::string_view("/etc/passwd"),
        std::string_view(with_nul), std::string_view(too_long), kLockFileName}) {
    SCOPED_TRACE(std::string(bad));
    EXPECT_TRUE(dir_->NewWritableFile(bad, WriteMode::kCreateNew).status().IsInvalidArgument());
    EXPECT_TRUE(dir_->OpenReadableFile(bad).status().IsInvalidArgument());
    EXPECT_TRUE(dir_->FileExists(bad).status().IsInvalidArgument());
    EXPECT_TRUE(dir_->FileSize(bad).status().IsInvalidArgument());
    EXPECT_TRUE(dir_->Remove(bad).IsInvalidArgument());
    EXPECT_TRUE(dir_->Rename("ok", bad).IsInvalidArgument());
    EXPECT_TRUE(dir_->Rename(bad, "ok").IsInvalidArgument());
  }
  EXPECT_NE(ValidateFileName("a/b").message().find("'/'"), std::string::npos);
  EXPECT_TRUE(ValidateFileName(std::string(255, 'a')).ok());
  EXPECT_TRUE(ValidateFileName("..x").ok());
  EXPECT_EQ(ReadAll(*dir_, "ok"), "x");
}

TEST_P(DirectoryTest, SecondLockFailsAndReleasedLockCanBeRetaken) {
  Result<std::unique_ptr<DirectoryLock>> first = dir_->LockExclusive();
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  Result<std::unique_ptr<DirectoryLock>> second = dir_->LockExclusive();
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(second.status().message().find("index is locked by another writer"), std::string::npos);

  first = Status::Internal("release the lock");
  Result<std::unique_ptr<DirectoryLock>> third = dir_->LockExclusive();
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  // A lock may outlive its directory.
  dir_.reset();
  third = Status::Internal("release the lock");
}

TEST_P(DirectoryTest, SyncCallsSucceed) {
  Result<std::unique_ptr<WritableFile>> file = dir_->NewWritableFile("f", WriteMode::kCreateNew);
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE((*file)->Sync().ok());  // Nothing appended yet.
  ASSERT_TRUE((*file)->Append("abc").ok());
  ASSERT_TRUE((*file)->Sync().ok());
  ASSERT_TRUE((*file)->Sync().ok());
  ASSERT_TRUE((*file)->Close().ok());
  EXPECT_TRUE(dir_->SyncDirectory().ok());
  EXPECT_EQ(ReadAll(*dir_, "f"), "abc");
}

TEST_P(DirectoryTest, ClosedFileRefusesFurtherCalls) {
  Result<std::unique_ptr<WritableFile>> file = dir_->NewWritableFile("f", WriteMode::kCreateNew);
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE((*file)->Append("abc").ok());
  ASSERT_TRUE((*file)->Close().ok());
  const Status append = (*file)->Append("d");
  EXPECT_EQ(append.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(append.message().find("f: Append after Close"), std::string::npos);
  EXPECT_EQ((*file)->Sync().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ((*file)->Close().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ((*file)->size(), 3u);
  EXPECT_EQ(ReadAll(*dir_, "f"), "abc");
}

TEST_P(DirectoryTest, UnsyncedBytesShowAsAPrefixAndAllAfterSync) {
  const std::string contents = Pattern(200000, 11);
  Result<std::unique_ptr<WritableFile>> file =
      dir_->NewWritableFile("growing", WriteMode::kCreateNew);
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE((*file)->Append(contents).ok());
  Result<ReadableFile> early = dir_->OpenReadableFile("growing");
  ASSERT_TRUE(early.ok()) << early.status().ToString();
  ASSERT_LE(early->size(), contents.size());
  EXPECT_TRUE(contents.starts_with(early->data()));

  ASSERT_TRUE((*file)->Sync().ok());
  Result<std::uint64_t> size = dir_->FileSize("growing");
  ASSERT_TRUE(size.ok());
  EXPECT_EQ(*size, contents.size());
  EXPECT_TRUE(ReadAll(*dir_, "growing") == contents);
  // The earlier reader keeps the snapshot it opened.
  EXPECT_TRUE(contents.starts_with(early->data()));
}

TEST_P(DirectoryTest, DestroyingAnUnclosedWriterKeepsItsBytes) {
  {
    Result<std::unique_ptr<WritableFile>> file =
        dir_->NewWritableFile("abandoned", WriteMode::kCreateNew);
    ASSERT_TRUE(file.ok());
    ASSERT_TRUE((*file)->Append("written, never closed").ok());
  }
  EXPECT_EQ(ReadAll(*dir_, "abandoned"), "written, never closed");
}

TEST_P(DirectoryTest, WriterFollowsItsFileThroughRename) {
  Result<std::unique_ptr<WritableFile>> file =
      dir_->NewWritableFile("a.tmp", WriteMode::kCreateNew);
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE((*file)->Append("first ").ok());
  ASSERT_TRUE(dir_->Rename("a.tmp", "a").ok());
  ASSERT_TRUE((*file)->Append("second").ok());
  ASSERT_TRUE((*file)->Close().ok());
  EXPECT_EQ(ReadAll(*dir_, "a"), "first second");
  Result<bool> exists = dir_->FileExists("a.tmp");
  ASSERT_TRUE(exists.ok());
  EXPECT_FALSE(*exists);
}

// Readers list and open committed files while one writer commits new ones Lucene style
// (temporary name, sync, rename) and deletes old ones: a reader sees either NotFound or the
// complete bytes, never a torn file.
TEST_P(DirectoryTest, ReadersSeeCompleteFilesWhileOneWriterCommits) {
  constexpr int kFiles = 60;
  constexpr int kReaders = 3;
  auto contents_of = [](int i) {
    return Pattern(static_cast<std::size_t>(1000 + 997 * i), static_cast<std::uint32_t>(i));
  };
  std::atomic<bool> done{false};
  std::atomic<int> checked{0};
  std::atomic<int> exited{0};
  std::vector<std::string> failures(kReaders);
  std::vector<std::thread> readers;
  for (int r = 0; r < kReaders; ++r) {
    readers.emplace_back([&, r] {
      struct CountExit {
        std::atomic<int>& exited;
        ~CountExit() { exited.fetch_add(1); }
      } count_exit{exited};
      while (!done.load()) {
        Result<std::vector<std::string>> files = dir_->ListFiles();
        if (!files.ok()) {
          failures[r] = files.status().ToString();
          return;
        }
        for (const std::string& name : *files) {
          if (!name.starts_with("seg_") || name.ends_with(".tmp")) continue;
          Result<ReadableFile> file = dir_->OpenReadableFile(name);
          if (!file.ok()) {
            if (file.status().IsNotFound()) continue;  // Deleted since the listing.
            failures[r] = file.status().ToString();
            return;
          }
          const int i = std::stoi(name.substr(4));
          if (file->data() != contents_of(i)) {
            failures[r] = name + " is torn: " + std::to_string(file->size()) + " bytes";
            return;
          }
          checked.fetch_add(1);
        }
      }
    });
  }
  for (int i = 0; i < kFiles; ++i) {
    const std::string name = "seg_" + std::to_string(i);
    ASSERT_TRUE(WriteFile(*dir_, name + ".tmp", contents_of(i)).ok());
    ASSERT_TRUE(dir_->Rename(name + ".tmp", name).ok());
    ASSERT_TRUE(dir_->SyncDirectory().ok());
    if (i >= 5) {
      ASSERT_TRUE(dir_->Remove("seg_" + std::to_string(i - 5)).ok());
    }
  }
  // Give the readers a last look at the final files before stopping them.
  while (checked.load() == 0 && exited.load() < kReaders) std::this_thread::yield();
  done.store(true);
  for (std::thread& reader : readers) reader.join();
  for (const std::string& failure : failures) EXPECT_EQ(failure, "");
  Result<std::vector<std::string>> files = dir_->ListFiles();
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(files->size(), 5u);
}

INSTANTIATE_TEST_SUITE_P(MemoryAndDisk, DirectoryTest,
                         ::testing::Values(DirectoryKind{"memory", false},
                                           DirectoryKind{"disk", true}),
                         [](const ::testing::TestParamInfo<DirectoryKind>& param) {
                           return param.param.name;
                         });

// Disk only: what the operating system brings in.

TEST(DiskDirectoryTest, MissingFolderIsNotFoundUnlessCreated) {
  ScratchFolder folder("missing");
  const std::string path = (folder.path() / "a" / "b").string();
  Result<std::unique_ptr<Directory>> dir = NewDiskDirectory(path, false);
  ASSERT_FALSE(dir.ok());
  EXPECT_TRUE(dir.status().IsNotFound());
  EXPECT_NE(dir.status().message().find(path), std::string::npos);
  EXPECT_FALSE(fs::exists(path));

  dir = NewDiskDirectory(path, true);
  ASSERT_TRUE(dir.ok()) << dir.status().ToString();
  EXPECT_TRUE(fs::is_directory(path));
  EXPECT_EQ((*dir)->description(), path);
  EXPECT_TRUE(NewDiskDirectory("", true).status().IsInvalidArgument());
}

TEST(DiskDirectoryTest, FileInPlaceOfTheFolderIsAnError) {
  ScratchFolder folder("file");
  fs::create_directories(folder.path());
  const fs::path file = folder.path() / "not_a_folder";
  std::ofstream(file) << "x";
  Result<std::unique_ptr<Directory>> dir = NewDiskDirectory(file.string(), true);
  ASSERT_FALSE(dir.ok());
  EXPECT_TRUE(dir.status().IsInvalidArgument()) << dir.status().ToString();
  // A path through a file cannot be created.
  dir = NewDiskDirectory((file / "sub").string(), true);
  ASSERT_FALSE(dir.ok());
  EXPECT_NE(dir.status().message().find("not_a_folder"), std::string::npos);
}

TEST(DiskDirectoryTest, WrittenButUnclosedFileIsOnDiskOnceFlushed) {
  ScratchFolder folder("unclosed");
  Result<std::unique_ptr<Directory>> dir = NewDiskDirectory(folder.path().string(), true);
  ASSERT_TRUE(dir.ok());
  Result<std::unique_ptr<WritableFile>> file =
      (*dir)->NewWritableFile("open", WriteMode::kCreateNew);
  ASSERT_TRUE(file.ok());
  // Small appends wait in the writer's buffer; a large one goes to the file at once.
  ASSERT_TRUE((*file)->Append("small").ok());
  EXPECT_EQ(fs::file_size(folder.path() / "open"), 0u);
  const std::string large = Pattern(1 << 20, 5);
  ASSERT_TRUE((*file)->Append(large).ok());
  EXPECT_EQ(fs::file_size(folder.path() / "open"), 5u + large.size());
  ASSERT_TRUE((*file)->Append("tail").ok());
  ASSERT_TRUE((*file)->Sync().ok());
  EXPECT_EQ(fs::file_size(folder.path() / "open"), 9u + large.size());
  // Another handle on the same folder sees it, and the lock file is not a listed file.
  Result<std::unique_ptr<Directory>> other = NewDiskDirectory(folder.path().string(), false);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(ReadAll(**other, "open"), "small" + large + "tail");
  Result<std::unique_ptr<DirectoryLock>> lock = (*dir)->LockExclusive();
  ASSERT_TRUE(lock.ok());
  // The same process through another handle, as another process would: refused.
  Result<std::unique_ptr<DirectoryLock>> second = (*other)->LockExclusive();
  EXPECT_EQ(second.status().code(), StatusCode::kUnavailable);
  EXPECT_TRUE(fs::exists(folder.path() / kLockFileName));
  Result<std::vector<std::string>> files = (*other)->ListFiles();
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(*files, std::vector<std::string>{"open"});
}

TEST(DiskDirectoryTest, LockIsExclusiveAcrossProcesses) {
  ScratchFolder folder("lock");
  Result<std::unique_ptr<Directory>> dir = NewDiskDirectory(folder.path().string(), true);
  ASSERT_TRUE(dir.ok());
  Result<std::unique_ptr<DirectoryLock>> lock = (*dir)->LockExclusive();
  ASSERT_TRUE(lock.ok());
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // The child shares the parent's open lock file, and with it the lock: open the folder
    // afresh, as another writer would.
    Result<std::unique_ptr<Directory>> own = NewDiskDirectory(folder.path().string(), false);
    if (!own.ok()) ::_exit(2);
    Result<std::unique_ptr<DirectoryLock>> theirs = (*own)->LockExclusive();
    ::_exit(!theirs.ok() && theirs.status().code() == StatusCode::kUnavailable ? 0 : 1);
  }
  int wstatus = 0;
  ASSERT_EQ(::waitpid(child, &wstatus, 0), child);
  ASSERT_TRUE(WIFEXITED(wstatus));
  EXPECT_EQ(WEXITSTATUS(wstatus), 0) << "the other process got the lock, or failed otherwise";
}

TEST(DiskDirectoryTest, ZeroLengthFileMaps) {
  ScratchFolder folder("zero");
  Result<std::unique_ptr<Directory>> dir = NewDiskDirectory(folder.path().string(), true);
  ASSERT_TRUE(dir.ok());
  ASSERT_TRUE((*dir)->NewWritableFile("zero", WriteMode::kCreateNew).ok());
  Result<ReadableFile> file = (*dir)->OpenReadableFile("zero");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->size(), 0u);
}

TEST(DiskDirectoryTest, SubfoldersAreNotFiles) {
  ScratchFolder folder("sub");
  Result<std::unique_ptr<Directory>> dir = NewDiskDirectory(folder.path().string(), true);
  ASSERT_TRUE(dir.ok());
  fs::create_directory(folder.path() / "nested");
  Result<std::vector<std::string>> files = (*dir)->ListFiles();
  ASSERT_TRUE(files.ok());
  EXPECT_TRUE(files->empty());
  Result<bool> exists = (*dir)->FileExists("nested");
  ASSERT_TRUE(exists.ok());
  EXPECT_FALSE(*exists);
  EXPECT_TRUE((*dir)->OpenReadableFile("nested").status().IsInvalidArgument());
  EXPECT_TRUE((*dir)->FileSize("nested").status().IsInvalidArgument());
}

TEST(DiskDirectoryTest, LinksCountAsWhatTheyPointTo) {
  ScratchFolder folder("links");
  Result<std::unique_ptr<Directory>> dir = NewDiskDirectory(folder.path().string(), true);
  ASSERT_TRUE(dir.ok());
  ASSERT_TRUE(WriteFile(**dir, "target", "linked bytes").ok());
  fs::create_symlink("target", folder.path() / "link");
  fs::create_symlink("missing", folder.path() / "dangling");
  Result<std::vector<std::string>> files = (*dir)->ListFiles();
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(*files, (std::vector<std::string>{"link", "target"}));
  EXPECT_EQ(ReadAll(**dir, "link"), "linked bytes");
  Result<bool> exists = (*dir)->FileExists("dangling");
  ASSERT_TRUE(exists.ok());
  EXPECT_FALSE(*exists);
}

// Runs `check` as an unprivileged user: in this process, or in a child that drops root
// (CI runs as root, for whom permissions do not apply). `check` returns "" on success,
// else what went wrong.
void RunUnprivileged(const std::function<std::string()>& check) {
  if (::geteuid() != 0) {
    EXPECT_EQ(check(), "");
    return;
  }
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    constexpr uid_t kNobody = 65534;
    if (::setgid(kNobody) != 0 || ::setuid(kNobody) != 0) ::_exit(3);
    const std::string failure = check();
    if (!failure.empty()) {
      std::fprintf(stderr, "%s\n", failure.c_str());
      ::_exit(1);
    }
    ::_exit(0);
  }
  int wstatus = 0;
  ASSERT_EQ(::waitpid(child, &wstatus, 0), child);
  ASSERT_TRUE(WIFEXITED(wstatus));
  if (WEXITSTATUS(wstatus) == 3) GTEST_SKIP() << "cannot drop root privileges here";
  EXPECT_EQ(WEXITSTATUS(wstatus), 0) << "the unprivileged check failed (see stderr)";
}

TEST(DiskDirectoryTest, PermissionDeniedIsAnIOErrorWithTheReason) {
  ScratchFolder folder("denied");
  const fs::path readonly = folder.path() / "readonly";
  const fs::path closed = folder.path() / "closed";
  {
    Result<std::unique_ptr<Directory>> dir = NewDiskDirectory(readonly.string(), true);
    ASSERT_TRUE(dir.ok());
    ASSERT_TRUE(WriteFile(**dir, "secret", "x").ok());
    ASSERT_TRUE(NewDiskDirectory(closed.string(), true).ok());
  }
  // Everyone may enter the scratch folders (the child runs as another user).
  fs::permissions(folder.path(), fs::perms::all);
  fs::permissions(readonly, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                fs::perms::group_exec | fs::perms::others_read |
                                fs::perms::others_exec);
  fs::permissions(readonly / "secret", fs::perms::owner_write);
  fs::permissions(closed, fs::perms::none);
  if (::access(folder.path().c_str(), X_OK) != 0) GTEST_SKIP() << "scratch folder not usable";

  RunUnprivileged([&]() -> std::string {
    Result<std::unique_ptr<Directory>> dir = NewDiskDirectory(readonly.string(), false);
    if (!dir.ok()) return "cannot open the read-only folder: " + dir.status().ToString();
    const Status create = (*dir)->NewWritableFile("new", WriteMode::kCreateNew).status();
    if (!create.IsIOError() || create.message().find("Permission denied") == std::string::npos ||
        create.message().find("readonly/new") == std::string::npos) {
      return "creating in a read-only folder gave " + create.ToString();
    }
    const Status read = (*dir)->OpenReadableFile("secret").status();
    if (!read.IsIOError() || read.message().find("Permission denied") == std::string::npos) {
      return "reading an unreadable file gave " + read.ToString();
    }
    const Status lock = (*dir)->LockExclusive().status();
    if (!lock.IsIOError()) return "locking a read-only folder gave " + lock.ToString();
    const Status open = NewDiskDirectory(closed.string(), false).status();
    if (!open.IsIOError() || open.message().find("Permission denied") == std::string::npos) {
      return "opening a closed folder gave " + open.ToString();
    }
    return "";
  });
  fs::permissions(readonly, fs::perms::owner_all, fs::perm_options::add);
  fs::permissions(closed, fs::perms::owner_all, fs::perm_options::add);
}

}  // namespace
}  // namespace hexaglot
