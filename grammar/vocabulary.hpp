// The rule language's words, in one table each (docs/regelspråk.md):
// variables, functions, quantifiers and results, with their type, their unit
// and what they read. The checker resolves names, arities and types from
// these tables, the unit rule (expression_unit) reads their units, and the
// trace renderers and justifications name and format values by them. What a
// word *means* is computed by the evaluator (engine/eval) and the facts it
// reads (engine/assess/facts.cpp); adding a variable is a row here, a field
// there and its case in the evaluator.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "grammar/ast.hpp"

namespace malkoll {

// Indicator variables; Node::sym holds one for a Variable node. The order is
// the table's (kVariables).
enum class Var : std::uint16_t {
    Varde, Mal, Helarsvarde, Uppnatt, Foregaende, Forbattrat, Forsamrat, Oforandrat,
    Bas, Basar, Jamforelse, Prognos, Ar, Framsteg, Trend, Maluppfyllelse, Count
};
// Functions; Node::sym holds one for a Call node.
enum class Func : std::uint16_t { Varde, Saknas, Finns, Min, Max, Medel, Abs, Avrunda, MedelAr, SummaAr, Count };

enum class WordType : std::uint8_t { Number, Condition };

// The unit of what a word gives (docs/regelspråk.md, Enheter).
enum class UnitRule : std::uint8_t {
    Indicator,      // the indicator's `enhet` (värde, mål, föregående …)
    Year,           // a year: no unit, written without digit grouping (år, basår)
    None,           // no unit (trend, antal)
    Percent,        // % (framsteg, andel)
    FirstArgument,  // a function: its first argument's (min, max, medel, abs, avrunda)
};

struct VariableWord {
    const char* name;       // as written: "helårsvärde"
    WordType type;
    UnitRule unit;
    bool derived;           // a condition computed from values (uppnått, förbättrat …): the trace records its operands
    const char* spoken;     // how a justification names it before its value ("föregående värde"); nullptr: the value alone
    bool dated;             // a justification gives its period: "17 % (2024)"
    const char* reads;      // what it is, for a reader
};

struct FunctionWord {
    const char* name;
    std::uint8_t min_args, max_args;  // max 0: any number
    WordType type;
    UnitRule unit;
    bool in_goal_rules;     // also in a goal's rule (over numbers), not only an indicator's
    const char* reads;
};

struct QuantifierWord {
    const char* name;       // "alla", "någon", "ingen", "andel", "antal"
    WordType type;
    UnitRule unit;
    const char* reads;
};

// The words of a result (Outcome), in every place they are shown.
struct OutcomeWord {
    const char* code;       // JSON and CSV: "ej_uppfyllt"
    const char* word;       // in a rule and in messages: "ej uppfyllt"
    const char* helar;      // a helår's label: "Ej uppfyllt"
    const char* delar;      // a delår's (judged on the forecast): "Uppnås ej"
    const char* table;      // the tables' short word: "Nej"
    const char* one;        // "ej uppfylld"
    const char* many;       // "ej uppfyllda"
};

const VariableWord& word_of(Var v);
const FunctionWord& word_of(Func f);
const QuantifierWord& word_of(QuantKind q);
const OutcomeWord& word_of(Outcome o);

// Looks a name up as written, compared after fold_word: "Helårsvärde" and
// "helarsvarde" are helårsvärde.
std::optional<Var> find_variable(std::string_view name);
std::optional<Func> find_function(std::string_view name);
// A plain outcome word as written ("Ej  bedömd", "delvis uppfyllt"), by word_key.
std::optional<Outcome> find_outcome(std::string_view words);
// Every spelling find_outcome reads, each result's word first:
// "uppfyllt", "delvis", "delvis uppfyllt", "ej uppfyllt", "ej bedömd".
std::vector<const char*> outcome_spellings();

const char* var_name(Var v);    // Swedish spelling: "värde", "helårsvärde" …
const char* func_name(Func f);
bool var_is_derived(Var v);

// For messages and suggestions: every variable's or function's name.
inline constexpr std::size_t kVariableCount = static_cast<std::size_t>(Var::Count);
inline constexpr std::size_t kFunctionCount = static_cast<std::size_t>(Func::Count);

}  // namespace malkoll
