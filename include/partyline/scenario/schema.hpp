#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 1
#error "partyline/scenario/schema.hpp belongs to stage 1 (scenario): a lower stage may not include it"
#endif
/// @brief One description of the scenario format, three uses: reading (with file:line:col errors),
/// writing the resolved scenario back as YAML, and listing every key (the docs test).
///
/// Each scenario struct has `template <class V> void describe(V& v)` listing its keys:
///   v.field("meets_every_weeks", meets_every_weeks, {1, 52});
/// A key absent from the file keeps the struct's default; a key the struct does not list is an error.
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "partyline/error.hpp"
#include "partyline/scenario/yaml_tree.hpp"

namespace YAML {
class Emitter;
}

namespace partyline {

/// @brief Inclusive range a numeric key must lie in.
struct limits {
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
};

/// @brief Names of an enum's values, in the order of the enumerators. Specialised next to each enum.
template <class E>
struct enum_names;

template <class E>
concept named_enum = std::is_enum_v<E> && requires { enum_names<E>::names; };

template <named_enum E>
[[nodiscard]] constexpr std::string_view to_string(E e) {
  return enum_names<E>::names[static_cast<std::size_t>(e)];
}

/// @brief A mapping from ids (usually party ids) to numbers, in file order, e.g. `seats: {lab: 67, con: 25}`.
struct named_values {
  std::vector<std::string> keys;
  std::vector<double> values;
  std::vector<source_mark> marks;

  [[nodiscard]] bool empty() const { return keys.empty(); }
  [[nodiscard]] const double* find(std::string_view key) const {
    for (std::size_t i = 0; i < keys.size(); ++i)
      if (keys[i] == key) return &values[i];
    return nullptr;
  }
  [[nodiscard]] double get(std::string_view key, double fallback = 0.0) const {
    const double* v = find(key);
    return v ? *v : fallback;
  }
  void set(std::string_view key, double value) {
    for (std::size_t i = 0; i < keys.size(); ++i)
      if (keys[i] == key) {
        values[i] = value;
        return;
      }
    keys.emplace_back(key);
    values.push_back(value);
    marks.emplace_back();
  }
  [[nodiscard]] double total() const {
    double t = 0;
    for (double v : values) t += v;
    return t;
  }
};

/// @brief Where each key path was written, so checks made after reading can still point at the file.
class mark_table {
 public:
  void record(const std::string& path, const source_mark& m) { marks_[path] = m; }
  /// The mark of `path`, or of its nearest recorded ancestor.
  [[nodiscard]] source_mark at(std::string path) const;

 private:
  std::unordered_map<std::string, source_mark> marks_;
};

class schema_reader;
template <class T>
concept described = requires(T& t, schema_reader& r) { t.describe(r); };

/// @brief Reads one YAML mapping into a struct; see the file comment.
class schema_reader {
 public:
  schema_reader(const yaml_node& node, std::string path, mark_table* marks)
      : node_(node), path_(std::move(path)), marks_(marks), used_(node.keys.size(), 0) {}

  template <class T>
  void field(std::string_view key, T& value, limits lim = {}) {
    visit(key, value, lim, false);
  }
  template <class T>
  void required(std::string_view key, T& value, limits lim = {}) {
    visit(key, value, lim, true);
  }
  /// A rule coefficient: a field whose meaning and source case are documented where it is declared.
  template <class T>
  void coef(std::string_view key, T& value, limits lim, std::string_view /*meaning*/, std::string_view /*source*/) {
    visit(key, value, lim, false);
  }
  /// Refuses keys no field claimed, suggesting the nearest known key.
  void finish() const;

  [[nodiscard]] std::string child_path(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

  // Readers for every value type a scenario uses.
  static void read(const yaml_node& n, const std::string& path, double& v, limits lim, mark_table* marks);
  static void read(const yaml_node& n, const std::string& path, int& v, limits lim, mark_table* marks);
  static void read(const yaml_node& n, const std::string& path, long long& v, limits lim, mark_table* marks);
  static void read(const yaml_node& n, const std::string& path, bool& v, limits lim, mark_table* marks);
  static void read(const yaml_node& n, const std::string& path, std::string& v, limits lim, mark_table* marks);
  static void read(const yaml_node& n, const std::string& path, named_values& v, limits lim, mark_table* marks);
  /// A raw subtree, interpreted by the caller (sweep parameters).
  static void read(const yaml_node& n, const std::string&, yaml_node& v, limits, mark_table*) { v = n; }

  template <named_enum E>
  static void read(const yaml_node& n, const std::string& path, E& v, limits, mark_table* marks) {
    std::string s;
    read(n, path, s, {}, marks);
    const auto& names = enum_names<E>::names;
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == s) {
        v = static_cast<E>(i);
        return;
      }
    std::string allowed;
    for (auto name : names) allowed += (allowed.empty() ? "" : ", ") + std::string(name);
    throw scenario_error(n.mark, path, "'" + s + "' is not one of: " + allowed);
  }

