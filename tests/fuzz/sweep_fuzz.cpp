// libFuzzer harness for the sweep loader: any bytes, as a sweep file next to tests/data/tiny.yaml, must give a
// sweep or an error -- never a crash, hang, leak or out-of-memory.
#include <cstddef>
#include <cstdint>
#include <string>

#include "partyline/sweep/sweep.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  partyline::load_options opt;
  opt.yaml.max_bytes = 1 << 20;
  opt.yaml.max_nodes = 20'000;  // alias bombs are refused at this size just as at the default 2,000,000, faster
  opt.memory_budget_bytes = 256.0 * (1 << 20);
  partyline::sweep_limits lim;
  lim.max_points = 200;  // each point is a validated scenario: keep an input's work bounded
  lim.max_runs = 100'000;
  try {
    (void)partyline::load_sweep_text(std::string(reinterpret_cast<const char*>(data), size), "fuzz-sweep.yaml",
                                     PARTYLINE_SOURCE_DIR "/tests/data/sweeps", opt, lim);
  } catch (const partyline::scenario_error&) {
  } catch (const partyline::usage_error&) {
  }
  return 0;
}
