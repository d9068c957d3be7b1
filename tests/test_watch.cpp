// --bevaka (docs/bevaka.md): the loop driven by a script, the inotify source on
// a temporary folder changed by the test itself, and the program in the
// background stopped by SIGINT and SIGTERM. Every wait has a time limit, so a
// broken watcher fails the test instead of hanging it.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <regex>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine/cli/pipeline.hpp"
#include "engine/cli/watch.hpp"
#include "tests/cli_run.hpp"
#include "tests/temp_dir.hpp"
#include "tests/file_io.hpp"

using malkoll::test::slurp;
using malkoll::test::spit;

using malkoll::test::TempDir;

namespace fs = std::filesystem;
using namespace malkoll;
using namespace std::chrono_literals;

namespace {

// As an editor like vim or VS Code saves: a new file renamed over the old one.
void save_by_rename(const fs::path& p, const std::string& s) {
    const fs::path tmp = p.parent_path() / ("." + p.filename().string() + ".swp");
    spit(tmp, s);
    fs::rename(tmp, p);
}


std::string rule_text(const std::string& data_files) {
    return "malkoll: 1\n"
           "nämnd: Testnämnden\n"
           "år: 2024\n"
           "utfall: [" + data_files + "]\n"
           "målområden:\n"
           "  - namn: Samhälle\n"
           "    kommunmål:\n"
           "      - namn: Ett tryggt Linköping\n"
           "        nämndmål:\n"
           "          - id: våld\n"
           "            namn: En socialtjänst som tidigt upptäcker våld\n"
           "            indikatorer:\n"
           "              - id: våldsfrågor\n"
           "                namn: Andel som fått frågor om våld\n"
           "                enhet: \"%\"\n"
           "                riktning: öka\n"
           "                mål: \"minst 15 %\"\n"
           "              - id: hyresavtal\n"
           "                namn: Andel som fått hyresavtal\n"
           "                enhet: \"%\"\n"
           "                riktning: öka\n"
           "                mål: \"minst 50 %\"\n";
}
const char* const kHeader = "indikator;period;serie;värde;kommentar;källa\n";
std::string data_text(const std::string& indicator, const std::string& value) {
    return kHeader + indicator + ";2024;;" + value + ";;\n";
}

// One run of `check` on the rule file, as the command does it.
WatchRun check_run(const std::string& rule) {
    Loaded l;
    load(l, rule, {});
    WatchRun run;
    add_watched_inputs(run.inputs, l, rule, {});
    run.errors = l.diags.error_count();
    run.warnings = l.diags.warning_count();
    run.code = run.errors ? 1 : 0;
    run.status = check_status(run);
    return run;
}

bool watches(const std::vector<std::string>& set, const fs::path& p) {
    return std::find(set.begin(), set.end(), p.lexically_normal().generic_string()) != set.end();
}

// Changes made by the script between runs, then Stop.
class ScriptedSource : public EventSource {
public:
    std::vector<std::function<void()>> changes;
    std::vector<std::vector<std::string>> watched;
    bool fail_watch = false;

    bool watch(const std::vector<std::string>& files, std::string& error) override {
        watched.push_back(files);
        if (fail_watch) error = "kan inte bevaka /x: saknar behörighet att läsa mappen";
        return !fail_watch;
    }
    WatchEvent next(std::chrono::milliseconds, std::string&) override {
        if (done == changes.size()) return WatchEvent::Stop;
        changes[done++]();
        return WatchEvent::Changed;
    }

private:
    std::size_t done = 0;
};

}  // namespace

