#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/detail/common.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief What the rules share, written once: their draws, emitting events, the rows of a council's group, its
/// members, the flagship policy's state, filing an item with the executive.
#include <cmath>
#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
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

/// An event's number as a part of a whole -- "21 of 48 councillors", "40 of 100 votes" -- written to events.csv's
/// `value` and `of` columns (what they count: the event table's `value_is`, `of_is`). Only `value` is tallied.
struct part_of {
  std::int64_t value = 0;
  std::int64_t of = 0;
};

/// Tallies `e` in `council` (-1: nationally) and tells it in the story when the run records events (emit's first half).
template <class Detail>
void tell(world& w, int council, stream rule, event e, part_of number, Detail&& detail) {
  const std::int64_t value = number.value;
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
  event_record rec{w.week, council, rule_number, info_of(e).name, std::string(detail()), static_cast<int>(value), e,
                   static_cast<int>(number.of)};
  (council >= 0 ? w.log.by_council[static_cast<std::size_t>(council)] : w.log.merged).push_back(std::move(rec));
}
template <class Detail>
void tell(world& w, int council, stream rule, event e, std::int64_t value, Detail&& detail) {
  tell(w, council, rule, e, part_of{value, 0}, std::forward<Detail>(detail));
}
/// Records that `e` happened in `council` (-1: nationally) by `rule`: tallied always; told in the story with the
/// detail made by `detail()` only when the run records events (so details cost nothing otherwise). Then the hooks on
/// the event run there (schedule::on_event).
template <class Detail>
void emit(world& w, int council, stream rule, event e, part_of number, Detail&& detail) {
  tell(w, council, rule, e, number, std::forward<Detail>(detail));
  if (council >= 0) schedule::after_an_event(w, council_at(static_cast<std::size_t>(council)), e);
}
template <class Detail>
void emit(world& w, int council, stream rule, event e, std::int64_t value, Detail&& detail) {
  emit(w, council, rule, e, part_of{value, 0}, std::forward<Detail>(detail));
}
/// An event that is only counted (told::never), or told without detail.
inline void emit(world& w, int council, stream rule, event e, std::int64_t value = 0) {
  emit(w, council, rule, e, value, [] { return std::string(); });
}
/// The same for a council by its id: a step's own (`ci`), or the one an item or a decision names.
template <class Detail>
void emit(world& w, council_id council, stream rule, event e, part_of number, Detail&& detail) {
  emit(w, static_cast<int>(row(council)), rule, e, number, std::forward<Detail>(detail));
}
template <class Detail>
void emit(world& w, council_id council, stream rule, event e, std::int64_t value, Detail&& detail) {
  emit(w, static_cast<int>(row(council)), rule, e, value, std::forward<Detail>(detail));
}
inline void emit(world& w, council_id council, stream rule, event e, std::int64_t value = 0) {
  emit(w, static_cast<int>(row(council)), rule, e, value);
}

// ---- typed look-ups (the casts between the scenario's int indices and container indices live here) ------------

/// The party's own index among the scenario's parties (its seats in `electoral.seats_by_party`, its definition).
[[nodiscard]] inline std::size_t our_party(const world& w) { return static_cast<std::size_t>(w.scen->party_index); }
/// The council an item on a body's agenda is about.
[[nodiscard]] inline const council_state& council_of(const world& w, const agenda_item& item) {
  return w.councils[item.council];
}
/// A council's id (its index in world::councils and the scenario's councils), from its state.
[[nodiscard]] inline council_id index_of(const world& w, const council_state& c) {
  return council_at(static_cast<std::size_t>(&c - w.councils.data()));
}
/// The scenario's region, union and body by the int index a definition or a state keeps (>= 0).
[[nodiscard]] inline const region_def& region_of(const world& w, int region) {
  return w.scen->regions[static_cast<std::size_t>(region)];
}
[[nodiscard]] inline const union_def& union_of(const world& w, int union_index) {
  return w.scen->unions[static_cast<std::size_t>(union_index)];
}
[[nodiscard]] inline const body_def& body_of(const world& w, int body) {
  return w.scen->institutions.bodies[static_cast<std::size_t>(body)];
}

