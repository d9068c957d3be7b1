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

#include "bench/scale_files.hpp"

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

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "användning: bench_load_scale N MAPP\n");
        return 2;
    }
    const int n = std::atoi(argv[1]);
    const std::filesystem::path dir = argv[2];
    malkoll_bench::write_scale_files(n, dir);
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
    std::printf("yaml-cpp %.6f\ncsv %.6f\n", t_yaml, t_csv);
    return 0;
}
