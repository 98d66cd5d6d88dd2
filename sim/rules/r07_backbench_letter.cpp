// R7 Backbench letter.
#include "partyline/rules/r07_backbench_letter.hpp"

#include <algorithm>

#include "partyline/rules/detail/common.hpp"

namespace partyline {

using namespace detail;

void backbench_letter::run(world& w, council_id ci) {
  const step_context x(w, ci, id);
  const auto& p = w.params->R7;
  const auto& sp = w.params->satisfaction;
  council_state& c = x.c;
  if (!x.leader() || w.week - c.division.last_letter_week < p.cooldown_weeks) return;
  const double needed = std::max<double>(p.letter_min, p.letter_share * c.derived.group_size);
  if (c.derived.dissatisfied < needed) return;
  auto& cl = w.councillors;
  int signed_count = 0;
  for (int pass = 0; pass < 2; ++pass) {  // pass 0 counts, pass 1 records: no allocation
    signed_count = 0;
    for (const councillor_id r : group_rows(w, c)) {
      if (cl.cabinet[r] || cl.satisfaction[r] >= sp.dissatisfied_below) continue;
      const double odds = p.b0_sign + p.b_dissatisfaction * (-cl.satisfaction[r]) - p.b_loyalty * cl.loyalty[r];
      if (!x.rng.bernoulli(sigmoid(odds), row(r))) continue;
      ++signed_count;
      if (pass == 1) ++cl.dissent[r];
    }
    if (signed_count < needed) return;
  }
  c.division.last_letter_week = w.week;
  c.division.stock += static_cast<float>(p.division_visibility);
  for (const councillor_id r : group_rows(w, c))
    if (!cl.cabinet[r]) cl.satisfaction[r] = static_cast<float>(std::max(-1.0, cl.satisfaction[r] - p.support_loss));
  const float before = c.leadership.confrontation;
  c.leadership.confrontation *= static_cast<float>(1.0 - p.concession * (1.0 - c.leadership.resolve));
  x.emit(event::backbench_letter, part_of{signed_count, c.derived.group_size}, [&] {
    return format("%d of %d councillors sign a letter against the leadership; confrontation %.2f -> %.2f", signed_count,
                  c.derived.group_size, before, c.leadership.confrontation);
  });
}

}  // namespace partyline
