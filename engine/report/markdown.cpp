#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "engine/core/text.hpp"
#include "engine/report/model.hpp"
#include "engine/report/render.hpp"

namespace malkoll {

namespace {

// Text from the rule and data files as Markdown that shows it and does
// nothing else: no heading, list, emphasis, link, table cell break or raw
// HTML from a name or a note; line breaks as spaces; controls as U+FFFD.
std::string md(std::string_view raw, bool line_start = false) {
    std::string flat(raw);
    for (std::size_t k = 0; k < flat.size(); ++k)
        if (flat[k] == '\r' && k + 1 < flat.size() && flat[k + 1] == '\n') flat.erase(k, 1), --k;
        else if (flat[k] == '\r' || flat[k] == '\n') flat[k] = ' ';
    const std::string s = display_line(flat);
    std::string out;
    out.reserve(s.size() + 8);
    std::size_t i = 0;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    // What acts only at the start of a line: "#", "-", "+", "=", ">", "1." …
    if (line_start && i < s.size() && (s[i] == '#' || s[i] == '-' || s[i] == '+' || s[i] == '=' || s[i] == '>'))
        out += '\\';
    std::size_t d = i;
    while (line_start && d < s.size() && s[d] >= '0' && s[d] <= '9') ++d;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        switch (c) {
            // "&" only where it could begin an entity ("&lt;", "&#60;"); ">"
            // acts only at a line's start or closing a tag, and "<" is escaped.
            case '&':
                out += i + 1 < s.size() && (std::isalnum(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '#') ? "&amp;" : "&";
                break;
            case '<': out += "&lt;"; break;
            case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '~':
                out += '\\';
                out += c;
                break;
            case '\t': out += ' '; break;
            case '.': case ')':
                if (i == d && d > 0) out += '\\';
                out += c;
                break;
            default: out += c;
        }
    }
    return out;
}

// A value cell: the value as written, its note in parentheses.
std::string value_cell(const Cell& c) {
    if (!c.value) return "";
    std::string s = c.note.empty() ? md(c.text) : md(c.text) + " (" + md(c.note) + ")";
    return c.before_break ? s + " †" : s;  // the footnote says what † means
}

// The indicator table of one målområde and kommunmål, with the model's
// columns (indicator_columns: the published reports' columns and the
// indicator's own result, which they leave implicit but an auditor needs
// beside the goal's). Breakdown and comparison series are sub-rows.
void write_table(const ReportModel& m, const IndicatorTable& t, std::ostream& out) {
    const Assessment& a = m.in->assessment;
    const RuleFile& f = *a.file;
    const bool forecast = f.kind == ReportKind::Delar;
    const bool budget = f.kind == ReportKind::Budget;
    std::vector<std::string> head;
    for (const Column& c : indicator_columns(m, t)) head.push_back(md(c.label));

    out << "|";
    for (const auto& h : head) out << " " << h << " |";
    out << "\n|";
    for (std::size_t k = 0; k < head.size(); ++k) out << "---|";
    out << "\n";
    // Every row has head.size() cells; an empty one is written "  ".
    std::vector<SeriesRow> rows;
    for (std::uint32_t k = t.first_goal; k < t.end_goal; ++k) {
        const GoalDef& g = f.goals[k];
        bool first = true;
        for (std::uint32_t ind : g.indicators) {
            const IndicatorDef& d = f.indicators[ind];
            indicator_rows(m, ind, t.periods, rows);
            std::string name = d.mandatory ? "\\*" + md(d.name) : md(d.name);
            if (m.footnote_of[ind] >= 0) name += fmt::format("[^{}{}]", m.id_prefix, m.footnote_of[ind] + 1);
            out << "|";
            if (a.judged) out << " " << (first ? shown_table_label(f, a.goals[k].result, a.goals[k].level) : "") << " |";
            out << " " << (first ? md(g.name) : "") << " |";
            out << " " << name << " |";
            for (const Cell& c : rows[0].values) out << " " << value_cell(c) << " |";
            if (forecast) out << " " << value_cell(rows[0].forecast) << " |";
            if (budget)
                for (int y : t.target_years) out << " " << md(target_for_year(m, ind, y, /*shown=*/true)) << " |";
            else
                out << " " << md(target_shown(m, ind)) << " |";
            out << " " << direction_word(d.direction) << " |";
            if (a.judged) out << " " << development_arrow(a.indicators[ind].development) << " |";
            if (a.judged) out << " " << shown_label(f, a.indicators[ind].result, a.indicators[ind].level) << " |";
            out << "\n";
            for (std::size_t r = 1; r < rows.size(); ++r) {
                std::size_t c = 0;
                out << "|";
                for (; c < (a.judged ? 2u : 1u); ++c) out << "  |";
                out << " ↳ " << md(rows[r].series) << " |";
                ++c;
                for (const Cell& v : rows[r].values) out << " " << value_cell(v) << " |", ++c;
                // A series judged apart: its Utveckling and its result in the last two columns.
                const std::size_t judged_from = rows[r].judged && a.judged ? head.size() - 2 : head.size();
                for (; c < judged_from; ++c) out << "  |";
                if (c < head.size()) {
                    out << " " << development_arrow(rows[r].judged->development) << " | " << shown_label(f, rows[r].judged->result, rows[r].judged->level) << " |";
                    c += 2;
                }
                out << "\n";
            }
            first = false;
        }
    }
    if (t.any_mandatory) {
        out << "|";
        for (std::size_t c = 0; c < head.size(); ++c) out << (c == (a.judged ? 2u : 1u) ? " \\* " + std::string(phrase::kMandatory) + " |" : std::string("  |"));
        out << "\n";
    }
    if (a.judged) out << "\n" << development_legend() << "\n";
}

// A goal's judgement at any level: the label line, then the justification,
// or a manual judgement's motivering with the rule's judgement beside it.
void judgement(std::ostream& out, const ReportModel& m, const std::string& judged_word, const GoalAssessment& ga,
               const std::optional<ManualJudgement>& manual, const Justification& just, bool blank_after = true) {
    out << "**" << md(judged_word) << " " << shown_label(*m.in->assessment.file, ga.result, ga.level) << "**";
    if (ga.manual) out << " (manuell bedömning)";
    out << "\n\n";
    if (ga.manual && manual) {
        out << "Motivering: " << md(manual->motivering) << "\n\n";
        out << "Regelns bedömning: " << md(just.text()) << "\n";
        if (ga.evaluated && (ga.result != ga.rule_result || ga.level != ga.rule_level)) out << phrase::kManualDeviates << "\n";
        if (blank_after) out << "\n";
    } else {
        out << md(just.text(), true) << (blank_after ? "\n\n" : "\n");
    }
}


// A heading of `level` (1 = #), `depth` levels further down.
std::string h(int level, int depth) { return std::string(static_cast<std::size_t>(level + depth), '#') + " "; }

// A nyckeltal's value, its share in parentheses, then its note: "3 007 (43 %)".
std::string key_figure_cell(const Cell& c, const Cell& share) {
    std::string s = c.value ? md(c.text) : std::string();
    if (share.value) {
        s += (s.empty() ? "(" : " (") + md(share.text);
        if (!share.note.empty()) s += " — " + md(share.note);
        s += ")";
    }
    if (c.value && !c.note.empty()) s += " (" + md(c.note) + ")";
    return s;
}

// A nyckeltal table (docs/regelfil.md, Nyckeltal utan bedömning) as a
// section of its own, as the published reports' Volymutveckling and
// Personal: the rows with their `serier` as sub-rows, one column per period,
// a delår's forecast, each value with its share, a Målvärde column when some
// row has a target (shown as written); under it what the parentheses mean and
// its footnotes. Nothing is judged.
void write_key_figure_table(const ReportModel& m, const KeyFigureTableModel& t, std::ostream& out, int depth) {
    const RuleFile& f = *m.in->assessment.file;
    const KeyFigureTable& kt = f.key_figure_tables[t.table];
    out << "\n" << h(2, depth) << md(kt.heading) << "\n\n";
    std::vector<std::string> head;
    for (const Column& c : key_figure_columns(m, t)) head.push_back(md(c.label));
    out << "|";
    for (const auto& c : head) out << " " << c << " |";
    out << "\n|";
    for (std::size_t k = 0; k < head.size(); ++k) out << "---|";
    out << "\n";
    std::vector<KeyFigureLine> lines;
    const Cell none;
    for (std::uint32_t r = kt.first_row; r < kt.end_row; ++r) {
        const KeyFigureRow& row = f.key_figures[r];
        key_figure_lines(m, r, t.periods, lines);
        for (std::size_t k = 0; k < lines.size(); ++k) {
            const KeyFigureLine& line = lines[k];
            out << "|";
            if (k == 0) {
                out << " " << md(row.name) << (row.accumulated ? ", ackumulerat" : "");
                if (m.key_figure_footnote_of[r] >= 0) out << "[^" << m.id_prefix << m.key_figure_footnote_of[r] + 1 << "]";
                out << " |";
            } else {
                out << " ↳ " << md(line.series) << " |";
            }
            for (std::size_t c = 0; c < line.values.size(); ++c) out << " " << key_figure_cell(line.values[c], line.shares[c]) << " |";
            if (t.forecast) out << " " << key_figure_cell(line.forecast, none) << " |";
            if (t.any_target) out << " " << (k == 0 ? md(row.target) : std::string()) << " |";
            out << "\n";
        }
    }
    if (const std::string legend = key_figure_share_legend(t); !legend.empty()) out << "\n" << legend << "\n";
    if (t.end_footnote > t.first_footnote) {
        out << "\n";
        for (std::uint32_t k = t.first_footnote; k < t.end_footnote; ++k) out << "[^" << m.id_prefix << k + 1 << "]: " << md(m.footnotes[k]) << "\n";
    }
}

// The counts per result, a column per level that is judged; the manual
// judgements that differ from their rule's.
void write_summary(const ReportModel& m, std::ostream& out, int depth) {
    const ReportWords& w = m.words;
    const Assessment& a = m.in->assessment;
    const RuleFile& f = *a.file;
    if (a.judged) {
        // The counts per result, a column per level that is judged.
        out << "\n" << h(2, depth) << "Sammanfattning\n\n| Resultat |";
        if (m.judged_areas) out << " " << md(w.areas) << " |";
        if (m.judged_municipal_goals) out << " " << md(w.municipal_goals) << " |";
        out << " " << md(w.goal) << " | " << md(w.indicators) << " |\n|---|";
        if (m.judged_areas) out << "---|";
        if (m.judged_municipal_goals) out << "---|";
        out << "---|---|\n";
        for (Outcome o : {Outcome::Uppfyllt, Outcome::Delvis, Outcome::EjUppfyllt, Outcome::EjBedomd}) {
            const int k = static_cast<int>(o);
            out << "| " << shown_label(f, o, kNoLevel) << " |";
            if (m.judged_areas) out << " " << a.area_counts.by_outcome[k] << " |";
            if (m.judged_municipal_goals) out << " " << a.municipal_counts.by_outcome[k] << " |";
            out << " " << a.goal_counts.by_outcome[k] << " | " << a.indicator_counts.by_outcome[k] << " |\n";
        }
        if (!m.deviating_goals.empty() || !m.deviating_indicators.empty() || !m.deviating_municipal_goals.empty() ||
            !m.deviating_areas.empty()) {
            out << "\n" << phrase::kDeviations << ":\n\n";
            auto deviation = [&](const std::string& word, const std::string& name, const GoalAssessment& ga, const std::string& motivering) {
                out << "- " << md(word) << " *" << md(name) << "* — " << shown_label(f, ga.result, ga.level) << " (regeln: "
                    << shown_label(f, ga.rule_result, ga.rule_level) << "). Motivering: " << md(motivering) << "\n";
            };
            for (std::uint32_t k : m.deviating_areas) deviation(w.area, f.areas[k].name, a.areas[k], f.areas[k].manual->motivering);
            for (std::uint32_t k : m.deviating_municipal_goals)
                deviation(w.municipal_goal, f.municipal_goals[k].name, a.municipal_goals[k], f.municipal_goals[k].manual->motivering);
            for (std::uint32_t k : m.deviating_goals) deviation(w.goal, f.goals[k].name, a.goals[k], f.goals[k].manual->motivering);
            for (std::uint32_t k : m.deviating_indicators)
                out << "- " << (f.words.indicator.empty() ? std::string("Indikator") : md(w.indicator)) << " *" << md(f.indicators[k].name)
                    << "* — " << shown_label(f, a.indicators[k].result, a.indicators[k].level) << " (regeln: " << shown_label(f, a.indicators[k].rule_result, a.indicators[k].rule_level)
                    << "). Motivering: " << md(f.indicators[k].manual->motivering) << "\n";
        }
    }
}


// The report of one rule file; a nämnd's inside its roll-up's has its headings one level down.
void write_report(const ReportModel& m, std::ostream& out, int depth) {
    const ReportWords& w = m.words;
    const Assessment& a = m.in->assessment;
    const RuleFile& f = *a.file;
    out << h(1, depth) << md(m.title) << "\n\n";
    if (f.decision) out << "Beslut: " << md(*f.decision) << "\n\n";
    if (!a.judged) out << phrase::kBudget << "\n\n";

    // Målredovisning: målområde → kommunmål → nämndmål, each judged level with its judgement.
    out << h(2, depth) << "Målredovisning\n";
    for (const OutlineEntry& e : m.outline) {
        if (e.level == GoalLevel::Area) {
            const LevelDef& area = f.areas[e.index];
            out << "\n" << h(3, depth) << md(w.area) << " " << md(area.name) << "\n";
            if (area.judged() && a.judged) {
                out << "\n";
                judgement(out, m, w.area_judged, a.areas[e.index], area.manual, justification_of_level(m, GoalLevel::Area, e.index), false);
            }
            continue;
        }
        if (e.level == GoalLevel::MunicipalGoal) {
            const LevelDef& mg = f.municipal_goals[e.index];
            if (!mg.name.empty()) out << "\n" << md(w.municipal_goal) << ": " << md(mg.name) << "\n";
            if (mg.judged() && a.judged) {
                out << "\n";
                judgement(out, m, w.municipal_judged, a.municipal_goals[e.index], mg.manual,
                          justification_of_level(m, GoalLevel::MunicipalGoal, e.index), false);
            }
            continue;
        }
        const GoalDef& g = f.goals[e.index];
        out << "\n" << h(4, depth) << md(w.goal) << ": " << md(g.name) << "\n\n";
        for (const auto& act : g.activities) out << "- " << md(act) << "\n";
        if (!g.activities.empty()) out << "\n";
        if (!a.judged) continue;
        judgement(out, m, w.goal_judged, a.goals[e.index], g.manual, justification_of_goal(m, e.index));
        for (std::uint32_t k : g.indicators) {
            const IndicatorAssessment& ia = a.indicators[k];
            const IndicatorDef& ind = f.indicators[k];
            out << "- *" << md(ind.name) << "* — ";
            if (ia.manual)
                out << "**" << shown_label(f, ia.result, ia.level) << "** (manuell bedömning: " << md(ind.manual->motivering)
                    << ") Regelns bedömning: ";
            out << md(justification_of_indicator(m, k).text()) << "\n";
            for (std::uint32_t s = 0; s < ia.series_count; ++s) {  // series judged apart
                const IndicatorAssessment& sa = a.series[ia.first_series + s];
                out << "  - *" << md(ind.judged_series[static_cast<std::size_t>(sa.judged_series)]) << "* — "
                    << md(justification_of_series(m, sa).text()) << "\n";
            }
        }
        if (!g.indicators.empty()) out << "\n";
    }

    // The indicator tables: one per målområde and kommunmål, as in the published reports.
    out << "\n" << h(2, depth) << md(w.indicators) << "\n";
    for (const IndicatorTable& t : m.tables) {
        const GoalDef& g0 = f.goals[t.first_goal];
        if (t.new_area) out << "\n" << h(3, depth) << md(w.area) << ": " << md(g0.area) << "\n";
        if (!g0.municipal_goal.empty()) out << "\n" << md(w.municipal_goal) << ": " << md(g0.municipal_goal) << "\n";
        out << "\n";
        if (!t.any_indicator) {
            if (f.words.indicator.empty() && f.words.indicators.empty()) out << phrase::kNoIndicators << "\n";
            else out << md(w.indicators) << ": inga.\n";  // a word of the file's own is not inflected
        }
        else {
            write_table(m, t, out);
        }
    }
    if (m.indicator_footnotes > 0) {
        out << "\n";
        for (std::size_t k = 0; k < m.indicator_footnotes; ++k) out << "[^" << m.id_prefix << k + 1 << "]: " << md(m.footnotes[k]) << "\n";
    }

    // The nyckeltal tables after the indicators', each a section of its own.
    for (const KeyFigureTableModel& t : m.key_figure_tables) write_key_figure_table(m, t, out, depth);

    if (!f.assignments.empty()) {
        out << "\n" << h(2, depth) << "Strategiska utvecklingsuppdrag\n";
        for (const AssignmentGroup& grp : m.assignment_groups) {
            const std::string& group = f.assignments[grp.first].group;
            out << "\n| " << (group.empty() ? "Uppdrag" : md(group)) << " | Status |\n|---|---|\n";
            for (std::uint32_t i = grp.first; i < grp.end; ++i) {
                const Assignment& as = f.assignments[i];
                std::string text = as.number.empty() ? md(as.text) : md(as.number) + ". " + md(as.text);
                if (!as.comment.empty()) text += " (" + md(as.comment) + ")";
                out << "| " << text << " | " << assignment_status_label(as.status) << " |\n";
            }
        }
        out << "\n" << phrase::kPerStatus;
        bool first = true;
        for (int k = 0; k < static_cast<int>(AssignmentStatus::Count); ++k) {
            if (!m.assignment_counts[k]) continue;
            out << (first ? " " : ", ") << assignment_status_label(static_cast<AssignmentStatus>(k)) << " " << m.assignment_counts[k];
            first = false;
        }
        out << ".\n";
    }

    write_summary(m, out, depth);
}

// A roll-up: the municipality's målområden and kommunmål, each kommunmål with
// the nämndmål it is judged from; the counts, also per nämnd; then every
// nämnd's own report.
void write_rollup(const ReportModel& m, std::ostream& out) {
    const ReportWords& w = m.words;
    const Assessment& a = m.in->assessment;
    const RuleFile& f = *a.file;
    out << "# " << md(m.title) << "\n\n";
    if (f.decision) out << "Beslut: " << md(*f.decision) << "\n\n";
    if (!a.judged) out << phrase::kBudgetRollup << "\n\n";
    out << "## Målredovisning\n";
    for (const OutlineEntry& e : m.outline) {
        if (e.level == GoalLevel::Area) {
            const LevelDef& area = f.areas[e.index];
            out << "\n### " << md(w.area) << " " << md(area.name) << "\n";
            if (area.judged() && a.judged) {
                out << "\n";
                judgement(out, m, w.area_judged, a.areas[e.index], area.manual, justification_of_level(m, GoalLevel::Area, e.index), false);
            }
            continue;
        }
        if (e.level != GoalLevel::MunicipalGoal) continue;  // a roll-up has no nämndmål of its own
        const LevelDef& mg = f.municipal_goals[e.index];
        out << "\n" << md(w.municipal_goal) << ": " << md(mg.name) << "\n";
        if (mg.judged() && a.judged) {
            out << "\n";
            judgement(out, m, w.municipal_judged, a.municipal_goals[e.index], mg.manual, justification_of_level(m, GoalLevel::MunicipalGoal, e.index),
                      false);
        }
        const auto& children = a.model->municipal_children[e.index];
        if (children.empty()) continue;
        out << "\n| Nämnd | " << md(w.goal) << " |" << (a.judged ? " Bedömning |" : "") << "\n|---|---|" << (a.judged ? "---|" : "") << "\n";
        for (const CommitteeGoal& cg : children) {
            const CommitteeReport& cr = *m.committees[cg.committee];
            const Assessment& ca = cr.input.assessment;
            out << "| " << md(ca.file->committee) << " | " << md(ca.file->goals[cg.goal].name) << " |";
            if (a.judged)
                out << " " << shown_label(f, ca.goals[cg.goal].result, ca.goals[cg.goal].level) << (ca.goals[cg.goal].manual ? " (manuell bedömning)" : "") << " |";
            out << "\n";
        }
    }
    write_summary(m, out, 0);
    if (a.judged) {
        out << "\n### Per nämnd\n\nAntal " << (f.words.goal.empty() ? std::string("nämndmål") : md(w.goal)) << " per resultat.\n\n| Nämnd |";
        for (Outcome o : {Outcome::Uppfyllt, Outcome::Delvis, Outcome::EjUppfyllt, Outcome::EjBedomd}) out << " " << shown_label(f, o, kNoLevel) << " |";
        out << "\n|---|---|---|---|---|\n";
        for (const auto& cr : m.committees) {
            const Assessment& ca = cr->input.assessment;
            out << "| " << md(ca.file->committee) << " |";
            for (int k = 0; k < 4; ++k) out << " " << ca.goal_counts.by_outcome[k] << " |";
            out << "\n";
        }
        // A nämndmål directly under a målområde counts in no kommunmål: say so, as check does.
        std::vector<std::string> outside;
        for (const auto& cr : m.committees)
            for (std::size_t g = 0; g < cr->municipal_goal_of.size(); ++g)
                if (cr->municipal_goal_of[g] < 0)
                    outside.push_back(fmt::format("”{}” ({})", md(cr->input.assessment.file->goals[g].name), md(cr->input.assessment.file->committee)));
        if (!outside.empty()) {
            std::string list;
            for (std::size_t i = 0; i < outside.size(); ++i) list += (i == 0 ? "" : i + 1 == outside.size() ? " och " : ", ") + outside[i];
            out << "\n" << (outside.size() == 1 ? "Nämndmålet " : "Nämndmålen ") << list
                << (outside.size() == 1 ? " står direkt under ett målområde och räknas inte in i något kommunmål.\n"
                                        : " står direkt under ett målområde och räknas inte in i något kommunmål.\n");
        }
    }
    for (const auto& cr : m.committees) {
        out << "\n";
        write_report(cr->model, out, 1);
    }
}

}  // namespace

void render_markdown(const ReportInput& in, std::ostream& out) {
    const ReportModel m = build_report(in);
    if (in.assessment.file->rollup()) write_rollup(m, out);
    else write_report(m, out, 0);
}

}  // namespace malkoll
