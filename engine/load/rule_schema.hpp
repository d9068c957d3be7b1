// The rule file's JSON Schema (draft-07) for editors: `malkoll schema`
// (docs/regelfil.md, Stöd i editorn). It is generated from the tables the
// loader reads the file by (rule_keys.hpp), so that the keys an editor
// completes and flags are the loader's.
#pragma once
#include <string>

namespace malkoll {

// The schema, pretty-printed with its keys in a fixed order and ending in a
// newline: the same text every time.
std::string rule_file_schema();

}  // namespace malkoll
