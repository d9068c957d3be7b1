// A small YAML tree built from yaml-cpp's event parser: every node keeps its
// source position, duplicate keys are caught, and offsets inside a scalar
// (also block scalars) map back to file line and column.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/diagnostic.hpp"
#include "engine/core/source.hpp"

namespace malkoll {

enum class ScalarStyle : std::uint8_t { Plain, SingleQuoted, DoubleQuoted, Literal, Folded };

struct YNode {
    enum class Kind : std::uint8_t { Null, Scalar, Map, Seq };
    Kind kind = Kind::Null;
    ScalarStyle style = ScalarStyle::Plain;
    bool flow = false;            // {…} or […]
    std::uint32_t line0 = 0;      // 0-based line …
    std::uint32_t col0 = 0;       // … and 0-based byte column
    std::uint32_t offset = 0;     // byte offset in the file
    std::string text;             // scalar value
    std::vector<YNode> items;     // Seq: elements; Map: key, value, key, value …

    bool is_scalar() const { return kind == Kind::Scalar; }
    bool is_map() const { return kind == Kind::Map; }
    bool is_seq() const { return kind == Kind::Seq; }
    bool is_null() const { return kind == Kind::Null; }
    std::size_t map_size() const { return items.size() / 2; }
    const YNode& key(std::size_t i) const { return items[2 * i]; }
    const YNode& value(std::size_t i) const { return items[2 * i + 1]; }
};

struct YamlDocument {
    YNode root;
    bool ok = false;
};

// Parses file `f` (already in a SourceSet). YAML errors, duplicate keys,
// aliases and tags end up in `diags` with Swedish explanations.
YamlDocument parse_yaml(const SourceFile& f, Diagnostics& diags);

// Position of the node itself (its first character).
Position node_position(const SourceFile& f, const YNode& n);
// Position of byte `offset` of a scalar's value, mapped through quoting,
// block indentation and folding. Where the mapping is not exact (escapes in
// double quotes), the scalar's start.
Position scalar_position(const SourceFile& f, const YNode& n, std::size_t offset);

}  // namespace malkoll
