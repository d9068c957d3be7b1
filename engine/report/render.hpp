// Report renderers (CLI.md). Each takes the assessment and writes a whole
// report; the output depends on nothing but the inputs.
#pragma once
#include <ostream>

#include "engine/report/describe.hpp"

namespace malkoll {

void render_markdown(const ReportInput& in, std::ostream& out);
void render_json(const ReportInput& in, std::ostream& out);

}  // namespace malkoll
