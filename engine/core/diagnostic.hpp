// One diagnostic type for every stage: YAML, grammar, checks, data.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace malkoll {

enum class Severity : std::uint8_t { Error, Warning, Notice };

// A position in a file. line and col are 1-based; col counts characters
// (UTF-8 code points), not bytes. line == 0 means "the file as a whole".
// In a sheet of a workbook (`sheet` not empty) line is the row and col the
// column (1 is A): the cell, written FILE:BLAD!C7.
struct Position {
    std::string file;
    std::uint32_t line = 0;
    std::uint32_t col = 0;
    std::string sheet;

    Position() = default;
    Position(std::string f, std::uint32_t l = 0, std::uint32_t c = 0, std::string s = {})
        : file(std::move(f)), line(l), col(c), sheet(std::move(s)) {}
};

// "C7": the cell at row 7, column 3.
std::string cell_reference(std::uint32_t row, std::uint32_t col);
// Where a position is, as messages and reports write it: "FILE", "FILE:LINE",
// "FILE:LINE:COL", or for a sheet's cell "FILE:BLAD!C7" (the sheet's name
// quoted as Excel does when it has other characters than letters, digits and
// `_`: 'Utfall 2024'!C7).
std::string location_text(const Position& p);

struct Diagnostic {
    Severity severity = Severity::Error;
    std::string code;     // stable, machine-readable: "yaml.duplicate-key", "rule.syntax" …
    Position pos;
    std::string message;  // Swedish, for people
};

// Collects diagnostics from every stage; never throws.
class Diagnostics {
public:
    void add(Severity s, std::string code, Position pos, std::string message);
    void error(std::string code, Position pos, std::string message) {
        add(Severity::Error, std::move(code), std::move(pos), std::move(message));
    }
    void warning(std::string code, Position pos, std::string message) {
        add(Severity::Warning, std::move(code), std::move(pos), std::move(message));
    }
    void notice(std::string code, Position pos, std::string message) {
        add(Severity::Notice, std::move(code), std::move(pos), std::move(message));
    }
    bool has_errors() const { return errors_ > 0; }
    std::size_t error_count() const { return errors_; }
    std::size_t warning_count() const;
    const std::vector<Diagnostic>& items() const { return items_; }
    // Stable sort by file, line, column (then insertion order).
    void sort();
    void append(const Diagnostics& other);

private:
    std::vector<Diagnostic> items_;
    std::size_t errors_ = 0;
};

const char* severity_word(Severity s);  // "fel", "varning", "obs"

// "FILE:LINE:COL: fel: message" — plus, when source_line is non-empty, the
// source line and (with `caret`) a caret under column col.
std::string format_diagnostic(const Diagnostic& d, const std::string& source_line, bool caret = true);

}  // namespace malkoll
