#include "grammar/parse_rule.hpp"

#include <charconv>
#include <memory>

#include <tao/pegtl/contrib/limit_depth.hpp>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include "grammar/rule_grammar.hpp"
#include "grammar/vocabulary.hpp"

namespace malkoll {

namespace g = grammar;
namespace pt = tao::pegtl::parse_tree;

namespace {

// Every message a controller may see from the grammar, in one place.
template <typename Rule> inline constexpr const char* kMessage = nullptr;
#define MSG(rule, text) template <> inline constexpr const char* kMessage<g::rule> = text;
MSG(clause_start, "här väntades en sats som börjar med ett utfall: uppfyllt, delvis, ej uppfyllt eller ej bedömd")
MSG(when_or_otherwise, "efter utfallet väntades 'om' och ett villkor, eller 'annars'")
MSG(condition, "här väntades ett villkor, t.ex. 'värde >= mål' eller 'uppnått'")
MSG(template_lit, "efter ':' väntades en motiveringsmall inom citattecken, t.ex. \"Målvärdet är nått.\"")
MSG(clause_end, "oväntad text efter satsen; varje sats står på en egen rad eller avslutas med ';'")
MSG(paren_close, "parentesen stängs aldrig; här väntades ')'")
MSG(call_close, "funktionsanropet stängs aldrig; här väntades ')' (argument skiljs åt med ';')")
MSG(paren_expr, "efter '(' väntades ett uttryck")
MSG(operand_unary, "här väntades ett tal, en variabel eller ett uttryck inom parentes")
MSG(operand_product, "här väntades ett tal, en variabel eller ett uttryck inom parentes")
MSG(operand_sum, "efter jämförelsen väntades ett tal, en variabel eller ett uttryck inom parentes")
MSG(expect_label, "här väntades ett resultat: uppfyllt, delvis, ej uppfyllt, ej bedömd eller bedömd")
MSG(operand_not, "efter 'och'/'eller' väntades ett villkor")
MSG(operand_and, "efter 'eller' väntades ett villkor")
MSG(no_chain, "jämförelser kan inte kedjas; skriv t.ex. '70 <= värde och värde <= 80'")
MSG(t_expr, "här väntades ett målvärde, t.ex. '90 %' eller 'jämförelse'")
MSG(between_och, "'mellan X och Y': här väntades 'och'")
MSG(target_end, "oväntad text efter målvärdet; skriv t.ex. 'minst 90 %', 'mellan 25 000 och 30 000' eller 'samma eller lägre än jämförelse'")
MSG(template_expr, "i {…} väntades ett uttryck, t.ex. {värde} eller {mål - värde}")
MSG(template_expr_end, "oväntad text i {…}; där står ett uttryck, t.ex. {värde}")
#undef MSG
template <> inline constexpr const char* kMessage<tao::pegtl::sor<g::t_between, g::t_top, g::t_compared, g::t_bare>> =
    "här väntades ett målvärde, t.ex. 'minst 90 %', 'max 5', 'mellan 25 000 och 30 000' eller '15 %'";

struct errors {
    template <typename Rule> static constexpr const char* message = kMessage<Rule>;
};
template <typename Rule> using control = tao::pegtl::must_if<errors, tao::pegtl::normal, true>::control<Rule>;

// Each grammar rule level costs a stack frame; 1 500 levels is about 150
// nested parentheses. The tree built is checked against kMaxDepth as well.
template <typename Rule> struct depth_action : tao::pegtl::limit_depth<1500> {};

template <typename Rule> struct select : std::false_type {};
#define KEEP(rule) template <> struct select<g::rule> : std::true_type {};
KEEP(number_lit) KEEP(number) KEEP(percent) KEEP(pe_word) KEEP(unit_word) KEEP(period_lit) KEEP(string_lit) KEEP(variable)
KEEP(call) KEEP(call_name) KEEP(indicator_call) KEEP(indicator_id) KEEP(result_call) KEEP(result_id) KEEP(quantifier)
KEEP(q_alla) KEEP(q_nagon) KEEP(q_ingen) KEEP(q_andel) KEEP(q_antal)
KEEP(label_level) KEEP(out_level) KEEP(label_delvis_uppfyllt) KEEP(label_delvis) KEEP(label_uppfyllt) KEEP(label_ej_uppfyllt) KEEP(label_ej_bedomd)
KEEP(label_bedomd) KEEP(neg) KEEP(product) KEEP(op_mul) KEEP(op_div) KEEP(sum) KEEP(op_add) KEEP(op_sub)
KEEP(comparison) KEEP(template_expr) KEEP(operand_product) KEEP(operand_sum) KEEP(paren_expr) KEEP(operand_and) KEEP(clause_start) KEEP(otherwise_first) KEEP(op_ge) KEEP(op_le) KEEP(op_ne) KEEP(op_gt) KEEP(op_lt) KEEP(op_eq) KEEP(negation)
KEEP(and_expr) KEEP(or_expr) KEEP(expression) KEEP(condition) KEEP(clause) KEEP(out_delvis) KEEP(out_uppfyllt)
KEEP(out_ej_uppfyllt) KEEP(out_ej_bedomd) KEEP(otherwise) KEEP(template_lit) KEEP(t_expr) KEEP(t_bare)
KEEP(t_ge) KEEP(t_le) KEEP(t_gt) KEEP(t_lt) KEEP(t_eq) KEEP(t_between) KEEP(t_top) KEEP(t_compared)
#undef KEEP

using PNode = pt::node;

class Builder {
public:
    explicit Builder(Ast& ast) : ast_(ast) {}

