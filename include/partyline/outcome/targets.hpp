#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 5
#error "partyline/outcome/targets.hpp belongs to stage 5 (outcome): a lower stage may not include it"
#endif
/// @brief A scenario's targets (its documented facts) held against its runs: for each, the documented value and
/// range beside the simulated statistic and the range in which 90% of the runs fall (5-95%), and whether they meet.
/// Calibration (issue 17) fits the same targets; the distance of one target is |simulated - observed| / tolerance.
#include <string>
#include <vector>

#include "partyline/outcome/analysis.hpp"
#include "partyline/outcome/results.hpp"
#include "partyline/scenario/scenario.hpp"

namespace partyline {

/// @brief Checks every target names columns the runs have (runs.csv's, or with `council` the numeric columns of
/// councils.csv); scenario_error at the target's `outcome` otherwise. The scenario stage cannot know the outcome
/// columns, so every loader above it calls this.
void check_targets(const scenario& s);

/// @brief The columns a target's outcome names: "a + b" -> {"a", "b"}.
[[nodiscard]] std::vector<std::string> target_columns(const std::string& outcome);
/// @brief A target's tolerance: as written, or by default half its range's width, at least 0.25 for a share (one case's
/// fact: shown in most runs is reproduced) and 1 otherwise (outcomes are counts).
[[nodiscard]] double target_tolerance(const target_def& t);

/// @brief One row per target: name, label, outcome, council, statistic, observed, range_lo, range_hi, tolerance,
/// runs, simulated (the statistic over the runs), sim_p05, sim_p95 (the runs' 5-95% range of the value the
/// statistic reads: for a share, whether it happened, 0 or 1), inside (1 when the documented range meets the runs'
/// 5-95% range: the documented case is a plausible run), distance (|simulated - observed| / tolerance, 0 inside the
/// range), source. `runs` and `councils` are the tables of runs.csv and councils.csv (columns by name): a run set's
/// tables in memory (results.hpp), or as text (read from files).
/// A dated target (targets[].at) reads `checkpoints` (results.hpp: checkpoints_table); read from files, it has no runs.
[[nodiscard]] table_data target_table(const std::vector<target_def>& targets, const result_table& runs, const result_table& councils,
                                      const result_table& checkpoints = result_table{});
[[nodiscard]] table_data target_table(const std::vector<target_def>& targets, const table_data& runs, const table_data& councils);

/// @brief The same as lines for the run summary.
[[nodiscard]] std::string format_targets(const table_data& table);

}  // namespace partyline
