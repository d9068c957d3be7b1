// Value literals (docs/regelfil.md) with PEGTL 3.x: the grammar, the actions
// that fill a ValueLiteral, and — in one place, `describe` — every message a
// user can see.
//
// Errors are raised with `raise<tag>`; each tag names a Problem and the
// control turns it into a Failure{problem, byte offset}. Actions throw the
// same Failure for what only a number's value can show (a reversed interval).
// `describe` then writes the Swedish message from the problem, the text and
// what the parse had read so far, so messages can quote the user's own text.
//
// Decisions the contract left open (see also the tests):
// - `73.` / `73,` (a separator without decimals, seen in a real report) is an
//   error at the separator, not 73: a cut-off decimal is more likely a typing
//   or export slip than an intended integer, and values are compared as written.
// - Thousands groups: with groups, the first has 1–3 digits and every later
//   one exactly 3 (`12345 678` and `25 86` are errors at the bad group).
//   Groups go only in the integer part.
// - A unit word needs whitespace before it (`12 kr`); `12kr` is an error that
//   says so. `%` may be written with or without a space.
// - An interval writes its unit once, after the second number; `26 % – 34 %`
//   is an error that says so. Both numbers keep their own `decimals`.
// - A word after a number that is not a unit is reported as an unknown unit
//   when it looks like one (close to a unit, a common unit word such as
//   `veckor`, or the last thing in the cell), otherwise as text that belongs
//   in a note (`162 medel (median 93)`).
// - An empty note `17 ()` is accepted with note "". At most 15 decimals.
#include "grammar/value_literal.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <string>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze.hpp>

namespace malkoll {
namespace {

namespace pegtl = tao::pegtl;

// ---------------------------------------------------------------- units ---

struct UnitWord {
    std::string_view written;    // as listed in §5
    std::string_view canonical;  // after alias folding
};

// §5's list, in its order (also the order of "tillåtna är …" and of ties
// between suggestions). The grammar's `known_unit` below must match it; a
// test checks that every entry parses as a unit.
constexpr std::array<UnitWord, 10> kUnitWords{{
    {"kr", "kr"},
    {"tkr", "tkr"},
    {"mnkr", "mnkr"},
    {"kr/inv", "kr/inv"},
    {"dagar", "dagar"},
    {"dgr", "dagar"},
    {"dygn", "dygn"},
    {"timmar", "timmar"},
    {"st", "st"},
    {"personer", "personer"},
}};

constexpr std::size_t kMaxDecimals = 15;

// Lower case for ASCII and the Latin-1 letters (À–Þ, so Å Ä Ö É), which keep
// their UTF-8 length; other bytes unchanged.
std::string fold_lower(std::string_view s) {
    std::string out(s);
    for (std::size_t i = 0; i < out.size(); ++i) {
        auto c = static_cast<unsigned char>(out[i]);
        if (c >= 'A' && c <= 'Z') {
            out[i] = static_cast<char>(c - 'A' + 'a');
        } else if (c == 0xC3 && i + 1 < out.size()) {
            auto d = static_cast<unsigned char>(out[i + 1]);
            if (d >= 0x80 && d <= 0x9E && d != 0x97) out[i + 1] = static_cast<char>(d + 0x20);
            ++i;
        }
    }
    return out;
}

bool is_blank_at(std::string_view s, std::size_t i, std::size_t& len) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') {
        len = 1;
        return true;
    }
    if (s.substr(i, 2) == "\xC2\xA0") {
        len = 2;
        return true;
    }
    if (s.substr(i, 3) == "\xE2\x80\xAF") {
        len = 3;
        return true;
    }
    return false;
}

// Trims the same whitespace the grammar skips (ASCII, U+00A0, U+202F).
std::string_view trim(std::string_view s) {
    std::size_t len = 0;
    while (!s.empty() && is_blank_at(s, 0, len)) s.remove_prefix(len);
    for (bool again = true; again && !s.empty();) {
        again = false;
        for (std::size_t n : {1u, 2u, 3u}) {
            if (s.size() >= n && is_blank_at(s, s.size() - n, len) && len == n) {
                s.remove_suffix(n);
                again = true;
                break;
            }
        }
    }
    return s;
}

std::u32string code_points(std::string_view s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        for (std::size_t k = 1; k < n && i + k < s.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += n;
    }
    return out;
}

