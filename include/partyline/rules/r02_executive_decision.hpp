#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/r02_executive_decision.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief R2 Decisions of the party's bodies (Haringey: emergency motion advising a pause, passed without notice to the
/// group).
#include <span>
#include <vector>

#include "partyline/random.hpp"
#include "partyline/world/access.hpp"

namespace partyline {

/// The bodies' agendas, meetings and votes (the generic meeting), and the executive's own steps against a group.
/// Each body (`institutions.bodies`) takes the items routed to it: at a meeting (ordinary, or an emergency one for an
/// urgent item) up to its capacity, most urgent first; its members vote on the motions the item's kind opens, most
/// severe first, and the body's majority rule decides. Decisions are published; each council applies those about it
/// in the apply phase. A body that delegates an item kind lets the delegate decide such items between its meetings.
/// The vote on a step against a council (advice, an investigation, special measures, ...) is R2's: each member's
/// log-odds below.
struct executive_decision {
  static constexpr stream id = stream::R2;
  static constexpr std::string_view key = "R2";

  struct params {
    double b0 = -0.5;
    double b_central = 2.1;
    double b_align = 2.5;
    double b_strength = 2.0;
    double b_backlash = 2.0;
    double b_media = 1.0;
    double b_union = 1.0;
    double cost_investigate = 0.0;
    double cost_advise_pause = 0.0;
    double cost_special_measures = 4.0;
    double cost_remove_leader = 5.0;
    double cost_take_over_selections = 2.6;
    double cost_warning = 0.0;
    double action_visibility = 1.0;
    double cost_suspend_individuals = 3.0;
    double cost_suspend_local_party = 3.5;
    double cost_charges = 3.0;
    double notice0 = 1.5;
    double notice_urgency = 3.0;
    double notice_centralism = 4.0;
    double defer_margin = 0.4;
    int max_defers = 2;
    double b_local_gov = -1.0;
    double backlash_discipline = 0.2;
    int max_wait_weeks = 52;

    template <class V>
    void describe(V& v) {
      v.coef("b0", b0, {-20, 20}, "intercept of a member's yes log-odds", "—");
      v.coef("b_central", b_central, {-20, 20}, "+ x the member's centralism", "joint calibration (4 cases); Haringey, 2023");
      v.coef("b_align", b_align, {-20, 20},
             "+ x alignment: distance to the leader minus distance to the requesters (on taking over selections: distance to "
             "the local members, who would otherwise choose, minus distance to the leader)",
             "Haringey (left NEC, left requesters)");
      v.coef("b_strength", b_strength, {-20, 20}, "+ x the share of the group (or board) behind the item", "Haringey (21 councillors)");
      v.coef("b_backlash", b_backlash, {-20, 20}, "- x the executive's backlash (precedent cuts both ways)", "Haringey (70+ leaders' letter)");
      v.coef("b_media", b_media, {-20, 20}, "- x media risk (general election proximity)", "2023 (\"coalitions of chaos\")");
      v.coef("b_union", b_union, {-20, 20}, "+ for union-section members on a union's referral", "Birmingham (Unison motion)");
      v.coef("cost_investigate", cost_investigate, {-20, 20}, "- severity cost of voting to investigate", "Birmingham");
      v.coef("cost_advise_pause", cost_advise_pause, {-20, 20}, "- severity cost of advising a pause (with mediation)",
             "Haringey (\"unanimously agreed\")");
      v.coef("cost_special_measures", cost_special_measures, {-20, 20}, "- severity cost of special measures",
             "Haringey (not used), Leicester (selections taken over)");
      v.coef("cost_remove_leader", cost_remove_leader, {-20, 20}, "- severity cost of removing a leader",
             "Birmingham (the NEC later ousted a leader)");
      v.coef("cost_take_over_selections", cost_take_over_selections, {-20, 20},
             "- severity cost of taking over the group's selections (a central panel chooses its candidates)",
             "joint calibration (4 cases); Leicester (the selections board)");
      v.coef("cost_warning", cost_warning, {-20, 20}, "- severity cost of a warning on findings (R18)", "Rule Book ch. 6");
      v.coef("action_visibility", action_visibility, {0, 10},
             "a step the centre takes against a group (and a scripted takeover) adds this to the area's intervention stock, which decays and which R13, R14 and R19 weigh (one action counts 1)",
             "Haringey, Leicester (a central step is visible locally)");
      v.coef("cost_suspend_individuals", cost_suspend_individuals, {-20, 20},
             "- severity cost of administratively suspending individuals (R18)", "Rule Book ch. 6; Hertsmere (suspensions)");
      v.coef("cost_suspend_local_party", cost_suspend_local_party, {-20, 20},
             "- severity cost of suspending the local party as a sanction on findings (R18); pending an inquiry into "
             "the unit's own conduct it costs cost_suspend_individuals, as interim suspension does",
             "Rule Book ch. 1 cl. VIII (a unit), ch. 6 (proportionality)");
      v.coef("cost_charges", cost_charges, {-20, 20}, "- severity cost of bringing charges that can end in expulsion (R18)",
             "Rule Book ch. 6");
      v.coef("notice0", notice0, {-30, 30}, "log-odds that the group is given notice of an item: intercept", "—");
      v.coef("notice_urgency", notice_urgency, {-20, 20}, "... - x the item's urgency (an emergency motion leaves no time)",
             "Haringey (\"no advance notice was given\")");
      v.coef("notice_centralism", notice_centralism, {-20, 20}, "... - x (the executive's mean centralism - 0.5)", "—");
      v.coef("defer_margin", defer_margin, {0, 1}, "a failed vote with at least this share in favour is deferred, not dismissed", "—");
      v.coef("max_defers", max_defers, {0, 20}, "deferrals before an item is dismissed", "—");
      v.coef("backlash_discipline", backlash_discipline, {0, 1},
             "on a disciplinary item (an allegation against a councillor, an investigation's findings) the backlash weighs only "
             "this share of b_backlash: the Rule Book's disciplinary procedure, not a political intervention, and other leaders "
             "do not protest it (R4)",
             "Rule Book ch. 6");
      v.coef("max_wait_weeks", max_wait_weeks, {1, 520},
             "an item no body has decided after this many weeks lapses (event item_lapsed, column items_lapsed); an item "
             "with a deadline of its own (a coalition deal) lapses at its deadline",
             "— (issue 30: no item waits unreported)");
      v.coef("b_local_gov", b_local_gov, {-20, 20}, "+ for local-government-section members (they guard group sovereignty)",
             "Haringey (Labour Local Government letter)");
    }
  };

