#include "engine/report/report_diff.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/core/json_text.hpp"
#include "engine/core/json_writer.hpp"
#include "engine/core/text.hpp"
#include "grammar/value_literal.hpp"

namespace malkoll {

using namespace difftext;

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

}  // namespace

bool looks_like_json(std::string_view bytes) {
    if (bytes.substr(0, kBom.size()) == kBom) bytes.remove_prefix(kBom.size());
    for (char c : bytes) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
        return c == '{';
    }
    return false;
}

// ---- reading a report ----------------------------------------------------------

namespace {

using Json = nlohmann::json;

// Thrown inside the reader only: the first field that is not as a report has it.
struct ShapeError {
    std::vector<JsonStep> path;
    std::string message;
};

std::string type_word(const Json& j) {
    switch (j.type()) {
        case Json::value_t::object: return "ett objekt";
        case Json::value_t::array: return "en lista";
        case Json::value_t::string: return "en text";
        case Json::value_t::boolean: return "sant eller falskt";
        case Json::value_t::null: return "null";
        case Json::value_t::number_integer:
        case Json::value_t::number_unsigned:
        case Json::value_t::number_float: return "ett tal";
        default: return "något annat";
    }
}

enum class Want : std::uint8_t { Text, TextOrNull, Bool, NumberOrNull, Integer, Object, TextListOrNull };

const char* want_word(Want w) {
    switch (w) {
        case Want::Text: return "en text";
        case Want::TextOrNull: return "en text eller null";
        case Want::Bool: return "true eller false";
        case Want::NumberOrNull: return "ett tal eller null";
        case Want::Integer: return "ett heltal";
        case Want::Object: return "ett objekt";
        case Want::TextListOrNull: return "en lista med texter eller null";
    }
    return "";
}

bool fits(const Json& j, Want w) {
    switch (w) {
        case Want::Text: return j.is_string();
        case Want::TextOrNull: return j.is_string() || j.is_null();
        case Want::Bool: return j.is_boolean();
        case Want::NumberOrNull: return j.is_number() || j.is_null();
        case Want::Integer: return j.is_number_integer();
        case Want::Object: return j.is_object();
        case Want::TextListOrNull:
            if (j.is_null()) return true;
            if (!j.is_array()) return false;
            return std::all_of(j.begin(), j.end(), [](const Json& e) { return e.is_string(); });
    }
    return false;
}

class Reader {
public:
    ReportSnapshot read(const Json& r) {
        ReportSnapshot s;
        if (!r.is_object()) fail(fmt::format("filen är ingen JSON-rapport från malkoll: den är {}, inte ett objekt", type_word(r)));
        const auto engine = r.find("engine");
        if (engine == r.end())
            fail("filen är ingen JSON-rapport från malkoll: fältet 'engine' saknas; skriv rapporten med "
                 "'malkoll assess REGELFIL --format json'");
        {
            Step e(*this, "engine");
            if (!engine->is_object()) fail(fmt::format("'engine' ska vara ett objekt, men är {}", type_word(*engine)));
            const auto name = engine->find("name");
            if (name == engine->end() || !name->is_string() || name->get_ref<const std::string&>() != "malkoll") {
                if (name != engine->end()) path_.push_back({"name"});
                fail("filen är ingen JSON-rapport från malkoll: 'engine.name' ska vara \"malkoll\"");
            }
            s.engine_version = text(*engine, "version");
        }
        // A workbook's input names its sheet (docs/excel.md); other inputs have none.
        each(r, "inputs", true, [&](const Json& in) {
            s.inputs.push_back({text(in, "path"), text(in, "sha256"), text_or_null(in, "sheet", false).value_or("")});
        });
        s.committee = text_or_null(r, "committee", true);
        s.municipality = text_or_null(r, "municipality", false);
        s.decision = text_or_null(r, "decision", false);
        s.year = field(r, "year", Want::Integer, true)->get<long long>();
        s.report = text(r, "report");
        s.period = text(r, "period");
        each(r, "goals", true, [&](const Json& g) { read_goal(s, g); });
        each(r, "municipal_goals", false, [&](const Json& l) { read_level(s, l, ReportLevel::MunicipalGoal); });
        each(r, "areas", false, [&](const Json& l) { read_level(s, l, ReportLevel::Area); });
        each(r, "key_figures", false, [&](const Json& t) {
            const std::string committee = text_or_null(t, "committee", false).value_or("");
            const std::string heading = text(t, "heading");
            each(t, "rows", true, [&](const Json& row) {
                ReportItem it;
                it.level = ReportLevel::KeyFigure;
                it.committee = committee;
                it.table = heading;
                it.id = text(row, "id");
                it.name = text(row, "name");
                it.unit = text_or_null(row, "unit", false);
                it.target = text_or_null(row, "target", false);
                it.data_source = text_or_null(row, "data_source", false);
                read_values(s, it, row, false);
                s.items.push_back(std::move(it));
            });
        });
        return s;
    }

private:
    std::vector<JsonStep> path_;

