// RecordSource and FileRecordSource (include/hexaglot/ingest.h).
//
// Every input is read once, by one reader at a time under mu_: Next takes a unit of work
// (a piece of a JSON Lines input, read at once, or a slice of a whole-parsed input's
// records, the input read and parsed when first reached) with a sequence number, parses
// it without a lock, then waits for its turn: units pass the ordered step (JSON Lines
// numbering, the duplicate check, warnings, counts) in sequence order, so the records and
// warnings are those of a whole-input parse whatever the threads' timing. The ordered
// step also numbers the batches: units without records (an input's end, blank lines)
// take no batch number.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <utility>

#include "hexaglot/ingest.h"
#include "ingest/inline_text.h"
#include "ingest/json_lines.h"
#include "util/flat_string_map.h"
#include "util/status_macros.h"
#include "util/utf8.h"

namespace hexaglot {
namespace {

constexpr std::string_view kSpace = " \t\r\n\v\f";

// Reads an input in pieces of whole lines (each but the last ends with '\n'), so that a
// piece splits neither a line nor a UTF-8 sequence. A line over kMaxLineBytes is an error
// once that much of it is buffered.
class PieceReader {
 public:
  explicit PieceReader(std::atomic<std::uint64_t>* bytes_read) : bytes_read_(bytes_read) {}
  PieceReader(const PieceReader&) = delete;
  PieceReader& operator=(const PieceReader&) = delete;
  ~PieceReader() { Close(); }

  // Opens `path`; "-" is standard input (not closed by Close).
  Status Open(const std::string& path, const std::string& source) {
    Close();
    source_ = source;
    if (path == "-") {
      fd_ = STDIN_FILENO;
    } else {
      fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd_ < 0) return Error("cannot open");
      owned_ = true;
    }
    eof_ = false;
    carry_.clear();
    offset_ = 0;
    newlines_ = 0;
    lines_ = 0;
    return Status::OK();
  }

  void Close() {
    if (owned_) ::close(fd_);
    fd_ = -1;
    owned_ = false;
  }

  // Bytes handed out in pieces so far.
  std::uint64_t offset() const { return offset_; }

  // Replaces *piece with the next piece, empty at the end of the input. Sets the byte
  // offset of the piece, the '\n' count and the line count before it.
  Status Read(std::string* piece, std::uint64_t* offset, std::uint64_t* newlines,
              std::uint64_t* lines) {
    piece->swap(carry_);
    carry_.clear();
    std::size_t last = std::string::npos;  // Of '\n' in *piece: the carry has none.
    while (!eof_) {
      if (piece->size() >= FileRecordSource::kPieceBytes && last != std::string::npos) {
        carry_.assign(*piece, last + 1);
        piece->resize(last + 1);
        break;
      }
      const std::size_t line_bytes = piece->size() - (last == std::string::npos ? 0 : last + 1);
      if (line_bytes > FileRecordSource::kMaxLineBytes) return LineTooLong(*piece);
      HEXAGLOT_RETURN_IF_ERROR(Fill(piece, &last));
    }
    *offset = offset_;
    *newlines = newlines_;
    *lines = lines_;
    offset_ += piece->size();
    newlines_ += static_cast<std::uint64_t>(std::count(piece->begin(), piece->end(), '\n'));
    lines_ += ingest::SplitLines(*piece).size();
    return Status::OK();
  }

 private:
  // Appends up to kPieceBytes to *piece; sets eof_ at the end, *last to its last '\n'.
  Status Fill(std::string* piece, std::size_t* last) {
    const std::size_t old = piece->size();
    piece->resize(old + FileRecordSource::kPieceBytes);
    ssize_t n;
    do {
      n = ::read(fd_, piece->data() + old, FileRecordSource::kPieceBytes);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
      piece->resize(old);
      return Error("read failed");
    }
    piece->resize(old + static_cast<std::size_t>(n));
    if (n == 0) eof_ = true;
    bytes_read_->fetch_add(static_cast<std::uint64_t>(n), std::memory_order_relaxed);
    const void* found = ::memrchr(piece->data() + old, '\n', static_cast<std::size_t>(n));
    if (found != nullptr) {
      *last = static_cast<std::size_t>(static_cast<const char*>(found) - piece->data());
    }
    return Status::OK();
  }

  Status LineTooLong(const std::string& piece) const {
    const auto line =
        newlines_ + 1 + static_cast<std::uint64_t>(std::count(piece.begin(), piece.end(), '\n'));
    return Status::InvalidArgument(source_ + ": line " + std::to_string(line) + " is longer than " +
                                   std::to_string(FileRecordSource::kMaxLineBytes >> 20) +
                                   " MiB, the most a record may hold (not a text input?)");
  }

