// Ingestion: source files -> paragraph records, the unit that hexaglot indexes.
//
// Five input formats are read:
// - UN compendia converted from PDF to markdown-like text (ParseCompendium): one record per
//   numbered paragraph, with its section, theme, key topics, the background paper it
//   summarises and the document symbols it cites. Any of the six language versions.
// - UN documents such as General Assembly resolutions converted from PDF to text
//   (ParseUnDocument): one record per preambular or operative paragraph, keyed by the
//   document symbol.
// - JSON Lines (ParseJsonLines): one object per line with at least "id", "lang" and
//   "text", and optionally any other Paragraph field, for applications that bring their
//   own paragraphs.
// - BEIR corpus.jsonl (ParseBeirCorpus): "_id", "title", "text".
// - Plain text or markdown (ParsePlainText): blank lines separate paragraphs; headings
//   name the section of the paragraphs under them.
//
// Contract:
// - Ownership: every function returns records that own their strings; the input text is
//   only read during the call.
// - Thread safety: all functions are pure and safe to call from any thread at once.
// - Errors: input that is not valid UTF-8 gives InvalidArgument naming the source and the
//   byte offset ("f.md: invalid UTF-8 at byte offset 812 (line 14)"), and no record of that
//   input is returned. Recoverable problems (a numbering gap, a duplicate paragraph number,
//   text that belongs to no paragraph, a malformed JSON line) are ParseWarnings naming the
//   source and line; with ParseOptions::strict the first of them is returned as an
//   InvalidArgument error instead. No input makes these functions crash or throw.

#ifndef HEXAGLOT_INGEST_H_
#define HEXAGLOT_INGEST_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hexaglot/analyzer.h"  // Kept: users had Language and the analyzers through it.
#include "hexaglot/export.h"
#include "hexaglot/paragraph.h"
#include "hexaglot/status.h"

namespace hexaglot {

enum class InputFormat : std::uint8_t {
  kAuto = 0,        // Decide from the file name and the content (DetectInputFormat).
  kCompendium = 1,  // ParseCompendium.
  kJsonLines = 2,   // ParseJsonLines.
  kBeir = 3,        // ParseBeirCorpus.
  kText = 4,        // ParsePlainText.
  kUnDocument = 5,  // ParseUnDocument.
};

// "auto", "compendium", "jsonl", "beir", "text", "un".
HEXAGLOT_EXPORT std::string_view InputFormatName(InputFormat format);

// The inverse of InputFormatName. InvalidArgument for anything else.
HEXAGLOT_EXPORT Result<InputFormat> ParseInputFormat(std::string_view name);

struct ParseOptions {
  // The language of the input; nullopt detects it from the whole text (DetectLanguage).
  // JSON Lines records carry their own "lang"; this is used only where one is missing.
  std::optional<Language> language;
  // The document symbol or name for "doc", "id" and "parallel". Empty: a compendium's job
  // number from its page footers (e.g. V.21-05340), else the file name without extension
  // (for BEIR corpus.jsonl, its folder name). Give the same name to all language versions
  // of a document whose versions carry distinct job numbers, so that "parallel" matches.
  std::string doc;
  // Warnings become errors: the first one is returned as InvalidArgument.
  bool strict = false;
  InputFormat format = InputFormat::kAuto;
  // Labels of "Key topics" headings in addition to the built-in ones of the six languages
  // (e.g. a later edition's wording). Compared case-insensitively.
  std::vector<std::string> key_topics_labels;
};

struct ParseWarning {
  std::string source;
  std::uint32_t line = 0;  // 1-based.
  std::string message;

  // "<source>:<line>: <message>".
  HEXAGLOT_EXPORT std::string ToString() const;
  // Whether the line or record was dropped: such messages end "ignored)" ("not a JSON
  // object (line ignored)"); others (a numbering gap) only question the input.
  bool skipped() const { return message.ends_with("ignored)"); }

