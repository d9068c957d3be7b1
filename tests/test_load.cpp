// Loading: positions point into the YAML file itself (1-based, characters
// not bytes), also inside block scalars; duplicate keys are caught.
#include <doctest/doctest.h>

#include <string>

#include "engine/compile/model.hpp"
#include "engine/load/rule_file.hpp"

using namespace malkoll;

namespace {

const char* kHead =
    "malkoll: 1\n"
    "nämnd: Testnämnden\n"
    "år: 2024\n"
    "målområden:\n"
    "  - namn: Samhälle\n"
    "    kommunmål:\n"
    "      - namn: Ett tryggt Linköping\n"
    "        nämndmål:\n"
    "          - id: mål-ett\n"
    "            namn: Mål ett\n"
    "            indikatorer:\n"
    "              - id: våldsfrågor\n"
    "                namn: Andel som fått frågor om våld\n"
    "                enhet: \"%\"\n"
    "                riktning: öka\n";  // line 15

// Loads and compiles; returns the first diagnostic as "LINE:COL: message".
std::string first_problem(const std::string& tail) {
    SourceSet sources;
    Diagnostics diags;
    RuleFile f = load_rule_text("input", std::string(kHead) + tail, sources, diags);
    if (!diags.has_errors()) compile(f, sources, diags);
    diags.sort();
    if (diags.items().empty()) return "";
    const Diagnostic& d = diags.items().front();
    return std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + ": " + d.message;
}

}  // namespace

TEST_CASE("load: rule errors point at the exact character in every scalar style") {
    struct Case {
        const char* yaml;
        const char* expected;
    } cases[] = {
        // plain
        {"                regel: uppfyllt om åäö_x >= 5\n", "16:36: okänt namn 'åäö_x'"},
        // single-quoted, with '' before the error
        {"                regel: 'delvis om ''å'' == 1 eller föregånde > 1'\n", "16:35: här väntades ett villkor"},
        {"                regel: 'delvis om värde > 1 eller föregånde > 1'\n", "16:51: okänt namn 'föregånde'; menade du 'föregående'?"},
        // double-quoted
        {"                regel: \"delvis om värde > 1 eller föregånde > 1\"\n", "16:51: okänt namn 'föregånde'; menade du 'föregående'?"},
        // literal block |, error on the second line after å/ä/ö
        {"                regel: |\n                  ej bedömd om saknas(värde)\n                  uppfyllt om värde >= mål och förändrat\n",
         "18:48: okänt namn 'förändrat'"},
        // |- with a comment line holding Swedish letters, and a syntax error
        {"                regel: |-\n                  # Våld, ärenden, önskemål\n                  uppfyllt om (värde >= 5\n",
         "18:42: parentesen stängs aldrig; här väntades ')'"},
        // folded >: the scalar's start is allowed (§8); we are exact where the text maps
        {"                regel: >\n                  uppfyllt om värde >= 5 och\n                  påhittat\n",
         "18:19: okänt namn 'påhittat'"},
        // a target, plain
        {"                mål: minst 90 hundar\n", "16:31: okänd enhet 'hundar'"},
        // double-quoted, a misspelt function starting with å
        {"                regel: \"ej bedömd om åtgärd(värde)\"\n", "16:38: okänd funktion 'åtgärd'"},
        // plain, text after the clause
        {"                regel: delvis om förbättrat ocj uppnått\n", "16:45: oväntad text efter satsen"},
        // single-quoted, a unit the indicator does not have (at the comparison)
        {"                regel: 'uppfyllt om värde >= 5 dagar'\n", "16:43: olika enheter jämförs: '%' och 'dagar'"},
        // |+ with a comment holding ä before the error
        {"                regel: |+\n                  # Räkna även väntetider\n                  uppfyllt om värde > 5 procent\n",
         "18:41: okänd enhet 'procent'"},
        // >- folded over two lines, the error on the second
        {"                regel: >-\n                  uppfyllt om\n                  värdet > 5\n", "18:19: okänt namn 'värdet'; menade du 'värde'?"},
        // a value in a flow mapping, after Swedish letters in the key
        {"                utfall: {2024: {totalt: \"17 %\", män: \"16 veckor\"}}\n", "16:58: okänd enhet 'veckor'"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.yaml);
        std::string got = first_problem(c.yaml);
        CHECK(got.rfind(c.expected, 0) == 0);
        if (got.rfind(c.expected, 0) != 0) MESSAGE(got);
    }
}

