#include "engine/core/value.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

namespace malkoll {

namespace {

constexpr double kTwo53 = 9007199254740992.0;  // beyond this doubles are not all integers

// 10^d is exact as a double for d <= 22.
constexpr double kPow10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                               1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
double pow10_exact(int d) { return kPow10[d]; }

// The double nearest to x rounded to d decimals: the integer x*10^d is exact
// and the division is correctly rounded, so 5,3-5,1 becomes the double of "0.2".
double round_to(double x, int d) {
    if (d < 0 || d > 22 || !std::isfinite(x)) return x;
    const double p = pow10_exact(d);
    const double scaled = x * p;
    if (std::fabs(scaled) > kTwo53) return x;
    return std::round(scaled) / p;
}

Decimal exact_or_computed(double v, Decimal a, Decimal b) {
    if (a.decimals >= 0 && b.decimals >= 0) {
        const auto d = std::max(a.decimals, b.decimals);
        return Decimal{round_to(v, d), d};
    }
    return Decimal{v, -1};
}

}  // namespace

Decimal dec_add(Decimal a, Decimal b) { return exact_or_computed(a.v + b.v, a, b); }
Decimal dec_sub(Decimal a, Decimal b) { return exact_or_computed(a.v - b.v, a, b); }

// Products and quotients are always "computed" (value.hpp): they are shown
// rounded to one decimal and compared with tolerance, even for exact inputs.
Decimal dec_mul(Decimal a, Decimal b) { return Decimal{a.v * b.v, -1}; }
Decimal dec_div(Decimal a, Decimal b) { return Decimal{a.v / b.v, -1}; }

Decimal dec_round(Decimal a, int n) {
    n = std::clamp(n, 0, 15);
    if (!std::isfinite(a.v)) return a;
    // The shortest decimal that reads back as a.v, in fixed notation.
    char buf[400];
    auto res = std::to_chars(buf, buf + sizeof buf, std::fabs(a.v), std::chars_format::fixed);
    std::string digits(buf, res.ptr);
    std::size_t dot = digits.find('.');
    std::string whole = dot == std::string::npos ? digits : digits.substr(0, dot);
    std::string frac = dot == std::string::npos ? "" : digits.substr(dot + 1);
    bool up = frac.size() > static_cast<std::size_t>(n) && frac[static_cast<std::size_t>(n)] >= '5';
    frac.resize(static_cast<std::size_t>(n), '0');
    std::string all = whole + frac;
    if (up) {
        int i = static_cast<int>(all.size()) - 1;
        while (i >= 0 && all[static_cast<std::size_t>(i)] == '9') all[static_cast<std::size_t>(i--)] = '0';
        if (i < 0) all.insert(all.begin(), '1');
        else ++all[static_cast<std::size_t>(i)];
    }
    std::string text = all.substr(0, all.size() - static_cast<std::size_t>(n)) + "." + all.substr(all.size() - static_cast<std::size_t>(n));
    double v = 0;
    std::from_chars(text.data(), text.data() + text.size(), v);
    return Decimal{a.v < 0 && v != 0 ? -v : v, static_cast<std::int8_t>(n)};
}

}  // namespace malkoll
