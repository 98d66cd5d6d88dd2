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
  policy_state& policy = w.councils[ci].policy;
  policy.decided = policy_stage::none;  // and their cabinet takes none they had announced
  policy.decision_week = -1;
  if (policy_live(policy.stage)) move(w, ci, policy_stage::paused, id, "an outgoing leader takes no final decision");
}

void policy_course::on_new_leader(world& w, council_id ci) {
  council_state& c = w.councils[ci];
  const auto& p = w.params->R15;
  const int axis = w.scen->councils[row(ci)].group.policy.axis_index;
  const double gap = salience_of(w, axis) * std::abs(on_axis(councillor_place(w, c.leadership.leader), axis) -
                                                     c.policy.position);
  const bool open = policy_live(c.policy.stage) || c.policy.stage == policy_stage::paused;
  // Graded in the new leader's distance from the policy, no gate: one draw per new leader (keyed by who they are).
  const draw_stream rng = draws(w, id);
  const auto who = 3 * static_cast<std::uint64_t>(row(c.leadership.leader));
  policy_stage decided = policy_stage::none;
  if (open && rng.bernoulli(sigmoid(p.decision_slope * (gap - p.scrap_distance)), row(ci), who))
    decided = policy_stage::scrapped;
  else if (c.policy.stage == policy_stage::paused && rng.bernoulli(sigmoid(p.decision_slope * (p.resume_distance - gap)), row(ci), who + 1))
    decided = policy_stage::pursuing;
  // The leader's decision replaces any the last leader left pending. It is the cabinet's to take: a leader the group
  // chose at a count takes office at the annual meeting; the key decision is published `key_decision_notice_weeks`
  // ahead and taken at the cabinet's next meeting after that (its place in the monthly cycle drawn).
  c.policy.decided = decided;
  c.policy.decision_week = -1;
  if (decided == policy_stage::none) return;
  const int in_office = w.week + (c.electoral.counted ? p.annual_meeting_weeks : 0);
  const auto cycle = static_cast<std::uint64_t>(std::max(1, p.cabinet_every_weeks));
  c.policy.decision_week = in_office + p.key_decision_notice_weeks + static_cast<int>(rng.bits(row(ci), who + 2) % cycle);
  if (c.policy.decision_week <= w.week) take_decision(w, ci);
}

void policy_course::take_decision(world& w, council_id ci) {
  policy_state& policy = w.councils[ci].policy;
  const policy_stage decided = policy.decided;
  policy.decided = policy_stage::none;
  policy.decision_week = -1;
  move(w, ci, decided, id,
       decided == policy_stage::scrapped ? "the cabinet of a new leadership far from the policy"
                                         : "the cabinet of a new leadership close to the policy");
}

void policy_course::run(world& w, council_id ci) {
  const step_context x(w, ci, id);
  const auto& p = w.params->R15;
  council_state& c = x.c;
  const policy_state& policy = c.policy;
  const int election = c.electoral.next_election;
  const bool purdah = election >= 0 && election - w.week <= p.purdah_weeks;
  if (policy.decided != policy_stage::none) {
    // The new leadership's key decision, at its cabinet; a cabinet in the pre-election period takes none.
    if (w.week >= policy.decision_week && !purdah) take_decision(w, ci);
    return;
  }
  if (policy.stage != policy_stage::pursuing || w.week - policy.since_week < p.weeks_to_done) return;
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
