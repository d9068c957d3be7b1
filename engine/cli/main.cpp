#include <csignal>
#include <iostream>

#include "engine/cli/cli.hpp"
#include "engine/core/atomic_write.hpp"

int main(int argc, char** argv) {
    // A closed pipe is then a write error that run_cli reports (exit 1), not a silent SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    // Standard output through our own buffer, which keeps why a write failed.
    malkoll::FdStream out(1);
    return malkoll::run_cli(argc, argv, out, std::cerr);
}
