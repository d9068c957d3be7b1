// Data files (docs/regelfil.md): CSV read into RuleFile::values. Every case
// asserts the whole list of values read and the whole list of diagnostics,
// with exact positions.
#include <doctest/doctest.h>

#include <cstdint>
#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "engine/core/diagnostic.hpp"
#include "engine/core/source.hpp"
#include "engine/core/text.hpp"
#include "engine/load/data_file.hpp"
#include "engine/load/rule_file.hpp"

using namespace malkoll;

namespace {

// Three indicators; the rule file is line-numbered in the comments because
// inline values' positions appear in duplicate messages.
const std::string kRules =
    "malkoll: 1\n"                           // 1
    "nämnd: Testnämnden\n"                   // 2
    "år: 2024\n"                             // 3
    "målområden:\n"                          // 4
    "  - namn: A\n"                          // 5
    "    kommunmål:\n"                       // 6
    "      - namn: B\n"                      // 7
    "        nämndmål:\n"                    // 8
    "          - id: m1\n"                   // 9
    "            namn: Mål\n"                // 10
    "            indikatorer:\n"             // 11
    "              - {id: våldsfrågor, namn: V, riktning: öka, enhet: \"%\"}\n"        // 12
    "              - {id: väntetid, namn: W, riktning: minska, enhet: dagar}\n"        // 13
    "              - {id: antal, namn: N, riktning: öka, utfall: {2023: \"1 200\"}}\n";  // 14

// The same as a delår per 2024-08.
std::string delar_rules() {
    std::string r = kRules;
    const std::string year = "år: 2024\n";
    r.replace(r.find(year), year.size(), year + "rapport: delår\nperiod: 2024-08\n");
    return r;
}

// A rule file loaded without problems, then data files read into it.
struct Run {
    SourceSet sources;
    Diagnostics diags;
    RuleFile file;

    explicit Run(const std::string& rules = kRules) {
        file = load_rule_text("input", rules, sources, diags);
        REQUIRE_MESSAGE(!diags.has_errors(), (diags.items().empty() ? "" : diags.items().front().message));
        REQUIRE(diags.items().empty());
    }
    Run& data(const std::string& csv, const std::string& name = "input.csv") {
        load_data_text(name, csv, file, sources, diags);
        return *this;
    }

    // "FILE:LINE:COL: fel: message", sorted as the CLI prints them.
    std::vector<std::string> messages() const {
        Diagnostics d = diags;
        d.sort();
        std::vector<std::string> out;
        for (const auto& item : d.items()) out.push_back(format_diagnostic(item, ""));
        return out;
    }

    // "id period[/series] text[ (note)][ {källa}] @FILE:LINE:COL" for each value.
    std::vector<std::string> values() const {
        std::vector<std::string> out;
        for (const auto& v : file.values) {
            std::string s = file.indicators[v.indicator].id + " " + v.period.text();
            const ValueStore& vs = file.values;
            // Appended piece by piece: `" {" + std::string(…)` trips GCC 12's false -Wrestrict (PR 105651).
            if (!v.is_main_series()) s.append("/").append(vs.series_name(v));
            s.append(" ").append(vs.text(v));
            if (const std::string r = vs.remark(v); !r.empty()) s.append(" (").append(r).append(")");
            if (!vs.data_source(v).empty()) s.append(" {").append(vs.data_source(v)).append("}");
            const Position p = vs.position(v);
            s += fmt::format(" @{}:{}:{}", p.file, p.line, p.col);
            out.push_back(s);
        }
        return out;
    }
};

using Lines = std::vector<std::string>;

// One line per item, so doctest shows both sides in full when they differ.
std::string join(const Lines& lines) {
    std::string out;
    for (const auto& l : lines) out += "\n  " + l;
    return out;
}

struct Case {
    std::string name;
    std::string csv;
    Lines values;
    Lines messages;
};

void check_cases(const std::vector<Case>& cases, const std::string& rules = kRules) {
    for (const Case& c : cases) {
        CAPTURE(c.name);
        Run r(rules);
        r.data(c.csv);
        // Values in report order: by indicator, periods ascending (the inline
        // value of `antal`, rule file line 14, is for 2023).
        CHECK(join(r.values()) == join(c.values));
        CHECK(join(r.messages()) == join(c.messages));
    }
}

const std::string kInline = "antal 2023 1 200 @input:14:68";

}  // namespace

