// libFuzzer harness for the calibration loader (issue 36 pt 6): any bytes, as a calibration file beside
// tests/data/calibration (its cases, priors, targets' tolerances, `from`), must give a calibration or an error --
// never a crash, hang, leak or out-of-memory. A calibration that loads is not run (its particles cost seconds).
#include <cstddef>
#include <cstdint>
#include <string>

#include "partyline/calibrate/calibration.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  partyline::load_options opt;
  opt.yaml.max_bytes = 1 << 20;
  opt.yaml.max_nodes = 20'000;  // alias bombs are refused at this size just as at the default, faster
  opt.memory_budget_bytes = 256.0 * (1 << 20);
  try {
    (void)partyline::load_calibration_text(std::string(reinterpret_cast<const char*>(data), size),
                                           PARTYLINE_SOURCE_DIR "/tests/data/calibration/fuzz.yaml", opt);
  } catch (const partyline::scenario_error&) {
  } catch (const partyline::usage_error&) {
  }
  return 0;
}
