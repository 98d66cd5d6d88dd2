// R10 Group leadership challenge: a dissatisfied majority challenges the leader and, voting against them, replaces
// them.
#include <gtest/gtest.h>

#include "rule_fixtures.hpp"

using namespace partyline;
using namespace partyline::rule_fixtures;

TEST(LeadershipChallengeR10, DissatisfiedMajorityReplacesTheLeader) {
  const auto s = tiny_scenario([](scenario& sc) {
    long_quiet(sc);
    sc.councils[0].group.satisfaction_mean = -0.9;
    sc.councils[0].group.satisfaction_sd = 0.05;
  });
  const tallies t = run_many(s, 20);
  EXPECT_EQ(t.share_pct(run_outcome::leaders_removed), 100);
  for (const auto& r : t.results) EXPECT_EQ(r.councils[0].counts[static_cast<std::size_t>(council_count::leader_changed)], 1);
}

TEST(LeadershipChallengeR10, SatisfiedGroupKeepsItsLeader) {
  const auto s = tiny_scenario([](scenario& sc) {
    long_quiet(sc);
    sc.councils[0].group.satisfaction_mean = 0.8;
    sc.councils[0].group.union_ties_share = 0;
    sc.councils[0].disputes.clear();
    coefficients(sc).R8.b0_new = -50;
  });
  const tallies t = run_many(s, 20);
  EXPECT_EQ(t.share_pct(run_outcome::leadership_challenges), 0);
}
