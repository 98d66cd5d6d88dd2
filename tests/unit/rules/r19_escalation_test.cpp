// R19 The escalation ladder: the executive's steps against a group, through its real votes (R2), drastic ones only
// for a divided group and after a milder step failed, fewer under backlash, never a power withheld.
#include <gtest/gtest.h>

#include "rule_fixtures.hpp"

using namespace partyline;
using namespace partyline::rule_fixtures;

namespace {

/// The decision on an urgent officers' item (decided at an emergency meeting this week), in run `run`.
const motion_def* decide_once(const frozen_scenario& s, int run, const group_facts& f) {
  world w = build_world(s, 1, static_cast<std::uint64_t>(run));
  set_facts(w, f);
  agenda_item item = detail::new_item(w, council_at(0), own_initiative::item, 0.95, f.complaint_strength, w.national.executive_median);
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
    w.outbox[0].push_back(detail::new_item(w, council_at(0), own_initiative::item, 0.95, 1.0, w.national.executive_median));
    central_phase(w);
    if (w.institutions.published.empty() || !w.institutions.published.front().is(central_selection::take_over_selections)) continue;
    EXPECT_FALSE(central_selection::applies(w, w.councils[0]));
    apply_phase(w, council_at(0));
    EXPECT_TRUE(central_selection::applies(w, w.councils[0]));
    EXPECT_EQ(w.councils[0].tallies[static_cast<std::size_t>(event::central_selection)].count, 1);
    return;
  }
  FAIL() << "no takeover in 100 runs";
}

// Issue 32 pt 3: no coefficient zeroes a rule below a threshold. The weight a member gives the evidence is positive at
// every centralism, rises with it without a jump, and is 1 at 0.5; the old `max(0, 1 + 15 (c - 0.5))` was exactly 0
// below 0.433, so an executive of 0.4 could never take a drastic step whatever the evidence.
TEST(Escalation, TheWeightOfEvidenceIsGradedWithNoCentralismBelowWhichItVanishes) {
  const world w = build_world(partyline::testing::tiny_scenario(), 1, 0);
  EXPECT_NEAR(escalation::weight_of_evidence(w, 0.5), 1.0, 1e-12);
  double before = 0;
  for (int i = 0; i <= 100; ++i) {
    const double c = i / 100.0, weight = escalation::weight_of_evidence(w, c);
    EXPECT_GT(weight, before) << "at centralism " << c;      // positive and rising
    EXPECT_LT(weight - before, 0.15) << "at centralism " << c;  // no jump between neighbours 0.01 apart
    before = weight;
  }
  EXPECT_GT(escalation::weight_of_evidence(w, 0.4), 0.3);   // an autonomist can be moved, by more evidence
  EXPECT_GT(escalation::weight_of_evidence(w, 0.8), 4.0);   // a centraliser acts on much less
}
