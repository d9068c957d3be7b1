// Libraries loaded when first needed rather than when malkoll starts:
// librsvg (the charts of the Word report) and libcurl (`hämta`) bring some
// 80 libraries with them, and loading those at every start cost most of the
// 15 ms each command spent before reading a byte (docs/prestanda.md,
// Uppstarten). Loaded libraries stay loaded: glib cannot be unloaded.
#pragma once
#include <string>

namespace malkoll {

struct LibraryNeed {
    const char* soname;   // "librsvg-2.so.2"
    const char* purpose;  // what it is needed for, in a message: "diagrammen i Word-rapporten"
    const char* package;  // the Debian package that has it: "librsvg2-2"
};

// The library; nullptr and a Swedish reason in `error` when it cannot be loaded.
void* load_library(const LibraryNeed& need, std::string& error);

// Function `name` of a loaded library (or of a library it loaded), as F*;
// false and `error` when it has none.
void* library_function(void* library, const LibraryNeed& need, const char* name, std::string& error);
template <class F>
bool load_function(void* library, const LibraryNeed& need, const char* name, F*& out, std::string& error) {
    out = reinterpret_cast<F*>(library_function(library, need, name, error));
    return out != nullptr;
}

}  // namespace malkoll
