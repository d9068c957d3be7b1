#include "engine/eval/eval.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

#include "engine/core/text.hpp"

namespace malkoll {

const char* tri_word(Tri t) {
    switch (t) {
        case Tri::Sant: return "sant";
        case Tri::Falskt: return "falskt";
        case Tri::Okant: return "okänt";
    }
    return "okänt";
}

EvalValue value_at(const IndicatorFacts& f, std::optional<SeriesId> series, Period p) {
    if (!series) return EvalValue::missing(Missing::Absent, p);
    for (std::uint32_t i = 0; i < f.value_count; ++i) {
        const DataValue& dv = f.values[i];
        if (dv.period == p && dv.series == *series) return from_data(f, dv);
    }
    return EvalValue::missing(Missing::Absent, p);
}

namespace {

// Falskt 0 and Sant 1 swap, Okant 2 stays: arithmetic, not a data-dependent branch.
Tri tri_not(Tri a) {
    const auto x = static_cast<unsigned>(a);
    return static_cast<Tri>(x ^ ((x >> 1) ^ 1u));
}
Tri tri_and(Tri a, Tri b) {
    if (a == Tri::Falskt || b == Tri::Falskt) return Tri::Falskt;
    if (a == Tri::Sant && b == Tri::Sant) return Tri::Sant;
    return Tri::Okant;
}
Tri tri_or(Tri a, Tri b) {
    if (a == Tri::Sant || b == Tri::Sant) return Tri::Sant;
    if (a == Tri::Falskt && b == Tri::Falskt) return Tri::Falskt;
    return Tri::Okant;
}

// Two values as written (both exact decimals, the usual case) compare as
// doubles, without branches: which way a comparison goes is the data's, and
// a mispredicted branch costs more than the comparison.
bool ge(Decimal a, Decimal b) { return (a.decimals | b.decimals) >= 0 ? a.v >= b.v : dec_compare(a, b) >= 0; }
bool gt(Decimal a, Decimal b) { return (a.decimals | b.decimals) >= 0 ? a.v > b.v : dec_compare(a, b) > 0; }

// sant when `yes`, else falskt when `no`, else okänt — as a select, not a branch.
Tri tri_of(bool yes, bool no) {
    return static_cast<Tri>(static_cast<int>(yes) | ((static_cast<int>(!yes) & static_cast<int>(!no)) << 1));
}

EvalValue range(Decimal lo, Decimal hi) {
    EvalValue v;
    v.why = Missing::None;
    v.lo = lo;
    v.hi = hi;
    v.kind = dec_compare(lo, hi) == 0 ? ValueKind::Number : ValueKind::Interval;
    return v;
}

EvalValue first_missing(const EvalValue& a, const EvalValue& b) { return a.is_missing() ? a : b; }

EvalValue arith(const EvalValue& a, BinOp op, const EvalValue& b) {
    if (a.is_missing() || b.is_missing()) {
        EvalValue m = first_missing(a, b);
        m.source = -1;
        return m;
    }
    switch (op) {
        case BinOp::Add: return range(dec_add(a.lo, b.lo), dec_add(a.hi, b.hi));
        case BinOp::Sub: return range(dec_sub(a.lo, b.hi), dec_sub(a.hi, b.lo));
        case BinOp::Mul: {
            Decimal c[4] = {dec_mul(a.lo, b.lo), dec_mul(a.lo, b.hi), dec_mul(a.hi, b.lo), dec_mul(a.hi, b.hi)};
            Decimal lo = c[0], hi = c[0];
            for (const Decimal& d : c) {
                if (dec_compare(d, lo) < 0) lo = d;
                if (dec_compare(d, hi) > 0) hi = d;
            }
            return range(lo, hi);
        }
        case BinOp::Div: {
            // Dividing by (an interval containing) 0 has no answer: okänt.
            if (dec_compare(b.lo, Decimal{0, 0}) <= 0 && dec_compare(b.hi, Decimal{0, 0}) >= 0)
                return EvalValue::missing(Missing::Undefined);
            Decimal c[4] = {dec_div(a.lo, b.lo), dec_div(a.lo, b.hi), dec_div(a.hi, b.lo), dec_div(a.hi, b.hi)};
            Decimal lo = c[0], hi = c[0];
            for (const Decimal& d : c) {
                if (dec_compare(d, lo) < 0) lo = d;
                if (dec_compare(d, hi) > 0) hi = d;
            }
            return range(lo, hi);
        }
    }
    return EvalValue::missing(Missing::Undefined);
}

Tri within(const EvalValue& a, const EvalValue& b, Decimal tol) {
    if (a.is_missing() || b.is_missing()) return Tri::Okant;
    if (tol.v == 0 && (a.lo.decimals | a.hi.decimals | b.lo.decimals | b.hi.decimals | tol.decimals) >= 0) {
        // No tolerance and values as written: rounding a finite difference
        // of two exact decimals to their decimals keeps its sign and its
        // zero, so the differences need not be rounded (dec_sub), only compared.
        const double dlo = a.lo.v - b.hi.v, dhi = a.hi.v - b.lo.v;
        if (std::isfinite(dlo) && std::isfinite(dhi)) return tri_of(dlo >= 0 && dhi <= 0, dlo > 0 || dhi < 0);
    }
    Decimal dlo = dec_sub(a.lo, b.hi), dhi = dec_sub(a.hi, b.lo);
    Decimal ntol{-tol.v, tol.decimals};
    if (ge(dlo, ntol) && ge(tol, dhi)) return Tri::Sant;
    if (gt(dlo, tol) || gt(ntol, dhi)) return Tri::Falskt;
    return Tri::Okant;
}

// a op (b ± tol): without a tolerance (the usual case) b itself, not a copy.
Tri compare_tol(const EvalValue& a, CmpOp op, const EvalValue& b, Decimal tol, bool add) {
    if (b.is_missing() || tol.v == 0) return compare(a, op, b);
    return compare(a, op, arith(b, add ? BinOp::Add : BinOp::Sub, EvalValue::number(tol)));
}

// The series named in the rule is resolved once per call (names are folded
// at load), then matched by id.
EvalValue lookup(const IndicatorFacts& f, std::string_view series, Period p) {
    std::optional<SeriesId> want = series.empty() ? std::optional<SeriesId>(f.series)
                                   : f.store                 ? f.store->find_series(series)
                                                             : std::nullopt;
    return value_at(f, want, p);
}

// A derived condition's truth (the vocabulary's derived words).
Tri derived_truth(Var v, const IndicatorFacts& f) {
    return v == Var::Uppnatt       ? target_reached(f)
           : v == Var::Forbattrat ? improved(f)
           : v == Var::Forsamrat  ? worsened(f)
           : v == Var::Oforandrat ? unchanged(f)
                                  : Tri::Okant;
}

// The facts a variable reads as they are; nullptr for one made when read
// (framsteg and måluppfyllelse add operands; basår and år are made).
// Tests in the order of how often rules read them, not a jump table.
const EvalValue* fact_of(Var v, const IndicatorFacts& f) {
    return v == Var::Helarsvarde  ? &f.helarsvarde
           : v == Var::Varde      ? &f.varde
           : v == Var::Foregaende ? &f.foregaende
           : v == Var::Prognos    ? &f.prognos
           : v == Var::Jamforelse ? &f.jamforelse
           : v == Var::Bas        ? &f.bas
           : v == Var::Trend      ? &f.trend
           : v == Var::Mal        ? (f.target == TargetKind::None ? nullptr : &f.target_x)
                                  : nullptr;
}

template <bool Record>
class Evaluator {
public:
    Evaluator(const Ast& ast, const IndicatorFacts* f, const GoalFacts* g, Trace* t)
        : ast_(ast), nodes_(ast.nodes.data()), args_(ast.args.data()), f_(f), g_(g), t_(t) {}

