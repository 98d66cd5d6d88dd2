#include "partyline/scenario/schema.hpp"

#include <stdexcept>

#include "partyline/scenario/coefficients.hpp"

#include <yaml-cpp/emitter.h>

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace partyline {

source_mark mark_table::at(std::string path) const {
  while (true) {
    if (auto it = marks_.find(path); it != marks_.end()) return it->second;
    auto cut = path.find_last_of(".[");
    if (cut == std::string::npos) break;
    path.resize(cut);
  }
  if (auto it = marks_.find(""); it != marks_.end()) return it->second;  // the document itself
  return {};
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

void schema_reader::finish() const {
  for (std::size_t i = 0; i < node_.keys.size(); ++i) {
    if (used_[i]) continue;
    const std::string& key = node_.keys[i];
    std::string best;
    std::size_t best_d = 3;  // suggest only near misses
    for (const auto& k : known_) {
      std::size_t d = edit_distance(key, k);
      if (d < best_d) {
        best_d = d;
        best = k;
      }
    }
    std::string msg = "unknown key";
    if (!best.empty()) {
      msg += " (did you mean '" + best + "'?)";
    } else {
      std::string all;
      for (const auto& k : known_) all += (all.empty() ? "" : ", ") + k;
      msg += "; known keys here: " + all;
    }
    throw scenario_error(node_.key_marks[i], child_path(key), msg);
  }
}

namespace {

const std::string& scalar_text(const yaml_node& n, const std::string& path, std::string_view expected) {
  if (n.kind != yaml_kind::scalar)
    throw scenario_error(n.mark, path, "expected " + std::string(expected) + ", got " + std::string(n.kind_name()));
  return n.value;
}

void check_range(const yaml_node& n, const std::string& path, double v, limits lim) {
  if (v < lim.min || v > lim.max) {
    auto fmt = [](double x) {
      char buf[32];
      auto r = std::to_chars(buf, buf + sizeof buf, x);
      return std::string(buf, r.ptr);
    };
    std::string range = "[" + (std::isinf(lim.min) ? std::string("-inf") : fmt(lim.min)) + ", " +
                        (std::isinf(lim.max) ? std::string("inf") : fmt(lim.max)) + "]";
    throw scenario_error(n.mark, path, "value " + n.value + " is out of range " + range);
  }
}

template <class Int>
Int parse_integer(const yaml_node& n, const std::string& path) {
  const std::string& s = scalar_text(n, path, "a whole number");
  if (n.quoted) throw scenario_error(n.mark, path, "expected a whole number, got the string \"" + s + "\"");
  const char* first = s.data();
  const char* last = s.data() + s.size();
  if (first != last && *first == '+') ++first;
  long long v = 0;
  auto r = std::from_chars(first, last, v);
  if (r.ec == std::errc::result_out_of_range || (r.ec == std::errc() && r.ptr == last &&
                                                 (v < std::numeric_limits<Int>::min() || v > std::numeric_limits<Int>::max())))
    throw scenario_error(n.mark, path, "number " + s + " is too large");
  if (r.ec != std::errc() || r.ptr != last) {
    double d = 0;
    auto rd = std::from_chars(first, last, d);
    if (rd.ec == std::errc() && rd.ptr == last)
      throw scenario_error(n.mark, path, "expected a whole number, got " + s);
    throw scenario_error(n.mark, path, "expected a whole number, got '" + s + "'");
  }
  return static_cast<Int>(v);
}

}  // namespace

void schema_reader::read(const yaml_node& n, const std::string& path, double& v, limits lim, mark_table*) {
  const std::string& s = scalar_text(n, path, "a number");
  if (n.quoted) throw scenario_error(n.mark, path, "expected a number, got the string \"" + s + "\"");
  const char* first = s.data();
  const char* last = s.data() + s.size();
  if (first != last && *first == '+') ++first;
  double d = 0;
  auto r = std::from_chars(first, last, d);
  if (r.ec != std::errc() || r.ptr != last || !std::isfinite(d))
    throw scenario_error(n.mark, path, "expected a number, got '" + s + "'");
  check_range(n, path, d, lim);
  v = d;
}

void schema_reader::read(const yaml_node& n, const std::string& path, int& v, limits lim, mark_table*) {
  int x = parse_integer<int>(n, path);
  check_range(n, path, x, lim);
  v = x;
}

void schema_reader::read(const yaml_node& n, const std::string& path, long long& v, limits lim, mark_table*) {
  long long x = parse_integer<long long>(n, path);
  check_range(n, path, static_cast<double>(x), lim);
  v = x;
}

void schema_reader::read(const yaml_node& n, const std::string& path, bool& v, limits, mark_table*) {
  const std::string& s = scalar_text(n, path, "true or false");
  if (!n.quoted && (s == "true" || s == "True" || s == "TRUE")) {
    v = true;
  } else if (!n.quoted && (s == "false" || s == "False" || s == "FALSE")) {
    v = false;
  } else {
    throw scenario_error(n.mark, path, "expected true or false, got '" + s + "'");
  }
}

void schema_reader::read(const yaml_node& n, const std::string& path, std::string& v, limits, mark_table*) {
  v = scalar_text(n, path, "a word or text");
}

void schema_reader::read(const yaml_node& n, const std::string& path, named_values& v, limits lim,
                         mark_table* marks) {
  if (n.kind == yaml_kind::null) {
    v = {};
    return;
  }
  if (n.kind != yaml_kind::map)
    throw scenario_error(n.mark, path, "expected a mapping of ids to numbers, got " + std::string(n.kind_name()));
  v = {};
  for (std::size_t i = 0; i < n.keys.size(); ++i) {
    double d = 0;
    const std::string p = path + "." + n.keys[i];
    read(n.children[i], p, d, lim, marks);
    if (marks) marks->record(p, n.children[i].mark);
    v.keys.push_back(n.keys[i]);
    v.values.push_back(d);
    v.marks.push_back(n.key_marks[i]);
  }
}

// ---- emitter ----------------------------------------------------------------------------------

void schema_emitter::key_(std::string_view k) { out_ << YAML::Key << std::string(k) << YAML::Value; }
void schema_emitter::begin_map() { out_ << YAML::BeginMap; }
void schema_emitter::end_map() { out_ << YAML::EndMap; }
void schema_emitter::begin_seq() { out_ << YAML::BeginSeq; }
void schema_emitter::end_seq() { out_ << YAML::EndSeq; }

void schema_emitter::write(double v) {
  // Shortest text that reads back to the same double: `show` output reloads to the identical scenario.
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  std::string s(buf, r.ptr);
  out_ << s;
}
void schema_emitter::write(int v) { out_ << v; }
void schema_emitter::write(long long v) { out_ << v; }
void schema_emitter::write(bool v) { out_ << (v ? "true" : "false"); }
void schema_emitter::write(const std::string& v) {
  // Quote anything that would read back as another type.
  bool needs_quotes = v.empty() || v == "true" || v == "false" || v == "null" || v == "~";
  if (!needs_quotes) {
    double d = 0;
    auto r = std::from_chars(v.data(), v.data() + v.size(), d);
    needs_quotes = (r.ec == std::errc() && r.ptr == v.data() + v.size());
  }
  if (needs_quotes) out_ << YAML::DoubleQuoted;
  out_ << v;
}
void schema_emitter::write(const named_values& v) {
  out_ << YAML::Flow << YAML::BeginMap;
  for (std::size_t i = 0; i < v.keys.size(); ++i) {
    out_ << YAML::Key << v.keys[i] << YAML::Value;
    write(v.values[i]);
  }
  out_ << YAML::EndMap;
}

}  // namespace partyline

// ---- rule_coefficients ------------------------------------------------------------------------

namespace partyline {

void rule_coefficients::describe(schema_reader& v) {
  if (ops_) ops_->read(value_, v);
}
void rule_coefficients::describe(schema_emitter& v) {
  if (ops_) ops_->emit(value_, v);
}
void rule_coefficients::describe(key_lister& v) {
  if (ops_) ops_->list(value_, v);
}
void rule_coefficients::check(const std::type_info& t) const {
  if (!ops_ || ops_->type != t)
    throw std::logic_error(std::string("rule coefficients hold ") + (ops_ ? ops_->type.name() : "nothing") +
                           ", asked for " + t.name());
}

}  // namespace partyline
