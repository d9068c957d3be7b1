// Evaluation (docs/regelspråk.md): rule files built from one-line table rows,
// loaded, compiled and assessed as a user's file would be; each row asserts
// the rule result, the deciding clause and, where it matters, the trace.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/assess/assess.hpp"
#include "engine/compile/model.hpp"
#include "engine/core/diagnostic.hpp"
#include "engine/eval/eval.hpp"
#include "engine/load/rule_file.hpp"

using namespace malkoll;

namespace {

constexpr Outcome U = Outcome::Uppfyllt;
constexpr Outcome D = Outcome::Delvis;
constexpr Outcome EU = Outcome::EjUppfyllt;
constexpr Outcome EB = Outcome::EjBedomd;
constexpr Tri S = Tri::Sant;
constexpr Tri F = Tri::Falskt;
constexpr Tri O = Tri::Okant;

// One indicator of a generated rule file. Empty fields are left out.
struct Ind {
    std::string_view riktning = "öka";
    std::string_view mal = {};       // `mål`, written quoted
    std::string_view utfall = {};    // a YAML flow mapping: {2023: "80 %", 2024: "95 %"}
    std::string_view regel = {};     // rule text; lines separated by '\n'
    std::string_view tolerans = {};  // written quoted: "0,2"
    std::string_view vikt = {};
    std::string_view extra = {};     // more keys, one per line, unindented
};

void block(std::string& out, std::string_view key, std::string_view text, int indent) {
    const std::string pad(static_cast<std::size_t>(indent), ' ');
    out += pad + std::string(key) + ": |\n";
    std::size_t b = 0;
    while (b <= text.size()) {
        std::size_t e = text.find('\n', b);
        if (e == std::string_view::npos) e = text.size();
        out += pad + "  " + std::string(text.substr(b, e - b)) + "\n";
        b = e + 1;
    }
}

void lines(std::string& out, std::string_view text, int indent) {
    const std::string pad(static_cast<std::size_t>(indent), ' ');
    std::size_t b = 0;
    while (b < text.size()) {
        std::size_t e = text.find('\n', b);
        if (e == std::string_view::npos) e = text.size();
        out += pad;
        out += text.substr(b, e - b);
        out += '\n';
        b = e + 1;
    }
}

// A rule file with one goal `m1` holding indicators i1, i2, … and, when
// given, the goal's `bedömning` and more top-level keys (`top`, unindented).
std::string rule_file(const std::vector<Ind>& inds, std::string_view bedomning = {}, std::string_view top = {}) {
    std::string y =
        "malkoll: 1\n"
        "nämnd: Testnämnden\n"
        "år: 2024\n";
    lines(y, top, 0);
    y +=
        "målområden:\n"
        "  - namn: Samhälle\n"
        "    kommunmål:\n"
        "      - namn: Ett tryggt Linköping\n"
        "        nämndmål:\n"
        "          - id: m1\n"
        "            namn: Mål ett\n";
    if (!bedomning.empty()) block(y, "bedömning", bedomning, 12);
    if (inds.empty()) return y;
    y += "            indikatorer:\n";
    int n = 0;
    for (const Ind& i : inds) {
        ++n;
        y += "              - id: i" + std::to_string(n) + "\n";
        y += "                namn: Indikator " + std::to_string(n) + "\n";
        if (!i.riktning.empty()) y += "                riktning: " + std::string(i.riktning) + "\n";
        if (!i.mal.empty()) y += "                mål: \"" + std::string(i.mal) + "\"\n";
        if (!i.tolerans.empty()) y += "                tolerans: \"" + std::string(i.tolerans) + "\"\n";
        if (!i.vikt.empty()) y += "                vikt: \"" + std::string(i.vikt) + "\"\n";
        if (!i.regel.empty()) block(y, "regel", i.regel, 16);
        if (!i.utfall.empty()) y += "                utfall: " + std::string(i.utfall) + "\n";
        lines(y, i.extra, 16);
    }
    return y;
}

// Load → compile → assess, kept together because each stage points into the
// one before it.
struct Run {
    SourceSet sources;
    Diagnostics diags;
    RuleFile file;
    Model model;
    Assessment a;

    explicit Run(const std::string& yaml) {
        file = load_rule_text("input", yaml, sources, diags);
        if (!diags.has_errors()) model = compile(file, sources, diags);
        if (!diags.has_errors()) a = assess(model);
    }
    Run(const Run&) = delete;
    Run& operator=(const Run&) = delete;

    bool ok() const { return !diags.has_errors(); }
    std::string problems() const {
        std::string s;
        for (const auto& d : diags.items())
            s += d.pos.file + ":" + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + ": " + d.message + "\n";
        return s;
    }
    const IndicatorAssessment& ind(std::size_t i = 0) const { return a.indicators.at(i); }
    const GoalAssessment& goal() const { return a.goals.at(0); }
};

std::string word(Outcome o) { return outcome_code(o); }
std::string tw(Tri t) { return tri_word(t); }

// The Tri of each clause that was tried, in order.
std::vector<Tri> tried(const TraceView& t) {
    std::vector<Tri> out;
    for (const auto& c : t.clauses) out.push_back(c.result);
    return out;
}

std::string tris(const std::vector<Tri>& v) {
    std::string s;
    for (Tri t : v) s += std::string(s.empty() ? "" : ",") + tw(t);
    return s;
}

}  // namespace

// ---- three-valued logic ---------------------------------------------------

TEST_CASE("eval truth table: och, eller, inte over sant/falskt/okänt (Kleene)") {
    // Series a and b at 2024: 10 makes `>= 5` sant, 1 falskt, i.u. okänt.
    struct Operand { Tri t; const char* value; };
    const Operand ops[] = {{S, "\"10\""}, {F, "\"1\""}, {O, "i.u."}};
    const std::string A = "värde(\"a\") >= 5";
    const std::string B = "värde(\"b\") >= 5";

    struct Row { const char* op; Tri a, b, expected; };
    const Row rows[] = {
        {"och", S, S, S}, {"och", S, F, F}, {"och", S, O, O},
        {"och", F, S, F}, {"och", F, F, F}, {"och", F, O, F},
        {"och", O, S, O}, {"och", O, F, F}, {"och", O, O, O},
        {"eller", S, S, S}, {"eller", S, F, S}, {"eller", S, O, S},
        {"eller", F, S, S}, {"eller", F, F, F}, {"eller", F, O, O},
        {"eller", O, S, S}, {"eller", O, F, O}, {"eller", O, O, O},
        {"inte", S, S, F}, {"inte", F, S, S}, {"inte", O, S, O},
    };
    for (const Row& r : rows) {
        const std::string op = r.op;
        const std::string cond = op == "inte" ? "inte " + A : A + " " + op + " " + B;
        auto value = [&](Tri t) {
            for (const auto& o : ops)
                if (o.t == t) return o.value;
            return "";
        };
        const std::string utfall = std::string("{2024: {a: ") + value(r.a) + ", b: " + value(r.b) + "}}";
        // Clause 0 fires on sant, clause 1 on falskt; okänt fires neither.
        const std::string rule = "uppfyllt om " + cond + "\nej uppfyllt om inte (" + cond + ")";
        CAPTURE(cond);
        CAPTURE(utfall);
        Run run(rule_file({{.utfall = utfall, .regel = rule}}));
        REQUIRE_MESSAGE(run.ok(), run.problems());
        const IndicatorAssessment& ia = run.ind();
        const Outcome want = r.expected == S ? U : r.expected == F ? EU : EB;
        CHECK(word(ia.rule_result) == word(want));
        CHECK(ia.run.clause == (r.expected == S ? 0 : r.expected == F ? 1 : -1));
        REQUIRE(!ia.trace.clauses.empty());
        CHECK(tw(ia.trace.clauses[0].result) == tw(r.expected));
    }
}

TEST_CASE("eval truth table: precedence, inte binds tighter than och, och tighter than eller") {
    // a = sant, b = falskt, c = okänt.
    const char* utfall = "{2024: {a: \"10\", b: \"1\", c: i.u.}}";
    struct Row { std::string_view cond; Tri expected; };
    const Row rows[] = {
        {"värde(\"a\") >= 5 eller värde(\"b\") >= 5 och värde(\"c\") >= 5", S},    // a eller (b och c)
        {"(värde(\"a\") >= 5 eller värde(\"b\") >= 5) och värde(\"c\") >= 5", O},
        {"värde(\"b\") >= 5 och värde(\"c\") >= 5 eller värde(\"a\") >= 5", S},
        {"inte värde(\"b\") >= 5 och värde(\"a\") >= 5", S},                        // (inte b) och a
        {"inte (värde(\"b\") >= 5 eller värde(\"a\") >= 5)", F},
        {"inte inte värde(\"c\") >= 5", O},
        {"saknas(värde(\"c\")) och finns(värde(\"a\"))", S},                        // saknas is never okänt
        {"saknas(värde(\"x\"))", S},                                                // an absent series
        {"värde(\"c\") = värde(\"c\")", O},                                         // missing = missing is okänt
        {"värde(\"c\") != 5", O},
        {"värde(\"a\") - värde(\"c\") > 0 eller värde(\"a\") > 9", S},
    };
    for (const Row& r : rows) {
        CAPTURE(r.cond);
        Run run(rule_file({{.utfall = utfall, .regel = "uppfyllt om " + std::string(r.cond)}}));
        REQUIRE_MESSAGE(run.ok(), run.problems());
        const IndicatorAssessment& ia = run.ind();
        REQUIRE(ia.trace.clauses.size() == 1);
        CHECK(tw(ia.trace.clauses[0].result) == tw(r.expected));
        CHECK(word(ia.rule_result) == word(r.expected == S ? U : EB));
    }
}

TEST_CASE("eval rule: an okänt clause does not fire, a later clause decides, none firing is ej bedömd") {
    struct Row { std::string_view utfall, rule; Outcome expected; int clause; };
    const Row rows[] = {
        // värde missing: the first clause is okänt, annars decides.
        {"{2024: i.u.}", "uppfyllt om värde >= 5\nannars ej uppfyllt", EU, 1},
        {"{2024: i.u.}", "uppfyllt om värde >= 5\ndelvis om värde < 5", EB, -1},
        {"{2024: \"7\"}", "uppfyllt om värde >= 5\nannars ej uppfyllt", U, 0},
        {"{2024: \"3\"}", "uppfyllt om värde >= 5\ndelvis om värde >= 2\nannars ej uppfyllt", D, 1},
        // the first true clause wins even when a later one is also true
        {"{2024: \"9\"}", "delvis om värde >= 5\nuppfyllt om värde >= 8", D, 0},
        // `;` separates clauses like a line break
        {"{2024: \"3\"}", "uppfyllt om värde >= 5; ej uppfyllt om värde < 5", EU, 1},
        // case-insensitive words and ASCII spellings evaluate alike
        {"{2024: \"3\"}", "Uppfyllt OM Varde >= 5\nEJ UPPFYLLT ANNARS", EU, 1},
        {"{}", "ej bedomd om saknas(varde)\nannars uppfyllt", EB, 0},
        // `bas` and `basår` are different names (whole-word matching)
        {"{2022: \"4\", 2023: \"6\", 2024: \"8\"}", "uppfyllt om basår = 2022 och bas = 4", U, 0},
        // a period literal: värde(2023-08) reads the interim value, not värde(2015)
        {"{2023-08: \"12\", 2015: \"1\", 2024: \"2\"}", "uppfyllt om värde(2023-08) = 12\nannars ej uppfyllt", U, 0},
        {"{2023: \"5\", 2024: \"2\"}", "uppfyllt om värde(2023) = 5 och föregående = 5", U, 0},
        {"{2024: {totalt: \"2\", kvinnor: \"3\"}}", "uppfyllt om värde(\"Kvinnor\") = 3 och värde(\"totalt\") = 2", U, 0},
        // numbers as written: thousands grouped by a space, decimal comma
        {"{2024: \"25 863\"}", "uppfyllt om värde = 25 863 och värde > 25 862,9", U, 0},
        {"{2024: \"7,9 %\"}", "uppfyllt om värde = 7,9 % och värde = 7.9", U, 0},
        {"{2024: \"120 dagar\"}", "uppfyllt om värde <= 120 dagar och värde >= 120 dgr", U, 0},
        // functions with `;` between arguments
        {"{2023: \"4\", 2024: \"8\"}", "uppfyllt om max(värde; föregående) = 8 och min(värde; föregående; 6) = 4 och medel(värde; föregående) = 6", U, 0},
        {"{2024: \"-3,5\"}", "uppfyllt om abs(värde) = 3,5 och avrunda(värde; 0) = -4", U, 0},
        // decimal arithmetic: + and - are exact, * and / compare with a relative tolerance
        {"{2023: \"5,1\", 2024: \"5,3\"}", "uppfyllt om värde - föregående = 0,2", U, 0},
        {"{}", "uppfyllt om 0,1 + 0,2 = 0,3", U, 0},
        {"{}", "uppfyllt om 1 / 3 * 3 = 1", U, 0},
        {"{2024: \"89,96 %\"}", "uppfyllt om värde >= 90 %\nej uppfyllt om värde < 90 %", EU, 1},
        // interval arithmetic; dividing by (an interval containing) 0 is okänt
        {"{2023: \"20\", 2024: \"26-34\"}", "uppfyllt om värde - föregående >= 6 och värde - föregående <= 14", U, 0},
        {"{2023: \"20\", 2024: \"26-34\"}", "uppfyllt om värde - föregående > 10\nej uppfyllt om värde - föregående <= 10", EB, -1},
        {"{2024: \"5\"}", "uppfyllt om värde / 0 > 1\nej uppfyllt om värde / 0 <= 1", EB, -1},
        {"{2023: \"0-2\", 2024: \"5\"}", "uppfyllt om värde / föregående > 1\nej uppfyllt om värde / föregående <= 1", EB, -1},
        {"{2023: \"1-2\", 2024: \"5\"}", "uppfyllt om värde / föregående >= 2,5", U, 0},
        {"{2024: \"5\"}", "uppfyllt om saknas(värde / 0)", U, 0},
        // an interval is a value: saknas is falskt, finns sant
        {"{2024: \"26-34 %\"}", "uppfyllt om finns(värde) och inte saknas(värde)", U, 0},
        // 0 is a value
        {"{2024: \"0\"}", "uppfyllt om finns(värde) och värde = 0", U, 0},
    };
    for (const Row& r : rows) {
        CAPTURE(r.utfall);
        CAPTURE(r.rule);
        Run run(rule_file({{.utfall = r.utfall, .regel = r.rule}}));
        REQUIRE_MESSAGE(run.ok(), run.problems());
        const IndicatorAssessment& ia = run.ind();
        CHECK(word(ia.rule_result) == word(r.expected));
        CHECK(ia.run.clause == r.clause);
    }
}

