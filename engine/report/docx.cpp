// The Word report (`--format docx`, docs/word.md): the Markdown report's
// content in WordprocessingML — the same sections, tables, justifications,
// footnotes, nyckeltal tables, assignments and summary, taken from the report
// model — written by us and packed with libzip (zip_package.hpp).
//
// Word adds to the Markdown: headings in Word's heading styles, real tables
// with a repeated header row whose columns are as wide as their longest word
// needs (text_width.hpp), in landscape when the tables need it and split into
// parts when even that is too narrow; results as symbol and label in a
// character style per result (coloured, unless a template says otherwise);
// the charts as PNG pictures drawn from the HTML report's SVG (chart_png.hpp)
// with their text as alt text; definitions and sources as Word footnotes; page
// numbers in the footer. The derivations are left out (they are in `explain`
// and the HTML report). The styles are ours or a template's (docx_template.hpp).
// The output depends on nothing but the inputs: entries in a fixed order with
// a fixed time, no date unless SOURCE_DATE_EPOCH gives one.
#include <algorithm>
#include <cmath>
#include <ctime>
#include <unordered_map>

#include <fmt/format.h>

#include "engine/report/chart_png.hpp"
#include "engine/report/docx_template.hpp"
#include "engine/report/model.hpp"
#include "engine/report/ooxml.hpp"
#include "engine/report/palette.hpp"
#include "engine/report/render.hpp"
#include "engine/report/svg_chart.hpp"
#include "engine/report/text_width.hpp"
#include "engine/report/xml_tree.hpp"
#include "engine/report/zip_package.hpp"

namespace malkoll {

namespace {

// A4 with 2 cm margins, in twentieths of a point.
constexpr int kPageShort = 11906, kPageLong = 16838, kMargin = 1134;
constexpr long kPortraitWidth = kPageShort - 2 * kMargin;  // 170 mm
constexpr long kLandscapeWidth = kPageLong - 2 * kMargin;  // 257 mm
// A table cell's left and right margin; and what the width of a word is
// given on top of its estimate: with the estimate alone (factor 1, no slack)
// LibreOffice breaks bold headers and "kr/inv" even in Liberation Sans, whose
// widths the tables have exactly; 1,08 and 1,6 mm pass with room.
constexpr long kCellMargin = 57;
constexpr long kSlack = 90;
constexpr double kWidthFactor = 1.08;
// A column that wraps is given at least this much where its text is longer
// (so names are not one word a line), else the table goes landscape.
constexpr long kComfortable = 1700;
constexpr double kChartDpi = 300;
constexpr long kEmuPerTwip = 635, kEmuPerPixel = 9525;  // a pixel at 96 per inch

enum class Orientation { Portrait, Landscape };

// A piece of a paragraph: text in a style, or a reference to a footnote.
struct Run {
    std::string text;
    StyleRole style = StyleRole::Count;  // Count: none
    bool bold = false, italic = false;
    const std::string* footnote = nullptr;  // a reference to this footnote text (one of a model's footnotes)
};

Run text(std::string s) { return Run{std::move(s)}; }
Run bold(std::string s) {
    Run r{std::move(s)};
    r.bold = true;
    return r;
}
Run italic(std::string s) {
    Run r{std::move(s)};
    r.italic = true;
    return r;
}

StyleRole result_style(Outcome o) {
    switch (o) {
        case Outcome::Uppfyllt: return StyleRole::ResultMet;
        case Outcome::Delvis: return StyleRole::ResultPartly;
        case Outcome::EjUppfyllt: return StyleRole::ResultNotMet;
        case Outcome::EjBedomd: break;
    }
    return StyleRole::ResultNotJudged;
}

// A result as symbol and label (never colour alone), in its result's style:
// a level of `skala` with its own symbol and label, else the result's.
// `table`: the table's short form (Ja, Delvis, Nej; "–" without symbol).
Run result_run(const RuleFile& f, Outcome o, std::uint8_t level, bool table) {
    const ScaleLevel* l = f.scale_level(o, level);
    const std::string label = table ? (l ? l->table_label : std::string(table_label(o))) : result_label(f, o, level);
    Run r;
    r.style = result_style(o);
    if (table && !l && o == Outcome::EjBedomd) r.text = label;
    else r.text = (l && !l->symbol.empty() ? l->symbol : std::string(result_colour(o).symbol)) + " " + label;
    return r;
}

std::string count_text(std::uint32_t n) { return format_number(Decimal{static_cast<double>(n), 0}, true, Space::NoBreak); }

struct TableCell {
    std::vector<Run> runs;
    using Align = Column::Align;  // the report model's, for a column's head and its cells
    Align align = Align::Left;
    enum class Merge : std::uint8_t { None, Start, Continue } merge = Merge::None;  // down a column, over a goal's rows
};

struct Table {
    std::string caption;  // its name for screen readers (w:tblCaption)
    std::vector<std::vector<TableCell>> rows;  // rows[0] is the header
    std::size_t key_columns = 1;          // repeated in every part of a split table
    std::vector<long> min, max;           // per column: its longest word, its longest line (twips, with margins)
};

struct Picture {
    std::string png;
    long cx = 0, cy = 0;  // EMU
};

// Where a cell's text may break: after a space (which takes no room at the
// line's end), after a hyphen or a dash. No-break spaces join.
void measure(const TableCell& c, bool header, const DocxStyles& st, long& word, long& line) {
    long seg = 0, total = 0;
    word = line = 0;
    const int size = st.table_half_points;
    for (const Run& r : c.runs) {
        // A result's character style is bold in our form; estimated so whatever a template makes it.
        const bool b = header || r.bold || (r.style >= StyleRole::ResultMet && r.style <= StyleRole::ResultNotJudged);
        if (r.footnote) {  // superscript digits, joined to the word before
            const long w = text_width_twips("888", st.table_font, false, std::max(2, size * 2 / 3));
            seg += w;
            total += w;
            word = std::max(word, seg);
            continue;
        }
        std::size_t piece = 0;
        const std::string& s = r.text;
        for (std::size_t i = 0; i <= s.size(); ++i) {
            const bool end = i == s.size();
            const bool space = !end && s[i] == ' ';
            const bool hyphen = !end && s[i] == '-';
            const bool dash = !end && s.compare(i, 3, "\xE2\x80\x93") == 0;  // –
            if (!end && !space && !hyphen && !dash) continue;
            const std::size_t stop = i + (hyphen ? 1 : dash ? 3 : 0);
            const long w = text_width_twips(std::string_view(s).substr(piece, stop - piece), st.table_font, b, size);
            seg += w;
            total += w;
            word = std::max(word, seg);
            if (space) {
                total += text_width_twips(" ", st.table_font, b, size);
                seg = 0;
                piece = i + 1;
            } else if (hyphen || dash) {
                seg = 0;
                piece = stop;
                i = stop - 1;
            }
        }
    }
    line = std::max(total, word);
    auto widen = [](long w) { return static_cast<long>(std::ceil(static_cast<double>(w) * kWidthFactor)) + 2 * kCellMargin + kSlack; };
    word = widen(word);
    line = widen(line);
}

void measure(Table& t, const DocxStyles& st) {
    const std::size_t columns = t.rows.empty() ? 0 : t.rows[0].size();
    t.min.assign(columns, 2 * kCellMargin + kSlack);
    t.max = t.min;
    for (std::size_t r = 0; r < t.rows.size(); ++r)
        for (std::size_t c = 0; c < columns && c < t.rows[r].size(); ++c) {
            long word = 0, line = 0;
            measure(t.rows[r][c], r == 0, st, word, line);
            t.min[c] = std::max(t.min[c], word);
            t.max[c] = std::max(t.max[c], line);
        }
}

// Whether the columns fit `width`: with room for their text (`comfortable`),
// or at least each with its longest word.
bool fits(const Table& t, const std::vector<std::size_t>& cols, long width, bool comfortable) {
    long sum = 0;
    for (std::size_t c : cols) sum += comfortable ? std::max(t.min[c], std::min(t.max[c], kComfortable)) : t.min[c];
    return sum <= width;
}

std::vector<std::size_t> all_columns(const Table& t) {
    std::vector<std::size_t> v(t.min.size());
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = i;
    return v;
}

// The columns of each part: all in one when their words fit; else the key
// columns and as many of the rest, in order, as fit beside them.
std::vector<std::vector<std::size_t>> parts_of(const Table& t, long width) {
    if (fits(t, all_columns(t), width, false)) return {all_columns(t)};
    std::vector<std::vector<std::size_t>> parts;
    std::vector<std::size_t> key;
    for (std::size_t c = 0; c < t.key_columns && c < t.min.size(); ++c) key.push_back(c);
    std::vector<std::size_t> part = key;
    for (std::size_t c = key.size(); c < t.min.size(); ++c) {
        part.push_back(c);
        if (!fits(t, part, width, false) && part.size() > key.size() + 1) {
            part.pop_back();
            parts.push_back(part);
            part = key;
            part.push_back(c);
        }
    }
    parts.push_back(part);
    return parts;
}

// Widths that fill `width`: each column its longest word, and what is left
// in proportion to how much longer its longest line is (or, when every
// line fits, in proportion to the lines).
std::vector<long> widths_of(const Table& t, const std::vector<std::size_t>& cols, long width) {
    std::vector<long> w(cols.size());
    long min_sum = 0, max_sum = 0;
    for (std::size_t i = 0; i < cols.size(); ++i) min_sum += t.min[cols[i]], max_sum += t.max[cols[i]];
    for (std::size_t i = 0; i < cols.size(); ++i) {
        const long mn = t.min[cols[i]], mx = t.max[cols[i]];
        if (max_sum <= width) w[i] = mx + static_cast<long>(static_cast<double>(width - max_sum) * static_cast<double>(mx) / static_cast<double>(max_sum));
        else if (min_sum <= width)
            w[i] = mn + static_cast<long>(static_cast<double>(width - min_sum) * static_cast<double>(mx - mn) / static_cast<double>(max_sum - min_sum));
        else w[i] = mn;  // wider than the page: only a word longer than a page line gets here
    }
    long sum = 0;
    for (long x : w) sum += x;
    if (sum < width && !w.empty()) *std::max_element(w.begin(), w.end()) += width - sum;  // the rounding
    return w;
}

class Document {
public:
    explicit Document(const DocxStyles& st) : st_(st) {}

