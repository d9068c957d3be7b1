// Value literals (docs/regelfil.md): one row per cell, the whole result or the
// exact error offset and message.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/value_literal.hpp"

using namespace malkoll;

namespace {

constexpr ValueKind M = ValueKind::Missing;
constexpr ValueKind N = ValueKind::Number;
constexpr ValueKind I = ValueKind::Interval;

struct Ok {
    std::string_view text;
    ValueKind kind;
    double lo;
    int lo_decimals;
    double hi;
    int hi_decimals;
    std::string_view unit;
    std::string_view note;
    std::string_view written;  // expected ValueLiteral::text
    std::string_view indicator_unit = {};
};

struct Err {
    std::string_view text;
    std::size_t offset;
    std::string message;  // owns it: many rows are built with +
    std::string_view indicator_unit = {};
};

const std::string kUnits =
    "tillåtna är %, kr, tkr, mnkr, kr/inv, dagar, dgr, dygn, timmar, st, personer (och indikatorns enhet)";
const std::string kNoteAdvice =
    " efter värdet; lägg förklaringen i en not inom parentes eller i kolumnen kommentar";

void check_ok(const Ok& row) {
    CAPTURE(row.text);
    CAPTURE(row.indicator_unit);
    const ValueParse r = parse_value_literal(row.text, row.indicator_unit);
    REQUIRE_MESSAGE(r.value.has_value(), (r.error ? r.error->message : std::string()));
    CHECK_FALSE(r.error.has_value());
    const ValueLiteral& v = *r.value;
    CHECK(v.kind == row.kind);
    CHECK(v.unit == row.unit);
    CHECK(v.note == row.note);
    CHECK(v.text == row.written);
    if (row.kind != M) {
        CHECK(v.lo.v == row.lo);
        CHECK(int(v.lo.decimals) == row.lo_decimals);
        CHECK(v.hi.v == row.hi);
        CHECK(int(v.hi.decimals) == row.hi_decimals);
    }
}

void check_err(const Err& row) {
    CAPTURE(row.text);
    const ValueParse r = parse_value_literal(row.text, row.indicator_unit);
    REQUIRE(r.error.has_value());
    CHECK_FALSE(r.value.has_value());
    CHECK(r.error->offset == row.offset);
    CHECK(r.error->message == row.message);
}

}  // namespace

