#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 5
#error "partyline/outcome/outcomes.hpp belongs to stage 5 (outcome): a lower stage may not include it"
#endif
/// @brief The outcome names — the contract with users' notebooks (MODEL.md section 4); keep them stable — and, in
/// one table each, how they are measured: a run outcome or a per-council count is a measure over the typed events
/// the rules emit (world/events.hpp) or a level read off the world; a weekly column is a reporter of the world.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "partyline/world/world.hpp"

namespace partyline {

/// @brief How an outcome is computed from the events of its kinds (tallied per council, then over councils).
enum class measure : std::uint8_t {
  count,      ///< how many times the events happened
  sum,        ///< the sum of their values (councillors suspended, ...)
  max,        ///< the largest value of one event (signatories of the largest letter)
  any,        ///< 1 if any happened (per council)
  level_start,///< a level of the world at week 0 (seats, councils controlled, members)
  level_end   ///< ... at the end of the run
};

/// @brief Up to four event kinds, summed.
struct event_set {
  std::array<event, 16> kinds{};  // central_actions lists 14
  std::uint8_t n = 0;
  constexpr event_set() = default;
  constexpr event_set(std::initializer_list<event> list) {
    for (event e : list) kinds[n++] = e;
  }
};

/// @brief A level of the world (for measure::level_start / level_end).
enum class level : std::uint8_t { none, party_seats, councils_controlled, members, executive_left, executive_size };

struct outcome_info {
  std::string_view name;
  std::string_view meaning;
  measure how = measure::count;
  event_set events{};
  level what = level::none;
  bool focus_only = false;  ///< over the scenario's focus councils only (councils[].focus), not party-wide
  [[nodiscard]] constexpr bool is_level() const { return how == measure::level_start || how == measure::level_end; }
};

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
  coalitions_without_sign_off,
  reversals_ordered,
  reversals_complied,
  offers_refused,
  support_arrangements,
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
  selections_taken_over,
  investigations_concluded,
  suspensions_individual,
  local_party_suspended,
  expulsions,
  sanction_weeks,
  members_joined,
  endorsements_refused,
  candidates_imposed,
  independents_elected,
  mayoral_contests,
  mayoralties_lost,
  focus_seats_start,
  focus_seats_end,
  focus_councils_controlled_start,
  focus_councils_controlled_end,
  focus_members_start,
  focus_members_end,
  focus_defections,
  request_size_max,
  backbench_signatories_max,
  coalitions_lapsed,
  items_lapsed,
  charges_brought,
  hearings_held,
  suspensions_administrative,
  members_suspended,
  members_expelled,
  central_actions,
  talks_offered,
  terms_imposed,
  injunctions_threatened,
  executive_seats_left_won,
  executive_left_vote_max,
  executive_left_end,
  executive_size_end,
  candidates_not_approved,
  exclusions_automatic,
  count_
};
inline constexpr std::size_t run_outcome_count = static_cast<std::size_t>(run_outcome::count_);

