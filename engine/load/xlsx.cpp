#include "engine/load/xlsx.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <unordered_map>

#include <expat.h>
#include <fmt/format.h>
#include <zip.h>

#include "engine/core/source.hpp"
#include "engine/core/text.hpp"

namespace malkoll {

// ---- number formats ---------------------------------------------------------

NumberShape builtin_number_shape(std::uint32_t id) {
    using K = NumberShape::Kind;
    switch (id) {
        case 1: case 3: case 5: case 6: case 37: case 38: case 41: case 42: return {K::Fixed, 0};
        case 2: case 4: case 7: case 8: case 39: case 40: case 43: case 44: return {K::Fixed, 2};
        case 9: return {K::Percent, 0};
        case 10: return {K::Percent, 2};
        default: break;
    }
    // Dates and times: 14–22, 45–47, and the East Asian ones 27–36 and 50–58.
    if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)) return {K::Date, -1};
    return {};  // General, scientific (11, 48), fractions (12, 13), text (49)
}

NumberShape number_shape(std::string_view code) {
    using K = NumberShape::Kind;
    // The first section is the one for positive numbers (and all, when it is the only one).
    bool percent = false, date = false, other = false, digits = false, point = false;
    int decimals = 0;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c == ';') break;
        if (c == '"') {  // literal text
            const std::size_t close = code.find('"', i + 1);
            if (close == std::string_view::npos) break;
            i = close;
        } else if (c == '\\' || c == '_' || c == '*') {
            ++i;  // an escaped character, a space as wide as one, a fill character
        } else if (c == '[') {  // a colour, a condition, a locale; [h], [mm], [ss] are elapsed time
            const std::size_t close = code.find(']', i + 1);
            if (close == std::string_view::npos) break;
            const std::string_view inside = code.substr(i + 1, close - i - 1);
            if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos) date = true;
            i = close;
        } else if (c == '%') {
            percent = true;
        } else if (c == '0' || c == '#' || c == '?') {
            digits = true;
            if (point) ++decimals;
        } else if (c == '.') {
            point = point || digits || (i + 1 < code.size() && (code[i + 1] == '0' || code[i + 1] == '#' || code[i + 1] == '?'));
        } else if ((c == 'E' || c == 'e') && i + 1 < code.size() && (code[i + 1] == '+' || code[i + 1] == '-')) {
            other = true;  // scientific
        } else if (c == '/') {
            if (digits) other = true;  // a fraction
        } else if ((c == 'G' || c == 'g') && fold_word(code.substr(i, 7)) == "general") {
            i += 6;
        } else if (std::string_view("yYdDhHsSmM").find(c) != std::string_view::npos) {
            date = true;
        }
    }
    if (date) return {K::Date, -1};
    if (other) return {};
    if (percent) return {K::Percent, static_cast<std::int8_t>(std::min(decimals, 30))};
    if (digits) return {K::Fixed, static_cast<std::int8_t>(std::min(decimals, 30))};
    return {};
}

// ---- dates ------------------------------------------------------------------

namespace {

// Days since 1970-01-01 of a civil date, and back (proleptic Gregorian).
long long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const long long yoe = y - era * 400;
    const long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(long long z) {
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const long long doe = z - era * 146097;
    const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long long mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return CivilDate{static_cast<int>(yoe + era * 400 + (m <= 2)), m, d};
}

}  // namespace

std::optional<CivilDate> excel_date(double serial, bool date1904) {
    // 1900: 1 is 1 January 1900; 1904: 0 is 1 January 1904. Up to 31 December 9999.
    if (!(serial >= (date1904 ? 0 : 1) && serial <= (date1904 ? 2957003 : 2958465)) || serial != std::floor(serial)) return std::nullopt;
    const auto n = static_cast<long long>(serial);
    if (date1904) return civil_from_days(days_from_civil(1904, 1, 1) + n);
    // The 1900 system counts a 29 February 1900 that never was (serial 60), as Lotus 1-2-3 did.
    if (n == 60) return std::nullopt;
    return civil_from_days(days_from_civil(1899, 12, n < 60 ? 31 : 30) + n);
}

