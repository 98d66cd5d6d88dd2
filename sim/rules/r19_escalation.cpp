// R19 Escalation: the ladder of the executive's steps and its willingness to climb it.
#include "partyline/rules/r19_escalation.hpp"

#include <algorithm>

#include "partyline/rules/detail/common.hpp"

namespace partyline {

using namespace detail;

int escalation::rung(decision_kind k) {
  switch (k) {
    case decision_kind::warning:
    case decision_kind::advise_pause:
    case decision_kind::investigate: return 1;
    case decision_kind::take_over_selections:
    case decision_kind::suspend_individuals: return 2;
    case decision_kind::special_measures:
    case decision_kind::suspend_local_party:
    case decision_kind::charges: return 3;
    case decision_kind::remove_leader: return 4;
    default: return 0;
  }
}

bool escalation::on_menu(const world& w, const council_state& c, decision_kind k) {
  const executive_powers& may = w.scen->executive.powers;
  // Each failed milder step opens a rung: advice refused, or findings of wrongdoing (R18).
  const bool wrongdoing = c.centre.findings >= w.params->R18.findings_threshold;
  if (rung(k) > w.params->R19.rungs_open + c.centre.advice_refused + (wrongdoing ? 1 : 0)) return false;
  switch (k) {
    case decision_kind::advise_pause: return may.advise_pause && policy_live(c.policy.stage);
    case decision_kind::investigate: return may.investigate;
    case decision_kind::take_over_selections: {
      // Only while the candidates for the next election are still to be chosen, and not already by the centre.
      const int closes = c.electoral.next_election - w.params->R5.window_close_weeks_before;
      return may.take_over_selections && !c.centre.special_measures && c.selections.central_from < 0 &&
             c.electoral.next_election >= 0 && w.week <= closes;
    }
    case decision_kind::special_measures: return may.special_measures && !c.centre.special_measures;
    case decision_kind::suspend_individuals: return may.suspend_individuals && c.centre.hearing_until < 0;
    case decision_kind::charges: return may.charges && c.centre.hearing_until < 0;
    case decision_kind::suspend_local_party: return may.suspend_local_party && !c.centre.local_party_suspended;
    case decision_kind::warning: return true;
    case decision_kind::remove_leader: return may.remove_leader && c.leadership.leader >= 0 && !c.leadership.directly_elected;
    default: return true;
  }
}

double escalation::election_proximity(const world& w, const council_state& c) {
  if (c.electoral.next_election < 0) return 0.0;
  const double weeks = c.electoral.next_election - w.week;
  return std::clamp(1.0 - weeks / static_cast<double>(w.params->R19.election_horizon_weeks), 0.0, 1.0);
}

double escalation::pressure(const world& w, const council_state& c) {
  const auto& p = w.params->R19;
  const double proximity = election_proximity(w, c);
  return p.e_division * division_index(w, c) + p.e_refused * c.centre.advice_refused +
         (w.week < c.centre.investigation_until ? p.e_investigation : 0.0) + p.e_election * proximity +
         p.e_repeat * c.centre.intervention_stock + p.e_findings * c.centre.findings + p.e_allegation * c.centre.allegation;
}

double escalation::weight_of_evidence(const world& w, double centralism) {
  return std::max(0.0, 1.0 + w.params->R19.e_centralism * (centralism - 0.5));
}

}  // namespace partyline
