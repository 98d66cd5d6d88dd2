// R6 Central selection: a central panel chooses the group's candidates, against those far from the executive.
#include <gtest/gtest.h>

#include "rule_fixtures.hpp"

using namespace partyline;
using namespace partyline::rule_fixtures;

TEST(CentralSelectionR6, APanelDeselectsThoseFarFromTheExecutive) {
  const auto s = divided_group([](scenario& sc) {
    sc.councils[0].election_weeks = {38};
    sc.executive.left_share = 0.0;  // a right-of-centre executive
    sc.events.push_back(event_def{1, event_kind::central_selection, "smalltown", "", "", 1.0, 100, "", 0, -1});
  });
  int far_lost = 0, near_lost = 0, far = 0, near = 0, central = 0, by_members = 0;
  for (std::uint64_t run = 0; run < 10; ++run) {
    const auto r = simulate_run(s, 1, run, false, false);
    central += static_cast<int>(r.counters[run_outcome::deselections_central]);
    by_members += static_cast<int>(r.counters[run_outcome::deselections_members]);
    world w = build_world(s, 1, run);
    for (int week = 0; week < 37; ++week) step_week(w);
    const auto& c = w.councils[0];
    for (const councillor_id row : c.rows.councillors()) {
      if (w.councillors.party[row] != 0 || row == c.leadership.leader) continue;
      const bool is_far = w.councillors.position[row] < -0.3f;
      const bool lost = w.councillors.selection[row] == selection_state::deselected_central;
      (is_far ? far : near) += 1;
      (is_far ? far_lost : near_lost) += lost;
    }
  }
  EXPECT_GT(central, 50);
  EXPECT_EQ(by_members, 0);
  EXPECT_GT(static_cast<double>(far_lost) / far, static_cast<double>(near_lost) / near + 0.2);
}
