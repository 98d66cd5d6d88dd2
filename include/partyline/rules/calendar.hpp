#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/calendar.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief The week's calendar: the next election, and the fading of what a council has seen.
#include "partyline/random.hpp"
#include "partyline/world/access.hpp"

namespace partyline {

/// Finds the council's next election; the memory of visible division and of central interventions fades.
struct council_calendar {
  static constexpr stream id = stream::scripted;
  static constexpr std::string_view key = "calendar";

  struct params {
    double stock_half_life_weeks = 26;
    double protest_half_life_weeks = 26;

    template <class V>
    void describe(V& v) {
      v.coef("stock_half_life_weeks", stock_half_life_weeks, {0.1, 5200},
             "half-life of each council's visible-division and intervention stocks (what voters and members remember)",
             "Haringey (the NEC motion weighed on the May election)");
      v.coef("protest_half_life_weeks", protest_half_life_weeks, {0.1, 5200},
             "half-life of the national memory of published protest letters (R13's protest_penalty)", "—");
    }
  };

  static constexpr access reads = concern::electoral | concern::division | concern::centre;
  static constexpr access writes = concern::electoral | concern::division | concern::centre;

  static void run(world& w, council_id council);
};

/// Scenario-scripted events of the week: facts and shocks (a dispute starts, terms are imposed, a referral or a
/// request is made, an allegation is made), and the background allegations the
/// scenario's national rate gives.
struct scripted_events {
  static constexpr stream id = stream::scripted;

  static constexpr access reads = concern::disputes | concern::centre | concern::leadership | concern::councillor_seats |
                                  concern::member_status | concern::member_traits | concern::membership;
  // An allegation marks its subjects (complained_of: the seats' and members' status concerns).
  // A stated pact allegation: the deal's flag and the suspended members (R12).
  static constexpr access writes = concern::disputes | concern::centre | concern::selections | concern::outbox |
                                   concern::councillor_seats | concern::member_status | concern::events |
                                   concern::coalition | concern::membership;

  /// The local events of this council and week.
  static void run(world& w, council_id council);
};

}  // namespace partyline
