// The municipality's own judgement scale (`skala`, docs/regelfil.md, Egen
// bedömningsskala): naming a level in rules, `manuell` and messages.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/load/rule_file.hpp"

namespace malkoll {

// The level whose `kod` or `etikett` is `name` (compared by word_key).
std::optional<std::uint8_t> find_level(const std::vector<ScaleLevel>& scale, std::string_view name);

// "helt (Helt uppfyllt), i-hög-grad (I hög grad uppfyllt) …": for messages.
std::string level_names(const std::vector<ScaleLevel>& scale);

// "uppfyllt", "delvis", "ej uppfyllt", "ej bedömd": for messages.
const char* outcome_word(Outcome o);

}  // namespace malkoll
