#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/r20_endorsement.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief R20 Endorsement of candidates (Labour Rule Book ch. 5: candidates selected by local parties must be
/// endorsed by the NEC, which may refuse or withdraw endorsement and impose a candidate; Leicester, where members'
/// choices were overridden).
#include <cstdint>

#include "partyline/random.hpp"
#include "partyline/world/access.hpp"

namespace partyline {

namespace detail {
struct candidate_panel;  // rules/detail/common.hpp
struct place;
}

/// Each week until nominations close, the executive's panel looks once at every candidate the members have chosen
/// (a reselected councillor, or the replacement of one deselected or withdrawn), and again at an endorsed
/// candidate when an allegation is made against them. It refuses with a logistic probability that rises with the
/// candidate's distance from the executive, their record of dissent and any allegation, weighed as the executive's
/// officers weigh evidence (R19: a centralising executive refuses more). While the selection window is open the
/// members choose again; after it, the centre imposes its own candidate. A refused candidate may stand as an
/// independent (independents.hpp). A group whose selections the centre runs (R6) needs no endorsement.
struct endorsement {
  static constexpr stream id = rule_stream(20);
  static constexpr std::string_view key = "R20";

  struct params {
    double n0 = -7.0;
    double n_distance = 2.0;
    double n_dissent = 0.3;
    double n_allegation = 8.0;
    int nominations_close_weeks_before = 4;

    template <class V>
    void describe(V& v) {
      v.coef("n0", n0, {-30, 20}, "the panel's log-odds of refusing a members' candidate: intercept",
             "Rule Book ch. 5 (endorsement is the norm; refusals are few)");
      v.coef("n_distance", n_distance, {-20, 20},
             "... + x (distance of the candidate from the executive's median) x the executive's weight of evidence (R19)",
             "Leicester (members' choices overridden)");
      v.coef("n_dissent", n_dissent, {-20, 20}, "... + x a sitting councillor's record of dissent (letters and requests signed)", "Leicester");
      v.coef("n_allegation", n_allegation, {-20, 20}, "... + x the severity of an allegation standing against the candidate",
             "Rule Book ch. 5-6 (endorsement withdrawn after an allegation)");
      v.coef("nominations_close_weeks_before", nominations_close_weeks_before, {0, 52},
             "nominations close this many weeks before polling day: the last week the centre can refuse or impose",
             "UK local elections (about 19 working days)");
    }
  };

  static constexpr access reads = concern::electoral | concern::leadership | concern::selections | concern::centre |
                                  concern::councillor_seats | concern::councillor_positions | concern::councillor_dissent |
                                  concern::councillor_traits | concern::member_traits | concern::member_status |
                                  concern::membership | concern::wards | concern::national;
  // leadership, councillor_cabinet: a leader excluded at the close of nominations is replaced
  static constexpr access writes = concern::councillor_candidacy | concern::councillor_seats | concern::selections |
                                   concern::centre | concern::leadership | concern::councillor_cabinet | concern::events;

  static void run(world& w, council_id council);

  /// A panel's (detail::panel_of: the executive's, or a council's tier's) probability of refusing a candidate at
  /// `position` with this record of dissent and allegation.
  [[nodiscard]] static double p_refuse(const world& w, const detail::candidate_panel& panel, const detail::place& candidate,
                                       int dissent, double allegation);
};

}  // namespace partyline
