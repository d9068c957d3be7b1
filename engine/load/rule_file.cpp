#include "engine/load/rule_file.hpp"
#include "engine/load/rule_keys.hpp"
#include "engine/load/scale.hpp"
#include "grammar/vocabulary.hpp"
#include "engine/load/value_scale.hpp"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <array>
#include <cassert>
#include <charconv>
#include <map>
#include <unordered_map>
#include <filesystem>
#include <memory>
#include <type_traits>

#include <fmt/format.h>

#include "engine/core/sha256.hpp"
#include "engine/core/source.hpp"
#include "engine/core/text.hpp"
#include "engine/load/data_file.hpp"
#include "grammar/value_literal.hpp"

namespace malkoll {

// The words are string literals in the tables (rule_keys.hpp), so data() ends in '\0'.
const char* report_kind_word(ReportKind k) {
    for (const auto& w : kReportWords)
        if (w.kind == k) return w.word.data();
    return kReportWords[0].word.data();
}

const char* direction_word(Direction d) {
    for (const auto& w : kDirectionWords)  // a direction's first word is how it is shown
        if (w.direction == d) return w.word.data();
    return kDirectionWords[0].word.data();
}

const char* assignment_status_label(AssignmentStatus s) {
    static const char* const labels[] = {"Genomfört", "Pågår", "Ej påbörjad", "Pausad", "Avbrutet"};
    return s < AssignmentStatus::Count ? labels[static_cast<int>(s)] : "";
}

namespace {

// A reference to the lambda that reads one key's value. The lambdas are
// temporaries in read_map's argument list and outlive the call, so nothing
// is copied or allocated per map (std::function did, for every indicator).
class NodeReader {
public:
    template <class F>
        requires(!std::is_same_v<std::decay_t<F>, NodeReader>)
    NodeReader(F&& f)  // NOLINT: implicit, so key tables read as {"namn", [&](…) {…}}
        : obj_(const_cast<void*>(static_cast<const void*>(std::addressof(f)))),
          call_([](void* o, const YNode& n) { (*static_cast<std::remove_reference_t<F>*>(o))(n); }) {}
    void operator()(const YNode& n) const { call_(obj_, n); }

private:
    void* obj_;
    void (*call_)(void*, const YNode&);
};

// A key of `Table` (rule_keys.hpp), named as the table spells it; a name the
// table does not have does not compile.
template <const auto& Table>
struct KeyIndex {
    std::size_t index;
    consteval KeyIndex(const char* name) : index(key_index(Table, name)) {}  // NOLINT: implicit, so readers read {"namn", …}
};

// The reader of one key of `Table`. read_map takes exactly one per key.
template <const auto& Table>
struct On {
    KeyIndex<Table> key;
    NodeReader read;
};

class Loader {
public:
    Loader(const SourceFile& f, std::uint32_t file_index, Diagnostics& d, RuleFile& out)
        : f_(f), file_(file_index), diags_(d), out_(out) {}

    void top(const YNode& root) {
        if (root.is_null()) {  // nothing but blank lines and comments
            error(root, "schema.root", "regelfilen är tom; den börjar med 'malkoll: 1', 'nämnd:' och 'år:' (se docs/regelfil.md)");
            return;
        }
        if (!root.is_map()) {
            error(root, "schema.root", "regelfilen ska vara en YAML-mappning med nycklar som 'malkoll:', 'nämnd:' och 'år:'");
            return;
        }
        // `år` and `rapport` first: values and targets depend on them.
        const YNode* rapport = find<kRuleFileKeys>(root, "rapport");
        if (rapport) read_report(*rapport);
        const YNode* period = find<kRuleFileKeys>(root, "period");
        // `skala` before the goals: `manuell:` may name its levels.
        for (std::size_t i = 0; i < root.map_size(); ++i)
            if (root.key(i).is_scalar() && folds_equal(key_name<kRuleFileKeys>("skala"), root.key(i).text)) {
                read_scale(root.value(i), pos(root.key(i)));
                break;
            }
        const YNode* committee = nullptr;
        const YNode* name = nullptr;
        Position data_key, standard_key, standard_goal_key, key_figures_key;
        read_map<kRuleFileKeys>(root, {
            {"malkoll", [&](const YNode& v) {
                 int ver = 0;
                 if (read_int(v, ver) && ver != 1)
                     error(v, "schema.version", fmt::format("formatversion {} stöds inte; den här versionen av malkoll läser 'malkoll: 1'", ver));
             }},
            {"nämnd", [&](const YNode& v) { out_.committee = text(v); committee = &v; out_.committee_pos = pos(v); }},
            {"namn", [&](const YNode& v) { out_.committee = text(v); out_.municipality_file = true; name = &v; out_.committee_pos = pos(v); }},
            {"rubrik", [&](const YNode& v) { out_.title = text(v); }},
            {"nivåer", [&](const YNode& v) { read_level_words(v); }},
            {"skala", [&](const YNode&) {}},  // read first: `manuell:` names its levels
            {"år", [&](const YNode& v) { read_year(v, out_.year); out_.year_pos = pos(v); }},
            {"rapport", [&](const YNode& v) { out_.kind_pos = pos(v); }},
            {"period", [&](const YNode& v) { out_.period_pos = pos(v); }},
            {"beslut", [&](const YNode& v) { out_.decision = text(v); }},
            {"kommun", [&](const YNode& v) { read_municipality(v); }},
            {"jämförelsegrupper", [&](const YNode& v) { read_groups(v); }},
            {"utfall", [&](const YNode& v) { read_data_files(v); data_key = key_position(v); }},
            {"nämnder", [&](const YNode& v) { read_committees(v); }},
            {"standardregel", [&](const YNode& v) { out_.standard_rule = source_text(v); standard_key = key_position(v); }},
            {"standardbedömning", [&](const YNode& v) { out_.standard_goal_rule = source_text(v); standard_goal_key = key_position(v); }},
            {"regler", [&](const YNode& v) { read_named_rules(v); }},
            {"målområden", [&](const YNode& v) { read_areas(v); }},
            {"utvecklingsuppdrag", [&](const YNode& v) { read_assignments(v); }},
            {"nyckeltal", [&](const YNode& v) { key_figures_key = key_position(v); read_key_figures(v); }},  // the key before its read_map
        });
        // A nyckeltal row's values are owned after every indicator's, so they
        // are read when all indicators are (`nyckeltal:` may come first).
        for (std::uint32_t r = 0; r < key_figure_values_.size(); ++r)
            if (key_figure_values_[r]) read_values(*key_figure_values_[r], out_.key_figure_owner(r));
        // Exactly one of `nämnd:` (a nämnd's file) and `namn:` (the municipality's own goals).
        if (committee && name)
            error(*name, "schema.name",
                  "skriv antingen 'nämnd:' (en nämnds regelfil) eller 'namn:' (kommunens egen, t.ex. namn: Vårgårda kommun), inte båda");
        else if (!committee && !name)
            error(root, "schema.missing-key", "regelfilen saknar den obligatoriska nyckeln 'nämnd:' (eller 'namn:' i kommunens egen regelfil)");
        if (out_.rollup()) rollup_rules(committee, data_key, standard_key, standard_goal_key, key_figures_key);
        out_.period = Period{out_.year, 0};
        if (out_.kind == ReportKind::Delar) {
            if (!period) {
                error(rapport ? *rapport : root, "schema.period", "en delårsrapport ('rapport: delår') kräver 'period:', t.ex. 'period: 2024-08'");
            } else {
                auto p = parse_period(text(*period));
                if (!p || p->month == 0) {
                    error(*period, "schema.period", fmt::format("'{}' är ingen delårsperiod; skriv år och månad, t.ex. {}-08", text(*period), out_.year));
                } else if (p->year != out_.year) {
                    error(*period, "schema.period", fmt::format("perioden {} ligger inte i året {}; skriv t.ex. {}-08", text(*period), out_.year, out_.year));
                } else {
                    out_.period = *p;
                }
            }
        } else if (period) {
            warning(*period, "schema.period", "'period:' gäller bara delårsrapporter ('rapport: delår') och används inte här");
        }
    }

private:
    // ---- generic helpers ------------------------------------------------
    Position pos(const YNode& n) const { return node_position(f_, n); }
    void error(const YNode& n, const char* code, std::string msg) { diags_.error(code, pos(n), std::move(msg)); }
    void warning(const YNode& n, const char* code, std::string msg) { diags_.warning(code, pos(n), std::move(msg)); }
    void error_at(const Position& p, const char* code, std::string msg) { diags_.error(code, p, std::move(msg)); }
    void warning_at(const Position& p, const char* code, std::string msg) { diags_.warning(code, p, std::move(msg)); }
    // Inside a read_map callback: where the key of the value being read is written.
    Position key_position(const YNode& value) const { return current_key_ ? pos(*current_key_) : pos(value); }

