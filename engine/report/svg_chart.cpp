#include "engine/report/svg_chart.hpp"

#include "engine/report/model.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "engine/core/text.hpp"

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

constexpr const char* kSeries = "#1f4e79";  // 8.7:1 on white
constexpr const char* kInk = "#333333";     // 12.6:1 on white
constexpr const char* kGrid = "#767676";    // 4.5:1 on white

std::string num(double v) {
    // One decimal, never "-0.0": coordinates are reproducible byte for byte.
    double r = std::round(v * 10) / 10;
    if (r == 0) r = 0;
    return fmt::format("{:.1f}", r);
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

ResultColour result_colour(Outcome o) {
    switch (o) {
        case Outcome::Uppfyllt: return {"#17663a", "#e3f2e8", "✓"};    // 7.0:1 on white, 6.1:1 on tint
        case Outcome::Delvis: return {"#8a4600", "#fdf0dc", "◐"};      // 7.1:1, 6.3:1
        case Outcome::EjUppfyllt: return {"#b0241b", "#fbe5e3", "✗"};  // 6.7:1, 5.6:1
        case Outcome::EjBedomd: return {"#4d5358", "#eceef0", "?"};    // 7.8:1, 6.7:1
    }
    return {"#4d5358", "#eceef0", "?"};
}

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

std::string html_escape(std::string_view s) {
    // Runs without a special character are appended whole (the report's hottest text path).
    std::string out;
    out.reserve(s.size() + 16);
    std::size_t start = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char* entity = nullptr;
        switch (s[i]) {
            case '&': entity = "&amp;"; break;
            case '<': entity = "&lt;"; break;
            case '>': entity = "&gt;"; break;
            case '"': entity = "&quot;"; break;
            case '\'': entity = "&#39;"; break;
            default: continue;
        }
        out.append(s, start, i - start);
        out += entity;
        start = i + 1;
    }
    out.append(s, start);
    return out;
}

