#include "engine/core/value.hpp"

#include <algorithm>
#include <cmath>

namespace malkoll {

namespace {

constexpr double kTwo53 = 9007199254740992.0;  // beyond this doubles are not all integers

// 10^d is exact as a double for d <= 22.
double pow10_exact(int d) {
    double p = 1;
    for (int i = 0; i < d; ++i) p *= 10;
    return p;
}

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

int dec_compare(Decimal a, Decimal b) {
    if (a.v == b.v) return 0;
    if (!(a.decimals >= 0 && b.decimals >= 0)) {
        const double scale = std::max(std::fabs(a.v), std::fabs(b.v));
        if (std::fabs(a.v - b.v) <= 1e-9 * scale) return 0;
    }
    return a.v < b.v ? -1 : 1;
}

}  // namespace malkoll
