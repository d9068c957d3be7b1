#include "engine/report/describe.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "engine/core/text.hpp"

namespace malkoll {

std::string outcome_label(Outcome o, ReportKind k) { return k == ReportKind::Delar ? word_of(o).delar : word_of(o).helar; }

const char* table_label(Outcome o) { return word_of(o).table; }

namespace {
std::string with_symbol(const ScaleLevel& l, const std::string& label) { return l.symbol.empty() ? label : l.symbol + " " + label; }
}  // namespace

std::optional<std::string> level_code(const RuleFile& f, Outcome o, std::uint8_t level) {
    if (const ScaleLevel* l = f.scale_level(o, level)) return l->code;
    return std::nullopt;
}

std::string result_label(const RuleFile& f, Outcome o, std::uint8_t level) {
    if (const ScaleLevel* l = f.scale_level(o, level)) return f.kind == ReportKind::Delar ? l->delar_label : l->label;
    return outcome_label(o, f.kind);
}

std::string shown_label(const RuleFile& f, Outcome o, std::uint8_t level) {
    if (const ScaleLevel* l = f.scale_level(o, level)) return with_symbol(*l, result_label(f, o, level));
    return outcome_label(o, f.kind);
}

std::string shown_table_label(const RuleFile& f, Outcome o, std::uint8_t level) {
    if (const ScaleLevel* l = f.scale_level(o, level)) return with_symbol(*l, l->table_label);
    return table_label(o);
}

const char* development_legend() {
    return "Utveckling jämfört med föregående år, i önskad riktning: ↑ förbättrat, → oförändrat (inom toleransen), ↓ försämrat; "
           "tomt när ett värde saknas eller förändringen inte kan avgöras.";
}

const char* development_arrow(Development d) {
    switch (d) {
        case Development::Forbattrat: return "↑";
        case Development::Oforandrat: return "→";
        case Development::Forsamrat: return "↓";
        case Development::Okant: break;
    }
    return "";
}

const char* development_word(Development d) {
    switch (d) {
        case Development::Forbattrat: return "förbättrat";
        case Development::Oforandrat: return "oförändrat";
        case Development::Forsamrat: return "försämrat";
        case Development::Okant: break;
    }
    return "";
}

std::string position_text(const Position& p) { return location_text(p); }

std::string data_value_text(const ValueStore& vs, const DataValue& v, Space sp, std::string_view unit) {
    if (v.is_status()) return std::string(vs.text(v));  // the word as the list spells it
    const std::string u(v.unit ? vs.unit(v) : unit);
    switch (v.kind) {
        case ValueKind::Number: return format_with_unit(v.lo(), u, true, sp);
        case ValueKind::Interval: return format_interval(v.lo(), v.hi(), u, true, sp);
        case ValueKind::Missing: return vs.text(v).empty() ? "i.u." : std::string(vs.text(v));
    }
    return "";
}

std::string percentage_points_text(const EvalValue& v, Space sp) {
    if (v.kind == ValueKind::Interval) return format_interval(v.lo, v.hi, kPercentagePoints, false, sp);
    std::string s = format_with_unit(v.lo, kPercentagePoints, false, sp);
    if (std::fabs(v.lo.v) == 1.0) s.resize(s.size() - 2);  // "1 procentenhet"
    return s;
}

std::string tolerance_text(const IndicatorDef& ind, Space sp) {
    // A percentage indicator's tolerance is a difference of percentages: procentenheter.
    if (ind.unit == "%") {
        std::string s = format_with_unit(ind.tolerance, kPercentagePoints, true, sp);
        if (std::fabs(ind.tolerance.v) == 1.0) s.resize(s.size() - 2);  // "1 procentenhet"
        return s;
    }
    return format_with_unit(ind.tolerance, ind.unit, true, sp);
}

std::string value_by_rule(const Assessment& a, const IndicatorDef& ind, const EvalValue& v, UnitRule rule, Space sp) {
    if (v.is_missing() || v.source >= 0 || rule == UnitRule::Indicator || rule == UnitRule::FirstArgument) return eval_value_text(a, ind, v, sp);
    if (rule == UnitRule::Year && v.kind == ValueKind::Number) return fmt::format("{}", static_cast<long long>(std::llround(v.lo.v)));
    const char* unit = rule == UnitRule::Percent ? "%" : "";
    if (v.kind == ValueKind::Interval) return format_interval(v.lo, v.hi, unit, false, sp);
    return format_with_unit(v.lo, unit, false, sp);
}

const std::string* status_word(const IndicatorDef& ind, const EvalValue& v) {
    if (!ind.status() || v.kind != ValueKind::Number) return nullptr;
    const long long at = std::llround(v.lo.v);
    return at >= 0 && static_cast<std::size_t>(at) < ind.value_scale.size() ? &ind.value_scale[static_cast<std::size_t>(at)] : nullptr;
}

std::string eval_value_text(const Assessment& a, const IndicatorDef& ind, const EvalValue& v, Space sp) {
    if (v.source >= 0) {
        const DataValue& dv = a.file->values[static_cast<std::size_t>(v.source)];
        return data_value_text(a.file->values, dv, sp, ind.unit);
    }
    if (const std::string* w = status_word(ind, v)) return *w;
    switch (v.kind) {
        case ValueKind::Number: {
            bool exact = v.lo.decimals >= 0;
            return format_with_unit(v.lo, ind.unit, exact, sp);
        }
        case ValueKind::Interval: return format_interval(v.lo, v.hi, ind.unit, v.lo.decimals >= 0, sp);
        case ValueKind::Missing: return "saknas";
    }
    return "";
}

std::string missing_value_text(const Assessment& a, const EvalValue& v) {
    std::string per = v.period.year ? v.period.spoken() : "";
    std::string what;
    switch (v.why) {
        case Missing::Marked: {
            const DataValue& dv = a.file->values[static_cast<std::size_t>(v.source)];
            // A data-lag note says when the value comes: "2024: publiceras i augusti 2025".
            if (const auto p = a.file->values.publication(dv)) {
                what = "publiceras " + p->spoken();
                break;
            }
            what = data_value_text(a.file->values, dv);
            if (std::string r = a.file->values.remark(dv); !r.empty()) what += " — " + r;
            break;
        }
        case Missing::Absent: what = "saknas"; break;
        case Missing::NoForecast: what = "ingen prognos"; break;
        case Missing::BeforeBreak: what = "före serieavbrottet, inte jämförbart"; break;
        case Missing::Undefined: what = "kan inte beräknas"; break;
        case Missing::None: break;
    }
    return per.empty() ? what : per + ": " + what;
}

namespace {

// A sentence of a footnote, ended with a full stop.
void add_footnote_part(std::string& fn, std::string part) {
    if (part.empty()) return;
    if (part.back() != '.') part += '.';
    fn += (fn.empty() ? "" : " ") + part;
}

// The start of an indicator's or a nyckeltal's footnote: its definition, its
// källa, and the values [b, e) with a källa of their own, grouped by source
// in file order with the periods each gives. The periods are named only when
// the footnote lists them (every indicator of a large file has a footnote).
std::string footnote_start(const RuleFile& f, const std::string& definition, const std::string& data_source, const DataValue* b,
                           const DataValue* e) {
    // A value's own källa, "" when it has none of its own or is after the report's period.
    auto own_source = [&](const DataValue& dv) {
        const std::string_view src = f.values.data_source(dv);
        return src == data_source || dv.period.key() > f.period.key() ? std::string_view() : src;
    };
    std::vector<std::string_view> own;
    std::uint32_t seen = 0;  // the remarks (note, kommentar, källa) of the last value looked at; 0 has no källa
    for (const DataValue* v = b; v != e; ++v) {
        if (v->remarks == seen || v->period.key() > f.period.key()) continue;  // values in a row mostly share their remarks
        seen = v->remarks;
        if (const std::string_view src = own_source(*v); !src.empty() && std::find(own.begin(), own.end(), src) == own.end()) own.push_back(src);
    }
    std::string fn;
    add_footnote_part(fn, definition);
    if (!data_source.empty()) add_footnote_part(fn, "Källa: " + data_source);
    if (own.size() == 1 && data_source.empty()) {
        add_footnote_part(fn, "Källa: " + std::string(own.front()));
    } else if (!own.empty()) {
        std::string list;
        std::vector<std::string> periods;
        for (const std::string_view src : own) {
            periods.clear();
            for (const DataValue* v = b; v != e; ++v) {
                if (own_source(*v) != src) continue;
                std::string where = v->period.label() + (v->is_main_series() ? "" : " " + f.values.series_name(*v));
                if (std::find(periods.begin(), periods.end(), where) == periods.end()) periods.push_back(std::move(where));
            }
            std::string ps;
            for (const auto& p : periods) ps += (ps.empty() ? "" : ", ") + p;
            list += (list.empty() ? "" : "; ") + std::string(src) + " (" + ps + ")";
        }
        add_footnote_part(fn, (data_source.empty() ? "Källor: " : "Andra källor: ") + list);
    }
    return fn;
}

}  // namespace

std::string indicator_footnote(const Assessment& a, std::uint32_t indicator) {
    const RuleFile& f = *a.file;
    const IndicatorDef& d = f.indicators[indicator];
    const IndicatorAssessment& facts = a.indicators[indicator];
    std::string fn = footnote_start(f, d.definition, d.data_source, facts.values, facts.values + facts.value_count);
    if (d.series_break)
        add_footnote_part(fn, fmt::format("Serieavbrott {0}: värden före {0} (markerade †) är inte jämförbara med senare och används inte i jämförelser",
                                          *d.series_break));
    if (!d.kolada.empty()) add_footnote_part(fn, "Kolada-id " + d.kolada);
    return fn;
}

std::string key_figure_footnote(const RuleFile& f, std::uint32_t row) {
    const KeyFigureRow& r = f.key_figures[row];
    const auto [b, e] = f.values.of_indicator(f.key_figure_owner(row));
    return footnote_start(f, r.definition, r.data_source, b, e);
}

std::string target_text(const Assessment& a, std::uint32_t indicator) {
    const CompiledIndicator& ci = a.model->indicators[indicator];
    return ci.target_text ? ci.target_text->text : "";
}

std::string clause_text(const CompiledRule& r, std::uint32_t clause) {
    const Clause& c = r.ast.clauses[clause];
    return r.source.substr(c.offset, c.length);
}

std::string rule_position(const SourceSet& s, const CompiledRule& r, std::uint32_t offset) {
    if (!r.text) {
        // A built-in rule has no file: point into its text, which `explain` shows.
        std::uint32_t line = 1, col = 1;
        for (std::uint32_t i = 0; i < offset && i < r.source.size(); ++i) {
            if (r.source[i] == '\n') { ++line; col = 1; }
            else if ((static_cast<unsigned char>(r.source[i]) & 0xC0) != 0x80) ++col;
        }
        return fmt::format("{}:{}:{}", r.name, line, col);
    }
    return position_text(text_position(s, *r.text, offset));
}

namespace {

const char* cmp_sign(TargetKind k, Direction d) {
    switch (k) {
        case TargetKind::Ge: return "≥";
        case TargetKind::Le: case TargetKind::Top: return "≤";
        case TargetKind::Gt: return ">";
        case TargetKind::Lt: return "<";
        case TargetKind::Eq: return "=";
        case TargetKind::Bare: return d == Direction::Oka ? "≥" : d == Direction::Minska ? "≤" : "=";
        default: return "";
    }
}

// How a comparison came out, in words: `<=` that holds is "är lika med eller
// lägre än", one that fails "är högre än".
const char* comparison_words(CmpOp op, Tri truth);

// The same for two words of a värdeskala, where later is further:
// "Pågår (2024) når Pågår", "Pågår (2024) är inte Genomfört".
const char* status_comparison_words(CmpOp op, Tri truth) {
    const bool holds = truth == Tri::Sant;
    switch (op) {
        case CmpOp::Ge: return holds ? "når" : "når inte";
        case CmpOp::Le: return holds ? "är högst" : "är längre fram än";
        case CmpOp::Gt: return holds ? "är längre fram än" : "är inte längre fram än";
        case CmpOp::Lt: return holds ? "är före" : "är inte före";
        case CmpOp::Eq: return holds ? "är" : "är inte";
        case CmpOp::Ne: return holds ? "är inte" : "är";
    }
    return "";
}

// What a derived condition or framsteg was computed from: the Operand reads
// recorded after it.
struct Operands {
    EvalValue value, bound, upper, previous, base, goal;
    int base_year = 0, goal_year = 0;
};

Operands operands_after(const TraceView& t, std::size_t k) {
    Operands o;
    o.value = o.bound = o.upper = o.previous = o.base = o.goal = EvalValue::missing(Missing::Absent);
    // A derived condition's own read holds the value it judged.
    if (t.reads[k].kind == ReadKind::Variable && var_is_derived(static_cast<Var>(t.reads[k].sym))) o.value = t.reads[k].value();
    for (std::size_t i = k + 1; i < t.reads.size() && t.reads[i].kind == ReadKind::Operand; ++i) {
        const TraceRead& r = t.reads[i];
        switch (r.role()) {
            case OperandRole::Value: o.value = r.value(); break;
            case OperandRole::Bound: o.bound = r.value(); break;
            case OperandRole::UpperBound: o.upper = r.value(); break;
            case OperandRole::Previous: o.previous = r.value(); break;
            case OperandRole::Base: o.base = r.value(); o.base_year = static_cast<int>(r.count); break;
            case OperandRole::Goal: o.goal = r.value(); o.goal_year = static_cast<int>(r.count); break;
            default: break;
        }
    }
    return o;
}

// Builds the sentence of one judgement from its trace.
class IndicatorText {
public:
    IndicatorText(const ReportInput& in, const IndicatorAssessment& ia, Space sp)
        : a_(in.assessment), ia_(ia), ind_(a_.file->indicators[ia.def]), target_(a_.model->indicators[ia.def].target->target), sp_(sp),
          rule_(a_.model->rules[a_.model->indicators[ia.def].rule]) {}

