// The HTML report (`--format html`): one self-contained file — no scripts,
// no external styles, fonts or images, no network — for the screen and for
// print on A4. Same order and content as the Markdown report: the heading
// block with the decision, Målredovisning (målområde → kommunmål → nämndmål
// with its judgement, justification, aktiviteter and indicators), the
// indicator tables with breakdown series as sub-rows and definitions and
// sources as footnotes, each nyckeltal table as a section of its own, the
// assignments, then the summary.
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
// Swedish way with no-break spaces. All of it is written through an
// HtmlWriter (html_writer.hpp), which escapes every text unless it is a
// literal marked _html; the colours come from palette.hpp.
// The output depends on nothing but the inputs: no timestamps.
#include <algorithm>
#include <cstring>
#include <sstream>

#include <fmt/format.h>

#include "engine/core/text.hpp"
#include "engine/report/html_writer.hpp"
#include "engine/report/model.hpp"
#include "engine/report/palette.hpp"
#include "engine/report/render.hpp"
#include "engine/report/svg_chart.hpp"

namespace malkoll {

namespace {

// A result as text, its symbol and its colour: never colour alone. `symbol`:
// a level's own (skala) in place of the result's.
void badge(HtmlWriter& w, Outcome o, std::string_view text, std::string_view symbol = {}) {
    const ResultColour rc = result_colour(o);
    w << "<span class=\"resultat r-"_html << rc.css << "\"><span aria-hidden=\"true\">"_html << (symbol.empty() ? std::string_view(rc.symbol) : symbol)
      << "</span> "_html << text << "</span>"_html;
}

// A result at its level: with `skala` the level's label and symbol, the base result's colour.
void badge(HtmlWriter& w, const RuleFile& f, Outcome o, std::uint8_t level) {
    if (const ScaleLevel* l = f.scale_level(o, level)) return badge(w, o, result_label(f, o, level), l->symbol);
    badge(w, o, outcome_label(o, f.kind));
}

// The table column's words (Ja, Delvis, Nej, –); the "–" of ej bedömd goes
// without a symbol and is spelt out for screen readers (and without the
// style sheet).
void table_badge(HtmlWriter& w, const RuleFile& f, Outcome o, std::uint8_t level) {
    if (const ScaleLevel* l = f.scale_level(o, level)) {  // a level of `skala`: its short form and symbol, the label for screen readers
        badge(w, o, l->table_label, l->symbol);
        if (l->table_label != result_label(f, o, level)) w << "<span class=\"sr\"> ("_html << result_label(f, o, level) << ")</span>"_html;
        return;
    }
    if (o != Outcome::EjBedomd) return badge(w, o, table_label(o));
    w << "<span class=\"resultat r-"_html << result_colour(o).css << "\">"_html << table_label(o) << "<span class=\"sr\"> ("_html
      << outcome_label(o, f.kind) << ")</span></span>"_html;
}

// A value cell's content: the value as written, with its note; nothing when there is none.
void value_cell(HtmlWriter& w, const Cell& c) {
    if (!c.value) return;
    w << "<span class=\"varde\">"_html << c.text << "</span>"_html;
    // The marker for the eye, the words for screen readers; the footnote explains it.
    if (c.before_break) w << "<span aria-hidden=\"true\"> †</span><span class=\"sr\"> (före serieavbrottet)</span>"_html;
    if (!c.note.empty()) w << " <span class=\"not\">("_html << c.note << ")</span>"_html;
}

// The derivation of a judgement (explain's text for a public reader), in a
// closed <details>, escaped on its way to the page.
void derivation(HtmlWriter& w, const ReportInput& in, ExplainTarget t, std::string_view summary) {
    w << "<details class=\"harledning\"><summary>"_html << summary << "</summary>\n<pre>"_html;
    {
        EscapedText text(w.stream());
        render_explain_text(in, t, text, Space::NoBreak, /*public_view=*/true);
    }
    w << "</pre></details>\n"_html;
}

// The style sheet, its colours from the palette.
std::string style_sheet() {
    std::string s = R"css(
:root { color-scheme: light; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", sans-serif;
  line-height: 1.5; color: $text; background: $paper; }
body { margin: 0 auto; max-width: 64rem; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 .5rem; }
h2 { font-size: 1.4rem; line-height: 1.3; margin: 2.5rem 0 1rem; padding-bottom: .25rem; border-bottom: 2px solid $accent; }
h3 { font-size: 1.2rem; margin: 2rem 0 .25rem; }
h4 { font-size: 1.1rem; line-height: 1.35; margin: 0 0 .5rem; }
h5 { font-size: 1rem; line-height: 1.4; margin: 0 0 .25rem; }
p { margin: .4rem 0; }
a { color: $accent; }
:focus-visible { outline: 3px solid $accent; outline-offset: 2px; }
.beslut { font-size: 1.05rem; }
nav ul { list-style: none; padding: 0; margin: 1rem 0 0; display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; }
.kommunmal { margin: .25rem 0 1rem; }
.namndmal { border: 1px solid $border; border-left: 6px solid $neutral; border-radius: 4px; padding: 1rem 1.25rem; margin: 0 0 1.25rem; }
$namndmal
.etikett { font-weight: 600; margin: .75rem 0 .1rem; }
.aktiviteter { margin: .25rem 0 .75rem; padding-left: 1.25rem; }
.aktiviteter li { margin: .15rem 0; }
.resultat { display: inline-block; padding: 0 .5rem; border: 1px solid currentColor; border-radius: .75rem; font-weight: 600;
  white-space: nowrap; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
$results
.avvikelse { font-weight: 600; }
.sr { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.indikatorer { list-style: none; padding: 0; margin: 1rem 0 0; }
.indikator { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: flex-start; border-top: 1px solid $rule; padding: .75rem 0 .25rem;
  break-inside: avoid; }
.indikator-text { flex: 1 1 22rem; min-width: 0; }
.indikator .diagram { flex: 0 0 auto; max-width: 100%; height: auto; }
.harledning { margin: .4rem 0; }
.harledning summary { cursor: pointer; color: $accent; }
.harledning pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: .8rem; line-height: 1.4; background: $panel;
  padding: .5rem .75rem; border: 1px solid $rule; margin: .4rem 0; }
.tabell { overflow-x: auto; margin: 0 0 1.5rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0 .5rem; }
th, td { border: 1px solid $border; padding: .3rem .45rem; text-align: left; vertical-align: top; }
thead th { background: $head; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
tbody th { font-weight: 600; }
.tal { text-align: right; }
.varde { white-space: nowrap; }
.not { color: $note; font-size: .85em; }
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
footer { margin-top: 3rem; font-size: .85rem; border-top: 1px solid $border; padding-top: .75rem; }
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
    std::string namndmal, results;
    for (Outcome o : {Outcome::Uppfyllt, Outcome::Delvis, Outcome::EjUppfyllt}) {
        const ResultColour rc = result_colour(o);
        namndmal += fmt::format("{}.namndmal.utfall-{} {{ border-left-color: {}; }}", namndmal.empty() ? "" : "\n", rc.css, rc.text);
    }
    for (Outcome o : {Outcome::Uppfyllt, Outcome::Delvis, Outcome::EjUppfyllt, Outcome::EjBedomd}) {
        const ResultColour rc = result_colour(o);
        results += fmt::format("{}.r-{} {{ color: {}; background: {}; }}", results.empty() ? "" : "\n", rc.css, rc.text, rc.tint);
    }
    const std::pair<const char*, std::string> tokens[] = {
        {"$namndmal", namndmal},       {"$results", results},        {"$accent", colour::kAccent},
        {"$text", colour::kText},      {"$paper", colour::kPaper},   {"$border", colour::kBorder},
        {"$neutral", result_colour(Outcome::EjBedomd).text},         {"$rule", colour::kRule},
        {"$panel", colour::kPanel},    {"$head", colour::kHead},     {"$note", colour::kNote},
    };
    for (const auto& [token, value] : tokens)
        for (std::size_t at = s.find(token); at != std::string::npos; at = s.find(token, at + value.size())) s.replace(at, std::strlen(token), value);
    return s;
}

// A table's column heads; a column of values is right-aligned (class tal).
void head_cells(const std::vector<Column>& columns, HtmlWriter& w) {
    for (const Column& c : columns)
        w << (c.align == Column::Align::Right ? "<th scope=\"col\" class=\"tal\">"_html : "<th scope=\"col\">"_html) << c.label
          << "</th>"_html;
}

// The indicator table of one målområde and kommunmål, with the model's
// columns (indicator_columns): the goal's result once per goal, the
// indicator's name with * for an obligatory one. A goal's rows are one
// <tbody>: its name is their row-group header.
void indicator_table(const ReportModel& m, const IndicatorTable& t, int table_no, HtmlWriter& w) {
    const Assessment& a = m.in->assessment;
    const RuleFile& f = *a.file;
    const bool forecast = f.kind == ReportKind::Delar;
    const bool budget = f.kind == ReportKind::Budget;
    const GoalDef& g0 = f.goals[t.first_goal];
    // In a plan with two levels a table is the målområde's.
    const bool two_level = g0.municipal_goal.empty();
    const std::string& level_word = two_level ? m.words.area : m.words.municipal_goal;
    const std::string& level_name = two_level ? g0.area : g0.municipal_goal;
    if (!t.any_indicator) {
        w << "<p class=\"kommunmal\">"_html << level_word << ": <strong>"_html << level_name << "</strong></p>\n"_html;
        if (f.words.indicator.empty() && f.words.indicators.empty()) w << "<p>"_html << phrase::kNoIndicators << "</p>\n"_html;
        else w << "<p>"_html << m.words.indicators << ": inga.</p>\n"_html;
        return;
    }
    w << "<div class=\"tabell\" role=\"region\" aria-labelledby=\""_html << m.id_prefix << "tabell-"_html << table_no
      << "\" tabindex=\"0\">\n<table>\n<caption id=\""_html << m.id_prefix << "tabell-"_html
      << table_no << "\">"_html << level_word << ": "_html << level_name << "</caption>\n<thead>\n<tr>"_html;
    head_cells(indicator_columns(m, t), w);
    w << "</tr>\n</thead>\n"_html;
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
        w << "<tbody>\n"_html;
        for (std::size_t n = 0; n < g.indicators.size(); ++n) {
            const std::uint32_t ind = g.indicators[n];
            const IndicatorDef& d = f.indicators[ind];
            indicator_rows(m, ind, t.periods, rows);
            w << "<tr>"_html;
            if (n == 0) {
                if (a.judged) {
                    w << "<td rowspan=\""_html << span << "\">"_html;
                    table_badge(w, f, a.goals[k].result, a.goals[k].level);
                    w << "</td>"_html;
                }
                w << "<th scope=\"rowgroup\" rowspan=\""_html << span << "\">"_html << g.name << "</th>"_html;
            }
            w << "<th scope=\"row\">"_html;
            if (d.mandatory) w << "<span class=\"obligatorisk\">*</span>"_html;
            w << d.name;
            // Definitions and sources as footnotes: each reference has its own id,
            // the footnote links back to the first.
            if (const std::int32_t fn = m.footnote_of[ind]; fn >= 0) {
                const std::size_t no = static_cast<std::size_t>(fn) + 1;
                w << "<sup><a id=\""_html << m.id_prefix << "fotnotref-"_html << no;
                if (!m.first_reference[ind]) w << "-"_html << ind;
                w << "\" href=\"#"_html << m.id_prefix << "fotnot-"_html << no << "\" aria-label=\"Fotnot "_html << no << "\">"_html << no << "</a></sup>"_html;
            }
            w << "</th>"_html;
            for (const Cell& c : rows[0].values) {
                w << "<td class=\"tal\">"_html;
                value_cell(w, c);
                w << "</td>"_html;
            }
            if (forecast) {
                w << "<td class=\"tal\">"_html;
                value_cell(w, rows[0].forecast);
                w << "</td>"_html;
            }
            if (budget)
                for (int y : t.target_years) w << "<td>"_html << nbsp_numbers(target_for_year(m, ind, y, /*shown=*/true)) << "</td>"_html;
            else
                w << "<td>"_html << nbsp_numbers(target_shown(m, ind)) << "</td>"_html;
            w << "<td>"_html << direction_word(d.direction) << "</td>"_html;
            // The arrow for the eye, the word for screen readers and for reading without the style sheet.
            auto judged_cells = [&](const IndicatorAssessment& x) {
                const Development dev = x.development;
                w << "<td class=\"utveckling\">"_html;
                if (dev != Development::Okant)
                    w << "<span aria-hidden=\"true\">"_html << development_arrow(dev) << "</span><span class=\"sr\"> "_html << development_word(dev)
                      << "</span>"_html;
                w << "</td>"_html;
                w << "<td>"_html;
                badge(w, f, x.result, x.level);
                w << "</td>"_html;
            };
            if (a.judged) judged_cells(a.indicators[ind]);
            w << "</tr>\n"_html;
            // Breakdown series and the comparison series as sub-rows.
            for (std::size_t r = 1; r < rows.size(); ++r) {
                w << "<tr class=\"serie\"><th scope=\"row\"><span aria-hidden=\"true\">↳ </span>"_html << rows[r].series << "</th>"_html;
                for (const Cell& c : rows[r].values) {
                    w << "<td class=\"tal\">"_html;
                    value_cell(w, c);
                    w << "</td>"_html;
                }
                if (forecast) w << "<td></td>"_html;
                // A series judged apart: its Utveckling and result in the last two cells.
                const bool judged = rows[r].judged && a.judged;
                for (std::size_t c = 0; c < tail - (judged ? 2 : 0); ++c) w << "<td></td>"_html;
                if (judged) judged_cells(*rows[r].judged);
                w << "</tr>\n"_html;
            }
        }
        w << "</tbody>\n"_html;
    }
    w << "</table>\n</div>\n"_html;
    if (t.any_mandatory) w << "<p class=\"tabellnot\">* "_html << phrase::kMandatory << "</p>\n"_html;
    if (a.judged)
        w << "<p class=\"tabellnot\">Utveckling jämfört med föregående år, i önskad riktning: <span aria-hidden=\"true\">↑</span> förbättrat, "
             "<span aria-hidden=\"true\">→</span> oförändrat (inom toleransen), <span aria-hidden=\"true\">↓</span> försämrat; tomt när ett "
             "värde saknas eller förändringen inte kan avgöras.</p>\n"_html;
}

// A nyckeltal's value, its share in parentheses, then its note: "3 007 (43 %)".
void key_figure_cell(HtmlWriter& w, const Cell& c, const Cell& share) {
    if (c.value) w << "<span class=\"varde\">"_html << c.text << "</span>"_html;
    if (share.value) {
        if (c.value) w << " "_html;
        w << "<span class=\"varde\">("_html << share.text;
        if (!share.note.empty()) w << " — "_html << share.note;
        w << ")</span>"_html;
    }
    if (c.value && !c.note.empty()) w << " <span class=\"not\">("_html << c.note << ")</span>"_html;
}

// A nyckeltal table (docs/regelfil.md, Nyckeltal utan bedömning) as a
// section of its own, with the Markdown report's columns: the table's
// `kolumnrubrik`, one column per period, a delår's forecast, Målvärde when
// some row has a target; `serier` as sub-rows; what the parentheses mean and
// its footnotes after it. Nothing is judged.
void key_figure_table(const ReportModel& m, const KeyFigureTableModel& t, int no, HtmlWriter& w, int depth) {
    const RuleFile& f = *m.in->assessment.file;
    const KeyFigureTable& kt = f.key_figure_tables[t.table];
    const std::string id = fmt::format("{}nyckeltal-{}", m.id_prefix, no);
    const int h2 = 2 + depth, h3 = 3 + depth;
    w << "<section aria-labelledby=\""_html << id << "\">\n<h"_html << h2 << " id=\""_html << id << "\">"_html << kt.heading << "</h"_html << h2
      << ">\n<div class=\"tabell\" role=\"region\" aria-labelledby=\""_html << id << "-tabell\" tabindex=\"0\">\n<table>\n<caption id=\""_html << id
      << "-tabell\">"_html << kt.heading << "</caption>\n<thead>\n<tr>"_html;
    head_cells(key_figure_columns(m, t), w);
    w << "</tr>\n</thead>\n<tbody>\n"_html;
    std::vector<KeyFigureLine> lines;
    const Cell none;
    for (std::uint32_t r = kt.first_row; r < kt.end_row; ++r) {
        const KeyFigureRow& row = f.key_figures[r];
        key_figure_lines(m, r, t.periods, lines);
        for (std::size_t k = 0; k < lines.size(); ++k) {
            const KeyFigureLine& line = lines[k];
            if (k == 0) {
                w << "<tr><th scope=\"row\">"_html << row.name;
                if (row.accumulated) w << ", ackumulerat"_html;
                if (const std::int32_t fn = m.key_figure_footnote_of[r]; fn >= 0) {
                    const std::size_t n = static_cast<std::size_t>(fn) + 1;
                    w << "<sup><a id=\""_html << m.id_prefix << "fotnotref-"_html << n;
                    if (!m.key_figure_first_reference[r]) w << "-n"_html << r;
                    w << "\" href=\"#"_html << m.id_prefix << "fotnot-"_html << n << "\" aria-label=\"Fotnot "_html << n << "\">"_html << n << "</a></sup>"_html;
                }
                w << "</th>"_html;
            } else {
                w << "<tr class=\"serie\"><th scope=\"row\"><span aria-hidden=\"true\">↳ </span>"_html << line.series << "</th>"_html;
            }
            for (std::size_t c = 0; c < line.values.size(); ++c) {
                w << "<td class=\"tal\">"_html;
                key_figure_cell(w, line.values[c], line.shares[c]);
                w << "</td>"_html;
            }
            if (t.forecast) {
                w << "<td class=\"tal\">"_html;
                key_figure_cell(w, line.forecast, none);
                w << "</td>"_html;
            }
            if (t.any_target) w << "<td>"_html << (k == 0 ? nbsp_numbers(row.target) : std::string()) << "</td>"_html;
            w << "</tr>\n"_html;
        }
    }
    w << "</tbody>\n</table>\n</div>\n"_html;
    if (const std::string legend = key_figure_share_legend(t); !legend.empty()) w << "<p class=\"tabellnot\">"_html << legend << "</p>\n"_html;
    if (t.end_footnote > t.first_footnote) {
        w << "<h"_html << h3 << " id=\""_html << id << "-fotnoter\">Definitioner och källor</h"_html << h3 << ">\n<ol class=\"fotnoter\" start=\""_html
          << t.first_footnote + 1 << "\">\n"_html;
        for (std::uint32_t k = t.first_footnote; k < t.end_footnote; ++k)
            w << "<li id=\""_html << m.id_prefix << "fotnot-"_html << k + 1 << "\">"_html << m.footnotes[k] << " <a href=\"#"_html << m.id_prefix
              << "fotnotref-"_html << k + 1 << "\">Tillbaka till tabellen</a></li>\n"_html;
        w << "</ol>\n"_html;
    }
    w << "</section>\n"_html;
}

// A goal's judgement at any level: the badge, the justification (or the manual
// motivering with the rule's judgement) and the derivation.
void goal_judgement(HtmlWriter& w, const ReportInput& in, const std::string& judged_word, const GoalAssessment& ga,
                    const std::optional<ManualJudgement>& manual, const Justification& just, ExplainTarget target, const char* summary) {
    w << "<p class=\"bedomning\"><strong>"_html << judged_word << "</strong> "_html;
    badge(w, *in.assessment.file, ga.result, ga.level);
    if (ga.manual) w << " (manuell bedömning)"_html;
    w << "</p>\n"_html;
    if (ga.manual && manual) {
        w << "<p><strong>Motivering:</strong> "_html << manual->motivering << "</p>\n"_html;
        w << "<p>Regelns bedömning: "_html << just.text() << "</p>\n"_html;
        if (ga.evaluated && (ga.result != ga.rule_result || ga.level != ga.rule_level)) w << "<p class=\"avvikelse\">"_html << phrase::kManualDeviates << "</p>\n"_html;
    } else {
        w << "<p>"_html << just.without_label() << "</p>\n"_html;
    }
    derivation(w, in, target, summary);
}

// The counts per result, a column per level that is judged, and the manual
// judgements that differ from their rule's.
void summary_tables(const ReportModel& m, HtmlWriter& w, int depth) {
    const Assessment& a = m.in->assessment;
    const RuleFile& f = *a.file;
    const int h3 = 3 + depth;
    // The counts per result, a column per level that is judged.
    const bool plain = !m.judged_areas && !m.judged_municipal_goals && f.words.goal.empty() && f.words.indicator.empty() && f.words.indicators.empty();
    w << "<table class=\"sammanfattning\">\n<caption>"_html
      << (plain ? "Antal nämndmål och nämndindikatorer per resultat" : "Antal per resultat")
      << "</caption>\n<thead>\n<tr><th scope=\"col\">Resultat</th>"_html;
    if (m.judged_areas) w << "<th scope=\"col\">"_html << m.words.areas << "</th>"_html;
    if (m.judged_municipal_goals) w << "<th scope=\"col\">"_html << m.words.municipal_goals << "</th>"_html;
    w << "<th scope=\"col\">"_html << m.words.goal << "</th><th scope=\"col\">"_html << m.words.indicators << "</th></tr>\n</thead>\n<tbody>\n"_html;
    for (Outcome o : {Outcome::Uppfyllt, Outcome::Delvis, Outcome::EjUppfyllt, Outcome::EjBedomd}) {
        const int k = static_cast<int>(o);
        w << "<tr><th scope=\"row\">"_html;
        badge(w, f, o, kNoLevel);
        w << "</th>"_html;
        if (m.judged_areas) w << "<td>"_html << a.area_counts.by_outcome[k] << "</td>"_html;
        if (m.judged_municipal_goals) w << "<td>"_html << a.municipal_counts.by_outcome[k] << "</td>"_html;
        w << "<td>"_html << a.goal_counts.by_outcome[k] << "</td><td>"_html << a.indicator_counts.by_outcome[k] << "</td></tr>\n"_html;
    }
    w << "</tbody>\n</table>\n"_html;
    if (!m.deviating_goals.empty() || !m.deviating_indicators.empty() || !m.deviating_municipal_goals.empty() || !m.deviating_areas.empty()) {
        w << "<h"_html << h3 << ">"_html << phrase::kDeviations << "</h"_html << h3 << ">\n<ul>\n"_html;
        auto deviation = [&](const std::string& word, const std::string& name, const GoalAssessment& ga, const std::string& motivering) {
            w << "<li>"_html << word << " <em>"_html << name << "</em> — "_html;
            badge(w, f, ga.result, ga.level);
            w << " (regeln: "_html << result_label(f, ga.rule_result, ga.rule_level) << "). Motivering: "_html << motivering << "</li>\n"_html;
        };
        for (std::uint32_t k : m.deviating_areas) deviation(m.words.area, f.areas[k].name, a.areas[k], f.areas[k].manual->motivering);
        for (std::uint32_t k : m.deviating_municipal_goals)
            deviation(m.words.municipal_goal, f.municipal_goals[k].name, a.municipal_goals[k], f.municipal_goals[k].manual->motivering);
        for (std::uint32_t k : m.deviating_goals) deviation(m.words.goal, f.goals[k].name, a.goals[k], f.goals[k].manual->motivering);
        for (std::uint32_t k : m.deviating_indicators) {
            const IndicatorAssessment& ia = a.indicators[k];
            w << "<li>"_html << (f.words.indicator.empty() ? std::string("Indikator") : m.words.indicator) << " <em>"_html << f.indicators[k].name
              << "</em> — "_html;
            badge(w, f, ia.result, ia.level);
            w << " (regeln: "_html << result_label(f, ia.rule_result, ia.rule_level) << "). Motivering: "_html << f.indicators[k].manual->motivering
              << "</li>\n"_html;
        }
        w << "</ul>\n"_html;
    }
}

// The report of one rule file from Målredovisning to Sammanfattning. A
// nämnd's inside its roll-up's has its headings `depth` levels down and
// every id behind the model's prefix.
void write_body(const ReportModel& m, HtmlWriter& w, int depth) {
    const ReportInput& in = *m.in;
    const Assessment& a = in.assessment;
    const RuleFile& f = *a.file;
    const std::string& p = m.id_prefix;
    const int h2 = 2 + depth, h3 = 3 + depth, h4 = 4 + depth, h5 = 5 + depth;
    // Målredovisning: målområde → kommunmål → nämndmål, each judged level with its judgement.
    w << "<section aria-labelledby=\""_html << p << "malredovisning\">\n<h"_html << h2 << " id=\""_html << p << "malredovisning\">Målredovisning</h"_html << h2 << ">\n"_html;
    // A goal's judgement at any level: the badge, the justification (or the manual
    // motivering with the rule's judgement) and the derivation.
    auto judgement = [&](const std::string& judged_word, const GoalAssessment& ga, const std::optional<ManualJudgement>& manual,
                         const Justification& just, ExplainTarget target, const char* summary) {
        goal_judgement(w, in, judged_word, ga, manual, just, target, summary);
    };
    bool area_open = false;
    for (const OutlineEntry& e : m.outline) {
        if (e.level == GoalLevel::Area) {
            const LevelDef& area = f.areas[e.index];
            if (area_open) w << "</section>\n"_html;
            area_open = true;
            w << "<section class=\"malomrade\" aria-labelledby=\""_html << p << "mo-"_html << e.area_no << "\">\n<h"_html << h3 << " id=\""_html << p << "mo-"_html << e.area_no << "\">"_html
              << m.words.area << " "_html << area.name << "</h"_html << h3 << ">\n"_html;
            if (area.judged() && a.judged)
                judgement(m.words.area_judged, a.areas[e.index], area.manual, justification_of_level(m, GoalLevel::Area, e.index),
                          ExplainTarget{-1, static_cast<int>(e.index), GoalLevel::Area}, "Så gjordes bedömningen av målområdet");
            continue;
        }
        if (e.level == GoalLevel::MunicipalGoal) {
            const LevelDef& mg = f.municipal_goals[e.index];
            if (!mg.name.empty())
                w << "<p class=\"kommunmal\">"_html << m.words.municipal_goal << ": <strong>"_html << mg.name << "</strong></p>\n"_html;
            if (mg.judged() && a.judged)
                judgement(m.words.municipal_judged, a.municipal_goals[e.index], mg.manual,
                          justification_of_level(m, GoalLevel::MunicipalGoal, e.index),
                          ExplainTarget{-1, static_cast<int>(e.index), GoalLevel::MunicipalGoal}, "Så gjordes bedömningen av kommunmålet");
            continue;
        }
        const GoalAssessment& ga = a.goals[e.index];
        const GoalDef& g = f.goals[e.index];
        const std::string gid = p + "mal-" + g.id;
        w << "<article class=\"namndmal"_html;
        if (a.judged) w << " utfall-"_html << result_colour(ga.result).css;
        w << "\" id=\""_html << gid << "\" aria-labelledby=\""_html << gid << ".rubrik\">\n"_html;
        w << "<h"_html << h4 << " id=\""_html << gid << ".rubrik\">"_html << m.words.goal << ": "_html << g.name << "</h"_html << h4 << ">\n"_html;
        if (!g.activities.empty()) {
            w << "<p class=\"etikett\">Aktiviteter</p>\n<ul class=\"aktiviteter\">\n"_html;
            for (const auto& act : g.activities) w << "<li>"_html << act << "</li>\n"_html;
            w << "</ul>\n"_html;
        }
        if (a.judged)
            judgement(m.words.goal_judged, ga, g.manual, justification_of_goal(m, e.index), ExplainTarget{-1, static_cast<int>(e.index)},
                      "Så gjordes bedömningen av nämndmålet");
        if (!g.indicators.empty()) {
            w << "<ul class=\"indikatorer\">\n"_html;
            for (std::uint32_t k : g.indicators) {
                const IndicatorAssessment& ia = a.indicators[k];
                const IndicatorDef& ind = f.indicators[k];
                w << "<li class=\"indikator\" id=\""_html << p << "ind-"_html << ind.id << "\">\n<div class=\"indikator-text\">\n"_html;
                w << "<h"_html << h5 << ">"_html << ind.name << "</h"_html << h5 << ">\n"_html;
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
                    w << "<p>"_html << line << ".</p>\n"_html;
                }
                if (a.judged) {
                    const Justification just = justification_of_indicator(m, k);
                    w << "<p>"_html;
                    badge(w, f, ia.result, ia.level);
                    if (ia.manual) {
                        w << " (manuell bedömning)</p>\n<p><strong>Motivering:</strong> "_html << ind.manual->motivering << "</p>\n"_html;
                        w << "<p>Regelns bedömning: "_html << just.text() << "</p>\n"_html;
                        if ((ia.result != ia.rule_result || ia.level != ia.rule_level)) w << "<p class=\"avvikelse\">"_html << phrase::kManualDeviates << "</p>\n"_html;
                    } else {
                        // The colon is for reading without the style sheet and for screen readers.
                        w << "<span class=\"sr\">:</span> "_html << just.without_label() << "</p>\n"_html;
                    }
                    if (ia.series_count) {  // series judged apart, each with its result
                        w << "<ul class=\"serier\">\n"_html;
                        for (std::uint32_t s = 0; s < ia.series_count; ++s) {
                            const IndicatorAssessment& sa = a.series[ia.first_series + s];
                            w << "<li>"_html << ind.judged_series[static_cast<std::size_t>(sa.judged_series)] << ": "_html;
                            badge(w, f, sa.result, sa.level);
                            w << "<span class=\"sr\">:</span> "_html << justification_of_series(m, sa).without_label() << "</li>\n"_html;
                        }
                        w << "</ul>\n"_html;
                    }
                    derivation(w, in, ExplainTarget{static_cast<int>(k), -1}, "Så gjordes bedömningen av indikatorn");
                }
                w << "</div>\n"_html;
                // Words on a scale are no line to draw: a status indicator's table says it all.
                if (!in.assessment.file->indicators[k].status())
                    if (const ChartSpec chart = indicator_chart(m, k); chart_has_values(chart))
                        w << Markup::composed(render_svg_chart(chart)) << "\n"_html;
                w << "</li>\n"_html;
            }
            w << "</ul>\n"_html;
        }
        w << "</article>\n"_html;
    }
    if (area_open) w << "</section>\n"_html;
    w << "</section>\n"_html;

    // Nämndindikatorer: one table per målområde and kommunmål, with the Markdown report's columns.
    w << "<section aria-labelledby=\""_html << p << "namndindikatorer\">\n<h"_html << h2 << " id=\""_html << p << "namndindikatorer\">"_html << m.words.indicators << "</h"_html << h2 << ">\n"_html;
    int table_no = 0;
    for (const IndicatorTable& t : m.tables) {
        if (t.new_area) w << "<h"_html << h3 << ">"_html << m.words.area << ": "_html << f.goals[t.first_goal].area << "</h"_html << h3 << ">\n"_html;
        indicator_table(m, t, ++table_no, w);
    }
    if (m.indicator_footnotes > 0) {
        w << "<h"_html << h3 << " id=\""_html << p << "fotnoter\">Definitioner och källor</h"_html << h3 << ">\n<ol class=\"fotnoter\">\n"_html;
        for (std::size_t k = 0; k < m.indicator_footnotes; ++k)
            w << "<li id=\""_html << p << "fotnot-"_html << k + 1 << "\">"_html << m.footnotes[k] << " <a href=\"#"_html << p << "fotnotref-"_html << k + 1
              << "\">Tillbaka till tabellen</a></li>\n"_html;
        w << "</ol>\n"_html;
    }
    w << "</section>\n"_html;

    // The nyckeltal tables, each a section of its own after the indicators'.
    for (std::size_t n = 0; n < m.key_figure_tables.size(); ++n) key_figure_table(m, m.key_figure_tables[n], static_cast<int>(n) + 1, w, depth);

    // Strategiska utvecklingsuppdrag: one table per group, then the count per status.
    if (!f.assignments.empty()) {
        w << "<section aria-labelledby=\""_html << p << "utvecklingsuppdrag\">\n<h"_html << h2 << " id=\""_html << p << "utvecklingsuppdrag\">Strategiska utvecklingsuppdrag</h"_html << h2 << ">\n"_html;
        for (const AssignmentGroup& grp : m.assignment_groups) {
            const std::string& group = f.assignments[grp.first].group;
            w << "<div class=\"tabell\">\n<table class=\"uppdrag\">\n<caption>"_html << (group.empty() ? std::string("Uppdrag") : group)
              << "</caption>\n<thead>\n<tr><th scope=\"col\">Uppdrag</th><th scope=\"col\">Status</th></tr>\n</thead>\n<tbody>\n"_html;
            for (std::uint32_t i = grp.first; i < grp.end; ++i) {
                const Assignment& as = f.assignments[i];
                w << "<tr><td>"_html;
                if (!as.number.empty()) w << as.number << ". "_html;
                w << as.text;
                if (!as.comment.empty()) w << " <span class=\"not\">("_html << as.comment << ")</span>"_html;
                w << "</td><td>"_html << assignment_status_label(as.status) << "</td></tr>\n"_html;
            }
            w << "</tbody>\n</table>\n</div>\n"_html;
        }
        const auto& n = m.assignment_counts;
        w << "<p>"_html << phrase::kPerStatus;
        bool first = true;
        for (int k = 0; k < static_cast<int>(AssignmentStatus::Count); ++k) {
            if (!n[k]) continue;
            w << (first ? " "_html : ", "_html) << assignment_status_label(static_cast<AssignmentStatus>(k)) << " "_html << n[k];
            first = false;
        }
        w << ".</p>\n</section>\n"_html;
    }

    if (a.judged) {
        w << "<section aria-labelledby=\""_html << p << "sammanfattning\">\n<h"_html << h2 << " id=\""_html << p << "sammanfattning\">Sammanfattning</h"_html << h2 << ">\n"_html;
        summary_tables(m, w, depth);
        w << "</section>\n"_html;
    }
}

// A roll-up: the municipality's målområden and kommunmål, each kommunmål with
// the nämndmål it is judged from, linked to them in the nämnd's report below;
// the counts, also per nämnd; then every nämnd's own report.
void write_rollup_body(const ReportModel& m, HtmlWriter& w) {
    const ReportInput& in = *m.in;
    const Assessment& a = in.assessment;
    const RuleFile& f = *a.file;
    w << "<section aria-labelledby=\"malredovisning\">\n<h2 id=\"malredovisning\">Målredovisning</h2>\n"_html;
    bool area_open = false;
    for (const OutlineEntry& e : m.outline) {
        if (e.level == GoalLevel::Area) {
            const LevelDef& area = f.areas[e.index];
            if (area_open) w << "</section>\n"_html;
            area_open = true;
            w << "<section class=\"malomrade\" aria-labelledby=\"mo-"_html << e.area_no << "\">\n<h3 id=\"mo-"_html << e.area_no << "\">"_html
              << m.words.area << " "_html << area.name << "</h3>\n"_html;
            if (area.judged() && a.judged)
                goal_judgement(w, in, m.words.area_judged, a.areas[e.index], area.manual, justification_of_level(m, GoalLevel::Area, e.index),
                               ExplainTarget{-1, static_cast<int>(e.index), GoalLevel::Area}, "Så gjordes bedömningen av målområdet");
            continue;
        }
        if (e.level != GoalLevel::MunicipalGoal) continue;  // a roll-up has no nämndmål of its own
        const LevelDef& mg = f.municipal_goals[e.index];
        w << "<p class=\"kommunmal\">"_html << m.words.municipal_goal << ": <strong>"_html << mg.name << "</strong></p>\n"_html;
        if (mg.judged() && a.judged)
            goal_judgement(w, in, m.words.municipal_judged, a.municipal_goals[e.index], mg.manual,
                           justification_of_level(m, GoalLevel::MunicipalGoal, e.index),
                           ExplainTarget{-1, static_cast<int>(e.index), GoalLevel::MunicipalGoal}, "Så gjordes bedömningen av kommunmålet");
        const auto& children = a.model->municipal_children[e.index];
        if (children.empty()) continue;
        w << "<div class=\"tabell\">\n<table class=\"namndmal\">\n<caption>"_html << m.words.goal << " under ”"_html << mg.name
          << "”</caption>\n<thead>\n<tr><th scope=\"col\">Nämnd</th><th scope=\"col\">"_html << m.words.goal << "</th>"_html;
        if (a.judged) w << "<th scope=\"col\">Bedömning</th>"_html;
        w << "</tr>\n</thead>\n<tbody>\n"_html;
        for (const CommitteeGoal& cg : children) {
            const CommitteeReport& cr = *m.committees[cg.committee];
            const Assessment& ca = cr.input.assessment;
            const GoalDef& g = ca.file->goals[cg.goal];
            w << "<tr><td>"_html << ca.file->committee << "</td><td><a href=\"#"_html << cr.model.id_prefix << "mal-"_html << g.id << "\">"_html
              << g.name << "</a></td>"_html;
            if (a.judged) {
                w << "<td>"_html;
                badge(w, f, ca.goals[cg.goal].result, ca.goals[cg.goal].level);
                if (ca.goals[cg.goal].manual) w << " (manuell bedömning)"_html;
                w << "</td>"_html;
            }
            w << "</tr>\n"_html;
        }
        w << "</tbody>\n</table>\n</div>\n"_html;
    }
    if (area_open) w << "</section>\n"_html;
    w << "</section>\n"_html;

    if (a.judged) {
        w << "<section aria-labelledby=\"sammanfattning\">\n<h2 id=\"sammanfattning\">Sammanfattning</h2>\n"_html;
        summary_tables(m, w, 0);
        w << "<div class=\"tabell\">\n<table class=\"sammanfattning\">\n<caption>Antal "_html
          << (f.words.goal.empty() ? std::string("nämndmål") : m.words.goal)
          << " per nämnd och resultat</caption>\n<thead>\n<tr><th scope=\"col\">Nämnd</th>"_html;
        for (Outcome o : {Outcome::Uppfyllt, Outcome::Delvis, Outcome::EjUppfyllt, Outcome::EjBedomd}) {
            w << "<th scope=\"col\">"_html;
            badge(w, f, o, kNoLevel);
            w << "</th>"_html;
        }
        w << "</tr>\n</thead>\n<tbody>\n"_html;
        for (const auto& cr : m.committees) {
            const Assessment& ca = cr->input.assessment;
            w << "<tr><th scope=\"row\"><a href=\"#"_html << cr->model.id_prefix << "rubrik\">"_html << ca.file->committee << "</a></th>"_html;
            for (int k = 0; k < 4; ++k) w << "<td>"_html << ca.goal_counts.by_outcome[k] << "</td>"_html;
            w << "</tr>\n"_html;
        }
        w << "</tbody>\n</table>\n</div>\n"_html;
        std::vector<std::pair<const CommitteeReport*, std::uint32_t>> outside;
        for (const auto& cr : m.committees)
            for (std::size_t g = 0; g < cr->municipal_goal_of.size(); ++g)
                if (cr->municipal_goal_of[g] < 0) outside.emplace_back(cr.get(), static_cast<std::uint32_t>(g));
        if (!outside.empty()) {
            w << "<p>"_html << (outside.size() == 1 ? "Nämndmålet " : "Nämndmålen ");
            for (std::size_t i = 0; i < outside.size(); ++i) {
                const auto& [cr, g] = outside[i];
                const RuleFile& cf = *cr->input.assessment.file;
                w << (i == 0 ? "" : i + 1 == outside.size() ? " och " : ", ") << "<a href=\"#"_html << cr->model.id_prefix << "mal-"_html
                  << cf.goals[g].id << "\">”"_html << cf.goals[g].name << "”</a> ("_html << cf.committee << ")"_html;
            }
            w << " står direkt under ett målområde och räknas inte in i något kommunmål.</p>\n"_html;
        }
        w << "</section>\n"_html;
    }

    // Every nämnd's own report, its headings one level down and its ids behind its short id.
    for (const auto& cr : m.committees) {
        const ReportModel& cm = cr->model;
        const RuleFile& cf = *cr->input.assessment.file;
        w << "<section class=\"namnd\" aria-labelledby=\""_html << cm.id_prefix << "rubrik\">\n<h2 id=\""_html << cm.id_prefix << "rubrik\">"_html
          << cm.title << "</h2>\n"_html;
        if (cf.decision) w << "<p class=\"beslut\">Beslut: "_html << *cf.decision << "</p>\n"_html;
        write_body(cm, w, 1);
        w << "</section>\n"_html;
    }
}

}  // namespace

void render_html(const ReportInput& in, std::ostream& out) {
    const ReportModel m = build_report(in, Space::NoBreak);
    const Assessment& a = in.assessment;
    const RuleFile& f = *a.file;
    const std::string& heading = m.title;
    HtmlWriter w(out);

    w << "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"generator\" content=\"Målkoll " MALKOLL_VERSION "\">\n"
         "<title>"_html
      << heading << "</title>\n<style>"_html << Markup::composed(style_sheet()) << "</style>\n</head>\n<body>\n"_html;

    w << "<header>\n<h1>"_html << heading << "</h1>\n"_html;
    if (f.decision) w << "<p class=\"beslut\">Beslut: "_html << *f.decision << "</p>\n"_html;
    if (!a.judged) w << "<p>"_html << phrase::kBudget << "</p>\n"_html;
    w << "<nav aria-label=\"Innehåll\">\n<ul>\n<li><a href=\"#malredovisning\">Målredovisning</a></li>\n"_html;
    if (f.rollup()) {
        if (a.judged) w << "<li><a href=\"#sammanfattning\">Sammanfattning</a></li>\n"_html;
        for (const auto& cr : m.committees)
            w << "<li><a href=\"#"_html << cr->model.id_prefix << "rubrik\">"_html << cr->input.assessment.file->committee << "</a></li>\n"_html;
    } else {
        w << "<li><a href=\"#namndindikatorer\">"_html << m.words.indicators << "</a></li>\n"_html;
        for (std::size_t n = 0; n < m.key_figure_tables.size(); ++n)
            w << "<li><a href=\"#nyckeltal-"_html << n + 1 << "\">"_html << f.key_figure_tables[m.key_figure_tables[n].table].heading << "</a></li>\n"_html;
        if (!f.assignments.empty()) w << "<li><a href=\"#utvecklingsuppdrag\">Strategiska utvecklingsuppdrag</a></li>\n"_html;
        if (a.judged) w << "<li><a href=\"#sammanfattning\">Sammanfattning</a></li>\n"_html;
    }
    w << "</ul>\n</nav>\n</header>\n<main>\n"_html;

    if (f.rollup()) write_rollup_body(m, w);
    else write_body(m, w, 0);
    w << "</main>\n"_html;

    w << "<footer>\n<p>Rapporten är skapad av Målkoll " MALKOLL_VERSION ""_html;
    if (in.inputs.empty()) {
        w << ".</p>\n"_html;
    } else {
        w << " ur dessa filer (SHA-256 över filens innehåll):</p>\n<ul>\n"_html;
        for (const auto& i : in.inputs) {
            w << "<li><code>"_html << i.path << "</code> "_html;
            if (!i.sheet.empty()) w << "(bladet "_html << i.sheet << ") "_html;
            w << "<code>"_html << i.sha256 << "</code></li>\n"_html;
        }
        w << "</ul>\n"_html;
    }
    w << "</footer>\n</body>\n</html>\n"_html;
}

}  // namespace malkoll