    struct Step {
        Reader& r;
        Step(Reader& reader, std::string key) : r(reader) { r.path_.push_back({std::move(key)}); }
        Step(Reader& reader, std::size_t index) : r(reader) { r.path_.push_back({"", index, false}); }
        ~Step() { r.path_.pop_back(); }
        Step(const Step&) = delete;
        Step& operator=(const Step&) = delete;
    };

    [[noreturn]] void fail(std::string message) { throw ShapeError{path_, std::move(message)}; }

    std::string here() const {
        const std::string p = json_path_text(path_);
        return p.empty() ? "rapporten" : "'" + p + "'";
    }

    // The member `key` of the object at the current path, checked against
    // `w`; nullptr when it is absent and not required.
    const Json* field(const Json& o, const char* key, Want w, bool required) {
        const auto it = o.find(key);
        if (it == o.end()) {
            if (!required) return nullptr;
            std::string message = fmt::format("{} saknar fältet '{}'", here(), key);
            std::vector<std::string> keys;
            for (const auto& [k, v] : o.items()) keys.push_back(k);
            if (auto near = suggest(key, keys)) {
                path_.push_back({*near});
                message += fmt::format("; menade du '{}' i stället för '{}'?", key, *near);
            }
            fail(std::move(message));
        }
        if (!fits(*it, w)) {
            Step at(*this, key);
            fail(fmt::format("{} ska vara {}, men är {}", here(), want_word(w), type_word(*it)));
        }
        return &*it;
    }

    std::string text(const Json& o, const char* key) { return field(o, key, Want::Text, true)->get<std::string>(); }

    std::optional<std::string> text_or_null(const Json& o, const char* key, bool required) {
        const Json* j = field(o, key, Want::TextOrNull, required);
        if (!j || j->is_null()) return std::nullopt;
        return j->get<std::string>();
    }

    std::optional<double> number_or_null(const Json& o, const char* key) {
        const Json* j = field(o, key, Want::NumberOrNull, true);
        if (j->is_null()) return std::nullopt;
        return j->get<double>();
    }

    // Each object of the list `key`.
    template <class F>
    void each(const Json& o, const char* key, bool required, F&& f) {
        const auto it = o.find(key);
        if (it == o.end()) {
            if (required) field(o, key, Want::Object, true);  // the message for a missing field
            return;
        }
        Step at(*this, key);
        if (!it->is_array()) fail(fmt::format("{} ska vara en lista, men är {}", here(), type_word(*it)));
        for (std::size_t i = 0; i < it->size(); ++i) {
            Step element(*this, i);
            const Json& e = (*it)[i];
            if (!e.is_object()) fail(fmt::format("{} ska vara ett objekt, men är {}", here(), type_word(e)));
            f(e);
        }
    }

    ReportJudgement judgement(const Json& o, bool manual_field) {
        ReportJudgement j;
        j.result = text_or_null(o, "result", true);
        j.level = text_or_null(o, "level", false);
        j.label = text_or_null(o, "label", true);
        if (manual_field) j.manual = field(o, "manual", Want::Bool, true)->get<bool>();
        return j;
    }

