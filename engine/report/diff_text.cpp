#include "engine/report/diff_text.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <utility>

#include <fmt/format.h>

#include "engine/core/format.hpp"
#include "engine/core/text.hpp"
#include "grammar/value_literal.hpp"

namespace malkoll::difftext {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string trim(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && is_space(s[b])) ++b;
    while (e > b && is_space(s[e - 1])) --e;
    return std::string(s.substr(b, e - b));
}

void write_items(const Items& items, std::ostream& out) {
    for (std::size_t i = 0; i < items.size(); ++i) {
        out << "- " << items[i] << "\n";
        // A blank line after an item with a code block, for the eye.
        if (items[i].find('\n') != std::string::npos && i + 1 < items.size()) out << "\n";
    }
}

}  // namespace

std::string one_line(std::string_view s) {
    std::string t = trim(s);
    std::string out;
    for (std::size_t i = 0; i < t.size();) {
        if (t[i] == '\n' || t[i] == '\r') {
            while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
            out += ' ';
            while (i < t.size() && is_space(t[i])) ++i;
        } else {
            out += t[i++];
        }
    }
    return out;
}

std::size_t longest_backtick_run(std::string_view s) {
    std::size_t run = 0, longest = 0;
    for (char c : s) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return longest;
}

std::string quoted(std::string_view s) { return "”" + one_line(s) + "”"; }

std::string code(std::string_view s) {
    std::string t = one_line(s);
    std::size_t run = longest_backtick_run(t);
    if (run == 0) return "`" + t + "`";
    std::string fence(run + 1, '`');
    return fence + " " + t + " " + fence;
}

std::string code_list(const std::vector<std::string>& v) {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + code(v[i]);
    return s;
}

std::string named(std::string_view name, std::string_view id) { return quoted(name) + " (" + code(id) + ")"; }
std::string heading(std::string_view name, std::string_view id) { return one_line(name) + " (" + code(id) + ")"; }

void change(Items& c, std::string_view label, const std::string& was, const std::string& now) {
    if (was == now) return;
    if (was.empty()) c.push_back(fmt::format("{} har lagts till: {}", label, now));
    else if (now.empty()) c.push_back(fmt::format("{} har tagits bort (var {})", label, was));
    else c.push_back(fmt::format("{}: {} → {}", label, was, now));
}

void text_change(Items& c, std::string_view label, std::string_view was, std::string_view now, Quote q) {
    std::string a = one_line(was), b = one_line(now);
    if (a == b) return;
    change(c, label, a.empty() ? "" : q(a), b.empty() ? "" : q(b));
}

bool Section::empty() const {
    for (const auto& b : blocks)
        if (!b.items.empty()) return false;
    return true;
}

bool write_sections(const std::vector<Section>& sections, std::ostream& out) {
    bool any = false;
    for (const auto& s : sections) {
        if (s.empty()) continue;
        any = true;
        out << "\n## " << s.title << "\n";
        for (const auto& b : s.blocks) {
            if (b.items.empty()) continue;
            if (!b.heading.empty()) out << "\n### " << b.heading << "\n";
            out << "\n";
            write_items(b.items, out);
        }
    }
    return any;
}

// ---- values ----------------------------------------------------------------

namespace {
bool same_unit(const ComparedValue& a, const ComparedValue& b) {
    return a.unit.empty() || b.unit.empty() || fold_word(a.unit) == fold_word(b.unit);
}
}  // namespace

bool same_value(const ComparedValue& a, const ComparedValue& b) {
    if (a.shape != b.shape) return false;
    switch (a.shape) {
        case ValueShape::Missing: return true;
        case ValueShape::Number: return a.lo == b.lo && same_unit(a, b);
        case ValueShape::Interval: return a.lo == b.lo && a.hi == b.hi && same_unit(a, b);
        case ValueShape::Word: return word_key(a.text) == word_key(b.text);
    }
    return false;
}

std::vector<ValueChange> compare_values(const std::vector<ComparedValue>& was, const std::vector<ComparedValue>& now,
                                        const std::set<std::string>& both_cover) {
    auto key = [](const ComparedValue& v) { return v.period + '\x1f' + word_key(v.series); };
    const std::vector<std::string> old_keys = occurrence_keys(was, key), new_keys = occurrence_keys(now, key);
    std::map<std::string, std::size_t> old_at;
    for (std::size_t i = 0; i < was.size(); ++i) old_at.emplace(old_keys[i], i);
    // Where an added or removed value is listed: a period both sides show
    // values for, within the span of periods this owner has values for on
    // both sides ("2023" < "2023-08" < "2024" as text, as periods run).
    auto span = [](const std::vector<ComparedValue>& values) {
        auto [lo, hi] = std::minmax_element(values.begin(), values.end(),
                                            [](const ComparedValue& a, const ComparedValue& b) { return a.period < b.period; });
        return std::make_pair(lo->period, hi->period);
    };
    std::function<bool(const std::string&)> listed = [&](const std::string& p) { return both_cover.count(p) > 0; };
    if (!was.empty() && !now.empty()) {
        const auto [old_first, old_last] = span(was);
        const auto [new_first, new_last] = span(now);
        const std::string first = std::max(old_first, new_first), last = std::min(old_last, new_last);
        listed = [first, last, &both_cover](const std::string& p) { return first <= p && p <= last && both_cover.count(p) > 0; };
    }
    std::vector<bool> matched(was.size(), false);
    std::vector<ValueChange> out;
    for (std::size_t k = 0; k < now.size(); ++k) {
        const ComparedValue& v = now[k];
        auto it = old_at.find(new_keys[k]);
        if (it == old_at.end()) {
            if (listed(v.period)) out.push_back({ValueChangeKind::Added, std::nullopt, v});
            continue;
        }
        matched[it->second] = true;
        if (!same_value(was[it->second], v)) out.push_back({ValueChangeKind::Restated, was[it->second], v});
    }
    for (std::size_t i = 0; i < was.size(); ++i)
        if (!matched[i] && listed(was[i].period)) out.push_back({ValueChangeKind::Removed, was[i], std::nullopt});
    return out;
}

namespace {

// `11,8 %`, `1 154 kr/inv`, `i.u.` (Kolada aug 2024): a number as the reports
// show it (digits grouped, decimals as written), a word as written, its note after it.
std::string value_shown(const ComparedValue& v) {
    std::string shown = v.text;
    if (v.shape == ValueShape::Number || v.shape == ValueShape::Interval) {
        const ValueParse p = parse_value_literal(v.text);
        if (p.value && p.value->kind == ValueKind::Number) shown = format_with_unit(p.value->lo, p.value->unit, true);
        else if (p.value && p.value->kind == ValueKind::Interval) shown = format_interval(p.value->lo, p.value->hi, p.value->unit, true);
    }
    std::string s = code(shown);
    if (!one_line(v.note).empty()) s += " (" + one_line(v.note) + ")";
    return s;
}

}  // namespace

std::string value_change_item(const ValueChange& c) {
    const ComparedValue& at = c.now ? *c.now : *c.was;
    const std::string where = at.series.empty() ? at.period : at.period + ", " + code(at.series);
    switch (c.kind) {
        case ValueChangeKind::Added: return fmt::format("{} har lagts till: {}", where, value_shown(*c.now));
        case ValueChangeKind::Removed: return fmt::format("{} har tagits bort (var {})", where, value_shown(*c.was));
        case ValueChangeKind::Restated: break;
    }
    return fmt::format("{}: {} → {}", where, value_shown(*c.was), value_shown(*c.now));
}

}  // namespace malkoll::difftext