    // From clause `from` on (the untraced rule has answered the ones before).
    RuleRun run(std::uint32_t from = 0) {
        const Clause* clauses = ast_.clauses.data();
        const std::uint32_t n = static_cast<std::uint32_t>(ast_.clauses.size());
        for (std::uint32_t k = from; k < n; ++k) {
            const Clause& c = clauses[k];
            std::uint32_t first = 0;
            if constexpr (Record) first = static_cast<std::uint32_t>(t_->reads.size());
            Tri r = f_ ? clause(c) : c.condition == kNone ? Tri::Sant : cond(c.condition);
            if constexpr (Record)
                t_->clauses.push_back({k, r, first, static_cast<std::uint32_t>(t_->reads.size()) - first});
            if (r == Tri::Sant) return RuleRun{static_cast<int>(k), c.outcome, c.level};
        }
        return RuleRun{};
    }

    EvalValue num(std::uint32_t i) {
        const Node& n = nodes_[i];
        switch (n.kind) {
            case NodeKind::Number: return EvalValue::number(n.num);
            case NodeKind::Variable: {
                EvalValue v = variable(static_cast<Var>(n.sym));
                if constexpr (Record) {
                    read(ReadKind::Variable, n.sym, i, Tri::Okant, v);
                    if (static_cast<Var>(n.sym) == Var::Framsteg) framsteg_operands(i);
                    if (static_cast<Var>(n.sym) == Var::Maluppfyllelse) fulfilment_operands(i);
                }
                return v;
            }
            case NodeKind::Call: return call(n, i);
            case NodeKind::Quantifier: return quantity(n, i);
            case NodeKind::Neg: {
                EvalValue a = num(n.a);
                if (a.is_missing()) return a;
                return range(Decimal{-a.hi.v, a.hi.decimals}, Decimal{-a.lo.v, a.lo.decimals});
            }
            case NodeKind::Binary: {
                EvalValue a = num(n.a);
                EvalValue b = num(n.b);
                EvalValue r = arith(a, static_cast<BinOp>(n.aux), b);
                if constexpr (Record)
                    if (r.is_missing() && r.why == Missing::Undefined) read(ReadKind::Missing, 0, i, Tri::Okant, r);
                return r;
            }
            default: return EvalValue::missing(Missing::Undefined);
        }
    }

