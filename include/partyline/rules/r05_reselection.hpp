#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/r05_reselection.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief R5 Reselection by members (Haringey: a swathe of councillors deselected; "others quit").
#include <cstdint>
#include <string>

#include "partyline/random.hpp"
#include "partyline/world/access.hpp"

namespace partyline {

namespace detail {
struct place;  // rules/detail/common.hpp
}

/// In the selection window before an election, each sitting councillor whose seat is up goes to a ballot of their
/// ward's active members, or withdraws first. Under central selection (R6) the centre chooses instead. Where bodies
/// hold the selection stages (`institutions.bodies[].decides: [candidate_interview]`, `[candidate_list]`), only
/// applicants on the panel of candidates they approve stand: a Local Campaign Forum panel interviews, the regional
/// office approves the panel, each member by where they stand (panel_* below).
struct reselection {
  static constexpr stream id = stream::R5;
  static constexpr std::string_view key = "R5";

  struct params {
    int window_open_weeks_before = 34;
    int window_close_weeks_before = 18;
    double t0 = -2.0;
    double t_activism = 4.0;
    double t_faction = 1.5;
    double v0 = 2.0;
    double v_distance = 5.0;
    double w0 = -2.5;
    double w_expected = 10.0;
    double challenger_sd = 0.1;
    double faction_lead_share = 0.15;
    double unopposed_within = 0.1;
    double lead_slope = 40.0;
    double contest_slope = 40.0;
    double shortlist_width = 0.3;
    double panel_b0 = 7.0;
    double panel_distance = 2.0;
    double panel_dissent = 0.3;
    double panel_allegation = 8.0;
    int panel_applicants = 3;

    template <class V>
    void describe(V& v) {
      v.coef("window_open_weeks_before", window_open_weeks_before, {0, 520}, "the selection window opens this many weeks before an election",
             "Haringey (selections from autumn 2017)");
      v.coef("window_close_weeks_before", window_close_weeks_before, {0, 520}, "... and closes this many weeks before",
             "Haringey (\"17 by December 2017\")");
      v.coef("t0", t0, {-20, 20}, "a member's turnout log-odds: intercept", "—");
      v.coef("t_activism", t_activism, {-20, 20}, "... + x activism: active members turn out", "—");
      v.coef("t_faction", t_faction, {-20, 20}, "... + for organised-faction members", "Haringey (Momentum)");
      v.coef("v0", v0, {-20, 20}, "log-odds of voting for the sitting councillor: members' regard for incumbents",
             "joint calibration (4 cases); Haringey (17 of 48, not all)");
      v.coef("v_distance", v_distance, {-50, 50}, "... - x (distance to the councillor - distance to the challenger)", "—");
      v.coef("w0", w0, {-20, 20}, "log-odds of withdrawing before the ballot: intercept", "joint calibration (4 cases); Haringey (\"others quit\")");
      v.coef("w_expected", w_expected, {-50, 50}, "... + x (0.5 - expected vote share): councillors expecting to lose withdraw", "Haringey");
      v.coef("challenger_sd", challenger_sd, {0, 1}, "spread of a challenger's position around the ward's active members", "—");
      v.coef("faction_lead_share", faction_lead_share, {0, 1},
             "the organised faction picks the challenger in half the selections when it is this share of the ward's active members ...",
             "Haringey (Momentum-backed challengers)");
      v.coef("lead_slope", lead_slope, {0, 1000},
             "... with the chance sigma(lead_slope (faction share - faction_lead_share)): how sharply the faction's lead rises "
             "with its share (40: from 0.12 to 0.88 over 0.10 of the ward's members)",
             "— (issue 32: no switch)");
      v.coef("unopposed_within", unopposed_within, {0, 2},
             "a councillor this close to the challenger is reselected unopposed in half the selections ...", "—");
      v.coef("contest_slope", contest_slope, {0, 1000},
             "... with the chance of a contest sigma(contest_slope (distance - unopposed_within))", "— (issue 32: no switch)");
      v.coef("shortlist_width", shortlist_width, {0, 2},
             "where the centre (or a tier) shortlists candidates (executive.powers.shortlist_candidates, regions[].powers.shortlist_candidates), a challenger stands only from within this distance of its median on the first axis (the nearest shortlisted candidate to the one the members would put up)",
             "— (central vetting of candidates: approved lists)");
      v.coef("panel_b0", panel_b0, {-30, 30},
             "where a body holds a selection stage (candidate_interview: a Local Campaign Forum panel; candidate_list: the "
             "regional office), each of its members' log-odds of approving an applicant for the panel of candidates: intercept",
             "Rule Book ch. 5 (local government selections: an LCF panel interviews every applicant, sitting councillors "
             "included); set as R20's n0 with the sign turned (approval is the norm)");
      v.coef("panel_distance", panel_distance, {-20, 20},
             "... - x (distance from the applicant to the member) x the member's weight of evidence (R19): each body judges by "
             "where its own members stand",
             "Leicester 2023 (sitting councillors not approved); as R20's n_distance");
      v.coef("panel_dissent", panel_dissent, {-20, 20}, "... - x a sitting councillor's record of dissent (x the weight of evidence)",
             "as R20's n_dissent");
      v.coef("panel_allegation", panel_allegation, {-20, 20},
             "... - x the severity of an allegation standing against the applicant (x the weight of evidence)", "as R20's n_allegation");
      v.coef("panel_applicants", panel_applicants, {1, 20},
             "applicants a ward puts to the panel: the members' choice is the first the stages approve; with none approved, a "
             "sitting councillor approved is unopposed, else the regional office nominates",
             "— (LCF selection packs: applicants interviewed in one round)");
    }
  };

  static constexpr access reads = concern::electoral | concern::leadership | concern::selections | concern::centre |
                                  concern::derived | concern::division | concern::councillor_seats |
                                  concern::councillor_positions | concern::councillor_traits | concern::membership |
                                  concern::member_traits | concern::member_status | concern::wards |
                                  concern::councillor_dissent | concern::executive | concern::national;  // the panel's stages
  static constexpr access writes = concern::councillor_candidacy | concern::councillor_seats | concern::selections |
                                   concern::centre | concern::events;

  static void run(world& w, council_id council);

  /// (rules/detail/selection.hpp) Calls f(row, draws) for each councillor whose selection meeting falls this week (their week in the window is
  /// drawn once per election; a meeting drawn after the window closes is held in its last week).
  template <class F>
  static void for_each_meeting(world& w, council_id council, F&& f);

  /// A sitting councillor is not the party's candidate again: deselected (by members or the centre) or withdrawn.
  /// `support`: their share of the ward's members' votes (cast, or expected); a deselected councillor then decides
  /// whether to stand as an independent (independents.hpp). `value` (of `of`, 0: no whole) is the event's number.
  static void deselect(world& w, council_id council, councillor_id r, selection_state how, double replacement, double support,
                       const draw_stream& rng, std::string detail, int value, int of = 0);
  /// An active member's probability of voting in a selection ballot (their activism, the organised faction).
  [[nodiscard]] static double turnout(const world& w, const council_state& c, member_id member);
  /// The share of the ward's active members' votes a candidate at `x` can expect against one at `other` (the
  /// ballot's turnout and support, without its draws).
  [[nodiscard]] static double expected_support(const world& w, const council_state& c, std::uint16_t ward, const detail::place& x,
                                               const detail::place& other);
};

}  // namespace partyline
