#include "partyline/rules/r23_party_leader.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "partyline/rules/detail/common.hpp"

namespace partyline {

using namespace detail;

const leader_term* party_leader_office::in_office(const world& w) {
  const party_leader_def& l = w.scen->party_leader;
  if (w.executive.leader < 0 || !l.stated()) return nullptr;
  return w.executive.leader == 0 ? &l : &l.later[static_cast<std::size_t>(w.executive.leader - 1)];
}

float party_leader_office::centralism_of(const world& w, const executive_member& m) {
  const leader_term* leader = in_office(w);
  if (leader == nullptr) return m.own_centralism;
  const auto& p = w.params->R23;
  // The member's place: their position on the first axis, the executive's on the others.
  policy_point at = w.scen->executive.more;
  at[0] = m.position;
  const double loyalty = std::exp(-p.loyalty_decay * w.scen->distance(at, leader->point));
  return static_cast<float>(std::clamp(m.own_centralism + p.project_pull * loyalty * (leader->centralisation - 0.5), 0.0, 1.0));
}

double party_leader_office::officers_centralism(const world& w, double executive_centralism) {
  const leader_term* leader = in_office(w);
  if (leader == nullptr) return executive_centralism;
  const double share = w.params->R23.officers_share;
  return (1 - share) * executive_centralism + share * leader->centralisation;
}

int party_leader_office::leaders_bloc(const world& w) {
  const leader_term* leader = in_office(w);
  if (leader == nullptr) return 0;
  const executive_def& e = w.scen->executive;
  const double to_left = std::abs(leader->position - e.left_position), to_right = std::abs(leader->position - e.right_position);
  return to_left < to_right ? 1 : to_left > to_right ? -1 : 0;
}

double party_leader_office::backing_for_left(const world& w) {
  return w.params->R23.slate_backing * leaders_bloc(w);
}

void party_leader_office::draw_executive_towards_project(world& w) {
  for (auto& m : w.executive.members) m.centralism = centralism_of(w, m);
}

void party_leader_office::take_office(world& w) {
  if (!w.scen->party_leader.stated()) return;
  w.executive.leader = 0;  // later leaders take office inside the run (the loader checked)
  draw_executive_towards_project(w);
}

void party_leader_office::run(world& w) {
  const party_leader_def& l = w.scen->party_leader;
  if (!l.stated()) return;
  for (std::size_t k = 0; k < l.later.size(); ++k) {
    const leader_term& t = l.later[k];
    if (t.from_week != w.week) continue;
    w.executive.leader = static_cast<int>(k) + 1;
    draw_executive_towards_project(w);
    emit(w, -1, id, event::leader_takes_office, std::lround(100 * t.centralisation), [&] {
      return format("%s becomes the party's leader (centralisation %.2f): the executive's mean centralism is now %.2f",
                    t.name.empty() ? "a new leader" : t.name.c_str(), t.centralisation, executive_centralism(w.executive));
    });
  }
}

}  // namespace partyline
