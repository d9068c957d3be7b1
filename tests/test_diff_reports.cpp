// `malkoll diff GAMMAL.json NY.json`: what changed between two JSON reports
// (docs/revisorsguide.md, section 4). The reports are written by the command
// line inside each test, from the 2023 and 2024 fixtures (fixtures/diff/) and
// from copies of them with values changed, the way an auditor gets them.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <stdlib.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/core/json_text.hpp"
#include "engine/core/sha256.hpp"
#include "engine/report/report_diff.hpp"
#include "tests/cli_run.hpp"
#include "tests/temp_dir.hpp"
#include "tests/file_io.hpp"

using malkoll::test::slurp;
using malkoll::test::spit;

using malkoll::test::TempDir;

namespace fs = std::filesystem;
using malkoll::test::run;

namespace {

// A folder of its own per test, removed after it.

// `malkoll assess RULES --format json -o OUT`, which must succeed.
void report(const std::string& rules, const std::string& out) {
    auto r = run({"assess", rules, "--format", "json", "-o", out});
    CAPTURE(r.err);
    REQUIRE(r.exit == 0);
}

std::string replaced(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
    return s;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t p = haystack.find(needle); p != std::string::npos; p = haystack.find(needle, p + needle.size())) ++n;
    return n;
}

const std::string kFixtures = "fixtures/diff/";

// Lines of one "## title" section (up to the next one).
std::string section(const std::string& md, const std::string& title) {
    const std::size_t at = md.find("\n## " + title + "\n");
    if (at == std::string::npos) return "";
    const std::size_t end = md.find("\n## ", at + 1);
    return md.substr(at + 1, end == std::string::npos ? std::string::npos : end - at - 1);
}

}  // namespace

