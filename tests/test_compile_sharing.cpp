// Compile shares work: each distinct target text is parsed once (and checked
// once per indicator unit), a rule used by many indicators or goals is
// checked once per context it depends on. The diagnostics are still those of
// each use, at each use's own place.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "engine/assess/assess.hpp"
#include "engine/compile/model.hpp"
#include "engine/load/rule_file.hpp"

using namespace malkoll;

namespace {

const char* kHead =
    "malkoll: 1\n"
    "nämnd: Testnämnden\n"
    "år: 2024\n";

const char* kGoal =
    "målområden:\n"
    "  - namn: Samhälle\n"
    "    kommunmål:\n"
    "      - namn: K\n"
    "        nämndmål:\n"
    "          - id: m\n"
    "            namn: M\n"
    "            indikatorer:\n";

struct Compiled {
    SourceSet sources;
    Diagnostics diags;
    RuleFile file;
    Model model;

    explicit Compiled(const std::string& yaml) {
        file = load_rule_text("input", yaml, sources, diags);
        REQUIRE_MESSAGE(!diags.has_errors(), problems());
        model = compile(file, sources, diags);
        diags.sort();
    }
    Compiled(const Compiled&) = delete;

    // "LINE:COL code: message" for each diagnostic, sorted.
    std::vector<std::string> lines() const {
        std::vector<std::string> out;
        for (const auto& d : diags.items())
            out.push_back(std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + " " + d.code + ": " + d.message);
        return out;
    }
    std::string problems() const {
        std::string s;
        for (const auto& l : lines()) s += l + "\n";
        return s;
    }
};

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("compile sharing: one target text, two units: the unit error only for the indicator it concerns, at its own text") {
    Compiled c(std::string(kHead) + kGoal +
               "              - {id: a, namn: A, enhet: \"%\", riktning: öka, mål: \"minst 90 %\"}\n"   // line 12
               "              - {id: b, namn: B, enhet: \"kr\", riktning: öka, mål: \"minst 90 %\"}\n"  // 13: error
               "              - {id: c, namn: C, enhet: \"%\", riktning: öka, mål: \"minst 90 %\"}\n"   // 14
               "              - {id: d, namn: D, enhet: \"kr\", riktning: öka, mål: minst 90 %}\n");    // 15: error, plain
    CHECK(c.lines() == Lines{
                           "13:74 unit.mismatch: enheten '%' passar inte indikatorns enhet 'kr'",
                           "15:73 unit.mismatch: enheten '%' passar inte indikatorns enhet 'kr'",
                       });
    // Parsed once, checked once per unit.
    CHECK(c.model.counts.target_texts == 1);
    CHECK(c.model.counts.target_checks == 2);
    REQUIRE(c.model.targets.size() == 1);
    for (const auto& ci : c.model.indicators) CHECK(ci.target == &c.model.targets[0]);
    // Each indicator keeps its own text, for positions.
    CHECK(c.model.indicators[1].target_text == &c.file.indicators[1].target);
    CHECK(c.model.indicators[3].target_text == &c.file.indicators[3].target);
}

TEST_CASE("compile sharing: an error in a `regler:` entry used by three indicators is reported once, at the entry") {
    Compiled c(std::string(kHead) +
               "regler:\n"
               "  delad: |\n"
               "    uppfyllt om uppnått\n"
               "    delvis om okänt\n" +  // line 7
               kGoal +
               "              - {id: a, namn: A, enhet: \"%\", riktning: öka, mål: \"minst 90 %\", regel: delad}\n"
               "              - {id: b, namn: B, enhet: \"kr\", riktning: öka, mål: \"minst 90 kr\", regel: delad}\n"
               "              - {id: c, namn: C, enhet: \"st\", riktning: öka, mål: \"mellan 1 och 2\", regel: delad}\n");
    CHECK(c.lines() == Lines{"7:15 rule.unknown-name: okänt namn 'okänt'"});
    for (const auto& ci : c.model.indicators) CHECK(c.model.rules[ci.rule].name == "delad");
    // The rule reads nothing of its indicators (no units, no `mål`): checked
    // once, as are the two built-in rules.
    CHECK(c.model.counts.rule_checks == 3);
    CHECK(c.model.counts.target_texts == 3);
}

TEST_CASE("compile sharing: a shared rule's problem that depends on the indicator is reported for each kind of indicator") {
    Compiled c(std::string(kHead) +
               "standardregel: |\n"
               "  uppfyllt om värde >= 5 besk\n"  // line 5: 'besk' is near 'besök', the unit of a and c only
               "  delvis om värde >= mål\n"       // line 6: `mål` with a `mellan` target (c and d)
               "  annars ej uppfyllt\n" +
               kGoal +
               "              - {id: a, namn: A, enhet: \"besök\", riktning: öka, mål: \"minst 9\"}\n"
               "              - {id: b, namn: B, enhet: \"st\", riktning: öka, mål: \"minst 9\"}\n"
               "              - {id: c, namn: C, enhet: \"besök\", riktning: öka, mål: \"mellan 1 och 9\"}\n"
               "              - {id: d, namn: D, enhet: \"st\", riktning: öka, mål: \"mellan 1 och 9\"}\n"
               "              - {id: e, namn: E, enhet: \"st\", riktning: öka, mål: \"minst\"}\n"    // 20
               "              - {id: f, namn: F, enhet: \"st\", riktning: öka, mål: \"minst\"}\n");  // 21
    CHECK(c.lines() ==
          Lines{
              "5:26 rule.unit: okänd enhet 'besk'; menade du 'besök'?",
              "5:26 rule.unit: okänd enhet 'besk'; efter ett tal står %, en enhet (kr, dagar, st …) eller indikatorns enhet",
              "6:22 rule.mal-between: 'mål' är gränsen X i ett mål, men målet 'mellan X och Y' har två gränser; skriv uppnått, "
              "eller jämför med talen",
              // A syntax error in a shared target: for each indicator, at its own text.
              "20:73 target.syntax: här väntades ett målvärde, t.ex. '90 %' eller 'jämförelse'",
              "21:73 target.syntax: här väntades ett målvärde, t.ex. '90 %' eller 'jämförelse'",
          });
    // The standard rule depends on the unit (a number with a unit) and on
    // `mellan` (it uses `mål`): (besök, -), (st, -), (besök, mellan), (st, mellan).
    CHECK(c.model.counts.rule_checks == 2 + 4);
    CHECK(c.model.counts.target_texts == 3);
    CHECK(c.model.targets.size() == 2);  // "minst" does not parse
    CHECK(c.model.indicators[4].target == &no_target());
    CHECK(c.model.indicators[4].target->target == TargetKind::None);
}

TEST_CASE("compile sharing: a goal rule with indikator(…) is checked for each goal") {
    Compiled c(std::string(kHead) +
               "standardbedömning: |\n"
               "  uppfyllt om indikator(x) är uppfyllt\n"  // line 5
               "  annars delvis\n"
               "målområden:\n  - namn: Samhälle\n    kommunmål:\n      - namn: K\n        nämndmål:\n"
               "          - {id: g1, namn: G1, indikatorer: [{id: x, namn: X, riktning: öka, mål: \"minst 9\"}]}\n"
               "          - {id: g2, namn: G2, indikatorer: [{id: y, namn: Y, riktning: öka, mål: \"minst 9\"}]}\n"
               "          - {id: g3, namn: G3, indikatorer: [{id: z, namn: Z, riktning: öka, mål: \"minst 9\"}]}\n");
    CHECK(c.lines() == Lines{
                           "5:25 rule.unknown-indicator: målet 'g2' har ingen indikator 'x'; menade du 'y'?",
                           "5:25 rule.unknown-indicator: målet 'g3' har ingen indikator 'x'; menade du 'z'?",
                       });
    CHECK(c.model.counts.rule_checks == 2 + 3);
}

TEST_CASE("compile sharing: many indicators with one target text hold one target") {
    const int n = 200;
    std::string yaml = std::string(kHead) + kGoal;
    for (int k = 0; k < n; ++k) {
        std::string id = std::to_string(k);
        // Every fourth gives its target per year, with the same text for 2024.
        std::string target = k % 4 == 3 ? "{2024: \"minst 50 %\", 2025: \"minst 60 %\"}" : "\"minst 50 %\"";
        yaml += "              - {id: i" + id + ", namn: I" + id + ", enhet: \"%\", riktning: öka, mål: " + target +
                ", utfall: {2023: \"40 %\", 2024: \"" + std::to_string(k % 2 ? 30 : 70) + " %\"}}\n";
    }
    yaml += "              - {id: utan, namn: Utan mål, enhet: \"%\", riktning: öka}\n";
    Compiled c(yaml);
    REQUIRE_MESSAGE(c.diags.items().empty(), c.problems());
    CHECK(c.model.counts.target_texts == 2);
    CHECK(c.model.counts.target_checks == 2);
    CHECK(c.model.counts.rule_checks == 2);
    REQUIRE(c.model.targets.size() == 2);
    const Ast* shared = c.model.indicators[0].target;
    CHECK(shared->target == TargetKind::Ge);
    for (int k = 0; k < n; ++k) {
        CAPTURE(k);
        const CompiledIndicator& ci = c.model.indicators[static_cast<std::size_t>(k)];
        CHECK(ci.target == shared);
        if (k % 4 == 3) {
            CHECK(ci.progress_target != shared);  // målår: the map's last year, 2025
            CHECK(ci.progress_target == &c.model.targets[1]);
            CHECK(ci.target_year == 2025);
        } else {
            CHECK(ci.progress_target == &no_target());
        }
    }
    CHECK(c.model.indicators.back().target == &no_target());

    // Moved, the model's indicators still point into its own table.
    Model moved = std::move(c.model);
    CHECK(moved.indicators[0].target == &moved.targets[0]);

    // One shared target, judged for each indicator on its own values.
    Assessment a = assess(moved);
    CHECK(a.indicators[0].result == Outcome::Uppfyllt);   // 70 % >= 50 %
    CHECK(a.indicators[1].result == Outcome::EjUppfyllt);  // 30 %, down from 40 %
    CHECK(a.indicators[3].result == Outcome::EjUppfyllt);
    CHECK(a.indicators[4].result == Outcome::Uppfyllt);
}
