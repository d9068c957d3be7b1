// The report model: what every report format shows, decided once
// (docs/arkitektur.md, Rapportmodellen). build_report() makes one pass over
// the goals and, per indicator, over its own values: the sections in file
// order, the indicator tables with their columns, the footnotes numbered and
// deduplicated, the x axis shared by the charts, the assignments, the
// nyckeltal tables, the counts and the deviations. An indicator's table rows
// (and a nyckeltal's lines) are made when a writer asks for them
// (indicator_rows, key_figure_lines), one pass over its values, so the
// model stays small for 100 000 indicators. The writers (markdown.cpp,
// html.cpp, csv.cpp, json.cpp) walk the model and only format: none looks a
// value up or words a judgement.
#pragma once
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/report/describe.hpp"

namespace malkoll {

// One value of a table: as written with its unit (no note), and its note.
struct Cell {
    const DataValue* value = nullptr;  // nullptr: no value for this period
    std::string text;
    std::string note;                  // ValueStore::remark: "not — kommentar"
    bool before_break = false;         // before the indicator's `serieavbrott`: marked †, not comparable

    // Empty again, keeping its strings' memory (a writer's rows are reused from indicator to indicator).
    void clear() {
        value = nullptr;
        text.clear();
        note.clear();
        before_break = false;
    }
};

// A row of an indicator table: the main series, or one breakdown or
// comparison series (a sub-row).
struct SeriesRow {
    std::string_view series;           // "" for the main row
    std::vector<Cell> values;          // one per period column asked for
    Cell forecast;                     // a delår's main row: `prognos` at `år`
    const IndicatorAssessment* judged = nullptr;  // a series judged apart (bedöm_serier): its judgement
};

// The goals [first_goal, end_goal) of one målområde and kommunmål: one table.
struct IndicatorTable {
    std::uint32_t first_goal = 0, end_goal = 0;
    bool new_area = false;             // the first table of its målområde
    std::vector<Period> periods;       // value columns, ascending
    std::vector<int> target_years;     // a budget: one Målvärde column per year
    bool any_indicator = false, any_mandatory = false;
};

// Målredovisning in file order: each målområde, then its kommunmål, each
// followed by its nämndmål (or, in a plan with two levels, the målområde's
// nämndmål right after it).
struct OutlineEntry {
    GoalLevel level = GoalLevel::Goal;
    std::uint32_t index = 0;           // in RuleFile::areas, municipal_goals or goals
    int area_no = 0;                   // 1, 2 … per målområde, for ids
};

// The words of every heading, label and column (docs/regelfil.md, Nivåernas
// namn): the defaults, or the rule file's `nivåer`, which are never inflected.
struct ReportWords {
    std::string area = "Målområde";
    std::string municipal_goal = "Kommunövergripande mål";
    std::string goal = "Nämndmål";
    std::string indicator = "Nämndindikator";
    std::string indicators = "Nämndindikatorer";
    std::string indicator_judged = "Indikatorns bedömning";  // a column; with a word of the file's own "Mätmetod – bedömning"
    // Before a judgement: "Nämndmålet bedöms:", or with a word of the file's own "Delmål – bedömning:".
    std::string areas = "Målområden";  // a column of counts; with a word of the file's own, that word
    std::string municipal_goals = "Kommunövergripande mål";
    std::string goal_judged = "Nämndmålet bedöms:";
    std::string municipal_judged = "Kommunmålet bedöms:";
    std::string area_judged = "Målområdet bedöms:";
};

// Fixed sentences and labels of the report, worded once for every writer
// (a writer adds only its own markup and punctuation).
namespace phrase {
inline constexpr std::string_view kBudget = "En budget gör inga bedömningar: den visar mål, målvärden och tidigare utfall.";
inline constexpr std::string_view kBudgetRollup =
    "En budget gör inga bedömningar: den visar målen och varje nämnds mål, målvärden och tidigare utfall.";
inline constexpr std::string_view kDeviations = "Manuella bedömningar som avviker från regelns";  // a heading
inline constexpr std::string_view kManualDeviates = "Den manuella bedömningen avviker från regelns.";
inline constexpr std::string_view kNoIndicators = "Inga nämndindikatorer.";
inline constexpr std::string_view kPerStatus = "Antal per status:";
inline constexpr std::string_view kMandatory = "obligatorisk indikator";  // after the table's mark, "* "
}  // namespace phrase

// A table of nyckeltal (docs/regelfil.md, Nyckeltal utan bedömning): only
// shown, never judged, after the indicator tables.
struct KeyFigureTableModel {
    std::uint32_t table = 0;          // in RuleFile::key_figure_tables
    std::vector<Period> periods;      // value columns, ascending: every period of its rows up to the report's
    bool forecast = false;            // a delår where some row has a `prognos`: a Prognos column
    bool any_target = false;          // some row has a `mål`: a Målvärde column
    std::vector<std::string> shares;  // its rows' `andel` series, each once, in row order (said under the table)
    std::uint32_t first_footnote = 0, end_footnote = 0;  // its footnotes: ReportModel::footnotes[first, end)
};

// A line of a nyckeltal table: the row's main series or one of its `serier`,
// each value with its share (`andel`) beside it.
struct KeyFigureLine {
    std::string_view series;          // "" for the main line
    std::vector<Cell> values;         // one per period column
    std::vector<Cell> shares;         // the share of each value (no value: an empty cell)
    Cell forecast;                    // a delår's main line: `prognos` at `år`
};

struct AssignmentGroup {
    std::uint32_t first = 0, end = 0;  // RuleFile::assignments[first, end), one `grupp`
};

// A column of a report table as every writer heads it (md, html, docx).
struct Column {
    enum class Align : std::uint8_t { Left, Right, Center };  // Right: values; Center: Utveckling's arrows
    std::string label;
    Align align = Align::Left;
};

struct CommitteeReport;

struct ReportModel {
    const ReportInput* in = nullptr;
    // Before every id of the HTML report: "" alone; "son-" for a nämnd's
    // report inside its roll-up's (docs/regelfil.md, Kommunens sammanställning).
    std::string id_prefix;
    Space space = Space::Normal;       // how numbers in texts are spaced
    std::string title;                 // "Verksamhetsberättelse 2024 – Social- och omsorgsnämnden", or the file's `rubrik`
    ReportWords words;
    std::vector<OutlineEntry> outline; // Målredovisning, in file order
    bool judged_areas = false, judged_municipal_goals = false;  // any målområde or kommunmål with an id
    std::vector<IndicatorTable> tables;
    std::deque<std::string> footnotes;           // numbered 1, 2 … in table order, the nyckeltal tables' last (a deque: the index keys stay put)
    std::uint32_t indicator_footnotes = 0;       // footnotes[0, this) are the indicator tables'; the rest the nyckeltal tables
    std::vector<std::int32_t> footnote_of;       // per indicator: index in footnotes, -1 none
    std::vector<bool> first_reference;           // per indicator: the first row citing its footnote
    std::vector<Period> periods;       // every period with a value up to the report's, also a nyckeltal's (the CSV's columns)
    std::vector<int> target_years;     // a budget: every year with a target (the CSV's columns)
    std::vector<Period> chart_axis;    // the full years of every chart, then a delår's period
    std::vector<KeyFigureTableModel> key_figure_tables;
    // Per nyckeltal row: index in footnotes (numbered on after the
    // indicators'; each table lists its own), -1 none; and whether it is the
    // first row of its table to cite it.
    std::vector<std::int32_t> key_figure_footnote_of;
    std::vector<bool> key_figure_first_reference;
    std::vector<AssignmentGroup> assignment_groups;
    std::uint32_t assignment_counts[static_cast<int>(AssignmentStatus::Count)] = {};
    std::vector<std::uint32_t> deviating_goals, deviating_indicators;  // manual ≠ rule
    std::vector<std::uint32_t> deviating_municipal_goals, deviating_areas;
    // A roll-up: each nämnd's report, in `nämnder:` order (Assessment::committees).
    std::vector<std::unique_ptr<CommitteeReport>> committees;
};

// A nämnd's report inside its roll-up's: its own model over its own assessment.
struct CommitteeReport {
    std::string id;          // the short id of `nämnder:`, "son"
    ReportInput input;
    ReportModel model;
    // Per nämndmål: the roll-up's kommunmål it counts in (index in its
    // RuleFile::municipal_goals), -1 for one that stands directly under a målområde.
    std::vector<std::int32_t> municipal_goal_of;
};

ReportModel build_report(const ReportInput& in, Space sp = Space::Normal);
// The model points into its input: a temporary would leave it dangling.
ReportModel build_report(const ReportInput&& in, Space sp = Space::Normal) = delete;

// Whether the cells of indicator_rows and key_figure_lines get their text
// (Cell::text): Omitted for a writer that writes each value in a form of its
// own (the CSV's numbers for Excel), so that no value is formatted twice.
enum class CellText { Written, Omitted };

// An indicator's rows for the given period columns: the main series, then
// its `serier` and its `jämförelse` series, in one pass over its values.
// `rows` is reused between indicators.
void indicator_rows(const ReportModel& m, std::uint32_t indicator, const std::vector<Period>& periods,
                    std::vector<SeriesRow>& rows, CellText text = CellText::Written);

// A nyckeltal row's lines for the given period columns: the main series,
// then its `serier`, each value with its share, in one pass over its values.
// `lines` is reused between rows.
void key_figure_lines(const ReportModel& m, std::uint32_t row, const std::vector<Period>& periods, std::vector<KeyFigureLine>& lines,
                      CellText text = CellText::Written);

// A nyckeltal row's `enhet`, else the unit of its first value that is not a share ("" none).
// An indicator table's columns, as the published reports have them: Mål
// uppnått (not in a budget), the goal's and the indicator's words, one per
// period, Prognos ÅR (a delår), Målvärde (one per year in a budget), Önskad
// riktning; then Utveckling and the indicator's own judgement (not in a
// budget), which the published reports leave implicit but an auditor needs.
std::vector<Column> indicator_columns(const ReportModel& m, const IndicatorTable& t);
// A nyckeltal table's: its column heading, one per period, Prognos ÅR (a
// delår with a forecast), Målvärde (when a row has a target).
std::vector<Column> key_figure_columns(const ReportModel& m, const KeyFigureTableModel& t);

std::string key_figure_unit(const ReportModel& m, std::uint32_t row);

// "Siffran inom parentes anger andelen kvinnor." under a table with shares ("" none).
std::string key_figure_share_legend(const KeyFigureTableModel& t);

// The indicator's unit, else the unit of its first value ("" none).
std::string indicator_unit(const ReportModel& m, std::uint32_t indicator);

// The target as the table shows it ("" none): as written, with the
// indicator's unit where the number has none ("max 162 000 timmar"); a target
// that names a value says which and what it was ("högst R9 (1 154 kr/inv)").
std::string target_shown(const ReportModel& m, std::uint32_t indicator);

// The target of a budget's year ("" none): the one given for that year, or
// the indicator's target for the report's year (as the table shows it, or as written).
std::string target_for_year(const ReportModel& m, std::uint32_t indicator, int year, bool shown);

// The generated justifications in their parts, with the model's spacing.
Justification justification_of_indicator(const ReportModel& m, std::uint32_t indicator);
// A series judged apart (an element of Assessment::series).
Justification justification_of_series(const ReportModel& m, const IndicatorAssessment& series);
Justification justification_of_goal(const ReportModel& m, std::uint32_t goal);
// A judged kommunmål's or målområde's.
Justification justification_of_level(const ReportModel& m, GoalLevel level, std::uint32_t index);
// The assessment of a nämndmål, kommunmål or målområde.
const GoalAssessment& assessment_of(const Assessment& a, GoalLevel level, std::uint32_t index);

}  // namespace malkoll
