// Core helpers: decimals, Swedish number formatting, JSON, hashing, atomic
// writes, UTF-8 text and diagnostics.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <csignal>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include "engine/core/atomic_write.hpp"
#include "engine/core/diagnostic.hpp"
#include "engine/core/format.hpp"
#include "engine/core/json_writer.hpp"
#include "engine/core/sha256.hpp"
#include "engine/core/shared_library.hpp"
#include "engine/core/source.hpp"
#include "engine/core/text.hpp"
#include "engine/core/value.hpp"
#include "tests/temp_dir.hpp"

using malkoll::test::TempDir;

using namespace malkoll;

namespace {

Decimal exact(double v, int d) { return Decimal{v, static_cast<std::int8_t>(d)}; }
Decimal computed(double v) { return Decimal{v, -1}; }

// A fresh directory under /tmp, removed at scope end.

std::string slurp(const std::filesystem::path& p) { return read_file_bytes(p.string()).value_or("<missing>"); }

}  // namespace

namespace {
// Built field by field: g++ 12 warns falsely (-Wmaybe-uninitialized) on the
// nested aggregate initialiser.
malkoll::Diagnostic make_diag(malkoll::Severity s, const char* code, const char* file, std::uint32_t line, std::uint32_t col,
                              const char* msg) {
    malkoll::Diagnostic d;
    d.severity = s;
    d.code = code;
    d.pos.file = file;
    d.pos.line = line;
    d.pos.col = col;
    d.message = msg;
    return d;
}
}  // namespace

TEST_CASE("core decimal: exact addition and subtraction") {
    const Decimal diff = dec_sub(exact(5.3, 1), exact(5.1, 1));
    CHECK(diff.decimals == 1);
    CHECK(diff.v == 0.2);  // bit-equal to the parsed "0.2", not 0.19999999999999973
    CHECK(dec_compare(diff, exact(0.2, 1)) == 0);

    const Decimal sum = dec_add(exact(0.1, 1), exact(0.25, 2));
    CHECK(sum.decimals == 2);
    CHECK(sum.v == 0.35);

    CHECK(dec_add(exact(1, 0), computed(0.5)).decimals == -1);
    CHECK(dec_mul(exact(2, 0), exact(3, 0)).decimals == -1);
    CHECK(dec_div(exact(1, 0), exact(3, 0)).v == doctest::Approx(1.0 / 3));
    // Huge values keep their double instead of overflowing the rounding.
    CHECK(dec_add(exact(1e300, 2), exact(1e300, 2)).v == 2e300);
}

TEST_CASE("core decimal: comparison") {
    struct Row { Decimal a, b; int expected; };
    const std::vector<Row> rows = {
        {exact(89.96, 2), exact(90, 0), -1},     // not rounded first
        {exact(90, 0), exact(89.96, 2), 1},
        {exact(17, 0), exact(17.0, 1), 0},
        {computed(0.1 + 0.2), exact(0.3, 1), 0},  // tolerance for computed
        {computed(1.0 / 3 * 3), computed(1), 0},
        {computed(0.3000001), exact(0.3, 1), 1},
        {computed(-5), computed(3), -1},
        {exact(0.30000000000000004, 1), exact(0.3, 1), 1},  // exact: plain compare
    };
    for (const auto& r : rows) {
        CAPTURE(r.a.v);
        CAPTURE(r.b.v);
        CHECK(dec_compare(r.a, r.b) == r.expected);
    }
}

TEST_CASE("core format_number table") {
    struct Row { Decimal n; bool written; const char* expected; };
    const std::vector<Row> rows = {
        {exact(25863, 0), true, "25 863"},
        {exact(1063, 0), true, "1 063"},
        {exact(1000, 0), true, "1 000"},
        {exact(999, 0), true, "999"},
        {exact(1000000, 0), true, "1 000 000"},
        {exact(7.9, 1), true, "7,9"},
        {exact(5, 1), true, "5,0"},
        {exact(17, 0), true, "17"},
        {exact(2.675, 2), true, "2,68"},  // on the decimal string, not 2.67499999…
        {exact(-2.5, 1), true, "-2,5"},
        {exact(0.05, 3), true, "0,050"},
        {computed(66.666), true, "66,7"},  // computed ignores as_written
        {computed(66.666), false, "66,7"},
        {exact(7.9, 1), false, "7,9"},
        {exact(5, 1), false, "5"},
        {computed(75.0), false, "75"},
        {computed(0.15), false, "0,2"},
        {computed(0.25), false, "0,3"},
        {computed(-0.15), false, "-0,2"},
        {computed(-0.04), false, "0"},
        {computed(-0.0), false, "0"},
        {computed(9.96), false, "10"},
        {computed(999.95), false, "1 000"},
        {computed(1234567.891), false, "1 234 567,9"},
        {computed(-1234.5), false, "-1 234,5"},
        {computed(1e-300), false, "0"},
    };
    for (const auto& r : rows) {
        CAPTURE(r.n.v);
        CAPTURE(static_cast<int>(r.n.decimals));
        CHECK(format_number(r.n, r.written) == r.expected);
    }
    CHECK(format_number(exact(25863, 0), true, Space::NoBreak) == "25\u00A0863");
}

