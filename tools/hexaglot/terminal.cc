#include "terminal.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <limits>
#include <sstream>
#include <vector>

namespace hexaglot::tool {
namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

// Redraws of the progress bar are at least this far apart.
constexpr std::chrono::milliseconds kRedrawInterval(100);

std::string FormatSeconds(double seconds) {
  const auto total = static_cast<std::uint64_t>(std::llround(seconds));
  const std::uint64_t hours = total / 3600;
  const std::uint64_t minutes = total / 60 % 60;
  const std::uint64_t secs = total % 60;
  std::string out;
  if (hours > 0) out = std::to_string(hours) + ":" + (minutes < 10 ? "0" : "");
  out += std::to_string(minutes) + ":" + (secs < 10 ? "0" : "") + std::to_string(secs);
  return out;
}

std::string Join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

}  // namespace

Result<std::string> ResolveIndexPath(const std::string& given) {
  if (!given.empty()) return given;
  if (std::string env = Env("HEXAGLOT_INDEX"); !env.empty()) return env;
  if (std::string xdg = Env("XDG_DATA_HOME"); !xdg.empty() && xdg.front() == '/') {
    return xdg + "/hexaglot/index";
  }
  if (std::string home = Env("HOME"); !home.empty()) return home + "/.local/share/hexaglot/index";
  return Status::InvalidArgument(
      "no index given: use --index DIR, or set HEXAGLOT_INDEX (HOME is not set either)");
}

void AddIndexOption(CLI::App* command, std::string* index, bool positional) {
  CLI::Option* option = command->add_option(
      "--index", *index,
      "Index folder (default: $HEXAGLOT_INDEX, else $XDG_DATA_HOME/hexaglot/index, else "
      "~/.local/share/hexaglot/index)");
  if (positional) {
    command->add_option("dir", *index, "Index folder (the same as --index)")->excludes(option);
  }
}

Result<std::uint64_t> ParseByteSize(std::string_view text) {
  const auto invalid = [&] {
    return Status::InvalidArgument("invalid size \"" + std::string(text) +
                                   "\": use a number of bytes, or one with K, M, G or T "
                                   "(powers of 1024), e.g. 256M");
  };
  std::size_t digits = 0;
  std::uint64_t value = 0;
  for (; digits < text.size() && text[digits] >= '0' && text[digits] <= '9'; ++digits) {
    const auto digit = static_cast<std::uint64_t>(text[digits] - '0');
    if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) return invalid();
    value = value * 10 + digit;
  }
  if (digits == 0) return invalid();
  std::string suffix(text.substr(digits));
  std::transform(suffix.begin(), suffix.end(), suffix.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (suffix.ends_with("ib")) {
    suffix.resize(suffix.size() - 2);
    if (suffix.empty()) return invalid();
  } else if (suffix.ends_with("b")) {
    suffix.pop_back();
  }
  int shift = 0;
  if (suffix == "k") {
    shift = 10;
  } else if (suffix == "m") {
    shift = 20;
  } else if (suffix == "g") {
    shift = 30;
  } else if (suffix == "t") {
    shift = 40;
  } else if (!suffix.empty()) {
    return invalid();
  }
  if (shift > 0 && value > (std::numeric_limits<std::uint64_t>::max() >> shift)) return invalid();
  return value << shift;
}

std::string GroupDigits(std::uint64_t value) {
  std::string digits = std::to_string(value);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string Fixed(double value, int decimals) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(decimals) << value;
  return out.str();
}

Result<ColorMode> ParseColorMode(std::string_view text) {
  if (text == "auto") return ColorMode::kAuto;
  if (text == "always") return ColorMode::kAlways;
  if (text == "never") return ColorMode::kNever;
  return Status::InvalidArgument("invalid --color \"" + std::string(text) +
                                 "\": use always, never or auto");
}