  Status Error(const char* what) const {
    return Status::IOError(source_ + ": " + what + ": " + std::strerror(errno));
  }

  std::atomic<std::uint64_t>* const bytes_read_;
  std::string source_;
  int fd_ = -1;
  bool owned_ = false;  // fd_ is ours to close (not standard input).
  bool eof_ = false;
  std::string carry_;  // Read past the last line end of the previous piece.
  std::uint64_t offset_ = 0;
  std::uint64_t newlines_ = 0;
  std::uint64_t lines_ = 0;
};

// What Open accepts: "-", a regular file, a pipe or a character device. Sets *size to a
// regular file's size, else leaves it nullopt.
Status CheckInput(const std::string& path, std::optional<std::uint64_t>* size) {
  struct stat st {};
  const bool failed =
      path == "-" ? ::fstat(STDIN_FILENO, &st) != 0 : ::stat(path.c_str(), &st) != 0;
  const std::string name = path == "-" ? "standard input" : path;
  if (failed) {
    const int error = errno;
    std::string message = name + ": " + std::strerror(error);
    if (error == ENOENT) return Status::NotFound(std::move(message));
    return Status::IOError(std::move(message));
  }
  if (S_ISREG(st.st_mode)) {
    *size = static_cast<std::uint64_t>(st.st_size);
    return Status::OK();
  }
  if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode)) return Status::OK();
  if (S_ISDIR(st.st_mode)) return Status::InvalidArgument(name + ": is a directory");
  return Status::InvalidArgument(name + ": not a regular file, pipe or character device");
}

// ValidateUtf8's error for a piece at `offset` of its input, after `newlines` line feeds.
Status ValidatePiece(std::string_view piece, std::string_view source, std::uint64_t offset,
                     std::uint64_t newlines) {
  const std::optional<std::size_t> bad = utf8::FindInvalid(piece);
  if (!bad) return Status::OK();
  const auto line = newlines + 1 +
                    static_cast<std::uint64_t>(std::count(
                        piece.begin(), piece.begin() + static_cast<std::ptrdiff_t>(*bad), '\n'));
  return Status::InvalidArgument(std::string(source) + ": invalid UTF-8 at byte offset " +
                                 std::to_string(offset + *bad) + " (line " + std::to_string(line) +
                                 ")");
}

// Whitespace only, after a byte order mark at the start of the input.
bool IsBlankText(std::string_view text, bool input_start) {
  if (input_start) text = ingest::StripBom(text);
  return text.find_first_not_of(kSpace) == std::string_view::npos;
}

}  // namespace

RecordSource::~RecordSource() = default;

class FileRecordSource::Impl {
 public:
  Impl(const ParseOptions& options, std::function<void(const ParseWarning&)> on_warning)
      : options_(options), on_warning_(std::move(on_warning)), reader_(&bytes_read_) {}

  Status AddInput(const std::string& path);
  Status Next(std::vector<Paragraph>* records, std::uint64_t* sequence);

  std::uint64_t total_bytes() const { return unknown_size_ ? 0 : total_bytes_; }
  std::uint64_t bytes_read() const { return bytes_read_.load(std::memory_order_relaxed); }
  std::uint64_t records() const { return records_.load(std::memory_order_relaxed); }
  std::uint64_t text_bytes() const { return text_bytes_.load(std::memory_order_relaxed); }
  std::uint64_t warnings() const { return warnings_.load(std::memory_order_relaxed); }
  std::uint64_t skipped() const { return skipped_.load(std::memory_order_relaxed); }
  std::vector<InputSummary> inputs() const;

 private:
  struct Input {
    std::string path;
    std::uint32_t index = 0;  // In inputs_.
    InputSummary summary;     // Its counts are guarded by turn_mu_.
    bool started = false;
    bool stream = false;  // JSON Lines, read piece by piece.
    // Whole-parsed inputs: their records and warnings, handed out in order.
    std::vector<Paragraph> records;
    std::vector<ParseWarning> warnings;
    std::size_t next = 0;
    // Streamed inputs: numbering and the duplicate check across pieces.
    std::unique_ptr<ingest::JsonLinesSequencer> sequencer;
  };
  // What one Next call does.
  struct Work {
    std::uint64_t sequence = 0;
    Input* input = nullptr;
    // A piece of a streamed input.
    std::string text;
    std::uint64_t offset = 0;
    std::uint64_t newlines = 0;
    std::uint64_t first_line = 1;
    bool last_piece = false;
    // A slice of a whole-parsed input.
    std::vector<Paragraph> records;
    std::vector<ParseWarning> warnings;
  };
  // Where the first record with an id came from.
  struct Origin {
    std::uint32_t input = 0;
    std::uint32_t line = 0;
  };

