#include "engine/assess/assess.hpp"

#include <cmath>

namespace malkoll {

namespace {

bool names_a_value(const Ast& target) {
    auto literal = [&](std::uint32_t n) { return n == kNone || target.nodes[n].kind == NodeKind::Number; };
    return target.target != TargetKind::None && target.target_x != kNone && !(literal(target.target_x) && literal(target.target_y));
}

}  // namespace

Development development(const IndicatorFacts& f) {
    const EvalValue &v = f.helarsvarde, &p = f.foregaende;
    // Two numbers as written and no tolerance (the usual case): the three
    // conditions come down to comparing two doubles, as they decide there.
    if (v.kind == ValueKind::Number && p.kind == ValueKind::Number && f.tolerance.v == 0 &&
        (v.lo.decimals | p.lo.decimals | f.tolerance.decimals) >= 0 && std::isfinite(v.lo.v - p.lo.v)) {
        if (v.lo.v == p.lo.v) return Development::Oforandrat;
        if (f.direction == Direction::Bibehalla) return Development::Forsamrat;
        return (v.lo.v > p.lo.v) == (f.direction == Direction::Oka) ? Development::Forbattrat : Development::Forsamrat;
    }
    return unchanged(f) == Tri::Sant  ? Development::Oforandrat
           : improved(f) == Tri::Sant ? Development::Forbattrat
           : worsened(f) == Tri::Sant ? Development::Forsamrat
                                      : Development::Okant;
}

Assessment assess(const Model& model) {
    const RuleFile& file = *model.file;
    Assessment a;
    a.file = &file;
    a.model = &model;
    a.judged = file.kind != ReportKind::Budget;
    // A roll-up's nämnder, each judged as on its own; what resultat(NÄMND/ID) reads.
    std::vector<std::vector<Outcome>> committee_outcomes;
    std::vector<const Outcome*> committee_kinds;
    std::vector<const Outcome* const*> committee_finals;
    std::vector<std::vector<std::uint8_t>> committee_levels;
    std::vector<const std::uint8_t*> committee_level_kinds;
    std::vector<const std::uint8_t* const*> committee_final_levels;
    a.committees.reserve(model.committees.size());
    for (const Model* cm : model.committees) {
        Assessment& c = a.committees.emplace_back(assess(*cm));
        for (int k = 0; k < 4; ++k) {
            a.goal_counts.by_outcome[k] += c.goal_counts.by_outcome[k];
            a.indicator_counts.by_outcome[k] += c.indicator_counts.by_outcome[k];
        }
        a.manual_deviations += c.manual_deviations;
        committee_outcomes.emplace_back();
        committee_levels.emplace_back();
        for (const auto& x : c.indicators) committee_outcomes.back().push_back(x.result), committee_levels.back().push_back(x.level);
        for (const auto* level : {&c.goals, &c.municipal_goals, &c.areas}) {
            committee_outcomes.emplace_back();
            committee_levels.emplace_back();
            for (const auto& x : *level) committee_outcomes.back().push_back(x.result), committee_levels.back().push_back(x.level);
        }
    }
    for (const auto& v : committee_outcomes) committee_kinds.push_back(v.data());
    for (const auto& v : committee_levels) committee_level_kinds.push_back(v.data());
    for (std::size_t c = 0; c < a.committees.size(); ++c) {
        committee_finals.push_back(committee_kinds.data() + 4 * c);
        committee_final_levels.push_back(committee_level_kinds.data() + 4 * c);
    }
    const bool scaled = !file.scale.empty();

    // Each made where it stays (reserved, then appended): one pass over
    // their memory, not a clearing pass and a second. Each judgement is
    // recorded straight into the assessment's traces and kept there.
    a.indicators.reserve(file.indicators.size());
    IndicatorFacts facts;  // reused: gather_facts sets every field
    std::size_t next_value = 0;  // values are sorted by indicator: each one's range in one pass
    for (std::uint32_t i = 0; i < file.indicators.size(); ++i) {
        IndicatorAssessment& ia = a.indicators.emplace_back();
        // What a judgement reads of the definition is in `ci`; the
        // definition itself (IndicatorDef, 856 bytes) only where more is needed.
        const CompiledIndicator& ci = model.indicators[i];
        ia.def = i;
        while (next_value < file.values.size() && file.values[next_value].indicator < i) ++next_value;
        std::size_t first = next_value;
        while (next_value < file.values.size() && file.values[next_value].indicator == i) ++next_value;
        ia.first_value = static_cast<std::uint32_t>(first);
        ia.value_count = static_cast<std::uint32_t>(next_value - first);
        ia.values = file.values.data() + first;
        // The indicator as judged on one series: its main series, or one judged apart.
        auto judge = [&](IndicatorAssessment& x, SeriesId series) {
            gather_facts(facts, file, ci, i, first, next_value - first, series);
            x.judged = facts.helarsvarde;
            x.on_forecast = file.kind == ReportKind::Delar && facts.prognos.source >= 0 && facts.helarsvarde.source == facts.prognos.source;
            if (names_a_value(*ci.target)) {
                x.target_values = static_cast<std::int32_t>(a.target_values.size());
                a.target_values.emplace_back(facts.target_x, facts.target_y);
            }
            x.development = development(facts);
            if (a.judged) {
                const CompiledRule& rule = model.rules[ci.rule];
                x.run = run_indicator_rule<true>(rule.ast, facts, &a.traces);
                x.rule_result = x.run.outcome;
                x.rule_level = file.level_of(x.rule_result, x.run.level);
                if (x.run.clause >= 0 && !rule.templates.empty())
                    for (const auto& part : rule.templates[static_cast<std::size_t>(x.run.clause)])
                        if (part.is_expression) eval_indicator_expression<true>(part.expression, facts, &a.traces);
                x.trace = a.traces.keep();
            }
            x.result = x.rule_result;
            x.level = x.rule_level;
        };
        judge(ia, 0);
        ia.first_series = static_cast<std::uint32_t>(a.series.size());
        ia.series_count = ci.judged_series;
        for (std::size_t k = 0; k < ci.judged_series; ++k) {
            IndicatorAssessment& s = a.series.emplace_back();
            s.def = i;
            s.first_value = ia.first_value;
            s.value_count = ia.value_count;
            s.values = ia.values;
            s.judged_series = static_cast<std::int32_t>(k);
            // A series without any value reads as one that has none: every value missing.
            judge(s, file.values.find_series(file.indicators[i].judged_series[k]).value_or(kNoSeries));
        }
        if (ci.manual && a.judged) {
            const ManualJudgement& m = *file.indicators[i].manual;
            ia.manual = true;
            ia.result = m.outcome;
            ia.level = m.level;
            // With a scale a different level is a deviation, not only a different result.
            if (ia.result != ia.rule_result || ia.level != ia.rule_level) ++a.manual_deviations;
        }
        if (a.judged) ++a.indicator_counts.by_outcome[static_cast<int>(ia.result)];
    }

    // Every goal in the order the model gives: what a goal reads is judged before it.
    a.goals.resize(file.goals.size());
    a.municipal_goals.resize(file.municipal_goals.size());
    a.areas.resize(file.areas.size());
    std::vector<Outcome> finals[4] = {std::vector<Outcome>(file.indicators.size()), std::vector<Outcome>(file.goals.size(), Outcome::EjBedomd),
                                      std::vector<Outcome>(file.municipal_goals.size(), Outcome::EjBedomd),
                                      std::vector<Outcome>(file.areas.size(), Outcome::EjBedomd)};
    for (std::size_t i = 0; i < a.indicators.size(); ++i) finals[0][i] = a.indicators[i].result;
    const Outcome* final_results[4] = {finals[0].data(), finals[1].data(), finals[2].data(), finals[3].data()};
    std::vector<std::uint8_t> levels[4] = {std::vector<std::uint8_t>(file.indicators.size()), std::vector<std::uint8_t>(file.goals.size(), kNoLevel),
                                           std::vector<std::uint8_t>(file.municipal_goals.size(), kNoLevel),
                                           std::vector<std::uint8_t>(file.areas.size(), kNoLevel)};
    for (std::size_t i = 0; i < a.indicators.size(); ++i) levels[0][i] = a.indicators[i].level;
    const std::uint8_t* final_levels[4] = {levels[0].data(), levels[1].data(), levels[2].data(), levels[3].data()};
    for (std::uint32_t k = 0; k < file.municipal_goals.size(); ++k) {
        a.municipal_goals[k].def = k;
        a.municipal_goals[k].judged = file.municipal_goals[k].judged();
    }
    for (std::uint32_t k = 0; k < file.areas.size(); ++k) {
        a.areas[k].def = k;
        a.areas[k].judged = file.areas[k].judged();
    }
    std::vector<Decimal> weights;
    std::vector<const std::string*> ids;
    for (const GoalRef ref : model.goal_order) {
        GoalAssessment& ga = ref.level == GoalLevel::Goal ? a.goals[ref.index]
                             : ref.level == GoalLevel::MunicipalGoal ? a.municipal_goals[ref.index]
                                                                     : a.areas[ref.index];
        ga.def = ref.index;
        weights.clear();
        ids.clear();
        bool unit_weights = true;
        auto child = [&](Outcome o, std::uint8_t level, Decimal weight, const std::string& id) {
            ga.inputs.push_back(o);
            if (scaled) ga.input_levels.push_back(level);  // levels only with `skala`: no second allocation without one
            weights.push_back(weight);
            unit_weights = unit_weights && weight.v == 1 && weight.decimals == 0;
            ids.push_back(&id);
        };
        const std::optional<ManualJudgement>* manual = nullptr;
        std::uint32_t rule = kNone;
        bool has_rule = false;
        switch (ref.level) {
            case GoalLevel::Goal: {
                const GoalDef& def = file.goals[ref.index];
                ga.inputs.reserve(def.indicators.size());
                for (std::uint32_t k : def.indicators) child(a.indicators[k].result, a.indicators[k].level, model.indicators[k].weight, file.indicators[k].id);
                manual = &def.manual;
                rule = model.goals[ref.index].rule;
                has_rule = def.rule.present;
                break;
            }
            case GoalLevel::MunicipalGoal: {
                const LevelDef& def = file.municipal_goals[ref.index];
                for (std::uint32_t g : def.goals) child(finals[1][g], levels[1][g], file.goals[g].weight, file.goals[g].id);
                if (ref.index < model.municipal_children.size())
                    for (const CommitteeGoal& cg : model.municipal_children[ref.index]) {
                        const GoalAssessment& cga = a.committees[cg.committee].goals[cg.goal];
                        child(cga.result, cga.level, model.committees[cg.committee]->file->goals[cg.goal].weight, cg.ref);
                    }
                manual = &def.manual;
                rule = model.municipal_goals[ref.index].rule;
                break;
            }
            case GoalLevel::Area: {
                const LevelDef& def = file.areas[ref.index];
                for (std::uint32_t k : def.municipal_goals)
                    child(finals[2][k], levels[2][k], file.municipal_goals[k].weight, file.municipal_goals[k].id);
                for (std::uint32_t g : def.goals) child(finals[1][g], levels[1][g], file.goals[g].weight, file.goals[g].id);
                manual = &def.manual;
                rule = model.areas[ref.index].rule;
                break;
            }
        }
        // A goal without children is not evaluated (ej bedömd unless judged manually) — except a
        // nämndmål with a `bedömning` of its own, which may read resultat(…).
        ga.evaluated = a.judged && rule != kNone && (!ga.inputs.empty() || (ref.level == GoalLevel::Goal && has_rule));
        if (ga.evaluated) {
            GoalFacts gf{ga.inputs.data(), weights.data(), ids.data(), static_cast<std::uint32_t>(ga.inputs.size()), final_results,
                         committee_finals.empty() ? nullptr : committee_finals.data()};
            gf.unit_weights = unit_weights;
            if (scaled) {
                gf.levels = ga.input_levels.data();
                gf.final_levels = final_levels;
                gf.committee_final_levels = committee_final_levels.empty() ? nullptr : committee_final_levels.data();
            }
            const CompiledRule& r = model.rules[rule];
            ga.run = run_goal_rule<true>(r.ast, gf, &a.traces);
            ga.rule_result = ga.run.outcome;
            ga.rule_level = file.level_of(ga.rule_result, ga.run.level);
            if (ga.run.clause >= 0 && !r.templates.empty())
                for (const auto& part : r.templates[static_cast<std::size_t>(ga.run.clause)])
                    if (part.is_expression) eval_goal_expression<true>(part.expression, gf, &a.traces);
            ga.trace = a.traces.keep();
        }
        if (!ga.evaluated) ga.rule_level = file.level_of(ga.rule_result, kNoLevel);
        ga.result = ga.rule_result;
        ga.level = ga.rule_level;
        if (*manual && a.judged) {
            ga.manual = true;
            ga.result = (*manual)->outcome;
            ga.level = (*manual)->level;
            if (ga.evaluated && (ga.result != ga.rule_result || ga.level != ga.rule_level)) ++a.manual_deviations;
        }
        finals[1 + static_cast<int>(ref.level)][ref.index] = ga.result;
        levels[1 + static_cast<int>(ref.level)][ref.index] = ga.level;
        if (a.judged) {
            Counts& c = ref.level == GoalLevel::Goal ? a.goal_counts : ref.level == GoalLevel::MunicipalGoal ? a.municipal_counts : a.area_counts;
            ++c.by_outcome[static_cast<int>(ga.result)];
        }
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
