// The local phase: everything a council does on its own in a week. Reads only its own rows and the national
// snapshot published at the end of last week, so councils can run in parallel in any order.
#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>

#include "partyline/engine/random.hpp"
#include "partyline/rules/opinion.hpp"
#include "partyline/rules/phases.hpp"

namespace partyline {

std::string format(const char* fmt, ...) {
  char buf[512];
  va_list args;
  va_start(args, fmt);
  std::vsnprintf(buf, sizeof buf, fmt, args);
  va_end(args);
  return buf;
}

void log_event(world& w, int council, int rule, std::string event, std::string detail, int value) {
  if (!w.record_events) return;
  event_record e{w.week, council, static_cast<std::uint16_t>(rule), std::move(event), std::move(detail), value};
  if (council >= 0)
    w.council_events[static_cast<std::size_t>(council)].push_back(std::move(e));
  else
    w.result.events.push_back(std::move(e));
}

const crisis_window* crisis_at(const scenario& s, int week) {
  for (const auto& cw : s.executive.crisis_windows)
    if (week >= cw.from_week && week <= cw.to_week) return &cw;
  return nullptr;
}


constexpr int scripted = 0;  // rule id of scenario-scripted events in the log

bool in_group(const world& w, std::uint32_t r) {
  const auto st = w.councillors.status[r];
  return w.councillors.party[r] == w.scen->party_index &&
         (st == councillor_status::sitting || st == councillor_status::deselected || st == councillor_status::withdrawn);
}

static dispute_stage stage_for(double intensity, const r8_params& p) {
  return intensity >= p.all_out_at ? dispute_stage::all_out
         : intensity >= p.strike_at ? dispute_stage::strike
         : intensity >= p.ballot_at ? dispute_stage::ballot
                                    : dispute_stage::talks;
}

static dispute_state* find_dispute(world& w, const council_state& c, const std::string& id) {
  for (std::uint32_t d = c.dispute_begin; d < c.dispute_end; ++d)
    if (w.disputes[d].active && w.disputes[d].id == id) return &w.disputes[d];
  return nullptr;
}

static dispute_state* free_dispute_slot(world& w, const council_state& c) {
  for (std::uint32_t d = c.dispute_begin; d < c.dispute_end; ++d)
    if (!w.disputes[d].active && w.disputes[d].id.empty()) return &w.disputes[d];
  for (std::uint32_t d = c.dispute_begin; d < c.dispute_end; ++d)
    if (!w.disputes[d].active) return &w.disputes[d];
  return nullptr;
}

static void start_dispute(world& w, std::size_t ci, dispute_state& d, std::string id, int union_index, int workers,
                   double intensity, int rule) {
  d.id = std::move(id);
  d.union_index = union_index;
  d.workers = workers;
  d.intensity = static_cast<float>(intensity);
  d.stage = dispute_stage::talks;
  d.weeks_running = 0;
  d.weeks_in_stage = 0;
  d.active = true;
  log_event(w, static_cast<int>(ci), rule, "dispute_start",
            format("%s: %s, %d workers, intensity %.2f", d.id.c_str(),
                   w.scen->unions[static_cast<std::size_t>(union_index)].name.c_str(), workers, intensity));
}

static void shock_dispute(world& w, std::size_t ci, const event_def& e, double shock) {
  dispute_state* d = find_dispute(w, w.councils[ci], e.dispute);
  if (!d) {
    log_event(w, static_cast<int>(ci), scripted, std::string(to_string(e.type)),
              format("%s: dispute already settled, no effect", e.dispute.c_str()));
    return;
  }
  d->intensity = static_cast<float>(std::clamp(d->intensity + shock, 0.0, 1.0));
  log_event(w, static_cast<int>(ci), scripted, std::string(to_string(e.type)),
            format("%s: intensity now %.2f", d->id.c_str(), d->intensity));
}

/// Scenario-scripted events for this council and week.
void local_scripted_events(world& w, std::size_t ci) {
  const scenario& s = *w.scen;
  const auto& r8 = s.rules.R8;
  for (int ei : w.council_scripted[ci]) {
    const event_def& e = s.events[static_cast<std::size_t>(ei)];
    if (e.week != w.week) continue;
    council_state& c = w.councils[ci];
    switch (e.type) {
      case event_kind::dispute_start:
        if (dispute_state* d = free_dispute_slot(w, c))
          start_dispute(w, ci, *d, e.dispute, e.union_index, e.workers, e.value, scripted);
        break;
      case event_kind::impose_terms: shock_dispute(w, ci, e, r8.impose_terms_shock); break;
      case event_kind::injunction_threat: shock_dispute(w, ci, e, r8.injunction_shock); break;
      case event_kind::talks_offer: shock_dispute(w, ci, e, r8.talks_shock); break;
      case event_kind::referral: {
        agenda_item item;
        item.kind = item_kind::referral;
        item.council = static_cast<int>(ci);
        item.week_filed = w.week;
        item.urgency = e.value;
        item.union_index = e.union_index;
        item.requester_position = e.union_index >= 0 ? s.unions[static_cast<std::size_t>(e.union_index)].position
                                                     : w.national.executive_median;
        item.strength = 1.0;
        w.council_outbox[ci].push_back(item);
        c.referral_pending = true;
        c.last_referral_week = w.week;
        ++c.tally[run_outcome::requests];
        log_event(w, static_cast<int>(ci), scripted, "referral", "scripted referral to the executive");
        break;
      }
      case event_kind::request: {
        agenda_item item;
        item.kind = item_kind::request;
        item.council = static_cast<int>(ci);
        item.week_filed = w.week;
        item.strength = e.value;
        item.urgency = std::min(1.0, s.rules.R1.urgency_base + s.rules.R1.urgency_share * e.value);
        item.requester_position = w.national.executive_median;
        w.council_outbox[ci].push_back(item);
        c.request_pending = true;
        c.last_request_week = w.week;
        ++c.tally[run_outcome::requests];
        log_event(w, static_cast<int>(ci), scripted, "request",
                  format("scripted request to the executive by %.0f%% of the group", 100 * e.value));
        break;
      }
      case event_kind::central_selection:
        c.central_selection_from = w.week;
        c.intervention_stock += 1.0f;  // a central takeover is visible locally (R13, R14)
        log_event(w, static_cast<int>(ci), scripted, "central_selection",
                  "the centre takes over the group's candidate selections");
        break;
      case event_kind::executive_election: break;  // central phase
    }
  }
}

/// R8: disputes move; new ones may emerge.
void local_disputes(world& w, std::size_t ci) {
  const scenario& s = *w.scen;
  const auto& p = s.rules.R8;
  council_state& c = w.councils[ci];
  const draw_stream rng(w.seed, w.run, static_cast<std::uint64_t>(w.week), stream::R8);
  c.worst_intensity = 0;
  c.disputes_active = 0;
  for (std::uint32_t di = c.dispute_begin; di < c.dispute_end; ++di) {
    dispute_state& d = w.disputes[di];
    if (!d.active) continue;
    const double militancy = s.unions[static_cast<std::size_t>(d.union_index)].militancy;
    double x = d.intensity;
    x += p.escalation * c.confrontation * militancy * (1 - x) - p.de_escalation * (1 - c.confrontation) * x +
         p.noise_sd * rng.shock(di, 0);
    d.intensity = static_cast<float>(std::clamp(x, 0.0, 1.0));
    ++d.weeks_running;
    ++d.weeks_in_stage;
    const dispute_stage before = d.stage;
    if (d.intensity < p.settle_below) {
      d.stage = dispute_stage::settled;
      d.active = false;
      log_event(w, static_cast<int>(ci), 8, "dispute_settled",
                format("%s settled after %d weeks", d.id.c_str(), d.weeks_running));
      continue;
    }
    switch (d.stage) {
      case dispute_stage::talks:
        if (d.intensity >= p.ballot_at) d.stage = dispute_stage::ballot;
        break;
      case dispute_stage::ballot:
        if (d.weeks_in_stage >= p.ballot_weeks && d.intensity >= p.strike_at)
          d.stage = stage_for(d.intensity, p);
        else if (d.intensity < p.ballot_at - p.hysteresis)
          d.stage = dispute_stage::talks;
        break;
      case dispute_stage::strike:
        if (d.intensity >= p.all_out_at) d.stage = dispute_stage::all_out;
        else if (d.intensity < p.strike_at - p.hysteresis) d.stage = dispute_stage::talks;
        break;
      case dispute_stage::all_out:
        if (d.intensity < p.all_out_at - p.hysteresis) d.stage = dispute_stage::strike;
        break;
      case dispute_stage::settled: break;
    }
    if (d.stage != before) {
      d.weeks_in_stage = 0;
      log_event(w, static_cast<int>(ci), 8, std::string(to_string(d.stage)),
                format("%s: %s -> %s, intensity %.2f, week %d of the dispute", d.id.c_str(),
                       std::string(to_string(before)).c_str(), std::string(to_string(d.stage)).c_str(), d.intensity,
                       d.weeks_running));
    }
    if (d.stage == dispute_stage::strike || d.stage == dispute_stage::all_out) ++c.tally[run_outcome::strike_weeks];
    c.worst_intensity = std::max(c.worst_intensity, d.intensity);
    ++c.disputes_active;
  }
  // Emergent disputes: a confrontational leadership provokes them.
  if (!s.unions.empty() && c.group_size > 0) {
    const double hazard = sigmoid(p.b0_new + p.b_new_confrontation * c.confrontation);
    if (rng.bernoulli(hazard, ci, 1)) {
      if (dispute_state* d = free_dispute_slot(w, c)) {
        const auto u = static_cast<int>(rng.bits(ci, 2) % s.unions.size());
        start_dispute(w, ci, *d, format("dispute-w%d", w.week), u, 100 + static_cast<int>(rng.bits(ci, 3) % 400),
                      p.new_intensity, 8);
        c.worst_intensity = std::max(c.worst_intensity, d->intensity);
        ++c.disputes_active;
      }
    }
  }
}

static bool under_intervention(const world& w, const council_state& c) {
  return c.special_measures || c.investigation_until >= w.week;
}

/// Councillor satisfaction with the leadership, and R16 opinion drift, for the party's group.
void local_group_opinion(world& w, std::size_t ci) {
  const scenario& s = *w.scen;
  const auto& p = s.rules.satisfaction;
  council_state& c = w.councils[ci];
  auto& cl = w.councillors;
  if (c.leader < 0) {
    c.group_size = 0;
    c.dissatisfied = 0;
    c.mean_satisfaction = 0;
    return;
  }
  const draw_stream rng(w.seed, w.run, static_cast<std::uint64_t>(w.week), stream::satisfaction);
  const auto leader = static_cast<std::uint32_t>(c.leader);
  const float leader_x = cl.position[leader];
  const bool policy_live = c.policy == policy_stage::proposed || c.policy == policy_stage::pursuing;
  const double policy_weight = policy_live ? p.w_policy * c.policy_salience : 0.0;
  const double dispute_pressure =
      p.w_dispute * c.worst_intensity + (c.disputes_active > 0 ? p.w_confrontation * c.confrontation : 0.0);
  const double intervention = under_intervention(w, c) ? p.w_intervention : 0.0;

  int group = 0, dissatisfied = 0;
  double sum = 0;
  std::uint32_t n_agents = 0;
  for (std::uint32_t r = c.seat_begin; r < c.seat_end; ++r) {
    if (!in_group(w, r)) continue;
    cl.order[c.seat_begin + n_agents++] = r;
    if (r == leader) continue;
    const double target = p.base + p.w_loyalty * (cl.loyalty[r] - 0.5) - p.w_distance * std::abs(cl.position[r] - leader_x) -
                          policy_weight * std::abs(cl.position[r] - c.policy_position) -
                          cl.union_ties[r] * dispute_pressure + p.w_cabinet * cl.cabinet[r] - intervention;
    double sat = cl.satisfaction[r];
    sat += p.rate * (target - sat) + p.noise_sd * rng.shock(r, 0);
    cl.satisfaction[r] = static_cast<float>(std::clamp(sat, -1.0, 1.0));
    ++group;
    dissatisfied += cl.satisfaction[r] < p.dissatisfied_below;
    sum += cl.satisfaction[r];
  }
  c.group_size = group + 1;  // with the leader
  c.dissatisfied = dissatisfied;
  c.mean_satisfaction = group > 0 ? sum / group : 0.0;

  // R16: positions drift towards confidants (bound in axis units: epsilon x width 2).
  const auto& h = s.rules.R16;
  if (h.rate > 0 && n_agents > 1) {
    std::span<std::uint32_t> agents(cl.order.data() + c.seat_begin, n_agents);
    std::span<float> work(cl.scratch.data() + c.seat_begin, n_agents);
    bounded_confidence_step(cl.position.data(), agents, work, 2.0 * h.epsilon, h.rate);
  }
}

/// Member mood: activism relaxes towards a target set by local mobilisation. Branch-free over the column.
void local_member_mood(world& w, std::size_t ci) {
  const scenario& s = *w.scen;
  const auto& p = s.rules.member_mood;
  const council_state& c = w.councils[ci];
  const bool policy_live = c.policy == policy_stage::proposed || c.policy == policy_stage::pursuing;
  const auto mobilised = static_cast<float>((policy_live ? p.mobilise_policy * c.policy_salience : 0.0) +
                                            p.mobilise_dispute * c.worst_intensity +
                                            (under_intervention(w, c) ? p.mobilise_intervention : 0.0));
  const auto boost = static_cast<float>(p.faction_boost);
  const auto rate = static_cast<float>(p.rate);
  const auto threshold = static_cast<float>(p.active_above);
  float* __restrict act = w.members.activism.data();
  const float* __restrict own = w.members.propensity.data();
  const std::uint8_t* __restrict fac = w.members.faction.data();
  const member_status* __restrict st = w.members.status.data();
  std::int64_t active = 0;
  // Branch-free: departed and suspended members are updated too, but not counted as active.
  for (std::uint64_t m = c.member_begin; m < c.member_end; ++m) {
    const float target = own[m] + mobilised + boost * static_cast<float>(fac[m]);
    act[m] += rate * (target - act[m]);
    active += (act[m] >= threshold) & (st[m] == member_status::member);
  }
  w.councils[ci].active_members = active;
}

/// R7: a backbench letter against the leadership.
void local_backbench_letter(world& w, std::size_t ci) {
  const scenario& s = *w.scen;
  const auto& p = s.rules.R7;
  const auto& sp = s.rules.satisfaction;
  council_state& c = w.councils[ci];
  if (c.leader < 0 || w.week - c.last_letter_week < p.cooldown_weeks) return;
  const double needed = std::max<double>(p.letter_min, p.letter_share * c.group_size);
  if (c.dissatisfied < needed) return;
  auto& cl = w.councillors;
  const draw_stream rng(w.seed, w.run, static_cast<std::uint64_t>(w.week), stream::R7);
  int signed_count = 0;
  for (int pass = 0; pass < 2; ++pass) {  // pass 0 counts, pass 1 records: no allocation
    signed_count = 0;
    for (std::uint32_t r = c.seat_begin; r < c.seat_end; ++r) {
      if (!in_group(w, r) || cl.cabinet[r] || cl.satisfaction[r] >= sp.dissatisfied_below) continue;
      const double x = p.b0_sign + p.b_dissatisfaction * (-cl.satisfaction[r]) - p.b_loyalty * cl.loyalty[r];
      if (!rng.bernoulli(sigmoid(x), r)) continue;
      ++signed_count;
      if (pass == 1) ++cl.dissent[r];
    }
    if (signed_count < needed) return;
  }
  c.last_letter_week = w.week;
  c.division_stock += 1.0f;
  ++c.tally[run_outcome::backbench_letters];
  for (std::uint32_t r = c.seat_begin; r < c.seat_end; ++r)
    if (in_group(w, r) && !cl.cabinet[r])
      cl.satisfaction[r] = static_cast<float>(std::max(-1.0, cl.satisfaction[r] - p.support_loss));
  const float before = c.confrontation;
  c.confrontation *= static_cast<float>(1.0 - p.concession * (1.0 - c.leader_resolve));
  log_event(w, static_cast<int>(ci), 7, "backbench_letter",
            format("%d of %d councillors sign a letter against the leadership; confrontation %.2f -> %.2f",
                   signed_count, c.group_size, before, c.confrontation),
            signed_count);
}

static bool board_meets(const region_def& r, int week) {
  return week >= r.first_meeting_week && (week - r.first_meeting_week) % r.meets_every_weeks == 0;
}

/// R9: a union moves a motion at the regional board asking the executive to investigate the leadership.
void local_regional_referral(world& w, std::size_t ci) {
  const scenario& s = *w.scen;
  const auto& p = s.rules.R9;
  council_state& c = w.councils[ci];
  const council_def& def = s.councils[ci];
  if (def.region_index < 0 || c.leader < 0 || c.referral_pending) return;
  const region_def& region = s.regions[static_cast<std::size_t>(def.region_index)];
  if (!board_meets(region, w.week) || w.week - c.last_referral_week < p.cooldown_weeks) return;
  const dispute_state* worst = nullptr;
  for (std::uint32_t di = c.dispute_begin; di < c.dispute_end; ++di) {
    const dispute_state& d = w.disputes[di];
    if (d.active && d.intensity >= p.min_intensity && d.weeks_running >= p.min_weeks &&
        (!worst || d.intensity > worst->intensity))
      worst = &d;
  }
  if (!worst) return;
  const draw_stream rng(w.seed, w.run, static_cast<std::uint64_t>(w.week), stream::R9);
  const union_def& u = s.unions[static_cast<std::size_t>(worst->union_index)];
  const bool recent_letter = w.week - c.last_letter_week <= 26;
  if (!rng.bernoulli(sigmoid(p.b0_motion + p.b_militancy * u.militancy + (recent_letter ? p.b_letter_motion : 0.0)), ci, 0))
    return;
  const int union_seats = static_cast<int>(std::lround(region.union_weight * region.size));
  const double p_union = sigmoid(p.union_yes_b0 + p.union_yes_intensity * worst->intensity);
  const double dissatisfied_share = c.group_size > 0 ? static_cast<double>(c.dissatisfied) / c.group_size : 0.0;
  const double p_other = sigmoid(p.other_yes_b0 + (recent_letter ? p.other_yes_letter : 0.0) +
                                 p.other_yes_dissatisfied * dissatisfied_share);
  int yes = 0;
  for (int m = 0; m < region.size; ++m)
    yes += rng.bernoulli(m < union_seats ? p_union : p_other, ci, 1 + static_cast<std::uint64_t>(m));
  if (yes < region.threshold * region.size) {
    log_event(w, static_cast<int>(ci), 9, "motion_defeated",
              format("%s's motion at %s: %d of %d in favour", u.name.c_str(), region.name.c_str(), yes,
                     region.size));
    return;
  }
  agenda_item item;
  item.kind = item_kind::referral;
  item.council = static_cast<int>(ci);
  item.week_filed = w.week;
  item.urgency = p.urgency;
  item.union_index = worst->union_index;
  item.requester_position = u.position;
  item.strength = static_cast<double>(yes) / region.size;
  w.council_outbox[ci].push_back(item);
  c.referral_pending = true;
  c.last_referral_week = w.week;
  ++c.tally[run_outcome::requests];
  log_event(w, static_cast<int>(ci), 9, "referral",
            format("%s refers the leader to the executive: %d of %d in favour (motion by %s over %s)",
                   region.name.c_str(), yes, region.size, u.name.c_str(), worst->id.c_str()),
            yes);
}

/// R10: when a majority is dissatisfied, the group challenges its leader.
void local_leadership_challenge(world& w, std::size_t ci) {
  const scenario& s = *w.scen;
  const auto& p = s.rules.R10;
  council_state& c = w.councils[ci];
  if (c.leader < 0 || c.group_size < 3 || w.week - c.last_challenge_week < p.cooldown_weeks) return;
  if (c.dissatisfied < p.trigger_share * (c.group_size - 1)) return;
  auto& cl = w.councillors;
  const draw_stream rng(w.seed, w.run, static_cast<std::uint64_t>(w.week), stream::R10);
  int against = 0;
  for (std::uint32_t r = c.seat_begin; r < c.seat_end; ++r) {
    if (!in_group(w, r) || r == c.leader) continue;
    against += rng.bernoulli(sigmoid(p.c0 - p.c_satisfaction * cl.satisfaction[r]), r);
  }
  c.last_challenge_week = w.week;
  c.division_stock += 1.0f;
  ++c.tally[run_outcome::leadership_challenges];
  if (2 * against <= c.group_size) {
    log_event(w, static_cast<int>(ci), 10, "challenge_failed",
              format("leadership challenge fails: %d of %d vote against the leader", against, c.group_size), against);
    return;
  }
  const std::int64_t next = replace_leader(w, ci, stream::R10);
  if (next < 0) return;
  c.confrontation *= static_cast<float>(p.new_confrontation);
  ++c.tally[run_outcome::leaders_removed];
  log_event(w, static_cast<int>(ci), 10, "leader_replaced",
            format("%d of %d vote against the leader; new leader at position %+.2f%s", against, c.group_size,
                   w.councillors.position[static_cast<std::size_t>(next)], c.special_measures ? " (appointed by the centre)" : ""),
            against);
}


void local_phase(world& w, std::size_t ci) {
  local_calendar(w, ci);
  local_formation(w, ci);
  local_scripted_events(w, ci);
  local_disputes(w, ci);
  local_group_opinion(w, ci);
  local_member_mood(w, ci);
  local_member_exit(w, ci);
  local_backbench_letter(w, ci);
  local_request(w, ci);
  local_regional_referral(w, ci);
  local_selections(w, ci);
  local_leader_response(w, ci);
  local_leadership_challenge(w, ci);
  local_policy_course(w, ci);
}

}  // namespace partyline
