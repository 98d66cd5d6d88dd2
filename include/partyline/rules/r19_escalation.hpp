#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/r19_escalation.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief R19 Escalation: the executive's steps against a local party form a ladder, climbed when milder steps
/// fail (Labour Rule Book, Chapter 1 Clause VIII: the NEC may take "such action as it deems necessary", from advice
/// to suspension of a party unit; Haringey, Birmingham, Leicester).
#include <cstdint>

#include "partyline/random.hpp"
#include "partyline/world/access.hpp"

namespace partyline {

/// Not a step of the week but part of the executive's deliberation (R2): how far up the ladder an item about a
/// council can go, and how much more willing the executive is to take a drastic step there.
struct escalation {
  static constexpr stream id = rule_stream(19);
  static constexpr std::string_view key = "R19";

  struct params {
    int rungs_open = 2;
    double e_division = 1.5;
    double e_refused = 1.0;
    double e_investigation = 0.5;
    double e_election = 0.5;
    double e_repeat = 0.25;
    double e_findings = 2.0;
    double e_allegation = 2.0;
    int election_horizon_weeks = 52;
    double e_centralism = 15.0;

    template <class V>
    void describe(V& v) {
      v.coef("rungs_open", rungs_open, {0, 4},
             "the highest rung the executive considers for a council before any milder step has failed there; each refusal of "
             "its advice opens one more (rungs: 1 advice or investigation, 2 taking over selections, 3 special measures, 4 "
             "removing the leader)",
             "Rule Book ch. 1 cl. VIII (graduated powers); Haringey (advice first)");
      v.coef("e_division", e_division, {-20, 20}, "willingness to take a drastic step (rung 2+): + x the group's division index",
             "Leicester (\"in-fighting and division\")");
      v.coef("e_refused", e_refused, {-20, 20}, "... + x times the leader refused the executive's advice (a milder step failed)",
             "Haringey, Birmingham (advice ignored)");
      v.coef("e_investigation", e_investigation, {-20, 20}, "... + while an investigation of the group runs", "Birmingham");
      v.coef("e_election", e_election, {-20, 20}, "... + x the election's proximity (1 at polling day, 0 beyond the horizon)",
             "Leicester (selections before May 2023)");
      v.coef("e_repeat", e_repeat, {-20, 20}, "... + x the central actions already taken here (intervention stock): a repeat complaint",
             "Birmingham (the NEC later ousted a leader)");
      v.coef("e_centralism", e_centralism, {0, 50},
             "a member weighs the pressure by softplus(1 + x (their centralism - 0.5)) / softplus(1), softplus(z) = ln(1 + e^z): 1 at "
             "centralism 0.5, rising about linearly for a centraliser (who acts on less evidence), falling smoothly towards but never "
             "to 0 for one who defends local parties' autonomy (who needs more): graded, no centralism below which a member cannot be "
             "moved (no evidence, no drastic step, whoever votes)",
             "Leicester (\"centralisation and disempowerment of local members\"); Haringey 2017 (no takeover)");
      v.coef("e_findings", e_findings, {-20, 20}, "... + x the severity of the investigation's findings (R18)", "Rule Book ch. 6");
      v.coef("e_allegation", e_allegation, {-20, 20}, "... + x the severity of an allegation standing against the leader (R17)",
             "Rule Book ch. 6 (administrative suspension)");
      v.coef("election_horizon_weeks", election_horizon_weeks, {1, 520}, "weeks before an election over which its proximity rises from 0 to 1",
             "—");
    }
  };

  /// Whether a body may consider step `m` for this council now: its rung (a warning, advice or investigation 1; taking
  /// over selections or suspending individuals 2; special measures, suspending the local party or charges 3; removing
  /// the leader 4) is open here, and it is within the party's powers and still makes sense (the motion's `allowed`).
  [[nodiscard]] static bool on_menu(const world& w, const council_state& c, const motion_def& m);
  /// Adds `m` to an item's motions if it is on the menu.
  static void offer(const world& w, const council_state& c, const motion_def& m, motion_list& out);
  /// How close the council's election is: 1 at polling day, 0 at `election_horizon_weeks` or more (or none due).
  [[nodiscard]] static double election_proximity(const world& w, const council_state& c);
  /// The evidence for a drastic step (rung 2 and above) here, in log-odds of a yes before each member weighs it.
  [[nodiscard]] static double pressure(const world& w, const council_state& c);
  /// How much a member (or the officers, at the executive's mean) with this centralism makes of that evidence.
  [[nodiscard]] static double weight_of_evidence(const world& w, double centralism);
};

}  // namespace partyline
