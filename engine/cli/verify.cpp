// `malkoll verify RAPPORT.json`: does a JSON report still follow from its
// inputs? Re-reads the files it names, compares their SHA-256, runs the
// assessment again and compares judgement by judgement, then everything else.
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/cli/pipeline.hpp"
#include "engine/core/sha256.hpp"
#include "engine/core/source.hpp"
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
        std::string key = "nämndmål " + text_of(g.value("id", Json()));
        out[key] = &g;
        order.push_back(key);
        if (!g.contains("indicators") || !g["indicators"].is_array()) continue;
        for (const auto& i : g["indicators"]) {
            std::string ikey = "indikator " + text_of(i.value("id", Json()));
            out[ikey] = &i;
            order.push_back(ikey);
        }
    }
    return out;
}

}  // namespace

int cmd_verify(const std::string& report_path, std::ostream& out, std::ostream& err) {
    std::string why;
    auto bytes = read_file_bytes(report_path, &why);
    if (!bytes) {
        err << report_path << ": fel: filen kan inte läsas: " << why << "\n";
        return 1;
    }
    Json report;
    try {
        report = Json::parse(*bytes);
    } catch (const nlohmann::json::parse_error& e) {
        err << report_path << ": fel: filen är ingen JSON-rapport från malkoll (JSON-fel vid byte " << e.byte << ")\n";
        return 1;
    }
    if (!report.is_object() || !report.contains("inputs") || !report["inputs"].is_array() || report["inputs"].empty()) {
        err << report_path << ": fel: rapporten saknar 'inputs'; skriv den med 'malkoll assess … --format json'\n";
        return 1;
    }

    std::vector<std::string> differences;
    // The engine that wrote it.
    std::string version = report.contains("engine") ? text_of(report["engine"].value("version", Json())) : "okänd";
    if (version != MALKOLL_VERSION)
        differences.push_back(fmt::format("motorn: rapporten skrevs av malkoll {}, det här är malkoll {}", version, MALKOLL_VERSION));

    // The inputs, byte for byte.
    std::vector<std::string> paths;
    for (const auto& in : report["inputs"]) {
        std::string path = text_of(in.value("path", Json()));
        std::string sha = text_of(in.value("sha256", Json()));
        paths.push_back(path);
        auto now = read_file_bytes(path, &why);
        if (!now) differences.push_back(fmt::format("indatafilen {} kan inte läsas: {}", path, why));
        else if (sha256_hex(*now) != sha)
            differences.push_back(fmt::format("indatafilen {} har ändrats (sha256 i rapporten {}…, nu {}…)", path, sha.substr(0, 12),
                                              sha256_hex(*now).substr(0, 12)));
    }

    // The assessment again, from the files as they are now.
    Loaded l;
    std::vector<std::string> data(paths.begin() + 1, paths.end());
    load(l, paths.front(), data);
    if (l.diags.has_errors()) {
        print_diagnostics(l.diags, l.sources, err);
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
        out << report_path << ": rapporten står sig – " << paths.size() << " indatafiler oförändrade, "
            << fmt::format("{} bedömningar desamma.\n", report.contains("goals") ? [&] {
                   std::vector<std::string> o;
                   return judgements(report, o).size();
               }() : 0);
        return 0;
    }
    out << report_path << ": rapporten följer inte längre av sina indata:\n";
    for (const auto& d : differences) out << "  - " << d << "\n";
    out << fmt::format("{} skillnad{}.\n", differences.size(), differences.size() == 1 ? "" : "er");
    return 1;
}

}  // namespace malkoll
