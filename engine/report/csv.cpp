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
#include <string_view>
#include <algorithm>
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

// A field as RFC 4180 wants it, written straight out: quoted when it holds
// `;`, `"`, CR or LF (a `"` doubled), and a text Excel would take for a
// formula led by `'`.
void write_field(std::ostream& out, const Field& c) {
    const std::string& s = c.text;
    const bool guard = !c.number && !s.empty() && s != "-" && std::string_view("=+-@\t\r\n").find(s[0]) != std::string_view::npos;
    const bool quoted = s.find_first_of(";\"\r\n") != std::string::npos;
    if (quoted) out << '"';
    if (guard) out << '\'';
    if (!quoted) {
        out << s;
        return;
    }
    std::size_t start = 0;
    for (std::size_t q = s.find('"'); q != std::string::npos; q = s.find('"', start)) {
        out.write(s.data() + start, static_cast<std::streamsize>(q + 1 - start));
        out << '"';
        start = q + 1;
    }
    out.write(s.data() + start, static_cast<std::streamsize>(s.size() - start));
    out << '"';
}

void write_row(std::ostream& out, const std::vector<Field>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) out << ';';
        write_field(out, cells[i]);
    }
    out << "\r\n";
}

// A number for Excel: decimal comma, no grouping.
std::string excel_number(Decimal d) {
    std::string s = format_number(d, true, Space::Normal);
    s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
    return s;
}

Field value_field(const ValueStore& vs, const DataValue& v) {
    if (v.is_status()) return {std::string(vs.text(v)), false};  // the word, as text
    switch (v.kind) {
        case ValueKind::Number: return {excel_number(v.lo()), true};
        case ValueKind::Interval: return {excel_number(v.lo()) + "–" + excel_number(v.hi()), false};
        case ValueKind::Missing: return {vs.text(v).empty() ? "i.u." : std::string(vs.text(v)), false};
    }
    return {};
}

