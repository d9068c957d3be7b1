// UTF-8 helpers: lengths in characters, folding of Swedish letters for
// case-insensitive matching, "menade du …?" suggestions, Windows-1252 input.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace malkoll {

// Number of code points; each invalid byte counts as one.
std::size_t utf8_length(std::string_view s);

// Byte offset of the character after the one starting at byte i (i + 1 for
// an invalid byte), counting as utf8_length does.
std::size_t utf8_next(std::string_view s, std::size_t i);

// Well-formed UTF-8 (no overlong forms, surrogates or values above U+10FFFF).
bool utf8_valid(std::string_view s);
// The offset of the first byte that is not well-formed UTF-8, or npos.
std::size_t utf8_first_invalid(std::string_view s);

// A source line or message safe to show in a terminal: each invalid byte,
// control character (C0, DEL, C1), invisible line break (U+2028, U+2029) and
// bidirectional override becomes one U+FFFD, so it is seen and a caret under
// it still lines up. Tabs stay.
std::string display_line(std::string_view s);

// Unicode NFC (docs/regelspråk.md: ids and text are compared after it), so an
// `ä` written as a + U+0308 (macOS, some PDFs) is the same as `ä`. Text that
// is ASCII, or not valid UTF-8, is returned as it is.
std::string nfc(std::string_view s);
// False when `s` is certainly NFC already for what rule files hold (no
// combining mark, no Ångström sign): callers on a hot path skip nfc() then.
bool maybe_not_nfc(std::string_view s);

// Lowercases ASCII and Å/Ä/Ö/É, then maps å, ä → a, ö → o, é → e, so a word
// and its ASCII spelling fold alike: fold_word("Bedömd") == "bedomd".
// Other characters are kept as they are.
std::string fold_word(std::string_view s);

// A goal's name as names are matched across files (a nämnd's kommunmål to the
// roll-up's): NFC, case folded, trimmed, inner white space one space.
// "  Ett tryggt och  säkert Linköping" and "ett tryggt och säkert linköping" match.
std::string name_key(std::string_view s);

// How the words of a list (a värdeskala, a skala's levels, serier) are
// compared: fold_word(name_key(s)), so case, NFC, spacing and the ASCII
// spellings of å, ä, ö do not matter ("Pågår", "pagar", "PÅGÅR").
std::string word_key(std::string_view s);

// fold_word(a) == fold_word(b), without allocating.
bool folds_equal(std::string_view a, std::string_view b);

// Levenshtein distance counted in code points.
std::size_t edit_distance(std::string_view a, std::string_view b);

// Names longer than this (in characters) get no suggestion.
inline constexpr std::size_t kMaxSuggestedName = 64;

// The closest candidate for an unknown name, or nullopt. The distance of a
// candidate is the smaller of the edit distance of the names as written and
// of their folded forms, so "varde" → "värde" and "Omsorg" → "omsorg" have
// distance 0. A candidate identical to name is never suggested. The smallest
// distance wins when it is <= max(1, utf8_length(name) / 3); ties go to the
// earliest candidate. Linear in the candidates, bounded per candidate.
std::optional<std::string> suggest(std::string_view name,
                                   const std::vector<std::string>& candidates);

// Words as Swedish lists them: "a, b och c" (`last` " och " or " eller ").
std::string word_list(const std::vector<std::string>& words, std::string_view last);

// `s` when it has at most max_chars characters, else its beginning and end
// around a "…", max_chars characters in all.
std::string shortened(std::string_view s, std::size_t max_chars);

// Decodes Windows-1252 (what Swedish Excel writes) to UTF-8. The five bytes
// that code page leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the
// C1 control of the same value, as Windows does.
std::string windows1252_to_utf8(std::string_view s);

// An operating-system error the callers' own Swedish tables do not word
// ("systemfel EIO (5)"): the C library's text is English, the code's name is not.
std::string system_error_text(int e);

}  // namespace malkoll
