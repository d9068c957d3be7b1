// Bad input is normal input: mutated rule files never crash, hang or throw
// out of the command line — every run ends with exit 1 (errors listed) or 0.
#include <doctest/doctest.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "tests/cli_run.hpp"

namespace fs = std::filesystem;
using malkoll::test::run;

TEST_CASE("robustness: mutated rule files give messages, never a crash") {
    fs::path dir = fs::temp_directory_path() / ("malkoll-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::uint64_t seed = 20261128;
    auto next = [&] {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::uint32_t>(seed >> 33);
    };
    const char* alphabet = " \n\t:-{}[],'\"|>#%åäö0123456789aemn";
    int runs = 0;
    for (const char* src : {"fixtures/exempel.yaml", "rules/son/2024.yaml", "rules/son/2018-delar.yaml"}) {
        std::ifstream in(src, std::ios::binary);
        std::string original((std::istreambuf_iterator<char>(in)), {});
        REQUIRE_MESSAGE(!original.empty(), src);  // run from the source folder (ctest does)
        for (int k = 0; k < 300; ++k) {
            std::string text = original;
            int edits = 1 + static_cast<int>(next() % 4);
            for (int e = 0; e < edits; ++e) {
                std::size_t at = next() % text.size();
                switch (next() % 3) {
                    case 0: text[at] = alphabet[next() % 36]; break;
                    case 1: text.erase(at, 1 + next() % 8); break;
                    default: text.insert(at, 1, alphabet[next() % 36]); break;
                }
            }
            fs::path f = dir / "regler.yaml";
            std::ofstream(f, std::ios::binary) << text;
            // The data files the real rule files name are found beside the mutated copy.
            fs::create_directories(dir / "data");
            for (const char* csv : {"son-2018.csv", "son-2022.csv"})
                if (!fs::exists(dir / "data" / csv)) fs::copy_file(fs::path("rules/son/data") / csv, dir / "data" / csv);
            for (const char* cmd : {"check", "assess"}) {
                auto r = run({cmd, f.string()});
                CAPTURE(text);
                CHECK((r.exit == 0 || r.exit == 1));
                if (r.exit == 1) CHECK(r.err.find("fel") != std::string::npos);
                ++runs;
            }
        }
    }
    CHECK(runs == 1800);
    fs::remove_all(dir);
}

namespace {
struct Scratch {
    fs::path dir = fs::temp_directory_path() / ("malkoll-bounds-" + std::to_string(::getpid()));
    Scratch() { fs::create_directories(dir); }
    ~Scratch() { fs::remove_all(dir); }
    fs::path put(const std::string& name, const std::string& text) const {
        std::ofstream(dir / name, std::ios::binary) << text;
        return dir / name;
    }
};
const char* kRules =
    "malkoll: 1\nnämnd: Testnämnden\når: 2024\nmålområden:\n  - namn: Samhälle\n    kommunmål:\n"
    "      - namn: Ett tryggt Linköping\n        nämndmål:\n          - id: mål-ett\n            namn: Mål ett\n"
    "            indikatorer:\n              - {id: våldsfrågor, namn: Frågor om våld, enhet: \"%\", riktning: öka, mål: \"minst 15 %\"}\n";
const char* kTarget = "mål: \"minst 15 %\"}";
std::size_t count_of(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
    return n;
}
}  // namespace

// 10 000 named extra columns on a 69 KB header line: 20 messages, each with
// the part of the line around its caret, then the count of the rest.
TEST_CASE("robustness: error output is bounded per file, long lines shown around the caret") {
    Scratch s;
    auto rules = s.put("regler.yaml", kRules);
    std::string head = "indikator;period;värde", row = "våldsfrågor;2024;17 %";
    for (int i = 0; i < 10000; ++i) head += ";extra" + std::to_string(i), row += ";x";
    auto data = s.put("data.csv", head + "\n" + row + "\n");
    auto r = run({"check", rules.string(), "--data", data.string()});
    CHECK(r.exit == 1);
    CHECK(count_of(r.err, ": fel: okänd kolumn") == 20);
    CHECK(r.err.find(data.string() + ": obs: ytterligare 9 980 fel visas inte (högst 20 per fil)\n") != std::string::npos);
    CHECK(r.err.find("\n10 000 fel\n") != std::string::npos);
    CHECK(r.err.size() < 10000);
    // The 20th column's message: its line is shown from "…" around column 166.
    CHECK(r.err.find("…;extra9;extra10;") != std::string::npos);
}

// A 5 MB unknown name: no edit distance over it, and echoed shortened.
TEST_CASE("robustness: a very long unknown name gets no suggestion and is shown shortened") {
    Scratch s;
    std::string rules = kRules;
    rules.replace(rules.find(kTarget), std::strlen(kTarget), "mål: \"minst 15 %\", regel: \"uppfyllt om " + std::string(5000000, 'v') + " > 5\"}");
    auto r = run({"check", s.put("regler.yaml", rules).string()});
    CHECK(r.exit == 1);
    CHECK(r.err.find("fel: okänt namn 'vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv…vvvvvvvvvvvvvvvvvv'\n") != std::string::npos);
    CHECK(r.err.find("menade du") == std::string::npos);
    CHECK(r.err.size() < 1000);
}

// YAML's 1 024-character limit on a key is named as such, at the key.
TEST_CASE("robustness: a key longer than YAML allows is named at its place") {
    Scratch s;
    auto r = run({"check", s.put("regler.yaml", std::string(kRules) + std::string(1500, 'k') + ": 1\n").string()});
    CHECK(r.exit == 1);
    CHECK(r.err.find("regler.yaml:13:1: fel: nyckeln är längre än YAML tillåter (1 024 tecken)") != std::string::npos);
    std::string flow = kRules;
    flow.replace(flow.find(kTarget), std::strlen(kTarget), "mål: \"minst 15 %\", " + std::string(5000, 'k') + ": 1}");
    r = run({"check", s.put("regler.yaml", flow).string()});
    CHECK(r.err.find("regler.yaml:12:103: fel: nyckeln är längre än YAML tillåter") != std::string::npos);
}

// Terminal escape sequences (ESC, C1's CSI) and bidirectional overrides in
// an id or a file name reach the terminal as U+FFFD, never as themselves.
TEST_CASE("robustness: control characters in messages are shown as U+FFFD") {
    Scratch s;
    auto rules = s.put("regler.yaml", kRules);
    auto data = s.put("data\x1b[2J.csv", "indikator;period;värde\nvåld\x1b[31m\x07sfrågor;2024;17 %\nx\xc2\x9b" "31m;2024;1\n"
                                         "a\xe2\x80\xae" "b;2024;1\n");
    auto r = run({"check", rules.string(), "--data", data.string()});
    CHECK(r.err.find('\x1b') == std::string::npos);
    CHECK(r.err.find('\x07') == std::string::npos);
    CHECK(r.err.find("\xc2\x9b") == std::string::npos);
    CHECK(r.err.find("\xe2\x80\xae") == std::string::npos);
    // A data file refuses the control character itself, at its place; the name is shown safely.
    CHECK(r.err.find("data\xef\xbf\xbd[2J.csv:2:5: fel: styrtecknet U+001B får inte stå i en datafil") != std::string::npos);
    // A bidirectional override is no control character: the id is echoed with U+FFFD in its place.
    data = s.put("data2.csv", "indikator;period;värde\na\xe2\x80\xae" "b;2024;1\n");
    r = run({"check", rules.string(), "--data", data.string()});
    CHECK(r.err.find("\xe2\x80\xae") == std::string::npos);
    CHECK(r.err.find("data2.csv:2:1: varning: okänd indikator 'a\xef\xbf\xbd" "b'") != std::string::npos);
}

// år, målår, serieavbrott and the years of `mål:` are four-digit years: a
// larger number is named, never overflowed into a period key.
TEST_CASE("robustness: years out of range are named at their place") {
    Scratch s;
    std::string big = kRules;
    big.replace(big.find("år: 2024"), std::strlen("år: 2024"), "år: 21474837");
    auto r = run({"check", s.put("regler.yaml", big).string()});
    CHECK(r.exit == 1);
    CHECK(r.err.find("regler.yaml:3:5: fel: '21474837' är inget år; skriv året med fyra siffror, t.ex. 2024") != std::string::npos);
    for (const char* field : {"målår: 99999", "serieavbrott: -5", "mål: {21474837: \"minst 15 %\"}"}) {
        CAPTURE(field);
        std::string text = kRules;
        text.replace(text.find(kTarget), std::strlen(kTarget), std::string(field) + (std::string(field).rfind("mål:", 0) == 0 ? "}" : ", mål: \"minst 15 %\"}"));
        r = run({"check", s.put("regler.yaml", text).string()});
        CHECK(r.exit == 1);
        CHECK(r.err.find("är inget år; skriv året med fyra siffror") != std::string::npos);
    }
}

// A name that Excel would read as a formula after a leading TAB, CR or LF is
// kept as text too.
TEST_CASE("robustness: the CSV report guards formulas behind TAB, CR and LF") {
    Scratch s;
    std::string text = kRules;
    auto put_name = [&](const std::string& from, const std::string& to) { text.replace(text.find(from), from.size(), to); };
    put_name("namn: Frågor om våld", "namn: \"\\t=1+2\"");
    put_name("namn: Mål ett", "namn: \"\\r=3+4\"");
    put_name("namn: Samhälle", "namn: \"\\n@SUM(A1)\"");
    auto r = run({"assess", s.put("regler.yaml", text).string(), "--format", "csv"});
    REQUIRE(r.exit == 0);
    CHECK(r.out.find(";'\t=1+2;") != std::string::npos);
    CHECK(r.out.find(";\"'\r=3+4\";") != std::string::npos);
    CHECK(r.out.find(";\"'\n@SUM(A1)\";") != std::string::npos);
    CHECK(r.out.find(";\t=") == std::string::npos);
    CHECK(r.out.find("\"\r=") == std::string::npos);
    CHECK(r.out.find("\"\n@") == std::string::npos);
}

// A name or a note is shown in the Markdown report, never acted on: no
// heading, no raw HTML, no emphasis or link, no terminal escape.
TEST_CASE("robustness: the Markdown report escapes names and notes") {
    Scratch s;
    std::string text = kRules;
    auto put = [&](const std::string& from, const std::string& to) { text.replace(text.find(from), from.size(), to); };
    put("namn: Mål ett", "namn: \"G\\n\\n## Falsk rubrik: alla mål Uppfyllt\"");
    put("namn: Frågor om våld", "namn: \"<script>alert(1)</script> <img src=x onerror=alert(1)> <!-- *fet* [länk](http://x) \\e[31m\"");
    put("namn: Samhälle", "namn: \"# Rubrik | cell\"");
    auto r = run({"assess", s.put("regler.yaml", text).string()});
    REQUIRE(r.exit == 0);
    CHECK(r.out.find("\n## Falsk") == std::string::npos);
    CHECK(r.out.find("#### Nämndmål: G  ## Falsk rubrik: alla mål Uppfyllt\n") != std::string::npos);
    CHECK(r.out.find("<script") == std::string::npos);
    CHECK(r.out.find("<img") == std::string::npos);
    CHECK(r.out.find("<!--") == std::string::npos);
    CHECK(r.out.find('\x1b') == std::string::npos);
    CHECK(r.out.find("&lt;script>alert(1)&lt;/script> &lt;img src=x onerror=alert(1)> &lt;!-- \\*fet\\* \\[länk\\](http://x) \xef\xbf\xbd\\[31m") !=
          std::string::npos);
    CHECK(r.out.find("### Målområde # Rubrik \\| cell\n") != std::string::npos);
}

// explain prints names and notes from the files: their escape sequences
// reach the terminal as U+FFFD.
TEST_CASE("robustness: explain shows control characters as U+FFFD") {
    Scratch s;
    std::string text = kRules;
    text.replace(text.find("namn: Frågor om våld"), std::strlen("namn: Frågor om våld"), "namn: \"Våld\\e]0;titel\\a\\e[2J\"");
    auto r = run({"explain", s.put("regler.yaml", text).string(), "våldsfrågor"});
    REQUIRE(r.exit == 0);
    CHECK(r.out.find('\x1b') == std::string::npos);
    CHECK(r.out.find('\x07') == std::string::npos);
    CHECK(r.out.find("Våld\xef\xbf\xbd]0;titel\xef\xbf\xbd\xef\xbf\xbd[2J") != std::string::npos);
}
