#include "engine/core/source.hpp"

#include <algorithm>

#include "engine/core/sha256.hpp"
#include "engine/core/text.hpp"

namespace malkoll {

namespace {
// Characters as the caret line counts them (an invalid byte is one).
std::uint32_t count_chars(std::string_view s) { return static_cast<std::uint32_t>(utf8_length(s)); }
}  // namespace

SourceFile::SourceFile(std::string name, std::string text, std::string raw_sha256)
    : name_(std::move(name)), text_(std::move(text)), sha256_(std::move(raw_sha256)) {
    if (sha256_.empty()) sha256_ = sha256_hex(text_);
    starts_.reserve(static_cast<std::size_t>(std::count(text_.begin(), text_.end(), '\n')) + 1);
    starts_.push_back(0);
    for (std::size_t i = text_.find('\n'); i != std::string::npos; i = text_.find('\n', i + 1))
        starts_.push_back(static_cast<std::uint32_t>(i + 1));
}

std::string_view SourceFile::line(std::uint32_t line0) const {
    if (line0 >= starts_.size()) return {};
    std::size_t b = starts_[line0];
    std::size_t e = line0 + 1 < starts_.size() ? starts_[line0 + 1] - 1 : text_.size();
    if (e > b && text_[e - 1] == '\r') --e;
    return std::string_view(text_).substr(b, e - b);
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
