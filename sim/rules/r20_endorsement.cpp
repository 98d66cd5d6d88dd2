// R20 Endorsement of candidates.
#include "partyline/rules/r20_endorsement.hpp"

#include <algorithm>
#include <cmath>

#include "partyline/rules/detail/common.hpp"
#include "partyline/rules/detail/leadership.hpp"
#include "partyline/rules/independents.hpp"
#include "partyline/rules/r05_reselection.hpp"
#include "partyline/rules/r06_central_selection.hpp"
#include "partyline/rules/r19_escalation.hpp"

namespace partyline {

using namespace detail;

double endorsement::p_refuse(const world& w, const candidate_panel& panel, const place& candidate, int dissent, double allegation) {
  const auto& p = w.params->R20;
  const double evidence = p.n_distance * distance(w, candidate, panel.median) + p.n_dissent * dissent +
                          p.n_allegation * allegation;
  return sigmoid(p.n0 + evidence * escalation::weight_of_evidence(w, panel.centralism));
}

namespace {

/// The panel refuses the candidate for seat `r` (a reselected councillor if `incumbent`, else the members' choice
/// to replace one). The members choose again while the selection window is open; after it the centre imposes.
void refuse(world& w, council_id ci, councillor_id r, bool incumbent, const draw_stream& rng) {
  const step_context x(w, ci, endorsement::id);
  council_state& c = w.councils[ci];
  auto& cl = w.councillors;
  const bool members_again = w.week <= c.electoral.next_election - w.params->R5.window_close_weeks_before;
  const candidate_panel panel = panel_of(w, ci);
  const double imposed = std::clamp(panel.median.x + w.params->R6.replacement_sd * rng.normal(r, 1), -1.0, 1.0);
  const double next = members_again
                          ? std::clamp(members_choice(w, c, cl.ward[r], cl.position[r]) + w.params->R5.challenger_sd * rng.normal(r, 3),
                                       -1.0, 1.0)
                          : imposed;
  const double refused_position = incumbent ? cl.position[r] : cl.candidate_position[r];
  if (incumbent) {
    // A sitting councillor the members had reselected: the centre ends their candidacy.
    place next_at = members_again ? local_place(w, ci, next) : panel.median;  // the members' choice, or the panel's
    next_at.x = next;
    const double support = reselection::expected_support(w, c, cl.ward[r], councillor_place(w, r), next_at);
    cl.selection[r] = selection_state::deselected_central;
    cl.status[r] = councillor_status::deselected;
    ++c.selections.deselected_or_withdrawn;
    independent_candidacy::consider_standing(
        w, r, support,
        independent_candidacy::grievance(w, c, support, true, independent_candidacy::accused_severity(w, c, r)), rng, 2);
  } else {
    // The members' choice had beaten (or replaced) the sitting councillor: their backing is the rest of the ballot.
    const double support = std::clamp(1.0 - static_cast<double>(cl.ballot_support[r]), 0.0, 1.0);
    // No complaint names them: complaints are against councillors, and the members' choice is not yet one.
    independent_candidacy::consider_refused_choice(w, ci, r, support, independent_candidacy::grievance(w, c, support, true), rng, 2);
  }
  cl.candidate_position[r] = static_cast<float>(next);
  cl.endorsement[r] = members_again ? endorsement_state::pending : endorsement_state::refused;
  central_action(c, w.params->R6.publicity);  // centralisation made visible
  x.emit(event::endorsement_refused, 0, [&] {
    return format("%s refuses to endorse the members' candidate%s (position %+.2f); %s", panel.said(),
                  incumbent ? ", a sitting councillor," : "", refused_position, members_again ? "the members choose again" : "it imposes its own");
  });
  if (!members_again) x.emit(event::candidate_imposed);
}

/// At the close of nominations, each councillor the party dropped -- deselected by the members or the centre, or their
/// endorsement refused -- who is nominated against its candidate ends their membership: Rule Book ch. 2 (a member who
/// stands against an official Labour candidate is automatically ineligible to remain a member), without a hearing, as
/// for mayor (R21). They sit as independents until the count and leave the group now, not at it -- all but a sitting
/// mayor who leads the group, as for mayor.
void exclude_those_standing_against(world& w, council_id ci, const step_context& x) {
  council_state& c = x.c;
  const auto& cl = w.councillors;  // read here; exclude_from_party writes
  int excluded = 0;
  bool leader_excluded = false;
  for (const councillor_id r : c.rows.councillors()) {
    if (cl.party[r] != w.scen->party_index || cl.status[r] != councillor_status::deselected ||
        !(cl.stands_independent[r] & independent_stand::councillor))
      continue;
    // A directly elected mayor who leads the group keeps the office and its lead until a contest decides it (R21).
    if (r == c.leadership.leader && c.leadership.directly_elected) continue;
    exclude_from_party(w, r);
    leader_excluded |= r == c.leadership.leader;
    ++excluded;
  }
  if (excluded == 0) return;
  x.emit(event::auto_excluded, excluded, [&] {
    return format("nominations close: %d councillor%s standing against the party's candidates %s excluded from the party",
                  excluded, excluded == 1 ? "" : "s", excluded == 1 ? "is" : "are");
  });
  if (leader_excluded) (void)replace_leader(w, ci, endorsement::id);  // the group elects another
}

/// The panel's weekly look at the candidates: each members' choice not yet endorsed, and an endorsed one an allegation
/// now names.
void review_candidates(world& w, council_id ci, const candidate_panel& panel, const step_context& x) {
  council_state& c = x.c;
  auto& cl = w.councillors;
  for (const councillor_id r : c.rows.councillors()) {
    if (cl.party[r] != w.scen->party_index || cl.selection[r] == selection_state::undecided) continue;
    const bool incumbent = cl.selection[r] == selection_state::reselected;
    if (incumbent && cl.status[r] != councillor_status::sitting) continue;
    const bool accused = incumbent && c.centre.allegation > 0 && cl.complained_of[r];
    if (cl.endorsement[r] == endorsement_state::endorsed) {
      // An allegation against an endorsed candidate: the panel looks again, once.
      if (!accused || c.centre.allegation_reviewed) continue;
      c.centre.allegation_reviewed = true;
    } else if (cl.endorsement[r] != endorsement_state::pending) {
      continue;
    }
    const place candidate = incumbent ? councillor_place(w, r) : local_place(w, ci, cl.candidate_position[r]);
    const double pr = endorsement::p_refuse(w, panel, candidate, incumbent ? cl.dissent[r] : 0, accused ? c.centre.allegation : 0.0);
    if (x.rng.bernoulli(pr, r, 0)) refuse(w, ci, r, incumbent, x.rng);
    else cl.endorsement[r] = endorsement_state::endorsed;
  }
}

}  // namespace

void endorsement::run(world& w, council_id ci) {
  const step_context x(w, ci, id);
  const auto& p = w.params->R20;
  council_state& c = x.c;
  const int closes = c.electoral.next_election - p.nominations_close_weeks_before;
  const candidate_panel panel = panel_of(w, ci);
  // The panel looks at the candidates until nominations close, unless it has no power or the centre chooses the
  // candidates itself (R6); at the close, those the party dropped who stand against it are excluded (after this
  // week's refusals, so that one refused now and standing is excluded too).
  if (panel.endorses && c.electoral.next_election >= 0 && w.week <= closes && !central_selection::applies(w, c))
    review_candidates(w, ci, panel, x);
  if (c.electoral.next_election >= 0 && w.week == closes) exclude_those_standing_against(w, ci, x);
}

}  // namespace partyline