  /// The executive's steps against a group that are R2's own (the others are R6's and R18's), and the answers every
  /// council item can get.
  static const motion_def dismiss, defer, advise_pause, special_measures, remove_leader;
  /// What is recorded of an item no body decided in time (a kind may declare its own).
  static const motion_def lapsed;

  /// The vote on a step against a council, shared by the kinds of item that ask for one (R1, R9, R17, R18): each
  /// member's log-odds of voting for `motion`.
  static void council_action_logits(const world& w, const agenda_item& item, const motion_def& motion,
                                    std::span<const executive_member> members, std::span<double> out);
  /// Their draws' counter: the motion and how often the item was deferred.
  static std::uint64_t council_action_counter(const agenda_item& item, const motion_def& motion);
  /// Apply phase for those kinds: the item leaves the council's pending items (unless deferred); a dismissed
  /// allegation lapses; a step the centre takes counts as a central action and does what its motion does.
  static void apply_council_action(world& w, council_id council, const decision& d);

  /// Whether `yes` of `of` carries a motion under a body's majority rule.
  [[nodiscard]] static bool carried(majority_rule rule, int yes, int of);

  /// Who sits on body `b` this week (its members as they vote): the executive's seats on it, its own members, or the
  /// staff official. Used beyond the meetings by a panel that acts in a council (R10's appointments).
  static void members_of(const world& w, std::size_t b, std::vector<executive_member>& out);

  /// Central phase: the week's filings join their bodies' agendas; each body that sits decides items.
  static constexpr access central_reads = concern::outbox | concern::executive | concern::national | concern::leadership |
                                          concern::policy | concern::derived | concern::division | concern::electoral |
                                          concern::coalition | concern::councillor_positions | concern::centre |
                                          concern::selections | concern::membership;
  static constexpr access central_writes = concern::executive | concern::outbox | concern::events;
  static void meet(world& w);

  /// Apply phase: the council applies the decisions published about it (R11's sign-offs included).
  static constexpr access reads = whole_council | concern::executive | concern::national;  // R18's sanctions included
  static constexpr access writes = concern::centre | concern::leadership | concern::councillor_cabinet |
                                   concern::councillor_mood | concern::policy | concern::coalition | concern::electoral |
                                   concern::councillor_seats | concern::councillor_candidacy | concern::selections |
                                   concern::member_status | concern::membership |  // R18's sanctions on members
                                   concern::outbox | concern::events;  // an expelled councillor may stand (R18's hearing)
  static void apply(world& w, council_id council);
};

}  // namespace partyline
