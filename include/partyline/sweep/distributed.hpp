#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 8
#error "partyline/sweep/distributed.hpp belongs to stage 8 (sweep): a lower stage may not include it"
#endif
/// @brief Sweeps beyond one process: Open MPI ranks with dynamic load balancing (rank 0 owns the store; the runs are
/// spread by the work queue shared with calibration, partyline/work_queue.hpp), and the merge of job-array shards
/// (`partyline sweep --shard K/N`) into one store.
#include <filesystem>
#include <string>
#include <vector>

#include "partyline/store/results_store.hpp"
#include "partyline/sweep/runner.hpp"

namespace partyline {

/// @brief A run's result as bytes and back (what MPI ranks send to rank 0).
[[nodiscard]] std::string serialize_run(const stored_run& run);
[[nodiscard]] stored_run deserialize_run(const std::string& bytes);

/// @brief True when this process was started by mpirun (Open MPI or PMIx environment), so MPI should be used.
[[nodiscard]] bool launched_by_mpi();

/// @brief Whether this binary was built with MPI.
[[nodiscard]] bool mpi_available();

/// @brief Runs the sweep across MPI ranks: every rank computes; rank 0 also hands out chunks of runs on request
/// and commits every result to DIR/results.sqlite. Call on every rank; only rank 0's report is meaningful.
/// Requires mpi_available(); MPI is initialised and finalised inside.
sweep_report run_sweep_mpi(const sweep_spec& spec, const std::filesystem::path& dir, const sweep_run_options& opt,
                           int& rank, int& ranks);

/// @brief Checks that `shards` are the complete shards 1..N of one sweep and writes their union to out/results.sqlite.
/// Returns the number of runs. usage_error on any mismatch, missing or incomplete shard.
std::size_t merge_shards(const std::vector<std::filesystem::path>& shards, const std::filesystem::path& out);

}  // namespace partyline
