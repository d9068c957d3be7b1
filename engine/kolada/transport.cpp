#include "engine/kolada/transport.hpp"

#include <fstream>
#include <mutex>
#include <sstream>

#include <curl/curl.h>
#include <fmt/format.h>

#include "engine/core/shared_library.hpp"

namespace malkoll {

std::optional<std::string> saved_answer_path(std::string_view base_url, std::string_view url) {
    while (!base_url.empty() && base_url.back() == '/') base_url.remove_suffix(1);
    if (url.substr(0, base_url.size()) != base_url) return std::nullopt;
    std::string_view rest = url.substr(base_url.size());
    if (rest.empty() || rest[0] != '/') return std::nullopt;
    rest.remove_prefix(1);
    std::string path(rest.substr(0, rest.find('?')));
    const std::size_t q = rest.find('?');
    if (path.empty() || path.back() == '/') return std::nullopt;
    // No way out of the folder, no hidden or empty parts.
    for (std::size_t start = 0; start <= path.size();) {
        std::size_t end = path.find('/', start);
        if (end == std::string::npos) end = path.size();
        const std::string_view part = std::string_view(path).substr(start, end - start);
        if (part.empty() || part[0] == '.') return std::nullopt;
        start = end + 1;
    }
    if (q != std::string_view::npos) {
        const std::string_view query = rest.substr(q + 1);
        if (query.find('/') != std::string_view::npos) return std::nullopt;
        path += '@';
        path += query;
    }
    for (char c : path)
        if (static_cast<unsigned char>(c) < 0x20 || c == '\\') return std::nullopt;
    return path + ".json";
}

namespace {

// libcurl, loaded when `hämta` first asks (engine/core/shared_library.hpp);
// the header gives the types only.
constexpr LibraryNeed kCurl{"libcurl.so.4", "att hämta från Kolada", "libcurl4"};

struct Curl {
    decltype(&curl_global_init) global_init = nullptr;
    decltype(&curl_easy_init) easy_init = nullptr;
    decltype(&curl_easy_setopt) easy_setopt = nullptr;
    decltype(&curl_easy_perform) easy_perform = nullptr;
    decltype(&curl_easy_getinfo) easy_getinfo = nullptr;
    decltype(&curl_easy_strerror) easy_strerror = nullptr;
    decltype(&curl_easy_cleanup) easy_cleanup = nullptr;

    bool load(std::string& error) {
        void* lib = load_library(kCurl, error);
        return lib && load_function(lib, kCurl, "curl_global_init", global_init, error) &&
               load_function(lib, kCurl, "curl_easy_init", easy_init, error) &&
               load_function(lib, kCurl, "curl_easy_setopt", easy_setopt, error) &&
               load_function(lib, kCurl, "curl_easy_perform", easy_perform, error) &&
               load_function(lib, kCurl, "curl_easy_getinfo", easy_getinfo, error) &&
               load_function(lib, kCurl, "curl_easy_strerror", easy_strerror, error) &&
               load_function(lib, kCurl, "curl_easy_cleanup", easy_cleanup, error);
    }
};

class CurlTransport : public Transport {
public:
    CurlTransport() {
        if (!curl_.load(load_error_)) return;
        // libcurl's own start-up, once per process, before any handle.
        static std::once_flag once;
        std::call_once(once, [this] { curl_.global_init(CURL_GLOBAL_DEFAULT); });
    }

