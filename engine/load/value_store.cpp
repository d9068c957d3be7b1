#include "engine/load/value_store.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

#include "engine/core/text.hpp"

namespace malkoll {

std::string Period::text() const {
    return month == 0 ? fmt::format("{}", int{year}) : fmt::format("{}-{:02}", int{year}, int{month});
}

namespace {
// A month period is the value at the month's last day (docs/regelspråk.md: an interim period).
int last_day(int year, int month) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}
constexpr const char* kMonths[] = {"januari", "februari", "mars", "april", "maj", "juni",
                                   "juli", "augusti", "september", "oktober", "november", "december"};
constexpr const char* kShortMonths[] = {"jan.", "feb.", "mars", "april", "maj", "juni",
                                        "juli", "aug.", "sep.", "okt.", "nov.", "dec."};
}  // namespace

std::string Period::spoken() const {
    if (month < 1 || month > 12) return text();
    return fmt::format("{} {} {}", last_day(year, month), kMonths[month - 1], int{year});
}

std::string Period::label() const {
    if (month < 1 || month > 12) return text();
    return fmt::format("{} {} {}", last_day(year, month), kShortMonths[month - 1], int{year});
}

std::optional<Period> parse_period(std::string_view s) {
    auto digits = [](std::string_view d) {
        for (char c : d)
            if (c < '0' || c > '9') return false;
        return !d.empty();
    };
    int y = 0, m = 0;
    if (s.size() == 4 && digits(s)) {
        std::from_chars(s.data(), s.data() + 4, y);
        return Period{y, 0};
    }
    if (s.size() == 7 && s[4] == '-' && digits(s.substr(0, 4)) && digits(s.substr(5, 2))) {
        std::from_chars(s.data(), s.data() + 4, y);
        std::from_chars(s.data() + 5, s.data() + 7, m);
        if (m >= 1 && m <= 12) return Period{y, m};
    }
    return std::nullopt;
}

std::optional<Period> period_of_date(int year, int month, int day) {
    if (month < 1 || month > 12 || year < 1 || year > 9999) return std::nullopt;
    if (month == 12 && day == 31) return Period{year, 0};
    if (day == 1 || day == last_day(year, month)) return Period{year, month};
    return std::nullopt;
}

static_assert(sizeof(DataValue) == 48, "a value is 48 bytes: keep it so (3 M values in 144 MB)");

ValueStore::ValueStore() {
    texts_.emplace_back();
    remarks_.emplace_back();
    series_.push_back(Series{});
    series_ids_.emplace(std::string(), 0);
    units_.emplace_back();
}

TextId ValueStore::intern(std::string_view s) {
    if (s.empty()) return 0;
    // Rows of one indicator usually repeat their källa: the last hit first.
    if (last_text_ && texts_[last_text_] == s) return last_text_;
    if (auto it = text_ids_.find(s); it != text_ids_.end()) return last_text_ = it->second;
    const std::string& kept = text_storage_.emplace_back(s);
    const auto id = static_cast<TextId>(texts_.size());
    texts_.emplace_back(kept);
    text_ids_.emplace(std::string_view(kept), id);
    return last_text_ = id;
}

namespace {
const std::string kForecastFolded = fold_word("prognos");
}  // namespace

SeriesId ValueStore::intern_series(std::string_view written) {
    if (written.empty()) return 0;
    // Spellings already met, compared as bytes: folding only for a new spelling.
    for (const auto& [spelling, known] : spellings_)
        if (spelling == written) return known;
    std::string folded = fold_word(written);
    SeriesId id = 0;
    if (folded != "totalt") {
        auto [it, inserted] = series_ids_.try_emplace(std::move(folded), static_cast<SeriesId>(series_.size()));
        if (inserted) series_.push_back(Series{std::string(written), it->first});
        id = it->second;
        if (inserted && it->first == kForecastFolded) forecast_ = id;
    }
    if (spellings_.size() < 64) spellings_.emplace_back(std::string(written), id);
    return id;
}

std::uint16_t ValueStore::intern_unit(std::string_view u) {
    if (u.empty()) return 0;
    for (std::size_t i = 1; i < units_.size(); ++i)
        if (units_[i] == u) return static_cast<std::uint16_t>(i);
    units_.emplace_back(u);
    return static_cast<std::uint16_t>(units_.size() - 1);
}

