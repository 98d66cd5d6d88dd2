// R15 Policy course: a flagship policy is carried out when it has been pursued long enough, not in purdah or while a
// legal challenge is pending; a leader far from it scraps it.
#include <gtest/gtest.h>

#include "partyline/rules/detail/leadership.hpp"
#include "rule_fixtures.hpp"

using namespace partyline;
using namespace partyline::rule_fixtures;

TEST(PolicyCourseR15, LegalChallengeAndPurdahDeferTheFinalDecision) {
  const auto blocked = divided_group([](scenario& sc) {
    sc.executive.left_share = 0.0;
    sc.councils[0].group.left_share = 0.0;
    sc.councils[0].group.policy.weeks_pursued = 200;  // due now
    sc.councils[0].group.policy.legal_challenge_until_week = 20;
  });
  world w = build_world(blocked, 1, 0);
  for (int week = 0; week < 20; ++week) step_week(w);
  EXPECT_EQ(w.councils[0].policy.stage, policy_stage::pursuing);
  for (int week = 20; week < 23; ++week) step_week(w);
  EXPECT_EQ(w.councils[0].policy.stage, policy_stage::done);
}

TEST(PolicyCourseR15, ANewLeaderFarFromThePolicyScrapsIt) {
  const auto s = divided_group();
  world w = build_world(s, 1, 0);
  auto& c = w.councils[0];
  std::int64_t far = -1;
  for (std::uint32_t r = c.rows.seat_begin; r < c.rows.seat_end; ++r)
    if (detail::in_group(w, r) && w.councillors.position[r] < -0.3f) far = r;
  ASSERT_GE(far, 0);
  detail::install_leader(w, 0, far, 0, stream::R10);
  EXPECT_EQ(c.policy.stage, policy_stage::scrapped);
  EXPECT_EQ(c.tallies[static_cast<std::size_t>(event::policy_scrapped)].count, 1);
}
