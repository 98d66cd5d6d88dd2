// R18: investigations end in findings by the evidence, findings in the executive's sanctions, charges in hearings;
// allegations reach the executive as facts.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

#include "../../test_support.hpp"
#include "partyline/partyline.hpp"
#include "partyline/rules/detail/common.hpp"
#include "partyline/rules/detail/leadership.hpp"

using namespace partyline;
using partyline::testing::tiny_scenario;

namespace {

std::int64_t tally(const world& w, event e) { return w.councils[0].tallies[static_cast<std::size_t>(e)].count; }
std::int64_t tally_sum(const world& w, event e) { return w.councils[0].tallies[static_cast<std::size_t>(e)].sum; }

/// Opens an investigation at week 5 and runs R18 until it reports; returns the findings' severity and the weeks it took.
std::pair<double, int> investigate(const frozen_scenario& s, int run, bool damning) {
  world w = build_world(s, 1, static_cast<std::uint64_t>(run));
  council_state& c = w.councils[0];
  if (damning) {
    c.derived.dissatisfied = c.derived.group_size - 1;
    c.division.stock = 2.0f;
    c.centre.allegation = 0.8f;
  } else {
    c.derived.dissatisfied = 0;
    c.derived.worst_intensity = 0;
  }
  w.week = 5;
  investigations::open(w, council_at(0));
  const int until = c.centre.investigation_until;
  for (w.week = 6; w.week <= until; ++w.week) investigations::run(w, council_at(0));
  EXPECT_EQ(tally(w, event::investigation_concluded), 1);
  return {c.centre.findings, until - 5};
}

}  // namespace

TEST(InvestigationsR18, AnInvestigationRunsADrawnTimeAndFindsByTheEvidence) {
  const auto s = tiny_scenario([](scenario& sc) { sc.weeks = 200; });
  double damning = 0, calm = 0;
  int shortest = 1000, longest = 0;
  for (int r = 0; r < 60; ++r) {
    const auto [sev_d, weeks] = investigate(s, r, true);
    damning += sev_d;
    calm += investigate(s, r, false).first;
    shortest = std::min(shortest, weeks);
    longest = std::max(longest, weeks);
  }
  std::printf("mean severity: damning evidence %.2f, none %.2f; length %d-%d weeks\n", damning / 60, calm / 60, shortest, longest);
  EXPECT_GT(damning / 60, calm / 60 + 0.5);
  EXPECT_LT(shortest, longest);  // drawn, not fixed
  EXPECT_GE(shortest, 1);
}

TEST(InvestigationsR18, SeriousFindingsBringSanctionsMildOnesAtMostAWarning) {
  const auto s = tiny_scenario([](scenario& sc) {
    sc.weeks = 200;
    sc.executive.centralism_mean = 0.65;
  });
  auto sanctions = [&](double severity) {
    int severe = 0;
    for (int r = 0; r < 1000; ++r) {
      world w = build_world(s, 1, static_cast<std::uint64_t>(r));
      council_state& c = w.councils[0];
      w.week = 10;
      c.centre.findings = static_cast<float>(severity);
      for (const councillor_id row : detail::group_rows(w, c)) w.councillors.dissent[row] = 1;
      w.outbox[0].push_back(detail::new_item(w, council_at(0), investigations::findings_item, 0.95, severity, w.national.executive_median));
      central_phase(w);
      if (w.institutions.published.empty()) continue;
      severe += w.institutions.published.front().motion->rung >= 2;
    }
    return severe / 1000.0;
  };
  const double serious = sanctions(0.9), mild = sanctions(0.1);
  std::printf("suspension or worse: serious findings %.2f, mild %.2f\n", serious, mild);
  EXPECT_GE(serious, 0.5);
  // Findings go to a disputes panel of five NEC members (Labour's default institutions): a small panel's majority is
  // less certain than the whole executive's, so a mild case is sanctioned now and then, rarely.
  EXPECT_LE(mild, 0.10);
}

