// R21: a directly elected mayor -- the party's candidate chosen by the members from a shortlist the centre
// approves, the contest across the whole area, the mayor leading the administration and answering to the voters, not
// to a group vote.
#include <gtest/gtest.h>

#include "../../test_support.hpp"
#include "partyline/outcome/collect.hpp"
#include "partyline/partyline.hpp"
#include "partyline/rules/detail/common.hpp"

using namespace partyline;
using partyline::testing::tiny_scenario;

namespace {

std::int64_t tally(const world& w, event e) { return w.councils[0].tallies[static_cast<std::size_t>(e)].count; }
std::int64_t tally_sum(const world& w, event e) { return w.councils[0].tallies[static_cast<std::size_t>(e)].sum; }

/// Smalltown with a Labour mayor and a mayoral contest at week 40 (its council election too); `more` edits further.
frozen_scenario mayoral(const std::function<void(scenario&)>& more = {}) {
  return tiny_scenario([&](scenario& sc) {
    sc.weeks = 45;
    sc.events.clear();
    auto& c = sc.councils[0];
    c.disputes.clear();
    c.election_weeks = {40};
    c.members.count = 1500;
    c.group.leader.directly_elected = true;
    c.group.leader.position = -0.3;
    c.mayor.election_weeks = {40};
    coefficients(sc).R8.b0_new = -50;
    if (more) more(sc);
  });
}

/// A first contest (no sitting mayor) in which the members prefer the group's one councillor of the left (-0.9) and a
/// centralising executive to the right strikes them off the shortlist: the members' refused choice.
void first_contest_struck_off(scenario& sc) {
  auto& c = sc.councils[0];
  c.group.leader.directly_elected = false;
  c.group.leader.position = -0.2;
  c.group.left_share = 0.09;
  c.group.left_position = -0.9;
  c.members.position = -0.8;
  c.members.faction_share = 0.0;
  sc.executive.centralism_mean = 0.9;
  sc.executive.left_share = 0.0;
}

}  // namespace

TEST(MayorR21, TheMembersSelectFromTheShortlistAndTheAreaElectsTheMayor) {
  const auto s = mayoral();
  std::int64_t selections = 0, contests = 0;
  int held = 0;
  for (int r = 0; r < 20; ++r) {
    world w = build_world(s, 1, static_cast<std::uint64_t>(r));
    ASSERT_EQ(w.councils[0].mayoralty.party, s->party_index);
    for (int week = 0; week < 45; ++week) step_week(w);
    selections += tally(w, event::mayoral_selection);
    contests += tally(w, event::mayor_elected);
    held += w.councils[0].mayoralty.party == s->party_index;
    // The mayor leads the administration.
    EXPECT_EQ(w.councils[0].electoral.administration, 1u << static_cast<std::size_t>(w.councils[0].mayoralty.party));
  }
  EXPECT_EQ(selections, 20);
  EXPECT_EQ(contests, 20);
  EXPECT_GE(held, 15);  // Labour's seat-weighted share is the largest: it usually holds the office
}

TEST(MayorR21, ASwingAgainstThePartyCostsItTheMayoraltyAndTheGroupChoosesItsLeaderAgain) {
  const auto s = mayoral([](scenario& sc) {
    sc.national.swing.set("con", 0.3);
    sc.national.swing.set("lab", -0.3);
  });
  world w = build_world(s, 1, 0);
  for (int week = 0; week < 45; ++week) step_week(w);
  const council_state& c = w.councils[0];
  EXPECT_EQ(c.mayoralty.party, 1);  // the Conservatives
  EXPECT_EQ(tally(w, event::mayoralty_lost), 1);
  EXPECT_FALSE(c.leadership.directly_elected);
  EXPECT_EQ(c.electoral.administration, 1u << 1);
}