TEST_CASE("value: numbers, units and real cells") {
    const std::vector<Ok> rows = {
        // text                 kind lo      d  hi      d  unit      note  written
        {"4%",                  N, 4,      0, 4,      0, "%",      "", "4%"},
        {"44 %",                N, 44,     0, 44,     0, "%",      "", "44 %"},
        {"25 863",              N, 25863,  0, 25863,  0, "",       "", "25 863"},
        {"1 063 kr/inv",        N, 1063,   0, 1063,   0, "kr/inv", "", "1 063 kr/inv"},
        {"787 kr/inv",          N, 787,    0, 787,    0, "kr/inv", "", "787 kr/inv"},
        {"8 605 kr/inv",        N, 8605,   0, 8605,   0, "kr/inv", "", "8 605 kr/inv"},
        {"7,9",                 N, 7.9,    1, 7.9,    1, "",       "", "7,9"},
        {"7.9",                 N, 7.9,    1, 7.9,    1, "",       "", "7.9"},
        {"80,5",                N, 80.5,   1, 80.5,   1, "",       "", "80,5"},
        {"0",                   N, 0,      0, 0,      0, "",       "", "0"},
        {"17",                  N, 17,     0, 17,     0, "",       "", "17"},
        {"-2,5",                N, -2.5,   1, -2.5,   1, "",       "", "-2,5"},
        {"\u22122,5",           N, -2.5,   1, -2.5,   1, "",       "", "\u22122,5"},
        {"5,0 %",               N, 5.0,    1, 5.0,    1, "%",      "", "5,0 %"},
        {"11,7",                N, 11.7,   1, 11.7,   1, "",       "", "11,7"},
        {"89,96 %",             N, 89.96,  2, 89.96,  2, "%",      "", "89,96 %"},
        {"1 063,25",            N, 1063.25,2, 1063.25,2, "",       "", "1 063,25"},
        {"1 000 000",           N, 1e6,    0, 1e6,    0, "",       "", "1 000 000"},
        {"25\u00A0863",         N, 25863,  0, 25863,  0, "",       "", "25\u00A0863"},
        {"25\u202F863",         N, 25863,  0, 25863,  0, "",       "", "25\u202F863"},
        {"1\u00A0063\u202F000", N, 1063000,0, 1063000,0, "",       "", "1\u00A0063\u202F000"},
        {"17\u00A0%",           N, 17,     0, 17,     0, "%",      "", "17\u00A0%"},
        {"120 dagar",           N, 120,    0, 120,    0, "dagar",  "", "120 dagar"},
        {"120 dgr",             N, 120,    0, 120,    0, "dagar",  "", "120 dgr"},
        {"120 DGR",             N, 120,    0, 120,    0, "dagar",  "", "120 DGR"},
        {"40 Kr",               N, 40,     0, 40,     0, "kr",     "", "40 Kr"},
        {"300 tkr",             N, 300,    0, 300,    0, "tkr",    "", "300 tkr"},
        {"1,5 mnkr",            N, 1.5,    1, 1.5,    1, "mnkr",   "", "1,5 mnkr"},
        {"2 dygn",              N, 2,      0, 2,      0, "dygn",   "", "2 dygn"},
        {"5 timmar",            N, 5,      0, 5,      0, "timmar", "", "5 timmar"},
        {"12 st",               N, 12,     0, 12,     0, "st",     "", "12 st"},
        {"3 personer",          N, 3,      0, 3,      0, "personer", "", "3 personer"},
        {"  17 %  ",            N, 17,     0, 17,     0, "%",      "", "17 %"},
    };
    for (const Ok& row : rows) check_ok(row);
}

TEST_CASE("value: intervals") {
    const std::vector<Ok> rows = {
        {"26-34 %",             I, 26,     0, 34,     0, "%",      "", "26-34 %"},
        {"26\u201334 %",        I, 26,     0, 34,     0, "%",      "", "26\u201334 %"},
        {"26 \u2013 34%",       I, 26,     0, 34,     0, "%",      "", "26 \u2013 34%"},
        {"26 - 34",             I, 26,     0, 34,     0, "",       "", "26 - 34"},
        {"7,5-8 dagar",         I, 7.5,    1, 8,      0, "dagar",  "", "7,5-8 dagar"},
        {"-5 - -2",             I, -5,     0, -2,     0, "",       "", "-5 - -2"},
        {"3-3",                 I, 3,      0, 3,      0, "",       "", "3-3"},
        {"1 000\u20132 000 kr", I, 1000,   0, 2000,   0, "kr",     "", "1 000\u20132 000 kr"},
        {"26-34 % (prel)",      I, 26,     0, 34,     0, "%",      "prel", "26-34 %"},
    };
    for (const Ok& row : rows) check_ok(row);
}

TEST_CASE("value: missing") {
    const std::vector<Ok> rows = {
        {"i.u.",                M, 0, 0, 0, 0, "", "", "i.u."},
        {"i.u",                 M, 0, 0, 0, 0, "", "", "i.u"},
        {"iu",                  M, 0, 0, 0, 0, "", "", "iu"},
        {"i u",                 M, 0, 0, 0, 0, "", "", "i u"},
        {"I.U.",                M, 0, 0, 0, 0, "", "", "I.U."},
        {"I.U",                 M, 0, 0, 0, 0, "", "", "I.U"},
        {"I.U. ",               M, 0, 0, 0, 0, "", "", "I.U."},
        {"IU",                  M, 0, 0, 0, 0, "", "", "IU"},
        {"I u",                 M, 0, 0, 0, 0, "", "", "I u"},
        {"-",                   M, 0, 0, 0, 0, "", "", "-"},
        {"\u2013",              M, 0, 0, 0, 0, "", "", "\u2013"},
        {"saknas",              M, 0, 0, 0, 0, "", "", "saknas"},
        {"Saknas",              M, 0, 0, 0, 0, "", "", "Saknas"},
        {"",                    M, 0, 0, 0, 0, "", "", ""},
        {"   ",                 M, 0, 0, 0, 0, "", "", ""},
        {"\u00A0\t",            M, 0, 0, 0, 0, "", "", ""},
    };
    for (const Ok& row : rows) check_ok(row);
}

