#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 2
#error "partyline/world/world.hpp belongs to stage 2 (world): a lower stage may not include it"
#endif
/// @brief The world of one run as typed columns. Councillors (every seat of every party) and local members are
/// struct-of-arrays columns, contiguous per council; each council's own state is split by concern (leadership,
/// selections, coalition, policy, disputes, ...), so that a rule can declare which concerns it reads and writes
/// (world/access.hpp). Built once per run (engine/build.hpp); the step loop allocates nothing per agent.
#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "partyline/scenario/read.hpp"
#include "partyline/world/agenda.hpp"
#include "partyline/world/events.hpp"
#include "partyline/world/fields.hpp"
#include "partyline/world/ids.hpp"

namespace partyline {

struct model_parameters;  // the rules' coefficients (rules/parameters.hpp)

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

/// The centre's endorsement of a seat's candidate (R20): pending until the panel has looked at them; `refused`: the
/// members' choice was refused (or endorsement withdrawn) and the centre imposed a replacement.
enum class endorsement_state : std::uint8_t { pending, endorsed, refused };

/// Bits of councillor_columns::stands_independent.
namespace independent_stand {
inline constexpr std::uint8_t councillor = 1;  ///< the sitting councillor stands against the party
inline constexpr std::uint8_t refused_choice = 2;  ///< the members' candidate the centre refused stands against the party
}  // namespace independent_stand

/// Calls f on every column of a struct of columns; resizing and bytes per row both come from it.
#define PARTYLINE_COLUMNS(...)                                 \
  template <class F>                                           \
  constexpr void for_each_column(F&& f) {                      \
    auto each = [&](auto&... col) { (f(col), ...); };          \
    each(__VA_ARGS__);                                         \
  }                                                            \
  void resize(std::size_t n) {                                 \
    for_each_column([n](auto& col) { col.resize(n); });        \
  }

/// Bytes one row takes across every column of T, from the columns' element types.
template <class T>
constexpr std::size_t bytes_per_row() {
  T t;
  std::size_t n = 0;
  t.for_each_column([&n](auto& col) { n += sizeof(typename std::remove_reference_t<decltype(col)>::value_type); });
  return n;
}

/// @brief Every council seat, one row each; the party's own councillors carry full state.
struct councillor_columns {
  column<std::uint16_t, councillor_id> ward;     ///< ward index within the council
  column<std::uint8_t, councillor_id> party;     ///< holder's party index
  column<councillor_status, councillor_id> status;
  column<float, councillor_id> position;
  column<float, councillor_id> loyalty;          ///< 0..1
  column<float, councillor_id> satisfaction;     ///< with the group's leadership, -1..1
  column<float, councillor_id> union_ties;       ///< 0..1
  column<std::uint16_t, councillor_id> dissent;  ///< letters and requests signed: the record of dissent
  column<std::uint8_t, councillor_id> cabinet;   ///< 1 for cabinet members
  column<selection_state, councillor_id> selection;
  column<float, councillor_id> candidate_position;     ///< the party's candidate for this seat if not the sitting councillor
  /// Who stands as an independent against the party's candidate for this seat (independent_stand bits): the
  /// sitting councillor (deselected, refused endorsement, or expelled), the members' choice the centre refused.
  column<std::uint8_t, councillor_id> stands_independent;
  column<float, councillor_id> following;       ///< the councillor's personal following in the ward, 0..1 (drawn when they take a seat), plus a rooted councillor's community (`councils[].community`)
  column<float, councillor_id> ballot_support;  ///< share of the ward's members behind them at their last selection (R5, R6, R20)
  column<float, councillor_id> grievance;       ///< how the central action that removed them as candidate was seen, 0..1 (independents)
  column<endorsement_state, councillor_id> endorsement;  ///< the centre's endorsement of this seat's candidate (R20)
  /// 1 while the holder is a subject of the allegation standing in their council (R18): who may be suspended pending
  /// it, charged and expelled. Cleared when the case closes or the seat changes hands.
  column<std::uint8_t, councillor_id> complained_of;

