#pragma once
/// @brief The outcome names: the contract with users' notebooks (MODEL.md section 4). Keep them stable.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace partyline {

enum class run_outcome : std::uint8_t {
  requests,
  interventions,
  interventions_advise_pause,
  interventions_investigate,
  interventions_special_measures,
  interventions_remove_leader,
  protest_letters,
  protest_signatories_max,
  backbench_letters,
  leadership_challenges,
  leaders_stood_down,
  leaders_removed,
  deselections_members,
  deselections_central,
  withdrawals,
  independents_standing,
  coalition_requests,
  coalitions_approved,
  coalitions_blocked,
  coalitions_defied,
  blocked_other_control,
  suspensions,
  strike_weeks,
  seats_start,
  seats_end,
  councils_controlled_start,
  councils_controlled_end,
  members_start,
  members_end,
  defections,
  policies_paused,
  policies_scrapped,
  count_
};
inline constexpr std::size_t run_outcome_count = static_cast<std::size_t>(run_outcome::count_);

struct outcome_info {
  std::string_view name;
  std::string_view meaning;
  bool is_level;  ///< a state (seats, members) rather than a count of things that happened
};

/// One line per outcome; docs/outcomes.md repeats these and a test keeps the two in step.
inline constexpr std::array<outcome_info, run_outcome_count> run_outcome_info{{
    {"requests", "requests (R1) and regional referrals (R9) reaching the executive's agenda", false},
    {"interventions", "executive decisions to act on a council: advise_pause + investigate + special_measures + remove_leader", false},
    {"interventions_advise_pause", "decisions advising a group to pause a policy (with mediation)", false},
    {"interventions_investigate", "decisions to investigate a group or its leader", false},
    {"interventions_special_measures", "decisions putting a group under special measures", false},
    {"interventions_remove_leader", "decisions removing a group's leader", false},
    {"protest_letters", "published protest letters by other council leaders (R4)", false},
    {"protest_signatories_max", "signatories of the largest protest letter", false},
    {"backbench_letters", "published backbench letters against a group's leadership (R7)", false},
    {"leadership_challenges", "group leadership challenges held (R10)", false},
    {"leaders_stood_down", "leaders who stood down under pressure (R3)", false},
    {"leaders_removed", "leaders removed by a successful challenge (R10) or by the executive (R2)", false},
    {"deselections_members", "sitting councillors not reselected by members' ballots (R5)", false},
    {"deselections_central", "sitting councillors deselected by a central panel (R6)", false},
    {"withdrawals", "sitting councillors who withdrew before a selection ballot (R5)", false},
    {"independents_standing", "deselected councillors standing as independents (R6, R13)", false},
    {"coalition_requests", "coalition deals put to the executive for sign-off (R11)", false},
    {"coalitions_approved", "coalition deals the executive approved (R11)", false},
    {"coalitions_blocked", "coalition deals the executive refused (R11)", false},
    {"coalitions_defied", "vetoes a group defied by joining the coalition anyway (R11)", false},
    {"blocked_other_control", "councils where, after a veto, another party's administration formed (R11)", false},
    {"suspensions", "members and councillors suspended (R11 defiance, R12 pact allegations)", false},
    {"strike_weeks", "dispute-weeks at the strike or all-out stage (R8)", false},
    {"seats_start", "the party's seats at week 0", true},
    {"seats_end", "the party's seats at the end", true},
    {"councils_controlled_start", "councils where the party held a majority at week 0", true},
    {"councils_controlled_end", "councils where the party holds a majority at the end", true},
    {"members_start", "party members at week 0", true},
    {"members_end", "party members at the end (not left, not defected)", true},
    {"defections", "members who left and joined another party (R14)", false},
    {"policies_paused", "flagship policies paused (R15)", false},
    {"policies_scrapped", "flagship policies scrapped (R15)", false},
}};

[[nodiscard]] constexpr std::string_view name_of(run_outcome o) {
  return run_outcome_info[static_cast<std::size_t>(o)].name;
}

/// @brief The per-run row of runs.csv.
struct run_counters {
  std::array<std::int64_t, run_outcome_count> values{};
  std::int64_t& operator[](run_outcome o) { return values[static_cast<std::size_t>(o)]; }
  std::int64_t operator[](run_outcome o) const { return values[static_cast<std::size_t>(o)]; }
};

/// @brief Per-council tallies (councils.csv); additive over a run.
enum class council_count : std::uint8_t {
  coalition_requested,
  coalition_approved,
  coalition_blocked,
  coalition_defied,
  leader_changed,
  deselections,
  suspensions,
  count_
};
inline constexpr std::size_t council_count_count = static_cast<std::size_t>(council_count::count_);
inline constexpr std::array<std::string_view, council_count_count> council_count_names{
    "coalition_requested", "coalition_approved", "coalition_blocked", "coalition_defied",
    "leader_changed",      "deselections",       "suspensions"};

/// @brief One row of councils.csv.
struct council_result {
  std::vector<int> seats_end;             ///< by party, in the scenario's party order
  int control_end = -1;                   ///< party index, or -1 for none
  std::uint32_t administration_end = 0;   ///< bit mask of parties
  std::array<std::int64_t, council_count_count> counts{};
  std::uint8_t policy_stage_end = 0;
};

/// @brief One row of weekly.csv.
struct weekly_row {
  int week = 0;
  double backlash = 0;
  double satisfaction = 0;
  int agenda_open = 0;
  int disputes_active = 0;
  std::int64_t members = 0;
};

/// @brief One row of events.csv: the story of a run.
struct event_record {
  int week = 0;
  int council = -1;        ///< council index, -1 for national events
  std::uint16_t rule = 0;  ///< 1..16 for R1..R16, 0 for scenario-scripted events
  std::string event;
  std::string detail;
  int value = 0;  ///< the event's main number (signatories, weeks waited, votes); for tests, not written to CSV
};

/// @brief Everything one run produces.
struct run_result {
  int run = 0;
  run_counters counters;
  std::vector<council_result> councils;
  std::vector<weekly_row> weekly;
  std::vector<event_record> events;
};

}  // namespace partyline
