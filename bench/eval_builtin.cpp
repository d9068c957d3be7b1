// Benchmark: the built-in indicator rule, compiled from its text through the
// normal path (load → compile), evaluated over 1 000 000 in-memory records,
// with tracing off and on. Prints judgements per second on one core.
//   build/bench_eval_builtin [records]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "engine/compile/model.hpp"
#include "engine/eval/eval.hpp"
#include "engine/load/rule_file.hpp"

using namespace malkoll;

namespace {

struct Record {  // one indicator's inputs as the evaluator reads them: this year and last year
    EvalValue value, previous;
};

const char* kRuleFile =
    "malkoll: 1\nnämnd: Bänk\når: 2024\nmålområden:\n  - namn: A\n    kommunmål:\n      - namn: B\n"
    "        nämndmål:\n          - id: m\n            namn: M\n            indikatorer:\n"
    "              - {id: i, namn: I, riktning: öka, mål: \"minst 50 %\"}\n";

}  // namespace

int main(int argc, char** argv) {
    std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
    SourceSet sources;
    Diagnostics diags;
    RuleFile file = load_rule_text("bench", kRuleFile, sources, diags);
    Model model = compile(file, sources, diags);
    if (diags.has_errors()) {
        std::fprintf(stderr, "bench: regelfilen har fel\n");
        return 1;
    }
    const Ast& rule = model.rules[model.indicators[0].rule].ast;  // the built-in rule

    std::vector<Record> records(n);
    std::uint64_t seed = 42;
    auto next = [&] { seed = seed * 6364136223846793005ULL + 1442695040888963407ULL; return seed >> 33; };
    for (auto& r : records) {
        r.value = EvalValue::number(Decimal{static_cast<double>(next() % 1000) / 10.0, 1});
        r.previous = EvalValue::number(Decimal{static_cast<double>(next() % 1000) / 10.0, 1});
        if (next() % 20 == 0) r.value = EvalValue::missing(Missing::Marked);
    }

    IndicatorFacts f;
    f.year = 2024;
    f.direction = Direction::Oka;
    f.target = TargetKind::Ge;
    f.target_x = EvalValue::number(Decimal{50, 0});  // the target, `minst 50 %`, as the rule file says
    // The two values the built-in rule reads per record (värde is helårsvärde in a helår).
    auto load = [&](const Record& r) {
        f.helarsvarde = r.value;
        f.foregaende = r.previous;
    };

    for (int pass = 0; pass < 2; ++pass) {
        bool record = pass == 1;
        std::uint64_t counts[4] = {0, 0, 0, 0};
        Trace trace;
        auto t0 = std::chrono::steady_clock::now();
        for (const auto& r : records) {
            load(r);
            RuleRun run;
            if (record) {
                trace.clear();
                run = run_indicator_rule<true>(rule, f, &trace);
            } else {
                run = run_indicator_rule<false>(rule, f, nullptr);
            }
            ++counts[static_cast<int>(run.outcome)];
        }
        double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::printf("%-16s %zu bedömningar på %.3f s: %.1f miljoner/s (uppfyllt %llu, delvis %llu, ej uppfyllt %llu, ej bedömd %llu)\n",
                    record ? "spårning på:" : "spårning av:", n, s, n / s / 1e6, static_cast<unsigned long long>(counts[0]),
                    static_cast<unsigned long long>(counts[1]), static_cast<unsigned long long>(counts[2]),
                    static_cast<unsigned long long>(counts[3]));
    }
    return 0;
}
