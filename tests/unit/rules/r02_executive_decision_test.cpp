// R2 Decisions of the party's bodies. The executive's agenda: meeting cycle, capacity, order of business, crisis
// windows, member-by-member votes. The party's bodies as declared institutions (issue 30): items go to the body a
// scenario says decides them; a body votes by its own majority rule; a body leaves items to its delegate between its
// meetings; an item kind can be added without touching the meeting; an item no body decides in time lapses.
#include <gtest/gtest.h>

#include <string>

#include "../../test_support.hpp"
#include "partyline/partyline.hpp"
#include "partyline/rules/detail/common.hpp"
#include "partyline/rules/detail/leadership.hpp"

using namespace partyline;
using partyline::testing::tiny_scenario;

namespace {

agenda_item referral(int week, double urgency = 0.3) {
  agenda_item it;
  it.kind = &regional_referral::item;
  it.council = council_id{0};
  it.week_filed = week;
  it.urgency = urgency;
  it.requester_position = -0.5;
  it.strength = 0.8;
  return it;
}

/// Runs the central phase for weeks [from, to) and returns the first week with a published decision, or -1.
int first_decision_week(world& w, int from, int to) {
  for (int week = from; week < to; ++week) {
    w.week = week;
    central_phase(w);
    if (!w.institutions.published.empty()) return week;
  }
  return -1;
}

}  // namespace

TEST(Agenda, ItemsWaitForAnOrdinaryMeeting) {
  const auto s = tiny_scenario([](scenario& sc) {
    sc.weeks = 40;
    sc.executive.first_meeting_week = 2;
    sc.executive.meets_every_weeks = 6;
  });
  world w = build_world(s, 1, 0);
  w.outbox[0].push_back(referral(3));
  EXPECT_EQ(first_decision_week(w, 3, 40), 8);
}

TEST(Agenda, UrgentItemsGetAnEmergencyMeeting) {
  const auto s = tiny_scenario([](scenario& sc) { sc.weeks = 40; });
  world w = build_world(s, 1, 0);
  w.outbox[0].push_back(referral(3, 0.95));
  EXPECT_EQ(first_decision_week(w, 3, 40), 3);
}

TEST(Agenda, CrisisWindowDelaysLowUrgencyBusiness) {
  const auto s = tiny_scenario([](scenario& sc) {
    sc.weeks = 60;
    sc.executive.crisis_windows = {crisis_window{4, 30, 0.5, 0.5}};
  });
  world w = build_world(s, 1, 0);
  w.outbox[0].push_back(referral(3, 0.3));
  EXPECT_EQ(first_decision_week(w, 3, 60), 32);  // the first meeting after week 30
}

TEST(Agenda, CapacityLimitsItemsPerMeetingInOrderOfUrgency) {
  const auto s = tiny_scenario([](scenario& sc) {
    sc.weeks = 40;
    sc.executive.capacity = 2;
  });
  world w = build_world(s, 1, 0);
  for (double u : {0.1, 0.5, 0.3, 0.2}) w.outbox[0].push_back(referral(1, u));
  w.week = 2;
  central_phase(w);
  ASSERT_EQ(w.institutions.published.size(), 2u);
  // Left on the agenda: the two least urgent (deferred items may also stay).
  int low_left = 0;
  for (const auto& it : w.institutions.bodies[0].agenda) low_left += it.urgency <= 0.2;
  EXPECT_EQ(low_left, 2);
}

TEST(ExecutiveVote, AlignmentAndBacklashMoveTheVote) {
  auto yes_votes = [](double requester, double backlash) {
    const auto s = tiny_scenario([](scenario& sc) {
      sc.executive.left_share = 0.8;
      sc.councils[0].group.leader.position = 0.2;
    });
    int total = 0;
    for (std::uint64_t run = 0; run < 30; ++run) {
      world w = build_world(s, 1, run);
      w.executive.backlash = backlash;
      agenda_item it = referral(1);
      it.requester_position = requester;
      w.outbox[0].push_back(it);
      w.week = 2;
      central_phase(w);
      total += w.institutions.published.at(0).yes;
    }
    return total;
  };
  const int aligned = yes_votes(-0.6, 0.0);  // requesters near the left executive, leader far
  const int opposed = yes_votes(0.6, 0.0);   // requesters far from the executive
  const int chastened = yes_votes(-0.6, 1.5);
  EXPECT_GT(aligned, opposed + 100);
  EXPECT_GT(aligned, chastened + 100);
}

