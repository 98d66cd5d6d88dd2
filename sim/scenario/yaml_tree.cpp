#include "partyline/scenario/yaml_tree.hpp"

#include <cstdio>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <unordered_map>

namespace partyline {

scenario_error::scenario_error(const source_mark& where, std::string key_path, std::string message)
    : std::runtime_error(where.file_name() + ":" + std::to_string(where.line) + ":" +
                         std::to_string(where.column) + ": " + (key_path.empty() ? "" : key_path + ": ") +
                         message),
      where_(where),
      key_path_(std::move(key_path)),
      message_(std::move(message)) {}

const yaml_node* yaml_node::find(std::string_view key) const {
  for (std::size_t i = 0; i < keys.size(); ++i)
    if (keys[i] == key) return &children[i];
  return nullptr;
}

yaml_node* yaml_node::find(std::string_view key) {
  return const_cast<yaml_node*>(static_cast<const yaml_node*>(this)->find(key));
}

std::string_view yaml_node::kind_name() const {
  switch (kind) {
    case yaml_kind::null: return "nothing (null)";
    case yaml_kind::scalar: return "a scalar";
    case yaml_kind::sequence: return "a list";
    case yaml_kind::map: return "a mapping";
  }
  return "?";
}

namespace {

std::size_t subtree_size(const yaml_node& n) {
  std::size_t s = 1;
  for (const auto& c : n.children) s += subtree_size(c);
  return s;
}

/// Builds a yaml_node tree from parser events, refusing duplicate keys and runaway aliases.
class tree_builder final : public YAML::EventHandler {
 public:
  tree_builder(std::shared_ptr<const std::string> file, const yaml_limits& limits)
      : file_(std::move(file)), limits_(limits) {}

  yaml_node take_result() { return std::move(result_); }
  [[nodiscard]] bool has_result() const { return has_result_; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& m, YAML::anchor_t anchor) override {
    yaml_node n;
    n.kind = yaml_kind::null;
    n.mark = mark_of(m);
    finish(std::move(n), anchor);
  }

  void OnAlias(const YAML::Mark& m, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) throw scenario_error(mark_of(m), "", "alias to an unknown anchor");
    count(subtree_size(it->second), m);
    yaml_node copy = it->second;
    copy.mark = mark_of(m);
    finish(std::move(copy), 0);
  }

  void OnScalar(const YAML::Mark& m, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    yaml_node n;
    n.kind = yaml_kind::scalar;
    n.value = value;
    // yaml-cpp tags quoted scalars "!" and plain ones "?"; an explicit !!str makes a string too. The core schema's
    // other scalar tags leave the text to be read by the key's type; any other tag is refused.
    n.quoted = tag == "!" || tag == core_tag("str");
    if (tag != "?" && tag != "!" && tag != core_tag("str") && tag != core_tag("int") && tag != core_tag("float") &&
        tag != core_tag("bool") && tag != core_tag("null"))
      refuse_tag(tag, m);
    n.mark = mark_of(m);
    finish(std::move(n), anchor);
  }

  void OnSequenceStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    if (tag != "?" && tag != "!" && tag != core_tag("seq")) refuse_tag(tag, m);
    open(yaml_kind::sequence, m, anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    if (tag != "?" && tag != "!" && tag != core_tag("map")) refuse_tag(tag, m);
    open(yaml_kind::map, m, anchor);
  }
  void OnMapEnd() override {
    if (stack_.back().has_pending_key)
      throw scenario_error(stack_.back().pending_key_mark, "", "mapping key without a value");
    close();
  }

 private:
  struct frame {
    yaml_node node;
    YAML::anchor_t anchor = 0;
    bool has_pending_key = false;
    std::string pending_key;
    source_mark pending_key_mark;
  };

  source_mark mark_of(const YAML::Mark& m) const { return source_mark{file_, m.line + 1, m.column + 1}; }

  static std::string core_tag(const char* name) { return std::string("tag:yaml.org,2002:") + name; }
  [[noreturn]] void refuse_tag(const std::string& tag, const YAML::Mark& m) const {
    const std::string shown = tag.rfind("tag:yaml.org,2002:", 0) == 0 ? "!!" + tag.substr(18) : tag;
    throw scenario_error(mark_of(m), "",
                         "the tag " + shown + " is not supported: scenario files use the YAML core schema (!!str, !!int, "
                         "!!float, !!bool, !!null, !!seq, !!map) or no tags at all");
  }

  void count(std::size_t n, const YAML::Mark& m) {
    nodes_ += n;
    if (nodes_ > limits_.max_nodes)
      throw scenario_error(mark_of(m), "",
                           "document expands to more than " + std::to_string(limits_.max_nodes) +
                               " nodes (an alias bomb?); refused");
  }

  void open(yaml_kind kind, const YAML::Mark& m, YAML::anchor_t anchor) {
    count(1, m);
    frame f;
    f.node.kind = kind;
    f.node.mark = mark_of(m);
    f.anchor = anchor;
    stack_.push_back(std::move(f));
  }

  void close() {
    frame f = std::move(stack_.back());
    stack_.pop_back();
    finish(std::move(f.node), f.anchor);
  }

