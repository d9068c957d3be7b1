// The municipality's own judgement scale (`skala`, docs/regelfil.md, Egen
// bedömningsskala): naming a level in rules, `manuell` and messages.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/load/rule_file.hpp"

namespace malkoll {

// How level names are compared: case, NFC, spacing and the ASCII spellings
// of å, ä, ö do not matter ("I hög grad uppfyllt" = "i hog grad  uppfyllt").
std::string level_key(std::string_view name);

// A plain outcome word (uppfyllt, delvis, delvis uppfyllt, ej uppfyllt, ej bedömd).
std::optional<Outcome> plain_outcome(std::string_view word);

// The level whose `kod` or `etikett` is `name`.
std::optional<std::uint8_t> find_level(const std::vector<ScaleLevel>& scale, std::string_view name);

// "helt (Helt uppfyllt), i-hög-grad (I hög grad uppfyllt) …": for messages.
std::string level_names(const std::vector<ScaleLevel>& scale);

// "uppfyllt", "delvis", "ej uppfyllt", "ej bedömd": for messages.
const char* outcome_word(Outcome o);

}  // namespace malkoll
