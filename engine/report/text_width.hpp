// How wide a text is estimated to be in the Word report, so its tables get
// columns in which no word has to be broken (docs/word.md, Tabellerna). The
// widths are tables in the program (tools/font-widths.py), not the fonts of
// the machine: the same report gives the same document everywhere.
#pragma once
#include <string_view>

namespace malkoll {

// Arial and fonts with its widths (Helvetica, Liberation Sans, Arimo); any
// other font is estimated as the widest of common fonts (DejaVu Sans and
// Serif, Liberation Serif), which is what LibreOffice draws in place of one
// that is missing.
enum class FontClass { Arial, Wide };

FontClass font_class(std::string_view family);

// The width of `text` (UTF-8) in twentieths of a point at `half_points`
// (Word's w:sz), rounded up. A character not in the tables counts as 1 em.
long text_width_twips(std::string_view text, FontClass font, bool bold, int half_points);

}  // namespace malkoll
