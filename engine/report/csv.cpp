// The CSV report (`--format csv`), for Excel users: the results as a flat
// table, one row per nämndmål and per nämndindikator, plus one row per
// breakdown series of an indicator (its `serier` and its `jämförelse`
// series), in report order: each goal, then its indicators, each followed by
// its series; then one row per strategiskt utvecklingsuppdrag; then one row
// per nyckeltal, each followed by its share (`andel`) and its `serier`, each
// of them followed by its share.
//
// Format, so that Swedish Excel opens it by double-click: UTF-8 with a BOM;
// `;` as separator; CRLF after each record; RFC 4180 quoting (a field with
// `;`, `"`, CR or LF is quoted, `"` doubled; a line break inside a field is
// kept); numbers with a decimal comma, no digit grouping and no unit (`5,3`,
// `25863`, `-2,5`), so Excel reads them as numbers; the decimals as written
// (`5,0`). A text field that Excel would take for a formula (starting with
// `=`, `+`, `-`, `@`, or a TAB, CR or LF that Excel skips before one; a lone
// `-` excepted) gets a leading `'`.
//
// Columns (the header row; the target and period columns depend on the
// report kind and the data):
//   typ              målområde | kommunmål (judged ones) | nämndmål | indikator | serie |
//                    utvecklingsuppdrag | nyckeltal | nyckeltalsserie
//   id               the goal's or indicator's id (a serie row: its indicator's;
//                    an utvecklingsuppdrag: its `nr`; a nyckeltalsserie: its nyckeltal's)
//   namn             the goal's or indicator's name (an utvecklingsuppdrag: its text)
//   serie            totalt on an indicator or nyckeltal row, the series name on a
//                    serie or nyckeltalsserie row (a share: "kvinnor", "IFO kvinnor"),
//                    empty otherwise
//   målområde, kommunmål, nämndmål   (headed by the file's own words, `nivåer`)
//                    where the row belongs (a goal row names itself as nämndmål),
//                    so that a filter on one column keeps a goal with its indicators;
//                    an utvecklingsuppdrag has its `grupp` as målområde, a nyckeltal
//                    its table's `rubrik`
//   resultat         the final result as its label (docs/regelspråk.md, helår or delår
//                    words: Uppfyllt … / Uppnås …); empty on serie rows, nyckeltal
//                    (never judged) and in a budget; an utvecklingsuppdrag's status
//                    (Genomfört, Pågår …)
//   resultatkod      the result as a code: uppfyllt, delvis, ej_uppfyllt, ej_bedomd
//   regelns resultat the rule's result as a label (differs from resultat only with a
//                    manual judgement; empty for a goal without indicators)
//   manuell          ja | nej
//   motivering       the manual judgement's motivering
//   bedömningstext   the generated justification of the rule's judgement
//   enhet, riktning, obligatorisk (ja | nej)
//   målvärde         the target as written (a nyckeltal's `mål`, not judged); in a
//                    budget one column per year, `målvärde 2022`, `målvärde 2023` …
//                    (the targets given per year; a nyckeltal's under `år`)
//   utfall P         one column per period with a value (any series but prognos, up
//                    to the report's period; an indicator's or a nyckeltal's), ascending (`utfall 2022`, `utfall 2024-08`;
//                    the word keeps Excel from turning a period into a date): a number,
//                    an interval `26–34` (text; ends as numbers), a missing value as written
//                    (`i.u.`), empty when there is no value
//   prognos ÅR       delår only: the `prognos` series at `år`
//   anmärkningar     the values' notes, "2024: Kolada aug 2025; …", and values with a
//                    source of their own, "2024: källa SCB"; an utvecklingsuppdrag's
//                    kommentar
//   källa, definition, kolada-id   of the indicator
//   utveckling       förbättrat | oförändrat | försämrat against the desired direction
//                    (the tables' Utveckling column); empty when not known, on serie
//                    rows and in a budget. Last, so the columns before it keep their places
//   nämnd            a roll-up only: the nämnd of the row (empty on the roll-up's own
//                    målområde and kommunmål rows, which come first); its nämndmål are
//                    placed under the roll-up's målområde and kommunmål
// Reproducible: the output depends on nothing but the inputs.
#include <algorithm>
#include <cstring>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>

#include "engine/core/text.hpp"
#include "engine/report/model.hpp"
#include "engine/report/render.hpp"

