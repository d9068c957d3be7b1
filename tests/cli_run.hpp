// Runs the command line in-process, as a user would from the project root.
#pragma once
#include <sstream>
#include <string>
#include <vector>

#include "engine/cli/cli.hpp"

namespace malkoll::test {

struct CliResult {
    int exit = 0;
    std::string out, err;
};

inline CliResult run(std::vector<std::string> args) {
    args.insert(args.begin(), "malkoll");
    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());
    std::ostringstream out, err;
    CliResult r;
    r.exit = run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

}  // namespace malkoll::test
