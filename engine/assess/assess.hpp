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

// The development of helårsvärde against föregående: oförändrat, else
// förbättrat, else försämrat where that condition is sant, else okänt.
Development development(const IndicatorFacts& f);

struct IndicatorAssessment {
    std::uint32_t def = 0;       // index in RuleFile::indicators
    // The indicator's own values, RuleFile::values[first, first + count), in
    // report order. The facts its rule read are not kept (600 bytes each for
    // 100 000 indicators): the trace holds every value a judgement used.
    const DataValue* values = nullptr;
    std::uint32_t first_value = 0, value_count = 0;
    RuleRun run;
    TraceView trace;             // into Assessment::traces
    // The value judged (helårsvärde; in a delår the forecast where there is
    // one) and whether it is the forecast: the reports show it whatever the rule read.
    TraceValue judged;
    bool on_forecast = false;
    // A target that names a value (`högst jämförelse`): its bounds for the
    // assessed period, index in Assessment::target_values; -1 for a target of numbers only.
    std::int32_t target_values = -1;
    Outcome rule_result = Outcome::EjBedomd;
    Outcome result = Outcome::EjBedomd;  // the manual judgement where there is one
    // With `skala`: the levels of rule_result and result (index in RuleFile::scale); kNoLevel without one.
    std::uint8_t rule_level = kNoLevel, level = kNoLevel;
    bool manual = false;
    Development development = Development::Okant;
    // The indicator's series judged apart (bedöm_serier): Assessment::series[first_series, + series_count).
    std::uint32_t first_series = 0, series_count = 0;
    // In Assessment::series: the index of its series in IndicatorDef::judged_series; -1 for the indicator's own.
    std::int32_t judged_series = -1;
};

// A nämndmål, or a judged kommunmål or målområde (docs/regelfil.md, Bedömda nivåer).
struct GoalAssessment {
    std::uint32_t def = 0;       // index in RuleFile::goals (municipal_goals, areas)
    bool judged = true;          // false: a kommunmål or målområde without id, a heading
    bool evaluated = false;      // false: no children (and no `bedömning` of a nämndmål), the rule was not run
    RuleRun run;
    TraceView trace;             // into Assessment::traces
    Outcome rule_result = Outcome::EjBedomd;
    Outcome result = Outcome::EjBedomd;
    std::uint8_t rule_level = kNoLevel, level = kNoLevel;  // with `skala`, as for an indicator
    bool manual = false;
    std::vector<Outcome> inputs;  // the children's final results, in order
    std::vector<std::uint8_t> input_levels;  // with `skala`: their levels (empty without one)
};

struct Counts {
    std::uint32_t by_outcome[4] = {0, 0, 0, 0};  // indexed by Outcome
};

struct Assessment {
    const RuleFile* file = nullptr;
    const Model* model = nullptr;
    bool judged = true;          // false for `rapport: budget`: a plan, no judgements
    std::vector<IndicatorAssessment> indicators;  // parallel to RuleFile::indicators
    // Series judged apart, per indicator in `serier` order (IndicatorAssessment::first_series):
    // judged as the indicator, never manual, never seen by a goal's rule.
    std::vector<IndicatorAssessment> series;
    std::vector<GoalAssessment> goals;            // parallel to RuleFile::goals
    std::vector<GoalAssessment> municipal_goals;  // parallel to RuleFile::municipal_goals
    std::vector<GoalAssessment> areas;            // parallel to RuleFile::areas
    Counts goal_counts, indicator_counts, municipal_counts, area_counts;  // judged ones only
    std::uint32_t manual_deviations = 0;
    Trace traces;                // every judgement's trace, each kept where it was recorded
    std::vector<std::pair<TraceValue, TraceValue>> target_values;  // see IndicatorAssessment::target_values
    // A roll-up: each nämnd assessed on its own (Model::committees order). The
    // roll-up's goal and indicator counts and manual deviations include theirs.
    std::vector<Assessment> committees;

    // Move-only: the traces view into `traces`, whose blocks a move keeps in place but a copy would not.
    Assessment() = default;
    Assessment(Assessment&&) = default;
    Assessment& operator=(Assessment&&) = default;
    Assessment(const Assessment&) = delete;
    Assessment& operator=(const Assessment&) = delete;
};

// Builds what an indicator's rule reads from the data (docs/regelspråk.md).
IndicatorFacts gather_facts(const RuleFile& file, const CompiledIndicator& ci, std::uint32_t indicator);
// The same, given the indicator's values: RuleFile::values[first, first + count)
// (values are sorted by indicator, so assess finds every range in one pass).
// `series`: a series judged apart (bedöm_serier) read in the main series' place.
IndicatorFacts gather_facts(const RuleFile& file, const CompiledIndicator& ci, std::uint32_t indicator,
                            std::size_t first, std::size_t count, SeriesId series = 0);
// The same into `f`, every field set: one IndicatorFacts (624 bytes) reused
// for a whole file instead of one made per indicator.
void gather_facts(IndicatorFacts& f, const RuleFile& file, const CompiledIndicator& ci, std::uint32_t indicator,
                  std::size_t first, std::size_t count, SeriesId series = 0);

// A roll-up assesses each of its nämnder first, then its own levels.
Assessment assess(const Model& model);

// An indicator's target for the assessed period: its kind and bounds — the
// numbers as written, or the values a bound named (`högst jämförelse`) as
// the assessment found them. x and y are missing (Absent) where there is none.
struct TargetBounds {
    TargetKind kind = TargetKind::None;
    EvalValue x, y;
};
TargetBounds target_bounds(const Assessment& a, std::uint32_t indicator);

}  // namespace malkoll
