// hexaglot index: parses files into paragraph records and brings an index up to date with
// them (IndexWriter::Update): new ids are added, changed ones replaced, missing ones
// removed, unchanged ones left alone. Every input is read once, as the indexing threads
// index it (FileRecordSource), so that pipes work and memory follows --memory-budget
// rather than the size of the files; an error found while reading fails the update
// before Commit, so that a bad file leaves the index untouched (a folder this run
// created is removed again).

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "analysis_flags.h"
#include "commands.h"
#include "hexaglot/index_reader.h"
#include "hexaglot/index_writer.h"
#include "hexaglot/ingest.h"
#include "output.h"
#include "terminal.h"

namespace hexaglot::tool {
namespace {

// Warnings printed before the rest are only counted.
constexpr std::uint64_t kMaxPrintedWarnings = 10;

struct IndexArgs {
  std::vector<std::string> files;
  std::string index;
  std::string format = "auto";
  std::string lang = "auto";
  std::string doc;
  std::string memory_budget = "256M";
  int threads = 0;
  bool rebuild = false;
  bool strict = false;
  bool allow_empty = false;
  bool json = false;
  double wait = 0;
  AnalysisFlags analysis;
};

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The --threads limit: kMaxThreadsPerCore per hardware thread (IndexWriterOptions).
int MaxThreads() {
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())) * kMaxThreadsPerCore;
}

// Removes the index folder `path` and the parents that `created` (FirstMissingFolder)
// says this run made, when they are empty: what a failed run that created them leaves.
void RemoveCreatedFolders(const std::string& path, const std::filesystem::path& created) {
  std::error_code ignored;
  std::filesystem::path folder = std::filesystem::absolute(path, ignored);
  std::filesystem::remove_all(folder, ignored);
  while (folder != created && folder.has_parent_path() && folder.parent_path() != folder) {
    folder = folder.parent_path();
    if (!std::filesystem::remove(folder, ignored)) break;  // Not empty (or gone): kept.
  }
}

// The outermost folder of `path` that does not exist yet (what creating the index adds),
// or nullopt when the folder exists.
std::optional<std::filesystem::path> FirstMissingFolder(const std::string& path) {
  std::error_code error;
  std::filesystem::path folder = std::filesystem::absolute(path, error);
  if (error || std::filesystem::exists(folder, error)) return std::nullopt;
  while (folder.has_parent_path() && folder.parent_path() != folder &&
         !std::filesystem::exists(folder.parent_path(), error)) {
    folder = folder.parent_path();
  }
  return folder;
}

// ParseOptions from the flags; InvalidArgument for a bad one.
Result<ParseOptions> ParseOptionsOf(const IndexArgs& args) {
  ParseOptions options;
  options.doc = args.doc;
  options.strict = args.strict;
  if (args.lang != "auto") {
    Result<Language> language = ParseLanguage(args.lang);
    if (!language.ok()) return language.status();
    options.language = *language;
  }
  Result<InputFormat> format = ParseInputFormat(args.format);
  if (!format.ok()) return format.status();
  options.format = *format;
  return options;
}

// An input that gave no records: an error (exit 3), except a blank one under
// --allow-empty.
Status CheckInputs(const FileRecordSource& source, bool allow_empty) {
  for (const InputSummary& input : source.inputs()) {
    if (input.records > 0) continue;
    if (input.blank) {
      if (allow_empty) continue;
      return Status::InvalidArgument(input.source +
                                     ": no records (empty input; --allow-empty accepts it)");
    }
    if (input.skipped > 0) {
      return Status::InvalidArgument(input.source + ": no records: all " +
                                     std::to_string(input.skipped) +
                                     " lines or records were skipped (see the warnings)");
    }
    return Status::InvalidArgument(input.source + ": no records found reading it as " +
                                   std::string(InputFormatName(input.format)) + " (see --format)");
  }
  return Status::OK();
}

struct IndexRun {
  UpdateCounts counts;
  std::uint64_t generation = 0;
  double update_seconds = 0.0;
  double commit_seconds = 0.0;
};

