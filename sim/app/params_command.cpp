// partyline params: every settable path of a scenario (what --set and sweep files take), with its value, its
// allowed range and its meaning -- the scenario keys' from scenarios/README.md (compiled in), the coefficients'
// from their declarations.
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "cli.hpp"
#include "partyline/rules/model.hpp"
#include "partyline/store/csv.hpp"

namespace partyline::cli {

extern const char* const scenario_readme;

namespace {

struct key_doc {
  std::string range, meaning;
};

/// The key tables of scenarios/README.md: `| `path` | type | default | range | meaning | source |`.
std::map<std::string, key_doc> scenario_key_docs() {
  std::map<std::string, key_doc> docs;
  const std::string text = scenario_readme;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    const std::string line = text.substr(at, end - at);
    at = end + 1;
    if (line.rfind("| `", 0) != 0) continue;
    std::vector<std::string> cells;
    std::size_t from = 1;
    for (std::size_t bar = line.find('|', from); bar != std::string::npos; from = bar + 1, bar = line.find('|', from)) {
      std::string cell = line.substr(from, bar - from);
      while (!cell.empty() && cell.front() == ' ') cell.erase(cell.begin());
      while (!cell.empty() && cell.back() == ' ') cell.pop_back();
      cells.push_back(cell);
    }
    if (cells.size() < 6 || cells[0].size() < 3 || cells[0].back() != '`') continue;
    docs[cells[0].substr(1, cells[0].size() - 2)] = {cells[3], cells[4]};
  }
  return docs;
}

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

struct param_row {
  std::string path, value, range, meaning;
};

class param_walker {
 public:
  param_walker() : docs_(scenario_key_docs()) {
    for (const auto& d : coefficient_docs())
      coefficients_["rules." + d.block + "." + d.key] = {number_text(d.min) + ".." + number_text(d.max), d.meaning};
  }
  std::vector<param_row> rows;

  /// `path` as --set takes it (items by id where they have one); `doc` as the docs write it (`councils[].id`);
  /// `file` the same node in the scenario file's own tree, or null where the file leaves it to a default. A key left
  /// out can still be set (--set creates it), but an item of a list exists only if the file lists it: the loader's
  /// own additions (the Independent party) and generated councils are not settable, so they are not listed.
  void walk(const yaml_node& n, const yaml_node* file, const std::string& path, const std::string& doc) {
    if (n.kind == yaml_kind::map) {
      for (std::size_t i = 0; i < n.keys.size(); ++i)
        walk(n.children[i], file && file->kind == yaml_kind::map ? file->find(n.keys[i]) : nullptr,
             path.empty() ? n.keys[i] : path + "." + n.keys[i], doc.empty() ? n.keys[i] : doc + "." + n.keys[i]);
      if (n.keys.empty()) leaf(path, doc, "{}");
      return;
    }
    if (n.kind == yaml_kind::sequence) {
      for (std::size_t i = 0; i < n.children.size(); ++i) {
        const yaml_node& item = n.children[i];
        const yaml_node* id = item.kind == yaml_kind::map ? item.find("id") : nullptr;
        const yaml_node* in_file = nullptr;
        if (file && file->kind == yaml_kind::sequence) {
          if (!id && i < file->children.size()) in_file = &file->children[i];
          for (const auto& f : file->children)
            if (id && f.kind == yaml_kind::map && f.find("id") && f.find("id")->value == id->value) in_file = &f;
        }
        if (!in_file) continue;
        walk(item, in_file, id ? path + "." + id->value : path + "[" + std::to_string(i) + "]", doc + "[]");
      }
      if (n.children.empty()) leaf(path, doc, "[]");
      return;
    }
    leaf(path, doc, n.kind == yaml_kind::null ? "null" : n.value);
  }

 private:
  void leaf(const std::string& path, const std::string& doc, const std::string& value) {
    if (const auto c = coefficients_.find(path); c != coefficients_.end()) {
      rows.push_back({path, value, c->second.range, c->second.meaning});
      return;
    }
    // The key itself, or the map it belongs to (`councils[].seats` for `councils.x.seats.lab`).
    for (std::string d = doc; !d.empty(); d = d.substr(0, d.find_last_of('.') == std::string::npos ? 0 : d.find_last_of('.'))) {
      while (d.size() > 2 && d.compare(d.size() - 2, 2, "[]") == 0) d.resize(d.size() - 2);  // an item of a list: the list's
      if (const auto k = docs_.find(d); k != docs_.end()) {
        rows.push_back({path, value, k->second.range, k->second.meaning});
        return;
      }
      if (d.find('.') == std::string::npos) break;
    }
    rows.push_back({path, value, "", ""});
  }
  std::map<std::string, key_doc> docs_;
  std::map<std::string, key_doc> coefficients_;
};

}  // namespace

int cmd_params(const std::string& file, const std::vector<std::string>& sets, const std::string& format, double budget_mib) {
  const std::string text = read_text_file(file, yaml_limits{}.max_bytes);
  const frozen_scenario scen = load_with_sets(text, file, load_opts(budget_mib, 1), sets);
  const yaml_node in_file = parse_yaml_text(text, file);
  param_walker walker;
  walker.walk(parse_yaml_text(to_yaml(*scen), file), &in_file, "", "");
  if (format == "csv") {
    csv_writer w({"path", "value", "range", "meaning"});
    for (const auto& r : walker.rows) w.cell(r.path).cell(r.value).cell(r.range).cell(r.meaning).end_row();
    std::fputs(w.text().c_str(), stdout);
    return exit_ok;
  }
  // The table: one line per path, long values (a description) cut to fit.
  for (auto& r : walker.rows) {
    for (char& c : r.value)
      if (c == '\n' || c == '\t') c = ' ';
    if (r.value.size() > 24) r.value = r.value.substr(0, 21) + "...";
  }
  std::size_t width = 4, value_width = 5;
  for (const auto& r : walker.rows) {
    width = std::max(width, r.path.size());
    value_width = std::max(value_width, r.value.size());
  }
  std::printf("%-*s  %-*s  %-16s  %s\n", static_cast<int>(width), "path", static_cast<int>(value_width), "value", "range", "meaning");
  for (const auto& r : walker.rows)
    std::printf("%-*s  %-*s  %-16s  %s\n", static_cast<int>(width), r.path.c_str(), static_cast<int>(value_width), r.value.c_str(),
                r.range.c_str(), r.meaning.c_str());
  std::printf("\n%zu settable paths (partyline run FILE --set PATH=VALUE; sweep files take the same paths)\n", walker.rows.size());
  return exit_ok;
}

}  // namespace partyline::cli
