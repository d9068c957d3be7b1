// Rule text and target text → Ast (docs/regelspråk.md). Positions in the Ast
// and in errors are byte offsets into the text; the caller maps them to the
// file (a YAML scalar) with scalar_position.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "grammar/ast.hpp"

namespace malkoll {

struct SyntaxError {
    std::size_t offset = 0;
    std::string message;  // Swedish
};

struct ParsedRule {
    Ast ast;
    std::vector<SyntaxError> errors;  // empty on success
    bool ok() const { return errors.empty(); }
};

// Clauses: `uppfyllt om …`, one per line or separated by `;`.
// `levels`: the file has a `skala`, whose level names may begin a clause and
// follow `är` and a quantifier (left for compile to resolve).
ParsedRule parse_rule(std::string_view text, bool levels = false);
// A target (`mål`): `minst 90 %`, `mellan 25 000 och 30 000`, `jämförelse` …
ParsedRule parse_target(std::string_view text);

// One expression, as inside a template's `{…}`; its root is Ast::target_x.
ParsedRule parse_expression(std::string_view text, bool levels = false);

// Deepest allowed syntax tree (parentheses, `inte`, and chains of `och`,
// `eller`, `+` … each add a level): deeper is an error, never a stack overflow
// in the stages that walk the tree.
inline constexpr int kMaxDepth = 1000;

}  // namespace malkoll
