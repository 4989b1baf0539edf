// hexaglot merge: merges an index's segments (IndexWriter::ForceMerge).

#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "commands.h"
#include "hexaglot/index_reader.h"
#include "hexaglot/index_writer.h"
#include "output.h"
#include "terminal.h"

namespace hexaglot::tool {
namespace {

struct MergeArgs {
  std::string index;
  int max_segments = 1;
  double wait = 0;
  bool json = false;
};

int RunMerge(const MergeArgs& args) {
  const auto start = std::chrono::steady_clock::now();
  if (args.max_segments < 1) {
    return ReportError(Status::InvalidArgument("--max-segments must be at least 1"));
  }
  Result<std::string> path = ResolveIndexPath(args.index);
  if (!path.ok()) return ReportError(path.status());
  // Opened first so that a missing index is an error rather than created empty.
  Result<std::unique_ptr<IndexReader>> before = OpenIndex(*path);
  if (!before.ok()) return ReportError(before.status());
  Result<IndexStats> stats_before = (*before)->Stats();
  if (!stats_before.ok()) return ReportError(stats_before.status());

  IndexWriterOptions options;
  options.lock_wait = LockWait(args.wait);
  Result<std::unique_ptr<IndexWriter>> writer = IndexWriter::Open(*path, options);
  if (!writer.ok()) return ReportError(writer.status());
  if (Status status = (*writer)->ForceMerge(args.max_segments); !status.ok()) {
    return ReportError(status);
  }
  writer->reset();
  Result<std::unique_ptr<IndexReader>> after = (*before)->Reopen();
  if (!after.ok()) return ReportError(after.status());
  Result<IndexStats> stats_after = (*after)->Stats();
  if (!stats_after.ok()) return ReportError(stats_after.status());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  if (args.json) {
    std::cout << nlohmann::ordered_json{{"index", *path},
                                        {"segments_before", stats_before->segments.size()},
                                        {"segments_after", stats_after->segments.size()},
                                        {"bytes_before", stats_before->bytes},
                                        {"bytes_after", stats_after->bytes},
                                        {"documents", stats_after->documents},
                                        {"generation", stats_after->generation},
                                        {"seconds", seconds}}
                     .dump()
              << '\n';
  } else {
    std::cout << *path << ": " << stats_before->segments.size()
              << (stats_before->segments.size() == 1 ? " segment (" : " segments (")
              << GroupDigits(stats_before->bytes) << " bytes) -> " << stats_after->segments.size()
              << " (" << GroupDigits(stats_after->bytes) << " bytes), "
              << GroupDigits(stats_after->documents) << " documents, generation "
              << stats_after->generation << "; " << Fixed(seconds, 2) << " s\n";
  }
  return kExitOk;
}

}  // namespace

void AddMergeCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<MergeArgs>();
  CLI::App* command = app.add_subcommand(
      "merge",
      "Merge an index's segments until at most --max-segments remain (1: one segment without "
      "deleted documents), commit, and report the segments before and after.");
  AddIndexOption(command, &args->index, /*positional=*/true);
  command->add_option("--max-segments", args->max_segments, "Segments to leave")
      ->capture_default_str();
  AddWaitOption(command, &args->wait);
  command->add_flag("--json", args->json, "The report as one JSON object");
  command->callback([args, exit_code] { *exit_code = RunMerge(*args); });
}

}  // namespace hexaglot::tool
