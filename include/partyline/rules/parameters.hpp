#pragma once
/// @brief Every rule coefficient, with its default. docs/model.md has one line per key saying what it means
/// and which case it comes from; a scenario overrides them under `rules: {R7: {letter_min: 12}}`.
#include "partyline/scenario/schema.hpp"

namespace partyline {

/// Councillor satisfaction with the leadership, updated weekly in the local phase.
struct satisfaction_params {
  double base = 0.35;                ///< target satisfaction of an average councillor with nothing wrong
  double w_loyalty = 0.4;            ///< + per unit of loyalty above 0.5
  double w_distance = 0.7;           ///< - per unit of distance from the leader's position
  double w_policy = 0.8;             ///< - x salience x distance from the flagship policy while it is pursued
  double w_dispute = 0.9;            ///< - x union ties x worst active dispute intensity
  double w_confrontation = 0.5;      ///< - x union ties x leader's confrontation while a dispute is active
  double w_cabinet = 0.4;            ///< + for cabinet members
  double w_intervention = 0.15;      ///< - while the group is under central intervention (investigation etc.)
  double rate = 0.08;                ///< weekly speed of adjustment towards the target
  double noise_sd = 0.03;            ///< weekly idiosyncratic shock
  double dissatisfied_below = -0.1;  ///< satisfaction under which a councillor counts as dissatisfied

  template <class V>
  void describe(V& v) {
    v.field("base", base, {-1, 1});
    v.field("w_loyalty", w_loyalty, {0, 5});
    v.field("w_distance", w_distance, {0, 5});
    v.field("w_policy", w_policy, {0, 5});
    v.field("w_dispute", w_dispute, {0, 5});
    v.field("w_confrontation", w_confrontation, {0, 5});
    v.field("w_cabinet", w_cabinet, {0, 5});
    v.field("w_intervention", w_intervention, {0, 5});
    v.field("rate", rate, {0, 1});
    v.field("noise_sd", noise_sd, {0, 1});
    v.field("dissatisfied_below", dissatisfied_below, {-1, 1});
  }
};

/// Local members' activism ("mood"): each member's own propensity (drawn around members.activism_mean) plus
/// local mobilisation, approached weekly.
struct member_mood_params {
  double rate = 0.05;                   ///< weekly speed of adjustment
  double faction_boost = 0.25;          ///< + for organised-faction members
  double mobilise_policy = 0.3;         ///< + x salience of a contested flagship policy being pursued
  double mobilise_dispute = 0.15;       ///< + x worst local dispute intensity
  double mobilise_intervention = 0.1;   ///< + while the centre intervenes locally
  double active_above = 0.3;            ///< activism at or above which a member counts as active (votes, campaigns)

  template <class V>
  void describe(V& v) {
    v.field("rate", rate, {0, 1});
    v.field("faction_boost", faction_boost, {0, 1});
    v.field("mobilise_policy", mobilise_policy, {0, 1});
    v.field("mobilise_dispute", mobilise_dispute, {0, 1});
    v.field("mobilise_intervention", mobilise_intervention, {0, 1});
    v.field("active_above", active_above, {0, 1});
  }
};

/// R2: executive members' votes (agenda items of every kind use this machinery).
struct r2_params {
  double b0 = -0.5;              ///< intercept of a member's yes log-odds
  double b_central = 2.0;        ///< x member's centralism
  double b_align = 2.5;          ///< x alignment: distance to the leader minus distance to the requesters
  double b_strength = 2.0;       ///< x request strength (share of the group behind a request)
  double b_backlash = 2.0;       ///< x the executive's backlash
  double b_media = 1.0;          ///< x media risk (general election proximity)
  double b_union = 1.0;          ///< + for union-section members on a union's referral
  double cost_investigate = 0.0; ///< - severity cost of voting to investigate
  double cost_advise_pause = 0.0;    ///< - severity cost of advising a pause (with mediation)
  double cost_special_measures = 4.0;///< - severity cost of special measures
  double cost_remove_leader = 5.0;   ///< - severity cost of removing a leader
  double b_division = 1.5;       ///< + x the group's division index, for special measures and removal
  double p_notice = 0.3;         ///< probability the group is given notice of an item
  double defer_margin = 0.4;     ///< a failed vote with at least this share in favour is deferred, not dismissed
  int max_defers = 2;            ///< deferrals before an item is dismissed
  double b_local_gov = -1.0;     ///< + for local-government-section members (they guard group sovereignty)
  int investigation_weeks = 26;  ///< how long an investigation hangs over a group

