// Status and Result<T>: how every fallible hexaglot operation reports errors.
//
// Contract:
// - Errors are values. No hexaglot function throws; one that can fail returns a Status, or
//   a Result<T> holding either a T or a non-OK Status. Both are [[nodiscard]].
// - A message names what failed and where (a file, a byte offset, a query column), so that
//   it can be shown to a user as it is.
// - Thread safety: distinct objects may be used from distinct threads; a const object may
//   be read from several threads at once.
// - Codes are stable and may be stored or sent across the C API: do not renumber them.

#ifndef HEXAGLOT_STATUS_H_
#define HEXAGLOT_STATUS_H_

#include <cassert>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include "hexaglot/export.h"

namespace hexaglot {

// Error codes. Values are part of the ABI (the C API returns them): never renumber.
enum class StatusCode : std::uint8_t {
  kOk = 0,
  kInvalidArgument = 1,     // The caller's input is malformed: bad UTF-8, a bad query.
  kNotFound = 2,            // A named thing (file, document, language) does not exist.
  kCorruption = 3,          // Stored bytes fail validation (checksum, structure, bounds).
  kIOError = 4,             // The operating system refused a read, write, sync or rename.
  kNotSupported = 5,        // A valid request this build or format version cannot serve.
  kAlreadyExists = 6,       // Creating something that is already there.
  kResourceExhausted = 7,   // A documented limit (size, memory budget, depth) was exceeded.
  kFailedPrecondition = 8,  // The object is in the wrong state for this call.
  kInternal = 9,            // A bug in hexaglot: an invariant did not hold.
  kUnavailable = 10,        // Busy now (another writer holds the index): retrying may succeed.
};

// The code's name as used in messages: "InvalidArgument", "Corruption", ...
HEXAGLOT_EXPORT std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] HEXAGLOT_EXPORT Status {
 public:
  // An OK status.
  Status() = default;

  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string message) {
    return Status(StatusCode::kInvalidArgument, std::move(message));
  }
  static Status NotFound(std::string message) {
    return Status(StatusCode::kNotFound, std::move(message));
  }
  static Status Corruption(std::string message) {
    return Status(StatusCode::kCorruption, std::move(message));
  }
  static Status IOError(std::string message) {
    return Status(StatusCode::kIOError, std::move(message));
  }
  static Status NotSupported(std::string message) {
    return Status(StatusCode::kNotSupported, std::move(message));
  }
  static Status AlreadyExists(std::string message) {
    return Status(StatusCode::kAlreadyExists, std::move(message));
  }
  static Status ResourceExhausted(std::string message) {
    return Status(StatusCode::kResourceExhausted, std::move(message));
  }
  static Status FailedPrecondition(std::string message) {
    return Status(StatusCode::kFailedPrecondition, std::move(message));
  }
  static Status Internal(std::string message) {
    return Status(StatusCode::kInternal, std::move(message));
  }
  static Status Unavailable(std::string message) {
    return Status(StatusCode::kUnavailable, std::move(message));
  }

  // REQUIRES: code != kOk (use Status() for success).
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {
    assert(code != StatusCode::kOk);
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  bool IsInvalidArgument() const { return code_ == StatusCode::kInvalidArgument; }
  bool IsNotFound() const { return code_ == StatusCode::kNotFound; }
  bool IsCorruption() const { return code_ == StatusCode::kCorruption; }
  bool IsIOError() const { return code_ == StatusCode::kIOError; }
  bool IsNotSupported() const { return code_ == StatusCode::kNotSupported; }
  bool IsUnavailable() const { return code_ == StatusCode::kUnavailable; }

  // "OK", or "<CodeName>: <message>".
  std::string ToString() const;

  // A copy whose message is "<context>: <message>"; OK stays OK. For adding the "where"
  // (a file name, a document id) as an error travels up.
  Status WithContext(std::string_view context) const;

  friend bool operator==(const Status& a, const Status& b) = default;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Either a value of type T or a non-OK Status.
//
// REQUIRES for value(), operator* and operator->: ok(). Calling them on an error is a
// programming error (checked by assert in debug builds).
template <typename T>
class [[nodiscard]] Result {
  static_assert(!std::is_same_v<std::remove_cv_t<T>, Status>, "Result<Status> is ambiguous");

 public:
  // Implicit on purpose, so that a function returning Result<T> can `return value;` or
  // `return Status::NotFound(...);`.
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT
  // REQUIRES: !status.ok().
  Result(Status status) : state_(std::in_place_index<1>, std::move(status)) {  // NOLINT
    assert(!std::get<1>(state_).ok());
  }

  bool ok() const { return state_.index() == 0; }

  // The error, or OK when a value is held.
  Status status() const { return ok() ? Status() : std::get<1>(state_); }

  T& value() & {
    assert(ok());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(state_));
  }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace hexaglot

#endif  // HEXAGLOT_STATUS_H_
