#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 1
#error "partyline/scenario/scenario.hpp belongs to stage 1 (scenario): a lower stage may not include it"
#endif
/// @brief The scenario: what a user writes in `scenarios/*.yaml`, with every default resolved.
/// Key-by-key documentation: scenarios/README.md. Rule coefficients: the rule units (rules/rNN_*.hpp), docs/model.md.
#include <array>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "partyline/scenario/coefficients.hpp"
#include "partyline/scenario/institutions.hpp"
#include "partyline/scenario/schema.hpp"

namespace partyline {

inline constexpr double auto_value = std::numeric_limits<double>::quiet_NaN();  ///< "derive it" marker
inline constexpr int max_parties = 12;  ///< parties per scenario (administrations are bit masks)
/// An *arrangement* is one bit mask: the governing parties' bits, and above `support_shift` the bits of the parties
/// that sustain a minority administration from outside it (confidence and supply, toleration; R11).
inline constexpr int support_shift = 16;
[[nodiscard]] constexpr std::uint32_t governing_parties(std::uint32_t arrangement) { return arrangement & ((1u << support_shift) - 1); }
[[nodiscard]] constexpr std::uint32_t supporting_parties(std::uint32_t arrangement) { return arrangement >> support_shift; }
[[nodiscard]] constexpr std::uint32_t arrangement_parties(std::uint32_t arrangement) {
  return governing_parties(arrangement) | supporting_parties(arrangement);
}
/// Seats one party may hold in one council. The largest UK council has about 100; the bound keeps seat counts
/// well inside the 32-bit columns the world uses (a fuzzer found 9e9 seats overflowing them).
inline constexpr double max_council_seats = 1e6;

/// all_out: every seat at each election; thirds and halves: one seat of each ward at each election, in turn (a
/// three-member ward by thirds, a two-member ward by halves, a one-member ward at every election).
enum class election_cycle : std::uint8_t { all_out, thirds, halves };
template <>
struct enum_names<election_cycle> {
  static constexpr std::array<std::string_view, 3> names{"all_out", "thirds", "halves"};
};

/// How much of a council a run simulates. full: everything. background: a council in the case's background, present
/// through its seats, its members and its leader -- the members leave, join and vote for the executive, the leader
/// may sign a protest letter (R4) from the place the scenario states -- while its group's weekly rules do not run
/// (councillors' satisfaction and opinion dynamics, letters, requests, selections, challenges: schedule::background).
enum class council_detail : std::uint8_t { full, background };
template <>
struct enum_names<council_detail> {
  static constexpr std::array<std::string_view, 2> names{"full", "background"};
};

enum class policy_stage : std::uint8_t { none, proposed, pursuing, paused, scrapped, done };
template <>
struct enum_names<policy_stage> {
  static constexpr std::array<std::string_view, 6> names{"none", "proposed", "pursuing", "paused", "scrapped", "done"};
};

enum class dispute_stage : std::uint8_t { talks, ballot, strike, all_out, settled };
template <>
struct enum_names<dispute_stage> {
  static constexpr std::array<std::string_view, 5> names{"talks", "ballot", "strike", "all_out", "settled"};
};

enum class event_kind : std::uint8_t {
  dispute_start,      ///< a union starts a dispute with the council
  impose_terms,       ///< the council imposes terms on a dispute's workers
  injunction_threat,  ///< the council threatens an injunction
  talks_offer,        ///< the council offers talks
  referral,           ///< the regional board refers the council's leader to the executive (R9, scripted)
  executive_election, ///< seats of an executive section are elected (R22): the members or the unions vote; the result is the model's
  request,            ///< councillors ask the executive to intervene (R1, scripted; value = share of the group)
  central_selection,  ///< the centre takes over the group's candidate selections from this week (R6)
  allegation,        ///< a complaint of misconduct against its `subject` (value = its severity, 0..1; R17, R18)
  annual_meeting,     ///< the group's annual general meeting, which elects its officers (R10): a dated fact of its standing orders
  pact_allegation     ///< an "unauthorised pact" with another party is alleged against the local party (R12): a dated fact
};
template <>
struct enum_names<event_kind> {
  static constexpr std::array<std::string_view, 11> names{
      "dispute_start", "impose_terms",      "injunction_threat", "talks_offer",   "referral",
      "executive_election", "request",      "central_selection", "allegation", "annual_meeting", "pact_allegation"};
};

/// Whom an `allegation` (a complaint) is against (Rule Book ch. 6: a complaint names an individual or individuals; ch. 1
/// cl. VIII: the NEC may inquire into a party unit). The subjects are who may be suspended, charged and expelled.
enum class allegation_subject : std::uint8_t {
  leader,       ///< the group's leader at the time
  mayor,        ///< the party's directly elected mayor (the leader of a council whose leader is its mayor)
  councillors,  ///< `count` of the group's councillors other than the leader (drawn; the model has no names)
  group,        ///< the group as a body: its case's subjects are its leadership (the leader and cabinet)
  local_party,  ///< the local party: an inquiry that may suspend the unit and charge its `count` officers (its most active members)
  faction,      ///< the local party's organised faction: every member of it (members.faction_share) is a subject
  members,      ///< `count` members who are not councillors (drawn among the active members)
  mayoral_candidate  ///< the party's selected candidate for mayor at the time (whoever the members or the centre chose)
};
/// The subjects of a complaint against the local party, its faction or members are members who are not councillors.
[[nodiscard]] constexpr bool marks_members(allegation_subject s) {
  return s == allegation_subject::local_party || s == allegation_subject::faction || s == allegation_subject::members;
}
template <>
struct enum_names<allegation_subject> {
  static constexpr std::array<std::string_view, 8> names{"leader",  "mayor",   "councillors", "group",
                                                          "local_party", "faction", "members", "mayoral_candidate"};
};

/// @brief A number drawn uniformly in [min, max] by a generator; a single number means min = max.
struct value_range {
  double min = 0;
  double max = 0;