    void read_values(ReportSnapshot& s, ReportItem& it, const Json& o, bool status) {
        each(o, "values", true, [&](const Json& v) {
            ComparedValue c;
            c.period = text(v, "period");
            c.series = text(v, "series");
            const auto value = number_or_null(v, "value"), low = number_or_null(v, "low"), high = number_or_null(v, "high");
            c.text = text(v, "text");
            c.note = text_or_null(v, "note", true).value_or("");
            if (value) {
                c.shape = ValueShape::Number;
                c.lo = c.hi = *value;
            } else if (low && high) {
                c.shape = ValueShape::Interval;
                c.lo = *low;
                c.hi = *high;
            } else {
                // A status indicator's word has no number (docs/regelfil.md); any other value without one is missing.
                c.shape = status ? ValueShape::Word : ValueShape::Missing;
            }
            // The report keeps a value's unit in its text, as written ("39 %").
            if (c.shape == ValueShape::Number || c.shape == ValueShape::Interval)
                if (const ValueParse p = parse_value_literal(c.text); p.value) c.unit = p.value->unit;
            s.periods.insert(c.period);
            it.values.push_back(std::move(c));
        });
    }

    void read_goal(ReportSnapshot& s, const Json& g) {
        ReportItem goal;
        goal.level = ReportLevel::Goal;
        goal.id = text(g, "id");
        goal.committee = text_or_null(g, "committee", false).value_or("");
        goal.name = text(g, "name");
        goal.area = text_or_null(g, "area", true).value_or("");
        goal.municipal_goal = text_or_null(g, "municipal_goal", true).value_or("");
        goal.judgement = judgement(g, true);
        goal.motivering = text_or_null(g, "motivering", false);
        const std::string committee = goal.committee, goal_id = goal.id, goal_name = goal.name;
        s.items.push_back(std::move(goal));
        each(g, "indicators", true, [&](const Json& i) {
            ReportItem ind;
            ind.level = ReportLevel::Indicator;
            ind.committee = committee;
            ind.goal_id = goal_id;
            ind.goal_name = goal_name;
            ind.id = text(i, "id");
            ind.name = text(i, "name");
            ind.unit = text_or_null(i, "unit", false);
            ind.direction = text_or_null(i, "direction", false);
            ind.target = text_or_null(i, "target", false);
            ind.data_source = text_or_null(i, "data_source", false);
            ind.judgement = judgement(i, true);
            ind.motivering = text_or_null(i, "motivering", false);
            bool status = false;
            if (const Json* scale = field(i, "value_scale", Want::TextListOrNull, false); scale && scale->is_array()) {
                status = true;
                std::string words;
                for (const auto& w : *scale) words += (words.empty() ? "" : ", ") + w.get<std::string>();
                ind.value_scale = words;
            }
            read_values(s, ind, i, status);
            each(i, "series_results", false, [&](const Json& r) { ind.series.push_back({text(r, "series"), judgement(r, false)}); });
            s.items.push_back(std::move(ind));
        });
    }

    void read_level(ReportSnapshot& s, const Json& l, ReportLevel level) {
        ReportItem it;
        it.level = level;
        it.id = text(l, "id");
        it.name = text(l, "name");
        if (level == ReportLevel::MunicipalGoal) it.area = text(l, "area");
        it.judgement = judgement(l, true);
        it.motivering = text_or_null(l, "motivering", false);
        s.items.push_back(std::move(it));
    }
};

}  // namespace

std::optional<ReportSnapshot> read_report_json(const std::string& file, FileBytes bytes, SourceSet& sources, Diagnostics& diags) {
    const std::size_t skip = bytes.view().substr(0, kBom.size()) == kBom ? kBom.size() : 0;  // columns count from after it
    const SourceFile& src = sources.file(sources.add(file, std::move(bytes), skip, ""));
    const std::string_view text = src.text();
    auto error_at = [&](std::size_t offset, std::string message) {
        diags.error("diff.report", src.position_at(std::min(offset, text.size())), std::move(message));
        return std::nullopt;
    };
    if (const std::size_t at = json_too_deep_at(text, kMaxReportDepth); at != std::string_view::npos)
        return error_at(at, fmt::format("rapporten är nästlad djupare än {} nivåer; det är ingen JSON-rapport från malkoll",
                                        kMaxReportDepth));
    Json report;
    try {
        // What is not compared – the traces and justifications are the bulk of
        // a report – is dropped as it is read.
        report = Json::parse(text.begin(), text.end(), [](int, Json::parse_event_t event, Json& parsed) {
            if (event != Json::parse_event_t::key || !parsed.is_string()) return true;
            const std::string& key = parsed.get_ref<const std::string&>();
            for (const char* unused : {"trace", "justification", "source", "rule_result", "rule_level", "development", "children",
                                       "summary", "assignments"})
                if (key == unused) return false;
            return true;
        });
    } catch (const Json::parse_error& e) {
        const std::string what = e.what();
        std::string message = "ogiltig JSON här; en fil som börjar med '{' läses som en JSON-rapport från malkoll";
        if (what.find("unexpected end of input") != std::string::npos)
            message = "JSON-texten tar slut för tidigt; filen är inte en hel JSON-rapport";
        else if (what.find("UTF-8") != std::string::npos)
            message = "ogiltig UTF-8 här; en JSON-rapport från malkoll är UTF-8";
        return error_at(e.byte == 0 ? 0 : e.byte - 1, std::move(message));
    }
    try {
        ReportSnapshot s = Reader().read(report);
        s.file = file;
        return s;
    } catch (const ShapeError& e) {
        return error_at(json_locate(text, e.path), e.message);
    } catch (const std::exception&) {
        // Not expected after the checks; a report is never a crash.
        return error_at(0, "filen kan inte läsas som en JSON-rapport från malkoll");
    }
}

