// Evaluation of a compiled rule with three-valued logic (docs/regelspråk.md).
// The evaluator never formats text: with recording on it writes what
// happened — each clause, sant/falskt/okänt, each value read with its source —
// into a Trace, from which justifications, `explain` and reports render.
// With recording off (the template parameter) it allocates nothing.
#pragma once
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <span>
#include <type_traits>
#include <utility>
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

// Why `måluppfyllelse` is okänt (docs/regelspråk.md), the first condition that fails.
enum class FulfilmentGap : std::uint8_t {
    None,               // known
    NoTarget,           // the indicator has no `mål`
    NoDirection,        // bibehålla, `=`, `mellan` or `topp`: no bound to reach
    NoValue,            // helårsvärde missing
    TargetMissing,      // the bound is missing (a named value without one)
    ValueNotPositive, TargetNotPositive,
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
    // The series read where a rule reads the main series (värde(p), medel_år …):
    // 0, or a series judged apart (`bedöm_serier`).
    SeriesId series = 0;
};

struct GoalFacts {
    const Outcome* results = nullptr;   // final results of the goal's children (indicators, or goals)
    const Decimal* weights = nullptr;
    const std::string* const* ids = nullptr;  // the children's ids, for indikator(id)
    std::uint32_t count = 0;
    // For resultat(id): the final results so far of every indicator, nämndmål,
    // kommunmål and målområde of the file, indexed by ResultKind.
    const Outcome* const* finals = nullptr;
    // In a roll-up, resultat(NÄMND/ID): per nämnd (Node::first - 1) the same.
    const Outcome* const* const* committee_finals = nullptr;
    // With `skala`: the levels of the same results (a level named after `är`
    // or a quantifier); nullptr without a scale.
    const std::uint8_t* levels = nullptr;
    const std::uint8_t* const* final_levels = nullptr;
    const std::uint8_t* const* const* committee_final_levels = nullptr;
    // Every weight is 1 (no `vikt`): a count is its weight, no sums needed.
    bool unit_weights = false;
};

// A value of the data as a rule reads it, with its source (an index in
// IndicatorFacts::all_values). Inline: gather_facts makes three per indicator.
inline EvalValue from_data(const IndicatorFacts& f, const DataValue& dv) {
    EvalValue v;
    v.kind = dv.kind;
    v.why = dv.kind == ValueKind::Missing ? Missing::Marked : Missing::None;
    v.lo = dv.lo();
    v.hi = dv.hi();
    v.source = f.all_values ? static_cast<std::int32_t>(&dv - f.all_values) : -1;
    v.period = dv.period;
    return v;
}
// The indicator's first value of `series` for period `p`; missing (Absent)
// when it has none, or there is no such series.
EvalValue value_at(const IndicatorFacts& f, std::optional<SeriesId> series, Period p);

// `måluppfyllelse`: how far helårsvärde reaches the target's bound, in %,
// computed when a rule reads it (a floor: 100 × helårsvärde / mål; a ceiling:
// 100 × mål / helårsvärde), with why it is okänt.
EvalValue goal_fulfilment(const IndicatorFacts& f, FulfilmentGap& gap);

// What the trace records (docs/arkitektur.md, Spåret). A comparison that was
// decided (Compare, value = its left side) is followed by an Operand with its
// right side. A derived condition (uppnått, förbättrat, försämrat,
// oförändrat) holds the value it judged (helårsvärde) and is followed by
// Operands with what it compared it with; `framsteg` by what it was computed from; a quantifier by one with the set it counted. So a
// justification, `explain` and the JSON trace name every number from the
// record, never from the facts again.
enum class ReadKind : std::uint8_t { Variable, Function, Quantifier, Indicator, Straddle, Missing, Compare, Operand };

// What an Operand read is (TraceRead::sym).
enum class OperandRole : std::uint8_t {
    Right,       // the right side of the Compare before it
    Value,       // framsteg's helårsvärde (a derived condition's own read holds the value it judged)
    Bound,       // the target's bound X (`mellan`: the lower one)
    UpperBound,  // `mellan`'s Y
    Previous,    // föregående
    Tolerance,   // the indicator's `tolerans`, when it is not 0
    Base,        // framsteg's bas; count = basår
    Goal,        // framsteg's target for målår; count = målår
    Counted,     // a quantifier's set: count = how many it considered; value lo = weight of the matching, hi = of all
};

