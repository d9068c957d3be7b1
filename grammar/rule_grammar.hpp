// PEGTL grammar of the rule language (docs/regelspråk.md): one small struct
// per rule. Reserved words match case-insensitively, in their ASCII spellings
// too, and only as whole words where å, ä, ö and é are letters (PEGTL's
// ascii::keyword would take `om` at the start of `omsorg`'s neighbour `omå`).
#pragma once
#include <string_view>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

#include "engine/core/text.hpp"

namespace malkoll::grammar {

namespace pegtl = tao::pegtl;

// Letters are ASCII, the Latin letters U+00C0–U+024F (å, ä, ö, é …) and the
// combining marks up to U+036F (å written as a + U+030A, as macOS saves it):
// UTF-8 lead bytes 0xC3–0xCD and their continuation bytes. Symbols such as
// ≥, ≤, ≠ and – (three-byte sequences) are not letters, so `värde≥90` is a
// comparison.
inline bool is_word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           (c >= 0xC3 && c <= 0xCD) || (c >= 0x80 && c <= 0xBF);
}

// A whole word whose folded spelling (fold_word) equals Tag::word.
template <typename Tag>
struct kw {
    using rule_t = kw;
    using subs_t = pegtl::type_list<>;
    template <pegtl::apply_mode, pegtl::rewind_mode, template <typename...> class Action,
              template <typename...> class Control, typename ParseInput, typename... States>
    static bool match(ParseInput& in, States&&...) {
        const char* b = in.current();
        const char* e = b;
        while (e != in.end() && is_word_byte(static_cast<unsigned char>(*e))) ++e;
        if (e == b || static_cast<std::size_t>(e - b) > 24) return false;
        if (fold_word(std::string_view(b, static_cast<std::size_t>(e - b))) != Tag::word) return false;
        in.bump(static_cast<std::size_t>(e - b));
        return true;
    }
};

// What a parse is told besides its text: whether the file has a `skala`,
// whose level names may begin a clause and follow `är` and a quantifier.
struct ParseOptions {
    bool levels = false;
};
inline bool levels_on(const ParseOptions& o) { return o.levels; }
template <typename T>
bool levels_on(const T&) { return false; }

// With a scale: a level's name as written, words (letters, digits, '-')
// separated by blanks, up to `om`, `annars`, `och`, `eller` or anything
// else; resolved by compile. Without one it matches nothing.
struct level_words {
    using rule_t = level_words;
    using subs_t = pegtl::type_list<>;
    template <pegtl::apply_mode, pegtl::rewind_mode, template <typename...> class Action,
              template <typename...> class Control, typename ParseInput, typename... States>
    static bool match(ParseInput& in, States&&... st) {
        if (!(levels_on(st) || ...)) return false;
        const char* b = in.current();
        const char* p = b;
        const char* end = b;
        while (true) {
            const char* w = p;
            while (p != in.end() && (is_word_byte(static_cast<unsigned char>(*p)) || *p == '-')) ++p;
            if (p == w || p - w > 64) break;
            const std::string f = fold_word(std::string_view(w, static_cast<std::size_t>(p - w)));
            if (f == "om" || f == "annars" || f == "och" || f == "eller") break;
            end = p;
            while (p != in.end() && (*p == ' ' || *p == '\t')) ++p;
            if (p == end) break;
        }
        if (end == b) return false;
        in.bump(static_cast<std::size_t>(end - b));
        return true;
    }
};

#define MALKOLL_KW(name, text)                                   \
    struct name##_word { static constexpr std::string_view word = text; }; \
    struct name : kw<name##_word> {};

