// R3 Leader response.
#include "partyline/rules/r03_leader_response.hpp"

#include <algorithm>

#include "partyline/rules/detail/common.hpp"
#include "partyline/rules/detail/leadership.hpp"

namespace partyline {

using namespace detail;

void leader_response::run(world& w, council_id ci) {
  const step_context x(w, ci, id);
  const auto& p = w.params->R3;
  council_state& c = x.c;
  leadership_state& lead = c.leadership;
  const auto leader = x.leader();
  if (!leader) return;
  // Respond to an intervention: comply (pause the policy) or resist (refuse mediation).
  if (lead.response_pending) {
    lead.response_pending = false;
    const double p_comply = sigmoid(p.c0 + p.c_autonomy * lead.autonomy + p.c_resolve * lead.resolve);
    if (x.rng.bernoulli(p_comply, ci, 0)) {
      // A live flagship policy is paused (schedule::on_event: R15).
      x.emit(event::leader_complies, 0, [&] { return format("the leader accepts mediation (p %.2f)", p_comply); });
    } else {
      lead.mediation_refused = true;
      ++c.centre.advice_refused;  // a milder step failed (R19)
      x.emit(event::leader_resists, 0, [&] { return format("the leader refuses mediation (p of complying %.2f)", p_comply); });
    }
  }
  // A directly elected mayor serves out the term (R21); the group's pressure decides nothing here.
  if (lead.stand_down_at_election || lead.directly_elected || w.week - lead.since_week < p.honeymoon_weeks) return;
  // Pressure against resolve: stand down now, or at an election that is close.
  // Every central override (a veto, an order to withdraw, an imposed candidate, an intervention) is a blow to the
  // leader; refusing the centre's mediation keeps the stand-off in full view.
  const double override = lead.mediation_refused ? 1.0 : overridden(w, c);
  const int group = c.derived.group_size;
  const double dissatisfied = group > 1 ? static_cast<double>(c.derived.dissatisfied) / (group - 1) : 0.0;
  const double deselection = group > 0 ? static_cast<double>(c.selections.deselected_or_withdrawn) / group : 0.0;
  const int to_election = weeks_to_election(w, c);
  const double proximity = std::clamp(1.0 - to_election / static_cast<double>(p.election_horizon_weeks), 0.0, 1.0);
  const double pressure = p.w_support * dissatisfied + p.w_intervention * override +
                          p.w_deselection * deselection + p.w_election * proximity;
  if (pressure <= lead.resolve) return;
  // Standing down (now or at the election) pauses a live flagship policy (schedule::on_event: R15).
  if (to_election <= p.stand_down_at_election_weeks) {
    lead.stand_down_at_election = true;
    const std::uint32_t L = row(*leader);
    if (w.councillors.selection[L] == selection_state::undecided) w.councillors.selection[L] = selection_state::withdrawn;
    x.emit(event::leader_stands_down, 0, [&] {
      return format("the leader will stand down at the election in %d weeks (pressure %.2f > resolve %.2f)", to_election,
                    pressure, lead.resolve);
    });
    return;
  }
  x.emit(event::leader_stands_down, 0, [&] {
    return format("the leader stands down now (pressure %.2f > resolve %.2f)", pressure, lead.resolve);
  });
  replace_leader(w, ci, id);
}

}  // namespace partyline
