#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/independents.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief Independents: who stands against the party after losing its candidacy, and how many votes they carry
/// (Leicester 2023: deselected councillors stood as independents; local lists and personal votes in UK wards).
#include <cstdint>

#include "partyline/random.hpp"
#include "partyline/world/access.hpp"

namespace partyline {

/// Not a step of the week: the decision of a councillor (or a members' candidate) who is deselected, refused
/// endorsement or expelled whether to stand against the party (R5, R6, R18, R20), and their vote on the day (R13).
/// Their vote is their own following (a personal vote from every party's voters) plus a transfer from the party's
/// voters that rises with their support among its members and with how the central action was seen.
struct independent_candidacy {
  static constexpr std::string_view key = "independents";

  struct params {
    double following_mean = 0.1;
    double following_sd = 0.2;
    double s0 = -3.0;
    double s_support = 2.0;
    double s_following = 3.0;
    double s_grievance = 2.0;
    double s_loyalty = 2.0;
    double g_central = 0.4;
    double g_no_notice = 0.3;
    double g_against_members = 0.6;
    double g_allegation = 1.0;
    double v_following = 0.3;
    double v_support = 0.25;
    double v_grievance = 0.34;
    double transfer_max = 0.6;
    double v_stand_aside = 0.6;
    double refused_following = 0.1;
    double support_unmeasured = 0.5;
    double community_reach = 0.5;
    double k0 = -1.5;
    double k_distance = 4.0;

    template <class V>
    void describe(V& v) {
      v.coef("following_mean", following_mean, {0, 1},
             "a councillor's personal following in their ward (0..1), drawn when they take a seat: mean", "UK local elections (personal votes)");
      v.coef("following_sd", following_sd, {0, 1}, "... and spread (clamped to 0..1)", "—");
      v.coef("s0", s0, {-20, 20}, "log-odds that a councillor who loses the party's candidacy stands as an independent: intercept",
             "Leicester (some of the deselected stood)");
      v.coef("s_support", s_support, {-20, 20}, "... + x their support among the ward's members at selection", "Leicester");
      v.coef("s_following", s_following, {-20, 20}, "... + x their personal following", "—");
      v.coef("s_grievance", s_grievance, {-20, 20}, "... + x the grievance of the central action that removed them", "Leicester");
      v.coef("s_loyalty", s_loyalty, {-20, 20}, "... - x their loyalty to the party", "—");
      v.coef("g_central", g_central, {0, 1}, "grievance of a candidacy ended by the centre (central panel, refused endorsement, expulsion)",
             "Leicester (\"centralisation and disempowerment of local members\")");
      v.coef("g_no_notice", g_no_notice, {0, 1}, "... + if the centre's last action here came without notice", "Leicester");
      v.coef("g_against_members", g_against_members, {0, 1}, "... + x the members' support for the candidate the centre removed",
             "Leicester (sitting councillors the members would have kept)");
      v.coef("g_allegation", g_allegation, {0, 5},
             "... - x the severity (0..1) of the complaint or findings against the candidate themselves: removed over a "
             "grave allegation, they lose sympathy rather than gain it (grievance down to -1: fewer stand, fewer follow)",
             "issue 31 (asserted, not fitted: no shipped case has a candidate removed over misconduct)");
      v.coef("v_following", v_following, {0, 1},
             "an independent's personal vote: x their following, as a share of the ward's voters (from every party)", "—");
      v.coef("v_support", v_support, {0, 1}, "share of the party's voters who follow them: x their members' support", "Leicester");
      v.coef("v_grievance", v_grievance, {0, 1}, "... + x the grievance: sympathy for a candidate the centre removed", "joint calibration (4 cases); Leicester");
      v.coef("transfer_max", transfer_max, {0, 1}, "at most this share of the party's voters follows one independent", "—");
      v.coef("v_stand_aside", v_stand_aside, {0, 1},
             "where another party stands aside for an independent (a scenario fact, `mayor.stand_aside`, `stand_aside` in "
             "wards): the share of its "
             "voters who vote for them (the rest stay at home)",
             "issue 31 (asserted, not fitted: no shipped case has a party standing aside)");
      v.coef("refused_following", refused_following, {0, 1},
             "personal following of a members' candidate the centre refused (not yet a councillor)", "—");
      v.coef("support_unmeasured", support_unmeasured, {0, 1},
             "members' support assumed for someone no ballot measured (an expelled councillor never reselected, a mayor the "
             "centre dropped before any ballot)",
             "—");
      v.coef("community_reach", community_reach, {0, 1},
             "where the council states a community with close networks (`community`): the share of its voters who follow "
             "a candidate rooted in it, whatever the party -- a councillor is rooted with the community's `group_share`; "
             "it adds `community_reach x share / v_following` to their following, so `community_reach x share` of the "
             "area's voters to their personal vote and the same base to their decision to stand",
             "issue 31 (asserted, not fitted: half of a close community's voters; no shipped case but Tower Hamlets 2010, "
             "held out, states one)");
      v.coef("k0", k0, {-20, 20},
             "log-odds that a councillor of the party campaigns for someone who lost its candidacy for mayor and stands "
             "against its candidate: intercept; the rest is the standing decision's (+ s_support x the candidate's "
             "members' support + s_grievance x their grievance - s_loyalty x the councillor's own loyalty): campaigning "
             "is the same choice at a lower cost than standing (s0)",
             "issue 31 (asserted before any case was run: about four times the odds of standing; Tower Hamlets 2010 is "
             "the one case that bears on it and it is held out)");
      v.coef("k_distance", k_distance, {0, 50},
             "... - x the distance between the councillor and the candidate in the policy space: the candidate's camp "
             "campaigns, the rest of the group does not",
             "issue 31 (asserted: a group's spread is about 0.15, so an ally a spread apart is about half as likely)");
    }
  };

