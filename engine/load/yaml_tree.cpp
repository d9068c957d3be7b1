#include "engine/load/yaml_tree.hpp"

#include <sstream>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <fmt/format.h>

namespace malkoll {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

class TreeBuilder : public YAML::EventHandler {
public:
    TreeBuilder(const SourceFile& f, Diagnostics& d) : file_(f), diags_(d) {}

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& m, YAML::anchor_t) override {
        YNode n;
        set_mark(n, m);
        push(std::move(n));
    }
    void OnAlias(const YAML::Mark& m, YAML::anchor_t) override {
        diags_.error("yaml.alias", file_.position(m.line, m.column),
                     "YAML-alias (*namn) stöds inte i regelfiler; skriv ut värdet");
        OnNull(m, 0);
    }
    void OnScalar(const YAML::Mark& m, const std::string& tag, YAML::anchor_t, const std::string& value) override {
        YNode n;
        n.kind = YNode::Kind::Scalar;
        set_mark(n, m);
        n.text = value;
        if (tag != "?" && tag != "!" && !tag.empty())
            diags_.error("yaml.tag", file_.position(m.line, m.column),
                         fmt::format("YAML-taggen '{}' stöds inte i regelfiler; ta bort den", tag));
        char c = m.pos < static_cast<int>(file_.text().size()) ? file_.text()[m.pos] : '\0';
        if (tag == "!" && (c == '"' || c == '\'') && !quote_closes(static_cast<std::size_t>(m.pos), c) && (unclosed_ = true))
            diags_.error("yaml.unclosed-quote", file_.position(m.line, m.column),
                         fmt::format("citattecknet {} stängs aldrig; avsluta texten med {} på samma sätt som den började", c, c));
        if (tag == "!") {
            n.style = c == '\'' ? ScalarStyle::SingleQuoted
                    : c == '"'  ? ScalarStyle::DoubleQuoted
                    : c == '|'  ? ScalarStyle::Literal
                    : c == '>'  ? ScalarStyle::Folded
                                : ScalarStyle::Plain;
        }
        push(std::move(n));
    }
    void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t,
                         YAML::EmitterStyle::value style) override {
        YNode n;
        n.kind = YNode::Kind::Seq;
        n.flow = style == YAML::EmitterStyle::Flow;
        set_mark(n, m);
        stack_.push_back(std::move(n));
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t,
                    YAML::EmitterStyle::value style) override {
        YNode n;
        n.kind = YNode::Kind::Map;
        n.flow = style == YAML::EmitterStyle::Flow;
        set_mark(n, m);
        stack_.push_back(std::move(n));
    }
    void OnMapEnd() override { close(); }

    // yaml-cpp accepts a quoted scalar that runs to the end of the file.
    bool quote_closes(std::size_t at, char q) const {
        const std::string& t = file_.text();
        for (std::size_t i = at + 1; i < t.size(); ++i) {
            if (q == '"' && t[i] == '\\') { ++i; continue; }
            if (t[i] == q) {
                if (q == '\'' && i + 1 < t.size() && t[i + 1] == '\'') { ++i; continue; }
                return true;
            }
        }
        return false;
    }

    bool has_root() const { return has_root_; }
    // The rest of the file was read as one text: nothing after it can be trusted.
    bool unclosed_quote() const { return unclosed_; }
    YNode take_root() { return std::move(root_); }
    // After an exception: fold whatever is open so far into the root.
    void unwind() {
        while (!stack_.empty()) close();
    }

private:
    void set_mark(YNode& n, const YAML::Mark& m) {
        n.line0 = static_cast<std::uint32_t>(m.line < 0 ? 0 : m.line);
        n.col0 = static_cast<std::uint32_t>(m.column < 0 ? 0 : m.column);
        n.offset = static_cast<std::uint32_t>(m.pos < 0 ? 0 : m.pos);
    }
    void close() {
        YNode n = std::move(stack_.back());
        stack_.pop_back();
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
    std::vector<YNode> stack_;
    YNode root_;
    bool has_root_ = false;
    bool unclosed_ = false;
};

// yaml-cpp's messages are English; say what went wrong, and how to fix it,
// in Swedish — with the traps of LANGUAGE.md §2 explained.
std::string explain_yaml_error(const SourceFile& f, const YAML::Mark& m, const std::string& msg) {
    std::string_view line = f.line(static_cast<std::uint32_t>(m.line < 0 ? 0 : m.line));
    std::size_t col = m.column < 0 ? 0 : static_cast<std::size_t>(m.column);
    char at = col < line.size() ? line[col] : '\0';
    if (msg.find("illegal tab") != std::string::npos || msg.find("tab") != std::string::npos)
        return "tabb används som indrag; YAML kräver mellanslag för indrag";
    if (msg == "illegal block entry" && at == '-')
        return "ett ensamt '-' läses av YAML som början på en lista; skriv \"-\" inom citattecken "
               "eller i.u. om värdet saknas";
    if (msg.find("block scalar") != std::string::npos) {
        std::size_t p = col;
        while (p > 0 && line[p] != '>' && line[p] != '|') --p;
        if (p < line.size() && line[p] == '>')
            return "'>' inleder ett radbrutet textblock i YAML; skriv uttrycket inom citattecken "
                   "(mål: \">= 90 %\") eller med ord (mål: minst 90 %)";
        return "oväntat tecken efter '|' eller '>'; texten i ett block börjar på nästa rad";
    }
    if (msg == "illegal map value")
        return "': ' inne i ett värde läses av YAML som en ny nyckel; skriv värdet inom citattecken, "
               "eller en regel som block (regel: |) med satserna på egna rader";
    if (msg.find("end of sequence flow") != std::string::npos)
        return "listan som börjar med '[' avslutas aldrig med ']'";
    if (msg.find("end of map flow") != std::string::npos)
        return "avsnittet som börjar med '{' avslutas aldrig med '}'";
    if (msg.find("end of map not found") != std::string::npos || msg.find("end of sequence not found") != std::string::npos)
        return "indraget stämmer inte: raden hör inte till något avsnitt ovanför";
    if (msg.find("quote") != std::string::npos || msg.find("single quoted") != std::string::npos)
        return "citattecknet avslutas aldrig";
    if (msg.find("anchor") != std::string::npos || msg.find("alias") != std::string::npos)
        return "YAML-ankare och alias stöds inte i regelfiler";
    return fmt::format("ogiltig YAML här (tolkaren säger: {})", msg);
}

}  // namespace

YamlDocument parse_yaml(const SourceFile& f, Diagnostics& diags) {
    YamlDocument doc;
    std::istringstream in(f.text());
    TreeBuilder b(f, diags);
    try {
        YAML::Parser p(in);
        p.HandleNextDocument(b);
        doc.ok = !b.unclosed_quote();
    } catch (const YAML::Exception& e) {
        b.unwind();
        Position pos = f.position(static_cast<std::uint32_t>(e.mark.line < 0 ? 0 : e.mark.line),
                                  static_cast<std::uint32_t>(e.mark.column < 0 ? 0 : e.mark.column));
        diags.error("yaml.syntax", pos, explain_yaml_error(f, e.mark, e.msg));
    }
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