    Justification render() {
        Justification j = render_marked();
        j.body = resolve_notes(std::move(j.body));
        return j;
    }

private:
    Justification render_marked() {
        const TraceView& t = ia_.trace;
        Outcome o = ia_.rule_result;
        Justification j;
        j.label = result_label(*a_.file, o, ia_.rule_level);
        if (ia_.run.clause < 0) {
            std::vector<std::string> why;
            for (const auto& c : t.clauses)
                if (c.result == Tri::Okant) phrases(c, why, /*only=*/Tri::Okant);
            dedupe(why);
            j.body = why.empty() ? "ingen sats i regeln gällde" : join(why, "; ");
            if (j.body.back() != '.') j.body += '.';
            j.missing = unnamed_missing();
            return j;
        }
        const TraceClause& decided = t.clauses.back();
        const Clause& clause = rule_.ast.clauses[decided.clause];
        if (clause.template_text != kNone) {
            // The result leads, as in every other justification (unless the template says it itself).
            j.body = render_template(decided.clause);
            j.label_in_body = j.body.compare(0, j.label.size(), j.label) == 0;
            finish_template(j);
            return j;
        }
        std::vector<std::string> main, earlier;
        phrases(decided, main, std::nullopt);
        for (std::size_t k = 0; k + 1 < t.clauses.size(); ++k) {
            const TraceClause& c = t.clauses[k];
            if (rule_.ast.clauses[c.clause].outcome == Outcome::EjBedomd && c.result == Tri::Falskt) continue;
            phrases(c, earlier, std::nullopt);
        }
        dedupe(main);
        dedupe(earlier, main);
        // `annars`: what made the earlier clauses fail is the reason.
        if (main.empty()) std::swap(main, earlier);
        if (main.empty())
            main.push_back(clause.condition == kNone ? std::string("ingen av regelns tidigare satser gällde")
                                                     : fmt::format("enligt regeln {} ({})", rule_.name.empty() ? "i regelfilen" : rule_.name,
                                                                   clause_text(rule_, decided.clause)));
        std::string& s = j.body;
        switch (o) {
            case Outcome::Delvis:
                s += earlier.empty() ? join(main, " och ") : join(earlier, " och ") + ", men " + join(main, " och ");
                break;
            case Outcome::EjUppfyllt:
                s += join(main, " och ");
                if (!earlier.empty()) s += ", och " + join(earlier, " och ");
                break;
            default: s += join(main, " och ");
        }
        if (s.empty() || s.back() != '.') s += '.';
        j.missing = unnamed_missing();
        return j;
    }