TEST_CASE("data: the separator is detected from the header (semikolon, tabb, komma)") {
    check_cases({
        {"semicolon",
         "indikator;period;värde\nvåldsfrågor;2024;17,5 %\nantal;2024;1 063\n",
         {"våldsfrågor 2024 17,5 % @input.csv:2:18", kInline, "antal 2024 1 063 @input.csv:3:12"},
         {}},
        {"tab",
         "indikator\tperiod\tvärde\nvåldsfrågor\t2024\t17,5 %\nantal\t2024\t1 063\n",
         {"våldsfrågor 2024 17,5 % @input.csv:2:18", kInline, "antal 2024 1 063 @input.csv:3:12"},
         {}},
        {"comma, decimal comma quoted",
         "indikator,period,värde\nvåldsfrågor,2024,\"17,5 %\"\nantal,2024,1 063\n",
         {"våldsfrågor 2024 17,5 % @input.csv:2:19", kInline, "antal 2024 1 063 @input.csv:3:12"},
         {}},
        {"semicolon wins over comma in a header",
         "indikator;period;värde;kommentar\nvåldsfrågor;2024;17,5 %;a, b\n",
         {"våldsfrågor 2024 17,5 % (a, b) @input.csv:2:18", kInline},
         {}},
        {"tab wins over comma",
         "indikator\tperiod\tvärde\tkommentar\nvåldsfrågor\t2024\t17,5 %\ta, b\n",
         {"våldsfrågor 2024 17,5 % (a, b) @input.csv:2:18", kInline},
         {}},
        {"a separator inside a quoted header name does not count",
         "\"indikator;\",period,värde\n",
         {kInline},
         {"input.csv:1:1: fel: rubrikraden saknar kolumnen 'indikator'; en datafil ska ha kolumnerna indikator, "
          "period och värde (serie, kommentar och källa får finnas)",
          "input.csv:1:2: fel: okänd kolumn 'indikator;' (menade du 'indikator'?)"}},
        {"comma file with an unquoted decimal comma",
         "indikator,period,värde\nvåldsfrågor,2024,17,5 %\n",
         {kInline},
         {"input.csv:2:21: fel: raden har 4 fält men rubrikraden har 3; ett värde med decimalkomma måste stå "
          "inom citattecken (\"7,9\") när komma skiljer kolumnerna"}},
    });
}

TEST_CASE("data: header names in any order, any case, ASCII spellings, optional columns") {
    check_cases({
        {"all six, shuffled, ASCII and upper case",
         "KALLA;Varde;serie;Period;kommentar;INDIKATOR\nSCB;18 %;kvinnor;2024;prel;våldsfrågor\n",
         {"våldsfrågor 2024/kvinnor 18 % (prel) {SCB} @input.csv:2:5", kInline},
         {}},
        {"Swedish letters in upper case",
         "Indikator;PERIOD;VÄRDE;KÄLLA\nantal;2022;5;Treserva\n",
         {"antal 2022 5 {Treserva} @input.csv:2:12", kInline},
         {}},
        {"blanks around names and an empty trailing column (as spreadsheets write)",
         " indikator ; period ;värde;\nantal;2022;5;\n",
         {"antal 2022 5 @input.csv:2:12", kInline},
         {}},
        {"leading empty lines before the header",
         "\n;;\nindikator;period;värde\nantal;2022;5\n",
         {"antal 2022 5 @input.csv:4:12", kInline},
         {}},
    });
}

