// The stages run end to end for one rule file, shared by the subcommands.
#pragma once
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/assess/assess.hpp"
#include "engine/compile/model.hpp"
#include "engine/core/diagnostic.hpp"
#include "engine/core/source.hpp"
#include "engine/load/rule_file.hpp"
#include "engine/report/describe.hpp"

namespace malkoll {

// A nämnd of a roll-up (`nämnder:`): its rule file with its values, and its
// model, loaded into the roll-up's sources and diagnostics.
struct Committee {
    RuleFile file;
    Model model;
};

struct Loaded {
    SourceSet sources;
    Diagnostics diags;
    RuleFile file;
    Model model;
    // A roll-up's nämnder, in `nämnder:` order (each kept in place: the
    // roll-up's model points at theirs).
    std::vector<std::unique_ptr<Committee>> committees;
    // For `verify`: when set, only these files are read; a rule file naming
    // another under `utfall:` gets an error at that name instead.
    const std::vector<std::string>* readable = nullptr;
};

// Loads the rule file and its data (`utfall:`, then `data`), compiles;
// every problem ends up in l.diags. A roll-up loads and compiles each nämnd's
// file with its own `utfall:` first, then itself; `data` is not read for a
// roll-up (the commands refuse it: rollup_with_data).
bool rollup_with_data(const Loaded& l, const std::vector<std::string>& data, const std::string& rule, std::ostream& err);
void load(Loaded& l, const std::string& path, const std::vector<std::string>& data);

// Every file read, in the order read, with the SHA-256 of its raw bytes.
std::vector<InputFile> input_files(const Loaded& l);

// Sorted diagnostics with source lines, to `err`: at most kShownPerFile per
// file, then a line with how many more there are.
inline constexpr std::size_t kShownPerFile = 20;
void print_diagnostics(Diagnostics& d, const SourceSet& s, std::ostream& err);
std::string count_line(std::size_t errors, std::size_t warnings);
// "1 varning", "12 varningar".
std::string warning_count(std::size_t warnings);

// `malkoll hämta` (docs/kolada.md), as given on the command line.
struct HamtaCommand {
    std::string rule;
    std::string output;      // "" or "-": standard output
    std::string years;       // `--år`: "2020-2024" or "2024"; "": the five years up to `år`
    std::string from_dir;    // `--från-katalog`
    std::string save_dir;    // `--spara-katalog`
    std::string base_url;    // `--kolada-url`; "": Kolada's own
    std::string date;        // `--datum`; "": today
};
int cmd_hamta(const HamtaCommand& c, std::ostream& out, std::ostream& err);

struct VerifyOptions {
    // `--tillåt-sökväg`: read inputs named by an absolute path or through `..`.
    bool allow_any_path = false;
};
int cmd_verify(const std::string& report_path, const VerifyOptions& options, std::ostream& out, std::ostream& err);
// The same on a report already read; `report_path` names it in messages and
// is where the inputs' relative paths start.
int verify_report_text(const std::string& report_path, std::string_view json, std::ostream& out, std::ostream& err,
                       const VerifyOptions& options = {});

}  // namespace malkoll
