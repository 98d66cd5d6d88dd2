// R18 Investigations, findings and sanctions.
#include "partyline/rules/r18_investigations.hpp"

#include <algorithm>
#include <cmath>

#include "partyline/rules/detail/common.hpp"
#include "partyline/rules/independents.hpp"
#include "partyline/rules/detail/leadership.hpp"
#include "partyline/rules/r02_executive_decision.hpp"
#include "partyline/rules/r13_elections.hpp"
#include "partyline/rules/r19_escalation.hpp"

namespace partyline {

using namespace detail;

namespace {

/// A log-normal number of weeks around `median` (at least one), drawn for this council.
int drawn_weeks(const draw_stream& rng, council_id ci, std::uint64_t counter, double median, double log_sd) {
  return std::max(1, static_cast<int>(std::lround(median * std::exp(log_sd * rng.normal(ci, counter)))));
}

/// The median weeks of a step of the disciplinary process: the declared body's own (`institutions.bodies[]`:
/// `investigation_weeks` for the body that decides an investigation's findings, `preparation_weeks` for the body that
/// hears the charges), else R18's.
double body_weeks(const world& w, council_id ci, const item_kind_def& kind, double body_def::*weeks, double model) {
  const int b = w.institutions.body_for(kind, w.scen->councils[row(ci)].region_index);
  if (b < 0) return model;
  const double own = w.scen->institutions.bodies[static_cast<std::size_t>(b)].*weeks;
  return own >= 0 ? own : model;
}

}  // namespace

void investigations::count_sanction(world& w, council_id ci) {
  const step_context x(w, ci, id);
  const int first = w.councils[ci].centre.first_item_week;
  x.emit(event::sanction, first >= 0 ? w.week - first : 0);
}

double investigations::urgency(const world& w, double severity) {
  const auto& p = w.params->R18;
  return std::min(1.0, p.urgency_base + p.urgency_severity * severity);
}

int investigations::review_board(const world& w, council_id ci) {
  const auto& route = w.institutions.review_body;
  const std::size_t r = static_cast<std::size_t>(w.scen->councils[row(ci)].region_index + 1);
  return r < route.size() ? route[r] : -1;
}

void investigations::open(world& w, council_id ci, bool review) {
  const auto& p = w.params->R18;
  centre_state& centre = w.councils[ci].centre;
  // A review runs at the pace of the board conducting it (`group_review`), where one is declared and sets one; a
  // complaint's investigation at that of the body deciding its findings; else R18's.
  const int board = review ? review_board(w, ci) : -1;
  const double board_weeks = board >= 0 ? w.scen->institutions.bodies[static_cast<std::size_t>(board)].investigation_weeks : -1.0;
  const double median = review ? (board_weeks >= 0 ? board_weeks : p.duration_median_weeks)
                               : body_weeks(w, ci, findings_item, &body_def::investigation_weeks, p.duration_median_weeks);
  centre.investigation_until = w.week + drawn_weeks(draws(w, id), ci, 0, median, p.duration_log_sd);
  centre.review = review;
}

void investigations::run(world& w, council_id ci) {
  const step_context x(w, ci, id);
  const auto& p = w.params->R18;
  council_state& c = x.c;
  if (c.centre.investigation_until == w.week) {
    const double evidence = p.f0 + p.f_division * division_index(w, c) + p.f_disputes * std::max(c.derived.worst_intensity, c.leadership.dispute_record) +
                            p.f_allegation * c.centre.allegation + p.f_refused * c.centre.advice_refused +
                            (c.centre.review ? p.f_results * elections::results_decline(w, c) : 0.0) +
                            p.noise_sd * x.rng.normal(ci, 1);
    const double severity = std::clamp(evidence, 0.0, 1.0);
    c.centre.findings = static_cast<float>(severity);
    const bool acted_on = severity >= p.findings_threshold && c.leadership.leader != nobody && !pending(w, c, findings_item);
    x.emit(event::investigation_concluded, std::lround(100 * severity), [&] {
      const int board = c.centre.review ? review_board(w, ci) : -1;
      const std::string who = board >= 0 ? w.scen->institutions.bodies[static_cast<std::size_t>(board)].name + "'s review"
                              : c.centre.review ? std::string("the review") : std::string("the investigation");
      return format("%s reports: findings of severity %.2f%s", who.c_str(), severity,
                    acted_on ? ", put to the executive" : ", no further action");
    });
    if (acted_on)
      file_item(w, ci, new_item(w, ci, findings_item, urgency(w, severity), severity, w.national.executive_median));
  }
  // Prepared charges go before the hearing body (they wait on its agenda for a sitting with room).
  if (c.centre.hearing_from == w.week && !pending(w, c, hearing_item)) {
    const double severity = std::max<double>(c.centre.findings, c.centre.allegation);
    file_item(w, ci, new_item(w, ci, hearing_item, urgency(w, severity), severity, w.national.executive_median));
  }
}

void investigations::hear(world& w, council_id ci, bool expelling) {
  const step_context x(w, ci, id);
  council_state& c = w.councils[ci];
  auto& cl = w.councillors;
  const draw_stream& rng = x.rng;  // the step's own stream
  const std::uint32_t ind = static_cast<std::uint32_t>(w.scen->party_id("ind"));
  int expelled = 0, reinstated = 0;
  for (const councillor_id r : c.rows.councillors()) {
    if (cl.party[r] != w.scen->party_index || cl.status[r] != councillor_status::suspended) continue;
    if (expelling) {
      cl.party[r] = static_cast<decltype(cl.party)::value_type>(ind);
      cl.status[r] = councillor_status::independent;  // expelled councillors sit as independents
      // ... and may stand against the party at the next election, with the grievance of an expulsion (their
      // members' backing: as at their last selection, if one measured it).
      const double support =
          cl.selection[r] == selection_state::undecided ? w.params->independents.support_unmeasured : cl.ballot_support[r];
      // Expelled on charges the hearing upheld: the severity of the complaint or findings that brought them.
      const double upheld = std::max<double>(c.centre.findings, c.centre.allegation);
      independent_candidacy::consider_standing(w, r, support, independent_candidacy::grievance(w, c, support, true, upheld), rng, 9);
      ++expelled;
    } else {
      cl.status[r] = councillor_status::sitting;
      ++reinstated;
    }
  }
  // Members who are not councillors, charged as the complaint's subjects (a local party's officers, a faction).
  std::int64_t members_expelled = 0, members_reinstated = 0;
  if (marks_members(c.centre.subject)) {
    auto& ms = w.members;
    for (const member_id m : c.rows.members()) {
      if (!ms.complained_of[m] || ms.status[m] != member_status::suspended) continue;
      ms.status[m] = expelling ? member_status::expelled : member_status::member;
      --c.membership.suspended;
      ++(expelling ? members_expelled : members_reinstated);
    }
  }
  c.centre.hearing_from = -1;
  close_allegation(w, c);  // the case is closed
  c.centre.breach_leader = nobody;
  x.emit(event::hearing_held, expelled + members_expelled);
  if (members_expelled > 0) x.emit(event::members_expelled, members_expelled);
  x.emit(event::expulsion, expelled, [&] {
    if (members_expelled + members_reinstated == 0)
      return format("the hearing expels %d councillors and reinstates %d", expelled, reinstated);
    return format("the hearing expels %d councillors and %lld members, and reinstates %d councillors and %lld members", expelled,
                  static_cast<long long>(members_expelled), reinstated, static_cast<long long>(members_reinstated));
  });
  if (expelled + members_expelled > 0) count_sanction(w, ci);
}

namespace {

/// Suspends the case's subjects pending it (Rule Book ch. 6: "suspend that individual or individuals"): the subjects
/// a standing allegation names (complained_of: councillors, and members who are not councillors); otherwise (findings,
/// or a complaint about the group) the group's leadership, whose conduct the request, referral or officers raised --
/// each of the leader and the cabinet with suspend_share x the severity, and the leader always when `charging`.
/// Nobody else: a councillor who signed a letter against the leadership is not the subject of a case about it.
int suspend_subjects(world& w, council_id ci, double severity, bool charging, bool& against_leader, bool& against_accused,
                     std::int64_t& members) {
  const auto& p = w.params->R18;
  council_state& c = w.councils[ci];
  auto& cl = w.councillors;
  const draw_stream rng = draws(w, investigations::id);
  int suspended = 0;
  members = 0;
  // A standing allegation's subjects are those it names: suspended pending the case if still in the group (a
  // successor of an accused leader is not the accused) or the party.
  against_accused = c.centre.allegation > 0 && c.centre.subject != allegation_subject::group;
  if (against_accused) {
    for (const councillor_id r : c.rows.councillors()) {
      if (!cl.complained_of[r] || !in_group(w, r)) continue;
      cl.status[r] = councillor_status::suspended;
      against_leader |= r == c.leadership.leader;
      ++suspended;
    }
    if (marks_members(c.centre.subject)) {
      auto& ms = w.members;
      for (const member_id m : c.rows.members()) {
        if (!ms.complained_of[m] || ms.status[m] != member_status::member) continue;
        ms.status[m] = member_status::suspended;
        ++members;
      }
      c.membership.suspended += members;
    }
  } else {
    for (const councillor_id r : group_rows(w, c)) {
      const bool leader = r == c.leadership.leader;
      if (!leader && !cl.cabinet[r]) continue;
      if (!(leader && charging) && !rng.bernoulli(p.suspend_share * severity, r, 3)) continue;
      cl.status[r] = councillor_status::suspended;
      against_leader |= leader;
      ++suspended;
    }
  }
  return suspended;
}

/// Tells the suspensions pending the case; a suspended leader leaves the leadership (the group elects another).
void tell_suspended(world& w, council_id ci, int suspended, bool against_leader, bool against_accused, std::int64_t members) {
  const step_context x(w, ci, investigations::id);
  if (suspended > 0 || members == 0)
    x.emit(event::suspension_individual, suspended, [&] {
      return against_accused && against_leader && suspended == 1 ? std::string("the accused leader is administratively suspended pending the case")
             : against_accused && suspended == 1 ? std::string("the accused councillor is administratively suspended pending the case")
             : against_accused                   ? format("%d accused councillors are administratively suspended pending the case", suspended)
             : against_leader ? format("%d of the group's leadership are administratively suspended, the leader among them", suspended)
                              : format("%d of the group's leadership are administratively suspended", suspended);
    });
  if (members > 0)
    x.emit(event::members_suspended, members, [&] {
      return format("%lld members named in the complaint are suspended pending the case", static_cast<long long>(members));
    });
  if (against_leader) {
    (void)replace_leader(w, ci, investigations::id);
  }
  if (suspended + members > 0) investigations::count_sanction(w, ci);
}

}  // namespace

int investigations::suspend_individuals(world& w, council_id ci, double severity) {
  bool against_leader = false, against_accused = false;
  std::int64_t members = 0;
  const int suspended = suspend_subjects(w, ci, severity, false, against_leader, against_accused, members);
  tell_suspended(w, ci, suspended, against_leader, against_accused, members);
  return suspended;
}

void investigations::suspend_local_party(world& w, council_id ci) {
  const step_context x(w, ci, id);
  council_state& c = w.councils[ci];
  c.centre.local_party_suspended = true;
  if (c.selections.central_from < 0) c.selections.central_from = w.week;  // selections are run by the centre (R6)
  x.emit(event::local_party_suspended, 0, [] {
    return std::string("the local party is suspended: its meetings and officers are frozen, the centre runs its selections");
  });
  count_sanction(w, ci);
}

void investigations::bring_charges(world& w, council_id ci, double severity) {
  const step_context x(w, ci, id);
  const auto& p = w.params->R18;
  council_state& c = w.councils[ci];
  // The charged -- the case's subjects -- are suspended until the hearing (administrative suspension); the charges
  // are prepared and then go before the hearing body, which expels or reinstates them. Subjects already suspended
  // pending this case (an accused the general secretary suspended, a group suspended for defying the centre, R11)
  // are charged as they stand.
  bool against_leader = false, against_accused = false;
  std::int64_t members = 0;
  const int newly = suspend_subjects(w, ci, std::max(severity, p.charges_severity_floor), true, against_leader, against_accused, members);
  tell_suspended(w, ci, newly, against_leader, against_accused, members);
  // A breach of the rules by a group that defied the centre (R11) is the case of the leader who led it there: the
  // rest of the group, suspended with them, has the whip restored now -- no mass expulsion.
  if (c.centre.breach_leader != nobody && !against_accused) {
    auto& cl = w.councillors;
    int restored = 0;
    for (const councillor_id r : c.rows.councillors())
      if (cl.party[r] == w.scen->party_index && cl.status[r] == councillor_status::suspended && r != c.centre.breach_leader) {
        cl.status[r] = councillor_status::sitting;
        ++restored;
      }
    if (restored > 0)
      x.emit(event::whip_restored, restored, [&] {
        return format("the whip is restored to %d councillors: the charges are against the leader who led the defiance", restored);
      });
  }
  std::int64_t charged = 0, members_charged = 0;
  for (const councillor_id r : c.rows.councillors())
    charged += w.councillors.party[r] == w.scen->party_index && w.councillors.status[r] == councillor_status::suspended;
  if (against_accused && marks_members(c.centre.subject))
    for (const member_id m : c.rows.members())
      members_charged += w.members.complained_of[m] && w.members.status[m] == member_status::suspended;
  if (charged + members_charged == 0) return;
  const double preparation = body_weeks(w, ci, hearing_item, &body_def::preparation_weeks, p.case_preparation_weeks);
  c.centre.hearing_from = w.week + drawn_weeks(draws(w, id), ci, 4, preparation, p.duration_log_sd);
  x.emit(event::charges_brought, charged + members_charged, [&] {
    const int weeks = c.centre.hearing_from - w.week;
    if (members_charged == 0)
      return format("charges against %lld councillors, to go before the hearing body in %d weeks", static_cast<long long>(charged), weeks);
    return format("charges against %lld councillors and %lld members, to go before the hearing body in %d weeks",
                  static_cast<long long>(charged), static_cast<long long>(members_charged), weeks);
  });
}

// ---- the disciplinary steps and the items that ask for them --------------------------------------------------------

namespace {

const executive_powers& powers(const world& w) { return w.scen->executive.powers; }

double cost_investigate(const world& w) { return w.params->R2.cost_investigate; }
double cost_warning(const world& w) { return w.params->R2.cost_warning; }
double cost_suspend_individuals(const world& w) { return w.params->R2.cost_suspend_individuals; }
double cost_suspend_local_party(const world& w) { return w.params->R2.cost_suspend_local_party; }
double cost_charges(const world& w) { return w.params->R2.cost_charges; }

bool may_investigate(const world& w, const council_state&) { return powers(w).investigate; }
bool may_suspend_individuals(const world& w, const council_state& c) { return powers(w).suspend_individuals && c.centre.hearing_from < 0; }
bool may_suspend_local_party(const world& w, const council_state& c) { return powers(w).suspend_local_party && !c.centre.local_party_suspended; }
bool may_charge(const world& w, const council_state& c) { return powers(w).charges && c.centre.hearing_from < 0; }

void open_investigation(world& w, council_id ci, const decision& d) {
  // The officers' own concern names nobody: a review of how the local party is run (a Campaign Improvement Board).
  investigations::open(w, ci, d.kind == &own_initiative::item);
}
void warn(world& w, council_id ci, const decision&) { investigations::count_sanction(w, ci); }
void suspend(world& w, council_id ci, const decision& d) {
  const step_context x(w, ci, investigations::id);
  const centre_state& c = w.councils[ci].centre;
  const int suspended = investigations::suspend_individuals(w, ci, std::max<double>(c.findings, c.allegation));
  // On an allegation the suspension is administrative, pending an investigation (Rule Book ch. 6: "pending the
  // final outcome of any investigation and charges"), which opens now unless one is running.
  if (d.kind != &investigations::allegation_item) return;
  if (suspended > 0)
    x.emit(event::suspension_administrative, suspended,
         [&] { return format("%d suspended pending the investigation of the complaint", suspended); });
  if (powers(w).investigate && c.investigation_until < w.week) investigations::open(w, ci);
}
void suspend_party(world& w, council_id ci, const decision& d) {
  investigations::suspend_local_party(w, ci);
  // On a complaint about the local party the suspension is pending an inquiry, which opens now unless one is running.
  const centre_state& c = w.councils[ci].centre;
  if (d.kind == &investigations::allegation_item && powers(w).investigate && c.investigation_until < w.week)
    investigations::open(w, ci);
}
void charge(world& w, council_id ci, const decision&) { investigations::bring_charges(w, ci, w.councils[ci].centre.findings); }

/// An allegation: suspend the accused pending the case, or investigate.
void allegation_menu(const world& w, const agenda_item& item, motion_list& out) {
  const council_state& c = council_of(w, item);
  // A complaint about the local party or its faction is a matter for the unit as well (Rule Book ch. 1 cl. VIII: the
  // NEC may suspend a party unit pending an inquiry).
  if (c.centre.subject == allegation_subject::local_party || c.centre.subject == allegation_subject::faction)
    escalation::offer(w, c, investigations::suspend_local_party_pending, out);
  escalation::offer(w, c, investigations::suspend_individuals_motion, out);
  escalation::offer(w, c, investigations::investigate, out);
}

/// Findings: from charges down to a warning. A review's findings (R17: the officers' concern, no complaint standing,
/// no breach of the centre's decision) are about the group and name nobody: its remedies are for
/// the group's running -- special measures (the centre appoints its officers and chooses its candidates) or a warning
/// -- never charges or suspensions of individuals (Rule Book ch. 6 disciplines individuals on a complaint against
/// them), nor the local party's suspension (the officers raised the group's division, not the local party's conduct).
void findings_menu(const world& w, const agenda_item& item, motion_list& out) {
  const council_state& c = council_of(w, item);
  if (c.centre.review && c.centre.allegation <= 0 && c.centre.breach_leader == nobody) {
    escalation::offer(w, c, executive_decision::special_measures, out);
    escalation::offer(w, c, investigations::warning, out);
    return;
  }
  escalation::offer(w, c, investigations::charges, out);
  escalation::offer(w, c, investigations::suspend_local_party_motion, out);
  escalation::offer(w, c, executive_decision::special_measures, out);
  escalation::offer(w, c, investigations::suspend_individuals_motion, out);
  escalation::offer(w, c, investigations::warning, out);
}

/// A hearing: expel the charged (reinstatement when no majority is for it).
void hearing_menu(const world&, const agenda_item&, motion_list& out) { out.offer(investigations::expel); }

/// A hearing panel member votes on the evidence: the case's severity, and how readily they sanction (centralism).
void hearing_logits(const world& w, const agenda_item& item, const motion_def&, std::span<const executive_member> members,
                    std::span<double> out) {
  const auto& p = w.params->R18;
  for (std::size_t m = 0; m < members.size(); ++m)
    out[m] = p.expel_b0 + p.expel_severity * item.strength + p.expel_centralism * (members[m].centralism - 0.5);
}

/// The verdict: expelled, or reinstated (on no majority, or when the case waited past the year undecided).
void hearing_decided(world& w, council_id ci, const decision& d) {
  clear_pending(w, w.councils[ci], *d.kind);
  investigations::hear(w, ci, d.is(investigations::expel));
}

}  // namespace

const motion_def investigations::expel{.name = "expel", .decided = event::decision_expel, .draw_key = 14};
const motion_def investigations::reinstate{.name = "reinstate", .decided = event::decision_reinstate, .draw_key = 15};

const item_kind_def investigations::hearing_item{.name = "hearing",
                                                 .by = "R18: the charged expelled (they sit as independents) or reinstated",
                                                 .votes = investigations::id,
                                                 .disciplinary = true,
                                                 .about_a_person = true,
                                                 .no_majority = &investigations::reinstate,
                                                 .menu = hearing_menu,
                                                 .logits = hearing_logits,
                                                 .counter = executive_decision::council_action_counter,
                                                 .decided = hearing_decided};

const motion_def investigations::investigate{.name = "investigate",
                                             .decided = event::decision_investigate,
                                             .draw_key = 4,
                                             .rung = 1,
                                             .acts = true,
                                             .cost = cost_investigate,
                                             .allowed = may_investigate,
                                             .apply = open_investigation};
const motion_def investigations::warning{.name = "warning",
                                         .decided = event::decision_warning,
                                         .draw_key = 10,
                                         .rung = 1,
                                         .acts = true,
                                         .on_individuals = true,
                                         .cost = cost_warning,
                                         .apply = warn};
const motion_def investigations::suspend_individuals_motion{.name = "suspend_individuals",
                                                            .decided = event::decision_suspend_individuals,
                                                            .draw_key = 11,
                                                            .rung = 2,
                                                            .acts = true,
                                                            .on_individuals = true,
                                                            .cost = cost_suspend_individuals,
                                                            .allowed = may_suspend_individuals,
                                                            .apply = suspend};
const motion_def investigations::suspend_local_party_motion{.name = "suspend_local_party",
                                                            .decided = event::decision_suspend_local_party,
                                                            .draw_key = 12,
                                                            .rung = 3,
                                                            .acts = true,
                                                            .cost = cost_suspend_local_party,
                                                            .allowed = may_suspend_local_party,
                                                            .apply = suspend_party};
// Suspending a unit pending an inquiry into its own conduct is Rule Book ch. 1 cl. VIII's administrative step for a
// party unit, as ch. 6's interim suspension is for a person ("that individual or individuals"): proportionate to a
// complaint about the unit, so it stands where the individuals' suspension stands -- rung 2, at its cost -- whereas
// as a sanction on findings about the leadership (the motion above) it stands on rung 3, at its own.
const motion_def investigations::suspend_local_party_pending{.name = "suspend_local_party",
                                                             .decided = event::decision_suspend_local_party,
                                                             .draw_key = 12,
                                                             .rung = 2,
                                                             .acts = true,
                                                             .cost = cost_suspend_individuals,
                                                             .allowed = may_suspend_local_party,
                                                             .apply = suspend_party};
const motion_def investigations::charges{.name = "charges",
                                         .decided = event::decision_charges,
                                         .draw_key = 13,
                                         .rung = 3,
                                         .acts = true,
                                         .on_individuals = true,
                                         .cost = cost_charges,
                                         .allowed = may_charge,
                                         .apply = charge};

const item_kind_def investigations::findings_item{.name = "findings",
    .by = "R18: charges, a suspended local party, special measures, suspensions or a warning",
                                                  .votes = executive_decision::id,
                                                  .notice = true,
                                                  .may_defer = true,
                                                  .disciplinary = true,
                                                  .no_majority = &executive_decision::dismiss,
                                                  .menu = findings_menu,
                                                  .logits = executive_decision::council_action_logits,
                                                  .counter = executive_decision::council_action_counter,
                                                  .decided = executive_decision::apply_council_action};
const item_kind_def investigations::allegation_item{.name = "allegation",
    .by = "R18 (scripted or the national rate): the accused suspended pending the case, or an investigation",
                                                    .votes = executive_decision::id,
                                                    .notice = true,
                                                    .may_defer = true,
                                                    .disciplinary = true,
                                                    .about_a_person = true,
                                                    .no_majority = &executive_decision::dismiss,
                                                    .menu = allegation_menu,
                                                    .logits = executive_decision::council_action_logits,
                                                    .counter = executive_decision::council_action_counter,
                                                    .decided = executive_decision::apply_council_action};

}  // namespace partyline