MALKOLL_KW(kw_uppfyllt, "uppfyllt")
MALKOLL_KW(kw_delvis, "delvis")
MALKOLL_KW(kw_ej, "ej")
MALKOLL_KW(kw_bedomd, "bedomd")
MALKOLL_KW(kw_om, "om")
MALKOLL_KW(kw_annars, "annars")
MALKOLL_KW(kw_och, "och")
MALKOLL_KW(kw_eller, "eller")
MALKOLL_KW(kw_inte, "inte")
MALKOLL_KW(kw_ar, "ar")
MALKOLL_KW(kw_alla, "alla")
MALKOLL_KW(kw_nagon, "nagon")
MALKOLL_KW(kw_ingen, "ingen")
MALKOLL_KW(kw_andel, "andel")
MALKOLL_KW(kw_antal, "antal")
MALKOLL_KW(kw_indikator, "indikator")
MALKOLL_KW(kw_resultat, "resultat")
MALKOLL_KW(kw_minst, "minst")
MALKOLL_KW(kw_max, "max")
MALKOLL_KW(kw_hogst, "hogst")
MALKOLL_KW(kw_over, "over")
MALKOLL_KW(kw_under, "under")
MALKOLL_KW(kw_hogre, "hogre")
MALKOLL_KW(kw_lagre, "lagre")
MALKOLL_KW(kw_an, "an")
MALKOLL_KW(kw_samma, "samma")
MALKOLL_KW(kw_mellan, "mellan")
MALKOLL_KW(kw_topp, "topp")
#undef MALKOLL_KW

using namespace pegtl;

// Blanks never include a line break: multi-word keywords stay on one line.
struct sp : star<blank> {};
struct sp1 : plus<blank> {};
struct comment : seq<one<'#'>, until<at<eolf>, any>> {};

// Identifiers: letters (Swedish included), digits, '_'.
struct word_char : sor<ranges<'a', 'z', 'A', 'Z', '0', '9', '_'>, seq<range<char(0xC3), char(0xCD)>, range<char(0x80), char(0xBF)>>> {};
struct identifier : seq<not_at<digit>, plus<word_char>> {};

// Numbers: 25 863 (space, U+00A0 or U+202F between groups of three), 7,9 / 7.9.
struct nbsp : string<char(0xC2), char(0xA0)> {};
struct nnbsp : string<char(0xE2), char(0x80), char(0xAF)> {};
struct group_sep : sor<one<' '>, nbsp, nnbsp> {};
struct digit_group : seq<group_sep, rep<3, digit>, not_at<digit>> {};
struct int_part : seq<plus<digit>, star<digit_group>> {};
struct frac_part : seq<one<',', '.'>, plus<digit>> {};
struct number : seq<int_part, opt<frac_part>> {};
struct percent : one<'%'> {};
struct unit_word : seq<identifier, opt<one<'/'>, identifier>> {};
struct reserved_word : sor<kw_och, kw_eller, kw_om, kw_annars, kw_inte, kw_ar> {};
// `p.e.`: procentenheter, the one unit written with dots.
struct pe_word : seq<one<'p', 'P'>, one<'.'>, one<'e', 'E'>, one<'.'>, not_at<word_char>> {};
struct unit : sor<seq<sp, percent>, seq<sp1, pe_word>, seq<sp1, not_at<reserved_word>, unit_word>> {};
struct number_lit : seq<number, opt<unit>> {};
struct period_lit : seq<rep<4, digit>, one<'-'>, rep<2, digit>, not_at<word_char>> {};

// "text" with "" for a quote.
struct string_body : star<sor<string<'"', '"'>, not_one<'"', '\n'>>> {};
struct string_lit : seq<one<'"'>, string_body, one<'"'>> {};

struct expression;
struct sum;

struct label_delvis_uppfyllt : seq<kw_delvis, sp1, kw_uppfyllt> {};
struct label_delvis : kw_delvis {};
struct label_uppfyllt : kw_uppfyllt {};
struct label_ej_uppfyllt : seq<kw_ej, sp1, kw_uppfyllt> {};
struct label_ej_bedomd : seq<kw_ej, sp1, kw_bedomd> {};
struct label_bedomd : kw_bedomd {};
struct label_level : level_words {};
struct label : sor<label_level, label_delvis_uppfyllt, label_delvis, label_uppfyllt, label_ej_uppfyllt, label_ej_bedomd,
                   label_bedomd> {};