TEST(MayorR21, ACentralisingExecutiveStrikesADistantMayorOffTheShortlistWhoMayStandAsAnIndependent) {
  auto struck = [](double centralism) {
    const auto s = mayoral([&](scenario& sc) {
      sc.executive.centralism_mean = centralism;
      sc.executive.left_share = 0.0;  // a right-wing executive ...
      sc.councils[0].group.leader.position = -0.9;  // ... and a far-left mayor
      sc.councils[0].mayor.following = 0.8;
      coefficients(sc).independents.s0 = 20.0;  // who stands against the party whenever they lose its candidacy
    });
    int refused = 0, rivals = 0;
    for (int r = 0; r < 20; ++r) {
      world w = build_world(s, 1, static_cast<std::uint64_t>(r));
      for (int week = 0; week < 39; ++week) step_week(w);
      refused += tally(w, event::endorsement_refused) > 0;
      rivals += w.councils[0].mayoralty.rival != nobody;
    }
    return std::pair{refused, rivals};
  };
  const auto [centralising, rivals] = struck(0.9);
  const auto [member_led, rivals_member_led] = struck(0.2);
  std::printf("the far-left mayor struck off: centralising executive %d of 20 (%d stand against the party), member-led %d\n",
              centralising, rivals, member_led);
  EXPECT_GE(centralising, 15);
  EXPECT_GE(rivals, centralising - 2);  // struck off, they stand (s0 = 20) unless they had already lost the ballot
  EXPECT_LE(member_led, 2);
  (void)rivals_member_led;
}

TEST(MayorR21, TheGroupCannotVoteOutADirectlyElectedMayor) {
  auto challenges = [](bool mayor) {
    const auto s = tiny_scenario([&](scenario& sc) { sc.councils[0].group.leader.directly_elected = mayor; });
    world w = build_world(s, 1, 0);
    council_state& c = w.councils[0];
    w.week = 200;
    for (const councillor_id r : detail::group_rows(w, c)) w.councillors.satisfaction[r] = -1.0f;
    c.derived.dissatisfied = c.derived.group_size - 1;
    leadership_challenge::run(w, council_at(0));
    return c.tallies[static_cast<std::size_t>(event::leadership_challenge)].count;
  };
  EXPECT_EQ(challenges(false), 1);
  EXPECT_EQ(challenges(true), 0);
}

// Issue 31: whoever the party refuses can stand for the office they sought, a first contest included. The members'
// own choice for mayor, struck off the shortlist by a centralising panel, stands against the party's candidate with
// their share of the members' ballot and their following as their base and wins in a substantial share of runs; the
// same person, under a
// grave complaint (a counterfactual: the complaint held against them, g_allegation 1, or not, g_allegation 0), wins
// far less often -- the refusal and every draw before the count are the same in both.
TEST(MayorR21, ARefusedMembersChoiceStandsInAFirstContestAndAGraveAllegationCostsThemTheWin) {
  auto contest = [](double g_allegation) {
    const auto s = mayoral([&](scenario& sc) {
      first_contest_struck_off(sc);
      coefficients(sc).independents.g_allegation = g_allegation;
    });
    const auto ind = static_cast<int>(s->party_id("ind"));
    int stood = 0, won = 0;
    for (int r = 0; r < 40; ++r) {
      world w = build_world(s, 1, static_cast<std::uint64_t>(r));
      council_state& c = w.councils[0];
      // The left's councillor has a large base beyond the members (a following across the area: community networks),
      // and a grave complaint stands against them before the selection.
      for (const councillor_id k : c.rows.councillors())
        if (w.councillors.party[k] == s->party_index && w.councillors.position[k] < -0.6f) {
          w.councillors.following[k] = 0.7f;
          w.councillors.complained_of[k] = 1;
        }
      c.centre.allegation = 0.9f;
      for (int week = 0; week < 40; ++week) step_week(w);
      const bool rival = c.mayoralty.rival != nobody;
      stood += rival;
      step_week(w);  // week 40: the contest
      won += rival && c.mayoralty.party == ind;
    }
    return std::pair{stood, won};
  };
  const auto [stood_sympathy, won_sympathy] = contest(0.0);
  const auto [stood_accused, won_accused] = contest(1.0);
  std::printf("the members' refused choice for mayor: stands in %d and wins in %d of 40 runs; under a grave complaint held "
              "against them, %d and %d\n", stood_sympathy, won_sympathy, stood_accused, won_accused);
  EXPECT_GE(stood_sympathy, 10);
  EXPECT_GE(won_sympathy, 8);  // a substantial share of runs
  EXPECT_LT(stood_accused, stood_sympathy);
  EXPECT_LE(2 * won_accused, won_sympathy);
}

