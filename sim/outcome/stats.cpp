#include "partyline/outcome/stats.hpp"

#include <boost/math/distributions/beta.hpp>

#include <algorithm>
#include <cmath>

#include "partyline/random.hpp"
#include "partyline/outcome/summary.hpp"

namespace partyline {

namespace {

constexpr stream bootstrap_stream = static_cast<stream>(901);

}  // namespace

double percentile(std::vector<double>& v, double q) {
  if (v.empty()) return NAN;
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const auto hi = std::min(lo + 1, v.size() - 1);
  std::nth_element(v.begin(), v.begin() + static_cast<long>(lo), v.end());
  const double a = v[lo];
  std::nth_element(v.begin(), v.begin() + static_cast<long>(hi), v.end());
  const double b = v[hi];
  return a + (b - a) * (pos - static_cast<double>(lo));
}

namespace {

double resampled_mean(const Eigen::ArrayXd& x, const draw_stream& rng, std::uint64_t b) {
  const auto n = static_cast<std::uint64_t>(x.size());
  double sum = 0;
  for (std::uint64_t i = 0; i < n; ++i) sum += x[static_cast<Eigen::Index>(rng.bits(b, i % (1u << 20)) % n)];
  return sum / static_cast<double>(n);
}

}  // namespace

interval bootstrap_mean(const Eigen::ArrayXd& x, int resamples, std::uint64_t seed) {
  interval out;
  if (x.size() == 0) return out;
  out.estimate = x.mean();
  const draw_stream rng(seed, 0, 0, bootstrap_stream);
  std::vector<double> means(static_cast<std::size_t>(resamples));
  for (int b = 0; b < resamples; ++b) means[static_cast<std::size_t>(b)] = resampled_mean(x, rng, static_cast<std::uint64_t>(b));
  out.lo = percentile(means, 0.025);
  out.hi = percentile(means, 0.975);
  return out;
}

interval bootstrap_difference(const Eigen::ArrayXd& a, const Eigen::ArrayXd& b, int resamples, std::uint64_t seed) {
  interval out;
  if (a.size() == 0 || b.size() == 0) return out;
  out.estimate = b.mean() - a.mean();
  const draw_stream ra(seed, 1, 0, bootstrap_stream), rb(seed, 2, 0, bootstrap_stream);
  std::vector<double> diffs(static_cast<std::size_t>(resamples));
  for (int k = 0; k < resamples; ++k)
    diffs[static_cast<std::size_t>(k)] =
        resampled_mean(b, rb, static_cast<std::uint64_t>(k)) - resampled_mean(a, ra, static_cast<std::uint64_t>(k));
  out.lo = percentile(diffs, 0.025);
  out.hi = percentile(diffs, 0.975);
  return out;
}

interval clopper_pearson(long long k, long long n) {
  if (n <= 0) return {0, 0, 1};
  // The exact interval's bounds are quantiles of beta distributions (Clopper & Pearson 1934).
  const auto kk = static_cast<double>(k), nn = static_cast<double>(n);
  interval out;
  out.estimate = kk / nn;
  out.lo = k == 0 ? 0.0 : boost::math::quantile(boost::math::beta_distribution<>(kk, nn - kk + 1), 0.025);
  out.hi = k == n ? 1.0 : boost::math::quantile(boost::math::beta_distribution<>(kk + 1, nn - kk), 0.975);
  return out;
}

interval newcombe_difference(long long k1, long long n1, long long k2, long long n2) {
  double l1, u1, l2, u2;
  wilson_interval(k1, n1, l1, u1);
  wilson_interval(k2, n2, l2, u2);
  const double p1 = n1 > 0 ? static_cast<double>(k1) / static_cast<double>(n1) : 0.0;
  const double p2 = n2 > 0 ? static_cast<double>(k2) / static_cast<double>(n2) : 0.0;
  const double d = p2 - p1;
  return {d, d - std::sqrt((p2 - l2) * (p2 - l2) + (u1 - p1) * (u1 - p1)),
          d + std::sqrt((u2 - p2) * (u2 - p2) + (p1 - l1) * (p1 - l1))};
}

sobol_indices sobol_analysis(const Eigen::ArrayXd& fA, const Eigen::ArrayXd& fB, const Eigen::ArrayXXd& fC, int resamples,
                             std::uint64_t seed) {
  const Eigen::Index n = fA.size();
  const Eigen::Index k = fC.cols();
  sobol_indices out;
  auto estimate = [&](const std::vector<Eigen::Index>& rows, std::vector<double>& s1, std::vector<double>& st) {
    Eigen::ArrayXd a(static_cast<Eigen::Index>(rows.size())), b(a.size());
    for (Eigen::Index r = 0; r < a.size(); ++r) {
      a[r] = fA[rows[static_cast<std::size_t>(r)]];
      b[r] = fB[rows[static_cast<std::size_t>(r)]];
    }
    Eigen::ArrayXd both(2 * a.size());
    both << a, b;
    const double var = (both - both.mean()).square().mean();
    s1.assign(static_cast<std::size_t>(k), NAN);
    st.assign(static_cast<std::size_t>(k), NAN);
    if (var <= 0) return var;
    for (Eigen::Index i = 0; i < k; ++i) {
      Eigen::ArrayXd c(a.size());
      for (Eigen::Index r = 0; r < a.size(); ++r) c[r] = fC(rows[static_cast<std::size_t>(r)], i);
      s1[static_cast<std::size_t>(i)] = (b * (c - a)).mean() / var;               // Saltelli et al. (2010)
      st[static_cast<std::size_t>(i)] = 0.5 * (a - c).square().mean() / var;     // Jansen (1999)
    }
    return var;
  };
  std::vector<Eigen::Index> all(static_cast<std::size_t>(n));
  for (Eigen::Index r = 0; r < n; ++r) all[static_cast<std::size_t>(r)] = r;
  std::vector<double> s1, st;
  out.variance = estimate(all, s1, st);
  std::vector<std::vector<double>> b1(static_cast<std::size_t>(k)), bt(static_cast<std::size_t>(k));
  const draw_stream rng(seed, 3, 0, bootstrap_stream);
  std::vector<Eigen::Index> rows(static_cast<std::size_t>(n));
  std::vector<double> r1, rt;
  for (int b = 0; b < resamples; ++b) {
    for (Eigen::Index r = 0; r < n; ++r)
      rows[static_cast<std::size_t>(r)] = static_cast<Eigen::Index>(rng.bits(static_cast<std::uint64_t>(b), static_cast<std::uint64_t>(r) % (1u << 20)) % static_cast<std::uint64_t>(n));
    estimate(rows, r1, rt);
    for (Eigen::Index i = 0; i < k; ++i) {
      if (!std::isnan(r1[static_cast<std::size_t>(i)])) b1[static_cast<std::size_t>(i)].push_back(r1[static_cast<std::size_t>(i)]);
      if (!std::isnan(rt[static_cast<std::size_t>(i)])) bt[static_cast<std::size_t>(i)].push_back(rt[static_cast<std::size_t>(i)]);
    }
  }
  for (Eigen::Index i = 0; i < k; ++i) {
    const auto ii = static_cast<std::size_t>(i);
    out.first.push_back({s1[ii], percentile(b1[ii], 0.025), percentile(b1[ii], 0.975)});
    out.total.push_back({st[ii], percentile(bt[ii], 0.025), percentile(bt[ii], 0.975)});
  }
  return out;
}

}  // namespace partyline
