// The POSIX directory: every call works relative to one open fd of the folder (openat,
// renameat, unlinkat), so it keeps working if the process changes its working directory.

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>

#include "util/directory.h"
#include "util/mmap.h"
#include "util/status_macros.h"

namespace hexaglot {
namespace {

Status ErrnoStatus(const std::string& path, std::string_view what, int error) {
  std::string message = path + ": " + std::string(what) + ": " + std::strerror(error);
  switch (error) {
    case ENOENT:
      return Status::NotFound(std::move(message));
    case EEXIST:
      return Status::AlreadyExists(std::move(message));
    default:
      return Status::IOError(std::move(message));
  }
}

// fsync on a file or folder; fdatasync where it exists, as it skips inode times that a
// reader does not need (leveldb does the same).
int SyncFd(int fd) {
  int result;
  do {
#if defined(__linux__)
    result = ::fdatasync(fd);
#else
    result = ::fsync(fd);
#endif
  } while (result != 0 && errno == EINTR);
  return result;
}

class DiskWritableFile final : public WritableFile {
 public:
  DiskWritableFile(std::string name, std::string path, int fd)
      : WritableFile(std::move(name), std::move(path)), fd_(fd) {}

  ~DiskWritableFile() override {
    if (!closed()) static_cast<void>(Close());
  }

 protected:
  // Small appends collect in a buffer so that a writer emitting a few bytes at a time does
  // not make a system call for each.
  Status DoAppend(std::string_view data) override {
    if (data.size() <= kBufferSize - buffer_.size()) {
      buffer_.append(data);
      return Status::OK();
    }
    HEXAGLOT_RETURN_IF_ERROR(Flush());
    if (data.size() < kBufferSize) {
      buffer_.append(data);
      return Status::OK();
    }
    return WriteAll(data);
  }

  Status DoSync() override {
    HEXAGLOT_RETURN_IF_ERROR(Flush());
    if (SyncFd(fd_) != 0) return ErrnoStatus(description(), "cannot sync", errno);
    return Status::OK();
  }

  Status DoClose() override {
    Status status = Flush();
    // No retry on EINTR: Linux releases the fd even then, and a retry could close an fd
    // another thread just opened.
    if (::close(fd_) != 0 && status.ok()) {
      status = ErrnoStatus(description(), "cannot close", errno);
    }
    fd_ = -1;
    return status;
  }

 private:
  static constexpr std::size_t kBufferSize = std::size_t{64} * 1024;

  Status Flush() {
    Status status = WriteAll(buffer_);
    buffer_.clear();
    return status;
  }

  // write() may store fewer bytes than asked (a signal, a nearly full disk): go on from
  // where it stopped until all is written or it fails.
  Status WriteAll(std::string_view data) {
    while (!data.empty()) {
      const ssize_t written = ::write(fd_, data.data(), data.size());
      if (written < 0) {
        if (errno == EINTR) continue;
        return ErrnoStatus(description(), "cannot write", errno);
      }
      data.remove_prefix(static_cast<std::size_t>(written));
    }
    return Status::OK();
  }

  int fd_;
  std::string buffer_;
};

class DiskLock final : public DirectoryLock {
 public:
  explicit DiskLock(int fd) : fd_(fd) {}
  // Closing the fd releases the flock. The LOCK file stays: removing it would let a
  // second writer lock a fresh inode while a third still waits on the old one.
  ~DiskLock() override { ::close(fd_); }

 private:
  int fd_;
};

class DiskDirectory final : public Directory {
 public:
  DiskDirectory(std::string path, int dir_fd) : path_(std::move(path)), dir_fd_(dir_fd) {}
  ~DiskDirectory() override { ::close(dir_fd_); }

  const std::string& description() const override { return path_; }

