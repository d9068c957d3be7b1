// The Word report (`--format docx`, docs/word.md): the package and its parts,
// python-docx reads it, a template's styles are used, the same inputs give
// the same bytes, every rule file gives one, and – converted to PDF by
// LibreOffice, as a person would open it – its page count is sane and no
// word in a table cell is broken. The checks in Python are tests/docx_check.py
// (Debian's python3-docx; bash tools/bootstrap.sh --test installs it).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

#include "engine/report/docx_template.hpp"
#include "engine/report/text_width.hpp"
#include "engine/report/xml_tree.hpp"
#include "engine/report/zip_package.hpp"
#include "tests/cli_run.hpp"
#include "tests/temp_dir.hpp"
#include "tests/file_io.hpp"

using malkoll::test::slurp;

using malkoll::test::TempDir;

namespace fs = std::filesystem;
using malkoll::test::run;

namespace {

// A folder of its own under /tmp, removed at the end.

struct Shell {
    int exit = 0;
    std::string output;  // standard out and error
};

Shell shell(const std::string& command, const fs::path& log) {
    const std::string cmd = command + " > '" + log.string() + "' 2>&1";
    Shell s;
    const int rc = std::system(cmd.c_str());
    s.exit = WIFEXITED(rc) ? WEXITSTATUS(rc) : 128;
    s.output = slurp(log);
    return s;
}

constexpr const char* kPython = "/usr/bin/python3";
constexpr const char* kCheck = "tests/docx_check.py";

void require_python_docx() {
    const std::string cmd = std::string(kPython) + " -c 'import docx, lxml' > /dev/null 2>&1";
    REQUIRE_MESSAGE(std::system(cmd.c_str()) == 0, "python3-docx saknas: kör bash tools/bootstrap.sh --test");
}

Shell check(const std::string& args, const fs::path& dir) { return shell(std::string(kPython) + " " + kCheck + " " + args, dir / "check.log"); }

std::map<std::string, std::string> facts(const fs::path& docx, const fs::path& dir) {
    const Shell s = check("facts '" + docx.string() + "'", dir);
    REQUIRE_MESSAGE(s.exit == 0, s.output);
    std::map<std::string, std::string> m;
    std::istringstream in(s.output);
    for (std::string line; std::getline(in, line);) {
        const auto sp = line.find(' ');
        if (sp != std::string::npos) m[line.substr(0, sp)] = line.substr(sp + 1);
    }
    return m;
}

int count(const std::string& s, const std::string& what) {
    int n = 0;
    for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + what.size())) ++n;
    return n;
}

// The environment variable for one scope, as it was afterwards.
struct Env {
    std::string name;
    std::optional<std::string> before;
    Env(const char* n, const char* value) : name(n) {
        if (const char* b = std::getenv(n)) before = b;
        if (value) ::setenv(n, value, 1);
        else ::unsetenv(n);
    }
    ~Env() {
        if (before) ::setenv(name.c_str(), before->c_str(), 1);
        else ::unsetenv(name.c_str());
    }
};

// A report whose indicator table is too wide even for a landscape page:
// twenty years of values.
std::string wide_rule_file() {
    std::string values;
    for (int y = 2005; y <= 2024; ++y) values += (values.empty() ? "" : ", ") + std::to_string(y) + ": \"1" + std::to_string(y % 10) + " 345\"";
    return "malkoll: 1\nnämnd: Breda nämnden\når: 2024\nmålområden:\n  - namn: Ekonomi\n    kommunmål:\n"
           "      - namn: En hållbar ekonomi\n        nämndmål:\n          - id: kostnader\n"
           "            namn: Kostnaderna per invånare hålls nere\n            indikatorer:\n"
           "              - id: hemtjänst\n                namn: Kostnad för hemtjänst per invånare\n                enhet: kr/inv\n"
           "                riktning: minska\n                mål: \"max 12 500 kr/inv\"\n                källa: Kolada\n"
           "                utfall: {" + values + "}\n"
           "              - id: boende\n                namn: Kostnad för särskilt boende per invånare\n                enhet: kr/inv\n"
           "                riktning: minska\n                källa: Kolada\n                utfall: {" + values + "}\n";
}

}  // namespace

