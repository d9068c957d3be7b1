#include "engine/load/data_file.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "engine/core/format.hpp"
#include "engine/core/sha256.hpp"
#include "engine/core/text.hpp"
#include "engine/load/value_scale.hpp"
#include "engine/load/xlsx.hpp"
#include "grammar/value_literal.hpp"

namespace malkoll {

namespace {

// ---- columns ----------------------------------------------------------------

enum Column : int { kIndicator, kPeriod, kSeries, kValue, kComment, kSource, kColumnCount };

// Swedish spellings; headers match after fold_word, so `varde`, `KALLA` … do too.
constexpr std::array<const char*, kColumnCount> kColumnNames = {"indikator", "period",    "serie",
                                                                "värde",     "kommentar", "källa"};
constexpr std::array<bool, kColumnCount> kRequired = {true, true, false, true, false, false};

// ---- CSV records ------------------------------------------------------------

// One field of a record: where it is in the text and what it says. Trivially
// copyable: an unescaped copy of a field with "" lives in the reader.
struct Field {
    std::size_t begin = 0;  // first byte (the opening quote when quoted)
    bool quoted = false;
    bool escaped = false;   // quoted and contains "" (content is the reader's copy)
    std::string_view view;  // the content
    const XlsxCell* cell = nullptr;  // a workbook's cell (its text is `view`); nullptr in a CSV file

    std::string_view content() const { return view; }
    // Byte offset in the text of the content's first byte.
    std::size_t content_begin() const { return begin + (quoted ? 1 : 0); }
};

// A quoting problem in a record; the record is not used.
struct Problem {
    std::size_t offset = 0;
    std::string message;
    bool fatal = false;  // nothing after it can be read
};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// RFC 4180 records from UTF-8 text. Lenient where a spreadsheet would be (a
// quote inside an unquoted field is text); strict where data could be lost
// (text after a closing quote, a quote never closed).
class CsvReader {
public:
    CsvReader(std::string_view text, std::size_t start, char sep) : t_(text), i_(start), sep_(sep) {
        stop_[static_cast<unsigned char>(sep)] = stop_['\n'] = stop_['\r'] = true;
    }

    // The next record into `fields`, valid until the next call; false at the
    // end of the text.
    bool next(std::vector<Field>& fields, std::size_t& record_begin, std::optional<Problem>& problem) {
        fields.clear();
        unescaped_used_ = 0;
        problem.reset();
        if (i_ >= t_.size()) return false;
        record_begin = i_;
        for (;;) {
            Field f;
            f.begin = i_;
            if (i_ < t_.size() && t_[i_] == '"') {
                f.quoted = true;
                if (!read_quoted(f, problem)) {
                    fields.push_back(f);
                    return true;
                }
            } else {
                std::size_t j = i_;
                while (j < t_.size() && !(stop_[static_cast<unsigned char>(t_[j])] && (t_[j] == sep_ || line_end(j)))) ++j;
                f.view = t_.substr(i_, j - i_);
                i_ = j;
            }
            fields.push_back(f);
            if (i_ >= t_.size()) return true;
            if (t_[i_] == sep_) {
                ++i_;
                continue;  // at the very end this reads one more, empty field
            }
            skip_line_end();
            return true;
        }
    }

private:
    bool line_end(std::size_t k) const {
        return t_[k] == '\n' || (t_[k] == '\r' && (k + 1 == t_.size() || t_[k + 1] == '\n'));
    }
    void skip_line_end() {
        if (i_ < t_.size() && t_[i_] == '\r') ++i_;
        if (i_ < t_.size() && t_[i_] == '\n') ++i_;
    }

    // i_ at the opening quote. False when the quote is never closed (the rest
    // of the text is then used up).
    bool read_quoted(Field& f, std::optional<Problem>& problem) {
        const std::size_t open = i_;
        std::size_t j = i_ + 1;
        for (;;) {
            const std::size_t q = t_.find('"', j);
            if (q == std::string_view::npos) {
                problem = Problem{open,
                                  "citattecknet stängs aldrig; avsluta fältet med \" (ett citattecken i "
                                  "själva texten skrivs \"\")",
                                  true};
                f.view = t_.substr(open + 1);
                i_ = t_.size();
                return false;
            }
            if (q + 1 < t_.size() && t_[q + 1] == '"') {
                f.escaped = true;
                j = q + 2;
                continue;
            }
            const std::string_view raw = t_.substr(open + 1, q - open - 1);
            if (f.escaped) {
                if (unescaped_used_ == unescaped_.size()) unescaped_.emplace_back();
                std::string& owned = unescaped_[unescaped_used_++];  // a deque: earlier copies stay put
                owned.clear();
                owned.reserve(raw.size());
                for (std::size_t k = 0; k < raw.size(); ++k) {
                    owned += raw[k];
                    if (raw[k] == '"') ++k;  // the second of a pair
                }
                f.view = owned;
            } else {
                f.view = raw;
            }
            i_ = q + 1;
            break;
        }
        if (i_ < t_.size() && t_[i_] != sep_ && !line_end(i_)) {
            if (!problem)
                problem = Problem{i_,
                                  "oväntad text efter citattecknet som avslutar fältet; skriv hela fältet inom "
                                  "citattecken och ett citattecken i texten som \"\"",
                                  false};
            while (i_ < t_.size() && t_[i_] != sep_ && !line_end(i_)) ++i_;
        }
        return true;
    }

