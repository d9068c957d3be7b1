// The command line end to end: exit codes, Swedish usage errors, -o written
// whole or not at all, the JSON report's shape.
#include <doctest/doctest.h>

#include <csignal>
#include <tuple>
#include <filesystem>
#include <fstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "engine/cli/cli.hpp"
#include "engine/core/atomic_write.hpp"
#include "engine/core/sha256.hpp"
#include "engine/core/source.hpp"
#include "tests/cli_run.hpp"
#include "tests/file_io.hpp"

using malkoll::test::slurp;
using malkoll::test::spit;

namespace fs = std::filesystem;
using malkoll::test::run;

namespace {
fs::path temp_dir() {
    fs::path d = fs::temp_directory_path() / ("malkoll-test-" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
}
}  // namespace

TEST_CASE("cli: usage errors are Swedish and exit 2") {
    struct Case {
        std::vector<std::string> args;
        const char* expected;
    } cases[] = {
        {{"assess"}, "malkoll: REGELFIL saknas\n"},
        {{"assess", "fixtures/exempel.yaml", "--format", "pdf"}, "malkoll: okänt format 'pdf'; välj md, html, json, csv, xlsx eller docx\n"},
        {{"assess", "fixtures/exempel.yaml", "--format", "xls"}, "malkoll: okänt format 'xls'; menade du 'xlsx'?\n"},
        {{"assess", "fixtures/exempel.yaml", "--bogus"}, "malkoll: okänd flagga '--bogus'\n"},
        {{"assess", "fixtures/exempel.yaml", "--form", "json"}, "malkoll: okänd flagga '--form'; menade du '--format'?\n"},
        {{"assess", "fixtures/exempel.yaml", "extra.yaml"}, "malkoll: okänt eller överflödigt argument: extra.yaml\n"},
        {{"schema", "--format", "json"}, "malkoll: okänt eller överflödigt argument: --format json\n"},
        {{"frobnicate"}, "malkoll: okänt kommando 'frobnicate'; välj check, assess, explain, verify, diff, hämta eller schema\n"},
        {{"hamta"}, "malkoll: REGELFIL saknas\n"},
        {{"hämta", "fixtures/exempel.yaml", "--år", "2024-2020"}, "malkoll: '2024-2020' är inga år; skriv --år 2020-2024 eller --år 2024\n"},
        {{"hämta", "fixtures/exempel.yaml", "--datum", "2025-02-30"}, "malkoll: '2025-02-30' är inget datum; skriv --datum ÅÅÅÅ-MM-DD, t.ex. --datum 2025-03-15\n"},
        {{"hämta", "fixtures/exempel.yaml", "--fran-katalg", "x"}, "malkoll: okänd flagga '--fran-katalg'; menade du '--från-katalog'?\n"},
        {{"asses", "x.yaml"}, "malkoll: okänt kommando 'asses'; menade du 'assess'?\n"},
        {{}, "malkoll: ange ett kommando: check, assess, explain, verify, diff, hämta eller schema\n"},
    };
    for (const auto& c : cases) {
        auto r = run(c.args);
        CAPTURE(r.err);
        CHECK(r.exit == 2);
        CHECK(r.err.rfind(c.expected, 0) == 0);
        CHECK(r.err.find("Användning:") != std::string::npos);
        CHECK(r.out.empty());
    }
}

// The help is prose; the commands and flags are a table in cli.cpp. Each
// one the table knows is in the help, and either spelling of a flag is taken.
TEST_CASE("cli: the help names every command and flag, and ASCII spellings work") {
    const std::string help = run({"--hjälp"}).out;
    for (const std::string& c : malkoll::cli_commands()) {
        CAPTURE(c);
        CHECK(help.find("malkoll " + c + " ") != std::string::npos);
        CHECK(help.find("\n  " + c + " ") != std::string::npos);
    }
    CHECK(malkoll::cli_commands().size() == 7);
    for (const std::string& f : malkoll::cli_flags()) {
        CAPTURE(f);
        CHECK(help.find(f) != std::string::npos);
    }
    CHECK(malkoll::cli_flags().size() == 16);
    // `--tillat-sokvag` as `--tillåt-sökväg`: verify then fails on the report, not on the flag.
    for (const char* flag : {"--tillåt-sökväg", "--tillat-sokvag"}) {
        auto r = run({"verify", "finns-inte.json", flag});
        CAPTURE(r.err);
        CHECK(r.exit == 1);
        CHECK(r.err.find("okänd flagga") == std::string::npos);
    }
    auto ascii = run({"hamta", "fixtures/exempel.yaml", "--ar", "2024-2020"});
    CHECK(ascii.err.rfind("malkoll: '2024-2020' är inga år", 0) == 0);
    auto hidden = run({"check", "fixtures/exempel.yaml", "--bevaka-hogst=x"});
    CHECK(hidden.err.rfind("malkoll: --bevaka-högst vill ha ett antal körningar", 0) == 0);
    auto elsewhere = run({"explain", "fixtures/exempel.yaml", "x", "--watch"});
    CHECK(elsewhere.err.rfind("malkoll: --watch gäller bara check och assess", 0) == 0);
}

TEST_CASE("cli: help and version") {
    auto h = run({"--hjälp"});
    CHECK(h.exit == 0);
    CHECK(h.out.find("malkoll assess  REGELFIL") != std::string::npos);
    // Help after a command too, whatever else is missing.
    for (std::vector<std::string> args : {std::vector<std::string>{"assess", "--help"}, {"check", "-h"},
                                          {"explain", "fixtures/exempel.yaml", "--hjälp"}}) {
        auto r = run(args);
        CHECK(r.exit == 0);
        CHECK(r.out == h.out);
    }
    // GNU style: the last of a repeated option wins, values may be attached.
    auto twice = run({"assess", "fixtures/exempel.yaml", "--format", "json", "--format=csv"});
    CHECK(twice.exit == 0);
    CHECK(twice.out == run({"assess", "fixtures/exempel.yaml", "--format", "csv"}).out);
    auto v = run({"--version"});
    CHECK(v.exit == 0);
    CHECK(v.out == std::string("malkoll ") + MALKOLL_VERSION + "\n");
}

TEST_CASE("cli: a file that cannot be read is exit 1 with a Swedish message") {
    auto r = run({"check", "fixtures/finns-inte.yaml"});
    CHECK(r.exit == 1);
    CHECK(r.err == "fixtures/finns-inte.yaml: fel: filen kan inte läsas: den finns inte\n1 fel\n");
}

TEST_CASE("cli: -o leaves an existing report untouched when the run fails") {
    fs::path dir = temp_dir();
    fs::path report = dir / "rapport.md";
    spit(report, "tidigare rapport\n");
    auto r = run({"assess", "fixtures/fel-värden.yaml", "-o", report.string()});
    CHECK(r.exit == 1);
    CHECK(r.err.find("ingen rapport skrevs") != std::string::npos);
    CHECK(slurp(report) == "tidigare rapport\n");
    // No temporary file is left behind.
    int files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++files;
    CHECK(files == 1);

    // A successful run replaces it whole, and writes nothing to standard output.
    auto ok = run({"assess", "fixtures/exempel.yaml", "-o", report.string()});
    CHECK(ok.exit == 0);
    CHECK(ok.out.empty());
    CHECK(slurp(report) == run({"assess", "fixtures/exempel.yaml"}).out);

    // An -o into a folder that does not exist fails without output.
    auto bad = run({"assess", "fixtures/exempel.yaml", "-o", (dir / "saknas" / "r.md").string()});
    CHECK(bad.exit == 1);
    CHECK(bad.err.find("fel:") != std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("cli: check lists every problem, sorted, then a count") {
    auto r = run({"check", "fixtures/fel-okänd-nyckel.yaml", "fixtures/fel-värden.yaml"});
    CHECK(r.exit == 1);
    std::vector<std::string> lines;
    std::size_t b = 0;
    for (std::size_t e; (e = r.err.find('\n', b)) != std::string::npos; b = e + 1) lines.push_back(r.err.substr(b, e - b));
    std::vector<std::string> heads;
    for (const auto& l : lines)
        if (l.find(": fel: ") != std::string::npos) heads.push_back(l.substr(0, l.find(": fel: ")));
    CHECK(heads == std::vector<std::string>{"fixtures/fel-okänd-nyckel.yaml:12:17", "fixtures/fel-okänd-nyckel.yaml:15:17",
                                            "fixtures/fel-okänd-nyckel.yaml:16:17", "fixtures/fel-värden.yaml:17:25",
                                            "fixtures/fel-värden.yaml:18:28"});
    CHECK(lines.back() == "5 fel");
    auto ok = run({"check", "fixtures/exempel.yaml"});
    CHECK(ok.exit == 0);
    CHECK(ok.out == "Inga fel.\n");
}

TEST_CASE("cli: the same inputs give byte-identical reports") {
    for (const char* fmt : {"md", "json", "html", "csv"}) {
        auto a = run({"assess", "fixtures/exempel.yaml", "--format", fmt});
        auto b = run({"assess", "fixtures/exempel.yaml", "--format", fmt});
        CHECK(a.exit == 0);
        CHECK(a.out == b.out);
    }
}

TEST_CASE("cli: the JSON report, field by field") {
    auto r = run({"assess", "fixtures/exempel.yaml", "--format", "json"});
    REQUIRE(r.exit == 0);
    auto j = nlohmann::ordered_json::parse(r.out);

    std::vector<std::string> keys;
    for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
    CHECK(keys == std::vector<std::string>{"engine", "inputs", "committee", "year", "report", "period", "decision", "municipality", "committees", "goals",
                                             "municipal_goals", "areas", "summary", "assignments", "key_figures"});
    CHECK(j["engine"]["name"] == "malkoll");
    CHECK(j["engine"]["version"] == MALKOLL_VERSION);
    REQUIRE(j["inputs"].size() == 1);
    CHECK(j["inputs"][0]["path"] == "fixtures/exempel.yaml");
    CHECK(j["inputs"][0]["sha256"] == malkoll::sha256_hex(*malkoll::read_file_bytes("fixtures/exempel.yaml")));
    CHECK(j["committee"] == "Exempelnämnden");
    CHECK(j["year"] == 2024);
    CHECK(j["report"] == "helår");
    CHECK(j["period"] == "2024");
    CHECK(j["decision"] == "EN 2023-11-22 § 12");

    const auto& g = j["goals"][0];
    std::vector<std::string> gkeys;
    for (auto it = g.begin(); it != g.end(); ++it) gkeys.push_back(it.key());
    CHECK(gkeys == std::vector<std::string>{"id", "committee", "name", "area", "municipal_goal", "result", "level", "label", "manual",
                                            "rule_result", "motivering", "justification", "trace", "indicators"});
    CHECK(g["id"] == "tidig-upptäckt");
    CHECK(g["area"] == "Samhälle");
    CHECK(g["result"] == "delvis");
    CHECK(g["label"] == "Delvis uppfyllt");
    CHECK(g["manual"] == false);
    CHECK(g["motivering"].is_null());

    const auto& ind = g["indicators"][0];
    std::vector<std::string> ikeys;
    for (auto it = ind.begin(); it != ind.end(); ++it) ikeys.push_back(it.key());
    CHECK(ikeys == std::vector<std::string>{"id", "name", "unit", "direction", "target", "data_source", "result", "level", "label",
                                            "manual", "rule_result", "motivering", "justification", "values", "trace", "series_results",
                                            "development", "value_scale"});
    CHECK(ind["id"] == "våldsfrågor");
    CHECK(ind["unit"] == "%");
    CHECK(ind["direction"] == "öka");
    CHECK(ind["target"] == "minst 15 %");
    CHECK(ind["data_source"] == "Treserva");
    CHECK(ind["result"] == "uppfyllt");
    CHECK(ind["rule_result"] == "uppfyllt");
    CHECK(ind["justification"] == "Uppfyllt: 17 % (2024) ≥ målvärdet 15 %.");
    const auto& v = ind["values"];
    REQUIRE(v.size() == 5);
    CHECK(v[0]["period"] == "2022");
    CHECK(v[0]["value"] == 4);
    CHECK(v[0]["text"] == "4 %");
    CHECK(v[0]["source"] == "fixtures/exempel.yaml:25");
    CHECK(v[2]["period"] == "2024");
    CHECK(v[2]["series"] == "");
    CHECK(v[2]["value"] == 17);
    CHECK(v[3]["series"] == "kvinnor");
    CHECK(r.out.find("\"value\": 17,") != std::string::npos);  // shortest form, not 17.0

    // The deciding clause of the built-in rule, with what it read.
    const auto& t = ind["trace"];
    REQUIRE(t.size() == 2);
    CHECK(t[0]["text"] == "ej bedömd om saknas(helårsvärde)");
    CHECK(t[0]["result"] == "falskt");
    CHECK(t[1]["text"] == "uppfyllt om uppnått");
    CHECK(t[1]["result"] == "sant");
    CHECK(t[1]["decided"] == true);
    CHECK(t[1]["position"] == "inbyggd indikatorregel:2:1");
    CHECK(t[1]["reads"][0]["inputs"]["mål"]["value"] == 15);

    // An interval keeps its ends; a missing value has value null and its note.
    const auto& kostnad = j["goals"][1]["indicators"][1];
    CHECK(kostnad["result"] == "ej_bedomd");
    CHECK(kostnad["values"][2]["value"].is_null());
    CHECK(kostnad["values"][2]["text"] == "i.u.");
    CHECK(kostnad["values"][2]["note"] == "Kolada aug 2025");
    const auto& nojd = j["goals"][2]["indicators"][0];
    CHECK(nojd["values"][1]["value"].is_null());
    CHECK(nojd["values"][1]["low"] == 26);
    CHECK(nojd["values"][1]["high"] == 34);
    CHECK(nojd["result"] == "ej_bedomd");

    const auto& manual = j["goals"][3];
    CHECK(manual["manual"] == true);
    CHECK(manual["result"] == "delvis");
    CHECK(manual["rule_result"].is_null());  // no indicators: not evaluated
    CHECK(manual["motivering"] == "Chefsindex ligger lägre än kommunen i övrigt.");

    CHECK(j["summary"]["goals"] == nlohmann::ordered_json::parse(R"({"uppfyllt": 1, "delvis": 2, "ej_uppfyllt": 1, "ej_bedomd": 0})"));
    CHECK(j["summary"]["indicators"] == nlohmann::ordered_json::parse(R"({"uppfyllt": 2, "delvis": 1, "ej_uppfyllt": 1, "ej_bedomd": 2})"));
    CHECK(j["summary"]["manual_deviations"] == 0);
}

TEST_CASE("cli: diff exits 0 with or without changes, 1 when a file has errors") {
    auto changed = run({"diff", "fixtures/diff/son-2023.yaml", "fixtures/diff/son-2024.yaml"});
    CHECK(changed.exit == 0);
    CHECK(changed.out.rfind("# Ändringar från 2023 till 2024, Social- och omsorgsnämnden\n", 0) == 0);
    auto same = run({"diff", "fixtures/exempel.yaml", "fixtures/exempel.yaml"});
    CHECK(same.exit == 0);
    CHECK(same.out == "# Ändringar från 2024 till 2024, Exempelnämnden\n\nInga ändringar.\n");
    auto bad = run({"diff", "fixtures/exempel.yaml", "fixtures/fel-tabb.yaml"});
    CHECK(bad.exit == 1);
    CHECK(bad.out.empty());
}

TEST_CASE("cli: a data file named under utfall: that is missing is an error at its name") {
    auto r = run({"check", "fixtures/data/saknad-datafil.yaml"});
    CHECK(r.exit == 1);
    CHECK(r.err.rfind("fixtures/data/saknad-datafil.yaml:4:10: fel: datafilen fixtures/data/finns-inte.csv finns inte", 0) == 0);
}

// docs/regelfil.md: periods ascending, the main series first, then `serier` in
// the order given — however the values were written (here backwards, with a
// forecast and an interim period, in a delår).
TEST_CASE("cli: JSON values and explain's list in report order") {
    fs::path dir = temp_dir();
    fs::path rules = dir / "ordning.yaml";
    spit(rules,
         "malkoll: 1\nnämnd: T\når: 2024\nrapport: delår\nperiod: 2024-08\nmålområden:\n  - namn: A\n    kommunmål:\n"
         "      - namn: B\n        nämndmål:\n          - id: m\n            namn: M\n            indikatorer:\n"
         "              - id: i\n                namn: I\n                enhet: \"%\"\n                riktning: öka\n"
         "                serier: [män, kvinnor]\n"
         "                utfall:\n"
         "                  2024: {prognos: \"20 %\", kvinnor: \"19 %\"}\n"
         "                  2024-08: {kvinnor: \"18 %\", totalt: \"17 %\", män: \"16 %\"}\n"
         "                  2023: {kvinnor: \"11 %\", totalt: \"10 %\"}\n");
    auto r = run({"assess", rules.string(), "--format", "json"});
    REQUIRE(r.exit == 0);
    auto j = nlohmann::ordered_json::parse(r.out);
    std::vector<std::string> got;
    for (const auto& v : j["goals"][0]["indicators"][0]["values"])
        got.push_back(v["period"].get<std::string>() + "/" + v["series"].get<std::string>());
    // (2024/kvinnor lies after the delår's period and is not read; the forecast is.)
    CHECK(got == std::vector<std::string>{"2023/", "2023/kvinnor", "2024-08/", "2024-08/män", "2024-08/kvinnor", "2024/prognos"});
    auto e = run({"explain", rules.string(), "i"});
    REQUIRE(e.exit == 0);
    auto list = e.out.substr(e.out.find("Värden:\n"));
    CHECK(list.find("2023     totalt") < list.find("2023     kvinnor"));
    CHECK(list.find("2024-08  män") < list.find("2024-08  kvinnor"));
    CHECK(list.find("2024-08  kvinnor") < list.find("2024     prognos"));
    fs::remove_all(dir);
}

TEST_CASE("cli: assess lists warnings, counts them and still writes the report") {
    fs::path dir = temp_dir();
    fs::path csv = dir / "extra.csv";
    spit(csv, "indikator;period;värde\nvåldsfrgor;2024;5 %\n");
    auto r = run({"assess", "fixtures/exempel.yaml", "--data", csv.string()});
    CHECK(r.exit == 0);
    CHECK(r.err == csv.string() + ":2:1: varning: okänd indikator 'våldsfrgor' (menade du 'våldsfrågor'?)\n"
                   "våldsfrgor;2024;5 %\n^\n0 fel, 1 varning\n");
    CHECK(r.out.rfind("# ", 0) == 0);
    fs::remove_all(dir);
}

// Only regular files are read (or links to them): a FIFO is refused without
// waiting for a writer, a device without reading it, a directory is named as
// one, and a file above the size limit is refused before it is read.
TEST_CASE("cli: inputs that are not regular files, or too large, are refused at once") {
    fs::path dir = temp_dir() / "indata";
    fs::create_directories(dir);
    const fs::path fifo = dir / "rör.yaml";
    fs::remove(fifo);
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const fs::path huge = dir / "stor.yaml";
    {
        std::ofstream f(huge, std::ios::binary);
    }
    fs::resize_file(huge, (std::uintmax_t{1} << 30) + 1);  // sparse: no disk used

    struct Case {
        std::string path, why;
    };
    const std::vector<Case> cases = {
        {fifo.string(), "det är ingen vanlig fil (en enhet, en FIFO eller liknande); spara innehållet i en fil och ange den"},
        {"/dev/zero", "det är ingen vanlig fil (en enhet, en FIFO eller liknande); spara innehållet i en fil och ange den"},
        {dir.string(), "det är en mapp, inte en fil"},
        {huge.string(), "den är 1 024 MB; en regel- eller datafil får vara högst 1 024 MB"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.path);
        auto r = run({"check", c.path});
        CHECK(r.exit == 1);
        CHECK(r.err == c.path + ": fel: filen kan inte läsas: " + c.why + "\n1 fel\n");
    }

    // The same for a data file named in the rule file.
    const fs::path rules = dir / "regler.yaml";
    spit(rules, "malkoll: 1\nnämnd: N\når: 2024\nutfall: [/dev/zero]\nmålområden: []\n");
    auto r = run({"check", rules.string()});
    CHECK(r.exit == 1);
    CHECK(r.err.find("/dev/zero: fel: filen kan inte läsas: det är ingen vanlig fil") != std::string::npos);
    fs::remove_all(dir);
}

// -o (docs/regelfil.md, Rapportens format): never over an input, never onto anything but a regular
// file; through a link the file it points to; `-o -` is standard output.
TEST_CASE("cli: -o refuses inputs, devices, FIFOs and directories, writes through links") {
    fs::path dir = temp_dir() / "utdata";
    fs::remove_all(dir);
    fs::create_directories(dir / "sub");
    const std::string rules_text = slurp("fixtures/exempel.yaml");
    const fs::path rules = dir / "regler.yaml";
    spit(rules, rules_text);

    // The rule file itself, spelled another way: refused, untouched.
    const std::string other_spelling = (dir / "sub" / ".." / "regler.yaml").string();
    auto r = run({"assess", rules.string(), "-o", other_spelling});
    CHECK(r.exit == 1);
    CHECK(r.err.find(": fel: kan inte skriva rapporten över indatafilen " + rules.string()) != std::string::npos);
    CHECK(slurp(rules) == rules_text);
    // Through a hard link too (same inode).
    fs::create_hard_link(rules, dir / "hård.md");
    r = run({"assess", rules.string(), "-o", (dir / "hård.md").string()});
    CHECK(r.exit == 1);
    CHECK(slurp(rules) == rules_text);

    // A data file named with --data.
    const fs::path data = dir / "data.csv";
    spit(data, "indikator;period;värde\n");
    r = run({"assess", rules.string(), "--data", data.string(), "-o", data.string()});
    CHECK(r.exit == 1);
    CHECK(slurp(data) == "indikator;period;värde\n");

    // Not regular files: a directory, a FIFO, a device. Nothing replaced.
    const fs::path fifo = dir / "rör";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    for (const std::string& target : {(dir / "sub").string(), fifo.string(), std::string("/dev/null")}) {
        CAPTURE(target);
        r = run({"assess", rules.string(), "-o", target});
        CHECK(r.exit == 1);
        CHECK(r.err.find(target + ": fel: kan inte skriva " + target + ": ") != std::string::npos);
    }
    CHECK(fs::is_fifo(fifo));
    CHECK(fs::is_character_file("/dev/null"));
    CHECK(fs::is_directory(dir / "sub"));

    // Through a symbolic link: the file it points to is written, the link stays.
    const fs::path real = dir / "sub" / "rapport.md";
    spit(real, "gammal\n");
    const fs::path link = dir / "länk.md";
    fs::create_symlink(real, link);
    r = run({"assess", rules.string(), "-o", link.string()});
    CHECK(r.exit == 0);
    CHECK(fs::is_symlink(link));
    CHECK(slurp(real).rfind("# ", 0) == 0);
    // A link to nothing: refused, the link kept.
    const fs::path dangling = dir / "tom-länk.md";
    fs::create_symlink(dir / "finns-inte" / "x.md", dangling);
    r = run({"assess", rules.string(), "-o", dangling.string()});
    CHECK(r.exit == 1);
    CHECK(r.err.find("länken pekar på något som inte finns") != std::string::npos);
    CHECK(fs::is_symlink(dangling));

    // `-o -`: standard output, no file named "-".
    r = run({"assess", rules.string(), "-o", "-"});
    CHECK(r.exit == 0);
    CHECK(r.out == run({"assess", rules.string()}).out);
    CHECK_FALSE(fs::exists("-"));
    fs::remove_all(dir);
}

// Standard output that cannot be written is an error with its reason, exit 1,
// for every command: a full disk (/dev/full) and a pipe whose reader is gone.
TEST_CASE("cli: a failed write to standard output is reported, exit 1") {
    std::signal(SIGPIPE, SIG_IGN);  // as main() does
    auto run_to = [](std::ostream& out, std::vector<std::string> args) {
        args.insert(args.begin(), "malkoll");
        std::vector<const char*> argv;
        for (const auto& a : args) argv.push_back(a.c_str());
        std::ostringstream err;
        const int code = malkoll::run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
        return std::pair<int, std::string>(code, err.str());
    };
    const std::string ut = "malkoll: fel: standard ut kunde inte skrivas (";
    for (const std::vector<std::string>& args : {std::vector<std::string>{"assess", "fixtures/exempel.yaml"},
                                                 std::vector<std::string>{"assess", "fixtures/exempel.yaml", "-o", "-", "--format", "json"},
                                                 std::vector<std::string>{"check", "fixtures/exempel.yaml"},
                                                 std::vector<std::string>{"--version"}}) {
        CAPTURE(args.front());
        const int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
        REQUIRE(fd >= 0);
        int code = 0;
        std::string err;
        {
            malkoll::FdStream full(fd);
            std::tie(code, err) = run_to(full, args);
        }
        ::close(fd);
        CHECK(code == 1);
        CHECK(err.find(ut + "disken är full); utdata saknas eller är ofullständig\n") != std::string::npos);
    }
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    ::close(fds[0]);
    {
        malkoll::FdStream pipe_out(fds[1]);
        auto [code, err] = run_to(pipe_out, {"assess", "fixtures/exempel.yaml"});
        CHECK(code == 1);
        CHECK(err.find(ut + "mottagaren har stängt röret)") != std::string::npos);
    }
    ::close(fds[1]);
}
