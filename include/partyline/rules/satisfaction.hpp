#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/satisfaction.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief Councillors' satisfaction with their group's leadership (the mood R1, R3, R7, R9 and R10 read).
#include "partyline/random.hpp"
#include "partyline/world/access.hpp"

namespace partyline {

/// Each week every group councillor's satisfaction moves towards a target set by distance from the leader, the
/// flagship policy, disputes, the cabinet and central intervention; the group's counts are derived from it.
struct councillor_satisfaction {
  static constexpr stream id = stream::satisfaction;
  static constexpr std::string_view key = "satisfaction";

  struct params {
    double base = 0.35;
    double w_loyalty = 0.4;
    double w_distance = 0.7;
    double w_policy = 0.8;
    double w_dispute = 1.1;
    double w_confrontation = 0.5;
    double w_cabinet = 0.4;
    double w_intervention = 0.15;
    double w_blame = 2.0;
    double rate = 0.08;
    double noise_sd = 0.03;
    double dissatisfied_below = -0.1;

    template <class V>
    void describe(V& v) {
      v.coef("base", base, {-1, 1}, "target satisfaction of an average councillor with nothing wrong", "—");
      v.coef("w_loyalty", w_loyalty, {0, 5}, "+ per unit of loyalty above 0.5", "—");
      v.coef("w_distance", w_distance, {0, 5}, "- per unit of distance from the leader's position",
             "Haringey (left councillors against a centrist leader)");
      v.coef("w_policy", w_policy, {0, 5}, "- x salience x distance from the flagship policy while it is pursued", "Haringey (HDV)");
      v.coef("w_dispute", w_dispute, {0, 5}, "- x union ties x the worst active dispute's intensity", "joint calibration (4 cases); Birmingham (letter over the disputes)");
      v.coef("w_confrontation", w_confrontation, {0, 5}, "- x union ties x the leadership's confrontation while a dispute runs",
             "Birmingham (\"reset the relationship with the workforce\")");
      v.coef("w_cabinet", w_cabinet, {0, 5}, "+ for cabinet members", "Birmingham (the letter came from backbenchers)");
      v.coef("w_intervention", w_intervention, {0, 5}, "- while the centre intervenes in the group", "Haringey");
      v.coef("w_blame", w_blame, {0, 20},
             "- x the cost of the centre's overrides of the group's deals (centre.override_cost: office lost x publicity, R11) x the councillor's distance from the leader: those who did not share the leader's course blame the leader for the humiliation, those who did rally",
             "behavioural (blame attribution in divided groups: issue 31); the 2023 vetoes and reversals");
      v.coef("rate", rate, {0, 1}, "weekly speed of adjustment towards the target (half-way in about 8 weeks)", "—");
      v.coef("noise_sd", noise_sd, {0, 1}, "weekly idiosyncratic shock", "—");
      v.coef("dissatisfied_below", dissatisfied_below, {-1, 1}, "satisfaction under which a councillor counts as dissatisfied (R1, R7, R9, R10)", "—");
    }
  };

  static constexpr access reads = concern::leadership | concern::policy | concern::derived | concern::centre |
                                  concern::councillor_seats | concern::councillor_positions | concern::councillor_traits |
                                  concern::councillor_cabinet | concern::councillor_mood;
  static constexpr access writes = concern::councillor_mood | concern::derived;

  static void run(world& w, council_id council);
};

}  // namespace partyline