// ---- a step's context -------------------------------------------------------------------------------

/// What one rule's step works with for one council: the world, the council (its id and its state), the rule's
/// draws this week, and `emit` that already knows the council and the rule. A step starts
/// `const step_context x(w, ci, id);` and then reads `x.c`, draws from `x.rng`, and tells with `x.emit(...)`.
struct step_context {
  step_context(world& w_, council_id council, stream rule_)
      : w(w_), ci(council), c(w_.councils[council]), rule(rule_), rng(draws(w_, rule_)) {}

  world& w;
  council_id ci;     ///< the council
  council_state& c;  ///< its state
  stream rule;       ///< the rule whose step this is: the key of its draws and the author of its events
  draw_stream rng;   ///< the rule's draws this week, keyed further by entity

  /// The group's leader, or nothing when the group has none.
  [[nodiscard]] std::optional<councillor_id> leader() const {
    if (c.leadership.leader == nobody) return std::nullopt;
    return c.leadership.leader;
  }
  /// Records that `e` happened in this council by this rule (see the free `emit`).
  template <class Detail>
  void emit(event e, std::int64_t value, Detail&& detail) const {
    detail::emit(w, ci, rule, e, value, std::forward<Detail>(detail));
  }
  /// The same with the event's number as a part of a whole ("21 of 48 councillors").
  template <class Detail>
  void emit(event e, part_of number, Detail&& detail) const {
    detail::emit(w, ci, rule, e, number, std::forward<Detail>(detail));
  }
  void emit(event e, std::int64_t value = 0) const { detail::emit(w, ci, rule, e, value); }
};

// ---- the group, its members, its policy ---------------------------------------------------------

/// A councillor row of the party's group: sitting, or deselected/withdrawn but in office until the election.
// ---- places in the policy space ---------------------------------------------------------------------

/// Where someone stands: on the first axis (`x`) and on the declared axes after it (`more`, w.space.others of them).
struct place {
  double x = 0;
  std::array<double, space_terms::max_others> more{};
};
/// The salience-weighted city-block distance between two places (scenario::distance over the world's axes).
[[nodiscard]] inline double distance(const world& w, const place& a, const place& b) {
  double d = w.space.first_salience * std::abs(a.x - b.x);
  for (int k = 0; k < w.space.others; ++k) d += w.space.salience[k] * std::abs(a.more[k] - b.more[k]);
  return d;
}
/// Where `p` stands on declared axis `axis` (0: the first), and what a unit of distance weighs there.
[[nodiscard]] inline double on_axis(const place& p, int axis) { return axis == 0 ? p.x : p.more[static_cast<std::size_t>(axis) - 1]; }
[[nodiscard]] inline double salience_of(const world& w, int axis) {
  return axis == 0 ? w.space.first_salience : w.space.salience[static_cast<std::size_t>(axis) - 1];
}
/// Where councillor `r` stands on every axis.
[[nodiscard]] inline place councillor_place(const world& w, councillor_id r) {
  place p{w.councillors.position[r], {}};
  const float* more = w.councillors.more_of(row(r), w.space.others);
  for (int k = 0; k < w.space.others; ++k) p.more[k] = more[k];
  return p;
}
/// Where member `m` stands on every axis.
[[nodiscard]] inline place member_place(const world& w, member_id m) {
  place p{w.members.position_of(m), {}};
  for (int k = 0; k < w.space.others; ++k) p.more[k] = w.members.more_of(m, w.space.others, k);
  return p;
}
/// The executive's members at `x` on the first axis (`executive.positions` on the others).
[[nodiscard]] inline place centre_place(const world& w, double x) { return {x, w.space.executive}; }
/// Party `q`'s place.
[[nodiscard]] inline place party_place(const world& w, std::size_t q) {
  return {w.scen->parties[q].position, w.space.party[q]};
}
/// Someone of the party at `x` on the first axis who stands at the party's place on the others (a tier's board).
[[nodiscard]] inline place party_line_place(const world& w, double x) {
  return {x, w.space.party[static_cast<std::size_t>(w.scen->party_index)]};
}
/// Someone of council `ci`'s local party at `x` on the first axis and at a local mean on the others: the members'
/// (a candidate they put up, their mean) or, with `group`, the group's (its requesters).
[[nodiscard]] inline place local_place(const world& w, council_id ci, double x, bool group = false) {
  const council_def& def = w.scen->councils[row(ci)];
  const policy_point& mean = group ? def.group.more : def.members.more;
  place p{x, {}};
  for (int k = 0; k < w.space.others; ++k) p.more[k] = mean[static_cast<std::size_t>(k) + 1];
  return p;
}

