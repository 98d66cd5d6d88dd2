// central_actions (issue 32 pt 6): every action of the centre counts, each decision once; `interventions` keeps its
// narrower meaning.
#include <gtest/gtest.h>

#include "../../test_support.hpp"
#include "partyline/partyline.hpp"

using namespace partyline;
using partyline::testing::tiny_scenario;

// A takeover of selections is an action of the centre, though not one of the executive's four `interventions`.
TEST(CentralActions, ATakeoverOfSelectionsCountsThoughItIsNoIntervention) {
  const auto s = tiny_scenario([](scenario& sc) {
    sc.events.clear();
    sc.events.push_back(event_def{1, event_kind::central_selection, "smalltown", "", "", 1.0, 100, "", 0, -1});
    // Nothing else for the centre to act on: no industrial dispute to be referred over.
    sc.councils[0].disputes.clear();
    coefficients(sc).R8.b0_new = -50;
  });
  const run_result r = simulate_run(s, 3, 0, false, false);
  EXPECT_EQ(r.counters[run_outcome::interventions], 0);
  EXPECT_EQ(r.counters[run_outcome::central_actions], 1);
}

// A suspension counts once however many it suspends, and charges and an expulsion each count: a complaint against a
// faction that runs its course to a hearing is at least a suspension, charges and the verdict.
TEST(CentralActions, EachDecisionCountsOnceHoweverManyItTouches) {
  const auto s = tiny_scenario([](scenario& sc) {
    sc.weeks = 156;
    sc.events.clear();
    sc.events.push_back(partyline::testing::tiny_allegation(4, 0.8, allegation_subject::faction));
  });
  int checked = 0;
  for (std::uint64_t run = 0; run < 20; ++run) {
    const run_result r = simulate_run(s, 5, run, false, false);
    if (r.counters[run_outcome::members_expelled] == 0) continue;
    ++checked;
    // suspension (one decision, dozens suspended) + charges + the expulsion, at least; far fewer than the people.
    EXPECT_GE(r.counters[run_outcome::central_actions], 3);
    EXPECT_LT(r.counters[run_outcome::central_actions], r.counters[run_outcome::members_expelled]);
  }
  EXPECT_GT(checked, 5);
}