TEST_CASE("diff of reports: 2023 and 2024 list changed judgements, restated values, added, removed and moved") {
    TempDir dir;
    report(kFixtures + "son-2023.yaml", (dir / "son-2023.json").string());
    report(kFixtures + "son-2024.yaml", (dir / "son-2024.json").string());
    auto md = run({"diff", (dir / "son-2023.json").string(), (dir / "son-2024.json").string()});
    auto js = run({"diff", (dir / "son-2023.json").string(), (dir / "son-2024.json").string(), "--format", "json"});
    CHECK(md.exit == 0);
    CHECK(js.exit == 0);
    CHECK(md.err.empty());
    // The goldens beside their inputs (tools/regen-golden.sh), with the reports named without their folder.
    const std::string folder = dir.path.string() + "/";
    CHECK(replaced(md.out, folder, "") == slurp(kFixtures + "son-2023-2024-rapporter.md"));
    CHECK(replaced(js.out, folder, "") == slurp(kFixtures + "son-2023-2024-rapporter.json"));

    const std::string& out = md.out;
    CHECK(out.rfind("# Ändringar från rapporten 2023 till rapporten 2024, Social- och omsorgsnämnden\n", 0) == 0);
    // Judgements, with both labels; the manual one marked.
    const std::string judged = section(out, "Ändrade bedömningar");
    for (const char* line : {
             "- Nämndmålet ”Hållbar ekonomi” (`hållbar-ekonomi`): Uppfyllt → Ej uppfyllt (manuell)\n",
             "- Indikatorn ”Andelen konsulentstödda familjehem i relation till arvoderade familjehem” (`konsulentstödda-familjehem`): "
             "Uppfyllt → Ej uppfyllt\n",
             "- Indikatorn ”Utredningstid barn och unga SoL/LSS, median, antal dagar” (`utredningstid-barn-unga`): Uppfyllt → "
             "Delvis uppfyllt\n",
             "- Indikatorn ”Personalavgångar externt %” (`personalavgångar-externt`): Ej uppfyllt → Uppfyllt\n",
         }) {
        CAPTURE(line);
        CHECK(count(judged, line) == 1);
    }
    // An unchanged judgement is not listed.
    CHECK(judged.find("våldsfrågor") == std::string::npos);
    // Values restated for a year both reports show, as written on both sides.
    const std::string values = section(out, "Ändrade värden");
    CHECK(count(values, "### Personalavgångar externt % (`personalavgångar-externt`)\n\n- 2022: `11,1 %` → `i.u.`\n"
                        "- 2023: `11,8 %` → `11,7 %`\n") == 1);
    CHECK(count(values, "- 2023, `R9`: `i.u.` (Kolada aug 2024) → `1 154 kr/inv`\n") == 1);
    // Not: the new year's values, the year that fell out, a note that changed on a missing value.
    for (const char* s : {"- 2024", "- 2021", "mätning"}) {
        CAPTURE(s);
        CHECK(values.find(s) == std::string::npos);
    }
    CHECK(count(out, "## Nya indikatorer\n\n- ”Antal arbetsmarknadsplatser” (`arbetsmarknadsplatser`) under nämndmålet "
                     "”Nya vägar för kompetensförsörjning”, bedömning: Ej bedömd\n") == 1);
    CHECK(count(out, "## Borttagna indikatorer\n\n- ”Antal gynnande beslut enligt SoL och LSS som inte verkställts inom tre månader” "
                     "(`ej-verkställda-beslut`) under nämndmålet ”Vård, stöd och omsorgstjänster med hög kvalitet”, bedömning: Uppfyllt\n") == 1);
    CHECK(count(out, "- ”Andel heltidsanställningar (%)” (`heltidsanställningar`) från nämndmålet ”Nya vägar för kompetensförsörjning” "
                     "till nämndmålet ”Goda arbetsplatser”\n") == 1);
    CHECK(count(out, "- Mål: `90 %` → `100 %`\n") == 1);
    CHECK(count(out, "- Beslut: ”SN 2022-11-23 § 162” → ”SN 2023-11-22 § 145”\n") == 1);
    CHECK(count(out, "- Regelfilen: `fixtures/diff/son-2023.yaml` (sha256 `") == 1);

    // The JSON says the same, entry for entry.
    const auto j = nlohmann::json::parse(js.out);
    CHECK(j["old"]["year"] == 2023);
    CHECK(j["new"]["year"] == 2024);
    std::size_t entries = 0;
    for (const char* key : {"inputs", "report", "judgements", "values", "added", "removed", "moved", "fields"}) entries += j[key].size();
    CHECK(j["count"] == entries);
    CHECK(j["judgements"].size() == count(judged, "\n- "));
    CHECK(j["values"].size() == count(values, "\n- "));
    const auto& ekonomi = j["judgements"][1];
    CHECK(ekonomi["kind"] == "nämndmål");
    CHECK(ekonomi["id"] == "hållbar-ekonomi");
    CHECK(ekonomi["old"] == nlohmann::json::parse(R"({"result": "uppfyllt", "level": null, "label": "Uppfyllt", "manual": false})"));
    CHECK(ekonomi["new"] == nlohmann::json::parse(R"({"result": "ej_uppfyllt", "level": null, "label": "Ej uppfyllt", "manual": true})"));
    const auto& restated = j["values"][5];
    CHECK(restated["id"] == "personalavgångar-externt");
    CHECK(restated["period"] == "2023");
    CHECK(restated["change"] == "ändrat");
    CHECK(restated["old"]["value"] == 11.8);
    CHECK(restated["old"]["text"] == "11,8 %");
    CHECK(restated["new"]["value"] == 11.7);
    CHECK(j["added"][0]["id"] == "arbetsmarknadsplatser");
    CHECK(j["added"][0]["place"]["goal"] == "kompetensförsörjning");
    CHECK(j["removed"][0]["id"] == "ej-verkställda-beslut");
    CHECK(j["moved"][0]["old_place"]["goal"] == "kompetensförsörjning");
    CHECK(j["moved"][0]["new_place"]["goal"] == "goda-arbetsplatser");

    // Deterministic: the same reports give the same bytes.
    CHECK(run({"diff", (dir / "son-2023.json").string(), (dir / "son-2024.json").string()}).out == md.out);
}

