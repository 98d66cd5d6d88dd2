// Calibration throughput: particle simulations per second (each simulation runs every case of the calibration
// `replicates` times and reads its targets), for the shipped joint calibration (scenarios/calibration/joint.yaml)
// on 1 and 2 threads. With the particles, generations and acceptance rate this sizes a calibration's wall time.
#include <benchmark/benchmark.h>
#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include "partyline/calibrate/calibration.hpp"

using namespace partyline;

namespace {

const calibration_spec& spec() {
  static const calibration_spec s = load_calibration_file(PARTYLINE_SOURCE_DIR "/scenarios/calibration/joint.yaml");
  return s;
}

void BM_calibration_simulations(benchmark::State& state) {
  tbb::global_control gc(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(state.range(0)));
  const auto& s = spec();
  const Eigen::Index k = static_cast<Eigen::Index>(s.priors.size());
  constexpr int batch = 8;  // particles simulated at once, as a generation does
  std::uint64_t key = 1;
  double sink = 0;
  for (auto _ : state) {
    std::vector<double> d(batch);
    tbb::parallel_for(tbb::blocked_range<int>(0, batch), [&](const tbb::blocked_range<int>& r) {
      for (int i = r.begin(); i != r.end(); ++i) {
        Eigen::VectorXd theta(k);
        for (Eigen::Index p = 0; p < k; ++p) theta[p] = s.priors[static_cast<std::size_t>(p)].centre();
        d[static_cast<std::size_t>(i)] = calibration_distance(s, theta, key + static_cast<std::uint64_t>(i));
      }
    });
    key += batch;
    for (double x : d) sink += x;
  }
  benchmark::DoNotOptimize(sink);
  state.counters["simulations_per_s"] = benchmark::Counter(static_cast<double>(state.iterations()) * batch, benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK(BM_calibration_simulations)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
