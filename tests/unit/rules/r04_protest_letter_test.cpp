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
    d.council = council_id{0};
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
  item.council = council_id{0};
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

// What a letter does, and what is not protested: a published intervention draws the other leaders' letter, which
// raises the executive's backlash by backlash_per_signatory a signatory; a dismissal, or a sanction on individuals
// (the disciplinary procedure), draws none and leaves the backlash where it was.
TEST(ProtestLetterR4, ALetterAgainstAnInterventionRaisesTheBacklashADismissalOrASanctionOnIndividualsDrawsNone) {
  const auto s = partyline::testing::tiny_scenario([](scenario& sc) {
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
  struct after {
    std::int64_t signatories = 0;
    double backlash = 0;
  };
  auto after_decision = [&](const motion_def& motion, const item_kind_def& kind) {
    world w = build_world(s, 3, 0);
    w.executive.backlash = 0.0;
    decision d;
    d.motion = &motion;
    d.kind = &kind;
    d.council = council_id{0};
    d.notice_given = false;
    w.institutions.published = {d};
    protest_letter::run(w);
    return after{w.councils[0].tallies[static_cast<std::size_t>(event::protest_letter)].max, w.executive.backlash};
  };
  const auto& p = coefficients(*s).R4;
  const after pause = after_decision(executive_decision::advise_pause, request_to_centre::item);
  const after dismissal = after_decision(executive_decision::dismiss, request_to_centre::item);
  const after suspension = after_decision(investigations::suspend_individuals_motion, investigations::findings_item);
  std::printf("signatories: advice to pause %lld (backlash %.2f); a dismissal %lld; suspensions of individuals %lld\n",
              static_cast<long long>(pause.signatories), pause.backlash, static_cast<long long>(dismissal.signatories),
              static_cast<long long>(suspension.signatories));
  ASSERT_GE(pause.signatories, p.letter_min);
  EXPECT_NEAR(pause.backlash, p.backlash_per_signatory * static_cast<double>(pause.signatories), 1e-9);
  EXPECT_EQ(dismissal.signatories, 0);
  EXPECT_EQ(dismissal.backlash, 0.0);
  EXPECT_EQ(suspension.signatories, 0);
  EXPECT_EQ(suspension.backlash, 0.0);
}