  template <class V>
  void describe(V& v) {
    v.required("min", min);
    v.required("max", max);
  }
};

/// @brief A policy axis of the scenario's space, with its salience: how much a unit of distance on it weighs.
struct axis_def {
  std::string id{};
  std::string name;
  double salience = 1.0;
  /// How far the party's own councillors and members spread around their local mean on this axis (an axis after the
  /// first; on the first the groups' and members' `position_sd` say it).
  double spread = 0.0;

  template <class V>
  void describe(V& v) {
    v.required("id", id);
    v.field("name", name);
    v.field("salience", salience, {0, 10});
    v.field("spread", spread, {0, 2});
  }
};
inline constexpr int max_axes = 4;

/// @brief A place in the policy space: a position on each declared axis (the first is the `position` keys').
using policy_point = std::array<double, max_axes>;

struct party_def {
  std::string id{};
  std::string name;
  double position = 0.0;  ///< on the first axis (left-right by default), -1..1
  std::vector<std::string> refuses;  ///< parties it will not govern with (besides those too far away)
  /// The party's own centre signs off its councillors' deals, approving with this probability (1: no sign-off).
  double sign_off = 1.0;
  named_values positions;  ///< its positions on the declared axes after the first (default 0)
  policy_point more{};     ///< resolved from `positions`: its place on each axis after the first ([0] unused)

  template <class V>
  void describe(V& v) {
    v.required("id", id);
    v.field("name", name);
    v.required("position", position, {-1, 1});
    v.field("refuses", refuses);
    v.field("sign_off", sign_off, {0, 1});
    v.field("positions", positions, {-1, 1});
  }
};

struct crisis_window {
  int from_week = 0;
  int to_week = 0;               ///< inclusive
  double capacity_factor = 0.5;  ///< share of the usual agenda capacity left
  double min_urgency = 0.5;      ///< items less urgent than this wait until the crisis is over

  template <class V>
  void describe(V& v) {
    v.required("from_week", from_week, {0, 5200});
    v.required("to_week", to_week, {0, 5200});
    v.field("capacity_factor", capacity_factor, {0, 1});
    v.field("min_urgency", min_urgency, {0, 1});
  }
};

/// The sections of the executive (the Labour NEC's: trade unions, constituency parties, the front and back
/// benches, local government, others).
enum class exec_section : std::uint8_t { union_seat, clp, frontbench, backbench, local_gov, other };
template <>
struct enum_names<exec_section> {
  static constexpr std::array<std::string_view, 6> names{"union", "clp", "frontbench", "backbench", "local_gov", "other"};
};

/// @brief The steps the party's rules let its executive take over a local party (Labour's Rule Book gives the NEC
/// all of them; another party's centre may have fewer). A power set to false is never on the executive's menu.
struct executive_powers {
  bool advise_pause = true;          ///< advise a group to pause a policy, with mediation (R2)
  bool investigate = true;           ///< investigate a group or its leader (R2)
  bool take_over_selections = true;  ///< choose the group's candidates by a central panel (R6)
  bool special_measures = true;      ///< run the group: appoint its leader, choose its candidates (R2, R6, R10)
  bool remove_leader = true;         ///< remove the group's leader (R2)
  bool suspend_individuals = true;   ///< administratively suspend councillors (R18)
  bool suspend_local_party = true;   ///< suspend a local party: its meetings, officers and selections (R18)
  bool charges = true;               ///< bring charges before the disciplinary panel, which can expel (R18)
  bool refuse_endorsement = true;    ///< refuse or withdraw endorsement of a members' candidate, impose one (R20)
  bool coalition_sign_off = true;    ///< its groups' coalition deals need its sign-off (R11), unless a tier holds it
  bool shortlist_candidates = false; ///< it vets the candidates members may choose from in a reselection (R5)
  /// It reviews divided groups between elections through a standing body (Labour's Campaign Improvement Boards, from
  /// 2022): the officers' concern (R17) may open a review of how the group is run when no drastic step is open (R18).
  bool review_groups = false;

  template <class V>
  void describe(V& v) {
    v.field("advise_pause", advise_pause);
    v.field("investigate", investigate);
    v.field("take_over_selections", take_over_selections);
    v.field("special_measures", special_measures);
    v.field("remove_leader", remove_leader);
    v.field("suspend_individuals", suspend_individuals);
    v.field("suspend_local_party", suspend_local_party);
    v.field("charges", charges);
    v.field("refuse_endorsement", refuse_endorsement);
    v.field("coalition_sign_off", coalition_sign_off);
    v.field("shortlist_candidates", shortlist_candidates);
    v.field("review_groups", review_groups);
  }
};

struct executive_def {
  int size = 39;
  double left_share = 0.5;        ///< share of members in the left bloc
  double left_position = -0.6;
  double right_position = 0.05;
  double position_sd = 0.12;
  double centralism_mean = 0.5;
  double centralism_sd = 0.15;
  named_values sections;          ///< members per section; default the Labour NEC's shape scaled to `size`
  int meets_every_weeks = 6;
  int first_meeting_week = 2;
  int capacity = 4;               ///< items per ordinary meeting
  double emergency_urgency = 0.8; ///< an item this urgent is taken at an emergency meeting the week it is filed
  double backlash = 0.0;          ///< backlash at the start
  double backlash_half_life_weeks = 26;
  std::vector<crisis_window> crisis_windows;
  executive_powers powers;
  std::vector<std::string> cooperation_lines;  ///< parties the party's groups may not govern with: a deal with one is refused almost surely (R11)
  /// The lines forbid governing with those parties, not a minority of the party's they sustain from outside (R11).
  bool support_across_lines = false;
  named_values positions;  ///< the members' positions on the declared axes after the first (default: the party's)
  policy_point more{};     ///< resolved from `positions` ([0] unused)