  template <class V>
  void describe(V& v) {
    v.field("b0", b0, {-20, 20});
    v.field("b_central", b_central, {-20, 20});
    v.field("b_align", b_align, {-20, 20});
    v.field("b_strength", b_strength, {-20, 20});
    v.field("b_backlash", b_backlash, {-20, 20});
    v.field("b_media", b_media, {-20, 20});
    v.field("b_union", b_union, {-20, 20});
    v.field("cost_investigate", cost_investigate, {-20, 20});
    v.field("cost_advise_pause", cost_advise_pause, {-20, 20});
    v.field("cost_special_measures", cost_special_measures, {-20, 20});
    v.field("cost_remove_leader", cost_remove_leader, {-20, 20});
    v.field("b_division", b_division, {-20, 20});
    v.field("p_notice", p_notice, {0, 1});
    v.field("defer_margin", defer_margin, {0, 1});
    v.field("max_defers", max_defers, {0, 20});
    v.field("b_local_gov", b_local_gov, {-20, 20});
    v.field("investigation_weeks", investigation_weeks, {0, 520});
  }
};

/// R7: backbench letter against the leadership (Birmingham, 23 signatories).
struct r7_params {
  int letter_min = 10;           ///< signatories needed to publish
  double letter_share = 0.25;    ///< ... and at least this share of the group
  double b0_sign = 0.5;          ///< intercept of a dissatisfied backbencher's signing log-odds
  double b_dissatisfaction = 5.0;///< x depth of dissatisfaction (-satisfaction)
  double b_loyalty = 2.0;        ///< - x loyalty
  int cooldown_weeks = 26;       ///< weeks before another letter can be organised in the same group
  double support_loss = 0.05;    ///< satisfaction lost by every non-cabinet councillor when a letter is published
  double concession = 0.4;       ///< leader cuts confrontation by this x (1 - resolve) after a letter

  template <class V>
  void describe(V& v) {
    v.field("letter_min", letter_min, {1, 10000});
    v.field("letter_share", letter_share, {0, 1});
    v.field("b0_sign", b0_sign, {-20, 20});
    v.field("b_dissatisfaction", b_dissatisfaction, {-50, 50});
    v.field("b_loyalty", b_loyalty, {-20, 20});
    v.field("cooldown_weeks", cooldown_weeks, {0, 520});
    v.field("support_loss", support_loss, {0, 2});
    v.field("concession", concession, {0, 1});
  }
};

/// R8: industrial disputes (Birmingham bins and home-care).
struct r8_params {
  double escalation = 0.07;       ///< weekly rise x confrontation x union militancy x (1 - intensity)
  double de_escalation = 0.05;    ///< weekly fall x (1 - confrontation) x intensity (talks)
  double noise_sd = 0.02;         ///< weekly shock to intensity
  double ballot_at = 0.35;        ///< intensity at which the union ballots
  double strike_at = 0.55;        ///< ... strikes (after the ballot has run ballot_weeks)
  double all_out_at = 0.8;        ///< ... goes all-out
  double hysteresis = 0.1;        ///< a stage is left downwards only this far below its threshold
  double settle_below = 0.08;     ///< intensity under which the dispute settles
  int ballot_weeks = 4;           ///< length of a strike ballot
  double impose_terms_shock = 0.25;   ///< jump when the council imposes terms
  double injunction_shock = 0.2;      ///< jump when the council threatens an injunction
  double talks_shock = -0.15;         ///< change when the council offers talks
  double b0_new = -8.0;           ///< log-odds a new dispute starts in a council-week ...
  double b_new_confrontation = 3.0;  ///< ... + x leader's confrontation
  double new_intensity = 0.2;     ///< starting intensity of an emergent dispute

