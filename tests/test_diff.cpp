// `malkoll diff`: what changed between two rule files, as a Markdown list
// (two JSON reports: test_diff_reports.cpp).
// The fixture pair fixtures/diff/son-2023.yaml → son-2024.yaml has planned
// changes; the output must list exactly those, each once, and nothing else.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/load/rule_file.hpp"
#include "engine/report/diff.hpp"
#include "tests/file_io.hpp"

using malkoll::test::slurp;

using namespace malkoll;

namespace {

std::string fixture(const std::string& name) {
    return (std::filesystem::path(MALKOLL_SOURCE_DIR) / "fixtures" / "diff" / name).string();
}

std::string diff_files(const std::string& old_path, const std::string& new_path) {
    SourceSet sources;
    Diagnostics diags;
    RuleFile a = load_rule_file(old_path, sources, diags);
    RuleFile b = load_rule_file(new_path, sources, diags);
    REQUIRE_FALSE(diags.has_errors());
    std::ostringstream out;
    render_diff(a, b, out);
    return out.str();
}

std::string diff_texts(const std::string& old_yaml, const std::string& new_yaml) {
    SourceSet sources;
    Diagnostics diags;
    RuleFile a = load_rule_text("gammal.yaml", old_yaml, sources, diags);
    RuleFile b = load_rule_text("ny.yaml", new_yaml, sources, diags);
    for (const auto& d : diags.items()) CAPTURE(sources.render(d));
    REQUIRE_FALSE(diags.has_errors());
    std::ostringstream out;
    render_diff(a, b, out);
    return out.str();
}

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t p = haystack.find(needle); p != std::string::npos; p = haystack.find(needle, p + needle.size())) ++n;
    return n;
}

// Lines that start a list item ("- …") or name a changed item ("### …").
std::vector<std::string> change_lines(const std::string& md) {
    std::vector<std::string> out;
    std::istringstream in(md);
    for (std::string line; std::getline(in, line);)
        if (line.rfind("- ", 0) == 0 || line.rfind("### ", 0) == 0) out.push_back(line);
    return out;
}

std::string head(int year = 2024) {
    return "malkoll: 1\n"
           "nämnd: Testnämnden\n"
           "år: " + std::to_string(year) + "\n";
}

}  // namespace