  PARTYLINE_COLUMNS(ward, party, status, position, loyalty, satisfaction, union_ties, dissent, cabinet, selection,
                    candidate_position, stands_independent, following, ballot_support, grievance, endorsement, complained_of)
  [[nodiscard]] std::size_t size() const { return ward.size(); }
  /// Where each seat's holder stands on the declared axes after the first: `others` values per row, row by row
  /// (space_terms; empty for a one-axis scenario). Not one of the columns above: sized by the scenario's axes.
  std::vector<float> more;
  [[nodiscard]] const float* more_of(std::uint64_t r, int others) const { return more.data() + r * static_cast<std::uint64_t>(others); }
  [[nodiscard]] const float* more_of(councillor_id r, int others) const { return more_of(std::uint64_t{row(r)}, others); }
};

/// `prospective`: a row kept for someone who may join during the run (R14 recruitment), not (yet) a member.
/// `expelled`: expelled by the hearing body on charges (R18); no longer a member.
enum class member_status : std::uint8_t { member, suspended, left, defected, prospective, expelled };

/// A council's member rows: its starting members and the rows kept for recruits, `room_share` of them (the scenario's
/// `national.member_room_share`: membership can grow by that much in a run). The kept rows are spread evenly over
/// the council's rows (so over its wards) and marked `prospective` until someone joins.
[[nodiscard]] constexpr std::uint64_t member_rows_for(std::uint64_t members, double room_share) {
  return members + static_cast<std::uint64_t>(static_cast<double>(members) * room_share);
}

/// `std::lround` for |v| < 2^31, inline: to the nearest integer, halves away from zero, NaN to 0 (as lround's
/// out-of-range result becomes in the narrow columns). The member loops convert every member's loyalty and position
/// this way, and libm's lround is a call.
[[nodiscard]] constexpr std::int32_t round_half_away(double v) noexcept {
  if (!(v == v)) return 0;
  const auto t = static_cast<std::int32_t>(v);  // towards zero
  const double f = v - t;                       // exact: v's fraction
  return t + (f >= 0.5 ? 1 : 0) - (f <= -0.5 ? 1 : 0);
}

/// @brief Local party members, contiguous per council and sorted by ward inside a council.
struct member_columns {
  /// -1..1 in 32767ths: two bytes, so that the columns R14 reads of a large membership stay in cache (members'
  /// positions are drawn once and never move); read it with position_of.
  column<std::int16_t, member_id> position;
  /// 0..1 in 255ths (loyal members rarely leave, R14): a byte, so that the columns R14 reads of a large membership
  /// stay in cache; read it with loyalty_of.
  column<std::uint8_t, member_id> loyalty;
  /// The member's activism in a quiet area (organised-faction members' boost included). Their activism is this plus
  /// their area's mobilisation (membership_state): the weekly relaxation towards local mobilisation is the same
  /// for every member of an area, so it is kept once per council, not once per member.
  column<float, member_id> quiet_activism;
  column<std::uint16_t, member_id> ward;
  column<std::uint8_t, member_id> faction;  ///< 1 for organised-faction members
  column<member_status, member_id> status;
  /// 1 while the member is a subject of the allegation standing in their council (R18), as councillor_columns'.
  column<std::uint8_t, member_id> complained_of;

