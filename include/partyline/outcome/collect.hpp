#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 5
#error "partyline/outcome/collect.hpp belongs to stage 5 (outcome): a lower stage may not include it"
#endif
/// @brief Running a scenario and collecting its outcomes: one run week by week (the engine), its outcomes measured
/// by the tables of outcomes.hpp; many runs in parallel over the threads of the current oneTBB arena.
#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "partyline/outcome/outcomes.hpp"
#include "partyline/scenario/read.hpp"

namespace partyline {

struct run_options {
  int runs = 1;
  std::uint64_t seed = 1;
  int first_run = 0;          ///< run ids are first_run .. first_run + runs - 1
  bool weekly = false;        ///< collect weekly.csv rows
  bool events = false;        ///< collect the event log
  bool agents = false;        ///< collect the focus councils' seats at the start and the end (councillors.csv)
  /// Called (from worker threads, concurrently) after each run finishes; must be thread-safe.
  std::function<void(const run_result&)> on_run_done;
  const std::atomic<bool>* cancel = nullptr;  ///< when set to true, unstarted runs are skipped, runs in flight abandoned
  /// Each run's own scenario (run i: per_run[i - first_run]), when runs differ in their coefficients (a posterior's
  /// particles, `partyline run --posterior`); empty: every run uses the one scenario. Same structure, other values.
  std::vector<frozen_scenario> per_run;
};

/// @brief Builds and runs one run to the end; the result depends only on (scenario, seed, run). With `cancel` raised
/// part-way, throws run_cancelled at the run's next step (a long run is never waited for). `agents`: keep the focus
/// councils' seats at the start and the end (councillors.csv).
[[nodiscard]] run_result simulate_run(const frozen_scenario& scen, std::uint64_t seed, std::uint64_t run, bool weekly,
                                      bool events, const std::atomic<bool>* cancel = nullptr, bool agents = false);

/// @brief Runs `opt.runs` runs in parallel; results in run order. With a cancel flag raised part-way, only finished
/// runs are returned (still in run order).
[[nodiscard]] std::vector<run_result> simulate_runs(const frozen_scenario& scen, const run_options& opt);

}  // namespace partyline
