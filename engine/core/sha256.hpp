// SHA-256 of input files, so a report can be checked against them later (CLI.md).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace malkoll {

// Lowercase hex digest of the bytes.
std::string sha256_hex(std::string_view bytes);

// The file's raw bytes, or nullopt when it cannot be read.
std::optional<std::string> read_file_bytes(const std::string& path);

}  // namespace malkoll
