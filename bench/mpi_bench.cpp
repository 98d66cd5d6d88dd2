// Sweep throughput across Open MPI ranks on this machine: `mpirun -np R partyline sweep` for R = 1 and 2, each rank
// on one thread, wall time including MPI start-up (about 0.3 s), reported as runs per second.
#include <benchmark/benchmark.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

void BM_mpi_sweep(benchmark::State& state) {
  const auto ranks = state.range(0);
  const auto dir = std::filesystem::temp_directory_path() / ("partyline-bench-mpi-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "sweep.yaml") << "scenario: " PARTYLINE_SOURCE_DIR "/scenarios/haringey-2018.yaml\n"
                                       "replicates: 48\nseed: 1\ndesign: grid\nparameters:\n"
                                       "  executive.centralism_mean: [0.4, 0.6]\n";
  std::size_t runs = 0, iteration = 0;
  for (auto _ : state) {
    const auto out = dir / ("out-" + std::to_string(iteration++));
    const std::string cmd = std::string(PARTYLINE_MPIEXEC) +
                            " --allow-run-as-root --oversubscribe --mca btl_vader_single_copy_mechanism none -np " +
                            std::to_string(ranks) + " " PARTYLINE_BINARY " sweep " + (dir / "sweep.yaml").string() +
                            " --quiet --threads 1 --out " + out.string() + " > /dev/null 2>&1";
    const int raw = std::system(cmd.c_str());
    if (!WIFEXITED(raw) || WEXITSTATUS(raw) != 0) state.SkipWithError("mpirun failed");
    runs += 96;
    state.PauseTiming();
    std::filesystem::remove_all(out);
    state.ResumeTiming();
  }
  std::filesystem::remove_all(dir);
  state.counters["runs_per_second"] = benchmark::Counter(static_cast<double>(runs), benchmark::Counter::kIsRate);
  state.SetLabel(std::to_string(ranks) + " rank(s) x 1 thread, Haringey, 96 runs");
}

}  // namespace

BENCHMARK(BM_mpi_sweep)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
BENCHMARK_MAIN();
