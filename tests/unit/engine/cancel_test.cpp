// Issue 36: a stop is prompt. A run whose cancel flag is raised throws run_cancelled at its next step (building the
// world or stepping a week), and simulate_runs keeps only the runs that finished, each exactly as an uninterrupted
// run gives it.
#include <gtest/gtest.h>

#include <atomic>

#include "../../test_support.hpp"
#include "partyline/engine/build.hpp"
#include "partyline/engine/engine.hpp"
#include "partyline/outcome/collect.hpp"
#include "partyline/partyline.hpp"

using namespace partyline;
using partyline::testing::scenario_path;

TEST(Cancel, ARaisedFlagStopsTheBuildOfAWorld) {
  const frozen_scenario s = load_scenario_file(scenario_path("haringey-2018.yaml").string());
  std::atomic<bool> stop{true};
  EXPECT_THROW((void)build_world(s, 1, 0, &stop), run_cancelled);
  stop = false;
  EXPECT_NO_THROW((void)build_world(s, 1, 0, &stop));
}

TEST(Cancel, AFlagRaisedBetweenWeeksStopsTheNextWeek) {
  const frozen_scenario s = load_scenario_file(scenario_path("haringey-2018.yaml").string());
  std::atomic<bool> stop{false};
  world w = build_world(s, 1, 0, &stop);
  step_week(w);
  EXPECT_EQ(w.week, 1);
  stop = true;
  EXPECT_THROW(step_week(w), run_cancelled);
  EXPECT_THROW((void)simulate_run(s, 1, 0, false, false, &stop), run_cancelled);
}

TEST(Cancel, SimulateRunsKeepsTheFinishedRunsWholeAndTheSame) {
  const frozen_scenario s = load_scenario_file(scenario_path("birmingham-2019.yaml").string());
  run_options all;
  all.runs = 40;
  all.seed = 5;
  const std::vector<run_result> reference = simulate_runs(s, all);
  std::atomic<bool> stop{false};
  std::atomic<int> finished{0};
  run_options cut = all;
  cut.cancel = &stop;
  cut.on_run_done = [&](const run_result&) {
    if (++finished == 10) stop = true;  // raised while other runs are in flight
  };
  const std::vector<run_result> kept = simulate_runs(s, cut);
  EXPECT_GE(kept.size(), 10u);
  EXPECT_LT(kept.size(), 40u);
  for (const run_result& r : kept) {
    const run_result& same = reference[static_cast<std::size_t>(r.run)];
    EXPECT_EQ(r.counters.values, same.counters.values) << "run " << r.run;
  }
}
