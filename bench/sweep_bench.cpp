// Sweep throughput: runs per second of `partyline sweep` on 1 and 2 threads, results store included.
// The 2-thread figure should be at least 1.8x the 1-thread one (README, "Performance").
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "partyline/sweep/runner.hpp"

using namespace partyline;

namespace {

const sweep_spec& spec() {
  static const sweep_spec s = [] {
    const auto dir = std::filesystem::temp_directory_path() / ("partyline-bench-sweep-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "sweep.yaml") << "scenario: " PARTYLINE_SOURCE_DIR "/scenarios/haringey-2018.yaml\n"
                                         "replicates: 24\nseed: 1\ndesign: grid\nparameters:\n"
                                         "  executive.centralism_mean: [0.4, 0.6]\n";
    return load_sweep_file(dir / "sweep.yaml");
  }();
  return s;
}

void BM_sweep_throughput(benchmark::State& state) {
  tbb::global_control gc(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(state.range(0)));
  const auto& s = spec();
  std::size_t runs = 0, iteration = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const auto out = std::filesystem::temp_directory_path() /
                     ("partyline-bench-sweep-out-" + std::to_string(getpid()) + "-" + std::to_string(iteration++));
    std::filesystem::remove_all(out);
    state.ResumeTiming();
    runs += run_sweep(s, out, {}).ran;
    state.PauseTiming();
    std::filesystem::remove_all(out);
    state.ResumeTiming();
  }
  state.counters["runs_per_second"] = benchmark::Counter(static_cast<double>(runs), benchmark::Counter::kIsRate);
  state.SetLabel(std::to_string(state.range(0)) + " thread(s), Haringey, " + std::to_string(s.runs()) + " runs per sweep");
}

}  // namespace

BENCHMARK(BM_sweep_throughput)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(5.0);
