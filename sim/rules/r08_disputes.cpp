// R8 Industrial disputes.
#include "partyline/rules/r08_disputes.hpp"

#include <algorithm>
#include <cmath>

#include "partyline/rules/detail/common.hpp"

namespace partyline {

using namespace detail;

namespace {

event event_of(dispute_stage s) {
  switch (s) {
    case dispute_stage::talks: return event::dispute_talks;
    case dispute_stage::ballot: return event::dispute_ballot;
    case dispute_stage::strike: return event::dispute_strike;
    case dispute_stage::all_out: return event::dispute_all_out;
    case dispute_stage::settled: break;
  }
  return event::dispute_settled;
}

}  // namespace

dispute_stage industrial_disputes::stage_for(double intensity, const params& p) {
  return intensity >= p.all_out_at ? dispute_stage::all_out
         : intensity >= p.strike_at ? dispute_stage::strike
         : intensity >= p.ballot_at ? dispute_stage::ballot
                                    : dispute_stage::talks;
}

dispute_state* industrial_disputes::find(world& w, const council_state& c, const std::string& dispute_id) {
  for (std::uint32_t d = c.rows.dispute_begin; d < c.rows.dispute_end; ++d)
    if (w.disputes[d].active && w.disputes[d].id == dispute_id) return &w.disputes[d];
  return nullptr;
}

dispute_state* industrial_disputes::free_slot(world& w, const council_state& c) {
  for (std::uint32_t d = c.rows.dispute_begin; d < c.rows.dispute_end; ++d)
    if (!w.disputes[d].active && w.disputes[d].id.empty()) return &w.disputes[d];
  for (std::uint32_t d = c.rows.dispute_begin; d < c.rows.dispute_end; ++d)
    if (!w.disputes[d].active) return &w.disputes[d];
  return nullptr;
}

void industrial_disputes::start(world& w, council_id ci, dispute_state& d, std::string dispute_id, int union_index,
                                int workers, double intensity, stream rule) {
  d = dispute_state{};  // a reused slot starts afresh (tactics included)
  d.id = std::move(dispute_id);
  d.union_index = union_index;
  d.workers = workers;
  d.intensity = static_cast<float>(intensity);
  d.stage = dispute_stage::talks;
  d.active = true;
  emit(w, ci, rule, event::dispute_start, workers, [&] {
    return format("%s: %s, %d workers, intensity %.2f", d.id.c_str(),
                  union_of(w, union_index).name.c_str(), workers, intensity);
  });
}

std::array<double, 4> industrial_disputes::tactic_odds(const dispute_state& d, double confrontation, double dissent,
                                                      const params& p) {
  // A multinomial logit against waiting. The pressure to act (the dispute's intensity) raises every move alike; the
  // leadership's confrontation decides which: a conciliatory one talks, a confrontational one imposes terms (more
  // likely the longer the dispute has run) or threatens an injunction (against a strike under way).
  const double pressure = p.tactic_pressure * d.intensity;
  const bool striking = d.stage == dispute_stage::strike || d.stage == dispute_stage::all_out;
  const double talks = std::exp(p.talks_b0 + pressure + p.talks_conciliation * (1 - confrontation) + p.talks_dissent * dissent);
  const double impose =
      d.terms_imposed ? 0.0
                      : std::exp(p.impose_b0 + pressure + p.impose_confrontation * confrontation +
                                 p.impose_duration * (1 - std::exp(-d.weeks_running / 52.0)));
  const double injunction =
      d.injunction_threatened ? 0.0
                              : std::exp(p.injunction_b0 + pressure + p.injunction_confrontation * confrontation +
                                         (striking ? p.injunction_action : 0.0));
  const double total = 1 + talks + impose + injunction;
  return {1 / total, talks / total, impose / total, injunction / total};
}

industrial_disputes::tactic industrial_disputes::choose(const dispute_state& d, double confrontation, double dissent,
                                                        double u, const params& p) {
  if (d.weeks_since_move < p.tactic_gap_weeks) return tactic::wait;
  const auto odds = tactic_odds(d, confrontation, dissent, p);
  double below = 0;
  for (std::size_t k = 1; k < odds.size(); ++k) {
    below += odds[k];
    if (u < below) return static_cast<tactic>(k);
  }
  return tactic::wait;
}

void industrial_disputes::run(world& w, council_id ci) {
  const step_context x(w, ci, id);
  const scenario& s = *w.scen;
  const auto& p = w.params->R8;
  council_state& c = w.councils[ci];
  const draw_stream& rng = x.rng;  // the step's own stream
  derived_state& derived = c.derived;
  derived.worst_intensity = 0;
  derived.disputes_active = 0;
  for (std::uint32_t di = c.rows.dispute_begin; di < c.rows.dispute_end; ++di) {
    dispute_state& d = w.disputes[di];
    if (!d.active) continue;
    const double militancy = union_of(w, d.union_index).militancy;
    const double confrontation = c.leadership.confrontation;
    // The leadership's move first (on last week's dispute): it shifts the intensity the union responds to.
    ++d.weeks_since_move;
    const double dissent = derived.group_size > 0 ? static_cast<double>(derived.dissatisfied) / derived.group_size : 0.0;
    if (const tactic move = choose(d, confrontation, dissent, rng.uniform(di, 4), p); move != tactic::wait) {
      double shift = p.talks_shock;
      event told = event::talks_offer;
      const char* what = "offers talks";
      if (move == tactic::impose_terms) {
        shift = p.impose_terms_shock, told = event::impose_terms, what = "imposes terms";
        d.terms_imposed = true;
      } else if (move == tactic::injunction) {
        shift = p.injunction_shock, told = event::injunction_threat, what = "threatens an injunction";
        d.injunction_threatened = true;
      }
      d.weeks_since_move = 0;
      d.intensity = static_cast<float>(std::clamp(d.intensity + shift, 0.0, 1.0));
      x.emit(told, d.weeks_running, [&] {
        return format("%s: the leadership %s (confrontation %.2f), intensity now %.2f", d.id.c_str(), what, confrontation,
                      d.intensity);
      });
    }
    double intensity = d.intensity;
    intensity += p.escalation * confrontation * militancy * (1 - intensity) - p.de_escalation * (1 - confrontation) * intensity +
         p.noise_sd * rng.shock(di, 0);
    d.intensity = static_cast<float>(std::clamp(intensity, 0.0, 1.0));
    ++d.weeks_running;
    ++d.weeks_in_stage;
    const dispute_stage before = d.stage;
    if (d.intensity < p.settle_below) {
      d.stage = dispute_stage::settled;
      d.active = false;
      x.emit(event::dispute_settled, d.weeks_running,
           [&] { return format("%s settled after %d weeks", d.id.c_str(), d.weeks_running); });
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
      x.emit(event_of(d.stage), d.weeks_running, [&] {
        return format("%s: %s -> %s, intensity %.2f, week %d of the dispute", d.id.c_str(),
                      std::string(to_string(before)).c_str(), std::string(to_string(d.stage)).c_str(), d.intensity,
                      d.weeks_running);
      });
    }
    if (d.stage == dispute_stage::strike || d.stage == dispute_stage::all_out) x.emit(event::strike_week);
    derived.worst_intensity = std::max(derived.worst_intensity, d.intensity);
    ++derived.disputes_active;
  }
  // What the leadership's disputes have come to stays on its record (R18's findings weigh it).
  c.leadership.dispute_record = std::max(c.leadership.dispute_record, derived.worst_intensity);
  // Emergent disputes: a confrontational leadership provokes them.
  if (!s.unions.empty() && derived.group_size > 0) {
    const double hazard = sigmoid(p.b0_new + p.b_new_confrontation * c.leadership.confrontation);
    if (rng.bernoulli(hazard, ci, 1)) {
      if (dispute_state* d = free_slot(w, c)) {
        const auto u = static_cast<int>(rng.bits(ci, 2) % s.unions.size());
        start(w, ci, *d, format("dispute-w%d", w.week), u,
              100 + static_cast<int>(rng.bits(ci, 3) % 400), p.new_intensity, id);
        derived.worst_intensity = std::max(derived.worst_intensity, d->intensity);
        ++derived.disputes_active;
      }
    }
  }
}

}  // namespace partyline
