// `verify`: an untouched report stands; each kind of change is caught and named.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "tests/cli_run.hpp"

namespace fs = std::filesystem;
using malkoll::test::run;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}
void spit(const fs::path& p, const std::string& s) {
    std::ofstream out(p, std::ios::binary);
    out << s;
}
void replace(const fs::path& p, const std::string& from, const std::string& to) {
    std::string s = slurp(p);
    auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    s.replace(at, from.size(), to);
    spit(p, s);
}

// A rule file with its data in a CSV file, and a report of it.
struct Setup {
    fs::path dir, rules, data, report;
    Setup() {
        dir = fs::temp_directory_path() / ("malkoll-verify-" + std::to_string(::getpid()));
        fs::remove_all(dir);
        fs::create_directories(dir);
        rules = dir / "regler.yaml";
        data = dir / "data.csv";
        report = dir / "rapport.json";
        spit(rules,
             "malkoll: 1\nnämnd: Testnämnden\når: 2024\nutfall: [data.csv]\nmålområden:\n  - namn: Samhälle\n    kommunmål:\n"
             "      - namn: Ett tryggt Linköping\n        nämndmål:\n          - id: mål-ett\n            namn: Mål ett\n"
             "            indikatorer:\n              - {id: våldsfrågor, namn: Frågor om våld, enhet: \"%\", riktning: öka, mål: \"minst 15 %\"}\n"
             "              - {id: hyresavtal, namn: Hyresavtal, enhet: \"%\", riktning: öka, mål: \"minst 60 %\"}\n");
        spit(data, "indikator;period;värde\nvåldsfrågor;2023;10 %\nvåldsfrågor;2024;17 %\nhyresavtal;2023;44 %\nhyresavtal;2024;50 %\n");
        auto r = run({"assess", rules.string(), "--format", "json", "-o", report.string()});
        REQUIRE(r.exit == 0);
    }
    ~Setup() { fs::remove_all(dir); }
};

}  // namespace

TEST_CASE("verify: an untouched report stands") {
    Setup s;
    auto r = run({"verify", s.report.string()});
    CHECK(r.exit == 0);
    CHECK(r.out == s.report.string() + ": rapporten står sig – 2 indatafiler oförändrade, 3 bedömningar desamma.\n");
}

TEST_CASE("verify: a one-byte change in a data file") {
    Setup s;
    replace(s.data, "17 %", "18 %");
    auto r = run({"verify", s.report.string()});
    CHECK(r.exit == 1);
    CHECK(r.out.find("indatafilen " + s.data.string() + " har ändrats") != std::string::npos);
    // 18 % still reaches 15 %: the judgement stands, only the justification names the new value.
    CHECK(r.out.find("indikator våldsfrågor: motiveringen har ändrats") != std::string::npos);
    CHECK(r.out.find("resultat Uppfyllt →") == std::string::npos);
}

TEST_CASE("verify: a changed target in the rule file") {
    Setup s;
    replace(s.rules, "minst 15 %", "minst 20 %");
    auto r = run({"verify", s.report.string()});
    CHECK(r.exit == 1);
    CHECK(r.out.find("indatafilen " + s.rules.string() + " har ändrats") != std::string::npos);
    CHECK(r.out.find("indikator våldsfrågor: resultat Uppfyllt → Delvis uppfyllt") != std::string::npos);
    CHECK(r.out.find("nämndmål mål-ett: resultat Delvis uppfyllt → Delvis uppfyllt") == std::string::npos);
}

TEST_CASE("verify: a judgement edited by hand in the report, inputs unchanged") {
    Setup s;
    replace(s.report, "\"result\": \"delvis\",\n          \"label\": \"Delvis uppfyllt\"", "\"result\": \"uppfyllt\",\n          \"label\": \"Uppfyllt\"");
    auto r = run({"verify", s.report.string()});
    CHECK(r.exit == 1);
    CHECK(r.out.find("har ändrats") == std::string::npos);  // no input changed
    CHECK(r.out.find("indikator hyresavtal: resultat Uppfyllt → Delvis uppfyllt") != std::string::npos);
    CHECK(r.out.find("1 skillnad.") != std::string::npos);
}