TEST_CASE("load: a duplicate key is an error at the second one") {
    std::string got = first_problem("                riktning: minska\n");
    CHECK(got == "16:17: nyckeln 'riktning' finns redan på rad 15; en nyckel får bara stå en gång i samma avsnitt "
                 "(annars gäller tyst bara den ena)");
    // The same key in its ASCII spelling.
    SourceSet sources;
    Diagnostics diags;
    load_rule_text("input", "malkoll: 1\nnämnd: X\nnamnd: Y\når: 2024\nmålområden: []\n", sources, diags);
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].pos.line == 3);
    CHECK(diags.items()[0].message == "'nämnd' och 'namnd' är samma nyckel i regelfilen; skriv den en gång");
}

TEST_CASE("load: columns count characters, not bytes") {
    SourceSet sources;
    Diagnostics diags;
    load_rule_text("input", "malkoll: 1\nnämnd: X\når: 2024\nmålområden: []\nåäö: x\n", sources, diags);
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].pos.line == 5);
    CHECK(diags.items()[0].pos.col == 1);
    CHECK(sources.render(diags.items()[0]) ==
          "input:5:1: fel: okänd nyckel 'åäö' i regelfilen; tillåtna nycklar är malkoll, nämnd, namn, rubrik, nivåer, skala, år, rapport, period, beslut, "
          "kommun, jämförelsegrupper, utfall, nämnder, standardregel, standardbedömning, regler, målområden, utvecklingsuppdrag, nyckeltal\nåäö: x\n^");
}

TEST_CASE("load: ids are unique across goals and indicators") {
    std::string got = first_problem("              - id: mål-ett\n                namn: X\n                riktning: öka\n");
    CHECK(got == "16:21: id 'mål-ett' används redan på rad 9; mål och indikatorer ska ha olika id");
}

TEST_CASE("load: values are sorted by indicator and keep their source line") {
    SourceSet sources;
    Diagnostics diags;
    RuleFile f = load_rule_text("input", std::string(kHead) + "                utfall:\n                  2023: \"10 %\"\n                  2024: i.u. (mäts 2025)\n",
                                sources, diags);
    REQUIRE_FALSE(diags.has_errors());
    REQUIRE(f.values.size() == 2);
    CHECK(f.values[0].period.text() == "2023");
    CHECK(f.values.position(f.values[0]).line == 17);
    CHECK(f.values.text(f.values[0]) == "10 %");
    CHECK(f.values[1].kind == ValueKind::Missing);
    CHECK(f.values.note(f.values[1]) == "mäts 2025");
    CHECK(f.values.text(f.values[1]) == "i.u.");
    CHECK(f.values.position(f.values[1]).line == 18);
}

