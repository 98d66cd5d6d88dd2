#include "partyline/outcome/stats.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "partyline/random.hpp"
#include "partyline/sweep/sweep.hpp"

using namespace partyline;

TEST(Stats, ClopperPearsonKnownValues) {
  auto i = clopper_pearson(0, 10);
  EXPECT_DOUBLE_EQ(i.lo, 0.0);
  EXPECT_NEAR(i.hi, 0.3085, 1e-4);
  i = clopper_pearson(5, 10);
  EXPECT_NEAR(i.lo, 0.1871, 1e-4);
  EXPECT_NEAR(i.hi, 0.8129, 1e-4);
  i = clopper_pearson(10, 10);
  EXPECT_NEAR(i.lo, 0.6915, 1e-4);
  EXPECT_DOUBLE_EQ(i.hi, 1.0);
}

TEST(Stats, BootstrapMeanIntervalIsReproducibleAndSensible) {
  Eigen::ArrayXd x(400);
  const draw_stream rng(1, 0, 0, stream::R1);
  for (Eigen::Index i = 0; i < x.size(); ++i) x[i] = rng.normal(static_cast<std::uint64_t>(i));
  const interval a = bootstrap_mean(x, 2000, 5), b = bootstrap_mean(x, 2000, 5);
  EXPECT_EQ(a.lo, b.lo);
  EXPECT_EQ(a.hi, b.hi);
  // Close to the normal-theory interval: mean +- 1.96 sd / sqrt(n) (sd about 1).
  EXPECT_NEAR(a.hi - a.lo, 2 * 1.96 / 20.0, 0.03);
  EXPECT_LT(a.lo, a.estimate);
  EXPECT_GT(a.hi, a.estimate);
}

TEST(Stats, BootstrapDifferenceSeesAShift) {
  Eigen::ArrayXd a(300), b(300);
  const draw_stream rng(2, 0, 0, stream::R1);
  for (Eigen::Index i = 0; i < 300; ++i) {
    a[i] = rng.normal(static_cast<std::uint64_t>(i));
    b[i] = 1.0 + rng.normal(static_cast<std::uint64_t>(i) + 1000);
  }
  const interval d = bootstrap_difference(a, b);
  EXPECT_GT(d.lo, 0.7);
  EXPECT_LT(d.hi, 1.3);
}

TEST(Stats, NewcombeDifference) {
  // Newcombe (1998), example: 56/70 vs 48/80 -> difference 0.2, interval [0.0524, 0.3339] for p1 - p2.
  const interval d = newcombe_difference(48, 80, 56, 70);
  EXPECT_NEAR(d.estimate, 0.2, 1e-12);
  EXPECT_NEAR(d.lo, 0.0524, 1e-3);
  EXPECT_NEAR(d.hi, 0.3339, 1e-3);
}

// The Ishigami function (a = 7, b = 0.1) on [-pi, pi]^3 has analytic indices S1 = 0.314, 0.442, 0.000 and
// ST = 0.558, 0.442, 0.244. With 2^13 Saltelli base samples from the Sobol sequence, our estimators recover them
// within 0.02 (stated tolerance), and the bootstrap intervals cover the analytic values.
TEST(Sensitivity, IshigamiIndicesAreRecovered) {
  const std::size_t n = 8192, k = 3;
  const auto seq = sobol_sequence(n, 2 * k);
  auto ishigami = [](double x1, double x2, double x3) {
    return std::sin(x1) + 7.0 * std::sin(x2) * std::sin(x2) + 0.1 * std::pow(x3, 4) * std::sin(x1);
  };
  auto to_pi = [](double u) { return -std::numbers::pi + 2 * std::numbers::pi * u; };
  Eigen::ArrayXd fA(n), fB(n);
  Eigen::ArrayXXd fC(n, k);
  for (std::size_t j = 0; j < n; ++j) {
    double a[3], b[3];
    for (std::size_t i = 0; i < k; ++i) {
      a[i] = to_pi(seq[j * 2 * k + i]);
      b[i] = to_pi(seq[j * 2 * k + k + i]);
    }
    const auto jj = static_cast<Eigen::Index>(j);
    fA[jj] = ishigami(a[0], a[1], a[2]);
    fB[jj] = ishigami(b[0], b[1], b[2]);
    for (std::size_t i = 0; i < k; ++i) {
      double c[3] = {a[0], a[1], a[2]};
      c[i] = b[i];
      fC(jj, static_cast<Eigen::Index>(i)) = ishigami(c[0], c[1], c[2]);
    }
  }
  const sobol_indices si = sobol_analysis(fA, fB, fC, 300, 7);
  const double s1[] = {0.314, 0.442, 0.000}, st[] = {0.558, 0.442, 0.244};
  for (std::size_t i = 0; i < k; ++i) {
    EXPECT_NEAR(si.first[i].estimate, s1[i], 0.02) << "S1 of x" << i + 1;
    EXPECT_NEAR(si.total[i].estimate, st[i], 0.02) << "ST of x" << i + 1;
    EXPECT_LE(si.first[i].lo, s1[i] + 0.005);
    EXPECT_GE(si.first[i].hi, s1[i] - 0.005);
  }
}