// ---- comparing ---------------------------------------------------------------

namespace {

std::string item_key(const ReportItem& it) {
    return fmt::format("{}\x1f{}\x1f{}", static_cast<int>(it.level), nfc(it.committee), nfc(it.id));
}

bool same_text(const std::optional<std::string>& a, const std::optional<std::string>& b) {
    return one_line(a.value_or("")) == one_line(b.value_or(""));
}

// Where an item stands, compared for a move.
bool same_place(const ReportItem& a, const ReportItem& b) {
    switch (a.level) {
        case ReportLevel::Goal: return one_line(a.area) == one_line(b.area) && one_line(a.municipal_goal) == one_line(b.municipal_goal);
        case ReportLevel::Indicator: return nfc(a.goal_id) == nfc(b.goal_id);
        case ReportLevel::MunicipalGoal: return one_line(a.area) == one_line(b.area);
        case ReportLevel::KeyFigure: return one_line(a.table) == one_line(b.table);
        case ReportLevel::Area: return true;
    }
    return true;
}

void field_change(std::vector<FieldChange>& out, std::string field, const std::optional<std::string>& was,
                  const std::optional<std::string>& now) {
    if (!same_text(was, now)) out.push_back({std::move(field), was, now});
}

}  // namespace

ReportDiff diff_reports(const ReportSnapshot& o, const ReportSnapshot& n) {
    ReportDiff d{&o, &n, {}, {}, {}, {}, {}, {}, {}, {}};

    // The inputs: the rule file first (whatever its name).
    if (!o.inputs.empty() || !n.inputs.empty()) {
        std::optional<InputFile> a, b;
        if (!o.inputs.empty()) a = o.inputs.front();
        if (!n.inputs.empty()) b = n.inputs.front();
        if (!a || !b || a->path != b->path || a->sha256 != b->sha256 || a->sheet != b->sheet) d.inputs.push_back({true, a, b});
    }
    // The others by path (and a workbook's sheet).
    const std::vector<InputFile> old_data(o.inputs.begin() + (o.inputs.empty() ? 0 : 1), o.inputs.end());
    const std::vector<InputFile> new_data(n.inputs.begin() + (n.inputs.empty() ? 0 : 1), n.inputs.end());
    auto by_path = [](const InputFile& f) { return f.sheet.empty() ? f.path : f.path + ':' + f.sheet; };
    const auto old_paths = occurrence_keys(old_data, by_path), new_paths = occurrence_keys(new_data, by_path);
    for (std::size_t i = 0; i < new_data.size(); ++i) {
        const auto w = std::find(old_paths.begin(), old_paths.end(), new_paths[i]);
        if (w == old_paths.end()) d.inputs.push_back({false, std::nullopt, new_data[i]});
        else if (const InputFile& was = old_data[static_cast<std::size_t>(w - old_paths.begin())]; was.sha256 != new_data[i].sha256)
            d.inputs.push_back({false, was, new_data[i]});
    }
    for (std::size_t i = 0; i < old_data.size(); ++i)
        if (std::find(new_paths.begin(), new_paths.end(), old_paths[i]) == new_paths.end()) d.inputs.push_back({false, old_data[i], std::nullopt});

    field_change(d.report, "engine", o.engine_version, n.engine_version);
    field_change(d.report, "committee", o.committee, n.committee);
    field_change(d.report, "municipality", o.municipality, n.municipality);
    field_change(d.report, "report", o.report, n.report);
    field_change(d.report, "decision", o.decision, n.decision);

    std::set<std::string> both;
    for (const auto& p : n.periods)
        if (o.periods.count(p)) both.insert(p);

    // Items by level, nämnd and id.
    auto keys = [](const ReportSnapshot& s) { return occurrence_keys(s.items, item_key); };
    const std::vector<std::string> old_keys = keys(o), new_keys = keys(n);
    std::map<std::string, const ReportItem*> old_items;
    for (std::size_t i = 0; i < o.items.size(); ++i) old_items.emplace(old_keys[i], &o.items[i]);
    const std::set<std::string> new_items(new_keys.begin(), new_keys.end());

    for (std::size_t k = 0; k < n.items.size(); ++k) {
        const ReportItem& it = n.items[k];
        const auto found = old_items.find(new_keys[k]);
        if (found == old_items.end()) {
            d.added.push_back(&it);
            continue;
        }
        const ReportItem& was = *found->second;
        if (it.judgement && was.judgement && !it.judgement->same_as(*was.judgement))
            d.judgements.push_back({&it, std::nullopt, *was.judgement, *it.judgement});
        // Series judged apart: by name, as serier are compared.
        auto series_keys = [](const std::vector<ReportSeriesResult>& list) {
            return occurrence_keys(list, [](const ReportSeriesResult& r) { return word_key(r.series); });
        };
        const auto was_series = series_keys(was.series), now_series = series_keys(it.series);
        for (std::size_t i = 0; i < it.series.size(); ++i) {
            const auto w = std::find(was_series.begin(), was_series.end(), now_series[i]);
            const ReportJudgement before = w == was_series.end() ? ReportJudgement{} : was.series[static_cast<std::size_t>(w - was_series.begin())].judgement;
            if (!before.same_as(it.series[i].judgement)) d.judgements.push_back({&it, it.series[i].series, before, it.series[i].judgement});
        }
        for (std::size_t i = 0; i < was.series.size(); ++i)
            if (std::find(now_series.begin(), now_series.end(), was_series[i]) == now_series.end())
                d.judgements.push_back({&it, was.series[i].series, was.series[i].judgement, ReportJudgement{}});
        for (auto& c : compare_values(was.values, it.values, both)) d.values.push_back({&it, std::move(c)});
        if (!same_place(was, it)) d.moved.push_back({&was, &it});
        std::vector<FieldChange> f;
        field_change(f, "name", was.name, it.name);
        field_change(f, "unit", was.unit, it.unit);
        field_change(f, "direction", was.direction, it.direction);
        field_change(f, "target", was.target, it.target);
        field_change(f, "value_scale", was.value_scale, it.value_scale);
        field_change(f, "data_source", was.data_source, it.data_source);
        field_change(f, "motivering", was.motivering, it.motivering);
        for (auto& c : f) d.fields.push_back({&it, std::move(c)});
    }
    for (std::size_t i = 0; i < o.items.size(); ++i)
        if (!new_items.count(old_keys[i])) d.removed.push_back(&o.items[i]);
    return d;
}

