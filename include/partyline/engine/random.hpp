#pragma once
/// @brief Counter-based random draws: every draw is a pure function of (seed, run, week, rule, entity,
/// counter), so results never depend on thread count or scheduling.
///
/// The generator is SplitMix64's output function applied to a keyed counter: stream keys are chained
/// SplitMix64 hashes of (seed, run, week, rule); a draw hashes key + (entity * 2^20 + counter) * gamma.
/// Multiplying by the odd gamma is a bijection, so distinct (entity, counter) pairs give distinct inputs,
/// and the output function is itself a bijection with SplitMix64's statistical quality.
#include <cmath>
#include <cstdint>
#include <numbers>

namespace partyline {

/// @brief Rule ids used as random streams (and, for R1-R16, in the event log).
enum class stream : std::uint32_t {
  setup_executive = 100,
  setup_wards,
  setup_councillors,
  setup_members,
  satisfaction,
  member_mood,
  R2 = 2,
  R7 = 7,
  R8 = 8,
  R9 = 9,
  R10 = 10,
  R16 = 16,
};

[[nodiscard]] constexpr std::uint64_t splitmix64(std::uint64_t z) noexcept {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// @brief The draws of one rule in one week of one run.
class draw_stream {
 public:
  constexpr draw_stream(std::uint64_t seed, std::uint64_t run, std::uint64_t week, stream rule) noexcept
      : key_(splitmix64(splitmix64(splitmix64(splitmix64(seed) + run) + week) +
                        static_cast<std::uint64_t>(rule))) {}

  /// 64 random bits for (entity, counter); counter < 2^20.
  [[nodiscard]] constexpr std::uint64_t bits(std::uint64_t entity, std::uint64_t counter = 0) const noexcept {
    return splitmix64(key_ + ((entity << 20) | counter) * 0xd1342543de82ef95ULL);
  }
  /// Uniform in [0, 1).
  [[nodiscard]] constexpr double uniform(std::uint64_t entity, std::uint64_t counter = 0) const noexcept {
    return static_cast<double>(bits(entity, counter) >> 11) * 0x1.0p-53;
  }
  /// Uniform float in [0, 1), for the member loops.
  [[nodiscard]] constexpr float uniformf(std::uint64_t entity, std::uint64_t counter = 0) const noexcept {
    return static_cast<float>(bits(entity, counter) >> 40) * 0x1.0p-24f;
  }
  /// Standard normal (Box-Muller on counters 2c and 2c+1).
  [[nodiscard]] double normal(std::uint64_t entity, std::uint64_t counter = 0) const noexcept {
    double u1 = 1.0 - uniform(entity, 2 * counter);  // (0, 1]
    double u2 = uniform(entity, 2 * counter + 1);
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }
  /// True with probability p.
  [[nodiscard]] bool bernoulli(double p, std::uint64_t entity, std::uint64_t counter = 0) const noexcept {
    return uniform(entity, counter) < p;
  }

 private:
  std::uint64_t key_;
};

[[nodiscard]] inline double sigmoid(double x) noexcept { return 1.0 / (1.0 + std::exp(-x)); }

}  // namespace partyline
