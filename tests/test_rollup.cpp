// The municipality's roll-up (`nämnder:`): every nämnd's file loaded, checked
// and assessed as on its own, its kommunmål matched to the roll-up's by name,
// and the roll-up's levels judged from the nämnders' nämndmål. Each test
// writes its files in a folder of its own and runs the command line there.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>
#include <unistd.h>

#include "tests/cli_run.hpp"
#include "tests/file_io.hpp"

using malkoll::test::slurp;

namespace fs = std::filesystem;
using malkoll::test::run;

namespace {

void spit(const fs::path& p, const std::string& s) {
    fs::create_directories(p.parent_path().empty() ? fs::path(".") : p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << s;
}
std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + what.size())) ++n;
    return n;
}

// A nämnd file with one kommunmål `kommunmal` under the målområde `omrade`
// and its nämndmål, each with one indicator whose 2024 value meets the
// target (>= 10) when it is given as ≥ 10.
std::string committee(const std::string& name, const std::string& omrade, const std::string& kommunmal,
                      const std::vector<std::pair<std::string, int>>& goals, const std::string& head = "år: 2024\nrapport: helår\n") {
    std::string s = "malkoll: 1\nnämnd: " + name + "\n" + head + "målområden:\n  - namn: " + omrade + "\n    kommunmål:\n      - namn: " +
                    kommunmal + "\n        nämndmål:\n";
    for (const auto& [id, value] : goals)
        s += "          - id: " + id + "\n            namn: Målet " + id + "\n            indikatorer:\n              - {id: i-" + id +
             ", namn: Indikatorn " + id + ", riktning: öka, mål: \">= 10\", utfall: {2023: 5, 2024: " + std::to_string(value) + "}}\n";
    return s;
}

const char* kRollup =
    "malkoll: 1\nnamn: Provby kommun\når: 2024\nrapport: helår\nnämnder:\n  aa: nämnder/aa.yaml\n  bb: nämnder/bb.yaml\n"
    "målområden:\n  - namn: Samhälle\n    id: samhalle\n    kommunmål:\n"
    "      - id: tryggt\n        namn: Ett tryggt Provby\n"
    "      - id: ekonomi\n        namn: En hållbar ekonomi\n"
    "        bedömning: |\n          uppfyllt om resultat(aa/a2) är uppfyllt\n          annars ej uppfyllt\n"
    "      - id: tomt\n        namn: Ett mål som ingen nämnd har\n";

struct Folder {
    fs::path home, dir;
    Folder() {
        home = fs::current_path();
        dir = fs::temp_directory_path() / ("malkoll-rollup-" + std::to_string(::getpid()));
        fs::remove_all(dir);
        fs::create_directories(dir);
        fs::current_path(dir);
    }
    ~Folder() {
        fs::current_path(home);
        fs::remove_all(dir);
    }
};

// Two nämnder: aa with a1 (met) under "Ett tryggt Provby" written in another
// case and spacing, a2 (not met) under "En hållbar ekonomi"; bb with b1 (met) under "Ett tryggt Provby".
void standard_files() {
    spit("kommun.yaml", kRollup);
    std::string aa = committee("Nämnd A", "Samhälle", "ett  TRYGGT provby", {{"a1", 12}});
    aa += "      - namn: En hållbar ekonomi\n        nämndmål:\n"
          "          - id: a2\n            namn: Målet a2\n            indikatorer:\n"
          "              - {id: i-a2, namn: Indikatorn a2, riktning: öka, mål: \">= 10\", utfall: {2023: 5, 2024: 3}}\n";
    spit("nämnder/aa.yaml", aa);
    spit("nämnder/bb.yaml", committee("Nämnd B", "Samhälle", "Ett tryggt Provby", {{"b1", 11}}));
}

}  // namespace

