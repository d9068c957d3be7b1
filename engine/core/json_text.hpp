// Places in JSON text, for messages that point at a line and column: nlohmann
// gives a parse error's byte, but no position for a value it has read. Used
// by `verify` and `diff` on JSON reports.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace malkoll {

// A report from assess nests at most 11 deep: its traces are flat lists,
// however deep the rule (measured on rules/ and on 90 nested och/eller).
// Deeper JSON is refused before it is parsed.
inline constexpr std::size_t kMaxReportDepth = 64;

// The byte where the nesting of [ and { first goes deeper than `limit`, or
// npos. One pass, no recursion: a parser after it never sees a deep tree.
std::size_t json_too_deep_at(std::string_view text, std::size_t limit);

// One step of a path into a JSON document: a member's key or an element's index.
struct JsonStep {
    std::string key;        // the member, when is_key
    std::size_t index = 0;  // the element, otherwise
    bool is_key = true;
};

// "goals[2].indicators[0].id"; "" for the document itself.
std::string json_path_text(const std::vector<JsonStep>& path);

// The byte offset of the value at `path` in `text` (valid JSON, nested no
// deeper than json_too_deep_at allows), or of the deepest value on the way
// that exists: a missing member points at its object's `{`. Keys are
// compared as written (a report's keys hold no escapes).
std::size_t json_locate(std::string_view text, const std::vector<JsonStep>& path);

}  // namespace malkoll
