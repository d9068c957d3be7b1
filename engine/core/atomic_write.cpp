#include "engine/core/text.hpp"
#include "engine/core/atomic_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <streambuf>
#include <vector>

namespace malkoll {

std::string write_errno_text(int e) {
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
        default: return system_error_text(e);
    }
}

namespace {

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

bool write_all(int fd, const char* p, std::size_t left) {
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

// An ostream's buffer over a file descriptor that keeps the first error.
class FdBuf : public std::streambuf {
public:
    explicit FdBuf(int fd) : fd_(fd), buf_(1 << 16) { setp(buf_.data(), buf_.data() + buf_.size()); }
    int error() const { return error_; }
    bool drain() {
        if (error_) return false;
        const std::size_t n = static_cast<std::size_t>(pptr() - pbase());
        if (n && !write_all(fd_, pbase(), n)) error_ = errno ? errno : EIO;
        setp(buf_.data(), buf_.data() + buf_.size());
        return error_ == 0;
    }

protected:
    int_type overflow(int_type ch) override {
        if (!drain()) return traits_type::eof();
        if (!traits_type::eq_int_type(ch, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(ch);
            pbump(1);
        }
        return traits_type::not_eof(ch);
    }
    std::streamsize xsputn(const char* p, std::streamsize n) override {
        // Large pieces bypass the buffer.
        if (n >= static_cast<std::streamsize>(buf_.size())) {
            if (!drain()) return 0;
            if (!write_all(fd_, p, static_cast<std::size_t>(n))) {
                error_ = errno ? errno : EIO;
                return 0;
            }
            return n;
        }
        return std::streambuf::xsputn(p, n);
    }
    int sync() override { return drain() ? 0 : -1; }

private:
    int fd_;
    std::vector<char> buf_;
    int error_ = 0;
};


bool same_file(const std::string& a, const std::string& b) {
    struct stat sa {}, sb {};
    return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

struct AtomicFile::State {
    std::string given, path, tmp;
    int fd = -1;
    bool unnamed = false;
    std::unique_ptr<FdBuf> buf;
    std::unique_ptr<std::ostream> out;

    bool fail_with(std::string& error, const std::string& why) {
        error = "kan inte skriva " + given + ": " + why;
        discard();
        return false;
    }
    bool fail(std::string& error, int e) { return fail_with(error, write_errno_text(e)); }
    void discard() {
        if (fd >= 0) ::close(fd);
        fd = -1;
        if (!tmp.empty()) ::unlink(tmp.c_str());
        tmp.clear();
    }
};

AtomicFile::AtomicFile() : s_(std::make_unique<State>()) {}
AtomicFile::~AtomicFile() { s_->discard(); }

bool AtomicFile::open(const std::string& given, std::string& error) {
    State& s = *s_;
    s.discard();
    s.given = given;
    // Through a symbolic link: the file it points to is written (in its own
    // folder), the link stays. Only regular files are replaced: a device or a
    // FIFO would otherwise become a regular file.
    s.path = given;
    struct stat lst {};
    if (::lstat(given.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode)) {
        std::error_code ec;
        const std::filesystem::path target = std::filesystem::canonical(given, ec);
        if (ec) return s.fail_with(error, "länken pekar på något som inte finns");
        s.path = target.string();
    }
    struct stat cur {};
    const bool exists = ::stat(s.path.c_str(), &cur) == 0;
    if (exists) {
        if (S_ISDIR(cur.st_mode)) return s.fail(error, EISDIR);
        if (!S_ISREG(cur.st_mode))
            return s.fail_with(error, "det är ingen vanlig fil (en enhet eller en FIFO); skriv rapporten till en vanlig fil");
    }
    const mode_t mode = exists ? (cur.st_mode & 07777) : (0666 & ~current_umask());

    // The content goes to a file without a name (O_TMPFILE) that gets one
    // only when it is whole: an interrupted run (Ctrl-C, SIGTERM, SIGHUP,
    // even SIGKILL) leaves nothing behind. Where the file system cannot,
    // a named temporary file, removed on every failure.
    const std::filesystem::path folder = std::filesystem::path(s.path).parent_path();
    const std::string dir = folder.empty() ? "." : folder.string();
    // Naming it goes through /proc/self/fd: without /proc, the named way.
    s.fd = ::access("/proc/self/fd", X_OK) == 0 ? ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, mode) : -1;
    s.unnamed = s.fd >= 0;
    if (!s.unnamed) {
        std::string tmpl = s.path + ".tmp-XXXXXX";
        std::vector<char> name(tmpl.begin(), tmpl.end());
        name.push_back('\0');
        s.fd = ::mkstemp(name.data());
        if (s.fd < 0) return s.fail(error, errno);
        s.tmp = name.data();
    }
    if (::fchmod(s.fd, mode) != 0) return s.fail(error, errno);
    s.buf = std::make_unique<FdBuf>(s.fd);
    s.out = std::make_unique<std::ostream>(s.buf.get());
    error.clear();
    return true;
}

std::ostream& AtomicFile::stream() { return *s_->out; }

bool AtomicFile::commit(std::string& error) {
    State& s = *s_;
    if (s.fd < 0 || !s.buf) return s.fail_with(error, "filen är inte öppen");
    if (!s.buf->drain()) return s.fail(error, s.buf->error());
    if (::fsync(s.fd) != 0) return s.fail(error, errno);
    if (s.unnamed) {
        // Named beside the target, then renamed over it at once (linkat
        // cannot replace an existing file).
        const std::string proc = "/proc/self/fd/" + std::to_string(s.fd);
        for (unsigned k = 0; s.tmp.empty() && k < 100; ++k) {
            std::string candidate = s.path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(k);
            if (::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, candidate.c_str(), AT_SYMLINK_FOLLOW) == 0) s.tmp = candidate;
            else if (errno != EEXIST) return s.fail(error, errno);
        }
        if (s.tmp.empty()) return s.fail(error, EEXIST);
    }
    const int fd = s.fd;
    s.fd = -1;
    if (::close(fd) != 0) return s.fail(error, errno);
    if (std::rename(s.tmp.c_str(), s.path.c_str()) != 0) return s.fail(error, errno);
    s.tmp.clear();
    error.clear();
    return true;
}

bool write_file_atomic(const std::string& path, std::string_view content, std::string& error) {
    AtomicFile f;
    if (!f.open(path, error)) return false;
    f.stream().write(content.data(), static_cast<std::streamsize>(content.size()));
    return f.commit(error);
}

FdStream::FdStream(int fd) : std::ostream(nullptr), buf_(std::make_unique<FdBuf>(fd)) { rdbuf(buf_.get()); }
FdStream::~FdStream() { buf_->drain(); }

bool stream_written(std::ostream& out, std::string& error) {
    out.flush();
    if (out) return true;
    const auto* fd = dynamic_cast<const FdBuf*>(out.rdbuf());
    const int e = fd ? fd->error() : 0;
    error = e == EPIPE ? "mottagaren har stängt röret" : e ? write_errno_text(e) : "skrivningen misslyckades";
    return false;
}

}  // namespace malkoll
