#include "engine/load/yaml_tree.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <istream>
#include <streambuf>

#include <fmt/format.h>

#include "engine/core/format.hpp"
#include "engine/core/text.hpp"

namespace malkoll {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Deeper than any rule file needs; keeps the walk over the tree far from
// the stack's limit. yaml-cpp's own guard (DepthGuard,
// about 250 nested lists) would stop later with an English "bad file".
constexpr std::size_t kMaxNesting = 200;

// The parser reads the file's own bytes through this buffer: no copy.
class MemoryBuffer : public std::streambuf {
public:
    MemoryBuffer(const char* data, std::size_t size) {
        char* p = const_cast<char*>(data);  // read only: the get area is never written
        setg(p, p, p + size);
    }
};

// Thrown by the handler to stop the parser (the reason is reported already).
struct StopReading {
    bool error = true;
};

// Characters YAML 1.1 takes as line breaks but an editor does not show as one:
// NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR (pasted from Word or a PDF).
std::size_t invisible_break_length(std::string_view t, std::size_t i) {
    if (t.compare(i, 2, "\xC2\x85") == 0) return 2;
    if (t.compare(i, 3, "\xE2\x80\xA8") == 0 || t.compare(i, 3, "\xE2\x80\xA9") == 0) return 3;
    return 0;
}

std::string invisible_break_message(std::string_view t, std::size_t i) {
    bool nel = t[i] == '\xC2';
    bool ls = !nel && t[i + 2] == '\xA8';
    return fmt::format("tecknet U+{} ({}) läses av YAML som en radbrytning fast det inte syns; ta bort det, eller "
                       "sätt värdet inom citattecken",
                       nel ? "0085" : ls ? "2028" : "2029", nel ? "NEL" : ls ? "radavgränsare" : "styckeavgränsare");
}

// `!Observera …` or `&Co`: YAML reads a leading '!' as a tag and '&' as an
// anchor (the value then loses that word); a controller meant the text.
std::string property_message(const std::string& written) {
    bool tag = !written.empty() && written[0] == '!';
    return fmt::format("'{}' läses av YAML som {}, och sådana stöds inte i regelfiler; sätt värdet inom citattecken "
                       "om '{}' hör till texten",
                       written, tag ? "en tagg" : "ett ankare", written.empty() ? '!' : written[0]);
}

std::string alias_message(const std::string& written) {
    return fmt::format("'{}' läses av YAML som ett alias, och alias stöds inte i regelfiler; skriv ut värdet, eller "
                       "sätt det inom citattecken om '*' hör till texten",
                       written);
}

// The word written from `at` (a tag, anchor or alias as the user typed it).
std::string word_at(std::string_view t, std::size_t at) {
    std::size_t e = at;
    while (e < t.size() && !is_space(t[e]) && t[e] != ',' && t[e] != ']' && t[e] != '}') ++e;
    return std::string(t.substr(at, e - at));
}

// The text of the line from `at`, trimmed and shortened, for a message.
std::string line_excerpt(const SourceFile& f, std::size_t at) {
    const std::string_view t = f.text();
    std::size_t e = at;
    while (e < t.size() && t[e] != '\n' && t[e] != '\r' && !invisible_break_length(t, e)) ++e;
    std::string s(t.substr(at, e - at));
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
    if (s.size() > 40) {
        std::size_t cut = 40;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // whole characters
        s = s.substr(0, cut) + "…";
    }
    return s;
}

// Builds the tree from yaml-cpp's events. yaml-cpp gives marks as byte
// offsets (after a byte order mark), tags but no scalar style, anchors by
// number, and accepts some broken input silently (an unclosed quote at the
// end of the file, a key without ':'); what it does not tell is read from
// the source at the mark.
class TreeBuilder final : public YAML::EventHandler {
public:
    TreeBuilder(const SourceFile& f, Diagnostics& d, std::size_t bom, bool has_invisible_breaks,
                std::vector<std::unique_ptr<std::byte[]>>& blocks)
        : file_(f), text_(f.text()), diags_(d), bom_(bom), invisible_breaks_(has_invisible_breaks), blocks_(blocks) {}

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override { throw StopReading{false}; }  // the first document is the rule file

