#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/r10_leadership_challenge.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief R10 Group leadership challenge (Birmingham's leadership was later ousted).
#include "partyline/random.hpp"
#include "partyline/world/access.hpp"

namespace partyline {

/// When a majority of the group is dissatisfied it challenges the leader; a majority against replaces them (by the
/// councillor nearest the group's median, or, under special measures, the centre's appointee).
struct leadership_challenge {
  static constexpr stream id = stream::R10;
  static constexpr std::string_view key = "R10";

  struct params {
    double trigger_share = 0.5;
    double c0 = 0.0;
    double c_satisfaction = 6.0;
    int cooldown_weeks = 26;
    double new_confrontation = 0.5;
    double division_visibility = 1.0;
    double new_leader_min = 0.3;
    double new_leader_span = 0.5;
    double new_leader_satisfaction = 1.0;

    template <class V>
    void describe(V& v) {
      v.coef("trigger_share", trigger_share, {0, 1}, "share of the group dissatisfied that triggers a challenge", "Birmingham");
      v.coef("c0", c0, {-20, 20}, "a councillor's log-odds of voting against the leader: intercept", "—");
      v.coef("c_satisfaction", c_satisfaction, {-50, 50}, "... - x satisfaction", "—");
      v.coef("cooldown_weeks", cooldown_weeks, {0, 520}, "weeks between challenges in one group", "—");
      v.coef("new_confrontation", new_confrontation, {0, 1}, "a new leader keeps this fraction of the old confrontation",
             "Birmingham (\"reset the relationship with the workforce\")");
      v.coef("division_visibility", division_visibility, {0, 10},
             "visible division a leadership challenge adds to the council's division stock (as R1's)", "Birmingham (the challenge)");
      v.coef("new_leader_min", new_leader_min, {0, 1}, "a new leader's resolve and autonomy are drawn uniformly from this ...", "—");
      v.coef("new_leader_span", new_leader_span, {0, 1}, "... to this much above it", "—");
      v.coef("new_leader_satisfaction", new_leader_satisfaction, {-1, 1},
             "a new leader's own satisfaction with the group's leadership (theirs) when they take office; the others' is unchanged",
             "— (a leader does not sign letters against themselves)");
    }
  };

  static constexpr access reads = concern::leadership | concern::division | concern::derived | concern::centre |
                                  concern::councillor_seats | concern::councillor_positions | concern::councillor_mood |
                                  concern::policy | concern::national;
  static constexpr access writes = concern::leadership | concern::division | concern::councillor_cabinet |
                                   concern::councillor_mood | concern::policy | concern::events;

  static void run(world& w, council_id council);
};

}  // namespace partyline
