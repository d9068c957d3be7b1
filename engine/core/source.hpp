// Source files kept in memory so every stage can point into them.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/diagnostic.hpp"

namespace malkoll {

// A file's bytes: held in a string, or — a large regular file — mapped
// read-only, so 120 MB of CSV are neither copied nor zeroed first (7 ms
// instead of 80–300 ms here). Small files are read: a file truncated by
// another program while mapped would stop the run with SIGBUS, and only
// generated files reach the size where mapping pays.
class FileBytes {
public:
    FileBytes() = default;
    explicit FileBytes(std::string bytes) : owned_(std::move(bytes)) {}
    FileBytes(FileBytes&& o) noexcept;
    FileBytes& operator=(FileBytes&& o) noexcept;
    FileBytes(const FileBytes&) = delete;
    FileBytes& operator=(const FileBytes&) = delete;
    ~FileBytes();
    std::string_view view() const { return map_ ? std::string_view(map_, map_size_) : std::string_view(owned_); }

private:
    friend std::optional<FileBytes> read_file(const std::string& path, std::string* why);
    void unmap();
    std::string owned_;
    const char* map_ = nullptr;
    std::size_t map_size_ = 0;
};

// The largest rule, data or report file read: far above any real one (a
// nämnd's files are kilobytes), below the 4 GiB that 32-bit offsets reach.
inline constexpr std::size_t kMaxInputBytes = std::size_t{1} << 30;
// Files from this size are mapped rather than read (see FileBytes).
inline constexpr std::size_t kMapFrom = std::size_t{16} << 20;

// The file's bytes, or nullopt when it cannot be read, with the reason in
// Swedish in `why`, to follow "filen kan inte läsas: " ("den finns inte",
// "det är en mapp, inte en fil" …).
// Only regular files (or links to them) are read: a FIFO or a device is
// refused without waiting for it, and a file above kMaxInputBytes.
std::optional<FileBytes> read_file(const std::string& path, std::string* why = nullptr);
// The same, copied into a string.
std::optional<std::string> read_file_bytes(const std::string& path, std::string* why = nullptr);

// One input file's bytes and line starts. Positions handed around as
// (0-based line, 0-based byte column) are converted here to 1-based
// character columns for people.
class SourceFile {
public:
    SourceFile(std::string name, std::string text, std::string raw_sha256);
    // The text is `bytes` after its first `skip` bytes (a byte-order mark).
    SourceFile(std::string name, FileBytes bytes, std::size_t skip, std::string raw_sha256);
    const std::string& name() const { return name_; }
    // SHA-256 of the file's bytes as read (before any decoding), for reports.
    const std::string& sha256() const { return sha256_; }
    std::string_view text() const { return bytes_.view().substr(skip_); }
    std::size_t line_count() const { return starts_.size(); }
    // 0-based line, without its line break ("" past the end).
    std::string_view line(std::uint32_t line0) const;
    // 1-based position from a 0-based line and byte column.
    Position position(std::uint32_t line0, std::uint32_t byte_col0) const;
    // 1-based position of a byte offset in the file.
    Position position_at(std::size_t offset) const;
    // 0-based line of a byte offset, and that line's first byte.
    std::uint32_t line_index(std::size_t offset) const;
    std::size_t line_start(std::uint32_t line0) const { return line0 < starts_.size() ? starts_[line0] : text().size(); }

    // A sheet of a workbook read as a data file (engine/load/xlsx.hpp): the
    // text is its cells' texts one after another, each cell a range of it, and
    // a position in it names the cell (Position::sheet, line the row, col the column).
    struct SheetCell {
        std::uint32_t offset = 0, size = 0;  // its text
        std::uint32_t row = 0, col = 0;
    };
    void set_sheet(std::string sheet, std::vector<SheetCell> cells);  // cells by offset
    const std::string& sheet() const { return sheet_; }
    // The text of the sheet's cell at a position ("" none).
    std::string_view cell_text(const Position& p) const;

private:
    std::string name_;
    FileBytes bytes_;
    std::size_t skip_ = 0;
    std::string sha256_;
    std::vector<std::uint32_t> starts_;  // offsets are 32-bit: a value refers to its file by one (value_store.hpp)
    std::string sheet_;
    std::vector<SheetCell> cells_;
};

// All files read in one run; Diagnostic.file names them.
class SourceSet {
public:
    // `raw_sha256`: the hash of the bytes read, when `text` was decoded from
    // them; empty means `text` is the bytes.
    std::uint32_t add(std::string name, std::string text, std::string raw_sha256 = {});
    std::uint32_t add(std::string name, FileBytes bytes, std::size_t skip, std::string raw_sha256);
    // A workbook's sheet: its text and where each cell is in it (SourceFile::set_sheet).
    std::uint32_t add_sheet(std::string name, std::string text, std::string raw_sha256, std::string sheet,
                            std::vector<SourceFile::SheetCell> cells);
    const SourceFile& file(std::uint32_t i) const { return files_[i]; }
    // The file of that name (and, for a workbook's, that sheet).
    const SourceFile* find(const std::string& name, const std::string& sheet = {}) const;
    std::size_t size() const { return files_.size(); }
    // The diagnostic with its source line and caret, when the file is known;
    // in a sheet, the cell's content.
    std::string render(const Diagnostic& d) const;

private:
    std::vector<SourceFile> files_;
};

}  // namespace malkoll