std::optional<SeriesId> ValueStore::find_series(std::string_view name) const {
    std::string folded = fold_word(name);
    if (folded.empty() || folded == "totalt") return SeriesId{0};
    auto it = series_ids_.find(folded);
    if (it == series_ids_.end()) return std::nullopt;
    return it->second;
}

void ValueStore::add(const ValueInput& in) {
    const ValueLiteral& lit = *in.literal;
    DataValue v;
    v.indicator = in.indicator;
    v.period = in.period;
    v.series = intern_series(in.series);
    v.kind = lit.kind;
    v.lo_v = lit.lo.v;
    v.lo_decimals = lit.lo.decimals;
    const Decimal hi = lit.kind == ValueKind::Interval ? lit.hi : lit.lo;
    v.hi_v = hi.v;
    v.hi_decimals = hi.decimals;
    v.unit = intern_unit(lit.unit);
    v.file = static_cast<std::uint16_t>(in.file);
    v.offset = in.offset;
    v.flags = DataValue::kFresh;
    if (in.status) v.flags |= DataValue::kStatus;
    // The text as a view into the file when it stands there as written.
    if (in.text_offset && *in.text_offset >= in.offset && *in.text_offset - in.offset <= 0xFFFF &&
        lit.text.size() <= 0xFFFF) {
        v.text_ref = ((*in.text_offset - in.offset) << 16) | static_cast<std::uint32_t>(lit.text.size());
    } else {
        v.text_ref = intern(lit.text);
        v.flags |= DataValue::kTextInterned;
    }
    Remarks r{intern(lit.note), intern(in.comment), intern(in.data_source)};
    if (!(r == Remarks{})) {
        if (last_remarks_ && remarks_[last_remarks_] == r) {
            v.remarks = last_remarks_;
        } else {
            auto [it, inserted] = remarks_ids_.try_emplace(r, static_cast<std::uint32_t>(remarks_.size()));
            if (inserted) remarks_.push_back(r);
            v.remarks = last_remarks_ = it->second;
        }
    }
    // A CSV row's period cell and a YAML period key stand shortly before the value.
    if (in.period_offset <= in.offset && in.offset - in.period_offset <= 0xFFFF)
        v.period_back = static_cast<std::uint16_t>(in.offset - in.period_offset);
    values_.push_back(v);
}

std::string_view ValueStore::text(const DataValue& v) const {
    if (v.flags & DataValue::kTextInterned) return text_of(v.text_ref);
    if (!sources_ || v.file >= sources_->size()) return {};
    const std::string_view t = sources_->file(v.file).text();
    const std::size_t at = v.offset + (v.text_ref >> 16);
    return std::string_view(t).substr(std::min(at, t.size()), v.text_ref & 0xFFFF);
}

std::string_view ValueStore::note(const DataValue& v) const { return text_of(remarks_[v.remarks].note); }
std::string_view ValueStore::comment(const DataValue& v) const { return text_of(remarks_[v.remarks].comment); }
std::string_view ValueStore::data_source(const DataValue& v) const { return text_of(remarks_[v.remarks].source); }

std::string Publication::spoken() const {
    const char* m = month >= 1 && month <= 12 ? kMonths[month - 1] : "";
    return day ? fmt::format("den {} {} {}", day, m, year) : fmt::format("i {} {}", m, year);
}

std::optional<Publication> parse_publication(std::string_view note) {
    // The word in any case ("Publiceras 2025-08"), then exactly one space and the date.
    constexpr std::string_view kWord = "publiceras ";
    if (note.size() < kWord.size()) return std::nullopt;
    for (std::size_t i = 0; i < kWord.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(note[i])) != kWord[i]) return std::nullopt;
    const std::string_view date = note.substr(kWord.size());
    auto number = [&](std::size_t at, std::size_t len, int& out) {
        if (at + len > date.size()) return false;
        for (std::size_t i = at; i < at + len; ++i)
            if (date[i] < '0' || date[i] > '9') return false;
        return std::from_chars(date.data() + at, date.data() + at + len, out).ec == std::errc{};
    };
    Publication p;
    if (date.size() != 7 && date.size() != 10) return std::nullopt;
    if (!number(0, 4, p.year) || date[4] != '-' || !number(5, 2, p.month) || p.month < 1 || p.month > 12) return std::nullopt;
    if (date.size() == 10 && (date[7] != '-' || !number(8, 2, p.day) || p.day < 1 || p.day > last_day(p.year, p.month))) return std::nullopt;
    if (p.year < 1000) return std::nullopt;
    return p;
}

