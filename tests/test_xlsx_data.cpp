// An Excel workbook (.xlsx) as a data file (docs/excel.md): the same rows,
// values and checks as a CSV file, numbers taken as stored, texts through
// the value grammar, positions FIL.xlsx:Blad!C7. The workbooks are
// fixtures/xlsx/*.xlsx (made by fixtures/xlsx/generate.py).
#include <doctest/doctest.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unistd.h>
#include <zip.h>

#include "engine/core/diagnostic.hpp"
#include "engine/core/source.hpp"
#include "engine/load/data_file.hpp"
#include "engine/load/rule_file.hpp"
#include "engine/load/xlsx.hpp"
#include "tests/cli_run.hpp"
#include "tests/temp_dir.hpp"
#include "tests/file_io.hpp"

using malkoll::test::slurp;
using malkoll::test::spit;

using malkoll::test::TempDir;

using namespace malkoll;
using malkoll::test::run;
namespace fs = std::filesystem;

namespace {

const std::string kRules = "fixtures/xlsx/regler.yaml";
const std::string kData = "fixtures/xlsx/data.xlsx";
const std::string kFel = "fixtures/xlsx/fel.xlsx";

// A folder of its own for files a test writes, removed after it.

// The rule file with one data file read into it: each value as
// "id period[/series] text (note) {källa} @position", and the messages.
struct Loaded {
    SourceSet sources;
    Diagnostics diags;
    RuleFile file;
    explicit Loaded(const std::string& data, const std::string& sheet = {}, const std::string& rules = kRules) {
        file = load_rule_file(rules, sources, diags);
        REQUIRE(!diags.has_errors());
        load_data_file(data, file, sources, diags, sheet);
    }
    std::vector<std::string> values() const {
        std::vector<std::string> out;
        const ValueStore& vs = file.values;
        for (const auto& v : vs) {
            if (vs.file_name(v) == kRules) continue;
            std::string s = file.owner_id(v.indicator) + " " + v.period.text();
            if (!v.is_main_series()) s.append("/").append(vs.series_name(v));
            s.append(" ").append(vs.text(v));
            if (const std::string r = vs.remark(v); !r.empty()) s.append(" (").append(r).append(")");
            if (!vs.data_source(v).empty()) s.append(" {").append(vs.data_source(v)).append("}");
            s.append(" @").append(location_text(vs.position(v)));
            out.push_back(s);
        }
        return out;
    }
    // As the command line prints them, with the cell's content under each.
    std::vector<std::string> messages() {
        diags.sort();
        std::vector<std::string> out;
        for (const auto& d : diags.items()) out.push_back(sources.render(d));
        return out;
    }
    const DataValue& value(const std::string& id, Period p, const std::string& series = "") const {
        for (std::uint32_t i = 0; i < file.owner_count(); ++i)
            if (file.owner_id(i) == id)
                if (const DataValue* v = file.values.find(i, p, series)) return *v;
        FAIL("no value ", id, " ", p.text(), " ", series);
        static DataValue none;
        return none;
    }
};

std::string join(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += "\n  " + l;
    return out;
}

}  // namespace

