#include "engine/report/xml_tree.hpp"

#include <algorithm>

#include <expat.h>
#include <fmt/format.h>

#include "engine/core/text.hpp"

namespace malkoll {

namespace {

constexpr char kSeparator = '\x01';  // between a name's namespace URI and local part

struct Builder {
    XML_Parser parser = nullptr;
    XmlTree tree;
    std::vector<std::uint32_t> open;

    static void split(const XML_Char* full, std::string& ns, std::string& name) {
        const std::string_view s(full);
        const auto at = s.find(kSeparator);
        if (at == std::string_view::npos) {
            ns.clear();
            name = s;
        } else {
            ns = s.substr(0, at);
            name = s.substr(at + 1);
        }
    }

    static void start(void* data, const XML_Char* name, const XML_Char** attrs) {
        auto& b = *static_cast<Builder*>(data);
        const auto index = static_cast<std::uint32_t>(b.tree.elements.size());
        XmlElement e;
        split(name, e.ns, e.name);
        for (const XML_Char** a = attrs; *a; a += 2) {
            std::string ans, aname;
            split(a[0], ans, aname);
            e.attributes.emplace_back(ans.empty() ? aname : ans + ' ' + aname, a[1]);
        }
        e.begin = static_cast<std::size_t>(XML_GetCurrentByteIndex(b.parser));
        if (!b.open.empty()) b.tree.elements[b.open.back()].children.push_back(index);
        b.tree.elements.push_back(std::move(e));
        b.open.push_back(index);
    }

    static void finish(void* data, const XML_Char*) {
        auto& b = *static_cast<Builder*>(data);
        XmlElement& e = b.tree.elements[b.open.back()];
        const auto at = static_cast<std::size_t>(XML_GetCurrentByteIndex(b.parser));
        e.end_tag = at;
        e.end = at + static_cast<std::size_t>(XML_GetCurrentByteCount(b.parser));
        b.open.pop_back();
    }
};

}  // namespace

const std::string* XmlTree::attribute(const XmlElement& e, std::string_view ns, std::string_view name) {
    for (const auto& [key, value] : e.attributes) {
        if (ns.empty() ? key == name
                       : key.size() == ns.size() + 1 + name.size() && key.compare(0, ns.size(), ns) == 0 && key[ns.size()] == ' ' &&
                             key.compare(ns.size() + 1, name.size(), name) == 0)
            return &value;
    }
    return nullptr;
}

const XmlElement* XmlTree::child(const XmlElement& e, std::string_view ns, std::string_view name) const {
    for (std::uint32_t c : e.children)
        if (elements[c].ns == ns && elements[c].name == name) return &elements[c];
    return nullptr;
}

std::optional<XmlTree> parse_xml(std::string_view text, std::string& error) {
    if (text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF'))) {
        error = "delen är skriven i UTF-16, inte UTF-8";
        return std::nullopt;
    }
    Builder b;
    b.parser = XML_ParserCreateNS("UTF-8", kSeparator);
    if (!b.parser) {
        error = "minnet räckte inte";
        return std::nullopt;
    }
    XML_SetUserData(b.parser, &b);
    XML_SetElementHandler(b.parser, &Builder::start, &Builder::finish);
    // Parsed in pieces below INT_MAX; the offsets count from the start.
    bool ok = true;
    constexpr std::size_t kPiece = std::size_t{1} << 30;
    for (std::size_t at = 0; ok; at += kPiece) {
        const std::size_t n = std::min(kPiece, text.size() - std::min(at, text.size()));
        const bool last = at + n >= text.size();
        ok = XML_Parse(b.parser, text.data() + at, static_cast<int>(n), last) == XML_STATUS_OK;
        if (last) break;
    }
    if (!ok) {
        // expat's own words are English: the place says enough.
        error = fmt::format("inte välformad XML (rad {}, kolumn {})", XML_GetCurrentLineNumber(b.parser),
                            XML_GetCurrentColumnNumber(b.parser) + 1);
        XML_ParserFree(b.parser);
        return std::nullopt;
    }
    XML_ParserFree(b.parser);
    if (b.tree.elements.empty()) {
        error = "delen har inget innehåll";
        return std::nullopt;
    }
    return std::move(b.tree);
}

void append_xml_escaped(std::string& out, std::string_view text) {
    std::string flat;
    flat.reserve(text.size());
    for (std::size_t k = 0; k < text.size(); ++k) {
        const char c = text[k];
        if (c == '\r' && k + 1 < text.size() && text[k + 1] == '\n') continue;
        flat += c == '\r' || c == '\n' || c == '\t' ? ' ' : c;
    }
    // Controls, invalid UTF-8 and the like as U+FFFD (display_line); what
    // XML 1.0 forbids beyond that: U+FFFE and U+FFFF.
    const std::string s = display_line(flat);
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\xEF':
                if (i + 2 < s.size() && s[i + 1] == '\xBF' && (s[i + 2] == '\xBE' || s[i + 2] == '\xBF')) {
                    out += "\xEF\xBF\xBD";
                    i += 2;
                    break;
                }
                out += c;
                break;
            default: out += c;
        }
    }
}

std::string xml_escaped(std::string_view text) {
    std::string s;
    append_xml_escaped(s, text);
    return s;
}

}  // namespace malkoll
