// Nyckeltal (docs/regelfil.md, Nyckeltal utan bedömning): rows loaded through
// the indicators' value path (positions, errors, data files), never judged or
// counted, and shown by every report format.
#include <doctest/doctest.h>

#include <memory>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/assess/assess.hpp"
#include "engine/compile/model.hpp"
#include "engine/load/data_file.hpp"
#include "engine/load/rule_file.hpp"
#include "engine/report/render.hpp"
#include "tests/cli_run.hpp"

using namespace malkoll;
using malkoll::test::run;

namespace {

// One goal with one indicator (lines 1–17), then what a test adds.
const char* kHead =
    "malkoll: 1\n"
    "nämnd: Testnämnden\n"
    "år: 2024\n"
    "målområden:\n"
    "  - namn: Samhälle\n"
    "    kommunmål:\n"
    "      - namn: Ett tryggt Linköping\n"
    "        nämndmål:\n"
    "          - id: mål-ett\n"
    "            namn: Mål ett\n"
    "            indikatorer:\n"
    "              - id: våldsfrågor\n"
    "                namn: Andel som fått frågor om våld\n"
    "                enhet: \"%\"\n"
    "                riktning: öka\n"
    "                mål: \"minst 15 %\"\n"
    "                utfall: {2023: \"10 %\", 2024: \"17 %\"}\n";  // line 17

// A table of two rows from line 18: a share and sub-rows.
const char* kTable =
    "nyckeltal:\n"                                                             // 18
    "  - rubrik: Volymutveckling\n"                                            // 19
    "    kolumnrubrik: \"Basuppdrag (volymmått)\"\n"                           // 20
    "    rader:\n"                                                             // 21
    "      - id: aktualiseringar\n"                                            // 22
    "        namn: Antal aktualiseringar 0-20 år\n"                            // 23
    "        ackumulerad: ja\n"                                                // 24
    "        andel: flickor\n"                                                 // 25
    "        kalla: Qliksense\n"                                               // 26
    "        utfall:\n"                                                        // 27
    "          2023: {totalt: \"3807\", flickor: \"43 %\"}\n"                  // 28
    "          2024: {totalt: \"4166\", flickor: \"45 %\"}\n"                  // 29
    "      - id: ärenden\n"                                                    // 30
    "        namn: Antal pågående ärenden\n"                                   // 31
    "        serier: [IFO, LSS]\n"                                             // 32
    "        andel: flickor\n"                                                 // 33
    "        mal: \"högst 3 000\"\n"                                           // 34
    "        utfall:\n"                                                        // 35
    "          2024: {IFO: \"2226\", IFO flickor: \"44 %\", LSS: \"470\"}\n";  // 36

// The stages as `malkoll assess` runs them, on text; the assessment points into the file and model.
struct Built {
    SourceSet sources;
    Diagnostics diags;
    RuleFile file;
    Model model;
    Assessment a;
    ReportInput input() const { return ReportInput{a, sources, {}}; }
};

std::unique_ptr<Built> build(const std::string& yaml, const std::string& csv = {}) {
    auto b = std::make_unique<Built>();
    b->file = load_rule_text("input", yaml, b->sources, b->diags);
    if (!csv.empty()) load_data_text("input.csv", csv, b->file, b->sources, b->diags);
    b->model = compile(b->file, b->sources, b->diags);
    REQUIRE_FALSE(b->diags.has_errors());
    b->a = assess(b->model);
    return b;
}

// Every problem of loading and compiling, sorted, as "FILE:LINE:COL: message".
std::vector<std::string> problems(const std::string& yaml, const std::string& csv = {}) {
    SourceSet sources;
    Diagnostics diags;
    RuleFile f = load_rule_text("input", yaml, sources, diags);
    if (!csv.empty()) load_data_text("input.csv", csv, f, sources, diags);
    compile(f, sources, diags);
    diags.sort();
    std::vector<std::string> out;
    for (const auto& d : diags.items())
        out.push_back(d.pos.file + ":" + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + ": " + d.message);
    return out;
}

template <class Render>
std::string render(const Built& b, Render r) {
    std::ostringstream out;
    r(b.input(), out);
    return out.str();
}

}  // namespace