  template <class V>
  void describe(V& v) {
    v.field("size", size, {3, 1001});
    v.field("left_share", left_share, {0, 1});
    v.field("left_position", left_position, {-1, 1});
    v.field("right_position", right_position, {-1, 1});
    v.field("position_sd", position_sd, {0, 2});
    v.field("centralism_mean", centralism_mean, {0, 1});
    v.field("centralism_sd", centralism_sd, {0, 1});
    v.field("sections", sections, {0, 1001});
    v.field("meets_every_weeks", meets_every_weeks, {1, 52});
    v.field("first_meeting_week", first_meeting_week, {0, 5200});
    v.field("capacity", capacity, {0, 100});
    v.field("emergency_urgency", emergency_urgency, {0, 1});
    v.field("backlash", backlash, {0, 10});
    v.field("backlash_half_life_weeks", backlash_half_life_weeks, {0.1, 5200});
    v.field("crisis_windows", crisis_windows);
    v.field("powers", powers);
    v.field("cooperation_lines", cooperation_lines);
    v.field("support_across_lines", support_across_lines);
    v.field("positions", positions, {-1, 1});
  }
};

/// @brief The national party leader for a period (R23), a fact of the scenario: who, from when, where they stand and
/// their project for the party's organisation. What follows from it (the executive's centralism, the officers' use
/// of delegated powers, appointments, the slate the leader's office backs) is the model's.
struct leader_term {
  std::string name;
  std::string from;                        ///< the date they became leader, YYYY-MM-DD (may be before start_date)
  double position = auto_value;            ///< on the first axis (default: the party's position)
  named_values positions;                  ///< on the declared axes after the first (default: the party's)
  /// The leader's project, 0..1: 0 a party run by its members and local parties (the 2018 Democracy Review's
  /// "member-led party"), 1 one whose centre runs selections and discipline. Absent (NaN): no leader is stated.
  double centralisation = auto_value;
  // Resolved by the loader.
  int from_week = 0;     ///< the week they take office (0 if before the run)
  policy_point point{};  ///< their place in the policy space

  template <class V>
  void describe(V& v) {
    v.field("name", name);
    v.field("from", from);
    v.field("position", position, {-1, 1});
    v.field("positions", positions, {-1, 1});
    v.field("centralisation", centralisation, {0, 1});
  }
};

/// @brief The leader at the start and their successors as dated changes (`later`, in date order).
struct party_leader_def : leader_term {
  std::vector<leader_term> later;

  template <class V>
  void describe(V& v) {
    leader_term::describe(v);
    v.field("later", later);
  }
  [[nodiscard]] bool stated() const { return !std::isnan(centralisation); }
};

/// @brief The national change in vote shares from a date on (a series of facts, e.g. each year's projected national
/// shares against those when the seats were last fought): it replaces `national.swing` at the elections from then.
struct swing_term {
  std::string from;    ///< YYYY-MM-DD
  named_values swing;  ///< change in vote share by party id since the councils' baselines
  int from_week = 0;   ///< resolved: the week holding `from` (an election on that day is in it)

  template <class V>
  void describe(V& v) {
    v.required("from", from);
    v.required("swing", swing, {-1, 1});
  }
};

struct national_def {
  int general_election_week = -1;    ///< week of the next general election (-1: none in sight)
  double media_horizon_weeks = 104;  ///< media risk rises linearly over this many weeks before it
  named_values swing;                ///< national change in vote share by party since the baseline (R13)
  std::vector<swing_term> swings;    ///< dated changes of `swing` (a series of national facts; R13)
  double standing = 0;               ///< the party's national standing at week 0, -1..1 (0: its usual), for recruitment (R14)
  double standing_trend = 0;         ///< change in standing per year (a rising or falling party)
  /// Background allegations of misconduct against the party's councillors, per council and year (a fact about the
  /// world, not a decision: each reaches the executive's officers, R17). Severity normal, clamped to 0.05..1.
  double allegations_per_council_year = 0;
  double allegation_severity_mean = 0.4;
  double allegation_severity_sd = 0.25;
  /// The share of background allegations made against a member who is not a councillor (the rest are against one of
  /// the group's councillors, drawn uniformly: the leader among them).
  double allegation_member_share = 0;
  /// Rows kept for recruits in each council, as a share of its starting members: how far membership can grow in a
  /// run (R14 recruits into them). A fact of the period: a surge such as 2015-16's, when the party's membership more
  /// than doubled, needs 1.0 or more.
  double member_room_share = 0.25;

  /// The swing in force in `week`: the last dated one that has started, else `swing`.
  [[nodiscard]] const named_values& swing_in(int week) const {
    const named_values* in_force = &swing;
    for (const auto& t : swings)
      if (t.from_week <= week) in_force = &t.swing;
    return *in_force;
  }

  template <class V>
  void describe(V& v) {
    v.field("general_election_week", general_election_week, {-1, 5200});
    v.field("media_horizon_weeks", media_horizon_weeks, {1, 5200});
    v.field("swing", swing, {-1, 1});
    v.field("swings", swings);
    v.field("standing", standing, {-1, 1});
    v.field("standing_trend", standing_trend, {-1, 1});
    v.field("allegations_per_council_year", allegations_per_council_year, {0, 52});
    v.field("allegation_severity_mean", allegation_severity_mean, {0, 1});
    v.field("allegation_severity_sd", allegation_severity_sd, {0, 1});
    v.field("allegation_member_share", allegation_member_share, {0, 1});
    v.field("member_room_share", member_room_share, {0, 20});
  }
};

struct union_def {
  std::string id{};
  std::string name;
  double militancy = 0.5;
  double position = -0.4;          ///< where the union stands, for executive members' alignment on its referrals

