#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/member_mood.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief Local members' activism ("mood"), which decides who votes in selections (R5) and campaigns (R13).
#include "partyline/random.hpp"
#include "partyline/world/access.hpp"

namespace partyline {

/// Each member's activism relaxes towards their quiet level (their own propensity; organised-faction members are
/// more active) plus local mobilisation (a contested policy, a dispute, central intervention). The relaxation is
/// the same for every member of an area, so the mobilisation is kept once per council (membership_state).
struct members_mood {
  static constexpr stream id = stream::member_mood;
  static constexpr std::string_view key = "member_mood";

  struct params {
    double rate = 0.05;
    double faction_boost = 0.25;
    double mobilise_policy = 0.3;
    double mobilise_dispute = 0.15;
    double mobilise_intervention = 0.1;
    double active_above = 0.3;
    double loyalty_mean = 0.6;
    double loyalty_sd = 0.2;
    double propensity_sd = 0.12;
    double faction_position_sd = 0.15;

    template <class V>
    void describe(V& v) {
      v.coef("rate", rate, {0, 1}, "weekly speed of adjustment", "—");
      v.coef("faction_boost", faction_boost, {0, 1}, "extra activism of organised-faction members", "Haringey (Momentum)");
      v.coef("mobilise_policy", mobilise_policy, {0, 1}, "mobilisation by a contested flagship policy being pursued, x salience",
             "Haringey (HDV campaign)");
      v.coef("mobilise_dispute", mobilise_dispute, {0, 1}, "mobilisation by local disputes, x the worst intensity", "Birmingham");
      v.coef("mobilise_intervention", mobilise_intervention, {0, 1}, "mobilisation while the centre intervenes locally", "Haringey");
      v.coef("active_above", active_above, {0, 1}, "activism at or above which a member counts as active (votes, campaigns)", "—");
      v.coef("loyalty_mean", loyalty_mean, {0, 1}, "members' loyalty at the start: mean (loyal members rarely leave, R14)", "—");
      v.coef("loyalty_sd", loyalty_sd, {0, 1}, "... and spread", "—");
      v.coef("propensity_sd", propensity_sd, {0, 1}, "spread of members' own activism around the area's activism_mean", "—");
      v.coef("faction_position_sd", faction_position_sd, {0, 1}, "spread of organised-faction members around faction_position",
             "Haringey (Momentum)");
    }
  };

  static constexpr access reads = concern::policy | concern::derived | concern::centre | concern::membership;
  static constexpr access writes = concern::membership;

  static void run(world& w, council_id council);
};

}  // namespace partyline