    // A heading or a caption belongs to what follows it: it is written with it, in its section.
    void heading(int level, std::vector<Run> runs) {
        paragraph_into(pending_, static_cast<StyleRole>(static_cast<int>(StyleRole::Heading1) + std::clamp(level, 1, 6) - 1), runs);
    }
    void caption(std::vector<Run> runs) { paragraph_into(pending_, StyleRole::Caption, runs); }
    // A paragraph: in portrait, or (`any`) in the section it comes to.
    void paragraph(std::vector<Run> runs, bool any = false) {
        flow(any ? std::nullopt : std::optional(Orientation::Portrait));
        paragraph_into(body_, StyleRole::Normal, runs, -1, after_table());
    }
    // What a table's marks mean, right under it in the table's text style.
    void table_note(std::vector<Run> runs) {
        flow(std::nullopt);
        paragraph_into(body_, StyleRole::TableText, runs, -1, "<w:spacing w:before=\"60\" w:after=\"160\"/>");
    }
    void bullet(int level, std::vector<Run> runs) {
        flow(Orientation::Portrait);
        paragraph_into(body_, level == 0 ? StyleRole::ListBullet : StyleRole::ListBullet2, runs, level, after_table());
    }
    void picture(ChartPicture pic, const std::string& name, const std::string& alt);
    // A table in its parts, each with its header row, as wide as the page.
    // `captioned`: its caption above it (a split table's parts always have theirs).
    void table(const Table& t, Orientation o, bool captioned);
    std::string document_xml();
    std::string footnotes_xml() const;
    std::vector<Picture>& pictures() { return pictures_; }

private:
    bool ends_with_table() const { return body_.size() >= 8 && body_.compare(body_.size() - 8, 8, "</w:tbl>") == 0; }
    // Text right after a table keeps a line's distance from it.
    const char* after_table() const { return ends_with_table() ? "<w:spacing w:before=\"200\"/>" : nullptr; }
    void flow(std::optional<Orientation> o) {
        if (o && *o != current_) {
            if (!body_.empty()) body_ += "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"20\" w:lineRule=\"exact\"/><w:rPr><w:sz w:val=\"2\"/></w:rPr>" +
                                         section(current_) + "</w:pPr></w:p>";
            current_ = *o;
        }
        body_ += pending_;
        pending_.clear();
    }
    std::string section(Orientation o) const {
        const bool landscape = o == Orientation::Landscape;
        return fmt::format("<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/><w:pgSz w:w=\"{}\" w:h=\"{}\"{}/>"
                           "<w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" w:left=\"{}\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>"
                           "<w:cols w:space=\"708\"/></w:sectPr>",
                           landscape ? kPageLong : kPageShort, landscape ? kPageShort : kPageLong, landscape ? " w:orient=\"landscape\"" : "",
                           kMargin, kMargin, kMargin, kMargin);
    }
    void paragraph_into(std::string& out, StyleRole style, const std::vector<Run>& runs, int list_level = -1, const char* spacing = nullptr) {
        out += "<w:p><w:pPr><w:pStyle w:val=\"";
        append_xml_escaped(out, st_.id(style));
        out += "\"/>";
        if (list_level >= 0 && !st_.list_numbered[list_level])
            out += fmt::format("<w:numPr><w:ilvl w:val=\"{}\"/><w:numId w:val=\"{}\"/></w:numPr>", list_level, st_.bullet_num);
        if (spacing) out += spacing;
        out += "</w:pPr>";
        runs_into(out, runs, false);
        out += "</w:p>";
    }
    void runs_into(std::string& out, const std::vector<Run>& runs, bool header);
    std::string footnote_reference(const std::string* text);

