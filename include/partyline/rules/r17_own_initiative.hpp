#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/r17_own_initiative.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief R17 The centre's own initiative: the executive's officers put a local party on its agenda (Leicester: the
/// national party's board acted on "in-fighting and division"; Labour Rule Book ch. 1 cl. VIII: the NEC's duty to
/// uphold the party's standing in every unit).
#include "partyline/random.hpp"
#include "partyline/world/access.hpp"

namespace partyline {

/// Each week the officers may file an item about a group whose division is visible, more readily as its election
/// nears (a divided group going into polling day is a risk to the party's name), or about a council the party may
/// lose as polling day nears. The executive then decides on it like any other item (R2), its menu ordered by R19
/// (for a united group at risk the drastic steps lack evidence and the item is mostly dismissed). Allegations
/// (scripted, or the scenario's background rate) and investigations' findings reach the agenda as their own items.
struct own_initiative {
  static constexpr stream id = rule_stream(17);
  static constexpr std::string_view key = "R17";

  struct params {
    double m0 = -7.3;
    double m_division = 10.0;
    double m_election = 1.0;
    double m_risk = 5.0;
    double m_scandal = 6.0;
    double m_results = 8.0;
    double risk_margin = 0.08;
    int cooldown_weeks = 26;
    double urgency_base = 0.4;
    double urgency_election = 0.3;

    template <class V>
    void describe(V& v) {
      v.coef("m0", m0, {-30, 10}, "the officers' weekly log-odds of putting a group on the executive's agenda: intercept",
             "joint calibration (4 cases); national rates (a few councils a year)");
      v.coef("m_division", m_division, {-20, 20},
             "... + x the group's division index, weighed as the executive would (R19's weight of evidence at the officers' centralism: the executive's mean, drawn towards the party leader's project, R23)",
             "Leicester (\"in-fighting and division\")");
      v.coef("m_election", m_election, {-20, 20}, "... x (1 + x the election's proximity, R19's horizon): division matters more as polling day nears",
             "Leicester (before May 2023)");
      v.coef("m_risk", m_risk, {-20, 20},
             "... + x the risk of losing control x the election's proximity (weighed as m_division): a council the party holds "
             "by a slim majority, as polling day nears",
             "Rule Book ch. 1 cl. VIII (the NEC's oversight of party units); MODEL.md section 6");
      v.coef("m_scandal", m_scandal, {-20, 20},
             "... + x the severity of an allegation standing against the group's leader or mayor (weighed as m_division): "
             "a scandal in the local party's leadership is a reason to act on it",
             "Rule Book ch. 1 cl. VIII (the NEC's powers over a party unit: special measures, selections); issue 31");
      v.coef("m_results", m_results, {-20, 20},
             "... + x the group's losses at the polls over the last electoral cycle (1 - its seats now / its seats a cycle "
             "ago, R13's results_decline; 0 where it has not lost seats), weighed as m_division: the party's "
             "Campaign Improvement Boards are for groups 'running underperforming local authorities'",
             "NEC papers, May 2022 (LabourList); set by hand with Sheffield 2023 in view (a board after the majority was lost), not calibrated");
      v.coef("risk_margin", risk_margin, {0, 1},
             "the risk is 1 at a bare majority and falls to 0 when the party's seats exceed half by this share of the council", "—");
      v.coef("cooldown_weeks", cooldown_weeks, {0, 520}, "weeks before the officers raise the same group again", "—");
      v.coef("urgency_base", urgency_base, {0, 1}, "urgency of the officers' item", "—");
      v.coef("urgency_election", urgency_election, {0, 1}, "... + x the election's proximity", "—");
    }
  };

  static constexpr access reads = concern::leadership | concern::centre | concern::derived | concern::division |
                                  concern::electoral | concern::selections | concern::policy | concern::national;
  static constexpr access writes = concern::centre | concern::outbox | concern::events;

  static void run(world& w, council_id council);
  /// The item it files: the officers put a divided group on the agenda (remove its leader, special measures, or take
  /// over its selections).
  static const item_kind_def item;
  /// The risk that the party loses control here: 1 at a bare majority, 0 from `risk_margin` above it or without control.
  [[nodiscard]] static double control_at_risk(const world& w, const council_state& c);
};

}  // namespace partyline