// Issue 31: another party may stand aside for the independent (a scenario fact, `mayor.stand_aside`); some of its
// voters follow them. The members' refused choice, with a modest base, rarely wins alone and often does with the
// Conservatives standing aside; with nobody standing against the party, the arrangement changes nothing.
TEST(MayorR21, AnotherPartyStandingAsideForTheRefusedChoiceCanMakeThemMayor) {
  auto contest = [](std::vector<std::string> aside) {
    const auto s = mayoral([&](scenario& sc) {
      first_contest_struck_off(sc);
      sc.councils[0].mayor.stand_aside = aside;
      coefficients(sc).independents.s0 = 20.0;  // struck off, they stand
    });
    const auto ind = static_cast<int>(s->party_id("ind"));
    int stood = 0, won = 0, party_won = 0;
    for (int r = 0; r < 40; ++r) {
      world w = build_world(s, 1, static_cast<std::uint64_t>(r));
      council_state& c = w.councils[0];
      for (const councillor_id k : c.rows.councillors())
        if (w.councillors.party[k] == s->party_index && w.councillors.position[k] < -0.6f) w.councillors.following[k] = 0.2f;
      for (int week = 0; week < 40; ++week) step_week(w);
      const bool rival = c.mayoralty.rival != nobody;
      stood += rival;
      step_week(w);
      won += rival && c.mayoralty.party == ind;
      party_won += !rival && c.mayoralty.party == s->party_index;
    }
    return std::tuple{stood, won, party_won};
  };
  const auto [stood_alone, won_alone, party_alone] = contest({});
  const auto [stood_aside, won_aside, party_aside] = contest({"con"});
  std::printf("the refused choice stands in %d of 40 runs and wins %d alone, %d with the Conservatives standing aside\n",
              stood_alone, won_alone, won_aside);
  EXPECT_EQ(stood_alone, stood_aside);  // the same refusals and decisions to stand: the fact acts only at the count
  EXPECT_GE(stood_alone, 10);
  EXPECT_LE(won_alone, stood_alone / 4);
  EXPECT_GE(won_aside, won_alone + stood_alone / 2);
  EXPECT_EQ(party_alone, party_aside);  // where nobody stands against the party, nothing changes
}

// Issue 31 pt 7, issue 33 (Tower Hamlets 2010): a complaint against the party's selected candidate for mayor. Staff
// suspend them pending the investigation, so they are no longer the party's candidate. Removed after the members'
// selection window has closed (week 22 here), the panel imposes its own; removed in the window, the members choose
// again. The removed candidate may stand against the party on the base the members gave them (with `s0` raised so
// that everyone allowed to stand does: the path, not its probability). No complaint: the members' choice stands.
TEST(MayorR21, ACandidateSuspendedAfterTheWindowClosesIsReplacedByTheCentreAndMayStandAgainstIt) {
  struct tally_of {
    int removed = 0, removed_late = 0, imposed = 0, replaced = 0, stood = 0;
  };
  auto contest = [](int complaint_week, double s0) {
    const auto s = mayoral([&](scenario& sc) {
      auto& c = sc.councils[0];
      c.group.leader.directly_elected = false;  // a first contest
      c.members.position = -0.5;
      coefficients(sc).independents.s0 = s0;
      if (complaint_week >= 0)
        sc.events.push_back(partyline::testing::tiny_allegation(complaint_week, 0.5, allegation_subject::mayoral_candidate));
    });
    const int window_closes = 40 - coefficients(*s).R5.window_close_weeks_before;
    tally_of t;
    for (int r = 0; r < 40; ++r) {
      world w = build_world(s, 1, static_cast<std::uint64_t>(r));
      council_state& c = w.councils[0];
      councillor_id chosen = nobody;
      int removed_week = -1;
      bool replaced = false;
      for (int week = 0; week < 40; ++week) {
        step_week(w);
        if (chosen == nobody) chosen = c.mayoralty.candidate;
        if (chosen != nobody && removed_week < 0 && !detail::in_group(w, chosen)) removed_week = week;
        replaced = replaced || (removed_week >= 0 && c.mayoralty.candidate != nobody && c.mayoralty.candidate != chosen);
      }
      t.removed += removed_week >= 0;
      t.removed_late += removed_week > window_closes;
      t.imposed += c.mayoralty.candidate_imposed;  // the party's candidate for mayor (wards have impositions of their own)
      t.replaced += replaced;
      t.stood += c.mayoralty.rival != nobody && c.mayoralty.rival == chosen;
    }
    return t;
  };
  const tally_of late = contest(30, -3.0), early = contest(8, -3.0), none = contest(-1, -3.0);
  const tally_of standing = contest(30, 20.0);
  std::printf("a complaint against the candidate for mayor after the window (week 30): removed in %d, a candidate "
              "imposed in %d, replaced in %d, the removed candidate stands in %d of 40 runs (%d when all may); in the "
              "window (week 8): removed in %d (%d after the window closed), imposed in %d, replaced in %d; no complaint: "
              "%d, %d, %d, %d\n",
              late.removed, late.imposed, late.replaced, late.stood, standing.stood, early.removed, early.removed_late,
              early.imposed, early.replaced, none.removed, none.imposed, none.replaced, none.stood);
  EXPECT_GE(late.removed, 12);               // staff suspend the subject pending the investigation in many runs
  EXPECT_EQ(late.imposed, late.removed);     // ... and each time, too late for the members, the panel imposes
  EXPECT_EQ(late.replaced, late.removed);
  EXPECT_EQ(standing.stood, standing.removed);  // each removed candidate may stand against the party
  EXPECT_LE(late.stood, late.removed);
  EXPECT_GE(early.removed, 12);
  EXPECT_EQ(early.imposed, early.removed_late);  // in the window the members choose again; only a later removal imposes
  EXPECT_EQ(early.replaced, early.removed);
  EXPECT_EQ(none.removed + none.imposed + none.stood, 0);
}

