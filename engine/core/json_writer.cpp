#include "engine/core/json_writer.hpp"

#include "engine/core/format.hpp"

namespace malkoll {

JsonWriter::JsonWriter(std::ostream& out, bool pretty) : out_(out), pretty_(pretty) {}

void JsonWriter::newline_indent() {
    if (!pretty_) return;
    out_ << '\n';
    for (std::size_t i = 0; i < stack_.size(); ++i) out_ << "  ";
}

// Separator and indentation before a value or a key; a value right after its
// key needs none.
void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (stack_.empty()) return;
    if (stack_.back().count++ > 0) out_ << ',';
    newline_indent();
}

void JsonWriter::begin_object() {
    before_value();
    out_ << '{';
    stack_.push_back({true, 0});
}

void JsonWriter::begin_array() {
    before_value();
    out_ << '[';
    stack_.push_back({false, 0});
}

void JsonWriter::close(char c) {
    const bool empty = stack_.back().count == 0;
    stack_.pop_back();
    if (!empty) newline_indent();
    out_ << c;
}

void JsonWriter::end_object() { close('}'); }
void JsonWriter::end_array() { close(']'); }

void JsonWriter::key(std::string_view k) {
    before_value();
    out_ << quote(k) << (pretty_ ? ": " : ":");
    after_key_ = true;
}

void JsonWriter::string(std::string_view s) {
    before_value();
    out_ << quote(s);
}

void JsonWriter::number(double v) {
    before_value();
    out_ << format_json_number(v);
}

void JsonWriter::integer(long long v) {
    before_value();
    out_ << std::to_string(v);
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
