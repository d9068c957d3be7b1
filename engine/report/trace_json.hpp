// The one JSON form of a judgement's trace: used by the JSON report's
// "trace" and by `explain --format json`.
#pragma once
#include "engine/core/json_writer.hpp"
#include "engine/report/describe.hpp"

namespace malkoll {

void write_indicator_trace(JsonWriter& w, const ReportInput& in, const IndicatorAssessment& ia);
// `series_results`: the series judged apart (bedöm_serier), in `serier` order;
// an empty list without them.
void write_series_results(JsonWriter& w, const ReportInput& in, const IndicatorAssessment& ia);
void write_goal_trace(JsonWriter& w, const ReportInput& in, const GoalAssessment& ga, GoalLevel level = GoalLevel::Goal);

}  // namespace malkoll
