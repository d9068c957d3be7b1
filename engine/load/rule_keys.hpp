// The rule file's keys (docs/regelfil.md), one table per kind of map, and the
// closed word sets some keys take. The loader (rule_file.cpp) reads a map by
// its table – the names it accepts, which are required, what messages call
// the map – and `malkoll schema` (rule_schema.cpp) describes the same tables
// to an editor, so that the two cannot drift apart. A key is written in its
// Swedish spelling; its fold_word (ASCII, lower case) is the alias the loader
// also accepts ("bedöm_serier" and "bedom_serier").
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/load/rule_file.hpp"

namespace malkoll {

// What a key's value is. The loader's reader for the key checks it; the
// schema turns it into a JSON Schema type.
enum class KeyValue : std::uint8_t {
    Version,           // malkoll: 1
    Text,              // any scalar: a name, a note (nothing written: empty)
    NonEmptyText,      // a text that may not be empty: a heading, a level word
    Id,                // letters (also å, ä, ö, é …), digits, '-' and '_'
    Year,              // four digits
    Period,            // a delår's last month: ÅÅÅÅ-MM
    YesNo,             // ja or nej (kYesNoWords)
    ReportKind,        // helår, delår, budget (kReportWords)
    Direction,         // öka, minska, bibehålla (kDirectionWords)
    Outcome,           // manuell: a result word, or with `skala` a level's kod or etikett
    ScaleBase,         // som: a result word
    AssignmentStatus,  // Genomfört, Pågår … (assignment_status_label)
    Municipality,      // a municipality's Kolada id: "0580"
    ComparisonGroups,  // name → municipalities' ids, or one Kolada group id
    DataFiles,         // a data file, or a list of them; each a path or a map of kDataFileKeys
    Committees,        // a nämnd's short id → its rule file
    Rule,              // a rule's text, or the name of one under `regler:`
    NamedRules,        // name → rule
    Amount,            // a number, 0 or more, also as text: "0,5", "2 dagar"
    Target,            // mål: an expression, or one per year
    TextList,          // a list of texts (nothing written: none)
    ValueScale,        // a status indicator's words, at least two
    JudgedSeries,      // names of `serier`, or ja for all
    Values,            // period → value, or period → series → value
    // Maps and lists of maps with a table of their own:
    LevelWords,        // kLevelWordKeys
    Scale,             // a list of kScaleLevelKeys
    Areas,             // a list of kAreaKeys
    MunicipalGoals,    // a list of kMunicipalGoalKeys
    AreaGoals,         // a list of kGoalKeys right under a målområde (nothing written is an error)
    Goals,             // a list of kGoalKeys under a kommunmål (nothing written: none)
    Indicators,        // a list of kIndicatorKeys (nothing written: none)
    Assignments,       // a list of kAssignmentKeys
    KeyFigureTables,   // a list of kKeyFigureTableKeys
    KeyFigureRows,     // a list of kKeyFigureKeys, at least one
};

struct KeySpec {
    std::string_view name;         // the Swedish spelling
    bool required;                 // the loader reports it missing
    KeyValue value;
    std::string_view description;  // for an editor: short, in docs/regelfil.md's words
};

template <std::size_t N>
struct KeyTable {
    std::string_view where;        // the map in messages: "okänd nyckel 'x' i indikatorn"
    std::string_view description;  // for an editor
    std::array<KeySpec, N> keys;   // in the order messages list them
};
// Spelled out for compilers without deduction for aggregates (clang 14, the fuzz build's).
template <std::size_t N>
KeyTable(std::string_view, std::string_view, std::array<KeySpec, N>) -> KeyTable<N>;

// The position of `name` in `table`; used in constant expressions only, so a
// name that is not in the table does not compile.
template <class Table>
consteval std::size_t key_index(const Table& table, std::string_view name) {
    for (std::size_t i = 0; i < table.keys.size(); ++i)
        if (table.keys[i].name == name) return i;
    throw "no such key in the table";
}


inline constexpr KeyTable kRuleFileKeys{
    "regelfilen",
    "En regelfil för Målkoll: en nämnds (eller kommunens) mål och indikatorer för ett budgetår.",
    std::to_array<KeySpec>({
        {"malkoll", true, KeyValue::Version, "Filformatets version. Skriv alltid 1."},
        {"nämnd", false, KeyValue::Text, "Nämndens namn, som det ska stå i rapporten. Kommunens egen regelfil skriver namn: i stället."},
        {"namn", false, KeyValue::Text, "Kommunens namn i kommunens egen regelfil (i stället för nämnd:), t.ex. Vårgårda kommun."},
        {"rubrik", false, KeyValue::Text, "Rapportens rubrik, som den ska stå."},
        {"nivåer", false, KeyValue::LevelWords,
         "Kommunens egna ord för nivåerna (målområde, kommunmål, nämndmål, indikator och indikatorer) i rubriker, etiketter och kolumner."},
        {"skala", false, KeyValue::Scale,
         "Kommunens egen bedömningsskala: nivåer med egna ord och symboler i stället för de fyra resultaten, bäst först."},
        {"år", true, KeyValue::Year, "Budgetåret, t.ex. 2024."},
        {"rapport", false, KeyValue::ReportKind, "Rapporttypen: helår (standard), delår eller budget."},
        {"period", false, KeyValue::Period, "Bara för delår: den sista månaden som ingår, skrivet ÅÅÅÅ-MM, t.ex. 2024-08."},
        {"beslut", false, KeyValue::Text, "Nämndens beslut om regelfilen; visas överst i rapporten."},
        {"kommun", false, KeyValue::Municipality, "Kommunens Kolada-id: fyra siffror inom citattecken, t.ex. \"0580\"."},
        {"jämförelsegrupper", false, KeyValue::ComparisonGroups,
         "Namngivna jämförelsegrupper för malkoll hämta: en lista med kommuners Kolada-id eller ett Kolada-grupp-id, t.ex. "
         "R9: [\"0180\", \"1480\"] eller Grannar: G12345."},
        {"utfall", false, KeyValue::DataFiles,
         "Datafiler med utfall (CSV, eller ett blad i en Excel-arbetsbok: data.xlsx:Blad eller {fil: data.xlsx, blad: Blad}), "
         "räknat från regelfilens mapp, t.ex. [data/son-2024.csv]."},
        {"nämnder", false, KeyValue::Committees,
         "Kommunens sammanställning: nämndernas regelfiler, var och en med ett kort id (son: nämnder/son.yaml), räknat från den "
         "här filens mapp."},
        {"standardregel", false, KeyValue::Rule, "Ersätter den inbyggda indikatorregeln för alla indikatorer i filen som inte har en egen regel."},
        {"standardbedömning", false, KeyValue::Rule,
         "Ersätter den inbyggda målregeln för alla nämndmål i filen som inte har en egen bedömning."},
        {"regler", false, KeyValue::NamedRules, "Namngivna regler som indikatorer och mål kan hänvisa till med namnet."},
        {"målområden", true, KeyValue::Areas, "Listan med målområden, kommunmål, nämndmål och indikatorer, i verksamhetsplanens ordning."},
        {"utvecklingsuppdrag", false, KeyValue::Assignments, "Nämndens strategiska utvecklingsuppdrag, vart och ett med sin status."},
        {"nyckeltal", false, KeyValue::KeyFigureTables,
         "Tabeller med tal som redovisas utan bedömning, som Volymutveckling och Personal."},
    })};

inline constexpr KeyTable kDataFileKeys{
    "en datafil under 'utfall:'",
    "En datafil under utfall: skriven med sitt blad, för en Excel-arbetsbok.",
    std::to_array<KeySpec>({
        {"fil", true, KeyValue::Text, "Datafilen, räknat från regelfilens mapp, t.ex. data/utfall.xlsx."},
        {"blad", false, KeyValue::Text, "Bladet i arbetsboken (standard: det första), t.ex. Utfall."},
    })};

inline constexpr KeyTable kScaleLevelKeys{
    "nivån",
    "En nivå i kommunens bedömningsskala.",
    std::to_array<KeySpec>({
        {"kod", true, KeyValue::Text, "Nivåns kod, t.ex. i-hög-grad; kan stå i regler och i manuell:."},
        {"etikett", true, KeyValue::Text, "Det som visas för nivån, t.ex. I hög grad uppfyllt."},
        {"som", true, KeyValue::ScaleBase, "Vad nivån räknas som: uppfyllt, delvis, ej uppfyllt eller ej bedömd."},
        {"symbol", false, KeyValue::Text, "En symbol som visas framför etiketten, t.ex. \"●\"."},
        {"delår", false, KeyValue::Text, "Etiketten i en delårsrapport (standard: etikett)."},
        {"tabell", false, KeyValue::Text, "Den korta formen i tabellernas kolumner (standard: etikett)."},
        {"standard", false, KeyValue::YesNo,
         "ja för den nivå som ordet för resultatet och de inbyggda reglerna ger, när flera nivåer räknas som samma resultat."},
    })};

inline constexpr KeyTable kAssignmentKeys{
    "utvecklingsuppdraget",
    "Ett strategiskt utvecklingsuppdrag med sin status.",
    std::to_array<KeySpec>({
        {"grupp", false, KeyValue::Text, "Tabellen uppdraget hör till, t.ex. Kommungemensamma, Nämndspecifika eller Uppdrag från nämnden."},
        {"nr", false, KeyValue::Text, "Uppdragets nummer som i verksamhetsplanen; skrivs före texten."},
        {"text", true, KeyValue::Text, "Uppdraget, som det står i verksamhetsplanen."},
        {"status", true, KeyValue::AssignmentStatus, "Genomfört, Pågår, Ej påbörjad, Pausad eller Avbrutet."},
        {"kommentar", false, KeyValue::Text, "En kommentar till statusen; visas inom parentes efter texten."},
    })};

inline constexpr KeyTable kKeyFigureTableKeys{
    "nyckeltalstabellen",
    "En tabell med nyckeltal, som redovisas utan bedömning.",
    std::to_array<KeySpec>({
        {"rubrik", true, KeyValue::NonEmptyText, "Tabellens rubrik; den blir rubriken för tabellens eget avsnitt i rapporten."},
        {"kolumnrubrik", false, KeyValue::Text, "Rubriken över den första kolumnen, t.ex. \"Basuppdrag (volymmått)\" (standard: rubrik)."},
        {"rader", true, KeyValue::KeyFigureRows, "Tabellens nyckeltal, ett per rad, minst ett."},
    })};

inline constexpr KeyTable kKeyFigureKeys{
    "nyckeltalet",
    "Ett nyckeltal: en rad i tabellen, som visas men aldrig bedöms.",
    std::to_array<KeySpec>({
        {"id", true, KeyValue::Id, "Nyckeltalets id, unikt i filen tillsammans med målens och indikatorernas."},
        {"namn", true, KeyValue::Text, "Radens text, som i rapportens tabell."},
        {"enhet", false, KeyValue::Text, "Radens enhet; den godtas efter ett tal, som för en indikator."},
        {"serier", false, KeyValue::TextList, "Delsiffror, var och en en egen rad under nyckeltalet, t.ex. [IFO, LSS, FH SoL]."},
        {"andel", false, KeyValue::Text, "Serien vars värde står inom parentes efter varje värde, t.ex. flickor."},
        {"mål", false, KeyValue::Text, "Ett målvärde som text, t.ex. \"högst 7,5 %\"; står i kolumnen Målvärde och bedöms aldrig."},
        {"ackumulerad", false, KeyValue::YesNo, "ja om talet byggs upp under året (standard nej)."},
        {"källa", false, KeyValue::Text, "Varifrån värdena kommer; visas som fotnot under tabellen."},
        {"definition", false, KeyValue::Text, "Nyckeltalets definition; visas som fotnot under tabellen."},
        {"utfall", false, KeyValue::Values,
         "Värdena per period, skrivna som en indikators: 2024: \"3 510\", eller med serier {totalt: \"3 510\", flickor: \"43 %\"}."},
    })};

inline constexpr KeyTable kLevelWordKeys{
    "nivåer",
    "Kommunens egna ord för nivåerna; de böjs aldrig.",
    std::to_array<KeySpec>({
        {"målområde", false, KeyValue::NonEmptyText, "Ordet i stället för Målområde, t.ex. Perspektiv."},
        {"kommunmål", false, KeyValue::NonEmptyText, "Ordet i stället för Kommunövergripande mål."},
        {"nämndmål", false, KeyValue::NonEmptyText, "Ordet i stället för Nämndmål, t.ex. Delmål."},
        {"indikator", false, KeyValue::NonEmptyText, "Ordet i stället för Nämndindikator, t.ex. Mätmetod."},
        {"indikatorer", false, KeyValue::NonEmptyText, "Pluralformen i rubriker, t.ex. Mätmetoder (utan den används indikator:)."},
    })};

inline constexpr KeyTable kAreaKeys{
    "målområdet",
    "Ett målområde. Med ett id bedöms det av sina kommunmål (eller nämndmål); utan är det en rubrik.",
    std::to_array<KeySpec>({
        {"namn", true, KeyValue::Text, "Målområdets namn som i verksamhetsplanen."},
        {"id", false, KeyValue::Id, "Med ett id bedöms målområdet av sina kommunmål; id är unikt i filen."},
        {"bedömning", false, KeyValue::Rule, "En egen regel för målområdet, eller namnet på en regel under regler:."},
        {"manuell", false, KeyValue::Outcome,
         "En manuell bedömning: uppfyllt, delvis, ej uppfyllt eller ej bedömd (med skala: en nivås kod eller etikett). Kräver motivering."},
        {"motivering", false, KeyValue::Text, "Skälet till den manuella bedömningen."},
        {"vikt", false, KeyValue::Amount, "Vikten när målområdet räknas i andel; 0 eller större, standard 1."},
        {"kommunmål", false, KeyValue::MunicipalGoals, "Målområdets kommunövergripande mål."},
        {"nämndmål", false, KeyValue::AreaGoals, "Nämndmålen direkt under målområdet, i en plan med två nivåer (i stället för kommunmål:)."},
    })};

inline constexpr KeyTable kMunicipalGoalKeys{
    "kommunmålet",
    "Ett kommunövergripande mål. Med ett id bedöms det av sina nämndmål; utan är det en rubrik.",
    std::to_array<KeySpec>({
        {"namn", true, KeyValue::Text, "Kommunmålets namn; i en sammanställning kopplas nämndernas kommunmål hit med namnet."},
        {"id", false, KeyValue::Id, "Med ett id bedöms kommunmålet av sina nämndmål; id är unikt i filen."},
        {"bedömning", false, KeyValue::Rule, "En egen regel för kommunmålet, eller namnet på en regel under regler:."},
        {"manuell", false, KeyValue::Outcome,
         "En manuell bedömning: uppfyllt, delvis, ej uppfyllt eller ej bedömd (med skala: en nivås kod eller etikett). Kräver motivering."},
        {"motivering", false, KeyValue::Text, "Skälet till den manuella bedömningen."},
        {"vikt", false, KeyValue::Amount, "Vikten när kommunmålet räknas i målområdets andel; 0 eller större, standard 1."},
        {"nämndmål", false, KeyValue::Goals, "Nämndmålen under kommunmålet."},
    })};

inline constexpr KeyTable kGoalKeys{
    "nämndmålet",
    "Ett nämndmål med sina nämndindikatorer.",
    std::to_array<KeySpec>({
        {"id", true, KeyValue::Id, "Målets id, unikt i filen: bokstäver, siffror, - och _, t.ex. tidig-upptäckt-våld."},
        {"namn", true, KeyValue::Text, "Målets namn som i verksamhetsplanen."},
        {"bedömning", false, KeyValue::Rule,
         "En egen målregel, eller namnet på en regel under regler:. Utan den gäller standardbedömning eller den inbyggda målregeln."},
        {"manuell", false, KeyValue::Outcome,
         "En manuell bedömning: uppfyllt, delvis, ej uppfyllt eller ej bedömd (med skala: en nivås kod eller etikett). Kräver motivering."},
        {"motivering", false, KeyValue::Text, "Skälet till den manuella bedömningen."},
        {"aktiviteter", false, KeyValue::TextList, "Punktlista med aktiviteter som visas under målet; en lista även med en enda punkt."},
        {"vikt", false, KeyValue::Amount, "Målets vikt när ett bedömt kommunmål räknar andel; 0 eller större, standard 1."},
        {"indikatorer", false, KeyValue::Indicators, "Målets nämndindikatorer; [] betyder inga."},
    })};

inline constexpr KeyTable kIndicatorKeys{
    "indikatorn",
    "En nämndindikator.",
    std::to_array<KeySpec>({
        {"id", true, KeyValue::Id, "Indikatorns id, unikt i filen; datafilernas kolumn indikator namnger den."},
        {"namn", true, KeyValue::Text, "Namnet som i tabellen Nämndindikatorer."},
        {"enhet", false, KeyValue::Text, "Indikatorns enhet, t.ex. \"%\", kr/inv eller dygn; ett tal utan enhet får den."},
        {"riktning", false, KeyValue::Direction,
         "Önskad riktning: öka, minska eller bibehålla. Måste finnas, utom för en statusindikator (värdeskala:)."},
        {"värdeskala", false, KeyValue::ValueScale, "En statusindikators ord, sämst först, t.ex. [Ej påbörjad, Påbörjad, Pågår, Genomfört]."},
        {"mål", false, KeyValue::Target,
         "Målvärdet, t.ex. \"minst 90 %\", eller ett per år: {2024: \"minst 15 %\", 2025: \"minst 25 %\"}. Utan mål bedöms bara riktningen."},
        {"målår", false, KeyValue::Year, "Året då målvärdet ska vara nått (standard: år); används av framsteg."},
        {"regel", false, KeyValue::Rule, "En egen indikatorregel, eller namnet på en regel under regler:."},
        {"tolerans", false, KeyValue::Amount, "Hur stor skillnad som räknas som lika, i indikatorns enhet; standard 0."},
        {"ackumulerad", false, KeyValue::YesNo, "ja om värdet byggs upp under året; i ett delår bedöms då bara prognosen. Standard nej."},
        {"obligatorisk", false, KeyValue::YesNo, "ja för en indikator som kommunen kräver av alla nämnder; märks med * i tabellen."},
        {"källa", false, KeyValue::Text, "Varifrån värdena brukar komma; visas som fotnot."},
        {"kolada", false, KeyValue::Text, "Indikatorns KPI-id i Kolada, N eller U och fem siffror, t.ex. N35001; malkoll hämta hämtar värdena med det."},
        {"definition", false, KeyValue::Text, "Indikatorns definition; visas som fotnot."},
        {"serier", false, KeyValue::TextList, "Uppdelningar som visas under indikatorn, i den ordning de står, t.ex. [kvinnor, män]."},
        {"bedöm_serier", false, KeyValue::JudgedSeries, "Serier ur serier som bedöms var för sig med indikatorns regel och mål, eller ja för alla."},
        {"jämförelse", false, KeyValue::Text, "Serien som variabeln jämförelse läser, t.ex. R9."},
        {"serieavbrott", false, KeyValue::Year, "Året då serien bröts; värden före det året jämförs inte med värden efter."},
        {"vikt", false, KeyValue::Amount, "Indikatorns vikt när nämndmålet räknar andel; 0 eller större, standard 1."},
        {"utfall", false, KeyValue::Values,
         "Utfall per period: 2024: \"17 %\", eller per serie {totalt: \"17 %\", kvinnor: \"18 %\"}. Sätt citattecken runt värdena."},
        {"manuell", false, KeyValue::Outcome,
         "En manuell bedömning: uppfyllt, delvis, ej uppfyllt eller ej bedömd (med skala: en nivås kod eller etikett). Kräver motivering."},
        {"motivering", false, KeyValue::Text, "Skälet till den manuella bedömningen."},
    })};

// ---- closed word sets, compared after fold_word ----------------------------

struct DirectionWord {
    std::string_view word;
    Direction direction;
};
// The first word of each direction is how it is shown.
inline constexpr DirectionWord kDirectionWords[] = {
    {"öka", Direction::Oka},   {"minska", Direction::Minska},   {"bibehålla", Direction::Bibehalla},
    {"ökas", Direction::Oka},  {"minskas", Direction::Minska},  {"bibehållas", Direction::Bibehalla},
};

struct ReportWord {
    std::string_view word;
    ReportKind kind;
};
inline constexpr ReportWord kReportWords[] = {
    {"helår", ReportKind::Helar}, {"delår", ReportKind::Delar}, {"budget", ReportKind::Budget}};

struct YesNoWord {
    std::string_view word;
    bool value;
    bool documented;  // ja and nej; the English words are accepted, not offered
};
inline constexpr YesNoWord kYesNoWords[] = {
    {"ja", true, true},     {"nej", false, true}, {"true", true, false},
    {"false", false, false}, {"yes", true, false}, {"no", false, false},
};

}  // namespace malkoll