TEST_CASE("data: header errors") {
    const std::string missing_value =
        "rubrikraden saknar kolumnen 'värde'; en datafil ska ha kolumnerna indikator, period och värde "
        "(serie, kommentar och källa får finnas)";
    check_cases({
        {"unknown column with a suggestion; the rest is still read",
         "indikator;period;värde;kommentarer\nantal;2022;5;x\n",
         {"antal 2022 5 @input.csv:2:12", kInline},
         {"input.csv:1:24: fel: okänd kolumn 'kommentarer' (menade du 'kommentar'?)"}},
        {"unknown column without a suggestion",
         "indikator;period;värde;kommun\n",
         {kInline},
         {"input.csv:1:24: fel: okänd kolumn 'kommun'; en datafil har kolumnerna indikator, period, serie, "
          "värde, kommentar och källa"}},
        {"missing required column: at the header line, no rows read",
         "indikator;period;värden\nantal;2022;5\n",
         {kInline},
         {"input.csv:1:1: fel: " + missing_value,
          "input.csv:1:18: fel: okänd kolumn 'värden' (menade du 'värde'?)"}},
        {"words exports use for our columns: år, utfall, kön",
         "indikator;År;utfall;Kön\n",
         {kInline},
         {"input.csv:1:1: fel: rubrikraden saknar kolumnen 'period'; en datafil ska ha kolumnerna indikator, "
          "period och värde (serie, kommentar och källa får finnas)",
          "input.csv:1:1: fel: " + missing_value,
          "input.csv:1:11: fel: okänd kolumn 'År' (menade du 'period'?)",
          "input.csv:1:14: fel: okänd kolumn 'utfall' (menade du 'värde'?)",
          "input.csv:1:21: fel: okänd kolumn 'Kön' (menade du 'serie'?)"}},
        {"a column twice",
         "indikator;period;värde;Värde\n",
         {kInline},
         {"input.csv:1:24: fel: kolumnen 'värde' finns redan som kolumn 3"}},
        {"no header at all",
         "våldsfrågor;2024;17 %\n",
         {kInline},
         {"input.csv:1:1: fel: första raden ska vara en rubrikrad med kolumnernas namn, t.ex. "
          "indikator;period;serie;värde;kommentar;källa"}},
        {"empty file",
         "",
         {kInline},
         {"input.csv:1:1: fel: filen är tom; en datafil börjar med en rubrikrad, t.ex. "
          "indikator;period;serie;värde;kommentar;källa"}},
        {"only a BOM",
         "\xEF\xBB\xBF",
         {kInline},
         {"input.csv:1:1: fel: filen är tom; en datafil börjar med en rubrikrad, t.ex. "
          "indikator;period;serie;värde;kommentar;källa"}},
        {"a header and no rows is fine",
         "indikator;period;värde\n",
         {kInline},
         {}},
        {"a control character is refused at its place (it would otherwise reach the reports unseen)",
         "indikator;period;värde\nantal;2022;i.u. (p\x1fq)\n",
         {kInline},
         {"input.csv:2:19: fel: styrtecknet U+001F får inte stå i en datafil; ta bort det (det syns ofta inte i kalkylprogrammet)"}},
        {"a C1 control character too",
         "indikator;period;värde\nantal;2022;5\xC2\x85\n",
         {kInline},
         {"input.csv:2:13: fel: styrtecknet U+0085 får inte stå i en datafil; ta bort det (det syns ofta inte i kalkylprogrammet)"}},
        {"UTF-16 is refused with advice",
         std::string("\xFF\xFEi\0n\0", 6),
         {kInline},
         {"input.csv:1:1: fel: filen är kodad som UTF-16 (Excels \"Unicode-text\"); spara den som \"CSV UTF-8\" "
          "eller \"CSV (semikolonavgränsad)\""}},
    });
}

TEST_CASE("data: RFC 4180 quoting") {
    check_cases({
        {"separator, doubled quote and a line break inside quotes; positions after it",
         "indikator;period;värde;kommentar\n"
         "antal;2022;5;\"a;b \"\"c\"\"\nrad två\"\n"
         "antal;2023;\"6\";\"\"\n"
         "\"antal\";\"2024\";\"7 (x)\";\"y\"\n",
         {"antal 2022 5 (a;b \"c\"\nrad två) @input.csv:2:12", kInline, "antal 2024 7 (x — y) @input.csv:5:17"},
         {"input.csv:4:13: fel: värdet för antal 2023 finns redan på input:14"}},
        {"text after a closing quote",
         "indikator;period;värde\nantal;\"2022\"x;5\nantal;2022;5\n",
         {"antal 2022 5 @input.csv:3:12", kInline},
         {"input.csv:2:13: fel: oväntad text efter citattecknet som avslutar fältet; skriv hela fältet inom "
          "citattecken och ett citattecken i texten som \"\""}},
        {"a quote never closed ends the file",
         "indikator;period;värde\nantal;2022;5\nantal;2021;\"6\nantal;2020;7\n",
         {"antal 2022 5 @input.csv:2:12", kInline},
         {"input.csv:3:12: fel: citattecknet stängs aldrig; avsluta fältet med \" (ett citattecken i själva "
          "texten skrivs \"\")"}},
        {"a quote inside an unquoted cell is text",
         "indikator;period;värde;kommentar\nantal;2022;5;tio \"st\"\n",
         {"antal 2022 5 (tio \"st\") @input.csv:2:12", kInline},
         {}},
    });
}

