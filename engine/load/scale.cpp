#include "engine/load/scale.hpp"

#include "engine/core/text.hpp"
#include "grammar/vocabulary.hpp"

namespace malkoll {

std::optional<std::uint8_t> find_level(const std::vector<ScaleLevel>& scale, std::string_view name) {
    const std::string k = word_key(name);
    for (std::size_t i = 0; i < scale.size(); ++i)
        if (word_key(scale[i].code) == k || word_key(scale[i].label) == k) return static_cast<std::uint8_t>(i);
    return std::nullopt;
}

std::string level_names(const std::vector<ScaleLevel>& scale) {
    std::string s;
    for (const auto& l : scale) s += (s.empty() ? "" : ", ") + l.code + " (" + l.label + ")";
    return s;
}

const char* outcome_word(Outcome o) { return word_of(o).word; }

}  // namespace malkoll