// ---- numbers ----------------------------------------------------------------

Decimal cell_decimal(double stored, NumberShape shape) {
    if (!std::isfinite(stored)) return Decimal{stored, -1};
    // 15 significant digits, as Excel shows and computes, as "d.ddd…e±XX".
    // The shortest digits that read back as the double are those digits when
    // there are at most 15 of them (the usual case, and quick); else printf rounds.
    char buf[40];
    auto r = std::to_chars(buf, buf + sizeof buf, std::fabs(stored), std::chars_format::scientific);
    std::string_view sci(buf, static_cast<std::size_t>(r.ptr - buf));
    if (sci.find('e') > 16) {
        std::snprintf(buf, sizeof buf, "%.14e", std::fabs(stored));
        sci = buf;
    }
    const std::size_t e = sci.find('e');
    std::string_view digits = sci.substr(0, e);
    int exponent = 0;
    const std::size_t sign = e + 1 + (sci[e + 1] == '+' ? 1 : 0);
    std::from_chars(sci.data() + sign, sci.data() + sci.size(), exponent);
    if (shape.kind == NumberShape::Kind::Percent) exponent += 2;  // 0.173 shown as 17,3 %
    while (digits.size() > 2 && digits.back() == '0') digits.remove_suffix(1);
    if (digits.back() == '.') digits.remove_suffix(1);
    const int own_digits = digits.size() > 2 ? static_cast<int>(digits.size()) - 2 : 0;  // after "d."
    // That decimal (at most 15 significant digits: the double nearest to it
    // reads back as it), rounded as the value policy rounds (dec_round) to
    // the format's decimals; a General number keeps the ones it has. At most 15.
    const std::string text = fmt::format("{}{}e{}", stored < 0 ? "-" : "", digits, exponent);
    double v = 0;
    std::from_chars(text.data(), text.data() + text.size(), v);
    const int own = std::max(0, own_digits - exponent);
    const bool fixed = shape.kind == NumberShape::Kind::Fixed || shape.kind == NumberShape::Kind::Percent;
    return dec_round(Decimal{v, -1}, std::min(fixed ? std::max<int>(0, shape.decimals) : own, 15));
}

// ---- XML in a zip -----------------------------------------------------------

namespace {

// An expat name "uri|local" (namespaces on: some writers prefix every
// element, `x:c`) without its namespace.
std::string_view local_name(const char* name) {
    const std::string_view s(name);
    const std::size_t bar = s.rfind('|');
    return bar == std::string_view::npos ? s : s.substr(bar + 1);
}

const char* attribute(const char** atts, std::string_view name) {
    for (; *atts; atts += 2)
        if (local_name(atts[0]) == name) return atts[1];
    return nullptr;
}

// What a part's parser is told.
class XmlHandler {
public:
    virtual ~XmlHandler() = default;
    virtual void start(std::string_view name, const char** atts) = 0;
    virtual void end(std::string_view name) = 0;
    virtual void text(std::string_view) {}
    std::string problem;  // set to stop the parse with this reason
    bool malformed = false;  // set by parse_part: the part is no well-formed XML
};

struct ParseState {
    XmlHandler* h = nullptr;
    XML_Parser parser = nullptr;
    bool doctype = false;
};

void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char** atts) {
    auto* s = static_cast<ParseState*>(data);
    s->h->start(local_name(name), atts);
    if (!s->h->problem.empty()) XML_StopParser(s->parser, XML_FALSE);
}
void XMLCALL on_end(void* data, const XML_Char* name) {
    auto* s = static_cast<ParseState*>(data);
    s->h->end(local_name(name));
    if (!s->h->problem.empty()) XML_StopParser(s->parser, XML_FALSE);
}
void XMLCALL on_text(void* data, const XML_Char* text, int len) {
    static_cast<ParseState*>(data)->h->text(std::string_view(text, static_cast<std::size_t>(len)));
}
// A workbook's parts never declare a document type: one that does (entities
// that expand) is refused before any of it is read.
void XMLCALL on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    auto* s = static_cast<ParseState*>(data);
    s->doctype = true;
    XML_StopParser(s->parser, XML_FALSE);
}