  template <class V>
  void describe(V& v) {
    v.required("id", id);
    v.field("name", name);
    v.field("militancy", militancy, {0, 1});
    v.field("position", position, {-1, 1});
  }
};

/// @brief The powers a regional board may hold over its councils as an intermediate tier between the executive
/// and the council groups (Scottish and Welsh Labour's executives sign off their councils' coalition deals).
struct tier_powers {
  bool coalition_sign_off = false;  ///< signs off its councils' coalition deals in place of the executive (R11)
  bool discipline = false;          ///< suspends a group that defies its veto (without it, defiance goes unsanctioned)
  /// Its panel endorses its councils' candidates (and the shortlist for mayor), refuses some and imposes its own, in
  /// place of the executive's (R20, R21); the executive keeps its takeover of selections (R6).
  bool selections = false;
  bool shortlist_candidates = false;  ///< it vets the candidates its councils' members may choose from (R5), in place of the executive

  template <class V>
  void describe(V& v) {
    v.field("coalition_sign_off", coalition_sign_off);
    v.field("discipline", discipline);
    v.field("selections", selections);
    v.field("shortlist_candidates", shortlist_candidates);
  }
  [[nodiscard]] bool any() const { return coalition_sign_off || discipline || selections || shortlist_candidates; }
};

struct region_def {
  std::string id{};
  std::string name;
  int size = 30;                  ///< voting members of the regional board
  double union_weight = 0.3;      ///< share of the board's votes held by union delegates
  double threshold = 0.5;         ///< share of votes a motion needs
  int meets_every_weeks = 4;
  int first_meeting_week = 0;
  tier_powers powers;             ///< what it decides for its councils as a tier
  // The board's make-up, for the votes it takes as a tier (its members are drawn as the executive's are).
  double position = -0.2;
  double position_sd = 0.15;
  double centralism_mean = 0.5;
  double centralism_sd = 0.15;

  template <class V>
  void describe(V& v) {
    v.required("id", id);
    v.field("name", name);
    v.field("size", size, {1, 1000});
    v.field("union_weight", union_weight, {0, 1});
    v.field("threshold", threshold, {0, 1});
    v.field("meets_every_weeks", meets_every_weeks, {1, 52});
    v.field("first_meeting_week", first_meeting_week, {0, 5200});
    v.field("powers", powers);
    v.field("position", position, {-1, 1});
    v.field("position_sd", position_sd, {0, 2});
    v.field("centralism_mean", centralism_mean, {0, 1});
    v.field("centralism_sd", centralism_sd, {0, 1});
  }
};

struct dispute_def {
  std::string id{};
  std::string union_id;
  int workers = 100;
  std::string issue;
  double intensity = 0.3;
  int weeks_running = 0;

  template <class V>
  void describe(V& v) {
    v.required("id", id);
    v.required("union", union_id);
    v.field("workers", workers, {1, 10'000'000});
    v.field("issue", issue);
    v.field("intensity", intensity, {0, 1});
    v.field("weeks_running", weeks_running, {0, 5200});
  }
};

/// @brief A dispute with the council's workforce that ended before the run (a dated fact): how far it went and when it
/// ended. A dispute that ended after the sitting leader took office (`group.leader.tenure_weeks`) is on that
/// leadership's record, as the disputes it fights in the run are: a review's or an investigation's findings weigh the
/// worst of them (R18, `f_disputes`). Birmingham's Campaign Improvement Board (2023) cited "two particularly bitter
/// industrial disputes" of 2017-19.
struct dispute_record_def {
  std::string id{};
  std::string ended;                              ///< YYYY-MM-DD, before the run's start_date
  dispute_stage reached = dispute_stage::strike;  ///< the furthest stage it went: ballot, strike or all_out
  int ended_week = 1;                             ///< resolved: weeks from the start (negative)

  template <class V>
  void describe(V& v) {
    v.required("id", id);
    v.required("ended", ended);
    v.field("reached", reached);
  }
};

/// @brief One ward of a council as it is: its name and who holds its seats (issue 34: real councils). A council that
/// lists its wards takes its seats from them; without wards, `seats_per_ward` cuts the seats into wards.
struct ward_def {
  std::string name;
  named_values seats;  ///< seats held by party id at week 0 (1-20 in all)
  /// Votes cast for each party when the ward's seats were last fought (optional): the ward's measured baseline, which
  /// the national swings are changes from (R13). Left out, the baseline is the council's `vote_shares` with a drawn
  /// local lean, made to agree with who holds the ward.
  named_values votes;

  template <class V>
  void describe(V& v) {
    v.field("name", name);
    v.required("seats", seats, {0, 20});
    v.field("votes", votes, {0, 1e8});
  }
};

struct leader_def {
  double position = auto_value;   ///< default: the group's mean position
  double resolve = 0.6;
  double autonomy = 0.6;
  int tenure_weeks = 100;
  /// The leader is the council's directly elected mayor (R21): the group cannot vote them out (R10), they do not
  /// stand down under the group's pressure (R3), and the executive cannot remove them from office (R2).
  bool directly_elected = false;

