// The national phase: reductions over all councils, in council order so sums never depend on threads.
#include <cmath>

#include "partyline/rules/phases.hpp"

namespace partyline {

void national_phase(world& w) {
  const scenario& s = *w.scen;
  // Backlash decays with its half-life (precedent fades).
  w.executive.backlash *= std::pow(0.5, 1.0 / s.executive.backlash_half_life_weeks);
}

void apply_phase(world& w, std::size_t ci) {
  const scenario& s = *w.scen;
  council_state& c = w.councils[ci];
  for (const decision& d : w.executive.published) {
    if (d.council != static_cast<int>(ci)) continue;
    switch (d.kind) {
      case decision_kind::investigate:
        c.investigation_until = w.week + s.rules.R2.investigation_weeks;
        c.referral_pending = false;
        ++c.tally[run_outcome::interventions];
        ++c.tally[run_outcome::interventions_investigate];
        break;
      case decision_kind::dismiss: c.referral_pending = false; break;
      case decision_kind::defer:
      case decision_kind::none: break;
    }
  }
}

}  // namespace partyline
