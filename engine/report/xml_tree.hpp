// A small read-only tree of an XML part (expat, with namespaces), for the
// parts the Word report takes from a template: each element's namespace,
// name, attributes and the byte offsets where it starts and ends, so
// definitions can be added to the part without rewriting it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace malkoll {

struct XmlElement {
    std::string ns, name;  // namespace URI ("" none) and local name
    std::vector<std::pair<std::string, std::string>> attributes;  // "URI name" or "name", value
    std::vector<std::uint32_t> children;
    std::size_t begin = 0;      // offset of its start tag
    std::size_t end_tag = 0;    // offset of its end tag (of the start tag when it is empty)
    std::size_t end = 0;        // offset after it
};

struct XmlTree {
    std::vector<XmlElement> elements;  // [0] is the root; children after their parent
    const XmlElement& root() const { return elements[0]; }
    // The value of attribute `name` in namespace `ns` ("" none); nullptr when absent.
    static const std::string* attribute(const XmlElement& e, std::string_view ns, std::string_view name);
    // The first child element with that namespace and name; nullptr none.
    const XmlElement* child(const XmlElement& e, std::string_view ns, std::string_view name) const;
};

// The tree, or nullopt with the reason in Swedish ("inte välformad XML (rad 3, kolumn 7)").
// Only UTF-8 (what Word writes); no external entities are read.
std::optional<XmlTree> parse_xml(std::string_view text, std::string& error);

// Text escaped for XML character data and attribute values; line breaks and
// tabs become spaces, and what XML cannot hold (controls, invalid UTF-8)
// becomes U+FFFD.
void append_xml_escaped(std::string& out, std::string_view text);
std::string xml_escaped(std::string_view text);

}  // namespace malkoll
