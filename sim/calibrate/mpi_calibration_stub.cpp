// Built when Open MPI is not available: a calibration runs in one process.
#include "partyline/calibrate/calibration.hpp"
#include "partyline/error.hpp"

namespace partyline {

calibrate_report run_calibration_mpi(const calibration_spec&, const std::filesystem::path&, bool,
                                     const std::function<void(const abc_generation&, double)>&) {
  throw usage_error("this partyline was built without MPI; install libopenmpi-dev (./setup.sh) and rebuild");
}

}  // namespace partyline
