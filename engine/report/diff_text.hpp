// What the two diffs share (docs/revisorsguide.md): the Markdown forms of a
// change — quoting, list items, sections — and how one indicator's values
// are compared between two files or two reports.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace malkoll::difftext {

// A text for one list item: trimmed, and every line break (with the spaces
// around it) one space. Free texts are compared in this form, so a text
// rewrapped in the YAML is no change.
std::string one_line(std::string_view s);
// Free text people wrote: ”…”.
std::string quoted(std::string_view s);
// Ids, keywords, targets, units, numbers: `…` (a longer fence when the text
// holds backticks itself).
std::string code(std::string_view s);
std::string code_list(const std::vector<std::string>& v);
// The longest run of backticks in s (a code fence must be longer).
std::size_t longest_backtick_run(std::string_view s);
// In a list item: ”namn” (`id`); as the heading of a changed item: namn (`id`).
std::string named(std::string_view name, std::string_view id);
std::string heading(std::string_view name, std::string_view id);

using Items = std::vector<std::string>;

// Shown forms, "" for absent: "X har lagts till: b", "X har tagits bort (var a)" or "X: a → b".
void change(Items& c, std::string_view label, const std::string& was, const std::string& now);
using Quote = std::string (*)(std::string_view);
// The same for texts compared in one_line form, quoted with q.
void text_change(Items& c, std::string_view label, std::string_view was, std::string_view now, Quote q);

struct Block {
    std::string heading;  // "" for a plain list
    Items items;
};

struct Section {
    std::string title;
    std::vector<Block> blocks;
    bool empty() const;
};

// "## title" and its blocks for every section with something in it; false
// when there was none.
bool write_sections(const std::vector<Section>& sections, std::ostream& out);

// Keys to match the elements of two lists by: key(element) and how often it
// came before, so that a key written twice (which a report or rule file
// never has) matches its n-th occurrence and a list compared with itself has
// no change.
template <class T, class F>
std::vector<std::string> occurrence_keys(const std::vector<T>& list, F key) {
    std::map<std::string, std::size_t> seen;
    std::vector<std::string> out;
    out.reserve(list.size());
    for (const auto& element : list) {
        std::string k = key(element);
        const std::size_t n = seen[k]++;
        k += '\x1f';
        k += std::to_string(n);
        out.push_back(std::move(k));
    }
    return out;
}

// ---- values ----------------------------------------------------------------

enum class ValueShape : std::uint8_t { Missing, Number, Interval, Word };

// One value of an indicator or a nyckeltal row, from a rule file or a report.
struct ComparedValue {
    std::string period;  // "2023", "2024-08"
    std::string series;  // as written; "" the main series
    ValueShape shape = ValueShape::Missing;
    double lo = 0, hi = 0;  // the number (lo), or the interval's ends
    std::string unit;       // its own unit ("%", "kr/inv"), "" where written without one
    std::string text;       // as written, without the note: "11,8 %", "i.u.", a status word
    std::string note;       // the note (and kommentar) as the reports show it; "" none
};

// Two values are the same when their numbers (interval ends) are equal and
// their units too where both are written with one (`39 %` is not `39 tkr`), or
// both are status words that fold alike, or both are missing: "10 %" and
// "10,0 %" are one value, and a missing value's note is not its value.
bool same_value(const ComparedValue& a, const ComparedValue& b);

enum class ValueChangeKind : std::uint8_t { Restated, Added, Removed };

struct ValueChange {
    ValueChangeKind kind;
    std::optional<ComparedValue> was, now;  // was: Restated, Removed; now: Restated, Added
};

// One owner's values (an indicator's or a nyckeltal row's), old and new,
// matched by (period, series — folded as serier are). Restated: in both,
// another value. Added and removed: only for a period in `both_cover` (the
// periods both files or reports show any value for) and, when the owner has
// values on both sides, within the span of periods it has values for on both
// (from the later first period to the earlier last one) – so that the new
// year's values and the years that fell out are not listed. In the new
// values' order, then the removed in the old order.
std::vector<ValueChange> compare_values(const std::vector<ComparedValue>& was, const std::vector<ComparedValue>& now,
                                        const std::set<std::string>& both_cover);

// "2023, `R9`: `i.u.` (Kolada aug 2024) → `1154 kr/inv`", "2022 har lagts till: `5 %`".
std::string value_change_item(const ValueChange& c);

}  // namespace malkoll::difftext
