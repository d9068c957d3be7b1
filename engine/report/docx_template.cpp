#include "engine/report/docx_template.hpp"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "engine/core/source.hpp"
#include "engine/report/ooxml.hpp"
#include "engine/report/palette.hpp"
#include "engine/report/xml_tree.hpp"
#include "engine/report/zip_package.hpp"

namespace malkoll {

namespace {

constexpr std::string_view kRelType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
// Strict Open XML: its own namespaces and relationship types, which Word can
// write; found so that the message can say what to do.
constexpr std::string_view kStrict = "http://purl.oclc.org/ooxml/";
constexpr std::string_view kStrictRelType = "http://purl.oclc.org/ooxml/officeDocument/relationships/";

// A part's relationships part: "word/document.xml" → "word/_rels/document.xml.rels".
std::string rels_of(const std::string& part) {
    const auto slash = part.rfind('/');
    if (slash == std::string::npos) return "_rels/" + part + ".rels";
    return part.substr(0, slash) + "/_rels/" + part.substr(slash + 1) + ".rels";
}

// A relationship's target as a part name: relative to the source part's
// folder, or from the package's root when it starts with '/'; "." and ".." resolved.
std::string resolve(const std::string& source, const std::string& target) {
    std::string path = target.empty() || target[0] != '/' ? source.substr(0, source.rfind('/') + 1) + target : target.substr(1);
    std::vector<std::string> parts;
    std::size_t at = 0;
    while (at <= path.size()) {
        const std::size_t next = std::min(path.find('/', at), path.size());
        const std::string piece = path.substr(at, next - at);
        if (piece == "..") {
            if (!parts.empty()) parts.pop_back();
        } else if (!piece.empty() && piece != ".") {
            parts.push_back(piece);
        }
        at = next + 1;
    }
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
    return out;
}

// The target of the first internal relationship of `type` ("styles") in `rels`, "" none.
std::string target_of(const XmlTree& rels, std::string_view type) {
    for (std::uint32_t c : rels.root().children) {
        const XmlElement& e = rels.elements[c];
        if (e.name != "Relationship") continue;
        const std::string* t = XmlTree::attribute(e, "", "Type");
        const std::string* target = XmlTree::attribute(e, "", "Target");
        const std::string* mode = XmlTree::attribute(e, "", "TargetMode");
        if (!t || !target || (mode && *mode == "External")) continue;
        for (std::string_view prefix : {kRelType, kStrictRelType})
            if (t->size() == prefix.size() + type.size() && t->compare(0, prefix.size(), prefix) == 0 &&
                t->compare(prefix.size(), type.size(), type) == 0)
                return *target;
    }
    return "";
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
               return lower(x) == lower(y);
           });
}

// "#1f4e79" → "1F4E79", as WordprocessingML writes colours.
std::string word_colour(const char* css) {
    std::string s(css + 1);
    for (char& c : s) c = static_cast<char>(c >= 'a' && c <= 'f' ? c - 32 : c);
    return s;
}

struct RoleSpec {
    StyleRole role;
    const char* type;   // w:type
    const char* name;   // w:name, as Word knows it
    const char* id;     // our id, when we define it
};

