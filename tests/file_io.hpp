// Reading and writing a whole file in a test: the bytes as they are.
#pragma once
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace malkoll::test {

// The file's bytes; "" when it cannot be read.
inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

inline void spit(const std::filesystem::path& p, const std::string& s) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << s;
}

}  // namespace malkoll::test
