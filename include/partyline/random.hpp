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
#include <type_traits>

namespace partyline {

/// @brief Rule ids used as random streams (and, for R1-R16, in the event log).
enum class stream : std::uint32_t {
  setup_executive = 100,
  setup_wards,
  setup_councillors,
  setup_members,
  satisfaction,
  member_mood,
  setup_generator,
  setup_tiers,
  setup_bodies,
  posterior,  ///< which posterior particle a run draws (partyline run --posterior)
  scripted = 0,  ///< scenario-scripted events (rule 0 in the event log)
  R1 = 1,
  R2 = 2,
  R3 = 3,
  R4 = 4,
  R5 = 5,
  R6 = 6,
  R7 = 7,
  R8 = 8,
  R9 = 9,
  R10 = 10,
  R11 = 11,
  R12 = 12,
  R13 = 13,
  R14 = 14,
  R15 = 15,
  R16 = 16,
};
/// A rule's stream is its number (R17 -> 17), so that a new rule needs no line here:
/// `static constexpr stream id = rule_stream(17);`. Setup streams start at 100.
[[nodiscard]] constexpr stream rule_stream(std::uint32_t rule_number) noexcept { return stream{rule_number}; }

[[nodiscard]] constexpr std::uint64_t splitmix64(std::uint64_t z) noexcept {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// The entity a draw is keyed by: a row number or an index, or a typed id (an enum over a row, world/ids.hpp), which
/// keys the same draws as its row. Both convert implicitly, so a rule passes whichever it holds.
struct entity {
  std::uint64_t key;
  constexpr entity(std::uint64_t row) noexcept : key(row) {}
  template <class Id>
    requires std::is_enum_v<Id>
  constexpr entity(Id id) noexcept : key(static_cast<std::uint64_t>(id)) {}
};

/// @brief The draws of one rule in one week of one run.
class draw_stream {
 public:
  constexpr draw_stream(std::uint64_t seed, std::uint64_t run, std::uint64_t week, stream rule) noexcept
      : key_(splitmix64(splitmix64(splitmix64(splitmix64(seed) + run) + week) +
                        static_cast<std::uint64_t>(rule))) {}

  /// 64 random bits for (entity, counter); counter < 2^20.
  [[nodiscard]] constexpr std::uint64_t bits(entity e, std::uint64_t counter = 0) const noexcept {
    return splitmix64(key_ + ((e.key << 20) | counter) * 0xd1342543de82ef95ULL);
  }
  /// Uniform in [0, 1).
  [[nodiscard]] constexpr double uniform(entity e, std::uint64_t counter = 0) const noexcept {
    return static_cast<double>(bits(e, counter) >> 11) * 0x1.0p-53;
  }
  /// Uniform float in [0, 1), for the member loops.
  [[nodiscard]] constexpr float uniformf(entity e, std::uint64_t counter = 0) const noexcept {
    return static_cast<float>(bits(e, counter) >> 40) * 0x1.0p-24f;
  }
  /// Standard normal, by Boost.Random's ziggurat (exact, about one draw in a hundred rejected) on the bits at counter
  /// 2c; a rejection goes on at 2c+1, then in a private sequence hashed from it, so normal(e, c) never touches the
  /// counters of normal(e, c + 1) or of any other draw at counters 2c+2 and up.
  [[nodiscard]] double normal(entity e, std::uint64_t counter = 0) const noexcept;
  /// A cheap zero-mean, unit-variance shock: the sum of two uniforms from one draw, rescaled (triangular on
  /// [-sqrt 6, sqrt 6]). For weekly noise where the shape does not matter and a normal would cost a log and a cos.
  [[nodiscard]] constexpr double shock(entity e, std::uint64_t counter = 0) const noexcept {
    const std::uint64_t b = bits(e, counter);
    const double u1 = static_cast<double>(b >> 32) * 0x1.0p-32;
    const double u2 = static_cast<double>(b & 0xffffffffULL) * 0x1.0p-32;
    return (u1 + u2 - 1.0) * 2.449489742783178;
  }
  /// True with probability p.
  [[nodiscard]] bool bernoulli(double p, entity e, std::uint64_t counter = 0) const noexcept {
    return uniform(e, counter) < p;
  }

 private:
  std::uint64_t key_;
};

[[nodiscard]] inline double sigmoid(double x) noexcept { return 1.0 / (1.0 + std::exp(-x)); }

}  // namespace partyline