TEST_CASE("bevaka: the status line says what the run's closing line would, in Swedish") {
    WatchRun run;
    CHECK(check_status(run) == "kontrollerat: inga fel");
    run.errors = 3, run.warnings = 1, run.code = 1;
    CHECK(check_status(run) == "3 fel, 1 varning");
    run.errors = 0, run.warnings = 2, run.code = 0;
    CHECK(check_status(run) == "0 fel, 2 varningar");
    CHECK(assess_status(run, "rapport.html", false) == "rapport.html skriven (2 varningar)");
    run.warnings = 0;
    CHECK(assess_status(run, "rapport.html", true) == "rapport.html skriven");
    run.errors = 2, run.code = 1;
    CHECK(assess_status(run, "rapport.html", true) == "2 fel; rapporten lämnades orörd");
    CHECK(assess_status(run, "rapport.html", false) == "2 fel; ingen rapport skrevs");
    run.errors = 0;  // the write failed, or -o names an input (said by the run)
    CHECK(assess_status(run, "rapport.html", true) == "rapport.html skrevs inte (se ovan)");
    run.code = 2;
    CHECK(check_status(run) == "fel användning (se ovan)");
    CHECK(assess_status(run, "rapport.html", true) == "fel användning (se ovan); rapporten lämnades orörd");
    run = WatchRun{};
    run.errors = 12345, run.code = 1;
    CHECK(check_status(run) == "12 345 fel");
}

TEST_CASE("bevaka: the loop re-runs on every change and watches what utfall names after each run") {
    TempDir dir("script");
    const fs::path rule = dir.path / "regel.yaml", a = dir.path / "a.csv", b = dir.path / "b.csv";
    spit(rule, rule_text("a.csv"));
    spit(a, data_text("våldsfrågor", "17 %"));

    ScriptedSource events;
    events.changes = {
        [&] { spit(a, data_text("våldsfrågor", "sjutton")); },  // an error in the data
        [&] { spit(rule, rule_text("a.csv, b.csv")); },          // a data file that is not there yet
        [&] {
            spit(a, data_text("våldsfrågor", "17 %"));
            spit(b, data_text("hyresavtal", "55 %"));
        },
        [&] { spit(rule, rule_text("b.csv")); },  // a.csv dropped
    };
    WatchOptions options;
    options.clock = [] { return std::string("12:03:41"); };
    std::ostringstream status;
    int runs = 0;
    const int code = watch_loop(options, {rule.string()}, [&] { ++runs; return check_run(rule.string()); }, events, status);
    CHECK(code == 0);  // Stop, whatever the last run found
    CHECK(runs == 5);
    CHECK(status.str() ==
          "12:03:41 kontrollerat: inga fel\n"
          "12:03:41 1 fel\n"
          "12:03:41 2 fel\n"
          "12:03:41 kontrollerat: inga fel\n"
          "12:03:41 kontrollerat: inga fel\n");
    // Watched before the first run, then after each.
    REQUIRE(events.watched.size() == 6);
    CHECK(events.watched[0] == std::vector<std::string>{rule.string()});
    CHECK(watches(events.watched[1], a));
    CHECK_FALSE(watches(events.watched[2], b));
    CHECK(watches(events.watched[3], b));  // named under utfall: but missing, so watched for its creation
    CHECK(watches(events.watched[5], b));
    CHECK_FALSE(watches(events.watched[5], a));
    CHECK(watches(events.watched[5], rule));
}

TEST_CASE("bevaka: a roll-up watches every nämnd's file and the data files under their utfall, also missing ones") {
    TempDir dir("rollup");
    const fs::path src = fs::path(MALKOLL_SOURCE_DIR) / "fixtures" / "sammanställning";
    fs::copy_file(src / "kommun.yaml", dir.path / "kommun.yaml");
    fs::create_directory(dir.path / "nämnder");
    fs::copy_file(src / "nämnder" / "bun.yaml", dir.path / "nämnder" / "bun.yaml");
    std::string son = slurp(src / "nämnder" / "son.yaml");
    son.replace(son.find("rapport: helår\n"), 15, "rapport: helår\nutfall: [data/son.csv]\n");
    spit(dir.path / "nämnder" / "son.yaml", son);
    const std::string rule = (dir.path / "kommun.yaml").string();
    Loaded l;
    load(l, rule, {});
    std::vector<std::string> inputs;
    add_watched_inputs(inputs, l, rule, {});
    CHECK(inputs == std::vector<std::string>{rule, (dir.path / "nämnder" / "son.yaml").generic_string(),
                                             (dir.path / "nämnder" / "bun.yaml").generic_string(),
                                             (dir.path / "nämnder" / "data" / "son.csv").generic_string()});

    // A nämnd file that is missing is watched for, as a data file is.
    const std::string broken = "fixtures/sammanställning/fel-sammanställning.yaml";
    Loaded f;
    load(f, broken, {});
    inputs.clear();
    add_watched_inputs(inputs, f, broken, {});
    CHECK(watches(inputs, "fixtures/sammanställning/nämnder/finns-inte.yaml"));
    CHECK(watches(inputs, "fixtures/sammanställning/nämnder/son.yaml"));
}

