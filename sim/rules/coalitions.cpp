// R11 coalition formation and sign-off, R12 pact allegations. Everything here touches one council's state and its
// outbox, so it runs inside the (parallel) local, apply and election phases.
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

#include "partyline/engine/random.hpp"
#include "partyline/rules/phases.hpp"
#include "partyline/store/files.hpp"

namespace partyline {

namespace {

int seats_of(const council_state& c, std::uint32_t mask) {
  int n = 0;
  for (std::size_t p = 0; p < c.seats_by_party.size(); ++p)
    if (mask & (1u << p)) n += c.seats_by_party[p];
  return n;
}

bool will_govern_together(const scenario& s, std::size_t a, std::size_t b) {
  if (std::abs(s.parties[a].position - s.parties[b].position) > s.rules.R11.max_partner_distance) return false;
  for (const auto& id : s.parties[a].refuses)
    if (id == s.parties[b].id) return false;
  for (const auto& id : s.parties[b].refuses)
    if (id == s.parties[a].id) return false;
  return true;
}

/// Minimal winning, connected, mutually acceptable coalitions, in the order they are tried: by the sum of their
/// members' ranks (each party prefers coalitions where its share of the seats is larger), then the narrowest range
/// on the axis, then the fewest seats.
void coalition_options(const world& w, council_state& c) {
  const scenario& s = *w.scen;
  const int total = static_cast<int>(c.seat_end - c.seat_begin);
  std::array<std::size_t, max_parties> present{};
  std::size_t n = 0;
  for (std::size_t p = 0; p < s.parties.size(); ++p)
    if (c.seats_by_party[p] > 0) present[n++] = p;
  struct option {
    std::uint32_t mask;
    double range;
    int seats;
    int rank_sum = 0;
  };
  std::array<option, 256> found{};
  std::size_t n_found = 0;
  for (std::uint32_t sub = 1; sub < (1u << n) && n_found < found.size(); ++sub) {
    std::uint32_t mask = 0;
    double lo = 2, hi = -2;
    for (std::size_t k = 0; k < n; ++k)
      if (sub & (1u << k)) {
        mask |= 1u << present[k];
        lo = std::min(lo, s.parties[present[k]].position);
        hi = std::max(hi, s.parties[present[k]].position);
      }
    if (std::popcount(mask) < 2) continue;
    const int seats = seats_of(c, mask);
    if (2 * seats <= total) continue;  // not winning
    bool ok = true;
    for (std::size_t k = 0; k < n && ok; ++k) {
      const std::size_t p = present[k];
      const bool member = mask & (1u << p);
      if (member && 2 * (seats - c.seats_by_party[p]) > total) ok = false;                // not minimal
      if (!member && s.parties[p].position > lo && s.parties[p].position < hi) ok = false;  // not connected
      if (member)
        for (std::size_t q = p + 1; q < s.parties.size() && ok; ++q)
          if ((mask & (1u << q)) && !will_govern_together(s, p, q)) ok = false;
    }
    if (ok) found[n_found++] = option{mask, hi - lo, seats};
  }
  // Each party's rank of each option (0 = its largest share of a coalition's seats).
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t p = present[k];
    for (std::size_t i = 0; i < n_found; ++i) {
      if (!(found[i].mask & (1u << p))) continue;
      const double mine = static_cast<double>(c.seats_by_party[p]) / found[i].seats;
      int better = 0;
      for (std::size_t j = 0; j < n_found; ++j)
        if ((found[j].mask & (1u << p)) && static_cast<double>(c.seats_by_party[p]) / found[j].seats > mine) ++better;
      found[i].rank_sum += better;
    }
  }
  std::sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(n_found), [](const option& a, const option& b) {
    if (a.rank_sum != b.rank_sum) return a.rank_sum < b.rank_sum;
    if (a.range != b.range) return a.range < b.range;
    if (a.seats != b.seats) return a.seats < b.seats;
    return a.mask < b.mask;
  });
  c.coalition_count = static_cast<int>(std::min<std::size_t>(n_found, c.coalition_options.size()));
  for (int i = 0; i < c.coalition_count; ++i) c.coalition_options[static_cast<std::size_t>(i)] = found[static_cast<std::size_t>(i)].mask;
  c.coalition_next = 0;
}

