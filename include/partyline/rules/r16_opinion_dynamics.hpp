#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/r16_opinion_dynamics.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief R16 Opinion dynamics inside a group: bounded confidence (Hegselmann & Krause 2002).
#include <cstdint>
#include <span>

#include "partyline/random.hpp"
#include "partyline/world/access.hpp"

namespace partyline {

/// Councillors' positions drift towards the mean of the group members within a confidence bound.
struct opinion_dynamics {
  static constexpr stream id = stream::R16;
  static constexpr std::string_view key = "R16";

  struct params {
    double epsilon = 0.15;
    double rate = 0.05;

    template <class V>
    void describe(V& v) {
      v.coef("epsilon", epsilon, {0, 1}, "confidence bound as a fraction of the axis width (0.25 = 0.5 on [-1, 1])",
             "Hegselmann & Krause 2002; Lorenz 2007");
      v.coef("rate", rate, {0, 1}, "weekly fraction of the move towards the confidants' mean (1 = the classic model)", "—");
    }
  };

  static constexpr access reads = concern::councillor_seats | concern::councillor_positions;
  static constexpr access writes = concern::councillor_positions;

  static void run(world& w, council_id council);
};

/// @brief One synchronous Hegselmann-Krause step. Each agent in `agents` (indices into `x`) moves `rate` of the
/// way to the mean opinion of all agents within `bound` of it, itself included; rate 1 is the classic model.
/// `agents` is sorted by opinion in place; `work` needs agents.size() floats. O(n log n), no allocation.
void bounded_confidence_step(float* x, std::span<std::uint32_t> agents, std::span<float> work, double bound, double rate);

}  // namespace partyline