TEST_CASE("bevaka: a bound on runs, a usage error on the first run and a watch that fails") {
    TempDir dir("bound");
    const fs::path rule = dir.path / "regel.yaml";
    spit(rule, rule_text("a.csv"));  // a.csv missing: 1 fel
    WatchOptions options;
    options.clock = [] { return std::string("08:00:00"); };
    options.max_runs = 2;
    ScriptedSource events;
    events.changes = {[] {}, [] {}, [] {}};
    std::ostringstream status;
    int runs = 0;
    // After max_runs runs: the last run's code.
    CHECK(watch_loop(options, {rule.string()}, [&] { ++runs; return check_run(rule.string()); }, events, status) == 1);
    CHECK(runs == 2);
    CHECK(status.str() == "08:00:00 1 fel\n08:00:00 1 fel\n");

    // The command line does not fit the file: exit 2 at once, no status line.
    std::ostringstream usage;
    ScriptedSource more;
    more.changes = {[] {}};
    CHECK(watch_loop(options, {rule.string()}, [] { WatchRun r; r.code = 2; return r; }, more, usage) == 2);
    CHECK(usage.str().empty());

    ScriptedSource failing;
    failing.fail_watch = true;
    std::ostringstream failed;
    runs = 0;
    CHECK(watch_loop(options, {rule.string()}, [&] { ++runs; return check_run(rule.string()); }, failing, failed) == 1);
    CHECK(runs == 0);
    CHECK(failed.str() == "malkoll: fel: kan inte bevaka /x: saknar behörighet att läsa mappen\n");
}

namespace {

// Runs watch_loop with real inotify on its own thread (the source blocks
// SIGINT and SIGTERM on the thread that owns it); the test waits for each run
// with a time limit and stops the loop if one does not come.
struct InotifyLoop {
    std::mutex m;
    std::condition_variable cv;
    std::vector<WatchRun> runs;
    InotifyEventSource* source = nullptr;
    bool ended = false;
    int code = -1;
    std::string status;
    std::thread thread;

    InotifyLoop(const fs::path& rule, std::size_t max_runs) {
        thread = std::thread([this, rule, max_runs] {
            InotifyEventSource events;
            std::string error;
            WatchOptions options;
            options.max_runs = max_runs;
            std::ostringstream out;
            int result = 1;
            {
                std::lock_guard lock(m);
                if (events.ready(error)) source = &events;
            }
            cv.notify_all();
            if (error.empty()) {
                result = watch_loop(options, {rule.string()}, [&] {
                    WatchRun run = check_run(rule.string());
                    {
                        std::lock_guard lock(m);
                        runs.push_back(run);
                    }
                    cv.notify_all();
                    return run;
                }, events, out);
            }
            std::lock_guard lock(m);
            source = nullptr;
            ended = true;
            code = result;
            status = error.empty() ? out.str() : error;
            cv.notify_all();
        });
    }
    // A test that failed half-way stops the loop at once.
    ~InotifyLoop() {
        {
            std::lock_guard lock(m);
            if (!ended && source) source->stop();
        }
        if (thread.joinable()) thread.join();
    }

