#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/r18_investigations.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief R18 Investigations end in findings, findings in decisions, charges in hearings (Labour Rule Book ch. 6:
/// investigation, administrative suspension, charges before the disciplinary panel, expulsion; ch. 1 cl. VIII:
/// suspension of a party unit; Birmingham: an investigation; Hertsmere: suspensions).
#include "partyline/random.hpp"
#include "partyline/world/access.hpp"

namespace partyline {

/// An investigation runs for a drawn duration and ends with findings whose severity follows the evidence (the
/// group's division, disputes, an allegation, advice refused). Findings over a threshold go to the body that decides
/// them (a disputes panel by default), whose menu (R2, R19) runs from a warning to charges. Sanctions fall on the
/// case's subjects: the accused of an allegation, else the group's leadership (its leader and cabinet) whose conduct
/// the request, referral or officers raised -- never on a bystander. Charges are prepared for weeks and go, as a
/// `hearing` item, to the hearing body (the National Constitutional Committee by default), whose panel expels the
/// charged or reinstates them.
struct investigations {
  static constexpr stream id = rule_stream(18);
  static constexpr std::string_view key = "R18";

  struct params {
    double duration_median_weeks = 20;
    double duration_log_sd = 0.4;
    double f0 = -0.1;
    double f_division = 0.5;
    double f_disputes = 0.3;
    double f_allegation = 0.9;
    double f_refused = 0.15;
    double f_results = 1.5;
    double noise_sd = 0.15;
    double findings_threshold = 0.25;
    double suspend_share = 0.6;
    double charges_severity_floor = 0.5;
    double case_preparation_weeks = 8;
    double expel_b0 = -0.5;
    double expel_severity = 2.5;
    double expel_centralism = 1.0;
    double urgency_base = 0.4;
    double urgency_severity = 0.5;

    template <class V>
    void describe(V& v) {
      v.coef("duration_median_weeks", duration_median_weeks, {1, 520}, "median length of an investigation (log-normal)",
             "Birmingham (months); Rule Book ch. 6");
      v.coef("duration_log_sd", duration_log_sd, {0, 3}, "spread of investigations' length (sd of its log)", "—");
      v.coef("f0", f0, {-5, 5}, "severity of the findings: intercept (clamped to 0..1)", "—");
      v.coef("f_division", f_division, {-5, 5}, "... + x the group's division index", "Leicester (\"in-fighting\")");
      v.coef("f_disputes", f_disputes, {-5, 5},
             "... + x the worst dispute under the sitting leadership: live, or on its record (the peak it reached while they "
             "led; `councils[].disputes_on_record` before the run)",
             "Birmingham (2019; the Campaign Improvement Board's report, 2023: \"two particularly bitter industrial disputes\")");
      v.coef("f_allegation", f_allegation, {-5, 5}, "... + x the severity of an allegation standing against the leader", "Rule Book ch. 6");
      v.coef("f_refused", f_refused, {-5, 5}, "... + x times the leader refused the executive's advice", "Haringey");
      v.coef("f_results", f_results, {-5, 5},
             "... + x the group's losses at the polls over the last electoral cycle (R13's results_decline), in a review's findings only "
             "(a board reviews how the group is run and campaigns; an investigation of a complaint weighs conduct)",
             "the Campaign Improvement Boards' remit (NEC papers, May 2022); set by hand with Sheffield 2023 in view, not calibrated");
      v.coef("noise_sd", noise_sd, {0, 2}, "... + what the investigators turn up (normal, this sd)", "—");
      v.coef("findings_threshold", findings_threshold, {0, 1}, "findings less severe than this close the case with no action", "—");
      v.coef("suspend_share", suspend_share, {0, 1},
             "on suspending individuals without an accused, each of the case's subjects (the leader and cabinet) is suspended "
             "with this x the severity; on charges the leader always is (the accused of an allegation always is)",
             "Rule Book ch. 6 (administrative suspension of the subject, pending the case); Birmingham 2019 (the referral named the "
             "leader and deputy)");
      v.coef("charges_severity_floor", charges_severity_floor, {0, 1},
             "on charges, each of the case's subjects among the leadership (the cabinet; the leader always) is suspended as on "
             "findings of at least this severity: charges are grave whatever the findings that led to them",
             "Rule Book ch. 6 (the charged are suspended pending the hearing)");
      v.coef("case_preparation_weeks", case_preparation_weeks, {1, 520},
             "median weeks from charges to the case going before the hearing body (log-normal, spread as investigations'); the "
             "body's queue and cadence add the rest",
             "Rule Book ch. 6 (charges formulated and presented to the NCC; notice to the accused)");
      v.coef("expel_b0", expel_b0, {-10, 10}, "a hearing panel member's log-odds of voting to expel: intercept", "—");
      v.coef("expel_severity", expel_severity, {-10, 10}, "... + x the case's severity (findings or allegation)", "Rule Book ch. 6");
      v.coef("expel_centralism", expel_centralism, {-10, 10}, "... + x (the member's centralism - 0.5)", "—");
      v.coef("urgency_base", urgency_base, {0, 1}, "urgency of findings or an allegation on the executive's agenda: base", "—");
      v.coef("urgency_severity", urgency_severity, {0, 1}, "... + x their severity (a grave allegation calls an emergency meeting)",
             "Rule Book ch. 6 (administrative suspension without delay)");
    }
  };