TEST_CASE("data: CRLF and BOM give the same values and positions as LF") {
    const std::string lf = "indikator;period;serie;värde\nvåldsfrågor;2024;män;17 %\n\nvåldsfrågor;2024;kvinnor;x\n";
    std::string crlf;
    for (char c : lf) {
        if (c == '\n') crlf += '\r';
        crlf += c;
    }
    const Lines values = {"våldsfrågor 2024/män 17 % @input.csv:2:22", kInline};
    const Lines messages = {
        "input.csv:4:26: fel: 'x' är inget värde; skriv 'i.u. (x)' om värdet saknas"};
    check_cases({
        {"LF", lf, values, messages},
        {"CRLF", crlf, values, messages},
        {"BOM + LF", "\xEF\xBB\xBF" + lf, values, messages},
        {"BOM + CRLF", "\xEF\xBB\xBF" + crlf, values, messages},
        {"CRLF without a final line break", crlf.substr(0, crlf.size() - 2), values, messages},
    });
    // The text kept for diagnostics is without BOM and shows the line.
    Run r;
    r.data("\xEF\xBB\xBF" + crlf);
    REQUIRE(r.diags.items().size() == 1);
    CHECK(r.sources.render(r.diags.items()[0]) ==
          "input.csv:4:26: fel: 'x' är inget värde; skriv 'i.u. (x)' om värdet saknas\n"
          "våldsfrågor;2024;kvinnor;x\n"
          "                         ^");
}

// docs/regelspråk.md: ids and names are compared after NFC. macOS and some PDF
// exports write å as a + U+030A and ä as a + U+0308.
TEST_CASE("data: decomposed letters (NFD) in ids and header names") {
    Run r;
    r.data("indikator;period;va\xCC\x88rde\n"
           "va\xCC\x8A" "ldsfra\xCC\x8A" "gor;2024;17 %\n");
    CHECK(join(r.messages()).empty());
    // (Columns count code points: the combining rings are two of them.)
    CHECK(join(r.values()) == join(Lines{"våldsfrågor 2024 17 % @input.csv:2:20", kInline}));
}

TEST_CASE("data: Windows-1252 bytes are converted with a notice") {
    // What Swedish Excel writes: cp1252, CRLF, a no-break space (0xA0) between thousands.
    const std::string bytes =
        "indikator;period;v\xE4rde;kommentar\r\n"
        "antal;2024;25\xA0" "863;prelimin\xE4rt\r\n"
        "v\xE5ldsfr\xE5gor;2024;17 %;\r\n";
    Run r;
    r.data(bytes);
    CHECK(join(r.values()) == join(Lines{"våldsfrågor 2024 17 % @input.csv:3:18", kInline,
                              "antal 2024 25\u00A0863 (preliminärt) @input.csv:2:12"}));
    CHECK(join(r.messages()) == join(Lines{"input.csv:1:19: obs: filen är inte giltig UTF-8 (första avvikande byte 0xE4 här) och lästes som Windows-1252; kontrollera å, ä och ö"}));
    REQUIRE(r.file.values.size() == 3);
    CHECK(r.file.values[2].kind == ValueKind::Number);
    CHECK(r.file.values[2].lo_v == 25863);
    CHECK(r.diags.items()[0].severity == Severity::Notice);
    CHECK(r.sources.file(r.sources.size() - 1).line(1) == "antal;2024;25\u00A0863;preliminärt");
}

