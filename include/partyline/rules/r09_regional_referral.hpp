#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/r09_regional_referral.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief R9 Regional referral (Birmingham: the regional board voted to ask the NEC to investigate the leader).
#include "partyline/random.hpp"
#include "partyline/world/access.hpp"

namespace partyline {

/// A union whose dispute is intense and long-running moves a motion at the regional board; if it passes, the
/// executive gets an `investigate` item of low urgency.
struct regional_referral {
  static constexpr stream id = stream::R9;
  static constexpr std::string_view key = "R9";

  struct params {
    double min_intensity = 0.7;
    int min_weeks = 26;
    double b0_motion = -1.0;
    double b_militancy = 3.0;
    double b_letter_motion = 1.5;
    int letter_memory_weeks = 26;
    double union_yes_b0 = 1.5;
    double union_yes_intensity = 2.0;
    double other_yes_b0 = -1.0;
    double other_yes_letter = 1.5;
    double other_yes_dissatisfied = 3.0;
    int cooldown_weeks = 52;
    double urgency = 0.3;

    template <class V>
    void describe(V& v) {
      v.coef("min_intensity", min_intensity, {0, 1}, "dispute intensity needed for the union to move a motion",
             "Birmingham (after the lock-out and imposition threat)");
      v.coef("min_weeks", min_weeks, {0, 520}, "... and weeks the dispute has run", "Birmingham (18 months)");
      v.coef("b0_motion", b0_motion, {-20, 20}, "log-odds the union moves the motion at a board meeting: intercept", "—");
      v.coef("b_militancy", b_militancy, {-20, 20}, "... + x union militancy", "Birmingham (Unison)");
      v.coef("b_letter_motion", b_letter_motion, {-20, 20}, "... + if a backbench letter was published recently", "Birmingham");
      v.coef("letter_memory_weeks", letter_memory_weeks, {0, 520}, "a backbench letter counts as recent for this many weeks", "Birmingham");
      v.coef("union_yes_b0", union_yes_b0, {-20, 20}, "union delegates' yes log-odds: intercept", "Birmingham (\"voted overwhelmingly\")");
      v.coef("union_yes_intensity", union_yes_intensity, {-20, 20}, "... + x dispute intensity", "Birmingham");
      v.coef("other_yes_b0", other_yes_b0, {-20, 20}, "other board members' yes log-odds: intercept", "—");
      v.coef("other_yes_letter", other_yes_letter, {-20, 20}, "... + if a backbench letter was published recently", "Birmingham");
      v.coef("other_yes_dissatisfied", other_yes_dissatisfied, {-20, 20}, "... + x share of the group dissatisfied",
             "Birmingham (\"very high level of concern\")");
      v.coef("cooldown_weeks", cooldown_weeks, {0, 520}, "weeks before the same council can be referred again", "—");
      v.coef("urgency", urgency, {0, 1}, "urgency of the resulting item on the executive's agenda (low: it waits out crises)",
             "Birmingham (\"likely to take some time\")");
    }
  };

  static constexpr access reads = concern::leadership | concern::centre | concern::division | concern::derived |
                                  concern::disputes;
  static constexpr access writes = concern::centre | concern::outbox | concern::events;

  static void run(world& w, council_id council);
  /// The item it files: the board's referral asking the centre to investigate the group's leadership.
  static const item_kind_def item;
};

}  // namespace partyline
