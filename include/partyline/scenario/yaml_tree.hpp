#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 1
#error "partyline/scenario/yaml_tree.hpp belongs to stage 1 (scenario): a lower stage may not include it"
#endif
/// @brief A small YAML document tree that remembers where every node and key came from.
///
/// yaml-cpp's own Node forgets duplicate keys and expands aliases lazily; partyline needs to refuse both
/// kinds of trouble with a file:line:col, so it builds its own tree from yaml-cpp's parser events.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "partyline/error.hpp"

namespace partyline {

enum class yaml_kind : unsigned char { null, scalar, sequence, map };

struct yaml_node {
  yaml_kind kind = yaml_kind::null;
  std::string value;                ///< scalar text
  bool quoted = false;              ///< scalar was written in quotes (always a string)
  source_mark mark;                 ///< where the node starts
  std::vector<yaml_node> children;  ///< sequence items, or map values (parallel to keys)
  std::vector<std::string> keys;    ///< map keys
  std::vector<source_mark> key_marks;

  [[nodiscard]] const yaml_node* find(std::string_view key) const;
  [[nodiscard]] yaml_node* find(std::string_view key);
  [[nodiscard]] std::string_view kind_name() const;
};

/// @brief Limits that keep a hostile file from exhausting memory.
struct yaml_limits {
  std::size_t max_bytes = 64u << 20;       ///< refuse files larger than this
  std::size_t max_nodes = 2'000'000;       ///< nodes after alias expansion (defeats "billion laughs")
};

/// @brief Parses one YAML document. Throws scenario_error for malformed YAML, an empty file, several
/// documents, duplicate keys, non-scalar keys or an alias expansion past the node limit.
[[nodiscard]] yaml_node parse_yaml_text(std::string_view text, const std::string& file_label,
                                        const yaml_limits& limits = {});

/// @brief Reads and parses a file. A missing file, a directory or an unreadable file is a usage_error.
[[nodiscard]] yaml_node parse_yaml_file(const std::filesystem::path& path, const yaml_limits& limits = {});

/// @brief Reads a whole file into a string (usage_error on any failure).
[[nodiscard]] std::string read_text_file(const std::filesystem::path& path, std::size_t max_bytes);

}  // namespace partyline