TEST_CASE("diff: two fixture years list exactly the planned changes, each once") {
    std::string out = diff_files(fixture("son-2023.yaml"), fixture("son-2024.yaml"));
    CHECK(out == slurp(fixture("son-2023-2024.md")));

    // The planned differences between the two years (son-2023.yaml's header).
    const std::vector<std::string> planned = {
        "- Beslut: ”SN 2022-11-23 § 162” → ”SN 2023-11-22 § 145”",                                      // file level
        "- Namn: ”Ett Linköping med en nära socialtjänst” → ”Ett Linköping med nära socialtjänst”",     // renamed goal
        "- Manuell bedömning har lagts till: Ej uppfyllt, med motiveringen ”Nämnden redovisar",        // new manual judgement
        "- ”Antal arbetsmarknadsplatser” (`arbetsmarknadsplatser`) under nämndmålet",                   // added indicator
        "- ”Antal gynnande beslut enligt SoL och LSS som inte verkställts inom tre månader” (`ej-verkställda-beslut`)",  // removed
        "- ”Andel heltidsanställningar (%)” (`heltidsanställningar`) från nämndmålet ”Nya vägar för kompetensförsörjning” "
        "till nämndmålet ”Goda arbetsplatser”",                                                          // moved indicator
        "- Mål: `90 %` → `100 %`",                                                                       // changed target
        "- Vikt: `1` → `2`",                                                                             // changed weight
        "- Kolada-id: `N33021` → `N33022`",                                                              // changed Kolada id
        "- Regel ändrad från:",                                                                          // changed rule
        "- Serieavbrott har lagts till: `2024`",                                                         // new serieavbrott
        "- Riktning: `bibehålla` → `öka`",                                                               // direction change
        // Inline values restated for a year both files have (the reports' diff lists the same).
        "- 2023: `i.u.` (Kolada aug 2024) → `787 kr/inv`",
        "- 2023, `R9`: `i.u.` (Kolada aug 2024) → `1 154 kr/inv`",
        "- 2023: `i.u.` (Kolada aug 2024) → `9 643 kr/inv`",
        "- 2023, `R9`: `i.u.` (Kolada aug 2024) → `10 665 kr/inv`",
        "- 2022: `11,1 %` → `i.u.`",
        "- 2023: `11,8 %` → `11,7 %`",
    };
    for (const auto& p : planned) {
        CAPTURE(p);
        CHECK(count(out, p) == 1);
    }

    // Nothing else: every list item is one of the planned changes, and the
    // changed goals and indicators are exactly the ones planned.
    std::vector<std::string> items, headings;
    for (const auto& line : change_lines(out)) (line.rfind("### ", 0) == 0 ? headings : items).push_back(line);
    CHECK(items.size() == planned.size());
    for (const auto& item : items) {
        CAPTURE(item);
        int matches = 0;
        for (const auto& p : planned) matches += item.rfind(p, 0) == 0;
        CHECK(matches == 1);
    }
    CHECK(headings == std::vector<std::string>{
                          "### Ett Linköping med nära socialtjänst (`nära-socialtjänst`)",
                          "### Hållbar ekonomi (`hållbar-ekonomi`)",
                          "### Andel aktuella genomförandeplaner inom verksamhetsområde LSS (`genomförandeplaner-lss`)",
                          "### Andelen konsulentstödda familjehem i relation till arvoderade familjehem (`konsulentstödda-familjehem`)",
                          "### Kostnad (kr/inv 0-20) för familje- och HVB barn och unga ska vara på samma nivå eller lägre som "
                          "snittkostnaden för R9 (`kostnad-familjehem-hvb-barn`)",
                          "### Utredningstid barn och unga SoL/LSS, median, antal dagar (`utredningstid-barn-unga`)",
                          "### Chefsindex (`chefsindex`)",
                          "### Avgångsålder pension (`avgångsålder-pension`)",
                          "### Kostnad (kr/inv) för missbruksvård ska vara på samma nivå eller lägre som snittkostnaden för R9 "
                          "(`kostnad-missbruksvård`)",
                          "### Kostnad (kr/inv 0-20) för familje- och HVB barn och unga ska vara på samma nivå eller lägre som "
                          "snittkostnaden för R9 (`kostnad-familjehem-hvb-barn`)",
                          "### Personalavgångar externt % (`personalavgångar-externt`)",
                      });

    // The rule, before and after, as written.
    CHECK(count(out, "  ej bedömd om saknas(värde(\"IFO\"))\n  uppfyllt om värde(\"IFO\") <= 120\n  annars ej uppfyllt\n  ```\n\n  till:\n") == 1);
    CHECK(count(out, "  delvis om värde(\"IFO\") <= 120 eller värde(\"LSS\") <= 120\n") == 1);

    // Not listed: values of a year only one file has (2021, 2024), a note
    // that changed on a missing value, the named rule written with `|` and
    // trailing spaces, `Minskas` for `minska`, quoting.
    CHECK(out.find("utfall") == std::string::npos);
    CHECK(out.find("24 112") == std::string::npos);
    CHECK(out.find("28 156") == std::string::npos);
    CHECK(out.find("mätning ska implementeras") == std::string::npos);
    CHECK(out.find("kostnad-r9") == std::string::npos);
    CHECK(out.find("sjukfrånvaro") == std::string::npos);
    CHECK(out.find("Kommun") == std::string::npos);

    // Sections only where something changed, in the documented order.
    CHECK(change_lines(out).size() == items.size() + headings.size());
    std::vector<std::string> sections;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);)
        if (line.rfind("## ", 0) == 0) sections.push_back(line);
    CHECK(sections == std::vector<std::string>{"## Allmänt", "## Ändrade nämndmål", "## Nya indikatorer", "## Borttagna indikatorer",
                                               "## Flyttade indikatorer", "## Ändrade indikatorer", "## Ändrade värden"});
}

