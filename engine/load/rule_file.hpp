// The rule file (docs/regelfil.md) as loaded: plain structs, every text that is
// parsed later kept with its YAML scalar so errors point into the file.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/core/diagnostic.hpp"
#include "engine/core/source.hpp"
#include "engine/core/value.hpp"
#include "engine/load/value_store.hpp"
#include "engine/load/yaml_tree.hpp"
#include "grammar/ast.hpp"

namespace malkoll {

enum class ReportKind : std::uint8_t { Helar, Delar, Budget };
enum class Direction : std::uint8_t { Oka, Minska, Bibehalla };

const char* report_kind_word(ReportKind k);  // helår, delår, budget
const char* direction_word(Direction d);     // öka, minska, bibehålla

// A text to be parsed later (rule, target), with the scalar it came from.
struct SourceText {
    std::string text;
    std::uint32_t file = 0;
    ScalarRef node;       // where the scalar stands (position, style)
    bool present = false;
};

struct ManualJudgement {
    Outcome outcome = Outcome::EjBedomd;
    std::string motivering;
    std::uint8_t level = kNoLevel;  // with `skala`: the level judged (a plain word: its standard level)
};

// One level of the municipality's own scale (`skala`, docs/regelfil.md, Egen
// bedömningsskala), best first.
struct ScaleLevel {
    std::string code;         // `kod`: "i-hög-grad"
    std::string label;        // `etikett`: "I hög grad uppfyllt"
    std::string delar_label;  // `delår`: the label in a delår (default: label)
    std::string table_label;  // `tabell`: the short form in tables (default: label)
    std::string symbol;       // `symbol`: shown beside the label, "" none
    Outcome base = Outcome::EjBedomd;  // `som`: what it counts as
    bool standard = false;    // the level a plain outcome word and the built-in rules give
    Position pos, code_pos, label_pos;
};

struct IndicatorDef {
    std::string id;
    Position pos;                 // of the `id` value
    std::string name;
    std::string unit;             // `enhet`
    Direction direction = Direction::Oka;
    SourceText target;            // `mål` (the entry for `år` when given per year)
    std::vector<std::pair<int, SourceText>> targets_per_year;
    std::optional<int> target_year;  // `målår`
    std::uint32_t target_at = 0;       // byte offsets in the rule file of the `mål` value and of
    std::uint32_t target_year_at = 0;  // `målår`'s (for errors about the two); the id's when absent
    SourceText rule;              // `regel`
    Decimal tolerance{0, 0};
    bool accumulated = false;     // `ackumulerad`
    bool mandatory = false;       // `obligatorisk`
    std::string data_source;      // `källa`
    std::string kolada;           // a Kolada KPI id (N35001), for `malkoll hämta`
    Position kolada_pos;
    std::string definition;
    std::vector<std::string> series;
    std::string comparison;       // `jämförelse`
    Position comparison_pos;
    std::optional<int> series_break;  // `serieavbrott`
    // `värdeskala`: a status indicator's words, worst first (docs/regelfil.md,
    // Statusindikatorer). Its values are positions in the list, shown as the words.
    std::vector<std::string> value_scale;
    Position value_scale_pos;
    bool status() const { return !value_scale.empty(); }
    // `bedöm_serier`: the series judged apart with the indicator's rule, in
    // the order of `serier` (docs/regelfil.md, Serier som bedöms var för sig).
    std::vector<std::string> judged_series;
    Decimal weight{1, 0};
    std::optional<ManualJudgement> manual;
    std::uint32_t goal = 0;       // index in RuleFile::goals
};

struct GoalDef {
    std::string id;
    Position pos;
    std::string name;
    std::string area;             // målområde
    std::string municipal_goal;   // kommunövergripande mål ("" in a plan with two levels)
    std::uint32_t area_index = 0;            // in RuleFile::areas
    std::optional<std::uint32_t> municipal_index;  // in RuleFile::municipal_goals; none in a plan with two levels
    SourceText rule;              // `bedömning`
    std::optional<ManualJudgement> manual;
    Decimal weight{1, 0};         // `vikt`: weighs the goal in a judged kommunmål
    std::vector<std::string> activities;
    std::vector<std::uint32_t> indicators;  // indices in RuleFile::indicators
};

// A målområde or a kommunmål (docs/regelfil.md, Bedömda nivåer): a heading,
// or with an `id` a goal judged from its child goals — a kommunmål from its
// nämndmål, a målområde from its kommunmål (or its nämndmål in a plan with
// two levels).
struct LevelDef {
    std::string id;               // "": a heading only, not judged
    Position pos;                 // of the id (of the entry when it has none)
    std::string name;
    Position name_pos;            // of the `namn` key
    Position name_value_pos;      // of its value (a nämnd's kommunmål that matches none of a roll-up's)
    SourceText rule;              // `bedömning`
    std::optional<ManualJudgement> manual;
    Decimal weight{1, 0};         // `vikt`: weighs it as a child goal
    std::uint32_t area = 0;       // a kommunmål: its målområde, in RuleFile::areas
    std::vector<std::uint32_t> municipal_goals;  // a målområde: its kommunmål, in RuleFile::municipal_goals
    std::vector<std::uint32_t> goals;            // the nämndmål directly under it, in RuleFile::goals
    bool judged() const { return !id.empty(); }
};

// The municipality's own words for the levels (`nivåer`); "" where not given.
struct LevelWords {
    std::string area, municipal_goal, goal, indicator, indicators;
};

// A strategiskt utvecklingsuppdrag given to the committee, with its status
// (an extension; see docs/regelfil.md).
enum class AssignmentStatus : std::uint8_t { Genomfort, Pagar, EjPaborjad, Pausad, Avbrutet, Count };
const char* assignment_status_label(AssignmentStatus s);  // "Genomfört", "Pågår" …

struct Assignment {
    std::string group;     // `grupp`, e.g. Kommungemensamma / Nämndspecifika
    std::string number;    // `nr` as written
    std::string text;
    AssignmentStatus status = AssignmentStatus::EjPaborjad;
    std::string comment;   // `kommentar`
    Position pos;
};

// A nyckeltal row (`nyckeltal:`, an extension; see docs/regelfil.md, Nyckeltal
// utan bedömning): a key figure shown in a table of its own and never judged.
// Its values are in RuleFile::values under RuleFile::key_figure_owner(row),
// read and checked as an indicator's are.
struct KeyFigureRow {
    std::string id;
    Position pos;                     // of the `id` value
    std::string name;
    std::string unit;                 // `enhet`
    std::vector<std::string> series;  // `serier`: sub-rows, in this order
    // `andel`: the series whose value stands in parentheses after each value
    // ("3 007 (43 %)"); a sub-row's is the series "<sub-row> <andel>". "" none.
    std::string share;
    std::string target;               // `mål`: shown as written in a Målvärde column, never judged
    bool accumulated = false;         // `ackumulerad`
    std::string data_source;          // `källa`
    std::string definition;
    std::uint32_t table = 0;          // in RuleFile::key_figure_tables
    // The series holding the share of `series` ("" the main series): "kvinnor", "IFO kvinnor".
    std::string share_of(std::string_view series) const {
        if (share.empty()) return {};
        return series.empty() ? share : std::string(series) + " " + share;
    }
};

// A table of nyckeltal: its heading and the heading of its first column.
struct KeyFigureTable {
    std::string heading;              // `rubrik`: "Volymutveckling"
    std::string column_heading;       // `kolumnrubrik`: "Basuppdrag (volymmått)"; the heading when not written
    Position pos;
    std::uint32_t first_row = 0, end_row = 0;  // RuleFile::key_figures[first_row, end_row)
};

// A named comparison group (`jämförelsegrupper:`, for `malkoll hämta`):
// member municipalities by their Kolada ids, or a Kolada group id (G…).
struct ComparisonGroup {
    std::string name;                 // as written: R9
    Position pos;                     // of the name
    std::vector<std::string> members; // "0180", "1480" …; or one "G12345"
    std::vector<Position> member_pos;
    bool kolada_group() const { return members.size() == 1 && !members[0].empty() && members[0][0] == 'G'; }
};

// A nämnd of a roll-up file (`nämnder:`): its short id and its rule file.
struct CommitteeRef {
    std::string id;       // "son"
    std::string path;     // joined to the roll-up file's folder
    std::string written;  // as written: "son/2024.yaml"
    Position pos;         // of the path, for errors about the file
    Position id_pos;      // of the short id
};

struct RuleFile {
    std::uint32_t file = 0;       // in the SourceSet
    std::string path;
    std::string committee;        // `nämnd`, or `namn` in a municipality's own file
    bool municipality_file = false;  // `namn:` instead of `nämnd:` (the municipality's own goals)
    Position committee_pos, year_pos, kind_pos, period_pos;  // of `nämnd`/`namn`, `år`, `rapport`, `period` (line 0: not written)
    std::optional<std::string> title;  // `rubrik`
    LevelWords words;             // `nivåer`
    // `skala`: the municipality's own levels, best first (empty: the four
    // results), and per base result (Outcome) its standard level.
    std::vector<ScaleLevel> scale;
    Position scale_pos;
    std::uint8_t standard_level[4] = {kNoLevel, kNoLevel, kNoLevel, kNoLevel};
    // The level a result stands at: `level`, or without one its base result's standard level.
    std::uint8_t level_of(Outcome o, std::uint8_t level) const {
        return level != kNoLevel ? level : standard_level[static_cast<int>(o)];
    }
    // The same as the level itself; nullptr without `skala`.
    const ScaleLevel* scale_level(Outcome o, std::uint8_t level) const {
        const std::uint8_t l = level_of(o, level);
        return l < scale.size() ? &scale[l] : nullptr;
    }
    int year = 0;
    ReportKind kind = ReportKind::Helar;
    Period period;                // the assessed period: `år`, or `period` in a delår
    std::optional<std::string> decision;
    std::string municipality;     // `kommun`: its Kolada id, "0580"
    Position municipality_pos;
    std::vector<ComparisonGroup> comparison_groups;
    // A roll-up file (`nämnder:`, the municipality's annual report): its nämnder,
    // each an ordinary rule file; its kommunmål are judged from theirs.
    std::vector<CommitteeRef> committees;
    bool rollup() const { return !committees.empty(); }
    Position rollup_pos;          // of the `nämnder:` key
    std::vector<std::string> data_files;  // `utfall:` joined to the rule file's folder
    std::vector<std::string> data_sheets; // each one's sheet, for a workbook (docs/excel.md); "" its first, or not a workbook
    std::vector<Position> data_file_pos;  // where each is named in the rule file
    SourceText standard_rule;
    SourceText standard_goal_rule;
    std::vector<std::pair<std::string, SourceText>> named_rules;
    std::vector<LevelDef> areas;            // målområden, in file order
    std::vector<LevelDef> municipal_goals;  // kommunmål, in file order
    std::vector<GoalDef> goals;
    std::vector<IndicatorDef> indicators;
    ValueStore values;            // inline `utfall`, then data files, settled (value_store.hpp)
    std::vector<Assignment> assignments;  // `utvecklingsuppdrag`
    std::vector<KeyFigureTable> key_figure_tables;  // `nyckeltal`
    std::vector<KeyFigureRow> key_figures;          // their rows, in file order

