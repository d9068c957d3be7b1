#include "engine/core/atomic_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

namespace malkoll {

namespace {

std::string errno_text(int e) {
    switch (e) {
        case ENOENT: return "mappen finns inte";
        case ENOTDIR: return "en del av sökvägen är inte en mapp";
        case EACCES:
        case EPERM: return "saknar behörighet";
        case ENOSPC: return "disken är full";
        case EDQUOT: return "diskkvoten är slut";
        case EROFS: return "filsystemet är skrivskyddat";
        case EISDIR: return "det är en mapp";
        case ENAMETOOLONG: return "namnet är för långt";
        default: return std::strerror(e);
    }
}

// The process umask without changing it (umask() itself is a set-and-get
// that would race with other threads); Linux shows it in /proc/self/status.
mode_t current_umask() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("Umask:", 0) == 0) {
            try {
                return static_cast<mode_t>(std::stoul(line.substr(6), nullptr, 8));
            } catch (...) {
                break;
            }
        }
    }
    return 022;
}

bool write_all(int fd, std::string_view content) {
    const char* p = content.data();
    std::size_t left = content.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    return true;
}

}  // namespace

bool same_file(const std::string& a, const std::string& b) {
    struct stat sa {}, sb {};
    return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

bool write_file_atomic(const std::string& given, std::string_view content, std::string& error) {
    auto fail_with = [&](const std::string& why) {
        error = "kan inte skriva " + given + ": " + why;
        return false;
    };
    auto fail = [&](int e) { return fail_with(errno_text(e)); };

    // Through a symbolic link: the file it points to is written (in its own
    // folder), the link stays. Only regular files are replaced: a device or a
    // FIFO would otherwise become a regular file.
    std::string path = given;
    struct stat lst {};
    if (::lstat(given.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode)) {
        std::error_code ec;
        const std::filesystem::path target = std::filesystem::canonical(given, ec);
        if (ec) return fail_with("länken pekar på något som inte finns");
        path = target.string();
    }
    struct stat cur {};
    if (::stat(path.c_str(), &cur) == 0) {
        if (S_ISDIR(cur.st_mode)) return fail(EISDIR);
        if (!S_ISREG(cur.st_mode))
            return fail_with("det är ingen vanlig fil (en enhet eller en FIFO); skriv rapporten till en vanlig fil");
    }

    struct stat st {};
    const mode_t mode = ::stat(path.c_str(), &st) == 0 ? (st.st_mode & 07777)
                                                       : (0666 & ~current_umask());

    // The content goes to a file without a name (O_TMPFILE) that gets one
    // only when it is whole: an interrupted run (Ctrl-C, SIGTERM, SIGHUP,
    // even SIGKILL) leaves nothing behind. Where the file system cannot,
    // a named temporary file, removed on every failure.
    const std::filesystem::path folder = std::filesystem::path(path).parent_path();
    const std::string dir = folder.empty() ? "." : folder.string();
    // Naming it goes through /proc/self/fd: without /proc, the named way.
    int fd = ::access("/proc/self/fd", X_OK) == 0 ? ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, mode) : -1;
    const bool unnamed = fd >= 0;
    std::string tmp;
    if (!unnamed) {
        std::string tmpl = path + ".tmp-XXXXXX";
        std::vector<char> name(tmpl.begin(), tmpl.end());
        name.push_back('\0');
        fd = ::mkstemp(name.data());
        if (fd < 0) return fail(errno);
        tmp = name.data();
    }
    auto fail_tmp = [&](int e) {
        if (!tmp.empty()) ::unlink(tmp.c_str());
        return fail(e);
    };
    if (::fchmod(fd, mode) != 0 || !write_all(fd, content) || ::fsync(fd) != 0) {
        const int e = errno;
        ::close(fd);
        return fail_tmp(e);
    }
    if (unnamed) {
        // Named beside the target, then renamed over it at once (linkat
        // cannot replace an existing file).
        for (unsigned k = 0; tmp.empty() && k < 100; ++k) {
            std::string candidate = path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(k);
            const std::string proc = "/proc/self/fd/" + std::to_string(fd);
            if (::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, candidate.c_str(), AT_SYMLINK_FOLLOW) == 0) tmp = candidate;
            else if (errno != EEXIST) {
                const int e = errno;
                ::close(fd);
                return fail(e);
            }
        }
        if (tmp.empty()) {
            ::close(fd);
            return fail(EEXIST);
        }
    }
    if (::close(fd) != 0) return fail_tmp(errno);
    if (std::rename(tmp.c_str(), path.c_str()) != 0) return fail_tmp(errno);
    error.clear();
    return true;
}

}  // namespace malkoll
