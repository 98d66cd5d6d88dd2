#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 4
#error "partyline/engine/load.hpp belongs to stage 4 (engine): a lower stage may not include it"
#endif
/// @brief Loading a scenario the engine can run: the scenario stage reads it (with the rules' coefficients as the
/// defaults of `rules:`), then what later stages know is resolved and checked — rule defaults for scripted events,
/// and whether the world would fit in the memory budget. Every failure is a scenario_error with file:line:col.
#include <filesystem>
#include <string>

#include "partyline/scenario/read.hpp"

namespace partyline {

/// @brief Reads, validates and freezes a scenario file.
[[nodiscard]] frozen_scenario load_scenario_file(const std::filesystem::path& path, const load_options& opt = {});
/// @brief The same from text (tests, the Python module).
[[nodiscard]] frozen_scenario load_scenario_text(std::string_view text, const std::string& label, const load_options& opt = {});
/// @brief The same from an already-parsed tree (sweeps edit the tree, then load it).
[[nodiscard]] frozen_scenario load_scenario_tree(const yaml_node& root, const load_options& opt = {});

}  // namespace partyline
