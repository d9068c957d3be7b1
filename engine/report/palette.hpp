// Every colour the reports use, in one place: the HTML report's style sheet
// and the charts take them from here (and the Word and Excel writers will).
// Contrast against white is noted for each text colour (WCAG 2.1 AA: text
// >= 4.5:1, graphics >= 3:1).
#pragma once
#include "grammar/ast.hpp"

namespace malkoll {

// A result's colours and symbol: `text` for text and markers on white,
// `tint` a badge's background; each `text` >= 4.5:1 on white and on its tint.
// The symbol is shown beside the label, so colour is never alone.
struct ResultColour {
    const char* text;
    const char* tint;
    const char* symbol;
    const char* css;   // the class suffix: r-uppfyllt, utfall-uppfyllt
};

inline ResultColour result_colour(Outcome o) {
    switch (o) {
        case Outcome::Uppfyllt: return {"#17663a", "#e3f2e8", "✓", "uppfyllt"};        // 7.0:1 on white, 6.1:1 on tint
        case Outcome::Delvis: return {"#8a4600", "#fdf0dc", "◐", "delvis"};            // 7.1:1, 6.3:1
        case Outcome::EjUppfyllt: return {"#b0241b", "#fbe5e3", "✗", "ej-uppfyllt"};   // 6.7:1, 5.6:1
        case Outcome::EjBedomd: break;
    }
    return {"#4d5358", "#eceef0", "?", "ej-bedomd"};                                   // 7.8:1, 6.7:1
}

namespace colour {
inline constexpr const char* kAccent = "#1f4e79";   // headings' rule, links, the charts' series: 8.7:1
inline constexpr const char* kText = "#1a1a1a";     // body text: 17:1
inline constexpr const char* kInk = "#333333";      // chart labels: 12.6:1
inline constexpr const char* kGrid = "#767676";     // the charts' axis, a missing value's label: 4.5:1
inline constexpr const char* kNote = "#555555";     // notes beside values: 7.5:1
inline constexpr const char* kBorder = "#c8ccd0";   // table and box borders
inline constexpr const char* kRule = "#dde1e4";     // separators between indicators
inline constexpr const char* kHead = "#eef1f4";     // table headings' background
inline constexpr const char* kPanel = "#f5f6f7";    // the derivations' background
inline constexpr const char* kPaper = "#ffffff";
}  // namespace colour

}  // namespace malkoll
