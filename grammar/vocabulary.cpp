#include "grammar/vocabulary.hpp"

#include "engine/core/text.hpp"

namespace malkoll {

namespace {

using T = WordType;
using U = UnitRule;

// In the order of Var.
constexpr VariableWord kVariables[] = {
    {"värde", T::Number, U::Indicator, false, nullptr, true,
     "huvudseriens värde för den bedömda perioden (år, eller period i delår)"},
    {"mål", T::Number, U::Indicator, false, "målvärdet", false, "målvärdets gräns X"},
    {"helårsvärde", T::Number, U::Indicator, false, nullptr, true,
     "värdet som året slutar med: i helår värde, i delår prognosen för helåret om den finns"},
    {"uppnått", T::Condition, U::None, true, nullptr, false, "helårsvärdet når målet; utan mål: förbättrat"},
    {"föregående", T::Number, U::Indicator, false, "föregående värde", true, "huvudseriens värde för föregående helår"},
    {"förbättrat", T::Condition, U::None, true, nullptr, false,
     "värdet har rört sig i önskad riktning mer än toleransen jämfört med föregående år"},
    {"försämrat", T::Condition, U::None, true, nullptr, false, "värdet har rört sig mot önskad riktning mer än toleransen"},
    {"oförändrat", T::Condition, U::None, true, nullptr, false, "skillnaden mot föregående år är högst toleransen"},
    {"bas", T::Number, U::Indicator, false, "basvärdet", true, "det första helårsvärdet (från serieavbrottet och framåt)"},
    {"basår", T::Number, U::Year, false, nullptr, false, "basvärdets år"},
    {"jämförelse", T::Number, U::Indicator, false, "jämförelsevärdet", false,
     "värdet i serien som jämförelse: pekar ut, för den bedömda perioden"},
    {"prognos", T::Number, U::Indicator, false, "prognosen", false, "serien prognos för året (prognosen för helåret)"},
    {"år", T::Number, U::Year, false, nullptr, false, "budgetåret"},
    {"framsteg", T::Number, U::Percent, false, "framsteget", false, "framsteg mot målet i procent, efter Eurostats metod"},
    {"trend", T::Number, U::None, false, nullptr, false, "lutningen per år över helårsvärdena sedan serieavbrottet"},
    {"måluppfyllelse", T::Number, U::Percent, false, "måluppfyllelsen", false,
     "hur långt helårsvärdet når mot målet, i procent: mot ett golv 100 × helårsvärde / mål, mot ett tak 100 × mål / helårsvärde"},
};
static_assert(std::size(kVariables) == kVariableCount);

// In the order of Func.
constexpr FunctionWord kFunctions[] = {
    {"värde", 1, 2, T::Number, U::Indicator, false, "värdet för en period och/eller serie: värde(2023), värde(\"kvinnor\"; 2023)"},
    {"saknas", 1, 1, T::Condition, U::None, false, "sant när värdet saknas"},
    {"finns", 1, 1, T::Condition, U::None, false, "sant när värdet finns"},
    {"min", 1, 0, T::Number, U::FirstArgument, true, "det minsta av talen"},
    {"max", 1, 0, T::Number, U::FirstArgument, true, "det största av talen"},
    {"medel", 1, 0, T::Number, U::FirstArgument, true, "medelvärdet av talen"},
    {"abs", 1, 1, T::Number, U::FirstArgument, true, "talets absoluta belopp"},
    {"avrunda", 2, 2, T::Number, U::FirstArgument, true, "talet avrundat till så många decimaler"},
    {"medel_år", 1, 2, T::Number, U::Indicator, false,
     "medelvärdet av helårsvärdena för de n åren till och med år: medel_år(3), medel_år(3; \"kvinnor\")"},
    {"summa_år", 1, 2, T::Number, U::Indicator, false, "summan av helårsvärdena för de n åren till och med år: summa_år(3)"},
};
static_assert(std::size(kFunctions) == kFunctionCount);

// In the order of QuantKind.
constexpr QuantifierWord kQuantifiers[] = {
    {"alla", T::Condition, U::None, "alla indikatorer har resultatet"},
    {"någon", T::Condition, U::None, "minst en indikator har resultatet"},
    {"ingen", T::Condition, U::None, "ingen indikator har resultatet"},
    {"andel", T::Number, U::Percent, "andelen indikatorer med resultatet, viktad med vikt"},
    {"antal", T::Number, U::None, "antalet indikatorer med resultatet"},
};

// In the order of Outcome.
constexpr OutcomeWord kOutcomes[] = {
    {"uppfyllt", "uppfyllt", "Uppfyllt", "Uppnås", "Ja", "uppfylld", "uppfyllda"},
    {"delvis", "delvis", "Delvis uppfyllt", "Uppnås delvis", "Delvis", "delvis uppfylld", "delvis uppfyllda"},
    {"ej_uppfyllt", "ej uppfyllt", "Ej uppfyllt", "Uppnås ej", "Nej", "ej uppfylld", "ej uppfyllda"},
    {"ej_bedomd", "ej bedömd", "Ej bedömd", "Kan ej bedömas", "–", "ej bedömd", "ej bedömda"},
};

// What find_outcome also reads as a result, besides each result's word.
constexpr struct {
    const char* words;
    Outcome outcome;
} kOutcomeAliases[] = {{"delvis uppfyllt", Outcome::Delvis}};

}  // namespace

const VariableWord& word_of(Var v) { return kVariables[static_cast<std::size_t>(v)]; }
const FunctionWord& word_of(Func f) { return kFunctions[static_cast<std::size_t>(f)]; }
const QuantifierWord& word_of(QuantKind q) { return kQuantifiers[static_cast<std::size_t>(q)]; }
const OutcomeWord& word_of(Outcome o) { return kOutcomes[static_cast<std::size_t>(o)]; }

std::optional<Var> find_variable(std::string_view name) {
    for (std::size_t v = 0; v < kVariableCount; ++v)
        if (folds_equal(name, kVariables[v].name)) return static_cast<Var>(v);
    return std::nullopt;
}

std::optional<Func> find_function(std::string_view name) {
    for (std::size_t f = 0; f < kFunctionCount; ++f)
        if (folds_equal(name, kFunctions[f].name)) return static_cast<Func>(f);
    return std::nullopt;
}

std::optional<Outcome> find_outcome(std::string_view words) {
    const std::string k = word_key(words);
    for (std::size_t o = 0; o < std::size(kOutcomes); ++o)
        if (k == fold_word(kOutcomes[o].word)) return static_cast<Outcome>(o);
    for (const auto& a : kOutcomeAliases)
        if (k == fold_word(a.words)) return a.outcome;
    return std::nullopt;
}

std::vector<const char*> outcome_spellings() {
    std::vector<const char*> out;
    for (std::size_t o = 0; o < std::size(kOutcomes); ++o) {
        out.push_back(kOutcomes[o].word);
        for (const auto& a : kOutcomeAliases)
            if (a.outcome == static_cast<Outcome>(o)) out.push_back(a.words);
    }
    return out;
}

const char* var_name(Var v) { return word_of(v).name; }
const char* func_name(Func f) { return word_of(f).name; }
bool var_is_derived(Var v) { return word_of(v).derived; }

const char* outcome_code(Outcome o) { return word_of(o).code; }

const char* label_word(Label l) {
    return l == Label::Bedomd ? "bedömd" : l == Label::Level ? "nivån" : word_of(static_cast<Outcome>(l)).word;
}

}  // namespace malkoll