// The issue: an auditor comparing two versions of the 2024 rules saw
// "Inga ändringar." when a 2023 value had been restated.
TEST_CASE("diff of reports: a restated 2023 value and what it changed are listed, and the rule files' diff lists it too") {
    TempDir dir;
    const std::string original = slurp(kFixtures + "son-2024.yaml");
    const std::string from = "                  2023: \"10 %\"\n", to = "                  2023: \"20 %\"\n";
    REQUIRE(count(original, from) == 1);
    const std::string restated = replaced(original, from, to);
    // The same file name before and after, as when the nämnd corrects its file.
    spit((dir / "son-2024.yaml").string(), original);
    report((dir / "son-2024.yaml").string(), (dir / "februari.json").string());
    spit((dir / "son-2024-rättad.yaml").string(), restated);
    spit((dir / "son-2024.yaml").string(), restated);
    report((dir / "son-2024.yaml").string(), (dir / "april.json").string());

    // Rule files: only the value differs – before, this was "Inga ändringar.".
    auto rules = run({"diff", kFixtures + "son-2024.yaml", (dir / "son-2024-rättad.yaml").string()});
    CHECK(rules.exit == 0);
    CHECK(rules.out ==
          "# Ändringar från 2024 till 2024, Social- och omsorgsnämnden\n"
          "\n"
          "## Ändrade värden\n"
          "\n"
          "### Andel vuxna och barn som är aktuella och fått frågor om våldsutsatthet (`våldsfrågor`)\n"
          "\n"
          "- 2023: `10 %` → `20 %`\n");

    // diff reads the two reports only, never the files they name.
    fs::remove(dir.path / "son-2024.yaml");
    auto d = run({"diff", (dir / "februari.json").string(), (dir / "april.json").string()});
    CHECK(d.exit == 0);
    CHECK(d.out ==
          "# Ändringar från rapporten 2024 till rapporten 2024, Social- och omsorgsnämnden\n"
          "\n"
          "## Indata\n"
          "\n"
          "- Regelfilen `" + ((dir / "son-2024.yaml").string()) + "` har ändrats (sha256 `" + malkoll::sha256_hex(original).substr(0, 12) + "…` → `" +
              malkoll::sha256_hex(restated).substr(0, 12) + "…`)\n"
          "\n"
          "## Ändrade bedömningar\n"
          "\n"
          "- Nämndmålet ”En socialtjänst som tidigt upptäcker och förebygger våld” (`tidig-upptäckt-våld`): Uppfyllt → Ej uppfyllt\n"
          "- Indikatorn ”Andel vuxna och barn som är aktuella och fått frågor om våldsutsatthet” (`våldsfrågor`): Uppfyllt → Ej uppfyllt\n"
          "\n"
          "## Ändrade värden\n"
          "\n"
          "### Andel vuxna och barn som är aktuella och fått frågor om våldsutsatthet (`våldsfrågor`)\n"
          "\n"
          "- 2023: `10 %` → `20 %`\n");

    // A report against itself, or against the same assessment written again.
    CHECK(run({"diff", (dir / "april.json").string(), (dir / "april.json").string()}).out ==
          "# Ändringar från rapporten 2024 till rapporten 2024, Social- och omsorgsnämnden\n\nInga ändringar.\n");
    spit((dir / "son-2024.yaml").string(), restated);
    report((dir / "son-2024.yaml").string(), (dir / "april-igen.json").string());
    auto again = run({"diff", (dir / "april.json").string(), (dir / "april-igen.json").string(), "--format", "json"});
    CHECK(again.exit == 0);
    CHECK(nlohmann::json::parse(again.out)["count"] == 0);
}

namespace {

std::string values_file(int year, const std::string& indicator_values, const std::string& status_values) {
    return "malkoll: 1\n"
           "nämnd: Testnämnden\n"
           "år: " + std::to_string(year) + "\n"
           "målområden:\n"
           "  - namn: Samhälle\n"
           "    kommunmål:\n"
           "      - namn: Ett tryggt Linköping\n"
           "        nämndmål:\n"
           "          - id: m1\n"
           "            namn: Mål ett\n"
           "            indikatorer:\n"
           "              - id: i1\n"
           "                namn: Indikator ett\n"
           "                enhet: \"%\"\n"
           "                riktning: öka\n"
           "                serier: [kvinnor, män]\n"
           "                utfall:\n" + indicator_values +
           "              - id: s1\n"
           "                namn: Plan\n"
           "                värdeskala: [Ej påbörjad, Pågår, Klar]\n"
           "                mål: Klar\n"
           "                utfall: " + status_values + "\n";
}

}  // namespace

