#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 2
#error "partyline/world/access.hpp belongs to stage 2 (world): a lower stage may not include it"
#endif
/// @brief The concerns of the world a rule may read or write, as a bit set each rule declares
/// (`static constexpr access reads = ..., writes = ...;`), and a fingerprint of each concern of one council so
/// that a test can check the declaration: after a rule runs, every concern it does not declare it writes is
/// unchanged, and what it writes does not move when a concern it does not declare it reads is moved
/// (tests/integration/access_test.cpp runs every step of every shipped scenario that way).
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

/// @brief Calls `visit(x)` on every value that makes up one concern of one council: the fields of its state struct
/// (each listed once, in the struct: PARTYLINE_FIELDS), or the council's rows of the columns that belong to the
/// concern. The one map from concerns to state; the fingerprint and the access test's perturbation walk it. Values
/// are scalars or fixed arrays of scalars. `events` is the council's tallies; `outbox` its items; the global concerns
/// (executive, national) are not a council's and are visited by the fingerprint only.
template <class World, class Visit>
void visit_concern(World& w, council_id ci, concern c, Visit&& visit) {
  auto& s = w.councils[ci];
  const council_rows& rows = s.rows;
  auto& cl = w.councillors;
  auto& m = w.members;
  const auto seats = [&](auto&... col) {
    for (std::uint32_t r = rows.seat_begin; r < rows.seat_end; ++r) (visit(col[r]), ...);
  };
  const auto members = [&](auto&... col) {
    for (std::uint64_t r = rows.member_begin; r < rows.member_end; ++r) (visit(col[r]), ...);
  };
  const auto others = [&](auto& col, std::uint64_t begin, std::uint64_t end) {
    const auto k = static_cast<std::uint64_t>(w.space.others);
    for (std::uint64_t i = begin * k; i < end * k; ++i) visit(col[i]);
  };
  switch (c) {
    case concern::electoral: s.electoral.for_each_field(visit); break;
    case concern::leadership:
      s.leadership.for_each_field(visit);
      s.mayoralty.for_each_field(visit);
      break;
    case concern::division: s.division.for_each_field(visit); break;
    case concern::centre: s.centre.for_each_field(visit); break;
    case concern::selections: s.selections.for_each_field(visit); break;
    case concern::coalition: s.coalition.for_each_field(visit); break;
    case concern::policy: s.policy.for_each_field(visit); break;
    case concern::membership: s.membership.for_each_field(visit); break;
    case concern::derived: s.derived.for_each_field(visit); break;
    case concern::events:
      for (auto& t : s.tallies) {
        visit(t.count);
        visit(t.sum);
        visit(t.max);
      }
      break;
    case concern::councillor_seats: seats(cl.party, cl.status, cl.ward, cl.complained_of); break;
    case concern::councillor_positions:
      seats(cl.position);
      others(cl.more, rows.seat_begin, rows.seat_end);  // their places on the other axes
      break;
    case concern::councillor_mood: seats(cl.satisfaction); break;
    case concern::councillor_traits: seats(cl.loyalty, cl.union_ties, cl.following); break;
    case concern::councillor_dissent: seats(cl.dissent); break;
    case concern::councillor_cabinet: seats(cl.cabinet); break;
    case concern::councillor_candidacy:
      seats(cl.selection, cl.candidate_position, cl.stands_independent, cl.ballot_support, cl.grievance, cl.endorsement);
      break;
    case concern::member_status: members(m.status, m.complained_of); break;
    case concern::member_traits:
      members(m.position, m.loyalty, m.quiet_activism, m.ward, m.faction);
      others(m.more, rows.member_begin, rows.member_end);
      break;
    case concern::wards:
      for (std::uint32_t k = rows.ward_begin; k < rows.ward_end; ++k) {
        visit(w.wards[k].seat_begin);
        visit(w.wards[k].seats);
        visit(w.wards[k].base_share);
      }
      break;
    case concern::disputes:
      for (std::uint32_t k = rows.dispute_begin; k < rows.dispute_end; ++k) {
        auto& d = w.disputes[k];
        visit(d.union_index);
        visit(d.workers);
        visit(d.intensity);
        visit(d.stage);
        visit(d.weeks_running);
        visit(d.weeks_in_stage);
        visit(d.active);
        visit(d.terms_imposed);
        visit(d.injunction_threatened);
        visit(d.weeks_since_move);
      }
      break;
    case concern::outbox:
      for (auto& it : w.outbox[ci]) {
        visit(it.council);
        visit(it.week_filed);
        visit(it.urgency);
        visit(it.requester_position);
        visit(it.strength);
        visit(it.union_index);
        visit(it.defers);
        visit(it.coalition);
      }
      break;
    case concern::executive:
    case concern::national:
    case concern::count_: break;
  }
}

/// @brief A hash of one concern of one council (global concerns: of the whole world), for the access test.
[[nodiscard]] std::uint64_t fingerprint(const world& w, council_id council, concern c);

}  // namespace partyline
