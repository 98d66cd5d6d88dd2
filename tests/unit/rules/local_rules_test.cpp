// The local rules behave as their names say. Statistical claims use 40-60 runs and generous margins.
#include <gtest/gtest.h>

#include "../../test_support.hpp"
#include "partyline/outcome/collect.hpp"
#include "partyline/partyline.hpp"
#include "partyline/rules/detail/common.hpp"
#include "partyline/rules/detail/leadership.hpp"

using namespace partyline;
using partyline::testing::tiny_scenario;

namespace {

struct tallies {
  int runs = 0;
  int with[run_outcome_count]{};
  std::vector<run_result> results;
  int share_pct(run_outcome o) const { return 100 * with[static_cast<std::size_t>(o)] / runs; }
};

tallies run_many(const frozen_scenario& s, int runs) {
  tallies t;
  t.runs = runs;
  for (int r = 0; r < runs; ++r) {
    t.results.push_back(simulate_run(s, 11, static_cast<std::uint64_t>(r), false, true));
    for (std::size_t k = 0; k < run_outcome_count; ++k) t.with[k] += t.results.back().counters.values[k] > 0;
  }
  return t;
}

void long_quiet(scenario& s) {
  s.weeks = 30;
  s.events.clear();
  for (auto& c : s.councils) c.election_weeks.clear();
}

}  // namespace

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

TEST(RegionalReferralR9, IntenseLongDisputeIsReferred) {
  const auto s = tiny_scenario([](scenario& sc) {
    long_quiet(sc);
    sc.councils[0].group.confrontation = 0.9;
    sc.councils[0].disputes[0].intensity = 0.9;
    sc.regions[0].union_weight = 0.6;
  });
  EXPECT_GE(run_many(s, 40).share_pct(run_outcome::requests), 80);
}

TEST(RegionalReferralR9, NoRegionalBoardNoReferral) {
  const auto s = tiny_scenario([](scenario& sc) {
    long_quiet(sc);
    sc.councils[0].region.clear();
    sc.councils[0].region_index = -1;
    sc.councils[0].disputes[0].intensity = 0.9;
  });
  int referrals = 0;
  for (const auto& r : run_many(s, 20).results)
    for (const auto& e : r.events) referrals += e.rule == 9;
  EXPECT_EQ(referrals, 0);
}

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

TEST(Satisfaction, UnionTiedCouncillorsSufferFromDisputes) {
  const auto s = tiny_scenario([](scenario& sc) {
    long_quiet(sc);
    sc.councils[0].seats = {};
    sc.councils[0].seats.set("lab", 60);
    sc.councils[0].group.union_ties_share = 0.5;
    sc.councils[0].disputes[0].intensity = 0.9;
    sc.councils[0].group.confrontation = 0.9;
  });
  world w = build_world(s, 1, 0);
  for (int week = 0; week < 15; ++week) step_week(w);
  double tied = 0, untied = 0;
  int n_tied = 0, n_untied = 0;
  const auto& c = w.councils[0];
  for (std::uint32_t r = c.rows.seat_begin; r < c.rows.seat_end; ++r) {
    if (r == c.leadership.leader || w.councillors.cabinet[r]) continue;
    if (w.councillors.union_ties[r] >= 0.6f) {
      tied += w.councillors.satisfaction[r];
      ++n_tied;
    } else {
      untied += w.councillors.satisfaction[r];
      ++n_untied;
    }
  }
  ASSERT_GT(n_tied, 5);
  ASSERT_GT(n_untied, 5);
  EXPECT_LT(tied / n_tied, untied / n_untied - 0.2);
}

TEST(MemberMood, FactionMembersBecomeMoreActive) {
  const auto s = tiny_scenario([](scenario& sc) {
    long_quiet(sc);
    sc.councils[0].members.faction_share = 0.5;
  });
  world w = build_world(s, 1, 0);
  for (int week = 0; week < 30; ++week) step_week(w);
  double fac = 0, rest = 0;
  int nf = 0, nr = 0;
  for (std::size_t m = 0; m < w.members.size(); ++m) {
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

TEST(OpinionR16, GroupPositionsDrawTogether) {
  const auto s = tiny_scenario([](scenario& sc) {
    long_quiet(sc);
    sc.councils[0].seats = {};
    sc.councils[0].seats.set("lab", 40);
    sc.councils[0].group.position_sd = 0.1;
    coefficients(sc).R16.epsilon = 0.5;
    coefficients(sc).R16.rate = 0.2;
  });
  world w = build_world(s, 1, 0);
  auto spread = [&] {
    float lo = 1, hi = -1;
    const auto& c = w.councils[0];
    for (std::uint32_t r = c.rows.seat_begin; r < c.rows.seat_end; ++r) {
      lo = std::min(lo, w.councillors.position[r]);
      hi = std::max(hi, w.councillors.position[r]);
    }
    return hi - lo;
  };
  const float before = spread();
  for (int week = 0; week < 30; ++week) step_week(w);
  EXPECT_LT(spread(), 0.1f * before);
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
  const float before = detail::activism(w, w.councils[0], 0);
  for (int week = 0; week < 10; ++week) members_mood::run(w, 0);
  const double expected = p.mobilise_policy * 0.8 * (1 - std::pow(1 - p.rate, 10));
  EXPECT_NEAR(detail::activism(w, w.councils[0], 0) - before, expected, 1e-5);
  EXPECT_NEAR(w.councils[0].membership.mobilisation, expected, 1e-5);
  // Active members are those whose activism reaches active_above, counted the same way everywhere.
  std::int64_t active = 0;
  for (std::uint64_t m = w.councils[0].rows.member_begin; m < w.councils[0].rows.member_end; ++m)
    active += detail::member_is_active(w, w.councils[0], m);
  EXPECT_EQ(detail::active_members(w, w.councils[0]), active);
  EXPECT_GT(active, 0);
}