namespace malkoll {

namespace {

struct Field {
    std::string text;
    bool number = false;  // written by us as a number: never guarded
};

// Whether a field holds `;`, `"`, CR or LF and so is quoted. A long field
// (a justification, the notes) is searched with memchr, which libc
// vectorises, once for each of the four; a short one byte by byte.
bool needs_quotes(const std::string& s) {
    if (s.size() < 16) return std::any_of(s.begin(), s.end(), [](char c) { return c == ';' || c == '"' || c == '\r' || c == '\n'; });
    for (const char c : {';', '"', '\n', '\r'})
        if (std::memchr(s.data(), c, s.size())) return true;
    return false;
}

// A field as RFC 4180 wants it, written at `p` (room enough: twice its size
// and three more); returns the end. Quoted when it holds `;`, `"`, CR or LF
// (a `"` doubled), and a text Excel would take for a formula led by `'`.
char* put_field(char* p, const Field& c) {
    const std::string& s = c.text;
    if (s.empty()) return p;
    bool guard = false;
    if (!c.number) switch (s[0]) {
            case '=': case '+': case '@': case '\t': case '\r': case '\n': guard = true; break;
            case '-': guard = s.size() > 1; break;  // a lone `-` excepted
            default: break;
        }
    if (!needs_quotes(s)) {
        if (guard) *p++ = '\'';
        std::memcpy(p, s.data(), s.size());
        return p + s.size();
    }
    *p++ = '"';
    if (guard) *p++ = '\'';
    std::size_t start = 0;
    for (std::size_t q = s.find('"'); q != std::string::npos; q = s.find('"', start)) {
        std::memcpy(p, s.data() + start, q + 1 - start);
        p += q + 1 - start;
        *p++ = '"';
        start = q + 1;
    }
    std::memcpy(p, s.data() + start, s.size() - start);
    p += s.size() - start;
    *p++ = '"';
    return p;
}

// A record: its fields and CRLF, written in one piece (`line` is a buffer reused between records).
void write_row(std::ostream& out, const std::vector<Field>& cells, std::string& line) {
    std::size_t most = 2;
    for (const Field& c : cells) most += 2 * c.text.size() + 4;
    if (line.size() < most) line.resize(most);
    char* const begin = line.data();
    char* p = begin;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) *p++ = ';';
        p = put_field(p, cells[i]);
    }
    *p++ = '\r';
    *p++ = '\n';
    out.write(begin, static_cast<std::streamsize>(p - begin));
}

// A value in its cell: a number for Excel (decimal comma, no grouping), an
// interval as text with its ends as numbers, a missing value as written.
void put_value(Field& c, const ValueStore& vs, const DataValue& v) {
    c.text.clear();
    c.number = false;
    if (v.is_status()) {
        c.text.assign(vs.text(v));  // the word, as text
        return;
    }
    switch (v.kind) {
        case ValueKind::Number:
            append_ungrouped_number(c.text, v.lo(), true);
            c.number = true;
            return;
        case ValueKind::Interval:
            append_ungrouped_number(c.text, v.lo(), true);
            c.text += "–";
            append_ungrouped_number(c.text, v.hi(), true);
            return;
        case ValueKind::Missing: c.text.assign(vs.text(v).empty() ? std::string_view("i.u.") : vs.text(v)); return;
    }
}

// The columns by index, found once (a row sets its cells by index, not by name).
struct Columns {
    std::size_t type, id, name, series, area, municipal_goal, goal, result, result_code, rule_result, manual, motivation, justification, unit,
        direction, mandatory, target, notes, data_source, definition, kolada, development, committee;
    std::vector<std::size_t> target_year;  // a budget: per year of target_years
    std::vector<std::size_t> period;       // per period column
    std::size_t forecast = 0;
};

}  // namespace

