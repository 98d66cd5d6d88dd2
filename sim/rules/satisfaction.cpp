// Councillors' satisfaction with the leadership.
#include "partyline/rules/satisfaction.hpp"

#include <algorithm>
#include <cmath>

#include "partyline/rules/detail/common.hpp"

namespace partyline {

using namespace detail;

void councillor_satisfaction::run(world& w, council_id ci) {
  const step_context x(w, ci, id);
  const auto& p = w.params->satisfaction;
  council_state& c = x.c;
  derived_state& d = c.derived;
  auto& cl = w.councillors;
  if (c.leadership.leader == nobody) {
    d.group_size = 0;
    d.dissatisfied = 0;
    d.mean_satisfaction = 0;
    return;
  }
  const auto leader = c.leadership.leader;
  const place leader_at = councillor_place(w, leader);
  // The flagship policy sits on one declared axis (`group.policy.axis`): a councillor's distance from it is there.
  const int policy_axis = w.scen->councils[row(ci)].group.policy.axis_index;
  const double policy_salience = salience_of(w, policy_axis);
  const double policy_weight = policy_live(c.policy.stage) ? p.w_policy * c.policy.salience : 0.0;
  const double dispute_pressure =
      p.w_dispute * d.worst_intensity + (d.disputes_active > 0 ? p.w_confrontation * c.leadership.confrontation : 0.0);
  const double intervention = p.w_intervention * overridden(w, c);  // the one notion of central override
  const double blame = p.w_blame * c.centre.override_cost;            // ... and what its overrides of deals cost
  int group = 0, dissatisfied = 0;
  double sum = 0;
  for (const councillor_id r : group_rows(w, c)) {
    if (r == leader) continue;
    const place at = councillor_place(w, r);
    const double target = p.base + p.w_loyalty * (cl.loyalty[r] - 0.5) - p.w_distance * distance(w, at, leader_at) -
                          policy_weight * policy_salience * std::abs(on_axis(at, policy_axis) - c.policy.position) -
                          cl.union_ties[r] * dispute_pressure + p.w_cabinet * cl.cabinet[r] - intervention -
                          blame * distance(w, at, leader_at);
    double sat = cl.satisfaction[r];
    sat += p.rate * (target - sat) + p.noise_sd * x.rng.shock(r, 0);
    cl.satisfaction[r] = static_cast<float>(std::clamp(sat, -1.0, 1.0));
    ++group;
    dissatisfied += cl.satisfaction[r] < p.dissatisfied_below;
    sum += cl.satisfaction[r];
  }
  d.group_size = group + 1;  // with the leader
  d.dissatisfied = dissatisfied;
  d.mean_satisfaction = group > 0 ? sum / group : 0.0;
}

}  // namespace partyline