TEST_CASE("docx: a table too wide for a landscape page is split, its first columns in every part") {
    require_python_docx();
    TempDir dir("docx-bred");
    std::ofstream(dir.path / "bred.yaml") << wide_rule_file();
    const fs::path out = dir.path / "bred.docx";
    auto r = run({"assess", (dir.path / "bred.yaml").string(), "--format", "docx", "-o", out.string()});
    REQUIRE_MESSAGE(r.exit == 0, r.err);
    CHECK(check("valid '" + out.string() + "'", dir.path).exit == 0);
    auto f = facts(out, dir.path);
    CHECK(f["landscape_sections"] == "1");
    CHECK(std::stoi(f["tables"]) >= 3);  // the indicator table in parts, and the summary
    CHECK(f["tables_ok"] == f["tables"]);
    // The one footnote (Källa: Kolada) is a footnote once; the other parts refer to it.
    CHECK(f["footnotes"] == "1");
    CHECK(std::stoi(f["noterefs"]) == 2 * (std::stoi(f["tables"]) - 1) - 1);
    std::string error;
    malkoll::ZipReader z;
    REQUIRE(z.open(slurp(out), error));
    const std::string document = *z.read("word/document.xml", error);
    const int parts = std::stoi(f["tables"]) - 1;
    CHECK(document.find("Kommunövergripande mål: En hållbar ekonomi (del 1 av " + std::to_string(parts) + ")") != std::string::npos);
    // The goal's and the indicator's name in every part (and the indicator's in Målredovisning's list).
    CHECK(count(document, ">Kostnaderna per invånare hålls nere<") == parts);
    CHECK(count(document, ">Kostnad för hemtjänst per invånare<") == parts + 1);
}

TEST_CASE("docx: the real reports are whole packages with the Markdown report's content in Word form") {
    require_python_docx();
    TempDir dir("docx-paket");
    Env no_date("SOURCE_DATE_EPOCH", nullptr);
    const std::pair<const char*, const char*> reports[] = {
        {"rules/son/2024.yaml", "Verksamhetsberättelse 2024 – Social- och omsorgsnämnden"},
        {"rules/son/2022.yaml", "Internbudget 2022 – Social- och omsorgsnämnden"},
        {"rules/son/2018-delar.yaml", "Delårsrapport per 31 augusti 2018 – Omsorgsnämnden"},
    };
    for (const auto& [rules, title] : reports) {
        const std::string name = rules;
        CAPTURE(name);
        const fs::path out = dir.path / (fs::path(rules).stem().string() + ".docx");
        auto r = run({"assess", rules, "--format", "docx", "-o", out.string()});
        REQUIRE_MESSAGE(r.exit == 0, r.err);
        CHECK(r.out.empty());
        const Shell v = check("valid '" + out.string() + "'", dir.path);
        CHECK_MESSAGE(v.exit == 0, v.output);

        // What the same report holds as Markdown and HTML.
        const std::string md = run({"assess", rules}).out;
        const std::string html = run({"assess", rules, "--format", "html"}).out;
        auto f = facts(out, dir.path);
        CHECK(f["heading1"] == title);
        CHECK(f["headings2"] == std::to_string(count(md, "\n## ")));
        CHECK(f["headings3"] == std::to_string(count(md, "\n### ")));
        CHECK(f["headings4"] == std::to_string(count(md, "\n#### ")));
        // Every judgement as body text, no derivation (they are explain's and the HTML's).
        CHECK(f["judged_goals"] == std::to_string(count(md, "**Nämndmålet bedöms:")));
        CHECK(f["derivations"] == "0");
        // Tables: each with a repeated header row, fixed columns as wide as the page.
        CHECK(std::stoi(f["tables"]) >= count(md, "\n|---|"));
        CHECK(f["tables_ok"] == f["tables"]);
        CHECK(f["adjacent_tables"] == "0");
        // Footnotes: each definition once as a Word footnote, a later reference to it by its number.
        CHECK(f["footnotes"] == std::to_string(count(md, "\n[^")));
        CHECK(f["footnote_references"] == f["footnotes"]);
        CHECK(std::stoi(f["noterefs"]) == count(md, "[^") - 2 * count(md, "\n[^"));
        // The charts: one picture per chart of the HTML report, PNG, with its text as alt text.
        CHECK(f["pictures"] == std::to_string(count(html, "<svg ")));
        CHECK(f["media"] == f["pictures"]);
        CHECK(f["pictures_with_alt"] == f["pictures"]);
        // No date without SOURCE_DATE_EPOCH; zip's first day on every entry.
        CHECK(f["created"] == "-");
        CHECK(f["entry_times"] == "1980-01-01 00:00:00");
        if (std::string(rules) == "rules/son/2024.yaml") {
            CHECK(std::stoi(f["result_runs"]) > 20);
            CHECK(std::stoi(f["bullets"]) > 20);
        }
    }
}

