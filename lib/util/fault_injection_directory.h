// FaultInjectingDirectory: a Directory decorator that fails chosen calls, for testing that
// every storage failure reaches the caller as a Status and leaves the last commit intact.
//
// Usage: wrap a memory or disk directory, arm faults, run the code under test:
//
//   auto base = NewMemoryDirectory();
//   FaultInjectingDirectory dir(base.get());
//   dir.FailNth(FaultOp::kSync, 2, FaultKind::kNoSpace);  // the 2nd Sync from now fails
//
// To fail "every step" of a procedure, run it once to count its calls (Count(kAny)), then
// for n = 1..count run it on a fresh directory with FailNth(FaultOp::kAny, n).
//
// A failed call does nothing to the wrapped directory, except a kShortWrite Append, which
// stores the first half of the data before failing (what a full disk does), and a failed
// WritableFile::Close, which still closes the wrapped file (as close(2) releases the fd even
// when it fails). Calls that are not failed pass through unchanged.
//
// Thread safety: as Directory; arming faults and reading counts may happen from any thread.
// Files made through it may outlive it (they share its fault settings).

#ifndef HEXAGLOT_UTIL_FAULT_INJECTION_DIRECTORY_H_
#define HEXAGLOT_UTIL_FAULT_INJECTION_DIRECTORY_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "hexaglot/status.h"
#include "util/directory.h"

namespace hexaglot {

// The calls that can be failed. kAny matches every call, in the order they are made.
enum class FaultOp : std::uint8_t {
  kListFiles,
  kFileExists,
  kFileSize,
  kNewWritableFile,
  kAppend,
  kSync,
  kClose,
  kOpenReadableFile,
  kRename,
  kRemove,
  kSyncDirectory,
  kLockExclusive,
  kAny,
};

// The op's name as in messages: "Append", "Rename", ...
std::string_view FaultOpName(FaultOp op);

enum class FaultKind : std::uint8_t {
  kIOError,     // Fails with IOError "Input/output error" (EIO).
  kNoSpace,     // Fails with IOError "No space left on device" (ENOSPC).
  kShortWrite,  // Append stores the first half of its data, then fails as kNoSpace;
                // other calls fail as kNoSpace.
};

class FaultInjectingDirectory final : public Directory {
 public:
  // REQUIRES: `base` outlives this object.
  explicit FaultInjectingDirectory(Directory* base);
  ~FaultInjectingDirectory() override;

  // Fails the n-th call of `op` counted from now (n = 1: the next one), once.
  // REQUIRES: n >= 1.
  void FailNth(FaultOp op, std::uint64_t n, FaultKind kind = FaultKind::kIOError);
  // Fails every call of `op` from now on, as a disk that stays full or broken does.
  void FailFrom(FaultOp op, FaultKind kind = FaultKind::kIOError);
  // Disarms every fault; counts go on.
  void ClearFaults();

  // Calls of `op` made so far (failed ones included); kAny: all calls.
  std::uint64_t Count(FaultOp op) const;
  // Faults injected so far.
  std::uint64_t InjectedCount() const;

  const std::string& description() const override;
  Result<std::vector<std::string>> ListFiles() override;
  Result<bool> FileExists(std::string_view name) override;
  Result<std::uint64_t> FileSize(std::string_view name) override;
  Result<std::unique_ptr<WritableFile>> NewWritableFile(std::string_view name,
                                                        WriteMode mode) override;
  Result<ReadableFile> OpenReadableFile(std::string_view name) override;
  Status Rename(std::string_view from, std::string_view to) override;
  Status Remove(std::string_view name) override;
  Status SyncDirectory() override;
  Result<std::unique_ptr<DirectoryLock>> LockExclusive() override;

  // Shared with the files made through this directory, which may outlive it.
  class Faults;

 private:
  Directory* const base_;
  const std::shared_ptr<Faults> faults_;
};

}  // namespace hexaglot

#endif  // HEXAGLOT_UTIL_FAULT_INJECTION_DIRECTORY_H_
