// HTML that cannot be written unescaped by mistake (the HTML report, its
// charts): everything written to an HtmlWriter is text and is escaped —
// strings, string views, C strings, numbers — unless it is marked as markup.
// Markup is a string literal with the suffix _html ("<p>"_html), checked at
// compile time, or markup composed elsewhere from escaped parts and named as
// such with Markup::composed (an SVG chart). Escaping: & < > " ' as entities,
// so text is safe in element content and in quoted attribute values.
#pragma once
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <type_traits>

namespace malkoll {

class Markup {
public:
    std::string_view text() const { return s_; }
    // Markup built from escaped parts by code that owns its escaping.
    static Markup composed(std::string_view s) { return Markup(s); }

private:
    explicit constexpr Markup(std::string_view s) : s_(s) {}
    friend consteval Markup operator""_html(const char* s, std::size_t n);
    std::string_view s_;
};

consteval Markup operator""_html(const char* s, std::size_t n) { return Markup(std::string_view(s, n)); }

// Appends `s` escaped (& < > " ' as entities), runs without a special
// character whole: the report's hottest text path.
void append_escaped(std::string& out, std::string_view s);
void write_escaped(std::ostream& out, std::string_view s);
// The same as a new string.
std::string html_escape(std::string_view s);

// A std::ostream whose text is written escaped into `target`, for text made
// by code that writes to a stream (explain's derivation): no copy of it is
// kept. Newlines at the very end are left out.
class EscapedText : public std::ostream {
public:
    explicit EscapedText(std::ostream& target) : std::ostream(&buf_), buf_(target) {}

private:
    class Buf : public std::streambuf {
    public:
        explicit Buf(std::ostream& target) : target_(target) {}

    protected:
        std::streamsize xsputn(const char* s, std::streamsize n) override;
        int_type overflow(int_type c) override;

    private:
        std::ostream& target_;
        std::size_t newlines_ = 0;  // held back until more text follows
    };
    Buf buf_;
};

class HtmlWriter {
public:
    explicit HtmlWriter(std::ostream& out) : out_(out) {}

    HtmlWriter& operator<<(Markup m) {
        out_ << m.text();
        return *this;
    }
    HtmlWriter& operator<<(std::string_view text) {
        write_escaped(out_, text);
        return *this;
    }
    HtmlWriter& operator<<(const std::string& text) { return *this << std::string_view(text); }
    HtmlWriter& operator<<(const char* text) { return *this << std::string_view(text); }
    template <class N>
        requires(std::is_integral_v<N> && !std::is_same_v<N, char> && !std::is_same_v<N, bool>)
    HtmlWriter& operator<<(N n) {
        out_ << n;  // digits and a sign: nothing to escape
        return *this;
    }

    std::ostream& stream() { return out_; }

private:
    std::ostream& out_;
};

}  // namespace malkoll
