// Source files kept in memory so every stage can point into them.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/diagnostic.hpp"

namespace malkoll {

// One input file's bytes and line starts. Positions handed around as
// (0-based line, 0-based byte column) are converted here to 1-based
// character columns for people.
class SourceFile {
public:
    SourceFile(std::string name, std::string text, std::string raw_sha256);
    const std::string& name() const { return name_; }
    // SHA-256 of the file's bytes as read (before any decoding), for reports.
    const std::string& sha256() const { return sha256_; }
    const std::string& text() const { return text_; }
    std::size_t line_count() const { return starts_.size(); }
    // 0-based line, without its line break ("" past the end).
    std::string_view line(std::uint32_t line0) const;
    // 1-based position from a 0-based line and byte column.
    Position position(std::uint32_t line0, std::uint32_t byte_col0) const;
    // 1-based position of a byte offset in the file.
    Position position_at(std::size_t offset) const;
    // 0-based line of a byte offset, and that line's first byte.
    std::uint32_t line_index(std::size_t offset) const;
    std::size_t line_start(std::uint32_t line0) const { return line0 < starts_.size() ? starts_[line0] : text_.size(); }

private:
    std::string name_;
    std::string text_;
    std::string sha256_;
    std::vector<std::uint32_t> starts_;  // offsets are 32-bit: a value refers to its file by one (value_store.hpp)
};

// All files read in one run; Diagnostic.file names them.
class SourceSet {
public:
    // `raw_sha256`: the hash of the bytes read, when `text` was decoded from
    // them; empty means `text` is the bytes.
    std::uint32_t add(std::string name, std::string text, std::string raw_sha256 = {});
    const SourceFile& file(std::uint32_t i) const { return files_[i]; }
    const SourceFile* find(const std::string& name) const;
    std::size_t size() const { return files_.size(); }
    // The diagnostic with its source line and caret, when the file is known.
    std::string render(const Diagnostic& d) const;

private:
    std::vector<SourceFile> files_;
};

}  // namespace malkoll
