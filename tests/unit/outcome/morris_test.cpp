// Morris elementary effects (outcome/analysis): on a design whose outcomes are known functions of the inputs.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "partyline/outcome/analysis.hpp"
#include "partyline/outcome/outcomes.hpp"

using namespace partyline;

namespace {

// Four trajectories over inputs a in [0, 10] and b in [0, 1], 4 levels (a step of 2/3 of a range), as unit
// coordinates: each trajectory's points and which input moved to reach each point after the first.
struct trajectory {
  std::vector<std::pair<double, double>> unit;  // (a, b) in [0, 1]
  std::vector<int> moved;                        // input moved to reach point m (m >= 1)
};
const std::vector<trajectory> design{
    {{{0, 0}, {2.0 / 3, 0}, {2.0 / 3, 2.0 / 3}}, {0, 1}},
    {{{1, 1.0 / 3}, {1, 1}, {1.0 / 3, 1}}, {1, 0}},
    {{{1.0 / 3, 2.0 / 3}, {1, 2.0 / 3}, {1, 0}}, {0, 1}},
    {{{0, 1}, {0, 1.0 / 3}, {2.0 / 3, 1.0 / 3}}, {1, 0}},
};

std::string num(double v) { return std::to_string(v); }

// The outcomes: requests = 3 a (a in its own units: 30 per a's whole range), interventions = 6 ua ub (an
// interaction), protest_letters = -5 ub. Two replicates per point, +-1 around the value, so the mean is exact.
void make_tables(table_data& points, table_data& runs) {
  points.columns = {"point", "seed", "sobol_block", "sobol_row", "sobol_param", "a", "b"};
  runs.columns = {"point", "replicate", "seed"};
  for (const auto& info : run_outcome_info) runs.columns.emplace_back(info.name);
  int point = 0;
  for (std::size_t t = 0; t < design.size(); ++t)
    for (std::size_t m = 0; m < design[t].unit.size(); ++m, ++point) {
      const auto [ua, ub] = design[t].unit[m];
      points.rows.push_back({std::to_string(point), "1", "M", std::to_string(t), m == 0 ? "" : std::to_string(design[t].moved[m - 1]),
                             num(10 * ua), num(ub)});
      for (int rep = 0; rep < 2; ++rep) {
        std::vector<std::string> row{std::to_string(point), std::to_string(rep), "1"};
        const double noise = rep == 0 ? 1 : -1;
        for (const auto& info : run_outcome_info) {
          double v = 0;
          if (info.name == "requests") v = 3 * 10 * ua + noise;
          if (info.name == "interventions") v = 6 * ua * ub + noise;
          if (info.name == "protest_letters") v = -5 * ub + noise;
          row.push_back(num(v));
        }
        runs.rows.push_back(std::move(row));
      }
    }
}

const std::vector<std::string>* find_row(const table_data& t, const std::string& outcome, const std::string& input) {
  for (const auto& r : t.rows)
    if (r[0] == outcome && r[1] == input) return &r;
  return nullptr;
}

double at(const std::vector<std::string>& row, const table_data& t, const char* column) {
  return std::stod(row[t.column(column)]);
}

}  // namespace

TEST(Morris, ElementaryEffectsOfKnownFunctions) {
  table_data points, runs;
  make_tables(points, runs);
  const table_data t = morris_table(points, runs, {"a", "b"}, 4);
  ASSERT_EQ(t.columns, (std::vector<std::string>{"outcome", "input", "mu", "mu_star", "mu_star_lo", "mu_star_hi", "sigma",
                                                 "trajectories", "above_noise"}));
  // Linear in a: every effect is 30 per a's whole range; b does nothing.
  const auto* ra = find_row(t, "requests", "a");
  const auto* rb = find_row(t, "requests", "b");
  ASSERT_TRUE(ra && rb);
  EXPECT_NEAR(at(*ra, t, "mu"), 30, 1e-4);
  EXPECT_NEAR(at(*ra, t, "mu_star"), 30, 1e-4);
  EXPECT_NEAR(at(*ra, t, "sigma"), 0, 1e-4);
  EXPECT_NEAR(at(*rb, t, "mu_star"), 0, 1e-9);
  EXPECT_EQ((*ra)[7], "4");
  // A negative effect: mu keeps the sign, mu* does not.
  const auto* pb = find_row(t, "protest_letters", "b");
  ASSERT_TRUE(pb);
  EXPECT_NEAR(at(*pb, t, "mu"), -5, 1e-4);
  EXPECT_NEAR(at(*pb, t, "mu_star"), 5, 1e-4);
  // The interaction 6 ua ub: b's effect is 6 ua at each trajectory's a (2/3, 1, 1, 0): mu* 4, sigma sqrt(8).
  const auto* ib = find_row(t, "interventions", "b");
  ASSERT_TRUE(ib);
  EXPECT_NEAR(at(*ib, t, "mu_star"), 4, 1e-4);
  EXPECT_NEAR(at(*ib, t, "sigma"), std::sqrt(8.0), 1e-4);
  EXPECT_LE(at(*ib, t, "mu_star_lo"), 4);
  EXPECT_GE(at(*ib, t, "mu_star_hi"), 4);
  // Outcomes no input moves are left out.
  EXPECT_EQ(find_row(t, "backbench_letters", "a"), nullptr);
  // The report ranks inputs by mu* and reads sigma against it.
  const std::string report = morris_report(points, runs, {"a", "b"}, 4, "test");
  EXPECT_NE(report.find("from 4 trajectories x 2 inputs, 4 levels"), std::string::npos) << report;
  // sigma / mu*: 0 for a's linear effect, sqrt(8) / 4 = 0.71 for b's interaction.
  EXPECT_NE(report.find("linear"), std::string::npos) << report;
  EXPECT_NE(report.find("almost monotonic"), std::string::npos) << report;
  EXPECT_NE(report.find("negligible"), std::string::npos) << report;
  // Without a dummy input there is no noise floor to read against, and the report says how to add one.
  EXPECT_EQ((*ra)[8], "");
  EXPECT_NE(report.find("no dummy input"), std::string::npos) << report;
}

