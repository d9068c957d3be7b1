// The Excel report (`--format xlsx`, docs/excel.md), read back with openpyxl
// (/usr/bin/python3; `bash tools/bootstrap.sh --test` installs it): sheets,
// numbers with their formats, texts, frozen headers and filters; byte for
// byte the same for the same inputs; -o whole or not at all.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "tests/cli_run.hpp"
#include "tests/temp_dir.hpp"
#include "tests/file_io.hpp"

using malkoll::test::slurp;

using malkoll::test::TempDir;

using malkoll::test::run;
namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {


// Every workbook given, as openpyxl reads it: per sheet its name, frozen
// pane, filter, column widths and every cell with its value, number format
// and type.
constexpr const char* kDump = R"(import json, sys, zipfile, openpyxl
books = []
for path in sys.argv[1:]:
    wb = openpyxl.load_workbook(path)
    sheets = []
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    cells[c.coordinate] = {"v": c.value, "f": c.number_format, "t": c.data_type}
        widths = {k: d.width for k, d in ws.column_dimensions.items() if d.width}
        heights = {str(k): d.height for k, d in ws.row_dimensions.items() if d.height}
        sheets.append({"name": ws.title, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
                       "rows": ws.max_row, "cells": cells, "widths": widths, "heights": heights,
                       "orientation": ws.page_setup.orientation, "paper": ws.page_setup.paperSize,
                       "print_title_rows": ws.print_title_rows})
    styles = zipfile.ZipFile(path).read("xl/styles.xml").decode()
    books.append({"title": wb.properties.title, "created": wb.properties.created.isoformat(), "sheets": sheets, "styles": styles})
print(json.dumps(books, ensure_ascii=False))
)";

Json read_back(const std::vector<fs::path>& books, const TempDir& s) {
    const fs::path script = s / "dump.py", out = s / "dump.json";
    std::ofstream(script) << kDump;
    std::string cmd = "/usr/bin/python3 " + script.string();
    for (const auto& b : books) cmd += " '" + b.string() + "'";
    cmd += " > " + out.string();
    REQUIRE_MESSAGE(std::system(cmd.c_str()) == 0, "openpyxl could not read the workbook (bash tools/bootstrap.sh --test installs it)");
    return Json::parse(slurp(out));
}

std::string column_letters(std::size_t col) {
    std::string s;
    for (++col; col > 0; col = (col - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (col - 1) % 26));
    return s;
}

// One sheet as a table: its header row and the cells of a row by column name.
struct Table {
    const Json* sheet = nullptr;
    std::size_t header = 1;  // the header's row (1-based)
    std::map<std::string, std::string> column;  // name → letters

    Table(const Json& book, const std::string& name, std::size_t header_row = 1) : header(header_row) {
        for (const auto& s : book["sheets"])
            if (s["name"] == name) sheet = &s;
        REQUIRE_MESSAGE(sheet, "no sheet ", name);
        for (std::size_t c = 0;; ++c) {
            const std::string ref = column_letters(c) + std::to_string(header);
            if (!(*sheet)["cells"].contains(ref)) break;
            column[(*sheet)["cells"][ref]["v"].get<std::string>()] = column_letters(c);
        }
    }
    const Json* cell(const std::string& col, std::size_t row) const {
        REQUIRE_MESSAGE(column.count(col), "no column ", col);
        const std::string ref = column.at(col) + std::to_string(row);
        return (*sheet)["cells"].contains(ref) ? &(*sheet)["cells"][ref] : nullptr;
    }
    // The first row whose cells in the given columns hold the given texts.
    std::size_t row(const std::vector<std::pair<std::string, std::string>>& match) const {
        for (std::size_t r = header + 1; r <= (*sheet)["rows"].get<std::size_t>(); ++r) {
            bool all = true;
            for (const auto& [col, text] : match) {
                const Json* c = cell(col, r);
                all = all && c && (*c)["v"].is_string() && (*c)["v"] == text;
            }
            if (all) return r;
        }
        FAIL("no row with ", match.front().second);
        return 0;
    }
    std::string text(const std::string& col, std::size_t r) const {
        const Json* c = cell(col, r);
        return c && (*c)["v"].is_string() ? (*c)["v"].get<std::string>() : std::string();
    }
};

