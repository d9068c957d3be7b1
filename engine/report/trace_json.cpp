#include "engine/report/trace_json.hpp"

#include <optional>

#include <fmt/format.h>

namespace malkoll {

namespace {

const char* rule_origin_word(RuleOrigin o) {
    switch (o) {
        case RuleOrigin::Own: return "egen";
        case RuleOrigin::Named: return "namngiven";
        case RuleOrigin::Standard: return "standard";
        case RuleOrigin::Builtin: return "inbyggd";
    }
    return "";
}

const char* missing_word(Missing m) {
    switch (m) {
        case Missing::None: return nullptr;
        case Missing::Absent: return "saknas";
        case Missing::Marked: return "markerat saknat";
        case Missing::NoForecast: return "ingen prognos";
        case Missing::BeforeBreak: return "före serieavbrott";
        case Missing::Undefined: return "kan inte beräknas";
    }
    return nullptr;
}


void eval_value(JsonWriter& w, const ReportInput& in, const IndicatorDef* ind, const EvalValue& v) {
    const Assessment& a = in.assessment;
    // A status word is no number: null, with the word as "text".
    if (v.kind == ValueKind::Number && !(ind && status_word(*ind, v))) w.field("value", v.lo.v);
    else w.field("value", nullptr);
    if (v.kind == ValueKind::Interval) {
        w.field("low", v.lo.v);
        w.field("high", v.hi.v);
    } else {
        w.field("low", nullptr);
        w.field("high", nullptr);
    }
    if (ind) w.field("text", eval_value_text(a, *ind, v));
    else w.field("text", nullptr);
    w.field("period", v.period.year ? std::optional<std::string>(v.period.text()) : std::nullopt);
    if (const char* m = v.is_missing() ? missing_word(v.why) : nullptr) w.field("missing", m);
    else w.field("missing", nullptr);
    if (v.source >= 0) {
        const ValueStore& vs = a.file->values;
        const DataValue& dv = vs[static_cast<std::size_t>(v.source)];
        const std::string note = vs.remark(dv);
        w.field("note", note.empty() ? std::nullopt : std::optional<std::string>(note));
        w.field("source", position_text(vs.cited_position(dv)));
        const std::string_view own = vs.data_source(dv);
        w.field("data_source", own.empty() ? (ind && !ind->data_source.empty() ? std::optional<std::string>(ind->data_source) : std::nullopt)
                                           : std::optional<std::string>(std::string(own)));
    } else {
        w.field("note", nullptr);
        w.field("source", nullptr);
        w.field("data_source", nullptr);
    }
}

const TraceRead* operand_after(const TraceView& t, std::size_t k, OperandRole role) {
    for (std::size_t i = k + 1; i < t.reads.size() && t.reads[i].kind == ReadKind::Operand; ++i)
        if (t.reads[i].role() == role) return &t.reads[i];
    return nullptr;
}

void trace(JsonWriter& w, const ReportInput& in, const CompiledRule& rule, const TraceView& t, int decided,
           const IndicatorDef* ind) {
    auto input = [&](const char* key, const TraceRead* r) {
        if (!r) return;
        w.key(key);
        w.begin_object();
        eval_value(w, in, ind, r->value());
        w.end_object();
    };
    w.begin_array();
    for (const auto& c : t.clauses) {
        const Clause& cl = rule.ast.clauses[c.clause];
        w.begin_object();
        w.field("rule", rule.name.empty() ? std::string("egen regel") : rule.name);
        w.field("origin", rule_origin_word(rule.origin));
        w.field("clause", c.clause + 1);
        w.field("position", rule_position(in.sources, rule, cl.offset));
        w.field("text", clause_text(rule, c.clause));
        w.field("outcome", outcome_code(cl.outcome));
        w.field("result", tri_word(c.result));
        w.field("decided", static_cast<int>(c.clause) == decided);
        w.key("reads");
        w.begin_array();
        for (std::uint32_t k = c.first_read; k < c.first_read + c.read_count; ++k) {
            const TraceRead& r = t.reads[k];
            if (r.kind == ReadKind::Operand) continue;  // written with its comparison
            const Node& n = rule.ast.nodes[r.node];
            w.begin_object();
            switch (r.kind) {
                case ReadKind::Variable:
                    w.field("kind", "variabel");
                    w.field("name", var_name(static_cast<Var>(r.sym)));
                    break;
                case ReadKind::Function:
                    w.field("kind", "funktion");
                    w.field("name", func_name(static_cast<Func>(r.sym)));
                    break;
                case ReadKind::Quantifier:
                    w.field("kind", "kvantifierare");
                    w.field("name", fmt::format("{} {}", word_of(static_cast<QuantKind>(r.sym)).name, label_word(r.label)));
                    break;
                case ReadKind::Indicator:
                    w.field("kind", n.aux == kResultOf ? "resultat" : "indikator");
                    w.field("name", rule.ast.texts[n.text]);
                    break;
                case ReadKind::Straddle:
                    w.field("kind", "intervall över gränsen");
                    w.field("name", rule.source.substr(n.offset, n.length));
                    break;
                case ReadKind::Missing:
                    w.field("kind", "odefinierat");
                    w.field("name", rule.source.substr(n.offset, n.length));
                    break;
                case ReadKind::Compare:
                    w.field("kind", "jämförelse");
                    w.field("name", rule.source.substr(rule.ast.nodes[n.a].offset, rule.ast.nodes[n.b].offset + rule.ast.nodes[n.b].length -
                                                                                        rule.ast.nodes[n.a].offset));
                    break;
                case ReadKind::Operand: break;
            }
            // A comparison is where its left side starts, not at its sign.
            w.field("position", rule_position(in.sources, rule, r.kind == ReadKind::Compare ? rule.ast.nodes[n.a].offset : n.offset));
            const bool is_condition =
                r.kind == ReadKind::Indicator || r.kind == ReadKind::Straddle || r.kind == ReadKind::Compare ||
                (r.kind == ReadKind::Quantifier && word_of(static_cast<QuantKind>(r.sym)).type == WordType::Condition) ||
                (r.kind == ReadKind::Variable && word_of(static_cast<Var>(r.sym)).type == WordType::Condition) ||
                (r.kind == ReadKind::Function && word_of(static_cast<Func>(r.sym)).type == WordType::Condition);
            if (is_condition) w.field("truth", tri_word(r.truth));
            else w.field("truth", nullptr);
            if (r.kind == ReadKind::Quantifier) {
                w.field("count", r.count);
                w.field("of", t.reads[k + 1].count);  // the set it counted follows it
            }
            if (r.kind == ReadKind::Indicator) w.field("result", outcome_code(static_cast<Outcome>(static_cast<std::uint8_t>(r.label))));
            if (r.kind == ReadKind::Compare && k + 1 < c.first_read + c.read_count) {
                // Both sides of the comparison: the left one here, the right one from the Operand read.
                w.key("inputs");
                w.begin_object();
                w.key("vänster");
                w.begin_object();
                eval_value(w, in, ind, r.value());
                w.end_object();
                w.key("höger");
                w.begin_object();
                eval_value(w, in, ind, t.reads[k + 1].value());
                w.end_object();
                w.end_object();
            }
            if (ind && r.kind == ReadKind::Variable && is_condition) {
                // The inputs of a derived condition: what it compared, as recorded with it.
                w.key("inputs");
                w.begin_object();
                input("helårsvärde", &r);
                input("mål", operand_after(t, k, OperandRole::Bound));
                input("mål_övre", operand_after(t, k, OperandRole::UpperBound));
                input("föregående", operand_after(t, k, OperandRole::Previous));
                w.end_object();
            } else if (r.kind != ReadKind::Quantifier && r.kind != ReadKind::Indicator) {
                eval_value(w, in, ind, r.value());
                if (ind && r.kind == ReadKind::Variable && static_cast<Var>(r.sym) == Var::Framsteg) {
                    // What framsteg was computed from (docs/framsteg.md).
                    const TraceRead* bas = operand_after(t, k, OperandRole::Base);
                    const TraceRead* goal = operand_after(t, k, OperandRole::Goal);
                    w.key("inputs");
                    w.begin_object();
                    input("bas", bas);
                    w.field("basår", bas->count ? std::optional<int>(static_cast<int>(bas->count)) : std::nullopt);
                    input("helårsvärde", operand_after(t, k, OperandRole::Value));
                    input("mål", goal);
                    w.field("målår", goal->count);
                    w.end_object();
                }
            }
            w.end_object();
        }
        w.end_array();
        w.end_object();
    }
    w.end_array();
}

}  // namespace

void write_indicator_trace(JsonWriter& w, const ReportInput& in, const IndicatorAssessment& ia) {
    const Assessment& a = in.assessment;
    const CompiledRule& rule = a.model->rules[a.model->indicators[ia.def].rule];
    trace(w, in, rule, ia.trace, ia.run.clause, &a.file->indicators[ia.def]);
}

void write_goal_trace(JsonWriter& w, const ReportInput& in, const GoalAssessment& ga, GoalLevel level) {
    const Assessment& a = in.assessment;
    const CompiledGoal& cg = level == GoalLevel::Goal ? a.model->goals[ga.def]
                             : level == GoalLevel::MunicipalGoal ? a.model->municipal_goals[ga.def]
                                                                 : a.model->areas[ga.def];
    if (cg.rule == kNone || !ga.evaluated) {  // not judged, or nothing to judge from: no clause was tried
        w.begin_array();
        w.end_array();
        return;
    }
    trace(w, in, a.model->rules[cg.rule], ga.trace, ga.run.clause, nullptr);
}

void write_series_results(JsonWriter& w, const ReportInput& in, const IndicatorAssessment& ia) {
    const Assessment& a = in.assessment;
    const IndicatorDef& d = a.file->indicators[ia.def];
    w.begin_array();
    for (std::uint32_t k = 0; k < ia.series_count; ++k) {
        const IndicatorAssessment& s = a.series[ia.first_series + k];
        w.begin_object();
        w.field("series", d.judged_series[static_cast<std::size_t>(s.judged_series)]);
        // Never manual: the result is the rule's.
        if (a.judged) {
            w.field("result", outcome_code(s.result));
            w.field("level", level_code(*a.file, s.result, s.level));
            w.field("label", result_label(*a.file, s.result, s.level));
            w.field("rule_result", outcome_code(s.rule_result));
        } else {
            w.field("result", nullptr);
            w.field("level", nullptr);
            w.field("label", nullptr);
            w.field("rule_result", nullptr);
        }
        w.field("justification", indicator_justification(in, s).text());
        w.key("trace");
        write_indicator_trace(w, in, s);
        w.end_object();
    }
    w.end_array();
}

}  // namespace malkoll