TEST_CASE("diff: a file compared with itself has no changes") {
    CHECK(diff_files(fixture("son-2024.yaml"), fixture("son-2024.yaml")) ==
          "# Ändringar från 2024 till 2024, Social- och omsorgsnämnden\n\nInga ändringar.\n");
    CHECK(diff_files(fixture("son-2023.yaml"), fixture("son-2023.yaml")) ==
          "# Ändringar från 2023 till 2023, Social- och omsorgsnämnden\n\nInga ändringar.\n");
}

TEST_CASE("diff: the other way round lists the inverse changes — output is deterministic") {
    std::string back = diff_files(fixture("son-2024.yaml"), fixture("son-2023.yaml"));
    CHECK(back == diff_files(fixture("son-2024.yaml"), fixture("son-2023.yaml")));
    CHECK(back.rfind("# Ändringar från 2024 till 2023, Social- och omsorgsnämnden\n", 0) == 0);
    for (const char* s : {"- Mål: `100 %` → `90 %`", "- Serieavbrott har tagits bort (var `2024`)", "- Vikt: `2` → `1`",
                          "- Manuell bedömning har tagits bort (var Ej uppfyllt, med motiveringen ”Nämnden redovisar",
                          "## Nya indikatorer\n\n- ”Antal gynnande beslut enligt SoL och LSS som inte verkställts inom tre månader” "
                          "(`ej-verkställda-beslut`) under nämndmålet ”Vård, stöd och omsorgstjänster med hög kvalitet”, riktning `minska`\n",
                          "## Borttagna indikatorer\n\n- ”Antal arbetsmarknadsplatser” (`arbetsmarknadsplatser`) under nämndmålet "
                          "”Nya vägar för kompetensförsörjning”\n"}) {
        CAPTURE(s);
        CHECK(count(back, s) == 1);
    }
    CHECK(change_lines(back).size() == change_lines(diff_files(fixture("son-2023.yaml"), fixture("son-2024.yaml"))).size());
}

TEST_CASE("diff: spelling, whitespace in rules, values and a delår's period are no change") {
    std::string old_yaml = head(2023) +
                           "rapport: delår\n"
                           "period: 2023-08\n"
                           "målområden:\n"
                           "  - namn: Samhälle\n"
                           "    kommunmål:\n"
                           "      - namn: Ett tryggt Linköping\n"
                           "        nämndmål:\n"
                           "          - id: m1\n"
                           "            namn: Mål ett\n"
                           "            bedömning: |\n"
                           "              uppfyllt om alla uppfyllt   \n"
                           "              annars delvis\n"
                           "\n"
                           "            indikatorer:\n"
                           "              - id: i1\n"
                           "                namn: 'Indikator ett'\n"
                           "                riktning: Ökas\n"
                           "                serier: [Kvinnor, män]\n"
                           "                vikt: 1\n"
                           "                tolerans: 0\n"
                           "                regel: \"uppfyllt om uppnått\"\n"
                           "                utfall:\n"
                           "                  2022: 3\n"
                           "                  2023-08: 4\n";
    std::string new_yaml = head(2024) +
                           "rapport: delar\n"
                           "period: 2024-08\n"
                           "malomraden:\n"
                           "  - namn: Samhälle\n"
                           "    kommunmal:\n"
                           "      - namn: Ett tryggt Linköping\n"
                           "        namndmal:\n"
                           "          - id: m1\n"
                           "            namn: Mål ett\n"
                           "            bedomning: |-\n"
                           "              uppfyllt om alla uppfyllt\n"
                           "              annars delvis\n"
                           "            indikatorer:\n"
                           "              - id: i1\n"
                           "                namn: Indikator ett\n"
                           "                riktning: öka\n"
                           "                serier: [kvinnor, män]\n"
                           "                regel: |\n"
                           "                  uppfyllt om uppnått\n"
                           "                utfall:\n"
                           "                  2023: 5\n"
                           "                  2024-08: \"6 (preliminärt)\"\n";
    CHECK(diff_texts(old_yaml, new_yaml) == "# Ändringar från 2023 till 2024, Testnämnden\n\nInga ändringar.\n");
}

