// Report renderers (docs/regelfil.md, Rapportens format). Each takes the assessment and writes a whole
// report; the output depends on nothing but the inputs.
#pragma once
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "engine/report/describe.hpp"

namespace malkoll {

void render_markdown(const ReportInput& in, std::ostream& out);
void render_json(const ReportInput& in, std::ostream& out);
void render_html(const ReportInput& in, std::ostream& out);
void render_csv(const ReportInput& in, std::ostream& out);

// The Word report (docs/word.md): a .docx package, made whole in memory,
// since it is binary and written whole or not at all.
struct DocxTemplate;
struct DocxOptions {
    const DocxTemplate* mall = nullptr;  // --mall: the municipality's styles; nullptr: ours
    std::optional<std::int64_t> date;    // SOURCE_DATE_EPOCH: the document's date; none: no date in it
};
// nullopt with the reason in Swedish when a part cannot be made.
std::optional<std::string> render_docx(const ReportInput& in, const DocxOptions& options, std::string& error);

// One indicator (index in RuleFile::indicators) or one goal of any level
// (index in RuleFile::goals, municipal_goals or areas, by `level`); the other is -1.
struct ExplainTarget {
    int indicator = -1;
    int goal = -1;
    GoalLevel level = GoalLevel::Goal;
};
// `sp`: Space::NoBreak inside the HTML report's derivations (numbers the Swedish way).
// `public_view`: for the HTML report's reader: positions as "regelfilen rad 42",
// the built-in rules by name, no positions inside their text; the
// justification and the list of every value with its row are left out (the
// report shows the one above the derivation and the other in its tables).
void render_explain_text(const ReportInput& in, const ExplainTarget& target, std::ostream& out, Space sp = Space::Normal,
                         bool public_view = false);
void render_explain_json(const ReportInput& in, const ExplainTarget& target, std::ostream& out);

}  // namespace malkoll
