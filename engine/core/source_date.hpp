// SOURCE_DATE_EPOCH, the reproducible-builds convention: the one date a
// report may carry (docs/word.md, docs/excel.md). Read in one place, so every
// format accepts and refuses the same values.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace malkoll {

struct SourceDate {
    std::optional<std::int64_t> seconds;  // since 1970-01-01 UTC; none when unset or empty
    std::string error;                    // Swedish, when set but no date a report can carry
};

// A whole number of seconds from 0 to 253402300799 (9999-12-31 23:59:59).
SourceDate source_date_epoch();

}  // namespace malkoll