  template <class V>
  void describe(V& v) {
    v.field("escalation", escalation, {0, 1});
    v.field("de_escalation", de_escalation, {0, 1});
    v.field("noise_sd", noise_sd, {0, 1});
    v.field("ballot_at", ballot_at, {0, 1});
    v.field("strike_at", strike_at, {0, 1});
    v.field("all_out_at", all_out_at, {0, 1});
    v.field("hysteresis", hysteresis, {0, 1});
    v.field("settle_below", settle_below, {0, 1});
    v.field("ballot_weeks", ballot_weeks, {0, 52});
    v.field("impose_terms_shock", impose_terms_shock, {-1, 1});
    v.field("injunction_shock", injunction_shock, {-1, 1});
    v.field("talks_shock", talks_shock, {-1, 1});
    v.field("b0_new", b0_new, {-50, 50});
    v.field("b_new_confrontation", b_new_confrontation, {-50, 50});
    v.field("new_intensity", new_intensity, {0, 1});
  }
};

/// R9: a union's motion at the regional board asking the executive to investigate (Birmingham).
struct r9_params {
  double min_intensity = 0.7;     ///< dispute intensity needed for the union to move a motion
  int min_weeks = 26;             ///< ... and weeks the dispute has run
  double b0_motion = -1.0;        ///< log-odds the union moves the motion at a board meeting ...
  double b_militancy = 3.0;       ///< ... + x union militancy
  double b_letter_motion = 1.5;   ///< ... + if a backbench letter was published in the last 26 weeks
  double union_yes_b0 = 1.5;      ///< union delegates' yes log-odds ...
  double union_yes_intensity = 2.0;  ///< ... + x dispute intensity
  double other_yes_b0 = -1.0;     ///< other board members' yes log-odds ...
  double other_yes_letter = 1.5;  ///< ... + if a backbench letter was published
  double other_yes_dissatisfied = 3.0;  ///< ... + x share of the group dissatisfied
  int cooldown_weeks = 52;        ///< weeks before the same council can be referred again
  double urgency = 0.3;           ///< urgency of the resulting `investigate` item on the executive's agenda

  template <class V>
  void describe(V& v) {
    v.field("min_intensity", min_intensity, {0, 1});
    v.field("min_weeks", min_weeks, {0, 520});
    v.field("b0_motion", b0_motion, {-20, 20});
    v.field("b_militancy", b_militancy, {-20, 20});
    v.field("b_letter_motion", b_letter_motion, {-20, 20});
    v.field("union_yes_b0", union_yes_b0, {-20, 20});
    v.field("union_yes_intensity", union_yes_intensity, {-20, 20});
    v.field("other_yes_b0", other_yes_b0, {-20, 20});
    v.field("other_yes_letter", other_yes_letter, {-20, 20});
    v.field("other_yes_dissatisfied", other_yes_dissatisfied, {-20, 20});
    v.field("cooldown_weeks", cooldown_weeks, {0, 520});
    v.field("urgency", urgency, {0, 1});
  }
};

/// R10: group leadership challenge (Birmingham's leadership was later ousted).
struct r10_params {
  double trigger_share = 0.5;     ///< share of the group dissatisfied that triggers a challenge
  double c0 = 0.0;                ///< a councillor's log-odds of voting against the leader ...
  double c_satisfaction = 6.0;    ///< ... - x satisfaction
  int cooldown_weeks = 26;        ///< weeks between challenges in one group
  double new_confrontation = 0.5; ///< a new leader keeps this fraction of the old confrontation

  template <class V>
  void describe(V& v) {
    v.field("trigger_share", trigger_share, {0, 1});
    v.field("c0", c0, {-20, 20});
    v.field("c_satisfaction", c_satisfaction, {-50, 50});
    v.field("cooldown_weeks", cooldown_weeks, {0, 520});
    v.field("new_confrontation", new_confrontation, {0, 1});
  }
};

/// R16: bounded-confidence (Hegselmann-Krause) opinion dynamics inside a group.
struct r16_params {
  double epsilon = 0.15;  ///< confidence bound as a fraction of the axis width (0.25 = 0.5 on [-1, 1])
  double rate = 0.05;     ///< weekly fraction of the move towards the mean of the confidants (1 = classic HK)

