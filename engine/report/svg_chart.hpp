// The small inline SVG chart of one indicator in the HTML report: the main
// series' values per period, the target as a dashed line, a delår's forecast
// as a hollow marker on a dashed segment, and the assessed value in the
// colour of the result. The chart is a picture of what the text already says:
// it carries a text alternative (role="img", <title>, <desc>) and prints the
// values and the result as text inside it, so nothing depends on colour.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "engine/report/describe.hpp"
#include "engine/report/palette.hpp"

namespace malkoll {

// One position on the x axis.
struct ChartPoint {
    // Missing: a value written as missing (i.u.); Absent: no value at all
    // for this period (another indicator of the report has one).
    enum class Kind : std::uint8_t { Value, Interval, Missing, Forecast, Absent };
    Kind kind = Kind::Value;
    std::string period;     // x label: "2023", "2024"
    std::string period_sub; // its second, smaller line: "31 aug." under an interim period, "prognos"
    double y = 0, y_hi = 0; // Value/Forecast: y; Interval: [y, y_hi]
    std::string label;      // the value as written, no unit: "17", "26–34", "i.u."
    std::string spoken;     // for the text alternative: "2024: 17 %", "2022: i.u. (mätning 2023)"
    bool assessed = false;  // the value the judgement used (drawn in the result's colour)
    bool after_break = false;  // the first point after a series break: the line is not drawn into it
};

struct ChartSpec {
    std::string id;          // unique in the page; the <title>/<desc> ids derive from it
    std::string title;       // "Diagram: <indicator name>"
    std::vector<ChartPoint> points;  // in period order
    struct Target {
        double y = 0;
        std::string label;           // the bound, no unit: "15", "25 000"
    };
    std::vector<Target> targets;     // horizontal target lines (two for `mellan`)
    std::string target_spoken;       // "målvärde minst 15 %" ("" when no line)
    std::string note;                // an extra sentence for the text alternative ("" none)
    bool judged = true;
    Outcome result = Outcome::EjBedomd;
    std::string result_label;        // "Uppfyllt", "Uppnås delvis" …
};

// The chart spec of one indicator (index in RuleFile::indicators). Every
// chart of a report has the same periods on its x axis, so the charts line
// up: the full years for which any indicator has a main-series value, up to
// the report's period; in a delår also `period` (the value there is left out
// for an ackumulerad indicator, which is not comparable with full years) and
// the forecast (`prognos` at `år`).
struct ReportModel;
ChartSpec indicator_chart(const ReportModel& m, std::uint32_t indicator);

// Whether the chart has anything to draw: a value, an interval or a forecast.
// (A chart of only missing values says no more than the text; the HTML
// report leaves it out.)
bool chart_has_values(const ChartSpec& c);

// The chart's text alternative: its values, the target, notes and the
// result ("Värden: 2022: 4 %; … Bedömning: Uppfyllt."). The SVG's <desc>,
// and the Word report's alt text.
std::string chart_description(const ChartSpec& c);

// The <svg> element. Coordinates are written with one decimal, so the output
// is byte-identical for the same spec. Text is escaped.
std::string render_svg_chart(const ChartSpec& c);

// For texts the engine writes with ordinary spaces (a target as written, a
// goal's justification): a space inside a grouped number ("25 000") or
// before "%" becomes a no-break space. A false match only keeps two words on
// one line.
std::string nbsp_numbers(const std::string& s);

}  // namespace malkoll
