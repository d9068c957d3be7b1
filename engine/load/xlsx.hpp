// One sheet of an Excel workbook (.xlsx, Office Open XML) read as a data file
// (docs/excel.md): the zip with libzip, the XML with expat, streamed. Only
// what a data file needs: the workbook's sheets, the shared strings, the
// cells' number formats (to tell a percentage, a number's decimals and a date
// apart) and the cells of one sheet. Nothing here throws, whatever the bytes.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/value.hpp"

namespace malkoll {

// How a cell's number format shows a number.
struct NumberShape {
    enum class Kind : std::uint8_t { General, Fixed, Percent, Date };
    Kind kind = Kind::General;
    std::int8_t decimals = -1;  // Fixed and Percent: digits after the comma; otherwise -1
};

// The shape of a built-in format (`numFmtId` below 164 without a code of its
// own) or of a format code as the file stores it ("0.0%", "#,##0", "yyyy-mm-dd").
NumberShape builtin_number_shape(std::uint32_t id);
NumberShape number_shape(std::string_view format_code);

struct CivilDate {
    int year = 0, month = 0, day = 0;
};
// A serial day number of Excel's 1900 or 1904 date system as a date; nullopt
// for a fraction of a day (a time) or a number outside 1900–9999.
std::optional<CivilDate> excel_date(double serial, bool date1904);

// A stored number as the value it stands for: the 15 significant digits Excel
// shows and computes with, times 100 for a percentage, rounded half away from
// zero to the format's decimals (General: as many as it has, trailing zeros
// dropped). `v` is the double nearest to that decimal, so it compares exactly.
Decimal cell_decimal(double stored, NumberShape shape);

struct XlsxCell {
    enum class Kind : std::uint8_t {
        Text,      // a shared, inline or formula string
        Number,    // `number` shown by `shape`; a date when shape is Date
        Boolean,   // `number` 0 or 1
        Error,     // `text` the error value, "#N/A"
        Uncached,  // a formula without a stored result: `text` its formula
    };
    std::uint32_t row = 0, col = 0;  // 1-based: A1 is (1, 1)
    Kind kind = Kind::Text;
    NumberShape shape;
    double number = 0;
    std::optional<CivilDate> date;  // a Number shaped as a date, when it is a whole day
    std::string text;
};

struct XlsxSheet {
    std::string name;
    std::vector<XlsxCell> cells;  // the cells with content, by row, then column
};

struct XlsxCellRef {
    std::string sheet;
    std::uint32_t row = 0, col = 0;
};

struct XlsxRead {
    std::optional<XlsxSheet> sheet;
    std::string error;                // Swedish, when there is no sheet
    // The sheet's XML is broken: the cell it broke in or near, when known.
    std::optional<XlsxCellRef> damaged_at;
    bool unknown_sheet = false;       // the error is that `sheet` names none of `sheets`
    std::vector<std::string> sheets;  // the workbook's worksheets, in order
};

// Reads the worksheet named `sheet` ("" the first) from a workbook's bytes.
XlsxRead read_xlsx(std::string_view bytes, std::string_view sheet);

}  // namespace malkoll
