// Data files (docs/regelfil.md): CSV, or a sheet of an Excel workbook
// (docs/excel.md), with a header row
// `indikator;period;serie;värde;kommentar;källa`, read into RuleFile::values.
//
// What the reader accepts: the separator `;`, tab or `,`, taken from the
// header line (the first of them found outside quotes, in that order of
// preference); RFC 4180 quoting ("" inside quotes, separators and line
// breaks inside quoted fields); LF or CRLF; UTF-8 with or without BOM, and
// Windows-1252 (with a notice) when the bytes are not valid UTF-8. Empty lines
// and lines with only empty cells are skipped. The file's text as read (UTF-8,
// without BOM) is added to the SourceSet, so every diagnostic can show its
// line; positions are 1-based with the column counted in characters.
//
// Nothing here throws, whatever the bytes.
#pragma once
#include <string>
#include <string_view>

#include "engine/core/diagnostic.hpp"
#include "engine/core/source.hpp"
#include "engine/load/rule_file.hpp"

namespace malkoll {

// Reads one data file and appends its values to file.values (then keeps
// file.values stably sorted by indicator, as load_rule_text does).
// `path` is how the file is named in messages. Returns false if it could not
// be read (an `io.read` error is added). A file whose path resolves to one
// already in `sources` is not read again (returns true).
// A path ending in .xlsx is a workbook (docs/excel.md): its worksheet `sheet`
// ("" the first) is read, with the same columns, values and checks, into a
// SourceFile of its own whose positions name cells (FIL.xlsx:Blad!C7); a
// problem with the workbook or the sheet's name is reported at `named_at`
// (its `utfall:` entry), else at the file. Any other file is CSV; a zip, an
// .xls or an .ods under another name gets a message saying what it is.
bool load_data_file(const std::string& path, RuleFile& file, SourceSet& sources, Diagnostics& diags, const std::string& sheet = {},
                    const Position& named_at = {});

// A data file as written after --data or under `utfall:`: FIL, or a
// workbook's sheet FIL.xlsx:Blad (split at the last ':' when what is before
// it ends in .xlsx and the whole is not the name of an existing file).
struct DataFileRef {
    std::string path, sheet;
};
DataFileRef parse_data_file_ref(const std::string& written);
// A name ending in .xlsx (any case): read as a workbook.
bool is_workbook_name(std::string_view path);

// The same from bytes already in memory (tests use the name "input.csv"; a
// name ending in .xlsx is a workbook, its first sheet read).
void load_data_text(const std::string& name, std::string bytes, RuleFile& file, SourceSet& sources,
                    Diagnostics& diags);

}  // namespace malkoll
