#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 8
#error "partyline/sweep/plan.hpp belongs to stage 8 (sweep): a lower stage may not include it"
#endif
/// @brief A run plan: what to run (a scenario many times, or a sweep), with which seeds, how many runs or
/// replicates, which shard, on how many threads, within which budgets, resuming or not. One function executes it;
/// the command line, the MPI ranks and the Python module all call it.
#include <atomic>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "partyline/outcome/collect.hpp"
#include "partyline/outcome/results.hpp"
#include "partyline/sweep/sweep.hpp"

namespace partyline {

struct run_plan {
  // What: a scenario, run `runs` times with run ids 0.. and base seed `seed` (results kept in memory) ...
  frozen_scenario scenario;
  std::uint64_t seed = 1;
  int runs = 1;
  bool weekly = false;  ///< keep weekly rows
  bool events = false;  ///< keep the event log
  bool agents = false;  ///< keep the focus councils' seats (councillors.csv)
  std::vector<frozen_scenario> per_run;  ///< each run's own scenario (run_options::per_run); empty: `scenario` for all
  // ... or a sweep, every (point, replicate) committed to its results store as it finishes.
  std::shared_ptr<const sweep_spec> sweep;
  std::filesystem::path store;  ///< the sweep's output directory
  bool resume = false;          ///< complete the missing runs of this sweep's store
  std::size_t shard_index = 0;  ///< run only the runs with index % shard_count == shard_index
  std::size_t shard_count = 1;
  std::string command;  ///< what ran the sweep (the command line, or the caller), recorded in the store's manifest

  // How.
  int threads = 0;                  ///< worker threads (0: all cores); results never depend on it
  double results_budget_bytes = 0;  ///< a scenario's runs held in memory may not exceed this (0: half of RAM)
  /// The plan's estimated run time (estimate_run_seconds x its runs, over its threads) may not exceed this
  /// (0: default_time_budget_seconds; negative: no limit).
  double time_budget_seconds = 0;
  const std::atomic<bool>* cancel = nullptr;  ///< raised: start no more runs, keep (commit) those finished
  /// Told once, before work starts: runs already done (a resumed sweep) and the plan's total.
  std::function<void(std::size_t already_done, std::size_t total)> on_start;
  /// Told as runs finish (from a worker or the writer thread): how many more.
  std::function<void(std::size_t finished)> on_progress;
};

/// @brief 24 hours: work estimated to take longer is refused unless a larger budget is given (`--time-budget`).
inline constexpr double default_time_budget_seconds = 24.0 * 3600.0;

/// @brief A generous estimate of one run's seconds on one thread (building the world and every week), from the
/// scenario's sizes: a cost per member-week, per seat-week (higher on more than one axis, where R16 weighs
/// confidants over every axis) and per agent built, fitted with margin to `BM_one_big_council` and
/// `BM_national_run` (README, Performance). Used to refuse absurd plans before they start.
[[nodiscard]] double estimate_run_seconds(const scenario& s);

/// @brief Refuses (usage_error) a plan whose estimated run time, over its threads, exceeds its time budget, with the
/// estimate and how to raise the budget. execute() calls it; a caller may call it first (before claiming a folder).
void check_time_budget(const run_plan& plan);

struct plan_report {
  std::size_t total = 0;         ///< runs in the plan (a sweep's shard)
  std::size_t already_done = 0;  ///< found done when starting (resumed sweeps)
  std::size_t ran = 0;           ///< run now
  bool complete = false;
  double seconds = 0;
  int threads = 1;
  int rank = 0, ranks = 1;       ///< MPI: only rank 0 reports the sweep
  std::vector<run_result> results;  ///< a scenario's runs, in run order (sweeps store theirs)
};

/// @brief A scenario's runs as a library caller (the Python module) asks for them: the scenario's text and
/// arguments that are not yet trusted. Checked exactly as the CLI checks its options.
struct run_request {
  std::string text;   ///< the scenario (YAML, or JSON from a dict)
  std::string label;  ///< names the scenario in error messages ("<scenario dict>", a path)
  long long runs = 100;
  bool has_seed = false;
  long long seed = 0;  ///< used when has_seed; else the scenario's
  long long threads = 0;
  std::vector<std::pair<std::string, std::string>> overrides;  ///< dotted path, YAML value text
  bool weekly = false, events = false, agents = false;
  /// Each run's own scenario (a posterior's particles, built by the caller: run_options::per_run); empty: one for all.
  std::vector<frozen_scenario> per_run;
};
/// Limits of a request's arguments: the CLI's option ranges.
inline constexpr long long max_request_runs = 10'000'000;
inline constexpr long long max_request_seed = 9'000'000'000'000'000'000LL;
inline constexpr long long max_request_threads = 1024;

/// @brief The tables of a request's runs, as `partyline run` writes them, typed (the Python module hands their columns
/// to pandas as arrays, never as CSV text to be parsed back).
struct run_tables {
  run_set_tables tables;      ///< runs, councils, targets; weekly, events, decisions, councillors when asked for
  std::string story;          ///< the story of a typical run, as the run summary tells it (20 lines at most, as by default)
  std::size_t typical_run = 0;  ///< the run the story tells
  std::uint64_t seed = 0;
  std::size_t done = 0;
  bool complete = false;
};

/// @brief Checks a request's arguments (std::invalid_argument naming the argument and its range) and loads its
/// scenario with the overrides applied (scenario_error with file:line:col: key.path). `opt.concurrent_runs` is
/// set from the request.
[[nodiscard]] frozen_scenario prepare_request(const run_request& req, load_options opt = {});
/// @brief Runs a prepared request on `threads` threads (from effective_request_threads).
/// `finished`, when given, counts the runs as they finish (a caller's progress bar reads it from another thread).
[[nodiscard]] run_tables execute_request(const run_request& req, const frozen_scenario& scen, int threads,
                                         const std::atomic<bool>* cancel, std::atomic<std::size_t>* finished = nullptr);
/// @brief The threads a request runs on (0: all cores).
[[nodiscard]] int effective_request_threads(const run_request& req);

/// @brief Executes the plan. A sweep started by mpirun is spread over the MPI ranks (rank 0 owns the store).
/// Throws usage_error for a plan that does not fit its budgets, a store it may not use, or a failed write.
plan_report execute(const run_plan& plan);

}  // namespace partyline
