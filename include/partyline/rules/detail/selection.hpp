#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/detail/selection.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief The selection meetings of a week, shared by members' reselection (R5) and the central panel (R6).
#include <algorithm>

#include "partyline/rules/detail/common.hpp"
#include "partyline/rules/r05_reselection.hpp"

namespace partyline {

template <class F>
void reselection::for_each_meeting(world& w, council_id ci, F&& f) {
  const auto& p = w.params->R5;
  const council_state& c = w.councils[ci];
  if (c.electoral.next_election < 0 || c.leadership.leader == nobody) return;
  const int open = c.electoral.next_election - p.window_open_weeks_before;
  const int close = c.electoral.next_election - p.window_close_weeks_before;
  if (w.week < open || w.week > close) return;
  const draw_stream when = detail::draws_at(w, c.electoral.next_election, id);
  const draw_stream rng = detail::draws(w, id);
  const auto span = static_cast<std::uint64_t>(std::max(1, close - std::max(open, 0) + 1));
  for (const councillor_id r : c.rows.councillors()) {
    if (!detail::in_group(w, r) || w.councillors.selection[r] != selection_state::undecided || !detail::seat_up(w, c, r))
      continue;
    const int meeting = std::max(open, 0) + static_cast<int>(when.bits(row(r)) % span);
    if (meeting != w.week && !(w.week == close && meeting > close)) continue;
    f(r, rng);
  }
}

}  // namespace partyline