// Issue 31 pt 7 (Rule Book ch. 2: a member who stands against an official Labour candidate is automatically no longer
// a member): a councillor who stands for mayor against the party's candidate -- the members' choice the panel struck
// off, in a first contest -- is excluded without a hearing, sits as an independent and leaves the group; a sitting
// mayor who lost the candidacy and stands keeps the office and stays of the party until the contest (not excluded).
TEST(MayorR21, ACouncillorWhoStandsForMayorAgainstThePartyIsExcludedASittingMayorIsNot) {
  int councillor_rivals = 0, excluded = 0, still_in_group = 0;
  {
    const auto s = mayoral([&](scenario& sc) {
      first_contest_struck_off(sc);
      coefficients(sc).independents.s0 = 20.0;  // struck off, they stand
    });
    for (int r = 0; r < 40; ++r) {
      world w = build_world(s, 1, static_cast<std::uint64_t>(r));
      for (int week = 0; week < 39; ++week) step_week(w);
      const councillor_id rival = w.councils[0].mayoralty.rival;
      if (rival == nobody) continue;
      ++councillor_rivals;
      // (the tally counts the wards' exclusions at the close of nominations too, R20: at least this one)
      excluded += w.councillors.status[rival] == councillor_status::independent &&
                  w.councillors.party[rival] == s->party_id("ind") && tally(w, event::auto_excluded) >= 1;
      still_in_group += detail::in_group(w, rival);
    }
  }
  int mayor_rivals = 0, mayor_excluded = 0, mayor_leads = 0;
  {
    const auto s = mayoral([&](scenario& sc) {
      sc.executive.centralism_mean = 0.9;
      sc.executive.left_share = 0.0;
      sc.councils[0].group.leader.position = -0.9;
      sc.councils[0].mayor.following = 0.8;
      coefficients(sc).independents.s0 = 20.0;
    });
    for (int r = 0; r < 20; ++r) {
      world w = build_world(s, 1, static_cast<std::uint64_t>(r));
      for (int week = 0; week < 39; ++week) step_week(w);
      const councillor_id rival = w.councils[0].mayoralty.rival;
      if (rival == nobody) continue;
      ++mayor_rivals;
      // out of the party without a hearing (a hearing may expel them on another case)
      mayor_excluded += w.councillors.party[rival] == s->party_id("ind") && tally(w, event::hearing_held) == 0;
      mayor_leads += w.councillors.party[rival] == s->party_index && w.councillors.status[rival] != councillor_status::independent;
    }
  }
  std::printf("councillors standing for mayor against the party: %d, excluded %d, still in the group %d; sitting mayors "
              "standing: %d, excluded %d, still of the party %d\n",
              councillor_rivals, excluded, still_in_group, mayor_rivals, mayor_excluded, mayor_leads);
  EXPECT_GE(councillor_rivals, 10);
  EXPECT_EQ(excluded, councillor_rivals);
  EXPECT_EQ(still_in_group, 0);
  EXPECT_GE(mayor_rivals, 10);
  EXPECT_EQ(mayor_excluded, 0);
  EXPECT_GE(mayor_leads, mayor_rivals - 2);  // of the party still, unless a hearing expelled them on another case
}

