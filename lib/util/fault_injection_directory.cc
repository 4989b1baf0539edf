#include "util/fault_injection_directory.h"

#include <array>
#include <cassert>
#include <mutex>
#include <optional>
#include <utility>

#include "util/status_macros.h"

namespace hexaglot {

std::string_view FaultOpName(FaultOp op) {
  switch (op) {
    case FaultOp::kListFiles:
      return "ListFiles";
    case FaultOp::kFileExists:
      return "FileExists";
    case FaultOp::kFileSize:
      return "FileSize";
    case FaultOp::kNewWritableFile:
      return "NewWritableFile";
    case FaultOp::kAppend:
      return "Append";
    case FaultOp::kSync:
      return "Sync";
    case FaultOp::kClose:
      return "Close";
    case FaultOp::kOpenReadableFile:
      return "OpenReadableFile";
    case FaultOp::kRename:
      return "Rename";
    case FaultOp::kRemove:
      return "Remove";
    case FaultOp::kSyncDirectory:
      return "SyncDirectory";
    case FaultOp::kLockExclusive:
      return "LockExclusive";
    case FaultOp::kAny:
      return "Any";
  }
  return "Unknown";
}

class FaultInjectingDirectory::Faults {
 public:
  void FailNth(FaultOp op, std::uint64_t n, FaultKind kind) {
    assert(n >= 1);
    const std::lock_guard<std::mutex> lock(mutex_);
    rules_.push_back({op, counts_[Index(op)] + n, false, kind});
  }

  void FailFrom(FaultOp op, FaultKind kind) {
    const std::lock_guard<std::mutex> lock(mutex_);
    rules_.push_back({op, counts_[Index(op)] + 1, true, kind});
  }

  void Clear() {
    const std::lock_guard<std::mutex> lock(mutex_);
    rules_.clear();
  }

  std::uint64_t Count(FaultOp op) const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return counts_[Index(op)];
  }

  std::uint64_t Injected() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return injected_;
  }

  // Counts a call of `op` and says whether it fails, and how.
  std::optional<FaultKind> OnCall(FaultOp op) {
    const std::lock_guard<std::mutex> lock(mutex_);
    const std::uint64_t own = ++counts_[Index(op)];
    const std::uint64_t any = ++counts_[Index(FaultOp::kAny)];
    for (auto it = rules_.begin(); it != rules_.end(); ++it) {
      const std::uint64_t count = it->op == FaultOp::kAny ? any : own;
      if (it->op != op && it->op != FaultOp::kAny) continue;
      if (it->sticky ? count < it->at : count != it->at) continue;
      const FaultKind kind = it->kind;
      if (!it->sticky) rules_.erase(it);
      ++injected_;
      return kind;
    }
    return std::nullopt;
  }

 private:
  struct Rule {
    FaultOp op;
    std::uint64_t at;  // The op's count at which it fires (sticky: from which on).
    bool sticky;
    FaultKind kind;
  };

  static std::size_t Index(FaultOp op) { return static_cast<std::size_t>(op); }

  mutable std::mutex mutex_;
  std::array<std::uint64_t, static_cast<std::size_t>(FaultOp::kAny) + 1> counts_{};
  std::vector<Rule> rules_;
  std::uint64_t injected_ = 0;
};

namespace {

// The error a real failure would give, marked as injected so that a test log never
// mistakes it for a broken disk.
Status InjectedError(FaultOp op, std::string_view where, FaultKind kind) {
  const char* reason =
      kind == FaultKind::kIOError ? "Input/output error" : "No space left on device";
  return Status::IOError(std::string(where) + ": " + std::string(FaultOpName(op)) + ": " + reason +
                         " (injected)");
}

std::string PathOf(const Directory& dir, std::string_view name) {
  return dir.description() + "/" + std::string(name);
}

class FaultInjectingWritableFile final : public WritableFile {
 public:
  FaultInjectingWritableFile(std::unique_ptr<WritableFile> base, std::string description,
                             std::shared_ptr<FaultInjectingDirectory::Faults> faults)
      : WritableFile(base->name(), std::move(description)),
        base_(std::move(base)),
        faults_(std::move(faults)) {}

  // The base file closes itself when destroyed.
  ~FaultInjectingWritableFile() override = default;

 protected:
  Status DoAppend(std::string_view data) override {
    if (const std::optional<FaultKind> fault = faults_->OnCall(FaultOp::kAppend)) {
      if (*fault == FaultKind::kShortWrite) {
        HEXAGLOT_RETURN_IF_ERROR(base_->Append(data.substr(0, data.size() / 2)));
      }
      return InjectedError(FaultOp::kAppend, description(), *fault);
    }
    return base_->Append(data);
  }

