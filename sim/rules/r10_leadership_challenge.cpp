// R10 Group leadership challenge, and the group's annual meeting.
#include "partyline/rules/r10_leadership_challenge.hpp"

#include <cmath>
#include <vector>

#include "partyline/rules/detail/common.hpp"
#include "partyline/rules/detail/leadership.hpp"
#include "partyline/rules/r02_executive_decision.hpp"
#include "partyline/rules/r17_own_initiative.hpp"
#include "partyline/rules/r18_investigations.hpp"
#include "partyline/rules/r19_escalation.hpp"

namespace partyline {

using namespace detail;

namespace {

/// The group votes on its leader (a challenge, or a contested annual election): each councillor against with
/// sigma(c0 - c_satisfaction satisfaction); a majority against replaces the leader. `counter` keeps a meeting's draws
/// apart from a challenge's in the same week.
void group_vote(world& w, council_id ci, const step_context& x, councillor_id leader, std::uint64_t counter) {
  const auto& p = w.params->R10;
  council_state& c = x.c;
  const int group = c.derived.group_size;
  auto& cl = w.councillors;
  int against = 0;
  for (const councillor_id r : group_rows(w, c))
    if (r != leader) against += x.rng.bernoulli(sigmoid(p.c0 - p.c_satisfaction * cl.satisfaction[r]), row(r), counter);
  c.division.last_challenge_week = w.week;
  c.division.stock += static_cast<float>(p.division_visibility);
  x.emit(event::leadership_challenge, part_of{against, group}, [] { return std::string(); });
  if (2 * against <= group) {
    x.emit(event::challenge_failed, part_of{against, group}, [&] {
      return format("leadership challenge fails: %d of %d vote against the leader", against, group);
    });
    return;
  }
  const councillor_id next = replace_leader(w, ci, leadership_challenge::id);
  if (next == nobody) return;
  c.leadership.confrontation *= static_cast<float>(p.new_confrontation);
  x.emit(event::leader_replaced, part_of{against, group}, [&] {
    return format("%d of %d vote against the leader; new leader at position %+.2f%s", against, group, cl.position[next],
                  c.centre.special_measures ? " (appointed by the centre)" : "");
  });
}

constexpr std::uint64_t meeting_draws = 1u << 16;  // the annual meeting's draws, apart from a challenge's

}  // namespace

bool leadership_challenge::annual_meeting(world& w, council_id ci) {
  const scenario& s = *w.scen;
  const event_def* meeting = nullptr;
  for (const int ei : w.scripted[ci]) {
    const event_def& e = s.events[static_cast<std::size_t>(ei)];
    if (e.week == w.week && e.type == event_kind::annual_meeting) meeting = &e;
  }
  if (meeting == nullptr) return false;
  const step_context x(w, ci, id);
  const auto& p = w.params->R10;
  council_state& c = x.c;
  const auto leader = x.leader();
  if (!leader || c.leadership.directly_elected) return false;
  if (c.centre.special_measures) {
    // The centre appoints the group's officers (Birmingham 2023: "a panel of NEC and appointed REC members ...
    // interview and appoint leader, deputy leader, and group officers"): the body that decides the officers' items
    // about the group (R17's `monitoring`) judges the sitting leader on the record -- the findings about the group and
    // its division under them -- each member as they weigh evidence (R19). A majority keeps them.
    const int b = w.institutions.body_for(own_initiative::item, s.councils[row(ci)].region_index);
    std::vector<executive_member> panel;
    if (b >= 0) executive_decision::members_of(w, static_cast<std::size_t>(b), panel);
    const double record = p.appoint_findings * c.centre.findings + p.appoint_division * division_index(w, c);
    int keep = 0;
    for (std::size_t m = 0; m < panel.size(); ++m)
      keep += x.rng.bernoulli(sigmoid(p.appoint_b0 - record * escalation::weight_of_evidence(w, panel[m].centralism)), m,
                              meeting_draws + 1);
    const int of = static_cast<int>(panel.size());
    x.emit(event::annual_meeting, part_of{keep, of}, [&] {
      return format("the group's annual meeting, its officers appointed by the centre: %d of %d on the panel keep the leader", keep, of);
    });
    if (2 * keep > of) return true;
    const councillor_id next = replace_leader(w, ci, id);  // under special measures: the centre's appointee
    x.emit(event::leader_removed, 0, [&] {
      return next != nobody ? format("the centre's panel does not reappoint the leader; new leader at %+.2f", w.councillors.position[next])
                            : std::string("the centre's panel does not reappoint the leader; no successor");
    });
    return true;
  }
  if (!meeting->leader_up) {  // the leader's term runs on: the week is as any other (a challenge may still come)
    x.emit(event::annual_meeting, 0, [] { return std::string("the group's annual meeting: the leader's term runs on"); });
    return false;
  }
  // An annual election: a challenger stands when enough of the group is dissatisfied (no requisition needed).
  const int group = c.derived.group_size;
  if (group >= 3 && c.derived.dissatisfied >= p.meeting_challenger_share * (group - 1)) {
    x.emit(event::annual_meeting, 0, [] { return std::string("the group's annual meeting: the leader is challenged"); });
    group_vote(w, ci, x, *leader, meeting_draws + 2);
  } else {
    x.emit(event::annual_meeting, 0, [] { return std::string("the group's annual meeting: the leader is re-elected unopposed"); });
  }
  return true;
}

void leadership_challenge::run(world& w, council_id ci) {
  if (annual_meeting(w, ci)) return;  // the meeting is this week's contest
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
  group_vote(w, ci, x, *leader, 0);
}

}  // namespace partyline
