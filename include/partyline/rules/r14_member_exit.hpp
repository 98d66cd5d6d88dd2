#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/r14_member_exit.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief R14 Members leave, defect and join (a member of 20 years left for the Greens; membership rises and falls
/// with the party's standing).
#include "partyline/random.hpp"
#include "partyline/world/access.hpp"

namespace partyline {

/// Each week a member leaves with a probability that rises with central actions in their area and their distance
/// from the executive, and falls with loyalty; a leaver may join the party nearest them. Members' loyalty itself
/// answers each central action in their area: those far from the executive lose some, those near it gain a little.
struct member_exit {
  static constexpr stream id = stream::R14;
  static constexpr std::string_view key = "R14";

  struct params {
    double e0 = -6.8;
    double e_central = 0.6;
    double suspended_weight = 10.0;
    double e_distance = 1.5;
    double e_loyalty = 2.0;
    double p_defect = 0.25;
    double j0 = -8.0;
    double j_standing = 1.5;
    double j_mobilisation = 2.0;
    double j_faction = 3.0;
    double j_central = -0.3;
    double l_against = 0.08;
    double l_rally = 0.02;

    template <class V>
    void describe(V& v) {
      v.coef("e0", e0, {-30, 10}, "a member's weekly log-odds of leaving: intercept", "national membership trends");
      v.coef("e_central", e_central, {-20, 20}, "... + x central actions in the area (intervention stock + weighted share suspended)",
             "a member of 20 years left over the centre's conduct");
      v.coef("suspended_weight", suspended_weight, {0, 1000}, "weight of the share of the area's members suspended among central actions",
             "Hertsmere (activists suspended)");
      v.coef("e_distance", e_distance, {-20, 20}, "... + x distance from the executive's median", "—");
      v.coef("e_loyalty", e_loyalty, {-20, 20}, "... - x the member's loyalty", "—");
      v.coef("p_defect", p_defect, {0, 1}, "a leaver joins the party nearest them, if it is not this one", "a member left for the Greens");
      v.coef("j0", j0, {-30, 10}, "weekly recruits per member, as log-odds: intercept (the party at its usual standing)",
             "national membership trends (a few per cent a year)");
      v.coef("j_standing", j_standing, {-20, 20}, "... + x the party's national standing (national.standing, with its trend)",
             "membership surges with a rising party");
      v.coef("j_mobilisation", j_mobilisation, {-20, 20}, "... + x the area's mobilisation (policy, disputes, interventions)",
             "Haringey (campaigns recruit)");
      v.coef("j_faction", j_faction, {-20, 20}, "... + x the share of members in an organised faction (it recruits)",
             "Haringey (Momentum)");
      v.coef("j_central", j_central, {-20, 20}, "... + x central actions in the area (intervention stock): who joins a party at war",
             "—");
      v.coef("l_against", l_against, {0, 1},
             "a member's loyalty lost per unit of central action in their area (R2 decisions 1, a central deselection or refused "
             "endorsement R6.publicity) x their distance from the executive's median",
             "a member of 20 years left over the centre's conduct; Leicester (\"disempowerment of local members\")");
      v.coef("l_rally", l_rally, {0, 1}, "... and gained per unit by a member at the executive's position (those who side with the centre)",
             "—");
    }
  };

  static constexpr access reads = concern::centre | concern::membership | concern::member_status | concern::member_traits |
                                  concern::national;
  static constexpr access writes = concern::member_status | concern::member_traits | concern::membership | concern::events;

  static void run(world& w, council_id council);
  /// The week's recruits: each row kept for a recruit joins with the probability that gives the expected number.
  static void recruit(world& w, council_id council);
  /// Finds the largest exit score the council's members can reach (membership_state), which bounds every member's
  /// weekly exit probability: call when members are drawn or join.
  static void bound_exits(world& w, council_id council);
  /// Members answer the central actions in their area since they last did (a pass over the council's members in
  /// the rare weeks with a new action), then the exit bound is found again.
  static void react_to_central_actions(world& w, council_id council);
};

}  // namespace partyline