TEST_CASE("core format_number: numbers as written with many digits, and those that are not what they say") {
    struct Row { Decimal n; const char* expected; };
    const std::vector<Row> rows = {
        {exact(999999999999999, 0), "999 999 999 999 999"},
        {exact(1e15, 0), "1 000 000 000 000 000"},
        {exact(12345678901234.5, 1), "12 345 678 901 234,5"},
        {exact(0.000000000000001, 15), "0,000000000000001"},
        {exact(12345.678, 3), "12 345,678"},
        {exact(5, 2), "5,00"},
        {exact(0.05, 2), "0,05"},
        {exact(-0.0, 1), "0,0"},
        {exact(-0.5, 0), "-1"},         // 0,5 said to have no decimals: rounded, half away from zero
        {exact(1e-7, 3), "0,000"},      // not a number with 3 decimals: rounded on its decimal string
        {exact(0.125, 2), "0,13"},
        {exact(1.5, 20), "1,50000000000000000000"},
        {exact(1e20, 1), "100 000 000 000 000 000 000,0"},
    };
    for (const auto& r : rows) {
        CAPTURE(r.n.v);
        CAPTURE(static_cast<int>(r.n.decimals));
        CHECK(format_number(r.n, true) == r.expected);
    }
}

TEST_CASE("core append_number and append_ungrouped_number add to the text they are given") {
    std::string s = "värde ";
    append_number(s, exact(25863, 0), true);
    CHECK(s == "värde 25 863");
    append_number(s, computed(-1234.56), false, Space::NoBreak);
    CHECK(s == "värde 25 863-1\u00A0234,6");
    std::string u;
    append_ungrouped_number(u, exact(25863, 0), true);
    u += ';';
    append_ungrouped_number(u, computed(1234567.891), false);
    u += ';';
    append_ungrouped_number(u, exact(-1234.5, 1), true);
    u += ';';
    append_ungrouped_number(u, exact(5, 1), true);
    u += ';';
    append_ungrouped_number(u, exact(1e15, 0), true);
    CHECK(u == "25863;1234567,9;-1234,5;5,0;1000000000000000");
    std::string w = "x";
    append_with_unit(w, exact(1063, 0), "kr/inv", true);
    CHECK(w == "x1 063 kr/inv");
}

TEST_CASE("core format with unit, interval and JSON numbers") {
    CHECK(format_with_unit(exact(17, 0), "%", true) == "17 %");
    CHECK(format_with_unit(exact(787, 0), "kr/inv", true) == "787 kr/inv");
    CHECK(format_with_unit(exact(7.9, 1), "", true) == "7,9");
    CHECK(format_with_unit(exact(5, 1), "%", true) == "5,0 %");
    CHECK(format_with_unit(exact(1063, 0), "%", true, Space::NoBreak) == "1\u00A0063\u00A0%");
    CHECK(format_interval(exact(26, 0), exact(34, 0), "%", true, Space::Normal) == "26\u201334 %");
    CHECK(format_interval(exact(1.5, 1), exact(2, 0), "", true, Space::Normal) == "1,5\u20132");

    struct Row { double v; const char* expected; };
    const std::vector<Row> rows = {
        {10, "10"}, {0.1, "0.1"}, {-0.0, "0"}, {17.5, "17.5"}, {-3, "-3"},
        {1e21, "1e+21"}, {0.30000000000000004, "0.30000000000000004"}, {1.0 / 0.0, "null"},
    };
    for (const auto& r : rows) {
        CAPTURE(r.v);
        CHECK(format_json_number(r.v) == r.expected);
    }
}