// ---- Markdown ----------------------------------------------------------------

namespace {

std::string shown_id(const ReportItem& it) { return it.committee.empty() ? it.id : it.committee + "/" + it.id; }

std::string item_named(const ReportItem& it) { return named(it.name, shown_id(it)); }

const char* level_subject(ReportLevel l) {
    switch (l) {
        case ReportLevel::Goal: return "Nämndmålet";
        case ReportLevel::Indicator: return "Indikatorn";
        case ReportLevel::MunicipalGoal: return "Kommunmålet";
        case ReportLevel::Area: return "Målområdet";
        case ReportLevel::KeyFigure: return "Nyckeltalet";
    }
    return "";
}

// The label people read, with "(manuell)" for a manual judgement; a budget
// (or a series not judged apart) has none.
std::string judgement_shown(const ReportJudgement& j) {
    if (!j.label) return "ingen bedömning";
    return one_line(*j.label) + (j.manual ? " (manuell)" : "");
}

// "kommunmålet ”…” i målområdet ”…”", "nämndmålet ”…”", "tabellen ”…”".
std::string place(const ReportItem& it) {
    switch (it.level) {
        case ReportLevel::Goal:
            if (one_line(it.municipal_goal).empty()) return "målområdet " + difftext::quoted(it.area);
            return fmt::format("kommunmålet {} i målområdet {}", difftext::quoted(it.municipal_goal), difftext::quoted(it.area));
        case ReportLevel::Indicator: return "nämndmålet " + difftext::quoted(it.goal_name);
        case ReportLevel::MunicipalGoal: return "målområdet " + difftext::quoted(it.area);
        case ReportLevel::KeyFigure: return "tabellen " + difftext::quoted(it.table);
        case ReportLevel::Area: return "";
    }
    return "";
}

std::string added_item(const ReportItem& it) {
    std::string s = item_named(it);
    const std::string p = place(it);
    if (!p.empty()) s += (it.level == ReportLevel::Goal || it.level == ReportLevel::Indicator ? " under " : " i ") + p;
    if (it.judgement && it.judgement->label) s += ", bedömning: " + judgement_shown(*it.judgement);
    return s;
}

std::string sha_shown(const std::string& sha) { return code(sha.substr(0, 12) + "…"); }

std::string input_item(const InputChange& c) {
    const char* file = c.rule_file ? "Regelfilen" : "Indatafilen";
    if (c.was && c.now) {
        if (c.was->path == c.now->path)
            return fmt::format("{} {} har ändrats (sha256 {} → {})", file, code(c.now->path), sha_shown(c.was->sha256), sha_shown(c.now->sha256));
        return fmt::format("{}: {} (sha256 {}) → {} (sha256 {})", file, code(c.was->path), sha_shown(c.was->sha256), code(c.now->path),
                           sha_shown(c.now->sha256));
    }
    if (c.now) return fmt::format("Ny {}: {} (sha256 {})", c.rule_file ? "regelfil" : "indatafil", code(c.now->path), sha_shown(c.now->sha256));
    return fmt::format("{} {} används inte längre", file, code(c.was->path));
}

struct FieldForm {
    const char* field;
    const char* label;
    Quote quote;
};

constexpr FieldForm kFields[] = {
    {"engine", "Motorn", code},        {"committee", "Nämnd", quoted},   {"municipality", "Kommun", quoted},
    {"report", "Rapport", code},       {"decision", "Beslut", quoted},   {"name", "Namn", quoted},
    {"unit", "Enhet", code},           {"direction", "Riktning", code},  {"target", "Mål", code},
    {"value_scale", "Värdeskala", code}, {"data_source", "Källa", quoted}, {"motivering", "Motivering", quoted},
};

std::string field_item(const FieldChange& c) {
    for (const auto& f : kFields) {
        if (c.field != f.field) continue;
        Items one;
        std::string was = c.was.value_or(""), now = c.now.value_or("");
        if (c.field == "engine") was = was.empty() ? "" : "malkoll " + was, now = now.empty() ? "" : "malkoll " + now;
        text_change(one, f.label, was, now, f.quote);
        if (!one.empty()) return one.front();
    }
    return c.field;
}

const char* plural(ReportLevel l) {
    switch (l) {
        case ReportLevel::Goal: return "nämndmål";
        case ReportLevel::Indicator: return "indikatorer";
        case ReportLevel::MunicipalGoal: return "kommunmål";
        case ReportLevel::Area: return "målområden";
        case ReportLevel::KeyFigure: return "nyckeltal";
    }
    return "";
}

}  // namespace

