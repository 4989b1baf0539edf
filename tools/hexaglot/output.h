// What every subcommand shares: exit codes, error reporting and reading inputs.

#ifndef HEXAGLOT_TOOLS_OUTPUT_H_
#define HEXAGLOT_TOOLS_OUTPUT_H_

#include <CLI/CLI.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "hexaglot/index_reader.h"
#include "hexaglot/status.h"

namespace hexaglot::tool {

// Exit codes, documented in README "CLI reference".
inline constexpr int kExitOk = 0;
inline constexpr int kExitNoResults = 1;  // No results, or `check` found a problem.
inline constexpr int kExitUsage = 2;      // Bad flags, arguments, language or query.
inline constexpr int kExitData = 3;       // A file is missing, unreadable, invalid or corrupt.
inline constexpr int kExitInternal = 4;   // A bug in hexaglot.
inline constexpr int kExitBusy = 5;       // Another writer holds the index: retry later.

// The exit code for an error status.
int ExitCodeFor(const Status& status);

// Prints "hexaglot: error: <message>" to stderr and returns ExitCodeFor(status).
int ReportError(const Status& status);

// The same for an error in the contents of an input file (invalid UTF-8, malformed
// records): InvalidArgument there is bad data, not bad usage, so it exits kExitData.
int ReportInputError(const Status& status);

// Reads `path`, or standard input when path is "-".
Result<std::string> ReadInput(const std::string& path);

// Registers `--wait SECONDS` on a command that writes an index: how long to wait for
// another writer to release it (0 to 1e6 seconds; default 0, no wait).
void AddWaitOption(CLI::App* command, double* seconds);
// IndexWriterOptions::lock_wait for --wait's seconds.
std::chrono::milliseconds LockWait(double seconds);

// A reader of the index at `path`; a missing index is NotFound with a hint on creating one.
Result<std::unique_ptr<IndexReader>> OpenIndex(const std::string& path);

}  // namespace hexaglot::tool

#endif  // HEXAGLOT_TOOLS_OUTPUT_H_
