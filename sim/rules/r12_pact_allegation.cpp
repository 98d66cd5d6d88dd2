// R12 Pact allegation and suspension.
#include "partyline/rules/r12_pact_allegation.hpp"

#include "partyline/rules/detail/common.hpp"
#include "partyline/rules/r11_coalition_sign_off.hpp"

namespace partyline {

using namespace detail;

void pact_allegation::at_count(world& w, council_id ci) {
  const step_context x(w, ci, id);
  const auto& before = w.councils[ci].electoral.seats_before_count;
  const scenario& s = *w.scen;
  const auto& p = w.params->R12;
  council_state& c = w.councils[ci];
  for (const int ei : w.scripted[ci])
    if (s.events[static_cast<std::size_t>(ei)].type == event_kind::pact_allegation) return;  // stated as a fact, not drawn
  const auto& seats = c.electoral.seats_by_party;
  const auto party = our_party(w);
  c.coalition.pact_alleged = false;
  if (seats[party] <= before[party]) return;
  bool partner_gained = false;
  for (std::size_t q = 0; q < s.parties.size(); ++q)
    if (q != party && seats[q] > before[q] && coalition_sign_off::will_govern_together(w, party, q)) partner_gained = true;
  const draw_stream& rng = x.rng;  // the step's own stream
  if (!partner_gained || !rng.bernoulli(p.p_allegation, ci, 0)) return;
  alleged(w, ci, rng, 1);
}

void pact_allegation::alleged(world& w, council_id ci, const draw_stream& rng, std::uint64_t counter) {
  const step_context x(w, ci, id);
  const auto& p = w.params->R12;
  council_state& c = w.councils[ci];
  c.coalition.pact_alleged = true;
  std::int64_t suspended = 0;
  for (const member_id m : c.rows.members()) {
    if (!member_is_active(w, c, m)) continue;
    if (!rng.bernoulli(p.suspend_share, m, counter)) continue;
    w.members.status[m] = member_status::suspended;
    ++suspended;
  }
  c.membership.suspended += suspended;
  x.emit(event::pact_allegation, suspended, [&] {
    return format("an \"unauthorised pact\" is alleged; the centre suspends %lld local activists", static_cast<long long>(suspended));
  });
}

}  // namespace partyline