    std::string_view t_;
    std::size_t i_;
    char sep_;
    std::array<bool, 256> stop_{};        // bytes that may end a field
    std::deque<std::string> unescaped_;   // this record's fields with "", unescaped
    std::size_t unescaped_used_ = 0;
};

// The separator of the header line starting at `start`: `;`, else tab, else
// `,` — whichever occurs outside quotes; `;` when none does.
char detect_separator(std::string_view t, std::size_t start) {
    bool in_quotes = false, semicolon = false, tab = false, comma = false;
    for (std::size_t k = start; k < t.size(); ++k) {
        const char c = t[k];
        if (c == '"') {
            in_quotes = !in_quotes;
        } else if (!in_quotes) {
            if (c == '\n') break;
            if (c == ';') semicolon = true;
            else if (c == '\t') tab = true;
            else if (c == ',') comma = true;
        }
    }
    return semicolon ? ';' : tab ? '\t' : comma ? ',' : ';';
}

// Offset of the first line that has anything but blanks and separators.
std::size_t skip_blank_lines(std::string_view t) {
    std::size_t line = 0;
    for (std::size_t k = 0; k < t.size(); ++k) {
        const char c = t[k];
        if (c == '\n') line = k + 1;
        else if (c != ' ' && c != '\t' && c != '\r' && c != ';' && c != ',') return line;
    }
    return t.size();
}

bool all_empty(const std::vector<Field>& fields) {
    return std::all_of(fields.begin(), fields.end(), [](const Field& f) { return trim(f.content()).empty(); });
}


// ---- the loader -------------------------------------------------------------

class DataLoader {
public:
    DataLoader(const SourceFile& f, std::uint32_t file_index, RuleFile& file, Diagnostics& diags)
        : f_(f), file_index_(file_index), file_(file), diags_(diags) {}

    void run() {
        const std::string_view t = f_.text();
        const std::size_t start = skip_blank_lines(t);
        if (start >= t.size()) {
            diags_.error("data.header", Position{f_.name(), 1, 1},
                         "filen är tom; en datafil börjar med en rubrikrad, t.ex. "
                         "indikator;period;serie;värde;kommentar;källa");
            return;
        }
        sep_ = detect_separator(t, start);
        CsvReader reader(t, start, sep_);
        std::vector<Field> fields;
        std::size_t record_begin = 0;
        std::optional<Problem> problem;

        reader.next(fields, record_begin, problem);
        if (problem) {
            diags_.error("data.quote", f_.position_at(problem->offset), problem->message);
            return;
        }
        if (!read_header(fields, f_.position_at(record_begin))) return;

        index_indicators();
        file_.values.reserve(file_.values.size() + f_.line_count());

        while (reader.next(fields, record_begin, problem)) {
            if (problem) {
                diags_.error("data.quote", f_.position_at(problem->offset), problem->message);
                if (problem->fatal) break;
                continue;
            }
            if (all_empty(fields)) continue;
            read_row(fields);
        }
        report_groups();
    }