constexpr RoleSpec kRoles[] = {
    {StyleRole::Normal, "paragraph", "Normal", "Normal"},
    {StyleRole::Heading1, "paragraph", "heading 1", "Heading1"},
    {StyleRole::Heading2, "paragraph", "heading 2", "Heading2"},
    {StyleRole::Heading3, "paragraph", "heading 3", "Heading3"},
    {StyleRole::Heading4, "paragraph", "heading 4", "Heading4"},
    {StyleRole::Heading5, "paragraph", "heading 5", "Heading5"},
    {StyleRole::Heading6, "paragraph", "heading 6", "Heading6"},
    {StyleRole::Caption, "paragraph", "caption", "Caption"},
    {StyleRole::FootnoteText, "paragraph", "footnote text", "FootnoteText"},
    {StyleRole::FootnoteReference, "character", "footnote reference", "FootnoteReference"},
    {StyleRole::ListBullet, "paragraph", "List Bullet", "ListBullet"},
    {StyleRole::ListBullet2, "paragraph", "List Bullet 2", "ListBullet2"},
    {StyleRole::TableGrid, "table", "Table Grid", "TableGrid"},
    {StyleRole::TableText, "paragraph", "Tabelltext", "Tabelltext"},
    {StyleRole::Footer, "paragraph", "footer", "Footer"},
    {StyleRole::ResultMet, "character", "Resultat uppfyllt", "ResultatUppfyllt"},
    {StyleRole::ResultPartly, "character", "Resultat delvis uppfyllt", "ResultatDelvis"},
    {StyleRole::ResultNotMet, "character", "Resultat ej uppfyllt", "ResultatEjUppfyllt"},
    {StyleRole::ResultNotJudged, "character", "Resultat ej bedömd", "ResultatEjBedomd"},
};
static_assert(std::size(kRoles) == static_cast<std::size_t>(StyleRole::Count));

// Our definition of a style the report needs. `ns`: a namespace declaration
// for a definition added to a template's part, whatever prefix it uses.
std::string definition(const RoleSpec& r, const std::string& id, const std::string& normal, int bullet_num, std::string_view ns) {
    std::string s = fmt::format("<w:style{} w:type=\"{}\"{} w:styleId=\"{}\"><w:name w:val=\"{}\"/>", ns, r.type,
                                r.role == StyleRole::Normal ? " w:default=\"1\"" : "", xml_escaped(id), xml_escaped(r.name));
    const std::string based = r.role == StyleRole::Normal ? std::string() : fmt::format("<w:basedOn w:val=\"{}\"/>", xml_escaped(normal));
    const std::string accent = word_colour(colour::kAccent);
    auto result = [&](Outcome o) { return fmt::format("<w:uiPriority w:val=\"20\"/><w:qFormat/><w:rPr><w:b/><w:bCs/><w:color w:val=\"{}\"/></w:rPr>", word_colour(result_colour(o).text)); };
    switch (r.role) {
        case StyleRole::Normal:
            s += fmt::format("<w:qFormat/><w:rPr><w:color w:val=\"{}\"/></w:rPr>", word_colour(colour::kText));
            break;
        case StyleRole::Heading1: case StyleRole::Heading2: case StyleRole::Heading3:
        case StyleRole::Heading4: case StyleRole::Heading5: case StyleRole::Heading6: {
            const int level = static_cast<int>(r.role) - static_cast<int>(StyleRole::Heading1);
            static constexpr int kSize[] = {36, 28, 24, 22, 22, 20};
            static constexpr int kBefore[] = {0, 360, 280, 240, 200, 160};
            s += fmt::format("{}<w:next w:val=\"{}\"/><w:uiPriority w:val=\"9\"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/>"
                             "<w:spacing w:before=\"{}\" w:after=\"120\"/><w:outlineLvl w:val=\"{}\"/></w:pPr>"
                             "<w:rPr><w:b/><w:bCs/><w:color w:val=\"{}\"/><w:sz w:val=\"{}\"/><w:szCs w:val=\"{}\"/></w:rPr>",
                             based, xml_escaped(normal), kBefore[level], level, level == 0 ? word_colour(colour::kText) : accent, kSize[level],
                             kSize[level]);
            break;
        }
        case StyleRole::Caption:
            s += based + "<w:uiPriority w:val=\"35\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"160\" w:after=\"60\"/></w:pPr>"
                         "<w:rPr><w:b/><w:bCs/><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/></w:rPr>";
            break;
        case StyleRole::FootnoteText:
            s += based + "<w:uiPriority w:val=\"99\"/><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>"
                         "<w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr>";
            break;
        case StyleRole::FootnoteReference:
            s += "<w:uiPriority w:val=\"99\"/><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr>";
            break;
        case StyleRole::ListBullet:
        case StyleRole::ListBullet2: {
            const int level = r.role == StyleRole::ListBullet ? 0 : 1;
            s += fmt::format("{}<w:uiPriority w:val=\"99\"/><w:pPr><w:numPr><w:ilvl w:val=\"{}\"/><w:numId w:val=\"{}\"/></w:numPr>"
                             "<w:spacing w:after=\"80\"/><w:ind w:left=\"{}\" w:hanging=\"284\"/></w:pPr>",
                             based, level, bullet_num, 284 * (level + 1));
            break;
        }
        case StyleRole::TableGrid: {
            const std::string border = word_colour(colour::kBorder);
            s += "<w:uiPriority w:val=\"39\"/><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:tblPr><w:tblBorders>";
            for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"})
                s += fmt::format("<w:{} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"{}\"/>", side, border);
            s += fmt::format("</w:tblBorders></w:tblPr><w:tblStylePr w:type=\"firstRow\"><w:rPr><w:b/><w:bCs/></w:rPr>"
                             "<w:tcPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{}\"/></w:tcPr></w:tblStylePr>",
                             word_colour(colour::kHead));
            break;
        }
        case StyleRole::TableText:
            s += based + "<w:qFormat/><w:pPr><w:spacing w:before=\"20\" w:after=\"20\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>"
                         "<w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr>";
            break;
        case StyleRole::Footer:
            s += based + "<w:uiPriority w:val=\"99\"/><w:pPr><w:spacing w:after=\"0\"/><w:jc w:val=\"center\"/></w:pPr>"
                         "<w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr>";
            break;
        case StyleRole::ResultMet: s += result(Outcome::Uppfyllt); break;
        case StyleRole::ResultPartly: s += result(Outcome::Delvis); break;
        case StyleRole::ResultNotMet: s += result(Outcome::EjUppfyllt); break;
        case StyleRole::ResultNotJudged: s += result(Outcome::EjBedomd); break;
        case StyleRole::Count: break;
    }
    return s + "</w:style>";
}

