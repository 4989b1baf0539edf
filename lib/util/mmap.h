// MappedFile: a whole file mapped read-only into memory (POSIX mmap).
//
// Contract:
// - The mapping holds the bytes the file had when it was mapped and stays valid until the
//   MappedFile is destroyed, also after the file is closed, renamed or removed.
// - Only safe while nobody truncates the file: touching pages past a shrunken end raises
//   SIGBUS. hexaglot never truncates its files (they are written once).
// - A zero-length file gives an empty mapping (mmap itself refuses length 0).
// - Immutable after construction: safe to read from several threads.

#ifndef HEXAGLOT_UTIL_MMAP_H_
#define HEXAGLOT_UTIL_MMAP_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "hexaglot/status.h"

namespace hexaglot {

class MappedFile {
 public:
  // Maps the regular file open as `fd` (which stays the caller's: closing it afterwards
  // does not end the mapping). `path` names the file in messages. InvalidArgument when
  // `fd` is not a regular file, IOError when fstat or mmap fail.
  static Result<std::unique_ptr<MappedFile>> Map(int fd, const std::string& path);

  // Opens and maps the file at `path`: NotFound when it does not exist.
  static Result<std::unique_ptr<MappedFile>> Open(const std::string& path);

  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view data() const { return {static_cast<const char*>(address_), size_}; }
  std::size_t size() const { return size_; }

 private:
  MappedFile(void* address, std::size_t size) : address_(address), size_(size) {}

  void* address_;  // nullptr for an empty file.
  std::size_t size_;
};

}  // namespace hexaglot

#endif  // HEXAGLOT_UTIL_MMAP_H_