// Opens the index, updates it from `source` and commits. On any error nothing is
// committed, and a folder that did not exist before is removed. Sets *opened once the
// writer is open (later errors are the inputs').
Result<IndexRun> UpdateIndex(const std::string& path, const IndexWriterOptions& options,
                             FileRecordSource& source, bool allow_empty, bool* opened) {
  const std::optional<std::filesystem::path> created = FirstMissingFolder(path);
  std::unique_ptr<IndexWriter> writer;
  const auto fail = [&](Status status) -> Result<IndexRun> {
    writer.reset();  // Releases the writer lock before the folder goes.
    if (created) RemoveCreatedFolders(path, *created);
    return status;
  };
  const auto start = std::chrono::steady_clock::now();
  Result<std::unique_ptr<IndexWriter>> open = IndexWriter::Open(path, options);
  if (!open.ok()) return fail(open.status());
  writer = std::move(*open);
  *opened = true;
  IndexRun run;
  Result<UpdateCounts> counts = writer->Update(source);
  if (!counts.ok()) return fail(counts.status());
  if (Status status = CheckInputs(source, allow_empty); !status.ok()) return fail(status);
  run.counts = *counts;
  run.update_seconds = SecondsSince(start);
  if (Status status = writer->Commit(); !status.ok()) return fail(status);
  run.commit_seconds = SecondsSince(start) - run.update_seconds;
  run.generation = writer->generation();
  return run;
}

void PrintReport(const IndexArgs& args, const std::string& path, const IndexRun& run,
                 const FileRecordSource& source, std::uint64_t documents, double seconds) {
  const std::uint64_t text_bytes = source.text_bytes();
  const double mb_per_s = seconds > 0.0 ? static_cast<double>(text_bytes) / 1e6 / seconds : 0.0;
  const double parse_seconds = std::max(0.0, seconds - run.update_seconds - run.commit_seconds);
  if (args.json) {
    const nlohmann::ordered_json line = {{"index", path},
                                         {"files", args.files.size()},
                                         {"records", source.records()},
                                         {"skipped", source.skipped()},
                                         {"warnings", source.warnings()},
                                         {"added", run.counts.added},
                                         {"changed", run.counts.changed},
                                         {"removed", run.counts.removed},
                                         {"unchanged", run.counts.unchanged},
                                         {"documents", documents},
                                         {"generation", run.generation},
                                         {"text_bytes", text_bytes},
                                         {"seconds", seconds},
                                         {"mb_per_s", mb_per_s},
                                         {"parse_seconds", parse_seconds},
                                         {"update_seconds", run.update_seconds},
                                         {"commit_seconds", run.commit_seconds}};
    std::cout << line.dump() << '\n';
  } else {
    const std::string timing = Fixed(seconds, 2) + " s (update " + Fixed(run.update_seconds, 2) +
                               ", commit " + Fixed(run.commit_seconds, 2) + "), " +
                               Fixed(mb_per_s, 1) + " MB/s of text";
    std::cout << path << ": " << GroupDigits(run.counts.added) << " added, "
              << GroupDigits(run.counts.changed) << " changed, " << GroupDigits(run.counts.removed)
              << " removed, " << GroupDigits(run.counts.unchanged) << " unchanged ("
              << GroupDigits(source.records()) << " records from " << args.files.size()
              << (args.files.size() == 1 ? " file" : " files") << ", "
              << GroupDigits(source.skipped()) << " skipped)\n"
              << GroupDigits(documents) << " documents, generation " << run.generation << "; "
              << timing << '\n';
  }
  std::cout.flush();
}