void render_report_diff_markdown(const ReportDiff& d, std::ostream& out) {
    const ReportSnapshot& o = *d.was;
    const ReportSnapshot& n = *d.now;
    const std::string who = n.committee ? *n.committee : n.municipality.value_or("");
    out << "# Ändringar från rapporten " << one_line(o.period) << " till rapporten " << one_line(n.period)
        << (one_line(who).empty() ? "" : ", " + one_line(who)) << "\n";

    std::vector<Section> sections;
    Section inputs{"Indata", {{}}};
    for (const auto& c : d.inputs) inputs.blocks[0].items.push_back(input_item(c));
    sections.push_back(std::move(inputs));
    Section general{"Allmänt", {{}}};
    for (const auto& c : d.report) general.blocks[0].items.push_back(field_item(c));
    sections.push_back(std::move(general));

    Section judgements{"Ändrade bedömningar", {{}}};
    for (const auto& c : d.judgements) {
        std::string who_item = std::string(level_subject(c.item->level)) + " " + item_named(*c.item);
        if (c.series) who_item += ", serien " + code(*c.series);
        judgements.blocks[0].items.push_back(fmt::format("{}: {} → {}", who_item, judgement_shown(c.was), judgement_shown(c.now)));
    }
    sections.push_back(std::move(judgements));

    // Values under their indicator or nyckeltal row (its changes are consecutive).
    Section values{"Ändrade värden", {}};
    for (std::size_t i = 0; i < d.values.size(); ++i) {
        const ReportItem* it = d.values[i].item;
        if (i == 0 || d.values[i - 1].item != it) values.blocks.push_back({heading(it->name, shown_id(*it)), {}});
        values.blocks.back().items.push_back(value_change_item(d.values[i].change));
    }
    sections.push_back(std::move(values));

    for (ReportLevel level : {ReportLevel::Goal, ReportLevel::Indicator, ReportLevel::MunicipalGoal, ReportLevel::Area, ReportLevel::KeyFigure}) {
        const std::string word = plural(level);
        Section added{fmt::format("Nya {}", word), {{}}}, removed{fmt::format("Borttagna {}", word), {{}}},
            moved{fmt::format("Flyttade {}", word), {{}}}, changed{fmt::format("Ändrade {}", word), {}};
        for (const ReportItem* it : d.added)
            if (it->level == level) added.blocks[0].items.push_back(added_item(*it));
        for (const ReportItem* it : d.removed)
            if (it->level == level) removed.blocks[0].items.push_back(added_item(*it));
        for (const auto& m : d.moved)
            if (m.now->level == level)
                moved.blocks[0].items.push_back(fmt::format("{} från {} till {}", item_named(*m.now), place(*m.was), place(*m.now)));
        for (std::size_t i = 0; i < d.fields.size(); ++i) {
            const ReportItem* it = d.fields[i].item;
            if (it->level != level) continue;
            if (i == 0 || d.fields[i - 1].item != it) changed.blocks.push_back({heading(it->name, shown_id(*it)), {}});
            changed.blocks.back().items.push_back(field_item(d.fields[i].change));
        }
        for (auto* s : {&added, &removed, &moved, &changed}) sections.push_back(std::move(*s));
    }

    if (!write_sections(sections, out)) out << "\nInga ändringar.\n";
}