// ---- the built-in indicator rule -------------------------------------------
//   0 ej bedömd om saknas(helårsvärde)
//   1 uppfyllt om uppnått
//   2 delvis om förbättrat
//   3 ej uppfyllt om inte uppnått

namespace {

struct IndRow {
    std::string_view riktning;
    std::string_view mal;       // "" = no mål
    std::string_view utfall;
    std::string_view tolerans;  // "" = default 0
    Outcome expected;
    int clause;            // -1: no clause fired
    std::string_view why;
};

void check_builtin(const IndRow& r) {
    CAPTURE(r.why);
    CAPTURE(r.riktning);
    CAPTURE(r.mal);
    CAPTURE(r.utfall);
    CAPTURE(r.tolerans);
    Run run(rule_file({{.riktning = r.riktning, .mal = r.mal, .utfall = r.utfall, .tolerans = r.tolerans}}));
    REQUIRE_MESSAGE(run.ok(), run.problems());
    const IndicatorAssessment& ia = run.ind();
    CHECK(word(ia.rule_result) == word(r.expected));
    CHECK(ia.run.clause == r.clause);
}

}  // namespace

TEST_CASE("eval built-in indicator rule: each outcome") {
    const IndRow rows[] = {
        {"öka", "minst 90 %", "{2023: \"80 %\", 2024: \"95 %\"}", "", U, 1, "meets the target"},
        {"öka", "minst 90 %", "{2023: \"80 %\", 2024: \"85 %\"}", "", D, 2, "misses, improved"},
        {"öka", "minst 90 %", "{2023: \"85 %\", 2024: \"85 %\"}", "", EU, 3, "misses, unchanged"},
        {"öka", "minst 90 %", "{2023: \"88 %\", 2024: \"85 %\"}", "", EU, 3, "misses, worse"},
        {"öka", "minst 90 %", "{2024: \"85 %\"}", "", EU, 3, "misses, no previous year"},
        {"öka", "minst 90 %", "{2023: \"80 %\", 2024: i.u.}", "", EB, 0, "value marked missing"},
        {"öka", "minst 90 %", "{2023: \"80 %\", 2024: \"i.u. (Kolada aug 2025)\"}", "", EB, 0, "missing with a note"},
        {"öka", "minst 90 %", "{2023: \"80 %\"}", "", EB, 0, "value absent"},
        {"öka", "minst 90 %", "{2023: \"80 %\", 2024: ~}", "", EB, 0, "YAML null is missing"},
        // an interval straddling the target, no improvement shown: ej bedömd, never ej uppfyllt
        {"öka", "minst 30 %", "{2023: \"40 %\", 2024: \"26-34 %\"}", "", EB, -1, "straddles, worse"},
        {"öka", "minst 30 %", "{2024: \"26–34 %\"}", "", EB, -1, "straddles, no previous"},
        {"öka", "minst 30 %", "{2023: \"30 %\", 2024: \"26-34 %\"}", "", EB, -1, "straddles, previous inside"},
        {"öka", "minst 30 %", "{2023: \"20 %\", 2024: \"26-34 %\"}", "", D, 2, "straddles, improved"},
        {"öka", "minst 30 %", "{2023: \"20 %\", 2024: \"31-34 %\"}", "", U, 1, "interval above the target"},
        {"öka", "minst 30 %", "{2023: \"40 %\", 2024: \"26-29 %\"}", "", EU, 3, "interval below the target"},
        {"minska", "max 10", "{2023: \"12\", 2024: \"11\"}", "", D, 2, "minska: misses, improved"},
        {"minska", "max 10", "{2023: \"11\", 2024: \"11\"}", "", EU, 3, "minska: misses, unchanged"},
    };
    for (const IndRow& r : rows) check_builtin(r);
}

TEST_CASE("eval built-in indicator rule: direction only (no mål)") {
    const IndRow rows[] = {
        {"öka", "", "{2023: \"10\", 2024: \"12\"}", "", U, 1, "öka, up"},
        {"öka", "", "{2023: \"10\", 2024: \"10\"}", "", EU, 3, "öka, flat"},
        {"öka", "", "{2023: \"10\", 2024: \"9\"}", "", EU, 3, "öka, down"},
        {"öka", "", "{2023: \"10\", 2024: \"11\"}", "1", EU, 3, "öka, up by exactly the tolerance"},
        {"öka", "", "{2023: \"10\", 2024: \"11,5\"}", "1", U, 1, "öka, up by more than the tolerance"},
        {"ökas", "", "{2023: \"10\", 2024: \"12\"}", "", U, 1, "ökas is öka"},
        {"minska", "", "{2023: \"10\", 2024: \"8\"}", "", U, 1, "minska, down"},
        {"minska", "", "{2023: \"10\", 2024: \"12\"}", "", EU, 3, "minska, up"},
        {"minska", "", "{2023: \"10\", 2024: \"9,5\"}", "0,5", EU, 3, "minska, within tolerance"},
        {"Minskas", "", "{2023: \"10\", 2024: \"9,4\"}", "0,5", U, 1, "minska, past tolerance"},
        {"bibehålla", "", "{2023: \"10\", 2024: \"10\"}", "", U, 1, "bibehålla, same"},
        {"bibehålla", "", "{2023: \"10\", 2024: \"10,5\"}", "0,5", U, 1, "bibehålla, at the tolerance"},
        {"bibehålla", "", "{2023: \"10\", 2024: \"9,5\"}", "0,5", U, 1, "bibehålla, at the tolerance below"},
        {"bibehålla", "", "{2023: \"10\", 2024: \"10,6\"}", "0,5", EU, 3, "bibehålla, past the tolerance"},
        {"bibehalla", "", "{2023: \"10\", 2024: \"11\"}", "", EU, 3, "bibehålla, changed, ASCII spelling"},
        // no mål and no previous value: the target cannot be decided
        {"öka", "", "{2024: \"12\"}", "", EB, -1, "no previous"},
        {"öka", "", "{2023: i.u., 2024: \"12\"}", "", EB, -1, "previous marked missing"},
        {"öka", "", "{2022: \"5\", 2024: \"12\"}", "", EB, -1, "no fallback to earlier years"},
        {"öka", "", "{2023-08: \"5\", 2024: \"12\"}", "", EB, -1, "no fallback to interim periods"},
        {"öka", "", "{2023: \"20\", 2024: \"10-30\"}", "", EB, -1, "interval around the previous value"},
    };
    for (const IndRow& r : rows) check_builtin(r);
}

TEST_CASE("eval built-in indicator rule: delår, forecasts, series breaks, per-year targets, comparisons") {
    const std::string_view delar = "rapport: delår\nperiod: 2024-08";
    struct Row { Ind ind; std::string_view top; Outcome expected; int clause; std::string_view why; };
    const Row rows[] = {
        // delår: helårsvärde is the forecast, else värde at `period`
        {{.mal = "minst 90 %", .utfall = "{2023: \"80 %\", 2024-08: \"92 %\"}"}, delar, U, 1, "delår, no forecast"},
        {{.mal = "minst 90 %", .utfall = "{2023: \"80 %\", 2024-08: \"85 %\", 2024: {prognos: \"95 %\"}}"}, delar, U, 1, "the forecast reaches it"},
        {{.mal = "minst 90 %", .utfall = "{2023: \"80 %\", 2024-08: \"95 %\", 2024: {prognos: \"70 %\"}}"}, delar, EU, 3, "the forecast misses"},
        {{.mal = "minst 90 %", .utfall = "{2023: \"80 %\", 2024-08: \"70 %\", 2024: {prognos: \"85 %\"}}"}, delar, D, 2, "förbättrat judges the forecast"},
        {{.mal = "minst 90 %", .utfall = "{2023: \"80 %\", 2024-08: \"92 %\", 2024: {prognos: i.u.}}"}, delar, U, 1, "a missing forecast is none"},
        {{.mal = "minst 90 %", .utfall = "{2023: \"80 %\", 2024-08: \"85 %\", 2024: \"95 %\"}"}, delar, D, 2, "a later period is ignored"},
        {{.mal = "minst 90", .utfall = "{2023: \"100\", 2024-08: \"70\"}", .extra = "ackumulerad: ja"}, delar, EB, 0, "ackumulerad without forecast"},
        {{.mal = "minst 90", .utfall = "{2023: \"100\", 2024-08: \"70\", 2024: {prognos: \"120\"}}", .extra = "ackumulerad: ja"}, delar, U, 1, "ackumulerad with forecast"},
        {{.utfall = "{2023: \"100\", 2024-08: \"70\"}", .extra = "ackumulerad: ja"}, delar, EB, 0, "ackumulerad, direction only"},
        // serieavbrott: no values from before the break
        {{.utfall = "{2023: \"10\", 2024: \"12\"}", .extra = "serieavbrott: 2024"}, "", EB, -1, "föregående before the break"},
        {{.utfall = "{2022: \"1\", 2023: \"10\", 2024: \"12\"}", .extra = "serieavbrott: 2023"}, "", U, 1, "the break year belongs to the new series"},
        {{.mal = "minst 90 %", .utfall = "{2023: \"80 %\", 2024: \"85 %\"}", .extra = "serieavbrott: 2024"}, "", EU, 3, "a break hides the improvement"},
        // a target per year: the entry for `år`
        {{.utfall = "{2023: \"90 %\", 2024: \"87 %\"}", .extra = "mål: {2023: \"minst 85 %\", 2024: \"minst 90 %\"}"}, "", EU, 3, "per year: 2024's"},
        {{.utfall = "{2023: \"90 %\", 2024: \"91 %\"}", .extra = "mål: {2024: \"minst 90 %\", 2026: \"minst 95 %\"}"}, "", U, 1, "per year: not målår's"},
        // a comparison series as the bound
        {{.riktning = "minska", .mal = "samma eller lägre än jämförelse", .utfall = "{2023: \"12\", 2024: {totalt: \"10\", R9: \"11\"}}", .extra = "jämförelse: R9"}, "", U, 1, "below the comparison"},
        {{.riktning = "minska", .mal = "samma eller lägre än jämförelse", .utfall = "{2023: \"9\", 2024: {totalt: \"12\", R9: \"11\"}}", .extra = "jämförelse: R9"}, "", EU, 3, "above the comparison"},
        {{.riktning = "minska", .mal = "samma eller lägre än jämförelse", .utfall = "{2023: \"9\", 2024: \"10\"}", .extra = "jämförelse: R9"}, "", EB, -1, "comparison missing, no improvement"},
        {{.riktning = "minska", .mal = "samma eller lägre än jämförelse", .utfall = "{2023: \"12\", 2024: \"10\"}", .extra = "jämförelse: R9"}, "", D, 2, "comparison missing, improved"},
        // rules from elsewhere in the file
        {{.mal = "minst 90 %", .utfall = "{2023: \"80 %\", 2024: \"95 %\"}"}, "standardregel: |\n  annars delvis", D, 0, "standardregel"},
        {{.mal = "minst 90 %", .utfall = "{2023: \"80 %\", 2024: \"95 %\"}", .regel = "min-regel"},
         "regler:\n  min-regel: |\n    ej uppfyllt om uppnått", EU, 0, "a named rule"},
    };
    for (const Row& r : rows) {
        CAPTURE(r.why);
        CAPTURE(r.ind.utfall);
        CAPTURE(r.ind.extra);
        Run run(rule_file({r.ind}, {}, r.top));
        REQUIRE_MESSAGE(run.ok(), run.problems());
        const IndicatorAssessment& ia = run.ind();
        CHECK(word(ia.rule_result) == word(r.expected));
        CHECK(ia.run.clause == r.clause);
    }
}

TEST_CASE("eval variables: bas, basår, trend, framsteg, mål, år") {
    struct Row { Ind ind; std::string_view cond; Tri expected; };
    const Row rows[] = {
        {{.utfall = "{2021: \"1\", 2022: \"2\", 2023: \"3\", 2024: \"4\"}"}, "trend = 1", S},
        {{.utfall = "{2021: \"4\", 2022: \"3\", 2023: i.u., 2024: \"1\"}"}, "trend = -1", S},
        {{.utfall = "{2021: \"1\", 2022: \"2\", 2023-08: \"50\", 2024: \"4\"}"}, "trend > 0", S},
        {{.utfall = "{2024: \"4\"}"}, "trend = 0", O},  // fewer than 2 points
        {{.utfall = "{2021: \"9\", 2022: \"9\", 2023: \"1\", 2024: \"3\"}", .extra = "serieavbrott: 2023"}, "trend = 2", S},
        {{.utfall = "{2021: \"9\", 2023: \"1\", 2024: \"3\"}", .extra = "serieavbrott: 2023"}, "bas = 1 och basår = 2023", S},
        {{.utfall = "{2020: i.u., 2021: \"7\", 2024: \"3\"}"}, "bas = 7 och basår = 2021", S},
        {{.utfall = "{2024: \"3\"}", .extra = "serieavbrott: 2025"}, "saknas(bas)", S},
        // framsteg: (70/50)^(1/4) - 1 over (100/50)^(1/6) - 1 = 71,66 %
        {{.mal = "minst 100", .utfall = "{2020: \"50\", 2024: \"70\"}", .extra = "målår: 2026"}, "framsteg > 71,6 och framsteg < 71,7", S},
        {{.mal = "minst 100", .utfall = "{2020: \"50\", 2024: \"100\"}", .extra = "målår: 2024"}, "framsteg = 100", S},
        {{.mal = "minst 50", .utfall = "{2020: \"50\", 2024: \"70\"}"}, "framsteg > 0", O},     // bas = mål
        {{.mal = "minst 100", .utfall = "{2020: \"0\", 2024: \"70\"}"}, "framsteg > 0", O},     // bas <= 0
        {{.mal = "minst 100", .utfall = "{2024: \"70\"}"}, "framsteg > 0", O},                  // år = basår
        {{.utfall = "{2020: \"50\", 2024: \"70\"}"}, "framsteg > 0", O},                      // no mål
        // mål is the bound X
        {{.mal = "minst 90 %", .utfall = "{2024: \"90 %\"}"}, "värde >= mål och mål = 90 %", S},
        {{.mal = "90 %", .utfall = "{2024: \"90 %\"}"}, "mål = 90", S},
        {{.mal = "topp 3", .utfall = "{2024: \"2\"}"}, "mål = 3 och uppnått", S},
        {{.utfall = "{2024: \"90 %\"}"}, "värde >= mål", O},
        // tolerans applies to the target's `=`, never to `=` in a rule
        {{.riktning = "bibehålla", .mal = "= 5", .utfall = "{2024: \"5,2\"}", .tolerans = "0,5"}, "uppnått", S},
        {{.riktning = "bibehålla", .mal = "= 5", .utfall = "{2024: \"5,2\"}", .tolerans = "0,5"}, "värde = mål", F},
        {{.riktning = "bibehålla", .mal = "= 5", .utfall = "{2024: \"5,2\"}", .tolerans = "0,5"}, "värde != 5", S},
        // år is the budget year, a number
        {{.utfall = "{2024: \"1\"}"}, "år = 2024 och år - 1 = 2023", S},
    };
    for (const Row& r : rows) {
        CAPTURE(r.ind.utfall);
        CAPTURE(r.cond);
        const std::string rule = "uppfyllt om " + std::string(r.cond);
        Ind ind = r.ind;
        ind.regel = rule;
        Run run(rule_file({ind}));
        REQUIRE_MESSAGE(run.ok(), run.problems());
        const TraceView& t = run.ind().trace;
        REQUIRE(t.clauses.size() == 1);
        CHECK(tw(t.clauses[0].result) == tw(r.expected));
    }
}

