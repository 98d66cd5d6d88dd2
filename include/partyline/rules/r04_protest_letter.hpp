#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/r04_protest_letter.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief R4 Protest letter (70+ council leaders: "an affront to the basic principles of democracy").
#include "partyline/random.hpp"
#include "partyline/world/access.hpp"

namespace partyline {

/// After an intervention the party's other council leaders may sign a protest letter; a published letter raises the
/// executive's backlash, which decays and makes later interventions less likely: precedent works both ways.
struct protest_letter {
  static constexpr stream id = stream::R4;
  static constexpr std::string_view key = "R4";

  struct params {
    double s0 = -3.9;
    double s_autonomy = 3.5;
    double s_distance = 1.5;
    double s_no_notice = 1.5;
    double s_investigate = -2.0;
    int letter_min = 20;
    double backlash_per_signatory = 0.02;

    template <class V>
    void describe(V& v) {
      v.coef("s0", s0, {-20, 20}, "a leader's signing log-odds: intercept", "joint calibration (4 cases); Haringey (70+ of ~150)");
      v.coef("s_autonomy", s_autonomy, {-20, 20}, "... + x autonomy: leaders who value sovereignty sign",
             "Haringey (\"groups ... are sovereign bodies\")");
      v.coef("s_distance", s_distance, {-20, 20}, "... + x distance from the executive's median", "Haringey (left NEC, mainstream leaders)");
      v.coef("s_no_notice", s_no_notice, {-20, 20}, "... + when the group was given no notice", "Haringey (\"no advance notice was given\")");
      v.coef("s_investigate", s_investigate, {-20, 20}, "... + when the intervention is an investigation (a disciplinary matter)",
             "Birmingham (no protest)");
      v.coef("letter_min", letter_min, {1, 100000}, "signatories needed to publish", "—");
      v.coef("backlash_per_signatory", backlash_per_signatory, {0, 1}, "backlash added per signatory of a published letter (70: +1.4)",
             "Haringey (\"a dangerous and alarming precedent\")");
    }
  };

  /// National phase: backlash and the protest stock decay; each intervention published this week may draw a letter.
  static void run(world& w);
};

}  // namespace partyline
