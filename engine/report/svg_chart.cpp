#include "engine/report/svg_chart.hpp"

#include "engine/report/model.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "engine/core/text.hpp"
#include "engine/report/html_writer.hpp"

namespace malkoll {

namespace {

// Layout, in SVG user units (= CSS px at the natural size).
constexpr double kLeft = 14;      // before the first slot
constexpr double kSlot = 64;      // width of one period
constexpr double kRight = 84;     // after the last slot: the target's label
constexpr double kPlotTop = 38;   // below the result line, room for value labels
constexpr double kPlotBottom = 108;
constexpr double kAxisLabel = 128;
constexpr double kHeight = 150;

constexpr const char* kSeries = colour::kAccent;
constexpr const char* kInk = colour::kInk;
constexpr const char* kGrid = colour::kGrid;

// A coordinate, written with "{:.1f}": one decimal, never "-0.0", so the
// output is reproducible byte for byte.
double num(double v) {
    double r = std::round(v * 10) / 10;
    return r == 0 ? 0 : r;
}

std::string join(const std::vector<std::string>& v, const char* sep) {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? sep : "") + v[i];
    return s;
}

std::string short_value(const ValueStore& vs, const DataValue& v) {
    switch (v.kind) {
        case ValueKind::Number: return format_number(v.lo(), true, Space::NoBreak);
        case ValueKind::Interval: return format_interval(v.lo(), v.hi(), "", true, Space::NoBreak);
        case ValueKind::Missing: return vs.text(v).empty() ? "i.u." : std::string(vs.text(v));
    }
    return "";
}

std::string spoken_value(const ValueStore& vs, const DataValue& v, const std::string& unit) {
    std::string s = data_value_text(vs, v, Space::NoBreak, unit);
    if (std::string r = vs.remark(v); !r.empty()) s += " (" + r + ")";
    return s;
}

// An interim period is labelled with its year and, below it, its day ("31 aug.").
void axis_label(ChartPoint& p, Period period) {
    p.period = std::to_string(period.year);
    if (period.month) {
        const std::string l = period.label();
        p.period_sub = l.substr(0, l.rfind(' '));
    }
}

ChartPoint point_of(const ValueStore& vs, const DataValue& dv, const std::string& unit, bool assessed) {
    ChartPoint p;
    axis_label(p, dv.period);
    p.label = short_value(vs, dv);
    p.spoken = dv.period.spoken() + ": " + spoken_value(vs, dv, unit);
    p.assessed = assessed;
    switch (dv.kind) {
        case ValueKind::Number: p.kind = ChartPoint::Kind::Value; p.y = p.y_hi = dv.lo_v; break;
        case ValueKind::Interval: p.kind = ChartPoint::Kind::Interval; p.y = dv.lo_v; p.y_hi = dv.hi_v; break;
        case ValueKind::Missing: p.kind = ChartPoint::Kind::Missing; break;
    }
    return p;
}

}  // namespace

