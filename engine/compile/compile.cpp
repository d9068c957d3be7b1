#include <algorithm>
#include <map>
#include <queue>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "engine/compile/model.hpp"
#include "engine/core/text.hpp"
#include "engine/load/scale.hpp"
#include "engine/load/value_scale.hpp"
#include "grammar/parse_rule.hpp"
#include "grammar/value_literal.hpp"

namespace malkoll {

const char* const kBuiltinIndicatorRule =
    "ej bedömd om saknas(helårsvärde)\n"
    "uppfyllt om uppnått\n"
    "delvis om förbättrat\n"
    "ej uppfyllt om inte uppnått\n";

const char* const kBuiltinGoalRule =
    "ej bedömd om ingen bedömd\n"
    "uppfyllt om alla uppfyllt\n"
    "ej uppfyllt om alla ej uppfyllt\n"
    "annars delvis\n";

std::string expression_unit(const Ast& expr, std::uint32_t i, std::string_view unit, bool* year) {
    const Node& n = expr.nodes[i];
    // A word's unit by its rule in the vocabulary; `first` is its first argument's.
    auto by_rule = [&](UnitRule rule, std::uint32_t first) -> std::string {
        switch (rule) {
            case UnitRule::Indicator: return std::string(unit);
            case UnitRule::Year:
                if (year) *year = true;
                return "";
            case UnitRule::None: return "";
            case UnitRule::Percent: return "%";
            case UnitRule::FirstArgument: return first == kNone ? "" : expression_unit(expr, first, unit, year);
        }
        return "";
    };
    switch (n.kind) {
        case NodeKind::Number:
            if (n.unit < 0) return "";
            if (is_percentage_points(expr.texts[static_cast<std::size_t>(n.unit)])) return kPercentagePoints;
            return expr.texts[static_cast<std::size_t>(n.unit)];
        case NodeKind::Variable: return by_rule(word_of(static_cast<Var>(n.sym)).unit, kNone);
        case NodeKind::Quantifier: return by_rule(word_of(static_cast<QuantKind>(n.aux)).unit, kNone);
        case NodeKind::Neg: return expression_unit(expr, n.a, unit, year);
        case NodeKind::Binary: {
            const std::string a = expression_unit(expr, n.a, unit, year);
            const std::string b = expression_unit(expr, n.b, unit, year);
            if (n.aux == static_cast<std::uint8_t>(BinOp::Mul) || n.aux == static_cast<std::uint8_t>(BinOp::Div)) return "";
            auto literal = [&](std::uint32_t k) { return expr.nodes[k].kind == NodeKind::Number; };
            if (n.aux == static_cast<std::uint8_t>(BinOp::Sub) && a == "%" && b == "%" && !literal(n.a) && !literal(n.b))
                return kPercentagePoints;
            if ((a == "%" && b == kPercentagePoints) || (a == kPercentagePoints && b == "%")) return "%";
            return a.empty() ? b : a;
        }
        case NodeKind::Call: {
            const FunctionWord& w = word_of(static_cast<Func>(n.sym));
            if (w.type == WordType::Condition) return "";
            return by_rule(w.unit, n.count > 0 ? expr.args[n.first] : kNone);
        }
        default: return "";
    }
}

Position text_position(const SourceSet& sources, const SourceText& t, std::size_t offset) {
    return scalar_position(sources.file(t.file), t.node, t.text, offset);
}

const Ast& no_target() {
    static const Ast none;
    return none;
}

namespace {

// Status: a status indicator's value (värdeskala), compared only with another
// or with a quoted word of its list.
enum class Type : std::uint8_t { Num, Bool, Result, Text, Period, Status, Error };

const char* type_word(Type t) {
    switch (t) {
        case Type::Num: return "ett tal";
        case Type::Bool: return "ett villkor (sant/falskt)";
        case Type::Result: return "ett resultat";
        case Type::Text: return "en text";
        case Type::Period: return "en period";
        case Type::Status: return "ett ord ur indikatorns värdeskala";
        case Type::Error: return "ett fel";
    }
    return "";
}

// Every variable's or function's name, for "menade du …?".
template <class Word>
std::vector<std::string> names_of(std::size_t n) {
    std::vector<std::string> out;
    for (std::size_t k = 0; k < n; ++k) out.push_back(word_of(static_cast<Word>(k)).name);
    return out;
}

// A level name (with `skala`) that names no level: the levels, and "menade du …?".
std::string unknown_level_message(const RuleFile& f, const std::string& written) {
    std::string msg = fmt::format("'{}' är ingen nivå i 'skala:' och inget resultat; nivåerna är {}", written, level_names(f.scale));
    std::vector<std::string> names = {"uppfyllt", "delvis", "ej uppfyllt", "ej bedömd"};
    for (const auto& l : f.scale) names.push_back(l.code), names.push_back(l.label);
    if (auto s = suggest(written, names)) msg += fmt::format("; menade du '{}'?", *s);
    return msg;
}

// A problem found by a Checker, at a byte offset in the rule or target text:
// where that text is written is the caller's business, so one check of a
// shared text serves every place it is used.
struct Finding {
    std::uint32_t offset = 0;
    const char* code = "";
    std::string message;
};

// A nyckeltal row's id: never judged, so nothing a rule can read.
bool is_key_figure(const RuleFile& f, std::string_view id) {
    return std::any_of(f.key_figures.begin(), f.key_figures.end(), [&](const KeyFigureRow& r) { return r.id == id; });
}

// Checks one rule or target AST in one context; resolves Node::sym. What it
// reads besides the AST: the context, the indicator's `enhet` (numbers with
// a unit, comparisons, a target's unit), whether the indicator's target is
// `mellan` (`mål` in a rule) and the goal's indicators (`indikator(…)`).
// The names it resolves depend on the text (and context) alone.
class Checker {
public:
    enum class Context { Indicator, Goal, Target };

    Checker(Ast& ast, Context ctx, std::vector<Finding>& out, std::uint32_t base, const IndicatorDef* ind,
            const GoalDef* goal, const RuleFile& file, bool target_between = false, const std::vector<const RuleFile*>* committees = nullptr)
        : ast_(ast), ctx_(ctx), out_(out), base_(base), ind_(ind), goal_(goal), file_(file),
          target_between_(target_between), committees_(committees) {}

    void rule() {
        for (const Clause& c : ast_.clauses) {
            if (c.condition == kNone) continue;
            Type t = type(c.condition);
            if (t != Type::Bool && t != Type::Error)
                error(ast_.nodes[c.condition].offset, "rule.type",
                      fmt::format("villkoret är {}, inte ett villkor; skriv t.ex. 'värde >= 90 %'", type_word(t)));
        }
    }

    // A template's `{expression}`: a number to show.
    void template_expression() {
        Type t = type(ast_.target_x);
        if (t != Type::Num && t != Type::Status && t != Type::Error)
            error(ast_.nodes[ast_.target_x].offset, "template.type",
                  fmt::format("{{…}} i en motivering visar ett tal, men här står {}", type_word(t)));
    }

    void target() {
        for (std::uint32_t x : {ast_.target_x, ast_.target_y}) {
            if (x == kNone) continue;
            Type t = type(x);
            if (ind_ && ind_->status()) {
                if (t != Type::Status && t != Type::Error)
                    error(ast_.nodes[x].offset, "target.value-scale",
                          fmt::format("målet för en indikator med 'värdeskala:' är ett av orden ({}), t.ex. 'mål: {}' eller 'mål: minst {}'",
                                      scale_words(ind_->value_scale), ind_->value_scale.back(), ind_->value_scale.front()));
                continue;
            }
            if (t != Type::Num && t != Type::Error)
                error(ast_.nodes[x].offset, "target.type", fmt::format("målvärdet ska vara ett tal, inte {}", type_word(t)));
            else if (const std::uint32_t word = percentage_points_literal(x); t == Type::Num && word != kNone)
                error(unit_word_offset(word), "unit.percentage-points",
                      "ett mål i procentenheter är en förändring och behöver ett värde att utgå från, t.ex. minst föregående + 2 procentenheter");
            else if (t == Type::Num && ind_) check_unit_against_indicator(x);
        }
    }

private:
    void error(std::size_t offset, const char* code, std::string msg) {
        out_.push_back(Finding{static_cast<std::uint32_t>(base_ + offset), code, std::move(msg)});
    }

    // The shared unit rule (expression_unit), compared in canonical form; a
    // difference of percentages (procentenheter) compares with % as before.
    std::string unit_of(std::uint32_t i) {
        std::string u = expression_unit(ast_, i, ind_ ? std::string_view(ind_->unit) : std::string_view{});
        return u == kPercentagePoints ? std::string("%") : canonical_unit(u);
    }

    void check_unit_against_indicator(std::uint32_t x) {
        std::string u = unit_of(x);
        std::string iu = canonical_unit(ind_->unit);
        if (!u.empty() && !iu.empty() && u != iu)
            error(ast_.nodes[x].offset, "unit.mismatch",
                  fmt::format("enheten '{}' passar inte indikatorns enhet '{}'", u, ind_->unit));
    }