    // A value as written; a data value's note is named with it the first time
    // the justification names the value (docs/regelfil.md), not at every
    // mention. Phrases carry a mark for the note (so that the same phrase from
    // two clauses is still one phrase); resolve_notes puts the note at the first.
    std::string v(const EvalValue& e) {
        std::string s = eval_value_text(a_, ind_, e, sp_);
        if (e.source >= 0 && !e.is_missing()) {
            const DataValue& dv = a_.file->values[static_cast<std::size_t>(e.source)];
            if (!a_.file->values.remark(dv).empty()) s += fmt::format("{}{}{}", kNoteMark, e.source, kNoteMark);
        }
        return s;
    }
    static constexpr char kNoteMark = '\x1f';  // never in a name or note: rule and data files refuse control characters
    std::string resolve_notes(std::string s) {
        if (s.find(kNoteMark) == std::string::npos) return s;
        std::string out;
        out.reserve(s.size());
        std::set<std::int32_t> noted;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] != kNoteMark) {
                // The text up to the next mark, in one piece.
                const std::size_t next = std::min(s.find(kNoteMark, i), s.size());
                out.append(s, i, next - i);
                i = next - 1;
                continue;
            }
            // Only our own marks: digits of a value's index between two marks.
            const std::size_t end = s.find(kNoteMark, i + 1);
            std::size_t source = 0;
            bool ours = end != std::string::npos && end > i + 1 && end - i - 1 <= 10;
            for (std::size_t k = i + 1; ours && k < end; ++k)
                if (s[k] < '0' || s[k] > '9') ours = false;
                else source = source * 10 + static_cast<std::size_t>(s[k] - '0');
            if (!ours || source >= a_.file->values.size()) {
                out += s[i];
                continue;
            }
            if (noted.insert(static_cast<std::int32_t>(source)).second)
                out += " [" + a_.file->values.remark(a_.file->values[source]) + "]";
            i = end;
        }
        return out;
    }

    bool forecast(const EvalValue& h) const { return ia_.on_forecast && h.source >= 0 && h.source == ia_.judged.source; }

    // "17 % (2024)", or for a delår judged on its forecast "prognosen för helåret, 158 000,".
    std::string hv(const EvalValue& h) {
        if (h.is_missing()) return missing_value_text(a_, h);
        if (forecast(h)) return fmt::format("prognosen för helåret {} ({})", v(h), a_.file->year);
        return fmt::format("{} ({}{})", v(h), h.period.month ? "per " : "", h.period.spoken());
    }

    // "17 % 2024", for use inside parentheses.
    std::string hv_plain(const EvalValue& h) {
        if (forecast(h)) return fmt::format("prognosen för helåret {} är {}", a_.file->year, v(h));
        return fmt::format("{}{} {}", v(h), h.period.month ? " per" : "", h.period.spoken());
    }

    std::string target_phrase(const Operands& op) {
        switch (target_) {
            case TargetKind::Between: return fmt::format("målet mellan {} och {}", v(op.bound), v(op.upper));
            case TargetKind::Gt: return "målet över " + v(op.bound);
            case TargetKind::Lt: return "målet under " + v(op.bound);
            case TargetKind::Top: return "målet topp " + v(op.bound);
            default: return "målvärdet " + v(op.bound);
        }
    }
    bool equality_target() const {
        return target_ == TargetKind::Eq || (target_ == TargetKind::Bare && ind_.direction == Direction::Bibehalla);
    }

    // Every missing value read is listed once; a phrase that names it itself covers it.
    void note_missing(const EvalValue& e) {
        if (e.is_missing()) {
            std::string s = missing_value_text(a_, e);
            if (named_.insert(s).second) missing_.push_back(s);
        }
    }
    void cover(const EvalValue& e) {
        note_missing(e);
        covered_.insert(missing_value_text(a_, e));
    }

    // Why `framsteg` is okänt: the reason recorded with it, with its values.
    std::string framsteg_reason(const TraceRead& r, const Operands& op) {
        const EvalValue& h = op.value;
        const EvalValue& goal = op.goal;
        auto hv = [&] { return this->hv(h); };
        auto bas_text = [&] { return fmt::format("basvärdet {} ({})", v(op.base), op.base_year); };
        switch (static_cast<FramstegGap>(r.detail)) {
            case FramstegGap::NoValue:
                cover(h);
                return value_missing(h, "värdet");
            case FramstegGap::NoBase: return "det finns inget basvärde (inget helårsvärde i serien)";
            case FramstegGap::TwoBounds: return "målet har två gränser, inte ett målvärde att nå";
            case FramstegGap::NoTarget: return "indikatorn har inget mål";
            case FramstegGap::TargetMissing:
                cover(goal);
                return fmt::format("målvärdet för {} saknas ({})", op.goal_year, missing_value_text(a_, goal));
            case FramstegGap::BaseInterval: return bas_text() + " är ett intervall";
            case FramstegGap::ValueInterval: return fmt::format("värdet {} är ett intervall", hv());
            case FramstegGap::TargetInterval: return fmt::format("målvärdet {} är ett intervall", v(goal));
            case FramstegGap::BaseNotPositive: return bas_text() + " är inte större än 0";
            case FramstegGap::ValueNotPositive: return fmt::format("värdet {} är inte större än 0", hv());
            case FramstegGap::TargetNotPositive: return fmt::format("målvärdet {} är inte större än 0", v(goal));
            case FramstegGap::BaseIsTarget: return bas_text() + " är redan målvärdet";
            case FramstegGap::NoTimeYet:
                return fmt::format("basåret {} är rapportåret; det behövs ett värde från ett tidigare år", op.base_year);
            case FramstegGap::TargetYearNotAfter:
                return fmt::format("målåret {} ligger inte efter basåret {}", op.goal_year, op.base_year);
            case FramstegGap::None: break;
        }
        return "";
    }
    // Why `måluppfyllelse` is okänt: the reason recorded with it.
    std::string fulfilment_reason(const TraceRead& r, const Operands& op) {
        switch (static_cast<FulfilmentGap>(r.detail)) {
            case FulfilmentGap::NoTarget: return "indikatorn har inget mål";
            case FulfilmentGap::NoDirection:
                switch (target_) {
                    case TargetKind::Between: return "målet har två gränser, inte en gräns att nå";
                    case TargetKind::Eq: return "målet är ett värde att ligga på, inte en gräns att nå";
                    case TargetKind::Top: return "målet är en placering, inte en gräns att nå";
                    default: return "målet ska bibehållas, inte nås";
                }
            case FulfilmentGap::NoValue:
                cover(op.value);
                return value_missing(op.value, "värdet");
            case FulfilmentGap::TargetMissing:
                cover(op.bound);
                return fmt::format("målvärdet saknas ({})", missing_value_text(a_, op.bound));
            case FulfilmentGap::ValueNotPositive: return fmt::format("värdet {} är inte större än 0", hv(op.value));
            case FulfilmentGap::TargetNotPositive: return fmt::format("målvärdet {} är inte större än 0", v(op.bound));
            case FulfilmentGap::None: break;
        }
        return "";
    }
    bool framsteg_unknown(const TraceRead& r) const {
        return r.kind == ReadKind::Variable && static_cast<Var>(r.sym) == Var::Framsteg && r.v.is_missing();
    }

    // One side of a comparison, named as a reader knows it, with the value read.
    // `partner`: the other side of the comparison, whose unit a bare number takes ("10" against 10 % is "10 %").
    std::string operand(std::uint32_t node, const EvalValue& e, std::uint32_t partner = kNone) {
        const Node& n = rule_.ast.nodes[node];
        const std::string written = rule_.source.substr(n.offset, n.length);
        if (e.is_missing()) {
            note_missing(e);
            return fmt::format("'{}' (saknas)", written);
        }
        auto dated = [&](const std::string& s) { return e.period.year ? fmt::format("{} ({})", s, e.period.spoken()) : s; };
        switch (n.kind) {
            case NodeKind::Number: {
                if (n.aux == kStatusWord) return v(e);  // "Pågår", as the list spells it
                if (n.unit >= 0 || partner == kNone) return written;
                bool year = false;
                const std::string unit = expression_unit(rule_.ast, partner, ind_.unit, &year);
                return unit.empty() || year ? written : written + (sp_ == Space::NoBreak ? "\u00A0" : " ") + unit;
            }
            case NodeKind::Variable: {
                // Named and formatted as the vocabulary says: "föregående värde 44 % (2023)", "framsteget 136,4 %", "2024".
                const Var var = static_cast<Var>(n.sym);
                const VariableWord& w = word_of(var);
                if (var == Var::Jamforelse && !ind_.comparison.empty()) return fmt::format("jämförelsen ({}) {}", ind_.comparison, v(e));
                std::string value = w.unit == UnitRule::Indicator ? v(e) : value_by_rule(a_, ind_, e, w.unit, sp_);
                if (w.unit == UnitRule::Year) return value;
                if (w.dated) value = dated(value);
                if (w.spoken) return std::string(w.spoken) + " " + value;
                return w.dated ? value : fmt::format("{} {}", w.name, value);
            }
            case NodeKind::Call:
                if (static_cast<Func>(n.sym) == Func::Varde) {
                    // A named series says which: "R9 1 060 kr/inv (2023)", "kvinnor 45 % (2023)".
                    for (std::uint32_t k = 0; k < n.count; ++k)
                        if (const Node& arg = rule_.ast.nodes[rule_.ast.args[n.first + k]]; arg.kind == NodeKind::String)
                            return fmt::format("{} {}", rule_.ast.texts[arg.text], dated(v(e)));
                    return dated(v(e));
                }
                [[fallthrough]];
            default:
                // A difference of % values is in procentenheter: "värde - föregående (3 procentenheter)".
                if (expression_unit(rule_.ast, node, ind_.unit) == kPercentagePoints) return fmt::format("{} ({})", written, percentage_points_text(e, sp_));
                return fmt::format("{} ({})", written, v(e));
        }
    }

    std::string missing_phrase(const EvalValue& e) {
        if (e.why == Missing::Absent && e.period.year) return fmt::format("värdet för {} saknas", e.period.spoken());
        return value_missing(e, "värdet");
    }

    // "värdet saknas (2024: i.u. — Kolada aug 2025)", or for a value with a
    // data-lag note "värdet för 2024 publiceras i augusti 2025".
    std::string value_missing(const EvalValue& e, std::string_view subject) {
        if (e.why == Missing::Marked && e.source >= 0)
            if (const auto p = a_.file->values.publication(a_.file->values[static_cast<std::size_t>(e.source)]))
                return fmt::format("{} för {} publiceras {}", subject, e.period.spoken(), p->spoken());
        return fmt::format("{} saknas ({})", subject, missing_value_text(a_, e));
    }

    void phrase_reached(const TraceRead& r, const Operands& op, std::vector<std::string>& out) {
        if (target_ == TargetKind::None) {
            phrase_improved(r, op, out);
            return;
        }
        const EvalValue& h = op.value;
        if (ind_.status() && (r.truth == Tri::Sant || r.truth == Tri::Falskt)) {
            // Words are not signs: "Pågår (2024) når målet minst Pågår", "målet Genomfört nås inte (Pågår 2024)".
            const char* word = target_ == TargetKind::Ge ? "minst " : target_ == TargetKind::Le ? "högst " : target_ == TargetKind::Gt ? "senare än "
                             : target_ == TargetKind::Lt ? "tidigare än " : "";
            const std::string goal = fmt::format("målet {}{}", word, v(op.bound));
            if (r.truth == Tri::Sant) out.push_back(fmt::format("{} når {}", hv(h), goal));
            else out.push_back(fmt::format("{} nås inte ({})", goal, hv_plain(h)));
            return;
        }
        if (r.truth == Tri::Sant) {
            if (target_ == TargetKind::Between) out.push_back(fmt::format("{} ligger inom {}", hv(h), target_phrase(op)));
            else if (equality_target() && ind_.tolerance.v != 0)
                out.push_back(fmt::format("{} ligger inom toleransen {} från {}", hv(h), tolerance_text(ind_, sp_),
                                          target_phrase(op)));
            else if (target_ == TargetKind::Gt || target_ == TargetKind::Lt || target_ == TargetKind::Top)
                out.push_back(fmt::format("{} når {}", hv(h), target_phrase(op)));
            else out.push_back(fmt::format("{} {} {}", hv(h), cmp_sign(target_, ind_.direction), target_phrase(op)));
        } else if (r.truth == Tri::Falskt) {
            out.push_back(fmt::format("{} nås inte ({})", target_phrase(op), hv_plain(h)));
        } else if (r.because() == Because::ValueMissing) {
            out.push_back("målet kan inte bedömas eftersom " + value_missing(h, "värdet"));
            cover(h);
        } else if (r.because() == Because::BoundMissing) {
            const EvalValue& m = op.bound.is_missing() ? op.bound : op.upper;
            std::string which = ind_.comparison.empty() ? "målvärdet" : "jämförelsevärdet (" + ind_.comparison + ")";
            out.push_back(fmt::format("målet kan inte avgöras eftersom {} saknas ({})", which, missing_value_text(a_, m)));
            cover(m);
        } else {
            out.push_back(fmt::format("målet kan inte avgöras: {} ligger på båda sidor om {}", hv(h), target_phrase(op)));
        }
    }

    void phrase_improved(const TraceRead& r, const Operands& op, std::vector<std::string>& out) {
        const EvalValue& h = op.value;
        const EvalValue& p = op.previous;
        const Tri truth = r.truth;
        const char* dir = direction_word(ind_.direction);
        std::string tol = tolerance_text(ind_, sp_);
        if (ind_.status() && ind_.direction == Direction::Oka && (truth == Tri::Sant || truth == Tri::Falskt)) {
            // A later word of the list is a step forward: "Pågår (2024), ett steg framåt från Påbörjad (2023)".
            if (truth == Tri::Sant && target_ == TargetKind::None)
                out.push_back(fmt::format("{}, ett steg framåt från {} ({})", hv(h), v(p), p.period.spoken()));
            else if (truth == Tri::Sant) out.push_back(fmt::format("det har gått framåt från {} ({})", v(p), p.period.spoken()));
            else if (r.because() == Because::Still) out.push_back(fmt::format("oförändrat sedan {}: {}", p.period.spoken(), hv(h)));
            else out.push_back(fmt::format("det har gått bakåt: {} jämfört med {} ({})", hv(h), v(p), p.period.spoken()));
            return;
        }
        if (ind_.direction == Direction::Bibehalla && truth == Tri::Sant) {
            out.push_back(fmt::format("värdet hålls inom toleransen {}: {} jämfört med {} ({})", tol, hv(h), v(p), p.period.spoken()));
        } else if (ind_.direction == Direction::Bibehalla && truth == Tri::Falskt) {
            out.push_back(fmt::format("värdet har ändrats mer än toleransen {}: {} jämfört med {} ({})", tol, hv(h), v(p), p.period.spoken()));
        } else if (truth == Tri::Sant && target_ == TargetKind::None) {
            // Without a target the value itself has not been named yet.
            out.push_back(fmt::format("utvecklingen går i önskad riktning ({}): {} jämfört med {} ({})", dir, hv(h), v(p), p.period.spoken()));
        } else if (truth == Tri::Sant) {
            out.push_back(fmt::format("utvecklingen går i önskad riktning ({}) från {} ({})", dir, v(p), p.period.spoken()));
        } else if (truth == Tri::Falskt && r.because() == Because::Still) {
            out.push_back(fmt::format("värdet står still (önskad riktning {}): {} jämfört med {} ({})", dir, hv(h), v(p), p.period.spoken()));
        } else if (truth == Tri::Falskt) {
            out.push_back(fmt::format("utvecklingen går inte i önskad riktning ({}): {} jämfört med {} ({})", dir, hv(h), v(p),
                                      p.period.spoken()));
        } else if (r.because() == Because::ValueMissing) {
            out.push_back("utvecklingen kan inte bedömas eftersom " + value_missing(h, "värdet"));
            cover(h);
        } else if (r.because() == Because::PreviousMissing) {
            out.push_back("utvecklingen kan inte bedömas eftersom " + value_missing(p, "föregående års värde"));
            cover(p);
        } else {
            out.push_back(fmt::format("utvecklingen kan inte avgöras: {} och {} ({}) överlappar", hv(h), v(p), p.period.spoken()));
        }
    }

    void phrases(const TraceClause& c, std::vector<std::string>& out, std::optional<Tri> only) {
        for (std::uint32_t k = c.first_read; k < c.first_read + c.read_count; ++k) {
            const TraceRead& r = ia_.trace.reads[k];
            if (only && r.truth != *only && r.kind != ReadKind::Straddle) continue;
            if (r.kind == ReadKind::Variable) {
                switch (static_cast<Var>(r.sym)) {
                    case Var::Uppnatt: phrase_reached(r, operands_after(ia_.trace, k), out); break;
                    case Var::Forbattrat: phrase_improved(r, operands_after(ia_.trace, k), out); break;
                    case Var::Forsamrat:
                        out.push_back(fmt::format("utvecklingen har {}gått mot önskad riktning ({})", r.truth == Tri::Sant ? "" : "inte ",
                                                  direction_word(ind_.direction)));
                        break;
                    case Var::Oforandrat:
                        out.push_back(fmt::format("värdet är {}oförändrat jämfört med {}", r.truth == Tri::Sant ? "" : "inte ",
                                                  operands_after(ia_.trace, k).previous.period.spoken()));
                        break;
                    case Var::Framsteg:
                        if (r.v.is_missing()) {
                            out.push_back("framsteg kan inte beräknas: " + framsteg_reason(r, operands_after(ia_.trace, k)));
                            covered_.insert(missing_value_text(a_, r.value()));
                        }
                        break;
                    case Var::Maluppfyllelse:
                        if (r.v.is_missing()) {
                            out.push_back("måluppfyllelsen kan inte beräknas: " + fulfilment_reason(r, operands_after(ia_.trace, k)));
                            covered_.insert(missing_value_text(a_, r.value()));
                        }
                        break;
                    default:
                        // A number read: named with its note in the closing "Saknas:" sentence.
                        note_missing(r.value());
                }
            } else if (r.kind == ReadKind::Function) {
                Func fn = static_cast<Func>(r.sym);
                if ((fn == Func::Saknas && r.truth == Tri::Sant) || (fn == Func::Finns && r.truth == Tri::Falskt)) {
                    out.push_back(missing_phrase(r.value()));
                    cover(r.value());
                } else if (r.v.is_missing() && (fn == Func::MedelAr || fn == Func::SummaAr)) {
                    // The first year that was missing: "medel_år(3) kan inte beräknas: värdet för 2022 saknas (…)".
                    const EvalValue e = r.value();
                    const Node& call = rule_.ast.nodes[r.node];
                    const std::string why = e.why == Missing::BeforeBreak
                                                ? fmt::format("{} ligger före serieavbrottet {}", e.period.spoken(), ind_.series_break.value_or(0))
                                                : missing_phrase(e);
                    out.push_back(fmt::format("{} kan inte beräknas: {}", rule_.source.substr(call.offset, call.length), why));
                    cover(e);
                } else if (r.v.is_missing() && fn != Func::Saknas && fn != Func::Finns) {
                    out.push_back(fmt::format("{} saknas", missing_value_text(a_, r.value())));
                    cover(r.value());
                }
            } else if (r.kind == ReadKind::Straddle) {
                out.push_back(fmt::format("'{}' kan inte avgöras: ett intervall ligger på båda sidor om gränsen",
                                          rule_.source.substr(rule_.ast.nodes[r.node].offset, rule_.ast.nodes[r.node].length)));
            } else if (r.kind == ReadKind::Compare && k + 1 < c.first_read + c.read_count) {
                // "1 402 kr/inv (2024) är högre än jämförelsen (R9) 1 105 kr/inv": both sides as read.
                const Node& cmp = rule_.ast.nodes[r.node];
                const TraceRead& right = ia_.trace.reads[k + 1];
                const bool words = ind_.status() && status_word(ind_, r.value());
                out.push_back(fmt::format("{} {} {}", operand(cmp.a, r.value(), cmp.b),
                                          words ? status_comparison_words(static_cast<CmpOp>(r.sym), r.truth)
                                                : comparison_words(static_cast<CmpOp>(r.sym), r.truth),
                                          operand(cmp.b, right.value(), cmp.a)));
            }
        }
    }

    // The template's text with each `{expression}` replaced by its recorded value.
    std::string render_template(std::uint32_t clause) {
        std::string out;
        std::size_t k = 0;
        for (const auto& part : rule_.templates[clause]) {
            if (!part.is_expression) {
                out += part.text;
                continue;
            }
            const EvalValue e = ia_.trace.templates[k++].value.value();
            note_missing(e);
            out += template_value_text(a_, part.expression, e, ind_.unit, sp_, &ind_);
        }
        return out;
    }

    // Every missing value a deciding clause read, unless a phrase named it.
    std::vector<std::string> unnamed_missing() const {
        std::vector<std::string> rest;
        for (const auto& m : missing_)
            if (!covered_.count(m)) rest.push_back(m);
        return rest;
    }
    void finish_template(Justification& j) {
        // After a template, missing inputs read by the clauses are added as one sentence.
        for (const auto& c : ia_.trace.clauses)
            for (std::uint32_t k = c.first_read; k < c.first_read + c.read_count; ++k) {
                const TraceRead& r = ia_.trace.reads[k];
                if (r.kind == ReadKind::Variable && var_is_derived(static_cast<Var>(r.sym))) {
                    const Operands op = operands_after(ia_.trace, k);
                    note_missing(op.value);
                    const bool on_target = static_cast<Var>(r.sym) == Var::Uppnatt && target_ != TargetKind::None;
                    note_missing(on_target ? op.bound : op.previous);
                } else if (r.kind != ReadKind::Operand || r.role() == OperandRole::Right) {
                    note_missing(r.value());
                }
            }
        // An okänt framsteg, read by a clause or written in the template, gets
        // its reason as a sentence of its own instead of "kan inte beräknas".
        std::string why_framsteg;
        for (std::size_t k = 0; k < ia_.trace.reads.size() && why_framsteg.empty(); ++k)
            if (framsteg_unknown(ia_.trace.reads[k])) {
                why_framsteg = "Framsteg kan inte beräknas: " + framsteg_reason(ia_.trace.reads[k], operands_after(ia_.trace, k)) + ".";
                covered_.insert(missing_value_text(a_, ia_.trace.reads[k].value()));
            }
        j.missing = unnamed_missing();
        j.reason = std::move(why_framsteg);
    }

    // The same phrase twice (uppnått without a target is förbättrat) is said once.
    static void dedupe(std::vector<std::string>& v, const std::vector<std::string>& already = {}) {
        std::vector<std::string> out;
        for (auto& s : v)
            if (std::find(out.begin(), out.end(), s) == out.end() && std::find(already.begin(), already.end(), s) == already.end())
                out.push_back(s);
        v = std::move(out);
    }

    static std::string join(const std::vector<std::string>& v, const char* sep) {
        std::string s;
        for (std::size_t i = 0; i < v.size(); ++i) s += (i ? sep : "") + v[i];
        return s;
    }

    const Assessment& a_;
    const IndicatorAssessment& ia_;
    const IndicatorDef& ind_;
    const TargetKind target_;  // the kind of the indicator's `mål`
    Space sp_;
    const CompiledRule& rule_;
    std::set<std::string> named_, covered_;
    std::vector<std::string> missing_;
};

}  // namespace

