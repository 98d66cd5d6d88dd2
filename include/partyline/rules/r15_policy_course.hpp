#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/r15_policy_course.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief R15 Policy course (the HDV was paused, then scrapped by the new cabinet).
#include "partyline/random.hpp"
#include "partyline/world/access.hpp"

namespace partyline {

/// A flagship policy goes proposed -> pursuing -> paused / scrapped / done; no final decision in purdah or while
/// a legal challenge is pending.
struct policy_course {
  static constexpr stream id = stream::R15;
  static constexpr std::string_view key = "R15";

  struct params {
    int purdah_weeks = 6;
    int weeks_to_done = 104;
    double scrap_distance = 0.5;
    double resume_distance = 0.25;
    double decision_slope = 20.0;
    int annual_meeting_weeks = 3;
    int key_decision_notice_weeks = 4;
    int cabinet_every_weeks = 4;

    template <class V>
    void describe(V& v) {
      v.coef("purdah_weeks", purdah_weeks, {0, 52}, "pre-election period with no final decisions", "Haringey (purdah)");
      v.coef("weeks_to_done", weeks_to_done, {1, 5200},
             "weeks of pursuit after which the policy is carried out, if nothing blocks it", "Haringey (HDV timetable)");
      v.coef("scrap_distance", scrap_distance, {0, 2},
             "a new leader scraps an open policy with probability sigma(decision_slope (their distance from it - x)): even "
             "odds at this distance",
             "Haringey (the new cabinet scrapped the HDV)");
      v.coef("resume_distance", resume_distance, {0, 2},
             "a new leader resumes a paused policy with probability sigma(decision_slope (x - their distance from it)): even "
             "odds at this distance (it was half scrap_distance, a fixed gate)",
             "— (issue 32: no deterministic threshold)");
      v.coef("decision_slope", decision_slope, {0, 200},
             "how sharply a new leader's decision on the policy turns on their distance from it (log-odds per unit)", "—");
      v.coef("annual_meeting_weeks", annual_meeting_weeks, {0, 12},
             "weeks from a count to the council's annual meeting, where a leader the group chose after the election takes "
             "office (and can first have the cabinet decide)",
             "Local Government Act 1972 sch. 12 para. 1: in an election year the annual meeting is held within 21 days "
             "of the councillors' retirement, four days after polling day");
      v.coef("key_decision_notice_weeks", key_decision_notice_weeks, {0, 26},
             "a new leader's decision to scrap or resume the policy is a key decision: published this long before the "
             "cabinet takes it",
             "the Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England) Regulations "
             "2012, reg. 9: 28 clear days' notice of a key decision");
      v.coef("cabinet_every_weeks", cabinet_every_weeks, {1, 26},
             "the cabinet meets this often: the decision is taken at the first meeting after the notice has run (the "
             "meeting's place in the cycle drawn for each new leader)",
             "— (monthly, as most councils' cabinets meet; not fitted)");
    }
  };

  static constexpr access reads = concern::policy | concern::electoral;
  static constexpr access writes = concern::policy | concern::events;

  /// The weekly step: a pending key decision is taken at its cabinet (not in purdah); a policy pursued long enough is
  /// carried out, unless purdah or a legal challenge defers it, or a decision on it is pending.
  static void run(world& w, council_id council);
  /// Moves the policy to `stage` (a rule's decision: pause, scrap, resume), told as `rule`'s event.
  static void move(world& w, council_id council, policy_stage stage, stream rule, const char* why);

  // Hooks on other rules' events (schedule::on_event): the course follows the group's leadership. Each runs inside
  // the step that told the event, so its reads and writes are checked as that step's.
  static constexpr access hook_reads = concern::policy | concern::leadership | concern::councillor_positions | concern::electoral;
  /// On `leader_complies` (R3): a leader who accepts the centre's mediation pauses a live policy.
  static void on_compliance(world& w, council_id council);
  /// On `leader_stands_down` (R3): an outgoing leader takes no final decision, so a live policy is paused.
  static void on_stand_down(world& w, council_id council);
  /// On `leader_installed` (any rule that changes the leader): a new leader far from the policy (on its own axis)
  /// decides to scrap it; one close to a paused policy, to resume it. Either is a key decision the cabinet takes weeks
  /// later (`decided`, `decision_week`: the annual meeting after a count, the notice, the cabinet's cycle); a later
  /// leader's decision replaces it.
  static void on_new_leader(world& w, council_id council);
  /// Takes the pending key decision (`policy.decided`) now.
  static void take_decision(world& w, council_id council);
};

}  // namespace partyline
