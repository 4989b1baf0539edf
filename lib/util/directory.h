// Directory: the flat folder of files an index lives in, on disk or in memory.
//
// An index is immutable files plus a manifest replaced atomically (leveldb/Lucene style):
// write and Sync the new files, write the manifest under a temporary name, Sync it,
// Rename it over the old one, SyncDirectory. Everything the index layer does to storage
// goes through this interface, so that the same code and tests run on disk, in memory,
// and under FaultInjectingDirectory.
//
// Contract:
// - Names are plain file names inside the directory: 1..255 bytes, no '/', no NUL, not
//   "." or "..", and not kLockFileName. Other names are InvalidArgument.
// - Errors are Status values that name the file ("<directory>/<name>") and, on disk, the
//   operating system's reason. NotFound for a missing file, AlreadyExists for creating an
//   existing one, IOError for what the operating system refused.
// - Files are written once, through a WritableFile, and never modified in place. Overwriting
//   (WriteMode::kOverwrite) and Rename replace the directory entry, not the bytes: a
//   ReadableFile opened earlier keeps the old bytes, also after Remove. This is what lets a
//   reader hold one manifest generation while a writer commits the next.
// - Durability: data is durable after WritableFile::Sync; creating, renaming or removing
//   an entry is durable after SyncDirectory.
// - Thread safety: a Directory may be used from several threads at once. A WritableFile
//   is used by one thread at a time. A ReadableFile is immutable and may be shared.
// - Bytes appended to a WritableFile that is still open are visible to OpenReadableFile
//   and FileSize as some prefix of them; all of them after Sync or Close.

#ifndef HEXAGLOT_UTIL_DIRECTORY_H_
#define HEXAGLOT_UTIL_DIRECTORY_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hexaglot/status.h"

namespace hexaglot {

// The file that LockExclusive locks. Reserved: no other file may have this name, and
// ListFiles does not show it.
inline constexpr std::string_view kLockFileName = "LOCK";

// OK, or InvalidArgument saying why `name` is not a plain file name (see the contract).
Status ValidateFileName(std::string_view name);

// A file being written. Appends go to the end; nothing is ever rewritten.
//
// Call order: Append* [Sync] ... Close. After Close every call is FailedPrecondition.
// After a failed Append or Sync the file's contents are unknown (a short write may have
// stored part of the data), so the file refuses further Append and Sync with
// FailedPrecondition; Close then releases it and returns the first error again.
// Destroying a file that was not closed closes it and drops any error: callers that care
// call Close.
//
// Not thread-safe: one thread at a time.
class WritableFile {
 public:
  WritableFile(const WritableFile&) = delete;
  WritableFile& operator=(const WritableFile&) = delete;
  virtual ~WritableFile() = default;

  // The name inside its directory.
  const std::string& name() const { return name_; }
  // Bytes appended successfully so far.
  std::uint64_t size() const { return size_; }

  Status Append(std::string_view data);
  Status Append(std::span<const std::uint8_t> data) {
    return Append(std::string_view(reinterpret_cast<const char*>(data.data()), data.size()));
  }
  // Makes everything appended so far durable.
  Status Sync();
  // Flushes what is buffered and releases the file. Does not sync.
  Status Close();

 protected:
  // `description` names the file in messages, e.g. "/data/idx/seg_1.post".
  WritableFile(std::string name, std::string description)
      : name_(std::move(name)), description_(std::move(description)) {}

  bool closed() const { return closed_; }
  const std::string& description() const { return description_; }

  // The operations proper; the public functions check the call order, count the size and
  // keep the first error. DoClose is called at most once.
  virtual Status DoAppend(std::string_view data) = 0;
  virtual Status DoSync() = 0;
  virtual Status DoClose() = 0;

 private:
  Status CheckWritable(std::string_view operation) const;

