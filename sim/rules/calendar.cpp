// The calendar: next elections and fading memories.
#include "partyline/rules/calendar.hpp"

#include <cmath>

#include "partyline/rules/detail/common.hpp"

namespace partyline {

void council_calendar::run(world& w, council_id ci) {
  council_state& c = w.councils[ci];
  const auto& weeks = w.scen->councils[row(ci)].election_weeks;
  c.electoral.next_election = -1;
  for (int e : weeks)
    if (e >= w.week) {
      c.electoral.next_election = e;
      break;
    }
  const auto retention = static_cast<float>(std::pow(0.5, 1.0 / w.params->calendar.stock_half_life_weeks));
  c.division.stock *= retention;
  c.centre.intervention_stock *= retention;
  c.centre.override_cost *= retention;
}

}  // namespace partyline
