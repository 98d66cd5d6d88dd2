// The calendar (rules/calendar.hpp): each council's next election, the fading memory of visible division and of
// central actions; and the scenario's scripted events, which happen in the week they are given.
#include <gtest/gtest.h>

#include "rule_fixtures.hpp"

using namespace partyline;
using namespace partyline::rule_fixtures;

TEST(Calendar, TheNextElectionIsTheFirstNotYetPastAndMemoriesHalveInTheirHalfLife) {
  const auto s = tiny_scenario([](scenario& sc) {
    sc.weeks = 100;
    sc.councils[0].election_weeks = {20, 60};
  });
  world w = build_world(s, 1, 0);
  council_state& c = w.councils[0];
  auto next_election_in_week = [&](int week) {
    w.week = week;
    council_calendar::run(w, council_at(0));
    return c.electoral.next_election;
  };
  EXPECT_EQ(next_election_in_week(0), 20);
  EXPECT_EQ(next_election_in_week(20), 20);  // polling day itself
  EXPECT_EQ(next_election_in_week(21), 60);
  EXPECT_EQ(next_election_in_week(61), -1);  // none after the last

  c.division.stock = 1.0f;
  c.centre.intervention_stock = 2.0f;
  const double half_life = coefficients(*s).calendar.stock_half_life_weeks;
  ASSERT_EQ(half_life, 26.0);
  for (int week = 0; week < 26; ++week) {
    w.week = week;
    council_calendar::run(w, council_at(0));
  }
  EXPECT_NEAR(c.division.stock, 0.5, 1e-4);
  EXPECT_NEAR(c.centre.intervention_stock, 1.0, 2e-4);
}

// Scripted events happen in their week and in no other: tiny.yaml's imposition of terms (week 3) raises the dispute's
// intensity by R8's impose_terms_shock; a scripted request (week 6) is filed with the executive for the group.
TEST(ScriptedEvents, AScriptedEventHappensInItsWeekAndNoOther) {
  const auto s = tiny_scenario([](scenario& sc) {
    sc.events.push_back(event_def{6, event_kind::request, "smalltown", "", "", 0.5, 100, "", 0, -1});
  });
  world w = build_world(s, 1, 0);
  const council_state& c = w.councils[0];
  const dispute_state* bins = industrial_disputes::find(w, c, "bins");
  ASSERT_NE(bins, nullptr);
  const double shock = coefficients(*s).R8.impose_terms_shock;
  for (int week = 0; week < 8; ++week) {
    w.week = week;
    w.outbox[0].clear();
    const float before = bins->intensity;
    scripted_events::run(w, council_at(0));
    EXPECT_NEAR(bins->intensity - before, week == 3 ? shock : 0.0, 1e-6) << "week " << week;
    ASSERT_EQ(w.outbox[0].size(), week == 6 ? 1u : 0u) << "week " << week;
    if (week == 6) {
      EXPECT_EQ(w.outbox[0][0].kind, &request_to_centre::item);
      EXPECT_DOUBLE_EQ(w.outbox[0][0].strength, 0.5);
      EXPECT_EQ(c.tallies[static_cast<std::size_t>(event::request)].count, 1);
    }
  }
}
