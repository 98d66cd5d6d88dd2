// R17 Own initiative: the officers put a group on the executive's agenda -- a divided one, more readily under a
// centralist executive, or a united one that may lose control as polling day nears.
#include <gtest/gtest.h>

#include "rule_fixtures.hpp"

using namespace partyline;
using namespace partyline::rule_fixtures;

namespace {

/// Runs the officers' weekly look from `now` for `weeks` weeks: whether they put the group on the agenda.
bool raised_within(world& w, int weeks) {
  for (int week = now; week < now + weeks; ++week) {
    w.week = week;
    own_initiative::run(w, council_at(0));
    if (detail::pending(w, w.councils[0], own_initiative::item)) return true;
  }
  return false;
}

}  // namespace

TEST(OwnInitiativeR17, OfficersRaiseDividedGroupsUnderACentralistExecutiveFarMoreOften) {
  auto filings = [](const frozen_scenario& s, bool divided) {
    int n = 0;
    for (int r = 0; r < 40; ++r) {
      world w = build_world(s, 1, static_cast<std::uint64_t>(r));
      group_facts f;
      f.divided = divided;
      f.weeks_to_election = 30;
      set_facts(w, f);
      n += raised_within(w, 20);
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
      n += raised_within(w, 8);
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

// A scandal is a reason to act: a grave allegation against the group's leader is put to the body that decides it
// (the leader suspended pending an investigation), and the officers then put the local party itself on the agenda --
// a takeover of its selections, special measures or a removal -- far more often than after a slight allegation or
// none (the counterfactuals: the same council, the same runs).
TEST(OwnInitiativeR17, AGraveAllegationAgainstTheLeaderLeadsToSuspensionAnInvestigationAndTheCentreActing) {
  struct tally_of_runs {
    int suspended_and_investigated = 0, officers_raised = 0, acted_on_the_party = 0;
  };
  auto runs = [](double severity) {
    const auto s = partyline::testing::tiny_scenario([&](scenario& sc) {
      sc.weeks = 104;
      sc.events.clear();
      sc.executive.centralism_mean = 0.6;
      if (severity > 0) sc.events.push_back(partyline::testing::tiny_allegation(4, severity));
    });
    tally_of_runs t;
    for (int r = 0; r < 100; ++r) {
      world w = build_world(s, 1, static_cast<std::uint64_t>(r));
      for (int week = 0; week < s->weeks; ++week) step_week(w);
      const auto& tallies = w.councils[0].tallies;
      const auto n = [&](event e) { return tallies[static_cast<std::size_t>(e)].count; };
      t.suspended_and_investigated += n(event::decision_suspend_individuals) > 0 && n(event::investigation_concluded) > 0;
      t.officers_raised += n(event::monitoring) > 0;
      t.acted_on_the_party += n(event::decision_take_over_selections) + n(event::decision_special_measures) +
                                  n(event::decision_remove_leader) >
                              0;
    }
    return t;
  };
  const tally_of_runs grave = runs(0.9), slight = runs(0.15), none = runs(0);
  std::printf("of 100 runs -- grave allegation: suspended and investigated %d, officers raised the group %d, the centre acted on "
              "the party %d; slight: %d, %d, %d; none: %d, %d, %d\n",
              grave.suspended_and_investigated, grave.officers_raised, grave.acted_on_the_party, slight.suspended_and_investigated,
              slight.officers_raised, slight.acted_on_the_party, none.suspended_and_investigated, none.officers_raised,
              none.acted_on_the_party);
  EXPECT_GT(grave.suspended_and_investigated, 50);
  EXPECT_GT(grave.acted_on_the_party, none.acted_on_the_party + 10);
  EXPECT_GT(grave.acted_on_the_party, slight.acted_on_the_party + 5);
}

// A group's results at the polls: its losses over the last electoral cycle, against its seats a cycle ago -- the stated
// record until the run's own counts are a cycle old, then the latest count that is.
TEST(OwnInitiativeR17, AGroupsLossesAreMeasuredAgainstItsSeatsACycleAgoAndTheRecordRollsForward) {
  world w = build_world(centralist(), 1, 0);
  council_state& c = w.councils[0];
  auto& el = c.electoral;
  const auto party = static_cast<std::size_t>(w.scen->party_index);
  const int cycle = w.params->R13.results_cycle_weeks;
  el.seats_a_cycle_ago = 40;
  el.counts_kept = 0;
  w.week = 0;
  el.seats_by_party[party] = 30;
  EXPECT_DOUBLE_EQ(elections::results_decline(w, c), 0.25);  // 30 of the 40 a cycle ago
  el.seats_by_party[party] = 44;
  EXPECT_DOUBLE_EQ(elections::results_decline(w, c), 0.0);  // gains are no concern
  // Counts in the run (by thirds: one a year), each the group's seats after it.
  const int weeks[] = {52, 104, 156, 208, 260};
  const int seats[] = {36, 32, 30, 34, 38};
  for (int k = 0; k < 5; ++k) {
    w.week = weeks[k];
    el.seats_by_party[party] = seats[k];
    elections::record_count(w, el, seats[k]);
  }
  // At week 260 the record is still the one stated (no count of the run is a cycle old); at 52 + cycle the first
  // count is, and at 104 + cycle the second.
  w.week = 260;
  el.seats_by_party[party] = 38;
  EXPECT_NEAR(elections::results_decline(w, c), 0.05, 1e-12);
  w.week = 52 + cycle;
  el.seats_by_party[party] = 27;
  EXPECT_DOUBLE_EQ(elections::results_decline(w, c), 0.25);  // 27 of the 36 after week 52
  w.week = 104 + cycle;
  el.seats_by_party[party] = 24;
  EXPECT_DOUBLE_EQ(elections::results_decline(w, c), 0.25);  // 24 of the 32 after week 104
  // A later count drops the ones it supersedes, whose seats become the stated record's successor.
  w.week = 104 + cycle;
  elections::record_count(w, el, 24);
  EXPECT_EQ(el.seats_a_cycle_ago, 36);
  EXPECT_LE(el.counts_kept, 5);
  EXPECT_DOUBLE_EQ(elections::results_decline(w, c), 0.25);
  // A group with no seats a cycle ago has no losses to weigh.
  el.seats_a_cycle_ago = 0;
  el.counts_kept = 0;
  EXPECT_DOUBLE_EQ(elections::results_decline(w, c), 0.0);
}

// The officers weigh a group's losses: a united group in a safe-looking council (no control at risk, no election near)
// that has lost a third of its seats over the cycle is raised far more often than the same group that held them.
TEST(OwnInitiativeR17, OfficersRaiseAGroupThatLostSeatsOverTheCycleFarMoreOftenThanOneThatHeldThem) {
  auto filings = [](double lost) {
    int n = 0;
    for (int r = 0; r < 40; ++r) {
      world w = build_world(centralist(), 1, static_cast<std::uint64_t>(r));
      group_facts f;
      f.weeks_to_election = 30;
      set_facts(w, f);
      council_state& c = w.councils[0];
      const auto party = static_cast<std::size_t>(w.scen->party_index);
      c.electoral.control = -1;  // no majority to lose
      c.electoral.counts_kept = 0;
      c.electoral.seats_a_cycle_ago =
          static_cast<std::int32_t>(std::lround(c.electoral.seats_by_party[party] / (1.0 - lost)));
      n += raised_within(w, 20);
    }
    return n;
  };
  const int lost_a_third = filings(1.0 / 3.0), held = filings(0.0);
  std::printf("united groups raised in 20 weeks (of 40): lost a third of their seats over the cycle %d, held them %d\n",
              lost_a_third, held);
  EXPECT_GE(lost_a_third, 15);
  EXPECT_LE(held, 2);
}
