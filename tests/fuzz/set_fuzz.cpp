// libFuzzer harness for `--set PATH=VALUE` and Python's overrides (issue 36 pt 6): the input's first byte picks a
// shipped scenario (the institutions block included, from the scenarios that declare one), the rest is lines of
// PATH=VALUE applied to its tree as the CLI applies them, then the scenario is loaded and its targets checked. Any
// paths and values must give a scenario or an error naming the --set -- never a crash, hang, leak or out-of-memory.
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "partyline/engine/load.hpp"
#include "partyline/outcome/targets.hpp"
#include "partyline/scenario/yaml_edit.hpp"
#include "partyline/scenario/yaml_tree.hpp"

namespace {

const char* const scenarios[] = {"tiny.yaml", "haringey-2018.yaml", "birmingham-2019.yaml", "coalitions-2023.yaml",
                                 "leicester-2023.yaml"};

std::string scenario_path(std::size_t k) {
  return k == 0 ? std::string(PARTYLINE_SOURCE_DIR "/tests/data/") + scenarios[0]
                : std::string(PARTYLINE_SOURCE_DIR "/scenarios/") + scenarios[k];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  partyline::load_options opt;
  opt.yaml.max_bytes = 1 << 20;
  opt.yaml.max_nodes = 200'000;
  opt.memory_budget_bytes = 256.0 * (1 << 20);
  std::vector<std::pair<std::string, std::string>> sets;
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  for (std::size_t at = 0; at <= text.size() && sets.size() < 8;) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    const std::string line = text.substr(at, end - at);
    if (const auto eq = line.find('='); eq != std::string::npos && eq > 0) sets.emplace_back(line.substr(0, eq), line.substr(eq + 1));
    at = end + 1;
  }
  // Each scenario is parsed once; an input edits a copy of its tree.
  static std::vector<partyline::yaml_node> trees = [&] {
    std::vector<partyline::yaml_node> t;
    for (std::size_t k = 0; k < sizeof scenarios / sizeof scenarios[0]; ++k)
      t.push_back(partyline::parse_yaml_text(partyline::read_text_file(scenario_path(k), 1 << 20), scenario_path(k)));
    return t;
  }();
  try {
    partyline::yaml_node root = trees[data[0] % trees.size()];
    partyline::apply_overrides(root, sets, "--set");
    const partyline::frozen_scenario s = partyline::load_scenario_tree(root, opt);
    partyline::check_targets(*s);
  } catch (const partyline::scenario_error&) {
  } catch (const partyline::usage_error&) {
  }
  return 0;
}