// Issue 31 pt 2 and pt 7 (Rule Book ch. 2: a member who "supports any candidate who stands against an official Labour
// candidate" is "automatically ineligible to be or remain a party member"; Tower Hamlets 2010: eight councillors who
// backed the independent "automatically excluded themselves", the party's statement): when the members' choice struck
// off the shortlist stands against the party's candidate, the councillors of their camp -- near them in the policy
// space -- campaign for them and leave the party at once, without a complaint or a hearing (they sit as independents,
// the event `auto_excluded` counts them in `exclusions_automatic`); the rest of the group stays in it and is neither
// excluded nor suspended. Counterfactuals: with campaigning's intercept at -20 nobody campaigns and nobody but the
// rival leaves; with the distance term at 0 the campaigners are no nearer the rival than the rest of the group.
TEST(MayorR21, TheRivalsCampCampaignsForThemAndOnlyTheyAreExcluded) {
  struct tally_of {
    int rivals = 0, with_campaigners = 0, campaigners = 0, excluded_counted = 0, bystanders_out = 0;  // out: suspended
    double camp_distance = 0, rest_distance = 0;
    int camp_n = 0, rest_n = 0;
  };
  const auto contest = [](double k0, double k_distance) {
    const auto s = mayoral([&](scenario& sc) {
      first_contest_struck_off(sc);
      sc.councils[0].group.left_share = 0.3;  // the left a camp of several
      coefficients(sc).independents.s0 = 20.0;  // struck off, they stand
      coefficients(sc).independents.k0 = k0;
      coefficients(sc).independents.k_distance = k_distance;
    });
    const auto ind = static_cast<std::uint8_t>(s->party_id("ind"));
    tally_of t;
    for (int r = 0; r < 120; ++r) {
      world w = build_world(s, 1, static_cast<std::uint64_t>(r));
      council_state& c = w.councils[0];
      auto& cl = w.councillors;
      std::vector<std::uint8_t> campaigned(cl.size(), 0), in_group_then(cl.size(), 0), at_campaign(cl.size(), 0),
          ever_suspended(cl.size(), 0);
      std::vector<float> position_then(cl.size(), 0);
      for (int week = 0; week < 39; ++week) {
        const std::int64_t before = tally(w, event::campaigned_for_rival), excluded_before = tally_sum(w, event::auto_excluded);
        for (const councillor_id k : c.rows.councillors()) {
          in_group_then[row(k)] = detail::in_group(w, k);
          position_then[row(k)] = cl.position[k];
        }
        step_week(w);
        for (const councillor_id k : c.rows.councillors()) ever_suspended[row(k)] |= cl.status[k] == councillor_status::suspended;
        if (tally(w, event::campaigned_for_rival) == before) continue;
        // The week they campaign: who was in the group and left it for the independents; the distances are the week's.
        t.excluded_counted += static_cast<int>(tally_sum(w, event::auto_excluded) - excluded_before);
        const councillor_id rival = c.mayoralty.rival;
        for (const councillor_id k : c.rows.councillors()) {
          if (!in_group_then[row(k)] || k == rival) continue;
          const double d = std::abs(position_then[row(k)] - position_then[row(rival)]);
          at_campaign[row(k)] = 1;
          campaigned[row(k)] = cl.party[k] == ind && cl.status[k] == councillor_status::independent;
          (campaigned[row(k)] ? t.camp_distance : t.rest_distance) += d;
          ++(campaigned[row(k)] ? t.camp_n : t.rest_n);
        }
      }
      const councillor_id rival = c.mayoralty.rival;
      if (rival == nobody) continue;
      ++t.rivals;
      int n = 0;
      for (const councillor_id k : c.rows.councillors()) {
        if (k == rival || !at_campaign[row(k)]) continue;
        if (campaigned[row(k)]) {
          ++n;
        } else {
          t.bystanders_out += ever_suspended[row(k)];
        }
      }
      t.campaigners += n;
      t.with_campaigners += n > 0;
    }
    return t;
  };
  const tally_of base = contest(1.0, 4.0), none = contest(-20.0, 4.0), anyone = contest(1.0, 0.0);
  const auto mean = [](double sum, int n) { return n > 0 ? sum / n : 0.0; };
  std::printf("rivals %d; campaigners in %d runs, %d in all (auto_excluded counted %d with the rival), %.3f from the "
              "rival against %.3f for the rest, bystanders suspended %d; intercept -20: %d campaigners, %d "
              "bystanders suspended; no distance term: %.3f against %.3f\n",
              base.rivals, base.with_campaigners, base.campaigners, base.excluded_counted, mean(base.camp_distance, base.camp_n),
              mean(base.rest_distance, base.rest_n), base.bystanders_out, none.campaigners, none.bystanders_out,
              mean(anyone.camp_distance, anyone.camp_n), mean(anyone.rest_distance, anyone.rest_n));
  ASSERT_GE(base.rivals, 10);
  EXPECT_GE(base.with_campaigners, base.rivals / 2);
  EXPECT_GT(base.campaigners, 0);
  // Each campaigner is counted once as excluded the week they campaign (the rival's own exclusion, when they stand,
  // may fall in the same week: at most one more a run).
  EXPECT_GE(base.excluded_counted, base.campaigners);
  EXPECT_LE(base.excluded_counted, base.campaigners + base.with_campaigners);
  EXPECT_EQ(base.bystanders_out, 0);  // nobody else leaves or is suspended
  // The rival's camp: nearer them by a fifth or more (without the distance term about as far as the rest).
  EXPECT_LT(mean(base.camp_distance, base.camp_n), 0.8 * mean(base.rest_distance, base.rest_n));
  EXPECT_EQ(none.campaigners, 0);
  EXPECT_EQ(none.bystanders_out, 0);
  EXPECT_GT(mean(anyone.camp_distance, anyone.camp_n), 0.8 * mean(anyone.rest_distance, anyone.rest_n));
}