TEST(InvestigationsR18, SanctionsFallOnTheCasesSubjectsNeverOnBystanders) {
  // Every backbencher has signed letters against the leadership; findings about the group's leadership suspend some of
  // its leadership (the leader, the cabinet) and none of the signatories.
  const auto s = tiny_scenario([](scenario& sc) { sc.weeks = 200; });
  int leadership_suspended = 0, bystanders_suspended = 0;
  for (int r = 0; r < 50; ++r) {
    world w = build_world(s, 1, static_cast<std::uint64_t>(r));
    council_state& c = w.councils[0];
    const councillor_id leader = c.leadership.leader;
    column<std::uint8_t, councillor_id> leadership(w.councillors.size(), 0);
    for (const councillor_id row : detail::group_rows(w, c)) {
      leadership[row] = row == leader || w.councillors.cabinet[row];
      if (!leadership[row]) w.councillors.dissent[row] = 3;
    }
    w.week = 10;
    investigations::suspend_individuals(w, council_at(0), 0.9);
    for (const councillor_id row : c.rows.councillors())
      if (w.councillors.status[row] == councillor_status::suspended) (leadership[row] ? leadership_suspended : bystanders_suspended)++;
  }
  std::printf("findings of severity 0.9 in 50 runs: %d of the leadership suspended, %d others\n", leadership_suspended,
              bystanders_suspended);
  EXPECT_GT(leadership_suspended, 25);
  EXPECT_EQ(bystanders_suspended, 0);
}

namespace {

struct hearing_outcome {
  std::int64_t charged = 0, expelled = 0;
  int weeks = -1;  ///< from charges to the verdict (-1: none in the horizon)
};

/// Charges against the group's leadership (findings of `severity`) at week 10, then the whole week stepped until the
/// hearing body's verdict.
hearing_outcome charge_and_wait(const frozen_scenario& s, int run, double severity) {
  world w = build_world(s, 1, static_cast<std::uint64_t>(run));
  council_state& c = w.councils[0];
  w.week = 10;
  c.centre.findings = static_cast<float>(severity);
  investigations::bring_charges(w, council_at(0), severity);
  hearing_outcome out;
  out.charged = tally_sum(w, event::charges_brought);
  EXPECT_EQ(out.charged, tally_sum(w, event::suspension_individual)) << "the charged are suspended until the hearing";
  for (w.week = 11; w.week < s->weeks && tally(w, event::hearing_held) == 0;) step_week(w);
  if (tally(w, event::hearing_held) == 0) return out;
  out.weeks = w.week - 1 - 10;
  out.expelled = tally_sum(w, event::expulsion);
  return out;
}

}  // namespace

TEST(InvestigationsR18, ChargesGoBeforeTheHearingBodyMonthsLaterWhichExpelsOnTheEvidence) {
  const auto s = tiny_scenario([](scenario& sc) {
    sc.weeks = 200;
    sc.events.clear();
  });
  int grave_expelled = 0, slight_expelled = 0, heard = 0, shortest = 1000;
  for (int r = 0; r < 40; ++r) {
    const hearing_outcome grave = charge_and_wait(s, r, 0.9), slight = charge_and_wait(s, r, 0.25);
    ASSERT_GT(grave.charged, 0);
    for (const hearing_outcome& h : {grave, slight}) {
      if (h.weeks < 0) continue;
      ++heard;
      shortest = std::min(shortest, h.weeks);
      EXPECT_TRUE(h.expelled == 0 || h.expelled == h.charged) << "one verdict on the case";
    }
    grave_expelled += grave.expelled > 0;
    slight_expelled += slight.expelled > 0;
  }
  std::printf("hearings: %d of 80 cases heard, the quickest %d weeks after charges; expelled on grave findings %d of 40, "
              "on slight %d of 40\n", heard, shortest, grave_expelled, slight_expelled);
  EXPECT_EQ(heard, 80) << "the hearing body decides every case within the year";
  EXPECT_GE(shortest, 2) << "charges are prepared before a hearing";
  EXPECT_GT(grave_expelled, 28);
  EXPECT_GT(grave_expelled, slight_expelled + 8);
}

