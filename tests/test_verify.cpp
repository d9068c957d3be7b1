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