TEST_CASE("rollup: kommunmål take the nämndmål of every nämnd under the same name, in nämnder order, and are judged from them") {
    Folder f;
    standard_files();
    auto r = run({"assess", "kommun.yaml", "--format", "json"});
    CAPTURE(r.err);
    REQUIRE(r.exit == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["committee"].is_null());
    CHECK(j["municipality"] == "Provby kommun");
    CHECK(j["committees"][0] == nlohmann::json({{"id", "aa"}, {"name", "Nämnd A"}, {"file", "nämnder/aa.yaml"}}));
    // a1 and b1 under tryggt, in nämnder order; both met: the built-in rule gives uppfyllt.
    const auto& tryggt = j["municipal_goals"][0];
    REQUIRE(tryggt["id"] == "tryggt");
    REQUIRE(tryggt["children"].size() == 2);
    CHECK(tryggt["children"][0]["committee"] == "aa");
    CHECK(tryggt["children"][0]["id"] == "a1");
    CHECK(tryggt["children"][1]["committee"] == "bb");
    CHECK(tryggt["children"][1]["id"] == "b1");
    CHECK(tryggt["result"] == "uppfyllt");
    // A nämnd's goal in `goals` is named by the roll-up's målområde and kommunmål, not the nämnd's spelling.
    CHECK(j["goals"][0]["committee"] == "aa");
    CHECK(j["goals"][0]["municipal_goal"] == "Ett tryggt Provby");
    CHECK(r.out.find("ett  TRYGGT provby") == std::string::npos);
    // resultat(aa/a2): a2 is not met.
    const auto& ekonomi = j["municipal_goals"][1];
    CHECK(ekonomi["result"] == "ej_uppfyllt");
    CHECK(ekonomi["justification"].get<std::string>().find("”Målet a2” (Nämnd A) är ej uppfyllt") != std::string::npos);
    // A kommunmål no nämnd contributes to is ej bedömd.
    CHECK(j["municipal_goals"][2]["result"] == "ej_bedomd");
    CHECK(j["municipal_goals"][2]["justification"] == "Ej bedömd: inget nämndmål hör till målet.");
    CHECK(j["areas"][0]["result"] == "delvis");
    // The summary counts every nämnd's goals and indicators.
    CHECK(j["summary"]["goals"] == nlohmann::json({{"uppfyllt", 2}, {"delvis", 0}, {"ej_uppfyllt", 1}, {"ej_bedomd", 0}}));
    CHECK(j["summary"]["indicators"]["uppfyllt"] == 2);
}

TEST_CASE("rollup: a nämnd's vikt weighs its nämndmål in the roll-up's kommunmål") {
    Folder f;
    spit("kommun.yaml",
         "malkoll: 1\nnamn: Provby kommun\når: 2024\nnämnder:\n  aa: a.yaml\nmålområden:\n  - namn: Samhälle\n    kommunmål:\n"
         "      - id: tryggt\n        namn: Ett tryggt Provby\n        bedömning: |\n          uppfyllt om andel uppfyllt >= 60 %\n"
         "          annars ej uppfyllt\n");
    std::string a = committee("Nämnd A", "Samhälle", "Ett tryggt Provby", {{"met", 12}, {"unmet", 3}});
    // Weight 2 on the met goal: 2 of 3 = 67 % ≥ 60 %.
    a.insert(a.find("            namn: Målet met\n"), "            vikt: 2\n");
    spit("a.yaml", a);
    auto r = run({"explain", "kommun.yaml", "tryggt"});
    CAPTURE(r.err);
    REQUIRE(r.exit == 0);
    CHECK(r.out.find("aa/met: Uppfyllt · vikt 2") != std::string::npos);
    CHECK(r.out.find("Regelns resultat: Uppfyllt") != std::string::npos);
}