std::optional<Publication> ValueStore::publication(const DataValue& v) const {
    if (!v.is_missing()) return std::nullopt;
    const Remarks& r = remarks_[v.remarks];
    if (auto p = parse_publication(text_of(r.note))) return p;
    return parse_publication(text_of(r.comment));
}

std::string ValueStore::remark(const DataValue& v) const {
    const Remarks& r = remarks_[v.remarks];
    std::string s(text_of(r.note));
    if (r.comment) {
        if (!s.empty()) s += " — ";
        s += text_of(r.comment);
    }
    return s;
}

std::pair<const DataValue*, const DataValue*> ValueStore::of_indicator(std::uint32_t indicator) const {
    auto lo = std::partition_point(values_.begin(), values_.end(), [&](const DataValue& v) { return v.indicator < indicator; });
    auto hi = std::partition_point(lo, values_.end(), [&](const DataValue& v) { return v.indicator <= indicator; });
    return {values_.data() + (lo - values_.begin()), values_.data() + (hi - values_.begin())};
}

const DataValue* ValueStore::find(std::uint32_t indicator, Period p, std::string_view series) const {
    const auto id = find_series(series);
    if (!id) return nullptr;
    auto [b, e] = of_indicator(indicator);
    for (const DataValue* v = b; v != e; ++v)
        if (v->period == p && v->series == *id) return v;
    return nullptr;
}

Position ValueStore::position(const DataValue& v) const {
    if (!sources_ || v.file >= sources_->size()) return Position{};
    return sources_->file(v.file).position_at(v.offset);
}

Position ValueStore::cited_position(const DataValue& v) const {
    Position p = position(v);
    if (p.sheet.empty()) p.col = 0;
    return p;
}

const std::string& ValueStore::file_name(const DataValue& v) const {
    static const std::string none;
    if (!sources_ || v.file >= sources_->size()) return none;
    return sources_->file(v.file).name();
}

namespace {

std::string series_label(const std::string& series) { return series.empty() ? std::string() : " (" + series + ")"; }

}  // namespace

void ValueStore::sort_new(const std::vector<std::vector<std::string>>& series_order) {
    // Rank of each series within an indicator: main first, then its `serier`
    // as given, then the others as met (docs/regelfil.md).
    std::vector<std::uint32_t> rank(series_.size());
    auto by_report_order = [&](const DataValue& a, const DataValue& b) {
        if (a.indicator != b.indicator) return a.indicator < b.indicator;
        const int ka = a.period.key(), kb = b.period.key();
        if (ka != kb) return ka < kb;
        return rank[a.series] < rank[b.series];
    };
    // Already settled values are in order; only the new ones need a sort,
    // then one merge (stable: the earlier value stays first).
    const auto mid = values_.begin() + static_cast<std::ptrdiff_t>(settled_);
    // Rank depends on the indicator: sort by (indicator, period) first, then
    // order each indicator's equal-period runs by its own ranks.
    auto by_indicator_period = [](const DataValue& a, const DataValue& b) {
        if (a.indicator != b.indicator) return a.indicator < b.indicator;
        return a.period.key() < b.period.key();
    };
    if (!std::is_sorted(mid, values_.end(), by_indicator_period)) std::stable_sort(mid, values_.end(), by_indicator_period);
    if (settled_ > 0 && mid != values_.end() && by_indicator_period(*mid, *(mid - 1)))
        std::inplace_merge(values_.begin(), mid, values_.end(), by_indicator_period);
    // Within one indicator and period, the series in the indicator's order.
    for (std::size_t i = 0; i < values_.size();) {
        std::size_t j = i;
        while (j < values_.size() && values_[j].indicator == values_[i].indicator) ++j;
        bool several = false;
        for (std::size_t k = i + 1; k < j && !several; ++k) several = values_[k].period == values_[k - 1].period;
        if (several) {
            const std::uint32_t ind = values_[i].indicator;
            std::fill(rank.begin(), rank.end(), 0x10000u);  // unlisted series: as met
            rank[0] = 0;
            if (ind < series_order.size()) {
                const auto& order = series_order[ind];
                for (std::size_t k = 0; k < order.size(); ++k)
                    if (auto id = find_series(order[k]); id && *id != 0 && rank[*id] == 0x10000)
                        rank[*id] = static_cast<std::uint32_t>(k + 1);
            }
            std::stable_sort(values_.begin() + static_cast<std::ptrdiff_t>(i), values_.begin() + static_cast<std::ptrdiff_t>(j),
                             by_report_order);
        }
        i = j;
    }
}

