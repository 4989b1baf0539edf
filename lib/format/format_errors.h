// Corruption messages of the segment readers: "<file>: <what> at byte offset <n>", where
// n is the offset in the whole file (the body starts after the frame's header, see
// file_format.h), so that `hexaglot check` can point at the bad byte.

#ifndef HEXAGLOT_FORMAT_FORMAT_ERRORS_H_
#define HEXAGLOT_FORMAT_FORMAT_ERRORS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "format/file_format.h"
#include "hexaglot/status.h"

namespace hexaglot::format {

// `body_offset` is an offset into the file's body.
inline Status CorruptionAt(std::string_view file, std::uint64_t body_offset,
                           std::string_view what) {
  return Status::Corruption(std::string(file) + ": " + std::string(what) + " at byte offset " +
                            std::to_string(body_offset + FramedFile::kBodyOffset));
}

// The offset of `position` (a pointer into `body`) in `body`.
inline std::uint64_t OffsetIn(std::string_view body, std::string_view rest) {
  return static_cast<std::uint64_t>(rest.data() - body.data());
}

}  // namespace hexaglot::format

#endif  // HEXAGLOT_FORMAT_FORMAT_ERRORS_H_
