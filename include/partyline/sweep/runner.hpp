#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 8
#error "partyline/sweep/runner.hpp belongs to stage 8 (sweep): a lower stage may not include it"
#endif
/// @brief Running a sweep into its results store: every missing (point, replicate) run in parallel (oneTBB), each
/// seeded from (base seed, point) and its replicate, committed in transactions by one writer as runs finish.
#include <atomic>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "partyline/sweep/sweep.hpp"

namespace partyline {

struct sweep_run_options {
  bool resume = false;
  const std::atomic<bool>* cancel = nullptr;      ///< raised: start no more runs, commit those finished
  std::function<void(std::size_t already_done, std::size_t total)> on_start;  ///< before work starts
  std::function<void(std::size_t done_now)> on_run_done;  ///< progress (called from the writer thread)
  std::vector<std::pair<std::string, std::string>> manifest;  ///< extra manifest entries (version, command, ...)
  std::size_t shard_index = 0;  ///< run only runs with index % shard_count == shard_index
  std::size_t shard_count = 1;
};

struct sweep_report {
  std::size_t total = 0;         ///< runs in this sweep (or shard)
  std::size_t already_done = 0;  ///< found in the store when starting
  std::size_t ran = 0;           ///< run and committed now
  bool complete = false;
  double seconds = 0;
};

/// @brief Runs the sweep into DIR/results.sqlite. Throws usage_error for a used DIR (without resume), a store of
/// another sweep, or a write failure (the store stays consistent: only whole transactions land).
sweep_report run_sweep(const sweep_spec& spec, const std::filesystem::path& dir, const sweep_run_options& opt);

}  // namespace partyline