TEST_CASE("data: unknown indicators are a warning naming the closest id, once per id") {
    check_cases({
        {"ASCII spelling of an id",
         "indikator;period;värde\nvaldsfragor;2024;17 %\n",
         {kInline},
         {"input.csv:2:1: varning: okänd indikator 'valdsfragor' (menade du 'våldsfrågor'?)"}},
        {"ids are case-sensitive; several rows give one warning",
         "indikator;period;värde\nAntal;2022;1\nantal;2022;2\nAntal;2023;3\n",
         {"antal 2022 2 @input.csv:3:12", kInline},
         {"input.csv:2:1: varning: okänd indikator 'Antal' (menade du 'antal'?); 2 rader med den används inte "
          "(den första står här)"}},
        {"nothing close",
         "indikator;period;värde\nkostnad-per-brukare;2024;1\n",
         {kInline},
         {"input.csv:2:1: varning: okänd indikator 'kostnad-per-brukare'"}},
        {"an empty id is an error",
         "indikator;period;värde\n ;2024;1\n",
         {kInline},
         {"input.csv:2:1: fel: indikatorn saknas; skriv indikatorns id i kolumnen 'indikator'"}},
    });
}

TEST_CASE("data: the same indikator, period and serie twice is an error naming both places") {
    check_cases({
        {"against an inline value",
         "indikator;period;serie;värde\nantal;2023;;1 300\nantal;2023;totalt;1 400\n",
         {kInline},
         {"input.csv:2:13: fel: värdet för antal 2023 finns redan på input:14",
          "input.csv:3:19: fel: värdet för antal 2023 finns redan på input:14"}},
        {"in the same file, series matched case-insensitively",
         "indikator;period;serie;värde\nvåldsfrågor;2024;Män;1 %\nvåldsfrågor;2024;män;2 %\n"
         "våldsfrågor;2024-12;män;3 %\n",
         // A series is named as it was first written; 2024-12 ends before the full year 2024.
         {"våldsfrågor 2024-12/Män 3 % @input.csv:4:25", "våldsfrågor 2024/Män 1 % @input.csv:2:22", kInline},
         {"input.csv:3:22: fel: värdet för våldsfrågor 2024 (Män) finns redan på rad 2"}},
    });
    // In another data file.
    Run r;
    r.data("indikator;period;värde\nväntetid;2024;12 dagar\n", "a.csv");
    r.data("värde;indikator;period\n14 dagar;väntetid;2024\n", "b.csv");
    CHECK(join(r.values()) == join(Lines{"väntetid 2024 12 dagar @a.csv:2:15", kInline}));
    CHECK(join(r.messages()) == join(Lines{"b.csv:2:1: fel: värdet för väntetid 2024 finns redan på a.csv:2"}));
}

TEST_CASE("data: a bad cell's position is exact in characters, quotes accounted for") {
    struct Row {
        std::string row;
        std::string message;
    };
    const std::string h = "indikator;period;serie;värde\n";
    const std::vector<Row> rows = {
        // å, ö, ä are two bytes each; the column counts them once.
        {"våldsfrågor;2024;män;17 % kr", "input.csv:2:27: fel: oväntad text 'kr' efter värdet; lägg förklaringen i "
                                         "en not inom parentes eller i kolumnen kommentar"},
        {"våldsfrågor;2024;män;  Kolada aug 2025",
         "input.csv:2:24: fel: 'Kolada aug 2025' är inget värde; skriv 'i.u. (Kolada aug 2025)' om värdet saknas"},
        // The opening quote and each "" count as written.
        {"\"våldsfrågor\";\"2024\";\"\"\"män\"\"\";\"17 (\"\"prel\"\") x\"",
         "input.csv:2:47: fel: oväntad text 'x' efter noten; noten ska stå sist, så flytta texten in i parentesen"},
        // A value after a line break inside its quotes.
        {"våldsfrågor;2024;män;\"17 %\n(prel) x\"",
         "input.csv:3:8: fel: oväntad text 'x' efter noten; noten ska stå sist, så flytta texten in i parentesen"},
        {"väntetid;2024;;12 veckor",
         "input.csv:2:19: fel: okänd enhet 'veckor'; tillåtna är %, kr, tkr, mnkr, kr/inv, dagar, dgr, dygn, "
         "timmar, st, personer (och indikatorns enhet)"},
        {"väntetid;2024-13;;12", "input.csv:2:10: fel: '2024-13' är ingen period; skriv ett år (2024) eller år och "
                                 "månad (2024-08)"},
        {"väntetid; 2024-08-01;;12",
         "input.csv:2:11: fel: '2024-08-01' är ingen period; skriv 2024-08 (kalkylprogram gör gärna om perioder "
         "till datum — formatera kolumnen som text)"},
        {"väntetid;2024;;12;x", "input.csv:2:19: fel: raden har 5 fält men rubrikraden har 4"},
        {"väntetid;2024", "input.csv:2:1: fel: raden har 2 fält men rubrikraden har 4"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.row);
        Run r;
        r.data(h + row.row + "\n");
        CHECK(join(r.values()) == join(Lines{kInline}));
        CHECK(join(r.messages()) == join(Lines{row.message}));
    }
}

