#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/r07_backbench_letter.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief R7 Backbench letter (Birmingham: 23 councillors condemned the leadership).
#include "partyline/random.hpp"
#include "partyline/world/access.hpp"

namespace partyline {

/// When enough backbenchers are dissatisfied they publish a letter; support for the leader falls.
struct backbench_letter {
  static constexpr stream id = stream::R7;
  static constexpr std::string_view key = "R7";

  struct params {
    int letter_min = 10;
    double letter_share = 0.25;
    double b0_sign = 0.89;
    double b_dissatisfaction = 5.0;
    double b_loyalty = 2.0;
    int cooldown_weeks = 26;
    double support_loss = 0.05;
    double division_visibility = 1.0;
    double concession = 0.4;

    template <class V>
    void describe(V& v) {
      v.coef("letter_min", letter_min, {1, 10000}, "signatories needed to publish", "Birmingham (23)");
      v.coef("letter_share", letter_share, {0, 1}, "... and at least this share of the group: backbenchers go public only with critical mass",
             "Birmingham (23 of 67)");
      v.coef("b0_sign", b0_sign, {-20, 20}, "a dissatisfied backbencher's signing log-odds: intercept", "joint calibration (4 cases)");
      v.coef("b_dissatisfaction", b_dissatisfaction, {-50, 50}, "... + x depth of dissatisfaction (-satisfaction)", "Birmingham");
      v.coef("b_loyalty", b_loyalty, {-20, 20}, "... - x loyalty: loyal councillors hold back", "—");
      v.coef("cooldown_weeks", cooldown_weeks, {0, 520}, "weeks before another letter can be organised in the same group", "—");
      v.coef("support_loss", support_loss, {0, 2}, "satisfaction lost by every backbencher when a letter is published",
             "Birmingham (\"explosive condemnation\")");
      v.coef("division_visibility", division_visibility, {0, 10},
             "visible division a published letter adds to the council's division stock (as R1's)", "Birmingham (the letter of 23)");
      v.coef("concession", concession, {0, 1}, "the leader cuts confrontation by this x (1 - resolve) after a letter", "Birmingham");
    }
  };

  static constexpr access reads = concern::leadership | concern::division | concern::derived | concern::councillor_seats |
                                  concern::councillor_mood | concern::councillor_traits | concern::councillor_cabinet;
  static constexpr access writes = concern::division | concern::leadership | concern::councillor_dissent |
                                   concern::councillor_mood | concern::events;

  static void run(world& w, council_id council);
};

}  // namespace partyline