    template <const auto& Table>
    static std::string_view key_name(KeyIndex<Table> key) { return Table.keys[key.index].name; }

    // The value of a key of `Table`, in any of its spellings (before read_map reads the map).
    template <const auto& Table>
    const YNode* find(const YNode& map, KeyIndex<Table> key) const {
        if (!map.is_map()) return nullptr;
        const std::string_view name = Table.keys[key.index].name;
        for (std::size_t i = 0; i < map.map_size(); ++i)
            if (map.key(i).is_scalar() && folds_equal(name, map.key(i).text)) return &map.value(i);
        return nullptr;
    }

    // Reads a map whose keys are `Table`'s: each key's value goes to its
    // reader; an unknown key, the same key in two spellings and a missing
    // required key are errors.
    template <const auto& Table>
    void read_map(const YNode& map, const On<Table> (&readers)[Table.keys.size()]) {
        constexpr std::size_t count = Table.keys.size();
        const auto& keys = Table.keys;
        const std::string_view where = Table.where;
        std::array<const NodeReader*, count> reader{};
        for (const auto& r : readers) {
            assert(!reader[r.key.index] && "one reader per key");
            reader[r.key.index] = &r.read;
        }
        // The spelling each key was met in (nullptr: not yet).
        std::array<const std::string_view*, count> seen{};

        for (std::size_t i = 0; i < map.map_size(); ++i) {
            const YNode& k = map.key(i);
            if (!k.is_scalar()) {
                error(k, "schema.key", "en nyckel måste vara ett ord, t.ex. 'namn:'");
                continue;
            }
            bool found = false;
            // Keys are nearly always written as listed: bytes first, folding only when none matches.
            std::size_t exact = count;
            for (std::size_t j = 0; j < count && exact == count; ++j)
                if (keys[j].name == k.text) exact = j;
            for (std::size_t j = exact == count ? 0 : exact; j < count; ++j) {
                if (j == exact || folds_equal(keys[j].name, k.text)) {
                    // The same key written twice is caught by the YAML reader; here
                    // the same key in two spellings (`år` and `ar`).
                    if (seen[j] && *seen[j] != k.text)
                        error(k, "schema.duplicate-key",
                              fmt::format("'{}' och '{}' är samma nyckel i {}; skriv den en gång", *seen[j], k.text, where));
                    seen[j] = &k.text;
                    found = true;
                    current_key_ = &k;
                    (*reader[j])(map.value(i));
                    current_key_ = nullptr;
                    break;
                }
            }
            if (!found) {
                std::vector<std::string> names;  // only needed for the message
                for (const auto& key : keys) names.emplace_back(key.name);
                std::string msg = fmt::format("okänd nyckel '{}' i {}", k.text, where);
                if (auto s = suggest(k.text, names)) msg += fmt::format("; menade du '{}'?", *s);
                else msg += fmt::format("; tillåtna nycklar är {}", join(names));
                error(k, "schema.unknown-key", msg);
            }
        }
        for (std::size_t j = 0; j < count; ++j)
            if (keys[j].required && !seen[j])
                error(map, "schema.missing-key", fmt::format("{} saknar den obligatoriska nyckeln '{}:'", where, keys[j].name));
    }

    static std::string join(const std::vector<std::string>& v) {
        std::string s;
        for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + v[i];
        return s;
    }

    std::string text(const YNode& n) {
        if (n.is_scalar()) return std::string(n.text);
        if (n.is_null()) return "";
        error(n, "schema.type", "här väntades en text, inte en lista eller mappning");
        return "";
    }

    SourceText source_text(const YNode& n) {
        SourceText t;
        if (!n.is_scalar()) {
            if (!n.is_null()) error(n, "schema.type", "här väntades en text (en regel eller ett uttryck), inte en lista eller mappning");
            return t;
        }
        t.text = n.text;
        t.file = file_;
        t.node = n.ref();
        t.present = true;
        return t;
    }

    bool read_int(const YNode& n, int& out) {
        std::string s = text(n);
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        if (ec != std::errc() || p != s.data() + s.size() || s.empty()) {
            error(n, "schema.integer", fmt::format("'{}' är inget heltal", s));
            return false;
        }
        return true;
    }

    // A year as periods are written: four digits, so that every period key
    // and year difference stays far inside int.
    bool read_year(const YNode& n, int& out) {
        int y = 0;
        if (!read_int(n, y)) return false;
        if (y < 1000 || y > 9999) {
            error(n, "schema.year", fmt::format("'{}' är inget år; skriv året med fyra siffror, t.ex. 2024", text(n)));
            return false;
        }
        out = y;
        return true;
    }

    bool read_bool(const YNode& n, bool& out) {
        const std::string s = text(n);
        for (const auto& w : kYesNoWords)
            if (folds_equal(w.word, s)) {
                out = w.value;
                return true;
            }
        error(n, "schema.bool", fmt::format("'{}': skriv ja eller nej", n.text));
        return false;
    }

    std::vector<std::string> string_list(const YNode& n) {
        std::vector<std::string> out;
        if (n.is_null()) return out;
        if (!n.is_seq()) {
            error(n, "schema.type", "här väntades en lista, t.ex. [kvinnor, män] eller rader som börjar med '- '");
            return out;
        }
        for (const auto& item : n.items()) out.push_back(text(item));
        return out;
    }

    std::optional<Decimal> read_number(const YNode& n, std::string_view unit) {
        std::string s = text(n);
        ValueParse vp = parse_value_literal(s, unit);
        if (vp.error) {
            diags_.error("value.syntax", scalar_position(f_, n, vp.error->offset), vp.error->message);
            return std::nullopt;
        }
        if (!vp.value || vp.value->kind != ValueKind::Number) {
            error(n, "schema.number", fmt::format("'{}' är inget tal", s));
            return std::nullopt;
        }
        number_unit_ = vp.value->unit;
        return vp.value->lo;
    }

    // `manuell:`: a plain outcome word, or with `skala` a level's kod or etikett.
    std::optional<std::pair<Outcome, std::uint8_t>> read_outcome(const YNode& n) {
        const std::string written = text(n);
        if (!out_.scale.empty()) {
            if (const auto l = find_level(out_.scale, written)) return std::pair{out_.scale[*l].base, *l};
        }
        if (const auto o = find_outcome(written)) return std::pair{*o, out_.standard_level[static_cast<int>(*o)]};
        std::string msg = out_.scale.empty()
                              ? fmt::format("'{}' är inget resultat; skriv uppfyllt, delvis, ej uppfyllt eller ej bedömd", n.text)
                              : fmt::format("'{}' är ingen nivå i 'skala:'; skriv en nivås kod eller etikett ({})", n.text, level_names(out_.scale));
        std::vector<std::string> names = {"uppfyllt", "delvis", "ej uppfyllt", "ej bedömd"};
        for (const auto& l : out_.scale) names.push_back(l.code), names.push_back(l.label);
        if (auto sug = suggest(written, names)) msg += fmt::format("; menade du '{}'?", *sug);
        error(n, "schema.manual", msg);
        return std::nullopt;
    }

