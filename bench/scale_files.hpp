// The generated files of the scale benchmarks (bench_load_scale, bench/scale/run,
// bench/report_scale.sh, the microbenchmarks in bench/micro): DIR/regler.yaml with
// n indicators (20 per nämndmål, four kinds of target, series kvinnor and män,
// no inline values) and DIR/data.csv with 10 years (2015–2024) × 3 series
// (main, kvinnor, män) per indicator from a fixed seed.
#pragma once
#include <cstdio>
#include <filesystem>

namespace malkoll_bench {

inline void write_scale_files(int n, const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir);
    std::FILE* y = std::fopen((dir / "regler.yaml").c_str(), "wb");
    std::fprintf(y, "malkoll: 1\nnämnd: Skalnämnden\når: 2024\nutfall: data.csv\nmålområden:\n"
                    "  - namn: Område\n    kommunmål:\n      - namn: Kommunmål\n        nämndmål:\n");
    const int per_goal = 20;
    const char* targets[] = {"minst 50 %", "högst 40 %", "minst 70 %", "mellan 20 % och 60 %"};
    for (int k = 0; k < n; ++k) {
        if (k % per_goal == 0)
            std::fprintf(y, "          - id: mål-%d\n            namn: Nämndmål %d\n            indikatorer:\n", k / per_goal, k / per_goal);
        std::fprintf(y,
                     "              - id: ind-%d\n                namn: Andel brukare med insats nummer %d\n"
                     "                enhet: \"%%\"\n                riktning: %s\n                mål: \"%s\"\n"
                     "                serier: [kvinnor, män]\n",
                     k, k, k % 4 == 1 ? "minska" : "öka", targets[k % 4]);
    }
    std::fclose(y);
    std::FILE* c = std::fopen((dir / "data.csv").c_str(), "wb");
    std::fprintf(c, "indikator;period;serie;värde;kommentar;källa\n");
    const char* series[] = {"", "kvinnor", "män"};
    unsigned seed = 12345;
    for (int k = 0; k < n; ++k)
        for (int year = 2015; year <= 2024; ++year)
            for (const char* s : series) {
                seed = seed * 1664525u + 1013904223u;
                const unsigned v = (seed >> 8) % 1000;
                std::fprintf(c, "ind-%d;%d;%s;%u,%u %%;;Kolada N%05d\n", k, year, s, v / 10, v % 10, k % 1000);
            }
    std::fclose(c);
}


}  // namespace malkoll_bench
