// Value literals (docs/regelfil.md, Värden): parse_value_literal on one cell,
// and the fast path for plain numbers against the grammar alone.
// Input: the cell's text, optionally followed by a NUL byte and the
// indicator's own `enhet`.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/common.hpp"
#include "grammar/value_literal.hpp"

using namespace malkoll;

namespace {

bool same_number(double a, double b) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
    return a == b && std::signbit(a) == std::signbit(b);
}

void run(std::string_view text, std::string_view unit) {
    const ValueParse fast = parse_value_literal(text, unit);
    const ValueParse slow = detail::parse_value_literal_with_grammar(text, unit);
    // Exactly one of value and error (value_literal.hpp), the error inside the text.
    fuzz::check(fast.value.has_value() != fast.error.has_value());
    fuzz::check(slow.value.has_value() != slow.error.has_value());
    fuzz::check(fast.value.has_value() == slow.value.has_value());
    if (fast.error) {
        fuzz::check(fast.error->offset <= text.size());
        fuzz::check(!fast.error->message.empty());
        fuzz::check(fast.error->offset == slow.error->offset);
        fuzz::check(fast.error->message == slow.error->message);
        return;
    }
    const ValueLiteral &a = *fast.value, &b = *slow.value;
    fuzz::check(a.kind == b.kind);
    fuzz::check(a.unit == b.unit);
    fuzz::check(a.note == b.note);
    fuzz::check(a.text == b.text);
    if (a.kind != ValueKind::Missing) {
        fuzz::check(same_number(a.lo.v, b.lo.v) && a.lo.decimals == b.lo.decimals);
        fuzz::check(same_number(a.hi.v, b.hi.v) && a.hi.decimals == b.hi.decimals);
    }
    // A unit read is one the reader accepts.
    if (!a.unit.empty()) fuzz::check(is_unit_word(a.unit, unit));
    (void)canonical_unit(a.unit);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // A cell longer than this is no value a data file has; the grammar is linear.
    if (size > 4096) return -1;
    const std::string_view in = fuzz::as_text(data, size);
    const std::size_t nul = in.find('\0');
    const std::string_view text = in.substr(0, nul);
    const std::string_view unit = nul == std::string_view::npos ? std::string_view() : in.substr(nul + 1);
    run(text, {});
    run(text, "%");
    if (!unit.empty()) {
        run(text, unit);
        (void)is_unit_word(unit, unit);
        (void)canonical_unit(unit);
    }
    return 0;
}
