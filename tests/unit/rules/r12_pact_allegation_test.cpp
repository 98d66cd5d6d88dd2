// R12 Pact allegation: where the party and a would-be partner gain together at a count, an allegation may arise and
// the centre suspends active members in the area.
#include <gtest/gtest.h>

#include "rule_fixtures.hpp"

using namespace partyline;
using namespace partyline::rule_fixtures;

TEST(PactAllegationR12, GainsTogetherCanBringSuspensions) {
  const auto s = hung([](scenario& sc) {
    coefficients(sc).R12.p_allegation = 1.0;
    coefficients(sc).R12.suspend_share = 0.5;
    sc.councils[0].seats_before = {};
    for (auto [id, n] : {std::pair{"lab", 9}, {"con", 26}, {"ld", 8}, {"grn", 3}, {"ind", 2}}) sc.councils[0].seats_before.set(id, n);
  });
  world w = build_world(s, 1, 0);
  for (int week = 0; week < 3; ++week) step_week(w);  // activism settles, the count is at week 0
  const world fresh = build_world(s, 1, 0);
  EXPECT_TRUE(w.councils[0].coalition.pact_alleged);
  EXPECT_GT(w.councils[0].membership.suspended, 20);
  EXPECT_FALSE(fresh.councils[0].coalition.pact_alleged);
}

TEST(PactAllegationR12, NoGainNoAllegation) {
  const auto s = hung([](scenario& sc) { coefficients(sc).R12.p_allegation = 1.0; });  // seats_before == seats
  world w = build_world(s, 1, 0);
  step_week(w);
  EXPECT_FALSE(w.councils[0].coalition.pact_alleged);
  EXPECT_EQ(w.councils[0].membership.suspended, 0);
}
