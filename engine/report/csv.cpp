// The CSV report (`--format csv`), for Excel users: the results as a flat
// table, one row per nämndmål and per nämndindikator, plus one row per
// breakdown series of an indicator (its `serier` and its `jämförelse`
// series), in report order: each goal, then its indicators, each followed by
// its series.
//
// Format, so that Swedish Excel opens it by double-click: UTF-8 with a BOM;
// `;` as separator; CRLF after each record; RFC 4180 quoting (a field with
// `;`, `"`, CR or LF is quoted, `"` doubled; a line break inside a field is
// kept); numbers with a decimal comma, no digit grouping and no unit (`5,3`,
// `25863`, `-2,5`), so Excel reads them as numbers; the decimals as written
// (`5,0`). A text field that Excel would take for a formula (starting with
// `=`, `+`, `-` or `@`, except a lone `-`) gets a leading `'`.
//
// Columns (the header row; period columns depend on the data):
//   typ              nämndmål | indikator | serie
//   id               the goal's or indicator's id (a serie row: its indicator's)
//   namn             the goal's or indicator's name
//   serie            totalt on an indicator row, the series name on a serie row,
//                    empty on a goal row
//   målområde, kommunmål, nämndmål
//                    where the row belongs (a goal row names itself as nämndmål),
//                    so that a filter on one column keeps a goal with its indicators
//   resultat         the final result as its label (LANGUAGE.md §7, helår or delår
//                    words: Uppfyllt … / Uppnås …); empty on serie rows and in a budget
//   resultatkod      the same as a code: uppfyllt, delvis, ej_uppfyllt, ej_bedomd
//   regelns resultat the rule's result as a label (differs from resultat only with a
//                    manual judgement; empty for a goal without indicators)
//   manuell          ja | nej
//   motivering       the manual judgement's motivering
//   bedömningstext   the generated justification of the rule's judgement
//   enhet, riktning, målvärde (as written)
//   utfall P         one column per period with a value (any series but prognos, up
//                    to the report's period), ascending (`utfall 2022`, `utfall 2024-08`;
//                    the word keeps Excel from turning a period into a date): a number,
//                    an interval as written (`26–34`, text), a missing value as written
//                    (`i.u.`), empty when there is no value
//   prognos ÅR       delår only: the `prognos` series at `år`
//   anmärkningar     the values' notes, "2024: Kolada aug 2025; …", and values with a
//                    source of their own, "2024: källa SCB"
//   källa, definition, kolada-id   of the indicator
// Reproducible: the output depends on nothing but the inputs.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "engine/core/text.hpp"
#include "engine/report/render.hpp"

namespace malkoll {

namespace {

struct Cell {
    std::string text;
    bool number = false;  // written by us as a number: never guarded
};

std::string quote(const Cell& c) {
    std::string s = c.text;
    if (!c.number && !s.empty() && s != "-" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) s = "'" + s;
    if (s.find_first_of(";\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char ch : s) {
        if (ch == '"') out += "\"\"";
        else out += ch;
    }
    return out + "\"";
}

void write_row(std::ostream& out, const std::vector<Cell>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) out << (i ? ";" : "") << quote(cells[i]);
    out << "\r\n";
}

// A number for Excel: decimal comma, no grouping.
std::string excel_number(Decimal d) {
    std::string s = format_number(d, true, Space::Normal);
    s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
    return s;
}

Cell value_cell(const DataValue& v) {
    switch (v.lit.kind) {
        case ValueKind::Number: return {excel_number(v.lit.lo), true};
        case ValueKind::Interval: return {format_interval(v.lit.lo, v.lit.hi, "", true, Space::Normal), false};
        case ValueKind::Missing: return {v.lit.text.empty() ? "i.u." : v.lit.text, false};
    }
    return {};
}

const DataValue* find_value(const IndicatorFacts& facts, Period p, const std::string& series) {
    for (std::uint32_t k = 0; k < facts.value_count; ++k) {
        const DataValue& v = facts.values[k];
        if (v.period == p && fold_word(v.series) == fold_word(series)) return &v;
    }
    return nullptr;
}

std::string join(const std::vector<std::string>& v, const char* sep) {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? sep : "") + v[i];
    return s;
}

}  // namespace