  template <class V>
  void describe(V& v) {
    v.field("position", position, {-1, 1});
    v.field("resolve", resolve, {0, 1});
    v.field("autonomy", autonomy, {0, 1});
    v.field("tenure_weeks", tenure_weeks, {0, 5200});
    v.field("directly_elected", directly_elected);
  }
};

struct policy_def {
  std::string name;
  double position = 0.0;          ///< where the policy sits on the axis
  double salience = 0.0;          ///< how much it matters locally, 0..1
  policy_stage stage = policy_stage::none;
  int weeks_pursued = 0;              ///< weeks it has been pursued before week 0
  int legal_challenge_until_week = -1;///< a legal challenge (e.g. judicial review) is pending until this week
  std::string axis;               ///< the declared axis it sits on (default: the first)
  int axis_index = 0;             ///< resolved from `axis`

  template <class V>
  void describe(V& v) {
    v.field("name", name);
    v.field("axis", axis);
    v.field("position", position, {-1, 1});
    v.field("salience", salience, {0, 1});
    v.field("stage", stage);
    v.field("weeks_pursued", weeks_pursued, {0, 5200});
    v.field("legal_challenge_until_week", legal_challenge_until_week, {-1, 5200});
  }
};

struct group_def {
  double position = -0.2;         ///< mean position of the group's mainstream
  double position_sd = 0.2;
  double left_share = 0.0;        ///< share of councillors in a left bloc ...
  double left_position = -0.6;    ///< ... centred here
  double loyalty_mean = 0.6;
  double loyalty_sd = 0.15;
  double satisfaction_mean = 0.3;
  double satisfaction_sd = 0.15;
  double union_ties_share = 0.3;  ///< share of councillors with strong union ties
  int cabinet_size = 10;
  double confrontation = 0.3;     ///< the leadership's industrial-relations confrontation, 0..1
  /// The day of the group's last contested leadership election before the run (YYYY-MM-DD, on or before start_date;
  /// empty: none recent): a fact. R10's cooldown runs from it, and it is visible division on record (R10.division_visibility,
  /// fading as the calendar's stock does).
  std::string last_contest{};
  int last_contest_week = 1;      ///< resolved: weeks from the start (0 or negative); 1: none stated
  leader_def leader;
  policy_def policy;
  named_values positions;         ///< the group's mean on the declared axes after the first (default: the party's place)
  policy_point more{};            ///< resolved: `position`, then `positions`

  template <class V>
  void describe(V& v) {
    v.field("position", position, {-1, 1});
    v.field("positions", positions, {-1, 1});
    v.field("position_sd", position_sd, {0, 2});
    v.field("left_share", left_share, {0, 1});
    v.field("left_position", left_position, {-1, 1});
    v.field("loyalty_mean", loyalty_mean, {0, 1});
    v.field("loyalty_sd", loyalty_sd, {0, 1});
    v.field("satisfaction_mean", satisfaction_mean, {-1, 1});
    v.field("satisfaction_sd", satisfaction_sd, {0, 2});
    v.field("union_ties_share", union_ties_share, {0, 1});
    v.field("cabinet_size", cabinet_size, {0, 100});
    v.field("confrontation", confrontation, {0, 1});
    v.field("last_contest", last_contest);
    v.field("leader", leader);
    v.field("policy", policy);
  }
};

struct members_def {
  long long count = -1;           ///< party members in the area; -1: 20 per council seat
  double position = -0.25;
  double position_sd = 0.3;
  double faction_share = 0.1;     ///< share in an organised faction (e.g. Momentum) ...
  double faction_position = -0.65;///< ... centred here
  double activism_mean = 0.25;
  named_values positions;         ///< the members' mean on the declared axes after the first (default: the party's place)
  policy_point more{};            ///< resolved: `position`, then `positions`

  template <class V>
  void describe(V& v) {
    v.field("count", count, {-1, 1e12});
    v.field("position", position, {-1, 1});
    v.field("positions", positions, {-1, 1});
    v.field("position_sd", position_sd, {0, 2});
    v.field("faction_share", faction_share, {0, 1});
    v.field("faction_position", faction_position, {-1, 1});
    v.field("activism_mean", activism_mean, {0, 1});
  }
};

/// @brief A community with close networks in the council's area -- an ethnic or faith community, kin networks -- whose
/// voters follow a candidate rooted in it whatever their party (issue 31: community networks as a candidate's base).
/// Facts: the community's share of the area's voters (a census share) and of the councillors rooted in it.
struct community_def {
  double share = 0;         ///< the community's share of the area's voters (0: none stated)
  double group_share = -1;  ///< the share of the councillors rooted in it (unset: the loader sets the community's own share)

  template <class V>
  void describe(V& v) {
    v.field("share", share, {0, 1});
    v.field("group_share", group_share, {0, 1});
  }
  /// The chance that a councillor is rooted in the community.
  [[nodiscard]] double rooted_share() const { return share <= 0 ? 0.0 : group_share >= 0 ? group_share : share; }
};

/// @brief A directly elected mayor (R21): one contest across the whole area. The party holds the office at week 0
/// when `group.leader.directly_elected` (its leader is the mayor); a mayor of another party is not stated.
struct mayor_def {
  std::vector<int> election_weeks;  ///< weeks of the mayoral contests in the run (empty: no contest)
  double following = 0.3;           ///< the sitting mayor's personal following across the area, 0..1
  /// Parties that field no candidate for mayor when someone the party refused (or dropped) stands against it as an
  /// independent -- a local arrangement, stated as a fact; their voters may follow the independent (R21).
  std::vector<std::string> stand_aside;

  template <class V>
  void describe(V& v) {
    v.field("election_weeks", election_weeks, {0, 5200});
    v.field("following", following, {0, 1});
    v.field("stand_aside", stand_aside);
  }
};

/// @brief A deal the local parties have negotiated: who governs, and who sustains it from outside.
struct negotiated_def {
  std::vector<std::string> administration;
  std::vector<std::string> support;