/// One line per column of runs.csv after `run` and `seed`, in order; docs/outcomes.md repeats the meanings and a
/// test keeps the two in step.
inline constexpr std::array<outcome_info, run_outcome_count> run_outcome_info{{
    {"requests", "requests (R1) and regional referrals (R9) reaching the executive's agenda", measure::count,
     {event::request, event::referral}},
    {"interventions", "executive decisions to act on a council: advise_pause + investigate + special_measures + remove_leader",
     measure::count,
     {event::decision_advise_pause, event::decision_investigate, event::decision_special_measures, event::decision_remove_leader}},
    {"interventions_advise_pause", "decisions advising a group to pause a policy (with mediation)", measure::count,
     {event::decision_advise_pause}},
    {"interventions_investigate", "decisions to investigate a group or its leader", measure::count, {event::decision_investigate}},
    {"interventions_special_measures", "decisions putting a group under special measures", measure::count,
     {event::decision_special_measures}},
    {"interventions_remove_leader", "decisions removing a group's leader", measure::count, {event::leader_removed}},
    {"protest_letters", "published protest letters by other council leaders (R4)", measure::count, {event::protest_letter}},
    {"protest_signatories_max", "signatories of the largest protest letter", measure::max, {event::protest_letter}},
    {"backbench_letters", "published backbench letters against a group's leadership (R7)", measure::count, {event::backbench_letter}},
    {"leadership_challenges", "group leadership challenges held (R10)", measure::count, {event::leadership_challenge}},
    {"leaders_stood_down", "leaders who stood down under pressure (R3)", measure::count, {event::leader_stands_down}},
    {"leaders_removed", "leaders removed by a successful challenge (R10) or by the executive (R2)", measure::count,
     {event::leader_replaced, event::leader_removed}},
    {"deselections_members", "sitting councillors not reselected by members' ballots (R5)", measure::count,
     {event::deselection_members}},
    {"deselections_central", "sitting councillors deselected by a central panel (R6)", measure::count, {event::deselection_central}},
    {"withdrawals", "sitting councillors who withdrew before a selection ballot (R5)", measure::count, {event::withdrawal}},
    {"independents_standing", "independents standing who lost the party's candidacy (deselected, refused endorsement, expelled) (R13)", measure::count,
     {event::independent_standing}},
    {"coalition_requests", "coalition deals put to the executive (or the council's regional tier) for sign-off (R11)", measure::count, {event::coalition_request}},
    {"coalitions_approved", "coalition deals the executive (or the tier) approved, before or after the fact (R11)", measure::count,
     {event::coalition_approved, event::approved_after_the_fact}},
    {"coalitions_blocked", "coalition deals the signing body (the executive, a panel, a tier) refused by a vote (R11); a deal that lapsed unanswered is in coalitions_lapsed", measure::count,
     {event::veto_accepted, event::veto_defied}},
    {"coalitions_defied", "vetoes a group defied by joining the coalition anyway (R11)", measure::count, {event::veto_defied}},
    {"blocked_other_control", "councils where, after a veto, another party's administration formed (R11)", measure::count,
     {event::other_control_after_veto}},
    {"coalitions_without_sign_off", "administrations a group joined without asking the executive's sign-off (R11)",
     measure::count, {event::deal_without_sign_off}},
    {"reversals_ordered", "orders to withdraw from an administration formed without sign-off or across a national line (R11)",
     measure::count, {event::reversal_ordered}},
    {"reversals_complied", "orders to withdraw the group obeyed: the administration fell (R11)", measure::count,
     {event::reversal_complied}},
    {"offers_refused", "coalition offers a partner party (or its own centre) refused (R11)", measure::count, {event::offer_refused}},
    {"support_arrangements", "minority administrations formed with other parties sustaining them from outside: confidence and supply, toleration (R11)",
     measure::count, {event::support_arrangement}},
    {"suspensions", "members and councillors suspended (R11 defiance, R12 pact allegations)", measure::sum,
     {event::veto_defied, event::reversal_defied, event::pact_allegation}},
    {"strike_weeks", "dispute-weeks at the strike or all-out stage (R8)", measure::count, {event::strike_week}},
    {"seats_start", "the party's seats at week 0", measure::level_start, {}, level::party_seats},
    {"seats_end", "the party's seats at the end", measure::level_end, {}, level::party_seats},
    {"councils_controlled_start", "councils where the party held a majority at week 0", measure::level_start, {},
     level::councils_controlled},
    {"councils_controlled_end", "councils where the party holds a majority at the end", measure::level_end, {},
     level::councils_controlled},
    {"members_start", "party members at week 0", measure::level_start, {}, level::members},
    {"members_end", "party members at the end (not left, not defected)", measure::level_end, {}, level::members},
    {"defections", "members who left and joined another party (R14)", measure::count, {event::defection}},
    {"policies_paused", "flagship policies paused (R15)", measure::count, {event::policy_paused}},
    {"policies_scrapped", "flagship policies scrapped (R15)", measure::count, {event::policy_scrapped}},
    {"selections_taken_over", "decisions of the executive to take over a group's selections (R2, R19; the panel then selects, R6)", measure::count, {event::decision_take_over_selections}},
    {"investigations_concluded", "investigations that reported their findings (R18)", measure::count, {event::investigation_concluded}},
    {"suspensions_individual", "councillors administratively suspended by the executive, on an allegation, findings or charges (R18)", measure::sum, {event::suspension_individual}},
    {"local_party_suspended", "local parties suspended by the executive (R18)", measure::count, {event::local_party_suspended}},
    {"expulsions", "councillors expelled after a disciplinary hearing (R18); they sit as independents", measure::sum, {event::expulsion}},
    {"sanction_weeks", "weeks from the first item about a council reaching the executive to its last sanction (largest over councils)", measure::max, {event::sanction}},
    {"members_joined", "members who joined during the run (R14)", measure::sum, {event::member_joined}},
    {"endorsements_refused", "members' candidates the centre refused to endorse or whose endorsement it withdrew (R20)", measure::count,
     {event::endorsement_refused}},
    {"candidates_imposed", "candidates the centre imposed after refusing the members' choice, too late for a new selection (R20)",
     measure::count, {event::candidate_imposed}},
    {"independents_elected", "independents elected who had lost the party's candidacy, were expelled, or were refused endorsement (R13)",
     measure::count, {event::independent_elected}},
    {"mayoral_contests", "contests for a directly elected mayor held (R21)", measure::count, {event::mayor_elected}},
    {"mayoralties_lost", "contests in which the party's sitting mayor's office went to another party or an independent (R21)",
     measure::count, {event::mayoralty_lost}},
    // The case itself: the same levels and departures over the focus councils only (the councils a scenario lists,
    // unless it says otherwise with councils[].focus), apart from the generated background.
    {"focus_seats_start", "the party's seats in the focus councils at week 0", measure::level_start, {}, level::party_seats, true},
    {"focus_seats_end", "the party's seats in the focus councils at the end", measure::level_end, {}, level::party_seats, true},
    {"focus_councils_controlled_start", "focus councils where the party held a majority at week 0", measure::level_start, {},
     level::councils_controlled, true},
    {"focus_councils_controlled_end", "focus councils where the party holds a majority at the end", measure::level_end, {},
     level::councils_controlled, true},
    {"focus_members_start", "party members in the focus councils' areas at week 0", measure::level_start, {}, level::members, true},
    {"focus_members_end", "party members in the focus councils' areas at the end", measure::level_end, {}, level::members, true},
    {"focus_defections", "members in the focus councils' areas who left and joined another party (R14)", measure::count,
     {event::defection}, level::none, true},
    {"request_size_max", "councillors behind the largest request to the executive to intervene (R1)", measure::max, {event::request}},
    {"backbench_signatories_max", "signatories of the largest backbench letter against a group's leadership (R7)", measure::max,
     {event::backbench_letter}},
    {"coalitions_lapsed", "coalition deals whose deadline passed with no answer from the body that signs them off (R11): not refusals",
     measure::count, {event::deal_lapsed}},
    {"items_lapsed", "items of any kind that no body decided in time: a deal past its deadline, any other item after a year (R2)",
     measure::count, {event::item_lapsed, event::deal_lapsed}},
    {"charges_brought", "people charged after findings, suspended until the hearing body decides their case (R18)", measure::sum,
     {event::charges_brought}},
    {"hearings_held", "cases the hearing body decided: expelled or reinstated (R18)", measure::count, {event::hearing_held}},
    {"suspensions_administrative", "councillors suspended on a complaint, pending the investigation that opens with the suspension (R18; also in suspensions_individual)",
     measure::sum, {event::suspension_administrative}},
    {"members_suspended", "members who are not councillors suspended as the subjects of a complaint or inquiry, pending its case (R18)",
     measure::sum, {event::members_suspended}},
    {"members_expelled", "members who are not councillors expelled by the hearing body on charges (R18)", measure::sum,
     {event::members_expelled}},
    {"central_actions",
     "every action of the centre on a council: advice, investigations, special measures, removals, takeovers of selections, "
     "suspensions of individuals, suspended local parties, pact suspensions, charges, expulsions, vetoes, refused "
     "endorsements, impositions, reversal orders (each decision once, however many people it touches)",
     measure::count,
     {event::decision_advise_pause, event::decision_investigate, event::decision_special_measures, event::decision_remove_leader,
      event::central_selection, event::decision_suspend_individuals, event::decision_suspend_local_party, event::pact_allegation,
      event::decision_charges, event::decision_expel, event::decision_refuse_coalition, event::endorsement_refused,
      event::candidate_imposed, event::reversal_ordered}},
    {"talks_offered", "offers of talks a council leadership made in an industrial dispute (R8)", measure::count,
     {event::talks_offer}},
    {"terms_imposed", "disputes in which a council leadership imposed terms on the workers (R8)", measure::count,
     {event::impose_terms}},
    {"injunctions_threatened", "disputes in which a council leadership threatened the union with an injunction (R8)",
     measure::count, {event::injunction_threat}},
    {"executive_seats_left_won", "seats the left bloc won at the run's elections to the executive (R22)", measure::sum,
     {event::executive_election}},
    {"executive_left_vote_max", "the left slate's largest share of the members' votes at an election to the executive's "
     "constituency section, per cent (R22; 0 if none was held)", measure::max, {event::executive_vote}},
    {"executive_left_end", "members of the executive's left bloc at the end (R22 elects them; executive.left_share states the start)",
     measure::level_end, {}, level::executive_left},
    {"executive_size_end", "members of the executive at the end (elections to new seats add to it, R22)", measure::level_end, {},
     level::executive_size},
    {"candidates_not_approved", "applicants (sitting councillors included) a selection stage did not approve for the panel of "
     "candidates: a local party's panel or the regional office (R5; 0 where no body holds the stages)", measure::count,
     {event::candidate_not_approved}},
    {"exclusions_automatic", "councillors whose membership the party's rules end without a hearing for standing, or campaigning, "
     "against its candidate (R20, R21; Rule Book ch. 2)", measure::sum, {event::auto_excluded}},
}};

