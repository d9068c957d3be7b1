// The HTML and CSV reports: the chart of an indicator (its points, target
// line and text alternative), the HTML's accessibility basics and content,
// the CSV read back as Excel would (separator, decimal comma, BOM, CRLF,
// quoting), and byte-identical output for the same inputs.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <set>
#include <sstream>

#include <unistd.h>

#include "engine/assess/assess.hpp"
#include "engine/compile/model.hpp"
#include "engine/load/data_file.hpp"
#include "engine/load/rule_file.hpp"
#include "engine/report/render.hpp"
#include "engine/report/model.hpp"
#include "engine/report/svg_chart.hpp"

using namespace malkoll;

namespace {

// The stages as `malkoll assess` runs them: load_rule_file (or text), the
// `utfall:` data files, compile, assess. Kept in one place: the assessment
// points into the file and the model.
struct Built {
    SourceSet sources;
    Diagnostics diags;
    RuleFile file;
    Model model;
    Assessment a;
    std::vector<InputFile> inputs;

    ReportInput input() const { return ReportInput{a, sources, inputs}; }
    std::uint32_t indicator(const std::string& id) const {
        for (std::uint32_t i = 0; i < file.indicators.size(); ++i)
            if (file.indicators[i].id == id) return i;
        FAIL("no indicator " << id);
        return 0;
    }
};

void finish(Built& b) {
    for (const auto& d : b.file.data_files) load_data_file(d, b.file, b.sources, b.diags);
    REQUIRE_FALSE(b.diags.has_errors());
    b.model = compile(b.file, b.sources, b.diags);
    REQUIRE_FALSE(b.diags.has_errors());
    b.a = assess(b.model);
    for (std::size_t i = 0; i < b.sources.size(); ++i) {
        const SourceFile& f = b.sources.file(static_cast<std::uint32_t>(i));
        b.inputs.push_back({f.name(), f.sha256(), f.sheet()});
    }
}

std::unique_ptr<Built> build_file(const std::string& path) {
    auto b = std::make_unique<Built>();
    b->file = load_rule_file(path, b->sources, b->diags);
    REQUIRE_FALSE(b->diags.has_errors());
    finish(*b);
    return b;
}

std::unique_ptr<Built> build_text(const std::string& yaml) {
    auto b = std::make_unique<Built>();
    b->file = load_rule_text("input", yaml, b->sources, b->diags);
    REQUIRE_FALSE(b->diags.has_errors());
    finish(*b);
    return b;
}

std::string html_of(const Built& b) {
    std::ostringstream out;
    render_html(b.input(), out);
    return out.str();
}

std::string csv_of(const Built& b) {
    std::ostringstream out;
    render_csv(b.input(), out);
    return out.str();
}

std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + what.size())) ++n;
    return n;
}

// The numeric value of attribute `name` in the first tag of `tag`.
double attr(const std::string& tag, const std::string& name) {
    std::smatch m;
    std::regex re(" " + name + "=\"([-0-9.]+)\"");
    REQUIRE(std::regex_search(tag, m, re));
    return std::stod(m[1]);
}

// Every tag of the svg that starts with `start` (e.g. `<circle class="punkt`).
std::vector<std::string> tags(const std::string& svg, const std::string& start) {
    std::vector<std::string> out;
    for (std::size_t p = svg.find(start); p != std::string::npos; p = svg.find(start, p + 1))
        out.push_back(svg.substr(p, svg.find('>', p) - p + 1));
    return out;
}

// RFC 4180 with `;` as separator; records end with CRLF (a bare LF inside
// quotes is kept). Fails the test on a bare LF or CR outside quotes.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false, was_quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
            continue;
        }
        if (c == '"') {
            REQUIRE(field.empty());
            quoted = was_quoted = true;
        } else if (c == ';') {
            row.push_back(field);
            field.clear();
            was_quoted = false;
        } else if (c == '\r') {
            REQUIRE(i + 1 < text.size());
            REQUIRE(text[i + 1] == '\n');
            ++i;
            row.push_back(field);
            rows.push_back(row);
            row.clear();
            field.clear();
            was_quoted = false;
        } else {
            REQUIRE(c != '\n');
            field += c;
        }
    }
    REQUIRE_FALSE(quoted);
    REQUIRE(field.empty());
    REQUIRE(row.empty());  // the last record ends with CRLF too
    (void)was_quoted;
    return rows;
}

const std::string kBom = "\xEF\xBB\xBF";
const std::string kNbsp = "\u00A0";

// A cell by its column's name.
std::string at(const std::vector<std::vector<std::string>>& rows, std::size_t row, const std::string& column) {
    auto it = std::find(rows[0].begin(), rows[0].end(), column);
    REQUIRE_MESSAGE(it != rows[0].end(), "no column " << column);
    REQUIRE(row < rows.size());
    return rows[row].at(static_cast<std::size_t>(it - rows[0].begin()));
}

// The HTML without its <pre> blocks (the derivations, which are the text of `explain`).
std::string without_pre(std::string s) {
    for (std::size_t p; (p = s.find("<pre>")) != std::string::npos;) s.erase(p, s.find("</pre>", p) + 6 - p);
    return s;
}

const char* kDelar = R"yaml(malkoll: 1
nämnd: Testnämnden
år: 2024
rapport: delår
period: 2024-08
målområden:
  - namn: Samhälle
    kommunmål:
      - namn: Ett tryggt Linköping
        nämndmål:
          - id: m
            namn: Målet
            indikatorer:
              - id: andel
                namn: Andel
                enhet: "%"
                riktning: öka
                mål: "minst 90 %"
                utfall: {2022: "70 %", 2023: "80 %", 2024-08: "85 %", 2024: {prognos: "92 %"}}
              - id: antal
                namn: Antal besök
                riktning: öka
                mål: "minst 1 000"
                ackumulerad: ja
                utfall: {2022: "900", 2023: "950", 2024-08: "700"}
)yaml";

}  // namespace

