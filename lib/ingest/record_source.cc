// RecordSource and FileRecordSource (include/hexaglot/ingest.h).
//
// Next takes a unit of work under mu_ (a piece of a JSON Lines file, read at once, or a
// slice of a whole-parsed input's records) with a sequence number, parses it without a
// lock, then waits for its turn: units pass the ordered step (JSON Lines numbering and
// duplicate check, warnings) in sequence order, so the records and warnings are those of
// a whole-file parse whatever the threads' timing. The ordered step also numbers the
// batches: units without records (an input's end, blank lines) take no batch number.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <iostream>
#include <iterator>
#include <mutex>
#include <utility>

#include "hexaglot/ingest.h"
#include "ingest/inline_text.h"
#include "ingest/json_lines.h"
#include "ingest/records.h"
#include "util/file.h"
#include "util/status_macros.h"
#include "util/utf8.h"

namespace hexaglot {
namespace {

// Reads a file in pieces of whole lines (each but the last ends with '\n'), so that a
// piece splits neither a line nor a UTF-8 sequence.
class PieceReader {
 public:
  PieceReader() = default;
  PieceReader(const PieceReader&) = delete;
  PieceReader& operator=(const PieceReader&) = delete;
  ~PieceReader() { Close(); }

  Status Open(const std::string& path) {
    Close();
    path_ = path;
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) return Error("cannot open");
    eof_ = false;
    carry_.clear();
    offset_ = 0;
    newlines_ = 0;
    lines_ = 0;
    return Status::OK();
  }

  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  // Replaces *piece with the next piece, empty at the end of the file. Sets the byte
  // offset of the piece, the '\n' count and the line count before it.
  Status Read(std::string* piece, std::uint64_t* offset, std::uint64_t* newlines,
              std::uint64_t* lines) {
    piece->swap(carry_);
    carry_.clear();
    while (!eof_) {
      if (piece->size() >= FileRecordSource::kPieceBytes) {
        const std::size_t last = piece->rfind('\n');
        if (last != std::string::npos) {
          carry_.assign(*piece, last + 1);
          piece->resize(last + 1);
          break;
        }
      }
      const std::size_t old = piece->size();
      piece->resize(old + FileRecordSource::kPieceBytes);
      ssize_t n;
      do {
        n = ::read(fd_, piece->data() + old, FileRecordSource::kPieceBytes);
      } while (n < 0 && errno == EINTR);
      if (n < 0) return Error("read failed");
      piece->resize(old + static_cast<std::size_t>(n));
      if (n == 0) eof_ = true;
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
  Status Error(const char* what) const {
    return Status::IOError(path_ + ": " + what + ": " + std::strerror(errno));
  }

  std::string path_;
  int fd_ = -1;
  bool eof_ = false;
  std::string carry_;  // Read past the last line end of the previous piece.
  std::uint64_t offset_ = 0;
  std::uint64_t newlines_ = 0;
  std::uint64_t lines_ = 0;
};

// NotFound / InvalidArgument (a folder) / OK, with ReadFileToString's messages.
Status CheckReadable(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    const int error = errno;
    std::string message = path + ": " + std::strerror(error);
    if (error == ENOENT) return Status::NotFound(std::move(message));
    return Status::IOError(std::move(message));
  }
  if (S_ISDIR(st.st_mode)) return Status::InvalidArgument(path + ": is a directory");
  return Status::OK();
}

// ValidateUtf8's error for a piece at `offset` of its file, after `newlines` line feeds.
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

}  // namespace

RecordSource::~RecordSource() = default;

class FileRecordSource::Impl {
 public:
  Impl(const ParseOptions& options, std::function<void(const ParseWarning&)> on_warning)
      : options_(options), on_warning_(std::move(on_warning)) {}

  Status AddInput(const std::string& path);
  Status Next(std::vector<Paragraph>* records, std::uint64_t* sequence);

  std::uint64_t estimated_records() const { return estimated_records_; }
  std::uint64_t records() const { return records_.load(std::memory_order_relaxed); }
  std::uint64_t text_bytes() const { return text_bytes_.load(std::memory_order_relaxed); }

 private:
  struct Input {
    std::string path;
    std::string source;   // The name in records and messages.
    bool stream = false;  // A JSON Lines file, read piece by piece.
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

  // Takes the next unit of work; false at the end. REQUIRES: mu_ held.
  Result<bool> TakeWork(Work* work);
  // The ordered step of `work` (and of `piece` for a streamed input); sets *batch when
  // the unit has records.
  Status Sequence(Work& work, ingest::JsonLinesPiece* piece, std::uint64_t* batch);

  const ParseOptions options_;
  const std::function<void(const ParseWarning&)> on_warning_;
  std::vector<Input> inputs_;
  std::uint64_t estimated_records_ = 0;

  std::mutex mu_;  // Guards the reading state below.
  std::size_t current_ = 0;
  PieceReader reader_;
  bool reader_open_ = false;
  std::uint64_t next_sequence_ = 0;

  std::mutex turn_mu_;  // Guards the ordered step.
  std::condition_variable turn_cv_;
  std::uint64_t turn_ = 0;
  std::uint64_t next_batch_ = 0;
  Status error_;  // The first error; ends the source.

