// The value store: every measured value of a run — inline `utfall:` in the
// rule file and CSV rows alike — in one compact table, with the one policy
// for them (docs/regelfil.md): a value after the report period is not used
// (except the forecast), the same (indikator, period, serie) twice is an
// error naming both places, values are kept in report order.
#pragma once
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/core/diagnostic.hpp"
#include "engine/core/source.hpp"
#include "engine/core/value.hpp"

namespace malkoll {

// `2024` (month 0: the full year) or `2024-08` (interim, to the end of August).
// 4 bytes: it is in every value.
struct Period {
    std::int16_t year = 0;
    std::int8_t month = 0;
    constexpr Period() = default;
    constexpr Period(int y, int m) : year(static_cast<std::int16_t>(y)), month(static_cast<std::int8_t>(m)) {}
    // Sorts by the date the period ends; an interim period before the full
    // year that ends the same day (2023 < 2024-08 < 2024-12 < 2024).
    int key() const { return (year * 100 + (month == 0 ? 12 : month)) * 2 + (month == 0 ? 1 : 0); }
    bool operator==(const Period&) const = default;
    std::string text() const;    // "2024", "2018-08": files, JSON, CSV columns, explain
    std::string spoken() const;  // "2024", "31 augusti 2018": report prose and titles
    std::string label() const;   // "2024", "31 aug. 2018": table columns, chart axes, footnotes
};
std::optional<Period> parse_period(std::string_view s);
// The period a date stands for (a date cell of a workbook, docs/excel.md):
// the one that ends that day (31 August 2024 is 2024-08, 31 December 2024 the
// year 2024), or the month of its first day (2024-08-01, what Excel makes of
// 2024-08 typed in a cell, is 2024-08); nullopt for any other day.
std::optional<Period> period_of_date(int year, int month, int day);

// When a value that is not there yet will be published (a data-lag note,
// docs/regelfil.md): a note or kommentar that is exactly "publiceras
// ÅÅÅÅ-MM" or "publiceras ÅÅÅÅ-MM-DD", the word in any case. Any other form stays a free note.
struct Publication {
    int year = 0, month = 0, day = 0;  // day 0: the month only
    // "i augusti 2025", "den 15 augusti 2025"
    std::string spoken() const;
};
std::optional<Publication> parse_publication(std::string_view note);

using TextId = std::uint32_t;    // an interned text of the store; 0 is ""
using SeriesId = std::uint16_t;  // an interned series; 0 is the main series (`totalt`)
constexpr SeriesId kNoSeries = 0xFFFF;  // a series no value has: reading it finds nothing

// One value, 48 bytes (3 M values: 144 MB). Texts are ids or views into the source file, so a
// value owns no heap memory; ask the ValueStore for them.
struct DataValue {
    double lo_v = 0, hi_v = 0;    // the number (lo == hi), or the interval's ends
    Period period;
    std::uint32_t indicator = 0;  // its owner: index in RuleFile::indicators, past them a nyckeltal row (RuleFile::key_figure_owner)
    std::uint32_t offset = 0;     // byte offset of the value (the cell, the YAML scalar) in its file
    std::uint32_t text_ref = 0;   // the literal text: (delta from offset << 16 | length), or a TextId
    std::uint32_t remarks = 0;    // index of its note, kommentar and källa in the store; 0: none
    std::uint16_t file = 0;       // in the SourceSet
    SeriesId series = 0;
    std::uint16_t unit = 0;       // index in the store's units; 0 is "" (none)
    ValueKind kind = ValueKind::Missing;
    std::int8_t lo_decimals = -1, hi_decimals = -1;
    std::uint8_t flags = 0;
    std::uint16_t period_back = 0;  // the period is written this many bytes before the value (0: at it)

    Decimal lo() const { return Decimal{lo_v, lo_decimals}; }
    Decimal hi() const { return Decimal{hi_v, hi_decimals}; }
    bool is_missing() const { return kind == ValueKind::Missing; }
    bool is_main_series() const { return series == 0; }

    static constexpr std::uint8_t kTextInterned = 1;  // text_ref is a TextId
    static constexpr std::uint8_t kFresh = 2;         // added since the last settle
    static constexpr std::uint8_t kStatus = 4;        // a status word (värdeskala): lo_v its position, text the word
    bool is_status() const { return flags & kStatus; }
};

// What a reader hands to the store for one value.
struct ValueInput {
    std::uint32_t indicator = 0;
    Period period;
    std::string_view series;   // as written; "" or `totalt` is the main series
    const ValueLiteral* literal = nullptr;
    std::uint32_t file = 0;    // in the SourceSet
    std::uint32_t offset = 0;  // where the value is written
    std::uint32_t period_offset = 0;  // where its period is written (notices about the period point there)
    // Where the literal's text (lit.text) starts in the file, when it stands
    // there as is; std::nullopt when it does not (escapes, folded lines).
    std::optional<std::uint32_t> text_offset;
    bool status = false;           // a word of the indicator's `värdeskala`: its position, text the list's spelling
    std::string_view comment;      // the CSV `kommentar`, "" if none
    std::string_view data_source;  // the value's own `källa`, "" if none
};

// The report's window, for the store's policy on periods.
struct ReportWindow {
    int year = 0;        // 0: the rule file has no usable `år` (nothing is dropped)
    Period period;       // the assessed period
    bool interim = false;  // a delår
};

class ValueStore {
public:
    ValueStore();

