// The whole pipeline from a rule file's bytes, as `malkoll check`, `assess`
// (every format: md, html, json, csv), `explain` (text and json, every goal
// and indicator) and `diff` (against fixtures/exempel.yaml, both ways) run it,
// all into memory. Input: the rule file, optionally followed by a line
// `#%%data` and a data file's bytes (read as the `--data` file input.csv).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/load/data_file.hpp"
#include "engine/report/diff.hpp"
#include "fuzz/common.hpp"

using namespace malkoll;

namespace {

// fixtures/exempel.yaml, the other side of `diff`.
const char* const kExempel = R"yaml(
# Ett litet exempel med varje utfall av de inbyggda reglerna.
malkoll: 1
nämnd: Exempelnämnden
år: 2024
beslut: "EN 2023-11-22 § 12"
målområden:
  - namn: Samhälle
    kommunmål:
      - namn: Ett tryggt och säkert Linköping
        nämndmål:
          - id: tidig-upptäckt
            namn: En socialtjänst som tidigt upptäcker och förebygger våld
            aktiviteter:
              - Utbildning i traumascreening
            indikatorer:
              - id: våldsfrågor
                namn: Andel aktuella som fått frågor om våldsutsatthet
                enhet: "%"
                riktning: öka
                mål: "minst 15 %"
                källa: Treserva
                definition: "Antal ärenden där frågan ställts / antal nytillkomna ärenden"
                serier: [kvinnor, män]
                utfall:
                  2022: "4 %"
                  2023: "10 %"
                  2024: {totalt: "17 %", kvinnor: "18 %", män: "16 %"}
              - id: hyresavtal
                namn: Andel som fått hyresavtal i andra stadsdelar
                enhet: "%"
                riktning: öka
                mål: "90 %"
                utfall: {2023: "44 %", 2024: "50 %"}
          - id: segregation
            namn: Ett Linköping med minskad segregation
            indikatorer:
              - id: placeringsdygn
                namn: Antal dygn i placeringar för barn och unga
                enhet: dygn
                riktning: minska
                mål: "max 25 000 dygn"
                utfall: {2022: "25 863", 2023: "26 360", 2024: "28 156"}
              - id: kostnad
                namn: Kostnad för missbruksvård
                enhet: kr/inv
                riktning: minska
                jämförelse: R9
                mål: "samma eller lägre än jämförelse"
                kolada: N35001
                utfall:
                  2023: {totalt: "787 kr/inv", R9: "1 154 kr/inv"}
                  2024: {totalt: "i.u. (Kolada aug 2025)", R9: "i.u. (Kolada aug 2025)"}
  - namn: Medarbetare
    kommunmål:
      - namn: En attraktiv arbetsgivare
        nämndmål:
          - id: arbetsplatser
            namn: Goda arbetsplatser
            indikatorer:
              - id: nöjdhet
                namn: Andel nöjda medarbetare
                enhet: "%"
                riktning: öka
                mål: "minst 30 %"
                utfall: {2023: "28 %", 2024: "26–34 %"}
              - id: sjukfrånvaro
                namn: Total sjukfrånvaro
                enhet: "%"
                riktning: bibehålla
                tolerans: "0,2"
                utfall: {2023: "5,1 %", 2024: "5,3 %"}
          - id: ledarskap
            namn: Hållbart chef- och ledarskap
            manuell: delvis
            motivering: "Chefsindex ligger lägre än kommunen i övrigt."
            indikatorer: []
)yaml";

constexpr std::string_view kDataMark = "\n#%%data\n";

// Loaded once; read only afterwards.
std::unique_ptr<Loaded> g_reference;

void run(std::string_view input) {
    std::string_view yaml = input, csv;
    const bool has_data = input.find(kDataMark) != std::string_view::npos;
    if (has_data) {
        yaml = input.substr(0, input.find(kDataMark) + 1);
        csv = input.substr(input.find(kDataMark) + kDataMark.size());
    }
    Loaded l;
    l.file = load_rule_text("input.yaml", std::string(yaml), l.sources, l.diags);
    if (fuzz::structure_failed(l.diags)) {
        fuzz::render_diagnostics(l.diags, l.sources);
        return;
    }
    const bool rule_errors = l.diags.has_errors();
    if (has_data) {
        // As load() in engine/cli/pipeline.cpp merges a data file's diagnostics.
        Diagnostics data_diags;
        load_data_text("input.csv", std::string(csv), l.file, l.sources, data_diags);
        for (const auto& d : data_diags.items())
            if (!(rule_errors && d.code == "data.unknown-indicator")) l.diags.add(d.severity, d.code, d.pos, d.message);
    }
    l.model = compile(l.file, l.sources, l.diags);
    fuzz::render_diagnostics(l.diags, l.sources);
    if (l.diags.has_errors()) return;

    Assessment a = assess(l.model);
    ReportInput in{a, l.sources, input_files(l)};
    std::ostringstream md, html, json, csv_out;
    render_markdown(in, md);
    render_html(in, html);
    render_json(in, json);
    render_csv(in, csv_out);
    // The JSON report is JSON (verify reads it back).
    fuzz::check(nlohmann::json::accept(json.str()));

    // `explain`, for the first goals and indicators of a large file.
    for (std::size_t i = 0; i < l.file.goals.size() && i < 16; ++i) {
        ExplainTarget t;
        t.goal = static_cast<int>(i);
        std::ostringstream text, ej;
        render_explain_text(in, t, text);
        render_explain_json(in, t, ej);
        fuzz::check(nlohmann::json::accept(ej.str()));
    }
    for (std::size_t i = 0; i < l.file.indicators.size() && i < 32; ++i) {
        ExplainTarget t;
        t.indicator = static_cast<int>(i);
        std::ostringstream text, ej;
        render_explain_text(in, t, text);
        render_explain_json(in, t, ej);
        fuzz::check(nlohmann::json::accept(ej.str()));
    }

    std::ostringstream diff;
    render_diff(g_reference->file, l.file, diff);
    render_diff(l.file, g_reference->file, diff);
    render_diff(l.file, l.file, diff);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    g_reference = std::make_unique<Loaded>();
    fuzz::load_and_compile(*g_reference, "exempel.yaml", std::string(kExempel + 1));
    fuzz::check(!g_reference->diags.has_errors());
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // Four times the largest rule file in rules/: past that only time grows.
    if (size > 160 * 1024) return -1;
    run(fuzz::as_text(data, size));
    return 0;
}
