#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/r21_mayoralty.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief R21 Directly elected mayors (Leicester: the city mayor leads the council and is chosen by the whole city;
/// Labour Rule Book ch. 5: the party's candidate for an executive mayoralty is selected by the members from a
/// shortlist the NEC (or its panel) approves).
#include <cstdint>

#include "partyline/random.hpp"
#include "partyline/world/access.hpp"

namespace partyline {

/// A council with a mayor (`group.leader.directly_elected`, `mayor.election_weeks`): when the selection window for
/// a mayoral contest opens (R5's, before the contest), the party shortlists the sitting mayor and the group's
/// councillors nearest its active members (and its organised faction, where it leads); the executive's panel
/// approves each as in R20 (refusals counted as `endorsements_refused`); the members of the whole area vote for one
/// of those approved. Under central selection (R6) or a suspended local party the centre picks its own. A sitting
/// mayor who loses the party's candidacy may stand as an independent (independents.hpp). At the contest the whole
/// area votes: the party's candidate on the party's share (plus a personal following, and incumbency for the
/// sitting mayor), the other parties on theirs, an independent ex-mayor on their following and the party's voters
/// who follow them. The mayor leads the administration and is the group's leader while of its party: the group
/// cannot remove them (R10), they do not stand down under its pressure (R3), the executive cannot remove them (R2).
struct mayoralty {
  static constexpr stream id = rule_stream(21);
  static constexpr std::string_view key = "R21";

  struct params {
    int shortlist_size = 3;
    double v_distance = 5.0;
    double v_incumbent = 1.5;
    double incumbency_bonus = 0.1;

    template <class V>
    void describe(V& v) {
      v.coef("shortlist_size", shortlist_size, {1, 4},
             "candidates on the party's shortlist for mayor: the sitting mayor, then the group's councillors nearest the active "
             "members and the organised faction",
             "Rule Book ch. 5 (shortlists for executive mayors)");
      v.coef("v_distance", v_distance, {0, 50}, "a member's utility for a shortlisted candidate: - x the distance between them", "—");
      v.coef("v_incumbent", v_incumbent, {-20, 20}, "... + for the sitting mayor (members' regard for the office holder)",
             "Leicester (the mayor reselected, 2023)");
      v.coef("incumbency_bonus", incumbency_bonus, {0, 1}, "relative extra vote of a sitting mayor in the contest", "UK mayoral elections");
    }
  };

  static constexpr access reads = concern::electoral | concern::leadership | concern::selections | concern::centre |
                                  concern::councillor_seats | concern::councillor_positions | concern::councillor_dissent |
                                  concern::councillor_traits | concern::member_traits | concern::member_status |
                                  concern::membership | concern::wards | concern::division | concern::policy |
                                  concern::national | concern::executive;
  /// The step only selects (the mayoralty's state is part of leadership); the contest is a step of the election phase.
  static constexpr access writes = concern::leadership | concern::events;

  static void run(world& w, council_id council);
  /// The party's candidate for the next contest: shortlist, the panel's approval, the members' ballot.
  static void select(world& w, council_id council);
  /// The contest across the whole area, in the week's election phase (before the council's own count, R13); the
  /// winner takes the office and leads the administration.
  static void contest(world& w, council_id council);
  /// Election phase: the contest, in its week.
  static void contest_step(world& w, council_id council);
  static constexpr access contest_reads = whole_council | concern::executive | concern::national;
  static constexpr access contest_writes = concern::electoral | concern::leadership | concern::coalition | concern::councillor_seats |
                                           concern::councillor_positions | concern::councillor_mood | concern::councillor_traits |
                                           concern::councillor_cabinet | concern::councillor_candidacy | concern::events;
};

}  // namespace partyline