    const DocxStyles& st_;
    std::string body_, pending_;
    Orientation current_ = Orientation::Portrait;
    // Footnotes in the order of their first reference: Word numbers them so.
    std::vector<const std::string*> footnotes_;
    std::unordered_map<const std::string*, int> footnote_no_;
    std::vector<Picture> pictures_;
    int bookmarks_ = 0;
};

void Document::runs_into(std::string& out, const std::vector<Run>& runs, bool header) {
    for (const Run& r : runs) {
        if (r.footnote) {
            out += footnote_reference(r.footnote);
            continue;
        }
        if (r.text.empty()) continue;
        out += "<w:r>";
        const bool b = r.bold || header;
        if (r.style != StyleRole::Count || b || r.italic) {
            out += "<w:rPr>";
            if (r.style != StyleRole::Count) {
                out += "<w:rStyle w:val=\"";
                append_xml_escaped(out, st_.id(r.style));
                out += "\"/>";
            }
            if (b) out += "<w:b/><w:bCs/>";
            if (r.italic) out += "<w:i/><w:iCs/>";
            out += "</w:rPr>";
        }
        out += "<w:t xml:space=\"preserve\">";
        append_xml_escaped(out, r.text);
        out += "</w:t></w:r>";
    }
}

// The first reference to a footnote is a Word footnote, marked with a
// bookmark; a later one refers to it (NOTEREF, the footnote's number in its style).
std::string Document::footnote_reference(const std::string* text) {
    const std::string ref_style = xml_escaped(st_.id(StyleRole::FootnoteReference));
    if (const auto it = footnote_no_.find(text); it != footnote_no_.end())
        return fmt::format("<w:fldSimple w:instr=\" NOTEREF _Fotnot{0} \\f \\h \"><w:r><w:rPr><w:rStyle w:val=\"{1}\"/></w:rPr><w:t>{0}</w:t></w:r></w:fldSimple>",
                           it->second, ref_style);
    footnotes_.push_back(text);
    const int no = static_cast<int>(footnotes_.size());
    footnote_no_.emplace(text, no);
    const int mark = bookmarks_++;
    return fmt::format("<w:bookmarkStart w:id=\"{0}\" w:name=\"_Fotnot{1}\"/><w:r><w:rPr><w:rStyle w:val=\"{2}\"/></w:rPr><w:footnoteReference w:id=\"{1}\"/></w:r>"
                       "<w:bookmarkEnd w:id=\"{0}\"/>",
                       mark, no, ref_style);
}

void Document::picture(ChartPicture pic, const std::string& name, const std::string& alt) {
    flow(Orientation::Portrait);
    Picture p;
    p.png = std::move(pic.png);
    p.cx = static_cast<long>(std::lround(pic.width_px * kEmuPerPixel));
    p.cy = static_cast<long>(std::lround(pic.height_px * kEmuPerPixel));
    if (const long most = kPortraitWidth * kEmuPerTwip; p.cx > most) {  // a chart of many years: scaled to the page
        p.cy = static_cast<long>(static_cast<double>(p.cy) * static_cast<double>(most) / static_cast<double>(p.cx));
        p.cx = most;
    }
    pictures_.push_back(std::move(p));
    const std::size_t n = pictures_.size();
    const std::string a = xml_escaped(alt), nm = xml_escaped(name);
    body_ += fmt::format(
        "<w:p><w:pPr><w:pStyle w:val=\"{0}\"/><w:spacing w:after=\"200\"/></w:pPr><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
        "<wp:extent cx=\"{1}\" cy=\"{2}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:docPr id=\"{3}\" name=\"{4}\" descr=\"{5}\"/>"
        "<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>"
        "<a:graphic><a:graphicData uri=\"{6}\"><pic:pic><pic:nvPicPr><pic:cNvPr id=\"{3}\" name=\"diagram{3}.png\" descr=\"{5}\"/><pic:cNvPicPr/></pic:nvPicPr>"
        "<pic:blipFill><a:blip r:embed=\"rIdBild{3}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
        "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{1}\" cy=\"{2}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr>"
        "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>",
        xml_escaped(st_.id(StyleRole::Normal)), pictures_.back().cx, pictures_.back().cy, n, nm, a, kPic);
}

void Document::table(const Table& t, Orientation o, bool captioned) {
    const long width = o == Orientation::Landscape ? kLandscapeWidth : kPortraitWidth;
    const auto parts = parts_of(t, width);
    for (std::size_t p = 0; p < parts.size(); ++p) {
        if (parts.size() > 1) caption({text(fmt::format("{} (del {} av {})", t.caption, p + 1, parts.size()))});
        else if (captioned) caption({text(t.caption)});
        flow(o);
        // Word joins two tables with nothing between them into one.
        if (ends_with_table()) body_ += "<w:p/>";
        const auto& cols = parts[p];
        const std::vector<long> w = widths_of(t, cols, width);
        long total = 0;
        for (long x : w) total += x;
        body_ += fmt::format("<w:tbl><w:tblPr><w:tblStyle w:val=\"{}\"/><w:tblW w:w=\"{}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>"
                             "<w:tblCellMar><w:left w:w=\"{}\" w:type=\"dxa\"/><w:right w:w=\"{}\" w:type=\"dxa\"/></w:tblCellMar>"
                             "<w:tblLook w:val=\"0620\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>"
                             "<w:tblCaption w:val=\"{}\"/></w:tblPr><w:tblGrid>",
                             xml_escaped(st_.id(StyleRole::TableGrid)), total, kCellMargin, kCellMargin, xml_escaped(t.caption));
        for (long x : w) body_ += fmt::format("<w:gridCol w:w=\"{}\"/>", x);
        body_ += "</w:tblGrid>";
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            body_ += r == 0 ? "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" : "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
            for (std::size_t i = 0; i < cols.size(); ++i) {
                static const TableCell kEmpty;
                const TableCell& c = cols[i] < t.rows[r].size() ? t.rows[r][cols[i]] : kEmpty;
                body_ += fmt::format("<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/>", w[i]);
                if (c.merge == TableCell::Merge::Start) body_ += "<w:vMerge w:val=\"restart\"/>";
                if (c.merge == TableCell::Merge::Continue) body_ += "<w:vMerge/>";
                body_ += "</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"";
                append_xml_escaped(body_, st_.id(StyleRole::TableText));
                body_ += "\"/>";
                if (c.align == TableCell::Align::Right) body_ += "<w:jc w:val=\"right\"/>";
                if (c.align == TableCell::Align::Center) body_ += "<w:jc w:val=\"center\"/>";
                body_ += "</w:pPr>";
                if (c.merge != TableCell::Merge::Continue) runs_into(body_, c.runs, r == 0);
                body_ += "</w:p></w:tc>";
            }
            body_ += "</w:tr>";
        }
        body_ += "</w:tbl>";
    }
}

std::string Document::document_xml() {
    flow(std::nullopt);
    // The body ends with a paragraph, as Word writes it, not with a table.
    if (ends_with_table()) body_ += "<w:p/>";
    std::string s = fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{}\" xmlns:r=\"{}\" "
                                "xmlns:wp=\"{}\" xmlns:a=\"{}\" xmlns:pic=\"{}\"><w:body>",
                                kW, kR, kWp, kA, kPic);
    s += body_;
    s += section(current_);
    s += "</w:body></w:document>";
    return s;
}

