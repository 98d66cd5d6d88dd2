// R10 Group leadership challenge: a dissatisfied majority challenges the leader and, voting against them, replaces
// them.
#include <gtest/gtest.h>

#include <cstdio>
#include <vector>

#include "partyline/rules/detail/leadership.hpp"
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

namespace {

/// A group of 40 (and 10 Conservatives) with the week far from the last challenge.
world quiet_group(std::uint64_t run) {
  const auto s = tiny_scenario([](scenario& sc) {
    long_quiet(sc);
    sc.councils[0].seats = {};
    sc.councils[0].seats.set("lab", 40);
    sc.councils[0].seats.set("con", 10);
  });
  world w = build_world(s, 1, run);
  w.week = 100;
  return w;
}

}  // namespace

// Issue 32 pt 3: how much dissatisfaction it takes to organise a challenge is the group's own, drawn once a run
// around `trigger_share` (`trigger_sd`), so across runs the chance of a challenge rises with the share dissatisfied
// with no share at which it switches on.
TEST(LeadershipChallengeR10, TheChanceOfAChallengeRisesSmoothlyWithTheShareDissatisfied) {
  constexpr int runs = 200;
  std::vector<double> held;
  for (int dissatisfied = 14; dissatisfied <= 30; dissatisfied += 2) {  // of the 39 beside the leader: 0.36..0.77
    int n = 0;
    for (std::uint64_t run = 0; run < runs; ++run) {
      world w = quiet_group(run);
      council_state& c = w.councils[0];
      for (const councillor_id r : detail::group_rows(w, c)) w.councillors.satisfaction[r] = 1.0f;  // votes behind
      c.derived.dissatisfied = dissatisfied;
      leadership_challenge::run(w, council_at(0));
      n += c.tallies[static_cast<std::size_t>(event::leadership_challenge)].count > 0;
    }
    held.push_back(static_cast<double>(n) / runs);
  }
  EXPECT_LE(held.front(), 0.05);  // rare with a third of the group dissatisfied ...
  EXPECT_GE(held.back(), 0.95);   // ... near certain with three quarters
  for (std::size_t k = 1; k < held.size(); ++k) {
    EXPECT_GE(held[k], held[k - 1]) << "more dissatisfaction, fewer challenges at step " << k;
    EXPECT_LE(held[k] - held[k - 1], 0.35) << "a switch between steps " << k - 1 << " and " << k;
  }
}

// The group's ballot for a successor: each wing's candidate, members voting for the nearer with a logistic chance,
// the candidates' standing one draw a contest, loyal members leaning to continuity. The left bloc's chance of taking
// the leadership rises smoothly with its size: rare well short of half, likely well over it, no switch at one half.
TEST(LeadershipChallengeR10, TheGroupsBallotGivesTheLeadershipToTheLargerWingMoreOftenNotAlways) {
  constexpr int runs = 200;
  std::vector<double> left_wins;
  for (int left = 12; left <= 28; left += 2) {  // of the 39 members beside the outgoing leader
    int n = 0;
    for (std::uint64_t run = 0; run < runs; ++run) {
      world w = quiet_group(run);
      council_state& c = w.councils[0];
      auto& cl = w.councillors;
      int k = 0;
      for (const councillor_id r : detail::group_rows(w, c)) {
        if (r == c.leadership.leader) {
          cl.position[r] = 0.15f;
          continue;
        }
        cl.position[r] = k < left ? -0.6f + 0.001f * static_cast<float>(k) : 0.15f + 0.001f * static_cast<float>(k);
        cl.loyalty[r] = 0.5f;
        ++k;
      }
      const councillor_id next = detail::elect_successor(w, council_at(0), leadership_challenge::id);
      ASSERT_NE(next, nobody);
      ASSERT_NE(next, c.leadership.leader) << "the outgoing leader does not stand again";
      n += cl.position[next] < -0.3f;
    }
    left_wins.push_back(static_cast<double>(n) / runs);
    std::printf("left bloc %d of 39: the left candidate wins %.3f of ballots\n", left, left_wins.back());
  }
  EXPECT_LE(left_wins.front(), 0.05);  // 12 of 39
  // 28 of 39: likely, not certain -- loyal members (loyalty 0.5 here) lean to the continuity candidate, the
  // mainstream's, by `ballot_continuity` x loyalty on the log-odds scale (0.78 at the defaults).
  EXPECT_GE(left_wins.back(), 0.7);
  for (std::size_t k = 1; k < left_wins.size(); ++k) {
    EXPECT_GE(left_wins[k], left_wins[k - 1] - 0.1) << "a larger left bloc wins less often at step " << k;
    EXPECT_LE(left_wins[k] - left_wins[k - 1], 0.35) << "a switch between steps " << k - 1 << " and " << k;
  }
  // Neither a certainty nor a coin toss at an even split: the continuity candidate (nearer the outgoing leader,
  // here the mainstream's) is favoured by the loyal.
  EXPECT_GT(left_wins[4], 0.02);  // 20 of 39
  EXPECT_LT(left_wins[4], 0.6);
}

// The group's annual meeting (a dated fact): where the leader's term ends there, a challenger stands once a quarter
// of the group is dissatisfied -- well below what it takes to requisition a challenge between meetings -- and the
// group votes; where the term runs on (`leader_up: false`), the same group holds no contest that week.
TEST(LeadershipChallengeR10, AnAnnualElectionIsContestedByAGroupTooLittleDissatisfiedToRequisitionAChallenge) {
  const auto contests = [](bool leader_up) {
    const auto s = tiny_scenario([&](scenario& sc) {
      long_quiet(sc);
      sc.councils[0].group.satisfaction_mean = -0.05;
      sc.councils[0].group.satisfaction_sd = 0.15;
      coefficients(sc).R10.trigger_share = 0.95;  // no challenge between meetings
      event_def meeting;
      meeting.week = 1;
      meeting.type = event_kind::annual_meeting;
      meeting.council = "smalltown";
      meeting.council_index = 0;
      meeting.leader_up = leader_up;
      sc.events.push_back(meeting);
    });
    return run_many(s, 40).share_pct(run_outcome::leadership_challenges);
  };
  const int up = contests(true), runs_on = contests(false);
  std::printf("runs with a contest: the leader's term ends at the meeting %d%%, it runs on %d%%\n", up, runs_on);
  EXPECT_GE(up, 50);
  EXPECT_EQ(runs_on, 0);
}
