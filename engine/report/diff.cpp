#include "engine/report/diff.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "engine/core/format.hpp"
#include "engine/core/text.hpp"
#include "engine/load/scale.hpp"
#include "engine/load/value_scale.hpp"
#include "engine/report/describe.hpp"
#include "engine/report/diff_text.hpp"

namespace malkoll {

namespace {

using namespace difftext;

// A rule as compared and shown: trailing whitespace trimmed on every line,
// blank lines at the start and end dropped ("" when there is no rule).
std::string rule_text(const SourceText& t) {
    if (!t.present) return "";
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= t.text.size()) {
        std::size_t end = t.text.find('\n', start);
        if (end == std::string::npos) end = t.text.size();
        std::string line = t.text.substr(start, end - start);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.pop_back();
        lines.push_back(std::move(line));
        start = end + 1;
    }
    while (!lines.empty() && lines.back().empty()) lines.pop_back();
    std::size_t first = 0;
    while (first < lines.size() && lines[first].empty()) ++first;
    std::string out;
    for (std::size_t i = first; i < lines.size(); ++i) out += (i > first ? "\n" : "") + lines[i];
    return out;
}

// A fenced code block indented to sit inside a list item.
std::string code_block(const std::string& text) {
    std::string fence(std::max<std::size_t>(3, longest_backtick_run(text) + 1), '`');
    std::string out = "  " + fence + "\n";
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string_view line(text.data() + start, end - start);
        if (!line.empty()) out += "  ";
        out += line;
        out += '\n';
        start = end + 1;
    }
    return out + "  " + fence;
}

void word_change(Items& c, std::string_view label, const std::string& was, const std::string& now) {
    if (was != now) c.push_back(fmt::format("{}: {} → {}", label, was, now));
}

void rule_change(Items& c, std::string_view label, const SourceText& was, const SourceText& now) {
    std::string a = rule_text(was), b = rule_text(now);
    if (a == b) return;
    if (a.empty()) c.push_back(fmt::format("{} har lagts till:\n\n{}", label, code_block(b)));
    else if (b.empty()) c.push_back(fmt::format("{} har tagits bort; den var:\n\n{}", label, code_block(a)));
    else c.push_back(fmt::format("{} ändrad från:\n\n{}\n\n  till:\n\n{}", label, code_block(a), code_block(b)));
}

std::string year_text(const std::optional<int>& y) { return y ? std::to_string(*y) : ""; }
const char* yes_no(bool b) { return b ? "ja" : "nej"; }

bool same_series(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (fold_word(one_line(a[i])) != fold_word(one_line(b[i]))) return false;
    return true;
}

void manual_change(Items& c, const std::optional<ManualJudgement>& was, const RuleFile& o,
                   const std::optional<ManualJudgement>& now, const RuleFile& n) {
    if (!was && !now) return;
    // With `skala` the level's label: a manual judgement names a level.
    if (!was) {
        c.push_back(fmt::format("Manuell bedömning har lagts till: {}, med motiveringen {}",
                                result_label(n, now->outcome, now->level), quoted(now->motivering)));
    } else if (!now) {
        c.push_back(fmt::format("Manuell bedömning har tagits bort (var {}, med motiveringen {})",
                                result_label(o, was->outcome, was->level), quoted(was->motivering)));
    } else {
        // Another level is a change (by its kod); another report kind's word for the same is not.
        if (was->outcome != now->outcome || level_code(o, was->outcome, was->level) != level_code(n, now->outcome, now->level))
            word_change(c, "Manuell bedömning", result_label(o, was->outcome, was->level), result_label(n, now->outcome, now->level));
        text_change(c, "Motivering", was->motivering, now->motivering, quoted);
    }
}

