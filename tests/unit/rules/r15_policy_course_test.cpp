// R15 Policy course: a flagship policy is carried out when it has been pursued long enough, not in purdah or while a
// legal challenge is pending; a leader far from it has the cabinet scrap it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

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

// A new leader far from the policy decides to scrap it, and the cabinet takes that key decision after the notice has
// run (28 clear days), at its next meeting in a monthly cycle -- not the week the leader takes over; a leader chosen
// at a count first waits for the annual meeting. Until then the policy stays as it was, and is not carried out.
TEST(PolicyCourseR15, ANewLeaderFarFromThePolicyHasTheCabinetScrapItAfterTheNotice) {
  const auto s = divided_group();
  const auto& p = coefficients(*s).R15;
  for (const bool at_a_count : {false, true}) {
    int earliest = 1000, latest = -1;
    for (std::uint64_t run = 0; run < 40; ++run) {
      world w = build_world(s, 1, run);
      auto& c = w.councils[0];
      w.week = 5;
      councillor_id far = nobody;
      for (const councillor_id r : c.rows.councillors())
        if (detail::in_group(w, r) && w.councillors.position[r] < -0.3f) far = r;
      ASSERT_NE(far, nobody);
      c.electoral.counted = at_a_count;
      detail::install_leader(w, council_at(0), far, 0, stream::R10);
      c.electoral.counted = false;
      ASSERT_EQ(c.policy.decided, policy_stage::scrapped);
      EXPECT_EQ(c.policy.stage, policy_stage::pursuing);  // the group's leader cannot scrap it alone
      const int due = c.policy.decision_week, offset = (at_a_count ? p.annual_meeting_weeks : 0) + p.key_decision_notice_weeks;
      EXPECT_GE(due, 5 + offset);
      EXPECT_LT(due, 5 + offset + p.cabinet_every_weeks);
      earliest = std::min(earliest, due);
      latest = std::max(latest, due);
      for (w.week = 6; w.week < due; ++w.week) {
        policy_course::run(w, council_at(0));
        ASSERT_EQ(c.policy.stage, policy_stage::pursuing) << "week " << w.week;
      }
      policy_course::run(w, council_at(0));  // the cabinet meets
      EXPECT_EQ(c.policy.stage, policy_stage::scrapped);
      EXPECT_EQ(c.policy.decided, policy_stage::none);
      EXPECT_EQ(c.tallies[static_cast<std::size_t>(event::policy_scrapped)].count, 1);
    }
    EXPECT_LT(earliest, latest) << "the meeting's place in the cabinet's cycle is drawn";
  }
}

// A decision pending when the leader announces they will stand down is not taken: an outgoing leader takes no final
// decision, and their cabinet takes none they had announced.
TEST(PolicyCourseR15, AnOutgoingLeadersPendingDecisionIsNotTaken) {
  const auto s = divided_group();
  world w = build_world(s, 1, 0);
  auto& c = w.councils[0];
  councillor_id far = nobody;
  for (const councillor_id r : c.rows.councillors())
    if (detail::in_group(w, r) && w.councillors.position[r] < -0.3f) far = r;
  ASSERT_NE(far, nobody);
  detail::install_leader(w, council_at(0), far, 0, stream::R10);
  ASSERT_EQ(c.policy.decided, policy_stage::scrapped);
  detail::emit(w, council_at(0), stream::R3, event::leader_stands_down);
  EXPECT_EQ(c.policy.decided, policy_stage::none);
  for (w.week = 1; w.week < 20; ++w.week) policy_course::run(w, council_at(0));
  EXPECT_EQ(c.policy.stage, policy_stage::paused);
}

// R15's own step: a policy pursued long enough is carried out, but not in the pre-election period (purdah), where
// the final decision is deferred; a policy not yet due is left as it is.
TEST(PolicyCourseR15, ADuePolicyIsCarriedOutButNotInThePreElectionPeriod) {
  struct outcome {
    policy_stage stage = policy_stage::none;
    std::int64_t deferred = 0;
  };
  auto after_a_week = [](int weeks_pursued, int weeks_to_election) {
    const auto s = divided_group([&](scenario& sc) { sc.councils[0].group.policy.weeks_pursued = weeks_pursued; });
    world w = build_world(s, 1, 0);
    w.week = 10;
    w.councils[0].electoral.next_election = w.week + weeks_to_election;
    policy_course::run(w, council_at(0));
    return outcome{w.councils[0].policy.stage, w.councils[0].tallies[static_cast<std::size_t>(event::decision_deferred)].count};
  };
  const int purdah = coefficients(*divided_group()).R15.purdah_weeks;
  const outcome outside = after_a_week(200, purdah + 1), inside = after_a_week(200, purdah), early = after_a_week(0, purdah + 1);
  EXPECT_EQ(outside.stage, policy_stage::done);
  EXPECT_EQ(inside.stage, policy_stage::pursuing);
  EXPECT_EQ(inside.deferred, 1);
  EXPECT_EQ(early.stage, policy_stage::pursuing);
  EXPECT_EQ(early.deferred, 0);
}

