// The Excel report (docs/excel.md). Each sheet is a table with its header
// frozen and an autofilter over it; a value is a number in its cell with a
// number format (a percentage as the fraction with `0 %`/`0,0 %`, other
// numbers grouped `# ##0` with their decimals as written), and the text as
// written stands in the column beside it where the number does not say it
// all: an interval, a missing value, a status word, a note, a value before a
// series break (†). Everything it shows comes from the report model.
#include "engine/report/xlsx.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cerrno>
#include <cstdlib>
#include <ctime>
#include <map>

#include <fmt/format.h>
#include <xlsxwriter.h>

#include "engine/core/atomic_write.hpp"
#include "engine/core/source.hpp"
#include "engine/core/source_date.hpp"
#include "engine/core/text.hpp"
#include "engine/report/model.hpp"

namespace malkoll {

namespace {

constexpr std::size_t kMaxCellChars = 32000;  // Excel holds 32 767 characters in a cell
constexpr std::size_t kMaxWidth = 60;         // characters; a longer text wraps
constexpr std::uint32_t kMaxRows = LXW_ROW_MAX;
constexpr double kLineHeight = 15;           // points per line of text in a row (Excel's default row)

// The formats of one workbook, each made once.
class Formats {
public:
    explicit Formats(lxw_workbook* wb) : wb_(wb) {
        header = workbook_add_format(wb);
        format_set_bold(header);
        format_set_text_wrap(header);
        format_set_align(header, LXW_ALIGN_VERTICAL_TOP);
        format_set_bottom(header, LXW_BORDER_THIN);
        text = workbook_add_format(wb);
        format_set_align(text, LXW_ALIGN_VERTICAL_TOP);
        wrap = workbook_add_format(wb);
        format_set_text_wrap(wrap);
        format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
        title = workbook_add_format(wb);
        format_set_bold(title);
        format_set_font_size(title, 14);
        general = workbook_add_format(wb);
        format_set_align(general, LXW_ALIGN_VERTICAL_TOP);
    }
    lxw_format *header, *text, *wrap, *title, *general;

    // "0 %", "0.0 %" …; "#,##0", "#,##0.0" …: the file's invariant form, which
    // Swedish Excel shows as 17,3 % and 1 234,5.
    lxw_format* number(bool percent, int decimals) {
        if (decimals < 0) return general;  // a computed number: as many decimals as it has
        decimals = std::min(decimals, 15);
        lxw_format*& f = (percent ? percent_ : plain_)[static_cast<std::size_t>(decimals)];
        if (!f) {
            std::string code = percent ? "0" : "#,##0";
            if (decimals > 0) code += "." + std::string(static_cast<std::size_t>(decimals), '0');
            if (percent) code += " %";
            f = workbook_add_format(wb_);
            // #,##0 and #,##0.00 as Excel itself stores them: its built-in formats 3 and 4.
            if (!percent && (decimals == 0 || decimals == 2)) format_set_num_format_index(f, decimals == 0 ? 3 : 4);
            else format_set_num_format(f, code.c_str());
            format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
        }
        return f;
    }

private:
    lxw_workbook* wb_;
    std::array<lxw_format*, 16> percent_{}, plain_{};
};

// The widest line of a text, in characters.
std::size_t widest_line(std::string_view s) {
    std::size_t best = 0;
    for (std::size_t at = 0; at <= s.size();) {
        std::size_t end = s.find('\n', at);
        if (end == std::string_view::npos) end = s.size();
        best = std::max(best, utf8_length(s.substr(at, end - at)));
        at = end + 1;
    }
    return best;
}

// A number in % as the fraction Excel stores (17 % → 0.17), exactly the
// double nearest to the decimal: the shortest digits of the value with the
// point moved two places.
double percent_fraction(double v) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    std::string_view s(buf, static_cast<std::size_t>(r.ptr - buf));
    const std::size_t e = s.find('e');
    int exponent = 0;
    std::from_chars(s.data() + e + 1 + (s[e + 1] == '+' ? 1 : 0), s.data() + s.size(), exponent);
    const std::string shifted = std::string(s.substr(0, e)) + "e" + std::to_string(exponent - 2);
    double out = 0;
    std::from_chars(shifted.data(), shifted.data() + shifted.size(), out);
    return out;
}

// One worksheet: its cells, the widths its columns need, its header and filter.
class Sheet {
public:
    Sheet(lxw_worksheet* ws, Formats& fm, lxw_error& error) : ws_(ws), fm_(fm), error_(error) {}

    // The table's header at `row`: frozen, with the autofilter from it.
    void header(std::uint32_t row, const std::vector<std::string>& names) {
        header_row_ = row;
        columns_ = static_cast<std::uint16_t>(names.size());
        for (std::size_t c = 0; c < names.size(); ++c) {
            put(row, static_cast<std::uint16_t>(c), names[c], fm_.header);
            need(static_cast<std::uint16_t>(c), widest_line(names[c]) + 3);  // and the filter's button
        }
        last_row_ = row;
    }