  Result<std::vector<std::string>> ListFiles() override {
    // A fresh open of the folder: fdopendir takes the fd over, and a dup of dir_fd_ would
    // share its read position with concurrent listings.
    const int fd = ::openat(dir_fd_, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return ErrnoStatus(path_, "cannot open folder", errno);
    DIR* dir = ::fdopendir(fd);
    if (dir == nullptr) {
      const int error = errno;
      ::close(fd);
      return ErrnoStatus(path_, "cannot list folder", error);
    }
    std::vector<std::string> names;
    Status status;
    for (;;) {
      errno = 0;
      const dirent* entry = ::readdir(dir);
      if (entry == nullptr) {
        if (errno != 0) status = ErrnoStatus(path_, "cannot list folder", errno);
        break;
      }
      const std::string_view name = entry->d_name;
      if (name == "." || name == ".." || name == kLockFileName) continue;
      bool regular = entry->d_type == DT_REG;
      // Some file systems do not fill d_type; a link counts as what it points to, as it
      // does for FileExists and OpenReadableFile.
      if (entry->d_type == DT_UNKNOWN || entry->d_type == DT_LNK) {
        struct stat st {};
        regular = ::fstatat(dir_fd_, entry->d_name, &st, 0) == 0 && S_ISREG(st.st_mode);
      }
      if (regular) names.emplace_back(name);
    }
    ::closedir(dir);
    if (!status.ok()) return status;
    std::sort(names.begin(), names.end());
    return names;
  }

  Result<bool> FileExists(std::string_view name) override {
    HEXAGLOT_RETURN_IF_ERROR(ValidateFileName(name));
    const std::string file(name);
    struct stat st {};
    if (::fstatat(dir_fd_, file.c_str(), &st, 0) != 0) {
      if (errno == ENOENT) return false;
      return ErrnoStatus(PathOf(name), "cannot stat", errno);
    }
    return S_ISREG(st.st_mode);
  }

  Result<std::uint64_t> FileSize(std::string_view name) override {
    HEXAGLOT_RETURN_IF_ERROR(ValidateFileName(name));
    const std::string file(name);
    struct stat st {};
    if (::fstatat(dir_fd_, file.c_str(), &st, 0) != 0) {
      return ErrnoStatus(PathOf(name), "cannot stat", errno);
    }
    if (!S_ISREG(st.st_mode)) return NotARegularFile(name);
    return static_cast<std::uint64_t>(st.st_size);
  }

  Result<std::unique_ptr<WritableFile>> NewWritableFile(std::string_view name,
                                                        WriteMode mode) override {
    HEXAGLOT_RETURN_IF_ERROR(ValidateFileName(name));
    const std::string file(name);
    // Overwrite = unlink, then create: O_TRUNC would shrink the inode under the readers'
    // mmaps (SIGBUS) instead of leaving them the old bytes.
    if (mode == WriteMode::kOverwrite && ::unlinkat(dir_fd_, file.c_str(), 0) != 0 &&
        errno != ENOENT) {
      return ErrnoStatus(PathOf(name), "cannot replace", errno);
    }
    int fd;
    do {
      fd = ::openat(dir_fd_, file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) return ErrnoStatus(PathOf(name), "cannot create", errno);
    return std::unique_ptr<WritableFile>(
        std::make_unique<DiskWritableFile>(file, PathOf(name), fd));
  }

  Result<ReadableFile> OpenReadableFile(std::string_view name) override {
    HEXAGLOT_RETURN_IF_ERROR(ValidateFileName(name));
    const std::string file(name);
    const std::string path = PathOf(name);
    int fd;
    do {
      fd = ::openat(dir_fd_, file.c_str(), O_RDONLY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) return ErrnoStatus(path, "cannot open", errno);
    Result<std::unique_ptr<MappedFile>> mapped = MappedFile::Map(fd, path);
    ::close(fd);  // The mapping outlives the fd.
    if (!mapped.ok()) return mapped.status();
    std::shared_ptr<const MappedFile> owner = std::move(*mapped);
    const std::string_view data = owner->data();
    return ReadableFile(file, std::move(owner), data);
  }

  Status Rename(std::string_view from, std::string_view to) override {
    HEXAGLOT_RETURN_IF_ERROR(ValidateFileName(from));
    HEXAGLOT_RETURN_IF_ERROR(ValidateFileName(to));
    const std::string source(from);
    const std::string target(to);
    if (::renameat(dir_fd_, source.c_str(), dir_fd_, target.c_str()) != 0) {
      return ErrnoStatus(PathOf(from), "cannot rename to " + target, errno);
    }
    return Status::OK();
  }

  Status Remove(std::string_view name) override {
    HEXAGLOT_RETURN_IF_ERROR(ValidateFileName(name));
    const std::string file(name);
    if (::unlinkat(dir_fd_, file.c_str(), 0) != 0) {
      return ErrnoStatus(PathOf(name), "cannot remove", errno);
    }
    return Status::OK();
  }

  Status SyncDirectory() override {
    if (SyncFd(dir_fd_) != 0) return ErrnoStatus(path_, "cannot sync folder", errno);
    return Status::OK();
  }

  Result<std::unique_ptr<DirectoryLock>> LockExclusive() override {
    const std::string path = PathOf(kLockFileName);
    const std::string file(kLockFileName);
    const int fd = ::openat(dir_fd_, file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return ErrnoStatus(path, "cannot open lock file", errno);
    // flock, not fcntl: fcntl locks belong to the process, so a second writer in the
    // same process would get the lock too. flock locks belong to the open file.
    int result;
    do {
      result = ::flock(fd, LOCK_EX | LOCK_NB);
    } while (result != 0 && errno == EINTR);
    if (result != 0) {
      const int error = errno;
      ::close(fd);
      if (error == EWOULDBLOCK) {
        return Status::Unavailable(path + ": index is locked by another writer");
      }
      return ErrnoStatus(path, "cannot lock", error);
    }
    return std::unique_ptr<DirectoryLock>(std::make_unique<DiskLock>(fd));
  }

 private:
  std::string PathOf(std::string_view name) const {
    std::string path = path_;
    if (path.back() != '/') path += '/';
    path += name;
    return path;
  }

  Status NotARegularFile(std::string_view name) const {
    return Status::InvalidArgument(PathOf(name) + ": not a regular file");
  }

  const std::string path_;
  const int dir_fd_;
};

}  // namespace

Result<std::unique_ptr<Directory>> NewDiskDirectory(const std::string& path,
                                                    bool create_if_missing) {
  if (path.empty()) return Status::InvalidArgument("the index directory path is empty");
  int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT && create_if_missing) {
    std::error_code error;
    std::filesystem::create_directories(path, error);
    if (error) {
      return Status::IOError(path + ": cannot create folder: " + error.message());
    }
    fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  }
  if (fd < 0) {
    const int error = errno;
    if (error == ENOTDIR) return Status::InvalidArgument(path + ": not a folder");
    if (error == ENOENT) return Status::NotFound(path + ": index directory does not exist");
    return ErrnoStatus(path, "cannot open folder", error);
  }
  return std::unique_ptr<Directory>(std::make_unique<DiskDirectory>(path, fd));
}

}  // namespace hexaglot