[[nodiscard]] constexpr std::string_view name_of(run_outcome o) { return run_outcome_info[static_cast<std::size_t>(o)].name; }

/// @brief The per-run row of runs.csv.
struct run_counters {
  std::array<std::int64_t, run_outcome_count> values{};
  std::int64_t& operator[](run_outcome o) { return values[static_cast<std::size_t>(o)]; }
  std::int64_t operator[](run_outcome o) const { return values[static_cast<std::size_t>(o)]; }
};

/// @brief Per-council tallies (councils.csv), in column order.
enum class council_count : std::uint8_t {
  coalition_requested,
  coalition_approved,
  coalition_blocked,
  coalition_defied,
  leader_changed,
  deselections,
  suspensions,
  coalition_lapsed,
  count_
};
inline constexpr std::size_t council_count_count = static_cast<std::size_t>(council_count::count_);

/// One line per per-council column of councils.csv (after the seats, control and administration).
inline constexpr std::array<outcome_info, council_count_count> council_count_info{{
    {"coalition_requested", "coalition deals this council's group put to the executive", measure::count, {event::coalition_request}},
    {"coalition_approved", "deals approved, before or after the fact", measure::count,
     {event::coalition_approved, event::approved_after_the_fact}},
    {"coalition_blocked", "deals refused by a vote of the signing body (a lapsed deal is not counted)", measure::count,
     {event::veto_accepted, event::veto_defied}},
    {"coalition_defied", "vetoes defied", measure::count, {event::veto_defied}},
    {"leader_changed", "1 if the group's leader changed during the run", measure::any, {event::leader_installed}},
    {"deselections", "sitting councillors deselected, by members or the centre", measure::count,
     {event::deselection_members, event::deselection_central}},
    {"suspensions", "councillors and members suspended", measure::sum,
     {event::veto_defied, event::reversal_defied, event::pact_allegation}},
    {"coalition_lapsed", "deals whose deadline passed with no answer from the signing body", measure::count, {event::deal_lapsed}},
}};
inline constexpr std::array<std::string_view, council_count_count> council_count_names = [] {
  std::array<std::string_view, council_count_count> names{};
  for (std::size_t i = 0; i < council_count_count; ++i) names[i] = council_count_info[i].name;
  return names;
}();

