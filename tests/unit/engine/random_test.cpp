#include "partyline/random.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

using namespace partyline;

TEST(CounterRandom, SameKeySameDraw) {
  const draw_stream a(42, 3, 10, stream::R7), b(42, 3, 10, stream::R7);
  for (std::uint64_t e = 0; e < 100; ++e) EXPECT_EQ(a.bits(e, 2), b.bits(e, 2));
}

TEST(CounterRandom, EveryPartOfTheKeyMatters) {
  const draw_stream base(42, 3, 10, stream::R7);
  const std::uint64_t x = base.bits(5, 0);
  EXPECT_NE(x, draw_stream(43, 3, 10, stream::R7).bits(5, 0));  // seed
  EXPECT_NE(x, draw_stream(42, 4, 10, stream::R7).bits(5, 0));  // run
  EXPECT_NE(x, draw_stream(42, 3, 11, stream::R7).bits(5, 0));  // week
  EXPECT_NE(x, draw_stream(42, 3, 10, stream::R8).bits(5, 0));  // rule
  EXPECT_NE(x, base.bits(6, 0));                                // entity
  EXPECT_NE(x, base.bits(5, 1));                                // counter
}

TEST(CounterRandom, UniformsAreUniform) {
  // Chi-square over 20 bins of 200,000 draws across entities: 19 degrees of freedom, 99.9% critical value 43.8.
  const draw_stream s(1, 0, 0, stream::R8);
  std::array<int, 20> bins{};
  const int n = 200000;
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    const double u = s.uniform(static_cast<std::uint64_t>(i));
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    ++bins[static_cast<std::size_t>(u * 20)];
    sum += u;
  }
  double chi2 = 0;
  for (int b : bins) chi2 += (b - n / 20.0) * (b - n / 20.0) / (n / 20.0);
  EXPECT_LT(chi2, 43.8);
  EXPECT_NEAR(sum / n, 0.5, 0.003);
}

TEST(CounterRandom, NeighbouringEntitiesAreUncorrelated) {
  const draw_stream s(9, 1, 2, stream::R2);
  double sxy = 0, sx = 0, sy = 0, sxx = 0, syy = 0;
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    const double x = s.uniform(static_cast<std::uint64_t>(i)), y = s.uniform(static_cast<std::uint64_t>(i) + 1);
    sxy += x * y; sx += x; sy += y; sxx += x * x; syy += y * y;
  }
  const double r = (n * sxy - sx * sy) / std::sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
  EXPECT_LT(std::abs(r), 0.015);  // ~4.7 standard errors
}

TEST(CounterRandom, NormalsHaveUnitVariance) {
  const draw_stream s(5, 0, 0, stream::satisfaction);
  double sum = 0, sq = 0;
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    const double z = s.normal(static_cast<std::uint64_t>(i));
    sum += z;
    sq += z * z;
  }
  EXPECT_NEAR(sum / n, 0.0, 0.015);
  EXPECT_NEAR(sq / n, 1.0, 0.02);
}

TEST(CounterRandom, NormalsFollowTheStandardNormal) {
  // Kolmogorov-Smirnov against the standard normal's CDF over 200,000 draws across entities (1% critical value
  // 1.63 / sqrt(n)), and the two tails beyond 3 (expected 0.27% of draws, about 540; the ziggurat's tail is its own
  // algorithm, so this checks it too).
  const draw_stream s(7, 2, 3, stream::R5);
  const int n = 200000;
  std::vector<double> z(n);
  for (int i = 0; i < n; ++i) z[static_cast<std::size_t>(i)] = s.normal(static_cast<std::uint64_t>(i), 3);
  std::sort(z.begin(), z.end());
  double ks = 0;
  int beyond3 = 0;
  for (int i = 0; i < n; ++i) {
    const double x = z[static_cast<std::size_t>(i)];
    const double cdf = 0.5 * std::erfc(-x / std::sqrt(2.0));
    ks = std::max({ks, std::abs(cdf - static_cast<double>(i) / n), std::abs(cdf - static_cast<double>(i + 1) / n)});
    beyond3 += std::abs(x) > 3.0;
  }
  EXPECT_LT(ks, 1.63 / std::sqrt(static_cast<double>(n)));
  EXPECT_NEAR(beyond3, 540, 5 * std::sqrt(540.0));
}

TEST(CounterRandom, NormalsAtNeighbouringCountersAreIndependentDraws) {
  // normal(e, c) takes its bits from counters 2c and 2c+1 (and a private sequence after), so normal(e, c + 1) is a
  // fresh draw: uncorrelated, and never the same value.
  const draw_stream s(11, 0, 4, stream::R13);
  double sxy = 0, sx = 0, sy = 0, sxx = 0, syy = 0;
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    const double x = s.normal(static_cast<std::uint64_t>(i), 1), y = s.normal(static_cast<std::uint64_t>(i), 2);
    ASSERT_NE(x, y);
    sxy += x * y; sx += x; sy += y; sxx += x * x; syy += y * y;
  }
  const double r = (n * sxy - sx * sy) / std::sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
  EXPECT_LT(std::abs(r), 0.015);
}
