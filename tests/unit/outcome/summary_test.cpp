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

TEST(Summary, MeanIntervalUsesStudentT) {
  double m, lo, hi;
  mean_interval({1, 2, 3, 4, 5}, m, lo, hi);  // sd 1.5811, se 0.7071, t(4) 2.776
  EXPECT_DOUBLE_EQ(m, 3);
  EXPECT_NEAR(hi - m, 2.776 * 0.70711, 1e-3);
  EXPECT_NEAR(m - lo, hi - m, 1e-12);
  std::vector<double> big(1000, 0.0);
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<double>(i % 2);
  mean_interval(big, m, lo, hi);  // large n: z = 1.962
  EXPECT_NEAR(hi - m, 1.9623 * 0.5 * std::sqrt(1000.0 / 999.0) / std::sqrt(1000.0), 1e-4);
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
