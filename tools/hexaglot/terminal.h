// Conventions every subcommand shares: where the index is, colour on terminals only,
// byte sizes on the command line, and the progress bar of long work.

#ifndef HEXAGLOT_TOOLS_TERMINAL_H_
#define HEXAGLOT_TOOLS_TERMINAL_H_

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "hexaglot/ingest.h"
#include "hexaglot/status.h"

namespace hexaglot::tool {

// The index folder: `given` when not empty (--index, -o or a positional DIR); else
// $HEXAGLOT_INDEX; else $XDG_DATA_HOME/hexaglot/index (when XDG_DATA_HOME is an absolute
// path, as the XDG spec asks); else $HOME/.local/share/hexaglot/index. InvalidArgument
// when none of them is set.
Result<std::string> ResolveIndexPath(const std::string& given);

// Adds `--index DIR` (with the path rule in its help) to `command`, and with `positional`
// an optional positional DIR too (the two exclude each other).
void AddIndexOption(CLI::App* command, std::string* index, bool positional);

// "1G", "256M", "64k", "1048576" (K/M/G/T, powers of 1024, optional trailing "B" or "iB",
// any case) in bytes. InvalidArgument naming the text for anything else or an overflow.
Result<std::uint64_t> ParseByteSize(std::string_view text);

// 1234567 -> "1,234,567".
std::string GroupDigits(std::uint64_t value);

// `value` with `decimals` digits after the point: Fixed(2.345, 1) -> "2.3".
std::string Fixed(double value, int decimals);

// --color always|never|auto. Auto colours only a terminal, and never with NO_COLOR set
// (to any value, https://no-color.org).
enum class ColorMode { kAuto, kAlways, kNever };
Result<ColorMode> ParseColorMode(std::string_view text);
// Adds `--color WHEN` to `command`.
CLI::Option* AddColorOption(CLI::App* command, std::string* color);

// ANSI SGR styling for one output stream, or none: every method returns its text
// unchanged when styling is off, so callers never test for a terminal themselves.
class Style {
 public:
  enum Color {
    kNone = 0,
    kRed = 31,
    kGreen = 32,
    kYellow = 33,
    kBlue = 34,
    kMagenta = 35,
    kCyan = 36
  };

  // Styling for `stream` (stdout or stderr) under `mode`.
  Style(ColorMode mode, std::FILE* stream);
  explicit Style(bool enabled) : enabled_(enabled) {}

  bool enabled() const { return enabled_; }
  // `text` in bold, and in `color` unless kNone.
  std::string Bold(std::string_view text, Color color = kNone) const;
  std::string Colored(std::string_view text, Color color) const;
  std::string Dim(std::string_view text) const;
  // A matched span of a snippet: bold and underlined.
  std::string Highlight(std::string_view text) const;

 private:
  std::string Wrap(std::string_view text, std::string_view codes) const;

  bool enabled_;
};

// `text` made safe for a terminal: the C0 control characters but tab (ESC, BEL, CR, ...),
// newline, DEL and the C1 controls U+0080..U+009F become visible escapes ("\x1b", "\n",
// "\u009b"), so that data can neither drive the terminal (colours, cursor moves, window
// titles, OSC 8 links) nor break a line of output. Every human output of data uses it;
// JSON output escapes them itself.
std::string Printable(std::string_view text);

// A paragraph record as `parse` and `show` print it: the id and where it was read, the
// metadata that is present, its number as NumberLabel cites it, its hash and its text,
// each line ending in '\n'; its fields pass through Printable.
std::string FormatParagraph(const Paragraph& p, const Style& style);

// A paragraph's kind and number as a reader cites it: "¶14" for a numbered paragraph,
// "pp3" for a UN document's preambular paragraph, "annex ¶2" for one of its annex; with
// `doc`, after the document ("A/RES/80/6 ¶14"). Printable.
std::string NumberLabel(const Paragraph& p, bool with_doc);

// A progress bar on standard error, redrawn in place at most 10 times a second:
// "[=====>    ]  42% 12,345/29,000 documents  5.1 MB/s  ETA 0:03". Draws nothing when
// standard error is not a terminal. Not thread-safe: give it updates one at a time.
class ProgressBar {
 public:
  explicit ProgressBar(std::string_view unit);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  bool enabled() const { return enabled_; }
  // `done` of `total` items, `bytes` of `total_bytes` bytes processed since Start.
  void Update(std::uint64_t done, std::uint64_t total, std::uint64_t bytes,
              std::uint64_t total_bytes);
  // Shows `text` in the bar's place (work that has no count yet), as Update does.
  void Message(std::string_view text);
  // Erases the bar (before other output to stderr, and at the end).
  void Clear();

 private:
  std::string unit_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace hexaglot::tool

#endif  // HEXAGLOT_TOOLS_TERMINAL_H_