std::string template_value_text(const Assessment& a, const Ast& expr, const EvalValue& e, const std::string& unit, Space sp,
                                const IndicatorDef* ind) {
    if (e.is_missing()) return e.source >= 0 ? data_value_text(a.file->values, a.file->values[static_cast<std::size_t>(e.source)], sp) : "saknas";
    if (ind)
        if (const std::string* w = status_word(*ind, e)) return *w;
    bool year = false;
    std::string u = expression_unit(expr, expr.target_x, unit, &year);
    if (e.source >= 0) {
        const DataValue& dv = a.file->values[static_cast<std::size_t>(e.source)];
        std::string s = data_value_text(a.file->values, dv, sp, u);
        if (std::string r = a.file->values.remark(dv); !r.empty()) s += " (" + r + ")";
        return s;
    }
    if (year && u.empty() && e.kind == ValueKind::Number) return fmt::format("{}", static_cast<long long>(std::llround(e.lo.v)));
    if (e.kind == ValueKind::Interval) return format_interval(e.lo, e.hi, u, false, sp);
    std::string s = format_with_unit(e.lo, u, false, sp);
    // "1 procentenhet", "-1 procentenhet", but "0,5 procentenheter".
    if (u == kPercentagePoints && e.kind == ValueKind::Number && std::fabs(e.lo.v) == 1.0) s.resize(s.size() - 2);
    return s;
}

