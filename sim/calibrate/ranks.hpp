#pragma once
// Private to the calibrate stage: what a calibration needs from the processes it runs on. One process needs nothing
// (run_calibration); across MPI ranks (run_calibration_mpi) rank 0 owns the output folder and every rank runs ABC-SMC
// in step, each generation's particle slots spread over the ranks and every slot's result shared with all.
#include <functional>
#include <string>
#include <vector>

#include "partyline/calibrate/calibration.hpp"

namespace partyline::detail {

struct calibration_ranks {
  bool writer = true;  ///< rank 0: owns DIR, saves generations, prints progress
  /// Rank 0's failure to open DIR (empty: none) made every rank's, so all stop or all go on.
  std::function<void(std::string& failure)> agree;
  /// Rank 0's saved generations (a resumed calibration) made every rank's.
  std::function<void(std::vector<abc_generation>& done, int particles, int parameters)> share;
  abc_slot_runner run_slots;
};

/// The calibration run on `ranks` (nullptr: this process alone). Only the writer's report is complete.
calibrate_report run_calibration_with(const calibration_spec& spec, const std::filesystem::path& dir, bool resume,
                                      const std::function<void(const abc_generation&, double seconds)>& on_generation,
                                      const calibration_ranks* ranks);

}  // namespace partyline::detail