  std::string name_;
  std::string description_;
  std::uint64_t size_ = 0;
  bool closed_ = false;
  Status error_;  // The first failure of DoAppend or DoSync.
};

// A whole file as read-only bytes: mapped from disk, or the shared buffer of a memory
// directory. The bytes stay valid and unchanged as long as this object or a copy of it
// lives, whatever happens to the file's name in the directory afterwards (copies share the
// bytes). Immutable, so safe to share between threads.
//
// On disk the bytes are an mmap: they are only safe while nobody truncates the file, which
// no hexaglot code does (files are written once) but another program could.
class ReadableFile {
 public:
  // REQUIRES: `data` points into memory that `owner` keeps alive and unchanged.
  ReadableFile(std::string name, std::shared_ptr<const void> owner, std::string_view data)
      : name_(std::move(name)), owner_(std::move(owner)), data_(data) {}

  const std::string& name() const { return name_; }
  std::size_t size() const { return data_.size(); }
  std::string_view data() const { return data_; }
  std::span<const std::uint8_t> bytes() const {
    return {reinterpret_cast<const std::uint8_t*>(data_.data()), data_.size()};
  }

 private:
  std::string name_;
  std::shared_ptr<const void> owner_;
  std::string_view data_;
};

// The exclusive writer lock of a directory, held until this object is destroyed. It may
// outlive the Directory that made it.
class DirectoryLock {
 public:
  DirectoryLock() = default;
  DirectoryLock(const DirectoryLock&) = delete;
  DirectoryLock& operator=(const DirectoryLock&) = delete;
  virtual ~DirectoryLock() = default;
};

enum class WriteMode : std::uint8_t {
  kCreateNew,  // AlreadyExists when the name is taken.
  kOverwrite,  // Replace an existing file by a new one (its readers keep the old bytes).
};

class Directory {
 public:
  Directory() = default;
  Directory(const Directory&) = delete;
  Directory& operator=(const Directory&) = delete;
  virtual ~Directory() = default;

  // What messages call this directory: its path, or "<memory>".
  virtual const std::string& description() const = 0;

  // The names of the files, sorted by bytes; not the lock file, not subfolders.
  virtual Result<std::vector<std::string>> ListFiles() = 0;
  virtual Result<bool> FileExists(std::string_view name) = 0;
  // NotFound when there is no such file.
  virtual Result<std::uint64_t> FileSize(std::string_view name) = 0;

  virtual Result<std::unique_ptr<WritableFile>> NewWritableFile(std::string_view name,
                                                                WriteMode mode) = 0;
  // NotFound when there is no such file.
  virtual Result<ReadableFile> OpenReadableFile(std::string_view name) = 0;

  // Renames `from` to `to`, atomically replacing `to` if it exists. NotFound when `from`
  // does not exist.
  virtual Status Rename(std::string_view from, std::string_view to) = 0;
  // NotFound when there is no such file.
  virtual Status Remove(std::string_view name) = 0;
  // Makes the creations, renames and removals done so far durable.
  virtual Status SyncDirectory() = 0;

  // Takes the directory's writer lock, or fails at once with Unavailable "index is locked
  // by another writer" while another holder (in this process or, on disk, another one)
  // has it.
  virtual Result<std::unique_ptr<DirectoryLock>> LockExclusive() = 0;
};

// The folder at `path`. NotFound when it does not exist and `create_if_missing` is false
// (with true, it is created with its missing parents); InvalidArgument when `path` is not a
// folder; IOError when it cannot be opened.
Result<std::unique_ptr<Directory>> NewDiskDirectory(const std::string& path,
                                                    bool create_if_missing);

// An empty directory in memory, for tests and temporary indexes. Behaves as the disk one,
// including readers keeping the bytes of removed and replaced files; its contents go away
// with the last reference to it (the Directory, its open files and its lock).
std::unique_ptr<Directory> NewMemoryDirectory();

}  // namespace hexaglot

#endif  // HEXAGLOT_UTIL_DIRECTORY_H_
