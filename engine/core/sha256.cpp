#include "engine/core/sha256.hpp"

#include <openssl/evp.h>

#include <fstream>
#include <iterator>
#include <sstream>

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
    std::ostringstream buf;
    buf << in.rdbuf();
    // An empty file leaves failbit set by operator<<; only badbit is a read error.
    if (in.bad()) return std::nullopt;
    return std::move(buf).str();
}

}  // namespace malkoll