// Our bullet list: "•" and, a level down, "–".
std::string bullet_abstract(int abstract_id, std::string_view ns) {
    std::string s = fmt::format("<w:abstractNum{} w:abstractNumId=\"{}\"><w:multiLevelType w:val=\"hybridMultilevel\"/>", ns, abstract_id);
    const char* text[] = {"\xE2\x80\xA2", "\xE2\x80\x93"};
    for (int level = 0; level < 2; ++level)
        s += fmt::format("<w:lvl w:ilvl=\"{0}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"{1}\"/><w:lvlJc w:val=\"left\"/>"
                         "<w:pPr><w:ind w:left=\"{2}\" w:hanging=\"284\"/></w:pPr></w:lvl>",
                         level, text[level], 284 * (level + 1));
    return s + "</w:abstractNum>";
}

std::string bullet_num(int num_id, int abstract_id, std::string_view ns) {
    return fmt::format("<w:num{} w:numId=\"{}\"><w:abstractNumId w:val=\"{}\"/></w:num>", ns, num_id, abstract_id);
}

// Where our numbering goes into a template's: the abstract list before the
// first w:num (the schema's order), the list after the last.
std::string merge_numbering(const std::string& part, int& num_id) {
    std::string error;
    const auto tree = parse_xml(part, error);
    int max_abstract = 0, max_num = 0;
    std::size_t abstract_at = tree->root().end_tag, num_at = tree->root().end_tag;
    bool num_seen = false;
    for (std::uint32_t c : tree->root().children) {
        const XmlElement& e = tree->elements[c];
        if (e.ns != kW) continue;
        if (e.name == "abstractNum")
            if (const std::string* v = XmlTree::attribute(e, kW, "abstractNumId")) max_abstract = std::max(max_abstract, std::atoi(v->c_str()));
        if (e.name == "num") {
            if (!num_seen) abstract_at = e.begin;
            num_seen = true;
            if (const std::string* v = XmlTree::attribute(e, kW, "numId")) max_num = std::max(max_num, std::atoi(v->c_str()));
        }
        if (e.name == "numIdMacAtCleanup") {
            num_at = e.begin;
            if (!num_seen) abstract_at = e.begin;
        }
    }
    num_id = max_num + 1;
    const std::string ns = fmt::format(" xmlns:w=\"{}\"", kW);
    std::string out = part;
    out.insert(num_at, bullet_num(num_id, max_abstract + 1, ns));
    out.insert(abstract_at, bullet_abstract(max_abstract + 1, ns));  // abstract_at <= num_at
    return out;
}

