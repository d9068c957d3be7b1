#include <algorithm>
#include <cmath>

#include "engine/assess/assess.hpp"
#include "engine/core/text.hpp"

namespace malkoll {

namespace {

double mid(const EvalValue& v) { return (v.lo.v + v.hi.v) / 2; }

struct ByIndicator {
    bool operator()(const DataValue& v, std::uint32_t i) const { return v.indicator < i; }
    bool operator()(std::uint32_t i, const DataValue& v) const { return i < v.indicator; }
};

}  // namespace

IndicatorFacts gather_facts(const RuleFile& file, const CompiledIndicator& ci, std::uint32_t indicator) {
    // Values are sorted by indicator: find this one's range.
    auto range = std::equal_range(file.values.begin(), file.values.end(), indicator, ByIndicator{});
    return gather_facts(file, ci, indicator, static_cast<std::size_t>(range.first - file.values.begin()),
                        static_cast<std::size_t>(range.second - range.first));
}

IndicatorFacts gather_facts(const RuleFile& file, const CompiledIndicator& ci, std::uint32_t indicator,
                            std::size_t first, std::size_t count, SeriesId series) {
    IndicatorFacts f;
    gather_facts(f, file, ci, indicator, first, count, series);
    return f;
}

void gather_facts(IndicatorFacts& f, const RuleFile& file, const CompiledIndicator& ci, std::uint32_t indicator,
                  std::size_t first, std::size_t count, SeriesId series) {
    // Every field is set: `f` is reused from one indicator to the next.
    f.basar = 0;
    f.framsteg_gap = FramstegGap::NoValue;
    f.progress_goal = EvalValue{};
    f.progress_year = 0;
    f.year = file.year;
    f.period = file.period;
    f.direction = ci.direction;
    f.tolerance = ci.tolerance;
    f.series_break = ci.series_break;
    f.all_values = file.values.data();
    f.store = &file.values;
    f.values = file.values.data() + first;
    f.value_count = static_cast<std::uint32_t>(count);
    f.series = series;

    // värde, föregående and prognos in one pass over the indicator's values:
    // the first value of each (period, series), as value_at finds it.
    const Period prev{file.year - 1, 0}, year{file.year, 0};
    const std::optional<SeriesId> forecast = file.values.forecast_series();
    const DataValue *now = nullptr, *before = nullptr, *ahead = nullptr;
    for (std::uint32_t i = 0; i < f.value_count; ++i) {
        const DataValue& dv = f.values[i];
        if (dv.series == series) {
            if (!now && dv.period == file.period) now = &dv;
            if (!before && dv.period == prev) before = &dv;
        }
        if (!ahead && forecast && dv.series == *forecast && dv.period == year) ahead = &dv;
    }
    f.varde = now ? from_data(f, *now) : EvalValue::missing(Missing::Absent, file.period);
    if (f.series_break && prev.year < f.series_break) f.foregaende = EvalValue::missing(Missing::BeforeBreak, prev);
    else f.foregaende = before ? from_data(f, *before) : EvalValue::missing(Missing::Absent, prev);
    f.prognos = ahead ? from_data(f, *ahead) : EvalValue::missing(Missing::Absent, year);
    if (file.kind == ReportKind::Delar && series != 0) {
        // A series judged apart has no forecast of its own: its value at `period`, none for an ackumulerad one.
        f.helarsvarde = ci.accumulated ? EvalValue::missing(Missing::NoForecast, Period{file.year, 0}) : f.varde;
    } else if (file.kind == ReportKind::Delar) {
        if (!f.prognos.is_missing()) f.helarsvarde = f.prognos;
        else if (ci.accumulated)
            // A forecast row marked missing keeps its note and line; none at all is "ingen prognos" for the year.
            f.helarsvarde = f.prognos.source >= 0 ? f.prognos : EvalValue::missing(Missing::NoForecast, Period{file.year, 0});
        else f.helarsvarde = f.varde;
    } else {
        f.helarsvarde = f.varde;
    }
    f.jamforelse = !ci.compares ? EvalValue::missing(Missing::Absent, file.period)
                                : value_at(f, file.values.find_series(file.indicators[indicator].comparison), file.period);

    // bas, basår and trend: full-year values of the main series from the break
    // on; framsteg from them below. Only where something reads them
    // (CompiledIndicator::reads_history): a pass over the values and two pow.
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    int n = 0;
    f.bas = EvalValue::missing(Missing::Absent);
    for (std::uint32_t i = 0; ci.reads_history && i < f.value_count; ++i) {
        const DataValue& dv = f.values[i];
        if (dv.period.month != 0 || dv.series != series) continue;  // full years of the series read only
        if (dv.period.key() > file.period.key() || (f.series_break && dv.period.year < f.series_break)) continue;
        if (dv.is_missing()) continue;
        EvalValue v = value_at(f, series, dv.period);
        if (f.bas.is_missing() || dv.period.year < f.basar) {
            f.bas = v;
            f.basar = dv.period.year;
        }
        double x = dv.period.year, y = mid(v);
        sx += x; sy += y; sxx += x * x; sxy += x * y; ++n;
    }
    if (n >= 2 && n * sxx - sx * sx != 0)
        f.trend = EvalValue::number(Decimal{(n * sxy - sx * sy) / (n * sxx - sx * sx), -1});
    else
        f.trend = EvalValue::missing(f.series_break ? Missing::BeforeBreak : Missing::Absent);

    // The target's bounds.
    f.target = ci.target->target;
    if (f.target != TargetKind::None) {
        f.target_x = eval_target_bound(*ci.target, ci.target->target_x, f);
        f.target_y = eval_target_bound(*ci.target, ci.target->target_y, f);
    } else {
        f.target_x = f.target_y = EvalValue::missing(Missing::Absent);
    }

    // framsteg (Eurostat): actual CAGR from bas to helårsvärde over the
    // required CAGR from bas to the target by målår, in %.
    f.framsteg = EvalValue::missing(Missing::Undefined);
    if (!ci.reads_history) return;
    const EvalValue& v = f.helarsvarde;
    // With `mål` per year, framsteg aims at the target for `målår`.
    EvalValue goal = f.target_x;
    if (ci.progress_target->target != TargetKind::None)
        goal = eval_target_bound(*ci.progress_target, ci.progress_target->target_x, f);
    if (ci.progress_target->target == TargetKind::Between || f.target == TargetKind::Between)
        goal = EvalValue::missing(Missing::Undefined);  // two bounds: no single target to progress towards
    f.progress_goal = goal;
    f.progress_year = ci.target_year;
    using G = FramstegGap;
    const bool between = ci.progress_target->target == TargetKind::Between || f.target == TargetKind::Between;
    f.framsteg_gap = v.is_missing()                                                   ? G::NoValue
                     : f.bas.is_missing()                                             ? G::NoBase
                     : between                                                        ? G::TwoBounds
                     : goal.is_missing() && f.target == TargetKind::None && goal.why == Missing::Absent ? G::NoTarget
                     : goal.is_missing()                                              ? G::TargetMissing
                     : f.bas.kind != ValueKind::Number                                ? G::BaseInterval
                     : v.kind != ValueKind::Number                                    ? G::ValueInterval
                     : goal.kind != ValueKind::Number                                 ? G::TargetInterval
                     : f.bas.lo.v <= 0                                                ? G::BaseNotPositive
                     : v.lo.v <= 0                                                    ? G::ValueNotPositive
                     : goal.lo.v <= 0                                                 ? G::TargetNotPositive
                     : dec_compare(f.bas.lo, goal.lo) == 0                            ? G::BaseIsTarget
                     : file.year <= f.basar                                           ? G::NoTimeYet
                     : ci.target_year <= f.basar                                      ? G::TargetYearNotAfter
                                                                                      : G::None;
    if (f.framsteg_gap == G::None) {
        double actual = std::pow(v.lo.v / f.bas.lo.v, 1.0 / (file.year - f.basar)) - 1;
        double required = std::pow(goal.lo.v / f.bas.lo.v, 1.0 / (ci.target_year - f.basar)) - 1;
        // bas ≠ mål, but a ratio within rounding of 1 can still need no change.
        if (required != 0) f.framsteg = EvalValue::number(Decimal{actual / required * 100.0, -1});
        else f.framsteg_gap = G::BaseIsTarget;
    }
}

}  // namespace malkoll
