#include "engine/core/sha256.hpp"

#include <openssl/evp.h>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace malkoll {

std::string sha256_hex(std::string_view bytes) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), md, &len, EVP_sha256(), nullptr) != 1) return {};
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(len * 2);
    for (unsigned int i = 0; i < len; ++i) {
        out += hex[md[i] >> 4];
        out += hex[md[i] & 0xF];
    }
    return out;
}

std::optional<std::string> read_file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    // Straight into the string (a stringstream copied 2,5 MB twice); the size
    // is only a hint, so pipes and growing files read whole too.
    std::string out;
    std::error_code ec;
    if (auto size = std::filesystem::file_size(path, ec); !ec) out.reserve(static_cast<std::size_t>(size));
    char chunk[1 << 16];
    while (in.read(chunk, sizeof chunk), in.gcount() > 0) out.append(chunk, static_cast<std::size_t>(in.gcount()));
    // The last read sets failbit at the end; only badbit is a read error.
    if (in.bad()) return std::nullopt;
    return out;
}

}  // namespace malkoll
