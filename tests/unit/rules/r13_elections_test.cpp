// R13: ward elections by first past the post.
#include <gtest/gtest.h>

#include "rule_fixtures.hpp"

using namespace partyline;
using namespace partyline::rule_fixtures;

namespace {

frozen_scenario quiet_election(const std::function<void(scenario&)>& more = {}) {
  return tiny_scenario([&](scenario& s) {
    s.weeks = 10;
    s.events.clear();
    coefficients(s).R8.b0_new = -50;
    auto& c = s.councils[0];
    c.disputes.clear();
    c.seats = {};
    c.seats.set("lab", 30);
    c.seats.set("con", 24);
    c.seats_per_ward = 3;
    c.vote_shares = {};
    c.vote_shares.set("lab", 0.5);
    c.vote_shares.set("con", 0.5);
    c.election_weeks = {5};
    c.members.count = 2000;
    coefficients(s).R13.noise_sd = 0.0;
    coefficients(s).R13.candidate_sd = 0.0;
    coefficients(s).R13.campaign_bonus = 0.0;
    coefficients(s).R5.window_open_weeks_before = 100;  // the selection window closed before the run began
    coefficients(s).R5.window_close_weeks_before = 50;
    if (more) more(s);
  });
}

}  // namespace

TEST(ElectionsR13, AnElectionOnTheBaselineReproducesTheStartingMap) {
  // No noise, no penalties, no candidate effects: only the ward geography decides.
  const auto s = quiet_election([](scenario& sc) {
    coefficients(sc).R13.incumbency_bonus = 0;
    coefficients(sc).R13.division_penalty = 0;
    coefficients(sc).R13.intervention_penalty = 0;
    coefficients(sc).R13.protest_penalty = 0;
  });
  for (std::uint64_t run = 0; run < 10; ++run) {
    const auto r = simulate_run(s, 1, run, false, false);
    EXPECT_EQ(r.councils[0].seats_end[0], 30) << "run " << run;
    EXPECT_EQ(r.councils[0].seats_end[1], 24) << "run " << run;
  }
}

TEST(ElectionsR13, SwingChangesSeatsInTheRightDirection) {
  const auto r = simulate_run(quiet_election([](scenario& s) {
                                s.national.swing.set("con", 0.08);
                                s.national.swing.set("lab", -0.08);
                              }),
                              1, 0, false, false);
  EXPECT_LT(r.councils[0].seats_end[0], 30);
  EXPECT_GT(r.councils[0].seats_end[1], 24);
  EXPECT_EQ(r.councils[0].seats_end[0] + r.councils[0].seats_end[1], 54);
}

// Issue 34: sitting independents of the starting map defend their seats on the ward's independent vote; they used to
// never stand, and every one of their seats fell to a party at the first election.
TEST(ElectionsR13, SittingIndependentsStandAgainAndHoldTheirWardsOnTheBaseline) {
  const auto s = quiet_election([](scenario& sc) {
    auto& c = sc.councils[0];
    c.seats = {};
    c.seats.set("lab", 30);
    c.seats.set("con", 21);
    c.seats.set("ind", 3);
    c.vote_shares = {};
    c.vote_shares.set("lab", 0.45);
    c.vote_shares.set("con", 0.4);
    c.vote_shares.set("ind", 0.15);
    coefficients(sc).R13.incumbency_bonus = 0;
    coefficients(sc).R13.division_penalty = 0;
    coefficients(sc).R13.intervention_penalty = 0;
    coefficients(sc).R13.protest_penalty = 0;
  });
  const auto ind = static_cast<std::size_t>(s->party_id("ind"));
  for (std::uint64_t run = 0; run < 5; ++run) {
    const auto r = simulate_run(s, 1, run, false, false);
    EXPECT_EQ(r.councils[0].seats_end[ind], 3) << "run " << run;
    EXPECT_EQ(r.councils[0].seats_end[0], 30) << "run " << run;
  }
}

// Issue 34: a dated swing (national.swings) is in force at the elections from its date on, and not before.
TEST(ElectionsR13, ADatedSwingActsFromItsDateOnly) {
  const auto with_swing_from = [](int week) {
    return quiet_election([week](scenario& s) {
      s.national.swing.set("lab", 0.02);  // in force before the dated swing
      swing_term t;
      t.from_week = week;
      t.swing.set("con", 0.08);
      t.swing.set("lab", -0.08);
      s.national.swings = {t};
    });
  };
  const auto before = simulate_run(with_swing_from(4), 1, 0, false, false);  // election in week 5
  EXPECT_LT(before.councils[0].seats_end[0], 30);
  EXPECT_GT(before.councils[0].seats_end[1], 24);
  const auto after = simulate_run(with_swing_from(6), 1, 0, false, false);
  EXPECT_GE(after.councils[0].seats_end[0], 30);  // the earlier swing, towards the party, held on the day
}

TEST(ElectionsR13, ByThirdsOnlyOneSeatPerWardIsUp) {
  const auto s = quiet_election([](scenario& sc) {
    sc.councils[0].cycle = election_cycle::thirds;
    sc.national.swing.set("con", 0.5);  // a landslide: every seat up changes hands
    sc.national.swing.set("lab", -0.5);
  });
  const auto r = simulate_run(s, 1, 0, false, false);
  // 18 wards of 3: one seat each is up. Labour held 30 seats; it keeps at least 30 - 18.
  EXPECT_GE(r.councils[0].seats_end[0], 12);
  EXPECT_LT(r.councils[0].seats_end[0], 30);
  EXPECT_EQ(r.councils[0].seats_end[1], 54 - r.councils[0].seats_end[0]);
}

TEST(ElectionsR13, ControlFollowsTheMajority) {
  const auto r = simulate_run(quiet_election([](scenario& s) {
                                s.national.swing.set("con", 0.3);
                                s.national.swing.set("lab", -0.3);
                              }),
                              1, 0, false, false);
  EXPECT_EQ(r.councils[0].control_end, 1);
  EXPECT_EQ(r.councils[0].administration_end, 1u << 1);
  EXPECT_EQ(r.counters[run_outcome::councils_controlled_end], 0);
}

TEST(ElectionsR13, DeselectedIncumbentsLoseTheirBonusAndIndependentsSplitTheVote) {
  // A marginal council: the party's own deselections (all standing as independents) cost it seats.
  auto seats_after = [](bool deselect_all) {
    const auto s = quiet_election([&](scenario& sc) {
      coefficients(sc).independents.s0 = 20.0;  // every deselected councillor stands
      coefficients(sc).R6.d0 = deselect_all ? 20.0 : -20.0;
      coefficients(sc).R5.window_open_weeks_before = 4;
      coefficients(sc).R5.window_close_weeks_before = 1;
      sc.events.push_back(event_def{0, event_kind::central_selection, "smalltown", "", "", 1.0, 100, "", 0, -1});
    });
    const auto r = simulate_run(s, 1, 0, false, false);
    return std::pair{r.councils[0].seats_end[0], r.counters[run_outcome::independents_standing]};
  };
  const auto [kept, no_independents] = seats_after(false);
  const auto [lost, independents] = seats_after(true);
  EXPECT_EQ(no_independents, 0);
  EXPECT_GT(independents, 20);
  EXPECT_LT(lost, kept);
}