    Tri cond(std::uint32_t i) {
        const Node& n = nodes_[i];
        switch (n.kind) {
            case NodeKind::Variable: return derived(static_cast<Var>(n.sym), i);
            case NodeKind::Call: {
                EvalValue tmp;
                const EvalValue& v = value_ref(args_[n.first], tmp);
                bool missing = v.is_missing();
                Tri r = (static_cast<Func>(n.sym) == Func::Saknas) == missing ? Tri::Sant : Tri::Falskt;
                if constexpr (Record) read(ReadKind::Function, n.sym, i, r, v);
                return r;
            }
            case NodeKind::Quantifier: return quantifier(n, i);
            case NodeKind::Compare: {
                EvalValue ta, tb;
                const EvalValue& a = value_ref(n.a, ta);
                const EvalValue& b = value_ref(n.b, tb);
                Tri r = compare(a, static_cast<CmpOp>(n.aux), b);
                if constexpr (Record) {
                    if (r == Tri::Okant && !a.is_missing() && !b.is_missing()) read(ReadKind::Straddle, 0, i, r, a);
                    if (r != Tri::Okant) {
                        read(ReadKind::Compare, n.aux, i, r, a);
                        operand(OperandRole::Right, n.b, b);
                    }
                }
                return r;
            }
            case NodeKind::Is: {
                const Node& ind = nodes_[n.a];
                Outcome o = indicator_result(ind);
                bool hit = n.label == Label::Level ? indicator_level(ind) == n.sym : matches(o, n.label);
                Tri r = hit ? Tri::Sant : Tri::Falskt;
                if constexpr (Record) {
                    TraceRead tr;
                    tr.kind = ReadKind::Indicator;
                    tr.node = n.a;
                    tr.truth = r;
                    tr.label = static_cast<Label>(static_cast<std::uint8_t>(o));
                    tr.count = g_->levels || g_->final_levels ? indicator_level(ind) : kNoLevel;  // with `skala`: its level
                    t_->reads.push_back(tr);
                }
                return r;
            }
            case NodeKind::Not: return tri_not(cond(n.a));
            case NodeKind::And: {
                Tri a = cond(n.a);
                if (a == Tri::Falskt) return a;
                return tri_and(a, cond(n.b));
            }
            case NodeKind::Or: {
                Tri a = cond(n.a);
                if (a == Tri::Sant) return a;
                return tri_or(a, cond(n.b));
            }
            default: return Tri::Okant;
        }
    }

private:
    // An indicator rule's clause: the usual forms (Clause::shape) directly,
    // the same reads recorded as the tree would.
    Tri clause(const Clause& c) {
        switch (c.shape) {
            case ClauseShape::Always: return Tri::Sant;
            case ClauseShape::Reached: case ClauseShape::Improved: case ClauseShape::Worsened: case ClauseShape::Unchanged:
                return derived(static_cast<Var>(c.shape_sym), c.condition);
            case ClauseShape::NotReached: case ClauseShape::NotImproved: case ClauseShape::NotWorsened:
            case ClauseShape::NotUnchanged:
                return tri_not(derived(static_cast<Var>(c.shape_sym), nodes_[c.condition].a));
            case ClauseShape::Missing:
            case ClauseShape::Present: {
                const Node& call = nodes_[c.condition];
                EvalValue tmp;
                const EvalValue& v = value_ref(args_[call.first], tmp);
                const Tri r = (c.shape == ClauseShape::Missing) == v.is_missing() ? Tri::Sant : Tri::Falskt;
                if constexpr (Record) read(ReadKind::Function, call.sym, c.condition, r, v);
                return r;
            }
            case ClauseShape::Tree: break;
        }
        return c.condition == kNone ? Tri::Sant : cond(c.condition);
    }

    // A derived condition (uppnått, förbättrat …), computed once per run:
    // `uppfyllt om uppnått … ej uppfyllt om inte uppnått` asks twice.
    Tri derived(Var v, std::uint32_t node) {
        const auto k = static_cast<std::size_t>(v);
        Tri r;
        if (k < sizeof memo_ && memo_[k] != kUnknown) {
            r = static_cast<Tri>(memo_[k]);
        } else {
            r = derived_truth(v, *f_);
            if (k < sizeof memo_) memo_[k] = static_cast<std::uint8_t>(r);
        }
        if constexpr (Record) derived_operands(v, node, r);
        return r;
    }

    // A node's value without copying it where it is a fact read as it is
    // (helårsvärde, föregående …); otherwise computed into `tmp`.
    const EvalValue& value_ref(std::uint32_t i, EvalValue& tmp) {
        const Node& n = nodes_[i];
        if (n.kind == NodeKind::Variable && f_) {
            if (const EvalValue* v = fact_of(static_cast<Var>(n.sym), *f_)) {
                if constexpr (Record) read(ReadKind::Variable, n.sym, i, Tri::Okant, *v);
                return *v;
            }
        }
        tmp = num(i);
        return tmp;
    }