TEST(InvestigationsR18, AnAllegationReachesTheExecutiveWhoseVoteDecidesWhatFollows) {
  int suspended = 0, investigated = 0;
  for (int r = 0; r < 100; ++r) {
    const auto s = tiny_scenario([](scenario& sc) {
      sc.weeks = 30;
      sc.events.push_back(partyline::testing::tiny_allegation(4, 0.9));
    });
    world w = build_world(s, 1, static_cast<std::uint64_t>(r));
    for (int week = 0; week < 30; ++week) step_week(w);
    EXPECT_EQ(tally(w, event::allegation), 1);
    suspended += tally(w, event::decision_suspend_individuals) > 0;
    investigated += tally(w, event::decision_investigate) > 0;
  }
  std::printf("a grave allegation against the leader: suspended in %d, investigated in %d of 100 runs\n", suspended, investigated);
  EXPECT_GT(suspended + investigated, 50);
}

TEST(InvestigationsR18, TheAccusedLeaderIsSuspendedNotTheirSuccessor) {
  const auto s = tiny_scenario([](scenario& sc) { sc.weeks = 60; });
  world w = build_world(s, 1, 0);
  council_state& c = w.councils[0];
  w.week = 5;
  const councillor_id accused = c.leadership.leader;
  c.centre.allegation = 0.9f;
  c.centre.accused = accused;
  w.councillors.complained_of[accused] = 1;  // the subject the allegation names
  investigations::suspend_individuals(w, council_at(0), 0.9);
  EXPECT_EQ(w.councillors.status[accused], councillor_status::suspended);
  ASSERT_NE(c.leadership.leader, nobody);
  ASSERT_NE(c.leadership.leader, accused);
  const councillor_id successor = c.leadership.leader;
  for (const councillor_id row : detail::group_rows(w, c)) w.councillors.dissent[row] = 0;  // no one else implicated
  investigations::suspend_individuals(w, council_at(0), 0.9);
  EXPECT_EQ(w.councillors.status[successor], councillor_status::sitting);
  EXPECT_EQ(c.leadership.leader, successor);
}

TEST(InvestigationsR18, BackgroundAllegationsArriveAtTheirRateAgainstAnyCouncillor) {
  // A fact process, not a decision: at 2 a year over 4 years, about 8 allegations, most not against the leader.
  const auto s = tiny_scenario([](scenario& sc) {
    sc.weeks = 208;
    sc.events.clear();
    sc.national.allegations_per_council_year = 2.0;
  });
  std::int64_t allegations = 0, against_others = 0;
  for (int r = 0; r < 20; ++r) {
    world w = build_world(s, 1, static_cast<std::uint64_t>(r));
    for (int week = 0; week < 208; ++week) {
      const std::int64_t before = tally(w, event::allegation);
      const councillor_id leader = w.councils[0].leadership.leader;
      step_week(w);
      if (tally(w, event::allegation) > before) against_others += w.councils[0].centre.accused != leader;
    }
    allegations += tally(w, event::allegation);
  }
  const double per_run = static_cast<double>(allegations) / 20.0;
  std::printf("background allegations: %.1f a run (expected 8), %lld not against the leader\n", per_run,
              static_cast<long long>(against_others));
  EXPECT_GT(per_run, 5.0);
  EXPECT_LT(per_run, 11.0);
  EXPECT_GT(against_others, allegations / 2);
  // None without the rate.
  const auto quiet = tiny_scenario([](scenario& sc) {
    sc.weeks = 208;
    sc.events.clear();
  });
  world w = build_world(quiet, 1, 0);
  for (int week = 0; week < 208; ++week) step_week(w);
  EXPECT_EQ(tally(w, event::allegation), 0);
}

