#include <fmt/format.h>

#include "engine/core/json_writer.hpp"
#include "engine/report/model.hpp"
#include "engine/report/render.hpp"
#include "engine/report/trace_json.hpp"

namespace malkoll {

namespace {

void counts(JsonWriter& w, const Counts& c) {
    w.begin_object();
    w.field("uppfyllt", c.by_outcome[0]);
    w.field("delvis", c.by_outcome[1]);
    w.field("ej_uppfyllt", c.by_outcome[2]);
    w.field("ej_bedomd", c.by_outcome[3]);
    w.end_object();
}

std::optional<std::string> opt(const std::string& s) { return s.empty() ? std::nullopt : std::optional<std::string>(s); }

void value(JsonWriter& w, const ValueStore& vs, const DataValue& v) {
    w.begin_object();
    w.field("period", v.period.text());
    w.field("series", vs.series_name(v));
    if (v.kind == ValueKind::Number && !v.is_status()) w.field("value", v.lo_v);
    else w.field("value", nullptr);  // a status word is no number: its "text" is the word
    if (v.kind == ValueKind::Interval) {
        w.field("low", v.lo_v);
        w.field("high", v.hi_v);
    } else {
        w.field("low", nullptr);
        w.field("high", nullptr);
    }
    w.field("text", std::string(vs.text(v)));
    w.field("note", opt(vs.remark(v)));
    w.field("source", position_text(vs.cited_position(v)));
    w.field("data_source", opt(std::string(vs.data_source(v))));
    w.end_object();
}

// A result, its scale level and its label; null in a budget, which makes no judgements.
void result(JsonWriter& w, const Assessment& a, Outcome o, std::uint8_t level) {
    if (a.judged) {
        w.field("result", outcome_code(o));
        // The municipality's own scale level (skala): its kod; null without one.
        w.field("level", level_code(*a.file, o, level));
        w.field("label", result_label(*a.file, o, level));
    } else {
        w.field("result", nullptr);
        w.field("level", nullptr);
        w.field("label", nullptr);
    }
}

// With `skala` only: the rule's level (kod) after rule_result, so that a manual
// judgement at another level of the same base result shows as a deviation.
void rule_level(JsonWriter& w, const Assessment& a, bool known, Outcome o, std::uint8_t level) {
    if (a.file->scale.empty()) return;
    if (known) w.field("rule_level", level_code(*a.file, o, level));
    else w.field("rule_level", nullptr);
}

// The judged kommunmål or målområden (`municipal_goals`, `areas`): each with
// its judgement, trace and children.
void levels(JsonWriter& w, const ReportInput& in, const ReportModel& m, GoalLevel level) {
    const Assessment& a = in.assessment;
    const RuleFile& f = *a.file;
    const auto& defs = level == GoalLevel::MunicipalGoal ? f.municipal_goals : f.areas;
    const auto& assessed = level == GoalLevel::MunicipalGoal ? a.municipal_goals : a.areas;
    w.key(level == GoalLevel::MunicipalGoal ? "municipal_goals" : "areas");
    w.begin_array();
    for (std::uint32_t k = 0; k < defs.size(); ++k) {
        const LevelDef& l = defs[k];
        if (!l.judged()) continue;
        const GoalAssessment& ga = assessed[k];
        w.begin_object();
        w.field("id", l.id);
        w.field("name", l.name);
        if (level == GoalLevel::MunicipalGoal) w.field("area", f.areas[l.area].name);
        result(w, a, ga.result, ga.level);
        w.field("manual", ga.manual);
        if (ga.evaluated && a.judged) w.field("rule_result", outcome_code(ga.rule_result));
        else w.field("rule_result", nullptr);
        rule_level(w, a, ga.evaluated && a.judged, ga.rule_result, ga.rule_level);
        w.field("motivering", l.manual ? std::optional<std::string>(l.manual->motivering) : std::nullopt);
        w.field("justification", justification_of_level(m, level, k).text());
        w.key("trace");
        write_goal_trace(w, in, ga, level);
        w.key("children");
        w.begin_array();
        auto child = [&](const std::string& id, const std::string& name, Outcome o, std::uint8_t lvl) {
            w.begin_object();
            w.field("committee", nullptr);
            w.field("id", id);
            w.field("name", name);
            result(w, a, o, lvl);
            w.end_object();
        };
        for (std::uint32_t c : l.municipal_goals)
            child(f.municipal_goals[c].id, f.municipal_goals[c].name, a.municipal_goals[c].result, a.municipal_goals[c].level);
        for (std::uint32_t c : l.goals) child(f.goals[c].id, f.goals[c].name, a.goals[c].result, a.goals[c].level);
        if (level == GoalLevel::MunicipalGoal && k < a.model->municipal_children.size())
            for (const CommitteeGoal& cg : a.model->municipal_children[k]) {
                const CommitteeReport& cr = *m.committees[cg.committee];
                const GoalDef& g = cr.input.assessment.file->goals[cg.goal];
                w.begin_object();
                w.field("committee", cr.id);
                w.field("id", g.id);
                w.field("name", g.name);
                result(w, a, cr.input.assessment.goals[cg.goal].result, cr.input.assessment.goals[cg.goal].level);
                w.end_object();
            }
        w.end_array();
        w.end_object();
    }
    w.end_array();
}

// The nämndmål with their indicators: a nämnd's, or in a roll-up (`committee`
// set) one nämnd's, named by the roll-up's målområde and kommunmål.
void goals(JsonWriter& w, const ReportModel& m, const CommitteeReport* committee, const RuleFile* rollup) {
    const ReportInput& in = *m.in;
    const Assessment& a = in.assessment;
    const RuleFile& f = *a.file;
    for (const auto& ga : a.goals) {
        const GoalDef& g = f.goals[ga.def];
        w.begin_object();
        w.field("id", g.id);
        // In a roll-up: the nämnd's short id, and the roll-up's målområde and kommunmål where the goal counts in one.
        const std::int32_t up = committee ? committee->municipal_goal_of[ga.def] : -1;
        if (committee) w.field("committee", committee->id);
        else w.field("committee", nullptr);
        w.field("name", g.name);
        if (up >= 0) {
            const LevelDef& mg = rollup->municipal_goals[static_cast<std::size_t>(up)];
            w.field("area", rollup->areas[mg.area].name);
            w.field("municipal_goal", mg.name);
        } else {
            w.field("area", g.area);
            w.field("municipal_goal", g.municipal_goal.empty() ? std::nullopt : std::optional<std::string>(g.municipal_goal));
        }
        // A budget makes no judgements: result, label and rule_result are null.
        result(w, a, ga.result, ga.level);
        w.field("manual", ga.manual);
        if (ga.evaluated) w.field("rule_result", outcome_code(ga.rule_result));
        else w.field("rule_result", nullptr);
        rule_level(w, a, ga.evaluated && a.judged, ga.rule_result, ga.rule_level);
        w.field("motivering", g.manual ? std::optional<std::string>(g.manual->motivering) : std::nullopt);
        w.field("justification", justification_of_goal(m, ga.def).text());
        w.key("trace");
        write_goal_trace(w, in, ga);
        w.key("indicators");
        w.begin_array();
        for (std::uint32_t k : g.indicators) {
            const IndicatorAssessment& ia = a.indicators[k];
            const IndicatorDef& d = f.indicators[k];
            w.begin_object();
            w.field("id", d.id);
            w.field("name", d.name);
            w.field("unit", opt(d.unit));
            w.field("direction", direction_word(d.direction));
            w.field("target", opt(target_text(a, k)));
            w.field("data_source", opt(d.data_source));
            result(w, a, ia.result, ia.level);
            w.field("manual", ia.manual);
            if (a.judged) w.field("rule_result", outcome_code(ia.rule_result));
            else w.field("rule_result", nullptr);
            rule_level(w, a, a.judged, ia.rule_result, ia.rule_level);
            w.field("motivering", d.manual ? std::optional<std::string>(d.manual->motivering) : std::nullopt);
            w.field("justification", justification_of_indicator(m, k).text());
            w.key("values");
            w.begin_array();
            for (std::uint32_t v = 0; v < ia.value_count; ++v) value(w, f.values, ia.values[v]);  // in report order
            w.end_array();
            w.key("trace");
            write_indicator_trace(w, in, ia);
            w.key("series_results");  // series judged apart (bedöm_serier)
            write_series_results(w, in, ia);
            // Beyond the documented JSON: the Utveckling column's word (null when not known or in a budget).
            if (a.judged && ia.development != Development::Okant) w.field("development", development_word(ia.development));
            else w.field("development", nullptr);
            if (d.status()) {  // a status indicator's words (värdeskala), worst first
                w.key("value_scale");
                w.begin_array();
                for (const auto& word : d.value_scale) w.string(word);
                w.end_array();
            } else {
                w.field("value_scale", nullptr);
            }
            w.end_object();
        }
        w.end_array();
        w.end_object();
    }
}

// The nyckeltal tables of one file (a roll-up's nämnd: `committee` set), each
// row with its values as an indicator's: shown, never judged.
void key_figures(JsonWriter& w, const RuleFile& f, const CommitteeReport* committee) {
    for (const KeyFigureTable& t : f.key_figure_tables) {
        w.begin_object();
        if (committee) w.field("committee", committee->id);
        else w.field("committee", nullptr);
        w.field("heading", t.heading);
        w.field("column_heading", t.column_heading);
        w.key("rows");
        w.begin_array();
        for (std::uint32_t r = t.first_row; r < t.end_row; ++r) {
            const KeyFigureRow& row = f.key_figures[r];
            w.begin_object();
            w.field("id", row.id);
            w.field("name", row.name);
            w.field("unit", opt(row.unit));
            w.key("series");
            w.begin_array();
            for (const auto& s : row.series) w.string(s);
            w.end_array();
            w.field("share", opt(row.share));
            w.field("target", opt(row.target));
            w.field("accumulated", row.accumulated);
            w.field("data_source", opt(row.data_source));
            w.field("definition", opt(row.definition));
            w.key("values");
            w.begin_array();
            const auto [b, e] = f.values.of_indicator(f.key_figure_owner(r));
            for (const DataValue* v = b; v != e; ++v) value(w, f.values, *v);  // in report order
            w.end_array();
            w.end_object();
        }
        w.end_array();
        w.end_object();
    }
}

}  // namespace

void render_json(const ReportInput& in, std::ostream& out) {
    const ReportModel m = build_report(in);
    const Assessment& a = in.assessment;
    const RuleFile& f = *a.file;
    JsonWriter w(out);
    w.begin_object();
    w.key("engine");
    w.begin_object();
    w.field("name", "malkoll");
    w.field("version", MALKOLL_VERSION);
    w.end_object();
    w.key("inputs");
    w.begin_array();
    for (const auto& i : in.inputs) {
        w.begin_object();
        w.field("path", i.path);
        w.field("sha256", i.sha256);
        if (!i.sheet.empty()) w.field("sheet", i.sheet);  // a workbook's sheet that was read (docs/excel.md)
        w.end_object();
    }
    w.end_array();
    // A roll-up speaks for the municipality, not for one nämnd.
    if (f.rollup()) w.field("committee", nullptr);
    else w.field("committee", f.committee);
    w.field("year", f.year);
    w.field("report", report_kind_word(f.kind));
    w.field("period", f.period.text());
    w.field("decision", f.decision);
    // The municipality's own file names it; a nämnd's file has none. A roll-up lists its nämnder.
    w.field("municipality", f.municipality_file ? std::optional<std::string>(f.committee) : std::nullopt);
    w.key("committees");
    w.begin_array();
    for (const CommitteeRef& c : f.committees) {
        w.begin_object();
        w.field("id", c.id);
        w.field("name", a.committees[static_cast<std::size_t>(&c - f.committees.data())].file->committee);
        w.field("file", c.written);
        w.end_object();
    }
    w.end_array();
    w.key("goals");
    w.begin_array();
    if (f.rollup())
        for (const auto& cr : m.committees) goals(w, cr->model, cr.get(), &f);
    else
        goals(w, m, nullptr, nullptr);
    w.end_array();
    levels(w, in, m, GoalLevel::MunicipalGoal);
    levels(w, in, m, GoalLevel::Area);
    w.key("summary");
    w.begin_object();
    w.key("goals");
    counts(w, a.goal_counts);
    w.key("indicators");
    counts(w, a.indicator_counts);
    w.key("municipal_goals");
    counts(w, a.municipal_counts);
    w.key("areas");
    counts(w, a.area_counts);
    w.field("manual_deviations", a.manual_deviations);
    w.end_object();
    // Beyond the documented JSON (docs/revisorsguide.md): the strategiska utvecklingsuppdrag and their status.
    w.key("assignments");
    w.begin_array();
    for (const auto& as : f.assignments) {
        w.begin_object();
        w.field("group", as.group);
        w.field("number", as.number);
        w.field("text", as.text);
        w.field("status", assignment_status_label(as.status));
        w.field("comment", opt(as.comment));
        w.end_object();
    }
    w.end_array();
    // Beyond the documented JSON: the nyckeltal tables (a roll-up: every nämnd's), never judged.
    w.key("key_figures");
    w.begin_array();
    if (f.rollup())
        for (const auto& cr : m.committees) key_figures(w, *cr->input.assessment.file, cr.get());
    else
        key_figures(w, f, nullptr);
    w.end_array();
    w.end_object();
    out << "\n";
}

}  // namespace malkoll