    TraceRead& read(ReadKind k, std::uint16_t sym, std::uint32_t node, Tri truth, const EvalValue& v) {
        // Made in its place in the trace, not made and copied there.
        return *::new (t_->reads.append()) TraceRead{.kind = k, .truth = truth, .sym = sym, .node = node, .v = TraceValue(v)};
    }
    void operand(OperandRole role, std::uint32_t node, const EvalValue& v, std::uint32_t count = 0) {
        read(ReadKind::Operand, static_cast<std::uint16_t>(role), node, Tri::Okant, v).count = count;
    }

    // A derived condition with what it compared and, when it is okänt (or
    // förbättrat is falskt because the value stands still), why.
    void derived_operands(Var v, std::uint32_t node, Tri r) {
        const IndicatorFacts& f = *f_;
        const bool on_target = v == Var::Uppnatt && f.target != TargetKind::None;
        const bool between = on_target && f.target == TargetKind::Between;
        Because why = Because::None;
        if (r == Tri::Okant) {
            why = f.helarsvarde.is_missing()                                                   ? Because::ValueMissing
                  : on_target && (f.target_x.is_missing() || (between && f.target_y.is_missing())) ? Because::BoundMissing
                  : !on_target && f.foregaende.is_missing()                                    ? Because::PreviousMissing
                                                                                               : Because::Straddles;
        } else if (r == Tri::Falskt && (v == Var::Forbattrat || (v == Var::Uppnatt && !on_target)) && unchanged(f) == Tri::Sant) {
            why = Because::Still;
        }
        // The read's own value is the value judged (helårsvärde); the operands follow.
        read(ReadKind::Variable, static_cast<std::uint16_t>(v), node, r, f.helarsvarde).detail = static_cast<std::uint8_t>(why);
        if (on_target) {
            operand(OperandRole::Bound, node, f.target_x);
            if (between) operand(OperandRole::UpperBound, node, f.target_y);
        } else {
            operand(OperandRole::Previous, node, f.foregaende);
        }
        const bool tolerant = !on_target || f.target == TargetKind::Eq || (f.target == TargetKind::Bare && f.direction == Direction::Bibehalla);
        if (tolerant && f.tolerance.v != 0) operand(OperandRole::Tolerance, node, EvalValue::number(f.tolerance));
    }

    // framsteg's reason when okänt (FramstegGap) and what it was computed from.
    void framsteg_operands(std::uint32_t node) {
        const IndicatorFacts& f = *f_;
        t_->reads.back().detail = static_cast<std::uint8_t>(f.framsteg_gap);
        operand(OperandRole::Base, node, f.bas, static_cast<std::uint32_t>(f.basar));
        operand(OperandRole::Value, node, f.helarsvarde);
        operand(OperandRole::Goal, node, f.progress_goal, static_cast<std::uint32_t>(f.progress_year));
    }

    // måluppfyllelse's reason when okänt (FulfilmentGap) and what it was computed from.
    void fulfilment_operands(std::uint32_t node) {
        const IndicatorFacts& f = *f_;
        FulfilmentGap gap;
        goal_fulfilment(f, gap);
        t_->reads.back().detail = static_cast<std::uint8_t>(gap);
        operand(OperandRole::Value, node, f.helarsvarde);
        operand(OperandRole::Bound, node, f.target == TargetKind::None ? EvalValue::missing(Missing::Absent) : f.target_x);
    }

    // A quantifier's set, weighted by `vikt`.
    void counted(std::uint32_t node, std::uint32_t total, Decimal whits, Decimal wtotal) {
        EvalValue w;
        w.kind = ValueKind::Interval;
        w.why = Missing::None;
        w.lo = whits;
        w.hi = wtotal;
        operand(OperandRole::Counted, node, w, total);
    }

    EvalValue variable(Var v) {
        const IndicatorFacts& f = *f_;
        switch (v) {
            case Var::Varde: return f.varde;
            case Var::Mal: return f.target == TargetKind::None ? EvalValue::missing(Missing::Absent) : f.target_x;
            case Var::Helarsvarde: return f.helarsvarde;
            case Var::Foregaende: return f.foregaende;
            case Var::Bas: return f.bas;
            case Var::Basar: return f.basar ? EvalValue::number(Decimal{static_cast<double>(f.basar), 0}) : EvalValue::missing(Missing::Absent);
            case Var::Jamforelse: return f.jamforelse;
            case Var::Prognos: return f.prognos;
            case Var::Ar: return EvalValue::number(Decimal{static_cast<double>(f.year), 0});
            case Var::Framsteg: return f.framsteg;
            case Var::Trend: return f.trend;
            case Var::Maluppfyllelse: {
                FulfilmentGap gap;
                return goal_fulfilment(f, gap);
            }
            default: return EvalValue::missing(Missing::Undefined);
        }
    }

