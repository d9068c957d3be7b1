// Microbenchmarks (docs/prestanda.md, Mikromätningar), Google Benchmark:
//   cmake -S . -B build-bench -G Ninja -DMALKOLL_BENCH=ON && cmake --build build-bench --target bench_micro
//   build-bench/bench_micro [--benchmark_filter=…]
// Value-literal parsing, target and rule compilation, the built-in indicator
// rule untraced and traced, a weighted goal rule, `explain` of one indicator,
// and each report writer on a generated file of 1 000 indicators (bench/scale_files.hpp).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>
#include <ostream>
#include <sstream>
#include <streambuf>
#include <string>
#include <unistd.h>
#include <vector>

#include "bench/scale_files.hpp"
#include "engine/assess/assess.hpp"
#include "engine/cli/pipeline.hpp"
#include "engine/compile/model.hpp"
#include "engine/eval/eval.hpp"
#include "engine/load/rule_file.hpp"
#include "engine/report/render.hpp"
#include "grammar/parse_rule.hpp"
#include "grammar/value_literal.hpp"

using namespace malkoll;

namespace {

// ---- value literals -----------------------------------------------------------
// The last is an error (the message and its offset are part of the cost).
const char* const kCells[] = {"62", "30,5 %", "1 063 kr/inv", "26–34 %", "i.u. (mäts 2024)", "17 % (prel.)", "≥ 95 %"};
std::string cell_label(int k) { return std::string(kCells[k]) + (k == 6 ? " (fel)" : ""); }

void BM_ValueLiteral(benchmark::State& st) {
    const char* cell = kCells[st.range(0)];
    for (auto _ : st) benchmark::DoNotOptimize(parse_value_literal(cell, "kr/inv"));
    st.SetLabel(cell_label(static_cast<int>(st.range(0))));
    st.SetItemsProcessed(st.iterations());
}
BENCHMARK(BM_ValueLiteral)->DenseRange(0, 6);

// The same cells through the grammar alone (no fast path for plain numbers).
void BM_ValueLiteralGrammar(benchmark::State& st) {
    const char* cell = kCells[st.range(0)];
    for (auto _ : st) benchmark::DoNotOptimize(detail::parse_value_literal_with_grammar(cell, "kr/inv"));
    st.SetLabel(cell_label(static_cast<int>(st.range(0))));
    st.SetItemsProcessed(st.iterations());
}
BENCHMARK(BM_ValueLiteralGrammar)->DenseRange(0, 6);

// ---- targets and rules --------------------------------------------------------
const char* const kTargets[] = {"minst 50 %", "mellan 25 000 och 30 000 kr/inv", "högst jämförelse"};

void BM_ParseTarget(benchmark::State& st) {
    const char* t = kTargets[st.range(0)];
    for (auto _ : st) benchmark::DoNotOptimize(parse_target(t));
    st.SetLabel(t);
}
BENCHMARK(BM_ParseTarget)->DenseRange(0, 2);

void BM_ParseBuiltinRule(benchmark::State& st) {
    for (auto _ : st) benchmark::DoNotOptimize(parse_rule(kBuiltinIndicatorRule));
}
BENCHMARK(BM_ParseBuiltinRule);

const char* kOwnRuleFile =
    "malkoll: 1\nnämnd: Bänk\når: 2024\nmålområden:\n  - namn: A\n    kommunmål:\n      - namn: B\n"
    "        nämndmål:\n          - id: m\n            namn: M\n            indikatorer:\n"
    "              - id: i\n                namn: I\n                enhet: \"%\"\n                riktning: öka\n"
    "                mål: \"minst 50 %\"\n                regel: |\n"
    "                  ej bedömd om saknas(helårsvärde)\n"
    "                  uppfyllt om helårsvärde >= mål och inte försämrat: \"{värde} når målet {mål}\"\n"
    "                  delvis om förbättrat eller helårsvärde >= mål - 5 procentenheter\n"
    "                  ej uppfyllt annars\n";

// compile(): the rule and the target of a one-indicator file parsed, names, types and units checked.
void BM_CompileRuleAndTarget(benchmark::State& st) {
    SourceSet sources;
    Diagnostics diags;
    RuleFile file = load_rule_text("bänk", kOwnRuleFile, sources, diags);
    if (diags.has_errors()) {
        st.SkipWithError("regelfilen har fel");
        return;
    }
    for (auto _ : st) {
        Diagnostics d;
        benchmark::DoNotOptimize(compile(file, sources, d));
    }
}
BENCHMARK(BM_CompileRuleAndTarget);

// ---- the built-in indicator rule ---------------------------------------------
const char* kOneIndicator =
    "malkoll: 1\nnämnd: Bänk\når: 2024\nmålområden:\n  - namn: A\n    kommunmål:\n      - namn: B\n"
    "        nämndmål:\n          - id: m\n            namn: M\n            indikatorer:\n"
    "              - {id: i, namn: I, riktning: öka, mål: minst 50}\n";

template <bool Record>
void BM_BuiltinRule(benchmark::State& st) {
    SourceSet sources;
    Diagnostics diags;
    RuleFile file = load_rule_text("bänk", kOneIndicator, sources, diags);
    Model model = compile(file, sources, diags);
    const Ast& rule = model.rules[model.indicators[0].rule].ast;
    IndicatorFacts f = gather_facts(file, model.indicators[0], 0);
    // 1 024 records as in bench/peers: 0–99, 5 % of each missing.
    std::vector<std::pair<EvalValue, EvalValue>> recs;
    std::uint64_t s = 7;
    auto next = [&] { s = s * 6364136223846793005ULL + 1442695040888963407ULL; return s >> 33; };
    for (int k = 0; k < 1024; ++k) {
        EvalValue v = next() % 20 == 0 ? EvalValue::missing(Missing::Marked) : EvalValue::number(Decimal{double(next() % 100), 0});
        EvalValue p = next() % 20 == 0 ? EvalValue::missing(Missing::Marked) : EvalValue::number(Decimal{double(next() % 100), 0});
        recs.emplace_back(v, p);
    }
    Trace trace;
    std::size_t k = 0;
    for (auto _ : st) {
        const auto& [v, p] = recs[k++ & 1023];
        f.varde = f.helarsvarde = v;
        f.foregaende = p;
        if constexpr (Record) {
            trace.clear();
            benchmark::DoNotOptimize(run_indicator_rule<true>(rule, f, &trace));
        } else {
            benchmark::DoNotOptimize(run_indicator_rule<false>(rule, f, nullptr));
        }
    }
    st.SetItemsProcessed(st.iterations());
}
BENCHMARK(BM_BuiltinRule<false>)->Name("BM_BuiltinRule/obundet");
BENCHMARK(BM_BuiltinRule<true>)->Name("BM_BuiltinRule/spårad");

// ---- a weighted goal rule -------------------------------------------------------
const char* kWeightedGoal =
    "malkoll: 1\nnämnd: Bänk\når: 2024\n"
    "standardbedömning: |\n  ej bedömd om ingen bedömd\n  uppfyllt om andel uppfyllt >= 75 %\n"
    "  ej uppfyllt om andel ej uppfyllt > 50 %\n  annars delvis\n"
    "målområden:\n  - namn: A\n    kommunmål:\n      - namn: B\n"
    "        nämndmål:\n          - id: m\n            namn: M\n            indikatorer:\n"
    "              - {id: i, namn: I, riktning: öka, mål: minst 50}\n";

template <bool Record>
void BM_WeightedGoal(benchmark::State& st) {
    SourceSet sources;
    Diagnostics diags;
    RuleFile file = load_rule_text("bänk", kWeightedGoal, sources, diags);
    Model model = compile(file, sources, diags);
    if (diags.has_errors()) {
        st.SkipWithError("regelfilen har fel");
        return;
    }
    const Ast& rule = model.rules[model.goals[0].rule].ast;
    // A nämndmål of 8 indicators, weights 1–3, mixed results.
    const Outcome results[8] = {Outcome::Uppfyllt, Outcome::Delvis,     Outcome::Uppfyllt, Outcome::EjBedomd,
                                Outcome::Uppfyllt, Outcome::EjUppfyllt, Outcome::Uppfyllt, Outcome::Uppfyllt};
    const Decimal weights[8] = {{1, 0}, {2, 0}, {3, 0}, {1, 0}, {2, 0}, {1, 0}, {1, 0}, {2, 0}};
    std::vector<std::string> ids = {"a", "b", "c", "d", "e", "f", "g", "h"};
    const std::string* id_ptrs[8];
    for (int k = 0; k < 8; ++k) id_ptrs[k] = &ids[k];
    GoalFacts g{results, weights, id_ptrs, 8};
    Trace trace;
    for (auto _ : st) {
        if constexpr (Record) {
            trace.clear();
            benchmark::DoNotOptimize(run_goal_rule<true>(rule, g, &trace));
        } else {
            benchmark::DoNotOptimize(run_goal_rule<false>(rule, g, nullptr));
        }
    }
    st.SetItemsProcessed(st.iterations());
}
BENCHMARK(BM_WeightedGoal<false>)->Name("BM_WeightedGoal/obundet");
BENCHMARK(BM_WeightedGoal<true>)->Name("BM_WeightedGoal/spårad");

// ---- a generated file of 1 000 indicators: explain and the report writers ------
// Counts what is written and keeps nothing.
struct CountingBuf : std::streambuf {
    std::size_t n = 0;
    char buf[65536];
    CountingBuf() { setp(buf, buf + sizeof buf); }
    int overflow(int c) override {
        n += static_cast<std::size_t>(pptr() - pbase());
        setp(buf, buf + sizeof buf);
        if (c != EOF) {
            *pptr() = static_cast<char>(c);
            pbump(1);
        }
        return c;
    }
    std::size_t total() const { return n + static_cast<std::size_t>(pptr() - pbase()); }
};

struct ThousandFile {
    std::filesystem::path dir;
    Loaded l;
    std::unique_ptr<Assessment> a;
    std::vector<InputFile> inputs;
    ThousandFile() {
        dir = std::filesystem::temp_directory_path() / ("malkoll-micro-" + std::to_string(::getpid()));
        malkoll_bench::write_scale_files(1000, dir);
        load(l, (dir / "regler.yaml").string(), {});
        a = std::make_unique<Assessment>(assess(l.model));
        inputs = input_files(l);
    }
    ~ThousandFile() { std::filesystem::remove_all(dir); }
};

ThousandFile& thousand() {
    static ThousandFile f;
    return f;
}

void BM_Explain(benchmark::State& st) {
    ThousandFile& f = thousand();
    ReportInput in{*f.a, f.l.sources, {}};
    ExplainTarget target;
    target.indicator = 500;
    std::size_t bytes = 0;
    for (auto _ : st) {
        CountingBuf buf;
        std::ostream out(&buf);
        render_explain_text(in, target, out);
        out.flush();
        bytes = buf.total();
    }
    st.counters["byte"] = static_cast<double>(bytes);
}
BENCHMARK(BM_Explain);

// The assessment of the 1 000-indicator file alone (what every writer below starts from).
void BM_Assess1000(benchmark::State& st) {
    ThousandFile& f = thousand();
    for (auto _ : st) benchmark::DoNotOptimize(assess(f.l.model));
    st.SetItemsProcessed(st.iterations() * 1000);
}
BENCHMARK(BM_Assess1000)->Unit(benchmark::kMillisecond);

void (*const kRenderers[])(const ReportInput&, std::ostream&) = {render_markdown, render_html, render_json, render_csv};
const char* const kRendererNames[] = {"md", "html", "json", "csv"};

void BM_Render(benchmark::State& st) {
    ThousandFile& f = thousand();
    ReportInput in{*f.a, f.l.sources, f.inputs};
    std::size_t bytes = 0;
    for (auto _ : st) {
        CountingBuf buf;
        std::ostream out(&buf);
        kRenderers[st.range(0)](in, out);
        out.flush();
        bytes = buf.total();
    }
    st.SetLabel(kRendererNames[st.range(0)]);
    st.SetBytesProcessed(static_cast<std::int64_t>(st.iterations() * bytes));
    st.counters["värden"] = 30000;
}
BENCHMARK(BM_Render)->DenseRange(0, 3)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
