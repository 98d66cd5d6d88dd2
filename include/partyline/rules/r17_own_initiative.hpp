#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/r17_own_initiative.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief R17 The centre's own initiative: the executive's officers put a local party on its agenda (Leicester: the
/// national party's board acted on "in-fighting and division"; Labour Rule Book ch. 1 cl. VIII: the NEC's duty to
/// uphold the party's standing in every unit).
#include "partyline/random.hpp"
#include "partyline/world/access.hpp"

namespace partyline {

/// Each week the officers may file an item about a group whose division is visible, more readily as its election
/// nears (a divided group going into polling day is a risk to the party's name). The executive then decides on it
/// like any other item (R2), its menu ordered by R19.
struct own_initiative {
  static constexpr stream id = rule_stream(17);
  static constexpr std::string_view key = "R17";

  struct params {
    double m0 = -7.5;
    double m_division = 10.0;
    double m_election = 1.0;
    int cooldown_weeks = 26;
    double urgency_base = 0.4;
    double urgency_election = 0.3;

    template <class V>
    void describe(V& v) {
      v.coef("m0", m0, {-30, 10}, "the officers' weekly log-odds of putting a group on the executive's agenda: intercept",
             "national rates (a few councils a year)");
      v.coef("m_division", m_division, {-20, 20},
             "... + x the group's division index, weighed as the executive would (R19's weight of evidence at its mean centralism)",
             "Leicester (\"in-fighting and division\")");
      v.coef("m_election", m_election, {-20, 20}, "... x (1 + x the election's proximity, R19's horizon): division matters more as polling day nears",
             "Leicester (before May 2023)");
      v.coef("cooldown_weeks", cooldown_weeks, {0, 520}, "weeks before the officers raise the same group again", "—");
      v.coef("urgency_base", urgency_base, {0, 1}, "urgency of the officers' item", "—");
      v.coef("urgency_election", urgency_election, {0, 1}, "... + x the election's proximity", "—");
    }
  };

  static constexpr access reads = concern::leadership | concern::centre | concern::derived | concern::division |
                                  concern::electoral | concern::selections | concern::policy | concern::national;
  static constexpr access writes = concern::centre | concern::outbox | concern::events;

  static void run(world& w, std::size_t council);
};

}  // namespace partyline
