// Sweeps over Open MPI ranks. Rank 0 owns the results store and hands out chunks of runs on request (dynamic load
// balancing); it also computes runs itself between messages, so two ranks on two cores use both. All MPI calls are
// made from each rank's main thread; runs inside a chunk use the rank's oneTBB threads.
#include <mpi.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <chrono>
#include <optional>
#include <thread>

#include "partyline/outcome/collect.hpp"
#include "partyline/error.hpp"
#include "partyline/sweep/distributed.hpp"

namespace partyline {

namespace {

constexpr int tag_request = 1, tag_work = 2, tag_result = 3;
constexpr std::size_t chunk = 4;

/// Receives a chunk of run indices from rank 0 (empty: no more work).
std::vector<long long> receive_work() {
  MPI_Status status;
  MPI_Probe(0, tag_work, MPI_COMM_WORLD, &status);
  int count = 0;
  MPI_Get_count(&status, MPI_LONG_LONG, &count);
  std::vector<long long> work(static_cast<std::size_t>(count));
  MPI_Recv(work.data(), count, MPI_LONG_LONG, 0, tag_work, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return work;
}

void request_work() {
  int dummy = 0;
  MPI_Send(&dummy, 1, MPI_INT, 0, tag_request, MPI_COMM_WORLD);
}

void worker(const sweep_spec& spec) {
  // One request stays outstanding while a chunk is computed, so rank 0's answer is waiting when it is done.
  request_work();
  std::vector<long long> work = receive_work();
  while (!work.empty()) {
    request_work();
    std::vector<std::string> out(work.size());
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, work.size(), 1), [&](const tbb::blocked_range<std::size_t>& r) {
      for (std::size_t i = r.begin(); i != r.end(); ++i) out[i] = serialize_run(spec.compute(static_cast<std::size_t>(work[i])));
    });
    for (const auto& bytes : out)
      MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, 0, tag_result, MPI_COMM_WORLD);
    work = receive_work();
  }
}

}  // namespace

bool mpi_available() { return true; }

sweep_report run_sweep_mpi(const sweep_spec& spec, const std::filesystem::path& dir, const sweep_run_options& opt,
                           int& rank, int& ranks) {
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  sweep_report report;
  if (rank != 0) {
    int ok = 0;
    MPI_Bcast(&ok, 1, MPI_INT, 0, MPI_COMM_WORLD);
    if (ok) worker(spec);
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
  std::size_t next = 0;
  int active = ranks - 1;      // workers still asking for work
  std::size_t in_flight = 0;   // runs handed out whose results have not arrived
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
  auto stopping = [&] { return opt.cancel && opt.cancel->load(std::memory_order_relaxed); };
  std::string buffer;
  while (true) {
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
    if (flag) {
      if (status.MPI_TAG == tag_request) {
        int dummy = 0;
        MPI_Recv(&dummy, 1, MPI_INT, status.MPI_SOURCE, tag_request, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        const std::size_t end = stopping() ? next : std::min(next + chunk, todo.size());
        MPI_Send(todo.data() + next, static_cast<int>(end - next), MPI_LONG_LONG, status.MPI_SOURCE, tag_work, MPI_COMM_WORLD);
        if (end == next) --active;
        in_flight += end - next;
        next = end;
      } else if (status.MPI_TAG == tag_result) {
        int bytes = 0;
        MPI_Get_count(&status, MPI_BYTE, &bytes);
        buffer.resize(static_cast<std::size_t>(bytes));
        MPI_Recv(buffer.data(), bytes, MPI_BYTE, status.MPI_SOURCE, tag_result, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        batch.push_back(deserialize_run(buffer));
        --in_flight;
      }
      commit(false);
      continue;
    }
    if (next < todo.size() && !stopping()) {
      batch.push_back(spec.compute(static_cast<std::size_t>(todo[next++])));  // rank 0 works too
      commit(false);
      continue;
    }
    if (active == 0 && in_flight == 0) break;  // every worker told to stop, every result received
    std::this_thread::sleep_for(std::chrono::microseconds(200));
    commit(false);
  }
  commit(true);
  MPI_Finalize();
  report.complete = report.already_done + report.ran == report.total;
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace partyline
