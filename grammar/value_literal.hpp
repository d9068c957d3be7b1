// Value literals (docs/regelfil.md): the text of a data cell or an inline YAML
// value, such as `17 %`, `1 063 kr/inv`, `26–34 %`, `i.u. (mäts 2024)`.
//
// The grammar is PEGTL (3.x) and lives in value_literal.cpp; this header is
// all the rest of the engine needs. Parsing never throws: a cell is either a
// ValueLiteral or one ValueError that points at the offending byte and says,
// in Swedish, what to write instead.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "engine/core/value.hpp"

namespace malkoll {

// `offset` is a 0-based byte offset into the text given to
// parse_value_literal (leading whitespace included); callers convert it to a
// 1-based line and character column for FILE:LINE:COL output.
struct ValueError {
    std::size_t offset = 0;
    std::string message;  // Swedish, says what to write instead
};

// Exactly one of `value` and `error` is set.
struct ValueParse {
    std::optional<ValueLiteral> value;
    std::optional<ValueError> error;
};

// Parses one whole cell; leading and trailing whitespace is ignored, an empty
// cell is Missing. `indicator_unit` is the indicator's own `enhet` (may be
// empty) and is accepted as a unit word besides `%` and the words of §5.
ValueParse parse_value_literal(std::string_view text, std::string_view indicator_unit = {});

// True for `%`, the unit words of §5 (case-insensitive) and, when not empty,
// the indicator's own unit (case-insensitive, also for å, ä, ö).
bool is_unit_word(std::string_view word, std::string_view indicator_unit);

// The unit as the engine stores and compares it: a unit word of §5 in its
// listed spelling with aliases folded ("dgr", "DGR" -> "dagar", "KR" -> "kr");
// anything else (`%`, an indicator's own unit) unchanged.
std::string canonical_unit(std::string_view word);
// `procentenheter`, `procentenhet` or `p.e.` (any case): a rule's unit for a
// difference of % values (docs/regelspråk.md, Procentenheter). Not a unit of data values.
bool is_percentage_points(std::string_view word);

namespace detail {
// Test hook: the number of problems PEGTL's grammar analysis finds in the
// value grammar (rules that can loop without consuming input). Must be 0.
std::size_t value_grammar_issues();
// Test hook: the grammar alone, without the fast path for plain numbers.
ValueParse parse_value_literal_with_grammar(std::string_view text, std::string_view indicator_unit);
}  // namespace detail

}  // namespace malkoll
