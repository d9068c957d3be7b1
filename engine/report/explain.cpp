// `malkoll explain`: how one judgement was derived, as a readable tree or as
// the same trace record as the JSON report.
#include <optional>

#include <fmt/format.h>

#include "engine/core/json_writer.hpp"
#include "engine/core/text.hpp"
#include "engine/report/render.hpp"
#include "engine/report/trace_json.hpp"

namespace malkoll {

namespace {

// How positions are written: for the auditor FILE:LINE:COL; in the HTML
// report, for a reader of a public report, "regelfilen rad 42" and the
// built-in rules by name only.
struct Style {
    Space sp = Space::Normal;
    bool public_view = false;
    const std::string* rule_file = nullptr;

    std::string where(const Position& p) const {
        if (!public_view) return position_text(p);
        std::string file = p.file == *rule_file ? "regelfilen" : "datafilen " + p.file.substr(p.file.rfind('/') + 1);
        if (!p.sheet.empty()) return p.line ? fmt::format("{}, bladet {}, cell {}", file, p.sheet, cell_reference(p.line, p.col)) : file;
        return p.line ? fmt::format("{} rad {}", file, p.line) : file;
    }
    std::string at(const Position& p) const { return "  [" + where(p) + "]"; }
};

// `s` and spaces up to `width` characters, then one more: a column of the values' list.
void padded(std::ostream& out, std::string_view s, std::size_t width) {
    out << s;
    for (std::size_t n = utf8_length(s); n < width; ++n) out << ' ';
    out << ' ';
}

const char* origin_text(RuleOrigin o) {
    switch (o) {
        case RuleOrigin::Own: return "egen regel";
        case RuleOrigin::Named: return "namngiven regel";
        case RuleOrigin::Standard: return "standardregel";
        case RuleOrigin::Builtin: return "inbyggd regel";
    }
    return "";
}

std::string value_line(const ReportInput& in, const IndicatorDef& ind, const EvalValue& v, const Style& st) {
    const Space sp = st.sp;
    const Assessment& a = in.assessment;
    std::string s = v.is_missing() ? missing_value_text(a, v) : eval_value_text(a, ind, v, sp) + (v.period.year ? " (" + v.period.spoken() + ")" : "");
    if (v.source >= 0) {
        const ValueStore& vs = a.file->values;
        const DataValue& dv = vs[static_cast<std::size_t>(v.source)];
        s += fmt::format(" · {}", st.where(vs.cited_position(dv)));
        const std::string_view src = vs.data_source(dv).empty() ? std::string_view(ind.data_source) : vs.data_source(dv);
        if (!src.empty()) s += " · källa: " + std::string(src);
        if (std::string r = vs.remark(dv); !r.empty() && !dv.is_missing()) s += " · not: " + r;
    }
    return s;
}

// The Operand reads after read k: what a derived condition, framsteg or a quantifier was computed from.
const TraceRead* operand_after(const TraceView& t, std::size_t k, OperandRole role) {
    for (std::size_t i = k + 1; i < t.reads.size() && t.reads[i].kind == ReadKind::Operand; ++i)
        if (t.reads[i].role() == role) return &t.reads[i];
    return nullptr;
}

// The reads [first, end) of a trace, one line each (with what a derived
// condition compared below it). `ast` and `text` are what the reads' nodes
// point into: the rule, or one template expression and its text.
void print_reads(const ReportInput& in, const Ast& ast, std::string_view text, const TraceView& t, std::uint32_t first, std::uint32_t end,
                 const IndicatorDef* ind, const Style& st, std::ostream& out) {
    const Space sp = st.sp;
    auto line = [&](const char* label, const TraceRead* r) {
        if (r) out << "         " << label << ": " << value_line(in, *ind, r->value(), st) << "\n";
    };
    for (std::uint32_t k = first; k < end; ++k) {
        const TraceRead& r = t.reads[k];
        const Node& n = ast.nodes[r.node];
        std::string what(text.substr(n.offset, n.length));
        switch (r.kind) {
            case ReadKind::Variable:
                if (ind && var_is_derived(static_cast<Var>(r.sym))) {
                    // What it compared, as recorded with it.
                    out << fmt::format("       {} = {}\n", var_name(static_cast<Var>(r.sym)), tri_word(r.truth));
                    line("helårsvärde", &r);
                    line("målvärde", operand_after(t, k, OperandRole::Bound));
                    line("övre gräns", operand_after(t, k, OperandRole::UpperBound));
                    line("föregående", operand_after(t, k, OperandRole::Previous));
                } else if (ind) {
                    // In the unit the vocabulary gives it: "framsteg = 136,4 %", "år = 2024".
                    const EvalValue v = r.value();
                    const UnitRule unit = word_of(static_cast<Var>(r.sym)).unit;
                    out << fmt::format("       {} = {}\n", var_name(static_cast<Var>(r.sym)),
                                       unit != UnitRule::Indicator && !v.is_missing() ? value_by_rule(in.assessment, *ind, v, unit, sp)
                                                                                      : value_line(in, *ind, v, st));
                    if (static_cast<Var>(r.sym) == Var::Framsteg) {
                        // What it was computed from, so an okänt can be told apart (docs/framsteg.md).
                        const TraceRead* bas = operand_after(t, k, OperandRole::Base);
                        const TraceRead* goal = operand_after(t, k, OperandRole::Goal);
                        out << "         bas: " << value_line(in, *ind, bas->value(), st)
                            << (bas->count ? fmt::format(" · basår {}", bas->count) : std::string(" · inget basår")) << "\n";
                        line("helårsvärde", operand_after(t, k, OperandRole::Value));
                        out << "         mål: " << value_line(in, *ind, goal->value(), st) << " · målår " << goal->count << "\n";
                    }
                    if (static_cast<Var>(r.sym) == Var::Maluppfyllelse) {
                        line("helårsvärde", operand_after(t, k, OperandRole::Value));
                        line("målvärde", operand_after(t, k, OperandRole::Bound));
                    }
                }
                break;
            case ReadKind::Function:
                if (ind) out << fmt::format("       {} → {}\n", what, r.truth != Tri::Okant ? tri_word(r.truth) : value_line(in, *ind, r.value(), st));
                break;
            case ReadKind::Quantifier: {
                // The set it counted follows it.
                const TraceRead& set = t.reads[k + 1];
                const EvalValue v = r.value();
                if (word_of(static_cast<QuantKind>(r.sym)).type == WordType::Condition) out << fmt::format("       {} = {} ({} av {})\n", what, tri_word(r.truth), r.count, set.count);
                else if (static_cast<QuantKind>(r.sym) == QuantKind::Andel && set.v.hi != static_cast<double>(set.count))
                    // Weighted: the indicators' weights are listed above.
                    out << fmt::format("       {} = {} ({} av {}; viktat: vikt {} av {})\n", what,
                                       v.is_missing() ? "okänt" : format_with_unit(v.lo, "%", false, sp), r.count, set.count,
                                       format_number(Decimal{set.v.lo, -1}, false, sp), format_number(Decimal{set.v.hi, -1}, false, sp));
                else out << fmt::format("       {} = {} ({} av {})\n", what, v.is_missing() ? "okänt"
                                        : static_cast<QuantKind>(r.sym) == QuantKind::Andel ? format_with_unit(v.lo, "%", false, sp)
                                                                                            : format_number(v.lo, false, sp), r.count, set.count);
                break;
            }
            case ReadKind::Indicator:
                out << fmt::format("       {}: {} → {}\n", what, shown_label(*in.assessment.file, static_cast<Outcome>(static_cast<std::uint8_t>(r.label)),
                                                                      r.count < in.assessment.file->scale.size() ? static_cast<std::uint8_t>(r.count) : kNoLevel), tri_word(r.truth));
                break;
            case ReadKind::Straddle:
                out << fmt::format("       {}: ett intervall ligger på båda sidor om gränsen → okänt\n", what);
                break;
            case ReadKind::Missing:
                out << fmt::format("       {}: kan inte beräknas (division med ett intervall som innehåller 0) → okänt\n", what);
                break;
            case ReadKind::Compare:
                // Both sides, the right one from the Operand read that follows.
                what = std::string(text.substr(ast.nodes[n.a].offset, ast.nodes[n.b].offset + ast.nodes[n.b].length - ast.nodes[n.a].offset));
                if (ind && k + 1 < end) {
                    // Both sides in the comparison's unit: framsteg and måluppfyllelse in %, a year without one.
                    bool year = false;
                    const std::string unit = expression_unit(ast, n.a, ind->unit, &year);
                    auto side = [&](const EvalValue& e) {
                        if (e.is_missing() || unit == ind->unit) return eval_value_text(in.assessment, *ind, e, sp);
                        if (unit == kPercentagePoints) return percentage_points_text(e, sp);
                        return value_by_rule(in.assessment, *ind, e, year ? UnitRule::Year : unit == "%" ? UnitRule::Percent : UnitRule::None, sp);
                    };
                    out << fmt::format("       {} → {}: {} mot {}\n", what, tri_word(r.truth), side(r.value()), side(t.reads[k + 1].value()));
                }
                else if (k + 1 < end) {
                    // A goal rule: a share of indicators is in %.
                    const Node& left = ast.nodes[n.a];
                    const char* unit = left.kind == NodeKind::Quantifier && static_cast<QuantKind>(left.aux) == QuantKind::Andel ? "%" : "";
                    out << fmt::format("       {} → {}: {} mot {}\n", what, tri_word(r.truth), format_with_unit(r.value().lo, unit, false, sp),
                                       format_with_unit(t.reads[k + 1].value().lo, unit, false, sp));
                }
                else
                    out << fmt::format("       {} → {}\n", what, tri_word(r.truth));
                break;
            case ReadKind::Operand: break;  // shown with its comparison
        }
    }
}

void clauses(const ReportInput& in, const CompiledRule& rule, const TraceView& t, int decided, const IndicatorDef* ind,
             const Style& st, std::ostream& out) {
    if (rule.origin == RuleOrigin::Builtin) {
        if (st.public_view) out << "Regel: den " << (rule.name == "inbyggd målregel" ? "inbyggda målregeln" : "inbyggda indikatorregeln")
                                << ", som gäller när ingen egen regel finns\n";
        else out << "Regel: " << rule.name << ", används när ingen egen regel finns\n";
    } else if (st.public_view) {
        out << "Regel: " << (rule.name.empty() ? std::string(origin_text(rule.origin)) : "regeln " + rule.name)
            << (rule.text ? " (" + st.where(text_position(in.sources, *rule.text, 0)) + ")" : std::string()) << "\n";
    } else {
        out << "Regel: " << (rule.name.empty() ? std::string(origin_text(rule.origin)) : rule.name + " (" + origin_text(rule.origin) + ")")
            << "  [" << rule_position(in.sources, rule, 0) << "]\n";
    }
    for (const auto& c : t.clauses) {
        const Clause& cl = rule.ast.clauses[c.clause];
        // A public reader gets no position inside a built-in rule's text.
        const std::string where = !st.public_view ? "  [" + rule_position(in.sources, rule, cl.offset) + "]"
                                  : rule.text ? st.at(text_position(in.sources, *rule.text, cl.offset)) : std::string();
        out << fmt::format("  {}. {}{}  → {}{}\n", c.clause + 1, clause_text(rule, c.clause), where, tri_word(c.result),
                           static_cast<int>(c.clause) == decided ? "  ← avgör" : "");
        print_reads(in, rule.ast, rule.source, t, c.first_read, c.first_read + c.read_count, ind, st, out);
    }
    if (decided < 0) out << "  Ingen sats gällde: resultatet blir ej bedömd.\n";
    // The template's values: where every number of the justification came from.
    if (decided >= 0 && !t.templates.empty() && !rule.templates.empty()) {
        out << "Motiveringsmallens värden:\n";
        std::size_t k = 0;
        for (const TemplatePart& part : rule.templates[static_cast<std::size_t>(decided)]) {
            if (!part.is_expression || k >= t.templates.size()) continue;
            const TraceTemplate& tt = t.templates[k++];
            // As the justification shows it.
            const std::string shown = template_value_text(in.assessment, part.expression, tt.value.value(), ind ? ind->unit : "", st.sp, ind);
            out << "  {" << part.text << "} = " << shown << "\n";
            print_reads(in, part.expression, part.text, t, tt.first_read, tt.first_read + tt.read_count, ind, st, out);
        }
    }
}

}  // namespace

void render_explain_text(const ReportInput& in, const ExplainTarget& target, std::ostream& out, Space sp, bool public_view) {
    const Assessment& a = in.assessment;
    const RuleFile& f = *a.file;
    const Style st{sp, public_view, &f.path};
    if (target.indicator >= 0) {
        const IndicatorAssessment& ia = a.indicators[static_cast<std::size_t>(target.indicator)];
        const IndicatorDef& d = f.indicators[ia.def];
        const CompiledIndicator& ci = a.model->indicators[ia.def];
        out << "Indikator " << d.id << ": " << d.name << st.at(d.pos) << "\n";
        out << "Nämndmål: " << f.goals[d.goal].name << "\n";
        out << "Önskad riktning: " << direction_word(d.direction);
        if (ci.target_text) out << " · mål: " << ci.target_text->text << st.at(text_position(in.sources, *ci.target_text, 0));
        else out << " · inget målvärde (bara riktningen)";
        if (d.tolerance.v != 0) out << " · tolerans: " << tolerance_text(d, sp);
        out << "\n";
        if (f.kind == ReportKind::Delar)
            out << "Helårsvärde: " << value_line(in, d, ia.judged.value(), st)
                << (ia.on_forecast ? " — prognosen bedöms" : d.accumulated ? " — ackumulerad utan prognos" : " — värdet per " + f.period.spoken()) << "\n";
        if (!a.judged) {
            out << "Budget: inga bedömningar görs; indikatorn visas med mål och värden.\n";
        } else {
            clauses(in, a.model->rules[ci.rule], ia.trace, ia.run.clause, &d, st, out);
            out << "Regelns resultat: " << shown_label(f, ia.rule_result, ia.rule_level) << "\n";
            if (ia.manual)
                out << "Manuell bedömning: " << shown_label(f, ia.result, ia.level) << " — motivering: " << d.manual->motivering
                    << ((ia.result != ia.rule_result || ia.level != ia.rule_level) ? " (avviker från regelns)" : "") << "\n";
            // The HTML report shows the justification above its derivation.
            if (!public_view) out << "Motivering: " << indicator_justification(in, ia, sp).text() << "\n";
            // Each series judged apart, by the same rule on its own values.
            for (std::uint32_t k = 0; k < ia.series_count; ++k) {
                const IndicatorAssessment& s = a.series[ia.first_series + k];
                out << "Serien " << d.judged_series[static_cast<std::size_t>(s.judged_series)] << ", bedömd för sig med samma regel:\n";
                if (f.kind == ReportKind::Delar)
                    out << "Helårsvärde: " << value_line(in, d, s.judged.value(), st)
                        << (d.accumulated ? " — ackumulerad, och en serie har ingen prognos" : " — värdet per " + f.period.spoken()) << "\n";
                clauses(in, a.model->rules[ci.rule], s.trace, s.run.clause, &d, st, out);
                out << "Seriens resultat: " << shown_label(f, s.result, s.level) << "\n";
                if (!public_view) out << "Motivering: " << indicator_justification(in, s, sp).text() << "\n";
            }
        }
        // Every value with its row is the auditor's view; the report's tables show them to its readers.
        if (public_view) return;
        out << "Värden:\n";
        const ValueStore& vs = f.values;
        for (std::uint32_t k = 0; k < ia.value_count; ++k) {  // in report order (the store keeps them so)
            const DataValue& v = ia.values[k];
            out << "  ";
            padded(out, v.period.text(), 8);
            padded(out, v.is_main_series() ? std::string_view("totalt") : std::string_view(vs.series_name(v)), 10);
            out << data_value_text(vs, v, sp);
            if (std::string r = vs.remark(v); !r.empty()) out << " (" << r << ")";
            out << st.at(vs.cited_position(v));
            const std::string_view src = vs.data_source(v).empty() ? std::string_view(d.data_source) : vs.data_source(v);
            if (!src.empty()) out << " källa: " << src;
            out << "\n";
        }
        return;
    }
    // A goal at any level: what it is, its children with their results and weights, its rule.
    const GoalLevel level = target.level;
    const GoalAssessment& ga = level == GoalLevel::Goal ? a.goals[static_cast<std::size_t>(target.goal)]
                               : level == GoalLevel::MunicipalGoal ? a.municipal_goals[static_cast<std::size_t>(target.goal)]
                                                                   : a.areas[static_cast<std::size_t>(target.goal)];
    // Children come in the order the assessment read them: their levels are ga.input_levels.
    std::size_t nth = 0;
    auto child = [&](const std::string& id, Outcome result, bool manual, const Decimal& weight) {
        const std::uint8_t child_level = nth < ga.input_levels.size() ? ga.input_levels[nth] : kNoLevel;
        ++nth;
        out << "  " << id;
        if (a.judged) out << ": " << shown_label(f, result, child_level) << (manual ? " (manuell)" : "");
        out << " · vikt " << format_number(weight, true, sp) << "\n";
    };
    const std::optional<ManualJudgement>* manual = nullptr;
    std::uint32_t rule = kNone;
    std::size_t children = 0;
    if (level == GoalLevel::Goal) {
        const GoalDef& g = f.goals[ga.def];
        out << "Nämndmål " << g.id << ": " << g.name << st.at(g.pos) << "\n";
        out << "Målområde: " << g.area;
        if (!g.municipal_goal.empty()) out << " · kommunövergripande mål: " << g.municipal_goal;
        out << "\nIndikatorer:\n";
        for (std::uint32_t k : g.indicators) child(f.indicators[k].id, a.indicators[k].result, a.indicators[k].manual, f.indicators[k].weight);
        children = g.indicators.size();
        manual = &g.manual;
        rule = a.model->goals[ga.def].rule;
    } else {
        const LevelDef& l = level == GoalLevel::MunicipalGoal ? f.municipal_goals[ga.def] : f.areas[ga.def];
        out << (level == GoalLevel::MunicipalGoal ? "Kommunmål " : "Målområde ") << l.id << ": " << l.name << st.at(l.pos) << "\n";
        if (level == GoalLevel::MunicipalGoal) out << "Målområde: " << f.areas[l.area].name << "\n";
        out << (level == GoalLevel::Area && !l.municipal_goals.empty() ? "Kommunmål:\n" : "Nämndmål:\n");
        for (std::uint32_t k : l.municipal_goals)
            child(f.municipal_goals[k].id, a.municipal_goals[k].result, a.municipal_goals[k].manual, f.municipal_goals[k].weight);
        for (std::uint32_t k : l.goals) child(f.goals[k].id, a.goals[k].result, a.goals[k].manual, f.goals[k].weight);
        children = l.municipal_goals.size() + l.goals.size();
        // A roll-up's kommunmål: the nämnders' nämndmål under its name.
        if (level == GoalLevel::MunicipalGoal && ga.def < a.model->municipal_children.size())
            for (const CommitteeGoal& cg : a.model->municipal_children[ga.def]) {
                const GoalAssessment& cga = a.committees[cg.committee].goals[cg.goal];
                child(cg.ref, cga.result, cga.manual, a.model->committees[cg.committee]->file->goals[cg.goal].weight);
                ++children;
            }
        manual = &l.manual;
        rule = (level == GoalLevel::MunicipalGoal ? a.model->municipal_goals : a.model->areas)[ga.def].rule;
    }
    if (children == 0) out << "  (inga)\n";
    if (!a.judged) {
        out << "Budget: inga bedömningar görs.\n";
        return;
    }
    if (ga.evaluated) clauses(in, a.model->rules[rule], ga.trace, ga.run.clause, nullptr, st, out);
    else out << (level == GoalLevel::Goal ? "Målet har inga indikatorer: regeln prövas inte.\n" : "Inget mål hör till det: regeln prövas inte.\n");
    out << "Regelns resultat: " << shown_label(f, ga.rule_result, ga.rule_level) << "\n";
    if (ga.manual)
        out << "Manuell bedömning: " << shown_label(f, ga.result, ga.level) << " — motivering: " << (*manual)->motivering
            << (ga.evaluated && (ga.result != ga.rule_result || ga.level != ga.rule_level) ? " (avviker från regelns)" : "") << "\n";
    if (!public_view) out << "Motivering: " << goal_justification(in, ga, level).text() << "\n";
}

void render_explain_json(const ReportInput& in, const ExplainTarget& target, std::ostream& out) {
    const Assessment& a = in.assessment;
    JsonWriter w(out);
    w.begin_object();
    if (target.indicator >= 0) {
        const IndicatorAssessment& ia = a.indicators[static_cast<std::size_t>(target.indicator)];
        w.field("id", a.file->indicators[ia.def].id);
        w.field("kind", "indikator");
        // A budget makes no judgements: null, as in the JSON report.
        if (a.judged) {
            w.field("result", outcome_code(ia.result));
            w.field("rule_result", outcome_code(ia.rule_result));
        } else {
            w.field("result", nullptr);
            w.field("rule_result", nullptr);
        }
        w.field("justification", indicator_justification(in, ia).text());
        w.key("trace");
        write_indicator_trace(w, in, ia);
        w.key("series_results");
        write_series_results(w, in, ia);
    } else {
        const GoalLevel level = target.level;
        const GoalAssessment& ga = level == GoalLevel::Goal ? a.goals[static_cast<std::size_t>(target.goal)]
                                   : level == GoalLevel::MunicipalGoal ? a.municipal_goals[static_cast<std::size_t>(target.goal)]
                                                                       : a.areas[static_cast<std::size_t>(target.goal)];
        w.field("id", level == GoalLevel::Goal ? a.file->goals[ga.def].id
                      : level == GoalLevel::MunicipalGoal ? a.file->municipal_goals[ga.def].id : a.file->areas[ga.def].id);
        w.field("kind", level == GoalLevel::Goal ? "nämndmål" : level == GoalLevel::MunicipalGoal ? "kommunmål" : "målområde");
        if (a.judged) w.field("result", outcome_code(ga.result));
        else w.field("result", nullptr);
        if (ga.evaluated && a.judged) w.field("rule_result", outcome_code(ga.rule_result));
        else w.field("rule_result", nullptr);
        w.field("justification", goal_justification(in, ga, level).text());
        w.key("trace");
        write_goal_trace(w, in, ga, level);
    }
    w.end_object();
    out << "\n";
}

}  // namespace malkoll
