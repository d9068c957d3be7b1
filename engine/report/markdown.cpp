#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "engine/core/text.hpp"
#include "engine/report/render.hpp"

namespace malkoll {

namespace {

std::string cell(std::string s) {
    std::string out;
    for (char c : s) {
        if (c == '|') out += "\\|";
        else if (c == '\n') out += ' ';
        else out += c;
    }
    return out;
}

std::string title(const RuleFile& f) {
    switch (f.kind) {
        case ReportKind::Delar: return fmt::format("Delårsrapport per {}", f.period.text());
        case ReportKind::Budget: return fmt::format("Internbudget {}", f.year);
        case ReportKind::Helar: break;
    }
    return fmt::format("Verksamhetsberättelse {}", f.year);
}

// The value of an indicator at a period and series, as written, with its note.
std::string shown_value(const RuleFile& f, std::uint32_t ind, Period p, const std::string& series, std::vector<std::string>& notes) {
    for (const auto& v : f.values) {
        if (v.indicator != ind || !(v.period == p)) continue;
        if (fold_word(v.series) != fold_word(series)) continue;
        std::string s = data_value_text(v);
        if (!v.lit.note.empty()) {
            notes.push_back(v.lit.note);
            s += fmt::format(" ({})", v.lit.note);
        }
        return s;
    }
    return "";
}

}  // namespace

void render_markdown(const ReportInput& in, std::ostream& out) {
    const Assessment& a = in.assessment;
    const RuleFile& f = *a.file;
    out << "# " << title(f) << " – " << f.committee << "\n\n";
    if (f.decision) out << "Beslut: " << *f.decision << "\n\n";
    if (!a.judged) out << "En budget gör inga bedömningar: den visar mål, målvärden och tidigare utfall.\n\n";

    // Målredovisning: målområde → kommunmål → nämndmål.
    out << "## Målredovisning\n";
    std::string area, mg;
    for (const auto& ga : a.goals) {
        const GoalDef& g = f.goals[ga.def];
        if (g.area != area) {
            area = g.area;
            mg.clear();
            out << "\n### Målområde " << area << "\n";
        }
        if (g.municipal_goal != mg) {
            mg = g.municipal_goal;
            out << "\nKommunövergripande mål: " << mg << "\n";
        }
        out << "\n#### Nämndmål: " << g.name << "\n\n";
        for (const auto& act : g.activities) out << "- " << act << "\n";
        if (!g.activities.empty()) out << "\n";
        if (!a.judged) continue;
        out << "**Nämndmålet bedöms: " << outcome_label(ga.result, f.kind) << "**";
        if (ga.manual) out << " (manuell bedömning)";
        out << "\n\n";
        if (ga.manual) {
            out << "Motivering: " << g.manual->motivering << "\n\n";
            out << "Regelns bedömning: " << goal_justification(in, ga) << "\n";
            if (ga.evaluated && ga.result != ga.rule_result) out << "Den manuella bedömningen avviker från regelns.\n";
            out << "\n";
        } else {
            out << goal_justification(in, ga) << "\n\n";
        }
        for (std::uint32_t k : g.indicators) {
            const IndicatorAssessment& ia = a.indicators[k];
            const IndicatorDef& ind = f.indicators[k];
            out << "- *" << ind.name << "* — ";
            if (ia.manual)
                out << "**" << outcome_label(ia.result, f.kind) << "** (manuell bedömning: " << ind.manual->motivering
                    << ") Regelns bedömning: ";
            out << indicator_justification(in, ia) << "\n";
        }
        if (!g.indicators.empty()) out << "\n";
    }

    // Nämndindikatorer: one table per målområde and kommunmål, as in the seeds.
    out << "\n## Nämndindikatorer\n";
    std::vector<std::string> footnotes;
    area.clear();
    mg.clear();
    std::size_t gi = 0;
    while (gi < a.goals.size()) {
        const GoalDef& g0 = f.goals[gi];
        // Goals of one table: same area and municipal goal, consecutive.
        std::size_t ge = gi;
        while (ge < a.goals.size() && f.goals[ge].area == g0.area && f.goals[ge].municipal_goal == g0.municipal_goal) ++ge;
        std::set<int> keys;
        std::map<int, Period> periods;
        bool any = false;
        for (std::size_t k = gi; k < ge; ++k)
            for (std::uint32_t ind : f.goals[k].indicators) {
                any = true;
                for (const auto& v : f.values)
                    if (v.indicator == ind && v.period.key() <= f.period.key() && fold_word(v.series) != "prognos")
                        periods[v.period.key()] = v.period;
            }
        if (g0.area != area) {
            area = g0.area;
            out << "\n### Målområde: " << area << "\n";
        }
        out << "\nKommunövergripande mål: " << g0.municipal_goal << "\n\n";
        if (!any) {
            out << "Inga nämndindikatorer.\n";
            gi = ge;
            continue;
        }
        bool forecast = f.kind == ReportKind::Delar;
        out << "| Mål uppnått | Nämndmål | Nämndindikator |";
        for (const auto& [key, p] : periods) out << " " << p.text() << " |";
        if (forecast) out << " Prognos " << f.year << " |";
        out << " Målvärde | Önskad riktning | Indikatorns bedömning |\n";
        out << "|---|---|---|";
        for (std::size_t k = 0; k < periods.size() + (forecast ? 1 : 0); ++k) out << "---|";
        out << "---|---|---|\n";
        for (std::size_t k = gi; k < ge; ++k) {
            const GoalDef& g = f.goals[k];
            bool first = true;
            for (std::uint32_t ind : g.indicators) {
                const IndicatorDef& d = f.indicators[ind];
                const IndicatorAssessment& ia = a.indicators[ind];
                std::vector<std::string> notes;
                std::string name = d.name;
                if (!d.definition.empty() || !d.data_source.empty() || !d.kolada.empty()) {
                    std::string fn;
                    auto add = [&](std::string part) {
                        if (part.empty()) return;
                        if (part.back() != '.') part += '.';
                        fn += (fn.empty() ? "" : " ") + part;
                    };
                    add(d.definition);
                    if (!d.data_source.empty()) add("Källa: " + d.data_source);
                    if (!d.kolada.empty()) add("Kolada-id " + d.kolada);
                    footnotes.push_back(fn);
                    name += fmt::format("[^{}]", footnotes.size());
                }
                out << "| " << (first && a.judged ? table_label(a.goals[k].result) : "") << " | " << (first ? cell(g.name) : "")
                    << " | " << cell(name) << " |";
                for (const auto& [key, p] : periods) out << " " << cell(shown_value(f, ind, p, "", notes)) << " |";
                if (forecast) out << " " << cell(shown_value(f, ind, Period{f.year, 0}, "prognos", notes)) << " |";
                out << " " << cell(target_text(a, ind)) << " | " << direction_word(d.direction) << " | "
                    << (a.judged ? outcome_label(ia.result, f.kind) : "") << " |\n";
                std::vector<std::string> sub = d.series;
                if (!d.comparison.empty() && std::find(sub.begin(), sub.end(), d.comparison) == sub.end())
                    sub.push_back(d.comparison);
                for (const auto& s : sub) {
                    out << "|  |  | ↳ " << cell(s) << " |";
                    for (const auto& [key, p] : periods) out << " " << cell(shown_value(f, ind, p, s, notes)) << " |";
                    if (forecast) out << " |";
                    out << " | | |\n";
                }
                first = false;
            }
        }
        gi = ge;
    }
    if (!footnotes.empty()) {
        out << "\n";
        for (std::size_t k = 0; k < footnotes.size(); ++k) out << "[^" << k + 1 << "]: " << footnotes[k] << "\n";
    }

    if (!f.assignments.empty()) {
        out << "\n## Strategiska utvecklingsuppdrag\n";
        std::string group = "\x01";
        for (const auto& as : f.assignments) {
            if (as.group != group) {
                group = as.group;
                out << "\n| " << (group.empty() ? "Uppdrag" : cell(group)) << " | Status |\n|---|---|\n";
            }
            std::string text = as.number.empty() ? as.text : as.number + ". " + as.text;
            if (!as.comment.empty()) text += " (" + as.comment + ")";
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
                    out << "- Nämndmål " << f.goals[ga.def].name << ": " << outcome_label(ga.result, f.kind) << " (regeln: "
                        << outcome_label(ga.rule_result, f.kind) << "). Motivering: " << f.goals[ga.def].manual->motivering << "\n";
            for (const auto& ia : a.indicators)
                if (ia.manual && ia.result != ia.rule_result)
                    out << "- Indikator " << f.indicators[ia.def].name << ": " << outcome_label(ia.result, f.kind) << " (regeln: "
                        << outcome_label(ia.rule_result, f.kind) << "). Motivering: " << f.indicators[ia.def].manual->motivering << "\n";
        }
    }
}

}  // namespace malkoll
