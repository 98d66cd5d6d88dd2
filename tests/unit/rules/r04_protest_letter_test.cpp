// R4 Protest letter: the party's other council leaders protest an intervention; a published letter raises the
// executive's backlash, which lowers its support for the next one.
#include <gtest/gtest.h>

#include "rule_fixtures.hpp"

using namespace partyline;
using namespace partyline::rule_fixtures;

TEST(ProtestLetterR4, NoNoticeProvokesLargerLetters) {
  auto signatures = [](double notice0) {
    const auto s = partyline::testing::tiny_scenario([&](scenario& sc) {
      coefficients(sc).R2.notice0 = notice0;
      sc.council_generators.clear();
      // 100 other councils with autonomous leaders.
      for (int k = 0; k < 100; ++k) {
        council_def c = sc.councils[0];
        c.id = "other-" + std::to_string(k);
        c.disputes.clear();
        c.group.leader.autonomy = 0.7;
        sc.councils.push_back(c);
      }
      sc.events.clear();
    });
    world w = build_world(s, 3, 0);
    decision d;
    d.motion = &executive_decision::advise_pause;
    d.kind = &request_to_centre::item;
    d.council = 0;
    d.notice_given = notice0 > 0;
    w.institutions.published = {d};
    national_phase(w);
    return w.councils[0].tallies[static_cast<std::size_t>(event::protest_letter)].max;
  };
  const auto without = signatures(-30.0), with = signatures(30.0);
  EXPECT_GE(without, 20);
  EXPECT_LT(with, without);
}

TEST(ProtestLetterR4, APublishedLetterRaisesBacklashWhichLowersSupport) {
  const auto s = divided_group();
  world w = build_world(s, 1, 0);
  agenda_item item;
  item.kind = &request_to_centre::item;
  item.council = 0;
  item.strength = 0.45;
  item.requester_position = -0.6;
  auto yes_with_backlash = [&](double backlash) {
    int yes = 0;
    for (std::uint64_t run = 0; run < 20; ++run) {
      world v = build_world(s, 1, run);
      v.executive.backlash = backlash;
      v.week = 2;
      v.outbox[0].push_back(item);
      central_phase(v);
      yes += v.institutions.published.at(0).yes;
    }
    return yes;
  };
  EXPECT_GT(yes_with_backlash(0.0), yes_with_backlash(2.0) + 100);
}
