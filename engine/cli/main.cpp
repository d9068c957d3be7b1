#include <csignal>
#include <iostream>

#include "engine/cli/cli.hpp"

int main(int argc, char** argv) {
    // A closed pipe is then a write error that run_cli reports (exit 1), not a silent SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    return malkoll::run_cli(argc, argv, std::cout, std::cerr);
}