TEST(InvestigationsR18, TheDisciplinaryProcessIsNotStoppedByPoliticalBacklash) {
  // Under a backlash that stops political interventions (Haringey's letter), an allegation is still acted on.
  const auto s = tiny_scenario([](scenario& sc) {
    sc.weeks = 200;
    sc.events.clear();
  });
  auto acted_on = [&](const item_kind_def& kind) {
    int n = 0;
    for (int r = 0; r < 100; ++r) {
      world w = build_world(s, 1, static_cast<std::uint64_t>(r));
      council_state& c = w.councils[0];
      w.week = 10;
      w.executive.backlash = 2.0;
      c.centre.allegation = 0.6f;
      c.centre.accused = c.leadership.leader;
      w.councillors.complained_of[c.leadership.leader] = 1;
      w.outbox[0].push_back(detail::new_item(w, council_at(0), kind, 0.95, 0.6, w.national.executive_median));
      central_phase(w);
      if (!w.institutions.published.empty()) n += w.institutions.published.front().motion->acts;
    }
    return n / 100.0;
  };
  const double allegation = acted_on(investigations::allegation_item), request = acted_on(request_to_centre::item);
  std::printf("under backlash 2.0: an allegation acted on in %.2f, a request of 60%% of the group in %.2f\n", allegation, request);
  EXPECT_GT(allegation, 0.8);
  EXPECT_LT(request, 0.2);
}

// Issue 31 pt 2: an allegation against the leader suspends the leader administratively, pending the investigation
// that opens with the suspension (by default the general secretary's staff decide allegations weekly, without a
// meeting: `suspensions_administrative`), and no bystander is charged: the first charges (the allegation's case) are
// against the accused alone.
TEST(InvestigationsR18, AnAllegationAgainstTheLeaderSuspendsTheLeaderPendingInvestigationAndChargesNoBystander) {
  const auto s = partyline::testing::tiny_scenario([](scenario& sc) {
    sc.weeks = 104;
    sc.events.clear();
    sc.events.push_back(partyline::testing::tiny_allegation(4, 0.9));
  });
  int suspended = 0, investigated = 0, bystanders_charged = 0, charged = 0;
  for (std::uint64_t run = 0; run < 100; ++run) {
    const run_result r = simulate_run(s, 3, run, false, true);
    suspended += r.counters[run_outcome::suspensions_administrative] == 1;
    investigated += r.counters[run_outcome::investigations_concluded] > 0;
    for (const auto& e : r.events)
      if (e.kind == event::charges_brought) {
        ++charged;
        bystanders_charged += e.value > 1;
        break;  // the allegation's case; a later case (findings about a new leadership) has its own subjects
      }
  }
  std::printf("of 100 runs: the leader suspended pending the case %d, investigated %d, charged %d, more than the accused charged %d\n",
              suspended, investigated, charged, bystanders_charged);
  EXPECT_GE(suspended, 80);
  EXPECT_GE(investigated, 80);
  EXPECT_EQ(bystanders_charged, 0);
}

namespace {

/// The tiny scenario for `weeks` with one allegation at week 4 against `subject`.
frozen_scenario with_allegation(allegation_subject subject, double severity, int count, int weeks,
                                const std::function<void(scenario&)>& more = {}) {
  return partyline::testing::tiny_scenario([&](scenario& sc) {
    sc.weeks = weeks;
    sc.events.clear();
    sc.events.push_back(partyline::testing::tiny_allegation(4, severity, subject, count));
    if (more) more(sc);
  });
}

}  // namespace