    Type type(std::uint32_t i) {
        Node& n = ast_.nodes[i];
        switch (n.kind) {
            case NodeKind::Number: {
                if (n.aux == kStatusWord) {
                    // A quoted word resolved by an earlier check: resolved again for this indicator's list.
                    if (n.text == kNone) return Type::Status;
                    return ind_ && ind_->status() ? (resolve_status_word(n) ? Type::Status : Type::Error) : Type::Text;
                }
                if (n.unit >= 0) {
                    const std::string& u = ast_.texts[n.unit];
                    if (!is_unit_word(u, ind_ ? ind_->unit : std::string_view{}) && !is_percentage_points(u)) {
                        std::string msg = fmt::format("okänd enhet '{}'", u);
                        std::vector<std::string> units = {"%", "kr", "tkr", "mnkr", "kr/inv", "dagar", "dgr", "dygn", "timmar", "st", "personer"};
                        if (ind_ && !ind_->unit.empty()) units.push_back(ind_->unit);
                        if (auto s = suggest(u, units)) msg += fmt::format("; menade du '{}'?", *s);
                        else msg += "; efter ett tal står %, en enhet (kr, dagar, st …) eller indikatorns enhet";
                        error(n.offset + n.length - u.size(), "rule.unit", msg);  // at the unit word
                        return Type::Error;
                    }
                }
                return Type::Num;
            }
            case NodeKind::Period: return Type::Period;
            case NodeKind::String: return Type::Text;
            case NodeKind::Variable: return variable(n);
            case NodeKind::Call: return call(n);
            case NodeKind::Indicator: {
                if (n.aux == kResultOf) return result_of(n);
                if (ctx_ != Context::Goal) {
                    error(n.offset, "rule.indicator-outside-goal", "indikator(…) kan bara användas i ett måls 'bedömning:'");
                    return Type::Error;
                }
                if (!goal_) {
                    error(n.offset, "rule.indicator-outside-goal",
                          "indikator(…) läser ett nämndmåls egna indikatorer; på den här nivån skrivs resultat(id)");
                    return Type::Error;
                }
                const std::string& id = ast_.texts[n.text];
                std::vector<std::string> ids;
                for (std::uint32_t k : goal_->indicators) ids.push_back(file_.indicators[k].id);
                for (const auto& s : ids)
                    if (s == id) return Type::Result;
                std::string msg = fmt::format("målet '{}' har ingen indikator '{}'", goal_->id, id);
                if (is_key_figure(file_, id)) msg += "; det är ett nyckeltal, och nyckeltal bedöms inte och räknas inte i något mål";
                else if (auto s = suggest(id, ids)) msg += fmt::format("; menade du '{}'?", *s);
                error(n.a, "rule.unknown-indicator", msg);
                return Type::Error;
            }
            case NodeKind::Quantifier:
                if (n.label == Label::Level && !resolve_level(n)) return Type::Error;
                if (ctx_ != Context::Goal) {
                    error(n.offset, "rule.quantifier-outside-goal",
                          "alla/någon/ingen/andel/antal räknar ett måls indikatorer och kan bara användas i 'bedömning:'");
                    return Type::Error;
                }
                return (n.aux == static_cast<std::uint8_t>(QuantKind::Andel) || n.aux == static_cast<std::uint8_t>(QuantKind::Antal))
                           ? Type::Num : Type::Bool;
            case NodeKind::Neg: return expect(n.a, Type::Num, "'-' gäller bara tal") ? Type::Num : Type::Error;
            case NodeKind::Binary: {
                bool ok = expect(n.a, Type::Num, "räknesätt gäller bara tal");
                ok = expect(n.b, Type::Num, "räknesätt gäller bara tal") && ok;
                if (ok && !percentage_points_in_arithmetic(n)) return Type::Error;
                return ok ? Type::Num : Type::Error;
            }
            case NodeKind::Compare: {
                Type a = type(n.a), b = type(n.b);
                if (a == Type::Error || b == Type::Error) return Type::Error;
                if (a == Type::Result || b == Type::Result) {
                    error(n.offset, "rule.result-compare",
                          "ett resultat jämförs med 'är', t.ex. 'indikator(x) är uppfyllt', inte med ett tal");
                    return Type::Error;
                }
                if (a == Type::Status || b == Type::Status) return status_compare(n, a, b);
                if (a != Type::Num || b != Type::Num) {
                    error(n.offset, "rule.type", fmt::format("jämförelsen gäller tal, men här står {} och {}", type_word(a), type_word(b)));
                    return Type::Error;
                }
                if (!percentage_points_compared(n)) return Type::Error;
                std::string ua = unit_of(n.a), ub = unit_of(n.b);
                if (!ua.empty() && !ub.empty() && ua != ub) {
                    error(n.offset, "unit.mismatch", fmt::format("olika enheter jämförs: '{}' och '{}'", ua, ub));
                    return Type::Error;
                }
                return Type::Bool;
            }
            case NodeKind::Is: {
                if (n.label == Label::Level && !resolve_level(n)) return Type::Error;
                Type a = type(n.a);
                if (a != Type::Result && a != Type::Error) {
                    error(n.offset, "rule.type", fmt::format("'är' jämför ett resultat (indikator(id) är uppfyllt), men här står {}", type_word(a)));
                    return Type::Error;
                }
                return a == Type::Error ? Type::Error : Type::Bool;
            }
            case NodeKind::Not: return expect(n.a, Type::Bool, "'inte' gäller ett villkor") ? Type::Bool : Type::Error;
            case NodeKind::And:
            case NodeKind::Or: {
                const char* w = n.kind == NodeKind::And ? "'och' binder ihop villkor" : "'eller' binder ihop villkor";
                bool ok = expect(n.a, Type::Bool, w);
                ok = expect(n.b, Type::Bool, w) && ok;
                return ok ? Type::Bool : Type::Error;
            }
        }
        return Type::Error;
    }

    // ---- procentenheter: a number in them is a difference of % values -------------
    // The word of a number written in procentenheter (`2 procentenheter`, `-1 p.e.`): its node, else kNone.
    std::uint32_t percentage_points_literal(std::uint32_t i) const {
        const Node& n = ast_.nodes[i];
        if (n.kind == NodeKind::Neg) return percentage_points_literal(n.a);
        return n.kind == NodeKind::Number && n.unit >= 0 && is_percentage_points(ast_.texts[static_cast<std::size_t>(n.unit)]) ? i : kNone;
    }
    std::size_t unit_word_offset(std::uint32_t literal) const {
        const Node& n = ast_.nodes[literal];
        return n.offset + n.length - ast_.texts[static_cast<std::size_t>(n.unit)].size();
    }
    // The indicator's unit: its `enhet`, else the unit its values are written in (17 %).
    std::string indicator_unit() const {
        if (!ind_) return "";
        if (!ind_->unit.empty()) return canonical_unit(ind_->unit);
        const std::uint32_t index = static_cast<std::uint32_t>(ind_ - file_.indicators.data());
        for (std::size_t k = 0; k < file_.values.size(); ++k) {
            const DataValue& v = file_.values[k];
            if (v.indicator == index && !v.is_missing()) return canonical_unit(file_.values.unit(v));
        }
        return "";
    }
    std::string raw_unit(std::uint32_t i) const { return expression_unit(ast_, i, indicator_unit()); }

    // `+`/`-` with a number in procentenheter: the other side is a % value (or
    // also in procentenheter); `*` and `/` never take one.
    bool percentage_points_in_arithmetic(const Node& n) {
        const auto op = static_cast<BinOp>(n.aux);
        for (const auto& [side, other] : {std::pair{n.a, n.b}, std::pair{n.b, n.a}}) {
            const std::uint32_t word = percentage_points_literal(side);
            if (word == kNone) continue;
            if (op == BinOp::Mul || op == BinOp::Div) {
                error(unit_word_offset(word), "unit.percentage-points",
                      "ett tal i procentenheter läggs till eller dras från ett värde i %, t.ex. föregående + 2 procentenheter; det multipliceras eller divideras inte");
                return false;
            }
            const std::string u = raw_unit(other);
            if (u != "%" && u != kPercentagePoints) {
                error(unit_word_offset(word), "unit.percentage-points",
                      u.empty() ? std::string("procentenheter läggs bara till eller dras från ett värde i %, och här är värdet inte i %")
                                : fmt::format("procentenheter läggs bara till eller dras från ett värde i %, men här är enheten '{}'", u));
                return false;
            }
        }
        return true;
    }

    // A number in procentenheter is compared with a difference of % values
    // (värde - föregående >= 2 procentenheter), never with a value in %.
    bool percentage_points_compared(const Node& n) {
        for (const auto& [side, other] : {std::pair{n.a, n.b}, std::pair{n.b, n.a}}) {
            const std::uint32_t word = percentage_points_literal(side);
            if (word == kNone || raw_unit(other) == kPercentagePoints) continue;
            const std::string u = raw_unit(other);
            error(unit_word_offset(word), "unit.percentage-points",
                  u == "%" ? std::string("procentenheter är en skillnad mellan två värden i %; jämför med en skillnad (värde - föregående >= 2 procentenheter) "
                                         "eller skriv värdet i % (värde >= 2 %)")
                  : u.empty() ? std::string("procentenheter jämförs med en skillnad mellan två värden i %, och här är värdena inte i %")
                              : fmt::format("procentenheter jämförs med en skillnad mellan två värden i %, men här är enheten '{}'", u));
            return false;
        }
        return true;
    }

