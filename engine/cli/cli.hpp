// The command line (README, Användning): subcommands, Swedish usage errors, exit codes.
#pragma once
#include <ostream>
#include <string>
#include <vector>

namespace malkoll {

// 0 done; 1 the input has errors or cannot be read (nothing written);
// 2 wrong usage. Never throws.
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);
inline int run_cli(int argc, char** argv, std::ostream& out, std::ostream& err) {
    return run_cli(argc, const_cast<const char* const*>(argv), out, err);
}

// The commands and the flags shown in the help, as typed: the help text
// names each (tests/test_cli.cpp).
std::vector<std::string> cli_commands();
std::vector<std::string> cli_flags();

}  // namespace malkoll
