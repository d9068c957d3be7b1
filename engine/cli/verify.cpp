// `malkoll verify RAPPORT.json`: does a JSON report still follow from its
// inputs? Re-reads the files it names, compares their SHA-256, runs the
// assessment again and compares judgement by judgement, then everything else.
#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/cli/pipeline.hpp"
#include "engine/core/json_text.hpp"
#include "engine/core/sha256.hpp"
#include "engine/core/source.hpp"
#include "engine/core/text.hpp"
#include "engine/report/render.hpp"

namespace malkoll {

namespace {

using Json = nlohmann::ordered_json;

std::string text_of(const Json& j) {
    if (j.is_null()) return "null";
    if (j.is_string()) return j.get<std::string>();
    return j.dump();
}

// A result code as people read it in this kind of report (§7), or the text
// as it stands.
std::string label_of(const Json& j, ReportKind kind) {
    static const std::pair<const char*, Outcome> codes[] = {
        {"uppfyllt", Outcome::Uppfyllt}, {"delvis", Outcome::Delvis}, {"ej_uppfyllt", Outcome::EjUppfyllt}, {"ej_bedomd", Outcome::EjBedomd}};
    std::string t = text_of(j);
    for (const auto& [code, outcome] : codes)
        if (t == code) return outcome_label(outcome, kind);
    return t;
}

// The first place where two reports differ, as a path ("goals[1].name"),
// with both values; empty when they are equal.
std::string first_difference(const Json& a, const Json& b, const std::string& path, std::string& was, std::string& now) {
    auto here = [&] {
        was = a.is_string() ? a.get<std::string>() : a.dump();
        now = b.is_string() ? b.get<std::string>() : b.dump();
        if (was.size() > 80) was = was.substr(0, 77) + "…";
        if (now.size() > 80) now = now.substr(0, 77) + "…";
        return path.empty() ? std::string("(hela rapporten)") : path;
    };
    if (a.type() != b.type()) return here();
    if (a.is_object()) {
        auto ia = a.begin(), ib = b.begin();
        for (; ia != a.end() && ib != b.end(); ++ia, ++ib) {
            if (ia.key() != ib.key()) return path + (path.empty() ? "" : ".") + ia.key() + " (ett fält har lagts till, tagits bort eller flyttats)";
            std::string d = first_difference(*ia, *ib, path + (path.empty() ? "" : ".") + ia.key(), was, now);
            if (!d.empty()) return d;
        }
        if (ia != a.end() || ib != b.end()) return here();
        return {};
    }
    if (a.is_array()) {
        for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
            std::string at = fmt::format("{}[{}]", path, i);
            if (b[i].is_object() && b[i].contains("id") && b[i]["id"].is_string()) at += " (" + b[i]["id"].get<std::string>() + ")";
            std::string d = first_difference(a[i], b[i], at, was, now);
            if (!d.empty()) return d;
        }
        if (a.size() != b.size()) {
            was = fmt::format("{} element", a.size());
            now = fmt::format("{} element", b.size());
            return path;
        }
        return {};
    }
    return a == b ? std::string() : here();
}

// Every judgement of a report by "mål ID" / "indikator ID".
std::map<std::string, const Json*> judgements(const Json& report, std::vector<std::string>& order) {
    std::map<std::string, const Json*> out;
    if (!report.contains("goals") || !report["goals"].is_array()) return out;
    for (const auto& g : report["goals"]) {
        // In a roll-up a nämnd's goals and indicators are NÄMND/ID.
        const Json committee = g.value("committee", Json());
        const std::string in = committee.is_string() ? committee.get<std::string>() + "/" : "";
        std::string key = "nämndmål " + in + text_of(g.value("id", Json()));
        out[key] = &g;
        order.push_back(key);
        if (!g.contains("indicators") || !g["indicators"].is_array()) continue;
        for (const auto& i : g["indicators"]) {
            std::string ikey = "indikator " + in + text_of(i.value("id", Json()));
            out[ikey] = &i;
            order.push_back(ikey);
        }
    }
    // The judged kommunmål and målområden.
    for (const auto& [list, word] : {std::pair<const char*, const char*>{"municipal_goals", "kommunmål "}, {"areas", "målområde "}}) {
        if (!report.contains(list) || !report[list].is_array()) continue;
        for (const auto& l : report[list]) {
            std::string key = word + text_of(l.value("id", Json()));
            out[key] = &l;
            order.push_back(key);
        }
    }
    return out;
}


// A name from the report or the disk, as a terminal may show it.
std::string printable(std::string_view s) { return shortened(display_line(s), 120); }

// Line and column (1-based, characters) of byte `at` in `text`.
std::pair<std::size_t, std::size_t> line_col(std::string_view text, std::size_t at) {
    std::size_t line = 1, col = 1;
    for (std::size_t i = 0; i < at && i < text.size(); ++i) {
        if (text[i] == '\n') ++line, col = 1;
        else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
    }
    return {line, col};
}

// What is wrong with the report's shape, as "inputs[2].sha256 ska vara en
// text"; empty when every field verify reads has the type it needs.
std::string shape_problem(const Json& r) {
    if (!r.is_object()) return "rapporten ska vara ett JSON-objekt";
    if (!r.contains("inputs") || !r["inputs"].is_array() || r["inputs"].empty())
        return "rapporten saknar 'inputs' (listan över indatafiler)";
    const Json& inputs = r["inputs"];
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const Json& in = inputs[i];
        if (!in.is_object()) return fmt::format("inputs[{}] ska vara ett objekt med 'path' och 'sha256'", i);
        if (!in.contains("path") || !in["path"].is_string() || in["path"].get_ref<const std::string&>().empty())
            return fmt::format("inputs[{}].path ska vara en sökväg (en text)", i);
        if (!in.contains("sha256") || !in["sha256"].is_string())
            return fmt::format("inputs[{}].sha256 ska vara en text", i);
        const std::string& sha = in["sha256"].get_ref<const std::string&>();
        if (sha.size() != 64 || sha.find_first_not_of("0123456789abcdef") != std::string::npos)
            return fmt::format("inputs[{}].sha256 ska vara 64 hexadecimala tecken", i);
        if (in.contains("sheet") && (!in["sheet"].is_string() || in["sheet"].get_ref<const std::string&>().empty()))
            return fmt::format("inputs[{}].sheet ska vara ett blads namn (en text)", i);
    }
    if (r.contains("engine") && !r["engine"].is_object()) return "'engine' ska vara ett objekt";
    if (r.contains("goals")) {
        const Json& goals = r["goals"];
        if (!goals.is_array()) return "'goals' ska vara en lista";
        for (std::size_t g = 0; g < goals.size(); ++g) {
            if (!goals[g].is_object()) return fmt::format("goals[{}] ska vara ett objekt", g);
            if (!goals[g].contains("indicators")) continue;
            const Json& inds = goals[g]["indicators"];
            if (!inds.is_array()) return fmt::format("goals[{}].indicators ska vara en lista", g);
            for (std::size_t i = 0; i < inds.size(); ++i)
                if (!inds[i].is_object()) return fmt::format("goals[{}].indicators[{}] ska vara ett objekt", g, i);
        }
    }
    return {};
}