TEST_CASE("diff: file settings, goals added, removed and moved") {
    // The manual judgements are the same outcome, though a delår labels it
    // otherwise: no change of the goals themselves.
    std::string old_yaml = head(2023) +
                           "beslut: \"TN 2022-11-01 § 1\"\n"
                           "kommun: \"0580\"\n"
                           "jämförelsegrupper:\n"
                           "  R9: [\"0180\", \"1480\"]\n"
                           "  Storstäder: G123\n"
                           "standardregel: |\n"
                           "  uppfyllt om uppnått\n"
                           "  annars ej uppfyllt\n"
                           "regler:\n"
                           "  gammal: annars ej bedömd\n"
                           "  kvar: |\n"
                           "    uppfyllt om uppnått\n"
                           "    annars delvis\n"
                           "målområden:\n"
                           "  - namn: Samhälle\n"
                           "    kommunmål:\n"
                           "      - namn: Ett tryggt Linköping\n"
                           "        nämndmål:\n"
                           "          - id: flyttas\n"
                           "            namn: Flyttas\n"
                           "            manuell: delvis\n"
                           "            motivering: Bedöms för hand.\n"
                           "          - id: tas-bort\n"
                           "            namn: Tas bort\n"
                           "            indikatorer:\n"
                           "              - id: i-borta\n"
                           "                namn: Borta\n"
                           "                riktning: öka\n"
                           "          - id: byter-kommunmål\n"
                           "            namn: Byter kommunmål\n"
                           "            manuell: uppfyllt\n"
                           "            motivering: Bedöms för hand.\n";
    std::string new_yaml = "malkoll: 1\n"
                           "nämnd: Vård- och omsorgsnämnden\n"
                           "år: 2024\n";
    new_yaml += "rapport: delår\n"
                "period: 2024-08\n"
                "kommun: \"0580\"\n"
                "jämförelsegrupper:\n"
                "  R9: [\"0180\", \"1480\", \"1280\"]\n"
                "  Kranskommuner: [\"0512\"]\n"
                "standardbedömning: annars delvis\n"
                "regler:\n"
                "  kvar: |\n"
                "    uppfyllt om uppnått\n"
                "    annars ej uppfyllt\n"
                "  ny: annars ej bedömd\n"
                "målområden:\n"
                "  - namn: Samhälle\n"
                "    kommunmål:\n"
                "      - namn: Ett tryggt Linköping\n"
                "        nämndmål:\n"
                "          - id: nytt\n"
                "            namn: Nytt mål\n"
                "            indikatorer:\n"
                "              - id: i-ny\n"
                "                namn: Ny\n"
                "                riktning: minska\n"
                "                mål: {2024: \"högst 5 %\", 2025: \"högst 4 %\"}\n"
                "      - namn: Ett Linköping för alla\n"
                "        nämndmål:\n"
                "          - id: byter-kommunmål\n"
                "            namn: Byter kommunmål\n"
                "            manuell: uppfyllt\n"
                "            motivering: Bedöms för hand.\n"
                "  - namn: Verksamhet\n"
                "    kommunmål:\n"
                "      - namn: Effektiv verksamhet\n"
                "        nämndmål:\n"
                "          - id: flyttas\n"
                "            namn: Flyttas\n"
                "            manuell: delvis\n"
                "            motivering: Bedöms för hand.\n";
    CHECK(diff_texts(old_yaml, new_yaml) ==
          "# Ändringar från 2023 till 2024, Vård- och omsorgsnämnden\n"
          "\n"
          "## Allmänt\n"
          "\n"
          "- Nämnd: ”Testnämnden” → ”Vård- och omsorgsnämnden”\n"
          "- Rapport: `helår` → `delår`\n"
          "- Period har lagts till: `2024-08`\n"
          "- Beslut har tagits bort (var ”TN 2022-11-01 § 1”)\n"
          "- Jämförelsegruppen `R9`: `0180`, `1480` → `0180`, `1480`, `1280`\n"
          "- Jämförelsegruppen `Kranskommuner` har lagts till: `0512`\n"
          "- Jämförelsegruppen `Storstäder` har tagits bort (var `G123`)\n"
          "- Standardregel har tagits bort; den var:\n"
          "\n"
          "  ```\n"
          "  uppfyllt om uppnått\n"
          "  annars ej uppfyllt\n"
          "  ```\n"
          "\n"
          "- Standardbedömning har lagts till:\n"
          "\n"
          "  ```\n"
          "  annars delvis\n"
          "  ```\n"
          "\n"
          "- Regeln `kvar` ändrad från:\n"
          "\n"
          "  ```\n"
          "  uppfyllt om uppnått\n"
          "  annars delvis\n"
          "  ```\n"
          "\n"
          "  till:\n"
          "\n"
          "  ```\n"
          "  uppfyllt om uppnått\n"
          "  annars ej uppfyllt\n"
          "  ```\n"
          "\n"
          "- Regeln `ny` har lagts till:\n"
          "\n"
          "  ```\n"
          "  annars ej bedömd\n"
          "  ```\n"
          "\n"
          "- Regeln `gammal` har tagits bort; den var:\n"
          "\n"
          "  ```\n"
          "  annars ej bedömd\n"
          "  ```\n"
          "\n"
          "## Nya nämndmål\n"
          "\n"
          "- ”Nytt mål” (`nytt`) under kommunmålet ”Ett tryggt Linköping” i målområdet ”Samhälle”\n"
          "\n"
          "## Borttagna nämndmål\n"
          "\n"
          "- ”Tas bort” (`tas-bort`) under kommunmålet ”Ett tryggt Linköping” i målområdet ”Samhälle”\n"
          "\n"
          "## Flyttade nämndmål\n"
          "\n"
          "- ”Byter kommunmål” (`byter-kommunmål`) från kommunmålet ”Ett tryggt Linköping” till kommunmålet "
          "”Ett Linköping för alla” (målområdet ”Samhälle”)\n"
          "- ”Flyttas” (`flyttas`) från kommunmålet ”Ett tryggt Linköping” i målområdet ”Samhälle” till kommunmålet "
          "”Effektiv verksamhet” i målområdet ”Verksamhet”\n"
          "\n"
          "## Nya indikatorer\n"
          "\n"
          "- ”Ny” (`i-ny`) under nämndmålet ”Nytt mål”, riktning `minska`, mål per år 2024: `högst 5 %`, 2025: `högst 4 %`\n"
          "\n"
          "## Borttagna indikatorer\n"
          "\n"
          "- ”Borta” (`i-borta`) under nämndmålet ”Tas bort”\n");
}

