// R20: the centre endorses the members' candidates, refuses some by distance, dissent and allegations (more under a
// centralising executive), lets the members choose again while the selection window is open and imposes after it.
#include <gtest/gtest.h>

#include <cmath>

#include "../../test_support.hpp"
#include "partyline/partyline.hpp"
#include "partyline/rules/detail/common.hpp"

using namespace partyline;
using partyline::testing::tiny_scenario;

namespace {

std::int64_t tally(const world& w, event e) { return w.councils[0].tallies[static_cast<std::size_t>(e)].count; }

struct setting {
  double centralism = 0.5;
  double distance = 1.0;      ///< of every candidate from the executive's median
  int weeks_to_election = 10;  ///< after the selection window (closes 18 weeks before) by default
  bool powers = true;
  /// The council's region as a tier: its powers and its board's make-up (no powers: the executive vets).
  tier_powers tier{};
  double tier_position = 0, tier_centralism = 0.5;
};

/// Every sitting councillor of the group has just been reselected by the members; the panel meets once.
world endorse_once(const setting& x, std::uint64_t run) {
  const auto s = tiny_scenario([&](scenario& sc) {
    sc.weeks = 200;
    sc.executive.powers.refuse_endorsement = x.powers;
    region_def& north = sc.regions[0];
    north.powers = x.tier;
    north.position = x.tier_position;
    north.position_sd = 0.02;
    north.centralism_mean = x.tier_centralism;
    north.centralism_sd = 0.02;
  });
  world w = build_world(s, 1, run);
  council_state& c = w.councils[0];
  w.week = 60;
  c.electoral.next_election = w.week + x.weeks_to_election;
  c.selections.central_from = -1;
  c.centre.special_measures = false;
  w.national.executive_centralism = x.centralism;
  w.national.executive_median = 0.0;
  for (const councillor_id r : detail::group_rows(w, c)) {
    w.councillors.selection[r] = selection_state::reselected;
    w.councillors.endorsement[r] = endorsement_state::pending;
    w.councillors.position[r] = static_cast<float>(-x.distance);
    w.councillors.dissent[r] = 0;
  }
  endorsement::run(w, council_at(0));
  return w;
}

double refusal_rate(const setting& x, int runs = 40) {
  std::int64_t refused = 0, candidates = 0;
  for (int r = 0; r < runs; ++r) {
    const world w = endorse_once(x, static_cast<std::uint64_t>(r));
    refused += tally(w, event::endorsement_refused);
    candidates += w.councils[0].derived.group_size;
  }
  return static_cast<double>(refused) / static_cast<double>(candidates);
}

}  // namespace

TEST(EndorsementR20, ACentralisingExecutiveRefusesDistantCandidatesAMemberLedOneDoesNot) {
  const double centralising = refusal_rate({.centralism = 0.9});
  const double member_led = refusal_rate({.centralism = 0.3});
  const double near = refusal_rate({.centralism = 0.9, .distance = 0.0});
  std::printf("refusal rate of candidates 1.0 from the executive: centralising %.3f, member-led %.3f; near ones %.3f\n",
              centralising, member_led, near);
  EXPECT_GT(centralising, 0.2);
  EXPECT_LT(member_led, 0.01);
  EXPECT_LT(near, 0.01);
}