  PARTYLINE_COLUMNS(position, loyalty, quiet_activism, ward, faction, status, complained_of)
  [[nodiscard]] std::size_t size() const { return position.size(); }
  /// Where each member stands on the declared axes after the first, in 32767ths as `position`: `others` values per
  /// row (space_terms; empty for a one-axis scenario). Drawn once; read with more_of.
  std::vector<std::int16_t> more;
  [[nodiscard]] float more_of(std::uint64_t m, int others, int k) const {
    return static_cast<float>(more[m * static_cast<std::uint64_t>(others) + static_cast<std::uint64_t>(k)]) * (1.0f / 32767.0f);
  }
  [[nodiscard]] float position_of(std::uint64_t m) const { return static_cast<float>(position[m]) * (1.0f / 32767.0f); }
  [[nodiscard]] float position_of(member_id m) const { return position_of(row(m)); }
  [[nodiscard]] float more_of(member_id m, int others, int k) const { return more_of(row(m), others, k); }
  [[nodiscard]] static std::int16_t position_fixed(double x) {
    return static_cast<std::int16_t>(round_half_away(std::clamp(x, -1.0, 1.0) * 32767.0));
  }
  [[nodiscard]] float loyalty_of(std::uint64_t m) const { return static_cast<float>(loyalty[m]) * (1.0f / 255.0f); }
  [[nodiscard]] float loyalty_of(member_id m) const { return loyalty_of(row(m)); }
  [[nodiscard]] static std::uint8_t loyalty_byte(double l) {
    return static_cast<std::uint8_t>(round_half_away(std::clamp(l, 0.0, 1.0) * 255.0));
  }
};
#undef PARTYLINE_COLUMNS

inline constexpr std::size_t bytes_per_seat = bytes_per_row<councillor_columns>();
inline constexpr std::size_t bytes_per_member = bytes_per_row<member_columns>();

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
  // The council leadership's tactics in it (R8): terms are imposed and an injunction threatened at most once a
  // dispute; any move waits `tactic_gap_weeks` after the last.
  bool terms_imposed = false;
  bool injunction_threatened = false;
  int weeks_since_move = 1 << 20;
};

// ---- a council's state, by concern -----------------------------------------------------------------

/// Where the council's rows are in the columns and tables (fixed when the world is built).
struct council_rows {
  std::uint32_t seat_begin = 0, seat_end = 0;
  std::uint64_t member_begin = 0, member_end = 0;
  std::uint32_t ward_begin = 0, ward_end = 0;
  std::uint32_t dispute_begin = 0, dispute_end = 0;  ///< capacity; slots with active=false are free
  [[nodiscard]] int seats() const { return static_cast<int>(seat_end - seat_begin); }
  /// The council's seats and members as typed ids: `for (const councillor_id r : c.rows.councillors())`.
  [[nodiscard]] id_range<councillor_id, std::uint32_t> councillors() const { return {seat_begin, seat_end}; }
  [[nodiscard]] id_range<member_id, std::uint64_t> members() const { return {member_begin, member_end}; }
};

/// Seats, control, administration and the electoral calendar.
struct electoral_state {
  std::array<std::int32_t, max_parties> seats_by_party{};
  int control = -1;                  ///< party with a majority, or -1
  std::uint32_t administration = 0;  ///< the arrangement governing: its parties' bits, its supporters' above support_shift
  int next_election = -1;            ///< the next election week, or -1
  int elections_held = 0;            ///< for by-thirds cycles
  /// A count has just been made (R13's, or the one before the run for a council hung at week 0): the hooks on a count
  /// run (schedule::on_count: pact allegations, forming an administration), then the engine clears it.
  bool counted = false;
  std::array<std::int32_t, max_parties> seats_before_count{};  ///< the seats before that count
  /// The group's results at the polls over the last electoral cycle (R17, R18): its seats a cycle ago -- stated
  /// (`seats_a_cycle_ago`), then rolled forward by the run's own counts, kept below (their weeks and the party's seats
  /// after each) until they are a cycle old.
  std::int32_t seats_a_cycle_ago = 0;
  std::array<std::int32_t, 5> count_weeks{};
  std::array<std::int32_t, 5> count_seats{};
  std::int32_t counts_kept = 0;
  PARTYLINE_FIELDS(seats_by_party, control, administration, next_election, elections_held, counted, seats_before_count,
                   seats_a_cycle_ago, count_weeks, count_seats, counts_kept);
};