// docs/regelfil.md: "Values for periods after the report's period are ignored"
// — data files drop them (engine/load/data_file.cpp `after_report`), but
// inline `utfall` values are kept (engine/load/rule_file.cpp `add_value` has
// no such check), so värde(p), bas and trend read them (engine/assess/
// facts.cpp skips only `dv.period.year > file.year`, which keeps a full-year
// value in a delår whose period is earlier in the same year).
TEST_CASE("eval periods after the report's period are not read") {
    struct Row { std::string_view top, utfall, cond; };
    const Row rows[] = {
        {"", "{2023: \"2\", 2024: \"3\", 2025: \"9\"}", "saknas(värde(2025))"},
        {"rapport: delår\nperiod: 2024-08", "{2023: \"2\", 2024-08: \"3\", 2024: \"9\"}", "saknas(värde(2024))"},
        {"rapport: delår\nperiod: 2024-08", "{2023: \"2\", 2024-08: \"3\", 2024-12: \"9\"}", "saknas(värde(2024-12))"},
        {"rapport: delår\nperiod: 2024-08", "{2022: \"1\", 2023: \"2\", 2024-08: \"3\", 2024: \"100\"}", "trend = 1"},
    };
    for (const Row& r : rows) {
        CAPTURE(r.top);
        CAPTURE(r.utfall);
        CAPTURE(r.cond);
        Run run(rule_file({{.utfall = r.utfall, .regel = "uppfyllt om " + std::string(r.cond)}}, {}, r.top));
        REQUIRE_MESSAGE(run.ok(), run.problems());
        CHECK(word(run.ind().rule_result) == word(U));
    }
}

TEST_CASE("eval manual judgements: the goal rule sees the indicator's final result") {
    Run run(rule_file({
        {.mal = "minst 90 %", .utfall = "{2023: \"95 %\", 2024: \"85 %\"}", .extra = "manuell: uppfyllt\nmotivering: \"Ny mätmetod.\""},
        {.mal = "minst 90 %", .utfall = "{2023: \"80 %\", 2024: \"95 %\"}"},
    }));
    REQUIRE_MESSAGE(run.ok(), run.problems());
    CHECK(run.ind(0).manual);
    CHECK(word(run.ind(0).rule_result) == word(EU));
    CHECK(word(run.ind(0).result) == word(U));
    CHECK(word(run.goal().result) == word(U));
    CHECK(run.a.manual_deviations == 1);
}

TEST_CASE("eval targets: every row of §3 at, just past, missing and straddling the bound") {
    // The previous value is always on the wrong side so a miss is not delvis.
    const IndRow rows[] = {
        // >= X, ≥ X, minst X, samma eller högre än X
        {"öka", ">= 90 %", "{2023: \"95 %\", 2024: \"90 %\"}", "", U, 1, ">= at"},
        {"öka", ">= 90 %", "{2023: \"95 %\", 2024: \"89,9 %\"}", "", EU, 3, ">= below"},
        {"öka", ">= 90 %", "{2023: \"95 %\", 2024: i.u.}", "", EB, 0, ">= missing"},
        {"öka", ">= 90 %", "{2023: \"95 %\", 2024: \"85-95 %\"}", "", EB, -1, ">= straddle"},
        {"öka", "≥ 90 %", "{2023: \"95 %\", 2024: \"90 %\"}", "", U, 1, "≥ at"},
        {"öka", "≥ 90 %", "{2023: \"95 %\", 2024: \"89,9 %\"}", "", EU, 3, "≥ below"},
        {"öka", "minst 90 %", "{2023: \"95 %\", 2024: \"90 %\"}", "", U, 1, "minst at"},
        {"öka", "Minst 90 %", "{2023: \"95 %\", 2024: \"89,9 %\"}", "", EU, 3, "minst below"},
        {"öka", "minst 90 %", "{2023: \"95 %\", 2024: \"85-95 %\"}", "", EB, -1, "minst straddle"},
        {"öka", "samma eller högre än 90 %", "{2023: \"95 %\", 2024: \"90 %\"}", "", U, 1, "samma eller högre än at"},
        {"öka", "samma eller högre än 90 %", "{2023: \"95 %\", 2024: \"89,9 %\"}", "", EU, 3, "samma eller högre än below"},
        // <= X, ≤ X, max X, högst X, samma eller lägre än X
        {"minska", "<= 5", "{2023: \"2\", 2024: \"5\"}", "", U, 1, "<= at"},
        {"minska", "<= 5", "{2023: \"2\", 2024: \"5,1\"}", "", EU, 3, "<= above"},
        {"minska", "<= 5", "{2023: \"2\"}", "", EB, 0, "<= missing"},
        {"minska", "<= 5", "{2023: \"2\", 2024: \"3-7\"}", "", EB, -1, "<= straddle"},
        {"minska", "≤ 5", "{2023: \"2\", 2024: \"5\"}", "", U, 1, "≤ at"},
        {"minska", "≤ 5", "{2023: \"2\", 2024: \"5,1\"}", "", EU, 3, "≤ above"},
        {"minska", "max 5", "{2023: \"2\", 2024: \"5\"}", "", U, 1, "max at"},
        {"minska", "max 5", "{2023: \"2\", 2024: \"5,1\"}", "", EU, 3, "max above"},
        {"minska", "max 5", "{2023: \"2\", 2024: \"3-7\"}", "", EB, -1, "max straddle"},
        {"minska", "högst 5", "{2023: \"2\", 2024: \"5\"}", "", U, 1, "högst at"},
        {"minska", "hogst 5", "{2023: \"2\", 2024: \"5,1\"}", "", EU, 3, "högst above, ASCII"},
        {"minska", "samma eller lägre än 5", "{2023: \"2\", 2024: \"5\"}", "", U, 1, "samma eller lägre än at"},
        {"minska", "samma eller lägre än 5", "{2023: \"2\", 2024: \"5,1\"}", "", EU, 3, "samma eller lägre än above"},
        // > X, över X, högre än X
        {"öka", "> 5", "{2023: \"9\", 2024: \"5\"}", "", EU, 3, "> at"},
        {"öka", "> 5", "{2023: \"9\", 2024: \"5,1\"}", "", U, 1, "> just above"},
        {"öka", "> 5", "{2023: \"9\"}", "", EB, 0, "> missing"},
        {"öka", "> 5", "{2023: \"9\", 2024: \"4-6\"}", "", EB, -1, "> straddle"},
        {"öka", "> 5", "{2023: \"9\", 2024: \"5-6\"}", "", EB, -1, "> interval touching the bound"},
        {"öka", "över 5", "{2023: \"9\", 2024: \"5\"}", "", EU, 3, "över at"},
        {"öka", "över 5", "{2023: \"9\", 2024: \"5,1\"}", "", U, 1, "över just above"},
        {"öka", "högre än 5", "{2023: \"9\", 2024: \"5\"}", "", EU, 3, "högre än at"},
        {"öka", "högre än 5", "{2023: \"9\", 2024: \"5,1\"}", "", U, 1, "högre än just above"},
        // < X, under X, lägre än X
        {"minska", "< 5", "{2023: \"1\", 2024: \"5\"}", "", EU, 3, "< at"},
        {"minska", "< 5", "{2023: \"1\", 2024: \"4,9\"}", "", U, 1, "< just below"},
        {"minska", "< 5", "{2023: \"1\", 2024: \"4-6\"}", "", EB, -1, "< straddle"},
        {"minska", "under 5", "{2023: \"1\", 2024: \"5\"}", "", EU, 3, "under at"},
        {"minska", "under 5", "{2023: \"1\", 2024: \"4,9\"}", "", U, 1, "under just below"},
        {"minska", "lägre än 5", "{2023: \"1\", 2024: \"5\"}", "", EU, 3, "lägre än at"},
        {"minska", "lägre än 5", "{2023: \"1\", 2024: \"4,9\"}", "", U, 1, "lägre än just below"},
        // = X, within tolerans
        {"bibehålla", "= 5", "{2023: \"9\", 2024: \"5\"}", "", U, 1, "= at"},
        {"bibehålla", "= 5", "{2023: \"9\", 2024: \"5,1\"}", "", EU, 3, "= off, no tolerance"},
        {"bibehålla", "= 5", "{2023: \"9\", 2024: \"5,5\"}", "0,5", U, 1, "= at the tolerance"},
        {"bibehålla", "= 5", "{2023: \"9\", 2024: \"4,5\"}", "0,5", U, 1, "= at the tolerance below"},
        {"bibehålla", "= 5", "{2023: \"9\", 2024: \"5,6\"}", "0,5", EU, 3, "= past the tolerance"},
        {"bibehålla", "= 5", "{2023: \"9\", 2024: \"4-6\"}", "", EB, -1, "= straddle"},
        {"öka", "= 5", "{2023: \"9\", 2024: \"5\"}", "", U, 1, "= does not depend on riktning"},
        // mellan X och Y
        {"öka", "mellan 25 000 och 30 000", "{2023: \"40 000\", 2024: \"25 000\"}", "", U, 1, "mellan at X"},
        {"öka", "mellan 25 000 och 30 000", "{2023: \"40 000\", 2024: \"30 000\"}", "", U, 1, "mellan at Y"},
        {"öka", "mellan 25 000 och 30 000", "{2023: \"40 000\", 2024: \"24 999\"}", "", EU, 3, "mellan below X"},
        {"öka", "mellan 25 000 och 30 000", "{2023: \"40 000\", 2024: \"30 001\"}", "", EU, 3, "mellan above Y"},
        {"öka", "mellan 25 000 och 30 000", "{2023: \"40 000\", 2024: \"29000-31000\"}", "", EB, -1, "mellan straddle Y"},
        {"öka", "mellan 25 000 och 30 000", "{2023: \"40 000\"}", "", EB, 0, "mellan missing"},
        // topp N: a rank
        {"minska", "topp 10", "{2023: \"5\", 2024: \"10\"}", "", U, 1, "topp at"},
        {"minska", "topp 10", "{2023: \"5\", 2024: \"11\"}", "", EU, 3, "topp past"},
        {"minska", "topp 10", "{2023: \"5\", 2024: \"8-12\"}", "", EB, -1, "topp straddle"},
        // bare X by riktning
        {"öka", "90 %", "{2023: \"95 %\", 2024: \"90 %\"}", "", U, 1, "bare öka at"},
        {"öka", "90 %", "{2023: \"95 %\", 2024: \"89,9 %\"}", "", EU, 3, "bare öka below"},
        {"minska", "5", "{2023: \"2\", 2024: \"5\"}", "", U, 1, "bare minska at"},
        {"minska", "5", "{2023: \"2\", 2024: \"5,1\"}", "", EU, 3, "bare minska above"},
        {"bibehålla", "5", "{2023: \"9\", 2024: \"5,2\"}", "0,2", U, 1, "bare bibehålla within tolerance"},
        {"bibehålla", "5", "{2023: \"9\", 2024: \"5,3\"}", "0,2", EU, 3, "bare bibehålla past tolerance"},
        {"bibehålla", "5", "{2023: \"9\", 2024: \"4-6\"}", "", EB, -1, "bare bibehålla straddle"},
        // a bound that is an expression over the data
        {"öka", "föregående + 2", "{2023: \"10\", 2024: \"12\"}", "", U, 1, "bound from föregående"},
        {"öka", "föregående + 2", "{2023: \"10\", 2024: \"11\"}", "", D, 2, "bound from föregående, improved"},
        {"öka", "föregående + 2", "{2024: \"11\"}", "", EB, -1, "bound missing"},
        {"minska", "max(föregående; 10)", "{2023: \"12\", 2024: \"12\"}", "", U, 1, "max(a; b) is a function"},
    };
    for (const IndRow& r : rows) check_builtin(r);
}

