// Editing a scenario's YAML tree at dotted paths: see include/partyline/scenario/yaml_edit.hpp.
#include "partyline/scenario/yaml_edit.hpp"

#include "partyline/scenario/schema.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <memory>

namespace partyline {

bool yaml_number(const yaml_node& n, double& out) {
  if (n.kind != yaml_kind::scalar || n.quoted) return false;
  const char* first = n.value.data();
  const char* last = first + n.value.size();
  if (first != last && *first == '+') ++first;
  auto r = std::from_chars(first, last, out);
  return r.ec == std::errc() && r.ptr == last && std::isfinite(out);
}

yaml_node number_node(double v, const source_mark& mark) {
  yaml_node n;
  n.kind = yaml_kind::scalar;
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  n.value.assign(buf, r.ptr);
  n.mark = mark;
  return n;
}

void set_path(yaml_node& root, const std::string& path, const yaml_node& value, const source_mark& where) {
  yaml_node* node = &root;
  std::size_t pos = 0;
  std::string walked;
  while (pos <= path.size()) {
    const std::size_t dot = path.find('.', pos);
    std::string segment = path.substr(pos, dot == std::string::npos ? std::string::npos : dot - pos);
    const bool last = dot == std::string::npos;
    if (segment.empty()) throw scenario_error(where, path, "empty segment in the parameter path");
    // A segment may carry an index: councils[2].
    long index = -1;
    if (const auto br = segment.find('['); br != std::string::npos) {
      if (segment.back() != ']') throw scenario_error(where, path, "malformed index in '" + segment + "'");
      index = std::strtol(segment.c_str() + br + 1, nullptr, 10);
      segment.resize(br);
    }
    // `events.0.week`: a list's element is addressed as events[0] (or by its id), never as a key "0" (unless an id
    // or a key of the file is "0").
    const std::string list = walked;  // the path before this segment: the list an index would be of
    const auto not_an_index = [&] {
      if (index >= 0 || segment.find_first_not_of("0123456789") != std::string::npos) return;
      throw scenario_error(where, path, "'" + segment + "' is a list index: write " + list + "[" + segment + "]" +
                                            (last ? std::string() : path.substr(dot)) + " (or name the element by its id)");
    };
    walked += (walked.empty() ? "" : ".") + segment;
    if (node->kind == yaml_kind::sequence) {
      // Elements of a list are addressed by [index] on the list key, or by their id.
      yaml_node* found = nullptr;
      for (auto& item : node->children) {
        const yaml_node* id = item.find("id");
        if (id && id->value == segment) found = &item;
      }
      if (!found) not_an_index();
      if (!found) {
        // Say which ids there are, the nearest first when it is a near miss (a misspelt council).
        std::string best, ids;
        std::size_t best_d = 3;
        for (const auto& item : node->children)
          if (const yaml_node* id = item.find("id")) {
            if (const std::size_t d = edit_distance(segment, id->value); d < best_d) best_d = d, best = id->value;
            if (ids.size() < 200) ids += (ids.empty() ? "" : ", ") + id->value;
          }
        throw scenario_error(where, path, "no element with id '" + segment + "' in '" + list + "'" +
                                              (best.empty() ? "; the ids are: " + ids : " (did you mean '" + best + "'?)"));
      }
      node = found;
      if (last) throw scenario_error(where, path, "the path names a whole list element, not a value");
      pos = dot + 1;
      continue;
    }
    if (node->kind == yaml_kind::null) node->kind = yaml_kind::map;
    if (node->kind != yaml_kind::map) throw scenario_error(where, path, "'" + walked + "' is not a mapping");
    yaml_node* child = node->find(segment);
    if (!child) {
      not_an_index();
      // Created keys are checked by the scenario loader, which then reports unknown ones where the edit was written.
      node->keys.push_back(segment);
      node->key_marks.push_back(where);
      yaml_node fresh;
      fresh.mark = where;
      node->children.push_back(fresh);
      child = &node->children.back();
    }
    if (index >= 0) {
      if (child->kind != yaml_kind::sequence || index >= static_cast<long>(child->children.size()))
        throw scenario_error(where, path, "'" + walked + "' has no element [" + std::to_string(index) + "]");
      child = &child->children[static_cast<std::size_t>(index)];
      walked += "[" + std::to_string(index) + "]";
    }
    if (last) {
      if (child->kind == yaml_kind::map || child->kind == yaml_kind::sequence)
        throw scenario_error(where, path, "'" + walked + "' is " + std::string(child->kind_name()) + ", not a single value");
      *child = value;
      return;
    }
    node = child;
    pos = dot + 1;
  }
}

const yaml_node* find_path(const yaml_node& root, const std::string& path) {
  const yaml_node* node = &root;
  std::size_t pos = 0;
  while (node && pos <= path.size()) {
    const std::size_t dot = path.find('.', pos);
    std::string segment = path.substr(pos, dot == std::string::npos ? std::string::npos : dot - pos);
    long index = -1;
    if (const auto br = segment.find('['); br != std::string::npos) {
      index = std::strtol(segment.c_str() + br + 1, nullptr, 10);
      segment.resize(br);
    }
    const yaml_node* next = nullptr;
    if (node->kind == yaml_kind::sequence) {
      for (const auto& item : node->children)
        if (const yaml_node* id = item.find("id"); id && id->value == segment) next = &item;
    } else if (node->kind == yaml_kind::map) {
      next = node->find(segment);
    }
    if (next && index >= 0)
      next = next->kind == yaml_kind::sequence && index < static_cast<long>(next->children.size())
                 ? &next->children[static_cast<std::size_t>(index)] : nullptr;
    node = next;
    if (dot == std::string::npos) break;
    pos = dot + 1;
  }
  return node;
}

bool remove_path(yaml_node& root, const std::string& path) {
  const std::size_t dot = path.rfind('.');
  std::string last = dot == std::string::npos ? path : path.substr(dot + 1);
  const yaml_node* parent_c = dot == std::string::npos ? &root : find_path(root, path.substr(0, dot));
  if (!parent_c || last.empty()) return false;
  auto* parent = const_cast<yaml_node*>(parent_c);  // find_path walks; the tree is ours to edit
  long index = -1;
  if (const auto br = last.find('['); br != std::string::npos) {
    index = std::strtol(last.c_str() + br + 1, nullptr, 10);
    last.resize(br);
  }
  if (parent->kind == yaml_kind::sequence) {  // an element named by its id
    for (std::size_t i = 0; i < parent->children.size(); ++i)
      if (const yaml_node* id = parent->children[i].find("id"); id && id->value == last && index < 0) {
        parent->children.erase(parent->children.begin() + static_cast<long>(i));
        return true;
      }
    return false;
  }
  if (parent->kind != yaml_kind::map) return false;
  for (std::size_t k = 0; k < parent->keys.size(); ++k) {
    if (parent->keys[k] != last) continue;
    if (index >= 0) {
      yaml_node& list = parent->children[k];
      if (list.kind != yaml_kind::sequence || index >= static_cast<long>(list.children.size())) return false;
      list.children.erase(list.children.begin() + index);
      return true;
    }
    parent->keys.erase(parent->keys.begin() + static_cast<long>(k));
    parent->key_marks.erase(parent->key_marks.begin() + static_cast<long>(k));
    parent->children.erase(parent->children.begin() + static_cast<long>(k));
    return true;
  }
  return false;
}

void apply_overrides(yaml_node& root, const std::vector<std::pair<std::string, std::string>>& overrides,
                     const std::string& label) {
  auto file = std::make_shared<const std::string>(label);
  for (std::size_t i = 0; i < overrides.size(); ++i) {
    const source_mark where{file, static_cast<int>(i + 1), 1};
    // The same path twice is a mistake in the command, not an instruction to take the last.
    for (std::size_t j = 0; j < i; ++j)
      if (overrides[j].first == overrides[i].first)
        throw scenario_error(where, overrides[i].first, "set twice (" + label + " " + std::to_string(j + 1) + " and " + std::to_string(i + 1) + ")");
    yaml_node value = parse_yaml_text(overrides[i].second.empty() ? "\"\"" : overrides[i].second, label);
    if (value.kind != yaml_kind::scalar)
      throw scenario_error(where, overrides[i].first, "an override must be a single value");
    value.mark = where;
    set_path(root, overrides[i].first, value, where);
  }
}

}  // namespace partyline
