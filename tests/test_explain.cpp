// `explain`: the derivation of one judgement, as text and as the same trace
// record the JSON report holds.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/cli_run.hpp"

using malkoll::test::run;

TEST_CASE("explain: an indicator of the bundled example, as text") {
    auto r = run({"explain", "rules/son/2024.yaml", "konsulentstödda-familjehem"});
    REQUIRE(r.exit == 0);
    const char* expected[] = {
        "Indikator konsulentstödda-familjehem: Andelen konsulentstödda familjehem i relation till arvoderade familjehem  [rules/son/2024.yaml:158:21]\n",
        "Önskad riktning: minska · inget målvärde (bara riktningen)\n",
        "  1. ej bedömd om saknas(helårsvärde)  [inbyggd indikatorregel:1:1]  → falskt\n",
        "  3. delvis om förbättrat  [inbyggd indikatorregel:3:1]  → falskt\n",
        "         föregående: 26 % (2023) · rules/son/2024.yaml:164\n",
        "  4. ej uppfyllt om inte uppnått  [inbyggd indikatorregel:4:1]  → sant  ← avgör\n",
        "Regelns resultat: Ej uppfyllt\n",
        "  2024     totalt     29 %  [rules/son/2024.yaml:165]\n",
    };
    for (const char* line : expected) {
        CAPTURE(line);
        CHECK(r.out.find(line) != std::string::npos);
    }
}

TEST_CASE("explain: a goal with a manual judgement shows both results") {
    auto r = run({"explain", "rules/son/2024.yaml", "kompetensförsörjning"});
    REQUIRE(r.exit == 0);
    CHECK(r.out.find("  personalavgångar-externt: Uppfyllt · vikt 1\n") != std::string::npos);
    CHECK(r.out.find("  2. uppfyllt om alla uppfyllt  [inbyggd målregel:2:1]  → sant  ← avgör\n") != std::string::npos);
    CHECK(r.out.find("       alla uppfyllt = sant (1 av 1)\n") != std::string::npos);
    CHECK(r.out.find("Regelns resultat: Uppfyllt\n") != std::string::npos);
    CHECK(r.out.find("Manuell bedömning: Delvis uppfyllt — motivering: Verksamhetsberättelse 2024, avsnittet Nämndmål: Nya vägar för kompetensförsörjning: \"") != std::string::npos);
    CHECK(r.out.find("(avviker från regelns)") != std::string::npos);
}

TEST_CASE("explain: --format json is the JSON report's trace") {
    auto e = run({"explain", "fixtures/exempel.yaml", "hyresavtal", "--format", "json"});
    auto a = run({"assess", "fixtures/exempel.yaml", "--format", "json"});
    REQUIRE(e.exit == 0);
    REQUIRE(a.exit == 0);
    auto ej = nlohmann::ordered_json::parse(e.out);
    auto aj = nlohmann::ordered_json::parse(a.out);
    const auto& ind = aj["goals"][0]["indicators"][1];
    REQUIRE(ind["id"] == "hyresavtal");
    CHECK(ej["id"] == "hyresavtal");
    CHECK(ej["result"] == "delvis");
    CHECK(ej["justification"] == ind["justification"]);
    CHECK(ej["trace"] == ind["trace"]);
    CHECK(ej["trace"][2]["decided"] == true);
    CHECK(ej["trace"][2]["text"] == "delvis om förbättrat");
    CHECK(ej["trace"][2]["reads"][0]["inputs"]["föregående"]["source"] == "fixtures/exempel.yaml:33");

    auto g = run({"explain", "fixtures/exempel.yaml", "tidig-upptäckt", "--format", "json"});
    auto gj = nlohmann::ordered_json::parse(g.out);
    CHECK(gj["trace"] == aj["goals"][0]["trace"]);
}

TEST_CASE("explain: an own rule points into the YAML file") {
    auto r = run({"explain", "fixtures/fel-kedjad-jämförelse.yaml", "våldsfrågor"});
    CHECK(r.exit == 1);  // the file has an error: no explanation, the error instead
    CHECK(r.err.find("fixtures/fel-kedjad-jämförelse.yaml:19:") != std::string::npos);
}

TEST_CASE("explain: an unknown id suggests the nearest and exits 2") {
    auto r = run({"explain", "fixtures/exempel.yaml", "hyresavtl"});
    CHECK(r.exit == 2);
    CHECK(r.err == "malkoll: fixtures/exempel.yaml har inget mål eller indikator med id 'hyresavtl'; menade du 'hyresavtal'?\n");
}

TEST_CASE("explain: framsteg shows what it was computed from") {
    auto r = run({"explain", "fixtures/explain/framsteg.yaml", "s"});
    REQUIRE(r.exit == 0);
    CHECK(r.out.find("       framsteg = 136,4 %\n") != std::string::npos);
    CHECK(r.out.find("         bas: 4 % (2022) · fixtures/explain/framsteg.yaml:20 · basår 2022\n") != std::string::npos);
    CHECK(r.out.find("         mål: 40 % · målår 2026\n") != std::string::npos);
    auto j = nlohmann::ordered_json::parse(run({"explain", "fixtures/explain/framsteg.yaml", "s", "--format", "json"}).out);
    const auto& in = j["trace"][0]["reads"][0]["inputs"];
    CHECK(in["bas"]["value"] == 4);
    CHECK(in["basår"] == 2022);
    CHECK(in["mål"]["value"] == 40);
    CHECK(in["målår"] == 2026);
}

// A budget makes no judgements (docs/regelfil.md): explain says so instead of
// showing an empty rule result, and its JSON has null results as the report.
TEST_CASE("explain: a budget shows targets and values, no judgement") {
    auto g = run({"explain", "rules/son/2022.yaml", "boendeformer"});
    REQUIRE(g.exit == 0);
    CHECK(g.out.find("  planer-medverkan-son · vikt 1\n") != std::string::npos);
    CHECK(g.out.find("Budget: inga bedömningar görs.\n") != std::string::npos);
    CHECK(g.out.find("Regelns resultat") == std::string::npos);
    CHECK(g.out.find("Målet har inga indikatorer") == std::string::npos);
    auto i = run({"explain", "rules/son/2022.yaml", "planer-medverkan-son"});
    REQUIRE(i.exit == 0);
    CHECK(i.out.find("Budget: inga bedömningar görs; indikatorn visas med mål och värden.\nVärden:\n") !=
          std::string::npos);
    CHECK(i.out.find("Motivering:") == std::string::npos);
    auto j = nlohmann::ordered_json::parse(run({"explain", "rules/son/2022.yaml", "boendeformer", "--format", "json"}).out);
    CHECK(j["result"].is_null());
    CHECK(j["rule_result"].is_null());
}
