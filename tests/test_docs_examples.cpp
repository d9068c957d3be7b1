// The docs' examples are run. A marker on the line before an example in
// docs/*.md names the rule file it was made from and the command:
//
//     <!-- exempel: fixtures/docs/FILE.yaml [check|explain ID|assess|hämta] [ARGS…] -->
//
// (default `assess FILE`, the Markdown report; ARGS are passed on, e.g.
// `--format csv`, `--data …`). The command runs from the project root, as a
// user would, and what the marker stands before is checked against its
// output (standard out, then standard error):
//
// - a ```text (or ```json) block: every non-empty line, trailing spaces
//   trimmed and the block's own indent removed, must be a line of the output,
//   or the justification of one (the text after " — " in "- *Namn* — …").
//   A line "…" stands for left-out lines; a line "$ malkoll …" shows the
//   command and must be exactly the marker's command.
// - a ```yaml block: a snippet of the rule file; no command is run, and every
//   line but "…" must be a line of the file.
// - a table: the last cell of each row must be a justification in the output.
// - a paragraph: every text in ”…” must occur in the output.
//
// A ```text block without a marker must be listed in kUnmarked below, with
// the reason: those show a rule's syntax, a formula, a data file or a command
// sequence, not the output of one command. A CSV report's byte order mark is
// not part of its first line here.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tests/cli_run.hpp"
#include "tests/file_io.hpp"

using malkoll::test::slurp;

namespace fs = std::filesystem;
using malkoll::test::run;

