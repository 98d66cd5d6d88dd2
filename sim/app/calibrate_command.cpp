// partyline calibrate: ABC-SMC against the cases' documented facts (issue 17).
#include <tbb/info.h>

#include <cstdio>
#include <memory>

#include "cli.hpp"
#include "partyline/calibrate/calibration.hpp"
#include "partyline/sweep/distributed.hpp"

namespace partyline::cli {

int cmd_calibrate(const std::string& file, const std::string& out, bool resume, int threads, bool quiet, const std::string& hold_out) {
  calibration_spec spec = load_calibration_file(file);
  for (const auto& w : spec.warnings) std::fprintf(stderr, "%s (warning)\n", w.c_str());
  if (!hold_out.empty()) hold_out_case(spec, hold_out);
  spec.abc.threads = threads;
  spec.abc.cancel = &g_stop;
  install_signal_handlers();
  // Under mpirun every rank runs this; only rank 0 talks (only it is told of generations), so the header waits for
  // the first generation there.
  const bool mpi = launched_by_mpi();
  bool said = quiet;
  const auto header = [&] {
    if (said) return;
    said = true;
    std::printf("partyline calibrate · %s%s · %zu case%s, %zu parameter%s · %s sampler, %d particles, up to %d generations · %d runs "
                "per case per particle\n",
                spec.name.c_str(), mpi ? " (MPI)" : "", spec.cases.size(), spec.cases.size() == 1 ? "" : "s", spec.priors.size(),
                spec.priors.size() == 1 ? "" : "s", name_of(spec.abc.sampler), spec.abc.particles, spec.abc.generations,
                spec.replicates);
    if (!spec.hold_out.empty()) std::printf("  holding out %s: fitted without it, its facts predicted (fit.csv)\n", spec.hold_out.c_str());
    std::fflush(stdout);
  };
  if (!mpi) header();
  // A progress bar per generation (particles accepted, rate, ETA) on a terminal; a line per finished generation.
  std::unique_ptr<progress_bar> bar;
  spec.abc.on_generation_start = [&](int, double) {
    header();
    bar = std::make_unique<progress_bar>(spec.abc.particles, !quiet, "particles");
  };
  spec.abc.on_particle = [&] { bar->tick(); };
  const auto on_generation = [&](const abc_generation& g, double seconds) {
    if (bar) bar->finish();
    if (quiet) return;
    std::printf("  generation %d: tolerance %.4g, %lld simulations (acceptance %.1f%%), effective sample %.0f of %lld, %.0f s\n",
                g.index, g.tolerance, g.simulations, 100 * g.acceptance(), g.ess(), static_cast<long long>(g.theta.rows()), seconds);
    std::fflush(stdout);
  };
  const calibrate_report report =
      mpi ? run_calibration_mpi(spec, out, resume, on_generation) : run_calibration(spec, out, resume, on_generation);
  if (bar) bar->finish();
  if (report.rank != 0) return exit_ok;
  if (!quiet && report.resumed_generations > 0)
    std::printf("  (resumed after %zu saved generation%s)\n", report.resumed_generations, report.resumed_generations == 1 ? "" : "s");
  if (!report.complete) {
    std::fprintf(stderr, "partyline: calibration stopped after %zu complete generation%s (saved); continue with:\n"
                         "  %spartyline calibrate %s --out %s --resume\n",
                 report.generations.size(), report.generations.size() == 1 ? "" : "s", mpi ? "mpirun ... " : "", file.c_str(), out.c_str());
    return exit_interrupted;
  }
  if (!quiet) {
    const abc_generation& last = report.generations.back();
    const Eigen::VectorXd mean = last.mean();
    const Eigen::MatrixXd cov = last.covariance();
    const std::string where = mpi ? " on " + std::to_string(report.ranks) + " MPI ranks" : std::string();
    std::printf("\n%s: %zu generations in %.1f s%s (stopped: %s); the posterior (weighted mean and sd of the last generation):\n",
                spec.name.c_str(), report.generations.size(), report.seconds, where.c_str(), describe(report.stopped_because));
    for (std::size_t p = 0; p < spec.priors.size(); ++p)
      std::printf("    %-44s %10.4g  sd %.4g\n", spec.priors[p].name.c_str(), mean[static_cast<Eigen::Index>(p)],
                  std::sqrt(cov(static_cast<Eigen::Index>(p), static_cast<Eigen::Index>(p))));
    std::printf("\n  outputs: %s/{posterior.csv,generations.csv,fit.csv,generations/}\n", out.c_str());
  }
  return exit_ok;
}

}  // namespace partyline::cli
