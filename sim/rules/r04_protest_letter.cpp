// R4 Protest letter and backlash (national phase: a reduction over all councils, in council order).
#include "partyline/rules/r04_protest_letter.hpp"

#include <cmath>

#include "partyline/rules/detail/common.hpp"
#include "partyline/rules/r18_investigations.hpp"

namespace partyline {

using namespace detail;

namespace {

void letter_after(world& w, const decision& d) {
  const auto& p = w.params->R4;
  const draw_stream rng = draws(w, protest_letter::id);
  const place centre = centre_place(w, w.executive.median_position);
  int leaders = 0, signatories = 0;
  for (std::size_t c = 0; c < w.councils.size(); ++c) {
    const council_state& other = w.councils[c];
    if (council_at(c) == d.council || other.leadership.leader == nobody) continue;
    ++leaders;
    const double apart = distance(w, councillor_place(w, other.leadership.leader), centre);
    const double x = p.s0 + p.s_autonomy * other.leadership.autonomy + p.s_distance * apart +
                     (d.notice_given ? 0.0 : p.s_no_notice) + (d.is(investigations::investigate) ? p.s_investigate : 0.0);
    signatories += rng.bernoulli(sigmoid(x), c, row(d.council));
  }
  if (signatories < p.letter_min) {
    if (signatories > 0)
      emit(w, d.council, protest_letter::id, event::protest_fizzles, part_of{signatories, leaders}, [&] {
        return format("only %d of %d other council leaders would sign a protest letter", signatories, leaders);
      });
    return;
  }
  const double before = w.executive.backlash;
  w.executive.backlash += p.backlash_per_signatory * signatories;
  w.executive.protest_stock += 1.0;
  emit(w, d.council, protest_letter::id, event::protest_letter, part_of{signatories, leaders}, [&] {
    return format("%d of %d other council leaders sign a letter calling the %s \"an affront to the basic principles of "
                  "democracy\"%s; backlash %.2f -> %.2f",
                  signatories, leaders, std::string(d.motion->name).c_str(), d.notice_given ? "" : " (no notice given)",
                  before, w.executive.backlash);
  });
}

/// Other leaders protest the centre's interventions in a local party, not its disciplinary steps against an
/// individual (a warning, a suspension or charges, or an inquiry into an allegation against one councillor).
bool protested(const decision& d) {
  return d.motion->acts && !d.motion->on_individuals && !d.kind->about_a_person;
}

}  // namespace

void protest_letter::run(world& w) {
  const scenario& s = *w.scen;
  // Backlash decays with its half-life (precedent fades); so does the electoral memory of protest letters.
  w.executive.backlash *= std::pow(0.5, 1.0 / s.executive.backlash_half_life_weeks);
  w.executive.protest_stock *= std::pow(0.5, 1.0 / w.params->calendar.protest_half_life_weeks);
  for (const decision& d : w.institutions.published)
    if (protested(d)) letter_after(w, d);
}

}  // namespace partyline
