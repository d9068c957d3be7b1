// Benchmark: a generated rule file with N indicators (default 10 000), each
// with three inline values, through every stage: load (YAML with positions),
// compile, assess with traces, and the Markdown and JSON reports.
//   build/bench_rulefile_scale [indicators]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include "engine/assess/assess.hpp"
#include "engine/compile/model.hpp"
#include "engine/load/rule_file.hpp"
#include "engine/load/yaml_tree.hpp"
#include "engine/report/render.hpp"

using namespace malkoll;

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
    using clock = std::chrono::steady_clock;
    // yaml-cpp's event parser alone, building our position tree.
    auto y0 = clock::now();
    {
        SourceSet s;
        Diagnostics d;
        parse_yaml(s.file(s.add("bench.yaml", yaml)), d);
    }
    double yaml_only = std::chrono::duration<double>(clock::now() - y0).count();
    auto t0 = clock::now();
    SourceSet sources;
    Diagnostics diags;
    RuleFile f = load_rule_text("bench.yaml", yaml, sources, diags);
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
    auto s = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
    std::printf("%d indikatorer, %.1f MB YAML: YAML-trädet %.3f s, läsa %.3f s, kompilera %.3f s, bedöma %.3f s, md %.3f s (%.1f MB), json %.3f s (%.1f MB)\n",
                n, yaml.size() / 1e6, yaml_only, s(t0, t1), s(t1, t2), s(t2, t3), s(t3, t4), md.str().size() / 1e6, s(t4, t5),
                js.str().size() / 1e6);
    return 0;
}
