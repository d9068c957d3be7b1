// Writing a file whole or not at all (docs/regelfil.md: -o never leaves a half-written
// or emptied report behind).
#pragma once
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace malkoll {

// A report streamed into a file that gets its name only when it is whole:
// open() creates it without a name beside `path` (O_TMPFILE; where the file
// system cannot, a named temporary file), stream() takes the content through
// a 64 KiB buffer, commit() flushes, syncs and renames it over `path`. A file
// never committed (an error, an early return, the destructor) is discarded
// and an existing `path` is untouched. Errors say why in Swedish ("kan inte
// skriva FIL: disken är full"). A new file gets mode 0666 minus the umask; a
// replaced file keeps its mode. Through a symbolic link the file it points to
// is written and the link kept; anything but a regular file (a directory, a
// device, a FIFO) is refused.
class AtomicFile {
public:
    AtomicFile();
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    bool open(const std::string& path, std::string& error);
    std::ostream& stream();
    bool commit(std::string& error);

private:
    struct State;
    std::unique_ptr<State> s_;
};

// The same for content already in memory.
bool write_file_atomic(const std::string& path, std::string_view content, std::string& error);

// Why creating or writing a file failed (an errno), in Swedish: "disken är full".
std::string write_errno_text(int e);

class FdBuf;

// An ostream over an open file descriptor (main() wraps standard output in
// one), buffered, that keeps the reason of its first failed write.
class FdStream : public std::ostream {
public:
    explicit FdStream(int fd);
    ~FdStream() override;

private:
    std::unique_ptr<FdBuf> buf_;
};

// Standard output, or any stream, after a report was written to it: false
// and a Swedish reason when a write failed ("disken är full", "mottagaren
// har stängt röret"; for another stream than an FdStream only that it failed).
bool stream_written(std::ostream& out, std::string& error);

// True when both paths name one existing file (same device and inode),
// however they are spelled.
bool same_file(const std::string& a, const std::string& b);

}  // namespace malkoll