TEST_CASE("report html: a chart has one point per full-year value, the target line and a text alternative") {
    auto b = build_file("fixtures/exempel.yaml");
    ReportInput in = b->input();

    // våldsfrågor: 4 %, 10 %, 17 % (2022–2024), target minst 15 %, uppfyllt.
    std::string svg = render_svg_chart(indicator_chart(build_report(in, Space::NoBreak), b->indicator("våldsfrågor")));
    auto points = tags(svg, "<circle class=\"punkt");
    REQUIRE(points.size() == 3);
    for (std::size_t i = 1; i < points.size(); ++i) {
        CHECK(attr(points[i], "cx") > attr(points[i - 1], "cx"));
        CHECK(attr(points[i], "cy") < attr(points[i - 1], "cy"));  // larger values higher up
    }
    auto target = tags(svg, "<line class=\"mal\"");
    REQUIRE(target.size() == 1);
    double ty = attr(target[0], "y1");
    CHECK(ty == attr(target[0], "y2"));
    CHECK(ty < attr(points[1], "cy"));  // 15 is above 10 …
    CHECK(ty > attr(points[2], "cy"));  // … and below 17
    CHECK(svg.find("mål 15") != std::string::npos);
    // The assessed value is drawn in the result's colour, and the result is written out.
    CHECK(points[2].find("bedomd") != std::string::npos);
    CHECK(points[2].find(result_colour(Outcome::Uppfyllt).text) != std::string::npos);
    CHECK(svg.find("✓ Uppfyllt</text>") != std::string::npos);
    // The text alternative: role="img" labelled by its <title> and <desc>, listing the values.
    CHECK(svg.find("role=\"img\"") != std::string::npos);
    CHECK(svg.find("aria-labelledby=\"diagram-våldsfrågor.titel diagram-våldsfrågor.beskrivning\"") != std::string::npos);
    CHECK(svg.find("<title id=\"diagram-våldsfrågor.titel\">Diagram: Andel aktuella som fått frågor om våldsutsatthet</title>") !=
          std::string::npos);
    CHECK(svg.find("<desc id=\"diagram-våldsfrågor.beskrivning\">Värden: 2022: 4" + kNbsp + "%; 2023: 10" + kNbsp + "%; 2024: 17" + kNbsp +
                   "%. Målvärde minst 15" + kNbsp + "%, streckad linje. Bedömning: Uppfyllt.</desc>") != std::string::npos);

    // placeringsdygn falls the wrong way (minska): 25 863, 26 360, 28 156 dygn, target max 25 000.
    svg = render_svg_chart(indicator_chart(build_report(in, Space::NoBreak), b->indicator("placeringsdygn")));
    points = tags(svg, "<circle class=\"punkt");
    REQUIRE(points.size() == 3);
    CHECK(attr(points[0], "cy") > attr(points[1], "cy"));
    CHECK(attr(points[1], "cy") > attr(points[2], "cy"));
    target = tags(svg, "<line class=\"mal\"");
    REQUIRE(target.size() == 1);
    CHECK(attr(target[0], "y1") > attr(points[0], "cy"));  // 25 000 is below every value
    CHECK(svg.find("28" + kNbsp + "156" + kNbsp + "dygn") != std::string::npos);
    CHECK(svg.find("mål 25" + kNbsp + "000") != std::string::npos);
    CHECK(svg.find("✗ Ej uppfyllt</text>") != std::string::npos);

    // kostnad: one value and one i.u. with its note; the target names jämförelse, which is missing: no line.
    svg = render_svg_chart(indicator_chart(build_report(in, Space::NoBreak), b->indicator("kostnad")));
    CHECK(tags(svg, "<circle class=\"punkt").size() == 1);
    CHECK(tags(svg, "<line class=\"mal\"").empty());
    CHECK(svg.find(">i.u.</text>") != std::string::npos);
    CHECK(svg.find("2024: i.u. (Kolada aug 2025)") != std::string::npos);

    CHECK(chart_has_values(indicator_chart(build_report(in, Space::NoBreak), b->indicator("kostnad"))));
    ChartSpec none;
    none.points.resize(2);
    none.points[0].kind = ChartPoint::Kind::Missing;
    none.points[1].kind = ChartPoint::Kind::Absent;
    CHECK_FALSE(chart_has_values(none));

    // nöjdhet: an interval is a bar from its low to its high end.
    svg = render_svg_chart(indicator_chart(build_report(in, Space::NoBreak), b->indicator("nöjdhet")));
    auto bars = tags(svg, "<rect class=\"intervall");
    REQUIRE(bars.size() == 1);
    CHECK(attr(bars[0], "height") > 0);
    CHECK(svg.find("2024: 26–34" + kNbsp + "%") != std::string::npos);

    // Every chart of a report has the same periods, so they line up; a chart with nothing to draw is left out.
    std::string html = html_of(*b);
    CHECK(count(html, "<svg ") == b->file.indicators.size());
    CHECK(count(html, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"diagram\" id=\"diagram-hyresavtal\" width=\"290\"") == 1);
    CHECK(count(html, "width=\"290\" height=\"150\"") == b->file.indicators.size());
}

TEST_CASE("report html: a self-contained page in Swedish with real table headers and every result as text") {
    auto b = build_file("fixtures/exempel.yaml");
    std::string html = html_of(*b);

    CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">", 0) == 0);
    CHECK(html.find("<title>Verksamhetsberättelse 2024 – Exempelnämnden</title>") != std::string::npos);
    CHECK(html.find("<h1>Verksamhetsberättelse 2024 – Exempelnämnden</h1>\n<p class=\"beslut\">Beslut: EN 2023-11-22 § 12</p>") !=
          std::string::npos);
    // No external assets, no scripts.
    for (const char* banned : {"<script", "<link", "<img", "<iframe", " src=", "url(", "@import"}) {
        CAPTURE(banned);
        CHECK(html.find(banned) == std::string::npos);
    }
    CHECK(count(html, "http") == count(html, "xmlns=\"http://www.w3.org/2000/svg\""));
    // Tables with captions and scoped headers.
    CHECK(count(html, "<caption") == 3);  // two indicator tables and the summary
    CHECK(html.find("<th scope=\"col\">Mål uppnått</th><th scope=\"col\">Nämndmål</th><th scope=\"col\">Nämndindikator</th>"
                    "<th scope=\"col\" class=\"tal\">2022</th>") != std::string::npos);
    CHECK(count(html, "<th scope=\"rowgroup\" rowspan=\"4\">En socialtjänst som tidigt upptäcker och förebygger våld</th>") == 1);
    CHECK(count(html, "<th scope=\"row\">") >= 9);
    CHECK(html.find("<th scope=\"row\"><span aria-hidden=\"true\">↳ </span>kvinnor</th>") != std::string::npos);
    CHECK(html.find("<th>") == std::string::npos);  // every header cell has a scope
    // Grouped numbers keep together in the derivations too (a no-break space in HTML).
    {
        auto pre = html.find("<pre>Indikator placeringsdygn");
        REQUIRE(pre != std::string::npos);
        std::string derivation = html.substr(pre, html.find("</pre>", pre) - pre);
        CHECK(derivation.find("28\u00A0156\u00A0dygn") != std::string::npos);
        CHECK(derivation.find("28 156") == std::string::npos);
    }
    // Every result as text beside its colour: the labels, in badges with a symbol.
    for (const char* label : {"Uppfyllt", "Delvis uppfyllt", "Ej uppfyllt", "Ej bedömd"}) {
        CAPTURE(label);
        CHECK(html.find(std::string("</span> ") + label + "</span>") != std::string::npos);
    }
    CHECK(html.find("<span class=\"resultat r-delvis\"><span aria-hidden=\"true\">◐</span> Delvis</span>") != std::string::npos);
    CHECK(count(html, "<strong>Nämndmålet bedöms:</strong>") == b->file.goals.size());
    // Goals in file order, the sections in the Markdown report's order.
    std::size_t p1 = html.find("Nämndmål: En socialtjänst"), p2 = html.find("Nämndmål: Ett Linköping med minskad"),
                p3 = html.find("Nämndmål: Goda arbetsplatser"), p4 = html.find("Nämndmål: Hållbart chef"),
                p5 = html.find("id=\"namndindikatorer\""), p6 = html.find("id=\"sammanfattning\">Sammanfattning");
    CHECK(p1 < p2);
    CHECK(p2 < p3);
    CHECK(p3 < p4);
    CHECK(p4 < p5);
    CHECK(p5 < p6);
    CHECK(p6 != std::string::npos);
    // The manual judgement, with the rule's beside it.
    CHECK(html.find("(manuell bedömning)</p>\n<p><strong>Motivering:</strong> Chefsindex ligger lägre än kommunen i övrigt.</p>\n"
                    "<p>Regelns bedömning: Ej bedömd: målet har inga indikatorer och kan bara bedömas manuellt.</p>") != std::string::npos);
    // Aktiviteter, justifications, and each judgement's derivation in <details>.
    CHECK(html.find("<li>Utbildning i traumascreening</li>") != std::string::npos);
    CHECK(html.find("</span><span class=\"sr\">:</span> 17" + kNbsp + "% (2024) ≥ målvärdet 15" + kNbsp + "%.</p>") != std::string::npos);
    CHECK(count(html, "<details class=\"harledning\">") == b->file.goals.size() + b->file.indicators.size());
    // The derivation is for a reader of a public report: the rule by name, positions as "regelfilen rad N".
    CHECK(html.find("Regel: den inbyggda indikatorregeln, som gäller när ingen egen regel finns\n  1. ej bedömd om saknas(helårsvärde)  → falskt") !=
          std::string::npos);
    CHECK(html.find("2. uppfyllt om uppnått  → sant  ← avgör") != std::string::npos);
    CHECK(html.find("17" + kNbsp + "% (2024) · regelfilen rad ") != std::string::npos);
    CHECK(html.find("fixtures/exempel.yaml:") == std::string::npos);
    CHECK(html.find("inbyggd indikatorregel:") == std::string::npos);
    CHECK(html.find(".md") == std::string::npos);  // no specification or documentation file named
    // Values as written, with notes; missing values with theirs.
    CHECK(html.find("<td class=\"tal\"><span class=\"varde\">i.u.</span> <span class=\"not\">(Kolada aug 2025)</span></td>") !=
          std::string::npos);
    CHECK(html.find("<span class=\"varde\">26–34" + kNbsp + "%</span>") != std::string::npos);
    // Numbers with no-break spaces outside the derivations (which are `explain`'s plain text).
    std::string visible = without_pre(html);
    CHECK(visible.find("28" + kNbsp + "156" + kNbsp + "dygn") != std::string::npos);
    CHECK(visible.find("max 25" + kNbsp + "000 dygn") != std::string::npos);
    std::string text = std::regex_replace(visible, std::regex("<[^>]*>"), "");
    CHECK_FALSE(std::regex_search(text, std::regex("[0-9] [0-9]{3}")));
    // Definitions and sources as footnotes, linked both ways.
    CHECK(html.find("<sup><a id=\"fotnotref-1\" href=\"#fotnot-1\" aria-label=\"Fotnot 1\">1</a></sup>") != std::string::npos);
    CHECK(html.find("<li id=\"fotnot-1\">Antal ärenden där frågan ställts / antal nytillkomna ärenden. Källa: Treserva. <a "
                    "href=\"#fotnotref-1\">") != std::string::npos);
    CHECK(html.find("<li id=\"fotnot-2\">Kolada-id N35001.") != std::string::npos);
    // The summary counts.
    CHECK(html.find("Delvis uppfyllt</span></th><td>2</td><td>1</td></tr>") != std::string::npos);
    // The inputs at the end.
    CHECK(html.find("<li><code>fixtures/exempel.yaml</code> <code>" + b->inputs[0].sha256 + "</code></li>") != std::string::npos);
    CHECK(html.size() > 0);
    CHECK(html.substr(html.size() - 8) == "</html>\n");
}

