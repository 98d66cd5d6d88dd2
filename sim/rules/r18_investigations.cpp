// R18 Investigations, findings and sanctions.
#include "partyline/rules/r18_investigations.hpp"

#include <algorithm>
#include <cmath>

#include "partyline/rules/detail/common.hpp"
#include "partyline/rules/independents.hpp"
#include "partyline/rules/detail/leadership.hpp"
#include "partyline/rules/r02_executive_decision.hpp"
#include "partyline/rules/r19_escalation.hpp"

namespace partyline {

using namespace detail;

namespace {

/// A log-normal number of weeks around `median` (at least one), drawn for this council.
int drawn_weeks(const draw_stream& rng, std::size_t ci, std::uint64_t counter, double median, double log_sd) {
  return std::max(1, static_cast<int>(std::lround(median * std::exp(log_sd * rng.normal(ci, counter)))));
}

}  // namespace

void investigations::count_sanction(world& w, std::size_t ci) {
  const int first = w.councils[ci].centre.first_item_week;
  emit(w, ci, id, event::sanction, first >= 0 ? w.week - first : 0);
}

double investigations::urgency(const world& w, double severity) {
  const auto& p = w.params->R18;
  return std::min(1.0, p.urgency_base + p.urgency_severity * severity);
}

void investigations::open(world& w, std::size_t ci) {
  const auto& p = w.params->R18;
  centre_state& centre = w.councils[ci].centre;
  centre.investigation_until = w.week + drawn_weeks(draws(w, id), ci, 0, p.duration_median_weeks, p.duration_log_sd);
}

void investigations::run(world& w, std::size_t ci) {
  const auto& p = w.params->R18;
  council_state& c = w.councils[ci];
  const draw_stream rng = draws(w, id);
  if (c.centre.investigation_until == w.week) {
    const double evidence = p.f0 + p.f_division * division_index(w, c) + p.f_disputes * c.derived.worst_intensity +
                            p.f_allegation * c.centre.allegation + p.f_refused * c.centre.advice_refused +
                            p.noise_sd * rng.normal(ci, 1);
    const double severity = std::clamp(evidence, 0.0, 1.0);
    c.centre.findings = static_cast<float>(severity);
    const bool acted_on = severity >= p.findings_threshold && c.leadership.leader >= 0 && !pending(w, c, findings_item);
    emit(w, ci, id, event::investigation_concluded, std::lround(100 * severity), [&] {
      return format("the investigation reports: findings of severity %.2f%s", severity,
                    acted_on ? ", put to the executive" : ", no further action");
    });
    if (acted_on)
      file_item(w, ci, new_item(w, ci, findings_item, urgency(w, severity), severity, w.national.executive_median));
  }
  if (c.centre.hearing_until == w.week) {
    // The disciplinary panel's verdicts: the charged (suspended) councillors are expelled or reinstated.
    auto& cl = w.councillors;
    const std::uint32_t ind = static_cast<std::uint32_t>(w.scen->party_id("ind"));
    int expelled = 0, reinstated = 0;
    for (std::uint32_t r = c.rows.seat_begin; r < c.rows.seat_end; ++r) {
      if (cl.party[r] != w.scen->party_index || cl.status[r] != councillor_status::suspended) continue;
      if (rng.bernoulli(p.p_expel, r, 2)) {
        cl.party[r] = static_cast<decltype(cl.party)::value_type>(ind);
        cl.status[r] = councillor_status::independent;  // expelled councillors sit as independents
        // ... and may stand against the party at the next election, with the grievance of an expulsion (their
        // members' backing: as at their last selection, if one measured it).
        const double support =
            cl.selection[r] == selection_state::undecided ? w.params->independents.support_unmeasured : cl.ballot_support[r];
        independent_candidacy::consider_standing(w, r, support, independent_candidacy::grievance(w, c, support, true), rng, 9);
        ++expelled;
      } else {
        cl.status[r] = councillor_status::sitting;
        ++reinstated;
      }
    }
    c.centre.hearing_until = -1;
    c.centre.allegation = 0;  // the case is closed
    c.centre.accused = -1;
    emit(w, ci, id, event::expulsion, expelled, [&] {
      return format("the disciplinary hearing expels %d councillors and reinstates %d", expelled, reinstated);
    });
    if (expelled > 0) count_sanction(w, ci);
  }
}

void investigations::suspend_individuals(world& w, std::size_t ci, double severity) {
  const auto& p = w.params->R18;
  council_state& c = w.councils[ci];
  auto& cl = w.councillors;
  const draw_stream rng = draws(w, id);
  int suspended = 0;
  // The accused is suspended pending the case (a successor of an accused leader is not the accused).
  const bool against_accused = c.centre.allegation > 0 && c.centre.accused >= 0 &&
                               in_group(w, static_cast<std::uint32_t>(c.centre.accused));
  const bool against_leader = against_accused && c.centre.accused == c.leadership.leader;
  if (against_accused) {
    cl.status[static_cast<std::size_t>(c.centre.accused)] = councillor_status::suspended;
    ++suspended;
  } else {
    for (std::uint32_t r : group_rows(w, c)) {
      if (r == c.leadership.leader || cl.dissent[r] == 0) continue;
      if (!rng.bernoulli(p.suspend_share * severity, r, 3)) continue;
      cl.status[r] = councillor_status::suspended;
      ++suspended;
    }
  }
  emit(w, ci, id, event::suspension_individual, suspended, [&] {
    return against_leader    ? std::string("the leader is administratively suspended pending the case")
           : against_accused ? std::string("the accused councillor is administratively suspended pending the case")
                             : format("%d councillors are administratively suspended", suspended);
  });
  if (against_leader) {
    const std::int64_t next = replace_leader(w, ci, id);
    (void)next;
  }
  if (suspended > 0) count_sanction(w, ci);
}

void investigations::suspend_local_party(world& w, std::size_t ci) {
  council_state& c = w.councils[ci];
  c.centre.local_party_suspended = true;
  if (c.selections.central_from < 0) c.selections.central_from = w.week;  // selections are run by the centre (R6)
  emit(w, ci, id, event::local_party_suspended, 0, [] {
    return std::string("the local party is suspended: its meetings and officers are frozen, the centre runs its selections");
  });
  count_sanction(w, ci);
}

void investigations::bring_charges(world& w, std::size_t ci, double severity) {
  const auto& p = w.params->R18;
  council_state& c = w.councils[ci];
  // The charged are suspended until the hearing (administrative suspension), then expelled or reinstated.
  suspend_individuals(w, ci, std::max(severity, 0.5));
  c.centre.hearing_until = w.week + drawn_weeks(draws(w, id), ci, 4, p.hearing_median_weeks, p.duration_log_sd);
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
bool may_suspend_individuals(const world& w, const council_state& c) { return powers(w).suspend_individuals && c.centre.hearing_until < 0; }
bool may_suspend_local_party(const world& w, const council_state& c) { return powers(w).suspend_local_party && !c.centre.local_party_suspended; }
bool may_charge(const world& w, const council_state& c) { return powers(w).charges && c.centre.hearing_until < 0; }

void open_investigation(world& w, std::size_t ci, const decision&) { investigations::open(w, ci); }
void warn(world& w, std::size_t ci, const decision&) { investigations::count_sanction(w, ci); }
void suspend(world& w, std::size_t ci, const decision&) {
  const centre_state& c = w.councils[ci].centre;
  investigations::suspend_individuals(w, ci, std::max<double>(c.findings, c.allegation));
}
void suspend_party(world& w, std::size_t ci, const decision&) { investigations::suspend_local_party(w, ci); }
void charge(world& w, std::size_t ci, const decision&) { investigations::bring_charges(w, ci, w.councils[ci].centre.findings); }

/// An allegation: suspend the accused pending the case, or investigate.
void allegation_menu(const world& w, const agenda_item& item, motion_list& out) {
  const council_state& c = council_of(w, item);
  escalation::offer(w, c, investigations::suspend_individuals_motion, out);
  escalation::offer(w, c, investigations::investigate, out);
}

/// Findings: from charges down to a warning.
void findings_menu(const world& w, const agenda_item& item, motion_list& out) {
  const council_state& c = council_of(w, item);
  escalation::offer(w, c, investigations::charges, out);
  escalation::offer(w, c, investigations::suspend_local_party_motion, out);
  escalation::offer(w, c, executive_decision::special_measures, out);
  escalation::offer(w, c, investigations::suspend_individuals_motion, out);
  escalation::offer(w, c, investigations::warning, out);
}

}  // namespace

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