// Issue 31 pt 2: an inquiry into a local party with a named faction charges the faction's members -- members who are
// not councillors -- and nobody outside it; the hearing body's expulsions come months after the inquiry opened (an
// investigation, findings before the executive, charges prepared, a hearing).
TEST(InvestigationsR18, AnInquiryIntoALocalPartysFactionChargesTheFactionsMembersAndNoOneElse) {
  const auto s = with_allegation(allegation_subject::faction, 0.8, 0, 156, [](scenario& sc) {
    sc.councils[0].members.faction_share = 0.15;
  });
  int runs_charged = 0, runs_expelled = 0, late = 0, unit_suspended = 0;
  std::int64_t outsiders_expelled = 0, outsiders_suspended = 0, expelled_total = 0;
  for (std::uint64_t run = 0; run < 100; ++run) {
    world w = build_world(s, 5, run);
    for (int week = 0; week < s->weeks; ++week) step_week(w);
    int last_expulsion = -1;
    bool members_charged = false;
    for (const auto& e : w.log.merged) {
      if (e.kind == event::expulsion) last_expulsion = e.week;  // the hearing's verdict (its members count is tallied)
      if (e.kind == event::members_suspended) members_charged = true;
    }
    if (tally(w, event::members_expelled) == 0) last_expulsion = -1;
    unit_suspended += tally(w, event::local_party_suspended) > 0;
    runs_charged += members_charged && tally(w, event::charges_brought) > 0;
    for (std::uint64_t m = w.councils[0].rows.member_begin; m < w.councils[0].rows.member_end; ++m) {
      const bool expelled = w.members.status[m] == member_status::expelled;
      expelled_total += expelled;
      outsiders_expelled += expelled && !w.members.faction[m];
      outsiders_suspended += w.members.status[m] == member_status::suspended && !w.members.faction[m];
    }
    if (last_expulsion >= 0) {
      ++runs_expelled;
      late += last_expulsion - 4 >= 26;
    }
  }
  std::printf("of 100 runs: the faction charged %d, members expelled in %d (%lld in all), the last expulsion six months or "
              "more after the inquiry opened in %d, the local party suspended in %d; members outside the faction expelled %lld, "
              "suspended %lld\n",
              runs_charged, runs_expelled, static_cast<long long>(expelled_total), late, unit_suspended,
              static_cast<long long>(outsiders_expelled), static_cast<long long>(outsiders_suspended));
  EXPECT_GE(runs_charged, 50);
  EXPECT_GE(runs_expelled, 30);
  EXPECT_GT(late, runs_expelled / 2);  // most runs with expulsions
  EXPECT_EQ(outsiders_expelled, 0);
  EXPECT_EQ(outsiders_suspended, 0);
}

// Proportionality: a complaint about the local party's own conduct (its meetings, its officers) is answered by the
// unit's suspension pending an inquiry (Rule Book ch. 1 cl. VIII), at once and about as readily as a complaint about
// named members is answered by their interim suspension (ch. 6): the same rung of the ladder, the same cost. Before,
// the unit's suspension stood on the rung of special measures, so a complaint about the unit could reach it only
// after an inquiry's findings, months on (Brighton and Hove 2016: suspended five days after the complaints).
TEST(InvestigationsR18, AComplaintAboutTheLocalPartyIsAnsweredByTheUnitsSuspensionAsOneAboutMembersIsByTheirs) {
  constexpr int runs = 200;
  const auto about_unit = with_allegation(allegation_subject::local_party, 0.5, 3, 12);
  const auto about_members = with_allegation(allegation_subject::members, 0.5, 3, 12);
  int unit_suspended_at_once = 0, unit_suspended = 0, members_suspended_at_once = 0, unit_complaint_members = 0;
  for (std::uint64_t run = 0; run < runs; ++run) {
    world w = build_world(about_unit, 5, run);
    for (int week = 0; week < about_unit->weeks; ++week) step_week(w);
    int first = -1;
    for (const auto& e : w.log.merged)
      if (e.kind == event::local_party_suspended && first < 0) first = e.week;
    unit_suspended += first >= 0;
    unit_suspended_at_once += first >= 0 && first <= 6;  // the complaint is filed in week 4
    unit_complaint_members += tally(w, event::members_suspended) > 0;

    world v = build_world(about_members, 5, run);
    for (int week = 0; week < about_members->weeks; ++week) step_week(v);
    int first_members = -1;
    for (const auto& e : v.log.merged)
      if (e.kind == event::members_suspended && first_members < 0) first_members = e.week;
    members_suspended_at_once += first_members >= 0 && first_members <= 6;
  }
  std::printf("of %d runs: on a complaint about the local party, the unit suspended within two weeks %d (at all in 12 weeks %d; "
              "its officers suspended %d); on one about three members, those members suspended within two weeks %d\n",
              runs, unit_suspended_at_once, unit_suspended, unit_complaint_members, members_suspended_at_once);
  EXPECT_GE(members_suspended_at_once, runs / 10);  // the comparison means something only if interim suspension happens
  EXPECT_GE(unit_suspended_at_once, members_suspended_at_once * 2 / 3);
  EXPECT_LE(unit_suspended_at_once, members_suspended_at_once * 3 / 2);
}

