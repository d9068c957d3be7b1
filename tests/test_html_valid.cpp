// The HTML report passes the Nu Html Checker with no errors and no warnings
// (vnu-jar, installed by tools/bootstrap.sh, run on Java).
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "tests/cli_run.hpp"

namespace fs = std::filesystem;
using malkoll::test::run;

TEST_CASE("report html: the Nu Html Checker finds no errors and no warnings") {
    const fs::path vnu = "tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar";
    REQUIRE_MESSAGE(fs::exists(vnu), "vnu.jar saknas: kör bash tools/bootstrap.sh");
    fs::path dir = fs::temp_directory_path() / ("malkoll-vnu-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::string files;
    int n = 0;
    for (const char* rules : {"fixtures/exempel.yaml", "rules/son/2024.yaml", "rules/son/2022.yaml", "rules/son/2018-delar.yaml",
                              "fixtures/bedömda-nivåer.yaml", "rules/exempel/två-nivåer.yaml",
                              "fixtures/sammanställning/kommun.yaml", "rules/linköping/2024.yaml", "rules/exempel/egen-skala.yaml",
                              "fixtures/statusindikatorer.yaml", "fixtures/serier-för-sig.yaml",
                              "fixtures/nyckeltal.yaml"}) {
        auto r = run({"assess", rules, "--format", "html"});
        REQUIRE(r.exit == 0);
        // Numbered: rules/son/2024.yaml and rules/linköping/2024.yaml have the same stem.
        std::string name = std::to_string(++n);
        name += '-';
        name += fs::path(rules).stem().string();
        name += ".html";
        fs::path out = dir / name;
        std::ofstream(out, std::ios::binary) << r.out;
        files += ' ';
        files += out.string();
    }
    fs::path log = dir / "vnu.txt";
    // Warnings count too: no --errors-only.
    // Built with += : g++ 12 warns falsely (-Wrestrict) on a chain of string +.
    std::string cmd = "java -jar ";
    cmd += vnu.string();
    cmd += " --also-check-svg --format text";
    cmd += files;
    cmd += " > ";
    cmd += log.string();
    cmd += " 2>&1";
    int rc = std::system(cmd.c_str());
    std::ifstream in(log);
    std::string report((std::istreambuf_iterator<char>(in)), {});
    CAPTURE(report);
    CHECK(rc == 0);
    CHECK(report.find("Warning") == std::string::npos);
    CHECK(report.find("Error") == std::string::npos);
    CHECK(report.find("No errors found") != std::string::npos);
    fs::remove_all(dir);
}