namespace {

// A number of a goal rule: a share "75 %", a weight "3" or "2,5".
std::string goal_number(double v, const char* unit) { return format_with_unit(Decimal{v, -1}, unit, false, Space::Normal); }

// One side of a goal rule's comparison: a quantity with what it counted
// ("andel uppfyllt 75 %, viktat: vikt 3 av 4"; "antal ej bedömd 1"), a number as written.
std::string goal_operand(const CompiledRule& r, const TraceView& t, const TraceClause& c, std::uint32_t node, const EvalValue& e) {
    const Node& n = r.ast.nodes[node];
    const std::string written = r.source.substr(n.offset, n.length);
    if (n.kind == NodeKind::Number) return written;
    if (e.is_missing()) return written + " (kan inte beräknas)";
    if (n.kind == NodeKind::Quantifier)
        for (std::uint32_t k = c.first_read; k < c.first_read + c.read_count; ++k) {
            const TraceRead& q = t.reads[k];
            if (q.kind != ReadKind::Quantifier || q.node != node) continue;
            if (static_cast<QuantKind>(q.sym) == QuantKind::Antal) return fmt::format("{} {}", written, q.count);
            std::string s = fmt::format("{} {}", written, goal_number(e.lo.v, "%"));
            // The set counted follows the quantifier; weighted when the weights are not all 1.
            const TraceRead& set = t.reads[k + 1];
            if (set.v.hi != static_cast<double>(set.count))
                return s + fmt::format(" (viktat: vikt {} av {})", goal_number(set.v.lo, ""), goal_number(set.v.hi, ""));
            return s + fmt::format(" ({} av {})", q.count, set.count);
        }
    return fmt::format("{} {}", written, goal_number(e.lo.v, ""));
}

const char* comparison_words(CmpOp op, Tri truth) {
    const bool holds = truth == Tri::Sant;
    switch (op) {
        case CmpOp::Ge: return holds ? "är lika med eller högre än" : "är lägre än";
        case CmpOp::Le: return holds ? "är lika med eller lägre än" : "är högre än";
        case CmpOp::Gt: return holds ? "är högre än" : "är inte högre än";
        case CmpOp::Lt: return holds ? "är lägre än" : "är inte lägre än";
        case CmpOp::Eq: return holds ? "är lika med" : "skiljer sig från";
        case CmpOp::Ne: return holds ? "skiljer sig från" : "är lika med";
    }
    return "";
}

// The comparisons a goal rule's clause decided, in words.
// What indikator(id) or resultat(id) names, as a reader knows it: its name in quotes.
// In a roll-up, a nämnd's goal or indicator (resultat(NÄMND/ID)) is named with its nämnd.
std::string named_result(const Model& m, const CompiledRule& r, const Node& n) {
    const bool of_committee = n.aux == kResultOf && n.first != 0 && n.first <= m.committees.size();
    const RuleFile& f = of_committee ? *m.committees[n.first - 1]->file : *m.file;
    const std::string& id = r.ast.texts[n.text];
    std::string name = id;
    if (n.aux == kResultOf && n.b != kNone) {
        switch (static_cast<ResultKind>(n.sym)) {
            case ResultKind::Indicator: name = f.indicators[n.b].name; break;
            case ResultKind::Goal: name = f.goals[n.b].name; break;
            case ResultKind::MunicipalGoal: name = f.municipal_goals[n.b].name; break;
            case ResultKind::Area: name = f.areas[n.b].name; break;
        }
    } else {
        for (const auto& ind : f.indicators)
            if (ind.id == id) name = ind.name;
    }
    if (of_committee) return "”" + name + "” (" + f.committee + ")";
    return "”" + name + "”";
}

std::vector<std::string> goal_comparisons(const Model& f, const CompiledRule& r, const TraceView& t, std::uint32_t clause) {
    std::vector<std::string> out;
    for (const TraceClause& c : t.clauses) {
        if (c.clause != clause) continue;
        for (std::uint32_t k = c.first_read; k < c.first_read + c.read_count; ++k) {
            const TraceRead& cmp = t.reads[k];
            if (cmp.kind == ReadKind::Indicator) {
                // "”Budget i balans” är delvis uppfyllt": the result a clause read, named.
                const Node& n = r.ast.nodes[cmp.node];
                const Outcome o = static_cast<Outcome>(static_cast<std::uint8_t>(cmp.label));
                // With `skala`: the level's name as a rule writes it ("är i hög grad uppfyllt").
                std::string word = word_of(o).word;
                if (cmp.count < f.file->scale.size()) {
                    word = f.file->scale[cmp.count].label;
                    if (!word.empty() && word[0] >= 'A' && word[0] <= 'Z') word[0] = static_cast<char>(word[0] - 'A' + 'a');
                }
                out.push_back(fmt::format("{} är {}", named_result(f, r, n), word));
                continue;
            }
            if (cmp.kind != ReadKind::Compare || k + 1 >= c.first_read + c.read_count) continue;
            const Node& n = r.ast.nodes[cmp.node];
            out.push_back(fmt::format("{} {} {}", goal_operand(r, t, c, n.a, cmp.value()), comparison_words(static_cast<CmpOp>(cmp.sym), cmp.truth),
                                      goal_operand(r, t, c, n.b, t.reads[k + 1].value())));
        }
    }
    return out;
}

const char* plural_result(Outcome o, bool many) { return many ? word_of(o).many : word_of(o).one; }

}  // namespace

