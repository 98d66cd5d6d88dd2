#pragma once
/// @brief Loading a scenario: parse, read against the schema, check cross-references and sizes, resolve
/// defaults, freeze. Every failure is a scenario_error with file:line:col and the key path.
#include <filesystem>
#include <memory>
#include <string>

#include "partyline/scenario/scenario.hpp"
#include "partyline/scenario/yaml_tree.hpp"

namespace partyline {

struct load_options {
  yaml_limits yaml;
  double memory_budget_bytes = 0;  ///< 0: half the machine's physical memory
  int concurrent_runs = 1;         ///< worlds alive at once (threads), for the memory estimate
};

using frozen_scenario = std::shared_ptr<const scenario>;

/// @brief Reads, validates and freezes a scenario file.
[[nodiscard]] frozen_scenario load_scenario_file(const std::filesystem::path& path, const load_options& opt = {});
/// @brief The same from text (tests, the Python module).
[[nodiscard]] frozen_scenario load_scenario_text(std::string_view text, const std::string& label,
                                                 const load_options& opt = {});
/// @brief The same from an already-parsed tree (sweeps edit the tree, then load it).
[[nodiscard]] frozen_scenario load_scenario_tree(const yaml_node& root, const load_options& opt = {});

/// @brief The resolved scenario as YAML (what `partyline show` prints); reloading it gives the same scenario.
[[nodiscard]] std::string to_yaml(const scenario& s);

/// @brief The default memory budget: half of physical memory.
[[nodiscard]] double default_memory_budget();

/// @brief "1.5 GiB" and friends.
[[nodiscard]] std::string human_bytes(double bytes);

}  // namespace partyline