/// The party group's leader and how they lead.
struct leadership_state {
  councillor_id leader = nobody;  ///< nobody when the party has no councillors here
  float resolve = 0.6f;
  float autonomy = 0.6f;
  int since_week = 0;
  float confrontation = 0.3f;        ///< industrial-relations confrontation, 0..1
  bool response_pending = false;     ///< the leader has yet to respond to an intervention (R3)
  bool mediation_refused = false;
  bool stand_down_at_election = false;  ///< the leader has announced they go at the next election
  bool directly_elected = false;        ///< the leader is a directly elected mayor (R21): the group cannot remove them
  /// The worst intensity a dispute with the workforce reached under this leadership (R8; disputes on record before the
  /// run): its record, which a review's findings weigh (R18). A new leader starts with a clean record.
  float dispute_record = 0;
  PARTYLINE_FIELDS(leader, resolve, autonomy, since_week, confrontation, response_pending, mediation_refused, stand_down_at_election,
                   directly_elected, dispute_record);
};

/// A directly elected mayor's office (R21).
struct mayoralty_state {
  int party = -1;                  ///< the holder's party index (-1: the council has no mayor)
  float following = 0;             ///< the sitting mayor's personal following across the area
  int next_contest = -1;           ///< week of the next mayoral contest (-1: none in the run)
  councillor_id candidate = nobody;  ///< the party's selected candidate for it; nobody: not yet selected
  bool candidate_imposed = false;  ///< the centre chose the candidate (central selection, or every shortlisted refused)
  float candidate_support = 0;     ///< the candidate's share of the members' ballot that chose them (0: the centre chose)
  councillor_id rival = nobody;    ///< someone who lost the party's candidacy and stands against it as an independent
  float rival_support = 0, rival_grievance = 0;
  PARTYLINE_FIELDS(party, following, next_contest, candidate, candidate_imposed, candidate_support, rival, rival_support,
                   rival_grievance);
};

/// Visible division inside the group: letters, challenges, requests.
struct division_state {
  int last_letter_week = -100000;
  int last_challenge_week = -100000;
  float stock = 0;  ///< +1 per letter, challenge or request, decaying (R13's penalty, R6's division index)
  PARTYLINE_FIELDS(last_letter_week, last_challenge_week, stock);
};

/// The group's relations with the centre: items on its agenda, interventions in force.
struct centre_state {
  bool special_measures = false;
  int investigation_until = -1;  ///< week an investigation ends
  /// The running investigation is a review of how the local party is run, opened on the officers' own concern (R17),
  /// not a complaint against anyone: its findings are about the unit, and name no individual for a sanction (R18).
  bool review = false;
  /// The kinds of item about this council waiting on a body's agenda (bit k: w.institutions.kinds[k]).
  std::uint32_t pending = 0;
  /// The week an item of each kind about this council was last filed (a cooldown before the next).
  std::array<int, max_item_kinds> last_filed = [] {
    std::array<int, max_item_kinds> a{};
    a.fill(-100000);
    return a;
  }();
  int advice_refused = 0;         ///< times the leader refused the executive's advice (R3): a milder step failed (R19)
  float allegation = 0;           ///< severity of the allegation standing here (0: none; it lapses when dismissed or the hearing ends)
  /// The councillor row the allegation is principally against (the leader or mayor when it was made, the first of the
  /// councillors it names; nobody: none, or its subjects are not councillors). Every subject carries complained_of.
  councillor_id accused = nobody;
  allegation_subject subject = allegation_subject::leader;  ///< whom the standing allegation is against
  /// The leader who led the group into defying the centre (R11): the subject of the breach's case (R18), whom
  /// charges fall on; the rest of the group, suspended with them, has the whip restored when the case is brought.
  councillor_id breach_leader = nobody;
  bool accused_led = false;       ///< the accused led the group (or was its mayor) when accused: a scandal for the local party (R17)
  float findings = 0;             ///< severity of the last findings (R18)
  int hearing_from = -1;          ///< week the charges brought here go before the hearing body (R18); -1: no case
  int first_item_week = -1;       ///< week the first item about this council reached the executive (sanction_weeks)
  bool local_party_suspended = false;  ///< the local party's meetings and selections are frozen (R18)
  float intervention_stock = 0;   ///< central actions here: each adds its visibility (R2.action_visibility, R11.veto_visibility, R11.reversal_visibility), decaying (R13, R14, R19)
  /// What the centre's overrides of the group's deals cost it, for which its councillors may blame the leader who
  /// led it there: the office lost x how public the override was (R11), decaying as intervention_stock (satisfaction).
  float override_cost = 0;
  float central_actions = 0;      ///< the same actions' running total, never decaying (members react to each once, R14)
  bool acted_without_notice = false;  ///< the centre's last action here came without notice (independents' grievance)
  bool allegation_reviewed = false;   ///< the endorsement panel has looked at the standing allegation (R20)
  PARTYLINE_FIELDS(special_measures, investigation_until, review, pending, last_filed, advice_refused, allegation, accused, subject, breach_leader, accused_led, findings, hearing_from, first_item_week, local_party_suspended, intervention_stock, override_cost, central_actions, acted_without_notice, allegation_reviewed);
};

