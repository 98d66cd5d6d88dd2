// R22 Elections to the executive: the scenario dates an election to a section and says how many seats; the members
// (the constituency section) or the unions (theirs) elect them, and the executive's make-up follows.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "rule_fixtures.hpp"

using namespace partyline;
using namespace partyline::rule_fixtures;

namespace {

event_def election(int week, const char* section, int seats, bool new_seats) {
  event_def e;
  e.week = week;
  e.type = event_kind::executive_election;
  e.section = section;
  e.seats = seats;
  e.new_seats = new_seats;
  return e;
}

/// Two thousand members around `position` (no organised faction), an executive of 36 with a left bloc of 18, and
/// an election in week 1 to `seats` constituency seats.
frozen_scenario membership_at(double position, int seats = 3, bool new_seats = true) {
  return tiny_scenario([&](scenario& s) {
    s.weeks = 4;
    s.events = {election(1, "clp", seats, new_seats)};
    coefficients(s).R8.b0_new = -50;
    auto& m = s.councils[0].members;
    m.count = 2000;
    m.position = position;
    m.position_sd = 0.2;
    m.faction_share = 0;
    s.executive.size = 36;
    s.executive.left_share = 0.5;
    s.executive.sections = {};
    s.executive.sections.set("union", 12);
    s.executive.sections.set("clp", 6);
    s.executive.sections.set("other", 18);
  });
}

std::size_t left_bloc(const world& w) {
  std::size_t n = 0;
  for (const auto& m : w.executive.members) n += m.left_bloc;
  return n;
}

world after_weeks(const frozen_scenario& s, int weeks, std::uint64_t run = 0) {
  world w = build_world(s, 3, run);
  for (int k = 0; k < weeks; ++k) step_week(w);
  return w;
}

}  // namespace

TEST(ExecutiveElectionsR22, ALeftMembershipElectsTheLeftSlateARightOneTheRight) {
  const world left = after_weeks(membership_at(-0.6), 2);
  const world right = after_weeks(membership_at(0.2), 2);
  for (const world* w : {&left, &right}) EXPECT_EQ(w->executive.members.size(), 39u);  // three new seats
  EXPECT_EQ(left_bloc(left), 21u);
  EXPECT_EQ(left_bloc(right), 18u);
  const auto& told = left.national_tallies[static_cast<std::size_t>(event::executive_election)];
  EXPECT_EQ(told.count, 1);
  EXPECT_EQ(told.sum, 3);  // the seats the left won
  EXPECT_GT(left.national_tallies[static_cast<std::size_t>(event::executive_vote)].max, 60);
  EXPECT_LT(right.national_tallies[static_cast<std::size_t>(event::executive_vote)].max, 40);
}

// The members' vote is a smooth function of where they stand: no threshold, each step to the right costs the left
// slate votes, and between the slates' places (-0.6, 0.05) the share moves by well under a third per 0.1.
TEST(ExecutiveElectionsR22, TheLeftSlatesVoteFallsSmoothlyAsTheMembersStandFurtherRight) {
  double before = 1.0;
  for (double x = -0.7; x <= 0.25; x += 0.1) {
    world w = build_world(membership_at(x), 3, 0);
    w.week = 1;
    const auto vote = executive_elections::members_vote(w, 0);
    EXPECT_GT(vote.voters, 200);  // about 18% of 2,000
    EXPECT_LT(vote.left_share, before + 0.02) << "at members' position " << x;
    EXPECT_GT(vote.left_share, before - 0.3) << "at members' position " << x;
    before = vote.left_share;
  }
  EXPECT_LT(before, 0.3);
}

TEST(ExecutiveElectionsR22, AnOrganisedFactionTurnsOutMore) {
  auto with_faction = [](double faction_turnout) {
    return tiny_scenario([&](scenario& s) {
      coefficients(s).R22.faction_turnout = faction_turnout;
      auto& m = s.councils[0].members;
      m.count = 3000;
      m.position = 0.0;
      m.faction_share = 0.3;
      m.faction_position = -0.7;
    });
  };
  world even = build_world(with_faction(1.0), 3, 0), mobilised = build_world(with_faction(3.0), 3, 0);
  even.week = mobilised.week = 1;
  const auto a = executive_elections::members_vote(even, 0), b = executive_elections::members_vote(mobilised, 0);
  EXPECT_GT(b.voters, a.voters);
  EXPECT_GT(b.left_share, a.left_share + 0.05);
}

TEST(ExecutiveElectionsR22, AnElectionToExistingSeatsReplacesTheSectionsMembers) {
  const world w = after_weeks(membership_at(-0.6, 6, false), 2);
  EXPECT_EQ(w.executive.members.size(), 36u);
  std::size_t clp = 0, clp_left = 0;
  for (const auto& m : w.executive.members) {
    clp += m.section == exec_section::clp;
    clp_left += m.section == exec_section::clp && m.left_bloc;
  }
  EXPECT_EQ(clp, 6u);
  EXPECT_EQ(clp_left, 6u);  // a clearly left membership takes the whole section
}

