#include "output.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace hexaglot::tool {

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return kExitOk;
    case StatusCode::kInvalidArgument:
    case StatusCode::kNotSupported:
    case StatusCode::kFailedPrecondition:
      return kExitUsage;
    case StatusCode::kNotFound:
    case StatusCode::kCorruption:
    case StatusCode::kIOError:
    case StatusCode::kAlreadyExists:
    case StatusCode::kResourceExhausted:
      return kExitData;
    case StatusCode::kInternal:
      return kExitInternal;
  }
  return kExitInternal;
}

int ReportError(const Status& status) {
  std::cerr << "hexaglot: error: " << status.message() << '\n';
  return ExitCodeFor(status);
}

int ReportInputError(const Status& status) {
  const int exit_code = ReportError(status);
  return status.IsInvalidArgument() ? kExitData : exit_code;
}

Result<std::string> ReadInput(const std::string& path) {
  if (path == "-") {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    if (std::cin.bad()) return Status::IOError("standard input: read failed");
    return buffer.str();
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    const int error = errno;
    std::string message = path + ": " + std::strerror(error);
    if (error == ENOENT) return Status::NotFound(std::move(message));
    return Status::IOError(std::move(message));
  }
  if (S_ISDIR(st.st_mode)) return Status::InvalidArgument(path + ": is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot open: " + std::strerror(errno));
  std::string contents((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Status::IOError(path + ": read failed");
  return contents;
}

Result<std::unique_ptr<IndexReader>> OpenIndex(const std::string& path) {
  Result<std::unique_ptr<IndexReader>> reader = IndexReader::Open(path);
  if (reader.status().IsNotFound()) {
    return Status::NotFound(reader.status().message() +
                            "; create it with: hexaglot index FILE... --index " + path);
  }
  return reader;
}

}  // namespace hexaglot::tool
