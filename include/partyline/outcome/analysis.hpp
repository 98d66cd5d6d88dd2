#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 5
#error "partyline/outcome/analysis.hpp belongs to stage 5 (outcome): a lower stage may not include it"
#endif
/// @brief Analysing tables of runs (a sweep store's tables, a run folder's runs.csv): per-point summaries, the
/// difference between two sets of runs, Sobol' sensitivity indices. Columns are found by name, never by position.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace partyline {

/// @brief A table as text cells (NULL or missing as empty) under named columns.
struct table_data {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;

  /// The index of column `name`; std::invalid_argument naming it when the table has none.
  [[nodiscard]] std::size_t column(std::string_view name) const;
  /// Column `name` as numbers (an empty or non-numeric cell is NaN).
  [[nodiscard]] std::vector<double> numbers(std::string_view name) const;
  /// The rows whose column `name` equals `value`.
  [[nodiscard]] table_data where(std::string_view name, std::string_view value) const;
};

/// @brief Per point of a sweep (column `point`; `parameters` are its columns): each outcome's mean with a bootstrap
/// 95% interval and the share of runs in which it happened with an exact interval. At most `max_points` points
/// (0: all). With `outcomes`, only those (else every outcome that happened, and the levels).
[[nodiscard]] std::string summarize_points(const table_data& runs, const std::vector<std::string>& parameters,
                                           int max_points, const std::vector<std::string>& outcomes = {});

/// @brief The same per point and outcome as a table (docs/outcomes.md, "Statistics"): point, the parameters, outcome,
/// runs, mean, mean_lo, mean_hi, p05, p95, share, share_lo, share_hi (shares empty for levels).
[[nodiscard]] table_data summary_table(const table_data& runs, const std::vector<std::string>& parameters);

/// @brief The same wide: one row per point (point, the parameters), one column per outcome holding its mean over the
/// point's runs, for `outcomes` (empty: every outcome), in their order -- a sweep's point x outcome table for a
/// notebook or a paper.
[[nodiscard]] table_data wide_summary_table(const table_data& runs, const std::vector<std::string>& parameters,
                                            const std::vector<std::string>& outcomes);

/// @brief B - A per outcome as a table: outcome, runs_a, runs_b, mean_a, mean_b, difference, difference_lo,
/// difference_hi, p05_a, p95_a, p05_b, p95_b, share_a, share_b, share_difference_lo, share_difference_hi.
[[nodiscard]] table_data comparison_table(const table_data& a, const table_data& b);

/// @brief B - A per outcome: the difference of means (bootstrap interval) and of shares of runs (Newcombe interval).
[[nodiscard]] std::string compare_runs(const table_data& a, const std::string& label_a, const table_data& b,
                                       const std::string& label_b);

/// @brief First- and total-order Sobol' indices of every outcome that varies, from a Saltelli design: `points` has
/// columns point, sobol_block, sobol_row, sobol_param; `runs` has point and the outcomes; `inputs` names the ranged
/// parameters in order. std::invalid_argument when a point has no runs (an incomplete sweep).
/// @brief The same as a table, one row per varying outcome and input: outcome, variance, input, s1, s1_lo, s1_hi, st,
/// st_lo, st_hi, base_samples, too_few_samples (1 when an index falls outside [0, 1] or an interval is wider than
/// the index), samples_needed (base samples that would narrow the widest interval to +-0.05).
[[nodiscard]] table_data sensitivity_table(const table_data& points, const table_data& runs, const std::vector<std::string>& inputs);

[[nodiscard]] std::string sensitivity_report(const table_data& points, const table_data& runs,
                                             const std::vector<std::string>& inputs, const std::string& title);

/// @brief Whether a sweep input is a dummy: a parameter named `dummy` or `dummy.NAME`, sampled by the design like the
/// others and applied to nothing. Its effects are the outcome's Monte Carlo noise between points (each point runs
/// on its own seed), so a screen can show which inputs stand above that floor (Morris; Campolongo et al. 2007).
[[nodiscard]] bool is_dummy_input(std::string_view path);

/// @brief Morris elementary effects from a `design: morris` sweep (Morris 1991; mu* of Campolongo et al. 2007), one
/// row per varying outcome and input: outcome, input, mu (mean effect), mu_star (mean absolute effect) with its 95%
/// bootstrap interval (mu_star_lo, mu_star_hi), sigma (sd of the effects), trajectories. An effect is the change in
/// the outcome (its mean over replicates) per the input's whole range. `points` has point, sobol_block ('M'),
/// sobol_row (trajectory), sobol_param (the input moved) and the inputs' columns; std::invalid_argument when a
/// point has no runs or the points are not a Morris design's. Where the sweep has a dummy input (is_dummy_input), the
/// column above_noise says whether an input's mu* exceeds the upper end of the dummy's 95% interval (1) or not (0); the dummy's
/// own rows read "dummy", and without a dummy the column is empty.
[[nodiscard]] table_data morris_table(const table_data& points, const table_data& runs, const std::vector<std::string>& inputs,
                                      int levels);
/// @brief The same as text: per outcome the inputs by mu*, with the usual reading of mu* and sigma.
[[nodiscard]] std::string morris_report(const table_data& points, const table_data& runs, const std::vector<std::string>& inputs,
                                        int levels, const std::string& title);

}  // namespace partyline