TEST_CASE("eval decimals: values behave as the decimals they are written as") {
    const IndRow rows[] = {
        {"öka", "minst 90 %", "{2023: \"95 %\", 2024: \"89,96 %\"}", "", EU, 3, "89,96 % does not reach 90 %"},
        {"öka", "minst 90 %", "{2023: \"95 %\", 2024: \"89,999 %\"}", "", EU, 3, "nor does 89,999 %"},
        {"öka", "minst 90 %", "{2023: \"95 %\", 2024: \"90,00 %\"}", "", U, 1, "90,00 % does"},
        {"öka", "minst 0,3", "{2023: \"1\", 2024: \"0,3\"}", "", U, 1, "0,3 reaches 0,3"},
        {"bibehålla", "", "{2023: \"5,1\", 2024: \"5,3\"}", "0,2", U, 1, "5,3 - 5,1 is 0,2: within the tolerance"},
        {"bibehålla", "", "{2023: \"5,3\", 2024: \"5,1\"}", "0,2", U, 1, "5,1 - 5,3 is -0,2: within the tolerance"},
        {"bibehålla", "= 5,1", "{2023: \"9\", 2024: \"5,3\"}", "0,2", U, 1, "target = 5,1 ± 0,2"},
        {"öka", "", "{2023: \"5,1\", 2024: \"5,3\"}", "0,2", EU, 3, "öka: +0,2 is not more than the tolerance"},
        {"öka", "", "{2023: \"0,1\", 2024: \"0,3\"}", "0,2", EU, 3, "0,1 + 0,2 is 0,3, not more"},
        {"minska", "", "{2023: \"0,3\", 2024: \"0,1\"}", "0,2", EU, 3, "0,3 - 0,2 is 0,1, not less"},
        // 0 is a value, not a missing one
        {"minska", "max 0", "{2023: \"3\", 2024: \"0\"}", "", U, 1, "0 reaches max 0"},
        {"öka", "minst 1", "{2023: \"0\", 2024: \"0\"}", "", EU, 3, "0 is judged, not ej bedömd"},
        {"öka", "", "{2023: \"0\", 2024: \"0,1\"}", "", U, 1, "0 as previous value"},
        {"minska", "", "{2023: \"0 %\", 2024: \"-0,5 %\"}", "", U, 1, "negative values"},
    };
    for (const IndRow& r : rows) check_builtin(r);
}

TEST_CASE("eval decimals: förbättrat, oförändrat and försämrat with a tolerance") {
    struct Row { std::string_view riktning, utfall, tolerans; Tri forb, ofor, fors; };
    const Row rows[] = {
        {"bibehålla", "{2023: \"5,1\", 2024: \"5,3\"}", "0,2", S, S, F},
        {"bibehålla", "{2023: \"5,1\", 2024: \"5,4\"}", "0,2", F, F, S},
        {"öka", "{2023: \"5,1\", 2024: \"5,3\"}", "0,2", F, S, F},
        {"öka", "{2023: \"5,1\", 2024: \"5,4\"}", "0,2", S, F, F},
        {"öka", "{2023: \"5,1\", 2024: \"4,9\"}", "0,2", F, S, F},
        {"öka", "{2023: \"5,1\", 2024: \"4,8\"}", "0,2", F, F, S},
        {"minska", "{2023: \"5,1\", 2024: \"4,9\"}", "0,2", F, S, F},
        {"minska", "{2023: \"5,1\", 2024: \"4,8\"}", "0,2", S, F, F},
        {"minska", "{2023: \"5,1\", 2024: \"5,4\"}", "0,2", F, F, S},
        {"öka", "{2024: \"5,4\"}", "0,2", O, O, O},
        {"öka", "{2023: \"5\", 2024: \"4-6\"}", "0", O, O, O},
    };
    for (const Row& r : rows) {
        CAPTURE(r.riktning);
        CAPTURE(r.utfall);
        Run run(rule_file({{.riktning = r.riktning, .utfall = r.utfall,
                            .regel = "uppfyllt om förbättrat\nuppfyllt om oförändrat\nuppfyllt om försämrat",
                            .tolerans = r.tolerans}}));
        REQUIRE_MESSAGE(run.ok(), run.problems());
        // Each clause records its Tri until one fires; read them one by one.
        const TraceView& t = run.ind().trace;
        const Tri want[] = {r.forb, r.ofor, r.fors};
        for (std::size_t k = 0; k < t.clauses.size(); ++k) {
            CAPTURE(k);
            CHECK(tw(t.clauses[k].result) == tw(want[k]));
        }
        // Also directly, whatever fired first.
        const IndicatorFacts f = gather_facts(*run.a.file, run.model.indicators[0], 0);
        CHECK(tw(improved(f)) == tw(r.forb));
        CHECK(tw(unchanged(f)) == tw(r.ofor));
        CHECK(tw(worsened(f)) == tw(r.fors));
    }
}

TEST_CASE("eval decimals: avrunda rounds the decimal as written, half away from zero") {
    // 1,005 and 2,675 are not exact doubles (1.00499999…, 2.67499999…);
    // rounding the double gives 1,00 and 2,67, the decimals say 1,01 and 2,68.
    struct Row { std::string_view value, cond; };
    const Row rows[] = {
        {"\"2,5\"", "avrunda(värde; 0) = 3"},
        {"\"-2,5\"", "avrunda(värde; 0) = -3"},
        {"\"1,005\"", "avrunda(värde; 2) = 1,01"},
        {"\"2,675\"", "avrunda(värde; 2) = 2,68"},
        {"\"1,15\"", "avrunda(värde; 1) = 1,2"},
        {"\"1,015\"", "avrunda(värde; 2) = 1,02"},
        {"\"0,285\"", "avrunda(värde; 2) = 0,29"},
        {"\"-1,005\"", "avrunda(värde; 2) = -1,01"},
    };
    for (const Row& r : rows) {
        CAPTURE(r.value);
        CAPTURE(r.cond);
        Run run(rule_file({{.utfall = "{2024: " + std::string(r.value) + "}", .regel = "uppfyllt om " + std::string(r.cond)}}));
        REQUIRE_MESSAGE(run.ok(), run.problems());
        CHECK(word(run.ind().rule_result) == word(U));
    }
}

// ---- the built-in goal rule ------------------------------------------------
//   0 ej bedömd om ingen bedömd
//   1 uppfyllt om alla uppfyllt
//   2 ej uppfyllt om alla ej uppfyllt
//   3 annars delvis

namespace {

// An indicator whose rule result is `o`.
Ind fixed(Outcome o, const char* vikt = "") {
    switch (o) {
        case Outcome::Uppfyllt: return {.regel = "annars uppfyllt", .vikt = vikt};
        case Outcome::Delvis: return {.regel = "annars delvis", .vikt = vikt};
        case Outcome::EjUppfyllt: return {.regel = "annars ej uppfyllt", .vikt = vikt};
        case Outcome::EjBedomd: return {.regel = "annars ej bedömd", .vikt = vikt};
    }
    return {};
}

std::vector<Ind> fixed_all(std::initializer_list<Outcome> os) {
    std::vector<Ind> v;
    for (Outcome o : os) v.push_back(fixed(o));
    return v;
}

}  // namespace

TEST_CASE("eval built-in goal rule: each outcome") {
    struct Row { std::vector<Outcome> inputs; Outcome expected; int clause; };
    const Row rows[] = {
        {{U}, U, 1},
        {{U, U, U}, U, 1},
        {{EU, EU}, EU, 2},
        {{U, EU}, D, 3},
        {{U, D}, D, 3},
        {{D}, D, 3},
        {{D, EU}, D, 3},
        {{EB, EB}, EB, 0},
        {{EB}, EB, 0},
        // ej bedömda indicators do not count against the others
        {{U, EB}, U, 1},
        {{EU, EB}, EU, 2},
        {{U, EU, EB}, D, 3},
    };
    for (const Row& r : rows) {
        std::vector<Ind> inds;
        std::string in;
        for (Outcome o : r.inputs) {
            inds.push_back(fixed(o));
            in += std::string(in.empty() ? "" : ",") + word(o);
        }
        CAPTURE(in);
        Run run(rule_file(inds));
        REQUIRE_MESSAGE(run.ok(), run.problems());
        for (std::size_t k = 0; k < r.inputs.size(); ++k) REQUIRE(run.ind(k).result == r.inputs[k]);
        const GoalAssessment& g = run.goal();
        CHECK(g.evaluated);
        CHECK(word(g.rule_result) == word(r.expected));
        CHECK(word(g.result) == word(r.expected));
        CHECK(g.run.clause == r.clause);
        CHECK(g.trace.clauses.size() == static_cast<std::size_t>(r.clause + 1));
    }
}

TEST_CASE("eval built-in goal rule: a goal without indicators is ej bedömd and not evaluated") {
    Run run(rule_file({}));
    REQUIRE_MESSAGE(run.ok(), run.problems());
    const GoalAssessment& g = run.goal();
    CHECK_FALSE(g.evaluated);
    CHECK(word(g.result) == word(EB));
    CHECK(word(g.rule_result) == word(EB));
    CHECK(g.run.clause == -1);
    CHECK(g.trace.clauses.empty());
    CHECK(g.inputs.empty());
}

TEST_CASE("eval built-in goal rule: it sees the indicators' results from real data") {
    Run run(rule_file({
        {.mal = "minst 90 %", .utfall = "{2023: \"80 %\", 2024: \"95 %\"}"},   // uppfyllt
        {.mal = "minst 90 %", .utfall = "{2023: \"80 %\", 2024: \"85 %\"}"},   // delvis
        {.mal = "minst 90 %", .utfall = "{2023: \"80 %\", 2024: i.u.}"},       // ej bedömd
    }));
    REQUIRE_MESSAGE(run.ok(), run.problems());
    CHECK(word(run.ind(0).result) == word(U));
    CHECK(word(run.ind(1).result) == word(D));
    CHECK(word(run.ind(2).result) == word(EB));
    CHECK(word(run.goal().result) == word(D));
    CHECK(run.goal().run.clause == 3);
}

// ---- quantifiers in a custom bedömning -------------------------------------

TEST_CASE("eval quantifiers: alla, någon, ingen, andel, antal, indikator(id) är") {
    struct Row { std::vector<Ind> inds; std::string_view cond; Tri expected; };
    const Row rows[] = {
        {fixed_all({U, U}), "alla uppfyllt", S},
        {fixed_all({U, EU}), "alla uppfyllt", F},
        {fixed_all({U, EB}), "alla uppfyllt", S},                // over the bedömda
        {fixed_all({EB, EB}), "alla uppfyllt", O},               // empty set: okänt
        {fixed_all({EB, EB}), "någon uppfyllt", O},
        {fixed_all({EB, EB}), "ingen uppfyllt", O},
        {fixed_all({D, D}), "alla delvis uppfyllt", S},
        {fixed_all({U, D}), "någon delvis", S},
        {fixed_all({U, U}), "någon delvis", F},
        {fixed_all({U, D}), "nagon delvis", S},                  // ASCII spelling
        {fixed_all({U, D}), "ingen ej uppfyllt", S},
        {fixed_all({U, EU}), "ingen ej uppfyllt", F},
        {fixed_all({EB, EB}), "alla ej bedömd", S},              // over all indicators
        {fixed_all({EB, U}), "alla ej bedömd", F},
        {fixed_all({EB, U}), "någon bedömd", S},
        {fixed_all({EB, EB}), "ingen bedömd", S},
        {fixed_all({EB, U}), "ingen bedomd", F},
        {fixed_all({U, EU}), "andel uppfyllt = 50", S},
        {fixed_all({U, EU}), "andel uppfyllt >= 50 %", S},
        {fixed_all({U, EU, EB}), "andel uppfyllt = 50", S},      // over the bedömda
        {fixed_all({U, EU, EB, EB}), "andel bedömd = 50", S},    // over all
        {fixed_all({U, EB, EB, EB}), "andel ej bedömd = 75", S},
        {fixed_all({U, U, EU}), "andel uppfyllt > 66,6 och andel uppfyllt < 66,7", S},
        {fixed_all({EB, EB}), "andel uppfyllt >= 0", O},         // no bedömda: okänt
        {{fixed(U, "3"), fixed(EU, "1")}, "andel uppfyllt = 75", S},
        {{fixed(U, "1"), fixed(EU, "3")}, "andel uppfyllt = 25", S},
        {{fixed(U, "0,5"), fixed(EU, "1,5")}, "andel uppfyllt = 25", S},
        {{fixed(U, "0"), fixed(EU, "0")}, "andel uppfyllt >= 0", O},  // weights sum to 0
        {{fixed(U, "0"), fixed(EU, "2")}, "andel uppfyllt = 0", S},
        {{fixed(U, "5"), fixed(U, "1"), fixed(EU, "1")}, "antal uppfyllt = 2", S},  // antal is not weighted
        {fixed_all({U, U, EB}), "antal uppfyllt = 2", S},
        {fixed_all({U, EB, EB}), "antal ej bedömd = 2", S},
        {fixed_all({EB, EB}), "antal uppfyllt = 0", S},          // 0 over an empty set
        {fixed_all({U, D, D}), "antal delvis >= 2 och antal uppfyllt < 2", S},
        {fixed_all({U, EU}), "indikator(i2) är ej uppfyllt", S},
        {fixed_all({U, EU}), "indikator(i1) är ej uppfyllt", F},
        {fixed_all({U, EU}), "indikator(\"i1\") ÄR uppfyllt", S},
        {fixed_all({EB, EU}), "indikator(i1) är bedömd", F},
        {fixed_all({EB, EU}), "indikator(i1) är ej bedömd och indikator(i2) är bedömd", S},
        {fixed_all({D, EU}), "indikator(i1) är delvis uppfyllt", S},
        {fixed_all({U, EU}), "inte alla uppfyllt och någon uppfyllt", S},
        {fixed_all({EB, EB}), "inte alla uppfyllt", O},
        {fixed_all({EB, EB}), "alla uppfyllt eller ingen bedömd", S},
    };
    for (const Row& r : rows) {
        CAPTURE(r.cond);
        std::string in;
        for (const Ind& i : r.inds) in += std::string(in.empty() ? "" : ",") + std::string(i.regel) + "/" + std::string(i.vikt);
        CAPTURE(in);
        Run run(rule_file(r.inds, "uppfyllt om " + std::string(r.cond) + "\nej uppfyllt om inte (" + std::string(r.cond) + ")"));
        REQUIRE_MESSAGE(run.ok(), run.problems());
        const GoalAssessment& g = run.goal();
        REQUIRE(g.evaluated);
        REQUIRE(!g.trace.clauses.empty());
        CHECK(tw(g.trace.clauses[0].result) == tw(r.expected));
        const Outcome want = r.expected == S ? U : r.expected == F ? EU : EB;
        CHECK(word(g.rule_result) == word(want));
        CHECK(g.run.clause == (r.expected == S ? 0 : r.expected == F ? 1 : -1));
    }
}

