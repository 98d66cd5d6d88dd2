// R2 Decisions of the party's bodies: the agendas, meetings and member-by-member votes (central phase), and the
// councils' application of what was decided (apply phase). Sequential in the central phase: each body's order of
// business is fixed (urgency, week filed, council). Nothing here knows which kind an item is: the kind (declared by
// the rule that files it, world/agenda.hpp) gives the motions, the members' log-odds and what a decision does.
#include "partyline/rules/r02_executive_decision.hpp"

#include <algorithm>
#include <cmath>

#include "partyline/rules/detail/common.hpp"
#include "partyline/rules/detail/leadership.hpp"
#include "partyline/rules/r06_central_selection.hpp"
#include "partyline/rules/r19_escalation.hpp"
#include "partyline/rules/r23_party_leader.hpp"

namespace partyline {

using namespace detail;

// ---- the executive's own steps ----------------------------------------------------------------------------------

namespace {

double cost_advise_pause(const world& w) { return w.params->R2.cost_advise_pause; }
double cost_special_measures(const world& w) { return w.params->R2.cost_special_measures; }
double cost_remove_leader(const world& w) { return w.params->R2.cost_remove_leader; }

bool may_advise_pause(const world& w, const council_state& c) {
  return w.scen->executive.powers.advise_pause && policy_live(c.policy.stage);
}
bool may_impose_special_measures(const world& w, const council_state& c) {
  return w.scen->executive.powers.special_measures && !c.centre.special_measures;
}
bool may_remove_leader(const world& w, const council_state& c) {
  return w.scen->executive.powers.remove_leader && c.leadership.leader != nobody && !c.leadership.directly_elected;
}

void advise_pause(world& w, council_id ci, const decision&) {
  w.councils[ci].leadership.response_pending = true;  // R3: comply (pause, mediation) or resist (refuse mediation)
}

void impose_special_measures(world& w, council_id ci, const decision&) {
  const step_context x(w, ci, executive_decision::id);
  council_state& c = w.councils[ci];
  c.centre.special_measures = true;  // the centre now appoints leaders (R10) and chooses candidates (R6)
  c.leadership.response_pending = true;
  x.emit(event::special_measures_begin, 0, [] {
    return std::string("the group is under special measures: the centre appoints its leader and chooses its candidates");
  });
}

void remove_leader(world& w, council_id ci, const decision&) {
  const step_context x(w, ci, executive_decision::id);
  if (w.councils[ci].leadership.leader == nobody) return;
  const councillor_id next = replace_leader(w, ci, executive_decision::id);
  x.emit(event::leader_removed, 0, [&] {
    return next != nobody ? format("the executive removes the leader; new leader at %+.2f", w.councillors.position[next])
                     : std::string("the executive removes the leader; no successor");
  });
}

}  // namespace

const motion_def executive_decision::dismiss{.name = "dismiss", .decided = event::decision_dismiss, .draw_key = 1};
const motion_def executive_decision::lapsed{.name = "lapsed", .decided = event::item_lapsed};
const motion_def executive_decision::defer{.name = "defer", .decided = event::decision_defer, .draw_key = 2};
const motion_def executive_decision::advise_pause{.name = "advise_pause",
                                                  .decided = event::decision_advise_pause,
                                                  .draw_key = 3,
                                                  .rung = 1,
                                                  .acts = true,
                                                  .cost = cost_advise_pause,
                                                  .allowed = may_advise_pause,
                                                  .apply = partyline::advise_pause};
const motion_def executive_decision::special_measures{.name = "special_measures",
                                                      .decided = event::decision_special_measures,
                                                      .draw_key = 5,
                                                      .rung = 3,
                                                      .acts = true,
                                                      .cost = cost_special_measures,
                                                      .allowed = may_impose_special_measures,
                                                      .apply = impose_special_measures};
const motion_def executive_decision::remove_leader{.name = "remove_leader",
                                                   .decided = event::decision_remove_leader,
                                                   .draw_key = 6,
                                                   .rung = 4,
                                                   .acts = true,
                                                   .cost = cost_remove_leader,
                                                   .allowed = may_remove_leader,
                                                   .apply = partyline::remove_leader};

// ---- the vote on a step against a council -------------------------------------------------------------------------

void executive_decision::council_action_logits(const world& w, const agenda_item& item, const motion_def& motion,
                                               std::span<const executive_member> members, std::span<double> out) {
  const auto& p = w.params->R2;
  const council_id ci = item.council;
  const council_state& c = w.councils[ci];
  const place leader = c.leadership.leader != nobody ? councillor_place(w, c.leadership.leader)
                                                : local_place(w, ci, 0.0, true);
  const place local_members = local_place(w, ci, c.membership.mean_position), requesters = local_place(w, ci, item.requester_position, true);
  // R19: a drastic step (rung 2 and above) is the more acceptable the more milder ones have failed here.
  const bool drastic = motion.rung >= 2;
  const bool selections = &motion == &central_selection::take_over_selections;
  const double backlash = (item.kind->disciplinary ? p.backlash_discipline : 1.0) * p.b_backlash * w.executive.backlash;
  const double shared = p.b0 + p.b_strength * item.strength - backlash - p.b_media * w.national.media_risk -
                        (motion.cost ? motion.cost(w) : 0.0);
  const double pressure = drastic ? escalation::pressure(w, c) : 0.0;
  for (std::size_t m = 0; m < members.size(); ++m) {
    const auto& mem = members[m];
    // Alignment: on taking over selections, whether the local members (who would otherwise choose) stand further
    // from the member than the leader the panel would protect; otherwise, whether the requesters stand closer than
    // the leader.
    const place self = centre_place(w, mem.position);
    const double alignment = selections ? distance(w, self, local_members) - distance(w, self, leader)
                                        : distance(w, self, leader) - distance(w, self, requesters);
    double x = shared + p.b_central * mem.centralism + p.b_align * alignment +
               pressure * escalation::weight_of_evidence(w, mem.centralism);
    if (mem.section == exec_section::union_seat && item.union_index >= 0) x += p.b_union;
    if (mem.section == exec_section::local_gov) x += p.b_local_gov;
    out[m] = x;
  }
}

std::uint64_t executive_decision::council_action_counter(const agenda_item& item, const motion_def& motion) {
  return static_cast<std::uint64_t>(motion.draw_key) * 16 + static_cast<std::uint64_t>(item.defers);
}

void executive_decision::apply_council_action(world& w, council_id ci, const decision& d) {
  council_state& c = w.councils[ci];
  if (!d.is(defer)) clear_pending(w, c, *d.kind);
  if (d.kind->about_a_person && (d.is(dismiss) || d.is(lapsed)))
    close_allegation(w, c);  // the body takes no action: the allegation lapses
  if (!d.motion->acts) return;
  central_action(c, w.params->R2.action_visibility);
  c.centre.acted_without_notice = !d.notice_given;
  if (d.motion->apply) d.motion->apply(w, ci, d);
}

// ---- the meeting ------------------------------------------------------------------------------------------------

namespace {

bool sits_ordinarily(const body_rhythm& b, int week) {
  return week >= b.first_meeting_week && (week - b.first_meeting_week) % b.meets_every_weeks == 0;
}

/// The body's first ordinary meeting after `week`.
int next_ordinary(const body_rhythm& b, int week) {
  if (week < b.first_meeting_week) return b.first_meeting_week;
  return b.first_meeting_week + ((week - b.first_meeting_week) / b.meets_every_weeks + 1) * b.meets_every_weeks;
}

/// Weeks an item may wait undecided: its kind's deadline, else R2's year.
int wait_limit(const world& w, const agenda_item& item) {
  return item.kind->deadline_weeks ? item.kind->deadline_weeks(w) : w.params->R2.max_wait_weeks;
}

}  // namespace

bool executive_decision::carried(majority_rule rule, int yes, int of) {
  switch (rule) {
    case majority_rule::two_thirds: return 3 * yes >= 2 * of && of > 0;
    case majority_rule::one_person: return of > 0 && yes == of;
    case majority_rule::simple: break;
  }
  return 2 * yes > of;
}

namespace {

/// Who sits on body `b` this week: the executive's seats on it (all of them, or its panel), its own members (or its
/// region's board), or the staff official, who acts at the executive's median position and the officers' centralism (R23).
void members_of(const world& w, std::size_t b, std::vector<executive_member>& out) {
  const body_def& def = w.scen->institutions.bodies[b];
  const body_state& body = w.institutions.bodies[b];
  out.clear();
  switch (def.members.from) {
    case member_source::executive:
      if (body.seats.empty()) {
        out = w.executive.members;
      } else {
        for (const std::uint16_t seat : body.seats) out.push_back(w.executive.members[seat]);
      }
      break;
    case member_source::own:
    case member_source::region: out = body.own; break;
    case member_source::local: break;  // a local party's panel sits only at its council's selections (R5)
    case member_source::staff: {
      // The officers use delegated powers with the leader's office's weight where a leader is stated (R23).
      const auto officer = static_cast<float>(party_leader_office::officers_centralism(w, executive_centralism(w.executive)));
      out.push_back({exec_section::other, false, static_cast<float>(w.executive.median_position), officer, officer});
      break;
    }
  }
}

/// The story's line for a decision on an item of a kind that does not tell its own.
std::string told_by_the_meeting(const world& w, const agenda_item& item, const decision& d, const motion_def* last) {
  const body_def& body = body_of(w, d.body);
  return format("%s filed week %d, %s, %s meeting: %d of %d members in favour of %s, %s, %d weeks after filing",
                std::string(item.kind->name).c_str(), item.week_filed, body.name.c_str(), d.emergency ? "emergency" : "ordinary",
                d.yes, d.of, last ? std::string(last->name).c_str() : "nothing", d.notice_given ? "notice given" : "no notice",
                d.weeks_waiting);
}

struct scratch {
  std::vector<executive_member> members;
  std::vector<double> logits;
};

/// Body `b` decides one item; returns true when it leaves the agenda.
bool decide(world& w, std::size_t b, agenda_item& item, bool emergency, scratch& sc) {
  const item_kind_def& kind = *item.kind;
  const auto& p = w.params->R2;
  const body_def& def = w.scen->institutions.bodies[b];
  decision d;
  d.kind = &kind;
  d.body = static_cast<int>(b);
  d.council = item.council;
  d.coalition = item.coalition;
  d.emergency = emergency;
  d.weeks_waiting = w.week - item.week_filed;
  if (kind.notice) {
    // Notice: less likely the more urgent the item and the more centralising the executive.
    const double p_notice = sigmoid(p.notice0 - p.notice_urgency * item.urgency -
                                    p.notice_centralism * (w.national.executive_centralism - 0.5));
    d.notice_given = draws(w, executive_decision::id)
                         .bernoulli(p_notice, item.council, (1u << 19) + static_cast<std::uint64_t>(item.defers));
  }
  motion_list menu;
  kind.menu(w, item, menu);
  if (menu.count == 0) item.defers = p.max_defers;  // nothing left the body may or need do here
  const draw_stream votes = draws(w, kind.votes);
  // A body's draws are kept apart from another's on the same item (the executive's, body 0, keep their old keys).
  const std::uint64_t salt = static_cast<std::uint64_t>(b) << 32;
  sc.logits.resize(sc.members.size());
  const motion_def* last = nullptr;
  // Menus list their motions most severe first; the body's standing orders say which end is put first.
  const bool mildest_first = def.motions == motion_order::mildest_first;
  for (int k = 0; k < menu.count; ++k) {
    last = menu.at[static_cast<std::size_t>(mildest_first ? menu.count - 1 - k : k)];
    kind.logits(w, item, *last, sc.members, sc.logits);
    const std::uint64_t counter = kind.counter(item, *last) | salt;
    d.yes = 0;
    d.of = static_cast<int>(sc.members.size());
    for (std::size_t m = 0; m < sc.members.size(); ++m)
      d.yes += votes.bernoulli(sigmoid(sc.logits[m]), std::uint64_t{row(item.council)} * 4096 + m, counter);
    d.put[static_cast<std::size_t>(k)] = last;
    d.put_yes[static_cast<std::size_t>(k)] = d.yes;
    d.votes = k + 1;
    if (executive_decision::carried(def.majority, d.yes, d.of)) {
      d.motion = last;
      break;
    }
  }
  bool leaves = true;
  if (!d.motion) {
    if (kind.may_defer && d.yes >= p.defer_margin * d.of && item.defers < p.max_defers) {
      d.motion = &executive_decision::defer;
      ++item.defers;
      leaves = false;
    } else {
      d.motion = kind.no_majority;
    }
  }
  w.institutions.published.push_back(d);
  emit(w, item.council, executive_decision::id, d.motion->decided, d.weeks_waiting,
       [&] { return kind.told ? kind.told(w, item, d) : told_by_the_meeting(w, item, d, last); });
  return leaves;
}

/// Body `b` sits if this is its meeting week, or an urgent item calls an emergency meeting, and decides what it can.
void sit(world& w, std::size_t b, scratch& sc) {
  const scenario& s = *w.scen;
  const body_def& def = s.institutions.bodies[b];
  auto& agenda = w.institutions.bodies[b].agenda;
  if (agenda.empty()) return;
  std::stable_sort(agenda.begin(), agenda.end(), [](const agenda_item& a, const agenda_item& c) {
    if (a.urgency != c.urgency) return a.urgency > c.urgency;
    if (a.week_filed != c.week_filed) return a.week_filed < c.week_filed;
    return a.council < c.council;
  });
  const body_rhythm rhythm = rhythm_of(s, def);
  const crisis_window* crisis = def.crisis ? crisis_at(s, w.week) : nullptr;
  const bool ordinary = sits_ordinarily(rhythm, w.week);
  const bool emergency = !ordinary && def.emergency && agenda.front().urgency >= rhythm.emergency_urgency;
  if (!ordinary && !emergency) return;
  int capacity = rhythm.capacity;
  if (crisis) capacity = static_cast<int>(std::floor(capacity * crisis->capacity_factor));
  const double min_urgency = std::max(emergency ? rhythm.emergency_urgency : 0.0, crisis ? crisis->min_urgency : 0.0);
  members_of(w, b, sc.members);
  // An item with a deadline that would pass before the body's next chance to take it is taken now, beyond capacity:
  // a body does not let a deal lapse that it is sitting to decide.
  const auto due = [&](const agenda_item& item) {
    if (!item.kind->deadline_weeks) return false;
    const bool urgent = def.emergency && item.urgency >= rhythm.emergency_urgency;
    const int next_chance = urgent ? w.week + 1 : next_ordinary(rhythm, w.week);
    return next_chance > item.week_filed + item.kind->deadline_weeks(w);
  };
  int taken = 0;
  std::vector<agenda_item> kept;  // a body's agenda is short: allocation here is not per agent
  kept.reserve(agenda.size());
  for (auto& item : agenda) {
    if ((taken >= capacity || item.urgency < min_urgency) && !due(item)) {
      kept.push_back(item);
      continue;
    }
    ++taken;
    if (!decide(w, b, item, emergency, sc)) kept.push_back(item);
  }
  agenda.swap(kept);
}

/// Records that body `b` did not decide `item` in time: published as its kind's `lapsed` motion (the kind's
/// `decided` says what follows), told with how long it waited.
void lapse(world& w, std::size_t b, const agenda_item& item) {
  decision d;
  d.kind = item.kind;
  d.motion = item.kind->lapsed ? item.kind->lapsed : &executive_decision::lapsed;
  d.body = static_cast<int>(b);
  d.council = item.council;
  d.coalition = item.coalition;
  d.weeks_waiting = w.week - item.week_filed;
  w.institutions.published.push_back(d);
  emit(w, item.council, executive_decision::id, d.motion->decided, d.weeks_waiting, [&] {
    return format("%s filed week %d lapsed after %d weeks, undecided by %s", std::string(item.kind->name).c_str(), item.week_filed,
                  d.weeks_waiting, w.scen->institutions.bodies[b].name.c_str());
  });
}

/// The body an item goes to: the one that decides its kind for the council's region, or -- when that body does not
/// meet this week and leaves such items to another between its meetings -- its delegate.
std::size_t route(const world& w, const agenda_item& item) {
  const scenario& s = *w.scen;
  const int region = s.councils[row(item.council)].region_index;
  const auto b = static_cast<std::size_t>(w.institutions.body_for(*item.kind, region));
  const body_def& def = s.institutions.bodies[b];
  if (def.delegates.empty() || sits_ordinarily(rhythm_of(s, def), w.week)) return b;
  for (const delegation_def& del : def.delegates)
    for (const auto& name : del.items)
      if (name == item.kind->name) return static_cast<std::size_t>(del.body_index);
  return b;
}

}  // namespace

void executive_decision::members_of(const world& w, std::size_t b, std::vector<executive_member>& out) {
  partyline::members_of(w, b, out);
}

void executive_decision::meet(world& w) {
  auto& inst = w.institutions;
  inst.published.clear();
  for (auto& box : w.outbox) {  // council order: deterministic
    for (const auto& item : box) inst.bodies[route(w, item)].agenda.push_back(item);
    box.clear();
  }
  // Items no body decided in time lapse, reported (a deal at its deadline, any other item after a year).
  for (std::size_t b = 0; b < inst.bodies.size(); ++b) {
    auto& agenda = inst.bodies[b].agenda;
    std::erase_if(agenda, [&](const agenda_item& item) {
      const int waited = w.week - item.week_filed;
      if (waited <= wait_limit(w, item)) return false;
      lapse(w, b, item);
      return true;
    });
  }
  scratch sc;
  for (std::size_t b = 0; b < inst.bodies.size(); ++b) sit(w, b, sc);
}

void executive_decision::apply(world& w, council_id ci) {
  for (const decision& d : w.institutions.published)
    if (d.council == ci) d.kind->decided(w, ci, d);
}

}  // namespace partyline
