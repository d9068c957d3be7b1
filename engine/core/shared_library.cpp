#include "engine/core/shared_library.hpp"

#include <dlfcn.h>

namespace malkoll {

void* load_library(const LibraryNeed& need, std::string& error) {
    // RTLD_NOW: a missing function shows here, once, not halfway through a report.
    void* lib = dlopen(need.soname, RTLD_NOW | RTLD_LOCAL);
    if (!lib)
        error = std::string("biblioteket ") + need.soname + " behövs för " + need.purpose +
                " men kunde inte läsas in; installera Debian-paketet " + need.package;
    return lib;
}

void* library_function(void* library, const LibraryNeed& need, const char* name, std::string& error) {
    void* f = library ? dlsym(library, name) : nullptr;
    if (!f)
        error = std::string("biblioteket ") + need.soname + " (för " + need.purpose + ") saknar funktionen " + name +
                "; installera en nyare version av Debian-paketet " + need.package;
    return f;
}

}  // namespace malkoll
