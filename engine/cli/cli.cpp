#include "engine/cli/cli.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "engine/cli/pipeline.hpp"
#include "engine/cli/watch.hpp"
#include "engine/assess/assess.hpp"
#include "engine/compile/model.hpp"
#include "engine/core/atomic_write.hpp"
#include "engine/core/sha256.hpp"
#include "engine/core/source_date.hpp"
#include "engine/core/text.hpp"
#include "engine/load/data_file.hpp"
#include "engine/load/rule_file.hpp"
#include "engine/load/rule_schema.hpp"
#include "engine/report/diff.hpp"
#include "engine/report/docx_template.hpp"
#include "engine/report/render.hpp"
#include "engine/report/report_diff.hpp"
#include "engine/report/xlsx.hpp"

namespace malkoll {

namespace {

constexpr const char* kUsage =
    "Användning:\n"
    "  malkoll check   REGELFIL... [--data FIL]... [--bevaka]\n"
    "  malkoll assess  REGELFIL [--data FIL]... [--format md|html|json|csv|xlsx|docx] [--mall MALL.docx] [-o FIL] [--bevaka]\n"
    "  malkoll explain REGELFIL ID [--data FIL]... [--format text|json]\n"
    "  malkoll verify  RAPPORT.json [--tillåt-sökväg]\n"
    "  malkoll diff    GAMMAL NY [--format md|json]   (två regelfiler eller två JSON-rapporter)\n"
    "  malkoll hämta   REGELFIL [-o FIL] [--år 2020-2024] [--från-katalog KATALOG] [--spara-katalog KATALOG]\n"
    "                  [--kolada-url URL] [--datum ÅÅÅÅ-MM-DD]\n"
    "  malkoll schema  [-o FIL]\n"
    "\n"
    "  check    kontrollerar regelfiler (och data) och listar alla fel\n"
    "  assess   bedömer mål och indikatorer och skriver rapporten\n"
    "  explain  visar hur bedömningen av en indikator eller ett mål gjordes\n"
    "  verify   kontrollerar att en JSON-rapport fortfarande följer av sina indata\n"
    "  diff     listar vad som ändrats mellan två regelfiler eller två JSON-rapporter\n"
    "  hämta    hämtar indikatorernas värden från Kolada och skriver en datafil (CSV)\n"
    "  schema   skriver regelfilens JSON-schema, som editorer kompletterar och kontrollerar nycklar med\n"
    "\n"
    "  --data FIL      fler datafiler utöver dem under 'utfall:' i regelfilen; ett blad\n"
    "                  i en Excel-arbetsbok som FIL.xlsx:Blad (standard det första)\n"
    "  --format FMT    rapportens format: md (standard), html, json, csv, xlsx (Excel) eller docx\n"
    "                  (Word); xlsx och docx skrivs bara till en fil (-o FIL);\n"
    "                  diff: md (standard) eller json (json bara för två JSON-rapporter)\n"
    "  --mall MALL     docx: använd formatmallarna i ett eget Word-dokument (typsnitt, färger, rubriker, tabeller)\n"
    "  -o FIL          skriv rapporten till FIL (helt eller inte alls)\n"
    "  --bevaka        check, assess: kör om vid varje sparning av regelfilen eller datan,\n"
    "                  tills Ctrl-C (också --watch; assess kräver -o FIL)\n"
    "  --tillåt-sökväg verify: läs även indatafiler utanför mappen du står i\n"
    "  --år ÅR-ÅR      hämta: vilka år (standard: de fem åren till och med 'år' i regelfilen)\n"
    "  --från-katalog  hämta: läs sparade svar i stället för att fråga Kolada\n"
    "  --spara-katalog hämta: spara svaren, så att hämtningen kan göras om utan nätverk\n"
    "  --kolada-url    hämta: Koladas adress (standard https://api.kolada.se/v3)\n"
    "  --datum         hämta: hämtningsdatum i källa-kolumnen (standard: i dag)\n"
    "  --version       visa versionen\n"
    "  -h, --hjälp     visa den här hjälpen (också --help)\n";

// The commands and flags as typed, each once: the checks before CLI11 reads
// the arguments, "menade du …?", the lists in messages and the ASCII
// spelling CLI11 is given all come from here. The help text above is prose
// and names each of them (tests/test_cli.cpp checks it does).
struct CommandName {
    std::string_view name, ascii;  // as typed; as CLI11 knows it
};
constexpr CommandName kCommands[] = {{"check", "check"},   {"assess", "assess"}, {"explain", "explain"}, {"verify", "verify"},
                                     {"diff", "diff"},     {"hämta", "hamta"},   {"schema", "schema"}};

struct FlagName {
    std::string_view name, ascii;  // as typed (either works); as CLI11 knows it
    bool valued;                   // a value follows, as the next argument or after '='
    bool watch = false;            // check and assess only
    bool hidden = false;           // for tests: not in the help, never suggested
    bool help = false;             // shows the help, wherever it stands
};
constexpr FlagName kFlagNames[] = {
    {"--data", "--data", true},
    {"--format", "--format", true},
    {"-o", "-o", true},
    {"--mall", "--mall", true},
    {"--bevaka", "--bevaka", false, true},
    {"--watch", "--watch", false, true},
    {"--bevaka-högst", "--bevaka-hogst", true, true, true},  // ends after N runs
    {"--tillåt-sökväg", "--tillat-sokvag", false},
    {"--år", "--ar", true},
    {"--från-katalog", "--fran-katalog", true},
    {"--spara-katalog", "--spara-katalog", true},
    {"--kolada-url", "--kolada-url", true},
    {"--datum", "--datum", true},
    {"--version", "--version", false},
    {"--hjälp", "--hjalp", false, false, false, true},
    {"--help", "--help", false, false, false, true},
    {"-h", "-h", false, false, false, true},
};

// The flag `arg` names (also `--flag=value`), by either spelling; nullptr none.
const FlagName* flag_named(std::string_view arg) {
    const std::string_view name = arg.substr(0, arg.find('='));
    for (const FlagName& f : kFlagNames)
        if (name == f.name || name == f.ascii) return &f;
    return nullptr;
}

// "a, b eller c".
std::string either(const std::vector<std::string>& words) { return word_list(words, " eller "); }
std::vector<std::string> command_names() {
    std::vector<std::string> out;
    for (const CommandName& c : kCommands) out.emplace_back(c.name);
    return out;
}

// CLI11's messages are English: say the same in Swedish.
std::string swedish_usage_error(const CLI::ParseError& e) {
    std::string what = e.what();
    auto after_colon = [&]() {
        auto p = what.find(": ");
        return p == std::string::npos ? std::string() : what.substr(p + 2);
    };
    if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
        // CLI11 is given the arguments last first (run_command): name them in the order typed.
        std::vector<std::string> extras;
        std::istringstream words(after_colon());
        for (std::string w; words >> w;) extras.insert(extras.begin(), w);
        std::string typed;
        for (const auto& w : extras) typed += (typed.empty() ? "" : " ") + w;
        return fmt::format("okänt eller överflödigt argument: {}", typed);
    }
    if (dynamic_cast<const CLI::RequiredError*>(&e)) {
        auto p = what.find(" is required");
        if (p != std::string::npos) return fmt::format("{} saknas", what.substr(0, p));
        if (what.find("subcommand") != std::string::npos) return "ange ett kommando: " + either(command_names());
        return "ett obligatoriskt argument saknas";
    }
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&e)) return "ett argument saknar sitt värde (t.ex. '-o FIL', '--format md')";
    if (dynamic_cast<const CLI::ValidationError*>(&e) || dynamic_cast<const CLI::ConversionError*>(&e))
        return fmt::format("ogiltigt värde ({})", what);
    return fmt::format("felaktig användning ({})", what);
}

