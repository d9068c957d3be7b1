// The Excel report (`--format xlsx`, docs/excel.md): one sheet per report
// part — Sammanfattning, Målredovisning, the indicators (Nämndindikatorer),
// Utvecklingsuppdrag and Nyckeltal when the report has them — written with
// libxlsxwriter from the report model. It only formats: numbers in cells with
// number formats, the text as written beside them.
#pragma once
#include <string>

#include "engine/report/describe.hpp"

namespace malkoll {

// The workbook's bytes: written by libxlsxwriter to a file in a private
// temporary folder, read back and removed, so the caller writes them whole
// (write_file_atomic). Reproducible: the zip entries carry 1980-01-01 and the
// document's creation time is SOURCE_DATE_EPOCH when set, else 1980-01-01.
// False, with the reason in Swedish in `error`, when the workbook cannot be written.
bool render_xlsx(const ReportInput& in, std::string& bytes, std::string& error);

}  // namespace malkoll
