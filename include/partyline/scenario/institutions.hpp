#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 1
#error "partyline/scenario/institutions.hpp belongs to stage 1 (scenario): a lower stage may not include it"
#endif
/// @brief The party's decision bodies as a scenario declares them (`institutions: {bodies: [...]}`): who sits on
/// each, the kinds of item it decides, how it votes, how often it meets and what it leaves to others between its
/// meetings. Without the block a scenario gets the party's default (Labour's, docs/model.md "Institutions"); the
/// item kinds themselves are declared by the rules that file them (rules/agenda.hpp), so this stage keeps their
/// names as written and the complete loader checks them.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "partyline/scenario/schema.hpp"

namespace partyline {

/// How a body's vote is decided: more than half in favour, at least two thirds, or a single person's decision.
enum class majority_rule : std::uint8_t { simple, two_thirds, one_person };
template <>
struct enum_names<majority_rule> {
  static constexpr std::array<std::string_view, 3> names{"simple", "two_thirds", "one_person"};
};

/// The order a body puts an item's motions to the vote (its standing orders): the most severe step first, the first
/// carried deciding (the usual order: a member for a drastic step is asked about it before a milder one is put), or
/// the mildest first, so a drastic step is reached only when every milder one fails.
enum class motion_order : std::uint8_t { most_severe_first, mildest_first };
template <>
struct enum_names<motion_order> {
  static constexpr std::array<std::string_view, 2> names{"most_severe_first", "mildest_first"};
};

/// Where a body's members come from: the executive's seats (all of them, or a panel of `size` drawn from them for
/// each run), members of its own (drawn as the executive's are, around `position` with `centralism_mean`), its
/// region's board (`regions[]`: size, position, centralism), or the staff: one official who acts for the executive
/// (at its median position and mean centralism), or the council's own local party: a panel of `size` of its active
/// members, drawn for each sitting (Labour's Local Campaign Forum panels; centralism `centralism_mean` ±
/// `centralism_sd`). A body drawn from the local party decides only a council's selection stages (R5).
enum class member_source : std::uint8_t { executive, own, region, staff, local };
template <>
struct enum_names<member_source> {
  static constexpr std::array<std::string_view, 5> names{"executive", "own", "region", "staff", "local"};
};

struct body_members_def {
  member_source from = member_source::executive;
  int size = -1;  ///< executive: -1 every seat, else a panel of this many; own: its members (default 1); local: its panel (default 5)
  double position = -0.2;
  double position_sd = 0.15;
  double centralism_mean = 0.5;
  double centralism_sd = 0.15;

  template <class V>
  void describe(V& v) {
    v.field("from", from);
    v.field("size", size, {-1, 1001});
    v.field("position", position, {-1, 1});
    v.field("position_sd", position_sd, {0, 2});
    v.field("centralism_mean", centralism_mean, {0, 1});
    v.field("centralism_sd", centralism_sd, {0, 1});
  }
};

/// Items a body leaves to another between its own meetings (the NEC's officers and staff act for it).
struct delegation_def {
  std::string to;                   ///< the body that decides them (its id)
  std::vector<std::string> items;   ///< item kinds
  int body_index = -1;              ///< resolved from `to`

  template <class V>
  void describe(V& v) {
    v.required("to", to);
    v.required("items", items);
  }
};

/// @brief One decision body. Fields left at -1 take the executive's (`executive.capacity`,
/// `executive.meets_every_weeks`, `executive.first_meeting_week`, `executive.emergency_urgency`).
struct body_def {
  std::string id;
  std::string name;
  std::string region;                ///< empty: the whole party; else it decides for that region's councils
  body_members_def members;
  std::vector<std::string> decides;  ///< item kinds it decides (for its region's councils, if it has one)
  majority_rule majority = majority_rule::simple;
  motion_order motions = motion_order::most_severe_first;  ///< the order an item's motions are put
  int capacity = -1;                 ///< items per meeting
  int meets_every_weeks = -1;
  int first_meeting_week = -1;
  bool emergency = true;             ///< it can meet at once for an urgent item
  double emergency_urgency = -1;     ///< ... this urgent or more
  bool crisis = true;                ///< a national crisis window (executive.crisis_windows) cuts its capacity
  std::vector<delegation_def> delegates;
  /// How fast its disciplinary process runs, where its rules differ from the model's (R18): the median weeks an
  /// investigation takes when this body decides its findings, and the weeks from charges to the hearing when this
  /// body hears them. -1: R18's `duration_median_weeks` and `case_preparation_weeks`.
  /// A body that conducts group reviews (`group_review`) sets their median length with `investigation_weeks` too.
  double investigation_weeks = -1;
  double preparation_weeks = -1;

  int region_index = -1;             ///< resolved from `region`

  template <class V>
  void describe(V& v) {
    v.required("id", id);
    v.field("name", name);
    v.field("region", region);
    v.field("members", members);
    v.field("decides", decides);
    v.field("majority", majority);
    v.field("motions", motions);
    v.field("capacity", capacity, {-1, 10000});
    v.field("meets_every_weeks", meets_every_weeks, {-1, 52});
    v.field("first_meeting_week", first_meeting_week, {-1, 5200});
    v.field("emergency", emergency);
    v.field("emergency_urgency", emergency_urgency, {-1, 1});
    v.field("crisis", crisis);
    v.field("delegates", delegates);
    v.field("investigation_weeks", investigation_weeks, {-1, 520});
    v.field("preparation_weeks", preparation_weeks, {-1, 520});
  }
};

/// The stages of a council's candidate selections a declared body may decide (R5), beside the items the rules file:
/// interviewing applicants for the panel of approved candidates (Labour's Local Campaign Forum panel) and approving
/// that panel on the party's behalf (the regional office). Unlike an item, a stage no body lists is not held.
inline constexpr std::array<std::string_view, 2> selection_stages{"candidate_interview", "candidate_list"};
[[nodiscard]] inline bool is_selection_stage(std::string_view kind) {
  return kind == selection_stages[0] || kind == selection_stages[1];
}

/// A review of how a council group is run (R17's officers ask for it, R18 runs it): a body that lists it is a standing
/// board that conducts such reviews (Labour's Campaign Improvement Boards, 2022-23), at its own pace
/// (`investigation_weeks`). Its existence gives the centre the power to review groups. Like a selection stage it is
/// not an agenda item: the review's findings go to the body that decides `findings`.
inline constexpr std::string_view review_stage = "group_review";

/// Every kind a body may list that is not an agenda item: the selection stages and the group review.
[[nodiscard]] inline bool is_stage(std::string_view kind) { return is_selection_stage(kind) || kind == review_stage; }

/// @brief The party's decision bodies. Every item kind the rules file is decided by one body for each council: the
/// body of the council's region that lists it, else the national body that lists it, else the first body.
struct institutions_def {
  std::vector<body_def> bodies;
  /// Keep the party's default bodies and add the declared ones after them (a scenario that adds one standing board
  /// need not restate the rest); false: the declared bodies are the party's whole set.
  bool keep_default_bodies = false;

  template <class V>
  void describe(V& v) {
    v.field("bodies", bodies);
    v.field("keep_default_bodies", keep_default_bodies);
  }
};

}  // namespace partyline
