// A zip package in memory over libzip: the Word report is written into one
// and then to its file whole (write_file_atomic), and a template (--mall) is
// read from one. Entries keep the order they were added in and all get the
// same time, so the same entries give the same bytes.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace malkoll {

struct ZipEntry {
    std::string name;
    std::string data;
    bool compress = true;  // false for what is compressed already (PNG)
};

// The package's bytes, or nullopt with the reason in `error`. `time`: the
// entries' time as seconds since 1970 in UTC (a DOS time: two-second steps,
// 1980–2107; earlier is 1980-01-01 00:00).
std::optional<std::string> write_zip(const std::vector<ZipEntry>& entries, std::int64_t time, std::string& error);

// A package read into memory: entries are looked up by name.
class ZipReader {
public:
    ZipReader() = default;
    ZipReader(ZipReader&&) noexcept;
    ZipReader& operator=(ZipReader&&) noexcept;
    ZipReader(const ZipReader&) = delete;
    ZipReader& operator=(const ZipReader&) = delete;
    ~ZipReader();

    // False with the reason in Swedish ("är ingen zip-fil …").
    bool open(std::string bytes, std::string& error);
    bool has(std::string_view name) const;
    // The entry's bytes; nullopt when it is missing or cannot be read (`error` says which).
    std::optional<std::string> read(std::string_view name, std::string& error) const;

private:
    std::string bytes_;
    void* archive_ = nullptr;  // zip_t
};

// The largest entry read from a package (a template's parts are kilobytes).
inline constexpr std::uint64_t kMaxZipEntryBytes = std::uint64_t{64} << 20;

}  // namespace malkoll
