// R8 Industrial disputes: confrontation escalates a dispute through ballot to strike, talks settle it.
#include <gtest/gtest.h>

#include "rule_fixtures.hpp"

using namespace partyline;
using namespace partyline::rule_fixtures;

TEST(DisputesR8, ConfrontationEscalatesToStrike) {
  const auto s = tiny_scenario([](scenario& sc) {
    long_quiet(sc);
    sc.councils[0].group.confrontation = 0.9;
  });
  EXPECT_GE(run_many(s, 40).share_pct(run_outcome::strike_weeks), 90);
}

TEST(DisputesR8, TalksSettleDisputesWithoutStrikes) {
  const auto s = tiny_scenario([](scenario& sc) {
    long_quiet(sc);
    sc.weeks = 52;
    sc.councils[0].group.confrontation = 0.0;
    sc.councils[0].disputes[0].intensity = 0.3;
    coefficients(sc).R8.b0_new = -50;  // no new disputes
  });
  const tallies t = run_many(s, 40);
  EXPECT_LE(t.share_pct(run_outcome::strike_weeks), 10);
  int settled = 0;
  for (const auto& r : t.results)
    for (const auto& e : r.events) settled += e.event == "dispute_settled";
  EXPECT_GE(settled, 36);
}

TEST(DisputesR8, BallotRunsItsLengthBeforeAStrike) {
  const auto s = tiny_scenario([](scenario& sc) {
    long_quiet(sc);
    sc.councils[0].group.confrontation = 1.0;
    sc.councils[0].disputes[0].intensity = 0.2;  // starts in talks
    coefficients(sc).R8.ballot_weeks = 5;
  });
  int checked = 0;
  for (const auto& r : run_many(s, 20).results) {
    int ballot = -1;
    for (const auto& e : r.events) {
      if (e.event == "ballot" && ballot < 0) ballot = e.week;
      if (e.event == "strike" && ballot >= 0) {
        EXPECT_GE(e.week - ballot, 5);
        ++checked;
        break;
      }
    }
  }
  EXPECT_GT(checked, 10);
}

// The leadership's tactics: a weekly choice among waiting, talks, imposed terms and an injunction threat.
namespace {
dispute_state striking_dispute(int weeks_running) {
  dispute_state d;
  d.active = true;
  d.intensity = 0.6f;
  d.stage = dispute_stage::strike;
  d.weeks_running = weeks_running;
  return d;
}
}  // namespace

TEST(DisputesR8, TheLeadershipsTacticIsAGradedChoiceByItsConfrontation) {
  const industrial_disputes::params p;
  const dispute_state d = striking_dispute(60);
  double last_talks = 2, last_impose = -1, last_injunction = -1;
  for (int k = 0; k <= 10; ++k) {
    const double confrontation = 0.1 * k;
    const auto odds = industrial_disputes::tactic_odds(d, confrontation, 0.2, p);
    EXPECT_NEAR(odds[0] + odds[1] + odds[2] + odds[3], 1.0, 1e-12);
    for (double q : odds) EXPECT_GT(q, 0.0) << "no move is ruled out by a threshold";
    // The more confrontational the leadership, the less it talks and the more it imposes and threatens...
    EXPECT_LT(odds[1], last_talks);
    EXPECT_GT(odds[2], last_impose);
    EXPECT_GT(odds[3], last_injunction);
    // ... smoothly: no step between neighbours larger than a tenth.
    if (k > 0) {
      EXPECT_LT(last_talks - odds[1], 0.1);
      EXPECT_LT(odds[2] - last_impose, 0.1);
      EXPECT_LT(odds[3] - last_injunction, 0.1);
    }
    last_talks = odds[1], last_impose = odds[2], last_injunction = odds[3];
  }
  // A conciliatory leadership mostly talks; a confrontational one mostly escalates.
  const auto soft = industrial_disputes::tactic_odds(d, 0.1, 0.2, p);
  const auto hard = industrial_disputes::tactic_odds(d, 0.9, 0.2, p);
  EXPECT_GT(soft[1], soft[2] + soft[3]);
  EXPECT_GT(hard[2] + hard[3], hard[1]);
  // The pressure on it: a hotter dispute, a longer one, a strike and backbench dissent each make it likelier to act.
  dispute_state cooler = d;
  cooler.intensity = 0.3f;
  EXPECT_LT(1 - industrial_disputes::tactic_odds(cooler, 0.5, 0.2, p)[0], 1 - industrial_disputes::tactic_odds(d, 0.5, 0.2, p)[0]);
  EXPECT_LT(industrial_disputes::tactic_odds(striking_dispute(2), 0.5, 0.2, p)[2],
            industrial_disputes::tactic_odds(d, 0.5, 0.2, p)[2]);
  dispute_state balloting = d;
  balloting.stage = dispute_stage::ballot;
  EXPECT_LT(industrial_disputes::tactic_odds(balloting, 0.5, 0.2, p)[3], industrial_disputes::tactic_odds(d, 0.5, 0.2, p)[3]);
  EXPECT_LT(industrial_disputes::tactic_odds(d, 0.5, 0.0, p)[1], industrial_disputes::tactic_odds(d, 0.5, 0.6, p)[1]);
  // Once imposed, terms are not imposed again; once threatened, an injunction is not threatened again.
  dispute_state done = d;
  done.terms_imposed = done.injunction_threatened = true;
  const auto after = industrial_disputes::tactic_odds(done, 0.9, 0.2, p);
  EXPECT_EQ(after[2], 0.0);
  EXPECT_EQ(after[3], 0.0);
  // Within tactic_gap_weeks of a move the leadership waits, whatever the draw.
  done.weeks_since_move = p.tactic_gap_weeks - 1;
  EXPECT_EQ(industrial_disputes::choose(done, 0.1, 0.9, 0.0, p), industrial_disputes::tactic::wait);
}