struct StyleInfo {
    const XmlElement* e = nullptr;
    std::string id, type, name, based_on;
};

// The first font (w:ascii, else w:hAnsi, or the theme's for a theme font) and
// size along a style's basedOn chain, then the document defaults.
struct Resolved {
    std::string font;
    bool font_found = false;
    int half_points = 0;
    bool numbered = false;
};

class StyleSheet {
public:
    StyleSheet(const XmlTree& t, const std::string& theme) : t_(t) {
        for (std::uint32_t c : t.root().children) {
            const XmlElement& e = t.elements[c];
            if (e.ns == kW && e.name == "docDefaults") defaults_ = &e;
            if (e.ns != kW || e.name != "style") continue;
            StyleInfo s;
            s.e = &e;
            if (const std::string* v = XmlTree::attribute(e, kW, "styleId")) s.id = *v;
            if (const std::string* v = XmlTree::attribute(e, kW, "type")) s.type = *v;
            if (const XmlElement* n = t.child(e, kW, "name"))
                if (const std::string* v = XmlTree::attribute(*n, kW, "val")) s.name = *v;
            if (const XmlElement* b = t.child(e, kW, "basedOn"))
                if (const std::string* v = XmlTree::attribute(*b, kW, "val")) s.based_on = *v;
            styles_.push_back(std::move(s));
        }
        if (!theme.empty()) {
            std::string error;
            if (auto tt = parse_xml(theme, error)) {
                for (const XmlElement& e : tt->elements) {
                    if (e.ns != kA || (e.name != "majorFont" && e.name != "minorFont")) continue;
                    if (const XmlElement* latin = tt->child(e, kA, "latin"))
                        if (const std::string* v = XmlTree::attribute(*latin, "", "typeface")) (e.name == "majorFont" ? major_ : minor_) = *v;
                }
            }
        }
    }

    const StyleInfo* by_name(std::string_view type, std::string_view name) const {
        for (const auto& s : styles_)
            if (s.type == type && iequals(s.name, name)) return &s;
        return nullptr;
    }
    const StyleInfo* by_id(std::string_view id) const {
        for (const auto& s : styles_)
            if (s.id == id) return &s;
        return nullptr;
    }
    const StyleInfo* default_of(std::string_view type) const {
        for (const auto& s : styles_) {
            const std::string* d = XmlTree::attribute(*s.e, kW, "default");
            if (s.type == type && d && (*d == "1" || *d == "true" || *d == "on")) return &s;
        }
        return nullptr;
    }
    bool id_taken(std::string_view id) const { return by_id(id) != nullptr; }

    Resolved resolve(const StyleInfo* s) const {
        Resolved r;
        std::set<std::string> seen;  // a basedOn loop ends the chain
        for (; s && seen.insert(s->id).second; s = s->based_on.empty() ? nullptr : by_id(s->based_on)) {
            take(*s->e, r);
            if (const XmlElement* ppr = t_.child(*s->e, kW, "pPr"); ppr && t_.child(*ppr, kW, "numPr")) r.numbered = true;
        }
        if (defaults_)
            if (const XmlElement* rd = t_.child(*defaults_, kW, "rPrDefault")) take(*rd, r);
        if (r.half_points <= 0) r.half_points = 20;  // Word's size when nothing sets one
        return r;
    }

private:
    // The font and size of an element's w:rPr, where not found already.
    void take(const XmlElement& holder, Resolved& r) const {
        const XmlElement* rpr = t_.child(holder, kW, "rPr");
        if (!rpr) return;
        if (const XmlElement* sz = t_.child(*rpr, kW, "sz"); sz && r.half_points <= 0)
            if (const std::string* v = XmlTree::attribute(*sz, kW, "val")) r.half_points = std::atoi(v->c_str());
        const XmlElement* fonts = t_.child(*rpr, kW, "rFonts");
        if (!fonts || r.font_found) return;
        for (const char* attr : {"ascii", "hAnsi"})
            if (const std::string* v = XmlTree::attribute(*fonts, kW, attr)) {
                r.font = *v;
                r.font_found = true;
                return;
            }
        for (const char* attr : {"asciiTheme", "hAnsiTheme"})
            if (const std::string* v = XmlTree::attribute(*fonts, kW, attr)) {
                r.font = v->rfind("major", 0) == 0 ? major_ : minor_;  // "" when the theme does not say: estimated wide
                r.font_found = true;
                return;
            }
    }

