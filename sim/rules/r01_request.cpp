// R1 Request to the centre.
#include "partyline/rules/r01_request.hpp"

#include <algorithm>
#include <cmath>

#include "partyline/rules/detail/common.hpp"
#include "partyline/rules/r02_executive_decision.hpp"
#include "partyline/rules/r18_investigations.hpp"
#include "partyline/rules/r19_escalation.hpp"

namespace partyline {

using namespace detail;

void request_to_centre::run(world& w, council_id ci) {
  const step_context x(w, ci, id);
  const auto& p = w.params->R1;
  const auto& sp = w.params->satisfaction;
  council_state& c = x.c;
  const auto leader = x.leader();
  if (!leader || pending(w, c, item) || c.derived.group_size < 3 ||
      w.week - last_filed(w, c, item) < p.cooldown_weeks)
    return;
  auto& cl = w.councillors;
  const place centre = centre_place(w, w.national.executive_median);
  const double leader_gap = distance(w, councillor_place(w, *leader), centre);
  // A signatory: dissatisfied, and willing to sign this week (keyed draws, so counting and recording agree).
  auto signs = [&](councillor_id r) {
    if (r == *leader || cl.satisfaction[r] >= sp.dissatisfied_below) return false;
    const double odds = p.s0 + p.s_grievance * (sp.dissatisfied_below - cl.satisfaction[r]) +
                     p.s_support * (leader_gap - distance(w, councillor_place(w, r), centre)) - p.s_loyalty * cl.loyalty[r];
    return x.rng.bernoulli(sigmoid(odds), row(r));
  };
  int requesters = 0;
  double sum_x = 0;
  for (const councillor_id r : group_rows(w, c))
    if (signs(r)) {
      ++requesters;
      sum_x += cl.position[r];
    }
  const double share = static_cast<double>(requesters) / c.derived.group_size;
  // The organisers send it with a chance that rises smoothly with its support (its own draw, apart from the signers').
  if (requesters == 0 || !x.rng.bernoulli(sigmoid(p.send_slope * (share - p.request_threshold)), row(ci), 1)) return;
  for (const councillor_id r : group_rows(w, c))
    if (signs(r)) ++cl.dissent[r];
  const agenda_item filed = new_item(w, ci, item, std::min(1.0, p.urgency_base + p.urgency_share * share), share,
                                     sum_x / requesters);
  file_item(w, ci, filed);
  c.division.stock += static_cast<float>(p.division_visibility);  // a request to the centre is division made public
  const std::string& policy = w.scen->councils[row(ci)].group.policy.name;
  x.emit(event::request, part_of{requesters, c.derived.group_size}, [&] {
    return format("%d of %d councillors ask the executive to intervene against %s (urgency %.2f)", requesters,
                  c.derived.group_size,
                  policy_live(c.policy.stage) && !policy.empty() ? policy.c_str() : "the leadership's course", filed.urgency);
  });
}

namespace {

/// Councillors ask the centre to act: remove the leader, special measures, or -- the mild step -- advice on a live
/// policy, otherwise an investigation.
void request_menu(const world& w, const agenda_item& item, motion_list& out) {
  const council_state& c = council_of(w, item);
  escalation::offer(w, c, executive_decision::remove_leader, out);
  escalation::offer(w, c, executive_decision::special_measures, out);
  if (escalation::on_menu(w, c, executive_decision::advise_pause))
    out.offer(executive_decision::advise_pause);
  else
    escalation::offer(w, c, investigations::investigate, out);
}

}  // namespace

const item_kind_def request_to_centre::item{.name = "request",
    .by = "R1: the executive's step against the group (R2, R6, R18 motions)",
                                            .votes = executive_decision::id,
                                            .notice = true,
                                            .may_defer = true,
                                            .no_majority = &executive_decision::dismiss,
                                            .menu = request_menu,
                                            .logits = executive_decision::council_action_logits,
                                            .counter = executive_decision::council_action_counter,
                                            .decided = executive_decision::apply_council_action};

}  // namespace partyline