    void text(std::uint32_t row, std::uint16_t col, std::string_view s, lxw_format* f = nullptr) {
        if (s.empty()) return;
        std::string t = utf8_length(s) > kMaxCellChars ? shortened(s, kMaxCellChars) : std::string(s);
        const std::size_t width = widest_line(t);
        need(col, width);
        const bool wraps = width > kMaxWidth || t.find('\n') != std::string::npos;
        if (wraps && !f) note_lines(row, t);
        put(row, col, t, f ? f : wraps ? fm_.wrap : fm_.text);
    }

    void number(std::uint32_t row, std::uint16_t col, double v, lxw_format* f, std::size_t shown_chars) {
        if (!room(row)) return;
        need(col, shown_chars);
        keep(worksheet_write_number(ws_, row, col, v, f));
        last_row_ = std::max(last_row_, row);
    }

    // A value and, in the column after it, the text as written where the
    // number does not say it all. `unit` is the row's (a value written
    // without one has it).
    void value(std::uint32_t row, std::uint16_t col, const ValueStore& vs, const Cell& c, std::string_view unit) {
        if (!c.value) return;
        const DataValue& v = *c.value;
        const std::string_view own = v.unit ? vs.unit(v) : unit;
        const bool number_cell = v.kind == ValueKind::Number && !v.is_status();
        if (number_cell) {
            const bool percent = own == "%";
            number(row, col, percent ? percent_fraction(v.lo_v) : v.lo_v, fm_.number(percent, v.lo_decimals), utf8_length(c.text));
        }
        // A number in a unit of its own (not the row's, not %) says so beside it.
        const bool other_unit = number_cell && v.unit && own != unit && own != "%";
        if (number_cell && c.note.empty() && !c.before_break && !other_unit) return;
        std::string s = c.text;
        if (!c.note.empty()) s += " (" + c.note + ")";
        if (c.before_break) s += " †";  // the footnote says what † means
        text(row, col + 1, s);
    }

    std::uint32_t last_row() const { return last_row_; }

    // Frozen panes under the header, the autofilter over the table (down to
    // `filter_last`, else the last row), the widths; printed on A4 landscape
    // with the header row on every page.
    void finish(bool filter, std::uint32_t filter_last = 0) {
        worksheet_set_paper(ws_, 9);  // A4
        worksheet_set_landscape(ws_);
        if (columns_ > 0) {
            keep(worksheet_repeat_rows(ws_, header_row_, header_row_));
            worksheet_freeze_panes(ws_, header_row_ + 1, 0);
            if (filter)
                keep(worksheet_autofilter(ws_, header_row_, 0, filter_last ? filter_last : last_row_, static_cast<std::uint16_t>(columns_ - 1)));
        }
        // A row with wrapped text gets the height of its lines: Excel sizes
        // such a row itself when it opens the file, LibreOffice does not.
        for (const auto& [row, lines] : row_lines_)
            if (lines > 1) keep(worksheet_set_row(ws_, row, kLineHeight * lines, nullptr));
        for (std::size_t c = 0; c < widths_.size(); ++c)
            if (widths_[c] > 0)
                keep(worksheet_set_column(ws_, static_cast<std::uint16_t>(c), static_cast<std::uint16_t>(c),
                                          static_cast<double>(std::min(widths_[c], kMaxWidth)) + 2, nullptr));
    }

    bool room(std::uint32_t row) {
        if (row < kMaxRows) return true;
        if (error_ == LXW_NO_ERROR) error_ = LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE;
        return false;
    }

private:
    void put(std::uint32_t row, std::uint16_t col, const std::string& s, lxw_format* f) {
        if (!room(row)) return;
        keep(worksheet_write_string(ws_, row, col, s.c_str(), f));
        last_row_ = std::max(last_row_, row);
    }
    void need(std::uint16_t col, std::size_t width) {
        if (widths_.size() <= col) widths_.resize(col + 1u, 0);
        widths_[col] = std::max(widths_[col], width);
    }
    // The lines a wrapped text takes in a column kMaxWidth wide (words wrap
    // a little before the edge), kept per row as the tallest of its cells.
    void note_lines(std::uint32_t row, std::string_view t) {
        std::size_t lines = 0;
        for (std::size_t at = 0; at <= t.size();) {
            std::size_t end = t.find('\n', at);
            if (end == std::string_view::npos) end = t.size();
            lines += std::max<std::size_t>(1, (utf8_length(t.substr(at, end - at)) + kMaxWidth - 5) / (kMaxWidth - 4));
            at = end + 1;
        }
        std::uint16_t& kept = row_lines_[row];
        kept = static_cast<std::uint16_t>(std::min<std::size_t>(std::max<std::size_t>(kept, lines), 27));  // Excel's row: at most 409 points
    }

    void keep(lxw_error e) {
        if (e != LXW_NO_ERROR && error_ == LXW_NO_ERROR) error_ = e;
    }

