#include "partyline/sweep/sweep.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

#include "../../test_support.hpp"

using namespace partyline;
using partyline::testing::data_dir;

TEST(SweepFile, GridCrossesListsAndHoldsScalars) {
  const auto spec = load_sweep_file(data_dir() / "sweeps" / "tiny-grid.yaml");
  ASSERT_EQ(spec.points.size(), 6u);
  EXPECT_EQ(spec.runs(), 24u);
  // The last parameter varies fastest; the held one is in every point.
  EXPECT_EQ(spec.points[0].text, (std::vector<std::string>{"0.1", "3", "30"}));
  EXPECT_EQ(spec.points[1].text, (std::vector<std::string>{"0.1", "8", "30"}));
  EXPECT_EQ(spec.points[5].text, (std::vector<std::string>{"0.9", "8", "30"}));
  EXPECT_DOUBLE_EQ(spec.scenarios[4].get()->councils[0].group.confrontation, 0.9);
  EXPECT_EQ(coefficients(*spec.scenarios[4]).R7.letter_min, 3);
  EXPECT_EQ(spec.scenarios[4]->weeks, 30);
}

TEST(SweepFile, PointSeedsAreDistinctAndStable) {
  const auto a = load_sweep_file(data_dir() / "sweeps" / "tiny-grid.yaml");
  const auto b = load_sweep_file(data_dir() / "sweeps" / "tiny-grid.yaml");
  std::set<std::uint64_t> seeds;
  for (std::size_t p = 0; p < a.points.size(); ++p) {
    seeds.insert(a.point_seed(p));
    EXPECT_EQ(a.point_seed(p), b.point_seed(p));
  }
  EXPECT_EQ(seeds.size(), a.points.size());
}

TEST(SweepFile, LatinHypercubePutsOneSampleInEveryStratum) {
  const auto spec = load_sweep_file(data_dir() / "sweeps" / "tiny-lhs.yaml");
  ASSERT_EQ(spec.points.size(), 10u);
  for (std::size_t param : {0u, 1u}) {
    const double lo = param == 0 ? 0.0 : 0.02, hi = param == 0 ? 1.0 : 0.12;
    std::vector<int> strata(10, 0);
    for (const auto& p : spec.points) ++strata[static_cast<std::size_t>((p.number[param] - lo) / (hi - lo) * 10)];
    for (int n : strata) EXPECT_EQ(n, 1);
  }
  for (const auto& p : spec.points) EXPECT_TRUE(p.text[2] == "3" || p.text[2] == "5" || p.text[2] == "8");
}

TEST(SweepFile, MorrisDesignMovesOneRangeAtATimeByTheStep) {
  const auto spec = load_sweep_file(data_dir() / "sweeps" / "tiny-morris.yaml");
  constexpr std::size_t r = 6, k = 3;
  ASSERT_EQ(spec.points.size(), r * (k + 1));  // r trajectories of k + 1 points
  ASSERT_EQ(spec.ranged_parameters().size(), k);
  const double lo[k] = {0.0, 0.02, 0.2}, span[k] = {1.0, 0.1, 0.6};
  const double step = morris_step(4);  // 2/3 of the range
  EXPECT_DOUBLE_EQ(step, 2.0 / 3.0);
  std::set<std::vector<int>> orders;
  for (std::size_t j = 0; j < r; ++j) {
    const auto& base = spec.points[j * (k + 1)];
    EXPECT_EQ(base.sobol_block, 'M');
    EXPECT_EQ(base.sobol_row, static_cast<int>(j));
    EXPECT_EQ(base.sobol_param, -1);
    std::vector<int> moved;
    for (std::size_t m = 1; m <= k; ++m) {
      const auto& before = spec.points[j * (k + 1) + m - 1];
      const auto& after = spec.points[j * (k + 1) + m];
      EXPECT_EQ(after.sobol_row, static_cast<int>(j));
      const int c = after.sobol_param;
      ASSERT_GE(c, 0);
      moved.push_back(c);
      for (std::size_t i = 0; i < k; ++i) {
        // Every value lies on the grid of 4 levels of its range.
        const double level = (after.number[i] - lo[i]) / span[i] * 3;
        EXPECT_NEAR(level, std::round(level), 1e-9) << after.text[i];
        if (static_cast<int>(i) == c)
          EXPECT_NEAR(std::abs(after.number[i] - before.number[i]) / span[i], step, 1e-9);
        else
          EXPECT_EQ(after.number[i], before.number[i]);
      }
      EXPECT_EQ(after.text[3], "20");  // held
    }
    std::sort(moved.begin(), moved.end());
    EXPECT_EQ(moved, (std::vector<int>{0, 1, 2}));  // each range moves once
    orders.insert(std::vector<int>{spec.points[j * (k + 1) + 1].sobol_param, spec.points[j * (k + 1) + 2].sobol_param});
  }
  EXPECT_GT(orders.size(), 1u);  // the order of moves is drawn per trajectory
  // The design is a function of the file: the same points on a second load.
  const auto again = load_sweep_file(data_dir() / "sweeps" / "tiny-morris.yaml");
  for (std::size_t p = 0; p < spec.points.size(); ++p) EXPECT_EQ(again.points[p].text, spec.points[p].text);
}

