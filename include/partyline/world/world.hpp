#pragma once
/// @brief The world of one run as typed columns. Councillors (every seat of every party) and local members
/// are struct-of-arrays columns, contiguous per council; councils, wards, disputes, the executive, unions and
/// regional boards are plain data. Built once per run from the frozen scenario; the step loop allocates nothing
/// per agent.
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "partyline/outcome/outcomes.hpp"
#include "partyline/scenario/scenario.hpp"

namespace partyline {

enum class councillor_status : std::uint8_t {
  sitting,      ///< in office
  deselected,   ///< in office until the next election, not the party's candidate
  withdrawn,    ///< in office until the next election, not standing again
  suspended,    ///< suspended from the party group
  independent,  ///< left the group, sits as an independent
  former        ///< no longer in office (the seat's row is reused by whoever wins it)
};

/// @brief Where a sitting councillor stands in the selection for the next election (R5, R6).
enum class selection_state : std::uint8_t { undecided, reselected, deselected_members, deselected_central, withdrawn };

/// @brief Every council seat, one row each; the party's own councillors carry full state.
struct councillor_columns {
  std::vector<std::uint16_t> ward;     ///< ward index within the council
  std::vector<std::uint8_t> party;     ///< holder's party index
  std::vector<councillor_status> status;
  std::vector<float> position;
  std::vector<float> loyalty;          ///< 0..1
  std::vector<float> satisfaction;     ///< with the group's leadership, -1..1
  std::vector<float> union_ties;       ///< 0..1
  std::vector<std::uint16_t> dissent;  ///< letters and requests signed: the record of dissent
  std::vector<std::uint8_t> cabinet;   ///< 1 for cabinet members
  std::vector<selection_state> selection;
  std::vector<float> candidate_position;     ///< the party's candidate for this seat if not the sitting councillor
  std::vector<std::uint8_t> stands_independent;  ///< a deselected councillor standing as an independent
  std::vector<float> scratch;          ///< per-council work space (opinion dynamics)
  std::vector<std::uint32_t> order;    ///< per-council work space (sorting)

  void resize(std::size_t n);
  [[nodiscard]] std::size_t size() const { return ward.size(); }
};
inline constexpr std::size_t bytes_per_seat = 2 + 1 + 1 + 4 * 4 + 2 + 1 + 1 + 4 + 1 + 4 + 4;

enum class member_status : std::uint8_t { member, suspended, left, defected };

/// @brief Local party members, contiguous per council and sorted by ward inside a council.
struct member_columns {
  std::vector<float> position;
  std::vector<float> activism;        ///< 0..1; "active" at or above member_mood.active_above
  std::vector<float> loyalty;         ///< 0..1; loyal members rarely leave (R14)
  std::vector<float> propensity;      ///< the member's own activism in a quiet area
  std::vector<std::uint16_t> ward;
  std::vector<std::uint8_t> faction;  ///< 1 for organised-faction members
  std::vector<member_status> status;

  void resize(std::size_t n);
  [[nodiscard]] std::size_t size() const { return position.size(); }
};
inline constexpr std::size_t bytes_per_member = 4 + 4 + 4 + 4 + 2 + 1 + 1;

struct ward_state {
  std::uint32_t seat_begin = 0;  ///< rows in councillor_columns
  std::uint16_t seats = 0;
  std::array<float, max_parties> base_share{};  ///< baseline vote share by party in this ward
};

struct dispute_state {
  std::string id;
  int union_index = -1;
  int workers = 0;
  float intensity = 0;
  dispute_stage stage = dispute_stage::talks;
  int weeks_running = 0;
  int weeks_in_stage = 0;
  bool active = false;
};

struct council_state {
  // Rows in the columns and the plain-data tables.
  std::uint32_t seat_begin = 0, seat_end = 0;
  std::uint64_t member_begin = 0, member_end = 0;
  std::uint32_t ward_begin = 0, ward_end = 0;
  std::uint32_t dispute_begin = 0, dispute_end = 0;  ///< capacity; slots with active=false are free

  std::array<std::int32_t, max_parties> seats_by_party{};
  int control = -1;                 ///< party with a majority, or -1
  std::uint32_t administration = 0; ///< bit mask of parties in the administration

  // The party's group on this council.
  std::int64_t leader = -1;         ///< councillor row, -1 when the party has no councillors here
  float leader_resolve = 0.6f;
  float leader_autonomy = 0.6f;
  int leader_since_week = 0;
  float confrontation = 0.3f;
  float policy_position = 0;
  float policy_salience = 0;
  policy_stage policy = policy_stage::none;
  int policy_since_week = 0;        ///< week the policy entered its current stage
  bool special_measures = false;
  int investigation_until = -1;     ///< week an investigation ends (apply phase sets it)
  int last_letter_week = -100000;
  int last_challenge_week = -100000;
  int last_referral_week = -100000;
  int last_request_week = -100000;
  bool referral_pending = false;    ///< an item about this council waits on the executive's agenda
  bool request_pending = false;     ///< a request (R1) about this council waits on the agenda
  bool response_pending = false;    ///< the leader has yet to respond to an intervention (R3)
  bool mediation_refused = false;
  bool stand_down_at_election = false;  ///< the leader has announced they go at the next election
  int central_selection_from = -1;  ///< week from which the centre chooses candidates (scripted, R6)
  int next_election = -1;           ///< the next election week, or -1
  int elections_held = 0;           ///< for by-thirds cycles
  float division_stock = 0;         ///< visible division: +1 per letter or challenge, half-life 26 weeks
  float intervention_stock = 0;     ///< central interventions here: +1 each, half-life 26 weeks
  int deselected_or_withdrawn = 0;  ///< sitting councillors not standing again for the party this cycle
  std::int64_t members_suspended = 0;
  std::int64_t members_left = 0;