// A path verify reads without being told to: relative (from the current
// folder, as assess wrote it) and never up out of it through "..".
bool inside_current_folder(const std::string& path) {
    std::filesystem::path p(path);
    if (p.is_absolute() || p.has_root_name() || p.has_root_directory()) return false;
    for (const auto& part : p)
        if (part == "..") return false;
    return true;
}

int verify_checked(const std::string& report_path, std::string_view json, std::ostream& out, std::ostream& err,
                   const VerifyOptions& options) {
    const std::string name = printable(report_path);
    if (std::size_t at = json_too_deep_at(json, kMaxReportDepth); at != std::string_view::npos) {
        auto [line, col] = line_col(json, at);
        err << fmt::format("{}:{}:{}: fel: rapporten är nästlad djupare än {} nivåer; det är ingen JSON-rapport från malkoll\n",
                           name, line, col, kMaxReportDepth);
        return 1;
    }
    Json report;
    try {
        report = Json::parse(json);
    } catch (const nlohmann::json::parse_error& e) {
        auto [line, col] = line_col(json, e.byte == 0 ? 0 : e.byte - 1);
        err << fmt::format("{}:{}:{}: fel: filen är ingen JSON-rapport från malkoll (ogiltig JSON här)\n", name, line, col);
        return 1;
    }
    if (std::string problem = shape_problem(report); !problem.empty()) {
        err << name << ": fel: " << problem << "; skriv rapporten med 'malkoll assess … --format json'\n";
        return 1;
    }
    // Only the files the report names, and by default only below the
    // current folder: a report from someone else must not make verify read
    // (and quote) any file on this machine.
    std::vector<std::string> paths;
    for (const auto& in : report["inputs"]) paths.push_back(in["path"].get<std::string>());
    bool refused = false;
    for (const auto& path : paths)
        if (!options.allow_any_path && !inside_current_folder(path)) {
            err << name << ": fel: indatafilen " << printable(path)
                << " ligger utanför mappen du står i; verify läser den bara med --tillåt-sökväg\n";
            refused = true;
        }
    if (refused) return 1;

    std::vector<std::string> differences;
    // The engine that wrote it.
    std::string version = report.contains("engine") ? text_of(report["engine"].value("version", Json())) : "okänd";
    if (version.size() > 40) version = version.substr(0, 40) + "…";
    if (version != MALKOLL_VERSION)
        differences.push_back(fmt::format("motorn: rapporten skrevs av malkoll {}, det här är malkoll {}", version, MALKOLL_VERSION));

    // The inputs, byte for byte.
    std::vector<std::string> changed;  // read and different, or unreadable
    for (const auto& in : report["inputs"]) {
        const std::string& path = in["path"].get_ref<const std::string&>();
        const std::string& sha = in["sha256"].get_ref<const std::string&>();
        std::string why;
        auto now = read_file_bytes(path, &why);
        if (!now) {
            differences.push_back(fmt::format("indatafilen {} kan inte läsas: {}", printable(path), why));
            changed.push_back(path);
        } else if (std::string hex = sha256_hex(*now); hex != sha) {
            differences.push_back(fmt::format("indatafilen {} har ändrats (sha256 i rapporten {}…, nu {}…)", printable(path),
                                              sha.substr(0, 12), hex.substr(0, 12)));
            changed.push_back(path);
        }
    }

    // The assessment again, from the files as they are now.
    Loaded l;
    l.readable = &paths;
    // The data files as assess was given them: a workbook with the sheet it read (FIL.xlsx:Blad).
    std::vector<std::string> data;
    for (std::size_t i = 1; i < paths.size(); ++i) {
        const Json& in = report["inputs"][i];
        data.push_back(in.contains("sheet") ? paths[i] + ":" + in["sheet"].get<std::string>() : paths[i]);
    }
    load(l, paths.front(), data);
    if (l.diags.has_errors()) {
        // A file that is not the one the report was built from is not
        // quoted: its problems are counted, never shown line by line.
        Diagnostics shown;
        std::map<std::string, std::size_t> hidden;
        for (const auto& d : l.diags.items()) {
            if (std::find(changed.begin(), changed.end(), d.pos.file) != changed.end()) ++hidden[d.pos.file];
            else shown.add(d.severity, d.code, d.pos, d.message);
        }
        print_diagnostics(shown, l.sources, err);
        for (const auto& [file, n] : hidden)
            err << fmt::format("{}: {} – visas inte, filen är inte den rapporten byggdes på; kör 'malkoll check' på den\n",
                               printable(file), count_line(n, 0));
        differences.push_back(fmt::format("indata har nu fel ({}) och ger ingen rapport", count_line(l.diags.error_count(), 0)));
    } else {
        Assessment a = assess(l.model);
        ReportInput in{a, l.sources, input_files(l)};
        std::ostringstream fresh_text;
        render_json(in, fresh_text);
        Json fresh = Json::parse(fresh_text.str());

        std::vector<std::string> old_order, new_order;
        auto before = judgements(report, old_order);
        auto after = judgements(fresh, new_order);
        const char* fields[][2] = {{"result", "resultat"}, {"rule_result", "regelns resultat"}, {"manual", "manuell"},
                                   {"motivering", "motivering"}, {"justification", "motivering i text"}};
        for (const auto& key : new_order) {
            auto it = before.find(key);
            if (it == before.end()) {
                differences.push_back(fmt::format("{}: finns nu men inte i rapporten", key));
                continue;
            }
            for (const auto& f : fields) {
                Json o = it->second->value(f[0], Json()), n = after[key]->value(f[0], Json());
                if (o != n) {
                    if (std::string(f[0]) == "justification")
                        differences.push_back(fmt::format("{}: motiveringen har ändrats\n    i rapporten: {}\n    nu:          {}", key, text_of(o), text_of(n)));
                    else if (std::string(f[0]) == "result" || std::string(f[0]) == "rule_result")
                        differences.push_back(fmt::format("{}: {} {} → {}", key, f[1], label_of(o, l.file.kind), label_of(n, l.file.kind)));
                    else
                        differences.push_back(fmt::format("{}: {} {} → {}", key, f[1], text_of(o), text_of(n)));
                }
            }
        }
        for (const auto& key : old_order)
            if (!after.count(key)) differences.push_back(fmt::format("{}: finns i rapporten men inte längre i indata", key));
        if (report.value("summary", Json()) != fresh.value("summary", Json()) && differences.empty())
            differences.push_back("summeringen stämmer inte med bedömningarna");
        // Anything else in the report — names, values, traces, the list of
        // inputs — must be what the inputs give too (layout aside).
        if (differences.empty()) {
            std::string was, now;
            std::string where = first_difference(report, fresh, "", was, now);
            if (!where.empty())
                differences.push_back(fmt::format("{} har ändrats i rapporten\n    i rapporten: {}\n    enligt indata: {}", where, was, now));
        }
    }

    if (differences.empty()) {
        out << name << ": rapporten står sig – " << paths.size() << " indatafiler oförändrade, "
            << fmt::format("{} bedömningar desamma.\n", report.contains("goals") ? [&] {
                   std::vector<std::string> o;
                   return judgements(report, o).size();
               }() : 0);
        return 0;
    }
    out << name << ": rapporten följer inte längre av sina indata:\n";
    for (const auto& d : differences) out << "  - " << d << "\n";
    out << fmt::format("{} skillnad{}.\n", differences.size(), differences.size() == 1 ? "" : "er");
    return 1;
}

}  // namespace

int cmd_verify(const std::string& report_path, const VerifyOptions& options, std::ostream& out, std::ostream& err) {
    std::string why;
    auto bytes = read_file_bytes(report_path, &why);
    if (!bytes) {
        err << report_path << ": fel: filen kan inte läsas: " << why << "\n";
        return 1;
    }
    return verify_report_text(report_path, *bytes, out, err, options);
}

int verify_report_text(const std::string& report_path, std::string_view json, std::ostream& out, std::ostream& err,
                       const VerifyOptions& options) {
    // Nothing of the report reaches the messages unchecked: its shape is
    // checked whole before any field is used.
    try {
        return verify_checked(report_path, json, out, err, options);
    } catch (const std::exception&) {
        // Not expected after the checks; a report is never a crash.
        err << report_path << ": fel: rapporten kan inte läsas som en JSON-rapport från malkoll\n";
        return 1;
    }
}

}  // namespace malkoll