    // A workbook's sheet (docs/excel.md): `width` fields per row, the header
    // first, each field a cell of the sheet's text (SourceFile::SheetCell)
    // with its cell; the same checks as a CSV file's.
    void run_sheet(const std::vector<SourceFile::SheetCell>& places, const std::vector<const XlsxCell*>& cells, std::size_t width) {
        sheet_ = true;
        if (places.empty()) {
            diags_.error("data.header", Position{f_.name(), 0, 0, f_.sheet()},
                         "bladet är tomt; en datafil börjar med en rubrikrad med kolumnerna indikator, period, serie, värde, "
                         "kommentar och källa i var sin cell");
            return;
        }
        const std::string_view t = f_.text();
        std::vector<Field> fields(width);
        auto row = [&](std::size_t first) {
            for (std::size_t c = 0; c < width; ++c) {
                const SourceFile::SheetCell& p = places[first + c];
                fields[c].begin = p.offset;
                fields[c].view = t.substr(p.offset, p.size);
                fields[c].cell = cells[first + c];
            }
        };
        row(0);
        if (!read_header(fields, f_.position_at(fields.front().begin))) return;
        index_indicators();
        file_.values.reserve(file_.values.size() + places.size() / width);
        for (std::size_t first = width; first < places.size(); first += width) {
            row(first);
            if (!all_empty(fields)) read_row(fields);
        }
        report_groups();
    }

private:
    // ---- header -------------------------------------------------------------
    // Words exports and spreadsheets use for our columns (Kolada: `år`,
    // `kön`; Excel sheets: `utfall`, `mätvärde` …), offered as "menade du".
    static std::optional<std::string> column_synonym(std::string_view name) {
        static constexpr std::pair<const char*, const char*> kSynonyms[] = {
            {"ar", "period"},          {"manad", "period"},   {"datum", "period"},     {"tidpunkt", "period"},
            {"utfall", "värde"},       {"resultat", "värde"}, {"matvarde", "värde"},   {"varden", "värde"},
            {"kon", "serie"},          {"grupp", "serie"},    {"id", "indikator"},     {"nyckeltal", "indikator"},
            {"indikatorid", "indikator"}, {"not", "kommentar"}, {"anmarkning", "kommentar"},
        };
        const std::string folded = fold_word(name);
        for (const auto& [word, column] : kSynonyms)
            if (folded == word) return std::string(column);
        return std::nullopt;
    }

    bool read_header(const std::vector<Field>& fields, const Position& at) {
        std::array<int, kColumnCount> where{};
        where.fill(-1);
        width_ = fields.size();
        std::vector<std::size_t> unknown;
        for (std::size_t k = 0; k < fields.size(); ++k) {
            if (cell_problem(fields[k])) return false;
            const std::string_view name = trim(fields[k].content());
            if (name.empty()) continue;  // an empty column, as spreadsheets leave at the end
            const std::string folded = fold_word(name);
            int found = -1;
            for (int c = 0; c < kColumnCount; ++c)
                if (fold_word(kColumnNames[c]) == folded) found = c;
            if (found < 0) {
                unknown.push_back(k);
            } else if (where[found] >= 0) {
                diags_.error("data.header", cell_position(fields[k]),
                             fmt::format("kolumnen '{}' finns redan som kolumn {}", kColumnNames[found],
                                         where[found] + 1));
            } else {
                where[found] = static_cast<int>(k);
            }
        }
        const bool any_known = std::any_of(where.begin(), where.end(), [](int w) { return w >= 0; });
        if (!any_known) {
            diags_.error("data.header", at,
                         sheet_ ? std::string("första raden ska vara en rubrikrad med kolumnernas namn i var sin cell: indikator, period, "
                                              "serie, värde, kommentar och källa")
                                : fmt::format("första raden ska vara en rubrikrad med kolumnernas namn, t.ex. "
                                              "indikator{0}period{0}serie{0}värde{0}kommentar{0}källa",
                                              sep_ == '\t' ? std::string("<tabb>") : std::string(1, sep_)));
            return false;
        }
        const std::vector<std::string> names(kColumnNames.begin(), kColumnNames.end());
        for (std::size_t k : unknown) {
            const std::string name(trim(fields[k].content()));
            auto near = suggest(name, names);
            if (!near) near = column_synonym(name);
            diags_.error("data.header", cell_position(fields[k]),
                         near ? fmt::format("okänd kolumn '{}' (menade du '{}'?)", name, *near)
                              : fmt::format("okänd kolumn '{}'; en datafil har kolumnerna indikator, period, "
                                            "serie, värde, kommentar och källa",
                                            name));
        }
        bool complete = true;
        for (int c = 0; c < kColumnCount; ++c) {
            if (!kRequired[c] || where[c] >= 0) continue;
            diags_.error("data.header", at,
                         fmt::format("rubrikraden saknar kolumnen '{}'; en datafil ska ha kolumnerna indikator, "
                                     "period och värde (serie, kommentar och källa får finnas)",
                                     kColumnNames[c]));
            complete = false;
        }
        where_ = where;
        return complete;
    }