TEST_CASE("xlsx data: the cells of the first sheet become the same values a CSV file gives") {
    Loaded l(kData);
    CHECK(join(l.messages()) == "");
    const std::string at = "fixtures/xlsx/data.xlsx:Utfall!";
    CHECK(join(l.values()) == join({
                                  "sjukfrånvaro 2022 8,9 % {Personaltabellen} @" + at + "D2",
                                  "sjukfrånvaro 2022/män 8,5 % @" + at + "D3",
                                  "sjukfrånvaro 2022/kvinnor 9,1 % @" + at + "D4",
                                  "sjukfrånvaro 2023 7,7 % {Personaltabellen} @" + at + "D5",
                                  "sjukfrånvaro 2023/män 7,4 % @" + at + "D6",
                                  "sjukfrånvaro 2023/kvinnor 7,8 % @" + at + "D7",
                                  "sjukfrånvaro 2024 8,0 % (preliminärt) {Personaltabellen} @" + at + "D8",
                                  "sjukfrånvaro 2024/män 7,9 % @" + at + "D9",
                                  "sjukfrånvaro 2024/kvinnor 8,0 % @" + at + "D10",
                                  "hme 2023 72 @" + at + "D11",
                                  "hme 2024 73 @" + at + "D12",
                                  "våldsfrågor 2023 10 % @" + at + "D13",
                                  "våldsfrågor 2024 17 % @" + at + "D14",
                                  "väntetid 2023 26–34 @" + at + "D15",
                                  "väntetid 2024 12,3 @" + at + "D16",
                                  "kostnad 2022 761 @" + at + "D17",
                                  "kostnad 2023 787 @" + at + "D18",
                                  "kostnad 2024 i.u. (Kolada aug 2025) @" + at + "D19",
                              }));
    // A percentage is its number in %, with the decimals its format shows
    // (0.08500000000000001 in a 0.0% cell is 8,5 %, exactly as "8,5 %" written).
    const DataValue& men = l.value("sjukfrånvaro", {2022, 0}, "män");
    CHECK(men.kind == ValueKind::Number);
    CHECK(men.lo_v == 8.5);
    CHECK(men.lo_decimals == 1);
    CHECK(l.file.values.unit(men) == "%");
    CHECK(l.value("våldsfrågor", {2024, 0}).lo_v == 17);  // 0.17 in a 0% cell (a built-in format)
    CHECK(l.value("våldsfrågor", {2024, 0}).lo_decimals == 0);
    // The formula's stored result; a number with binary noise as Excel shows it;
    // a number shown rounded (#,##0) as shown.
    CHECK(l.value("hme", {2024, 0}).lo_v == 73);
    CHECK(l.value("väntetid", {2024, 0}).lo_v == 12.3);
    CHECK(l.value("väntetid", {2024, 0}).lo_decimals == 1);
    CHECK(l.value("kostnad", {2022, 0}).lo_v == 761);
    CHECK(l.value("kostnad", {2022, 0}).lo_decimals == 0);
    CHECK(l.file.values.unit(l.value("kostnad", {2022, 0})) == "");  // the indicator's enhet applies, as to "761" in a CSV
    // Texts go through the value grammar: an interval, a missing value with its note.
    CHECK(l.value("väntetid", {2023, 0}).kind == ValueKind::Interval);
    CHECK(l.value("kostnad", {2024, 0}).kind == ValueKind::Missing);
    // The date 2024-12-31 in the period column is the year 2024.
    CHECK(l.file.values.position(l.value("sjukfrånvaro", {2024, 0})).line == 8);
}

TEST_CASE("xlsx data: assessing from the workbook gives the same report as from the equivalent CSV") {
    // (The HTML report's derivations say where each value stands, so only its tables could match.)
    for (const char* format : {"md", "csv"}) {
        CAPTURE(format);
        auto x = run({"assess", kRules, "--data", kData, "--format", format});
        auto c = run({"assess", kRules, "--data", "fixtures/xlsx/data.csv", "--format", format});
        REQUIRE(x.exit == 0);
        REQUIRE(c.exit == 0);
        CHECK(x.err == c.err);
        CHECK(x.out == c.out);
    }
    // JSON: the same but for where each value was read and the list of inputs.
    auto x = run({"assess", kRules, "--data", kData, "--format", "json"});
    auto c = run({"assess", kRules, "--data", "fixtures/xlsx/data.csv", "--format", "json"});
    REQUIRE(x.exit == 0);
    nlohmann::json jx = nlohmann::json::parse(x.out), jc = nlohmann::json::parse(c.out);
    CHECK(jx["inputs"][1]["path"] == kData);
    CHECK(jx["inputs"][1]["sheet"] == "Utfall");
    CHECK(!jc["inputs"][1].contains("sheet"));
    std::vector<std::string> sources;
    auto strip = [&](auto& self, nlohmann::json& j, bool keep) -> void {
        if (j.is_object()) {
            if (j.contains("source") && j["source"].is_string()) {
                if (keep) sources.push_back(j["source"]);
                j.erase("source");
            }
            for (auto& [k, v] : j.items()) self(self, v, keep);
        } else if (j.is_array()) {
            for (auto& v : j) self(self, v, keep);
        }
    };
    jx.erase("inputs");
    jc.erase("inputs");
    strip(strip, jx, true);
    strip(strip, jc, false);
    CHECK(jx == jc);
    // A value cites its cell.
    CHECK(std::find(sources.begin(), sources.end(), "fixtures/xlsx/data.xlsx:Utfall!D14") != sources.end());
}

