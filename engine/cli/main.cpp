#include <iostream>

#include "engine/cli/cli.hpp"

int main(int argc, char** argv) { return malkoll::run_cli(argc, argv, std::cout, std::cerr); }
