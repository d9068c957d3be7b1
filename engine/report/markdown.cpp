#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <fmt/format.h>

#include "engine/core/text.hpp"
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

// A table cell: already Markdown.
const std::string& cell(const std::string& s) { return s; }

std::string title(const RuleFile& f) {
    switch (f.kind) {
        case ReportKind::Delar: return fmt::format("Delårsrapport per {}", f.period.text());
        case ReportKind::Budget: return fmt::format("Internbudget {}", f.year);
        case ReportKind::Helar: break;
    }
    return fmt::format("Verksamhetsberättelse {}", f.year);
}

// The value of an indicator at a period and series, as written, with its note.
std::string shown_value(const IndicatorFacts& facts, Period p, const std::string& series, std::vector<std::string>& notes) {
    const ValueStore& vs = *facts.store;
    const auto id = vs.find_series(series);
    if (!id) return "";
    for (std::uint32_t k = 0; k < facts.value_count; ++k) {
        const DataValue& v = facts.values[k];
        if (!(v.period == p) || v.series != *id) continue;
        std::string s = md(data_value_text(vs, v));
        if (std::string r = vs.remark(v); !r.empty()) {
            s += fmt::format(" ({})", md(r));
            notes.push_back(std::move(r));
        }
        return s;
    }
    return "";
}

struct Table {
    std::vector<std::string> head;
    std::vector<std::vector<std::string>> rows;
};

void write_table(const Table& t, std::ostream& out) {
    out << "|";
    for (const auto& h : t.head) out << " " << h << " |";
    out << "\n|";
    for (std::size_t k = 0; k < t.head.size(); ++k) out << "---|";
    out << "\n";
    for (const auto& r : t.rows) {
        out << "|";
        for (const auto& c : r) out << " " << cell(c) << " |";
        out << "\n";
    }
}

// The indicator table of goals [gi, ge): the published reports' columns — Mål uppnått
// (the goal's result, once per goal), Nämndmål, Nämndindikator, one column
// per period, the forecast in a delår, the target (one per year in a
// budget), Önskad riktning — and the indicator's own result, which the published reports
// leave implicit but an auditor needs beside the goal's.
Table indicator_table(const ReportInput& in, std::size_t gi, std::size_t ge, std::vector<std::string>& footnotes) {
    const Assessment& a = in.assessment;
    const RuleFile& f = *a.file;
    bool forecast = f.kind == ReportKind::Delar;
    bool budget = f.kind == ReportKind::Budget;
    std::map<int, Period> periods;
    std::set<int> target_years;
    for (std::size_t k = gi; k < ge; ++k)
        for (std::uint32_t ind : f.goals[k].indicators) {
            const IndicatorFacts& facts = a.indicators[ind].facts;
            const auto prognos = f.values.find_series("prognos");
            for (std::uint32_t k = 0; k < facts.value_count; ++k) {
                const DataValue& v = facts.values[k];
                if (v.period.key() <= f.period.key() && !(prognos && *prognos != 0 && v.series == *prognos)) periods[v.period.key()] = v.period;
            }
            for (const auto& [y, t] : f.indicators[ind].targets_per_year) target_years.insert(y);
        }
    if (budget && target_years.empty()) target_years.insert(f.year);

    Table t;
    if (a.judged) t.head.push_back("Mål uppnått");
    t.head.push_back("Nämndmål");
    t.head.push_back("Nämndindikator");
    for (const auto& [key, p] : periods) t.head.push_back(p.text());
    if (forecast) t.head.push_back(fmt::format("Prognos {}", f.year));
    if (budget)
        for (int y : target_years) t.head.push_back(fmt::format("Målvärde {}", y));
    else
        t.head.push_back("Målvärde");
    t.head.push_back("Önskad riktning");
    if (a.judged) t.head.push_back("Indikatorns bedömning");

    bool any_mandatory = false;
    for (std::size_t k = gi; k < ge; ++k) {
        const GoalDef& g = f.goals[k];
        bool first = true;
        for (std::uint32_t ind : g.indicators) {
            const IndicatorDef& d = f.indicators[ind];
            const IndicatorAssessment& ia = a.indicators[ind];
            std::vector<std::string> notes;
            std::string name = d.mandatory ? "\\*" + md(d.name) : md(d.name);
            any_mandatory = any_mandatory || d.mandatory;
            std::string fn = indicator_footnote(a, ind);
            if (!fn.empty()) {
                // The same note twice is one footnote.
                auto it = std::find(footnotes.begin(), footnotes.end(), fn);
                if (it == footnotes.end()) it = footnotes.insert(footnotes.end(), fn);
                name += fmt::format("[^{}]", it - footnotes.begin() + 1);
            }
            std::vector<std::string> row;
            if (a.judged) row.push_back(first ? table_label(a.goals[k].result) : "");
            row.push_back(first ? md(g.name) : "");
            row.push_back(name);
            for (const auto& [key, p] : periods) row.push_back(shown_value(a.indicators[ind].facts, p, "", notes));
            if (forecast) row.push_back(shown_value(a.indicators[ind].facts, Period{f.year, 0}, "prognos", notes));
            if (budget) {
                for (int y : target_years) {
                    std::string text;
                    for (const auto& [ty, tt] : d.targets_per_year)
                        if (ty == y) text = md(tt.text);
                    if (d.targets_per_year.empty() && y == f.year) text = md(target_text(a, ind));
                    row.push_back(text);
                }
            } else {
                row.push_back(md(target_text(a, ind)));
            }
            row.push_back(direction_word(d.direction));
            if (a.judged) row.push_back(outcome_label(ia.result, f.kind));
            t.rows.push_back(std::move(row));

            // Breakdown series and the comparison series as sub-rows.
            std::vector<std::string> sub = d.series;
            if (!d.comparison.empty() && std::find(sub.begin(), sub.end(), d.comparison) == sub.end()) sub.push_back(d.comparison);
            for (const auto& s : sub) {
                std::vector<std::string> r(t.head.size());
                std::size_t c = a.judged ? 2 : 1;
                r[c++] = "↳ " + md(s);
                for (const auto& [key, p] : periods) r[c++] = shown_value(a.indicators[ind].facts, p, s, notes);
                t.rows.push_back(std::move(r));
            }
            first = false;
        }
    }
    if (any_mandatory) {
        std::vector<std::string> r(t.head.size());
        r[a.judged ? 2 : 1] = "\\* obligatorisk indikator";
        t.rows.push_back(std::move(r));
    }
    return t;
}

}  // namespace

