#include "engine/cli/pipeline.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "engine/core/sha256.hpp"
#include "engine/load/data_file.hpp"

namespace malkoll {

namespace {

// The rule file did not load as a structure at all (unreadable, not YAML, not
// a mapping): nothing after can be checked against it.
bool structure_failed(const Diagnostics& d) {
    for (const auto& item : d.items())
        if (item.severity == Severity::Error &&
            (item.code.rfind("yaml.", 0) == 0 || item.code == "schema.root" || item.code == "io.read"))
            return true;
    return false;
}

}  // namespace

void load(Loaded& l, const std::string& path, const std::vector<std::string>& data) {
    l.file = load_rule_file(path, l.sources, l.diags);
    if (structure_failed(l.diags)) return;
    // `check` lists every problem: data files and rules are checked even when
    // some part of the rule file has errors (the result is not used then).
    const bool rule_errors = l.diags.has_errors();
    std::vector<std::string> files = l.file.data_files;
    for (const auto& d : data) files.push_back(d);
    Diagnostics data_diags;
    for (std::size_t i = 0; i < files.size(); ++i) {
        // A file named under `utfall:` that is missing is an error at that name.
        if (i < l.file.data_file_pos.size() && !std::filesystem::exists(files[i])) {
            l.diags.error("io.read", l.file.data_file_pos[i],
                          fmt::format("datafilen {} finns inte (sökvägen räknas från regelfilens mapp)", files[i]));
            continue;
        }
        load_data_file(files[i], l.file, l.sources, data_diags);
    }
    // With errors in the rule file an indicator may be missing from it only
    // because of its own error: "okänd indikator" would then mislead.
    for (const auto& d : data_diags.items())
        if (!(rule_errors && d.code == "data.unknown-indicator")) l.diags.add(d.severity, d.code, d.pos, d.message);
    l.model = compile(l.file, l.sources, l.diags);
}

std::vector<InputFile> input_files(const Loaded& l) {
    std::vector<InputFile> out;
    for (std::size_t i = 0; i < l.sources.size(); ++i) {
        const SourceFile& f = l.sources.file(static_cast<std::uint32_t>(i));
        out.push_back({f.name(), f.sha256()});
    }
    return out;
}

void print_diagnostics(Diagnostics& d, const SourceSet& s, std::ostream& err) {
    d.sort();
    for (const auto& item : d.items()) err << s.render(item) << "\n";
}

std::string count_line(std::size_t errors, std::size_t warnings) {
    std::string s = errors == 1 ? "1 fel" : fmt::format("{} fel", errors);
    if (warnings) s += warnings == 1 ? ", 1 varning" : fmt::format(", {} varningar", warnings);
    return s;
}

}  // namespace malkoll
