// malkoll's two rows of bench/peers/run (docs/prestanda.md, Jämförelse med andra motorer).
//
//   bench_peers_malkoll skriv FIL [N] [FRÖ]   writes the workload: N records (default
//       1 000 000) from a fixed seed (default 20240624), one per line
//       `värde;mål;föregående`, integers 0–99, mål 50, 5 % of värde and of
//       föregående missing (an empty field). Every engine of the comparison reads this file.
//   bench_peers_malkoll mät FIL MAPP [KÖRNINGAR] [obundet|bedömning]   judges the
//       records of FIL (default 5 runs each, the median printed), both ways or the one named:
//     obundet     the built-in indicator rule (kBuiltinIndicatorRule), compiled from
//                 its text through the normal path (load_rule_text → compile),
//                 run_indicator_rule<false> per record (the facts of a one-indicator
//                 file from gather_facts, värde/helårsvärde and föregående set per record);
//     bedömning   the engine's assess() over a rule file of N indicators (`mål: minst 50`,
//                 `riktning: öka`, 20 per nämndmål) and a data file with each record's
//                 värde as 2024 and föregående as 2023 (`i.u.` where missing), written
//                 to MAPP and loaded with load_rule_file; only assess() is timed —
//                 facts, the indicator rules with their traces, the goals.
//   Each prints one line for the run script:
//     rad;NAMN;median s;miljoner/s;uppfyllt;delvis;ej uppfyllt;ej bedömd;alla körningar s
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "engine/assess/assess.hpp"
#include "engine/compile/model.hpp"
#include "engine/eval/eval.hpp"
#include "engine/load/data_file.hpp"
#include "engine/load/rule_file.hpp"

using namespace malkoll;

