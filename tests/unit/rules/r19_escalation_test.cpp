// R17 (the officers' own initiative), R19 (the escalation ladder) and the executive's powers, through the executive's
// real votes (R2); a directly elected mayor's protection (R21).
#include <gtest/gtest.h>

#include "../../test_support.hpp"
#include "partyline/partyline.hpp"
#include "partyline/rules/detail/common.hpp"

using namespace partyline;
using partyline::testing::tiny_scenario;

namespace {

constexpr int now = 10;

/// The facts about the group the executive decides on.
struct group_facts {
  bool divided = false;
  bool investigated = false;
  int weeks_to_election = 200;
  int advice_refused = 0;
  double complaint_strength = 0.1;
};

void set_facts(world& w, const group_facts& f) {
  council_state& c = w.councils[0];
  w.week = now;
  // Divided: two in five of the group dissatisfied and a letter published (division index about 0.6).
  c.derived.dissatisfied = f.divided ? (c.derived.group_size - 1) * 2 / 5 : 0;
  c.division.stock = f.divided ? 1.0f : 0.0f;
  c.centre.investigation_until = f.investigated ? now + 20 : -1;
  c.electoral.next_election = now + f.weeks_to_election;
  c.centre.advice_refused = f.advice_refused;
}

/// The decision on an urgent officers' item (decided at an emergency meeting this week), in run `run`.
const motion_def* decide_once(const frozen_scenario& s, int run, const group_facts& f) {
  world w = build_world(s, 1, static_cast<std::uint64_t>(run));
  set_facts(w, f);
  agenda_item item = detail::new_item(w, 0, own_initiative::item, 0.95, f.complaint_strength, w.national.executive_median);
  w.outbox[0].push_back(item);
  central_phase(w);
  return w.institutions.published.empty() ? nullptr : w.institutions.published.front().motion;
}

struct shares {
  double drastic = 0, special_measures = 0, take_over = 0;
};

shares decide_many(const frozen_scenario& s, const group_facts& f, int runs = 300) {
  shares out;
  for (int r = 0; r < runs; ++r) {
    const motion_def* k = decide_once(s, r, f);
    out.special_measures += k == &executive_decision::special_measures;
    out.take_over += k == &central_selection::take_over_selections;
    out.drastic += k && k->rung >= 2;
  }
  out.drastic /= runs;
  out.special_measures /= runs;
  out.take_over /= runs;
  return out;
}

/// Deeply divided, under investigation, an election in 8 weeks, the executive's advice refused once, the whole
/// group behind the complaint.
group_facts crisis_facts() {
  group_facts f;
  f.divided = true;
  f.investigated = true;
  f.weeks_to_election = 8;
  f.advice_refused = 1;
  f.complaint_strength = 1.0;
  return f;
}

frozen_scenario centralist(const std::function<void(scenario&)>& more = {}) {
  return tiny_scenario([&](scenario& sc) {
    sc.weeks = 60;
    sc.executive.centralism_mean = 0.65;
    if (more) more(sc);
  });
}

}  // namespace

TEST(EscalationR19, ADividedInvestigatedGroupFacingAnElectionGetsDrasticStepsAUnitedOneAlmostNever) {
  const auto s = centralist();
  const shares hard = decide_many(s, crisis_facts());
  const shares mild = decide_many(s, group_facts{});
  std::printf("divided, investigated, election near, advice refused: drastic %.2f (special measures %.2f, takeover %.2f); "
              "united, minor complaint: drastic %.2f\n",
              hard.drastic, hard.special_measures, hard.take_over, mild.drastic);
  EXPECT_GE(hard.drastic, 0.3);
  EXPECT_GE(hard.special_measures + hard.take_over, 0.3);
  EXPECT_LE(mild.drastic, 0.02);
}

TEST(EscalationR19, SpecialMeasuresWaitForAMilderStepToFail) {
  const auto s = centralist();
  group_facts f = crisis_facts();
  f.advice_refused = 0;
  EXPECT_EQ(decide_many(s, f, 200).special_measures, 0.0) << "rung 3 is closed until advice has been refused";
  f.advice_refused = 1;
  EXPECT_GT(decide_many(s, f, 200).special_measures, 0.0);
}

TEST(EscalationR19, BacklashCutsTheWillingnessToEscalate) {
  group_facts f;  // divided, an election in 30 weeks: taking over the selections is the step on the menu
  f.divided = true;
  f.weeks_to_election = 30;
  f.complaint_strength = 1.0;
  const shares calm = decide_many(centralist(), f);
  const shares chastened = decide_many(centralist([](scenario& sc) { sc.executive.backlash = 2.0; }), f);
  EXPECT_LT(chastened.drastic, calm.drastic - 0.2);
}

TEST(EscalationR19, AWithheldPowerIsNeverPutToTheVote) {
  group_facts f;
  f.divided = true;
  f.weeks_to_election = 30;
  f.complaint_strength = 1.0;
  EXPECT_GT(decide_many(centralist(), f).take_over, 0.1);
  const auto s = centralist([](scenario& sc) { sc.executive.powers.take_over_selections = false; });
  EXPECT_EQ(decide_many(s, f).take_over, 0.0);
}

