// `malkoll hämta` on the command line (docs/kolada.md): reads the rule file,
// fetches from Kolada (or a folder of saved answers), and writes the data
// file whole or not at all; `--spara-katalog` keeps every answer read.
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <thread>

#include <fmt/format.h>

#include "engine/cli/pipeline.hpp"
#include "engine/core/atomic_write.hpp"
#include "engine/core/format.hpp"
#include "engine/kolada/hamta.hpp"

namespace malkoll {

namespace {

// "2020-2024" (also with an en dash) or one year "2024".
bool parse_years(const std::string& s, int& first, int& last) {
    auto year = [](std::string_view t, int& y) {
        if (t.size() != 4 || !std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
        y = std::stoi(std::string(t));
        return y >= 1000;
    };
    const std::string_view t(s);
    std::size_t dash = t.find('-'), width = 1;
    if (dash == std::string_view::npos && (dash = t.find("\u2013")) != std::string_view::npos) width = 3;  // an en dash
    if (dash == std::string_view::npos) return year(t, first) && year(t, last);
    return year(t.substr(0, dash), first) && year(t.substr(dash + width), last) && first <= last && last - first < 50;
}

bool valid_date(const std::string& d) {
    if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
    return parse_publication("publiceras " + d).has_value();
}

std::string today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &local);
    return buf;
}

}  // namespace

int cmd_hamta(const HamtaCommand& c, std::ostream& out, std::ostream& err) {
    HamtaOptions o;
    o.base_url = c.base_url.empty() ? std::string(kKoladaUrl) : c.base_url;
    if (!c.years.empty() && !parse_years(c.years, o.first_year, o.last_year)) {
        err << "malkoll: '" << c.years << "' är inga år; skriv --år 2020-2024 eller --år 2024\n";
        return 2;
    }
    o.date = c.date.empty() ? today() : c.date;
    if (!valid_date(o.date)) {
        err << "malkoll: '" << c.date << "' är inget datum; skriv --datum ÅÅÅÅ-MM-DD, t.ex. --datum 2025-03-15\n";
        return 2;
    }

    SourceSet sources;
    Diagnostics diags;
    const RuleFile file = load_rule_file(c.rule, sources, diags);
    // A roll-up has no indicators: its values are its nämnders'.
    if (file.rollup() && !diags.has_errors())
        diags.error("hamta.rollup", file.rollup_pos,
                    fmt::format("en fil med 'nämnder:' har inga egna indikatorer; hämta värdena för varje nämnds fil, t.ex. malkoll hämta {}",
                                file.committees.front().path));
    if (diags.has_errors()) {
        print_diagnostics(diags, sources, err);
        err << count_line(diags.error_count(), diags.warning_count()) << "; ingen fil skrevs\n";
        return 1;
    }
    if (!c.output.empty() && c.output != "-" && same_file(c.output, c.rule)) {
        err << c.output << ": fel: kan inte skriva värdena över regelfilen; välj ett annat namn\n";
        return 1;
    }

    std::unique_ptr<Transport> transport = c.from_dir.empty() ? curl_transport() : directory_transport(c.from_dir, o.base_url);
    o.wait = [](int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); };
    // A progress line for a person at a terminal, when there is more than a moment's waiting.
    const bool terminal = &err == &std::cerr && isatty(STDERR_FILENO);
    bool progressed = false;
    if (terminal)
        o.progress = [&](std::size_t done, std::size_t total) {
            if (total < 4) return;
            err << "\rHämtar från Kolada: " << done << " av " << total << " anrop" << std::flush;
            progressed = true;
        };
    HamtaResult r = hamta(file, o, *transport, diags);
    if (progressed) err << "\n";
    print_diagnostics(diags, sources, err);
    if (diags.has_errors() || !r.ok) {
        if (!r.error.empty()) err << "malkoll: fel: " << r.error << "; ingen fil skrevs\n";
        else err << count_line(diags.error_count(), diags.warning_count()) << "; ingen fil skrevs\n";
        return 1;
    }

    // The answers, when asked to keep them, before the data file: a fetch
    // that cannot be saved is reported and writes nothing.
    if (!c.save_dir.empty())
        for (const auto& [path, body] : r.answers) {
            const std::string to = c.save_dir + "/" + path;
            std::error_code ec;
            std::filesystem::create_directories(std::filesystem::path(to).parent_path(), ec);
            AtomicFile f;
            std::string error;
            if (ec || !f.open(to, error)) {
                err << to << ": fel: " << (ec ? ec.message() : error) << "; ingen fil skrevs\n";
                return 1;
            }
            f.stream() << body;
            if (!f.commit(error)) {
                err << to << ": fel: " << error << "; ingen fil skrevs\n";
                return 1;
            }
        }

    std::ostream& said = c.output.empty() || c.output == "-" ? err : out;
    if (c.output.empty() || c.output == "-") {
        out << r.csv;
    } else {
        AtomicFile f;
        std::string error;
        if (!f.open(c.output, error)) {
            err << c.output << ": fel: " << error << "\n";
            return 1;
        }
        f.stream() << r.csv;
        if (!f.commit(error)) {
            err << c.output << ": fel: " << error << "\n";
            return 1;
        }
    }
    said << fmt::format("Hämtade {} rader för {} {} i {} {} till Kolada{}.\n", format_number(Decimal{static_cast<double>(r.rows), 0}, true),
                        r.indicators, r.indicators == 1 ? "indikator" : "indikatorer", r.requests, r.requests == 1 ? "anrop" : "anrop",
                        c.from_dir.empty() ? "" : " (sparade svar i " + c.from_dir + ")");
    if (diags.warning_count()) said << count_line(0, diags.warning_count()) << "\n";
    return 0;
}

}  // namespace malkoll