// Issue 31 pt 7, community networks as a base: a council may state a community with close networks (`community`:
// its share of the area's voters, and of the councillors rooted in it); a candidate rooted in it brings
// `community_reach` of its voters with them whatever their party, and that base weighs in their decision to stand.
// The members' refused choice, rooted in a community of a third of the voters, stands and wins a first mayoral contest
// far more often than with no community stated; with nobody rooted in it (group_share 0) every run is as without it.
TEST(MayorR21, ACandidateRootedInACommunityWithCloseNetworksStandsAndWinsMoreOften) {
  auto contest = [](double share, double group_share) {
    const auto s = mayoral([&](scenario& sc) {
      first_contest_struck_off(sc);
      sc.councils[0].community.share = share;
      sc.councils[0].community.group_share = group_share;
    });
    const auto ind = static_cast<int>(s->party_id("ind"));
    int stood = 0, won = 0;
    std::uint64_t fingerprint = 0;
    for (int r = 0; r < 60; ++r) {
      world w = build_world(s, 1, static_cast<std::uint64_t>(r));
      council_state& c = w.councils[0];
      for (int week = 0; week < 40; ++week) step_week(w);
      const bool rival = c.mayoralty.rival != nobody;
      stood += rival;
      step_week(w);  // week 40: the contest
      won += rival && c.mayoralty.party == ind;
      fingerprint = fingerprint * 1315423911u + c.mayoralty.party * 7u + (rival ? 1u : 0u) + 31u * c.electoral.seats_by_party[0];
    }
    return std::tuple{stood, won, fingerprint};
  };
  const auto [stood_none, won_none, runs_none] = contest(0.0, -1.0);
  const auto [stood_rooted, won_rooted, runs_rooted] = contest(0.33, 1.0);
  const auto [stood_unrooted, won_unrooted, runs_unrooted] = contest(0.33, 0.0);
  std::printf("the members' refused choice: stands in %d and wins in %d of 60 runs with no community; rooted in one of a "
              "third of the voters, %d and %d; with nobody rooted in it, %d and %d\n",
              stood_none, won_none, stood_rooted, won_rooted, stood_unrooted, won_unrooted);
  EXPECT_GE(stood_rooted, stood_none + 6);
  EXPECT_GE(won_rooted, won_none + 5);
  EXPECT_EQ(runs_unrooted, runs_none);  // the community's draw is apart from every other: no rooted councillor, no change
}
