// The policy space (cross-cutting): distances are salience-weighted sums over the declared axes; the party's own
// councillors and members each stand somewhere on every axis (drawn around their local means with the axis' spread),
// the executive and other parties at their declared places (world.space).
#include <gtest/gtest.h>

#include <cmath>

#include "partyline/rules/satisfaction.hpp"
#include "rule_fixtures.hpp"

using namespace partyline;
using namespace partyline::rule_fixtures;

namespace {
frozen_scenario two_axis_tiny() {
  return partyline::testing::tiny_scenario([](scenario& sc) {
    axis_def constitution{"constitution", "constitution", 0.5};
    constitution.spread = 0.3;
    sc.axes = {axis_def{"left_right", "left-right", 2.0}, constitution};
    for (auto& p : sc.parties) p.more[1] = p.id == sc.party ? 0.6 : -0.4;
    sc.executive.more[1] = 0.2;
    sc.councils[0].group.more[1] = 0.6;
    sc.councils[0].members.more[1] = -0.1;  // local members at odds with their party on the second axis
    sc.councils[0].members.count = 4000;
  });
}
}  // namespace

TEST(PolicySpace, DistancesAreSalienceWeightedOverTheDeclaredAxes) {
  const auto s = two_axis_tiny();
  const policy_point a{0.1, 0.6, 0, 0}, b{-0.3, -0.4, 0, 0};
  EXPECT_DOUBLE_EQ(s->distance(a, b), 2.0 * 0.4 + 0.5 * 1.0);
  const world w = build_world(s, 1, 0);
  EXPECT_DOUBLE_EQ(w.space.first_salience, 2.0);
  ASSERT_EQ(w.space.others, 1);
  EXPECT_DOUBLE_EQ(w.space.salience[0], 0.5);
  EXPECT_DOUBLE_EQ(w.space.executive[0], 0.2);
  const auto other = static_cast<std::size_t>(s->party_index == 0 ? 1 : 0);
  EXPECT_DOUBLE_EQ(w.space.party[other][0], -0.4);
  EXPECT_DOUBLE_EQ(detail::distance(w, detail::place{0.1, {0.6}}, detail::place{-0.3, {-0.4}}), 2.0 * 0.4 + 0.5 * 1.0);

  // Members stand around their local mean (-0.1, sd 0.3) on the second axis, councillors around the group's (0.6).
  const council_state& c = w.councils[0];
  double sum = 0, sum2 = 0;
  const double n = static_cast<double>(c.rows.member_end - c.rows.member_begin);
  for (const member_id m : c.rows.members()) {
    const double y = detail::member_place(w, m).more[0];
    sum += y;
    sum2 += y * y;
  }
  const double mean = sum / n, sd = std::sqrt(sum2 / n - mean * mean);
  std::printf("members on the second axis: mean %+.3f, sd %.3f\n", mean, sd);
  EXPECT_NEAR(mean, -0.1, 0.02);
  EXPECT_NEAR(sd, 0.3, 0.02);
  double group_sum = 0;
  int group = 0;
  for (const councillor_id r : detail::group_rows(w, c)) {
    const detail::place at = detail::councillor_place(w, r);
    group_sum += at.more[0];
    ++group;
    // A councillor's distance from the executive is theirs on both axes.
    EXPECT_NEAR(detail::distance(w, at, detail::centre_place(w, -0.3)), 2.0 * std::abs(at.x + 0.3) + 0.5 * std::abs(at.more[0] - 0.2),
                1e-9);
  }
  EXPECT_NEAR(group_sum / group, 0.6, 0.25);
  // Another party's councillors stand at their party's place.
  for (const councillor_id r : c.rows.councillors())
    if (w.councillors.party[r] == other) {
      EXPECT_NEAR(detail::councillor_place(w, r).more[0], -0.4, 1e-6);
    }
}