TEST_CASE("eval quantifiers: the trace records counts over the set each label ranges over") {
    Run run(rule_file(fixed_all({U, EU, EB}), "uppfyllt om alla uppfyllt\ndelvis om någon ej bedömd"));
    REQUIRE_MESSAGE(run.ok(), run.problems());
    const GoalAssessment& g = run.goal();
    REQUIRE(g.trace.clauses.size() == 2);
    CHECK(g.run.clause == 1);
    CHECK(g.result == D);
    // Each quantifier is followed by the set it counted (OperandRole::Counted).
    std::vector<TraceRead> q, set;
    for (std::size_t k = 0; k < g.trace.reads.size(); ++k)
        if (g.trace.reads[k].kind == ReadKind::Quantifier) {
            q.push_back(g.trace.reads[k]);
            REQUIRE(k + 1 < g.trace.reads.size());
            set.push_back(g.trace.reads[k + 1]);
        }
    REQUIRE(q.size() == 2);
    CHECK(set[0].kind == ReadKind::Operand);
    CHECK(set[0].role() == OperandRole::Counted);
    CHECK(q[0].label == Label::Uppfyllt);
    CHECK(q[0].count == 1);
    CHECK(set[0].count == 2);  // the bedömda
    CHECK(q[0].truth == F);
    CHECK(q[1].label == Label::EjBedomd);
    CHECK(q[1].count == 1);
    CHECK(set[1].count == 3);  // all indicators
    CHECK(q[1].truth == S);
}

// ---- the trace ---------------------------------------------------------------

TEST_CASE("eval trace: the deciding clause and every earlier clause with its Tri") {
    struct Row { std::string_view mal, utfall; int clause; std::vector<Tri> tried; };
    const Row rows[] = {
        {"minst 90 %", "{2023: \"80 %\", 2024: i.u.}", 0, {S}},
        {"minst 90 %", "{2023: \"80 %\", 2024: \"95 %\"}", 1, {F, S}},
        {"minst 90 %", "{2023: \"80 %\", 2024: \"85 %\"}", 2, {F, F, S}},
        {"minst 90 %", "{2023: \"85 %\", 2024: \"85 %\"}", 3, {F, F, F, S}},
        {"minst 90 %", "{2024: \"85 %\"}", 3, {F, F, O, S}},
        {"minst 30 %", "{2023: \"40 %\", 2024: \"26-34 %\"}", -1, {F, O, F, O}},
        {"", "{2024: \"12\"}", -1, {F, O, O, O}},
    };
    for (const Row& r : rows) {
        CAPTURE(r.mal);
        CAPTURE(r.utfall);
        Run run(rule_file({{.mal = r.mal, .utfall = r.utfall}}));
        REQUIRE_MESSAGE(run.ok(), run.problems());
        const IndicatorAssessment& ia = run.ind();
        CHECK(ia.run.clause == r.clause);
        const std::vector<Tri> got = tried(ia.trace);
        CHECK(tris(got) == tris(r.tried));
        for (std::size_t k = 0; k < ia.trace.clauses.size(); ++k) {
            const TraceClause& c = ia.trace.clauses[k];
            CHECK(c.clause == k);
            CHECK(c.first_read + c.read_count <= ia.trace.reads.size());
            if (k > 0) CHECK(c.first_read == ia.trace.clauses[k - 1].first_read + ia.trace.clauses[k - 1].read_count);
        }
    }
}

// The trace is complete (docs/arkitektur.md, Spåret): a derived condition is
// followed by what it compared, and says why it is okänt; the justification,
// explain and the JSON read these, never the facts again.
TEST_CASE("eval trace: a derived condition records its operands and why it is okänt") {
    struct Row {
        std::string_view mal, utfall, tolerans, regel;
        Tri truth;
        Because because;
        std::vector<OperandRole> roles;  // the Operand reads after it, in order
        double value, other;             // the value judged (the read's own) and the Bound (or Previous) operand; NaN when missing
    };
    const double nan = std::nan("");
    using R = OperandRole;
    const Row rows[] = {
        {"minst 90 %", "{2023: \"80 %\", 2024: \"95 %\"}", "", "uppfyllt om uppnått", S, Because::None, {R::Bound}, 95, 90},
        {"mellan 20 % och 60 %", "{2024: \"30 %\"}", "", "uppfyllt om uppnått", S, Because::None, {R::Bound, R::UpperBound}, 30, 20},
        {"minst 90 %", "{2023: \"80 %\", 2024: i.u.}", "", "uppfyllt om uppnått", O, Because::ValueMissing, {R::Bound}, nan, 90},
        {"minst 30 %", "{2024: \"26-34 %\"}", "", "uppfyllt om uppnått", O, Because::Straddles, {R::Bound}, 26, 30},
        {"", "{2024: \"12\"}", "", "uppfyllt om förbättrat", O, Because::PreviousMissing, {R::Previous}, 12, nan},
        {"", "{2023: \"5,1 %\", 2024: \"5,2 %\"}", "0,2", "uppfyllt om förbättrat", F, Because::Still,
         {R::Previous, R::Tolerance}, 5.2, 5.1},
        // uppnått without a target is förbättrat: it compares with föregående.
        {"", "{2023: \"10\", 2024: \"12\"}", "", "uppfyllt om uppnått", S, Because::None, {R::Previous}, 12, 10},
        {"", "{2023: \"10\", 2024: \"12\"}", "", "uppfyllt om försämrat", F, Because::None, {R::Previous}, 12, 10},
    };
    for (const Row& r : rows) {
        CAPTURE(r.mal);
        CAPTURE(r.utfall);
        CAPTURE(r.regel);
        Run run(rule_file({{.mal = r.mal, .utfall = r.utfall, .regel = r.regel, .tolerans = r.tolerans}}));
        REQUIRE_MESSAGE(run.ok(), run.problems());
        const TraceView& t = run.ind().trace;
        REQUIRE(!t.reads.empty());
        const TraceRead& d = t.reads[0];
        CHECK(d.kind == ReadKind::Variable);
        CHECK(tw(d.truth) == tw(r.truth));
        CHECK(static_cast<int>(d.because()) == static_cast<int>(r.because));
        std::vector<OperandRole> roles;
        for (std::size_t k = 1; k < t.reads.size() && t.reads[k].kind == ReadKind::Operand; ++k) roles.push_back(t.reads[k].role());
        REQUIRE(roles.size() == r.roles.size());
        for (std::size_t k = 0; k < roles.size(); ++k) CHECK(static_cast<int>(roles[k]) == static_cast<int>(r.roles[k]));
        const EvalValue value = d.value(), other = t.reads[1].value();
        if (std::isnan(r.value)) CHECK(value.is_missing());
        else CHECK(value.lo.v == doctest::Approx(r.value));
        if (std::isnan(r.other)) CHECK(other.is_missing());
        else CHECK(other.lo.v == doctest::Approx(r.other));
    }
}

TEST_CASE("eval trace: framsteg records bas, basår, the value and the target for målår") {
    Run run(rule_file({{.mal = "max 20 %", .utfall = "{2022: \"39 %\", 2023: \"26 %\", 2024: \"29 %\"}",
                        .regel = "uppfyllt om framsteg >= 50 %\nej uppfyllt annars", .extra = "målår: 2026"}}));
    REQUIRE_MESSAGE(run.ok(), run.problems());
    const TraceView& t = run.ind().trace;
    std::size_t k = 0;
    while (k < t.reads.size() && !(t.reads[k].kind == ReadKind::Variable && static_cast<Var>(t.reads[k].sym) == Var::Framsteg)) ++k;
    REQUIRE(k + 3 < t.reads.size());
    CHECK(static_cast<FramstegGap>(t.reads[k].detail) == FramstegGap::None);
    CHECK(t.reads[k + 1].role() == OperandRole::Base);
    CHECK(t.reads[k + 1].value().lo.v == 39);
    CHECK(t.reads[k + 1].count == 2022);  // basår
    CHECK(t.reads[k + 2].role() == OperandRole::Value);
    CHECK(t.reads[k + 2].value().lo.v == 29);
    CHECK(t.reads[k + 3].role() == OperandRole::Goal);
    CHECK(t.reads[k + 3].value().lo.v == 20);
    CHECK(t.reads[k + 3].count == 2026);  // målår
}

TEST_CASE("eval trace: a template's expressions are recorded with their reads") {
    Run run(rule_file({{.mal = "minst 15 %", .utfall = "{2023: \"10 %\", 2024: \"17 %\"}",
                        .regel = "uppfyllt om uppnått: \"Ökning {värde - föregående} till {värde}.\""}}));
    REQUIRE_MESSAGE(run.ok(), run.problems());
    const TraceView& t = run.ind().trace;
    REQUIRE(t.templates.size() == 2);
    CHECK(t.templates[0].value.lo == doctest::Approx(7));
    REQUIRE(t.templates[0].read_count == 2);  // värde, föregående
    CHECK(static_cast<Var>(t.reads[t.templates[0].first_read].sym) == Var::Varde);
    CHECK(static_cast<Var>(t.reads[t.templates[0].first_read + 1].sym) == Var::Foregaende);
    CHECK(t.reads[t.templates[0].first_read + 1].value().source >= 0);  // from the data, with its line
    CHECK(t.templates[1].value.lo == doctest::Approx(17));
    // After the clauses' reads.
    const TraceClause& last = t.clauses.back();
    CHECK(t.templates[0].first_read >= last.first_read + last.read_count);
}

TEST_CASE("eval trace: reads name the missing value and the straddled bound") {
    SUBCASE("a missing value is read as missing, with its period") {
        Run run(rule_file({{.mal = "minst 90 %", .utfall = "{2023: \"80 %\", 2024: i.u.}"}}));
        REQUIRE_MESSAGE(run.ok(), run.problems());
        const TraceView& t = run.ind().trace;
        REQUIRE(t.clauses.size() == 1);
        REQUIRE(t.clauses[0].read_count >= 1);
        bool saw_missing = false;
        for (std::uint32_t k = 0; k < t.clauses[0].read_count; ++k) {
            const TraceRead& r = t.reads[t.clauses[0].first_read + k];
            if (r.value().is_missing()) {
                saw_missing = true;
                CHECK(r.value().why == Missing::Marked);
                CHECK(r.value().period.year == 2024);
                CHECK(r.value().source >= 0);  // it came from the data
            }
        }
        CHECK(saw_missing);
    }
    SUBCASE("an absent value is Absent") {
        Run run(rule_file({{.mal = "minst 90 %", .utfall = "{2023: \"80 %\"}"}}));
        REQUIRE_MESSAGE(run.ok(), run.problems());
        CHECK(gather_facts(*run.a.file, run.model.indicators[0], 0).varde.why == Missing::Absent);
        CHECK(gather_facts(*run.a.file, run.model.indicators[0], 0).foregaende.lo.v == 80);
    }
    SUBCASE("a comparison of an interval across the bound is recorded as a straddle") {
        Run run(rule_file({{.utfall = "{2024: \"26-34 %\"}", .regel = "uppfyllt om värde >= 30 %"}}));
        REQUIRE_MESSAGE(run.ok(), run.problems());
        const TraceView& t = run.ind().trace;
        REQUIRE(t.clauses.size() == 1);
        CHECK(t.clauses[0].result == O);
        bool straddle = false;
        for (const auto& r : t.reads) straddle = straddle || r.kind == ReadKind::Straddle;
        CHECK(straddle);
        CHECK(run.ind().rule_result == EB);
    }
}

// ---- the functions of eval.hpp directly ----------------------------------------

TEST_CASE("eval compare: intervals are sant for every point, falskt for none, else okänt") {
    auto num = [](double v, int d = 0) { return EvalValue::number(Decimal{v, static_cast<std::int8_t>(d)}); };
    auto iv = [](double lo, double hi) {
        EvalValue v = EvalValue::number(Decimal{lo, 0});
        v.kind = ValueKind::Interval;
        v.hi = Decimal{hi, 0};
        return v;
    };
    const EvalValue miss = EvalValue::missing(Missing::Absent);
    struct Row { EvalValue a; CmpOp op; EvalValue b; Tri expected; std::string_view what; };
    const Row rows[] = {
        {num(5), CmpOp::Ge, num(5), S, "5 >= 5"},
        {num(5), CmpOp::Gt, num(5), F, "5 > 5"},
        {num(5), CmpOp::Le, num(5), S, "5 <= 5"},
        {num(5), CmpOp::Lt, num(5), F, "5 < 5"},
        {num(5), CmpOp::Eq, num(5), S, "5 = 5"},
        {num(5), CmpOp::Ne, num(5), F, "5 != 5"},
        {num(4.9, 1), CmpOp::Ge, num(5), F, "4,9 >= 5"},
        {iv(26, 34), CmpOp::Ge, num(30), O, "26–34 >= 30"},
        {iv(30, 34), CmpOp::Ge, num(30), S, "30–34 >= 30"},
        {iv(26, 30), CmpOp::Ge, num(30), O, "26–30 >= 30"},
        {iv(26, 29), CmpOp::Ge, num(30), F, "26–29 >= 30"},
        {iv(26, 30), CmpOp::Gt, num(30), F, "26–30 > 30"},
        {iv(26, 30), CmpOp::Le, num(30), S, "26–30 <= 30"},
        {iv(26, 30), CmpOp::Lt, num(30), O, "26–30 < 30"},
        {iv(26, 34), CmpOp::Eq, num(30), O, "26–34 = 30"},
        {iv(26, 34), CmpOp::Eq, num(40), F, "26–34 = 40"},
        {iv(26, 34), CmpOp::Ne, num(40), S, "26–34 != 40"},
        {iv(26, 34), CmpOp::Ge, iv(20, 26), S, "26–34 >= 20–26"},
        {iv(26, 34), CmpOp::Gt, iv(20, 26), O, "26–34 > 20–26"},
        {miss, CmpOp::Ge, num(5), O, "missing >= 5"},
        {num(5), CmpOp::Ne, miss, O, "5 != missing"},
        {miss, CmpOp::Eq, miss, O, "missing = missing"},
        {num(0), CmpOp::Eq, num(0), S, "0 = 0"},
    };
    for (const Row& r : rows) {
        CAPTURE(r.what);
        CHECK(tw(compare(r.a, r.op, r.b)) == tw(r.expected));
    }
}