  template <class V>
  void describe(V& v) {
    v.field("epsilon", epsilon, {0, 1});
    v.field("rate", rate, {0, 1});
  }
};

/// R1: dissatisfied councillors closer to the executive than their leader ask it to intervene (Haringey, 21).
struct r1_params {
  double request_threshold = 0.35; ///< share of the group needed to file a request
  double closer_by = 0.2;          ///< a requester is at least this much closer to the executive's median than the leader
  double urgency_base = 0.45;      ///< urgency of a request ...
  double urgency_share = 1.0;      ///< ... + x the share of the group behind it
  int cooldown_weeks = 26;         ///< weeks before the same group files again

  template <class V>
  void describe(V& v) {
    v.field("request_threshold", request_threshold, {0, 1});
    v.field("closer_by", closer_by, {0, 2});
    v.field("urgency_base", urgency_base, {0, 1});
    v.field("urgency_share", urgency_share, {0, 5});
    v.field("cooldown_weeks", cooldown_weeks, {0, 520});
  }
};

/// R3: the leader's response to pressure and intervention (Kober refused mediation and stood down).
struct r3_params {
  double w_support = 0.7;       ///< pressure from the share of the group dissatisfied
  double w_intervention = 0.3;  ///< pressure while the centre intervenes
  double w_deselection = 1.0;   ///< pressure from the share of the group deselected or withdrawn
  double w_election = 0.15;     ///< pressure from election proximity (0..1 over 26 weeks)
  double c0 = 1.0;              ///< log-odds of complying with an intervention ...
  double c_autonomy = -3.0;     ///< ... + x autonomy
  double c_resolve = -1.0;      ///< ... + x resolve
  int stand_down_at_election_weeks = 26;  ///< with an election this close, a leader stands down at it, not now
  int honeymoon_weeks = 13;     ///< a new leader is not pressured out in their first weeks

  template <class V>
  void describe(V& v) {
    v.field("honeymoon_weeks", honeymoon_weeks, {0, 520});
    v.field("w_support", w_support, {0, 10});
    v.field("w_intervention", w_intervention, {0, 10});
    v.field("w_deselection", w_deselection, {0, 10});
    v.field("w_election", w_election, {0, 10});
    v.field("c0", c0, {-20, 20});
    v.field("c_autonomy", c_autonomy, {-20, 20});
    v.field("c_resolve", c_resolve, {-20, 20});
    v.field("stand_down_at_election_weeks", stand_down_at_election_weeks, {0, 520});
  }
};

/// R4: other council leaders' protest letter after an intervention (70+ leaders over Haringey).
struct r4_params {
  double s0 = -4.0;             ///< a leader's signing log-odds ...
  double s_autonomy = 3.5;      ///< ... + x autonomy
  double s_distance = 1.5;      ///< ... + x distance from the executive's median
  double s_no_notice = 1.5;     ///< ... + when the group was given no notice
  double s_investigate = -2.0;  ///< ... + when the intervention is an investigation (a disciplinary matter)
  int letter_min = 20;          ///< signatories needed to publish
  double backlash_per_signatory = 0.02;  ///< backlash added per signatory of a published letter

  template <class V>
  void describe(V& v) {
    v.field("s0", s0, {-20, 20});
    v.field("s_autonomy", s_autonomy, {-20, 20});
    v.field("s_distance", s_distance, {-20, 20});
    v.field("s_no_notice", s_no_notice, {-20, 20});
    v.field("s_investigate", s_investigate, {-20, 20});
    v.field("letter_min", letter_min, {1, 100000});
    v.field("backlash_per_signatory", backlash_per_signatory, {0, 1});
  }
};

/// R5: reselection of sitting councillors by the ward's active members (Haringey deselections).
struct r5_params {
  int window_open_weeks_before = 34;   ///< the selection window opens this many weeks before an election ...
  int window_close_weeks_before = 18;  ///< ... and closes this many weeks before
  double t0 = -2.0;             ///< a member's turnout log-odds ...
  double t_activism = 4.0;      ///< ... + x activism
  double t_faction = 1.5;       ///< ... + for organised-faction members
  double v0 = 2.0;              ///< log-odds of voting for the sitting councillor ...
  double v_distance = 5.0;      ///< ... - x (distance to councillor - distance to challenger)
  double w0 = -2.5;             ///< log-odds of withdrawing before the ballot ...
  double w_expected = 10.0;     ///< ... + x (0.5 - expected vote share)
  double challenger_sd = 0.1;   ///< spread of a challenger's position around the ward's active members
  double unopposed_within = 0.1;///< a councillor this close to the challenger is reselected unopposed