int RunIndex(const IndexArgs& args) {
  const auto start = std::chrono::steady_clock::now();
  // Every flag is checked before the index folder is created.
  Result<std::string> path = ResolveIndexPath(args.index);
  if (!path.ok()) return ReportError(path.status());
  Result<std::uint64_t> budget = ParseByteSize(args.memory_budget);
  if (!budget.ok()) return ReportError(budget.status());
  if (args.threads < 0 || args.threads > MaxThreads()) {
    return ReportError(Status::InvalidArgument(
        "--threads must be 0 (one per hardware thread) to " + std::to_string(MaxThreads()) + " (" +
        std::to_string(kMaxThreadsPerCore) + " per hardware thread)"));
  }
  Result<ParseOptions> parse_options = ParseOptionsOf(args);
  if (!parse_options.ok()) return ReportError(parse_options.status());
  std::optional<AnalyzerOptions> analyzer_options;
  if (args.analysis.given()) {
    Result<AnalyzerOptions> analysis = AnalyzerOptionsOf(args.analysis);
    if (!analysis.ok()) return ReportError(analysis.status());
    analyzer_options = *analysis;
  }

  // Warnings and the progress bar come from the indexing threads, one call at a time
  // each: the lock keeps them off each other.
  std::mutex output_mu;
  std::uint64_t warnings = 0;  // Guarded by output_mu.
  ProgressBar bar("documents");
  Result<std::unique_ptr<FileRecordSource>> source =
      FileRecordSource::Open(args.files, *parse_options, [&](const ParseWarning& warning) {
        std::lock_guard lock(output_mu);
        if (++warnings > kMaxPrintedWarnings) return;
        bar.Clear();
        std::cerr << warning.source << ':' << warning.line << ": warning: " << warning.message
                  << '\n';
      });
  // An input that cannot be read: a data error, index untouched.
  if (!source.ok()) return ReportInputError(source.status());

  IndexWriterOptions options;
  options.memory_budget_bytes = *budget;
  options.threads = args.threads;
  options.rebuild = args.rebuild;
  options.lock_wait = LockWait(args.wait);
  options.analyzer = analyzer_options;
  if (bar.enabled()) {
    const FileRecordSource* records = source->get();
    options.progress = [&bar, &output_mu, records](const IndexProgress& progress) {
      // Documents expected: extrapolated from the bytes read, when the total is known.
      const std::uint64_t total = records->total_bytes();
      const std::uint64_t read = std::max<std::uint64_t>(records->bytes_read(), 1);
      const std::uint64_t expected =
          total == 0
              ? progress.documents
              : static_cast<std::uint64_t>(static_cast<double>(progress.documents) *
                                           static_cast<double>(total) / static_cast<double>(read));
      std::lock_guard lock(output_mu);
      bar.Update(progress.documents, std::max(expected, progress.documents), read, total);
    };
  }
  bool opened = false;
  Result<IndexRun> run = UpdateIndex(*path, options, **source, args.allow_empty, &opened);
  bar.Clear();
  if (warnings > kMaxPrintedWarnings) {
    std::cerr << "... and " << GroupDigits(warnings - kMaxPrintedWarnings) << " more warnings\n";
  }
  // The writer's own errors (a bad budget, a busy index) keep their codes.
  if (!run.ok()) return opened ? ReportInputError(run.status()) : ReportError(run.status());

  Result<std::unique_ptr<IndexReader>> reader = IndexReader::Open(*path);
  if (!reader.ok()) return ReportError(reader.status());
  PrintReport(args, *path, *run, **source, (*reader)->doc_count(), SecondsSince(start));
  return kExitOk;
}

}  // namespace

void AddIndexCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<IndexArgs>();
  CLI::App* command = app.add_subcommand(
      "index",
      "Index FILEs (compendia, UN documents, JSON Lines, BEIR corpus.jsonl, plain text), creating "
      "the index or updating it: paragraphs are compared by id and content hash, so only what "
      "changed is added, replaced or removed (within the documents and languages the files hold). "
      "Reports added, changed, removed and unchanged paragraphs. A file that cannot be read "
      "or parsed, or that gives no records, leaves the index untouched (exit 3). Inputs may be "
      "files, pipes or '-', each read once.");
  command->add_option("files", args->files, "Files to index ('-' for standard input)")->required();
  command->add_option("-o,--index", args->index,
                      "Index folder, created when missing (default: $HEXAGLOT_INDEX, else "
                      "$XDG_DATA_HOME/hexaglot/index, else ~/.local/share/hexaglot/index)");
  command->add_option("--format", args->format, "Input format")
      ->check(CLI::IsMember({"auto", "compendium", "jsonl", "beir", "text", "un"}))
      ->capture_default_str();
  command->add_option("--lang,-l", args->lang, "Language of the files: ar zh en fr ru es, or auto")
      ->check(CLI::IsMember({"auto", "ar", "zh", "en", "fr", "ru", "es"}))
      ->capture_default_str();
  command->add_option(
      "--doc", args->doc,
      "Document symbol or name for the records' id and parallel key (default: "
      "the job number in a compendium's page footers, a UN document's symbol, else the "
      "file name); give all language versions of a document the same one");
  command
      ->add_option("--memory-budget", args->memory_budget,
                   "Memory for the in-memory inverters (e.g. 64M, 1G); a segment is written "
                   "whenever it is used up")
      ->capture_default_str();
  command
      ->add_option("--threads", args->threads,
                   "Indexing threads (0: one per core; at most 4 per core)")
      ->capture_default_str();
  command->add_flag("--rebuild", args->rebuild,
                    "Start from scratch: the index then holds exactly the FILEs' paragraphs "
                    "(removed counts the documents the old index held)");
  AddAnalysisFlags(command, &args->analysis);
  command->add_flag("--strict", args->strict,
                    "Warnings are errors: a skipped line or record fails the run (exit 3), "
                    "the index untouched");
  command->add_flag("--allow-empty", args->allow_empty,
                    "Accept empty inputs (otherwise exit 3), e.g. to empty an index with "
                    "--rebuild");
  command->add_flag("--json", args->json, "The report as one JSON object");
  AddWaitOption(command, &args->wait);
  command->callback([args, exit_code] { *exit_code = RunIndex(*args); });
}

}  // namespace hexaglot::tool
