// The hexaglot tool's subcommands. Each Add*Command registers one subcommand on the
// application; its callback stores the process exit code in *exit_code.

#ifndef HEXAGLOT_TOOLS_COMMANDS_H_
#define HEXAGLOT_TOOLS_COMMANDS_H_

namespace CLI {
class App;
}  // namespace CLI

namespace hexaglot::tool {

void AddAnalyzeCommand(CLI::App& app, int* exit_code);
void AddCheckCommand(CLI::App& app, int* exit_code);
void AddDumpCommand(CLI::App& app, int* exit_code);
void AddEvalCommand(CLI::App& app, int* exit_code);
void AddIndexCommand(CLI::App& app, int* exit_code);
void AddMergeCommand(CLI::App& app, int* exit_code);
void AddParseCommand(CLI::App& app, int* exit_code);
void AddSearchCommand(CLI::App& app, int* exit_code);
void AddShowCommand(CLI::App& app, int* exit_code);
void AddStatsCommand(CLI::App& app, int* exit_code);

}  // namespace hexaglot::tool

#endif  // HEXAGLOT_TOOLS_COMMANDS_H_