std::string join(const std::vector<std::string>& v, const char* sep) {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? sep : "") + v[i];
    return s;
}

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
    for (const Period& p : periods) header.push_back("utfall " + p.text());
    if (forecast) header.push_back(fmt::format("prognos {}", uf.year));
    for (const char* h : {"anmärkningar", "källa", "definition", "kolada-id", "utveckling"}) header.push_back(h);
    if (rollup) header.push_back("nämnd");  // last: the columns before it keep their places
    const RuleFile& f = uf;  // the words of the header

    out << "\xEF\xBB\xBF";
    // The level columns under the file's own words (`nivåer`), if it has them.
    std::vector<Field> head;
    for (const auto& h : header) {
        const std::string& own = h == "målområde" ? f.words.area : h == "kommunmål" ? f.words.municipal_goal : h == "nämndmål" ? f.words.goal : h;
        head.push_back({own.empty() ? h : own});
    }
    write_row(out, head);

    // One row at a time, its cells by column; a column is found by name once
    // (the value columns by period index), not per row.
    std::unordered_map<std::string_view, std::size_t> column;
    for (std::size_t i = 0; i < header.size(); ++i) column.emplace(header[i], i);
    std::vector<std::size_t> period_column(periods.size());
    for (std::size_t i = 0; i < periods.size(); ++i) period_column[i] = column.at("utfall " + periods[i].text());
    const std::size_t forecast_column = forecast ? column.at(fmt::format("prognos {}", uf.year)) : 0;
    std::vector<Field> row(header.size());
    auto cell = [&](std::string_view name) -> Field& { return row[column.at(name)]; };
    auto emit = [&]() {
        write_row(out, row);
        for (Field& c : row) {
            c.text.clear();
            c.number = false;
        }
    };
    // Where a row belongs, so that a filter on one column keeps a goal with its indicators.
    // In a roll-up a nämnd's goals are placed under the roll-up's målområde and kommunmål, and named with their nämnd.
    const CommitteeReport* in_committee = nullptr;
    auto place = [&](std::string_view type, const std::string& id, const std::string& name, const GoalDef& g) {
        cell("typ") = {std::string(type)};
        cell("id") = {id};
        cell("namn") = {name};
        const std::int32_t k = in_committee ? in_committee->municipal_goal_of[static_cast<std::size_t>(&g - in_committee->input.assessment.file->goals.data())] : -1;
        if (k >= 0) {
            const LevelDef& mg = uf.municipal_goals[static_cast<std::size_t>(k)];
            cell("målområde") = {uf.areas[mg.area].name};
            cell("kommunmål") = {mg.name};
        } else {
            cell("målområde") = {g.area};
            cell("kommunmål") = {g.municipal_goal};
        }
        cell("nämndmål") = {g.name};
        if (in_committee) cell("nämnd") = {in_committee->input.assessment.file->committee};
    };

    // The value columns and the notes of one row of an indicator or a
    // nyckeltal (`data_source`: its källa; `forecast_cell`: a main row's).
    std::vector<std::string> notes;
    auto values = [&](const ValueStore& vs, const std::string& data_source, const std::vector<Cell>& cells, const Cell* forecast_cell) {
        notes.clear();
        auto take = [&](std::size_t col, const Cell& c) {
            if (!c.value) return;
            row[col] = value_field(vs, *c.value);
            std::string per = c.value->period.text();
            if (!c.note.empty()) notes.push_back(per + ": " + c.note);
            const std::string_view src = vs.data_source(*c.value);
            if (!src.empty() && src != data_source) notes.push_back(per + ": källa " + std::string(src));
        };
        for (std::size_t i = 0; i < periods.size(); ++i) take(period_column[i], cells[i]);
        if (forecast && forecast_cell) take(forecast_column, *forecast_cell);
        cell("anmärkningar") = {join(notes, "; ")};
    };

    // A judged målområde or kommunmål: a row of its own before its children.
    auto level_row = [&](GoalLevel level, std::uint32_t k) {
        const LevelDef& l = level == GoalLevel::Area ? uf.areas[k] : uf.municipal_goals[k];
        if (!l.judged()) return;
        const GoalAssessment& ga = level == GoalLevel::Area ? up.areas[k] : up.municipal_goals[k];
        cell("typ") = {level == GoalLevel::Area ? "målområde" : "kommunmål"};
        cell("id") = {l.id};
        cell("namn") = {l.name};
        cell("målområde") = {level == GoalLevel::Area ? l.name : uf.areas[l.area].name};
        if (level == GoalLevel::MunicipalGoal) cell("kommunmål") = {l.name};
        if (up.judged) {
            cell("resultat") = {result_label(uf, ga.result, ga.level)};
            cell("resultatkod") = {outcome_code(ga.result)};
            if (ga.evaluated) cell("regelns resultat") = {result_label(uf, ga.rule_result, ga.rule_level)};
            cell("manuell") = {ga.manual ? "ja" : "nej"};
            if (l.manual) cell("motivering") = {l.manual->motivering};
            cell("bedömningstext") = {justification_of_level(top, level, k).text()};
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
                cell("resultat") = {result_label(f, ga.result, ga.level)};
                cell("resultatkod") = {outcome_code(ga.result)};
                if (ga.evaluated) cell("regelns resultat") = {result_label(f, ga.rule_result, ga.rule_level)};
                cell("manuell") = {ga.manual ? "ja" : "nej"};
                if (g.manual) cell("motivering") = {g.manual->motivering};
                cell("bedömningstext") = {justification_of_goal(m, ga.def).text()};
            }
            emit();

            for (std::uint32_t k : g.indicators) {
                const IndicatorAssessment& ia = a.indicators[k];
                const IndicatorDef& d = f.indicators[k];
                indicator_rows(m, k, periods, rows);
                place("indikator", d.id, d.name, g);
                cell("serie") = {"totalt"};
                if (a.judged) {
                    cell("resultat") = {result_label(f, ia.result, ia.level)};
                    cell("resultatkod") = {outcome_code(ia.result)};
                    cell("regelns resultat") = {result_label(f, ia.rule_result, ia.rule_level)};
                    cell("manuell") = {ia.manual ? "ja" : "nej"};
                    if (d.manual) cell("motivering") = {d.manual->motivering};
                    cell("bedömningstext") = {justification_of_indicator(m, k).text()};
                }
                const std::string unit = indicator_unit(m, k);
                cell("enhet") = {unit};
                cell("riktning") = {direction_word(d.direction)};
                cell("obligatorisk") = {d.mandatory ? "ja" : "nej"};
                if (budget) {
                    for (int y : target_years) cell(fmt::format("målvärde {}", y)) = {target_for_year(m, k, y, /*shown=*/false)};
                } else {
                    cell("målvärde") = {target_text(a, k)};
                }
                values(f.values, d.data_source, rows[0].values, &rows[0].forecast);
                cell("källa") = {d.data_source};
                cell("definition") = {d.definition};
                cell("kolada-id") = {d.kolada};
                if (a.judged) cell("utveckling") = {development_word(ia.development)};
                emit();

                for (std::size_t n = 1; n < rows.size(); ++n) {
                    place("serie", d.id, d.name, g);
                    cell("serie") = {std::string(rows[n].series)};
                    cell("enhet") = {unit};
                    values(f.values, d.data_source, rows[n].values, nullptr);
                    if (const IndicatorAssessment* sa = rows[n].judged; sa && a.judged) {  // a series judged apart
                        cell("resultat") = {result_label(f, sa->result, sa->level)};
                        cell("resultatkod") = {outcome_code(sa->result)};
                        cell("regelns resultat") = {result_label(f, sa->rule_result, sa->rule_level)};
                        cell("manuell") = {"nej"};
                        cell("bedömningstext") = {justification_of_series(m, *sa).text()};
                        cell("utveckling") = {development_word(sa->development)};
                    }
                    emit();
                }
            }
        }

        // The strategiska utvecklingsuppdrag, after the goals.
        for (const auto& as : f.assignments) {
            cell("typ") = {"utvecklingsuppdrag"};
            cell("id") = {as.number};
            cell("namn") = {as.text};
            cell("målområde") = {as.group};
            cell("resultat") = {assignment_status_label(as.status)};
            cell("anmärkningar") = {as.comment};
            if (in_committee) cell("nämnd") = {f.committee};
            emit();
        }

        // The nyckeltal, last: shown, never judged, so without result,
        // direction or development. A row of typ nyckeltal, then one of typ
        // nyckeltalsserie per share (`andel`) and per `serier`, each followed by its share.
        for (const KeyFigureTable& kt : f.key_figure_tables)
            for (std::uint32_t r = kt.first_row; r < kt.end_row; ++r) {
                const KeyFigureRow& kf = f.key_figures[r];
                key_figure_lines(m, r, periods, lines);
                const std::string unit = key_figure_unit(m, r);
                auto line = [&](const char* type, std::string_view series, const std::vector<Cell>& cells, const Cell* forecast_cell, bool share) {
                    cell("typ") = {type};
                    cell("id") = {kf.id};
                    cell("namn") = {kf.name};
                    cell("serie") = {std::string(series)};
                    cell("målområde") = {kt.heading};
                    // A share's unit is its values' own ("43 %"), not the row's.
                    std::string u = share ? std::string() : unit;
                    for (const Cell& c : cells)
                        if (share && u.empty() && c.value && c.value->unit) u = std::string(f.values.unit(*c.value));
                    cell("enhet") = {u};
                    if (!share && series == "totalt" && !kf.target.empty()) cell(budget ? fmt::format("målvärde {}", f.year) : "målvärde") = {kf.target};
                    values(f.values, kf.data_source, cells, forecast_cell);
                    if (!share && series == "totalt") {
                        cell("källa") = {kf.data_source};
                        cell("definition") = {kf.definition};
                    }
                    if (in_committee) cell("nämnd") = {f.committee};
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
