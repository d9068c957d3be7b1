#include "engine/assess/assess.hpp"

namespace malkoll {

Assessment assess(const Model& model) {
    const RuleFile& file = *model.file;
    Assessment a;
    a.file = &file;
    a.model = &model;
    a.judged = file.kind != ReportKind::Budget;

    a.indicators.resize(file.indicators.size());
    std::size_t next_value = 0;  // values are sorted by indicator: each one's range in one pass
    for (std::uint32_t i = 0; i < file.indicators.size(); ++i) {
        IndicatorAssessment& ia = a.indicators[i];
        const IndicatorDef& def = file.indicators[i];
        const CompiledIndicator& ci = model.indicators[i];
        ia.def = i;
        while (next_value < file.values.size() && file.values[next_value].indicator < i) ++next_value;
        std::size_t first = next_value;
        while (next_value < file.values.size() && file.values[next_value].indicator == i) ++next_value;
        ia.facts = gather_facts(file, ci, i, first, next_value - first);
        if (a.judged) {
            const CompiledRule& rule = model.rules[ci.rule];
            ia.run = run_indicator_rule<true>(rule.ast, ia.facts, &ia.trace);
            ia.rule_result = ia.run.outcome;
            if (ia.run.clause >= 0 && !rule.templates.empty())
                for (const auto& part : rule.templates[static_cast<std::size_t>(ia.run.clause)])
                    if (part.is_expression) ia.trace.template_values.push_back(eval_indicator_expression(part.expression, ia.facts));
        }
        ia.result = ia.rule_result;
        if (def.manual && a.judged) {
            ia.manual = true;
            ia.result = def.manual->outcome;
            if (ia.result != ia.rule_result) ++a.manual_deviations;
        }
        if (a.judged) ++a.indicator_counts.by_outcome[static_cast<int>(ia.result)];
    }

    a.goals.resize(file.goals.size());
    std::vector<Decimal> weights;
    std::vector<const std::string*> ids;
    for (std::uint32_t g = 0; g < file.goals.size(); ++g) {
        GoalAssessment& ga = a.goals[g];
        const GoalDef& def = file.goals[g];
        ga.def = g;
        weights.clear();
        ids.clear();
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
            ga.run = run_goal_rule<true>(rule.ast, gf, &ga.trace);
            ga.rule_result = ga.run.outcome;
            if (ga.run.clause >= 0 && !rule.templates.empty())
                for (const auto& part : rule.templates[static_cast<std::size_t>(ga.run.clause)])
                    if (part.is_expression) ga.trace.template_values.push_back(eval_goal_expression(part.expression, gf));
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

}  // namespace malkoll
