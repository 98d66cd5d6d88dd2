// R17 The centre's own initiative.
#include "partyline/rules/r17_own_initiative.hpp"

#include <algorithm>

#include "partyline/rules/detail/common.hpp"
#include "partyline/rules/r02_executive_decision.hpp"
#include "partyline/rules/r06_central_selection.hpp"
#include "partyline/rules/r13_elections.hpp"
#include "partyline/rules/r18_investigations.hpp"
#include "partyline/rules/r19_escalation.hpp"

namespace partyline {

using namespace detail;

namespace {

/// A review of how the group is run (the party's Campaign Improvement Boards): where the party has a standing body
/// for it -- a declared board conducting group reviews (`group_review`), or the power stated alone
/// (`executive.powers.review_groups`) -- for a group never investigated in the run: a review reports once, and its
/// findings stand on the record (R19's ladder).
bool may_review(const world& w, const council_state& c) {
  return (w.scen->executive.powers.review_groups || investigations::review_board(w, index_of(w, c)) >= 0) &&
         c.centre.investigation_until < 0 && escalation::on_menu(w, c, investigations::investigate);
}

}  // namespace

double own_initiative::control_at_risk(const world& w, const council_state& c) {
  const int seats = c.rows.seats();
  if (seats <= 0 || c.electoral.control != w.scen->party_index) return 0.0;
  const double excess = static_cast<double>(c.electoral.seats_by_party[our_party(w)]) / seats - 0.5;
  return std::clamp(1.0 - excess / w.params->R17.risk_margin, 0.0, 1.0);
}

void own_initiative::run(world& w, council_id ci) {
  const step_context x(w, ci, id);
  const auto& p = w.params->R17;
  council_state& c = x.c;
  if (!x.leader() || c.derived.group_size < 3 || pending(w, c, item) || c.centre.special_measures ||
      w.week - last_filed(w, c, item) < p.cooldown_weeks)
    return;
  // The officers raise a group only when the executive could still act on it (R19's menu for their items): a
  // drastic step, or a review of how the local party is run (an investigation, R18).
  if (!escalation::on_menu(w, c, central_selection::take_over_selections) &&
      !escalation::on_menu(w, c, executive_decision::special_measures) && !escalation::on_menu(w, c, executive_decision::remove_leader) &&
      !may_review(w, c))
    return;
  const double proximity = escalation::election_proximity(w, c);
  const double division = division_index(w, c);
  // The officers weigh what they see as their executive would (R19), drawn towards the party leader's project where
  // one is stated (R23): a centralising one acts on less.
  // A divided group matters the more as polling day nears; a united one is no concern whenever the election is.
  const double risk = control_at_risk(w, c);
  // A grave allegation against the leader (or mayor) is a scandal for the local party, whoever leads it now.
  const double scandal = c.centre.accused_led ? c.centre.allegation : 0.0;
  // A group that has lost seats over the cycle is "underperforming" (the party's Campaign Improvement Boards).
  const double decline = elections::results_decline(w, c);
  const double concern_logit =
      p.m0 + (p.m_division * division * (1.0 + p.m_election * proximity) + p.m_risk * risk * proximity + p.m_scandal * scandal +
              p.m_results * decline) *
                 escalation::weight_of_evidence(w, w.national.officers_centralism);
  if (!x.rng.bernoulli(sigmoid(concern_logit), ci)) return;
  file_item(w, ci, new_item(w, ci, item, std::min(1.0, p.urgency_base + p.urgency_election * proximity), std::min(1.0, division),
                            w.national.executive_median));
  x.emit(event::monitoring, 0, [&] {
    return format("the executive's officers put the group on its agenda (division index %.2f, control at risk %.2f, scandal %.2f, "
                  "seats lost over the cycle %.0f%%, election in %d weeks)",
                  division, risk, scandal, 100 * decline, c.electoral.next_election >= 0 ? c.electoral.next_election - w.week : -1);
  });
}

namespace {

/// The officers raise a group: the remedy is in its selections or its running (the drastic steps R19's ladder has
/// opened) -- or, milder than any of them and open whatever the ladder says, a review of how the local party is run
/// where the party has a board for it: an investigation whose findings may open the ladder (R18). The party's Campaign
/// Improvement Boards are such reviews: asked to look into Birmingham "late last year" (2022) and into Leicester on the
/// group's in-fighting, and into Sheffield and Sunderland on groups that had lost seats. Before a group's results were
/// weighed (2026-12-07) the review was offered only where no drastic step was open; a group raised near an election
/// for its results then met only a takeover of its selections, which its evidence could not carry.
void monitoring_menu(const world& w, const agenda_item& item, motion_list& out) {
  const council_state& c = council_of(w, item);
  escalation::offer(w, c, executive_decision::remove_leader, out);
  escalation::offer(w, c, executive_decision::special_measures, out);
  escalation::offer(w, c, central_selection::take_over_selections, out);
  if (may_review(w, c)) escalation::offer(w, c, investigations::investigate, out);
}

}  // namespace

const item_kind_def own_initiative::item{.name = "monitoring",
    .by = "R17: a takeover of selections (R6), special measures or a removal (R2), or a review (R18)",
                                         .votes = executive_decision::id,
                                         .notice = true,
                                         .may_defer = true,
                                         .no_majority = &executive_decision::dismiss,
                                         .menu = monitoring_menu,
                                         .logits = executive_decision::council_action_logits,
                                         .counter = executive_decision::council_action_counter,
                                         .decided = executive_decision::apply_council_action};

}  // namespace partyline
