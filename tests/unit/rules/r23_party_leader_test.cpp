// R23 The party leader's office: a stated leader's project draws the executive's loyal members and the officers
// towards it, smoothly; a later leader redraws it in the week they take office; the leader appoints the frontbench and
// backs the nearer slate at the members' elections.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "rule_fixtures.hpp"

using namespace partyline;
using namespace partyline::rule_fixtures;

namespace {

/// A leader as the loader resolves one, on one axis.
party_leader_def leader_at(double position, double centralisation) {
  party_leader_def l;
  l.name = "leader";
  l.position = position;
  l.point = {};
  l.point[0] = position;
  l.centralisation = centralisation;
  return l;
}

/// The tiny scenario with an executive of 40, half in each bloc, and `leader` (none if centralisation is NaN).
frozen_scenario with_leader(const party_leader_def& leader, int weeks = 4) {
  return tiny_scenario([&](scenario& s) {
    s.councils[0].members.count = 3000;  // enough voters for R22's share to show a quarter of a logit
    s.weeks = weeks;
    coefficients(s).R8.b0_new = -50;
    s.executive.size = 40;
    s.executive.left_share = 0.5;
    s.executive.sections = {};
    s.executive.sections.set("union", 13);
    s.executive.sections.set("clp", 9);
    s.executive.sections.set("frontbench", 3);
    s.executive.sections.set("other", 15);
    s.party_leader = leader;
  });
}

struct bloc_means {
  double left = 0, right = 0, all = 0;
};
bloc_means mean_centralism(const world& w, bool own = false) {
  bloc_means m;
  int nl = 0, nr = 0;
  for (const auto& x : w.executive.members) {
    const double c = own ? x.own_centralism : x.centralism;
    (x.left_bloc ? m.left : m.right) += c;
    (x.left_bloc ? nl : nr) += 1;
  }
  m.all = (m.left + m.right) / (nl + nr);
  m.left /= nl;
  m.right /= nr;
  return m;
}

}  // namespace

TEST(PartyLeaderR23, WithoutALeaderTheExecutiveVotesWithItsOwnCentralism) {
  const world w = build_world(with_leader(party_leader_def{}), 3, 0);
  EXPECT_EQ(w.executive.leader, -1);
  for (const auto& m : w.executive.members) EXPECT_EQ(m.centralism, m.own_centralism);
  EXPECT_DOUBLE_EQ(w.national.officers_centralism, w.national.executive_centralism);
}

// The leader's own faction takes on the project; members across the party's divide barely do.
TEST(PartyLeaderR23, TheLeadersFactionTakesOnTheProjectTheOtherBlocBarely) {
  const party_leader_office::params p;  // the defaults
  const executive_def e;
  const world w = build_world(with_leader(leader_at(e.left_position, 0.9)), 3, 0);
  EXPECT_EQ(w.executive.leader, 0);
  const bloc_means own = mean_centralism(w, true), now = mean_centralism(w);
  const double full = p.project_pull * 0.4;  // a perfectly loyal member's shift
  EXPECT_GT(now.left - own.left, 0.6 * full);
  EXPECT_LT(now.right - own.right, 0.25 * full);
  EXPECT_GT(now.right - own.right, 0.0);  // smaller, never nothing: loyalty falls smoothly with distance
  // The officers stand between the executive and the leader.
  EXPECT_GT(w.national.officers_centralism, w.national.executive_centralism);
  EXPECT_LT(w.national.officers_centralism, 0.9);
}

// Graded, no switch: the executive's mean centralism rises with the leader's centralisation in small steps.
TEST(PartyLeaderR23, TheExecutivesCentralismRisesSmoothlyWithTheLeadersProject) {
  const executive_def e;
  double before = -1;
  for (int k = 0; k <= 10; ++k) {
    const double c = 0.1 * k;
    const world w = build_world(with_leader(leader_at(e.right_position, c)), 3, 0);
    const double now = w.national.executive_centralism;
    if (before >= 0) {
      EXPECT_GT(now, before) << "centralisation " << c;
      EXPECT_LT(now - before, 0.05) << "centralisation " << c;
    }
    before = now;
  }
}

// A later leader takes office in the week the scenario dates: the executive is redrawn from the members' own tastes.
TEST(PartyLeaderR23, ALaterLeaderRedrawsTheExecutiveInTheirWeek) {
  const executive_def e;
  party_leader_def l = leader_at(e.left_position, 0.2);
  leader_term next = leader_at(e.right_position, 0.9);
  next.from_week = 3;
  l.later.push_back(next);
  const auto s = with_leader(l, 6);
  world w = build_world(s, 3, 0);
  const double at_start = w.national.executive_centralism;
  for (int k = 0; k < 3; ++k) step_week(w);
  EXPECT_EQ(w.executive.leader, 0);
  EXPECT_DOUBLE_EQ(w.national.executive_centralism, at_start);
  step_week(w);  // week 3
  EXPECT_EQ(w.executive.leader, 1);
  EXPECT_GT(w.national.executive_centralism, at_start + 0.1);
  const auto& told = w.national_tallies[static_cast<std::size_t>(event::leader_takes_office)];
  EXPECT_EQ(told.count, 1);
  EXPECT_EQ(told.max, 90);
  // Redrawn from their own tastes: the right bloc (now the leader's) carries the project; the left sheds the old one
  // (a pull below its own tastes, towards 0.2) and barely takes on the new (as TheLeadersFactionTakesOnTheProject...).
  const bloc_means own = mean_centralism(w, true), now = mean_centralism(w);
  const double full = party_leader_office::params{}.project_pull * (0.9 - 0.5);  // a perfectly loyal member's shift
  EXPECT_GT(now.right - own.right, 0.15);
  EXPECT_GT(now.left - own.left, 0.0);
  EXPECT_LT(now.left - own.left, 0.25 * full);
}

