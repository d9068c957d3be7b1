// Benchmark: a generated rule file with N indicators (default 10 000), each
// with three inline values, through every stage: load (YAML with positions),
// compile, assess with traces, and the Markdown and JSON reports.
//   build/bench_rulefile_scale [indicators] [--bara-läsa | --skriv FIL]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "engine/assess/assess.hpp"
#include "engine/compile/model.hpp"
#include "engine/load/rule_file.hpp"
#include "engine/load/yaml_tree.hpp"
#include "engine/report/render.hpp"

using namespace malkoll;

// A path as long as a real one: every Position keeps the file name, and a
// name of more than 15 bytes is a heap allocation each time.
const std::string kName = "regler/socialnämnden/2024.yaml";

int main(int argc, char** argv) {
    int n = argc > 1 ? std::atoi(argv[1]) : 10000;
    std::string yaml = "malkoll: 1\nnämnd: Bänknämnden\når: 2024\nmålområden:\n  - namn: Samhälle\n    kommunmål:\n"
                       "      - namn: Ett tryggt Linköping\n        nämndmål:\n";
    for (int g = 0; g < n / 10; ++g) {
        yaml += "          - id: mål-" + std::to_string(g) + "\n            namn: Nämndmål " + std::to_string(g) +
                "\n            indikatorer:\n";
        for (int i = 0; i < 10; ++i) {
            int k = g * 10 + i;
            yaml += "              - id: ind-" + std::to_string(k) + "\n                namn: Andel som fått stöd " +
                    std::to_string(k) + "\n                enhet: \"%\"\n                riktning: öka\n"
                    "                mål: \"minst 50 %\"\n                utfall: {2022: \"" + std::to_string(k % 90) +
                    " %\", 2023: \"" + std::to_string((k * 7) % 90) + ",5 %\", 2024: \"" + std::to_string((k * 13) % 90) + " %\"}\n";
        }
    }
    if (argc > 3 && std::string(argv[2]) == "--skriv") {  // the file itself, to time `malkoll check` on
        std::FILE* out = std::fopen(argv[3], "wb");
        if (!out) return 1;
        std::fwrite(yaml.data(), 1, yaml.size(), out);
        return std::fclose(out) == 0 ? 0 : 1;
    }
    using clock = std::chrono::steady_clock;
    auto secs = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
    // Loading is what a controller waits for at every `check`: timed five
    // times, best and median given. First the YAML parser building our
    // position tree, then the whole load (tree + schema + value literals).
    const bool load_only = argc > 2 && std::string(argv[2]) == "--bara-läsa";
    std::vector<double> tree_times, load_times;
    // The first load runs in a fresh process, as `malkoll check` does.
    for (int r = 0; r < 5; ++r) {
        SourceSet s2;
        Diagnostics d2;
        auto l0 = clock::now();
        RuleFile f = load_rule_text(kName, yaml, s2, d2);
        load_times.push_back(secs(l0, clock::now()));
        SourceSet s;
        Diagnostics d;
        auto y0 = clock::now();
        parse_yaml(s.file(s.add(kName, yaml)), d);
        tree_times.push_back(secs(y0, clock::now()));
    }
    double first = load_times[0];
    std::sort(tree_times.begin(), tree_times.end());
    std::sort(load_times.begin(), load_times.end());
    std::printf("%d indikatorer, %.1f MB YAML: läsa %.3f s första gången (ny process), %.3f/%.3f s bäst/median av 5; "
                "varav YAML-trädet %.3f/%.3f s\n",
                n, yaml.size() / 1e6, first, load_times[0], load_times[2], tree_times[0], tree_times[2]);
    if (load_only) return 0;
    auto t0 = clock::now();
    SourceSet sources;
    Diagnostics diags;
    RuleFile f = load_rule_text(kName, yaml, sources, diags);
    auto t1 = clock::now();
    Model m = compile(f, sources, diags);
    auto t2 = clock::now();
    if (diags.has_errors()) {
        std::fprintf(stderr, "bench: fel i den genererade filen\n");
        return 1;
    }
    Assessment a = assess(m);
    auto t3 = clock::now();
    ReportInput in{a, sources, {}};
    std::ostringstream md, js;
    render_markdown(in, md);
    auto t4 = clock::now();
    render_json(in, js);
    auto t5 = clock::now();
    auto s = secs;
    std::printf("en körning: läsa %.3f s, kompilera %.3f s, bedöma %.3f s, md %.3f s (%.1f MB), json %.3f s (%.1f MB)\n",
                s(t0, t1), s(t1, t2), s(t2, t3), s(t3, t4), md.str().size() / 1e6, s(t4, t5), js.str().size() / 1e6);
    return 0;
}