    void OnAnchor(const YAML::Mark& mark, const std::string& name) override {
        // `namn: &Co` would silently make "Co" an anchor and the value empty.
        diags_.error("yaml.anchor", position(mark), property_message('&' + name));
        lost_ = true;
    }
    void OnNull(const YAML::Mark& mark, YAML::anchor_t) override {
        YNode n;
        set_mark(n, mark);
        push(std::move(n));
    }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
        YNode n;
        set_mark(n, mark);
        diags_.error("yaml.alias", node_position(file_, n), alias_message(word_at(text_, n.offset)));
        lost_ = true;
        push(std::move(n));
    }
    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t, const std::string& value) override {
        YNode n;
        set_mark(n, mark);
        std::size_t at = content_start(n, tag);
        char c = at < text_.size() ? text_[at] : '\0';
        n.style = c == '\'' ? ScalarStyle::SingleQuoted
                : c == '"'  ? ScalarStyle::DoubleQuoted
                : c == '|'  ? ScalarStyle::Literal
                : c == '>'  ? ScalarStyle::Folded
                            : ScalarStyle::Plain;
        if (at != n.offset) shift(n, at);
        if (n.style == ScalarStyle::SingleQuoted || n.style == ScalarStyle::DoubleQuoted) check_closed(n);
        if (n.style == ScalarStyle::Plain && invisible_breaks_) check_invisible_break(n);
        n.kind = YNode::Kind::Scalar;
        n.text = keep(value, at + (n.style == ScalarStyle::Plain ? 0 : 1));
        push(std::move(n));
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t,
                         YAML::EmitterStyle::value style) override {
        open(mark, tag, YNode::Kind::Seq, style);
    }
    void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t,
                    YAML::EmitterStyle::value style) override {
        open(mark, tag, YNode::Kind::Map, style);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapEnd() override { close(); }

    bool has_root() const { return has_root_; }
    // A tag, anchor, alias or invisible line break changed what was read.
    bool lost() const { return lost_; }
    YNode take_root() { return std::move(root_); }
    // After an error: fold whatever is open so far into the root.
    void unwind() {
        while (!stack_.empty()) close();
    }
    // The innermost {…} or […] still open, if any.
    const YNode* open_flow() const {
        for (auto it = stack_.rbegin(); it != stack_.rend(); ++it)
            if (it->flow) return &*it;
        return nullptr;
    }
    std::size_t byte_offset(const YAML::Mark& m) const {
        if (m.is_null() || m.pos < 0) return text_.size();
        return std::min(bom_ + static_cast<std::size_t>(m.pos), text_.size());
    }

private:
    Position position(const YAML::Mark& m) const { return file_.position_at(byte_offset(m)); }
    // yaml-cpp's mark counts lines at '\n' as SourceFile does: its line saves
    // a search of the line starts (checked, and searched when it disagrees).
    void set_mark(YNode& n, const YAML::Mark& m) const {
        const std::size_t off = byte_offset(m);
        if (m.line >= 0) {
            const auto line = static_cast<std::uint32_t>(m.line);
            const std::size_t start = file_.line_start(line);
            if (start <= off && off < file_.line_start(line + 1) + (line + 1 >= file_.line_count() ? 1 : 0)) {
                n.line0 = line;
                n.col0 = static_cast<std::uint32_t>(off - start);
                n.offset = static_cast<std::uint32_t>(off);
                return;
            }
        }
        shift(n, off);
    }
    void shift(YNode& n, std::size_t off) const {
        std::uint32_t line = file_.line_index(off);
        n.line0 = line;
        n.col0 = static_cast<std::uint32_t>(off - file_.line_start(line));
        n.offset = static_cast<std::uint32_t>(off);
    }
    // The mark of a node with a tag or anchor is at the property; its
    // content (and so its style) comes after. A tag is reported here.
    std::size_t content_start(const YNode& n, const std::string& tag) {
        std::size_t at = n.offset;
        bool tagged = tag != "?" && tag != "!";
        while (at < text_.size() && (text_[at] == '!' || text_[at] == '&')) {
            std::string written = word_at(text_, at);
            if (text_[at] == '!') {
                diags_.error("yaml.tag", file_.position_at(at), property_message(written));
                tagged = false;
                lost_ = true;
            }
            at += written.size();
            while (at < text_.size() && is_space(text_[at])) ++at;
        }
        if (tagged) {
            diags_.error("yaml.tag", node_position(file_, n), property_message(tag));
            lost_ = true;
        }
        return at;
    }
    // yaml-cpp takes a quote left open at the end of the file as closed there.
    void check_closed(const YNode& n) {
        char q = text_[n.offset];
        for (std::size_t j = n.offset + 1; j < text_.size(); ++j) {
            if (q == '"' && text_[j] == '\\') {
                ++j;
            } else if (text_[j] == q) {
                if (q == '\'' && j + 1 < text_.size() && text_[j + 1] == '\'') {
                    ++j;
                    continue;
                }
                return;
            }
        }
        diags_.error("yaml.syntax", node_position(file_, n),
                     fmt::format("citattecknet {} stängs aldrig; avsluta texten med {} på samma sätt som den började", q, q));
        throw StopReading{};
    }
    // NEL, U+2028 and U+2029 end a line for YAML 1.1 and for some editors
    // but not for others: in a plain value it is never what was meant.
    void check_invisible_break(const YNode& n) {
        bool flow = open_flow() != nullptr;
        for (std::size_t j = n.offset; j < text_.size() && text_[j] != '\n'; ++j) {
            if (text_[j] == '#' && j > n.offset && is_blank(text_[j - 1])) return;  // a comment follows
            if (text_[j] == ':' && (j + 1 == text_.size() || is_space(text_[j + 1]))) return;  // the end of a key
            if (flow && (text_[j] == ',' || text_[j] == ']' || text_[j] == '}')) return;
            if (invisible_break_length(text_, j)) {
                diags_.error("yaml.syntax", file_.position_at(j), invisible_break_message(text_, j));
                lost_ = true;
                return;
            }
        }
    }
    void open(const YAML::Mark& mark, const std::string& tag, YNode::Kind kind, YAML::EmitterStyle::value style) {
        YNode n;
        n.kind = kind;
        n.flow = style == YAML::EmitterStyle::Flow;
        set_mark(n, mark);
        std::size_t at = content_start(n, tag);
        if (at != n.offset && at < text_.size() && (text_[at] == '{' || text_[at] == '[')) shift(n, at);
        if (stack_.size() >= kMaxNesting) {
            diags_.error("yaml.nesting", node_position(file_, n),
                         fmt::format("avsnitten är nästlade djupare än {} nivåer; en regelfil behöver inte så "
                                     "många, kontrollera indraget och parenteserna",
                                     kMaxNesting));
            throw StopReading{};
        }
        stack_.push_back(std::move(n));
        child_start_.push_back(pending_.size());
    }
    // Children wait in one shared vector until their container closes, then
    // move into a vector of exactly their number: one allocation per map or
    // list instead of a doubling series (and no empty room left over).
    void close() {
        YNode n = stack_.back();
        stack_.pop_back();
        std::size_t first = child_start_.back();
        child_start_.pop_back();
        const std::size_t count = pending_.size() - first;
        if (count > 0) {
            auto* items = static_cast<YNode*>(allocate(count * sizeof(YNode)));
            std::uninitialized_copy(pending_.begin() + static_cast<std::ptrdiff_t>(first), pending_.end(), items);
            n.first = items;
            n.count = static_cast<std::uint32_t>(count);
        }
        pending_.resize(first);
        push(n);
    }
    // The value as a view into the file where it stands there as written
    // (most keys and values), else a copy in the document's blocks.
    std::string_view keep(const std::string& value, std::size_t at) {
        if (value.empty()) return {};
        if (text_.size() >= 16 && at <= text_.size() && text_.compare(at, value.size(), value) == 0)
            return std::string_view(text_).substr(at, value.size());
        char* p = static_cast<char*>(allocate(value.size()));
        std::memcpy(p, value.data(), value.size());
        return {p, value.size()};
    }
    // Children and copied texts go into blocks of 1 MiB: a few large
    // allocations instead of one per node, all freed with the document.
    void* allocate(std::size_t bytes) {
        bytes = (bytes + alignof(YNode) - 1) / alignof(YNode) * alignof(YNode);
        if (bytes > left_) {
            const std::size_t size = std::max(bytes, kBlockSize);
            blocks_.emplace_back(new std::byte[size]);
            next_ = blocks_.back().get();
            left_ = size;
        }
        void* p = next_;
        next_ += bytes;
        left_ -= bytes;
        return p;
    }
    static constexpr std::size_t kBlockSize = std::size_t{1} << 20;
    void push(YNode n) {
        if (stack_.empty()) {
            if (!has_root_) {
                root_ = std::move(n);
                has_root_ = true;
            }
            return;
        }
        std::size_t first = child_start_.back();
        const YNode& parent = stack_.back();
        if (parent.is_map()) {
            bool is_key = (pending_.size() - first) % 2 == 0;
            if (is_key && n.is_scalar()) check_duplicate(first, n);
            if (!is_key && !parent.flow && n.is_null() && pending_.back().offset == n.offset) key_without_colon(pending_.back());
            if (is_key && n.is_null() && n.offset < text_.size() && text_[n.offset] == ':') {
                diags_.error("yaml.syntax", node_position(file_, n), "här står ':' där ett värde väntades; skriv 'nyckel: värde' med ett ':'");
                throw StopReading{};
            }
        }
        pending_.push_back(std::move(n));
    }
    // A line in a block mapping without ': ' — yaml-cpp makes it a key
    // with no value.
    void key_without_colon(const YNode& key) {
        std::size_t start = key.offset;
        for (std::size_t j = start; j < text_.size() && text_[j] != '\n' && text_[j] != '#'; ++j)
            if (text_[j] == ':' && j + 1 < text_.size() && !is_space(text_[j + 1])) {
                diags_.error("yaml.syntax", file_.position_at(j),
                             fmt::format("efter ':' på raden '{}' saknas ett mellanslag; skriv nyckel och värde som "
                                         "'namn: värde'",
                                         line_excerpt(file_, start)));
                throw StopReading{};
            }
        diags_.error("yaml.syntax", node_position(file_, key),
                     fmt::format("raden '{}' saknar ':' efter nyckeln; skriv nyckel och värde som 'namn: värde'",
                                 line_excerpt(file_, start)));
        throw StopReading{};
    }
    void check_duplicate(std::size_t first, const YNode& key) {
        for (std::size_t i = first; i < pending_.size(); i += 2) {
            const YNode& k = pending_[i];
            if (k.is_scalar() && k.text == key.text) {
                diags_.error("yaml.duplicate-key", node_position(file_, key),
                             fmt::format("nyckeln '{}' finns redan på rad {}; en nyckel får bara stå en gång "
                                         "i samma avsnitt (annars gäller tyst bara den ena)",
                                         key.text, k.line0 + 1));
                return;
            }
        }
    }

    const SourceFile& file_;
    std::string_view text_;
    Diagnostics& diags_;
    std::size_t bom_;
    bool invisible_breaks_;
    std::vector<std::unique_ptr<std::byte[]>>& blocks_;
    std::byte* next_ = nullptr;
    std::size_t left_ = 0;
    std::vector<YNode> stack_;             // open maps and lists, innermost last
    std::vector<std::size_t> child_start_;  // where each one's children start in pending_
    std::vector<YNode> pending_;           // children of the open containers
    YNode root_;
    bool has_root_ = false;
    bool lost_ = false;
};

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// The first non-blank byte of the line holding `at`.
std::size_t line_content_start(const SourceFile& f, std::size_t at) {
    const std::string_view t = f.text();
    std::size_t s = f.line_start(f.line_index(at));
    while (s < t.size() && is_blank(t[s])) ++s;
    return s;
}