struct ZipArchive {
    zip_t* z = nullptr;
    ~ZipArchive() {
        if (z) zip_discard(z);
    }
};

std::int64_t locate(zip_t* z, const std::string& path) {
    zip_int64_t i = zip_name_locate(z, path.c_str(), 0);
    if (i < 0) i = zip_name_locate(z, path.c_str(), ZIP_FL_NOCASE);
    return i;
}

// Streams the part `path` through expat into `h`. "" when read (or absent and
// not `required`), else the reason in Swedish.
std::string parse_part(zip_t* z, const std::string& path, XmlHandler& h, bool required) {
    const std::int64_t index = locate(z, path);
    if (index < 0) return required ? fmt::format("delen {} saknas", path) : std::string();
    zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(index), 0);
    if (!f) return fmt::format("delen {} kan inte packas upp ({})", path, zip_strerror(z));
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> closer(f, zip_fclose);
    std::unique_ptr<std::remove_pointer_t<XML_Parser>, void (*)(XML_Parser)> parser(XML_ParserCreateNS(nullptr, '|'), XML_ParserFree);
    if (!parser) return "minnet räcker inte";
    ParseState state{&h, parser.get(), false};
    XML_SetUserData(parser.get(), &state);
    XML_SetElementHandler(parser.get(), on_start, on_end);
    XML_SetCharacterDataHandler(parser.get(), on_text);
    XML_SetStartDoctypeDeclHandler(parser.get(), on_doctype);
    std::vector<char> buf(1 << 16);
    std::size_t total = 0;
    for (;;) {
        const zip_int64_t n = zip_fread(f, buf.data(), buf.size());
        if (n < 0) return fmt::format("delen {} kan inte packas upp ({})", path, zip_file_strerror(f));
        total += static_cast<std::size_t>(n);
        if (total > kMaxInputBytes) return fmt::format("delen {} är större än 1 024 MB uppackad", path);
        if (XML_Parse(parser.get(), buf.data(), static_cast<int>(n), n == 0) == XML_STATUS_ERROR) {
            if (!h.problem.empty()) return h.problem;
            if (state.doctype) return fmt::format("delen {} har en dokumenttypdeklaration (DOCTYPE), som en arbetsbok aldrig har", path);
            h.malformed = true;
            return fmt::format("delen {} är ingen giltig XML (rad {})", path, XML_GetCurrentLineNumber(parser.get()));
        }
        if (n == 0) break;
    }
    return {};
}

// ---- relationships, workbook, styles, shared strings ------------------------

struct Relationship {
    std::string id, type, target;
};

class RelsHandler : public XmlHandler {
public:
    std::vector<Relationship> rels;
    void start(std::string_view name, const char** atts) override {
        if (name != "Relationship") return;
        const char* id = attribute(atts, "Id");
        const char* type = attribute(atts, "Type");
        const char* target = attribute(atts, "Target");
        const char* mode = attribute(atts, "TargetMode");
        if (id && target && !(mode && std::string_view(mode) == "External")) rels.push_back({id, type ? type : "", target});
    }
    void end(std::string_view) override {}
};

bool type_is(const Relationship& r, std::string_view what) {
    return r.type.size() > what.size() && r.type.compare(r.type.size() - what.size(), what.size(), what) == 0 &&
           r.type[r.type.size() - what.size() - 1] == '/';
}

// A relationship's target as a path in the zip: relative to the folder of
// the part that names it, or absolute from the package's root.
std::string resolve(const std::string& from_part, const std::string& target) {
    std::string path = target.rfind('/', 0) == 0 ? target.substr(1) : from_part.substr(0, from_part.rfind('/') + 1) + target;
    std::vector<std::string> parts;
    std::size_t at = 0;
    while (at <= path.size()) {
        std::size_t slash = path.find('/', at);
        if (slash == std::string::npos) slash = path.size();
        const std::string part = path.substr(at, slash - at);
        if (part == "..") {
            if (!parts.empty()) parts.pop_back();
        } else if (!part.empty() && part != ".") {
            parts.push_back(part);
        }
        at = slash + 1;
    }
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
    return out;
}

