// `malkoll hämta` (docs/kolada.md) against a stand-in for Kolada on
// 127.0.0.1 (cpp-httplib): it serves the saved answers of fixtures/kolada/svar/
// (Kolada's address in them replaced by its own) and, where a folder cannot
// show a case, scripted or generated answers. The tests never touch the
// internet. fixtures/kolada/README.md says which public example each answer
// follows.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include <httplib.h>

#include "engine/kolada/hamta.hpp"
#include "engine/load/rule_file.hpp"
#include "tests/cli_run.hpp"

#include <fmt/format.h>
#include "tests/file_io.hpp"

using malkoll::test::slurp;

namespace fs = std::filesystem;
using namespace malkoll;
using malkoll::test::run;

namespace {

void spit(const fs::path& p, const std::string& s) {
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << s;
}
std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
    return s;
}

struct Scripted {
    Scripted(std::string p, int s, std::string b, int t = 1, std::optional<int> r = std::nullopt)
        : prefix(std::move(p)), status(s), body(std::move(b)), times(t), retry_after(r) {}
    std::string prefix;  // of the path with its query, after the base
    int status = 200;
    std::string body;
    int times = 1;
    std::optional<int> retry_after;
};

class FakeKolada {
public:
    explicit FakeKolada(std::string dir = {}) : dir_(std::move(dir)) {
        server_.Get(R"(/v3/.*)", [this](const httplib::Request& req, httplib::Response& res) { answer(req, res); });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~FakeKolada() {
        server_.stop();
        thread_.join();
    }
    std::string base() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v3"; }
    void script(Scripted s) {
        std::lock_guard<std::mutex> lock(m_);
        scripts_.push_back(std::move(s));
    }
    // Answers made by the test from the request (path and query after /v3/), when no file or script has one.
    std::function<std::optional<std::string>(const std::string&)> generate;
    std::vector<std::string> requests() const {
        std::lock_guard<std::mutex> lock(m_);
        return requests_;
    }

private:
    void answer(const httplib::Request& req, httplib::Response& res) {
        std::string target = req.path.substr(4);  // after "/v3/"
        if (!req.params.empty()) {
            std::string query;
            for (const auto& [k, v] : req.params) query += (query.empty() ? "" : "&") + k + "=" + v;
            target += "?" + query;
        }
        std::lock_guard<std::mutex> lock(m_);
        requests_.push_back(target);
        for (auto& s : scripts_)
            if (s.times > 0 && target.rfind(s.prefix, 0) == 0) {
                --s.times;
                res.status = s.status;
                if (s.retry_after) res.set_header("Retry-After", std::to_string(*s.retry_after));
                res.set_content(s.body, "application/json");
                return;
            }
        if (!dir_.empty()) {
            std::string file = target;
            if (auto q = file.find('?'); q != std::string::npos) file[q] = '@';
            const fs::path p = fs::path(dir_) / (file + ".json");
            if (fs::exists(p)) {
                res.set_content(replace_all(slurp(p), "https://api.kolada.se/v3", base()), "application/json");
                return;
            }
        }
        if (generate)
            if (auto body = generate(target)) {
                res.set_content(replace_all(*body, "https://api.kolada.se/v3", base()), "application/json");
                return;
            }
        res.status = 404;
        res.set_content("{\"error\": \"not found\"}", "application/json");
    }

    std::string dir_;
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
    mutable std::mutex m_;
    std::vector<Scripted> scripts_;
    std::vector<std::string> requests_;
};

fs::path temp_dir(const std::string& name) {
    fs::path d = fs::temp_directory_path() / ("malkoll-kolada-" + std::to_string(::getpid()) + "-" + name);
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

const char* const kSvar = "fixtures/kolada/svar/hamta";

// The data file `malkoll hämta` writes for fixtures/kolada/hamta.yaml on 2025-03-15.
const char* const kExpected =
    "\xEF\xBB\xBF"
    "indikator;period;serie;värde;kommentar;källa\r\n"
    "missbruksvård;2020;;702 kr/inv;;Kolada N35001, hämtad 2025-03-15\r\n"
    "missbruksvård;2020;R3;i.u.;saknas i Kolada;Kolada N35001, ovägt medel för R3 (3 kommuner), hämtad 2025-03-15\r\n"
    "missbruksvård;2021;;745 kr/inv;;Kolada N35001, hämtad 2025-03-15\r\n"
    "missbruksvård;2021;R3;i.u.;saknas i Kolada;Kolada N35001, ovägt medel för R3 (3 kommuner), hämtad 2025-03-15\r\n"
    "missbruksvård;2022;;761 kr/inv;;Kolada N35001, hämtad 2025-03-15\r\n"
    "missbruksvård;2022;R3;1125 kr/inv;;Kolada N35001, ovägt medel för R3 (3 kommuner), hämtad 2025-03-15\r\n"
    "missbruksvård;2023;;787 kr/inv;;Kolada N35001, hämtad 2025-03-15\r\n"
    "missbruksvård;2023;R3;1105,5 kr/inv;medel av 2 av 3 kommuner, saknas för 1480;Kolada N35001, ovägt medel för R3 (3 kommuner), hämtad 2025-03-15\r\n"
    "missbruksvård;2024;;i.u.;publiceras 2025-08;Kolada N35001, hämtad 2025-03-15\r\n"
    "missbruksvård;2024;R3;i.u.;publiceras 2025-08;Kolada N35001, ovägt medel för R3 (3 kommuner), hämtad 2025-03-15\r\n"
    "nöjdhet;2020;;i.u.;saknas i Kolada;Kolada U23401, hämtad 2025-03-15\r\n"
    "nöjdhet;2020;kvinnor;i.u.;saknas i Kolada;Kolada U23401, hämtad 2025-03-15\r\n"
    "nöjdhet;2020;män;i.u.;saknas i Kolada;Kolada U23401, hämtad 2025-03-15\r\n"
    "nöjdhet;2021;;i.u.;saknas i Kolada;Kolada U23401, hämtad 2025-03-15\r\n"
    "nöjdhet;2021;kvinnor;i.u.;saknas i Kolada;Kolada U23401, hämtad 2025-03-15\r\n"
    "nöjdhet;2021;män;i.u.;saknas i Kolada;Kolada U23401, hämtad 2025-03-15\r\n"
    "nöjdhet;2022;;79 %;;Kolada U23401, hämtad 2025-03-15\r\n"
    "nöjdhet;2022;kvinnor;81 %;;Kolada U23401, hämtad 2025-03-15\r\n"
    "nöjdhet;2022;män;77 %;;Kolada U23401, hämtad 2025-03-15\r\n"
    "nöjdhet;2023;;80,6 %;;Kolada U23401, hämtad 2025-03-15\r\n"
    "nöjdhet;2023;kvinnor;82,5 %;;Kolada U23401, hämtad 2025-03-15\r\n"
    "nöjdhet;2023;män;78,5 %;;Kolada U23401, hämtad 2025-03-15\r\n"
    "nöjdhet;2024;;81,7 %;;Kolada U23401, hämtad 2025-03-15\r\n"
    "nöjdhet;2024;kvinnor;84 %;;Kolada U23401, hämtad 2025-03-15\r\n"
    "nöjdhet;2024;män;79 %;;Kolada U23401, hämtad 2025-03-15\r\n";

struct Fetched {
    HamtaResult r;
    Diagnostics diags;
    std::vector<int> waits;
};

Fetched fetch(const std::string& rules, Transport& t, const std::string& base, HamtaOptions o = {}) {
    Fetched f;
    SourceSet sources;
    RuleFile file = load_rule_file(rules, sources, f.diags);
    REQUIRE_FALSE(f.diags.has_errors());
    o.base_url = base;
    if (o.date.empty()) o.date = "2025-03-15";
    o.wait = [&](int ms) { f.waits.push_back(ms); };
    f.r = hamta(file, o, t, f.diags);
    return f;
}

}  // namespace

TEST_CASE("kolada: three pages, a group mean with a member missing, kön, a null with its publication, a deleted row") {
    FakeKolada kolada(kSvar);
    auto t = curl_transport();
    Fetched f = fetch("fixtures/kolada/hamta.yaml", *t, kolada.base());
    REQUIRE_MESSAGE(f.r.ok, f.r.error);
    CHECK(f.r.csv == kExpected);
    // The metadata once, then the three pages of the one data request (two KPIs, four municipalities, five years).
    const std::vector<std::string> want = {
        "kpi/N35001,U23401",
        "data/kpi/N35001,U23401/municipality/0580,0180,1480,1280/year/2020,2021,2022,2023,2024",
        "data/kpi/N35001,U23401/municipality/0580,0180,1480,1280/year/2020,2021,2022,2023,2024?page=2",
        "data/kpi/N35001,U23401/municipality/0580,0180,1480,1280/year/2020,2021,2022,2023,2024?page=3",
    };
    CHECK(kolada.requests() == want);
    CHECK(f.r.requests == 4);
    CHECK(f.r.rows == 25);
    CHECK(f.waits.empty());
}

TEST_CASE("kolada: a 429 is retried after a growing wait, then the answer is used") {
    FakeKolada kolada(kSvar);
    kolada.script({"data/", 429, "{}", 2});
    auto t = curl_transport();
    Fetched f = fetch("fixtures/kolada/hamta.yaml", *t, kolada.base());
    REQUIRE_MESSAGE(f.r.ok, f.r.error);
    CHECK(f.r.csv == kExpected);
    CHECK(f.waits == std::vector<int>{1000, 2000});
    // With Retry-After, Kolada's own wait (at most a minute).
    FakeKolada later(kSvar);
    later.script({"data/", 429, "{}", 1, 3});
    Fetched g = fetch("fixtures/kolada/hamta.yaml", *t, later.base());
    REQUIRE(g.r.ok);
    CHECK(g.waits == std::vector<int>{3000});
    // Bounded: after the last retry it is an error naming the URL.
    FakeKolada never(kSvar);
    never.script({"data/", 429, "{}", 100});
    HamtaOptions o;
    o.retries = 2;
    Fetched h = fetch("fixtures/kolada/hamta.yaml", *t, never.base(), o);
    CHECK_FALSE(h.r.ok);
    CHECK(h.r.error == "Kolada begränsar antalet anrop och svarade 429 även efter 2 nya försök på " + never.base() +
                           "/data/kpi/N35001,U23401/municipality/0580,0180,1480,1280/year/2020,2021,2022,2023,2024");
    CHECK(h.waits == std::vector<int>{1000, 2000});
}

TEST_CASE("kolada: 30 KPI ids go in two requests of at most 25") {
    const fs::path dir = temp_dir("trettio");
    std::string yaml =
        "malkoll: 1\nnämnd: T\når: 2024\nkommun: \"0580\"\nmålområden:\n  - namn: A\n    kommunmål:\n      - namn: B\n"
        "        nämndmål:\n          - id: m\n            namn: M\n            indikatorer:\n";
    for (int k = 1; k <= 30; ++k)
        yaml += fmt::format("              - {{id: i{0}, namn: I{0}, riktning: öka, kolada: N1{0:04}}}\n", k);
    spit(dir / "regler.yaml", yaml);
    FakeKolada kolada;
    // Metadata and one value per KPI in 2024, made from the ids asked for.
    kolada.generate = [](const std::string& target) -> std::optional<std::string> {
        auto ids_after = [&](const std::string& prefix) {
            std::vector<std::string> ids;
            std::string list = target.substr(prefix.size(), target.find('/', prefix.size()) - prefix.size());
            for (std::size_t s = 0; s <= list.size();) {
                std::size_t e = list.find(',', s);
                if (e == std::string::npos) e = list.size();
                ids.push_back(list.substr(s, e - s));
                s = e + 1;
            }
            return ids;
        };
        std::string rows;
        if (target.rfind("kpi/", 0) == 0) {
            for (const auto& id : ids_after("kpi/")) {
                if (!rows.empty()) rows += ',';
                rows += fmt::format("{{\"id\": \"{}\", \"is_divided_by_gender\": false, \"publication_date\": null, \"publ_period\": null}}", id);
            }
        } else if (target.rfind("data/kpi/", 0) == 0) {
            for (const auto& id : ids_after("data/kpi/")) {
                if (!rows.empty()) rows += ',';
                rows += fmt::format("{{\"kpi\": \"{}\", \"municipality\": \"0580\", \"period\": 2024, \"values\": [{{\"gender\": \"T\", \"count\": 1, \"status\": \"\", \"value\": {}}}]}}",
                                    id, std::stoi(id.substr(1)) - 10000);
            }
        } else {
            return std::nullopt;
        }
        return "{\"values\": [" + rows + "], \"next_url\": null}";
    };
    auto t = curl_transport();
    Fetched f = fetch((dir / "regler.yaml").string(), *t, kolada.base());
    REQUIRE_MESSAGE(f.r.ok, f.r.error);
    std::vector<std::string> data;
    for (const auto& r : kolada.requests())
        if (r.rfind("data/", 0) == 0) data.push_back(r);
    REQUIRE(data.size() == 2);
    CHECK(std::count(data[0].begin(), data[0].end(), ',') == 24 + 4);  // 25 KPIs, then five years
    CHECK(std::count(data[1].begin(), data[1].end(), ',') == 4 + 4);   // 5 KPIs
    CHECK(f.r.requests == 4);  // and two metadata requests
    CHECK(f.r.csv.find("i30;2024;;30;;Kolada N10030, hämtad 2025-03-15\r\n") != std::string::npos);
    CHECK(f.r.csv.find("i1;2023;;i.u.;saknas i Kolada;") != std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("kolada: a 500, malformed JSON, no answer or a foreign next page write nothing and name the URL") {
    const fs::path dir = temp_dir("fel");
    const fs::path out = dir / "kolada.csv";
    struct Case {
        Scripted answer;
        std::string error;  // after "malkoll: fel: ", with {} for the base
    };
    const std::string data = "/data/kpi/N35001,U23401/municipality/0580,0180,1480,1280/year/2020,2021,2022,2023,2024";
    const Case cases[] = {
        {{"data/", 500, "{\"error\": \"internal\"}"}, "Kolada svarade 500 på {}" + data},
        {{"data/", 200, "{\"values\": [{\"kpi\": \"N35001\", "}, "Kolada svarade med ogiltig JSON (vid byte 31) på {}" + data},
        {{"kpi/", 200, "<html>Underhåll</html>"}, "Kolada svarade med ogiltig JSON (vid byte 1) på {}/kpi/N35001,U23401"},
        {{"data/", 200, "{\"values\": [{\"kpi\": \"N35001\"}], \"next_url\": null}"},
         "Kolada svarade med en rad utan kpi, municipality, period eller values på {}" + data},
        {{"data/", 200, "{\"values\": [{\"kpi\": \"N35001\", \"municipality\": \"0580\", \"period\": 2024, \"values\": []}], \"next_url\": \"https://annan.example/v3/x\"}"},
         "Kolada pekade nästa sida till https://annan.example/v3/x, som inte ligger under {} (efter {}" + data + ")"},
        {{"kpi/", 200, "{\"values\": [], \"next_url\": null}"}, "Kolada känner inte till N35001 ({}/kpi/N35001 gav inget nyckeltal); rätta kolada: i regelfilen"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.answer.body);
        FakeKolada kolada(kSvar);
        kolada.script(c.answer);
        spit(out, "det som fanns förut\n");
        auto r = run({"hämta", "fixtures/kolada/hamta.yaml", "-o", out.string(), "--kolada-url", kolada.base(), "--datum", "2025-03-15"});
        CHECK(r.exit == 1);
        CHECK(r.err == "malkoll: fel: " + replace_all(c.error, "{}", kolada.base()) + "; ingen fil skrevs\n");
        CHECK(slurp(out) == "det som fanns förut\n");
    }
    // Nobody answering at all.
    std::string base;
    {
        FakeKolada gone;
        base = gone.base();
    }  // stopped: nobody listens on its port now
    auto r = run({"hämta", "fixtures/kolada/hamta.yaml", "-o", out.string(), "--kolada-url", base, "--datum", "2025-03-15"});
    CHECK(r.exit == 1);
    CHECK(r.err == "malkoll: fel: Kolada kunde inte nås: ingen svarar på " + base + "/kpi/N35001,U23401; ingen fil skrevs\n");
    CHECK(slurp(out) == "det som fanns förut\n");
    fs::remove_all(dir);
}

TEST_CASE("kolada: saved answers give the same file without a network, byte for byte") {
    const fs::path dir = temp_dir("spara");
    FakeKolada kolada(kSvar);
    auto first = run({"hämta", "fixtures/kolada/hamta.yaml", "-o", (dir / "a.csv").string(), "--kolada-url", kolada.base(), "--datum",
                      "2025-03-15", "--spara-katalog", (dir / "svar").string()});
    REQUIRE_MESSAGE(first.exit == 0, first.err);
    CHECK(first.out == "Hämtade 25 rader för 2 indikatorer i 4 anrop till Kolada.\n");
    CHECK(slurp(dir / "a.csv") == kExpected);
    CHECK(fs::exists(dir / "svar/data/kpi/N35001,U23401/municipality/0580,0180,1480,1280/year/2020,2021,2022,2023,2024@page=3.json"));
    // Offline, from what was saved (the answers name the stand-in's address, so it is given too).
    auto again = run({"hamta", "fixtures/kolada/hamta.yaml", "-o", (dir / "b.csv").string(), "--fran-katalog", (dir / "svar").string(),
                      "--kolada-url", kolada.base(), "--datum", "2025-03-15"});
    REQUIRE_MESSAGE(again.exit == 0, again.err);
    CHECK(slurp(dir / "b.csv") == kExpected);
    // The bundled saved answers, with Kolada's own address.
    auto bundled = run({"hämta", "fixtures/kolada/hamta.yaml", "--från-katalog", kSvar, "--datum", "2025-03-15"});
    REQUIRE_MESSAGE(bundled.exit == 0, bundled.err);
    CHECK(bundled.out == kExpected);
    CHECK(bundled.err == "Hämtade 25 rader för 2 indikatorer i 4 anrop till Kolada (sparade svar i fixtures/kolada/svar/hamta).\n");
    // A saved answer that is not there is an error naming it.
    auto missing = run({"hämta", "fixtures/kolada/hamta.yaml", "--från-katalog", (dir / "tom").string(), "--datum", "2025-03-15"});
    CHECK(missing.exit == 1);
    CHECK(missing.err == "malkoll: fel: det sparade svaret " + (dir / "tom").string() +
                             "/kpi/N35001,U23401.json finns inte (svaret på https://api.kolada.se/v3/kpi/N35001,U23401); ingen fil skrevs\n");
    fs::remove_all(dir);
}

TEST_CASE("kolada: hämta, then assess on the file it wrote") {
    const fs::path dir = temp_dir("e2e");
    const fs::path csv = dir / "kolada.csv";
    auto h = run({"hämta", "fixtures/kolada/hamta.yaml", "-o", csv.string(), "--från-katalog", kSvar, "--datum", "2025-03-15"});
    REQUIRE_MESSAGE(h.exit == 0, h.err);
    auto check = run({"check", "fixtures/kolada/hamta.yaml", "--data", csv.string()});
    CHECK(check.exit == 0);
    CHECK(check.out == "Inga fel.\n");
    auto a = run({"assess", "fixtures/kolada/hamta.yaml", "--data", csv.string()});
    REQUIRE_MESSAGE(a.exit == 0, a.err);
    CHECK(a.out.find("- *Kostnad för missbruksvård* — Ej bedömd: värdet för 2024 publiceras i augusti 2025.") != std::string::npos);
    CHECK(a.out.find("- *Andel nöjda brukare* — Uppfyllt: 81,7 % (2024) ≥ målvärdet 80 %.") != std::string::npos);
    // The table shows the group mean and its note, kön as sub-rows; the footnote names the source.
    CHECK(a.out.find("| ↳ R3 | i.u. (saknas i Kolada) | i.u. (saknas i Kolada) | 1 125 kr/inv | 1 105,5 kr/inv (medel av 2 av 3 kommuner, saknas för 1480) | "
                     "i.u. (publiceras 2025-08) |") != std::string::npos);
    CHECK(a.out.find("| ↳ kvinnor |") != std::string::npos);
    // explain points at the data file's lines.
    auto e = run({"explain", "fixtures/kolada/hamta.yaml", "nöjdhet", "--data", csv.string()});
    REQUIRE(e.exit == 0);
    CHECK(e.out.find("81,7 % (2024) · " + csv.string() + ":24 · källa: Kolada U23401, hämtad 2025-03-15") != std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("kolada: a Kolada group's own mean, and how many members it rests on") {
    const fs::path dir = temp_dir("grupp");
    spit(dir / "regler.yaml",
         "malkoll: 1\nnämnd: T\når: 2024\nkommun: \"0580\"\njämförelsegrupper:\n  Storstäder: G92787\nmålområden:\n  - namn: A\n"
         "    kommunmål:\n      - namn: B\n        nämndmål:\n          - id: m\n            namn: M\n            indikatorer:\n"
         "              - {id: k, namn: K, riktning: minska, jämförelse: Storstäder, kolada: N35001}\n");
    FakeKolada kolada;
    kolada.script({"kpi/N35001", 200, R"({"values": [{"id": "N35001", "is_divided_by_gender": false, "publication_date": "2025-08-28", "publ_period": "2024"}], "next_url": null})"});
    kolada.script({"municipality_groups/G92787", 200,
                   R"j({"values": [{"id": "G92787", "title": "Storstäder (ovägt medel)", "members": [{"member_id": "0180", "member_title": "Stockholm"}, {"member_id": "1280", "member_title": "Malmö"}, {"member_id": "1480", "member_title": "Göteborg"}]}], "next_url": null})j"});
    kolada.script({"data/", 200,
                   R"({"values": [{"kpi": "N35001", "municipality": "0580", "period": 2023, "values": [{"gender": "T", "count": 1, "status": "", "value": 787}]},
                                  {"kpi": "N35001", "municipality": "G92787", "period": 2022, "values": [{"gender": "T", "count": 3, "status": "", "value": 1125}]},
                                  {"kpi": "N35001", "municipality": "G92787", "period": 2023, "values": [{"gender": "T", "count": 2, "status": "", "value": 1105.5}]}],
                       "next_url": null})"});
    auto t = curl_transport();
    HamtaOptions o;
    o.first_year = 2022;
    o.last_year = 2024;
    Fetched f = fetch((dir / "regler.yaml").string(), *t, kolada.base(), o);
    REQUIRE_MESSAGE(f.r.ok, f.r.error);
    CHECK(kolada.requests() == std::vector<std::string>{"kpi/N35001", "municipality_groups/G92787", "data/kpi/N35001/municipality/0580,G92787/year/2022,2023,2024"});
    CHECK(f.r.csv.find("k;2022;Storstäder;1125;;Kolada N35001, gruppen G92787 (ovägt medel), hämtad 2025-03-15\r\n") != std::string::npos);
    CHECK(f.r.csv.find("k;2023;Storstäder;1105,5;medel av 2 av 3 kommuner;Kolada N35001, gruppen G92787 (ovägt medel), hämtad 2025-03-15\r\n") != std::string::npos);
    CHECK(f.r.csv.find("k;2024;Storstäder;i.u.;publiceras 2025-08;") != std::string::npos);
    CHECK(f.r.csv.find("k;2022;;i.u.;saknas i Kolada;") != std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("kolada: the rule file's problems are named at their place") {
    const fs::path dir = temp_dir("regler");
    auto file = [&](const std::string& head, const std::string& indicator) {
        spit(dir / "r.yaml", "malkoll: 1\nnämnd: T\når: 2024\n" + head +
                                 "målområden:\n  - namn: A\n    kommunmål:\n      - namn: B\n        nämndmål:\n          - id: m\n"
                                 "            namn: M\n            indikatorer:\n              - " + indicator + "\n");
        return (dir / "r.yaml").string();
    };
    const std::string path = file("", "{id: k, namn: K, riktning: öka, kolada: N35001}");
    auto r = run({"hämta", path, "--från-katalog", kSvar});
    CHECK(r.exit == 1);
    CHECK(r.err.find(path + ": fel: malkoll hämta behöver kommunens Kolada-id; skriv t.ex. kommun: \"0580\" i filens huvud") != std::string::npos);

    file("kommun: \"0580\"\n", "{id: k, namn: K, riktning: öka}");
    r = run({"hämta", path, "--från-katalog", kSvar});
    CHECK(r.exit == 1);
    CHECK(r.err.find("fel: ingen indikator har ett Kolada-id") != std::string::npos);

    file("kommun: 580\n", "{id: k, namn: K, riktning: öka, kolada: N35001}");
    r = run({"check", path});
    CHECK(r.err.find(path + ":4:9: fel: '580' är inget kommun-id; skriv kommunens fyrsiffriga kod inom citattecken, t.ex. kommun: \"0580\"") !=
          std::string::npos);

    file("kommun: \"0580\"\njämförelsegrupper:\n  R9: [\"0180\", \"148\"]\n", "{id: k, namn: K, riktning: öka, kolada: N3500}");
    r = run({"check", path});
    CHECK(r.err.find(path + ":6:16: fel: '148' är inget kommun-id") != std::string::npos);
    CHECK(r.err.find(path + ":15:57: varning: 'N3500' ser inte ut som ett Kolada-id (N eller U och fem siffror, t.ex. N35001); "
                            "malkoll hämta hoppar över indikatorn") != std::string::npos);

    file("kommun: \"0580\"\njämförelsegrupper:\n  R9: [\"0180\", \"1480\"]\n",
         "{id: k, namn: K, riktning: öka, kolada: N35001, jämförelse: R8}");
    FakeKolada kolada;
    kolada.script({"kpi/", 200, R"({"values": [{"id": "N35001"}], "next_url": null})"});
    kolada.script({"data/", 200, R"({"values": [], "next_url": null})"});
    r = run({"hämta", path, "--kolada-url", kolada.base(), "--datum", "2025-03-15"});
    CHECK(r.exit == 0);
    CHECK(r.err.find(path + ":15:77: varning: jämförelsegruppen 'R8' finns inte under jämförelsegrupper:, så dess värden hämtas inte; "
                            "skriv t.ex. R8: [\"0180\", \"1480\"] eller ett Kolada-gruppid; menade du 'R9'?") != std::string::npos);
    CHECK(r.out.find("k;2024;;i.u.;saknas i Kolada;Kolada N35001, hämtad 2025-03-15\r\n") != std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("kolada: where a saved answer lies") {
    struct Row { const char* url; const char* path; };
    const Row rows[] = {
        {"https://api.kolada.se/v3/kpi/N35001", "kpi/N35001.json"},
        {"https://api.kolada.se/v3/data/kpi/N1,N2/municipality/0580/year/2024?page=2&per_page=5000",
         "data/kpi/N1,N2/municipality/0580/year/2024@page=2&per_page=5000.json"},
        {"https://api.kolada.se/v3/../etc/passwd", nullptr},
        {"https://api.kolada.se/v3/kpi/.hidden", nullptr},
        {"https://api.kolada.se/v3", nullptr},
        {"https://api.kolada.se/v3/kpi/", nullptr},
        {"https://annan.example/v3/kpi/N1", nullptr},
        {"https://api.kolada.se/v3x/kpi/N1", nullptr},
    };
    for (const Row& r : rows) {
        CAPTURE(r.url);
        const auto p = saved_answer_path("https://api.kolada.se/v3/", r.url);
        if (r.path) CHECK(p == std::optional<std::string>(r.path));
        else CHECK_FALSE(p.has_value());
    }
}

// The example of docs/kolada.md: the data file in the project is what
// `hämta` writes from the saved answers beside it.
TEST_CASE("kolada: the example's data file is what hämta writes") {
    auto r = run({"hämta", "fixtures/kolada/ekonomi-2024.yaml", "--år", "2022-2024", "--från-katalog", "fixtures/kolada/svar/ekonomi-2024",
                  "--datum", "2025-03-15"});
    REQUIRE_MESSAGE(r.exit == 0, r.err);
    CHECK(r.out == slurp("fixtures/kolada/kolada-2024.csv"));
    // The values the report typed are what the file gives.
    CHECK(r.out.find("kostnad-öppna-insatser-barn;2023;;1368 kr/inv;;Kolada N33009, hämtad 2025-03-15\r\n") != std::string::npos);
    auto c = run({"check", "fixtures/kolada/ekonomi-2024.yaml"});
    CHECK(c.exit == 0);
    // The ASCII spellings of the command and its flags, and an en dash between the years.
    auto ascii = run({"hamta", "fixtures/kolada/ekonomi-2024.yaml", "--ar", "2022\u20132024", "--fran-katalog=fixtures/kolada/svar/ekonomi-2024",
                      "--datum", "2025-03-15"});
    REQUIRE_MESSAGE(ascii.exit == 0, ascii.err);
    CHECK(ascii.out == r.out);
}