// Why a derived condition came out as it did, decided where it was evaluated
// (TraceRead::detail of its Variable read).
enum class Because : std::uint8_t {
    None,
    ValueMissing,     // okänt: helårsvärde missing
    BoundMissing,     // okänt: the target's value (a bound) missing
    PreviousMissing,  // okänt: föregående missing (or before a series break)
    Straddles,        // okänt: an interval lies on both sides of the bound
    Still,            // förbättrat falskt: the value is unchanged within the tolerance
};

// A value as the trace keeps it: an EvalValue in 32 bytes (a report of
// 100 000 indicators holds every trace at once).
struct TraceValue {
    double lo = 0, hi = 0;
    std::int32_t source = -1;
    Period period;
    std::int8_t lo_decimals = -1, hi_decimals = -1;
    ValueKind kind = ValueKind::Missing;
    Missing why = Missing::Absent;

    TraceValue() = default;
    TraceValue(const EvalValue& v)  // NOLINT: a trace value is an EvalValue, packed
        : lo(v.lo.v), hi(v.hi.v), source(v.source), period(v.period), lo_decimals(v.lo.decimals), hi_decimals(v.hi.decimals),
          kind(v.kind), why(v.why) {}
    EvalValue value() const {
        EvalValue v;
        v.kind = kind;
        v.why = why;
        v.lo = Decimal{lo, lo_decimals};
        v.hi = Decimal{hi, hi_decimals};
        v.source = source;
        v.period = period;
        return v;
    }
    bool is_missing() const { return kind == ValueKind::Missing; }
};

struct TraceRead {
    ReadKind kind = ReadKind::Variable;
    Tri truth = Tri::Okant;       // for conditions
    std::uint8_t detail = 0;      // a derived condition: Because; framsteg: FramstegGap
    Label label = Label::Uppfyllt;
    std::uint16_t sym = 0;        // Var, Func, QuantKind; an Operand: its Role
    std::uint32_t node = 0;       // AST node (position in the rule text)
    std::uint32_t count = 0;      // Quantifier: how many matched; Operand: see Role; Indicator: its level (kNoLevel: none)
    TraceValue v;                 // for numbers

    EvalValue value() const { return v.value(); }
    OperandRole role() const { return static_cast<OperandRole>(sym); }
    Because because() const { return static_cast<Because>(detail); }
};

struct TraceClause {
    std::uint32_t clause = 0;
    Tri result = Tri::Okant;
    std::uint32_t first_read = 0, read_count = 0;
};

// A template's `{expression}`: its value and the reads that computed it
// (after the clauses' reads).
struct TraceTemplate {
    std::uint32_t first_read = 0, read_count = 0;
    TraceValue value;
};

// A trace as kept: views into a Trace (an assessment keeps every judgement's in Assessment::traces).
struct TraceView {
    std::span<const TraceClause> clauses;
    std::span<const TraceRead> reads;
    std::span<const TraceTemplate> templates;
};

// Storage in blocks that never move, written one run at a time: the
// evaluator appends to the open run, close() hands the run out as a span that
// stays valid while more is appended. A run that outgrows its block moves
// whole to a new one, so no run spans two blocks, and keeping a run copies
// nothing. Blocks grow from 256 items to 64 Ki and are not cleared first:
// every item is written before it is read.
template <class T>
class RunBuffer {
    static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);