TEST_CASE("xlsx data: a sheet chosen on the command line, and an unknown one") {
    auto r = run({"explain", kRules, "hme", "--data", kData + ":Äldre värden"});
    CHECK(r.exit == 0);
    CHECK(r.out.find("fixtures/xlsx/data.xlsx:'Äldre värden'!D2") != std::string::npos);
    CHECK(r.out.find("73") == std::string::npos);  // the first sheet is not read

    Loaded l(kData, "Äldre värden");
    CHECK(join(l.values()) == join({"sjukfrånvaro 2021 9,5 % @fixtures/xlsx/data.xlsx:'Äldre värden'!D3",
                                    "hme 2021 70 @fixtures/xlsx/data.xlsx:'Äldre värden'!D2"}));
    // Names are matched as Excel does, in any case.
    CHECK(Loaded(kData, "utfall").values().size() == 18);

    auto bad = run({"check", kRules, "--data", kData + ":Utfal"});
    CHECK(bad.exit == 1);
    CHECK(bad.err ==
          "fixtures/xlsx/data.xlsx: fel: arbetsboken har inget blad som heter 'Utfal' (menade du 'Utfall'?); "
          "bladen heter Utfall, Äldre värden\n1 fel\n");
    // The same sheet named twice, also as the first and by its name, is read once.
    auto twice = run({"check", kRules, "--data", kData, "--data", kData + ":Utfall", "--data", kData + ":utfall", "--data", kData + ":"});
    CHECK(twice.exit == 0);
    CHECK(twice.out == "Inga fel.\n");
    // Two sheets of one workbook are two files.
    auto both = run({"explain", kRules, "hme", "--data", kData, "--data", kData + ":Äldre värden"});
    CHECK(both.exit == 0);
    CHECK(both.out.find("'Äldre värden'!D2") != std::string::npos);
    CHECK(both.out.find("Utfall!D12") != std::string::npos);
}

TEST_CASE("xlsx data: the sheet under utfall in the rule file, as a mapping or FIL.xlsx:Blad") {
    TempDir s("xlsx-utfall");
    const std::string abs = fs::absolute(kData).string();
    const std::string rules = slurp(kRules);
    auto with = [&](const std::string& utfall) {
        const fs::path p = s / "regler.yaml";
        std::string r = rules;
        r.replace(r.find("malkoll: 1\n"), 11, "malkoll: 1\nutfall: " + utfall + "\n");
        spit(p, r);
        return p.string();
    };
    auto r = run({"explain", with("[{fil: " + abs + ", blad: Äldre värden}]"), "hme"});
    CHECK(r.exit == 0);
    CHECK(r.out.find("'Äldre värden'!D2") != std::string::npos);
    r = run({"explain", with("[\"" + abs + ":Äldre värden\", data.csv]"), "hme"});
    CHECK(r.exit == 1);  // data.csv is not there
    CHECK(r.err.find("datafilen " + (s / "data.csv").string() + " finns inte") != std::string::npos);
    fs::copy_file("fixtures/xlsx/data.csv", s / "data.csv");
    r = run({"check", with("[\"" + abs + ":Äldre värden\", data.csv]")});
    CHECK(r.exit == 0);
    // An unknown sheet is an error at its name in the rule file.
    const std::string p = with("[{fil: " + abs + ", blad: Utfal}]");
    r = run({"check", p});
    CHECK(r.exit == 1);
    CHECK(r.err.find(p + ":4:16: fel: arbetsboken " + abs + " har inget blad som heter 'Utfal' (menade du 'Utfall'?)") !=
          std::string::npos);
    // `blad` belongs to a workbook; an unknown key is named.
    r = run({"check", with("[{fil: data.csv, blad: Utfall}]")});
    CHECK(r.exit == 1);
    CHECK(r.err.find("'blad:' gäller en Excel-arbetsbok (.xlsx), inte data.csv") != std::string::npos);
    r = run({"check", with("[{fil: data.csv, flik: Utfall}]")});
    CHECK(r.exit == 1);
    CHECK(r.err.find("okänd nyckel 'flik' i en datafil under 'utfall:'") != std::string::npos);
}