TEST(ExecutiveElectionsR22, TheUnionsElectTheirSectionAsBlocs) {
  const auto s = tiny_scenario([](scenario& sc) {
    sc.weeks = 4;
    sc.events = {election(1, "union", 4, true)};
    coefficients(sc).R8.b0_new = -50;
    sc.unions[0].position = -0.7;  // nearer the left bloc's place
    union_def moderate;
    moderate.id = "gmb";
    moderate.position = 0.1;
    sc.unions.push_back(moderate);
  });
  const world before = build_world(s, 3, 0);
  const world after = after_weeks(s, 2);
  EXPECT_EQ(after.executive.members.size(), before.executive.members.size() + 4);
  EXPECT_EQ(left_bloc(after), left_bloc(before) + 2);  // two seats each: the left union's nominees, the moderate's
}

TEST(ExecutiveElectionsR22, SameSeedSameResult) {
  const auto s = membership_at(-0.25);  // close to the slates' midpoint: the draws matter
  const world a = after_weeks(s, 2, 5), b = after_weeks(s, 2, 5);
  ASSERT_EQ(a.executive.members.size(), b.executive.members.size());
  for (std::size_t i = 0; i < a.executive.members.size(); ++i) {
    EXPECT_EQ(a.executive.members[i].left_bloc, b.executive.members[i].left_bloc);
    EXPECT_EQ(a.executive.members[i].position, b.executive.members[i].position);
  }
}

// The election is a fact; its result is not: a scenario that states one is refused, as is an election without a
// section or with more seats than the section holds.
TEST(ExecutiveElectionsR22, TheLoaderRefusesAResultAndChecksTheSeats) {
  const std::string head = std::string("name: t\nweeks: 10\nparties: [{id: lab, position: -0.3}, {id: con, position: 0.5}]\n") +
                           "councils: [{id: a, seats: {lab: 10, con: 5}}]\n";
  auto error_of = [&](const std::string& events) {
    try {
      (void)load_scenario_text(head + events, "t.yaml");
    } catch (const scenario_error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(error_of("events: [{week: 2, type: executive_election, value: 0.62}]\n").find("not its result"), std::string::npos);
  EXPECT_NE(error_of("events: [{week: 2, type: executive_election, seats: 3}]\n").find("needs a section"), std::string::npos);
  EXPECT_NE(error_of("events: [{week: 2, type: executive_election, section: backbench, seats: 1}]\n").find("not an elected section"),
            std::string::npos);
  // The leader appoints the frontbench: without a stated leader there is nobody to appoint them (R23).
  EXPECT_NE(error_of("events: [{week: 2, type: executive_election, section: frontbench, seats: 1}]\n").find("states no party_leader"),
            std::string::npos);
  EXPECT_NE(error_of("events: [{week: 2, type: executive_election, section: clp, seats: 30}]\n").find("holds 9"), std::string::npos);
  EXPECT_NE(error_of("events: [{week: 2, type: executive_election, section: union, seats: 3}]\n").find("declares no unions"),
            std::string::npos);
  EXPECT_NE(error_of("events: [{week: 2, type: request, council: a, seats: 3}]\n").find("only an executive_election"), std::string::npos);
  EXPECT_NE(error_of("events: [{week: 2, type: executive_election, section: clp, seats: 3, method: ranked}]\n").find("not a counting method"),
            std::string::npos);
  EXPECT_NE(error_of("events: [{week: 2, type: executive_election, section: union, seats: 3, method: stv}]\n").find("only the members'"),
            std::string::npos);
  EXPECT_EQ(error_of("events: [{week: 2, type: executive_election, section: clp, seats: 30, new_seats: true}]\n"), "");
  EXPECT_EQ(error_of("events: [{week: 2, type: executive_election, section: clp, seats: 9, method: stv}]\n"), "");
}

// The single transferable vote gives each slate about its share of the seats where the block vote gives the larger
// slate every seat: the same members, the same vote, nine seats.
TEST(ExecutiveElectionsR22, TheSingleTransferableVoteSharesTheSeatsTheBlockVoteDoesNot) {
  auto nine_seats = [](const char* method) {
    return tiny_scenario([&](scenario& s) {
      s.weeks = 4;
      event_def e = election(1, "clp", 9, true);
      e.method = method;
      s.events = {e};
      coefficients(s).R8.b0_new = -50;
      auto& m = s.councils[0].members;
      m.count = 3000;
      m.position = -0.3;  // near the slates' midpoint: a close vote
      m.position_sd = 0.25;
      m.faction_share = 0;
      s.executive.size = 36;
      s.executive.left_share = 0.5;
    });
  };
  const world block = after_weeks(nine_seats("block"), 2), stv = after_weeks(nine_seats("stv"), 2);
  const auto vote = stv.national_tallies[static_cast<std::size_t>(event::executive_vote)].max;  // per cent
  EXPECT_EQ(vote, block.national_tallies[static_cast<std::size_t>(event::executive_vote)].max);  // the same members' vote
  ASSERT_GT(vote, 30);
  ASSERT_LT(vote, 70);
  const auto won = [](const world& w) { return w.national_tallies[static_cast<std::size_t>(event::executive_election)].sum; };
  // STV: one seat per Droop quota (a tenth of the votes), the last to the larger remainder.
  EXPECT_NEAR(static_cast<double>(won(stv)), 9.0 * static_cast<double>(vote) / 100.0, 1.0);
  EXPECT_GE(won(stv), 1);
  EXPECT_LE(won(stv), 8);
  // The block vote: the larger slate takes (nearly) every seat.
  EXPECT_TRUE(won(block) <= 1 || won(block) >= 8) << won(block);
}