    lxw_worksheet* ws_;
    Formats& fm_;
    lxw_error& error_;
    std::uint32_t header_row_ = 0, last_row_ = 0;
    std::uint16_t columns_ = 0;
    std::vector<std::size_t> widths_;
    std::map<std::uint32_t, std::uint16_t> row_lines_;  // rows with wrapped text: their lines (note_lines)
};

// A table's columns by name, so that a row fills them by what they hold.
class Columns {
public:
    std::uint16_t add(std::string name) {
        names_.push_back(std::move(name));
        return static_cast<std::uint16_t>(names_.size() - 1);
    }
    // A value's number column and, after it, its text column.
    std::uint16_t add_value(const std::string& label) {
        const std::uint16_t c = add("Utfall " + label);
        add("Utfall " + label + " (text)");
        return c;
    }
    const std::vector<std::string>& names() const { return names_; }

private:
    std::vector<std::string> names_;
};

// A report's files: the one, or a roll-up's and each nämnd's, with the nämnd's name.
struct Part {
    const ReportModel* model;
    const CommitteeReport* committee;  // nullptr: the report's own file
};

std::vector<Part> parts_of(const ReportModel& top) {
    std::vector<Part> out{{&top, nullptr}};
    for (const auto& cr : top.committees) out.push_back({&cr->model, cr.get()});
    return out;
}

std::vector<Period> union_periods(std::vector<Period> v) {
    std::sort(v.begin(), v.end(), [](Period a, Period b) { return a.key() < b.key(); });
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}

// Where a nämndmål stands: its own målområde and kommunmål, or in a roll-up
// the roll-up's that it counts in (as the CSV report places it).
std::pair<std::string, std::string> goal_place(const ReportModel& top, const Part& p, std::uint32_t goal) {
    const GoalDef& g = p.model->in->assessment.file->goals[goal];
    if (p.committee) {
        const std::int32_t k = p.committee->municipal_goal_of[goal];
        if (k >= 0) {
            const RuleFile& uf = *top.in->assessment.file;
            const LevelDef& mg = uf.municipal_goals[static_cast<std::size_t>(k)];
            return {uf.areas[mg.area].name, mg.name};
        }
    }
    return {g.area, g.municipal_goal};
}

std::string committee_name(const Part& p) { return p.committee ? p.committee->input.assessment.file->committee : std::string(); }

// ---- Sammanfattning ---------------------------------------------------------

void summary_sheet(Sheet& s, Formats& fm, const ReportModel& m) {
    const Assessment& a = m.in->assessment;
    const RuleFile& f = *a.file;
    const ReportWords& w = m.words;
    std::uint32_t row = 0;
    s.text(row++, 0, m.title, fm.title);
    if (f.decision) s.text(row++, 0, "Beslut: " + *f.decision);
    if (!a.judged) {
        s.text(row++, 0, f.rollup() ? phrase::kBudgetRollup : phrase::kBudget);
        s.header(row, {"Rapport", "Period"});
        s.text(row + 1, 0, report_kind_word(f.kind));
        s.text(row + 1, 1, f.period.text());
        s.finish(false);
        return;
    }
    ++row;
    // The counts per result, a column per level that is judged.
    std::vector<std::string> head{"Resultat"};
    if (m.judged_areas) head.push_back(w.areas);
    if (m.judged_municipal_goals) head.push_back(w.municipal_goals);
    head.push_back(w.goal);
    head.push_back(w.indicators);
    s.header(row, head);
    for (Outcome o : {Outcome::Uppfyllt, Outcome::Delvis, Outcome::EjUppfyllt, Outcome::EjBedomd}) {
        const int k = static_cast<int>(o);
        ++row;
        std::uint16_t c = 0;
        s.text(row, c++, result_label(f, o, kNoLevel));
        auto count = [&](std::uint32_t n) { s.number(row, c++, n, fm.number(false, 0), fmt::format("{}", n).size()); };
        if (m.judged_areas) count(a.area_counts.by_outcome[k]);
        if (m.judged_municipal_goals) count(a.municipal_counts.by_outcome[k]);
        count(a.goal_counts.by_outcome[k]);
        count(a.indicator_counts.by_outcome[k]);
    }
    const std::uint32_t filter_end = row;
    // Below the table: a roll-up's counts per nämnd, the deviating manual
    // judgements, the utvecklingsuppdrag per status.
    if (f.rollup()) {
        row += 2;
        s.text(row, 0, fmt::format("Antal {} per resultat och nämnd", f.words.goal.empty() ? std::string("nämndmål") : w.goal), fm.header);
        ++row;
        std::uint16_t c = 0;
        s.text(row, c++, "Nämnd", fm.header);
        for (Outcome o : {Outcome::Uppfyllt, Outcome::Delvis, Outcome::EjUppfyllt, Outcome::EjBedomd}) s.text(row, c++, result_label(f, o, kNoLevel), fm.header);
        for (const auto& cr : m.committees) {
            const Assessment& ca = cr->input.assessment;
            ++row;
            s.text(row, 0, ca.file->committee);
            for (int k = 0; k < 4; ++k) s.number(row, static_cast<std::uint16_t>(k + 1), ca.goal_counts.by_outcome[k], fm.number(false, 0), 3);
        }
    }
    // In a roll-up each row names its nämnd (the roll-up's own levels: none).
    std::vector<std::array<std::string, 6>> deviations;
    auto add_deviations = [&](const ReportModel& pm, const std::string& committee) {
        const Assessment& pa = pm.in->assessment;
        const RuleFile& pf = *pa.file;
        auto one = [&](const std::string& word, const std::string& name, Outcome r, std::uint8_t l, Outcome rr, std::uint8_t rl, const std::string& why) {
            deviations.push_back({committee, word, name, result_label(pf, r, l), result_label(pf, rr, rl), why});
        };
        for (std::uint32_t k : pm.deviating_areas)
            one(pm.words.area, pf.areas[k].name, pa.areas[k].result, pa.areas[k].level, pa.areas[k].rule_result, pa.areas[k].rule_level, pf.areas[k].manual->motivering);
        for (std::uint32_t k : pm.deviating_municipal_goals)
            one(pm.words.municipal_goal, pf.municipal_goals[k].name, pa.municipal_goals[k].result, pa.municipal_goals[k].level,
                pa.municipal_goals[k].rule_result, pa.municipal_goals[k].rule_level, pf.municipal_goals[k].manual->motivering);
        for (std::uint32_t k : pm.deviating_goals)
            one(pm.words.goal, pf.goals[k].name, pa.goals[k].result, pa.goals[k].level, pa.goals[k].rule_result, pa.goals[k].rule_level, pf.goals[k].manual->motivering);
        for (std::uint32_t k : pm.deviating_indicators)
            one(pm.words.indicator, pf.indicators[k].name, pa.indicators[k].result, pa.indicators[k].level, pa.indicators[k].rule_result,
                pa.indicators[k].rule_level, pf.indicators[k].manual->motivering);
    };
    for (const Part& p : parts_of(m)) add_deviations(*p.model, p.committee ? p.model->in->assessment.file->committee : std::string());
    if (!deviations.empty()) {
        row += 2;
        s.text(row++, 0, phrase::kDeviations, fm.header);
        const std::uint16_t first = f.rollup() ? 0 : 1;  // the Nämnd column only in a roll-up
        std::uint16_t c = 0;
        for (const char* h : {"Nämnd", "Nivå", "Namn", "Resultat", "Regelns resultat", "Motivering"})
            if (c < first) ++c;
            else s.text(row, static_cast<std::uint16_t>(c++ - first), h, fm.header);
        for (const auto& d : deviations) {
            ++row;
            for (std::uint16_t k = first; k < 6; ++k) s.text(row, static_cast<std::uint16_t>(k - first), d[k]);
        }
    }
    std::uint32_t counts[static_cast<int>(AssignmentStatus::Count)] = {};
    bool any_assignment = false;
    for (const Part& p : parts_of(m))
        for (int k = 0; k < static_cast<int>(AssignmentStatus::Count); ++k) {
            counts[k] += p.model->assignment_counts[k];
            any_assignment = any_assignment || p.model->assignment_counts[k] > 0;
        }
    if (any_assignment) {
        row += 2;
        s.text(row, 0, "Utvecklingsuppdrag per status", fm.header);
        s.text(row, 1, "Antal", fm.header);
        for (int k = 0; k < static_cast<int>(AssignmentStatus::Count); ++k) {
            if (!counts[k]) continue;
            ++row;
            s.text(row, 0, assignment_status_label(static_cast<AssignmentStatus>(k)));
            s.number(row, 1, counts[k], fm.number(false, 0), 3);
        }
    }
    // The filter covers the counts only; what stands below is no part of that table.
    s.finish(true, filter_end);
}

// ---- Målredovisning ---------------------------------------------------------

// Every judged målområde and kommunmål and every nämndmål, in the report's
// order, with its result and justification.
void goals_sheet(Sheet& s, const ReportModel& top) {
    const Assessment& ua = top.in->assessment;
    const RuleFile& uf = *ua.file;
    const ReportWords& w = top.words;
    const bool rollup = uf.rollup();
    const bool judged = ua.judged;
    bool activities = false;
    for (const Part& p : parts_of(top))
        for (const auto& g : p.model->in->assessment.file->goals) activities = activities || !g.activities.empty();

    Columns cols;
    const std::uint16_t c_committee = rollup ? cols.add("Nämnd") : 0;
    const std::uint16_t c_level = cols.add("Nivå");
    const std::uint16_t c_id = cols.add("Id");
    const std::uint16_t c_area = cols.add(w.area);
    const std::uint16_t c_municipal = cols.add(w.municipal_goal);
    const std::uint16_t c_goal = cols.add(w.goal);
    const std::uint16_t c_activities = activities ? cols.add("Aktiviteter") : 0;
    std::uint16_t c_result = 0, c_manual = 0, c_motivering = 0, c_rule = 0, c_text = 0;
    if (judged) {
        c_result = cols.add("Resultat");
        c_manual = cols.add("Manuell bedömning");
        c_motivering = cols.add("Motivering");
        c_rule = cols.add("Regelns resultat");
        c_text = cols.add("Bedömning");
    }
    s.header(0, cols.names());
    std::uint32_t row = 0;

    auto judgement = [&](const RuleFile& f, const GoalAssessment& ga, const std::optional<ManualJudgement>& manual, const Justification& j) {
        if (!judged) return;
        s.text(row, c_result, result_label(f, ga.result, ga.level));
        s.text(row, c_manual, ga.manual ? "ja" : "nej");
        if (manual) s.text(row, c_motivering, manual->motivering);
        if (ga.evaluated) s.text(row, c_rule, result_label(f, ga.rule_result, ga.rule_level));
        s.text(row, c_text, j.text());
    };
    for (const Part& p : parts_of(top)) {
        const ReportModel& m = *p.model;
        const Assessment& a = m.in->assessment;
        const RuleFile& f = *a.file;
        for (const OutlineEntry& e : m.outline) {
            if (e.level != GoalLevel::Goal) {
                if (p.committee) continue;  // a nämnd's målområden and kommunmål are the roll-up's
                const LevelDef& l = e.level == GoalLevel::Area ? f.areas[e.index] : f.municipal_goals[e.index];
                if (!l.judged()) continue;
                ++row;
                s.text(row, c_level, e.level == GoalLevel::Area ? w.area : w.municipal_goal);
                s.text(row, c_id, l.id);
                s.text(row, c_area, e.level == GoalLevel::Area ? l.name : f.areas[l.area].name);
                if (e.level == GoalLevel::MunicipalGoal) s.text(row, c_municipal, l.name);
                judgement(f, assessment_of(a, e.level, e.index), l.manual, justification_of_level(m, e.level, e.index));
                continue;
            }
            const GoalDef& g = f.goals[e.index];
            ++row;
            if (rollup) s.text(row, c_committee, committee_name(p));
            s.text(row, c_level, w.goal);
            s.text(row, c_id, g.id);
            const auto [area, municipal] = goal_place(top, p, e.index);
            s.text(row, c_area, area);
            s.text(row, c_municipal, municipal);
            s.text(row, c_goal, g.name);
            if (activities) {
                std::string list;
                for (const auto& act : g.activities) list += (list.empty() ? "" : "\n") + act;
                s.text(row, c_activities, list);
            }
            judgement(f, a.goals[e.index], g.manual, justification_of_goal(m, e.index));
        }
    }
    s.finish(true);
}

// ---- the indicators ---------------------------------------------------------

// One row per indicator and per series of it (its `serier` and `jämförelse`),
// under its nämndmål: the values per period, the target, the direction and
// the indicator's own judgement.
void indicators_sheet(Sheet& s, const ReportModel& top) {
    const Assessment& ua = top.in->assessment;
    const RuleFile& uf = *ua.file;
    const ReportWords& w = top.words;
    const bool rollup = uf.rollup();
    const bool judged = ua.judged;
    const bool forecast = uf.kind == ReportKind::Delar;
    const bool budget = uf.kind == ReportKind::Budget;
    std::vector<Period> periods;
    std::vector<int> target_years;
    for (const Part& p : parts_of(top)) {
        for (const IndicatorTable& t : p.model->tables) periods.insert(periods.end(), t.periods.begin(), t.periods.end());
        target_years.insert(target_years.end(), p.model->target_years.begin(), p.model->target_years.end());
    }
    periods = union_periods(std::move(periods));
    std::sort(target_years.begin(), target_years.end());
    target_years.erase(std::unique(target_years.begin(), target_years.end()), target_years.end());

    Columns cols;
    const std::uint16_t c_committee = rollup ? cols.add("Nämnd") : 0;
    const std::uint16_t c_area = cols.add(w.area);
    const std::uint16_t c_municipal = cols.add(w.municipal_goal);
    const std::uint16_t c_goal = cols.add(w.goal);
    const std::uint16_t c_name = cols.add(w.indicator);
    const std::uint16_t c_id = cols.add("Id");
    const std::uint16_t c_series = cols.add("Serie");
    const std::uint16_t c_unit = cols.add("Enhet");
    std::vector<std::uint16_t> c_values;
    for (const Period& per : periods) c_values.push_back(cols.add_value(per.label()));
    const std::uint16_t c_forecast = forecast ? cols.add(fmt::format("Prognos {}", uf.year)) : 0;
    if (forecast) cols.add(fmt::format("Prognos {} (text)", uf.year));
    std::vector<std::uint16_t> c_targets;
    if (budget)
        for (int y : target_years) c_targets.push_back(cols.add(fmt::format("Målvärde {}", y)));
    else
        c_targets.push_back(cols.add("Målvärde"));
    const std::uint16_t c_direction = cols.add("Önskad riktning");
    const std::uint16_t c_mandatory = cols.add("Obligatorisk");
    std::uint16_t c_development = 0, c_result = 0, c_text = 0;
    if (judged) {
        c_development = cols.add("Utveckling");
        c_result = cols.add(w.indicator_judged);
        c_text = cols.add("Bedömning");
    }
    const std::uint16_t c_footnote = cols.add("Fotnot");
    s.header(0, cols.names());

    std::uint32_t row = 0;
    std::vector<SeriesRow> rows;
    for (const Part& p : parts_of(top)) {
        const ReportModel& m = *p.model;
        const Assessment& a = m.in->assessment;
        const RuleFile& f = *a.file;
        for (const IndicatorTable& t : m.tables)
            for (std::uint32_t gi = t.first_goal; gi < t.end_goal; ++gi) {
                const GoalDef& g = f.goals[gi];
                const auto [area, municipal] = goal_place(top, p, gi);
                for (std::uint32_t k : g.indicators) {
                    const IndicatorDef& d = f.indicators[k];
                    const IndicatorAssessment& ia = a.indicators[k];
                    const std::string unit = indicator_unit(m, k);
                    indicator_rows(m, k, periods, rows);
                    for (std::size_t r = 0; r < rows.size(); ++r) {
                        const SeriesRow& sr = rows[r];
                        ++row;
                        if (rollup) s.text(row, c_committee, committee_name(p));
                        s.text(row, c_area, area);
                        s.text(row, c_municipal, municipal);
                        s.text(row, c_goal, g.name);
                        s.text(row, c_name, d.name);
                        s.text(row, c_id, d.id);
                        s.text(row, c_series, r == 0 ? std::string_view("totalt") : sr.series);
                        s.text(row, c_unit, unit);
                        for (std::size_t v = 0; v < periods.size(); ++v) s.value(row, c_values[v], f.values, sr.values[v], unit);
                        if (forecast && r == 0) s.value(row, c_forecast, f.values, sr.forecast, unit);
                        if (r == 0) {
                            if (budget)
                                for (std::size_t y = 0; y < target_years.size(); ++y)
                                    s.text(row, c_targets[y], target_for_year(m, k, target_years[y], /*shown=*/true));
                            else
                                s.text(row, c_targets[0], target_shown(m, k));
                            s.text(row, c_direction, direction_word(d.direction));
                            s.text(row, c_mandatory, d.mandatory ? "ja" : "nej");
                            if (m.footnote_of[k] >= 0) s.text(row, c_footnote, m.footnotes[static_cast<std::size_t>(m.footnote_of[k])]);
                        }
                        // The indicator's judgement, and a series judged apart its own.
                        const IndicatorAssessment* j = r == 0 ? &ia : sr.judged;
                        if (judged && j) {
                            s.text(row, c_development, development_word(j->development));
                            s.text(row, c_result, result_label(f, j->result, j->level));
                            s.text(row, c_text, r == 0 ? justification_of_indicator(m, k).text() : justification_of_series(m, *j).text());
                        }
                    }
                }
            }
    }
    s.finish(true);
}

// ---- Utvecklingsuppdrag -----------------------------------------------------

bool any_assignment(const ReportModel& top) {
    for (const Part& p : parts_of(top))
        if (!p.model->in->assessment.file->assignments.empty()) return true;
    return false;
}

void assignments_sheet(Sheet& s, const ReportModel& top) {
    const bool rollup = top.in->assessment.file->rollup();
    Columns cols;
    const std::uint16_t c_committee = rollup ? cols.add("Nämnd") : 0;
    const std::uint16_t c_group = cols.add("Grupp");
    const std::uint16_t c_number = cols.add("Nr");
    const std::uint16_t c_text = cols.add("Uppdrag");
    const std::uint16_t c_status = cols.add("Status");
    const std::uint16_t c_comment = cols.add("Kommentar");
    s.header(0, cols.names());
    std::uint32_t row = 0;
    for (const Part& p : parts_of(top))
        for (const Assignment& as : p.model->in->assessment.file->assignments) {
            ++row;
            if (rollup) s.text(row, c_committee, committee_name(p));
            s.text(row, c_group, as.group);
            s.text(row, c_number, as.number);
            s.text(row, c_text, as.text);
            s.text(row, c_status, assignment_status_label(as.status));
            s.text(row, c_comment, as.comment);
        }
    s.finish(true);
}

// ---- Nyckeltal --------------------------------------------------------------

bool any_key_figure(const ReportModel& top) {
    for (const Part& p : parts_of(top))
        if (!p.model->key_figure_tables.empty()) return true;
    return false;
}

// One row per nyckeltal line (the row's main series and its `serier`), each
// followed by a row for its share (`andel`) when it has one; never judged.
void key_figures_sheet(Sheet& s, const ReportModel& top) {
    const RuleFile& uf = *top.in->assessment.file;
    const bool rollup = uf.rollup();
    const bool budget = uf.kind == ReportKind::Budget;
    std::vector<Period> periods;
    bool forecast = false, target = false;
    for (const Part& p : parts_of(top))
        for (const KeyFigureTableModel& t : p.model->key_figure_tables) {
            periods.insert(periods.end(), t.periods.begin(), t.periods.end());
            forecast = forecast || t.forecast;
            target = target || t.any_target;
        }
    periods = union_periods(std::move(periods));

    Columns cols;
    const std::uint16_t c_committee = rollup ? cols.add("Nämnd") : 0;
    const std::uint16_t c_table = cols.add("Tabell");
    const std::uint16_t c_name = cols.add("Nyckeltal");
    const std::uint16_t c_id = cols.add("Id");
    const std::uint16_t c_series = cols.add("Serie");
    const std::uint16_t c_unit = cols.add("Enhet");
    std::vector<std::uint16_t> c_values;
    for (const Period& per : periods) c_values.push_back(cols.add_value(per.label()));
    const std::uint16_t c_forecast = forecast ? cols.add(fmt::format("Prognos {}", uf.year)) : 0;
    if (forecast) cols.add(fmt::format("Prognos {} (text)", uf.year));
    const std::uint16_t c_target = target ? cols.add(budget ? fmt::format("Målvärde {}", uf.year) : std::string("Målvärde")) : 0;
    const std::uint16_t c_footnote = cols.add("Fotnot");
    s.header(0, cols.names());

    std::uint32_t row = 0;
    std::vector<KeyFigureLine> lines;
    for (const Part& p : parts_of(top)) {
        const ReportModel& m = *p.model;
        const RuleFile& f = *m.in->assessment.file;
        for (const KeyFigureTableModel& t : m.key_figure_tables) {
            const KeyFigureTable& kt = f.key_figure_tables[t.table];
            for (std::uint32_t r = kt.first_row; r < kt.end_row; ++r) {
                const KeyFigureRow& kf = f.key_figures[r];
                const std::string unit = key_figure_unit(m, r);
                key_figure_lines(m, r, periods, lines);
                auto line = [&](std::string_view series, const std::vector<Cell>& cells, const Cell* forecast_cell, bool share) {
                    ++row;
                    if (rollup) s.text(row, c_committee, committee_name(p));
                    s.text(row, c_table, kt.heading);
                    s.text(row, c_name, kf.accumulated ? kf.name + ", ackumulerat" : kf.name);
                    s.text(row, c_id, kf.id);
                    s.text(row, c_series, series);
                    // A share's unit is its values' own ("43 %"), not the row's.
                    std::string u = share ? std::string() : unit;
                    for (const Cell& c : cells)
                        if (share && u.empty() && c.value && c.value->unit) u = std::string(f.values.unit(*c.value));
                    s.text(row, c_unit, u);
                    for (std::size_t v = 0; v < periods.size(); ++v) s.value(row, c_values[v], f.values, cells[v], u);
                    if (forecast_cell && forecast) s.value(row, c_forecast, f.values, *forecast_cell, u);
                    if (!share && series == "totalt") {
                        if (target) s.text(row, c_target, kf.target);
                        if (m.key_figure_footnote_of[r] >= 0) s.text(row, c_footnote, m.footnotes[static_cast<std::size_t>(m.key_figure_footnote_of[r])]);
                    }
                };
                for (std::size_t k = 0; k < lines.size(); ++k) {
                    const KeyFigureLine& l = lines[k];
                    line(k == 0 ? std::string_view("totalt") : l.series, l.values, k == 0 ? &l.forecast : nullptr, false);
                    if (!kf.share.empty() && std::any_of(l.shares.begin(), l.shares.end(), [](const Cell& c) { return c.value != nullptr; }))
                        line(kf.share_of(l.series), l.shares, nullptr, true);
                }
            }
        }
    }
    s.finish(true);
}

// ---- the workbook -----------------------------------------------------------

// A sheet's name as Excel allows it: at most 31 characters, none of : \ / ? * [ ],
// not beginning or ending with ', and not the name of another (case aside).
std::string sheet_name(std::string_view wanted, std::vector<std::string>& taken) {
    std::string name;
    for (char c : wanted) name += std::string_view(":\\/?*[]").find(c) == std::string_view::npos ? c : ' ';
    while (!name.empty() && (name.front() == '\'' || name.front() == ' ')) name.erase(name.begin());
    auto cut = [](std::string s, std::size_t chars) {
        std::size_t at = 0;
        for (std::size_t n = 0; n < chars && at < s.size(); ++n) at = utf8_next(s, at);
        s.resize(at);
        while (!s.empty() && (s.back() == '\'' || s.back() == ' ')) s.pop_back();
        return s;
    };
    name = cut(name, 31);
    if (name.empty()) name = "Blad";
    std::string candidate = name;
    for (int n = 2; std::any_of(taken.begin(), taken.end(), [&](const std::string& t) { return word_key(t) == word_key(candidate); }); ++n) {
        const std::string suffix = fmt::format(" {}", n);
        candidate = cut(name, 31 - suffix.size()) + suffix;
    }
    taken.push_back(candidate);
    return candidate;
}

// libxlsxwriter's errors in Swedish.
std::string error_text(lxw_error e) {
    switch (e) {
        case LXW_ERROR_MEMORY_MALLOC_FAILED: return "minnet räcker inte";
        case LXW_ERROR_CREATING_XLSX_FILE:
        case LXW_ERROR_CREATING_TMPFILE:
        case LXW_ERROR_READING_TMPFILE:
        case LXW_ERROR_ZIP_FILE_OPERATION:
        case LXW_ERROR_ZIP_CLOSE:
        case LXW_ERROR_ZIP_FILE_ADD: return "den tillfälliga filen kunde inte skrivas (är disken full?)";
        case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE: return "rapporten har fler rader än ett kalkylblad i Excel rymmer (1 048 576)";
        case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED: return "en text är längre än en cell i Excel rymmer";
        case LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED:
        case LXW_ERROR_INVALID_SHEETNAME_CHARACTER:
        case LXW_ERROR_SHEETNAME_START_END_APOSTROPHE:
        case LXW_ERROR_SHEETNAME_ALREADY_USED: return "ett blads namn går inte att använda i Excel";
        default: return fmt::format("internt fel i libxlsxwriter (felkod {})", static_cast<int>(e));
    }
}

// The document's creation time: SOURCE_DATE_EPOCH when it is set (seconds,
// as reproducible builds use it), else 1 January 1980, the zip entries' date.
// SOURCE_DATE_EPOCH's date, else 1980-01-01 (the zip entries' date).
std::time_t creation_time(const SourceDate& d) {
    constexpr std::time_t k1980 = 315532800;
    if (!d.seconds) return k1980;
    return static_cast<std::time_t>(std::max<std::int64_t>(*d.seconds, 1));  // 0 would be "now" to libxlsxwriter
}

// A private folder for libxlsxwriter's file, removed with what is in it.
struct TempFolder {
    std::string path;
    ~TempFolder() {
        if (path.empty()) return;
        ::unlink((path + "/rapport.xlsx").c_str());
        ::rmdir(path.c_str());
    }
};

}  // namespace