    // `skala:` (docs/regelfil.md, Egen bedömningsskala): levels best first,
    // in the order of their `som`; each base result a `som` of at least one
    // level and with exactly one standard level.
    // `key`: where `skala:` is written, for problems of the whole list.
    void read_scale(const YNode& v, const Position& key) {
        out_.scale_pos = key;
        if (!v.is_seq() || v.items().empty()) {
            error(v, "schema.scale", "'skala:' är en lista med nivåer, bäst först, t.ex. - {kod: helt, etikett: Helt uppfyllt, som: uppfyllt}");
            return;
        }
        std::vector<ScaleLevel> levels;
        std::vector<const YNode*> standard_nodes;
        for (const auto& item : v.items()) {
            ScaleLevel l;
            l.pos = pos(item);
            const YNode* som = nullptr;
            const YNode* code = nullptr;
            const YNode* label = nullptr;
            const YNode* standard = nullptr;
            read_map<kScaleLevelKeys>(item,
                     {{"kod", [&](const YNode& x) { l.code = nfc(text(x)); code = &x; l.code_pos = pos(x); }},
                      {"etikett", [&](const YNode& x) { l.label = nfc(text(x)); label = &x; l.label_pos = pos(x); }},
                      {"som", [&](const YNode& x) { som = &x; }},
                      {"symbol", [&](const YNode& x) { l.symbol = text(x); }},
                      {"delår", [&](const YNode& x) { l.delar_label = text(x); }},
                      {"tabell", [&](const YNode& x) { l.table_label = text(x); }},
                      {"standard", [&](const YNode& x) { bool b = false; if (read_bool(x, b) && b) { l.standard = true; standard = &x; } }}});
            if (!som || !code || !label) continue;
            const auto base = find_outcome(text(*som));
            if (!base) {
                std::string msg = fmt::format("'som: {}': en nivå räknas som uppfyllt, delvis, ej uppfyllt eller ej bedömd", som->text);
                if (auto sug = suggest(text(*som), {"uppfyllt", "delvis", "ej uppfyllt", "ej bedömd"})) msg += fmt::format("; menade du '{}'?", *sug);
                error(*som, "schema.scale", msg);
                continue;
            }
            l.base = *base;
            for (const YNode* x : {code, label})
                if (fold_word(text(*x)) == "bedomd")
                    error(*x, "schema.scale", "'bedömd' kan inte vara en nivås kod eller etikett: i regler betyder det alla bedömda resultat");
            for (const auto& other : levels)
                for (const std::string* mine : {&l.code, &l.label})
                    if (word_key(*mine) == word_key(other.code) || word_key(*mine) == word_key(other.label))
                        error(mine == &l.code ? *code : *label, "schema.scale", fmt::format("'{}' namnger redan en annan nivå i 'skala:'", *mine));
            if (!levels.empty() && static_cast<int>(l.base) < static_cast<int>(levels.back().base))
                error(*som, "schema.scale",
                      fmt::format("nivåerna står i ordningen uppfyllt, delvis, ej uppfyllt, ej bedömd; en nivå som räknas som {} kan inte stå efter en som räknas som {}",
                                  outcome_word(l.base), outcome_word(levels.back().base)));
            if (l.delar_label.empty()) l.delar_label = l.label;
            if (l.table_label.empty()) l.table_label = l.label;
            levels.push_back(std::move(l));
            standard_nodes.push_back(standard);
        }
        if (levels.size() > 200) {
            error(v, "schema.scale", "'skala:' har fler än 200 nivåer");
            return;
        }
        // One standard level per base result.
        for (int b = 0; b < 4; ++b) {
            std::vector<std::size_t> with;
            for (std::size_t k = 0; k < levels.size(); ++k)
                if (static_cast<int>(levels[k].base) == b) with.push_back(k);
            const Outcome o = static_cast<Outcome>(b);
            if (with.empty()) {
                error_at(key, "schema.scale", fmt::format("'skala:' saknar en nivå som räknas som {} ('som: {}'); de inbyggda reglerna kan ge det resultatet",
                                                     outcome_word(o), outcome_word(o)));
                continue;
            }
            std::vector<std::size_t> marked;
            for (std::size_t k : with)
                if (levels[k].standard) marked.push_back(k);
            if (with.size() == 1) {
                levels[with[0]].standard = true;
            } else if (marked.size() != 1) {
                error_at(marked.size() > 1 ? pos(*standard_nodes[marked[1]]) : key, "schema.scale", fmt::format("flera nivåer räknas som {}; märk exakt en av dem med 'standard: ja' – den nivå som ordet {} och de inbyggda reglerna ger",
                                                      outcome_word(o), outcome_word(o)));
            }
            for (std::size_t k : with)
                if (levels[k].standard) out_.standard_level[b] = static_cast<std::uint8_t>(k);
        }
        // A plain outcome word names only its standard level.
        for (std::size_t k = 0; k < levels.size(); ++k)
            for (const std::string* name : {&levels[k].code, &levels[k].label})
                if (const auto o = find_outcome(*name); o && out_.standard_level[static_cast<int>(*o)] != k)
                    error_at(name == &levels[k].code ? levels[k].code_pos : levels[k].label_pos, "schema.scale",
                             fmt::format("'{}' är ordet för resultatet {} och kan bara namnge den nivå som är standard för det", *name, outcome_word(*o)));
        out_.scale = std::move(levels);
    }


    // ---- top level --------------------------------------------------------
    void read_report(const YNode& v) {
        const std::string s = text(v);
        for (const auto& w : kReportWords)
            if (folds_equal(w.word, s)) {
                out_.kind = w.kind;
                return;
            }
        error(v, "schema.report", fmt::format("okänd rapporttyp '{}'; skriv helår, delår eller budget", v.text));
    }

    void read_groups(const YNode& v) {
        if (!v.is_map()) {
            error(v, "schema.type", "'jämförelsegrupper:' ska vara en mappning, t.ex. R9: [\"0180\", \"1480\"]");
            return;
        }
        for (std::size_t i = 0; i < v.map_size(); ++i) {
            const YNode& members = v.value(i);
            ComparisonGroup g;
            g.name = text(v.key(i));
            g.pos = pos(v.key(i));
            auto member = [&](const YNode& m) {
                g.members.push_back(text(m));
                g.member_pos.push_back(pos(m));
                const std::string& id = g.members.back();
                // A Kolada group id (G and digits) stands alone; members are municipalities' four-digit ids.
                const bool group_id = id.size() > 1 && id[0] == 'G' && std::all_of(id.begin() + 1, id.end(), [](char c) { return c >= '0' && c <= '9'; });
                if (group_id && !members.is_scalar())
                    error(m, "schema.group", fmt::format("'{}' är ett Kolada-gruppid; skriv det ensamt, {}: {}", id, g.name, id));
                else if (!group_id && !municipality_id(id))
                    error(m, "schema.municipality", fmt::format("'{}' är inget kommun-id; en kommun anges med sin fyrsiffriga kod inom citattecken, "
                                                                "t.ex. \"0580\", och en Kolada-grupp med sitt id, t.ex. G12345", id));
            };
            if (members.is_scalar()) member(members);
            else if (members.is_seq())
                for (const auto& m : members.items()) member(m);
            else string_list(members);  // reports the type error
            out_.comparison_groups.push_back(std::move(g));
        }
    }

    static bool municipality_id(std::string_view id) {
        return id.size() == 4 && std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
    }

    void read_municipality(const YNode& v) {
        out_.municipality = text(v);
        out_.municipality_pos = pos(v);
        if (!municipality_id(out_.municipality))
            error(v, "schema.municipality",
                  fmt::format("'{}' är inget kommun-id; skriv kommunens fyrsiffriga kod inom citattecken, t.ex. kommun: \"0580\"", out_.municipality));
    }