TEST(SweepFile, MorrisNeedsRangesAndAnEvenNumberOfLevels) {
  const auto dir = std::filesystem::temp_directory_path() / "partyline-morris-bad";
  std::filesystem::create_directories(dir);
  const std::string head = "scenario: " + (data_dir() / "tiny.yaml").string() + "\ndesign: morris\nsamples: 4\n";
  std::ofstream(dir / "odd.yaml") << head << "levels: 5\nparameters:\n  rules.R8.escalation: {min: 0.02, max: 0.12}\n";
  std::ofstream(dir / "list.yaml") << head << "parameters:\n  rules.R8.escalation: [0.02, 0.12]\n";
  try {
    (void)load_sweep_file(dir / "odd.yaml");
    ADD_FAILURE() << "odd levels accepted";
  } catch (const scenario_error& e) {
    EXPECT_NE(std::string(e.what()).find("odd.yaml:4:9: levels: the morris design needs an even number of levels"), std::string::npos) << e.what();
  }
  try {
    (void)load_sweep_file(dir / "list.yaml");
    ADD_FAILURE() << "a list accepted";
  } catch (const scenario_error& e) {
    EXPECT_NE(std::string(e.what()).find("the morris design samples ranges only"), std::string::npos) << e.what();
  }
  std::filesystem::remove_all(dir);
}

TEST(SweepFile, SobolDesignIsSaltelliSampling) {
  const auto spec = load_sweep_file(data_dir() / "sweeps" / "tiny-sobol.yaml");
  ASSERT_EQ(spec.points.size(), 8u * (2 + 2));  // N (k + 2) with k = 2 ranged parameters
  EXPECT_EQ(spec.ranged_parameters().size(), 2u);
  for (std::size_t j = 0; j < 8; ++j) {
    const auto& a = spec.points[4 * j];
    const auto& b = spec.points[4 * j + 1];
    const auto& c0 = spec.points[4 * j + 2];
    const auto& c1 = spec.points[4 * j + 3];
    EXPECT_EQ(a.sobol_block, 'A');
    EXPECT_EQ(b.sobol_block, 'B');
    EXPECT_EQ(c0.sobol_block, 'C');
    // C_i is A with column i taken from B.
    EXPECT_EQ(c0.number[0], b.number[0]);
    EXPECT_EQ(c0.number[1], a.number[1]);
    EXPECT_EQ(c1.number[0], a.number[0]);
    EXPECT_EQ(c1.number[1], b.number[1]);
    EXPECT_EQ(a.text[2], "20");  // held
  }
}

TEST(SobolSequence, FirstPointsAreTheKnownOnes) {
  const auto s = sobol_sequence(4, 2);
  // Dimension 1 is van der Corput: 0.5, 0.75, 0.25, 0.375; dimension 2: 0.5, 0.25, 0.75, 0.375.
  EXPECT_EQ(s, (std::vector<double>{0.5, 0.5, 0.75, 0.25, 0.25, 0.75, 0.375, 0.375}));
}

TEST(SobolSequence, EveryDimensionIsEquidistributed) {
  const std::size_t n = 1024, dims = 16;
  const auto s = sobol_sequence(n - 1, dims);  // with the skipped zero point: the first 1024 points of a (t, s)-sequence
  for (std::size_t d = 0; d < dims; ++d) {
    std::vector<int> bins(16, 0);
    ++bins[0];  // the origin
    for (std::size_t i = 0; i < n - 1; ++i) ++bins[static_cast<std::size_t>(s[i * dims + d] * 16)];
    for (int b : bins) EXPECT_EQ(b, 64) << "dimension " << d;
  }
}

TEST(SweepFile, EveryShippedSweepLoadsWithEveryPointValid) {
  // Loading validates every point's scenario, so a sweep over a coefficient that no longer exists fails here (the
  // Sobol designs are not run by the checksum test).
  int loaded = 0;
  for (const auto& entry : std::filesystem::directory_iterator(partyline::testing::source_dir() / "scenarios" / "sweeps")) {
    if (entry.path().extension() != ".yaml") continue;
    EXPECT_NO_THROW({ (void)load_sweep_file(entry.path()); }) << entry.path();
    ++loaded;
  }
  EXPECT_GE(loaded, 4);
}

TEST(SweepFile, AKeyLeftOutIsReportedAtTheDocumentNotAtZeroZero) {
  // Issue 19 F7: a random design without samples, and a grid too large, named "<input>:0:0".
  const std::string scenario = "scenario: " + (partyline::testing::source_dir() / "scenarios" / "birmingham-2019.yaml").string() + "\n";
  auto message = [&](const std::string& rest) {
    try {
      (void)load_sweep_text(scenario + rest, "my-sweep.yaml", partyline::testing::source_dir());
    } catch (const scenario_error& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  const std::string no_samples = message("design: random\nparameters:\n  rules.R7.letter_min: {min: 5, max: 30}\n");
  EXPECT_EQ(no_samples.rfind("my-sweep.yaml:1:1: samples: design random needs samples", 0), 0u) << no_samples;
  std::string grid = "parameters:\n";
  for (const char* key : {"letter_min", "letter_share", "b0_sign", "b_loyalty", "cooldown_weeks", "concession"})
    grid += std::string("  rules.R7.") + key + ": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n";
  const std::string too_big = message(grid);
  EXPECT_EQ(too_big.rfind("my-sweep.yaml:1:1: design: the grid has", 0), 0u) << too_big;
}