// Activities added and removed (each text counted as often as it is
// written); a new order is no change.
void activity_changes(Items& c, const std::vector<std::string>& was, const std::vector<std::string>& now) {
    std::vector<bool> matched(was.size(), false);
    Items removed;
    std::vector<bool> kept(now.size(), false);
    for (std::size_t i = 0; i < now.size(); ++i) {
        for (std::size_t j = 0; j < was.size(); ++j) {
            if (!matched[j] && one_line(was[j]) == one_line(now[i])) {
                matched[j] = true;
                kept[i] = true;
                break;
            }
        }
    }
    for (std::size_t i = 0; i < now.size(); ++i)
        if (!kept[i]) c.push_back("Ny aktivitet: " + quoted(now[i]));
    for (std::size_t j = 0; j < was.size(); ++j)
        if (!matched[j]) c.push_back("Borttagen aktivitet: " + quoted(was[j]));
}

// `mål` as shown whole: `minst 90 %`, or per year "2023: `…`, 2024: `…`".
std::string target_shown(const IndicatorDef& ind) {
    if (!ind.targets_per_year.empty()) {
        std::string s;
        for (const auto& [year, t] : ind.targets_per_year)
            s += fmt::format("{}{}: {}", s.empty() ? "" : ", ", year, code(t.text));
        return s;
    }
    std::string t = one_line(ind.target.text);
    return ind.target.present && !t.empty() ? code(t) : "";
}

void target_change(Items& c, const IndicatorDef& was, const IndicatorDef& now) {
    bool map_was = !was.targets_per_year.empty(), map_now = !now.targets_per_year.empty();
    if (map_was && map_now) {
        std::map<int, std::pair<std::string, std::string>> years;
        for (const auto& [y, t] : was.targets_per_year) years[y].first = t.text;
        for (const auto& [y, t] : now.targets_per_year) years[y].second = t.text;
        for (const auto& [y, texts] : years) text_change(c, fmt::format("Mål för {}", y), texts.first, texts.second, code);
        return;
    }
    if (!map_was && !map_now) {
        text_change(c, "Mål", was.target.present ? was.target.text : "", now.target.present ? now.target.text : "", code);
        return;
    }
    std::string a = target_shown(was), b = target_shown(now);
    if (map_was && !a.empty() && !b.empty()) a = "per år " + a;
    if (map_now && !a.empty() && !b.empty()) b = "per år " + b;
    change(c, "Mål", a, b);
}

std::string number_text(Decimal d) { return code(format_number(d, true)); }

template <class Def>
std::map<std::string, std::size_t> index_by_id(const std::vector<Def>& defs) {
    std::map<std::string, std::size_t> m;
    for (std::size_t i = 0; i < defs.size(); ++i) m.emplace(defs[i].id, i);
    return m;
}

std::string goal_place(const GoalDef& g) {
    return fmt::format("under kommunmålet {} i målområdet {}", quoted(g.municipal_goal), quoted(g.area));
}

std::string goal_move(const GoalDef& was, const GoalDef& now) {
    bool area = one_line(was.area) != one_line(now.area);
    bool mg = one_line(was.municipal_goal) != one_line(now.municipal_goal);
    if (area && mg)
        return fmt::format("från kommunmålet {} i målområdet {} till kommunmålet {} i målområdet {}", quoted(was.municipal_goal),
                           quoted(was.area), quoted(now.municipal_goal), quoted(now.area));
    if (mg)
        return fmt::format("från kommunmålet {} till kommunmålet {} (målområdet {})", quoted(was.municipal_goal),
                           quoted(now.municipal_goal), quoted(now.area));
    return fmt::format("från målområdet {} till målområdet {} (kommunmålet {})", quoted(was.area), quoted(now.area),
                       quoted(now.municipal_goal));
}

