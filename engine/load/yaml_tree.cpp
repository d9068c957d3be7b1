#include "engine/load/yaml_tree.hpp"

#include <yaml.h>

#include <fmt/format.h>

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

class TreeBuilder {
public:
    TreeBuilder(const SourceFile& f, Diagnostics& d) : file_(f), diags_(d), marks_(f.text()) {}

    // Consumes one event; false when the tree is complete or reading must stop.
    bool on(const yaml_event_t& e) {
        switch (e.type) {
            case YAML_SCALAR_EVENT: on_scalar(e); break;
            case YAML_ALIAS_EVENT: {
                YNode n;
                set_mark(n, e.start_mark);
                diags_.error("yaml.alias", node_position(file_, n),
                             "YAML-alias (*namn) stöds inte i regelfiler; skriv ut värdet");
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
                stack_.push_back(std::move(n));
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
        diags_.error("yaml.tag", node_position(file_, n),
                     fmt::format("YAML-taggen '{}' stöds inte i regelfiler; ta bort den", reinterpret_cast<const char*>(tag)));
    }
    void set_mark(YNode& n, const yaml_mark_t& m) {
        std::size_t off = marks_.byte_offset(m.index);
        std::uint32_t line = file_.line_index(off);
        n.line0 = line;
        n.col0 = static_cast<std::uint32_t>(off - file_.line_start(line));
        n.offset = static_cast<std::uint32_t>(off);
    }
    void close() {
        YNode n = std::move(stack_.back());
        stack_.pop_back();
        // A third of a map's room is empty after push_back's doublings; the
        // freed blocks are reused by the nodes that follow.
        n.items.shrink_to_fit();
        push(std::move(n));
    }
    void push(YNode n) {
        if (stack_.empty()) {
            if (!has_root_) {
                root_ = std::move(n);
                has_root_ = true;
            }
            return;
        }
        YNode& parent = stack_.back();
        if (parent.is_map() && parent.items.size() % 2 == 0 && n.is_scalar()) check_duplicate(parent, n);
        parent.items.push_back(std::move(n));
    }
    void check_duplicate(const YNode& map, const YNode& key) {
        for (std::size_t i = 0; i < map.items.size(); i += 2) {
            const YNode& k = map.items[i];
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
    std::vector<YNode> stack_;
    YNode root_;
    bool has_root_ = false;
    bool aborted_ = false;
};

bool contains(const char* s, std::string_view what) { return s && std::string_view(s).find(what) != std::string_view::npos; }

// libyaml's messages are English; say what went wrong, and how to fix it,
// in Swedish, at the place to fix — with the traps of LANGUAGE.md §2 explained.
void report_yaml_error(const SourceFile& f, const yaml_parser_t& p, TreeBuilder& b, Diagnostics& diags) {
    if (p.error == YAML_READER_ERROR) {
        diags.error("yaml.encoding", f.position_at(std::min(p.problem_offset, f.text().size())),
                    "filen är inte giltig UTF-8 här; spara regelfilen som UTF-8");
        return;
    }
    if (p.error == YAML_MEMORY_ERROR) {
        diags.error("yaml.memory", f.position_at(0), "minnet tog slut när regelfilen lästes");
        return;
    }
    const char* problem = p.problem ? p.problem : "";
    const char* context = p.context;
    std::size_t at = b.byte_offset(p.problem_mark);
    auto report = [&](std::size_t offset, std::string msg) { diags.error("yaml.syntax", f.position_at(offset), std::move(msg)); };
    char c = at < f.text().size() ? f.text()[at] : '\0';
    if (contains(context, "quoted scalar") && contains(problem, "end of stream")) {
        std::size_t q = b.byte_offset(p.context_mark);
        char quote = q < f.text().size() ? f.text()[q] : '"';
        return report(q, fmt::format("citattecknet {} stängs aldrig; avsluta texten med {} på samma sätt som den började",
                                     quote, quote));
    }
    if (c == '\t' || contains(problem, "tab"))
        return report(at, "tabb används som indrag; YAML kräver mellanslag för indrag");
    if (contains(problem, "block sequence entries are not allowed"))
        return report(at, "ett ensamt '-' läses av YAML som början på en lista; skriv \"-\" inom citattecken "
                          "eller i.u. om värdet saknas");
    if (contains(context, "block scalar")) {
        std::size_t h = b.byte_offset(p.context_mark);
        if (h < f.text().size() && f.text()[h] == '>')
            return report(at, "'>' inleder ett radbrutet textblock i YAML; skriv uttrycket inom citattecken "
                              "(mål: \">= 90 %\") eller med ord (mål: minst 90 %)");
        return report(at, "oväntat tecken efter '|' eller '>'; texten i ett block börjar på nästa rad");
    }
    if (contains(problem, "mapping values are not allowed"))
        return report(at, "': ' inne i ett värde läses av YAML som en ny nyckel; skriv värdet inom citattecken, "
                          "eller en regel som block (regel: |) med satserna på egna rader");
    if (contains(context, "flow sequence"))
        return report(b.byte_offset(p.context_mark), "listan som börjar med '[' avslutas aldrig med ']'");
    if (contains(context, "flow mapping"))
        return report(b.byte_offset(p.context_mark), "avsnittet som börjar med '{' avslutas aldrig med '}'");
    if (contains(context, "block mapping") || contains(context, "block collection") || contains(problem, "could not find expected ':'"))
        return report(at, "indraget stämmer inte: raden hör inte till något avsnitt ovanför");
    if (contains(context, "anchor") || contains(context, "alias"))
        return report(at, "YAML-ankare och alias stöds inte i regelfiler");
    if (contains(problem, "cannot start any token"))
        return report(at, fmt::format("tecknet '{}' kan inte inleda ett värde i YAML; skriv värdet inom citattecken", c));
    if (contains(problem, "unknown escape"))
        return report(at, "okänd escape-sekvens med '\\' inom \"…\"; skriv texten inom '…' i stället, eller dubbla '\\\\'");
    return report(at, fmt::format("ogiltig YAML här (tolkaren säger: {}{}{})", context ? context : "", context ? ": " : "", problem));
}

}  // namespace

YamlDocument parse_yaml(const SourceFile& f, Diagnostics& diags) {
    YamlDocument doc;
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
