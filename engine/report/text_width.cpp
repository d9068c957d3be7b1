#include "engine/report/text_width.hpp"

#include <algorithm>
#include <cstdint>

#include "engine/core/text.hpp"

namespace malkoll {

namespace {

#include "engine/report/text_width_tables.inc"

std::uint32_t decode(std::string_view s, std::size_t i, std::size_t next) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    switch (next - i) {
        case 1: return b(i);
        case 2: return ((b(i) & 0x1Fu) << 6) | (b(i + 1) & 0x3Fu);
        case 3: return ((b(i) & 0x0Fu) << 12) | ((b(i + 1) & 0x3Fu) << 6) | (b(i + 2) & 0x3Fu);
        case 4: return ((b(i) & 0x07u) << 18) | ((b(i + 1) & 0x3Fu) << 12) | ((b(i + 2) & 0x3Fu) << 6) | (b(i + 3) & 0x3Fu);
    }
    return 0xFFFD;
}

unsigned width_of(std::uint32_t c, FontClass font, bool bold) {
    if (c >= kLatinFirst && c < kLatinEnd) {
        const std::uint16_t* t = font == FontClass::Arial ? (bold ? kArialBold : kArialRegular) : (bold ? kWideBold : kWideRegular);
        return t[c - kLatinFirst];
    }
    const auto* end = std::end(kSymbols);
    const auto* at = std::lower_bound(std::begin(kSymbols), end, c, [](const auto& e, std::uint32_t v) { return e.c < v; });
    if (at != end && at->c == c) return bold ? at->bold : at->regular;
    return 1000;
}

bool ascii_iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               auto lower = [](char ch) { return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch + 32) : ch; };
               return lower(x) == lower(y);
           });
}

}  // namespace

FontClass font_class(std::string_view family) {
    for (std::string_view arial : {"Arial", "Helvetica", "Liberation Sans", "Arimo"})
        if (ascii_iequals(family, arial)) return FontClass::Arial;
    return FontClass::Wide;
}

long text_width_twips(std::string_view text, FontClass font, bool bold, int half_points) {
    std::uint64_t units = 0;  // 1/1000 em
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t next = utf8_next(text, i);
        units += width_of(decode(text, i, next), font, bold);
        i = next;
    }
    // units/1000 em × half_points/2 pt × 20 twips/pt
    return static_cast<long>((units * static_cast<std::uint64_t>(half_points) * 10 + 999) / 1000);
}

}  // namespace malkoll
