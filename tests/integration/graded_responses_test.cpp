// Issue 32 pt 3, graded responses: a case's documented decision moves smoothly with the input that decides it, with
// no switch. Leicester's takeover of selections against the executive's mean centralism (the party leader's
// centralisation, when the leader is an actor, will drive it; today the executive's centralism is the stated input).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "../test_support.hpp"
#include "partyline/outcome/collect.hpp"

using namespace partyline;

namespace {

/// The share of `runs` runs of Leicester with the executive's mean centralism at `c` in which the centre takes over
/// the selections.
double takeover_share(double c, int runs) {
  auto s = std::make_shared<scenario>(*load_scenario_file(partyline::testing::scenario_path("leicester-2023.yaml")));
  s->executive.centralism_mean = c;
  run_options opt;
  opt.runs = runs;
  opt.seed = 5;
  int taken = 0;
  for (const auto& r : simulate_runs(s, opt)) taken += r.counters[run_outcome::selections_taken_over] > 0;
  return static_cast<double>(taken) / runs;
}

}  // namespace

TEST(GradedResponses, LeicestersTakeoverRisesWithTheExecutivesCentralismWithoutAStep) {
  // 0.30 to 0.80 in steps of 0.05, 200 runs a point. Monotonic within sampling noise (a fall of at most two standard
  // errors of a difference of shares at 0.5, 0.1), and no step between neighbours above 0.3.
  constexpr int runs = 200;
  double before = -1;
  for (int i = 0; i <= 10; ++i) {
    const double c = 0.30 + 0.05 * i, share = takeover_share(c, runs);
    std::printf("centralism %.2f: takeover in %.3f of runs\n", c, share);
    if (before >= 0) {
      EXPECT_GE(share, before - 0.1) << "the takeover falls between centralism " << c - 0.05 << " and " << c;
      EXPECT_LE(share - before, 0.3) << "a step between centralism " << c - 0.05 << " and " << c;
    }
    before = share;
  }
  EXPECT_LE(takeover_share(0.30, runs), 0.05);  // the range spans the response: rare at one end ...
  EXPECT_GE(takeover_share(0.80, runs), 0.95);  // ... near certain at the other
}
