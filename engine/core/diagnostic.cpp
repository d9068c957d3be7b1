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

// Location prefix: "FILE:LINE:COL", "FILE:LINE" when col is 0, "FILE" when
// line is 0, nothing when there is no file.
std::string format_diagnostic(const Diagnostic& d, const std::string& source_line) {
    std::string out;
    if (!d.pos.file.empty()) {
        out += display_line(d.pos.file);
        if (d.pos.line > 0) {
            out += ':' + std::to_string(d.pos.line);
            if (d.pos.col > 0) out += ':' + std::to_string(d.pos.col);
        }
        out += ": ";
    }
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
    if (caret == 0) return out;
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
