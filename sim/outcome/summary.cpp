#include "partyline/outcome/summary.hpp"

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace partyline {

namespace {

/// The 97.5% quantile of Student's t with `df` degrees of freedom.
double t_quantile_975(int df) {
  if (df <= 0) return NAN;
  return boost::math::quantile(boost::math::students_t_distribution<>(df), 0.975);
}

/// The 97.5% quantile of the standard normal distribution.
double z_975() {
  static const double z = boost::math::quantile(boost::math::normal_distribution<>(), 0.975);
  return z;
}

}  // namespace

void mean_interval(const std::vector<double>& values, double& mean, double& lo, double& hi) {
  const auto n = static_cast<double>(values.size());
  mean = lo = hi = 0;
  if (values.empty()) return;
  double sum = 0;
  for (double v : values) sum += v;
  mean = sum / n;
  if (values.size() < 2) {
    lo = hi = mean;
    return;
  }
  double ss = 0;
  for (double v : values) ss += (v - mean) * (v - mean);
  const double se = std::sqrt(ss / (n - 1) / n);
  const double t = t_quantile_975(static_cast<int>(values.size()) - 1);
  lo = mean - t * se;
  hi = mean + t * se;
}

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

std::vector<outcome_summary> summarize_runs(const std::vector<run_result>& results) {
  std::vector<outcome_summary> rows;
  for (std::size_t k = 0; k < run_outcome_count; ++k) {
    outcome_summary s;
    s.name = std::string(run_outcome_info[k].name);
    s.is_level = run_outcome_info[k].is_level();
    s.runs = static_cast<int>(results.size());
    std::vector<double> v;
    v.reserve(results.size());
    long long happened = 0;
    for (const auto& r : results) {
      v.push_back(static_cast<double>(r.counters.values[k]));
      happened += r.counters.values[k] > 0;
    }
    mean_interval(v, s.mean, s.mean_lo, s.mean_hi);
    s.share = results.empty() ? 0.0 : static_cast<double>(happened) / static_cast<double>(results.size());
    wilson_interval(happened, static_cast<long long>(results.size()), s.share_lo, s.share_hi);
    if (!v.empty()) {
      s.min = *std::min_element(v.begin(), v.end());
      s.max = *std::max_element(v.begin(), v.end());
    }
    rows.push_back(s);
  }
  return rows;
}

std::string format_summary(const std::vector<outcome_summary>& rows) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "  %-32s %10s  %-23s %9s  %s\n", "outcome", "mean", "95% CI of mean", "happened",
                "range");
  out += line;
  std::string never;
  for (const auto& r : rows) {
    if (!r.is_level && r.max == 0) {
      never += (never.empty() ? "" : ", ") + r.name;
      continue;
    }
    char ci[64];
    std::snprintf(ci, sizeof ci, "[%.2f, %.2f]", r.mean_lo, r.mean_hi);
    char share[32];
    if (r.is_level)
      std::snprintf(share, sizeof share, "%9s", "-");
    else
      std::snprintf(share, sizeof share, "%8.1f%%", 100.0 * r.share);
    std::snprintf(line, sizeof line, "  %-32s %10.2f  %-23s %s  %g-%g\n", r.name.c_str(), r.mean, ci, share, r.min, r.max);
    out += line;
  }
  if (!never.empty()) out += "  never happened: " + never + "\n";
  return out;
}

}  // namespace partyline
