// Helpers shared by the fuzz targets (docs/arkitektur.md describes the stages).
#pragma once
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "engine/cli/pipeline.hpp"
#include "engine/core/diagnostic.hpp"
#include "engine/core/source.hpp"

namespace malkoll::fuzz {

// A broken contract is a finding: stop here so libFuzzer keeps the input.
inline void check(bool ok) {
    if (!ok) __builtin_trap();
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// Renders every diagnostic with its source line and caret, as `check` does,
// and checks that the counts add up.
inline void render_diagnostics(Diagnostics& diags, const SourceSet& sources) {
    std::ostringstream err;
    print_diagnostics(diags, sources, err);
    std::size_t errors = 0;
    for (const auto& d : diags.items()) errors += d.severity == Severity::Error;
    check(errors == diags.error_count());
    err << count_line(diags.error_count(), diags.warning_count());
}

// Length of the valid UTF-8 sequence at s[i], or 0.
inline std::size_t utf8_sequence(std::string_view s, std::size_t i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    std::size_t n = c < 0x80 ? 1 : (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3 : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
    if (n == 0 || i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((b(i + k) & 0xC0) != 0x80) return 0;
    if (n == 3 && ((c == 0xE0 && b(i + 1) < 0xA0) || (c == 0xED && b(i + 1) >= 0xA0))) return 0;
    if (n == 4 && ((c == 0xF0 && b(i + 1) < 0x90) || (c == 0xF4 && b(i + 1) >= 0x90))) return 0;
    return n;
}

// The bytes as the body of a YAML double-quoted scalar: quotes, backslashes
// and control characters escaped, valid UTF-8 kept, other bytes as \xNN.
inline std::string yaml_double_quoted(std::string_view s) {
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(s.size() + 8);
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        const std::size_t n = utf8_sequence(s, i);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20 || c == 0x7F || n == 0) {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out.append(s.substr(i, n));
            i += n;
            continue;
        }
        ++i;
    }
    return out;
}

}  // namespace malkoll::fuzz

#include "engine/assess/assess.hpp"
#include "engine/compile/model.hpp"
#include "engine/load/rule_file.hpp"
#include "engine/report/render.hpp"

namespace malkoll::fuzz {

// The rule file did not load as a structure (as in engine/cli/pipeline.cpp):
// nothing after can be checked against it.
inline bool structure_failed(const Diagnostics& d) {
    for (const auto& item : d.items())
        if (item.severity == Severity::Error &&
            (item.code.rfind("yaml.", 0) == 0 || item.code == "schema.root" || item.code == "io.read"))
            return true;
    return false;
}

// load() of engine/cli/pipeline.cpp from text, without the data files named
// under `utfall:` (nothing is read from disk). False when the structure failed.
inline bool load_and_compile(Loaded& l, const std::string& name, std::string text) {
    l.file = load_rule_text(name, std::move(text), l.sources, l.diags);
    if (structure_failed(l.diags)) return false;
    settle_values(l.file, l.diags);
    l.model = compile(l.file, l.sources, l.diags);
    return true;
}

// `explain` for one indicator or goal, text and JSON, into memory.
inline void explain(const ReportInput& in, ExplainTarget target) {
    std::ostringstream text, json;
    render_explain_text(in, target, text);
    render_explain_text(in, target, text, Space::NoBreak);
    render_explain_json(in, target, json);
}

}  // namespace malkoll::fuzz