    std::uint32_t expr(const PNode& n) {
        if (n.is_type<g::or_expr>() || n.is_type<g::expression>() || n.is_type<g::condition>() || n.is_type<g::paren_expr>() ||
            n.is_type<g::template_expr>())
            return fold_logic(n, NodeKind::Or);
        if (n.is_type<g::and_expr>() || n.is_type<g::operand_and>()) return fold_logic(n, NodeKind::And);
        if (n.is_type<g::negation>()) {
            std::uint32_t i = add(NodeKind::Not, n);
            std::uint32_t a = expr(*n.children.at(0));
            ast_.nodes[i].a = a;
            return i;
        }
        if (n.is_type<g::comparison>()) return comparison(n);
        if (n.is_type<g::sum>() || n.is_type<g::t_expr>() || n.is_type<g::t_bare>() || n.is_type<g::product>() ||
            n.is_type<g::operand_product>() || n.is_type<g::operand_sum>())
            return fold_arith(n);
        if (n.is_type<g::neg>()) {
            std::uint32_t i = add(NodeKind::Neg, n);
            std::uint32_t a = expr(*n.children.at(0));
            ast_.nodes[i].a = a;
            return i;
        }
        if (n.is_type<g::number_lit>()) return number(n);
        if (n.is_type<g::period_lit>()) {
            std::uint32_t i = add(NodeKind::Period, n);
            std::string_view s = n.string_view();
            ast_.nodes[i].num = Decimal{static_cast<double>(to_int(s.substr(0, 4))), 0};
            ast_.nodes[i].aux = static_cast<std::uint8_t>(to_int(s.substr(5, 2)));
            return i;
        }
        if (n.is_type<g::string_lit>()) {
            std::uint32_t i = add(NodeKind::String, n);
            ast_.nodes[i].text = text(unquote(n.string_view()));
            return i;
        }
        if (n.is_type<g::variable>()) {
            std::uint32_t i = add(NodeKind::Variable, n);
            ast_.nodes[i].text = text(std::string(n.string_view()));
            return i;
        }
        if (n.is_type<g::indicator_call>() || n.is_type<g::result_call>()) {
            std::uint32_t i = add(NodeKind::Indicator, n);
            ast_.nodes[i].aux = n.is_type<g::result_call>() ? kResultOf : 0;
            const PNode& id = *n.children.at(0);
            // Ids are compared after NFC (docs/regelspråk.md), as the rule file's own.
            ast_.nodes[i].text = text(nfc(id.is_type<g::string_lit>() ? unquote(id.string_view()) : std::string(id.string_view())));
            ast_.nodes[i].a = static_cast<std::uint32_t>(id.begin().byte);  // position of the id
            return i;
        }
        if (n.is_type<g::call>()) return call(n);
        if (n.is_type<g::quantifier>()) {
            std::uint32_t i = add(NodeKind::Quantifier, n);
            const PNode& q = *n.children.at(0);
            ast_.nodes[i].aux = static_cast<std::uint8_t>(
                q.is_type<g::q_alla>() ? QuantKind::Alla : q.is_type<g::q_nagon>() ? QuantKind::Nagon
                : q.is_type<g::q_ingen>() ? QuantKind::Ingen : q.is_type<g::q_andel>() ? QuantKind::Andel
                : QuantKind::Antal);
            std::uint32_t level_text = kNone;
            ast_.nodes[i].label = label(*n.children.at(1), level_text);
            ast_.nodes[i].text = level_text;
            ast_.nodes[i].first = offset(*n.children.at(1));  // where the label is written
            return i;
        }
        // Unreachable with this grammar; keep the tree well-formed anyway.
        return add(NodeKind::Number, n);
    }

