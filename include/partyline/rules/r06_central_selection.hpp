#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/r06_central_selection.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief R6 Central selection control (Leicester: 19 sitting councillors deselected by a national board).
#include "partyline/random.hpp"
#include "partyline/world/access.hpp"

namespace partyline {

/// A group under special measures, or whose selections the executive has voted to take over (R2, R19), has its
/// candidates chosen by a central panel; distance from the executive and a record of dissent count against a sitting councillor.
struct central_selection {
  static constexpr stream id = stream::R6;
  static constexpr std::string_view key = "R6";

  struct params {
    double division_stock_weight = 0.2;
    double d0 = -1.4;
    double d_distance = 2.5;
    double d_dissent = 0.5;
    double replacement_sd = 0.1;
    double publicity = 0.18;

    template <class V>
    void describe(V& v) {
      v.coef("division_stock_weight", division_stock_weight, {0, 10},
             "weight of the visible-division stock (letters, challenges, requests) in the division index, beside the share dissatisfied",
             "Leicester");
      v.coef("d0", d0, {-20, 20}, "a sitting councillor's log-odds of deselection by the panel: intercept", "joint calibration (4 cases); Leicester (19 of 53)");
      v.coef("d_distance", d_distance, {-20, 20}, "... + x distance from the executive's median", "joint calibration (4 cases); Leicester");
      v.coef("d_dissent", d_dissent, {-20, 20}, "... + x record of dissent (letters and requests signed)", "Leicester");
      v.coef("replacement_sd", replacement_sd, {0, 1}, "spread of the panel's replacement candidate around the executive's median", "—");
      v.coef("publicity", publicity, {0, 10},
             "intervention stock added per central deselection: centralisation made visible (R13, R14)", "Leicester");
    }
  };

  static constexpr access reads = concern::electoral | concern::leadership | concern::selections | concern::centre |
                                  concern::derived | concern::division | concern::councillor_seats |
                                  concern::councillor_positions | concern::councillor_dissent | concern::councillor_traits |
                                  concern::member_traits | concern::member_status | concern::membership | concern::wards |
                                  concern::national;
  static constexpr access writes = concern::councillor_candidacy | concern::councillor_seats | concern::selections |
                                   concern::centre | concern::events;

  /// The executive's step (R2, R19's rung 2): a central panel chooses the group's candidates from now, while they are
  /// still to be chosen for the next election.
  static const motion_def take_over_selections;

  /// Whether the centre chooses this group's candidates now.
  [[nodiscard]] static bool applies(const world& w, const council_state& c);
  static void run(world& w, council_id council);
};

}  // namespace partyline
