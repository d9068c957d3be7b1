// Benchmark: `compile` alone on a generated rule file with N indicators, as
// bench_rulefile_scale writes one, but most of them sharing a few target
// texts ("minst 90 %" …, some per year), the built-in rule and one `regler:`
// entry. Loaded once; compile timed best of 5 (and median) per N.
//   build/bench_compile_scale [N …]        (default: 10000 100000)
//   build/bench_compile_scale N --skriv FIL   writes the file instead
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "engine/compile/model.hpp"
#include "engine/load/rule_file.hpp"

using namespace malkoll;

namespace {

// As long as a real path: every Position keeps the file name.
const std::string kName = "regler/socialnämnden/2024.yaml";

// Indicator k's `enhet`, `mål` (a scalar, or a per-year map) and `regel`.
struct Shape {
    const char* unit;
    const char* target;
    const char* rule;  // "" for the built-in rule
};
const Shape kShapes[] = {
    {"%", "\"minst 90 %\"", ""},
    {"%", "\"minst 90 %\"", ""},
    {"%", "\"minst 50 %\"", ""},
    {"%", "\"högst 10 %\"", "andel"},
    {"%", "\"minst 90 %\"", "andel"},
    {"%", "\"mellan 40 % och 60 %\"", ""},
    {"%", "{2023: \"minst 85 %\", 2024: \"minst 90 %\", 2025: \"minst 95 %\"}", ""},
    {"st", "\"minst 5\"", ""},
    {"kr", "\"högst 30 000 kr\"", "andel"},
    {"%", "\"minst 90 %\"", ""},
};

std::string generate(int n) {
    std::string yaml = "malkoll: 1\nnämnd: Bänknämnden\når: 2024\n"
                       "regler:\n  andel: |\n    ej bedömd om saknas(helårsvärde)\n    uppfyllt om uppnått\n"
                       "    delvis om förbättrat och värde >= föregående + 1\n    annars ej uppfyllt\n"
                       "målområden:\n  - namn: Samhälle\n    kommunmål:\n      - namn: Ett tryggt Linköping\n        nämndmål:\n";
    for (int g = 0; g < n / 10; ++g) {
        yaml += "          - id: mål-" + std::to_string(g) + "\n            namn: Nämndmål " + std::to_string(g) +
                "\n            indikatorer:\n";
        for (int i = 0; i < 10; ++i) {
            int k = g * 10 + i;
            const Shape& s = kShapes[i];
            yaml += "              - id: ind-" + std::to_string(k) + "\n                namn: Andel som fått stöd " +
                    std::to_string(k) + "\n                enhet: \"" + s.unit + "\"\n                riktning: öka\n"
                    "                mål: " + s.target + "\n";
            if (*s.rule) yaml += std::string("                regel: ") + s.rule + "\n";
            yaml += "                utfall: {2022: \"" + std::to_string(k % 90) + "\", 2023: \"" +
                    std::to_string((k * 7) % 90) + ",5\", 2024: \"" + std::to_string((k * 13) % 90) + "\"}\n";
        }
    }
    return yaml;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc > 3 && std::string(argv[2]) == "--skriv") {
        std::string yaml = generate(std::atoi(argv[1]));
        std::FILE* out = std::fopen(argv[3], "wb");
        if (!out) return 1;
        std::fwrite(yaml.data(), 1, yaml.size(), out);
        return std::fclose(out) == 0 ? 0 : 1;
    }
    std::vector<int> sizes;
    for (int i = 1; i < argc; ++i) sizes.push_back(std::atoi(argv[i]));
    if (sizes.empty()) sizes = {10000, 100000};
    using clock = std::chrono::steady_clock;
    for (int n : sizes) {
        SourceSet sources;
        Diagnostics load_diags;
        RuleFile f = load_rule_text(kName, generate(n), sources, load_diags);
        if (load_diags.has_errors()) {
            std::fprintf(stderr, "bench: fel när den genererade filen lästes\n");
            return 1;
        }
        std::set<std::string> texts;  // distinct target texts written in the file
        for (const auto& ind : f.indicators) {
            if (ind.target.present) texts.insert(ind.target.text);
            for (const auto& [y, t] : ind.targets_per_year) texts.insert(t.text);
        }
        std::vector<double> times;
        std::size_t rules = 0;
        CompileCounts counts;
        std::size_t targets = 0;
        for (int r = 0; r < 5; ++r) {
            Diagnostics diags;
            auto t0 = clock::now();
            Model m = compile(f, sources, diags);
            times.push_back(std::chrono::duration<double>(clock::now() - t0).count());
            if (diags.has_errors()) {
                std::fprintf(stderr, "bench: fel i den genererade filen\n");
                return 1;
            }
            rules = m.rules.size();
            counts = m.counts;
            targets = m.targets.size();
        }
        std::sort(times.begin(), times.end());
        std::printf("%d indikatorer: kompilera %.4f/%.4f s bäst/median av 5; %zu olika måltexter, %zu regler i modellen; "
                    "tolkade %zu måltexter (%zu i modellen), %zu kontroller av mål, %zu av regler\n",
                    n, times[0], times[2], texts.size(), rules, counts.target_texts, targets,
                    counts.target_checks, counts.rule_checks);
    }
    return 0;
}