// `watching` (--bevaka): the run's counts and inputs go there, and its status
// line says what the closing line would.
int cmd_check(const std::vector<std::string>& rules, const std::vector<std::string>& data, std::ostream& out, std::ostream& err,
              WatchRun* watching = nullptr) {
    std::size_t errors = 0, warnings = 0;
    for (const auto& r : rules) {
        Loaded l;
        load(l, r, data);
        if (watching) add_watched_inputs(watching->inputs, l, r, data);
        if (rollup_with_data(l, data, r, err)) {
            err << "\n" << kUsage;
            return 2;
        }
        print_diagnostics(l.diags, l.sources, err);
        errors += l.diags.error_count();
        warnings += l.diags.warning_count();
    }
    if (watching) watching->errors = errors, watching->warnings = warnings;
    else if (errors == 0 && warnings == 0) out << "Inga fel.\n";
    else err << count_line(errors, warnings) << "\n";
    return errors ? 1 : 0;
}

int cmd_assess_to(const Loaded& l, const std::string& format, const std::string& output, const std::string& mall, std::ostream& out,
                  std::ostream& err);

int cmd_assess(const std::string& rule, const std::vector<std::string>& data, const std::string& format,
               const std::string& output, const std::string& mall, std::ostream& out, std::ostream& err,
               WatchRun* watching = nullptr) {
    Loaded l;
    load(l, rule, data);
    if (watching) add_watched_inputs(watching->inputs, l, rule, data);
    if (rollup_with_data(l, data, rule, err)) {
        err << "\n" << kUsage;
        return 2;
    }
    print_diagnostics(l.diags, l.sources, err);
    if (watching) watching->errors = l.diags.error_count(), watching->warnings = l.diags.warning_count();
    if (l.diags.has_errors()) {
        if (!watching) err << count_line(l.diags.error_count(), l.diags.warning_count()) << "; ingen rapport skrevs\n";
        return 1;
    }
    // Warnings are listed, then counted, as by `check` (the report is still written).
    if (l.diags.warning_count() && !watching) err << count_line(0, l.diags.warning_count()) << "\n";
    if (output == "-") return cmd_assess_to(l, format, "", mall, out, err);
    // A report never replaces one of its own inputs, however the path is spelled.
    for (std::size_t i = 0; i < l.sources.size(); ++i) {
        const std::string& input = l.sources.file(static_cast<std::uint32_t>(i)).name();
        if (same_file(output, input)) {
            err << output << ": fel: kan inte skriva rapporten över indatafilen " << input
                << "; välj ett annat namn för rapporten\n";
            return 1;
        }
    }
    return cmd_assess_to(l, format, output, mall, out, err);
}

