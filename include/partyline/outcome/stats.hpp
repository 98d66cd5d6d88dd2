#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 5
#error "partyline/outcome/stats.hpp belongs to stage 5 (outcome): a lower stage may not include it"
#endif
/// @brief Outcome statistics for sweeps and comparisons (Eigen): bootstrap intervals for means and differences,
/// exact (Clopper-Pearson) intervals for shares, Newcombe intervals for differences of shares, and Sobol'
/// sensitivity indices (Saltelli 2010 first order, Jansen 1999 total order) with bootstrap intervals.
#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace partyline {

struct interval {
  double estimate = 0;
  double lo = 0;
  double hi = 0;
};

/// The q-quantile of `v` by linear interpolation between order statistics (numpy's default, Hyndman-Fan type 7);
/// reorders `v`. NaN for no values.
[[nodiscard]] double percentile(std::vector<double>& v, double q);

/// Mean with a 95% percentile-bootstrap interval (`resamples` resamples, keyed by `seed`: reproducible).
[[nodiscard]] interval bootstrap_mean(const Eigen::ArrayXd& x, int resamples = 2000, std::uint64_t seed = 1);
/// Difference of means (b - a) with a 95% percentile-bootstrap interval, resampling each group independently.
[[nodiscard]] interval bootstrap_difference(const Eigen::ArrayXd& a, const Eigen::ArrayXd& b, int resamples = 2000,
                                            std::uint64_t seed = 1);
/// Share k/n with its exact 95% Clopper-Pearson interval.
[[nodiscard]] interval clopper_pearson(long long k, long long n);
/// Difference of shares (k2/n2 - k1/n1) with Newcombe's hybrid score 95% interval (method 10).
[[nodiscard]] interval newcombe_difference(long long k1, long long n1, long long k2, long long n2);

struct sobol_indices {
  std::vector<interval> first;  ///< S1 per input
  std::vector<interval> total;  ///< ST per input
  double variance = 0;
};

/// From model outputs on Saltelli's design: fA (n), fB (n), fC (n x k), fC column i = f(A with column i from B).
[[nodiscard]] sobol_indices sobol_analysis(const Eigen::ArrayXd& fA, const Eigen::ArrayXd& fB, const Eigen::ArrayXXd& fC,
                                           int resamples = 500, std::uint64_t seed = 1);

}  // namespace partyline
