#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/r13_elections.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief R13 Elections (Leicester: Labour lost 22 seats after the deselections; Haringey 48 -> 42).
#include <array>
#include <cstdint>

#include "partyline/random.hpp"
#include "partyline/world/access.hpp"

namespace partyline {

/// Ward vote shares (baseline + swing + noise, minus penalties for visible division, intervention, protest and
/// suspensions, plus campaigning), candidates' personal votes, first past the post in multi-member wards; then
/// control, a new leader if the old one went, and the administration (R11).
struct elections {
  static constexpr stream id = stream::R13;
  static constexpr std::string_view key = "R13";

  struct params {
    double ward_sd = 0.08;
    double split_ward_gap = 0.01;
    double noise_sd = 0.03;
    double candidate_sd = 0.05;
    double candidate_position_sd = 0.1;
    double incumbency_bonus = 0.12;
    double division_penalty = 0.015;
    double intervention_penalty = 0.03;
    double protest_penalty = 0.01;
    double suspension_penalty = 0.3;
    double campaign_bonus = 0.1;
    double campaign_baseline = 0.3;
    double slate_floor = 0.1;
    double union_ties_strong_min = 0.6;
    double union_ties_strong_span = 0.4;
    double union_ties_weak_max = 0.25;
    int results_cycle_weeks = 209;

    template <class V>
    void describe(V& v) {
      v.coef("ward_sd", ward_sd, {0, 1}, "spread of a party's ward-level vote share around its council baseline (drawn at setup)", "—");
      v.coef("split_ward_gap", split_ward_gap, {0, 1},
             "a listed ward whose seats several parties hold is a marginal one: each co-holder's baseline share is at least the "
             "leading holder's less this for each seat fewer it holds (so the ward can split again, as it did)",
             "England 2018 (1,311 of 7,412 wards split; without it the minority's seats all fell to the ward's leader)");
      v.coef("noise_sd", noise_sd, {0, 1}, "election-day noise on each party's ward share", "—");
      v.coef("candidate_sd", candidate_sd, {0, 1}, "relative spread of candidates' personal votes within a slate", "—");
      v.coef("candidate_position_sd", candidate_position_sd, {0, 1},
             "spread of a new candidate's (and another party's councillor's) position around their party's or selectors' position", "—");
      v.coef("incumbency_bonus", incumbency_bonus, {0, 1}, "relative extra vote of a sitting councillor standing again", "joint calibration (4 cases); UK local elections");
      v.coef("division_penalty", division_penalty, {0, 1}, "share lost per unit of visible-division stock (letters, challenges, requests)",
             "Haringey, Birmingham");
      v.coef("intervention_penalty", intervention_penalty, {0, 1}, "share lost per unit of intervention stock in the council",
             "Leicester (the board's deselections)");
      v.coef("protest_penalty", protest_penalty, {0, 1}, "share lost nationally per unit of protest-letter stock", "Haringey");
      v.coef("suspension_penalty", suspension_penalty, {0, 5}, "share lost x share of local members suspended", "Hertsmere");
      v.coef("campaign_bonus", campaign_bonus, {0, 5}, "share gained x (share of members active - campaign_baseline)", "—");
      v.coef("campaign_baseline", campaign_baseline, {0, 1}, "share of members active at which campaigning neither gains nor loses", "—");
      v.coef("slate_floor", slate_floor, {0, 1},
             "least share of its ward vote a slate keeps however many independents take votes from it", "—");
      v.coef("union_ties_strong_min", union_ties_strong_min, {0, 1},
             "a councillor with strong union ties has ties drawn uniformly from this ...", "Birmingham");
      v.coef("union_ties_strong_span", union_ties_strong_span, {0, 1}, "... to this much above it", "Birmingham");
      v.coef("union_ties_weak_max", union_ties_weak_max, {0, 1}, "other councillors' ties are drawn uniformly below this", "—");
      v.coef("results_cycle_weeks", results_cycle_weeks, {1, 1040},
             "the electoral cycle over which a group's results at the polls are judged (R17, R18): its seats now against "
             "those this many weeks before (`councils[].seats_a_cycle_ago`, then the run's own counts)",
             "Labour's councils in England: four years (elections by thirds, or all-out every four years)");
    }
  };

  static constexpr access reads = whole_council | concern::executive | concern::national;
  static constexpr access writes = concern::electoral | concern::leadership | concern::selections | concern::coalition |
                                   concern::councillor_seats | concern::councillor_positions | concern::councillor_mood |
                                   concern::councillor_traits | concern::councillor_dissent | concern::councillor_cabinet |
                                   concern::councillor_candidacy | concern::member_status | concern::membership |
                                   concern::centre | concern::policy | concern::outbox | concern::events;

  static void run(world& w, council_id council);

  /// The party's share lost to visible division, intervention, protest and suspensions (less what campaigning gains).
  [[nodiscard]] static double party_penalty(const world& w, const council_state& c);
  /// The group's losses at the polls over the last electoral cycle (the centre's judgement of its results, R17 and
  /// R18): 1 - its seats now / its seats a cycle ago (the stated record, then the run's own counts once a cycle old),
  /// 0 where it has held or gained seats.
  [[nodiscard]] static double results_decline(const world& w, const council_state& c);
  /// Keeps a count's result for `results_decline` (after each count).
  static void record_count(const world& w, electoral_state& el, std::int32_t party_seats);
  using shares = std::array<double, max_parties>;
  /// Shares on polling day from baseline shares: + national swing + noise (keyed by `entity`), the party's penalty
  /// handed to the other parties in proportion to their shares.
  [[nodiscard]] static shares shares_on_the_day(const world& w, const std::array<float, max_parties>& base, double penalty,
                                                const draw_stream& rng, std::uint64_t entity);

  /// Which counters of a keyed draw give a new party councillor's loyalty, satisfaction and union ties.
  struct trait_draws {
    std::uint64_t loyalty, satisfaction, ties_level, ties_strong;
  };
  /// Draws a new party councillor's loyalty, satisfaction and union ties from the group's distributions.
  static void draw_party_councillor(world& w, council_id council, councillor_id r, const draw_stream& rng,
                                    trait_draws counters);
};

}  // namespace partyline
