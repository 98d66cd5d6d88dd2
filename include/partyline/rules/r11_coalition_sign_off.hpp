#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/r11_coalition_sign_off.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief R11 Coalition sign-off (2023: the NEC refused a dozen coalition deals; Cherwell stayed Conservative).
#include "partyline/random.hpp"
#include "partyline/world/access.hpp"

namespace partyline {

/// After a count with no majority, the winning coalitions are tried in order; one that includes the party needs the
/// executive's approval within a deadline (or the group goes ahead without asking). A vetoed group defies (its
/// councillors are suspended) or stays out; failing all, the largest party governs as a minority. A deal in office
/// without sign-off, or across a national line, is looked at after the fact: the executive lets it stand or orders
/// the group to withdraw, and the group complies (the administration falls) or defies. Whether a group defies
/// weighs the office and policy it would lose against the sanctions it expects.
struct coalition_sign_off {
  static constexpr stream id = stream::R11;
  static constexpr std::string_view key = "R11";

  struct params {
    int deadline_weeks = 4;
    double max_partner_distance = 0.8;
    int connected = 0;
    double support_influence = 0.5;
    double a_support = 1.0;
    double urgency = 0.85;
    double a0 = 2.0;
    double a_margin = 6.0;
    double a_partners = 1.5;
    double a_strength = 3.0;
    double a_media = 3.0;
    double a_pact = 2.5;
    double a_central = 2.5;
    double a_line = 8.0;
    double a_distance = 1.0;
    double a_in_office = 1.0;
    double office_lead = 0.5;
    double partner_policy = 1.0;
    double q0 = 4.0;
    double q_utility = 8.0;
    double d0 = -3.5;
    double d_autonomy = 2.0;
    double d_office = 1.5;
    double office_term_weeks = 208;
    double d_policy = 1.0;
    double d_sanction = 2.0;
    double sanction_charges = 0.5;
    double sanction_line = 1.0;
    double veto_visibility = 1.0;
    double reversal_visibility = 1.0;
    double breach_severity = 0.5;
    double k0 = -6.0;
    double publicity_veto = 0.5;
    double publicity_reversal = 1.0;

    template <class V>
    void describe(V& v) {
      v.coef("deadline_weeks", deadline_weeks, {0, 52}, "the executive must approve within this many weeks of the request",
             "2023 (deals awaited NEC approval)");
      v.coef("max_partner_distance", max_partner_distance, {0, 2}, "parties further apart than this never govern together", "—");
      v.coef("connected", connected, {0, 1},
             "1: a coalition must be connected on the axis (no party with seats between two of its members; Axelrod's minimal connected winning); 0: any minimal winning coalition within max_partner_distance",
             "— (issue 16: connectedness only where a scenario asks for it)");
      v.coef("support_influence", support_influence, {0, 1},
             "a party sustaining a minority from outside (confidence and supply) weighs this much, per seat, in the policy the arrangement makes (a governing party: 1)",
             "— (confidence-and-supply agreements trade votes for policy)");
      v.coef("urgency", urgency, {0, 1}, "urgency of a sign-off request (an emergency meeting)", "2023");
      v.coef("a0", a0, {-20, 20}, "an executive member's log-odds of approving: intercept", "2023 (a dozen refused, others approved)");
      v.coef("a_margin", a_margin, {-50, 50}, "... + x the coalition's majority margin (share of seats above half)", "2023");
      v.coef("a_partners", a_partners, {-20, 20}, "... - per partner beyond the first: broad deals are refused more", "2023 (Lewes, Canterbury)");
      v.coef("a_strength", a_strength, {-20, 20}, "... + x (the party's share of the coalition's seats - 0.5)", "2023 (Labour-led deals)");
      v.coef("a_media", a_media, {-20, 20}, "... - x media risk (general election proximity)", "2023 (\"coalitions of chaos\")");
      v.coef("a_pact", a_pact, {-20, 20}, "... - when a pact allegation stands", "Hertsmere");
      v.coef("a_central", a_central, {-20, 20}, "... - x the member's centralism", "2023");
      v.coef("a_line", a_line, {0, 50}, "... - when a partner is across the party's national cooperation lines (executive.cooperation_lines): refused almost surely (groups do not ask for such deals; this weighs one already in office, after the fact)",
             "national \"no deals\" lines (issue 16)");
      v.coef("a_distance", a_distance, {0, 20},
             "... - x the distance between the member and the partners (their seat-weighted mean position)",
             "2023 (deals with parties far from the executive are the ones refused)");
      v.coef("a_in_office", a_in_office, {-20, 20},
             "... + when the deal already governs (a fait accompli: undoing it costs the party office)", "—");
      v.coef("office_lead", office_lead, {0, 1},
             "a party's office payoff from a deal: this weight if it leads (has the most seats), plus the rest x its share of the deal's seats (its cabinet places)",
             "—");
      v.coef("partner_policy", partner_policy, {0, 20},
             "a party's utility from an administration: its office payoff - this x its distance from the administration's seat-weighted position; parties rank options by it",
             "— (office and policy payoffs, issue 16)");
      v.coef("q0", q0, {-20, 20}, "a partner's log-odds of accepting an offer: intercept", "2023 (the partners agreed the deals put to the NEC)");
      v.coef("q_utility", q_utility, {0, 50}, "... + x its gain from the offer: its utility in the deal less its utility in the administration formed without it", "behavioural (office against opposition, as R11 defiance)");
      v.coef("a_support", a_support, {-20, 20},
             "... + for a minority sustained from outside (confidence and supply) rather than a coalition: a looser tie, easier to sign off",
             "— (the centre's lines weigh a formal coalition most; 2023: no formal deals)");
      v.coef("d0", d0, {-20, 20}, "a vetoed (or ordered) group's log-odds of defying the executive: intercept", "2023 (few defied)");
      v.coef("d_autonomy", d_autonomy, {-20, 20}, "... + x the leader's autonomy", "—");
      v.coef("d_office", d_office, {-20, 20},
             "... + x the office the group loses by complying (its office payoff in the deal minus in the administration that forms without it)",
             "2023 (deals that made Labour the leading party)");
      v.coef("office_term_weeks", office_term_weeks, {1, 520},
             "the office lost is weighed by the share of a term of this many weeks it would run before the council's next election (at most 1): a deal that governs for a year before the next count (a council electing by thirds) is worth a quarter of one that governs four",
             "— (a four-year term; English councils electing all out, by halves or by thirds)");
      v.coef("d_policy", d_policy, {-20, 20},
             "... + x the policy it gains by the deal (the leader's distance from the alternative administration minus from the deal)", "—");
      v.coef("d_sanction", d_sanction, {-20, 20},
             "... - x the sanction it expects: the signing body's centralism where it can suspend, + sanction_charges x the executive's centralism where charges follow, + sanction_line across a national cooperation line", "2023 (suspensions of those who defied)");
      v.coef("sanction_line", sanction_line, {0, 10},
             "what crossing a national cooperation line (executive.cooperation_lines) adds to the sanction a group expects for a deal: "
             "a line the party has drawn nationally is enforced whoever signs off",
             "2023 (the NEC's refusals of deals with parties across its lines, seeds); one sanction unit, as a fully centralist "
             "signing body's");
      v.coef("veto_visibility", veto_visibility, {0, 10}, "a refused deal adds this to the area's intervention stock (as R2's action_visibility)",
             "2023 (vetoes reported locally)");
      v.coef("reversal_visibility", reversal_visibility, {0, 10},
             "an order to withdraw from a deal adds this to the area's intervention stock (as R2's action_visibility)", "2023");
      v.coef("sanction_charges", sanction_charges, {0, 5},
             "what the executive's disciplinary process (charges, which can end in expulsion, R18) adds to the sanction a group expects for defying it, x the executive's centralism, where the executive signs off and holds `powers.charges`",
             "Rule Book ch. 2 and 6 (breach of the party's rules; expulsion by the disciplinary panel)");
      v.coef("breach_severity", breach_severity, {0, 1},
             "the severity of the findings put to the executive when a group defies it (R18's item: the executive may bring charges, and the disciplinary hearing may expel the suspended councillors; or suspend, or warn)",
             "— (a public breach of the rules: established, weighed as middling findings)");
      v.coef("publicity_veto", publicity_veto, {0, 5},
             "how public a veto the group accepts is: its cost to the leader (centre.override_cost, read by satisfaction's w_blame) is this x the office the group gives up",
             "— (a deal refused before it governs: reported, but nothing falls)");
      v.coef("publicity_reversal", publicity_reversal, {0, 5},
             "... and an order to withdraw that the group obeys: this x the office given up (an administration falls in public)",
             "2023 (reversals after the fact)");
      v.coef("k0", k0, {-20, 20},
             "a group's log-odds of joining an administration without asking for sign-off: intercept (the defiance terms above are added)",
             "— (asking is the norm)");
    }
  };

