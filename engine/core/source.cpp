#include "engine/core/source.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "engine/core/format.hpp"
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

namespace {

std::string read_errno_text(int e) {
    switch (e) {
        case ENOENT: return "den finns inte";
        case ENOTDIR: return "en del av sökvägen är inte en mapp";
        case EACCES:
        case EPERM: return "saknar behörighet att läsa den";
        case EISDIR: return "det är en mapp, inte en fil";
        case ENAMETOOLONG: return "namnet är för långt";
        case ELOOP: return "symboliska länkar i en ring";
        default: return system_error_text(e);
    }
}

std::string megabytes(std::size_t bytes) { return format_number(Decimal{static_cast<double>(bytes >> 20), 0}, true); }

// The rest of `fd` (a regular file of about `hint` bytes) into a string.
// The size is only a hint: a file that grows while read is read whole.
std::optional<std::string> read_rest(int fd, std::size_t hint, std::string& why) {
    std::string out(hint, '\0');
    std::size_t have = 0;
    char probe[1 << 12];  // when the string is full: is there more?
    for (;;) {
        const bool full = have == out.size();
        const ssize_t n = full ? ::read(fd, probe, sizeof probe) : ::read(fd, out.data() + have, out.size() - have);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            why = read_errno_text(errno);
            return std::nullopt;
        }
        if (n == 0) break;
        if (full) {
            if (out.size() >= kMaxInputBytes) {
                why = fmt::format("den är större än {} MB, mer än en regel- eller datafil får vara", megabytes(kMaxInputBytes));
                return std::nullopt;
            }
            out.resize(std::max<std::size_t>(out.size() * 2, 1 << 16));
            std::copy(probe, probe + n, out.data() + have);
        }
        have += static_cast<std::size_t>(n);
    }
    out.resize(have);
    return out;
}

}  // namespace

std::optional<FileBytes> read_file(const std::string& path, std::string* why_out) {
    std::string why;
    auto fail = [&](std::string w) -> std::optional<FileBytes> {
        if (why_out) *why_out = std::move(w);
        return std::nullopt;
    };
    // Non-blocking, so that a FIFO is refused below instead of waiting for a writer.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return fail(read_errno_text(errno));
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) return fail(read_errno_text(errno));
    if (S_ISDIR(st.st_mode)) return fail(read_errno_text(EISDIR));
    if (!S_ISREG(st.st_mode))
        return fail("det är ingen vanlig fil (en enhet, en FIFO eller liknande); spara innehållet i en fil och ange den");
    const auto size = static_cast<std::size_t>(st.st_size);
    if (size > kMaxInputBytes)
        return fail(fmt::format("den är {} MB; en regel- eller datafil får vara högst {} MB", megabytes(size), megabytes(kMaxInputBytes)));
    if (size >= kMapFrom) {
        void* m = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (m != MAP_FAILED) {
            ::madvise(m, size, MADV_SEQUENTIAL);
            FileBytes out;
            out.map_ = static_cast<const char*>(m);
            out.map_size_ = size;
            return out;
        }
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    auto bytes = read_rest(fd, size, why);
    if (!bytes) return fail(std::move(why));
    return FileBytes(std::move(*bytes));
}

std::optional<std::string> read_file_bytes(const std::string& path, std::string* why) {
    auto bytes = read_file(path, why);
    if (!bytes) return std::nullopt;
    return std::string(bytes->view());
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

void SourceFile::set_sheet(std::string sheet, std::vector<SheetCell> cells) {
    sheet_ = std::move(sheet);
    cells_ = std::move(cells);
}

std::string_view SourceFile::cell_text(const Position& p) const {
    // The cells are in the sheet's order, row by row.
    auto it = std::lower_bound(cells_.begin(), cells_.end(), p, [](const SheetCell& c, const Position& q) {
        return c.row != q.line ? c.row < q.line : c.col < q.col;
    });
    if (it == cells_.end() || it->row != p.line || it->col != p.col) return {};
    return text().substr(it->offset, it->size);
}

Position SourceFile::position_at(std::size_t offset) const {
    if (!sheet_.empty()) {
        // The cell whose text holds the offset (the last one starting at or before it).
        auto it = std::upper_bound(cells_.begin(), cells_.end(), offset, [](std::size_t o, const SheetCell& c) { return o < c.offset; });
        if (it == cells_.begin()) return Position{name_, 0, 0, sheet_};
        --it;
        return Position{name_, it->row, it->col, sheet_};
    }
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

std::uint32_t SourceSet::add_sheet(std::string name, std::string text, std::string raw_sha256, std::string sheet,
                                   std::vector<SourceFile::SheetCell> cells) {
    const std::uint32_t i = add(std::move(name), std::move(text), std::move(raw_sha256));
    files_[i].set_sheet(std::move(sheet), std::move(cells));
    return i;
}

const SourceFile* SourceSet::find(const std::string& name, const std::string& sheet) const {
    for (const auto& f : files_)
        if (f.name() == name && f.sheet() == sheet) return &f;
    return nullptr;
}

std::string SourceSet::render(const Diagnostic& d) const {
    if (!d.pos.sheet.empty()) {
        // A cell has no line to put a caret under: its content is shown.
        const SourceFile* f = find(d.pos.file, d.pos.sheet);
        std::string content = f && d.pos.line > 0 ? std::string(f->cell_text(d.pos)) : std::string();
        std::replace(content.begin(), content.end(), '\n', ' ');  // a cell's lines on one
        std::replace(content.begin(), content.end(), '\r', ' ');
        return format_diagnostic(d, content, false);
    }
    const SourceFile* f = find(d.pos.file);
    std::string line;
    if (f && d.pos.line > 0) line = std::string(f->line(d.pos.line - 1));
    return format_diagnostic(d, line);
}

}  // namespace malkoll