void render_csv(const ReportInput& in, std::ostream& out) {
    const ReportModel top = build_report(in);
    const Assessment& up = in.assessment;
    const RuleFile& uf = *up.file;
    const bool forecast = uf.kind == ReportKind::Delar;
    const bool budget = uf.kind == ReportKind::Budget;
    const bool rollup = uf.rollup();

    // A roll-up: the periods and target years of all its nämnder.
    std::vector<Period> periods = top.periods;
    std::vector<int> target_years = top.target_years;
    for (const auto& cr : top.committees) {
        periods.insert(periods.end(), cr->model.periods.begin(), cr->model.periods.end());
        target_years.insert(target_years.end(), cr->model.target_years.begin(), cr->model.target_years.end());
    }
    std::sort(periods.begin(), periods.end(), [](Period x, Period y) { return x.key() < y.key(); });
    periods.erase(std::unique(periods.begin(), periods.end()), periods.end());
    std::sort(target_years.begin(), target_years.end());
    target_years.erase(std::unique(target_years.begin(), target_years.end()), target_years.end());

    std::vector<std::string> header = {"typ", "id", "namn", "serie", "målområde", "kommunmål", "nämndmål", "resultat", "resultatkod",
                                       "regelns resultat", "manuell", "motivering", "bedömningstext", "enhet", "riktning", "obligatorisk"};
    if (budget)
        for (int y : target_years) header.push_back(fmt::format("målvärde {}", y));
    else
        header.push_back("målvärde");
    std::vector<std::string> period_text;  // "2024", "2024-08": a column's and a note's
    for (const Period& p : periods) {
        period_text.push_back(p.text());
        header.push_back("utfall " + period_text.back());
    }
    if (forecast) header.push_back(fmt::format("prognos {}", uf.year));
    for (const char* h : {"anmärkningar", "källa", "definition", "kolada-id", "utveckling"}) header.push_back(h);
    if (rollup) header.push_back("nämnd");  // last: the columns before it keep their places
    const RuleFile& f = uf;  // the words of the header

    out << "\xEF\xBB\xBF";
    std::string line;
    // The level columns under the file's own words (`nivåer`), if it has them.
    std::vector<Field> head;
    for (const auto& h : header) {
        const std::string& own = h == "målområde" ? f.words.area : h == "kommunmål" ? f.words.municipal_goal : h == "nämndmål" ? f.words.goal : h;
        head.push_back({own.empty() ? h : own});
    }
    write_row(out, head, line);

    // One row at a time, its cells by column index.
    std::unordered_map<std::string_view, std::size_t> by_name;
    for (std::size_t i = 0; i < header.size(); ++i) by_name.emplace(header[i], i);
    auto at = [&](std::string_view name) { return by_name.at(name); };
    Columns col{at("typ"), at("id"), at("namn"), at("serie"), at("målområde"), at("kommunmål"), at("nämndmål"), at("resultat"),
                at("resultatkod"), at("regelns resultat"), at("manuell"), at("motivering"), at("bedömningstext"), at("enhet"),
                at("riktning"), at("obligatorisk"), budget ? 0 : at("målvärde"), at("anmärkningar"), at("källa"), at("definition"),
                at("kolada-id"), at("utveckling"), rollup ? at("nämnd") : 0, {}, {}, 0};
    for (int y : target_years) col.target_year.push_back(budget ? at(fmt::format("målvärde {}", y)) : 0);
    for (const std::string& p : period_text) col.period.push_back(at("utfall " + p));
    if (forecast) col.forecast = at(fmt::format("prognos {}", uf.year));
    // A budget's target column of a year (every year a file has a target for is a column).
    auto target_year_column = [&](int year) {
        return col.target_year[static_cast<std::size_t>(std::lower_bound(target_years.begin(), target_years.end(), year) - target_years.begin())];
    };

    std::vector<Field> row(header.size());
    auto put = [&](std::size_t c, std::string_view text) { row[c].text.assign(text); };
    auto emit = [&]() {
        write_row(out, row, line);
        for (Field& c : row) {
            c.text.clear();
            c.number = false;
        }
    };
    // Where a row belongs, so that a filter on one column keeps a goal with its indicators.
    // In a roll-up a nämnd's goals are placed under the roll-up's målområde and kommunmål, and named with their nämnd.
    const CommitteeReport* in_committee = nullptr;
    auto place = [&](std::string_view type, const std::string& id, const std::string& name, const GoalDef& g) {
        put(col.type, type);
        put(col.id, id);
        put(col.name, name);
        const std::int32_t k = in_committee ? in_committee->municipal_goal_of[static_cast<std::size_t>(&g - in_committee->input.assessment.file->goals.data())] : -1;
        if (k >= 0) {
            const LevelDef& mg = uf.municipal_goals[static_cast<std::size_t>(k)];
            put(col.area, uf.areas[mg.area].name);
            put(col.municipal_goal, mg.name);
        } else {
            put(col.area, g.area);
            put(col.municipal_goal, g.municipal_goal);
        }
        put(col.goal, g.name);
        if (in_committee) put(col.committee, in_committee->input.assessment.file->committee);
    };

    // The value columns and the notes of one row of an indicator or a
    // nyckeltal (`data_source`: its källa; `forecast_cell`: a main row's):
    // "2024: Kolada aug 2025; 2023: källa SCB".
    auto values = [&](const ValueStore& vs, const std::string& data_source, const std::vector<Cell>& cells, const Cell* forecast_cell) {
        std::string& notes = row[col.notes].text;
        notes.clear();
        auto note = [&](std::string_view period, std::string_view a, std::string_view b) {
            if (!notes.empty()) notes += "; ";
            notes += period;
            notes += a;
            notes += b;
        };
        auto take = [&](std::size_t c, const Cell& cell, std::string_view period) {
            put_value(row[c], vs, *cell.value);
            if (!cell.note.empty()) note(period, ": ", cell.note);
            const std::string_view src = vs.data_source(*cell.value);
            if (!src.empty() && src != data_source) note(period, ": källa ", src);
        };
        for (std::size_t i = 0; i < periods.size(); ++i)
            if (cells[i].value) take(col.period[i], cells[i], period_text[i]);
        if (forecast && forecast_cell && forecast_cell->value) take(col.forecast, *forecast_cell, forecast_cell->value->period.text());
    };

    // A judged målområde or kommunmål: a row of its own before its children.
    auto level_row = [&](GoalLevel level, std::uint32_t k) {
        const LevelDef& l = level == GoalLevel::Area ? uf.areas[k] : uf.municipal_goals[k];
        if (!l.judged()) return;
        const GoalAssessment& ga = level == GoalLevel::Area ? up.areas[k] : up.municipal_goals[k];
        put(col.type, level == GoalLevel::Area ? "målområde" : "kommunmål");
        put(col.id, l.id);
        put(col.name, l.name);
        put(col.area, level == GoalLevel::Area ? l.name : uf.areas[l.area].name);
        if (level == GoalLevel::MunicipalGoal) put(col.municipal_goal, l.name);
        if (up.judged) {
            put(col.result, result_label(uf, ga.result, ga.level));
            put(col.result_code, outcome_code(ga.result));
            if (ga.evaluated) put(col.rule_result, result_label(uf, ga.rule_result, ga.rule_level));
            put(col.manual, ga.manual ? "ja" : "nej");
            if (l.manual) put(col.motivation, l.manual->motivering);
            put(col.justification, justification_of_level(top, level, k).text());
        }
        emit();
    };

    std::vector<SeriesRow> rows;
    std::vector<KeyFigureLine> lines;
    // One file's goals in report order, each followed by its indicators and
    // their series; its levels where `levels`; then its utvecklingsuppdrag.
    auto file_rows = [&](const ReportModel& m, bool levels) {
        const Assessment& a = m.in->assessment;
        const RuleFile& f = *a.file;
        for (const OutlineEntry& e : m.outline) {
            if (e.level != GoalLevel::Goal) {
                if (levels) level_row(e.level, e.index);
                continue;
            }
            const GoalAssessment& ga = a.goals[e.index];
            const GoalDef& g = f.goals[ga.def];
            place("nämndmål", g.id, g.name, g);
            if (a.judged) {
                put(col.result, result_label(f, ga.result, ga.level));
                put(col.result_code, outcome_code(ga.result));
                if (ga.evaluated) put(col.rule_result, result_label(f, ga.rule_result, ga.rule_level));
                put(col.manual, ga.manual ? "ja" : "nej");
                if (g.manual) put(col.motivation, g.manual->motivering);
                put(col.justification, justification_of_goal(m, ga.def).text());
            }
            emit();

            for (std::uint32_t k : g.indicators) {
                const IndicatorAssessment& ia = a.indicators[k];
                const IndicatorDef& d = f.indicators[k];
                indicator_rows(m, k, periods, rows, CellText::Omitted);
                place("indikator", d.id, d.name, g);
                put(col.series, "totalt");
                if (a.judged) {
                    put(col.result, result_label(f, ia.result, ia.level));
                    put(col.result_code, outcome_code(ia.result));
                    put(col.rule_result, result_label(f, ia.rule_result, ia.rule_level));
                    put(col.manual, ia.manual ? "ja" : "nej");
                    if (d.manual) put(col.motivation, d.manual->motivering);
                    put(col.justification, justification_of_indicator(m, k).text());
                }
                const std::string unit = indicator_unit(m, k);
                put(col.unit, unit);
                put(col.direction, direction_word(d.direction));
                put(col.mandatory, d.mandatory ? "ja" : "nej");
                if (budget) {
                    for (std::size_t y = 0; y < target_years.size(); ++y)
                        put(col.target_year[y], target_for_year(m, k, target_years[y], /*shown=*/false));
                } else {
                    put(col.target, target_text(a, k));
                }
                values(f.values, d.data_source, rows[0].values, &rows[0].forecast);
                put(col.data_source, d.data_source);
                put(col.definition, d.definition);
                put(col.kolada, d.kolada);
                if (a.judged) put(col.development, development_word(ia.development));
                emit();

                for (std::size_t n = 1; n < rows.size(); ++n) {
                    place("serie", d.id, d.name, g);
                    put(col.series, rows[n].series);
                    put(col.unit, unit);
                    values(f.values, d.data_source, rows[n].values, nullptr);
                    if (const IndicatorAssessment* sa = rows[n].judged; sa && a.judged) {  // a series judged apart
                        put(col.result, result_label(f, sa->result, sa->level));
                        put(col.result_code, outcome_code(sa->result));
                        put(col.rule_result, result_label(f, sa->rule_result, sa->rule_level));
                        put(col.manual, "nej");
                        put(col.justification, justification_of_series(m, *sa).text());
                        put(col.development, development_word(sa->development));
                    }
                    emit();
                }
            }
        }

        // The strategiska utvecklingsuppdrag, after the goals.
        for (const auto& as : f.assignments) {
            put(col.type, "utvecklingsuppdrag");
            put(col.id, as.number);
            put(col.name, as.text);
            put(col.area, as.group);
            put(col.result, assignment_status_label(as.status));
            put(col.notes, as.comment);
            if (in_committee) put(col.committee, f.committee);
            emit();
        }

        // The nyckeltal, last: shown, never judged, so without result,
        // direction or development. A row of typ nyckeltal, then one of typ
        // nyckeltalsserie per share (`andel`) and per `serier`, each followed by its share.
        for (const KeyFigureTable& kt : f.key_figure_tables)
            for (std::uint32_t r = kt.first_row; r < kt.end_row; ++r) {
                const KeyFigureRow& kf = f.key_figures[r];
                key_figure_lines(m, r, periods, lines, CellText::Omitted);
                const std::string unit = key_figure_unit(m, r);
                auto line = [&](const char* type, std::string_view series, const std::vector<Cell>& cells, const Cell* forecast_cell, bool share) {
                    put(col.type, type);
                    put(col.id, kf.id);
                    put(col.name, kf.name);
                    put(col.series, series);
                    put(col.area, kt.heading);
                    // A share's unit is its values' own ("43 %"), not the row's.
                    std::string u = share ? std::string() : unit;
                    for (const Cell& c : cells)
                        if (share && u.empty() && c.value && c.value->unit) u = std::string(f.values.unit(*c.value));
                    put(col.unit, u);
                    if (!share && series == "totalt" && !kf.target.empty()) put(budget ? target_year_column(f.year) : col.target, kf.target);
                    values(f.values, kf.data_source, cells, forecast_cell);
                    if (!share && series == "totalt") {
                        put(col.data_source, kf.data_source);
                        put(col.definition, kf.definition);
                    }
                    if (in_committee) put(col.committee, f.committee);
                    emit();
                };
                for (std::size_t k = 0; k < lines.size(); ++k) {
                    const KeyFigureLine& l = lines[k];
                    line(k == 0 ? "nyckeltal" : "nyckeltalsserie", k == 0 ? std::string_view("totalt") : l.series, l.values, k == 0 ? &l.forecast : nullptr, false);
                    // A share row only where the line has a share: it is no listed series.
                    if (!kf.share.empty() && std::any_of(l.shares.begin(), l.shares.end(), [](const Cell& c) { return c.value != nullptr; }))
                        line("nyckeltalsserie", kf.share_of(l.series), l.shares, nullptr, true);
                }
            }
    };
    file_rows(top, true);
    for (const auto& cr : top.committees) {
        in_committee = cr.get();
        file_rows(cr->model, false);
    }
}

}  // namespace malkoll