// Counterfactual: the same complaint against the leader touches no member who is not a councillor.
TEST(InvestigationsR18, AComplaintAgainstTheLeaderTouchesNoMember) {
  const auto s = with_allegation(allegation_subject::leader, 0.8, 0, 156);
  std::int64_t members_sanctioned = 0;
  for (std::uint64_t run = 0; run < 40; ++run) {
    const run_result r = simulate_run(s, 5, run, false, false);
    members_sanctioned += r.counters[run_outcome::members_suspended] + r.counters[run_outcome::members_expelled];
  }
  EXPECT_EQ(members_sanctioned, 0);
}

// A complaint naming councillors: those it names, and nobody else, are suspended pending the case.
TEST(InvestigationsR18, AComplaintNamingCouncillorsSuspendsThoseItNames) {
  const auto s = with_allegation(allegation_subject::councillors, 0.9, 2, 8);
  int suspended_named = 0, suspended_other = 0, runs = 0, dismissed = 0;
  for (std::uint64_t run = 0; run < 40; ++run) {
    world w = build_world(s, 5, run);
    for (int week = 0; week < 5; ++week) step_week(w);
    std::vector<councillor_id> named;
    for (const councillor_id r : w.councils[0].rows.councillors())
      if (w.councillors.complained_of[r]) named.push_back(r);
    // The general secretary may dismiss the complaint at once (no case: its marks are cleared); the test is of the
    // cases that go on.
    if (named.empty() && tally(w, event::decision_dismiss) > 0) {
      ++dismissed;
      continue;
    }
    ASSERT_EQ(named.size(), 2u);
    for (int week = 5; week < s->weeks; ++week) step_week(w);
    ++runs;
    for (const councillor_id r : w.councils[0].rows.councillors()) {
      if (w.councillors.status[r] != councillor_status::suspended) continue;
      const bool is_named = std::find(named.begin(), named.end(), r) != named.end();
      suspended_named += is_named;
      suspended_other += !is_named;
    }
  }
  std::printf("of %d runs (%d dismissed at once), councillors the complaint named suspended: %d; others: %d\n", runs,
              dismissed, suspended_named, suspended_other);
  EXPECT_LE(dismissed, 4);         // a grave complaint is rarely dismissed
  EXPECT_GE(suspended_named, 40);  // most runs suspend both within weeks
  EXPECT_EQ(suspended_other, 0);
}