// ---- JSON --------------------------------------------------------------------

namespace {

const char* level_code_word(ReportLevel l) {
    switch (l) {
        case ReportLevel::Goal: return "nämndmål";
        case ReportLevel::Indicator: return "indikator";
        case ReportLevel::MunicipalGoal: return "kommunmål";
        case ReportLevel::Area: return "målområde";
        case ReportLevel::KeyFigure: return "nyckeltal";
    }
    return "";
}

std::optional<std::string> opt(const std::string& s) { return s.empty() ? std::nullopt : std::optional<std::string>(s); }

void header(JsonWriter& w, const ReportSnapshot& s) {
    w.begin_object();
    w.field("file", s.file);
    w.field("engine", s.engine_version);
    w.field("committee", s.committee);
    w.field("municipality", s.municipality);
    w.field("year", s.year);
    w.field("report", s.report);
    w.field("period", s.period);
    w.end_object();
}

// The item's level, nämnd, id and name: the first fields of every entry.
void item_fields(JsonWriter& w, const ReportItem& it) {
    w.field("kind", level_code_word(it.level));
    w.field("committee", opt(it.committee));
    w.field("id", it.id);
    w.field("name", it.name);
}

void place_object(JsonWriter& w, const ReportItem& it) {
    w.begin_object();
    switch (it.level) {
        case ReportLevel::Goal:
            w.field("area", it.area);
            w.field("municipal_goal", opt(it.municipal_goal));
            break;
        case ReportLevel::Indicator:
            w.field("goal", it.goal_id);
            w.field("goal_name", it.goal_name);
            break;
        case ReportLevel::MunicipalGoal: w.field("area", it.area); break;
        case ReportLevel::KeyFigure: w.field("table", it.table); break;
        case ReportLevel::Area: break;
    }
    w.end_object();
}

void judgement_object(JsonWriter& w, const ReportJudgement& j) {
    w.begin_object();
    w.field("result", j.result);
    w.field("level", j.level);
    w.field("label", j.label);
    w.field("manual", j.manual);
    w.end_object();
}

void value_object(JsonWriter& w, const std::optional<ComparedValue>& v) {
    if (!v) {
        w.null();
        return;
    }
    w.begin_object();
    if (v->shape == ValueShape::Number) w.field("value", v->lo);
    else w.field("value", nullptr);
    if (v->shape == ValueShape::Interval) {
        w.field("low", v->lo);
        w.field("high", v->hi);
    } else {
        w.field("low", nullptr);
        w.field("high", nullptr);
    }
    w.field("text", v->text);
    w.field("note", opt(v->note));
    w.end_object();
}

void input_object(JsonWriter& w, const std::optional<InputFile>& f) {
    if (!f) {
        w.null();
        return;
    }
    w.begin_object();
    w.field("path", f->path);
    w.field("sha256", f->sha256);
    w.end_object();
}

}  // namespace

