#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/r01_request.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief R1 Request to the centre (Haringey: 21 councillors asked the NEC to intervene).
#include "partyline/random.hpp"
#include "partyline/world/access.hpp"

namespace partyline {

/// Each dissatisfied councillor signs a request to the executive with a logistic probability (their grievance, the
/// support they expect at the centre -- how much closer to it they stand than their leader -- and the personal risk
/// of going over the leader's head, which loyalty raises); the organisers send it that week with a logistic
/// probability in the share of the group that signed, `sigma(send_slope (share - request_threshold))`: graded, no
/// share below which a request cannot go (a few councillors may write to the centre; a large bloc almost surely does).
/// A less sympathetic executive lowers the rate of requests instead of closing a gate.
struct request_to_centre {
  static constexpr stream id = stream::R1;
  static constexpr std::string_view key = "R1";

  struct params {
    double request_threshold = 0.45;
    double send_slope = 20.0;
    double s0 = -0.98;
    double s_grievance = 3.0;
    double s_support = 6.0;
    double s_loyalty = 2.0;
    double urgency_base = 0.45;
    double urgency_share = 1.0;
    double division_visibility = 1.0;
    int cooldown_weeks = 26;

    template <class V>
    void describe(V& v) {
      v.coef("request_threshold", request_threshold, {0, 1},
             "share of the group signed at which the organisers send the request in half the weeks (and a scripted request's "
             "default share)",
             "Haringey (21 of 48)");
      v.coef("send_slope", send_slope, {0, 200},
             "how sharply the weekly chance of sending rises with the share signed: sigma(send_slope (share - request_threshold))",
             "—");
      v.coef("s0", s0, {-20, 20}, "a dissatisfied councillor's log-odds of signing: intercept", "joint calibration (4 cases)");
      v.coef("s_grievance", s_grievance, {-20, 20}, "... + x how far their satisfaction is below the dissatisfaction line", "Haringey");
      v.coef("s_support", s_support, {-20, 20},
             "... + x the support they expect at the centre: the leader's distance from the executive's median minus theirs",
             "Haringey (a left group, a left NEC); Birmingham (dissent over disputes, not ideology: no request)");
      v.coef("s_loyalty", s_loyalty, {-20, 20}, "... - x loyalty (going over the leader's head is a personal risk)", "—");
      v.coef("urgency_base", urgency_base, {0, 1}, "urgency of a request of no size", "Haringey (emergency motion)");
      v.coef("urgency_share", urgency_share, {0, 5}, "urgency added per unit of the share behind it", "Haringey");
      v.coef("division_visibility", division_visibility, {0, 10},
             "visible division a filed request adds to the council's division stock (one public act counts 1; the stock decays, and R6 and R13 weigh it)",
             "Haringey (the letter to the NEC made the split public)");
      v.coef("cooldown_weeks", cooldown_weeks, {0, 520}, "weeks before the same group files again", "—");
    }
  };

  static constexpr access reads = concern::leadership | concern::centre | concern::derived | concern::councillor_seats |
                                  concern::councillor_positions | concern::councillor_mood | concern::councillor_traits |
                                  concern::national;
  static constexpr access writes = concern::councillor_dissent | concern::centre | concern::division | concern::outbox |
                                   concern::events;

  static void run(world& w, council_id council);
  /// The item it files: councillors' request that the centre act (remove the leader, special measures, advice on the
  /// policy or an investigation), decided by the body that decides requests.
  static const item_kind_def item;
};

}  // namespace partyline