    // A label: its Label, and for a level's name (with a scale) the text.
    Label label(const PNode& n, std::uint32_t& level_text) {
        level_text = kNone;
        if (n.is_type<g::label_level>()) {
            const std::string written(n.string_view());
            // A plain word keeps its plain meaning (docs/regelfil.md, Egen bedömningsskala).
            if (const auto o = find_outcome(written)) return static_cast<Label>(*o);  // Label starts as Outcome does
            if (word_key(written) == "bedomd") return Label::Bedomd;
            level_text = text(written);
            return Label::Level;
        }
        if (n.is_type<g::label_delvis_uppfyllt>() || n.is_type<g::label_delvis>()) return Label::Delvis;
        if (n.is_type<g::label_uppfyllt>()) return Label::Uppfyllt;
        if (n.is_type<g::label_ej_uppfyllt>()) return Label::EjUppfyllt;
        if (n.is_type<g::label_ej_bedomd>()) return Label::EjBedomd;
        return Label::Bedomd;
    }

    void clause(const PNode& n) {
        Clause c;
        c.offset = offset(n);
        c.length = static_cast<std::uint32_t>(n.end().byte - n.begin().byte);
        const PNode& o = n.children.at(0)->is_type<g::otherwise_first>() ? *n.children[0]->children.at(0) : *n.children.at(0);
        if (o.is_type<g::out_level>()) {
            // With a scale: a plain word is its outcome; any other name a level, resolved by compile.
            const std::string written(o.string_view());
            if (const auto plain = find_outcome(written)) c.outcome = *plain;
            else c.level_text = text(written);
        } else {
            c.outcome = o.is_type<g::out_uppfyllt>() ? Outcome::Uppfyllt
                      : o.is_type<g::out_delvis>() ? Outcome::Delvis
                      : o.is_type<g::out_ej_uppfyllt>() ? Outcome::EjUppfyllt : Outcome::EjBedomd;
        }
        for (std::size_t k = 1; k < n.children.size(); ++k) {
            const PNode& ch = *n.children[k];
            if (ch.is_type<g::condition>()) {
                c.condition_offset = offset(ch);
                c.condition = expr(ch);
            } else if (ch.is_type<g::template_lit>()) {
                c.template_offset = offset(ch) + 1;
                c.template_text = text(unquote(ch.string_view()));
            }
        }
        ast_.clauses.push_back(c);
    }