TEST_CASE("diff: every key of a goal and an indicator") {
    std::string goal_old =
        "            aktiviteter:\n"
        "              - Aktivitet A\n"
        "              - Aktivitet B\n"
        "              - Aktivitet C\n";
    std::string goal_new =
        "            bedömning: |\n"
        "              uppfyllt om andel uppfyllt >= 50\n"
        "              annars delvis\n"
        "            aktiviteter:\n"
        "              - Aktivitet C\n"
        "              - Aktivitet A\n"
        "              - Aktivitet D\n";
    std::string ind_old =
        "                namn: Indikator ett\n"
        "                enhet: \"%\"\n"
        "                riktning: öka\n"
        "                mål: \"minst 80 %\"\n"
        "                källa: Treserva\n"
        "                definition: \"Antal a / antal b\"\n"
        "                serier: [kvinnor, män]\n"
        "                jämförelse: R9\n"
        "                serieavbrott: 2022\n"
        "                manuell: delvis\n"
        "                motivering: \"Gammal motivering\"\n";
    std::string ind_new =
        "                namn: Indikator 1\n"
        "                riktning: minska\n"
        "                mål: {2024: \"högst 85\", 2026: \"högst 90\"}\n"
        "                målår: 2026\n"
        "                tolerans: 0,5\n"
        "                ackumulerad: ja\n"
        "                obligatorisk: ja\n"
        "                kolada: U21468\n"
        "                definition: \"Antal a / antal c\"\n"
        "                serier: [flickor, pojkar]\n"
        "                jämförelse: R9\n"
        "                serieavbrott: 2023\n"
        "                vikt: 0,5\n"
        "                manuell: uppfyllt\n"
        "                motivering: \"Ny motivering\"\n";
    auto file = [](int year, const std::string& goal, const std::string& ind) {
        return head(year) +
               "målområden:\n"
               "  - namn: Samhälle\n"
               "    kommunmål:\n"
               "      - namn: Ett tryggt Linköping\n"
               "        nämndmål:\n"
               "          - id: m1\n"
               "            namn: Mål ett\n" +
               goal +
               "            indikatorer:\n"
               "              - id: i1\n" +
               ind;
    };
    CHECK(diff_texts(file(2023, goal_old, ind_old), file(2024, goal_new, ind_new)) ==
          "# Ändringar från 2023 till 2024, Testnämnden\n"
          "\n"
          "## Ändrade nämndmål\n"
          "\n"
          "### Mål ett (`m1`)\n"
          "\n"
          "- Bedömningsregel har lagts till:\n"
          "\n"
          "  ```\n"
          "  uppfyllt om andel uppfyllt >= 50\n"
          "  annars delvis\n"
          "  ```\n"
          "\n"
          "- Ny aktivitet: ”Aktivitet D”\n"
          "- Borttagen aktivitet: ”Aktivitet B”\n"
          "\n"
          "## Ändrade indikatorer\n"
          "\n"
          "### Indikator 1 (`i1`)\n"
          "\n"
          "- Namn: ”Indikator ett” → ”Indikator 1”\n"
          "- Enhet har tagits bort (var `%`)\n"
          "- Riktning: `öka` → `minska`\n"
          "- Mål: `minst 80 %` → per år 2024: `högst 85`, 2026: `högst 90`\n"
          "- Målår har lagts till: `2026`\n"
          "- Tolerans: `0` → `0,5`\n"
          "- Ackumulerad: nej → ja\n"
          "- Obligatorisk: nej → ja\n"
          "- Källa har tagits bort (var ”Treserva”)\n"
          "- Kolada-id har lagts till: `U21468`\n"
          "- Definition: ”Antal a / antal b” → ”Antal a / antal c”\n"
          "- Serier: `kvinnor`, `män` → `flickor`, `pojkar`\n"
          "- Serieavbrott: `2022` → `2023`\n"
          "- Vikt: `1` → `0,5`\n"
          "- Manuell bedömning: Delvis uppfyllt → Uppfyllt\n"
          "- Motivering: ”Gammal motivering” → ”Ny motivering”\n");
}

