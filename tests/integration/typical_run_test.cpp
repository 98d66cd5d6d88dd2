// Issue 35 pt 1: the typical run a case's summary tells is typical on the outcomes the case is about -- inside the
// bulk of the runs on each of them, magnitudes included -- and the summary says how typical it is.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "../test_support.hpp"
#include "partyline/outcome/collect.hpp"
#include "partyline/outcome/story.hpp"

using namespace partyline;

namespace {

double quantile_of(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
}

void expect_typical(const char* file) {
  const auto s = load_scenario_file(partyline::testing::scenario_path(file));
  run_options opt;
  opt.runs = 200;
  opt.seed = static_cast<std::uint64_t>(s->seed);
  const auto results = simulate_runs(s, opt);
  const auto focus = focus_outcomes(*s);
  ASSERT_GE(focus.size(), 3u) << file << ": its facts name several outcomes";
  const typical_choice c = typical_run(results, focus);
  ASSERT_FALSE(c.judged.empty()) << file;
  EXPECT_LT(c.distance, c.median_distance) << file << ": closer to the centre than the median run";
  for (const run_outcome o : c.judged) {
    std::vector<double> v;
    for (const auto& r : results) v.push_back(static_cast<double>(r.counters[o]));
    const double mine = static_cast<double>(results[c.index].counters[o]);
    EXPECT_GE(mine, quantile_of(v, 0.1)) << file << ": " << name_of(o);
    EXPECT_LE(mine, quantile_of(v, 0.9)) << file << ": " << name_of(o);
  }
  EXPECT_NE(c.describe(results).find("nearest the centre of the 200 runs on "), std::string::npos) << c.describe(results);
}

}  // namespace

TEST(TypicalRun, HaringeysIsInsideTheBulkOfTheRunsOnEveryFocusOutcome) { expect_typical("haringey-2018.yaml"); }

TEST(TypicalRun, LeicestersIsInsideTheBulkOfTheRunsOnEveryFocusOutcome) { expect_typical("leicester-2023.yaml"); }