TEST_CASE("docx: the same inputs give the same bytes, and SOURCE_DATE_EPOCH dates the document") {
    require_python_docx();
    TempDir dir("docx-samma");
    const fs::path a = dir.path / "a.docx", b = dir.path / "b.docx", c = dir.path / "c.docx";
    {
        Env no_date("SOURCE_DATE_EPOCH", nullptr);
        REQUIRE(run({"assess", "rules/son/2024.yaml", "--format", "docx", "-o", a.string()}).exit == 0);
        REQUIRE(run({"assess", "rules/son/2024.yaml", "--format", "docx", "-o", b.string()}).exit == 0);
    }
    CHECK(slurp(a) == slurp(b));
    CHECK(slurp(a).size() > 10000);
    {
        Env date("SOURCE_DATE_EPOCH", "1714564800");  // 2024-05-01 12:00:00 UTC
        Env tz("TZ", "America/New_York");             // the entries' time is UTC, whatever the zone
        REQUIRE(run({"assess", "rules/son/2024.yaml", "--format", "docx", "-o", c.string()}).exit == 0);
        auto f = facts(c, dir.path);
        CHECK(f["created"] == "2024-05-01T12:00:00Z");
        CHECK(f["entry_times"] == "2024-05-01 12:00:00");
    }
    {
        Env date("SOURCE_DATE_EPOCH", "i går");
        const fs::path d = dir.path / "d.docx";
        auto r = run({"assess", "rules/son/2024.yaml", "--format", "docx", "-o", d.string()});
        CHECK(r.exit == 1);
        CHECK(r.err.find("SOURCE_DATE_EPOCH ska vara ett heltal") != std::string::npos);
        CHECK(!fs::exists(d));
    }
}

TEST_CASE("docx: --mall takes a template's styles by their names and adds only what it lacks") {
    require_python_docx();
    TempDir dir("docx-mall");
    const fs::path out = dir.path / "rapport.docx";
    auto r = run({"assess", "rules/son/2024.yaml", "--format", "docx", "--mall", "fixtures/mall/kommunmall.docx", "-o", out.string()});
    REQUIRE_MESSAGE(r.exit == 0, r.err);
    const Shell v = check("valid '" + out.string() + "'", dir.path);
    CHECK_MESSAGE(v.exit == 0, v.output);
    const Shell t = check("template '" + out.string() + "'", dir.path);
    CHECK_MESSAGE(t.exit == 0, t.output);
    // Also for a roll-up, whose nämnder's headings go a level further down.
    const fs::path rollup = dir.path / "kommun.docx";
    r = run({"assess", "rules/linköping/2024.yaml", "--format", "docx", "--mall", "fixtures/mall/kommunmall.docx", "-o", rollup.string()});
    REQUIRE_MESSAGE(r.exit == 0, r.err);
    CHECK(check("valid '" + rollup.string() + "'", dir.path).exit == 0);
}

