#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 2
#error "partyline/world/events.hpp belongs to stage 2 (world): a lower stage may not include it"
#endif
/// @brief What happens in a run, as typed events. Rules emit them; every emission is tallied in its council (count,
/// sum and maximum of its value) and, when the run keeps a log, written to the story with a readable detail.
/// The outcome stage's table (outcome/outcomes.hpp) turns the tallies into the columns of runs.csv and councils.csv,
/// so no rule updates a counter of its own.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace partyline {

enum class event : std::uint8_t {
  // Requests and referrals reaching the executive (R1, R9, and scripted ones).
  request,
  referral,
  motion_defeated,
  // The executive's decisions (R2, R11), published in the central phase.
  decision_dismiss,
  decision_defer,
  decision_advise_pause,
  decision_investigate,
  decision_special_measures,
  decision_remove_leader,
  decision_approve_coalition,
  decision_refuse_coalition,
  special_measures_begin,
  leader_removed,  ///< by the executive (R2)
  // The executive's make-up (R22).
  executive_election,  ///< seats of a section elected; value: the seats the left bloc won
  // Protest (R4).
  protest_letter,
  protest_fizzles,
  // The group (R3, R7, R10, R13, R15).
  backbench_letter,
  leadership_challenge,  ///< counted, not told: the story tells its result
  challenge_failed,
  leader_replaced,  ///< by a successful challenge (R10)
  leader_installed, ///< counted, not told: any change of leader
  leader_complies,
  leader_resists,
  leader_stands_down,
  new_leader,  ///< elected by the group after an election
  policy_proposed,
  policy_pursuing,
  policy_paused,
  policy_scrapped,
  policy_done,
  decision_deferred,
  // Selections (R5, R6).
  deselection_members,
  deselection_central,
  withdrawal,
  central_selection,  ///< the centre takes over a group's selections
  // Disputes (R8, and scripted shocks).
  dispute_start,
  dispute_settled,
  dispute_talks,
  dispute_ballot,
  dispute_strike,
  dispute_all_out,
  strike_week,  ///< counted, not told: a dispute-week at the strike or all-out stage
  impose_terms,
  injunction_threat,
  talks_offer,
  // Elections and administrations (R11, R12, R13).
  election,
  independent_standing,  ///< counted, not told
  administration,
  other_control_after_veto,  ///< counted, not told: another party governs after the party's deal was vetoed
  coalition_request,
  coalition_approved,  ///< counted, not told (the decision and the administration are told)
  veto_accepted,
  veto_defied,  ///< value: councillors suspended
  pact_allegation,  ///< value: members suspended
  // Members (R14).
  defection,
  // The centre's own powers (R6 by decision, R17).
  decision_take_over_selections,
  monitoring,  ///< the executive's officers put a council on its agenda (R17)
  // Investigations, findings and sanctions (R17 allegations, R18).
  allegation,
  investigation_concluded,  ///< value: the findings' severity in hundredths
  decision_warning,
  decision_suspend_individuals,
  decision_suspend_local_party,
  decision_charges,
  suspension_individual,  ///< value: councillors suspended
  local_party_suspended,
  expulsion,              ///< value: councillors expelled
  sanction,               ///< counted, not told; value: weeks from the first item about the council to this sanction
  member_joined,          ///< counted, not told; value: members who joined this week (R14)
  // Endorsement (R20) and independents.
  independent_elected,    ///< counted, not told (the election's result is told)
  endorsement_refused,    ///< the centre refuses (or withdraws) its endorsement of the members' candidate
  candidate_imposed,      ///< counted, not told: the centre imposes its own candidate
  // Directly elected mayors (R21).
  mayoral_selection,      ///< the party's candidate for mayor is chosen; value: their votes
  mayor_elected,          ///< value: 1 if the party's candidate won
  mayoralty_lost,         ///< counted, not told: the party's mayor lost the office
  // Coalitions after the fact (R11).
  deal_without_sign_off,  ///< the group joins an administration without asking the executive
  approved_after_the_fact,  ///< the executive lets a deal made without its sign-off stand
  reversal_ordered,       ///< the executive orders the group to withdraw from an administration
  reversal_complied,      ///< the group withdraws: the administration falls
  reversal_defied,        ///< the group stays in office against the order; value: councillors suspended
  offer_refused,          ///< a partner (or its own centre) refuses a coalition offer
  support_arrangement,    ///< a minority administration forms, sustained from outside (confidence and supply)
  // Items no body decided in time (the meeting, R2).
  item_lapsed,            ///< an item waited past the year without a decision; value: weeks it waited
  deal_lapsed,            ///< a coalition deal's deadline passed without the signing body's answer (R11)
  stays_out,              ///< for want of an answer, the group stays out of the deal (R11)
  // The disciplinary route after findings (R18).
  charges_brought,        ///< value: the people charged (suspended until their hearing)
  hearing_held,           ///< the hearing body decides a case; value: the people it expels
  decision_expel,         ///< the hearing body's verdict: expel the charged
  decision_reinstate,     ///< the hearing body's verdict: reinstate the charged
  whip_restored,          ///< a group suspended for defying the centre has the whip back: the charges are its leader's
  suspension_administrative,  ///< a complaint's subject suspended pending the investigation it opens (R18); value: how many
  members_suspended,  ///< members who are not councillors suspended as a complaint's subjects (R18); value: how many
  members_expelled,   ///< members who are not councillors expelled by the hearing body (R18); value: how many
  executive_vote,     ///< the members' vote at an election to the executive (R22); value: the left slate's share, per cent
  leader_takes_office,  ///< a new national party leader, as the scenario dates (R23); value: their centralisation, per cent
  annual_meeting,       ///< the group's annual meeting (R10); value: under special measures, the centre's panel members who keep the leader
  candidate_not_approved,  ///< a selection stage (R5) does not approve an applicant for the panel; value: its members in favour
  auto_excluded,  ///< councillors who stand against the party's candidates are no longer members (Rule Book ch. 2; R20, R21)
  campaigned_for_rival,  ///< councillors of the group campaign for an independent against the party's candidate (R21)
  count_
};
inline constexpr std::size_t event_count = static_cast<std::size_t>(event::count_);

