// Local members' activism.
#include "partyline/rules/member_mood.hpp"

#include "partyline/rules/detail/common.hpp"

namespace partyline {

using namespace detail;

void members_mood::run(world& w, std::size_t ci) {
  const auto& p = w.params->member_mood;
  council_state& c = w.councils[ci];
  const auto mobilised = static_cast<float>((policy_live(c.policy.stage) ? p.mobilise_policy * c.policy.salience : 0.0) +
                                            p.mobilise_dispute * c.derived.worst_intensity +
                                            (under_intervention(w, c) ? p.mobilise_intervention : 0.0));
  const auto boost = static_cast<float>(p.faction_boost);
  const auto rate = static_cast<float>(p.rate);
  const auto threshold = static_cast<float>(p.active_above);
  float* __restrict act = w.members.activism.data();
  const float* __restrict own = w.members.propensity.data();
  const std::uint8_t* __restrict fac = w.members.faction.data();
  const member_status* __restrict st = w.members.status.data();
  std::int64_t active = 0;
  // Branch-free: departed and suspended members are updated too, but not counted as active.
  for (std::uint64_t m = c.rows.member_begin; m < c.rows.member_end; ++m) {
    const float target = own[m] + mobilised + boost * static_cast<float>(fac[m]);
    act[m] += rate * (target - act[m]);
    active += (act[m] >= threshold) & (st[m] == member_status::member);
  }
  c.derived.active_members = active;
}

}  // namespace partyline
