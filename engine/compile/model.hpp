// The compiled model: every rule and target parsed once, names resolved and
// checked, ready to be evaluated many times.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/diagnostic.hpp"
#include "engine/core/source.hpp"
#include "engine/load/rule_file.hpp"
#include "grammar/ast.hpp"
#include "grammar/vocabulary.hpp"

namespace malkoll {

// The unit of an expression (docs/regelspråk.md, Enheter), one rule for the
// checker and the justifications: a number has its written unit; `år`,
// `basår` and `trend` none (`year` is set for the first two); `framsteg` and
// `andel` are %; other variables and `värde(…)` have the indicator's unit;
// `+`/`-` keep a unit (the difference of two percentages that are values is
// in procentenheter, a percentage moved by procentenheter a percentage
// again); `*` and `/` drop it; min, max, medel, abs and avrunda have their
// first argument's. The unit is as written; compare with canonical_unit.
inline constexpr const char* kPercentagePoints = "procentenheter";
std::string expression_unit(const Ast& expr, std::uint32_t node, std::string_view indicator_unit, bool* year = nullptr);

enum class RuleOrigin : std::uint8_t { Own, Named, Standard, Builtin };

// A justification template split into literal text and `{expression}`s.
struct TemplatePart {
    std::string text;         // literal text (braces `{{`/`}}` already undoubled); an expression's own text
    bool is_expression = false;
    Ast expression;           // root in Ast::target_x
    std::uint32_t offset = 0; // of the expression in the rule text
};

struct CompiledRule {
    Ast ast;
    RuleOrigin origin = RuleOrigin::Builtin;
    std::string name;        // the named rule's name, "standardregel", "inbyggd indikatorregel" …
    const SourceText* text = nullptr;  // where it was written; nullptr for the built-in rules
    std::string source;      // the rule text itself
    std::vector<std::vector<TemplatePart>> templates;  // per clause; empty: no template
};

// The target of an indicator without one (TargetKind::None), shared by all.
const Ast& no_target();

struct CompiledIndicator {
    std::uint32_t rule = 0;           // index in Model::rules
    // Into Model::targets, shared by every indicator with the same target
    // text; no_target() when there is no `mål` (or it has a syntax error).
    const Ast* target = &no_target();
    const SourceText* target_text = nullptr;  // this indicator's own `mål` text, for positions
    int target_year = 0;              // `målår`
    const Ast* progress_target = &no_target();  // the target for `målår` when `mål` is per year
    // Whether its rule, the rule's justification or its targets read bas,
    // basår, trend or framsteg: only then does the assessment gather them
    // (a pass over the values and two pow per indicator otherwise spent).
    bool reads_history = true;
    // What every judgement reads of its IndicatorDef, copied here: a
    // definition is 856 bytes, mostly text, and walking a large file's
    // definitions for these few fields cost more than judging them (docs/prestanda.md).
    Direction direction = Direction::Oka;
    bool accumulated = false;        // `ackumulerad`
    bool compares = false;           // has `jämförelse`
    bool manual = false;             // judged by hand
    std::uint32_t judged_series = 0; // `bedöm_serier`: how many
    int series_break = 0;            // `serieavbrott`, 0 if none
    Decimal tolerance{0, 0};
    Decimal weight{1, 0};            // `vikt`
};

struct CompiledGoal {
    std::uint32_t rule = 0;   // a heading (a level without id) has none: kNone
};

// The levels of goals judged from their children: a nämndmål from its
// indicators, a kommunmål from its nämndmål, a målområde from its kommunmål
// (or its nämndmål in a plan with two levels).
enum class GoalLevel : std::uint8_t { Goal, MunicipalGoal, Area };
struct GoalRef {
    GoalLevel level = GoalLevel::Goal;
    std::uint32_t index = 0;  // in RuleFile::goals, municipal_goals or areas
};

// What `resultat(id)` names: Node::sym of its Indicator node (kResultOf),
// Node::b the index in the RuleFile's list of that kind, and Node::first 0 for
// the file's own, or 1 + the nämnd's index in a roll-up (`resultat(NÄMND/ID)`).
enum class ResultKind : std::uint16_t { Indicator, Goal, MunicipalGoal, Area };

// A nämndmål of one of a roll-up's nämnder.
struct CommitteeGoal {
    std::uint32_t committee = 0;  // index in Model::committees
    std::uint32_t goal = 0;       // index in that file's goals
    std::string ref;              // "son/tidig-upptäckt-våld", as rules and reports name it
};

// How much compile did, to see that shared texts and rules are done once.
struct CompileCounts {
    std::size_t target_texts = 0;   // distinct target texts parsed
    std::size_t target_checks = 0;  // checks of a target text, one per (text, indicator unit)
    std::size_t rule_checks = 0;    // checks of a rule, one per rule and context it depends on
};

struct Model {
    const RuleFile* file = nullptr;
    std::vector<CompiledRule> rules;
    std::vector<Ast> targets;                   // each distinct target text that parses, once
    std::vector<CompiledIndicator> indicators;  // parallel to file->indicators
    std::vector<CompiledGoal> goals;            // parallel to file->goals
    std::vector<CompiledGoal> municipal_goals;  // parallel to file->municipal_goals
    std::vector<CompiledGoal> areas;            // parallel to file->areas
    // Every goal that is judged, children (and what `resultat(…)` reads)
    // before the goals that read them; nämndmål, then kommunmål, then
    // målområden where nothing says otherwise.
    std::vector<GoalRef> goal_order;
    // A roll-up: its nämnders' models (in `nämnder:` order; each one's file
    // is Model::file), and per kommunmål the nämndmål of every nämnd under a
    // kommunmål of the same name.
    std::vector<const Model*> committees;
    std::vector<std::vector<CommitteeGoal>> municipal_children;
    CompileCounts counts;

    // Move-only: indicators point into `targets`, which a move keeps in place
    // but a copy would not.
    Model() = default;
    Model(Model&&) = default;
    Model& operator=(Model&&) = default;
    Model(const Model&) = delete;
    Model& operator=(const Model&) = delete;
};

// Parses and checks every rule and target of the file. Errors point into the
// YAML file at the exact character (docs/regelfil.md, Felmeddelanden).
// A roll-up file is compiled with its nämnders' files, each loaded and
// compiled on its own first: its kommunmål are matched to theirs by name.
Model compile(const RuleFile& file, const SourceSet& sources, Diagnostics& diags, std::vector<const Model*> committees = {});

// Where byte `offset` of a rule or target text lies in its file.
Position text_position(const SourceSet& sources, const SourceText& t, std::size_t offset);

extern const char* const kBuiltinIndicatorRule;
extern const char* const kBuiltinGoalRule;

}  // namespace malkoll
