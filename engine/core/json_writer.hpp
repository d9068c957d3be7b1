// A streaming JSON writer with deterministic output (docs/revisorsguide.md: key order as
// written, shortest numbers, UTF-8 text not \u-escaped).
#pragma once
#include <concepts>
#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace malkoll {

// Pretty mode: two-space indentation, one member or element per line, empty
// containers as {} and []. Compact mode: no whitespace at all. No trailing
// newline is written; the caller adds one if wanted. Misuse (a value without a
// key inside an object, unbalanced end_*) is a programming error, not checked.
class JsonWriter {
public:
    explicit JsonWriter(std::ostream& out, bool pretty = true);

    void begin_object();
    void end_object();
    void begin_array();
    void end_array();
    void key(std::string_view k);

    void string(std::string_view s);
    void number(double v);  // format_json_number; NaN/inf become null
    void integer(long long v);
    void boolean(bool b);
    void null();

    // key + value in one call.
    void field(std::string_view k, std::string_view v) { key(k); string(v); }
    void field(std::string_view k, const std::string& v) { key(k); string(v); }
    void field(std::string_view k, const char* v) { key(k); string(v); }
    void field(std::string_view k, double v) { key(k); number(v); }
    void field(std::string_view k, bool v) { key(k); boolean(v); }
    void field(std::string_view k, std::nullptr_t) { key(k); null(); }
    template <std::integral T>
        requires(!std::same_as<T, bool>)
    void field(std::string_view k, T v) {
        key(k);
        integer(static_cast<long long>(v));
    }
    // An empty optional is written as null.
    template <typename T>
    void field(std::string_view k, const std::optional<T>& v) {
        if (v) {
            field(k, *v);
        } else {
            key(k);
            null();
        }
    }

    // The escaped, quoted form of s, as string() writes it.
    static std::string quote(std::string_view s);

private:
    struct Level {
        bool object = false;
        std::size_t count = 0;
    };
    void before_value();
    void close(char c);
    void newline_indent();

    std::ostream& out_;
    bool pretty_;
    bool after_key_ = false;
    std::vector<Level> stack_;
};

}  // namespace malkoll
