// `malkoll verify RAPPORT.json`: does a JSON report still follow from its
// inputs? Re-reads the files it names, compares their SHA-256, runs the
// assessment again and compares judgement by judgement.
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/cli/pipeline.hpp"
#include "engine/core/sha256.hpp"
#include "engine/report/render.hpp"

namespace malkoll {

namespace {

using Json = nlohmann::ordered_json;

std::string text_of(const Json& j) {
    if (j.is_null()) return "null";
    if (j.is_string()) return j.get<std::string>();
    return j.dump();
}

// A result code as people read it (§7), or the text as it stands.
std::string label_of(const Json& j) {
    static const std::pair<const char*, const char*> labels[] = {
        {"uppfyllt", "Uppfyllt"}, {"delvis", "Delvis uppfyllt"}, {"ej_uppfyllt", "Ej uppfyllt"}, {"ej_bedomd", "Ej bedömd"}};
    std::string t = text_of(j);
    for (const auto& [code, label] : labels)
        if (t == code) return label;
    return t;
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
    auto bytes = read_file_bytes(report_path);
    if (!bytes) {
        err << report_path << ": fel: filen kan inte läsas (finns den?)\n";
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
        auto now = read_file_bytes(path);
        if (!now) differences.push_back(fmt::format("indatafilen {} kan inte läsas (finns den?)", path));
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
                        differences.push_back(fmt::format("{}: {} {} → {}", key, f[1], label_of(o), label_of(n)));
                    else
                        differences.push_back(fmt::format("{}: {} {} → {}", key, f[1], text_of(o), text_of(n)));
                }
            }
        }
        for (const auto& key : old_order)
            if (!after.count(key)) differences.push_back(fmt::format("{}: finns i rapporten men inte längre i indata", key));
        if (report.value("summary", Json()) != fresh.value("summary", Json()) && differences.empty())
            differences.push_back("summeringen stämmer inte med bedömningarna");
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
