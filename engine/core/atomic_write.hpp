// Writing a file whole or not at all (docs/regelfil.md: -o never leaves a half-written
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
// Through a symbolic link the file it points to is written and the link kept;
// anything but a regular file (a directory, a device, a FIFO) is refused.
bool write_file_atomic(const std::string& path, std::string_view content, std::string& error);

// True when both paths name one existing file (same device and inode),
// however they are spelled.
bool same_file(const std::string& a, const std::string& b);

}  // namespace malkoll
