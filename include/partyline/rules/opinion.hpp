#pragma once
/// @brief R16: bounded-confidence opinion dynamics (Hegselmann & Krause 2002).
#include <cstdint>
#include <span>

namespace partyline {

/// @brief One synchronous Hegselmann-Krause step. Each agent in `agents` (indices into `x`) moves `rate` of the
/// way to the mean opinion of all agents within `bound` of it, itself included; rate 1 is the classic model.
/// `agents` is sorted by opinion in place; `work` needs agents.size() floats. O(n log n), no allocation.
void bounded_confidence_step(float* x, std::span<std::uint32_t> agents, std::span<float> work, double bound,
                             double rate);

}  // namespace partyline
