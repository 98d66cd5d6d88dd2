// Sweeps over Open MPI ranks. Rank 0 owns the results store; the runs to do are spread by the work queue shared with
// calibration (partyline/work_queue.hpp): rank 0 hands out chunks of runs on request and computes runs on its own
// threads meanwhile, and commits every result to the store in batches. All MPI calls are made from each rank's main
// thread; runs inside a chunk use the rank's oneTBB threads.
#include <mpi.h>

#include <chrono>
#include <optional>

#include "partyline/error.hpp"
#include "partyline/sweep/distributed.hpp"
#include "partyline/work_queue.hpp"

namespace partyline {

namespace {

constexpr int chunk = 4;  ///< runs another rank asks for at a time

}  // namespace

bool mpi_available() { return true; }

sweep_report run_sweep_mpi(const sweep_spec& spec, const std::filesystem::path& dir, const sweep_run_options& opt,
                           int& rank, int& ranks) {
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  const work_queue::compute_fn compute = [&spec](long long index) {
    return serialize_run(spec.compute(static_cast<std::size_t>(index)));
  };
  sweep_report report;
  if (rank != 0) {
    int ok = 0;
    MPI_Bcast(&ok, 1, MPI_INT, 0, MPI_COMM_WORLD);
    if (ok) work_queue::follow(chunk, compute);
    MPI_Finalize();
    return report;
  }
  const auto started = std::chrono::steady_clock::now();
  std::optional<results_store> store;
  std::string failure;
  try {
    store.emplace(results_store::open_for_sweep(dir, spec.for_store(), opt.resume, opt.manifest));
  } catch (const usage_error& e) {
    failure = e.what();
  }
  int ok = failure.empty() ? 1 : 0;
  MPI_Bcast(&ok, 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (!ok) {
    MPI_Finalize();
    throw usage_error(failure);
  }
  const std::vector<char> done = store->done_runs(spec.points.size(), spec.replicates);
  std::vector<long long> todo;
  for (std::size_t i = 0; i < done.size(); ++i) {
    ++report.total;
    if (done[i])
      ++report.already_done;
    else
      todo.push_back(static_cast<long long>(i));
  }
  if (opt.on_start) opt.on_start(report.already_done, report.total);
  std::vector<stored_run> batch;
  auto last_commit = std::chrono::steady_clock::now();
  auto commit = [&](bool force) {
    if (batch.empty()) return;
    if (!force && batch.size() < 64 && std::chrono::steady_clock::now() - last_commit < std::chrono::milliseconds(500)) return;
    store->write(batch);
    report.ran += batch.size();
    if (opt.on_run_done) opt.on_run_done(batch.size());
    batch.clear();
    last_commit = std::chrono::steady_clock::now();
  };
  work_queue::lead_options lead;
  lead.cancel = opt.cancel;
  lead.collect = [&](long long, std::string&& bytes, bool) { batch.push_back(deserialize_run(bytes)); };
  lead.idle = [&] { commit(false); };
  work_queue::lead(ranks, todo, compute, lead);
  commit(true);
  MPI_Finalize();
  report.complete = report.already_done + report.ran == report.total;
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace partyline
