// Every kind of value cell in the real reports' indicator tables either reads
// as written or gives a helpful error (docs/rapportceller.md has the same table).
#include <doctest/doctest.h>

#include "engine/core/format.hpp"
#include "grammar/value_literal.hpp"

using namespace malkoll;

namespace {
std::string shown(const ValueLiteral& v) {
    switch (v.kind) {
        case ValueKind::Number: return format_with_unit(v.lo, v.unit, true);
        case ValueKind::Interval: return format_interval(v.lo, v.hi, v.unit, true);
        case ValueKind::Missing: return "saknas:" + v.text;
    }
    return "";
}
}  // namespace

TEST_CASE("value: the real reports' own cells") {
    struct Case {
        const char* cell;
        const char* gives;  // as shown, or "fel@OFFSET: message"
        const char* note;
    } cases[] = {
        {"4%", "4 %", ""},
        {"17%", "17 %", ""},
        {"44 %", "44 %", ""},
        {"25 863", "25 863", ""},
        {"28 156", "28 156", ""},
        {"761 kr/inv", "761 kr/inv", ""},
        {"1 063 kr/inv", "1 063 kr/inv", ""},
        {"1154 kr/inv", "1 154 kr/inv", ""},
        {"8 605 kr/inv", "8 605 kr/inv", ""},
        {"10 665 kr/inv", "10 665 kr/inv", ""},
        {"7,9", "7,9", ""},
        {"80,5", "80,5", ""},
        {"65,2", "65,2", ""},
        {"9,7", "9,7", ""},
        {"0", "0", ""},
        {"I.U", "saknas:I.U", ""},
        {"I.U.", "saknas:I.U.", ""},
        {"IU (mäts 2024)", "saknas:IU", "mäts 2024"},
        {"26-34 %", "26–34 %", ""},
        {"–", "saknas:–", ""},
        {"120 dagar", "120 dagar", ""},
        {"i.u. (Kolada aug 2025)", "saknas:i.u.", "Kolada aug 2025"},
        {"Kolada aug 2025", "fel@0: 'Kolada aug 2025' är inget värde; skriv 'i.u. (Kolada aug 2025)' om värdet saknas", ""},
        {"Mätning ska implementeras",
         "fel@0: 'Mätning ska implementeras' är inget värde; skriv 'i.u. (Mätning ska implementeras)' om värdet saknas", ""},
        {"73.", "fel@2: decimaltecken utan decimaler i '73.'; skriv 73 eller 73,0", ""},
        {"162 medel (median 93)",
         "fel@4: oväntad text 'medel' efter värdet; lägg förklaringen i en not inom parentes eller i kolumnen kommentar", ""},
    };
    for (const auto& c : cases) {
        CAPTURE(c.cell);
        ValueParse p = parse_value_literal(c.cell);
        std::string got = p.error ? "fel@" + std::to_string(p.error->offset) + ": " + p.error->message : shown(*p.value);
        CHECK(got == c.gives);
        if (p.value) CHECK(p.value->note == c.note);
    }
}