  // Takes the next unit of work; false at the end. REQUIRES: mu_ held.
  Result<bool> TakeWork(Work* work);
  // Opens `input` and detects its format from its first piece: a streamed input's first
  // piece is left in pending_; another input is read whole and parsed. REQUIRES: mu_ held.
  Status StartInput(Input& input);
  Status ReadWhole(Input& input, std::string text);
  // The ordered step of `work` (and of `piece` for a streamed input); sets *batch when
  // the unit has records.
  Status Sequence(Work& work, ingest::JsonLinesPiece* piece, std::uint64_t* batch);
  // Whether an earlier record has `id`; if so, adds the warning. REQUIRES: turn_mu_ held.
  bool Duplicate(const Input& input, const std::string& id, std::uint32_t line,
                 std::vector<ParseWarning>* warnings);
  // Ends the source with `status` in `work`'s turn, so that errors keep their order.
  Status FailInTurn(const Work& work, Status status);

  const ParseOptions options_;
  const std::function<void(const ParseWarning&)> on_warning_;
  std::vector<Input> inputs_;
  std::uint64_t total_bytes_ = 0;
  bool unknown_size_ = false;  // An input is not a regular file.

  std::mutex mu_;  // Guards the reading state below.
  std::size_t current_ = 0;
  PieceReader reader_;
  Work pending_;  // A streamed input's first piece, read by StartInput.
  bool has_pending_ = false;
  std::uint64_t next_sequence_ = 0;

  mutable std::mutex turn_mu_;  // Guards the ordered step.
  std::condition_variable turn_cv_;
  std::uint64_t turn_ = 0;
  std::uint64_t next_batch_ = 0;
  FlatStringMap<Origin> seen_ids_;
  Status error_;  // The first error; ends the source.

  std::atomic<std::uint64_t> bytes_read_{0};
  std::atomic<std::uint64_t> records_{0};
  std::atomic<std::uint64_t> text_bytes_{0};
  std::atomic<std::uint64_t> warnings_{0};
  std::atomic<std::uint64_t> skipped_{0};
};

Status FileRecordSource::Impl::AddInput(const std::string& path) {
  std::optional<std::uint64_t> size;
  HEXAGLOT_RETURN_IF_ERROR(CheckInput(path, &size));
  if (size) {
    total_bytes_ += *size;
  } else {
    unknown_size_ = true;
  }
  Input input;
  input.path = path;
  input.index = static_cast<std::uint32_t>(inputs_.size());
  input.summary.source = path == "-" ? "<stdin>" : path;
  inputs_.push_back(std::move(input));
  return Status::OK();
}

Status FileRecordSource::Impl::StartInput(Input& input) {
  input.started = true;
  HEXAGLOT_RETURN_IF_ERROR(reader_.Open(input.path, input.summary.source));
  std::uint64_t lines = 0;
  HEXAGLOT_RETURN_IF_ERROR(
      reader_.Read(&pending_.text, &pending_.offset, &pending_.newlines, &lines));
  InputFormat format = options_.format;
  if (format == InputFormat::kAuto) format = DetectInputFormat(pending_.text, input.path);
  input.summary.format = format;
  if (format == InputFormat::kJsonLines) {
    input.stream = true;
    input.sequencer = std::make_unique<ingest::JsonLinesSequencer>();
    pending_.first_line = lines + 1;
    has_pending_ = true;
    return Status::OK();
  }
  // The other formats need the whole text (BEIR detects the corpus language from all of
  // it); still read once, validated piece by piece so that bad bytes fail early.
  std::string text = std::move(pending_.text);
  pending_ = Work();
  return ReadWhole(input, std::move(text));
}