TEST_CASE("load: more traps and positions") {
    struct Case {
        const char* yaml;
        const char* expected;  // first problem as LINE:COL: message
    } cases[] = {
        {"malkoll: 1\nnämnd: \"Test\når: 2024\nmålområden: []\n", "2:8: citattecknet \" stängs aldrig"},
        {"malkoll: 1\nnämnd: T\når: 2024\nrapport: delår\nmålområden: []\n", "4:10: en delårsrapport ('rapport: delår') kräver 'period:'"},
        {"malkoll: 1\nnämnd: T\når: 2024\nrapport: delår\nperiod: 2023-08\nmålområden: []\n", "5:9: perioden 2023-08 ligger inte i året 2024"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.yaml);
        SourceSet sources;
        Diagnostics diags;
        load_rule_text("input", c.yaml, sources, diags);
        diags.sort();
        REQUIRE_FALSE(diags.items().empty());
        const Diagnostic& d = diags.items().front();
        std::string got = std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + ": " + d.message;
        CHECK(got.rfind(c.expected, 0) == 0);
    }
    // manuell without motivering points at manuell; a misspelt named rule gets a suggestion.
    CHECK(first_problem("                manuell: delvis\n") ==
          "16:26: 'manuell:' kräver 'motivering:' med skälet till den manuella bedömningen");
    CHECK(first_problem("                vikt: -2\n") == "16:23: vikten '-2' är negativ; en vikt är 0 eller större (standard 1)");
    // Targets per year: at the map, and at `målår` when that is the one off.
    CHECK(first_problem("                mål: {2023: \"minst 85 %\", 2025: \"minst 90 %\"}\n") ==
          "16:22: 'mål:' för indikatorn 'våldsfrågor' har inget värde för år 2024");
    CHECK(first_problem("                mål: {2024: \"minst 85 %\", 2025: \"minst 90 %\"}\n                målår: 2030\n") ==
          "17:24: 'målår: 2030' för indikatorn 'våldsfrågor' finns inte bland målets år (2024, 2025)");
    CHECK(first_problem("                tolerans: 0,5 dagar\n") ==
          "16:27: toleransen är i 'dagar' men indikatorns enhet är '%'; tolerans anges i indikatorns enhet");
}

TEST_CASE("load: a misspelt named rule") {
    SourceSet sources;
    Diagnostics diags;
    RuleFile f = load_rule_text("input",
                                std::string(kHead) + "                regel: kostnad-r8\n" +
                                    "regler:\n  kostnad-r9: |\n    uppfyllt om uppnått\n",
                                sources, diags);
    compile(f, sources, diags);
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].pos.line == 16);
    CHECK(diags.items()[0].pos.col == 24);
    CHECK(diags.items()[0].message == "'kostnad-r8' är ingen regel i 'regler:'; menade du 'kostnad-r9'?");
}

