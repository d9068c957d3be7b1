#include "engine/report/model.hpp"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "engine/core/text.hpp"
#include "engine/report/svg_chart.hpp"

namespace malkoll {

namespace {

// The file's `rubrik`, else by report kind, with the nämnd's (or the municipality's) name.
std::string report_title(const RuleFile& f) {
    if (f.title) return *f.title;
    switch (f.kind) {
        case ReportKind::Delar: return fmt::format("Delårsrapport per {} – {}", f.period.spoken(), f.committee);
        case ReportKind::Budget: return fmt::format("{} {} – {}", f.municipality_file ? "Budget" : "Internbudget", f.year, f.committee);
        case ReportKind::Helar: break;
    }
    return fmt::format("{} {} – {}", f.municipality_file ? "Årsredovisning" : "Verksamhetsberättelse", f.year, f.committee);
}

ReportWords report_words(const LevelWords& given) {
    ReportWords w;
    if (!given.area.empty()) w.area = w.areas = given.area, w.area_judged = given.area + " – bedömning:";
    if (!given.municipal_goal.empty())
        w.municipal_goal = w.municipal_goals = given.municipal_goal, w.municipal_judged = given.municipal_goal + " – bedömning:";
    if (!given.goal.empty()) w.goal = given.goal, w.goal_judged = given.goal + " – bedömning:";
    if (!given.indicator.empty()) {
        w.indicator = w.indicators = given.indicator;  // without a plural, the singular as a label
        w.indicator_judged = given.indicator + " – bedömning";
    }
    if (!given.indicators.empty()) w.indicators = given.indicators;
    return w;
}

bool period_before(Period x, Period y) { return x.key() < y.key(); }

// The column of a value's period among a table's period columns (ascending).
// Values come in period order, so the column of the one before, or the
// next, is tried before a search.
class PeriodColumns {
public:
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    explicit PeriodColumns(const std::vector<Period>& periods) : periods_(periods) {}
    PeriodColumns(const PeriodColumns&) = delete;
    PeriodColumns& operator=(const PeriodColumns&) = delete;
    std::size_t find(Period p) {
        if (at_ < periods_.size() && periods_[at_] == p) return at_;
        if (at_ + 1 < periods_.size() && periods_[at_ + 1] == p) return ++at_;
        auto it = std::lower_bound(periods_.begin(), periods_.end(), p, period_before);
        if (it == periods_.end() || !(*it == p)) return kNone;
        return at_ = static_cast<std::size_t>(it - periods_.begin());
    }

private:
    const std::vector<Period>& periods_;
    std::size_t at_ = 0;
};

// The distinct periods of many values, ascending. Each is looked up as it
// comes (a file has 3 million values but a few dozen periods), not collected
// and sorted.
class PeriodSet {
public:
    void add(Period p) {
        if (lookup_.find(p) == PeriodColumns::kNone) periods_.insert(std::lower_bound(periods_.begin(), periods_.end(), p, period_before), p);
    }
    void add(const std::vector<Period>& ps) {
        for (Period p : ps) add(p);
    }
    std::vector<Period> take() { return std::move(periods_); }

private:
    std::vector<Period> periods_;
    PeriodColumns lookup_{periods_};
};

// `n` empty cells, reusing the cells (and their strings' memory) of the
// previous row: a writer asks for the rows of every indicator in turn.
void reset_cells(std::vector<Cell>& cells, std::size_t n) {
    cells.resize(n);
    for (Cell& c : cells) c.clear();
}

}  // namespace

ReportModel build_report(const ReportInput& in, Space sp) {
    const Assessment& a = in.assessment;
    const RuleFile& f = *a.file;
    ReportModel m;
    m.in = &in;
    m.space = sp;
    m.title = report_title(f);
    m.words = report_words(f.words);
    const bool budget = f.kind == ReportKind::Budget;
    const auto prognos = f.values.forecast_series();
    auto table_period = [&](const DataValue& v) {
        return v.period.key() <= f.period.key() && !(prognos && *prognos != 0 && v.series == *prognos);
    };

    // Målredovisning: the goal tree in file order.
    for (std::uint32_t ai = 0; ai < f.areas.size(); ++ai) {
        const LevelDef& area = f.areas[ai];
        const int no = static_cast<int>(ai) + 1;
        m.outline.push_back({GoalLevel::Area, ai, no});
        m.judged_areas = m.judged_areas || area.judged();
        for (std::uint32_t k : area.municipal_goals) {
            m.outline.push_back({GoalLevel::MunicipalGoal, k, no});
            m.judged_municipal_goals = m.judged_municipal_goals || f.municipal_goals[k].judged();
            for (std::uint32_t g : f.municipal_goals[k].goals) m.outline.push_back({GoalLevel::Goal, g, no});
        }
        for (std::uint32_t g : area.goals) m.outline.push_back({GoalLevel::Goal, g, no});
    }

    // The tables, their columns and the footnotes, in one pass over each indicator's values.
    m.footnote_of.assign(f.indicators.size(), -1);
    m.first_reference.assign(f.indicators.size(), false);
    std::unordered_map<std::string_view, std::int32_t> footnote_no;  // keys view into m.footnotes
    PeriodSet all_periods, chart_years;
    const std::string* area = nullptr;
    for (std::uint32_t gi = 0; gi < a.goals.size();) {
        const GoalDef& g0 = f.goals[gi];
        std::uint32_t ge = gi;
        while (ge < a.goals.size() && f.goals[ge].area == g0.area && f.goals[ge].municipal_goal == g0.municipal_goal) ++ge;
        IndicatorTable t;
        t.first_goal = gi;
        t.end_goal = ge;
        t.new_area = !area || g0.area != *area;
        area = &g0.area;
        PeriodSet periods;
        for (std::uint32_t k = gi; k < ge; ++k)
            for (std::uint32_t ind : f.goals[k].indicators) {
                const IndicatorDef& d = f.indicators[ind];
                t.any_indicator = true;
                t.any_mandatory = t.any_mandatory || d.mandatory;
                const IndicatorAssessment& facts = a.indicators[ind];
                for (std::uint32_t v = 0; v < facts.value_count; ++v) {
                    const DataValue& dv = facts.values[v];
                    if (table_period(dv)) periods.add(dv.period);
                    if (dv.period.month == 0 && dv.period.key() <= f.period.key() && dv.is_main_series()) chart_years.add(dv.period);
                }
                for (const auto& [y, tt] : d.targets_per_year) t.target_years.push_back(y);
                // The same footnote twice is one footnote.
                std::string fn = indicator_footnote(a, ind);
                if (!fn.empty()) {
                    auto it = footnote_no.find(fn);
                    const bool fresh = it == footnote_no.end();
                    if (fresh) {
                        m.footnotes.push_back(std::move(fn));
                        it = footnote_no.emplace(m.footnotes.back(), static_cast<std::int32_t>(m.footnotes.size() - 1)).first;
                    }
                    m.footnote_of[ind] = it->second;
                    m.first_reference[ind] = fresh;
                }
            }
        t.periods = periods.take();
        all_periods.add(t.periods);
        std::sort(t.target_years.begin(), t.target_years.end());
        t.target_years.erase(std::unique(t.target_years.begin(), t.target_years.end()), t.target_years.end());
        if (budget && t.target_years.empty()) t.target_years.push_back(f.year);
        if (!budget) t.target_years.clear();
        m.target_years.insert(m.target_years.end(), t.target_years.begin(), t.target_years.end());
        m.tables.push_back(std::move(t));
        gi = ge;
    }
    // Indicators that no goal names still have values (the CSV's columns, the charts' axis).
    std::vector<bool> in_goal(f.indicators.size(), false);
    for (const auto& g : f.goals)
        for (std::uint32_t ind : g.indicators) in_goal[ind] = true;
    for (std::uint32_t ind = 0; ind < f.indicators.size(); ++ind) {
        if (in_goal[ind]) continue;
        const IndicatorAssessment& facts = a.indicators[ind];
        for (std::uint32_t v = 0; v < facts.value_count; ++v) {
            const DataValue& dv = facts.values[v];
            if (table_period(dv)) all_periods.add(dv.period);
            if (dv.period.month == 0 && dv.period.key() <= f.period.key() && dv.is_main_series()) chart_years.add(dv.period);
        }
    }
    // The nyckeltal tables: columns, footnotes (numbered on after the
    // indicators', deduplicated within a table) and the shares they show.
    m.indicator_footnotes = static_cast<std::uint32_t>(m.footnotes.size());
    m.key_figure_footnote_of.assign(f.key_figures.size(), -1);
    m.key_figure_first_reference.assign(f.key_figures.size(), false);
    for (std::uint32_t ti = 0; ti < f.key_figure_tables.size(); ++ti) {
        const KeyFigureTable& kt = f.key_figure_tables[ti];
        KeyFigureTableModel t;
        t.table = ti;
        t.first_footnote = t.end_footnote = static_cast<std::uint32_t>(m.footnotes.size());
        PeriodSet periods;
        for (std::uint32_t r = kt.first_row; r < kt.end_row; ++r) {
            const KeyFigureRow& row = f.key_figures[r];
            t.any_target = t.any_target || !row.target.empty();
            if (!row.share.empty() && std::find(t.shares.begin(), t.shares.end(), row.share) == t.shares.end()) t.shares.push_back(row.share);
            const auto [b, e] = f.values.of_indicator(f.key_figure_owner(r));
            for (const DataValue* v = b; v != e; ++v) {
                if (table_period(*v)) periods.add(v->period);
                if (f.kind == ReportKind::Delar && prognos && *prognos != 0 && v->series == *prognos && v->period == Period{f.year, 0}) t.forecast = true;
            }
            std::string fn = key_figure_footnote(f, r);
            if (fn.empty()) continue;
            std::int32_t at = -1;
            for (std::uint32_t k = t.first_footnote; k < t.end_footnote; ++k)
                if (m.footnotes[k] == fn) at = static_cast<std::int32_t>(k);
            m.key_figure_first_reference[r] = at < 0;
            if (at < 0) {
                m.footnotes.push_back(std::move(fn));
                at = static_cast<std::int32_t>(t.end_footnote++);
            }
            m.key_figure_footnote_of[r] = at;
        }
        t.periods = periods.take();
        all_periods.add(t.periods);
        m.key_figure_tables.push_back(std::move(t));
    }
    m.periods = all_periods.take();
    if (f.kind == ReportKind::Delar) chart_years.add(f.period);
    m.chart_axis = chart_years.take();
    if (budget) {
        for (const auto& d : f.indicators)
            for (const auto& [y, tt] : d.targets_per_year) m.target_years.push_back(y);
        m.target_years.push_back(f.year);
        std::sort(m.target_years.begin(), m.target_years.end());
        m.target_years.erase(std::unique(m.target_years.begin(), m.target_years.end()), m.target_years.end());
    } else {
        m.target_years.clear();
    }

    // Strategiska utvecklingsuppdrag: one group per consecutive `grupp`.
    for (std::uint32_t i = 0; i < f.assignments.size();) {
        std::uint32_t e = i;
        while (e < f.assignments.size() && f.assignments[e].group == f.assignments[i].group) ++e;
        m.assignment_groups.push_back({i, e});
        for (std::uint32_t k = i; k < e; ++k) ++m.assignment_counts[static_cast<int>(f.assignments[k].status)];
        i = e;
    }

    for (const auto& ga : a.goals)
        if (ga.manual && ga.evaluated && (ga.result != ga.rule_result || ga.level != ga.rule_level)) m.deviating_goals.push_back(ga.def);
    for (const auto& ga : a.municipal_goals)
        if (ga.judged && ga.manual && ga.evaluated && (ga.result != ga.rule_result || ga.level != ga.rule_level)) m.deviating_municipal_goals.push_back(ga.def);
    for (const auto& ga : a.areas)
        if (ga.judged && ga.manual && ga.evaluated && (ga.result != ga.rule_result || ga.level != ga.rule_level)) m.deviating_areas.push_back(ga.def);
    for (const auto& ia : a.indicators)
        if (ia.manual && (ia.result != ia.rule_result || ia.level != ia.rule_level)) m.deviating_indicators.push_back(ia.def);
    for (std::size_t c = 0; c < a.committees.size(); ++c) {
        const std::string& id = f.committees[c].id;
        auto& cr = m.committees.emplace_back(new CommitteeReport{id, ReportInput{a.committees[c], in.sources, {}}, {}, {}});
        cr->model = build_report(cr->input, sp);
        cr->model.id_prefix = id + "-";
        cr->municipal_goal_of.assign(a.committees[c].goals.size(), -1);
    }
    const auto& children = a.model->municipal_children;
    for (std::size_t k = 0; k < children.size(); ++k)
        for (const CommitteeGoal& cg : children[k]) m.committees[cg.committee]->municipal_goal_of[cg.goal] = static_cast<std::int32_t>(k);
    return m;
}

void indicator_rows(const ReportModel& m, std::uint32_t indicator, const std::vector<Period>& periods,
                    std::vector<SeriesRow>& rows, CellText text) {
    const Assessment& a = m.in->assessment;
    const RuleFile& f = *a.file;
    const ValueStore& vs = f.values;
    const IndicatorDef& d = f.indicators[indicator];
    const IndicatorAssessment& facts = a.indicators[indicator];

    // The rows and the series each one shows (a series no value has: an empty row).
    std::vector<std::string_view> names{std::string_view()};
    for (const auto& s : d.series) names.push_back(s);
    if (!d.comparison.empty() && std::find(d.series.begin(), d.series.end(), d.comparison) == d.series.end())
        names.push_back(d.comparison);
    rows.resize(names.size());
    std::vector<std::int32_t> ids(names.size(), -1);
    for (std::size_t r = 0; r < names.size(); ++r) {
        SeriesRow& row = rows[r];
        row.series = names[r];
        reset_cells(row.values, periods.size());
        row.forecast = Cell{};
        row.judged = nullptr;
        if (auto id = vs.find_series(names[r])) ids[r] = *id;
    }
    // The series judged apart stand in `serier` order, as their rows.
    for (std::size_t r = 1, j = 0; r <= d.series.size() && j < d.judged_series.size(); ++r)
        if (d.judged_series[j] == d.series[r - 1]) rows[r].judged = &a.series[facts.first_series + j++];
    const auto prognos = vs.forecast_series();
    const bool forecast = f.kind == ReportKind::Delar && prognos;
    auto fill = [&](Cell& c, const DataValue& v) {
        if (c.value) return;  // the first value wins, as everywhere
        c.value = &v;
        c.before_break = d.series_break && v.period.year < *d.series_break;
        if (text == CellText::Written) c.text = data_value_text(vs, v, m.space);
        c.note = vs.remark(v);
    };
    PeriodColumns columns(periods);
    for (std::uint32_t k = 0; k < facts.value_count; ++k) {
        const DataValue& v = facts.values[k];
        if (forecast && v.series == *prognos && v.period == Period{f.year, 0}) fill(rows[0].forecast, v);
        const std::size_t col = columns.find(v.period);
        if (col == PeriodColumns::kNone) continue;
        for (std::size_t r = 0; r < ids.size(); ++r)
            if (ids[r] == static_cast<std::int32_t>(v.series)) fill(rows[r].values[col], v);
    }
}

void key_figure_lines(const ReportModel& m, std::uint32_t row, const std::vector<Period>& periods, std::vector<KeyFigureLine>& lines,
                      CellText text) {
    const RuleFile& f = *m.in->assessment.file;
    const ValueStore& vs = f.values;
    const KeyFigureRow& d = f.key_figures[row];

    // Each line's series and its share's (a series no value has: empty cells).
    std::vector<std::string_view> names{std::string_view()};
    for (const auto& s : d.series) names.push_back(s);
    lines.resize(names.size());
    std::vector<std::int32_t> ids(names.size(), -1), share_ids(names.size(), -1);
    for (std::size_t k = 0; k < names.size(); ++k) {
        KeyFigureLine& line = lines[k];
        line.series = names[k];
        reset_cells(line.values, periods.size());
        reset_cells(line.shares, periods.size());
        line.forecast = Cell{};
        if (auto id = vs.find_series(names[k])) ids[k] = *id;
        if (!d.share.empty())
            if (auto id = vs.find_series(d.share_of(names[k]))) share_ids[k] = *id;
    }
    const auto prognos = vs.forecast_series();
    const bool forecast = f.kind == ReportKind::Delar && prognos && *prognos != 0;
    auto fill = [&](Cell& c, const DataValue& v) {
        if (c.value) return;  // the first value wins, as everywhere
        c.value = &v;
        if (text == CellText::Written) c.text = data_value_text(vs, v, m.space);
        c.note = vs.remark(v);
    };
    const auto [b, e] = vs.of_indicator(f.key_figure_owner(row));
    PeriodColumns columns(periods);
    for (const DataValue* v = b; v != e; ++v) {
        if (forecast && v->series == *prognos && v->period == Period{f.year, 0}) fill(lines[0].forecast, *v);
        const std::size_t col = columns.find(v->period);
        if (col == PeriodColumns::kNone) continue;
        for (std::size_t k = 0; k < names.size(); ++k) {
            if (ids[k] == static_cast<std::int32_t>(v->series)) fill(lines[k].values[col], *v);
            if (share_ids[k] == static_cast<std::int32_t>(v->series)) fill(lines[k].shares[col], *v);
        }
    }
}

std::vector<Column> indicator_columns(const ReportModel& m, const IndicatorTable& t) {
    const Assessment& a = m.in->assessment;
    const RuleFile& f = *a.file;
    using A = Column::Align;
    std::vector<Column> c;
    if (a.judged) c.push_back({"Mål uppnått"});
    c.push_back({m.words.goal});
    c.push_back({m.words.indicator});
    for (const Period& p : t.periods) c.push_back({p.label(), A::Right});
    if (f.kind == ReportKind::Delar) c.push_back({fmt::format("Prognos {}", f.year), A::Right});
    if (f.kind == ReportKind::Budget)
        for (int y : t.target_years) c.push_back({fmt::format("Målvärde {}", y)});
    else
        c.push_back({"Målvärde"});
    c.push_back({"Önskad riktning"});
    if (a.judged) c.push_back({"Utveckling", A::Center});
    if (a.judged) c.push_back({m.words.indicator_judged});
    return c;
}

std::vector<Column> key_figure_columns(const ReportModel& m, const KeyFigureTableModel& t) {
    const RuleFile& f = *m.in->assessment.file;
    using A = Column::Align;
    std::vector<Column> c{{f.key_figure_tables[t.table].column_heading}};
    for (const Period& p : t.periods) c.push_back({p.label(), A::Right});
    if (t.forecast) c.push_back({fmt::format("Prognos {}", f.year), A::Right});
    if (t.any_target) c.push_back({"Målvärde"});
    return c;
}

std::string key_figure_unit(const ReportModel& m, std::uint32_t row) {
    const RuleFile& f = *m.in->assessment.file;
    const KeyFigureRow& d = f.key_figures[row];
    if (!d.unit.empty()) return d.unit;
    // A share is no value of the row's own: "43 %" says nothing of its unit.
    std::vector<SeriesId> shares;
    if (!d.share.empty()) {
        if (auto id = f.values.find_series(d.share)) shares.push_back(*id);
        for (const auto& s : d.series)
            if (auto id = f.values.find_series(d.share_of(s))) shares.push_back(*id);
    }
    const auto [b, e] = f.values.of_indicator(f.key_figure_owner(row));
    for (const DataValue* v = b; v != e; ++v)
        if (!v->is_missing() && v->unit && std::find(shares.begin(), shares.end(), v->series) == shares.end()) return std::string(f.values.unit(*v));
    return "";
}

std::string key_figure_share_legend(const KeyFigureTableModel& t) {
    if (t.shares.empty()) return "";
    return "Siffran inom parentes anger andelen " + word_list(t.shares, " eller ") + ".";
}

std::string indicator_unit(const ReportModel& m, std::uint32_t indicator) {
    const Assessment& a = m.in->assessment;
    const RuleFile& f = *a.file;
    const IndicatorAssessment& facts = a.indicators[indicator];
    std::string unit = f.indicators[indicator].unit;
    for (std::uint32_t v = 0; v < facts.value_count && unit.empty(); ++v)
        if (!facts.values[v].is_missing()) unit = f.values.unit(facts.values[v]);
    return unit;
}

std::string target_shown(const ReportModel& m, std::uint32_t indicator) {
    const Assessment& a = m.in->assessment;
    const CompiledIndicator& ci = a.model->indicators[indicator];
    const IndicatorDef& d = a.file->indicators[indicator];
    if (!ci.target_text) return "";
    const Ast& t = *ci.target;
    const std::string& written = ci.target_text->text;
    if (t.target == TargetKind::None || t.target_x == kNone) return written;
    auto literal = [&](std::uint32_t n) { return n == kNone || t.nodes[n].kind == NodeKind::Number; };
    auto has_unit = [&](std::uint32_t n) { return n == kNone || t.nodes[n].unit >= 0; };
    if (d.status() && t.nodes[t.target_x].aux == kStatusWord) {
        // A word of the list, spelled as the list does: "minst Pågår", "Genomfört".
        const std::string& word = d.value_scale[static_cast<std::size_t>(t.nodes[t.target_x].num.v)];
        switch (t.target) {
            case TargetKind::Ge: return "minst " + word;
            case TargetKind::Le: return "högst " + word;
            case TargetKind::Gt: return "senare än " + word;
            case TargetKind::Lt: return "tidigare än " + word;
            default: return word;
        }
    }
    if (literal(t.target_x) && literal(t.target_y)) {
        if (d.unit.empty() || (has_unit(t.target_x) && has_unit(t.target_y))) return written;
        return written + " " + d.unit;
    }
    // A bound that names a value: which value, and what it was for the assessed period.
    const TargetBounds bounds = target_bounds(a, indicator);
    auto bound = [&](std::uint32_t n, const EvalValue& v) {
        const Node& node = t.nodes[n];
        std::string name = written.substr(node.offset, node.length);
        if (node.kind == NodeKind::Variable && static_cast<Var>(node.sym) == Var::Jamforelse && !d.comparison.empty()) name = d.comparison;
        if (literal(n)) return has_unit(n) || d.unit.empty() ? name : name + " " + d.unit;
        return fmt::format("{} ({})", name, v.is_missing() ? std::string("saknas") : eval_value_text(a, d, v, m.space));
    };
    const char* word = "";
    switch (t.target) {
        case TargetKind::Ge: word = "minst"; break;
        case TargetKind::Le: case TargetKind::Top: word = "högst"; break;
        case TargetKind::Gt: word = "över"; break;
        case TargetKind::Lt: word = "under"; break;
        case TargetKind::Eq: word = "lika med"; break;
        case TargetKind::Bare: word = d.direction == Direction::Oka ? "minst" : d.direction == Direction::Minska ? "högst" : "lika med"; break;
        case TargetKind::Between:
            return fmt::format("mellan {} och {}", bound(t.target_x, bounds.x), bound(t.target_y, bounds.y));
        case TargetKind::None: break;
    }
    return fmt::format("{} {}", word, bound(t.target_x, bounds.x));
}

std::string target_for_year(const ReportModel& m, std::uint32_t indicator, int year, bool shown) {
    const Assessment& a = m.in->assessment;
    const IndicatorDef& d = a.file->indicators[indicator];
    std::string text;
    for (const auto& [ty, tt] : d.targets_per_year)
        if (ty == year) text = tt.text;
    if (d.targets_per_year.empty() && year == a.file->year) text = shown ? target_shown(m, indicator) : target_text(a, indicator);
    return text;
}

Justification justification_of_indicator(const ReportModel& m, std::uint32_t indicator) {
    return indicator_justification(*m.in, m.in->assessment.indicators[indicator], m.space);
}

Justification justification_of_series(const ReportModel& m, const IndicatorAssessment& series) {
    return indicator_justification(*m.in, series, m.space);
}

const GoalAssessment& assessment_of(const Assessment& a, GoalLevel level, std::uint32_t index) {
    return level == GoalLevel::Goal ? a.goals[index] : level == GoalLevel::MunicipalGoal ? a.municipal_goals[index] : a.areas[index];
}

Justification justification_of_goal(const ReportModel& m, std::uint32_t goal) { return justification_of_level(m, GoalLevel::Goal, goal); }

Justification justification_of_level(const ReportModel& m, GoalLevel level, std::uint32_t index) {
    Justification j = goal_justification(*m.in, assessment_of(m.in->assessment, level, index), level);
    if (m.space == Space::NoBreak) {
        j.body = nbsp_numbers(j.body);
        for (auto& s : j.missing) s = nbsp_numbers(s);
        j.reason = nbsp_numbers(j.reason);
    }
    return j;
}

}  // namespace malkoll
