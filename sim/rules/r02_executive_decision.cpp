// R2 Executive decision: the agenda, meetings and member-by-member votes (central phase), and the councils'
// application of what was decided (apply phase). Sequential in the central phase: there is one executive, and its
// order of business is fixed (urgency, week filed, council).
#include "partyline/rules/r02_executive_decision.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "partyline/rules/detail/common.hpp"
#include "partyline/rules/detail/leadership.hpp"
#include "partyline/rules/r11_coalition_sign_off.hpp"
#include "partyline/rules/r18_investigations.hpp"
#include "partyline/rules/r19_escalation.hpp"

namespace partyline {

using namespace detail;

namespace {

bool ordinary_meeting(const executive_def& e, int week) {
  return week >= e.first_meeting_week && (week - e.first_meeting_week) % e.meets_every_weeks == 0;
}

struct tally {
  int yes = 0;
  int of = 0;
};

double action_cost(const executive_decision::params& p, decision_kind k) {
  switch (k) {
    case decision_kind::advise_pause: return p.cost_advise_pause;
    case decision_kind::investigate: return p.cost_investigate;
    case decision_kind::special_measures: return p.cost_special_measures;
    case decision_kind::remove_leader: return p.cost_remove_leader;
    case decision_kind::take_over_selections: return p.cost_take_over_selections;
    case decision_kind::warning: return p.cost_warning;
    case decision_kind::suspend_individuals: return p.cost_suspend_individuals;
    case decision_kind::suspend_local_party: return p.cost_suspend_local_party;
    case decision_kind::charges: return p.cost_charges;
    default: return 0.0;
  }
}

event event_of(decision_kind k) {
  switch (k) {
    case decision_kind::dismiss: return event::decision_dismiss;
    case decision_kind::defer: return event::decision_defer;
    case decision_kind::advise_pause: return event::decision_advise_pause;
    case decision_kind::investigate: return event::decision_investigate;
    case decision_kind::special_measures: return event::decision_special_measures;
    case decision_kind::remove_leader: return event::decision_remove_leader;
    case decision_kind::approve_coalition: return event::decision_approve_coalition;
    case decision_kind::take_over_selections: return event::decision_take_over_selections;
    case decision_kind::warning: return event::decision_warning;
    case decision_kind::suspend_individuals: return event::decision_suspend_individuals;
    case decision_kind::suspend_local_party: return event::decision_suspend_local_party;
    case decision_kind::charges: return event::decision_charges;
    default: return event::decision_refuse_coalition;
  }
}

/// Each member votes on taking `action` against the item's council; a simple majority decides.
tally vote(const world& w, const agenda_item& item, decision_kind action) {
  const auto& p = w.params->R2;
  const council_state& c = w.councils[static_cast<std::size_t>(item.council)];
  const auto ci = static_cast<std::size_t>(item.council);
  const place leader = c.leadership.leader >= 0 ? councillor_place(w, static_cast<std::uint64_t>(c.leadership.leader)) : local_place(w, ci, 0.0, true);
  const place members = local_place(w, ci, c.membership.mean_position), requesters = local_place(w, ci, item.requester_position, true);
  const draw_stream rng = draws(w, executive_decision::id);
  // R19: a drastic step (rung 2 and above) is the more acceptable the more milder ones have failed here.
  const bool drastic = escalation::rung(action) >= 2;
  const bool selections = action == decision_kind::take_over_selections;
  const bool discipline = item.kind == item_kind::allegation || item.kind == item_kind::findings;
  const double backlash = (discipline ? p.backlash_discipline : 1.0) * p.b_backlash * w.executive.backlash;
  const double shared = p.b0 + p.b_strength * item.strength - backlash -
                        p.b_media * w.national.media_risk - action_cost(p, action);
  const double pressure = drastic ? escalation::pressure(w, c) : 0.0;
  tally t;
  for (std::size_t m = 0; m < w.executive.members.size(); ++m) {
    const auto& mem = w.executive.members[m];
    // Alignment: on taking over selections, whether the local members (who would otherwise choose) stand further
    // from the member than the leader the panel would protect; otherwise, whether the requesters stand closer than
    // the leader.
    const place self = centre_place(w, mem.position);
    const double alignment = selections ? distance(w, self, members) - distance(w, self, leader)
                                        : distance(w, self, leader) - distance(w, self, requesters);
    double x = shared + p.b_central * mem.centralism + p.b_align * alignment +
               pressure * escalation::weight_of_evidence(w, mem.centralism);
    if (mem.section == exec_section::union_seat && item.union_index >= 0) x += p.b_union;
    if (mem.section == exec_section::local_gov) x += p.b_local_gov;
    // Entity: the council and member; counter: the motion and how often the item was deferred.
    const std::uint64_t entity = static_cast<std::uint64_t>(item.council) * 4096 + m;
    const std::uint64_t counter = static_cast<std::uint64_t>(action) * 16 + static_cast<std::uint64_t>(item.defers);
    t.yes += rng.bernoulli(sigmoid(x), entity, counter);
    ++t.of;
  }
  return t;
}

/// The motions an item can lead to, most severe first (R19's ladder, within the executive's powers); the first
/// with a majority is the decision.
std::array<decision_kind, 6> motions(const world& w, const agenda_item& item, int& n) {
  const council_state& c = w.councils[static_cast<std::size_t>(item.council)];
  std::array<decision_kind, 6> menu{};
  n = 0;
  auto offer = [&](decision_kind k) {
    if (escalation::on_menu(w, c, k)) menu[static_cast<std::size_t>(n++)] = k;
  };
  if (item.kind == item_kind::referral) {
    offer(decision_kind::investigate);
    return menu;
  }
  if (item.kind == item_kind::allegation) {  // R17: suspend pending the case, or investigate
    offer(decision_kind::suspend_individuals);
    offer(decision_kind::investigate);
    return menu;
  }
  if (item.kind == item_kind::findings) {  // R18: from charges down to a warning
    offer(decision_kind::charges);
    offer(decision_kind::suspend_local_party);
    offer(decision_kind::special_measures);
    offer(decision_kind::suspend_individuals);
    offer(decision_kind::warning);
    return menu;
  }
  offer(decision_kind::remove_leader);
  offer(decision_kind::special_measures);
  if (item.kind == item_kind::monitoring) {
    // The officers raise a divided group going into an election: the remedy is in its selections or its running,
    // not an inquiry (an investigation answers a complaint: a referral or a request).
    offer(decision_kind::take_over_selections);
    return menu;
  }
  // The mild step: advice on a live policy when councillors ask, otherwise an investigation.
  if (item.kind == item_kind::request && escalation::on_menu(w, c, decision_kind::advise_pause))
    offer(decision_kind::advise_pause);
  else
    offer(decision_kind::investigate);
  return menu;
}

/// Decides one item; returns true when it leaves the agenda.
bool decide(world& w, agenda_item& item, bool emergency) {
  if (item.kind == item_kind::coalition) {
    coalition_sign_off::decide(w, item, emergency);
    return true;
  }
  const auto& p = w.params->R2;
  const draw_stream rng = draws(w, executive_decision::id);
  const int weeks_waiting = w.week - item.week_filed;
  decision d;
  d.item = item.kind;
  d.council = item.council;
  d.weeks_waiting = weeks_waiting;
  // Notice: less likely the more urgent the item and the more centralising the executive.
  const double p_notice = sigmoid(p.notice0 - p.notice_urgency * item.urgency -
                                  p.notice_centralism * (w.national.executive_centralism - 0.5));
  d.notice_given =
      rng.bernoulli(p_notice, static_cast<std::uint64_t>(item.council), (1u << 19) + static_cast<std::uint64_t>(item.defers));
  int n = 0;
  const auto menu = motions(w, item, n);
  if (n == 0) {  // nothing left the executive may or need do here (the centre already runs the selections, say)
    item.defers = p.max_defers;
  }
  tally t;
  decision_kind last = decision_kind::none;
  for (int k = 0; k < n; ++k) {
    last = menu[static_cast<std::size_t>(k)];
    t = vote(w, item, last);
    if (2 * t.yes > t.of) {
      d.kind = last;
      break;
    }
  }
  d.yes = t.yes;
  d.of = t.of;
  bool leaves = true;
  if (d.kind == decision_kind::none) {
    if (t.yes >= p.defer_margin * t.of && item.defers < p.max_defers) {
      d.kind = decision_kind::defer;
      ++item.defers;
      leaves = false;
    } else {
      d.kind = decision_kind::dismiss;
    }
  }
  w.executive.published.push_back(d);
  emit(w, item.council, executive_decision::id, event_of(d.kind), weeks_waiting, [&] {
    return format("%s filed week %d, %s meeting: %d of %d executive members in favour of %s, %s, %d weeks after filing",
                  std::string(to_string(item.kind)).c_str(), item.week_filed, emergency ? "emergency" : "ordinary", t.yes,
                  t.of, std::string(to_string(last)).c_str(), d.notice_given ? "notice given" : "no notice", weeks_waiting);
  });
  return leaves;
}

}  // namespace

void executive_decision::meet(world& w) {
  const scenario& s = *w.scen;
  const executive_def& e = s.executive;
  w.executive.published.clear();
  for (auto& box : w.outbox) {  // council order: deterministic
    for (const auto& item : box) w.executive.agenda.push_back(item);
    box.clear();
  }
  auto& agenda = w.executive.agenda;
  if (agenda.empty()) return;
  std::stable_sort(agenda.begin(), agenda.end(), [](const agenda_item& a, const agenda_item& b) {
    if (a.urgency != b.urgency) return a.urgency > b.urgency;
    if (a.week_filed != b.week_filed) return a.week_filed < b.week_filed;
    return a.council < b.council;
  });
  const crisis_window* crisis = crisis_at(s, w.week);
  const bool ordinary = ordinary_meeting(e, w.week);
  const bool emergency = !ordinary && agenda.front().urgency >= e.emergency_urgency;
  if (!ordinary && !emergency) return;
  int capacity = e.capacity;
  if (crisis) capacity = static_cast<int>(std::floor(capacity * crisis->capacity_factor));
  const double min_urgency = std::max(emergency ? e.emergency_urgency : 0.0, crisis ? crisis->min_urgency : 0.0);
  int taken = 0;
  std::vector<agenda_item> kept;  // the executive's agenda is short: allocation here is not per agent
  kept.reserve(agenda.size());
  for (auto& item : agenda) {
    if (taken >= capacity || item.urgency < min_urgency) {
      kept.push_back(item);
      continue;
    }
    ++taken;
    if (!decide(w, item, emergency)) kept.push_back(item);
  }
  agenda.swap(kept);
}

void executive_decision::apply(world& w, std::size_t ci) {
  council_state& c = w.councils[ci];
  for (const decision& d : w.executive.published) {
    if (d.council != static_cast<int>(ci)) continue;
    if (d.item == item_kind::coalition) {
      coalition_sign_off::apply(w, ci, d);
      continue;
    }
    if (d.kind != decision_kind::defer) {
      switch (d.item) {
        case item_kind::request: c.centre.request_pending = false; break;
        case item_kind::monitoring: c.centre.monitoring_pending = false; break;
        case item_kind::findings: c.centre.findings_pending = false; break;
        case item_kind::allegation: c.centre.allegation_pending = false; break;
        default: c.centre.referral_pending = false; break;
      }
    }
    if (d.item == item_kind::allegation && d.kind == decision_kind::dismiss) {
      c.centre.allegation = 0;  // the executive takes no action: the allegation lapses
      c.centre.accused = -1;
    }
    if (!is_intervention(d.kind)) continue;
    central_action(c, 1.0);
    c.centre.acted_without_notice = !d.notice_given;
    switch (d.kind) {
      case decision_kind::take_over_selections:
        c.selections.central_from = w.week;  // R6: a central panel chooses the candidates from now
        emit(w, static_cast<int>(ci), id, event::central_selection, 0,
             [] { return std::string("the executive takes over the group's selections: a central panel will choose its candidates"); });
        break;
      case decision_kind::advise_pause:
        c.leadership.response_pending = true;  // R3: comply (pause, mediation) or resist (refuse mediation)
        break;
      case decision_kind::investigate: investigations::open(w, ci); break;
      case decision_kind::warning: investigations::count_sanction(w, ci); break;
      case decision_kind::suspend_individuals:
        investigations::suspend_individuals(w, ci, std::max<double>(c.centre.findings, c.centre.allegation));
        break;
      case decision_kind::suspend_local_party: investigations::suspend_local_party(w, ci); break;
      case decision_kind::charges: investigations::bring_charges(w, ci, c.centre.findings); break;
      case decision_kind::special_measures:
        c.centre.special_measures = true;  // the centre now appoints leaders (R10) and chooses candidates (R6)
        c.leadership.response_pending = true;
        emit(w, static_cast<int>(ci), id, event::special_measures_begin, 0, [] {
          return std::string("the group is under special measures: the centre appoints its leader and chooses its candidates");
        });
        break;
      case decision_kind::remove_leader:
        if (c.leadership.leader >= 0) {
          const std::int64_t next = replace_leader(w, ci, id);
          emit(w, static_cast<int>(ci), id, event::leader_removed, 0, [&] {
            return next >= 0 ? format("the executive removes the leader; new leader at %+.2f",
                                      w.councillors.position[static_cast<std::size_t>(next)])
                             : std::string("the executive removes the leader; no successor");
          });
        }
        break;
      default: break;
    }
  }
}

}  // namespace partyline