TEST_CASE("value: notes") {
    const std::vector<Ok> rows = {
        {"IU (mäts 2024)",             M, 0,  0, 0,  0, "",  "mäts 2024",              "IU"},
        {"i.u. (Kolada aug 2025)",     M, 0,  0, 0,  0, "",  "Kolada aug 2025",        "i.u."},
        {"i.u. (mätning genomförs 2024)", M, 0, 0, 0, 0, "", "mätning genomförs 2024", "i.u."},
        {"17 % (preliminärt)",         N, 17, 0, 17, 0, "%", "preliminärt",            "17 %"},
        {"17%(prel)",                  N, 17, 0, 17, 0, "%", "prel",                   "17%"},
        {"17 (  prel  )  ",            N, 17, 0, 17, 0, "",  "prel",                   "17"},
        {"i.u.(mätning (ny) 2024)",    M, 0,  0, 0,  0, "",  "mätning (ny) 2024",      "i.u."},
        {"- (ej mätt)",                M, 0,  0, 0,  0, "",  "ej mätt",                "-"},
        {"saknas (se kommentar)",      M, 0,  0, 0,  0, "",  "se kommentar",           "saknas"},
        {"17 ()",                      N, 17, 0, 17, 0, "",  "",                       "17"},
    };
    for (const Ok& row : rows) check_ok(row);
}

TEST_CASE("value: the indicator's own unit") {
    const std::vector<Ok> rows = {
        {"3 dygn",       N, 3,   0, 3,   0, "dygn",     "", "3 dygn",       "dygn"},
        {"12 besök",     N, 12,  0, 12,  0, "besök",    "", "12 besök",     "besök"},
        {"12 BESÖK",     N, 12,  0, 12,  0, "besök",    "", "12 BESÖK",     "besök"},
        {"12 kr/inv",    N, 12,  0, 12,  0, "kr/inv",   "", "12 kr/inv",    "kr"},
        {"3,5 ton CO2e", N, 3.5, 1, 3.5, 1, "ton CO2e", "", "3,5 ton CO2e", "ton CO2e"},
        {"4-6 besök (prel)", I, 4, 0, 6, 0, "besök", "prel", "4-6 besök",   " besök "},
    };
    for (const Ok& row : rows) check_ok(row);
}