    void target(const PNode& root) {
        for (const auto& chp : root.children) {
            const PNode& ch = *chp;
            if (ch.is_type<g::t_between>()) {
                ast_.target = TargetKind::Between;
                ast_.target_x = expr(*ch.children.at(0));
                ast_.target_y = expr(*ch.children.at(1));
            } else if (ch.is_type<g::t_top>()) {
                ast_.target = TargetKind::Top;
                ast_.target_x = expr(*ch.children.at(0));
            } else if (ch.is_type<g::t_compared>()) {
                const PNode& k = *ch.children.at(0);
                ast_.target = k.is_type<g::t_ge>() ? TargetKind::Ge : k.is_type<g::t_le>() ? TargetKind::Le
                            : k.is_type<g::t_gt>() ? TargetKind::Gt : k.is_type<g::t_lt>() ? TargetKind::Lt
                            : TargetKind::Eq;
                ast_.target_x = expr(*ch.children.back());
            } else if (ch.is_type<g::t_bare>()) {
                ast_.target = TargetKind::Bare;
                ast_.target_x = expr(ch);
            }
        }
    }

private:
    static std::uint32_t offset(const PNode& n) { return static_cast<std::uint32_t>(n.begin().byte); }
    static long to_int(std::string_view s) {
        long v = 0;
        std::from_chars(s.data(), s.data() + s.size(), v);
        return v;
    }
    static std::string unquote(std::string_view s) {
        std::string out;
        for (std::size_t i = 1; i + 1 < s.size(); ++i) {
            out += s[i];
            if (s[i] == '"' && i + 2 < s.size() && s[i + 1] == '"') ++i;
        }
        return out;
    }
    std::uint32_t text(std::string s) {
        ast_.texts.push_back(std::move(s));
        return static_cast<std::uint32_t>(ast_.texts.size() - 1);
    }
    std::uint32_t add(NodeKind k, const PNode& n) {
        Node node;
        node.kind = k;
        node.offset = offset(n);
        node.length = static_cast<std::uint32_t>(n.end().byte - n.begin().byte);
        ast_.nodes.push_back(node);
        return static_cast<std::uint32_t>(ast_.nodes.size() - 1);
    }
    std::uint32_t fold_logic(const PNode& n, NodeKind k) {
        std::uint32_t acc = expr(*n.children.at(0));
        for (std::size_t i = 1; i < n.children.size(); ++i) {
            std::uint32_t rhs = expr(*n.children[i]);
            std::uint32_t j = add(k, n);
            ast_.nodes[j].a = acc;
            ast_.nodes[j].b = rhs;
            acc = j;
        }
        return acc;
    }
    std::uint32_t fold_arith(const PNode& n) {
        std::uint32_t acc = expr(*n.children.at(0));
        for (std::size_t i = 1; i + 1 < n.children.size(); i += 2) {
            const PNode& op = *n.children[i];
            std::uint32_t rhs = expr(*n.children[i + 1]);
            std::uint32_t j = add(NodeKind::Binary, op);
            // The node spans its whole expression ("värde - föregående"), so that a
            // justification and explain quote it; the last operation ends where the
            // expression does (after a closing parenthesis too).
            const std::size_t end = i + 2 == n.children.size() ? n.end().byte : n.children[i + 1]->end().byte;
            ast_.nodes[j].offset = offset(n);
            ast_.nodes[j].length = static_cast<std::uint32_t>(end - n.begin().byte);
            ast_.nodes[j].aux = static_cast<std::uint8_t>(
                op.is_type<g::op_add>() ? BinOp::Add : op.is_type<g::op_sub>() ? BinOp::Sub
                : op.is_type<g::op_mul>() ? BinOp::Mul : BinOp::Div);
            ast_.nodes[j].a = acc;
            ast_.nodes[j].b = rhs;
            acc = j;
        }
        return acc;
    }
    std::uint32_t comparison(const PNode& n) {
        std::uint32_t lhs = expr(*n.children.at(0));
        if (n.children.size() == 1) return lhs;
        const PNode& op = *n.children[1];
        if (n.children.size() == 2) {  // `är` label
            std::uint32_t j = add(NodeKind::Is, n);
            ast_.nodes[j].a = lhs;
            std::uint32_t level_text = kNone;
            ast_.nodes[j].label = label(op, level_text);
            ast_.nodes[j].text = level_text;
            ast_.nodes[j].first = offset(op);  // where the label is written
            return j;
        }
        std::uint32_t rhs = expr(*n.children[2]);
        std::uint32_t j = add(NodeKind::Compare, op);
        ast_.nodes[j].aux = static_cast<std::uint8_t>(
            op.is_type<g::op_ge>() ? CmpOp::Ge : op.is_type<g::op_le>() ? CmpOp::Le : op.is_type<g::op_gt>() ? CmpOp::Gt
            : op.is_type<g::op_lt>() ? CmpOp::Lt : op.is_type<g::op_eq>() ? CmpOp::Eq : CmpOp::Ne);
        ast_.nodes[j].a = lhs;
        ast_.nodes[j].b = rhs;
        return j;
    }
    std::uint32_t number(const PNode& n) {
        std::uint32_t i = add(NodeKind::Number, n);
        const PNode& num = *n.children.at(0);
        std::string digits;
        int decimals = 0;
        bool frac = false;
        for (char c : num.string_view()) {
            if (c >= '0' && c <= '9') {
                digits += c;
                if (frac) ++decimals;
            } else if (c == ',' || c == '.') {
                digits += '.';
                frac = true;
            }
        }
        double v = 0;
        std::from_chars(digits.data(), digits.data() + digits.size(), v);
        ast_.nodes[i].num = Decimal{v, static_cast<std::int8_t>(decimals > 18 ? -1 : decimals)};
        if (n.children.size() > 1) {
            const PNode& u = *n.children[1];
            ast_.nodes[i].unit = static_cast<std::int32_t>(text(u.is_type<g::percent>() ? std::string("%") : std::string(u.string_view())));
        }
        return i;
    }
    std::uint32_t call(const PNode& n) {
        std::uint32_t i = add(NodeKind::Call, n);
        ast_.nodes[i].text = text(std::string(n.children.at(0)->string_view()));
        std::vector<std::uint32_t> args;
        for (std::size_t k = 1; k < n.children.size(); ++k) args.push_back(expr(*n.children[k]));
        ast_.nodes[i].first = static_cast<std::uint32_t>(ast_.args.size());
        ast_.nodes[i].count = static_cast<std::uint32_t>(args.size());
        ast_.args.insert(ast_.args.end(), args.begin(), args.end());
        return i;
    }

