#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 5
#error "partyline/outcome/summary.hpp belongs to stage 5 (outcome): a lower stage may not include it"
#endif
/// @brief Per-outcome statistics over runs, by the one documented method (docs/outcomes.md, "Statistics") that
/// `run`, `summarize`, `compare` and the Python module share: the mean with its 95% percentile-bootstrap interval
/// (2,000 resamples, reproducible; it lies within the runs' values, so never outside the outcome's feasible range),
/// the 5-95% range of the runs themselves (type-7 quantiles), and the share of runs in which the outcome happened
/// (> 0) with its exact Clopper-Pearson 95% interval.
#include <cstdint>
#include <string>
#include <vector>

#include "partyline/outcome/outcomes.hpp"

namespace partyline {

struct outcome_summary {
  std::string name;
  bool is_level = false;
  int runs = 0;
  double mean = 0, mean_lo = 0, mean_hi = 0;     ///< 95% percentile-bootstrap interval of the mean
  double p05 = 0, p95 = 0;                       ///< the 5% and 95% quantiles of the runs' values
  double share = 0, share_lo = 0, share_hi = 0;  ///< share of runs with a value > 0, exact (Clopper-Pearson) 95% interval
  double min = 0, max = 0;
};

/// Above this many runs the interval of the mean is the normal one (mean +- 1.96 sd / sqrt(n), within the runs'
/// values), which the percentile bootstrap equals at that size; a constant outcome's interval is the constant.
inline constexpr std::size_t bootstrap_max_runs = 20'000;

/// @brief The statistics of one outcome's values over runs (bootstrap resamples keyed by `seed`).
[[nodiscard]] outcome_summary summarize_values(std::string name, bool is_level, std::vector<double> values, std::uint64_t seed);

/// @brief 95% Wilson score interval for k successes out of n (used by Newcombe's difference of shares).
void wilson_interval(long long k, long long n, double& lo, double& hi);

[[nodiscard]] std::vector<outcome_summary> summarize_runs(const std::vector<run_result>& results);

/// @brief The terminal table: one line per outcome that happened, then the names of those that never did.
/// `focus`: outcomes to show first, under their own heading (a case's: those its documented facts name), the
/// others after them; empty: every outcome in the table's order.
[[nodiscard]] std::string format_summary(const std::vector<outcome_summary>& rows, const std::vector<std::string>& focus = {});

}  // namespace partyline