/// Places seat row `r`'s holder on the axes after the first: at `mean` ([0] unused), each axis' `spread` around it
/// when `spread` (the party's own councillors), else exactly there (another party's). Draws `counter + k`.
inline void place_on_other_axes(world& w, std::uint64_t r, const policy_point& mean, bool spread, const draw_stream& rng,
                                std::uint64_t counter) {
  float* more = w.councillors.more.data() + r * static_cast<std::uint64_t>(w.space.others);
  for (int k = 0; k < w.space.others; ++k) {
    const double sd = spread ? w.scen->axes[static_cast<std::size_t>(k) + 1].spread : 0.0;
    const double noise = sd > 0 ? sd * rng.normal(r, counter + static_cast<std::uint64_t>(k)) : 0.0;
    more[k] = static_cast<float>(std::clamp(mean[static_cast<std::size_t>(k) + 1] + noise, -1.0, 1.0));
  }
}

/// @brief Who vets a council's candidates: the panel that endorses them (R20, R21) and the body that shortlists them
/// (R5) -- its region's tier where the tier holds `powers.selections` or `powers.shortlist_candidates`, otherwise
/// the executive (Labour's NEC and its panels).
struct candidate_panel {
  place median;                       ///< the endorsing panel's median on the first axis, and its place on the others
  double centralism = 0.5;            ///< its members' mean centralism (the weight it gives evidence, R19)
  bool endorses = false;              ///< it may refuse a candidate and impose its own (R20, R21)
  const std::string* name = nullptr;  ///< the tier's name (nullptr: the executive)
  bool shortlists = false;            ///< someone vets the candidates the members may choose from (R5) ...
  double shortlist_median = 0;        ///< ... around this median on the first axis
  [[nodiscard]] const char* said() const { return name ? name->c_str() : "the centre"; }
};
/// The executive's own panel (it vets every council's candidates unless a tier does, and its own takeover, R6).
[[nodiscard]] inline candidate_panel executive_panel(const world& w) {
  const scenario& s = *w.scen;
  return {centre_place(w, w.national.executive_median), w.national.executive_centralism, s.executive.powers.refuse_endorsement,
          nullptr, s.executive.powers.shortlist_candidates, w.national.executive_median};
}
[[nodiscard]] inline candidate_panel panel_of(const world& w, council_id ci) {
  const scenario& s = *w.scen;
  candidate_panel p = executive_panel(w);
  const int r = s.councils[row(ci)].region_index;
  if (r < 0) return p;
  const region_def& region = s.regions[static_cast<std::size_t>(r)];
  const tier_board& board = w.tiers[static_cast<std::size_t>(r)];
  if (region.powers.selections) {
    p.median = party_line_place(w, board.median_position);  // a tier's board stands at the party's place on the others
    p.centralism = board.centralism;
    p.endorses = true;
    p.name = &region.name;
  }
  if (region.powers.shortlist_candidates) {
    p.shortlists = true;
    p.shortlist_median = board.median_position;
  }
  return p;
}