TEST_CASE("xlsx data: each problem at its cell, with the cell's content under the message") {
    Loaded l(kFel);
    const std::string f = "fixtures/xlsx/fel.xlsx:Utfall!";
    const std::vector<std::string> got = l.messages();
    REQUIRE(got.size() == 8);
    CHECK(join(got) ==
          join({
              f + "D2: fel: formeln i cellen har inget sparat resultat (filen har skrivits av ett program som inte räknar); öppna den "
                  "i Excel eller LibreOffice och spara den, eller skriv värdet i cellen\n=A1+1",
              f + "D3: fel: cellen har felvärdet #N/A; rätta formeln, eller skriv i.u. om värdet saknas\n#N/A",
              f + "B4: fel: datumet 2024-08-15 är ingen period: en period är ett år (2024) eller år och månad (2024-08), och ett "
                  "datum läses som perioden som slutar den dagen (2024-08-31 är 2024-08, 2024-12-31 är 2024) eller som månaden "
                  "när det är den första (2024-08-01 är 2024-08)\n2024-08-15",
              f + "D5: fel: cellen är ett datum (2023-05-01), inget värde; ge cellen formatet Tal eller Procent\n2023-05-01",
              f + "D6: fel: cellen är ett sanningsvärde (SANT), inget värde; skriv ett tal, ett intervall eller i.u.\nSANT",
              f + "A7: varning: okänd indikator 'sjukfränvaro' (menade du 'sjukfrånvaro'?)\nsjukfränvaro",
              f + "D8: fel: okänd enhet 'kronor'; tillåtna är %, kr, tkr, mnkr, kr/inv, dagar, dgr, dygn, timmar, st, personer (och "
                  "indikatorns enhet); menade du 'kr'?\n12 kronor",  // the value grammar's own message, at its cell
              f + "D10: fel: värdet för väntetid 2024 finns redan på cell D9\n13",
          }));
}

// fel.xlsx with its sheet's XML broken (`<<`) inside cell D3, or between two rows.
std::string broken_sheet(const std::string& dir, const std::string& name, const std::string& after) {
    const std::string path = dir + "/" + name;
    spit(path, slurp(kFel));
    int err = 0;
    zip_t* z = zip_open(path.c_str(), 0, &err);
    REQUIRE(z);
    const zip_int64_t i = zip_name_locate(z, "xl/worksheets/sheet1.xml", 0);
    REQUIRE(i >= 0);
    zip_stat_t st;
    REQUIRE(zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st) == 0);
    std::string xml(st.size, '\0');
    zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(i), 0);
    REQUIRE(f);
    REQUIRE(zip_fread(f, xml.data(), xml.size()) == static_cast<zip_int64_t>(xml.size()));
    zip_fclose(f);
    const std::size_t at = xml.find(after);
    REQUIRE(at != std::string::npos);
    xml.insert(at + after.size(), "<<");
    // libzip reads the buffer at zip_close and frees it then (freep 1).
    void* copy = std::malloc(xml.size());
    REQUIRE(copy);
    std::memcpy(copy, xml.data(), xml.size());
    zip_source_t* src = zip_source_buffer(z, copy, xml.size(), 1);
    REQUIRE(src);
    REQUIRE(zip_file_replace(z, static_cast<zip_uint64_t>(i), src, 0) == 0);
    REQUIRE(zip_close(z) == 0);
    return path;
}

TEST_CASE("xlsx data: a sheet whose XML is broken is an error at the cell where it broke") {
    TempDir dir;
    {
        Loaded l(broken_sheet(dir.path.string(), "skadad.xlsx", R"(<c r="D3" t="e">)"));
        const std::vector<std::string> got = l.messages();
        REQUIRE(got.size() == 1);
        CHECK(got[0] == dir.path.string() + "/skadad.xlsx:Utfall!D3: fel: arbetsboken kan inte läsas: bladets XML (delen "
                                    "xl/worksheets/sheet1.xml) är trasig i eller nära den här cellen; öppna den i Excel eller "
                                    "LibreOffice och spara den igen");
    }
    {
        // Between the header row and the next: the last cell read, the header's last.
        Loaded l(broken_sheet(dir.path.string(), "mellan.xlsx", "</row>"));
        const std::vector<std::string> got = l.messages();
        REQUIRE(got.size() == 1);
        CHECK(got[0].starts_with(dir.path.string() + "/mellan.xlsx:Utfall!F1: fel: arbetsboken kan inte läsas: bladets XML"));
    }
}