TEST_CASE("docx: a template that cannot be read or is no Word document is an error and nothing is written") {
    TempDir dir("docx-felmall");
    const fs::path out = dir.path / "rapport.docx";
    std::ofstream(out, std::ios::binary) << "den gamla rapporten";
    auto bad = [&](const fs::path& mall, const std::string& reason) {
        CAPTURE(mall);
        auto r = run({"assess", "rules/son/2024.yaml", "--format", "docx", "--mall", mall.string(), "-o", out.string()});
        CHECK(r.exit == 1);
        CHECK(r.err.find(mall.string() + ": fel: " + reason) != std::string::npos);
        CHECK_MESSAGE(r.err.find(reason) != std::string::npos, r.err);
        CHECK(slurp(out) == "den gamla rapporten");
    };
    bad(dir.path / "saknas.docx", "filen kan inte läsas: den finns inte");
    const fs::path text = dir.path / "text.docx";
    std::ofstream(text, std::ios::binary) << "Det här är ingen mall.\n";
    bad(text, "filen är ingen zip-fil, och alltså inget Word-dokument (.docx)");
    bad(dir.path, "filen kan inte läsas: det är en mapp");
    const fs::path doc = dir.path / "gammal.doc";
    std::ofstream(doc, std::ios::binary) << std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) << "Word 97";
    bad(doc, "filen är ett äldre Word-dokument (.doc) eller ett lösenordsskyddat");

    // Zip files, written with the report's own zip writer.
    auto zip = [&](const std::string& name, std::vector<malkoll::ZipEntry> entries) {
        std::string error;
        auto bytes = malkoll::write_zip(entries, 0, error);
        REQUIRE(bytes);
        std::ofstream(dir.path / name, std::ios::binary) << *bytes;
        return dir.path / name;
    };
    const std::string rels =
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
        "Target=\"word/document.xml\"/></Relationships>";
    const std::string document =
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body/></w:document>";
    const std::string doc_rels =
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
        "Target=\"styles.xml\"/></Relationships>";
    bad(zip("bilder.docx", {{"bild.txt", "ingen Word-del"}}), "filen är inget Word-dokument (.docx): delen _rels/.rels saknas");
    bad(zip("utan-mallar.docx", {{"_rels/.rels", rels}, {"word/document.xml", document}}),
        "dokumentet har inga formatmallar (word/_rels/document.xml.rels saknas)");
    bad(zip("trasig.docx", {{"_rels/.rels", rels}, {"word/document.xml", document}, {"word/_rels/document.xml.rels", doc_rels},
                            {"word/styles.xml", "<?xml version=\"1.0\"?>\n<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\n<w:style>"}}),
        "word/styles.xml är inte välformad XML (rad 3");
    // Strict Open XML: said so, with what to do.
    const std::string strict_rels = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                                    "<Relationship Id=\"rId1\" Type=\"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument\" "
                                    "Target=\"word/document.xml\"/></Relationships>";
    bad(zip("strikt.docx", {{"_rels/.rels", strict_rels},
                            {"word/document.xml", "<w:document xmlns:w=\"http://purl.oclc.org/ooxml/wordprocessingml/main\"><w:body/></w:document>"}}),
        "dokumentet är sparat som Strict Open XML; spara det i Word som vanligt Word-dokument (.docx) och försök igen");
    // An Excel workbook's parts are no Word document's.
    const std::string book_rels = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                                  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
                                  "Target=\"xl/workbook.xml\"/></Relationships>";
    bad(zip("bok.docx", {{"_rels/.rels", book_rels},
                         {"xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>"}}),
        "filen är inget Word-dokument (.docx): xl/workbook.xml är inte den del som väntades");

    // A template is never written over.
    const fs::path mall = dir.path / "mall.docx";
    fs::copy_file("fixtures/mall/kommunmall.docx", mall);
    auto r = run({"assess", "rules/son/2024.yaml", "--format", "docx", "--mall", mall.string(), "-o", mall.string()});
    CHECK(r.exit == 1);
    CHECK(r.err.find("kan inte skriva rapporten över mallen") != std::string::npos);
    CHECK(slurp(mall) == slurp("fixtures/mall/kommunmall.docx"));
}

