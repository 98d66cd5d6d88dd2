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

// ---- the panel of candidates (issue 31 pt 6): a Local Campaign Forum panel interviews, the regional office approves ----

namespace {

/// Which of Labour's selection stages a run holds (the default bodies hold both).
struct stages {
  bool panel = true;   ///< lcf_panel: candidate_interview
  bool office = true;  ///< regional_office: candidate_list
};

/// Sitting councillors not the candidate again after the stages, by bloc, over `runs` runs: a group of a left bloc
/// (about -0.6) and a mainstream (about 0.15) whose local members stand at -0.6 and whose executive's median is 0.15.
/// Nobody contests a councillor the stages approve (`unopposed_within` 2), so only the stages end a candidacy; the
/// stages' intercept is lowered (`panel_b0` 2) so that each body's criteria show in a few runs.
struct stage_outcome {
  int left = 0, mainstream = 0;
  int left_off = 0, mainstream_off = 0;  ///< not the candidate again
  int by_members = 0, by_centre = 0;     ///< ... counted as the local party's or the centre's doing
  std::int64_t not_approved = 0;         ///< candidate_not_approved events (applicants included)
  int endorsed = 0, selected = 0;        ///< seats whose candidate the list approved for the party (R20 then only withdraws)
  [[nodiscard]] double left_share() const { return left > 0 ? static_cast<double>(left_off) / left : 0; }
  [[nodiscard]] double mainstream_share() const { return mainstream > 0 ? static_cast<double>(mainstream_off) / mainstream : 0; }
};

stage_outcome select_with(stages held, int runs) {
  const auto s = divided_group([&](scenario& sc) {
    sc.councils[0].election_weeks = {38};
    sc.councils[0].members.count = 3000;
    sc.councils[0].members.position = -0.6;
    sc.councils[0].members.position_sd = 0.1;
    sc.councils[0].members.faction_share = 0.0;
    sc.executive.left_share = 0.0;
    coefficients(sc).R5.panel_b0 = 2.0;
    coefficients(sc).R5.unopposed_within = 2.0;
    std::erase_if(sc.institutions.bodies, [&](const body_def& b) {
      return (!held.panel && b.id == "lcf_panel") || (!held.office && b.id == "regional_office");
    });
  });
  stage_outcome out;
  for (std::uint64_t run = 0; run < static_cast<std::uint64_t>(runs); ++run) {
    world w = build_world(s, 1, run);
    w.executive.median_position = 0.15;  // the regional official acts at the executive's median
    for (auto& m : w.executive.members) m.centralism = m.own_centralism = 0.5f;
    for (const councillor_id r : w.councils[0].rows.councillors()) w.councillors.dissent[r] = 0;
    for (int week = 0; week < 38; ++week) {
      w.week = week;
      council_calendar::run(w, council_at(0));  // the next election
      reselection::run(w, council_at(0));       // R5 alone: the selection window's meetings
    }
    const auto& c = w.councils[0];
    out.not_approved += c.tallies[static_cast<std::size_t>(event::candidate_not_approved)].count;
    for (const councillor_id r : c.rows.councillors()) {
      if (w.councillors.party[r] != 0) continue;
      const auto st = w.councillors.selection[r];
      const bool is_left = w.councillors.position[r] < -0.3f, off = st != selection_state::reselected;
      (is_left ? out.left : out.mainstream) += 1;
      (is_left ? out.left_off : out.mainstream_off) += off;
      out.by_members += st == selection_state::deselected_members;
      out.by_centre += st == selection_state::deselected_central;
      out.selected += st != selection_state::undecided;
      out.endorsed += w.councillors.endorsement[r] == endorsement_state::endorsed;
    }
  }
  return out;
}

}  // namespace

TEST(ReselectionR5, EachSelectionStageJudgesApplicantsByWhereItsOwnMembersStand) {
  const stage_outcome panel = select_with({.panel = true, .office = false}, 20);
  const stage_outcome office = select_with({.panel = false, .office = true}, 20);
  std::printf("not the candidate again -- the LCF panel alone: left %.2f, mainstream %.2f; the regional office alone: left %.2f, "
              "mainstream %.2f\n",
              panel.left_share(), panel.mainstream_share(), office.left_share(), office.mainstream_share());
  ASSERT_GT(panel.left, 100);
  ASSERT_GT(panel.mainstream, 100);
  // The local party's panel, its members at -0.6, keeps the mainstream off the panel; the regional office, acting at
  // the executive's median (0.15), keeps the left off.
  EXPECT_GT(panel.mainstream_share(), panel.left_share() + 0.15);
  EXPECT_GT(office.left_share(), office.mainstream_share() + 0.15);
  // Whose decision it was: the local party's panel is the local party's (deselected by members), the office's the centre's.
  EXPECT_GT(panel.by_members, 0);
  EXPECT_EQ(panel.by_centre, 0);
  EXPECT_GT(office.by_centre, 0);
  EXPECT_EQ(office.by_members, 0);
  // Only a list the regional office approves speaks for the party: with the LCF panel alone the executive's panel
  // still endorses (R20); with the office every selected candidate is endorsed.
  EXPECT_EQ(panel.endorsed, 0);
  EXPECT_EQ(office.endorsed, office.selected);
}

TEST(ReselectionR5, WithoutBodiesHoldingTheStagesNobodyIsInterviewed) {
  const stage_outcome none = select_with({.panel = false, .office = false}, 10);
  EXPECT_EQ(none.not_approved, 0);
  EXPECT_EQ(none.left_off + none.mainstream_off, 0);  // unopposed: the members reselect everyone
  const stage_outcome both = select_with({.panel = true, .office = true}, 10);
  EXPECT_GT(both.not_approved, 0);
  // Both stages: each keeps off those far from its own members, so both blocs lose candidacies.
  EXPECT_GT(both.left_share(), 0.1);
  EXPECT_GT(both.mainstream_share(), 0.1);
}
