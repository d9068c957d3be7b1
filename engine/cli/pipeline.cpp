#include "engine/cli/pipeline.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "engine/core/format.hpp"
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

// "9 980 fel och 3 varningar": the counts that are not zero.
std::string problem_count(const std::size_t (&count)[3]) {
    static const char* const one[3] = {"fel", "varning", "notering"};
    static const char* const many[3] = {"fel", "varningar", "noteringar"};
    std::vector<std::string> parts;
    for (int k = 0; k < 3; ++k)
        if (count[k])
            parts.push_back(format_number(Decimal{static_cast<double>(count[k]), 0}, true) + " " +
                            (count[k] == 1 ? one[k] : many[k]));
    std::string out;
    for (std::size_t k = 0; k < parts.size(); ++k)
        out += (k == 0 ? "" : k + 1 == parts.size() ? " och " : ", ") + parts[k];
    return out;
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
        if (l.readable && std::find(l.readable->begin(), l.readable->end(), files[i]) == l.readable->end()) {
            Position at = i < l.file.data_file_pos.size() ? l.file.data_file_pos[i] : Position{};
            l.diags.error("io.read", at,
                          fmt::format("datafilen {} finns inte bland rapportens indatafiler; verify läser bara dem", files[i]));
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
    // As compilers do: the first kShownPerFile of each file, then how many
    // more there are. A generated file with ten thousand bad cells gives a
    // screenful, not gigabytes.
    const auto& items = d.items();
    for (std::size_t i = 0; i < items.size();) {
        std::size_t end = i;
        while (end < items.size() && items[end].pos.file == items[i].pos.file) ++end;
        const std::size_t shown = std::min(end - i, kShownPerFile);
        for (std::size_t k = i; k < i + shown; ++k) err << s.render(items[k]) << "\n";
        if (end - i > shown) {
            std::size_t count[3] = {0, 0, 0};
            for (std::size_t k = i + shown; k < end; ++k) ++count[static_cast<int>(items[k].severity)];
            Diagnostic more{Severity::Notice, "diag.more", Position{items[i].pos.file, 0, 0},
                            fmt::format("ytterligare {} visas inte (högst {} per fil)", problem_count(count), kShownPerFile)};
            err << s.render(more) << "\n";
        }
        i = end;
    }
}

std::string count_line(std::size_t errors, std::size_t warnings) {
    auto n = [](std::size_t k) { return format_number(Decimal{static_cast<double>(k), 0}, true); };
    std::string s = fmt::format("{} fel", n(errors));
    if (warnings) s += warnings == 1 ? ", 1 varning" : fmt::format(", {} varningar", n(warnings));
    return s;
}

}  // namespace malkoll
