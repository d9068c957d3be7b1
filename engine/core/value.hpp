// Numbers, units and values as the engine sees them.
#pragma once
#include <cstdint>
#include <string>

namespace malkoll {

// A number that behaves as the decimal it was written as (docs/regelspråk.md).
// `v` is the double nearest to the decimal. `decimals` >= 0 says the number is
// exactly a decimal with that many digits after the comma (as written in the
// data, or the result of + and - on such numbers, which are rounded back to
// the larger count, so 5,3 - 5,1 == 0,2 exactly). decimals == -1: computed
// (*, /, functions); such numbers compare with a relative tolerance of 1e-9.
struct Decimal {
    double v = 0;
    std::int8_t decimals = -1;
};

Decimal dec_add(Decimal a, Decimal b);
Decimal dec_sub(Decimal a, Decimal b);
Decimal dec_mul(Decimal a, Decimal b);
Decimal dec_div(Decimal a, Decimal b);  // caller checks b != 0
// Rounds half away from zero to n decimals (0 <= n <= 15) on the decimal as
// written (its shortest decimal form), never on the binary double: 1,005 → 1,01.
Decimal dec_round(Decimal a, int n);
// -1, 0, 1. Exact when both are exact decimals, else relative tolerance 1e-9.
// Inline: it is on the evaluator's hot path.
inline int dec_compare(Decimal a, Decimal b) {
    if (a.v == b.v) return 0;
    if (!(a.decimals >= 0 && b.decimals >= 0)) {
        const double fa = a.v < 0 ? -a.v : a.v, fb = b.v < 0 ? -b.v : b.v;
        if ((a.v > b.v ? a.v - b.v : b.v - a.v) <= 1e-9 * (fa > fb ? fa : fb)) return 0;
    }
    return a.v < b.v ? -1 : 1;
}

enum class ValueKind : std::uint8_t { Missing, Number, Interval };

// A value literal as read from a data cell or inline YAML (docs/regelfil.md).
struct ValueLiteral {
    ValueKind kind = ValueKind::Missing;
    Decimal lo;           // the number, or the interval's low end
    Decimal hi;           // the interval's high end (== lo for a number)
    std::string unit;     // "" (none), "%", or a unit word as written, e.g. "kr/inv"
    std::string note;     // text inside the trailing parentheses, "" if none
    std::string text;     // the value as written, without the note, trimmed ("i.u.", "17 %")
};

}  // namespace malkoll