TEST(EndorsementR20, TheMembersChooseAgainWhileTheWindowIsOpenAfterItTheCentreImposes) {
  std::int64_t refused_late = 0, imposed_late = 0, refused_early = 0, imposed_early = 0, pending_again = 0;
  for (int r = 0; r < 20; ++r) {
    const world late = endorse_once({.centralism = 0.95}, static_cast<std::uint64_t>(r));
    refused_late += tally(late, event::endorsement_refused);
    imposed_late += tally(late, event::candidate_imposed);
    const world early = endorse_once({.centralism = 0.95, .weeks_to_election = 30}, static_cast<std::uint64_t>(r));
    refused_early += tally(early, event::endorsement_refused);
    imposed_early += tally(early, event::candidate_imposed);
    for (const councillor_id row : detail::group_rows(early, early.councils[0]))
      if (early.councillors.selection[row] == selection_state::deselected_central) {
        pending_again += early.councillors.endorsement[row] == endorsement_state::pending;
        // The refused councillor is not the candidate; the members' new choice is, near the members (not the centre).
        EXPECT_EQ(early.councillors.status[row], councillor_status::deselected);
      }
  }
  ASSERT_GT(refused_late, 0);
  ASSERT_GT(refused_early, 0);
  EXPECT_EQ(imposed_late, refused_late);
  EXPECT_EQ(imposed_early, 0);
  EXPECT_EQ(pending_again, refused_early);
}

TEST(EndorsementR20, AnAllegationAgainstAnEndorsedCandidateMayCostTheirEndorsement) {
  auto withdrawn = [](double severity) {
    int n = 0;
    for (int r = 0; r < 100; ++r) {
      world w = endorse_once({.centralism = 0.5, .distance = 0.0}, static_cast<std::uint64_t>(r));
      council_state& c = w.councils[0];
      const councillor_id leader = c.leadership.leader;
      EXPECT_EQ(w.councillors.endorsement[leader], endorsement_state::endorsed);
      c.centre.allegation = static_cast<float>(severity);
      c.centre.accused = leader;
      w.councillors.complained_of[leader] = 1;  // the subject the allegation names
      c.centre.allegation_reviewed = false;
      ++w.week;
      endorsement::run(w, council_at(0));
      EXPECT_TRUE(c.centre.allegation_reviewed);
      n += w.councillors.endorsement[leader] == endorsement_state::refused;
      const auto after_review = tally(w, event::endorsement_refused);
      ++w.week;
      endorsement::run(w, council_at(0));  // looked at once: no second review of the same allegation
      EXPECT_EQ(tally(w, event::endorsement_refused), after_review);
    }
    return n / 100.0;
  };
  const double grave = withdrawn(0.95), slight = withdrawn(0.1);
  std::printf("endorsement withdrawn: grave allegation %.2f, slight %.2f\n", grave, slight);
  EXPECT_GT(grave, 0.4);
  EXPECT_LT(slight, 0.05);
}

TEST(EndorsementR20, AWithheldPowerIsNeverUsed) {
  EXPECT_EQ(refusal_rate({.centralism = 1.0, .powers = false}), 0.0);
}

