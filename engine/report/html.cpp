// The HTML report (`--format html`): one self-contained file — no scripts,
// no external styles, fonts or images, no network — for the screen and for
// print on A4. Same order and content as the Markdown report: the heading
// block with the decision, Målredovisning (målområde → kommunmål → nämndmål
// with its judgement, justification, aktiviteter and indicators), the
// indicator tables with breakdown series as sub-rows and definitions and
// sources as footnotes, then the summary.
//
// HTML adds to the Markdown: per indicator a small inline SVG chart
// (svg_chart.hpp; left out when the indicator has no value to draw) and, per judgement, its derivation in a <details> block
// (the text of `malkoll explain`); a list of the input files and their
// SHA-256 at the end. The derivations are left out of the print (a closed
// <details> would print only its summary).
//
// Accessibility (public reports fall under the Swedish accessibility law,
// WCAG 2.1 AA): lang="sv"; headings in order; tables with <caption> and
// <th scope>; every result written as text with a symbol beside its colour;
// all text colours >= 4.5:1 against their background (the values are in
// svg_chart.cpp); every chart has a text alternative that lists its values;
// the page reads in order without its stylesheet. Numbers are written the
// Swedish way with no-break spaces. All text is escaped.
// The output depends on nothing but the inputs: no timestamps.
#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "engine/core/text.hpp"
#include "engine/report/model.hpp"
#include "engine/report/render.hpp"
#include "engine/report/svg_chart.hpp"

