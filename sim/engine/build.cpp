// Building a run's world: the setup steps, reusing the rules' own helpers (cabinet choice, a new councillor's
// draws, dispute stages) so that week 0 and the weeks after follow one definition.
#include "partyline/engine/build.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

#include "partyline/engine/engine.hpp"
#include "partyline/error.hpp"
#include "partyline/random.hpp"
#include "partyline/rules/detail/common.hpp"
#include "partyline/rules/detail/leadership.hpp"
#include "partyline/rules/model.hpp"

namespace partyline {

namespace {

float clamp_unit(double x, double lo = 0.0, double hi = 1.0) { return static_cast<float>(std::clamp(x, lo, hi)); }

/// Wards: as listed (`wards`), or seats_per_ward each with the last taking the remainder; baseline shares measured
/// (a listed ward's `votes`) or the council's with a drawn local lean.
void draw_wards(world& w, council_id ci, const draw_stream& rng) {
  const scenario& s = *w.scen;
  const council_def& def = s.councils[row(ci)];
  const council_rows& rows = w.councils[ci].rows;
  const int seats = static_cast<int>(def.seats.total());
  std::uint32_t next_seat = rows.seat_begin;
  for (std::uint32_t wi = rows.ward_begin; wi < rows.ward_end; ++wi) {
    auto& ws = w.wards[wi];
    const int k = static_cast<int>(wi - rows.ward_begin);
    ws.seat_begin = next_seat;
    ws.seats = static_cast<std::uint16_t>(def.wards.empty() ? std::min(def.seats_per_ward, seats - k * def.seats_per_ward)
                                                            : static_cast<int>(def.wards[static_cast<std::size_t>(k)].seats.total()));
    next_seat += ws.seats;
    if (!def.wards.empty() && !def.wards[static_cast<std::size_t>(k)].votes.empty()) {
      // Measured: the ward's own votes when its seats were last fought, with no drawn lean.
      const named_values& votes = def.wards[static_cast<std::size_t>(k)].votes;
      const double total = votes.total();
      for (std::size_t p = 0; p < s.parties.size(); ++p) ws.base_share[p] = static_cast<float>(votes.get(s.parties[p].id, 0.0) / total);
      for (std::uint32_t r = ws.seat_begin; r < ws.seat_begin + ws.seats; ++r) w.councillors.ward[r] = static_cast<std::uint16_t>(k);
      continue;
    }
    double sum = 0;
    for (std::size_t p = 0; p < s.parties.size(); ++p) {
      const double base = def.vote_shares.get(s.parties[p].id, 0.0);
      const double share = base > 0 ? std::max(0.005, base + w.params->R13.ward_sd * rng.normal(wi, p)) : 0.0;
      ws.base_share[p] = static_cast<float>(share);
      sum += share;
    }
    for (std::size_t p = 0; p < s.parties.size(); ++p) ws.base_share[p] = static_cast<float>(ws.base_share[p] / sum);
    for (std::uint32_t r = ws.seat_begin; r < ws.seat_begin + ws.seats; ++r) w.councillors.ward[r] = static_cast<std::uint16_t>(k);
  }
}

void agree_baseline_with_holders(world& w, council_id ci);

/// A council that lists its wards: each ward's seats go to the parties that hold them there, in the order listed.
void assign_listed_seats(world& w, council_id ci) {
  const scenario& s = *w.scen;
  const council_def& def = s.councils[row(ci)];
  const council_rows& rows = w.councils[ci].rows;
  for (std::uint32_t wi = rows.ward_begin; wi < rows.ward_end; ++wi) {
    const named_values& held = def.wards[wi - rows.ward_begin].seats;
    std::uint32_t r = w.wards[wi].seat_begin;
    for (std::size_t k = 0; k < held.keys.size(); ++k)
      for (int n = 0; n < static_cast<int>(held.values[k]); ++n) w.councillors.party[r++] = static_cast<std::uint8_t>(s.party_id(held.keys[k]));
  }
  agree_baseline_with_holders(w, ci);
  // A ward that split its seats is a marginal one: each co-holder polls within split_ward_gap a seat of the leading
  // holder, so that the ward can split again (otherwise every minority seat falls to the leader in time).
  const double gap = w.params->R13.split_ward_gap;
  for (std::uint32_t wi = rows.ward_begin; wi < rows.ward_end; ++wi) {
    if (!def.wards[wi - rows.ward_begin].votes.empty()) continue;  // measured: the votes stand as they are
    auto& ws = w.wards[wi];
    std::array<int, max_parties> seats_held{};
    for (std::uint32_t r = ws.seat_begin; r < ws.seat_begin + ws.seats; ++r) ++seats_held[w.councillors.party[r]];
    std::size_t lead = 0;
    for (std::size_t p = 1; p < s.parties.size(); ++p)
      if (seats_held[p] > seats_held[lead] || (seats_held[p] == seats_held[lead] && ws.base_share[p] > ws.base_share[lead])) lead = p;
    bool raised = false;
    for (std::size_t p = 0; p < s.parties.size(); ++p) {
      if (p == lead || seats_held[p] == 0) continue;
      const double floor = ws.base_share[lead] - gap * (seats_held[lead] - seats_held[p]);
      if (ws.base_share[p] < floor) {
        ws.base_share[p] = static_cast<float>(floor);
        raised = true;
      }
    }
    if (!raised) continue;
    double sum = 0;
    for (std::size_t p = 0; p < s.parties.size(); ++p) sum += ws.base_share[p];
    for (std::size_t p = 0; p < s.parties.size(); ++p) ws.base_share[p] = static_cast<float>(ws.base_share[p] / sum);
  }
}

/// Assigns each party's starting seats to wards where it is strongest (greedy over ward shares), so that the
/// starting map and the ward geography the elections use agree.
void assign_seats(world& w, council_id ci) {
  const scenario& s = *w.scen;
  const council_def& def = s.councils[row(ci)];
  const council_rows& rows = w.councils[ci].rows;
  if (!def.wards.empty()) {
    assign_listed_seats(w, ci);
    return;
  }
  std::vector<int> quota(s.parties.size(), 0);
  for (std::size_t k = 0; k < def.seats.keys.size(); ++k)
    quota[static_cast<std::size_t>(s.party_id(def.seats.keys[k]))] = static_cast<int>(def.seats.values[k]);
  struct pair_score {
    float share;
    std::uint32_t ward;
    std::uint8_t party;
  };
  thread_local std::vector<pair_score> pairs;  // reused: the world is built once a run, for every council
  pairs.clear();
  for (std::uint32_t wi = rows.ward_begin; wi < rows.ward_end; ++wi)
    for (std::size_t p = 0; p < s.parties.size(); ++p)
      if (quota[p] > 0) pairs.push_back({w.wards[wi].base_share[p], wi, static_cast<std::uint8_t>(p)});
  // Strongest first; equal shares in ward, then party order (the order they were listed in: a stable sort's).
  std::sort(pairs.begin(), pairs.end(), [](const pair_score& a, const pair_score& b) {
    return a.share != b.share ? a.share > b.share : a.ward != b.ward ? a.ward < b.ward : a.party < b.party;
  });
  std::vector<int> free_seats(rows.ward_end - rows.ward_begin);
  for (std::uint32_t wi = rows.ward_begin; wi < rows.ward_end; ++wi) free_seats[wi - rows.ward_begin] = w.wards[wi].seats;
  for (const auto& ps : pairs) {
    int& room = free_seats[ps.ward - rows.ward_begin];
    const int take = std::min(room, quota[ps.party]);
    const ward_state& ws = w.wards[ps.ward];
    for (int k = 0; k < take; ++k) w.councillors.party[ws.seat_begin + static_cast<std::uint32_t>(ws.seats - room + k)] = ps.party;
    room -= take;
    quota[ps.party] -= take;
  }
  agree_baseline_with_holders(w, ci);
}

/// Make each ward's baseline agree with who holds it: where the party holding most of the ward's seats is not the
/// strongest there, the two swap shares (council-wide shares are unchanged), so that an election on the baseline
/// reproduces the starting map and only real shifts change seats.
void agree_baseline_with_holders(world& w, council_id ci) {
  const scenario& s = *w.scen;
  const council_def& def = s.councils[row(ci)];
  const council_rows& rows = w.councils[ci].rows;
  for (std::uint32_t wi = rows.ward_begin; wi < rows.ward_end; ++wi) {
    // A ward with measured votes keeps them: who won it since (a by-election, a defection) is not a reason to move them.
    if (!def.wards.empty() && !def.wards[wi - rows.ward_begin].votes.empty()) continue;
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
}

/// Councillors. Exactly round(left_share x group) of the party's councillors form the left bloc, chosen by keyed
/// draws (as for the executive), so a case's documented bloc size is its size in every run.
void draw_councillors(world& w, council_id ci, const draw_stream& rng) {
  const scenario& s = *w.scen;
  const group_def& g = s.councils[row(ci)].group;
  council_state& c = w.councils[ci];
  const auto party = static_cast<std::uint8_t>(s.party_index);
  auto& cl = w.councillors;
  if (s.councils[row(ci)].detail == council_detail::background) {
    // A background council's seats are held, but no rule reads its councillors' traits (its group's weekly rules do
    // not run, and it holds no election): only its leader, the party's first seat, is drawn (install_first_leader).
    for (const councillor_id r : c.rows.councillors()) {
      cl.status[r] = councillor_status::sitting;
      ++c.electoral.seats_by_party[cl.party[r]];
    }
    c.derived.group_size = c.electoral.seats_by_party[party];
    return;
  }
  std::vector<std::pair<double, std::uint32_t>> bloc;
  for (std::uint32_t r = c.rows.seat_begin; r < c.rows.seat_end; ++r)
    if (cl.party[r] == party) bloc.emplace_back(rng.uniform(r, 10), r);
  std::sort(bloc.begin(), bloc.end());
  const auto n_left = static_cast<std::size_t>(std::lround(g.left_share * static_cast<double>(bloc.size())));
  for (std::size_t k = 0; k < bloc.size(); ++k) w.work.values[bloc[k].second] = k < n_left ? 1.0f : 0.0f;
  for (const councillor_id r : c.rows.councillors()) {
    cl.status[r] = councillor_status::sitting;
    cl.dissent[r] = 0;
    cl.cabinet[r] = 0;
    const std::uint8_t p = cl.party[r];
    ++c.electoral.seats_by_party[p];
    independent_candidacy::draw_following(w, r, s.councils[row(ci)].community, rng, 13);
    if (p != party) {
      cl.position[r] = clamp_unit(s.parties[p].position + w.params->R13.candidate_position_sd * rng.normal(r, 0), -1, 1);
      detail::place_on_other_axes(w, row(r), s.party_point(p), false, rng, 30);
      cl.loyalty[r] = 1.0f;
      cl.satisfaction[r] = 0.0f;
      cl.union_ties[r] = 0.0f;
      continue;
    }
    const double centre = w.work.values[row(r)] > 0.5f ? g.left_position : g.position;
    cl.position[r] = clamp_unit(centre + g.position_sd * rng.normal(r, 0), -1, 1);
    detail::place_on_other_axes(w, row(r), g.more, true, rng, 30);
    elections::draw_party_councillor(w, ci, r, rng, {1, 2, 11, 12});
  }
  c.derived.group_size = c.electoral.seats_by_party[party];
}

/// The leader: the party's councillor nearest the leader's stated position (placed exactly there); the cabinet
/// as the rules choose one. A background council's leader is its party's first seat, drawn here, with no cabinet.
void install_first_leader(world& w, council_id ci, const draw_stream& rng) {
  const scenario& s = *w.scen;
  const group_def& g = s.councils[row(ci)].group;
  council_state& c = w.councils[ci];
  auto& cl = w.councillors;
  c.leadership.leader = nobody;
  const bool background = s.councils[row(ci)].detail == council_detail::background;
  double best = 1e9;
  for (const councillor_id r : c.rows.councillors()) {
    if (cl.party[r] != s.party_index) continue;
    const double d = std::abs(cl.position[r] - g.leader.position);
    if (d < best) {
      best = d;
      c.leadership.leader = r;
    }
    if (background) break;  // its councillors are not drawn: the party's first seat leads (draw_councillors)
  }
  if (c.leadership.leader != nobody) {
    const councillor_id L = c.leadership.leader;
    if (background) {  // the leader's own traits, as draw_councillors draws a councillor of the party
      cl.dissent[L] = 0;
      cl.cabinet[L] = 0;
      independent_candidacy::draw_following(w, L, s.councils[row(ci)].community, rng, 13);
      detail::place_on_other_axes(w, row(L), g.more, true, rng, 30);
      elections::draw_party_councillor(w, ci, L, rng, {1, 2, 11, 12});
    }
    cl.position[L] = static_cast<float>(g.leader.position);
    cl.satisfaction[L] = 1.0f;
    c.leadership.resolve = static_cast<float>(g.leader.resolve);
    c.leadership.autonomy = static_cast<float>(g.leader.autonomy);
    c.leadership.since_week = -g.leader.tenure_weeks;
    // The leadership's record: the disputes on record that ended while it led, at the intensity of the furthest stage
    // each reached (R8's thresholds).
    for (const dispute_record_def& d : s.councils[row(ci)].disputes_on_record) {
      if (d.ended_week < c.leadership.since_week) continue;
      const auto& r8 = w.params->R8;
      const double reached = d.reached == dispute_stage::all_out ? r8.all_out_at : d.reached == dispute_stage::strike ? r8.strike_at : r8.ballot_at;
      c.leadership.dispute_record = std::max(c.leadership.dispute_record, static_cast<float>(reached));
    }
    c.leadership.directly_elected = g.leader.directly_elected;
    if (g.leader.directly_elected) {  // the party's leader is the area's mayor (R21)
      c.mayoralty.party = s.party_index;
      c.mayoralty.following = static_cast<float>(s.councils[row(ci)].mayor.following);
    }
    if (!background) detail::choose_cabinet(w, ci);  // a background council's cabinet is never read
  }
  c.leadership.confrontation = static_cast<float>(g.confrontation);
  if (g.last_contest_week <= 0) {  // a contest shortly before the run: R10's cooldown runs from it, its division is on record
    c.division.last_challenge_week = g.last_contest_week;
    c.division.stock = static_cast<float>(w.params->R10.division_visibility *
                                          std::pow(0.5, -g.last_contest_week / w.params->calendar.stock_half_life_weeks));
  }
  c.policy.position = static_cast<float>(g.policy.position);
  c.policy.salience = static_cast<float>(g.policy.salience);
  c.policy.stage = g.policy.stage;
  c.policy.since_week = -g.policy.weeks_pursued;
}

/// Members, sorted by ward.
void draw_members(world& w, council_id ci, const draw_stream& rng) {
  const members_def& md = w.scen->councils[row(ci)].members;
  const auto& mood = w.params->member_mood;
  const council_rows& rows = w.councils[ci].rows;
  const std::uint64_t count = rows.member_end - rows.member_begin;  // members and the rows kept for recruits
  const auto room = count - static_cast<std::uint64_t>(md.count);
  const auto n_w = static_cast<std::uint64_t>(rows.ward_end - rows.ward_begin);
  auto& ms = w.members;
  for (std::uint64_t j = 0; j < count; ++j) {
    if ((j & 0xFFFF) == 0) stop_if_cancelled(w);
    const std::uint64_t m = rows.member_begin + j;
    const bool faction = rng.uniform(m, 0) < md.faction_share;
    const double centre = faction ? md.faction_position : md.position;
    const double sd = faction ? mood.faction_position_sd : md.position_sd;
    ms.position[m] = member_columns::position_fixed(centre + sd * rng.normal(m, 1));
    // On the axes after the first: around the members' local mean, with each axis' spread.
    for (int k = 0; k < w.space.others; ++k) {
      const auto a = static_cast<std::size_t>(k) + 1;
      const double spread = w.scen->axes[a].spread;
      ms.more[m * static_cast<std::uint64_t>(w.space.others) + static_cast<std::uint64_t>(k)] = member_columns::position_fixed(
          md.more[a] + (spread > 0 ? spread * rng.normal(m, 8 + static_cast<std::uint64_t>(k)) : 0.0));
    }
    ms.faction[m] = faction ? 1 : 0;
    ms.quiet_activism[m] =
        clamp_unit(md.activism_mean + mood.propensity_sd * rng.normal(m, 2)) + static_cast<float>(faction ? mood.faction_boost : 0.0);
    ms.loyalty[m] = member_columns::loyalty_byte(mood.loyalty_mean + mood.loyalty_sd * rng.normal(m, 3));
    ms.ward[m] = static_cast<std::uint16_t>(j * n_w / count);
    // Exactly `room` rows, spread evenly, are kept for recruits; their traits are drawn now like everyone's.
    const bool kept = room > 0 && (j + 1) * room / count > j * room / count;
    ms.status[m] = kept ? member_status::prospective : member_status::member;
  }
  double sum = 0;
  for (std::uint64_t m = rows.member_begin; m < rows.member_end; ++m)
    if (ms.status[m] == member_status::member) sum += ms.position_of(m);
  membership_state& mstate = w.councils[ci].membership;
  mstate.mean_position = md.count > 0 ? static_cast<float>(sum / static_cast<double>(md.count)) : 0.0f;
  mstate.prospective = static_cast<std::int64_t>(room);
  member_exit::bound_exits(w, ci);
}

/// Disputes from the scenario, staged by R8's thresholds; the remaining slots wait for scripted or emergent ones.
void open_disputes(world& w, council_id ci) {
  const scenario& s = *w.scen;
  const council_def& def = s.councils[row(ci)];
  const council_rows& rows = w.councils[ci].rows;
  for (std::size_t k = 0; k < def.disputes.size(); ++k) {
    const auto& dd = def.disputes[k];
    auto& d = w.disputes[rows.dispute_begin + k];
    d = dispute_state{};
    d.id = dd.id;
    for (std::size_t u = 0; u < s.unions.size(); ++u)
      if (s.unions[u].id == dd.union_id) d.union_index = static_cast<int>(u);
    d.workers = dd.workers;
    d.intensity = static_cast<float>(dd.intensity);
    d.stage = industrial_disputes::stage_for(dd.intensity, w.params->R8);
    d.weeks_running = dd.weeks_running;
    d.weeks_in_stage = 0;
    d.active = true;
  }
}

void build_executive(world& w) {
  const executive_def& e = w.scen->executive;
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
  for (std::size_t r = 0; r < keyed.size(); ++r) w.executive.members[keyed[r].second].left_bloc = r < n_left;
  for (std::size_t i = 0; i < w.executive.members.size(); ++i) {
    auto& mem = w.executive.members[i];
    const double centre = mem.left_bloc ? e.left_position : e.right_position;
    mem.position = clamp_unit(centre + e.position_sd * rng.normal(i, 1), -1, 1);
    mem.own_centralism = clamp_unit(e.centralism_mean + e.centralism_sd * rng.normal(i, 2));
    mem.centralism = mem.own_centralism;
  }
  w.executive.backlash = e.backlash;
  w.executive.median_position = executive_median(w.executive);
}

/// Regional boards as decision bodies (a tier's powers, or a body drawn from its region's board): `size` members around
/// the board's position and centralism.
void build_tier_boards(world& w) {
  const auto& regions = w.scen->regions;
  w.tiers.assign(regions.size(), {});
  for (std::size_t r = 0; r < regions.size(); ++r) {
    const region_def& def = regions[r];
    const draw_stream rng(w.seed, w.run, 0, stream::setup_tiers);
    auto& board = w.tiers[r].members;
    board.resize(static_cast<std::size_t>(def.size));
    for (std::size_t i = 0; i < board.size(); ++i) {
      board[i].position = clamp_unit(def.position + def.position_sd * rng.normal(r, 2 * i), -1, 1);
      board[i].centralism = clamp_unit(def.centralism_mean + def.centralism_sd * rng.normal(r, 2 * i + 1));
    }
    // The same median and mean the executive's votes read (the executive_state helpers, over the board's members).
    executive_state as_body;
    as_body.members = board;
    w.tiers[r].median_position = executive_median(as_body);
    w.tiers[r].centralism = executive_centralism(as_body);
  }
}

/// The party's bodies for this run: a panel of the executive (`members.size` seats, the same for the whole run,
/// drawn by keyed draws), members of its own (drawn as a board's are), its region's board, or the staff official
/// (who needs no draw); then which body decides each kind of item.
void build_institutions(world& w) {
  const scenario& s = *w.scen;
  auto& inst = w.institutions;
  inst.kinds.assign(schedule::item_kinds.begin(), schedule::item_kinds.end());
  inst.regions = static_cast<int>(s.regions.size());
  inst.bodies.assign(s.institutions.bodies.size(), {});
  inst.published.reserve(16);
  const draw_stream rng(w.seed, w.run, 0, stream::setup_bodies);
  for (std::size_t b = 0; b < inst.bodies.size(); ++b) {
    const body_def& def = s.institutions.bodies[b];
    body_state& body = inst.bodies[b];
    body.agenda.reserve(16);
    const body_members_def& m = def.members;
    switch (m.from) {
      case member_source::executive:
        if (m.size >= 0 && m.size < static_cast<int>(w.executive.members.size())) {
          // A panel: the seats with the smallest keyed draws, kept in seat order.
          std::vector<std::pair<double, std::uint16_t>> keyed(w.executive.members.size());
          for (std::size_t i = 0; i < keyed.size(); ++i) keyed[i] = {rng.uniform(b, i), static_cast<std::uint16_t>(i)};
          std::sort(keyed.begin(), keyed.end());
          for (int i = 0; i < m.size; ++i) body.seats.push_back(keyed[static_cast<std::size_t>(i)].second);
          std::sort(body.seats.begin(), body.seats.end());
        }
        break;
      case member_source::own:
        body.own.resize(static_cast<std::size_t>(m.size));
        for (std::size_t i = 0; i < body.own.size(); ++i) {
          const std::uint64_t key = (static_cast<std::uint64_t>(b) << 32) | (2 * i);
          body.own[i].position = clamp_unit(m.position + m.position_sd * rng.normal(b, key), -1, 1);
          body.own[i].centralism = clamp_unit(m.centralism_mean + m.centralism_sd * rng.normal(b, key + 1));
        }
        break;
      case member_source::region: body.own = w.tiers[static_cast<std::size_t>(def.region_index)].members; break;
      case member_source::staff:
      case member_source::local: break;  // the official's place follows the executive's; a local panel is drawn per sitting
    }
  }
  route_items(w);
}

}  // namespace

void route_items(world& w) {
  const scenario& s = *w.scen;
  auto& inst = w.institutions;
  const auto decides = [&](std::size_t b, std::string_view kind) {
    const auto& list = s.institutions.bodies[b].decides;
    return std::find(list.begin(), list.end(), kind) != list.end();
  };
  // A selection stage is held only where a body lists it: the council's region's, else a national one.
  const auto stage_route = [&](std::string_view stage, std::vector<std::int16_t>& out) {
    out.assign(static_cast<std::size_t>(inst.regions + 1), -1);
    for (int r = -1; r < inst.regions; ++r) {
      int body = -1;
      for (std::size_t b = 0; b < s.institutions.bodies.size(); ++b) {
        const int scope = s.institutions.bodies[b].region_index;
        if (!decides(b, stage) || (scope >= 0 && scope != r)) continue;
        if (scope == r || body < 0) body = static_cast<int>(b);  // the region's own body wins over a national one
      }
      out[static_cast<std::size_t>(r + 1)] = static_cast<std::int16_t>(body);
    }
  };
  stage_route(selection_stages[0], inst.interview_body);
  stage_route(selection_stages[1], inst.list_body);
  stage_route(review_stage, inst.review_body);
  inst.route.assign(inst.kinds.size() * static_cast<std::size_t>(inst.regions + 1), 0);
  for (std::size_t k = 0; k < inst.kinds.size(); ++k) {
    const std::string_view name = inst.kinds[k]->name;
    int national = 0;  // the first body decides every kind no national body lists
    for (std::size_t b = 0; b < s.institutions.bodies.size(); ++b)
      if (s.institutions.bodies[b].region_index < 0 && decides(b, name)) {
        national = static_cast<int>(b);
        break;
      }
    for (int r = -1; r < inst.regions; ++r) {
      int body = national;
      for (std::size_t b = 0; b < s.institutions.bodies.size() && r >= 0; ++b)
        if (s.institutions.bodies[b].region_index == r && decides(b, name)) {
          body = static_cast<int>(b);
          break;
        }
      inst.route[k * static_cast<std::size_t>(inst.regions + 1) + static_cast<std::size_t>(r + 1)] = static_cast<std::int16_t>(body);
    }
  }
}

world build_world(frozen_scenario scen, std::uint64_t seed, std::uint64_t run, const std::atomic<bool>* cancel) {
  world w;
  w.cancel = cancel;
  w.scen = std::move(scen);
  w.params = &coefficients(*w.scen);
  w.seed = seed;
  w.run = run;
  const scenario& s = *w.scen;
  lay_out_world(w);
  {
    // The policy space's terms for the agent-level distances (world.hpp, space_terms).
    w.space.first_salience = s.axes.empty() ? 1.0 : s.axes[0].salience;
    w.space.others = s.axes.size() > 1 ? static_cast<int>(s.axes.size()) - 1 : 0;
    for (int k = 0; k < w.space.others; ++k) {
      const auto a = static_cast<std::size_t>(k) + 1;
      w.space.salience[static_cast<std::size_t>(k)] = s.axes[a].salience;
      w.space.executive[static_cast<std::size_t>(k)] = s.executive.more[a];
      for (std::size_t q = 0; q < s.parties.size(); ++q) w.space.party[q][static_cast<std::size_t>(k)] = s.party_point(q)[a];
    }
  }

  const draw_stream ward_rng(seed, run, 0, stream::setup_wards);
  const draw_stream cllr_rng(seed, run, 0, stream::setup_councillors);
  const draw_stream member_rng(seed, run, 0, stream::setup_members);
  for (std::size_t i = 0; i < s.councils.size(); ++i) {
    stop_if_cancelled(w);
    const council_id ci = council_at(i);
    council_state& c = w.councils[ci];
    w.log.by_council[ci].reserve(32);
    w.outbox[ci].reserve(4);
    draw_wards(w, ci, ward_rng);
    stop_if_cancelled(w);
    assign_seats(w, ci);
    stop_if_cancelled(w);
    draw_councillors(w, ci, cllr_rng);
    stop_if_cancelled(w);
    install_first_leader(w, ci, cllr_rng);
    // Control; the administration is the rules' to set up (schedule::setup: R11).
    for (std::size_t p = 0; p < s.parties.size(); ++p)
      if (2 * c.electoral.seats_by_party[p] > c.rows.seats()) c.electoral.control = static_cast<int>(p);
    // The group's record at the polls a cycle ago, by which the centre judges its results (R17, R18).
    // Default (a generated council, or none stated): its seats now, no change.
    const double* then = s.councils[row(ci)].seats_a_cycle_ago.find(s.parties[static_cast<std::size_t>(s.party_index)].id);
    c.electoral.seats_a_cycle_ago = then ? static_cast<std::int32_t>(std::lround(*then)) : c.electoral.seats_by_party[static_cast<std::size_t>(s.party_index)];
    draw_members(w, ci, member_rng);
    open_disputes(w, ci);
  }
  build_executive(w);
  party_leader_office::take_office(w);  // the leader at the start draws the executive towards their project (R23)
  build_tier_boards(w);
  build_institutions(w);
  for (std::size_t i = 0; i < s.councils.size(); ++i)  // the rules' own setup (schedule::setup)
    for (const council_step& step : schedule::setup) {
      stop_if_cancelled(w);
      step.run(w, council_at(i));
    }
  w.national.executive_median = w.executive.median_position;
  w.national.executive_centralism = executive_centralism(w.executive);
  w.national.officers_centralism = party_leader_office::officers_centralism(w, w.national.executive_centralism);
  w.national.backlash = w.executive.backlash;
  w.national.media_risk = media_risk(s, 0);
  return w;
}

}  // namespace partyline