TEST_CASE("diff of reports: values added and removed only in periods both show, intervals, status words, numbers written two ways") {
    TempDir dir;
    spit((dir / "2023.yaml").string(), values_file(2023,
                                         "                  2021: {totalt: \"3 %\"}\n"
                                         "                  2022: {totalt: \"4 %\", kvinnor: \"5 %\"}\n"
                                         "                  2023: {totalt: \"10 %\", kvinnor: \"26–34 %\", män: \"7 %\"}\n",
                                         "{2022: Pågår, 2023: Klar}"));
    spit((dir / "2024.yaml").string(), values_file(2024,
                                         "                  2022: {totalt: \"4,0 %\", män: \"6 %\"}\n"
                                         "                  2023: {totalt: \"10 % (reviderat)\", kvinnor: \"27–34 %\"}\n"
                                         "                  2024: {totalt: \"12 %\"}\n",
                                         // 2021 is a period both reports show, but outside the span
                                         // each of the two has values for in the other: not listed.
                                         "{2021: Pågår, 2022: pågår, 2023: Pågår, 2024: Klar}"));
    report((dir / "2023.yaml").string(), (dir / "2023.json").string());
    report((dir / "2024.yaml").string(), (dir / "2024.json").string());
    auto d = run({"diff", (dir / "2023.json").string(), (dir / "2024.json").string()});
    CHECK(d.exit == 0);
    const std::string expected =
        "## Ändrade värden\n"
        "\n"
        "### Indikator ett (`i1`)\n"
        "\n"
        "- 2022, `män` har lagts till: `6 %`\n"
        "- 2023, `kvinnor`: `26–34 %` → `27–34 %`\n"
        "- 2022, `kvinnor` har tagits bort (var `5 %`)\n"
        "- 2023, `män` har tagits bort (var `7 %`)\n"
        "\n"
        "### Plan (`s1`)\n"
        "\n"
        "- 2023: `Klar` → `Pågår`\n";
    CHECK(section(d.out, "Ändrade värden") == expected);
    // The rule files' diff compares their values the same way.
    auto rules = run({"diff", (dir / "2023.yaml").string(), (dir / "2024.yaml").string()});
    CHECK(rules.exit == 0);
    CHECK(section(rules.out, "Ändrade värden") == expected);

    const auto j = nlohmann::json::parse(run({"diff", (dir / "2023.json").string(), (dir / "2024.json").string(), "--format", "json"}).out);
    REQUIRE(j["values"].size() == 5);
    CHECK(j["values"][0]["change"] == "tillagt");
    CHECK(j["values"][0]["old"].is_null());
    CHECK(j["values"][0]["series"] == "män");
    CHECK(j["values"][1]["old"] == nlohmann::json::parse(R"({"value": null, "low": 26, "high": 34, "text": "26–34 %", "note": null})"));
    CHECK(j["values"][1]["new"]["low"] == 27);
    CHECK(j["values"][2]["change"] == "borttaget");
    CHECK(j["values"][2]["new"].is_null());
    CHECK(j["values"][4]["kind"] == "indikator");
    CHECK(j["values"][4]["new"] == nlohmann::json::parse(R"({"value": null, "low": null, "high": null, "text": "Pågår", "note": null})"));
}

