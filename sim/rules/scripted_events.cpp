// Scenario-scripted events: facts and shocks that the scenario states, applied in the week they happen.
#include <algorithm>
#include <cmath>

#include "partyline/rules/calendar.hpp"
#include "partyline/rules/detail/common.hpp"
#include "partyline/rules/r01_request.hpp"
#include "partyline/rules/r08_disputes.hpp"
#include "partyline/rules/r09_regional_referral.hpp"
#include "partyline/rules/r18_investigations.hpp"

namespace partyline {

using namespace detail;

namespace {

constexpr stream told_as = stream::scripted;  // rule 0 in the event log

event event_of(event_kind k) {
  switch (k) {
    case event_kind::impose_terms: return event::impose_terms;
    case event_kind::injunction_threat: return event::injunction_threat;
    default: return event::talks_offer;
  }
}

void shock_dispute(world& w, std::size_t ci, const event_def& e, double shock) {
  dispute_state* d = industrial_disputes::find(w, w.councils[ci], e.dispute);
  if (!d) {
    emit(w, ci, told_as, event_of(e.type), 0,
         [&] { return format("%s: dispute already settled, no effect", e.dispute.c_str()); });
    return;
  }
  d->intensity = static_cast<float>(std::clamp(d->intensity + shock, 0.0, 1.0));
  emit(w, ci, told_as, event_of(e.type), 0,
       [&] { return format("%s: intensity now %.2f", d->id.c_str(), d->intensity); });
}

/// An allegation of misconduct against the councillor at `accused` reaches the executive (R17): a fact, not a
/// decision. Its urgency rises with its severity, so a grave one calls an emergency meeting.
void raise_allegation(world& w, std::size_t ci, std::int64_t accused, double severity) {
  council_state& c = w.councils[ci];
  const bool same = c.centre.accused == accused;
  c.centre.allegation = static_cast<float>(same ? std::max<double>(c.centre.allegation, severity) : severity);
  c.centre.accused = accused;
  c.centre.accused_led = accused == c.leadership.leader || (same && c.centre.accused_led);
  c.centre.allegation_reviewed = false;  // R20: the panel looks again at the accused candidate
  if (!pending(w, c, investigations::allegation_item))
    file_item(w, ci, new_item(w, ci, investigations::allegation_item, investigations::urgency(w, severity), severity,
                              w.national.executive_median));
  const bool leader = accused == c.leadership.leader;
  emit(w, ci, told_as, event::allegation, std::lround(100 * severity), [&] {
    return format("an allegation of misconduct against %s (severity %.2f)", leader ? "the leader" : "a councillor", severity);
  });
}

/// The least severity of a background allegation: its normal draw is clamped to this..1 (scenarios/README.md).
constexpr double least_allegation_severity = 0.05;

/// The background: allegations against the group's councillors arise at the scenario's rate (one keyed draw per
/// council and week; the accused drawn uniformly from the group).
void background_allegation(world& w, std::size_t ci) {
  const national_def& n = w.scen->national;
  if (n.allegations_per_council_year <= 0) return;
  const draw_stream rng = draws(w, told_as);
  constexpr std::uint64_t counter = 1u << 20;  // apart from any other scripted draw
  if (!rng.bernoulli(n.allegations_per_council_year / 52.0, ci, counter)) return;
  const council_state& c = w.councils[ci];
  std::uint32_t group = 0;
  for ([[maybe_unused]] std::uint32_t r : group_rows(w, c)) ++group;
  if (group == 0) return;
  auto pick = static_cast<std::uint32_t>(rng.uniform(ci, counter + 1) * group);
  for (std::uint32_t r : group_rows(w, c)) {
    if (pick-- != 0) continue;
    const double severity = std::clamp(n.allegation_severity_mean + n.allegation_severity_sd * rng.normal(ci, counter + 2),
                                       least_allegation_severity, 1.0);
    raise_allegation(w, ci, r, severity);
    return;
  }
}

}  // namespace

void scripted_events::run(world& w, std::size_t ci) {
  const step_context x(w, ci, id);
  background_allegation(w, ci);
  const scenario& s = *w.scen;
  const auto& r8 = w.params->R8;
  for (int ei : w.scripted[ci]) {
    const event_def& e = s.events[static_cast<std::size_t>(ei)];
    if (e.week != w.week) continue;
    council_state& c = x.c;
    switch (e.type) {
      case event_kind::dispute_start:
        if (dispute_state* d = industrial_disputes::free_slot(w, c))
          industrial_disputes::start(w, ci, *d, e.dispute, e.union_index, e.workers, e.value, told_as);
        break;
      case event_kind::impose_terms: shock_dispute(w, ci, e, r8.impose_terms_shock); break;
      case event_kind::injunction_threat: shock_dispute(w, ci, e, r8.injunction_shock); break;
      case event_kind::talks_offer: shock_dispute(w, ci, e, r8.talks_shock); break;
      case event_kind::referral: {
        const double position = e.union_index >= 0 ? s.unions[static_cast<std::size_t>(e.union_index)].position
                                                   : w.national.executive_median;
        agenda_item item = new_item(w, ci, regional_referral::item, e.value, 1.0, position);
        item.union_index = e.union_index;
        file_item(w, ci, item);
        emit(w, ci, told_as, event::referral, 0, [] { return std::string("scripted referral to the executive"); });
        break;
      }
      case event_kind::request: {
        const auto& r1 = w.params->R1;
        file_item(w, ci, new_item(w, ci, request_to_centre::item, std::min(1.0, r1.urgency_base + r1.urgency_share * e.value),
                                  e.value, w.national.executive_median));
        emit(w, ci, told_as, event::request, 0,
             [&] { return format("scripted request to the executive by %.0f%% of the group", 100 * e.value); });
        break;
      }
      case event_kind::central_selection:
        c.selections.central_from = w.week;
        central_action(c, 1.0);  // a central takeover is visible locally (R13, R14)
        emit(w, ci, told_as, event::central_selection, 0,
             [] { return std::string("the centre takes over the group's candidate selections"); });
        break;
      case event_kind::allegation:
        if (c.leadership.leader >= 0) raise_allegation(w, ci, c.leadership.leader, e.value);  // a scripted one names the leader
        break;
      case event_kind::executive_election: break;  // central phase
    }
  }
}

void scripted_events::executive_elections(world& w) {
  const scenario& s = *w.scen;
  for (const auto& e : s.events) {
    if (e.week != w.week || e.type != event_kind::executive_election) continue;
    auto& members = w.executive.members;
    const auto target = static_cast<std::size_t>(std::lround(e.value * static_cast<double>(members.size())));
    std::size_t left = 0;
    for (const auto& m : members) left += m.left_bloc;
    const draw_stream rng = draws(w, stream::setup_executive);
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
    emit(w, -1, told_as, event::executive_election, static_cast<std::int64_t>(left), [&] {
      return format("the executive's left bloc is now %zu of %zu members (median position %+.2f)", left, members.size(),
                    w.executive.median_position);
    });
  }
}

}  // namespace partyline