std::string Document::footnotes_xml() const {
    std::string s = fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:footnotes xmlns:w=\"{}\" xmlns:r=\"{}\">"
                                "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>"
                                "<w:r><w:separator/></w:r></w:p></w:footnote>"
                                "<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>"
                                "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>",
                                kW, kR);
    const std::string text_style = xml_escaped(st_.id(StyleRole::FootnoteText)), ref_style = xml_escaped(st_.id(StyleRole::FootnoteReference));
    for (std::size_t k = 0; k < footnotes_.size(); ++k) {
        s += fmt::format("<w:footnote w:id=\"{}\"><w:p><w:pPr><w:pStyle w:val=\"{}\"/></w:pPr><w:r><w:rPr><w:rStyle w:val=\"{}\"/></w:rPr>"
                         "<w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> ",
                         k + 1, text_style, ref_style);
        append_xml_escaped(s, *footnotes_[k]);
        s += "</w:t></w:r></w:p></w:footnote>";
    }
    return s + "</w:footnotes>";
}

// ---- The report's content, as markdown.cpp has it ----

struct Context {
    Document& doc;
    const DocxStyles& st;
    const ReportModel& m;
    int depth;  // a nämnd's report inside its roll-up's: its headings a level down
    std::string& error;
    const RuleFile& file() const { return *m.in->assessment.file; }
    const Assessment& assessment() const { return m.in->assessment; }
};

void value_runs(std::vector<Run>& out, const Cell& c) {
    if (!c.value) return;
    std::string s = c.text;
    if (c.before_break) s += " †";  // the footnote says what † means
    if (!c.note.empty()) s += " (" + c.note + ")";
    out.push_back(text(std::move(s)));
}

// A goal's judgement at any level: the label line, then the justification,
// or a manual judgement's motivering with the rule's judgement beside it.
void judgement(Context& x, const std::string& word, const GoalAssessment& ga, const std::optional<ManualJudgement>& manual, const Justification& just) {
    const RuleFile& f = x.file();
    std::vector<Run> line{bold(word), text(" ")};
    Run r = result_run(f, ga.result, ga.level, false);
    r.bold = true;
    line.push_back(r);
    if (ga.manual) line.push_back(text(" (manuell bedömning)"));
    x.doc.paragraph(line);
    if (ga.manual && manual) {
        x.doc.paragraph({bold("Motivering:"), text(" " + manual->motivering)});
        x.doc.paragraph({text("Regelns bedömning: " + just.text())});
        if (ga.evaluated && (ga.result != ga.rule_result || ga.level != ga.rule_level))
            x.doc.paragraph({bold(std::string(phrase::kManualDeviates))});
    } else {
        x.doc.paragraph({text(just.without_label())});
    }
}

// The indicator's chart (as the HTML report's), captioned, its text as alt text.
bool chart(Context& x, std::uint32_t k) {
    if (x.file().indicators[k].status()) return true;  // words on a scale are no line to draw
    const ChartSpec c = indicator_chart(x.m, k);
    if (!chart_has_values(c)) return true;
    auto pic = svg_to_png(render_svg_chart(c), kChartDpi, x.error);
    if (!pic) return false;
    x.doc.caption({text(c.title)});
    x.doc.picture(std::move(*pic), c.title, c.title + ". " + chart_description(c));
    return true;
}

// The indicator table of one målområde and kommunmål, with the Markdown
// report's columns; a goal's two first cells span its rows.
Table indicator_table(const ReportModel& m, const IndicatorTable& t) {
    const Assessment& a = m.in->assessment;
    const RuleFile& f = *a.file;
    const bool forecast = f.kind == ReportKind::Delar;
    const bool budget = f.kind == ReportKind::Budget;
    const GoalDef& g0 = f.goals[t.first_goal];
    Table tb;
    tb.caption = g0.municipal_goal.empty() ? m.words.area + ": " + g0.area : m.words.municipal_goal + ": " + g0.municipal_goal;
    tb.key_columns = a.judged ? 3 : 2;
    std::vector<TableCell> head;
    auto h = [&](std::string s, TableCell::Align al = TableCell::Align::Left) {
        TableCell c;
        c.runs.push_back(text(std::move(s)));
        c.align = al;
        head.push_back(std::move(c));
    };
    for (const Column& c : indicator_columns(m, t)) h(c.label, c.align);
    const std::size_t columns = head.size();
    tb.rows.push_back(std::move(head));

    std::vector<SeriesRow> rows;
    for (std::uint32_t k = t.first_goal; k < t.end_goal; ++k) {
        const GoalDef& g = f.goals[k];
        bool first = true;
        for (std::uint32_t ind : g.indicators) {
            const IndicatorDef& d = f.indicators[ind];
            indicator_rows(m, ind, t.periods, rows);
            for (std::size_t r = 0; r < rows.size(); ++r) {
                std::vector<TableCell> row(columns);
                std::size_t c = 0;
                const TableCell::Merge merge = first && r == 0 ? TableCell::Merge::Start : TableCell::Merge::Continue;
                if (a.judged) {
                    row[c].merge = merge;
                    if (merge == TableCell::Merge::Start) row[c].runs.push_back(result_run(f, a.goals[k].result, a.goals[k].level, true));
                    ++c;
                }
                row[c].merge = merge;
                if (merge == TableCell::Merge::Start) row[c].runs.push_back(text(g.name));
                ++c;
                if (r == 0) {
                    row[c].runs.push_back(text(d.mandatory ? "*" + d.name : d.name));
                    if (m.footnote_of[ind] >= 0) {
                        Run fn;
                        fn.footnote = &m.footnotes[static_cast<std::size_t>(m.footnote_of[ind])];
                        row[c].runs.push_back(fn);
                    }
                } else {
                    row[c].runs.push_back(text("↳ " + std::string(rows[r].series)));
                }
                ++c;
                for (const Cell& v : rows[r].values) {
                    row[c].align = TableCell::Align::Right;
                    value_runs(row[c++].runs, v);
                }
                if (forecast) {
                    row[c].align = TableCell::Align::Right;
                    if (r == 0) value_runs(row[c].runs, rows[0].forecast);
                    ++c;
                }
                if (r == 0) {
                    if (budget)
                        for (int y : t.target_years) row[c++].runs.push_back(text(nbsp_numbers(target_for_year(m, ind, y, /*shown=*/true))));
                    else
                        row[c++].runs.push_back(text(nbsp_numbers(target_shown(m, ind))));
                    row[c++].runs.push_back(text(direction_word(d.direction)));
                }
                // The indicator's, or a series judged apart's, Utveckling and result.
                const IndicatorAssessment* judged = r == 0 ? &a.indicators[ind] : rows[r].judged;
                if (a.judged && judged) {
                    row[columns - 2].align = TableCell::Align::Center;
                    row[columns - 2].runs.push_back(text(development_arrow(judged->development)));
                    row[columns - 1].runs.push_back(result_run(f, judged->result, judged->level, false));
                }
                if (a.judged) row[columns - 2].align = TableCell::Align::Center;
                tb.rows.push_back(std::move(row));
                first = false;
            }
        }
    }
    return tb;
}