void govern(world& w, std::size_t ci, std::uint32_t mask, const char* how) {
  council_state& c = w.councils[ci];
  const scenario& s = *w.scen;
  c.administration = mask;
  c.coalition_pending = 0;
  const bool without_party = !(mask & (1u << s.party_index));
  if (c.party_vetoed && without_party) ++c.tally[run_outcome::blocked_other_control];
  log_event(w, static_cast<int>(ci), 11, "administration",
            format("%s administration: %s (%d of %d seats)%s", how, administration_text(s, mask).c_str(), seats_of(c, mask),
                   static_cast<int>(c.seat_end - c.seat_begin),
                   c.party_vetoed && without_party ? " after the executive's veto" : ""));
}

/// Tries the next coalition: one with the party needs the executive's sign-off; others form at once; with none
/// left, the largest party governs as a minority.
void try_next_coalition(world& w, std::size_t ci) {
  const scenario& s = *w.scen;
  const auto& p = s.rules.R11;
  council_state& c = w.councils[ci];
  const std::uint32_t party_bit = 1u << s.party_index;
  while (c.coalition_next < c.coalition_count) {
    const std::uint32_t mask = c.coalition_options[static_cast<std::size_t>(c.coalition_next++)];
    if (!(mask & party_bit)) {
      govern(w, ci, mask, "coalition");
      return;
    }
    if (c.party_vetoed || c.leader < 0) continue;
    const int seats = seats_of(c, mask);
    agenda_item item;
    item.kind = item_kind::coalition;
    item.council = static_cast<int>(ci);
    item.week_filed = w.week;
    item.urgency = p.urgency;
    item.strength = static_cast<double>(c.seats_by_party[static_cast<std::size_t>(s.party_index)]) / seats;
    item.requester_position = w.councillors.position[static_cast<std::size_t>(c.leader)];
    item.coalition = mask;
    w.council_outbox[ci].push_back(item);
    c.coalition_pending = mask;
    c.coalition_deadline = w.week + p.deadline_weeks;
    ++c.tally[run_outcome::coalition_requests];
    ++c.counts[static_cast<std::size_t>(council_count::coalition_requested)];
    log_event(w, static_cast<int>(ci), 11, "coalition_request",
              format("the group asks the executive to sign off %s (%d of %d seats, %d partner%s)%s",
                     administration_text(s, mask).c_str(), seats, static_cast<int>(c.seat_end - c.seat_begin),
                     std::popcount(mask) - 1, std::popcount(mask) == 2 ? "" : "s",
                     c.pact_alleged ? "; a pact allegation stands" : ""));
    return;
  }
  std::size_t largest = 0;
  for (std::size_t q = 1; q < s.parties.size(); ++q)
    if (c.seats_by_party[q] > c.seats_by_party[largest]) largest = q;
  govern(w, ci, 1u << largest, "minority");
}

void refused(world& w, std::size_t ci, std::uint32_t mask, const char* why) {
  const scenario& s = *w.scen;
  council_state& c = w.councils[ci];
  c.coalition_pending = 0;
  c.intervention_stock += 1.0f;  // a veto is a central action in the area
  ++c.tally[run_outcome::coalitions_blocked];
  ++c.counts[static_cast<std::size_t>(council_count::coalition_blocked)];
  const draw_stream rng(w.seed, w.run, static_cast<std::uint64_t>(w.week), stream::R11);
  const double p_defy = sigmoid(s.rules.R11.d0 + s.rules.R11.d_autonomy * c.leader_autonomy);
  if (c.leader >= 0 && rng.bernoulli(p_defy, ci, 0)) {
    // The group joins anyway; its councillors are suspended from the party.
    int suspended = 0;
    for (std::uint32_t r = c.seat_begin; r < c.seat_end; ++r)
      if (in_group(w, r)) {
        w.councillors.status[r] = councillor_status::suspended;
        w.councillors.cabinet[r] = 0;
        ++suspended;
      }
    c.leader = -1;
    ++c.tally[run_outcome::coalitions_defied];
    ++c.counts[static_cast<std::size_t>(council_count::coalition_defied)];
    c.tally[run_outcome::suspensions] += suspended;
    c.counts[static_cast<std::size_t>(council_count::suspensions)] += suspended;
    log_event(w, static_cast<int>(ci), 11, "veto_defied",
              format("%s: the group defies the veto and joins %s; %d councillors suspended", why,
                     administration_text(s, mask).c_str(), suspended),
              suspended);
    govern(w, ci, mask, "coalition (in defiance)");
    return;
  }
  c.party_vetoed = true;
  log_event(w, static_cast<int>(ci), 11, "veto_accepted", format("%s: the group stays out of %s", why, administration_text(s, mask).c_str()));
  try_next_coalition(w, ci);
}

}  // namespace

