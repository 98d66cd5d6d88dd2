#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/model.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief The model in one place: the rule units' coefficients (by the key a scenario uses,
/// `rules: {R7: {letter_min: 12}}`) and the week's schedule (phase -> steps, in order). A new rule is registered
/// here: a line in `model_parameters` and its steps in the schedule.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "partyline/rules/calendar.hpp"
#include "partyline/rules/independents.hpp"
#include "partyline/rules/member_mood.hpp"
#include "partyline/rules/r01_request.hpp"
#include "partyline/rules/r02_executive_decision.hpp"
#include "partyline/rules/r03_leader_response.hpp"
#include "partyline/rules/r04_protest_letter.hpp"
#include "partyline/rules/r05_reselection.hpp"
#include "partyline/rules/r06_central_selection.hpp"
#include "partyline/rules/r07_backbench_letter.hpp"
#include "partyline/rules/r08_disputes.hpp"
#include "partyline/rules/r09_regional_referral.hpp"
#include "partyline/rules/r10_leadership_challenge.hpp"
#include "partyline/rules/r11_coalition_sign_off.hpp"
#include "partyline/rules/r12_pact_allegation.hpp"
#include "partyline/rules/r13_elections.hpp"
#include "partyline/rules/r14_member_exit.hpp"
#include "partyline/rules/r15_policy_course.hpp"
#include "partyline/rules/r16_opinion_dynamics.hpp"
#include "partyline/rules/r17_own_initiative.hpp"
#include "partyline/rules/r18_investigations.hpp"
#include "partyline/rules/r19_escalation.hpp"
#include "partyline/rules/r20_endorsement.hpp"
#include "partyline/rules/r21_mayoralty.hpp"
#include "partyline/rules/r22_executive_elections.hpp"
#include "partyline/rules/r23_party_leader.hpp"
#include "partyline/rules/satisfaction.hpp"
#include "partyline/scenario/scenario.hpp"

namespace partyline {

// ---- the coefficients --------------------------------------------------------------------------------

/// Every coefficient of the model, one block per rule unit. Each coefficient's meaning, default and source case
/// are declared once, in its unit's `describe`; docs/model.md's tables are generated from them.
struct model_parameters {
  councillor_satisfaction::params satisfaction;
  members_mood::params member_mood;
  request_to_centre::params R1;
  executive_decision::params R2;
  leader_response::params R3;
  protest_letter::params R4;
  reselection::params R5;
  central_selection::params R6;
  backbench_letter::params R7;
  industrial_disputes::params R8;
  regional_referral::params R9;
  leadership_challenge::params R10;
  coalition_sign_off::params R11;
  pact_allegation::params R12;
  elections::params R13;
  member_exit::params R14;
  policy_course::params R15;
  opinion_dynamics::params R16;
  own_initiative::params R17;
  investigations::params R18;
  escalation::params R19;
  endorsement::params R20;
  mayoralty::params R21;
  executive_elections::params R22;
  party_leader_office::params R23;
  independent_candidacy::params independents;
  council_calendar::params calendar;