  template <described T>
  static void read(const yaml_node& n, const std::string& path, T& v, limits lim, mark_table* marks) {
    // A range ({min, max}) may also be written as one number, meaning min = max.
    constexpr bool is_range = requires { v.min = 0.0; v.max = 0.0; };
    if constexpr (is_range) {
      if (n.kind == yaml_kind::scalar) {
        double d = 0;
        read(n, path, d, lim, marks);
        v.min = v.max = d;
        return;
      }
    }
    if (n.kind != yaml_kind::map)
      throw scenario_error(n.mark, path, "expected a mapping" + std::string(is_range ? " {min, max} or a number" : "") +
                                             ", got " + std::string(n.kind_name()));
    schema_reader sub(n, path, marks);
    v.describe(sub);
    sub.finish();
    if constexpr (is_range) {
      for (const char* k : {"min", "max"}) {
        double d = 0;
        read(*n.find(k), path + "." + k, d, lim, marks);
      }
      if (v.min > v.max) throw scenario_error(n.mark, path, "min is greater than max");
    }
  }

  template <class T>
  static void read(const yaml_node& n, const std::string& path, std::vector<T>& v, limits lim, mark_table* marks) {
    if (n.kind == yaml_kind::null) {
      v.clear();
      return;
    }
    if (n.kind != yaml_kind::sequence) {
      // A single value where a list is expected is accepted as a list of one, except for mappings of structs.
      throw scenario_error(n.mark, path, "expected a list, got " + std::string(n.kind_name()));
    }
    v.clear();
    v.resize(n.children.size());
    for (std::size_t i = 0; i < n.children.size(); ++i)
      read(n.children[i], path + "[" + std::to_string(i) + "]", v[i], lim, marks);
  }

 private:
  template <class T>
  void visit(std::string_view key, T& value, limits lim, bool is_required) {
    known_.emplace_back(key);
    for (std::size_t i = 0; i < node_.keys.size(); ++i) {
      if (node_.keys[i] != key) continue;
      used_[i] = 1;
      const std::string p = child_path(key);
      if (marks_) marks_->record(p, node_.children[i].mark);
      read(node_.children[i], p, value, lim, marks_);
      return;
    }
    if (is_required) throw scenario_error(node_.mark, child_path(key), "required key is missing");
  }

  const yaml_node& node_;
  std::string path_;
  mark_table* marks_;
  std::vector<char> used_;
  std::vector<std::string> known_;
};

/// @brief Writes a struct back as YAML (every key, defaults resolved): `partyline show`.
class schema_emitter {
 public:
  explicit schema_emitter(YAML::Emitter& out) : out_(out) {}
  template <class T>
  void field(std::string_view key, T& value, limits = {}) {
    if constexpr (std::is_same_v<T, double>) {
      if (std::isnan(value)) return;  // NaN: a value left out that nothing resolves (R22's election has none): shown left out
    }
    key_(key);
    write(value);
  }
  template <class T>
  void required(std::string_view key, T& value, limits lim = {}) {
    field(key, value, lim);
  }
  template <class T>
  void coef(std::string_view key, T& value, limits lim, std::string_view, std::string_view) {
    field(key, value, lim);
  }

  void write(double v);
  void write(int v);
  void write(long long v);
  void write(bool v);
  void write(const std::string& v);
  void write(const named_values& v);
  template <named_enum E>
  void write(E e) {
    write(std::string(to_string(e)));
  }
  template <class T>
    requires requires(T& t, schema_emitter& e) { t.describe(e); }
  void write(T& v) {
    begin_map();
    v.describe(*this);
    end_map();
  }
  template <class T>
  void write(std::vector<T>& v) {
    begin_seq();
    for (auto& x : v) write(x);
    end_seq();
  }

 private:
  void key_(std::string_view k);
  void begin_map();
  void end_map();
  void begin_seq();
  void end_seq();
  YAML::Emitter& out_;
};

/// @brief Lists every key path of the format ("councils[].group.leader.resolve"): docs completeness test.
class key_lister {
 public:
  std::vector<std::string> paths;

  template <class T>
  void field(std::string_view key, T& value, limits = {}) {
    const std::string p = prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
    paths.push_back(p);
    recurse(p, value);
  }
  template <class T>
  void required(std::string_view key, T& value, limits lim = {}) {
    field(key, value, lim);
  }
  template <class T>
  void coef(std::string_view key, T& value, limits lim, std::string_view, std::string_view) {
    field(key, value, lim);
  }

 private:
  template <class T>
  void recurse(const std::string& p, T& value) {
    if constexpr (requires { value.min = 0.0; value.max = 0.0; }) {
      return;  // a {min, max} range is one documented key
    } else if constexpr (requires(T& t, key_lister& k) { t.describe(k); }) {
      std::string saved = prefix_;
      prefix_ = p;
      value.describe(*this);
      prefix_ = saved;
    } else if constexpr (requires { typename T::value_type; value.resize(1); } &&
                         !std::is_same_v<T, std::string>) {
      typename T::value_type item{};
      recurse(p + "[]", item);
    }
  }
  std::string prefix_;
};

/// @brief Edit distance, for "did you mean" suggestions.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace partyline
