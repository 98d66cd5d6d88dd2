#include "partyline/outcome/summary.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace partyline;

TEST(Summary, WilsonIntervalKnownValues) {
  double lo, hi;
  wilson_interval(0, 10, lo, hi);
  EXPECT_DOUBLE_EQ(lo, 0.0);
  EXPECT_NEAR(hi, 0.2775, 1e-4);
  wilson_interval(50, 100, lo, hi);
  EXPECT_NEAR(lo, 0.4038, 1e-4);
  EXPECT_NEAR(hi, 0.5962, 1e-4);
}

TEST(Summary, IntervalsNeverLeaveTheFeasibleRange) {
  // Issue 18: a rare count gave [-0.00, 0.03] and a constant level [150.95, 151.01] under the old Student-t interval.
  std::vector<double> rare(100, 0.0);
  rare[3] = rare[50] = rare[97] = 1;
  const outcome_summary r = summarize_values("rare", false, rare, 1);
  EXPECT_NEAR(r.mean, 0.03, 1e-12);
  EXPECT_GE(r.mean_lo, 0.0);
  EXPECT_LE(r.mean_hi, 1.0);
  EXPECT_LT(r.mean_lo, r.mean);
  EXPECT_GT(r.mean_hi, r.mean);
  EXPECT_EQ(r.p05, 0);
  EXPECT_EQ(r.p95, 0);  // 95% of runs saw none
  EXPECT_NEAR(r.share_lo, 0.0062, 1e-4);  // Clopper-Pearson for 3 of 100
  EXPECT_NEAR(r.share_hi, 0.0852, 1e-4);
  const outcome_summary level = summarize_values("councils", true, std::vector<double>(50, 151.0), 1);
  EXPECT_EQ(level.mean_lo, 151.0);
  EXPECT_EQ(level.mean_hi, 151.0);
  std::vector<double> spread;
  for (int i = 0; i <= 100; ++i) spread.push_back(i);
  const outcome_summary s = summarize_values("spread", false, spread, 1);
  EXPECT_DOUBLE_EQ(s.p05, 5.0);  // type-7 quantiles of 0..100
  EXPECT_DOUBLE_EQ(s.p95, 95.0);
  EXPECT_LT(s.mean_hi - s.mean_lo, s.p95 - s.p05) << "the interval of the mean is narrower than the runs' range";
}

TEST(Summary, ManyRunsUseTheNormalIntervalTheBootstrapConvergesTo) {
  std::vector<double> v(bootstrap_max_runs + 1, 0.0);
  for (std::size_t i = 0; i < v.size(); i += 4) v[i] = 1;  // a quarter of the runs
  const outcome_summary many = summarize_values("many", false, v, 1);
  const double half = 1.959964 * std::sqrt(0.25 * 0.75) / std::sqrt(static_cast<double>(v.size()));
  EXPECT_NEAR(many.mean_hi - many.mean, half, 1e-4);
  EXPECT_NEAR(many.mean - many.mean_lo, half, 1e-4);
  v.resize(bootstrap_max_runs);  // the bootstrap, at the same size, agrees
  const outcome_summary boot = summarize_values("boot", false, v, 1);
  EXPECT_NEAR(boot.mean_hi - boot.mean_lo, 2 * half, 0.1 * 2 * half);
}

TEST(Summary, SharesCountRunsWhereTheOutcomeHappened) {
  std::vector<run_result> runs(4);
  runs[0].counters[run_outcome::backbench_letters] = 2;
  runs[1].counters[run_outcome::backbench_letters] = 1;
  const auto rows = summarize_runs(runs);
  const auto& letters = rows[static_cast<std::size_t>(run_outcome::backbench_letters)];
  EXPECT_EQ(letters.name, "backbench_letters");
  EXPECT_DOUBLE_EQ(letters.mean, 0.75);
  EXPECT_DOUBLE_EQ(letters.share, 0.5);
  EXPECT_DOUBLE_EQ(letters.max, 2);
  const std::string table = format_summary(rows);
  EXPECT_NE(table.find("backbench_letters"), std::string::npos);
  EXPECT_NE(table.find("never happened: requests"), std::string::npos);
}

// Issue 35 pt 4: the runs' range of a count is in whole numbers (17-22, not 17-21.05), and one number when it is one.
TEST(Summary, ACountsRangeIsInWholeNumbers) {
  std::vector<run_result> runs(20);
  for (std::size_t r = 0; r < runs.size(); ++r) {
    runs[r].counters[run_outcome::backbench_letters] = 17 + static_cast<std::int64_t>(r % 6);  // 17..22
    runs[r].counters[run_outcome::requests] = 3;
  }
  const std::string table = format_summary(summarize_runs(runs));
  const auto line_of = [&](const char* name) { return table.substr(table.find(name), table.find('\n', table.find(name)) - table.find(name)); };
  EXPECT_NE(line_of("backbench_letters").find(" 17-22 "), std::string::npos) << line_of("backbench_letters");
  EXPECT_NE(line_of("requests").find(" 3 "), std::string::npos) << line_of("requests");
  EXPECT_EQ(line_of("requests").find("3-3"), std::string::npos) << line_of("requests");
}