TEST_CASE("report html and csv: all text is escaped") {
    auto b = build_text(R"yaml(malkoll: 1
nämnd: "Nämnd <A> & 'B'"
år: 2024
beslut: "§ 1 <script>"
målområden:
  - namn: "Område \"1\""
    kommunmål:
      - namn: K & L
        nämndmål:
          - id: m
            namn: "<b>Mål</b>"
            aktiviteter: ["a < b; \"c\""]
            indikatorer:
              - id: i
                namn: "=SUMMA(1;2) & <i>"
                enhet: "%"
                riktning: öka
                mål: "minst 5 %"
                definition: "x > y"
                utfall: {2023: "4 % (<not>)", 2024: "6 %"}
)yaml");
    std::string html = html_of(*b);
    CHECK(html.find("<b>") == std::string::npos);
    CHECK(html.find("<i>") == std::string::npos);
    CHECK(html.find("<not>") == std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<h1>Verksamhetsberättelse 2024 – Nämnd &lt;A&gt; &amp; &#39;B&#39;</h1>") != std::string::npos);
    CHECK(html.find("Beslut: § 1 &lt;script&gt;") != std::string::npos);
    CHECK(html.find("Målområde Område &quot;1&quot;") != std::string::npos);
    CHECK(html.find("<strong>K &amp; L</strong>") != std::string::npos);
    CHECK(html.find("<li>a &lt; b; &quot;c&quot;</li>") != std::string::npos);
    CHECK(html.find("=SUMMA(1;2) &amp; &lt;i&gt;") != std::string::npos);
    CHECK(html.find("(&lt;not&gt;)") != std::string::npos);
    CHECK(html.find("x &gt; y") != std::string::npos);

    std::string csv = csv_of(*b);
    auto rows = parse_csv(csv.substr(kBom.size()));
    REQUIRE(rows.size() == 3);
    CHECK(at(rows, 1, "målområde") == "Område \"1\"");
    CHECK(csv.find(";\"Område \"\"1\"\"\";") != std::string::npos);
    // A text Excel would take for a formula is kept as text.
    CHECK(at(rows, 2, "namn") == "'=SUMMA(1;2) & <i>");
    CHECK(at(rows, 2, "utfall 2023") == "4");
    CHECK(at(rows, 2, "anmärkningar") == "2023: <not>");
}

TEST_CASE("report csv: a field is quoted wherever its special byte stands, in short and long fields") {
    // Names of 7, 15, 16, 17 and 40 bytes, the special byte first, last or inside; a long name without one.
    auto b = build_text(R"yaml(malkoll: 1
nämnd: N
år: 2024
målområden:
  - namn: A
    kommunmål:
      - namn: K
        nämndmål:
          - id: m
            namn: M
            indikatorer:
              - {id: i1, namn: 'abcdef;', riktning: öka}
              - {id: i2, namn: 'abcdefghijklmn"', riktning: öka}
              - {id: i3, namn: 'abcdefghijklmno;', riktning: öka}
              - {id: i4, namn: ';bcdefghijklmnopq', riktning: öka}
              - {id: i5, namn: 'abcdefghijklmnopqrst"uvwxyzabcdefghijklmn', riktning: öka}
              - {id: i6, namn: 'abcdefghijklmnopqrstuvwxyzabcdefghijklmn', riktning: öka}
              - {id: i7, namn: '-', riktning: öka}
              - {id: i8, namn: '-abcdefghijklmnopq;', riktning: öka}
)yaml");
    const std::string csv = csv_of(*b);
    CHECK(csv.find(";\"abcdef;\";") != std::string::npos);
    CHECK(csv.find(";\"abcdefghijklmn\"\"\";") != std::string::npos);
    CHECK(csv.find(";\"abcdefghijklmno;\";") != std::string::npos);
    CHECK(csv.find(";\";bcdefghijklmnopq\";") != std::string::npos);
    CHECK(csv.find(";\"abcdefghijklmnopqrst\"\"uvwxyzabcdefghijklmn\";") != std::string::npos);
    CHECK(csv.find(";abcdefghijklmnopqrstuvwxyzabcdefghijklmn;") != std::string::npos);
    CHECK(csv.find(";\"'-abcdefghijklmnopq;\";") != std::string::npos);  // quoted, and kept from Excel's formulas
    auto rows = parse_csv(csv.substr(kBom.size()));
    REQUIRE(rows.size() == 10);
    const std::vector<std::string> names = {"abcdef;", "abcdefghijklmn\"", "abcdefghijklmno;", ";bcdefghijklmnopq",
                                            "abcdefghijklmnopqrst\"uvwxyzabcdefghijklmn", "abcdefghijklmnopqrstuvwxyzabcdefghijklmn",
                                            "-", "'-abcdefghijklmnopq;"};
    for (std::size_t k = 0; k < names.size(); ++k) {
        CAPTURE(k);
        CHECK(at(rows, k + 2, "namn") == names[k]);
    }
}

TEST_CASE("report model: cells asked for without text have the same values and notes") {
    auto b = build_text(R"yaml(malkoll: 1
nämnd: N
år: 2024
målområden:
  - namn: A
    kommunmål:
      - namn: K
        nämndmål:
          - id: m
            namn: M
            indikatorer:
              - id: i
                namn: I
                enhet: "%"
                riktning: öka
                serier: [kvinnor]
                utfall:
                  2022: "3 %"
                  2023: {totalt: "4 % (prel.)", kvinnor: "26–34 %"}
                  2024: {totalt: "i.u.", kvinnor: "5,0 %"}
nyckeltal:
  - rubrik: V
    rader:
      - id: n
        namn: Antal
        andel: flickor
        utfall:
          2023: {totalt: "3807 (uppskattat)", flickor: "43 %"}
          2024: {totalt: "4166", flickor: "45 %"}
)yaml");
    const ReportInput in = b->input();
    const ReportModel m = build_report(in);
    REQUIRE(m.periods.size() == 3);
    std::vector<SeriesRow> written, omitted;
    indicator_rows(m, 0, m.periods, written);
    indicator_rows(m, 0, m.periods, omitted, CellText::Omitted);
    REQUIRE(written.size() == 2);
    REQUIRE(omitted.size() == 2);
    CHECK(written[0].values[1].text == "4 %");
    CHECK(written[0].values[1].note == "prel.");
    CHECK(written[1].values[1].text == "26–34 %");
    CHECK(written[0].values[2].text == "i.u.");
    CHECK(written[1].values[0].value == nullptr);  // kvinnor has no 2022
    for (std::size_t r = 0; r < written.size(); ++r)
        for (std::size_t c = 0; c < m.periods.size(); ++c) {
            CAPTURE(r);
            CAPTURE(c);
            CHECK(omitted[r].values[c].value == written[r].values[c].value);
            CHECK(omitted[r].values[c].note == written[r].values[c].note);
            CHECK(omitted[r].values[c].text.empty());
            CHECK(written[r].values[c].text.empty() == (written[r].values[c].value == nullptr));
        }

    std::vector<KeyFigureLine> lines, bare;
    key_figure_lines(m, 0, m.periods, lines);
    key_figure_lines(m, 0, m.periods, bare, CellText::Omitted);
    REQUIRE(lines.size() == 1);
    REQUIRE(bare.size() == 1);
    CHECK(lines[0].values[1].text == "3 807");
    CHECK(lines[0].values[1].note == "uppskattat");
    CHECK(lines[0].shares[2].text == "45 %");
    for (std::size_t c = 0; c < m.periods.size(); ++c) {
        CAPTURE(c);
        CHECK(bare[0].values[c].value == lines[0].values[c].value);
        CHECK(bare[0].values[c].note == lines[0].values[c].note);
        CHECK(bare[0].shares[c].value == lines[0].shares[c].value);
        CHECK(bare[0].values[c].text.empty());
        CHECK(bare[0].shares[c].text.empty());
    }
}

TEST_CASE("report html: every id is unique and every reference points at one") {
    // Ids that a naive "<id>-suffix" scheme would make collide.
    auto b = build_text(R"yaml(malkoll: 1
nämnd: N
år: 2024
målområden:
  - namn: A
    kommunmål:
      - namn: K
        nämndmål:
          - id: m
            namn: M
            indikatorer:
              - {id: i, namn: I, riktning: öka, källa: S, utfall: {2023: "1", 2024: "2"}}
              - {id: i-titel, namn: J, riktning: öka, källa: S, utfall: {2023: "1", 2024: "2"}}
          - id: m-rubrik
            namn: M2
            manuell: uppfyllt
            motivering: X
)yaml");
    auto exempel = build_file("fixtures/exempel.yaml");
    for (const Built* built : {b.get(), exempel.get()}) {
        std::string html = html_of(*built);
        std::set<std::string> ids;
        std::regex id_re(" id=\"([^\"]+)\"");
        for (auto it = std::sregex_iterator(html.begin(), html.end(), id_re); it != std::sregex_iterator(); ++it) {
            CAPTURE((*it)[1].str());
            CHECK(ids.insert((*it)[1].str()).second);
        }
        std::regex ref_re("(?:aria-labelledby=\"([^\"]+)\"|href=\"#([^\"]+)\")");
        std::size_t refs = 0;
        for (auto it = std::sregex_iterator(html.begin(), html.end(), ref_re); it != std::sregex_iterator(); ++it) {
            std::istringstream words((*it)[1].matched ? (*it)[1].str() : (*it)[2].str());
            for (std::string w; words >> w; ++refs) {
                CAPTURE(w);
                CHECK(ids.count(w) == 1);
            }
        }
        CHECK(refs > 10);
    }
    // Two indicators with the same source share one footnote.
    std::string html = html_of(*b);
    CHECK(count(html, "<li id=\"fotnot-") == 1);
    CHECK(count(html, "href=\"#fotnot-1\"") == 2);
}

TEST_CASE("report csv: one row per goal, indicator and series — semikolon, decimal comma, BOM, CRLF") {
    auto b = build_file("fixtures/exempel.yaml");
    std::string csv = csv_of(*b);
    REQUIRE(csv.rfind(kBom, 0) == 0);
    CHECK(csv.find('\n') == csv.find("\r\n") + 1);
    CHECK(count(csv, "\n") == count(csv, "\r\n"));  // no bare LF: no field here has a line break
    auto rows = parse_csv(csv.substr(kBom.size()));
    REQUIRE(rows.size() == 1 + 4 + 6 + 3);
    const std::vector<std::string> header = {"typ", "id", "namn", "serie", "målområde", "kommunmål", "nämndmål", "resultat", "resultatkod",
                                             "regelns resultat", "manuell", "motivering", "bedömningstext", "enhet", "riktning", "obligatorisk",
                                             "målvärde", "utfall 2022", "utfall 2023", "utfall 2024", "anmärkningar", "källa", "definition",
                                             "kolada-id", "utveckling"};
    CHECK(rows[0] == header);
    for (const auto& r : rows) CHECK(r.size() == header.size());

    auto row = [&](const std::string& typ, const std::string& id, const std::string& serie) -> const std::vector<std::string>& {
        for (const auto& r : rows)
            if (r[0] == typ && r[1] == id && r[3] == serie) return r;
        FAIL("no row " << typ << " " << id << " " << serie);
        return rows[0];
    };
    auto col = [&](const std::string& name) {
        return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
    };
    // Report order: each goal, then its indicators, each followed by its series.
    std::vector<std::string> order;
    for (std::size_t i = 1; i < rows.size(); ++i) order.push_back(rows[i][0] + ":" + rows[i][1] + (rows[i][0] == "serie" ? "/" + rows[i][3] : ""));
    CHECK(order == std::vector<std::string>{"nämndmål:tidig-upptäckt", "indikator:våldsfrågor", "serie:våldsfrågor/kvinnor", "serie:våldsfrågor/män",
                                            "indikator:hyresavtal", "nämndmål:segregation", "indikator:placeringsdygn", "indikator:kostnad",
                                            "serie:kostnad/R9", "nämndmål:arbetsplatser", "indikator:nöjdhet", "indikator:sjukfrånvaro",
                                            "nämndmål:ledarskap"});

    // Numbers: decimal comma, no grouping, no unit.
    const auto& sjuk = row("indikator", "sjukfrånvaro", "totalt");
    CHECK(sjuk[col("utfall 2023")] == "5,1");
    CHECK(sjuk[col("utfall 2024")] == "5,3");
    CHECK(sjuk[col("utfall 2022")] == "");
    CHECK(sjuk[col("enhet")] == "%");
    CHECK(sjuk[col("riktning")] == "bibehålla");
    CHECK(sjuk[col("resultat")] == "Uppfyllt");
    CHECK(sjuk[col("resultatkod")] == "uppfyllt");
    CHECK(sjuk[col("bedömningstext")] == "Uppfyllt: värdet hålls inom toleransen 0,2 procentenheter: 5,3 % (2024) jämfört med 5,1 % (2023).");
    CHECK(sjuk[col("utveckling")] == "oförändrat");
    const auto& dygn = row("indikator", "placeringsdygn", "totalt");
    CHECK(dygn[col("utfall 2022")] == "25863");
    CHECK(dygn[col("utfall 2024")] == "28156");
    CHECK(dygn[col("målvärde")] == "max 25 000 dygn");
    CHECK(dygn[col("resultat")] == "Ej uppfyllt");
    CHECK(dygn[col("nämndmål")] == "Ett Linköping med minskad segregation");
    // Intervals and missing values as written; notes in anmärkningar.
    CHECK(row("indikator", "nöjdhet", "totalt")[col("utfall 2024")] == "26–34");
    const auto& kostnad = row("indikator", "kostnad", "totalt");
    CHECK(kostnad[col("utfall 2023")] == "787");
    CHECK(kostnad[col("utfall 2024")] == "i.u.");
    CHECK(kostnad[col("anmärkningar")] == "2024: Kolada aug 2025");
    CHECK(kostnad[col("kolada-id")] == "N35001");
    CHECK(kostnad[col("resultat")] == "Ej bedömd");
    const auto& r9 = row("serie", "kostnad", "R9");
    CHECK(r9[col("utfall 2023")] == "1154");
    CHECK(r9[col("resultat")] == "");
    CHECK(row("serie", "våldsfrågor", "kvinnor")[col("utfall 2024")] == "18");
    const auto& vald = row("indikator", "våldsfrågor", "totalt");
    CHECK(vald[col("källa")] == "Treserva");
    CHECK(vald[col("definition")] == "Antal ärenden där frågan ställts / antal nytillkomna ärenden");
    // Goals: results, the manual judgement beside the rule's, a justification with ';' quoted.
    const auto& seg = row("nämndmål", "segregation", "");
    CHECK(seg[col("resultat")] == "Ej uppfyllt");
    CHECK(seg[col("bedömningstext")] == "Ej uppfyllt: den bedömda indikatorn är ej uppfylld; 1 indikator kunde inte bedömas.");
    CHECK(csv.find(";\"Ej uppfyllt: den bedömda indikatorn är ej uppfylld; 1 indikator kunde inte bedömas.\";") != std::string::npos);
    const auto& led = row("nämndmål", "ledarskap", "");
    CHECK(led[col("resultat")] == "Delvis uppfyllt");
    CHECK(led[col("resultatkod")] == "delvis");
    CHECK(led[col("regelns resultat")] == "");  // no indicators: the rule was not run
    CHECK(led[col("manuell")] == "ja");
    CHECK(led[col("motivering")] == "Chefsindex ligger lägre än kommunen i övrigt.");
    CHECK(row("nämndmål", "tidig-upptäckt", "")[col("manuell")] == "nej");
    // Every label appears.
    for (const char* label : {"Uppfyllt", "Delvis uppfyllt", "Ej uppfyllt", "Ej bedömd"}) {
        CAPTURE(label);
        CHECK(std::any_of(rows.begin(), rows.end(), [&](const auto& r) { return r[col("resultat")] == label; }));
    }

    // Python's csv module reads it the same way (where python3 is installed).
    if (std::system("python3 -c 'import csv' >/dev/null 2>&1") == 0) {
        auto dir = std::filesystem::temp_directory_path() / ("malkoll-csv-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        {
            std::ofstream(dir / "r.csv", std::ios::binary) << csv;
            std::ofstream(dir / "check.py") << "import csv, sys\n"
                                               "rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline=''), delimiter=';'))\n"
                                               "assert len(rows) == 14, len(rows)\n"
                                               "assert all(len(r) == 25 for r in rows)\n"
                                               "assert rows[0][0] == 'typ' and rows[0][18] == 'utfall 2023'\n"
                                               "r = [r for r in rows if r[1] == 'sjukfrånvaro'][0]\n"
                                               "assert r[18:20] == ['5,1', '5,3'], r\n"
                                               "assert float(r[19].replace(',', '.')) == 5.3\n";
        }
        std::string cmd = "python3 " + (dir / "check.py").string() + " " + (dir / "r.csv").string();
        CHECK(std::system(cmd.c_str()) == 0);
        std::filesystem::remove_all(dir);
    } else {
        MESSAGE("python3 not found: the CSV is checked by the test's own parser only");
    }
}

TEST_CASE("report html and csv: byte-identical output for the same inputs") {
    for (const char* path : {"fixtures/exempel.yaml", "rules/son/2024.yaml"}) {
        CAPTURE(path);
        auto b1 = build_file(path);
        auto b2 = build_file(path);
        std::string h1 = html_of(*b1), h2 = html_of(*b2);
        CHECK(h1 == h2);
        CHECK(h1 == html_of(*b1));
        CHECK(csv_of(*b1) == csv_of(*b2));
        CHECK(h1.find("SOURCE_DATE_EPOCH") == std::string::npos);
    }
}

TEST_CASE("report: an interim period is written the Swedish way, a full year as its number") {
    CHECK(Period{2018, 8}.spoken() == "31 augusti 2018");
    CHECK(Period{2018, 8}.label() == "31 aug. 2018");
    CHECK(Period{2024, 2}.spoken() == "29 februari 2024");
    CHECK(Period{2023, 2}.label() == "28 feb. 2023");
    CHECK(Period{2000, 2}.spoken() == "29 februari 2000");
    CHECK(Period{1900, 2}.spoken() == "28 februari 1900");
    CHECK(Period{2024, 4}.label() == "30 april 2024");
    CHECK(Period{2024, 0}.spoken() == "2024");
    CHECK(Period{2024, 8}.text() == "2024-08");  // files, JSON and CSV columns keep the ISO form
}

TEST_CASE("report html and csv: a delår marks the forecast and uses the delår labels") {
    auto b = build_text(kDelar);
    ReportInput in = b->input();

    // andel: 70, 80 (full years), 85 (2024-08), forecast 92 → judged on the forecast: Uppnås.
    std::string svg = render_svg_chart(indicator_chart(build_report(in, Space::NoBreak), b->indicator("andel")));
    auto points = tags(svg, "<circle class=\"punkt");
    REQUIRE(points.size() == 3);
    auto forecast = tags(svg, "<circle class=\"prognos");
    REQUIRE(forecast.size() == 1);
    CHECK(forecast[0].find("prognos bedomd") != std::string::npos);
    CHECK(forecast[0].find(result_colour(Outcome::Uppfyllt).text) != std::string::npos);
    CHECK(attr(forecast[0], "cx") > attr(points[2], "cx"));
    CHECK(attr(forecast[0], "cy") < attr(points[2], "cy"));
    CHECK(tags(svg, "<line class=\"prognoslinje\"").size() == 1);
    CHECK(svg.find(">prognos</text>") != std::string::npos);
    CHECK(svg.find(">31 aug.</text>") != std::string::npos);  // under "2024", as the published reports write it
    CHECK(svg.find("31 augusti 2024: 85") != std::string::npos);
    CHECK(svg.find("prognos för helåret 2024: 92" + kNbsp + "%") != std::string::npos);
    CHECK(svg.find("✓ Uppnås</text>") != std::string::npos);

    // antal is ackumulerad: the value at 2024-08 is not comparable and is not drawn, and the text alternative says so.
    svg = render_svg_chart(indicator_chart(build_report(in, Space::NoBreak), b->indicator("antal")));
    CHECK(tags(svg, "<circle class=\"punkt").size() == 2);
    CHECK(tags(svg, "<circle class=\"prognos").empty());
    CHECK(svg.find("Värdet per 31 augusti 2024 (700) visas inte: indikatorn är ackumulerad") != std::string::npos);
    CHECK(svg.find("Kan ej bedömas</text>") != std::string::npos);

    std::string html = html_of(*b);
    CHECK(html.find("<h1>Delårsrapport per 31 augusti 2024 – Testnämnden</h1>") != std::string::npos);
    CHECK(html.find("<th scope=\"col\" class=\"tal\">31 aug. 2024</th><th scope=\"col\" class=\"tal\">Prognos 2024</th>") != std::string::npos);
    CHECK(html.find("</span> Uppnås</span>") != std::string::npos);
    CHECK(html.find("</span> Kan ej bedömas</span>") != std::string::npos);

    auto rows = parse_csv(csv_of(*b).substr(kBom.size()));
    REQUIRE(rows.size() == 4);
    CHECK(std::vector<std::string>(rows[0].end() - 9, rows[0].end() - 4) ==
          std::vector<std::string>{"utfall 2022", "utfall 2023", "utfall 2024-08", "prognos 2024", "anmärkningar"});
    CHECK(std::vector<std::string>(rows[2].end() - 9, rows[2].end() - 5) == std::vector<std::string>{"70", "80", "85", "92"});
    CHECK(at(rows, 2, "utveckling") == "förbättrat");  // the forecast 92 against 80
    CHECK(at(rows, 2, "resultat") == "Uppnås");
    CHECK(at(rows, 3, "resultat") == "Kan ej bedömas");
    CHECK(at(rows, 3, "prognos 2024") == "");
    CHECK(at(rows, 3, "utfall 2024-08") == "700");
}

TEST_CASE("report html and csv: a budget shows targets per year and values but no judgements — utvecklingsuppdrag") {
    auto b = build_text(R"yaml(malkoll: 1
nämnd: Testnämnden
år: 2024
rapport: budget
målområden:
  - namn: Medarbetare
    kommunmål:
      - namn: En attraktiv arbetsgivare
        nämndmål:
          - id: m
            namn: Målet
            indikatorer:
              - id: andel
                namn: Andel
                enhet: "%"
                riktning: öka
                mål: {2024: "minst 90 %", 2025: "minst 95 %"}
                obligatorisk: ja
                utfall: {2022: "70 %", 2023: "80,5 %"}
              - id: antal
                namn: Antal
                riktning: minska
                mål: "högst 1 000"
                utfall: {2022: "1 200", 2023: "1 100"}
utvecklingsuppdrag:
  - grupp: Kommungemensamma
    nr: "1"
    text: Ta fram en plan
    status: pågår
    kommentar: klar i juni
  - grupp: Nämndspecifika
    nr: "2"
    text: Utred <x>
    status: genomfört
)yaml");
    std::string html = html_of(*b);
    CHECK(html.find("<h1>Internbudget 2024 – Testnämnden</h1>") != std::string::npos);
    CHECK(html.find("En budget gör inga bedömningar") != std::string::npos);
    CHECK(html.find("Nämndmålet bedöms") == std::string::npos);
    CHECK(html.find("<details") == std::string::npos);
    CHECK(html.find("class=\"resultat") == std::string::npos);
    CHECK(html.find("id=\"sammanfattning\"") == std::string::npos);
    CHECK(html.find("Mål uppnått") == std::string::npos);
    CHECK(html.find("Indikatorns bedömning") == std::string::npos);
    CHECK(html.find("<th scope=\"col\">Målvärde 2024</th><th scope=\"col\">Målvärde 2025</th><th scope=\"col\">Önskad riktning</th></tr>") !=
          std::string::npos);
    CHECK(html.find("<td>minst 90" + kNbsp + "%</td><td>minst 95" + kNbsp + "%</td><td>öka</td></tr>") != std::string::npos);
    CHECK(html.find("<td>högst 1" + kNbsp + "000</td><td></td><td>minska</td></tr>") != std::string::npos);
    CHECK(html.find("<th scope=\"row\"><span class=\"obligatorisk\">*</span>Andel</th>") != std::string::npos);
    CHECK(html.find("<p class=\"tabellnot\">* obligatorisk indikator</p>") != std::string::npos);
    CHECK(html.find("<h5>Andel</h5>\n<p>Målvärde 2024: minst 90" + kNbsp + "%. Målvärde 2025: minst 95" + kNbsp + "%. Önskad riktning: öka.</p>") !=
          std::string::npos);
    CHECK(html.find("<h5>Antal</h5>\n<p>Målvärde: högst 1" + kNbsp + "000. Önskad riktning: minska.</p>") != std::string::npos);
    // Charts without a result; the target of `år` as the line.
    CHECK(count(html, "<svg ") == 2);
    CHECK(html.find("Målvärde minst 90" + kNbsp + "%, streckad linje.</desc>") != std::string::npos);
    CHECK(html.find("Bedömning:") == std::string::npos);
    // Utvecklingsuppdrag: one table per group, then the counts; before the (absent) summary.
    CHECK(html.find("<h2 id=\"utvecklingsuppdrag\">Strategiska utvecklingsuppdrag</h2>") != std::string::npos);
    CHECK(html.find("<caption>Kommungemensamma</caption>") != std::string::npos);
    CHECK(html.find("<tr><td>1. Ta fram en plan <span class=\"not\">(klar i juni)</span></td><td>Pågår</td></tr>") != std::string::npos);
    CHECK(html.find("<tr><td>2. Utred &lt;x&gt;</td><td>Genomfört</td></tr>") != std::string::npos);
    CHECK(html.find("<p>Antal per status: Genomfört 1, Pågår 1.</p>") != std::string::npos);

    auto rows = parse_csv(csv_of(*b).substr(kBom.size()));
    REQUIRE(rows.size() == 1 + 1 + 2 + 2);
    for (std::size_t i = 1; i < 4; ++i) {
        CHECK(at(rows, i, "resultat") == "");
        CHECK(at(rows, i, "manuell") == "");
        CHECK(at(rows, i, "bedömningstext") == "");
    }
    CHECK(at(rows, 2, "målvärde 2024") == "minst 90 %");
    CHECK(at(rows, 2, "målvärde 2025") == "minst 95 %");
    CHECK(at(rows, 2, "obligatorisk") == "ja");
    CHECK(at(rows, 2, "utfall 2023") == "80,5");
    CHECK(at(rows, 3, "målvärde 2024") == "högst 1 000");
    CHECK(at(rows, 3, "målvärde 2025") == "");
    CHECK(at(rows, 3, "utfall 2022") == "1200");
    CHECK(at(rows, 3, "obligatorisk") == "nej");
    CHECK(at(rows, 4, "typ") == "utvecklingsuppdrag");
    CHECK(at(rows, 4, "id") == "1");
    CHECK(at(rows, 4, "namn") == "Ta fram en plan");
    CHECK(at(rows, 4, "målområde") == "Kommungemensamma");
    CHECK(at(rows, 4, "resultat") == "Pågår");
    CHECK(at(rows, 4, "anmärkningar") == "klar i juni");
    CHECK(at(rows, 5, "resultat") == "Genomfört");
}

// A value's note is given once per justification, at its first mention (the
// value is named twice: the target not reached, the development); a name that
// ends in "." is followed by " — ", never ".:".
TEST_CASE("report: a note once per justification, and no '.:' after a name") {
    auto b = build_text(R"yaml(malkoll: 1
nämnd: Testnämnden
år: 2024
målområden:
  - namn: Samhälle
    kommunmål:
      - namn: Ett tryggt Linköping
        nämndmål:
          - id: m
            namn: Målet m.m.
            manuell: uppfyllt
            motivering: "Bedömt i dialog."
            indikatorer:
              - id: anst
                namn: Personer i anställning m.m.
                enhet: personer
                riktning: öka
                mål: "över 19"
                manuell: delvis
                motivering: "Nära målet."
                utfall: {2023: "19", 2024: "0–18 (rapporten skriver <19)"}
)yaml");
    const std::string just = indicator_justification(b->input(), b->a.indicators[0]).text();
    CAPTURE(just);
    CHECK(count(just, "rapporten skriver <19") == 1);
    CHECK(just.find("0–18 personer [rapporten skriver <19]") < just.find("0–18 personer (2024) jämfört med 19 personer (2023)"));
    std::ostringstream md;
    render_markdown(b->input(), md);
    CHECK(md.str().find(".:") == std::string::npos);
    CHECK(md.str().find("- Indikator *Personer i anställning m.m.* — Delvis uppfyllt (regeln: Ej uppfyllt). Motivering: Nära målet.") !=
          std::string::npos);
    const std::string html = html_of(*b);
    CHECK(html.find(".:") == std::string::npos);
    CHECK(html.find("<li>Indikator <em>Personer i anställning m.m.</em> — ") != std::string::npos);
}

// A rule of the file's own without a template says what its deciding clause
// compared, with both values (for `annars`: why the clauses before it failed);
// with a template the result label still leads.
TEST_CASE("report: a custom rule's justification names the values it compared") {
    auto b = build_text(R"yaml(malkoll: 1
nämnd: Testnämnden
år: 2024
regler:
  kostnad-r9: |
    ej bedomd om saknas(varde); uppfyllt om varde <= jamforelse
    annars ej uppfyllt
  med-mall: |
    uppfyllt om varde < 1 200 kr/inv: "Kostnaden är {varde}."
    annars ej uppfyllt
målområden:
  - namn: Samhälle
    kommunmål:
      - namn: Ett tryggt Linköping
        nämndmål:
          - id: m
            namn: Målet
            indikatorer:
              - id: hög
                namn: Kostnad hög
                enhet: kr/inv
                riktning: minska
                jämförelse: R9
                regel: kostnad-r9
                utfall: {2024: {totalt: "1 402 kr/inv", R9: "1 105 kr/inv"}}
              - id: låg
                namn: Kostnad låg
                enhet: kr/inv
                riktning: minska
                jämförelse: R9
                regel: kostnad-r9
                utfall: {2024: {totalt: "1 002 kr/inv", R9: "1 105 kr/inv"}}
              - id: mall
                namn: Kostnad med mall
                enhet: kr/inv
                riktning: minska
                regel: med-mall
                utfall: {2024: "1 002 kr/inv"}
)yaml");
    auto just = [&](const char* id) { return indicator_justification(b->input(), b->a.indicators[b->indicator(id)]).text(); };
    CHECK(just("hög") == "Ej uppfyllt: 1 402 kr/inv (2024) är högre än jämförelsen (R9) 1 105 kr/inv.");
    CHECK(just("låg") == "Uppfyllt: 1 002 kr/inv (2024) är lika med eller lägre än jämförelsen (R9) 1 105 kr/inv.");
    CHECK(just("mall") == "Uppfyllt: Kostnaden är 1 002 kr/inv.");
    for (const char* id : {"hög", "låg", "mall"}) CHECK(just(id).find("villkoret") == std::string::npos);
    // explain and the JSON trace show the same comparison with both sides.
    std::ostringstream text, json;
    render_explain_text(b->input(), ExplainTarget{static_cast<int>(b->indicator("hög")), -1}, text);
    CHECK(text.str().find("varde <= jamforelse → falskt: 1 402 kr/inv mot 1 105 kr/inv") != std::string::npos);
    render_explain_json(b->input(), ExplainTarget{static_cast<int>(b->indicator("hög")), -1}, json);
    CHECK(json.str().find("\"kind\": \"jämförelse\",\n          \"name\": \"varde <= jamforelse\"") != std::string::npos);
    CHECK(json.str().find("\"höger\": {\n              \"value\": 1105,") != std::string::npos);
}

// A goal rule of the file's own says what it compared; a weighted `andel`
// says so with the weights (docs/regelspråk.md, Regler för nämndmål), and
// explain shows the weights too.
TEST_CASE("report: a weighted goal rule says so, with the weights") {
    auto b = build_text(R"yaml(malkoll: 1
nämnd: Testnämnden
år: 2024
standardbedömning: |
  ej bedömd om ingen bedömd
  uppfyllt om andel uppfyllt >= 75 %
  ej uppfyllt om andel ej uppfyllt > 50 %
  annars delvis
målområden:
  - namn: Samhälle
    kommunmål:
      - namn: Ett tryggt Linköping
        nämndmål:
          - id: m
            namn: Viktat
            indikatorer:
              - {id: a, namn: A, riktning: öka, mål: "minst 10", vikt: 1, utfall: {2024: "12"}}
              - {id: b, namn: B, riktning: öka, mål: "minst 10", vikt: 2, utfall: {2024: "12"}}
              - {id: c, namn: C, riktning: öka, mål: "minst 10", vikt: 1, utfall: {2023: "5", 2024: "8"}}
          - id: n
            namn: Oviktat
            indikatorer:
              - {id: d, namn: D, riktning: öka, mål: "minst 10", utfall: {2024: "12"}}
              - {id: e, namn: E, riktning: öka, mål: "minst 10", utfall: {2023: "5", 2024: "8"}}
)yaml");
    CHECK(goal_justification(b->input(), b->a.goals[0]).text() ==
          "Uppfyllt: av 3 bedömda indikatorer är 2 uppfyllda och 1 delvis uppfylld; andel uppfyllt 75 % (viktat: vikt 3 av 4) "
          "är lika med eller högre än 75 %.");
    // `annars`: the comparisons that failed before it.
    CHECK(goal_justification(b->input(), b->a.goals[1]).text() ==
          "Delvis uppfyllt: av 2 bedömda indikatorer är 1 uppfylld och 1 delvis uppfylld; andel uppfyllt 50 % (1 av 2) är lägre än 75 % "
          "och andel ej uppfyllt 0 % (0 av 2) är inte högre än 50 %.");
    std::ostringstream text;
    render_explain_text(b->input(), ExplainTarget{-1, 0}, text);
    CHECK(text.str().find("  b: Uppfyllt · vikt 2\n") != std::string::npos);
    CHECK(text.str().find("andel uppfyllt = 75 % (2 av 3; viktat: vikt 3 av 4)") != std::string::npos);
    CHECK(text.str().find("andel uppfyllt >= 75 % → sant: 75 % mot 75 %") != std::string::npos);
}

// The report model holds justifications in parts (label, what the rule
// found, the missing values once, a reason of its own): the Markdown takes
// the whole text, the HTML the rest after its badge.
TEST_CASE("report: a justification in its parts — a goal's template is led by the result") {
    auto b = build_text(R"yaml(malkoll: 1
nämnd: Testnämnden
år: 2024
standardbedömning: |
  uppfyllt om alla uppfyllt: "Alla {antal uppfyllt} indikatorer når sina mål."
  annars delvis
målområden:
  - namn: Samhälle
    kommunmål:
      - namn: Ett tryggt Linköping
        nämndmål:
          - id: m
            namn: Mål
            indikatorer:
              - {id: a, namn: A, riktning: öka, mål: "minst 10", utfall: {2024: "12"}}
              - id: f
                namn: F
                riktning: minska
                mål: "max 20 %"
                målår: 2024
                regel: 'uppfyllt om framsteg >= 100 %: "Framsteg {framsteg}."; annars ej bedömd: "Framsteg {framsteg}."'
                utfall: {2024: "17 %", 2023: i.u. (ny mätning)}
)yaml");
    // All the bedömda are uppfyllda (f is ej bedömd): the template, led by the result.
    const Justification g = goal_justification(b->input(), b->a.goals[0]);
    CHECK(g.label == "Uppfyllt");
    CHECK(g.text() == "Uppfyllt: Alla 1 indikatorer når sina mål.");
    // An okänt framsteg in a template: its reason is a sentence of its own, after the body.
    const Justification f = indicator_justification(b->input(), b->a.indicators[b->indicator("f")]);
    CHECK(f.label == "Ej bedömd");
    CHECK(f.body == "Framsteg saknas.");
    CHECK(f.reason == "Framsteg kan inte beräknas: basåret 2024 är rapportåret; det behövs ett värde från ett tidigare år.");
    CHECK(f.text() == "Ej bedömd: Framsteg saknas. " + f.reason);
    CHECK(f.without_label() == "Framsteg saknas. " + f.reason);

    auto all = build_text(R"yaml(malkoll: 1
nämnd: Testnämnden
år: 2024
standardbedömning: |
  uppfyllt om alla uppfyllt: "alla {antal uppfyllt} indikatorer når sina mål."
  annars delvis
målområden:
  - namn: Samhälle
    kommunmål:
      - namn: Ett tryggt Linköping
        nämndmål:
          - id: m
            namn: Mål
            indikatorer:
              - {id: a, namn: A, riktning: öka, mål: "minst 10", utfall: {2024: "12"}}
              - {id: c, namn: C, riktning: öka, mål: "minst 10", utfall: {2024: "11"}}
)yaml");
    const Justification t = goal_justification(all->input(), all->a.goals[0]);
    CHECK(t.text() == "Uppfyllt: alla 2 indikatorer når sina mål.");
    CHECK(t.without_label() == "Alla 2 indikatorer når sina mål.");
}

// The Utveckling column: ↑ / → / ↓ against the desired direction, a word for
// screen readers beside the arrow, and a legend under the table.
TEST_CASE("report: the Utveckling column shows the development in the desired direction") {
    auto b = build_text(R"yaml(malkoll: 1
nämnd: Testnämnden
år: 2024
målområden:
  - namn: Samhälle
    kommunmål:
      - namn: Ett tryggt Linköping
        nämndmål:
          - id: m
            namn: Målet
            indikatorer:
              - {id: upp, namn: Uppåt, riktning: öka, utfall: {2023: "10", 2024: "12"}}
              - {id: still, namn: Stilla, riktning: öka, utfall: {2023: "10", 2024: "10"}}
              - {id: ned, namn: Nedåt bra, riktning: minska, utfall: {2023: "10", 2024: "8"}}
              - {id: sämre, namn: Sämre, riktning: minska, utfall: {2023: "10", 2024: "12"}}
              - {id: okänt, namn: Okänt, riktning: öka, utfall: {2024: "12"}}
)yaml");
    CHECK(b->a.indicators[b->indicator("upp")].development == Development::Forbattrat);
    CHECK(b->a.indicators[b->indicator("still")].development == Development::Oforandrat);
    CHECK(b->a.indicators[b->indicator("ned")].development == Development::Forbattrat);
    CHECK(b->a.indicators[b->indicator("sämre")].development == Development::Forsamrat);
    CHECK(b->a.indicators[b->indicator("okänt")].development == Development::Okant);
    std::ostringstream md;
    render_markdown(b->input(), md);
    CHECK(md.str().find("| Önskad riktning | Utveckling | Indikatorns bedömning |") != std::string::npos);
    CHECK(md.str().find("| Nedåt bra | 10 | 8 |  | minska | ↑ |") != std::string::npos);
    CHECK(md.str().find("| Sämre | 10 | 12 |  | minska | ↓ |") != std::string::npos);
    CHECK(md.str().find("| Stilla | 10 | 10 |  | öka | → |") != std::string::npos);
    CHECK(md.str().find("| Okänt |  | 12 |  | öka |  |") != std::string::npos);
    CHECK(md.str().find("↑ förbättrat, → oförändrat (inom toleransen), ↓ försämrat") != std::string::npos);
    const std::string html = html_of(*b);
    CHECK(html.find("<td class=\"utveckling\"><span aria-hidden=\"true\">↓</span><span class=\"sr\"> försämrat</span></td>") !=
          std::string::npos);
    CHECK(html.find("<th scope=\"col\">Utveckling</th>") != std::string::npos);
}

// The target column reads as people write targets: a bound that names a
// value says which and what it was; a number gets the indicator's unit, as
// in the justification.
TEST_CASE("report: the target column names the comparison's value and the unit") {
    auto b = build_text(R"yaml(malkoll: 1
nämnd: Testnämnden
år: 2024
målområden:
  - namn: Samhälle
    kommunmål:
      - namn: Ett tryggt Linköping
        nämndmål:
          - id: m
            namn: Målet
            indikatorer:
              - id: kostnad
                namn: Kostnad
                enhet: kr/inv
                riktning: minska
                jämförelse: R9
                mål: "samma eller lägre än jämförelse"
                utfall: {2024: {totalt: "1 002 kr/inv", R9: "1 154 kr/inv"}}
              - {id: timmar, namn: Timmar, enhet: timmar, riktning: minska, mål: "max 50", utfall: {2024: "48"}}
              - {id: andel, namn: Andel, enhet: "%", riktning: öka, mål: "minst 15 %", utfall: {2024: "17 %"}}
)yaml");
    const ReportInput in = b->input();
    const ReportModel m = build_report(in);
    CHECK(target_shown(m, b->indicator("kostnad")) == "högst R9 (1 154 kr/inv)");
    CHECK(target_shown(m, b->indicator("timmar")) == "max 50 timmar");
    CHECK(target_shown(m, b->indicator("andel")) == "minst 15 %");
    std::ostringstream md;
    render_markdown(b->input(), md);
    CHECK(md.str().find("| 1 002 kr/inv | högst R9 (1 154 kr/inv) | minska |") != std::string::npos);
    CHECK(md.str().find("samma eller lägre än jämförelse |") == std::string::npos);
    CHECK(indicator_justification(b->input(), b->a.indicators[b->indicator("timmar")]).text().find("målvärdet 50 timmar") != std::string::npos);
}

// A series break shows where people look: † on the values before it (with
// the footnote saying why), a gap in the chart's line, and the chart's text.
TEST_CASE("report: a series break is marked in the table, the footnote and the chart") {
    auto b = build_text(R"yaml(malkoll: 1
nämnd: Testnämnden
år: 2024
målområden:
  - namn: Samhälle
    kommunmål:
      - namn: Ett tryggt Linköping
        nämndmål:
          - id: m
            namn: Målet
            indikatorer:
              - id: nöjd
                namn: Nöjdhet
                enhet: "%"
                riktning: öka
                serieavbrott: 2023
                utfall: {2021: "80 %", 2022: "82 %", 2023: "70 %", 2024: "74 %"}
)yaml");
    std::ostringstream md;
    render_markdown(b->input(), md);
    CHECK(md.str().find("| Nöjdhet[^1] | 80 % † | 82 % † | 70 % | 74 % |") != std::string::npos);
    CHECK(md.str().find("[^1]: Serieavbrott 2023: värden före 2023 (markerade †) är inte jämförbara med senare") != std::string::npos);
    const std::string html = html_of(*b);
    CHECK(html.find("82" + kNbsp + "%</span><span aria-hidden=\"true\"> †</span><span class=\"sr\"> (före serieavbrottet)</span>") !=
          std::string::npos);
    const ReportInput in = b->input();
    const std::string svg = render_svg_chart(indicator_chart(build_report(in, Space::NoBreak), b->indicator("nöjd")));
    CHECK(tags(svg, "<polyline class=\"linje\"").size() == 2);  // 2021–2022 and 2023–2024, not joined
    CHECK(svg.find("Serieavbrott 2023: linjen bryts där") != std::string::npos);
}

// Data-lag notes (docs/regelfil.md): a missing value's note "publiceras
// ÅÅÅÅ-MM(-DD)" says when the value comes; any other form stays a free note.
TEST_CASE("report: a data-lag note says when the value is published") {
    struct Row { const char* note, *text; };
    const Row rows[] = {
        {"publiceras 2025-08", "Ej bedömd: värdet för 2024 publiceras i augusti 2025."},
        {"publiceras 2025-08-15", "Ej bedömd: värdet för 2024 publiceras den 15 augusti 2025."},
        {"publiceras aug 2025", "Ej bedömd: värdet saknas (2024: i.u. — publiceras aug 2025)."},
        {"publiceras 2025-13", "Ej bedömd: värdet saknas (2024: i.u. — publiceras 2025-13)."},
        {"publiceras 2025-02-30", "Ej bedömd: värdet saknas (2024: i.u. — publiceras 2025-02-30)."},
        {"Kolada aug 2025", "Ej bedömd: värdet saknas (2024: i.u. — Kolada aug 2025)."},
    };
    for (const Row& r : rows) {
        CAPTURE(r.note);
        auto b = build_text(std::string(R"yaml(malkoll: 1
nämnd: Testnämnden
år: 2024
målområden:
  - namn: Samhälle
    kommunmål:
      - namn: Ett tryggt Linköping
        nämndmål:
          - id: m
            namn: Mål
            indikatorer:
              - id: k
                namn: Kostnad
                enhet: kr/inv
                riktning: minska
                mål: "max 1 000 kr/inv"
                utfall: {2023: "1 200 kr/inv", 2024: "i.u. ()yaml") + r.note + ")\"}\n");
        CHECK(indicator_justification(b->input(), b->a.indicators[0]).text() == r.text);
    }
    // In a "Saknas:" list too, and from a data file's kommentar.
    auto b = build_text(R"yaml(malkoll: 1
nämnd: Testnämnden
år: 2024
målområden:
  - namn: Samhälle
    kommunmål:
      - namn: Ett tryggt Linköping
        nämndmål:
          - id: m
            namn: Mål
            indikatorer:
              - id: k
                namn: Kostnad
                enhet: kr/inv
                riktning: minska
                regel: 'uppfyllt om värde < föregående; annars ej uppfyllt'
                utfall: {2023: "1 200 kr/inv", 2024: "i.u. (publiceras 2025-08)"}
)yaml");
    CHECK(indicator_justification(b->input(), b->a.indicators[0]).text() ==
          "Ej uppfyllt: ingen av regelns tidigare satser gällde. Saknas: 2024: publiceras i augusti 2025.");
}
