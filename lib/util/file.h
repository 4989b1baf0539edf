// Whole-file reading with errors as Status values.

#ifndef HEXAGLOT_UTIL_FILE_H_
#define HEXAGLOT_UTIL_FILE_H_

#include <string>

#include "hexaglot/status.h"

namespace hexaglot {

// Reads the whole file at `path`. NotFound when it does not exist, IOError (with the
// operating system's reason) when it cannot be read, InvalidArgument for a directory.
Result<std::string> ReadFileToString(const std::string& path);

}  // namespace hexaglot

#endif  // HEXAGLOT_UTIL_FILE_H_
