// Birmingham 2019 with the default coefficients: over 1,000 runs the documented pattern is the likely outcome.
// Thresholds (stated here and in docs/model.md, "Calibration"):
//   disputes reach strike ............................. in >= 90% of runs
//   a backbench letter is published ................... in >= 70% of runs
//   its size (first letter) is 15-35 signatories ...... in >= 60% of the runs with a letter
//   the regional board refers the leader .............. in >= 70% of runs
//   the executive takes 8+ weeks to decide ............ in >= 80% of the runs where it decides
//   the leader is still in office at week 52 .......... in >= 60% of runs
#include <gtest/gtest.h>

#include <algorithm>

#include "../test_support.hpp"
#include "partyline/outcome/collect.hpp"

using namespace partyline;

TEST(BirminghamPattern, DocumentedPatternIsTheLikelyOutcome) {
  const auto s = load_scenario_file(partyline::testing::scenario_path("birmingham-2019.yaml"));
  run_options opt;
  const int n = partyline::testing::pattern_runs();
  opt.runs = n;
  opt.seed = static_cast<std::uint64_t>(s->seed);
  opt.events = true;
  const auto results = simulate_runs(s, opt);
  ASSERT_EQ(static_cast<int>(results.size()), n);

  int strike = 0, letter = 0, letter_in_range = 0, referred = 0, decided = 0, slow = 0, survived = 0;
  for (const auto& r : results) {
    strike += r.counters[run_outcome::strike_weeks] > 0;
    referred += r.counters[run_outcome::requests] > 0;
    survived += r.counters[run_outcome::leaders_removed] == 0 && r.counters[run_outcome::leaders_stood_down] == 0;
    bool first_letter = true, first_decision = true;
    for (const auto& e : r.events) {
      if (e.event == "backbench_letter" && first_letter) {
        first_letter = false;
        ++letter;
        letter_in_range += e.value >= 15 && e.value <= 35;
      }
      if (e.rule == 2 && (e.event == "investigate" || e.event == "dismiss") && first_decision) {
        first_decision = false;
        ++decided;
        slow += e.value >= 8;
      }
    }
  }
  RecordProperty("strike", strike);
  RecordProperty("letter", letter);
  RecordProperty("letter_in_range", letter_in_range);
  RecordProperty("referred", referred);
  RecordProperty("decided", decided);
  RecordProperty("slow", slow);
  RecordProperty("survived", survived);
  std::printf("strike %d, letter %d (15-35: %d), referred %d, decided %d (8+ weeks: %d), leader survives %d of %d\n",
              strike, letter, letter_in_range, referred, decided, slow, survived, n);
  EXPECT_GE(strike, 0.9 * n);
  EXPECT_GE(letter, 0.7 * n);
  EXPECT_GE(letter_in_range, 0.6 * letter);
  EXPECT_GE(referred, 0.7 * n);
  ASSERT_GT(decided, 0);
  EXPECT_GE(slow, 0.8 * decided);
  EXPECT_GE(survived, 0.6 * n);
}
