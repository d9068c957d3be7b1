// SHA-256 of input files, so a report can be checked against them later (CLI.md).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "engine/core/source.hpp"  // read_file_bytes: what is hashed is read there

namespace malkoll {

// Lowercase hex digest of the bytes.
std::string sha256_hex(std::string_view bytes);

}  // namespace malkoll
