// `malkoll verify` (docs/revisorsguide.md) on a JSON report from memory:
// verify_report_text parses it, re-reads the inputs it names, runs the
// assessment again and compares. The inputs' paths are relative to the
// repository root (as in fixtures/*.json), so the target works from there.
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz/common.hpp"

using namespace malkoll;

namespace {

// Known faults being fixed in verify; while they are, inputs that reach them
// are skipped so the fuzzer looks for others. Set to 0 to look at them again.
#ifndef MALKOLL_FUZZ_SKIP_KNOWN
#define MALKOLL_FUZZ_SKIP_KNOWN 1
#endif

// Deepest nesting of [ and { outside strings.
std::size_t nesting(std::string_view s) {
    std::size_t depth = 0, deepest = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

// `"inputs": [...]` with an element that is not an object.
bool inputs_not_objects(std::string_view s) {
    const auto j = nlohmann::json::parse(s, nullptr, false);
    if (!j.is_object() || !j.contains("inputs") || !j["inputs"].is_array()) return false;
    for (const auto& in : j["inputs"])
        if (!in.is_object()) return true;
    return false;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
#ifdef MALKOLL_FUZZ_ROOT
    if (chdir(MALKOLL_FUZZ_ROOT) != 0) return 0;
#endif
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // The largest report in fixtures/ is 143 kB.
    if (size > 512 * 1024) return -1;
    const std::string_view json = fuzz::as_text(data, size);
    if (MALKOLL_FUZZ_SKIP_KNOWN && nesting(json) > 256) return -1;  // stack depth in verify
    std::ostringstream out, err;
    try {
        verify_report_text("rapport.json", json, out, err);
    } catch (const nlohmann::json::type_error&) {
        if (!(MALKOLL_FUZZ_SKIP_KNOWN && inputs_not_objects(json))) throw;
    }
    return 0;
}