TEST_CASE("nyckeltal: rows load with their keys (ASCII spellings too) and their values where they are written") {
    auto b = build(std::string(kHead) + kTable);
    const RuleFile& f = b->file;
    REQUIRE(f.key_figure_tables.size() == 1);
    CHECK(f.key_figure_tables[0].heading == "Volymutveckling");
    CHECK(f.key_figure_tables[0].column_heading == "Basuppdrag (volymmått)");
    CHECK(f.key_figure_tables[0].first_row == 0);
    CHECK(f.key_figure_tables[0].end_row == 2);
    REQUIRE(f.key_figures.size() == 2);
    const KeyFigureRow& r0 = f.key_figures[0];
    CHECK(r0.id == "aktualiseringar");
    CHECK(r0.pos.line == 22);
    CHECK(r0.pos.col == 13);
    CHECK(r0.accumulated);
    CHECK(r0.share == "flickor");
    CHECK(r0.data_source == "Qliksense");  // `kalla` is `källa`
    CHECK(f.key_figures[1].target == "högst 3 000");  // `mal` is `mål`
    CHECK(f.key_figures[1].share_of("IFO") == "IFO flickor");
    CHECK(f.key_figures[1].share_of("") == "flickor");

    // The values are owned after the indicator's, in the one store, at their places.
    CHECK(f.key_figure_owner(0) == 1);
    const DataValue* v = f.values.find(f.key_figure_owner(0), Period{2024, 0}, "");
    REQUIRE(v);
    CHECK(f.values.text(*v) == "4166");
    CHECK(f.values.position(*v).line == 29);
    CHECK(f.values.position(*v).col == 26);
    const DataValue* share = f.values.find(f.key_figure_owner(1), Period{2024, 0}, "IFO flickor");
    REQUIRE(share);
    CHECK(f.values.text(*share) == "44 %");
    CHECK(f.values.position(*share).line == 36);
    // The indicator keeps its own values.
    auto [ib, ie] = f.values.of_indicator(0);
    CHECK(ie - ib == 2);
}

TEST_CASE("nyckeltal: errors are where they are written, with 'menade du' for a near name") {
    const std::string head(kHead);
    // A misspelt key of a row and of a table.
    auto p = problems(head + "nyckeltal:\n  - rubrik: V\n    rader:\n      - id: a\n        namn: A\n        andl: kvinnor\n");
    REQUIRE(p.size() == 1);
    CHECK(p[0] == "input:23:9: okänd nyckel 'andl' i nyckeltalet; menade du 'andel'?");
    p = problems(head + "nyckeltal:\n  - rubirk: V\n    rader:\n      - id: a\n        namn: A\n");
    REQUIRE(p.size() == 2);
    CHECK(p[0] == "input:19:5: okänd nyckel 'rubirk' i nyckeltalstabellen; menade du 'rubrik'?");
    CHECK(p[1] == "input:19:5: nyckeltalstabellen saknar den obligatoriska nyckeln 'rubrik:'");
    // A value as an indicator's: the same parser, the same message, at the character.
    p = problems(head + "nyckeltal:\n  - rubrik: V\n    rader:\n      - id: a\n        namn: A\n        utfall: {2024: \"17 procent\"}\n");
    REQUIRE(p.size() == 1);
    CHECK(p[0].rfind("input:23:28: okänd enhet 'procent'", 0) == 0);
    // One id space with goals and indicators.
    p = problems(head + "nyckeltal:\n  - rubrik: V\n    rader:\n      - id: våldsfrågor\n        namn: A\n");
    REQUIRE(p.size() == 1);
    CHECK(p[0] == "input:21:13: id 'våldsfrågor' används redan på rad 12; mål, indikatorer och nyckeltal ska ha olika id");
    // The share is no row of its own.
    p = problems(head + "nyckeltal:\n  - rubrik: V\n    rader:\n      - id: a\n        namn: A\n        serier: [IFO, LSS]\n        andel: lss\n");
    REQUIRE(p.size() == 1);
    CHECK(p[0].rfind("input:24:16: 'lss' står i 'serier:' och är en egen rad", 0) == 0);
    // A series the table would not show: at its first value, with the nearest name.
    p = problems(head + kTable + "          2023: {IFO: \"2088\", IFO flicor: \"45 %\"}\n");
    REQUIRE(p.size() == 1);
    CHECK(p[0] == "input:37:43: serien 'IFO flicor' visas inte i nyckeltalet 'ärenden': den står inte i 'serier:' och är ingen av "
                  "andelarna ('flickor', 'IFO flickor', 'LSS flickor'); menade du 'IFO flickor'?");
    // A table without rows.
    p = problems(head + "nyckeltal:\n  - rubrik: V\n    rader: []\n");
    REQUIRE(p.size() == 1);
    CHECK(p[0].rfind("input:20:12: 'rader:' ska vara en lista med minst ett nyckeltal", 0) == 0);
    // An empty heading.
    p = problems(head + "nyckeltal:\n  - rubrik: \"\"\n    rader:\n      - id: a\n        namn: A\n");
    REQUIRE(p.size() == 1);
    CHECK(p[0] == "input:19:13: 'rubrik:' får inte vara tom; den blir tabellens rubrik i rapporten");
    // Not a list of tables.
    p = problems(head + "nyckeltal: Volymutveckling\n");
    REQUIRE(p.size() == 1);
    CHECK(p[0].rfind("input:18:12: 'nyckeltal:' ska vara en lista", 0) == 0);
}

