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
    }
  };

  static constexpr access reads = concern::policy | concern::electoral;
  static constexpr access writes = concern::policy | concern::events;

  /// The weekly step: a policy pursued long enough is carried out, unless purdah or a legal challenge defers it.
  static void run(world& w, council_id council);
  /// Moves the policy to `stage` (a rule's decision: pause, scrap, resume), told as `rule`'s event.
  static void move(world& w, council_id council, policy_stage stage, stream rule, const char* why);

  // Hooks on other rules' events (schedule::on_event): the course follows the group's leadership. Each runs inside
  // the step that told the event, so its reads and writes are checked as that step's.
  static constexpr access hook_reads = concern::policy | concern::leadership | concern::councillor_positions;
  /// On `leader_complies` (R3): a leader who accepts the centre's mediation pauses a live policy.
  static void on_compliance(world& w, council_id council);
  /// On `leader_stands_down` (R3): an outgoing leader takes no final decision, so a live policy is paused.
  static void on_stand_down(world& w, council_id council);
  /// On `leader_installed` (any rule that changes the leader): a new leader far from the policy (on its own axis)
  /// scraps it; one close to a paused policy resumes it.
  static void on_new_leader(world& w, council_id council);
};

}  // namespace partyline