TEST_CASE("data: periods after the report's are ignored with a notice, the forecast for år is kept") {
    check_cases(
        {
            {"delår 2024-08",
             "indikator;period;serie;värde\n"
             "väntetid;2024-06;;10\n"
             "väntetid;2024-08;;11\n"
             "väntetid;2024-10;;12\n"
             "väntetid;2024;;13\n"
             "väntetid;2024;Prognos;14\n"
             "väntetid;2025;prognos;15\n"
             "antal;2025;;1\n",
             {"väntetid 2024-06 10 @input.csv:2:19", "väntetid 2024-08 11 @input.csv:3:19",
              "väntetid 2024/Prognos 14 @input.csv:6:23", "antal 2023 1 200 @input:16:68"},
             {"input.csv:4:10: obs: värdet för väntetid 2024-10 används inte: 2024-10 är efter rapportperioden "
              "2024-08",
              "input.csv:5:10: obs: värdet för väntetid 2024 används inte: 2024 är efter rapportperioden 2024-08; "
              "en prognos för helåret skrivs i serien 'prognos'",
              "input.csv:7:10: obs: 2 värden för 2025 används inte: 2025 är efter rapportperioden 2024-08 (det "
              "första står här)"}},
        },
        delar_rules());
    check_cases({
        {"helår 2024",
         "indikator;period;serie;värde\nväntetid;2024-12;;12\nväntetid;2024;prognos;13\nväntetid;2025-01;;14\n",
         {"väntetid 2024-12 12 @input.csv:2:19", "väntetid 2024/prognos 13 @input.csv:3:23", kInline},
         {"input.csv:4:10: obs: värdet för väntetid 2025-01 används inte: 2025-01 är efter rapportperioden 2024"}},
    });
}

TEST_CASE("data: kommentar is the note, after a note in the cell — källa is kept") {
    check_cases({
        {"notes",
         "indikator;period;värde;kommentar;källa\n"
         "våldsfrågor;2021;17 % (preliminärt);enligt Stratsys;Treserva\n"
         "våldsfrågor;2022;18 %;  bara kommentar  ;\n"
         "våldsfrågor;2023;i.u. (mäts 2025);;\n"
         "våldsfrågor;2024;;ingen mätning;SCB\n",
         {"våldsfrågor 2021 17 % (preliminärt — enligt Stratsys) {Treserva} @input.csv:2:18",
          "våldsfrågor 2022 18 % (bara kommentar) @input.csv:3:18",
          "våldsfrågor 2023 i.u. (mäts 2025) @input.csv:4:18",
          "våldsfrågor 2024  (ingen mätning) {SCB} @input.csv:5:18", kInline},
         {}},
    });
}