  template <class V>
  void describe(V& v) {
    v.field("window_open_weeks_before", window_open_weeks_before, {0, 520});
    v.field("window_close_weeks_before", window_close_weeks_before, {0, 520});
    v.field("t0", t0, {-20, 20});
    v.field("t_activism", t_activism, {-20, 20});
    v.field("t_faction", t_faction, {-20, 20});
    v.field("v0", v0, {-20, 20});
    v.field("v_distance", v_distance, {-50, 50});
    v.field("w0", w0, {-20, 20});
    v.field("w_expected", w_expected, {-50, 50});
    v.field("challenger_sd", challenger_sd, {0, 1});
    v.field("unopposed_within", unopposed_within, {0, 2});
  }
};

/// R6: a central panel chooses the candidates (Leicester: 19 sitting councillors deselected).
struct r6_params {
  double division_threshold = 1.5; ///< a group's division index at which the centre takes over selections
  double d0 = -1.4;             ///< a sitting councillor's log-odds of deselection by the panel ...
  double d_distance = 2.5;      ///< ... + x distance from the executive's median
  double d_dissent = 0.5;       ///< ... + x record of dissent (letters, requests)
  double p_independent = 0.45;  ///< a deselected councillor stands as an independent with this probability

  template <class V>
  void describe(V& v) {
    v.field("division_threshold", division_threshold, {0, 10});
    v.field("d0", d0, {-20, 20});
    v.field("d_distance", d_distance, {-20, 20});
    v.field("d_dissent", d_dissent, {-20, 20});
    v.field("p_independent", p_independent, {0, 1});
  }
};

/// R11: coalition formation and the executive's sign-off (2023: a dozen deals refused).
struct r11_params {
  int deadline_weeks = 4;            ///< the executive must approve within this many weeks of the request
  double max_partner_distance = 0.8; ///< parties further apart than this never govern together
  double urgency = 0.85;             ///< urgency of a sign-off request (an emergency meeting)
  double a0 = 2.0;                   ///< an executive member's log-odds of approving ...
  double a_margin = 6.0;             ///< ... + x the coalition's majority margin (share of seats above half)
  double a_partners = 1.5;           ///< ... - per partner beyond the first
  double a_strength = 3.0;           ///< ... + x (the party's share of the coalition's seats - 0.5)
  double a_media = 3.0;              ///< ... - x media risk (general election proximity)
  double a_pact = 2.5;               ///< ... - when a pact allegation stands
  double a_central = 2.5;            ///< ... - x the member's centralism
  double d0 = -3.0;                  ///< a vetoed group's log-odds of defying the veto ...
  double d_autonomy = 2.0;           ///< ... + x the leader's autonomy

  template <class V>
  void describe(V& v) {
    v.field("deadline_weeks", deadline_weeks, {0, 52});
    v.field("max_partner_distance", max_partner_distance, {0, 2});
    v.field("urgency", urgency, {0, 1});
    v.field("a0", a0, {-20, 20});
    v.field("a_margin", a_margin, {-50, 50});
    v.field("a_partners", a_partners, {-20, 20});
    v.field("a_strength", a_strength, {-20, 20});
    v.field("a_media", a_media, {-20, 20});
    v.field("a_pact", a_pact, {-20, 20});
    v.field("a_central", a_central, {-20, 20});
    v.field("d0", d0, {-20, 20});
    v.field("d_autonomy", d_autonomy, {-20, 20});
  }
};

/// R12: an alleged unauthorised pact and the suspension of local activists (Hertsmere).
struct r12_params {
  double p_allegation = 0.15;  ///< chance of an allegation where the party and a would-be partner both gained seats
  double suspend_share = 0.03; ///< share of the area's active members suspended

