// `malkoll hämta` (docs/kolada.md): the values of every indicator with a
// `kolada:` KPI id, for the committee's municipality (`kommun:`) and the
// comparison groups its indicators name (`jämförelse:`), from Kolada's API
// v3, as a data file of the rule file's own CSV format (docs/regelfil.md):
// `indikator;period;serie;värde;kommentar;källa`.
//
// One entry point, hamta(): it plans the requests (at most 25 ids in each
// path segment), reads every page (following `next_url`), retries an answer
// 429 a bounded number of times with growing waits, and builds the rows:
// the main series from gender T, `kvinnor` and `män` from K and M for a KPI
// divided by kön, a comparison group's unweighted mean per year with how
// many members it rests on, and for a value Kolada lacks `i.u.` with the
// data-lag note "publiceras ÅÅÅÅ-MM" where the KPI's metadata gives the
// publication of that year (else "saknas i Kolada"). Any failure is an error
// naming the URL, and then there is no file.
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "engine/core/diagnostic.hpp"
#include "engine/kolada/transport.hpp"
#include "engine/load/rule_file.hpp"

namespace malkoll {

struct HamtaOptions {
    std::string base_url = kKoladaUrl;
    int first_year = 0, last_year = 0;  // both 0: the five years up to the rule file's `år`
    std::string date;                   // ÅÅÅÅ-MM-DD: the retrieval date in every row's källa
    int retries = 4;                    // after an answer 429
    // Sleeps that many milliseconds before a retry (the CLI's sleeps; a test's records).
    std::function<void(int milliseconds)> wait;
    // Called after every request with how many are done of how many planned (a progress line).
    std::function<void(std::size_t done, std::size_t total)> progress;
};

struct HamtaResult {
    bool ok = false;
    std::string error;       // why there is no file (Swedish, naming the URL); "" when the rule file's problems are in diags
    std::string csv;         // the data file, whole (UTF-8 with BOM, CRLF, as Swedish Excel opens it)
    std::size_t rows = 0, requests = 0, indicators = 0;
    // Every answer read, by where it is saved (saved_answer_path), for `--spara-katalog`.
    std::vector<std::pair<std::string, std::string>> answers;
};

// Problems of the rule file (no `kommun`, an undefined comparison group, no
// indicator with a KPI id) go to `diags` at their place.
HamtaResult hamta(const RuleFile& file, const HamtaOptions& options, Transport& transport, Diagnostics& diags);

}  // namespace malkoll