  /// The probability that someone who lost the party's candidacy stands against it.
  [[nodiscard]] static double stand_probability(const world& w, double support, double following, double grievance, double loyalty);
  /// Draws the personal following of someone taking a seat (counter `k` of the caller's keyed draw): their own, plus,
  /// if they are rooted in the area's community with close networks (`community`), that community's following.
  static void draw_following(world& w, councillor_id r, const community_def& community, const draw_stream& rng, std::uint64_t k);
  /// How the central action that ended a candidacy is seen, -1..1: the centre acted, without notice, against the
  /// members' choice (`support`: the members' backing for the candidate removed) -- 0 for the members' own decision --
  /// less the severity of the complaint or findings against the candidate themselves (`accused_severity`, 0..1: 0
  /// when none names them), which turns sympathy into its opposite: why the centre acted matters, not only that it did.
  [[nodiscard]] static float grievance(const world& w, const council_state& c, double support, bool by_centre,
                                       double accused_severity = 0.0);
  /// The severity of the complaint standing against councillor `r` in their council (0: none names them).
  [[nodiscard]] static double accused_severity(const world& w, const council_state& c, councillor_id r);
  /// The sitting councillor at `row` lost the party's candidacy: they decide whether to stand against it
  /// (counter `k`). Records their support and grievance for the vote; returns whether they stand.
  static bool consider_standing(world& w, councillor_id r, double support, float grievance,
                                const draw_stream& rng, std::uint64_t k);
  /// The same for the members' candidate the centre refused (their following: `refused_following`). One
  /// independent per seat: if they stand, a deselected councillor who meant to gives way.
  static bool consider_refused_choice(world& w, council_id council, councillor_id r, double support, float grievance,
                                      const draw_stream& rng, std::uint64_t k);

  /// An independent's vote in the ward: `personal` from every party's voters, `transfer` as a share of the
  /// party's voters.
  struct vote {
    double personal = 0, transfer = 0;
  };
  [[nodiscard]] static vote vote_of(const world& w, double following, double support, double grievance);
};

}  // namespace partyline