// yaml-cpp counts marks in bytes after a byte order mark; the tree keeps
// our own lines, and columns count characters. Each case: the whole first problem.
TEST_CASE("load: YAML reader positions, encodings and nesting") {
    auto problem = [](const std::string& yaml) {
        SourceSet sources;
        Diagnostics diags;
        load_rule_text("input", yaml, sources, diags);
        diags.sort();
        if (diags.items().empty()) return std::string();
        const Diagnostic& d = diags.items().front();
        return std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + ": " + d.message;
    };
    const std::string colon =
        ": ' inne i ett värde läses av YAML som en ny nyckel; skriv värdet inom citattecken, "
        "eller en regel som block (regel: |) med satserna på egna rader";
    // Swedish letters before the problem on the same line: character columns.
    CHECK(problem("malkoll: 1\nnämnd: Åsa Öberg: x\n") == "2:17: '" + colon);
    // A byte order mark is not a character of line 1, and CRLF ends lines.
    CHECK(problem("\xEF\xBB\xBFmalkoll: 1\r\nnämnd: \"Test\r\når: 2024\r\n") ==
          "2:8: citattecknet \" stängs aldrig; avsluta texten med \" på samma sätt som den började");
    // U+2028 inside a quoted value is kept; lines are the editor's.
    CHECK(problem("malkoll: 1\nnämnd: \"a\xE2\x80\xA8" "b\"\når: [2024\n") ==
          "3:5: listan som börjar med '[' avslutas aldrig med ']'");
    // Not UTF-8 (a Windows-1252 é): the byte itself, also when a byte follows.
    const std::string not_utf8 =
        "byten 0xE9 är inte giltig UTF-8; spara regelfilen som UTF-8 (i Anteckningar: Spara som → Kodning: UTF-8)";
    CHECK(problem("malkoll: 1\nnämnd: Caf\xE9\n") == "2:11: " + not_utf8);
    CHECK(problem("malkoll: 1\nkommun: \"05\xE9" "80\"\n") == "2:12: " + not_utf8);
    CHECK(problem("malkoll: 1\nnämnd: a\x01" "b\n") ==
          "2:9: styrtecknet U+0001 får inte stå i en YAML-fil; ta bort det (det syns ofta inte i editorn)");
    CHECK(problem("\xFF\xFEm\0a\0") == "1:1: regelfilen är sparad som UTF-16; spara den som UTF-8");
    CHECK(problem("malkoll: 1\rnämnd: T\r") ==
          "1:11: ett ensamt CR-tecken som radslut (som i gamla Mac-filer); spara filen med vanliga radslut (LF eller CRLF)");
    // Nesting is bounded before the tree gets deep.
    std::string deep = "malkoll: 1\nx: " + std::string(300, '[') + std::string(300, ']') + "\n";
    CHECK(problem(deep) ==
          "2:203: avsnitten är nästlade djupare än 200 nivåer; en regelfil behöver inte så många, "
          "kontrollera indraget och parenteserna");
    // Nothing but comments is an empty file, not a wrong one.
    const std::string empty = "1:1: regelfilen är tom; den börjar med 'malkoll: 1', 'nämnd:' och 'år:' (se docs/regelfil.md)";
    CHECK(problem("") == empty);
    CHECK(problem("# Regler för 2025\n\n") == empty);
    CHECK(problem("- a\n") == "1:1: regelfilen ska vara en YAML-mappning med nycklar som 'malkoll:', 'nämnd:' och 'år:'");
    // A key without ':' is named on its own line, not on the line after.
    CHECK(problem("malkoll: 1\nnämnd: T\når: 2024\nmålområden:\n  - namn: A\n    kommunmål\n    # kommentar\n") ==
          "6:5: raden 'kommunmål' saknar ':' efter nyckeln; skriv nyckel och värde som 'namn: värde'");
    CHECK(problem("malkoll: 1\nnämnd: T\når: 2024\nmålområden:\n  - namn: A\n    kommunmål:[]\n") ==
          "6:14: efter ':' på raden 'kommunmål:[]' saknas ett mellanslag; skriv nyckel och värde som 'namn: värde'");
    CHECK(problem("malkoll: 1\nutfall: {2023: \"10 %\", 2024:{ \"17 %\"}}\n") ==
          "2:28: inom { … } och [ … ] ska ':' följas av ett mellanslag; skriv t.ex. {2024: \"17 %\"}, eller sätt texten "
          "inom citattecken om ':' hör till den");
    // An invisible line separator pasted into a plain value.
    CHECK(problem("malkoll: 1\nnämnd: Vård\xE2\x80\xA8och omsorg\når: 2024\n") ==
          "2:12: tecknet U+2028 (radavgränsare) läses av YAML som en radbrytning fast det inte syns; ta bort det, "
          "eller sätt värdet inom citattecken");
    CHECK(problem("malkoll: 1\nnämnd: }T\n") ==
          "2:8: '}' avslutar ett avsnitt som aldrig började med '{'; sätt värdet inom citattecken om tecknet hör till texten");
    CHECK(problem("malkoll: 1\nutfall: {2023: : \"1 %\"}\n") ==
          "2:16: här står ':' där ett värde väntades; skriv 'nyckel: värde' med ett ':'");
    CHECK(problem("malkoll: 1\nutfall: {2023: \"1 %\", ") == "2:9: avsnittet som börjar med '{' avslutas aldrig med '}'");
    // Tags and anchors: `namn: &Co` would otherwise load as an empty value.
    CHECK(problem("malkoll: 1\nnämnd: !mål T\n") ==
          "2:8: '!mål' läses av YAML som en tagg, och sådana stöds inte i regelfiler; sätt värdet inom citattecken om "
          "'!' hör till texten");
    CHECK(problem("malkoll: 1\nnämnd: &Co\når: 2024\nmålområden: []\n") ==
          "2:8: '&Co' läses av YAML som ett ankare, och sådana stöds inte i regelfiler; sätt värdet inom citattecken "
          "om '&' hör till texten");
    CHECK(problem("malkoll: 1\nnämnd: !!str T\når: 2024\nmålområden: []\n") ==
          "2:8: '!!str' läses av YAML som en tagg, och sådana stöds inte i regelfiler; sätt värdet inom citattecken "
          "om '!' hör till texten");
    CHECK(problem("malkoll: 1\nnämnd: *Co\når: 2024\nmålområden: []\n") ==
          "2:8: '*Co' läses av YAML som ett alias, och alias stöds inte i regelfiler; skriv ut värdet, eller sätt det "
          "inom citattecken om '*' hör till texten");
    // A tab after Swedish text is not indentation; in front of a key it is.
    CHECK(problem("malkoll: 1\nnämnd: Vård\når: 2024\n\tmålområden: []\n") ==
          "4:1: tabb används som indrag; YAML kräver mellanslag för indrag");
}

