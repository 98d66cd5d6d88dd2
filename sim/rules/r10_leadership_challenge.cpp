// R10 Group leadership challenge.
#include "partyline/rules/r10_leadership_challenge.hpp"

#include "partyline/rules/detail/common.hpp"
#include "partyline/rules/detail/leadership.hpp"

namespace partyline {

using namespace detail;

void leadership_challenge::run(world& w, council_id ci) {
  const step_context x(w, ci, id);
  const auto& p = w.params->R10;
  council_state& c = x.c;
  const int group = c.derived.group_size;
  const auto leader = x.leader();
  // A directly elected mayor answers to the voters, not to a group vote (R21).
  if (!leader || c.leadership.directly_elected || group < 3 ||
      w.week - c.division.last_challenge_week < p.cooldown_weeks)
    return;
  // How much dissatisfaction it takes to organise a challenge is the group's own (its standing orders, its
  // habits, how bruising the last one was): drawn once a run around `trigger_share`, so across runs the chance of a
  // challenge rises smoothly with the share dissatisfied rather than switching at one value.
  const double needed = p.trigger_share + p.trigger_sd * draws_at(w, 0, id).normal(row(ci), 53);
  if (c.derived.dissatisfied < needed * (group - 1)) return;
  auto& cl = w.councillors;
  int against = 0;
  for (const councillor_id r : group_rows(w, c))
    if (r != *leader) against += x.rng.bernoulli(sigmoid(p.c0 - p.c_satisfaction * cl.satisfaction[r]), row(r));
  c.division.last_challenge_week = w.week;
  c.division.stock += static_cast<float>(p.division_visibility);
  x.emit(event::leadership_challenge, part_of{against, group}, [] { return std::string(); });
  if (2 * against <= group) {
    x.emit(event::challenge_failed, part_of{against, group}, [&] {
      return format("leadership challenge fails: %d of %d vote against the leader", against, group);
    });
    return;
  }
  const councillor_id next = replace_leader(w, ci, id);
  if (next == nobody) return;
  c.leadership.confrontation *= static_cast<float>(p.new_confrontation);
  x.emit(event::leader_replaced, part_of{against, group}, [&] {
    return format("%d of %d vote against the leader; new leader at position %+.2f%s", against, group,
                  cl.position[next], c.centre.special_measures ? " (appointed by the centre)" : "");
  });
}

}  // namespace partyline
