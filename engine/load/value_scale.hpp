// A status indicator's words (`värdeskala`, docs/regelfil.md, Statusindikatorer):
// a value is a word of the list, stored as its position, so that targets and
// rules compare by position, and shown as the list spells it.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/value_literal.hpp"

namespace malkoll {

// The position of `word` in `scale`, if it is one of its words.
std::optional<std::size_t> find_status(std::string_view word, const std::vector<std::string>& scale);

// One cell or inline value of a status indicator: a word of the scale
// (ValueLiteral Number, its position; text the list's spelling; a note in
// parentheses kept), or a missing value as for any indicator. Any other text
// is an error that lists the words, with "menade du …?".
ValueParse parse_status_literal(std::string_view text, const std::vector<std::string>& scale);

// "Ej påbörjad, Påbörjad, Pågår, Genomfört": the words for a message.
std::string scale_words(const std::vector<std::string>& scale);

}  // namespace malkoll