// A nyckeltal's value, its share in parentheses, then its note: "3 007 (43 %)".
void key_figure_runs(std::vector<Run>& out, const Cell& c, const Cell& share) {
    std::string s = c.value ? c.text : std::string();
    if (share.value) {
        s += (s.empty() ? "(" : " (") + share.text;
        if (!share.note.empty()) s += " — " + share.note;
        s += ")";
    }
    if (c.value && !c.note.empty()) s += " (" + c.note + ")";
    if (!s.empty()) out.push_back(text(std::move(s)));
}

Table key_figure_table(const ReportModel& m, const KeyFigureTableModel& t) {
    const RuleFile& f = *m.in->assessment.file;
    const KeyFigureTable& kt = f.key_figure_tables[t.table];
    Table tb;
    tb.caption = kt.heading;
    std::vector<TableCell> head;
    for (const Column& c : key_figure_columns(m, t)) {
        TableCell cell;
        cell.runs.push_back(text(c.label));
        cell.align = c.align;
        head.push_back(std::move(cell));
    }
    const std::size_t columns = head.size();
    tb.rows.push_back(std::move(head));
    std::vector<KeyFigureLine> lines;
    const Cell none;
    for (std::uint32_t r = kt.first_row; r < kt.end_row; ++r) {
        const KeyFigureRow& row = f.key_figures[r];
        key_figure_lines(m, r, t.periods, lines);
        for (std::size_t k = 0; k < lines.size(); ++k) {
            const KeyFigureLine& line = lines[k];
            std::vector<TableCell> cells(columns);
            if (k == 0) {
                cells[0].runs.push_back(text(row.accumulated ? row.name + ", ackumulerat" : row.name));
                if (m.key_figure_footnote_of[r] >= 0) {
                    Run fn;
                    fn.footnote = &m.footnotes[static_cast<std::size_t>(m.key_figure_footnote_of[r])];
                    cells[0].runs.push_back(fn);
                }
            } else {
                cells[0].runs.push_back(text("↳ " + std::string(line.series)));
            }
            std::size_t c = 1;
            for (std::size_t v = 0; v < line.values.size(); ++v) {
                cells[c].align = TableCell::Align::Right;
                key_figure_runs(cells[c++].runs, line.values[v], line.shares[v]);
            }
            if (t.forecast) {
                cells[c].align = TableCell::Align::Right;
                key_figure_runs(cells[c++].runs, line.forecast, none);
            }
            if (t.any_target && k == 0 && !row.target.empty()) cells[c].runs.push_back(text(nbsp_numbers(row.target)));
            tb.rows.push_back(std::move(cells));
        }
    }
    return tb;
}

// The counts per result, a column per level that is judged; the manual
// judgements that differ from their rule's.
void summary(Context& x) {
    const ReportModel& m = x.m;
    const ReportWords& w = m.words;
    const Assessment& a = x.assessment();
    const RuleFile& f = x.file();
    if (!a.judged) return;
    x.doc.heading(2 + x.depth, {text("Sammanfattning")});
    Table t;
    t.caption = "Antal per resultat";
    std::vector<TableCell> head;
    auto h = [&](const std::string& s) {
        TableCell c;
        c.runs.push_back(text(s));
        head.push_back(std::move(c));
    };
    h("Resultat");
    if (m.judged_areas) h(w.areas);
    if (m.judged_municipal_goals) h(w.municipal_goals);
    h(w.goal);
    h(w.indicators);
    for (std::size_t c = 1; c < head.size(); ++c) head[c].align = TableCell::Align::Right;
    t.rows.push_back(std::move(head));
    for (Outcome o : {Outcome::Uppfyllt, Outcome::Delvis, Outcome::EjUppfyllt, Outcome::EjBedomd}) {
        const int k = static_cast<int>(o);
        std::vector<TableCell> row(1);
        row[0].runs.push_back(result_run(f, o, kNoLevel, false));
        auto n = [&](std::uint32_t v) {
            TableCell c;
            c.align = TableCell::Align::Right;
            c.runs.push_back(text(count_text(v)));
            row.push_back(std::move(c));
        };
        if (m.judged_areas) n(a.area_counts.by_outcome[k]);
        if (m.judged_municipal_goals) n(a.municipal_counts.by_outcome[k]);
        n(a.goal_counts.by_outcome[k]);
        n(a.indicator_counts.by_outcome[k]);
        t.rows.push_back(std::move(row));
    }
    measure(t, x.st);
    x.doc.table(t, Orientation::Portrait, false);
    if (m.deviating_goals.empty() && m.deviating_indicators.empty() && m.deviating_municipal_goals.empty() && m.deviating_areas.empty()) return;
    x.doc.paragraph({text(std::string(phrase::kDeviations) + ":")});
    auto deviation = [&](const std::string& word, const std::string& name, Outcome o, std::uint8_t level, Outcome rule, std::uint8_t rule_level,
                         const std::string& motivering) {
        x.doc.bullet(0, {text(word + " "), italic(name), text(" — "), result_run(f, o, level, false),
                         text(" (regeln: " + shown_label(f, rule, rule_level) + "). Motivering: " + motivering)});
    };
    for (std::uint32_t k : m.deviating_areas)
        deviation(w.area, f.areas[k].name, a.areas[k].result, a.areas[k].level, a.areas[k].rule_result, a.areas[k].rule_level, f.areas[k].manual->motivering);
    for (std::uint32_t k : m.deviating_municipal_goals)
        deviation(w.municipal_goal, f.municipal_goals[k].name, a.municipal_goals[k].result, a.municipal_goals[k].level, a.municipal_goals[k].rule_result,
                  a.municipal_goals[k].rule_level, f.municipal_goals[k].manual->motivering);
    for (std::uint32_t k : m.deviating_goals)
        deviation(w.goal, f.goals[k].name, a.goals[k].result, a.goals[k].level, a.goals[k].rule_result, a.goals[k].rule_level, f.goals[k].manual->motivering);
    for (std::uint32_t k : m.deviating_indicators)
        deviation(f.words.indicator.empty() ? std::string("Indikator") : w.indicator, f.indicators[k].name, a.indicators[k].result, a.indicators[k].level,
                  a.indicators[k].rule_result, a.indicators[k].rule_level, f.indicators[k].manual->motivering);
}