/// Candidate selection for the next election (R5, R6).
struct selections_state {
  int central_from = -1;           ///< week from which the centre chooses candidates (-1: members do)
  int deselected_or_withdrawn = 0; ///< sitting councillors not standing again for the party this cycle
  PARTYLINE_FIELDS(central_from, deselected_or_withdrawn);
};

/// Coalition formation (R11): the options in the order they are tried, as party bit masks.
struct coalition_state {
  std::array<std::uint32_t, 16> options{};
  int count = 0;
  int next = 0;
  std::uint32_t pending = 0;  ///< the deal awaiting the executive's sign-off (0: none)
  bool party_stays_out = false;  ///< the party stays out of the options still to be tried (an order obeyed, no answer in
                                 ///< time; a veto accepted drops only the options with the refused deal's partners)
  bool refused_by_vote = false;  ///< ... because a body refused its deal or ordered it out (not a lapse)
  bool pact_alleged = false;  ///< R12: an allegation stands against the local party
  /// The administration the group sits in without the executive's sign-off (it went ahead without asking, or the
  /// scenario says so): the executive looks at it after the fact and may order the group to withdraw (0: none).
  std::uint32_t unapproved = 0;
  bool review_at_start = false;  ///< the given administration goes to the executive at week 0 (unapproved or across a line)
  std::uint32_t negotiated = 0;  ///< the arrangement the local parties negotiated before the run (tried first at week 0)
  PARTYLINE_FIELDS(options, count, next, pending, party_stays_out, refused_by_vote, pact_alleged, unapproved, review_at_start, negotiated);
};

/// The group's flagship policy (R15).
struct policy_state {
  float position = 0;
  float salience = 0;
  policy_stage stage = policy_stage::none;
  int since_week = 0;  ///< week the policy entered its current stage
  /// A new leader's decision on the policy (scrap or resume), a key decision the cabinet takes at `decision_week`
  /// (R15); none when no decision is pending.
  policy_stage decided = policy_stage::none;
  int decision_week = -1;
  PARTYLINE_FIELDS(position, salience, stage, since_week, decided, decision_week);
};