    const XmlTree& t_;
    const XmlElement* defaults_ = nullptr;
    std::vector<StyleInfo> styles_;
    std::string major_, minor_;
};

// Our whole styles part, when there is no template.
std::string own_styles_head() {
    return fmt::format(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"{}\"><w:docDefaults><w:rPrDefault><w:rPr>"
        "<w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:eastAsia=\"Arial\" w:cs=\"Arial\"/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>"
        "<w:lang w:val=\"sv-SE\" w:eastAsia=\"en-US\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        "<w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
        "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/>"
        "<w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"
        "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/>"
        "<w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>"
        "<w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar>"
        "</w:tblPr></w:style>",
        kW);
}

}  // namespace

std::optional<DocxTemplate> read_docx_template(const std::string& path, std::string& error) {
    std::string why;
    auto bytes = read_file_bytes(path, &why);
    if (!bytes) {
        error = "filen kan inte läsas: " + why;
        return std::nullopt;
    }
    // An OLE2 compound file: a Word 97–2003 document, or a .docx saved with a password.
    if (bytes->rfind("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 0) == 0) {
        error = "filen är ett äldre Word-dokument (.doc) eller ett lösenordsskyddat; spara mallen som Word-dokument (.docx) "
                "utan lösenord och ange den filen";
        return std::nullopt;
    }
    ZipReader zip;
    if (!zip.open(std::move(*bytes), why)) {
        error = why;
        return std::nullopt;
    }
    const std::string not_word = "filen är inget Word-dokument (.docx)";
    // A part as a tree whose root is `name` in `ns`.
    auto part = [&](const std::string& name, std::string_view ns, std::string_view root, std::string& text) -> std::optional<XmlTree> {
        auto data = zip.read(name, why);
        if (!data) {
            error = not_word + ": " + why;
            return std::nullopt;
        }
        auto tree = parse_xml(*data, why);
        if (!tree) {
            error = name + " är " + why;
            return std::nullopt;
        }
        if (tree->root().ns.rfind(kStrict, 0) == 0) {
            error = "dokumentet är sparat som Strict Open XML; spara det i Word som vanligt Word-dokument (.docx) och försök igen";
            return std::nullopt;
        }
        if (tree->root().ns != ns || tree->root().name != root) {
            error = not_word + ": " + name + " är inte den del som väntades";
            return std::nullopt;
        }
        text = std::move(*data);
        return tree;
    };
    std::string text;
    const auto package_rels = part("_rels/.rels", kPackageRels, "Relationships", text);
    if (!package_rels) return std::nullopt;
    const std::string main_target = target_of(*package_rels, "officeDocument");
    if (main_target.empty()) {
        error = not_word + ": paketet har inget huvuddokument";
        return std::nullopt;
    }
    const std::string main = resolve("", main_target);
    if (!part(main, kW, "document", text)) return std::nullopt;
    const std::string main_rels = rels_of(main);
    if (!zip.has(main_rels)) {
        error = "dokumentet har inga formatmallar (" + main_rels + " saknas)";
        return std::nullopt;
    }
    const auto rels = part(main_rels, kPackageRels, "Relationships", text);
    if (!rels) return std::nullopt;
    DocxTemplate t;
    const std::string styles = target_of(*rels, "styles");
    if (styles.empty()) {
        error = "dokumentet har inga formatmallar (ingen styles-del)";
        return std::nullopt;
    }
    if (!part(resolve(main, styles), kW, "styles", t.styles)) return std::nullopt;
    // The theme and font table are taken only when they stand alone (no
    // pictures or embedded fonts of their own, which we would not carry along).
    if (const std::string theme = target_of(*rels, "theme"); !theme.empty()) {
        const std::string name = resolve(main, theme);
        if (!part(name, kA, "theme", t.theme)) return std::nullopt;
        if (zip.has(rels_of(name))) t.theme.clear();
    }
    if (const std::string numbering = target_of(*rels, "numbering"); !numbering.empty())
        if (!part(resolve(main, numbering), kW, "numbering", t.numbering)) return std::nullopt;
    if (const std::string fonts = target_of(*rels, "fontTable"); !fonts.empty()) {
        const std::string name = resolve(main, fonts);
        if (!part(name, kW, "fonts", t.font_table)) return std::nullopt;
        if (zip.has(rels_of(name))) t.font_table.clear();
    }
    return t;
}

DocxStyles docx_styles(const DocxTemplate* mall) {
    DocxStyles out;
    std::string styles;
    std::string ns;
    if (mall) {
        styles = mall->styles;
        ns = fmt::format(" xmlns:w=\"{}\"", kW);
        out.theme_xml = mall->theme;
        out.font_table_xml = mall->font_table;
        if (!mall->numbering.empty()) out.numbering_xml = merge_numbering(mall->numbering, out.bullet_num);
    }
    if (out.numbering_xml.empty()) {
        out.bullet_num = 1;
        out.numbering_xml = fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:numbering xmlns:w=\"{}\">{}{}</w:numbering>",
                                        kW, bullet_abstract(1, ""), bullet_num(1, 1, ""));
    }
    if (!mall) styles = own_styles_head() + "</w:styles>";

    // The roles the styles part has by name; ours for the rest, with ids it does not use.
    std::string error;
    std::string added;
    {
        const auto tree = parse_xml(styles, error);
        const StyleSheet sheet(*tree, out.theme_xml);
        std::string normal;
        if (const StyleInfo* s = sheet.by_name("paragraph", "Normal")) normal = s->id;
        else if (const StyleInfo* d = sheet.default_of("paragraph")) normal = d->id;
        std::set<std::string> used;
        for (const RoleSpec& r : kRoles) {
            std::string& id = out.ids[static_cast<std::size_t>(r.role)];
            if (r.role == StyleRole::Normal && !normal.empty()) {
                id = normal;
                continue;
            }
            if (const StyleInfo* s = sheet.by_name(r.type, r.name)) {
                id = s->id;
                continue;
            }
            id = r.id;
            for (int n = 2; sheet.id_taken(id) || used.count(id); ++n) id = fmt::format("{}{}", r.id, n);
            used.insert(id);
            if (r.role == StyleRole::Normal) normal = id;
            added += definition(r, id, normal, out.bullet_num, ns);
        }
        const std::size_t at = tree->root().end_tag;
        styles.insert(at, added);
    }
    out.styles_xml = std::move(styles);

    // What the final part says about lists and the table text.
    const auto tree = parse_xml(out.styles_xml, error);
    const StyleSheet sheet(*tree, out.theme_xml);
    out.list_numbered[0] = sheet.resolve(sheet.by_id(out.id(StyleRole::ListBullet))).numbered;
    out.list_numbered[1] = sheet.resolve(sheet.by_id(out.id(StyleRole::ListBullet2))).numbered;
    const Resolved text = sheet.resolve(sheet.by_id(out.id(StyleRole::TableText)));
    const Resolved table = sheet.resolve(sheet.by_id(out.id(StyleRole::TableGrid)));
    out.table_half_points = text.half_points;
    out.table_font = font_class(text.font) == FontClass::Arial && (!table.font_found || font_class(table.font) == FontClass::Arial)
                         ? FontClass::Arial
                         : FontClass::Wide;
    return out;
}

}  // namespace malkoll