void render_csv(const ReportInput& in, std::ostream& out) {
    const Assessment& a = in.assessment;
    const RuleFile& f = *a.file;
    const bool forecast = f.kind == ReportKind::Delar;

    std::map<int, Period> periods;
    for (const auto& v : f.values)
        if (v.period.key() <= f.period.key() && fold_word(v.series) != "prognos") periods[v.period.key()] = v.period;

    out << "\xEF\xBB\xBF";
    std::vector<Cell> header;
    for (const char* h : {"typ", "id", "namn", "serie", "målområde", "kommunmål", "nämndmål", "resultat", "resultatkod", "regelns resultat",
                          "manuell", "motivering", "bedömningstext", "enhet", "riktning", "målvärde"})
        header.push_back({h});
    for (const auto& [key, p] : periods) header.push_back({"utfall " + p.text()});
    if (forecast) header.push_back({fmt::format("prognos {}", f.year)});
    for (const char* h : {"anmärkningar", "källa", "definition", "kolada-id"}) header.push_back({h});
    write_row(out, header);

    // The value columns, the notes, of one series of an indicator.
    auto values = [&](const IndicatorAssessment& ia, const IndicatorDef& d, const std::string& series, std::vector<Cell>& row) {
        std::vector<std::string> notes;
        auto note = [&](const DataValue& v) {
            std::string per = v.period.text();
            if (!v.lit.note.empty()) notes.push_back(per + ": " + v.lit.note);
            if (!v.data_source.empty() && v.data_source != d.data_source) notes.push_back(per + ": källa " + v.data_source);
        };
        for (const auto& [key, p] : periods) {
            const DataValue* v = find_value(ia.facts, p, series);
            row.push_back(v ? value_cell(*v) : Cell{});
            if (v) note(*v);
        }
        if (forecast) {
            const DataValue* v = series.empty() ? find_value(ia.facts, Period{f.year, 0}, "prognos") : nullptr;
            row.push_back(v ? value_cell(*v) : Cell{});
            if (v) note(*v);
        }
        row.push_back({join(notes, "; ")});
    };

    for (const auto& ga : a.goals) {
        const GoalDef& g = f.goals[ga.def];
        std::vector<Cell> row = {{"nämndmål"}, {g.id}, {g.name}, {""}, {g.area}, {g.municipal_goal}, {g.name}};
        if (a.judged) {
            row.push_back({outcome_label(ga.result, f.kind)});
            row.push_back({outcome_code(ga.result)});
            row.push_back({ga.evaluated ? outcome_label(ga.rule_result, f.kind) : ""});
            row.push_back({ga.manual ? "ja" : "nej"});
            row.push_back({g.manual ? g.manual->motivering : ""});
            row.push_back({goal_justification(in, ga)});
        } else {
            row.insert(row.end(), 6, Cell{});
        }
        row.insert(row.end(), 3 + periods.size() + (forecast ? 1 : 0) + 4, Cell{});
        write_row(out, row);

        for (std::uint32_t k : g.indicators) {
            const IndicatorAssessment& ia = a.indicators[k];
            const IndicatorDef& d = f.indicators[k];
            std::vector<Cell> r = {{"indikator"}, {d.id}, {d.name}, {"totalt"}, {g.area}, {g.municipal_goal}, {g.name}};
            if (a.judged) {
                r.push_back({outcome_label(ia.result, f.kind)});
                r.push_back({outcome_code(ia.result)});
                r.push_back({outcome_label(ia.rule_result, f.kind)});
                r.push_back({ia.manual ? "ja" : "nej"});
                r.push_back({d.manual ? d.manual->motivering : ""});
                r.push_back({indicator_justification(in, ia)});
            } else {
                r.insert(r.end(), 6, Cell{});
            }
            std::string unit = d.unit;
            for (std::uint32_t v = 0; v < ia.facts.value_count && unit.empty(); ++v)
                if (ia.facts.values[v].lit.kind != ValueKind::Missing) unit = ia.facts.values[v].lit.unit;
            r.push_back({unit});
            r.push_back({direction_word(d.direction)});
            r.push_back({target_text(a, k)});
            values(ia, d, "", r);
            r.push_back({d.data_source});
            r.push_back({d.definition});
            r.push_back({d.kolada});
            write_row(out, r);

            std::vector<std::string> sub = d.series;
            if (!d.comparison.empty() && std::find(sub.begin(), sub.end(), d.comparison) == sub.end()) sub.push_back(d.comparison);
            for (const auto& s : sub) {
                std::vector<Cell> sr = {{"serie"}, {d.id}, {d.name}, {s}, {g.area}, {g.municipal_goal}, {g.name}};
                sr.insert(sr.end(), 6, Cell{});
                sr.push_back({unit});
                sr.push_back({""});
                sr.push_back({""});
                values(ia, d, s, sr);
                sr.insert(sr.end(), 3, Cell{});
                write_row(out, sr);
            }
        }
    }
}

}  // namespace malkoll