// In { … } or [ … ], a ':' glued to what follows (`2024:{`) is the usual cause.
std::size_t glued_colon(std::string_view t, std::size_t from, std::size_t to) {
    char quote = 0;
    for (std::size_t j = from; j < to && j + 1 < t.size(); ++j) {
        char c = t[j];
        if (quote) {
            if (c == '\\' && quote == '"') ++j;
            else if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == ':' && !is_space(t[j + 1]) && t[j + 1] != ',' && t[j + 1] != ']' && t[j + 1] != '}') {
            return j;
        }
    }
    return std::string::npos;
}

// YAML allows an implicit key of at most 1 024 characters; yaml-cpp then
// reports a missing ':' or '}' somewhere else. The start of a longer key
// between `from` and `to` (a key: one unquoted run before ': '), or npos.
constexpr std::size_t kMaxYamlKey = 1024;
std::size_t long_key_between(std::string_view t, std::size_t from, std::size_t to) {
    std::size_t key = from;
    for (std::size_t j = from; j < to && j < t.size(); ++j) {
        char c = t[j];
        if (c == '{' || c == '[' || c == ',' || c == '\n') {
            key = j + 1;
        } else if (c == ':' && (j + 1 >= t.size() || is_space(t[j + 1]))) {
            while (key < j && (is_blank(t[key]) || t[key] == '-')) ++key;
            if (j - key > kMaxYamlKey) return key;
            key = j + 1;
        }
    }
    return std::string::npos;
}