// The report of one rule file; a nämnd's inside its roll-up's has its headings one level down.
bool report(Context& x) {
    const ReportModel& m = x.m;
    const ReportWords& w = m.words;
    const Assessment& a = x.assessment();
    const RuleFile& f = x.file();
    const int d = x.depth;
    x.doc.heading(1 + d, {text(m.title)});
    if (f.decision) x.doc.paragraph({text("Beslut: " + *f.decision)});
    if (!a.judged) x.doc.paragraph({text(std::string(phrase::kBudget))});

    // Målredovisning: målområde → kommunmål → nämndmål, each judged level with its judgement.
    x.doc.heading(2 + d, {text("Målredovisning")});
    for (const OutlineEntry& e : m.outline) {
        if (e.level == GoalLevel::Area) {
            const LevelDef& area = f.areas[e.index];
            x.doc.heading(3 + d, {text(w.area + " " + area.name)});
            if (area.judged() && a.judged)
                judgement(x, w.area_judged, a.areas[e.index], area.manual, justification_of_level(m, GoalLevel::Area, e.index));
            continue;
        }
        if (e.level == GoalLevel::MunicipalGoal) {
            const LevelDef& mg = f.municipal_goals[e.index];
            if (!mg.name.empty()) x.doc.paragraph({text(w.municipal_goal + ": "), bold(mg.name)});
            if (mg.judged() && a.judged)
                judgement(x, w.municipal_judged, a.municipal_goals[e.index], mg.manual, justification_of_level(m, GoalLevel::MunicipalGoal, e.index));
            continue;
        }
        const GoalDef& g = f.goals[e.index];
        x.doc.heading(4 + d, {text(w.goal + ": " + g.name)});
        if (!g.activities.empty()) {
            x.doc.paragraph({bold("Aktiviteter")});
            for (const auto& act : g.activities) x.doc.bullet(0, {text(act)});
        }
        if (a.judged) judgement(x, w.goal_judged, a.goals[e.index], g.manual, justification_of_goal(m, e.index));
        for (std::uint32_t k : g.indicators) {
            const IndicatorAssessment& ia = a.indicators[k];
            const IndicatorDef& ind = f.indicators[k];
            if (a.judged) {
                std::vector<Run> line{italic(ind.name), text(" — ")};
                Run r = result_run(f, ia.result, ia.level, false);
                line.push_back(r);
                if (ia.manual)
                    line.push_back(text(" (manuell bedömning: " + ind.manual->motivering + ") Regelns bedömning: " + justification_of_indicator(m, k).text()));
                else
                    line.push_back(text(": " + justification_of_indicator(m, k).without_label()));
                x.doc.bullet(0, std::move(line));
                for (std::uint32_t s = 0; s < ia.series_count; ++s) {  // series judged apart
                    const IndicatorAssessment& sa = a.series[ia.first_series + s];
                    x.doc.bullet(1, {italic(ind.judged_series[static_cast<std::size_t>(sa.judged_series)]), text(" — "),
                                     result_run(f, sa.result, sa.level, false), text(": " + justification_of_series(m, sa).without_label())});
                }
            }
            if (!chart(x, k)) return false;
        }
    }

    // The indicator tables, one per målområde and kommunmål, and the nyckeltal
    // tables after them: all in landscape when one of them needs it.
    std::vector<Table> tables(m.tables.size()), key_tables(m.key_figure_tables.size());
    bool landscape = false;
    auto take = [&](Table& t) {
        measure(t, x.st);
        landscape = landscape || !fits(t, all_columns(t), kPortraitWidth, true);
    };
    for (std::size_t i = 0; i < m.tables.size(); ++i)
        if (m.tables[i].any_indicator) {
            tables[i] = indicator_table(m, m.tables[i]);
            take(tables[i]);
        }
    for (std::size_t i = 0; i < m.key_figure_tables.size(); ++i) {
        key_tables[i] = key_figure_table(m, m.key_figure_tables[i]);
        take(key_tables[i]);
    }
    const Orientation o = landscape ? Orientation::Landscape : Orientation::Portrait;
    x.doc.heading(2 + d, {text(w.indicators)});
    for (std::size_t i = 0; i < m.tables.size(); ++i) {
        const IndicatorTable& t = m.tables[i];
        const GoalDef& g0 = f.goals[t.first_goal];
        if (t.new_area) x.doc.heading(3 + d, {text(w.area + ": " + g0.area)});
        if (!t.any_indicator) {
            if (!g0.municipal_goal.empty()) x.doc.caption({text(w.municipal_goal + ": " + g0.municipal_goal)});
            if (f.words.indicator.empty() && f.words.indicators.empty()) x.doc.paragraph({text(std::string(phrase::kNoIndicators))}, true);
            else x.doc.paragraph({text(w.indicators + ": inga.")}, true);  // a word of the file's own is not inflected
            continue;
        }
        x.doc.table(tables[i], o, !g0.municipal_goal.empty());
        if (t.any_mandatory) x.doc.table_note({text("* " + std::string(phrase::kMandatory))});
        if (a.judged) x.doc.table_note({text(development_legend())});
    }
    for (std::size_t i = 0; i < m.key_figure_tables.size(); ++i) {
        const KeyFigureTableModel& t = m.key_figure_tables[i];
        x.doc.heading(2 + d, {text(f.key_figure_tables[t.table].heading)});
        x.doc.table(key_tables[i], o, false);
        if (const std::string legend = key_figure_share_legend(t); !legend.empty()) x.doc.table_note({text(legend)});
    }

    if (!f.assignments.empty()) {
        x.doc.heading(2 + d, {text("Strategiska utvecklingsuppdrag")});
        for (const AssignmentGroup& grp : m.assignment_groups) {
            const std::string& group = f.assignments[grp.first].group;
            Table t;
            t.caption = group.empty() ? std::string("Uppdrag") : group;
            t.rows.push_back(std::vector<TableCell>(2));
            t.rows[0][0].runs.push_back(text(t.caption));
            t.rows[0][1].runs.push_back(text("Status"));
            for (std::uint32_t i = grp.first; i < grp.end; ++i) {
                const Assignment& as = f.assignments[i];
                std::vector<TableCell> row(2);
                std::string s = as.number.empty() ? as.text : as.number + ". " + as.text;
                if (!as.comment.empty()) s += " (" + as.comment + ")";
                row[0].runs.push_back(text(std::move(s)));
                row[1].runs.push_back(text(assignment_status_label(as.status)));
                t.rows.push_back(std::move(row));
            }
            measure(t, x.st);
            x.doc.table(t, Orientation::Portrait, false);
        }
        std::string counts(phrase::kPerStatus);
        bool first = true;
        for (int k = 0; k < static_cast<int>(AssignmentStatus::Count); ++k) {
            if (!m.assignment_counts[k]) continue;
            counts += fmt::format("{}{} {}", first ? " " : ", ", assignment_status_label(static_cast<AssignmentStatus>(k)), count_text(m.assignment_counts[k]));
            first = false;
        }
        x.doc.paragraph({text(counts + ".")}, true);
    }

    summary(x);
    return true;
}

