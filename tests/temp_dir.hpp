// A folder of the test's own under the system's temporary folder, made
// unique by mkdtemp (ctest runs cases in parallel) and removed with all in it.
#pragma once
#include <stdlib.h>

#include <filesystem>
#include <string>
#include <string_view>

#include <doctest/doctest.h>

namespace malkoll::test {

struct TempDir {
    std::filesystem::path path;
    explicit TempDir(std::string_view what = "test") {
        std::string t = (std::filesystem::temp_directory_path() / ("malkoll-" + std::string(what) + "-XXXXXX")).string();
        REQUIRE(::mkdtemp(t.data()) != nullptr);
        path = t;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::filesystem::path operator/(std::string_view name) const { return path / name; }
};

}  // namespace malkoll::test