    // Texts and positions are read from the files of `sources`, which must
    // outlive the store's use.
    void attach(const SourceSet* sources) { sources_ = sources; }
    const SourceSet* sources() const { return sources_; }

    void add(const ValueInput& in);
    // Applies the policy to the values added since the last call: drops those
    // after the report's period (one notice per file and period), reports and
    // drops duplicates (naming both places), and sorts every indicator's values
    // into report order (by indicator; periods ascending; the main series,
    // then the indicator's `serier` as given, then the rest as first met).
    // `ids` names indicators in messages; `series_order[i]` is indicator i's
    // `serier`.
    void settle(const ReportWindow& window, const std::vector<std::string>& ids,
                const std::vector<std::vector<std::string>>& series_order, Diagnostics& diags);

    // ---- the values ----------------------------------------------------------
    std::size_t size() const { return values_.size(); }
    bool empty() const { return values_.empty(); }
    const DataValue& operator[](std::size_t i) const { return values_[i]; }
    const DataValue* data() const { return values_.data(); }
    auto begin() const { return values_.cbegin(); }
    auto end() const { return values_.cend(); }
    void reserve(std::size_t n) { values_.reserve(n); }
    // One indicator's values (settled values are grouped by indicator), in report order.
    std::pair<const DataValue*, const DataValue*> of_indicator(std::uint32_t indicator) const;
    // The value at (indicator, period, series), if any; series by name as in find_series.
    const DataValue* find(std::uint32_t indicator, Period p, std::string_view series) const;

    // ---- what a value says ---------------------------------------------------
    std::string_view text(const DataValue& v) const;        // as written, without the note ("17 %", "i.u.")
    std::string_view note(const DataValue& v) const;        // the cell's parentheses, "" if none
    std::string_view comment(const DataValue& v) const;     // the `kommentar` column, "" if none
    std::string_view data_source(const DataValue& v) const; // its own `källa`, "" if none
    std::string_view unit(const DataValue& v) const { return units_[v.unit]; }
    // The note and the kommentar, each once, joined by " — " (docs/regelfil.md).
    std::string remark(const DataValue& v) const;
    // A missing value's data-lag note (its note or its kommentar), if it has one.
    std::optional<Publication> publication(const DataValue& v) const;
    // The series as first written ("" for the main series).
    const std::string& series_name(SeriesId s) const { return series_[s].name; }
    const std::string& series_name(const DataValue& v) const { return series_[v.series].name; }
    // The id of a series name (any case, `totalt` is the main series), if any value has it.
    std::optional<SeriesId> find_series(std::string_view name) const;
    // The series `prognos` (a delår's forecast), if any value has it: found
    // once when interned, since every indicator's facts ask for it.
    std::optional<SeriesId> forecast_series() const { return forecast_; }
    // Where the value was written (file:line:column, or a sheet's cell).
    Position position(const DataValue& v) const;
    // The same as reports cite it: the file and line (no column), or the sheet's cell.
    Position cited_position(const DataValue& v) const;
    const std::string& file_name(const DataValue& v) const;

private:
    struct Series {
        std::string name;    // as first written
        std::string folded;  // fold_word, computed once
    };
    struct Remarks {
        TextId note = 0, comment = 0, source = 0;
        bool operator==(const Remarks&) const = default;
    };
    struct RemarksHash {
        std::size_t operator()(const Remarks& r) const {
            return (std::size_t{r.note} * 0x9E3779B1u) ^ (std::size_t{r.comment} << 20) ^ (std::size_t{r.source} * 0x85EBCA77u);
        }
    };

    TextId intern(std::string_view s);
    SeriesId intern_series(std::string_view written);
    std::uint16_t intern_unit(std::string_view u);
    std::string_view text_of(TextId id) const { return texts_[id]; }
    void sort_new(const std::vector<std::vector<std::string>>& series_order);

    const SourceSet* sources_ = nullptr;
    std::optional<SeriesId> forecast_;
    std::vector<DataValue> values_;
    std::size_t settled_ = 0;  // values_[0, settled_) are settled and sorted

    std::deque<std::string> text_storage_;                  // stable: views below point into it
    std::vector<std::string_view> texts_;                    // TextId → text
    std::unordered_map<std::string_view, TextId> text_ids_;
    std::vector<Remarks> remarks_;                           // index 0: none
    std::unordered_map<Remarks, std::uint32_t, RemarksHash> remarks_ids_;
    std::vector<Series> series_;                             // SeriesId → series
    std::unordered_map<std::string, SeriesId> series_ids_;   // folded → id
    std::vector<std::string> units_;                         // index 0: ""
    std::vector<std::pair<std::string, SeriesId>> spellings_;  // series as written → id (the first 64)
    TextId last_text_ = 0;
    std::uint32_t last_remarks_ = 0;
};

}  // namespace malkoll