    bool expect(std::uint32_t i, Type want, const char* what) {
        Type t = type(i);
        if (t == Type::Error) return false;
        if (t != want) {
            error(ast_.nodes[i].offset, "rule.type", fmt::format("{}, men här står {}", what, type_word(t)));
            return false;
        }
        return true;
    }

    Type variable(Node& n) {
        const std::string& name = ast_.texts[n.text];
        if (const std::optional<Var> found = find_variable(name)) {
            const Var var = *found;
            n.sym = static_cast<std::uint16_t>(var);
            if (ctx_ == Context::Goal) {
                error(n.offset, "rule.indicator-variable-in-goal",
                      fmt::format("'{}' finns i indikatorregler; ett måls bedömning använder alla/någon/ingen/andel/antal "
                                  "eller indikator(id)", name));
                return Type::Error;
            }
            if (ctx_ == Context::Target && (var == Var::Mal || var == Var::Uppnatt)) {
                error(n.offset, "target.self", fmt::format("'{}' kan inte användas i själva målet", name));
                return Type::Error;
            }
            if (ind_ && ind_->status() && ctx_ != Context::Goal) {
                if (var == Var::Framsteg || var == Var::Trend || var == Var::Maluppfyllelse) {
                    error(n.offset, "rule.value-scale",
                          fmt::format("'{}' räknar med tal, men indikatorn '{}' har ord som värden ('värdeskala:')", name, ind_->id));
                    return Type::Error;
                }
                if (word_of(var).unit == UnitRule::Indicator && word_of(var).type == WordType::Number) return Type::Status;
            }
            if (var == Var::Mal && target_between_) {
                error(n.offset, "rule.mal-between",
                      "'mål' är gränsen X i ett mål, men målet 'mellan X och Y' har två gränser; skriv uppnått, eller jämför med talen");
                return Type::Error;
            }
            return word_of(var).type == WordType::Condition ? Type::Bool : Type::Num;
        }
        std::string msg = fmt::format("okänt namn '{}'", name);
        if (auto s = suggest(name, names_of<Var>(kVariableCount))) msg += fmt::format("; menade du '{}'?", *s);
        else if (ctx_ == Context::Target)  // `mål: Genomfört`: a word as a target is a status indicator's
            msg += "; är indikatorns värden ord, lista dem i 'värdeskala:' (t.ex. värdeskala: [Ej påbörjad, Pågår, Genomfört])";
        error(n.offset, "rule.unknown-name", msg);
        return Type::Error;
    }

    // resultat(id): the final result of any goal or indicator of the file.
    Type result_of(Node& n) {
        if (ctx_ != Context::Goal) {
            error(n.offset, "rule.result-outside-goal", "resultat(…) kan bara användas i ett måls 'bedömning:'");
            return Type::Error;
        }
        const std::string& written = ast_.texts[n.text];
        // NÄMND/ID: a goal or indicator of one of a roll-up's nämnder.
        const RuleFile* in = &file_;
        std::string id = written;
        n.first = 0;
        if (const std::size_t slash = written.find('/'); slash != std::string::npos) {
            const std::string committee = written.substr(0, slash);
            id = written.substr(slash + 1);
            std::vector<std::string> names;
            for (std::size_t c = 0; c < file_.committees.size(); ++c) {
                names.push_back(file_.committees[c].id);
                if (file_.committees[c].id == committee && committees_ && c < committees_->size()) {
                    in = (*committees_)[c];
                    n.first = static_cast<std::uint32_t>(c + 1);
                }
            }
            if (n.first == 0) {
                std::string msg = file_.committees.empty()
                                      ? fmt::format("resultat('{}'): NÄMND/ID finns bara i en fil med 'nämnder:'", written)
                                      : fmt::format("resultat('{}'): ingen nämnd heter '{}' under 'nämnder:'", written, committee);
                if (auto s = suggest(committee, names)) msg += fmt::format("; menade du '{}'?", *s);
                error(n.a, "rule.unknown-id", msg);
                return Type::Error;
            }
        }
        const RuleFile& f = *in;
        auto found = [&](ResultKind k, std::size_t index) {
            n.sym = static_cast<std::uint16_t>(k);
            n.b = static_cast<std::uint32_t>(index);
            return Type::Result;
        };
        for (std::size_t k = 0; k < f.goals.size(); ++k)
            if (f.goals[k].id == id) return found(ResultKind::Goal, k);
        for (std::size_t k = 0; k < f.municipal_goals.size(); ++k)
            if (!f.municipal_goals[k].id.empty() && f.municipal_goals[k].id == id) return found(ResultKind::MunicipalGoal, k);
        for (std::size_t k = 0; k < f.areas.size(); ++k)
            if (!f.areas[k].id.empty() && f.areas[k].id == id) return found(ResultKind::Area, k);
        for (std::size_t k = 0; k < f.indicators.size(); ++k)
            if (f.indicators[k].id == id) return found(ResultKind::Indicator, k);
        std::vector<std::string> ids;
        for (const auto& g : f.goals) ids.push_back(g.id);
        for (const auto& l : f.municipal_goals)
            if (!l.id.empty()) ids.push_back(l.id);
        for (const auto& l : f.areas)
            if (!l.id.empty()) ids.push_back(l.id);
        for (const auto& i : f.indicators) ids.push_back(i.id);
        if (is_key_figure(f, id)) {
            error(n.a, "rule.key-figure",
                  fmt::format("resultat('{}'): '{}' är ett nyckeltal (under 'nyckeltal:'); nyckeltal bedöms inte och har inget resultat att läsa", written, id));
            return Type::Error;
        }
        std::string msg = n.first ? fmt::format("resultat('{}'): nämndens fil {} har inget mål eller indikator med id:t '{}'", written, f.path, id)
                                  : fmt::format("resultat('{}'): regelfilen har inget mål eller indikator med det id:t", written);
        if (auto s = suggest(id, ids)) msg += fmt::format("; menade du '{}'?", *s);
        error(n.a, "rule.unknown-id", msg);
        return Type::Error;
    }

    Type call(Node& n) {
        const std::string& name = ast_.texts[n.text];
        const std::optional<Func> found = find_function(name);
        if (!found) {
            std::string msg = fmt::format("okänd funktion '{}'", name);
            // A longer spelling of a function ("medelvärde", "maximum") means that function.
            const std::vector<std::string> names = names_of<Func>(kFunctionCount);
            std::optional<std::string> guess;
            for (const auto& f : names)
                if (name.size() > f.size() && fold_word(name).starts_with(fold_word(f)) && (!guess || f.size() > guess->size())) guess = f;
            if (!guess) guess = suggest(name, names);
            if (guess) msg += fmt::format("; menade du '{}'?", *guess);
            error(n.offset, "rule.unknown-function", msg);
            return Type::Error;
        }
        n.sym = static_cast<std::uint16_t>(*found);
        const FunctionWord& word = word_of(*found);
        int lo = word.min_args, hi = word.max_args;
        int count = static_cast<int>(n.count);
        if (count < lo || (hi > 0 && count > hi)) {
            std::string want = hi == lo ? fmt::format("{}", lo) : hi == 0 ? fmt::format("minst {}", lo) : fmt::format("{} eller {}", lo, hi);
            error(n.offset, "rule.arity", fmt::format("{}(…) tar {} argument, men fick {} (argument skiljs åt med ';')", name, want, count));
            return Type::Error;
        }
        const Func fn = *found;
        if (ctx_ == Context::Goal && !word.in_goal_rules) {
            error(n.offset, "rule.indicator-variable-in-goal", fmt::format("{}(…) finns i indikatorregler, inte i ett måls bedömning", name));
            return Type::Error;
        }
        bool ok = true;
        for (std::uint32_t k = 0; k < n.count; ++k) {
            std::uint32_t arg = ast_.args[n.first + k];
            Type t = type(arg);
            if (t == Type::Error) { ok = false; continue; }
            if (fn == Func::Varde) {
                bool last = k + 1 == n.count;
                bool fine = (n.count == 1 && (t == Type::Period || t == Type::Num || t == Type::Text)) ||
                            (n.count == 2 && ((k == 0 && t == Type::Text) || (last && (t == Type::Period || t == Type::Num))));
                if (!fine) {
                    error(ast_.nodes[arg].offset, "rule.type", "värde(…) tar en period (värde(2023), värde(2023-08)), en serie (värde(\"kvinnor\")) eller båda (värde(\"kvinnor\"; 2023))");
                    ok = false;
                }
            } else if (fn == Func::MedelAr || fn == Func::SummaAr) {
                // n is how many years: a whole number written as such, so the years read are known before any value.
                const Node& a = ast_.nodes[arg];
                if (k == 0 && !(a.kind == NodeKind::Number && a.unit < 0 && a.num.decimals == 0 && a.num.v >= 1 && a.num.v <= kMaxYears)) {
                    error(a.offset, "rule.type", fmt::format("{}(n): n är antalet år, ett heltal från 1 till {} skrivet som tal, t.ex. {}(3)",
                                                           name, kMaxYears, name));
                    ok = false;
                } else if (k == 1 && t != Type::Text) {
                    error(a.offset, "rule.type", fmt::format("{}(n; \"serie\"): det andra argumentet är en serie inom citattecken, t.ex. {}(3; \"kvinnor\")", name, name));
                    ok = false;
                }
            } else if (fn == Func::Saknas || fn == Func::Finns) {
                if (t == Type::Bool || t == Type::Result) {
                    error(ast_.nodes[arg].offset, "rule.type", fmt::format("{}(…) tar ett värde, inte {}", name, type_word(t)));
                    ok = false;
                }
            } else if (t == Type::Status) {
                error(ast_.nodes[arg].offset, "rule.value-scale",
                      fmt::format("{}(…) räknar med tal, men indikatorn '{}' har ord som värden ('värdeskala:')", name, ind_->id));
                ok = false;
            } else if (t != Type::Num) {
                error(ast_.nodes[arg].offset, "rule.type", fmt::format("{}(…) räknar med tal, men här står {}", name, type_word(t)));
                ok = false;
            }
        }
        if (!ok) return Type::Error;
        if (ind_ && ind_->status() && word.type == WordType::Number) {
            // värde(…) is a word of the list; every other function counts with numbers.
            if (fn == Func::Varde) return Type::Status;
            if (fn == Func::MedelAr || fn == Func::SummaAr) {
                error(n.offset, "rule.value-scale",
                      fmt::format("{}(…) räknar med tal, men indikatorn '{}' har ord som värden ('värdeskala:')", name, ind_->id));
                return Type::Error;
            }
        }
        return word.type == WordType::Condition ? Type::Bool : Type::Num;
    }

