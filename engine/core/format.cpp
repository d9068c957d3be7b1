#include "engine/core/format.hpp"

#include <charconv>
#include <cmath>
#include <system_error>

namespace malkoll {

namespace {

std::string_view space_text(Space sp) { return sp == Space::NoBreak ? "\u00A0" : " "; }

// Shortest round-trip decimal string in fixed notation, without sign:
// integer digits and fraction digits.
struct Digits {
    bool negative = false;
    std::string int_part;
    std::string frac_part;
};

Digits shortest_digits(double v) {
    Digits d;
    d.negative = std::signbit(v);
    // Fixed notation of a double needs at most ~330 characters (subnormals).
    char buf[512];
    const auto r = std::to_chars(buf, buf + sizeof buf, std::fabs(v), std::chars_format::fixed);
    const std::string_view s(buf, r.ec == std::errc{} ? static_cast<std::size_t>(r.ptr - buf) : 0);
    const auto dot = s.find('.');
    d.int_part = std::string(s.substr(0, dot));
    if (dot != std::string_view::npos) d.frac_part = std::string(s.substr(dot + 1));
    if (d.int_part.empty()) d.int_part.assign(1, '0');
    return d;
}

// Round the decimal string half away from zero to `decimals` fraction digits
// (padding with zeros when it has fewer).
void round_digits(Digits& d, std::size_t decimals) {
    if (d.frac_part.size() <= decimals) {
        d.frac_part.append(decimals - d.frac_part.size(), '0');
        return;
    }
    const bool up = d.frac_part[decimals] >= '5';
    d.frac_part.resize(decimals);
    if (!up) return;
    // Carry through the fraction, then the integer part.
    std::string all = d.int_part + d.frac_part;
    std::size_t i = all.size();
    while (i > 0) {
        --i;
        if (all[i] == '9') {
            all[i] = '0';
        } else {
            ++all[i];
            break;
        }
        if (i == 0) all.insert(all.begin(), '1');
    }
    const std::size_t int_len = all.size() - decimals;
    d.int_part = all.substr(0, int_len);
    d.frac_part = all.substr(int_len);
}

std::string group_thousands(const std::string& digits, Space sp) {
    if (digits.size() < 4) return digits;
    std::string out;
    const auto gap = space_text(sp);
    const std::size_t first = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
    out.append(digits, 0, first);
    for (std::size_t i = first; i < digits.size(); i += 3) {
        out += gap;
        out.append(digits, i, 3);
    }
    return out;
}

bool all_zero(const std::string& s) { return s.find_first_not_of('0') == std::string::npos; }

}  // namespace

std::string format_number(Decimal n, bool as_written, Space sp) {
    if (std::isnan(n.v)) return "NaN";
    if (std::isinf(n.v)) return n.v < 0 ? "-∞" : "∞";
    const bool written = as_written && n.decimals >= 0;
    Digits d = shortest_digits(n.v);
    round_digits(d, written ? static_cast<std::size_t>(n.decimals) : 1);
    if (!written && d.frac_part == "0") d.frac_part.clear();

    std::string out;
    if (d.negative && !(all_zero(d.int_part) && all_zero(d.frac_part))) out += '-';
    out += group_thousands(d.int_part, sp);
    if (!d.frac_part.empty()) {
        out += ',';
        out += d.frac_part;
    }
    return out;
}

std::string format_with_unit(Decimal n, std::string_view unit, bool as_written, Space sp) {
    std::string out = format_number(n, as_written, sp);
    if (!unit.empty()) {
        out += space_text(sp);
        out += unit;
    }
    return out;
}

std::string format_interval(Decimal lo, Decimal hi, std::string_view unit, bool as_written,
                            Space sp) {
    std::string out = format_number(lo, as_written, sp);
    out += "\u2013";
    out += format_with_unit(hi, unit, as_written, sp);
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