    // Values are kept by owner (DataValue::indicator): the indicators first,
    // then the nyckeltal rows, so that one store, one reader and one policy
    // serve both.
    std::uint32_t key_figure_owner(std::uint32_t row) const { return static_cast<std::uint32_t>(indicators.size()) + row; }
    bool owner_is_key_figure(std::uint32_t owner) const { return owner >= indicators.size(); }
    const std::string& owner_id(std::uint32_t owner) const {
        return owner < indicators.size() ? indicators[owner].id : key_figures[owner - indicators.size()].id;
    }
    const std::string& owner_unit(std::uint32_t owner) const {
        return owner < indicators.size() ? indicators[owner].unit : key_figures[owner - indicators.size()].unit;
    }
    std::size_t owner_count() const { return indicators.size() + key_figures.size(); }
};

// Reads and checks the rule file's structure; everything it finds goes to
// `diags`. The result is usable only when diags has no errors.
RuleFile load_rule_file(const std::string& path, SourceSet& sources, Diagnostics& diags);
// Applies the value policy (value_store.hpp) to the values added since the
// last call; load_rule_text and the data-file readers call it.
void settle_values(RuleFile& file, Diagnostics& diags);
// The same from text already in memory (tests use the name "input").
RuleFile load_rule_text(const std::string& name, std::string text, SourceSet& sources, Diagnostics& diags);

}  // namespace malkoll
