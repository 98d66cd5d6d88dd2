// libFuzzer harness for the scenario loader: any bytes, as a scenario file, must give a scenario or a
// scenario_error / usage_error -- never a crash, a hang, a leak or an out-of-memory. Build with the `fuzz` preset;
// see the README's reliability section for the command.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "partyline/engine/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  partyline::load_options opt;
  opt.yaml.max_bytes = 1 << 20;
  opt.yaml.max_nodes = 20'000;  // alias bombs are refused at this size just as at the default 2,000,000, faster
  opt.memory_budget_bytes = 32.0 * (1 << 20);  // estimates above this are refused before allocation; keeps each input quick
  try {
    auto s = partyline::load_scenario_text(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.yaml", opt);
    // The emitter must handle whatever the loader accepted, and its output must load again; it is slow, so one
    // accepted input in eight (chosen by content, so reproducible) is checked.
    if (size > 0 && data[size / 2] % 8 == 0) (void)partyline::load_scenario_text(partyline::to_yaml(*s), "shown.yaml", opt);
  } catch (const partyline::scenario_error&) {
  } catch (const partyline::usage_error&) {
  }
  return 0;
}