TEST(ExecutiveVote, MajorityDecidesAndTheTallyIsPublished) {
  const auto s = tiny_scenario([](scenario& sc) { coefficients(sc).R2.b0 = 20; });  // everyone votes yes
  world w = build_world(s, 1, 0);
  w.outbox[0].push_back(referral(1));
  w.week = 2;
  central_phase(w);
  ASSERT_EQ(w.institutions.published.size(), 1u);
  EXPECT_TRUE(w.institutions.published[0].is(investigations::investigate));
  EXPECT_EQ(w.institutions.published[0].yes, 39);
  EXPECT_EQ(w.institutions.published[0].of, 39);
}

TEST(ExecutiveVote, ClearDefeatIsDismissedNarrowDefeatDeferred) {
  {
    const auto s = tiny_scenario([](scenario& sc) { coefficients(sc).R2.b0 = -20; });
    world w = build_world(s, 1, 0);
    w.outbox[0].push_back(referral(1));
    w.week = 2;
    central_phase(w);
    EXPECT_TRUE(w.institutions.published.at(0).is(executive_decision::dismiss));
    EXPECT_TRUE(w.institutions.bodies[0].agenda.empty());
  }
  {
    const auto s = tiny_scenario([](scenario& sc) {
      coefficients(sc).R2.defer_margin = 0.0;  // any failed vote is deferred while deferrals remain
      coefficients(sc).R2.b0 = -20;
    });
    world w = build_world(s, 1, 0);
    w.outbox[0].push_back(referral(1));
    w.week = 2;
    central_phase(w);
    EXPECT_TRUE(w.institutions.published.at(0).is(executive_decision::defer));
    ASSERT_EQ(w.institutions.bodies[0].agenda.size(), 1u);
    EXPECT_EQ(w.institutions.bodies[0].agenda[0].defers, 1);
  }
}

// ---- the party's bodies ------------------------------------------------------------------------------------------

namespace {

/// A party (`spd`) with two hung councils in two regions; `institutions` and `events` are appended.
std::string two_regions(const std::string& institutions, const std::string& events = "") {
  return R"(name: bodies
weeks: 12
party: spd
parties:
  - {id: spd, position: -0.2}
  - {id: cdu, position: 0.4}
  - {id: grn, position: -0.4}
regions:
  - {id: bayern, size: 20}
  - {id: hessen, size: 20}
councils:
  - {id: munich, region: bayern, seats: {spd: 20, cdu: 22, grn: 8}, members: {count: 200}}
  - {id: kassel, region: hessen, seats: {spd: 20, cdu: 22, grn: 8}, members: {count: 200}}
)" + institutions + events;
}

struct decided_by {
  int decisions = 0;
  int wrong_body = 0;
  int of = 0;  ///< the size of the body that took the last one
};

/// Steps `weeks` weeks of `runs` runs and checks which body took each decision on an item of `kind`:
/// `expected(council)` names the body.
template <class Expected>
decided_by decisions_on(const frozen_scenario& s, const item_kind_def& kind, int weeks, Expected expected, int runs = 20) {
  decided_by out;
  for (int r = 0; r < runs; ++r) {
    world w = build_world(s, 11, static_cast<std::uint64_t>(r));
    for (int week = 0; week < weeks; ++week) {
      step_week(w);
      for (const decision& d : w.institutions.published) {
        if (d.kind != &kind) continue;
        ++out.decisions;
        out.wrong_body += d.body != expected(static_cast<int>(row(d.council)));
        out.of = d.of;
      }
    }
  }
  return out;
}

}  // namespace