// A number cell: its value and format, "none" when the cell is empty or text.
std::string number(const Table& t, const std::string& col, std::size_t r) {
    const Json* c = t.cell(col, r);
    if (!c || (*c)["t"] != "n") return "none";
    return fmt::format("{} [{}]", (*c)["v"].dump(), (*c)["f"].get<std::string>());
}

fs::path assess_xlsx(const std::vector<std::string>& args, const fs::path& out) {
    std::vector<std::string> all{"assess"};
    all.insert(all.end(), args.begin(), args.end());
    for (const char* a : {"--format", "xlsx", "-o"}) all.push_back(a);
    all.push_back(out.string());
    auto r = run(all);
    CAPTURE(r.err);
    REQUIRE(r.exit == 0);
    return out;
}

}  // namespace

TEST_CASE("xlsx report: sheets, numbers with their formats, the texts beside them") {
    TempDir s("xlsx-report");
    const fs::path son = assess_xlsx({"rules/son/2024.yaml"}, s / "son.xlsx");
    const fs::path data = assess_xlsx({"fixtures/xlsx/regler.yaml", "--data", "fixtures/xlsx/data.csv"}, s / "data.xlsx");
    const Json books = read_back({son, data}, s);
    const Json& b = books[0];
    CHECK(b["title"] == "Verksamhetsberättelse 2024 – Social- och omsorgsnämnden");
    std::vector<std::string> names;
    for (const auto& sh : b["sheets"]) names.push_back(sh["name"]);
    CHECK(names == std::vector<std::string>{"Sammanfattning", "Målredovisning", "Nämndindikatorer", "Utvecklingsuppdrag", "Nyckeltal"});
    // Every table's header is frozen and filtered.
    for (const auto& sh : b["sheets"]) {
        CAPTURE(sh["name"]);
        if (sh["name"] == "Sammanfattning") {
            CHECK(sh["freeze"] == "A4");
            CHECK(sh["filter"] == "A3:C7");
        } else {
            CHECK(sh["freeze"] == "A2");
            CHECK(sh["filter"].get<std::string>().rfind("A1:", 0) == 0);
            CHECK(sh["print_title_rows"] == "$1:$1");  // the header on every printed page
        }
        CHECK(sh["orientation"] == "landscape");
        CHECK(sh["paper"] == 9);  // A4
    }
    // A row with a motivering that wraps is as tall as its lines; a row without wrapped text keeps the default.
    for (const auto& sh : b["sheets"]) {
        if (sh["name"] != "Målredovisning") continue;
        std::string motivering_col;
        for (const auto& [at, c] : sh["cells"].items())
            if (c["v"] == "Motivering") motivering_col = at.substr(0, at.find_first_of("0123456789"));
        REQUIRE(!motivering_col.empty());
        int tall = 0;
        for (const auto& [at, c] : sh["cells"].items()) {
            if (at.rfind(motivering_col, 0) != 0 || !c["v"].is_string() || at == motivering_col + "1") continue;
            const std::string row = at.substr(motivering_col.size());
            const std::size_t chars = c["v"].get<std::string>().size();
            const std::string cell = at;  // CAPTURE is a lambda, and clang 14 captures no structured binding
            CAPTURE(cell);
            if (chars > 200) {
                REQUIRE(sh["heights"].contains(row));
                CHECK(sh["heights"][row].get<double>() >= 45);
                ++tall;
            }
        }
        CHECK(tall > 0);
    }

    // Sammanfattning: the counts as numbers.
    const Table sum(b, "Sammanfattning", 3);
    CHECK(sum.text("Resultat", 4) == "Uppfyllt");
    CHECK(number(sum, "Nämndmål", 4) == "3 [#,##0]");
    CHECK(number(sum, "Nämndindikatorer", 7) == "12 [#,##0]");
    CHECK(sum.text("Resultat", 7) == "Ej bedömd");

    // The indicators: percentages as fractions with 0 % / 0,0 %, integers grouped.
    const Table ind(b, "Nämndindikatorer");
    const std::size_t sick = ind.row({{"Id", "sjukfrånvaro"}, {"Serie", "totalt"}});
    CHECK(number(ind, "Utfall 2022", sick) == "0.089 [0.0 %]");
    CHECK(number(ind, "Utfall 2024", sick) == "0.08 [0.0 %]");
    CHECK(ind.text("Utfall 2024 (text)", sick) == "");  // the number says it all
    CHECK(ind.text("Enhet", sick) == "%");
    CHECK(ind.text("Nämndindikator", sick) == "Total sjukfrånvaro, %");
    CHECK(ind.text("Nämndmål", sick) == "Goda arbetsplatser");
    const std::size_t women = ind.row({{"Id", "sjukfrånvaro"}, {"Serie", "kvinnor"}});
    CHECK(number(ind, "Utfall 2022", women) == "0.091 [0.0 %]");
    CHECK(number(ind, "Utfall 2024", ind.row({{"Id", "våldsfrågor"}})) == "0.17 [0 %]");
    const std::size_t dygn = ind.row({{"Id", "dygn-placering-barn-unga"}});
    CHECK(number(ind, "Utfall 2024", dygn) == "28156 [#,##0]");
    CHECK(ind.text("Önskad riktning", dygn) == "minska");
    CHECK(ind.text("Indikatorns bedömning", dygn) == "Ej uppfyllt");
    CHECK(ind.text("Utveckling", dygn) == "försämrat");
    CHECK(ind.text("Målvärde", ind.row({{"Id", "etablering-geografiska-områden"}})) == "4 st");
    // A missing value: no number, the text as written with its note beside.
    const std::size_t cost = ind.row({{"Id", "kostnad-missbruksvård"}, {"Serie", "totalt"}});
    CHECK(number(ind, "Utfall 2023", cost) == "787 [#,##0]");
    CHECK(number(ind, "Utfall 2024", cost) == "none");
    CHECK(ind.text("Utfall 2024 (text)", cost) == "i.u. (Kolada aug 2025)");
    CHECK(ind.text("Fotnot", cost).find("N35001") != std::string::npos);
    CHECK(number(ind, "Utfall 2023", ind.row({{"Id", "kostnad-missbruksvård"}, {"Serie", "R9"}})) == "1154 [#,##0]");
    CHECK(ind.text("Bedömning", ind.row({{"Id", "våldsfrågor"}})) ==
          "Uppfyllt: utvecklingen går i önskad riktning (öka): 17 % (2024) jämfört med 10 % (2023).");
    // Grouped integers as Excel stores them: its built-in format 3, no format of our own.
    const std::string styles = b["styles"];
    CHECK(styles.find("formatCode=\"#,##0\"") == std::string::npos);
    CHECK(styles.find("numFmtId=\"3\"") != std::string::npos);
    CHECK(styles.find("formatCode=\"0.0 %\"") != std::string::npos);
    // Decimals as written, grouped.
    CHECK(number(ind, "Utfall 2024", ind.row({{"Id", "avgångsålder-pension"}, {"Serie", "män"}})) == "65.4 [#,##0.0]");

    // Målredovisning: each nämndmål with its result and justification; å, ä, ö intact.
    const Table goals(b, "Målredovisning");
    const std::size_t near = goals.row({{"Id", "nära-socialtjänst"}});
    CHECK(goals.text("Nämndmål", near) == "Ett Linköping med nära socialtjänst");
    CHECK(goals.text("Resultat", near) == "Delvis uppfyllt");
    CHECK(goals.text("Regelns resultat", near) == "Ej uppfyllt");
    CHECK(goals.text("Manuell bedömning", near) == "ja");
    CHECK(goals.text("Motivering", near).rfind("Verksamhetsberättelse 2024, avsnittet", 0) == 0);
    CHECK(goals.text("Aktiviteter", near).find("Rätt Kurva och SSPF verkställt.\n") != std::string::npos);
    CHECK(goals.text("Nivå", near) == "Nämndmål");

    const Table tasks(b, "Utvecklingsuppdrag");
    const std::size_t t4 = tasks.row({{"Nr", "4"}, {"Grupp", "Nämndspecifika"}});
    CHECK(tasks.text("Uppdrag", t4).rfind("Social- och omsorgsnämnden ska åtgärda", 0) == 0);
    CHECK(!tasks.text("Status", t4).empty());

    // Intervals and notes as written beside their numbers.
    const Table dind(books[1], "Nämndindikatorer");
    const std::size_t wait = dind.row({{"Id", "väntetid"}});
    CHECK(number(dind, "Utfall 2023", wait) == "none");
    CHECK(dind.text("Utfall 2023 (text)", wait) == "26–34");  // as written; the unit stands in Enhet
    CHECK(number(dind, "Utfall 2024", wait) == "12.3 [#,##0.0]");
    const std::size_t sick2 = dind.row({{"Id", "sjukfrånvaro"}, {"Serie", "totalt"}});
    CHECK(number(dind, "Utfall 2024", sick2) == "0.08 [0.0 %]");
    CHECK(dind.text("Utfall 2024 (text)", sick2) == "8,0 % (preliminärt)");
    // Columns wide enough for their header and filter button.
    const Json& widths = (*dind.sheet)["widths"];
    CHECK(widths[dind.column.at("Id")].get<double>() >= 9);
}

