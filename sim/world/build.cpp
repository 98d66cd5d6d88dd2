#include <algorithm>
#include <cmath>
#include <numeric>

#include "partyline/engine/random.hpp"
#include "partyline/world/world.hpp"

namespace partyline {

void councillor_columns::resize(std::size_t n) {
  ward.resize(n);
  party.resize(n);
  status.resize(n, councillor_status::sitting);
  position.resize(n);
  loyalty.resize(n);
  satisfaction.resize(n);
  union_ties.resize(n);
  dissent.resize(n);
  cabinet.resize(n);
  selection.resize(n, selection_state::undecided);
  candidate_position.resize(n);
  stands_independent.resize(n);
  scratch.resize(n);
  order.resize(n);
}

void member_columns::resize(std::size_t n) {
  position.resize(n);
  activism.resize(n);
  loyalty.resize(n);
  propensity.resize(n);
  ward.resize(n);
  faction.resize(n);
  status.resize(n, member_status::member);
}

namespace {

int wards_of(const council_def& c) {
  const int seats = static_cast<int>(c.seats.total());
  return (seats + c.seats_per_ward - 1) / c.seats_per_ward;
}

int dispute_slots(const scenario& s, std::size_t council) {
  int n = static_cast<int>(s.councils[council].disputes.size()) + 2;  // two slots for emergent disputes
  for (const auto& e : s.events)
    if (e.type == event_kind::dispute_start && e.council_index == static_cast<int>(council)) ++n;
  return n;
}

float clamp_unit(double x, double lo = 0.0, double hi = 1.0) { return static_cast<float>(std::clamp(x, lo, hi)); }

/// Assigns each party's starting seats to wards where it is strongest (greedy over ward shares), so that the
/// starting map and the ward geography the elections use agree.
void assign_seats(world& w, const council_def& def, council_state& c) {
  const scenario& s = *w.scen;
  std::vector<int> quota(s.parties.size(), 0);
  for (std::size_t k = 0; k < def.seats.keys.size(); ++k)
    quota[static_cast<std::size_t>(s.party_id(def.seats.keys[k]))] = static_cast<int>(def.seats.values[k]);
  struct pair_score {
    float share;
    std::uint32_t ward;
    std::uint8_t party;
  };
  std::vector<pair_score> pairs;
  for (std::uint32_t wi = c.ward_begin; wi < c.ward_end; ++wi)
    for (std::size_t p = 0; p < s.parties.size(); ++p)
      if (quota[p] > 0) pairs.push_back({w.wards[wi].base_share[p], wi, static_cast<std::uint8_t>(p)});
  std::stable_sort(pairs.begin(), pairs.end(), [](const pair_score& a, const pair_score& b) { return a.share > b.share; });
  std::vector<int> free_seats(c.ward_end - c.ward_begin);
  for (std::uint32_t wi = c.ward_begin; wi < c.ward_end; ++wi) free_seats[wi - c.ward_begin] = w.wards[wi].seats;
  for (const auto& ps : pairs) {
    int& room = free_seats[ps.ward - c.ward_begin];
    int take = std::min(room, quota[ps.party]);
    const ward_state& ws = w.wards[ps.ward];
    for (int k = 0; k < take; ++k) {
      std::uint32_t row = ws.seat_begin + static_cast<std::uint32_t>(ws.seats - room + k);
      w.councillors.party[row] = ps.party;
    }
    room -= take;
    quota[ps.party] -= take;
  }
}

void build_executive(world& w) {
  const scenario& s = *w.scen;
  const executive_def& e = s.executive;
  const draw_stream rng(w.seed, w.run, 0, stream::setup_executive);
  w.executive.members.resize(static_cast<std::size_t>(e.size));
  // Sections in the order they are listed.
  std::size_t m = 0;
  for (std::size_t k = 0; k < e.sections.keys.size(); ++k) {
    exec_section sec = exec_section::other;
    for (std::size_t n = 0; n < enum_names<exec_section>::names.size(); ++n)
      if (enum_names<exec_section>::names[n] == e.sections.keys[k]) sec = static_cast<exec_section>(n);
    for (int j = 0; j < static_cast<int>(e.sections.values[k]) && m < w.executive.members.size(); ++j)
      w.executive.members[m++].section = sec;
  }
  // The left bloc: the k members with the smallest keyed draws, so the bloc spreads over sections.
  std::vector<std::pair<double, std::size_t>> keyed(w.executive.members.size());
  for (std::size_t i = 0; i < keyed.size(); ++i) keyed[i] = {rng.uniform(i, 0), i};
  std::sort(keyed.begin(), keyed.end());
  const auto n_left = static_cast<std::size_t>(std::lround(e.left_share * e.size));
  for (std::size_t r = 0; r < keyed.size(); ++r) {
    auto& mem = w.executive.members[keyed[r].second];
    mem.left_bloc = r < n_left;
  }
  for (std::size_t i = 0; i < w.executive.members.size(); ++i) {
    auto& mem = w.executive.members[i];
    const double centre = mem.left_bloc ? e.left_position : e.right_position;
    mem.position = clamp_unit(centre + e.position_sd * rng.normal(i, 1), -1, 1);
    mem.centralism = clamp_unit(e.centralism_mean + e.centralism_sd * rng.normal(i, 2));
  }
  w.executive.backlash = e.backlash;
}

}  // namespace

double executive_median(const executive_state& ex) {
  std::vector<float> pos;
  pos.reserve(ex.members.size());
  for (const auto& m : ex.members) pos.push_back(m.position);
  if (pos.empty()) return 0;
  std::sort(pos.begin(), pos.end());
  const std::size_t n = pos.size();
  return n % 2 ? pos[n / 2] : 0.5 * (pos[n / 2 - 1] + pos[n / 2]);
}

memory_estimate estimate_world_memory(const scenario& s) {
  memory_estimate est;
  long long biggest = -1;
  for (std::size_t i = 0; i < s.councils.size(); ++i) {
    const auto& c = s.councils[i];
    const long long seats = static_cast<long long>(c.seats.total());
    const long long members = c.members.count < 0 ? 20 * seats : c.members.count;
    est.seats += seats;
    est.members += members;
    const long long weight = members * static_cast<long long>(bytes_per_member) + seats * static_cast<long long>(bytes_per_seat);
    if (weight > biggest) {
      biggest = weight;
      est.largest_council = static_cast<int>(i);
    }
  }
  est.bytes = static_cast<double>(est.members) * bytes_per_member + static_cast<double>(est.seats) * bytes_per_seat +
              static_cast<double>(s.councils.size()) * (sizeof(council_state) + 4096.0) +
              static_cast<double>(est.seats) * sizeof(ward_state) + 16.0 * 1024 * 1024;
  return est;
}

world build_world(std::shared_ptr<const scenario> scen, std::uint64_t seed, std::uint64_t run) {
  world w;
  w.scen = std::move(scen);
  w.seed = seed;
  w.run = run;
  const scenario& s = *w.scen;
  const auto party = static_cast<std::uint8_t>(s.party_index);

  // Layout: every council's rows are contiguous in each table.
  std::size_t n_seats = 0, n_wards = 0, n_disputes = 0;
  std::uint64_t n_members = 0;
  w.councils.resize(s.councils.size());
  for (std::size_t i = 0; i < s.councils.size(); ++i) {
    const auto& def = s.councils[i];
    auto& c = w.councils[i];
    c.seat_begin = static_cast<std::uint32_t>(n_seats);
    n_seats += static_cast<std::size_t>(def.seats.total());
    c.seat_end = static_cast<std::uint32_t>(n_seats);
    c.ward_begin = static_cast<std::uint32_t>(n_wards);
    n_wards += static_cast<std::size_t>(wards_of(def));
    c.ward_end = static_cast<std::uint32_t>(n_wards);
    c.member_begin = n_members;
    n_members += static_cast<std::uint64_t>(def.members.count);
    c.member_end = n_members;
    c.dispute_begin = static_cast<std::uint32_t>(n_disputes);
    n_disputes += static_cast<std::size_t>(dispute_slots(s, i));
    c.dispute_end = static_cast<std::uint32_t>(n_disputes);
  }
  w.councillors.resize(n_seats);
  w.members.resize(n_members);
  w.wards.resize(n_wards);
  w.disputes.resize(n_disputes);
  w.council_events.resize(s.councils.size());
  w.council_outbox.resize(s.councils.size());
  w.council_scripted.resize(s.councils.size());
  for (std::size_t e = 0; e < s.events.size(); ++e)
    if (s.events[e].council_index >= 0)
      w.council_scripted[static_cast<std::size_t>(s.events[e].council_index)].push_back(static_cast<int>(e));

  const draw_stream ward_rng(seed, run, 0, stream::setup_wards);
  const draw_stream cllr_rng(seed, run, 0, stream::setup_councillors);
  const draw_stream member_rng(seed, run, 0, stream::setup_members);

  for (std::size_t i = 0; i < s.councils.size(); ++i) {
    const auto& def = s.councils[i];
    auto& c = w.councils[i];
    w.council_events[i].reserve(32);
    w.council_outbox[i].reserve(4);

    // Wards: seats_per_ward each, the last takes the remainder; baseline shares with a drawn local lean.
    const int seats = static_cast<int>(def.seats.total());
    for (std::uint32_t wi = c.ward_begin; wi < c.ward_end; ++wi) {
      auto& ws = w.wards[wi];
      const int k = static_cast<int>(wi - c.ward_begin);
      ws.seat_begin = c.seat_begin + static_cast<std::uint32_t>(k * def.seats_per_ward);
      ws.seats = static_cast<std::uint16_t>(std::min(def.seats_per_ward, seats - k * def.seats_per_ward));
      double sum = 0;
      for (std::size_t p = 0; p < s.parties.size(); ++p) {
        const double base = def.vote_shares.get(s.parties[p].id, 0.0);
        const double share = base > 0 ? std::max(0.005, base + s.rules.R13.ward_sd * ward_rng.normal(wi, p)) : 0.0;
        ws.base_share[p] = static_cast<float>(share);
        sum += share;
      }
      for (std::size_t p = 0; p < s.parties.size(); ++p) ws.base_share[p] = static_cast<float>(ws.base_share[p] / sum);
      for (std::uint32_t r = ws.seat_begin; r < ws.seat_begin + ws.seats; ++r)
        w.councillors.ward[r] = static_cast<std::uint16_t>(k);
    }
    assign_seats(w, def, c);
    // Make each ward's baseline agree with who holds it: where the party holding most of the ward's seats is not
    // the strongest there, the two swap shares (council-wide shares are unchanged), so that an election on the
    // baseline reproduces the starting map and only real shifts change seats.
    for (std::uint32_t wi = c.ward_begin; wi < c.ward_end; ++wi) {
      auto& ws = w.wards[wi];
      std::array<int, max_parties> held{};
      for (std::uint32_t r = ws.seat_begin; r < ws.seat_begin + ws.seats; ++r) ++held[w.councillors.party[r]];
      std::size_t holder = 0, top = 0;
      for (std::size_t p = 1; p < s.parties.size(); ++p) {
        if (held[p] > held[holder]) holder = p;
        if (ws.base_share[p] > ws.base_share[top]) top = p;
      }
      if (holder != top) std::swap(ws.base_share[holder], ws.base_share[top]);
    }

    // Councillors. Exactly round(left_share x group) of the party's councillors form the left bloc, chosen by
    // keyed draws (as for the executive), so a case's documented bloc size is its size in every run.
    const group_def& g = def.group;
    std::vector<std::pair<double, std::uint32_t>> bloc;
    for (std::uint32_t r = c.seat_begin; r < c.seat_end; ++r)
      if (w.councillors.party[r] == party) bloc.emplace_back(cllr_rng.uniform(r, 10), r);
    std::sort(bloc.begin(), bloc.end());
    const auto n_left = static_cast<std::size_t>(std::lround(g.left_share * static_cast<double>(bloc.size())));
    for (std::size_t k = 0; k < bloc.size(); ++k) w.councillors.scratch[bloc[k].second] = k < n_left ? 1.0f : 0.0f;
    for (std::uint32_t r = c.seat_begin; r < c.seat_end; ++r) {
      auto& cl = w.councillors;
      cl.status[r] = councillor_status::sitting;
      cl.dissent[r] = 0;
      cl.cabinet[r] = 0;
      const std::uint8_t p = cl.party[r];
      ++c.seats_by_party[p];
      if (p != party) {
        cl.position[r] = clamp_unit(s.parties[p].position + 0.1 * cllr_rng.normal(r, 0), -1, 1);
        cl.loyalty[r] = 1.0f;
        cl.satisfaction[r] = 0.0f;
        cl.union_ties[r] = 0.0f;
        continue;
      }
      const bool left = w.councillors.scratch[r] > 0.5f;
      const double centre = left ? g.left_position : g.position;
      cl.position[r] = clamp_unit(centre + g.position_sd * cllr_rng.normal(r, 0), -1, 1);
      cl.loyalty[r] = clamp_unit(g.loyalty_mean + g.loyalty_sd * cllr_rng.normal(r, 1));
      cl.satisfaction[r] = clamp_unit(g.satisfaction_mean + g.satisfaction_sd * cllr_rng.normal(r, 2), -1, 1);
      const double u = cllr_rng.uniform(r, 11);
      cl.union_ties[r] = static_cast<float>(cllr_rng.uniform(r, 12) < g.union_ties_share ? 0.6 + 0.4 * u : 0.25 * u);
    }
    c.group_size = c.seats_by_party[party];

    // Leader: the party's councillor nearest the leader's stated position; the cabinet: those nearest the leader.
    c.leader = -1;
    double best = 1e9;
    for (std::uint32_t r = c.seat_begin; r < c.seat_end; ++r) {
      if (w.councillors.party[r] != party) continue;
      const double d = std::abs(w.councillors.position[r] - g.leader.position);
      if (d < best) {
        best = d;
        c.leader = r;
      }
    }
    if (c.leader >= 0) {
      const auto L = static_cast<std::size_t>(c.leader);
      w.councillors.position[L] = static_cast<float>(g.leader.position);
      w.councillors.satisfaction[L] = 1.0f;
      c.leader_resolve = static_cast<float>(g.leader.resolve);
      c.leader_autonomy = static_cast<float>(g.leader.autonomy);
      c.leader_since_week = -g.leader.tenure_weeks;
      std::vector<std::pair<float, std::uint32_t>> near;
      for (std::uint32_t r = c.seat_begin; r < c.seat_end; ++r)
        if (w.councillors.party[r] == party && r != L)
          near.emplace_back(std::abs(w.councillors.position[r] - w.councillors.position[L]), r);
      std::sort(near.begin(), near.end());
      w.councillors.cabinet[L] = 1;
      for (std::size_t k = 0; k + 1 < static_cast<std::size_t>(g.cabinet_size) && k < near.size(); ++k)
        w.councillors.cabinet[near[k].second] = 1;
    }
    c.confrontation = static_cast<float>(g.confrontation);
    c.policy_position = static_cast<float>(g.policy.position);
    c.policy_salience = static_cast<float>(g.policy.salience);
    c.policy = g.policy.stage;
    c.policy_since_week = -g.policy.weeks_pursued;

    // Control and administration.
    for (std::size_t p = 0; p < s.parties.size(); ++p)
      if (2 * c.seats_by_party[p] > seats) c.control = static_cast<int>(p);
    c.administration = def.administration_mask;
    c.form_at_start = c.administration == 0;  // a hung council at the count: formed at week 0 (R11)

    // Members, sorted by ward.
    const auto& md = def.members;
    const std::uint64_t count = c.member_end - c.member_begin;
    const auto n_w = static_cast<std::uint64_t>(c.ward_end - c.ward_begin);
    for (std::uint64_t j = 0; j < count; ++j) {
      const std::uint64_t m = c.member_begin + j;
      const bool faction = member_rng.uniform(m, 0) < md.faction_share;
      const double centre = faction ? md.faction_position : md.position;
      const double sd = faction ? 0.15 : md.position_sd;
      w.members.position[m] = clamp_unit(centre + sd * member_rng.normal(m, 1), -1, 1);
      w.members.faction[m] = faction ? 1 : 0;
      w.members.propensity[m] = clamp_unit(md.activism_mean + 0.12 * member_rng.normal(m, 2));
      w.members.activism[m] = clamp_unit(w.members.propensity[m] + (faction ? s.rules.member_mood.faction_boost : 0.0));
      w.members.loyalty[m] = clamp_unit(0.6 + 0.2 * member_rng.normal(m, 3));
      w.members.ward[m] = static_cast<std::uint16_t>(j * n_w / count);
      w.members.status[m] = member_status::member;
    }

    // Disputes from the scenario; the remaining slots wait for scripted or emergent ones.
    for (std::size_t k = 0; k < def.disputes.size(); ++k) {
      const auto& dd = def.disputes[k];
      auto& d = w.disputes[c.dispute_begin + k];
      d.id = dd.id;
      for (std::size_t u = 0; u < s.unions.size(); ++u)
        if (s.unions[u].id == dd.union_id) d.union_index = static_cast<int>(u);
      d.workers = dd.workers;
      d.intensity = static_cast<float>(dd.intensity);
      const auto& r8 = s.rules.R8;
      d.stage = dd.intensity >= r8.all_out_at ? dispute_stage::all_out
                : dd.intensity >= r8.strike_at ? dispute_stage::strike
                : dd.intensity >= r8.ballot_at ? dispute_stage::ballot
                                               : dispute_stage::talks;
      d.weeks_running = dd.weeks_running;
      d.weeks_in_stage = 0;
      d.active = true;
    }
  }

  build_executive(w);
  w.executive.median_position = executive_median(w.executive);
  w.executive.agenda.reserve(64);
  w.executive.published.reserve(16);
  w.national.executive_median = w.executive.median_position;
  w.national.backlash = w.executive.backlash;

  // Starting levels.
  auto& rc = w.result.counters;
  rc[run_outcome::seats_start] = 0;
  for (const auto& c : w.councils) {
    rc[run_outcome::seats_start] += c.seats_by_party[party];
    if (c.control == s.party_index) ++rc[run_outcome::councils_controlled_start];
  }
  rc[run_outcome::members_start] = static_cast<std::int64_t>(n_members);
  w.result.run = static_cast<int>(run);
  return w;
}

}  // namespace partyline