std::string nbsp_numbers(const std::string& s) {
    const std::string nbsp = "\u00A0";
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == ' ' && i > 0 && digit(s[i - 1])) {
            bool group = i + 3 < s.size() && digit(s[i + 1]) && digit(s[i + 2]) && digit(s[i + 3]) &&
                         (i + 4 >= s.size() || !digit(s[i + 4]));
            bool percent = i + 1 < s.size() && s[i + 1] == '%';
            if (group || percent) {
                out += nbsp;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

ChartSpec indicator_chart(const ReportModel& m, std::uint32_t indicator) {
    const Assessment& a = m.in->assessment;
    const RuleFile& f = *a.file;
    const IndicatorDef& d = f.indicators[indicator];
    const IndicatorAssessment& ia = a.indicators[indicator];
    const std::int32_t assessed = a.judged ? ia.judged.source : -1;

    ChartSpec c;
    c.id = m.id_prefix + "diagram-" + d.id;
    c.title = "Diagram: " + d.name;
    c.judged = a.judged;
    c.result = ia.result;
    c.result_label = shown_label(f, ia.result, ia.level);

    // The unit of the values, for the text alternative: the indicator's, else the first value's.
    std::string unit = d.unit;
    for (std::uint32_t k = 0; k < ia.value_count && unit.empty(); ++k)
        if (!ia.values[k].is_missing()) unit = f.values.unit(ia.values[k]);

    // The x axis, shared by every chart of the report (the model's).
    const bool delar = f.kind == ReportKind::Delar;

    auto value_at = [&](Period p, SeriesId series) -> const DataValue* {
        for (std::uint32_t k = 0; k < ia.value_count; ++k)
            if (ia.values[k].period == p && ia.values[k].series == series) return &ia.values[k];
        return nullptr;
    };
    std::vector<std::string> notes;
    bool break_marked = false;
    for (const Period& p : m.chart_axis) {
        const DataValue* v = value_at(p, 0);
        bool interim = delar && p == f.period;
        if (v && interim && d.accumulated) {
            notes.push_back(fmt::format("Värdet per {} ({}) visas inte: indikatorn är ackumulerad och värdet är inte jämförbart med helår.",
                                        f.period.spoken(), spoken_value(f.values, *v, unit)));
            v = nullptr;
        }
        if (!v) {
            ChartPoint absent;
            absent.kind = ChartPoint::Kind::Absent;
            axis_label(absent, p);
            c.points.push_back(absent);
            continue;
        }
        c.points.push_back(point_of(f.values, *v, unit, static_cast<std::int32_t>(v - f.values.data()) == assessed));
        if (d.series_break && !break_marked && p.year >= *d.series_break) {
            c.points.back().after_break = true;
            break_marked = true;
        }
    }
    if (d.series_break)
        notes.push_back(fmt::format("Serieavbrott {0}: linjen bryts där, eftersom värden före {0} inte är jämförbara med senare.", *d.series_break));

    if (delar) {
        ChartPoint p;
        p.kind = ChartPoint::Kind::Absent;
        p.period = std::to_string(f.year);
        p.period_sub = "prognos";
        const auto prognos = f.values.forecast_series();
        if (const DataValue* forecast = prognos ? value_at(Period{f.year, 0}, *prognos) : nullptr) {
            const DataValue& pv = *forecast;
            if (!pv.is_missing()) {
                p = point_of(f.values, pv, unit, static_cast<std::int32_t>(forecast - f.values.data()) == assessed);
                p.kind = ChartPoint::Kind::Forecast;
                if (pv.kind == ValueKind::Interval) p.y = p.y_hi = (pv.lo_v + pv.hi_v) / 2;
                p.period = std::to_string(f.year);
                p.period_sub = "prognos";
                p.spoken = fmt::format("prognos för helåret {}: {}", f.year, spoken_value(f.values, pv, unit));
            } else {
                notes.push_back(fmt::format("Prognos för helåret {}: {}.", f.year, spoken_value(f.values, pv, unit)));
            }
        }
        c.points.push_back(p);
    }
    c.note = join(notes, " ");

    auto bound = [&](const EvalValue& e) {
        if (e.kind != ValueKind::Number) return;
        std::string label = e.source >= 0 ? short_value(f.values, f.values[static_cast<std::size_t>(e.source)])
                                          : format_number(e.lo, true, Space::NoBreak);
        c.targets.push_back({e.lo.v, label});
    };
    const TargetBounds tb = target_bounds(a, indicator);
    if (tb.kind != TargetKind::None) {
        bound(tb.x);
        if (tb.kind == TargetKind::Between) bound(tb.y);
    }
    // The target as the table shows it: once, with the value it names and its unit.
    const std::string written = nbsp_numbers(target_shown(m, indicator));
    if (!c.targets.empty()) {
        c.target_spoken = "Målvärde " + written + ", streckad linje";
    } else if (!written.empty()) {
        c.target_spoken = "Målvärde " + written + " (kan inte ritas)";
    } else {
        c.target_spoken = fmt::format("Inget målvärde; önskad riktning: {}", direction_word(d.direction));
    }
    return c;
}

bool chart_has_values(const ChartSpec& c) {
    for (const auto& p : c.points)
        if (p.kind == ChartPoint::Kind::Value || p.kind == ChartPoint::Kind::Interval || p.kind == ChartPoint::Kind::Forecast) return true;
    return false;
}

std::string chart_description(const ChartSpec& c) {
    std::vector<std::string> spoken;
    for (const auto& p : c.points)
        if (p.kind != ChartPoint::Kind::Absent) spoken.push_back(p.spoken);
    std::string desc = spoken.empty() ? "Inga värden." : "Värden: " + join(spoken, "; ") + ".";
    desc += " " + c.target_spoken + ".";
    if (!c.note.empty()) desc += " " + c.note;
    if (c.judged) desc += " Bedömning: " + c.result_label + ".";
    return desc;
}

std::string render_svg_chart(const ChartSpec& c) {
    using Kind = ChartPoint::Kind;
    const std::size_t slots = std::max<std::size_t>(c.points.size(), 2);
    const double plot_w = kSlot * static_cast<double>(slots);
    const double width = kLeft + plot_w + kRight;
    auto slot_x = [&](std::size_t i) { return kLeft + kSlot * (static_cast<double>(i) + 0.5); };
    auto drawn = [](const ChartPoint& p) { return p.kind == Kind::Value || p.kind == Kind::Interval || p.kind == Kind::Forecast; };

    // The y scale: every value and target, padded. With no y axis drawn, a
    // range narrower than 30 % of the largest magnitude is widened about its
    // middle, so a small change does not look like a large one (5,1 % → 5,3 %
    // is nearly flat) while values far from 0 are not squeezed against the top;
    // values that are all positive never get a scale below 0. The values are
    // written at the points.
    bool any = false;
    double lo = 0, hi = 0;
    auto take = [&](double v) {
        if (!std::isfinite(v)) return;
        if (!any) lo = hi = v;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
        any = true;
    };
    for (const auto& p : c.points)
        if (drawn(p)) {
            take(p.y);
            take(p.y_hi);
        }
    for (const auto& t : c.targets) take(t.y);
    if (!any) lo = 0, hi = 1;
    const bool nonnegative = lo >= 0;
    const double min_span = std::max(0.3 * std::max(std::fabs(lo), std::fabs(hi)), 1e-9);
    if (hi - lo < min_span) {
        double mid = (lo + hi) / 2;
        lo = mid - min_span / 2;
        hi = mid + min_span / 2;
    }
    if (nonnegative && lo < 0.25 * hi) lo = 0;
    if (hi == lo) hi = lo + 1;
    double pad = (hi - lo) * 0.08;
    hi += pad;
    if (!(nonnegative && lo == 0)) lo -= pad;
    if (nonnegative && lo < 0) lo = 0;
    auto ypos = [&](double v) { return kPlotBottom - (v - lo) / (hi - lo) * (kPlotBottom - kPlotTop); };

    std::string title_id = c.id + ".titel", desc_id = c.id + ".beskrivning";
    const std::string desc = chart_description(c);

    std::string s;
    s.reserve(2048 + 512 * c.points.size());
    auto out = std::back_inserter(s);
    const long w = std::lround(width), h = std::lround(kHeight);
    fmt::format_to(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"diagram\" id=\"");
    append_escaped(s, c.id);
    fmt::format_to(out, "\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" role=\"img\" aria-labelledby=\"", w, h, w, h);
    append_escaped(s, title_id);
    s += ' ';
    append_escaped(s, desc_id);
    s += "\" font-family=\"Arial, Helvetica, sans-serif\" font-size=\"12\">\n<title id=\"";
    append_escaped(s, title_id);
    s += "\">";
    append_escaped(s, c.title);
    s += "</title>\n<desc id=\"";
    append_escaped(s, desc_id);
    s += "\">";
    append_escaped(s, desc);
    s += "</desc>\n";

    // The result as text, in its colour, with its symbol.
    ResultColour rc = result_colour(c.result);
    if (c.judged) {
        fmt::format_to(out, "<text class=\"resultat\" x=\"4\" y=\"16\" fill=\"{}\" font-weight=\"bold\">{} ", rc.text, rc.symbol);
        append_escaped(s, c.result_label);
        s += "</text>\n";
    }

    // The axis.
    fmt::format_to(out, "<line class=\"axel\" x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" stroke-width=\"1\"/>\n",
                   num(kLeft), num(kPlotBottom + 6), num(kLeft + plot_w), num(kPlotBottom + 6), kGrid);

    // Target lines, labelled at the right end.
    for (const auto& t : c.targets) {
        double y = ypos(t.y);
        fmt::format_to(out,
                       "<line class=\"mal\" x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" stroke-width=\"1.5\" "
                       "stroke-dasharray=\"6 3\"/>\n<text x=\"{:.1f}\" y=\"{:.1f}\" fill=\"{}\">mål ",
                       num(kLeft), num(y), num(kLeft + plot_w), num(y), kInk, num(kLeft + plot_w + 4), num(y + 4), kInk);
        append_escaped(s, t.label);
        s += "</text>\n";
    }

    // The line through the values, broken where a value is missing; dashed to the forecast.
    std::string run;
    std::size_t in_run = 0;
    auto flush = [&]() {
        if (in_run >= 2)
            fmt::format_to(out, "<polyline class=\"linje\" points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>\n", run, kSeries);
        run.clear();
        in_run = 0;
    };
    for (std::size_t i = 0; i < c.points.size(); ++i) {
        const ChartPoint& p = c.points[i];
        if (p.after_break) flush();  // a series break: values on either side are not joined
        if (!drawn(p)) {
            flush();
            continue;
        }
        double mid = (p.y + p.y_hi) / 2;
        if (p.kind == Kind::Forecast) {
            flush();
            // From the last value before it, across an empty interim slot if need be.
            std::size_t j = i;
            while (j > 0 && c.points[j - 1].kind == Kind::Absent) --j;
            if (j > 0 && (c.points[j - 1].kind == Kind::Value || c.points[j - 1].kind == Kind::Interval)) {
                const ChartPoint& q = c.points[j - 1];
                fmt::format_to(out,
                               "<line class=\"prognoslinje\" x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
                               "stroke-width=\"2\" stroke-dasharray=\"3 3\"/>\n",
                               num(slot_x(j - 1)), num(ypos((q.y + q.y_hi) / 2)), num(slot_x(i)), num(ypos(mid)), kSeries);
            }
            continue;
        }
        fmt::format_to(std::back_inserter(run), "{}{:.1f},{:.1f}", in_run ? " " : "", num(slot_x(i)), num(ypos(mid)));
        ++in_run;
    }
    flush();

    // Markers, then value labels, then period labels, each in a group that
    // carries what they share (colour, anchor, the labels' white outline that
    // keeps them legible where a line crosses them).
    std::vector<double> label_y(c.points.size(), kPlotBottom - 2);
    s += "<g class=\"punkter\" fill=\"";
    s += kSeries;
    s += "\">\n";
    for (std::size_t i = 0; i < c.points.size(); ++i) {
        const ChartPoint& p = c.points[i];
        double x = slot_x(i);
        const bool marked = p.assessed && c.judged;
        const char* colour = marked ? rc.text : kSeries;
        const char* assessed = marked ? " bedomd" : "";
        // Above the marker, unless a target line runs through that place: then below it.
        auto place = [&](double top, double bottom) {
            for (const auto& t : c.targets) {
                double ty = ypos(t.y);
                if (ty > top - 13 && ty < top + 2) return std::min(bottom + 15, kPlotBottom + 2);
            }
            return top;
        };
        switch (p.kind) {
            case Kind::Value: {
                double y = ypos(p.y);
                if (marked)
                    fmt::format_to(out, "<circle class=\"punkt bedomd\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"5.5\" fill=\"{}\"/>\n", num(x), num(y), colour);
                else
                    fmt::format_to(out, "<circle class=\"punkt\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4\"/>\n", num(x), num(y));
                label_y[i] = place(y - 9, y);
                break;
            }
            case Kind::Interval: {
                double y1 = ypos(p.y_hi), y2 = ypos(p.y);
                fmt::format_to(out,
                               "<rect class=\"intervall{}\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"9\" height=\"{:.1f}\" fill=\"{}\" stroke=\"{}\" "
                               "stroke-width=\"2.5\"/>\n",
                               assessed, num(x - 4.5), num(y1), num(std::max(y2 - y1, 1.0)), colour::kPaper, colour);
                label_y[i] = place(y1 - 6, y2);
                break;
            }
            case Kind::Forecast: {
                double y = ypos(p.y);
                fmt::format_to(out, "<circle class=\"prognos{}\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"5.5\" fill=\"{}\" stroke=\"{}\" stroke-width=\"2.5\"/>\n",
                               assessed, num(x), num(y), colour::kPaper, colour);
                label_y[i] = place(y - 10, y);
                break;
            }
            case Kind::Missing:
            case Kind::Absent: break;
        }
    }
    fmt::format_to(out,
                   "</g>\n<g class=\"varden\" text-anchor=\"middle\" fill=\"{}\" stroke=\"{}\" stroke-width=\"3\" stroke-linejoin=\"round\" "
                   "style=\"paint-order: stroke\">\n",
                   kInk, colour::kPaper);
    for (std::size_t i = 0; i < c.points.size(); ++i) {
        const ChartPoint& p = c.points[i];
        if (p.kind == Kind::Absent) continue;
        fmt::format_to(out, "<text x=\"{:.1f}\" y=\"{:.1f}\"", num(slot_x(i)), num(label_y[i]));
        if (p.kind == Kind::Missing) fmt::format_to(out, " fill=\"{}\" font-style=\"italic\"", kGrid);
        s += '>';
        append_escaped(s, p.label);
        s += "</text>\n";
    }
    fmt::format_to(out, "</g>\n<g class=\"perioder\" text-anchor=\"middle\" fill=\"{}\">\n", kInk);
    for (std::size_t i = 0; i < c.points.size(); ++i) {
        const ChartPoint& p = c.points[i];
        const double x = num(slot_x(i));
        fmt::format_to(out, "<text x=\"{:.1f}\" y=\"{:.1f}\">", x, num(kAxisLabel));
        append_escaped(s, p.period);
        s += "</text>\n";
        if (!p.period_sub.empty()) {
            fmt::format_to(out, "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\">", x, num(kAxisLabel + 13));
            append_escaped(s, p.period_sub);
            s += "</text>\n";
        }
    }
    s += "</g>\n";
    s += "</svg>";
    return s;
}

}  // namespace malkoll