// yaml-cpp's messages are English and terse; say what went wrong, and how
// to fix it, in Swedish, at the place to fix — with the traps of
// docs/regelfil.md explained.
void report_yaml_error(const SourceFile& f, const YAML::ParserException& e, const TreeBuilder& b, Diagnostics& diags) {
    namespace M = YAML::ErrorMsg;
    const std::string_view text = f.text();
    const std::string& msg = e.msg;
    auto report = [&](std::size_t offset, std::string m) { diags.error("yaml.syntax", f.position_at(offset), std::move(m)); };
    std::size_t at = b.byte_offset(e.mark);
    char c = at < text.size() ? text[at] : '\0';
    std::size_t end = text.size();
    while (end > 0 && is_space(text[end - 1])) --end;

    if (dynamic_cast<const YAML::DeepRecursion*>(&e))
        return diags.error("yaml.nesting", f.position_at(at),
                           fmt::format("avsnitten är nästlade djupare än {} nivåer; en regelfil behöver inte så många, "
                                       "kontrollera indraget och parenteserna",
                                       kMaxNesting));
    if (c == '\t' || msg == M::TAB_IN_INDENTATION)
        return report(at, "tabb används som indrag; YAML kräver mellanslag för indrag");
    if (msg == M::BLOCK_ENTRY)
        return report(at, "ett ensamt '-' läses av YAML som början på en lista; skriv \"-\" inom citattecken "
                          "eller i.u. om värdet saknas");
    if (msg == M::CHAR_IN_BLOCK || msg == M::ZERO_INDENT_IN_BLOCK) {
        std::size_t h = at;
        while (h > 0 && text[h] != '|' && text[h] != '>' && text[h] != '\n') --h;
        if (text[h] == '>')
            return report(h, "'>' inleder ett radbrutet textblock i YAML; skriv uttrycket inom citattecken "
                             "(mål: \">= 90 %\") eller med ord (mål: minst 90 %)");
        return report(at, "oväntat tecken efter '|' eller '>'; texten i ett block börjar på nästa rad");
    }
    if (msg == M::MAP_VALUE || msg == M::END_OF_MAP_FLOW) {
        const YNode* open = b.open_flow();
        std::size_t from = open && msg == M::END_OF_MAP_FLOW ? open->offset : f.line_start(f.line_index(at));
        if (std::size_t key = long_key_between(text, from, std::max(at + 1, f.line_start(f.line_index(at) + 1)));
            key != std::string::npos)
            return report(key, fmt::format("nyckeln är längre än YAML tillåter ({} tecken); en nyckel är ett kort namn som "
                                           "'mål' eller 'regel'",
                                           format_number(Decimal{double(kMaxYamlKey), 0}, true)));
    }
    if (msg == M::MAP_VALUE) {
        // `c` alone on a line, then `d: 2` below: yaml-cpp reads "c d" as one
        // key; the line without ':' is the one to fix.
        std::size_t s = line_content_start(f, at);
        std::uint32_t line = f.line_index(at);
        for (std::uint32_t l = line; l-- > 0;) {
            std::size_t p = f.line_start(l);
            while (p < text.size() && is_blank(text[p])) ++p;
            if (p >= text.size() || text[p] == '\n' || text[p] == '\r' || text[p] == '#') continue;  // blank or comment
            std::string excerpt = line_excerpt(f, p);
            if (p - f.line_start(l) == s - f.line_start(line) && excerpt.find(':') == std::string::npos && excerpt[0] != '-')
                return report(p, fmt::format("raden '{}' saknar ':' efter nyckeln; skriv nyckel och värde som 'namn: värde'",
                                             excerpt));
            break;
        }
        return report(at, "': ' inne i ett värde läses av YAML som en ny nyckel; skriv värdet inom citattecken, "
                          "eller en regel som block (regel: |) med satserna på egna rader");
    }
    if (msg == M::END_OF_MAP_FLOW || msg == M::END_OF_SEQ_FLOW) {
        const YNode* open = b.open_flow();
        std::size_t from = open ? open->offset : f.line_start(f.line_index(at));
        if (at < end)
            if (std::size_t colon = glued_colon(text, from, at); colon != std::string::npos)
                return report(colon, "inom { … } och [ … ] ska ':' följas av ett mellanslag; skriv t.ex. {2024: \"17 %\"}, "
                                     "eller sätt texten inom citattecken om ':' hör till den");
        bool map = open ? open->is_map() : msg == M::END_OF_MAP_FLOW;
        return report(open ? open->offset : at, map ? "avsnittet som börjar med '{' avslutas aldrig med '}'"
                                                    : "listan som börjar med '[' avslutas aldrig med ']'");
    }
    if (msg == M::FLOW_END && (c == '}' || c == ']'))
        return report(at, fmt::format("'{}' avslutar ett avsnitt som aldrig började med '{}'; sätt värdet inom "
                                      "citattecken om tecknet hör till texten",
                                      c, c == '}' ? '{' : '['));
    if (msg == M::UNKNOWN_ANCHOR || msg == M::ALIAS_NOT_FOUND || msg == M::CHAR_IN_ALIAS || msg == M::ALIAS_CONTENT ||
        msg == M::MULTIPLE_ALIASES) {
        std::size_t s = at;
        while (s > 0 && text[s] != '*' && text[s] != '\n') --s;
        return report(s, alias_message(word_at(text, text[s] == '*' ? s : at)));
    }
    if (msg == M::ANCHOR_NOT_FOUND || msg == M::CHAR_IN_ANCHOR || msg == M::MULTIPLE_ANCHORS || msg == M::CHAR_IN_TAG_HANDLE ||
        msg == M::TAG_WITH_NO_SUFFIX || msg == M::END_OF_VERBATIM_TAG || msg == M::MULTIPLE_TAGS) {
        std::size_t s = at;
        while (s > 0 && text[s] != '!' && text[s] != '&' && text[s] != '\n') --s;
        return report(s, property_message(word_at(text, s)));
    }
    if (starts_with(msg, M::INVALID_ESCAPE) || msg == M::INVALID_HEX || starts_with(msg, M::INVALID_UNICODE))
        return report(at, "okänd escape-sekvens med '\\' inom \"…\"; skriv texten inom '…' i stället, eller dubbla '\\\\'");
    if (msg == M::END_OF_MAP || msg == M::END_OF_SEQ) {
        std::size_t s = line_content_start(f, at);
        if (at < end && at == s) {
            std::string excerpt = line_excerpt(f, s);
            if (std::size_t colon = excerpt.find(':'); colon == std::string::npos)
                return report(s, fmt::format("raden '{}' saknar ':' efter nyckeln; skriv nyckel och värde som 'namn: värde'",
                                             excerpt));
            else if (colon + 1 < excerpt.size() && !is_space(excerpt[colon + 1]))
                return report(s + colon, fmt::format("efter ':' på raden '{}' saknas ett mellanslag; skriv nyckel och "
                                                     "värde som 'namn: värde'",
                                                     excerpt));
            return report(at, "indraget stämmer inte: raden hör inte till något avsnitt ovanför");
        }
        if (at < end)
            return report(at, fmt::format("värdet slutar före '{}', men raden fortsätter; sätt hela värdet inom "
                                          "citattecken, eller flytta texten till en egen rad",
                                          line_excerpt(f, at)));
        return report(at, "indraget stämmer inte: raden hör inte till något avsnitt ovanför");
    }
    if (msg == M::EOF_IN_SCALAR)
        return report(at, "texten inom citattecken stängs aldrig; avsluta den med samma citattecken som den började med");
    if (msg == M::UNKNOWN_TOKEN || msg == M::CHAR_IN_SCALAR) {
        std::size_t n = 1;
        while (at + n < text.size() && (static_cast<unsigned char>(text[at + n]) & 0xC0) == 0x80) ++n;
        return report(at, fmt::format("tecknet '{}' kan inte inleda ett värde i YAML; skriv värdet inom citattecken",
                                      text.substr(at, n)));
    }
    return report(at, fmt::format("ogiltig YAML här (tolkaren säger: {})", msg));
}