    // A level named after `är` or a quantifier (Label::Level): its index in `skala` in Node::sym.
    bool resolve_level(Node& n) {
        const std::string& written = ast_.texts[n.text];
        if (const auto l = find_level(file_.scale, written)) {
            n.sym = *l;
            n.b = static_cast<std::uint32_t>(file_.scale[*l].base);  // what the quantifier counts over
            return true;
        }
        error(n.first, "rule.unknown-level", unknown_level_message(file_, written));
        return false;
    }

    // A quoted word (a String node, or one resolved before) becomes a Number
    // with kStatusWord: its position in this indicator's list.
    bool resolve_status_word(Node& s) {
        const std::string& word = ast_.texts[s.text];
        const auto at = find_status(word, ind_->value_scale);
        if (!at) {
            std::string msg = fmt::format("'{}' är inget av orden i indikatorns värdeskala ({})", word, scale_words(ind_->value_scale));
            if (auto sug = suggest(word, ind_->value_scale)) msg += fmt::format("; menade du '{}'?", *sug);
            error(s.offset, "rule.value-scale", msg);
            return false;
        }
        s.kind = NodeKind::Number;
        s.aux = kStatusWord;
        s.unit = -1;
        s.num = Decimal{static_cast<double>(*at), 0};
        return true;
    }

    // A status value compared: with another (värde > föregående) or with a
    // quoted word of its list (värde >= "Pågår"), which becomes its position.
    Type status_compare(Node& n, Type a, Type b) {
        for (const auto& [side, other] : {std::pair{n.a, b}, std::pair{n.b, a}}) {
            Node& s = ast_.nodes[side];
            if (s.kind == NodeKind::String && other == Type::Status) {
                if (!resolve_status_word(s)) return Type::Error;
                continue;
            }
            const Type t = side == n.a ? a : b;
            if (t != Type::Status) {
                error(s.offset, "rule.value-scale",
                      t == Type::Num ? fmt::format("indikatorn '{}' har ord som värden ('värdeskala:'); jämför med ett av orden inom citattecken, t.ex. värde >= \"{}\"",
                                                   ind_->id, ind_->value_scale[ind_->value_scale.size() / 2])
                                     : fmt::format("ett ord ur värdeskalan jämförs med ett annat eller med ett ord inom citattecken, men här står {}", type_word(t)));
                return Type::Error;
            }
        }
        return Type::Bool;
    }

    static constexpr int kMaxYears = 20;  // medel_år(n), summa_år(n)

    Ast& ast_;
    Context ctx_;
    std::vector<Finding>& out_;
    std::uint32_t base_;  // added to every offset: a template expression's place in its rule
    const IndicatorDef* ind_;
    const GoalDef* goal_;
    const RuleFile& file_;
    bool target_between_;
    const std::vector<const RuleFile*>* committees_;  // a roll-up's nämnder
};

std::string trimmed(const std::string& s) {
    std::size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    std::size_t e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

// A status indicator's target: a word of its list, alone or after a
// comparison (`Genomfört`, `minst Pågår`, `>= "Pågår"`), as a Number node with
// kStatusWord. Text of words only that is not one of the list is an error
// with "menade du …?"; anything else (`minst föregående`) is an ordinary target.
ParsedRule status_target(std::string_view text, const std::vector<std::string>& scale) {
    static const std::pair<std::string_view, TargetKind> kPrefixes[] = {
        {"samma eller högre än", TargetKind::Ge}, {"samma eller lägre än", TargetKind::Le},
        {"högre än", TargetKind::Gt}, {"lägre än", TargetKind::Lt}, {"minst", TargetKind::Ge}, {"högst", TargetKind::Le},
        {"max", TargetKind::Le}, {"över", TargetKind::Gt}, {"under", TargetKind::Lt}, {">=", TargetKind::Ge},
        {"<=", TargetKind::Le}, {">", TargetKind::Gt}, {"<", TargetKind::Lt}, {"=", TargetKind::Eq}};
    auto blank = [](char c) { return c == ' ' || c == '\t'; };
    std::size_t at = 0;
    while (at < text.size() && blank(text[at])) ++at;
    TargetKind kind = TargetKind::Bare;
    for (const auto& [prefix, k] : kPrefixes) {
        const std::size_t end = at + prefix.size();
        if (end > text.size() || fold_word(text.substr(at, prefix.size())) != fold_word(prefix)) continue;
        const bool symbol = prefix[0] == '>' || prefix[0] == '<' || prefix[0] == '=';
        if (!symbol && end < text.size() && !blank(text[end])) continue;  // a whole word
        kind = k;
        at = end;
        while (at < text.size() && blank(text[at])) ++at;
        break;
    }
    std::size_t end = text.size();
    while (end > at && (blank(text[end - 1]) || text[end - 1] == '\n' || text[end - 1] == '\r')) --end;
    std::string_view word = text.substr(at, end - at);
    std::size_t word_at = at;
    if (word.size() >= 2 && word.front() == '"' && word.back() == '"') {
        word = word.substr(1, word.size() - 2);
        ++word_at;
    }
    if (const auto pos = find_status(word, scale)) {
        ParsedRule out;
        Node n;
        n.kind = NodeKind::Number;
        n.aux = kStatusWord;
        n.num = Decimal{static_cast<double>(*pos), 0};
        n.offset = static_cast<std::uint32_t>(word_at);
        n.length = static_cast<std::uint32_t>(word.size());
        out.ast.nodes.push_back(n);
        out.ast.target = kind;
        out.ast.target_x = 0;
        return out;
    }
    // Words only, not led by a variable (föregående, värde …): meant as a word of the list.
    const bool words_only = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
        return !(c >= '0' && c <= '9') && std::string_view("+-*/()<>=;%").find(c) == std::string_view::npos;
    });
    const std::string first(word.substr(0, word.find(' ')));
    if (words_only && !find_variable(first)) {
        ParsedRule out;
        std::string msg = fmt::format("'{}' är inget av orden i indikatorns värdeskala ({})", word, scale_words(scale));
        if (auto s = suggest(word, scale)) msg += fmt::format("; menade du '{}'?", *s);
        out.errors.push_back(SyntaxError{word_at, std::move(msg)});
        return out;
    }
    return parse_target(text);
}

class Compiler {
public:
    Compiler(const RuleFile& f, const SourceSet& s, Diagnostics& d, std::vector<const Model*> committees)
        : file_(f), sources_(s), diags_(d), committee_models_(std::move(committees)) {
        for (const Model* c : committee_models_) committees_.push_back(c->file);
    }
    Position rule_position(std::uint32_t offset) const { return sources_.file(file_.file).position_at(offset); }