CLI::Option* AddColorOption(CLI::App* command, std::string* color) {
  return command
      ->add_option("--color", *color,
                   "Colour: auto (on a terminal, unless NO_COLOR is set), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
}

Style::Style(ColorMode mode, std::FILE* stream)
    : enabled_(mode == ColorMode::kAlways ||
               (mode == ColorMode::kAuto && std::getenv("NO_COLOR") == nullptr &&
                ::isatty(::fileno(stream)) == 1 && Env("TERM") != "dumb")) {}

std::string Style::Wrap(std::string_view text, std::string_view codes) const {
  if (!enabled_ || codes.empty()) return std::string(text);
  std::string out = "\x1b[";
  out += codes;
  out += 'm';
  out += text;
  out += "\x1b[0m";
  return out;
}

std::string Style::Bold(std::string_view text, Color color) const {
  return Wrap(text, color == kNone ? std::string("1") : "1;" + std::to_string(color));
}

std::string Style::Colored(std::string_view text, Color color) const {
  return Wrap(text, color == kNone ? std::string() : std::to_string(color));
}

std::string Style::Dim(std::string_view text) const { return Wrap(text, "2"); }

std::string Style::Highlight(std::string_view text) const { return Wrap(text, "1;4"); }

std::string Printable(std::string_view text) {
  static constexpr char kHexDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n') {
      out += "\\n";
    } else if ((byte < 0x20 && byte != '\t') || byte == 0x7f) {
      out += "\\x";
      out += kHexDigits[byte >> 4];
      out += kHexDigits[byte & 0xf];
    } else if (byte == 0xc2 && i + 1 < text.size() &&
               (static_cast<unsigned char>(text[i + 1]) & 0xe0) == 0x80) {
      // U+0080..U+009F, encoded C2 80..C2 9F.
      const auto low = static_cast<unsigned char>(text[++i]);
      out += "\\u00";
      out += kHexDigits[low >> 4];
      out += kHexDigits[low & 0xf];
    } else {
      out += static_cast<char>(byte);
    }
  }
  return out;
}

std::string NumberLabel(const Paragraph& p, bool with_doc) {
  const std::string_view number = p.number;
  std::string label;
  if (number.starts_with("pp")) {
    label = number;  // Preambular paragraphs have no number of their own.
  } else if (number.starts_with("annex/")) {
    label = "annex ¶" + std::string(number.substr(6));
  } else {
    label = "¶" + std::string(number);
  }
  return Printable(with_doc && !p.doc.empty() ? p.doc + " " + label : label);
}

std::string FormatParagraph(const Paragraph& p, const Style& style) {
  std::string out = style.Bold(Printable(p.id)) + "  " +
                    style.Dim("(" + Printable(p.source) + ":" + std::to_string(p.line) + ")") +
                    "\n";
  if (p.section) out += "  section: " + Printable(*p.section) + "\n";
  if (p.theme) out += "  theme:   " + Printable(*p.theme) + "\n";
  if (!p.topics.empty()) out += "  topics:  " + Printable(Join(p.topics, "; ")) + "\n";
  if (p.paper) {
    out += "  paper:   " + Printable(*p.paper);
    if (p.year) out += " (" + std::to_string(*p.year);
    if (p.year && p.meeting) out += ", meeting " + std::to_string(*p.meeting);
    if (p.year) out += ')';
    out += '\n';
  }
  if (!p.symbols.empty()) out += "  symbols: " + Printable(Join(p.symbols, ", ")) + "\n";
  out += "  number:  " + NumberLabel(p, /*with_doc=*/true) + "\n";
  out += "  hash:    " + Printable(p.hash) + "\n  " + Printable(p.text) + "\n";
  return out;
}

ProgressBar::ProgressBar(std::string_view unit)
    : unit_(unit),
      enabled_(::isatty(STDERR_FILENO) == 1 && Env("TERM") != "dumb"),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_ - kRedrawInterval) {}

ProgressBar::~ProgressBar() { Clear(); }

void ProgressBar::Update(std::uint64_t done, std::uint64_t total, std::uint64_t bytes,
                         std::uint64_t total_bytes) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < kRedrawInterval && done != total) return;
  last_draw_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double fraction = total == 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(total);

  int columns = 80;
  winsize size{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) columns = size.ws_col;

  std::string tail = " " + std::to_string(static_cast<int>(fraction * 100.0)) + "% " +
                     GroupDigits(done) + "/" + GroupDigits(total) + " " + unit_;
  // Rates and ETA only once they mean something.
  if (seconds >= 0.5 && bytes > 0) {
    const double rate = static_cast<double>(bytes) / seconds;
    tail += "  " + Fixed(rate / 1e6, 1) + " MB/s";
    if (total_bytes > bytes && seconds >= 1.0) {
      tail += "  ETA " + FormatSeconds(static_cast<double>(total_bytes - bytes) / rate);
    }
  }
  // A fixed width, so that the bar does not jitter as the counters change length.
  const int cells = std::clamp(columns - 60, 10, 40);
  const int filled = static_cast<int>(fraction * cells);
  std::string line = "\r[";
  for (int i = 0; i < cells; ++i) line += i < filled ? '=' : (i == filled ? '>' : ' ');
  line += "]" + tail + "\x1b[K";
  std::cerr << line << std::flush;
  drawn_ = true;
}

void ProgressBar::Message(std::string_view text) {
  if (!enabled_) return;
  std::cerr << '\r' << text << "\x1b[K" << std::flush;
  drawn_ = true;
}

void ProgressBar::Clear() {
  if (!drawn_) return;
  std::cerr << "\r\x1b[K" << std::flush;
  drawn_ = false;
}

}  // namespace hexaglot::tool