// A roll-up: the municipality's målområden and kommunmål, each kommunmål with
// the nämndmål it is judged from; the counts, also per nämnd; then every
// nämnd's own report.
bool rollup(Context& x) {
    const ReportModel& m = x.m;
    const ReportWords& w = m.words;
    const Assessment& a = x.assessment();
    const RuleFile& f = x.file();
    x.doc.heading(1, {text(m.title)});
    if (f.decision) x.doc.paragraph({text("Beslut: " + *f.decision)});
    if (!a.judged) x.doc.paragraph({text(std::string(phrase::kBudgetRollup))});
    x.doc.heading(2, {text("Målredovisning")});
    for (const OutlineEntry& e : m.outline) {
        if (e.level == GoalLevel::Area) {
            const LevelDef& area = f.areas[e.index];
            x.doc.heading(3, {text(w.area + " " + area.name)});
            if (area.judged() && a.judged) judgement(x, w.area_judged, a.areas[e.index], area.manual, justification_of_level(m, GoalLevel::Area, e.index));
            continue;
        }
        if (e.level != GoalLevel::MunicipalGoal) continue;  // a roll-up has no nämndmål of its own
        const LevelDef& mg = f.municipal_goals[e.index];
        x.doc.paragraph({text(w.municipal_goal + ": "), bold(mg.name)});
        if (mg.judged() && a.judged)
            judgement(x, w.municipal_judged, a.municipal_goals[e.index], mg.manual, justification_of_level(m, GoalLevel::MunicipalGoal, e.index));
        const auto& children = a.model->municipal_children[e.index];
        if (children.empty()) continue;
        Table t;
        t.caption = w.goal + " under ”" + mg.name + "”";
        t.rows.push_back(std::vector<TableCell>(a.judged ? 3 : 2));
        t.rows[0][0].runs.push_back(text("Nämnd"));
        t.rows[0][1].runs.push_back(text(w.goal));
        if (a.judged) t.rows[0][2].runs.push_back(text("Bedömning"));
        for (const CommitteeGoal& cg : children) {
            const Assessment& ca = m.committees[cg.committee]->input.assessment;
            std::vector<TableCell> row(t.rows[0].size());
            row[0].runs.push_back(text(ca.file->committee));
            row[1].runs.push_back(text(ca.file->goals[cg.goal].name));
            if (a.judged) {
                row[2].runs.push_back(result_run(f, ca.goals[cg.goal].result, ca.goals[cg.goal].level, false));
                if (ca.goals[cg.goal].manual) row[2].runs.push_back(text(" (manuell bedömning)"));
            }
            t.rows.push_back(std::move(row));
        }
        measure(t, x.st);
        x.doc.table(t, Orientation::Portrait, false);
    }
    summary(x);
    if (a.judged) {
        x.doc.heading(3, {text("Per nämnd")});
        x.doc.paragraph({text("Antal " + (f.words.goal.empty() ? std::string("nämndmål") : w.goal) + " per resultat.")});
        Table t;
        t.caption = "Antal per nämnd och resultat";
        t.rows.push_back(std::vector<TableCell>(1));
        t.rows[0][0].runs.push_back(text("Nämnd"));
        for (Outcome o : {Outcome::Uppfyllt, Outcome::Delvis, Outcome::EjUppfyllt, Outcome::EjBedomd}) {
            TableCell c;
            c.align = TableCell::Align::Right;
            c.runs.push_back(result_run(f, o, kNoLevel, false));
            t.rows[0].push_back(std::move(c));
        }
        for (const auto& cr : m.committees) {
            const Assessment& ca = cr->input.assessment;
            std::vector<TableCell> row(1);
            row[0].runs.push_back(text(ca.file->committee));
            for (int k = 0; k < 4; ++k) {
                TableCell c;
                c.align = TableCell::Align::Right;
                c.runs.push_back(text(count_text(ca.goal_counts.by_outcome[k])));
                row.push_back(std::move(c));
            }
            t.rows.push_back(std::move(row));
        }
        measure(t, x.st);
        x.doc.table(t, Orientation::Portrait, false);
        // A nämndmål directly under a målområde counts in no kommunmål: say so, as check does.
        std::vector<std::string> outside;
        for (const auto& cr : m.committees)
            for (std::size_t g = 0; g < cr->municipal_goal_of.size(); ++g)
                if (cr->municipal_goal_of[g] < 0)
                    outside.push_back(fmt::format("”{}” ({})", cr->input.assessment.file->goals[g].name, cr->input.assessment.file->committee));
        if (!outside.empty()) {
            std::string list;
            for (std::size_t i = 0; i < outside.size(); ++i) list += (i == 0 ? "" : i + 1 == outside.size() ? " och " : ", ") + outside[i];
            x.doc.paragraph({text((outside.size() == 1 ? "Nämndmålet " : "Nämndmålen ") + list +
                                  " står direkt under ett målområde och räknas inte in i något kommunmål.")});
        }
    }
    for (const auto& cr : m.committees) {
        Context nested{x.doc, x.st, cr->model, 1, x.error};
        if (!report(nested)) return false;
    }
    return true;
}

