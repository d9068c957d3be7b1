#include "engine/core/source.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

#include "engine/core/sha256.hpp"
#include "engine/core/text.hpp"

namespace malkoll {

namespace {
// Characters as the caret line counts them (an invalid byte is one).
std::uint32_t count_chars(std::string_view s) { return static_cast<std::uint32_t>(utf8_length(s)); }
}  // namespace

FileBytes::FileBytes(FileBytes&& o) noexcept : owned_(std::move(o.owned_)), map_(o.map_), map_size_(o.map_size_) {
    o.map_ = nullptr;
    o.map_size_ = 0;
}

FileBytes& FileBytes::operator=(FileBytes&& o) noexcept {
    if (this != &o) {
        unmap();
        owned_ = std::move(o.owned_);
        map_ = o.map_;
        map_size_ = o.map_size_;
        o.map_ = nullptr;
        o.map_size_ = 0;
    }
    return *this;
}

FileBytes::~FileBytes() { unmap(); }

void FileBytes::unmap() {
    if (map_) ::munmap(const_cast<char*>(map_), map_size_);
    map_ = nullptr;
    map_size_ = 0;
}

std::optional<FileBytes> read_file(const std::string& path) {
    constexpr std::size_t kMapFrom = std::size_t{16} << 20;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) >= kMapFrom) {
        void* m = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
        ::close(fd);
        if (m == MAP_FAILED) {
            auto bytes = read_file_bytes(path);
            if (!bytes) return std::nullopt;
            return FileBytes(std::move(*bytes));
        }
        ::madvise(m, static_cast<std::size_t>(st.st_size), MADV_SEQUENTIAL);
        FileBytes out;
        out.map_ = static_cast<const char*>(m);
        out.map_size_ = static_cast<std::size_t>(st.st_size);
        return out;
    }
    ::close(fd);
    auto bytes = read_file_bytes(path);
    if (!bytes) return std::nullopt;
    return FileBytes(std::move(*bytes));
}

SourceFile::SourceFile(std::string name, std::string text, std::string raw_sha256)
    : SourceFile(std::move(name), FileBytes(std::move(text)), 0, std::move(raw_sha256)) {}

SourceFile::SourceFile(std::string name, FileBytes bytes, std::size_t skip, std::string raw_sha256)
    : name_(std::move(name)), bytes_(std::move(bytes)), skip_(skip), sha256_(std::move(raw_sha256)) {
    const std::string_view t = text();
    if (sha256_.empty()) sha256_ = sha256_hex(t);
    starts_.reserve(static_cast<std::size_t>(std::count(t.begin(), t.end(), '\n')) + 1);
    starts_.push_back(0);
    for (std::size_t i = t.find('\n'); i != std::string_view::npos; i = t.find('\n', i + 1))
        starts_.push_back(static_cast<std::uint32_t>(i + 1));
}

std::string_view SourceFile::line(std::uint32_t line0) const {
    if (line0 >= starts_.size()) return {};
    std::size_t b = starts_[line0];
    const std::string_view t = text();
    std::size_t e = line0 + 1 < starts_.size() ? starts_[line0 + 1] - 1 : t.size();
    if (e > b && t[e - 1] == '\r') --e;
    return t.substr(b, e - b);
}

Position SourceFile::position(std::uint32_t line0, std::uint32_t byte_col0) const {
    std::string_view l = line(line0);
    if (byte_col0 > l.size()) byte_col0 = static_cast<std::uint32_t>(l.size());
    return Position{name_, line0 + 1, count_chars(l.substr(0, byte_col0)) + 1};
}

std::uint32_t SourceFile::line_index(std::size_t offset) const {
    auto it = std::upper_bound(starts_.begin(), starts_.end(), static_cast<std::uint32_t>(std::min<std::size_t>(offset, UINT32_MAX)));
    return static_cast<std::uint32_t>(it - starts_.begin() - 1);
}

Position SourceFile::position_at(std::size_t offset) const {
    std::uint32_t l = line_index(offset);
    return position(l, static_cast<std::uint32_t>(offset - starts_[l]));
}

std::uint32_t SourceSet::add(std::string name, std::string text, std::string raw_sha256) {
    files_.emplace_back(std::move(name), std::move(text), std::move(raw_sha256));
    return static_cast<std::uint32_t>(files_.size() - 1);
}

std::uint32_t SourceSet::add(std::string name, FileBytes bytes, std::size_t skip, std::string raw_sha256) {
    files_.emplace_back(std::move(name), std::move(bytes), skip, std::move(raw_sha256));
    return static_cast<std::uint32_t>(files_.size() - 1);
}

const SourceFile* SourceSet::find(const std::string& name) const {
    for (const auto& f : files_)
        if (f.name() == name) return &f;
    return nullptr;
}

std::string SourceSet::render(const Diagnostic& d) const {
    const SourceFile* f = find(d.pos.file);
    std::string line;
    if (f && d.pos.line > 0) line = std::string(f->line(d.pos.line - 1));
    return format_diagnostic(d, line);
}

}  // namespace malkoll
