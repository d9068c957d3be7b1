// Words and phrases shared by every report format and by `explain`: labels,
// values as written, and the generated justification of a judgement. All of
// it renders from the assessment's recorded facts and traces.
#pragma once
#include <string>
#include <vector>

#include "engine/assess/assess.hpp"
#include "engine/core/format.hpp"

namespace malkoll {

struct InputFile {
    std::string path;    // as given, with '/'
    std::string sha256;
    std::string sheet;   // a workbook's sheet that was read (docs/excel.md); "" any other file
};

// What a renderer needs: the assessment, the sources (for positions) and
// the files read.
struct ReportInput {
    const Assessment& assessment;
    const SourceSet& sources;
    std::vector<InputFile> inputs;
};

std::string outcome_label(Outcome o, ReportKind k);  // docs/regelspråk.md: Uppfyllt / Uppnås …
const char* table_label(Outcome o);                  // Ja, Delvis, Nej, –
// A result's label at its level: with `skala` the level's etikett (its delår
// label in a delår; kNoLevel: the result's standard level), else outcome_label.
std::string result_label(const RuleFile& f, Outcome o, std::uint8_t level);
// The level's `kod` (JSON `level`); nullopt without `skala`.
std::optional<std::string> level_code(const RuleFile& f, Outcome o, std::uint8_t level);
// The same as shown beside a result or in a table: the level's symbol, where
// it has one, before the label ("◕ I hög grad uppfyllt").
std::string shown_label(const RuleFile& f, Outcome o, std::uint8_t level);
// A table's short form: the level's `tabell` with its symbol, else table_label.
std::string shown_table_label(const RuleFile& f, Outcome o, std::uint8_t level);
// The Utveckling column: "↑" and "förbättrat", "→" oförändrat, "↓" försämrat; "" and "" when not known.
const char* development_arrow(Development d);
const char* development_word(Development d);
// What the arrows mean, under every table with an Utveckling column (the
// HTML report writes the same with the arrows hidden from screen readers).
const char* development_legend();

// A data value as written: number or interval with its unit (or `unit` when
// it has none of its own), "i.u." … for a missing one. Without its note.
std::string data_value_text(const ValueStore& vs, const DataValue& v, Space sp = Space::Normal, std::string_view unit = {});
// A value the evaluator used; computed values rounded per §6. Adds the
// indicator's unit to a number written without one.
// A status indicator's number as its word of `värdeskala`; nullptr for any other value.
const std::string* status_word(const IndicatorDef& ind, const EvalValue& v);
std::string eval_value_text(const Assessment& a, const IndicatorDef& ind, const EvalValue& v, Space sp = Space::Normal);
// The indicator's `tolerans` as a justification names it: in procentenheter
// for a percentage indicator ("0,2 procentenheter"), else in its unit.
std::string tolerance_text(const IndicatorDef& ind, Space sp = Space::Normal);
// A value in the unit its word gives (the vocabulary's UnitRule): a year
// without grouping ("2024"), a percentage ("136,4 %"), a number without a
// unit, or as eval_value_text for the indicator's unit.
std::string value_by_rule(const Assessment& a, const IndicatorDef& ind, const EvalValue& v, UnitRule rule, Space sp = Space::Normal);
// A template `{expression}`'s value: data as written (with its note), a
// computed value rounded to one decimal (§6) in the expression's unit, a year
// without grouping. `unit` is the indicator's ("" for a goal).
std::string template_value_text(const Assessment& a, const Ast& expr, const EvalValue& e, const std::string& unit, Space sp,
                                const IndicatorDef* ind = nullptr);
// A difference of % values in procentenheter: "3 procentenheter", "1 procentenhet".
std::string percentage_points_text(const EvalValue& v, Space sp = Space::Normal);
// A missing value named with its period and note: "2024: i.u. — Kolada aug 2025".
std::string missing_value_text(const Assessment& a, const EvalValue& v);

// An indicator's footnote: definition, källa, values' own sources, Kolada id
// ("" when there is nothing to say).
std::string indicator_footnote(const Assessment& a, std::uint32_t indicator);
// A nyckeltal row's footnote: definition, källa, values' own sources.
std::string key_figure_footnote(const RuleFile& f, std::uint32_t row);

// The target as written in the rule file ("" when none).
std::string target_text(const Assessment& a, std::uint32_t indicator);

// The text of a clause, as written in its rule.
std::string clause_text(const CompiledRule& r, std::uint32_t clause);
// Where a clause (or any offset) of a rule is: FILE:LINE:COL, or for a
// built-in rule its name with line and column in its text.
std::string rule_position(const SourceSet& s, const CompiledRule& r, std::uint32_t offset);

// A generated justification in its parts (docs/regelspråk.md, Motiveringar):
// the result's label, what the rule found, the values it read that were
// missing (each named once) and, where it applies, why framsteg could not be
// computed. A writer that shows the label itself (a badge, a bold word)
// takes the rest; every other writer takes text().
struct Justification {
    std::string label;                 // "Ej uppfyllt", "Uppnås delvis"; "" in a budget
    std::string body;                  // what the rule found: "1 402 kr/inv (2024) är högre än …."
    bool label_in_body = false;        // a template that begins with the label itself
    std::vector<std::string> missing;  // "2024: i.u. — Kolada aug 2025"
    std::string reason;                // a sentence of its own: "Framsteg kan inte beräknas: …."

    // The paste-ready text: "Ej uppfyllt: … Saknas: 2024: i.u. — Kolada aug 2025."
    std::string text() const;
    // The same without the leading label, from a capital letter: "1 402 kr/inv (2024) är …"
    std::string without_label() const;
    bool empty() const { return label.empty() && body.empty(); }
};

Justification indicator_justification(const ReportInput& in, const IndicatorAssessment& ia, Space sp = Space::Normal);
// A nämndmål's, or a judged kommunmål's or målområde's (`level`).
Justification goal_justification(const ReportInput& in, const GoalAssessment& ga, GoalLevel level = GoalLevel::Goal);

std::string position_text(const Position& p);  // location_text: "file:line" (":col" when col > 0), "file:Blad!C7"

}  // namespace malkoll
