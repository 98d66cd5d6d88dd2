// Calibration across Open MPI ranks (see run_calibration_mpi in include/partyline/calibrate/calibration.hpp). Every
// rank runs ABC-SMC in step; each generation's particle slots are handed out by rank 0 in chunks on request (dynamic
// load balancing: a slot's cost is its number of proposals, which varies a lot), rank 0 computing slots on its own
// threads meanwhile, and every slot's result is broadcast to all ranks, which then agree on the next generation. All
// MPI calls are made from each rank's main thread.
#include <mpi.h>
#include <tbb/blocked_range.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <atomic>
#include <cstdio>
#include <thread>

#include "partyline/error.hpp"
#include "ranks.hpp"

namespace partyline {

namespace {

constexpr int tag_request = 11, tag_work = 12, tag_result = 13;

/// Rank 0's side of a generation: local threads take slots from `next`; requests from other ranks take chunks of it.
void lead_generation(int ranks, int slots, int width, const std::function<void(int, double*)>& compute, std::vector<double>& results,
                     const std::atomic<bool>* cancel, const std::function<void()>& on_remote_particle) {
  std::atomic<int> next{0};
  std::atomic<bool> local_done{false};
  std::thread local([&] {
    const int lanes = tbb::this_task_arena::max_concurrency();
    tbb::parallel_for(0, lanes, [&](int) {
      for (int s = next.fetch_add(1); s < slots; s = next.fetch_add(1)) compute(s, results.data() + static_cast<std::size_t>(s) * width);
    });
    local_done = true;
  });
  int active = ranks - 1;  // ranks still asking for work in this generation
  long long owed = 0;      // slots handed out whose results have not arrived
  std::vector<double> buffer;
  while (active > 0 || owed > 0) {
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
    if (!flag) {
      std::this_thread::sleep_for(std::chrono::microseconds(200));
      continue;
    }
    if (status.MPI_TAG == tag_request) {
      int wanted = 0;
      MPI_Recv(&wanted, 1, MPI_INT, status.MPI_SOURCE, tag_request, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      int range[2] = {slots, slots};
      if (!(cancel && cancel->load())) {
        const int first = next.fetch_add(wanted);
        if (first < slots) range[0] = first, range[1] = std::min(slots, first + wanted);
      }
      MPI_Send(range, 2, MPI_INT, status.MPI_SOURCE, tag_work, MPI_COMM_WORLD);
      if (range[0] == range[1]) --active;
      owed += range[1] - range[0];
    } else if (status.MPI_TAG == tag_result) {
      int count = 0;
      MPI_Get_count(&status, MPI_DOUBLE, &count);
      buffer.resize(static_cast<std::size_t>(count));
      MPI_Recv(buffer.data(), count, MPI_DOUBLE, status.MPI_SOURCE, tag_result, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      const auto first = static_cast<int>(buffer[0]), last = static_cast<int>(buffer[1]);
      for (int s = first; s < last; ++s) {
        const double* slot = buffer.data() + 2 + static_cast<std::size_t>(s - first) * width;
        std::copy(slot, slot + width, results.data() + static_cast<std::size_t>(s) * width);
        if (!std::isnan(slot[width - 3]) && on_remote_particle) on_remote_particle();
      }
      owed -= last - first;
    }
  }
  local.join();
}

/// Another rank's side: ask for chunks (one request outstanding while a chunk is computed), compute, send.
void follow_generation(int width, const std::function<void(int, double*)>& compute) {
  int wanted = tbb::this_task_arena::max_concurrency();
  const auto request = [&] { MPI_Send(&wanted, 1, MPI_INT, 0, tag_request, MPI_COMM_WORLD); };
  const auto receive = [](int range[2]) { MPI_Recv(range, 2, MPI_INT, 0, tag_work, MPI_COMM_WORLD, MPI_STATUS_IGNORE); };
  int range[2];
  request();
  receive(range);
  std::vector<double> out;
  while (range[0] < range[1]) {
    request();
    const int first = range[0], last = range[1];
    out.assign(2 + static_cast<std::size_t>(last - first) * width, std::numeric_limits<double>::quiet_NaN());
    out[0] = first, out[1] = last;
    tbb::parallel_for(first, last, [&](int s) { compute(s, out.data() + 2 + static_cast<std::size_t>(s - first) * width); });
    MPI_Send(out.data(), static_cast<int>(out.size()), MPI_DOUBLE, 0, tag_result, MPI_COMM_WORLD);
    receive(range);
  }
}

void broadcast(std::vector<double>& v) {
  long long size = static_cast<long long>(v.size());
  MPI_Bcast(&size, 1, MPI_LONG_LONG, 0, MPI_COMM_WORLD);
  v.resize(static_cast<std::size_t>(size));
  MPI_Bcast(v.data(), static_cast<int>(size), MPI_DOUBLE, 0, MPI_COMM_WORLD);
}

}  // namespace

calibrate_report run_calibration_mpi(const calibration_spec& spec, const std::filesystem::path& dir, bool resume,
                                     const std::function<void(const abc_generation&, double)>& on_generation) {
  int provided = 0, rank = 0, ranks = 1;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  detail::calibration_ranks r;
  r.writer = rank == 0;
  bool agreed = false;
  r.agree = [&](std::string& failure) {
    std::vector<double> text(failure.begin(), failure.end());
    broadcast(text);
    failure.assign(text.begin(), text.end());
    agreed = failure.empty();
  };
  r.share = [](std::vector<abc_generation>& done, int particles, int parameters) {
    // Flat: per generation its index, tolerance, simulations, then theta (column-major), weights, distances.
    std::vector<double> flat;
    for (const auto& g : done) {
      flat.insert(flat.end(), {static_cast<double>(g.index), g.tolerance, static_cast<double>(g.simulations)});
      flat.insert(flat.end(), g.theta.data(), g.theta.data() + g.theta.size());
      flat.insert(flat.end(), g.weight.data(), g.weight.data() + g.weight.size());
      flat.insert(flat.end(), g.distance.data(), g.distance.data() + g.distance.size());
    }
    broadcast(flat);
    const auto n = static_cast<Eigen::Index>(particles), k = static_cast<Eigen::Index>(parameters);
    const std::size_t each = 3 + static_cast<std::size_t>(n * k + 2 * n);
    done.clear();
    for (std::size_t at = 0; at + each <= flat.size(); at += each) {
      abc_generation g;
      g.index = static_cast<int>(flat[at]);
      g.tolerance = flat[at + 1];
      g.simulations = static_cast<long long>(flat[at + 2]);
      g.theta = Eigen::Map<const Eigen::MatrixXd>(flat.data() + at + 3, n, k);
      g.weight = Eigen::Map<const Eigen::VectorXd>(flat.data() + at + 3 + n * k, n);
      g.distance = Eigen::Map<const Eigen::VectorXd>(flat.data() + at + 3 + n * k + n, n);
      done.push_back(std::move(g));
    }
  };
  const std::function<void()> tick = rank == 0 ? spec.abc.on_particle : std::function<void()>{};
  r.run_slots = [&, tick](int slots, int width, const std::function<void(int, double*)>& compute, std::vector<double>& results) {
    if (rank == 0)
      lead_generation(ranks, slots, width, compute, results, spec.abc.cancel, tick);
    else
      follow_generation(width, compute);
    broadcast(results);
  };
  calibrate_report report;
  try {
    report = detail::run_calibration_with(spec, dir, resume, on_generation, &r);
  } catch (const std::exception& e) {
    if (agreed) {
      // The other ranks are waiting on this one: say why and end the job.
      std::fprintf(stderr, "partyline: rank %d: %s\n", rank, e.what());
      MPI_Abort(MPI_COMM_WORLD, 1);
    }
    MPI_Finalize();
    throw;
  }
  MPI_Finalize();
  report.rank = rank;
  report.ranks = ranks;
  return report;
}

}  // namespace partyline
