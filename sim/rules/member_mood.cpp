// Local members' activism.
#include "partyline/rules/member_mood.hpp"

#include "partyline/rules/detail/common.hpp"

namespace partyline {

using namespace detail;

void members_mood::run(world& w, council_id ci) {
  const step_context x(w, ci, id);
  const auto& p = w.params->member_mood;
  council_state& c = x.c;
  const auto mobilised = static_cast<float>((policy_live(c.policy.stage) ? p.mobilise_policy * c.policy.salience : 0.0) +
                                            p.mobilise_dispute * c.derived.worst_intensity +
                                            p.mobilise_intervention * overridden(w, c));
  // Every member's activism relaxes towards their quiet level plus this mobilisation at the same rate, so the
  // part above the quiet level is the same for all of them: one number per council, not one per member.
  float& level = c.membership.mobilisation;
  level += static_cast<float>(p.rate) * (mobilised - level);
}

}  // namespace partyline
