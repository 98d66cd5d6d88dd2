// R21: a directly elected mayor -- the party's candidate chosen by the members from a shortlist the centre
// approves, the contest across the whole area, the mayor leading the administration and answering to the voters, not
// to a group vote.
#include <gtest/gtest.h>

#include "../../test_support.hpp"
#include "partyline/outcome/collect.hpp"
#include "partyline/partyline.hpp"
#include "partyline/rules/detail/common.hpp"

using namespace partyline;
using partyline::testing::tiny_scenario;

namespace {

std::int64_t tally(const world& w, event e) { return w.councils[0].tallies[static_cast<std::size_t>(e)].count; }

/// Smalltown with a Labour mayor and a mayoral contest at week 40 (its council election too); `more` edits further.
frozen_scenario mayoral(const std::function<void(scenario&)>& more = {}) {
  return tiny_scenario([&](scenario& sc) {
    sc.weeks = 45;
    sc.events.clear();
    auto& c = sc.councils[0];
    c.disputes.clear();
    c.election_weeks = {40};
    c.members.count = 1500;
    c.group.leader.directly_elected = true;
    c.group.leader.position = -0.3;
    c.mayor.election_weeks = {40};
    coefficients(sc).R8.b0_new = -50;
    if (more) more(sc);
  });
}

}  // namespace

TEST(MayorR21, TheMembersSelectFromTheShortlistAndTheAreaElectsTheMayor) {
  const auto s = mayoral();
  std::int64_t selections = 0, contests = 0;
  int held = 0;
  for (int r = 0; r < 20; ++r) {
    world w = build_world(s, 1, static_cast<std::uint64_t>(r));
    ASSERT_EQ(w.councils[0].mayoralty.party, s->party_index);
    for (int week = 0; week < 45; ++week) step_week(w);
    selections += tally(w, event::mayoral_selection);
    contests += tally(w, event::mayor_elected);
    held += w.councils[0].mayoralty.party == s->party_index;
    // The mayor leads the administration.
    EXPECT_EQ(w.councils[0].electoral.administration, 1u << static_cast<std::size_t>(w.councils[0].mayoralty.party));
  }
  EXPECT_EQ(selections, 20);
  EXPECT_EQ(contests, 20);
  EXPECT_GE(held, 15);  // Labour's seat-weighted share is the largest: it usually holds the office
}

TEST(MayorR21, ASwingAgainstThePartyCostsItTheMayoraltyAndTheGroupChoosesItsLeaderAgain) {
  const auto s = mayoral([](scenario& sc) {
    sc.national.swing.set("con", 0.3);
    sc.national.swing.set("lab", -0.3);
  });
  world w = build_world(s, 1, 0);
  for (int week = 0; week < 45; ++week) step_week(w);
  const council_state& c = w.councils[0];
  EXPECT_EQ(c.mayoralty.party, 1);  // the Conservatives
  EXPECT_EQ(tally(w, event::mayoralty_lost), 1);
  EXPECT_FALSE(c.leadership.directly_elected);
  EXPECT_EQ(c.electoral.administration, 1u << 1);
}

TEST(MayorR21, ACentralisingExecutiveStrikesADistantMayorOffTheShortlistWhoMayStandAsAnIndependent) {
  auto struck = [](double centralism) {
    const auto s = mayoral([&](scenario& sc) {
      sc.executive.centralism_mean = centralism;
      sc.executive.left_share = 0.0;  // a right-wing executive ...
      sc.councils[0].group.leader.position = -0.9;  // ... and a far-left mayor
      sc.councils[0].mayor.following = 0.8;
      coefficients(sc).independents.s0 = 20.0;  // who stands against the party whenever they lose its candidacy
    });
    int refused = 0, rivals = 0;
    for (int r = 0; r < 20; ++r) {
      world w = build_world(s, 1, static_cast<std::uint64_t>(r));
      for (int week = 0; week < 39; ++week) step_week(w);
      refused += tally(w, event::endorsement_refused) > 0;
      rivals += w.councils[0].mayoralty.rival != nobody;
    }
    return std::pair{refused, rivals};
  };
  const auto [centralising, rivals] = struck(0.9);
  const auto [member_led, rivals_member_led] = struck(0.2);
  std::printf("the far-left mayor struck off: centralising executive %d of 20 (%d stand against the party), member-led %d\n",
              centralising, rivals, member_led);
  EXPECT_GE(centralising, 15);
  EXPECT_GE(rivals, centralising - 2);  // struck off, they stand (s0 = 20) unless they had already lost the ballot
  EXPECT_LE(member_led, 2);
  (void)rivals_member_led;
}

TEST(MayorR21, TheGroupCannotVoteOutADirectlyElectedMayor) {
  auto challenges = [](bool mayor) {
    const auto s = tiny_scenario([&](scenario& sc) { sc.councils[0].group.leader.directly_elected = mayor; });
    world w = build_world(s, 1, 0);
    council_state& c = w.councils[0];
    w.week = 200;
    for (const councillor_id r : detail::group_rows(w, c)) w.councillors.satisfaction[r] = -1.0f;
    c.derived.dissatisfied = c.derived.group_size - 1;
    leadership_challenge::run(w, council_at(0));
    return c.tallies[static_cast<std::size_t>(event::leadership_challenge)].count;
  };
  EXPECT_EQ(challenges(false), 1);
  EXPECT_EQ(challenges(true), 0);
}
