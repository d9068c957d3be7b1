#include "engine/core/text.hpp"

#include <cstdlib>

#include <utf8proc.h>

#include <algorithm>
#include <cstring>

namespace malkoll {

namespace {

constexpr char32_t kInvalid = 0xFFFFFFFF;

// Decodes the code point at s[i]; returns kInvalid and len 1 for a bad byte.
char32_t decode(std::string_view s, std::size_t i, std::size_t& len) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    len = 1;
    if (b0 < 0x80) return b0;
    std::size_t n;
    char32_t cp;
    char32_t min;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        n = 2, cp = b0 & 0x1F, min = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        n = 3, cp = b0 & 0x0F, min = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        n = 4, cp = b0 & 0x07, min = 0x10000;
    } else {
        return kInvalid;
    }
    if (i + n > s.size()) return kInvalid;
    for (std::size_t k = 1; k < n; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return kInvalid;
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return kInvalid;
    len = n;
    return cp;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Code points for distance counting; an invalid byte stands as itself
// (offset past Unicode so it never equals a real character).
std::vector<char32_t> code_points(std::string_view s) {
    std::vector<char32_t> out;
    out.reserve(s.size());
    for (std::size_t i = 0, len = 0; i < s.size(); i += len) {
        const char32_t cp = decode(s, i, len);
        out.push_back(cp == kInvalid ? 0x110000 + static_cast<unsigned char>(s[i]) : cp);
    }
    return out;
}

}  // namespace

std::size_t utf8_length(std::string_view s) {
    std::size_t count = 0;
    for (std::size_t i = 0, len = 0; i < s.size(); i += len) {
        decode(s, i, len);
        ++count;
    }
    return count;
}

std::size_t utf8_next(std::string_view s, std::size_t i) {
    if (i >= s.size()) return s.size();
    std::size_t len = 1;
    decode(s, i, len);
    return i + len;
}

std::string display_line(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0, len = 0; i < s.size(); i += len) {
        char32_t cp = decode(s, i, len);
        // C0, DEL and C1 (0x9B is a terminal's CSI), invisible line breaks,
        // and the bidirectional overrides that make text read other than it is.
        bool hidden = cp == kInvalid || (cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 ||
                      cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
        if (hidden) out += "\xEF\xBF\xBD";
        else out.append(s.substr(i, len));
    }
    return out;
}

std::size_t utf8_first_invalid(std::string_view s) {
    for (std::size_t i = 0, len = 0; i < s.size(); i += len) {
        // Eight ASCII bytes at a time: data files are nearly all ASCII.
        while (i + 8 <= s.size()) {
            std::uint64_t w;
            std::memcpy(&w, s.data() + i, 8);
            if (w & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i >= s.size()) break;
        if (decode(s, i, len) == kInvalid) return i;
    }
    return std::string_view::npos;
}

bool utf8_valid(std::string_view s) { return utf8_first_invalid(s) == std::string_view::npos; }

namespace {
// A combining mark (U+0300–U+036F) starts with byte 0xCC or 0xCD: only then
// can NFC change a Swedish word.
bool may_decompose(std::string_view s) {
    for (unsigned char c : s)
        if (c == 0xCC || c == 0xCD) return true;
    return false;
}
}  // namespace

bool maybe_not_nfc(std::string_view s) { return may_decompose(s) || s.find("\xE2\x84\xAB") != std::string_view::npos; }

std::string nfc(std::string_view s) {
    bool ascii = true;
    for (unsigned char c : s) ascii = ascii && c < 0x80;
    if (ascii) return std::string(s);
    utf8proc_uint8_t* out = nullptr;
    utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()),
                                      &out, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    if (n < 0) return std::string(s);  // not UTF-8: reported where it is read
    std::string r(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
    std::free(out);
    return r;
}

std::string word_key(std::string_view s) { return fold_word(name_key(s)); }

std::string name_key(std::string_view s) {
    std::string folded;
    utf8proc_uint8_t* out = nullptr;
    const utf8proc_ssize_t n =
        utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()), &out,
                     static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD));
    if (n < 0) folded = std::string(s);  // not UTF-8: compared as written
    else folded.assign(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
    std::free(out);
    std::string key;
    bool space = false;
    for (char c : folded) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !key.empty();
            continue;
        }
        if (space) key += ' ';
        space = false;
        key += c;
    }
    return key;
}

std::string fold_word(std::string_view s) {
    if (may_decompose(s)) {
        const std::string composed = nfc(s);
        if (composed != s) return fold_word(composed);
    }
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0, len = 0; i < s.size(); i += len) {
        const char32_t cp = decode(s, i, len);
        switch (cp) {
            case U'Å': case U'å': case U'Ä': case U'ä': out += 'a'; break;
            case U'Ö': case U'ö': out += 'o'; break;
            case U'É': case U'é': out += 'e'; break;
            default:
                if (cp >= U'A' && cp <= U'Z') {
                    out += static_cast<char>(cp - U'A' + U'a');
                } else {
                    out.append(s.substr(i, len));
                }
        }
    }
    return out;
}

