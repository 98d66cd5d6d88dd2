// The profiled week (the benchmarks' view of where the time goes) steps a world exactly as step_week does: each local
// step over every council, then the next, on one thread, timing each step.
#include <gtest/gtest.h>

#include "../../test_support.hpp"
#include "partyline/engine/build.hpp"
#include "partyline/engine/engine.hpp"
#include "partyline/outcome/outcomes.hpp"
#include "partyline/partyline.hpp"

using namespace partyline;
using partyline::testing::scenario_path;

TEST(WeekProfile, StepsTheWorldAsStepWeekDoesAndTimesEveryStep) {
  // Haringey: a referral, decisions applied, selections and the May election inside the run.
  const frozen_scenario s = load_scenario_file(scenario_path("haringey-2018.yaml").string());
  for (std::uint64_t run = 0; run < 3; ++run) {
    world a = build_world(s, 11, run), b = build_world(s, 11, run);
    const run_counters start = collect_run(a, {});
    week_profile profile;
    for (int week = 0; week < s->weeks; ++week) {
      step_week(a);
      step_week_profiled(b, profile);
    }
    EXPECT_EQ(a.week, b.week);
    EXPECT_EQ(collect_run(a, start).values, collect_run(b, start).values) << "run " << run;
    ASSERT_EQ(a.councillors.size(), b.councillors.size());
    for (std::uint32_t r = 0; r < a.councillors.size(); ++r) {
      EXPECT_EQ(a.councillors.position[r], b.councillors.position[r]) << r;
      EXPECT_EQ(a.councillors.party[r], b.councillors.party[r]) << r;
    }
    for (std::uint32_t m = 0; m < a.members.size(); m += 97) EXPECT_EQ(a.members.status[m], b.members.status[m]) << m;
    ASSERT_EQ(a.log.merged.size(), b.log.merged.size());
    for (std::size_t i = 0; i < a.log.merged.size(); ++i) EXPECT_EQ(a.log.merged[i].detail, b.log.merged[i].detail) << i;
    // Every step of the schedule has its line; the member steps are told apart; time was spent on both kinds.
    bool mood = false, exits = false, count = false;
    for (const auto& e : profile.steps) {
      mood = mood || (e.step == "member mood" && e.members);
      exits = exits || (e.step == "R14 member exit" && e.members);
      count = count || (e.step.find("R13 the count") == 0 && !e.members);
    }
    EXPECT_TRUE(mood && exits && count);
    EXPECT_GT(profile.member_seconds(), 0);
    EXPECT_GT(profile.other_seconds(), 0);
  }
}