    // Waits (at most 10 s) until `n` runs are done; a copy of the last.
    bool wait_runs(std::size_t n, WatchRun& last) {
        std::unique_lock lock(m);
        const bool ok = cv.wait_for(lock, 10s, [&] { return runs.size() >= n || ended; }) && runs.size() >= n;
        if (!runs.empty()) last = runs.back();
        return ok;
    }
    std::size_t count() {
        std::lock_guard lock(m);
        return runs.size();
    }
    // Waits (at most 10 s) for the loop to return; stops it if it does not.
    bool end() {
        std::unique_lock lock(m);
        const bool returned = cv.wait_for(lock, 10s, [&] { return ended; });
        if (!returned && source) source->stop();
        lock.unlock();
        if (thread.joinable()) thread.join();
        return returned;
    }
};

}  // namespace

TEST_CASE("bevaka: inotify sees writes, renames over, a new data file under utfall, deletes and recreations") {
    TempDir dir("inotify");
    const fs::path rule = dir.path / "regel.yaml", a = dir.path / "a.csv", b = dir.path / "b.csv";
    spit(rule, rule_text("a.csv"));
    spit(a, data_text("våldsfrågor", "17 %"));
    InotifyLoop loop(rule, 9);
    WatchRun last;
    std::size_t n = 0;
    auto step = [&](const char* what, const std::function<void()>& change, std::size_t errors) {
        CAPTURE(what);
        if (change) change();
        const bool ran = loop.wait_runs(++n, last);
        REQUIRE_MESSAGE(ran, "no run after the change");
        CHECK(last.errors == errors);
    };
    step("the first run", nullptr, 0);
    step("truncate and write in place", [&] { spit(a, data_text("våldsfrågor", "sjutton")); }, 1);
    step("rename a new file over it", [&] { save_by_rename(a, data_text("våldsfrågor", "18 %")); }, 0);
    // A burst of saves is one run.
    step("five saves at once", [&] {
        for (const char* v : {"1 %", "x", "3 %", "y", "19 %"}) spit(a, data_text("våldsfrågor", v));
    }, 0);
    // Other files in the folder, and the runs' own reads, start no run.
    spit(dir.path / "anteckningar.txt", "inte en indata\n");
    std::this_thread::sleep_for(600ms);
    CHECK(loop.count() == n);
    step("utfall names a file not yet there", [&] { save_by_rename(rule, rule_text("a.csv, b.csv")); }, 1);
    step("the new data file is created", [&] { spit(b, data_text("hyresavtal", "55 %")); }, 0);
    CHECK(watches(last.inputs, b));
    step("the new data file is watched", [&] { spit(b, data_text("hyresavtal", "femtiofem")); }, 1);
    step("deleted", [&] { fs::remove(b); }, 1);
    step("recreated", [&] { spit(b, data_text("hyresavtal", "56 %")); }, 0);
    CHECK(loop.end());
    CHECK(loop.code == 0);  // the ninth run, the bound, found no errors
    CHECK(loop.count() == 9);
    // One status line per run, each with the time.
    const std::regex line("[0-2][0-9]:[0-5][0-9]:[0-6][0-9] (kontrollerat: inga fel|1 fel)");
    std::istringstream lines(loop.status);
    int count = 0;
    for (std::string l; std::getline(lines, l); ++count) CHECK_MESSAGE(std::regex_match(l, line), l);
    CHECK(count == 9);
}

TEST_CASE("bevaka: a folder on the path that does not exist yet is watched for") {
    TempDir dir("folder");
    const fs::path rule = dir.path / "regel.yaml", data = dir.path / "data" / "a.csv";
    spit(rule, rule_text("data/a.csv"));
    InotifyLoop loop(rule, 3);
    WatchRun last;
    REQUIRE(loop.wait_runs(1, last));
    CHECK(last.errors == 1);  // datafilen data/a.csv finns inte
    fs::create_directory(dir.path / "data");
    REQUIRE(loop.wait_runs(2, last));
    CHECK(last.errors == 1);
    spit(data, data_text("våldsfrågor", "17 %"));
    REQUIRE(loop.wait_runs(3, last));
    CHECK(last.errors == 0);
    CHECK(loop.end());
    CHECK(loop.code == 0);
}

