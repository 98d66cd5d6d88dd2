#pragma once
/// @brief The one MPI work queue, shared by sweeps (sweep/mpi_runner.cpp) and calibration (calibrate/
/// mpi_calibration.cpp): rank 0 hands out a list of work items in chunks to the ranks that ask and computes items on
/// its own threads meanwhile (dynamic load balancing: a run's or a particle's cost varies); every other rank asks for
/// a chunk, keeping one request outstanding while it computes the last on its threads, and sends the chunk's results
/// back. Every item's result reaches rank 0's calling thread. Items are numbers and results bytes: the queue knows
/// nothing of runs or particles, so it sits below the pipeline's stages (like random.hpp), and is built only with
/// Open MPI. Every MPI call is made from the calling thread (MPI_THREAD_FUNNELED); MPI must be initialised.
#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace partyline::work_queue {

/// Computes item `item`, its result as bytes. Called from this rank's oneTBB threads, concurrently.
using compute_fn = std::function<std::string(long long item)>;

struct lead_options {
  /// Each item's result, on the calling thread, as results arrive; `remote` when another rank computed it.
  std::function<void(long long item, std::string&& result, bool remote)> collect;
  /// Called on the calling thread while it waits for messages (every fraction of a millisecond): time to commit.
  std::function<void()> idle;
  /// Raised: hand out and start nothing more; what is in flight still arrives.
  const std::atomic<bool>* cancel = nullptr;
};

/// @brief Rank 0 of `ranks`: hands out `items` on request and computes them here too, until every item handed out
/// has come back and every other rank has been told there is no more. An exception from `collect` or `compute`
/// stops this rank's threads and is rethrown (the other ranks are left waiting: end the job).
void lead(int ranks, const std::vector<long long>& items, const compute_fn& compute, const lead_options& opt);

/// @brief Any other rank: asks rank 0 for up to `wanted` items at a time, computes them on this rank's threads and
/// sends their results, until rank 0 answers with none.
void follow(int wanted, const compute_fn& compute);

}  // namespace partyline::work_queue
