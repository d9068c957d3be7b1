// Golden files: every fixtures/NAME.yaml and fixtures/sammanställning/NAME.yaml (and rules/son/NAME.yaml, with its
// expected files in fixtures/rapporter/) is run through the CLI and compared
// with the expected files beside it — NAME.md, NAME.json, NAME.html and
// NAME.csv (assess), or
// NAME.err (check, which must fail). tools/regen-golden.sh rewrites them for
// review.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/cli_run.hpp"
#include "tests/file_io.hpp"

using malkoll::test::slurp;

namespace fs = std::filesystem;
using malkoll::test::run;

// One golden case: a rule file and the folder+stem of its expected outputs.
struct Golden {
    std::string yaml;
    fs::path expected;  // without extension
};

std::vector<Golden> golden_cases() {
    std::vector<Golden> cases;
    // Roll-ups in fixtures/sammanställning/, their nämnder's files in its folder nämnder/.
    for (const char* dir : {"fixtures", "fixtures/sammanställning"})
        for (const auto& e : fs::directory_iterator(dir))
            if (e.path().extension() == ".yaml") cases.push_back({e.path().generic_string(), fs::path(e.path()).replace_extension()});
    // The real rule files: expected outputs in fixtures/rapporter/.
    for (const auto& e : fs::directory_iterator("rules/son"))
        if (e.path().extension() == ".yaml")
            cases.push_back({e.path().generic_string(), fs::path("fixtures/rapporter") / e.path().stem()});
    // The examples of other municipalities' shapes: fixtures/rapporter/exempel-NAME.
    for (const auto& e : fs::directory_iterator("rules/exempel"))
        if (e.path().extension() == ".yaml")
            cases.push_back({e.path().generic_string(), fs::path("fixtures/rapporter") / ("exempel-" + e.path().stem().string())});
    // The municipality's roll-up: fixtures/rapporter/linköping-NAME.
    for (const auto& e : fs::directory_iterator("rules/linköping"))
        if (e.path().extension() == ".yaml")
            cases.push_back({e.path().generic_string(), fs::path("fixtures/rapporter") / ("linköping-" + e.path().stem().string())});
    std::sort(cases.begin(), cases.end(), [](const Golden& a, const Golden& b) { return a.yaml < b.yaml; });
    return cases;
}

TEST_CASE("golden: rule files match their expected outputs in every format") {
    auto cases = golden_cases();
    REQUIRE(cases.size() >= 6);
    int compared = 0;
    for (const auto& c : cases) {
        const std::string& name = c.yaml;
        std::string base = c.expected.string();
        CAPTURE(name);
        if (fs::exists(base + ".err")) {
            auto r = run({"check", name});
            CHECK(r.exit == 1);
            CHECK(r.err == slurp(base + ".err"));
            ++compared;
        }
        for (const char* fmt : {"md", "json", "html", "csv"}) {
            if (!fs::exists(base + "." + fmt)) continue;
            auto r = run({"assess", name, "--format", fmt});
            CHECK(r.exit == 0);
            CHECK(r.out == slurp(base + "." + fmt));
            ++compared;
        }
    }
    CHECK(compared >= static_cast<int>(cases.size()));
}
