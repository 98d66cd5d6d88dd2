#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 1
#error "partyline/scenario/yaml_edit.hpp belongs to stage 1 (scenario): a lower stage may not include it"
#endif
/// @brief Editing a scenario's YAML tree before it is loaded: a value set at a dotted path (`rules.R7.letter_min`,
/// `councils[0].group.confrontation`, `councils.haringey.group.confrontation`), as sweep files, calibration files,
/// `--set` and the Python module's overrides address parameters. The scenario loader then checks the edited tree as
/// it checks a file, so an unknown key or a value out of range is reported where the edit was written.
#include <string>
#include <utility>
#include <vector>

#include "partyline/scenario/yaml_tree.hpp"

namespace partyline {

/// @brief Sets `path` in a scenario tree to `value`, creating missing map keys (which the loader then checks).
/// `where` is the parameter's mark, used for errors and for created keys.
void set_path(yaml_node& root, const std::string& path, const yaml_node& value, const source_mark& where);

/// @brief The node at `path` (as set_path addresses it: keys, [index], list elements by id), or null if there is none.
[[nodiscard]] const yaml_node* find_path(const yaml_node& root, const std::string& path);

/// @brief Takes the node at `path` out of the tree (a map's key, or a list's element `key[i]`); false when there is
/// none. `partyline validate` uses it to read past an error to the next one.
bool remove_path(yaml_node& root, const std::string& path);

/// @brief Applies dotted-path overrides (path, YAML value text) to a scenario tree; errors carry `label`.
void apply_overrides(yaml_node& root, const std::vector<std::pair<std::string, std::string>>& overrides,
                     const std::string& label);

/// @brief A plain (unquoted) finite number written as YAML, read into `out`; false for anything else.
[[nodiscard]] bool yaml_number(const yaml_node& n, double& out);
/// @brief A number as a YAML scalar (shortest round-trip form), marked where it comes from.
[[nodiscard]] yaml_node number_node(double v, const source_mark& mark);

}  // namespace partyline