Items file_changes(const RuleFile& o, const RuleFile& n) {
    Items c;
    text_change(c, "Nämnd", o.committee, n.committee, quoted);
    if (o.kind != n.kind) word_change(c, "Rapport", code(report_kind_word(o.kind)), code(report_kind_word(n.kind)));
    // The scale's levels, as "kod (etikett, som)" in order.
    auto levels = [](const RuleFile& f) {
        std::string s;
        for (const auto& l : f.scale) s += (s.empty() ? "" : ", ") + l.code + " (" + l.label + ", " + outcome_word(l.base) + (l.standard ? ", standard" : "") + ")";
        return s;
    };
    text_change(c, "Skala", levels(o), levels(n), quoted);
    // Nyckeltal (never judged): rows added, removed, renamed, or with another target or breakdown.
    for (const KeyFigureRow& row : n.key_figures) {
        const auto was = std::find_if(o.key_figures.begin(), o.key_figures.end(), [&](const KeyFigureRow& r) { return r.id == row.id; });
        if (was == o.key_figures.end()) {
            c.push_back(fmt::format("Nyckeltalet {} har lagts till i tabellen {}", named(row.name, row.id), quoted(n.key_figure_tables[row.table].heading)));
            continue;
        }
        text_change(c, fmt::format("Nyckeltalet `{}`, namn", row.id), was->name, row.name, quoted);
        text_change(c, fmt::format("Nyckeltalet `{}`, mål", row.id), was->target, row.target, code);
        text_change(c, fmt::format("Nyckeltalet `{}`, serier", row.id), scale_words(was->series), scale_words(row.series), code);
        text_change(c, fmt::format("Nyckeltalet `{}`, andel", row.id), was->share, row.share, code);
    }
    for (const KeyFigureRow& row : o.key_figures)
        if (std::none_of(n.key_figures.begin(), n.key_figures.end(), [&](const KeyFigureRow& r) { return r.id == row.id; }))
            c.push_back(fmt::format("Nyckeltalet {} har tagits bort", named(row.name, row.id)));
    // A delår's period relative to its year: 2023-08 → 2024-08 is no change.
    bool od = o.kind == ReportKind::Delar, nd = n.kind == ReportKind::Delar;
    if (od != nd || (od && (o.period.month != n.period.month || o.period.year - o.year != n.period.year - n.year)))
        change(c, "Period", od ? code(o.period.text()) : "", nd ? code(n.period.text()) : "");
    text_change(c, "Beslut", o.decision.value_or(""), n.decision.value_or(""), quoted);
    text_change(c, "Kommun", o.municipality, n.municipality, code);

    auto members = [](const std::vector<std::string>& v) { return v.empty() ? std::string("inga kommuner") : code_list(v); };
    auto find_group = [](const RuleFile& f, const std::string& name) -> const std::vector<std::string>* {
        for (const auto& g : f.comparison_groups)
            if (g.name == name) return &g.members;
        return nullptr;
    };
    for (const auto& g : n.comparison_groups) {
        const auto* was = find_group(o, g.name);
        if (!was || *was != g.members) change(c, "Jämförelsegruppen " + code(g.name), was ? members(*was) : "", members(g.members));
    }
    for (const auto& g : o.comparison_groups)
        if (!find_group(n, g.name)) change(c, "Jämförelsegruppen " + code(g.name), members(g.members), "");

    rule_change(c, "Standardregel", o.standard_rule, n.standard_rule);
    rule_change(c, "Standardbedömning", o.standard_goal_rule, n.standard_goal_rule);
    auto find_rule = [](const RuleFile& f, const std::string& name) -> const SourceText* {
        for (const auto& [k, v] : f.named_rules)
            if (k == name) return &v;
        return nullptr;
    };
    static const SourceText none;
    for (const auto& [name, now] : n.named_rules) {
        const SourceText* was = find_rule(o, name);
        rule_change(c, "Regeln " + code(name), was ? *was : none, now);
    }
    for (const auto& [name, was] : o.named_rules)
        if (!find_rule(n, name)) rule_change(c, "Regeln " + code(name), was, none);
    return c;
}

Items goal_changes(const RuleFile& o, const GoalDef& was, const RuleFile& n, const GoalDef& now) {
    Items c;
    text_change(c, "Namn", was.name, now.name, quoted);
    rule_change(c, "Bedömningsregel", was.rule, now.rule);
    manual_change(c, was.manual, o, now.manual, n);
    activity_changes(c, was.activities, now.activities);
    return c;
}