std::string rels_of(const std::string& part) {
    const std::size_t slash = part.rfind('/');
    return slash == std::string::npos ? "_rels/" + part + ".rels" : part.substr(0, slash + 1) + "_rels/" + part.substr(slash + 1) + ".rels";
}

struct SheetEntry {
    std::string name, rel;
};

class WorkbookHandler : public XmlHandler {
public:
    std::vector<SheetEntry> sheets;
    bool date1904 = false;
    void start(std::string_view name, const char** atts) override {
        if (name == "sheet") {
            const char* n = attribute(atts, "name");
            const char* id = attribute(atts, "id");
            if (n && id) sheets.push_back({n, id});
        } else if (name == "workbookPr") {
            const char* d = attribute(atts, "date1904");
            date1904 = d && (std::string_view(d) == "1" || std::string_view(d) == "true");
        }
    }
    void end(std::string_view) override {}
};

class StylesHandler : public XmlHandler {
public:
    std::unordered_map<std::uint32_t, std::string> formats;  // numFmtId → formatCode
    std::vector<std::uint32_t> cell_formats;                 // cellXfs: xf index → numFmtId
    void start(std::string_view name, const char** atts) override {
        if (name == "numFmt") {
            const char* id = attribute(atts, "numFmtId");
            const char* code = attribute(atts, "formatCode");
            std::uint32_t n = 0;
            if (id && code && parse_u32(id, n)) formats[n] = code;
        } else if (name == "cellXfs") {
            in_cell_xfs_ = true;
        } else if (name == "xf" && in_cell_xfs_) {
            const char* id = attribute(atts, "numFmtId");
            std::uint32_t n = 0;
            if (id) parse_u32(id, n);
            cell_formats.push_back(n);
        }
    }
    void end(std::string_view name) override {
        if (name == "cellXfs") in_cell_xfs_ = false;
    }
    static bool parse_u32(std::string_view s, std::uint32_t& out) {
        return std::from_chars(s.data(), s.data() + s.size(), out).ec == std::errc{};
    }

private:
    bool in_cell_xfs_ = false;
};

