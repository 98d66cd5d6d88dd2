// Built when Open MPI is not available: the sweep runs in one process (shards still work).
#include "partyline/error.hpp"
#include "partyline/sweep/distributed.hpp"

namespace partyline {

bool mpi_available() { return false; }

sweep_report run_sweep_mpi(const sweep_spec&, const std::filesystem::path&, const sweep_run_options&, int& rank,
                           int& ranks) {
  rank = 0;
  ranks = 1;
  throw usage_error("this partyline was built without MPI; install libopenmpi-dev (./setup.sh) and rebuild, or use --shard");
}

}  // namespace partyline