public:
    RunBuffer() = default;
    RunBuffer(RunBuffer&& o) noexcept { take(o); }
    RunBuffer& operator=(RunBuffer&& o) noexcept {
        if (this != &o) take(o);
        return *this;
    }
    RunBuffer(const RunBuffer&) = delete;
    RunBuffer& operator=(const RunBuffer&) = delete;

    // The open run.
    void push_back(const T& x) {
        if (end_ == cap_) grow();
        std::construct_at(end_++, x);
    }
    // Room for one more item at the end of the open run, to be made in place.
    T* append() {
        if (end_ == cap_) grow();
        return end_++;
    }
    std::size_t size() const { return static_cast<std::size_t>(end_ - begin_); }
    bool empty() const { return end_ == begin_; }
    T& back() { return end_[-1]; }
    T& operator[](std::size_t i) { return begin_[i]; }
    const T& operator[](std::size_t i) const { return begin_[i]; }
    std::span<const T> run() const { return {begin_, size()}; }
    void clear() { end_ = begin_; }  // forget the open run: its room is reused
    // Ends the open run and returns it; the next one starts after it.
    std::span<const T> close() {
        std::span<const T> r = run();
        begin_ = end_;
        return r;
    }

private:
    struct Free {
        void operator()(T* p) const { ::operator delete(static_cast<void*>(p)); }
    };
    void take(RunBuffer& o) {
        blocks_ = std::move(o.blocks_);
        begin_ = std::exchange(o.begin_, nullptr);
        end_ = std::exchange(o.end_, nullptr);
        cap_ = std::exchange(o.cap_, nullptr);
        block_size_ = std::exchange(o.block_size_, 0);
        o.blocks_.clear();
    }
    void grow() {
        const std::size_t open = size();
        block_size_ = std::max(open * 2, std::min<std::size_t>(block_size_ ? block_size_ * 2 : 256, 65536));
        T* block = static_cast<T*>(::operator new(block_size_ * sizeof(T)));
        if (open) std::memcpy(static_cast<void*>(block), static_cast<const void*>(begin_), open * sizeof(T));
        // A block that held nothing but the open run is of no more use.
        if (!blocks_.empty() && begin_ == blocks_.back().get()) blocks_.pop_back();
        blocks_.emplace_back(block);
        begin_ = block;
        end_ = block + open;
        cap_ = block + block_size_;
    }

    std::vector<std::unique_ptr<T, Free>> blocks_;
    T* begin_ = nullptr;  // the open run
    T* end_ = nullptr;
    T* cap_ = nullptr;    // the end of the current block
    std::size_t block_size_ = 0;
};

// What the evaluator writes into. Reused from one judgement to the next
// (clear()), or, as an assessment's store of every trace, kept run by run
// (keep()): the evaluator records straight into the place the trace stays.
struct Trace {
    RunBuffer<TraceClause> clauses;
    RunBuffer<TraceRead> reads;
    RunBuffer<TraceTemplate> templates;  // the deciding clause's `{expression}`s, in order
    void clear() { clauses.clear(); reads.clear(); templates.clear(); }
    TraceView view() const { return {clauses.run(), reads.run(), templates.run()}; }  // the open judgement
    TraceView keep() { return {clauses.close(), reads.close(), templates.close()}; }
};

// The result of running a rule: the clause that decided, or -1 when none
// fired (then the outcome is ej bedömd).
struct RuleRun {
    int clause = -1;
    Outcome outcome = Outcome::EjBedomd;
    std::uint8_t level = kNoLevel;  // a clause that named a level of `skala`; kNoLevel: the outcome's standard level
};

// Indicator rules. Recording on: `trace` must not be null.
template <bool Record>
RuleRun run_indicator_rule(const Ast& ast, const IndicatorFacts& f, Trace* trace);
// Evaluates a target's bound expression (X or Y) for an indicator.
EvalValue eval_target_bound(const Ast& target, std::uint32_t node, const IndicatorFacts& f);
// Goal rules.
template <bool Record>
RuleRun run_goal_rule(const Ast& ast, const GoalFacts& g, Trace* trace);

// A template expression's value (root in Ast::target_x). Recording on: its
// reads are appended to `trace` and a TraceTemplate added for it.
template <bool Record>
EvalValue eval_indicator_expression(const Ast& ast, const IndicatorFacts& f, Trace* trace);
template <bool Record>
EvalValue eval_goal_expression(const Ast& ast, const GoalFacts& g, Trace* trace);

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