  friend bool operator==(const ParseWarning&, const ParseWarning&) = default;
};

struct ParseResult {
  std::vector<Paragraph> paragraphs;
  std::vector<ParseWarning> warnings;
};

// Each parser reads `text`, naming it `source` in records, warnings and errors.

// A UN compendium in any of the six languages: markdown headings at any level (sections
// "I. ...", themes, "Key topics"), numbered paragraphs ("12.", "- 12.", "١٢ -", "１２．")
// with sub-items ("(a)", "a)", "(أ)"), page footers ("V.21-05340 3/11", removed) and
// paragraphs broken across pages (joined). A paragraph that opens "In 2018, for the fifth
// meeting ..." and cites a symbol starts the summary of that background paper, which runs
// until the next such paragraph or the next theme.
HEXAGLOT_EXPORT Result<ParseResult> ParseCompendium(std::string_view text, std::string_view source,
                                                    const ParseOptions& options = {});

// A UN document (an English General Assembly resolution as a PDF-to-text pipeline
// extracts it): optional YAML front matter ("symbol:", "title:", "date:"), a heading block
// up to "The General Assembly,", preambular paragraphs, numbered operative paragraphs with
// sub-paragraphs "(a)", the closing "35th plenary meeting" line, an optional annex with
// numbered paragraphs, and footnotes ("[^1]: ..." after a "---" line). Records only for the
// paragraphs: operative ones numbered as printed ("14", sub-paragraphs in their text),
// preambular ones "pp1", "pp2", ... in order, an annex's "annex/1", ...; doc is the symbol
// (front matter, else a symbol line or the "80/6." title of a General Assembly heading,
// else the file name), section the title, year the date's. Paragraphs broken by a page are
// joined; footnote markers ("Court,2") are taken out of the text, and the symbols that the
// cited footnotes name are added to `symbols`. The heading block, the meeting line and the
// footnotes are not records.
HEXAGLOT_EXPORT Result<ParseResult> ParseUnDocument(std::string_view text, std::string_view source,
                                                    const ParseOptions& options = {});

// JSON Lines: one object per non-blank line; "id", "text" and "lang" (or
// ParseOptions::language) are required; "doc", "number", "parallel", "section", "theme",
// "topics", "paper", "year", "meeting", "symbols", "source" and "line" are read when
// present. Without "symbols", the cited symbols are found in the text; without "source"
// and "line", they are this input's name and line. A line that is not such an object is a
// warning and is skipped. "hash" is always computed.
HEXAGLOT_EXPORT Result<ParseResult> ParseJsonLines(std::string_view text, std::string_view source,
                                                   const ParseOptions& options = {});

// A BEIR corpus.jsonl: "_id" (required), "title" and "text". The record's text is the
// title followed by the text, as BEIR evaluations index them; its number is the "_id".
HEXAGLOT_EXPORT Result<ParseResult> ParseBeirCorpus(std::string_view text, std::string_view source,
                                                    const ParseOptions& options = {});

// Plain text or markdown: blank lines (and headings) separate paragraphs, numbered 1, 2,
// ... in order; a paragraph's section is the last heading above it. Headings, HTML tag
// lines and blank paragraphs are not records.
HEXAGLOT_EXPORT Result<ParseResult> ParsePlainText(std::string_view text, std::string_view source,
                                                   const ParseOptions& options = {});

// The format of `text` as read from `source`: JSON (".jsonl", ".ndjson", ".json", or text
// starting with '{') is BEIR when its first object has "_id", else JSON Lines; other text
// is a compendium when it has a UN page footer, a "Key topics" heading, or a numbered
// section heading ("# I. Introduction") and a numbered paragraph; a UN document when it
// has front matter with "symbol:" or a heading block with a symbol line
// (ingest::LooksLikeUnDocument); else plain text.
HEXAGLOT_EXPORT InputFormat DetectInputFormat(std::string_view text, std::string_view source);

// Parses `text` in options.format (detected when kAuto).
HEXAGLOT_EXPORT Result<ParseResult> ParseInput(std::string_view text, std::string_view source,
                                               const ParseOptions& options = {});

// Reads the file at `path` and parses it with ParseInput. NotFound / IOError when the
// file cannot be read.
HEXAGLOT_EXPORT Result<ParseResult> ParseFile(const std::string& path,
                                              const ParseOptions& options = {});

// A source of paragraph records, read batch by batch: what IndexWriter::Update streams,
// so that an input larger than memory can be indexed.
//
// Contract: Next may be called from several threads at once (the indexing threads); each
// call returns its own batch. Once Next returns an error, every later call returns it.
// Batches are numbered 0, 1, 2, ... in the source's order, each number given once and
// none skipped, so that a caller on several threads can process them in an order that
// does not depend on timing (IndexWriter::Update builds reproducible segments so).
class HEXAGLOT_EXPORT RecordSource {
 public:
  virtual ~RecordSource();
  // Replaces *records with the next records (at least one) and sets *sequence to their
  // batch number, or clears *records when every record has been returned (*sequence is
  // then unspecified). REQUIRES: once a call returns number n, every number below n is
  // returned by a call already started that does not wait for later calls.
  virtual Status Next(std::vector<Paragraph>* records, std::uint64_t* sequence) = 0;
};

// What FileRecordSource read from one input.
struct InputSummary {
  std::string source;                       // The path, or "<stdin>" for "-".
  InputFormat format = InputFormat::kAuto;  // As detected (kAuto: not reached).
  std::uint64_t bytes = 0;                  // Bytes read.
  std::uint64_t records = 0;                // Records returned by Next.
  std::uint64_t warnings = 0;               // ParseWarnings.
  std::uint64_t skipped = 0;                // Of them, lines or records dropped.
  bool blank = true;                        // Nothing but whitespace (or nothing) was read.
};

// The records of input files, as ParseInput reads them, one batch at a time.
//
// Every input is read exactly once, front to back, so that pipes, FIFOs, "/dev/stdin",
// process substitution and "-" (standard input) work like files: the format is detected
// from its first piece (about kPieceBytes), then JSON Lines is read and parsed in pieces
// by the threads that call Next, so memory holds a few pieces, not the input (plus the
// ids read so far, for the duplicate check). Its records are exactly ParseJsonLines' on
// the whole input. Other formats (compendia, BEIR corpora, plain text) are read whole
// when Next reaches them, then parsed and handed out in batches. Counts are of what was
// read: an input that changes while it is read gives the records of the bytes read.
//
// Duplicate ids, one rule for all inputs: a record whose id an earlier record of any
// input has is a warning and is skipped (the first is kept); under ParseOptions::strict
// it is the error. Blank inputs are not parsed: they give no records and no error.
//
// Thread safety: Next as RecordSource says; warnings reach the callback one at a time, in
// input and line order. The counters may be read from any thread.
class HEXAGLOT_EXPORT FileRecordSource final : public RecordSource {
 public:
  // The text of a JSON Lines input that one Next call parses, at least.
  static constexpr std::size_t kPieceBytes = std::size_t{1} << 20;
  // The longest line read, as the writer's kMaxParagraphBytes (no record can be longer):
  // a longer one ("/dev/zero") is InvalidArgument once this much of it is buffered.
  static constexpr std::size_t kMaxLineBytes = std::size_t{64} << 20;

