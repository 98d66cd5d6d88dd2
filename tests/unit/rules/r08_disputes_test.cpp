// R8 Industrial disputes: confrontation escalates a dispute through ballot to strike, talks settle it.
#include <gtest/gtest.h>

#include "rule_fixtures.hpp"

using namespace partyline;
using namespace partyline::rule_fixtures;

TEST(DisputesR8, ConfrontationEscalatesToStrike) {
  const auto s = tiny_scenario([](scenario& sc) {
    long_quiet(sc);
    sc.councils[0].group.confrontation = 0.9;
  });
  EXPECT_GE(run_many(s, 40).share_pct(run_outcome::strike_weeks), 90);
}

TEST(DisputesR8, TalksSettleDisputesWithoutStrikes) {
  const auto s = tiny_scenario([](scenario& sc) {
    long_quiet(sc);
    sc.weeks = 52;
    sc.councils[0].group.confrontation = 0.0;
    sc.councils[0].disputes[0].intensity = 0.3;
    coefficients(sc).R8.b0_new = -50;  // no new disputes
  });
  const tallies t = run_many(s, 40);
  EXPECT_LE(t.share_pct(run_outcome::strike_weeks), 10);
  int settled = 0;
  for (const auto& r : t.results)
    for (const auto& e : r.events) settled += e.event == "dispute_settled";
  EXPECT_GE(settled, 36);
}

TEST(DisputesR8, BallotRunsItsLengthBeforeAStrike) {
  const auto s = tiny_scenario([](scenario& sc) {
    long_quiet(sc);
    sc.councils[0].group.confrontation = 1.0;
    sc.councils[0].disputes[0].intensity = 0.2;  // starts in talks
    coefficients(sc).R8.ballot_weeks = 5;
  });
  int checked = 0;
  for (const auto& r : run_many(s, 20).results) {
    int ballot = -1;
    for (const auto& e : r.events) {
      if (e.event == "ballot" && ballot < 0) ballot = e.week;
      if (e.event == "strike" && ballot >= 0) {
        EXPECT_GE(e.week - ballot, 5);
        ++checked;
        break;
      }
    }
  }
  EXPECT_GT(checked, 10);
}
