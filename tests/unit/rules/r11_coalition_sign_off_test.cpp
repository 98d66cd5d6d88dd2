// R11 Coalition formation and sign-off: after a count with no majority, the deals on the table, the executive's
// approval or veto, and a vetoed group's defiance.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cstdio>

#include "rule_fixtures.hpp"

using namespace partyline;
using namespace partyline::rule_fixtures;

namespace {

std::uint32_t bit(const scenario& s, const char* id) { return 1u << s.party_id(id); }

}  // namespace

TEST(CoalitionR11, OnlyMinimalConnectedAcceptableDealsAreOnTheTable) {
  const auto s = hung([](scenario& sc) { coefficients(sc).R11.connected = 1; });
  world w = build_world(s, 1, 0);
  schedule::after_a_count(w, council_at(0));  // the count before the run: R12, then R11 forms the administration
  // lab+ld+ind is the only minimal winning, connected deal: lab+ld+grn skips ind (between them on the axis),
  // con+ld is refused by the Liberal Democrats, con+lab is too far apart. It is on the table as a coalition and as
  // a Labour minority the others sustain from outside; the coalition comes first (the partners rank it higher).
  const std::uint32_t lab = bit(*s, "lab"), ld = bit(*s, "ld"), ind = bit(*s, "ind");
  ASSERT_EQ(w.councils[0].coalition.count, 2);
  EXPECT_EQ(w.councils[0].coalition.options[0], lab | ld | ind);
  EXPECT_EQ(w.councils[0].coalition.options[1], lab | ((ld | ind) << support_shift));
  ASSERT_EQ(w.outbox[0].size(), 1u);
  EXPECT_EQ(w.outbox[0][0].kind, &coalition_sign_off::item);
  EXPECT_EQ(w.councils[0].tallies[static_cast<std::size_t>(event::coalition_request)].count, 1);
}

// Connectedness only where a scenario asks for it: by default lab+ld+grn (skipping the Independents between Labour
// and the Liberal Democrats) is on the table too.
TEST(CoalitionR11, ConnectednessIsOnlyRequiredWhenAsked) {
  const auto s = hung();
  world w = build_world(s, 1, 0);
  schedule::after_a_count(w, council_at(0));  // the count before the run: R12, then R11 forms the administration
  const std::uint32_t lab = bit(*s, "lab"), ld = bit(*s, "ld"), grn = bit(*s, "grn");
  const auto& co = w.councils[0].coalition;
  EXPECT_EQ(co.count, 4);
  EXPECT_NE(std::find(co.options.begin(), co.options.begin() + co.count, lab | ld | grn), co.options.begin() + co.count);
}

TEST(CoalitionR11, ApprovedDealsGovernRefusedOnesAreAskedAgainWithOtherPartnersThenLeaveAMinority) {
  const auto approved = simulate_run(hung([](scenario& s) { coefficients(s).R11.a0 = 20; }), 1, 0, false, false);
  EXPECT_EQ(approved.counters[run_outcome::coalitions_approved], 1);
  EXPECT_EQ(std::popcount(approved.councils[0].administration_end), 3);

  const auto refused = simulate_run(hung([](scenario& s) {
                                      coefficients(s).R11.a0 = -20;
                                      coefficients(s).R11.d0 = -20;  // never defied
                                    }),
                                    1, 0, false, false);
  // A refused deal is not every deal: the group asks again with other partners, never the same partners in another
  // form. The four options are lab+ld+ind and lab+ld+grn, each also as a Labour minority its partners sustain: two
  // requests, both refused, then a Conservative minority.
  EXPECT_EQ(refused.counters[run_outcome::coalition_requests], 2);
  EXPECT_EQ(refused.counters[run_outcome::coalitions_blocked], 2);
  EXPECT_EQ(refused.councils[0].administration_end, 1u << 1);  // a Conservative minority
  EXPECT_EQ(refused.counters[run_outcome::blocked_other_control], 1);
}

TEST(CoalitionR11, ADefiedVetoSuspendsTheGroup) {
  const auto r = simulate_run(hung([](scenario& s) {
                                coefficients(s).R11.a0 = -20;
                                coefficients(s).R11.d0 = 20;
                              }),
                              1, 0, false, false);
  EXPECT_EQ(r.counters[run_outcome::coalitions_defied], 1);
  EXPECT_EQ(r.counters[run_outcome::suspensions], 13);  // the whole group
  EXPECT_EQ(std::popcount(r.councils[0].administration_end), 3);
}