namespace {

struct Record {
    int value = -1, target = 50, previous = -1;  // -1: missing
};

// SplitMix64: the same sequence on every machine.
struct Rng {
    std::uint64_t s;
    std::uint64_t next() {
        std::uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
};

int write_records(const char* path, std::size_t n, std::uint64_t seed) {
    std::FILE* f = std::fopen(path, "wb");
    if (!f) {
        std::fprintf(stderr, "bench_peers_malkoll: kan inte skriva %s\n", path);
        return 1;
    }
    Rng rng{seed};
    std::fprintf(f, "# poster %zu frö %llu: värde;mål;föregående, heltal 0–99, tomt fält = saknas (5 %% var)\n", n,
                 static_cast<unsigned long long>(seed));
    for (std::size_t i = 0; i < n; ++i) {
        const int v = static_cast<int>(rng.next() % 100), p = static_cast<int>(rng.next() % 100);
        const bool v_missing = rng.next() % 20 == 0, p_missing = rng.next() % 20 == 0;
        if (!v_missing) std::fprintf(f, "%d", v);
        std::fprintf(f, ";50;");
        if (!p_missing) std::fprintf(f, "%d", p);
        std::fputc('\n', f);
    }
    return std::fclose(f) == 0 ? 0 : 1;
}

std::vector<Record> read_records(const char* path) {
    std::ifstream in(path);
    std::vector<Record> out;
    std::string line;
    auto field = [](const std::string& s, std::size_t b, std::size_t e) { return b == e ? -1 : std::atoi(s.c_str() + b); };
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const std::size_t a = line.find(';'), b = line.find(';', a + 1);
        out.push_back({field(line, 0, a), field(line, a + 1, b), field(line, b + 1, line.size())});
    }
    return out;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

void print_row(const char* name, const std::vector<double>& times, std::size_t n, const std::uint64_t (&c)[4]) {
    const double m = median(times);
    std::printf("rad;%s;%.6f;%.4f;%llu;%llu;%llu;%llu;", name, m, n / m / 1e6, static_cast<unsigned long long>(c[0]),
                static_cast<unsigned long long>(c[1]), static_cast<unsigned long long>(c[2]),
                static_cast<unsigned long long>(c[3]));
    for (std::size_t k = 0; k < times.size(); ++k) std::printf("%s%.4f", k ? " " : "", times[k]);
    std::printf("\n");
    std::fflush(stdout);
}

const char* kOneIndicator =
    "malkoll: 1\nnämnd: Bänk\når: 2024\nmålområden:\n  - namn: A\n    kommunmål:\n      - namn: B\n"
    "        nämndmål:\n          - id: m\n            namn: M\n            indikatorer:\n"
    "              - {id: i, namn: I, riktning: öka, mål: minst 50}\n";

// The built-in rule untraced, per record.
int untraced(const std::vector<Record>& records, int runs) {
    SourceSet sources;
    Diagnostics diags;
    RuleFile file = load_rule_text("bänk", kOneIndicator, sources, diags);
    Model model = compile(file, sources, diags);
    if (diags.has_errors()) {
        std::fprintf(stderr, "bench_peers_malkoll: regelfilen har fel\n");
        return 1;
    }
    const Ast& rule = model.rules[model.indicators[0].rule].ast;  // the built-in rule, from its text
    IndicatorFacts f = gather_facts(file, model.indicators[0], 0);  // år, riktning, the target `minst 50`
    // The values as the evaluator reads them, made once (as assess gathers them once per indicator).
    std::vector<std::pair<EvalValue, EvalValue>> values;
    values.reserve(records.size());
    auto ev = [](int v, int year) {
        EvalValue e = v < 0 ? EvalValue::missing(Missing::Marked, Period{year, 0}) : EvalValue::number(Decimal{double(v), 0});
        e.period = Period{year, 0};
        return e;
    };
    for (const Record& r : records) values.emplace_back(ev(r.value, 2024), ev(r.previous, 2023));
    std::vector<double> times;
    std::uint64_t counts[4] = {0, 0, 0, 0};
    for (int k = 0; k < runs; ++k) {
        std::uint64_t c[4] = {0, 0, 0, 0};
        auto t0 = std::chrono::steady_clock::now();
        for (const auto& [v, p] : values) {
            f.varde = f.helarsvarde = v;
            f.foregaende = p;
            ++c[static_cast<int>(run_indicator_rule<false>(rule, f, nullptr).outcome)];
        }
        times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        std::copy(c, c + 4, counts);
    }
    print_row("malkoll obundet", times, records.size(), counts);
    return 0;
}

// assess() over a rule file of one indicator per record.
int assessed(const std::vector<Record>& records, const std::filesystem::path& dir, int runs) {
    std::filesystem::create_directories(dir);
    const std::string rules = (dir / "regler.yaml").string(), data = (dir / "data.csv").string();
    {
        std::FILE* y = std::fopen(rules.c_str(), "wb");
        std::FILE* c = std::fopen(data.c_str(), "wb");
        if (!y || !c) {
            std::fprintf(stderr, "bench_peers_malkoll: kan inte skriva i %s\n", dir.c_str());
            return 1;
        }
        std::fprintf(y, "malkoll: 1\nnämnd: Jämförelsenämnden\når: 2024\nutfall: data.csv\nmålområden:\n"
                        "  - namn: Område\n    kommunmål:\n      - namn: Kommunmål\n        nämndmål:\n");
        std::fprintf(c, "indikator;period;serie;värde;kommentar;källa\n");
        for (std::size_t k = 0; k < records.size(); ++k) {
            if (k % 20 == 0) std::fprintf(y, "          - id: m%zu\n            namn: Mål %zu\n            indikatorer:\n", k / 20, k / 20);
            std::fprintf(y, "              - {id: i%zu, namn: I%zu, riktning: öka, mål: minst %d}\n", k, k, records[k].target);
            auto cell = [&](int year, int v) {
                if (v < 0) std::fprintf(c, "i%zu;%d;;i.u.;;\n", k, year);
                else std::fprintf(c, "i%zu;%d;;%d;;\n", k, year, v);
            };
            cell(2023, records[k].previous);
            cell(2024, records[k].value);
        }
        std::fclose(y);
        std::fclose(c);
    }
    SourceSet sources;
    Diagnostics diags;
    auto t0 = std::chrono::steady_clock::now();
    RuleFile file = load_rule_file(rules, sources, diags);
    for (const auto& d : file.data_files) load_data_file(d, file, sources, diags);
    Model model = compile(file, sources, diags);
    const double load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (diags.has_errors()) {
        std::fprintf(stderr, "bench_peers_malkoll: den genererade regelfilen har fel\n");
        return 1;
    }
    std::fprintf(stderr, "bedömningsvägen: %zu indikatorer och %zu värden lästa och kompilerade på %.1f s (mäts inte)\n",
                 file.indicators.size(), file.values.size(), load_s);
    std::vector<double> times;
    std::uint64_t counts[4] = {0, 0, 0, 0};
    std::size_t reads = 0;
    for (int k = 0; k < runs; ++k) {
        auto t = std::chrono::steady_clock::now();
        Assessment a = assess(model);
        times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count());
        for (int o = 0; o < 4; ++o) counts[o] = a.indicator_counts.by_outcome[o];
        reads = 0;
        for (const auto& ia : a.indicators) reads += ia.trace.reads.size();
        // `a` is freed here, outside the timed part.
    }
    std::fprintf(stderr, "bedömningsvägen: %zu nämndmål bedöms också; %.1f läsningar i spåret per indikator\n",
                 file.goals.size(), double(reads) / double(records.size()));
    print_row("malkoll bedömning", times, records.size(), counts);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string cmd = argc > 1 ? argv[1] : "";
    if (cmd == "skriv" && argc >= 3)
        return write_records(argv[2], argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1000000,
                             argc > 4 ? std::strtoull(argv[4], nullptr, 10) : 20240624);
    if (cmd == "mät" && argc >= 4) {
        const int runs = argc > 4 ? std::atoi(argv[4]) : 5;
        const std::vector<Record> records = read_records(argv[2]);
        if (records.empty()) {
            std::fprintf(stderr, "bench_peers_malkoll: inga poster i %s\n", argv[2]);
            return 1;
        }
        const std::string only = argc > 5 ? argv[5] : "";
        if (only != "bedömning")
            if (int rc = untraced(records, runs)) return rc;
        return only == "obundet" ? 0 : assessed(records, argv[3], runs);
    }
    std::fprintf(stderr, "användning: bench_peers_malkoll skriv FIL [N] [FRÖ]\n"
                         "            bench_peers_malkoll mät FIL MAPP [KÖRNINGAR] [obundet|bedömning]\n");
    return 2;
}
