// Writing a file whole or not at all (CLI.md: -o never leaves a half-written
// or emptied report behind).
#pragma once
#include <string>
#include <string_view>

namespace malkoll {

// Writes content to a temporary file next to path, then renames it over path.
// On failure the temporary file is removed, an existing path is untouched,
// error says why in Swedish ("kan inte skriva FIL: mappen finns inte") and the
// result is false. A new file gets mode 0666 minus the umask; a replaced file
// keeps its mode.
bool write_file_atomic(const std::string& path, std::string_view content, std::string& error);

}  // namespace malkoll