// "2024-05-01T12:00:00Z"
std::string w3c_date(std::int64_t seconds) {
    std::tm t{};
    const std::time_t s = static_cast<std::time_t>(seconds);
    if (!gmtime_r(&s, &t)) return "1970-01-01T00:00:00Z";
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec);
}

constexpr const char* kXmlHead = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

}  // namespace

std::optional<std::string> render_docx(const ReportInput& in, const DocxOptions& options, std::string& error) {
    const DocxStyles st = docx_styles(options.mall);
    const ReportModel m = build_report(in, Space::NoBreak);
    Document doc(st);
    Context x{doc, st, m, 0, error};
    if (!(in.assessment.file->rollup() ? rollup(x) : report(x))) return std::nullopt;

    std::string document = doc.document_xml();
    std::vector<ZipEntry> parts;
    auto add = [&](std::string name, std::string data, bool compress = true) { parts.push_back(ZipEntry{std::move(name), std::move(data), compress}); };

    std::string types = fmt::format("{}<Types xmlns=\"{}\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                                    "<Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"png\" ContentType=\"image/png\"/>",
                                    kXmlHead, kContentTypes);
    auto override_type = [&](const char* part, const char* type) {
        types += fmt::format("<Override PartName=\"{}\" ContentType=\"application/vnd.openxmlformats-{}\"/>", part, type);
    };
    override_type("/word/document.xml", "officedocument.wordprocessingml.document.main+xml");
    override_type("/word/styles.xml", "officedocument.wordprocessingml.styles+xml");
    override_type("/word/settings.xml", "officedocument.wordprocessingml.settings+xml");
    override_type("/word/numbering.xml", "officedocument.wordprocessingml.numbering+xml");
    override_type("/word/footnotes.xml", "officedocument.wordprocessingml.footnotes+xml");
    override_type("/word/footer1.xml", "officedocument.wordprocessingml.footer+xml");
    if (!st.theme_xml.empty()) override_type("/word/theme/theme1.xml", "officedocument.theme+xml");
    if (!st.font_table_xml.empty()) override_type("/word/fontTable.xml", "officedocument.wordprocessingml.fontTable+xml");
    override_type("/docProps/core.xml", "package.core-properties+xml");
    override_type("/docProps/app.xml", "officedocument.extended-properties+xml");
    types += "</Types>";
    add("[Content_Types].xml", std::move(types));

    add("_rels/.rels", fmt::format("{}<Relationships xmlns=\"{}\">"
                                   "<Relationship Id=\"rId1\" Type=\"{}/officeDocument\" Target=\"word/document.xml\"/>"
                                   "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
                                   "Target=\"docProps/core.xml\"/>"
                                   "<Relationship Id=\"rId3\" Type=\"{}/extended-properties\" Target=\"docProps/app.xml\"/></Relationships>",
                                   kXmlHead, kPackageRels, kR, kR));

    // The document's title and language; a date only when SOURCE_DATE_EPOCH gives one.
    std::string core = fmt::format("{}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
                                   "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
                                   "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title><dc:language>sv-SE</dc:language>",
                                   kXmlHead, xml_escaped(m.title));
    if (options.date) {
        const std::string date = w3c_date(*options.date);
        core += fmt::format("<dcterms:created xsi:type=\"dcterms:W3CDTF\">{0}</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">{0}</dcterms:modified>",
                            date);
    }
    core += "</cp:coreProperties>";
    add("docProps/core.xml", std::move(core));
    add("docProps/app.xml", fmt::format("{}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
                                        "<Application>Målkoll " MALKOLL_VERSION "</Application></Properties>",
                                        kXmlHead));

    std::string rels = fmt::format("{}<Relationships xmlns=\"{}\">", kXmlHead, kPackageRels);
    auto rel = [&](const std::string& id, const char* type, const std::string& target) {
        rels += fmt::format("<Relationship Id=\"{}\" Type=\"{}/{}\" Target=\"{}\"/>", id, kR, type, target);
    };
    rel("rIdStyles", "styles", "styles.xml");
    rel("rIdSettings", "settings", "settings.xml");
    rel("rIdNumbering", "numbering", "numbering.xml");
    rel("rIdFootnotes", "footnotes", "footnotes.xml");
    rel("rIdFooter", "footer", "footer1.xml");
    if (!st.theme_xml.empty()) rel("rIdTheme", "theme", "theme/theme1.xml");
    if (!st.font_table_xml.empty()) rel("rIdFonts", "fontTable", "fontTable.xml");
    for (std::size_t n = 1; n <= doc.pictures().size(); ++n) rel(fmt::format("rIdBild{}", n), "image", fmt::format("media/diagram{}.png", n));
    rels += "</Relationships>";

    add("word/document.xml", std::move(document));
    add("word/_rels/document.xml.rels", std::move(rels));
    add("word/styles.xml", st.styles_xml);
    add("word/settings.xml",
        fmt::format("{}<w:settings xmlns:w=\"{}\"><w:defaultTabStop w:val=\"709\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>"
                    "<w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr>"
                    "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
                    "<w:themeFontLang w:val=\"sv-SE\"/><w:decimalSymbol w:val=\",\"/><w:listSeparator w:val=\";\"/></w:settings>",
                    kXmlHead, kW));
    add("word/numbering.xml", st.numbering_xml);
    add("word/footnotes.xml", doc.footnotes_xml());
    // The page number, centred.
    add("word/footer1.xml", fmt::format("{}<w:ftr xmlns:w=\"{}\" xmlns:r=\"{}\"><w:p><w:pPr><w:pStyle w:val=\"{}\"/><w:jc w:val=\"center\"/></w:pPr>"
                                        "<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:ftr>",
                                        kXmlHead, kW, kR, xml_escaped(st.id(StyleRole::Footer))));
    if (!st.theme_xml.empty()) add("word/theme/theme1.xml", st.theme_xml);
    if (!st.font_table_xml.empty()) add("word/fontTable.xml", st.font_table_xml);
    for (std::size_t n = 0; n < doc.pictures().size(); ++n) add(fmt::format("word/media/diagram{}.png", n + 1), std::move(doc.pictures()[n].png), false);

    // Entries without a date have 1980-01-01, zip's first day.
    return write_zip(parts, options.date.value_or(0), error);
}

}  // namespace malkoll