    // ---- rows ---------------------------------------------------------------
    void read_row(const std::vector<Field>& fields) {
        if (fields.size() != width_) {
            const bool more = fields.size() > width_;
            Position pos = f_.position_at(more ? fields[width_].begin : fields.front().begin);
            std::string msg = fmt::format("raden har {} fält men rubrikraden har {}", fields.size(), width_);
            if (more && sep_ == ',')
                msg += "; ett värde med decimalkomma måste stå inom citattecken (\"7,9\") när komma skiljer "
                       "kolumnerna";
            diags_.error("data.fields", std::move(pos), std::move(msg));
            return;
        }
        for (int c = 0; c < kColumnCount; ++c)
            if (where_[c] >= 0 && cell_problem(fields[static_cast<std::size_t>(where_[c])])) return;
        const Field& ind_cell = fields[where_[kIndicator]];
        const std::string_view id = trim(ind_cell.content());
        if (id.empty()) {
            diags_.error("data.indicator", cell_position(ind_cell),
                         "indikatorn saknas; skriv indikatorns id i kolumnen 'indikator'");
            return;
        }
        const auto ind = indicator_of(ind_cell, id);
        if (!ind) return;

        const Field& period_cell = fields[where_[kPeriod]];
        const std::string_view ptext = trim(period_cell.content());
        const auto period = is_date(period_cell) ? period_of_date(period_cell) : parse_period(ptext);
        if (!period) {
            diags_.error("value.period", cell_position(period_cell), is_date(period_cell) ? date_period_message(period_cell) : period_message(ptext));
            return;
        }

        std::string_view series;
        if (where_[kSeries] >= 0) series = trim(fields[where_[kSeries]].content());

        const Field& value_cell = fields[where_[kValue]];
        const std::string_view cell = value_cell.content();
        // The owner is an indicator or a nyckeltal row (whose values are never words).
        const IndicatorDef* def = *ind < file_.indicators.size() ? &file_.indicators[*ind] : nullptr;
        const bool status = def && def->status();
        // A number stored as one becomes a value without going through text (docs/excel.md).
        const XlsxCell* stored = status ? nullptr : value_cell.cell;
        if (stored && stored->kind == XlsxCell::Kind::Boolean) {
            diags_.error("value.syntax", cell_position(value_cell),
                         fmt::format("cellen är ett sanningsvärde ({}), inget värde; skriv ett tal, ett intervall eller i.u.", cell));
            return;
        }
        if (stored && is_date(value_cell)) {
            diags_.error("value.syntax", cell_position(value_cell),
                         fmt::format("cellen är ett datum ({}), inget värde; ge cellen formatet Tal eller Procent", cell));
            return;
        }
        ValueParse vp = stored && stored->kind == XlsxCell::Kind::Number ? number_literal(*stored, cell)
                        : status ? parse_status_literal(cell, def->value_scale)
                                 : parse_value_literal(cell, file_.owner_unit(*ind));
        if (vp.error) {
            diags_.error("value.syntax", f_.position_at(raw_offset(value_cell, vp.error->offset)),
                         vp.error->message);
            return;
        }
        const ValueLiteral& lit = *vp.value;
        ValueInput in;
        in.indicator = *ind;
        in.period = *period;
        in.series = series;
        in.literal = &lit;
        in.status = status && lit.kind != ValueKind::Missing;
        in.file = file_index_;
        in.offset = static_cast<std::uint32_t>(cell_offset(value_cell));
        in.period_offset = static_cast<std::uint32_t>(cell_offset(period_cell));
        if (!value_cell.escaped && !lit.text.empty()) {
            const std::size_t within = cell.find(lit.text);
            if (within != std::string_view::npos)
                in.text_offset = static_cast<std::uint32_t>(value_cell.content_begin() + within);
        }
        if (where_[kComment] >= 0) in.comment = trim(fields[where_[kComment]].content());
        if (where_[kSource] >= 0) in.data_source = trim(fields[where_[kSource]].content());
        file_.values.add(in);
    }

    // The indicator or nyckeltal row a row names (its owner index, see
    // RuleFile::key_figure_owner). A file lists one indicator's rows together
    // and often in the rule file's order: the previous row's indicator, then
    // the next one, before the index.
    std::optional<std::uint32_t> indicator_of(const Field& cell, std::string_view id) {
        if (!last_id_.empty() && id == last_id_) return last_indicator_;
        const std::uint32_t next = last_id_.empty() ? 0 : last_indicator_ + 1;
        std::uint32_t ind = 0;
        if (next < indexed_.size() && indexed_[next] && file_.owner_id(next) == id) {
            ind = next;
        } else {
            const std::string composed = maybe_not_nfc(id) ? nfc(id) : std::string();  // §4: ids compared after NFC
            const auto it = indicator_index_.find(composed.empty() ? id : std::string_view(composed));
            if (it == indicator_index_.end()) {
                note_unknown(id, cell_position(cell));
                return std::nullopt;
            }
            ind = it->second;
        }
        last_id_ = cell.escaped ? std::string_view() : id;  // a view into the file, not the reader's copy
        last_indicator_ = ind;
        return ind;
    }

