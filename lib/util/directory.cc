#include "util/directory.h"

#include <string>

namespace hexaglot {
namespace {

// NAME_MAX on Linux and the BSDs; a memory directory enforces it too so that both behave
// the same.
constexpr std::size_t kMaxFileNameLength = 255;

// `name` as it can be shown in a message: printable ASCII kept, other bytes as \xNN.
std::string Printable(std::string_view name) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const char c : name.substr(0, 64)) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7f) {
      out += c;
    } else {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    }
  }
  if (name.size() > 64) out += "...";
  return out;
}

}  // namespace

Status ValidateFileName(std::string_view name) {
  const char* why = nullptr;
  if (name.empty()) {
    why = "is empty";
  } else if (name == "." || name == "..") {
    why = "is not a file name";
  } else if (name.find('/') != std::string_view::npos) {
    why = "contains '/': only plain names inside the directory are allowed";
  } else if (name.find('\0') != std::string_view::npos) {
    why = "contains a NUL byte";
  } else if (name.size() > kMaxFileNameLength) {
    why = "is longer than 255 bytes";
  } else if (name == kLockFileName) {
    why = "is reserved for the writer lock";
  }
  if (why == nullptr) return Status::OK();
  return Status::InvalidArgument("file name \"" + Printable(name) + "\" " + why);
}

Status WritableFile::CheckWritable(std::string_view operation) const {
  if (closed_) {
    return Status::FailedPrecondition(description_ + ": " + std::string(operation) +
                                      " after Close");
  }
  if (!error_.ok()) {
    return Status::FailedPrecondition(description_ + ": " + std::string(operation) +
                                      " after an earlier failure (" + error_.ToString() + ")");
  }
  return Status::OK();
}

Status WritableFile::Append(std::string_view data) {
  if (Status status = CheckWritable("Append"); !status.ok()) return status;
  Status status = DoAppend(data);
  if (status.ok()) {
    size_ += data.size();
  } else {
    error_ = status;
  }
  return status;
}

Status WritableFile::Sync() {
  if (Status status = CheckWritable("Sync"); !status.ok()) return status;
  Status status = DoSync();
  if (!status.ok()) error_ = status;
  return status;
}

Status WritableFile::Close() {
  if (closed_) return Status::FailedPrecondition(description_ + ": Close after Close");
  closed_ = true;
  Status status = DoClose();
  return error_.ok() ? status : error_;
}

}  // namespace hexaglot