TEST_CASE("value: errors point at the offending byte and say what to write") {
    const std::vector<Err> rows = {
        {"Kolada aug 2025", 0,
         "'Kolada aug 2025' är inget värde; skriv 'i.u. (Kolada aug 2025)' om värdet saknas"},
        {"  Kolada", 2, "'Kolada' är inget värde; skriv 'i.u. (Kolada)' om värdet saknas"},
        {"iux", 0, "'iux' är inget värde; skriv 'i.u. (iux)' om värdet saknas"},
        {"162 medel (median 93)", 4, "oväntad text 'medel'" + kNoteAdvice},
        {"162 medel median 93", 4, "oväntad text 'medel median 93'" + kNoteAdvice},
        {"i.u. 2024", 5, "oväntad text '2024'" + kNoteAdvice},
        {"17 % kr", 5, "oväntad text 'kr'" + kNoteAdvice},
        {"73.", 2, "decimaltecken utan decimaler i '73.'; skriv 73 eller 73,0"},
        {"1 063, %", 5, "decimaltecken utan decimaler i '1 063,'; skriv 1 063 eller 1 063,0"},
        {"12 veckor", 3, "okänd enhet 'veckor'; " + kUnits},
        {"12 veckor (prel)", 3, "okänd enhet 'veckor'; " + kUnits},
        {"12 dagr", 3, "okänd enhet 'dagr'; " + kUnits + "; menade du 'dagar'?"},
        {"12 procent", 3, "okänd enhet 'procent'; " + kUnits + "; menade du '%'?"},
        {"12 stycken", 3, "okänd enhet 'stycken'; " + kUnits + "; menade du 'st'?"},
        {"5 stå", 2, "okänd enhet 'stå'; " + kUnits + "; menade du 'st'?"},
        {"12 mkr", 3, "okänd enhet 'mkr'; " + kUnits + "; menade du 'mnkr'?"},
        {"5 år", 2, "okänd enhet 'år'; " + kUnits},
        {"12 kr/invånare", 3, "okänd enhet 'kr/invånare'; " + kUnits + "; menade du 'kr/inv'?"},
        {"12kr", 2, "skriv ett mellanslag mellan talet och enheten: '12 kr'"},
        {"26-34kr", 5, "skriv ett mellanslag mellan talet och enheten: '26-34 kr'"},
        {"17 % (oavslutad", 5, "parentesen stängs aldrig; avsluta noten med ')', t.ex. '17 % (oavslutad)'"},
        {"i.u. (a (b)", 5, "parentesen stängs aldrig; avsluta noten med ')', t.ex. 'i.u. (a (b))'"},
        {"17 % (not) extra", 11,
         "oväntad text 'extra' efter noten; noten ska stå sist, så flytta texten in i parentesen"},
        {"17 (a) (b)", 7, "oväntad text '(b)' efter noten; noten ska stå sist, så flytta texten in i parentesen"},
        {"(preliminärt)", 0,
         "en not inom parentes måste stå efter ett värde; skriv 'i.u. (preliminärt)' om värdet saknas"},
        {"25 86", 3,
         "felaktig tusentalsgruppering i '25 86'; skriv tusental i grupper om tre siffror (t.ex. 25 863) "
         "eller talet utan mellanslag"},
        {"1 000 00", 6,
         "felaktig tusentalsgruppering i '1 000 00'; skriv tusental i grupper om tre siffror (t.ex. 25 863) "
         "eller talet utan mellanslag"},
        {"12345 678", 6,
         "felaktig tusentalsgruppering i '12345 678'; skriv tusental i grupper om tre siffror (t.ex. 25 863) "
         "eller talet utan mellanslag"},
        {"25 8634", 3,
         "felaktig tusentalsgruppering i '25 8634'; skriv tusental i grupper om tre siffror (t.ex. 25 863) "
         "eller talet utan mellanslag"},
        {"26-14 %", 3,
         "intervallets första tal (26) är större än det andra (14); skriv det minsta talet först: 14–26"},
        {"26 % \u2013 34 %", 3, "i ett intervall skrivs enheten bara efter det andra talet, t.ex. 26–34 %"},
        {"26 -", 3,
         "intervallet saknar sitt andra tal; ett intervall skrivs med två tal, t.ex. '26–34 %', och ett "
         "enda värde utan bindestreck: '26'"},
        {",5", 0, "ett tal börjar med en siffra; skriv '0,5' i stället för ',5'"},
        {"+2,5 %", 0, "skriv talet utan plustecken: '2,5' i stället för '+2,5'"},
        {"0,1234567890123456", 17,
         "för många decimaler i '0,123456789012345'…; skriv högst 15 decimaler"},
        {"12 besök", 3, "okänd enhet 'besök'; " + kUnits},
        {"12 besök", 3, "okänd enhet 'besök'; " + kUnits, "dygn"},
        {"12 besöken", 3,
         "okänd enhet 'besöken'; tillåtna är %, kr, tkr, mnkr, kr/inv, dagar, dgr, dygn, timmar, st, "
         "personer (och indikatorns enhet 'besök'); menade du 'besök'?",
         "besök"},
    };
    for (const Err& row : rows) check_err(row);
}

TEST_CASE("value: a number too large for a double") {
    const std::string big = "1" + std::string(400, '0');
    check_err({big, 0, "talet '" + big + "' är för stort"});
}

