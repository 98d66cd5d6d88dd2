#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 2
#error "partyline/world/access.hpp belongs to stage 2 (world): a lower stage may not include it"
#endif
/// @brief The concerns of the world a rule may read or write, as a bit set each rule declares
/// (`static constexpr access reads = ..., writes = ...;`), and a fingerprint of each concern of one council so
/// that a test can check the declaration: after a rule runs, every concern it does not declare it writes is
/// unchanged (tests/unit/rules/access_test.cpp runs every step of every shipped scenario that way).
#include <array>
#include <cstdint>
#include <string_view>

#include "partyline/world/world.hpp"

namespace partyline {

enum class concern : std::uint8_t {
  // A council's own state (council_state).
  electoral,
  leadership,
  division,
  centre,
  selections,
  coalition,
  policy,
  membership,
  derived,
  events,  ///< tallies and the story (written through emit)
  // The council's rows of the agent columns and tables.
  councillor_seats,      ///< party, status, ward
  councillor_positions,
  councillor_mood,       ///< satisfaction (loyalty and union ties are fixed for a councillor's term)
  councillor_traits,     ///< loyalty, union ties, personal following (drawn when a councillor takes a seat)
  councillor_dissent,
  councillor_cabinet,
  councillor_candidacy,  ///< selection, candidate position, endorsement, standing as an independent
  member_status,
  member_traits,         ///< position, loyalty, quiet activism, ward, faction
  wards,
  disputes,
  outbox,                ///< items filed with the executive this week
  // Global: only the central and national phases write these.
  executive,
  national,
  count_
};
inline constexpr std::size_t concern_count = static_cast<std::size_t>(concern::count_);

inline constexpr std::array<std::string_view, concern_count> concern_names{
    "electoral",          "leadership",          "division",        "centre",          "selections",
    "coalition",          "policy",              "membership",      "derived",         "events",
    "councillor_seats",   "councillor_positions", "councillor_mood", "councillor_traits", "councillor_dissent",
    "councillor_cabinet", "councillor_candidacy", "member_status",   "member_traits",
    "wards",              "disputes",            "outbox",          "executive",       "national"};

/// @brief A set of concerns.
struct access {
  std::uint32_t bits = 0;
  constexpr access() = default;
  constexpr access(concern c) : bits(1u << static_cast<unsigned>(c)) {}  // NOLINT: a concern is a set of one
  [[nodiscard]] constexpr bool has(concern c) const { return bits & (1u << static_cast<unsigned>(c)); }
  friend constexpr access operator|(access a, access b) {
    access r;
    r.bits = a.bits | b.bits;
    return r;
  }
};
constexpr access operator|(concern a, concern b) { return access(a) | access(b); }

/// @brief Everything a council-level step may touch, for steps that declare the whole council.
inline constexpr access whole_council = [] {
  access a;
  for (std::size_t k = 0; k < static_cast<std::size_t>(concern::executive); ++k) a = a | static_cast<concern>(k);
  return a;
}();

/// @brief A hash of one concern of one council (global concerns: of the whole world), for the access test.
[[nodiscard]] std::uint64_t fingerprint(const world& w, std::size_t council, concern c);

}  // namespace partyline
