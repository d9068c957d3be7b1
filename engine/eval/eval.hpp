// Evaluation of a compiled rule with three-valued logic (docs/regelspråk.md).
// The evaluator never formats text: with recording on it writes what
// happened — each clause, sant/falskt/okänt, each value read with its source —
// into a Trace, from which justifications, `explain` and reports render.
// With recording off (the template parameter) it allocates nothing.
#pragma once
#include <cstdint>
#include <vector>

#include "engine/compile/model.hpp"
#include "engine/core/value.hpp"
#include "grammar/ast.hpp"

namespace malkoll {

enum class Tri : std::uint8_t { Falskt, Sant, Okant };
const char* tri_word(Tri t);  // sant, falskt, okänt

// Why a value is missing.
enum class Missing : std::uint8_t {
    None,        // not missing
    Absent,      // no value given: "saknas"
    Marked,      // given as missing (i.u. …); the note is the data value's
    NoForecast,  // ackumulerad in a delår without prognos: "ingen prognos"
    BeforeBreak, // would need a value from before `serieavbrott`
    Undefined,   // arithmetic had no answer (division by an interval containing 0 …)
};

struct EvalValue {
    ValueKind kind = ValueKind::Missing;
    Missing why = Missing::Absent;
    Decimal lo, hi;
    std::int32_t source = -1;  // index in RuleFile::values, -1 when computed or absent
    Period period;             // the period it is for (when read from the data)

    static EvalValue number(Decimal d) {
        EvalValue v;
        v.kind = ValueKind::Number;
        v.why = Missing::None;
        v.lo = v.hi = d;
        return v;
    }
    static EvalValue missing(Missing why, Period p = {}) {
        EvalValue v;
        v.why = why;
        v.period = p;
        return v;
    }
    bool is_missing() const { return kind == ValueKind::Missing; }
};

// Why `framsteg` is okänt (docs/regelspråk.md), the first condition that fails,
// decided once where framsteg is computed; justifications name it.
enum class FramstegGap : std::uint8_t {
    None,                // framsteg is known
    NoValue,             // helårsvärde missing
    NoBase,              // no full-year value to start from
    TwoBounds,           // `mellan X och Y`: no single target
    NoTarget,            // the indicator has no `mål`
    TargetMissing,       // the target for `målår` is missing
    BaseInterval, ValueInterval, TargetInterval,
    BaseNotPositive, ValueNotPositive, TargetNotPositive,
    BaseIsTarget,        // bas = mål: no change required
    NoTimeYet,           // år ≤ basår
    TargetYearNotAfter,  // målår ≤ basår
};

// Everything an indicator rule reads, gathered once per indicator by the
// assessment stage (or built directly by a benchmark).
struct IndicatorFacts {
    EvalValue varde, helarsvarde, foregaende, jamforelse, prognos, bas, framsteg, trend;
    FramstegGap framsteg_gap = FramstegGap::NoValue;
    int basar = 0;            // 0 when there is no `bas`
    EvalValue progress_goal;  // the target `framsteg` aims at (the entry for `målår`)
    int progress_year = 0;    // `målår`
    int year = 0;             // `år`
    Direction direction = Direction::Oka;
    Decimal tolerance{0, 0};
    TargetKind target = TargetKind::None;
    EvalValue target_x, target_y;  // the target's bounds, evaluated
    const DataValue* values = nullptr;  // the indicator's own values, for värde(p)
    std::uint32_t value_count = 0;
    const DataValue* all_values = nullptr;  // RuleFile::values, to give sources as indices
    const ValueStore* store = nullptr;      // for series named in a rule (värde("kvinnor", 2023))
    Period period;            // the assessed period
    int series_break = 0;     // `serieavbrott`, 0 if none
};

struct GoalFacts {
    const Outcome* results = nullptr;   // final results of the goal's indicators
    const Decimal* weights = nullptr;
    const std::string* const* ids = nullptr;
    std::uint32_t count = 0;
};

// Compare: a comparison that was decided (value = its left side), always
// followed by an Operand read with its right side, so that a justification
// can name both (docs/revisorsguide.md, spåret).
enum class ReadKind : std::uint8_t { Variable, Function, Quantifier, Indicator, Straddle, Missing, Compare, Operand };

struct TraceRead {
    ReadKind kind = ReadKind::Variable;
    std::uint16_t sym = 0;        // Var, Func, QuantKind
    std::uint32_t node = 0;       // AST node (position in the rule text)
    Tri truth = Tri::Okant;       // for conditions
    EvalValue value;              // for numbers
    Label label = Label::Uppfyllt;
    std::uint32_t count = 0, total = 0;  // quantifiers: matching / considered
    double weight_count = 0, weight_total = 0;  // `andel`: the same, weighted by `vikt`
};

struct TraceClause {
    std::uint32_t clause = 0;
    Tri result = Tri::Okant;
    std::uint32_t first_read = 0, read_count = 0;
};

struct Trace {
    std::vector<TraceClause> clauses;
    std::vector<TraceRead> reads;
    std::vector<EvalValue> template_values;  // the deciding clause's `{expression}`s, in order
    void clear() { clauses.clear(); reads.clear(); template_values.clear(); }
};

// The result of running a rule: the clause that decided, or -1 when none
// fired (then the outcome is ej bedömd).
struct RuleRun {
    int clause = -1;
    Outcome outcome = Outcome::EjBedomd;
};

// Indicator rules. Recording on: `trace` must not be null.
template <bool Record>
RuleRun run_indicator_rule(const Ast& ast, const IndicatorFacts& f, Trace* trace);
// Evaluates a target's bound expression (X or Y) for an indicator.
EvalValue eval_target_bound(const Ast& target, std::uint32_t node, const IndicatorFacts& f);
// Goal rules.
template <bool Record>
RuleRun run_goal_rule(const Ast& ast, const GoalFacts& g, Trace* trace);

// A template expression's value (root in Ast::target_x).
EvalValue eval_indicator_expression(const Ast& ast, const IndicatorFacts& f);
EvalValue eval_goal_expression(const Ast& ast, const GoalFacts& g);

// `uppnått`: the target predicate on helårsvärde.
Tri target_reached(const IndicatorFacts& f);
// `förbättrat`, `försämrat`, `oförändrat` on helårsvärde against föregående.
Tri improved(const IndicatorFacts& f);
Tri worsened(const IndicatorFacts& f);
Tri unchanged(const IndicatorFacts& f);

// Comparison of two values: sant if it holds for every point of both,
// falskt if for none, okänt otherwise or when either is missing.
Tri compare(const EvalValue& a, CmpOp op, const EvalValue& b);

}  // namespace malkoll