/// @brief Whether an event is written to the story (events.csv, the run summary).
enum class told : std::uint8_t {
  always,
  never,         ///< tallied only
  first_in_council  ///< every one in a listed (focus) council; in a generated council only the first: the count says the rest
};

struct event_info {
  std::string_view name;  ///< as in events.csv's `event` column
  told story = told::always;
  std::string_view value_is = {};  ///< what the event's number counts (events.csv's `value_is`); empty: it has none (0)
  std::string_view of_is = {};     ///< the whole it is a part of, when the event states one (`of`: 21 of 48 councillors)
  /// An event never told may have a told one that marks the same moment (the decision it follows from): when the story
  /// says an outcome's events happened (partyline.timing) it reads that one. An outcome counting an event never told
  /// and with no such stand-in cannot be timed from the story.
  std::string_view told_as = {};
};

/// One line per event kind, in the order of the enum.
inline constexpr std::array<event_info, event_count> event_table{{
    {"request", told::always, "councillors who signed (0: a scripted request)", "councillors in the group"},
    {"referral", told::always, "regional board members for (0: a scripted referral)", "regional board members"},
    {"motion_defeated", told::always, "regional board members for", "regional board members"},
    {"dismiss", told::always, "weeks since the item was filed"},
    {"defer", told::always, "weeks since the item was filed"},
    {"advise_pause", told::always, "weeks since the item was filed"},
    {"investigate", told::always, "weeks since the item was filed"},
    {"special_measures", told::always, "weeks since the item was filed"},
    {"remove_leader", told::always, "weeks since the item was filed"},
    {"approve_coalition", told::always, "weeks since the item was filed"},
    {"refuse_coalition", told::always, "weeks since the item was filed"},
    {"special_measures_begin"},
    {"leader_removed"},
    {"executive_election", told::always, "seats the left bloc won", "seats filled"},
    {"protest_letter", told::always, "council leaders who signed", "other council leaders"},
    {"protest_fizzles", told::always, "would-be signatories", "other council leaders"},
    {"backbench_letter", told::always, "councillors who signed", "councillors in the group"},
    {"leadership_challenge", told::never, "councillors against the leader", "councillors in the group"},
    {"challenge_failed", told::always, "councillors against the leader", "councillors in the group"},
    {"leader_replaced", told::always, "councillors against the leader", "councillors in the group"},
    {"leader_installed", told::never},
    {"leader_complies"},
    {"leader_resists"},
    {"leader_stands_down"},
    {"new_leader"},
    {"policy_proposed"},
    {"policy_pursuing"},
    {"policy_paused"},
    {"policy_scrapped"},
    {"policy_done"},
    {"decision_deferred"},
    {"deselection", told::always, "members' votes for the councillor", "votes cast"},
    {"deselection", told::always, "letters and requests the councillor signed"},
    {"withdrawal", told::always, "share of members' votes expected, per cent"},
    {"central_selection"},
    {"dispute_start", told::always, "workers in the dispute"},
    {"dispute_settled", told::always, "weeks the dispute ran"},
    {"talks", told::always, "weeks the dispute has run"},
    {"ballot", told::always, "weeks the dispute has run"},
    {"strike", told::always, "weeks the dispute has run"},
    {"all_out", told::always, "weeks the dispute has run"},
    {"strike_week", told::never},
    {"impose_terms", told::always, "weeks the dispute has run (0: a scripted shock)"},
    {"injunction_threat", told::always, "weeks the dispute has run (0: a scripted shock)"},
    {"talks_offer", told::always, "weeks the dispute has run (0: a scripted shock)"},
    {"election", told::always, "the party's seats on the council after the count"},
    {"independent_standing", told::never},
    {"administration"},
    {"other_control_after_veto", told::never},
    {"coalition_request"},
    {"coalition_approved", told::never, {}, {}, "approve_coalition"},  // counted as the body's approval is applied
    {"veto_accepted"},
    {"veto_defied", told::always, "councillors suspended"},
    {"pact_allegation", told::always, "local members suspended"},
    {"defection", told::first_in_council, "members who left (1)"},
    {"take_over_selections", told::always, "weeks since the item was filed"},
    {"monitoring"},
    {"allegation", told::always, "severity, hundredths (0: nobody named is still in the party)"},
    {"investigation_concluded", told::always, "severity of the findings, hundredths"},
    {"warning", told::always, "weeks since the item was filed"},
    {"suspend_individuals", told::always, "weeks since the item was filed"},
    {"suspend_local_party", told::always, "weeks since the item was filed"},
    {"charges", told::always, "weeks since the item was filed"},
    {"suspension", told::always, "councillors suspended"},
    {"local_party_suspended"},
    {"expulsion", told::always, "councillors expelled"},
    {"sanction", told::never, "weeks since the council's first item"},
    {"member_joined", told::never, "members who joined"},
    {"independent_elected", told::never},
    {"endorsement_refused"},
    {"candidate_imposed", told::never},
    {"mayoral_selection", told::always, "the winner's votes in the members' ballot (0: the centre chose)", "votes cast"},
    {"mayor_elected", told::always, "1 if the party's candidate won"},
    {"mayoralty_lost", told::never},
    {"deal_without_sign_off"},
    {"approved_after_the_fact"},
    {"reversal_ordered"},
    {"reversal_complied"},
    {"reversal_defied", told::always, "councillors suspended"},
    {"offer_refused"},
    {"support_arrangement", told::never},
    {"item_lapsed", told::always, "weeks the item waited"},
    {"deal_lapsed", told::always, "weeks the deal waited"},
    {"stays_out"},
    {"charges_brought", told::always, "people charged (councillors and members)"},
    {"hearing_held", told::never, "people expelled (councillors and members)"},
    {"expel", told::always, "weeks since the item was filed"},
    {"reinstate", told::always, "weeks since the item was filed"},
    {"whip_restored", told::always, "councillors given the whip back"},
    {"suspension_administrative", told::never, "councillors suspended pending investigation"},
    {"members_suspended", told::always, "members (not councillors) suspended"},
    {"members_expelled", told::never, "members (not councillors) expelled"},
    {"executive_vote", told::never, "the left slate's share of the vote, per cent"},
    {"leader_takes_office", told::always, "the new leader's centralisation, per cent"},
    {"annual_meeting", told::always, "members of the centre's panel who keep the leader (under special measures; 0 otherwise)",
     "members of the panel"},
    {"candidate_not_approved", told::always, "members of the selection stage's body in favour of the applicant",
     "members sitting"},
    {"auto_excluded", told::always, "councillors who stand against the party's candidates and leave the party without a hearing (Rule Book ch. 2): one for mayor (R21), or those nominated in the wards at the close of nominations (R20)"},
    {"campaigned_for_rival", told::always, "the number of the group's councillors who campaign for someone standing against the party's candidate for mayor; the party's rules make it a breach, so they are the subjects of a complaint (Rule Book ch. 2; R21)"},
}};

[[nodiscard]] constexpr const event_info& info_of(event e) { return event_table[static_cast<std::size_t>(e)]; }

/// @brief How often an event happened in one council, the sum of its values and the largest value.
struct event_tally {
  std::int64_t count = 0;
  std::int64_t sum = 0;
  std::int64_t max = 0;
};
using event_tallies = std::array<event_tally, event_count>;

/// @brief One line of the story (events.csv): `run, week, council, rule, event, value, of, detail`.
struct event_record {
  int week = 0;
  int council = -1;        ///< council index, -1 for national events
  std::uint16_t rule = 0;  ///< 1.. for R1.., 0 for scenario-scripted events
  std::string_view event;  ///< the event's name (static storage: the event table)
  std::string detail;
  int value = 0;  ///< the event's main number (signatories, weeks waited, votes): events.csv's `value`
  partyline::event kind = partyline::event::count_;
  int of = 0;     ///< the whole `value` is a part of (the group's councillors, the votes cast); 0: none (`of`)
};

}  // namespace partyline