    Model run() {
        Model m;
        m.file = &file_;
        model_ = &m;
        builtin_indicator_ = add_builtin(kBuiltinIndicatorRule, "inbyggd indikatorregel");
        builtin_goal_ = add_builtin(kBuiltinGoalRule, "inbyggd målregel");
        const Position start{file_.path, 0, 0};
        check(builtin_indicator_, Checker::Context::Indicator, nullptr, nullptr, start, false);
        check(builtin_goal_, Checker::Context::Goal, nullptr, nullptr, start, false);
        if (file_.standard_rule.present) standard_indicator_ = add_text(file_.standard_rule, RuleOrigin::Standard, "standardregel");
        if (file_.standard_goal_rule.present) standard_goal_ = add_text(file_.standard_goal_rule, RuleOrigin::Standard, "standardbedömning");
        for (const auto& [name, text] : file_.named_rules) named_[name] = add_text(text, RuleOrigin::Named, name);

        m.indicators.reserve(file_.indicators.size());
        target_refs_.reserve(file_.indicators.size());
        for (const auto& ind : file_.indicators) m.indicators.push_back(indicator(ind));
        m.goals.reserve(file_.goals.size());
        for (const auto& g : file_.goals) m.goals.push_back(goal(g));
        for (const auto& l : file_.municipal_goals) m.municipal_goals.push_back(level(l));
        for (const auto& l : file_.areas) m.areas.push_back(level(l));
        m.committees = committee_models_;
        if (file_.rollup()) match_committees(m);
        m.goal_order = judging_order(m);
        check_key_figure_series();
        // Model::targets is complete: point each indicator into it.
        for (std::size_t i = 0; i < m.indicators.size(); ++i) {
            const auto [target, progress] = target_refs_[i];
            if (target != kNone) m.indicators[i].target = &m.targets[target];
            if (progress != kNone) m.indicators[i].progress_target = &m.targets[progress];
            CompiledIndicator& ci = m.indicators[i];
            ci.reads_history = reads_history(*ci.target) || reads_history(*ci.progress_target) || reads_history(m.rules[ci.rule].ast);
            for (const auto& parts : m.rules[ci.rule].templates)
                for (const auto& part : parts) ci.reads_history = ci.reads_history || (part.is_expression && reads_history(part.expression));
        }
        for (CompiledRule& r : m.rules) shape_clauses(r.ast);
        return m;
    }

private:
    static ClauseShape derived_shape(Var v) {
        return v == Var::Uppnatt      ? ClauseShape::Reached
               : v == Var::Forbattrat ? ClauseShape::Improved
               : v == Var::Forsamrat  ? ClauseShape::Worsened
                                      : ClauseShape::Unchanged;
    }

    // Clause::shape for the usual forms, once the names are resolved.
    static void shape_clauses(Ast& ast) {
        auto derived = [&](std::uint32_t i) {
            const Node& n = ast.nodes[i];
            return n.kind == NodeKind::Variable && word_of(static_cast<Var>(n.sym)).derived;
        };
        for (Clause& c : ast.clauses) {
            c.shape = ClauseShape::Tree;
            if (c.condition == kNone) {
                c.shape = ClauseShape::Always;
                continue;
            }
            const Node& n = ast.nodes[c.condition];
            if (derived(c.condition)) {
                c.shape = derived_shape(static_cast<Var>(n.sym));
                c.shape_sym = n.sym;
            } else if (n.kind == NodeKind::Not && derived(n.a)) {
                c.shape_sym = ast.nodes[n.a].sym;
                c.shape = negated(derived_shape(static_cast<Var>(c.shape_sym)));
            } else if (n.kind == NodeKind::Call && n.count == 1 && ast.nodes[ast.args[n.first]].kind == NodeKind::Variable &&
                       (static_cast<Func>(n.sym) == Func::Saknas || static_cast<Func>(n.sym) == Func::Finns)) {
                c.shape = static_cast<Func>(n.sym) == Func::Saknas ? ClauseShape::Missing : ClauseShape::Present;
                c.shape_sym = ast.nodes[ast.args[n.first]].sym;
            }
        }
        lead_clauses(ast);
    }

    // Ast::leading: the leading clauses of the usual forms, each distinct condition once.
    static void lead_clauses(Ast& ast) {
        LeadingClauses& lead = ast.leading;
        lead = {};
        for (const Clause& c : ast.clauses) {
            if (c.shape == ClauseShape::Tree || lead.count == 64) break;
            const std::uint64_t bit = std::uint64_t{1} << lead.count++;
            if (c.shape == ClauseShape::Always) {
                lead.always |= bit;
                continue;
            }
            // `inte uppnått` tests uppnått, `finns(x)` whether x is missing: sant when that is falskt.
            const bool negated = is_not_derived(c.shape) || c.shape == ClauseShape::Present;
            const ClauseShape tested = is_not_derived(c.shape)            ? unnegated(c.shape)
                                       : c.shape == ClauseShape::Present ? ClauseShape::Missing
                                                                         : c.shape;
            const std::uint16_t sym = tested == ClauseShape::Missing ? c.shape_sym : 0;
            auto same = [&](const ClauseTest& t) { return t.shape == tested && t.sym == sym; };
            auto it = std::find_if(lead.tests.begin(), lead.tests.end(), same);
            ClauseTest& t = it != lead.tests.end() ? *it : lead.tests.emplace_back(ClauseTest{tested, sym});
            t.makes_sant[negated ? 0 : 1] |= bit;  // Tri::Falskt, Tri::Sant
        }
    }

    static bool reads_history(const Ast& ast) {
        for (const Node& n : ast.nodes) {
            if (n.kind != NodeKind::Variable) continue;
            const auto v = static_cast<Var>(n.sym);
            if (v == Var::Bas || v == Var::Basar || v == Var::Trend || v == Var::Framsteg) return true;
        }
        return false;
    }

    // A nyckeltal is only shown, never read by a rule: a value in a series its
    // table does not show (not the main series, `serier`, the shares of
    // `andel` or the forecast) is an error, once per row and series, at its first value.
    void check_key_figure_series() {
        const ValueStore& vs = file_.values;
        for (std::uint32_t r = 0; r < file_.key_figures.size(); ++r) {
            const KeyFigureRow& row = file_.key_figures[r];
            std::vector<std::string> shown = row.series;
            if (!row.share.empty()) {
                shown.push_back(row.share);
                for (const auto& sub : row.series) shown.push_back(row.share_of(sub));
                shown.push_back(row.share_of("prognos"));
            }
            shown.push_back("prognos");
            std::vector<SeriesId> known{0}, reported;
            for (const auto& name : shown)
                if (auto id = vs.find_series(name)) known.push_back(*id);
            const auto [b, e] = vs.of_indicator(file_.key_figure_owner(r));
            for (const DataValue* v = b; v != e; ++v) {
                if (std::find(known.begin(), known.end(), v->series) != known.end() ||
                    std::find(reported.begin(), reported.end(), v->series) != reported.end())
                    continue;
                reported.push_back(v->series);
                const std::string& name = vs.series_name(*v);
                std::string msg = fmt::format("serien '{}' visas inte i nyckeltalet '{}': ", name, row.id);
                if (row.share.empty())
                    msg += fmt::format("lägg den i 'serier:' (en egen rad), eller skriv 'andel: {}' om värdet är en andel som ska stå inom parentes efter värdet", name);
                else {
                    std::string shares = "'" + row.share + "'";
                    for (const auto& sub : row.series) shares += ", '" + row.share_of(sub) + "'";
                    msg += fmt::format("den står inte i 'serier:' och är ingen av andelarna ({})", shares);
                }
                if (auto near = suggest(name, shown)) msg += fmt::format("; menade du '{}'?", *near);
                diags_.error("value.key-figure-series", vs.position(*v), std::move(msg));
            }
        }
    }

    // A roll-up: each nämnd's kommunmål joins the roll-up's of the same name
    // (name_key), and its nämndmål become that kommunmål's children, in the
    // order of `nämnder:`, then file order.
    static bool same_scale(const std::vector<ScaleLevel>& a, const std::vector<ScaleLevel>& b) {
        if (a.size() != b.size()) return false;
        for (std::size_t k = 0; k < a.size(); ++k)
            if (a[k].code != b[k].code || a[k].label != b[k].label || a[k].base != b[k].base || a[k].standard != b[k].standard ||
                a[k].symbol != b[k].symbol || a[k].delar_label != b[k].delar_label || a[k].table_label != b[k].table_label)
                return false;
        return true;
    }

