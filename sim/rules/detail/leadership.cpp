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
  lead.dispute_record = 0;  // the disputes fought so far are the last leadership's record
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

councillor_id elect_successor(world& w, council_id ci, stream rule) {
  council_state& c = w.councils[ci];
  const auto& p = w.params->R10;
  const auto& cl = w.councillors;
  const councillor_id outgoing = c.leadership.leader;
  // The wings: the sitting members either side of the group's median (the outgoing leader does not stand again).
  float* tmp = w.work.values.data() + c.rows.seat_begin;
  std::size_t n = 0;
  for (const councillor_id r : group_rows(w, c))
    if (r != outgoing && cl.status[r] == councillor_status::sitting) tmp[n++] = cl.position[r];
  if (n == 0) return nobody;
  std::sort(tmp, tmp + n);
  const double lower_wing = tmp[n / 4], upper_wing = tmp[n / 2 + (n - n / 2) / 2];
  const councillor_id a = nearest_group_councillor(w, c, lower_wing, outgoing);
  const councillor_id b = nearest_group_councillor(w, c, upper_wing, outgoing);
  if (a == b) return a;
  const double xa = cl.position[a], xb = cl.position[b];
  // The continuity candidate is the one nearer the outgoing leader: loyal members lean to them.
  const double outgoing_x = outgoing != nobody ? cl.position[outgoing] : group_median(w, c);
  const double continuity_a = std::abs(xa - outgoing_x) <= std::abs(xb - outgoing_x) ? 1.0 : -1.0;
  // Each member votes for the nearer candidate with a logistic chance in how much nearer; the candidates' standing
  // (record, campaign, who backs them) shifts every vote alike: one draw for the contest.
  const draw_stream rng = draws(w, rule);
  const double standing = p.ballot_standing_sd * rng.normal(row(ci), 52);
  int for_a = 0, for_b = 0;
  for (const councillor_id r : group_rows(w, c)) {
    if (cl.status[r] != councillor_status::sitting) continue;
    const double x = cl.position[r];
    const bool votes_a = r == a || (r != b && rng.bernoulli(sigmoid(p.ballot_slope * (std::abs(x - xb) - std::abs(x - xa)) + standing +
                                                                    p.ballot_continuity * cl.loyalty[r] * continuity_a),
                                                            row(r), 71));
    ++(votes_a ? for_a : for_b);
  }
  if (for_a != for_b) return for_a > for_b ? a : b;
  const double median = group_median(w, c);  // a tie goes to the candidate nearer the group's middle
  return std::abs(xa - median) <= std::abs(xb - median) ? a : b;
}

void exclude_from_party(world& w, councillor_id r) {
  auto& cl = w.councillors;
  cl.party[r] = static_cast<std::remove_reference_t<decltype(cl.party[r])>>(w.scen->party_id("ind"));
  cl.status[r] = councillor_status::independent;
  cl.cabinet[r] = 0;
}

councillor_id replace_leader(world& w, council_id ci, stream rule) {
  council_state& c = w.councils[ci];
  const councillor_id next = c.centre.special_measures
                                 ? nearest_group_councillor(w, c, w.national.executive_median, c.leadership.leader)
                                 : elect_successor(w, ci, rule);
  if (next != nobody) install_leader(w, ci, next, row(ci), rule);
  return next;
}

}  // namespace partyline::detail
