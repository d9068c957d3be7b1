// The Word report's styles (docs/word.md, Egen mall): ours, or a
// municipality's own template (--mall) whose styles part is taken whole, with
// its theme, numbering and font table, and to which we add our definitions
// only for the styles it lacks. Styles are found by their name ("heading 1"),
// never their id: a Swedish Word names that style's id "Rubrik1".
#pragma once
#include <array>
#include <optional>
#include <string>

#include "engine/report/text_width.hpp"

namespace malkoll {

// The parts taken from a template, as read; each is well-formed XML of its kind.
struct DocxTemplate {
    std::string styles;
    std::string theme;       // "" none
    std::string numbering;   // "" none
    std::string font_table;  // "" none
};

// A .docx or .dotx; nullopt with the reason in Swedish in `error` when the
// file cannot be read or is no Word document.
std::optional<DocxTemplate> read_docx_template(const std::string& path, std::string& error);

// The styles the report uses, by what they are for.
enum class StyleRole {
    Normal, Heading1, Heading2, Heading3, Heading4, Heading5, Heading6, Caption, FootnoteText, FootnoteReference,
    ListBullet, ListBullet2, TableGrid, TableText, Footer, ResultMet, ResultPartly, ResultNotMet, ResultNotJudged,
    Count
};

struct DocxStyles {
    std::string styles_xml, numbering_xml, theme_xml, font_table_xml;  // the parts written ("" none)
    std::array<std::string, static_cast<std::size_t>(StyleRole::Count)> ids;
    // Whether a list style brings its own bullets (else a paragraph names ours).
    bool list_numbered[2] = {false, false};
    int bullet_num = 0;  // our bullet list's w:numId: level 0 "•", level 1 "–"
    // The table text's font and size (w:sz), for the tables' column widths.
    FontClass table_font = FontClass::Wide;
    int table_half_points = 18;

    const std::string& id(StyleRole r) const { return ids[static_cast<std::size_t>(r)]; }
};

// The styles, numbering and theme parts: ours, or the template's with what it lacks.
DocxStyles docx_styles(const DocxTemplate* mall);

}  // namespace malkoll
