// The complete loader: the scenario stage's reader, then the rules' defaults and the world's memory budget.
#include "partyline/engine/load.hpp"

#include <algorithm>
#include <cmath>

#include "partyline/rules/model.hpp"
#include "partyline/world/world.hpp"

namespace partyline {

namespace {

/// Scripted events whose value was left out take the rules' default for it.
void event_defaults(scenario& s) {
  const model_parameters& p = coefficients(s);
  for (auto& e : s.events) {
    if (!std::isnan(e.value)) continue;
    switch (e.type) {
      case event_kind::dispute_start: e.value = p.R8.new_intensity; break;
      case event_kind::referral: e.value = p.R9.urgency; break;
      case event_kind::request: e.value = p.R1.request_threshold; break;
      default: break;
    }
  }
}

/// Refuses a scenario whose worlds would not fit in the memory budget, before anything is allocated.
void check_memory(const scenario& s, const mark_table& marks, const load_options& opt) {
  const memory_estimate est = estimate_world_memory(s);
  const double budget = opt.memory_budget_bytes > 0 ? opt.memory_budget_bytes : default_memory_budget();
  const double need = est.bytes * std::max(1, opt.concurrent_runs);
  if (need <= budget) return;
  const std::string where =
      est.largest_council >= 0 ? "councils[" + std::to_string(est.largest_council) + "].members.count" : "councils";
  throw scenario_error(marks.at(where), where,
                       "this scenario would need about " + human_bytes(need) + " of memory (" + std::to_string(est.members) +
                           " members, " + std::to_string(est.seats) + " seats" +
                           (opt.concurrent_runs > 1 ? ", " + std::to_string(opt.concurrent_runs) + " runs at once" : "") +
                           "), more than the budget of " + human_bytes(budget) + "; refused");
}

}  // namespace

frozen_scenario load_scenario_tree(const yaml_node& root, const load_options& given) {
  load_options opt = given;
  opt.rules = default_coefficients();
  opt.item_kinds.clear();
  for (const item_kind_def* k : schedule::item_kinds) opt.item_kinds.emplace_back(k->name);
  opt.sizes = world_layout_sizes();
  mark_table marks;
  std::shared_ptr<scenario> s = read_scenario_tree(root, opt, marks);
  event_defaults(*s);
  check_memory(*s, marks, opt);
  return s;
}

frozen_scenario load_scenario_text(std::string_view text, const std::string& label, const load_options& opt) {
  return load_scenario_tree(parse_yaml_text(text, label, opt.yaml), opt);
}

frozen_scenario load_scenario_file(const std::filesystem::path& path, const load_options& opt) {
  return load_scenario_tree(parse_yaml_file(path, opt.yaml), opt);
}

}  // namespace partyline
