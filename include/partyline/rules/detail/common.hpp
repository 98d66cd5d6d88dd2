#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/detail/common.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief What the rules share, written once: their draws, emitting events, the rows of a council's group, its
/// members, the flagship policy's state, filing an item with the executive.
#include <cmath>
#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>

#include "partyline/random.hpp"
#include "partyline/rules/model.hpp"
#include "partyline/world/world.hpp"

namespace partyline::detail {

// ---- draws ------------------------------------------------------------------------------------------

/// The draws of rule `rule` this week of this run.
[[nodiscard]] inline draw_stream draws(const world& w, stream rule) {
  return {w.seed, w.run, static_cast<std::uint64_t>(w.week), rule};
}
/// The same keyed by another week (draws fixed once per election, say).
[[nodiscard]] inline draw_stream draws_at(const world& w, int week, stream rule) {
  return {w.seed, w.run, static_cast<std::uint64_t>(week), rule};
}

// ---- events -----------------------------------------------------------------------------------------

/// printf-style formatting for event details.
[[nodiscard]] std::string format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

/// Records that `e` happened in `council` (-1: nationally) by `rule`: tallied always; told in the story with the
/// detail made by `detail()` only when the run records events (so details cost nothing otherwise).
template <class Detail>
void emit(world& w, int council, stream rule, event e, std::int64_t value, Detail&& detail) {
  event_tally& t = (council >= 0 ? w.councils[static_cast<std::size_t>(council)].tallies : w.national_tallies)[static_cast<std::size_t>(e)];
  ++t.count;
  t.sum += value;
  if (value > t.max) t.max = value;
  const told story = info_of(e).story;
  if (!w.log.recording || story == told::never) return;
  // A frequent event is told in full in the scenario's focus councils, and only the first time in a background
  // (by default, generated) council: its count says the rest there.
  if (story == told::first_in_council && t.count > 1 &&
      (council < 0 || !w.scen->councils[static_cast<std::size_t>(council)].focus))
    return;
  const auto id = static_cast<std::uint32_t>(rule);
  const auto rule_number = static_cast<std::uint16_t>(id < 100 ? id : 0);  // setup streams are not rules
  event_record rec{w.week, council, rule_number, info_of(e).name, std::string(detail()), static_cast<int>(value), e};
  (council >= 0 ? w.log.by_council[static_cast<std::size_t>(council)] : w.log.merged).push_back(std::move(rec));
}
/// An event that is only counted (told::never), or told without detail.
inline void emit(world& w, int council, stream rule, event e, std::int64_t value = 0) {
  emit(w, council, rule, e, value, [] { return std::string(); });
}

// ---- the group, its members, its policy ---------------------------------------------------------

/// A councillor row of the party's group: sitting, or deselected/withdrawn but in office until the election.
/// The salience-weighted distance between two of the party's own people (councillors, members) at first-axis
/// positions `a` and `b`: they differ on that axis only (world.hpp, space_terms).
[[nodiscard]] inline double apart(const world& w, double a, double b) { return w.space.first_salience * std::abs(a - b); }
/// ... between one of them at `a` and the executive's majority at `centre` (the executive's own place on the other axes).
[[nodiscard]] inline double apart_from_centre(const world& w, double a, double centre) {
  return apart(w, a, centre) + w.space.executive_gap;
}

[[nodiscard]] inline bool in_group(const world& w, std::uint32_t r) {
  const auto st = w.councillors.status[r];
  return w.councillors.party[r] == w.scen->party_index &&
         (st == councillor_status::sitting || st == councillor_status::deselected || st == councillor_status::withdrawn);
}

/// The rows of a council's group, in row order: `for (std::uint32_t r : group_rows(w, c))`.
class group_rows {
 public:
  group_rows(const world& w, const council_state& c) : w_(w), begin_(c.rows.seat_begin), end_(c.rows.seat_end) {}
  class iterator {
   public:
    iterator(const world& w, std::uint32_t r, std::uint32_t end) : w_(&w), r_(r), end_(end) { skip(); }
    std::uint32_t operator*() const { return r_; }
    iterator& operator++() {
      ++r_;
      skip();
      return *this;
    }
    bool operator!=(const iterator& o) const { return r_ != o.r_; }

   private:
    void skip() {
      while (r_ < end_ && !in_group(*w_, r_)) ++r_;
    }
    const world* w_;
    std::uint32_t r_, end_;
  };
  [[nodiscard]] iterator begin() const { return {w_, begin_, end_}; }
  [[nodiscard]] iterator end() const { return {w_, end_, end_}; }