// Issue 31 pt 2: a grave finding against a group's leadership can end in the leader's removal (suspended pending
// charges, the group elects another), a mild complaint rarely does.
TEST(InvestigationsR18, AGraveComplaintAgainstAGroupsLeadershipCanEndTheLeadersTenure) {
  auto removed_share = [](double severity) {
    const auto s = with_allegation(allegation_subject::group, severity, 0, 104);
    int removed = 0;
    for (std::uint64_t run = 0; run < 100; ++run) {
      world w = build_world(s, 5, run);
      for (int week = 0; week < 4; ++week) step_week(w);
      const councillor_id leader = w.councils[0].leadership.leader;
      for (int week = 4; week < s->weeks; ++week) step_week(w);
      removed += w.councils[0].leadership.leader != leader;
    }
    return removed / 100.0;
  };
  const double grave = removed_share(0.9), mild = removed_share(0.1);
  std::printf("the leader no longer leads the group at the end: grave complaint %.2f, mild %.2f\n", grave, mild);
  EXPECT_GE(grave, 0.3);
  EXPECT_LT(mild, grave - 0.2);
}

// Issue 33 (Reform UK, Kent 2025): how fast a party's disciplinary process runs is its institutions'. A body that
// decides an investigation's findings may declare how long its investigations take (`investigation_weeks`), and the
// body that hears charges how long it takes to hear them (`preparation_weeks`); otherwise R18's. The same complaint
// naming two councillors, heard by the default bodies (the NEC's disputes panel, a National Constitutional Committee
// panel) and by the same bodies declaring a week each: the hearing comes months earlier, and only the first hears
// the case within twelve weeks of the complaint.
TEST(InvestigationsR18, ABodysDeclaredTimesSetHowFastItsCasesReachAHearing) {
  auto first_hearings = [](bool declared) {
    const auto s = with_allegation(allegation_subject::councillors, 0.9, 2, 104, [&](scenario& sc) {
      if (!declared) return;
      for (body_def& b : sc.institutions.bodies) {
        for (const std::string& kind : b.decides) {
          if (kind == "findings") b.investigation_weeks = 1;
          if (kind == "hearing") b.preparation_weeks = 1;
        }
      }
    });
    std::vector<int> weeks;
    int within_12 = 0;
    for (std::uint64_t run = 0; run < 40; ++run) {
      world w = build_world(s, 1, run);
      for (int week = 0; week < s->weeks; ++week) {
        step_week(w);
        if (tally(w, event::hearing_held) > 0) {
          weeks.push_back(week - 4);  // weeks from the complaint
          within_12 += week - 4 <= 12;
          break;
        }
      }
    }
    std::sort(weeks.begin(), weeks.end());
    const int median = weeks.empty() ? -1 : weeks[weeks.size() / 2];
    return std::tuple{static_cast<int>(weeks.size()), median, within_12};
  };
  const auto [heard_model, median_model, quick_model] = first_hearings(false);
  const auto [heard_declared, median_declared, quick_declared] = first_hearings(true);
  std::printf("cases heard (of 40): with R18's times %d, median %d weeks after the complaint, %d within 12 weeks; with "
              "a week each declared %d, median %d weeks, %d within 12 weeks\n",
              heard_model, median_model, quick_model, heard_declared, median_declared, quick_declared);
  ASSERT_GE(heard_model, 20);
  ASSERT_GE(heard_declared, 20);
  EXPECT_LE(median_declared + 8, median_model);
  EXPECT_EQ(quick_model, 0);
  EXPECT_GE(quick_declared, heard_declared / 2);
}

