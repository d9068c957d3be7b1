#include "engine/core/diagnostic.hpp"

#include <algorithm>

#include "engine/core/text.hpp"

namespace malkoll {

void Diagnostics::add(Severity s, std::string code, Position pos, std::string message) {
    if (s == Severity::Error) ++errors_;
    items_.push_back(Diagnostic{s, std::move(code), std::move(pos), std::move(message)});
}

std::size_t Diagnostics::warning_count() const {
    return static_cast<std::size_t>(std::count_if(
        items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::Warning; }));
}

void Diagnostics::sort() {
    std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
        if (a.pos.file != b.pos.file) return a.pos.file < b.pos.file;
        if (a.pos.line != b.pos.line) return a.pos.line < b.pos.line;
        return a.pos.col < b.pos.col;
    });
}

void Diagnostics::append(const Diagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
    errors_ += other.errors_;
}

const char* severity_word(Severity s) {
    switch (s) {
        case Severity::Error: return "fel";
        case Severity::Warning: return "varning";
        case Severity::Notice: return "obs";
    }
    return "fel";
}

// Location prefix: "FILE:LINE:COL", "FILE:LINE" when col is 0, "FILE" when
// line is 0, nothing when there is no file.
std::string format_diagnostic(const Diagnostic& d, const std::string& source_line) {
    std::string out;
    if (!d.pos.file.empty()) {
        out += d.pos.file;
        if (d.pos.line > 0) {
            out += ':' + std::to_string(d.pos.line);
            if (d.pos.col > 0) out += ':' + std::to_string(d.pos.col);
        }
        out += ": ";
    }
    out += severity_word(d.severity);
    out += ": ";
    out += d.message;

    std::string_view raw = source_line;
    while (!raw.empty() && (raw.back() == '\n' || raw.back() == '\r')) raw.remove_suffix(1);
    if (raw.empty()) return out;
    const std::string shown = display_line(raw);
    std::string_view src = shown;
    out += '\n';
    out += src;
    if (d.pos.col == 0) return out;
    // Caret under column col: one space per character before it, tabs kept so
    // the caret lines up however wide the terminal shows a tab.
    out += '\n';
    std::uint32_t col = 1;
    for (std::size_t i = 0; i < src.size() && col < d.pos.col; ++col) {
        out += src[i] == '\t' ? '\t' : ' ';
        i = utf8_next(src, i);
    }
    for (; col < d.pos.col; ++col) out += ' ';
    out += '^';
    return out;
}

}  // namespace malkoll