  template <class V>
  void describe(V& v) {
    v.field("p_allegation", p_allegation, {0, 1});
    v.field("suspend_share", suspend_share, {0, 1});
  }
};

/// R14: members leave, and some join another party (a member of 20 years left for the Greens).
struct r14_params {
  double e0 = -6.8;            ///< a member's weekly log-odds of leaving ...
  double e_central = 0.6;      ///< ... + x central actions in the area (intervention stock + share suspended x 10)
  double e_distance = 1.5;     ///< ... + x distance from the executive's median
  double e_loyalty = 2.0;      ///< ... - x the member's loyalty
  double p_defect = 0.25;      ///< a leaver joins the party nearest them, if it is not this one

  template <class V>
  void describe(V& v) {
    v.field("e0", e0, {-30, 10});
    v.field("e_central", e_central, {-20, 20});
    v.field("e_distance", e_distance, {-20, 20});
    v.field("e_loyalty", e_loyalty, {-20, 20});
    v.field("p_defect", p_defect, {0, 1});
  }
};

/// R15: the flagship policy's course (the HDV was paused, then scrapped by the new cabinet).
struct r15_params {
  int purdah_weeks = 6;         ///< pre-election period with no final decisions
  int weeks_to_done = 104;      ///< weeks of pursuit after which the policy is carried out (if nothing blocks it)
  double scrap_distance = 0.5;  ///< a new leader at least this far from the policy scraps it

  template <class V>
  void describe(V& v) {
    v.field("purdah_weeks", purdah_weeks, {0, 52});
    v.field("weeks_to_done", weeks_to_done, {1, 5200});
    v.field("scrap_distance", scrap_distance, {0, 2});
  }
};

/// R13: elections. The ward geography is drawn at setup from `ward_sd`.
struct r13_params {
  double ward_sd = 0.08;             ///< spread of a party's ward-level vote share around its council baseline
  double noise_sd = 0.03;            ///< election-day noise on each party's ward share
  double candidate_sd = 0.05;        ///< relative spread of candidates' personal votes within a slate
  double incumbency_bonus = 0.12;    ///< relative extra vote of a sitting councillor standing again
  double division_penalty = 0.015;   ///< share lost per visible division (letter, challenge) in the last 52 weeks
  double intervention_penalty = 0.03;///< share lost per central intervention in the council in the last 52 weeks
  double protest_penalty = 0.01;     ///< share lost nationally per published protest letter in the last 52 weeks
  double suspension_penalty = 0.3;   ///< share lost x share of local members suspended
  double campaign_bonus = 0.1;       ///< share gained x (share of members active - 0.3)
  double independent_vote = 0.4;     ///< share of the party's ward vote a deselected councillor takes as an independent

  template <class V>
  void describe(V& v) {
    v.field("ward_sd", ward_sd, {0, 1});
    v.field("noise_sd", noise_sd, {0, 1});
    v.field("candidate_sd", candidate_sd, {0, 1});
    v.field("incumbency_bonus", incumbency_bonus, {0, 1});
    v.field("division_penalty", division_penalty, {0, 1});
    v.field("intervention_penalty", intervention_penalty, {0, 1});
    v.field("protest_penalty", protest_penalty, {0, 1});
    v.field("suspension_penalty", suspension_penalty, {0, 5});
    v.field("campaign_bonus", campaign_bonus, {0, 5});
    v.field("independent_vote", independent_vote, {0, 1});
  }
};

/// All coefficients, by rule id, as written under `rules:` in a scenario.
struct rule_params {
  satisfaction_params satisfaction;
  member_mood_params member_mood;
  r1_params R1;
  r2_params R2;
  r3_params R3;
  r4_params R4;
  r5_params R5;
  r6_params R6;
  r7_params R7;
  r8_params R8;
  r9_params R9;
  r10_params R10;
  r11_params R11;
  r12_params R12;
  r13_params R13;
  r14_params R14;
  r15_params R15;
  r16_params R16;

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
  }
};

}  // namespace partyline
