// R13: ward elections by first past the post in multi-member wards, all-out or by thirds; then control and the
// administration. Runs in parallel over councils; each council touches only its own rows.
#include <algorithm>
#include <array>
#include <cmath>

#include "partyline/engine/random.hpp"
#include "partyline/outcome/outcomes.hpp"
#include "partyline/rules/phases.hpp"

namespace partyline {

namespace {

struct candidate {
  double vote = 0;
  std::int64_t incumbent_row = -1;  ///< the candidate's own seat if they hold one that is up
  float position = 0;
  std::uint8_t party = 0;
};

// A ward elects at most 20 seats (the scenario's limit); slates of up to 12 parties plus independents.
constexpr std::size_t max_candidates = 20 * (max_parties + 1);

/// The party's share lost to division, intervention, protest, suspensions (and gained by campaigning).
double party_penalty(const world& w, const council_state& c) {
  const auto& p = w.scen->rules.R13;
  const double members = static_cast<double>(c.member_end - c.member_begin);
  const double active = members > 0 ? static_cast<double>(c.active_members) / members : 0.3;
  const double suspended = members > 0 ? static_cast<double>(c.members_suspended) / members : 0.0;
  return p.division_penalty * c.division_stock + p.intervention_penalty * c.intervention_stock +
         p.protest_penalty * w.executive.protest_stock + p.suspension_penalty * suspended - p.campaign_bonus * (active - 0.3);
}

/// Mean position of the ward's active members: where a new candidate chosen by them stands.
double members_choice(const world& w, const council_state& c, std::uint16_t ward, double fallback) {
  const auto [lo, hi] = ward_member_range(w, c, ward);
  const double active = w.scen->rules.member_mood.active_above;
  double sum = 0;
  int n = 0;
  for (std::uint64_t m = lo; m < hi; ++m)
    if (w.members.status[m] == member_status::member && w.members.activism[m] >= active) {
      sum += w.members.position[m];
      ++n;
    }
  return n > 0 ? sum / n : fallback;
}

void seat_new_councillor(world& w, std::size_t ci, std::uint32_t row, const candidate& winner, const draw_stream& rng) {
  const scenario& s = *w.scen;
  auto& cl = w.councillors;
  const group_def& g = s.councils[ci].group;
  cl.party[row] = winner.party;
  cl.position[row] = winner.position;
  cl.status[row] = winner.party == s.party_id("ind") ? councillor_status::independent : councillor_status::sitting;
  cl.selection[row] = selection_state::undecided;
  cl.stands_independent[row] = 0;
  cl.dissent[row] = 0;
  cl.cabinet[row] = 0;
  if (winner.party == s.party_index) {
    cl.loyalty[row] = static_cast<float>(std::clamp(g.loyalty_mean + g.loyalty_sd * rng.normal(row, 20), 0.0, 1.0));
    cl.satisfaction[row] = static_cast<float>(std::clamp(g.satisfaction_mean + g.satisfaction_sd * rng.normal(row, 21), -1.0, 1.0));
    const double u = rng.uniform(row, 22);
    cl.union_ties[row] = static_cast<float>(rng.uniform(row, 23) < g.union_ties_share ? 0.6 + 0.4 * u : 0.25 * u);
  } else {
    cl.loyalty[row] = 1.0f;
    cl.satisfaction[row] = 0.0f;
    cl.union_ties[row] = 0.0f;
  }
}

/// One ward's contest. Returns nothing; rewrites the rows of the seats that were up.
void count_ward(world& w, std::size_t ci, std::uint32_t wi, double penalty, const draw_stream& rng) {
  const scenario& s = *w.scen;
  const auto& p = s.rules.R13;
  council_state& c = w.councils[ci];
  auto& cl = w.councillors;
  const ward_state& ward = w.wards[wi];
  const auto party = static_cast<std::uint8_t>(s.party_index);
  const auto ind = static_cast<std::uint8_t>(s.party_id("ind"));
  const std::size_t n_parties = s.parties.size();

  std::array<std::uint32_t, 20> up{};
  std::size_t k = 0;
  for (std::uint32_t r = ward.seat_begin; r < ward.seat_begin + ward.seats; ++r)
    if (seat_up(w, c, r)) up[k++] = r;
  if (k == 0) return;

  // Party shares on the day: baseline + national swing + noise; the party's penalty goes to the others.
  std::array<double, max_parties> share{};
  double others = 0;
  for (std::size_t q = 0; q < n_parties; ++q) {
    const double base = ward.base_share[q];
    if (base <= 0) continue;
    share[q] = std::max(0.001, base + s.national.swing.get(s.parties[q].id, 0.0) + p.noise_sd * rng.normal(wi, q));
    if (q != party) others += share[q];
  }
  if (share[party] > 0 && others > 0) {
    const double lost = std::clamp(penalty, -share[party], share[party] - 0.001);
    for (std::size_t q = 0; q < n_parties; ++q)
      if (q != party) share[q] += lost * share[q] / others;
    share[party] -= lost;
  }

  std::array<candidate, max_candidates> cands{};
  std::size_t n = 0;
  // Independents: the party's deselected councillors standing against it take part of its vote with them.
  int independents = 0;
  for (std::size_t i = 0; i < k; ++i) {
    const std::uint32_t r = up[i];
    if (cl.party[r] == party && cl.stands_independent[r] && cl.status[r] == councillor_status::deselected) {
      cands[n++] = {share[party] * p.independent_vote * (1 + p.incumbency_bonus + p.candidate_sd * rng.normal(r, 30)), r,
                    cl.position[r], ind};
      ++independents;
      ++c.tally[run_outcome::independents_standing];
    }
  }
  // The independents' followers desert the party's whole slate.
  const double party_slate = share[party] * std::max(0.1, 1.0 - independents * p.independent_vote);

  for (std::size_t q = 0; q < n_parties; ++q) {
    if (share[q] <= 0 || q == ind) continue;
    const double base = q == party ? party_slate : share[q];
    std::size_t fielded = 0;
    // Incumbents standing again: the party's reselected (or undecided) councillors, other parties' holders.
    for (std::size_t i = 0; i < k && fielded < k; ++i) {
      const std::uint32_t r = up[i];
      if (cl.party[r] != q) continue;
      if (q == party && (cl.status[r] != councillor_status::sitting || cl.selection[r] == selection_state::withdrawn)) continue;
      if (q == party && static_cast<std::int64_t>(r) == c.leader && c.stand_down_at_election) continue;
      cands[n++] = {base * (1 + p.incumbency_bonus + p.candidate_sd * rng.normal(r, 31)), r, cl.position[r],
                    static_cast<std::uint8_t>(q)};
      ++fielded;
    }
    // New candidates: for the party, those who replaced deselected or withdrawn councillors, then the members'
    // choice; for other parties, someone near the party's position.
    for (std::size_t i = 0; i < k && fielded < k; ++i) {
      const std::uint32_t r = up[i];
      const bool replaced = q == party && cl.party[r] == party && cl.selection[r] != selection_state::undecided &&
                            cl.selection[r] != selection_state::reselected;
      if (!replaced) continue;
      cands[n++] = {base * (1 + p.candidate_sd * rng.normal(r, 32)), -1, cl.candidate_position[r], static_cast<std::uint8_t>(q)};
      ++fielded;
    }
    const double fallback = s.parties[q].position;
    const double choice = q == party ? members_choice(w, c, w.councillors.ward[up[0]], fallback) : fallback;
    for (std::size_t j = 0; fielded < k; ++j, ++fielded) {
      const float pos = static_cast<float>(std::clamp(choice + 0.1 * rng.normal(wi * 64 + q, 40 + j), -1.0, 1.0));
      cands[n++] = {base * (1 + p.candidate_sd * rng.normal(wi * 64 + q, 60 + j)), -1, pos, static_cast<std::uint8_t>(q)};
    }
  }

  // First past the post: the k candidates with the most votes win.
  std::stable_sort(cands.begin(), cands.begin() + static_cast<std::ptrdiff_t>(n),
                   [](const candidate& a, const candidate& b) { return a.vote > b.vote; });
  const std::size_t winners = std::min(k, n);
  // Incumbents who won keep their rows; the other winners take the rows that were freed.
  std::array<bool, 20> kept{};
  std::array<bool, max_candidates> placed{};
  for (std::size_t i = 0; i < winners; ++i) {
    const candidate& win = cands[i];
    if (win.incumbent_row < 0) continue;
    for (std::size_t j = 0; j < k; ++j)
      if (up[j] == win.incumbent_row) {
        kept[j] = true;
        placed[i] = true;
        cl.selection[up[j]] = selection_state::undecided;
        if (win.party == ind) {  // a deselected councillor re-elected as an independent
          cl.party[up[j]] = ind;
          cl.status[up[j]] = councillor_status::independent;
          cl.cabinet[up[j]] = 0;
        }
      }
  }
  std::size_t next_row = 0;
  for (std::size_t i = 0; i < winners; ++i) {
    if (placed[i]) continue;
    while (next_row < k && kept[next_row]) ++next_row;
    if (next_row >= k) break;
    if (static_cast<std::int64_t>(up[next_row]) == c.leader) c.leader = -1;  // the leader's seat changed hands
    seat_new_councillor(w, ci, up[next_row], cands[i], rng);
    kept[next_row] = true;
  }
}

}  // namespace

void election_phase(world& w, std::size_t ci) {
  const scenario& s = *w.scen;
  council_state& c = w.councils[ci];
  if (c.next_election != w.week) return;
  const draw_stream rng(w.seed, w.run, static_cast<std::uint64_t>(w.week), stream::R13);
  const auto party = static_cast<std::size_t>(s.party_index);
  const auto before = c.seats_by_party;
  const double penalty = party_penalty(w, c);
  for (std::uint32_t wi = c.ward_begin; wi < c.ward_end; ++wi) count_ward(w, ci, wi, penalty, rng);

  // The count: seats, control, administration (a majority party, else the largest party governs as a minority).
  c.seats_by_party = {};
  for (std::uint32_t r = c.seat_begin; r < c.seat_end; ++r) ++c.seats_by_party[w.councillors.party[r]];
  const int seats = static_cast<int>(c.seat_end - c.seat_begin);
  c.control = -1;
  for (std::size_t q = 0; q < s.parties.size(); ++q)
    if (2 * c.seats_by_party[q] > seats) c.control = static_cast<int>(q);
  pact_allegation(w, ci, before);  // R12

  // A new electoral cycle for the group: the leader who announced they would go has gone.
  const bool leader_gone = c.leader < 0 || !in_group(w, static_cast<std::uint32_t>(c.leader)) || c.stand_down_at_election;
  for (std::uint32_t r = c.seat_begin; r < c.seat_end; ++r) {
    w.councillors.selection[r] = selection_state::undecided;
    if (w.councillors.party[r] == party && (w.councillors.status[r] == councillor_status::deselected ||
                                            w.councillors.status[r] == councillor_status::withdrawn))
      w.councillors.status[r] = councillor_status::sitting;  // their seat was not up (by-thirds cycle)
  }
  c.deselected_or_withdrawn = 0;
  ++c.elections_held;
  if (leader_gone && c.seats_by_party[party] > 0) {
    c.leader = -1;
    c.stand_down_at_election = false;
    const std::int64_t next = replace_leader(w, ci, stream::R13);
    if (next >= 0)
      log_event(w, static_cast<int>(ci), 13, "new_leader",
                format("the group elects a new leader after the election, at position %+.2f",
                       w.councillors.position[static_cast<std::size_t>(next)]));
  } else if (c.seats_by_party[party] == 0) {
    c.leader = -1;
  }
  // R11: a majority governs alone; otherwise the administration is formed (sign-off for the party's deals).
  if (c.control >= 0) {
    c.administration = 1u << static_cast<std::size_t>(c.control);
    c.coalition_pending = 0;
  }
  std::string result, change;
  for (std::size_t q = 0; q < s.parties.size(); ++q) {
    if (c.seats_by_party[q] == 0 && before[q] == 0) continue;
    result += (result.empty() ? "" : ", ") + s.parties[q].id + " " + std::to_string(c.seats_by_party[q]);
    change += (change.empty() ? "" : ", ") + s.parties[q].id + " " + std::to_string(before[q]);
  }
  log_event(w, static_cast<int>(ci), 13, "election",
            format("%s (was %s); %s", result.c_str(), change.c_str(),
                   c.control >= 0 ? (s.parties[static_cast<std::size_t>(c.control)].id + " majority").c_str() : "no majority"),
            c.seats_by_party[party]);
  if (c.control < 0) start_formation(w, ci);
}

}  // namespace partyline