TEST_CASE("data: values in report order: by indicator, periods ascending, the series as given, file order within") {
    Run r;
    r.data("indikator;period;värde\nväntetid;2021;1\nvåldsfrågor;2021;2\nväntetid;2020;3\nantal;2024;4\n");
    CHECK(join(r.values()) == join(Lines{"våldsfrågor 2021 2 @input.csv:3:18", "väntetid 2020 3 @input.csv:4:15",
                              "väntetid 2021 1 @input.csv:2:15", kInline, "antal 2024 4 @input.csv:5:12"}));
    CHECK(r.messages().empty());

    // Many rows in a scrambled order, over two files: the same order as a
    // stable sort of (inline, first file, second file) by indicator and
    // period (series not in `serier` keep the order they were met in).
    Run big;
    const std::vector<std::string> ids = {"våldsfrågor", "väntetid", "antal"};
    std::vector<std::pair<std::size_t, std::string>> expected = {{2 * 2 + 1, kInline}};  // antal, 2023 after 2020
    std::uint32_t seed = 7;
    for (const std::string name : {"a.csv", "b.csv"}) {
        std::string csv = "indikator;period;serie;värde\n";
        for (int row = 0; row < 600; ++row) {
            seed = seed * 1664525u + 1013904223u;
            const std::size_t ind = (seed >> 16) % 3;
            const std::string series = fmt::format("s{}", row + (name == "b.csv" ? 600 : 0));
            const std::string before_value = ids[ind] + ";2020;" + series + ";";
            csv += before_value + std::to_string(row) + "\n";
            expected.emplace_back(ind * 2, fmt::format("{} 2020/{} {} @{}:{}:{}", ids[ind], series, row, name, row + 2,
                                                   utf8_length(before_value) + 1));
        }
        big.data(csv, name);
    }
    std::stable_sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    Lines want;
    for (const auto& e : expected) want.push_back(e.second);
    CHECK(join(big.values()) == join(want));
    CHECK(big.messages().empty());
}

TEST_CASE("data: any bytes load without throwing or crashing") {
    std::vector<std::string> inputs = {
        std::string("\0\x01\x02\xFF\xFE\x80", 6),
        "\"",
        "\"\"\"",
        "indikator;period;värde\n\"",
        "indikator;period;värde\nantal;2024;\"",
        "indikator;period;värde\nantal;2024;\"\"\"",
        "\r",
        "\n\n\n",
        "\xEF\xBB\xBF",
        "\xEF\xBB",
        "indikator;period;värde",
        "indikator;period;värde\r",
        "indikator;period;värde\n;;\n\t\n",
        "indikator;period;värde\nantal;2024;5;\n",
        "indikator;period;värde\nantal;2024;\xC3\n",
        std::string("indikator;period;värde\nantal;2024;5\0\n", 35),
    };
    // Random bytes after a good header, and plain random bytes.
    std::uint32_t seed = 12345;
    auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
    const std::string alphabet = "ab;,\t\"\r\n 0123456789%()-.,\xC3\xA4\xE4\xA0";
    for (int n = 0; n < 300; ++n) {
        std::string s = n % 2 ? "indikator;period;serie;värde;kommentar\n" : "";
        const std::size_t len = next() % 80;
        for (std::size_t k = 0; k < len; ++k)
            s += n % 3 == 0 ? static_cast<char>(next() >> 24) : alphabet[(next() >> 16) % alphabet.size()];
        inputs.push_back(s);
    }
    for (const std::string& in : inputs) {
        CAPTURE(in);
        Run r;
        CHECK_NOTHROW(r.data(in));
        const SourceFile& f = r.sources.file(r.sources.size() - 1);
        for (const auto& d : r.diags.items()) {
            CHECK(d.pos.file == "input.csv");
            CHECK(d.pos.line <= f.line_count());
            if (d.pos.line > 0) CHECK(d.pos.col <= f.line(d.pos.line - 1).size() + 1);
            CHECK_NOTHROW(r.sources.render(d));
        }
        for (const auto& v : r.file.values)
            if (r.file.values.file_name(v) == "input.csv") CHECK(r.file.values.position(v).line <= f.line_count());
    }
}

