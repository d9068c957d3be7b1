// Bad input is normal input: mutated rule files never crash, hang or throw
// out of the command line — every run ends with exit 1 (errors listed) or 0.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "tests/cli_run.hpp"

namespace fs = std::filesystem;
using malkoll::test::run;

TEST_CASE("robustness: mutated rule files give messages, never a crash") {
    fs::path dir = fs::temp_directory_path() / ("malkoll-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::uint64_t seed = 20261128;
    auto next = [&] {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::uint32_t>(seed >> 33);
    };
    const char* alphabet = " \n\t:-{}[],'\"|>#%åäö0123456789aemn";
    int runs = 0;
    for (const char* src : {"fixtures/exempel.yaml", "rules/son/2024.yaml", "rules/son/2018-delar.yaml"}) {
        std::ifstream in(src, std::ios::binary);
        std::string original((std::istreambuf_iterator<char>(in)), {});
        REQUIRE_MESSAGE(!original.empty(), src);  // run from the source folder (ctest does)
        for (int k = 0; k < 300; ++k) {
            std::string text = original;
            int edits = 1 + static_cast<int>(next() % 4);
            for (int e = 0; e < edits; ++e) {
                std::size_t at = next() % text.size();
                switch (next() % 3) {
                    case 0: text[at] = alphabet[next() % 36]; break;
                    case 1: text.erase(at, 1 + next() % 8); break;
                    default: text.insert(at, 1, alphabet[next() % 36]); break;
                }
            }
            fs::path f = dir / "regler.yaml";
            std::ofstream(f, std::ios::binary) << text;
            // The data files the real rule files name are found beside the mutated copy.
            fs::create_directories(dir / "data");
            for (const char* csv : {"son-2018.csv", "son-2022.csv"})
                if (!fs::exists(dir / "data" / csv)) fs::copy_file(fs::path("rules/son/data") / csv, dir / "data" / csv);
            for (const char* cmd : {"check", "assess"}) {
                auto r = run({cmd, f.string()});
                CAPTURE(text);
                CHECK((r.exit == 0 || r.exit == 1));
                if (r.exit == 1) CHECK(r.err.find("fel") != std::string::npos);
                ++runs;
            }
        }
    }
    CHECK(runs == 1800);
    fs::remove_all(dir);
}