    std::string period_message(std::string_view p) const {
        // Excel turns 2024-08 into a date unless the cell is text.
        if (p.size() == 10 && p[4] == '-' && p[7] == '-' && parse_period(p.substr(0, 7)))
            return fmt::format("'{}' är ingen period; skriv {} (kalkylprogram gör gärna om perioder till "
                               "datum — formatera kolumnen som text)",
                               p, p.substr(0, 7));
        return fmt::format("'{}' är ingen period; skriv ett år (2024) eller år och månad (2024-08)", p);
    }

    // ---- a workbook's cells ---------------------------------------------------
    // A cell that holds no value of its own: an error value or a formula that
    // was never computed. An error at the cell; true when it is one.
    bool cell_problem(const Field& f) {
        if (!f.cell) return false;
        if (f.cell->kind == XlsxCell::Kind::Error) {
            diags_.error("data.cell", cell_position(f),
                         fmt::format("cellen har felvärdet {}; rätta formeln, eller skriv i.u. om värdet saknas", f.cell->text));
            return true;
        }
        if (f.cell->kind == XlsxCell::Kind::Uncached) {
            diags_.error("data.cell", cell_position(f),
                         "formeln i cellen har inget sparat resultat (filen har skrivits av ett program som inte räknar); "
                         "öppna den i Excel eller LibreOffice och spara den, eller skriv värdet i cellen");
            return true;
        }
        return false;
    }

    static bool is_date(const Field& f) {
        return f.cell && f.cell->kind == XlsxCell::Kind::Number && f.cell->shape.kind == NumberShape::Kind::Date;
    }

    // A date in the period column: the period it stands for (period_of_date).
    static std::optional<Period> period_of_date(const Field& f) {
        const auto& d = f.cell->date;
        return d ? malkoll::period_of_date(d->year, d->month, d->day) : std::nullopt;
    }

    static std::string date_period_message(const Field& f) {
        if (!f.cell->date)
            return fmt::format("cellen är ett datum med klockslag ({}), ingen period; skriv ett år (2024) eller år och månad (2024-08)",
                               f.view);
        return fmt::format("datumet {} är ingen period: en period är ett år (2024) eller år och månad (2024-08), och ett datum "
                           "läses som perioden som slutar den dagen (2024-08-31 är 2024-08, 2024-12-31 är 2024) eller som "
                           "månaden när det är den första (2024-08-01 är 2024-08)",
                           f.view);
    }

    // The value of a number cell: the number as its format shows it (a
    // percentage in %), `text` the cell as the sheet's text holds it.
    static ValueParse number_literal(const XlsxCell& c, std::string_view text) {
        ValueLiteral lit;
        lit.kind = ValueKind::Number;
        lit.lo = lit.hi = cell_decimal(c.number, c.shape);
        if (c.shape.kind == NumberShape::Kind::Percent) lit.unit.push_back('%');  // (not = "%": GCC 12 warns falsely, PR 105651)
        lit.text = std::string(text);
        ValueParse out;
        out.value = std::move(lit);
        return out;
    }

    // ---- positions ----------------------------------------------------------
    // Where the cell's text starts: after an opening quote and leading blanks.
    Position cell_position(const Field& f) const { return f_.position_at(cell_offset(f)); }
    std::size_t cell_offset(const Field& f) const {
        const std::string_view c = f.content();
        std::size_t lead = 0;
        while (lead < c.size() && (c[lead] == ' ' || c[lead] == '\t')) ++lead;
        if (lead == c.size()) lead = 0;
        return raw_offset(f, lead);
    }

    // The byte in the text of the content's byte `k`, counting "" as two.
    std::size_t raw_offset(const Field& f, std::size_t k) const {
        std::size_t raw = f.content_begin();
        if (!f.escaped) return raw + k;
        const std::string_view t = f_.text();
        for (std::size_t m = 0; m < k && raw < t.size(); ++m) raw += t[raw] == '"' ? 2 : 1;
        return raw;
    }

    // ---- indices ------------------------------------------------------------
    // The indicators' ids, then the nyckeltal rows' (their values' owners in that order).
    void index_indicators() {
        const std::size_t owners = file_.owner_count();
        indicator_index_.reserve(owners);
        indexed_.assign(owners, false);
        for (std::size_t i = 0; i < owners; ++i) {
            const std::string& id = file_.owner_id(static_cast<std::uint32_t>(i));
            indexed_[i] = indicator_index_.emplace(id, static_cast<std::uint32_t>(i)).second;
            indicator_ids_.push_back(id);
        }
    }

