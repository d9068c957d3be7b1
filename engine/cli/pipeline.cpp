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

namespace {

// Reads a rule file's `utfall:` and the extra data files into it. With errors
// in the rule file an indicator may be missing from it only because of its
// own error: "okänd indikator" would then mislead.
void load_values(RuleFile& file, SourceSet& sources, Diagnostics& diags, const std::vector<std::string>& data,
                 const std::vector<std::string>* readable) {
    const bool rule_errors = diags.has_errors();
    std::vector<DataFileRef> files;
    for (std::size_t i = 0; i < file.data_files.size(); ++i) files.push_back({file.data_files[i], file.data_sheets[i]});
    for (const auto& d : data) files.push_back(parse_data_file_ref(d));  // FIL.xlsx:Blad names a sheet
    Diagnostics data_diags;
    for (std::size_t i = 0; i < files.size(); ++i) {
        const std::string& path = files[i].path;
        const bool named = i < file.data_file_pos.size();
        // A file named under `utfall:` that is missing is an error at that name.
        if (named && !std::filesystem::exists(path)) {
            diags.error("io.read", file.data_file_pos[i],
                        fmt::format("datafilen {} finns inte (sökvägen räknas från regelfilens mapp)", path));
            continue;
        }
        if (readable && std::find(readable->begin(), readable->end(), path) == readable->end()) {
            Position at = named ? file.data_file_pos[i] : Position{};
            diags.error("io.read", at, fmt::format("datafilen {} finns inte bland rapportens indatafiler; verify läser bara dem", path));
            continue;
        }
        load_data_file(path, file, sources, data_diags, files[i].sheet, named ? file.data_file_pos[i] : Position{});
    }
    for (const auto& d : data_diags.items())
        if (!(rule_errors && d.code == "data.unknown-indicator")) diags.add(d.severity, d.code, d.pos, d.message);
}

const char* kind_word(ReportKind k) {
    switch (k) {
        case ReportKind::Helar: return "helår";
        case ReportKind::Delar: return "delår";
        case ReportKind::Budget: return "budget";
    }
    return "";
}

// One nämnd of a roll-up: its file, checked against the roll-up's år, rapport
// and period, its values and its model. Its problems are the roll-up's.
void load_committee(Loaded& l, const CommitteeRef& ref, Committee& c) {
    const RuleFile& up = l.file;
    c.file.path = ref.path;
    if (!std::filesystem::exists(ref.path)) {
        l.diags.error("io.read", ref.pos, fmt::format("nämndens regelfil {} finns inte (sökvägen räknas från den här filens mapp)", ref.path));
        return;
    }
    if (l.readable && std::find(l.readable->begin(), l.readable->end(), ref.path) == l.readable->end()) {
        l.diags.error("io.read", ref.pos, fmt::format("nämndens regelfil {} finns inte bland rapportens indatafiler; verify läser bara dem", ref.path));
        return;
    }
    Diagnostics own;
    c.file = load_rule_file(ref.path, l.sources, own);
    const bool failed = structure_failed(own);
    for (const auto& d : own.items()) l.diags.add(d.severity, d.code, d.pos, d.message);
    if (failed) return;
    const RuleFile& f = c.file;
    // A key that is not written is reported at the nämnd's name.
    auto at = [&](const Position& p) { return p.line ? p : f.committee_pos; };
    if (f.rollup())
        l.diags.error("rollup.nested", f.rollup_pos,
                      fmt::format("{} har själv 'nämnder:'; under 'nämnder:' i {} hör nämndernas egna regelfiler", f.path, up.path));
    else if (f.municipality_file)
        l.diags.error("rollup.not-committee", f.committee_pos,
                      fmt::format("{} är en fil för kommunen (namn:), inte för en nämnd; under 'nämnder:' i {} hör filer med 'nämnd:'", f.path, up.path));
    if (f.year != up.year)
        l.diags.error("rollup.year", at(f.year_pos), fmt::format("nämndens år är {}, men {} gäller {}; alla filer i en sammanställning gäller samma år",
                                                                  f.year, up.path, up.year));
    if (f.kind != up.kind)
        l.diags.error("rollup.kind", at(f.kind_pos), fmt::format("nämndens rapport är {}, men {} är {}; alla filer i en sammanställning gäller samma rapport",
                                                                  kind_word(f.kind), up.path, kind_word(up.kind)));
    else if (f.kind == ReportKind::Delar && !(f.period == up.period))
        l.diags.error("rollup.period", at(f.period_pos), fmt::format("nämndens period är {}, men {} gäller {}; alla filer i en sammanställning gäller samma period",
                                                                      f.period.spoken(), up.path, up.period.spoken()));
    load_values(c.file, l.sources, l.diags, {}, l.readable);
    c.model = compile(c.file, l.sources, l.diags);
}

}  // namespace

void load(Loaded& l, const std::string& path, const std::vector<std::string>& data) {
    l.file = load_rule_file(path, l.sources, l.diags);
    if (structure_failed(l.diags)) return;
    // `check` lists every problem: data files and rules are checked even when
    // some part of the rule file has errors (the result is not used then).
    std::vector<const Model*> committees;
    if (l.file.rollup()) {
        for (const CommitteeRef& ref : l.file.committees) {
            bool again = false;
            for (const auto& before : l.committees) again = again || before->file.path == ref.path;
            l.committees.push_back(std::make_unique<Committee>());
            Committee& c = *l.committees.back();
            if (again) l.diags.error("rollup.same-file", ref.pos, fmt::format("{} står redan under 'nämnder:'; varje nämnd har en egen fil", ref.path));
            else load_committee(l, ref, c);
            // A file that could not be read is an empty one to the roll-up (its error is said).
            if (!c.model.file) c.model.file = &c.file;
            committees.push_back(&c.model);
        }
    } else {
        load_values(l.file, l.sources, l.diags, data, l.readable);
    }
    l.model = compile(l.file, l.sources, l.diags, committees);
}

bool rollup_with_data(const Loaded& l, const std::vector<std::string>& data, const std::string& rule, std::ostream& err) {
    if (!l.file.rollup() || data.empty()) return false;
    err << "malkoll: --data kan inte användas med " << rule
        << ": en fil med 'nämnder:' läser varje nämnds värden under 'utfall:' i nämndens egen fil\n";
    return true;
}

std::vector<InputFile> input_files(const Loaded& l) {
    std::vector<InputFile> out;
    for (std::size_t i = 0; i < l.sources.size(); ++i) {
        const SourceFile& f = l.sources.file(static_cast<std::uint32_t>(i));
        out.push_back({f.name(), f.sha256(), f.sheet()});
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
    std::string s = format_number(Decimal{static_cast<double>(errors), 0}, true) + " fel";
    if (warnings) s += ", " + warning_count(warnings);
    return s;
}

std::string warning_count(std::size_t warnings) {
    const std::string n = format_number(Decimal{static_cast<double>(warnings), 0}, true);
    return warnings == 1 ? "1 varning" : n + " varningar";
}

}  // namespace malkoll