TEST(DisputesR8, AConfrontationalLeadershipImposesTermsAndThreatensWhereAConciliatoryOneTalks) {
  const auto with = [](double confrontation) {
    return tiny_scenario([confrontation](scenario& sc) {
      long_quiet(sc);
      sc.weeks = 40;
      sc.councils[0].group.confrontation = confrontation;
      sc.councils[0].disputes[0].intensity = 0.5;
      sc.councils[0].disputes[0].weeks_running = 40;
      coefficients(sc).R8.b0_new = -50;  // this dispute only
      coefficients(sc).R7.concession = 0;  // a letter does not soften the leadership here
    });
  };
  const tallies hard = run_many(with(0.9), 60);
  const tallies soft = run_many(with(0.1), 60);
  EXPECT_GT(hard.share_pct(run_outcome::terms_imposed), soft.share_pct(run_outcome::terms_imposed) + 30);
  EXPECT_GT(hard.share_pct(run_outcome::injunctions_threatened), soft.share_pct(run_outcome::injunctions_threatened) + 30);
  // Both talk at some point in 40 weeks (a hard line keeps the dispute alive to be talked about); of a conciliatory
  // leadership's moves nearly all are talks, of a confrontational one's a minority.
  const auto talks_share = [](const tallies& t) {
    double talks = 0, moves = 0;
    for (const auto& r : t.results) {
      talks += static_cast<double>(r.counters[run_outcome::talks_offered]);
      moves += static_cast<double>(r.counters[run_outcome::talks_offered] + r.counters[run_outcome::terms_imposed] +
                                   r.counters[run_outcome::injunctions_threatened]);
    }
    return talks / moves;
  };
  EXPECT_GT(talks_share(soft), 0.9);
  EXPECT_LT(talks_share(hard), 0.5);
  for (const tallies* t : {&hard, &soft})
    for (const auto& r : t->results) {
      // One dispute: terms imposed and an injunction threatened at most once, each told by R8, moves apart by the gap.
      EXPECT_LE(r.counters[run_outcome::terms_imposed], 1);
      EXPECT_LE(r.counters[run_outcome::injunctions_threatened], 1);
      int last_move = -1000;
      for (const auto& e : r.events)
        if (e.event == "talks_offer" || e.event == "impose_terms" || e.event == "injunction_threat") {
          EXPECT_EQ(e.rule, 8);
          EXPECT_GE(e.week - last_move, industrial_disputes::params{}.tactic_gap_weeks);
          last_move = e.week;
        }
    }
}
