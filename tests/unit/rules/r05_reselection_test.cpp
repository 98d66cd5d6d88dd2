// R5 Reselection: the ward's active members reselect or deselect their sitting councillors.
#include <gtest/gtest.h>

#include <cstdio>
#include <vector>

#include "rule_fixtures.hpp"

using namespace partyline;
using namespace partyline::rule_fixtures;

TEST(ReselectionR5, FactionChallengesDeselectCentristsNotTheLeft) {
  const auto s = divided_group([](scenario& sc) {
    sc.weeks = 40;
    sc.councils[0].election_weeks = {38};
    sc.councils[0].members.count = 3000;
    sc.councils[0].members.faction_share = 0.35;
    sc.councils[0].members.faction_position = -0.65;
    sc.executive.left_share = 0.0;  // no request, no intervention: members alone decide
  });
  int centrists_lost = 0, left_lost = 0, centrists = 0, left = 0;
  for (std::uint64_t run = 0; run < 30; ++run) {
    world w = build_world(s, 1, run);
    for (int week = 0; week < 37; ++week) step_week(w);
    const auto& c = w.councils[0];
    for (const councillor_id r : c.rows.councillors()) {
      if (w.councillors.party[r] != 0 || r == c.leadership.leader) continue;
      const bool is_left = w.councillors.position[r] < -0.3f;
      const bool lost = w.councillors.selection[r] == selection_state::deselected_members ||
                        w.councillors.selection[r] == selection_state::withdrawn;
      (is_left ? left : centrists) += 1;
      (is_left ? left_lost : centrists_lost) += lost;
    }
  }
  ASSERT_GT(centrists, 50);
  ASSERT_GT(left, 50);
  // Over 30 runs the centrists' loss is about 0.34 (before recruitment too: the earlier 0.4 bound held only for the
  // first 10 runs); the left's about 0.002.
  EXPECT_GT(static_cast<double>(centrists_lost) / centrists, 0.25);
  EXPECT_LT(static_cast<double>(left_lost) / left, 0.05);
}

namespace {

/// Share of the mainstream councillors (not the leader) deselected or withdrawn by week 37 of 38, over `runs` runs of a
/// divided group whose members' organised faction (at -0.65) is `faction_share` of the membership.
double centrists_lost(double faction_share, int runs) {
  const auto s = divided_group([&](scenario& sc) {
    sc.weeks = 40;
    sc.councils[0].election_weeks = {38};
    sc.councils[0].members.count = 3000;
    sc.councils[0].members.faction_share = faction_share;
    sc.councils[0].members.faction_position = -0.65;
    sc.executive.left_share = 0.0;
  });
  int lost = 0, centrists = 0;
  for (std::uint64_t run = 0; run < static_cast<std::uint64_t>(runs); ++run) {
    world w = build_world(s, 1, run);
    for (int week = 0; week < 37; ++week) step_week(w);
    const auto& c = w.councils[0];
    for (const councillor_id r : c.rows.councillors()) {
      if (w.councillors.party[r] != 0 || r == c.leadership.leader || w.councillors.position[r] < -0.3f) continue;
      ++centrists;
      lost += w.councillors.selection[r] == selection_state::deselected_members ||
              w.councillors.selection[r] == selection_state::withdrawn;
    }
  }
  return centrists > 0 ? static_cast<double>(lost) / centrists : 0.0;
}

}  // namespace

// Issue 32 pt 3: the centrists' losses rise smoothly with the size of the members' organised faction (each ward's
// faction leads its challenge with a chance rising in its share of the active, R5 `lead_slope`; the wards' own
// shares differ, so the group's losses were smooth with the former 15% line too: measured, 0.086 against 0.079 at
// 0.10 and the same elsewhere -- this test holds the case-level behaviour, not the ward-level mechanism).
TEST(ReselectionR5, CentristsLossesRiseSmoothlyWithTheFactionsSize) {
  std::vector<double> lost;
  for (int i = 0; i <= 8; ++i) {
    lost.push_back(centrists_lost(0.05 * i, 60));
    std::printf("faction %.2f of the members: centrists lost %.3f\n", 0.05 * i, lost.back());
  }
  EXPECT_GT(lost.back(), lost.front() + 0.15) << "a large faction unseats more centrists";
  for (std::size_t k = 1; k < lost.size(); ++k) {
    EXPECT_GE(lost[k], lost[k - 1] - 0.05) << "fewer losses with a larger faction at step " << k;
    EXPECT_LE(lost[k] - lost[k - 1], 0.15) << "a switch between steps " << k - 1 << " and " << k;
  }
}