TEST_CASE("xlsx data: a spreadsheet that is no .xlsx, or not one inside, is named for what it is") {
    TempDir s("xlsx-binary");
    auto message = [&](const std::string& name, const std::string& bytes) {
        spit(s / name, bytes);
        auto r = run({"check", kRules, "--data", (s / name).string()});
        CHECK(r.exit == 1);
        return r.err.substr(0, r.err.find('\n'));
    };
    const std::string xlsx = slurp(kData);
    const std::string at = s.path.string() + "/";
    CHECK(message("data.csv", xlsx) == at + "data.csv: fel: filen är en zip-fil, ingen textfil; är den en Excel-arbetsbok ska namnet sluta på .xlsx, "
                                            "annars spara datan som CSV UTF-8");
    CHECK(message("data.xls", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(512, '\0')) ==
          at + "data.xls: fel: filen är en arbetsbok i Excels äldre format (.xls) eller en lösenordsskyddad arbetsbok; spara den utan "
               "lösenord som Excel-arbetsbok (.xlsx) eller som CSV UTF-8");
    CHECK(message("data.ods", std::string("PK\x03\x04", 4) + std::string(26, '\0') + "mimetypeapplication/vnd.oasis.opendocument.spreadsheet") ==
          at + "data.ods: fel: filen är ett OpenDocument-kalkylblad (.ods); spara det som Excel-arbetsbok (.xlsx) eller som CSV UTF-8");
    CHECK(message("data.xlsx", "indikator;period;värde\nhme;2024;73\n") ==
          at + "data.xlsx: fel: filen är ingen Excel-arbetsbok (den är ingen zip-fil); spara den som Excel-arbetsbok (.xlsx), eller "
               "ge en CSV-fil ett namn som slutar på .csv");
    CHECK(message("kort.xlsx", xlsx.substr(0, xlsx.size() / 2)) ==
          at + "kort.xlsx: fel: filen kan inte läsas som Excel-arbetsbok: zip-filen är skadad eller ofullständig");
}

TEST_CASE("xlsx data: any damage to a workbook is an error, never a crash") {
    const std::string good = slurp(kData);
    std::uint32_t seed = 2024;
    auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
    for (int n = 0; n < 300; ++n) {
        std::string bytes = good;
        const int flips = 1 + static_cast<int>(next() % 8);
        for (int k = 0; k < flips; ++k) bytes[next() % bytes.size()] = static_cast<char>(next() >> 24);
        if (n % 5 == 0) bytes.resize(next() % bytes.size());
        XlsxRead r;
        CHECK_NOTHROW(r = read_xlsx(bytes, n % 3 == 0 ? "Äldre värden" : ""));
        CHECK((r.sheet.has_value() != !r.error.empty()));
    }
}

TEST_CASE("xlsx data: number formats tell a percentage, decimals and a date apart") {
    using K = NumberShape::Kind;
    auto shape = [](std::string_view code) {
        const NumberShape s = number_shape(code);
        return fmt::format("{}{}", s.kind == K::General ? "G" : s.kind == K::Fixed ? "F" : s.kind == K::Percent ? "P" : "D", s.decimals);
    };
    CHECK(shape("0.0%") == "P1");
    CHECK(shape("0 %") == "P0");
    CHECK(shape("#,##0") == "F0");
    CHECK(shape("#,##0.00") == "F2");
    CHECK(shape("[Red]0.00;[Blue]-0.00") == "F2");
    CHECK(shape("#,##0 \"kr\"") == "F0");
    CHECK(shape("0.0\\ \"dagar\"") == "F1");
    CHECK(shape("_-* #,##0.0_-") == "F1");
    CHECK(shape("0.00E+00") == "G-1");
    CHECK(shape("# ?/?") == "G-1");
    CHECK(shape("General") == "G-1");
    CHECK(shape("@") == "G-1");
    CHECK(shape("yyyy-mm-dd") == "D-1");
    CHECK(shape("[$-41D]mmmm yyyy") == "D-1");
    CHECK(shape("[h]:mm") == "D-1");
    CHECK(shape("mmm-yy") == "D-1");
    CHECK(builtin_number_shape(9).kind == K::Percent);
    CHECK(builtin_number_shape(10).decimals == 2);
    CHECK(builtin_number_shape(3).kind == K::Fixed);
    CHECK(builtin_number_shape(14).kind == K::Date);
    CHECK(builtin_number_shape(0).kind == K::General);
    CHECK(builtin_number_shape(49).kind == K::General);
}

