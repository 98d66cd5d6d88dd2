// R14 Members: exits (thinned exactly: the bound covers every member; central action drives members out), loyalty
// that answers the central actions in the members' area -- those far from the executive lose some, those near it gain
// a little -- once per action and only there, and recruitment with the party's standing.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "rule_fixtures.hpp"

using namespace partyline;
using namespace partyline::rule_fixtures;

namespace {

struct loyalty_by_distance {
  double near = 0, far = 0;
  int n_near = 0, n_far = 0;
};

loyalty_by_distance loyalty_near_and_far(const world& w, std::size_t ci) {
  loyalty_by_distance x;
  const council_state& c = w.councils[ci];
  for (std::uint64_t m = c.rows.member_begin; m < c.rows.member_end; ++m) {
    if (w.members.status[m] != member_status::member) continue;
    const double d = std::abs(w.members.position_of(m) - w.national.executive_median);
    if (d < 0.15) {
      x.near += w.members.loyalty_of(m);
      ++x.n_near;
    } else if (d > 0.6) {
      x.far += w.members.loyalty_of(m);
      ++x.n_far;
    }
  }
  x.near /= std::max(1, x.n_near);
  x.far /= std::max(1, x.n_far);
  return x;
}

}  // namespace

TEST(MemberExitR14, ThinningGivesTheExactRate) {
  // Every member identical: the weekly exit probability is sigma(e0 + e_distance d - e_loyalty l) exactly.
  const auto s = partyline::testing::tiny_scenario([](scenario& sc) {
    sc.weeks = 20;
    sc.events.clear();
    sc.councils[0].disputes.clear();
    sc.councils[0].members.count = 200000;
    coefficients(sc).R14.e0 = -4.0;
    coefficients(sc).R14.e_distance = 0.0;
    coefficients(sc).R14.e_loyalty = 0.0;
    coefficients(sc).R14.p_defect = 0.0;
  });
  world w = build_world(s, 1, 0);
  const double expected_week0 = 200000 * sigmoid(-4.0);
  member_exit::run(w, council_at(0));
  EXPECT_NEAR(static_cast<double>(w.councils[0].membership.left), expected_week0, 4 * std::sqrt(expected_week0));
}

TEST(MemberExitR14, CentralActionDrivesMembersOut) {
  auto leavers = [](double stock) {
    const auto s = partyline::testing::tiny_scenario([](scenario& sc) {
      sc.councils[0].members.count = 50000;
      sc.councils[0].disputes.clear();
    });
    world w = build_world(s, 1, 0);
    w.councils[0].centre.intervention_stock = static_cast<float>(stock);
    for (int week = 0; week < 10; ++week) {
      w.week = week;
      member_exit::run(w, council_at(0));
    }
    return w.councils[0].membership.left;
  };
  EXPECT_GT(leavers(3.0), 2 * leavers(0.0));
}

TEST(MemberExitR14, TheThinningBoundCoversEveryMember) {
  // Thinning is exact only if no member's exit probability exceeds the bound.
  const auto s = partyline::testing::tiny_scenario([](scenario& sc) { sc.councils[0].members.count = 5000; });
  world w = build_world(s, 2, 0);
  const auto& p = coefficients(*s).R14;
  const council_state& c = w.councils[0];
  for (double centre : {-0.9, -0.3, 0.0, 0.4, 1.0}) {
    const double reach = std::max(c.membership.exit_reach_right - p.e_distance * centre, c.membership.exit_reach_left + p.e_distance * centre);
    double worst = -1e9;
    for (std::uint64_t m = c.rows.member_begin; m < c.rows.member_end; ++m)
      worst = std::max(worst, p.e_distance * std::abs(w.members.position_of(m) - centre) - p.e_loyalty * w.members.loyalty_of(m));
    EXPECT_GE(reach, worst) << centre;
    EXPECT_LT(reach, worst + 1e-3) << "the bound is tight";
  }
}

