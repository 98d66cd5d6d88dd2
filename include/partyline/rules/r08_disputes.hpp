#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/r08_disputes.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief R8 Industrial disputes (Birmingham bins and home-care disputes).
#include <array>
#include <cstdint>
#include <string>

#include "partyline/random.hpp"
#include "partyline/world/access.hpp"

namespace partyline {

/// Intensity rises when the council confronts the union and falls with talks; stages move on thresholds.
struct industrial_disputes {
  static constexpr stream id = stream::R8;
  static constexpr std::string_view key = "R8";

  struct params {
    double escalation = 0.07;
    double de_escalation = 0.05;
    double noise_sd = 0.02;
    double ballot_at = 0.35;
    double strike_at = 0.55;
    double all_out_at = 0.8;
    double hysteresis = 0.1;
    double settle_below = 0.08;
    int ballot_weeks = 4;
    double impose_terms_shock = 0.25;
    double injunction_shock = 0.2;
    double talks_shock = -0.15;
    double b0_new = -8.0;
    double b_new_confrontation = 3.0;
    double new_intensity = 0.2;
    // The leadership's tactics: a weekly choice among waiting, offering talks, imposing terms and threatening an
    // injunction (a multinomial logit, waiting the baseline).
    double tactic_pressure = 2.0;
    double talks_b0 = -6.0;
    double talks_conciliation = 4.0;
    double talks_dissent = 3.0;
    double impose_b0 = -9.0;
    double impose_confrontation = 4.0;
    double impose_duration = 2.0;
    double injunction_b0 = -8.4;
    double injunction_confrontation = 4.0;
    double injunction_action = 1.5;
    int tactic_gap_weeks = 4;

    template <class V>
    void describe(V& v) {
      v.coef("escalation", escalation, {0, 1}, "weekly rise x confrontation x union militancy x (1 - intensity)", "Birmingham");
      v.coef("de_escalation", de_escalation, {0, 1}, "weekly fall x (1 - confrontation) x intensity (talks)", "Birmingham");
      v.coef("noise_sd", noise_sd, {0, 1}, "weekly shock to intensity", "—");
      v.coef("ballot_at", ballot_at, {0, 1}, "intensity at which the union ballots", "UK strike law (ballot first)");
      v.coef("strike_at", strike_at, {0, 1}, "... strikes (after the ballot has run ballot_weeks)", "Birmingham");
      v.coef("all_out_at", all_out_at, {0, 1}, "... goes all-out", "Birmingham (\"escalated into all-out strikes\")");
      v.coef("hysteresis", hysteresis, {0, 1}, "a stage is left downwards only this far below its threshold", "—");
      v.coef("settle_below", settle_below, {0, 1}, "intensity under which the dispute settles", "—");
      v.coef("ballot_weeks", ballot_weeks, {0, 52}, "length of a strike ballot", "UK practice");
      v.coef("impose_terms_shock", impose_terms_shock, {-1, 1}, "jump when the council imposes terms", "Birmingham (home-care deadline)");
      v.coef("injunction_shock", injunction_shock, {-1, 1}, "jump when the council threatens an injunction", "Birmingham (bins)");
      v.coef("talks_shock", talks_shock, {-1, 1}, "change when the council offers talks", "—");
      v.coef("b0_new", b0_new, {-50, 50}, "log-odds a new dispute starts in a council-week (about 1 in 3,000)", "—");
      v.coef("b_new_confrontation", b_new_confrontation, {-50, 50}, "... + x leader's confrontation: confrontational leaderships provoke disputes",
             "Birmingham");
      v.coef("new_intensity", new_intensity, {0, 1}, "starting intensity of an emergent (or scripted, unless given) dispute", "—");
      v.coef("tactic_pressure", tactic_pressure, {0, 20},
             "every move's log-odds against waiting + x the dispute's intensity: the pressure to act", "Birmingham (fit)");
      v.coef("talks_b0", talks_b0, {-20, 20}, "log-odds the leadership offers talks in a week (shifts I by talks_shock)", "Birmingham (fit)");
      v.coef("talks_conciliation", talks_conciliation, {0, 20}, "... + x (1 - confrontation): conciliatory leaderships talk", "—");
      v.coef("talks_dissent", talks_dissent, {0, 20}, "... + x the group's dissatisfied share: backbench pressure to settle",
             "Birmingham (the letter asks to settle 'by every means possible')");
      v.coef("impose_b0", impose_b0, {-20, 20}, "log-odds it imposes terms in a week, once a dispute (shifts I by impose_terms_shock)",
             "Birmingham (fit: the home-care deadline)");
      v.coef("impose_confrontation", impose_confrontation, {0, 20}, "... + x confrontation", "Birmingham");
      v.coef("impose_duration", impose_duration, {0, 20},
             "... + x (1 - exp(-weeks running / 52)): a long dispute ends in a final offer or imposed terms",
             "Birmingham (imposed after 15 months)");
      v.coef("injunction_b0", injunction_b0, {-20, 20},
             "log-odds it threatens an injunction in a week, once a dispute (shifts I by injunction_shock)", "Birmingham (fit: bins)");
      v.coef("injunction_confrontation", injunction_confrontation, {0, 20}, "... + x confrontation", "Birmingham");
      v.coef("injunction_action", injunction_action, {0, 20},
             "... + while the union strikes (strike or all-out): an injunction is against industrial action",
             "Birmingham (\"declares the industrial action unlawful\")");
      v.coef("tactic_gap_weeks", tactic_gap_weeks, {0, 52}, "weeks after a move before the leadership moves again in that dispute", "—");
    }
  };

  static constexpr access reads = concern::disputes | concern::leadership | concern::derived;
  // leadership: the record of the disputes fought under it (R18 weighs it)
  static constexpr access writes = concern::disputes | concern::derived | concern::leadership | concern::events;

  static void run(world& w, council_id council);

  /// The leadership's move in a dispute this week: talks, imposed terms, an injunction threat, or none.
  enum class tactic : std::uint8_t { wait, talks, impose_terms, injunction };
  /// The move a leadership of this `confrontation`, with `dissent` (the group's dissatisfied share) and a uniform
  /// draw `u`, makes in dispute `d` (which stays as it is; `take` applies the move).
  [[nodiscard]] static tactic choose(const dispute_state& d, double confrontation, double dissent, double u, const params& p);
  /// The probabilities of each move (wait, talks, impose_terms, injunction), summing to 1.
  [[nodiscard]] static std::array<double, 4> tactic_odds(const dispute_state& d, double confrontation, double dissent,
                                                         const params& p);

  /// The stage a dispute of this intensity is at (when it is first seen).
  [[nodiscard]] static dispute_stage stage_for(double intensity, const params& p);
  /// The council's dispute `id` if it is running, else nullptr.
  [[nodiscard]] static dispute_state* find(world& w, const council_state& c, const std::string& dispute_id);
  /// A free dispute slot of the council (a never-used one first), or nullptr.
  [[nodiscard]] static dispute_state* free_slot(world& w, const council_state& c);
  /// Starts a dispute in slot `d` (told as `rule`'s event: R8 for emergent disputes, 0 for scripted ones).
  static void start(world& w, council_id council, dispute_state& d, std::string dispute_id, int union_index, int workers,
                    double intensity, stream rule);
};

}  // namespace partyline