Items indicator_changes(const RuleFile& o, const IndicatorDef& was, const RuleFile& n, const IndicatorDef& now) {
    Items c;
    text_change(c, "Namn", was.name, now.name, quoted);
    text_change(c, "Enhet", was.unit, now.unit, code);
    text_change(c, "Värdeskala", scale_words(was.value_scale), scale_words(now.value_scale), code);
    text_change(c, "Serier som bedöms för sig", scale_words(was.judged_series), scale_words(now.judged_series), code);
    if (was.direction != now.direction)
        word_change(c, "Riktning", code(direction_word(was.direction)), code(direction_word(now.direction)));
    target_change(c, was, now);
    text_change(c, "Målår", year_text(was.target_year), year_text(now.target_year), code);
    rule_change(c, "Regel", was.rule, now.rule);
    if (dec_compare(was.tolerance, now.tolerance) != 0)
        word_change(c, "Tolerans", number_text(was.tolerance), number_text(now.tolerance));
    if (was.accumulated != now.accumulated) word_change(c, "Ackumulerad", yes_no(was.accumulated), yes_no(now.accumulated));
    if (was.mandatory != now.mandatory) word_change(c, "Obligatorisk", yes_no(was.mandatory), yes_no(now.mandatory));
    text_change(c, "Källa", was.data_source, now.data_source, quoted);
    text_change(c, "Kolada-id", was.kolada, now.kolada, code);
    text_change(c, "Definition", was.definition, now.definition, quoted);
    if (!same_series(was.series, now.series)) change(c, "Serier", code_list(was.series), code_list(now.series));
    text_change(c, "Jämförelse", was.comparison, now.comparison, code);
    text_change(c, "Serieavbrott", year_text(was.series_break), year_text(now.series_break), code);
    if (dec_compare(was.weight, now.weight) != 0) word_change(c, "Vikt", number_text(was.weight), number_text(now.weight));
    manual_change(c, was.manual, o, now.manual, n);
    return c;
}

// A value of the store as the diffs compare it (the text and note as the JSON report has them).
ComparedValue compared(const ValueStore& vs, const DataValue& v) {
    ComparedValue c;
    c.period = v.period.text();
    c.series = vs.series_name(v);
    c.shape = v.kind == ValueKind::Missing ? ValueShape::Missing
              : v.is_status()              ? ValueShape::Word
              : v.kind == ValueKind::Interval ? ValueShape::Interval
                                              : ValueShape::Number;
    c.lo = v.lo_v;
    c.hi = v.hi_v;
    if (v.unit) c.unit = std::string(vs.unit(v));
    c.text = std::string(vs.text(v));
    c.note = vs.remark(v);
    return c;
}

std::vector<ComparedValue> owner_values(const RuleFile& f, std::uint32_t owner) {
    std::vector<ComparedValue> out;
    const auto [b, e] = f.values.of_indicator(owner);
    for (const DataValue* v = b; v != e; ++v) out.push_back(compared(f.values, *v));
    return out;
}

// The inline values (`utfall:` in the files; data files are not read) of the
// indicators and nyckeltal rows both files have.
Section value_changes(const RuleFile& o, const RuleFile& n) {
    std::set<std::string> old_periods, both;
    for (const DataValue& v : o.values) old_periods.insert(v.period.text());
    for (const DataValue& v : n.values)
        if (old_periods.count(v.period.text())) both.insert(v.period.text());
    Section s{"Ändrade värden", {}};
    auto add = [&](const std::string& name, const std::string& id, std::uint32_t was, std::uint32_t now) {
        Items items;
        for (const ValueChange& c : compare_values(owner_values(o, was), owner_values(n, now), both)) items.push_back(value_change_item(c));
        if (!items.empty()) s.blocks.push_back({heading(name, id), std::move(items)});
    };
    auto old_inds = index_by_id(o.indicators);
    for (std::uint32_t i = 0; i < n.indicators.size(); ++i)
        if (auto it = old_inds.find(n.indicators[i].id); it != old_inds.end())
            add(n.indicators[i].name, n.indicators[i].id, static_cast<std::uint32_t>(it->second), i);
    auto old_rows = index_by_id(o.key_figures);
    for (std::uint32_t r = 0; r < n.key_figures.size(); ++r)
        if (auto it = old_rows.find(n.key_figures[r].id); it != old_rows.end())
            add(n.key_figures[r].name, n.key_figures[r].id, o.key_figure_owner(static_cast<std::uint32_t>(it->second)),
                n.key_figure_owner(r));
    return s;
}

}  // namespace