TEST_CASE("diff: targets given per year are compared year by year") {
    auto file = [](const std::string& target) {
        return head() +
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
               "                riktning: öka\n" +
               target;
    };
    const std::string title = "# Ändringar från 2024 till 2024, Testnämnden\n\n## Ändrade indikatorer\n\n### Indikator ett (`i1`)\n\n";
    CHECK(diff_texts(file("                mål: {2023: \"minst 80 %\", 2024: \"minst 85 %\", 2025: \"minst 90 %\"}\n"),
                     file("                mål: {2024: \"minst 86 %\", 2025: \"minst 90 %\", 2026: \"minst 95 %\"}\n")) ==
          title +
              "- Mål för 2023 har tagits bort (var `minst 80 %`)\n"
              "- Mål för 2024: `minst 85 %` → `minst 86 %`\n"
              "- Mål för 2026 har lagts till: `minst 95 %`\n");
    CHECK(diff_texts(file(""), file("                mål: \"minst 80 %\"\n")) == title + "- Mål har lagts till: `minst 80 %`\n");
    CHECK(diff_texts(file("                mål: {2024: \"minst 85 %\"}\n"), file("")) ==
          title + "- Mål har tagits bort (var 2024: `minst 85 %`)\n");
    CHECK(diff_texts(file("                mål: {2024: \"minst 85 %\"}\n"), file("                mål: \"minst 85 %\"\n")) ==
          title + "- Mål: per år 2024: `minst 85 %` → `minst 85 %`\n");
    // The same target written another way in YAML is no change.
    CHECK(diff_texts(file("                mål: \"minst 80 %\"\n"), file("                mål: 'minst 80 %'\n")) ==
          "# Ändringar från 2024 till 2024, Testnämnden\n\nInga ändringar.\n");
}