std::size_t levenshtein(const std::u32string& a, const std::u32string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

// Words people write for a unit that is not in §5, with the unit they mean.
constexpr std::array<std::pair<std::string_view, std::string_view>, 15> kUnitHints{{
    {"procent", "%"},
    {"mkr", "mnkr"},
    {"h", "timmar"},
    {"kronor", "kr"},
    {"krona", "kr"},
    {"sek", "kr"},
    {"kr/invånare", "kr/inv"},
    {"kronor/invånare", "kr/inv"},
    {"dag", "dagar"},
    {"timme", "timmar"},
    {"tim", "timmar"},
    {"person", "personer"},
    {"stycken", "st"},
    {"styck", "st"},
    {"stk", "st"},
}};

// Words that are clearly meant as units, though not allowed ones.
constexpr std::array<std::string_view, 27> kForeignUnits{{
    "veckor", "vecka", "v", "månader", "månad", "mån", "år", "h", "minuter", "minut",
    "min", "sekunder", "procentenheter", "miljoner", "tusen", "ton", "kg", "kwh", "mwh",
    "gwh", "km", "m2", "antal", "poäng", "besök", "invånare", "index",
}};

// "menade du …?": a hint, else the closest allowed unit by edit distance in
// code points (at most 2, and less than half the word, so `år` does not
// suggest `kr`); ties go to the unit listed first.
std::string suggest_unit(std::string_view word, std::string_view indicator_unit) {
    const std::string w = fold_lower(word);
    for (const auto& [from, to] : kUnitHints)
        if (w == from) return std::string(to);
    const std::u32string wc = code_points(w);
    std::string best;
    std::size_t best_distance = 3;
    auto consider = [&](std::string_view candidate) {
        std::size_t d = levenshtein(wc, code_points(fold_lower(candidate)));
        if (d < best_distance && 2 * d < wc.size()) {
            best_distance = d;
            best = std::string(candidate);
        }
    };
    for (const auto& u : kUnitWords) consider(u.written);
    if (!indicator_unit.empty()) consider(indicator_unit);
    return best;
}

// ------------------------------------------------------------- problems ---

enum class Problem : std::uint8_t {
    not_a_value,
    note_without_value,
    leading_separator,
    plus_sign,
    bad_grouping,
    bare_separator,
    too_many_decimals,
    number_too_large,
    interval_without_high,
    interval_reversed,
    unit_before_dash,
    word_after_number,
    text_after_value,
    unclosed_note,
    text_after_note,
};

struct Failure {
    Problem problem;
    std::size_t offset;
};

// What the parse has read; filled by the actions below.
struct Scan {
    std::string_view text;
    std::string indicator_unit;  // trimmed
    std::string indicator_fold;  // trimmed, lower case
    const char* number_begin = nullptr;
    std::string_view lo_text, hi_text;
    ValueLiteral out;

    std::size_t offset(const char* p) const { return static_cast<std::size_t>(p - text.data()); }
};

// -------------------------------------------------------------- grammar ---

namespace rules {
using namespace pegtl;

template <Problem P>
struct problem {
    static constexpr Problem value = P;
};
// Raises the problem here when the lookahead matches.
template <typename Tag, typename... Look>
struct fail_at : seq<at<Look...>, raise<Tag>> {};

struct blank : sor<one<' ', '\t', '\r', '\n', '\v', '\f'>, utf8::one<0x00A0, 0x202F>> {};
struct ws : star<blank> {};
struct group_sep : sor<one<' '>, utf8::one<0x00A0, 0x202F>> {};
// Letters include å, ä, ö (and the rest of Latin-1/Latin Extended), so that a
// unit or missing-word keyword followed by them is not taken as the keyword.
struct letter : sor<ascii::alpha, utf8::ranges<0xC0, 0xD6, 0xD8, 0xF6, 0xF8, 0x24F>> {};
struct word_char : sor<letter, ascii::digit, one<'_', '/'>> {};
struct word_end : not_at<word_char> {};
struct word : plus<word_char> {};

// Numbers: -1 063,5 · −2,5 · 25 863 · 7.9
struct sign : sor<one<'-'>, utf8::one<0x2212>> {};
struct lead_digits : rep_min_max<1, 3, ascii::digit> {};
struct digit_group : seq<group_sep, rep<3, ascii::digit>, not_at<ascii::digit>> {};
struct grouped_int : seq<lead_digits, not_at<ascii::digit>, plus<digit_group>> {};
struct plain_int : plus<ascii::digit> {};
struct int_part : sor<grouped_int, plain_int> {};
struct bad_grouping : problem<Problem::bad_grouping> {};
struct group_check : opt<group_sep, fail_at<bad_grouping, ascii::digit>> {};
struct dec_sep : one<',', '.'> {};
struct fraction : seq<dec_sep, plus<ascii::digit>> {};
struct bare_separator : problem<Problem::bare_separator> {};
struct fraction_part : opt<sor<fraction, fail_at<bare_separator, dec_sep>>> {};
struct number : seq<opt<sign>, int_part, group_check, fraction_part> {};
struct lo_number : number {};
struct hi_number : number {};

// Units: `%`, §5's words (a keyword only when no letter follows, so `st`
// does not match `stycken`), and the indicator's own `enhet`.
template <typename Word>
struct unit_kw : seq<Word, word_end> {};
struct u_kr_inv : unit_kw<istring<'k', 'r', '/', 'i', 'n', 'v'>> {};
struct u_mnkr : unit_kw<istring<'m', 'n', 'k', 'r'>> {};
struct u_tkr : unit_kw<istring<'t', 'k', 'r'>> {};
struct u_kr : unit_kw<istring<'k', 'r'>> {};
struct u_dagar : unit_kw<istring<'d', 'a', 'g', 'a', 'r'>> {};
struct u_dgr : unit_kw<istring<'d', 'g', 'r'>> {};
struct u_dygn : unit_kw<istring<'d', 'y', 'g', 'n'>> {};
struct u_timmar : unit_kw<istring<'t', 'i', 'm', 'm', 'a', 'r'>> {};
struct u_st : unit_kw<istring<'s', 't'>> {};
struct u_personer : unit_kw<istring<'p', 'e', 'r', 's', 'o', 'n', 'e', 'r'>> {};
struct known_unit
    : sor<u_kr_inv, u_mnkr, u_tkr, u_kr, u_dagar, u_dgr, u_dygn, u_timmar, u_st, u_personer> {};
// The indicator's `enhet` as written (case-insensitive); may contain spaces,
// digits or signs (`ton CO2e`, `m²`). Never matches when the enhet is empty.
struct indicator_unit_text {
    using rule_t = indicator_unit_text;
    using subs_t = empty_list;
    template <apply_mode, rewind_mode, template <typename...> class Action,
              template <typename...> class Control, typename ParseInput>
    static bool match(ParseInput& in, Scan& s) {
        const std::size_t n = s.indicator_fold.size();
        if (n == 0 || in.size(n) < n) return false;
        if (fold_lower(std::string_view(in.current(), n)) != s.indicator_fold) return false;
        in.bump(n);
        return true;
    }
};
struct indicator_unit : seq<indicator_unit_text, word_end> {};
struct word_unit : sor<indicator_unit, known_unit> {};
struct percent : one<'%'> {};
struct unit : sor<seq<ws, percent>, seq<plus<blank>, word_unit>> {};
struct word_after_number : problem<Problem::word_after_number> {};
struct stray_word : seq<ws, fail_at<word_after_number, letter>> {};
struct unit_part : sor<unit, stray_word, success> {};

// Intervals: 26-34 % · 26–34 % · 26 – 34%
struct interval_dash : sor<one<'-'>, utf8::one<0x2013>> {};
struct interval_without_high : problem<Problem::interval_without_high> {};
struct interval_tail
    : seq<ws, sor<seq<interval_dash, ws, hi_number>, fail_at<interval_without_high, interval_dash>>> {};
struct unit_before_dash : problem<Problem::unit_before_dash> {};
struct unit_before_dash_check
    : seq<ws, fail_at<unit_before_dash, sor<percent, word_unit>, ws, interval_dash>> {};
struct number_value
    : seq<lo_number, sor<seq<interval_tail, unit_part>, seq<opt<unit_before_dash_check>, unit_part>>> {};

// Missing: i.u. · i.u · iu · i u · saknas (any case) · - · –
struct missing_word
    : seq<sor<istring<'i', '.', 'u', '.'>, istring<'i', '.', 'u'>, istring<'i', 'u'>,
              istring<'i', ' ', 'u'>, istring<'s', 'a', 'k', 'n', 'a', 's'>>,
          word_end> {};
struct missing_value : sor<missing_word, interval_dash> {};
struct value : sor<number_value, missing_value> {};

// Note: `(…)` with balanced parentheses inside. The body is scanned without
// recursion so that deep nesting cannot exhaust the stack.
struct note_text {
    using rule_t = note_text;
    using subs_t = empty_list;
    template <typename ParseInput>
    static bool match(ParseInput& in) {
        std::size_t depth = 0;
        const std::size_t n = in.size(std::size_t(-1));
        std::size_t i = 0;
        for (; i < n; ++i) {
            const char c = in.peek_char(i);
            if (c == '(') ++depth;
            if (c == ')') {
                if (depth == 0) break;
                --depth;
            }
        }
        in.bump(i);
        return true;
    }
};
struct balanced_note : seq<one<'('>, note_text, one<')'>> {};
struct unclosed_note : problem<Problem::unclosed_note> {};
struct note : seq<at<one<'('>>, sor<at<balanced_note>, raise<unclosed_note>>, balanced_note> {};
struct text_after_note : problem<Problem::text_after_note> {};
struct after_note : seq<ws, sor<eof, raise<text_after_note>>> {};
struct text_after_value : problem<Problem::text_after_value> {};
struct tail : seq<ws, sor<eof, seq<note, after_note>, raise<text_after_value>>> {};

// The whole cell.
struct note_without_value : problem<Problem::note_without_value> {};
struct leading_separator : problem<Problem::leading_separator> {};
struct plus_sign : problem<Problem::plus_sign> {};
struct not_a_value : problem<Problem::not_a_value> {};
struct cell
    : seq<ws, sor<eof, fail_at<note_without_value, one<'('>>,
                  fail_at<leading_separator, dec_sep, ascii::digit>,
                  fail_at<plus_sign, one<'+'>, ascii::digit>, seq<value, tail>, raise<not_a_value>>> {};

}  // namespace rules
}  // namespace
}  // namespace malkoll