TEST_CASE("xlsx report: a roll-up, the examples, the file's own level words and nyckeltal") {
    TempDir s("xlsx-more");
    std::vector<fs::path> books;
    const std::vector<std::string> files = {"rules/linköping/2024.yaml", "rules/exempel/egen-skala.yaml", "rules/exempel/status-och-serier.yaml",
                                            "rules/exempel/två-nivåer.yaml", "rules/son/2018-delar.yaml", "rules/son/2022.yaml"};
    for (std::size_t i = 0; i < files.size(); ++i) books.push_back(assess_xlsx({files[i]}, s / fmt::format("r{}.xlsx", i)));
    const Json all = read_back(books, s);
    // The roll-up's deviating manual judgements name their nämnd, in a column of its own.
    for (const auto& sh : all[0]["sheets"]) {
        if (sh["name"] != "Sammanfattning") continue;
        const Json& cells = sh.at("cells");
        int title = 0;
        for (const auto& [ref, c] : cells.items())
            if (c["v"] == "Manuella bedömningar som avviker från regelns") title = std::stoi(ref.substr(1));
        REQUIRE(title > 0);
        const std::string a = fmt::format("A{}", title + 1), b = fmt::format("B{}", title + 1), next = fmt::format("A{}", title + 2);
        REQUIRE((cells.contains(a) && cells.contains(b) && cells.contains(next)));
        CHECK(cells.at(a).at("v") == "Nämnd");
        CHECK(cells.at(b).at("v") == "Nivå");
        CHECK(cells.at(next).at("v") == "Social- och omsorgsnämnden");
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
        CAPTURE(files[i]);
        const Json& b = all[i];
        for (const auto& sh : b["sheets"]) {
            CAPTURE(sh["name"]);
            CHECK(!sh["freeze"].is_null());
            // A number's format is one of ours; a percentage cell holds a fraction.
            for (const auto& [ref, c] : sh["cells"].items()) {
                if (c["t"] != "n") continue;
                const std::string f = c["f"];
                CHECK((f.rfind("#,##0", 0) == 0 || f.rfind("0", 0) == 0 || f == "General"));
                if (f.find('%') != std::string::npos) CHECK(std::abs(c["v"].get<double>()) <= 10);
            }
        }
    }
    // The roll-up: a Nämnd column, each nämnd's goals under the municipality's kommunmål.
    const Json& lkp = all[0];
    const Table goals(lkp, "Målredovisning");
    CHECK(goals.column.count("Nämnd") == 1);
    const Table ind(lkp, "Nämndindikatorer");
    const std::size_t r = ind.row({{"Nämnd", "Social- och omsorgsnämnden"}, {"Id", "sjukfrånvaro"}, {"Serie", "totalt"}});
    CHECK(number(ind, "Utfall 2024", r) == "0.08 [0.0 %]");
    const Table sum(lkp, "Sammanfattning", 3);
    CHECK(sum.column.count("Kommunövergripande mål") == 1);
    // The file's own words (nivåer) name the sheet and the columns.
    const Json& own = all[3];
    std::vector<std::string> names;
    for (const auto& sh : own["sheets"]) names.push_back(sh["name"]);
    CHECK(names == std::vector<std::string>{"Sammanfattning", "Målredovisning", "Mätmetoder"});
    const Table m(own, "Mätmetoder");
    CHECK(m.column.count("Perspektiv") == 1);
    CHECK(m.column.count("Delmål") == 1);
    // A delår: its periods and a Prognos column; its nyckeltal in a sheet of their own.
    const Json& delar = all[4];
    const Table dind(delar, "Nämndindikatorer");
    CHECK(dind.column.count("Prognos 2018") == 1);
    CHECK(dind.column.count("Utfall 31 aug. 2018") == 1);
    const Table key(delar, "Nyckeltal");
    CHECK(key.column.count("Tabell") == 1);
    const std::size_t nytt = key.row({{"Id", "lokaler-nyttjandegrad"}});
    CHECK(key.text("Utfall 31 aug. 2018 (text)", nytt).find("95–100") != std::string::npos);
    // A budget: no judgements, targets per year.
    const Json& budget = all[5];
    const Table bind(budget, "Nämndindikatorer");
    CHECK(bind.column.count("Indikatorns bedömning") == 0);
    CHECK(std::any_of(bind.column.begin(), bind.column.end(), [](const auto& c) { return c.first.rfind("Målvärde 20", 0) == 0; }));
}