TEST(CoalitionR11, MorePartnersAndMediaRiskMeanMoreVetoes) {
  auto approvals = [](int partners_extra, int election_week) {
    int approved = 0;
    for (std::uint64_t run = 0; run < 40; ++run) {
      const auto s = hung([&](scenario& sc) {
        sc.national.general_election_week = election_week;
        if (partners_extra == 0) {  // a two-party deal: lab 22 + ld 10 of 48
          sc.councils[0].seats = {};
          for (auto [id, n] : {std::pair{"lab", 22}, {"con", 16}, {"ld", 10}}) sc.councils[0].seats.set(id, n);
          sc.councils[0].seats_before = sc.councils[0].seats;
        }
      });
      approved += simulate_run(s, 1, run, false, false).counters[run_outcome::coalitions_approved] > 0;
    }
    return approved;
  };
  EXPECT_GT(approvals(0, -1), approvals(1, -1) + 10);  // a Labour-led two-party deal beats a three-party one
  EXPECT_GT(approvals(0, -1), approvals(0, 4) + 5);    // an imminent general election deters the executive
}

// Issue 31 pt 5: leaders answer for overrides. A group ordered out of the administration it formed without sign-off,
// which obeys, has lost office in public; its councillors who did not share the leader's course blame the leader
// (satisfaction.w_blame x the override's cost x their distance from the leader), those who did rally. A divided
// group then often topples its leader (R10, R3); a united one rarely does; and without the override the divided
// group's leader is safer.
TEST(CoalitionR11, AForcedReversalTopplesADividedGroupsLeaderNotAUnitedOnes) {
  const auto toppled_share = [](bool divided, bool reversed, double blame = -1) {
    int toppled = 0;
    const int runs = 100;
    const auto s = hung([&](scenario& sc) {
      sc.weeks = 30;
      auto& c = sc.councils[0];
      c.administration_mask = bit(sc, "lab") | bit(sc, "ld") | bit(sc, "ind");
      c.administration_approved = false;  // formed without sign-off: the executive looks at it at week 0
      coefficients(sc).R11.a0 = reversed ? -20 : 20;  // ordered out, or let stand
      coefficients(sc).R11.d0 = -20;                  // the group obeys
      c.group.position = -0.1;
      c.group.position_sd = divided ? 0.1 : 0.03;
      c.group.left_share = divided ? 0.45 : 0.0;
      c.group.left_position = -0.9;
      if (blame >= 0) coefficients(sc).satisfaction.w_blame = blame;
    });
    for (int run = 0; run < runs; ++run) {
      const auto r = simulate_run(s, 11, static_cast<std::uint64_t>(run), false, false);
      if (reversed) {
        EXPECT_EQ(r.counters[run_outcome::reversals_complied], 1);
      }
      toppled += r.counters[run_outcome::leaders_stood_down] + r.counters[run_outcome::leaders_removed] > 0;
    }
    return static_cast<double>(toppled) / runs;
  };
  const double divided = toppled_share(true, true), united = toppled_share(false, true), standing = toppled_share(true, false);
  const double no_blame = toppled_share(true, true, 0.0);
  std::printf("toppled: divided, reversed %.2f; united, reversed %.2f; divided, let stand %.2f; divided, reversed, no blame %.2f\n",
              divided, united, standing, no_blame);
  EXPECT_GE(divided - no_blame, 0.2) << "the blame is what topples the leader";
  EXPECT_GE(divided, 0.3) << "divided, reversed " << divided << "; united " << united << "; divided, let stand " << standing;
  EXPECT_LE(united, 0.1) << "divided, reversed " << divided << "; united " << united << "; divided, let stand " << standing;
  EXPECT_GE(divided - standing, 0.2) << "divided, reversed " << divided << "; united " << united << "; divided, let stand " << standing;
}

// Lines on governing only (`executive.support_across_lines`, Scottish Labour 2022): a party across the lines may
// sustain a minority of the party's from outside, but not govern with it; by default it may do neither.
TEST(CoalitionR11, LinesOnGoverningOnlyLetAPartyAcrossThemSustainAMinority) {
  const auto both = hung([](scenario& s) { s.executive.cooperation_lines = {"con"}; });
  const auto governing_only = hung([](scenario& s) {
    s.executive.cooperation_lines = {"con"};
    s.executive.support_across_lines = true;
  });
  const std::uint32_t lab = bit(*both, "lab"), con = bit(*both, "con"), ld = bit(*both, "ld");
  const std::uint32_t sustained = lab | ((con | ld) << support_shift), coalition = lab | con | ld;
  EXPECT_TRUE(coalition_sign_off::crosses_lines(*both, sustained));
  EXPECT_TRUE(coalition_sign_off::crosses_lines(*both, coalition));
  EXPECT_FALSE(coalition_sign_off::crosses_lines(*governing_only, sustained));
  EXPECT_TRUE(coalition_sign_off::crosses_lines(*governing_only, coalition));
  EXPECT_FALSE(coalition_sign_off::crosses_lines(*governing_only, lab | (ld << support_shift)));
}