// What yaml-cpp itself accepts silently or reports tersely: each trap has
// its Swedish message at the place to fix.
TEST_CASE("load: traps yaml-cpp lets through or names in English") {
    auto problem = [](const std::string& yaml) {
        SourceSet sources;
        Diagnostics diags;
        load_rule_text("input", yaml, sources, diags);
        diags.sort();
        if (diags.items().empty()) return std::string();
        const Diagnostic& d = diags.items().front();
        return std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + ": " + d.message;
    };
    const std::string head = "malkoll: 1\nnämnd: T\når: 2024\nmålområden:\n  - namn: A\n";
    // A quote left open to the end of the file (yaml-cpp closes it there).
    CHECK(problem("malkoll: 1\nnämnd: 'Test\når: 2024\n") ==
          "2:8: citattecknet ' stängs aldrig; avsluta texten med ' på samma sätt som den började");
    CHECK(problem("malkoll: 1\når: 2024\nnämnd: \"Test\n") ==
          "3:8: citattecknet \" stängs aldrig; avsluta texten med \" på samma sätt som den började");
    // '' inside single quotes and \" inside double quotes do not close them.
    CHECK(problem("malkoll: 1\nnämnd: 'Nämndens ''mål'' och \"plan\\\"'\når: 2024\nmålområden: []\n") == "");
    // A key line without ':' before another key, and as the last line.
    CHECK(problem(head + "    kommunmål\n    x: 1\n") ==
          "6:5: raden 'kommunmål' saknar ':' efter nyckeln; skriv nyckel och värde som 'namn: värde'");
    CHECK(problem(head + "    kommunmål\n") ==
          "6:5: raden 'kommunmål' saknar ':' efter nyckeln; skriv nyckel och värde som 'namn: värde'");
    // Text after a closed quote.
    CHECK(problem("malkoll: 1\nnämnd: \"Test\" och mer\når: 2024\n") ==
          "2:15: värdet slutar före 'och mer', men raden fortsätter; sätt hela värdet inom citattecken, eller flytta "
          "texten till en egen rad");
    CHECK(problem(head + "    x: 1\n   y: 2\n") == "7:4: indraget stämmer inte: raden hör inte till något avsnitt ovanför");
    CHECK(problem("malkoll: 1\nnämnd: @T\n") ==
          "2:8: tecknet '@' kan inte inleda ett värde i YAML; skriv värdet inom citattecken");
    CHECK(problem("malkoll: 1\nnämnd: \"a\\qb\"\n") ==
          "2:12: okänd escape-sekvens med '\\' inom \"…\"; skriv texten inom '…' i stället, eller dubbla '\\\\'");
    // Invisible line breaks and control characters yaml-cpp would keep in the value.
    CHECK(problem("malkoll: 1\nnämnd: a\xC2\x85" "b\når: 2024\n") ==
          "2:9: tecknet U+0085 (NEL) läses av YAML som en radbrytning fast det inte syns; ta bort det, eller sätt "
          "värdet inom citattecken");
    CHECK(problem("malkoll: 1\nnämnd: \"Vård\xE2\x80\xA9och omsorg\"\når: 2024\nmålområden: []\n") == "");
    CHECK(problem("malkoll: 1\nnämnd: a\x7F" "b\n") ==
          "2:9: styrtecknet U+007F får inte stå i en YAML-fil; ta bort det (det syns ofta inte i editorn)");
    CHECK(problem("malkoll: 1\nnämnd: a\xC2\x9B" "b\n") ==
          "2:9: styrtecknet U+009B får inte stå i en YAML-fil; ta bort det (det syns ofta inte i editorn)");
    // An anchor written before a quoted value still names the anchor.
    CHECK(problem("malkoll: 1\nnämnd: &a \"T\"\når: 2024\nmålområden: []\n") ==
          "2:8: '&a' läses av YAML som ett ankare, och sådana stöds inte i regelfiler; sätt värdet inom citattecken "
          "om '&' hör till texten");
}

