// The rule language's syntax tree: flat arrays of plain structs, indices
// instead of pointers, so a compiled rule is a few contiguous vectors and
// evaluation allocates nothing.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/value.hpp"

namespace malkoll {

enum class Outcome : std::uint8_t { Uppfyllt, Delvis, EjUppfyllt, EjBedomd };

// Result labels usable after `är` and in quantifiers. Level: a level of the
// file's `skala` (Node::text its name as written; Node::sym its index once compiled).
enum class Label : std::uint8_t { Uppfyllt, Delvis, EjUppfyllt, EjBedomd, Bedomd, Level };

// A level of no scale: a file without `skala`, or a plain outcome word (its standard level).
constexpr std::uint8_t kNoLevel = 0xFF;

enum class NodeKind : std::uint8_t {
    Number,     // num, unit (text index or -1); aux = kStatusWord for a status word
    Period,     // a period literal 2023-08 / a year: num = year, aux = month (0 = full year)
    String,     // text index
    Variable,   // text index = name as written; resolved later to `sym`
    Call,       // text index = function name; args in [first, first+count) of `args`
    Indicator,  // indikator(id), or resultat(id) with aux = kResultOf: text index = id, a = its offset
    Quantifier, // aux = QuantKind, label (Label::Level: text its name, first its offset, sym its level)
    Neg,        // a
    Binary,     // aux = BinOp; a, b
    Compare,    // aux = CmpOp; a, b
    Is,         // a `är` label (Label::Level as for Quantifier)
    Not,        // a
    And,        // a, b
    Or,         // a, b
};

enum class BinOp : std::uint8_t { Add, Sub, Mul, Div };
enum class CmpOp : std::uint8_t { Ge, Le, Gt, Lt, Eq, Ne };
enum class QuantKind : std::uint8_t { Alla, Nagon, Ingen, Andel, Antal };

constexpr std::uint32_t kNone = 0xFFFFFFFFu;
// Node::aux of an Indicator node written resultat(…): any goal or indicator of
// the file; compile sets sym to what it names (ResultKind) and b to its index.
constexpr std::uint8_t kResultOf = 1;
// Node::aux of a Number that is a word of a status indicator's `värdeskala`
// (`"Pågår"` in a rule, `mål: minst Pågår`): num is the word's position.
constexpr std::uint8_t kStatusWord = 1;

struct Node {
    NodeKind kind = NodeKind::Number;
    std::uint8_t aux = 0;       // BinOp / CmpOp / QuantKind / month
    Label label = Label::Uppfyllt;
    std::uint16_t sym = 0;      // resolved variable or function id (compile stage)
    std::uint32_t a = kNone, b = kNone;
    std::uint32_t first = 0, count = 0;  // Call arguments in Ast::args
    std::uint32_t text = kNone;          // index into Ast::texts
    std::int32_t unit = -1;              // index into Ast::texts for a number's unit
    Decimal num;
    std::uint32_t offset = 0;            // byte offset in the rule text
    std::uint32_t length = 0;
};

// A clause's condition in one of the usual forms, found by compile once its
// names are resolved, so the evaluator reaches it without walking the tree
// (docs/arkitektur.md, Utvärdering). Tree: any other form. The meaning is
// the tree's either way. Each derived condition has a shape of its own, so
// the untraced evaluator reaches its computation in one jump, not through a
// chain of tests.
enum class ClauseShape : std::uint8_t {
    Reached, Improved, Worsened, Unchanged,              // a derived condition alone: `uppnått`
    NotReached, NotImproved, NotWorsened, NotUnchanged,  // `inte uppnått`
    Missing,     // `saknas(helårsvärde)`: a variable's value missing
    Present,     // `finns(helårsvärde)`
    Always,      // annars
    Tree,
};
// `inte` before a derived condition's shape (Reached → NotReached), and back.
constexpr bool is_not_derived(ClauseShape s) { return s >= ClauseShape::NotReached && s <= ClauseShape::NotUnchanged; }
constexpr ClauseShape negated(ClauseShape derived) {
    return static_cast<ClauseShape>(static_cast<int>(derived) + static_cast<int>(ClauseShape::NotReached));
}
constexpr ClauseShape unnegated(ClauseShape not_derived) {
    return static_cast<ClauseShape>(static_cast<int>(not_derived) - static_cast<int>(ClauseShape::NotReached));
}

struct Clause {
    Outcome outcome = Outcome::EjBedomd;
    ClauseShape shape = ClauseShape::Tree;
    std::uint16_t shape_sym = 0;  // a derived shape, its negation: the condition's Var; Missing, Present: the argument's
    // With `skala`: a clause that begins with a level's name (its text in
    // `texts`, resolved by compile to `level` and its `som` as outcome).
    std::uint32_t level_text = kNone;
    std::uint8_t level = kNoLevel;
    std::uint32_t condition = kNone;  // kNone: annars
    std::uint32_t template_text = kNone;
    std::uint32_t offset = 0;          // of the clause in the rule text
    std::uint32_t condition_offset = 0;
    std::uint32_t template_offset = 0;
    std::uint32_t length = 0;
};

// The clauses before the first of another form (at most 64), as compile
// sees them once for the untraced evaluator: each distinct condition once
// (a derived one, or whether a variable's value is missing), with the
// clauses it makes sant when it comes out sant and when falskt — `uppfyllt
// om uppnått … ej uppfyllt om inte uppnått` computes uppnått once. The
// first clause made sant decides, as in the tree.
struct ClauseTest {
    ClauseShape shape = ClauseShape::Reached;  // Reached … Unchanged, or Missing
    std::uint16_t sym = 0;                     // Missing: the variable
    // By how it came out (Tri: falskt, sant, okänt) the clauses it makes
    // sant, bit k for clause k; okänt makes none.
    std::uint64_t makes_sant[3] = {0, 0, 0};
};
struct LeadingClauses {
    std::vector<ClauseTest> tests;
    std::uint64_t always = 0;  // the `annars` among them
    std::uint32_t count = 0;   // how many clauses lead
};

enum class TargetKind : std::uint8_t { None, Ge, Le, Gt, Lt, Eq, Between, Top, Bare };

struct Ast {
    std::vector<Node> nodes;
    std::vector<std::uint32_t> args;
    std::vector<std::string> texts;
    std::vector<Clause> clauses;   // rules
    LeadingClauses leading;        // rules: set by compile with Clause::shape
    TargetKind target = TargetKind::None;  // targets
    std::uint32_t target_x = kNone, target_y = kNone;
};

const char* outcome_code(Outcome o);   // uppfyllt, delvis, ej_uppfyllt, ej_bedomd
const char* label_word(Label l);       // for messages: "uppfyllt", "ej bedömd" …

}  // namespace malkoll