// Any party's institutions (issue 16): where the council's region holds the selections as a tier (as Scottish and
// Welsh Labour's executives endorse their councils' candidates), its panel -- its board's median and centralism --
// decides, whatever the executive is minded; it imposes its own candidates around its own median; a tier with
// other powers only leaves the candidates to the executive.
TEST(EndorsementR20, ATierThatHoldsTheSelectionsDecidesInPlaceOfTheExecutive) {
  const tier_powers selections{.selections = true};
  const double harsh_executive = refusal_rate({.centralism = 0.9});
  const double easy_tier = refusal_rate({.centralism = 0.9, .tier = selections, .tier_position = -1.0, .tier_centralism = 0.1});
  const double easy_executive = refusal_rate({.centralism = 0.3});
  const double harsh_tier = refusal_rate({.centralism = 0.3, .tier = selections, .tier_position = 0.5, .tier_centralism = 0.95});
  const double other_powers = refusal_rate({.centralism = 0.9, .tier = {.coalition_sign_off = true, .discipline = true},
                                            .tier_position = -1.0, .tier_centralism = 0.1});
  const double executive_withheld = refusal_rate({.centralism = 0.3, .powers = false, .tier = selections,
                                                  .tier_position = 0.5, .tier_centralism = 0.95});
  std::printf("refusal rate of candidates at -1.0: a harsh executive %.3f, under an easy tier at -1.0 %.3f; an easy executive "
              "%.3f, under a harsh tier at +0.5 %.3f; a tier without the selections %.3f; the executive without the power, "
              "the harsh tier %.3f\n",
              harsh_executive, easy_tier, easy_executive, harsh_tier, other_powers, executive_withheld);
  EXPECT_GT(harsh_executive, 0.2);
  EXPECT_LT(easy_tier, 0.01);
  EXPECT_LT(easy_executive, 0.01);
  EXPECT_GT(harsh_tier, 0.2);
  EXPECT_NEAR(other_powers, harsh_executive, 1e-12);  // the same draws, the same panel
  EXPECT_NEAR(executive_withheld, harsh_tier, 1e-12);  // the tier's power is its own

  // After the window the harsh tier imposes its own candidates, around its median (+0.5), not the executive's (0).
  double sum = 0;
  int imposed = 0;
  for (int r = 0; r < 20; ++r) {
    const world w = endorse_once({.centralism = 0.3, .tier = selections, .tier_position = 0.5, .tier_centralism = 0.95},
                                 static_cast<std::uint64_t>(r));
    for (const councillor_id row : detail::group_rows(w, w.councils[0]))
      if (w.councillors.endorsement[row] == endorsement_state::refused) {
        sum += w.councillors.candidate_position[row];
        ++imposed;
      }
  }
  ASSERT_GT(imposed, 10);
  std::printf("the tier's imposed candidates stand at %+.2f on average (%d)\n", sum / imposed, imposed);
  EXPECT_GT(sum / imposed, 0.3);
}

// Issue 31 pt 7 (Rule Book ch. 2: a member who stands against an official Labour candidate is automatically
// ineligible to remain a member): at the close of nominations, each councillor the party dropped who is nominated
// against its candidate leaves the party and the group -- that week, not before and not at the count; one dropped who
// does not stand stays a member until the count; a leader so excluded is replaced.
TEST(EndorsementR20, AtTheCloseOfNominationsThoseStandingAgainstThePartyAreExcluded) {
  const auto s = tiny_scenario([](scenario& sc) { sc.weeks = 200; });
  world w = build_world(s, 1, 0);
  council_state& c = w.councils[0];
  auto& cl = w.councillors;
  const int election = 30, closes = election - w.params->R20.nominations_close_weeks_before;
  c.electoral.next_election = election;
  std::vector<councillor_id> group;
  for (const councillor_id r : detail::group_rows(w, c))
    if (r != c.leadership.leader) group.push_back(r);
  ASSERT_GE(group.size(), 2u);
  const councillor_id stands = group[0], stays = group[1], leader = c.leadership.leader;
  for (const councillor_id r : {stands, stays, leader}) cl.status[r] = councillor_status::deselected;
  cl.stands_independent[stands] = independent_stand::councillor;
  cl.stands_independent[leader] = independent_stand::councillor;
  const auto ind = s->party_id("ind");
  for (w.week = closes - 3; w.week < closes; ++w.week) endorsement::run(w, council_at(0));
  EXPECT_EQ(cl.party[stands], s->party_index) << "excluded before nominations close";
  EXPECT_EQ(tally(w, event::auto_excluded), 0);
  w.week = closes;
  endorsement::run(w, council_at(0));
  EXPECT_EQ(cl.party[stands], ind);
  EXPECT_EQ(cl.status[stands], councillor_status::independent);
  EXPECT_EQ(cl.party[leader], ind);
  EXPECT_EQ(cl.party[stays], s->party_index);  // dropped, not standing: a member until the count
  EXPECT_EQ(tally(w, event::auto_excluded), 1);
  EXPECT_EQ(w.councils[0].tallies[static_cast<std::size_t>(event::auto_excluded)].sum, 2);
  EXPECT_NE(c.leadership.leader, leader);
  EXPECT_NE(c.leadership.leader, nobody);
}