// R15 enters the week on other rules' events (schedule::on_event), never by being called from inside them: a leader's
// compliance or standing down, told by any step, pauses a live policy as soon as it is told; an event with no hook
// (the leader resisting) leaves it; hooks run in the order events are told, so a close new leader installed after a
// stand-down resumes the policy the stand-down paused.
TEST(PolicyCourseR15, TheCourseFollowsTheLeadershipThroughHooksOnOtherRulesEvents) {
  const auto s = divided_group();
  auto stage_after = [&](std::initializer_list<event> told) {
    world w = build_world(s, 1, 0);
    EXPECT_EQ(w.councils[0].policy.stage, policy_stage::pursuing);
    for (const event e : told) detail::emit(w, council_at(0), stream::R3, e);
    return w.councils[0].policy.stage;
  };
  EXPECT_EQ(stage_after({event::leader_complies}), policy_stage::paused);
  EXPECT_EQ(stage_after({event::leader_stands_down}), policy_stage::paused);
  EXPECT_EQ(stage_after({event::leader_resists}), policy_stage::pursuing);
  EXPECT_EQ(stage_after({}), policy_stage::pursuing);

  // Stand down, then a successor close to the policy: paused by the first hook, resumed by the second.
  world w = build_world(s, 1, 0);
  auto& c = w.councils[0];
  councillor_id close = nobody;  // the group's member nearest the policy, well inside half the scrapping distance
  for (const councillor_id r : c.rows.councillors())
    if (detail::in_group(w, r) && (close == nobody || std::abs(w.councillors.position[r] - c.policy.position) <
                                                    std::abs(w.councillors.position[close] - c.policy.position)))
      close = r;
  ASSERT_NE(close, nobody);
  ASSERT_LT(std::abs(w.councillors.position[close] - c.policy.position), 0.2f);
  w.councillors.position[close] = c.policy.position;  // on the policy: resumes with odds sigma(20 x 0.25), 0.993
  detail::emit(w, council_at(0), stream::R3, event::leader_stands_down);
  ASSERT_EQ(c.policy.stage, policy_stage::paused);
  detail::install_leader(w, council_at(0), close, 0, stream::R3);
  EXPECT_EQ(c.policy.decided, policy_stage::pursuing);  // a key decision: the cabinet resumes it weeks later
  w.week = c.policy.decision_week;
  policy_course::run(w, council_at(0));
  EXPECT_EQ(c.policy.stage, policy_stage::pursuing);
  EXPECT_EQ(c.tallies[static_cast<std::size_t>(event::policy_paused)].count, 1);
}

// No gate (issue 32 pt 3): a new leader scraps the policy with a chance that rises smoothly with their distance from
// it, even odds at scrap_distance; 200 runs a distance.
TEST(PolicyCourseR15, TheChanceANewLeaderScrapsThePolicyRisesSmoothlyWithTheirDistance) {
  const auto s = divided_group();
  const auto& p = coefficients(*s).R15;
  double before = -1;
  for (const double gap : {0.3, 0.4, 0.5, 0.6, 0.7}) {
    int scrapped = 0;
    for (std::uint64_t run = 0; run < 200; ++run) {
      world w = build_world(s, 1, run);
      auto& c = w.councils[0];
      councillor_id next = nobody;
      for (const councillor_id r : c.rows.councillors())
        if (detail::in_group(w, r) && r != c.leadership.leader) next = r;
      ASSERT_NE(next, nobody);
      w.councillors.position[next] = static_cast<float>(c.policy.position - gap);
      detail::install_leader(w, council_at(0), next, 0, stream::R10);
      scrapped += c.policy.decided == policy_stage::scrapped;
    }
    const double share = scrapped / 200.0, expected = 1.0 / (1.0 + std::exp(-p.decision_slope * (gap - p.scrap_distance)));
    EXPECT_NEAR(share, expected, 0.1) << "distance " << gap;
    if (before >= 0) {
      EXPECT_GT(share, before) << "distance " << gap;
    }
    before = share;
  }
}
