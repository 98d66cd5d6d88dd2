// Scenario-scripted events: facts and shocks that the scenario states, applied in the week they happen.
#include <algorithm>
#include <array>
#include <cmath>
#include <span>
#include <tuple>
#include <utility>
#include <vector>

#include "partyline/rules/calendar.hpp"
#include "partyline/rules/detail/common.hpp"
#include "partyline/rules/r01_request.hpp"
#include "partyline/rules/r08_disputes.hpp"
#include "partyline/rules/r09_regional_referral.hpp"
#include "partyline/rules/r12_pact_allegation.hpp"
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

void shock_dispute(world& w, council_id ci, const event_def& e, double shock) {
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

// ---- allegations: a complaint names its subjects (Rule Book ch. 6; ch. 1 cl. VIII for an inquiry into a unit) ----

/// The allegation standing in council `c` gives way to a new one about `subject`: a case already before the hearing
/// body keeps its subjects (the new ones join it); otherwise the old complaint's marks go.
void begin_allegation(world& w, council_state& c, allegation_subject subject) {
  if (c.centre.allegation > 0 && c.centre.hearing_from < 0) close_allegation(w, c);
  c.centre.subject = subject;
}

/// Marks `count` of the group's councillors other than the leader, drawn by keyed draws (the smallest keys win).
/// Returns the first marked by row (nobody: none) and how many. Runs only when a complaint is made, so its small list
/// may allocate.
std::pair<councillor_id, std::int64_t> mark_councillors(world& w, council_id ci, int count, const draw_stream& rng,
                                                       std::uint64_t counter) {
  const council_state& c = w.councils[ci];
  std::vector<std::pair<double, councillor_id>> keyed;
  for (const councillor_id r : group_rows(w, c))
    if (r != c.leadership.leader) keyed.emplace_back(rng.uniform(r, counter), r);
  const auto k = std::min(keyed.size(), static_cast<std::size_t>(count));
  std::nth_element(keyed.begin(), keyed.begin() + static_cast<std::ptrdiff_t>(k), keyed.end());
  councillor_id first = nobody;
  for (std::size_t i = 0; i < k; ++i) {
    w.councillors.complained_of[keyed[i].second] = 1;
    if (first == nobody || keyed[i].second < first) first = keyed[i].second;
  }
  return {first, static_cast<std::int64_t>(k)};
}

/// A member who can be a subject: still in the party (a member, or suspended already).
bool in_party(const world& w, member_id m) {
  return w.members.status[m] == member_status::member || w.members.status[m] == member_status::suspended;
}

/// Marks the subjects among the council's members; returns how many.
std::int64_t mark_members(world& w, council_id ci, allegation_subject subject, int count, const draw_stream& rng,
                          std::uint64_t counter) {
  const council_state& c = w.councils[ci];
  auto& ms = w.members;
  std::int64_t marked = 0;
  if (subject == allegation_subject::faction) {
    for (const member_id m : c.rows.members())
      if (ms.faction[m] && in_party(w, m)) {
        ms.complained_of[m] = 1;
        ++marked;
      }
  } else if (subject == allegation_subject::local_party) {
    // Its officers: the `count` most active members (at most max_officers), found in one pass.
    constexpr int max_officers = 64;
    std::array<std::pair<float, member_id>, max_officers> best{};
    const int k = std::min(count, max_officers);
    int held = 0;
    for (const member_id m : c.rows.members()) {
      if (ms.status[m] != member_status::member) continue;
      const float a = activism(w, c, m);
      if (held == k && a <= best[static_cast<std::size_t>(k - 1)].first) continue;
      int at = held < k ? held++ : k - 1;
      while (at > 0 && best[static_cast<std::size_t>(at - 1)].first < a) {
        best[static_cast<std::size_t>(at)] = best[static_cast<std::size_t>(at - 1)];
        --at;
      }
      best[static_cast<std::size_t>(at)] = {a, m};
    }
    for (int i = 0; i < held; ++i) ms.complained_of[best[static_cast<std::size_t>(i)].second] = 1;
    marked = held;
  } else {
    // `count` members who are not councillors, drawn among the active ones (by keyed tries).
    const std::uint64_t rows = c.rows.member_end - c.rows.member_begin;
    for (std::uint64_t t = 0; rows > 0 && marked < count && t < 20 * static_cast<std::uint64_t>(count); ++t) {
      const auto m = static_cast<member_id>(
          c.rows.member_begin + std::min(rows - 1, static_cast<std::uint64_t>(rng.uniform(ci, counter + t) * static_cast<double>(rows))));
      if (ms.complained_of[m] || !member_is_active(w, c, m)) continue;
      ms.complained_of[m] = 1;
      ++marked;
    }
  }
  return marked;
}

/// A complaint of misconduct against `subject` reaches the body that decides allegations (R17, R18): a fact, not a
/// decision. `named`: a councillor named by the background draw (nobody: the subject says who). Its urgency rises with
/// its severity, so a grave one calls an emergency meeting.
/// `subjects`: councillors a rule has already named (a complaint about an act the party's rules make a breach, R21);
/// `by`: the rule that tells it.
void raise_allegation(world& w, council_id ci, allegation_subject subject, int count, double severity, councillor_id named,
                      const draw_stream& rng, std::uint64_t counter, std::span<const councillor_id> subjects = {},
                      stream by = told_as) {
  council_state& c = w.councils[ci];
  const councillor_id leader = c.leadership.leader;
  const bool mayor_in_office = leader != nobody && c.leadership.directly_elected;
  const councillor_id before = c.centre.accused;
  const float standing = c.centre.allegation;
  begin_allegation(w, c, subject);
  councillor_id accused = nobody;
  std::int64_t members = 0, councillors = 0;
  switch (subject) {
    case allegation_subject::leader: accused = named != nobody ? named : leader; break;
    case allegation_subject::mayor: accused = mayor_in_office ? leader : nobody; break;
    case allegation_subject::mayoral_candidate: accused = c.mayoralty.candidate; break;  // nobody selected yet: no case
    case allegation_subject::councillors:
      if (!subjects.empty()) {
        for (const councillor_id r : subjects) w.councillors.complained_of[r] = 1;
        accused = *std::min_element(subjects.begin(), subjects.end());
        councillors = static_cast<std::int64_t>(subjects.size());
      } else if (named != nobody) {
        accused = named;
        councillors = 1;
      } else {
        std::tie(accused, councillors) = mark_councillors(w, ci, count, rng, counter);
      }
      break;
    case allegation_subject::group: break;
    case allegation_subject::local_party:
    case allegation_subject::faction:
    case allegation_subject::members: members = mark_members(w, ci, subject, count, rng, counter); break;
  }
  if (accused != nobody) w.councillors.complained_of[accused] = 1;
  const bool no_subject = (subject == allegation_subject::leader || subject == allegation_subject::mayor ||
                           subject == allegation_subject::councillors || subject == allegation_subject::mayoral_candidate)
                              ? accused == nobody
                              : (subject == allegation_subject::group ? leader == nobody : members == 0);
  if (no_subject) {
    c.centre.subject = allegation_subject::leader;
    emit(w, ci, by, event::allegation, 0, [&] {
      return format("an allegation against the %s: nobody it names is in the party here now, no case", std::string(to_string(subject)).c_str());
    });
    return;
  }
  const bool same = standing > 0 && before == accused && accused != nobody;
  c.centre.allegation = static_cast<float>(same ? std::max<double>(standing, severity) : severity);
  c.centre.accused = accused;
  // A complaint about those who lead the local party, or about the unit itself, is a scandal for it (R17).
  c.centre.accused_led = accused == leader || subject == allegation_subject::group || subject == allegation_subject::local_party ||
                         subject == allegation_subject::faction;
  c.centre.allegation_reviewed = false;  // R20: the panel looks again at an accused candidate
  if (!pending(w, c, investigations::allegation_item))
    file_item(w, ci, new_item(w, ci, investigations::allegation_item, investigations::urgency(w, severity), severity,
                              w.national.executive_median));
  emit(w, ci, by, event::allegation, std::lround(100 * severity), [&] {
    std::string whom;
    switch (subject) {
      case allegation_subject::leader: whom = accused == leader ? "the leader" : "a councillor"; break;
      case allegation_subject::mayor: whom = "the mayor"; break;
      case allegation_subject::mayoral_candidate:
        whom = accused == leader ? "the party's candidate for mayor, the leader" : "the party's candidate for mayor";
        break;
      case allegation_subject::councillors:
        whom = accused == leader ? std::string("the leader") : format("%lld councillors", static_cast<long long>(councillors));
        if (councillors == 1 && accused != leader) whom = "a councillor";
        break;
      case allegation_subject::group: whom = "the group's leadership"; break;
      case allegation_subject::local_party: whom = format("the local party (its %lld officers)", static_cast<long long>(members)); break;
      case allegation_subject::faction: whom = format("the local party's organised faction (%lld members)", static_cast<long long>(members)); break;
      case allegation_subject::members: whom = format("%lld members", static_cast<long long>(members)); break;
    }
    return format("an allegation of misconduct against %s (severity %.2f)", whom.c_str(), severity);
  });
}

/// The least severity of a background allegation: its normal draw is clamped to this..1 (scenarios/README.md).
constexpr double least_allegation_severity = 0.05;

/// The background: allegations arise at the scenario's rate (one keyed draw per council and week): against a member
/// who is not a councillor with `allegation_member_share`, else against one of the group's councillors drawn
/// uniformly (the leader among them).
void background_allegation(world& w, council_id ci) {
  const national_def& n = w.scen->national;
  if (n.allegations_per_council_year <= 0) return;
  const draw_stream rng = draws(w, told_as);
  constexpr std::uint64_t counter = 1u << 20;  // apart from any other scripted draw
  if (!rng.bernoulli(n.allegations_per_council_year / 52.0, ci, counter)) return;
  const council_state& c = w.councils[ci];
  const double severity =
      std::clamp(n.allegation_severity_mean + n.allegation_severity_sd * rng.normal(ci, counter + 2), least_allegation_severity, 1.0);
  if (n.allegation_member_share > 0 && rng.bernoulli(n.allegation_member_share, ci, counter + 3)) {
    raise_allegation(w, ci, allegation_subject::members, 1, severity, nobody, rng, counter + 4);
    return;
  }
  std::uint32_t group = 0;
  for ([[maybe_unused]] const councillor_id r : group_rows(w, c)) ++group;
  if (group == 0) return;
  auto pick = static_cast<std::uint32_t>(rng.uniform(ci, counter + 1) * group);
  for (const councillor_id r : group_rows(w, c)) {
    if (pick-- != 0) continue;
    const auto subject = r == c.leadership.leader ? allegation_subject::leader : allegation_subject::councillors;
    raise_allegation(w, ci, subject, 1, severity, r, rng, counter + 4);
    return;
  }
}

}  // namespace