TEST_CASE("core json writer: pretty output") {
    std::ostringstream out;
    JsonWriter w(out);
    w.begin_object();
    w.field("name", "Social- och omsorgsnämnden");
    w.field("year", 2024);
    w.field("value", 17.5);
    w.field("whole", 10.0);
    w.field("manual", false);
    w.field("decision", std::optional<std::string>{});
    w.field("note", std::optional<std::string>{"mätning"});
    w.field("escapes", std::string_view("a\"b\\c\nd\te\rf\x01g\x1fh/é"));
    w.key("empty_list");
    w.begin_array();
    w.end_array();
    w.key("empty_object");
    w.begin_object();
    w.end_object();
    w.key("values");
    w.begin_array();
    w.integer(1);
    w.begin_object();
    w.field("period", "2024");
    w.key("x");
    w.null();
    w.end_object();
    w.boolean(true);
    w.end_array();
    w.end_object();

    const std::string expected =
        "{\n"
        "  \"name\": \"Social- och omsorgsnämnden\",\n"
        "  \"year\": 2024,\n"
        "  \"value\": 17.5,\n"
        "  \"whole\": 10,\n"
        "  \"manual\": false,\n"
        "  \"decision\": null,\n"
        "  \"note\": \"mätning\",\n"
        "  \"escapes\": \"a\\\"b\\\\c\\nd\\te\\rf\\u0001g\\u001fh/é\",\n"
        "  \"empty_list\": [],\n"
        "  \"empty_object\": {},\n"
        "  \"values\": [\n"
        "    1,\n"
        "    {\n"
        "      \"period\": \"2024\",\n"
        "      \"x\": null\n"
        "    },\n"
        "    true\n"
        "  ]\n"
        "}";
    CHECK(out.str() == expected);
}

TEST_CASE("core json writer: compact output") {
    std::ostringstream out;
    JsonWriter w(out, false);
    w.begin_array();
    w.begin_object();
    w.field("id", "våldsfrågor");
    w.field("n", std::optional<double>{});
    w.field("count", std::size_t{3});
    w.end_object();
    w.begin_array();
    w.end_array();
    w.number(0.1);
    w.end_array();
    CHECK(out.str() == "[{\"id\":\"våldsfrågor\",\"n\":null,\"count\":3},[],0.1]");
}

TEST_CASE("core sha256") {
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    TempDir dir;
    const auto file = (dir.path / "bytes.bin").string();
    const std::string bytes("a\0b\r\n\xff", 6);
    std::string err;
    REQUIRE(write_file_atomic(file, bytes, err));
    CHECK(read_file_bytes(file) == bytes);
    const auto empty = (dir.path / "empty").string();
    REQUIRE(write_file_atomic(empty, "", err));
    CHECK(read_file_bytes(empty) == std::string());
    CHECK_FALSE(read_file_bytes((dir.path / "nope").string()).has_value());
}

TEST_CASE("core atomic write") {
    TempDir dir;
    const auto target = dir.path / "rapport.md";
    std::string err;

    REQUIRE(write_file_atomic(target.string(), "första\n", err));
    CHECK(err.empty());
    CHECK(slurp(target) == "första\n");
    REQUIRE(write_file_atomic(target.string(), "andra\n", err));
    CHECK(slurp(target) == "andra\n");

    // Missing directory: false, Swedish reason, nothing created.
    const auto missing = (dir.path / "saknas" / "rapport.md").string();
    CHECK_FALSE(write_file_atomic(missing, "x", err));
    CHECK(err == "kan inte skriva " + missing + ": mappen finns inte");

    // The target is a directory: rename fails, the temp file is removed.
    const auto sub = dir.path / "mapp";
    std::filesystem::create_directory(sub);
    CHECK_FALSE(write_file_atomic(sub.string(), "x", err));
    CHECK_FALSE(err.empty());

    // Only rapport.md and mapp remain: no temp files left behind.
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(dir.path)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"mapp", "rapport.md"});
    CHECK(slurp(target) == "andra\n");
}

// A write killed half-way (here by SIGXFSZ, as deterministic as a Ctrl-C
// mid-write) leaves the old file as it was and no temporary file behind.
TEST_CASE("core atomic write: a write killed half-way leaves nothing behind") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("malkoll-killed-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string target = (dir / "rapport.md").string();
    std::string why;
    REQUIRE(malkoll::write_file_atomic(target, "gammal rapport\n", why));
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        struct rlimit limit {1 << 20, 1 << 20};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        std::string why_child;
        malkoll::write_file_atomic(target, std::string(8 << 20, 'x'), why_child);
        ::_exit(0);  // not reached: the write past 1 MiB raises SIGXFSZ
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    CHECK(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGXFSZ);
    std::vector<std::string> left;
    for (const auto& e : fs::directory_iterator(dir)) left.push_back(e.path().filename().string());
    CHECK(left == std::vector<std::string>{"rapport.md"});
    CHECK(fs::file_size(target) == 15);
    fs::remove_all(dir);
}

