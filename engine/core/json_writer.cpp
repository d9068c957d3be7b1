#include "engine/core/json_writer.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "engine/core/format.hpp"

namespace malkoll {

JsonWriter::JsonWriter(std::ostream& out, bool pretty) : out_(out), pretty_(pretty) {}

namespace {

// Indentation written in pieces of up to 64 levels.
constexpr std::string_view kSpaces =
    "                                                                                                                                ";

// Writes s as a JSON string: runs that need no escape are written whole.
void write_quoted(std::ostream& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out.put('"');
    std::size_t start = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;  // UTF-8 passes through unchanged
        out.write(s.data() + start, static_cast<std::streamsize>(i - start));
        start = i + 1;
        switch (c) {
            case '"': out.write("\\\"", 2); break;
            case '\\': out.write("\\\\", 2); break;
            case '\n': out.write("\\n", 2); break;
            case '\t': out.write("\\t", 2); break;
            case '\r': out.write("\\r", 2); break;
            default: {
                const char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
                out.write(u, 6);
            }
        }
    }
    out.write(s.data() + start, static_cast<std::streamsize>(s.size() - start));
    out.put('"');
}

}  // namespace

void JsonWriter::newline_indent() {
    if (!pretty_) return;
    out_.put('\n');
    for (std::size_t spaces = 2 * stack_.size(); spaces > 0;) {
        const std::size_t n = std::min(spaces, kSpaces.size());
        out_.write(kSpaces.data(), static_cast<std::streamsize>(n));
        spaces -= n;
    }
}
// Separator and indentation before a value or a key; a value right after its
// key needs none.
void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (stack_.empty()) return;
    if (stack_.back().count++ > 0) out_.put(',');
    newline_indent();
}

void JsonWriter::begin_object() {
    before_value();
    out_.put('{');
    stack_.push_back({true, 0});
}

void JsonWriter::begin_array() {
    before_value();
    out_.put('[');
    stack_.push_back({false, 0});
}

void JsonWriter::close(char c) {
    const bool empty = stack_.back().count == 0;
    stack_.pop_back();
    if (!empty) newline_indent();
    out_.put(c);
}

void JsonWriter::end_object() { close('}'); }
void JsonWriter::end_array() { close(']'); }

void JsonWriter::key(std::string_view k) {
    before_value();
    write_quoted(out_, k);
    out_.write(": ", pretty_ ? 2 : 1);
    after_key_ = true;
}

void JsonWriter::string(std::string_view s) {
    before_value();
    write_quoted(out_, s);
}

void JsonWriter::number(double v) {
    before_value();
    if (!std::isfinite(v)) {
        out_.write("null", 4);
        return;
    }
    char buf[64];
    const auto r = v == 0 ? std::to_chars(buf, buf + sizeof buf, 0) : std::to_chars(buf, buf + sizeof buf, v);
    out_.write(buf, r.ptr - buf);
}

void JsonWriter::integer(long long v) {
    before_value();
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out_.write(buf, r.ptr - buf);
}

void JsonWriter::boolean(bool b) {
    before_value();
    out_ << (b ? "true" : "false");
}

void JsonWriter::null() {
    before_value();
    out_ << "null";
}

std::string JsonWriter::quote(std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(s.size() + 2);
    out += '"';
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            default:
                if (c < 0x20) {
                    out += "\\u00";
                    out += hex[c >> 4];
                    out += hex[c & 0xF];
                } else {
                    out += ch;  // UTF-8 passes through unchanged
                }
        }
    }
    out += '"';
    return out;
}

}  // namespace malkoll