void render_diff(const RuleFile& o, const RuleFile& n, std::ostream& out) {
    out << "# Ändringar från " << o.year << " till " << n.year << ", " << one_line(n.committee) << "\n";

    std::vector<Section> sections;
    sections.push_back({"Allmänt", {{"", file_changes(o, n)}}});

    // ---- goals ----
    auto old_goals = index_by_id(o.goals), new_goals = index_by_id(n.goals);
    Section added{"Nya nämndmål", {{}}}, removed{"Borttagna nämndmål", {{}}}, moved{"Flyttade nämndmål", {{}}},
        changed{"Ändrade nämndmål", {}};
    for (const auto& g : n.goals) {
        auto it = old_goals.find(g.id);
        if (it == old_goals.end()) {
            added.blocks[0].items.push_back(named(g.name, g.id) + " " + goal_place(g));
            continue;
        }
        const GoalDef& was = o.goals[it->second];
        if (one_line(was.area) != one_line(g.area) || one_line(was.municipal_goal) != one_line(g.municipal_goal))
            moved.blocks[0].items.push_back(named(g.name, g.id) + " " + goal_move(was, g));
        Items c = goal_changes(o, was, n, g);
        if (!c.empty()) changed.blocks.push_back({heading(g.name, g.id), std::move(c)});
    }
    for (const auto& g : o.goals)
        if (!new_goals.count(g.id)) removed.blocks[0].items.push_back(named(g.name, g.id) + " " + goal_place(g));
    for (auto* s : {&added, &removed, &moved, &changed}) sections.push_back(std::move(*s));

    // ---- indicators ----
    auto old_inds = index_by_id(o.indicators), new_inds = index_by_id(n.indicators);
    Section i_added{"Nya indikatorer", {{}}}, i_removed{"Borttagna indikatorer", {{}}},
        i_moved{"Flyttade indikatorer", {{}}}, i_changed{"Ändrade indikatorer", {}};
    for (const auto& ind : n.indicators) {
        const GoalDef& goal = n.goals[ind.goal];
        auto it = old_inds.find(ind.id);
        if (it == old_inds.end()) {
            std::string s = fmt::format("{} under nämndmålet {}, riktning {}", named(ind.name, ind.id), quoted(goal.name),
                                        code(direction_word(ind.direction)));
            if (ind.status()) s += ", värdeskala " + code(scale_words(ind.value_scale));
            std::string t = target_shown(ind);
            if (!t.empty()) s += (ind.targets_per_year.empty() ? ", mål " : ", mål per år ") + t;
            i_added.blocks[0].items.push_back(std::move(s));
            continue;
        }
        const IndicatorDef& was = o.indicators[it->second];
        const GoalDef& was_goal = o.goals[was.goal];
        if (was_goal.id != goal.id)
            i_moved.blocks[0].items.push_back(fmt::format("{} från nämndmålet {} till nämndmålet {}", named(ind.name, ind.id),
                                                          quoted(was_goal.name), quoted(goal.name)));
        Items c = indicator_changes(o, was, n, ind);
        if (!c.empty()) i_changed.blocks.push_back({heading(ind.name, ind.id), std::move(c)});
    }
    for (const auto& ind : o.indicators)
        if (!new_inds.count(ind.id))
            i_removed.blocks[0].items.push_back(
                fmt::format("{} under nämndmålet {}", named(ind.name, ind.id), quoted(o.goals[ind.goal].name)));
    for (auto* s : {&i_added, &i_removed, &i_moved, &i_changed}) sections.push_back(std::move(*s));
    sections.push_back(value_changes(o, n));

    const bool any = write_sections(sections, out);
    if (!any) out << "\nInga ändringar.\n";
}

}  // namespace malkoll
