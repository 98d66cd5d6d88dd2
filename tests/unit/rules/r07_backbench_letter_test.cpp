// R7 Backbench letter: enough dissatisfied backbenchers publish a letter against their leadership.
#include <gtest/gtest.h>

#include "rule_fixtures.hpp"

using namespace partyline;
using namespace partyline::rule_fixtures;

TEST(BackbenchLetterR7, UnionTiedGroupInADisputeWritesALetter) {
  const auto s = tiny_scenario([](scenario& sc) {
    long_quiet(sc);
    sc.councils[0].seats = {};
    sc.councils[0].seats.set("lab", 40);
    sc.councils[0].seats.set("con", 10);
    sc.councils[0].group.union_ties_share = 1.0;
    sc.councils[0].group.confrontation = 0.9;
    sc.councils[0].disputes[0].intensity = 0.8;
  });
  const tallies t = run_many(s, 40);
  EXPECT_GE(t.share_pct(run_outcome::backbench_letters), 80);
  for (const auto& r : t.results) {
    for (const auto& e : r.events) {
      if (e.event == "backbench_letter") {
        EXPECT_GE(e.value, coefficients(*s).R7.letter_min);
      }
    }
  }
}

TEST(BackbenchLetterR7, ContentGroupWritesNone) {
  const auto s = tiny_scenario([](scenario& sc) {
    long_quiet(sc);
    sc.councils[0].group.union_ties_share = 0.0;
    sc.councils[0].group.satisfaction_mean = 0.6;
    sc.councils[0].disputes.clear();
    coefficients(sc).R8.b0_new = -50;
  });
  EXPECT_EQ(run_many(s, 40).share_pct(run_outcome::backbench_letters), 0);
}
