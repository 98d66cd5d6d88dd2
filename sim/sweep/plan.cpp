// Executing a run plan: a scenario's runs in memory, or a sweep into its store (threads, shards or MPI ranks).
#include "partyline/sweep/plan.hpp"

#include <tbb/global_control.h>
#include <tbb/info.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "partyline/engine/load.hpp"
#include "partyline/error.hpp"
#include "partyline/outcome/collect.hpp"
#include "partyline/outcome/results.hpp"
#include "partyline/outcome/story.hpp"
#include "partyline/outcome/targets.hpp"  // check_targets
#include "partyline/scenario/yaml_edit.hpp"
#include "partyline/store/csv.hpp"
#include "partyline/store/files.hpp"
#include "partyline/store/manifest.hpp"
#include "partyline/sweep/distributed.hpp"
#include "partyline/sweep/runner.hpp"

namespace partyline {

namespace {

/// The seats of a scenario's focus councils (a run's councillors.csv rows).
double focus_seats(const scenario& s) {
  double seats = 0;
  for (const council_def& c : s.councils)
    if (c.focus)
      for (const double n : c.seats.values) seats += n;
  return seats;
}

/// A scenario's runs stay in memory until they are written: refuse a plan whose results would not fit.
void check_results_budget(const run_plan& plan) {
  const scenario& s = *plan.scenario;
  const double per_run = 600.0 + 160.0 * static_cast<double>(s.councils.size()) + (plan.weekly ? 72.0 * s.weeks * static_cast<double>(1 + std::count_if(s.councils.begin(), s.councils.end(), [](const council_def& c) { return c.focus; })) : 0.0) +
                         (plan.events ? 4096.0 : 0.0) + (plan.agents ? 72.0 * focus_seats(s) : 0.0);
  const double need = per_run * plan.runs;
  const double budget = plan.results_budget_bytes > 0 ? plan.results_budget_bytes : default_memory_budget();
  if (need > budget)
    throw usage_error(std::to_string(plan.runs) + " runs of " + s.name + " would hold about " + human_bytes(need) +
                      " of results, more than the memory budget of " + human_bytes(budget) +
                      "; use fewer --runs, or `partyline sweep` (which stores runs as they finish)");
}

plan_report run_scenario(const run_plan& plan) {
  check_results_budget(plan);
  plan_report report;
  report.total = static_cast<std::size_t>(plan.runs);
  if (plan.on_start) plan.on_start(0, report.total);
  run_options opt;
  opt.runs = plan.runs;
  opt.seed = plan.seed;
  opt.weekly = plan.weekly;
  opt.events = plan.events;
  opt.agents = plan.agents;
  opt.cancel = plan.cancel;
  opt.per_run = plan.per_run;
  if (plan.on_progress) opt.on_run_done = [&](const run_result&) { plan.on_progress(1); };
  report.results = simulate_runs(plan.scenario, opt);
  report.ran = report.results.size();
  report.complete = report.ran == report.total;
  return report;
}

plan_report run_sweep_plan(const run_plan& plan) {
  sweep_run_options opt;
  opt.resume = plan.resume;
  opt.cancel = plan.cancel;
  opt.manifest = sweep_manifest(plan.command, plan.shard_index, plan.shard_count);
  opt.shard_index = plan.shard_index;
  opt.shard_count = plan.shard_count;
  opt.on_start = plan.on_start;
  opt.on_run_done = plan.on_progress;
  plan_report report;
  sweep_report sr;
  if (launched_by_mpi()) {
    if (plan.shard_count > 1) throw usage_error("--shard and mpirun are alternatives; use one");
    sr = run_sweep_mpi(*plan.sweep, plan.store, opt, report.rank, report.ranks);
  } else {
    sr = run_sweep(*plan.sweep, plan.store, opt);
  }
  report.total = sr.total;
  report.already_done = sr.already_done;
  report.ran = sr.ran;
  report.complete = sr.complete;
  return report;
}

}  // namespace

double estimate_run_seconds(const scenario& s) {
  // Measured on one thread (README, Performance; BM_one_big_council, members included): 220-320 ns a seat-week on one
  // axis and 0.8-2.3 us on three, from 1,000 to 100,000 seats; building 50-100 ns an agent. Taken with a margin of
  // about three (and far more at national size, 0.17 s a run), so that a plan over the budget is really too long.
  const memory_estimate est = estimate_world_memory(s);
  const double members = static_cast<double>(est.members), seats = static_cast<double>(est.seats);
  const double seat_week = s.axes.size() > 1 ? 6.0e-6 : 1.0e-6;
  return 3.0e-7 * (members + seats) + s.weeks * (6.0e-9 * members + seat_week * seats);
}

void check_time_budget(const run_plan& plan) {
  if (plan.time_budget_seconds < 0) return;
  const int threads = plan.threads > 0 ? plan.threads : tbb::info::default_concurrency();
  const double budget = plan.time_budget_seconds > 0 ? plan.time_budget_seconds : default_time_budget_seconds;
  double seconds = 0;
  std::string what;
  if (plan.scenario) {
    seconds = estimate_run_seconds(*plan.scenario) * plan.runs;
    what = std::to_string(plan.runs) + " run" + (plan.runs == 1 ? "" : "s") + " of " + plan.scenario->name;
  } else {
    const std::size_t runs = plan.sweep->runs() / plan.shard_count;
    for (std::size_t p = 0; p < plan.sweep->scenarios.size(); ++p)
      seconds += estimate_run_seconds(*plan.sweep->scenarios[p]) * plan.sweep->replicates;
    seconds /= static_cast<double>(plan.shard_count);
    what = "the sweep's " + std::to_string(runs) + " runs";
  }
  seconds /= std::max(1, threads);
  if (seconds <= budget) return;
  const auto hours = [](double s) {
    char buf[48];
    if (s < 60) std::snprintf(buf, sizeof buf, "%.0f seconds", s);
    else if (s < 3600) std::snprintf(buf, sizeof buf, "%.0f minutes", s / 60);
    else std::snprintf(buf, sizeof buf, "%.1f hours", s / 3600);
    return std::string(buf);
  };
  throw usage_error(what + " would take about " + hours(seconds) + " on " + std::to_string(threads) + " thread" +
                    (threads == 1 ? "" : "s") + " (a generous estimate from the scenario's seats, members and weeks), more " +
                    "than the time budget of " + hours(budget) + "; refused. Give a larger budget with --time-budget " +
                    "HOURS (0: no limit) if this is meant");
}

plan_report execute(const run_plan& plan) {
  if (static_cast<bool>(plan.scenario) == static_cast<bool>(plan.sweep))
    throw std::invalid_argument("a run plan runs either a scenario or a sweep");
  if (plan.shard_count < 1 || plan.shard_index >= plan.shard_count) throw usage_error("the shard must be K/N with 1 <= K <= N");
  const int threads = plan.threads > 0 ? plan.threads : tbb::info::default_concurrency();
  tbb::global_control gc(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  check_time_budget(plan);
  const auto started = std::chrono::steady_clock::now();
  plan_report report = plan.scenario ? run_scenario(plan) : run_sweep_plan(plan);
  report.threads = threads;
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

namespace {

void check_range(const char* name, long long value, long long lo, long long hi) {
  if (value < lo || value > hi)
    throw std::invalid_argument(std::string(name) + " must be between " + std::to_string(lo) + " and " +
                                std::to_string(hi) + ", got " + std::to_string(value));
}

}  // namespace

int effective_request_threads(const run_request& req) {
  return req.threads > 0 ? static_cast<int>(req.threads) : tbb::info::default_concurrency();
}

frozen_scenario prepare_request(const run_request& req, load_options opt) {
  // The CLI's option ranges (sim/app/main.cpp): a caller that bypasses Python's checks meets the same ones here.
  check_range("runs", req.runs, 1, max_request_runs);
  if (req.has_seed) check_range("seed", req.seed, 0, max_request_seed);
  check_range("threads", req.threads, 0, max_request_threads);
  opt.concurrent_runs = static_cast<int>(std::min<long long>(effective_request_threads(req), req.runs));
  yaml_node root = parse_yaml_text(req.text, req.label, opt.yaml);
  apply_overrides(root, req.overrides, "overrides");
  frozen_scenario scen = load_scenario_tree(root, opt);
  check_targets(*scen);
  return scen;
}

run_tables execute_request(const run_request& req, const frozen_scenario& scen, int threads, const std::atomic<bool>* cancel,
                           std::atomic<std::size_t>* finished) {
  run_plan plan;
  plan.scenario = scen;
  plan.seed = req.has_seed ? static_cast<std::uint64_t>(req.seed) : static_cast<std::uint64_t>(scen->seed);
  plan.runs = static_cast<int>(req.runs);
  plan.weekly = req.weekly;
  plan.events = req.events;
  plan.agents = req.agents;
  plan.threads = threads;
  plan.cancel = cancel;
  plan.per_run = req.per_run;
  if (finished != nullptr) plan.on_progress = [finished](std::size_t n) { finished->fetch_add(n, std::memory_order_relaxed); };
  const auto results = execute(plan).results;
  run_tables t;
  t.seed = plan.seed;
  t.tables = build_run_tables(*scen, results, plan.seed, {req.weekly, req.events, req.agents});
  if (!results.empty()) {
    // The story of a typical run, retold with its event log when the runs kept none (as `partyline run` does).
    const run_result& typical = results[typical_run(results, focus_outcomes(*scen)).index];
    t.typical_run = static_cast<std::size_t>(typical.run);
    try {
      t.story = req.events ? tell_story(*scen, typical, 20)
                           : tell_story(*scen, simulate_run(req.per_run.empty() ? scen : req.per_run[t.typical_run], plan.seed,
                                                            t.typical_run, false, true, cancel),
                                        20);
    } catch (const run_cancelled&) {
      t.story.clear();  // stopped: the runs are handed back without a story
    }
  }
  t.done = results.size();
  t.complete = static_cast<long long>(results.size()) == req.runs;
  return t;
}

}  // namespace partyline