/// The local party's membership.
struct membership_state {
  std::int64_t suspended = 0;
  std::int64_t left = 0;
  float mobilisation = 0;  ///< activism above each member's quiet level: it follows local mobilisation (member_mood)
  float mean_position = 0;  ///< the members' mean position when drawn: whom they would select (R6's vote)
  std::int64_t prospective = 0;  ///< rows still free for recruits (R14)
  std::int64_t joined = 0;       ///< members who joined during the run (R14)
  float central_actions_seen = 0;  ///< the centre's running total of actions here the members have reacted to (R14)
  /// The largest exit score any member here can have, e_distance (s |x - centre| + the other axes) - e_loyalty
  /// loyalty, split: max(e_distance s x - e_loyalty loyalty), max(-e_distance s x - e_loyalty loyalty) on the first axis
  /// (salience s), and the largest e_distance x the salience-weighted distance from the executive on the others
  /// (R14's thinning bound).
  float exit_reach_right = 0, exit_reach_left = 0, exit_reach_more = 0;
  PARTYLINE_FIELDS(suspended, left, mobilisation, mean_position, prospective, joined, central_actions_seen, exit_reach_right, exit_reach_left, exit_reach_more);
};

/// Computed each week by the local phase from the columns, read by later steps and phases.
struct derived_state {
  int group_size = 0;
  int dissatisfied = 0;
  double mean_satisfaction = 0;
  float worst_intensity = 0;
  int disputes_active = 0;
  PARTYLINE_FIELDS(group_size, dissatisfied, mean_satisfaction, worst_intensity, disputes_active);
};

// Every concern struct lists all of its fields (fields.hpp): the access test sees a new field without being told.
static_assert(fields_complete<electoral_state>(), "electoral_state: a field is missing from its PARTYLINE_FIELDS list");
static_assert(fields_complete<leadership_state>(), "leadership_state: a field is missing from its PARTYLINE_FIELDS list");
static_assert(fields_complete<mayoralty_state>(), "mayoralty_state: a field is missing from its PARTYLINE_FIELDS list");
static_assert(fields_complete<division_state>(), "division_state: a field is missing from its PARTYLINE_FIELDS list");
static_assert(fields_complete<centre_state>(), "centre_state: a field is missing from its PARTYLINE_FIELDS list");
static_assert(fields_complete<selections_state>(), "selections_state: a field is missing from its PARTYLINE_FIELDS list");
static_assert(fields_complete<coalition_state>(), "coalition_state: a field is missing from its PARTYLINE_FIELDS list");
static_assert(fields_complete<policy_state>(), "policy_state: a field is missing from its PARTYLINE_FIELDS list");
static_assert(fields_complete<membership_state>(), "membership_state: a field is missing from its PARTYLINE_FIELDS list");
static_assert(fields_complete<derived_state>(), "derived_state: a field is missing from its PARTYLINE_FIELDS list");

struct council_state {
  council_rows rows;
  electoral_state electoral;
  leadership_state leadership;
  mayoralty_state mayoralty;  ///< (concern: leadership)
  division_state division;
  centre_state centre;
  selections_state selections;
  coalition_state coalition;
  policy_state policy;
  membership_state membership;
  derived_state derived;
  event_tallies tallies{};  ///< what happened here (the outcome stage reads it)
};

// ---- the executive ------------------------------------------------------------------------------------

struct executive_state {
  std::vector<executive_member> members;
  double backlash = 0;
  double median_position = 0;
  double protest_stock = 0;  ///< published protest letters, decaying (electoral cost, R13)
  /// The national party leader in office (R23): 0 the scenario's leader at the start, k its `later[k-1]`; -1 none stated.
  int leader = -1;
};

/// @brief What every council may read in the local phase: the national state as published last week.
struct national_snapshot {
  int week = 0;
  double backlash = 0;
  double media_risk = 0;
  double executive_median = 0;
  double executive_centralism = 0.5;  ///< the members' mean centralism
  /// The centralism with which the party's officers use delegated powers (R17's own initiative, a staff official's
  /// decisions): the executive's, drawn towards the party leader's project where a leader is stated (R23).
  double officers_centralism = 0.5;
};

