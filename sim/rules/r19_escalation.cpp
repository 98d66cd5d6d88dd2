// R19 Escalation: the ladder of the executive's steps and its willingness to climb it.
#include "partyline/rules/r19_escalation.hpp"

#include <algorithm>
#include <cmath>

#include "partyline/rules/detail/common.hpp"

namespace partyline {

using namespace detail;

bool escalation::on_menu(const world& w, const council_state& c, const motion_def& m) {
  // Each failed milder step opens a rung: advice refused, or findings of wrongdoing (R18).
  const bool wrongdoing = c.centre.findings >= w.params->R18.findings_threshold;
  if (m.rung > w.params->R19.rungs_open + c.centre.advice_refused + (wrongdoing ? 1 : 0)) return false;
  return !m.allowed || m.allowed(w, c);
}

void escalation::offer(const world& w, const council_state& c, const motion_def& m, motion_list& out) {
  if (on_menu(w, c, m)) out.offer(m);
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
  // A smooth, positive weight: 1 at centralism 0.5, growing about linearly for a centraliser, and falling towards
  // (never to) zero for a member who defends local parties' autonomy, so no member is deaf to any evidence and the
  // executive's response has no threshold below which it cannot act (softplus, normalised to 1 at 0.5).
  static const double at_half = std::log1p(std::exp(1.0));
  const double x = 1.0 + w.params->R19.e_centralism * (centralism - 0.5);
  const double softplus = x > 30 ? x : std::log1p(std::exp(x));
  return softplus / at_half;
}

}  // namespace partyline
