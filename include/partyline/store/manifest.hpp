#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 6
#error "partyline/store/manifest.hpp belongs to stage 6 (store): a lower stage may not include it"
#endif
/// @brief The one manifest writer. Every result set says where it came from in the same words (provenance:
/// partyline_version, git_commit, command), then what it holds: a run's manifest.json (run_manifest_json: the scenario,
/// seed, runs, its tables with their SHA-256 and rows, timings, the resolved scenario), a sweep's results store (its
/// manifest table: sweep_manifest's entries beside the design the store records itself).
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "partyline/store/files.hpp"

namespace partyline {

/// @brief A manifest's entries as (key, text), in order.
using manifest_entries = std::vector<std::pair<std::string, std::string>>;

/// @brief The time now, UTC, as an ISO timestamp: 2026-11-22T07:30:00Z.
[[nodiscard]] std::string utc_timestamp();

/// @brief Where a result set came from: partyline_version, git_commit, command (the command line, or what called).
[[nodiscard]] manifest_entries provenance(const std::string& command);

/// @brief A sweep's results store's entries beside its design: provenance, created_at, and shard (K/N, 1/1 for a
/// whole sweep), which `merge` checks.
[[nodiscard]] manifest_entries sweep_manifest(const std::string& command, std::size_t shard_index, std::size_t shard_count);

/// @brief What a run's manifest.json says of the run.
struct run_manifest {
  std::string command;
  std::string scenario_path;
  std::string scenario_text;  ///< the file as read: its SHA-256 identifies it
  std::string scenario_name;
  std::string resolved_scenario;  ///< the frozen scenario as YAML (every default resolved)
  std::uint64_t seed = 0;
  std::vector<std::string> sets;  ///< --set PATH=VALUE, in order
  int runs_requested = 0;
  std::size_t runs_completed = 0;
  bool complete = false;
  int threads = 1;
  bool weekly = false, events = false;
  std::string started_at;  ///< utc_timestamp() when the run started; it finished when the manifest is written
  double wall_seconds = 0;
  /// The typical run (outcome/story.hpp: typical_run over every finished run), whose story the report tells: its run
  /// id (-1: no run finished) and why it is typical, in words.
  int typical_run = -1;
  std::string typical_run_why;
  /// `--posterior DIR`: the calibration folder each run drew its coefficients from (empty: none), the generation
  /// drawn, its free parameters, and each run's particle (as the calibration numbered them), in run order.
  std::string posterior;
  int posterior_generation = -1;
  std::vector<std::string> posterior_parameters;
  std::vector<int> posterior_particles;
};

/// @brief A run's manifest.json: provenance, the scenario's path, SHA-256 and name, seed, set, runs requested and
/// completed, complete, threads, weekly, events, the typical run (typical_run, typical_run_why), the tables staged in
/// `tables` (files, and tables with SHA-256 and rows), timings, host and the resolved scenario.
[[nodiscard]] std::string run_manifest_json(const run_manifest& m, const std::vector<result_set_writer::table_entry>& tables);

/// @brief An export folder's manifest.json (`partyline export`): provenance, "kind": "export", the sweep folder it
/// was read from and its runs, "complete": true, and each table's SHA-256 and rows -- so `verify` checks an export as
/// it checks a run's result set.
[[nodiscard]] std::string export_manifest_json(const std::string& command, const std::string& source, long long source_runs,
                                               const std::vector<result_set_writer::table_entry>& tables);

}  // namespace partyline