// Issue 31 pt 8: a leadership answers for the disputes it fought. A dispute that ended before the run while the sitting
// leader led (`councils[].disputes_on_record`, within `group.leader.tenure_weeks`) is on that leadership's record at
// the intensity of the furthest stage it reached, and an investigation's findings weigh it as they weigh a live
// dispute (R18 `f_disputes`): the same investigation, the same draws, finds the more severely by f_disputes x the
// record. A dispute that ended before the leader took office is not theirs, and a new leader starts with a clean record.
TEST(InvestigationsR18, FindingsWeighTheDisputesTheLeadershipFoughtAndANewLeaderStartsClean) {
  const auto with_record = [](int ended_week, int tenure_weeks) {
    return tiny_scenario([=](scenario& sc) {
      sc.weeks = 200;
      sc.councils[0].group.leader.tenure_weeks = tenure_weeks;
      dispute_record_def d;
      d.id = "bins";
      d.reached = dispute_stage::strike;
      d.ended_week = ended_week;
      sc.councils[0].disputes_on_record = {d};
    });
  };
  const auto theirs = with_record(-150, 244), before_them = with_record(-150, 100), none = tiny_scenario([](scenario& sc) { sc.weeks = 200; });
  const double strike_at = build_world(none, 1, 0).params->R8.strike_at;
  EXPECT_FLOAT_EQ(build_world(theirs, 1, 0).councils[0].leadership.dispute_record, static_cast<float>(strike_at));
  EXPECT_EQ(build_world(before_them, 1, 0).councils[0].leadership.dispute_record, 0.0f);
  EXPECT_EQ(build_world(none, 1, 0).councils[0].leadership.dispute_record, 0.0f);

  const double f_disputes = build_world(none, 1, 0).params->R18.f_disputes;
  int compared = 0;
  for (int r = 0; r < 30; ++r) {
    const double with = investigate(theirs, r, false).first, without = investigate(none, r, false).first;
    if (without <= 0 || with >= 1) continue;  // clamped: the difference is cut off
    EXPECT_NEAR(with - without, f_disputes * strike_at, 1e-5) << "run " << r;
    ++compared;
  }
  EXPECT_GE(compared, 10);

  world w = build_world(theirs, 1, 0);
  councillor_id successor = nobody;
  for (const councillor_id r : w.councils[0].rows.councillors())
    if (r != w.councils[0].leadership.leader && w.councillors.party[r] == w.scen->party_index) successor = r;
  ASSERT_NE(successor, nobody);
  detail::install_leader(w, council_at(0), successor, 0, investigations::id);
  EXPECT_EQ(w.councils[0].leadership.dispute_record, 0.0f);
}

// A review of how a group is run (the party's Campaign Improvement Boards) weighs the group's losses at the polls over
// the cycle in its findings (R18's f_results, R17's decline); an investigation of a complaint weighs conduct, not
// results. The same runs, the same draws: a group that lost 40% of its seats against one that held them.
TEST(InvestigationsR18, AReviewsFindingsWeighTheGroupsLossesAtThePollsAComplaintsDoNot) {
  const auto s = tiny_scenario([](scenario& sc) { sc.weeks = 200; });
  auto findings = [&](int run, bool review, double lost) {
    world w = build_world(s, 1, static_cast<std::uint64_t>(run));
    council_state& c = w.councils[0];
    c.derived.dissatisfied = 0;
    c.derived.worst_intensity = 0;
    const auto party = static_cast<std::size_t>(w.scen->party_index);
    c.electoral.counts_kept = 0;
    c.electoral.seats_a_cycle_ago = static_cast<std::int32_t>(std::lround(c.electoral.seats_by_party[party] / (1.0 - lost)));
    w.week = 5;
    investigations::open(w, council_at(0), review);
    const int until = c.centre.investigation_until;
    for (w.week = 6; w.week <= until; ++w.week) investigations::run(w, council_at(0));
    return static_cast<double>(c.centre.findings);
  };
  double review_lost = 0, review_held = 0, complaint_lost = 0, complaint_held = 0;
  const int n = 60;
  for (int r = 0; r < n; ++r) {
    review_lost += findings(r, true, 0.4);
    review_held += findings(r, true, 0.0);
    complaint_lost += findings(r, false, 0.4);
    complaint_held += findings(r, false, 0.0);
  }
  std::printf("mean severity: review, lost 40%% %.2f, held %.2f; complaint, lost 40%% %.2f, held %.2f\n", review_lost / n,
              review_held / n, complaint_lost / n, complaint_held / n);
  EXPECT_GT(review_lost / n, review_held / n + 0.3);
  EXPECT_DOUBLE_EQ(complaint_lost, complaint_held);
}
