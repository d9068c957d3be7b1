// How `malkoll hämta` reaches Kolada: one GET at a time, over HTTP with
// libcurl, or from a folder of answers saved earlier (`--från-katalog`), so
// a fetch can be re-run without a network and tests never touch one.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace malkoll {

// Kolada's own v3 address (docs/kolada.md).
inline constexpr const char* kKoladaUrl = "https://api.kolada.se/v3";

// One answer, or why there is none.
struct HttpAnswer {
    long status = 0;                  // the HTTP status; 0: no answer
    std::string body;
    std::optional<int> retry_after;   // seconds, from the Retry-After header
    std::string failure;              // why there is no answer, naming the URL (Swedish), when status is 0
};

class Transport {
public:
    virtual ~Transport() = default;
    virtual HttpAnswer get(const std::string& url) = 0;
};

// libcurl: 10 s to connect, 120 s for a whole answer, certificates verified,
// compressed answers accepted, at most 5 redirects.
std::unique_ptr<Transport> curl_transport();

// Answers saved under `dir` (see saved_answer_path): a missing file is no answer.
std::unique_ptr<Transport> directory_transport(std::string dir, std::string base_url);

// Where the answer to `url` is saved under a folder: its path after the base
// URL, the query after '@', then ".json" ("data/kpi/N35001/municipality/0580/
// year/2020,2021.json", "…@page=2.json"). None for a URL outside the base or
// one whose path would leave the folder.
std::optional<std::string> saved_answer_path(std::string_view base_url, std::string_view url);

}  // namespace malkoll