TEST_CASE("xlsx report: byte for byte the same for the same inputs, the creation time only from SOURCE_DATE_EPOCH") {
    TempDir s("xlsx-same");
    const std::string a = slurp(assess_xlsx({"rules/son/2024.yaml"}, s / "a.xlsx"));
    const std::string b = slurp(assess_xlsx({"rules/son/2024.yaml"}, s / "b.xlsx"));
    CHECK(a.size() > 5000);
    CHECK(a == b);
    ::setenv("SOURCE_DATE_EPOCH", "1735689600", 1);  // 2025-01-01
    const std::string c = slurp(assess_xlsx({"rules/son/2024.yaml"}, s / "c.xlsx"));
    const std::string d = slurp(assess_xlsx({"rules/son/2024.yaml"}, s / "d.xlsx"));
    ::unsetenv("SOURCE_DATE_EPOCH");
    CHECK(c == d);
    CHECK(c != a);
    const Json books = read_back({s / "a.xlsx", s / "c.xlsx"}, s);
    CHECK(books[0]["created"] == "1980-01-01T00:00:00");
    CHECK(books[1]["created"] == "2025-01-01T00:00:00");
}

TEST_CASE("xlsx report: written to a file only, whole or not at all") {
    TempDir s("xlsx-out");
    auto no_o = run({"assess", "rules/son/2024.yaml", "--format", "xlsx"});
    CHECK(no_o.exit == 2);
    CHECK(no_o.err.rfind("malkoll: formatet xlsx är binärt och skrivs bara till en fil: ange -o FIL\n", 0) == 0);
    CHECK(no_o.out.empty());
    CHECK(run({"assess", "rules/son/2024.yaml", "--format", "xlsx", "-o", "-"}).exit == 2);
    // Input errors: nothing written.
    auto bad = run({"assess", "fixtures/fel-värden.yaml", "--format", "xlsx", "-o", (s / "fel.xlsx").string()});
    CHECK(bad.exit == 1);
    CHECK(!fs::exists(s / "fel.xlsx"));
    // A folder is refused and left as it is; a link writes the file it points to.
    fs::create_directories(s / "mapp");
    auto dir = run({"assess", "rules/son/2024.yaml", "--format", "xlsx", "-o", (s / "mapp").string()});
    CHECK(dir.exit == 1);
    CHECK(fs::is_directory(s / "mapp"));
    std::ofstream(s / "mål.xlsx") << "gammal";
    fs::create_symlink(s / "mål.xlsx", s / "länk.xlsx");
    CHECK(run({"assess", "rules/son/2024.yaml", "--format", "xlsx", "-o", (s / "länk.xlsx").string()}).exit == 0);
    CHECK(fs::is_symlink(s / "länk.xlsx"));
    CHECK(slurp(s / "mål.xlsx").rfind("PK\x03\x04", 0) == 0);
    // libxlsxwriter's own file cannot be made: a Swedish error, exit 1, the old file untouched.
    const std::string before = slurp(s / "mål.xlsx");
    ::setenv("TMPDIR", (s / "finns-inte").c_str(), 1);
    auto tmp = run({"assess", "rules/son/2024.yaml", "--format", "xlsx", "-o", (s / "mål.xlsx").string()});
    ::unsetenv("TMPDIR");
    CHECK(tmp.exit == 1);
    CHECK(tmp.err.find("fel: kan inte skapa en tillfällig mapp för Excel-filen") != std::string::npos);
    CHECK(slurp(s / "mål.xlsx") == before);
    // Nothing of libxlsxwriter's is left behind in the temporary folder.
    ::setenv("TMPDIR", s.path.c_str(), 1);
    CHECK(run({"assess", "rules/son/2024.yaml", "--format", "xlsx", "-o", (s / "ny.xlsx").string()}).exit == 0);
    ::unsetenv("TMPDIR");
    for (const auto& e : fs::directory_iterator(s.path)) CHECK(e.path().filename().string().rfind("malkoll-xlsx-", 0) != 0);
}
