#include "engine/load/yaml_tree.hpp"

#include <yaml.h>

#include <fmt/format.h>

#include "engine/core/text.hpp"

namespace malkoll {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Deeper than any rule file needs; keeps the tree (and its recursive
// destructor) far from the stack's limit.
constexpr std::size_t kMaxNesting = 200;

// libyaml counts marks in characters (code points) and its own line breaks
// (also U+2028 and NEL); the tree keeps byte offsets and our own lines.
// Marks arrive mostly in increasing order, so one forward cursor converts them.
class MarkMapper {
public:
    explicit MarkMapper(const std::string& text) : text_(text) {
        if (text_.size() >= 3 && text_.compare(0, 3, "\xEF\xBB\xBF") == 0) bom_ = 3;  // libyaml skips the BOM
        byte_ = bom_;
    }
    std::size_t byte_offset(std::size_t char_index) {
        if (char_index < chars_) {
            chars_ = 0;
            byte_ = bom_;
        }
        while (chars_ < char_index && byte_ < text_.size()) {
            unsigned char c = static_cast<unsigned char>(text_[byte_]);
            byte_ += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
            ++chars_;
        }
        return std::min(byte_, text_.size());
    }

private:
    const std::string& text_;
    std::size_t bom_ = 0;
    std::size_t chars_ = 0;
    std::size_t byte_ = 0;
};

// `!Observera …` or `&Co`: YAML reads a leading '!' as a tag and '&' as an
// anchor (the value then loses that word); a controller meant the text.
std::string property_message(const std::string& written) {
    bool tag = !written.empty() && written[0] == '!';
    return fmt::format("'{}' läses av YAML som {}, och sådana stöds inte i regelfiler; sätt värdet inom citattecken "
                       "om '{}' hör till texten",
                       written, tag ? "en tagg" : "ett ankare", written.empty() ? '!' : written[0]);
}

class TreeBuilder {
public:
    TreeBuilder(const SourceFile& f, Diagnostics& d) : file_(f), diags_(d), marks_(f.text()) {}

    // Consumes one event; false when the tree is complete or reading must stop.
    bool on(const yaml_event_t& e) {
        const yaml_char_t* anchor = e.type == YAML_SCALAR_EVENT           ? e.data.scalar.anchor
                                    : e.type == YAML_SEQUENCE_START_EVENT ? e.data.sequence_start.anchor
                                    : e.type == YAML_MAPPING_START_EVENT  ? e.data.mapping_start.anchor
                                                                          : nullptr;
        if (anchor) {
            // `namn: &Co` would silently make "Co" an anchor and the value empty.
            YNode n;
            set_mark(n, e.start_mark);
            diags_.error("yaml.anchor", node_position(file_, n), property_message('&' + std::string(reinterpret_cast<const char*>(anchor))));
        }
        switch (e.type) {
            case YAML_SCALAR_EVENT: on_scalar(e); break;
            case YAML_ALIAS_EVENT: {
                YNode n;
                set_mark(n, e.start_mark);
                diags_.error("yaml.alias", node_position(file_, n),
                             fmt::format("'*{}' läses av YAML som ett alias, och alias stöds inte i regelfiler; skriv ut "
                                         "värdet, eller sätt det inom citattecken om '*' hör till texten",
                                         reinterpret_cast<const char*>(e.data.alias.anchor)));
                push(std::move(n));
                break;
            }
            case YAML_SEQUENCE_START_EVENT:
            case YAML_MAPPING_START_EVENT: {
                YNode n;
                bool map = e.type == YAML_MAPPING_START_EVENT;
                n.kind = map ? YNode::Kind::Map : YNode::Kind::Seq;
                n.flow = map ? e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                             : e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
                set_mark(n, e.start_mark);
                const yaml_char_t* tag = map ? e.data.mapping_start.tag : e.data.sequence_start.tag;
                if (tag) tag_error(n, tag);
                if (stack_.size() >= kMaxNesting) {
                    diags_.error("yaml.nesting", node_position(file_, n),
                                 fmt::format("avsnitten är nästlade djupare än {} nivåer; en regelfil behöver inte så "
                                             "många, kontrollera indraget och parenteserna",
                                             kMaxNesting));
                    aborted_ = true;
                    return false;
                }
                open(std::move(n));
                break;
            }
            case YAML_SEQUENCE_END_EVENT:
            case YAML_MAPPING_END_EVENT: close(); break;
            case YAML_DOCUMENT_END_EVENT:
            case YAML_STREAM_END_EVENT: return false;  // the first document is the rule file
            default: break;
        }
        return true;
    }

    bool has_root() const { return has_root_; }
    // Stopped on an error of its own (reported already).
    bool aborted() const { return aborted_; }
    YNode take_root() { return std::move(root_); }
    // After an error: fold whatever is open so far into the root.
    void unwind() {
        while (!stack_.empty()) close();
    }
    std::size_t byte_offset(const yaml_mark_t& m) { return marks_.byte_offset(m.index); }
    // The innermost {…} or […] still open, if any.
    const YNode* open_flow() const {
        for (auto it = stack_.rbegin(); it != stack_.rend(); ++it)
            if (it->flow) return &*it;
        return nullptr;
    }

private:
    void on_scalar(const yaml_event_t& e) {
        YNode n;
        set_mark(n, e.start_mark);
        const auto& sc = e.data.scalar;
        if (sc.tag) tag_error(n, sc.tag);
        n.style = sc.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ? ScalarStyle::SingleQuoted
                : sc.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE ? ScalarStyle::DoubleQuoted
                : sc.style == YAML_LITERAL_SCALAR_STYLE       ? ScalarStyle::Literal
                : sc.style == YAML_FOLDED_SCALAR_STYLE        ? ScalarStyle::Folded
                                                              : ScalarStyle::Plain;
        std::string_view v(reinterpret_cast<const char*>(sc.value), sc.length);
        // An empty plain node and YAML's null words are "nothing written".
        bool null = n.style == ScalarStyle::Plain && (v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL");
        if (!null) {
            n.kind = YNode::Kind::Scalar;
            n.text.assign(v);
        }
        push(std::move(n));
    }
    void tag_error(const YNode& n, const yaml_char_t* tag) {
        std::string_view t(reinterpret_cast<const char*>(tag));
        std::string written = t.rfind("tag:yaml.org,2002:", 0) == 0 ? "!!" + std::string(t.substr(18)) : std::string(t);
        diags_.error("yaml.tag", node_position(file_, n), property_message(written));
    }
    void set_mark(YNode& n, const yaml_mark_t& m) {
        std::size_t off = marks_.byte_offset(m.index);
        std::uint32_t line = file_.line_index(off);
        n.line0 = line;
        n.col0 = static_cast<std::uint32_t>(off - file_.line_start(line));
        n.offset = static_cast<std::uint32_t>(off);
    }
    // Children wait in one shared vector until their container closes, then
    // move into a vector of exactly their number: one allocation per map or
    // list instead of a doubling series (and no empty room left over).
    void close() {
        YNode n = std::move(stack_.back());
        stack_.pop_back();
        std::size_t first = child_start_.back();
        child_start_.pop_back();
        n.items.reserve(pending_.size() - first);
        for (std::size_t i = first; i < pending_.size(); ++i) n.items.push_back(std::move(pending_[i]));
        pending_.resize(first);
        push(std::move(n));
    }
    void open(YNode n) {
        stack_.push_back(std::move(n));
        child_start_.push_back(pending_.size());
    }
    void push(YNode n) {
        if (stack_.empty()) {
            if (!has_root_) {
                root_ = std::move(n);
                has_root_ = true;
            }
            return;
        }
        std::size_t first = child_start_.back();
        if (stack_.back().is_map() && (pending_.size() - first) % 2 == 0 && n.is_scalar()) check_duplicate(first, n);
        pending_.push_back(std::move(n));
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
    Diagnostics& diags_;
    MarkMapper marks_;
    std::vector<YNode> stack_;             // open maps and lists, innermost last
    std::vector<std::size_t> child_start_;  // where each one's children start in pending_
    std::vector<YNode> pending_;           // children of the open containers
    YNode root_;
    bool has_root_ = false;
    bool aborted_ = false;
};

bool contains(const char* s, std::string_view what) { return s && std::string_view(s).find(what) != std::string_view::npos; }

// Characters YAML takes as line breaks but an editor does not show as one:
// NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR (pasted from Word or a PDF).
std::size_t invisible_break_length(const std::string& t, std::size_t i) {
    if (t.compare(i, 2, "\xC2\x85") == 0) return 2;
    if (t.compare(i, 3, "\xE2\x80\xA8") == 0 || t.compare(i, 3, "\xE2\x80\xA9") == 0) return 3;
    return 0;
}

// The text of the line from `at`, trimmed and shortened, for a message.
std::string line_excerpt(const SourceFile& f, std::size_t at) {
    const std::string& t = f.text();
    std::size_t e = at;
    while (e < t.size() && t[e] != '\n' && t[e] != '\r' && !invisible_break_length(t, e)) ++e;
    std::string s = t.substr(at, e - at);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
    if (s.size() > 40) {
        std::size_t cut = 40;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // whole characters
        s = s.substr(0, cut) + "…";
    }
    return s;
}

// libyaml's messages are English; say what went wrong, and how to fix it,
// in Swedish, at the place to fix — with the traps of LANGUAGE.md §2 explained.
void report_yaml_error(const SourceFile& f, const yaml_parser_t& p, TreeBuilder& b, Diagnostics& diags) {
    const std::string& text = f.text();
    auto report = [&](std::size_t offset, std::string msg) { diags.error("yaml.syntax", f.position_at(offset), std::move(msg)); };
    if (p.error == YAML_READER_ERROR) {
        // libyaml points after a bad sequence's lead byte; find the byte itself.
        if (std::size_t i = utf8_first_invalid(text); i != std::string::npos)
            return diags.error("yaml.encoding", f.position_at(i),
                               fmt::format("byten 0x{:02X} är inte giltig UTF-8; spara regelfilen som UTF-8 "
                                           "(i Anteckningar: Spara som → Kodning: UTF-8)",
                                           static_cast<unsigned char>(text[i])));
        std::size_t at = std::min(p.problem_offset, text.size());
        return diags.error("yaml.encoding", f.position_at(at),
                           fmt::format("styrtecknet U+{:04X} får inte stå i en YAML-fil; ta bort det (det syns "
                                       "ofta inte i editorn)",
                                       static_cast<unsigned>(p.problem_value)));
    }
    if (p.error == YAML_MEMORY_ERROR) return report(0, "minnet tog slut när regelfilen lästes");
    const char* problem = p.problem ? p.problem : "";
    const char* context = p.context;
    std::size_t at = b.byte_offset(p.problem_mark);
    std::size_t ctx = b.byte_offset(p.context_mark);
    char c = at < text.size() ? text[at] : '\0';
    // An invisible line break before the place libyaml stumbled is the cause.
    for (std::size_t i = std::min(ctx, at) + 1; i-- > 0;) {
        if (i < text.size() && text[i] == '\n') break;
        if (i < text.size() && invisible_break_length(text, i))
            return report(i, fmt::format("tecknet U+{} ({}) läses av YAML som en radbrytning fast det inte syns; "
                                         "ta bort det, eller sätt värdet inom citattecken",
                                         text[i] == '\xC2' ? "0085" : text[i + 2] == '\xA8' ? "2028" : "2029",
                                         text[i] == '\xC2' ? "NEL" : text[i + 2] == '\xA8' ? "radavgränsare" : "styckeavgränsare"));
    }
    if (contains(context, "quoted scalar") && contains(problem, "end of stream")) {
        char quote = ctx < text.size() ? text[ctx] : '"';
        return report(ctx, fmt::format("citattecknet {} stängs aldrig; avsluta texten med {} på samma sätt som den började",
                                       quote, quote));
    }
    if (c == '\t' || contains(problem, "tab"))
        return report(at, "tabb används som indrag; YAML kräver mellanslag för indrag");
    if (contains(problem, "block sequence entries are not allowed"))
        return report(at, "ett ensamt '-' läses av YAML som början på en lista; skriv \"-\" inom citattecken "
                          "eller i.u. om värdet saknas");
    if (contains(context, "block scalar")) {
        if (ctx < text.size() && text[ctx] == '>')
            return report(at, "'>' inleder ett radbrutet textblock i YAML; skriv uttrycket inom citattecken "
                              "(mål: \">= 90 %\") eller med ord (mål: minst 90 %)");
        return report(at, "oväntat tecken efter '|' eller '>'; texten i ett block börjar på nästa rad");
    }
    if (contains(problem, "mapping values are not allowed"))
        return report(at, "': ' inne i ett värde läses av YAML som en ny nyckel; skriv värdet inom citattecken, "
                          "eller en regel som block (regel: |) med satserna på egna rader");
    if (contains(context, "simple key") && contains(problem, "expected ':'")) {
        // `indikatorer:'…` has its ':', but YAML needs a space after it.
        std::size_t colon = ctx;
        while (colon < text.size() && text[colon] != '\n' && text[colon] != '#' &&
               !(text[colon] == ':' && colon + 1 < text.size() && text[colon + 1] != ' ' && text[colon + 1] != '\t' &&
                 text[colon + 1] != '\n' && text[colon + 1] != '\r'))
            ++colon;
        if (colon < text.size() && text[colon] == ':')
            return report(colon, fmt::format("efter ':' på raden '{}' saknas ett mellanslag; skriv nyckel och värde som "
                                             "'namn: värde'",
                                             line_excerpt(f, ctx)));
        return report(ctx, fmt::format("raden '{}' saknar ':' efter nyckeln; skriv nyckel och värde som 'namn: värde'",
                                       line_excerpt(f, ctx)));
    }
    if (contains(context, "plain scalar") && contains(problem, "unexpected ':'"))
        return report(at, "inom { … } och [ … ] ska ':' följas av ett mellanslag; skriv t.ex. {2024: \"17 %\"}, eller "
                          "sätt texten inom citattecken om ':' hör till den");
    if (contains(context, "tag") || contains(context, "anchor") || contains(context, "alias")) {
        std::size_t e = ctx;
        while (e < text.size() && text[e] != ' ' && text[e] != '\t' && text[e] != '\n' && text[e] != '\r' && text[e] != ',' &&
               text[e] != ']' && text[e] != '}')
            ++e;
        std::string written = text.substr(ctx, e - ctx);
        if (!written.empty() && written[0] == '*')
            return report(ctx, fmt::format("'{}' läses av YAML som ett alias, och alias stöds inte i regelfiler; sätt "
                                           "värdet inom citattecken om '*' hör till texten",
                                           written));
        return report(ctx, property_message(written));
    }
    if (contains(problem, "expected node content")) {
        if (c == '}' || c == ']')
            return report(at, fmt::format("'{}' avslutar ett avsnitt som aldrig började med '{}'; sätt värdet inom "
                                          "citattecken om tecknet hör till texten",
                                          c, c == '}' ? '{' : '['));
        if (c == ':')
            return report(at, "här står ':' där ett värde väntades; skriv 'nyckel: värde' med ett ':'");
        if (const YNode* open = b.open_flow())  // the file ends inside {…} or […]
            return report(open->offset, open->is_map() ? "avsnittet som börjar med '{' avslutas aldrig med '}'"
                                                        : "listan som börjar med '[' avslutas aldrig med ']'");
    }
    if (contains(context, "flow sequence"))
        return report(ctx, "listan som börjar med '[' avslutas aldrig med ']'");
    if (contains(context, "flow mapping"))
        return report(ctx, "avsnittet som börjar med '{' avslutas aldrig med '}'");
    if (contains(context, "block mapping") || contains(context, "block collection"))
        return report(at, "indraget stämmer inte: raden hör inte till något avsnitt ovanför");
    if (contains(problem, "cannot start any token"))
        return report(at, fmt::format("tecknet '{}' kan inte inleda ett värde i YAML; skriv värdet inom citattecken", c));
    if (contains(problem, "unknown escape"))
        return report(at, "okänd escape-sekvens med '\\' inom \"…\"; skriv texten inom '…' i stället, eller dubbla '\\\\'");
    return report(at, fmt::format("ogiltig YAML här (tolkaren säger: {}{}{})", context ? context : "", context ? ": " : "", problem));
}

}  // namespace

YamlDocument parse_yaml(const SourceFile& f, Diagnostics& diags) {
    YamlDocument doc;
    const std::string& text = f.text();
    // Positions are bytes of UTF-8 text on lines ended by LF (or CRLF).
    if (text.size() >= 2 && (text.compare(0, 2, "\xFF\xFE") == 0 || text.compare(0, 2, "\xFE\xFF") == 0)) {
        diags.error("yaml.encoding", f.position_at(0), "regelfilen är sparad som UTF-16; spara den som UTF-8");
        return doc;
    }
    for (std::size_t i = text.find('\r'); i != std::string::npos; i = text.find('\r', i + 1))
        if (i + 1 >= text.size() || text[i + 1] != '\n') {
            diags.error("yaml.line-end", f.position_at(i),
                        "ett ensamt CR-tecken som radslut (som i gamla Mac-filer); spara filen med vanliga radslut "
                        "(LF eller CRLF)");
            return doc;
        }
    TreeBuilder b(f, diags);
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        diags.error("yaml.memory", f.position_at(0), "minnet tog slut när regelfilen lästes");
        return doc;
    }
    yaml_parser_set_input_string(&p, reinterpret_cast<const unsigned char*>(f.text().data()), f.text().size());
    bool failed = false;
    for (;;) {
        yaml_event_t e;
        if (!yaml_parser_parse(&p, &e)) {
            failed = true;
            report_yaml_error(f, p, b, diags);
            b.unwind();
            break;
        }
        bool more = b.on(e);
        yaml_event_delete(&e);
        if (!more) {
            if (b.aborted()) {
                failed = true;
                b.unwind();
            }
            break;
        }
    }
    yaml_parser_delete(&p);
    doc.ok = !failed;
    if (b.has_root()) doc.root = b.take_root();
    return doc;
}

Position node_position(const SourceFile& f, const YNode& n) { return f.position(n.line0, n.col0); }

Position scalar_position(const SourceFile& f, const YNode& n, std::size_t offset) {
    const std::string& src = f.text();
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
    const std::string& v = n.text;
    std::size_t i = 0;
    while (i < offset && i < v.size() && j < src.size()) {
        char a = v[i], b = src[j];
        if (n.style == ScalarStyle::SingleQuoted && b == '\'' && j + 1 < src.size() && src[j + 1] == '\'' && a == '\'') {
            i += 1; j += 2;
        } else if (n.style == ScalarStyle::DoubleQuoted && b == '\\') {
            return node_position(f, n);  // escapes: §8 allows the scalar's start
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
            return node_position(f, n);
        }
    }
    // Skip indentation before the character we point at.
    if (n.style == ScalarStyle::Literal || n.style == ScalarStyle::Folded || n.style == ScalarStyle::Plain)
        while (j < src.size() && (src[j] == ' ' || src[j] == '\n' || src[j] == '\r') && i < v.size() && !is_space(v[i])) ++j;
    return f.position_at(j);
}

}  // namespace malkoll