Status FileRecordSource::Impl::ReadWhole(Input& input, std::string text) {
  const std::string& source = input.summary.source;
  HEXAGLOT_RETURN_IF_ERROR(ValidatePiece(text, source, 0, 0));
  std::string piece;
  std::uint64_t offset = 0;
  std::uint64_t newlines = 0;
  std::uint64_t lines = 0;
  for (;;) {
    HEXAGLOT_RETURN_IF_ERROR(reader_.Read(&piece, &offset, &newlines, &lines));
    if (piece.empty()) break;
    HEXAGLOT_RETURN_IF_ERROR(ValidatePiece(piece, source, offset, newlines));
    text += piece;
  }
  reader_.Close();
  input.summary.bytes = text.size();
  input.summary.blank = IsBlankText(text, true);
  if (input.summary.blank) return Status::OK();  // One rule for empty inputs: no records.
  ParseOptions options = options_;
  options.format = input.summary.format;
  HEXAGLOT_ASSIGN_OR_RETURN(ParseResult parsed, ParseInput(text, source, options));
  input.records = std::move(parsed.paragraphs);
  input.warnings = std::move(parsed.warnings);
  return Status::OK();
}

Result<bool> FileRecordSource::Impl::TakeWork(Work* work) {
  // Whole-parsed inputs go out in slices of about a piece's text.
  constexpr std::size_t kSliceTextBytes = kPieceBytes;
  while (current_ < inputs_.size()) {
    Input& input = inputs_[current_];
    work->input = &input;
    if (!input.started) HEXAGLOT_RETURN_IF_ERROR(StartInput(input));
    if (!input.stream) {
      work->warnings = std::move(input.warnings);
      input.warnings.clear();
      std::size_t bytes = 0;
      while (input.next < input.records.size() && bytes < kSliceTextBytes) {
        bytes += input.records[input.next].text.size();
        work->records.push_back(std::move(input.records[input.next++]));
      }
      if (input.next == input.records.size()) {
        input.records = {};
        ++current_;
      }
      if (work->records.empty() && work->warnings.empty()) continue;
      work->sequence = next_sequence_++;
      return true;
    }
    std::uint64_t lines = 0;
    if (has_pending_) {
      work->text = std::move(pending_.text);
      work->offset = pending_.offset;
      work->newlines = pending_.newlines;
      lines = pending_.first_line - 1;
      has_pending_ = false;
    } else {
      HEXAGLOT_RETURN_IF_ERROR(reader_.Read(&work->text, &work->offset, &work->newlines, &lines));
    }
    work->first_line = lines + 1;
    input.summary.bytes = work->offset + work->text.size();
    if (input.summary.blank && !IsBlankText(work->text, work->offset == 0)) {
      input.summary.blank = false;
    }
    if (work->text.empty()) {
      reader_.Close();
      ++current_;
      // The piece that ends the input: releases its sequencer in order.
      work->last_piece = true;
    }
    work->sequence = next_sequence_++;
    return true;
  }
  return false;
}

bool FileRecordSource::Impl::Duplicate(const Input& input, const std::string& id,
                                       std::uint32_t line, std::vector<ParseWarning>* warnings) {
  const auto [origin, inserted] = seen_ids_.TryEmplace(id);
  if (inserted) {
    *origin = {input.index, line};
    return false;
  }
  warnings->push_back({input.summary.source, line,
                       "duplicate id \"" + id + "\" (first at " +
                           inputs_[origin->input].summary.source + ":" +
                           std::to_string(origin->line) + "; record ignored)"});
  return true;
}

Status FileRecordSource::Impl::FailInTurn(const Work& work, Status status) {
  std::unique_lock lock(turn_mu_);
  turn_cv_.wait(lock, [&] { return turn_ == work.sequence; });
  if (error_.ok()) error_ = std::move(status);
  ++turn_;
  turn_cv_.notify_all();
  return error_;
}

Status FileRecordSource::Impl::Sequence(Work& work, ingest::JsonLinesPiece* piece,
                                        std::uint64_t* batch) {
  std::unique_lock lock(turn_mu_);
  turn_cv_.wait(lock, [&] { return turn_ == work.sequence; });
  const auto pass = [&](const Status& status) {
    if (!status.ok() && error_.ok()) error_ = status;
    ++turn_;
    turn_cv_.notify_all();
    return error_;
  };
  if (!error_.ok()) return pass(error_);
  Input& input = *work.input;
  std::vector<ParseWarning>& warnings = piece != nullptr ? piece->warnings : work.warnings;
  const std::size_t parse_warnings = warnings.size();
  std::size_t records = 0;
  if (piece != nullptr) {
    input.sequencer->Sequence(input.summary.source, piece);
    std::erase_if(piece->records, [&](const ingest::JsonLinesPiece::Pending& pending) {
      return Duplicate(input, pending.record.id, pending.line, &warnings);
    });
    records = piece->records.size();
  } else {
    std::erase_if(work.records, [&](const Paragraph& record) {
      return Duplicate(input, record.id, record.line, &warnings);
    });
    records = work.records.size();
  }
  if (warnings.size() != parse_warnings) {
    std::stable_sort(warnings.begin(), warnings.end(),
                     [](const ParseWarning& a, const ParseWarning& b) { return a.line < b.line; });
  }
  if (work.last_piece) input.sequencer.reset();
  if (options_.strict && !warnings.empty()) {
    return pass(Status::InvalidArgument(warnings.front().ToString() +
                                        "; strict mode makes warnings errors"));
  }
  if (on_warning_) {
    for (const ParseWarning& warning : warnings) on_warning_(warning);
  }
  const auto skipped = static_cast<std::uint64_t>(std::count_if(
      warnings.begin(), warnings.end(), [](const ParseWarning& w) { return w.skipped(); }));
  input.summary.records += records;
  input.summary.warnings += warnings.size();
  input.summary.skipped += skipped;
  warnings_.fetch_add(warnings.size(), std::memory_order_relaxed);
  skipped_.fetch_add(skipped, std::memory_order_relaxed);
  if (records > 0) *batch = next_batch_++;
  return pass(Status::OK());
}