  std::atomic<std::uint64_t> records_{0};
  std::atomic<std::uint64_t> text_bytes_{0};
};

Status FileRecordSource::Impl::AddInput(const std::string& path) {
  Input input;
  input.path = path;
  input.source = path == "-" ? "<stdin>" : path;
  if (path == "-") {
    std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    if (std::cin.bad()) return Status::IOError("standard input: read failed");
    HEXAGLOT_ASSIGN_OR_RETURN(ParseResult parsed, ParseInput(text, input.source, options_));
    input.records = std::move(parsed.paragraphs);
    input.warnings = std::move(parsed.warnings);
    estimated_records_ += input.records.size();
    inputs_.push_back(std::move(input));
    return Status::OK();
  }
  HEXAGLOT_RETURN_IF_ERROR(CheckReadable(path));
  // The first piece tells the format: JSON Lines is streamed; the others need the whole
  // text (BEIR detects the corpus language from all of it).
  PieceReader reader;
  HEXAGLOT_RETURN_IF_ERROR(reader.Open(path));
  std::string piece;
  std::uint64_t offset = 0;
  std::uint64_t newlines = 0;
  std::uint64_t lines = 0;
  HEXAGLOT_RETURN_IF_ERROR(reader.Read(&piece, &offset, &newlines, &lines));
  InputFormat format = options_.format;
  if (format == InputFormat::kAuto) format = DetectInputFormat(piece, path);
  if (format != InputFormat::kJsonLines) {
    reader.Close();
    HEXAGLOT_ASSIGN_OR_RETURN(ParseResult parsed, ParseFile(path, options_));
    input.records = std::move(parsed.paragraphs);
    input.warnings = std::move(parsed.warnings);
    estimated_records_ += input.records.size();
    inputs_.push_back(std::move(input));
    return Status::OK();
  }
  // Validated now, so that bad bytes fail before anything is indexed.
  while (!piece.empty()) {
    HEXAGLOT_RETURN_IF_ERROR(ValidatePiece(piece, input.source, offset, newlines));
    HEXAGLOT_RETURN_IF_ERROR(reader.Read(&piece, &offset, &newlines, &lines));
  }
  estimated_records_ += lines;
  input.stream = true;
  input.sequencer = std::make_unique<ingest::JsonLinesSequencer>(lines);
  inputs_.push_back(std::move(input));
  return Status::OK();
}

Result<bool> FileRecordSource::Impl::TakeWork(Work* work) {
  // Whole-parsed inputs go out in slices of about a piece's text.
  constexpr std::size_t kSliceTextBytes = kPieceBytes;
  while (current_ < inputs_.size()) {
    Input& input = inputs_[current_];
    work->input = &input;
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
    if (!reader_open_) {
      HEXAGLOT_RETURN_IF_ERROR(reader_.Open(input.path));
      reader_open_ = true;
    }
    std::uint64_t lines = 0;
    HEXAGLOT_RETURN_IF_ERROR(reader_.Read(&work->text, &work->offset, &work->newlines, &lines));
    work->first_line = lines + 1;
    if (work->text.empty()) {
      reader_.Close();
      reader_open_ = false;
      ++current_;
      // The piece that ends the input: releases its sequencer in order.
      work->last_piece = true;
      work->sequence = next_sequence_++;
      return true;
    }
    work->sequence = next_sequence_++;
    return true;
  }
  return false;
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
  std::vector<ParseWarning>& warnings = piece != nullptr ? piece->warnings : work.warnings;
  if (piece != nullptr) work.input->sequencer->Sequence(work.input->source, piece);
  if (work.last_piece) work.input->sequencer.reset();
  if (options_.strict && !warnings.empty()) {
    return pass(Status::InvalidArgument(warnings.front().ToString() +
                                        "; strict mode makes warnings errors"));
  }
  if (on_warning_) {
    for (const ParseWarning& warning : warnings) on_warning_(warning);
  }
  if (piece != nullptr ? !piece->records.empty() : !work.records.empty()) *batch = next_batch_++;
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
        work.input = nullptr;
        std::unique_lock lock_turn(turn_mu_);
        turn_cv_.wait(lock_turn, [&] { return turn_ == work.sequence; });
        if (error_.ok()) error_ = taken.status();
        ++turn_;
        turn_cv_.notify_all();
        return error_;
      }
      if (!*taken) return Status::OK();
    }
    if (work.input->stream) {
      ingest::JsonLinesPiece piece;
      Status valid = ValidatePiece(work.text, work.input->source, work.offset, work.newlines);
      if (valid.ok() && !work.text.empty()) {
        const std::string_view text =
            work.offset == 0 ? ingest::StripBom(work.text) : std::string_view(work.text);
        piece = ingest::ParseJsonLinesPiece(text, work.input->source,
                                            static_cast<std::uint32_t>(work.first_line), options_);
      }
      if (!valid.ok()) {
        // Keeps the order of errors: a piece that fails passes its turn.
        work.last_piece = false;
        std::unique_lock lock(turn_mu_);
        turn_cv_.wait(lock, [&] { return turn_ == work.sequence; });
        if (error_.ok()) error_ = valid;
        ++turn_;
        turn_cv_.notify_all();
        return error_;
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
std::uint64_t FileRecordSource::estimated_records() const { return impl_->estimated_records(); }
std::uint64_t FileRecordSource::records() const { return impl_->records(); }
std::uint64_t FileRecordSource::text_bytes() const { return impl_->text_bytes(); }

}  // namespace hexaglot
