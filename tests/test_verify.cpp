// `verify`: an untouched report stands; each kind of change is caught and named.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "tests/cli_run.hpp"
#include "tests/file_io.hpp"

using malkoll::test::slurp;
using malkoll::test::spit;

namespace fs = std::filesystem;
using malkoll::test::run;

namespace {

void replace(const fs::path& p, const std::string& from, const std::string& to) {
    std::string s = slurp(p);
    auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    s.replace(at, from.size(), to);
    spit(p, s);
}

// A rule file with its data in a CSV file, and a report of it, written as an
// auditor would: from the folder that holds them (verify reads, by default,
// only files below the folder it is run in).
struct Setup {
    fs::path home, dir, rules, data, report;
    Setup() {
        home = fs::current_path();
        dir = fs::temp_directory_path() / ("malkoll-verify-" + std::to_string(::getpid()));
        fs::remove_all(dir);
        fs::create_directories(dir);
        fs::current_path(dir);
        rules = "regler.yaml";
        data = "data.csv";
        report = "rapport.json";
        spit(rules,
             "malkoll: 1\nnämnd: Testnämnden\når: 2024\nutfall: [data.csv]\nmålområden:\n  - namn: Samhälle\n    kommunmål:\n"
             "      - namn: Ett tryggt Linköping\n        nämndmål:\n          - id: mål-ett\n            namn: Mål ett\n"
             "            indikatorer:\n              - {id: våldsfrågor, namn: Frågor om våld, enhet: \"%\", riktning: öka, mål: \"minst 15 %\"}\n"
             "              - {id: hyresavtal, namn: Hyresavtal, enhet: \"%\", riktning: öka, mål: \"minst 60 %\"}\n");
        spit(data, "indikator;period;värde\nvåldsfrågor;2023;10 %\nvåldsfrågor;2024;17 %\nhyresavtal;2023;44 %\nhyresavtal;2024;50 %\n");
        auto r = run({"assess", rules.string(), "--format", "json", "-o", report.string()});
        REQUIRE(r.exit == 0);
    }
    ~Setup() {
        fs::current_path(home);
        fs::remove_all(dir);
    }
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
    replace(s.report, "\"result\": \"delvis\",\n          \"level\": null,\n          \"label\": \"Delvis uppfyllt\"",
            "\"result\": \"uppfyllt\",\n          \"level\": null,\n          \"label\": \"Uppfyllt\"");
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
    CHECK(r.err == "rapport.json: fel: rapporten saknar 'inputs' (listan över indatafiler); skriv rapporten med 'malkoll assess … "
                   "--format json'\n");
    spit(s.report, "{\n  \"inputs\": [1,\n  oj]}");
    r = run({"verify", s.report.string()});
    CHECK(r.exit == 1);
    CHECK(r.err == "rapport.json:3:3: fel: filen är ingen JSON-rapport från malkoll (ogiltig JSON här)\n");
}

// Every field verify reads is checked for its type first: a wrong one is
// named in Swedish, never an exception's English text.
TEST_CASE("verify: a report of the wrong shape is named field by field") {
    Setup s;
    const std::pair<const char*, const char*> cases[] = {
        {"[1, 2]", "rapporten ska vara ett JSON-objekt"},
        {"{\"inputs\": [\"text\"]}", "inputs[0] ska vara ett objekt med 'path' och 'sha256'"},
        {"{\"inputs\": [{\"path\": 7, \"sha256\": \"x\"}]}", "inputs[0].path ska vara en sökväg (en text)"},
        {"{\"inputs\": [{\"path\": \"regler.yaml\", \"sha256\": null}]}", "inputs[0].sha256 ska vara en text"},
        {"{\"inputs\": [{\"path\": \"regler.yaml\", \"sha256\": \"abc\"}]}", "inputs[0].sha256 ska vara 64 hexadecimala tecken"},
        {"{\"inputs\": [{\"path\": \"regler.yaml\", \"sha256\": \"0000000000000000000000000000000000000000000000000000000000000000\"}], "
         "\"engine\": 3}",
         "'engine' ska vara ett objekt"},
        {"{\"inputs\": [{\"path\": \"regler.yaml\", \"sha256\": \"0000000000000000000000000000000000000000000000000000000000000000\"}], "
         "\"goals\": [{\"indicators\": [5]}]}",
         "goals[0].indicators[0] ska vara ett objekt"},
    };
    for (const auto& c : cases) {
        // Not a structured binding: CAPTURE's lambda cannot capture one before C++20 in clang 14.
        const char* json = c.first;
        const char* problem = c.second;
        CAPTURE(json);
        spit(s.report, json);
        auto r = run({"verify", s.report.string()});
        CHECK(r.exit == 1);
        CHECK(r.err == std::string("rapport.json: fel: ") + problem + "; skriv rapporten med 'malkoll assess … --format json'\n");
    }
}

// 100 000 nested brackets in 200 KB: refused at the first level too deep,
// before any parser or comparison recurses into it.
TEST_CASE("verify: a deeply nested report is refused at its place") {
    Setup s;
    spit(s.report, "{\"inputs\":\n" + std::string(100000, '[') + std::string(100000, ']') + "}");
    auto r = run({"verify", s.report.string()});
    CHECK(r.exit == 1);
    CHECK(r.err == "rapport.json:2:64: fel: rapporten är nästlad djupare än 64 nivåer; det är ingen JSON-rapport från malkoll\n");
    // Brackets inside a text are text.
    spit(s.report, "{\"x\": \"" + std::string(1000, '[') + "\"}");
    CHECK(run({"verify", s.report.string()}).err.find("saknar 'inputs'") != std::string::npos);
}

// A report sent from elsewhere must not make verify read, let alone print, a
// file outside the folder it is run in.
TEST_CASE("verify: inputs outside the current folder need --tillåt-sökväg") {
    Setup s;
    const std::string zero(64, '0');
    for (const std::string path : {"/etc/shadow", "../hemligt.txt", "data/../../hemligt.txt"}) {
        CAPTURE(path);
        spit(s.report, "{\"inputs\": [{\"path\": \"" + path + "\", \"sha256\": \"" + zero + "\"}]}");
        auto r = run({"verify", s.report.string()});
        CHECK(r.exit == 1);
        CHECK(r.out.empty());
        CHECK(r.err == "rapport.json: fel: indatafilen " + path +
                           " ligger utanför mappen du står i; verify läser den bara med --tillåt-sökväg\n");
    }
    // With the flag the file is read and compared; its content is never shown.
    spit(s.dir.parent_path() / ("hemligt-" + std::to_string(::getpid()) + ".txt"), "lösenord: hemligt\n");
    const std::string secret = "../hemligt-" + std::to_string(::getpid()) + ".txt";
    spit(s.report, "{\"inputs\": [{\"path\": \"" + secret + "\", \"sha256\": \"" + zero + "\"}]}");
    auto r = run({"verify", s.report.string(), "--tillåt-sökväg"});
    fs::remove(s.dir.parent_path() / ("hemligt-" + std::to_string(::getpid()) + ".txt"));
    CHECK(r.exit == 1);
    CHECK(r.out.find("indatafilen " + secret + " har ändrats") != std::string::npos);
    CHECK(r.err.find("hemligt\n") == std::string::npos);
    CHECK(r.err.find("lösenord") == std::string::npos);
    CHECK(r.err.find(" fel – visas inte, filen är inte den rapporten byggdes på") != std::string::npos);
    CHECK(r.err.rfind(secret + ": ", 0) == 0);
}

// A changed rule file naming a file the report does not: not read.
TEST_CASE("verify: a rule file naming other data files than the report's") {
    Setup s;
    spit("annat.csv", "indikator;period;värde\nvåldsfrågor;2024;99 %\n");
    replace(s.rules, "utfall: [data.csv]", "utfall: [data.csv, annat.csv]");
    auto r = run({"verify", s.report.string()});
    CHECK(r.exit == 1);
    CHECK(r.out.find("indatafilen regler.yaml har ändrats") != std::string::npos);
    CHECK(r.out.find("99 %") == std::string::npos);
    CHECK(r.err.find("regler.yaml: 1 fel – visas inte") != std::string::npos);
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
    // verify reads only the files the report names: the rule file's other
    // data file is an error at its name, not read.
    auto r = run({"verify", s.report.string()});
    CHECK(r.exit == 1);
    CHECK(r.err.find("regler.yaml:4:10: fel: datafilen data.csv finns inte bland rapportens indatafiler; verify läser bara dem") !=
          std::string::npos);
    CHECK(r.out.find("indata har nu fel (1 fel) och ger ingen rapport") != std::string::npos);
}

// The labels of the report's own kind: a delår says Uppnås / Kan ej bedömas.
TEST_CASE("verify: differences in a delår use the delår labels") {
    Setup s;
    fs::create_directories("son/data");
    fs::copy_file(s.home / "rules/son/2018-delar.yaml", "son/2018-delar.yaml");
    fs::copy_file(s.home / "rules/son/data/son-2018.csv", "son/data/son-2018.csv");
    auto made = run({"assess", "son/2018-delar.yaml", "--format", "json", "-o", s.report.string()});
    REQUIRE(made.exit == 0);
    replace(s.report, "\"result\": \"ej_bedomd\",\n      \"level\": null,\n      \"label\": \"Kan ej bedömas\"",
            "\"result\": \"uppfyllt\",\n      \"level\": null,\n      \"label\": \"Uppnås\"");
    auto r = run({"verify", s.report.string()});
    CHECK(r.exit == 1);
    CHECK(r.out.find("  - nämndmål mål-1-bästa-förmåga: resultat Uppnås → Kan ej bedömas\n") != std::string::npos);
}
