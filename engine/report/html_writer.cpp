#include "engine/report/html_writer.hpp"

namespace malkoll {

namespace {

const char* entity(char c) {
    switch (c) {
        case '&': return "&amp;";
        case '<': return "&lt;";
        case '>': return "&gt;";
        case '"': return "&quot;";
        case '\'': return "&#39;";
        default: return nullptr;
    }
}

// Calls run(text) for each stretch without a special character and run(entity) for each one that has.
template <class Run>
void escape_runs(std::string_view s, Run&& run) {
    std::size_t start = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char* e = entity(s[i]);
        if (!e) continue;
        if (i > start) run(s.substr(start, i - start));
        run(std::string_view(e));
        start = i + 1;
    }
    if (start < s.size()) run(s.substr(start));
}

}  // namespace

void append_escaped(std::string& out, std::string_view s) {
    escape_runs(s, [&](std::string_view part) { out.append(part); });
}

void write_escaped(std::ostream& out, std::string_view s) {
    escape_runs(s, [&](std::string_view part) { out.write(part.data(), static_cast<std::streamsize>(part.size())); });
}

std::streamsize EscapedText::Buf::xsputn(const char* s, std::streamsize n) {
    const std::string_view text(s, static_cast<std::size_t>(n));
    const std::size_t last = text.find_last_not_of('\n');
    if (last == std::string_view::npos) {
        newlines_ += text.size();
        return n;
    }
    for (; newlines_ > 0; --newlines_) target_.put('\n');
    write_escaped(target_, text.substr(0, last + 1));
    newlines_ = text.size() - last - 1;
    return n;
}

EscapedText::Buf::int_type EscapedText::Buf::overflow(int_type c) {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    const char ch = traits_type::to_char_type(c);
    xsputn(&ch, 1);
    return c;
}

std::string html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 16);
    append_escaped(out, s);
    return out;
}

}  // namespace malkoll
