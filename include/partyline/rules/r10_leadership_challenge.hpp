#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/r10_leadership_challenge.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief R10 Group leadership challenge (Birmingham's leadership was later ousted).
#include "partyline/random.hpp"
#include "partyline/world/access.hpp"

namespace partyline {

/// When a majority of the group is dissatisfied it challenges the leader; a majority against replaces them (by the
/// group's ballot between its wings' candidates, or, under special measures, the centre's appointee).
struct leadership_challenge {
  static constexpr stream id = stream::R10;
  static constexpr std::string_view key = "R10";

  struct params {
    double trigger_share = 0.55;
    double trigger_sd = 0.08;
    double c0 = 0.0;
    double c_satisfaction = 6.0;
    int cooldown_weeks = 26;
    double new_confrontation = 0.5;
    double division_visibility = 1.0;
    double new_leader_min = 0.3;
    double new_leader_span = 0.5;
    double new_leader_satisfaction = 1.0;
    double ballot_slope = 3.0;
    double ballot_standing_sd = 0.5;
    double ballot_continuity = 2.0;
    double meeting_challenger_share = 0.25;
    double appoint_b0 = 1.5;
    double appoint_findings = 6.0;
    double appoint_division = 2.0;

    template <class V>
    void describe(V& v) {
      v.coef("trigger_share", trigger_share, {0, 1},
             "share of the group dissatisfied that triggers a challenge, on average over groups (each group's own is drawn once "
             "a run around it)",
             "Birmingham (a challenge); Haringey (none in 2017-18 with a left bloc of 21 of 48): 0.55 set by hand with "
             "trigger_sd, not by the joint calibration");
      v.coef("trigger_sd", trigger_sd, {0, 0.5},
             "... the spread of a group's own trigger share (a normal draw once a run): the chance of a challenge rises "
             "smoothly with the share dissatisfied", "— (issue 32: no switch)");
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
      v.coef("ballot_slope", ballot_slope, {0, 100},
             "the group's ballot for a successor: a member's log-odds of voting for the nearer wing's candidate per unit of "
             "position by which they are nearer (3: a member of a bloc 0.75 from the other votes across in about one ballot in ten)",
             "— (set before seeing its effect; Labour groups elect their leaders by secret ballot)");
      v.coef("ballot_standing_sd", ballot_standing_sd, {0, 10},
             "... + the candidates' relative standing, one normal draw a contest with this standard deviation (shifts every vote alike)",
             "— (0.5 chosen by hand against 1.0 on Haringey's documented advice and its left-share sweep; not calibrated)");
      v.coef("ballot_continuity", ballot_continuity, {-10, 10},
             "... + x the member's loyalty towards the continuity candidate (the one nearer the outgoing leader)",
             "— (loyalty to the leadership, as in R1 and R7; 2 chosen by hand against 1 as trigger_share was; not calibrated)");
      v.coef("meeting_challenger_share", meeting_challenger_share, {0, 1},
             "at the group's annual meeting, when the leader's term ends there (`events[].leader_up`), a challenger stands "
             "and the group votes (as in a challenge) when at least this share of it (the leader excluded) is dissatisfied; "
             "otherwise the leader is re-elected unopposed. No requisition is needed at an annual election, so it is below trigger_share",
             "— (set by hand, not calibrated; Birmingham May 2022: a contest with a third of the group or more against the leader)");
      v.coef("appoint_b0", appoint_b0, {-20, 20},
             "under special measures the centre appoints the group's officers at its annual meeting (events[].type "
             "annual_meeting): a member of the body that decides the officers' items (`monitoring`, R17) approves the "
             "sitting leader with log-odds this ...", "Birmingham 2023 (the NEC panel interviewed and appointed the leader); "
             "set by hand, not calibrated: a leader with a clean record is kept about 4 times in 5 per member");
      v.coef("appoint_findings", appoint_findings, {0, 50},
             "... - x the severity of the last findings about the group (R18), weighed as the member weighs evidence (R19)",
             "Birmingham 2023 (the Campaign Improvement Board's report, then the panel's decision); set by hand, not calibrated");
      v.coef("appoint_division", appoint_division, {0, 50},
             "... - x the group's division index, weighed the same way: a leader under whom the group stays divided is not kept",
             "Birmingham 2023 (\"personality-driven factionalism\"); set by hand, not calibrated");
    }
  };

  static constexpr access reads = concern::leadership | concern::division | concern::derived | concern::centre |
                                  concern::councillor_seats | concern::councillor_positions | concern::councillor_mood |
                                  concern::policy | concern::national | concern::executive;
  static constexpr access writes = concern::leadership | concern::division | concern::councillor_cabinet |
                                   concern::councillor_mood | concern::policy | concern::events;

  static void run(world& w, council_id council);

 private:
  /// The group's annual general meeting (a scripted `annual_meeting`), when one is held this week: under special
  /// measures the centre's panel decides whether the sitting leader is kept; otherwise, where the leader's term ends,
  /// a challenger stands if enough of the group is dissatisfied. Returns true when the meeting decided who leads.
  static bool annual_meeting(world& w, council_id council);
};

}  // namespace partyline