    // `utfall:` a data file or a list of them; a workbook's sheet as
    // "data.xlsx:Blad" or {fil: data.xlsx, blad: Blad} (docs/excel.md).
    void read_data_files(const YNode& v) {
        namespace fs = std::filesystem;
        fs::path base = fs::path(out_.path).parent_path();
        std::vector<const YNode*> nodes;
        if (v.is_scalar() || v.is_map()) nodes.push_back(&v);
        else if (v.is_seq()) for (const auto& item : v.items()) nodes.push_back(&item);
        else string_list(v);  // reports the type error
        for (const YNode* n : nodes) {
            std::string written, sheet;
            const YNode* at = n;
            if (n->is_map()) {
                const YNode* sheet_node = nullptr;
                read_map<kDataFileKeys>(*n, {{"fil", [&](const YNode& f) { written = text(f); at = &f; }},
                                             {"blad", [&](const YNode& b) { sheet = text(b); sheet_node = &b; }}});
                if (written.empty()) continue;
                if (sheet_node && !is_workbook_name(written)) {
                    error(*sheet_node, "schema.sheet", fmt::format("'blad:' gäller en Excel-arbetsbok (.xlsx), inte {}", written));
                    continue;
                }
            } else if (n->is_scalar()) {
                // "data.xlsx:Blad": split as on the command line, the file found from this file's folder.
                written = text(*n);
                DataFileRef ref = parse_data_file_ref((base / written).lexically_normal().generic_string());
                const std::string suffix = ":" + ref.sheet;
                if (!ref.sheet.empty() && written.size() > suffix.size() && written.compare(written.size() - suffix.size(), suffix.size(), suffix) == 0) {
                    written.resize(written.size() - suffix.size());
                    sheet = std::move(ref.sheet);
                }
            } else {
                error(*n, "schema.type", "en datafil under 'utfall:' skrivs som en sökväg, t.ex. data/son-2024.csv, eller {fil: data.xlsx, blad: Utfall}");
                continue;
            }
            std::string p = (base / written).lexically_normal().generic_string();
            bool dup = false;
            for (std::size_t k = 0; k < out_.data_files.size(); ++k) dup = dup || (out_.data_files[k] == p && out_.data_sheets[k] == sheet);
            if (!dup) {
                out_.data_files.push_back(p);
                out_.data_sheets.push_back(sheet);
                out_.data_file_pos.push_back(pos(*at));
            }
        }
    }

    // `nämnder:` a map from each nämnd's short id to its rule file, relative to this file.
    void read_committees(const YNode& v) {
        out_.rollup_pos = key_position(v);
        if (!v.is_map() || v.map_size() == 0) {
            error(v, "schema.type", "'nämnder:' ska vara en mappning från nämndens korta id till dess regelfil, t.ex. son: son/2024.yaml");
            return;
        }
        namespace fs = std::filesystem;
        const fs::path base = fs::path(out_.path).parent_path();
        for (std::size_t i = 0; i < v.map_size(); ++i) {
            const YNode& key = v.key(i);
            const YNode& file = v.value(i);
            CommitteeRef c;
            c.id = nfc(text(key));
            c.id_pos = pos(key);
            check_id(key, c.id);
            if (!file.is_scalar() || text(file).empty()) {
                error(file, "schema.type", fmt::format("nämnden '{}' ska ha sin regelfil, t.ex. {}: {}/2024.yaml", c.id, c.id, c.id));
                continue;
            }
            c.written = text(file);
            c.path = (base / c.written).lexically_normal().generic_string();
            c.pos = pos(file);
            out_.committees.push_back(std::move(c));
        }
    }

    // A roll-up judges the municipality's goals from its nämnders': it names
    // itself (namn:), and has no nämndmål, indicators, values or standard rules
    // of its own.
    void rollup_rules(const YNode* committee, const Position& data_key, const Position& standard_key, const Position& standard_goal_key,
                      const Position& key_figures_key) {
        if (committee)
            error(*committee, "rollup.committee",
                  fmt::format("en fil med 'nämnder:' är kommunens egen; skriv 'namn: {}' i stället för 'nämnd: {}'", text(*committee), text(*committee)));
        if (!out_.data_files.empty())
            error_at(data_key, "rollup.values", "en fil med 'nämnder:' har inga egna värden; 'utfall:' hör hemma i nämndernas filer");
        if (!out_.key_figure_tables.empty())
            error_at(key_figures_key, "rollup.values", "en fil med 'nämnder:' har inga egna värden; 'nyckeltal:' hör hemma i nämndernas filer");
        if (out_.standard_rule.present)
            error_at(standard_key, "rollup.standard", "en fil med 'nämnder:' har inga indikatorer, så 'standardregel:' används inte; ta bort den");
        if (out_.standard_goal_rule.present)
            error_at(standard_goal_key, "rollup.standard", "en fil med 'nämnder:' har inga nämndmål, så 'standardbedömning:' används inte; ta bort den");
        for (const GoalDef& g : out_.goals)
            error_at(g.pos, "rollup.goal", fmt::format("nämndmålet '{}' hör hemma i en nämnds fil; en fil med 'nämnder:' har bara målområden och kommunmål", g.id));
        for (const LevelDef& m : out_.municipal_goals)
            if (!m.judged() && !out_.areas[m.area].judged())  // under a judged målområde it is said already
                error_at(m.name_pos, "schema.level-id", "kommunmålet behöver ett 'id:': i en fil med 'nämnder:' bedöms varje kommunmål av nämndernas nämndmål");
    }

    void read_named_rules(const YNode& v) {
        if (!v.is_map()) {
            error(v, "schema.type", "'regler:' ska vara en mappning från namn till regel");
            return;
        }
        for (std::size_t i = 0; i < v.map_size(); ++i) out_.named_rules.emplace_back(v.key(i).text, source_text(v.value(i)));
    }

    void read_assignments(const YNode& v) {
        if (!v.is_seq()) {
            error(v, "schema.type", "'utvecklingsuppdrag:' ska vara en lista där varje uppdrag börjar med '- text: …'");
            return;
        }
        for (const auto& item : v.items()) {
            if (!item.is_map()) {
                error(item, "schema.type", "ett utvecklingsuppdrag skrivs som en mappning med 'text:' och 'status:'");
                continue;
            }
            Assignment a;
            a.pos = pos(item);
            read_map<kAssignmentKeys>(item,
                     {{"grupp", [&](const YNode& n) { a.group = text(n); }},
                      {"nr", [&](const YNode& n) { a.number = text(n); }},
                      {"text", [&](const YNode& n) { a.text = text(n); }},
                      {"status", [&](const YNode& n) { read_status(n, a.status); }},
                      {"kommentar", [&](const YNode& n) { a.comment = text(n); }}});
            out_.assignments.push_back(std::move(a));
        }
    }

    void read_status(const YNode& n, AssignmentStatus& status) {
        std::string folded = fold_word(text(n));
        std::vector<std::string> labels;
        for (int k = 0; k < static_cast<int>(AssignmentStatus::Count); ++k) {
            labels.emplace_back(assignment_status_label(static_cast<AssignmentStatus>(k)));
            if (fold_word(labels.back()) == folded) {
                status = static_cast<AssignmentStatus>(k);
                return;
            }
        }
        std::string msg = fmt::format("okänd status '{}'; skriv Genomfört, Pågår, Ej påbörjad, Pausad eller Avbrutet", n.text);
        if (auto s = suggest(n.text, labels)) msg += fmt::format(" (menade du '{}'?)", *s);
        error(n, "schema.status", msg);
    }

    // ---- nyckeltal ----------------------------------------------------------
    // `nyckeltal:` a list of tables, each `rubrik`, `kolumnrubrik` and
    // `rader`; a row is read as an indicator is, without what only a judgement
    // uses. Its `utfall` is kept for top() to read after the indicators.
    void read_key_figures(const YNode& v) {
        if (!v.is_seq()) {
            error(v, "schema.type", "'nyckeltal:' ska vara en lista där varje tabell börjar med '- rubrik: …'");
            return;
        }
        for (const auto& item : v.items()) {
            if (!item.is_map()) {
                error(item, "schema.type", "en nyckeltalstabell skrivs som en mappning med 'rubrik:' och 'rader:'");
                continue;
            }
            KeyFigureTable t;
            t.pos = pos(item);
            const YNode* rows = nullptr;
            read_map<kKeyFigureTableKeys>(item,
                     {{"rubrik", [&](const YNode& n) {
                           t.heading = text(n);
                           // The heading of the table's own section in the report.
                           if (t.heading.empty()) error(n, "schema.key-figure-heading", "'rubrik:' får inte vara tom; den blir tabellens rubrik i rapporten");
                       }},
                      {"kolumnrubrik", [&](const YNode& n) { t.column_heading = text(n); }},
                      {"rader", [&](const YNode& n) { rows = &n; }}});
            if (t.column_heading.empty()) t.column_heading = t.heading;
            const auto ti = static_cast<std::uint32_t>(out_.key_figure_tables.size());
            t.first_row = t.end_row = static_cast<std::uint32_t>(out_.key_figures.size());
            out_.key_figure_tables.push_back(std::move(t));
            if (!rows) continue;
            if (!rows->is_seq() || rows->items().empty()) {
                error(*rows, "schema.type", "'rader:' ska vara en lista med minst ett nyckeltal, där varje rad börjar med '- id: …'");
                continue;
            }
            for (const auto& row : rows->items()) read_key_figure(row, ti);
            out_.key_figure_tables[ti].end_row = static_cast<std::uint32_t>(out_.key_figures.size());
        }
    }