/// @brief One row of councils.csv.
struct council_result {
  std::vector<int> seats_end;             ///< by party, in the scenario's party order
  int control_end = -1;                   ///< party index, or -1 for none
  std::uint32_t administration_end = 0;   ///< bit mask of parties
  std::array<std::int64_t, council_count_count> counts{};
  std::uint8_t policy_stage_end = 0;
};

/// @brief The weekly reporters (weekly.csv after `run`, `week`, `date` and `council`), declared with what they
/// read: over the whole party (council -1, written `all`) and over one focus council.
struct weekly_reporter {
  std::string_view name;
  std::string_view meaning;
  double (*report)(const world&, int council);  ///< council -1: party-wide
};
[[nodiscard]] double report_backlash(const world& w, int council);
[[nodiscard]] double report_satisfaction(const world& w, int council);
[[nodiscard]] double report_agenda_open(const world& w, int council);
[[nodiscard]] double report_disputes_active(const world& w, int council);
[[nodiscard]] double report_members(const world& w, int council);
[[nodiscard]] double report_seats(const world& w, int council);
[[nodiscard]] double report_councils_controlled(const world& w, int council);
inline constexpr std::array<weekly_reporter, 7> weekly_reporters{{
    {"backlash", "the executive's backlash at the end of the week (national; the same on every row of the week)", &report_backlash},
    {"satisfaction", "mean satisfaction of the party's councillors (leaders excluded), in the council or party-wide (background councils excluded)", &report_satisfaction},
    {"agenda_open", "items waiting on the executive's agenda (about the council, or all)", &report_agenda_open},
    {"disputes_active", "industrial disputes running (in the council, or all)", &report_disputes_active},
    {"members", "party members, including suspended (in the council's area, or all)", &report_members},
    {"seats", "the party's seats (in the council, or all)", &report_seats},
    {"councils_controlled", "councils where the party holds a majority (1 or 0 for one council)", &report_councils_controlled},
}};