TEST_CASE("xlsx data: a stored double becomes the decimal Excel shows") {
    auto dec = [](double v, NumberShape s) {
        const Decimal d = cell_decimal(v, s);
        return fmt::format("{} {}", d.v, int{d.decimals});
    };
    using K = NumberShape::Kind;
    const NumberShape general{}, p0{K::Percent, 0}, p1{K::Percent, 1}, f0{K::Fixed, 0}, f2{K::Fixed, 2};
    CHECK(dec(0.17, p0) == "17 0");
    CHECK(dec(0.08500000000000001, p1) == "8.5 1");
    CHECK(dec(0.08, p1) == "8 1");  // 8,0 %
    CHECK(dec(12.300000000000001, general) == "12.3 1");
    CHECK(dec(0.1 + 0.2, general) == "0.3 1");
    CHECK(dec(761.4, f0) == "761 0");
    CHECK(dec(0.125, f2) == "0.13 2");    // half away from zero, on the decimal digits
    CHECK(dec(2.675, f2) == "2.68 2");    // 2.67499999… as stored, 2,675 as Excel shows it
    CHECK(dec(-0.5, f0) == "-1 0");
    CHECK(dec(-0.0001, f2) == "0 2");     // never -0
    CHECK(dec(1e20, general) == "1e+20 0");
    CHECK(dec(2024, general) == "2024 0");
    CHECK(dec(1234567.891, f2) == "1234567.89 2");
    // Exactly the double the same decimal written in a CSV gives.
    CHECK(cell_decimal(0.173, p1).v == 17.3);
    CHECK(cell_decimal(0.0789, NumberShape{K::Percent, 2}).v == 7.89);
}

TEST_CASE("xlsx data: Excel's serial dates in both date systems") {
    auto date = [](double serial, bool d1904 = false) {
        auto d = excel_date(serial, d1904);
        return d ? fmt::format("{:04}-{:02}-{:02}", d->year, d->month, d->day) : std::string("-");
    };
    CHECK(date(45657) == "2024-12-31");
    CHECK(date(45535) == "2024-08-31");
    CHECK(date(1) == "1900-01-01");
    CHECK(date(59) == "1900-02-28");
    CHECK(date(60) == "-");  // 29 February 1900, which never was
    CHECK(date(61) == "1900-03-01");
    CHECK(date(45657.5) == "-");  // a time of day
    CHECK(date(0, true) == "1904-01-01");
    CHECK(date(44195, true) == "2024-12-31");
    CHECK(date(-1) == "-");
}

TEST_CASE("xlsx data: the period a date stands for") {
    auto period = [](int y, int m, int d) {
        auto p = period_of_date(y, m, d);
        return p ? p->text() : std::string("-");
    };
    CHECK(period(2024, 8, 31) == "2024-08");
    CHECK(period(2024, 8, 1) == "2024-08");  // 2024-08 typed in a cell
    CHECK(period(2024, 12, 31) == "2024");
    CHECK(period(2024, 12, 1) == "2024-12");
    CHECK(period(2024, 2, 29) == "2024-02");
    CHECK(period(2023, 2, 28) == "2023-02");
    CHECK(period(2024, 2, 28) == "-");
    CHECK(period(2024, 8, 15) == "-");
}

TEST_CASE("xlsx data: a report made from a workbook verifies, also with a sheet chosen on the command line") {
    TempDir s("xlsx-verify");
    for (const std::string& data : {kData, kData + ":Äldre värden"}) {
        CAPTURE(data);
        const std::string report = (s / "rapport.json").string();
        auto a = run({"assess", kRules, "--data", data, "--format", "json", "-o", report});
        REQUIRE(a.exit == 0);
        auto v = run({"verify", report, "--tillåt-sökväg"});
        CHECK(v.exit == 0);
        CHECK(v.out.find("rapporten står sig") != std::string::npos);
    }
    // A changed workbook is caught.
    const fs::path copy = s / "data.xlsx";
    fs::copy_file(kData, copy);
    const std::string report = (s / "r2.json").string();
    REQUIRE(run({"assess", kRules, "--data", copy.string(), "--format", "json", "-o", report}).exit == 0);
    std::string bytes = slurp(copy);
    bytes += '\0';  // still a zip: its directory is found from the end
    spit(copy, bytes);
    auto v = run({"verify", report, "--tillåt-sökväg"});
    CHECK(v.exit == 1);
    CHECK(v.out.find("indatafilen " + copy.string() + " har ändrats") != std::string::npos);
}
