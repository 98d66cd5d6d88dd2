// The central phase: the executive's agenda, its meetings and its members' votes (R2 machinery).
// Sequential: there is one executive, and its order of business is fixed (urgency, week filed, council).
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

#include "partyline/engine/random.hpp"
#include "partyline/rules/phases.hpp"

namespace partyline {
namespace {

/// The executive's January-style elections: members switch bloc until the left share is reached.
void executive_elections(world& w) {
  const scenario& s = *w.scen;
  for (const auto& e : s.events) {
    if (e.week != w.week || e.type != event_kind::executive_election) continue;
    auto& members = w.executive.members;
    const auto target = static_cast<std::size_t>(std::lround(e.value * static_cast<double>(members.size())));
    std::size_t left = 0;
    for (const auto& m : members) left += m.left_bloc;
    const draw_stream rng(w.seed, w.run, static_cast<std::uint64_t>(w.week), stream::setup_executive);
    // Members who change bloc are taken in the order of keyed draws, so the choice is reproducible.
    std::vector<std::pair<double, std::size_t>> keyed;
    for (std::size_t i = 0; i < members.size(); ++i) keyed.emplace_back(rng.uniform(i, 0), i);
    std::sort(keyed.begin(), keyed.end());
    for (auto [u, i] : keyed) {
      auto& m = members[i];
      const bool flip = (left < target && !m.left_bloc) || (left > target && m.left_bloc);
      if (!flip) continue;
      m.left_bloc = !m.left_bloc;
      left += m.left_bloc ? 1 : -1;
      const double centre = m.left_bloc ? s.executive.left_position : s.executive.right_position;
      m.position = static_cast<float>(std::clamp(centre + s.executive.position_sd * rng.normal(i, 1), -1.0, 1.0));
      if (left == target) break;
    }
    w.executive.median_position = executive_median(w.executive);
    log_event(w, -1, 0, "executive_election",
              format("the executive's left bloc is now %zu of %zu members (median position %+.2f)", left,
                     members.size(), w.executive.median_position));
  }
}

bool ordinary_meeting(const executive_def& e, int week) {
  return week >= e.first_meeting_week && (week - e.first_meeting_week) % e.meets_every_weeks == 0;
}

struct tally {
  int yes = 0;
  int of = 0;
};

double action_cost(const r2_params& p, decision_kind k) {
  switch (k) {
    case decision_kind::advise_pause: return p.cost_advise_pause;
    case decision_kind::investigate: return p.cost_investigate;
    case decision_kind::special_measures: return p.cost_special_measures;
    case decision_kind::remove_leader: return p.cost_remove_leader;
    default: return 0.0;
  }
}

/// Each member votes on taking `action` against the item's council; a simple majority decides.
tally vote(world& w, const agenda_item& item, decision_kind action) {
  const scenario& s = *w.scen;
  const auto& p = s.rules.R2;
  const council_state& c = w.councils[static_cast<std::size_t>(item.council)];
  const double leader_x = c.leader >= 0 ? w.councillors.position[static_cast<std::size_t>(c.leader)] : 0.0;
  const draw_stream rng(w.seed, w.run, static_cast<std::uint64_t>(w.week), stream::R2);
  const bool drastic = action == decision_kind::special_measures || action == decision_kind::remove_leader;
  const double shared = p.b0 + p.b_strength * item.strength - p.b_backlash * w.executive.backlash -
                        p.b_media * w.national.media_risk - action_cost(p, action) +
                        (drastic ? p.b_division * division_index(c) : 0.0);
  tally t;
  for (std::size_t m = 0; m < w.executive.members.size(); ++m) {
    const auto& mem = w.executive.members[m];
    const double alignment = std::abs(mem.position - leader_x) - std::abs(mem.position - item.requester_position);
    double x = shared + p.b_central * mem.centralism + p.b_align * alignment;
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

/// The motions an item can lead to, most severe first; the first with a majority is the decision.
std::array<decision_kind, 3> motions(const world& w, const agenda_item& item, int& n) {
  if (item.kind == item_kind::referral) {
    n = 1;
    return {decision_kind::investigate, decision_kind::none, decision_kind::none};
  }
  const auto stage = w.councils[static_cast<std::size_t>(item.council)].policy;
  const bool policy = stage == policy_stage::proposed || stage == policy_stage::pursuing;
  n = 3;
  return {decision_kind::remove_leader, decision_kind::special_measures,
          policy ? decision_kind::advise_pause : decision_kind::investigate};
}

/// R11: the executive's sign-off of a coalition deal, member by member; a majority approves.
void decide_coalition(world& w, const agenda_item& item, bool emergency) {
  const scenario& s = *w.scen;
  const auto& p = s.rules.R11;
  const council_state& c = w.councils[static_cast<std::size_t>(item.council)];
  const draw_stream rng(w.seed, w.run, static_cast<std::uint64_t>(w.week), stream::R11);
  int seats = 0;
  for (std::size_t q = 0; q < s.parties.size(); ++q)
    if (item.coalition & (1u << q)) seats += c.seats_by_party[q];
  const double total = static_cast<double>(c.seat_end - c.seat_begin);
  const double margin = (seats - total / 2) / total;
  const int partners = std::popcount(item.coalition) - 1;
  const double shared = p.a0 + p.a_margin * margin - p.a_partners * (partners - 1) + p.a_strength * (item.strength - 0.5) -
                        p.a_media * w.national.media_risk - (c.pact_alleged ? p.a_pact : 0.0);
  int yes = 0;
  const int of = static_cast<int>(w.executive.members.size());
  for (std::size_t m = 0; m < w.executive.members.size(); ++m) {
    const double x = shared - p.a_central * w.executive.members[m].centralism;
    yes += rng.bernoulli(sigmoid(x), static_cast<std::uint64_t>(item.council) * 4096 + m, item.coalition);
  }
  decision d;
  d.kind = 2 * yes > of ? decision_kind::approve_coalition : decision_kind::refuse_coalition;
  d.item = item_kind::coalition;
  d.council = item.council;
  d.coalition = item.coalition;
  d.yes = yes;
  d.of = of;
  d.weeks_waiting = w.week - item.week_filed;
  w.executive.published.push_back(d);
  log_event(w, item.council, 11, std::string(to_string(d.kind)),
            format("coalition deal (%d partner%s, margin %.0f%% of seats, the party's share %.0f%%), %s meeting: %d of %d "
                   "executive members approve%s",
                   partners, partners == 1 ? "" : "s", 100 * margin, 100 * item.strength, emergency ? "emergency" : "ordinary",
                   yes, of, c.pact_alleged ? "; a pact allegation stands" : ""),
            yes);
}

/// Decides one item; returns true when it leaves the agenda.
bool decide(world& w, agenda_item& item, bool emergency) {
  if (item.kind == item_kind::coalition) {
    decide_coalition(w, item, emergency);
    return true;
  }
  const scenario& s = *w.scen;
  const auto& p = s.rules.R2;
  const draw_stream rng(w.seed, w.run, static_cast<std::uint64_t>(w.week), stream::R2);
  const int weeks_waiting = w.week - item.week_filed;
  decision d;
  d.item = item.kind;
  d.council = item.council;
  d.weeks_waiting = weeks_waiting;
  d.notice_given = rng.bernoulli(p.p_notice, static_cast<std::uint64_t>(item.council), (1u << 19) + static_cast<std::uint64_t>(item.defers));
  int n = 0;
  const auto menu = motions(w, item, n);
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
  log_event(w, item.council, 2, std::string(to_string(d.kind)),
            format("%s filed week %d, %s meeting: %d of %d executive members in favour of %s, %s, %d weeks after filing",
                   std::string(to_string(item.kind)).c_str(), item.week_filed, emergency ? "emergency" : "ordinary", t.yes,
                   t.of, std::string(to_string(last)).c_str(), d.notice_given ? "notice given" : "no notice",
                   weeks_waiting),
            weeks_waiting);
  return leaves;
}

}  // namespace

void central_phase(world& w) {
  const scenario& s = *w.scen;
  const executive_def& e = s.executive;
  w.executive.published.clear();
  executive_elections(w);
  for (auto& box : w.council_outbox) {  // council order: deterministic
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

}  // namespace partyline