TEST_CASE("docx: the command line asks for -o, and --mall only with docx") {
    auto r = run({"assess", "rules/son/2024.yaml", "--format", "docx"});
    CHECK(r.exit == 2);
    CHECK(r.err.find("malkoll: formatet docx är binärt och skrivs bara till en fil: ange -o FIL") != std::string::npos);
    CHECK(r.out.empty());
    r = run({"assess", "rules/son/2024.yaml", "--format", "docx", "-o", "-"});
    CHECK(r.exit == 2);
    CHECK(r.out.empty());
    r = run({"assess", "rules/son/2024.yaml", "--mall", "fixtures/mall/kommunmall.docx", "-o", "/tmp/malkoll-ingen.md"});
    CHECK(r.exit == 2);
    CHECK(r.err.find("--mall gäller bara Word-rapporten (--format docx)") != std::string::npos);
    CHECK(!fs::exists("/tmp/malkoll-ingen.md"));
    r = run({"assess", "rules/son/2024.yaml", "--format", "word"});
    CHECK(r.exit == 2);
    CHECK(r.err.find("välj md, html, json, csv, xlsx eller docx") != std::string::npos);
    r = run({"assess", "rules/son/2024.yaml", "--format", "docx", "-o", "/tmp/x.docx", "--mal", "a.docx"});
    CHECK(r.exit == 2);
    CHECK(r.err.find("menade du '--mall'?") != std::string::npos);
    r = run({"--hjälp"});
    CHECK(r.out.find("--mall MALL") != std::string::npos);
    CHECK(r.out.find("[--format md|html|json|csv|xlsx|docx] [--mall MALL.docx]") != std::string::npos);
    // A file that cannot be written is an error, not exit 0.
    r = run({"assess", "rules/son/2024.yaml", "--format", "docx", "-o", "/tmp/malkoll-finns-inte/rapport.docx"});
    CHECK(r.exit == 1);
    CHECK(r.err.find("/tmp/malkoll-finns-inte/rapport.docx: fel: ") != std::string::npos);
    // An input error: exit 1, nothing written.
    r = run({"assess", "fixtures/fel-tabb.yaml", "--format", "docx", "-o", "/tmp/malkoll-fel.docx"});
    CHECK(r.exit == 1);
    CHECK(!fs::exists("/tmp/malkoll-fel.docx"));
}

TEST_CASE("docx: every rule file under fixtures and rules gives a valid document") {
    require_python_docx();
    TempDir dir("docx-alla");
    std::vector<fs::path> files;
    for (const char* root : {"fixtures", "rules"})
        for (const auto& e : fs::recursive_directory_iterator(root))
            if (e.path().extension() == ".yaml") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() > 50);
    std::string list;
    int made = 0;
    for (std::size_t i = 0; i < files.size(); ++i) {
        CAPTURE(files[i]);
        const int md = run({"assess", files[i].string()}).exit;
        const fs::path out = dir.path / (std::to_string(i) + ".docx");
        auto r = run({"assess", files[i].string(), "--format", "docx", "-o", out.string()});
        CHECK_MESSAGE(r.exit == md, r.err);  // as the Markdown report: made, or the same error
        CHECK(fs::exists(out) == (md == 0));
        if (md == 0) list += " '" + out.string() + "'", ++made;
    }
    CHECK(made > 50);
    const Shell v = check("valid" + list, dir.path);
    CHECK_MESSAGE(v.exit == 0, v.output);
}