Status FileRecordSource::Impl::Next(std::vector<Paragraph>* records, std::uint64_t* sequence) {
  records->clear();
  for (;;) {
    Work work;
    {
      std::lock_guard lock(mu_);
      {
        std::lock_guard turn_lock(turn_mu_);
        if (!error_.ok()) return error_;
      }
      Result<bool> taken = TakeWork(&work);
      if (!taken.ok()) {
        // Still in order: the error passes its turn, so later work stops too.
        work.sequence = next_sequence_++;
        return FailInTurn(work, taken.status());
      }
      if (!*taken) return Status::OK();
    }
    if (work.input->stream) {
      ingest::JsonLinesPiece piece;
      Status valid =
          ValidatePiece(work.text, work.input->summary.source, work.offset, work.newlines);
      if (!valid.ok()) return FailInTurn(work, std::move(valid));
      if (!work.text.empty()) {
        const std::string_view text =
            work.offset == 0 ? ingest::StripBom(work.text) : std::string_view(work.text);
        piece = ingest::ParseJsonLinesPiece(text, work.input->summary.source,
                                            static_cast<std::uint32_t>(work.first_line), options_);
      }
      HEXAGLOT_RETURN_IF_ERROR(Sequence(work, &piece, sequence));
      *records = ingest::CompleteJsonLinesPiece(std::move(piece));
    } else {
      HEXAGLOT_RETURN_IF_ERROR(Sequence(work, nullptr, sequence));
      *records = std::move(work.records);
    }
    if (records->empty()) continue;  // An input's end, or a piece of blank or bad lines.
    std::uint64_t bytes = 0;
    for (const Paragraph& record : *records) bytes += record.text.size();
    records_.fetch_add(records->size(), std::memory_order_relaxed);
    text_bytes_.fetch_add(bytes, std::memory_order_relaxed);
    return Status::OK();
  }
}

std::vector<InputSummary> FileRecordSource::Impl::inputs() const {
  std::lock_guard lock(turn_mu_);
  std::vector<InputSummary> summaries;
  summaries.reserve(inputs_.size());
  for (const Input& input : inputs_) summaries.push_back(input.summary);
  return summaries;
}

FileRecordSource::FileRecordSource(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FileRecordSource::~FileRecordSource() = default;

Result<std::unique_ptr<FileRecordSource>> FileRecordSource::Open(
    const std::vector<std::string>& paths, const ParseOptions& options,
    std::function<void(const ParseWarning&)> on_warning) {
  auto impl = std::make_unique<Impl>(options, std::move(on_warning));
  for (const std::string& path : paths) HEXAGLOT_RETURN_IF_ERROR(impl->AddInput(path));
  return std::unique_ptr<FileRecordSource>(new FileRecordSource(std::move(impl)));
}

Status FileRecordSource::Next(std::vector<Paragraph>* records, std::uint64_t* sequence) {
  return impl_->Next(records, sequence);
}
std::uint64_t FileRecordSource::total_bytes() const { return impl_->total_bytes(); }
std::uint64_t FileRecordSource::bytes_read() const { return impl_->bytes_read(); }
std::uint64_t FileRecordSource::records() const { return impl_->records(); }
std::uint64_t FileRecordSource::text_bytes() const { return impl_->text_bytes(); }
std::uint64_t FileRecordSource::warnings() const { return impl_->warnings(); }
std::uint64_t FileRecordSource::skipped() const { return impl_->skipped(); }
std::vector<InputSummary> FileRecordSource::inputs() const { return impl_->inputs(); }

}  // namespace hexaglot