// The Word report is binary: made whole in memory, then written whole or not at all.
int write_docx(const Loaded& l, const std::string& output, const std::string& mall, std::ostream& err) {
    std::string error;
    std::optional<DocxTemplate> tmpl;
    if (!mall.empty() && same_file(output, mall)) {
        err << output << ": fel: kan inte skriva rapporten över mallen " << mall << "; välj ett annat namn för rapporten\n";
        return 1;
    }
    if (!mall.empty()) {
        tmpl = read_docx_template(mall, error);
        if (!tmpl) {
            err << mall << ": fel: " << error << "\n";
            return 1;
        }
    }
    DocxOptions options;
    options.mall = tmpl ? &*tmpl : nullptr;
    // Reproducible builds' convention: a date only when SOURCE_DATE_EPOCH gives one.
    const SourceDate date = source_date_epoch();
    if (!date.error.empty()) {
        err << "malkoll: fel: " << date.error << "\n";
        return 1;
    }
    if (date.seconds) options.date = *date.seconds;
    Assessment a = assess(l.model);
    ReportInput in{a, l.sources, input_files(l)};
    const auto bytes = render_docx(in, options, error);
    if (!bytes) {
        err << output << ": fel: Word-rapporten kunde inte skapas: " << error << "\n";
        return 1;
    }
    if (!write_file_atomic(output, *bytes, error)) {
        err << output << ": fel: " << error << "\n";
        return 1;
    }
    return 0;
}

