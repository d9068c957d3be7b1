// The rule file (docs/regelfil.md) from bytes: the YAML reader, the schema
// checks, the inline values and their policy, then compile, in the order of
// load() in engine/cli/pipeline.cpp (data files named under `utfall:` are
// not read), and every diagnostic rendered with its source line.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/common.hpp"

using namespace malkoll;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // Rule files are kilobytes (the largest in rules/ is 36 kB).
    if (size > 256 * 1024) return -1;
    Loaded l;
    fuzz::load_and_compile(l, "input.yaml", std::string(fuzz::as_text(data, size)));
    fuzz::render_diagnostics(l.diags, l.sources);
    return 0;
}