TEST_CASE("rollup: explain NÄMND/ID explains a nämnd's goal or indicator from within the roll-up, with suggestions") {
    Folder f;
    standard_files();
    auto r = run({"explain", "kommun.yaml", "bb/b1"});
    CHECK(r.exit == 0);
    CHECK(r.out.find("Nämndmål b1: Målet b1") != std::string::npos);
    CHECK(r.out.find("nämnder/bb.yaml:") != std::string::npos);
    r = run({"explain", "kommun.yaml", "aa/i-a2", "--format", "json"});
    CHECK(r.exit == 0);
    CHECK(r.out.find("\"result\": \"ej_uppfyllt\"") != std::string::npos);
    r = run({"explain", "kommun.yaml", "ab/a1"});
    CHECK(r.exit == 2);
    CHECK(r.err.find("har ingen nämnd 'ab' under 'nämnder:'; menade du 'aa'?") != std::string::npos);
    r = run({"explain", "kommun.yaml", "aa/a3"});
    CHECK(r.exit == 2);
    CHECK(r.err.find("menade du 'a1'?") != std::string::npos);
    // The roll-up's own levels.
    r = run({"explain", "kommun.yaml", "samhalle"});
    CHECK(r.exit == 0);
    CHECK(r.out.find("Målområde samhalle: Samhälle") != std::string::npos);
}

TEST_CASE("rollup: the Markdown and HTML reports hold the roll-up's judgements, then every nämnd's report — every link has its target") {
    Folder f;
    standard_files();
    auto md = run({"assess", "kommun.yaml"});
    REQUIRE(md.exit == 0);
    CHECK(md.out.rfind("# Årsredovisning 2024 – Provby kommun\n", 0) == 0);
    CHECK(md.out.find("| Nämnd A | Målet a1 | Uppfyllt |") != std::string::npos);
    CHECK(md.out.find("| Nämnd B | Målet b1 | Uppfyllt |") != std::string::npos);
    CHECK(md.out.find("| Nämnd A | 1 | 0 | 1 | 0 |") != std::string::npos);  // per nämnd: nämndmål per result
    // Each nämnd's report, its headings one level down, after the summary.
    const auto summary = md.out.find("## Sammanfattning");
    const auto a = md.out.find("\n## Verksamhetsberättelse 2024 – Nämnd A\n");
    CHECK(summary < a);
    CHECK(md.out.find("\n### Målredovisning\n", a) != std::string::npos);
    CHECK(md.out.find("\n##### Nämndmål: Målet a1\n", a) != std::string::npos);

    auto html = run({"assess", "kommun.yaml", "--format", "html"});
    REQUIRE(html.exit == 0);
    const std::string& h = html.out;
    CHECK(h.find("<a href=\"#aa-mal-a1\">Målet a1</a>") != std::string::npos);
    CHECK(h.find("<h2 id=\"bb-rubrik\">Verksamhetsberättelse 2024 – Nämnd B</h2>") != std::string::npos);
    CHECK(h.find("<h5 id=\"bb-mal-b1.rubrik\">") != std::string::npos);
    std::set<std::string> ids, hrefs;
    const std::regex id_re("id=\"([^\"]+)\""), href_re("href=\"#([^\"]+)\"");
    for (auto it = std::sregex_iterator(h.begin(), h.end(), id_re); it != std::sregex_iterator(); ++it) {
        CHECK_MESSAGE(ids.insert((*it)[1]).second, "två element med id " << (*it)[1]);
    }
    for (auto it = std::sregex_iterator(h.begin(), h.end(), href_re); it != std::sregex_iterator(); ++it) hrefs.insert((*it)[1]);
    for (const auto& target : hrefs) CHECK_MESSAGE(ids.count(target), "länken #" << target << " har inget mål");

    auto csv = run({"assess", "kommun.yaml", "--format", "csv"});
    REQUIRE(csv.exit == 0);
    CHECK(csv.out.find(";nämnd\r\n") != std::string::npos);
    CHECK(csv.out.find("\r\nnämndmål;b1;Målet b1;;Samhälle;Ett tryggt Provby;Målet b1;Uppfyllt;") != std::string::npos);
    CHECK(count(csv.out, ";Nämnd A\r\n") == 4);  // a1, i-a1, a2, i-a2
}

