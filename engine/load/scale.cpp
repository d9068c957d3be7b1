#include "engine/load/scale.hpp"

#include "engine/core/text.hpp"
#include "grammar/vocabulary.hpp"

namespace malkoll {

std::string level_key(std::string_view name) {
    const std::string folded = fold_word(name_key(name));
    std::string out;
    for (char c : folded) {
        if (c == '\t') c = ' ';
        if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
        out += c;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::optional<Outcome> plain_outcome(std::string_view word) {
    const std::string k = level_key(word);
    if (k == "uppfyllt") return Outcome::Uppfyllt;
    if (k == "delvis" || k == "delvis uppfyllt") return Outcome::Delvis;
    if (k == "ej uppfyllt") return Outcome::EjUppfyllt;
    if (k == "ej bedomd") return Outcome::EjBedomd;
    return std::nullopt;
}

std::optional<std::uint8_t> find_level(const std::vector<ScaleLevel>& scale, std::string_view name) {
    const std::string k = level_key(name);
    for (std::size_t i = 0; i < scale.size(); ++i)
        if (level_key(scale[i].code) == k || level_key(scale[i].label) == k) return static_cast<std::uint8_t>(i);
    return std::nullopt;
}

std::string level_names(const std::vector<ScaleLevel>& scale) {
    std::string s;
    for (const auto& l : scale) s += (s.empty() ? "" : ", ") + l.code + " (" + l.label + ")";
    return s;
}

const char* outcome_word(Outcome o) { return word_of(o).word; }

}  // namespace malkoll
