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
        if (a.pos.sheet != b.pos.sheet) return a.pos.sheet < b.pos.sheet;
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

namespace {

constexpr std::size_t kLongToken = 120;      // characters; shorter words are shown whole
constexpr std::size_t kLongLine = 240;       // a longer source line is shown around the caret
constexpr std::size_t kLineWindow = 160;

// The message as a terminal may show it: controls replaced (display_line),
// every word longer than kLongToken shortened around a "…".
std::string displayed_message(std::string_view m) {
    std::string shown = display_line(m);
    if (shown.size() <= kLongToken) return shown;
    std::string out;
    std::size_t i = 0;
    while (i < shown.size()) {
        std::size_t end = shown.find(' ', i);
        if (end == std::string::npos) end = shown.size();
        std::string_view word(shown.data() + i, end - i);
        out += word.size() > kLongToken ? shortened(word, kLongToken / 2) : std::string(word);
        if (end < shown.size()) out += ' ';
        i = end + 1;
    }
    return out;
}

}  // namespace

std::string cell_reference(std::uint32_t row, std::uint32_t col) {
    std::string letters;
    for (; col > 0; col = (col - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (col - 1) % 26));
    return letters + std::to_string(row);
}

std::string location_text(const Position& p) {
    std::string out = p.file;
    if (!p.sheet.empty()) {
        // As Excel writes a reference to another sheet: quoted unless the name is one word.
        const bool plain = std::all_of(p.sheet.begin(), p.sheet.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
        }) && !(p.sheet[0] >= '0' && p.sheet[0] <= '9');
        std::string name = p.sheet;
        if (!plain) {
            for (std::size_t q = name.find('\''); q != std::string::npos; q = name.find('\'', q + 2)) name.insert(q, 1, '\'');
            name = "'" + name + "'";
        }
        out += ':' + name;
        if (p.line > 0) out += '!' + cell_reference(p.line, p.col);
        return out;
    }
    if (p.line > 0) {
        out += ':' + std::to_string(p.line);
        if (p.col > 0) out += ':' + std::to_string(p.col);
    }
    return out;
}

// Location prefix: "FILE:LINE:COL", "FILE:LINE" when col is 0, "FILE" when
// line is 0, "FILE:BLAD!C7" for a sheet's cell, nothing when there is no file.
std::string format_diagnostic(const Diagnostic& d, const std::string& source_line, bool with_caret) {
    std::string out;
    if (!d.pos.file.empty()) out += display_line(location_text(d.pos)) + ": ";
    out += severity_word(d.severity);
    out += ": ";
    out += displayed_message(d.message);

    std::string_view raw = source_line;
    while (!raw.empty() && (raw.back() == '\n' || raw.back() == '\r')) raw.remove_suffix(1);
    if (raw.empty()) return out;
    std::string shown = display_line(raw);
    std::uint32_t caret = d.pos.col;
    // A long line (a CSV header of 10 000 columns, a minified value) is shown
    // as the part around the caret, so each message stays a few lines.
    if (const std::size_t n = utf8_length(shown); n > kLongLine) {
        const std::size_t at = caret > 0 ? std::min<std::size_t>(caret - 1, n) : 0;
        const std::size_t from = at > kLineWindow / 2 ? at - kLineWindow / 2 : 0;
        const std::size_t to = std::min(n, from + kLineWindow);
        std::size_t b = 0, e = 0;
        for (std::size_t k = 0; k < to; ++k) {
            if (k == from) b = e;
            e = utf8_next(shown, e);
        }
        std::string window = (from > 0 ? "…" : "") + shown.substr(b, e - b) + (to < n ? "…" : "");
        if (caret > 0) caret = static_cast<std::uint32_t>(at - from + 1 + (from > 0 ? 1 : 0));
        shown = std::move(window);
    }
    std::string_view src = shown;
    out += '\n';
    out += src;
    if (caret == 0 || !with_caret) return out;
    // Caret under column col: one space per character before it, tabs kept so
    // the caret lines up however wide the terminal shows a tab.
    out += '\n';
    std::uint32_t col = 1;
    for (std::size_t i = 0; i < src.size() && col < caret; ++col) {
        out += src[i] == '\t' ? '\t' : ' ';
        i = utf8_next(src, i);
    }
    for (; col < caret; ++col) out += ' ';
    out += '^';
    return out;
}

}  // namespace malkoll