    void read_key_figure(const YNode& n, std::uint32_t table) {
        if (!n.is_map()) {
            error(n, "schema.type", "ett nyckeltal skrivs som en mappning med 'id:', 'namn:' och 'utfall:'");
            return;
        }
        KeyFigureRow row;
        row.table = table;
        row.pos = pos(n);
        const YNode* values = nullptr;
        const YNode* share = nullptr;
        read_map<kKeyFigureKeys>(n,
                 {{"id", [&](const YNode& v) { row.id = nfc(text(v)); row.pos = pos(v); check_id(v, row.id, true); }},
                  {"namn", [&](const YNode& v) { row.name = text(v); }},
                  {"enhet", [&](const YNode& v) { row.unit = text(v); }},
                  {"serier", [&](const YNode& v) { row.series = string_list(v); }},
                  {"andel", [&](const YNode& v) { share = &v; }},
                  {"mål", [&](const YNode& v) { row.target = text(v); }},
                  {"ackumulerad", [&](const YNode& v) { read_bool(v, row.accumulated); }},
                  {"källa", [&](const YNode& v) { row.data_source = text(v); }},
                  {"definition", [&](const YNode& v) { row.definition = text(v); }},
                  {"utfall", [&](const YNode& v) { values = &v; }}});
        if (share) {
            // The share is no row of its own: a name of `serier` or the main series cannot be it.
            row.share = text(*share);
            const std::string key = fold_word(row.share);
            if (row.share.empty() || key == "totalt") {
                error(*share, "schema.share", "'andel:' namnger serien vars värde står inom parentes efter värdet, t.ex. andel: kvinnor");
                row.share.clear();
            }
            for (const auto& s : row.series)
                if (!row.share.empty() && fold_word(s) == key) {
                    error(*share, "schema.share",
                          fmt::format("'{}' står i 'serier:' och är en egen rad; 'andel:' namnger serien vars värde står inom parentes "
                                      "efter värdet, t.ex. andel: kvinnor", row.share));
                    row.share.clear();
                }
        }
        out_.key_figures.push_back(std::move(row));
        key_figure_values_.push_back(values);
    }

    // ---- the municipality's own words ----------------------------------
    void read_level_words(const YNode& v) {
        if (!v.is_map()) {
            error(v, "schema.type", "'nivåer:' ska vara en mappning, t.ex. målområde: Perspektiv");
            return;
        }
        LevelWords& w = out_.words;
        auto word = [&](std::string& to) {
            return [&](const YNode& n) {
                to = text(n);
                if (to.empty()) error(n, "schema.level-word", "ordet får inte vara tomt; ta bort nyckeln så gäller standardordet");
            };
        };
        read_map<kLevelWordKeys>(v, {{"målområde", word(w.area)},
                     {"kommunmål", word(w.municipal_goal)},
                     {"nämndmål", word(w.goal)},
                     {"indikator", word(w.indicator)},
                     {"indikatorer", word(w.indicators)}});
    }

    // ---- goals and indicators -------------------------------------------
    // A målområde's or kommunmål's own keys besides its children: an `id`
    // makes it a judged goal (docs/regelfil.md, Bedömda nivåer).
    struct LevelKeys {
        const YNode* manual = nullptr;
        const YNode* motivering = nullptr;
        const YNode* weight = nullptr;
        Position rule_key, manual_key, goals_key;  // where `bedömning:`, `manuell:` and `nämndmål:` are written
    };
    void finish_level(LevelDef& l, const LevelKeys& k) {
        l.manual = read_manual(k.manual, k.motivering);
        if (k.weight) read_weight(*k.weight, l.weight);
        if (!l.id.empty()) return;
        // A heading is not judged: what only a judged level uses is said to be unused.
        if (l.rule.present) warning_at(k.rule_key, "schema.level-id", "'bedömning:' gäller bara ett mål med 'id:'; ge målet ett id så bedöms det");
        if (l.manual) warning_at(k.manual_key, "schema.level-id", "'manuell:' gäller bara ett mål med 'id:'; ge målet ett id så bedöms det");
    }

    void read_areas(const YNode& v) {
        if (!v.is_seq()) {
            error(v, "schema.type", "'målområden:' ska vara en lista där varje målområde börjar med '- namn: …'");
            return;
        }
        reserve_for(v);
        for (const auto& area : v.items()) {
            if (!area.is_map()) {
                error(area, "schema.type", "ett målområde skrivs som en mappning med 'namn:' och 'kommunmål:'");
                continue;
            }
            const std::uint32_t ai = static_cast<std::uint32_t>(out_.areas.size());
            out_.areas.emplace_back();
            LevelDef a;
            a.pos = pos(area);
            LevelKeys k;
            const YNode* municipal = nullptr;
            const YNode* goals = nullptr;
            read_map<kAreaKeys>(area, {{"namn", [&](const YNode& n) { a.name = text(n); a.name_pos = key_position(n); a.name_value_pos = pos(n); }},
                            {"id", [&](const YNode& n) { a.id = nfc(text(n)); a.pos = pos(n); check_id(n, a.id); }},
                            {"bedömning", [&](const YNode& n) { a.rule = source_text(n); k.rule_key = key_position(n); }},
                            {"manuell", [&](const YNode& n) { k.manual = &n; k.manual_key = key_position(n); }},
                            {"motivering", [&](const YNode& n) { k.motivering = &n; }},
                            {"vikt", [&](const YNode& n) { k.weight = &n; }},
                            {"kommunmål", [&](const YNode& n) { municipal = &n; }},
                            {"nämndmål", [&](const YNode& n) { goals = &n; k.goals_key = key_position(n); }}});
            finish_level(a, k);
            if (municipal && goals)
                error_at(k.goals_key, "schema.area-children",
                      "ett målområde har antingen 'kommunmål:' eller, i en plan med två nivåer, 'nämndmål:' direkt – inte båda");
            else if (!municipal && !goals)
                error(area, "schema.missing-key", "målområdet saknar 'kommunmål:' (eller 'nämndmål:' i en plan med två nivåer)");
            out_.areas[ai] = std::move(a);
            if (goals) {
                // A plan with two levels: nämndmål right under the målområde.
                if (!goals->is_seq()) error(*goals, "schema.type", "'nämndmål:' ska vara en lista där varje mål börjar med '- id: …'");
                else
                    for (const auto& g : goals->items()) read_goal(g, ai, std::nullopt);
                continue;
            }
            if (!municipal) continue;
            if (!municipal->is_seq()) {
                error(*municipal, "schema.type", "'kommunmål:' ska vara en lista där varje mål börjar med '- namn: …'");
                continue;
            }
            for (const auto& mg : municipal->items()) {
                if (!mg.is_map()) {
                    error(mg, "schema.type", "ett kommunmål skrivs som en mappning med 'namn:' och 'nämndmål:'");
                    continue;
                }
                const std::uint32_t mi = static_cast<std::uint32_t>(out_.municipal_goals.size());
                out_.municipal_goals.emplace_back();
                LevelDef m;
                m.pos = pos(mg);
                m.area = ai;
                LevelKeys mk;
                const YNode* nm = nullptr;
                read_map<kMunicipalGoalKeys>(mg, {{"namn", [&](const YNode& n) { m.name = text(n); m.name_pos = key_position(n); m.name_value_pos = pos(n); }},
                              {"id", [&](const YNode& n) { m.id = nfc(text(n)); m.pos = pos(n); check_id(n, m.id); }},
                              {"bedömning", [&](const YNode& n) { m.rule = source_text(n); mk.rule_key = key_position(n); }},
                              {"manuell", [&](const YNode& n) { mk.manual = &n; mk.manual_key = key_position(n); }},
                              {"motivering", [&](const YNode& n) { mk.motivering = &n; }},
                              {"vikt", [&](const YNode& n) { mk.weight = &n; }},
                              {"nämndmål", [&](const YNode& n) { nm = &n; }}});
                finish_level(m, mk);
                // Under a judged målområde every kommunmål is a child goal, so it needs an id.
                if (out_.areas[ai].judged() && !m.judged())
                    error_at(m.name_pos, "schema.level-id",
                             fmt::format("kommunmålet behöver ett 'id:': målområdet '{}' bedöms (det har ett id) och bedöms av sina kommunmål",
                                         out_.areas[ai].name));
                out_.areas[ai].municipal_goals.push_back(mi);
                out_.municipal_goals[mi] = std::move(m);
                if (!nm || nm->is_null()) continue;
                if (!nm->is_seq()) {
                    error(*nm, "schema.type", "'nämndmål:' ska vara en lista där varje mål börjar med '- id: …'");
                    continue;
                }
                for (const auto& g : nm->items()) read_goal(g, ai, mi);
            }
        }
    }

