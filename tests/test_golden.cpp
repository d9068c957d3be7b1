// Golden files: every fixtures/NAME.yaml is run through the CLI and compared
// with the expected files beside it — NAME.md and NAME.json (assess), or
// NAME.err (check, which must fail). tools/regen-golden.sh rewrites them for
// review.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "tests/cli_run.hpp"

namespace fs = std::filesystem;
using malkoll::test::run;

namespace {
std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}
}  // namespace

TEST_CASE("golden: fixtures/*.yaml match their expected outputs") {
    std::vector<fs::path> cases;
    for (const auto& e : fs::directory_iterator("fixtures"))
        if (e.path().extension() == ".yaml") cases.push_back(e.path());
    std::sort(cases.begin(), cases.end());
    REQUIRE(cases.size() >= 3);
    int compared = 0;
    for (const auto& yaml : cases) {
        std::string name = yaml.generic_string();
        fs::path base = yaml;
        base.replace_extension();
        CAPTURE(name);
        if (fs::exists(base.string() + ".err")) {
            auto r = run({"check", name});
            CHECK(r.exit == 1);
            CHECK(r.err == slurp(base.string() + ".err"));
            ++compared;
        }
        if (fs::exists(base.string() + ".md")) {
            auto r = run({"assess", name});
            CHECK(r.exit == 0);
            CHECK(r.out == slurp(base.string() + ".md"));
            ++compared;
        }
        if (fs::exists(base.string() + ".json")) {
            auto r = run({"assess", name, "--format", "json"});
            CHECK(r.exit == 0);
            CHECK(r.out == slurp(base.string() + ".json"));
            ++compared;
        }
    }
    CHECK(compared >= static_cast<int>(cases.size()));
}
