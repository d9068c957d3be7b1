#include "engine/assess/assess.hpp"

namespace malkoll {

namespace {

bool names_a_value(const Ast& target) {
    auto literal = [&](std::uint32_t n) { return n == kNone || target.nodes[n].kind == NodeKind::Number; };
    return target.target != TargetKind::None && target.target_x != kNone && !(literal(target.target_x) && literal(target.target_y));
}

}  // namespace

Assessment assess(const Model& model) {
    const RuleFile& file = *model.file;
    Assessment a;
    a.file = &file;
    a.model = &model;
    a.judged = file.kind != ReportKind::Budget;

    a.indicators.resize(file.indicators.size());
    a.goals.resize(file.goals.size());
    // Each judgement is recorded into one reused trace, then kept in the arena.
    Trace scratch;
    std::size_t next_value = 0;  // values are sorted by indicator: each one's range in one pass
    for (std::uint32_t i = 0; i < file.indicators.size(); ++i) {
        IndicatorAssessment& ia = a.indicators[i];
        const IndicatorDef& def = file.indicators[i];
        const CompiledIndicator& ci = model.indicators[i];
        ia.def = i;
        while (next_value < file.values.size() && file.values[next_value].indicator < i) ++next_value;
        std::size_t first = next_value;
        while (next_value < file.values.size() && file.values[next_value].indicator == i) ++next_value;
        ia.first_value = static_cast<std::uint32_t>(first);
        ia.value_count = static_cast<std::uint32_t>(next_value - first);
        ia.values = file.values.data() + first;
        const IndicatorFacts facts = gather_facts(file, ci, i, first, next_value - first);
        ia.judged = facts.helarsvarde;
        ia.on_forecast = file.kind == ReportKind::Delar && facts.prognos.source >= 0 && facts.helarsvarde.source == facts.prognos.source;
        if (names_a_value(*ci.target)) {
            ia.target_values = static_cast<std::int32_t>(a.target_values.size());
            a.target_values.emplace_back(facts.target_x, facts.target_y);
        }
        ia.development = unchanged(facts) == Tri::Sant  ? Development::Oforandrat
                         : improved(facts) == Tri::Sant ? Development::Forbattrat
                         : worsened(facts) == Tri::Sant ? Development::Forsamrat
                                                        : Development::Okant;
        if (a.judged) {
            const CompiledRule& rule = model.rules[ci.rule];
            ia.run = run_indicator_rule<true>(rule.ast, facts, &scratch);
            ia.rule_result = ia.run.outcome;
            if (ia.run.clause >= 0 && !rule.templates.empty())
                for (const auto& part : rule.templates[static_cast<std::size_t>(ia.run.clause)])
                    if (part.is_expression) eval_indicator_expression<true>(part.expression, facts, &scratch);
            ia.trace = a.arena.keep(scratch);
            scratch.clear();
        }
        ia.result = ia.rule_result;
        if (def.manual && a.judged) {
            ia.manual = true;
            ia.result = def.manual->outcome;
            if (ia.result != ia.rule_result) ++a.manual_deviations;
        }
        if (a.judged) ++a.indicator_counts.by_outcome[static_cast<int>(ia.result)];
    }

    std::vector<Decimal> weights;
    std::vector<const std::string*> ids;
    for (std::uint32_t g = 0; g < file.goals.size(); ++g) {
        GoalAssessment& ga = a.goals[g];
        const GoalDef& def = file.goals[g];
        ga.def = g;
        weights.clear();
        ids.clear();
        ga.inputs.reserve(def.indicators.size());
        for (std::uint32_t k : def.indicators) {
            ga.inputs.push_back(a.indicators[k].result);
            weights.push_back(file.indicators[k].weight);
            ids.push_back(&file.indicators[k].id);
        }
        // A goal without indicators is not evaluated: ej bedömd unless judged manually.
        ga.evaluated = a.judged && !def.indicators.empty();
        if (ga.evaluated) {
            GoalFacts gf{ga.inputs.data(), weights.data(), ids.data(), static_cast<std::uint32_t>(ga.inputs.size())};
            const CompiledRule& rule = model.rules[model.goals[g].rule];
            ga.run = run_goal_rule<true>(rule.ast, gf, &scratch);
            ga.rule_result = ga.run.outcome;
            if (ga.run.clause >= 0 && !rule.templates.empty())
                for (const auto& part : rule.templates[static_cast<std::size_t>(ga.run.clause)])
                    if (part.is_expression) eval_goal_expression<true>(part.expression, gf, &scratch);
            ga.trace = a.arena.keep(scratch);
            scratch.clear();
        }
        ga.result = ga.rule_result;
        if (def.manual && a.judged) {
            ga.manual = true;
            ga.result = def.manual->outcome;
            if (ga.evaluated && ga.result != ga.rule_result) ++a.manual_deviations;
        }
        if (a.judged) ++a.goal_counts.by_outcome[static_cast<int>(ga.result)];
    }

    return a;
}

TargetBounds target_bounds(const Assessment& a, std::uint32_t indicator) {
    const IndicatorAssessment& ia = a.indicators[indicator];
    const Ast& t = *a.model->indicators[indicator].target;
    TargetBounds b;
    b.kind = t.target;
    b.x = b.y = EvalValue::missing(Missing::Absent);
    if (b.kind == TargetKind::None) return b;
    if (ia.target_values >= 0) {
        const auto& [x, y] = a.target_values[static_cast<std::size_t>(ia.target_values)];
        b.x = x.value();
        b.y = y.value();
        return b;
    }
    if (t.target_x != kNone) b.x = EvalValue::number(t.nodes[t.target_x].num);
    if (t.target_y != kNone) b.y = EvalValue::number(t.nodes[t.target_y].num);
    return b;
}

}  // namespace malkoll
