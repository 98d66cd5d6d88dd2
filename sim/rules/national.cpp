// The national phase (reductions over all councils, in council order so results never depend on threads) and
// the apply phase (each council applies the executive's decisions about it).
#include <cmath>

#include "partyline/engine/random.hpp"
#include "partyline/rules/phases.hpp"

namespace partyline {

namespace {

/// R4: after an intervention, the party's other council leaders may sign a protest letter.
void protest_letter(world& w, const decision& d) {
  const scenario& s = *w.scen;
  const auto& p = s.rules.R4;
  const draw_stream rng(w.seed, w.run, static_cast<std::uint64_t>(w.week), stream::R4);
  const double centre = w.executive.median_position;
  int leaders = 0, signatories = 0;
  for (std::size_t c = 0; c < w.councils.size(); ++c) {
    const council_state& other = w.councils[c];
    if (static_cast<int>(c) == d.council || other.leader < 0) continue;
    ++leaders;
    const double distance = std::abs(w.councillors.position[static_cast<std::size_t>(other.leader)] - centre);
    const double x = p.s0 + p.s_autonomy * other.leader_autonomy + p.s_distance * distance +
                     (d.notice_given ? 0.0 : p.s_no_notice) + (d.kind == decision_kind::investigate ? p.s_investigate : 0.0);
    signatories += rng.bernoulli(sigmoid(x), c, static_cast<std::uint64_t>(d.council));
  }
  if (signatories < p.letter_min) {
    if (signatories > 0)
      log_event(w, d.council, 4, "protest_fizzles",
                format("only %d of %d other council leaders would sign a protest letter", signatories, leaders), signatories);
    return;
  }
  auto& rc = w.result.counters;
  ++rc[run_outcome::protest_letters];
  rc[run_outcome::protest_signatories_max] = std::max<std::int64_t>(rc[run_outcome::protest_signatories_max], signatories);
  const double before = w.executive.backlash;
  w.executive.backlash += p.backlash_per_signatory * signatories;
  w.executive.protest_stock += 1.0;
  log_event(w, d.council, 4, "protest_letter",
            format("%d of %d other council leaders sign a letter calling the %s \"an affront to the basic principles of "
                   "democracy\"%s; backlash %.2f -> %.2f",
                   signatories, leaders, std::string(to_string(d.kind)).c_str(), d.notice_given ? "" : " (no notice given)",
                   before, w.executive.backlash),
            signatories);
}

}  // namespace

void national_phase(world& w) {
  const scenario& s = *w.scen;
  // Backlash decays with its half-life (precedent fades); so does the electoral memory of protest letters.
  w.executive.backlash *= std::pow(0.5, 1.0 / s.executive.backlash_half_life_weeks);
  w.executive.protest_stock *= std::pow(0.5, 1.0 / 26.0);
  for (const decision& d : w.executive.published)
    if (is_intervention(d.kind)) protest_letter(w, d);
}

void apply_phase(world& w, std::size_t ci) {
  const scenario& s = *w.scen;
  council_state& c = w.councils[ci];
  for (const decision& d : w.executive.published) {
    if (d.council != static_cast<int>(ci)) continue;
    if (d.item == item_kind::coalition) {
      apply_coalition_decision(w, ci, d);
      continue;
    }
    if (d.kind != decision_kind::defer) {
      (d.item == item_kind::request ? c.request_pending : c.referral_pending) = false;
    }
    if (!is_intervention(d.kind)) continue;
    ++c.tally[run_outcome::interventions];
    c.intervention_stock += 1.0f;
    switch (d.kind) {
      case decision_kind::advise_pause:
        ++c.tally[run_outcome::interventions_advise_pause];
        c.response_pending = true;  // R3: comply (pause, mediation) or resist (refuse mediation)
        break;
      case decision_kind::investigate:
        ++c.tally[run_outcome::interventions_investigate];
        c.investigation_until = w.week + s.rules.R2.investigation_weeks;
        break;
      case decision_kind::special_measures:
        ++c.tally[run_outcome::interventions_special_measures];
        c.special_measures = true;  // the centre now appoints leaders (R10) and chooses candidates (R6)
        c.response_pending = true;
        log_event(w, static_cast<int>(ci), 2, "special_measures_begin",
                  "the group is under special measures: the centre appoints its leader and chooses its candidates");
        break;
      case decision_kind::remove_leader:
        if (c.leader >= 0) {
          ++c.tally[run_outcome::interventions_remove_leader];
          ++c.tally[run_outcome::leaders_removed];
          const std::int64_t next = replace_leader(w, ci, stream::R2);
          log_event(w, static_cast<int>(ci), 2, "leader_removed",
                    next >= 0 ? format("the executive removes the leader; new leader at %+.2f",
                                       w.councillors.position[static_cast<std::size_t>(next)])
                              : std::string("the executive removes the leader; no successor"));
        }
        break;
      default: break;
    }
  }
}

}  // namespace partyline
