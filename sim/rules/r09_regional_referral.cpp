// R9 Regional referral.
#include "partyline/rules/r09_regional_referral.hpp"

#include <cmath>

#include "partyline/rules/detail/common.hpp"
#include "partyline/rules/r02_executive_decision.hpp"
#include "partyline/rules/r18_investigations.hpp"
#include "partyline/rules/r19_escalation.hpp"

namespace partyline {

using namespace detail;

namespace {

bool board_meets(const region_def& r, int week) {
  return week >= r.first_meeting_week && (week - r.first_meeting_week) % r.meets_every_weeks == 0;
}

}  // namespace

void regional_referral::run(world& w, council_id ci) {
  const step_context x(w, ci, id);
  const scenario& s = *w.scen;
  const auto& p = w.params->R9;
  council_state& c = x.c;
  const council_def& def = s.councils[row(ci)];
  if (def.region_index < 0 || !x.leader() || pending(w, c, item)) return;
  const region_def& region = region_of(w, def.region_index);
  if (!board_meets(region, w.week) || w.week - last_filed(w, c, item) < p.cooldown_weeks) return;
  const dispute_state* worst = nullptr;
  for (std::uint32_t di = c.rows.dispute_begin; di < c.rows.dispute_end; ++di) {
    const dispute_state& d = w.disputes[di];
    if (d.active && d.intensity >= p.min_intensity && d.weeks_running >= p.min_weeks && (!worst || d.intensity > worst->intensity))
      worst = &d;
  }
  if (!worst) return;
  const union_def& u = union_of(w, worst->union_index);
  const bool recent_letter = w.week - c.division.last_letter_week <= p.letter_memory_weeks;
  if (!x.rng.bernoulli(sigmoid(p.b0_motion + p.b_militancy * u.militancy + (recent_letter ? p.b_letter_motion : 0.0)), ci, 0))
    return;
  const int union_seats = static_cast<int>(std::lround(region.union_weight * region.size));
  const double p_union = sigmoid(p.union_yes_b0 + p.union_yes_intensity * worst->intensity);
  const double dissatisfied_share = c.derived.group_size > 0 ? static_cast<double>(c.derived.dissatisfied) / c.derived.group_size : 0.0;
  const double p_other =
      sigmoid(p.other_yes_b0 + (recent_letter ? p.other_yes_letter : 0.0) + p.other_yes_dissatisfied * dissatisfied_share);
  int yes = 0;
  for (int m = 0; m < region.size; ++m) yes += x.rng.bernoulli(m < union_seats ? p_union : p_other, ci, 1 + static_cast<std::uint64_t>(m));
  if (yes < region.threshold * region.size) {
    x.emit(event::motion_defeated, part_of{yes, region.size}, [&] {
      return format("%s's motion at %s: %d of %d in favour", u.name.c_str(), region.name.c_str(), yes, region.size);
    });
    return;
  }
  agenda_item filed = new_item(w, ci, item, p.urgency, static_cast<double>(yes) / region.size, u.position);
  filed.union_index = worst->union_index;
  file_item(w, ci, filed);
  x.emit(event::referral, part_of{yes, region.size}, [&] {
    return format("%s refers the leader to the executive: %d of %d in favour (motion by %s over %s)", region.name.c_str(),
                  yes, region.size, u.name.c_str(), worst->id.c_str());
  });
}

namespace {

/// A regional board asks the centre to investigate.
void referral_menu(const world& w, const agenda_item& item, motion_list& out) {
  escalation::offer(w, council_of(w, item), investigations::investigate, out);
}

}  // namespace

const item_kind_def regional_referral::item{.name = "referral",
    .by = "R9: an investigation (R18)",
                                            .votes = executive_decision::id,
                                            .notice = true,
                                            .may_defer = true,
                                            .no_majority = &executive_decision::dismiss,
                                            .menu = referral_menu,
                                            .logits = executive_decision::council_action_logits,
                                            .counter = executive_decision::council_action_counter,
                                            .decided = executive_decision::apply_council_action};

}  // namespace partyline