    // Indicators and values are large structs: room for all of them at once,
    // counted in the tree, instead of moving them at every doubling (which
    // took a third of the load of 10 000 indicators).
    void reserve_for(const YNode& areas) {
        std::size_t indicators = 0, values = 0;
        auto each_seq = [&](const YNode* seq, auto&& fn) {
            if (seq && seq->is_seq())
                for (const auto& item : seq->items()) fn(item);
        };
        for (const auto& area : areas.items())
            each_seq(find<kAreaKeys>(area, "kommunmål"), [&](const YNode& mg) {
                each_seq(find<kMunicipalGoalKeys>(mg, "nämndmål"), [&](const YNode& g) {
                    each_seq(find<kGoalKeys>(g, "indikatorer"), [&](const YNode& ind) {
                        ++indicators;
                        const YNode* u = find<kIndicatorKeys>(ind, "utfall");
                        if (!u || !u->is_map()) return;
                        for (std::size_t i = 0; i < u->map_size(); ++i)
                            values += u->value(i).is_map() ? u->value(i).map_size() : 1;
                    });
                });
            });
        out_.indicators.reserve(out_.indicators.size() + indicators);
        out_.values.reserve(out_.values.size() + values);
    }

    void check_id(const YNode& n, const std::string& id, bool key_figure = false) {
        if (id.empty()) {
            error(n, "schema.id", "'id' får inte vara tomt");
            return;
        }
        for (std::size_t i = 0; i < id.size(); ++i) {
            unsigned char c = static_cast<unsigned char>(id[i]);
            bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c >= 0x80;
            if (!ok) {
                diags_.error("schema.id", scalar_position(f_, n, i),
                             fmt::format("'{}' är inget giltigt id: använd bokstäver, siffror, '-' och '_'", id));
                return;
            }
        }
        auto it = ids_.find(id);
        if (it != ids_.end()) {
            // A data file's `indikator` names either: a nyckeltal shares the ids too.
            const char* which = key_figure || it->second.key_figure ? "mål, indikatorer och nyckeltal" : "mål och indikatorer";
            error(n, "schema.duplicate-id", fmt::format("id '{}' används redan på rad {}; {} ska ha olika id", id, it->second.pos.line, which));
            return;
        }
        ids_.emplace(id, IdUse{pos(n), key_figure});
    }

    std::optional<ManualJudgement> read_manual(const YNode* manual, const YNode* motivering) {
        if (!manual) {
            if (motivering) warning(*motivering, "schema.motivering", "'motivering:' utan 'manuell:' används inte");
            return std::nullopt;
        }
        auto o = read_outcome(*manual);
        if (!o) return std::nullopt;
        if (!motivering || text(*motivering).empty()) {
            error(motivering ? *motivering : *manual, "schema.motivering", "'manuell:' kräver 'motivering:' med skälet till den manuella bedömningen");
            return std::nullopt;
        }
        return ManualJudgement{o->first, text(*motivering), o->second};
    }

    void read_goal(const YNode& g, std::uint32_t area, std::optional<std::uint32_t> municipal) {
        if (!g.is_map()) {
            error(g, "schema.type", "ett nämndmål skrivs som en mappning med 'id:', 'namn:' och 'indikatorer:'");
            return;
        }
        GoalDef goal;
        goal.area_index = area;
        goal.municipal_index = municipal;
        goal.area = out_.areas[area].name;
        goal.municipal_goal = municipal ? out_.municipal_goals[*municipal].name : std::string();
        goal.pos = pos(g);
        const YNode* weight = nullptr;
        const YNode* manual = nullptr;
        const YNode* motivering = nullptr;
        const YNode* indicators = nullptr;
        read_map<kGoalKeys>(g,
                 {{"id", [&](const YNode& n) { goal.id = nfc(text(n)); goal.pos = pos(n); check_id(n, goal.id); }},
                  {"namn", [&](const YNode& n) { goal.name = text(n); }},
                  {"bedömning", [&](const YNode& n) { goal.rule = source_text(n); }},
                  {"manuell", [&](const YNode& n) { manual = &n; }},
                  {"motivering", [&](const YNode& n) { motivering = &n; }},
                  {"aktiviteter", [&](const YNode& n) { goal.activities = string_list(n); }},
                  {"vikt", [&](const YNode& n) { weight = &n; }},
                  {"indikatorer", [&](const YNode& n) { indicators = &n; }}});
        goal.manual = read_manual(manual, motivering);
        if (weight) read_weight(*weight, goal.weight);
        std::uint32_t gi = static_cast<std::uint32_t>(out_.goals.size());
        (municipal ? out_.municipal_goals[*municipal].goals : out_.areas[area].goals).push_back(gi);
        out_.goals.push_back(std::move(goal));
        if (!indicators || indicators->is_null()) return;
        if (!indicators->is_seq()) {
            error(*indicators, "schema.type", "'indikatorer:' ska vara en lista där varje indikator börjar med '- id: …'");
            return;
        }
        for (const auto& ind : indicators->items()) read_indicator(ind, gi);
    }