// What the parser would accept but a rule file must not hold, found before
// parsing: the encoding, line ends, invalid UTF-8 and control characters.
bool check_bytes(const SourceFile& f, Diagnostics& diags, bool& invisible_breaks) {
    const std::string_view text = f.text();
    if (text.size() >= 2 && (text.compare(0, 2, "\xFF\xFE") == 0 || text.compare(0, 2, "\xFE\xFF") == 0)) {
        diags.error("yaml.encoding", f.position_at(0), "regelfilen är sparad som UTF-16; spara den som UTF-8");
        return false;
    }
    if (std::size_t i = utf8_first_invalid(text); i != std::string::npos) {
        diags.error("yaml.encoding", f.position_at(i),
                    fmt::format("byten 0x{:02X} är inte giltig UTF-8; spara regelfilen som UTF-8 "
                                "(i Anteckningar: Spara som → Kodning: UTF-8)",
                                static_cast<unsigned char>(text[i])));
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        unsigned cp = 0;
        if (c == '\r') {
            if (i + 1 >= text.size() || text[i + 1] != '\n') {
                diags.error("yaml.line-end", f.position_at(i),
                            "ett ensamt CR-tecken som radslut (som i gamla Mac-filer); spara filen med vanliga radslut "
                            "(LF eller CRLF)");
                return false;
            }
        } else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
            cp = c;
        } else if (c == 0xC2 && i + 1 < text.size()) {
            unsigned char d = static_cast<unsigned char>(text[i + 1]);
            if (d == 0x85) invisible_breaks = true;
            else if (d >= 0x80 && d <= 0x9F) cp = d;  // C1 controls
        } else if (c == 0xE2 && invisible_break_length(text, i)) {
            invisible_breaks = true;
        } else if (c == 0xEF && text.compare(i, 3, "\xEF\xBF\xBE") == 0) {
            cp = 0xFFFE;
        } else if (c == 0xEF && text.compare(i, 3, "\xEF\xBF\xBF") == 0) {
            cp = 0xFFFF;
        }
        if (cp) {
            diags.error("yaml.encoding", f.position_at(i),
                        fmt::format("styrtecknet U+{:04X} får inte stå i en YAML-fil; ta bort det (det syns ofta inte i "
                                    "editorn)",
                                    cp));
            return false;
        }
    }
    return true;
}

}  // namespace