TEST_CASE("rollup: verify covers every nämnd's file and names a changed judgement by NÄMND/ID") {
    Folder f;
    standard_files();
    REQUIRE(run({"assess", "kommun.yaml", "--format", "json", "-o", "rapport.json"}).exit == 0);
    const std::string report = slurp("rapport.json");
    CHECK(report.find("\"path\": \"nämnder/aa.yaml\"") != std::string::npos);
    CHECK(report.find("\"path\": \"nämnder/bb.yaml\"") != std::string::npos);
    auto r = run({"verify", "rapport.json"});
    CHECK(r.exit == 0);
    CHECK(r.out.find("3 indatafiler oförändrade") != std::string::npos);
    std::string bb = slurp("nämnder/bb.yaml");
    bb.replace(bb.find("2024: 11"), 8, "2024: 4");
    spit("nämnder/bb.yaml", bb);
    r = run({"verify", "rapport.json"});
    CHECK(r.exit == 1);
    CHECK(r.out.find("indatafilen nämnder/bb.yaml har ändrats") != std::string::npos);
    CHECK(r.out.find("nämndmål bb/b1: resultat Uppfyllt → ") != std::string::npos);
    CHECK(r.out.find("kommunmål tryggt: resultat Uppfyllt → ") != std::string::npos);
}

TEST_CASE("rollup: every problem of a roll-up and its nämnder is an error at its place, never a crash") {
    Folder f;
    spit("kommun.yaml",
         "malkoll: 1\nnamn: Provby kommun\når: 2024\nrapport: delår\nperiod: 2024-08\nnämnder:\n  aa: a.yaml\n  bb: b.yaml\n  cc: c.yaml\n"
         "  dd: d.yaml\n  ee: saknas.yaml\n  ff: a.yaml\nmålområden:\n  - namn: Samhälle\n    kommunmål:\n"
         "      - id: tryggt\n        namn: Ett tryggt Provby\n");
    // a: wrong year; b: no period (the roll-up's is 2024-08), reported at its nämnd:; c: not YAML; d: a kommunmål the roll-up lacks.
    spit("a.yaml", committee("A", "Samhälle", "Ett tryggt Provby", {{"a1", 12}}, "år: 2023\nrapport: delår\nperiod: 2023-08\n"));
    spit("b.yaml", committee("B", "Samhälle", "Ett tryggt Provby", {{"b1", 12}}, "år: 2024\nrapport: helår\n"));
    spit("c.yaml", "malkoll: 1\nnämnd: [C\n");
    spit("d.yaml", committee("D", "Samhälle", "Ett trygt Provby", {{"d1", 12}}, "år: 2024\nrapport: delår\nperiod: 2024-08\n"));
    auto r = run({"check", "kommun.yaml"});
    CAPTURE(r.err);
    CHECK(r.exit == 1);
    CHECK(r.err.find("a.yaml:3:5: fel: nämndens år är 2023, men kommun.yaml gäller 2024") != std::string::npos);
    CHECK(r.err.find("b.yaml:4:10: fel: nämndens rapport är helår, men kommun.yaml är delår") != std::string::npos);
    CHECK(r.err.find("c.yaml:") != std::string::npos);
    CHECK(r.err.find("d.yaml:9:15: fel: kommunmålet 'Ett trygt Provby' finns inte bland kommunmålen i kommun.yaml") != std::string::npos);
    CHECK(r.err.find("menade du 'Ett tryggt Provby'?") != std::string::npos);
    CHECK(r.err.find("kommun.yaml:11:7: fel: nämndens regelfil saknas.yaml finns inte") != std::string::npos);
    CHECK(r.err.find("kommun.yaml:12:7: fel: a.yaml står redan under 'nämnder:'") != std::string::npos);

    // A period that differs, reported at the nämnd file's `period`.
    spit("kommun.yaml",
         "malkoll: 1\nnamn: Provby kommun\når: 2024\nrapport: delår\nperiod: 2024-08\nnämnder:\n  bb: b.yaml\nmålområden:\n"
         "  - namn: Samhälle\n    kommunmål:\n      - id: tryggt\n        namn: Ett tryggt Provby\n");
    spit("b.yaml", committee("B", "Samhälle", "Ett tryggt Provby", {{"b1", 12}}, "år: 2024\nrapport: delår\nperiod: 2024-04\n"));
    r = run({"check", "kommun.yaml"});
    CHECK(r.exit == 1);
    CHECK(r.err.find("b.yaml:5:9: fel: nämndens period är 30 april 2024, men kommun.yaml gäller 31 augusti 2024") != std::string::npos);
}