void pact_allegation(world& w, std::size_t ci, const std::array<std::int32_t, max_parties>& before) {
  const scenario& s = *w.scen;
  const auto& p = s.rules.R12;
  council_state& c = w.councils[ci];
  const auto party = static_cast<std::size_t>(s.party_index);
  c.pact_alleged = false;
  if (c.seats_by_party[party] <= before[party]) return;
  bool partner_gained = false;
  for (std::size_t q = 0; q < s.parties.size(); ++q)
    if (q != party && c.seats_by_party[q] > before[q] && will_govern_together(s, party, q)) partner_gained = true;
  const draw_stream rng(w.seed, w.run, static_cast<std::uint64_t>(w.week), stream::R12);
  if (!partner_gained || !rng.bernoulli(p.p_allegation, ci, 0)) return;
  c.pact_alleged = true;
  const double active = s.rules.member_mood.active_above;
  std::int64_t suspended = 0;
  for (std::uint64_t m = c.member_begin; m < c.member_end; ++m) {
    if (w.members.status[m] != member_status::member || w.members.activism[m] < active) continue;
    if (!rng.bernoulli(p.suspend_share, m, 1)) continue;
    w.members.status[m] = member_status::suspended;
    ++suspended;
  }
  c.members_suspended += suspended;
  c.tally[run_outcome::suspensions] += suspended;
  c.counts[static_cast<std::size_t>(council_count::suspensions)] += suspended;
  log_event(w, static_cast<int>(ci), 12, "pact_allegation",
            format("an \"unauthorised pact\" is alleged; the centre suspends %lld local activists",
                   static_cast<long long>(suspended)),
            static_cast<int>(suspended));
}

void start_formation(world& w, std::size_t ci) {
  council_state& c = w.councils[ci];
  c.party_vetoed = false;
  c.coalition_pending = 0;
  coalition_options(w, c);
  try_next_coalition(w, ci);
}

void local_formation(world& w, std::size_t ci) {
  council_state& c = w.councils[ci];
  if (c.form_at_start && w.week == 0) {
    c.form_at_start = false;
    std::array<std::int32_t, max_parties> before{};
    const council_def& def = w.scen->councils[ci];
    for (std::size_t k = 0; k < def.seats_before.keys.size(); ++k)
      before[static_cast<std::size_t>(w.scen->party_id(def.seats_before.keys[k]))] = static_cast<std::int32_t>(def.seats_before.values[k]);
    pact_allegation(w, ci, before);
    start_formation(w, ci);
    return;
  }
  if (c.coalition_pending && w.week > c.coalition_deadline)
    refused(w, ci, c.coalition_pending, "no sign-off within the deadline");
}

void apply_coalition_decision(world& w, std::size_t ci, const decision& d) {
  council_state& c = w.councils[ci];
  if (c.coalition_pending != d.coalition) return;  // a stale decision about a deal no longer on the table
  if (d.kind == decision_kind::approve_coalition) {
    ++c.tally[run_outcome::coalitions_approved];
    ++c.counts[static_cast<std::size_t>(council_count::coalition_approved)];
    govern(w, ci, d.coalition, "coalition (signed off)");
    return;
  }
  refused(w, ci, d.coalition, "the executive refuses the deal");
}

}  // namespace partyline
