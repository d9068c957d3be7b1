#include "engine/core/json_text.hpp"

namespace malkoll {

std::size_t json_too_deep_at(std::string_view text, std::size_t limit) {
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit) return i;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::string_view::npos;
}

std::string json_path_text(const std::vector<JsonStep>& path) {
    std::string s;
    for (const auto& step : path) {
        if (step.is_key) {
            if (!s.empty()) s += '.';
            s += step.key;
        } else {
            s += '[';
            s += std::to_string(step.index);
            s += ']';
        }
    }
    return s;
}

namespace {

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::size_t skip_ws(std::string_view t, std::size_t i) {
    while (i < t.size() && is_ws(t[i])) ++i;
    return i;
}

// The byte after the string starting at t[i] == '"'.
std::size_t skip_string(std::string_view t, std::size_t i) {
    for (++i; i < t.size(); ++i) {
        if (t[i] == '\\') ++i;
        else if (t[i] == '"') return i + 1;
    }
    return t.size();
}

// The byte after the value starting at i (the text is valid JSON).
std::size_t skip_value(std::string_view t, std::size_t i) {
    if (i >= t.size()) return i;
    if (t[i] == '"') return skip_string(t, i);
    if (t[i] != '{' && t[i] != '[') {
        while (i < t.size() && !is_ws(t[i]) && t[i] != ',' && t[i] != '}' && t[i] != ']') ++i;
        return i;
    }
    std::size_t depth = 0;
    for (; i < t.size(); ++i) {
        char c = t[i];
        if (c == '"') {
            i = skip_string(t, i) - 1;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth == 0) return i + 1;
        }
    }
    return t.size();
}

}  // namespace

std::size_t json_locate(std::string_view t, const std::vector<JsonStep>& path) {
    std::size_t at = skip_ws(t, 0);
    for (const auto& step : path) {
        if (at >= t.size()) return t.size();
        const char open = step.is_key ? '{' : '[';
        if (t[at] != open) return at;
        std::size_t i = skip_ws(t, at + 1);
        std::size_t n = 0;
        bool found = false;
        while (i < t.size() && t[i] != (step.is_key ? '}' : ']')) {
            if (step.is_key) {
                const std::size_t key_end = skip_string(t, i);
                const bool match = key_end - i >= 2 && t.substr(i + 1, key_end - i - 2) == step.key;
                i = skip_ws(t, key_end);
                if (i < t.size() && t[i] == ':') i = skip_ws(t, i + 1);
                if (match) {
                    at = i;
                    found = true;
                    break;
                }
            } else if (n++ == step.index) {
                at = i;
                found = true;
                break;
            }
            i = skip_ws(t, skip_value(t, i));
            if (i < t.size() && t[i] == ',') i = skip_ws(t, i + 1);
        }
        if (!found) return at;  // the object or array it should be in
    }
    return at;
}

}  // namespace malkoll