// A party whose state (regional) leadership signs off its councils' deals: a Bavarian council's deal goes to the
// Bavarian state executive, a Hessian council's to the federal executive; neither sees the other's.
TEST(Institutions, AStateLeadershipSignsOffItsCouncilsDeals) {
  const auto s = load_scenario_text(two_regions(R"(institutions:
  bodies:
    - {id: federal, name: the federal executive}
    - {id: bavaria, name: the Bavarian state executive, region: bayern, decides: [coalition],
       members: {from: own, size: 15, position: -0.1, centralism_mean: 0.3}}
)"),
                                    "state.yaml");
  ASSERT_EQ(s->institutions.bodies.size(), 2u);
  const int munich = 0;
  const auto by = decisions_on(s, coalition_sign_off::item, 3, [&](int council) { return council == munich ? 1 : 0; });
  std::printf("deals decided: %d, by the wrong body %d\n", by.decisions, by.wrong_body);
  EXPECT_GE(by.decisions, 20);
  EXPECT_EQ(by.wrong_body, 0);
}

// A party where the leader alone decides: every item -- a deal, a request to intervene -- goes to one person.
TEST(Institutions, WhereTheLeaderAloneDecidesEveryItemGoesToTheLeader) {
  const auto s = load_scenario_text(
      two_regions(R"(institutions:
  bodies:
    - {id: leader, name: the party leader, majority: one_person, members: {from: own, size: 1, position: 0.1, centralism_mean: 0.9}}
)",
                  "events:\n  - {week: 1, type: request, council: kassel, value: 0.6}\n"),
      "leader.yaml");
  const auto deals = decisions_on(s, coalition_sign_off::item, 3, [](int) { return 0; });
  const auto requests = decisions_on(s, request_to_centre::item, 10, [](int) { return 0; });
  std::printf("by the leader alone: %d deals, %d requests (a body of %d)\n", deals.decisions, requests.decisions, requests.of);
  EXPECT_GE(deals.decisions, 20);
  EXPECT_GE(requests.decisions, 20);
  EXPECT_EQ(deals.wrong_body + requests.wrong_body, 0);
  EXPECT_EQ(deals.of, 1);
  EXPECT_EQ(requests.of, 1);
}

// Between the executive's meetings the staff decide the allegations it delegates to them (administrative suspension
// by the General Secretary); in a week the executive meets, it decides them itself.
TEST(Institutions, ADelegateDecidesBetweenTheBodysMeetings) {
  const std::string bodies = R"(institutions:
  bodies:
    - {id: nec, name: the executive, meets_every_weeks: 6, first_meeting_week: 2, delegates: [{to: staff, items: [allegation]}]}
    - {id: staff, name: the general secretary, members: {from: staff}, majority: one_person, meets_every_weeks: 1, first_meeting_week: 0}
)";
  const auto between = load_scenario_text(two_regions(bodies, "events:\n  - {week: 3, type: allegation, council: kassel, value: 0.9}\n"), "between.yaml");
  const auto at_meeting = load_scenario_text(two_regions(bodies, "events:\n  - {week: 8, type: allegation, council: kassel, value: 0.9}\n"), "meeting.yaml");
  const auto staff = decisions_on(between, investigations::allegation_item, 5, [](int) { return 1; });
  const auto nec = decisions_on(at_meeting, investigations::allegation_item, 10, [](int) { return 0; });
  std::printf("allegations: filed between meetings %d decided (%d not by the staff); at a meeting %d (%d not by the executive)\n",
              staff.decisions, staff.wrong_body, nec.decisions, nec.wrong_body);
  EXPECT_GE(staff.decisions, 20);
  EXPECT_EQ(staff.wrong_body, 0);
  EXPECT_EQ(staff.of, 1);
  EXPECT_GE(nec.decisions, 20);
  EXPECT_EQ(nec.wrong_body, 0);
}

// ---- a kind of item the model does not have, added by the test alone ------------------------------------------