TEST_CASE("diff of reports: skala levels, manual judgements and series judged apart show their labels") {
    const std::string scale =
        "skala:\n  - {kod: helt, etikett: Helt uppfyllt, som: uppfyllt}\n  - {kod: hog, etikett: I hög grad uppfyllt, som: delvis}\n"
        "  - {kod: delvis, etikett: Delvis uppfyllt, som: delvis, standard: ja}\n  - {kod: ej, etikett: Ej uppfyllt, som: ej uppfyllt}\n"
        "  - {kod: eb, etikett: Kan inte bedömas, som: ej bedömd}\n";
    auto file = [&](const std::string& manual, const std::string& men_2024) {
        return "malkoll: 1\nnämnd: Testnämnden\når: 2024\n" + scale +
               "målområden:\n  - namn: Samhälle\n    kommunmål:\n      - namn: Ett tryggt Linköping\n        nämndmål:\n"
               "          - id: m1\n            namn: Mål ett\n            indikatorer:\n"
               "              - {id: k, namn: Andel, riktning: öka, serier: [kvinnor, män], bedöm_serier: ja, "
               "utfall: {2023: {kvinnor: 3, män: 3}, 2024: {kvinnor: 4, män: " + men_2024 + "}}, "
               "manuell: " + manual + ", motivering: \"Skäl.\"}\n";
    };
    TempDir dir;
    spit((dir / "före.yaml").string(), file("delvis", "4"));
    spit((dir / "efter.yaml").string(), file("hog", "2"));
    report((dir / "före.yaml").string(), (dir / "före.json").string());
    report((dir / "efter.yaml").string(), (dir / "efter.json").string());
    auto d = run({"diff", (dir / "före.json").string(), (dir / "efter.json").string()});
    CHECK(d.exit == 0);
    CHECK(section(d.out, "Ändrade bedömningar") ==
          "## Ändrade bedömningar\n"
          "\n"
          "- Indikatorn ”Andel” (`k`): Delvis uppfyllt (manuell) → I hög grad uppfyllt (manuell)\n"
          "- Indikatorn ”Andel” (`k`), serien `män`: Helt uppfyllt → Ej uppfyllt\n");
    const auto j = nlohmann::json::parse(run({"diff", (dir / "före.json").string(), (dir / "efter.json").string(), "--format", "json"}).out);
    REQUIRE(j["judgements"].size() == 2);
    CHECK(j["judgements"][0]["old"]["level"] == "delvis");
    CHECK(j["judgements"][0]["new"]["level"] == "hog");
    CHECK(j["judgements"][0]["new"]["result"] == "delvis");
    CHECK(j["judgements"][1]["series"] == "män");
    CHECK(j["judgements"][1]["new"]["result"] == "ej_uppfyllt");
}

TEST_CASE("diff of reports: a roll-up names each nämnd's goals by nämnd and lists the kommunmål's judgement") {
    TempDir dir;
    fs::create_directories(dir.path / "nämnder");
    const std::string src = "fixtures/sammanställning/";
    spit((dir / "kommun.yaml").string(), slurp(src + "kommun.yaml"));
    spit((dir / "nämnder/bun.yaml").string(), slurp(src + "nämnder/bun.yaml"));
    const std::string son = slurp(src + "nämnder/son.yaml");
    REQUIRE(count(son, "{2023: 14, 2024: 12}") == 1);
    spit((dir / "nämnder/son.yaml").string(), son);
    report((dir / "kommun.yaml").string(), (dir / "före.json").string());
    // Väntetid 2024 restated 12 → 16: the nämnd's goal and the kommunmål it counts in change.
    spit((dir / "nämnder/son.yaml").string(), replaced(son, "{2023: 14, 2024: 12}", "{2023: 14, 2024: 16}"));
    report((dir / "kommun.yaml").string(), (dir / "efter.json").string());
    auto d = run({"diff", (dir / "före.json").string(), (dir / "efter.json").string()});
    CHECK(d.exit == 0);
    CHECK(d.out ==
          "# Ändringar från rapporten 2024 till rapporten 2024, Exempelby kommun\n"
          "\n"
          "## Indata\n"
          "\n"
          "- Indatafilen `" + ((dir / "nämnder/son.yaml").string()) + "` har ändrats (sha256 `" + malkoll::sha256_hex(son).substr(0, 12) + "…` → `" +
              malkoll::sha256_hex(slurp((dir / "nämnder/son.yaml").string())).substr(0, 12) + "…`)\n"
          "\n"
          "## Ändrade bedömningar\n"
          "\n"
          "- Nämndmålet ”Ett snabbt stöd” (`son/stöd`): Delvis uppfyllt → Ej uppfyllt\n"
          "- Indikatorn ”Väntetid till första kontakt” (`son/väntetid`): Delvis uppfyllt → Ej uppfyllt\n"
          "- Kommunmålet ”Ett tryggt och säkert Exempelby” (`tryggt`): Delvis uppfyllt → Ej uppfyllt\n"
          "\n"
          "## Ändrade värden\n"
          "\n"
          "### Väntetid till första kontakt (`son/väntetid`)\n"
          "\n"
          "- 2024: `12` → `16`\n");
    const auto j = nlohmann::json::parse(run({"diff", (dir / "före.json").string(), (dir / "efter.json").string(), "--format", "json"}).out);
    bool committee_named = false;
    for (const auto& c : j["judgements"]) committee_named |= c["id"] == "väntetid" && c["committee"] == "son";
    CHECK(committee_named);
}