namespace {
// One code point as fold_word folds it; 0 for "keep as is".
char32_t fold_cp(char32_t cp) {
    switch (cp) {
        case U'Å': case U'å': case U'Ä': case U'ä': return U'a';
        case U'Ö': case U'ö': return U'o';
        case U'É': case U'é': return U'e';
        default: return cp >= U'A' && cp <= U'Z' ? cp - U'A' + U'a' : cp;
    }
}
}  // namespace

bool folds_equal(std::string_view a, std::string_view b) {
    if (may_decompose(a) || may_decompose(b)) return fold_word(a) == fold_word(b);
    std::size_t i = 0, j = 0, la = 0, lb = 0;
    while (i < a.size() && j < b.size()) {
        if (fold_cp(decode(a, i, la)) != fold_cp(decode(b, j, lb))) return false;
        i += la;
        j += lb;
    }
    return i == a.size() && j == b.size();
}

namespace {
// Levenshtein distance of x and y when it is at most `limit`, else limit + 1.
// A row whose smallest entry is above the limit ends it early.
std::size_t distance_within(const std::vector<char32_t>& x, const std::vector<char32_t>& y, std::size_t limit,
                            std::vector<std::size_t>& prev, std::vector<std::size_t>& cur) {
    const std::size_t lx = x.size(), ly = y.size();
    if ((lx > ly ? lx - ly : ly - lx) > limit) return limit + 1;
    prev.resize(ly + 1);
    cur.resize(ly + 1);
    for (std::size_t j = 0; j <= ly; ++j) prev[j] = j;
    for (std::size_t i = 1; i <= lx; ++i) {
        cur[0] = i;
        std::size_t row_min = cur[0];
        for (std::size_t j = 1; j <= ly; ++j) {
            const std::size_t subst = prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
            row_min = std::min(row_min, cur[j]);
        }
        if (row_min > limit) return limit + 1;
        std::swap(prev, cur);
    }
    return std::min(prev[ly], limit + 1);
}
}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> prev, cur;
    const auto x = code_points(a), y = code_points(b);
    return distance_within(x, y, std::max(x.size(), y.size()), prev, cur);
}

std::optional<std::string> suggest(std::string_view name,
                                   const std::vector<std::string>& candidates) {
    // Names of the language, ids and columns are short; a longer token is
    // no misspelling of one, and the distance grows with its length squared.
    if (name.size() > 4 * kMaxSuggestedName) return std::nullopt;
    const auto x = code_points(name);
    if (x.size() > kMaxSuggestedName) return std::nullopt;
    const auto fx = code_points(fold_word(name));
    const std::size_t limit = std::max<std::size_t>(1, x.size() / 3);
    std::optional<std::string> best;
    std::size_t best_distance = limit + 1;
    std::vector<std::size_t> prev, cur;
    for (const auto& c : candidates) {
        if (c == name || best_distance == 0) continue;
        // Only a candidate closer than the best so far counts.
        const std::size_t within = best_distance - 1;
        if (c.size() > 4 * (x.size() + within)) continue;
        const auto y = code_points(c);
        std::size_t d = distance_within(x, y, within, prev, cur);
        if (d > 0) d = std::min(d, distance_within(fx, code_points(fold_word(c)), within, prev, cur));
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    return best;
}

std::string word_list(const std::vector<std::string>& words, std::string_view last) {
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0) out += i + 1 == words.size() ? last : std::string_view(", ");
        out += words[i];
    }
    return out;
}

std::string shortened(std::string_view s, std::size_t max_chars) {
    const std::size_t n = utf8_length(s);
    if (n <= max_chars) return std::string(s);
    const std::size_t head = max_chars * 2 / 3, tail = max_chars - head - 1;
    std::size_t h = 0;
    for (std::size_t k = 0; k < head; ++k) h = utf8_next(s, h);
    std::size_t t = 0;
    for (std::size_t k = 0; k < n - tail; ++k) t = utf8_next(s, t);
    return std::string(s.substr(0, h)) + "…" + std::string(s.substr(t));
}

std::string windows1252_to_utf8(std::string_view s) {
    static constexpr char16_t high[32] = {
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80–87
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,  // 88–8F
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90–97
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,  // 98–9F
    };
    std::string out;
    out.reserve(s.size() + s.size() / 4);
    for (const char ch : s) {
        const auto b = static_cast<unsigned char>(ch);
        if (b < 0x80) {
            out += ch;
        } else if (b < 0xA0) {
            append_utf8(out, high[b - 0x80]);
        } else {
            append_utf8(out, b);  // Latin-1 range is the same code point
        }
    }
    return out;
}

std::string system_error_text(int e) {
    const char* name = ::strerrorname_np(e);
    return std::string("systemfel ") + (name ? name : "okänt") + " (" + std::to_string(e) + ")";
}

}  // namespace malkoll