  template <class V>
  void describe(V& v) {
    v.field("satisfaction", satisfaction);
    v.field("member_mood", member_mood);
    v.field("R1", R1);
    v.field("R2", R2);
    v.field("R3", R3);
    v.field("R4", R4);
    v.field("R5", R5);
    v.field("R6", R6);
    v.field("R7", R7);
    v.field("R8", R8);
    v.field("R9", R9);
    v.field("R10", R10);
    v.field("R11", R11);
    v.field("R12", R12);
    v.field("R13", R13);
    v.field("R14", R14);
    v.field("R15", R15);
    v.field("R16", R16);
    v.field("R17", R17);
    v.field("R18", R18);
    v.field("R19", R19);
    v.field("R20", R20);
    v.field("R21", R21);
    v.field("R22", R22);
    v.field("R23", R23);
    v.field("independents", independents);
    v.field("calendar", calendar);
  }
};

/// The default coefficients, as a scenario carries them.
[[nodiscard]] rule_coefficients default_coefficients();
/// A scenario's coefficients (every loader gives a scenario the rules' defaults before reading `rules:`).
[[nodiscard]] inline const model_parameters& coefficients(const scenario& s) { return s.rules.as<model_parameters>(); }
[[nodiscard]] inline model_parameters& coefficients(scenario& s) { return s.rules.as<model_parameters>(); }

/// One documented coefficient: `rules.<block>.<key>`, its default as written in YAML, its meaning and source.
struct coefficient_doc {
  std::string block, key, default_value, meaning, source;
  double min = 0, max = 0;  ///< the allowed range
};
/// Every coefficient, in declaration order.
[[nodiscard]] std::vector<coefficient_doc> coefficient_docs();
/// The table of one block's coefficients (`| key | default | meaning | source |`), generated from the declarations.
[[nodiscard]] std::string coefficient_table_markdown(const std::string& block);
/// The names of the coefficient blocks, in order (satisfaction, member_mood, R1, ...).
[[nodiscard]] std::vector<std::string> coefficient_blocks();
/// `text` (docs/model.md) with every generated region -- from `<!-- coefficients BLOCK -->` to
/// `<!-- end coefficients -->` -- replaced by the block's current table. Throws std::invalid_argument naming a
/// block that has no region or a region of no block.
[[nodiscard]] std::string with_coefficient_tables(const std::string& text);

// ---- the week's schedule -----------------------------------------------------------------------------

/// How a rule enters the week: a step of one of the week's phases, a hook run at setup, on a count (an election,
/// or the count before the run), on a decision of the party's bodies about an item of its kind, or on an event
/// another rule tells.
enum class entry : std::uint8_t { setup, local, central, national, apply, election, on_count, on_decided, on_event };
template <>
struct enum_names<entry> {
  static constexpr std::array<std::string_view, 9> names{"setup",       "local phase",    "central phase",
                                                         "national phase", "apply phase", "election phase",
                                                         "on a count",  "on a decision",  "on an event"};
};

/// A step run for each council (in parallel over councils): it touches only that council's concerns.
struct council_step {
  std::string_view name;
  stream rule;
  access reads, writes;
  void (*run)(world&, council_id council);
};
/// A step run once for the whole world (sequential).
struct world_step {
  std::string_view name;
  stream rule;
  void (*run)(world&);
};

/// A hook on an event: `step` runs for a council as soon as a rule's step there tells an event of kind `on` (after
/// it is tallied and told), inside that step -- so the step's declared reads and writes must cover the hook's, and
/// the access check holds it to them.
struct event_hook {
  event on;
  council_step step;
};

template <class Unit>
constexpr council_step step(std::string_view name) {
  return {name, Unit::id, Unit::reads, Unit::writes, &Unit::run};
}

/// The week (MODEL.md section 2), phase by phase, in order, and every other way a rule enters it (its hooks). This
/// table is all the engine runs; docs/model.md "The week" is generated from it (week_markdown).
struct schedule {
  /// Once per council when a run's world is built, after the agents and bodies are drawn.
  static constexpr std::array setup{
      council_step{"R11 the administration the scenario gives (a hung council counts before the run)", stream::R11,
                   coalition_sign_off::reads, coalition_sign_off::writes, &coalition_sign_off::setup},
  };
  /// On a count: after an election's count (R13), and in week 0 for a council hung at the count just before the run.
  static constexpr std::array on_count{
      council_step{"R12 a pact may be alleged where the party and a partner both gained", stream::R12, pact_allegation::reads,
                   pact_allegation::writes, &pact_allegation::at_count},
      council_step{"R11 with no majority (and no mayor), the administration is formed", stream::R11, coalition_sign_off::reads,
                   coalition_sign_off::writes, &coalition_sign_off::on_count},
  };
  /// Runs the hooks on a count where a count has just been made (electoral.counted), and clears it.
  static void after_a_count(world& w, council_id council);
  static constexpr access count_reads = pact_allegation::reads | coalition_sign_off::reads;
  static constexpr access count_writes = pact_allegation::writes | coalition_sign_off::writes | concern::electoral;

