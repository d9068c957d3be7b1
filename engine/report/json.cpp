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
    if (v.kind == ValueKind::Number) w.field("value", v.lo_v);
    else w.field("value", nullptr);
    if (v.kind == ValueKind::Interval) {
        w.field("low", v.lo_v);
        w.field("high", v.hi_v);
    } else {
        w.field("low", nullptr);
        w.field("high", nullptr);
    }
    w.field("text", std::string(vs.text(v)));
    w.field("note", opt(vs.remark(v)));
    w.field("source", position_text(Position{vs.file_name(v), vs.position(v).line, 0}));
    w.field("data_source", opt(std::string(vs.data_source(v))));
    w.end_object();
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
        w.end_object();
    }
    w.end_array();
    w.field("committee", f.committee);
    w.field("year", f.year);
    w.field("report", report_kind_word(f.kind));
    w.field("period", f.period.text());
    w.field("decision", f.decision);
    w.key("goals");
    w.begin_array();
    for (const auto& ga : a.goals) {
        const GoalDef& g = f.goals[ga.def];
        w.begin_object();
        w.field("id", g.id);
        w.field("name", g.name);
        w.field("area", g.area);
        w.field("municipal_goal", g.municipal_goal);
        // A budget makes no judgements: result, label and rule_result are null.
        if (a.judged) {
            w.field("result", outcome_code(ga.result));
            w.field("label", outcome_label(ga.result, f.kind));
        } else {
            w.field("result", nullptr);
            w.field("label", nullptr);
        }
        w.field("manual", ga.manual);
        if (ga.evaluated) w.field("rule_result", outcome_code(ga.rule_result));
        else w.field("rule_result", nullptr);
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
            if (a.judged) {
                w.field("result", outcome_code(ia.result));
                w.field("label", outcome_label(ia.result, f.kind));
            } else {
                w.field("result", nullptr);
                w.field("label", nullptr);
            }
            w.field("manual", ia.manual);
            if (a.judged) w.field("rule_result", outcome_code(ia.rule_result));
            else w.field("rule_result", nullptr);
            w.field("motivering", d.manual ? std::optional<std::string>(d.manual->motivering) : std::nullopt);
            w.field("justification", justification_of_indicator(m, k).text());
            w.key("values");
            w.begin_array();
            for (std::uint32_t v = 0; v < ia.value_count; ++v) value(w, f.values, ia.values[v]);  // in report order
            w.end_array();
            w.key("trace");
            write_indicator_trace(w, in, ia);
            // Beyond the documented JSON, so last: the Utveckling column's word (null when not known or in a budget).
            if (a.judged && ia.development != Development::Okant) w.field("development", development_word(ia.development));
            else w.field("development", nullptr);
            w.end_object();
        }
        w.end_array();
        w.end_object();
    }
    w.end_array();
    w.key("summary");
    w.begin_object();
    w.key("goals");
    counts(w, a.goal_counts);
    w.key("indicators");
    counts(w, a.indicator_counts);
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
    w.end_object();
    out << "\n";
}

}  // namespace malkoll
