// A workbook as a data file (docs/excel.md): load_data_text on the bytes as an
// .xlsx, into a small rule file (the one of tests/test_data_file.cpp, with a
// comparison, series and a cumulative indicator) as a full-year and as an
// interim report; then compile, assess and explain every indicator, so the
// values read, their notes and their positions (cells) are all used.
// An input that is a zip is the whole workbook (the zip, every part); any
// other input is the XML of its sheet, put into a fixed workbook (shared
// strings, number formats) as a stored zip, so that mutations reach the
// cells rather than the compressed bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "engine/load/data_file.hpp"
#include "fuzz/common.hpp"

using namespace malkoll;

namespace {

const char* const kRules =
    "malkoll: 1\n"
    "nämnd: Testnämnden\n"
    "år: 2024\n"
    "@RAPPORT@"
    "målområden:\n"
    "  - namn: A\n"
    "    kommunmål:\n"
    "      - namn: B\n"
    "        nämndmål:\n"
    "          - id: m1\n"
    "            namn: Mål\n"
    "            indikatorer:\n"
    "              - {id: våldsfrågor, namn: V, riktning: öka, enhet: \"%\", mål: \"minst 15 %\", serier: [kvinnor, män], jämförelse: R9}\n"
    "              - {id: väntetid, namn: W, riktning: minska, enhet: dagar, mål: \"max 14 dagar\", tolerans: \"0,5\"}\n"
    "              - {id: antal, namn: N, riktning: öka, ackumulerad: ja, mål: \"minst 1 000\", utfall: {2023: \"1 200\"}}\n"
    "              - {id: kostnad, namn: K, riktning: bibehålla, enhet: kr/inv, mål: \"samma eller lägre än jämförelse\", jämförelse: R9, serieavbrott: 2022}\n";

std::string rules(bool interim) {
    std::string r = kRules;
    const std::string mark = "@RAPPORT@";
    r.replace(r.find(mark), mark.size(), interim ? "rapport: delår\nperiod: 2024-08\n" : "");
    return r;
}

// The workbook around a sheet's XML: the relationships, one sheet, styles
// with a percentage, a date, a built-in percentage and a grouped integer
// format, and shared strings with the rule file's ids and some values.
const std::pair<const char*, const char*> kParts[] = {
    {"_rels/.rels",
     "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
     "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
    {"xl/workbook.xml",
     "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
     "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Utfall\" sheetId=\"1\" "
     "r:id=\"rId1\"/></sheets></workbook>"},
    {"xl/_rels/workbook.xml.rels",
     "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
     "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
     "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
     "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
     "</Relationships>"},
    {"xl/styles.xml",
     "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><numFmts count=\"2\"><numFmt numFmtId=\"164\" "
     "formatCode=\"0.0%\"/><numFmt numFmtId=\"165\" formatCode=\"yyyy-mm-dd\"/></numFmts><cellXfs count=\"5\"><xf numFmtId=\"0\"/>"
     "<xf numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf numFmtId=\"9\"/><xf numFmtId=\"3\"/></cellXfs></styleSheet>"},
    {"xl/sharedStrings.xml",
     "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>indikator</t></si><si><t>period</t></si>"
     "<si><t>serie</t></si><si><t>värde</t></si><si><t>kommentar</t></si><si><t>källa</t></si><si><t>våldsfrågor</t></si>"
     "<si><t>väntetid</t></si><si><t>antal</t></si><si><t>kostnad</t></si><si><t>kvinnor</t></si><si><t>R9</t></si>"
     "<si><t>17 %</t></si><si><r><t>i.u. (</t></r><r><t>Kolada)</t></r></si><si><t>26–34</t></si><si><t>2024-08</t></si></sst>"},
};

// The zip format's CRC-32 (libzip checks it).
unsigned long crc32_of(const std::string& data) {
    unsigned long crc = 0xFFFFFFFFul;
    for (unsigned char c : data) {
        crc ^= c;
        for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320ul & (0ul - (crc & 1)));
    }
    return crc ^ 0xFFFFFFFFul;
}

// A zip of `parts`, each stored (not compressed), as libzip reads it.
std::string stored_zip(const std::vector<std::pair<std::string, std::string>>& parts) {
    std::string out, directory;
    auto u16 = [](std::string& s, unsigned v) { s += static_cast<char>(v & 0xFF), s += static_cast<char>((v >> 8) & 0xFF); };
    auto u32 = [&](std::string& s, unsigned long v) { u16(s, static_cast<unsigned>(v & 0xFFFF)), u16(s, static_cast<unsigned>((v >> 16) & 0xFFFF)); };
    for (const auto& [name, data] : parts) {
        const unsigned long crc = crc32_of(data);
        const unsigned long offset = out.size();
        u32(out, 0x04034b50), u16(out, 20), u16(out, 0), u16(out, 0), u16(out, 0), u16(out, 0x21);
        u32(out, crc), u32(out, data.size()), u32(out, data.size()), u16(out, static_cast<unsigned>(name.size())), u16(out, 0);
        out += name;
        out += data;
        u32(directory, 0x02014b50), u16(directory, 20), u16(directory, 20), u16(directory, 0), u16(directory, 0), u16(directory, 0);
        u16(directory, 0x21), u32(directory, crc), u32(directory, data.size()), u32(directory, data.size());
        u16(directory, static_cast<unsigned>(name.size())), u16(directory, 0), u16(directory, 0), u16(directory, 0), u16(directory, 0);
        u32(directory, 0), u32(directory, offset);
        directory += name;
    }
    const unsigned long at = out.size();
    out += directory;
    u32(out, 0x06054b50), u16(out, 0), u16(out, 0), u16(out, static_cast<unsigned>(parts.size())), u16(out, static_cast<unsigned>(parts.size()));
    u32(out, directory.size()), u32(out, at), u16(out, 0);
    return out;
}

std::string workbook_around(const std::string& sheet) {
    std::vector<std::pair<std::string, std::string>> parts;
    for (const auto& [name, data] : kParts) parts.emplace_back(name, data);
    parts.emplace_back("xl/worksheets/sheet1.xml", sheet);
    return stored_zip(parts);
}

void run(bool interim, const std::string& bytes) {
    Loaded l;
    l.file = load_rule_text("regler.yaml", rules(interim), l.sources, l.diags);
    fuzz::check(!l.diags.has_errors());
    load_data_text("input.xlsx", bytes, l.file, l.sources, l.diags);
    settle_values(l.file, l.diags);
    l.model = compile(l.file, l.sources, l.diags);
    fuzz::render_diagnostics(l.diags, l.sources);
    if (l.diags.has_errors()) return;
    Assessment a = assess(l.model);
    ReportInput in{a, l.sources, input_files(l)};
    for (std::size_t i = 0; i < l.file.indicators.size(); ++i) {
        ExplainTarget t;
        t.indicator = static_cast<int>(i);
        std::ostringstream out;
        render_explain_text(in, t, out);
    }
    std::ostringstream csv;
    render_csv(in, csv);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    // The embedded rule files must load cleanly, or every input is wasted.
    for (bool interim : {false, true}) {
        Loaded l;
        l.file = load_rule_text("regler.yaml", rules(interim), l.sources, l.diags);
        fuzz::check(!l.diags.has_errors());
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // Real workbooks of a nämnd are tens of kilobytes; the reader is linear in the unpacked XML.
    if (size > 1024 * 1024) return -1;
    const std::string input(fuzz::as_text(data, size));
    const std::string bytes = input.rfind("PK", 0) == 0 ? input : workbook_around(input);
    run(false, bytes);
    run(true, bytes);
    return 0;
}
