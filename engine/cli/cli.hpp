// The command line (README, Användning): subcommands, Swedish usage errors, exit codes.
#pragma once
#include <ostream>

namespace malkoll {

// 0 done; 1 the input has errors or cannot be read (nothing written);
// 2 wrong usage. Never throws.
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);
inline int run_cli(int argc, char** argv, std::ostream& out, std::ostream& err) {
    return run_cli(argc, const_cast<const char* const*>(argv), out, err);
}

}  // namespace malkoll
