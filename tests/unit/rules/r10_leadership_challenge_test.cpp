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

// R10's own step: a challenge is held only when a majority of the group is dissatisfied, and the leader goes only when
// a majority of the group votes against them.
TEST(LeadershipChallengeR10, AChallengedLeaderGoesOnlyWhenAMajorityVotesAgainst) {
  struct outcome {
    std::int64_t held = 0, failed = 0, replaced = 0;
    bool same_leader = false;
  };
  auto challenge = [](float satisfaction, bool majority_dissatisfied) {
    const auto s = tiny_scenario([](scenario& sc) {
      long_quiet(sc);
      sc.councils[0].seats = {};
      sc.councils[0].seats.set("lab", 40);
      sc.councils[0].seats.set("con", 10);
    });
    world w = build_world(s, 1, 0);
    council_state& c = w.councils[0];
    w.week = 100;
    // Votes follow each councillor's satisfaction: p(against) = sigma(-6 x satisfaction), 0.998 at -1 and 0.002 at +1.
    for (const councillor_id r : detail::group_rows(w, c)) w.councillors.satisfaction[r] = satisfaction;
    c.derived.dissatisfied = majority_dissatisfied ? c.derived.group_size - 1 : c.derived.group_size / 4;
    const councillor_id leader = c.leadership.leader;
    leadership_challenge::run(w, council_at(0));
    const auto count = [&](event e) { return c.tallies[static_cast<std::size_t>(e)].count; };
    return outcome{count(event::leadership_challenge), count(event::challenge_failed), count(event::leader_replaced),
                   c.leadership.leader == leader};
  };
  const outcome against = challenge(-1.0f, true), behind = challenge(1.0f, true), below = challenge(-1.0f, false);
  EXPECT_EQ(against.held, 1);
  EXPECT_EQ(against.replaced, 1);
  EXPECT_FALSE(against.same_leader);
  EXPECT_EQ(behind.held, 1);
  EXPECT_EQ(behind.failed, 1);
  EXPECT_EQ(behind.replaced, 0);
  EXPECT_TRUE(behind.same_leader);
  EXPECT_EQ(below.held, 0) << "no challenge without a dissatisfied majority";
  EXPECT_TRUE(below.same_leader);
}