bool render_xlsx(const ReportInput& in, std::string& bytes, std::string& error) {
    const SourceDate date = source_date_epoch();
    if (!date.error.empty()) {
        error = date.error;
        return false;
    }
    const ReportModel m = build_report(in);
    const char* tmp = std::getenv("TMPDIR");
    TempFolder folder;
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/malkoll-xlsx-XXXXXX";  // mkdtemp fills in the X
    if (!::mkdtemp(pattern.data())) {
        error = fmt::format("kan inte skapa en tillfällig mapp för Excel-filen i {} ({})", pattern.substr(0, pattern.rfind('/')),
                            write_errno_text(errno));
        return false;
    }
    folder.path = pattern;
    const std::string file = folder.path + "/rapport.xlsx";

    lxw_workbook_options options{};
    options.tmpdir = folder.path.data();
    lxw_workbook* wb = workbook_new_opt(file.c_str(), &options);
    if (!wb) {
        error = "Excel-filen kunde inte påbörjas (minnet räcker inte eller den tillfälliga filen kunde inte skapas)";
        return false;
    }
    lxw_doc_properties properties{};
    std::string title = m.title;
    properties.title = title.data();
    properties.created = creation_time(date);
    lxw_error failed = workbook_set_properties(wb, &properties);
    Formats formats(wb);
    std::vector<std::string> taken;
    auto add_sheet = [&](std::string_view wanted, auto&& write) {
        const std::string name = sheet_name(wanted, taken);
        lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
        if (!ws) {
            if (failed == LXW_NO_ERROR) failed = LXW_ERROR_PARAMETER_VALIDATION;
            return;
        }
        Sheet sheet(ws, formats, failed);
        write(sheet);
    };
    add_sheet("Sammanfattning", [&](Sheet& s) { summary_sheet(s, formats, m); });
    add_sheet("Målredovisning", [&](Sheet& s) { goals_sheet(s, m); });
    add_sheet(m.words.indicators, [&](Sheet& s) { indicators_sheet(s, m); });
    if (any_assignment(m)) add_sheet("Utvecklingsuppdrag", [&](Sheet& s) { assignments_sheet(s, m); });
    if (any_key_figure(m)) add_sheet("Nyckeltal", [&](Sheet& s) { key_figures_sheet(s, m); });
    const lxw_error closed = workbook_close(wb);  // writes the file and frees the workbook
    if (failed == LXW_NO_ERROR) failed = closed;
    if (failed != LXW_NO_ERROR) {
        error = "Excel-filen kunde inte skrivas: " + error_text(failed);
        return false;
    }
    std::string why;
    auto written = read_file_bytes(file, &why);
    if (!written) {
        error = "Excel-filen kunde inte läsas tillbaka från den tillfälliga mappen: " + why;
        return false;
    }
    bytes = std::move(*written);
    return true;
}

}  // namespace malkoll
