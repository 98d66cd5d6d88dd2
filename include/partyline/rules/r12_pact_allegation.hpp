#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/r12_pact_allegation.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief R12 Pact allegation and suspension (Hertsmere: activists suspended over an alleged "unauthorised pact").
#include <array>
#include <cstdint>

#include "partyline/random.hpp"
#include "partyline/world/access.hpp"

namespace partyline {

/// Where the party and a would-be partner gain together at a count, an allegation may arise; the centre then
/// suspends active members in the area.
struct pact_allegation {
  static constexpr stream id = stream::R12;
  static constexpr std::string_view key = "R12";

  struct params {
    double p_allegation = 0.15;
    double suspend_share = 0.03;

    template <class V>
    void describe(V& v) {
      v.coef("p_allegation", p_allegation, {0, 1}, "chance of an allegation where the party and a would-be partner both gained seats",
             "Hertsmere");
      v.coef("suspend_share", suspend_share, {0, 1}, "share of the area's active members suspended", "Hertsmere");
    }
  };

  static constexpr access reads = concern::electoral | concern::member_status | concern::membership | concern::member_traits;
  static constexpr access writes = concern::coalition | concern::member_status | concern::membership | concern::events;

  /// On a count (a hook, schedule::on_count; the seats before it in electoral.seats_before_count): perhaps an
  /// allegation, and suspensions -- drawn only in a council whose scenario does not state its pact allegations
  /// (`events[].type: pact_allegation`): there the allegation is a dated fact, not a chance.
  static void at_count(world& w, council_id council);
  /// An allegation is made (drawn at a count, or a scenario's dated fact): the deal's signing body weighs it (R11)
  /// and the centre suspends `suspend_share` of the area's active members (draws: entity a member, `counter`).
  static void alleged(world& w, council_id council, const draw_stream& rng, std::uint64_t counter);
};

}  // namespace partyline