TEST_CASE("verify: a report written by another engine version") {
    Setup s;
    replace(s.report, std::string("\"version\": \"") + MALKOLL_VERSION + "\"", "\"version\": \"0.0.9\"");
    auto r = run({"verify", s.report.string()});
    CHECK(r.exit == 1);
    CHECK(r.out.find(std::string("motorn: rapporten skrevs av malkoll 0.0.9, det här är malkoll ") + MALKOLL_VERSION) != std::string::npos);
}

TEST_CASE("verify: not a report") {
    Setup s;
    spit(s.report, "{\"x\": 1}");
    auto r = run({"verify", s.report.string()});
    CHECK(r.exit == 1);
    CHECK(r.err == s.report.string() + ": fel: rapporten saknar 'inputs'; skriv den med 'malkoll assess … --format json'\n");
    spit(s.report, "inte json");
    CHECK(run({"verify", s.report.string()}).exit == 1);
}

// Not only judgements: any field of the report that the inputs do not give
// (a name, a value as written, the list of inputs, a trace) is named by its
// place in the report.
TEST_CASE("verify: any other edit of the report, named by its place") {
    struct Edit {
        const char* from;
        const char* to;
        const char* expected;
    } edits[] = {
        {"\"committee\": \"Testnämnden\"", "\"committee\": \"Annan nämnd\"",
         "  - committee har ändrats i rapporten\n    i rapporten: Annan nämnd\n    enligt indata: Testnämnden\n"},
        {"\"text\": \"17 %\"", "\"text\": \"71 %\"",
         "  - goals[0] (mål-ett).indicators[0] (våldsfrågor).values[1].text har ändrats i rapporten\n"
         "    i rapporten: 71 %\n    enligt indata: 17 %\n"},
        {"\"name\": \"Hyresavtal\"", "\"name\": \"Hyresavtal i andra stadsdelar\"",
         "  - goals[0] (mål-ett).indicators[1] (hyresavtal).name har ändrats i rapporten\n"
         "    i rapporten: Hyresavtal i andra stadsdelar\n    enligt indata: Hyresavtal\n"},
    };
    for (const auto& e : edits) {
        CAPTURE(e.from);
        Setup s;
        replace(s.report, e.from, e.to);
        auto r = run({"verify", s.report.string()});
        CHECK(r.exit == 1);
        CHECK(r.out == s.report.string() + ": rapporten följer inte längre av sina indata:\n" + e.expected + "1 skillnad.\n");
    }
    // A data file taken out of the report's inputs: re-read, the rule file still names it.
    Setup s;
    std::string report = slurp(s.report);
    auto from = report.find("    {\n      \"path\": \"" + s.data.string());
    REQUIRE(from != std::string::npos);
    report.erase(from - 2, report.find('}', from) + 1 - (from - 2));  // ",\n    { … }"
    spit(s.report, report);
    auto r = run({"verify", s.report.string()});
    CHECK(r.exit == 1);
    CHECK(r.out.find("  - inputs har ändrats i rapporten\n    i rapporten: 1 element\n    enligt indata: 2 element\n") !=
          std::string::npos);
}

// The labels of the report's own kind: a delår says Uppnås / Kan ej bedömas.
TEST_CASE("verify: differences in a delår use the delår labels") {
    Setup s;
    auto made = run({"assess", "rules/son/2018-delar.yaml", "--format", "json", "-o", s.report.string()});
    REQUIRE(made.exit == 0);
    replace(s.report, "\"result\": \"ej_bedomd\",\n      \"label\": \"Kan ej bedömas\"", "\"result\": \"uppfyllt\",\n      \"label\": \"Uppnås\"");
    auto r = run({"verify", s.report.string()});
    CHECK(r.exit == 1);
    CHECK(r.out.find("  - nämndmål mål-1-bästa-förmåga: resultat Uppnås → Kan ej bedömas\n") != std::string::npos);
}