TEST_CASE("eval run_indicator_rule: recording on and off agree") {
    Run run(rule_file({
        {.mal = "minst 90 %", .utfall = "{2023: \"80 %\", 2024: \"95 %\"}"},
        {.mal = "minst 90 %", .utfall = "{2023: \"80 %\", 2024: \"85 %\"}"},
        {.mal = "minst 90 %", .utfall = "{2023: \"85 %\", 2024: \"85 %\"}"},
        {.mal = "minst 30 %", .utfall = "{2023: \"40 %\", 2024: \"26-34 %\"}"},
        {.mal = "minst 90 %", .utfall = "{2024: i.u.}"},
    }));
    REQUIRE_MESSAGE(run.ok(), run.problems());
    for (std::size_t i = 0; i < run.a.indicators.size(); ++i) {
        CAPTURE(i);
        const IndicatorAssessment& ia = run.ind(i);
        const Ast& ast = run.model.rules[run.model.indicators[i].rule].ast;
        const IndicatorFacts facts = gather_facts(*run.a.file, run.model.indicators[i], static_cast<std::uint32_t>(i));
        const RuleRun quiet = run_indicator_rule<false>(ast, facts, nullptr);
        CHECK(quiet.clause == ia.run.clause);
        CHECK(quiet.outcome == ia.run.outcome);
        Trace again;
        const RuleRun loud = run_indicator_rule<true>(ast, facts, &again);
        CHECK(loud.clause == ia.run.clause);
        CHECK(tris(tried(again.view())) == tris(tried(ia.trace)));
    }
}

// The untraced path takes a short way for the usual clause forms
// (Clause::shape); every form, with every kind of value under it, must
// decide as the recorded path does.
TEST_CASE("eval run_indicator_rule: the short way agrees with the tree for every clause form") {
    const char* rules[] = {
        "ej bedömd om saknas(helårsvärde)\nuppfyllt om uppnått\ndelvis om förbättrat\nej uppfyllt om inte uppnått",
        "uppfyllt om inte försämrat\ndelvis om oförändrat\nej uppfyllt om försämrat",
        "ej bedömd om finns(föregående)\nuppfyllt om inte förbättrat\nannars delvis",
        "ej bedömd om saknas(värde)\nuppfyllt om saknas(prognos)\ndelvis om finns(jämförelse)\nannars ej uppfyllt",
        "uppfyllt om saknas(framsteg)\ndelvis om finns(år)\nannars ej uppfyllt",
        "uppfyllt om uppnått och förbättrat\ndelvis om inte inte uppnått\nej uppfyllt om helårsvärde < föregående",
        "uppfyllt om uppnått eller oförändrat\nannars ej bedömd",
        "ej uppfyllt om inte oförändrat\nuppfyllt om oförändrat",
        // `mål` is read as it is only where there is one; another form between the usual ones.
        "ej bedömd om saknas(mål)\ndelvis om finns(mål)\nuppfyllt om uppnått",
        "ej bedömd om saknas(helårsvärde)\nuppfyllt om helårsvärde >= 91\ndelvis om inte uppnått\nannars ej uppfyllt",
        "delvis om finns(föregående)\nannars uppfyllt\nej uppfyllt om saknas(föregående)",
    };
    const Ind data[] = {
        {.mal = "minst 90 %", .utfall = "{2023: \"80 %\", 2024: \"95 %\"}"},
        {.mal = "minst 90 %", .utfall = "{2023: \"80 %\", 2024: \"85 %\"}"},
        {.mal = "minst 90 %", .utfall = "{2023: \"85 %\", 2024: \"85 %\"}"},
        {.mal = "minst 30 %", .utfall = "{2023: \"40 %\", 2024: \"26-34 %\"}"},
        {.mal = "minst 90 %", .utfall = "{2024: i.u.}"},
        {.mal = "minst 90 %", .utfall = "{2023: i.u., 2024: \"91 %\"}"},
        {.riktning = "minska", .mal = "högst 10", .utfall = "{2023: \"12\", 2024: \"11,5\"}"},
        {.riktning = "minska", .mal = "högst 10", .utfall = "{2023: \"9\", 2024: \"9,2\"}", .tolerans = "0,5"},
        {.riktning = "bibehålla", .mal = "= 50", .utfall = "{2023: \"50\", 2024: \"50,4\"}", .tolerans = "0,5"},
        {.riktning = "bibehålla", .utfall = "{2023: \"50\", 2024: \"52\"}"},
        {.mal = "mellan 10 och 20", .utfall = "{2023: \"5\", 2024: \"15\"}"},
        {.mal = "över 10", .utfall = "{2023: \"10\", 2024: \"10\"}"},
        {.utfall = "{2023: \"1\", 2024: \"2\"}"},
        {.mal = "minst 90 %"},
    };
    int checked = 0;
    for (const char* rule : rules) {
        std::vector<Ind> inds;
        for (Ind d : data) {
            // `mål` alone is no value where the target has two bounds (a rule file error).
            if (std::string_view(rule).find("(mål)") != std::string_view::npos && d.mal.starts_with("mellan")) continue;
            d.regel = rule;
            inds.push_back(d);
        }
        Run run(rule_file(inds));
        REQUIRE_MESSAGE(run.ok(), run.problems());
        for (std::size_t i = 0; i < run.a.indicators.size(); ++i) {
            CAPTURE(rule);
            CAPTURE(i);
            const Ast& ast = run.model.rules[run.model.indicators[i].rule].ast;
            const IndicatorFacts facts = gather_facts(*run.a.file, run.model.indicators[i], static_cast<std::uint32_t>(i));
            const RuleRun quiet = run_indicator_rule<false>(ast, facts, nullptr);
            Trace loud_trace;
            const RuleRun loud = run_indicator_rule<true>(ast, facts, &loud_trace);
            CHECK(quiet.clause == loud.clause);
            CHECK(quiet.outcome == loud.outcome);
            CHECK(loud.clause == run.ind(i).run.clause);
            ++checked;
        }
    }
    CHECK(checked == 11 * 14 - 1);
}

// oförändrat without a tolerance compares exact values without rounding
// their differences; a tolerance of 0 written as computed (decimals -1)
// takes the rounding way. Both must agree for every pair, equal ones too.
TEST_CASE("eval oförändrat: the unrounded way for exact values agrees with the rounded one") {
    std::uint64_t seed = 7;
    auto next = [&] {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<int>((seed >> 33) % 4001) - 2000;
    };
    auto exact = [](int k, int d) {
        static const double p[] = {1, 10, 100, 1000};
        return Decimal{k / p[d], static_cast<std::int8_t>(d)};
    };
    int disagreements = 0, equal_pairs = 0;
    for (int n = 0; n < 20000; ++n) {
        const int da = n % 4, db = (n / 4) % 4;
        const int k = next();
        IndicatorFacts f;
        // Every third pair is the same decimal, written with as many decimals.
        const Decimal alo = exact(k, da), ahi = n % 5 == 0 ? exact(k + std::abs(next()) % 50, da) : alo;
        const Decimal blo = n % 3 == 0 ? exact(k, da) : exact(next(), db);
        const Decimal bhi = n % 7 == 0 ? exact(next(), db) : blo;
        f.helarsvarde = EvalValue::number(alo);
        f.helarsvarde.hi = ahi;
        f.foregaende = EvalValue::number(dec_compare(blo, bhi) <= 0 ? blo : bhi);
        f.foregaende.hi = dec_compare(blo, bhi) <= 0 ? bhi : blo;
        if (alo.v == f.foregaende.lo.v) ++equal_pairs;
        f.tolerance = Decimal{0, 0};
        const Tri quick = unchanged(f);
        f.tolerance = Decimal{0, -1};
        const Tri rounded = unchanged(f);
        if (quick != rounded) {
            ++disagreements;
            CAPTURE(alo.v);
            CAPTURE(ahi.v);
            CAPTURE(f.foregaende.lo.v);
            CAPTURE(f.foregaende.hi.v);
            CHECK(tw(quick) == tw(rounded));
        }
    }
    CHECK(disagreements == 0);
    CHECK(equal_pairs > 1000);
}

// development() compares two numbers as written directly; it must give
// what the three conditions give, in every direction, equal values too.
TEST_CASE("assess development: the direct way for two numbers agrees with the conditions") {
    std::uint64_t seed = 11;
    auto next = [&] {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<int>((seed >> 33) % 401) - 200;
    };
    const double p10[] = {1, 10, 100};
    int checked = 0, unchanged_seen = 0;
    for (Direction d : {Direction::Oka, Direction::Minska, Direction::Bibehalla}) {
        for (int n = 0; n < 3000; ++n) {
            const int da = n % 3, db = (n / 3) % 3, k = next();
            IndicatorFacts f;
            f.direction = d;
            f.helarsvarde = EvalValue::number(Decimal{k / p10[da], static_cast<std::int8_t>(da)});
            // Every fourth pair the same decimal, written with as many or more decimals.
            const bool same = n % 4 == 0 && db >= da;
            const int kb = same ? k * static_cast<int>(p10[db - da]) : next();
            f.foregaende = EvalValue::number(Decimal{kb / p10[db], static_cast<std::int8_t>(db)});
            const Development by_conditions = unchanged(f) == Tri::Sant  ? Development::Oforandrat
                                              : improved(f) == Tri::Sant ? Development::Forbattrat
                                              : worsened(f) == Tri::Sant ? Development::Forsamrat
                                                                         : Development::Okant;
            CAPTURE(f.helarsvarde.lo.v);
            CAPTURE(f.foregaende.lo.v);
            CHECK(static_cast<int>(development(f)) == static_cast<int>(by_conditions));
            unchanged_seen += by_conditions == Development::Oforandrat;
            ++checked;
        }
    }
    CHECK(checked == 9000);
    CHECK(unchanged_seen > 500);
}

// The trace store: runs kept while more is written stay where they were,
// a run that outgrows its block moves whole, a cleared run is reused, and a
// move keeps every kept run in place.
TEST_CASE("eval RunBuffer: kept runs stay valid while runs of every length are added") {
    RunBuffer<std::uint32_t> buf;
    std::vector<std::span<const std::uint32_t>> kept;
    std::vector<std::vector<std::uint32_t>> want;
    std::uint32_t next = 0;
    // Lengths around the first block (256), one far past the largest (65 536), and empty runs.
    for (std::size_t len : {0, 1, 255, 256, 257, 3, 0, 1000, 70000, 5, 512, 300}) {
        // A run abandoned half-way: clear() forgets it.
        for (int k = 0; k < 7; ++k) buf.push_back(999999);
        buf.clear();
        std::vector<std::uint32_t> w;
        for (std::size_t k = 0; k < len; ++k) {
            ::new (buf.append()) std::uint32_t(next);
            w.push_back(next++);
        }
        CHECK(buf.size() == len);
        kept.push_back(buf.close());
        want.push_back(w);
    }
    RunBuffer<std::uint32_t> moved = std::move(buf);
    moved.push_back(7);  // writing on after the move does not disturb the kept runs
    REQUIRE(kept.size() == want.size());
    for (std::size_t r = 0; r < kept.size(); ++r) {
        CAPTURE(r);
        REQUIRE(kept[r].size() == want[r].size());
        CHECK(std::equal(kept[r].begin(), kept[r].end(), want[r].begin()));
    }
    CHECK(moved.run().size() == 1);
}

TEST_CASE("eval rule: a long och-chain is evaluated without trouble") {
    std::string cond = "värde >= 1";
    for (int k = 0; k < 900; ++k) cond += " och värde >= 1";
    Run run(rule_file({{.utfall = "{2024: \"5\"}", .regel = "uppfyllt om " + cond}}));
    REQUIRE_MESSAGE(run.ok(), run.problems());
    CHECK(run.ind().rule_result == U);
}

// With `mål` per year, framsteg aims at the target for `målår` (default the
// map's last year), not at this year's: 4 % (2022) → 17 % (2024) against
// 40 % by 2026 is (17/4)^(1/2) − 1 = 106,2 % actual over (40/4)^(1/4) − 1 =
// 77,8 % required: 136,4 %.
TEST_CASE("eval framsteg: a per-year target aims at målår") {
    const char* yaml =
        "malkoll: 1\nnämnd: T\når: 2024\nmålområden:\n  - namn: A\n    kommunmål:\n      - namn: B\n        nämndmål:\n"
        "          - id: m1\n            namn: M\n            indikatorer:\n              - id: s\n                namn: S\n"
        "                enhet: \"%\"\n                riktning: öka\n"
        "                mål: {2024: \"minst 15 %\", 2025: \"minst 25 %\", 2026: \"minst 40 %\"}\n"
        "                regel: 'uppfyllt om framsteg >= 136,3 % och framsteg <= 136,5 %; annars ej uppfyllt'\n"
        "                utfall: {2022: \"4 %\", 2024: \"17 %\"}\n";
    SourceSet sources;
    Diagnostics diags;
    RuleFile f = load_rule_text("input", yaml, sources, diags);
    Model m = compile(f, sources, diags);
    REQUIRE_FALSE(diags.has_errors());
    Assessment a = assess(m);
    CHECK(a.indicators[0].rule_result == Outcome::Uppfyllt);
    CHECK(gather_facts(f, m.indicators[0], 0).framsteg.lo.v == doctest::Approx(136.39).epsilon(0.001));
}

