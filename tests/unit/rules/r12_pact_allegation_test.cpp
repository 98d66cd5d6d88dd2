// R12 Pact allegation: where the party and a would-be partner gain together at a count, an allegation may arise and
// the centre suspends active members in the area.
#include <gtest/gtest.h>

#include "rule_fixtures.hpp"

using namespace partyline;
using namespace partyline::rule_fixtures;

TEST(PactAllegationR12, GainsTogetherCanBringSuspensions) {
  const auto s = hung([](scenario& sc) {
    coefficients(sc).R12.p_allegation = 1.0;
    coefficients(sc).R12.suspend_share = 0.5;
    sc.councils[0].seats_before = {};
    for (auto [id, n] : {std::pair{"lab", 9}, {"con", 26}, {"ld", 8}, {"grn", 3}, {"ind", 2}}) sc.councils[0].seats_before.set(id, n);
  });
  world w = build_world(s, 1, 0);
  for (int week = 0; week < 3; ++week) step_week(w);  // activism settles, the count is at week 0
  const world fresh = build_world(s, 1, 0);
  EXPECT_TRUE(w.councils[0].coalition.pact_alleged);
  EXPECT_GT(w.councils[0].membership.suspended, 20);
  EXPECT_FALSE(fresh.councils[0].coalition.pact_alleged);
}

TEST(PactAllegationR12, NoGainNoAllegation) {
  const auto s = hung([](scenario& sc) { coefficients(sc).R12.p_allegation = 1.0; });  // seats_before == seats
  world w = build_world(s, 1, 0);
  step_week(w);
  EXPECT_FALSE(w.councils[0].coalition.pact_alleged);
  EXPECT_EQ(w.councils[0].membership.suspended, 0);
}

// R12's own step at a count: the party's gain alongside a party it would govern with brings the allegation and
// suspensions, of active members only; a gain alongside a party it would not govern with (the Conservatives, 0.85
// apart, beyond R11's max_partner_distance) brings none.
TEST(PactAllegationR12, AGainAlongsideAWouldBePartnerBringsSuspensionsOfActiveMembersAGainAlongsideARivalNone) {
  const auto s = hung([](scenario& sc) {
    coefficients(sc).R12.p_allegation = 1.0;
    coefficients(sc).R12.suspend_share = 0.5;
  });
  struct outcome {
    bool alleged = false;
    std::int64_t suspended = 0, inactive_suspended = 0, counted = 0, told = 0;
  };
  auto count_with = [&](const char* gaining_with) {
    world w = build_world(s, 1, 0);
    for (int week = 0; week < 3; ++week) step_week(w);  // activism settles (the count before the run is at week 0)
    council_state& c = w.councils[0];
    const auto lab = static_cast<std::size_t>(s->party_id("lab")), other = static_cast<std::size_t>(s->party_id(gaining_with));
    c.electoral.seats_before_count = c.electoral.seats_by_party;
    c.electoral.seats_before_count[lab] -= 2;
    c.electoral.seats_before_count[other] -= 1;
    std::vector<bool> active, suspended_before;
    for (const member_id m : c.rows.members()) {
      active.push_back(detail::member_is_active(w, c, m));
      suspended_before.push_back(w.members.status[m] == member_status::suspended);
    }
    const std::int64_t counted_before = c.membership.suspended;
    const std::int64_t told_before = c.tallies[static_cast<std::size_t>(event::pact_allegation)].count;
    pact_allegation::at_count(w, council_at(0));
    outcome o;
    o.alleged = c.coalition.pact_alleged;
    for (const member_id m : c.rows.members()) {
      const std::size_t i = row(m) - c.rows.member_begin;
      if (suspended_before[i] || w.members.status[m] != member_status::suspended) continue;
      ++o.suspended;
      o.inactive_suspended += !active[i];
    }
    o.counted = c.membership.suspended - counted_before;
    o.told = c.tallies[static_cast<std::size_t>(event::pact_allegation)].count - told_before;
    return o;
  };
  const outcome greens = count_with("grn"), tories = count_with("con");
  std::printf("a gain alongside the Greens: %lld suspended; alongside the Conservatives: %lld\n",
              static_cast<long long>(greens.suspended), static_cast<long long>(tories.suspended));
  EXPECT_TRUE(greens.alleged);
  EXPECT_EQ(greens.told, 1);
  EXPECT_GT(greens.suspended, 20);
  EXPECT_EQ(greens.inactive_suspended, 0) << "only active members are suspended";
  EXPECT_EQ(greens.counted, greens.suspended);
  EXPECT_FALSE(tories.alleged);
  EXPECT_EQ(tories.told, 0);
  EXPECT_EQ(tories.suspended, 0);
}

// Issue 33 pt 7: a documented pact allegation is a dated fact (`events[].type: pact_allegation`), not a draw. In a
// council whose scenario states one, the allegation stands from its week in every run, with R12's suspensions, and the
// count draws none of its own; without the fact, the allegation is R12's chance.
TEST(PactAllegationR12, AStatedAllegationStandsInEveryRunAndTheCountDrawsNone) {
  const auto stated = [](bool with_fact, double p_allegation) {
    return hung([&](scenario& sc) {
      coefficients(sc).R12.p_allegation = p_allegation;
      sc.councils[0].seats_before = {};
      for (auto [id, n] : {std::pair{"lab", 9}, {"con", 26}, {"ld", 8}, {"grn", 3}, {"ind", 2}}) sc.councils[0].seats_before.set(id, n);
      if (with_fact) {
        event_def e;
        e.week = 2;
        e.type = event_kind::pact_allegation;
        e.council = sc.councils[0].id;
        e.council_index = 0;
        sc.events.push_back(e);
      }
    });
  };
  int alleged_by_week_1 = 0, alleged_at_week_2 = 0, suspensions = 0, drawn = 0;
  const auto fact = stated(true, 1.0), chance = stated(false, 1.0);
  for (std::uint64_t run = 0; run < 20; ++run) {
    world w = build_world(fact, 1, run);
    step_week(w);  // week 0: the count before the run -- a gain alongside would-be partners, a certain draw elsewhere
    step_week(w);
    alleged_by_week_1 += w.councils[0].coalition.pact_alleged;
    step_week(w);  // week 2: the stated allegation
    alleged_at_week_2 += w.councils[0].coalition.pact_alleged;
    suspensions += w.councils[0].membership.suspended > 0;  // each active member suspended with R12's suspend_share
    world c = build_world(chance, 1, run);
    step_week(c);
    drawn += c.councils[0].coalition.pact_alleged;
  }
  EXPECT_EQ(alleged_by_week_1, 0) << "a council whose scenario states its allegation draws none at the count";
  EXPECT_EQ(alleged_at_week_2, 20);
  EXPECT_GE(suspensions, 15);
  EXPECT_EQ(drawn, 20) << "the counterfactual: without the fact, R12 draws (here with certainty)";
}