    Ast& ast_;
};

enum class Top { Rule, Target, Expression };

std::string fmt_depth() {
    return "uttrycket är för djupt eller långt (över " + std::to_string(kMaxDepth) +
           " nivåer av parenteser, 'inte' eller led med och/eller/+/-); dela upp det";
}

// The offset of a node deeper than kMaxDepth, or kNone. Iterative: the
// check itself must not recurse as deep as the tree.
std::uint32_t too_deep(const Ast& ast) {
    std::vector<std::pair<std::uint32_t, int>> stack;
    auto push_roots = [&](std::uint32_t root) {
        if (root != kNone) stack.push_back({root, 1});
    };
    for (const auto& c : ast.clauses) push_roots(c.condition);
    push_roots(ast.target_x);
    push_roots(ast.target_y);
    while (!stack.empty()) {
        auto [i, depth] = stack.back();
        stack.pop_back();
        const Node& n = ast.nodes[i];
        if (depth > kMaxDepth) return n.offset;
        if (n.kind == NodeKind::Indicator) continue;  // `a` is an offset there
        if (n.a != kNone) stack.push_back({n.a, depth + 1});
        if (n.b != kNone) stack.push_back({n.b, depth + 1});
        for (std::uint32_t k = 0; k < n.count; ++k) stack.push_back({ast.args[n.first + k], depth + 1});
    }
    return kNone;
}

// Does a clause start at `i` (after blanks): an outcome word or `annars`?
// A line that does not is taken as the rest of the clause before it, so
// one broken clause over two lines gives one error, not two.
bool starts_clause(std::string_view text, std::size_t i) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r')) ++i;
    std::size_t e = i;
    while (e < text.size() && ((text[e] >= 'a' && text[e] <= 'z') || (text[e] >= 'A' && text[e] <= 'Z'))) ++e;
    std::string word(text.substr(i, e - i));
    for (char& c : word) c = static_cast<char>(c | 0x20);  // ASCII lower case
    return word == "uppfyllt" || word == "delvis" || word == "ej" || word == "annars";
}

// Where the clause after the one with an error at `at` starts: after the
// next `;` or line break outside a "…" template and a # comment, at an
// outcome word; npos if none.
std::size_t next_clause(std::string_view text, std::size_t at) {
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        bool end = false;
        if (c == '\n') {
            end = true;
            quoted = false;  // a template ends on its line
        } else if (c == '"') {
            quoted = !quoted;  // `""` inside a template toggles twice
        } else if (!quoted && c == '#') {
            while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
        } else if (!quoted && c == ';') {
            end = true;
        }
        if (end && i >= at && starts_clause(text, i + 1)) return i + 1;
    }
    return std::string_view::npos;
}