TEST_CASE("docx: in LibreOffice the 2024 report has sane pages and no table word is broken") {
    require_python_docx();
    REQUIRE_MESSAGE(std::system("command -v soffice pdfinfo pdftotext > /dev/null 2>&1") == 0,
                    "LibreOffice eller poppler saknas: kör bash tools/bootstrap.sh --test");
    TempDir dir("docx-lo");
    const fs::path plain = dir.path / "vb2024.docx", mall = dir.path / "vb2024-mall.docx", rollup = dir.path / "kommun.docx",
                   narrow = dir.path / "smal.docx";
    REQUIRE(run({"assess", "rules/son/2024.yaml", "--format", "docx", "-o", plain.string()}).exit == 0);
    REQUIRE(run({"assess", "rules/son/2024.yaml", "--format", "docx", "--mall", "fixtures/mall/kommunmall.docx", "-o", mall.string()}).exit == 0);
    REQUIRE(run({"assess", "rules/linköping/2024.yaml", "--format", "docx", "-o", rollup.string()}).exit == 0);
    const fs::path wide = dir.path / "bred.docx";
    std::ofstream(dir.path / "bred.yaml") << wide_rule_file();
    REQUIRE(run({"assess", (dir.path / "bred.yaml").string(), "--format", "docx", "-o", wide.string()}).exit == 0);
    // The check must fail where a column is too narrow: the first table's Nämndindikator column 1 cm wide.
    REQUIRE(check("narrow '" + plain.string() + "' '" + narrow.string() + "'", dir.path).exit == 0);

    // One LibreOffice for all five, with a profile of its own (runs in parallel do not collide).
    const std::string profile = "file://" + (dir.path / "profil").string();
    const Shell lo = shell("soffice -env:UserInstallation=" + profile + " --headless --convert-to pdf --outdir '" + dir.path.string() + "' '" +
                               plain.string() + "' '" + mall.string() + "' '" + rollup.string() + "' '" + wide.string() + "' '" + narrow.string() + "'",
                           dir.path / "soffice.log");
    REQUIRE_MESSAGE(lo.exit == 0, lo.output);
    auto pages = [&](const fs::path& docx) {
        const fs::path pdf = fs::path(docx).replace_extension(".pdf");
        REQUIRE_MESSAGE(fs::exists(pdf), lo.output);
        const Shell info = shell("pdfinfo '" + pdf.string() + "'", dir.path / "pdfinfo.log");
        const auto at = info.output.find("Pages:");
        REQUIRE(at != std::string::npos);
        return std::stoi(info.output.substr(at + 6));
    };
    auto words = [&](const fs::path& docx) {
        const fs::path pdf = fs::path(docx).replace_extension(".pdf"), txt = fs::path(docx).replace_extension(".txt");
        REQUIRE(shell("pdftotext -raw -enc UTF-8 '" + pdf.string() + "' '" + txt.string() + "'", dir.path / "pdftotext.log").exit == 0);
        return check("words '" + docx.string() + "' '" + txt.string() + "'", dir.path);
    };
    // Verksamhetsberättelse 2024 has 10 nämndmål and 13 indicators with their
    // charts, four indicator tables and two nyckeltal tables.
    const int n_plain = pages(plain), n_mall = pages(mall), n_rollup = pages(rollup);
    CAPTURE(n_plain);
    CAPTURE(n_mall);
    CAPTURE(n_rollup);
    CHECK(n_plain >= 10);
    CHECK(n_plain <= 22);
    CHECK(n_mall >= 10);
    CHECK(n_mall <= 24);
    CHECK(n_rollup >= n_plain);
    CHECK(n_rollup <= 30);
    for (const fs::path& p : {plain, mall, rollup, wide}) {
        CAPTURE(p);
        const Shell w = words(p);
        CHECK_MESSAGE(w.exit == 0, w.output);
    }
    const Shell broken = words(narrow);
    CHECK_MESSAGE(broken.exit == 1, broken.output);
    CHECK(broken.output.find("are not whole in the PDF") != std::string::npos);
}

TEST_CASE("docx: text widths come from the program's tables, Arial's or the widest") {
    using malkoll::FontClass;
    CHECK(malkoll::font_class("Arial") == FontClass::Arial);
    CHECK(malkoll::font_class("liberation sans") == FontClass::Arial);
    CHECK(malkoll::font_class("Georgia") == FontClass::Wide);
    CHECK(malkoll::font_class("") == FontClass::Wide);
    // Liberation Sans: "Sjukfrånvaro" is 5 614/1000 em; at 10 pt (w:sz 20) 1 123 twips.
    CHECK(malkoll::text_width_twips("Sjukfrånvaro", FontClass::Arial, false, 20) == 1123);
    CHECK(malkoll::text_width_twips("Sjukfrånvaro", FontClass::Arial, true, 20) > 1123);
    CHECK(malkoll::text_width_twips("Sjukfrånvaro", FontClass::Wide, false, 20) > 1123);
    CHECK(malkoll::text_width_twips("", FontClass::Wide, false, 20) == 0);
    // A character outside the tables counts as an em.
    CHECK(malkoll::text_width_twips("漢", FontClass::Arial, false, 20) == 200);
}