YamlDocument parse_yaml(const SourceFile& f, Diagnostics& diags) {
    YamlDocument doc;
    const std::string_view text = f.text();
    // Positions are bytes of UTF-8 text on lines ended by LF (or CRLF).
    bool invisible_breaks = false;
    if (!check_bytes(f, diags, invisible_breaks)) return doc;
    std::size_t bom = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    TreeBuilder b(f, diags, bom, invisible_breaks, doc.blocks);
    MemoryBuffer buffer(text.data() + bom, text.size() - bom);
    std::istream in(&buffer);
    bool failed = false;
    try {
        YAML::Parser parser(in);
        parser.HandleNextDocument(b);
    } catch (const StopReading& stop) {
        failed = stop.error;
    } catch (const YAML::ParserException& e) {
        failed = true;
        report_yaml_error(f, e, b, diags);
    } catch (const std::bad_alloc&) {
        failed = true;
        diags.error("yaml.memory", f.position_at(0), "minnet tog slut när regelfilen lästes");
    }
    b.unwind();
    doc.ok = !failed && !b.lost();
    if (b.has_root()) doc.root = b.take_root();
    return doc;
}

Position node_position(const SourceFile& f, const YNode& n) { return f.position(n.line0, n.col0); }

Position scalar_position(const SourceFile& f, const YNode& n, std::size_t offset) {
    return scalar_position(f, n.ref(), n.text, offset);
}

