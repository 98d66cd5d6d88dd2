// The executive's agenda: meeting cycle, capacity, order of business, crisis windows, member-by-member votes.
#include <gtest/gtest.h>

#include "../../test_support.hpp"
#include "partyline/partyline.hpp"
#include "partyline/rules/detail/common.hpp"
#include "partyline/rules/detail/leadership.hpp"

using namespace partyline;
using partyline::testing::tiny_scenario;

namespace {

agenda_item referral(int week, double urgency = 0.3) {
  agenda_item it;
  it.kind = &regional_referral::item;
  it.council = 0;
  it.week_filed = week;
  it.urgency = urgency;
  it.requester_position = -0.5;
  it.strength = 0.8;
  return it;
}

/// Runs the central phase for weeks [from, to) and returns the first week with a published decision, or -1.
int first_decision_week(world& w, int from, int to) {
  for (int week = from; week < to; ++week) {
    w.week = week;
    central_phase(w);
    if (!w.institutions.published.empty()) return week;
  }
  return -1;
}

}  // namespace

TEST(Agenda, ItemsWaitForAnOrdinaryMeeting) {
  const auto s = tiny_scenario([](scenario& sc) {
    sc.weeks = 40;
    sc.executive.first_meeting_week = 2;
    sc.executive.meets_every_weeks = 6;
  });
  world w = build_world(s, 1, 0);
  w.outbox[0].push_back(referral(3));
  EXPECT_EQ(first_decision_week(w, 3, 40), 8);
}

TEST(Agenda, UrgentItemsGetAnEmergencyMeeting) {
  const auto s = tiny_scenario([](scenario& sc) { sc.weeks = 40; });
  world w = build_world(s, 1, 0);
  w.outbox[0].push_back(referral(3, 0.95));
  EXPECT_EQ(first_decision_week(w, 3, 40), 3);
}

TEST(Agenda, CrisisWindowDelaysLowUrgencyBusiness) {
  const auto s = tiny_scenario([](scenario& sc) {
    sc.weeks = 60;
    sc.executive.crisis_windows = {crisis_window{4, 30, 0.5, 0.5}};
  });
  world w = build_world(s, 1, 0);
  w.outbox[0].push_back(referral(3, 0.3));
  EXPECT_EQ(first_decision_week(w, 3, 60), 32);  // the first meeting after week 30
}

TEST(Agenda, CapacityLimitsItemsPerMeetingInOrderOfUrgency) {
  const auto s = tiny_scenario([](scenario& sc) {
    sc.weeks = 40;
    sc.executive.capacity = 2;
  });
  world w = build_world(s, 1, 0);
  for (double u : {0.1, 0.5, 0.3, 0.2}) w.outbox[0].push_back(referral(1, u));
  w.week = 2;
  central_phase(w);
  ASSERT_EQ(w.institutions.published.size(), 2u);
  // Left on the agenda: the two least urgent (deferred items may also stay).
  int low_left = 0;
  for (const auto& it : w.institutions.bodies[0].agenda) low_left += it.urgency <= 0.2;
  EXPECT_EQ(low_left, 2);
}

TEST(ExecutiveVote, AlignmentAndBacklashMoveTheVote) {
  auto yes_votes = [](double requester, double backlash) {
    const auto s = tiny_scenario([](scenario& sc) {
      sc.executive.left_share = 0.8;
      sc.councils[0].group.leader.position = 0.2;
    });
    int total = 0;
    for (std::uint64_t run = 0; run < 30; ++run) {
      world w = build_world(s, 1, run);
      w.executive.backlash = backlash;
      agenda_item it = referral(1);
      it.requester_position = requester;
      w.outbox[0].push_back(it);
      w.week = 2;
      central_phase(w);
      total += w.institutions.published.at(0).yes;
    }
    return total;
  };
  const int aligned = yes_votes(-0.6, 0.0);  // requesters near the left executive, leader far
  const int opposed = yes_votes(0.6, 0.0);   // requesters far from the executive
  const int chastened = yes_votes(-0.6, 1.5);
  EXPECT_GT(aligned, opposed + 100);
  EXPECT_GT(aligned, chastened + 100);
}

TEST(ExecutiveVote, MajorityDecidesAndTheTallyIsPublished) {
  const auto s = tiny_scenario([](scenario& sc) { coefficients(sc).R2.b0 = 20; });  // everyone votes yes
  world w = build_world(s, 1, 0);
  w.outbox[0].push_back(referral(1));
  w.week = 2;
  central_phase(w);
  ASSERT_EQ(w.institutions.published.size(), 1u);
  EXPECT_TRUE(w.institutions.published[0].is(investigations::investigate));
  EXPECT_EQ(w.institutions.published[0].yes, 39);
  EXPECT_EQ(w.institutions.published[0].of, 39);
}

TEST(ExecutiveVote, ClearDefeatIsDismissedNarrowDefeatDeferred) {
  {
    const auto s = tiny_scenario([](scenario& sc) { coefficients(sc).R2.b0 = -20; });
    world w = build_world(s, 1, 0);
    w.outbox[0].push_back(referral(1));
    w.week = 2;
    central_phase(w);
    EXPECT_TRUE(w.institutions.published.at(0).is(executive_decision::dismiss));
    EXPECT_TRUE(w.institutions.bodies[0].agenda.empty());
  }
  {
    const auto s = tiny_scenario([](scenario& sc) {
      coefficients(sc).R2.defer_margin = 0.0;  // any failed vote is deferred while deferrals remain
      coefficients(sc).R2.b0 = -20;
    });
    world w = build_world(s, 1, 0);
    w.outbox[0].push_back(referral(1));
    w.week = 2;
    central_phase(w);
    EXPECT_TRUE(w.institutions.published.at(0).is(executive_decision::defer));
    ASSERT_EQ(w.institutions.bodies[0].agenda.size(), 1u);
    EXPECT_EQ(w.institutions.bodies[0].agenda[0].defers, 1);
  }
}
