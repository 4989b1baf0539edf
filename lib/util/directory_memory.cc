// The in-memory directory (leveldb memenv style). A name maps to an inode; an inode holds
// an immutable snapshot of its bytes. Writers publish a new snapshot on Sync and Close,
// readers keep the snapshot they opened: that gives the disk's "replaced and removed files
// stay readable by those who opened them" without copying on every read.

#include <map>
#include <mutex>
#include <string>

#include "util/directory.h"
#include "util/status_macros.h"

namespace hexaglot {
namespace {

constexpr std::string_view kDescription = "<memory>";

struct Inode {
  std::shared_ptr<const std::string> contents = std::make_shared<const std::string>();
};

// Shared by the directory, its writers and its lock, so that each may outlive the others.
struct State {
  std::mutex mutex;
  // Guarded by `mutex`, as is every Inode::contents reachable from it or from a writer.
  std::map<std::string, std::shared_ptr<Inode>, std::less<>> files;
  bool locked = false;
};

std::string PathOf(std::string_view name) {
  return std::string(kDescription) + "/" + std::string(name);
}

class MemoryWritableFile final : public WritableFile {
 public:
  MemoryWritableFile(const std::string& name, std::shared_ptr<State> state,
                     std::shared_ptr<Inode> inode)
      : WritableFile(name, PathOf(name)), state_(std::move(state)), inode_(std::move(inode)) {}

  ~MemoryWritableFile() override {
    if (!closed()) static_cast<void>(Close());
  }

 protected:
  Status DoAppend(std::string_view data) override {
    buffer_.append(data);
    return Status::OK();
  }

  Status DoSync() override {
    Publish(std::make_shared<const std::string>(buffer_));
    return Status::OK();
  }

  Status DoClose() override {
    Publish(std::make_shared<const std::string>(std::move(buffer_)));
    buffer_.clear();
    return Status::OK();
  }

 private:
  // The inode, not the name: after a Rename or Remove the bytes go where the disk's would.
  void Publish(std::shared_ptr<const std::string> contents) {
    const std::lock_guard<std::mutex> lock(state_->mutex);
    inode_->contents = std::move(contents);
  }

  std::shared_ptr<State> state_;
  std::shared_ptr<Inode> inode_;
  std::string buffer_;  // Everything appended.
};

class MemoryLock final : public DirectoryLock {
 public:
  explicit MemoryLock(std::shared_ptr<State> state) : state_(std::move(state)) {}
  ~MemoryLock() override {
    const std::lock_guard<std::mutex> lock(state_->mutex);
    state_->locked = false;
  }

 private:
  std::shared_ptr<State> state_;
};

class MemoryDirectory final : public Directory {
 public:
  const std::string& description() const override { return description_; }

  Result<std::vector<std::string>> ListFiles() override {
    const std::lock_guard<std::mutex> lock(state_->mutex);
    std::vector<std::string> names;
    names.reserve(state_->files.size());
    for (const auto& [name, inode] : state_->files) names.push_back(name);
    return names;
  }

  Result<bool> FileExists(std::string_view name) override {
    HEXAGLOT_RETURN_IF_ERROR(ValidateFileName(name));
    const std::lock_guard<std::mutex> lock(state_->mutex);
    return state_->files.find(name) != state_->files.end();
  }

  Result<std::uint64_t> FileSize(std::string_view name) override {
    HEXAGLOT_RETURN_IF_ERROR(ValidateFileName(name));
    const std::lock_guard<std::mutex> lock(state_->mutex);
    const auto it = state_->files.find(name);
    if (it == state_->files.end()) return NotFound(name, "cannot stat");
    return static_cast<std::uint64_t>(it->second->contents->size());
  }

  Result<std::unique_ptr<WritableFile>> NewWritableFile(std::string_view name,
                                                        WriteMode mode) override {
    HEXAGLOT_RETURN_IF_ERROR(ValidateFileName(name));
    auto inode = std::make_shared<Inode>();
    {
      const std::lock_guard<std::mutex> lock(state_->mutex);
      const auto it = state_->files.find(name);
      if (it != state_->files.end()) {
        if (mode == WriteMode::kCreateNew) {
          return Status::AlreadyExists(PathOf(name) + ": cannot create: File exists");
        }
        it->second = inode;  // A new inode: readers of the old one keep its bytes.
      } else {
        state_->files.emplace(std::string(name), inode);
      }
    }
    return std::unique_ptr<WritableFile>(
        std::make_unique<MemoryWritableFile>(std::string(name), state_, std::move(inode)));
  }

  Result<ReadableFile> OpenReadableFile(std::string_view name) override {
    HEXAGLOT_RETURN_IF_ERROR(ValidateFileName(name));
    std::shared_ptr<const std::string> contents;
    {
      const std::lock_guard<std::mutex> lock(state_->mutex);
      const auto it = state_->files.find(name);
      if (it == state_->files.end()) return NotFound(name, "cannot open");
      contents = it->second->contents;
    }
    const std::string_view data = *contents;
    return ReadableFile(std::string(name), std::move(contents), data);
  }

  Status Rename(std::string_view from, std::string_view to) override {
    HEXAGLOT_RETURN_IF_ERROR(ValidateFileName(from));
    HEXAGLOT_RETURN_IF_ERROR(ValidateFileName(to));
    const std::lock_guard<std::mutex> lock(state_->mutex);
    const auto it = state_->files.find(from);
    if (it == state_->files.end()) return NotFound(from, "cannot rename to " + std::string(to));
    if (from == to) return Status::OK();
    std::shared_ptr<Inode> inode = std::move(it->second);
    state_->files.erase(it);
    state_->files.insert_or_assign(std::string(to), std::move(inode));
    return Status::OK();
  }

  Status Remove(std::string_view name) override {
    HEXAGLOT_RETURN_IF_ERROR(ValidateFileName(name));
    const std::lock_guard<std::mutex> lock(state_->mutex);
    const auto it = state_->files.find(name);
    if (it == state_->files.end()) return NotFound(name, "cannot remove");
    state_->files.erase(it);
    return Status::OK();
  }

  // Memory is as durable as it gets.
  Status SyncDirectory() override { return Status::OK(); }

  Result<std::unique_ptr<DirectoryLock>> LockExclusive() override {
    const std::lock_guard<std::mutex> lock(state_->mutex);
    if (state_->locked) {
      return Status::Unavailable(PathOf(kLockFileName) + ": index is locked by another writer");
    }
    state_->locked = true;
    return std::unique_ptr<DirectoryLock>(std::make_unique<MemoryLock>(state_));
  }

 private:
  static Status NotFound(std::string_view name, const std::string& what) {
    return Status::NotFound(PathOf(name) + ": " + what + ": No such file or directory");
  }

  const std::string description_{kDescription};
  const std::shared_ptr<State> state_ = std::make_shared<State>();
};

}  // namespace

std::unique_ptr<Directory> NewMemoryDirectory() { return std::make_unique<MemoryDirectory>(); }

}  // namespace hexaglot