namespace {

int votes_in_favour = 0;  // how many of the body's members vote for the test's motion (the rest against)

void test_menu(const world&, const agenda_item&, motion_list& out);
void test_logits(const world&, const agenda_item&, const motion_def&, std::span<const executive_member> members, std::span<double> out) {
  for (std::size_t m = 0; m < members.size(); ++m) out[m] = static_cast<int>(m) < votes_in_favour ? 40.0 : -40.0;
}
std::uint64_t test_counter(const agenda_item&, const motion_def& m) { return m.draw_key; }
void mark_done(world& w, council_id ci, const decision&) { w.councils[ci].policy.stage = policy_stage::done; }
void test_decided(world& w, council_id ci, const decision& d) {
  detail::clear_pending(w, w.councils[ci], *d.kind);
  if (d.motion->apply) d.motion->apply(w, ci, d);
}

const motion_def adopt{.name = "adopt", .decided = event::decision_warning, .draw_key = 1, .apply = mark_done};
const motion_def reject{.name = "reject", .decided = event::decision_dismiss, .draw_key = 2};
const item_kind_def ballot{.name = "ballot",
                           .by = "this test",
                           .votes = rule_stream(99),
                           .no_majority = &reject,
                           .menu = test_menu,
                           .logits = test_logits,
                           .counter = test_counter,
                           .decided = test_decided};
void test_menu(const world&, const agenda_item&, motion_list& out) { out.offer(adopt); }

/// The tiny scenario with a body of nine of its own members that decides `kind` by `rule`, putting motions in
/// `order`, and `yes` of them in favour of every motion; an item of the kind filed and the body sat (week 2, an
/// ordinary meeting week).
struct nine_decide {
  frozen_scenario s;
  world w;
  nine_decide(const item_kind_def& kind, majority_rule rule, motion_order order, int yes)
      : s(partyline::testing::tiny_scenario([&](scenario& sc) {
          sc.events.clear();
          body_def nine;
          nine.id = "nine";
          nine.members.from = member_source::own;
          nine.members.size = 9;
          nine.majority = rule;
          nine.motions = order;
          nine.decides = {std::string(kind.name)};
          sc.institutions.bodies.push_back(nine);
        })),
        w(build_world(s, 1, 0)) {
    w.institutions.kinds.push_back(&kind);
    route_items(w);
    votes_in_favour = yes;
    w.week = 2;
    detail::file_item(w, council_at(0), detail::new_item(w, council_at(0), kind, 0.5, 1.0, 0.0));
    central_phase(w);
  }
};

/// A body of nine that decides `ballot` by `rule`; returns whether the motion carried with `yes` in favour.
bool carries(majority_rule rule, int yes) {
  nine_decide sat(ballot, rule, motion_order::most_severe_first, yes);
  const auto& s = sat.s;
  world& w = sat.w;
  EXPECT_EQ(w.institutions.published.size(), 1u);
  if (w.institutions.published.empty()) return false;
  const decision& d = w.institutions.published.front();
  EXPECT_EQ(d.body, static_cast<int>(s->institutions.bodies.size()) - 1);
  EXPECT_EQ(d.of, 9);
  EXPECT_EQ(d.yes, yes);
  apply_phase(w, council_at(0));
  EXPECT_EQ(w.councils[0].policy.stage == policy_stage::done, d.is(adopt)) << "the motion's effect applies exactly when it carries";
  EXPECT_FALSE(detail::pending(w, w.councils[0], ballot));
  return d.is(adopt);
}

// A kind whose menu offers two steps, the severe one first (as every kind's menu lists them); every member is for both.
const motion_def severe{.name = "severe", .decided = event::decision_special_measures, .draw_key = 3};
void ladder_menu(const world&, const agenda_item&, motion_list& out) {
  out.offer(severe);
  out.offer(adopt);
}
const item_kind_def ladder{.name = "ladder",
                           .by = "this test",
                           .votes = rule_stream(99),
                           .no_majority = &reject,
                           .menu = ladder_menu,
                           .logits = test_logits,
                           .counter = test_counter,
                           .decided = test_decided};

/// The motion a body of nine, putting motions in `order`, decides on a `ladder` item when all nine favour both.
std::string decided_motion(motion_order order) {
  const nine_decide sat(ladder, majority_rule::simple, order, 9);
  const world& w = sat.w;
  return std::string(w.institutions.published.size() == 1 ? w.institutions.published.front().motion->name : "no single decision");
}

}  // namespace