// R14's thinning bound covers every axis: no member's exit score is above it, wherever the executive stands.
TEST(PolicySpace, TheExitBoundHoldsOverEveryAxis) {
  const auto s = two_axis_tiny();
  world w = build_world(s, 2, 0);
  const auto& p = coefficients(*s).R14;
  const council_state& c = w.councils[0];
  for (double centre : {-0.9, -0.3, 0.0, 0.4, 1.0}) {
    const double slope = p.e_distance * w.space.first_salience;
    const double reach = std::max(c.membership.exit_reach_right - slope * centre, c.membership.exit_reach_left + slope * centre) +
                         c.membership.exit_reach_more;
    double worst = -1e9;
    for (const member_id m : c.rows.members())
      worst = std::max(worst, p.e_distance * detail::distance(w, detail::member_place(w, m), detail::centre_place(w, centre)) -
                                  p.e_loyalty * w.members.loyalty_of(m));
    EXPECT_GE(reach, worst) << centre;
  }
}

// Each councillor's own place on a second axis counts in their reselection (R5): members who stand apart from their
// party on a salient constitutional question deselect the councillors who stand with the party there, not those who
// stand with them; with the axis given no salience, where a councillor stands on it makes no difference.
TEST(PolicySpace, MembersDeselectCouncillorsWhoStandApartFromThemOnASalientAxis) {
  const auto loss_by_side = [](double salience) {
    const auto s = partyline::testing::tiny_scenario([&](scenario& sc) {
      axis_def constitution{"constitution", "constitution", salience};
      constitution.spread = 0.4;
      sc.axes = {axis_def{"left_right", "left-right", 1.0}, constitution};
      sc.weeks = 40;
      sc.events.clear();
      auto& c = sc.councils[0];
      c.disputes.clear();
      c.seats = {};
      c.seats.set("lab", 40);
      c.seats.set("con", 10);
      c.seats_per_ward = 2;
      c.election_weeks = {38};
      c.group.position = -0.3;
      c.group.position_sd = 0.05;
      c.group.leader.position = -0.3;
      c.group.more[1] = 0.0;
      c.members.position = -0.3;  // no quarrel on the first axis
      c.members.position_sd = 0.05;
      c.members.faction_share = 0;
      c.members.count = 3000;
      c.members.more[1] = -0.6;
      sc.executive.left_share = 0.0;  // no request, no intervention: members alone decide
    });
    int near = 0, far = 0, near_lost = 0, far_lost = 0;
    for (std::uint64_t run = 0; run < 20; ++run) {
      world w = build_world(s, 1, run);
      for (int week = 0; week < 37; ++week) step_week(w);
      const auto& c = w.councils[0];
      for (const councillor_id r : detail::group_rows(w, c)) {
        if (r == c.leadership.leader) continue;
        const double y = detail::councillor_place(w, r).more[0];
        if (std::abs(y) < 0.3) continue;
        const bool lost = w.councillors.selection[r] == selection_state::deselected_members ||
                          w.councillors.selection[r] == selection_state::withdrawn;
        (y > 0 ? far : near) += 1;
        (y > 0 ? far_lost : near_lost) += lost;
      }
    }
    EXPECT_GT(near, 50);
    EXPECT_GT(far, 50);
    return std::pair{static_cast<double>(near_lost) / near, static_cast<double>(far_lost) / far};
  };
  const auto [near_salient, far_salient] = loss_by_side(1.5);
  const auto [near_none, far_none] = loss_by_side(0.0);
  std::printf("councillors lost at reselection: salient axis -- standing with the members %.3f, with the party %.3f; "
              "no salience -- %.3f, %.3f\n",
              near_salient, far_salient, near_none, far_none);
  EXPECT_GT(far_salient, near_salient + 0.15);
  EXPECT_LT(std::abs(far_none - near_none), 0.08);
}

