#include "util/mmap.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <limits>

namespace hexaglot {
namespace {

Status ErrnoStatus(const std::string& path, const char* what, int error) {
  std::string message = path + ": " + what + ": " + std::strerror(error);
  if (error == ENOENT) return Status::NotFound(std::move(message));
  return Status::IOError(std::move(message));
}

}  // namespace

Result<std::unique_ptr<MappedFile>> MappedFile::Map(int fd, const std::string& path) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return ErrnoStatus(path, "cannot stat", errno);
  if (!S_ISREG(st.st_mode)) {
    return Status::InvalidArgument(path + ": not a regular file, cannot be mapped");
  }
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size > std::numeric_limits<std::size_t>::max()) {
    return Status::ResourceExhausted(path + ": " + std::to_string(size) +
                                     " bytes do not fit in the address space");
  }
  if (size == 0) return std::unique_ptr<MappedFile>(new MappedFile(nullptr, 0));
  void* address = ::mmap(nullptr, static_cast<std::size_t>(size), PROT_READ, MAP_SHARED, fd, 0);
  if (address == MAP_FAILED) return ErrnoStatus(path, "cannot mmap", errno);
  return std::unique_ptr<MappedFile>(new MappedFile(address, static_cast<std::size_t>(size)));
}

Result<std::unique_ptr<MappedFile>> MappedFile::Open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(path, "cannot open", errno);
  Result<std::unique_ptr<MappedFile>> mapped = Map(fd, path);
  ::close(fd);
  return mapped;
}

MappedFile::~MappedFile() {
  if (address_ != nullptr) ::munmap(address_, size_);
}

}  // namespace hexaglot
