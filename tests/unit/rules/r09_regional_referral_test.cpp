// R9 Regional referral: a union in an intense, long dispute moves a motion at the regional board asking the centre to
// investigate the leader.
#include <gtest/gtest.h>

#include "rule_fixtures.hpp"

using namespace partyline;
using namespace partyline::rule_fixtures;

TEST(RegionalReferralR9, IntenseLongDisputeIsReferred) {
  const auto s = tiny_scenario([](scenario& sc) {
    long_quiet(sc);
    sc.councils[0].group.confrontation = 0.9;
    sc.councils[0].disputes[0].intensity = 0.9;
    sc.regions[0].union_weight = 0.6;
  });
  // R9's own event -- the board's referral, told by R9 -- not the requests outcome, which R1's requests also feed.
  int referred = 0, requested = 0;
  for (const auto& r : run_many(s, 40).results) {
    bool by_the_board = false, by_councillors = false;
    for (const auto& e : r.events) {
      by_the_board |= e.kind == event::referral && e.rule == 9;
      by_councillors |= e.kind == event::request && e.rule == 1;
    }
    referred += by_the_board;
    requested += by_councillors;
  }
  std::printf("runs with a referral by the regional board: %d of 40 (with a request by the group: %d)\n", referred, requested);
  EXPECT_GE(referred, 32);  // 80%
}

TEST(RegionalReferralR9, NoRegionalBoardNoReferral) {
  const auto s = tiny_scenario([](scenario& sc) {
    long_quiet(sc);
    sc.councils[0].region.clear();
    sc.councils[0].region_index = -1;
    sc.councils[0].disputes[0].intensity = 0.9;
  });
  int referrals = 0;
  for (const auto& r : run_many(s, 20).results)
    for (const auto& e : r.events) referrals += e.rule == 9;
  EXPECT_EQ(referrals, 0);
}
