// What fresh memory costs on this machine (docs/prestanda.md, Vad som står i
// vägen): MB megabytes (default 400) of new anonymous memory, one byte
// written per 4 KiB page, three ways, each RUNS times (default 3):
//   sidfel    mmap, then the writes fault each page in (as malloc'd memory does)
//   populate  mmap with MAP_POPULATE: the kernel fills every page in one call
//   stora     mmap with madvise(MADV_HUGEPAGE): 2 MiB pages where the kernel has
//             them (with defrag=madvise it may compact memory first)
//   bench_fresh_pages [MB] [RUNS]
// Prints one line per run: way;seconds;ms per MB.
#include <sys/mman.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
    const std::size_t mb = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 400;
    const int runs = argc > 2 ? std::atoi(argv[2]) : 3;
    const std::size_t n = mb << 20;
    const char* names[] = {"sidfel", "populate", "stora"};
    for (int run = 0; run < runs; ++run)
        for (int way = 0; way < 3; ++way) {
            const auto t0 = std::chrono::steady_clock::now();
            void* m = mmap(nullptr, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | (way == 1 ? MAP_POPULATE : 0), -1, 0);
            if (m == MAP_FAILED) {
                std::perror("bench_fresh_pages: mmap");
                return 1;
            }
            auto* p = static_cast<volatile char*>(m);
            if (way == 2) madvise(m, n, MADV_HUGEPAGE);
            for (std::size_t i = 0; i < n; i += 4096) p[i] = 1;
            const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            munmap(m, n);
            std::printf("%s;%.3f;%.3f\n", names[way], s, s * 1e3 / static_cast<double>(mb));
        }
    return 0;
}
