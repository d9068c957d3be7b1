// Swedish number formatting for texts and reports (decimal comma, groups of
// three) and the JSON number form (docs/revisorsguide.md). Never depends on the machine's locale.
#pragma once
#include <string>
#include <string_view>

#include "engine/core/value.hpp"

namespace malkoll {

// Normal: U+0020; NoBreak: U+00A0 (HTML). Used for digit grouping and before a unit.
enum class Space { Normal, NoBreak };

// as_written && n.decimals >= 0: exactly n.decimals digits after the comma
// ("5,0", "17"). Otherwise rounded half away from zero to one decimal with a
// trailing ",0" dropped ("66,7", "75"). Rounding works on the shortest decimal
// string of the double, so 0.15 gives "0,2". Integer parts of four or more
// digits are grouped in threes ("1 000"); minus is "-"; never "-0".
std::string format_number(Decimal n, bool as_written, Space sp = Space::Normal);
// The same appended to `out`, for a writer that builds a line or a cell in a
// reused buffer (no string per number).
void append_number(std::string& out, Decimal n, bool as_written, Space sp = Space::Normal);
// The same without digit grouping ("25863", "-2,5"): the CSV report's
// numbers, which Excel reads as numbers.
void append_ungrouped_number(std::string& out, Decimal n, bool as_written);

// "17 %", "787 kr/inv"; an empty unit gives just the number.
std::string format_with_unit(Decimal n, std::string_view unit, bool as_written,
                             Space sp = Space::Normal);
void append_with_unit(std::string& out, Decimal n, std::string_view unit, bool as_written, Space sp = Space::Normal);

// "26–34 %" (EN DASH, no spaces around it).
std::string format_interval(Decimal lo, Decimal hi, std::string_view unit, bool as_written,
                            Space sp = Space::Normal);

// Shortest form that reads back exactly ("10", "0.1", "1e+21"); never "-0".
// NaN and infinities, which JSON cannot hold, give "null".
std::string format_json_number(double v);

}  // namespace malkoll
