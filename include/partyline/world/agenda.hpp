#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 2
#error "partyline/world/agenda.hpp belongs to stage 2 (world): a lower stage may not include it"
#endif
/// @brief What the party's bodies decide, as data. A rule that files an item with the centre declares its kind
/// (`item_kind_def`): the motions it can lead to, how a member votes on them, and what the decision does in the
/// council. A motion (`motion_def`) is one step a body may take: its event, its place on the ladder of the centre's
/// powers, what it does. The meeting (rules/r02_executive_decision.cpp) is generic: it orders a body's agenda, takes
/// items up to the body's capacity, asks the kind for the motions and the members' log-odds, draws each member's
/// vote and applies the body's majority rule. It never looks at which kind an item is.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "partyline/random.hpp"
#include "partyline/scenario/scenario.hpp"
#include "partyline/world/events.hpp"
#include "partyline/world/ids.hpp"

namespace partyline {

struct world;
struct council_state;
struct decision;
struct agenda_item;
struct item_kind_def;

/// @brief A seat on a decision body: who votes, where they stand, how readily they act against a local party.
struct executive_member {
  exec_section section = exec_section::other;
  bool left_bloc = false;
  float position = 0;
  float centralism = 0.5f;       ///< as they vote now: their own, drawn towards the party leader's project (R23)
  float own_centralism = 0.5f;   ///< their own taste for central direction, as drawn
};

/// @brief One decision a body may take on an item.
struct motion_def {
  std::string_view name;         ///< as the story and events.csv name it
  event decided;                 ///< emitted when a body takes it (the outcome stage counts it)
  std::uint8_t draw_key = 0;     ///< its key in the members' draws (kept apart from other motions on one item)
  int rung = 0;                  ///< its place on the ladder of the centre's steps (R19; 0: not a step against the local party)
  bool acts = false;             ///< an action of the centre in the council: it counts in the memory of central actions
  bool on_individuals = false;   ///< a sanction on individuals (a warning, a suspension, charges), not on the local party
  /// What voting for it costs a member (its severity, R2's cost_* coefficients); nullptr: nothing.
  double (*cost)(const world&) = nullptr;
  /// Within the party's powers and making sense for this council now; nullptr: always.
  bool (*allowed)(const world&, const council_state&) = nullptr;
  /// What it does to the council, in the apply phase; nullptr: nothing beyond the kind's own `decided`.
  void (*apply)(world&, council_id council, const decision&) = nullptr;
};

inline constexpr std::size_t max_motions = 8;
/// The motions open on one item, most severe first.
struct motion_list {
  std::array<const motion_def*, max_motions> at{};
  int count = 0;
  void offer(const motion_def& m) {
    if (count < static_cast<int>(max_motions)) at[static_cast<std::size_t>(count++)] = &m;
  }
};

/// @brief A kind of item a rule files with the party's bodies (a request, a referral, a coalition deal, ...).
struct item_kind_def {
  std::string_view name;  ///< as `institutions.bodies[].decides` names it
  std::string_view by;    ///< the rule that files it and what a decision does there, for the week's table
  stream votes;           ///< the draws its members' votes are keyed by
  bool notice = false;    ///< its decisions say whether the group was given notice (R2 notice0 ...)
  bool may_defer = false; ///< a vote that fails narrowly is deferred to a later meeting (R2 defer_margin, max_defers)
  bool disciplinary = false;     ///< the Rule Book's disciplinary procedure, not a political intervention (R2, R4)
  bool about_a_person = false;   ///< it concerns one person (an allegation), not the local party (R4)
  /// The decision when no motion passes (and the item is not deferred): to dismiss, to refuse.
  const motion_def* no_majority = nullptr;
  /// The decision recorded when the item waited past its deadline (or a year) without being decided.
  const motion_def* lapsed = nullptr;
  /// Weeks after filing by which a body must decide the item (nullptr: none; every item lapses after R2's
  /// `max_wait_weeks`). A body takes an item at its last sitting before the deadline even beyond its capacity.
  int (*deadline_weeks)(const world&) = nullptr;
  /// The motions open on `item` now, most severe first; a body votes on them in turn and takes the first passed.
  void (*menu)(const world&, const agenda_item& item, motion_list& out) = nullptr;
  /// Each member's log-odds of voting for `motion` (out[m] for members[m]).
  void (*logits)(const world&, const agenda_item& item, const motion_def& motion, std::span<const executive_member> members,
                 std::span<double> out) = nullptr;
  /// The counter of a member's draw on `motion` (the entity is the council and the member's seat).
  std::uint64_t (*counter)(const agenda_item& item, const motion_def& motion) = nullptr;
  /// What a decision on the item does in its council, in the apply phase (it runs the motion's `apply` as the kind
  /// requires: a council action clears the item and acts; a deal's answer forms an administration or not).
  void (*decided)(world&, council_id council, const decision&) = nullptr;
  /// The story's line for a decision (nullptr: the meeting's own: who filed, the tally, notice, weeks waited).
  std::string (*told)(const world&, const agenda_item&, const decision&) = nullptr;
};

/// @brief An item waiting on a body's agenda.
struct agenda_item {
  const item_kind_def* kind = nullptr;
  council_id council{};
  int week_filed = 0;
  double urgency = 0.3;
  double requester_position = 0;   ///< for members' alignment
  double strength = 0;             ///< share of the group (or board) behind it
  int union_index = -1;            ///< for referrals by a union
  int defers = 0;
  std::uint32_t coalition = 0;     ///< for sign-off requests: the deal (party bit mask)
};

/// @brief A decision a body published this week, applied by the council in the apply phase.
struct decision {
  const motion_def* motion = nullptr;
  const item_kind_def* kind = nullptr;
  int body = -1;                   ///< the body that took it (w.institutions.bodies)
  council_id council{};
  std::uint32_t coalition = 0;
  bool notice_given = false;
  bool emergency = false;          ///< taken at an emergency meeting
  int yes = 0;
  int of = 0;
  int weeks_waiting = 0;
  /// Every motion put to the vote, in the order put, with its yes votes (each of `of`): the last is the one `yes`
  /// counts. None when the item lapsed.
  std::array<const motion_def*, max_motions> put{};
  std::array<int, max_motions> put_yes{};
  int votes = 0;
  [[nodiscard]] bool is(const motion_def& m) const { return motion == &m; }
};

/// @brief A decision body of one run: who sits on it and its agenda.
struct body_state {
  std::vector<std::uint16_t> seats;     ///< the executive's seats on it (members from the executive)
  std::vector<executive_member> own;    ///< its own members (members of its own, or its region's board)
  std::vector<agenda_item> agenda;
};

/// @brief The party's bodies in one run: their state, the kinds of item the rules file, and which body decides each
/// kind for each council's region.
struct institutions_state {
  std::vector<body_state> bodies;                 ///< as scenario.institutions.bodies
  std::vector<const item_kind_def*> kinds;        ///< every kind the rules file (the model's list, plus any added)
  std::vector<std::int16_t> route;                ///< body deciding kind k for region r: [k * (regions + 1) + r + 1]
  std::vector<decision> published;                ///< this week's decisions, in the order they were taken
  /// The bodies holding a council's selection stages (scenario/institutions.hpp, selection_stages; R5) for a council
  /// in region r at [r + 1]: the region's body that lists the stage, else the national one; -1 where none does (the
  /// stage is not held).
  std::vector<std::int16_t> interview_body, list_body;
  /// The standing board conducting group reviews (scenario/institutions.hpp, review_stage; R17, R18) for a council in
  /// region r at [r + 1], as the selection stages; -1 where none does.
  std::vector<std::int16_t> review_body;
  int regions = 0;
  /// The index of `kind` in `kinds`, or -1.
  [[nodiscard]] int index_of(const item_kind_def& kind) const {
    for (std::size_t k = 0; k < kinds.size(); ++k)
      if (kinds[k] == &kind) return static_cast<int>(k);
    return -1;
  }
  /// The body that decides `kind` for a council in `region` (-1: no region).
  [[nodiscard]] int body_for(const item_kind_def& kind, int region) const {
    const int k = index_of(kind);
    return k < 0 ? -1 : route[static_cast<std::size_t>(k * (regions + 1) + region + 1)];
  }
};

/// The most kinds of item a world can hold (a council keeps one pending bit per kind).
inline constexpr std::size_t max_item_kinds = 16;

}  // namespace partyline