TEST_CASE("diff: skala, värdeskala, bedöm_serier, a manual level and nyckeltal rows") {
    const std::string head =
        "malkoll: 1\nnämnd: Testnämnden\når: 2024\n";
    const std::string scale =
        "skala:\n  - {kod: helt, etikett: Helt uppfyllt, som: uppfyllt}\n  - {kod: hog, etikett: I hög grad uppfyllt, som: delvis}\n"
        "  - {kod: delvis, etikett: Delvis uppfyllt, som: delvis, standard: ja}\n  - {kod: ej, etikett: Ej uppfyllt, som: ej uppfyllt}\n"
        "  - {kod: eb, etikett: Kan inte bedömas, som: ej bedömd}\n";
    auto file = [&](const std::string& manual, const std::string& values, const std::string& judged, const std::string& rows) {
        return head + scale +
               "målområden:\n  - namn: Samhälle\n    kommunmål:\n      - namn: Ett tryggt Linköping\n        nämndmål:\n"
               "          - id: m1\n            namn: Mål ett\n            indikatorer:\n"
               "              - {id: s, namn: Plan, värdeskala: " + values + ", mål: Klar, utfall: {2024: Klar}}\n"
               "              - {id: k, namn: Andel, riktning: öka, serier: [kvinnor, män], bedöm_serier: " + judged + ", utfall: {2024: \"3\"}, "
               "manuell: " + manual + ", motivering: \"Skäl.\"}\n"
               "nyckeltal:\n  - rubrik: Personal\n    rader:\n" + rows;
    };
    const std::string was = file("delvis", "[Pågår, Klar]", "ja", "      - {id: anst, namn: Antal anställda, utfall: {2024: \"10\"}}\n"
                                                                 "      - {id: borta, namn: Borta, utfall: {2024: \"1\"}}\n");
    const std::string now = file("hog", "[Ej påbörjad, Pågår, Klar]", "[män]",
                                 "      - {id: anst, namn: Antal tillsvidareanställda, mål: \"högst 12\", utfall: {2024: \"10\"}}\n"
                                 "      - {id: ny, namn: Ny rad, utfall: {2024: \"2\"}}\n");
    const std::string d = diff_texts(was, now);
    CAPTURE(d);
    CHECK(d.find("- Värdeskala: `Pågår, Klar` → `Ej påbörjad, Pågår, Klar`") != std::string::npos);
    CHECK(d.find("- Serier som bedöms för sig: `kvinnor, män` → `män`") != std::string::npos);
    CHECK(d.find("- Manuell bedömning: Delvis uppfyllt → I hög grad uppfyllt") != std::string::npos);
    CHECK(d.find("- Nyckeltalet `anst`, namn: ”Antal anställda” → ”Antal tillsvidareanställda”") != std::string::npos);
    CHECK(d.find("- Nyckeltalet `anst`, mål har lagts till: `högst 12`") != std::string::npos);
    CHECK(d.find("- Nyckeltalet ”Ny rad” (`ny`) har lagts till i tabellen ”Personal”") != std::string::npos);
    CHECK(d.find("- Nyckeltalet ”Borta” (`borta`) har tagits bort") != std::string::npos);
    std::string other = now;
    other.replace(other.find("Helt uppfyllt"), 13, "Fullt uppfyllt");
    CHECK(diff_texts(now, other).find("- Skala: ”helt (Helt uppfyllt, uppfyllt, standard)") != std::string::npos);
}

TEST_CASE("diff: a value whose unit changed is restated, one written without a unit is not") {
    auto file = [](const char* a, const char* b) {
        return head(2024) + "målområden:\n  - namn: Samhälle\n    kommunmål:\n      - namn: Tryggt\n        nämndmål:\n"
                            "          - id: m1\n            namn: Mål ett\n            indikatorer:\n"
                            "              - id: i1\n                namn: Indikator ett\n                riktning: öka\n"
                            "                utfall:\n                  2023: \"" + std::string(a) + "\"\n                  2024: \"" + b + "\"\n";
    };
    const std::string out = diff_texts(file("39 %", "10 %"), file("39 tkr", "10"));
    CHECK(out.find("- 2023: `39 %` → `39 tkr`") != std::string::npos);
    CHECK(out.find("- 2024:") == std::string::npos);  // "10" takes the indicator's unit: the same value
}