  void finish(yaml_node n, YAML::anchor_t anchor) {
    if (n.kind == yaml_kind::null || n.kind == yaml_kind::scalar) nodes_ += 1;
    if (anchor != 0) anchors_[anchor] = n;
    if (stack_.empty()) {
      result_ = std::move(n);
      has_result_ = true;
      return;
    }
    frame& parent = stack_.back();
    if (parent.node.kind == yaml_kind::sequence) {
      parent.node.children.push_back(std::move(n));
      return;
    }
    if (!parent.has_pending_key) {
      if (n.kind != yaml_kind::scalar) throw scenario_error(n.mark, "", "a mapping key must be a plain word");
      for (std::size_t i = 0; i < parent.node.keys.size(); ++i) {
        if (parent.node.keys[i] == n.value) {
          const auto& first = parent.node.key_marks[i];
          throw scenario_error(n.mark, n.value,
                               "duplicate key (first given at line " + std::to_string(first.line) + ")");
        }
      }
      parent.pending_key = n.value;
      parent.pending_key_mark = n.mark;
      parent.has_pending_key = true;
      return;
    }
    parent.node.keys.push_back(std::move(parent.pending_key));
    parent.node.key_marks.push_back(parent.pending_key_mark);
    parent.node.children.push_back(std::move(n));
    parent.has_pending_key = false;
  }

  std::shared_ptr<const std::string> file_;
  yaml_limits limits_;
  std::vector<frame> stack_;
  std::unordered_map<YAML::anchor_t, yaml_node> anchors_;
  std::size_t nodes_ = 0;
  yaml_node result_;
  bool has_result_ = false;
};

}  // namespace

namespace {

/// The length of the well-formed UTF-8 sequence at text[i] (RFC 3629: no overlongs, no surrogates, at most
/// U+10FFFF), or 0 if it is not one.
std::size_t utf8_sequence(std::string_view text, std::size_t i) {
  const auto b = [&](std::size_t k) { return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0u; };
  const unsigned c = b(0);
  const auto cont = [&](std::size_t k) { return (b(k) & 0xC0u) == 0x80u; };
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c == 0xE0) return b(1) >= 0xA0 && b(1) <= 0xBF && cont(2) ? 3 : 0;
  if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return cont(1) && cont(2) ? 3 : 0;
  if (c == 0xED) return b(1) >= 0x80 && b(1) <= 0x9F && cont(2) ? 3 : 0;
  if (c == 0xF0) return b(1) >= 0x90 && b(1) <= 0xBF && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xF1 && c <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c == 0xF4) return b(1) >= 0x80 && b(1) <= 0x8F && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/// Scenario and sweep files are UTF-8 text: the first byte that is not is refused at its line and column.
void check_utf8(std::string_view text, const std::shared_ptr<const std::string>& file) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = utf8_sequence(text, i);
    if (n == 0) {
      char byte[8];
      std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[i]));
      throw scenario_error(source_mark{file, line, column}, "",
                           std::string("not UTF-8 text (byte ") + byte + "): scenario and sweep files must be UTF-8");
    }
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += n;
  }
}

}  // namespace

yaml_node parse_yaml_text(std::string_view text, const std::string& file_label, const yaml_limits& limits) {
  auto file = std::make_shared<const std::string>(file_label);
  if (text.size() > limits.max_bytes)
    throw scenario_error(source_mark{file, 1, 1}, "",
                         "file is " + std::to_string(text.size()) + " bytes, more than the limit of " +
                             std::to_string(limits.max_bytes));
  check_utf8(text, file);
  std::istringstream in{std::string(text)};
  tree_builder builder(file, limits);
  try {
    YAML::Parser parser(in);
    if (!parser.HandleNextDocument(builder) || !builder.has_result())
      throw scenario_error(source_mark{file, 1, 1}, "", "the file is empty: expected a YAML mapping");
    tree_builder second(file, limits);
    if (parser.HandleNextDocument(second))
      throw scenario_error(source_mark{file, 1, 1}, "", "the file holds more than one YAML document");
  } catch (const YAML::Exception& e) {
    throw scenario_error(source_mark{file, e.mark.line + 1, e.mark.column + 1}, "",
                         "malformed YAML: " + e.msg);
  }
  yaml_node root = builder.take_result();
  if (root.kind == yaml_kind::null)
    throw scenario_error(source_mark{file, 1, 1}, "", "the file is empty: expected a YAML mapping");
  return root;
}

std::string read_text_file(const std::filesystem::path& path, std::size_t max_bytes) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) throw usage_error(path.string() + ": no such file");
  if (std::filesystem::is_directory(status))
    throw usage_error(path.string() + ": is a directory, expected a YAML file");
  if (!std::filesystem::is_regular_file(status))
    throw usage_error(path.string() + ": is not a regular file (a device or a pipe?)");
  auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > max_bytes)
    throw usage_error(path.string() + ": file is " + std::to_string(size) + " bytes, more than the limit of " +
                      std::to_string(max_bytes));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw usage_error(path.string() + ": cannot be read (permissions?)");
  // Read in chunks, keeping only what the file holds (never a buffer of the limit's size), and stop one byte past
  // the limit: a file that grows while being read is still refused.
  std::string text;
  if (!ec) text.reserve(static_cast<std::size_t>(size));
  char chunk[1 << 16];
  while (in && text.size() <= max_bytes) {
    in.read(chunk, static_cast<std::streamsize>(std::min(sizeof chunk, max_bytes + 1 - text.size())));
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) throw usage_error(path.string() + ": read error");
  if (text.size() > max_bytes) throw usage_error(path.string() + ": file is larger than the limit of " + std::to_string(max_bytes) + " bytes");
  return text;
}

yaml_node parse_yaml_file(const std::filesystem::path& path, const yaml_limits& limits) {
  return parse_yaml_text(read_text_file(path, limits.max_bytes), path.string(), limits);
}

}  // namespace partyline