int cmd_assess_to(const Loaded& l, const std::string& format, const std::string& output, const std::string& mall, std::ostream& out,
                  std::ostream& err) {
    if (format == "docx") return write_docx(l, output, mall, err);
    Assessment a = assess(l.model);
    ReportInput in{a, l.sources, input_files(l)};
    auto render = [&](std::ostream& to) {
        if (format == "json") render_json(in, to);
        else if (format == "html") render_html(in, to);
        else if (format == "csv") render_csv(in, to);
        else render_markdown(in, to);
    };
    // Streamed to its destination: the report is never held in memory whole.
    if (output.empty()) {
        render(out);
        return 0;  // run_cli checks that standard output was written
    }
    if (format == "xlsx") {  // made whole in memory by libxlsxwriter, then written whole
        std::string bytes, error;
        if (!render_xlsx(in, bytes, error) || !write_file_atomic(output, bytes, error)) {
            err << output << ": fel: " << error << "\n";
            return 1;
        }
        return 0;
    }
    AtomicFile file;
    std::string error;
    if (!file.open(output, error)) {
        err << output << ": fel: " << error << "\n";
        return 1;
    }
    render(file.stream());
    if (!file.commit(error)) {
        err << output << ": fel: " << error << "\n";
        return 1;
    }
    return 0;
}

// Two rule files, or two JSON reports (told apart by content: a report starts
// with `{`). Exit 0 whether or not anything changed (docs/revisorsguide.md);
// 1 when a file cannot be read or has errors; 2 for one of each, or JSON out
// of two rule files.
int cmd_diff(const std::string& old_path, const std::string& new_path, const std::string& format, std::ostream& out,
             std::ostream& err) {
    // Read once (a large report is mapped, not copied) and kept for the messages.
    std::optional<FileBytes> bytes[2];
    const std::string* paths[2] = {&old_path, &new_path};
    for (int i = 0; i < 2; ++i) {
        std::string why;
        bytes[i] = read_file(*paths[i], &why);
        if (!bytes[i]) err << display_line(*paths[i]) << ": fel: filen kan inte läsas: " << why << "\n";
    }
    if (!bytes[0] || !bytes[1]) return 1;
    const bool json[2] = {looks_like_json(bytes[0]->view()), looks_like_json(bytes[1]->view())};
    if (json[0] != json[1]) {
        const std::string& report = json[0] ? old_path : new_path;
        const std::string& rules = json[0] ? new_path : old_path;
        err << "malkoll: diff jämför två regelfiler eller två JSON-rapporter, inte en av varje: " << display_line(report)
            << " är en JSON-rapport (den börjar med '{') och " << display_line(rules) << " läses som en regelfil\n\n" << kUsage;
        return 2;
    }
    SourceSet sources;
    Diagnostics diags;
    if (json[0]) {
        auto was = read_report_json(old_path, std::move(*bytes[0]), sources, diags);
        // The same file twice (a report against itself) is read, and its errors shown, once.
        auto now = new_path == old_path ? was : read_report_json(new_path, std::move(*bytes[1]), sources, diags);
        print_diagnostics(diags, sources, err);
        if (!was || !now) {
            err << count_line(diags.error_count(), diags.warning_count()) << "\n";
            return 1;
        }
        const ReportDiff d = diff_reports(*was, *now);
        if (format == "json") render_report_diff_json(d, out);
        else render_report_diff_markdown(d, out);
        return 0;
    }
    if (format == "json") {
        err << "malkoll: diff --format json finns för två JSON-rapporter; två regelfiler jämförs i Markdown. Skriv "
               "rapporterna med 'malkoll assess REGELFIL --format json -o rapport.json' och jämför dem\n\n"
            << kUsage;
        return 2;
    }
    RuleFile old_file = load_rule_file(old_path, sources, diags);
    RuleFile new_file = load_rule_file(new_path, sources, diags);
    print_diagnostics(diags, sources, err);
    if (diags.has_errors()) {
        err << count_line(diags.error_count(), diags.warning_count()) << "\n";
        return 1;
    }
    render_diff(old_file, new_file, out);
    return 0;
}