ChartSpec indicator_chart(const ReportModel& m, std::uint32_t indicator) {
    const Assessment& a = m.in->assessment;
    const RuleFile& f = *a.file;
    const IndicatorDef& d = f.indicators[indicator];
    const IndicatorAssessment& ia = a.indicators[indicator];
    const std::int32_t assessed = a.judged ? ia.judged.source : -1;

    ChartSpec c;
    c.id = "diagram-" + d.id;
    c.title = "Diagram: " + d.name;
    c.judged = a.judged;
    c.result = ia.result;
    c.result_label = outcome_label(ia.result, f.kind);

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
        const auto prognos = f.values.find_series("prognos");
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
    std::vector<std::string> spoken;
    for (const auto& p : c.points)
        if (p.kind != Kind::Absent) spoken.push_back(p.spoken);
    std::string desc = spoken.empty() ? "Inga värden." : "Värden: " + join(spoken, "; ") + ".";
    desc += " " + c.target_spoken + ".";
    if (!c.note.empty()) desc += " " + c.note;
    if (c.judged) desc += " Bedömning: " + c.result_label + ".";

    std::string s;
    const long w = std::lround(width), h = std::lround(kHeight);
    s += fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"diagram\" id=\"{}\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" "
        "role=\"img\" aria-labelledby=\"{} {}\" font-family=\"Arial, Helvetica, sans-serif\" font-size=\"12\">\n",
        html_escape(c.id), w, h, w, h, html_escape(title_id), html_escape(desc_id));
    s += fmt::format("<title id=\"{}\">{}</title>\n", html_escape(title_id), html_escape(c.title));
    s += fmt::format("<desc id=\"{}\">{}</desc>\n", html_escape(desc_id), html_escape(desc));
    // A white outline behind the labels keeps them legible where a line crosses them.
    const char* halo = " stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" style=\"paint-order: stroke\"";

    // The result as text, in its colour, with its symbol.
    ResultColour rc = result_colour(c.result);
    if (c.judged)
        s += fmt::format("<text class=\"resultat\" x=\"4\" y=\"16\" fill=\"{}\" font-weight=\"bold\">{} {}</text>\n", rc.text, rc.symbol,
                         html_escape(c.result_label));

    // The axis.
    s += fmt::format("<line class=\"axel\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"1\"/>\n", num(kLeft),
                     num(kPlotBottom + 6), num(kLeft + plot_w), num(kPlotBottom + 6), kGrid);

    // Target lines, labelled at the right end.
    for (const auto& t : c.targets) {
        double y = ypos(t.y);
        s += fmt::format(
            "<line class=\"mal\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"1.5\" stroke-dasharray=\"6 3\"/>\n",
            num(kLeft), num(y), num(kLeft + plot_w), num(y), kInk);
        s += fmt::format("<text x=\"{}\" y=\"{}\" fill=\"{}\">{}</text>\n", num(kLeft + plot_w + 4), num(y + 4), kInk,
                         html_escape("mål " + t.label));
    }

    // The line through the values, broken where a value is missing; dashed to the forecast.
    std::vector<std::string> run;
    auto flush = [&]() {
        if (run.size() >= 2)
            s += fmt::format("<polyline class=\"linje\" points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>\n", join(run, " "), kSeries);
        run.clear();
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
                s += fmt::format(
                    "<line class=\"prognoslinje\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2\" stroke-dasharray=\"3 3\"/>\n",
                    num(slot_x(j - 1)), num(ypos((q.y + q.y_hi) / 2)), num(slot_x(i)), num(ypos(mid)), kSeries);
            }
            continue;
        }
        run.push_back(num(slot_x(i)) + "," + num(ypos(mid)));
    }
    flush();

    // Markers, value labels and period labels.
    for (std::size_t i = 0; i < c.points.size(); ++i) {
        const ChartPoint& p = c.points[i];
        double x = slot_x(i);
        const char* colour = p.assessed && c.judged ? rc.text : kSeries;
        const char* assessed = p.assessed && c.judged ? " bedomd" : "";
        double label_y = kPlotBottom - 2;
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
                s += fmt::format("<circle class=\"punkt{}\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\"/>\n", assessed, num(x), num(y),
                                 *assessed ? "5.5" : "4", colour);
                label_y = place(y - 9, y);
                break;
            }
            case Kind::Interval: {
                double y1 = ypos(p.y_hi), y2 = ypos(p.y);
                s += fmt::format(
                    "<rect class=\"intervall{}\" x=\"{}\" y=\"{}\" width=\"9\" height=\"{}\" fill=\"#ffffff\" stroke=\"{}\" stroke-width=\"2.5\"/>\n",
                    assessed, num(x - 4.5), num(y1), num(std::max(y2 - y1, 1.0)), colour);
                label_y = place(y1 - 6, y2);
                break;
            }
            case Kind::Forecast: {
                double y = ypos(p.y);
                s += fmt::format("<circle class=\"prognos{}\" cx=\"{}\" cy=\"{}\" r=\"5.5\" fill=\"#ffffff\" stroke=\"{}\" stroke-width=\"2.5\"/>\n",
                                 assessed, num(x), num(y), colour);
                label_y = place(y - 10, y);
                break;
            }
            case Kind::Missing:
            case Kind::Absent: break;
        }
        if (p.kind != Kind::Absent)
            s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\"{}{}>{}</text>\n", num(x), num(label_y),
                             p.kind == Kind::Missing ? kGrid : kInk, p.kind == Kind::Missing ? " font-style=\"italic\"" : "", halo,
                             html_escape(p.label));
        s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\">{}</text>\n", num(x), num(kAxisLabel), kInk,
                         html_escape(p.period));
        if (!p.period_sub.empty())
            s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\" font-size=\"11\">{}</text>\n", num(x),
                             num(kAxisLabel + 13), kInk, html_escape(p.period_sub));
    }
    s += "</svg>";
    return s;
}

}  // namespace malkoll