  // Checks that each path is a regular file, a pipe (FIFO) or a character device, or "-"
  // (standard input): NotFound / IOError naming a path that cannot be examined,
  // InvalidArgument for a folder or another kind of file. Nothing is read yet: Next
  // returns what reading finds (IOError naming the input; InvalidArgument for invalid
  // UTF-8, naming the input, byte offset and line, for a line over kMaxLineBytes, or for
  // a whole-parsed input's error). `on_warning` gets each ParseWarning as Next reaches
  // its line (under ParseOptions::strict, the first one is Next's error instead).
  static Result<std::unique_ptr<FileRecordSource>> Open(
      const std::vector<std::string>& paths, const ParseOptions& options = {},
      std::function<void(const ParseWarning&)> on_warning = {});

  ~FileRecordSource() override;
  FileRecordSource(const FileRecordSource&) = delete;
  FileRecordSource& operator=(const FileRecordSource&) = delete;

  Status Next(std::vector<Paragraph>* records, std::uint64_t* sequence) override;

  // The sum of the sizes of the inputs, when all are regular files; else 0 (unknown).
  std::uint64_t total_bytes() const;
  // Bytes read from the inputs so far.
  std::uint64_t bytes_read() const;
  // Records returned by Next so far, and the bytes of their text.
  std::uint64_t records() const;
  std::uint64_t text_bytes() const;
  // Warnings so far, and those of lines or records dropped (ParseWarning::skipped).
  std::uint64_t warnings() const;
  std::uint64_t skipped() const;
  // One summary per input, in order. REQUIRES: Next has returned the end (or an error;
  // inputs not reached then have format kAuto), and no Next call is running.
  std::vector<InputSummary> inputs() const;

  class Impl;

 private:
  explicit FileRecordSource(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The content hash of `paragraph`: XXH3-128 (32 lowercase hex digits) over its doc, lang,
// number, section, theme, topics, paper, year, meeting, symbols and text. Not over id,
// parallel, source, line or hash: moving a paragraph within its file leaves it unchanged.
HEXAGLOT_EXPORT std::string ContentHash(const Paragraph& paragraph);

// One JSON object on one line, keys in this order: id doc lang number parallel section
// theme topics paper year meeting symbols text source line hash; absent optional fields
// are null. ParseJsonLines reads it back to an equal Paragraph.
HEXAGLOT_EXPORT std::string ParagraphToJson(const Paragraph& paragraph);

// The UN document symbols cited in `text`, in order of first appearance, without
// duplicates: "CTOC/COP/WG.7/2018/2", "A/RES/70/1", "E/CN.15/2019/L.2". A symbol starts
// with an upper-case series ("A", "CTOC"), has at least two parts separated by '/', and a
// digit after the first '/'. REQUIRES: text is valid UTF-8.
HEXAGLOT_EXPORT std::vector<std::string> FindDocumentSymbols(std::string_view text);

}  // namespace hexaglot

#endif  // HEXAGLOT_INGEST_H_
