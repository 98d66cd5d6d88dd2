#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 5
#error "partyline/outcome/summary.hpp belongs to stage 5 (outcome): a lower stage may not include it"
#endif
/// @brief Per-outcome statistics over runs: mean with a 95% confidence interval, and the share of runs in which
/// the outcome happened (> 0) with a 95% Wilson interval.
#include <string>
#include <vector>

#include "partyline/outcome/outcomes.hpp"

namespace partyline {

struct outcome_summary {
  std::string name;
  bool is_level = false;
  int runs = 0;
  double mean = 0, mean_lo = 0, mean_hi = 0;     ///< 95% CI of the mean (Student t)
  double share = 0, share_lo = 0, share_hi = 0;  ///< share of runs with a value > 0, 95% Wilson interval
  double min = 0, max = 0;
};

/// @brief 95% confidence interval of a mean from n values (Student t).
void mean_interval(const std::vector<double>& values, double& mean, double& lo, double& hi);
/// @brief 95% Wilson score interval for k successes out of n.
void wilson_interval(long long k, long long n, double& lo, double& hi);

[[nodiscard]] std::vector<outcome_summary> summarize_runs(const std::vector<run_result>& results);

/// @brief The terminal table: one line per outcome that happened, then the names of those that never did.
[[nodiscard]] std::string format_summary(const std::vector<outcome_summary>& rows);

}  // namespace partyline