    void read_indicator(const YNode& n, std::uint32_t goal) {
        if (!n.is_map()) {
            error(n, "schema.type", "en indikator skrivs som en mappning med 'id:', 'namn:' och 'riktning:'");
            return;
        }
        IndicatorDef ind;
        ind.goal = goal;
        ind.pos = pos(n);
        std::uint32_t id_at = n.offset;
        std::optional<std::uint32_t> year_at;
        const YNode* manual = nullptr;
        const YNode* motivering = nullptr;
        const YNode* values = nullptr;
        const YNode* target = nullptr;
        const YNode* tolerance = nullptr;
        const YNode* weight = nullptr;
        const YNode* unit = nullptr;
        const YNode* judged_series = nullptr;
        bool direction = false;
        read_map<kIndicatorKeys>(n,
                 {{"id", [&](const YNode& v) { ind.id = nfc(text(v)); ind.pos = pos(v); id_at = v.offset; check_id(v, ind.id); }},
                  {"namn", [&](const YNode& v) { ind.name = text(v); }},
                  {"enhet", [&](const YNode& v) { ind.unit = text(v); unit = &v; }},
                  {"riktning", [&](const YNode& v) { read_direction(v, ind.direction); direction = true; }},
                  {"värdeskala", [&](const YNode& v) { read_value_scale(v, ind); }},
                  {"mål", [&](const YNode& v) { target = &v; }},
                  {"målår", [&](const YNode& v) { int y = 0; year_at = v.offset; if (read_year(v, y)) ind.target_year = y; }},
                  {"regel", [&](const YNode& v) { ind.rule = source_text(v); }},
                  {"tolerans", [&](const YNode& v) { tolerance = &v; }},
                  {"ackumulerad", [&](const YNode& v) { read_bool(v, ind.accumulated); }},
                  {"obligatorisk", [&](const YNode& v) { read_bool(v, ind.mandatory); }},
                  {"källa", [&](const YNode& v) { ind.data_source = text(v); }},
                  {"kolada", [&](const YNode& v) { read_kolada(v, ind); }},
                  {"definition", [&](const YNode& v) { ind.definition = text(v); }},
                  {"serier", [&](const YNode& v) { ind.series = string_list(v); }},
                  {"bedöm_serier", [&](const YNode& v) { judged_series = &v; }},
                  {"jämförelse", [&](const YNode& v) { ind.comparison = text(v); ind.comparison_pos = pos(v); }},
                  {"serieavbrott", [&](const YNode& v) { int y = 0; if (read_year(v, y)) ind.series_break = y; }},
                  {"vikt", [&](const YNode& v) { weight = &v; }},
                  {"utfall", [&](const YNode& v) { values = &v; }},
                  {"manuell", [&](const YNode& v) { manual = &v; }},
                  {"motivering", [&](const YNode& v) { motivering = &v; }}});
        ind.manual = read_manual(manual, motivering);
        // A status indicator's riktning is öka unless written; every other indicator states it.
        if (!direction && !ind.status()) error(n, "schema.missing-key", "indikatorn saknar den obligatoriska nyckeln 'riktning:'");
        if (ind.status() && unit)
            error(*unit, "schema.value-scale", "en indikator med 'värdeskala:' har ord som värden och ingen enhet; ta bort 'enhet:'");
        if (ind.status() && tolerance) {
            error(*tolerance, "schema.value-scale", "en indikator med 'värdeskala:' har ingen tolerans: orden jämförs med sin plats i listan");
            tolerance = nullptr;
        }
        if (tolerance) {
            if (auto d = read_number(*tolerance, ind.unit)) {
                ind.tolerance = *d;
                std::string u = canonical_unit(number_unit_);
                if (!u.empty() && !ind.unit.empty() && u != canonical_unit(ind.unit))
                    error(*tolerance, "unit.mismatch",
                          fmt::format("toleransen är i '{}' men indikatorns enhet är '{}'; tolerans anges i indikatorns enhet", number_unit_, ind.unit));
                if (d->v < 0) error(*tolerance, "schema.tolerance", "toleransen kan inte vara negativ");
            }
        }
        if (weight) read_weight(*weight, ind.weight);
        if (judged_series) read_judged_series(*judged_series, ind);
        ind.target_at = target ? target->offset : id_at;
        ind.target_year_at = year_at ? *year_at : ind.target_at;
        if (target) read_target(*target, ind);
        std::uint32_t index = static_cast<std::uint32_t>(out_.indicators.size());
        out_.goals[goal].indicators.push_back(index);
        out_.indicators.push_back(std::move(ind));
        if (values) read_values(*values, index);
    }