TEST_CASE("data files: reading from disk, an unreadable path, a file named twice") {
    const std::filesystem::path dir = std::filesystem::path(MALKOLL_SOURCE_DIR) / "fixtures" / "data";
    const std::string utf8 = (dir / "son-2024.csv").string();
    const std::string cp1252 = (dir / "excel-1252.csv").string();
    {
        Run r;
        CHECK(load_data_file(utf8, r.file, r.sources, r.diags));
        CHECK(load_data_file(utf8, r.file, r.sources, r.diags));  // the same path: read once
        CHECK(load_data_file((dir / ".." / "data" / "son-2024.csv").string(), r.file, r.sources, r.diags));
        CHECK(join(r.values()) == join(Lines{
                                "våldsfrågor 2023 10 % {Treserva} @" + utf8 + ":2:19",
                                "våldsfrågor 2024 17 % (preliminärt) {Treserva} @" + utf8 + ":3:19",
                                "våldsfrågor 2024/kvinnor 18 % @" + utf8 + ":4:26",
                                "väntetid 2024 12 dagar @" + utf8 + ":5:16",
                                kInline,
                            }));
        CHECK(r.messages().empty());
        CHECK(r.sources.size() == 2);
    }
    {
        Run r;
        CHECK(load_data_file(cp1252, r.file, r.sources, r.diags));
        CHECK(join(r.values()) == join(Lines{kInline, "antal 2024 25\u00A0863 (preliminärt) @" + cp1252 + ":2:12"}));
        CHECK(join(r.messages()) == join(Lines{cp1252 + ":1:19: obs: filen är inte giltig UTF-8 (första avvikande byte 0xE4 här) och lästes som Windows-1252; kontrollera å, ä och ö"}));
    }
    {
        Run r;
        const std::string missing = (dir / "finns-inte.csv").string();
        CHECK_FALSE(load_data_file(missing, r.file, r.sources, r.diags));
        CHECK(join(r.messages()) == join(Lines{missing + ": fel: filen kan inte läsas: den finns inte"}));
        CHECK(join(r.values()) == join(Lines{kInline}));
    }
}

TEST_CASE("data: a cell's note and the kommentar are kept apart, each shown once") {
    Run r;
    r.data("indikator;period;värde;kommentar;källa\nvåldsfrågor;2024;17 % (preliminärt);enligt Stratsys;SCB\n"
           "våldsfrågor;2023;15 %;enligt Stratsys;SCB\n");
    const ValueStore& vs = r.file.values;
    const DataValue* v24 = vs.find(0, Period{2024, 0}, "");
    const DataValue* v23 = vs.find(0, Period{2023, 0}, "totalt");
    REQUIRE(v24);
    REQUIRE(v23);
    CHECK(vs.note(*v24) == "preliminärt");
    CHECK(vs.comment(*v24) == "enligt Stratsys");
    CHECK(vs.remark(*v24) == "preliminärt — enligt Stratsys");
    CHECK(vs.note(*v23).empty());
    CHECK(vs.remark(*v23) == "enligt Stratsys");
    CHECK(vs.text(*v24) == "17 %");  // a view into the file, without the note
    CHECK(vs.data_source(*v23) == "SCB");
    static_assert(sizeof(DataValue) == 48);
}

TEST_CASE("data: a data-lag note is 'publiceras' and a date, nothing else") {
    struct Row { const char* note; int year, month, day; };
    const Row rows[] = {
        {"publiceras 2025-08", 2025, 8, 0},     {"publiceras 2025-08-15", 2025, 8, 15}, {"publiceras 2024-02-29", 2024, 2, 29},
        {"publiceras 2025-02-29", 0, 0, 0},     {"publiceras 2025-8", 0, 0, 0},         {"publiceras 2025-00", 0, 0, 0},
        {"publiceras aug 2025", 0, 0, 0},       {"Publiceras 2025-08", 2025, 8, 0},  {"PUBLICERAS 2025-08-01", 2025, 8, 1},        {"publiceras 2025-08 prel.", 0, 0, 0},
        {"publiceras  2025-08", 0, 0, 0},       {"publiceras 0999-08", 0, 0, 0},        {"", 0, 0, 0},
    };
    for (const Row& r : rows) {
        CAPTURE(r.note);
        const auto p = parse_publication(r.note);
        CHECK(p.has_value() == (r.year != 0));
        if (p) {
            CHECK(p->year == r.year);
            CHECK(p->month == r.month);
            CHECK(p->day == r.day);
        }
    }
    CHECK(Publication{2025, 8, 0}.spoken() == "i augusti 2025");
    CHECK(Publication{2025, 8, 15}.spoken() == "den 15 augusti 2025");
}