TEST_CASE("rollup: --data with a roll-up is a usage error — a nämnd directly under a målområde is counted nowhere, with a warning") {
    Folder f;
    standard_files();
    spit("extra.csv", "indikator;period;värde\ni-a1;2024;1\n");
    auto r = run({"assess", "kommun.yaml", "--data", "extra.csv"});
    CHECK(r.exit == 2);
    CHECK(r.err.find("--data kan inte användas med kommun.yaml") != std::string::npos);
    CHECK(r.out.empty());

    std::string bb = slurp("nämnder/bb.yaml");
    bb += "  - namn: Ekonomi\n    nämndmål:\n      - id: b9\n        namn: Ett mål utan kommunmål\n        indikatorer:\n"
          "          - {id: i-b9, namn: Indikatorn b9, riktning: öka, mål: \">= 10\", utfall: {2024: 12}}\n";
    spit("nämnder/bb.yaml", bb);
    r = run({"check", "kommun.yaml"});
    CHECK(r.exit == 0);
    CHECK(r.err.find("varning: nämndmålet 'b9' står direkt under målområdet 'Ekonomi' och räknas därför inte in i något kommunmål") !=
          std::string::npos);
    r = run({"hämta", "kommun.yaml", "--från-katalog", "."});
    CHECK(r.exit == 1);
    CHECK(r.err.find("kommun.yaml:5:1: fel: en fil med 'nämnder:' har inga egna indikatorer; hämta värdena för varje nämnds fil") != std::string::npos);
    auto md = run({"assess", "kommun.yaml"});
    CHECK(md.exit == 0);
    CHECK(md.out.find("Nämndmålet ”Ett mål utan kommunmål” (Nämnd B) står direkt under ett målområde och räknas inte in i något kommunmål.") !=
          std::string::npos);
}

TEST_CASE("rollup: a roll-up has no nämndmål, values or standard rules of its own, and names itself with namn:") {
    Folder f;
    standard_files();
    spit("kommun.yaml",
         "malkoll: 1\nnämnd: Provby kommun\når: 2024\nstandardbedömning: annars uppfyllt\nnämnder:\n  aa: nämnder/aa.yaml\n"
         "målområden:\n  - namn: Samhälle\n    kommunmål:\n      - namn: Ett tryggt Provby\n        nämndmål:\n"
         "          - id: eget\n            namn: Eget\n");
    auto r = run({"check", "kommun.yaml"});
    CHECK(r.exit == 1);
    CHECK(r.err.find("kommun.yaml:2:8: fel: en fil med 'nämnder:' är kommunens egen; skriv 'namn: Provby kommun' i stället för 'nämnd: Provby kommun'") !=
          std::string::npos);
    CHECK(r.err.find("kommun.yaml:4:1: fel: en fil med 'nämnder:' har inga nämndmål, så 'standardbedömning:' används inte") != std::string::npos);
    CHECK(r.err.find("fel: nämndmålet 'eget' hör hemma i en nämnds fil") != std::string::npos);
    CHECK(r.err.find("kommun.yaml:10:9: fel: kommunmålet behöver ett 'id:'") != std::string::npos);
}

TEST_CASE("rollup: two nämnder may share a data file — each reads it for its own indicators") {
    Folder f;
    spit("kommun.yaml",
         "malkoll: 1\nnamn: Provby kommun\når: 2024\nnämnder:\n  aa: a.yaml\n  bb: b.yaml\nmålområden:\n  - namn: Samhälle\n"
         "    id: samhalle\n    kommunmål:\n      - id: tryggt\n        namn: Ett tryggt Provby\n");
    spit("delad.csv", "indikator;period;värde\nx;2023;5\nx;2024;12\n");
    for (const char* n : {"a", "b"})
        spit(std::string(n) + ".yaml", std::string("malkoll: 1\nnämnd: Nämnd ") + n +
                                           "\når: 2024\nutfall: [delad.csv]\nmålområden:\n  - namn: Samhälle\n    kommunmål:\n"
                                           "      - namn: Ett tryggt Provby\n        nämndmål:\n          - id: m\n            namn: M\n"
                                           "            indikatorer:\n              - {id: x, namn: X, riktning: öka, mål: \">= 10\"}\n");
    auto r = run({"assess", "kommun.yaml", "--format", "json"});
    CAPTURE(r.err);
    REQUIRE(r.exit == 0);
    CHECK(count(r.out, "\"path\": \"delad.csv\"") == 2);  // read for each nämnd, listed with it
    CHECK(nlohmann::json::parse(r.out)["summary"]["goals"]["uppfyllt"] == 2);
}