namespace {

// Marked examples per docs file; the test fails if markers are lost.
const std::map<std::string, int> kMarkedAtLeast = {
    {"docs/framsteg.md", 19},
    {"docs/regelfil.md", 79},
    {"docs/regelspråk.md", 64},
    {"docs/kolada.md", 2},
    {"docs/excel.md", 3},
};

// ```text blocks left unmarked on purpose, by file and first line.
struct Unmarked {
    const char* file;
    const char* first_line;
    const char* why;
};
const Unmarked kUnmarked[] = {
    {"docs/regelspråk.md", "utfall om villkor [: \"motivering\"]", "the form of a clause"},
    {"docs/regelspråk.md", "ej bedömd om saknas(helårsvärde)", "the built-in indicator rule's text"},
    {"docs/regelspråk.md", "ej bedömd om ingen bedömd", "the built-in goal rule's text"},
    {"docs/framsteg.md", "faktisk årlig takt    = (värde / bas) ^ (1 / (år − basår))     − 1", "the formula"},
    {"docs/regelfil.md", "indikator;period;serie;värde;kommentar;källa", "a data file (CSV), input"},
    {"docs/regelfil.md", "indikator,period,serie,värde,kommentar", "a data file (CSV), input"},
    {"docs/regelfil.md", "indikator;period;serie;värde;kommentar", "a data file (CSV), input"},
    {"docs/regelfil.md", "FIL:RAD:KOLUMN: fel: vad som är fel, och helst vad du ska skriva i stället", "the form of a message"},
    {"docs/regelfil.md", "$ malkoll assess fixtures/docs/son-2024.yaml --format html -o son-2024.html",
     "three commands; verify reads a report written to a file"},
};

std::string trim_right(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t')) s.pop_back();
    return s;
}

std::string trim(std::string s) {
    s = trim_right(std::move(s));
    size_t i = s.find_first_not_of(' ');
    return i == std::string::npos ? std::string() : s.substr(i);
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    // The CSV report starts with a byte order mark, which the docs leave out.
    std::istringstream in(text.rfind("\xEF\xBB\xBF", 0) == 0 ? text.substr(3) : text);
    std::string l;
    while (std::getline(in, l)) out.push_back(trim_right(l));
    return out;
}

std::vector<std::string> split_words(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    std::string w;
    while (in >> w) out.push_back(w);
    return out;
}

// A line of the output, or the justification after " — " in a bullet.
bool occurs(const std::string& want, const std::vector<std::string>& out) {
    static const std::string dash = " — ";
    for (const auto& l : out) {
        if (l == want) return true;
        size_t p = l.find(dash);
        if (l.rfind("- ", 0) == 0 && p != std::string::npos && l.compare(p + dash.size(), std::string::npos, want) == 0)
            return true;
    }
    return false;
}

size_t fence_indent(const std::string& line) {
    size_t i = line.find_first_not_of(' ');
    return i != std::string::npos && line.compare(i, 3, "```") == 0 ? i : std::string::npos;
}

struct Marker {
    std::string file;               // relative to the project root
    std::vector<std::string> args;  // the command line
};

// "<!-- exempel: PATH [cmd] [args…] -->" → the command it runs.
bool parse_marker(const std::string& line, Marker& m) {
    std::string t = trim(line);
    const std::string open = "<!-- exempel:", close = "-->";
    if (t.rfind(open, 0) != 0 || t.size() < open.size() + close.size() || t.compare(t.size() - close.size(), close.size(), close) != 0)
        return false;
    auto words = split_words(t.substr(open.size(), t.size() - open.size() - close.size()));
    if (words.empty()) return false;
    m.file = words[0];
    std::string cmd = "assess";
    size_t rest = 1;
    if (words.size() > 1 && (words[1] == "check" || words[1] == "explain" || words[1] == "assess" || words[1] == "hämta")) {
        cmd = words[1];
        rest = 2;
    }
    m.args = {cmd, m.file};
    m.args.insert(m.args.end(), words.begin() + static_cast<long>(rest), words.end());
    return true;
}

std::string command_line(const Marker& m) {
    std::string s = "$ malkoll";
    for (const auto& a : m.args) s += " " + a;
    return s;
}

// The texts in ”…” on the lines of a paragraph.
std::vector<std::string> quoted(const std::vector<std::string>& para) {
    std::string text;
    for (const auto& l : para) {
        if (!text.empty()) text += ' ';
        text += trim(l);
    }
    std::vector<std::string> out;
    const std::string q = "”";
    size_t p = 0;
    while ((p = text.find(q, p)) != std::string::npos) {
        size_t e = text.find(q, p + q.size());
        if (e == std::string::npos) break;
        out.push_back(text.substr(p + q.size(), e - p - q.size()));
        p = e + q.size();
    }
    return out;
}

struct Report {
    std::map<std::string, int> marked;
    std::vector<std::string> failures;
    std::vector<const Unmarked*> unmarked_seen;
};

void check_docs_file(const fs::path& md, Report& rep) {
    const std::string name = md.generic_string();
    auto lines = lines_of(slurp(md));
    auto where = [&](size_t i) { return name + ":" + std::to_string(i + 1); };
    std::vector<std::string> seen_unmarked;
    for (size_t i = 0; i < lines.size(); ++i) {
        Marker m;
        if (!parse_marker(lines[i], m)) {
            // An unmarked ```text block must be listed in kUnmarked.
            size_t ind = fence_indent(lines[i]);
            if (ind != std::string::npos && trim(lines[i]) == "```text" && (i == 0 || trim(lines[i - 1]).rfind("<!-- exempel:", 0) != 0)) {
                std::string first = i + 1 < lines.size() ? lines[i + 1].substr(std::min(ind, lines[i + 1].size())) : "";
                auto it = std::find_if(std::begin(kUnmarked), std::end(kUnmarked),
                                       [&](const Unmarked& u) { return name == u.file && first == u.first_line; });
                if (it != std::end(kUnmarked)) rep.unmarked_seen.push_back(it);
                else rep.failures.push_back(where(i) + ": a ```text block without <!-- exempel: … --> (first line: " + first + ")");
                size_t j = i + 1;
                while (j < lines.size() && trim(lines[j]) != "```") ++j;
                i = j;
            }
            continue;
        }
        const size_t at = i;
        ++rep.marked[name];
        if (!fs::is_regular_file(m.file)) {
            rep.failures.push_back(where(at) + ": the example's file " + m.file + " does not exist");
            continue;
        }
        size_t j = at + 1;
        while (j < lines.size() && trim(lines[j]).empty()) ++j;
        if (j >= lines.size()) {
            rep.failures.push_back(where(at) + ": nothing follows the marker");
            continue;
        }
        size_t ind = fence_indent(lines[j]);
        if (ind != std::string::npos) {
            std::string lang = trim(lines[j]).substr(3);
            std::vector<std::pair<size_t, std::string>> body;
            size_t k = j + 1;
            for (; k < lines.size() && trim(lines[k]) != "```"; ++k)
                if (!trim(lines[k]).empty()) body.push_back({k, lines[k].substr(std::min(ind, lines[k].size()))});
            i = k;
            if (lang == "yaml") {
                auto file_lines = lines_of(slurp(m.file));
                for (const auto& [n, l] : body)
                    if (trim(l) != "…" && std::find(file_lines.begin(), file_lines.end(), l) == file_lines.end())
                        rep.failures.push_back(where(n) + ": not a line of " + m.file + ": " + l);
                continue;
            }
            auto r = run(m.args);
            auto out = lines_of(r.out + r.err);
            for (const auto& [n, l] : body) {
                if (trim(l) == "…") continue;
                if (l.rfind("$ ", 0) == 0) {
                    if (l != command_line(m)) rep.failures.push_back(where(n) + ": the command shown is not the marker's (" + command_line(m) + "): " + l);
                    continue;
                }
                if (!occurs(l, out)) rep.failures.push_back(where(n) + ": not in the output of `" + command_line(m).substr(2) + "`: " + l);
            }
            continue;
        }
        auto r = run(m.args);
        auto out = lines_of(r.out + r.err);
        if (trim(lines[j]).rfind("|", 0) == 0) {
            // A table: the last cell of each row after the header and the rule.
            size_t k = j;
            for (; k < lines.size() && trim(lines[k]).rfind("|", 0) == 0; ++k) {
                if (k < j + 2) continue;
                std::string row = trim(lines[k]);
                row = trim(row.substr(0, row.size() - 1));
                std::string cell = trim(row.substr(row.rfind('|') + 1));
                if (!occurs(cell, out)) rep.failures.push_back(where(k) + ": not in the output of `" + command_line(m).substr(2) + "`: " + cell);
            }
            i = k;
            continue;
        }
        // A paragraph: the texts in ”…”.
        std::vector<std::string> para;
        size_t k = j;
        for (; k < lines.size() && !trim(lines[k]).empty(); ++k) para.push_back(lines[k]);
        auto quotes = quoted(para);
        if (quotes.empty()) rep.failures.push_back(where(at) + ": the paragraph after the marker quotes nothing in ”…”");
        const std::string all = r.out + r.err;
        for (const auto& q : quotes)
            if (all.find(q) == std::string::npos) rep.failures.push_back(where(j) + ": not in the output of `" + command_line(m).substr(2) + "`: " + q);
        i = k;
    }
}

}  // namespace

TEST_CASE("docs: every example whose output the docs show is run, and its output is what the docs show") {
    Report rep;
    std::vector<fs::path> docs;
    for (const auto& e : fs::directory_iterator("docs"))
        if (e.path().extension() == ".md") docs.push_back(e.path());
    std::sort(docs.begin(), docs.end());
    REQUIRE(docs.size() >= 3);
    for (const auto& md : docs) check_docs_file(md, rep);
    for (const auto& u : kUnmarked)
        if (std::find(rep.unmarked_seen.begin(), rep.unmarked_seen.end(), &u) == rep.unmarked_seen.end())
            rep.failures.push_back(std::string(u.file) + ": listed as deliberately unmarked, but no ```text block starts with: " + u.first_line);
    for (const auto& f : rep.failures) FAIL_CHECK(f);
    for (const auto& entry : kMarkedAtLeast) {  // no structured binding: CAPTURE is a lambda, and clang 14 has none in one
        CAPTURE(entry.first);
        CHECK(rep.marked[entry.first] >= entry.second);
    }
}
