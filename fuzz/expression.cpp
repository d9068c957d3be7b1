// Rule expressions (docs/regelspråk.md): parse_rule, parse_target and
// parse_expression on the bytes, then the same text as an indicator's
// `regel`, as its `mål` and as a goal's `bedömning` in a small rule file,
// each loaded, compiled (names, types, units), assessed and explained.
// A first byte 0x01–0x04 chooses how the text is written in the YAML
// (single-quoted, `|`, `>`, plain); otherwise it is double-quoted.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/common.hpp"
#include "grammar/parse_rule.hpp"

using namespace malkoll;

namespace {

// The AST's indices and offsets stay inside it and the text.
void check_ast(const ParsedRule& p, std::string_view text) {
    for (const auto& e : p.errors) {
        fuzz::check(e.offset <= text.size());
        fuzz::check(!e.message.empty());
    }
    if (!p.ok()) return;
    const Ast& a = p.ast;
    const auto node_ok = [&](std::uint32_t i) { return i == kNone || i < a.nodes.size(); };
    for (const Node& n : a.nodes) {
        fuzz::check(n.offset <= text.size() && n.length <= text.size() - n.offset);
        if (n.kind != NodeKind::Indicator) fuzz::check(node_ok(n.a));
        fuzz::check(node_ok(n.b));
        fuzz::check(n.first <= a.args.size() && n.count <= a.args.size() - n.first);
        fuzz::check(n.text == kNone || n.text < a.texts.size());
        fuzz::check(n.unit < 0 || static_cast<std::size_t>(n.unit) < a.texts.size());
    }
    for (std::uint32_t x : a.args) fuzz::check(x < a.nodes.size());
    for (const Clause& c : a.clauses) {
        fuzz::check(node_ok(c.condition));
        fuzz::check(c.offset <= text.size() && c.length <= text.size() - c.offset);
    }
    fuzz::check(node_ok(a.target_x) && node_ok(a.target_y));
}

// The text as a YAML value at key indentation `indent`.
std::string yaml_value(std::string_view text, int style, std::size_t indent) {
    const std::string pad(indent + 2, ' ');
    std::string out;
    switch (style) {
        case 1:  // single-quoted: '' for a quote, an empty line for a line break
            out.assign(1, '\'');
            for (char c : text) {
                if (c == '\'') out += "''";
                else if (c == '\n') out.append("\n\n").append(pad);
                else out += c;
            }
            return out + "'";
        case 2:
        case 3:  // block scalars
            out.assign(1, style == 2 ? '|' : '>');
            out.append("\n").append(pad);
            for (char c : text) {
                out += c;
                if (c == '\n') out += pad;
            }
            return out;
        case 4:  // plain: continuation lines indented
            for (char c : text) {
                out += c;
                if (c == '\n') out += pad;
            }
            return out;
        default:
            out.assign(1, '"');
            out.append(fuzz::yaml_double_quoted(text)).append("\"");
            return out;
    }
}

enum class Role { Rule, Target, GoalRule };

// An indicator with every kind of data a rule reads (series, comparison,
// forecast, a series break, a target year) and two more for the goal rule.
std::string rule_file(Role role, const std::string& value) {
    const bool rule = role == Role::Rule, target = role == Role::Target, goal = role == Role::GoalRule;
    std::string y =
        "malkoll: 1\n"
        "nämnd: Fuzznämnden\n"
        "år: 2024\n"
        "jämförelsegrupper:\n"
        "  R9: [\"0180\", \"1480\"]\n"
        "målområden:\n"
        "  - namn: Samhälle\n"
        "    kommunmål:\n"
        "      - namn: Ett tryggt Linköping\n"
        "        nämndmål:\n"
        "          - id: m1\n"
        "            namn: Mål\n";
    if (goal) y += "            bedömning: " + value + "\n";
    y +=
        "            indikatorer:\n"
        "              - id: i1\n"
        "                namn: Andel\n"
        "                enhet: \"%\"\n"
        "                riktning: öka\n";
    y += target ? "                mål: " + value + "\n" : "                mål: \"minst 15 %\"\n";
    if (rule) y += "                regel: " + value + "\n";
    y +=
        "                målår: 2026\n"
        "                tolerans: \"0,2\"\n"
        "                serier: [kvinnor, män]\n"
        "                jämförelse: R9\n"
        "                serieavbrott: 2021\n"
        "                utfall:\n"
        "                  2020: \"2 %\"\n"
        "                  2021: \"3 %\"\n"
        "                  2022: \"4 %\"\n"
        "                  2023: {totalt: \"10 %\", R9: \"12 %\", kvinnor: \"11 %\"}\n"
        "                  2024: {totalt: \"17 %\", kvinnor: \"18 %\", män: \"16–19 %\", R9: \"i.u. (Kolada aug 2025)\", prognos: \"20 %\"}\n"
        "              - id: i2\n"
        "                namn: Dygn\n"
        "                enhet: dygn\n"
        "                riktning: minska\n"
        "                mål: \"mellan 20 000 och 25 000\"\n"
        "                vikt: 2\n"
        "                utfall: {2022: \"25 863\", 2023: \"26 360\", 2024: \"24 000–26 000 dygn\"}\n"
        "              - id: i3\n"
        "                namn: Kostnad\n"
        "                enhet: kr/inv\n"
        "                riktning: bibehålla\n"
        "                manuell: delvis\n"
        "                motivering: \"Bedömd för hand.\"\n"
        "                utfall: {2023: \"787 kr/inv\", 2024: \"i.u. (Kolada aug 2025)\"}\n";
    return y;
}

void run_in_file(Role role, std::string_view text, int style) {
    const std::size_t indent = role == Role::GoalRule ? 12 : 16;
    Loaded l;
    if (!fuzz::load_and_compile(l, "input", rule_file(role, yaml_value(text, style, indent)))) {
        fuzz::render_diagnostics(l.diags, l.sources);
        return;
    }
    fuzz::render_diagnostics(l.diags, l.sources);
    if (l.diags.has_errors()) return;
    Assessment a = assess(l.model);
    // The untraced way (the leading clauses as a table, Ast::leading) decides
    // as the recorded way did: the same clause, for every indicator.
    if (a.judged)
        for (std::uint32_t i = 0; i < a.indicators.size(); ++i) {
            const CompiledIndicator& ci = l.model.indicators[i];
            const RuleRun quiet = run_indicator_rule<false>(l.model.rules[ci.rule].ast, gather_facts(*a.file, ci, i), nullptr);
            fuzz::check(quiet.clause == a.indicators[i].run.clause && quiet.outcome == a.indicators[i].run.outcome);
        }
    ReportInput in{a, l.sources, input_files(l)};
    ExplainTarget t;
    if (role == Role::GoalRule) t.goal = 0;
    else t.indicator = 0;
    fuzz::explain(in, t);
    if (role == Role::GoalRule)
        for (const auto& ga : a.goals) (void)goal_justification(in, ga);
    else
        (void)indicator_justification(in, a.indicators[0]);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // Rules are lines; the parser limits depth (parse_rule.hpp, kMaxDepth), so
    // longer texts only repeat what shorter ones reach.
    if (size > 4096) return -1;
    std::string_view text = fuzz::as_text(data, size);
    int style = 0;
    if (!text.empty() && text[0] >= 1 && text[0] <= 4) {
        style = text[0];
        text.remove_prefix(1);
    }
    check_ast(parse_rule(text), text);
    check_ast(parse_target(text), text);
    check_ast(parse_expression(text), text);
    run_in_file(Role::Rule, text, style);
    run_in_file(Role::Target, text, style);
    run_in_file(Role::GoalRule, text, style);
    return 0;
}