 private:
  const world& w_;
  std::uint32_t begin_, end_;
};

/// A member's activism: their quiet level plus their area's mobilisation.
[[nodiscard]] inline float activism(const world& w, const council_state& c, std::uint64_t m) {
  return w.members.quiet_activism[m] + c.membership.mobilisation;
}
/// A member who takes part: in the party (not suspended, not gone) and active at least `active_above`.
[[nodiscard]] inline bool member_is_active(const world& w, const council_state& c, std::uint64_t m) {
  return w.members.status[m] == member_status::member &&
         activism(w, c, m) >= static_cast<float>(w.params->member_mood.active_above);
}
/// The council's active members (campaigners, R13).
/// The council's member rows in use: its starting members and recruits, leavers included (not the rows still kept
/// for recruits). Shares of "the membership" (active, suspended) are taken over this.
[[nodiscard]] inline double member_roll(const council_state& c) {
  return static_cast<double>(c.rows.member_end - c.rows.member_begin) - static_cast<double>(c.membership.prospective);
}
[[nodiscard]] std::int64_t active_members(const world& w, const council_state& c);

/// The rows of a ward's members inside the council's member range (members are sorted by ward).
[[nodiscard]] std::pair<std::uint64_t, std::uint64_t> ward_member_range(const world& w, const council_state& c,
                                                                       std::uint16_t ward);
/// Mean position of the ward's active members: where a candidate chosen by them stands (`fallback` if none is active).
[[nodiscard]] double members_choice(const world& w, const council_state& c, std::uint16_t ward, double fallback);

/// A central action in the council, as visible locally as `weight` (1 for a decision of the executive): it adds to
/// the decaying intervention stock voters and members remember (R13, R14) and to the running total members react
/// to once (their loyalty, R14).
inline void central_action(council_state& c, double weight) {
  c.centre.intervention_stock += static_cast<float>(weight);
  c.centre.central_actions += static_cast<float>(weight);
}

/// The flagship policy is still in play (proposed or being pursued).
[[nodiscard]] constexpr bool policy_live(policy_stage s) {
  return s == policy_stage::proposed || s == policy_stage::pursuing;
}

/// The centre is acting on the group: special measures, or an investigation running.
[[nodiscard]] inline bool under_intervention(const world& w, const council_state& c) {
  return c.centre.special_measures || c.centre.investigation_until >= w.week;
}

/// How overridden by its centre the group is now, 0..1: the one notion of central override (issue 16) that the
/// leader's pressure (R3), the councillors' satisfaction and the members' mood read. An intervention that is
/// running (special measures, an investigation) counts in full; every one-off override -- a veto (R11), an order
/// to withdraw from a deal, an imposed or refused candidate (R6, R20), a decision of the executive against the
/// group (R2) -- counts by the decaying memory of central actions here (calendar.stock_half_life_weeks).
[[nodiscard]] inline double overridden(const world& w, const council_state& c) {
  return under_intervention(w, c) ? 1.0 : std::min(1.0, static_cast<double>(c.centre.intervention_stock));
}

/// Whether the seat in `row` is up at the council's next election (all-out: every seat; thirds: one per ward).
[[nodiscard]] bool seat_up(const world& w, const council_state& c, std::uint32_t row);

/// Weeks to the council's next election (a large number when none is scheduled).
[[nodiscard]] inline int weeks_to_election(const world& w, const council_state& c) {
  return c.electoral.next_election >= 0 ? c.electoral.next_election - w.week : 1 << 20;
}

/// The group's division index: share dissatisfied + weight x visible-division stock (R6).
[[nodiscard]] double division_index(const world& w, const council_state& c);

/// The group's median position (uses the council's work buffer).
[[nodiscard]] double group_median(world& w, const council_state& c);

/// The sitting group councillor nearest `target`, other than `except`; -1 if none.
[[nodiscard]] std::int64_t nearest_group_councillor(const world& w, const council_state& c, double target,
                                                    std::int64_t except);

// ---- the executive's agenda -----------------------------------------------------------------------

/// An item about council `ci` filed this week.
[[nodiscard]] agenda_item new_item(const world& w, std::size_t ci, item_kind kind, double urgency, double strength,
                                   double requester_position);
/// Files an item with the executive: it joins the agenda in the central phase; the council remembers it waits.
void file_with_executive(world& w, std::size_t ci, const agenda_item& item);

/// The weeks of a crisis window covering `week`, or nullptr.
[[nodiscard]] const crisis_window* crisis_at(const scenario& s, int week);

}  // namespace partyline::detail