TEST_CASE("rollup: the roll-up and its nämnder have the same skala, and a nämnd's level counts in the roll-up's quantifiers") {
    Folder f;
    const std::string scale =
        "skala:\n"
        "  - {kod: helt, etikett: Helt uppfyllt, som: uppfyllt}\n"
        "  - {kod: i-hög-grad, etikett: I hög grad uppfyllt, som: delvis}\n"
        "  - {kod: delvis, etikett: Delvis uppfyllt, som: delvis, standard: ja}\n"
        "  - {kod: ej, etikett: Ej uppfyllt, som: ej uppfyllt}\n"
        "  - {kod: ej-bedömd, etikett: Kan inte bedömas, som: ej bedömd}\n";
    std::string rollup = kRollup;
    rollup.insert(rollup.find("nämnder:"), scale);
    // The kommunmål counts the nämndmål at the level i-hög-grad only.
    rollup.insert(rollup.find("      - id: ekonomi"), "        bedömning: |\n          helt om antal i-hög-grad = 1\n          annars ej uppfyllt\n");
    spit("kommun.yaml", rollup);
    std::string aa = committee("Nämnd A", "Samhälle", "Ett tryggt Provby", {{"a1", 12}}, "år: 2024\nrapport: helår\n" + scale);
    aa.insert(aa.find("            indikatorer:"), "            manuell: i hög grad uppfyllt\n            motivering: \"Nära.\"\n");
    aa += "      - namn: En hållbar ekonomi\n        nämndmål:\n"
          "          - id: a2\n            namn: Målet a2\n            indikatorer:\n"
          "              - {id: i-a2, namn: Indikatorn a2, riktning: öka, mål: \">= 10\", utfall: {2023: 5, 2024: 12}}\n";
    spit("nämnder/aa.yaml", aa);
    spit("nämnder/bb.yaml", committee("Nämnd B", "Samhälle", "Ett tryggt Provby", {{"b1", 11}}, "år: 2024\nrapport: helår\n" + scale));
    auto r = run({"assess", "kommun.yaml", "--format", "json"});
    CAPTURE(r.err);
    REQUIRE(r.exit == 0);
    const auto j = nlohmann::json::parse(r.out);
    const auto& tryggt = j["municipal_goals"][0];
    REQUIRE(tryggt["id"] == "tryggt");
    CHECK(tryggt["level"] == "helt");
    CHECK(tryggt["children"][0]["level"] == "i-hög-grad");
    CHECK(tryggt["children"][1]["level"] == "helt");
    // A nämnd without the roll-up's skala: an error at its nämnd:, another skala at its skala:.
    spit("nämnder/bb.yaml", committee("Nämnd B", "Samhälle", "Ett tryggt Provby", {{"b1", 11}}));
    r = run({"check", "kommun.yaml"});
    CHECK(r.exit == 1);
    CHECK(r.err.find("nämnder/bb.yaml:2:8: fel: kommun.yaml har en 'skala:' men nämndens fil har ingen") != std::string::npos);
    std::string other = scale;
    other.replace(other.find("Helt uppfyllt"), 13, "Fullt uppfyllt");
    spit("nämnder/bb.yaml", committee("Nämnd B", "Samhälle", "Ett tryggt Provby", {{"b1", 11}}, "år: 2024\nrapport: helår\n" + other));
    r = run({"check", "kommun.yaml"});
    CHECK(r.exit == 1);
    CHECK(r.err.find("nämnder/bb.yaml:5:1: fel: nämndens 'skala:' skiljer sig från den i kommun.yaml") != std::string::npos);
}