  template <class V>
  void describe(V& v) {
    v.required("administration", administration);
    v.field("support", support);
  }
};

struct council_def {
  std::string id{};
  std::string name;
  std::string region;
  named_values seats;             ///< seats by party id at the start
  named_values seats_before;      ///< seats before the count at week 0 (pact allegations, R12); default: seats
  /// Seats after the elections a full electoral cycle (four years) before week 0: the record the centre judges the
  /// group's results at the polls by (R17, R18); default: seats (no change).
  named_values seats_a_cycle_ago;
  int seats_per_ward = 3;
  std::vector<ward_def> wards;    ///< the council's wards as they are (default: `seats_per_ward` cuts `seats`)
  election_cycle cycle = election_cycle::all_out;
  std::vector<int> election_weeks;
  named_values vote_shares;       ///< baseline vote shares; default: proportional to seats
  std::vector<std::string> administration;  ///< parties in the administration; default: the majority party, else formed at week 0 (R11)
  /// The party's place in the given administration was signed off by its executive (false: the group went ahead
  /// without sign-off, and the executive looks at the deal after the fact, R11).
  bool administration_approved = true;
  std::vector<std::string> support;  ///< parties sustaining the given (minority) administration from outside: confidence and supply
  /// An arrangement the local parties negotiated before the run; the first tried when the administration is formed at
  /// week 0 (its partners have agreed it; it still needs sign-off).
  negotiated_def negotiated_deal;
  members_def members;
  group_def group;
  mayor_def mayor;
  community_def community;  ///< a community with close networks in the area (none by default)
  /// Parties that field no candidate in a ward where someone the party refused, dropped or expelled stands against
  /// it as an independent -- a local arrangement, stated as a fact; their voters may follow the independent (R13).
  std::vector<std::string> stand_aside;
  std::vector<dispute_def> disputes;
  std::vector<dispute_record_def> disputes_on_record;  ///< disputes that ended before the run (R18's findings)
  bool focus = true;  ///< part of the case (the story, runs.csv's focus_* columns); generated councils are not
  council_detail detail = council_detail::full;  ///< background: only its members and its calendar each week

  // Resolved by the loader (not written in files).
  bool generated = false;  ///< made by a council generator (the run summary lists only the others)
  int region_index = -1;
  std::uint32_t administration_mask = 0;  ///< the given arrangement (with `support`); 0: formed at week 0 (R11)
  std::uint32_t negotiated_mask = 0;      ///< the negotiated arrangement, or 0

  template <class V>
  void describe(V& v) {
    v.required("id", id);
    v.field("name", name);
    v.field("region", region);
    v.field("seats", seats, {0, max_council_seats});
    v.field("seats_before", seats_before, {0, max_council_seats});
    v.field("seats_a_cycle_ago", seats_a_cycle_ago, {0, max_council_seats});
    v.field("seats_per_ward", seats_per_ward, {1, 20});
    v.field("wards", wards);
    v.field("cycle", cycle);
    v.field("election_weeks", election_weeks, {0, 5200});
    v.field("vote_shares", vote_shares, {0, 1});
    v.field("administration", administration);
    v.field("administration_approved", administration_approved);
    v.field("support", support);
    v.field("negotiated_deal", negotiated_deal);
    v.field("members", members);
    v.field("group", group);
    v.field("mayor", mayor);
    v.field("community", community);
    v.field("stand_aside", stand_aside);
    v.field("disputes", disputes);
    v.field("disputes_on_record", disputes_on_record);
    v.field("focus", focus);
    v.field("detail", detail);
  }
};

struct event_def {
  int week = 0;
  event_kind type = event_kind::dispute_start;
  std::string council;
  std::string dispute;
  std::string union_id;
  double value = auto_value;      ///< meaning depends on the type (intensity, left share)
  int workers = 100;
  std::string issue;

  // Resolved by the loader.
  int council_index = -1;
  int union_index = -1;

  allegation_subject subject = allegation_subject::leader;  ///< an allegation's subject
  int count = 0;  ///< an allegation's number of subjects (councillors, members, a local party's officers; 0: the default)
  std::string section{};   ///< an executive_election's section: clp (the members vote) or union (the unions as blocs)
  int seats = 0;           ///< an executive_election's seats up for election
  bool new_seats = false;  ///< an executive_election fills seats created for it: the executive grows by `seats`
  /// How a constituency-section election counts (a fact of the party's rules at the time): `block`, each member
  /// votes for a whole slate and the candidates with most votes win (Labour's NEC until 2020); `stv`, the single
  /// transferable vote (from 2020), which gives each slate about its share of the seats.
  std::string method = "block";
  /// An annual_meeting elects the group's leader: their term ends at it (the party's model, annual elections); false
  /// where the group's standing orders give a longer mandate (Birmingham's leader was elected for four years in 2022).
  /// Under special measures the centre appoints at the meeting either way (R10).
  bool leader_up = true;
  /// A name for the event (optional, unique among the events): `--set events.<id>.value=…` and sweeps and
  /// overrides address it by name, so reordering the file never retargets them.
  std::string id{};

