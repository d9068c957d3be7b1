// Judging: every indicator by its rule, then every goal by its rule over the
// indicators' final results. Records a trace for each judgement.
#pragma once
#include <cstdint>
#include <vector>

#include "engine/compile/model.hpp"
#include "engine/eval/eval.hpp"

namespace malkoll {

// How the value moved against the previous year, in the desired direction
// (docs/regelspråk.md: förbättrat, oförändrat, försämrat); Okant when a value
// is missing or the change cannot be told.
enum class Development : std::uint8_t { Okant, Forbattrat, Oforandrat, Forsamrat };

struct IndicatorAssessment {
    std::uint32_t def = 0;       // index in RuleFile::indicators
    // The indicator's own values, RuleFile::values[first, first + count), in
    // report order. What its rule read is gathered again by facts_of: an
    // assessment of 100 000 indicators does not keep 600 bytes of facts each.
    const DataValue* values = nullptr;
    std::uint32_t first_value = 0, value_count = 0;
    RuleRun run;
    Trace trace;
    Outcome rule_result = Outcome::EjBedomd;
    Outcome result = Outcome::EjBedomd;  // the manual judgement where there is one
    bool manual = false;
    Development development = Development::Okant;
};

struct GoalAssessment {
    std::uint32_t def = 0;       // index in RuleFile::goals
    bool evaluated = false;      // false: no indicators, the rule was not run
    RuleRun run;
    Trace trace;
    Outcome rule_result = Outcome::EjBedomd;
    Outcome result = Outcome::EjBedomd;
    bool manual = false;
    std::vector<Outcome> inputs;  // the indicators' final results, in order
};

struct Counts {
    std::uint32_t by_outcome[4] = {0, 0, 0, 0};  // indexed by Outcome
};

struct Assessment {
    const RuleFile* file = nullptr;
    const Model* model = nullptr;
    bool judged = true;          // false for `rapport: budget`: a plan, no judgements
    std::vector<IndicatorAssessment> indicators;  // parallel to RuleFile::indicators
    std::vector<GoalAssessment> goals;            // parallel to RuleFile::goals
    Counts goal_counts, indicator_counts;
    std::uint32_t manual_deviations = 0;
};

// Builds what an indicator's rule reads from the data (docs/regelspråk.md).
IndicatorFacts gather_facts(const RuleFile& file, const CompiledIndicator& ci, std::uint32_t indicator);
// The same, given the indicator's values: RuleFile::values[first, first + count)
// (values are sorted by indicator, so assess finds every range in one pass).
IndicatorFacts gather_facts(const RuleFile& file, const CompiledIndicator& ci, std::uint32_t indicator,
                            std::size_t first, std::size_t count);

Assessment assess(const Model& model);

// What the indicator's rule read (the same facts the assessment judged on).
IndicatorFacts facts_of(const Assessment& a, std::uint32_t indicator);

}  // namespace malkoll
