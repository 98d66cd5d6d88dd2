// Changing a group's leader: see partyline/rules/detail/leadership.hpp.
#include "partyline/rules/detail/leadership.hpp"

#include <algorithm>
#include <cmath>

#include "partyline/rules/detail/common.hpp"

namespace partyline::detail {

void choose_cabinet(world& w, council_id ci) {
  council_state& c = w.councils[ci];
  auto& cl = w.councillors;
  const councillor_id leader = c.leadership.leader;
  // Sorting row indices in the council's own work rows keeps this allocation-free.
  std::uint32_t* idx = w.work.rows.data() + c.rows.seat_begin;
  std::size_t n = 0;
  const float lx = cl.position[leader];
  for (const councillor_id r : c.rows.councillors()) {
    cl.cabinet[r] = 0;
    if (in_group(w, r) && r != leader) idx[n++] = row(r);
  }
  std::sort(idx, idx + n, [&](std::uint32_t a, std::uint32_t b) {
    const float da = std::abs(cl.position[a] - lx), db = std::abs(cl.position[b] - lx);
    return da < db || (da == db && a < b);
  });
  cl.cabinet[leader] = 1;
  const int cabinet = w.scen->councils[row(ci)].group.cabinet_size;
  for (std::size_t k = 0; k + 1 < static_cast<std::size_t>(cabinet) && k < n; ++k) cl.cabinet[idx[k]] = 1;
}

void install_leader(world& w, council_id ci, councillor_id new_leader, std::uint64_t draw_entity, stream rule) {
  council_state& c = w.councils[ci];
  const auto& p = w.params->R10;
  const draw_stream rng = draws(w, rule);
  leadership_state& lead = c.leadership;
  lead.leader = new_leader;
  lead.since_week = w.week;
  lead.directly_elected = false;  // a leader chosen by the group or the centre is not the mayor (R21)
  lead.resolve = static_cast<float>(p.new_leader_min + p.new_leader_span * rng.uniform(draw_entity, 50));
  lead.autonomy = static_cast<float>(p.new_leader_min + p.new_leader_span * rng.uniform(draw_entity, 51));
  lead.stand_down_at_election = false;
  lead.mediation_refused = false;
  lead.response_pending = false;
  choose_cabinet(w, ci);
  w.councillors.satisfaction[new_leader] = static_cast<float>(p.new_leader_satisfaction);
  emit(w, ci, rule, event::leader_installed);  // the flagship policy's course follows (schedule::on_event: R15)
}

councillor_id replace_leader(world& w, council_id ci, stream rule) {
  council_state& c = w.councils[ci];
  const double target = c.centre.special_measures ? w.national.executive_median : group_median(w, c);
  const councillor_id next = nearest_group_councillor(w, c, target, c.leadership.leader);
  if (next != nobody) install_leader(w, ci, next, row(ci), rule);
  return next;
}

}  // namespace partyline::detail