TEST_CASE("diff of reports: a file that is not a report is an error at its place, exit 1, nothing written") {
    TempDir dir;
    report(kFixtures + "son-2024.yaml", (dir / "rapport.json").string());
    const std::string good = slurp((dir / "rapport.json").string());
    struct Case {
        const char* name;
        std::string text;
        std::string expected;  // the start of standard error, after the file name
    };
    std::string typed = good;
    {
        // The period of one value becomes a number: the error points at it.
        auto j = nlohmann::ordered_json::parse(good);
        j["goals"][1]["indicators"][0]["values"][1]["period"] = 2023;
        typed = j.dump(2);
    }
    const std::size_t period_at = malkoll::json_locate(typed, {{"goals"}, {"", 1, false}, {"indicators"}, {"", 0, false}, {"values"}, {"", 1, false}, {"period"}});
    REQUIRE(typed.substr(period_at, 4) == "2023");
    // ":LINE:COL" of a byte in an ASCII text.
    auto at = [](const std::string& text, std::size_t offset) {
        const auto line = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n') + 1;
        return fmt::format(":{}:{}", line, offset - text.rfind('\n', offset));
    };
    const std::string renamed = replaced(good, "\"goals\"", "\"goal\"");
    const Case cases[] = {
        {"avbruten.json", "{\n  \"engine\": {\"name\": \"malkoll\",\n", ":3:1: fel: JSON-texten tar slut för tidigt; filen är inte en hel JSON-rapport\n"},
        {"syntax.json", "{\n  \"a\": 1,\n  x\n}\n", ":3:3: fel: ogiltig JSON här; en fil som börjar med '{' läses som en JSON-rapport från malkoll\n  x\n  ^\n"},
        {"annan.json", "{\"a\": 1}", ":1:1: fel: filen är ingen JSON-rapport från malkoll: fältet 'engine' saknas; skriv rapporten med "
                                     "'malkoll assess REGELFIL --format json'\n"},
        {"motor.json", "{\"engine\": {\"name\": \"malkolm\"}}", ":1:21: fel: filen är ingen JSON-rapport från malkoll: 'engine.name' ska vara \"malkoll\"\n"},
        {"bom.json", "\xEF\xBB\xBF  {\n \"engine\": 3}", ":2:12: fel: 'engine' ska vara ett objekt, men är ett tal\n"},
        {"mål.json", renamed, at(renamed, renamed.find("\"goal\": ") + 8) + ": fel: rapporten saknar fältet 'goals'; menade du 'goals' i stället för 'goal'?\n"},
        {"typ.json", typed, at(typed, period_at) + ": fel: 'goals[1].indicators[0].values[1].period' ska vara en text, men är ett tal\n"},
        {"djup.json", "{\"engine\": {\"name\": \"malkoll\"}, \"x\": " + std::string(70, '[') + std::string(70, ']') + "}",
         ":1:101: fel: rapporten är nästlad djupare än 64 nivåer; det är ingen JSON-rapport från malkoll\n"},
        {"utf8.json", "{\"engine\": {\"name\": \"malk\xFFoll\"}}", ":1:26: fel: ogiltig UTF-8 här; en JSON-rapport från malkoll är UTF-8\n"},
        {"flöde.yaml", "{malkoll: 1, nämnd: X}\n", ":1:2: fel: ogiltig JSON här; en fil som börjar med '{' läses som en JSON-rapport från malkoll\n"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        spit((dir / c.name).string(), c.text);
        for (bool json : {false, true}) {
            std::vector<std::string> args = {"diff", (dir / c.name).string(), (dir / "rapport.json").string()};
            if (json) args.insert(args.end(), {"--format", "json"});
            auto r = run(args);
            CAPTURE(r.err);
            CHECK(r.exit == 1);
            CHECK(r.out.empty());
            CHECK(r.err.rfind(((dir / c.name).string()) + c.expected, 0) == 0);
            CHECK(r.err.find("1 fel\n") != std::string::npos);
        }
    }
    // Both files wrong: both named; the same file twice: once.
    auto both = run({"diff", (dir / "annan.json").string(), (dir / "motor.json").string()});
    CHECK(both.exit == 1);
    CHECK(both.err.find(((dir / "annan.json").string()) + ":1:1: fel:") != std::string::npos);
    CHECK(both.err.find(((dir / "motor.json").string()) + ":1:21: fel:") != std::string::npos);
    CHECK(count(run({"diff", (dir / "annan.json").string(), (dir / "annan.json").string()}).err, ": fel:") == 1);
    // What `explain --format json` writes is no report.
    auto explained = run({"explain", kFixtures + "son-2024.yaml", "våldsfrågor", "--format", "json"});
    REQUIRE(explained.exit == 0);
    spit((dir / "explain.json").string(), explained.out);
    auto e = run({"diff", (dir / "explain.json").string(), (dir / "rapport.json").string()});
    CHECK(e.exit == 1);
    CHECK(e.err.find("filen är ingen JSON-rapport från malkoll: fältet 'engine' saknas") != std::string::npos);
}

TEST_CASE("diff of reports: usage errors exit 2 in Swedish, an unreadable file exits 1") {
    TempDir dir;
    report(kFixtures + "son-2024.yaml", (dir / "rapport.json").string());
    auto mixed = run({"diff", (dir / "rapport.json").string(), kFixtures + "son-2023.yaml"});
    CHECK(mixed.exit == 2);
    CHECK(mixed.out.empty());
    CHECK(mixed.err.rfind("malkoll: diff jämför två regelfiler eller två JSON-rapporter, inte en av varje: " + ((dir / "rapport.json").string()) +
                              " är en JSON-rapport (den börjar med '{') och fixtures/diff/son-2023.yaml läses som en regelfil\n",
                          0) == 0);
    CHECK(run({"diff", kFixtures + "son-2023.yaml", (dir / "rapport.json").string()}).exit == 2);
    auto rules_json = run({"diff", kFixtures + "son-2023.yaml", kFixtures + "son-2024.yaml", "--format", "json"});
    CHECK(rules_json.exit == 2);
    CHECK(rules_json.out.empty());
    CHECK(rules_json.err.rfind("malkoll: diff --format json finns för två JSON-rapporter; två regelfiler jämförs i Markdown.", 0) == 0);
    auto format = run({"diff", (dir / "rapport.json").string(), (dir / "rapport.json").string(), "--format", "html"});
    CHECK(format.exit == 2);
    CHECK(format.err.rfind("malkoll: okänt format 'html'; välj md eller json\n", 0) == 0);
    // --format md is the default; the last --format counts.
    CHECK(run({"diff", kFixtures + "son-2023.yaml", kFixtures + "son-2024.yaml", "--format", "json", "--format", "md"}).out ==
          slurp(kFixtures + "son-2023-2024.md"));
    auto missing = run({"diff", (dir / "finns-inte.json").string(), (dir / "rapport.json").string()});
    CHECK(missing.exit == 1);
    CHECK(missing.err == ((dir / "finns-inte.json").string()) + ": fel: filen kan inte läsas: den finns inte\n");
    auto folder = run({"diff", dir.path.string(), (dir / "rapport.json").string()});
    CHECK(folder.exit == 1);
    CHECK(folder.err.find("fel: filen kan inte läsas") != std::string::npos);
}

TEST_CASE("diff of reports: a report is told from a rule file by its first byte") {
    using malkoll::looks_like_json;
    CHECK(looks_like_json("{}"));
    CHECK(looks_like_json("\xEF\xBB\xBF \r\n\t{\"engine\": 1}"));
    CHECK_FALSE(looks_like_json("malkoll: 1\n"));
    CHECK_FALSE(looks_like_json("# {\n"));
    CHECK_FALSE(looks_like_json("[1]"));
    CHECK_FALSE(looks_like_json(""));
    CHECK_FALSE(looks_like_json("  \n"));
}
