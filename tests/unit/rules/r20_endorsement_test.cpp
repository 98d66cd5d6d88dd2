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
};

/// Every sitting councillor of the group has just been reselected by the members; the panel meets once.
world endorse_once(const setting& x, std::uint64_t run) {
  const auto s = tiny_scenario([&](scenario& sc) {
    sc.weeks = 200;
    sc.executive.powers.refuse_endorsement = x.powers;
  });
  world w = build_world(s, 1, run);
  council_state& c = w.councils[0];
  w.week = 60;
  c.electoral.next_election = w.week + x.weeks_to_election;
  c.selections.central_from = -1;
  c.centre.special_measures = false;
  w.national.executive_centralism = x.centralism;
  w.national.executive_median = 0.0;
  for (std::uint32_t r : detail::group_rows(w, c)) {
    w.councillors.selection[r] = selection_state::reselected;
    w.councillors.endorsement[r] = endorsement_state::pending;
    w.councillors.position[r] = static_cast<float>(-x.distance);
    w.councillors.dissent[r] = 0;
  }
  endorsement::run(w, 0);
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
    for (std::uint32_t row : detail::group_rows(early, early.councils[0]))
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
      const auto leader = static_cast<std::uint32_t>(c.leadership.leader);
      EXPECT_EQ(w.councillors.endorsement[leader], endorsement_state::endorsed);
      c.centre.allegation = static_cast<float>(severity);
      c.centre.accused = leader;
      c.centre.allegation_reviewed = false;
      ++w.week;
      endorsement::run(w, 0);
      EXPECT_TRUE(c.centre.allegation_reviewed);
      n += w.councillors.endorsement[leader] == endorsement_state::refused;
      const auto after_review = tally(w, event::endorsement_refused);
      ++w.week;
      endorsement::run(w, 0);  // looked at once: no second review of the same allegation
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