std::string Justification::text() const {
    std::string s = label.empty() || label_in_body ? body : label + ": " + body;
    // A sentence after another, with one space between.
    auto sentence = [&](const std::string& part) {
        if (!s.empty() && s.back() != ' ') s += ' ';
        s += part;
    };
    if (!missing.empty()) {
        std::string list;
        for (std::size_t i = 0; i < missing.size(); ++i) list += (i ? "; " : "") + missing[i];
        sentence("Saknas: " + list);
        if (s.back() != '.') s += '.';
    }
    if (!reason.empty()) sentence(reason);
    return s;
}

std::string Justification::without_label() const {
    Justification rest = *this;
    if (label_in_body) {
        const std::string prefix = label + ": ";
        if (body.compare(0, prefix.size(), prefix) != 0) return text();  // the template's own words
        rest.body = body.substr(prefix.size());
    }
    rest.label.clear();
    rest.label_in_body = false;
    std::string s = rest.text();
    // The sentence starts with a capital letter (ASCII and å, ä, ö; others are kept).
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    else if (s.compare(0, 2, "å") == 0) s.replace(0, 2, "Å");
    else if (s.compare(0, 2, "ä") == 0) s.replace(0, 2, "Ä");
    else if (s.compare(0, 2, "ö") == 0) s.replace(0, 2, "Ö");
    return s;
}