int cmd_explain(const std::string& rule, const std::string& id_as_typed, const std::vector<std::string>& data, const std::string& format,
                std::ostream& out, std::ostream& err) {
    Loaded l;
    load(l, rule, data);
    if (rollup_with_data(l, data, rule, err)) {
        err << "\n" << kUsage;
        return 2;
    }
    print_diagnostics(l.diags, l.sources, err);
    if (l.diags.has_errors()) {
        err << count_line(l.diags.error_count(), l.diags.warning_count()) << "\n";
        return 1;
    }
    const std::string id = nfc(id_as_typed);  // a terminal on macOS may send ä as a + U+0308
    // In a roll-up, NÄMND/ID is a goal or indicator of that nämnd.
    const RuleFile* file = &l.file;
    std::string own_id = id;
    int committee = -1;
    std::vector<std::string> ids;
    if (const auto slash = id.find('/'); slash != std::string::npos && l.file.rollup()) {
        for (std::size_t c = 0; c < l.file.committees.size(); ++c) {
            ids.push_back(l.file.committees[c].id);
            if (l.file.committees[c].id == id.substr(0, slash)) committee = static_cast<int>(c);
        }
        if (committee < 0) {
            err << "malkoll: " << display_line(rule) << " har ingen nämnd '" << shortened(display_line(id.substr(0, slash)), 120) << "' under 'nämnder:'";
            if (auto s = suggest(id.substr(0, slash), ids)) err << "; menade du '" << *s << "'?";
            err << "\n";
            return 2;
        }
        file = &l.committees[static_cast<std::size_t>(committee)]->file;
        own_id = id.substr(slash + 1);
        ids.clear();
    }
    ExplainTarget target;
    auto find = [&](const auto& list, GoalLevel level, bool indicator) {
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (list[i].id.empty()) continue;
            ids.push_back(list[i].id);
            if (list[i].id != own_id || target.goal >= 0 || target.indicator >= 0) continue;
            if (indicator) target.indicator = static_cast<int>(i);
            else target.goal = static_cast<int>(i), target.level = level;
        }
    };
    find(file->goals, GoalLevel::Goal, false);
    find(file->indicators, GoalLevel::Goal, true);
    find(file->municipal_goals, GoalLevel::MunicipalGoal, false);
    find(file->areas, GoalLevel::Area, false);
    if (l.file.rollup() && committee < 0)
        for (const auto& c : l.model.municipal_children)
            for (const CommitteeGoal& g : c) ids.push_back(g.ref);
    const bool key_figure = std::any_of(file->key_figures.begin(), file->key_figures.end(), [&](const KeyFigureRow& r) { return r.id == own_id; });
    if (target.goal < 0 && target.indicator < 0 && key_figure) {
        err << "malkoll: '" << shortened(display_line(own_id), 120) << "' i " << display_line(committee < 0 ? rule : file->path)
            << " är ett nyckeltal; nyckeltal bedöms inte, så det finns ingen bedömning att förklara\n";
        return 2;
    }
    if (target.goal < 0 && target.indicator < 0) {
        err << "malkoll: " << display_line(committee < 0 ? rule : file->path) << " har inget mål eller indikator med id '"
            << shortened(display_line(own_id), 120) << "'";
        if (auto s = suggest(own_id, ids)) err << "; menade du '" << *s << "'?";
        err << "\n";
        return 2;
    }
    Assessment whole = assess(l.model);
    const Assessment& a = committee < 0 ? whole : whole.committees[static_cast<std::size_t>(committee)];
    ReportInput in{a, l.sources, {}};
    if (format == "json") {
        render_explain_json(in, target, out);
        return 0;
    }
    // For a terminal: a name or note from the files shows its control
    // characters as U+FFFD, line by line, never as escape sequences.
    std::ostringstream text;
    render_explain_text(in, target, text);
    const std::string all = text.str();
    for (std::size_t at = 0; at < all.size();) {
        std::size_t end = all.find('\n', at);
        if (end == std::string::npos) end = all.size();
        out << display_line(std::string_view(all).substr(at, end - at));
        if (end < all.size()) out << '\n';
        at = end + 1;
    }
    return 0;
}

