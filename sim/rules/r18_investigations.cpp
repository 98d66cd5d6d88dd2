// R18 Investigations, findings and sanctions.
#include "partyline/rules/r18_investigations.hpp"

#include <algorithm>
#include <cmath>

#include "partyline/rules/detail/common.hpp"
#include "partyline/rules/independents.hpp"
#include "partyline/rules/detail/leadership.hpp"

namespace partyline {

using namespace detail;

namespace {

/// A log-normal number of weeks around `median` (at least one), drawn for this council.
int drawn_weeks(const draw_stream& rng, std::size_t ci, std::uint64_t counter, double median, double log_sd) {
  return std::max(1, static_cast<int>(std::lround(median * std::exp(log_sd * rng.normal(ci, counter)))));
}

}  // namespace

void investigations::count_sanction(world& w, std::size_t ci) {
  const int first = w.councils[ci].centre.first_item_week;
  emit(w, static_cast<int>(ci), id, event::sanction, first >= 0 ? w.week - first : 0);
}

double investigations::urgency(const world& w, double severity) {
  const auto& p = w.params->R18;
  return std::min(1.0, p.urgency_base + p.urgency_severity * severity);
}

void investigations::open(world& w, std::size_t ci) {
  const auto& p = w.params->R18;
  centre_state& centre = w.councils[ci].centre;
  centre.investigation_until = w.week + drawn_weeks(draws(w, id), ci, 0, p.duration_median_weeks, p.duration_log_sd);
}

void investigations::run(world& w, std::size_t ci) {
  const auto& p = w.params->R18;
  council_state& c = w.councils[ci];
  const draw_stream rng = draws(w, id);
  if (c.centre.investigation_until == w.week) {
    const double evidence = p.f0 + p.f_division * division_index(w, c) + p.f_disputes * c.derived.worst_intensity +
                            p.f_allegation * c.centre.allegation + p.f_refused * c.centre.advice_refused +
                            p.noise_sd * rng.normal(ci, 1);
    const double severity = std::clamp(evidence, 0.0, 1.0);
    c.centre.findings = static_cast<float>(severity);
    const bool acted_on = severity >= p.findings_threshold && c.leadership.leader >= 0 && !c.centre.findings_pending;
    emit(w, static_cast<int>(ci), id, event::investigation_concluded, std::lround(100 * severity), [&] {
      return format("the investigation reports: findings of severity %.2f%s", severity,
                    acted_on ? ", put to the executive" : ", no further action");
    });
    if (acted_on)
      file_with_executive(w, ci, new_item(w, ci, item_kind::findings, urgency(w, severity), severity,
                                          w.national.executive_median));
  }
  if (c.centre.hearing_until == w.week) {
    // The disciplinary panel's verdicts: the charged (suspended) councillors are expelled or reinstated.
    auto& cl = w.councillors;
    const std::uint32_t ind = static_cast<std::uint32_t>(w.scen->party_id("ind"));
    int expelled = 0, reinstated = 0;
    for (std::uint32_t r = c.rows.seat_begin; r < c.rows.seat_end; ++r) {
      if (cl.party[r] != w.scen->party_index || cl.status[r] != councillor_status::suspended) continue;
      if (rng.bernoulli(p.p_expel, r, 2)) {
        cl.party[r] = static_cast<decltype(cl.party)::value_type>(ind);
        cl.status[r] = councillor_status::independent;  // expelled councillors sit as independents
        // ... and may stand against the party at the next election, with the grievance of an expulsion (their
        // members' backing: as at their last selection, if one measured it).
        const double support =
            cl.selection[r] == selection_state::undecided ? w.params->independents.support_unmeasured : cl.ballot_support[r];
        independent_candidacy::consider_standing(w, r, support, independent_candidacy::grievance(w, c, support, true), rng, 9);
        ++expelled;
      } else {
        cl.status[r] = councillor_status::sitting;
        ++reinstated;
      }
    }
    c.centre.hearing_until = -1;
    c.centre.allegation = 0;  // the case is closed
    c.centre.accused = -1;
    emit(w, static_cast<int>(ci), id, event::expulsion, expelled, [&] {
      return format("the disciplinary hearing expels %d councillors and reinstates %d", expelled, reinstated);
    });
    if (expelled > 0) count_sanction(w, ci);
  }
}

void investigations::suspend_individuals(world& w, std::size_t ci, double severity) {
  const auto& p = w.params->R18;
  council_state& c = w.councils[ci];
  auto& cl = w.councillors;
  const draw_stream rng = draws(w, id);
  int suspended = 0;
  // The accused is suspended pending the case (a successor of an accused leader is not the accused).
  const bool against_accused = c.centre.allegation > 0 && c.centre.accused >= 0 &&
                               in_group(w, static_cast<std::uint32_t>(c.centre.accused));
  const bool against_leader = against_accused && c.centre.accused == c.leadership.leader;
  if (against_accused) {
    cl.status[static_cast<std::size_t>(c.centre.accused)] = councillor_status::suspended;
    ++suspended;
  } else {
    for (std::uint32_t r : group_rows(w, c)) {
      if (r == c.leadership.leader || cl.dissent[r] == 0) continue;
      if (!rng.bernoulli(p.suspend_share * severity, r, 3)) continue;
      cl.status[r] = councillor_status::suspended;
      ++suspended;
    }
  }
  emit(w, static_cast<int>(ci), id, event::suspension_individual, suspended, [&] {
    return against_leader    ? std::string("the leader is administratively suspended pending the case")
           : against_accused ? std::string("the accused councillor is administratively suspended pending the case")
                             : format("%d councillors are administratively suspended", suspended);
  });
  if (against_leader) {
    const std::int64_t next = replace_leader(w, ci, id);
    (void)next;
  }
  if (suspended > 0) count_sanction(w, ci);
}

void investigations::suspend_local_party(world& w, std::size_t ci) {
  council_state& c = w.councils[ci];
  c.centre.local_party_suspended = true;
  if (c.selections.central_from < 0) c.selections.central_from = w.week;  // selections are run by the centre (R6)
  emit(w, static_cast<int>(ci), id, event::local_party_suspended, 0, [] {
    return std::string("the local party is suspended: its meetings and officers are frozen, the centre runs its selections");
  });
  count_sanction(w, ci);
}

void investigations::bring_charges(world& w, std::size_t ci, double severity) {
  const auto& p = w.params->R18;
  council_state& c = w.councils[ci];
  // The charged are suspended until the hearing (administrative suspension), then expelled or reinstated.
  suspend_individuals(w, ci, std::max(severity, 0.5));
  c.centre.hearing_until = w.week + drawn_weeks(draws(w, id), ci, 4, p.hearing_median_weeks, p.duration_log_sd);
}

}  // namespace partyline
