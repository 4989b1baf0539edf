// hexaglot: the command-line tool, a thin layer over the public API (include/hexaglot).

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <iostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

#include "commands.h"
#include "output.h"

namespace {

// True when `arg` is an option of `command` as CLI11 reads it: any long option (a
// mistyped one stays an error), a known short option alone ("-h", "-k"), or a short
// option with a number attached ("-k5"). Anything else starting with '-' is a positional:
// a query such as "-hawala smuggling" (README "Query language": -x excludes x).
bool IsOption(const CLI::App& command, std::string_view arg) {
  if (arg.starts_with("--")) return true;
  const CLI::Option* option = command.get_option_no_throw(std::string(arg.substr(0, 2)));
  if (option == nullptr) return false;
  if (arg.size() == 2) return true;
  const std::string_view attached = arg.substr(2);
  return option->get_items_expected_max() > 0 &&
         attached.find_first_not_of("0123456789") == std::string_view::npos;
}

// The subcommand of `command` named `name`, or nullptr.
CLI::App* Subcommand(CLI::App* command, const std::string& name) {
  for (CLI::App* sub : command->get_subcommands([](CLI::App*) { return true; })) {
    if (sub->check_name(name)) return sub;
  }
  return nullptr;
}

// `args` (argv without the program name) with the (innermost) subcommand's positionals
// moved after a "--" when one of them starts with '-' or the user wrote "--", so that
// CLI11 takes them as positionals (in their order) rather than as options or help.
std::vector<std::string> EscapeDashPositionals(CLI::App& app, std::vector<std::string> args) {
  CLI::App* command = &app;
  std::size_t first = 0;  // The first argument after the subcommand names ("dump terms").
  while (first < args.size() && Subcommand(command, args[first]) != nullptr) {
    command = Subcommand(command, args[first++]);
  }
  if (command == &app) return args;
  std::vector<std::string> options(args.begin(), args.begin() + static_cast<std::ptrdiff_t>(first));
  std::vector<std::string> positionals;
  bool dash_positional = false;
  for (std::size_t i = first; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      // The user's "--": what follows is positional. The ones before it move after it too,
      // for CLI11 2.1 reads "DIR -- -x" as help.
      positionals.insert(positionals.end(), args.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                         args.end());
      dash_positional = true;
      break;
    }
    if (arg.size() < 2 || arg[0] != '-' || !IsOption(*command, arg)) {
      dash_positional |= arg.size() >= 2 && arg[0] == '-';
      positionals.push_back(arg);
      continue;
    }
    options.push_back(arg);
    // A value option given alone ("--k1", "-k") takes the next argument as its value,
    // whatever it starts with.
    const std::string name = arg.substr(0, arg.find('='));
    const CLI::Option* option = command->get_option_no_throw(name);
    if (option != nullptr && option->get_items_expected_max() > 0 && name == arg &&
        i + 1 < args.size()) {
      options.push_back(args[++i]);
    }
  }
  if (!dash_positional) return args;
  options.emplace_back("--");
  options.insert(options.end(), positionals.begin(), positionals.end());
  return options;
}

int Run(int argc, char** argv) {
  CLI::App app{
      "hexaglot: full-text search over UN documents in Arabic, Chinese, English, French, "
      "Russian and Spanish.\n\nExit codes: 0 ok, 1 no results or check failed, 2 usage "
      "error, 3 missing, unreadable, invalid or corrupt input (or standard output could "
      "not be written), 4 internal error, 5 index busy (another writer holds it; see "
      "--wait).",
      "hexaglot"};
  app.set_version_flag("--version", "hexaglot " HEXAGLOT_VERSION);
  app.require_subcommand(1);
  app.fallthrough(false);

  int exit_code = hexaglot::tool::kExitOk;
  hexaglot::tool::AddIndexCommand(app, &exit_code);
  hexaglot::tool::AddSearchCommand(app, &exit_code);
  hexaglot::tool::AddShowCommand(app, &exit_code);
  hexaglot::tool::AddParseCommand(app, &exit_code);
  hexaglot::tool::AddAnalyzeCommand(app, &exit_code);
  hexaglot::tool::AddStatsCommand(app, &exit_code);
  hexaglot::tool::AddCheckCommand(app, &exit_code);
  hexaglot::tool::AddMergeCommand(app, &exit_code);
  hexaglot::tool::AddDumpCommand(app, &exit_code);
  hexaglot::tool::AddEvalCommand(app, &exit_code);

  std::vector<std::string> args =
      EscapeDashPositionals(app, std::vector<std::string>(argv + 1, argv + argc));
  std::vector<char*> escaped_argv{argv[0]};
  for (std::string& arg : args) escaped_argv.push_back(arg.data());
  try {
    app.parse(static_cast<int>(escaped_argv.size()), escaped_argv.data());
  } catch (const CLI::ParseError& e) {
    const int cli_code = app.exit(e);
    return cli_code == 0 ? hexaglot::tool::kExitOk : hexaglot::tool::kExitUsage;
  }
  return exit_code;
}

// std::cout's buffer: standard output through write(2), keeping the first error. (Through
// stdio, the error's errno is lost once a later flush of the emptied buffer succeeds.)
// After an error the stream is bad and takes nothing more.
class CheckedStdout : public std::streambuf {
 public:
  CheckedStdout() { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  // The errno of the first failed write; 0 when none failed.
  int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override {
    if (sync() != 0) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }

  int sync() override {
    const char* data = pbase();
    auto size = static_cast<std::size_t>(pptr() - pbase());
    while (size > 0 && error_ == 0) {
      const ssize_t written = ::write(STDOUT_FILENO, data, size);
      if (written < 0 && errno != EINTR) error_ = errno;
      if (written > 0) {
        data += written;
        size -= static_cast<std::size_t>(written);
      }
    }
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return error_ == 0 ? 0 : -1;
  }

 private:
  std::array<char, 1 << 16> buffer_{};
  int error_ = 0;
};

// `exit_code`, unless standard output could not be written: then an error and
// kExitData, for a full disk must not pass for success.
int FinishOutput(CheckedStdout& out, int exit_code) {
  std::cout.flush();
  if (out.error() == 0) return exit_code;
  std::cerr << "hexaglot: error: writing standard output: " << std::strerror(out.error()) << '\n';
  return exit_code == hexaglot::tool::kExitOk || exit_code == hexaglot::tool::kExitNoResults
             ? hexaglot::tool::kExitData
             : exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  // A reader that stops reading (`hexaglot search x | head -1`) ends the tool quietly, by
  // SIGPIPE, even when the parent left SIGPIPE ignored (its EPIPE would be an error).
  static_cast<void>(std::signal(SIGPIPE, SIG_DFL));
  CheckedStdout out;
  std::streambuf* const original = std::cout.rdbuf(&out);
  // A terminal shows each line as it comes, as stdio's line buffering did.
  if (::isatty(STDOUT_FILENO) == 1) std::cout.setf(std::ios::unitbuf);
  int exit_code = hexaglot::tool::kExitInternal;
  // The library reports errors as Status values; only the standard library (allocation)
  // and CLI11 throw, and nothing may escape as a crash.
  try {
    exit_code = FinishOutput(out, Run(argc, argv));
  } catch (const std::exception& e) {
    std::cerr << "hexaglot: internal error: " << e.what() << '\n';
  } catch (...) {
    std::cerr << "hexaglot: internal error\n";
  }
  std::cout.rdbuf(original);
  return exit_code;
}