TEST_CASE("nyckeltal: a data file names a row by its id, with the same checks as for an indicator") {
    const std::string csv =
        "indikator;period;serie;värde;kommentar;källa\n"
        "ärenden;2023;IFO;2088;;Treserva\n"
        "ärenden;2023;IFO flickor;45 %;;\n"
        "aktualiseringar;2024;;4167;;\n"        // the rule file has it: a duplicate
        "ärenden;2024;LSS kvinnor;37 %;;\n"     // not shown
        "ärendena;2024;;1;;\n";                 // unknown, near a nyckeltal's id
    auto p = problems(std::string(kHead) + kTable, csv);
    REQUIRE(p.size() == 3);
    CHECK(p[0] == "input.csv:4:23: värdet för aktualiseringar 2024 finns redan på input:29");
    CHECK(p[1].rfind("input.csv:5:26: serien 'LSS kvinnor' visas inte i nyckeltalet 'ärenden'", 0) == 0);
    CHECK(p[2] == "input.csv:6:1: okänd indikator 'ärendena' (menade du 'ärenden'?)");

    auto b = build(std::string(kHead) + kTable, "indikator;period;serie;värde;källa\närenden;2023;IFO;2088;Treserva\n");
    const DataValue* v = b->file.values.find(b->file.key_figure_owner(1), Period{2023, 0}, "IFO");
    REQUIRE(v);
    CHECK(b->file.values.file_name(*v) == "input.csv");
    CHECK(b->file.values.data_source(*v) == "Treserva");
}

TEST_CASE("nyckeltal: never judged, never counted in a goal or the summary, and no rule or explain reads one") {
    auto b = build(std::string(kHead) + kTable);
    CHECK(b->model.indicators.size() == 1);
    CHECK(b->a.indicators.size() == 1);
    CHECK(b->a.goals.size() == 1);
    int indicators = 0, goals = 0;
    for (int k = 0; k < 4; ++k) indicators += b->a.indicator_counts.by_outcome[k], goals += b->a.goal_counts.by_outcome[k];
    CHECK(indicators == 1);
    CHECK(goals == 1);
    CHECK(b->a.goals[0].result == Outcome::Uppfyllt);

    const std::string json = render(*b, render_json);
    auto j = nlohmann::ordered_json::parse(json);
    CHECK(j["summary"]["indicators"]["uppfyllt"] == 1);
    CHECK(j["goals"][0]["indicators"].size() == 1);
    // The same file without its nyckeltal judges and counts exactly the same.
    auto without = build(kHead);
    auto k = nlohmann::ordered_json::parse(render(*without, render_json));
    CHECK(j["goals"] == k["goals"]);
    CHECK(j["summary"] == k["summary"]);
    CHECK(k["key_figures"] == nlohmann::ordered_json::array());
    const std::string md = render(*b, render_markdown), md_without = render(*without, render_markdown);
    CHECK(md.substr(md.find("## Sammanfattning")) == md_without.substr(md_without.find("## Sammanfattning")));

    // resultat(…) and indikator(…) name goals and indicators only.
    std::string goal_rule = std::string(kHead);
    goal_rule.insert(goal_rule.find("            indikatorer:"), "            bedömning: \"uppfyllt om resultat(ärenden) är uppfyllt\"\n");
    auto p = problems(goal_rule + kTable);
    REQUIRE(p.size() == 1);
    CHECK(p[0] == "input:11:46: resultat('ärenden'): 'ärenden' är ett nyckeltal (under 'nyckeltal:'); nyckeltal bedöms inte och har inget resultat att läsa");
    goal_rule = std::string(kHead);
    goal_rule.insert(goal_rule.find("            indikatorer:"), "            bedömning: \"uppfyllt om indikator(ärenden) är uppfyllt\"\n");
    p = problems(goal_rule + kTable);
    REQUIRE(p.size() == 1);
    CHECK(p[0] == "input:11:47: målet 'mål-ett' har ingen indikator 'ärenden'; det är ett nyckeltal, och nyckeltal bedöms inte och räknas inte i något mål");

    auto r = run({"explain", "fixtures/nyckeltal.yaml", "aktualiseringar"});
    CHECK(r.exit == 2);
    CHECK(r.err == "malkoll: 'aktualiseringar' i fixtures/nyckeltal.yaml är ett nyckeltal; nyckeltal bedöms inte, så det finns ingen bedömning att förklara\n");
}