    EvalValue call(const Node& n, std::uint32_t i) {
        Func fn = static_cast<Func>(n.sym);
        EvalValue r;
        switch (fn) {
            case Func::Varde: {
                std::string_view series;
                Period p = f_->period;
                for (std::uint32_t k = 0; k < n.count; ++k) {
                    const Node& a = nodes_[args_[n.first + k]];
                    if (a.kind == NodeKind::String) series = ast_.texts[a.text];
                    else if (a.kind == NodeKind::Period) p = Period{static_cast<int>(a.num.v), a.aux};
                    else if (a.kind == NodeKind::Number) p = Period{static_cast<int>(a.num.v), 0};
                }
                r = lookup(*f_, series, p);
                break;
            }
            case Func::MedelAr:
            case Func::SummaAr: {
                // The full-year values of the n years ending with år (in a delår, år by its helårsvärde);
                // the first one missing, or before the series break, makes it okänt and is what the trace names.
                const IndicatorFacts& f = *f_;
                const int years = static_cast<int>(nodes_[args_[n.first]].num.v);
                const std::string_view series = n.count == 2 ? std::string_view(ast_.texts[nodes_[args_[n.first + 1]].text]) : std::string_view();
                const bool delar = !(f.period == Period{f.year, 0});
                EvalValue sum = EvalValue::number(Decimal{0, 0});
                for (int y = f.year - years + 1; y <= f.year && !sum.is_missing(); ++y) {
                    EvalValue v = f.series_break && y < f.series_break ? EvalValue::missing(Missing::BeforeBreak, Period{y, 0})
                                  : y == f.year && delar          ? (series.empty() ? f.helarsvarde : lookup(f, series, f.period))
                                                                  : lookup(f, series, Period{y, 0});
                    sum = v.is_missing() ? v : arith(sum, BinOp::Add, v);
                }
                r = fn == Func::MedelAr && !sum.is_missing() ? arith(sum, BinOp::Div, EvalValue::number(Decimal{static_cast<double>(years), 0})) : sum;
                if (!r.is_missing()) {
                    r.source = -1;
                    r.period = Period{};
                }
                break;
            }
            case Func::Min:
            case Func::Max:
            case Func::Medel: {
                EvalValue acc;
                for (std::uint32_t k = 0; k < n.count; ++k) {
                    EvalValue a = num(args_[n.first + k]);
                    if (a.is_missing()) return a;
                    if (k == 0) { acc = a; continue; }
                    if (fn == Func::Min) acc = range(dec_compare(a.lo, acc.lo) < 0 ? a.lo : acc.lo, dec_compare(a.hi, acc.hi) < 0 ? a.hi : acc.hi);
                    else if (fn == Func::Max) acc = range(dec_compare(a.lo, acc.lo) > 0 ? a.lo : acc.lo, dec_compare(a.hi, acc.hi) > 0 ? a.hi : acc.hi);
                    else acc = arith(acc, BinOp::Add, a);
                }
                if (fn == Func::Medel && n.count > 0)
                    acc = arith(acc, BinOp::Div, EvalValue::number(Decimal{static_cast<double>(n.count), 0}));
                acc.source = -1;
                r = acc;
                break;
            }
            case Func::Abs: {
                EvalValue a = num(args_[n.first]);
                if (a.is_missing()) return a;
                Decimal lo = a.lo, hi = a.hi;
                auto absd = [](Decimal d) { return Decimal{std::fabs(d.v), d.decimals}; };
                if (dec_compare(lo, Decimal{0, 0}) >= 0) r = range(lo, hi);
                else if (dec_compare(hi, Decimal{0, 0}) <= 0) r = range(absd(hi), absd(lo));
                else r = range(Decimal{0, 0}, dec_compare(absd(lo), hi) > 0 ? absd(lo) : hi);
                break;
            }
            case Func::Avrunda: {
                EvalValue a = num(args_[n.first]);
                EvalValue d = num(args_[n.first + 1]);
                if (a.is_missing()) return a;
                if (d.is_missing()) return d;
                int digits = static_cast<int>(d.lo.v);
                auto rnd = [&](Decimal x) { return dec_round(x, digits); };
                r = range(rnd(a.lo), rnd(a.hi));
                break;
            }
            default: r = EvalValue::missing(Missing::Undefined);
        }
        if constexpr (Record) read(ReadKind::Function, n.sym, i, Tri::Okant, r);
        return r;
    }

    // ---- goals ----------------------------------------------------------
    static bool matches(Outcome o, Label l) {
        switch (l) {
            case Label::Uppfyllt: return o == Outcome::Uppfyllt;
            case Label::Delvis: return o == Outcome::Delvis;
            case Label::EjUppfyllt: return o == Outcome::EjUppfyllt;
            case Label::EjBedomd: return o == Outcome::EjBedomd;
            case Label::Bedomd: return o != Outcome::EjBedomd;
            case Label::Level: return false;  // by level, not by result (hit)
        }
        return false;
    }

    // A child's result against a quantifier's label: a level by its index, any other by the result.
    bool hit(std::uint32_t k, const Node& n) const {
        if (n.label == Label::Level) return g_->levels && g_->levels[k] == n.sym;
        return matches(g_->results[k], n.label);
    }