TEST(EscalationR19, TakingOverSelectionsHandsThemToTheCentralPanel) {
  const auto s = centralist();
  group_facts f;
  f.divided = true;
  f.weeks_to_election = 30;
  f.complaint_strength = 1.0;
  for (int r = 0; r < 100; ++r) {
    world w = build_world(s, 1, static_cast<std::uint64_t>(r));
    set_facts(w, f);
    w.outbox[0].push_back(detail::new_item(w, 0, own_initiative::item, 0.95, 1.0, w.national.executive_median));
    central_phase(w);
    if (w.institutions.published.empty() || !w.institutions.published.front().is(central_selection::take_over_selections)) continue;
    EXPECT_FALSE(central_selection::applies(w, w.councils[0]));
    apply_phase(w, 0);
    EXPECT_TRUE(central_selection::applies(w, w.councils[0]));
    EXPECT_EQ(w.councils[0].tallies[static_cast<std::size_t>(event::central_selection)].count, 1);
    return;
  }
  FAIL() << "no takeover in 100 runs";
}

TEST(OwnInitiativeR17, OfficersRaiseDividedGroupsUnderACentralistExecutiveFarMoreOften) {
  auto filings = [](const frozen_scenario& s, bool divided) {
    int n = 0;
    for (int r = 0; r < 40; ++r) {
      world w = build_world(s, 1, static_cast<std::uint64_t>(r));
      group_facts f;
      f.divided = divided;
      f.weeks_to_election = 30;
      set_facts(w, f);
      for (int week = now; week < now + 20; ++week) {
        w.week = week;
        own_initiative::run(w, 0);
        if (detail::pending(w, w.councils[0], own_initiative::item)) {
          ++n;
          break;
        }
      }
    }
    return n;
  };
  const int divided_centralist = filings(centralist(), true);
  const int united_centralist = filings(centralist(), false);
  const int divided_pluralist = filings(tiny_scenario([](scenario& sc) { sc.executive.centralism_mean = 0.35; }), true);
  std::printf("groups raised in 20 weeks (of 40): divided/centralist %d, united/centralist %d, divided/pluralist %d\n",
              divided_centralist, united_centralist, divided_pluralist);
  EXPECT_GE(divided_centralist, 20);
  EXPECT_LE(united_centralist, 2);
  EXPECT_LT(divided_pluralist, divided_centralist / 2);
}

TEST(OwnInitiativeR17, OfficersRaiseAUnitedGroupThatMayLoseControlAsPollingDayNears) {
  // A united group holding the council by one seat (at risk) or by a wide margin, its election 25 weeks away (its
  // selections still open, so the executive could act) or 100.
  auto filings = [](bool slim, int weeks_to_election) {
    int n = 0;
    for (int r = 0; r < 40; ++r) {
      world w = build_world(centralist(), 1, static_cast<std::uint64_t>(r));
      group_facts f;
      f.weeks_to_election = weeks_to_election;
      set_facts(w, f);
      council_state& c = w.councils[0];
      const int seats = c.rows.seats();
      const auto party = static_cast<std::size_t>(w.scen->party_index);
      c.electoral.control = w.scen->party_index;
      c.electoral.seats_by_party = {};
      c.electoral.seats_by_party[party] = slim ? seats / 2 + 1 : seats;
      EXPECT_EQ(own_initiative::control_at_risk(w, c) > 0.5, slim);
      for (int week = now; week < now + 8; ++week) {
        w.week = week;
        own_initiative::run(w, 0);
        if (detail::pending(w, c, own_initiative::item)) {
          ++n;
          break;
        }
      }
    }
    return n;
  };
  const int slim_near = filings(true, 25), slim_far = filings(true, 100), safe_near = filings(false, 25);
  std::printf("united groups raised in 8 weeks (of 40): slim majority, election near %d; far %d; safe majority, near %d\n",
              slim_near, slim_far, safe_near);
  EXPECT_GE(slim_near, 8);
  EXPECT_LE(slim_far, 1);
  EXPECT_LE(safe_near, 1);
}

TEST(MayorR21, TheGroupCannotVoteOutADirectlyElectedMayor) {
  auto challenges = [](bool mayor) {
    const auto s = tiny_scenario([&](scenario& sc) { sc.councils[0].group.leader.directly_elected = mayor; });
    world w = build_world(s, 1, 0);
    council_state& c = w.councils[0];
    w.week = 200;
    for (std::uint32_t r : detail::group_rows(w, c)) w.councillors.satisfaction[r] = -1.0f;
    c.derived.dissatisfied = c.derived.group_size - 1;
    leadership_challenge::run(w, 0);
    return c.tallies[static_cast<std::size_t>(event::leadership_challenge)].count;
  };
  EXPECT_EQ(challenges(false), 1);
  EXPECT_EQ(challenges(true), 0);
}
