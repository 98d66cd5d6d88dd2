// R6 Central selection control.
#include "partyline/rules/r06_central_selection.hpp"

#include <algorithm>
#include <cmath>

#include "partyline/rules/detail/common.hpp"
#include "partyline/rules/r02_executive_decision.hpp"
#include "partyline/rules/detail/selection.hpp"

namespace partyline {

using namespace detail;

bool central_selection::applies(const world& w, const council_state& c) {
  return c.centre.special_measures || (c.selections.central_from >= 0 && w.week >= c.selections.central_from);
}

void central_selection::run(world& w, council_id ci) {
  if (!applies(w, w.councils[ci])) return;
  const auto& p = w.params->R6;
  auto& cl = w.councillors;
  const place centre = centre_place(w, w.national.executive_median);
  // The panel meets in the councillors' selection weeks (R5's meetings, and their draws).
  reselection::for_each_meeting(w, ci, [&](councillor_id r, const draw_stream& rng) {
    const place councillor = councillor_place(w, r);
    const double pd = sigmoid(p.d0 + p.d_distance * distance(w, councillor, centre) + p.d_dissent * cl.dissent[r]);
    if (!rng.bernoulli(pd, row(r), 4)) {
      cl.selection[r] = selection_state::reselected;
      return;
    }
    const double replacement = std::clamp(centre.x + p.replacement_sd * rng.normal(row(r), 5), -1.0, 1.0);
    // The members' backing the panel overrides: what the councillor could expect against its replacement.
    const double support =
        reselection::expected_support(w, w.councils[ci], cl.ward[r], councillor, centre_place(w, replacement));
    reselection::deselect(w, ci, r, selection_state::deselected_central, replacement, support, rng,
                          w.log.recording ? format("a central panel deselects a sitting councillor (position %+.2f, dissent %d, p %.2f)",
                                                   cl.position[r], cl.dissent[r], pd)
                                          : std::string(),
                          static_cast<int>(cl.dissent[r]));
  });
}

namespace {

double cost_take_over_selections(const world& w) { return w.params->R2.cost_take_over_selections; }

/// Only while the candidates for the next election are still to be chosen, and not already by the centre.
bool may_take_over_selections(const world& w, const council_state& c) {
  const int closes = c.electoral.next_election - w.params->R5.window_close_weeks_before;
  return w.scen->executive.powers.take_over_selections && !c.centre.special_measures && c.selections.central_from < 0 &&
         c.electoral.next_election >= 0 && w.week <= closes;
}

void take_over(world& w, council_id ci, const decision&) {
  const step_context x(w, ci, executive_decision::id);
  w.councils[ci].selections.central_from = w.week;  // a central panel chooses the candidates from now
  x.emit(event::central_selection, 0,
       [] { return std::string("the executive takes over the group's selections: a central panel will choose its candidates"); });
}

}  // namespace

const motion_def central_selection::take_over_selections{.name = "take_over_selections",
                                                         .decided = event::decision_take_over_selections,
                                                         .draw_key = 9,
                                                         .rung = 2,
                                                         .acts = true,
                                                         .cost = cost_take_over_selections,
                                                         .allowed = may_take_over_selections,
                                                         .apply = take_over};

}  // namespace partyline
