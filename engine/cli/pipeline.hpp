// The stages run end to end for one rule file, shared by the subcommands.
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "engine/assess/assess.hpp"
#include "engine/compile/model.hpp"
#include "engine/core/diagnostic.hpp"
#include "engine/core/source.hpp"
#include "engine/load/rule_file.hpp"
#include "engine/report/describe.hpp"

namespace malkoll {

struct Loaded {
    SourceSet sources;
    Diagnostics diags;
    RuleFile file;
    Model model;
};

// Loads the rule file and its data (`utfall:`, then `data`), compiles;
// every problem ends up in l.diags.
void load(Loaded& l, const std::string& path, const std::vector<std::string>& data);

// Every file read, in the order read, with the SHA-256 of its raw bytes.
std::vector<InputFile> input_files(const Loaded& l);

// Sorted diagnostics with source lines, to `err`.
void print_diagnostics(Diagnostics& d, const SourceSet& s, std::ostream& err);
std::string count_line(std::size_t errors, std::size_t warnings);

int cmd_verify(const std::string& report_path, std::ostream& out, std::ostream& err);

}  // namespace malkoll
