// `malkoll diff` on JSON reports from memory (docs/revisorsguide.md, section 4):
// read_report_json reads the input; a report it accepts is compared with
// itself (never a change) and with the Verksamhetsberättelse 2024 report both
// ways, and every diff is rendered in Markdown and JSON.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/report/report_diff.hpp"
#include "fuzz/common.hpp"

using namespace malkoll;

namespace {

void render(const ReportDiff& d) {
    std::ostringstream md, json;
    render_report_diff_markdown(d, md);
    render_report_diff_json(d, json);
    // The JSON is whole and counts its entries.
    const auto j = nlohmann::json::parse(json.str(), nullptr, false);
    fuzz::check(!j.is_discarded() && j["count"] == d.count());
    fuzz::check((d.count() == 0) == (md.str().find("\nInga ändringar.\n") != std::string::npos));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
#ifdef MALKOLL_FUZZ_ROOT
    if (chdir(MALKOLL_FUZZ_ROOT) != 0) return 0;
#endif
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 512 * 1024) return -1;
    SourceSet sources;
    Diagnostics diags;
    const auto report = read_report_json("rapport.json", fuzz::as_text(data, size), sources, diags);
    fuzz::check(report.has_value() != diags.has_errors());
    fuzz::render_diagnostics(diags, sources);
    if (!report) return 0;
    const ReportDiff self = diff_reports(*report, *report);
    fuzz::check(self.count() == 0);
    render(self);
    // The known report, read once (the replay runs from the repository root).
    static const std::optional<ReportSnapshot> known = [] {
        SourceSet s;
        Diagnostics d;
        const auto bytes = read_file_bytes("fixtures/rapporter/2024.json");
        return bytes ? read_report_json("2024.json", *bytes, s, d) : std::nullopt;
    }();
    if (known) {
        render(diff_reports(*known, *report));
        render(diff_reports(*report, *known));
    }
    return 0;
}