/// @brief One row of weekly.csv: a week of the run, party-wide (council -1) or in one focus council.
struct weekly_row {
  int week = 0;
  int council = -1;
  std::array<double, weekly_reporters.size()> values{};
};

/// @brief One row of decisions.csv: a decision a body of the party took (or an item it let lapse) in one week.
struct decision_record {
  int week = 0;
  int body = -1;              ///< scenario.institutions.bodies
  int council = -1;           ///< the council the item is about
  std::string item;           ///< the item's kind (`request`, `coalition`, `allegation`, ...)
  std::string decision;       ///< the motion carried, `defer`, the kind's outcome without a majority, or its lapse
  int yes = 0, of = 0;        ///< the last vote's tally (0 of 0: no vote, the item lapsed)
  bool emergency = false;     ///< taken at an emergency meeting
  bool notice = false;        ///< the local party was given notice
  int weeks_waiting = 0;      ///< weeks since the item was filed
  std::uint32_t deal = 0;     ///< a coalition item's administration (a mask, as councils.csv's administration_end)
  std::string votes;          ///< every motion put, in order, with its tally: "suspend 12/39; advise_pause 25/39"
};

/// councillors.csv's names of a seat's selection outcomes (selection_state, in order).
inline constexpr std::array<std::string_view, 5> selection_names{"none", "reselected", "deselected_members",
                                                                 "deselected_central", "withdrawn"};
[[nodiscard]] constexpr std::string_view selection_name(selection_state s) {
  return selection_names[static_cast<std::size_t>(s)];
}

/// @brief One row of councillors.csv: a seat of a focus council at the start of the run and at its end (the seat's
/// row is reused by whoever wins it, so `party_end` may differ from `party_start`).
struct councillor_record {
  int council = 0;
  int seat = 0;                  ///< the seat's place in the council, 0..seats-1
  int ward = 0;                  ///< the ward's index in the council
  int party_start = 0, party_end = 0;
  float position_start = 0, position_end = 0;  ///< the holder's position on the first axis
  councillor_status status_end = councillor_status::sitting;
  /// The seat's last selection in the run (R5, R6: its holder reselected, deselected or withdrawn; undecided: none)
  /// and the week it was reached (-1: none). Kept through the election that follows, which starts a new term.
  selection_state selection = selection_state::undecided;
  int selection_week = -1;
  endorsement_state endorsement_end = endorsement_state::pending;
  bool cabinet_end = false;
  int dissent_end = 0;           ///< letters and requests the holder has signed
  float ballot_support_end = 0;  ///< share of the ward's members behind the holder at their last selection
  bool stands_independent = false;  ///< someone stands against the party's candidate for this seat as an independent
  /// Every selection the seat reached in the run, in order, as `outcome:week:support` joined by ';' (support: the
  /// share of the ward's members behind the holder at that selection, two decimals; empty when no ballot was
  /// contested): "reselected:12:;deselected_members:61:0.38". Empty when the seat had none.
  /// `partyline.selection_history` makes it a table.
  std::string selection_history;
};

/// @brief Everything one run produces.
struct run_result {
  int run = 0;
  run_counters counters;
  std::vector<council_result> councils;
  std::vector<weekly_row> weekly;
  std::vector<event_record> events;
  std::vector<decision_record> decisions;  ///< kept with the events
  std::vector<councillor_record> councillors;  ///< the focus councils' seats, on request (--agents)
  /// The weekly reporters at the weeks the scenario's dated targets read (targets[].at, .since), kept whether or not
  /// weekly rows are: week -1 is the world before the first week.
  std::vector<weekly_row> checkpoints;
  /// The facts on when (targets[].within_weeks), by target index: 1 if the outcome first became positive within the
  /// target's weeks of its documented day, else 0.
  std::vector<std::pair<int, double>> on_time;
};

/// @brief The value of a level of the world now.
[[nodiscard]] std::int64_t level_of(const world& w, level what, bool focus_only = false);
/// @brief The run outcomes of a finished world (`start` holds the week-0 levels).
[[nodiscard]] run_counters collect_run(const world& w, const run_counters& start);
/// @brief A count so far (the events' tallies, never a level): run outcome `k` (runs.csv) with `council` -1, else
/// councils.csv's count `k` in that council. Counts only grow, so the first week one is positive is when it happened.
[[nodiscard]] std::int64_t count_so_far(const world& w, std::size_t k, int council);
/// @brief The councils.csv rows of a finished world.
[[nodiscard]] std::vector<council_result> collect_councils(const world& w);

}  // namespace partyline