TEST_CASE("bevaka: usage on the command line") {
    using malkoll::test::run;
    // assess --bevaka needs a file to rewrite.
    for (std::vector<std::string> args : {std::vector<std::string>{"assess", "fixtures/exempel.yaml", "--bevaka"},
                                          {"assess", "fixtures/exempel.yaml", "--watch", "-o", "-"}}) {
        auto r = run(args);
        CHECK(r.exit == 2);
        CHECK(r.err.rfind("malkoll: assess --bevaka skriver om rapporten vid varje ändring och behöver en fil för den: ange -o FIL\n", 0) == 0);
        CHECK(r.err.find("Användning:") != std::string::npos);
    }
    auto other = run({"explain", "fixtures/exempel.yaml", "våldsfrågor", "--bevaka"});
    CHECK(other.exit == 2);
    CHECK(other.err.rfind("malkoll: --bevaka gäller bara check och assess\n", 0) == 0);
    for (const char* bad : {"0", "två", "-1", "3x"}) {
        auto r = run({"check", "fixtures/exempel.yaml", "--bevaka-högst", bad});
        CHECK(r.exit == 2);
        CHECK(r.err.rfind(fmt::format("malkoll: --bevaka-högst vill ha ett antal körningar, ett heltal från 1, inte '{}'\n", bad), 0) == 0);
    }
    // The help names --bevaka, not the bound for tests.
    auto help = run({"--hjälp"});
    CHECK(help.out.find("--bevaka") != std::string::npos);
    CHECK(help.out.find("högst") == std::string::npos);
    // A roll-up with --data is a usage error on the first run, as without --bevaka.
    auto rollup = run({"check", "rules/linköping/2024.yaml", "--data", "fixtures/data/son-2024.csv", "--bevaka"});
    CHECK(rollup.exit == 2);
    CHECK(rollup.err.rfind("malkoll: --data kan inte användas med rules/linköping/2024.yaml", 0) == 0);
}

TEST_CASE("bevaka: one bounded run in process writes the status line and nothing to standard output") {
    using malkoll::test::run;
    const std::regex ok("[0-2][0-9]:[0-5][0-9]:[0-6][0-9] kontrollerat: inga fel\n");
    auto r = run({"check", "fixtures/exempel.yaml", "--watch", "--bevaka-hogst", "1"});
    CHECK(r.exit == 0);
    CHECK(r.out.empty());
    CHECK(std::regex_match(r.err, ok));
    auto bad = run({"check", "fixtures/fel-värden.yaml", "--bevaka-högst=1"});
    CHECK(bad.exit == 1);
    CHECK(std::regex_search(bad.err, std::regex("\n[0-2][0-9]:[0-5][0-9]:[0-6][0-9] 2 fel\n$")));

    TempDir dir("assess");
    const fs::path report = dir.path / "rapport.md";
    auto first = run({"assess", "fixtures/exempel.yaml", "--bevaka", "--bevaka-högst", "1", "-o", report.string()});
    CHECK(first.exit == 0);
    CHECK(first.out.empty());
    CHECK(std::regex_match(first.err, std::regex("[0-9:]{8} " + report.string() + " skriven\n")));
    CHECK(slurp(report) == run({"assess", "fixtures/exempel.yaml"}).out);
    auto failing = run({"assess", "fixtures/fel-värden.yaml", "--bevaka", "--bevaka-högst", "1", "-o", report.string()});
    CHECK(failing.exit == 1);
    CHECK(std::regex_search(failing.err, std::regex("\n[0-9:]{8} 2 fel; rapporten lämnades orörd\n$")));
    CHECK(failing.err.find("ingen rapport skrevs") == std::string::npos);  // the status line says it
    CHECK(slurp(report) == run({"assess", "fixtures/exempel.yaml"}).out);
}