    void match_committees(Model& m) {
        std::unordered_map<std::string, std::uint32_t> by_name;
        std::vector<std::string> names;
        for (std::uint32_t k = 0; k < file_.municipal_goals.size(); ++k) {
            const LevelDef& mg = file_.municipal_goals[k];
            names.push_back(mg.name);
            const auto [at, fresh] = by_name.emplace(name_key(mg.name), k);
            if (!fresh)
                diags_.error("rollup.same-name", mg.name_value_pos,
                             fmt::format("två kommunmål heter '{}'; nämndernas kommunmål kopplas till kommunens med namnet, så namnen måste skilja sig åt "
                                         "(det andra står på rad {})",
                                         mg.name, file_.municipal_goals[at->second].name_value_pos.line));
        }
        m.municipal_children.assign(file_.municipal_goals.size(), {});
        for (std::uint32_t c = 0; c < committee_models_.size(); ++c) {
            const RuleFile& nf = *committee_models_[c]->file;
            const std::string& short_id = file_.committees[c].id;
            // One scale for the whole annual report: a level means the same in every file.
            if (!same_scale(file_.scale, nf.scale))
                diags_.error("rollup.scale", nf.scale.empty() ? nf.committee_pos : nf.scale_pos,
                             nf.scale.empty() ? fmt::format("{} har en 'skala:' men nämndens fil har ingen; en sammanställning och dess nämnder har samma skala", file_.path)
                             : file_.scale.empty() ? fmt::format("nämndens 'skala:' finns inte i {}; en sammanställning och dess nämnder har samma skala", file_.path)
                                                   : fmt::format("nämndens 'skala:' skiljer sig från den i {}; en sammanställning och dess nämnder har samma skala", file_.path));
            for (const LevelDef& mg : nf.municipal_goals) {
                const auto at = by_name.find(name_key(mg.name));
                if (at == by_name.end()) {
                    std::string msg = fmt::format("kommunmålet '{}' finns inte bland kommunmålen i {}; nämndens kommunmål ska heta som kommunens", mg.name,
                                                  file_.path);
                    if (auto s = suggest(mg.name, names)) msg += fmt::format("; menade du '{}'?", *s);
                    diags_.error("rollup.unknown-goal", mg.name_value_pos, msg);
                    continue;
                }
                for (std::uint32_t g : mg.goals) m.municipal_children[at->second].push_back({c, g, short_id + "/" + nf.goals[g].id});
            }
            for (const GoalDef& g : nf.goals)
                if (!g.municipal_index)
                    diags_.warning("rollup.goal-without-municipal-goal", g.pos,
                                   fmt::format("nämndmålet '{}' står direkt under målområdet '{}' och räknas därför inte in i något kommunmål i {}",
                                               g.id, g.area, file_.path));
        }
    }

    std::uint32_t add_builtin(const char* text, const char* name) {
        CompiledRule r;
        ParsedRule p = parse_rule(text);
        r.ast = std::move(p.ast);
        r.origin = RuleOrigin::Builtin;
        r.name = name;
        r.source = text;
        model_->rules.push_back(std::move(r));
        return static_cast<std::uint32_t>(model_->rules.size() - 1);
    }

    // Parses once; a parse error is reported here, checks per use.
    std::uint32_t add_text(const SourceText& t, RuleOrigin origin, std::string name) {
        CompiledRule r;
        ParsedRule p = parse_rule(t.text, !file_.scale.empty());
        for (const auto& e : p.errors) diags_.error("rule.syntax", text_position(sources_, t, e.offset), e.message);
        // A clause that begins with a level's name: that level, counted as its `som`.
        for (Clause& c : p.ast.clauses) {
            if (c.level_text == kNone) continue;
            const std::string& written = p.ast.texts[c.level_text];
            if (const auto l = find_level(file_.scale, written)) {
                c.level = *l;
                c.outcome = file_.scale[*l].base;
                continue;
            }
            diags_.error("rule.unknown-level", text_position(sources_, t, c.offset), unknown_level_message(file_, written));
        }
        if (p.ok() && p.ast.clauses.empty())
            diags_.error("rule.empty", text_position(sources_, t, 0), "regeln har inga satser; skriv t.ex. 'uppfyllt om uppnått'");
        r.ast = std::move(p.ast);
        r.origin = origin;
        r.name = std::move(name);
        r.text = &t;
        r.source = t.text;
        split_templates(r, t);
        model_->rules.push_back(std::move(r));
        return static_cast<std::uint32_t>(model_->rules.size() - 1);
    }

    // Splits each clause's template into text and parsed `{expression}`s;
    // offsets point into the raw rule text (where `""` is one quote).
    void split_templates(CompiledRule& r, const SourceText& t) {
        r.templates.resize(r.ast.clauses.size());
        for (std::size_t k = 0; k < r.ast.clauses.size(); ++k) {
            const Clause& c = r.ast.clauses[k];
            if (c.template_text == kNone) continue;
            const std::string& tpl = r.ast.texts[c.template_text];
            // raw[i]: offset in the rule text of template character i.
            std::vector<std::uint32_t> raw(tpl.size() + 1);
            std::uint32_t pos = c.template_offset;
            for (std::size_t i = 0; i < tpl.size(); ++i) {
                raw[i] = pos;
                pos += (tpl[i] == '"') ? 2 : 1;
            }
            raw[tpl.size()] = pos;
            std::vector<TemplatePart>& parts = r.templates[k];
            TemplatePart lit;
            for (std::size_t i = 0; i < tpl.size(); ++i) {
                if (tpl.compare(i, 2, "{{") == 0 || tpl.compare(i, 2, "}}") == 0) {
                    lit.text += tpl[i];
                    ++i;
                    continue;
                }
                if (tpl[i] == '}') {
                    diags_.error("template.syntax", text_position(sources_, t, raw[i]), "'}' utan '{' i motiveringen; skriv '}}' för en klammer");
                    continue;
                }
                if (tpl[i] != '{') {
                    lit.text += tpl[i];
                    continue;
                }
                std::size_t e = tpl.find('}', i);
                if (e == std::string::npos) {
                    diags_.error("template.syntax", text_position(sources_, t, raw[i]), "'{' stängs aldrig med '}' i motiveringen; skriv '{{' för en klammer");
                    break;
                }
                if (!lit.text.empty()) parts.push_back(std::move(lit));
                lit = TemplatePart{};
                TemplatePart ex;
                ex.is_expression = true;
                ex.offset = raw[i + 1];
                ex.text = tpl.substr(i + 1, e - i - 1);
                ParsedRule pe = parse_expression(std::string_view(tpl).substr(i + 1, e - i - 1), !file_.scale.empty());
                for (const auto& err : pe.errors)
                    diags_.error("template.syntax", text_position(sources_, t, raw[i + 1 + err.offset]), err.message);
                ex.expression = std::move(pe.ast);
                if (pe.ok()) parts.push_back(std::move(ex));
                i = e;
            }
            if (!lit.text.empty()) parts.push_back(std::move(lit));
        }
    }

    // A `regel:`/`bedömning:` that is exactly a name in `regler:` means that rule.
    std::uint32_t resolve(const SourceText& t, std::uint32_t fallback) {
        if (!t.present) return fallback;
        std::string name = trimmed(t.text);
        auto it = named_.find(name);
        if (it != named_.end()) return it->second;
        // One word that is not a name in `regler:` is most likely a misspelt name.
        if (!name.empty() && name.find_first_of(" \t\n") == std::string::npos && !named_.empty()) {
            std::vector<std::string> names;
            for (const auto& [n, i] : file_.named_rules) names.push_back(n);
            std::string msg = fmt::format("'{}' är ingen regel i 'regler:'", name);
            if (auto sug = suggest(name, names)) msg += fmt::format("; menade du '{}'?", *sug);
            else msg += "; en regel skrivs som satser, t.ex. 'uppfyllt om uppnått'";
            diags_.error("rule.unknown-named-rule", text_position(sources_, t, 0), msg);
            return fallback;
        }
        return add_text(t, RuleOrigin::Own, "");
    }

    // What a rule's check reads besides its text and context (see Checker):
    // the indicator's unit only through numbers with a unit and comparisons,
    // `mellan` only through `mål`, the goal only through `indikator(…)`.
    struct RuleState {
        bool analysed = false;
        bool checked = false;  // its names are resolved in place
        bool unit = false, mal = false, goal = false;
        std::unordered_map<std::string, std::vector<Finding>> done;  // by context_key
    };

    static void analyse(const Ast& ast, RuleState& st) {
        for (const Node& n : ast.nodes) {
            if ((n.kind == NodeKind::Number && n.unit >= 0) || n.kind == NodeKind::Compare) st.unit = true;
            if (n.kind == NodeKind::Variable && folds_equal(ast.texts[n.text], var_name(Var::Mal))) st.mal = true;
            if (n.kind == NodeKind::Indicator && n.aux != kResultOf) st.goal = true;  // resultat(…) reads the file, not the goal
        }
    }

    // Two uses with the same key get the same findings from the check.
    std::string context_key(const RuleState& st, Checker::Context ctx, const IndicatorDef* ind, const GoalDef* goal,
                            bool between) const {
        std::string key(1, static_cast<char>('0' + static_cast<int>(ctx)));
        if (ctx == Checker::Context::Indicator) {
            key += st.mal && between ? 'm' : '-';
            if (st.unit) {
                key += ind ? 'u' : 'n';
                if (ind) key += ind->unit;
            }
            // A status indicator's rule is checked for its list: the words' positions are resolved in place.
            if (ind && ind->status()) {
                key += 's';
                for (const auto& w : ind->value_scale) key += w + '\x1f';
            }
        }
        if (ctx == Checker::Context::Goal && st.goal && goal)
            key += 'g' + std::to_string(static_cast<std::size_t>(goal - file_.goals.data()));
        return key;
    }