    std::uint8_t indicator_level(const Node& n) const {
        if (n.aux == kResultOf) {
            if (n.b == kNone) return kNoLevel;
            if (n.first) return g_->committee_final_levels ? g_->committee_final_levels[n.first - 1][n.sym][n.b] : kNoLevel;
            return g_->final_levels ? g_->final_levels[n.sym][n.b] : kNoLevel;
        }
        const std::string& id = ast_.texts[n.text];
        for (std::uint32_t k = 0; k < g_->count; ++k)
            if (*g_->ids[k] == id) return g_->levels ? g_->levels[k] : kNoLevel;
        return kNoLevel;
    }

    Outcome indicator_result(const Node& n) const {
        if (n.aux == kResultOf) {
            if (n.b == kNone) return Outcome::EjBedomd;
            if (n.first) return g_->committee_finals ? g_->committee_finals[n.first - 1][n.sym][n.b] : Outcome::EjBedomd;
            return g_->finals ? g_->finals[n.sym][n.b] : Outcome::EjBedomd;
        }
        const std::string& id = ast_.texts[n.text];
        for (std::uint32_t k = 0; k < g_->count; ++k)
            if (*g_->ids[k] == id) return g_->results[k];
        return Outcome::EjBedomd;
    }

    // Counts over the set a label ranges over: `bedömd` and `ej bedömd` over
    // all indicators, every other label over the bedömda.
    void count(const Node& n, std::uint32_t& hits, std::uint32_t& total, Decimal* whits = nullptr, Decimal* wtotal = nullptr) const {
        const Label l = n.label;
        // A level counted as ej bedömd (Node::b its base result) is, like ej bedömd, counted over all.
        bool over_all = l == Label::Bedomd || l == Label::EjBedomd ||
                        (l == Label::Level && n.b == static_cast<std::uint32_t>(Outcome::EjBedomd));
        hits = total = 0;
        Decimal wh{0, 0}, wt{0, 0};
        if (g_->unit_weights) {
            // Sums of exact ones are the counts (what dec_add would give), without rounding each.
            for (std::uint32_t k = 0; k < g_->count; ++k) {
                if (!over_all && g_->results[k] == Outcome::EjBedomd) continue;
                ++total;
                hits += hit(k, n);
            }
            wh = Decimal{static_cast<double>(hits), 0};
            wt = Decimal{static_cast<double>(total), 0};
        } else {
            for (std::uint32_t k = 0; k < g_->count; ++k) {
                Outcome o = g_->results[k];
                if (!over_all && o == Outcome::EjBedomd) continue;
                ++total;
                wt = dec_add(wt, g_->weights[k]);
                if (hit(k, n)) {
                    ++hits;
                    wh = dec_add(wh, g_->weights[k]);
                }
            }
        }
        if (whits) *whits = wh;
        if (wtotal) *wtotal = wt;
    }

    Tri quantifier(const Node& n, std::uint32_t i) {
        std::uint32_t hits = 0, total = 0;
        Decimal wh, wt;
        count(n, hits, total, &wh, &wt);
        Tri r = Tri::Okant;
        if (total > 0) {
            switch (static_cast<QuantKind>(n.aux)) {
                case QuantKind::Alla: r = hits == total ? Tri::Sant : Tri::Falskt; break;
                case QuantKind::Nagon: r = hits > 0 ? Tri::Sant : Tri::Falskt; break;
                case QuantKind::Ingen: r = hits == 0 ? Tri::Sant : Tri::Falskt; break;
                default: break;
            }
        }
        if constexpr (Record) {
            TraceRead tr;
            tr.kind = ReadKind::Quantifier;
            tr.sym = n.aux;
            tr.node = i;
            tr.truth = r;
            tr.label = n.label;
            tr.count = hits;
            t_->reads.push_back(tr);
            counted(i, total, wh, wt);
        }
        return r;
    }

    EvalValue quantity(const Node& n, std::uint32_t i) {
        std::uint32_t hits = 0, total = 0;
        Decimal wh, wt;
        count(n, hits, total, &wh, &wt);
        EvalValue r;
        if (static_cast<QuantKind>(n.aux) == QuantKind::Antal) {
            // antal counts over all indicators for ej bedömd, else over the bedömda.
            r = EvalValue::number(Decimal{static_cast<double>(hits), 0});
        } else if (wt.v == 0) {
            r = EvalValue::missing(Missing::Undefined);
        } else {
            r = EvalValue::number(Decimal{wh.v * 100.0 / wt.v, -1});
        }
        if constexpr (Record) {
            TraceRead tr;
            tr.kind = ReadKind::Quantifier;
            tr.sym = n.aux;
            tr.node = i;
            tr.v = r;
            tr.label = n.label;
            tr.count = hits;
            t_->reads.push_back(tr);
            counted(i, total, wh, wt);
        }
        return r;
    }