TEST(MemberLoyaltyR14, CentralActionsCostTheLoyaltyOfMembersWhoDisagreeAndRallyThoseWhoAgree) {
  const auto s = tiny_scenario([](scenario& sc) {
    sc.weeks = 100;
    for (auto& c : sc.councils) c.members.position_sd = 0.5;  // members on both sides of the executive
  });
  world w = build_world(s, 1, 3);
  w.national.executive_median = 0.0;
  const loyalty_by_distance before = loyalty_near_and_far(w, 0);
  ASSERT_GT(before.n_near, 20);
  ASSERT_GT(before.n_far, 20);
  detail::central_action(w.councils[0], 3.0);  // e.g. three decisions of the executive about this council
  member_exit::react_to_central_actions(w, council_at(0));
  const loyalty_by_distance after = loyalty_near_and_far(w, 0);
  std::printf("loyalty near the executive %.3f -> %.3f, far from it %.3f -> %.3f\n", before.near, after.near, before.far, after.far);
  EXPECT_LT(after.far, before.far - 0.1);
  EXPECT_GT(after.near, before.near);
  // Once per action: reacting again without a new action changes nothing.
  const std::vector<std::uint8_t> snapshot(w.members.loyalty.begin(), w.members.loyalty.end());
  member_exit::react_to_central_actions(w, council_at(0));
  EXPECT_EQ(std::vector<std::uint8_t>(w.members.loyalty.begin(), w.members.loyalty.end()), snapshot);
}

TEST(MemberLoyaltyR14, MembersElsewhereDoNotReact) {
  const auto s = tiny_scenario([](scenario& sc) {
    sc.weeks = 100;
    sc.councils.push_back(sc.councils[0]);
    sc.councils[1].id = "othertown";
  });
  world w = build_world(s, 1, 3);
  ASSERT_EQ(w.councils.size(), 2u);
  const auto& other = w.councils[1].rows;
  const std::vector<std::uint8_t> before(w.members.loyalty.begin() + static_cast<std::ptrdiff_t>(other.member_begin),
                                         w.members.loyalty.begin() + static_cast<std::ptrdiff_t>(other.member_end));
  detail::central_action(w.councils[0], 3.0);
  member_exit::react_to_central_actions(w, council_at(0));
  member_exit::react_to_central_actions(w, council_at(1));
  const std::vector<std::uint8_t> after(w.members.loyalty.begin() + static_cast<std::ptrdiff_t>(other.member_begin),
                                        w.members.loyalty.begin() + static_cast<std::ptrdiff_t>(other.member_end));
  EXPECT_EQ(after, before);
}

TEST(RecruitmentR14, MembershipRisesWithThePartysStandingAndFallsWithoutIt) {
  auto change = [](double standing) {
    const auto s = tiny_scenario([&](scenario& sc) {
      sc.weeks = 104;
      sc.national.standing = standing;
      sc.councils[0].members.count = 4000;
    });
    std::int64_t joined = 0, net = 0;
    for (std::uint64_t run = 0; run < 5; ++run) {
      const auto r = simulate_run(s, 1, run, false, false);
      joined += r.counters[run_outcome::members_joined];
      net += r.counters[run_outcome::members_end] - r.counters[run_outcome::members_start];
    }
    return std::pair{joined / 5, net / 5};
  };
  const auto [joined_low, net_low] = change(-1.0);
  const auto [joined_high, net_high] = change(1.0);
  std::printf("two years, 4,000 members: standing -1 joins %lld (net %lld); standing +1 joins %lld (net %lld)\n",
              static_cast<long long>(joined_low), static_cast<long long>(net_low), static_cast<long long>(joined_high),
              static_cast<long long>(net_high));
  EXPECT_GT(joined_high, 2 * joined_low);
  EXPECT_GT(net_high, 0) << "membership can rise";
  EXPECT_LT(net_low, 0);
  EXPECT_LE(joined_high, static_cast<std::int64_t>(member_rows_for(4000, 0.25) - 4000)) << "no more recruits than rows kept";
}

// Issue 32 pt 4: the room for recruits is a fact of the scenario (national.member_room_share), not a constant: a
// surge like 2015-16's, when membership more than doubled, happens when the scenario makes room for it.
TEST(RecruitmentR14, ASurgeNeedsOnlyTheRoomTheScenarioStates) {
  auto joined = [](double room) {
    const auto s = tiny_scenario([&](scenario& sc) {
      sc.weeks = 208;
      sc.national.standing = 1.0;
      sc.national.member_room_share = room;
      sc.councils[0].members.count = 4000;
    });
    std::int64_t n = 0;
    for (std::uint64_t run = 0; run < 5; ++run) n += simulate_run(s, 1, run, false, false).counters[run_outcome::members_joined];
    return n / 5;
  };
  const std::int64_t capped = joined(0.25), surge = joined(3.0);
  std::printf("four years at standing +1, 4,000 members: room 0.25 joins %lld, room 3.0 joins %lld\n", static_cast<long long>(capped),
              static_cast<long long>(surge));
  EXPECT_LE(capped, 1000);
  EXPECT_GT(surge, 1500);
  EXPECT_LE(surge, 12000);
}