struct q_alla : kw_alla {};
struct q_nagon : kw_nagon {};
struct q_ingen : kw_ingen {};
struct q_andel : kw_andel {};
struct q_antal : kw_antal {};
struct quantifier : seq<sor<q_alla, q_nagon, q_ingen, q_andel, q_antal>, sp1, label> {};

struct indicator_id : plus<sor<word_char, one<'-'>>> {};
struct indicator_call : seq<kw_indikator, sp, one<'('>, sp, sor<string_lit, indicator_id>, sp, one<')'>> {};
// resultat(id), or in a roll-up resultat(NÄMND/ID): the `/` is part of the id, never division.
struct result_id : seq<indicator_id, opt<one<'/'>, indicator_id>> {};
struct result_call : seq<kw_resultat, sp, one<'('>, sp, sor<string_lit, result_id>, sp, one<')'>> {};

struct arg_sep : seq<sp, one<';'>, sp> {};
struct call_name : identifier {};
struct call_args : opt<list<expression, arg_sep>> {};
struct call_close : one<')'> {};
struct call : seq<call_name, one<'('>, sp, call_args, sp, must<call_close>> {};
struct paren_close : one<')'> {};
struct paren_expr;
struct paren : seq<one<'('>, sp, must<paren_expr>, sp, must<paren_close>> {};
// Reserved words are never names: `uppfyllt om inte` is an incomplete condition.
// (`är` is left out: folded to ASCII it is `ar`, as is the variable `år`.)
struct reserved_name : sor<kw_och, kw_eller, kw_inte, kw_om, kw_annars, kw_alla, kw_nagon, kw_ingen, kw_andel,
                           kw_antal, kw_uppfyllt, kw_delvis, kw_ej, kw_bedomd, kw_mellan, kw_topp, kw_minst, kw_hogst> {};
struct variable : seq<not_at<reserved_name>, identifier> {};

struct primary : sor<paren, quantifier, indicator_call, result_call, call, period_lit, number_lit, string_lit, variable> {};
struct neg;
struct unary : sor<neg, primary> {};
struct neg : seq<one<'-'>, sp, unary> {};

struct op_mul : one<'*'> {};
struct op_div : one<'/'> {};
struct operand_unary : unary {};
struct product : seq<unary, star<sp, sor<op_mul, op_div>, sp, must<operand_unary>>> {};
struct operand_product : product {};
struct op_add : one<'+'> {};
struct op_sub : seq<one<'-'>, not_at<one<'-'>>> {};
struct sum : seq<product, star<sp, sor<op_add, op_sub>, sp, must<operand_product>>> {};
struct operand_sum : sum {};

struct op_ge : sor<string<'>', '='>, utf8::one<0x2265>> {};
struct op_le : sor<string<'<', '='>, utf8::one<0x2264>> {};
struct op_ne : sor<string<'!', '='>, utf8::one<0x2260>> {};
struct op_gt : one<'>'> {};
struct op_lt : one<'<'> {};
struct op_eq : one<'='> {};
struct cmp_op : sor<op_ge, op_le, op_ne, op_gt, op_lt, op_eq> {};
struct no_chain : not_at<cmp_op> {};
// A second comparison is an error at its operator (`70 <= värde <= 80`).
struct comparison_tail : seq<sp, cmp_op, sp, must<operand_sum>, opt<at<sp, cmp_op>, sp, must<no_chain>>> {};
struct expect_label : label {};
struct is_tail : seq<sp1, kw_ar, sp, must<expect_label>> {};
struct comparison : seq<sum, opt<sor<comparison_tail, is_tail>>> {};
struct not_expr;
struct negation : seq<kw_inte, sp1, not_expr> {};
struct not_expr : sor<negation, comparison> {};
struct operand_not : not_expr {};
struct and_expr : seq<not_expr, star<sp1, kw_och, sp, must<operand_not>>> {};
struct operand_and : and_expr {};
struct or_expr : seq<and_expr, star<sp1, kw_eller, sp, must<operand_and>>> {};
struct expression : or_expr {};
struct paren_expr : expression {};

