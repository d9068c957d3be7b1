#include "engine/load/value_scale.hpp"

#include <fmt/format.h>

#include "engine/core/text.hpp"

namespace malkoll {

namespace {
std::string_view trim(std::string_view s) {
    const std::size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}
}  // namespace

std::optional<std::size_t> find_status(std::string_view word, const std::vector<std::string>& scale) {
    const std::string key = word_key(word);
    for (std::size_t i = 0; i < scale.size(); ++i)
        if (word_key(scale[i]) == key) return i;
    return std::nullopt;
}

std::string scale_words(const std::vector<std::string>& scale) {
    std::string s;
    for (std::size_t i = 0; i < scale.size(); ++i) s += (i ? ", " : "") + scale[i];
    return s;
}

ValueParse parse_status_literal(std::string_view text, const std::vector<std::string>& scale) {
    ValueParse out;
    // A missing value (i.u., –, empty, with a note) reads as for any indicator.
    if (ValueParse plain = parse_value_literal(text); plain.value && plain.value->kind == ValueKind::Missing) return plain;
    const std::size_t begin = text.find_first_not_of(" \t");
    std::string_view word = begin == std::string_view::npos ? std::string_view() : trim(text);
    std::string note;
    if (!word.empty() && word.back() == ')') {
        if (const std::size_t open = word.rfind('('); open != std::string_view::npos && open > 0) {
            note = std::string(trim(word.substr(open + 1, word.size() - open - 2)));
            word = trim(word.substr(0, open));
        }
    }
    if (const auto at = find_status(word, scale)) {
        ValueLiteral lit;
        lit.kind = ValueKind::Number;
        lit.lo = lit.hi = Decimal{static_cast<double>(*at), 0};
        lit.text = scale[*at];
        lit.note = std::move(note);
        out.value = std::move(lit);
        return out;
    }
    std::string msg = fmt::format("'{}' är inget av orden i indikatorns värdeskala ({})", word, scale_words(scale));
    if (auto s = suggest(word, scale)) msg += fmt::format("; menade du '{}'?", *s);
    out.error = ValueError{begin == std::string_view::npos ? 0 : begin, std::move(msg)};
    return out;
}

}  // namespace malkoll