    // A rule is checked once per context it depends on (usually once for the
    // whole file). The first check resolves the rule's names in place; one in
    // another context checks a copy. Each problem is listed once: at its place
    // in the rule text, or for a built-in rule (no text) at `at`.
    void check(std::uint32_t rule, Checker::Context ctx, const IndicatorDef* ind, const GoalDef* goal, const Position& at,
               bool between) {
        if (rule_states_.size() < model_->rules.size()) rule_states_.resize(model_->rules.size());
        CompiledRule& r = model_->rules[rule];
        RuleState& st = rule_states_[rule];
        if (!st.analysed) {
            st.analysed = true;
            analyse(r.ast, st);
            for (const auto& parts : r.templates)
                for (const auto& part : parts)
                    if (part.is_expression) analyse(part.expression, st);
        }
        std::string key = context_key(st, ctx, ind, goal, between);
        if (auto it = st.done.find(key); it != st.done.end()) {
            // The same findings again: a rule in the file has reported them at
            // the same places already.
            if (!r.text) report(r, it->second, at);
            return;
        }
        const bool first = !st.checked;
        st.checked = true;
        std::vector<Finding> found;
        Ast copy;
        if (!first) copy = r.ast;
        Checker c(first ? r.ast : copy, ctx, found, 0, ind, goal, file_, between, &committees_);
        c.rule();
        // One rule, one set of positions: a quoted word must stand at the same place in every list that uses the rule.
        if (!first && ind && ind->status() && found.empty())
            for (std::size_t k = 0; k < copy.nodes.size(); ++k)
                if (copy.nodes[k].aux == kStatusWord && copy.nodes[k].kind == NodeKind::Number &&
                    !(r.ast.nodes[k].kind == NodeKind::Number && r.ast.nodes[k].aux == kStatusWord && r.ast.nodes[k].num.v == copy.nodes[k].num.v)) {
                    diags_.error("rule.value-scale", ind->value_scale_pos,
                                 fmt::format("regeln för indikatorn '{}' jämför med '{}', som står på en annan plats i den här värdeskalan än hos "
                                             "en annan indikator med samma regel; ge indikatorerna samma värdeskala eller var sin regel",
                                             ind->id, copy.texts[copy.nodes[k].text]));
                    break;
                }
        for (auto& parts : r.templates)
            for (auto& part : parts) {
                if (!part.is_expression) continue;
                Ast tcopy;
                if (!first) tcopy = part.expression;
                Checker tc(first ? part.expression : tcopy, ctx, found, part.offset, ind, goal, file_, between, &committees_);
                tc.template_expression();
            }
        ++model_->counts.rule_checks;
        report(r, found, at);
        st.done.emplace(std::move(key), std::move(found));
    }

    void report(const CompiledRule& r, const std::vector<Finding>& found, const Position& at) {
        for (const Finding& f : found) {
            Position pos = r.text ? text_position(sources_, *r.text, f.offset) : at;
            std::string key = fmt::format("{}:{}:{}:{}", pos.file, pos.line, pos.col, f.message);
            if (reported_.insert(std::move(key)).second) diags_.error(f.code, std::move(pos), f.message);
        }
    }

    // One distinct target text: parsed once, checked once per indicator unit
    // (a target's check reads nothing else of its indicator). Its problems are
    // reported for each indicator at that indicator's own text.
    struct TargetEntry {
        std::vector<SyntaxError> errors;
        std::uint32_t ast = kNone;  // in Model::targets, when the text parses
        std::vector<std::pair<std::string, std::vector<Finding>>> checks;  // by `enhet` as written
    };

    // `mål: Öka`, `mål: "Ska minska"`: a direction written as a target. Its
    // message, else nothing.
    static std::optional<SyntaxError> direction_as_target(std::string_view text) {
        const std::size_t at = text.find_first_not_of(" \t\"'");
        if (at == std::string_view::npos || text.find_first_of("0123456789") != std::string_view::npos) return std::nullopt;
        std::string words = fold_word(text.substr(at));
        for (const char* lead : {"ska ", "skall ", "bor "})
            if (words.starts_with(lead)) words.erase(0, std::string_view(lead).size());
        const std::string first = words.substr(0, words.find_first_of(" ,.\"'"));
        static const std::pair<const char*, const char*> kWords[] = {
            {"oka", "öka"}, {"okas", "öka"}, {"okning", "öka"}, {"hojas", "öka"}, {"forbattras", "öka"},
            {"minska", "minska"}, {"minskas", "minska"}, {"minskning", "minska"}, {"sankas", "minska"},
            {"bibehalla", "bibehålla"}, {"bibehallas", "bibehålla"}, {"behalla", "bibehålla"}, {"behallas", "bibehålla"},
            {"oforandrad", "bibehålla"}, {"oforandrat", "bibehålla"}};
        for (const auto& [word, direction] : kWords)
            if (first == word)
                return SyntaxError{at, fmt::format("ett mål är ett värde att nå; en önskad riktning utan målvärde skrivs 'riktning: {}' "
                                                   "och ingen 'mål:' (indikatorn bedöms då på utvecklingen)", direction)};
        return std::nullopt;
    }

    std::uint32_t target_entry(const std::string& text, const IndicatorDef& ind) {
        std::string key = text;
        if (ind.status())  // a status word's position depends on the list
            for (const auto& w : ind.value_scale) key += '\x1f' + w;
        auto [it, fresh] = target_index_.try_emplace(std::move(key), static_cast<std::uint32_t>(target_entries_.size()));
        if (!fresh) return it->second;
        TargetEntry e;
        ParsedRule p;
        if (auto direction = ind.status() ? std::nullopt : direction_as_target(text)) p.errors.push_back(std::move(*direction));
        else p = ind.status() ? status_target(text, ind.value_scale) : parse_target(text);
        e.errors = std::move(p.errors);
        if (e.errors.empty()) {
            e.ast = static_cast<std::uint32_t>(model_->targets.size());
            model_->targets.push_back(std::move(p.ast));
        }
        target_entries_.push_back(std::move(e));
        ++model_->counts.target_texts;
        return it->second;
    }

    // Resolves the target's names in place: they depend on the text alone.
    const std::vector<Finding>& target_findings(TargetEntry& e, const IndicatorDef& ind) {
        for (const auto& [unit, found] : e.checks)
            if (unit == ind.unit) return found;
        std::vector<Finding> found;
        Checker c(model_->targets[e.ast], Checker::Context::Target, found, 0, &ind, nullptr, file_);
        c.target();
        ++model_->counts.target_checks;
        e.checks.emplace_back(ind.unit, std::move(found));
        return e.checks.back().second;
    }

    CompiledIndicator indicator(const IndicatorDef& ind) {
        CompiledIndicator ci;
        ci.direction = ind.direction;
        ci.accumulated = ind.accumulated;
        ci.compares = !ind.comparison.empty();
        ci.manual = ind.manual.has_value();
        ci.judged_series = static_cast<std::uint32_t>(ind.judged_series.size());
        ci.series_break = ind.series_break.value_or(0);
        ci.tolerance = ind.tolerance;
        ci.weight = ind.weight;
        ci.target_year = ind.target_year.value_or(file_.year);
        // The target: `mål`, or the entry for `år` in a per-year map; `framsteg`
        // aims at the entry for `målår` (default the map's last year).
        const SourceText* target = ind.target.present ? &ind.target : nullptr;
        const SourceText* progress = nullptr;
        if (!ind.targets_per_year.empty()) {
            if (!ind.target_year) ci.target_year = ind.targets_per_year.back().first;
            for (const auto& [y, t] : ind.targets_per_year) {
                if (y == file_.year) target = &t;
                if (y == ci.target_year) progress = &t;
            }
            if (!target && file_.kind != ReportKind::Budget)
                diags_.error("target.year", rule_position(ind.target_at), fmt::format("'mål:' för indikatorn '{}' har inget värde för år {}", ind.id, file_.year));
            if (!progress) {
                std::string years;
                for (const auto& [y, t] : ind.targets_per_year) years += (years.empty() ? "" : ", ") + std::to_string(y);
                diags_.error("target.year", rule_position(ind.target_year ? ind.target_year_at : ind.target_at),
                             fmt::format("'målår: {}' för indikatorn '{}' finns inte bland målets år ({})", ci.target_year, ind.id, years));
            }
        }
        ci.target_text = target;
        bool between = false;
        std::uint32_t target_ast = kNone, progress_ast = kNone;
        // Every year's target is checked, not only this year's; each distinct
        // text is parsed once for the whole file.
        auto use = [&](const SourceText* t) {
            const std::uint32_t k = target_entry(t->text, ind);
            TargetEntry& e = target_entries_[k];
            for (const auto& err : e.errors) diags_.error("target.syntax", text_position(sources_, *t, err.offset), err.message);
            if (e.ast == kNone) return;
            for (const Finding& f : target_findings(e, ind)) diags_.error(f.code, text_position(sources_, *t, f.offset), f.message);
            if (t == progress) progress_ast = e.ast;
            if (t == target) {
                between = model_->targets[e.ast].target == TargetKind::Between;
                target_ast = e.ast;
            }
        };
        if (ind.target.present) use(&ind.target);
        for (const auto& [y, t] : ind.targets_per_year) use(&t);
        target_refs_.emplace_back(target_ast, progress_ast);
        std::uint32_t fallback = standard_indicator_ != kNone ? standard_indicator_ : builtin_indicator_;
        ci.rule = resolve(ind.rule, fallback);
        check(ci.rule, Checker::Context::Indicator, &ind, nullptr, ind.pos, between);
        return ci;
    }