    HttpAnswer get(const std::string& url) override {
        HttpAnswer a;
        if (!load_error_.empty()) {
            a.failure = load_error_;
            return a;
        }
        CURL* c = curl_.easy_init();
        if (!c) {
            a.failure = "libcurl kunde inte starta";
            return a;
        }
        char error[CURL_ERROR_SIZE] = {0};
        curl_.easy_setopt(c, CURLOPT_URL, url.c_str());
        curl_.easy_setopt(c, CURLOPT_ERRORBUFFER, error);
        curl_.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_.easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
        curl_.easy_setopt(c, CURLOPT_TIMEOUT, 120L);
        curl_.easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
        curl_.easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
        curl_.easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
        curl_.easy_setopt(c, CURLOPT_USERAGENT, "malkoll/" MALKOLL_VERSION);
        curl_.easy_setopt(c, CURLOPT_WRITEFUNCTION, &CurlTransport::on_body);
        curl_.easy_setopt(c, CURLOPT_WRITEDATA, &a.body);
        curl_.easy_setopt(c, CURLOPT_HEADERFUNCTION, &CurlTransport::on_header);
        curl_.easy_setopt(c, CURLOPT_HEADERDATA, &a);
        const CURLcode rc = curl_.easy_perform(c);
        if (rc == CURLE_OK) {
            curl_.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &a.status);
        } else {
            a.status = 0;
            a.body.clear();
            switch (rc) {
                case CURLE_OPERATION_TIMEDOUT:
                    a.failure = fmt::format("Kolada svarade inte i tid (högst 10 s för att ansluta, 120 s för svaret) på {}", url);
                    break;
                case CURLE_COULDNT_RESOLVE_HOST: a.failure = fmt::format("Kolada kunde inte nås: värdnamnet i {} kunde inte slås upp (finns det nätverk?)", url); break;
                case CURLE_COULDNT_CONNECT: a.failure = fmt::format("Kolada kunde inte nås: ingen svarar på {}", url); break;
                case CURLE_PEER_FAILED_VERIFICATION: a.failure = fmt::format("Koladas certifikat kunde inte verifieras för {}", url); break;
                default: a.failure = fmt::format("anropet till {} misslyckades ({})", url, error[0] ? error : curl_.easy_strerror(rc));
            }
        }
        curl_.easy_cleanup(c);
        return a;
    }

private:
    Curl curl_;
    std::string load_error_;  // libcurl could not be loaded: every answer says why

    static std::size_t on_body(char* data, std::size_t size, std::size_t n, void* to) {
        static_cast<std::string*>(to)->append(data, size * n);
        return size * n;
    }
    static std::size_t on_header(char* data, std::size_t size, std::size_t n, void* to) {
        const std::string_view line(data, size * n);
        constexpr std::string_view kName = "retry-after:";
        if (line.size() > kName.size()) {
            bool match = true;
            for (std::size_t i = 0; i < kName.size() && match; ++i)
                match = static_cast<char>(std::tolower(static_cast<unsigned char>(line[i]))) == kName[i];
            if (match) {
                int seconds = 0;
                bool digits = false;
                for (char ch : line.substr(kName.size()))
                    if (ch >= '0' && ch <= '9' && seconds < 100000) {
                        seconds = seconds * 10 + (ch - '0');
                        digits = true;
                    }
                if (digits) static_cast<HttpAnswer*>(to)->retry_after = seconds;
            }
        }
        return size * n;
    }
};

class DirectoryTransport : public Transport {
public:
    DirectoryTransport(std::string dir, std::string base) : dir_(std::move(dir)), base_(std::move(base)) {}

    HttpAnswer get(const std::string& url) override {
        HttpAnswer a;
        const std::optional<std::string> path = saved_answer_path(base_, url);
        if (!path) {
            a.failure = fmt::format("{} ligger inte under {}, så inget sparat svar kan finnas", url, base_);
            return a;
        }
        std::ifstream in(dir_ + "/" + *path, std::ios::binary);
        if (!in) {
            a.failure = fmt::format("det sparade svaret {}/{} finns inte (svaret på {})", dir_, *path, url);
            return a;
        }
        std::ostringstream body;
        body << in.rdbuf();
        a.status = 200;
        a.body = body.str();
        return a;
    }

private:
    std::string dir_, base_;
};

}  // namespace

std::unique_ptr<Transport> curl_transport() { return std::make_unique<CurlTransport>(); }

std::unique_ptr<Transport> directory_transport(std::string dir, std::string base_url) {
    return std::make_unique<DirectoryTransport>(std::move(dir), std::move(base_url));
}

}  // namespace malkoll
