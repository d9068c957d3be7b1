// A workbook as a data file (docs/excel.md): load_data_text on the bytes as an
// .xlsx (the zip, its XML parts, the first sheet's cells), into
// a small rule file (the one of tests/test_data_file.cpp, with a comparison,
// series and a cumulative indicator) as a full-year and as an interim
// report; then compile, assess and explain every indicator, so the values
// read, their notes and their positions (cells) are all used.
#include <cstddef>
#include <cstdint>
#include <string>

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
    const std::string bytes(fuzz::as_text(data, size));
    run(false, bytes);
    run(true, bytes);
    return 0;
}