namespace {

// The built program in the background, its standard error read line by line.
struct Background {
    pid_t pid = -1;
    int err_fd = -1, out_fd = -1;
    std::string err, out;
    std::size_t seen = 0;  // lines of err already matched

    explicit Background(const std::vector<std::string>& args) {
        int err_pipe[2], out_pipe[2];
        REQUIRE(::pipe(err_pipe) == 0);
        REQUIRE(::pipe(out_pipe) == 0);
        pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            ::dup2(err_pipe[1], 2);
            ::dup2(out_pipe[1], 1);
            for (int fd : {err_pipe[0], err_pipe[1], out_pipe[0], out_pipe[1]}) ::close(fd);
            std::vector<char*> argv{const_cast<char*>(MALKOLL_BINARY)};
            for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
            argv.push_back(nullptr);
            ::execv(MALKOLL_BINARY, argv.data());
            ::_exit(127);
        }
        ::close(err_pipe[1]);
        ::close(out_pipe[1]);
        err_fd = err_pipe[0];
        out_fd = out_pipe[0];
    }
    ~Background() {
        if (pid > 0) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, nullptr, 0);
        }
        for (int fd : {err_fd, out_fd})
            if (fd >= 0) ::close(fd);
    }

    // Reads what is there within `ms`; false at the end of both pipes.
    bool read_some(int ms) {
        pollfd fds[2] = {{err_fd, POLLIN, 0}, {out_fd, POLLIN, 0}};
        if (::poll(fds, 2, ms) <= 0) return true;
        bool open = false;
        char buffer[4096];
        for (int k = 0; k < 2; ++k) {
            if (!(fds[k].revents & (POLLIN | POLLHUP))) {
                open = true;
                continue;
            }
            const ssize_t n = ::read(fds[k].fd, buffer, sizeof buffer);
            if (n > 0) (k == 0 ? err : out).append(buffer, static_cast<std::size_t>(n)), open = true;
        }
        return open;
    }

    // Waits (at most 10 s) for a new line of standard error that matches.
    bool wait_line(const std::regex& pattern) {
        const auto until = std::chrono::steady_clock::now() + 10s;
        for (;;) {
            std::vector<std::string> lines;
            std::istringstream in(err);
            for (std::string l; std::getline(in, l);) lines.push_back(l);
            if (!err.empty() && err.back() != '\n') lines.pop_back();  // not whole yet
            for (; seen < lines.size(); ++seen)
                if (std::regex_match(lines[seen], pattern)) {
                    ++seen;
                    return true;
                }
            if (std::chrono::steady_clock::now() > until) return false;
            read_some(100);
        }
    }

    // Sends `sig` and waits (at most 10 s) for the exit code; -1 when it does not end.
    int stop(int sig) {
        ::kill(pid, sig);
        const auto until = std::chrono::steady_clock::now() + 10s;
        for (;;) {
            int status = 0;
            if (::waitpid(pid, &status, WNOHANG) == pid) {
                pid = -1;
                for (int k = 0; k < 100 && read_some(10); ++k) {}  // what it wrote last, to the end of both pipes
                return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            }
            if (std::chrono::steady_clock::now() > until) return -1;
            std::this_thread::sleep_for(20ms);
        }
    }
};

}  // namespace

TEST_CASE("bevaka: malkoll check --bevaka in the background re-checks on a save and ends with exit 0 on Ctrl-C") {
    TempDir dir("cli-check");
    const fs::path rule = dir.path / "regel.yaml", a = dir.path / "a.csv";
    spit(rule, rule_text("a.csv"));
    spit(a, data_text("våldsfrågor", "17 %"));
    Background p({"check", rule.string(), "--bevaka"});
    CHECK(p.wait_line(std::regex("[0-9]{2}:[0-9]{2}:[0-9]{2} kontrollerat: inga fel")));
    save_by_rename(a, data_text("våldsfrågor", "sjutton"));
    CHECK(p.wait_line(std::regex(".*a\\.csv:2:19: fel: .*")));  // the diagnostics as usual, then the status
    CHECK(p.wait_line(std::regex("[0-9]{2}:[0-9]{2}:[0-9]{2} 1 fel")));
    spit(a, data_text("våldsfrågor", "17 %"));
    CHECK(p.wait_line(std::regex("[0-9]{2}:[0-9]{2}:[0-9]{2} kontrollerat: inga fel")));
    CHECK(p.stop(SIGINT) == 0);
    CHECK(p.out.empty());
}