  /// 1. Every council on its own, reading only its rows and the national snapshot of last week.
  static constexpr std::array local{
      step<council_calendar>("calendar: next election, fading memories"),
      council_step{"the hooks on a count, in week 0 (a council hung at the count before the run)", stream::R11, count_reads,
                   count_writes, &schedule::after_a_count},
      step<coalition_sign_off>("R11 week 0: a given deal without sign-off goes to be looked at"),
      step<scripted_events>("scripted events"),
      step<investigations>("R18 investigations report, hearings decide"),
      step<industrial_disputes>("R8 disputes"),
      step<councillor_satisfaction>("councillor satisfaction"),
      step<opinion_dynamics>("R16 opinion dynamics"),
      step<members_mood>("member mood"),
      step<member_exit>("R14 member exit"),
      council_step{"R14 recruits join", stream::R14, member_exit::reads, member_exit::writes, &member_exit::recruit},
      step<backbench_letter>("R7 backbench letter"),
      step<request_to_centre>("R1 request to the centre"),
      step<own_initiative>("R17 the officers' own initiative"),
      step<regional_referral>("R9 regional referral"),
      step<central_selection>("R6 central selection"),
      step<reselection>("R5 reselection by members"),
      step<endorsement>("R20 endorsement of candidates"),
      step<mayoralty>("R21 the mayor: selection from an approved shortlist"),
      step<leader_response>("R3 leader response"),
      step<leadership_challenge>("R10 leadership challenge"),
      step<policy_course>("R15 policy course"),
  };
  /// 1, for a council in the case's background (`detail: background`): its calendar and its members only. Its group's
  /// weekly rules do not run: its leader stays where the scenario places them (to sign or not sign a protest
  /// letter, R4), its councillors as drawn; its members leave, join and vote for the executive.
  static constexpr std::array background{
      step<council_calendar>("calendar: next election, fading memories"),
      step<members_mood>("member mood"),
      step<member_exit>("R14 member exit"),
      council_step{"R14 recruits join", stream::R14, member_exit::reads, member_exit::writes, &member_exit::recruit},
  };
  /// Whether the local step `s` runs for a council of the given detail (a background council runs only `background`).
  static constexpr bool runs_in(council_detail detail, const council_step& s) {
    if (detail == council_detail::full) return true;
    for (const council_step& b : background)
      if (b.run == s.run) return true;
    return false;
  }
  /// 2. The centre: a new party leader and the elections to the executive the scenario dates, then each body's agenda, meetings and votes.
  static constexpr std::array central{
      world_step{"R23 a new party leader takes office on the date the scenario states", party_leader_office::id, &party_leader_office::run},
      world_step{"R22 elections to the executive: the members or the unions vote", executive_elections::id, &executive_elections::run},
      world_step{"R2 the bodies' agendas, meetings and votes", stream::R2, &executive_decision::meet},
  };
  /// 3. Reductions over all councils, in council order.
  static constexpr std::array national{
      world_step{"R4 backlash decays; protest letters after the week's decisions", stream::R4, &protest_letter::run},
  };
  /// 4. Every council applies the decisions about it (only in weeks with decisions): each through its item kind
  /// (the hooks on a decision, item_kinds below).
  static constexpr std::array apply{
      council_step{"R2 apply decisions (each kind's own effects)", stream::R2, executive_decision::reads,
                   executive_decision::writes, &executive_decision::apply},
  };
  /// 5. Councils with an election this week (only in such weeks): the mayoral contest, the count, then the hooks on
  /// a count.
  static constexpr std::array election{
      council_step{"R21 the mayoral contest", mayoralty::id, mayoralty::contest_reads, mayoralty::contest_writes,
                   &mayoralty::contest_step},
      step<elections>("R13 the count: seats, control, a majority's administration, the group's new cycle"),
      council_step{"the hooks on a count", stream::R13, count_reads, count_writes, &schedule::after_a_count},
  };
  /// On an event another rule tells in a council (run inside the step that tells it, in the order told).
  static constexpr std::array on_event{
      event_hook{event::leader_complies,
                 {"R15 a leader who accepts the centre's mediation (R3) pauses a live flagship policy", stream::R15,
                  policy_course::hook_reads, policy_course::writes, &policy_course::on_compliance}},
      event_hook{event::leader_stands_down,
                 {"R15 a leader standing down (R3) takes no final decision: a live policy is paused", stream::R15,
                  policy_course::hook_reads, policy_course::writes, &policy_course::on_stand_down}},
      event_hook{event::leader_installed,
                 {"R15 a new leader (R2, R3, R10, R13, R18, R21) far from the policy scraps it; one close to a paused "
                  "policy resumes it",
                  stream::R15, policy_course::hook_reads, policy_course::writes, &policy_course::on_new_leader}},
  };
  /// Runs the hooks on event `e` just told in `council` (detail::emit calls it).
  static void after_an_event(world& w, council_id council, event e) {
    for (const event_hook& hook : on_event)
      if (hook.on == e) hook.step.run(w, council);
  }

  /// The kinds of item the rules file with the party's bodies (each declared by the rule that files it); the names
  /// `institutions.bodies[].decides` may use. A decision on one runs its kind's `decided` in the apply phase.
  static constexpr std::array<const item_kind_def*, 7> item_kinds{
      &request_to_centre::item,       &regional_referral::item,         &own_initiative::item,
      &coalition_sign_off::item,      &investigations::findings_item,   &investigations::allegation_item,
      &investigations::hearing_item,
  };
};

inline void schedule::after_a_count(world& w, council_id council) {
  if (!w.councils[council].electoral.counted) return;
  for (const council_step& hook : on_count) hook.run(w, council);
  w.councils[council].electoral.counted = false;
}

/// docs/model.md's "The week": every phase's steps and every hook, in order, from the schedule.
[[nodiscard]] std::string week_markdown();
/// `text` (docs/model.md) with its generated region `<!-- week -->` ... `<!-- end week -->` replaced by
/// week_markdown(). Throws std::invalid_argument if the region is missing.
[[nodiscard]] std::string with_week_table(const std::string& text);

}  // namespace partyline