void render_markdown(const ReportInput& in, std::ostream& out) {
    const Assessment& a = in.assessment;
    const RuleFile& f = *a.file;
    out << "# " << title(f) << " – " << md(f.committee) << "\n\n";
    if (f.decision) out << "Beslut: " << md(*f.decision) << "\n\n";
    if (!a.judged) out << "En budget gör inga bedömningar: den visar mål, målvärden och tidigare utfall.\n\n";

    // Målredovisning: målområde → kommunmål → nämndmål.
    out << "## Målredovisning\n";
    std::string area, mg;
    for (const auto& ga : a.goals) {
        const GoalDef& g = f.goals[ga.def];
        if (g.area != area) {
            area = g.area;
            mg.clear();
            out << "\n### Målområde " << md(area) << "\n";
        }
        if (g.municipal_goal != mg) {
            mg = g.municipal_goal;
            out << "\nKommunövergripande mål: " << md(mg) << "\n";
        }
        out << "\n#### Nämndmål: " << md(g.name) << "\n\n";
        for (const auto& act : g.activities) out << "- " << md(act) << "\n";
        if (!g.activities.empty()) out << "\n";
        if (!a.judged) continue;
        out << "**Nämndmålet bedöms: " << outcome_label(ga.result, f.kind) << "**";
        if (ga.manual) out << " (manuell bedömning)";
        out << "\n\n";
        if (ga.manual) {
            out << "Motivering: " << md(g.manual->motivering) << "\n\n";
            out << "Regelns bedömning: " << md(goal_justification(in, ga)) << "\n";
            if (ga.evaluated && ga.result != ga.rule_result) out << "Den manuella bedömningen avviker från regelns.\n";
            out << "\n";
        } else {
            out << md(goal_justification(in, ga), true) << "\n\n";
        }
        for (std::uint32_t k : g.indicators) {
            const IndicatorAssessment& ia = a.indicators[k];
            const IndicatorDef& ind = f.indicators[k];
            out << "- *" << md(ind.name) << "* — ";
            if (ia.manual)
                out << "**" << outcome_label(ia.result, f.kind) << "** (manuell bedömning: " << md(ind.manual->motivering)
                    << ") Regelns bedömning: ";
            out << md(indicator_justification(in, ia)) << "\n";
        }
        if (!g.indicators.empty()) out << "\n";
    }

    // Nämndindikatorer: one table per målområde and kommunmål, as in the published reports.
    out << "\n## Nämndindikatorer\n";
    std::vector<std::string> footnotes;
    area.clear();
    std::size_t gi = 0;
    while (gi < a.goals.size()) {
        const GoalDef& g0 = f.goals[gi];
        // Goals of one table: same area and municipal goal, consecutive.
        std::size_t ge = gi;
        while (ge < a.goals.size() && f.goals[ge].area == g0.area && f.goals[ge].municipal_goal == g0.municipal_goal) ++ge;
        if (g0.area != area) {
            area = g0.area;
            out << "\n### Målområde: " << md(area) << "\n";
        }
        out << "\nKommunövergripande mål: " << md(g0.municipal_goal) << "\n\n";
        Table t = indicator_table(in, gi, ge, footnotes);
        if (t.rows.empty()) out << "Inga nämndindikatorer.\n";
        else write_table(t, out);
        gi = ge;
    }
    if (!footnotes.empty()) {
        out << "\n";
        for (std::size_t k = 0; k < footnotes.size(); ++k) out << "[^" << k + 1 << "]: " << md(footnotes[k]) << "\n";
    }

    if (!f.assignments.empty()) {
        out << "\n## Strategiska utvecklingsuppdrag\n";
        std::string group = "\x01";
        for (const auto& as : f.assignments) {
            if (as.group != group) {
                group = as.group;
                out << "\n| " << (group.empty() ? "Uppdrag" : md(group)) << " | Status |\n|---|---|\n";
            }
            std::string text = as.number.empty() ? md(as.text) : md(as.number) + ". " + md(as.text);
            if (!as.comment.empty()) text += " (" + md(as.comment) + ")";
            out << "| " << cell(text) << " | " << assignment_status_label(as.status) << " |\n";
        }
        out << "\nAntal per status:";
        std::uint32_t n[static_cast<int>(AssignmentStatus::Count)] = {};
        for (const auto& as : f.assignments) ++n[static_cast<int>(as.status)];
        bool first = true;
        for (int k = 0; k < static_cast<int>(AssignmentStatus::Count); ++k) {
            if (!n[k]) continue;
            out << (first ? " " : ", ") << assignment_status_label(static_cast<AssignmentStatus>(k)) << " " << n[k];
            first = false;
        }
        out << ".\n";
    }

    if (a.judged) {
        out << "\n## Sammanfattning\n\n";
        out << "| Resultat | Nämndmål | Nämndindikatorer |\n|---|---|---|\n";
        for (Outcome o : {Outcome::Uppfyllt, Outcome::Delvis, Outcome::EjUppfyllt, Outcome::EjBedomd})
            out << "| " << outcome_label(o, f.kind) << " | " << a.goal_counts.by_outcome[static_cast<int>(o)] << " | "
                << a.indicator_counts.by_outcome[static_cast<int>(o)] << " |\n";
        if (a.manual_deviations) {
            out << "\nManuella bedömningar som avviker från regelns:\n\n";
            for (const auto& ga : a.goals)
                if (ga.manual && ga.evaluated && ga.result != ga.rule_result)
                    out << "- Nämndmål " << md(f.goals[ga.def].name) << ": " << outcome_label(ga.result, f.kind) << " (regeln: "
                        << outcome_label(ga.rule_result, f.kind) << "). Motivering: " << md(f.goals[ga.def].manual->motivering) << "\n";
            for (const auto& ia : a.indicators)
                if (ia.manual && ia.result != ia.rule_result)
                    out << "- Indikator " << md(f.indicators[ia.def].name) << ": " << outcome_label(ia.result, f.kind) << " (regeln: "
                        << outcome_label(ia.rule_result, f.kind) << "). Motivering: " << md(f.indicators[ia.def].manual->motivering) << "\n";
        }
    }
}

}  // namespace malkoll