    // ---- grouped warnings and notices ---------------------------------------
    // One warning per unknown indicator and one notice per ignored period, at
    // the first row, so a shared export does not bury the real problems.
    struct Group {
        Position first;
        std::size_t rows = 0;
        std::string what;  // the indicator id, or the single value's description
        Period period;
    };

    void note_unknown(std::string_view id, Position pos) {
        auto [it, inserted] = unknown_index_.try_emplace(std::string(id), unknown_.size());
        if (inserted) unknown_.push_back(Group{std::move(pos), 0, std::string(id), {}});
        ++unknown_[it->second].rows;
    }

    void report_groups() {
        for (const Group& g : unknown_) {
            auto near = suggest(g.what, indicator_ids_);
            std::string msg = fmt::format("okänd indikator '{}'", g.what);
            if (near) msg += fmt::format(" (menade du '{}'?)", *near);
            if (g.rows > 1) msg += fmt::format("; {} rader med den används inte (den första står här)", g.rows);
            diags_.warning("data.unknown-indicator", g.first, std::move(msg));
        }
    }

    const SourceFile& f_;
    std::uint32_t file_index_;
    RuleFile& file_;
    Diagnostics& diags_;
    char sep_ = ';';
    bool sheet_ = false;                    // a workbook's sheet, not a CSV file
    std::size_t width_ = 0;                 // fields in the header
    std::array<int, kColumnCount> where_{};  // each Column's field, -1 when absent
    std::unordered_map<std::string_view, std::uint32_t> indicator_index_;
    std::vector<bool> indexed_;            // the index's entry for its id (a repeated id is not)
    std::string_view last_id_;             // the previous row's indicator, as written
    std::uint32_t last_indicator_ = 0;
    std::vector<std::string> indicator_ids_;
    std::unordered_map<std::string, std::size_t> unknown_index_;
    std::vector<Group> unknown_;
};

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool ends_with_folded(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && fold_word(s.substr(s.size() - suffix.size())) == suffix;
}

// Control characters (other than TAB and the line ends) are refused, as in a
// rule file: they are invisible in a spreadsheet and would reach the reports.
bool refuse_controls(const SourceFile& sf, Diagnostics& diags) {
    const std::string_view t = sf.text();
    for (std::size_t i = 0; i < t.size(); ++i) {
        const auto c = static_cast<unsigned char>(t[i]);
        unsigned cp = 0;
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) cp = c;
        else if (c == 0xC2 && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) >= 0x80 && static_cast<unsigned char>(t[i + 1]) <= 0x9F)
            cp = static_cast<unsigned char>(t[i + 1]);  // C1 controls
        if (cp) {
            diags.error("data.encoding", sf.position_at(i),
                        fmt::format("styrtecknet U+{:04X} får inte stå i en datafil; ta bort det (det syns ofta inte i "
                                    "kalkylprogrammet)",
                                    cp));
            return true;
        }
    }
    return false;
}