    CompiledGoal goal(const GoalDef& g) {
        CompiledGoal cg;
        std::uint32_t fallback = standard_goal_ != kNone ? standard_goal_ : builtin_goal_;
        cg.rule = resolve(g.rule, fallback);
        check(cg.rule, Checker::Context::Goal, nullptr, &g, g.pos, false);
        return cg;
    }

    // A judged kommunmål or målområde: its `bedömning`, else the built-in goal
    // rule (`standardbedömning` is for nämndmål). A heading has no rule.
    CompiledGoal level(const LevelDef& l) {
        CompiledGoal cg;
        cg.rule = kNone;
        if (!l.judged()) return cg;
        cg.rule = resolve(l.rule, builtin_goal_);
        check(cg.rule, Checker::Context::Goal, nullptr, nullptr, l.pos, false);
        return cg;
    }

    // The goals one judged goal reads before it is judged: its children, and
    // what its rule's resultat(…) names.
    struct Reads {
        std::vector<GoalRef> goals;
        std::vector<std::uint32_t> result_offsets;  // where each resultat( is written in the rule text
    };
    Reads reads_of(const Model& m, GoalRef r) const {
        Reads out;
        const CompiledGoal& cg = r.level == GoalLevel::Goal ? m.goals[r.index]
                                 : r.level == GoalLevel::MunicipalGoal ? m.municipal_goals[r.index]
                                                                       : m.areas[r.index];
        if (r.level == GoalLevel::MunicipalGoal)
            for (std::uint32_t g : file_.municipal_goals[r.index].goals) out.goals.push_back({GoalLevel::Goal, g});
        if (r.level == GoalLevel::Area) {
            for (std::uint32_t k : file_.areas[r.index].municipal_goals)
                if (file_.municipal_goals[k].judged()) out.goals.push_back({GoalLevel::MunicipalGoal, k});
            for (std::uint32_t g : file_.areas[r.index].goals) out.goals.push_back({GoalLevel::Goal, g});
        }
        if (cg.rule == kNone) return out;
        const CompiledRule& rule = m.rules[cg.rule];
        auto scan = [&](const Ast& ast) {
            for (const Node& n : ast.nodes) {
                if (n.kind != NodeKind::Indicator || n.aux != kResultOf || n.b == kNone) continue;
                if (n.first != 0) continue;  // a nämnd's goal: judged with its nämnd, before the roll-up
                const auto k = static_cast<ResultKind>(n.sym);
                if (k == ResultKind::Indicator) continue;  // indicators are judged first
                out.goals.push_back({k == ResultKind::Goal ? GoalLevel::Goal : k == ResultKind::MunicipalGoal ? GoalLevel::MunicipalGoal : GoalLevel::Area, n.b});
                out.result_offsets.push_back(n.offset);
            }
        };
        scan(rule.ast);
        for (const auto& parts : rule.templates)
            for (const auto& part : parts)
                if (part.is_expression) scan(part.expression);
        return out;
    }

    // Every judged goal in an order where what it reads comes first: nämndmål,
    // then kommunmål, then målområden, each in file order, moved later only
    // where resultat(…) says so. Goals that read each other in a circle are an
    // error naming the circle, at its first resultat( in file order.
    std::vector<GoalRef> judging_order(const Model& m) {
        std::vector<GoalRef> nodes;
        for (std::uint32_t g = 0; g < file_.goals.size(); ++g) nodes.push_back({GoalLevel::Goal, g});
        for (std::uint32_t k = 0; k < file_.municipal_goals.size(); ++k)
            if (file_.municipal_goals[k].judged()) nodes.push_back({GoalLevel::MunicipalGoal, k});
        for (std::uint32_t k = 0; k < file_.areas.size(); ++k)
            if (file_.areas[k].judged()) nodes.push_back({GoalLevel::Area, k});
        // Where each goal is among the nodes, by level and index.
        std::vector<std::size_t> slots[3] = {std::vector<std::size_t>(file_.goals.size(), kNone),
                                             std::vector<std::size_t>(file_.municipal_goals.size(), kNone),
                                             std::vector<std::size_t>(file_.areas.size(), kNone)};
        for (std::size_t i = 0; i < nodes.size(); ++i) slots[static_cast<int>(nodes[i].level)][nodes[i].index] = i;
        auto slot = [&](GoalRef r) { return slots[static_cast<int>(r.level)][r.index]; };
        // Edges from what is read to the reader.
        std::vector<std::vector<std::size_t>> readers(nodes.size());
        std::vector<std::size_t> waiting(nodes.size(), 0);
        std::vector<Reads> reads(nodes.size());
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            reads[i] = reads_of(m, nodes[i]);
            for (GoalRef r : reads[i].goals)
                if (std::size_t from = slot(r); from != kNone) {
                    readers[from].push_back(i);
                    ++waiting[i];
                }
        }
        // The first ready goal in the nodes' order goes next (a heap of slots).
        std::vector<GoalRef> order;
        std::vector<bool> done(nodes.size(), false);
        std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
        for (std::size_t i = 0; i < nodes.size(); ++i)
            if (!waiting[i]) ready.push(i);
        while (!ready.empty()) {
            const std::size_t i = ready.top();
            ready.pop();
            done[i] = true;
            order.push_back(nodes[i]);
            for (std::size_t r : readers[i])
                if (--waiting[r] == 0) ready.push(r);
        }
        if (order.size() == nodes.size()) return order;
        // A circle: follow what a waiting goal reads among the waiting ones until one repeats.
        std::size_t at = 0;
        while (done[at]) ++at;
        std::vector<std::size_t> path;
        std::vector<bool> on_path(nodes.size(), false);
        while (!on_path[at]) {
            on_path[at] = true;
            path.push_back(at);
            for (GoalRef r : reads[at].goals)
                if (std::size_t from = slot(r); from != kNone && !done[from]) {
                    at = from;
                    break;
                }
        }
        const auto start = std::find(path.begin(), path.end(), at);
        std::vector<std::size_t> circle(start, path.end());
        std::reverse(circle.begin(), circle.end());  // reader after what it reads
        std::string names;
        for (std::size_t i : circle) names += id_of(nodes[i]) + " → ";
        names += id_of(nodes[circle.front()]);
        // At the first resultat( in file order among the goals of the circle.
        Position where;
        bool have = false;
        for (std::size_t i : circle) {
            const CompiledGoal& cg = nodes[i].level == GoalLevel::Goal ? m.goals[nodes[i].index]
                                     : nodes[i].level == GoalLevel::MunicipalGoal ? m.municipal_goals[nodes[i].index]
                                                                                   : m.areas[nodes[i].index];
            if (cg.rule == kNone || reads[i].result_offsets.empty() || !m.rules[cg.rule].text) continue;
            const Position p = text_position(sources_, *m.rules[cg.rule].text, reads[i].result_offsets.front());
            if (!have || p.line < where.line || (p.line == where.line && p.col < where.col)) where = p, have = true;
        }
        if (!have) where = Position{file_.path, 0, 0};
        diags_.error("rule.circle", where, fmt::format("målens bedömningar läser varandras resultat i en cirkel: {}; bryt cirkeln", names));
        for (std::size_t i = 0; i < nodes.size(); ++i)
            if (!done[i]) order.push_back(nodes[i]);
        return order;
    }

    std::string id_of(GoalRef r) const {
        switch (r.level) {
            case GoalLevel::Goal: return file_.goals[r.index].id;
            case GoalLevel::MunicipalGoal: return file_.municipal_goals[r.index].id;
            case GoalLevel::Area: return file_.areas[r.index].id;
        }
        return "";
    }

    const RuleFile& file_;
    const SourceSet& sources_;
    Diagnostics& diags_;
    std::vector<const Model*> committee_models_;  // a roll-up's nämnder
    std::vector<const RuleFile*> committees_;     // their files, for resultat(NÄMND/ID)
    Model* model_ = nullptr;
    std::uint32_t builtin_indicator_ = kNone, builtin_goal_ = kNone;
    std::uint32_t standard_indicator_ = kNone, standard_goal_ = kNone;
    std::map<std::string, std::uint32_t> named_;
    std::vector<RuleState> rule_states_;        // parallel to Model::rules
    std::set<std::string> reported_;
    std::unordered_map<std::string, std::uint32_t> target_index_;  // target text → target_entries_
    std::vector<TargetEntry> target_entries_;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> target_refs_;  // per indicator: (target, progress) in Model::targets
};

}  // namespace

Model compile(const RuleFile& file, const SourceSet& sources, Diagnostics& diags, std::vector<const Model*> committees) {
    return Compiler(file, sources, diags, std::move(committees)).run();
}

}  // namespace malkoll