// A councillor the centre chose stands where the centre does on the other axes; one the members chose, where they do.
TEST(PolicySpace, ANewCouncillorStandsWhereWhoeverChoseThemStands) {
  const auto places_after_election = [](bool central) {
    const auto s = partyline::testing::tiny_scenario([&](scenario& sc) {
      sc.axes = {axis_def{"left_right", "left-right", 1.0}, axis_def{"constitution", "constitution", 1.0}};
      sc.weeks = 8;
      sc.events.clear();
      sc.executive.more[1] = 0.8;
      auto& c = sc.councils[0];
      c.disputes.clear();
      c.election_weeks = {5};
      c.group.more[1] = -0.6;
      c.members.more[1] = -0.6;
      coefficients(sc).independents.s0 = -20.0;  // nobody deselected stands against the party
      coefficients(sc).R5.window_open_weeks_before = 4;
      coefficients(sc).R5.window_close_weeks_before = 1;
      if (central) {
        coefficients(sc).R6.d0 = 20.0;  // the central panel replaces every sitting councillor
        sc.events.push_back(event_def{0, event_kind::central_selection, "smalltown", "", "", 1.0, 100, "", 0, -1});
      }
    });
    world w = build_world(s, 1, 0);
    for (int week = 0; week < 7; ++week) step_week(w);
    std::vector<double> places;
    for (const councillor_id r : detail::group_rows(w, w.councils[0])) places.push_back(detail::councillor_place(w, r).more[0]);
    return places;
  };
  const auto by_centre = places_after_election(true), by_members = places_after_election(false);
  ASSERT_FALSE(by_centre.empty());
  ASSERT_FALSE(by_members.empty());
  int at_centre = 0;
  for (double y : by_centre) at_centre += std::abs(y - 0.8) < 1e-6;
  for (double y : by_members) EXPECT_NEAR(y, -0.6, 1e-6);  // reselected, or chosen by the members
  std::printf("after a central selection, %d of %zu of the group stand at the centre's place\n", at_centre, by_centre.size());
  EXPECT_GT(at_centre, static_cast<int>(by_centre.size()) / 2);
}

// The flagship policy (R15) sits on a declared axis (`group.policy.axis`): councillors far from it there are the less
// satisfied; where they stand on the first axis then does not bear on it.
TEST(PolicySpace, APolicyOnASecondAxisIsJudgedThere) {
  const auto s = partyline::testing::tiny_scenario([](scenario& sc) {
    axis_def constitution{"constitution", "constitution", 1.0};
    constitution.spread = 0.6;
    sc.axes = {axis_def{"left_right", "left-right", 1.0}, constitution};
    auto& g = sc.councils[0].group;
    g.more[1] = 0.0;
    g.policy.axis = "constitution";
    g.policy.axis_index = 1;
    g.policy.position = 0.8;
    g.policy.salience = 1.0;
    g.policy.stage = policy_stage::pursuing;
    sc.councils[0].seats = {};
    sc.councils[0].seats.set("lab", 40);
    sc.councils[0].seats.set("con", 10);
  });
  double near_sum = 0, far_sum = 0;
  int near = 0, far = 0;
  for (std::uint64_t run = 0; run < 20; ++run) {
    world w = build_world(s, 1, run);
    for (int week = 0; week < 30; ++week) {
      w.week = week;
      councillor_satisfaction::run(w, council_at(0));
    }
    const auto& c = w.councils[0];
    for (const councillor_id r : detail::group_rows(w, c)) {
      if (r == c.leadership.leader) continue;
      const double y = detail::councillor_place(w, r).more[0];
      if (y > 0.5) {
        near_sum += w.councillors.satisfaction[r];
        ++near;
      } else if (y < -0.3) {
        far_sum += w.councillors.satisfaction[r];
        ++far;
      }
    }
  }
  ASSERT_GT(near, 30);
  ASSERT_GT(far, 30);
  std::printf("satisfaction with a policy at +0.8 on the second axis: councillors near it %.3f, far from it %.3f\n",
              near_sum / near, far_sum / far);
  EXPECT_GT(near_sum / near, far_sum / far + 0.1);
}
