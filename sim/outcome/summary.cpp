#include "partyline/outcome/summary.hpp"

#include <Eigen/Core>
#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "partyline/outcome/stats.hpp"

namespace partyline {

namespace {

/// The 97.5% quantile of the standard normal distribution.
double z_975() {
  static const double z = boost::math::quantile(boost::math::normal_distribution<>(), 0.975);
  return z;
}

}  // namespace

void wilson_interval(long long k, long long n, double& lo, double& hi) {
  if (n <= 0) {
    lo = 0;
    hi = 1;
    return;
  }
  const double z = z_975();
  const double p = static_cast<double>(k) / static_cast<double>(n);
  const double nn = static_cast<double>(n);
  const double denom = 1 + z * z / nn;
  const double centre = (p + z * z / (2 * nn)) / denom;
  const double half = z * std::sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn)) / denom;
  lo = std::max(0.0, centre - half);
  hi = std::min(1.0, centre + half);
}

outcome_summary summarize_values(std::string name, bool is_level, std::vector<double> v, std::uint64_t seed) {
  outcome_summary s;
  s.name = std::move(name);
  s.is_level = is_level;
  s.runs = static_cast<int>(v.size());
  if (v.empty()) return s;
  long long happened = 0;
  for (double x : v) happened += x > 0;
  s.min = *std::min_element(v.begin(), v.end());
  s.max = *std::max_element(v.begin(), v.end());
  const Eigen::Map<const Eigen::ArrayXd> x(v.data(), static_cast<Eigen::Index>(v.size()));
  if (s.min == s.max) {
    s.mean = s.mean_lo = s.mean_hi = s.min;  // a constant: nothing to resample
  } else if (v.size() > bootstrap_max_runs) {
    // Past this many runs the percentile bootstrap equals the normal interval to the printed precision, and costs
    // 2,000 passes over the runs: use the normal interval, kept within the runs' values like the bootstrap's.
    s.mean = x.mean();
    const double sd = std::sqrt((x - s.mean).square().sum() / static_cast<double>(v.size() - 1));
    const double half = z_975() * sd / std::sqrt(static_cast<double>(v.size()));
    s.mean_lo = std::max(s.min, s.mean - half);
    s.mean_hi = std::min(s.max, s.mean + half);
  } else {
    const interval m = bootstrap_mean(x, 2000, seed);
    s.mean = m.estimate;
    s.mean_lo = m.lo;
    s.mean_hi = m.hi;
  }
  const interval sh = clopper_pearson(happened, static_cast<long long>(v.size()));
  s.share = sh.estimate;
  s.share_lo = sh.lo;
  s.share_hi = sh.hi;
  s.p05 = percentile(v, 0.05);
  s.p95 = percentile(v, 0.95);
  return s;
}

std::vector<outcome_summary> summarize_runs(const std::vector<run_result>& results) {
  std::vector<outcome_summary> rows;
  for (std::size_t k = 0; k < run_outcome_count; ++k) {
    std::vector<double> v;
    v.reserve(results.size());
    for (const auto& r : results) v.push_back(static_cast<double>(r.counters.values[k]));
    rows.push_back(summarize_values(std::string(run_outcome_info[k].name), run_outcome_info[k].is_level(), std::move(v), 17 + k));
  }
  return rows;
}

std::string format_summary(const std::vector<outcome_summary>& all, const std::vector<std::string>& focus) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "  %-32s %10s  %-23s %-19s %9s  %s\n", "outcome", "mean", "95% CI of mean",
                "runs 5-95%", "happened", "95% CI");
  out += line;
  // The focus outcomes first (in the order named), then the rest in the table's order.
  std::vector<const outcome_summary*> rows;
  for (const auto& name : focus)
    for (const auto& r : all)
      if (r.name == name && std::find(rows.begin(), rows.end(), &r) == rows.end()) rows.push_back(&r);
  const std::size_t focused = rows.size();
  for (const auto& r : all)
    if (std::find(rows.begin(), rows.end(), &r) == rows.end()) rows.push_back(&r);
  std::string never;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const outcome_summary& r = *rows[i];
    if (focused > 0 && i == 0) out += "  -- the outcomes the case's documented facts name --\n";
    if (focused > 0 && i == focused) out += "  -- the others --\n";
    if (!r.is_level && r.max == 0 && i >= focused) {  // a focus outcome is shown even when it never happened
      never += (never.empty() ? "" : ", ") + r.name;
      continue;
    }
    char ci[64];
    std::snprintf(ci, sizeof ci, "[%.2f, %.2f]", r.mean_lo, r.mean_hi);
    // The outcomes are counts: their runs' range in whole numbers (outward from the interpolated quantiles), one number
    // when it is one value.
    char spread[48];
    const double lo = std::floor(r.p05), hi = std::ceil(r.p95);
    if (lo == hi) std::snprintf(spread, sizeof spread, "%.0f", lo);
    else std::snprintf(spread, sizeof spread, "%.0f-%.0f", lo, hi);
    char share[64];
    if (r.is_level)
      std::snprintf(share, sizeof share, "%9s", "-");
    else
      std::snprintf(share, sizeof share, "%8.1f%%  [%.1f%%, %.1f%%]", 100.0 * r.share, 100.0 * r.share_lo, 100.0 * r.share_hi);
    std::snprintf(line, sizeof line, "  %-32s %10.2f  %-23s %-19s %s\n", r.name.c_str(), r.mean, ci, spread, share);
    out += line;
  }
  if (!never.empty()) out += "  never happened: " + never + "\n";
  return out;
}

}  // namespace partyline