  /// Local phase: a council hung at the count forms its administration at week 0; sign-off deadlines lapse.
  static constexpr access reads = concern::coalition | concern::electoral | concern::leadership | concern::councillor_seats |
                                  concern::councillor_positions | concern::member_status | concern::membership | concern::member_traits |
                                  concern::national;
  static constexpr access writes = concern::coalition | concern::electoral | concern::centre | concern::leadership |
                                   concern::councillor_seats | concern::councillor_cabinet | concern::member_status |
                                   concern::membership | concern::outbox | concern::events;
  static void run(world& w, council_id council);

  /// After a count without a majority: the options, then the first of them.
  static void start_formation(world& w, council_id council);
  /// On a count (a hook, schedule::on_count): a council with no majority and no mayor forms its administration.
  static void on_count(world& w, council_id council);
  /// Setup (a hook, schedule::setup): the administration the scenario gives -- none for a hung council (it forms at
  /// the count before the run), a deal negotiated before the run, a deal made without sign-off or across a national
  /// line (looked at in week 0).
  static void setup(world& w, council_id council);
  /// The item it files: a deal put to the body that signs off the council's deals (`institutions`: Labour's NEC, a
  /// region's tier); a body approves it or, without a majority for it, refuses.
  static const item_kind_def item;
  static const motion_def approve, refuse, lapsed;
  /// Apply phase: approval forms the administration; refusal means defiance or the next option.
  static void apply(world& w, council_id council, const decision& d);
  /// A body of the council's region that signs off its deals in place of the national one
  /// (`institutions.bodies[].region`, or `regions[].powers.coalition_sign_off`), or -1.
  [[nodiscard]] static int regional_signer(const scenario& s, council_id ci);
  /// Whether the council's deals need anybody's sign-off: its tier's, or the executive's (`executive.powers`).
  [[nodiscard]] static bool sign_off_needed(const scenario& s, council_id ci);
  /// Whether a deal includes a party across the party's national cooperation lines (executive.cooperation_lines).
  [[nodiscard]] static bool crosses_lines(const scenario& s, std::uint32_t mask);
  [[nodiscard]] static bool crosses_lines(const world& w, std::uint32_t mask) { return crosses_lines(*w.scen, mask); }
  /// Whether two parties would govern together (close enough on the axis, neither refusing the other).
  [[nodiscard]] static bool will_govern_together(const world& w, std::size_t a, std::size_t b);
};

}  // namespace partyline