// What a file that is no text is, when it is a spreadsheet or a zip (docs/excel.md);
// "" for anything else.
std::string binary_kind(const std::string& name, std::string_view bytes) {
    if (starts_with(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
        return "filen är en arbetsbok i Excels äldre format (.xls) eller en lösenordsskyddad arbetsbok; spara den utan lösenord "
               "som Excel-arbetsbok (.xlsx) eller som CSV UTF-8";
    if (!starts_with(bytes, "PK\x03\x04") && !starts_with(bytes, "PK\x05\x06")) return {};
    if (ends_with_folded(name, ".ods") || bytes.substr(0, 120).find("opendocument.spreadsheet") != std::string_view::npos)
        return "filen är ett OpenDocument-kalkylblad (.ods); spara det som Excel-arbetsbok (.xlsx) eller som CSV UTF-8";
    return "filen är en zip-fil, ingen textfil; är den en Excel-arbetsbok ska namnet sluta på .xlsx, annars spara datan som "
           "CSV UTF-8";
}

// A cell as the sheet's text holds it: a text as it is, a number with a
// decimal comma and no grouping ("1234,5"; a percentage "17 %"), a date
// 2024-08-31, a truth value SANT or FALSKT, an error value and a formula as
// Excel shows them.
std::string shown_cell(const XlsxCell& c) {
    switch (c.kind) {
        case XlsxCell::Kind::Text:
        case XlsxCell::Kind::Error: return c.text;
        case XlsxCell::Kind::Uncached: return "=" + c.text;
        case XlsxCell::Kind::Boolean: return c.number != 0 ? "SANT" : "FALSKT";
        case XlsxCell::Kind::Number: break;
    }
    if (c.shape.kind == NumberShape::Kind::Date && c.date) return fmt::format("{:04}-{:02}-{:02}", c.date->year, c.date->month, c.date->day);
    const Decimal d = cell_decimal(c.number, c.shape);
    if (c.shape.kind == NumberShape::Kind::Percent) return format_with_unit(d, "%", true);
    std::string s = format_number(d, true);
    s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
    return s;
}

// A workbook given as a data file: the sheet read into the same rows a CSV
// file gives, then the same loader.
template <class Same>
void load_workbook(const std::string& name, const std::string& sheet, const Position& named_at, FileBytes file_bytes, RuleFile& file,
                   SourceSet& sources, Diagnostics& diags, const Same& same) {
    const std::string_view bytes = file_bytes.view();
    const std::string raw_sha256 = sha256_hex(bytes);
    // At the file itself, or at its name in the rule file (which then names it).
    const Position at = named_at.file.empty() ? Position{name, 0, 0} : named_at;
    const std::string it = named_at.file.empty() ? std::string("filen") : name;
    if (!starts_with(bytes, "PK\x03\x04") && !starts_with(bytes, "PK\x05\x06")) {
        std::string why = binary_kind(name, bytes);
        diags.error("data.xlsx", at, why.empty() ? fmt::format("{} är ingen Excel-arbetsbok (den är ingen zip-fil); spara den som "
                                                               "Excel-arbetsbok (.xlsx), eller ge en CSV-fil ett namn som slutar på .csv", it)
                                                 : why);
        return;
    }
    XlsxRead read = read_xlsx(bytes, sheet);
    if (!read.sheet) {
        if (read.unknown_sheet) {
            std::string msg = fmt::format("arbetsboken {}har inget blad som heter '{}'", named_at.file.empty() ? "" : name + " ", sheet);
            if (auto near = suggest(sheet, read.sheets)) msg += fmt::format(" (menade du '{}'?)", *near);
            std::string list;
            for (std::size_t i = 0; i < read.sheets.size(); ++i) list += (i ? ", " : "") + read.sheets[i];
            if (!read.sheets.empty()) msg += fmt::format("; bladen heter {}", list);
            diags.error("data.sheet", at, std::move(msg));
        } else if (read.damaged_at) {
            const XlsxCellRef& c = *read.damaged_at;
            diags.error("data.xlsx", Position{name, c.row, c.col, c.sheet},
                        fmt::format("arbetsboken kan inte läsas: {}; öppna den i Excel eller LibreOffice och spara den igen", read.error));
        } else {
            diags.error("data.xlsx", at, fmt::format("{} kan inte läsas som Excel-arbetsbok: {}", it, read.error));
        }
        return;
    }
    const XlsxSheet& ws = *read.sheet;
    // The same sheet named twice (also as the first sheet and by its name) is read once.
    for (std::size_t i = file.file; i < sources.size(); ++i) {
        const SourceFile& other = sources.file(static_cast<std::uint32_t>(i));
        if (other.sheet() == ws.name && same(other.name())) return;
    }

    // The sheet's text: from the header row (the first with a cell) on, every
    // row that has something within the header's columns, a field per column.
    const std::vector<XlsxCell>& cells = ws.cells;
    std::string text;
    std::vector<SourceFile::SheetCell> places;
    std::vector<const XlsxCell*> of_place;
    std::uint32_t width = 0;
    for (std::size_t i = 0; i < cells.size() && cells[i].row == cells.front().row; ++i) width = cells[i].col;
    for (std::size_t i = 0; i < cells.size();) {
        const std::uint32_t row = cells[i].row;
        std::size_t end = i;
        while (end < cells.size() && cells[end].row == row) ++end;
        if (cells[i].col <= width) {
            std::size_t k = i;
            for (std::uint32_t col = 1; col <= width; ++col) {
                const XlsxCell* c = k < end && cells[k].col == col ? &cells[k++] : nullptr;
                const std::string shown = c ? shown_cell(*c) : std::string();
                places.push_back({static_cast<std::uint32_t>(text.size()), static_cast<std::uint32_t>(shown.size()), row, col});
                of_place.push_back(c);
                text += shown;
                text += col < width ? '\t' : '\n';
                if (text.size() > kMaxInputBytes) {
                    diags.error("data.xlsx", at, fmt::format("bladet {} är för stort för en datafil", ws.name));
                    return;
                }
            }
        }
        i = end;
    }
    const std::uint32_t index = sources.add_sheet(name, std::move(text), raw_sha256, ws.name, places);
    const SourceFile& sf = sources.file(index);
    if (refuse_controls(sf, diags)) return;
    DataLoader(sf, index, file, diags).run_sheet(places, of_place, width);
    settle_values(file, diags);
}

}  // namespace

namespace {

void load_data_bytes(const std::string& name, FileBytes file_bytes, RuleFile& file, SourceSet& sources,
                     Diagnostics& diags) {
    const std::string_view bytes = file_bytes.view();
    const std::string raw_sha256 = sha256_hex(bytes);  // of the bytes as read, before decoding
    if (std::string kind = binary_kind(name, bytes); !kind.empty()) {
        sources.add(name, std::string(), raw_sha256);
        diags.error("data.binary", Position{name, 0, 0}, std::move(kind));
        return;
    }
    if (starts_with(bytes, "\xFF\xFE") || starts_with(bytes, "\xFE\xFF")) {
        sources.add(name, std::string(), raw_sha256);
        diags.error("data.encoding", Position{name, 1, 1},
                    "filen är kodad som UTF-16 (Excels \"Unicode-text\"); spara den som \"CSV UTF-8\" eller "
                    "\"CSV (semikolonavgränsad)\"");
        return;
    }
    const std::size_t skip = starts_with(bytes, "\xEF\xBB\xBF") ? 3 : 0;
    const std::string_view text = bytes.substr(skip);
    const std::size_t bad = utf8_first_invalid(text);
    if (bad != std::string::npos) {
        // Where: each byte is one character once read as Windows-1252.
        std::size_t line_start = text.rfind('\n', bad == 0 ? 0 : bad - 1);
        line_start = line_start == std::string::npos || bad == 0 ? 0 : line_start + 1;
        const auto line = static_cast<std::uint32_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n') + 1);
        const auto col = static_cast<std::uint32_t>(bad - line_start + 1);
        diags.notice("data.encoding", Position{name, line, col},
                     fmt::format("filen är inte giltig UTF-8 (första avvikande byte 0x{:02X} här) och lästes som "
                                 "Windows-1252; kontrollera å, ä och ö",
                                 static_cast<unsigned char>(text[bad])));
    }
    const std::uint32_t index = bad != std::string::npos
                                    ? sources.add(name, windows1252_to_utf8(text), raw_sha256)
                                    : sources.add(name, std::move(file_bytes), skip, raw_sha256);
    const SourceFile& sf = sources.file(index);
    if (refuse_controls(sf, diags)) return;
    DataLoader(sf, index, file, diags).run();
    settle_values(file, diags);
}

}  // namespace

bool is_workbook_name(std::string_view path) { return ends_with_folded(path, ".xlsx"); }

void load_data_text(const std::string& name, std::string bytes, RuleFile& file, SourceSet& sources,
                    Diagnostics& diags) {
    if (is_workbook_name(name))
        load_workbook(name, {}, Position{}, FileBytes(std::move(bytes)), file, sources, diags, [&](const std::string& other) { return other == name; });
    else
        load_data_bytes(name, FileBytes(std::move(bytes)), file, sources, diags);
}

DataFileRef parse_data_file_ref(const std::string& written) {
    const std::size_t colon = written.rfind(':');
    if (colon == std::string::npos || !ends_with_folded(std::string_view(written).substr(0, colon), ".xlsx")) return {written, {}};
    std::error_code ec;
    if (std::filesystem::exists(written, ec)) return {written, {}};  // a file whose name has a ':'
    return {written.substr(0, colon), written.substr(colon + 1)};  // "FIL.xlsx:" is its first sheet
}

bool load_data_file(const std::string& path, RuleFile& file, SourceSet& sources, Diagnostics& diags, const std::string& sheet,
                    const Position& named_at) {
    // A file named twice (the same resolved path) is read once for a rule
    // file; the files before it in `sources` (a roll-up's other nämnder) are
    // not its. A workbook's sheets are files of their own (load_workbook).
    std::error_code ec;
    const std::filesystem::path resolved = std::filesystem::weakly_canonical(path, ec);
    auto same = [&](const std::string& other) {
        if (other == path) return true;
        if (ec) return false;
        std::error_code ec2;
        const std::filesystem::path o = std::filesystem::weakly_canonical(other, ec2);
        return !ec2 && o == resolved;
    };
    const bool workbook = is_workbook_name(path);
    if (!workbook)
        for (std::size_t i = file.file; i < sources.size(); ++i)
            if (same(sources.file(static_cast<std::uint32_t>(i)).name())) return true;
    std::string why;
    auto bytes = read_file(path, &why);
    if (!bytes) {
        diags.error("io.read", Position{path, 0, 0}, "filen kan inte läsas: " + why);
        return false;
    }
    if (workbook) load_workbook(path, sheet, named_at, std::move(*bytes), file, sources, diags, same);
    else load_data_bytes(path, std::move(*bytes), file, sources, diags);
    return true;
}

}  // namespace malkoll