/// @brief Per-council work space for the rules (sorting, medians), kept apart from the agents' columns.
struct work_buffers {
  std::vector<float> values;       ///< one float per seat
  std::vector<std::uint32_t> rows; ///< one row index per seat
  /// R16: each council's group as it stood in opinion order after its last step (in the council's seat range), and how
  /// many of it there were. Opinion dynamics keep a group's order, so next week's sort is usually a check.
  std::vector<std::uint32_t> opinion_order;
  std::vector<std::uint32_t> opinion_count;  ///< one per council
};

/// @brief The story of a run, kept only when the run records events.
struct event_log {
  bool recording = true;
  column<std::vector<event_record>, council_id> by_council;  ///< per council, merged in council order after each phase
  std::vector<event_record> national;                 ///< events of no council (written straight to the log)
  std::vector<event_record> merged;                   ///< the run's log so far, in order
};

/// @brief The declared policy space as the rules' agent-level distances need it. Every distance is the
/// salience-weighted city-block sum over the axes: the first axis from the agents' `position` columns, the others
/// (`others` of them) from the `more` columns of the party's own councillors and members (where they stand, drawn
/// around their group's and members' local means with the axis' `spread`), the executive's `executive.positions`
/// and each party's place.
struct space_terms {
  static constexpr int max_others = max_axes - 1;
  double first_salience = 1.0;
  int others = 0;  ///< declared axes after the first
  std::array<double, max_others> salience{};             ///< of each axis after the first
  std::array<double, max_others> executive{};            ///< the executive's place on them
  std::array<std::array<double, max_others>, max_parties> party{};  ///< each party's place on them
};

/// @brief A regional board that holds powers over its councils as a tier (`regions[].powers`): its members, drawn
/// once, and what its votes and panels read of them.
struct tier_board {
  std::vector<executive_member> members;
  double median_position = 0;  ///< on the first axis (on the others the board stands at the party's place)
  double centralism = 0.5;     ///< the members' mean
};

/// @brief One run's world.
struct world {
  std::shared_ptr<const scenario> scen;
  const model_parameters* params = nullptr;  ///< the scenario's coefficients (owned by scen)
  std::uint64_t seed = 0;
  std::uint64_t run = 0;
  int week = 0;
  /// Raised from outside (a signal, Ctrl-C in Python): the engine throws run_cancelled at its next step. Not state:
  /// no rule reads it, and it never changes what a finished run computes.
  const std::atomic<bool>* cancel = nullptr;

  councillor_columns councillors;
  member_columns members;
  std::vector<ward_state> wards;
  std::vector<dispute_state> disputes;
  column<council_state, council_id> councils;  ///< by council_id (or by a plain index in a loop over them all)
  executive_state executive;
  institutions_state institutions;  ///< the party's decision bodies, their agendas and this week's decisions
  space_terms space;
  /// The board of each region that holds powers as a tier (`regions[].powers`), drawn as the executive's is;
  /// empty for a region without powers.
  std::vector<tier_board> tiers;
  national_snapshot national;
  event_tallies national_tallies{};  ///< events of no council (an executive election)

  column<std::vector<agenda_item>, council_id> outbox;  ///< items filed by each council this week
  column<std::vector<int>, council_id> scripted;       ///< scenario events (indices) for each council
  work_buffers work;
  event_log log;
};

/// @brief Median position of the executive's members ("the executive majority's position").
[[nodiscard]] double executive_median(const executive_state& ex);
/// The executive members' mean centralism (R17).
[[nodiscard]] double executive_centralism(const executive_state& ex);

/// @brief Estimated bytes one run's world needs; used to refuse absurd scenarios before allocating.
struct memory_estimate {
  double bytes = 0;
  long long members = 0;
  long long seats = 0;
  int largest_council = -1;  ///< council contributing most, for the error message
};
[[nodiscard]] memory_estimate estimate_world_memory(const scenario& s);
/// @brief The costs the scenario reader uses to refuse absurd council generators before expanding them.
[[nodiscard]] world_sizes world_layout_sizes();

/// @brief Lays out an empty world for the scenario: every table sized, each council's rows assigned.
void lay_out_world(world& w);

}  // namespace partyline
