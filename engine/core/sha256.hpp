// SHA-256 of input files, so a report can be checked against them later (`malkoll verify`, docs/revisorsguide.md).
#pragma once
#include <string>
#include <string_view>

namespace malkoll {

// Lowercase hex digest of the bytes.
std::string sha256_hex(std::string_view bytes);

}  // namespace malkoll
