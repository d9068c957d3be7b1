// `malkoll schema` (docs/regelfil.md, Stöd i editorn): the committed
// schema/malkoll.schema.json is the command's output; it has every key of the
// loader's tables in both spellings; every rule file that passes `malkoll
// check` is valid against it, read as an editor reads YAML
// (tests/schema_validate.py, with Debian's jsonschema and yaml); and each bad
// fixture is rejected exactly where a schema can see its mistake.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "engine/core/text.hpp"
#include "engine/load/rule_keys.hpp"
#include "engine/load/rule_schema.hpp"
#include "tests/cli_run.hpp"

namespace fs = std::filesystem;
using malkoll::test::run;
using Json = nlohmann::json;

namespace {

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

fs::path temp_dir(const char* name) {
    fs::path dir = fs::temp_directory_path() / (std::string("malkoll-") + name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::string shell_quoted(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

// Every key of `table` stands in `object`'s properties in its Swedish and its
// ASCII spelling, each with a description, and no other key does.
template <std::size_t N>
void check_keys(const Json& object, const malkoll::KeyTable<N>& table) {
    CAPTURE(table.where);
    REQUIRE(object.is_object());
    CHECK(object.at("type") == "object");
    CHECK(object.at("additionalProperties") == false);
    CHECK(!object.at("description").get<std::string>().empty());
    std::set<std::string> expected;
    for (const auto& k : table.keys) {
        expected.insert(std::string(k.name));
        expected.insert(malkoll::fold_word(k.name));
    }
    std::set<std::string> got;
    const Json& properties = object.at("properties");
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        const std::string name = it.key();
        got.insert(name);
        CAPTURE(name);
        const Json& description = it.value().at("description");
        CHECK((description.is_string() && !description.get_ref<const std::string&>().empty()));
    }
    CHECK(got == expected);
}

}  // namespace

TEST_CASE("schema: schema/malkoll.schema.json is what malkoll schema writes") {
    const std::string committed = read_file("schema/malkoll.schema.json");
    const auto r = run({"schema"});
    CHECK(r.exit == 0);
    CHECK(r.err.empty());
    CHECK_MESSAGE(r.out == committed, "schema/malkoll.schema.json är inte aktuell: kör build/malkoll schema -o schema/malkoll.schema.json");
    CHECK(r.out == malkoll::rule_file_schema());  // the same text every time
    CHECK(run({"schema", "-o", "-"}).out == committed);
}

TEST_CASE("schema: -o writes the whole schema, anything else is a usage error") {
    const fs::path dir = temp_dir("schema");
    const fs::path file = dir / "malkoll.schema.json";
    auto r = run({"schema", "-o", file.string()});
    CHECK(r.exit == 0);
    CHECK(r.out.empty());
    CHECK(r.err.empty());
    CHECK(read_file(file) == malkoll::rule_file_schema());

    // A directory cannot be written: an error, exit 1, the directory untouched.
    r = run({"schema", "-o", dir.string()});
    CHECK(r.exit == 1);
    CHECK(r.err.find(dir.string() + ": fel: ") == 0);
    CHECK(fs::is_directory(dir));

    struct Case {
        std::vector<std::string> args;
        const char* first_line;
    };
    const Case cases[] = {
        {{"schema", "rules/son/2024.yaml"}, "malkoll: okänt eller överflödigt argument: rules/son/2024.yaml"},
        {{"schema", "-o", "a.json", "b.json"}, "malkoll: okänt eller överflödigt argument: b.json"},
        {{"schema", "--data"}, "malkoll: okänt eller överflödigt argument: --data"},
        {{"schema", "--bogus"}, "malkoll: okänd flagga '--bogus'"},
        {{"schema", "-o"}, "malkoll: ett argument saknar sitt värde (t.ex. '-o FIL', '--format md')"},
        {{"schemat"}, "malkoll: okänt kommando 'schemat'; menade du 'schema'?"},
    };
    for (const auto& c : cases) {
        r = run(c.args);
        CAPTURE(r.err);
        CHECK(r.exit == 2);
        CHECK(r.out.empty());
        CHECK(r.err.substr(0, r.err.find('\n')) == c.first_line);
        CHECK(r.err.find("malkoll schema  [-o FIL]") != std::string::npos);  // followed by the usage
    }
    fs::remove_all(dir);
}

TEST_CASE("schema: draft-07, with every key of the loader's tables in both spellings") {
    const Json s = Json::parse(malkoll::rule_file_schema());
    CHECK(s.at("$schema") == "http://json-schema.org/draft-07/schema#");
    CHECK(!s.contains("$id"));
    check_keys(s, malkoll::kRuleFileKeys);
    const Json& d = s.at("definitions");
    CHECK(d.size() == 10);
    check_keys(d.at("malomrade"), malkoll::kAreaKeys);
    check_keys(d.at("kommunmal"), malkoll::kMunicipalGoalKeys);
    check_keys(d.at("namndmal"), malkoll::kGoalKeys);
    check_keys(d.at("indikator"), malkoll::kIndicatorKeys);
    check_keys(d.at("skalniva"), malkoll::kScaleLevelKeys);
    check_keys(d.at("nivaord"), malkoll::kLevelWordKeys);
    check_keys(d.at("utvecklingsuppdrag"), malkoll::kAssignmentKeys);
    check_keys(d.at("nyckeltalstabell"), malkoll::kKeyFigureTableKeys);
    check_keys(d.at("nyckeltal"), malkoll::kKeyFigureKeys);
    check_keys(d.at("datafil"), malkoll::kDataFileKeys);
    // The ASCII spelling is the loader's fold: bedöm_serier → bedom_serier.
    CHECK(d.at("indikator").at("properties").contains("bedom_serier"));
    CHECK(s.at("properties").contains("malomraden"));
}

namespace {

// The bad fixtures whose mistake a schema can see, and the errors it finds:
// "PATH<TAB>KEYWORD<TAB>DETAIL" (tests/schema_validate.py). Every other file
// that fails `malkoll check` must be valid against the schema (its mistakes are
// in rules, values, ids or names, which only check sees) or be YAML an editor
// cannot read (kUnreadable).
struct Rejected {
    const char* file;
    const char* why;
    std::vector<std::string> errors;
};
const std::string kGoal = "/målområden/0/kommunmål/0/nämndmål/0";
const std::string kIndicator = kGoal + "/indikatorer/0";
const Rejected kRejected[] = {
    {"fixtures/docs/fel/decimalkomma-enhet.yaml", "{totalt: 8,0 %, män: 7,9 %}: serierna '0 %' och '9 %' utan värde",
     {kIndicator + "/utfall/2024\tanyOf\t"}},
    {"fixtures/docs/fel/decimalkomma.yaml", "{totalt: 7,7, män: 7,4, kvinnor: 7,8}: serierna '7', '4' och '8' utan värde",
     {kIndicator + "/utfall/2023\tanyOf\t"}},
    {"fixtures/docs/fel/delår.yaml", "rapport: delår utan period:", {"/\trequired\t"}},
    {"fixtures/docs/fel/manuell.yaml", "manuell: utan motivering:", {kGoal + "\tdependencies\t"}},
    {"fixtures/docs/fel/målkarta.yaml", "{2023: minst 7,5 %, …}: nyckeln '5 %' är inget år", {kIndicator + "/mål\tanyOf\t"}},
    {"fixtures/docs/fel/nycklar.yaml",
     "rapport: kvartal, beslutet:, ett id med mellanslag, manuell: utan motivering:, riktnig: (och därför ingen riktning:); "
     "id:t som används två gånger ser bara check",
     {"/\tadditionalProperties\tbeslutet", kGoal + "\tdependencies\t", kGoal + "/id\tpattern\t",
      kIndicator + "\tadditionalProperties\triktnig", kIndicator + "\tanyOf\t", "/rapport\tanyOf\t"}},
    {"fixtures/docs/fel/uppdrag.yaml", "status: Genomförd och Klar, ett uppdrag utan text:, statsu: (och därför ingen status:)",
     {"/utvecklingsuppdrag/0/status\tanyOf\t", "/utvecklingsuppdrag/1\trequired\t",
      "/utvecklingsuppdrag/2\tadditionalProperties\tstatsu", "/utvecklingsuppdrag/2\trequired\t",
      "/utvecklingsuppdrag/3/status\tanyOf\t"}},
    {"fixtures/docs/fel/vikt-tolerans.yaml", "vikt: -1; toleransen i fel enhet ser bara check", {kIndicator + "/vikt\tminimum\t"}},
    {"fixtures/fel-alla-steg.yaml", "målvärde: är ingen nyckel; värdet och regeln ser bara check",
     {kIndicator + "\tadditionalProperties\tmålvärde"}},
    {"fixtures/fel-bedömda-nivåer.yaml",
     "ett kommunmål utan id under ett bedömt målområde, ett tomt ord under nivåer:; reglerna ser bara check",
     {"/målområden/0/kommunmål/0\trequired\t", "/nivåer/nämndmål\tminLength\t"}},
    {"fixtures/fel-decimalkomma.yaml", "{2023: 4,7} och {totalt: 4,7, män: 3,9}",
     {kIndicator + "/utfall\tadditionalProperties\t7", kIndicator + "/utfall/2024\tanyOf\t"}},
    {"fixtures/fel-namn-och-nämnd.yaml",
     "både nämnd: och namn:, ett målområde med både kommunmål: och nämndmål:, ett med ingen av dem",
     {"/\toneOf\t", "/målområden/0\toneOf\t", "/målområden/1\toneOf\t"}},
    {"fixtures/fel-nyckeltal.yaml",
     "rubirk: (och därför ingen rubrik:), andl:, ackumulerad: kanske, rader: []; serier, id och värden ser bara check",
     {"/nyckeltal/0\tadditionalProperties\trubirk", "/nyckeltal/0\trequired\t",
      "/nyckeltal/0/rader/0\tadditionalProperties\tandl", "/nyckeltal/0/rader/0/ackumulerad\tanyOf\t",
      "/nyckeltal/1/rader\tminItems\t"}},
    {"fixtures/fel-okänd-nyckel.yaml", "riktnig: och utfal: (och därför ingen riktning:)",
     {kIndicator + "\tadditionalProperties\triktnig,utfal", kIndicator + "\tanyOf\t"}},
    {"fixtures/fel-skala.yaml", "ingen nivå som räknas som ej bedömd, som: inte bedömd; standardnivåerna och namnen ser bara check",
     {"/skala\tcontains\t", "/skala/4/som\tanyOf\t"}},
    {"fixtures/fel-version-1-1.yaml", "enhet: och tolerans: på en statusindikator; orden, serierna och reglerna ser bara check",
     {kIndicator + "/enhet\tfalse\t", kIndicator + "/tolerans\tfalse\t"}},
    {"fixtures/sammanställning/fel-sammanställning.yaml",
     "en sammanställning med nämnd:, standardregel:, utfall: och ett kommunmål utan id med ett nämndmål; filerna och "
     "namnen ser bara check",
     {"/målområden/0/kommunmål/1\trequired\t", "/målområden/0/kommunmål/1/nämndmål\tmaxItems\t", "/nämnd\tfalse\t",
      "/standardregel\ttype\t", "/utfall\tmaxItems\t"}},
    {"fixtures/sammanställning/nämnder/fel-kommunens.yaml", "ett målområde utan kommunmål: och nämndmål:",
     {"/målområden/0\toneOf\t"}},
};

// YAML an editor's own reader rejects before any schema is applied (it shows
// that error itself): not the schema's business.
const char* const kUnreadable[] = {
    "fixtures/docs/fel/citat.yaml",          // a quote never closed
    "fixtures/docs/fel/kodning.yaml",        // Windows-1252, not UTF-8
    "fixtures/docs/fel/kolon-i-regel.yaml",  // ': ' in a rule on one line
    "fixtures/docs/fel/kolon.yaml",          // a key without ':'
    "fixtures/docs/fel/streck.yaml",         // a lone '-'
    "fixtures/docs/fel/större-än.yaml",      // a target starting with '>'
    "fixtures/docs/fel/tabb.yaml",           // a tab as indentation
    "fixtures/docs/fel/utropstecken.yaml",   // a tag
    "fixtures/fel-dubbel-nyckel.yaml",       // a key twice
    "fixtures/fel-ensamt-streck.yaml",
    "fixtures/fel-kolon-i-regel.yaml",
    "fixtures/fel-mål-med-större-än.yaml",
    "fixtures/fel-tabb.yaml",
};

// Small files that show where the loader and the schema agree, and the
// differences docs/regelfil.md (Stöd i editorn) names.
std::string small_file(const std::string& head, const std::string& goal, const std::string& indicator,
                       const std::string& values = "{2023: \"10 %\", 2024: \"12 %\"}") {
    return "malkoll: 1\n" + head + "målområden:\n  - namn: Samhälle\n    kommunmål:\n      - namn: Tryggt\n        nämndmål:\n"
           "          - id: mål1\n            namn: Ett mål\n" + goal + "            indikatorer:\n              - id: ind1\n"
           "                namn: En indikator\n" + indicator + "                utfall: " + values + "\n";
}
std::string replaced(std::string s, const std::string& from, const std::string& to) {
    return s.replace(s.find(from), from.size(), to);
}
const std::string kHead = "nämnd: Testnämnden\når: 2024\n";
const std::string kUp = "                riktning: öka\n";

struct Small {
    const char* name;
    std::string text;
    bool check_passes, schema_passes;
};
const Small kSmall[] = {
    {"ascii-keys",
     "malkoll: 1\nnamnd: Testnämnden\nar: 2024\nmalomraden:\n  - namn: Samhälle\n    kommunmal:\n      - namn: Tryggt\n"
     "        namndmal:\n          - id: mal1\n            namn: Ett mål\n            indikatorer:\n              - id: ind1\n"
     "                namn: En indikator\n                riktning: minska\n                mal: \"högst 5\"\n"
     "                malar: 2024\n                kalla: SCB\n                jamforelse: R9\n                serier: [kvinnor]\n"
     "                bedom_serier: ja\n                utfall: {2024: {totalt: 4, kvinnor: 3, R9: 5}}\n",
     true, true},
    {"words-in-any-case", small_file(kHead + "rapport: Helar\n", "            manuell: Delvis  Uppfyllt\n            motivering: Skäl\n",
                                     "                riktning: OKAS\n                ackumulerad: JA\n                obligatorisk: true\n"),
     true, true},
    {"target-per-year", small_file(kHead, "", "                riktning: Bibehållas\n                tolerans: \"0,5\"\n"
                                              "                mål: {2024: \"minst 5 %\", 2025: 6}\n"), true, true},
    {"missing-values", small_file(kHead, "", kUp, "{2023: ~, 2024: {totalt: 5, R9: ~}}"), true, true},
    {"status-indicator", small_file(kHead, "", "                vardeskala: [nej, ja]\n", "{2024: Ja}"), true, true},
    {"delår-with-period", small_file(kHead + "rapport: delar\nperiod: 2024-08\n", "", kUp), true, true},
    {"unknown-key", small_file(kHead, "", "                riktnig: öka\n"), false, false},
    {"both-spellings", small_file(kHead + "ar: 2024\n", "", kUp), false, false},
    {"delår-without-period", small_file(kHead + "rapport: DELÅR\n", "", kUp), false, false},
    {"status-with-unit", small_file(kHead, "", "                värdeskala: [nej, ja]\n                enhet: st\n", "{2024: ja}"), false, false},
    {"activities-as-text", small_file(kHead, "            aktiviteter: En aktivitet\n", kUp), false, false},
    {"decimal-comma", small_file(kHead, "", kUp, "{2024: {totalt: 7,7, män: 7,4}}"), false, false},
    {"nämnd-and-namn", small_file(kHead + "namn: Kommunen\n", "", kUp), false, false},
    {"negative-weight", small_file(kHead, "", kUp + "                vikt: -1\n"), false, false},
    {"manual-without-reason", small_file(kHead, "            manuell: delvis\n", kUp), false, false},
    // The differences: malkoll reads them, an editor marks them.
    {"capital-key", small_file("Nämnd: Testnämnden\når: 2024\n", "", kUp), true, false},
    {"kommun-unquoted", small_file(kHead + "kommun: 0580\n", "", kUp), true, false},
    {"nfd-word", small_file(kHead, "", "                riktning: o\xcc\x88ka\n"), true, false},
    {"id-true", replaced(small_file(kHead, "", kUp), "id: ind1", "id: true"), true, false},
    {"digits-series-on-its-own-line", small_file(kHead, "", kUp, "\n                  2024:\n                    totalt: 5\n                    7:"),
     true, false},
};

std::vector<fs::path> rule_files() {
    std::vector<fs::path> files;
    for (const char* root : {"rules", "fixtures"})
        for (const auto& e : fs::recursive_directory_iterator(root))
            if (e.is_regular_file() && e.path().extension() == ".yaml") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_CASE("schema: the rule files malkoll check accepts are valid, the bad fixtures are rejected where a schema can see the mistake") {
    REQUIRE_MESSAGE(std::system("/usr/bin/python3 -c 'import jsonschema, yaml' 2>/dev/null") == 0,
                    "Debians python3-jsonschema och python3-yaml saknas: kör bash tools/bootstrap.sh --test");
    const fs::path dir = temp_dir("schema-validate");
    const fs::path schema = dir / "malkoll.schema.json";
    std::ofstream(schema, std::ios::binary) << malkoll::rule_file_schema();

    std::map<std::string, bool> passes;  // by path, as check reads it
    // Built with += : g++ 12 warns falsely (-Wrestrict) on a chain of string +.
    std::string command = "/usr/bin/python3 tests/schema_validate.py ";
    command += shell_quoted(schema.string());
    for (const fs::path& f : rule_files()) {
        const std::string path = f.generic_string();
        passes[path] = run({"check", path}).exit == 0;
        // A NAME.err golden beside NAME.yaml: a bad fixture (tools/regen-golden.sh).
        if (fs::exists(fs::path(f).replace_extension(".err"))) CHECK_MESSAGE(!passes[path], path);
        command += ' ';
        command += shell_quoted(path);
    }
    REQUIRE(passes.size() > 100);
    std::map<std::string, const Small*> small;  // by path
    for (const Small& c : kSmall) {
        const std::string path = (dir / (std::string(c.name) + ".yaml")).string();
        std::ofstream(path, std::ios::binary) << c.text;
        small[path] = &c;
        command += ' ';
        command += shell_quoted(path);
    }
    const fs::path log = dir / "out.txt";
    command += " > ";
    command += shell_quoted(log.string());
    command += " 2>&1";
    const int rc = std::system(command.c_str());
    const std::string output = read_file(log);
    CAPTURE(output);
    REQUIRE(rc == 0);

    // The validator's lines by file, without the file.
    std::map<std::string, std::vector<std::string>> found;
    std::istringstream lines(output);
    for (std::string line; std::getline(lines, line);) {
        const auto tab = line.find('\t');
        REQUIRE(tab != std::string::npos);
        found[line.substr(0, tab)].push_back(line.substr(tab + 1));
    }
    CHECK(found.size() == passes.size() + small.size());
    for (const auto& [path, small_case] : small) {
        const auto* c = small_case;  // CAPTURE is a lambda, and clang 14 captures no structured binding
        CAPTURE(c->name);
        CAPTURE(c->text);
        const auto r = run({"check", path});
        CAPTURE(r.err);
        CHECK((r.exit == 0) == c->check_passes);
        CHECK((found[path] == std::vector<std::string>{"ok"}) == c->schema_passes);
        found.erase(path);
    }

    std::set<std::string> listed;
    for (const Rejected& r : kRejected) {
        listed.insert(r.file);
        CAPTURE(r.file);
        CAPTURE(r.why);
        REQUIRE(passes.count(r.file));
        CHECK(!passes.at(r.file));
        std::vector<std::string> expected;
        for (const auto& e : r.errors) expected.push_back("fel\t" + e);
        CHECK(found[r.file] == expected);
    }
    for (const char* f : kUnreadable) {
        listed.insert(f);
        CAPTURE(f);
        REQUIRE(passes.count(f));
        CHECK(!passes.at(f));
        REQUIRE(found[f].size() == 1);
        CHECK(found[f][0].rfind("yaml\t", 0) == 0);
    }
    for (const auto& entry : passes) {  // no structured binding: CAPTURE is a lambda (clang 14)
        const std::string& file = entry.first;
        if (listed.count(file)) continue;
        CAPTURE(file);
        CAPTURE(entry.second);  // false: a bad fixture whose mistake only check sees
        CHECK(found[file] == std::vector<std::string>{"ok"});
    }
    fs::remove_all(dir);
}
