#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 2
#error "partyline/world/ids.hpp belongs to stage 2 (world): a lower stage may not include it"
#endif
/// @brief Typed ids for the world's rows: a councillor, a member, a council. Each is an enum over its row number, so
/// that a councillor's row cannot be passed where a member's or a council's is meant; the columns are indexed by them.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace partyline {

/// A councillor by their seat's row in councillor_columns (not a member's row, a council or a party).
enum class councillor_id : std::uint32_t {};
/// No councillor: a council with no leader, a mayoralty with no candidate, an allegation against nobody on the council.
inline constexpr councillor_id nobody{0xffffffffu};
[[nodiscard]] constexpr std::uint32_t row(councillor_id r) { return static_cast<std::uint32_t>(r); }
[[nodiscard]] constexpr councillor_id councillor_at(std::uint32_t r) { return static_cast<councillor_id>(r); }
/// A council by its index in world::councils (and the scenario's councils): how items and decisions name the council
/// they are about, and how the schedule hands a step, a hook or an item kind its own council (step_context::ci).
enum class council_id : std::uint32_t {};
[[nodiscard]] constexpr std::uint32_t row(council_id c) { return static_cast<std::uint32_t>(c); }
[[nodiscard]] constexpr council_id council_at(std::size_t index) { return static_cast<council_id>(index); }
/// A local party member by their row in member_columns.
enum class member_id : std::uint64_t {};
[[nodiscard]] constexpr std::uint64_t row(member_id m) { return static_cast<std::uint64_t>(m); }

/// One column of a struct of columns, indexed by its rows' typed id (a councillor_id, a member_id); indexing by a
/// plain row number stays for the loops that walk a council's rows as a block.
template <class T, class Id>
struct column : std::vector<T> {
  using std::vector<T>::vector;
  using std::vector<T>::operator[];
  [[nodiscard]] T& operator[](Id id) { return std::vector<T>::operator[](static_cast<std::size_t>(row(id))); }
  [[nodiscard]] const T& operator[](Id id) const { return std::vector<T>::operator[](static_cast<std::size_t>(row(id))); }
};
/// The typed ids of rows `begin`..`end` (a council's seats or members), for range-for.
template <class Id, class Raw>
struct id_range {
  struct iterator {
    Raw at;
    Id operator*() const { return static_cast<Id>(at); }
    iterator& operator++() { ++at; return *this; }
    bool operator!=(const iterator& o) const { return at != o.at; }
  };
  Raw begin_, end_;
  [[nodiscard]] iterator begin() const { return {begin_}; }
  [[nodiscard]] iterator end() const { return {end_}; }
};

}  // namespace partyline
