// R15 Policy course.
#include "partyline/rules/r15_policy_course.hpp"

#include "partyline/rules/detail/common.hpp"

namespace partyline {

using namespace detail;

namespace {

event event_of(policy_stage s) {
  switch (s) {
    case policy_stage::proposed: return event::policy_proposed;
    case policy_stage::pursuing: return event::policy_pursuing;
    case policy_stage::paused: return event::policy_paused;
    case policy_stage::scrapped: return event::policy_scrapped;
    case policy_stage::done:
    case policy_stage::none: break;
  }
  return event::policy_done;
}

}  // namespace

void policy_course::move(world& w, council_id ci, policy_stage stage, stream rule, const char* why) {
  policy_state& policy = w.councils[ci].policy;
  if (policy.stage == stage) return;
  const policy_stage before = policy.stage;
  policy.stage = stage;
  policy.since_week = w.week;
  const std::string& name = w.scen->councils[row(ci)].group.policy.name;
  emit(w, ci, rule, event_of(stage), 0, [&] {
    return format("%s: %s -> %s (%s)", name.empty() ? "flagship policy" : name.c_str(),
                  std::string(to_string(before)).c_str(), std::string(to_string(stage)).c_str(), why);
  });
}

void policy_course::on_compliance(world& w, council_id ci) {
  if (policy_live(w.councils[ci].policy.stage)) move(w, ci, policy_stage::paused, id, "the leader complies with the executive");
}

void policy_course::on_stand_down(world& w, council_id ci) {
  if (policy_live(w.councils[ci].policy.stage)) move(w, ci, policy_stage::paused, id, "an outgoing leader takes no final decision");
}

void policy_course::on_new_leader(world& w, council_id ci) {
  const council_state& c = w.councils[ci];
  const auto& p = w.params->R15;
  const int axis = w.scen->councils[row(ci)].group.policy.axis_index;
  const double gap = salience_of(w, axis) * std::abs(on_axis(councillor_place(w, c.leadership.leader), axis) -
                                                     c.policy.position);
  const bool open = policy_live(c.policy.stage) || c.policy.stage == policy_stage::paused;
  // Graded in the new leader's distance from the policy, no gate: one draw per new leader (keyed by who they are).
  const draw_stream rng = draws(w, id);
  const auto who = 2 * static_cast<std::uint64_t>(row(c.leadership.leader));
  if (open && rng.bernoulli(sigmoid(p.decision_slope * (gap - p.scrap_distance)), row(ci), who))
    move(w, ci, policy_stage::scrapped, id, "a new leadership far from the policy");
  else if (c.policy.stage == policy_stage::paused && rng.bernoulli(sigmoid(p.decision_slope * (p.resume_distance - gap)), row(ci), who + 1))
    move(w, ci, policy_stage::pursuing, id, "a new leadership close to the policy");
}

void policy_course::run(world& w, council_id ci) {
  const step_context x(w, ci, id);
  const auto& p = w.params->R15;
  council_state& c = x.c;
  const policy_state& policy = c.policy;
  if (policy.stage != policy_stage::pursuing || w.week - policy.since_week < p.weeks_to_done) return;
  const int election = c.electoral.next_election;
  const bool purdah = election >= 0 && election - w.week <= p.purdah_weeks;
  const bool legal = w.scen->councils[row(ci)].group.policy.legal_challenge_until_week >= w.week;
  if (purdah || legal) {
    if (w.week - policy.since_week == p.weeks_to_done || w.week == election - p.purdah_weeks)
      x.emit(event::decision_deferred, 0, [&] {
        return std::string(legal ? "no final decision while a legal challenge is pending"
                                 : "no final decision in the pre-election period");
      });
    return;
  }
  move(w, ci, policy_stage::done, id, "carried out");
}

}  // namespace partyline
