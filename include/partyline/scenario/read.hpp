#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 1
#error "partyline/scenario/read.hpp belongs to stage 1 (scenario): a lower stage may not include it"
#endif
/// @brief Reading a scenario: parse, read against the schema, check cross-references, expand generators, resolve
/// defaults. Every failure is a scenario_error with file:line:col and the key path.
///
/// This is the scenario stage's part. The complete loader (engine/load.hpp: `load_scenario_file`) adds what only
/// later stages know: the rules' coefficients and defaults, and whether the world would fit in memory.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "partyline/scenario/scenario.hpp"
#include "partyline/scenario/yaml_tree.hpp"

namespace partyline {

/// @brief What one council, seat and member cost in memory (given by the world stage, which knows its layout).
struct world_sizes {
  double per_council = 4096;
  double per_seat = 64;
  double per_member = 32;
  double per_seat_axis = 4;    ///< ... more per seat for each declared axis after the first
  double per_member_axis = 2;  ///< ... more per member for each declared axis after the first

  /// Per seat and per member for a scenario with `axes` declared axes.
  [[nodiscard]] double seat(std::size_t axes) const { return per_seat + per_seat_axis * static_cast<double>(axes > 1 ? axes - 1 : 0); }
  [[nodiscard]] double member(std::size_t axes) const {
    return per_member + per_member_axis * static_cast<double>(axes > 1 ? axes - 1 : 0);
  }
};

struct load_options {
  yaml_limits yaml;
  double memory_budget_bytes = 0;  ///< 0: half the machine's physical memory
  int concurrent_runs = 1;         ///< worlds alive at once (threads), for the memory estimate
  world_sizes sizes;               ///< for refusing absurd council generators before expanding them
  rule_coefficients rules;         ///< the rules' default coefficients, which `rules:` overrides
  /// The kinds of item the rules file with the party's bodies (rules/agenda.hpp), for checking `institutions`;
  /// empty: the names are not checked (the scenario stage alone does not know the rules).
  std::vector<std::string> item_kinds;
};

using frozen_scenario = std::shared_ptr<const scenario>;

/// @brief Reads a parsed scenario; `marks` receives where every key was written (for later checks' errors).
[[nodiscard]] std::shared_ptr<scenario> read_scenario_tree(const yaml_node& root, const load_options& opt, mark_table& marks);

/// @brief The resolved scenario as YAML (what `partyline show` prints); reloading it gives the same scenario.
[[nodiscard]] std::string to_yaml(const scenario& s);

/// @brief The default memory budget: half of physical memory.
[[nodiscard]] double default_memory_budget();

/// @brief "1.5 GiB" and friends.
[[nodiscard]] std::string human_bytes(double bytes);

}  // namespace partyline
