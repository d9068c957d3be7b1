// A chart of the report (svg_chart.hpp) as a PNG picture, for the Word
// report: the same SVG the HTML report shows, drawn by librsvg at print
// resolution on white.
#pragma once
#include <optional>
#include <string>

namespace malkoll {

struct ChartPicture {
    std::string png;
    double width_px = 0, height_px = 0;  // the SVG's own size, in CSS pixels (96 per inch)
};

// Drawn at `dpi` dots per inch; nullopt with the reason in `error` when
// librsvg cannot read or draw it.
std::optional<ChartPicture> svg_to_png(const std::string& svg, double dpi, std::string& error);

}  // namespace malkoll