void scripted_events::run(world& w, council_id ci) {
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
        const double position = e.union_index >= 0 ? union_of(w, e.union_index).position
                                                   : w.national.executive_median;
        agenda_item item = new_item(w, ci, regional_referral::item, e.value, 1.0, position);
        item.union_index = e.union_index;
        file_item(w, ci, item);
        x.emit(event::referral, 0, [] { return std::string("scripted referral to the executive"); });
        break;
      }
      case event_kind::request: {
        const auto& r1 = w.params->R1;
        file_item(w, ci, new_item(w, ci, request_to_centre::item, std::min(1.0, r1.urgency_base + r1.urgency_share * e.value),
                                  e.value, w.national.executive_median));
        x.emit(event::request, 0,
             [&] { return format("scripted request to the executive by %.0f%% of the group", 100 * e.value); });
        break;
      }
      case event_kind::central_selection:
        c.selections.central_from = w.week;
        central_action(c, w.params->R2.action_visibility);  // a central takeover is visible locally (R13, R14)
        x.emit(event::central_selection, 0,
             [] { return std::string("the centre takes over the group's candidate selections"); });
        break;
      case event_kind::allegation:
        raise_allegation(w, ci, e.subject, e.count, e.value, nobody, x.rng, (static_cast<std::uint64_t>(ei) + 1) << 32);
        break;
      case event_kind::executive_election: break;  // the central phase (R22)
      case event_kind::annual_meeting: break;      // the group meets in R10's step (its officers are elected there)
      case event_kind::pact_allegation: pact_allegation::alleged(w, ci, x.rng, (static_cast<std::uint64_t>(ei) + 1) << 32); break;
    }
  }
}

}  // namespace partyline