// Grammar analysis of the two hand-written rules: indicator_unit_text
// consumes when it succeeds; note_text may match nothing.
template <typename Name>
struct tao::pegtl::analyze_traits<Name, malkoll::rules::indicator_unit_text> : analyze_any_traits<> {};
template <typename Name>
struct tao::pegtl::analyze_traits<Name, malkoll::rules::note_text> : analyze_opt_traits<> {};

namespace malkoll {
namespace {

// ----------------------------------------------------- control, actions ---

template <typename Rule>
struct control : pegtl::normal<Rule> {
    template <typename ParseInput>
    static void start(const ParseInput& in, Scan& s) noexcept {
        if constexpr (std::is_same_v<Rule, rules::lo_number> || std::is_same_v<Rule, rules::hi_number>)
            s.number_begin = in.current();
    }
    // Only problem tags are raised (fail_at / raise<tag>): a rule without a
    // Problem here fails to compile, so no PEGTL default message can leak.
    template <typename ParseInput>
    [[noreturn]] static void raise(const ParseInput& in, Scan& s) {
        throw Failure{Rule::value, s.offset(in.current())};
    }
};

// From the digits as written, independent of locale: the nearest double.
Decimal read_number(std::string_view written, const Scan& s) {
    std::string ascii;
    std::int8_t decimals = 0;
    bool after_sep = false;
    for (std::size_t i = 0; i < written.size();) {
        const char c = written[i];
        if (written.substr(i, 3) == "\xE2\x88\x92") {
            ascii += '-';
            i += 3;
            continue;
        }
        if (c >= '0' && c <= '9') {
            ascii += c;
            if (after_sep && ++decimals > static_cast<std::int8_t>(kMaxDecimals))
                throw Failure{Problem::too_many_decimals, s.offset(written.data() + i)};
        } else if (c == ',' || c == '.') {
            ascii += '.';
            after_sep = true;
        } else if (c == '-') {
            ascii += '-';
        }  // else a byte of a group separator
        ++i;
    }
    double v = 0;
    auto [end, ec] = std::from_chars(ascii.data(), ascii.data() + ascii.size(), v);
    if (ec != std::errc() || end != ascii.data() + ascii.size())
        throw Failure{Problem::number_too_large, s.offset(written.data())};
    if (v == 0) v = 0;  // no -0
    return Decimal{v, decimals};
}

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

template <>
struct action<rules::lo_number> {
    template <typename ActionInput>
    static void apply(const ActionInput& in, Scan& s) {
        s.lo_text = in.string_view();
        s.out.kind = ValueKind::Number;
        s.out.lo = s.out.hi = read_number(in.string_view(), s);
    }
};

template <>
struct action<rules::hi_number> {
    template <typename ActionInput>
    static void apply(const ActionInput& in, Scan& s) {
        s.hi_text = in.string_view();
        s.out.kind = ValueKind::Interval;
        s.out.hi = read_number(in.string_view(), s);
        // Exact decimals keep their order as nearest doubles.
        if (s.out.lo.v > s.out.hi.v) throw Failure{Problem::interval_reversed, s.offset(in.begin())};
    }
};

template <>
struct action<rules::percent> {
    template <typename ActionInput>
    static void apply(const ActionInput&, Scan& s) {
        s.out.unit = "%";
    }
};

template <>
struct action<rules::word_unit> {
    template <typename ActionInput>
    static void apply(const ActionInput& in, Scan& s) {
        const std::string folded = fold_lower(in.string_view());
        s.out.unit = folded == s.indicator_fold ? canonical_unit(s.indicator_unit)
                                                : canonical_unit(in.string_view());
    }
};

template <>
struct action<rules::missing_value> {
    template <typename ActionInput>
    static void apply(const ActionInput&, Scan& s) {
        s.out.kind = ValueKind::Missing;
    }
};

template <>
struct action<rules::value> {
    template <typename ActionInput>
    static void apply(const ActionInput& in, Scan& s) {
        s.out.text = std::string(in.string_view());
    }
};

template <>
struct action<rules::note_text> {
    template <typename ActionInput>
    static void apply(const ActionInput& in, Scan& s) {
        s.out.note = std::string(trim(in.string_view()));
    }
};

// ------------------------------------------------------------- messages ---

// The word (letters, digits, '/', '_') starting at `offset`.
std::string_view word_at(std::string_view text, std::size_t offset) {
    const std::string_view rest = text.substr(offset);
    pegtl::memory_input<pegtl::tracking_mode::lazy> in(rest.data(), rest.size(), "värde");
    if (!pegtl::parse<rules::word>(in)) return rest.substr(0, 1);
    return rest.substr(0, static_cast<std::size_t>(in.current() - rest.data()));
}

// From `offset` up to a note's parenthesis (or the end), trimmed.
std::string_view rest_of_value(std::string_view text, std::size_t offset) {
    std::string_view rest = text.substr(offset);
    const std::size_t paren = rest.find('(');
    if (paren != 0 && paren != std::string_view::npos) rest = rest.substr(0, paren);
    return trim(rest);
}

std::string in_quotes(std::string_view s) { return "'" + std::string(s) + "'"; }

std::string unit_list(const Scan& s) {
    std::string out = "%";
    for (const auto& u : kUnitWords) out += ", " + std::string(u.written);
    if (s.indicator_unit.empty() || is_unit_word(s.indicator_unit, {}))
        out += " (och indikatorns enhet)";
    else
        out += " (och indikatorns enhet " + in_quotes(s.indicator_unit) + ")";
    return out;
}

bool is_foreign_unit(std::string_view word) {
    const std::string w = fold_lower(word);
    return std::find(kForeignUnits.begin(), kForeignUnits.end(), w) != kForeignUnits.end();
}

// Words that the reports use for the state of a task or a yes/no question:
// written as a value, they mean an indicator with `värdeskala`.
bool is_status_like(std::string_view cell) {
    static constexpr std::string_view kWords[] = {
        "ja", "nej", "klar", "klart", "pågår", "pågående", "påbörjad", "påbörjat", "ej påbörjad", "ej påbörjat",
        "genomförd", "genomfört", "ej genomförd", "ej genomfört", "delvis genomförd", "delvis genomfört", "avslutad",
        "avslutat", "planerad", "planerat", "startad", "startat", "införd", "infört", "implementerad", "implementerat",
        "beslutad", "beslutat", "antagen", "antaget", "uppfyllt", "ej uppfyllt", "delvis uppfyllt"};
    const std::string w = fold_lower(cell);
    return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

// Every message a user can see. Each says what to write instead.
std::string describe(const Failure& f, const Scan& s) {
    const std::string_view text = s.text;
    const std::size_t at = f.offset;
    const std::string_view cell = trim(text);
    const auto number_so_far = [&] {
        return text.substr(s.offset(s.number_begin), at - s.offset(s.number_begin));
    };
    const auto unexpected_text = [&] {
        return "oväntad text " + in_quotes(rest_of_value(text, at)) +
               " efter värdet; lägg förklaringen i en not inom parentes eller i kolumnen kommentar";
    };
    switch (f.problem) {
        case Problem::not_a_value:
            // The words of a status ("Genomfört", "ja") are a status indicator's values.
            if (is_status_like(cell))
                return in_quotes(cell) + " är inget värde; har indikatorn ord som värden, lista orden i 'värdeskala:' "
                       "(t.ex. värdeskala: [Ej påbörjad, Pågår, Genomfört]); saknas värdet, skriv " +
                       in_quotes("i.u. (" + std::string(cell) + ")");
            return in_quotes(cell) + " är inget värde; skriv " + in_quotes("i.u. (" + std::string(cell) + ")") +
                   " om värdet saknas";
        case Problem::note_without_value:
            return "en not inom parentes måste stå efter ett värde; skriv " +
                   in_quotes("i.u. " + std::string(cell)) + " om värdet saknas";
        case Problem::leading_separator: {
            const std::string_view written = word_at(text, at + 1);
            return "ett tal börjar med en siffra; skriv " + in_quotes("0" + std::string(text.substr(at, 1)) +
                                                                   std::string(written)) +
                   " i stället för " + in_quotes(text.substr(at, 1 + written.size()));
        }
        case Problem::plus_sign: {
            std::string_view written = text.substr(at + 1);
            written = written.substr(0, std::min(written.find(' '), written.find('(')));
            return "skriv talet utan plustecken: " + in_quotes(written) + " i stället för " +
                   in_quotes(text.substr(at, 1 + written.size()));
        }
        case Problem::bad_grouping: {
            std::size_t end = at;
            while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
            return "felaktig tusentalsgruppering i " +
                   in_quotes(text.substr(s.offset(s.number_begin), end - s.offset(s.number_begin))) +
                   "; skriv tusental i grupper om tre siffror (t.ex. 25 863) eller talet utan mellanslag";
        }
        case Problem::bare_separator: {
            const std::string_view digits = number_so_far();
            return "decimaltecken utan decimaler i " + in_quotes(std::string(digits) + text[at]) + "; skriv " +
                   std::string(digits) + " eller " + std::string(digits) + ",0";
        }
        case Problem::too_many_decimals:
            return "för många decimaler i " + in_quotes(number_so_far()) + "…; skriv högst " +
                   std::to_string(kMaxDecimals) + " decimaler";
        case Problem::number_too_large:
            return "talet " + in_quotes(word_at(text, at)) + " är för stort";
        case Problem::interval_without_high:
            return "intervallet saknar sitt andra tal; ett intervall skrivs med två tal, t.ex. "
                   "'26–34 %', och ett enda värde utan bindestreck: " + in_quotes(s.lo_text);
        case Problem::interval_reversed:
            return "intervallets första tal (" + std::string(s.lo_text) + ") är större än det andra (" +
                   std::string(s.hi_text) + "); skriv det minsta talet först: " + std::string(s.hi_text) +
                   "–" + std::string(s.lo_text);
        case Problem::unit_before_dash:
            return "i ett intervall skrivs enheten bara efter det andra talet, t.ex. 26–34 %";
        case Problem::word_after_number: {
            const std::string_view word = word_at(text, at);
            const bool attached = at > 0 && text[at - 1] >= '0' && text[at - 1] <= '9';
            if (attached && is_unit_word(word, s.indicator_unit)) {
                const std::string_view value = text.substr(s.offset(s.lo_text.data()),
                                                           at - s.offset(s.lo_text.data()));
                return "skriv ett mellanslag mellan talet och enheten: " +
                       in_quotes(std::string(value) + " " + std::string(word));
            }
            const std::string suggestion = suggest_unit(word, s.indicator_unit);
            const bool last = trim(text.substr(at + word.size())).empty();
            if (!suggestion.empty() || is_foreign_unit(word) || last) {
                std::string m = "okänd enhet " + in_quotes(word) + "; tillåtna är " + unit_list(s);
                if (!suggestion.empty()) m += "; menade du " + in_quotes(suggestion) + "?";
                return m;
            }
            return unexpected_text();
        }
        case Problem::text_after_value:
            return unexpected_text();
        case Problem::unclosed_note: {
            long open = 0;
            for (char c : text.substr(at)) open += c == '(' ? 1 : c == ')' ? -1 : 0;
            return "parentesen stängs aldrig; avsluta noten med ')', t.ex. " +
                   in_quotes(std::string(cell) + std::string(static_cast<std::size_t>(std::max(open, 1L)), ')'));
        }
        case Problem::text_after_note:
            return "oväntad text " + in_quotes(trim(text.substr(at))) +
                   " efter noten; noten ska stå sist, så flytta texten in i parentesen";
    }
    return "ogiltigt värde";
}

}  // namespace

// ------------------------------------------------------------ public API ---

bool is_unit_word(std::string_view word, std::string_view indicator_unit) {
    if (word == "%") return true;
    const std::string w = fold_lower(word);
    for (const auto& u : kUnitWords)
        if (w == u.written) return true;
    const std::string_view own = trim(indicator_unit);
    return !own.empty() && w == fold_lower(own);
}

bool is_percentage_points(std::string_view word) {
    const std::string w = fold_lower(word);
    return w == "procentenheter" || w == "procentenhet" || w == "p.e.";
}

std::string canonical_unit(std::string_view word) {
    const std::string w = fold_lower(word);
    for (const auto& u : kUnitWords)
        if (w == u.written) return std::string(u.canonical);
    return std::string(word);
}

namespace {

// The cell as nearly every data file writes it — `62`, `30,5`, `-1.25`,
// `17 %`, `17%` — read without the grammar, to the same ValueLiteral the
// grammar gives (a test compares the two over every short cell of this
// alphabet). Anything else, and any doubt, returns nothing: the grammar
// reads it and writes the messages.
std::optional<ValueLiteral> read_plain_number(std::string_view t) {
    const std::size_t n = t.size();
    if (n == 0 || n > 40) return std::nullopt;
    char ascii[48];
    std::size_t k = 0, i = 0;
    if (t[0] == '-') ascii[k++] = t[i++];
    const std::size_t int_begin = i;
    while (i < n && t[i] >= '0' && t[i] <= '9') ascii[k++] = t[i++];
    if (i == int_begin || i - int_begin > 15) return std::nullopt;
    std::size_t decimals = 0;
    if (i < n && (t[i] == ',' || t[i] == '.')) {
        ascii[k++] = '.';
        const std::size_t frac = ++i;
        while (i < n && t[i] >= '0' && t[i] <= '9') ascii[k++] = t[i++];
        decimals = i - frac;
        if (decimals == 0 || decimals > kMaxDecimals) return std::nullopt;
    }
    bool percent = false;
    if (i + 1 < n && t[i] == ' ' && t[i + 1] == '%') ++i;
    if (i < n && t[i] == '%') {
        percent = true;
        ++i;
    }
    if (i != n) return std::nullopt;
    double v = 0;
    const auto [end, ec] = std::from_chars(ascii, ascii + k, v);
    if (ec != std::errc() || end != ascii + k) return std::nullopt;
    if (v == 0) v = 0;  // no -0
    ValueLiteral out;
    out.kind = ValueKind::Number;
    out.lo = out.hi = Decimal{v, static_cast<std::int8_t>(decimals)};
    if (percent) out.unit = "%";
    out.text = std::string(t);
    return out;
}

ValueParse parse_with_grammar(std::string_view text, std::string_view indicator_unit) {
    Scan s;
    s.text = text;
    s.indicator_unit = std::string(trim(indicator_unit));
    s.indicator_fold = fold_lower(s.indicator_unit);
    pegtl::memory_input<pegtl::tracking_mode::lazy> in(text.data(), text.size(), "värde");
    try {
        pegtl::parse<rules::cell, action, control>(in, s);
    } catch (const Failure& f) {
        return ValueParse{std::nullopt, ValueError{f.offset, describe(f, s)}};
    }
    return ValueParse{std::move(s.out), std::nullopt};
}

}  // namespace

ValueParse parse_value_literal(std::string_view text, std::string_view indicator_unit) {
    if (auto plain = read_plain_number(text)) return ValueParse{std::move(plain), std::nullopt};
    return parse_with_grammar(text, indicator_unit);
}

namespace detail {
std::size_t value_grammar_issues() { return tao::pegtl::analyze<rules::cell>(-1); }
ValueParse parse_value_literal_with_grammar(std::string_view text, std::string_view indicator_unit) {
    return parse_with_grammar(text, indicator_unit);
}
}  // namespace detail

}  // namespace malkoll