TEST_CASE("nyckeltal: Markdown shows each table as a section after the indicators, with shares, sub-rows and a target column") {
    auto b = build(std::string(kHead) + kTable);
    const std::string md = render(*b, render_markdown);
    const auto indicators = md.find("## Nämndindikatorer");
    const auto table = md.find("## Volymutveckling");
    const auto summary = md.find("## Sammanfattning");
    REQUIRE(table != std::string::npos);
    CHECK(indicators < table);
    CHECK(table < summary);
    CHECK(md.find("| Basuppdrag (volymmått) | 2023 | 2024 | Målvärde |\n|---|---|---|---|\n") != std::string::npos);
    CHECK(md.find("| Antal aktualiseringar 0-20 år, ackumulerat[^1] | 3 807 (43 %) | 4 166 (45 %) |  |\n") != std::string::npos);
    CHECK(md.find("| Antal pågående ärenden |  |  | högst 3 000 |\n| ↳ IFO |  | 2 226 (44 %) |  |\n| ↳ LSS |  | 470 |  |\n") != std::string::npos);
    CHECK(md.find("Siffran inom parentes anger andelen flickor.\n\n[^1]: Källa: Qliksense.\n") != std::string::npos);
    // No target: no Målvärde column; a helår: no Prognos column.
    auto plain = build(std::string(kHead) + "nyckeltal:\n  - rubrik: Personal\n    rader:\n      - id: anställda\n        namn: Antal anställda\n"
                                            "        utfall: {2024: \"1465\"}\n");
    const std::string md2 = render(*plain, render_markdown);
    CHECK(md2.find("## Personal\n\n| Personal | 2024 |\n|---|---|\n| Antal anställda | 1 465 |\n") != std::string::npos);
    CHECK(md2.find("Siffran inom parentes") == std::string::npos);
}

TEST_CASE("nyckeltal: a delår has a Prognos column when a row has a forecast, and values after the period are not shown") {
    std::string yaml = kHead;
    yaml.replace(yaml.find("år: 2024\n"), 9, "år: 2024\nrapport: delår\nperiod: 2024-08\n");
    yaml += "nyckeltal:\n  - rubrik: V\n    rader:\n      - id: a\n        namn: A\n"
            "        utfall: {2023: \"3807\", 2024-08: \"2790\", 2024: {prognos: \"4200\"}, 2024-10: \"3500\"}\n";
    SourceSet sources;
    Diagnostics diags;
    RuleFile f = load_rule_text("input", yaml, sources, diags);
    // The indicator's 2024 is after the period too: one notice each, no error.
    REQUIRE(diags.items().size() == 2);
    CHECK_FALSE(diags.has_errors());
    CHECK(diags.items()[1].message == "värdet för a 2024-10 används inte: 2024-10 är efter rapportperioden 2024-08");
    auto b = build(yaml);
    const std::string md = render(*b, render_markdown);
    CHECK(md.find("| V | 2023 | 31 aug. 2024 | Prognos 2024 |\n|---|---|---|---|\n| A | 3 807 | 2 790 | 4 200 |\n") != std::string::npos);
}

