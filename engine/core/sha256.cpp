#include "engine/core/sha256.hpp"

#include <openssl/evp.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

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
    // One read(2) straight into the string: at 120 MB a stream's chunked
    // copy costs a tenth of a second. The size is only a hint, so pipes and
    // growing files read whole too.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    std::string out;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) out.resize(static_cast<std::size_t>(st.st_size));
    std::size_t have = 0;
    char probe[1 << 12];  // when the string is full: is there more?
    for (;;) {
        const bool full = have == out.size();
        const ssize_t n = full ? ::read(fd, probe, sizeof probe) : ::read(fd, out.data() + have, out.size() - have);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            ::close(fd);
            return std::nullopt;
        }
        if (n == 0) break;
        if (full) {
            out.resize(std::max<std::size_t>(out.size() * 2, 1 << 16));
            std::copy(probe, probe + n, out.data() + have);
        }
        have += static_cast<std::size_t>(n);
    }
    ::close(fd);
    out.resize(have);
    return out;
}

}  // namespace malkoll