TEST(Institutions, TheBodysStandingOrdersSayWhichMotionIsPutFirst) {
  // Most severe first (the default): the drastic step carries before the milder one is put. Mildest first: the milder
  // step carries and the drastic one is never reached.
  EXPECT_EQ(decided_motion(motion_order::most_severe_first), "severe");
  EXPECT_EQ(decided_motion(motion_order::mildest_first), "adopt");
}

TEST(ItemKinds, ATestAddsAKindWithoutTouchingTheMeetingAndTheBodysRuleDecides) {
  EXPECT_TRUE(carries(majority_rule::simple, 5));
  EXPECT_FALSE(carries(majority_rule::simple, 4));
  EXPECT_FALSE(carries(majority_rule::two_thirds, 5));
  EXPECT_TRUE(carries(majority_rule::two_thirds, 6));
}

// ---- the block is checked where it is written --------------------------------------------------------------------

TEST(Institutions, MistakesAreErrorsAtTheirKeys) {
  const auto error_of = [](const std::string& block) -> std::string {
    try {
      (void)load_scenario_text(two_regions(block), "bad.yaml");
    } catch (const scenario_error& e) {
      return e.what();
    }
    return "no error";
  };
  const std::string unknown = error_of("institutions:\n  bodies:\n    - {id: nec, decides: [coalitoin]}\n");
  EXPECT_NE(unknown.find("bad.yaml:16:26:"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("institutions.bodies[0].decides[0]"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("did you mean 'coalition'"), std::string::npos) << unknown;
  EXPECT_NE(error_of("institutions:\n  bodies:\n    - {id: nec, region: bavaria}\n").find("not a region id"), std::string::npos);
  EXPECT_NE(error_of("institutions:\n  bodies:\n    - {id: nec, majority: one_person, members: {from: own, size: 3}}\n")
                .find("one_person needs a body of one member"),
            std::string::npos);
  EXPECT_NE(error_of("institutions:\n  bodies:\n    - {id: a, decides: [coalition]}\n    - {id: b, decides: [coalition]}\n")
                .find("already decided by 'a'"),
            std::string::npos);
  EXPECT_NE(error_of("institutions:\n  bodies:\n    - {id: a, delegates: [{to: b, items: [request]}]}\n").find("'b' is not a body id"),
            std::string::npos);
  EXPECT_NE(error_of("institutions:\n  bodies:\n    - {id: a, members: {from: executive, size: 40}}\n").find("a panel of the executive"),
            std::string::npos);
  EXPECT_NE(error_of("institutions:\n  bodies:\n    - {id: a, decidez: [request]}\n").find("did you mean 'decides'"), std::string::npos);
  // A body added to the party's defaults (`keep_default_bodies`): its mistakes are named at its place in the file.
  const std::string clash = error_of("institutions:\n  keep_default_bodies: true\n  bodies:\n    - {id: nec, decides: [group_review]}\n");
  EXPECT_NE(clash.find("institutions.bodies[0].id"), std::string::npos) << clash;
  EXPECT_NE(clash.find("one of the party's default bodies"), std::string::npos) << clash;
  const std::string twice = error_of("institutions:\n  keep_default_bodies: true\n  bodies:\n    - {id: b, decides: [findings]}\n");
  EXPECT_NE(twice.find("institutions.bodies[0].decides[0]"), std::string::npos) << twice;
  EXPECT_NE(twice.find("already decided by 'disputes_panel'"), std::string::npos) << twice;
  EXPECT_NE(error_of("institutions:\n  bodies:\n    - {id: a, decides: [group_review], delegates: [{to: b, items: [group_review]}]}\n"
                     "    - {id: b}\n")
                .find("a group review is the board's own work"),
            std::string::npos);
  EXPECT_NE(error_of("institutions:\n  bodies:\n    - {id: a, decides: [group_reveiw]}\n").find("did you mean 'group_review'"),
            std::string::npos);
}

// A scenario that adds one standing board keeps the party's default bodies (`keep_default_bodies`), its own after them.
TEST(Institutions, AnAddedBodyFollowsThePartysDefaults) {
  const auto s = load_scenario_text(
      two_regions("institutions:\n  keep_default_bodies: true\n  bodies:\n    - {id: board, decides: [group_review]}\n"),
      "added.yaml");
  const auto& bodies = s->institutions.bodies;
  ASSERT_GE(bodies.size(), 2u);
  EXPECT_EQ(bodies.front().id, "nec");
  EXPECT_EQ(bodies.back().id, "board");
  const auto defaults = load_scenario_text(two_regions(""), "defaults.yaml");
  EXPECT_EQ(bodies.size(), defaults->institutions.bodies.size() + 1);
}

// ---- lapses: an item no body decides in time is reported, and a lapsed deal is not a veto ----------------------------

namespace {

std::int64_t tally(const world& w, event e) {
  std::int64_t n = 0;
  for (const auto& c : w.councils) n += c.tallies[static_cast<std::size_t>(e)].count;
  return n;
}

}  // namespace

TEST(Lapses, ADealUnansweredByItsDeadlineLapsesAndIsNotARefusal) {
  // The body that signs off deals does not sit before the deadline (no emergency sittings, its first meeting late).
  const auto s = load_scenario_text(two_regions(R"(institutions:
  bodies:
    - {id: nec}
    - {id: slow, decides: [coalition], emergency: false, first_meeting_week: 10, meets_every_weeks: 8}
)"),
                                    "slow.yaml");
  int lapsed = 0, refused = 0, went_ahead = 0;
  for (int r = 0; r < 20; ++r) {
    world w = build_world(s, 3, static_cast<std::uint64_t>(r));
    for (int week = 0; week < 8; ++week) step_week(w);
    lapsed += static_cast<int>(tally(w, event::deal_lapsed));
    refused += static_cast<int>(tally(w, event::veto_accepted) + tally(w, event::veto_defied));
    went_ahead += static_cast<int>(tally(w, event::administration));
  }
  std::printf("deals lapsed %d, refused %d, administrations formed %d (20 runs, 2 councils)\n", lapsed, refused, went_ahead);
  EXPECT_GE(lapsed, 20);
  EXPECT_EQ(refused, 0) << "no body voted: nothing was refused";
}

TEST(Lapses, NoItemWaitsPastAYearUnreported) {
  // A request to a body that first meets after two years.
  const auto s = load_scenario_text(two_regions(R"(institutions:
  bodies:
    - {id: nec, emergency: false, first_meeting_week: 100}
)",
                                                "events:\n  - {week: 1, type: request, council: kassel, value: 0.6}\n"),
                                    "late.yaml");
  auto edited = std::make_shared<scenario>(*s);
  edited->weeks = 80;
  world w = build_world(edited, 3, 0);
  int lapsed_week = -1, waited = -1;
  for (int week = 0; week < 80 && lapsed_week < 0; ++week) {
    step_week(w);
    for (const decision& d : w.institutions.published)
      if (d.kind == &request_to_centre::item && d.is(executive_decision::lapsed)) {
        lapsed_week = week;
        waited = d.weeks_waiting;
      }
  }
  std::printf("the request lapsed in week %d after %d weeks\n", lapsed_week, waited);
  EXPECT_EQ(waited, coefficients(*s).R2.max_wait_weeks + 1);
  EXPECT_EQ(tally(w, event::item_lapsed), 1);
  EXPECT_FALSE(detail::pending(w, w.councils[1], request_to_centre::item));
}