void ValueStore::settle(const ReportWindow& window, const std::vector<std::string>& ids,
                        const std::vector<std::vector<std::string>>& series_order, Diagnostics& diags) {
    if (settled_ == values_.size()) return;
    auto id_of = [&](const DataValue& v) { return v.indicator < ids.size() ? ids[v.indicator] : std::string(); };

    // 1. After the report's period: not used, except the forecast for `år`.
    //    One notice per file and period, at its first value.
    struct Group {
        std::uint16_t file;
        Period period;
        std::size_t rows = 0;
        DataValue first;
        std::uint32_t period_offset = 0;
    };
    std::vector<Group> future;
    const std::optional<SeriesId> prognos = forecast_series();
    std::size_t kept = settled_;
    for (std::size_t i = settled_; i < values_.size(); ++i) {
        const DataValue& v = values_[i];
        const bool forecast = prognos && *prognos != 0 && v.series == *prognos && v.period == Period{window.year, 0};
        if (window.year != 0 && v.period.key() > window.period.key() && !forecast) {
            auto g = std::find_if(future.begin(), future.end(),
                                  [&](const Group& x) { return x.file == v.file && x.period == v.period; });
            if (g == future.end()) g = future.insert(future.end(), Group{v.file, v.period, 0, v, v.offset - v.period_back});
            ++g->rows;
            continue;
        }
        if (kept != i) values_[kept] = v;
        ++kept;
    }
    values_.resize(kept);
    for (const Group& g : future) {
        const std::string p = g.period.text();
        std::string msg =
            g.rows == 1
                ? fmt::format("värdet för {} {}{} används inte: {} är efter rapportperioden {}", id_of(g.first), p,
                              series_label(series_name(g.first)), p, window.period.text())
                : fmt::format("{} värden för {} används inte: {} är efter rapportperioden {} (det första står här)",
                              g.rows, p, p, window.period.text());
        if (window.interim && g.period == Period{window.year, 0})
            msg += "; en prognos för helåret skrivs i serien 'prognos'";
        DataValue at = g.first;
        at.offset = g.period_offset;
        diags.notice("value.future-period", position(at), std::move(msg));
    }

    // 2. Report order.
    sort_new(series_order);

    // 3. The same (indikator, period, serie) twice: an error at the later one,
    //    naming the first. After sorting they are neighbours, the first met first.
    kept = 0;
    for (std::size_t i = 0; i < values_.size(); ++i) {
        DataValue& v = values_[i];
        if (kept > 0) {
            const DataValue& prev = values_[kept - 1];
            if (prev.indicator == v.indicator && prev.period == v.period && prev.series == v.series) {
                if (v.flags & DataValue::kFresh) {
                    const Position first = cited_position(prev);
                    const std::string where = prev.file != v.file   ? location_text(first)
                                              : first.sheet.empty() ? fmt::format("rad {}", first.line)
                                                                    : "cell " + cell_reference(first.line, first.col);
                    diags.error("value.duplicate", position(v),
                                fmt::format("värdet för {} {}{} finns redan på {}", id_of(v), v.period.text(),
                                            series_label(series_name(v)), where));
                }
                continue;
            }
        }
        v.flags &= static_cast<std::uint8_t>(~DataValue::kFresh);
        if (kept != i) values_[kept] = v;
        ++kept;
    }
    values_.resize(kept);
    settled_ = values_.size();
}

}  // namespace malkoll