// --bevaka (docs/bevaka.md): the same run again on every save, until Ctrl-C.
int watch_check(const std::vector<std::string>& rules, const std::vector<std::string>& data, const WatchOptions& options,
                std::ostream& out, std::ostream& err) {
    std::vector<std::string> first = rules;
    for (const auto& d : data) first.push_back(parse_data_file_ref(d).path);  // FIL.xlsx:Blad: the workbook
    return watch_command(options, first, [&] {
        WatchRun run;
        run.code = cmd_check(rules, data, out, err, &run);
        run.status = check_status(run);
        return run;
    }, err);
}

int watch_assess(const std::string& rule, const std::vector<std::string>& data, const std::string& format,
                 const std::string& output, const std::string& mall, const WatchOptions& options, std::ostream& out,
                 std::ostream& err) {
    if (output.empty() || output == "-") {
        err << "malkoll: assess --bevaka skriver om rapporten vid varje ändring och behöver en fil för den: ange -o FIL\n\n"
            << kUsage;
        return 2;
    }
    std::vector<std::string> first{rule};
    for (const auto& d : data) first.push_back(parse_data_file_ref(d).path);  // FIL.xlsx:Blad: the workbook
    if (!mall.empty()) first.push_back(mall);  // a new template in the Word report is a change too
    return watch_command(options, first, [&] {
        std::error_code ec;
        const bool earlier = std::filesystem::exists(output, ec);
        WatchRun run;
        if (!mall.empty()) run.inputs.push_back(mall);
        run.code = cmd_assess(rule, data, format, output, mall, out, err, &run);
        run.status = assess_status(run, output, earlier);
        return run;
    }, err);
}

// The rule file's JSON Schema (docs/regelfil.md, Stöd i editorn): on standard
// output, or whole to -o FIL.
int cmd_schema(const std::string& output, std::ostream& out, std::ostream& err) {
    const std::string schema = rule_file_schema();
    if (output.empty() || output == "-") {
        out << schema;
        return 0;  // run_cli checks that standard output was written
    }
    if (std::string error; !write_file_atomic(output, schema, error)) {
        err << output << ": fel: " << error << "\n";
        return 1;
    }
    return 0;
}

int run_command(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace

std::vector<std::string> cli_commands() { return command_names(); }
std::vector<std::string> cli_flags() {
    std::vector<std::string> out;
    for (const FlagName& f : kFlagNames)
        if (!f.hidden) out.emplace_back(f.name);
    return out;
}

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
    const int code = run_command(argc, argv, out, err);
    // Standard output that cannot be written (a closed pipe, a full disk) is
    // an error, not a silent exit 0.
    if (std::string why; !stream_written(out, why)) {
        err << "malkoll: fel: standard ut kunde inte skrivas (" << why << "); utdata saknas eller är ofullständig\n";
        return 1;
    }
    return code;
}

namespace {

int run_command(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
    CLI::App app{"malkoll", "malkoll"};
    app.set_help_flag();  // our own, in Swedish
    bool help = false, version = false;
    app.add_flag("-h,--help,--hjalp", help);
    app.add_flag("--version", version);
    app.require_subcommand(0, 1);

    std::vector<std::string> check_rules, data;
    auto* check = app.add_subcommand("check", "");
    check->add_option("REGELFIL", check_rules)->required();
    check->add_option("--data", data);

    std::string assess_rule, format = "md", output, mall;
    auto* assess_cmd = app.add_subcommand("assess", "");
    assess_cmd->add_option("REGELFIL", assess_rule)->required();
    assess_cmd->add_option("--data", data);
    // GNU style: an option given twice keeps the last value.
    assess_cmd->add_option("--format", format)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    assess_cmd->add_option("-o", output)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    assess_cmd->add_option("--mall", mall)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);

