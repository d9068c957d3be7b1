#include "engine/core/format.hpp"

#include <charconv>
#include <cstdint>
#include <cmath>
#include <cstring>
#include <system_error>

namespace malkoll {

namespace {

std::string_view space_text(Space sp) { return sp == Space::NoBreak ? "\u00A0" : " "; }

// Minus, the integer digits grouped by `gap`, then a comma and the fraction
// digits, composed on the stack and appended in one piece.
void append_digits(std::string& out, bool minus, const char* digits, std::size_t int_len, std::size_t frac_len, std::string_view gap) {
    // At most a sign, ~310 integer digits with a gap of 2 bytes per 3, a comma and 127 decimals.
    char text[1024];
    char* p = text;
    if (minus) *p++ = '-';
    if (int_len < 4 || gap.empty()) {
        std::memcpy(p, digits, int_len);
        p += int_len;
    } else {
        const std::size_t first = int_len % 3 == 0 ? 3 : int_len % 3;
        std::memcpy(p, digits, first);
        p += first;
        for (std::size_t i = first; i < int_len; i += 3) {
            std::memcpy(p, gap.data(), gap.size());
            p += gap.size();
            std::memcpy(p, digits + i, 3);
            p += 3;
        }
    }
    if (frac_len) {
        *p++ = ',';
        std::memcpy(p, digits + int_len, frac_len);
        p += frac_len;
    }
    out.append(text, static_cast<std::size_t>(p - text));
}

// Every number a report shows goes through here (millions in a large file),
// so the digits are made in a buffer on the stack, not in strings.
// `gap` goes between groups of three integer digits; "" groups none.
void append_formatted(std::string& out, Decimal n, bool as_written, std::string_view gap) {
    if (std::isnan(n.v)) {
        out += "NaN";
        return;
    }
    if (std::isinf(n.v)) {
        out += n.v < 0 ? "-∞" : "∞";
        return;
    }
    const bool written = as_written && n.decimals >= 0;
    const std::size_t decimals = written ? static_cast<std::size_t>(n.decimals) : 1;
    if (written && n.decimals <= 15) {
        // A number as written is the double nearest to m / 10^decimals. When
        // it is that for an m below 10^15, its shortest decimal string is m's
        // digits (two decimals of at most 15 significant digits never share a
        // double), so the digits are m's, without converting the double.
        static constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
        const double scale = kPow10[n.decimals];
        const double scaled = std::fabs(n.v) * scale;
        if (scaled < 1e15) {
            // Any m will do that passes the check below (a miss takes the long way).
            const auto m = static_cast<std::uint64_t>(scaled + 0.5);
            if (static_cast<double>(m) / scale == std::fabs(n.v)) {
                // Right to left: the decimals, the comma, the integer digits in
                // groups of three (at least one digit: 5 with 2 decimals is
                // "0,05"), the sign.
                char text[64];
                char* p = text + sizeof text;
                std::uint64_t rest = m;
                for (std::size_t k = 0; k < decimals; ++k, rest /= 10) *--p = static_cast<char>('0' + rest % 10);
                if (decimals) *--p = ',';
                int in_group = 0;
                do {
                    if (in_group == 3) {
                        for (auto g = gap.rbegin(); g != gap.rend(); ++g) *--p = *g;
                        in_group = 0;
                    }
                    *--p = static_cast<char>('0' + rest % 10);
                    rest /= 10;
                    ++in_group;
                } while (rest);
                if (std::signbit(n.v) && m != 0) *--p = '-';
                out.append(p, static_cast<std::size_t>(text + sizeof text - p));
                return;
            }
        }
    }
    // Shortest round-trip decimal string of |v| in fixed notation: at most
    // ~330 characters (subnormals), then up to 127 zeros of padding; one
    // byte in front for a carry out of the integer part.
    constexpr std::size_t kFixed = 512;
    char buf[1 + kFixed + 128];
    char* digits = buf + 1;
    const auto r = std::to_chars(digits, digits + kFixed, std::fabs(n.v), std::chars_format::fixed);
    std::size_t len = r.ec == std::errc{} ? static_cast<std::size_t>(r.ptr - digits) : 0;
    if (len == 0) digits[len++] = '0';
    // Integer digits, then the fraction's right after them (the point taken out).
    const char* dot = static_cast<const char*>(std::memchr(digits, '.', len));
    std::size_t int_len = dot ? static_cast<std::size_t>(dot - digits) : len;
    std::size_t frac_len = dot ? len - int_len - 1 : 0;
    if (dot) std::memmove(digits + int_len, digits + int_len + 1, frac_len);
    if (int_len == 0) {
        std::memmove(digits + 1, digits, frac_len);
        digits[0] = '0';
        int_len = 1;
    }

    // Round half away from zero to `decimals` fraction digits, on the decimal
    // string (padding with zeros when it has fewer).
    if (frac_len <= decimals) {
        std::memset(digits + int_len + frac_len, '0', decimals - frac_len);
    } else if (digits[int_len + decimals] >= '5') {
        // Carry through the fraction, then the integer part.
        std::size_t i = int_len + decimals;
        while (i > 0) {
            --i;
            if (digits[i] != '9') {
                ++digits[i];
                break;
            }
            digits[i] = '0';
            if (i == 0) {
                *--digits = '1';
                ++int_len;
            }
        }
    }
    frac_len = decimals;
    if (!written && digits[int_len] == '0') frac_len = 0;  // "75", not "75,0"

    bool zero = true;
    for (std::size_t i = 0; i < int_len + frac_len && zero; ++i) zero = digits[i] == '0';
    append_digits(out, std::signbit(n.v) && !zero, digits, int_len, frac_len, gap);
}

}  // namespace

std::string format_number(Decimal n, bool as_written, Space sp) {
    std::string out;
    append_formatted(out, n, as_written, space_text(sp));
    return out;
}

void append_number(std::string& out, Decimal n, bool as_written, Space sp) { append_formatted(out, n, as_written, space_text(sp)); }

void append_ungrouped_number(std::string& out, Decimal n, bool as_written) { append_formatted(out, n, as_written, {}); }

std::string format_with_unit(Decimal n, std::string_view unit, bool as_written, Space sp) {
    std::string out;
    append_with_unit(out, n, unit, as_written, sp);
    return out;
}

void append_with_unit(std::string& out, Decimal n, std::string_view unit, bool as_written, Space sp) {
    append_formatted(out, n, as_written, space_text(sp));
    if (!unit.empty()) {
        out += space_text(sp);
        out += unit;
    }
}

std::string format_interval(Decimal lo, Decimal hi, std::string_view unit, bool as_written,
                            Space sp) {
    std::string out;
    append_formatted(out, lo, as_written, space_text(sp));
    out += "\u2013";
    append_with_unit(out, hi, unit, as_written, sp);
    return out;
}

std::string format_json_number(double v) {
    if (!std::isfinite(v)) return "null";
    if (v == 0) return "0";
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

}  // namespace malkoll