  Status DoSync() override {
    if (const std::optional<FaultKind> fault = faults_->OnCall(FaultOp::kSync)) {
      return InjectedError(FaultOp::kSync, description(), *fault);
    }
    return base_->Sync();
  }

  Status DoClose() override {
    const std::optional<FaultKind> fault = faults_->OnCall(FaultOp::kClose);
    Status status = base_->Close();  // Released whether or not the close "fails".
    if (fault) return InjectedError(FaultOp::kClose, description(), *fault);
    return status;
  }

 private:
  std::unique_ptr<WritableFile> base_;
  std::shared_ptr<FaultInjectingDirectory::Faults> faults_;
};

}  // namespace

FaultInjectingDirectory::FaultInjectingDirectory(Directory* base)
    : base_(base), faults_(std::make_shared<Faults>()) {}

FaultInjectingDirectory::~FaultInjectingDirectory() = default;

void FaultInjectingDirectory::FailNth(FaultOp op, std::uint64_t n, FaultKind kind) {
  faults_->FailNth(op, n, kind);
}

void FaultInjectingDirectory::FailFrom(FaultOp op, FaultKind kind) { faults_->FailFrom(op, kind); }

void FaultInjectingDirectory::ClearFaults() { faults_->Clear(); }

std::uint64_t FaultInjectingDirectory::Count(FaultOp op) const { return faults_->Count(op); }

std::uint64_t FaultInjectingDirectory::InjectedCount() const { return faults_->Injected(); }

const std::string& FaultInjectingDirectory::description() const { return base_->description(); }

Result<std::vector<std::string>> FaultInjectingDirectory::ListFiles() {
  if (const std::optional<FaultKind> fault = faults_->OnCall(FaultOp::kListFiles)) {
    return InjectedError(FaultOp::kListFiles, description(), *fault);
  }
  return base_->ListFiles();
}

Result<bool> FaultInjectingDirectory::FileExists(std::string_view name) {
  if (const std::optional<FaultKind> fault = faults_->OnCall(FaultOp::kFileExists)) {
    return InjectedError(FaultOp::kFileExists, PathOf(*this, name), *fault);
  }
  return base_->FileExists(name);
}

Result<std::uint64_t> FaultInjectingDirectory::FileSize(std::string_view name) {
  if (const std::optional<FaultKind> fault = faults_->OnCall(FaultOp::kFileSize)) {
    return InjectedError(FaultOp::kFileSize, PathOf(*this, name), *fault);
  }
  return base_->FileSize(name);
}

Result<std::unique_ptr<WritableFile>> FaultInjectingDirectory::NewWritableFile(
    std::string_view name, WriteMode mode) {
  if (const std::optional<FaultKind> fault = faults_->OnCall(FaultOp::kNewWritableFile)) {
    return InjectedError(FaultOp::kNewWritableFile, PathOf(*this, name), *fault);
  }
  HEXAGLOT_ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> file, base_->NewWritableFile(name, mode));
  return std::unique_ptr<WritableFile>(
      std::make_unique<FaultInjectingWritableFile>(std::move(file), PathOf(*this, name), faults_));
}

Result<ReadableFile> FaultInjectingDirectory::OpenReadableFile(std::string_view name) {
  if (const std::optional<FaultKind> fault = faults_->OnCall(FaultOp::kOpenReadableFile)) {
    return InjectedError(FaultOp::kOpenReadableFile, PathOf(*this, name), *fault);
  }
  return base_->OpenReadableFile(name);
}

Status FaultInjectingDirectory::Rename(std::string_view from, std::string_view to) {
  if (const std::optional<FaultKind> fault = faults_->OnCall(FaultOp::kRename)) {
    return InjectedError(FaultOp::kRename, PathOf(*this, from) + " -> " + std::string(to), *fault);
  }
  return base_->Rename(from, to);
}

Status FaultInjectingDirectory::Remove(std::string_view name) {
  if (const std::optional<FaultKind> fault = faults_->OnCall(FaultOp::kRemove)) {
    return InjectedError(FaultOp::kRemove, PathOf(*this, name), *fault);
  }
  return base_->Remove(name);
}

Status FaultInjectingDirectory::SyncDirectory() {
  if (const std::optional<FaultKind> fault = faults_->OnCall(FaultOp::kSyncDirectory)) {
    return InjectedError(FaultOp::kSyncDirectory, description(), *fault);
  }
  return base_->SyncDirectory();
}

Result<std::unique_ptr<DirectoryLock>> FaultInjectingDirectory::LockExclusive() {
  if (const std::optional<FaultKind> fault = faults_->OnCall(FaultOp::kLockExclusive)) {
    return InjectedError(FaultOp::kLockExclusive, PathOf(*this, kLockFileName), *fault);
  }
  return base_->LockExclusive();
}

}  // namespace hexaglot