Justification indicator_justification(const ReportInput& in, const IndicatorAssessment& ia, Space sp) {
    if (!in.assessment.judged) return {};
    return IndicatorText(in, ia, sp).render();
}

Justification goal_justification(const ReportInput& in, const GoalAssessment& ga, GoalLevel level) {
    const Assessment& a = in.assessment;
    const RuleFile& f = *a.file;
    if (!a.judged) return {};
    Justification j;
    j.label = result_label(f, ga.rule_result, ga.rule_level);
    // The children and their word: a nämndmål's indicators, a kommunmål's nämndmål, a
    // målområde's kommunmål (nämndmål in a plan with two levels); under `nivåer` no word.
    const bool two_level = level == GoalLevel::Area && f.areas[ga.def].municipal_goals.empty();
    const std::string& given = level == GoalLevel::MunicipalGoal || (level == GoalLevel::Area && two_level) ? f.words.goal : f.words.municipal_goal;
    const std::string child = !given.empty() ? std::string() : (level == GoalLevel::Area && !two_level) ? "kommunmål" : "nämndmål";
    if (!ga.evaluated) {
        if (level == GoalLevel::Goal) j.body = "målet har inga indikatorer och kan bara bedömas manuellt.";
        else if (level == GoalLevel::MunicipalGoal) j.body = "inget nämndmål hör till målet.";
        else j.body = two_level ? "inget nämndmål hör till målområdet." : "inget kommunmål hör till målområdet.";
        return j;
    }
    const CompiledGoal& cg = level == GoalLevel::Goal ? a.model->goals[ga.def]
                             : level == GoalLevel::MunicipalGoal ? a.model->municipal_goals[ga.def]
                                                                 : a.model->areas[ga.def];
    const CompiledRule& r = a.model->rules[cg.rule];
    if (ga.run.clause >= 0) {
        const auto& parts = r.templates.empty() ? std::vector<TemplatePart>{} : r.templates[static_cast<std::size_t>(ga.run.clause)];
        if (!parts.empty()) {
            // The template's text, led by the result as every justification (unless it says it itself).
            std::size_t k = 0;
            for (const auto& part : parts)
                j.body += part.is_expression ? template_value_text(a, part.expression, ga.trace.templates[k++].value.value(), "", Space::Normal)
                                             : part.text;
            j.label_in_body = j.body.compare(0, j.label.size(), j.label) == 0;
            return j;
        }
    }
    std::uint32_t n[4] = {0, 0, 0, 0};
    for (Outcome o : ga.inputs) ++n[static_cast<int>(o)];
    std::string& s = j.body;
    if (level != GoalLevel::Goal) {
        // "5 av 8 nämndmål är uppfyllda, 2 delvis uppfyllda, 1 ej bedömt": every child counted by result.
        static const char* const one[] = {"uppfyllt", "delvis uppfyllt", "ej uppfyllt", "ej bedömt"};
        static const char* const many[] = {"uppfyllda", "delvis uppfyllda", "ej uppfyllda", "ej bedömda"};
        std::string list;
        for (int o = 0; o < 4; ++o) {
            if (!n[o]) continue;
            if (list.empty())
                list = fmt::format("{} av {}{} är {}", n[o], ga.inputs.size(), child.empty() ? "" : " " + child, n[o] == 1 ? one[o] : many[o]);
            else
                list += fmt::format(", {} {}", n[o], n[o] == 1 ? one[o] : many[o]);
        }
        s += list;
    } else if (!ga.inputs.empty()) {
        std::uint32_t judged = n[0] + n[1] + n[2];
        std::vector<std::string> parts;
        for (Outcome o : {Outcome::Uppfyllt, Outcome::Delvis, Outcome::EjUppfyllt})
            if (n[static_cast<int>(o)]) parts.push_back(fmt::format("{} {}", n[static_cast<int>(o)], plural_result(o, n[static_cast<int>(o)] > 1)));
        if (judged == 0) {
            s += ga.inputs.size() == 1 ? std::string("målets indikator kunde inte bedömas")
                                       : fmt::format("ingen av målets {} indikatorer kunde bedömas", ga.inputs.size());
        } else if (parts.size() == 1) {
            Outcome only = n[0] ? Outcome::Uppfyllt : n[1] ? Outcome::Delvis : Outcome::EjUppfyllt;
            s += judged == 1 ? fmt::format("den bedömda indikatorn är {}", plural_result(only, false))
                             : fmt::format("alla {} bedömda indikatorer är {}", judged, plural_result(only, true));
        } else {
            s += fmt::format("av {} bedömda indikatorer är {}", judged, word_list(parts, " och "));
        }
        if (judged > 0 && n[3]) s += n[3] == 1 ? "; 1 indikator kunde inte bedömas" : fmt::format("; {} indikatorer kunde inte bedömas", n[3]);
    }
    if (ga.run.clause >= 0) {
        if (r.origin != RuleOrigin::Builtin) {
            // What the deciding clause compared, or for `annars` why the clauses before it failed.
            std::vector<std::string> why = goal_comparisons(*a.model, r, ga.trace, static_cast<std::uint32_t>(ga.run.clause));
            if (why.empty())
                for (std::size_t k = 0; k + 1 < ga.trace.clauses.size(); ++k) {
                    std::vector<std::string> w = goal_comparisons(*a.model, r, ga.trace, ga.trace.clauses[k].clause);
                    why.insert(why.end(), w.begin(), w.end());
                }
            if (const std::string list = word_list(why, " och "); !list.empty()) s += (s.empty() ? "" : "; ") + list;
        }
    } else {
        s += s.empty() ? "ingen sats i regeln gällde" : "; ingen sats i regeln gällde";
    }
    if (s.empty()) s = fmt::format("enligt regeln {}", r.name.empty() ? "i regelfilen" : r.name);
    s += ".";
    return j;
}

}  // namespace malkoll