// Excel escapes a character XML cannot hold as _xHHHH_ (a carriage return
// is _x000D_); _x005F_ escapes the underscore itself.
std::string unescape_ooxml(std::string s) {
    if (s.find("_x") == std::string::npos) return s;
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
            int cp = 0;
            bool ok = true;
            for (std::size_t k = 2; k < 6; ++k) {
                const int h = hex(s[i + k]);
                ok = ok && h >= 0;
                cp = cp * 16 + std::max(h, 0);
            }
            if (ok && !(cp >= 0xD800 && cp <= 0xDFFF)) {  // a lone surrogate is no character: kept as written
                if (cp < 0x80) {
                    out += static_cast<char>(cp);
                } else if (cp < 0x800) {
                    out += static_cast<char>(0xC0 | (cp >> 6));
                    out += static_cast<char>(0x80 | (cp & 0x3F));
                } else {
                    out += static_cast<char>(0xE0 | (cp >> 12));
                    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                    out += static_cast<char>(0x80 | (cp & 0x3F));
                }
                i += 6;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

// The text of a string item: its <t>, or its runs' <t> joined; the phonetic
// guides (<rPh>) are not part of the text.
class RichText {
public:
    void start(std::string_view name) {
        if (name == "rPh") ++phonetic_;
        else if (name == "t" && phonetic_ == 0) in_t_ = true;
    }
    void end(std::string_view name) {
        if (name == "rPh" && phonetic_ > 0) --phonetic_;
        else if (name == "t") in_t_ = false;
    }
    void text(std::string_view s) {
        if (in_t_) text_ += s;
    }
    std::string take() {
        in_t_ = false;
        phonetic_ = 0;
        return unescape_ooxml(std::move(text_));
    }

private:
    std::string text_;
    bool in_t_ = false;
    int phonetic_ = 0;
};

class SharedStringsHandler : public XmlHandler {
public:
    std::vector<std::string> strings;
    void start(std::string_view name, const char**) override {
        if (name == "si") in_si_ = true;
        else if (in_si_) item_.start(name);
    }
    void end(std::string_view name) override {
        if (name == "si") {
            strings.push_back(item_.take());
            in_si_ = false;
        } else if (in_si_) {
            item_.end(name);
        }
    }
    void text(std::string_view s) override {
        if (in_si_) item_.text(s);
    }

private:
    bool in_si_ = false;
    RichText item_;
};

// ---- the sheet --------------------------------------------------------------

constexpr std::size_t kMaxCells = 10'000'000;
constexpr std::uint32_t kMaxRow = 1'048'576, kMaxColumn = 16'384;

// "C7" → (7, 3); false when it is not a cell reference.
bool parse_reference(std::string_view r, std::uint32_t& row, std::uint32_t& col) {
    std::size_t i = 0;
    std::uint32_t c = 0;
    while (i < r.size() && ((r[i] >= 'A' && r[i] <= 'Z') || (r[i] >= 'a' && r[i] <= 'z'))) {
        c = c * 26 + static_cast<std::uint32_t>((r[i] | 0x20) - 'a' + 1);
        if (c > kMaxColumn) return false;
        ++i;
    }
    std::uint32_t n = 0;
    if (i == 0 || i == r.size() || std::from_chars(r.data() + i, r.data() + r.size(), n).ptr != r.data() + r.size()) return false;
    if (n == 0 || n > kMaxRow) return false;
    row = n;
    col = c;
    return true;
}

class SheetHandler : public XmlHandler {
public:
    SheetHandler(const std::vector<std::string>& strings, const std::vector<NumberShape>& shapes, bool date1904, std::string part)
        : strings_(strings), shapes_(shapes), date1904_(date1904), part_(std::move(part)) {}

    std::vector<XlsxCell> cells;
    // The cell being read, or the last one (column 0: a row begun, no cell yet); row 0 before any.
    std::uint32_t cell_row() const { return row_; }
    std::uint32_t cell_col() const { return col_; }

    void start(std::string_view name, const char** atts) override {
        if (name == "row") {
            const char* r = attribute(atts, "r");
            std::uint32_t n = 0;
            if (r && std::from_chars(r, r + std::strlen(r), n).ec == std::errc{} && n >= 1 && n <= kMaxRow) row_ = n;
            else ++row_;
            col_ = 0;
        } else if (name == "c") {
            in_c_ = true;
            cell_ = XlsxCell{};
            const char* r = attribute(atts, "r");
            std::uint32_t row = 0, col = 0;
            if (r && !parse_reference(r, row, col)) {
                problem = fmt::format("{} har cellen '{}', som ingen cell i Excel heter", part_, r);
                return;
            }
            if (!r) row = std::max<std::uint32_t>(row_, 1), col = col_ + 1;
            row_ = row;
            col_ = col;
            cell_.row = row;
            cell_.col = col;
            const char* t = attribute(atts, "t");
            type_ = t ? t : "";
            style_ = 0;
            if (const char* s = attribute(atts, "s")) std::from_chars(s, s + std::strlen(s), style_);
            v_.clear();
            f_.clear();
            has_v_ = has_f_ = has_is_ = false;
        } else if (in_c_) {
            if (name == "v") in_v_ = true, has_v_ = true;
            else if (name == "f") in_f_ = true, has_f_ = true;
            else if (name == "is") in_is_ = true, has_is_ = true;
            else if (in_is_) inline_.start(name);
        }
    }

    void end(std::string_view name) override {
        if (name == "c" && in_c_) {
            in_c_ = false;
            finish();
        } else if (name == "v") {
            in_v_ = false;
        } else if (name == "f") {
            in_f_ = false;
        } else if (name == "is") {
            in_is_ = false;
        } else if (in_is_) {
            inline_.end(name);
        }
    }

    void text(std::string_view s) override {
        if (in_v_) v_ += s;
        else if (in_f_) f_ += s;
        else if (in_is_) inline_.text(s);
    }

private:
    void finish() {
        using K = XlsxCell::Kind;
        XlsxCell& c = cell_;
        if (has_f_ && (!has_v_ || (v_.empty() && type_ != "str" && type_ != "inlineStr"))) {
            c.kind = K::Uncached;
            c.text = unescape_ooxml(f_);
        } else if (type_ == "s") {
            std::size_t k = 0;
            if (std::from_chars(v_.data(), v_.data() + v_.size(), k).ptr != v_.data() + v_.size() || k >= strings_.size()) {
                problem = fmt::format("{}: cellen {}{} hänvisar till en delad text som saknas", part_, column_letters(c.col), c.row);
                return;
            }
            c.text = strings_[k];
        } else if (type_ == "str") {
            c.text = unescape_ooxml(v_);
        } else if (type_ == "inlineStr") {
            c.text = inline_.take();
            if (has_v_ && c.text.empty()) c.text = unescape_ooxml(v_);
        } else if (type_ == "b") {
            c.kind = K::Boolean;
            c.number = v_ == "1" || v_ == "true" ? 1 : 0;
        } else if (type_ == "e") {
            c.kind = K::Error;
            c.text = v_;
        } else if (type_ == "d") {  // an ISO 8601 date (strict files): "2024-08-31" or "2024-08-31T00:00:00"
            c.kind = K::Number;
            c.shape = {NumberShape::Kind::Date, -1};
            c.text = v_;
            int y = 0, m = 0, d = 0;
            const bool whole_day = v_.size() == 10 || v_.substr(10) == "T00:00:00" || v_.substr(10) == "T00:00:00Z";
            if (v_.size() >= 10 && v_[4] == '-' && v_[7] == '-' && whole_day && std::from_chars(v_.data(), v_.data() + 4, y).ec == std::errc{} &&
                std::from_chars(v_.data() + 5, v_.data() + 7, m).ec == std::errc{} && std::from_chars(v_.data() + 8, v_.data() + 10, d).ec == std::errc{})
                c.date = CivilDate{y, m, d};
        } else {
            if (!has_v_ || v_.empty()) return;  // an empty cell, perhaps with a format
            double n = 0;
            const auto [end, ec] = std::from_chars(v_.data(), v_.data() + v_.size(), n);
            if (ec != std::errc{} || end != v_.data() + v_.size() || !std::isfinite(n)) {
                problem = fmt::format("{}: cellen {}{} har talet '{}', som inte går att läsa", part_, column_letters(c.col), c.row, shortened(v_, 40));
                return;
            }
            c.kind = K::Number;
            c.number = n;
            c.shape = style_ < shapes_.size() ? shapes_[style_] : NumberShape{};
            if (c.shape.kind == NumberShape::Kind::Date) c.date = excel_date(n, date1904_);
        }
        if (c.kind == K::Text && c.text.empty()) return;
        if (cells.size() >= kMaxCells) {
            problem = fmt::format("bladet har fler än {} celler med innehåll", "10 miljoner");
            return;
        }
        cells.push_back(std::move(c));
    }

    static std::string column_letters(std::uint32_t col) {
        std::string s;
        for (; col > 0; col = (col - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (col - 1) % 26));
        return s;
    }

    const std::vector<std::string>& strings_;
    const std::vector<NumberShape>& shapes_;
    bool date1904_;
    std::string part_;
    std::uint32_t row_ = 0, col_ = 0;
    bool in_c_ = false, in_v_ = false, in_f_ = false, in_is_ = false;
    bool has_v_ = false, has_f_ = false, has_is_ = false;
    XlsxCell cell_;
    std::string type_, v_, f_;
    std::uint32_t style_ = 0;
    RichText inline_;
};

}  // namespace

XlsxRead read_xlsx(std::string_view bytes, std::string_view wanted) {
    XlsxRead out;
    auto fail = [&](std::string why) {
        out.error = std::move(why);
        out.sheet.reset();
        return out;
    };
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!source) return fail("minnet räcker inte");
    ZipArchive archive;
    archive.z = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (!archive.z) {
        zip_source_free(source);
        zip_error_fini(&error);
        return fail("zip-filen är skadad eller ofullständig");
    }
    zip_error_fini(&error);
    zip_t* z = archive.z;

    // The workbook part: where the package's relationships say, usually xl/workbook.xml.
    RelsHandler root;
    if (std::string why = parse_part(z, "_rels/.rels", root, false); !why.empty()) return fail(why);
    std::string workbook_part = "xl/workbook.xml";
    for (const auto& r : root.rels)
        if (type_is(r, "officeDocument")) workbook_part = resolve("", r.target);
    if (locate(z, workbook_part) < 0) return fail("zip-filen har ingen arbetsbok (delen xl/workbook.xml saknas)");
    WorkbookHandler workbook;
    if (std::string why = parse_part(z, workbook_part, workbook, true); !why.empty()) return fail(why);
    RelsHandler rels;
    if (std::string why = parse_part(z, rels_of(workbook_part), rels, false); !why.empty()) return fail(why);
    auto target = [&](std::string_view id) -> const Relationship* {
        for (const auto& r : rels.rels)
            if (r.id == id) return &r;
        return nullptr;
    };

    // The worksheets (not chart sheets), and the one asked for.
    const SheetEntry* chosen = nullptr;
    std::string chosen_part;
    bool chart = false;
    for (const auto& s : workbook.sheets) {
        const Relationship* r = target(s.rel);
        const bool worksheet = r && type_is(*r, "worksheet");
        if (worksheet) out.sheets.push_back(s.name);
        const bool match = wanted.empty() ? worksheet && !chosen : (s.name == wanted || (!chosen && word_key(s.name) == word_key(wanted)));
        if (!match) continue;
        if (!worksheet) {
            chart = true;
            continue;
        }
        if (!chosen || s.name == wanted) {
            chosen = &s;
            chosen_part = resolve(workbook_part, r->target);
        }
    }
    if (!chosen) {
        if (wanted.empty()) return fail("arbetsboken har inget kalkylblad");
        if (chart) return fail(fmt::format("bladet '{}' är ett diagramblad, inte ett kalkylblad med celler", wanted));
        out.unknown_sheet = true;
        return fail(fmt::format("arbetsboken har inget blad som heter '{}'", wanted));
    }

    // Number formats, per cell style.
    StylesHandler styles;
    SharedStringsHandler shared;
    for (const auto& r : rels.rels) {
        std::string why;
        if (type_is(r, "styles")) why = parse_part(z, resolve(workbook_part, r.target), styles, false);
        else if (type_is(r, "sharedStrings")) why = parse_part(z, resolve(workbook_part, r.target), shared, false);
        if (!why.empty()) return fail(why);
    }
    std::vector<NumberShape> shapes;
    shapes.reserve(styles.cell_formats.size());
    for (std::uint32_t id : styles.cell_formats) {
        const auto own = styles.formats.find(id);
        shapes.push_back(own != styles.formats.end() ? number_shape(own->second) : builtin_number_shape(id));
    }

    SheetHandler sheet(shared.strings, shapes, workbook.date1904, chosen_part);
    if (std::string why = parse_part(z, chosen_part, sheet, true); !why.empty()) {
        // The sheet's XML broke: at the cell it was in, or the last one before
        // the break, which the user can find; the XML's own line they cannot.
        if (sheet.malformed && sheet.cell_row()) {
            out.damaged_at = XlsxCellRef{chosen->name, sheet.cell_row(), std::max<std::uint32_t>(sheet.cell_col(), 1)};
            why = fmt::format("bladets XML (delen {}) är trasig i eller nära den här cellen", chosen_part);
        }
        return fail(why);
    }
    auto by_place = [](const XlsxCell& a, const XlsxCell& b) { return a.row != b.row ? a.row < b.row : a.col < b.col; };
    if (!std::is_sorted(sheet.cells.begin(), sheet.cells.end(), by_place)) std::stable_sort(sheet.cells.begin(), sheet.cells.end(), by_place);
    out.sheet = XlsxSheet{chosen->name, std::move(sheet.cells)};
    return out;
}

}  // namespace malkoll
