#include "engine/core/source_date.hpp"

#include <charconv>
#include <cstdlib>
#include <string_view>

#include "engine/core/text.hpp"

namespace malkoll {

SourceDate source_date_epoch() {
    SourceDate d;
    const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
    if (!epoch || !*epoch) return d;
    const std::string_view s(epoch);
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc{} || end != s.data() + s.size() || n < 0 || n > 253402300799LL) {
        d.error = "SOURCE_DATE_EPOCH ska vara ett heltal sekunder sedan 1970-01-01, högst till år 9999 (är '" +
                  shortened(display_line(s), 40) + "')";
        return d;
    }
    d.seconds = n;
    return d;
}

}  // namespace malkoll