/// Councillor `r` sits in the party's group (sitting, or deselected or withdrawn but in office until the election).
[[nodiscard]] inline bool in_group(const world& w, councillor_id r) {
  const auto st = w.councillors.status[r];
  return w.councillors.party[r] == w.scen->party_index &&
         (st == councillor_status::sitting || st == councillor_status::deselected || st == councillor_status::withdrawn);
}

/// The councillors of a council's group, in row order: `for (const councillor_id r : group_rows(w, c))`.
class group_rows {
 public:
  group_rows(const world& w, const council_state& c) : w_(w), begin_(c.rows.seat_begin), end_(c.rows.seat_end) {}
  class iterator {
   public:
    iterator(const world& w, std::uint32_t r, std::uint32_t end) : w_(&w), r_(r), end_(end) { skip(); }
    councillor_id operator*() const { return councillor_at(r_); }
    iterator& operator++() {
      ++r_;
      skip();
      return *this;
    }
    bool operator!=(const iterator& o) const { return r_ != o.r_; }

   private:
    void skip() {
      while (r_ < end_ && !in_group(*w_, councillor_at(r_))) ++r_;
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
[[nodiscard]] inline float activism(const world& w, const council_state& c, member_id m) {
  return w.members.quiet_activism[m] + c.membership.mobilisation;
}
/// A member who takes part: in the party (not suspended, not gone) and active at least `active_above`.
[[nodiscard]] inline bool member_is_active(const world& w, const council_state& c, member_id m) {
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

/// A ward's members, inside the council's member rows (members are sorted by ward).
[[nodiscard]] id_range<member_id, std::uint64_t> ward_members(const world& w, const council_state& c, std::uint16_t ward);
/// Mean position of the ward's active members: where a candidate chosen by them stands (`fallback` if none is active).
[[nodiscard]] double members_choice(const world& w, const council_state& c, std::uint16_t ward, double fallback);

/// The allegation standing in the council is closed (dismissed, lapsed, or heard): its severity, its principal accused
/// and every subject's complained_of mark are cleared.
void close_allegation(world& w, council_state& c);

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
[[nodiscard]] bool seat_up(const world& w, const council_state& c, councillor_id r);

/// Weeks to the council's next election (a large number when none is scheduled).
[[nodiscard]] inline int weeks_to_election(const world& w, const council_state& c) {
  return c.electoral.next_election >= 0 ? c.electoral.next_election - w.week : 1 << 20;
}

/// The group's division index: share dissatisfied + weight x visible-division stock (R6).
[[nodiscard]] double division_index(const world& w, const council_state& c);

/// The group's median position (uses the council's work buffer).
[[nodiscard]] double group_median(world& w, const council_state& c);

/// The sitting group councillor nearest `target`, other than `except`; nobody if none.
[[nodiscard]] councillor_id nearest_group_councillor(const world& w, const council_state& c, double target,
                                                     councillor_id except);

// ---- items for the party's bodies ----------------------------------------------------------------------

/// An item of `kind` about council `ci`, filed this week.
[[nodiscard]] agenda_item new_item(const world& w, council_id ci, const item_kind_def& kind, double urgency, double strength,
                                   double requester_position);
/// Files an item with the party's bodies: it joins the agenda of the body that decides its kind for the council (its
/// region's, else the national one) in the central phase; the council remembers it waits.
void file_item(world& w, council_id ci, const agenda_item& item);
/// Whether an item of `kind` about the council waits on a body's agenda.
[[nodiscard]] bool pending(const world& w, const council_state& c, const item_kind_def& kind);
/// The week an item of `kind` about the council was last filed (long ago if never).
[[nodiscard]] int last_filed(const world& w, const council_state& c, const item_kind_def& kind);
/// The item of `kind` about the council has been decided (or has lapsed): it no longer waits.
void clear_pending(const world& w, council_state& c, const item_kind_def& kind);

/// The weeks of a crisis window covering `week`, or nullptr.
[[nodiscard]] const crisis_window* crisis_at(const scenario& s, int week);

}  // namespace partyline::detail
