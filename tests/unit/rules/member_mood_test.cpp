// Member mood: members' activism relaxes towards their quiet level plus the area's mobilisation.
#include <gtest/gtest.h>

#include <cmath>

#include "rule_fixtures.hpp"

using namespace partyline;
using namespace partyline::rule_fixtures;

TEST(MemberMood, FactionMembersBecomeMoreActive) {
  const auto s = tiny_scenario([](scenario& sc) {
    long_quiet(sc);
    sc.councils[0].members.faction_share = 0.5;
  });
  world w = build_world(s, 1, 0);
  for (int week = 0; week < 30; ++week) step_week(w);
  double fac = 0, rest = 0;
  int nf = 0, nr = 0;
  for (const member_id m : w.councils[0].rows.members()) {  // the one council's members are every row
    if (w.members.faction[m]) {
      fac += detail::activism(w, w.councils[0], m);
      ++nf;
    } else {
      rest += detail::activism(w, w.councils[0], m);
      ++nr;
    }
  }
  EXPECT_NEAR(fac / nf - rest / nr, coefficients(*s).member_mood.faction_boost, 0.08);
}

TEST(MemberMood, ActivismRelaxesTowardsLocalMobilisationAtItsRate) {
  // A contested flagship policy being pursued mobilises the area; every member's activism rises by the same amount,
  // mobilise_policy x salience x (1 - (1 - rate)^weeks), above their quiet level.
  const auto s = tiny_scenario([](scenario& sc) {
    long_quiet(sc);
    sc.councils[0].disputes.clear();
    sc.councils[0].group.policy.stage = policy_stage::pursuing;
    sc.councils[0].group.policy.salience = 0.8;
    coefficients(sc).R8.b0_new = -50;  // no disputes
  });
  world w = build_world(s, 1, 0);
  const auto& p = coefficients(*s).member_mood;
  const float before = detail::activism(w, w.councils[0], member_id{0});
  for (int week = 0; week < 10; ++week) members_mood::run(w, council_at(0));
  const double expected = p.mobilise_policy * 0.8 * (1 - std::pow(1 - p.rate, 10));
  EXPECT_NEAR(detail::activism(w, w.councils[0], member_id{0}) - before, expected, 1e-5);
  EXPECT_NEAR(w.councils[0].membership.mobilisation, expected, 1e-5);
  // Active members are those whose activism reaches active_above, counted the same way everywhere.
  std::int64_t active = 0;
  for (const member_id m : w.councils[0].rows.members())
    active += detail::member_is_active(w, w.councils[0], m);
  EXPECT_EQ(detail::active_members(w, w.councils[0]), active);
  EXPECT_GT(active, 0);
}
