// Satisfaction: each group councillor's satisfaction moves towards a target set by the leader, the flagship policy,
// disputes, the cabinet and central intervention.
#include <gtest/gtest.h>

#include "rule_fixtures.hpp"

using namespace partyline;
using namespace partyline::rule_fixtures;

TEST(Satisfaction, UnionTiedCouncillorsSufferFromDisputes) {
  const auto s = tiny_scenario([](scenario& sc) {
    long_quiet(sc);
    sc.councils[0].seats = {};
    sc.councils[0].seats.set("lab", 60);
    sc.councils[0].group.union_ties_share = 0.5;
    sc.councils[0].disputes[0].intensity = 0.9;
    sc.councils[0].group.confrontation = 0.9;
  });
  world w = build_world(s, 1, 0);
  for (int week = 0; week < 15; ++week) step_week(w);
  double tied = 0, untied = 0;
  int n_tied = 0, n_untied = 0;
  const auto& c = w.councils[0];
  for (const councillor_id r : c.rows.councillors()) {
    if (r == c.leadership.leader || w.councillors.cabinet[r]) continue;
    if (w.councillors.union_ties[r] >= 0.6f) {
      tied += w.councillors.satisfaction[r];
      ++n_tied;
    } else {
      untied += w.councillors.satisfaction[r];
      ++n_untied;
    }
  }
  ASSERT_GT(n_tied, 5);
  ASSERT_GT(n_untied, 5);
  EXPECT_LT(tied / n_tied, untied / n_untied - 0.2);
}