    // --bevaka; --bevaka-högst N ends after N runs (for tests, not in the help).
    bool watching = false;
    std::string watch_max;
    for (auto* c : {check, assess_cmd}) {
        c->add_flag("--bevaka,--watch", watching);
        c->add_option("--bevaka-hogst", watch_max)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    }

    std::string explain_rule, explain_id, explain_format = "text";
    auto* explain = app.add_subcommand("explain", "");
    explain->add_option("REGELFIL", explain_rule)->required();
    explain->add_option("ID", explain_id)->required();
    explain->add_option("--data", data);
    explain->add_option("--format", explain_format)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);

    std::string diff_old, diff_new, diff_format = "md";
    auto* diff = app.add_subcommand("diff", "");
    diff->add_option("GAMMAL", diff_old)->required();
    diff->add_option("NY", diff_new)->required();
    diff->add_option("--format", diff_format)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);

    HamtaCommand hamta_cmd;
    auto* hamta = app.add_subcommand("hamta", "");
    hamta->add_option("REGELFIL", hamta_cmd.rule)->required();
    hamta->add_option("-o", hamta_cmd.output)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    hamta->add_option("--ar", hamta_cmd.years)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    hamta->add_option("--fran-katalog", hamta_cmd.from_dir)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    hamta->add_option("--spara-katalog", hamta_cmd.save_dir)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    hamta->add_option("--kolada-url", hamta_cmd.base_url)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    hamta->add_option("--datum", hamta_cmd.date)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);

    std::string schema_output;
    auto* schema = app.add_subcommand("schema", "");
    schema->add_option("-o", schema_output)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);

    std::string verify_report;
    VerifyOptions verify_options;
    auto* verify = app.add_subcommand("verify", "");
    verify->add_option("RAPPORT", verify_report)->required();
    verify->add_flag("--tillat-sokvag", verify_options.allow_any_path);

    // An unknown command is named as one, before CLI11 reads the rest.
    if (argc > 1 && argv[1][0] != '-') {
        const std::string_view c = argv[1];
        if (std::none_of(std::begin(kCommands), std::end(kCommands), [&](const CommandName& k) { return c == k.name || c == k.ascii; })) {
            err << "malkoll: okänt kommando '" << c << "'";
            if (auto s = suggest(c, command_names())) err << "; menade du '" << *s << "'?";
            else err << "; välj " << either(command_names());
            err << "\n\n" << kUsage;
            return 2;
        }
    }

    // Help anywhere (also after a command, `malkoll assess --help`) is help;
    // an unknown flag is named, with the nearest known one.
    const std::vector<std::string> suggestable = cli_flags();
    const bool may_watch = argc > 1 && (std::string_view(argv[1]) == "check" || std::string_view(argv[1]) == "assess");
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        const FlagName* flag = flag_named(a);
        if (flag && flag->help && a.find('=') == std::string_view::npos) {
            out << kUsage;
            return 0;
        }
        if (flag && flag->watch && !may_watch) {
            err << "malkoll: " << a.substr(0, a.find('=')) << " gäller bara check och assess\n\n" << kUsage;
            return 2;
        }
        if (flag && flag->valued && a.find('=') == std::string_view::npos) {
            ++i;  // its value may start with '-'
            continue;
        }
        if (a.size() > 2 && a[0] == '-' && a[1] == 'o') continue;  // -oFIL, GNU style
        if (a.size() > 1 && a[0] == '-' && a != "--" && !flag) {
            const std::string_view name = a.substr(0, a.find('='));
            err << "malkoll: okänd flagga '" << name << "'";
            if (auto s = suggest(name, suggestable)) err << "; menade du '" << *s << "'?";
            err << "\n\n" << kUsage;
            return 2;
        }
    }

    // CLI11 knows each flag and command by its ASCII spelling ("--hjälp" is
    // no option name it accepts), and is given the arguments last first.
    std::vector<std::string> args;
    for (int i = argc - 1; i >= 1; --i) {
        std::string a = argv[i];
        if (i == 1)
            for (const CommandName& c : kCommands)
                if (a == c.name) a = c.ascii;
        if (const FlagName* f = flag_named(a); f && a[0] == '-') {
            const std::size_t eq = a.find('=');
            a = std::string(f->ascii) + (eq == std::string::npos ? "" : a.substr(eq));
        }
        args.push_back(a);
    }
    try {
        app.parse(args);
    } catch (const CLI::ParseError& e) {
        err << "malkoll: " << swedish_usage_error(e) << "\n\n" << kUsage;
        return 2;
    }
    if (help) {
        out << kUsage;
        return 0;
    }
    if (version) {
        out << "malkoll " << MALKOLL_VERSION << "\n";
        return 0;
    }
    WatchOptions watch_options;
    if (!watch_max.empty()) {
        const char* end = watch_max.data() + watch_max.size();
        auto [at, ec] = std::from_chars(watch_max.data(), end, watch_options.max_runs);
        if (ec != std::errc() || at != end || watch_options.max_runs == 0) {
            err << "malkoll: --bevaka-högst vill ha ett antal körningar, ett heltal från 1, inte '" << display_line(watch_max) << "'\n\n" << kUsage;
            return 2;
        }
        watching = true;
    }
    try {
        if (check->parsed())
            return watching ? watch_check(check_rules, data, watch_options, out, err) : cmd_check(check_rules, data, out, err);
        if (assess_cmd->parsed()) {
            static const std::vector<std::string> kFormats = {"md", "html", "json", "csv", "xlsx", "docx"};
            if (std::find(kFormats.begin(), kFormats.end(), format) == kFormats.end()) {
                err << "malkoll: okänt format '" << display_line(format) << "'";
                if (auto s = suggest(format, kFormats)) err << "; menade du '" << *s << "'?";
                else err << "; välj " << either(kFormats);
                err << "\n\n" << kUsage;
                return 2;
            }
            if (!mall.empty() && format != "docx") {
                err << "malkoll: --mall gäller bara Word-rapporten (--format docx)\n\n" << kUsage;
                return 2;
            }
            // A binary report is no text for a screen or a pipe.
            if ((format == "docx" || format == "xlsx") && (output.empty() || output == "-")) {
                err << "malkoll: formatet " << format << " är binärt och skrivs bara till en fil: ange -o FIL\n\n" << kUsage;
                return 2;
            }
            if (watching) return watch_assess(assess_rule, data, format, output, mall, watch_options, out, err);
            return cmd_assess(assess_rule, data, format, output, mall, out, err);
        }
        if (verify->parsed()) return cmd_verify(verify_report, verify_options, out, err);
        if (diff->parsed()) {
            if (diff_format != "md" && diff_format != "json") {
                err << "malkoll: okänt format '" << diff_format << "'; välj md eller json\n\n" << kUsage;
                return 2;
            }
            return cmd_diff(diff_old, diff_new, diff_format, out, err);
        }
        if (schema->parsed()) return cmd_schema(schema_output, out, err);
        if (hamta->parsed()) {
            const int code = cmd_hamta(hamta_cmd, out, err);
            if (code == 2) err << "\n" << kUsage;  // a year or date that is not one
            return code;
        }
        if (explain->parsed()) {
            if (explain_format != "text" && explain_format != "json") {
                err << "malkoll: okänt format '" << explain_format << "'; välj text eller json\n\n" << kUsage;
                return 2;
            }
            return cmd_explain(explain_rule, explain_id, data, explain_format, out, err);
        }
    } catch (const std::exception& e) {
        // Never a trace out of main: an internal fault is still a Swedish message.
        err << "malkoll: internt fel: " << e.what() << "\n";
        return 1;
    }
    err << "malkoll: ange ett kommando: " << either(command_names()) << "\n\n" << kUsage;
    return 2;
}

}  // namespace

}  // namespace malkoll