    // A Kolada KPI id is N or U and five digits; anything else is kept (it is
    // shown in the footnote) but warned about, since `malkoll hämta` cannot use it.
    void read_kolada(const YNode& v, IndicatorDef& ind) {
        ind.kolada = text(v);
        ind.kolada_pos = pos(v);
        const std::string& k = ind.kolada;
        const bool kpi = k.size() == 6 && (k[0] == 'N' || k[0] == 'U') && std::all_of(k.begin() + 1, k.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (!kpi)
            warning(v, "schema.kolada", fmt::format("'{}' ser inte ut som ett Kolada-id (N eller U och fem siffror, t.ex. N35001); "
                                                    "malkoll hämta hoppar över indikatorn", k));
    }

    void read_weight(const YNode& v, Decimal& to) {
        if (auto d = read_number(v, {})) {
            to = *d;
            if (d->v < 0) error(v, "schema.weight", fmt::format("vikten '{}' är negativ; en vikt är 0 eller större (standard 1)", v.text));
        }
    }

    // `värdeskala: [Ej påbörjad, Påbörjad, Pågår, Genomfört]`: at least two
    // different words, worst first.
    void read_value_scale(const YNode& v, IndicatorDef& ind) {
        ind.value_scale_pos = pos(v);
        if (!v.is_seq() || v.items().size() < 2)
            error(v, "schema.value-scale", "'värdeskala:' är en lista med minst två ord, sämst först, t.ex. [Ej påbörjad, Påbörjad, Pågår, Genomfört]");
        if (!v.is_seq()) return;
        // The words that are right are kept even after an error, so that the values are still read as words.
        std::vector<std::string> words, keys;
        for (const auto& item : v.items()) {
            std::string w = nfc(text(item));
            std::string key = word_key(w);
            if (!item.is_scalar() || w.empty())
                error(item, "schema.value-scale", "varje steg i 'värdeskala:' är ett ord eller några ord, t.ex. Pågår");
            else if (std::find(keys.begin(), keys.end(), key) != keys.end())
                error(item, "schema.value-scale", fmt::format("'{}' står två gånger i 'värdeskala:'", w));
            else if (parse_value_literal(w).value)
                error(item, "schema.value-scale", fmt::format("'{}' är ett tal eller ett saknat värde, inte ett ord för ett steg i skalan", w));
            else {
                words.push_back(std::move(w));
                keys.push_back(std::move(key));
            }
        }
        ind.value_scale = std::move(words);
    }

    // `bedöm_serier: [kvinnor, män]`, or `ja` for every series of `serier`:
    // names of `serier` only, kept in its order.
    void read_judged_series(const YNode& v, IndicatorDef& ind) {
        std::vector<bool> judged(ind.series.size(), false);
        if (v.is_scalar()) {
            bool all = false;
            if (!read_bool(v, all)) return;
            if (all && ind.series.empty())
                error(v, "schema.judged-series", "'bedöm_serier: ja' bedömer indikatorns serier var för sig, men indikatorn har inga 'serier:'");
            if (all) judged.assign(ind.series.size(), true);
        } else if (v.is_seq()) {
            for (const auto& item : v.items()) {
                const std::string name = text(item);
                bool found = false;
                for (std::size_t k = 0; k < ind.series.size(); ++k)
                    if (word_key(ind.series[k]) == word_key(name)) judged[k] = found = true;
                if (found) continue;
                std::string msg = ind.series.empty()
                                      ? fmt::format("'{}' står inte i 'serier:', och indikatorn har inga 'serier:'", name)
                                      : fmt::format("'{}' står inte i indikatorns 'serier:' ({})", name, scale_words(ind.series));
                if (auto s = suggest(name, ind.series)) msg += fmt::format("; menade du '{}'?", *s);
                error(item, "schema.judged-series", msg);
            }
        } else {
            error(v, "schema.judged-series", "'bedöm_serier:' är en lista av serier ur 'serier:', t.ex. [kvinnor, män], eller ja för alla");
            return;
        }
        for (std::size_t k = 0; k < ind.series.size(); ++k)
            if (judged[k]) ind.judged_series.push_back(ind.series[k]);
    }

    void read_direction(const YNode& v, Direction& d) {
        const std::string s = text(v);
        for (const auto& w : kDirectionWords)
            if (folds_equal(w.word, s)) {
                d = w.direction;
                return;
            }
        std::vector<std::string> words;
        for (const auto& w : kDirectionWords) words.emplace_back(w.word);
        std::string msg = fmt::format("okänd riktning '{}'; skriv öka, minska eller bibehålla", v.text);
        if (auto sug = suggest(v.text, words)) msg += fmt::format(" (menade du '{}'?)", *sug);
        error(v, "schema.direction", msg);
    }

    void read_target(const YNode& v, IndicatorDef& ind) {
        if (v.is_null()) return;
        if (v.is_scalar()) {
            ind.target = source_text(v);
            return;
        }
        if (!v.is_map()) {
            error(v, "schema.type", "'mål:' är ett uttryck (t.ex. \"minst 90 %\") eller ett per år ({2023: \"minst 85 %\", 2024: \"minst 90 %\"})");
            return;
        }
        for (std::size_t i = 0; i < v.map_size(); ++i) {
            if (is_decimal_comma_trap(v, i)) continue;
            int y = 0;
            if (!read_year(v.key(i), y)) continue;
            ind.targets_per_year.emplace_back(y, source_text(v.value(i)));
        }
    }

    // ---- values -----------------------------------------------------------
    void read_values(const YNode& v, std::uint32_t ind) {
        if (!v.is_map()) {
            error(v, "schema.type", "'utfall:' ska vara en mappning från period till värde, t.ex. 2024: \"17 %\"");
            return;
        }
        for (std::size_t i = 0; i < v.map_size(); ++i) {
            const YNode& k = v.key(i);
            auto p = parse_period(k.text);
            if (is_decimal_comma_trap(v, i)) continue;
            if (!k.is_scalar() || !p) {
                error(k, "value.period", fmt::format("'{}' är ingen period; skriv ett år (2024) eller år och månad (2024-08)", k.text));
                continue;
            }
            const YNode& val = v.value(i);
            if (val.is_map()) {
                for (std::size_t j = 0; j < val.map_size(); ++j) {
                    const YNode& sk = val.key(j);
                    const YNode& sv = val.value(j);
                    if (is_decimal_comma_trap(val, j)) continue;
                    add_value(sv, ind, *p, sk.text, k.offset);
                }
            } else {
                add_value(val, ind, *p, {}, k.offset);
            }
        }
    }

    // `{totalt: 4,7}` loads as `totalt: 4` plus a key `7` without a value
    // (docs/regelfil.md): a number key with no value in a flow mapping is that trap.
    // `{totalt: 4,7}` loads as `totalt: 4` plus a key `7` without a value,
    // and `{2024: 8,0 %}` as `2024: 8` plus a key `0 %` (docs/regelfil.md): a
    // key of 1–3 digits, perhaps followed by a unit, with no value, in a flow
    // mapping, is that trap.
    bool is_decimal_comma_trap(const YNode& map, std::size_t i) {
        const YNode& k = map.key(i);
        const YNode& v = map.value(i);
        if (!map.flow || !k.is_scalar() || !v.is_null() || k.text.empty()) return false;
        std::size_t digits = 0;
        while (digits < k.text.size() && k.text[digits] >= '0' && k.text[digits] <= '9') ++digits;
        if (digits == 0 || digits > 3) return false;
        std::string rest(k.text.substr(digits));
        if (!rest.empty() && rest.find_first_not_of(' ') != std::string::npos && !is_unit_word(rest.substr(rest.find_first_not_of(' ')), "%"))
            return false;
        std::string whole(i > 0 && map.value(i - 1).is_scalar() ? map.value(i - 1).text : std::string_view("4"));
        std::size_t sp = whole.rfind(' ');
        if (sp != std::string::npos) whole = whole.substr(sp + 1);  // `minst 7,5 %` → 7
        error(k, "value.decimal-comma-trap",
              fmt::format("'{}' ser ut som decimalerna i ett tal med decimalkomma: i {{…}} delar YAML vid ',', så {},{} "
                          "blir {} och en nyckel '{}' utan värde; sätt värdena inom citattecken, t.ex. \"{},{}\"",
                          k.text, whole, k.text, whole, k.text, whole, k.text));
        return true;
    }

    // The words of the values' owner (an indicator's `värdeskala`); a nyckeltal row's values are never words.
    const std::vector<std::string>* owner_scale(std::uint32_t owner) const {
        return owner < out_.indicators.size() && out_.indicators[owner].status() ? &out_.indicators[owner].value_scale : nullptr;
    }

    // `ind`: the owner of the value, an indicator or a nyckeltal row (RuleFile::key_figure_owner).
    void add_value(const YNode& n, std::uint32_t ind, Period p, std::string_view series, std::uint32_t period_offset) {
        ValueLiteral missing;
        ValueParse vp;
        const ValueLiteral* lit = &missing;
        if (n.is_null()) {
            missing.kind = ValueKind::Missing;
        } else if (!n.is_scalar()) {
            error(n, "schema.type", "ett värde ska vara en text som \"17 %\" eller i.u., eller en mappning av serier {totalt: \"17 %\", kvinnor: \"18 %\"}");
            return;
        } else {
            const std::vector<std::string>* scale = owner_scale(ind);
            vp = scale ? parse_status_literal(n.text, *scale) : parse_value_literal(n.text, out_.owner_unit(ind));
            if (vp.error) {
                diags_.error("value.syntax", scalar_position(f_, n, vp.error->offset), vp.error->message);
                return;
            }
            lit = &*vp.value;
        }
        ValueInput in;
        in.indicator = ind;
        in.period = p;
        in.series = series;
        in.literal = lit;
        in.status = owner_scale(ind) && lit->kind != ValueKind::Missing;
        in.file = file_;
        in.offset = n.offset;
        in.period_offset = period_offset;
        // The literal's text as it stands in the file (plain or quoted on one
        // line); otherwise the store keeps a copy.
        if (n.is_scalar() && !lit->text.empty()) {
            const std::size_t within = n.text.find(lit->text);
            const std::size_t content = n.offset + (n.style == ScalarStyle::SingleQuoted || n.style == ScalarStyle::DoubleQuoted ? 1 : 0);
            if (within != std::string::npos && (n.style == ScalarStyle::Plain || n.style == ScalarStyle::SingleQuoted ||
                                                n.style == ScalarStyle::DoubleQuoted) &&
                f_.text().compare(content + within, lit->text.size(), lit->text) == 0)
                in.text_offset = static_cast<std::uint32_t>(content + within);
        }
        out_.values.add(in);
    }

    const SourceFile& f_;
    std::uint32_t file_;
    Diagnostics& diags_;
    RuleFile& out_;
    struct IdUse {
        Position pos;
        bool key_figure = false;  // a nyckeltal row's
    };
    std::map<std::string, IdUse> ids_;
    std::vector<const YNode*> key_figure_values_;  // per nyckeltal row its `utfall` (nullptr: none)
    const YNode* current_key_ = nullptr;  // the key whose value read_map is reading
    std::string number_unit_;  // the unit of the last number read_number read  // key → index in out_.values
};

}  // namespace

RuleFile load_rule_text(const std::string& name, std::string text, SourceSet& sources, Diagnostics& diags) {
    RuleFile out;
    out.path = name;
    out.file = sources.add(name, std::move(text));
    out.values.attach(&sources);
    const SourceFile& f = sources.file(out.file);
    {
        YamlDocument doc = parse_yaml(f, diags);
        if (!doc.ok) return out;
        Loader(f, out.file, diags, out).top(doc.root);
    }
#ifdef __GLIBC__
    // The tree's blocks and yaml-cpp's many small allocations are free now;
    // hand the pages back before the data files (often far larger) are read,
    // so the peak is the larger of the two phases, not their sum.
    malloc_trim(0);
#endif
    settle_values(out, diags);
    return out;
}

void settle_values(RuleFile& file, Diagnostics& diags) {
    std::vector<std::string> ids;
    std::vector<std::vector<std::string>> series;
    ids.reserve(file.owner_count());
    series.reserve(file.owner_count());
    for (const auto& ind : file.indicators) {
        ids.push_back(ind.id);
        series.push_back(ind.series);
    }
    // A nyckeltal row's values: its `serier`, then the shares (the main row's first).
    for (const auto& row : file.key_figures) {
        ids.push_back(row.id);
        std::vector<std::string> order = row.series;
        if (!row.share.empty()) {
            order.push_back(row.share);
            for (const auto& s : row.series) order.push_back(row.share_of(s));
        }
        series.push_back(std::move(order));
    }
    file.values.settle(ReportWindow{file.year, file.period, file.kind == ReportKind::Delar}, ids, series, diags);
}

RuleFile load_rule_file(const std::string& path, SourceSet& sources, Diagnostics& diags) {
    std::string why;
    auto bytes = read_file_bytes(path, &why);
    if (!bytes) {
        diags.error("io.read", Position{path, 0, 0}, "filen kan inte läsas: " + why);
        RuleFile out;
        out.path = path;
        return out;
    }
    return load_rule_text(path, std::move(*bytes), sources, diags);
}

}  // namespace malkoll