TEST(Morris, ADummyInputSetsTheNoiseFloorThatARealEffectStandsAbove) {
  // Three inputs over [0, 1]: a moves `requests` by 3 per whole range, b and the dummy move nothing; every point
  // carries its own noise (uniform in +-1, as a point's own seed gives), so b's and the dummy's effects are noise
  // alone. 40 trajectories, 4 levels.
  const std::vector<std::string> inputs{"a", "b", "dummy"};
  table_data points, runs;
  points.columns = {"point", "seed", "sobol_block", "sobol_row", "sobol_param", "a", "b", "dummy"};
  runs.columns = {"point", "replicate", "seed"};
  for (const auto& info : run_outcome_info) runs.columns.emplace_back(info.name);
  std::uint64_t state = 12345;
  auto next = [&state] {  // a fixed linear congruential sequence: the same tables every time
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / 9007199254740992.0;
  };
  const double step = 2.0 / 3;
  int point = 0;
  for (int t = 0; t < 40; ++t) {
    std::vector<double> x(3);
    for (double& v : x) v = std::floor(next() * 4) / 3;
    std::vector<int> order{0, 1, 2};
    for (int m = 2; m > 0; --m) std::swap(order[m], order[static_cast<int>(next() * (m + 1))]);
    for (int m = 0; m <= 3; ++m, ++point) {
      if (m > 0) {
        double& v = x[order[m - 1]];
        v = v + step <= 1 + 1e-12 ? v + step : v - step;
      }
      points.rows.push_back({std::to_string(point), "1", "M", std::to_string(t), m == 0 ? "" : std::to_string(order[m - 1]),
                             num(x[0]), num(x[1]), num(x[2])});
      std::vector<std::string> row{std::to_string(point), "0", "1"};
      const double noise = 2 * next() - 1;
      for (const auto& info : run_outcome_info) row.push_back(num(info.name == "requests" ? 3 * x[0] + noise : 0.0));
      runs.rows.push_back(std::move(row));
    }
  }
  const table_data t = morris_table(points, runs, inputs, 4);
  const auto* ra = find_row(t, "requests", "a");
  const auto* rb = find_row(t, "requests", "b");
  const auto* rd = find_row(t, "requests", "dummy");
  ASSERT_TRUE(ra && rb && rd);
  // The dummy's effects are not zero (noise between points): that is the floor.
  EXPECT_GT(at(*rd, t, "mu_star"), 0.5);
  EXPECT_EQ((*rd)[8], "dummy");
  EXPECT_EQ((*ra)[8], "1") << "a's mu* " << at(*ra, t, "mu_star") << " against the dummy's bound " << at(*rd, t, "mu_star_hi");
  EXPECT_EQ((*rb)[8], "0") << "b's mu* " << at(*rb, t, "mu_star") << " against the dummy's bound " << at(*rd, t, "mu_star_hi");
  const std::string report = morris_report(points, runs, inputs, 4, "test");
  EXPECT_NE(report.find("dummy input: the noise floor"), std::string::npos) << report;
  EXPECT_NE(report.find("within the noise"), std::string::npos) << report;
  EXPECT_NE(report.find("1 of 2 inputs: a\n"), std::string::npos) << report;
  EXPECT_EQ(report.find("no dummy input"), std::string::npos) << report;
}

TEST(Morris, AnIncompleteSweepOrAnotherDesignIsRefused) {
  table_data points, runs;
  make_tables(points, runs);
  table_data partial = runs;
  partial.rows.resize(partial.rows.size() - 2);  // the last point has no runs
  EXPECT_THROW((void)morris_table(points, partial, {"a", "b"}, 4), std::invalid_argument);
  table_data sobol = points;
  sobol.rows[0][2] = "A";
  EXPECT_THROW((void)morris_table(sobol, runs, {"a", "b"}, 4), std::invalid_argument);
}