// The leader appoints the frontbench: appointees stand near the leader and join the leader's bloc.
TEST(PartyLeaderR23, TheLeaderAppointsTheFrontbenchFromTheirOwnBloc) {
  const executive_def e;
  for (const bool left_leader : {true, false}) {
    scenario sc = *with_leader(leader_at(left_leader ? e.left_position : e.right_position, 0.7));
    event_def appoint;
    appoint.week = 1;
    appoint.type = event_kind::executive_election;
    appoint.section = "frontbench";
    appoint.seats = 3;
    sc.events = {appoint};
    world w = build_world(std::make_shared<scenario>(sc), 3, 0);
    for (int k = 0; k < 2; ++k) step_week(w);
    int appointed = 0;
    for (const auto& m : w.executive.members)
      if (m.section == exec_section::frontbench) {
        EXPECT_EQ(m.left_bloc, left_leader);
        ++appointed;
      }
    EXPECT_EQ(appointed, 3);
  }
}

// The leader's office backs the nearer slate: the same members give the left slate more votes under a left leader.
TEST(PartyLeaderR23, TheLeadersOfficeBacksTheNearerSlate) {
  const executive_def e;
  auto vote_under = [&](const party_leader_def& l) {
    world w = build_world(with_leader(l), 3, 0);
    w.week = 1;
    return executive_elections::members_vote(w, 0).left_share;
  };
  const double none = vote_under(party_leader_def{});
  const double left = vote_under(leader_at(e.left_position, 0.5));
  const double right = vote_under(leader_at(e.right_position, 0.5));
  EXPECT_GT(left, none + 0.02);
  EXPECT_LT(right, none - 0.02);
}

// The leader is a fact with a project; a block without one, or later leaders out of order or outside the run, are refused.
TEST(PartyLeaderR23, TheLoaderChecksTheLeaderAndTheDates) {
  const std::string head = std::string("name: t\nweeks: 10\nstart_date: 2020-01-06\n") +
                           "parties: [{id: lab, position: -0.3}, {id: con, position: 0.5}]\n" +
                           "councils: [{id: a, seats: {lab: 10, con: 5}}]\n";
  auto error_of = [&](const std::string& block) {
    try {
      (void)load_scenario_text(head + block, "t.yaml");
    } catch (const scenario_error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(error_of("party_leader: {name: X, from: 2019-01-01}\n").find("needs `centralisation`"), std::string::npos);
  EXPECT_NE(error_of("party_leader: {from: 2020-02-01, centralisation: 0.5}\n").find("after start_date"), std::string::npos);
  EXPECT_NE(error_of("party_leader: {from: 2020-02-30, centralisation: 0.5}\n").find("not a date"), std::string::npos);
  EXPECT_NE(error_of("party_leader: {centralisation: 0.5, later: [{from: 2020-01-20}]}\n").find("needs `centralisation`"),
            std::string::npos);
  EXPECT_NE(error_of("party_leader: {centralisation: 0.5, later: [{centralisation: 0.5}]}\n").find("needs `from`"), std::string::npos);
  EXPECT_NE(error_of("party_leader: {centralisation: 0.5, later: [{from: 2021-01-20, centralisation: 0.5}]}\n").find("last week"),
            std::string::npos);
  EXPECT_NE(error_of("party_leader: {centralisation: 0.5, later: [{from: 2020-01-27, centralisation: 0.5}, "
                     "{from: 2020-01-20, centralisation: 0.5}]}\n")
                .find("not after the previous"),
            std::string::npos);
  EXPECT_NE(error_of("party_leader: {centralisation: 1.5}\n"), "");
  EXPECT_NE(error_of("party_leader: {centralisation: 0.5, centralization: 0.5}\n"), "");  // a misspelt key
  // A valid block: the later leader from the first week starting on or after their date (Monday 20 January: week 2).
  const auto s = load_scenario_text(head + "party_leader: {from: 2019-05-01, centralisation: 0.3, position: -0.6, later: "
                                            "[{from: 2020-01-18, centralisation: 0.8}]}\n",
                                    "t.yaml");
  EXPECT_EQ(s->party_leader.later[0].from_week, 2);
  EXPECT_DOUBLE_EQ(s->party_leader.later[0].position, -0.3);  // the party's, by default
  EXPECT_DOUBLE_EQ(s->party_leader.point[0], -0.6);
}