TEST_CASE("value: unit words and their canonical form") {
    for (std::string_view w : {"%", "kr", "tkr", "mnkr", "kr/inv", "dagar", "dgr", "dygn", "timmar", "st",
                               "personer", "KR", "Dgr"}) {
        CAPTURE(w);
        CHECK(is_unit_word(w, ""));
        // Every listed word is also a unit in the grammar.
        const ValueParse r = parse_value_literal("1 " + std::string(w));
        REQUIRE(r.value.has_value());
        CHECK(r.value->unit == canonical_unit(w));
    }
    CHECK_FALSE(is_unit_word("veckor", ""));
    CHECK_FALSE(is_unit_word("", ""));
    CHECK_FALSE(is_unit_word("stycken", ""));
    CHECK(is_unit_word("besök", "besök"));
    CHECK(is_unit_word("Besök", "besök"));
    CHECK(is_unit_word("BESÖK", "besök"));
    CHECK_FALSE(is_unit_word("besök", ""));
    CHECK(canonical_unit("dgr") == "dagar");
    CHECK(canonical_unit("DGR") == "dagar");
    CHECK(canonical_unit("dagar") == "dagar");
    CHECK(canonical_unit("KR/INV") == "kr/inv");
    CHECK(canonical_unit("%") == "%");
    CHECK(canonical_unit("besök") == "besök");
}

TEST_CASE("value: grammar analysis finds no problems") {
    CHECK(detail::value_grammar_issues() == 0);
}

// The fast path for plain numbers must give exactly what the grammar gives:
// every cell of up to 5 characters over the alphabet below (and 5 000 longer
// ones), read both ways, same kind, numbers, decimals, unit, note, text — or
// the same error.
TEST_CASE("value: the fast path for plain numbers agrees with the grammar") {
    const std::string alphabet = "0159,.- %a";
    std::size_t compared = 0, plain = 0;
    auto compare = [&](const std::string& cell) {
        CAPTURE(cell);
        for (std::string_view unit : {std::string_view(), std::string_view("%")}) {
            const ValueParse fast = parse_value_literal(cell, unit);
            const ValueParse slow = detail::parse_value_literal_with_grammar(cell, unit);
            REQUIRE(fast.value.has_value() == slow.value.has_value());
            ++compared;
            if (!fast.value) {
                CHECK(fast.error->offset == slow.error->offset);
                CHECK(fast.error->message == slow.error->message);
                continue;
            }
            const ValueLiteral &a = *fast.value, &b = *slow.value;
            CHECK(a.kind == b.kind);
            CHECK(a.unit == b.unit);
            CHECK(a.note == b.note);
            CHECK(a.text == b.text);
            if (a.kind != ValueKind::Missing) {
                CHECK(a.lo.v == b.lo.v);
                CHECK(std::signbit(a.lo.v) == std::signbit(b.lo.v));
                CHECK(a.lo.decimals == b.lo.decimals);
                CHECK(a.hi.v == b.hi.v);
                CHECK(a.hi.decimals == b.hi.decimals);
            }
            if (a.kind == ValueKind::Number && a.note.empty()) ++plain;
        }
    };
    std::string cell;
    std::vector<std::size_t> digit;
    for (std::size_t len = 1; len <= 5; ++len) {
        digit.assign(len, 0);
        for (;;) {
            cell.clear();
            for (std::size_t d : digit) cell += alphabet[d];
            compare(cell);
            std::size_t k = 0;
            while (k < len && ++digit[k] == alphabet.size()) digit[k++] = 0;
            if (k == len) break;
        }
    }
    // Longer cells: up to 20 digits and 17 decimals, around the limits of 15.
    unsigned seed = 7;
    auto next = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7FFF; };
    for (int r = 0; r < 5000; ++r) {
        cell.clear();
        if (next() % 4 == 0) cell += '-';
        for (unsigned n = 1 + next() % 20; n > 0; --n) cell += char('0' + next() % 10);
        if (next() % 2) {
            cell += next() % 2 ? ',' : '.';
            for (unsigned n = next() % 18; n > 0; --n) cell += char('0' + next() % 10);
        }
        if (next() % 3 == 0) cell += next() % 2 ? " %" : "%";
        compare(cell);
    }
    CHECK(compared > 200'000);
    CHECK(plain > 10'000);  // the fast path's own cells are among them
}