TEST_CASE("bevaka: malkoll assess --bevaka -o rewrites the report on a save, leaves it on an error, ends with exit 0 on SIGTERM") {
    TempDir dir("cli-assess");
    const fs::path rule = dir.path / "regel.yaml", a = dir.path / "a.csv", report = dir.path / "rapport.md";
    spit(rule, rule_text("a.csv"));
    spit(a, data_text("våldsfrågor", "17 %"));
    Background p({"assess", rule.string(), "--bevaka", "-o", report.string()});
    const std::regex written("[0-9]{2}:[0-9]{2}:[0-9]{2} .*rapport\\.md skriven");
    REQUIRE(p.wait_line(written));
    CHECK(slurp(report).find("17 %") != std::string::npos);
    save_by_rename(a, data_text("våldsfrågor", "23 %"));
    REQUIRE(p.wait_line(written));
    const std::string good = slurp(report);
    CHECK(good.find("23 %") != std::string::npos);
    CHECK(good.find("17 %") == std::string::npos);
    spit(a, data_text("våldsfrågor", "sjutton"));
    CHECK(p.wait_line(std::regex("[0-9]{2}:[0-9]{2}:[0-9]{2} 1 fel; rapporten lämnades orörd")));
    CHECK(slurp(report) == good);
    CHECK(p.stop(SIGTERM) == 0);
    CHECK(p.out.empty());
}

TEST_CASE("bevaka: assess --format docx --mall --bevaka re-writes the Word report when the template is saved") {
    TempDir dir("cli-mall");
    const fs::path rule = dir.path / "regel.yaml", a = dir.path / "a.csv", mall = dir.path / "mall.docx", report = dir.path / "rapport.docx";
    spit(rule, rule_text("a.csv"));
    spit(a, data_text("våldsfrågor", "17 %"));
    fs::copy_file(fs::path(MALKOLL_SOURCE_DIR) / "fixtures/mall/kommunmall.docx", mall);
    Background p({"assess", rule.string(), "--format", "docx", "--mall", mall.string(), "--bevaka", "-o", report.string()});
    const std::regex written("[0-9]{2}:[0-9]{2}:[0-9]{2} .*rapport\\.docx skriven");
    REQUIRE(p.wait_line(written));
    save_by_rename(mall, slurp(mall));  // the template saved again: a change, though the same bytes
    REQUIRE(p.wait_line(written));
    const std::string good = slurp(report);
    spit(mall, "ingen zip-fil");  // no longer a Word document: the run fails and the report stays
    CHECK(p.wait_line(std::regex("[0-9]{2}:[0-9]{2}:[0-9]{2} .*rapport\\.docx skrevs inte.*")));
    CHECK(slurp(report) == good);
    CHECK(p.stop(SIGINT) == 0);
}

TEST_CASE("bevaka: --data FIL.xlsx:Blad watches the workbook, not a file named with the sheet") {
    malkoll::Loaded l;
    const std::vector<std::string> data{"fixtures/xlsx/data.xlsx:Utfall"};
    malkoll::load(l, "fixtures/xlsx/regler.yaml", data);
    std::vector<std::string> inputs;
    malkoll::add_watched_inputs(inputs, l, "fixtures/xlsx/regler.yaml", data);
    CHECK(std::find(inputs.begin(), inputs.end(), "fixtures/xlsx/data.xlsx") != inputs.end());
    for (const auto& f : inputs) CHECK(f.find(":Utfall") == std::string::npos);
}