  static constexpr access reads = concern::centre | concern::division | concern::derived | concern::leadership | concern::electoral |
                                  concern::councillor_seats | concern::councillor_dissent | concern::councillor_traits |
                                  concern::national;
  static constexpr access writes = concern::centre | concern::outbox | concern::councillor_seats | concern::leadership |
                                   concern::councillor_candidacy |
                                   concern::councillor_cabinet | concern::councillor_mood | concern::events;

  /// The centre's disciplinary steps (Rule Book ch. 6), each a motion a body may pass: an investigation, a warning,
  /// administrative suspension of individuals, suspension of the local party, charges before the disciplinary panel.
  static const motion_def investigate, warning, suspend_individuals_motion, suspend_local_party_motion, charges;
  /// A party unit's suspension pending an inquiry into the unit's own conduct (a complaint whose subject is the local
  /// party or its faction): the administrative step for a unit, as an individual's interim suspension is for a person.
  static const motion_def suspend_local_party_pending;
  /// The hearing body's verdicts on charges: expel the charged, or (no majority) reinstate them.
  static const motion_def expel, reinstate;
  /// The items R18 files: an investigation's findings (the body may charge, suspend, put under special measures or
  /// warn); an allegation against a councillor (a scripted fact or the national rate: suspend pending the case, or
  /// investigate).
  static const item_kind_def findings_item, allegation_item;
  /// Charges, once prepared, before the hearing body: it expels the charged or reinstates them.
  static const item_kind_def hearing_item;

  /// Local phase: investigations that end this week report their findings; prepared charges go to the hearing body.
  static void run(world& w, council_id council);
  /// The urgency of findings or an allegation of this severity on the executive's agenda.
  [[nodiscard]] static double urgency(const world& w, double severity);
  /// Apply phase (R2): the executive opened an investigation -- a complaint's, or (`review`) a review of how the
  /// group is run, on the officers' concern (R17); its length is drawn now.
  static void open(world& w, council_id council, bool review = false);
  /// The standing board that conducts reviews of this council's group (a body listing `group_review`), or -1.
  [[nodiscard]] static int review_board(const world& w, council_id council);
  /// Apply phase (R2): the sanctions the executive decided on findings or an allegation.
  /// Returns how many were suspended.
  static int suspend_individuals(world& w, council_id council, double severity);
  static void suspend_local_party(world& w, council_id council);
  static void bring_charges(world& w, council_id council, double severity);
  /// Apply phase: the hearing body's verdict on the council's charged (suspended) councillors.
  static void hear(world& w, council_id council, bool expelled);
  /// Records a sanction for `sanction_weeks`: weeks from the first item about the council to this one.
  static void count_sanction(world& w, council_id council);
};

}  // namespace partyline