Position scalar_position(const SourceFile& f, const ScalarRef& n, std::string_view v, std::size_t offset) {
    const std::string_view src = f.text();
    std::size_t j = n.offset;
    switch (n.style) {
        case ScalarStyle::SingleQuoted:
        case ScalarStyle::DoubleQuoted: ++j; break;
        case ScalarStyle::Literal:
        case ScalarStyle::Folded:
            while (j < src.size() && src[j] != '\n') ++j;  // skip the header line
            break;
        case ScalarStyle::Plain: break;
    }
    std::size_t i = 0;
    while (i < offset && i < v.size() && j < src.size()) {
        char a = v[i], b = src[j];
        if (n.style == ScalarStyle::SingleQuoted && b == '\'' && j + 1 < src.size() && src[j + 1] == '\'' && a == '\'') {
            i += 1; j += 2;
        } else if (n.style == ScalarStyle::DoubleQuoted && b == '\\') {
            return f.position(n.line0, n.col0);  // escapes: §8 allows the scalar's start
        } else if (a == b) {
            ++i; ++j;
        } else if (is_space(b)) {
            // Indentation, folding or a header line break: skip in the source,
            // and consume the value's folded whitespace too.
            while (j < src.size() && is_space(src[j])) ++j;
            if (is_space(a)) ++i;
        } else if (is_space(a)) {
            ++i;
        } else {
            return f.position(n.line0, n.col0);
        }
    }
    // Skip indentation before the character we point at.
    if (n.style == ScalarStyle::Literal || n.style == ScalarStyle::Folded || n.style == ScalarStyle::Plain)
        while (j < src.size() && (src[j] == ' ' || src[j] == '\n' || src[j] == '\r') && i < v.size() && !is_space(v[i])) ++j;
    return f.position_at(j);
}

}  // namespace malkoll
