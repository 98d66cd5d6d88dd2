// Calibration across Open MPI ranks (see run_calibration_mpi in include/partyline/calibrate/calibration.hpp). Every
// rank runs ABC-SMC in step; each generation's particle slots are spread by the work queue shared with sweeps
// (partyline/work_queue.hpp): rank 0 hands them out in chunks on request (dynamic load balancing: a slot's cost is its
// number of proposals, which varies a lot) and computes slots on its own threads meanwhile; every slot's result is
// then broadcast to all ranks, which agree on the next generation. All MPI calls are made from each rank's main thread.
#include <mpi.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <numeric>

#include "partyline/error.hpp"
#include "partyline/work_queue.hpp"
#include "ranks.hpp"

namespace partyline {

namespace {

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
    // Flat: per generation its index, tolerance, simulations, moves accepted, replicates per particle (0 for the
    // importance sampler), then theta (column-major), weights, distances and the replicates' distances.
    std::vector<double> flat;
    for (const auto& g : done) {
      flat.insert(flat.end(), {static_cast<double>(g.index), g.tolerance, static_cast<double>(g.simulations), static_cast<double>(g.accepted),
                               static_cast<double>(g.replicates.cols())});
      flat.insert(flat.end(), g.theta.data(), g.theta.data() + g.theta.size());
      flat.insert(flat.end(), g.weight.data(), g.weight.data() + g.weight.size());
      flat.insert(flat.end(), g.distance.data(), g.distance.data() + g.distance.size());
      flat.insert(flat.end(), g.replicates.data(), g.replicates.data() + g.replicates.size());
    }
    broadcast(flat);
    const auto n = static_cast<Eigen::Index>(particles), k = static_cast<Eigen::Index>(parameters);
    done.clear();
    for (std::size_t at = 0; at + 5 <= flat.size();) {
      abc_generation g;
      g.index = static_cast<int>(flat[at]);
      g.tolerance = flat[at + 1];
      g.simulations = static_cast<long long>(flat[at + 2]);
      g.accepted = static_cast<long long>(flat[at + 3]);
      const auto m = static_cast<Eigen::Index>(flat[at + 4]);
      at += 5;
      g.theta = Eigen::Map<const Eigen::MatrixXd>(flat.data() + at, n, k);
      at += static_cast<std::size_t>(n * k);
      g.weight = Eigen::Map<const Eigen::VectorXd>(flat.data() + at, n);
      g.distance = Eigen::Map<const Eigen::VectorXd>(flat.data() + at + n, n);
      at += static_cast<std::size_t>(2 * n);
      if (m > 0) g.replicates = Eigen::Map<const Eigen::MatrixXd>(flat.data() + at, n, m);
      at += static_cast<std::size_t>(n * m);
      done.push_back(std::move(g));
    }
  };
  const std::function<void()> tick = rank == 0 ? spec.abc.on_particle : std::function<void()>{};
  r.run_slots = [&, tick](int slots, int width, const std::function<void(int, double*)>& compute, std::vector<double>& results) {
    const std::size_t bytes = static_cast<std::size_t>(width) * sizeof(double);
    // A slot's numbers as bytes, and back into its place in `results`.
    const work_queue::compute_fn slot = [&](long long s) {
      std::vector<double> out(static_cast<std::size_t>(width), std::numeric_limits<double>::quiet_NaN());
      compute(static_cast<int>(s), out.data());
      return std::string(reinterpret_cast<const char*>(out.data()), bytes);
    };
    if (rank == 0) {
      std::vector<long long> items(static_cast<std::size_t>(slots));
      std::iota(items.begin(), items.end(), 0LL);
      work_queue::lead_options lead;
      lead.cancel = spec.abc.cancel;
      lead.collect = [&](long long s, std::string&& result, bool remote) {
        double* to = results.data() + static_cast<std::size_t>(s) * static_cast<std::size_t>(width);
        std::memcpy(to, result.data(), std::min(bytes, result.size()));
        // A particle accepted here was counted as it was (abc_options::on_particle); one from another rank, now.
        if (remote && !std::isnan(to[width - 3]) && tick) tick();
      };
      work_queue::lead(ranks, items, slot, lead);
    } else {
      work_queue::follow(tbb::this_task_arena::max_concurrency(), slot);
    }
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
