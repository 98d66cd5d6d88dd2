#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/r03_leader_response.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief R3 Leader response (Kober refused mediation and stood down).
#include "partyline/random.hpp"
#include "partyline/world/access.hpp"

namespace partyline {

/// The leader responds to an intervention (comply or resist) and to pressure (stand down now or at the election).
struct leader_response {
  static constexpr stream id = stream::R3;
  static constexpr std::string_view key = "R3";

  struct params {
    double w_support = 0.7;
    double w_intervention = 0.3;
    double w_deselection = 1.0;
    double w_election = 0.15;
    int election_horizon_weeks = 26;
    double c0 = 1.0;
    double c_autonomy = -3.0;
    double c_resolve = -1.0;
    int stand_down_at_election_weeks = 26;
    int honeymoon_weeks = 13;

    template <class V>
    void describe(V& v) {
      v.coef("honeymoon_weeks", honeymoon_weeks, {0, 520}, "a new leader is not pressured out in their first weeks", "—");
      v.coef("w_support", w_support, {0, 10}, "pressure per share of the group dissatisfied", "Birmingham (Ward survived a letter of 23)");
      v.coef("w_intervention", w_intervention, {0, 10}, "pressure while the centre intervenes",
             "joint calibration (4 cases); Haringey (Kober stood down after the NEC motion)");
      v.coef("w_deselection", w_deselection, {0, 10}, "pressure per share of the group deselected or withdrawn",
             "Haringey (\"a swathe of councillors deselected\")");
      v.coef("w_election", w_election, {0, 10}, "pressure from an approaching election (0..1 over the horizon)", "Haringey (purdah)");
      v.coef("election_horizon_weeks", election_horizon_weeks, {1, 520},
             "weeks before an election over which its pressure rises from 0 to 1", "Haringey (the May election)");
      v.coef("c0", c0, {-20, 20}, "log-odds of complying with an intervention: intercept", "—");
      v.coef("c_autonomy", c_autonomy, {-20, 20}, "leaders who value local sovereignty resist", "Haringey (Kober refused mediation)");
      v.coef("c_resolve", c_resolve, {-20, 20}, "resolute leaders resist", "Haringey");
      v.coef("stand_down_at_election_weeks", stand_down_at_election_weeks, {0, 520},
             "with an election this close, a leader stands down at it rather than now", "Haringey (stood down in May)");
    }
  };

  static constexpr access reads = concern::leadership | concern::centre | concern::derived | concern::selections |
                                  concern::electoral | concern::policy | concern::councillor_seats |
                                  concern::councillor_positions | concern::national;
  static constexpr access writes = concern::leadership | concern::policy | concern::councillor_candidacy | concern::centre |
                                   concern::councillor_cabinet | concern::councillor_mood | concern::events;

  static void run(world& w, council_id council);
};

}  // namespace partyline
