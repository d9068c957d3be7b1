// Times load_data_text on a generated 100 000-row data file for a rule file
// with 1 000 indicators (docs/regelfil.md). Prints rows and seconds (best of 5).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include "engine/core/diagnostic.hpp"
#include "engine/core/source.hpp"
#include "engine/load/data_file.hpp"
#include "engine/load/rule_file.hpp"

using namespace malkoll;

namespace {

constexpr int kIndicators = 1000;
constexpr int kRows = 100000;

RuleFile rules() {
    RuleFile f;
    f.path = "bench.yaml";
    f.year = 2024;
    f.period = Period{2024, 0};
    for (int i = 0; i < kIndicators; ++i) {
        IndicatorDef d;
        d.id = "indikator-" + std::to_string(i) + (i % 2 ? "-våld" : "-kostnad");
        d.unit = i % 2 ? "%" : "kr/inv";
        f.indicators.push_back(std::move(d));
    }
    return f;
}

// Unique (indicator, period, serie) per row: 100 rows per indicator, ten
// years times ten series. A mix of the cells real exports have.
std::string csv(const RuleFile& f) {
    static const char* series[] = {"", "kvinnor", "män", "flickor", "pojkar", "IFO", "LSS", "R9", "totalt-ej", "prognos"};
    std::string out = "indikator;period;serie;värde;kommentar;källa\r\n";
    out.reserve(kRows * 64);
    for (int r = 0; r < kRows; ++r) {
        const int i = r % kIndicators;
        const int k = r / kIndicators;
        out += f.indicators[i].id;
        out += ';';
        out += std::to_string(2015 + k % 10);
        out += ';';
        out += series[k / 10];
        out += ';';
        switch (r % 5) {
            case 0: out += i % 2 ? "17,5 %" : "1 063 kr/inv"; break;
            case 1: out += i % 2 ? "\"26–34 %\"" : "25 863"; break;
            case 2: out += "i.u. (mäts 2025)"; break;
            case 3: out += i % 2 ? "89,96 %" : "787"; break;
            default: out += "\"7,9\""; break;
        }
        out += ';';
        if (r % 3 == 0) out += "\"enligt uppföljning; preliminärt\"";
        out += ';';
        if (r % 4 == 0) out += "Kolada";
        out += "\r\n";
    }
    return out;
}

}  // namespace

int main() {
    const RuleFile base = rules();
    const std::string text = csv(base);
    double best = 1e9;
    std::size_t values = 0, problems = 0;
    for (int run = 0; run < 5; ++run) {
        RuleFile file = base;
        SourceSet sources;
        Diagnostics diags;
        std::string copy = text;
        const auto t0 = std::chrono::steady_clock::now();
        load_data_text("bench.csv", std::move(copy), file, sources, diags);
        const auto t1 = std::chrono::steady_clock::now();
        best = std::min(best, std::chrono::duration<double>(t1 - t0).count());
        values = file.values.size();
        problems = diags.items().size();
    }
    std::printf("rows: %d (%zu bytes), values: %zu, diagnostics: %zu, seconds: %.4f\n", kRows, text.size(),
                values, problems, best);
    return values == static_cast<std::size_t>(kRows) && problems == 0 ? 0 : 1;
}
