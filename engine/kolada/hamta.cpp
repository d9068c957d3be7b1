#include "engine/kolada/hamta.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/core/text.hpp"

namespace malkoll {

namespace {

using json = nlohmann::json;

constexpr std::size_t kPerSegment = 25;   // ids in one path segment (docs/kolada.md)
constexpr std::size_t kMaxPages = 1000;   // a paging loop that never ends is an error

bool is_kpi(const std::string& k) {
    return k.size() == 6 && (k[0] == 'N' || k[0] == 'U') && std::all_of(k.begin() + 1, k.end(), [](char c) { return c >= '0' && c <= '9'; });
}

template <class T>
std::vector<std::vector<T>> chunks(const std::vector<T>& all, std::size_t size) {
    std::vector<std::vector<T>> out;
    for (std::size_t i = 0; i < all.size(); i += size)
        out.emplace_back(all.begin() + static_cast<std::ptrdiff_t>(i), all.begin() + static_cast<std::ptrdiff_t>(std::min(all.size(), i + size)));
    return out;
}

std::string joined(const std::vector<std::string>& v, const char* sep = ",") {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? sep : "") + v[i];
    return s;
}

// A Kolada value as the data file writes it: the number as Kolada gave it,
// decimal comma, no grouping; a mean (`decimals` 1) with one decimal, a
// trailing ",0" dropped (docs/regelspråk.md, tal).
std::string number_text(double v, int decimals = -1) {
    char buf[400];  // the longest fixed form of a double
    if (v == 0) v = 0;  // never "-0"
    auto r = decimals < 0 ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed)
                          : std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
    if (r.ec != std::errc{}) return "i.u.";
    std::string s(buf, r.ptr);
    if (decimals > 0 && s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
    if (s == "-0") s = "0";
    std::replace(s.begin(), s.end(), '.', ',');
    return s;
}

// RFC 4180: a field with ; " CR or LF is quoted, " doubled.
std::string csv_field(const std::string& s) {
    if (s.find_first_of(";\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

struct KpiMeta {
    bool found = false;
    bool by_gender = false;
    std::string publication_date;  // ÅÅÅÅ-MM-DD, "" none
    std::string publ_period;       // the year the coming publication covers, "" none
};

struct GroupMeta {
    std::vector<std::string> members;
};

// (kpi, municipality or group id, year, gender) → value, or null.
struct Key {
    std::string kpi, unit;
    int year = 0;
    char gender = 'T';
    bool operator<(const Key& o) const { return std::tie(kpi, unit, year, gender) < std::tie(o.kpi, o.unit, o.year, o.gender); }
};
struct Value {
    std::optional<double> value;
    long count = 1;
};

// Reads every page of one request, with retries after 429, and hands each
// page's JSON to `on_page`; false with `error` set when anything fails.
class Reader {
public:
    Reader(const HamtaOptions& o, Transport& t, HamtaResult& r) : o_(o), t_(t), r_(r) {}

    // `values`: every page must have the list `values` (all but a group's own answer).
    bool each_page(const std::string& first_url, const std::function<bool(const json&, const std::string&)>& on_page, bool values = true) {
        std::string url = first_url;
        std::set<std::string> seen;
        for (std::size_t page = 0; !url.empty(); ++page) {
            if (page >= kMaxPages || !seen.insert(url).second)
                return fail(fmt::format("Kolada skickade sidor utan slut (nästa sida {}) efter {}", url, first_url));
            json body;
            if (!get_json(url, body)) return false;
            const bool list = body.is_object() && body.contains("values") && body["values"].is_array();
            if (!body.is_object() || (values && !list)) return fail(fmt::format("Kolada svarade utan listan 'values' på {}", url));
            if (!on_page(body, url)) return false;
            // The next page, until there is none (null, missing or empty) or a page is empty.
            std::string next;
            if (body.contains("next_url") && body["next_url"].is_string()) next = body["next_url"].get<std::string>();
            if (!list || body["values"].empty()) next.clear();
            if (!next.empty() && next.rfind("/", 0) == 0) next = origin(o_.base_url) + next;  // a path on the same host
            if (!next.empty() && !saved_answer_path(o_.base_url, next))
                return fail(fmt::format("Kolada pekade nästa sida till {}, som inte ligger under {} (efter {})", next, o_.base_url, url));
            if (!next.empty()) {
                ++planned_;
                progress();
            }
            url = next;
        }
        return true;
    }

    bool fail(std::string why) {
        r_.error = std::move(why);
        return false;
    }
    void plan(std::size_t n) { planned_ += n; }

private:
    static std::string origin(const std::string& base) {
        const std::size_t scheme = base.find("://");
        const std::size_t path = base.find('/', scheme == std::string::npos ? 0 : scheme + 3);
        return path == std::string::npos ? base : base.substr(0, path);
    }

    void progress() {
        if (o_.progress) o_.progress(r_.requests, planned_);
    }

    bool get_json(const std::string& url, json& out) {
        HttpAnswer a;
        for (int attempt = 0;; ++attempt) {
            a = t_.get(url);
            ++r_.requests;
            progress();
            if (a.status != 429) break;
            if (attempt >= o_.retries)
                return fail(fmt::format("Kolada begränsar antalet anrop och svarade 429 även efter {} nya försök på {}", o_.retries, url));
            // Kolada's Retry-After when it says one (at most a minute), else 1, 2, 4, 8 s.
            const int ms = a.retry_after ? std::min(*a.retry_after, 60) * 1000 : 1000 << attempt;
            if (o_.wait) o_.wait(ms);
        }
        if (a.status == 0) return fail(a.failure);
        if (a.status != 200) return fail(fmt::format("Kolada svarade {} på {}", a.status, url));
        try {
            out = json::parse(a.body);
        } catch (const json::parse_error& e) {
            return fail(fmt::format("Kolada svarade med ogiltig JSON (vid byte {}) på {}", e.byte, url));
        }
        if (auto path = saved_answer_path(o_.base_url, url)) r_.answers.emplace_back(*path, a.body);
        return true;
    }

    const HamtaOptions& o_;
    Transport& t_;
    HamtaResult& r_;
    std::size_t planned_ = 0;
};

// A field that may be a boolean, 0/1 or missing.
bool truthy(const json& o, const char* key) {
    if (!o.is_object() || !o.contains(key)) return false;
    const json& v = o[key];
    return (v.is_boolean() && v.get<bool>()) || (v.is_number_integer() && v.get<long long>() != 0);
}

std::string text_of(const json& o, const char* key) {
    if (!o.is_object() || !o.contains(key)) return "";
    const json& v = o[key];
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer()) return std::to_string(v.get<long long>());
    return "";
}

// One page of /data: rows of (kpi, municipality, period) with a value per gender.
bool read_data_page(const json& page, const std::string& url, std::map<Key, Value>& values, Reader& reader) {
    for (const json& row : page["values"]) {
        const std::string kpi = text_of(row, "kpi"), unit = text_of(row, "municipality"), period = text_of(row, "period");
        int year = 0;
        if (kpi.empty() || unit.empty() || std::from_chars(period.data(), period.data() + period.size(), year).ec != std::errc{} ||
            !row.contains("values") || !row["values"].is_array())
            return reader.fail(fmt::format("Kolada svarade med en rad utan kpi, municipality, period eller values på {}", url));
        if (truthy(row, "isdeleted")) continue;  // a row Kolada has withdrawn
        for (const json& v : row["values"]) {
            const std::string gender = text_of(v, "gender");
            if (gender.size() != 1 || !v.is_object()) return reader.fail(fmt::format("Kolada svarade med ett värde utan kön (gender) på {}", url));
            if (truthy(v, "isdeleted")) continue;
            Value val;
            if (v.contains("value") && v["value"].is_number()) val.value = v["value"].get<double>();
            else if (v.contains("value") && !v["value"].is_null())
                return reader.fail(fmt::format("Kolada svarade med ett värde som inte är ett tal på {}", url));
            if (v.contains("count") && v["count"].is_number_integer()) val.count = v["count"].get<long>();
            values[Key{kpi, unit, year, gender[0]}] = val;
        }
    }
    return true;
}

// The data-lag note of a value Kolada lacks (docs/regelfil.md, Värden som
// publiceras senare): the KPI's coming publication, when it covers that year
// and lies after the retrieval date.
std::string missing_note(const KpiMeta& m, int year, const std::string& date) {
    const std::string& d = m.publication_date;
    const bool dated = d.size() == 10 && d[4] == '-' && d[7] == '-' && parse_publication("publiceras " + d.substr(0, 7));
    if (dated && m.publ_period == std::to_string(year) && d >= date) return "publiceras " + d.substr(0, 7);
    return "saknas i Kolada";
}

struct Row {
    std::size_t indicator = 0;  // file order
    int year = 0;
    int series_rank = 0;        // main, kvinnor, män, comparison
    std::string id, series, value, comment, source;
};

}  // namespace

HamtaResult hamta(const RuleFile& file, const HamtaOptions& o, Transport& transport, Diagnostics& diags) {
    HamtaResult r;
    const Position top{file.path, 0, 0};
    if (file.municipality.empty()) {
        diags.error("hamta.municipality", top, "malkoll hämta behöver kommunens Kolada-id; skriv t.ex. kommun: \"0580\" i filens huvud");
        return r;
    }
    // The indicators to fetch, the KPIs once each, and the comparison groups they name.
    std::vector<std::size_t> indicators;
    std::vector<std::string> kpis;
    std::vector<const ComparisonGroup*> group_of(file.indicators.size(), nullptr);
    std::vector<std::string> group_names;
    for (const auto& g : file.comparison_groups) group_names.push_back(g.name);
    for (std::size_t i = 0; i < file.indicators.size(); ++i) {
        const IndicatorDef& d = file.indicators[i];
        if (!is_kpi(d.kolada)) continue;  // the loader has warned
        indicators.push_back(i);
        if (std::find(kpis.begin(), kpis.end(), d.kolada) == kpis.end()) kpis.push_back(d.kolada);
        if (d.comparison.empty()) continue;
        for (const auto& g : file.comparison_groups)
            if (folds_equal(g.name, d.comparison)) group_of[i] = &g;
        if (!group_of[i]) {
            // Values of the series written in the rule file itself are the controller's choice: said, not warned about.
            bool written = false;
            if (const auto series = file.values.find_series(d.comparison)) {
                const auto [b, e] = file.values.of_indicator(static_cast<std::uint32_t>(i));
                written = std::any_of(b, e, [&](const DataValue& v) { return v.series == *series; });
            }
            if (written) {
                diags.notice("hamta.group", d.comparison_pos,
                             fmt::format("jämförelsegruppen '{}' finns inte under jämförelsegrupper:; dess värden hämtas inte, "
                                         "de som står i regelfilen används",
                                         d.comparison));
                continue;
            }
            std::string msg = fmt::format("jämförelsegruppen '{}' finns inte under jämförelsegrupper:, så dess värden hämtas inte; "
                                          "skriv t.ex. {}: [\"0180\", \"1480\"] eller ett Kolada-gruppid",
                                          d.comparison, d.comparison);
            if (auto s = suggest(d.comparison, group_names)) msg += fmt::format("; menade du '{}'?", *s);
            diags.warning("hamta.group", d.comparison_pos, msg);
        }
    }
    if (indicators.empty()) {
        diags.error("hamta.none", top, "ingen indikator har ett Kolada-id; skriv t.ex. kolada: N35001 under de indikatorer som finns i Kolada");
        return r;
    }
    r.indicators = indicators.size();

    const int last = o.last_year ? o.last_year : file.year;
    const int first = o.first_year ? o.first_year : last - 4;
    std::vector<std::string> years;
    for (int y = first; y <= last; ++y) years.push_back(std::to_string(y));

    // Whose values: the municipality, the members of the groups used, the Kolada groups.
    std::vector<std::string> units{file.municipality};
    std::vector<std::string> kolada_groups;
    for (std::size_t i : indicators)
        if (const ComparisonGroup* g = group_of[i]) {
            for (const auto& m : g->members)
                if (std::find(units.begin(), units.end(), m) == units.end()) units.push_back(m);
            if (g->kolada_group() && std::find(kolada_groups.begin(), kolada_groups.end(), g->members[0]) == kolada_groups.end())
                kolada_groups.push_back(g->members[0]);
        }

    std::string base = o.base_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    Reader reader(o, transport, r);
    const auto kpi_chunks = chunks(kpis, kPerSegment);
    const auto unit_chunks = chunks(units, kPerSegment);
    const auto year_chunks = chunks(years, kPerSegment);
    reader.plan(kpi_chunks.size() + kolada_groups.size() + kpi_chunks.size() * unit_chunks.size() * year_chunks.size());

    // The KPIs' metadata: divided by kön, and when the coming publication is.
    std::map<std::string, KpiMeta> meta;
    for (const auto& chunk : kpi_chunks) {
        const bool ok = reader.each_page(base + "/kpi/" + joined(chunk), [&](const json& page, const std::string&) {
            for (const json& k : page["values"]) {
                KpiMeta m;
                m.found = true;
                m.by_gender = truthy(k, "is_divided_by_gender");
                m.publication_date = text_of(k, "publication_date");
                m.publ_period = text_of(k, "publ_period");
                meta[text_of(k, "id")] = m;
            }
            return true;
        });
        if (!ok) return r;
    }
    for (const std::string& k : kpis)
        if (!meta[k].found) {
            r.error = fmt::format("Kolada känner inte till {} ({}/kpi/{} gav inget nyckeltal); rätta kolada: i regelfilen", k, base, k);
            return r;
        }
    // A Kolada group's members, to say how many of them a mean rests on.
    std::map<std::string, GroupMeta> groups;
    for (const std::string& g : kolada_groups) {
        const bool ok = reader.each_page(base + "/municipality_groups/" + g, [&](const json& page, const std::string&) {
            // A list of groups under `values`, or the group itself.
            const json list = page.contains("values") && page["values"].is_array() ? page["values"] : json::array({page});
            for (const json& grp : list) {
                if (text_of(grp, "id") != g || !grp.contains("members") || !grp["members"].is_array()) continue;
                for (const json& m : grp["members"]) {
                    std::string id = text_of(m, "member_id");
                    if (id.empty()) id = text_of(m, "id");
                    if (!id.empty()) groups[g].members.push_back(id);
                }
            }
            return true;
        }, /*values=*/false);
        if (!ok) return r;
        if (groups[g].members.empty()) {
            r.error = fmt::format("Kolada känner inte till gruppen {} ({}/municipality_groups/{} gav inga medlemmar)", g, base, g);
            return r;
        }
    }
    // The values.
    std::map<Key, Value> values;
    for (const auto& kc : kpi_chunks)
        for (const auto& uc : unit_chunks)
            for (const auto& yc : year_chunks) {
                const std::string url = fmt::format("{}/data/kpi/{}/municipality/{}/year/{}", base, joined(kc), joined(uc), joined(yc));
                if (!reader.each_page(url, [&](const json& page, const std::string& at) { return read_data_page(page, at, values, reader); }))
                    return r;
            }

    // The rows: per indicator and year the main series, kvinnor and män for a
    // KPI divided by kön, and the comparison group's mean.
    auto value_of = [&](const std::string& kpi, const std::string& unit, int year, char gender) -> const Value* {
        auto it = values.find(Key{kpi, unit, year, gender});
        return it == values.end() ? nullptr : &it->second;
    };
    std::vector<Row> rows;
    for (std::size_t n = 0; n < indicators.size(); ++n) {
        const IndicatorDef& d = file.indicators[indicators[n]];
        const KpiMeta& m = meta[d.kolada];
        const std::string source = fmt::format("Kolada {}, hämtad {}", d.kolada, o.date);
        // A number with the indicator's unit, as a controller writes it ("787 kr/inv", "81,7 %").
        const std::string unit = d.unit.empty() ? std::string() : " " + d.unit;
        bool by_gender = m.by_gender;
        for (int y = first; y <= last && !by_gender; ++y)
            by_gender = value_of(d.kolada, file.municipality, y, 'K') || value_of(d.kolada, file.municipality, y, 'M');
        for (int y = first; y <= last; ++y) {
            auto add = [&](int rank, std::string series, const Value* v, std::string src, std::string comment = {}) {
                Row row{n, y, rank, d.id, std::move(series), "i.u.", std::move(comment), std::move(src)};
                if (v && v->value) row.value = number_text(*v->value) + unit;
                else if (row.comment.empty()) row.comment = missing_note(m, y, o.date);
                rows.push_back(std::move(row));
            };
            add(0, "", value_of(d.kolada, file.municipality, y, 'T'), source);
            if (by_gender) {
                add(1, "kvinnor", value_of(d.kolada, file.municipality, y, 'K'), source);
                add(2, "män", value_of(d.kolada, file.municipality, y, 'M'), source);
            }
            const ComparisonGroup* g = group_of[indicators[n]];
            if (!g) continue;
            if (g->kolada_group()) {
                // Kolada's own unweighted mean; its count is how many members it rests on.
                const std::string& id = g->members[0];
                const Value* v = value_of(d.kolada, id, y, 'T');
                const std::size_t total = groups[id].members.size();
                std::string comment;
                if (v && v->value && v->count > 0 && static_cast<std::size_t>(v->count) < total)
                    comment = fmt::format("medel av {} av {} kommuner", v->count, total);
                add(3, d.comparison, v, fmt::format("Kolada {}, gruppen {} (ovägt medel), hämtad {}", d.kolada, id, o.date), comment);
                continue;
            }
            // The unweighted mean of the members that have a value.
            double sum = 0;
            std::vector<std::string> lacking;
            for (const auto& member : g->members) {
                const Value* v = value_of(d.kolada, member, y, 'T');
                if (v && v->value) sum += *v->value;
                else lacking.push_back(member);
            }
            const std::size_t have = g->members.size() - lacking.size();
            Value mean;
            std::string comment;
            if (have > 0) mean.value = sum / static_cast<double>(have);
            if (have > 0 && !lacking.empty())
                comment = fmt::format("medel av {} av {} kommuner, saknas för {}", have, g->members.size(), joined(lacking, ", "));
            const std::string src = fmt::format("Kolada {}, ovägt medel för {} ({} kommuner), hämtad {}", d.kolada, g->name, g->members.size(), o.date);
            Row row{n, y, 3, d.id, d.comparison, "i.u.", comment, src};
            if (mean.value) row.value = number_text(*mean.value, 1) + unit;
            else row.comment = missing_note(m, y, o.date);
            rows.push_back(std::move(row));
        }
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        return std::tie(a.indicator, a.year, a.series_rank) < std::tie(b.indicator, b.year, b.series_rank);
    });

    r.csv = "\xEF\xBB\xBF" "indikator;period;serie;värde;kommentar;källa\r\n";
    for (const Row& row : rows)
        r.csv += fmt::format("{};{};{};{};{};{}\r\n", csv_field(row.id), row.year, csv_field(row.series), csv_field(row.value),
                             csv_field(row.comment), csv_field(row.source));
    r.rows = rows.size();
    r.ok = true;
    return r;
}

}  // namespace malkoll