// Nesting is an error at its place, never a stack overflow: flow
// brackets, `- - -` on one line, and block indentation one space deeper
// per line (3 000 levels; 100 000 would be a 5 GB file).
TEST_CASE("load: deep nesting stops at 200 levels") {
    auto first = [](const std::string& yaml) {
        SourceSet sources;
        Diagnostics diags;
        load_rule_text("input", yaml, sources, diags);
        diags.sort();
        REQUIRE_FALSE(diags.items().empty());
        return diags.items().front();
    };
    const std::string deep = "avsnitten är nästlade djupare än 200 nivåer; en regelfil behöver inte så många, "
                             "kontrollera indraget och parenteserna";
    for (char c : {'[', '{'}) {
        Diagnostic d = first("malkoll: 1\nx: " + std::string(100000, c) + "\n");
        CHECK(d.message == deep);
        CHECK(d.pos.line == 2);
        CHECK(d.pos.col < 300);
    }
    std::string dashes = "malkoll: 1\nx:\n  ";
    for (int i = 0; i < 100000; ++i) dashes += "- ";
    Diagnostic d = first(dashes + "a\n");
    CHECK(d.message == deep);
    CHECK(d.pos.line == 3);
    for (const char* item : {"a:", "- "}) {
        std::string block = "malkoll: 1\nx:\n";
        for (int i = 1; i <= 3000; ++i) block += std::string(i, ' ') + item + "\n";
        d = first(block);
        CHECK(d.message == deep);
        CHECK(d.pos.line < 210);
    }
}

// docs/regelspråk.md: keys, ids and references are compared after NFC, so a file
// saved on macOS (å as a + U+030A) reads as the same file.
TEST_CASE("load: decomposed letters (NFD) in keys, ids and indikator(…)") {
    const std::string ring = "a\xCC\x8A";  // å, decomposed
    const std::string yaml = "malkoll: 1\nnämnd: T\n" + ring + "r: 2024\nm" + ring + "lomr" + ring + "den:\n"
                             "  - namn: A\n    kommunmål:\n      - namn: B\n        nämndmål:\n"
                             "          - id: m\n            namn: M\n"
                             "            bedömning: uppfyllt om indikator(v" + ring + "ld) är uppfyllt; annars ej uppfyllt\n"
                             "            indikatorer:\n"
                             "              - {id: våld, namn: V, riktning: öka, utfall: {2023: \"1\", 2024: \"2\"}}\n";
    SourceSet sources;
    Diagnostics diags;
    RuleFile f = load_rule_text("input", yaml, sources, diags);
    Model m = compile(f, sources, diags);
    CHECK(diags.items().empty());
    REQUIRE(f.indicators.size() == 1);
    CHECK(f.indicators[0].id == "våld");
    CHECK(f.year == 2024);
}