  template <class V>
  void describe(V& v) {
    v.field("id", id);
    v.required("week", week, {0, 5200});
    v.required("type", type);
    v.field("council", council);
    v.field("dispute", dispute);
    v.field("union", union_id);
    v.field("value", value, {0, 1});
    v.field("workers", workers, {1, 10'000'000});
    v.field("issue", issue);
    v.field("subject", subject);
    v.field("count", count, {0, 10'000'000});
    v.field("section", section);
    v.field("seats", seats, {0, 1000});
    v.field("new_seats", new_seats);
    v.field("method", method);
    v.field("leader_up", leader_up);
  }
};

/// @brief Generates many similar councils from distributions (e.g. the other Labour-led councils whose leaders
/// may sign a protest letter). Expanded when the scenario is loaded; the frozen scenario lists the councils.
struct council_generator {
  int count = 1;
  std::string id_prefix = "council";
  std::string region;                     ///< region id for all of them (default: none)
  value_range seats{50, 50};
  value_range party_share{0.6, 0.6};      ///< share of seats the party holds
  named_values other_seats;               ///< how the other seats split between other parties (weights)
  int seats_per_ward = 3;
  value_range members_per_seat{20, 20};
  value_range faction_share{0.1, 0.1};
  value_range group_position{-0.2, -0.2};
  value_range leader_position{-0.1, -0.1};
  value_range leader_resolve{0.6, 0.6};
  value_range leader_autonomy{0.6, 0.6};
  value_range confrontation{0.3, 0.3};
  value_range union_ties_share{0.3, 0.3};
  int cabinet_size = 8;
  election_cycle cycle = election_cycle::all_out;
  std::vector<int> election_weeks;        ///< election weeks of every generated council
  council_detail detail = council_detail::full;  ///< background: only their members and calendars each week
  long long seed = 1;                     ///< generation seed: the same councils in every run

  template <class V>
  void describe(V& v) {
    v.required("count", count, {1, 100000});
    v.field("id_prefix", id_prefix);
    v.field("region", region);
    v.field("seats", seats, {1, 1e7});
    v.field("party_share", party_share, {0, 1});
    v.field("other_seats", other_seats, {0, 1e6});
    v.field("seats_per_ward", seats_per_ward, {1, 20});
    v.field("members_per_seat", members_per_seat, {0, 1e7});
    v.field("faction_share", faction_share, {0, 1});
    v.field("group_position", group_position, {-1, 1});
    v.field("leader_position", leader_position, {-1, 1});
    v.field("leader_resolve", leader_resolve, {0, 1});
    v.field("leader_autonomy", leader_autonomy, {0, 1});
    v.field("confrontation", confrontation, {0, 1});
    v.field("union_ties_share", union_ties_share, {0, 1});
    v.field("cabinet_size", cabinet_size, {0, 100});
    v.field("cycle", cycle);
    v.field("election_weeks", election_weeks, {0, 5200});
    v.field("detail", detail);
    v.field("seed", seed, {0, 9.0e15});
  }
};

/// @brief How a target reads the runs: the mean of the outcome, its median, or the share of runs in which it is
/// above zero (it happened).
/// Whether a documented fact is fitted (enters a calibration's distance) or held for validation (reported under the
/// posterior predictive, never in the distance: a fact used to fit coefficients does not also count as validation).
enum class target_use : std::uint8_t { fit, validate };
template <>
struct enum_names<target_use> {
  static constexpr std::array<std::string_view, 2> names{"fit", "validate"};
};

enum class target_statistic : std::uint8_t { mean, median, share };
template <>
struct enum_names<target_statistic> {
  static constexpr std::array<std::string_view, 3> names{"mean", "median", "share"};
};

/// @brief A documented fact of the case, stated as a target the runs can be held against (`partyline run` prints
/// observed against simulated and writes targets.csv; calibration fits them): an outcome column, or a sum of
/// columns, of runs.csv (or with `council`, of that council's row of councils.csv), read by a statistic.
struct target_def {
  std::string name;        ///< an id: letters, digits, '-', '_', '.'
  std::string label;       ///< the fact in words
  std::string outcome;     ///< a column, or columns joined by '+': "deselections_members + withdrawals"
  std::string council;     ///< empty: runs.csv; else a council id, and `outcome` is a column of councils.csv
  target_statistic statistic = target_statistic::mean;
  double observed = 0;     ///< the documented value (share: 0..1)
  std::vector<double> range;  ///< [lo, hi]: values that count as the documented one (default: the value alone)
  double tolerance = -1;   ///< scale of a miss in a calibration's distance, > 0 (left out: -1, resolved by the loader
                           ///< to default_tolerance(); see scenarios/README.md)
  std::string source;      ///< where the fact comes from
  target_use use = target_use::fit;  ///< fitted by a calibration, or held out of every fit for validation
  /// A dated fact (a level on a day, or its change over a stretch): `outcome` then names weekly reporters (weekly.csv's
  /// columns: seats, councils_controlled, members, ...), read party-wide or in `council` at the end of the week
  /// holding `at`; with `since`, minus their value at the start of the week holding `since` (an election's net change:
  /// `at` and `since` both its polling day).
  std::string at;          ///< YYYY-MM-DD, or empty: a run outcome at the end of the run
  std::string since;       ///< YYYY-MM-DD, or empty: the level itself
  /// YYYY-MM-DD, or empty: the day the documented event happened (the NEC's motion, a resignation), inside the run.
  /// Not scored by itself (the report and `partyline.timing` set it against the week the runs first see the outcome's
  /// events); with `within_weeks` the target is the date, scored.
  std::string happened;
  /// With `happened`: the fact is *when* -- 1 in a run whose outcome (counts of runs.csv, or of councils.csv with
  /// `council`) first becomes positive within this many weeks of the week holding `happened`, else 0 (a share of
  /// runs). The documented date then enters a calibration as a fact like any other (issue 33 pt 4). NaN: left out
  /// (a whole number of weeks when given).
  double within_weeks = NAN;
  /// With `outcome: administration_end` and `council`: the administration documented to have formed, written as
  /// councils.csv writes it ("grn+lab": its governing parties, in any order; "lab (supported by grn)": a minority
  /// sustained from outside). The target is then a share: 1 in the runs whose council ends with that administration.
  /// The loader rewrites it in councils.csv's order of parties.
  std::string equals;

