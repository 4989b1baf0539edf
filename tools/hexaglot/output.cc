#include "output.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace hexaglot::tool {
namespace {

constexpr double kMaxWaitSeconds = 1e6;

// Whether `path` is a folder holding anything besides a writer's lock file: no place for a
// new index (IndexWriter refuses it).
bool HoldsOtherFiles(const std::string& path) {
  std::error_code error;
  std::filesystem::directory_iterator it(path, error);
  for (; !error && it != std::filesystem::directory_iterator(); it.increment(error)) {
    if (it->path().filename() != "LOCK") return true;
  }
  return false;
}

}  // namespace

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
    case StatusCode::kUnavailable:
      return kExitBusy;
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

void AddWaitOption(CLI::App* command, double* seconds) {
  command
      ->add_option("--wait", *seconds,
                   "Seconds to wait while another writer holds the index (default 0: fail at "
                   "once with exit 5)")
      ->check(CLI::Validator(
          [](const std::string& input) -> std::string {
            char* end = nullptr;
            const double value = std::strtod(input.c_str(), &end);
            // Written so that NaN fails too.
            if (end == input.c_str() || *end != '\0' || !(value >= 0 && value <= kMaxWaitSeconds)) {
              return "--wait takes seconds from 0 to 1000000, not " + input;
            }
            return {};
          },
          "SECONDS"));
}

std::chrono::milliseconds LockWait(double seconds) {
  return std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000));
}

Result<std::unique_ptr<IndexReader>> OpenIndex(const std::string& path) {
  Result<std::unique_ptr<IndexReader>> reader = IndexReader::Open(path);
  if (reader.status().IsNotFound()) {
    if (HoldsOtherFiles(path)) {
      return Status::NotFound(reader.status().message() +
                              "; the folder holds other files: index into an empty or new one");
    }
    return Status::NotFound(reader.status().message() +
                            "; create it with: hexaglot index FILE... --index " + path);
  }
  return reader;
}

}  // namespace hexaglot::tool