  // Coalition formation (R11): the options in the order they are tried, as party bit masks.
  std::array<std::uint32_t, 16> coalition_options{};
  int coalition_count = 0;
  int coalition_next = 0;
  std::uint32_t coalition_pending = 0;  ///< the deal awaiting the executive's sign-off (0: none)
  int coalition_deadline = -1;
  bool party_vetoed = false;            ///< the executive vetoed the party's deal: it stays out
  bool pact_alleged = false;            ///< R12: an allegation stands against the local party
  bool form_at_start = false;           ///< no majority at week 0 and no administration given

  // Computed each week by the local phase, read by later phases.
  int group_size = 0;
  int dissatisfied = 0;
  double mean_satisfaction = 0;
  float worst_intensity = 0;
  int disputes_active = 0;
  std::int64_t active_members = 0;

  std::array<std::int64_t, council_count_count> counts{};
  run_counters tally;  ///< this council's share of the run counters, summed in council order at the end
};

enum class exec_section : std::uint8_t { union_seat, clp, frontbench, backbench, local_gov, other };
template <>
struct enum_names<exec_section> {
  static constexpr std::array<std::string_view, 6> names{"union", "clp", "frontbench", "backbench", "local_gov", "other"};
};

struct executive_member {
  exec_section section = exec_section::other;
  bool left_bloc = false;
  float position = 0;
  float centralism = 0.5f;
};

enum class item_kind : std::uint8_t { referral, request, coalition };
template <>
struct enum_names<item_kind> {
  static constexpr std::array<std::string_view, 3> names{"referral", "request", "coalition"};
};
enum class decision_kind : std::uint8_t {
  none, dismiss, defer, advise_pause, investigate, special_measures, remove_leader, approve_coalition, refuse_coalition
};
template <>
struct enum_names<decision_kind> {
  static constexpr std::array<std::string_view, 9> names{"none",          "dismiss",          "defer",
                                                         "advise_pause",  "investigate",      "special_measures",
                                                         "remove_leader", "approve_coalition", "refuse_coalition"};
};
[[nodiscard]] constexpr bool is_intervention(decision_kind k) {
  return k == decision_kind::advise_pause || k == decision_kind::investigate || k == decision_kind::special_measures ||
         k == decision_kind::remove_leader;
}

/// @brief An item waiting on the executive's agenda.
struct agenda_item {
  item_kind kind = item_kind::referral;
  int council = -1;
  int week_filed = 0;
  double urgency = 0.3;
  double requester_position = 0;   ///< for members' alignment
  double strength = 0;             ///< share of the group (or board) behind it
  int union_index = -1;            ///< for referrals by a union
  int defers = 0;
  std::uint32_t coalition = 0;     ///< for sign-off requests: the deal (party bit mask)
};

/// @brief A decision the executive published this week, applied by the council in the apply phase.
struct decision {
  decision_kind kind = decision_kind::none;
  item_kind item = item_kind::referral;
  int council = -1;
  std::uint32_t coalition = 0;
  bool notice_given = false;
  int yes = 0;
  int of = 0;
  int weeks_waiting = 0;
};

struct executive_state {
  std::vector<executive_member> members;
  std::vector<agenda_item> agenda;
  std::vector<decision> published;  ///< this week's decisions
  double backlash = 0;
  double median_position = 0;
  double protest_stock = 0;  ///< published protest letters, half-life 26 weeks (electoral cost, R13)
};

/// @brief What every council may read in the local phase: the national state as published last week.
struct national_snapshot {
  int week = 0;
  double backlash = 0;
  double media_risk = 0;
  double executive_median = 0;
};

/// @brief One run's world.
struct world {
  std::shared_ptr<const scenario> scen;
  std::uint64_t seed = 0;
  std::uint64_t run = 0;
  int week = 0;

  councillor_columns councillors;
  member_columns members;
  std::vector<ward_state> wards;
  std::vector<dispute_state> disputes;
  std::vector<council_state> councils;
  executive_state executive;
  national_snapshot national;

  std::vector<std::vector<event_record>> council_events;  ///< per council, merged in council order after each phase
  std::vector<std::vector<agenda_item>> council_outbox;   ///< items filed by each council this week
  std::vector<std::vector<int>> council_scripted;         ///< scenario events (indices) for each council
  bool record_events = true;
  run_result result;
};

/// @brief Estimated bytes one run's world needs; used to refuse absurd scenarios before allocating.
struct memory_estimate {
  double bytes = 0;
  long long members = 0;
  long long seats = 0;
  int largest_council = -1;  ///< council contributing most, for the error message
};
[[nodiscard]] memory_estimate estimate_world_memory(const scenario& s);

/// @brief Median position of the executive's members ("the executive majority's position").
[[nodiscard]] double executive_median(const executive_state& ex);

/// @brief Builds the world of run `run` (all setup draws keyed by seed and run).
[[nodiscard]] world build_world(std::shared_ptr<const scenario> scen, std::uint64_t seed, std::uint64_t run);

}  // namespace partyline
