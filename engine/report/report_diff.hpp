// `malkoll diff GAMMAL.json NY.json` (docs/revisorsguide.md, section 4): what
// changed between two JSON reports from `malkoll assess --format json` –
// usually two years of one nämnd, or a report and its restated version.
//
// Compared, matched by id (and nämnd in a roll-up): nämndmål, indicators,
// judged kommunmål and målområden, series judged apart, nyckeltal rows; the
// judgements (result, skala level, manual or not) with both labels; the
// values of indicators and nyckeltal rows by (period, serie); targets,
// names, units, directions, värdeskalor, källor and manual motiveringar;
// the inputs by their SHA-256; the report's own settings. Not compared: the
// traces and generated justifications (they follow from values and rules),
// the summary counts, the utvecklingsuppdrag.
//
// The diff reads only the two reports, never the files they name.
#pragma once
#include <cstdint>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/diagnostic.hpp"
#include "engine/core/source.hpp"
#include "engine/report/describe.hpp"
#include "engine/report/diff_text.hpp"

namespace malkoll {

// True when the first byte after white space (and a byte-order mark) is `{`:
// `diff` reads such a file as a JSON report, anything else as a rule file.
bool looks_like_json(std::string_view bytes);

// A result as a report states it. Compared by result, level and manual; the
// label is what people read.
struct ReportJudgement {
    std::optional<std::string> result;  // uppfyllt, delvis, ej_uppfyllt, ej_bedomd; null in a budget
    std::optional<std::string> level;   // the skala level's kod; null without skala
    std::optional<std::string> label;   // "Uppfyllt", "I hög grad uppfyllt", "Uppnås"
    bool manual = false;
    bool same_as(const ReportJudgement& o) const { return result == o.result && level == o.level && manual == o.manual; }
};

enum class ReportLevel : std::uint8_t { Goal, Indicator, MunicipalGoal, Area, KeyFigure };

struct ReportSeriesResult {
    std::string series;
    ReportJudgement judgement;
};

// A nämndmål, indicator, judged kommunmål or målområde, or nyckeltal row of a report.
struct ReportItem {
    ReportLevel level = ReportLevel::Goal;
    std::string committee;  // the nämnd's id in a roll-up, else ""
    std::string id, name;
    // Where it stands: a goal's målområde and kommunmål, a kommunmål's
    // målområde, an indicator's goal (id and name), a nyckeltal row's table.
    std::string area, municipal_goal, goal_id, goal_name, table;
    std::optional<ReportJudgement> judgement;  // none for a nyckeltal row
    std::optional<std::string> motivering;     // a manual judgement's
    std::optional<std::string> unit, direction, target, data_source, value_scale;
    std::vector<difftext::ComparedValue> values;
    std::vector<ReportSeriesResult> series;  // series judged apart
};

// What diff reads of one report.
struct ReportSnapshot {
    std::string file;  // as named on the command line
    std::string engine_version;
    std::vector<InputFile> inputs;
    std::optional<std::string> committee, municipality, decision;
    long long year = 0;
    std::string report, period;
    // In the report's order: each nämndmål followed by its indicators, then
    // the kommunmål, the målområden and the nyckeltal rows.
    std::vector<ReportItem> items;
    std::set<std::string> periods;  // every period the report shows a value for
};

// Reads a JSON report; `bytes` as read from `file` (kept in `sources`, not
// copied). A file that is not JSON, or not a report from malkoll, gets an
// error at its place (FIL:RAD:KOL) in `diags`, and nullopt.
std::optional<ReportSnapshot> read_report_json(const std::string& file, FileBytes bytes, SourceSet& sources, Diagnostics& diags);
inline std::optional<ReportSnapshot> read_report_json(const std::string& file, std::string_view bytes, SourceSet& sources,
                                                      Diagnostics& diags) {
    return read_report_json(file, FileBytes(std::string(bytes)), sources, diags);
}

// ---- the comparison ----------------------------------------------------------

struct InputChange {
    bool rule_file = false;  // the report's first input; the others are data (or a roll-up's nämnd files)
    std::optional<InputFile> was, now;
};

struct FieldChange {
    std::string field;  // the JSON key: "name", "target", "decision" …
    std::optional<std::string> was, now;
};

struct JudgementChange {
    const ReportItem* item;  // the new report's
    std::optional<std::string> series;
    ReportJudgement was, now;  // an absent series result: all null
};

struct ReportValueChange {
    const ReportItem* item;
    difftext::ValueChange change;
};

struct ItemMove {
    const ReportItem* was;
    const ReportItem* now;
};

struct ItemFieldChange {
    const ReportItem* item;
    FieldChange change;
};

// Pointers are into the two snapshots, which must outlive the diff.
struct ReportDiff {
    const ReportSnapshot* was;
    const ReportSnapshot* now;
    std::vector<InputChange> inputs;
    std::vector<FieldChange> report;  // engine, committee, municipality, report, decision
    std::vector<JudgementChange> judgements;
    std::vector<ReportValueChange> values;
    std::vector<const ReportItem*> added, removed;
    std::vector<ItemMove> moved;
    std::vector<ItemFieldChange> fields;
    std::size_t count() const {
        return inputs.size() + report.size() + judgements.size() + values.size() + added.size() + removed.size() + moved.size() +
               fields.size();
    }
};

// Everything in the new report's order, then what was removed in the old one's.
ReportDiff diff_reports(const ReportSnapshot& was, const ReportSnapshot& now);

// Markdown (the sections of docs/revisorsguide.md; "Inga ändringar." when
// there are none) and JSON (its documented keys, in that order).
void render_report_diff_markdown(const ReportDiff& d, std::ostream& out);
void render_report_diff_json(const ReportDiff& d, std::ostream& out);

}  // namespace malkoll