// Clauses.
struct out_delvis : seq<kw_delvis, opt<sp1, kw_uppfyllt>> {};
struct out_uppfyllt : kw_uppfyllt {};
struct out_ej_uppfyllt : seq<kw_ej, sp1, kw_uppfyllt> {};
struct out_ej_bedomd : seq<kw_ej, sp1, kw_bedomd> {};
struct out_level : level_words {};
struct outcome : sor<out_level, out_delvis, out_uppfyllt, out_ej_uppfyllt, out_ej_bedomd> {};
struct condition : expression {};
struct when : seq<kw_om, sp, must<condition>> {};
struct otherwise : kw_annars {};
struct when_or_otherwise : sor<when, otherwise> {};
struct template_lit : string_lit {};
struct template_part : seq<sp, one<':'>, sp, must<template_lit>> {};
struct otherwise_first : seq<kw_annars, sp1, outcome> {};  // the built-in goal rule writes `annars delvis`
struct clause : seq<sor<otherwise_first, seq<outcome, sp, must<when_or_otherwise>>>, opt<template_part>> {};
struct clause_end : sor<one<';'>, eol, eof> {};
struct gap : star<sor<blank, comment, eol, one<';'>>> {};
struct clause_start : clause {};
struct rule_text : seq<gap, star<not_at<eof>, must<clause_start>, sp, opt<comment>, must<clause_end>, gap>, eof> {};

// Targets (§3): the target forms before a bare expression.
struct t_expr : sum {};
struct t_samma_lagre : seq<kw_samma, sp1, kw_eller, sp1, kw_lagre, sp1, kw_an> {};
struct t_samma_hogre : seq<kw_samma, sp1, kw_eller, sp1, kw_hogre, sp1, kw_an> {};
struct t_ge : sor<t_samma_hogre, op_ge, kw_minst> {};
struct t_le : sor<t_samma_lagre, op_le, seq<kw_max, not_at<one<'('>>>, kw_hogst> {};
struct t_gt : sor<op_gt, kw_over, seq<kw_hogre, sp1, kw_an>> {};
struct t_lt : sor<op_lt, kw_under, seq<kw_lagre, sp1, kw_an>> {};
struct t_eq : op_eq {};
struct between_och : kw_och {};
struct t_between : seq<kw_mellan, not_at<one<'('>>, sp, must<t_expr>, sp, must<between_och>, sp, must<t_expr>> {};
struct t_top : seq<kw_topp, not_at<one<'('>>, sp, must<t_expr>> {};  // `topp(` is a call, as `max(`
struct t_compared : seq<sor<t_ge, t_le, t_gt, t_lt, t_eq>, sp, must<t_expr>> {};
struct t_bare : t_expr {};
struct target_end : seq<sp, eof> {};
struct target_text : seq<sp, must<sor<t_between, t_top, t_compared, t_bare>>, must<target_end>> {};

// One `{expression}` of a justification template.
struct template_expr : expression {};
struct template_expr_end : seq<sp, eof> {};
struct expression_text : seq<sp, must<template_expr>, must<template_expr_end>> {};

}  // namespace malkoll::grammar

namespace tao::pegtl {
template <typename Name, typename Tag>
struct analyze_traits<Name, malkoll::grammar::kw<Tag>> : analyze_any_traits<> {};
template <typename Name>
struct analyze_traits<Name, malkoll::grammar::level_words> : analyze_any_traits<> {};
}  // namespace tao::pegtl