  // Set by the loader.
  source_mark mark;        ///< where `outcome` is written, for errors found later (an unknown column)
  double lo = 0, hi = 0;   ///< the range, resolved
  int council_index = -1;  ///< `council`'s index (-1: party-wide)
  int at_week = -1;        ///< the week holding `at` (-1: not dated)
  int since_week = -2;     ///< the week before the one holding `since` (-1: the world at the start; -2: none)
  int happened_week = -1; ///< the week holding `happened` (-1: not given)

  /// A fact on when its outcome first happened (`within_weeks` given).
  [[nodiscard]] bool timed() const { return !std::isnan(within_weeks); }

  template <class V>
  void describe(V& v) {
    v.required("name", name);
    v.field("label", label);
    v.required("outcome", outcome);
    v.field("council", council);
    v.field("statistic", statistic);
    v.required("observed", observed, {-1e12, 1e12});
    v.field("range", range, {-1e12, 1e12});
    v.field("tolerance", tolerance, {0, 1e12});  // 0 is refused by the loader; -1 (left out) is never read
    v.required("source", source);
    v.field("use", use);
    v.field("at", at);
    v.field("since", since);
    v.field("happened", happened);
    v.field("within_weeks", within_weeks, {0, 520});
    v.field("equals", equals);
  }
};

/// @brief The tolerance of a target that states none: half its range's width, at least 0.25 for a share (a fact of
/// one case: a model that shows it in most runs reproduces it, so a miss counts in quarters) and 1 for a count.
[[nodiscard]] inline double default_tolerance(const target_def& t) {
  const double floor = t.statistic == target_statistic::share ? 0.25 : 1.0;
  return std::max((t.hi - t.lo) / 2, floor);
}

/// @brief A whole scenario. Loaded once, validated, resolved and then frozen (shared as const).
struct scenario {
  std::string name;
  std::string description;
  std::string start_date = "2018-01-01";  ///< the date of week 0, for readable event logs
  int weeks = 52;
  long long seed = 1;
  std::string party = "lab";              ///< the party whose central/local relations are simulated
  std::vector<axis_def> axes;             ///< the policy space; default one left-right axis of salience 1
  std::vector<party_def> parties;
  national_def national;
  executive_def executive;
  party_leader_def party_leader;          ///< the national party leader (R23); absent: none stated
  std::vector<union_def> unions;
  std::vector<region_def> regions;
  institutions_def institutions;          ///< the party's decision bodies (default: the party's, resolved by the loader)
  std::vector<council_def> councils;
  std::vector<council_generator> council_generators;  ///< expanded into `councils` by the loader
  std::vector<event_def> events;
  std::vector<target_def> targets;  ///< documented facts the runs are held against (no effect on the runs)
  rule_coefficients rules;  ///< the rules' coefficients (declared by the rules stage; see coefficients.hpp)

  // Resolved by the loader.
  int party_index = -1;

  template <class V>
  void describe(V& v) {
    v.required("name", name);
    v.field("description", description);
    v.field("start_date", start_date);
    v.field("weeks", weeks, {1, 5200});
    v.field("seed", seed, {0, 9.0e15});
    v.field("party", party);
    v.field("axes", axes);
    v.required("parties", parties);
    v.field("national", national);
    v.field("executive", executive);
    v.field("party_leader", party_leader);
    v.field("unions", unions);
    v.field("regions", regions);
    v.field("institutions", institutions);
    v.field("councils", councils);
    v.field("council_generators", council_generators);
    v.field("events", events);
    v.field("targets", targets);
    v.field("rules", rules);
  }

  /// The salience-weighted (city-block) distance between two places in the policy space: sum over the declared axes
  /// of salience x |a - b|. One axis of salience 1 (the default) is plain |a - b|.
  [[nodiscard]] double distance(const policy_point& a, const policy_point& b) const {
    if (axes.empty()) return a[0] > b[0] ? a[0] - b[0] : b[0] - a[0];  // a scenario built in code, not loaded
    double d = 0;
    for (std::size_t k = 0; k < axes.size(); ++k) d += axes[k].salience * (a[k] > b[k] ? a[k] - b[k] : b[k] - a[k]);
    return d;
  }
  /// A party's place in the policy space: `position` on the first axis, `positions` on the others.
  [[nodiscard]] policy_point party_point(std::size_t q) const {
    policy_point x = parties[q].more;
    x[0] = parties[q].position;
    return x;
  }
  [[nodiscard]] int party_id(std::string_view id) const {
    for (std::size_t i = 0; i < parties.size(); ++i)
      if (parties[i].id == id) return static_cast<int>(i);
    return -1;
  }
};

/// @brief A body's capacity per meeting, cadence and emergency threshold: its own, or the executive's where it leaves
/// them unset (-1), so that `executive.capacity` and friends keep setting the executive's own bodies.
struct body_rhythm {
  int capacity = 4;
  int meets_every_weeks = 6;
  int first_meeting_week = 2;
  double emergency_urgency = 0.8;
};
[[nodiscard]] inline body_rhythm rhythm_of(const scenario& s, const body_def& b) {
  const executive_def& e = s.executive;
  return {b.capacity >= 0 ? b.capacity : e.capacity, b.meets_every_weeks > 0 ? b.meets_every_weeks : e.meets_every_weeks,
          b.first_meeting_week >= 0 ? b.first_meeting_week : e.first_meeting_week,
          b.emergency_urgency >= 0 ? b.emergency_urgency : e.emergency_urgency};
}

/// @brief "lab+ld" from a party bit mask ("none" when empty).
/// "lab+ld", or for a minority sustained from outside "lab (supported by grn)"; "none" for no parties.
[[nodiscard]] std::string administration_text(const scenario& s, std::uint32_t mask);

}  // namespace partyline
