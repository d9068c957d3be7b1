#include "engine/load/rule_schema.hpp"

#include <algorithm>
#include <span>
#include <utility>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/core/text.hpp"
#include "engine/load/rule_keys.hpp"
#include "grammar/vocabulary.hpp"

namespace malkoll {

namespace {

using Json = nlohmann::ordered_json;

// Which map a table describes, for the rules between its keys (constraints()).
enum class Map { Root, Area, MunicipalGoal, Goal, Indicator, ScaleLevel, LevelWords, Assignment, KeyFigureTable, KeyFigure, DataFile };

struct TableView {
    Map map;
    std::string_view definition;  // its name under "definitions" ("" for the root)
    std::string_view description;
    std::span<const KeySpec> keys;
};

template <std::size_t N>
TableView view(Map map, std::string_view definition, const KeyTable<N>& t) {
    return {map, definition, t.description, t.keys};
}

// Every table, the root first and then in the order of "definitions".
std::vector<TableView> tables() {
    return {
        view(Map::Root, "", kRuleFileKeys),
        view(Map::Area, "malomrade", kAreaKeys),
        view(Map::MunicipalGoal, "kommunmal", kMunicipalGoalKeys),
        view(Map::Goal, "namndmal", kGoalKeys),
        view(Map::Indicator, "indikator", kIndicatorKeys),
        view(Map::ScaleLevel, "skalniva", kScaleLevelKeys),
        view(Map::LevelWords, "nivaord", kLevelWordKeys),
        view(Map::Assignment, "utvecklingsuppdrag", kAssignmentKeys),
        view(Map::KeyFigureTable, "nyckeltalstabell", kKeyFigureTableKeys),
        view(Map::KeyFigure, "nyckeltal", kKeyFigureKeys),
        view(Map::DataFile, "datafil", kDataFileKeys),
    };
}

TableView table(Map map) {
    for (const TableView& t : tables())
        if (t.map == map) return t;
    throw std::logic_error("rule_schema: no table for a map");
}

Json ref(Map map) { return Json{{"$ref", "#/definitions/" + std::string(table(map).definition)}}; }

// ---- patterns (JSON Schema's ECMA 262 expressions, also read by Python's re) ----

// The characters fold_word folds to the ASCII letter `c` (engine/core/text.cpp).
std::string letter_class(char c) {
    switch (c) {
        case 'a': return "[aAåÅäÄ]";
        case 'o': return "[oOöÖ]";
        case 'e': return "[eEéÉ]";
        default: return fmt::format("[{}{}]", c, static_cast<char>(c - 'a' + 'A'));
    }
}

constexpr const char* kSpace = R"([ \t\n\r])";

// What is compared equal to one of `words`: after fold_word (case, and å, ä →
// a, ö → o, é → e), or with `spaced` after word_key (also any white space
// around and between the words).
std::string words_pattern(const std::vector<std::string>& words, bool spaced) {
    std::vector<std::string> alternatives;
    for (const std::string& w : words) {
        std::string p;
        for (const char c : fold_word(w)) {
            if (c >= 'a' && c <= 'z') p += letter_class(c);
            else if (c == ' ' && spaced) p += std::string(kSpace) + "+";
            else if (std::string_view(R"(\^$.|?*+()[]{}/)").find(c) != std::string_view::npos) p += std::string("\\") + c;
            else p += c;
        }
        if (std::find(alternatives.begin(), alternatives.end(), p) == alternatives.end()) alternatives.push_back(std::move(p));
    }
    std::string all;
    for (const auto& a : alternatives) all += (all.empty() ? "" : "|") + a;
    const std::string space = spaced ? std::string(kSpace) + "*" : "";
    return "^" + space + "(?:" + all + ")" + space + "$";
}

// A closed word set: the words an editor offers (an enum, for completion) or
// any spelling the loader compares equal to one of `accepted`.
Json word_set(const std::vector<std::string>& offered, const std::vector<std::string>& accepted, bool spaced) {
    Json s;
    s["anyOf"] = Json::array({Json{{"enum", offered}}, Json{{"type", "string"}, {"pattern", words_pattern(accepted, spaced)}}});
    return s;
}

std::vector<std::string> outcome_words() {
    std::vector<std::string> out;
    for (const char* w : outcome_spellings()) out.emplace_back(w);
    return out;
}

Json yes_no() {
    std::vector<std::string> offered, accepted;
    for (const auto& w : kYesNoWords) {
        if (w.documented) offered.emplace_back(w.word);
        accepted.emplace_back(w.word);
    }
    Json s = word_set(offered, accepted, false);
    s["anyOf"].insert(s["anyOf"].begin(), Json{{"type", "boolean"}});  // YAML reads true and false as booleans
    return s;
}

// ---- values -------------------------------------------------------------------

constexpr const char* kIdPattern = R"(^(?:[-A-Za-z0-9_]|[^\x00-\x7F])+$)";  // check_id: letters, digits, '-', '_', any non-ASCII
constexpr const char* kYearPattern = "^[1-9][0-9]{3}$";
constexpr const char* kPeriodPattern = "^[0-9]{4}(?:-(?:0[1-9]|1[0-2]))?$";
// `{totalt: 7,7}` is read by YAML as `totalt: 7` and a key `7` without a
// value; `{totalt: 8,0 %}` as a key `0 %` (is_decimal_comma_trap in rule_file.cpp).
constexpr const char* kDecimalsPattern = "^[0-9]{1,3}(?: *(?:%|[A-Za-zåäöÅÄÖ/]+))?$";

Json types(std::initializer_list<const char*> t) { return Json{{"type", Json::array_t(t.begin(), t.end())}}; }
Json scalar() { return types({"string", "number", "boolean", "null"}); }
Json value() { return types({"string", "number", "null"}); }  // a value: "17 %", i.u., 17, nothing
Json list_of(Json items, bool may_be_empty_value) {
    Json s = may_be_empty_value ? types({"array", "null"}) : Json{{"type", "array"}};
    s["items"] = std::move(items);
    return s;
}

Json year() {
    Json s;
    s["anyOf"] = Json::array({Json{{"type", "integer"}, {"minimum", 1000}, {"maximum", 9999}},
                              Json{{"type", "string"}, {"pattern", kYearPattern}}});
    return s;
}

Json value_schema(KeyValue v) {
    switch (v) {
        case KeyValue::Version: {
            Json s;
            s["anyOf"] = Json::array({Json{{"const", 1}}, Json{{"type", "string"}, {"pattern", "^0*1$"}}});
            return s;
        }
        case KeyValue::Text: return scalar();
        case KeyValue::NonEmptyText: {
            Json s = types({"string", "number", "boolean"});
            s["minLength"] = 1;
            return s;
        }
        case KeyValue::Id: {
            Json s = types({"string", "integer"});
            s["pattern"] = kIdPattern;
            return s;
        }
        case KeyValue::Year: return year();
        case KeyValue::Period: return Json{{"type", "string"}, {"pattern", "^[0-9]{4}-(?:0[1-9]|1[0-2])$"}};
        case KeyValue::YesNo: return yes_no();
        case KeyValue::ReportKind: {
            std::vector<std::string> words;
            for (const auto& w : kReportWords) words.emplace_back(w.word);
            return word_set(words, words, false);
        }
        case KeyValue::Direction: {
            std::vector<std::string> shown, accepted;
            for (const auto& w : kDirectionWords) {
                if (w.word == direction_word(w.direction)) shown.emplace_back(w.word);
                accepted.emplace_back(w.word);
            }
            return word_set(shown, accepted, false);
        }
        case KeyValue::Outcome: {
            // With `skala` any level's kod or etikett is one too, so every text is
            // accepted here (only malkoll check knows the levels); the words are offered.
            Json s;
            Json any = types({"string", "number"});
            any["minLength"] = 1;
            s["anyOf"] = Json::array({Json{{"enum", outcome_words()}}, any});
            return s;
        }
        case KeyValue::ScaleBase: return word_set(outcome_words(), outcome_words(), true);
        case KeyValue::AssignmentStatus: {
            std::vector<std::string> labels;
            for (int k = 0; k < static_cast<int>(AssignmentStatus::Count); ++k)
                labels.emplace_back(assignment_status_label(static_cast<AssignmentStatus>(k)));
            return word_set(labels, labels, false);
        }
        case KeyValue::Municipality: return Json{{"type", "string"}, {"pattern", "^[0-9]{4}$"}};
        case KeyValue::ComparisonGroups: {
            Json members;
            members["anyOf"] = Json::array({Json{{"type", "string"}, {"pattern", "^(?:[0-9]{4}|G[0-9]+)$"}},
                                            list_of(Json{{"type", "string"}, {"pattern", "^[0-9]{4}$"}}, false)});
            return Json{{"type", "object"}, {"additionalProperties", members}};
        }
        case KeyValue::DataFiles: {
            Json s;
            const Json one = Json{{"anyOf", Json::array({Json{{"type", "string"}}, ref(Map::DataFile)})}};
            s["anyOf"] = Json::array({types({"string", "null"}), ref(Map::DataFile), list_of(one, false)});
            return s;
        }
        case KeyValue::Committees: {
            Json s{{"type", "object"}, {"minProperties", 1}};
            s["patternProperties"][kIdPattern] = Json{{"type", "string"}, {"minLength", 1}};
            s["additionalProperties"] = false;
            return s;
        }
        case KeyValue::Rule: return types({"string", "null"});
        case KeyValue::NamedRules: return Json{{"type", "object"}, {"additionalProperties", Json{{"type", "string"}}}};
        case KeyValue::Amount: {
            Json s = types({"number", "string"});
            s["minimum"] = 0;
            return s;
        }
        case KeyValue::Target: {
            Json per_year{{"type", "object"}};
            per_year["patternProperties"][kYearPattern] = value();
            per_year["additionalProperties"] = false;
            Json s;
            s["anyOf"] = Json::array({value(), per_year});
            return s;
        }
        case KeyValue::TextList: return list_of(scalar(), true);
        case KeyValue::ValueScale: {
            Json s{{"type", "array"}, {"minItems", 2}, {"uniqueItems", true}};
            s["items"] = Json{{"type", "string"}, {"minLength", 1}};
            return s;
        }
        case KeyValue::JudgedSeries: {
            Json s = yes_no();
            s["anyOf"].push_back(list_of(scalar(), false));
            return s;
        }
        case KeyValue::Values: {
            Json series{{"type", "object"}};
            series["patternProperties"][kDecimalsPattern] = types({"string", "number"});
            series["additionalProperties"] = value();
            Json at;
            at["anyOf"] = Json::array({value(), series});
            Json s{{"type", "object"}};
            s["patternProperties"][kPeriodPattern] = at;
            s["additionalProperties"] = false;
            return s;
        }
        case KeyValue::LevelWords: return ref(Map::LevelWords);
        case KeyValue::Scale: {
            Json s{{"type", "array"}, {"minItems", 1}};
            s["items"] = ref(Map::ScaleLevel);
            // Every result is `som` of some level: the built-in rules can give each (read_scale).
            std::vector<std::pair<Outcome, std::vector<std::string>>> results;  // each result with its spellings
            for (const std::string& w : outcome_words()) {
                const Outcome o = *find_outcome(w);
                auto it = std::find_if(results.begin(), results.end(), [&](const auto& r) { return r.first == o; });
                if (it == results.end()) results.push_back({o, {w}});
                else it->second.push_back(w);
            }
            Json all = Json::array();
            for (const auto& [o, words] : results) {
                Json level{{"type", "object"}, {"required", Json::array({"som"})}};
                level["properties"]["som"] = Json{{"type", "string"}, {"pattern", words_pattern(words, true)}};
                all.push_back(Json{{"contains", level}});
            }
            s["allOf"] = all;
            return s;
        }
        case KeyValue::Areas: return list_of(ref(Map::Area), false);
        case KeyValue::MunicipalGoals: return list_of(ref(Map::MunicipalGoal), false);
        case KeyValue::AreaGoals: return list_of(ref(Map::Goal), false);
        case KeyValue::Goals: return list_of(ref(Map::Goal), true);
        case KeyValue::Indicators: return list_of(ref(Map::Indicator), true);
        case KeyValue::Assignments: return list_of(ref(Map::Assignment), false);
        case KeyValue::KeyFigureTables: return list_of(ref(Map::KeyFigureTable), false);
        case KeyValue::KeyFigureRows: {
            Json s = list_of(ref(Map::KeyFigure), false);
            s["minItems"] = 1;
            return s;
        }
    }
    throw std::logic_error("rule_schema: a KeyValue without a schema");
}

// ---- maps -----------------------------------------------------------------------

// How a key of `t` may be written: its Swedish name and, when it differs, its
// ASCII alias. A name the table does not have is a fault in this file, which
// the schema's tests find (they generate the schema).
std::vector<std::string> spellings(const TableView& t, std::string_view name) {
    for (const KeySpec& k : t.keys)
        if (k.name == name) {
            std::vector<std::string> out{std::string(k.name)};
            if (const std::string alias = fold_word(k.name); alias != k.name) out.push_back(alias);
            return out;
        }
    throw std::logic_error(fmt::format("rule_schema: no key '{}' in {}", name, t.definition));
}

// The key is there, in either spelling.
Json present(const std::vector<std::string>& names) {
    if (names.size() == 1) return Json{{"required", names}};
    Json any = Json::array();
    for (const auto& n : names) any.push_back(Json{{"required", Json::array({n})}});
    return Json{{"anyOf", any}};
}

// `schema` for the key in each of its spellings.
Json each(const std::vector<std::string>& names, const Json& schema) {
    Json props = Json::object();
    for (const auto& n : names) props[n] = schema;
    return props;
}

// What the loader requires between a map's keys, beyond each key by itself
// (rule_file.cpp: top, rollup_rules, read_areas, read_manual, read_indicator).
void constraints(const TableView& t, Json& all) {
    switch (t.map) {
        case Map::Root: {
            // Exactly one of nämnd: (a nämnd's file) and namn: (the municipality's own).
            all.push_back(Json{{"oneOf", Json::array({present(spellings(t, "nämnd")), present(spellings(t, "namn"))})}});
            // A delår needs its period.
            std::vector<std::string> delar;
            for (const auto& w : kReportWords)
                if (w.kind == ReportKind::Delar) delar.emplace_back(w.word);
            Json is_delar = present(spellings(t, "rapport"));
            for (const auto& n : spellings(t, "rapport")) is_delar["properties"][n] = Json{{"type", "string"}, {"pattern", words_pattern(delar, false)}};
            all.push_back(Json{{"if", is_delar}, {"then", present(spellings(t, "period"))}});
            // A roll-up is the municipality's own file, without values, standard rules
            // or nämndmål of its own, and each of its kommunmål is judged (has an id).
            Json then = Json::object();
            for (const auto& n : spellings(t, "nämnd")) then[n] = false;
            for (const char* key : {"utfall", "nyckeltal"})
                for (const auto& n : spellings(t, key)) then[n] = Json{{"type", Json::array({"array", "null"})}, {"maxItems", 0}};
            for (const char* key : {"standardregel", "standardbedömning"})
                for (const auto& n : spellings(t, key)) then[n] = Json{{"type", "null"}};
            const Json no_goals{{"type", Json::array({"array", "null"})}, {"maxItems", 0}};
            Json municipal{{"required", Json::array({"id"})}};
            municipal["properties"] = each(spellings(table(Map::MunicipalGoal), "nämndmål"), no_goals);
            Json area{{"properties", each(spellings(table(Map::Area), "nämndmål"), no_goals)}};
            for (const auto& n : spellings(table(Map::Area), "kommunmål")) area["properties"][n] = Json{{"items", municipal}};
            for (const auto& n : spellings(t, "målområden")) then[n] = Json{{"items", area}};
            all.push_back(Json{{"if", present(spellings(t, "nämnder"))}, {"then", Json{{"properties", then}}}});
            break;
        }
        case Map::Area: {
            // kommunmål: or, in a plan with two levels, nämndmål: – one of them.
            all.push_back(Json{{"oneOf", Json::array({present(spellings(t, "kommunmål")), present(spellings(t, "nämndmål"))})}});
            // A judged målområde is judged from its kommunmål, so each has an id.
            const Json with_id{{"items", Json{{"required", Json::array({"id"})}}}};
            all.push_back(Json{{"if", present(spellings(t, "id"))}, {"then", Json{{"properties", each(spellings(t, "kommunmål"), with_id)}}}});
            break;
        }
        case Map::Indicator: {
            // riktning: is required, except of a status indicator.
            Json any = Json::array({present(spellings(t, "riktning"))});
            for (const auto& n : spellings(t, "värdeskala")) any.push_back(Json{{"required", Json::array({n})}});
            all.push_back(Json{{"anyOf", any}});
            // A status indicator's values are words: no unit, no tolerance.
            Json none = Json::object();
            for (const char* key : {"enhet", "tolerans"})
                for (const auto& n : spellings(t, key)) none[n] = false;
            all.push_back(Json{{"if", present(spellings(t, "värdeskala"))}, {"then", Json{{"properties", none}}}});
            break;
        }
        default: break;
    }
    // A manual judgement needs its reason.
    bool manual = false;
    for (const KeySpec& k : t.keys) manual = manual || k.name == "manuell";
    if (manual) {
        Json dep = Json::object();
        for (const auto& n : spellings(t, "manuell")) dep[n] = spellings(t, "motivering");
        all.push_back(Json{{"dependencies", dep}});
    }
}

Json property(const std::string& description, const Json& schema) {
    Json p{{"description", description}};
    for (auto it = schema.begin(); it != schema.end(); ++it) p[it.key()] = it.value();
    return p;
}

Json object_schema(const TableView& t) {
    Json o{{"type", "object"}, {"description", t.description}};
    Json props = Json::object();
    Json required = Json::array();
    Json all = Json::array();
    for (const KeySpec& k : t.keys) {
        const std::vector<std::string> names = spellings(t, k.name);
        const Json schema = value_schema(k.value);
        props[names[0]] = property(std::string(k.description), schema);
        if (names.size() > 1) {
            props[names[1]] = property(fmt::format("Samma nyckel som {}, skriven utan å, ä och ö. {}", names[0], k.description), schema);
            // The loader reads either spelling, not both.
            all.push_back(Json{{"not", Json{{"required", names}}}});
        }
        if (k.required) {
            if (names.size() == 1) required.push_back(names[0]);
            else all.push_back(present(names));
        }
    }
    o["properties"] = props;
    o["additionalProperties"] = false;  // the loader reports every other key
    if (!required.empty()) o["required"] = required;
    constraints(t, all);
    if (!all.empty()) o["allOf"] = all;
    return o;
}

}  // namespace

std::string rule_file_schema() {
    Json s{{"$schema", "http://json-schema.org/draft-07/schema#"},
           {"$comment", "Skrivs av malkoll schema ur de tabeller som regelfilen läses med (docs/regelfil.md, Stöd i editorn)."},
           {"title", "Målkoll: regelfil"}};
    const std::vector<TableView> all = tables();
    const Json root = object_schema(all[0]);
    for (auto it = root.begin(); it != root.end(); ++it) s[it.key()] = it.value();
    Json definitions = Json::object();
    for (std::size_t i = 1; i < all.size(); ++i) definitions[std::string(all[i].definition)] = object_schema(all[i]);
    s["definitions"] = definitions;
    return s.dump(2) + "\n";
}

}  // namespace malkoll