    static constexpr std::uint8_t kUnknown = 0xFF;
    static_assert(static_cast<int>(Var::Uppnatt) < 8 && static_cast<int>(Var::Forbattrat) < 8 &&
                  static_cast<int>(Var::Forsamrat) < 8 && static_cast<int>(Var::Oforandrat) < 8);
    std::uint8_t memo_[8] = {kUnknown, kUnknown, kUnknown, kUnknown, kUnknown, kUnknown, kUnknown, kUnknown};
    const Ast& ast_;
    // The tree's arrays, held directly: reloading them through ast_ on every node cost a fifth of an untraced judgement.
    const Node* nodes_;
    const std::uint32_t* args_;
    const IndicatorFacts* f_;
    const GoalFacts* g_;
    Trace* t_;
};

}  // namespace

Tri compare(const EvalValue& a, CmpOp op, const EvalValue& b) {
    if (a.is_missing() || b.is_missing()) return Tri::Okant;
    switch (op) {
        case CmpOp::Ge: return tri_of(ge(a.lo, b.hi), gt(b.lo, a.hi));
        case CmpOp::Le: return tri_of(ge(b.lo, a.hi), gt(a.lo, b.hi));
        case CmpOp::Gt: return tri_of(gt(a.lo, b.hi), ge(b.lo, a.hi));
        case CmpOp::Lt: return tri_of(gt(b.lo, a.hi), ge(a.lo, b.hi));
        case CmpOp::Eq:
        case CmpOp::Ne: {
            Tri eq;
            if (gt(b.lo, a.hi) || gt(a.lo, b.hi)) eq = Tri::Falskt;
            else if (dec_compare(a.lo, a.hi) == 0 && dec_compare(b.lo, b.hi) == 0) eq = Tri::Sant;
            else eq = Tri::Okant;
            return op == CmpOp::Eq ? eq : tri_not(eq);
        }
    }
    return Tri::Okant;
}

Tri improved(const IndicatorFacts& f) {
    const EvalValue& v = f.helarsvarde;
    const EvalValue& p = f.foregaende;
    switch (f.direction) {
        case Direction::Oka: return compare_tol(v, CmpOp::Gt, p, f.tolerance, true);
        case Direction::Minska: return compare_tol(v, CmpOp::Lt, p, f.tolerance, false);
        case Direction::Bibehalla: return within(v, p, f.tolerance);
    }
    return Tri::Okant;
}

Tri worsened(const IndicatorFacts& f) {
    const EvalValue& v = f.helarsvarde;
    const EvalValue& p = f.foregaende;
    switch (f.direction) {
        case Direction::Oka: return compare_tol(v, CmpOp::Lt, p, f.tolerance, false);
        case Direction::Minska: return compare_tol(v, CmpOp::Gt, p, f.tolerance, true);
        case Direction::Bibehalla: return tri_not(within(v, p, f.tolerance));
    }
    return Tri::Okant;
}

Tri unchanged(const IndicatorFacts& f) { return within(f.helarsvarde, f.foregaende, f.tolerance); }

Tri target_reached(const IndicatorFacts& f) {
    const EvalValue& v = f.helarsvarde;
    switch (f.target) {
        case TargetKind::None: return improved(f);
        case TargetKind::Ge: return compare(v, CmpOp::Ge, f.target_x);
        case TargetKind::Le: return compare(v, CmpOp::Le, f.target_x);
        case TargetKind::Gt: return compare(v, CmpOp::Gt, f.target_x);
        case TargetKind::Lt: return compare(v, CmpOp::Lt, f.target_x);
        case TargetKind::Eq: return within(v, f.target_x, f.tolerance);
        case TargetKind::Between: return tri_and(compare(v, CmpOp::Ge, f.target_x), compare(v, CmpOp::Le, f.target_y));
        case TargetKind::Top: return compare(v, CmpOp::Le, f.target_x);
        case TargetKind::Bare:
            switch (f.direction) {
                case Direction::Oka: return compare(v, CmpOp::Ge, f.target_x);
                case Direction::Minska: return compare(v, CmpOp::Le, f.target_x);
                case Direction::Bibehalla: return within(v, f.target_x, f.tolerance);
            }
    }
    return Tri::Okant;
}

EvalValue goal_fulfilment(const IndicatorFacts& f, FulfilmentGap& gap) {
    using G = FulfilmentGap;
    const EvalValue& v = f.helarsvarde;
    const EvalValue& x = f.target_x;
    // A floor (>=, >, minst … or a bare target to increase) or a ceiling (<=, <, högst … or one to decrease).
    int up = 0;
    switch (f.target) {
        case TargetKind::Ge: case TargetKind::Gt: up = 1; break;
        case TargetKind::Le: case TargetKind::Lt: up = -1; break;
        case TargetKind::Bare: up = f.direction == Direction::Oka ? 1 : f.direction == Direction::Minska ? -1 : 0; break;
        default: break;
    }
    gap = f.target == TargetKind::None ? G::NoTarget
          : up == 0                    ? G::NoDirection
          : v.is_missing()             ? G::NoValue
          : x.is_missing()             ? G::TargetMissing
          : v.lo.v <= 0                ? G::ValueNotPositive
          : x.lo.v <= 0                ? G::TargetNotPositive
                                       : G::None;
    if (gap == G::NoValue) return v;
    if (gap == G::TargetMissing) return x;
    if (gap != G::None) return EvalValue::missing(Missing::Undefined);
    // Both positive, so the quotient of intervals is the quotient of their ends.
    const double lo = up > 0 ? 100.0 * v.lo.v / x.hi.v : 100.0 * x.lo.v / v.hi.v;
    const double hi = up > 0 ? 100.0 * v.hi.v / x.lo.v : 100.0 * x.hi.v / v.lo.v;
    return range(Decimal{lo, -1}, Decimal{hi, -1});
}

namespace {

// The rest of a rule through the tree, from clause `from`; out of line so
// the short way stays small.
[[gnu::noinline]] RuleRun tree_run(const Ast& ast, const IndicatorFacts& f, std::uint32_t from) {
    return Evaluator<false>(ast, &f, nullptr, nullptr).run(from);
}

// The untraced rule: the leading clauses of the usual forms (Ast::leading)
// read the facts directly, each distinct condition once, every one of them
// with no branch on how it came out: which clause decides is the data's, and
// a mispredicted branch per judgement cost more than the conditions it
// would skip. Nothing is recorded, so looking past the deciding clause
// changes nothing. What follows goes through the tree. Recording on and off
// agree (tests/test_eval.cpp).
[[gnu::flatten]] RuleRun run_untraced(const Ast& ast, const IndicatorFacts& f) {
    static_assert(static_cast<int>(Tri::Falskt) == 0 && static_cast<int>(Tri::Sant) == 1 && static_cast<int>(Tri::Okant) == 2,
                  "ClauseTest::makes_sant is indexed by Tri");
    const LeadingClauses& lead = ast.leading;
    std::uint64_t sant = lead.always;  // bit k: clause k is sant
    for (const ClauseTest& t : lead.tests) {
        Tri r;
        switch (t.shape) {
            case ClauseShape::Reached: r = target_reached(f); break;
            case ClauseShape::Improved: r = improved(f); break;
            case ClauseShape::Worsened: r = worsened(f); break;
            case ClauseShape::Unchanged: r = unchanged(f); break;
            default: {  // Missing
                const EvalValue* e = fact_of(static_cast<Var>(t.sym), f);
                if (!e) return tree_run(ast, f, 0);  // `mål` of an indicator without one
                r = static_cast<Tri>(e->is_missing());  // Sant 1, Falskt 0
            }
        }
        sant |= t.makes_sant[static_cast<int>(r)];
    }
    if (sant) {
        const int d = std::countr_zero(sant);
        return RuleRun{d, ast.clauses[d].outcome, ast.clauses[d].level};
    }
    return lead.count == ast.clauses.size() ? RuleRun{} : tree_run(ast, f, lead.count);
}

}  // namespace

template <bool Record>
RuleRun run_indicator_rule(const Ast& ast, const IndicatorFacts& f, Trace* trace) {
    if constexpr (Record) return Evaluator<true>(ast, &f, nullptr, trace).run();
    else return run_untraced(ast, f);
}
template RuleRun run_indicator_rule<true>(const Ast&, const IndicatorFacts&, Trace*);
template RuleRun run_indicator_rule<false>(const Ast&, const IndicatorFacts&, Trace*);

template <bool Record>
RuleRun run_goal_rule(const Ast& ast, const GoalFacts& g, Trace* trace) {
    return Evaluator<Record>(ast, nullptr, &g, trace).run();
}
template RuleRun run_goal_rule<true>(const Ast&, const GoalFacts&, Trace*);
template RuleRun run_goal_rule<false>(const Ast&, const GoalFacts&, Trace*);

namespace {
template <bool Record>
EvalValue expression(Evaluator<Record> e, const Ast& ast, Trace* trace) {
    std::uint32_t first = 0;
    if constexpr (Record) first = static_cast<std::uint32_t>(trace->reads.size());
    EvalValue v = e.num(ast.target_x);
    if constexpr (Record) trace->templates.push_back({first, static_cast<std::uint32_t>(trace->reads.size()) - first, v});
    return v;
}
}  // namespace

template <bool Record>
EvalValue eval_indicator_expression(const Ast& ast, const IndicatorFacts& f, Trace* trace) {
    return expression(Evaluator<Record>(ast, &f, nullptr, trace), ast, trace);
}
template EvalValue eval_indicator_expression<true>(const Ast&, const IndicatorFacts&, Trace*);
template EvalValue eval_indicator_expression<false>(const Ast&, const IndicatorFacts&, Trace*);

template <bool Record>
EvalValue eval_goal_expression(const Ast& ast, const GoalFacts& g, Trace* trace) {
    return expression(Evaluator<Record>(ast, nullptr, &g, trace), ast, trace);
}
template EvalValue eval_goal_expression<true>(const Ast&, const GoalFacts&, Trace*);
template EvalValue eval_goal_expression<false>(const Ast&, const GoalFacts&, Trace*);

EvalValue eval_target_bound(const Ast& target, std::uint32_t node, const IndicatorFacts& f) {
    if (node == kNone) return EvalValue::missing(Missing::Absent);
    const Node& n = target.nodes[node];
    if (n.kind == NodeKind::Number) return EvalValue::number(n.num);  // the usual target: a number as written
    return Evaluator<false>(target, &f, nullptr, nullptr).num(node);
}

}  // namespace malkoll