TEST_CASE("core text: NFC and folding of decomposed letters") {
    CHECK(nfc("va\xCC\x8A" "ld") == "våld");
    CHECK(nfc("\xE2\x84\xAB") == "Å");  // ANGSTROM SIGN
    CHECK(nfc("omsorg") == "omsorg");
    CHECK(nfc("a\xFF") == "a\xFF");  // not UTF-8: as it is
    CHECK(fold_word("ma\xCC\x8Al") == "mal");
    CHECK(folds_equal("ma\xCC\x8A" "lomra\xCC\x8A" "den", "målområden"));
    CHECK_FALSE(maybe_not_nfc("målområden"));
    CHECK(maybe_not_nfc("ma\xCC\x8Al"));
}

TEST_CASE("core text: utf8 length, validity and folding") {
    CHECK(utf8_length("omsorg") == 6);
    CHECK(utf8_length("värde") == 5);
    CHECK(utf8_length("€") == 1);
    CHECK(utf8_length("a\xff" "b") == 3);
    CHECK(utf8_length("\xc3") == 1);
    CHECK(utf8_valid("Målkoll €"));
    CHECK_FALSE(utf8_valid("\xe5\xe4\xf6"));
    CHECK_FALSE(utf8_valid("\xc0\xaf"));        // overlong
    CHECK_FALSE(utf8_valid("\xed\xa0\x80"));    // surrogate
    CHECK_FALSE(utf8_valid("\xe2\x82"));        // truncated
    // The first invalid byte wherever it stands, in long ASCII runs (read
    // eight bytes at a time) and after multi-byte characters.
    for (std::size_t at = 0; at < 40; ++at) {
        for (const char* bad : {"\xff", "\xe2\x82", "\xc0\xaf"}) {
            std::string t(at, 'a');
            if (at > 20) t.replace(3, 2, "å");  // one character, two bytes: `at` stays the byte offset
            t += bad;
            t += std::string(at % 11, 'b');
            CAPTURE(at);
            CHECK(utf8_first_invalid(t) == at);
        }
        CHECK(utf8_first_invalid(std::string(at, 'a') + "ä€") == std::string::npos);
    }

    struct Row { const char* in; const char* out; };
    const std::vector<Row> rows = {
        {"Bedömd", "bedomd"}, {"bedomd", "bedomd"}, {"VÄRDE", "varde"},
        {"Föregående", "foregaende"}, {"ÅÄÖÉ åäöé", "aaoe aaoe"}, {"ÄR", "ar"}, {"Ünï", "Ünï"},
    };
    for (const auto& r : rows) {
        CAPTURE(r.in);
        CHECK(fold_word(r.in) == r.out);
    }
}

TEST_CASE("core text: edit distance and suggestions") {
    struct Row { const char* a; const char* b; std::size_t d; };
    const std::vector<Row> rows = {
        {"omsorg", "omsrog", 2}, {"värde", "varde", 1}, {"", "abc", 3},
        {"kitten", "sitting", 3}, {"åäö", "aäo", 2}, {"same", "same", 0},
    };
    for (const auto& r : rows) {
        CAPTURE(r.a);
        CAPTURE(r.b);
        CHECK(edit_distance(r.a, r.b) == r.d);
    }

    const std::vector<std::string> ids = {"omsorg", "värde", "våldsfrågor", "skola", "skolan"};
    CHECK(suggest("omsrog", ids) == std::optional<std::string>{"omsorg"});
    CHECK(suggest("varde", ids) == std::optional<std::string>{"värde"});
    CHECK(suggest("valdsfragor", ids) == std::optional<std::string>{"våldsfrågor"});
    CHECK(suggest("skol", ids) == std::optional<std::string>{"skola"});  // tie: earliest
    CHECK(suggest("Skola", ids) == std::optional<std::string>{"skola"});
    CHECK_FALSE(suggest("ekonomi", ids).has_value());
    CHECK_FALSE(suggest("omsorg", std::vector<std::string>{"omsorg"}).has_value());
    CHECK_FALSE(suggest("ab", std::vector<std::string>{"xy"}).has_value());
}

TEST_CASE("core text: windows-1252") {
    CHECK(windows1252_to_utf8("\xE5\xE4\xF6 \x80") == "åäö €");
    CHECK(windows1252_to_utf8("\xC5\xC4\xD6\xE9") == "ÅÄÖé");
    CHECK(windows1252_to_utf8("\x96\x93x\x94\x9F\xA0") == "\u2013\u201Cx\u201D\u0178\u00A0");
    CHECK(windows1252_to_utf8("\x81") == "\u0081");
    CHECK(windows1252_to_utf8("plain;text") == "plain;text");
}