TEST_CASE("eval måluppfyllelse: a floor, a ceiling, intervals, and okänt where there is no bound to reach") {
    struct Row { Ind ind; std::string_view cond; Tri expected; };
    const Row rows[] = {
        {{.mal = "minst 20 %", .utfall = "{2024: \"17 %\"}"}, "måluppfyllelse = 85", S},            // 100 × 17 / 20
        {{.mal = "> 20", .utfall = "{2024: \"25\"}"}, "måluppfyllelse = 125", S},
        {{.mal = "20", .utfall = "{2024: \"10\"}"}, "måluppfyllelse = 50", S},                      // bare, öka
        {{.riktning = "minska", .mal = "högst 10", .utfall = "{2024: \"12,5\"}"}, "måluppfyllelse = 80", S},  // 100 × 10 / 12,5
        {{.riktning = "minska", .mal = "10", .utfall = "{2024: \"8\"}"}, "måluppfyllelse = 125", S},
        {{.mal = "minst 20", .utfall = "{2024: \"16–18\"}"}, "måluppfyllelse >= 80 och måluppfyllelse <= 90", S},  // 80–90
        {{.mal = "minst 20", .utfall = "{2024: \"16–18\"}"}, "måluppfyllelse >= 85", O},
        {{.riktning = "bibehålla", .mal = "10", .utfall = "{2024: \"10\"}"}, "måluppfyllelse > 0", O},
        {{.mal = "= 10", .utfall = "{2024: \"10\"}"}, "måluppfyllelse > 0", O},
        {{.mal = "mellan 5 och 10", .utfall = "{2024: \"7\"}"}, "måluppfyllelse > 0", O},
        {{.riktning = "minska", .mal = "topp 3", .utfall = "{2024: \"2\"}"}, "måluppfyllelse > 0", O},
        {{.utfall = "{2024: \"7\"}"}, "måluppfyllelse > 0", O},                                     // no mål
        {{.mal = "minst 0", .utfall = "{2024: \"7\"}"}, "måluppfyllelse > 0", O},                   // mål not > 0
        {{.mal = "minst 10", .utfall = "{2024: \"-1\"}"}, "måluppfyllelse > 0", O},                 // value not > 0
        {{.mal = "minst 10", .utfall = "{2024: i.u.}"}, "måluppfyllelse > 0", O},
    };
    for (const Row& r : rows) {
        CAPTURE(r.ind.mal);
        CAPTURE(r.ind.utfall);
        CAPTURE(r.cond);
        Ind ind = r.ind;
        const std::string rule = "uppfyllt om " + std::string(r.cond);
        ind.regel = rule;
        Run run(rule_file({ind}));
        REQUIRE_MESSAGE(run.ok(), run.problems());
        CHECK(tw(run.ind().trace.clauses[0].result) == tw(r.expected));
    }
    // The trace holds why it is okänt and what it was computed from.
    Run run(rule_file({{.riktning = "bibehålla", .mal = "10", .utfall = "{2024: \"10\"}", .regel = "uppfyllt om måluppfyllelse > 0"}}));
    REQUIRE(run.ok());
    const TraceView& t = run.ind().trace;
    REQUIRE(t.reads.size() >= 3);
    CHECK(t.reads[0].kind == ReadKind::Variable);
    CHECK(static_cast<FulfilmentGap>(t.reads[0].detail) == FulfilmentGap::NoDirection);
    CHECK(t.reads[1].role() == OperandRole::Value);
    CHECK(t.reads[2].role() == OperandRole::Bound);
}

TEST_CASE("eval medel_år and summa_år: the n full years up to år, a series, a delår's forecast, okänt naming the year") {
    struct Row { Ind ind; std::string_view cond; Tri expected; std::string_view top = {}; };
    const Row rows[] = {
        {{.utfall = "{2022: \"1\", 2023: \"2\", 2024: \"6\"}"}, "medel_år(3) = 3 och summa_år(3) = 9", S},
        {{.utfall = "{2022: \"1\", 2023: \"2\", 2024: \"6\"}"}, "medel_år(2) = 4 och summa_år(1) = 6", S},
        {{.utfall = "{2023: \"2\", 2024: \"6\"}"}, "medel_år(3) > 0", O},                        // 2022 missing
        {{.utfall = "{2022: i.u., 2023: \"2\", 2024: \"6\"}"}, "summa_år(3) > 0", O},
        {{.utfall = "{2022: \"1\", 2023: \"2\", 2024: \"6\"}", .extra = "serieavbrott: 2023"}, "medel_år(3) > 0", O},
        {{.utfall = "{2022: \"1\", 2023: \"2\", 2024: \"6\"}", .extra = "serieavbrott: 2023"}, "medel_år(2) = 4", S},
        {{.utfall = "{2023: {totalt: \"1\", kvinnor: \"3\"}, 2024: {totalt: \"1\", kvinnor: \"5\"}}", .extra = "serier: [kvinnor]"},
         "medel_år(2; \"kvinnor\") = 4", S},
        {{.utfall = "{2022: \"10–20\", 2023: \"30\", 2024: \"40\"}"}, "summa_år(3) >= 80 och summa_år(3) <= 90", S},
        // A delår: år counts with its helårsvärde, the forecast.
        {{.utfall = "{2023: \"10\", 2024-08: \"4\", 2024: {prognos: \"20\"}}"}, "medel_år(2) = 15", S, "rapport: delår\nperiod: 2024-08"},
    };
    for (const Row& r : rows) {
        CAPTURE(r.ind.utfall);
        CAPTURE(r.cond);
        Ind ind = r.ind;
        const std::string rule = "uppfyllt om " + std::string(r.cond);
        ind.regel = rule;
        Run run(rule_file({ind}, {}, r.top));
        REQUIRE_MESSAGE(run.ok(), run.problems());
        CHECK(tw(run.ind().trace.clauses[0].result) == tw(r.expected));
    }
    // The trace names the first year missing.
    Run run(rule_file({{.utfall = "{2022: \"1\", 2024: \"6\"}", .regel = "uppfyllt om medel_år(3) > 0"}}));
    REQUIRE(run.ok());
    REQUIRE(!run.ind().trace.reads.empty());
    const TraceRead& call = run.ind().trace.reads[0];
    CHECK(call.kind == ReadKind::Function);
    CHECK(call.value().is_missing());
    CHECK(call.value().period == Period{2023, 0});
}

TEST_CASE("eval procentenheter: a difference of % values against procentenheter, p.e. and procentenhet — an error at the word elsewhere") {
    struct Row { Ind ind; std::string_view cond; Tri expected; };
    const Row rows[] = {
        {{.utfall = "{2023: \"15 %\", 2024: \"18 %\"}"}, "värde - föregående >= 3 procentenheter", S},
        {{.utfall = "{2023: \"15 %\", 2024: \"18 %\"}"}, "värde - föregående > 3 P.E.", F},
        {{.utfall = "{2023: \"15 %\", 2024: \"18 %\"}"}, "värde >= föregående + 1 procentenhet", S},
        {{.utfall = "{2023: \"15 %\", 2024: \"18 %\"}"}, "värde - föregående >= 3 %", S},  // version 1 stays valid
        {{.mal = "minst föregående + 2 procentenheter", .utfall = "{2023: \"15 %\", 2024: \"16 %\"}"}, "uppnått", F},
    };
    for (const Row& r : rows) {
        CAPTURE(r.cond);
        Ind ind = r.ind;
        const std::string rule = "uppfyllt om " + std::string(r.cond);
        ind.regel = rule;
        Run run(rule_file({ind}));
        REQUIRE_MESSAGE(run.ok(), run.problems());
        CHECK(tw(run.ind().trace.clauses[0].result) == tw(r.expected));
    }
    struct Bad { Ind ind; std::string_view message; };
    const Bad bad[] = {
        {{.utfall = "{2024: \"18 %\"}", .regel = "uppfyllt om värde >= 2 procentenheter"}, "procentenheter är en skillnad mellan två värden i %"},
        {{.utfall = "{2024: \"18 %\"}", .regel = "uppfyllt om värde * 2 p.e. > 1"}, "det multipliceras eller divideras inte"},
        {{.utfall = "{2023: \"5\", 2024: \"7\"}", .regel = "uppfyllt om värde - föregående >= 2 procentenheter"},
         "procentenheter jämförs med en skillnad mellan två värden i %, och här är värdena inte i %"},
        {{.mal = "minst föregående + 2 procentenheter", .utfall = "{2024: \"7\"}", .extra = "enhet: kr"},
         "procentenheter läggs bara till eller dras från ett värde i %, men här är enheten 'kr'"},
        {{.mal = "2 procentenheter", .utfall = "{2024: \"7 %\"}"}, "ett mål i procentenheter är en förändring"},
    };
    for (const Bad& b : bad) {
        CAPTURE(b.message);
        Run run(rule_file({b.ind}));
        REQUIRE_FALSE(run.ok());
        CHECK(run.problems().find(b.message) != std::string::npos);
    }
    // Without `enhet`, values written with % make the indicator one in %.
    Run run(rule_file({{.utfall = "{2023: \"15 %\", 2024: \"18 %\"}", .regel = "uppfyllt om värde - föregående >= 2 procentenheter"}}));
    CHECK_MESSAGE(run.ok(), run.problems());
}

TEST_CASE("eval värdeskala: words compared by their place in the list, targets and quoted words, errors at the word") {
    const std::string_view scale = "värdeskala: [Ej påbörjad, Påbörjad, Pågår, Genomfört]";
    struct Row { Ind ind; Outcome expected; };
    const Row rows[] = {
        // riktning is öka unless written; a target is a word, alone or after minst/högst.
        {{.riktning = {}, .mal = "Genomfört", .utfall = "{2023: Påbörjad, 2024: Genomfört}", .extra = scale}, U},
        {{.riktning = {}, .mal = "Genomfört", .utfall = "{2023: Påbörjad, 2024: pågår}", .extra = scale}, D},   // förbättrat: a later word
        {{.riktning = {}, .mal = "Genomfört", .utfall = "{2023: Pågår, 2024: Påbörjad}", .extra = scale}, EU},
        {{.riktning = {}, .mal = "minst Pågår", .utfall = "{2024: Genomfort}", .extra = scale}, U},             // ASCII spelling
        {{.riktning = {}, .mal = "minst Pågår", .utfall = "{2024: PÅBÖRJAD}", .extra = scale}, EU},
        {{.riktning = {}, .mal = "högst Påbörjad", .utfall = "{2024: Ej påbörjad}", .extra = scale}, U},
        {{.riktning = {}, .mal = "minst föregående", .utfall = "{2023: Pågår, 2024: Pågår}", .extra = scale}, U},
        {{.riktning = {}, .utfall = "{2023: Pågår, 2024: Genomfört}", .regel = "uppfyllt om värde > föregående\nannars ej uppfyllt", .extra = scale}, U},
        {{.riktning = {}, .utfall = "{2024: Pågår}", .regel = "uppfyllt om värde >= \"Pågår\"\nannars ej uppfyllt", .extra = scale}, U},
        {{.riktning = {}, .utfall = "{2024: Påbörjad}", .regel = "uppfyllt om värde >= \"pagar\"\nannars ej uppfyllt", .extra = scale}, EU},
        {{.riktning = {}, .utfall = "{2024: Påbörjad}", .regel = "uppfyllt om \"Genomfört\" != värde\nannars ej uppfyllt", .extra = scale}, U},
        {{.riktning = {}, .mal = "ja", .utfall = "{2024: Ja}", .extra = "värdeskala: [nej, ja]"}, U},
        {{.riktning = {}, .mal = "ja", .utfall = "{2024: i.u.}", .extra = "värdeskala: [nej, ja]"}, EB},
    };
    for (const Row& r : rows) {
        CAPTURE(r.ind.mal);
        CAPTURE(r.ind.utfall);
        CAPTURE(r.ind.regel);
        Run run(rule_file({r.ind}));
        REQUIRE_MESSAGE(run.ok(), run.problems());
        CHECK(word(run.ind().rule_result) == word(r.expected));
    }
    // The ASCII key is the same key; the value is its word's place.
    {
        Run run(rule_file({{.riktning = {}, .mal = "Genomfört", .utfall = "{2024: Pågår}", .extra = "vardeskala: [Ej påbörjad, Påbörjad, Pågår, Genomfört]"}}));
        REQUIRE_MESSAGE(run.ok(), run.problems());
        REQUIRE(run.ind().value_count == 1);
        CHECK(run.ind().values[0].is_status());
        CHECK(run.ind().values[0].lo_v == 2);
        CHECK(run.file.values.text(run.ind().values[0]) == "Pågår");
    }
    struct Bad { Ind ind; std::string_view message; };
    const Bad bad[] = {
        {{.riktning = {}, .mal = "Genomförd", .utfall = "{2024: Pågår}", .extra = scale}, "'Genomförd' är inget av orden i indikatorns värdeskala (Ej påbörjad, Påbörjad, Pågår, Genomfört); menade du 'Genomfört'?"},
        {{.riktning = {}, .mal = "3", .utfall = "{2024: Pågår}", .extra = scale}, "målet för en indikator med 'värdeskala:' är ett av orden"},
        {{.riktning = {}, .utfall = "{2024: Pågått}", .extra = scale}, "menade du 'Pågår'?"},
        {{.riktning = {}, .utfall = "{2024: Pågår}", .regel = "uppfyllt om värde >= \"Pågått\"", .extra = scale}, "'Pågått' är inget av orden"},
        {{.riktning = {}, .utfall = "{2024: Pågår}", .regel = "uppfyllt om värde >= 2", .extra = scale}, "jämför med ett av orden inom citattecken"},
        {{.riktning = {}, .utfall = "{2024: Pågår}", .regel = "uppfyllt om värde - föregående >= 1", .extra = scale}, "räknesätt gäller bara tal, men här står ett ord ur indikatorns värdeskala"},
        {{.riktning = {}, .utfall = "{2024: Pågår}", .regel = "uppfyllt om medel(värde; föregående) >= \"Pågår\"", .extra = scale}, "medel(…) räknar med tal"},
        {{.riktning = {}, .utfall = "{2024: Pågår}", .regel = "uppfyllt om min(värde; föregående) >= \"Pågår\"", .extra = scale}, "min(…) räknar med tal"},
        {{.riktning = {}, .utfall = "{2024: Pågår}", .regel = "uppfyllt om medel_år(2) >= 1", .extra = scale}, "medel_år(…) räknar med tal"},
        {{.riktning = {}, .utfall = "{2024: Pågår}", .regel = "uppfyllt om summa_år(2) >= 1", .extra = scale}, "summa_år(…) räknar med tal"},
        {{.riktning = {}, .utfall = "{2024: Pågår}", .regel = "uppfyllt om trend > 0", .extra = scale}, "'trend' räknar med tal"},
        {{.riktning = {}, .mal = "Genomfört", .utfall = "{2024: Pågår}", .regel = "uppfyllt om framsteg >= 50 %", .extra = scale}, "'framsteg' räknar med tal"},
        {{.riktning = {}, .mal = "Genomfört", .utfall = "{2024: Pågår}", .regel = "uppfyllt om måluppfyllelse >= 50 %", .extra = scale}, "'måluppfyllelse' räknar med tal"},
        {{.riktning = {}, .utfall = "{2024: Pågår}", .tolerans = "1", .extra = scale}, "har ingen tolerans"},
        {{.riktning = {}, .utfall = "{2024: Pågår}", .extra = "värdeskala: [Pågår]"}, "minst två ord"},
        {{.riktning = {}, .utfall = "{2024: ja}", .extra = "värdeskala: [ja, Ja]"}, "'Ja' står två gånger"},
        {{.riktning = {}, .utfall = "{2024: \"3\"}"}, "saknar den obligatoriska nyckeln 'riktning:'"},
        // A word without värdeskala points at it.
        {{.mal = "Genomfört", .utfall = "{2024: \"3\"}"}, "lista dem i 'värdeskala:'"},
        {{.utfall = "{2024: Genomfört}"}, "lista orden i 'värdeskala:'"},
    };
    for (const Bad& b : bad) {
        CAPTURE(b.message);
        Run run(rule_file({b.ind}));
        REQUIRE_FALSE(run.ok());
        CHECK(run.problems().find(b.message) != std::string::npos);
    }
    // A standardregel with a quoted word is resolved for each list; where the
    // word stands at different places in two lists, that is an error, never a wrong number.
    {
        Run same(rule_file({{.riktning = {}, .utfall = "{2024: Klar}", .extra = "värdeskala: [Pågår, Klar]"},
                            {.riktning = {}, .utfall = "{2024: Klar}", .extra = "värdeskala: [Pågår, Klar]"}},
                           {}, "standardregel: |\n  uppfyllt om värde >= \"Klar\"\n  annars ej uppfyllt"));
        REQUIRE_MESSAGE(same.ok(), same.problems());
        CHECK(word(same.ind(1).rule_result) == word(U));
        Run differ(rule_file({{.riktning = {}, .utfall = "{2024: Klar}", .extra = "värdeskala: [Pågår, Klar]"},
                              {.riktning = {}, .utfall = "{2024: Pågår}", .extra = "värdeskala: [Ej påbörjad, Pågår, Klar]"}},
                             {}, "standardregel: |\n  uppfyllt om värde >= \"Klar\"\n  annars ej uppfyllt"));
        REQUIRE_FALSE(differ.ok());
        CHECK(differ.problems().find("står på en annan plats i den här värdeskalan") != std::string::npos);
        Run missing(rule_file({{.riktning = {}, .utfall = "{2024: Klar}", .extra = "värdeskala: [Pågår, Klar]"},
                               {.riktning = {}, .utfall = "{2024: ja}", .extra = "värdeskala: [nej, ja]"}},
                              {}, "standardregel: |\n  uppfyllt om värde >= \"Klar\"\n  annars ej uppfyllt"));
        REQUIRE_FALSE(missing.ok());
        CHECK(missing.problems().find("'Klar' är inget av orden i indikatorns värdeskala (nej, ja)") != std::string::npos);
    }
}