TEST_CASE("nyckeltal: HTML, CSV and JSON show the same tables") {
    auto b = build(std::string(kHead) + kTable);
    const std::string html = render(*b, render_html);
    CHECK(html.find("<li><a href=\"#nyckeltal-1\">Volymutveckling</a></li>") != std::string::npos);
    CHECK(html.find("<h2 id=\"nyckeltal-1\">Volymutveckling</h2>") != std::string::npos);
    CHECK(html.find("<tr><th scope=\"col\">Basuppdrag (volymmått)</th><th scope=\"col\" class=\"tal\">2023</th>") != std::string::npos);
    CHECK(html.find("<td class=\"tal\"><span class=\"varde\">3\u00a0807</span> <span class=\"varde\">(43\u00a0%)</span></td>") != std::string::npos);
    CHECK(html.find("<tr class=\"serie\"><th scope=\"row\"><span aria-hidden=\"true\">↳ </span>IFO</th>") != std::string::npos);
    CHECK(html.find("<ol class=\"fotnoter\" start=\"1\">") != std::string::npos);

    const std::string csv = render(*b, render_csv);
    CHECK(csv.find("\r\nnyckeltal;aktualiseringar;Antal aktualiseringar 0-20 år;totalt;Volymutveckling;;;;;;;;;;;;;3807;4166;;Qliksense;;;\r\n") !=
          std::string::npos);
    CHECK(csv.find("\r\nnyckeltalsserie;aktualiseringar;Antal aktualiseringar 0-20 år;flickor;Volymutveckling;;;;;;;;;%;;;;43;45;;;;;\r\n") !=
          std::string::npos);
    CHECK(csv.find("\r\nnyckeltal;ärenden;Antal pågående ärenden;totalt;Volymutveckling;;;;;;;;;;;;högst 3 000;;;;;;;\r\n") != std::string::npos);
    CHECK(csv.find("\r\nnyckeltalsserie;ärenden;Antal pågående ärenden;IFO flickor;Volymutveckling;;;;;;;;;%;;;;;44;;;;;\r\n") != std::string::npos);
    // The main line of ärenden has no share: no row for it.
    CHECK(csv.find(";ärenden;Antal pågående ärenden;flickor;") == std::string::npos);

    auto j = nlohmann::ordered_json::parse(render(*b, render_json));
    const auto& kf = j["key_figures"];
    REQUIRE(kf.size() == 1);
    std::vector<std::string> keys;
    for (auto it = kf[0].begin(); it != kf[0].end(); ++it) keys.push_back(it.key());
    CHECK(keys == std::vector<std::string>{"committee", "heading", "column_heading", "rows"});
    CHECK(kf[0]["committee"].is_null());
    CHECK(kf[0]["column_heading"] == "Basuppdrag (volymmått)");
    REQUIRE(kf[0]["rows"].size() == 2);
    const auto& row = kf[0]["rows"][1];
    keys.clear();
    for (auto it = row.begin(); it != row.end(); ++it) keys.push_back(it.key());
    CHECK(keys == std::vector<std::string>{"id", "name", "unit", "series", "share", "target", "accumulated", "data_source", "definition", "values"});
    CHECK(row["series"] == nlohmann::ordered_json::array({"IFO", "LSS"}));
    CHECK(row["share"] == "flickor");
    CHECK(row["target"] == "högst 3 000");
    CHECK(row["accumulated"] == false);
    REQUIRE(row["values"].size() == 3);
    // In report order: the `serier`, then the shares.
    CHECK(row["values"][1]["series"] == "LSS");
    CHECK(row["values"][2]["series"] == "IFO flickor");
    CHECK(row["values"][2]["value"] == 44);
    CHECK(row["values"][2]["text"] == "44 %");
    CHECK(row["values"][2]["source"] == "input:36");
    // The values are the indicators' value objects, key for key.
    const auto& ind_value = j["goals"][0]["indicators"][0]["values"][0];
    std::vector<std::string> a, c;
    for (auto it = ind_value.begin(); it != ind_value.end(); ++it) a.push_back(it.key());
    for (auto it = row["values"][0].begin(); it != row["values"][0].end(); ++it) c.push_back(it.key());
    CHECK(a == c);
}

TEST_CASE("nyckeltal: a budget shows them, a roll-up has none of its own, and output is the same every run") {
    std::string yaml = kHead;
    yaml.replace(yaml.find("år: 2024\n"), 9, "år: 2024\nrapport: budget\n");
    auto b = build(yaml + kTable);
    const std::string md = render(*b, render_markdown);
    CHECK(md.find("## Volymutveckling") != std::string::npos);
    const std::string csv = render(*b, render_csv);
    CHECK(csv.find("målvärde 2024") != std::string::npos);
    CHECK(csv.find("\r\nnyckeltal;ärenden;Antal pågående ärenden;totalt;Volymutveckling;;;;;;;;;;;;högst 3 000;") != std::string::npos);
    CHECK(render(*b, render_html) == render(*b, render_html));
    CHECK(render(*b, render_json) == render(*b, render_json));

    auto p = problems("malkoll: 1\nnamn: Exempelby kommun\når: 2024\nnämnder:\n  son: son.yaml\nmålområden: []\n"
                      "nyckeltal:\n  - rubrik: V\n    rader:\n      - id: a\n        namn: A\n");
    REQUIRE_FALSE(p.empty());
    CHECK(p.back() == "input:7:1: en fil med 'nämnder:' har inga egna värden; 'nyckeltal:' hör hemma i nämndernas filer");
}
