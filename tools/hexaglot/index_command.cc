// hexaglot index: parses files into paragraph records and brings an index up to date with
// them (IndexWriter::Update): new ids are added, changed ones replaced, missing ones
// removed, unchanged ones left alone. Every file is read once before the index is opened
// (FileRecordSource::Open), so that a bad file leaves it untouched; then the indexing
// threads parse JSON Lines files piece by piece as they index them, so that memory
// follows --memory-budget rather than the size of the files.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <iostream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "commands.h"
#include "hexaglot/index_reader.h"
#include "hexaglot/index_writer.h"
#include "hexaglot/ingest.h"
#include "output.h"
#include "terminal.h"

namespace hexaglot::tool {
namespace {

struct IndexArgs {
  std::vector<std::string> files;
  std::string index;
  std::string format = "auto";
  std::string lang = "auto";
  std::string doc;
  std::string memory_budget = "256M";
  int threads = 0;
  bool rebuild = false;
  bool json = false;
  double wait = 0;
};

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int RunIndex(const IndexArgs& args) {
  const auto start = std::chrono::steady_clock::now();
  Result<std::string> path = ResolveIndexPath(args.index);
  if (!path.ok()) return ReportError(path.status());
  Result<std::uint64_t> budget = ParseByteSize(args.memory_budget);
  if (!budget.ok()) return ReportError(budget.status());
  if (args.threads < 0) {
    return ReportError(Status::InvalidArgument("--threads must be 0 (all cores) or more"));
  }

  ParseOptions parse_options;
  parse_options.doc = args.doc;
  if (args.lang != "auto") {
    Result<Language> language = ParseLanguage(args.lang);
    if (!language.ok()) return ReportError(language.status());
    parse_options.language = *language;
  }
  Result<InputFormat> format = ParseInputFormat(args.format);
  if (!format.ok()) return ReportError(format.status());
  parse_options.format = *format;

  // Warnings and the progress bar come from the indexing threads, one call at a time
  // each: the lock keeps them off each other.
  std::mutex output_mu;
  ProgressBar bar("documents");
  bar.Message("reading " + std::to_string(args.files.size()) +
              (args.files.size() == 1 ? " file" : " files"));
  Result<std::unique_ptr<FileRecordSource>> source =
      FileRecordSource::Open(args.files, parse_options, [&](const ParseWarning& warning) {
        std::lock_guard lock(output_mu);
        bar.Clear();
        std::cerr << warning.source << ':' << warning.line << ": warning: " << warning.message
                  << '\n';
      });
  bar.Clear();
  // A file's content is at fault (or it cannot be read): a data error, index untouched.
  if (!source.ok()) return ReportInputError(source.status());
  const double parse_seconds = SecondsSince(start);

  IndexWriterOptions options;
  options.memory_budget_bytes = *budget;
  options.threads = args.threads;
  options.rebuild = args.rebuild;
  options.lock_wait = LockWait(args.wait);
  if (bar.enabled()) {
    // The count of records read is exact; the total is the files' estimate.
    const std::uint64_t estimate = (*source)->estimated_records();
    options.progress = [&bar, &output_mu, estimate](const IndexProgress& progress) {
      std::lock_guard lock(output_mu);
      bar.Update(progress.documents, std::max(estimate, progress.documents), progress.text_bytes,
                 0);
    };
  }
  Result<std::unique_ptr<IndexWriter>> writer = IndexWriter::Open(*path, options);
  if (!writer.ok()) return ReportError(writer.status());
  Result<UpdateCounts> counts = (*writer)->Update(**source);
  bar.Clear();
  if (!counts.ok()) return ReportInputError(counts.status());
  const std::uint64_t records = (*source)->records();
  const std::uint64_t text_bytes = (*source)->text_bytes();
  const double update_seconds = SecondsSince(start) - parse_seconds;
  if (Status status = (*writer)->Commit(); !status.ok()) return ReportError(status);
  const double commit_seconds = SecondsSince(start) - parse_seconds - update_seconds;
  const std::uint64_t generation = (*writer)->generation();
  writer->reset();  // Releases the index's writer lock.

  Result<std::unique_ptr<IndexReader>> reader = IndexReader::Open(*path);
  if (!reader.ok()) return ReportError(reader.status());
  const double seconds = SecondsSince(start);
  const double mb_per_s = seconds > 0.0 ? static_cast<double>(text_bytes) / 1e6 / seconds : 0.0;

  if (args.json) {
    const nlohmann::ordered_json line = {{"index", *path},
                                         {"files", args.files.size()},
                                         {"records", records},
                                         {"added", counts->added},
                                         {"changed", counts->changed},
                                         {"removed", counts->removed},
                                         {"unchanged", counts->unchanged},
                                         {"documents", (*reader)->doc_count()},
                                         {"generation", generation},
                                         {"text_bytes", text_bytes},
                                         {"seconds", seconds},
                                         {"mb_per_s", mb_per_s},
                                         {"parse_seconds", parse_seconds},
                                         {"update_seconds", update_seconds},
                                         {"commit_seconds", commit_seconds}};
    std::cout << line.dump() << '\n';
  } else {
    const std::string timing = Fixed(seconds, 2) + " s (parse " + Fixed(parse_seconds, 2) +
                               ", update " + Fixed(update_seconds, 2) + ", commit " +
                               Fixed(commit_seconds, 2) + "), " + Fixed(mb_per_s, 1) +
                               " MB/s of text";
    std::cout << *path << ": " << GroupDigits(counts->added) << " added, "
              << GroupDigits(counts->changed) << " changed, " << GroupDigits(counts->removed)
              << " removed, " << GroupDigits(counts->unchanged) << " unchanged ("
              << GroupDigits(records) << " records from " << args.files.size()
              << (args.files.size() == 1 ? " file" : " files") << ")\n"
              << GroupDigits((*reader)->doc_count()) << " documents, generation " << generation
              << "; " << timing << '\n';
  }
  std::cout.flush();
  return kExitOk;
}

}  // namespace

void AddIndexCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<IndexArgs>();
  CLI::App* command = app.add_subcommand(
      "index",
      "Index FILEs (compendia, JSON Lines, BEIR corpus.jsonl, plain text), creating the index "
      "or updating it: paragraphs are compared by id and content hash, so only what changed "
      "is added, replaced or removed (within the documents and languages the files hold). "
      "Reports added, changed, removed and unchanged paragraphs. A file that cannot be read "
      "or parsed leaves the index untouched (exit 3).");
  command->add_option("files", args->files, "Files to index ('-' for standard input)")->required();
  command->add_option("-o,--index", args->index,
                      "Index folder, created when missing (default: $HEXAGLOT_INDEX, else "
                      "$XDG_DATA_HOME/hexaglot/index, else ~/.local/share/hexaglot/index)");
  command->add_option("--format", args->format, "Input format")
      ->check(CLI::IsMember({"auto", "compendium", "jsonl", "beir", "text"}))
      ->capture_default_str();
  command->add_option("--lang,-l", args->lang, "Language of the files: ar zh en fr ru es, or auto")
      ->check(CLI::IsMember({"auto", "ar", "zh", "en", "fr", "ru", "es"}))
      ->capture_default_str();
  command->add_option("--doc", args->doc,
                      "Document symbol or name for the records' id and parallel key (default: "
                      "the job number in a compendium's page footers, else the file name); give "
                      "all language versions of a document the same one");
  command
      ->add_option("--memory-budget", args->memory_budget,
                   "Memory for the in-memory inverters (e.g. 64M, 1G); a segment is written "
                   "whenever it is used up")
      ->capture_default_str();
  command->add_option("--threads", args->threads, "Indexing threads (0: one per core)")
      ->capture_default_str();
  command->add_flag("--rebuild", args->rebuild,
                    "Start from scratch: the index then holds exactly the FILEs' paragraphs");
  command->add_flag("--json", args->json, "The report as one JSON object");
  AddWaitOption(command, &args->wait);
  command->callback([args, exit_code] { *exit_code = RunIndex(*args); });
}

}  // namespace hexaglot::tool