TEST_CASE("eval bedöm_serier: each series judged by the indicator's rule on its own values — the indicator and its goal by the main series") {
    auto results = [](const Run& run, std::size_t indicator = 0) {
        std::string s;
        const IndicatorAssessment& ia = run.ind(indicator);
        for (std::uint32_t k = 0; k < ia.series_count; ++k) {
            if (k) s += ',';
            s += word(run.a.series[ia.first_series + k].rule_result);
        }
        return s;
    };
    const std::string_view both = "serier: [kvinnor, män]\nbedöm_serier: ja";
    const std::string_view values = "{2023: {totalt: \"9\", kvinnor: \"7\", män: \"12\"}, 2024: {totalt: \"12\", kvinnor: \"8\", män: \"11\"}}";
    struct Row { std::string_view regel; std::string_view mal; std::string expected; Outcome main; };
    const Row rows[] = {
        {"uppfyllt om värde >= 10\nannars ej uppfyllt", {}, "ej_uppfyllt,uppfyllt", U},
        {"uppfyllt om värde > föregående\nannars ej uppfyllt", {}, "uppfyllt,ej_uppfyllt", U},
        {"uppfyllt om värde(2023) >= 10\nannars ej uppfyllt", {}, "ej_uppfyllt,uppfyllt", EU},
        {"uppfyllt om medel_år(2) >= 10\nannars ej uppfyllt", {}, "ej_uppfyllt,uppfyllt", U},
        {"uppfyllt om trend > 0\nannars ej uppfyllt", {}, "uppfyllt,ej_uppfyllt", U},
        // An explicit series is read as written, in every series' judgement.
        {"uppfyllt om värde(\"kvinnor\") >= 8\nannars ej uppfyllt", {}, "uppfyllt,uppfyllt", U},
        // The target's bound reads the series: föregående + 2 is 9, 14 and 11.
        {{}, "minst föregående + 2", "delvis,ej_uppfyllt", U},  // kvinnor 8 < 9 but förbättrat
    };
    for (const Row& r : rows) {
        CAPTURE(r.regel);
        CAPTURE(r.mal);
        Run run(rule_file({{.mal = r.mal, .utfall = values, .regel = r.regel, .extra = both}}));
        REQUIRE_MESSAGE(run.ok(), run.problems());
        CHECK(results(run) == r.expected);
        CHECK(word(run.ind().rule_result) == word(r.main));
        CHECK(word(run.goal().result) == word(r.main));  // the goal sees the main series only
    }
    // Only the named ones, in the order of `serier`.
    {
        Run run(rule_file({{.utfall = values, .regel = "uppfyllt om värde >= 10\nannars ej uppfyllt",
                            .extra = "serier: [kvinnor, män]\nbedom_serier: [män]"}}));
        REQUIRE_MESSAGE(run.ok(), run.problems());
        CHECK(results(run) == "uppfyllt");
        CHECK(run.ind().series_count == 1);
        CHECK(run.file.indicators[0].judged_series == std::vector<std::string>{"män"});
    }
    // A delår: a series has no forecast; its helårsvärde is its value at `period`, none when ackumulerad.
    {
        const std::string_view delar = "rapport: delår\nperiod: 2024-08";
        const std::string_view v = "{2024-08: {totalt: \"5\", kvinnor: \"12\"}, 2024: {prognos: \"11\"}}";
        Run run(rule_file({{.utfall = v, .regel = "uppfyllt om helårsvärde >= 10\nannars ej uppfyllt", .extra = "serier: [kvinnor]\nbedöm_serier: ja"}}, {}, delar));
        REQUIRE_MESSAGE(run.ok(), run.problems());
        CHECK(word(run.ind().rule_result) == word(U));  // the forecast 11
        CHECK(results(run) == "uppfyllt");             // kvinnor's 12 at 2024-08
        Run acc(rule_file({{.utfall = v, .regel = "uppfyllt om helårsvärde >= 10\nannars ej uppfyllt",
                            .extra = "serier: [kvinnor]\nbedöm_serier: ja\nackumulerad: ja"}}, {}, delar));
        REQUIRE_MESSAGE(acc.ok(), acc.problems());
        const IndicatorAssessment& s = acc.a.series[acc.ind().first_series];
        CHECK(s.judged.why == Missing::NoForecast);
        CHECK(word(s.rule_result) == word(EU));  // okänt: annars
    }
    struct Bad { std::string_view extra; std::string_view message; };
    const Bad bad[] = {
        {"serier: [kvinnor, män]\nbedöm_serier: [kvinor]", "'kvinor' står inte i indikatorns 'serier:' (kvinnor, män); menade du 'kvinnor'?"},
        {"bedöm_serier: ja", "men indikatorn har inga 'serier:'"},
        {"serier: [kvinnor]\nbedöm_serier: {kvinnor: ja}", "'bedöm_serier:' är en lista av serier ur 'serier:'"},
        {"serier: [kvinnor]\nbedöm_serier: kanske", "skriv ja eller nej"},
    };
    for (const Bad& b : bad) {
        CAPTURE(b.message);
        Run run(rule_file({{.utfall = values, .extra = b.extra}}));
        REQUIRE_FALSE(run.ok());
        CHECK(run.problems().find(b.message) != std::string::npos);
    }
}

TEST_CASE("eval skala: levels in clauses, quantifiers, är and manuell — plain words mean every level of their result") {
    const std::string_view scale =
        "skala:\n"
        "  - {kod: helt, etikett: Helt uppfyllt, som: uppfyllt, symbol: \"●\"}\n"
        "  - {kod: i-hög-grad, etikett: I hög grad uppfyllt, som: delvis}\n"
        "  - {kod: delvis, etikett: Delvis uppfyllt, som: delvis, standard: ja}\n"
        "  - {kod: ej, etikett: Ej uppfyllt, som: ej uppfyllt}\n"
        "  - {kod: ej-bedömd, etikett: Kan inte bedömas, som: ej bedömd}";
    // i1 at i-hög-grad (by its kod), i2 at delvis (the plain word: the standard level), i3 helt (the built-in rule).
    // The goal's quantifiers: i-hög-grad 1 of 3, delvis (both levels) 2 of 3.
    const std::vector<Ind> inds = {
        {.mal = "minst 10", .utfall = "{2024: \"9\"}", .regel = "helt om uppnått\ni-hög-grad om värde >= 8\nannars ej uppfyllt"},
        {.mal = "minst 10", .utfall = "{2024: \"5\"}", .regel = "I HÖG GRAD UPPFYLLT om värde >= 8\ndelvis om värde >= 5\nannars ej"},
        {.mal = "minst 10", .utfall = "{2024: \"12\"}"},
    };
    auto level_of = [](const Run& run, std::size_t i) {
        const std::uint8_t l = run.ind(i).level;
        return l < run.file.scale.size() ? run.file.scale[l].code : std::string("-");
    };
    struct Row { std::string_view bedomning; std::string_view goal_level; Outcome goal_result; };
    const Row rows[] = {
        // A level counts only itself; a plain word every level with that som.
        {"helt om antal i hög grad uppfyllt = 1 och antal delvis = 2\nannars ej uppfyllt", "helt", U},
        {"i hög grad uppfyllt om andel i-hög-grad >= 30 %\nannars ej uppfyllt", "i-hög-grad", D},
        {"helt om andel delvis uppfyllt >= 60 %\nannars ej uppfyllt", "helt", U},
        // är: a level by name, a plain word by result.
        {"helt om indikator(i1) är i hög grad uppfyllt och indikator(i2) är delvis och inte indikator(i2) är i-hög-grad\nannars ej", "helt", U},
        {"helt om alla uppfyllt\nannars delvis", "delvis", D},  // the plain word: the standard level
    };
    for (const Row& r : rows) {
        CAPTURE(r.bedomning);
        Run run(rule_file(inds, r.bedomning, scale));
        REQUIRE_MESSAGE(run.ok(), run.problems());
        CHECK(level_of(run, 0) == "i-hög-grad");
        CHECK(level_of(run, 1) == "delvis");
        CHECK(level_of(run, 2) == "helt");
        CHECK(word(run.ind(0).result) == word(D));
        CHECK(word(run.goal().result) == word(r.goal_result));
        CHECK(run.file.scale[run.goal().level].code == r.goal_level);
    }
    // manuell names a level; another level of the same result is a deviation.
    {
        Ind manual = inds[2];
        manual.extra = "manuell: I hög grad uppfyllt\nmotivering: \"Prognosen är osäker.\"";
        Ind same = inds[0];
        same.extra = "manuell: i-hög-grad\nmotivering: \"Som regeln.\"";
        Ind other = inds[1];
        other.extra = "manuell: i hög grad uppfyllt\nmotivering: \"Nära målet.\"";
        Run run(rule_file({same, other, manual}, {}, scale));
        REQUIRE_MESSAGE(run.ok(), run.problems());
        CHECK(level_of(run, 2) == "i-hög-grad");
        CHECK(word(run.ind(2).result) == word(D));
        CHECK(run.a.manual_deviations == 2);  // i2: i-hög-grad → delvis (same result, another level); i3: helt → i-hög-grad
    }
    struct Bad { std::string_view top; std::string_view bedomning; std::string_view message; };
    const std::string with_scale(scale);
    const Bad bad[] = {
        {scale, "i hög grad om alla uppfyllt\nannars delvis", "'i hög grad' är ingen nivå i 'skala:' och inget resultat"},
        {scale, "helt om andel i hög grad >= 50 %\nannars delvis", "menade du 'i-hög-grad'?"},
        {"skala:\n  - {kod: helt, etikett: Helt, som: uppfyllt}\n  - {kod: a, etikett: A, som: delvis}\n  - {kod: b, etikett: B, som: delvis}\n"
         "  - {kod: ej, etikett: Ej, som: ej uppfyllt}\n  - {kod: eb, etikett: EB, som: ej bedömd}",
         {}, "flera nivåer räknas som delvis; märk exakt en av dem med 'standard: ja'"},
        {"skala:\n  - {kod: ej, etikett: Ej, som: ej uppfyllt}\n  - {kod: helt, etikett: Helt, som: uppfyllt}\n"
         "  - {kod: d, etikett: D, som: delvis}\n  - {kod: eb, etikett: EB, som: ej bedömd}",
         {}, "nivåerna står i ordningen uppfyllt, delvis, ej uppfyllt, ej bedömd"},
        {"skala:\n  - {kod: helt, etikett: Helt, som: uppfyllt}\n  - {kod: d, etikett: D, som: delvis}\n  - {kod: ej, etikett: Ej, som: ej uppfyllt}",
         {}, "'skala:' saknar en nivå som räknas som ej bedömd"},
        {"skala:\n  - {kod: helt, etikett: Helt, som: uppfyllt}\n  - {kod: uppfyllt, etikett: Nästan, som: uppfyllt}\n"
         "  - {kod: d, etikett: D, som: delvis}\n  - {kod: ej, etikett: Ej, som: ej uppfyllt}\n  - {kod: eb, etikett: EB, som: ej bedömd}",
         {}, "'uppfyllt' är ordet för resultatet uppfyllt och kan bara namnge den nivå som är standard för det"},
        {"skala:\n  - {kod: bedömd, etikett: Helt, som: uppfyllt}\n  - {kod: d, etikett: D, som: delvis}\n  - {kod: ej, etikett: Ej, som: ej uppfyllt}\n"
         "  - {kod: eb, etikett: EB, som: ej bedömd}",
         {}, "'bedömd' kan inte vara en nivås kod eller etikett"},
    };
    for (const Bad& b : bad) {
        CAPTURE(b.message);
        Run run(rule_file({inds[2]}, b.bedomning, b.top));
        REQUIRE_FALSE(run.ok());
        CHECK(run.problems().find(b.message) != std::string::npos);
    }
}
