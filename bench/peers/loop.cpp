// The ceiling of bench/peers/run: the built-in indicator rule written by hand
// as a plain C++ loop over the same records, compiled by the run script with
// `g++ -O2` (no engine, nothing else linked).
//   loop FIL [KÖRNINGAR]
// ej bedömd om saknas(värde); uppfyllt om värde >= mål; delvis om värde >
// föregående (okänt, so not firing, when föregående is missing); else ej uppfyllt.
// Prints: rad;C++ för hand;median s;miljoner/s;uppfyllt;delvis;ej uppfyllt;ej bedömd;alla körningar s
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

struct Record {
    int value, target, previous;
    bool has_value, has_previous;
};

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "användning: loop FIL [KÖRNINGAR]\n");
        return 2;
    }
    const int runs = argc > 2 ? std::atoi(argv[2]) : 5;
    std::vector<Record> records;
    std::ifstream in(argv[1]);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const std::size_t a = line.find(';'), b = line.find(';', a + 1);
        Record r{};
        r.has_value = a > 0;
        r.value = r.has_value ? std::atoi(line.c_str()) : 0;
        r.target = std::atoi(line.c_str() + a + 1);
        r.has_previous = b + 1 < line.size();
        r.previous = r.has_previous ? std::atoi(line.c_str() + b + 1) : 0;
        records.push_back(r);
    }
    std::vector<double> times;
    unsigned long long c[4] = {0, 0, 0, 0};
    for (int k = 0; k < runs; ++k) {
        unsigned long long n[4] = {0, 0, 0, 0};
        auto t0 = std::chrono::steady_clock::now();
        for (const Record& r : records) {
            int o;
            if (!r.has_value) o = 3;                                      // ej bedömd
            else if (r.value >= r.target) o = 0;                          // uppfyllt
            else if (r.has_previous && r.value > r.previous) o = 1;       // delvis
            else o = 2;                                                   // ej uppfyllt
            ++n[o];
        }
        times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        std::copy(n, n + 4, c);
    }
    std::vector<double> sorted = times;
    std::sort(sorted.begin(), sorted.end());
    const double m = sorted[sorted.size() / 2];
    std::printf("rad;C++ för hand;%.6f;%.4f;%llu;%llu;%llu;%llu;", m, records.size() / m / 1e6, c[0], c[1], c[2], c[3]);
    for (std::size_t k = 0; k < times.size(); ++k) std::printf("%s%.4f", k ? " " : "", times[k]);
    std::printf("\n");
    return 0;
}
