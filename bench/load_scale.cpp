// Loading at scale, against two yardsticks measured in the same run.
//
//   build/bench_load_scale N MAPP      writes MAPP/regler.yaml (N indicators, no
//                                      inline values) and MAPP/data.csv (10 years
//                                      × 3 series per indicator), then prints
//                                      the yardsticks, best of 3, in seconds:
//   yaml-cpp   yaml-cpp's event parser alone over regler.yaml (a handler that
//              does nothing)
//   csv        a plain line-and-field splitter over data.csv (counts the fields)
//
// bench/load_scale.sh times `malkoll check` on the same files beside them.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <istream>
#include <sstream>
#include <streambuf>
#include <string>

namespace {

// The text as a stream without copying it.
struct MemoryBuffer : std::streambuf {
    MemoryBuffer(const char* b, std::size_t n) {
        char* p = const_cast<char*>(b);
        setg(p, p, p + n);
    }
};

struct NullHandler : YAML::EventHandler {
    std::size_t events = 0;
    void OnDocumentStart(const YAML::Mark&) override { ++events; }
    void OnDocumentEnd() override { ++events; }
    void OnNull(const YAML::Mark&, YAML::anchor_t) override { ++events; }
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override { ++events; }
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override { ++events; }
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override { ++events; }
    void OnSequenceEnd() override { ++events; }
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override { ++events; }
    void OnMapEnd() override { ++events; }
};

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

template <class F>
double best_of(int n, F&& f) {
    double best = 1e30;
    for (int i = 0; i < n; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        f();
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    return best;
}

void write_files(int n, const std::filesystem::path& dir) {
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

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "användning: bench_load_scale N MAPP\n");
        return 2;
    }
    const int n = std::atoi(argv[1]);
    const std::filesystem::path dir = argv[2];
    write_files(n, dir);
    const std::string yaml = slurp((dir / "regler.yaml").string());
    const std::string csv = slurp((dir / "data.csv").string());

    std::size_t events = 0;
    const double t_yaml = best_of(3, [&] {
        MemoryBuffer buf(yaml.data(), yaml.size());
        std::istream in(&buf);
        YAML::Parser parser(in);
        NullHandler h;
        parser.HandleNextDocument(h);
        events = h.events;
    });
    std::size_t fields = 0;
    const double t_csv = best_of(3, [&] {
        std::size_t f = 0;
        const char* p = csv.data();
        const char* e = p + csv.size();
        while (p < e) {
            const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(e - p)));
            if (!nl) nl = e;
            for (const char* q = p; q < nl; ++q) f += *q == ';';
            ++f;
            p = nl + 1;
        }
        fields = f;
    });
    std::printf("indikatorer %d\nyaml-bytes %zu\ncsv-bytes %zu\nyaml-händelser %zu\ncsv-fält %zu\n", n, yaml.size(), csv.size(),
                events, fields);
    std::printf("yaml-cpp %.3f\ncsv %.3f\n", t_yaml, t_csv);
    return 0;
}