TEST_CASE("docx: the zip writer keeps order and time and its reader reads the entries back") {
    std::string error;
    auto bytes = malkoll::write_zip({{"b.xml", "<b/>"}, {"a.png", std::string(1000, 'x'), false}}, 1714564800, error);
    REQUIRE(bytes);
    CHECK(bytes->compare(0, 4, "PK\x03\x04") == 0);
    CHECK(bytes->find("b.xml") < bytes->find("a.png"));
    CHECK(*bytes == *malkoll::write_zip({{"b.xml", "<b/>"}, {"a.png", std::string(1000, 'x'), false}}, 1714564800, error));
    malkoll::ZipReader z;
    REQUIRE(z.open(*bytes, error));
    CHECK(z.has("a.png"));
    CHECK(*z.read("b.xml", error) == "<b/>");
    CHECK(!z.read("c.xml", error));
    CHECK(error == "delen c.xml saknas");
    malkoll::ZipReader not_zip;
    CHECK(!not_zip.open("inte en zip", error));
    CHECK(error == "filen är ingen zip-fil, och alltså inget Word-dokument (.docx)");
}

TEST_CASE("docx: styles are found by name, ours get ids the template does not use, the table font is resolved") {
    using malkoll::StyleRole;
    // Ours alone: Arial (the document defaults), tables in 9 pt.
    const malkoll::DocxStyles own = malkoll::docx_styles(nullptr);
    CHECK(own.id(StyleRole::Heading1) == "Heading1");
    CHECK(own.id(StyleRole::TableGrid) == "TableGrid");
    CHECK(own.table_font == malkoll::FontClass::Arial);
    CHECK(own.table_half_points == 18);
    CHECK(own.list_numbered[0]);  // our List Bullet names our bullets itself
    std::string error;
    CHECK(malkoll::parse_xml(own.styles_xml, error));
    CHECK(malkoll::parse_xml(own.numbering_xml, error));

    // A template: "Heading1" is its own style of another name; heading 2 is Rubrik2; text in the theme's minor font.
    malkoll::DocxTemplate t;
    t.styles = "<?xml version=\"1.0\"?>\n<x:styles xmlns:x=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
               "<x:docDefaults><x:rPrDefault><x:rPr><x:rFonts x:asciiTheme=\"minorHAnsi\" x:hAnsiTheme=\"minorHAnsi\"/><x:sz x:val=\"24\"/></x:rPr>"
               "</x:rPrDefault></x:docDefaults>"
               "<x:style x:type=\"paragraph\" x:default=\"1\" x:styleId=\"Normal\"><x:name x:val=\"Normal\"/></x:style>"
               "<x:style x:type=\"paragraph\" x:styleId=\"Heading1\"><x:name x:val=\"Min rubrik\"/></x:style>"
               "<x:style x:type=\"paragraph\" x:styleId=\"Rubrik2\"><x:name x:val=\"Heading 2\"/><x:basedOn x:val=\"Normal\"/></x:style>"
               "</x:styles>";
    t.theme = "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:themeElements><a:fontScheme>"
              "<a:majorFont><a:latin typeface=\"Georgia\"/></a:majorFont><a:minorFont><a:latin typeface=\"Arial\"/></a:minorFont>"
              "</a:fontScheme></a:themeElements></a:theme>";
    const malkoll::DocxStyles st = malkoll::docx_styles(&t);
    CHECK(st.id(StyleRole::Normal) == "Normal");
    CHECK(st.id(StyleRole::Heading1) == "Heading12");  // ours, beside the template's Heading1
    CHECK(st.id(StyleRole::Heading2) == "Rubrik2");    // the template's, by name in any case
    CHECK(st.id(StyleRole::TableText) == "Tabelltext");
    CHECK(st.table_font == malkoll::FontClass::Arial);  // the theme's minor font, through Normal and the defaults
    CHECK(st.table_half_points == 18);                  // our Tabelltext says 9 pt
    const auto tree = malkoll::parse_xml(st.styles_xml, error);
    REQUIRE_MESSAGE(tree, error);
    CHECK(st.styles_xml.find("Min rubrik") != std::string::npos);
    CHECK(st.styles_xml.find("x:styleId=\"Rubrik2\"") != std::string::npos);
    CHECK(count(st.styles_xml, "w:styleId=\"Heading2\"") == 0);  // not added: the template has heading 2
    CHECK(count(st.styles_xml, "<w:name w:val=\"heading 1\"/>") == 1);
    CHECK(st.numbering_xml.find("w:numId=\"1\"") != std::string::npos);

    // With Georgia as the text font, tables are estimated wide.
    t.theme.replace(t.theme.find("Arial"), 5, "Georgia");
    CHECK(malkoll::docx_styles(&t).table_font == malkoll::FontClass::Wide);
}