namespace malkoll {

namespace {

std::string esc(std::string_view s) { return html_escape(s); }

std::string outcome_class(Outcome o) {
    std::string s = outcome_code(o);
    std::replace(s.begin(), s.end(), '_', '-');
    return s;
}

// A result as text, its symbol and its colour: never colour alone.
std::string badge(Outcome o, const std::string& text) {
    ResultColour rc = result_colour(o);
    return fmt::format("<span class=\"resultat r-{}\"><span aria-hidden=\"true\">{}</span> {}</span>", outcome_class(o), rc.symbol,
                       esc(text));
}

// The table column's words (Ja, Delvis, Nej, –); the "–" of ej bedömd goes
// without a symbol and is spelt out for screen readers (and without the
// style sheet).
std::string table_badge(Outcome o, ReportKind k) {
    if (o != Outcome::EjBedomd) return badge(o, table_label(o));
    return fmt::format("<span class=\"resultat r-{}\">{}<span class=\"sr\"> ({})</span></span>", outcome_class(o), table_label(o),
                       esc(outcome_label(o, k)));
}

// A value cell's content: the value as written, with its note; "" when there is none.
std::string value_cell(const Cell& c) {
    if (!c.value) return "";
    std::string s = "<span class=\"varde\">" + esc(c.text) + "</span>";
    // The marker for the eye, the words for screen readers; the footnote explains it.
    if (c.before_break) s += "<span aria-hidden=\"true\"> †</span><span class=\"sr\"> (före serieavbrottet)</span>";
    if (!c.note.empty()) s += " <span class=\"not\">(" + esc(c.note) + ")</span>";
    return s;
}

std::string derivation(const ReportInput& in, ExplainTarget t, const std::string& summary) {
    std::ostringstream text;
    render_explain_text(in, t, text, Space::NoBreak, /*public_view=*/true);
    std::string s = "<details class=\"harledning\"><summary>" + esc(summary) + "</summary>\n<pre>";
    std::string body = text.str();
    while (!body.empty() && body.back() == '\n') body.pop_back();
    s += esc(body) + "</pre></details>\n";
    return s;
}

constexpr const char* kStyle = R"css(
:root { color-scheme: light; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", sans-serif;
  line-height: 1.5; color: #1a1a1a; background: #ffffff; }
body { margin: 0 auto; max-width: 64rem; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 .5rem; }
h2 { font-size: 1.4rem; line-height: 1.3; margin: 2.5rem 0 1rem; padding-bottom: .25rem; border-bottom: 2px solid #1f4e79; }
h3 { font-size: 1.2rem; margin: 2rem 0 .25rem; }
h4 { font-size: 1.1rem; line-height: 1.35; margin: 0 0 .5rem; }
h5 { font-size: 1rem; line-height: 1.4; margin: 0 0 .25rem; }
p { margin: .4rem 0; }
a { color: #1f4e79; }
:focus-visible { outline: 3px solid #1f4e79; outline-offset: 2px; }
.beslut { font-size: 1.05rem; }
nav ul { list-style: none; padding: 0; margin: 1rem 0 0; display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; }
.kommunmal { margin: .25rem 0 1rem; }
.namndmal { border: 1px solid #c8ccd0; border-left: 6px solid #4d5358; border-radius: 4px; padding: 1rem 1.25rem; margin: 0 0 1.25rem; }
.namndmal.utfall-uppfyllt { border-left-color: #17663a; }
.namndmal.utfall-delvis { border-left-color: #8a4600; }
.namndmal.utfall-ej-uppfyllt { border-left-color: #b0241b; }
.etikett { font-weight: 600; margin: .75rem 0 .1rem; }
.aktiviteter { margin: .25rem 0 .75rem; padding-left: 1.25rem; }
.aktiviteter li { margin: .15rem 0; }
.resultat { display: inline-block; padding: 0 .5rem; border: 1px solid currentColor; border-radius: .75rem; font-weight: 600;
  white-space: nowrap; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.r-uppfyllt { color: #17663a; background: #e3f2e8; }
.r-delvis { color: #8a4600; background: #fdf0dc; }
.r-ej-uppfyllt { color: #b0241b; background: #fbe5e3; }
.r-ej-bedomd { color: #4d5358; background: #eceef0; }
.avvikelse { font-weight: 600; }
.sr { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.indikatorer { list-style: none; padding: 0; margin: 1rem 0 0; }
.indikator { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: flex-start; border-top: 1px solid #dde1e4; padding: .75rem 0 .25rem;
  break-inside: avoid; }
.indikator-text { flex: 1 1 22rem; min-width: 0; }
.indikator .diagram { flex: 0 0 auto; max-width: 100%; height: auto; }
.harledning { margin: .4rem 0; }
.harledning summary { cursor: pointer; color: #1f4e79; }
.harledning pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: .8rem; line-height: 1.4; background: #f5f6f7;
  padding: .5rem .75rem; border: 1px solid #dde1e4; margin: .4rem 0; }
.tabell { overflow-x: auto; margin: 0 0 1.5rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0 .5rem; }
th, td { border: 1px solid #c8ccd0; padding: .3rem .45rem; text-align: left; vertical-align: top; }
thead th { background: #eef1f4; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
tbody th { font-weight: 600; }
.tal { text-align: right; }
.varde { white-space: nowrap; }
.not { color: #555555; font-size: .85em; }
td.tal .not { display: block; }
td.tal { min-width: 4.5em; }
tr.serie th, tr.serie td { font-size: .85rem; }
tr.serie th { font-weight: normal; padding-left: 1.2rem; }
.tabell .resultat { font-size: .85rem; }
.obligatorisk { font-weight: normal; }
td.utveckling { text-align: center; font-size: 1.1em; }
.tabellnot { font-size: .9rem; margin: -1rem 0 1.5rem; }
sup { line-height: 0; }
.fotnoter { font-size: .9rem; padding-left: 1.5rem; }
.sammanfattning { width: auto; min-width: 24rem; }
.sammanfattning td { text-align: right; }
footer { margin-top: 3rem; font-size: .85rem; border-top: 1px solid #c8ccd0; padding-top: .75rem; }
footer ul { padding-left: 1.25rem; }
code { overflow-wrap: anywhere; font-size: .95em; }
@page { size: A4; margin: 15mm 14mm 17mm; }
@media print {
  html { font-size: 10pt; }
  body { max-width: none; padding: 0; }
  nav, .harledning { display: none; }
  h2, h3, h4, h5, caption, .etikett, .kommunmal { break-after: avoid; }
  h2 { margin-top: 1.5rem; }
  .namndmal { padding: .6rem .8rem; }
  table { font-size: 8.5pt; }
  thead { display: table-header-group; }
  tr, tbody { break-inside: avoid; }
  thead tr { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  .tabell { overflow: visible; break-inside: avoid; }
}
)css";

// The indicator table of one målområde and kommunmål, with the Markdown
// report's columns: Mål uppnått (the goal's result, once per goal; not in a
// budget), Nämndmål, Nämndindikator (* for an obligatory one), one column per
// period, the forecast in a delår, the target (one per year in a budget),
// Önskad riktning, Indikatorns bedömning (not in a budget). A goal's rows are
// one <tbody>: its name is their row-group header.
void indicator_table(const ReportModel& m, const IndicatorTable& t, int table_no, std::ostream& out) {
    const Assessment& a = m.in->assessment;
    const RuleFile& f = *a.file;
    const bool forecast = f.kind == ReportKind::Delar;
    const bool budget = f.kind == ReportKind::Budget;
    const GoalDef& g0 = f.goals[t.first_goal];
    if (!t.any_indicator) {
        out << "<p class=\"kommunmal\">Kommunövergripande mål: <strong>" << esc(g0.municipal_goal) << "</strong></p>\n";
        out << "<p>Inga nämndindikatorer.</p>\n";
        return;
    }
    std::string cap = fmt::format("tabell-{}", table_no);
    out << "<div class=\"tabell\" role=\"region\" aria-labelledby=\"" << cap << "\" tabindex=\"0\">\n<table>\n<caption id=\"" << cap
        << "\">Kommunövergripande mål: " << esc(g0.municipal_goal) << "</caption>\n<thead>\n<tr>";
    if (a.judged) out << "<th scope=\"col\">Mål uppnått</th>";
    out << "<th scope=\"col\">Nämndmål</th><th scope=\"col\">Nämndindikator</th>";
    for (const Period& p : t.periods) out << "<th scope=\"col\" class=\"tal\">" << esc(p.label()) << "</th>";
    if (forecast) out << "<th scope=\"col\" class=\"tal\">Prognos " << f.year << "</th>";
    if (budget)
        for (int y : t.target_years) out << "<th scope=\"col\">Målvärde " << y << "</th>";
    else
        out << "<th scope=\"col\">Målvärde</th>";
    out << "<th scope=\"col\">Önskad riktning</th>";
    if (a.judged) out << "<th scope=\"col\">Utveckling</th>";
    if (a.judged) out << "<th scope=\"col\">Indikatorns bedömning</th>";
    out << "</tr>\n</thead>\n";
    // Cells after the values: target(s), direction, the indicator's result.
    const std::size_t tail = (budget ? t.target_years.size() : 1) + 1 + (a.judged ? 2 : 0);

    std::vector<SeriesRow> rows;
    for (std::uint32_t k = t.first_goal; k < t.end_goal; ++k) {
        const GoalDef& g = f.goals[k];
        if (g.indicators.empty()) continue;
        // The goal's cells span its indicators' rows and sub-rows.
        std::size_t span = 0;
        for (std::uint32_t ind : g.indicators) {
            const IndicatorDef& d = f.indicators[ind];
            const bool extra = !d.comparison.empty() && std::find(d.series.begin(), d.series.end(), d.comparison) == d.series.end();
            span += 1 + d.series.size() + (extra ? 1 : 0);
        }
        out << "<tbody>\n";
        for (std::size_t n = 0; n < g.indicators.size(); ++n) {
            const std::uint32_t ind = g.indicators[n];
            const IndicatorDef& d = f.indicators[ind];
            indicator_rows(m, ind, t.periods, rows);
            std::string name = d.mandatory ? "<span class=\"obligatorisk\">*</span>" + esc(d.name) : esc(d.name);
            // Definitions and sources as footnotes: each reference has its own id,
            // the footnote links back to the first.
            if (const std::int32_t fn = m.footnote_of[ind]; fn >= 0) {
                const std::size_t no = static_cast<std::size_t>(fn) + 1;
                std::string ref_id = m.first_reference[ind] ? fmt::format("fotnotref-{}", no) : fmt::format("fotnotref-{}-{}", no, ind);
                name += fmt::format("<sup><a id=\"{}\" href=\"#fotnot-{}\" aria-label=\"Fotnot {}\">{}</a></sup>", ref_id, no, no, no);
            }
            out << "<tr>";
            if (n == 0) {
                if (a.judged) out << "<td rowspan=\"" << span << "\">" << table_badge(a.goals[k].result, f.kind) << "</td>";
                out << "<th scope=\"rowgroup\" rowspan=\"" << span << "\">" << esc(g.name) << "</th>";
            }
            out << "<th scope=\"row\">" << name << "</th>";
            for (const Cell& c : rows[0].values) out << "<td class=\"tal\">" << value_cell(c) << "</td>";
            if (forecast) out << "<td class=\"tal\">" << value_cell(rows[0].forecast) << "</td>";
            if (budget)
                for (int y : t.target_years) out << "<td>" << esc(nbsp_numbers(target_for_year(m, ind, y, /*shown=*/true))) << "</td>";
            else
                out << "<td>" << esc(nbsp_numbers(target_shown(m, ind))) << "</td>";
            out << "<td>" << direction_word(d.direction) << "</td>";
            if (a.judged) {
                // The arrow for the eye, the word for screen readers and for reading without the style sheet.
                const Development dev = a.indicators[ind].development;
                out << "<td class=\"utveckling\">";
                if (dev != Development::Okant)
                    out << "<span aria-hidden=\"true\">" << development_arrow(dev) << "</span><span class=\"sr\"> " << development_word(dev)
                        << "</span>";
                out << "</td>";
            }
            if (a.judged) out << "<td>" << badge(a.indicators[ind].result, outcome_label(a.indicators[ind].result, f.kind)) << "</td>";
            out << "</tr>\n";
            // Breakdown series and the comparison series as sub-rows.
            for (std::size_t r = 1; r < rows.size(); ++r) {
                out << "<tr class=\"serie\"><th scope=\"row\"><span aria-hidden=\"true\">↳ </span>" << esc(rows[r].series) << "</th>";
                for (const Cell& c : rows[r].values) out << "<td class=\"tal\">" << value_cell(c) << "</td>";
                if (forecast) out << "<td></td>";
                for (std::size_t c = 0; c < tail; ++c) out << "<td></td>";
                out << "</tr>\n";
            }
        }
        out << "</tbody>\n";
    }
    out << "</table>\n</div>\n";
    if (t.any_mandatory) out << "<p class=\"tabellnot\">* obligatorisk indikator</p>\n";
    if (a.judged)
        out << "<p class=\"tabellnot\">Utveckling jämfört med föregående år, i önskad riktning: <span aria-hidden=\"true\">↑</span> förbättrat, "
               "<span aria-hidden=\"true\">→</span> oförändrat (inom toleransen), <span aria-hidden=\"true\">↓</span> försämrat; tomt när ett "
               "värde saknas eller förändringen inte kan avgöras.</p>\n";
}

}  // namespace

void render_html(const ReportInput& in, std::ostream& out) {
    const ReportModel m = build_report(in, Space::NoBreak);
    const Assessment& a = in.assessment;
    const RuleFile& f = *a.file;
    const std::string heading = m.title + " – " + f.committee;

    out << "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<meta name=\"generator\" content=\"Målkoll " << MALKOLL_VERSION << "\">\n"
        << "<title>" << esc(heading) << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n";

    out << "<header>\n<h1>" << esc(heading) << "</h1>\n";
    if (f.decision) out << "<p class=\"beslut\">Beslut: " << esc(*f.decision) << "</p>\n";
    if (!a.judged) out << "<p>En budget gör inga bedömningar: den visar mål, målvärden och tidigare utfall.</p>\n";
    out << "<nav aria-label=\"Innehåll\">\n<ul>\n<li><a href=\"#malredovisning\">Målredovisning</a></li>\n"
        << "<li><a href=\"#namndindikatorer\">Nämndindikatorer</a></li>\n";
    if (!f.assignments.empty()) out << "<li><a href=\"#utvecklingsuppdrag\">Strategiska utvecklingsuppdrag</a></li>\n";
    if (a.judged) out << "<li><a href=\"#sammanfattning\">Sammanfattning</a></li>\n";
    out << "</ul>\n</nav>\n</header>\n<main>\n";

    // Målredovisning: målområde → kommunmål → nämndmål.
    out << "<section aria-labelledby=\"malredovisning\">\n<h2 id=\"malredovisning\">Målredovisning</h2>\n";
    bool area_open = false;
    for (const GoalSection& sec : m.sections) {
        const GoalAssessment& ga = a.goals[sec.goal];
        const GoalDef& g = f.goals[sec.goal];
        if (sec.new_area) {
            if (area_open) out << "</section>\n";
            area_open = true;
            out << fmt::format("<section class=\"malomrade\" aria-labelledby=\"mo-{}\">\n<h3 id=\"mo-{}\">Målområde {}</h3>\n", sec.area_no,
                               sec.area_no, esc(g.area));
        }
        if (sec.new_municipal_goal)
            out << "<p class=\"kommunmal\">Kommunövergripande mål: <strong>" << esc(g.municipal_goal) << "</strong></p>\n";
        std::string gid = "mal-" + g.id;
        out << "<article class=\"namndmal" << (a.judged ? " utfall-" + outcome_class(ga.result) : std::string()) << "\" id=\""
            << esc(gid) << "\" aria-labelledby=\"" << esc(gid) << ".rubrik\">\n";
        out << "<h4 id=\"" << esc(gid) << ".rubrik\">Nämndmål: " << esc(g.name) << "</h4>\n";
        if (!g.activities.empty()) {
            out << "<p class=\"etikett\">Aktiviteter</p>\n<ul class=\"aktiviteter\">\n";
            for (const auto& act : g.activities) out << "<li>" << esc(act) << "</li>\n";
            out << "</ul>\n";
        }
        if (a.judged) {
            std::string label = outcome_label(ga.result, f.kind);
            out << "<p class=\"bedomning\"><strong>Nämndmålet bedöms:</strong> " << badge(ga.result, label);
            if (ga.manual) out << " (manuell bedömning)";
            out << "</p>\n";
            const Justification just = justification_of_goal(m, sec.goal);
            if (ga.manual) {
                out << "<p><strong>Motivering:</strong> " << esc(g.manual->motivering) << "</p>\n";
                out << "<p>Regelns bedömning: " << esc(just.text()) << "</p>\n";
                if (ga.evaluated && ga.result != ga.rule_result)
                    out << "<p class=\"avvikelse\">Den manuella bedömningen avviker från regelns.</p>\n";
            } else {
                out << "<p>" << esc(just.without_label()) << "</p>\n";
            }
            out << derivation(in, ExplainTarget{-1, static_cast<int>(ga.def)}, "Så gjordes bedömningen av nämndmålet");
        }
        if (!g.indicators.empty()) {
            out << "<ul class=\"indikatorer\">\n";
            for (std::uint32_t k : g.indicators) {
                const IndicatorAssessment& ia = a.indicators[k];
                const IndicatorDef& ind = f.indicators[k];
                out << "<li class=\"indikator\" id=\"" << esc("ind-" + ind.id) << "\">\n<div class=\"indikator-text\">\n";
                out << "<h5>" << esc(ind.name) << "</h5>\n";
                if (!a.judged) {
                    // A budget: the targets (per year where given) and the direction.
                    std::vector<std::string> parts;
                    if (!ind.targets_per_year.empty()) {
                        for (const auto& [y, t] : ind.targets_per_year) parts.push_back(fmt::format("Målvärde {}: {}", y, nbsp_numbers(t.text)));
                    } else if (!target_text(a, k).empty()) {
                        parts.push_back("Målvärde: " + nbsp_numbers(target_text(a, k)));
                    }
                    parts.push_back(std::string("Önskad riktning: ") + direction_word(ind.direction));
                    std::string line;
                    for (std::size_t i = 0; i < parts.size(); ++i) line += (i ? ". " : "") + parts[i];
                    out << "<p>" << esc(line) << ".</p>\n";
                }
                if (a.judged) {
                    std::string label = outcome_label(ia.result, f.kind);
                    const Justification just = justification_of_indicator(m, k);
                    out << "<p>" << badge(ia.result, label);
                    if (ia.manual) {
                        out << " (manuell bedömning)</p>\n<p><strong>Motivering:</strong> " << esc(ind.manual->motivering) << "</p>\n";
                        out << "<p>Regelns bedömning: " << esc(just.text()) << "</p>\n";
                        if (ia.result != ia.rule_result) out << "<p class=\"avvikelse\">Den manuella bedömningen avviker från regelns.</p>\n";
                    } else {
                        // The colon is for reading without the style sheet and for screen readers.
                        out << "<span class=\"sr\">:</span> " << esc(just.without_label()) << "</p>\n";
                    }
                    out << derivation(in, ExplainTarget{static_cast<int>(k), -1}, "Så gjordes bedömningen av indikatorn");
                }
                out << "</div>\n";
                ChartSpec chart = indicator_chart(m, k);
                if (chart_has_values(chart)) out << render_svg_chart(chart) << "\n";
                out << "</li>\n";
            }
            out << "</ul>\n";
        }
        out << "</article>\n";
    }
    if (area_open) out << "</section>\n";
    out << "</section>\n";

    // Nämndindikatorer: one table per målområde and kommunmål, with the Markdown report's columns.
    out << "<section aria-labelledby=\"namndindikatorer\">\n<h2 id=\"namndindikatorer\">Nämndindikatorer</h2>\n";
    int table_no = 0;
    for (const IndicatorTable& t : m.tables) {
        if (t.new_area) out << "<h3>Målområde: " << esc(f.goals[t.first_goal].area) << "</h3>\n";
        indicator_table(m, t, ++table_no, out);
    }
    if (!m.footnotes.empty()) {
        out << "<h3 id=\"fotnoter\">Definitioner och källor</h3>\n<ol class=\"fotnoter\">\n";
        for (std::size_t k = 0; k < m.footnotes.size(); ++k)
            out << fmt::format("<li id=\"fotnot-{}\">{} <a href=\"#fotnotref-{}\">Tillbaka till tabellen</a></li>\n", k + 1,
                               esc(m.footnotes[k]), k + 1);
        out << "</ol>\n";
    }
    out << "</section>\n";

    // Strategiska utvecklingsuppdrag: one table per group, then the count per status.
    if (!f.assignments.empty()) {
        out << "<section aria-labelledby=\"utvecklingsuppdrag\">\n<h2 id=\"utvecklingsuppdrag\">Strategiska utvecklingsuppdrag</h2>\n";
        for (const AssignmentGroup& grp : m.assignment_groups) {
            const std::string& group = f.assignments[grp.first].group;
            out << "<div class=\"tabell\">\n<table class=\"uppdrag\">\n<caption>" << esc(group.empty() ? "Uppdrag" : group)
                << "</caption>\n<thead>\n<tr><th scope=\"col\">Uppdrag</th><th scope=\"col\">Status</th></tr>\n</thead>\n<tbody>\n";
            for (std::uint32_t i = grp.first; i < grp.end; ++i) {
                const Assignment& as = f.assignments[i];
                std::string text = as.number.empty() ? as.text : as.number + ". " + as.text;
                out << "<tr><td>" << esc(text);
                if (!as.comment.empty()) out << " <span class=\"not\">(" << esc(as.comment) << ")</span>";
                out << "</td><td>" << esc(assignment_status_label(as.status)) << "</td></tr>\n";
            }
            out << "</tbody>\n</table>\n</div>\n";
        }
        const auto& n = m.assignment_counts;
        out << "<p>Antal per status:";
        bool first = true;
        for (int k = 0; k < static_cast<int>(AssignmentStatus::Count); ++k) {
            if (!n[k]) continue;
            out << (first ? " " : ", ") << esc(assignment_status_label(static_cast<AssignmentStatus>(k))) << " " << n[k];
            first = false;
        }
        out << ".</p>\n</section>\n";
    }

    if (a.judged) {
        out << "<section aria-labelledby=\"sammanfattning\">\n<h2 id=\"sammanfattning\">Sammanfattning</h2>\n";
        out << "<table class=\"sammanfattning\">\n<caption>Antal nämndmål och nämndindikatorer per resultat</caption>\n"
            << "<thead>\n<tr><th scope=\"col\">Resultat</th><th scope=\"col\">Nämndmål</th><th scope=\"col\">Nämndindikatorer</th></tr>\n"
            << "</thead>\n<tbody>\n";
        for (Outcome o : {Outcome::Uppfyllt, Outcome::Delvis, Outcome::EjUppfyllt, Outcome::EjBedomd})
            out << "<tr><th scope=\"row\">" << badge(o, outcome_label(o, f.kind)) << "</th><td>" << a.goal_counts.by_outcome[static_cast<int>(o)]
                << "</td><td>" << a.indicator_counts.by_outcome[static_cast<int>(o)] << "</td></tr>\n";
        out << "</tbody>\n</table>\n";
        if (!m.deviating_goals.empty() || !m.deviating_indicators.empty()) {
            out << "<h3>Manuella bedömningar som avviker från regelns</h3>\n<ul>\n";
            for (std::uint32_t k : m.deviating_goals) {
                const GoalAssessment& ga = a.goals[k];
                out << "<li>Nämndmål <em>" << esc(f.goals[k].name) << "</em> — " << badge(ga.result, outcome_label(ga.result, f.kind))
                    << " (regeln: " << esc(outcome_label(ga.rule_result, f.kind)) << "). Motivering: " << esc(f.goals[k].manual->motivering)
                    << "</li>\n";
            }
            for (std::uint32_t k : m.deviating_indicators) {
                const IndicatorAssessment& ia = a.indicators[k];
                out << "<li>Indikator <em>" << esc(f.indicators[k].name) << "</em> — " << badge(ia.result, outcome_label(ia.result, f.kind))
                    << " (regeln: " << esc(outcome_label(ia.rule_result, f.kind)) << "). Motivering: "
                    << esc(f.indicators[k].manual->motivering) << "</li>\n";
            }
            out << "</ul>\n";
        }
        out << "</section>\n";
    }
    out << "</main>\n";

    out << "<footer>\n<p>Rapporten är skapad av Målkoll " << MALKOLL_VERSION;
    if (in.inputs.empty()) {
        out << ".</p>\n";
    } else {
        out << " ur dessa filer (SHA-256 över filens innehåll):</p>\n<ul>\n";
        for (const auto& i : in.inputs) out << "<li><code>" << esc(i.path) << "</code> <code>" << esc(i.sha256) << "</code></li>\n";
        out << "</ul>\n";
    }
    out << "</footer>\n</body>\n</html>\n";
}

}  // namespace malkoll