void render_report_diff_json(const ReportDiff& d, std::ostream& out) {
    JsonWriter w(out);
    w.begin_object();
    w.key("old");
    header(w, *d.was);
    w.key("new");
    header(w, *d.now);
    w.field("count", d.count());

    w.key("inputs");
    w.begin_array();
    for (const auto& c : d.inputs) {
        w.begin_object();
        w.field("role", c.rule_file ? "regelfil" : "indatafil");
        w.field("change", c.was && c.now ? "ändrad" : c.now ? "ny" : "borttagen");
        w.key("old");
        input_object(w, c.was);
        w.key("new");
        input_object(w, c.now);
        w.end_object();
    }
    w.end_array();

    w.key("report");
    w.begin_array();
    for (const auto& c : d.report) {
        w.begin_object();
        w.field("field", c.field);
        w.field("old", c.was);
        w.field("new", c.now);
        w.end_object();
    }
    w.end_array();

    w.key("judgements");
    w.begin_array();
    for (const auto& c : d.judgements) {
        w.begin_object();
        item_fields(w, *c.item);
        w.field("series", c.series);
        w.key("old");
        judgement_object(w, c.was);
        w.key("new");
        judgement_object(w, c.now);
        w.end_object();
    }
    w.end_array();

    w.key("values");
    w.begin_array();
    for (const auto& c : d.values) {
        const ComparedValue& at = c.change.now ? *c.change.now : *c.change.was;
        w.begin_object();
        item_fields(w, *c.item);
        w.field("period", at.period);
        w.field("series", at.series);
        w.field("change", c.change.kind == ValueChangeKind::Restated ? "ändrat" : c.change.kind == ValueChangeKind::Added ? "tillagt" : "borttaget");
        w.key("old");
        value_object(w, c.change.was);
        w.key("new");
        value_object(w, c.change.now);
        w.end_object();
    }
    w.end_array();

    for (const auto& [key, list] : {std::pair<const char*, const std::vector<const ReportItem*>*>{"added", &d.added}, {"removed", &d.removed}}) {
        w.key(key);
        w.begin_array();
        for (const ReportItem* it : *list) {
            w.begin_object();
            item_fields(w, *it);
            w.key("place");
            place_object(w, *it);
            w.key("judgement");
            if (it->judgement) judgement_object(w, *it->judgement);
            else w.null();
            w.end_object();
        }
        w.end_array();
    }

    w.key("moved");
    w.begin_array();
    for (const auto& m : d.moved) {
        w.begin_object();
        item_fields(w, *m.now);
        w.key("old_place");
        place_object(w, *m.was);
        w.key("new_place");
        place_object(w, *m.now);
        w.end_object();
    }
    w.end_array();

    w.key("fields");
    w.begin_array();
    for (const auto& c : d.fields) {
        w.begin_object();
        item_fields(w, *c.item);
        w.field("field", c.change.field);
        w.field("old", c.change.was);
        w.field("new", c.change.now);
        w.end_object();
    }
    w.end_array();
    w.end_object();
    out << "\n";
}

}  // namespace malkoll
