// A small YAML tree built from yaml-cpp's event parser: every node keeps its
// source position, duplicate keys are caught, and offsets inside a scalar
// (also block scalars) map back to file line and column.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <string>
#include <vector>

#include "engine/core/diagnostic.hpp"
#include "engine/core/source.hpp"

namespace malkoll {

enum class ScalarStyle : std::uint8_t { Plain, SingleQuoted, DoubleQuoted, Literal, Folded };

// Where a scalar stands in its file, enough to map an offset in its value
// back to the file (kept by the rule file's structs after the tree is gone).
struct ScalarRef {
    std::uint32_t line0 = 0;      // 0-based line …
    std::uint32_t col0 = 0;       // … and 0-based byte column
    std::uint32_t offset = 0;     // byte offset in the file
    ScalarStyle style = ScalarStyle::Plain;
};

// A node of the tree: 48 bytes, trivially copyable. Texts and children live
// in the YamlDocument (or, for a scalar written as it reads, in the source
// text itself), so a tree is a few large blocks, freed at once.
struct YNode {
    enum class Kind : std::uint8_t { Null, Scalar, Map, Seq };
    Kind kind = Kind::Null;
    ScalarStyle style = ScalarStyle::Plain;
    bool flow = false;            // {…} or […]
    std::uint32_t line0 = 0;      // 0-based line …
    std::uint32_t col0 = 0;       // … and 0-based byte column
    std::uint32_t offset = 0;     // byte offset in the file
    std::uint32_t count = 0;      // children: Seq elements; Map key, value, key, value …
    std::string_view text;        // scalar value
    const YNode* first = nullptr;

    bool is_scalar() const { return kind == Kind::Scalar; }
    bool is_map() const { return kind == Kind::Map; }
    bool is_seq() const { return kind == Kind::Seq; }
    bool is_null() const { return kind == Kind::Null; }
    std::span<const YNode> items() const { return {first, count}; }
    std::size_t map_size() const { return count / 2; }
    const YNode& key(std::size_t i) const { return first[2 * i]; }
    const YNode& value(std::size_t i) const { return first[2 * i + 1]; }
    ScalarRef ref() const { return ScalarRef{line0, col0, offset, style}; }
};

// The tree and the storage its nodes point into; valid while the SourceFile
// it was read from is.
struct YamlDocument {
    YNode root;
    bool ok = false;
    std::vector<std::unique_ptr<std::byte[]>> blocks;
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
Position scalar_position(const SourceFile& f, const ScalarRef& at, std::string_view value, std::size_t offset);

}  // namespace malkoll
