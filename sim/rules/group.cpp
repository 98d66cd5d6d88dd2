// The group's own politics in the local phase: requests to the centre (R1), the leader's response (R3),
// candidate selections by members (R5) or by the centre (R6), and the flagship policy's course (R15).
// Like everything in the local phase, each function touches only its own council's rows.
#include <algorithm>
#include <cmath>

#include "partyline/engine/random.hpp"
#include "partyline/rules/phases.hpp"

namespace partyline {

namespace {

constexpr float stock_decay = 0.97369f;  // 0.5^(1/26): a half-life of 26 weeks

bool policy_live(policy_stage s) { return s == policy_stage::proposed || s == policy_stage::pursuing; }

double group_median(world& w, const council_state& c) {
  float* tmp = w.councillors.scratch.data() + c.seat_begin;
  std::size_t n = 0;
  for (std::uint32_t r = c.seat_begin; r < c.seat_end; ++r)
    if (in_group(w, r)) tmp[n++] = w.councillors.position[r];
  if (n == 0) return 0.0;
  std::nth_element(tmp, tmp + n / 2, tmp + n);
  return tmp[n / 2];
}

void set_policy(world& w, std::size_t ci, policy_stage stage, int rule, const char* why) {
  council_state& c = w.councils[ci];
  if (c.policy == stage) return;
  const policy_stage before = c.policy;
  c.policy = stage;
  c.policy_since_week = w.week;
  if (stage == policy_stage::paused) ++c.tally[run_outcome::policies_paused];
  if (stage == policy_stage::scrapped) ++c.tally[run_outcome::policies_scrapped];
  const std::string& name = w.scen->councils[ci].group.policy.name;
  log_event(w, static_cast<int>(ci), rule, "policy_" + std::string(to_string(stage)),
            format("%s: %s -> %s (%s)", name.empty() ? "flagship policy" : name.c_str(),
                   std::string(to_string(before)).c_str(), std::string(to_string(stage)).c_str(), why));
}

int weeks_to_election(const world& w, const council_state& c) {
  return c.next_election >= 0 ? c.next_election - w.week : 1 << 20;
}

}  // namespace

double division_index(const council_state& c) {
  const double dissatisfied = c.group_size > 1 ? static_cast<double>(c.dissatisfied) / (c.group_size - 1) : 0.0;
  return dissatisfied + 0.2 * c.division_stock;
}

bool seat_up(const world& w, const council_state& c, std::uint32_t row) {
  const council_def& def = w.scen->councils[static_cast<std::size_t>(&c - w.councils.data())];
  if (def.cycle == election_cycle::all_out) return true;
  const ward_state& ward = w.wards[c.ward_begin + w.councillors.ward[row]];
  const auto slot = static_cast<int>(row - ward.seat_begin);
  return slot == c.elections_held % std::max<int>(1, ward.seats);
}

std::int64_t nearest_group_councillor(const world& w, const council_state& c, double target, std::int64_t except) {
  std::int64_t best = -1;
  double best_d = 1e9;
  for (std::uint32_t r = c.seat_begin; r < c.seat_end; ++r) {
    if (!in_group(w, r) || r == except || w.councillors.status[r] != councillor_status::sitting) continue;
    const double d = std::abs(w.councillors.position[r] - target);
    if (d < best_d) {
      best_d = d;
      best = r;
    }
  }
  return best;
}

void install_leader(world& w, std::size_t ci, std::int64_t new_leader, std::uint64_t draw_entity, stream rule) {
  council_state& c = w.councils[ci];
  auto& cl = w.councillors;
  const draw_stream rng(w.seed, w.run, static_cast<std::uint64_t>(w.week), rule);
  c.leader = new_leader;
  c.leader_since_week = w.week;
  c.leader_resolve = static_cast<float>(0.3 + 0.5 * rng.uniform(draw_entity, 50));
  c.leader_autonomy = static_cast<float>(0.3 + 0.5 * rng.uniform(draw_entity, 51));
  c.stand_down_at_election = false;
  c.mediation_refused = false;
  c.response_pending = false;
  // Cabinet: the councillors nearest the new leader. Sorting indices in the council's own scratch rows keeps
  // this allocation-free.
  std::uint32_t* idx = cl.order.data() + c.seat_begin;
  std::size_t n = 0;
  const float lx = cl.position[static_cast<std::size_t>(new_leader)];
  for (std::uint32_t r = c.seat_begin; r < c.seat_end; ++r) {
    cl.cabinet[r] = 0;
    if (in_group(w, r) && r != new_leader) idx[n++] = r;
  }
  std::sort(idx, idx + n, [&](std::uint32_t a, std::uint32_t b) {
    return std::abs(cl.position[a] - lx) < std::abs(cl.position[b] - lx) || (std::abs(cl.position[a] - lx) == std::abs(cl.position[b] - lx) && a < b);
  });
  cl.cabinet[static_cast<std::size_t>(new_leader)] = 1;
  const int cabinet = w.scen->councils[ci].group.cabinet_size;
  for (std::size_t k = 0; k + 1 < static_cast<std::size_t>(cabinet) && k < n; ++k) cl.cabinet[idx[k]] = 1;
  cl.satisfaction[static_cast<std::size_t>(new_leader)] = 1.0f;
  c.counts[static_cast<std::size_t>(council_count::leader_changed)] = 1;
  // R15: a new leader far from the flagship policy scraps it; one close to a paused policy resumes it.
  const auto& p15 = w.scen->rules.R15;
  const bool open = policy_live(c.policy) || c.policy == policy_stage::paused;
  if (open && std::abs(lx - c.policy_position) >= p15.scrap_distance)
    set_policy(w, ci, policy_stage::scrapped, 15, "a new leadership far from the policy");
  else if (c.policy == policy_stage::paused && std::abs(lx - c.policy_position) < p15.scrap_distance / 2)
    set_policy(w, ci, policy_stage::pursuing, 15, "a new leadership close to the policy");
}

std::int64_t replace_leader(world& w, std::size_t ci, stream rule) {
  council_state& c = w.councils[ci];
  const double target = c.special_measures ? w.national.executive_median : group_median(w, c);
  const std::int64_t next = nearest_group_councillor(w, c, target, c.leader);
  if (next >= 0) install_leader(w, ci, next, ci, rule);
  return next;
}

void local_calendar(world& w, std::size_t ci) {
  council_state& c = w.councils[ci];
  const auto& weeks = w.scen->councils[ci].election_weeks;
  c.next_election = -1;
  for (int e : weeks)
    if (e >= w.week) {
      c.next_election = e;
      break;
    }
  c.division_stock *= stock_decay;
  c.intervention_stock *= stock_decay;
}

void local_request(world& w, std::size_t ci) {
  const scenario& s = *w.scen;
  const auto& p = s.rules.R1;
  const auto& sp = s.rules.satisfaction;
  council_state& c = w.councils[ci];
  if (c.leader < 0 || c.request_pending || c.group_size < 3 || w.week - c.last_request_week < p.cooldown_weeks) return;
  auto& cl = w.councillors;
  const double centre = w.national.executive_median;
  const double leader_gap = std::abs(cl.position[static_cast<std::size_t>(c.leader)] - centre) - p.closer_by;
  int requesters = 0;
  double sum_x = 0;
  for (std::uint32_t r = c.seat_begin; r < c.seat_end; ++r) {
    if (!in_group(w, r) || r == c.leader) continue;
    if (cl.satisfaction[r] < sp.dissatisfied_below && std::abs(cl.position[r] - centre) < leader_gap) {
      ++requesters;
      sum_x += cl.position[r];
    }
  }
  const double share = static_cast<double>(requesters) / c.group_size;
  if (share < p.request_threshold) return;
  for (std::uint32_t r = c.seat_begin; r < c.seat_end; ++r)
    if (in_group(w, r) && r != c.leader && cl.satisfaction[r] < sp.dissatisfied_below &&
        std::abs(cl.position[r] - centre) < leader_gap)
      ++cl.dissent[r];
  agenda_item item;
  item.kind = item_kind::request;
  item.council = static_cast<int>(ci);
  item.week_filed = w.week;
  item.strength = share;
  item.urgency = std::min(1.0, p.urgency_base + p.urgency_share * share);
  item.requester_position = sum_x / requesters;
  w.council_outbox[ci].push_back(item);
  c.request_pending = true;
  c.last_request_week = w.week;
  c.division_stock += 1.0f;  // a request to the centre is division made public
  ++c.tally[run_outcome::requests];
  const std::string& policy = s.councils[ci].group.policy.name;
  log_event(w, static_cast<int>(ci), 1, "request",
            format("%d of %d councillors ask the executive to intervene against %s (urgency %.2f)", requesters,
                   c.group_size, policy_live(c.policy) && !policy.empty() ? policy.c_str() : "the leadership's course",
                   item.urgency),
            requesters);
}

void local_leader_response(world& w, std::size_t ci) {
  const scenario& s = *w.scen;
  const auto& p = s.rules.R3;
  council_state& c = w.councils[ci];
  if (c.leader < 0) return;
  const draw_stream rng(w.seed, w.run, static_cast<std::uint64_t>(w.week), stream::R3);
  // Respond to an intervention: comply (pause the policy) or resist (refuse mediation).
  if (c.response_pending) {
    c.response_pending = false;
    const double p_comply = sigmoid(p.c0 + p.c_autonomy * c.leader_autonomy + p.c_resolve * c.leader_resolve);
    if (rng.bernoulli(p_comply, ci, 0)) {
      log_event(w, static_cast<int>(ci), 3, "leader_complies", format("the leader accepts mediation (p %.2f)", p_comply));
      if (policy_live(c.policy)) set_policy(w, ci, policy_stage::paused, 3, "the leader complies with the executive");
    } else {
      c.mediation_refused = true;
      log_event(w, static_cast<int>(ci), 3, "leader_resists",
                format("the leader refuses mediation (p of complying %.2f)", p_comply));
    }
  }
  if (c.stand_down_at_election || w.week - c.leader_since_week < p.honeymoon_weeks) return;
  // Pressure against resolve: stand down now, or at an election that is close.
  const bool intervened = c.special_measures || c.investigation_until >= w.week || c.mediation_refused;
  const double dissatisfied = c.group_size > 1 ? static_cast<double>(c.dissatisfied) / (c.group_size - 1) : 0.0;
  const double deselection = c.group_size > 0 ? static_cast<double>(c.deselected_or_withdrawn) / c.group_size : 0.0;
  const int to_election = weeks_to_election(w, c);
  const double proximity = std::clamp(1.0 - to_election / 26.0, 0.0, 1.0);
  const double pressure = p.w_support * dissatisfied + (intervened ? p.w_intervention : 0.0) +
                          p.w_deselection * deselection + p.w_election * proximity;
  if (pressure <= c.leader_resolve) return;
  ++c.tally[run_outcome::leaders_stood_down];
  if (policy_live(c.policy)) set_policy(w, ci, policy_stage::paused, 15, "an outgoing leader takes no final decision");
  if (to_election <= p.stand_down_at_election_weeks) {
    c.stand_down_at_election = true;
    const auto L = static_cast<std::uint32_t>(c.leader);
    if (w.councillors.selection[L] == selection_state::undecided) w.councillors.selection[L] = selection_state::withdrawn;
    log_event(w, static_cast<int>(ci), 3, "leader_stands_down",
              format("the leader will stand down at the election in %d weeks (pressure %.2f > resolve %.2f)", to_election,
                     pressure, c.leader_resolve));
    return;
  }
  log_event(w, static_cast<int>(ci), 3, "leader_stands_down",
            format("the leader stands down now (pressure %.2f > resolve %.2f)", pressure, c.leader_resolve));
  replace_leader(w, ci, stream::R3);
}

std::pair<std::uint64_t, std::uint64_t> ward_member_range(const world& w, const council_state& c, std::uint16_t ward) {
  const auto* first = w.members.ward.data() + c.member_begin;
  const auto* last = w.members.ward.data() + c.member_end;
  const auto lo = std::lower_bound(first, last, ward);
  const auto hi = std::upper_bound(lo, last, ward);
  return {c.member_begin + static_cast<std::uint64_t>(lo - first), c.member_begin + static_cast<std::uint64_t>(hi - first)};
}

namespace {

bool central_selection(const world& w, const council_state& c) {
  return c.special_measures || (c.central_selection_from >= 0 && w.week >= c.central_selection_from) ||
         division_index(c) >= w.scen->rules.R6.division_threshold;
}

void deselect(world& w, std::size_t ci, std::uint32_t r, selection_state how, double challenger, const draw_stream& rng,
              const char* detail, int value) {
  council_state& c = w.councils[ci];
  auto& cl = w.councillors;
  cl.selection[r] = how;
  cl.candidate_position[r] = static_cast<float>(challenger);
  cl.status[r] = how == selection_state::withdrawn ? councillor_status::withdrawn : councillor_status::deselected;
  ++c.deselected_or_withdrawn;
  if (how == selection_state::withdrawn) {
    ++c.tally[run_outcome::withdrawals];
    log_event(w, static_cast<int>(ci), 5, "withdrawal", detail, value);
    return;
  }
  ++c.counts[static_cast<std::size_t>(council_count::deselections)];
  ++c.tally[how == selection_state::deselected_members ? run_outcome::deselections_members : run_outcome::deselections_central];
  if (how == selection_state::deselected_central) c.intervention_stock += 0.1f;  // centralisation publicity (R13)
  cl.stands_independent[r] = rng.bernoulli(w.scen->rules.R6.p_independent, r, 7);
  log_event(w, static_cast<int>(ci), how == selection_state::deselected_members ? 5 : 6, "deselection", detail, value);
}

/// R5: the ward's active members decide whether a sitting councillor is the candidate again.
void member_selection(world& w, std::size_t ci, std::uint32_t r, const draw_stream& rng) {
  const scenario& s = *w.scen;
  const auto& p = s.rules.R5;
  const auto& mm = s.rules.member_mood;
  const council_state& c = w.councils[ci];
  auto& cl = w.councillors;
  const auto [lo, hi] = ward_member_range(w, c, cl.ward[r]);
  // The challenger: from the organised faction if it is active here, else from the ward's active members.
  double sum_all = 0, sum_faction = 0;
  int n_all = 0, n_faction = 0;
  for (std::uint64_t m = lo; m < hi; ++m) {
    if (w.members.status[m] != member_status::member || w.members.activism[m] < mm.active_above) continue;
    sum_all += w.members.position[m];
    ++n_all;
    if (w.members.faction[m]) {
      sum_faction += w.members.position[m];
      ++n_faction;
    }
  }
  if (n_all == 0) {
    cl.selection[r] = selection_state::reselected;
    return;
  }
  const double base = n_faction >= 0.15 * n_all ? sum_faction / n_faction : sum_all / n_all;
  const double challenger = std::clamp(base + p.challenger_sd * rng.normal(r, 0), -1.0, 1.0);
  const double x = cl.position[r];
  if (std::abs(x - challenger) < p.unopposed_within) {
    cl.selection[r] = selection_state::reselected;
    return;
  }
  // Expected vote share (what the councillor can canvass), then perhaps withdraw, then the ballot.
  double expected_for = 0, expected_all = 0;
  int votes_for = 0, votes = 0;
  for (std::uint64_t m = lo; m < hi; ++m) {
    if (w.members.status[m] != member_status::member || w.members.activism[m] < mm.active_above) continue;
    const double turnout = sigmoid(p.t0 + p.t_activism * w.members.activism[m] + p.t_faction * w.members.faction[m]);
    const double mx = w.members.position[m];
    const double support = sigmoid(p.v0 - p.v_distance * (std::abs(mx - x) - std::abs(mx - challenger)));
    expected_all += turnout;
    expected_for += turnout * support;
    if (!rng.bernoulli(turnout, m, 1)) continue;
    ++votes;
    votes_for += rng.bernoulli(support, m, 2);
  }
  const double expected = expected_all > 0 ? expected_for / expected_all : 0.5;
  if (rng.bernoulli(sigmoid(p.w0 + p.w_expected * (0.5 - expected)), r, 3)) {
    deselect(w, ci, r, selection_state::withdrawn, challenger, rng,
             format("a sitting councillor withdraws before the ballot (expected %.0f%% of members' votes)", 100 * expected).c_str(),
             static_cast<int>(std::lround(100 * expected)));
    return;
  }
  if (2 * votes_for > votes) {
    cl.selection[r] = selection_state::reselected;
    return;
  }
  deselect(w, ci, r, selection_state::deselected_members, challenger, rng,
           format("members deselect a sitting councillor: %d of %d votes (challenger at %+.2f, councillor at %+.2f)",
                  votes_for, votes, challenger, x)
               .c_str(),
           votes_for);
}

/// R6: a central panel chooses; distance from the executive and a record of dissent count against.
void central_panel(world& w, std::size_t ci, std::uint32_t r, const draw_stream& rng) {
  const auto& p = w.scen->rules.R6;
  auto& cl = w.councillors;
  const double centre = w.national.executive_median;
  const double pd = sigmoid(p.d0 + p.d_distance * std::abs(cl.position[r] - centre) + p.d_dissent * cl.dissent[r]);
  if (!rng.bernoulli(pd, r, 4)) {
    cl.selection[r] = selection_state::reselected;
    return;
  }
  const double replacement = std::clamp(centre + 0.1 * rng.normal(r, 5), -1.0, 1.0);
  deselect(w, ci, r, selection_state::deselected_central, replacement, rng,
           format("a central panel deselects a sitting councillor (position %+.2f, dissent %d, p %.2f)", cl.position[r],
                  cl.dissent[r], pd)
               .c_str(),
           static_cast<int>(cl.dissent[r]));
}

}  // namespace

void local_selections(world& w, std::size_t ci) {
  const auto& p = w.scen->rules.R5;
  council_state& c = w.councils[ci];
  if (c.next_election < 0 || c.leader < 0) return;
  const int open = c.next_election - p.window_open_weeks_before;
  const int close = c.next_election - p.window_close_weeks_before;
  if (w.week < open || w.week > close) return;
  // Each councillor's selection meeting falls in a week of the window drawn once per election.
  const draw_stream when(w.seed, w.run, static_cast<std::uint64_t>(c.next_election), stream::R5);
  const draw_stream rng(w.seed, w.run, static_cast<std::uint64_t>(w.week), stream::R5);
  const bool central = central_selection(w, c);
  const auto span = static_cast<std::uint64_t>(std::max(1, close - std::max(open, 0) + 1));
  for (std::uint32_t r = c.seat_begin; r < c.seat_end; ++r) {
    if (!in_group(w, r) || w.councillors.selection[r] != selection_state::undecided || !seat_up(w, c, r)) continue;
    const int meeting = std::max(open, 0) + static_cast<int>(when.bits(r) % span);
    if (meeting != w.week && !(w.week == close && meeting > close)) continue;
    if (central)
      central_panel(w, ci, r, rng);
    else
      member_selection(w, ci, r, rng);
  }
}

void local_policy_course(world& w, std::size_t ci) {
  const scenario& s = *w.scen;
  const auto& p = s.rules.R15;
  council_state& c = w.councils[ci];
  if (c.policy != policy_stage::pursuing || w.week - c.policy_since_week < p.weeks_to_done) return;
  const bool purdah = c.next_election >= 0 && c.next_election - w.week <= p.purdah_weeks;
  const bool legal = s.councils[ci].group.policy.legal_challenge_until_week >= w.week;
  if (purdah || legal) {
    if (w.week - c.policy_since_week == p.weeks_to_done || w.week == c.next_election - p.purdah_weeks)
      log_event(w, static_cast<int>(ci), 15, "decision_deferred",
                legal ? "no final decision while a legal challenge is pending" : "no final decision in the pre-election period");
    return;
  }
  set_policy(w, ci, policy_stage::done, 15, "carried out");
}

}  // namespace partyline