// At most this many syntax errors are listed for one rule.
constexpr std::size_t kMaxRuleErrors = 20;

template <typename Grammar>
ParsedRule run(std::string_view text, Top top, bool levels = false) {
    bool is_target = top == Top::Target;
    ParsedRule out;
    tao::pegtl::memory_input<> in(text.data(), text.size(), "regel");
    try {
        g::ParseOptions options{levels};
        auto root = pt::parse<Grammar, select, depth_action, control>(in, options);
        if (!root) {
            out.errors.push_back({0, is_target ? "här väntades ett målvärde" : "här väntades en regel"});
            return out;
        }
        Builder b(out.ast);
        if (top == Top::Expression) {
            out.ast.target_x = b.expr(*root->children.at(0));
        } else if (is_target) {
            b.target(*root);
        } else {
            for (const auto& c : root->children)
                if (c->template is_type<g::clause_start>()) b.clause(*c);
        }
        // Long chains (`a och b och …`) parse flat but build deep trees.
        if (std::uint32_t at = too_deep(out.ast); at != kNone) {
            out.errors.push_back({at, fmt_depth()});
            out.ast = Ast{};
        }
    } catch (const tao::pegtl::parse_error& e) {
        std::string msg(e.message());
        if (msg == "maximum parser rule nesting depth exceeded")
            msg = fmt_depth();
        std::size_t off = e.positions().empty() ? 0 : e.positions().front().byte;
        out.errors.push_back({off, msg});
        out.ast = Ast{};
    }
    return out;
}

}  // namespace

ParsedRule parse_rule(std::string_view text, bool levels) {
    ParsedRule out = run<g::rule_text>(text, Top::Rule, levels);
    // `check` lists every problem: after an error the clauses that follow are
    // read too, one parse per error (the rule is rejected anyway, so no tree).
    while (!out.errors.empty() && out.errors.size() < kMaxRuleErrors) {
        std::size_t next = next_clause(text, out.errors.back().offset);
        if (next == std::string_view::npos || next >= text.size()) break;
        ParsedRule rest = run<g::rule_text>(text.substr(next), Top::Rule, levels);
        if (rest.errors.empty()) break;
        out.errors.push_back({rest.errors.front().offset + next, std::move(rest.errors.front().message)});
    }
    return out;
}
ParsedRule parse_target(std::string_view text) { return run<g::target_text>(text, Top::Target); }
ParsedRule parse_expression(std::string_view text, bool levels) { return run<g::expression_text>(text, Top::Expression, levels); }

}  // namespace malkoll
