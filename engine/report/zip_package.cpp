#include "engine/report/zip_package.hpp"

#include <ctime>

#include <zip.h>

namespace malkoll {

namespace {

// A DOS date and time from seconds since 1970 (UTC): libzip's
// zip_file_set_mtime converts in local time, which would make the bytes
// depend on the time zone.
void dos_time(std::int64_t seconds, zip_uint16_t& time, zip_uint16_t& date) {
    std::tm t{};
    const std::time_t s = static_cast<std::time_t>(seconds);
    if (seconds < 315532800 || !gmtime_r(&s, &t) || t.tm_year > 207) {  // before 1980, or beyond DOS time
        time = 0;
        date = static_cast<zip_uint16_t>((0 << 9) | (1 << 5) | 1);  // 1980-01-01
        return;
    }
    time = static_cast<zip_uint16_t>((t.tm_hour << 11) | (t.tm_min << 5) | (t.tm_sec / 2));
    date = static_cast<zip_uint16_t>(((t.tm_year - 80) << 9) | ((t.tm_mon + 1) << 5) | t.tm_mday);
}

std::string zip_reason(zip_error_t* e) {
    switch (zip_error_code_zip(e)) {
        case ZIP_ER_NOZIP: return "filen är ingen zip-fil, och alltså inget Word-dokument (.docx)";
        case ZIP_ER_INCONS:
        case ZIP_ER_CRC: return "zip-filen är skadad";
        case ZIP_ER_ENCRNOTSUPP:
        case ZIP_ER_NOPASSWD: return "filen är krypterad eller lösenordsskyddad";
        case ZIP_ER_COMPNOTSUPP: return "filen är packad på ett sätt som inte kan läsas";
        case ZIP_ER_MEMORY: return "minnet räckte inte";
        default: return std::string("zip-filen kan inte läsas (") + zip_error_strerror(e) + ")";
    }
}

}  // namespace

std::optional<std::string> write_zip(const std::vector<ZipEntry>& entries, std::int64_t time, std::string& error) {
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &ze);
    if (!buffer) {
        error = zip_reason(&ze);
        zip_error_fini(&ze);
        return std::nullopt;
    }
    zip_t* za = zip_open_from_source(buffer, ZIP_TRUNCATE, &ze);
    if (!za) {
        error = zip_reason(&ze);
        zip_source_free(buffer);
        zip_error_fini(&ze);
        return std::nullopt;
    }
    zip_source_keep(buffer);  // zip_close writes into it; we read it afterwards
    zip_uint16_t dtime = 0, ddate = 0;
    dos_time(time, dtime, ddate);
    auto fail = [&](zip_error_t* e) {
        error = zip_reason(e);
        zip_discard(za);
        zip_source_free(buffer);
        zip_error_fini(&ze);
        return std::nullopt;
    };
    for (const ZipEntry& entry : entries) {
        // The entries' data outlives zip_close, which reads it.
        zip_source_t* s = zip_source_buffer(za, entry.data.data(), entry.data.size(), 0);
        if (!s) return fail(zip_get_error(za));
        const zip_int64_t index = zip_file_add(za, entry.name.c_str(), s, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(s);
            return fail(zip_get_error(za));
        }
        const auto i = static_cast<zip_uint64_t>(index);
        if (zip_set_file_compression(za, i, entry.compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, entry.compress ? 9 : 0) < 0 ||
            zip_file_set_dostime(za, i, dtime, ddate, 0) < 0)
            return fail(zip_get_error(za));
    }
    if (zip_close(za) < 0) return fail(zip_get_error(za));

    std::string bytes;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_source_open(buffer) < 0) {
        error = zip_reason(zip_source_error(buffer));
        zip_source_free(buffer);
        zip_error_fini(&ze);
        return std::nullopt;
    }
    if (zip_source_stat(buffer, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) bytes.resize(st.size);
    const zip_int64_t got = bytes.empty() ? 0 : zip_source_read(buffer, bytes.data(), bytes.size());
    const bool ok = got >= 0 && static_cast<zip_uint64_t>(got) == bytes.size() && !bytes.empty();
    if (!ok) error = "paketet kunde inte läsas tillbaka ur minnet";
    zip_source_close(buffer);
    zip_source_free(buffer);
    zip_error_fini(&ze);
    if (!ok) return std::nullopt;
    return bytes;
}

ZipReader::ZipReader(ZipReader&& o) noexcept : bytes_(std::move(o.bytes_)), archive_(o.archive_) { o.archive_ = nullptr; }

ZipReader& ZipReader::operator=(ZipReader&& o) noexcept {
    if (this != &o) {
        if (archive_) zip_discard(static_cast<zip_t*>(archive_));
        bytes_ = std::move(o.bytes_);
        archive_ = o.archive_;
        o.archive_ = nullptr;
    }
    return *this;
}

ZipReader::~ZipReader() {
    if (archive_) zip_discard(static_cast<zip_t*>(archive_));
}

bool ZipReader::open(std::string bytes, std::string& error) {
    bytes_ = std::move(bytes);
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t* src = zip_source_buffer_create(bytes_.data(), bytes_.size(), 0, &ze);
    if (!src) {
        error = zip_reason(&ze);
        zip_error_fini(&ze);
        return false;
    }
    zip_t* za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    if (!za) {
        error = zip_reason(&ze);
        zip_source_free(src);
        zip_error_fini(&ze);
        return false;
    }
    zip_error_fini(&ze);
    archive_ = za;
    return true;
}

bool ZipReader::has(std::string_view name) const {
    return archive_ && zip_name_locate(static_cast<zip_t*>(archive_), std::string(name).c_str(), 0) >= 0;
}

std::optional<std::string> ZipReader::read(std::string_view name, std::string& error) const {
    zip_t* za = static_cast<zip_t*>(archive_);
    const std::string n(name);
    const zip_int64_t index = za ? zip_name_locate(za, n.c_str(), 0) : -1;
    if (index < 0) {
        error = "delen " + n + " saknas";
        return std::nullopt;
    }
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(za, static_cast<zip_uint64_t>(index), 0, &st) < 0 || !(st.valid & ZIP_STAT_SIZE)) {
        error = zip_reason(zip_get_error(za));
        return std::nullopt;
    }
    if (st.size > kMaxZipEntryBytes) {
        error = "delen " + n + " är större än 64 MB";
        return std::nullopt;
    }
    zip_file_t* f = zip_fopen_index(za, static_cast<zip_uint64_t>(index), 0);
    if (!f) {
        error = zip_reason(zip_get_error(za));
        return std::nullopt;
    }
    std::string data(static_cast<std::size_t>(st.size), '\0');
    const zip_int64_t got = data.empty() ? 0 : zip_fread(f, data.data(), data.size());
    if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) {
        error = "delen " + n + ": " + zip_reason(zip_file_get_error(f));
        zip_fclose(f);
        return std::nullopt;
    }
    // The CRC is checked at the end of the entry: read past it.
    char extra;
    if (zip_fread(f, &extra, 1) < 0) {
        error = "delen " + n + ": " + zip_reason(zip_file_get_error(f));
        zip_fclose(f);
        return std::nullopt;
    }
    zip_fclose(f);
    return data;
}

}  // namespace malkoll