TEST_CASE("core diagnostics") {
    Diagnostics ds;
    ds.warning("w", {"b.yaml", 3, 1}, "två");
    ds.error("e1", {"a.yaml", 10, 2}, "ett");
    ds.notice("n", {"a.yaml", 2, 5}, "tre");
    ds.error("e2", {"a.yaml", 10, 2}, "fyra");
    CHECK(ds.has_errors());
    CHECK(ds.error_count() == 2);
    CHECK(ds.warning_count() == 1);
    ds.sort();
    std::vector<std::string> order;
    for (const auto& d : ds.items()) order.push_back(d.code);
    CHECK(order == std::vector<std::string>{"n", "e1", "e2", "w"});

    Diagnostics more;
    more.error("x", {"c.yaml", 0, 0}, "fem");
    ds.append(more);
    CHECK(ds.error_count() == 3);
    CHECK(ds.items().size() == 5);

    CHECK(std::string(severity_word(Severity::Error)) == "fel");
    CHECK(std::string(severity_word(Severity::Warning)) == "varning");
    CHECK(std::string(severity_word(Severity::Notice)) == "obs");

    const Diagnostic plain = make_diag(Severity::Error, "rule.syntax", "regler.yaml", 4, 7, "okänt ord");
    CHECK(format_diagnostic(plain, "") == "regler.yaml:4:7: fel: okänt ord");
    const Diagnostic whole = make_diag(Severity::Notice, "data.cp1252", "data.csv", 0, 0, "läst som Windows-1252");
    CHECK(format_diagnostic(whole, "") == "data.csv: obs: läst som Windows-1252");

    // Caret counted in characters; a tab before it stays a tab.
    const Diagnostic caret = make_diag(Severity::Warning, "w", "r.yaml", 2, 8, "menade du \"värde\"?");
    CHECK(format_diagnostic(caret, "\tvärde >= 9") ==
          "r.yaml:2:8: varning: menade du \"värde\"?\n\tvärde >= 9\n\t      ^");
    const Diagnostic first = make_diag(Severity::Error, "e", "r.yaml", 1, 1, "m");
    CHECK(format_diagnostic(first, "åäö\n") == "r.yaml:1:1: fel: m\nåäö\n^");
    // What a terminal would not show (or would break on) is shown as one U+FFFD
    // each, and the caret still points at it: a Windows-1252 ä, U+2028, U+0001.
    const Diagnostic hidden = make_diag(Severity::Error, "e", "r.yaml", 3, 6, "m");
    CHECK(format_diagnostic(hidden, "n\xE4mnd\xE2\x80\xA8x\x01") == "r.yaml:3:6: fel: m\nn\uFFFDmnd\uFFFDx\uFFFD\n     ^");
    CHECK(display_line("ok\tå") == "ok\tå");
}

// Libraries loaded when first needed: a missing one, or one without the
// function asked for, is said in Swedish with the package to install.
TEST_CASE("core load_library: a missing library or function is named with its package") {
    std::string error;
    const LibraryNeed missing{"libmalkoll-finns-inte.so.9", "provet", "malkoll-prov"};
    CHECK(load_library(missing, error) == nullptr);
    CHECK(error == "biblioteket libmalkoll-finns-inte.so.9 behövs för provet men kunde inte läsas in; installera Debian-paketet malkoll-prov");
    const LibraryNeed libc{"libc.so.6", "provet", "libc6"};
    error.clear();
    void* lib = load_library(libc, error);
    REQUIRE(lib != nullptr);
    CHECK(error.empty());
    int (*abs_of)(int) = nullptr;
    CHECK(load_function(lib, libc, "abs", abs_of, error));
    REQUIRE(static_cast<bool>(abs_of));
    CHECK(abs_of(-3) == 3);
    void (*none)() = nullptr;
    CHECK_FALSE(load_function(lib, libc, "malkoll_finns_inte", none, error));
    CHECK_FALSE(static_cast<bool>(none));
    CHECK(error == "biblioteket libc.so.6 (för provet) saknar funktionen malkoll_finns_inte; installera en nyare version av Debian-paketet libc6");
}

TEST_CASE("text word_list: Swedish lists, the last word before the last item") {
    using malkoll::word_list;
    CHECK(word_list({}, " och ") == "");
    CHECK(word_list({"a"}, " och ") == "a");
    CHECK(word_list({"a", "b"}, " eller ") == "a eller b");
    CHECK(word_list({"a", "b", "c"}, " och ") == "a, b och c");
}
